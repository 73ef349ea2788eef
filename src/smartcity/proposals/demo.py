"""Demo proposals of the three pilot cities and a city development company, written through the services.

Khon Kaen's and Phuket's are submitted here and taken further by `smartcity.evaluation.demo` (Khon Kaen
approved and acknowledged, Phuket in evaluation); Chiang Mai's is returned for revision; the Khon Kaen Think
Tank's is still a draft.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from smartcity.accounts.models import Organization, User
from smartcity.program.models import Call, CityType

from . import services
from .models import Proposal


def _square(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _dates(start_year: int, months: int) -> tuple[dt.date, dt.date]:
    start = dt.date(start_year, 1, 1)
    return start, start + dt.timedelta(days=30 * months)


CITIES = {
    "Khon Kaen City Municipality": {
        "partners": ["Khon Kaen Think Tank Co., Ltd."],
        "email": "khonkaen@smartcity.example",
        "title_th": "ขอนแก่นเมืองอัจฉริยะ: เมืองน่าอยู่ เดินทางสะดวก สุขภาพดี",
        "title_en": "Khon Kaen Smart City: livable, connected, healthy",
        "domains": ["environment", "mobility", "living"],
        "area": _square(102.80, 16.40, 102.87, 16.47),
        "admin_units": ["40", "4001"],
        "population": 113754,
        "baseline_problems": "การจราจรติดขัดในเขตเมือง ขนส่งสาธารณะไม่เพียงพอ\nน้ำเสียจากชุมชนไหลลงบึงแก่นนคร",
        "vision": "ขอนแก่นเมืองน่าอยู่ ด้วยระบบขนส่งมวลชนรางเบาและบริการสุขภาพอัจฉริยะ",
        "services": [
            (
                "mobility",
                "ระบบขนส่งมวลชนรางเบา 26 กม.",
                "รถไฟฟ้ารางเบาสายเหนือ–ใต้ ดำเนินการโดยห้าเทศบาลร่วมกัน",
                6_000_000_000,
            ),
            ("living", "Smart Health รถพยาบาลอัจฉริยะ", "รถพยาบาลส่งข้อมูลผู้ป่วยถึงโรงพยาบาลแบบเรียลไทม์", 45_000_000),
            ("environment", "ตรวจวัดคุณภาพน้ำบึงแก่นนคร", "เซนเซอร์คุณภาพน้ำแจ้งเตือนค่าออกซิเจนละลายน้ำ", 8_500_000),
        ],
        "infrastructure": [
            ("iot_network", "เครือข่าย LoRaWAN ทั่วเขตเทศบาล", 25_000_000),
            ("fibre", "โครงข่ายใยแก้วนำแสงตามแนวรถไฟฟ้ารางเบา", 120_000_000),
        ],
        "company": "บริษัท ขอนแก่นพัฒนาเมือง จำกัด (KKTT)",
        "stage": "submitted",
    },
    "Phuket City Municipality": {
        "email": "phuket@smartcity.example",
        "title_th": "ภูเก็ตเมืองอัจฉริยะเพื่อการท่องเที่ยวที่ปลอดภัย",
        "title_en": "Phuket Smart City for safe tourism",
        "domains": ["environment", "economy", "governance"],
        "area": _square(98.36, 7.86, 98.40, 7.90),
        "admin_units": ["83", "8301"],
        "population": 79308,
        "baseline_problems": "นักท่องเที่ยวจำนวนมากในฤดูท่องเที่ยว ขยะและน้ำเสียเพิ่มขึ้น\nความปลอดภัยในพื้นที่สาธารณะ",
        "vision": "ภูเก็ตเมืองท่องเที่ยวอัจฉริยะ ปลอดภัย และยั่งยืน ด้วยแพลตฟอร์มข้อมูลเมืองแห่งแรก",
        "services": [
            ("governance", "กล้อง CCTV อัจฉริยะและศูนย์สั่งการ", "วิเคราะห์ภาพเพื่อความปลอดภัยของนักท่องเที่ยว", 90_000_000),
            ("economy", "แพลตฟอร์มข้อมูลการท่องเที่ยว", "ข้อมูลนักท่องเที่ยวเพื่อผู้ประกอบการท้องถิ่น", 30_000_000),
            ("environment", "ติดตามขยะและน้ำเสียชายหาด", "เซนเซอร์ระดับขยะและคุณภาพน้ำทะเล", 12_000_000),
        ],
        "infrastructure": [
            ("public_wifi", "Wi-Fi สาธารณะ 1,000 จุด", 60_000_000),
            ("data_centre", "ศูนย์ข้อมูลเมือง (City Data Platform)", 40_000_000),
        ],
        "company": "บริษัท ภูเก็ตพัฒนาเมือง จำกัด",
        "stage": "submitted",
    },
    "Chiang Mai City Municipality": {
        "email": "chiangmai@smartcity.example",
        "title_th": "เชียงใหม่เมืองอัจฉริยะ: Smart Nimman และอากาศสะอาด",
        "title_en": "Chiang Mai Smart City: Smart Nimman and clean air",
        "domains": ["environment", "mobility"],
        "area": _square(98.95, 18.76, 99.02, 18.82),
        "admin_units": ["50", "5001"],
        "population": 127240,
        "baseline_problems": "หมอกควันและฝุ่น PM2.5 ในฤดูแล้ง\nที่จอดรถไม่เพียงพอย่านนิมมานเหมินท์",
        "vision": "เชียงใหม่เมืองเก่าอัจฉริยะ อากาศสะอาด เดินทางสะดวก",
        "services": [
            ("environment", "เครือข่ายเซนเซอร์คุณภาพอากาศ", "แจ้งค่า PM2.5 รายชั่วโมงให้ประชาชน", 15_000_000),
            ("mobility", "ที่จอดรถอัจฉริยะย่านนิมมาน", "เซนเซอร์ที่จอดรถและแอปนำทางไปยังช่องว่าง", 20_000_000),
        ],
        "infrastructure": [("physical", "นำสายไฟฟ้าและสายสื่อสารลงใต้ดินย่านนิมมาน", 350_000_000)],
        "company": "",
        "stage": "returned",
    },
    "Khon Kaen Think Tank Co., Ltd.": {
        "email": "kktt@smartcity.example",
        "title_th": "เมืองใหม่รอบสถานีรถไฟฟ้ารางเบาขอนแก่น (TOD)",
        "title_en": "Khon Kaen light-rail transit-oriented new town",
        "domains": ["environment", "mobility", "economy"],
        "area": _square(102.82, 16.43, 102.85, 16.46),
        "admin_units": ["40", "4001"],
        "population": 15000,
        "baseline_problems": "พื้นที่รอบสถานียังไม่ได้พัฒนา การเดินทางต่อเนื่องไม่สะดวก",
        "vision": "ย่านใหม่รอบสถานีที่เดินได้ ปั่นได้ และมีงานในพื้นที่",
        "services": [
            ("mobility", "จักรยานสาธารณะเชื่อมสถานี", "จุดจอดจักรยานสาธารณะทุกสถานี", 18_000_000),
            ("environment", "อาคารประหยัดพลังงานรอบสถานี", "มาตรฐานอาคารเขียวและการตรวจวัดพลังงาน", 25_000_000),
            ("economy", "ศูนย์บ่มเพาะธุรกิจดิจิทัล", "พื้นที่ทำงานร่วมและโครงการบ่มเพาะ", 40_000_000),
        ],
        "infrastructure": [("fibre", "ใยแก้วนำแสงรอบสถานี", 30_000_000)],
        "company": "บริษัท ขอนแก่นพัฒนาเมือง จำกัด (KKTT)",
        "stage": "submitted",
        "city_type": "new",
    },
}


def _fill(user: User, proposal: Proposal, city: dict, year: int) -> None:
    pid = proposal.pk
    services.update_proposal(
        actor=user,
        proposal_id=pid,
        revision=None,
        domains=city["domains"],
        partners=list(Organization.objects.filter(name_en__in=city.get("partners", [])).values_list("pk", flat=True)),
        changes={
            "title_en": city["title_en"],
            "admin_units": city["admin_units"],
            "population": city["population"],
            "baseline_problems": city["baseline_problems"],
            "vision": city["vision"],
            "platform_description": "แพลตฟอร์มข้อมูลเมือง (City Data Platform) รวบรวมข้อมูลจากเซนเซอร์และหน่วยงาน "
            "เปิดให้ภาครัฐ เอกชน และประชาชนใช้ร่วมกันตามมาตรฐาน",
            "sec_access_control": True,
            "sec_encryption": True,
            "sec_backup": True,
            "sec_audit_logging": True,
            "sec_incident_response": True,
            "sec_dpo_appointed": True,
            "open_data_plan": "เผยแพร่ชุดข้อมูลเปิดผ่านบัญชีข้อมูลเมืองทุกไตรมาส",
            "governance_structure": "คณะกรรมการเมืองอัจฉริยะ มีนายกเทศมนตรีเป็นประธาน",
            "lead_organization": proposal.organization.name_th,
            "city_development_company": city["company"],
            "financing_model": "งบประมาณเทศบาลร่วมกับการลงทุนภาคเอกชน (PPP)",
            "om_plan": "สัญญาดำเนินงานและบำรุงรักษา 5 ปี พร้อมตัวชี้วัดระดับการให้บริการ",
            "participation": "เวทีประชาคมทุกไตรมาส และช่องทางรับฟังความเห็นออนไลน์",
            "risks": "งบประมาณล่าช้า การยอมรับของประชาชน ความมั่นคงปลอดภัยไซเบอร์",
        },
    )
    services.set_area(actor=user, proposal_id=pid, revision=None, geojson=city["area"])
    services.replace_items(
        actor=user,
        proposal_id=pid,
        revision=None,
        kind="goals",
        rows=[
            {
                "domain": code,
                "title": f"ผลลัพธ์ด้าน{name[:30]}",
                "kpi_name": "ร้อยละความพึงพอใจของประชาชน",
                "unit": "%",
                "baseline": 55,
                "target": 80,
                "target_year": year + 3,
            }
            for code, name, *_rest in city["services"]
        ],
    )
    services.replace_items(
        actor=user,
        proposal_id=pid,
        revision=None,
        kind="infrastructure_items",
        rows=[
            {
                "category": category,
                "name": name,
                "budget_baht": budget,
                "funding_source": "เทศบาลและภาคเอกชน",
                "start_date": _dates(year, 24)[0],
                "end_date": _dates(year, 24)[1],
                "status": "planned",
            }
            for category, name, budget in city["infrastructure"]
        ],
    )
    services.replace_items(
        actor=user,
        proposal_id=pid,
        revision=None,
        kind="datasets",
        rows=[
            {
                "name": "ข้อมูลเซนเซอร์สิ่งแวดล้อม",
                "domain": "environment",
                "source": "เซนเซอร์ IoT ของเทศบาล",
                "update_frequency": "real_time",
                "openness": "open",
                "personal_data": False,
            },
            {
                "name": "ข้อมูลผู้ใช้บริการ",
                "domain": city["domains"][1],
                "source": "ระบบบริการของเทศบาล",
                "update_frequency": "daily",
                "openness": "restricted",
                "personal_data": True,
            },
        ],
    )
    services.replace_items(
        actor=user,
        proposal_id=pid,
        revision=None,
        kind="services",
        rows=[
            {
                "domain": code,
                "name": name,
                "description": description,
                "beneficiaries": "ประชาชนและนักท่องเที่ยว",
                "kpi": "จำนวนผู้ใช้บริการต่อเดือน",
                "budget_baht": budget,
                "start_date": _dates(year, 36)[0],
                "end_date": _dates(year, 36)[1],
                "status": "planned",
            }
            for code, name, description, budget in city["services"]
        ],
    )


@transaction.atomic
def load() -> list[Proposal]:
    """Create the demo proposals once; later runs leave existing ones as they are."""
    call = Call.objects.filter(opens_on__lte=timezone.localdate(), closes_on__gte=timezone.localdate()).first()
    if call is None:
        return []
    secretariat = User.objects.filter(program_roles__role="secretariat").first()
    made = []
    for org_name, city in CITIES.items():
        organization = Organization.objects.get(name_en=org_name)
        if Proposal.objects.filter(organization=organization).exists():
            continue
        user = User.objects.get(email=city["email"])
        proposal = services.create_proposal(
            actor=user,
            organization=organization,
            call=call,
            title_th=city["title_th"],
            city_type=CityType.objects.get(code=city.get("city_type", "livable")),
        )
        _fill(user, proposal, city, timezone.localdate().year)
        if city["stage"] in ("submitted", "returned"):
            services.submit_proposal(actor=user, proposal_id=proposal.pk)
        if city["stage"] == "returned" and secretariat is not None:
            services.return_for_revision(
                actor=secretariat,
                proposal_id=proposal.pk,
                comments={
                    "area_goals": "ขอบเขตพื้นที่ควรครอบคลุมย่านนิมมานเหมินท์ทั้งหมด และระบุค่าฐานของ PM2.5",
                    "management": "ระบุหน่วยงานที่รับผิดชอบการบำรุงรักษาเซนเซอร์หลังสิ้นสุดสัญญา",
                },
            )
        proposal.refresh_from_db()
        made.append(proposal)
    return made
