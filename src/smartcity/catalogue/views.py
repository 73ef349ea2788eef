"""The public pages: the national catalogue (search with facets) and a dataset's page."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from smartcity.core.thai import is_thai
from smartcity.program.models import Domain

from .dcat_views import dataset as dcat_dataset
from .dcat_views import negotiate
from .errors import InvalidPackage, NotFound
from .models import Publisher
from .preview import table_preview
from .rules import can_see_dataset, editable_organization_ids
from .schema_org import schema_org_json
from .search import package_search
from .services import dataset_by_ref
from .snippets import snippets
from .vocabularies import LICENCES_BY_ID, Classification, Frequency

PAGE_SIZE = 20
PAGE_FACETS = ("organization", "groups", "tags", "res_format", "license_id")
SORTS = {
    "": "score desc, metadata_modified desc",
    "modified": "metadata_modified desc",
    "name": "title_string asc",
}


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _selected(request: HttpRequest) -> dict[str, list[str]]:
    return {name: [v for v in request.GET.getlist(name) if v][:10] for name in PAGE_FACETS}


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 500))
    except ValueError:
        return 1


def _toggled(request: HttpRequest, field: str, value: str) -> str:
    """The query string with the facet value added, or removed when it is already chosen; back to page 1."""
    query = request.GET.copy()
    query.pop("page", None)
    values = query.getlist(field)
    query.setlist(field, [v for v in values if v != value] if value in values else [*values, value])
    return "?" + query.urlencode()


def _facet_links(request: HttpRequest, facets: dict, selected: dict) -> dict:
    """Each facet row as (value, display, count, link that toggles it, chosen or not)."""
    return {
        field: [(v, d, n, _toggled(request, field, v), v in selected.get(field, ())) for v, d, n in rows]
        for field, rows in facets.items()
    }


def _display_names(facets: dict) -> dict:
    """Facet values in the reader's language (organisations and domains have English names too)."""
    thai = is_thai()
    orgs = {
        p.name: (p.organization.name_th if thai else p.organization.name_en or p.organization.name_th)
        for p in Publisher.objects.filter(name__in=[v for v, _d, _n in facets.get("organization", [])]).select_related(
            "organization"
        )
    }
    domains = {d.code: (d.name_th if thai else d.name_en) for d in Domain.objects.all()}
    named = {}
    for field, rows in facets.items():
        lookup = orgs if field == "organization" else domains if field == "groups" else {}
        named[field] = [(value, lookup.get(value, display), count) for value, display, count in rows]
    return named


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    selected = _selected(request)
    query = request.GET.get("q", "").strip()[:500]
    page = _page_number(request)
    sort = request.GET.get("sort", "")
    fq = " ".join(f"{name}:{_quoted(value)}" for name, values in selected.items() for value in values)
    params = {
        "q": query,
        "fq": fq,
        "rows": PAGE_SIZE,
        "start": (page - 1) * PAGE_SIZE,
        "facet.field": list(PAGE_FACETS),
        "facet.limit": 10,
        "sort": SORTS.get(sort, SORTS[""]),
    }
    error = ""
    try:
        result = package_search(params, request.user)
        records, count = [json.loads(r) for r in result.records], result.count
        facets = _facet_links(request, _display_names(result.facets), selected)
    except InvalidPackage as refusal:
        error, records, facets, count = str(refusal), [], {}, 0
    context = {
        "query": query,
        "records": records,
        "count": count,
        "facets": facets,
        "selected": selected,
        "sort": sort,
        "error": error,
        "page": page,
        "pages": max(1, -(-count // PAGE_SIZE)),
        "facet_titles": {
            "organization": _("Organisations"),
            "groups": _("Domains"),
            "tags": _("Tags"),
            "res_format": _("Formats"),
            "license_id": _("Licences"),
        },
        "editable": bool(editable_organization_ids(request.user)),
    }
    return render(request, "catalogue/index.html", context)


@require_safe
def dataset(request: HttpRequest, name: str) -> HttpResponse:
    fmt = negotiate(request)
    if fmt:
        return dcat_dataset(request, name, fmt)
    try:
        found = dataset_by_ref(name)
    except NotFound as exc:
        raise Http404 from exc
    if not can_see_dataset(request.user, found):
        raise Http404
    record = json.loads(found.package_json)
    resources = list(found.resources.order_by("position", "created_at"))
    previews = {str(r.pk): table_preview(r, found.organization) for r in resources[:5]}
    licence = LICENCES_BY_ID.get(found.license_id)
    context = {
        "dataset": found,
        "record": record,
        "resources": list(zip(resources, record["resources"], strict=True)),
        "previews": previews,
        "charts": {rid: table.chart_data() for rid, table in previews.items() if table},
        "geojson": [r["url"] for r in record["resources"] if r["format"] == "GeoJSON"][:1],
        "licence": licence,
        "frequency": Frequency(found.frequency).label,
        "classification": Classification(found.classification).label,
        "snippets": snippets(record),
        "schema_org": schema_org_json(record),
        "can_edit": found.organization_id in editable_organization_ids(request.user),
        "site_url": settings.SITE_URL,
        "themes": list(found.themes.order_by("order")),
    }
    return render(request, "catalogue/dataset.html", context)
