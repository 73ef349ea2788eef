"""Reads for other pages (the registry's city page shows the city's open datasets)."""

from __future__ import annotations

import json

from .search import visible


def public_records_for_organization(organization_id: int, limit: int = 12) -> list[dict]:
    rows = visible(None).filter(organization_id=organization_id).order_by("-updated_at", "name")
    return [json.loads(text) for text in rows.values_list("package_json", flat=True)[:limit]]
