"""The DCAT-AP 3 feeds: the catalogue (paged with Hydra) and each dataset, in Turtle, JSON-LD and RDF/XML,
chosen by the extension or by content negotiation (Accept)."""

from __future__ import annotations

import json

from django.conf import settings
from django.db.models import Case, TextField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from . import dcat, dcat_pages
from .errors import NotFound
from .models import Dataset
from .rules import can_see_dataset
from .search import visible
from .services import dataset_by_ref

_ACCEPT_MAP = {
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdf",
}


def negotiate(request: HttpRequest) -> str | None:
    """The RDF format the client prefers to HTML, if any (a browser's Accept never picks one)."""
    offers = []
    for index, part in enumerate(request.headers.get("Accept", "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        offers.append((-q, index, media.lower()))
    for _q, _index, media in sorted(offers):
        if media in _ACCEPT_MAP:
            return _ACCEPT_MAP[media]
        if media in ("text/html", "application/xhtml+xml", "*/*"):
            return None
    return None


def rdf_response(text: str, fmt: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type=dcat.FORMATS[fmt][1] + "; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Vary"] = "Accept"
    return response


def _stored(queryset, fmt: str) -> list[tuple[str, str]]:
    """(id, fragment) per dataset, the fragment serialised now for a row written before fragments were kept."""
    column = dcat_pages.COLUMNS[fmt]
    missing = Case(When(**{column: ""}, then="package_json"), default=Value(""), output_field=TextField())
    rows = queryset.values_list("pk", column, missing)
    return [(str(pk), text or dcat_pages.fragment(_graph_of(record), fmt)) for pk, text, record in rows]


def _graph_of(record_json: str):
    graph = dcat.new_graph()
    dcat.add_dataset(graph, json.loads(record_json))
    return graph


@require_safe
def catalog(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    fmt = fmt or negotiate(request) or "ttl"
    per_page = settings.CATALOGUE_DCAT_PAGE_SIZE
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    public = visible(None).order_by("-updated_at", "name")
    total = public.count()
    rows = _stored(public[(page - 1) * per_page : page * per_page], fmt)
    # The catalogue's own statements (a few per dataset) are serialised by rdflib per request; each dataset's
    # graph comes from its stored fragment (dcat_pages.py).
    graph = dcat.new_graph()
    site = settings.SITE_URL
    dcat.add_catalog(graph, [dcat.dataset_uri({"id": pk}, site) for pk, _text in rows])
    dcat.add_paging(graph, lambda n: f"{site}/catalog.{fmt}?page={n}", page, per_page, total)
    parts = [dcat_pages.plain_fragment(graph, fmt), *(text for _pk, text in rows)]
    return rdf_response(dcat_pages.document(fmt, parts), fmt)


@require_safe
def dataset(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    try:
        found = dataset_by_ref(name)
    except NotFound as exc:
        raise Http404 from exc
    if not can_see_dataset(request.user, found):
        raise Http404
    [(_pk, text)] = _stored(Dataset.objects.filter(pk=found.pk), fmt)
    return rdf_response(dcat_pages.document(fmt, [text]), fmt)
