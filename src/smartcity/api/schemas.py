"""Request and response shapes of the REST API (OpenAPI is generated from these)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema


class FindingOut(Schema):
    criterion: int
    severity: str
    code: str
    field: str
    message: str
    message_th: str
    message_en: str


class CheckOut(Schema):
    ready_to_submit: bool
    blocking: int
    warnings: int
    findings: list[FindingOut]


class ProposalSummary(Schema):
    id: int
    title_th: str
    title_en: str
    status: str
    organization_id: int
    call_id: int
    revision: int
    domains: list[str]
    submitted_at: dt.datetime | None
    updated_at: dt.datetime


class ProposalOut(ProposalSummary):
    document: dict[str, Any]


class ProposalCreate(Schema):
    organization_id: int
    call_id: int
    city_type: str
    title_th: str


class ProposalPatch(Schema):
    revision: int | None = None
    changes: dict[str, Any] = {}
    domains: list[str] | None = None
    partners: list[int] | None = None


class ItemsIn(Schema):
    revision: int | None = None
    rows: list[dict[str, Any]]


class AreaIn(Schema):
    """The area as GeoJSON, or the shipped boundaries to merge (DOPA codes); neither clears it."""

    revision: int | None = None
    geojson: dict[str, Any] | None = None
    boundaries: list[str] | None = None
    repair: bool = False
    clip: bool = False


class WithdrawIn(Schema):
    reason: str = ""


class ReturnIn(Schema):
    comments: dict[str, str]
    deadline: dt.date | None = None


class ImportIn(Schema):
    organization_id: int
    call_id: int
    document: dict[str, Any]


class VersionOut(Schema):
    number: int
    submitted_at: dt.datetime
    document_sha256: str
    criteria_set_version: int


class AttachmentOut(Schema):
    id: int
    original_name: str
    title: str
    size: int
    sha256: str
    pages: int


class CallOut(Schema):
    id: int
    name_th: str
    name_en: str
    opens_on: dt.date
    closes_on: dt.date
    criteria_set_version: int
    city_types: list[str]


class PlaceOut(Schema):
    level: str
    code: str
    name: str
    name_th: str
    name_en: str
    within: str
    province_code: str
    bbox: list[float]
    has_shape: bool
