"""The DCAT-AP 3 feeds: the catalogue (paged with Hydra) and each dataset, in Turtle, JSON-LD and RDF/XML,
chosen by the extension or by content negotiation (Accept)."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from . import dcat
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


def rdf_response(graph, fmt: str) -> HttpResponse:
    response = HttpResponse(dcat.serialize(graph, fmt), content_type=dcat.FORMATS[fmt][1] + "; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Vary"] = "Accept"
    return response


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
    records = public.values_list("package_json", flat=True)[(page - 1) * per_page : page * per_page]
    graph = dcat.new_graph()
    uris = [dcat.add_dataset(graph, json.loads(text)) for text in records]
    dcat.add_catalog(graph, uris)
    base = f"{settings.SITE_URL}/catalog.{fmt}"
    dcat.add_paging(graph, lambda n: f"{base}?page={n}", page, per_page, total)
    return rdf_response(graph, fmt)


@require_safe
def dataset(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    try:
        found = dataset_by_ref(name)
    except Exception as exc:
        raise Http404 from exc
    if not can_see_dataset(request.user, found):
        raise Http404
    graph = dcat.new_graph()
    dcat.add_dataset(graph, json.loads(found.package_json))
    return rdf_response(graph, fmt)
