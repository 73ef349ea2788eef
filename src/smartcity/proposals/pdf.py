"""A frozen proposal version as an A4 PDF: WeasyPrint, the bundled Sarabun font and no network access.

The HTML comes from ``proposals/pdf/version.html``; every user value reaches it as plain text, so Django's
autoescaping applies. The only markup built here is the area outline, an SVG made of numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from itertools import groupby

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from smartcity.accounts.models import OrganizationKind
from smartcity.core import thai
from smartcity.core.identifiers import province_name
from smartcity.core.pdf import render_pdf
from smartcity.program.models import CityType, Criterion, Domain
from smartcity.proposals.document import MANAGEMENT_KEYS, SECTION_CRITERION, SECURITY_KEYS
from smartcity.proposals.models import InfrastructureCategory, ItemStatus, Openness, Proposal, UpdateFrequency

_KM_PER_DEGREE_LAT = 110.574
_KM_PER_DEGREE_LON = 111.320


def render_version_pdf(version) -> bytes:
    """The PDF of a frozen ProposalVersion, in Thai."""
    number, submitted_at = version.number, version.submitted_at
    return render_document_pdf(version.document, version_number=number, submitted_at=submitted_at)


def render_document_pdf(
    document: dict, *, version_number: int, submitted_at: dt.datetime | None, language: str = "th"
) -> bytes:
    with translation.override(language):
        context = _context(document, version_number, submitted_at)
        html = render_to_string("proposals/pdf/version.html", context)
        css = render_to_string("proposals/pdf/version.css")
    return render_pdf(html, css)


def area_outline_svg(geojson: dict | None, width: int = 480, height: int = 320) -> str:
    """The area's outline, north up, in an equirectangular projection scaled by cos(latitude)."""
    if not geojson:
        return ""
    if geojson.get("type") == "Feature":
        geojson = geojson.get("geometry") or {}
    coordinates = geojson.get("coordinates") or []
    polygons = {"Polygon": [coordinates], "MultiPolygon": coordinates}.get(geojson.get("type"), [])
    rings = [[(float(x), float(y)) for x, y, *_z in ring] for polygon in polygons for ring in polygon]
    rings = [ring for ring in rings if len(ring) > 2]
    if not rings:
        return ""
    lons, lats = [p[0] for r in rings for p in r], [p[1] for r in rings for p in r]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    k = math.cos(math.radians((south + north) / 2))
    pad, note_h = 12, 22
    span_x, span_y = max((east - west) * k, 1e-9), max(north - south, 1e-9)
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad - note_h) / span_y)
    ox = (width - span_x * scale) / 2
    oy = (height - note_h - span_y * scale) / 2

    def outline(ring: list[tuple[float, float]]) -> str:
        points = (f"{ox + (lon - west) * k * scale:.1f},{oy + (north - lat) * scale:.1f}" for lon, lat in ring)
        # A vertex on the same tenth of a pixel as the one before adds nothing to the drawing.
        return "M" + " L".join(xy for xy, _run in groupby(points)) + " Z"

    path = " ".join(outline(ring) for ring in rings)
    note = _("Extent %(width)s × %(height)s km") % {
        "width": _km((east - west) * k * _KM_PER_DEGREE_LON),
        "height": _km((north - south) * _KM_PER_DEGREE_LAT),
    }
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="area-map" width="{w}" height="{h}" '
        'viewBox="0 0 {w} {h}">'
        '<rect x="0.5" y="0.5" width="{rw}" height="{rh}" fill="#fbfcfa" stroke="#b9c2b5"/>'
        '<path d="{d}" fill="#cfe8c9" fill-rule="evenodd" stroke="#1b5e20" stroke-width="1.6" '
        'stroke-linejoin="round"/>'
        '<text x="{tx}" y="{ty}" font-family="Sarabun" font-size="12" fill="#37474f" '
        'text-anchor="end">{note}</text>'
        "</svg>",
        w=width, h=height, rw=width - 1, rh=height - 1, d=path, tx=width - pad, ty=height - 9, note=note,
    )  # fmt: skip


def _km(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _number(value) -> str:
    """1,234 or 42.5: thousands separators, and the decimals the proponent gave."""
    return "" if value is None or value == "" else f"{Decimal(str(value)).normalize():,f}"


def _date(value: str | None) -> str:
    return thai.format_date(dt.date.fromisoformat(value), short=True) if value else ""


def _pick(names: dict | None, field: str = "name") -> str:
    """The active language's name from a {"name_th", "name_en"} dict, falling back to Thai."""
    names = names or {}
    english = "" if thai.is_thai() else names.get(f"{field}_en")
    return english or names.get(f"{field}_th") or names.get(f"{field}_en") or ""


def _label(field: str) -> str:
    return Proposal._meta.get_field(field).verbose_name


def _bilingual(obj) -> str:
    if obj is None:
        return ""
    return obj.name_th if thai.is_thai() else (obj.name_en or obj.name_th)


def _context(document: dict, version_number: int, submitted_at: dt.datetime | None) -> dict:
    domains = {d.code: _bilingual(d) for d in Domain.objects.all()}
    criteria = {c.number: c.title_th if thai.is_thai() else c.title_en for c in Criterion.objects.all()}
    headings = {key: f"{number}. {criteria.get(number, '')}" for key, number in SECTION_CRITERION.items()}
    city_type = CityType.objects.filter(code=document.get("city_type") or "").first()
    labels = {**dict(InfrastructureCategory.choices), **dict(ItemStatus.choices)}
    frequency, openness = dict(UpdateFrequency.choices), dict(Openness.choices)
    proponent = document.get("proponent") or {}
    area = document.get("area_goals") or {}
    platform = document.get("data_platform") or {}

    def rows(items: list[dict]) -> list[dict]:
        return [
            {**item, "domain_name": domains.get(item.get("domain"), item.get("domain") or ""),
             "category_label": labels.get(item.get("category"), item.get("category") or ""),
             "status_label": labels.get(item.get("status"), item.get("status") or ""),
             "budget": thai.format_baht(item.get("budget_baht")),
             "start": _date(item.get("start_date")), "end": _date(item.get("end_date"))}
            for item in items or []
        ]  # fmt: skip

    goals = [
        {**g, "baseline_text": _number(g.get("baseline")), "target_text": _number(g.get("target")),
         "year": thai.buddhist_year(g["target_year"]) if g.get("target_year") and thai.is_thai()
         else g.get("target_year") or ""}
        for g in rows(area.get("goals"))
    ]  # fmt: skip
    datasets = [
        {**d, "frequency": frequency.get(d.get("update_frequency"), d.get("update_frequency") or ""),
         "openness_label": openness.get(d.get("openness"), d.get("openness") or "")}
        for d in rows(platform.get("datasets"))
    ]  # fmt: skip
    security = platform.get("security") or {}
    management = document.get("management") or {}
    return {
        "title_th": (document.get("title") or {}).get("th") or "",
        "title_en": (document.get("title") or {}).get("en") or "",
        "proponent": _pick(proponent),
        "proponent_other": proponent.get("name_en") if thai.is_thai() else proponent.get("name_th"),
        "proponent_kind": dict(OrganizationKind.choices).get(proponent.get("kind"), ""),
        "province": province_name(proponent.get("province_code") or "", translation.get_language() or "th"),
        "partners": [_pick(p) for p in document.get("partners") or []],
        "call": _pick(document.get("call")),
        "city_type": _bilingual(city_type),
        "domains": [domains.get(code, code) for code in document.get("domains") or []],
        "version_number": version_number,
        "submitted_at": submitted_at,
        "headings": headings,
        "area": area,
        "area_svg": area_outline_svg(area.get("area")),
        "area_km2": _number(area.get("area_km2")),
        "population": _number(area.get("population")),
        "goals": goals,
        "infrastructure": rows((document.get("infrastructure") or {}).get("items")),
        "platform": platform,
        "datasets": datasets,
        "security": [(_label(f"sec_{key}"), security.get(key)) for key in SECURITY_KEYS],
        "services": rows((document.get("services") or {}).get("items")),
        "management": [(_label(key), management.get(key)) for key in MANAGEMENT_KEYS],
        "attachments": [{**a, "size_text": _number(a.get("size"))} for a in document.get("attachments") or ()],
    }
