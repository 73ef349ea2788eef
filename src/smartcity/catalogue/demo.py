"""The demo's catalogues for the pilot cities: Thai and English datasets with uploaded files, links and live
resources. ``load()`` is the one entry point; it is idempotent (existing names are left as they are)."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from smartcity.accounts.models import Membership, Organization

from . import resources, services
from .models import Dataset
from .publishers import publisher_for
from .rules import EDITOR_ROLES

PHUKET, CHIANG_MAI, KHON_KAEN = (
    "Phuket City Municipality",
    "Chiang Mai City Municipality",
    "Khon Kaen City Municipality",
)


def _csv(rows: list[list]) -> bytes:
    return ("\n".join(",".join(str(cell) for cell in row) for row in rows) + "\n").encode("utf-8")


def _points(features: list[tuple[str, str, float, float]]) -> bytes:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name_th": th, "name_en": en},
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
            for th, en, lon, lat in features
        ],
    }
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย."]

DATASETS = [
    {
        "org": PHUKET,
        "name": "phuket-air-quality-hourly",
        "title_translated": {"th": "คุณภาพอากาศรายชั่วโมง เทศบาลนครภูเก็ต", "en": "Hourly air quality, Phuket City"},
        "notes_translated": {
            "th": "ค่าฝุ่นละออง PM2.5 และ PM10 จากสถานีตรวจวัดของเทศบาล ปรับปรุงทุกชั่วโมง",
            "en": "PM2.5 and PM10 from the municipality's monitoring stations, updated every hour.",
        },
        "tags": ["คุณภาพอากาศ", "PM2.5", "air quality"],
        "groups": ["environment"],
        "frequency": "HOURLY",
        "file": (
            "stations.csv",
            _csv(
                [
                    ["สถานี", "PM2.5 (มคก./ลบ.ม.)", "PM10 (มคก./ลบ.ม.)"],
                    ["ศาลากลาง", 21, 38],
                    ["สะพานหิน", 17, 30],
                    ["ตลาดใหญ่", 26, 44],
                ]
            ),
        ),
    },
    {
        "org": PHUKET,
        "name": "phuket-tourists-monthly",
        "title_translated": {"th": "จำนวนนักท่องเที่ยวรายเดือน ภูเก็ต", "en": "Monthly tourist arrivals, Phuket"},
        "notes_translated": {
            "th": "จำนวนนักท่องเที่ยวไทยและต่างชาติที่เข้าพักในเขตเทศบาล",
            "en": "Thai and foreign visitors staying in the city.",
        },
        "tags": ["ท่องเที่ยว", "tourism"],
        "groups": ["economy"],
        "frequency": "MONTHLY",
        "file": (
            "tourists.csv",
            _csv(
                [
                    ["เดือน", "นักท่องเที่ยว (คน)"],
                    *[[m, n] for m, n in zip(MONTHS, [412000, 398000, 377000, 301000, 254000, 262000], strict=True)],
                ]
            ),
        ),
    },
    {
        "org": PHUKET,
        "name": "phuket-public-parking",
        "title_translated": {"th": "ที่จอดรถสาธารณะ เทศบาลนครภูเก็ต", "en": "Public car parks, Phuket City"},
        "notes_translated": {"th": "ตำแหน่งที่จอดรถสาธารณะในเขตเมืองเก่า", "en": "Public car parks in the old town."},
        "tags": ["ที่จอดรถ", "parking"],
        "groups": ["mobility"],
        "frequency": "IRREG",
        "file": (
            "parking.geojson",
            _points(
                [
                    ("ลานจอดสะพานหิน", "Saphan Hin car park", 98.4002, 7.8699),
                    ("ลานจอดถนนถลาง", "Thalang Road car park", 98.3870, 7.8856),
                ]
            ),
        ),
    },
    {
        "org": CHIANG_MAI,
        "name": "chiangmai-pm25-daily",
        "title_translated": {"th": "ค่าฝุ่น PM2.5 รายวัน นครเชียงใหม่", "en": "Daily PM2.5, Chiang Mai City"},
        "notes_translated": {
            "th": "ค่าเฉลี่ย 24 ชั่วโมงของฝุ่น PM2.5 ในฤดูหมอกควัน",
            "en": "24-hour mean PM2.5 during the haze season.",
        },
        "tags": ["ฝุ่น", "PM2.5", "haze"],
        "groups": ["environment", "living"],
        "frequency": "DAILY",
        "file": (
            "pm25.csv",
            _csv(
                [
                    ["วันที่", "PM2.5 (มคก./ลบ.ม.)"],
                    ["2567-03-01", 88],
                    ["2567-03-02", 102],
                    ["2567-03-03", 95],
                    ["2567-03-04", 71],
                ]
            ),
        ),
    },
    {
        "org": CHIANG_MAI,
        "name": "chiangmai-walking-streets",
        "title_translated": {"th": "ถนนคนเดินและตลาดนัด เชียงใหม่", "en": "Walking streets and markets, Chiang Mai"},
        "notes_translated": {"th": "", "en": ""},
        "tags": ["ท่องเที่ยว", "market"],
        "groups": ["economy"],
        "frequency": "ANNUAL",
        "file": (
            "markets.geojson",
            _points(
                [
                    ("ถนนคนเดินวันอาทิตย์ ท่าแพ", "Sunday Walking Street", 98.9930, 18.7877),
                    ("ถนนคนเดินวัวลาย", "Wualai Walking Street", 98.9870, 18.7770),
                ]
            ),
        ),
    },
    {
        "org": KHON_KAEN,
        "name": "khonkaen-city-bus-ridership",
        "title_translated": {
            "th": "ผู้โดยสารรถโดยสารประจำทางขอนแก่นรายเดือน",
            "en": "Khon Kaen City Bus monthly ridership",
        },
        "notes_translated": {"th": "จำนวนผู้โดยสารของรถโดยสารประจำทางอัจฉริยะ", "en": "Passengers of the smart city bus."},
        "tags": ["ขนส่งสาธารณะ", "bus"],
        "groups": ["mobility"],
        "frequency": "MONTHLY",
        "file": (
            "ridership.csv",
            _csv(
                [
                    ["เดือน", "ผู้โดยสาร (คน)"],
                    *[[m, n] for m, n in zip(MONTHS, [61000, 58500, 64200, 49800, 66100, 67300], strict=True)],
                ]
            ),
        ),
        "link": ("https://www.khonkaen.go.th/", "เว็บไซต์เทศบาล"),
    },
    {
        "org": KHON_KAEN,
        "name": "khonkaen-elderly-register",
        "title_translated": {"th": "ทะเบียนผู้สูงอายุที่ได้รับเบี้ยยังชีพ", "en": "Register of elderly allowance recipients"},
        "notes_translated": {"th": "ข้อมูลส่วนบุคคล ใช้ภายในเทศบาลเท่านั้น", "en": "Personal data, for the municipality only."},
        "tags": ["สวัสดิการ"],
        "groups": ["living"],
        "frequency": "MONTHLY",
        "classification": "personal",
        "private": True,
    },
]


def _editor(organization: Organization):
    membership = Membership.objects.filter(organization=organization, role__in=EDITOR_ROLES).select_related("user")
    first = membership.order_by("role", "id").first()
    return first.user if first else None


def _plan_dataset(org: Organization, key: str) -> dict:
    return {
        "org": org.name_en,
        "name": f"{key}-smart-city-plan-goals",
        "title_translated": {
            "th": f"เป้าหมายและตัวชี้วัดแผนเมืองอัจฉริยะ {org.name_th}",
            "en": f"Smart city plan goals and KPIs, {org.name_en}",
        },
        "notes_translated": {
            "th": "เป้าหมายของแผนที่ได้รับการรับรอง ดึงจากแพลตฟอร์มทุกครั้งที่ดาวน์โหลด",
            "en": "The goals of the certified plan, read from the platform at every download.",
        },
        "tags": ["แผนเมืองอัจฉริยะ", "KPI"],
        "groups": ["governance"],
        "frequency": "UPDATE_CONT",
        "live": "plan-goals",
    }


def _create(entry: dict, org: Organization, actor) -> None:
    data = {
        "name": entry["name"],
        "title_translated": entry["title_translated"],
        "notes_translated": entry["notes_translated"],
        "owner_org": publisher_for(org).name,
        "tags": [{"name": t} for t in entry["tags"]],
        "groups": [{"name": g} for g in entry["groups"]],
        "frequency": entry["frequency"],
        "license_id": "dga-ogl-th",
        "classification": entry.get("classification", "open"),
        "private": entry.get("private", False),
        "maintainer": org.name_th,
        "temporal_start": "2024-01-01",
        "resources": [],
    }
    if "live" in entry:
        data["resources"] = [
            {
                "name_translated": {"th": "ข้อมูลสด (CSV)", "en": "Live (CSV)"},
                "url_type": "live",
                "live_kind": entry["live"],
            }
        ]
    if "link" in entry:
        data["resources"].append({"name": entry["link"][1], "url": entry["link"][0], "format": "HTML"})
    dataset = services.create_dataset(actor=actor, data=data)
    if "file" in entry:
        file_name, content = entry["file"]
        upload = SimpleUploadedFile(file_name, content)
        name = {"th": file_name, "en": file_name}
        resources.create_resource(
            actor=actor, data={"package_id": str(dataset.pk), "name_translated": name}, upload=upload
        )


def load() -> list[str]:
    """Create the pilot cities' catalogues; returns the names created."""
    organizations = {
        org.name_en: org for org in Organization.objects.filter(name_en__in=[PHUKET, CHIANG_MAI, KHON_KAEN])
    }
    entries = list(DATASETS)
    for key, name in (("phuket", PHUKET), ("chiangmai", CHIANG_MAI), ("khonkaen", KHON_KAEN)):
        if name in organizations:
            entries.append(_plan_dataset(organizations[name], key))
    created = []
    existing = set(Dataset.objects.values_list("name", flat=True))
    for entry in entries:
        org = organizations.get(entry["org"])
        actor = _editor(org) if org else None
        if org is None or actor is None or entry["name"] in existing:
            continue
        _create(entry, org, actor)
        created.append(entry["name"])
    return created
