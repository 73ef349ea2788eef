"""The registry as open data: CSV (UTF-8 with BOM, for Excel), GeoJSON and JSON. Fields: docs/open-data.md."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from .selectors import Entry, RegistryFilter

# The open-data fields, in the order of the CSV columns. The area itself is in the GeoJSON only.
FIELDS = [
    "number",
    "designation",
    "designation_th",
    "designation_en",
    "city_name_th",
    "city_name_en",
    "proponent_th",
    "proponent_en",
    "province_code",
    "province_th",
    "province_en",
    "region",
    "region_th",
    "region_en",
    "city_type",
    "city_type_th",
    "city_type_en",
    "domains",
    "issued_on",
    "valid_from",
    "expires_on",
    "status",
    "status_th",
    "status_en",
    "status_reason",
    "renewal_count",
    "criteria_set_version",
    "area_km2",
    "centroid_lat",
    "centroid_lon",
    "url",
    "verify_url",
]
# Free text typed by people: a spreadsheet must not take it for a formula (CSV injection).
TEXT_FIELDS = {"city_name_th", "city_name_en", "proponent_th", "proponent_en", "status_reason"}


def record(entry: Entry) -> dict[str, Any]:
    values = asdict(entry)
    values["domains"] = list(entry.domains)
    return {name: values[name] for name in FIELDS}


def licence() -> dict[str, str]:
    return {"name": settings.OPEN_DATA_LICENCE, "url": settings.OPEN_DATA_LICENCE_URL}


def _safe_cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(entries: list[Entry]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for entry in entries:
        row = record(entry)
        row["domains"] = ";".join(row["domains"])
        for name in TEXT_FIELDS:
            row[name] = _safe_cell(row[name])
        writer.writerow(["" if row[name] is None else row[name] for name in FIELDS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _dumps(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder, separators=(",", ":")).encode("utf-8")


def _about(registry_filter: RegistryFilter, count: int) -> dict[str, Any]:
    return {
        "generated_on": timezone.localdate().isoformat(),
        "licence": licence(),
        "filters": registry_filter.as_params(),
        "count": count,
    }


def to_json_data(entries: list[Entry], registry_filter: RegistryFilter) -> dict[str, Any]:
    return {**_about(registry_filter, len(entries)), "certificates": [record(entry) for entry in entries]}


def to_json(entries: list[Entry], registry_filter: RegistryFilter) -> bytes:
    return _dumps(to_json_data(entries, registry_filter))


def to_geojson(entries: list[Entry], registry_filter: RegistryFilter) -> bytes:
    features = [
        {"type": "Feature", "id": entry.number, "geometry": entry.area, "properties": record(entry)}
        for entry in entries
    ]
    return _dumps({"type": "FeatureCollection", **_about(registry_filter, len(entries)), "features": features})
