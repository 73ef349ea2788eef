"""The proposal as one JSON document: the shape of a frozen version, the export/import file and the input
of the rules check. Its JSON Schema is `schema.json` beside this module (published in docs/)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from importlib import resources
from typing import Any

SCHEMA_ID = "https://smartcity.example/schemas/proposal/v1.json"
SCHEMA_VERSION = 1
SECTIONS = ("area_goals", "infrastructure", "data_platform", "services", "management")
SECTION_CRITERION = {name: number for number, name in enumerate(SECTIONS, start=1)}
SECURITY_KEYS = (
    "access_control",
    "encryption",
    "backup",
    "audit_logging",
    "incident_response",
    "dpo_appointed",
    "data_sharing_agreements",
)
MANAGEMENT_KEYS = (
    "governance_structure",
    "lead_organization",
    "city_development_company",
    "financing_model",
    "om_plan",
    "participation",
    "risks",
)


def schema() -> dict:
    return json.loads(resources.files("smartcity.proposals").joinpath("schema.json").read_text("utf-8"))


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def proposal_to_document(proposal) -> dict[str, Any]:
    """Everything a reviewer needs, in plain JSON. Prefetch related rows to keep this at a few queries."""
    org = proposal.organization
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "title": {"th": proposal.title_th, "en": proposal.title_en},
        "city_type": proposal.city_type.code if proposal.city_type_id else None,
        "domains": sorted((d.code for d in proposal.domains.all()), key=_domain_order),
        "proponent": {
            "name_th": org.name_th,
            "name_en": org.name_en,
            "kind": org.kind,
            "province_code": org.province_code,
            "juristic_id": org.juristic_id or None,
        },
        "call": {"name_th": proposal.call.name_th, "name_en": proposal.call.name_en},
        "partners": [{"name_th": p.name_th, "name_en": p.name_en} for p in proposal.partners.all()],
        "area_goals": {
            "area": proposal.area,
            "area_km2": _number(proposal.area_km2),
            "admin_units": list(proposal.admin_units or []),
            "population": proposal.population,
            "baseline_problems": proposal.baseline_problems,
            "vision": proposal.vision,
            "goals": [
                {
                    "domain": g.domain.code,
                    "title": g.title,
                    "kpi_name": g.kpi_name,
                    "unit": g.unit,
                    "baseline": _number(g.baseline),
                    "target": _number(g.target),
                    "target_year": g.target_year,
                }
                for g in proposal.goals.all()
            ],
        },
        "infrastructure": {
            "items": [
                {
                    "category": i.category,
                    "name": i.name,
                    "description": i.description,
                    "budget_baht": _number(i.budget_baht),
                    "funding_source": i.funding_source,
                    "start_date": _date(i.start_date),
                    "end_date": _date(i.end_date),
                    "status": i.status,
                }
                for i in proposal.infrastructure_items.all()
            ]
        },
        "data_platform": {
            "description": proposal.platform_description,
            "datasets": [
                {
                    "name": d.name,
                    "domain": d.domain.code,
                    "source": d.source,
                    "update_frequency": d.update_frequency,
                    "openness": d.openness,
                    "personal_data": d.personal_data,
                }
                for d in proposal.datasets.all()
            ],
            "security": {key: getattr(proposal, f"sec_{key}") for key in SECURITY_KEYS},
            "open_data_plan": proposal.open_data_plan,
        },
        "services": {
            "items": [
                {
                    "domain": s.domain.code,
                    "name": s.name,
                    "description": s.description,
                    "beneficiaries": s.beneficiaries,
                    "kpi": s.kpi,
                    "budget_baht": _number(s.budget_baht),
                    "start_date": _date(s.start_date),
                    "end_date": _date(s.end_date),
                    "status": s.status,
                }
                for s in proposal.services.all()
            ]
        },
        "management": {key: getattr(proposal, key) for key in MANAGEMENT_KEYS},
        "attachments": [
            {"name": a.original_name, "title": a.title, "sha256": a.sha256, "size": a.size, "pages": a.pages}
            for a in proposal.attachments.all()
        ],
    }


_DOMAIN_ORDER = ("environment", "mobility", "living", "people", "energy", "economy", "governance")


def _domain_order(code: str) -> int:
    return _DOMAIN_ORDER.index(code) if code in _DOMAIN_ORDER else len(_DOMAIN_ORDER)


def prefetched(queryset):
    """The prefetches `proposal_to_document` needs."""
    return queryset.select_related("organization", "call", "city_type").prefetch_related(
        "domains",
        "partners",
        "goals__domain",
        "infrastructure_items",
        "datasets__domain",
        "services__domain",
        "attachments",
    )


def flatten(document: Any, prefix: str = "") -> dict[str, Any]:
    """{"area_goals.goals[0].title": ...}: the paths the diff view and findings point at."""
    if isinstance(document, dict):
        out: dict[str, Any] = {}
        for key, value in document.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(document, list) and any(isinstance(v, dict | list) for v in document):
        out = {}
        for index, value in enumerate(document):
            out.update(flatten(value, f"{prefix}[{index}]"))
        return out
    return {prefix: document}


def diff(old: dict, new: dict) -> list[tuple[str, Any, Any]]:
    """(path, before, after) for every value that changed between two documents. The area is compared whole."""
    a, b = flatten(_area_as_one(old)), flatten(_area_as_one(new))
    return [(key, a.get(key), b.get(key)) for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]


def _area_as_one(document: dict) -> dict:
    """The area compares as its type and a short hash: a changed vertex shows as one changed line."""
    copy = json.loads(json.dumps(document))
    section = copy.get("area_goals") or {}
    if isinstance(section.get("area"), dict):
        raw = json.dumps(section["area"], sort_keys=True).encode()
        section["area"] = f"{section['area'].get('type')} sha256:{hashlib.sha256(raw).hexdigest()[:12]}"
    return copy
