"""The public face: the registry (map, list, counts), city pages, open-data downloads and verification.

No view here needs an account and none writes, except the anonymous count of a verification.
"""

from __future__ import annotations

import functools
import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from smartcity.catalogue.selectors import public_records_for_organization
from smartcity.certification.models import Certificate
from smartcity.certification.services import record_verification
from smartcity.program.models import Domain
from smartcity.proposals import geometry

from . import exports, throttle
from .cache import cached
from .forms import NUMBER_PATTERN, RegistryFilterForm, VerifyForm, normalise_number
from .regions import REGIONS
from .selectors import RegistryFilter, city_page, counts, registry_entries
from .verification import check_payload, find_certificate

DATA_MAX_AGE = 60


def _domains() -> list[Domain]:
    return list(Domain.objects.order_by("order", "code"))


def _map_settings() -> dict[str, str]:
    return {"MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION if settings.MAP_TILE_URL else ""}


def _filter_form(request: HttpRequest, domains: list[Domain]) -> RegistryFilterForm:
    years = sorted({entry.issued_year for entry in registry_entries(RegistryFilter())})
    return RegistryFilterForm(request.GET or None, domains=domains, years=years)


# --- the registry --------------------------------------------------------------------------------------------


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    domains = _domains()
    form = _filter_form(request, domains)
    registry_filter = form.registry_filter()
    entries = registry_entries(registry_filter)
    query = registry_filter.query_string()
    context = {
        "form": form,
        "registry_filter": registry_filter,
        "entries": entries,
        "counts": counts(entries, [d.code for d in domains]),
        "domains": {d.code: d for d in domains},
        "regions": REGIONS,
        "query": query,
        "data_query": f"?{query}" if query else "",
        "open_data_licence": settings.OPEN_DATA_LICENCE,
        **_map_settings(),
        "map_labels": {
            "smart_city": _("Smart City"),
            "promotion_zone": _("Smart City Promotion Zone"),
            "open": _("Open the city page"),
            "status": _("Status"),
        },
    }
    return render(request, "registry/index.html", context)


@require_safe
def city(request: HttpRequest, number: str) -> HttpResponse:
    page = city_page(number) if NUMBER_PATTERN.match(number) else None
    if page is None:
        # Revoked certificates leave the registry; the verification page says why. Unknown: the same page.
        return redirect("verify:certificate", number=number) if NUMBER_PATTERN.match(number) else _not_found(request)
    domains = {d.code: d for d in _domains()}
    context = {
        "entry": page.entry,
        "plan": [(domains.get(group.domain), group) for group in page.plan],
        "certified_domains": [domains[code] for code in page.entry.domains if code in domains],
        **_map_settings(),
        "area_feature": {
            "type": "Feature",
            "geometry": page.entry.area,
            "properties": {"designation": page.entry.designation, "status": page.entry.status},
        },
    }
    context["datasets"] = _city_datasets(number)
    return render(request, "registry/city.html", context)


def _city_datasets(number: str) -> list[dict]:
    """The city's public open data, from the catalogue (read fresh: it changes more often than the registry)."""
    organization_id = Certificate.objects.filter(number=number).values_list("organization_id", flat=True).first()
    return public_records_for_organization(organization_id) if organization_id else []


@require_safe
@cache_control(public=True, max_age=86400)
def thailand(request: HttpRequest) -> HttpResponse:
    """Thailand's outline, the map's base layer when no tile server is configured."""
    return HttpResponse(_thailand_outline(), content_type="application/geo+json")


@functools.lru_cache(maxsize=1)
def _thailand_outline() -> bytes:
    return json.dumps(geometry.to_geojson(geometry.thailand_outline()), separators=(",", ":")).encode()


# --- open data -----------------------------------------------------------------------------------------------

DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "smartcity-registry.csv"),
    "geojson": ("application/geo+json", "smartcity-registry.geojson"),
    "json": ("application/json", "smartcity-registry.json"),
}


def _download(request: HttpRequest, fmt: str) -> HttpResponse:
    form = RegistryFilterForm(request.GET or None, domains=_domains())
    registry_filter = form.registry_filter()
    if form.is_bound and form.errors:
        errors = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items())
        response = HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    else:

        def build() -> bytes:
            entries = registry_entries(registry_filter)
            if fmt == "csv":
                return exports.to_csv(entries)
            if fmt == "geojson":
                return exports.to_geojson(entries, registry_filter)
            return exports.to_json(entries, registry_filter)

        content_type, filename = DOWNLOADS[fmt]
        response = HttpResponse(cached(f"data.{fmt}:{registry_filter.key}", build), content_type=content_type)
        if fmt == "csv":
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        patch_cache_control(response, public=True, max_age=DATA_MAX_AGE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def data_csv(request: HttpRequest) -> HttpResponse:
    return _download(request, "csv")


@require_safe
def data_geojson(request: HttpRequest) -> HttpResponse:
    return _download(request, "geojson")


@require_safe
def data_json(request: HttpRequest) -> HttpResponse:
    return _download(request, "json")


# --- verification --------------------------------------------------------------------------------------------


def _too_many(request: HttpRequest, wait: int) -> HttpResponse:
    response = render(request, "registry/too_many.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/not_found.html", status=404)


@never_cache
@require_safe
def verify_form(request: HttpRequest) -> HttpResponse:
    """The form: a number goes to its page; a payload is checked and, when genuine, goes to its certificate."""
    if "q" not in request.GET:
        return render(request, "registry/verify_form.html", {"form": VerifyForm()})
    # A request that ends in a redirect to a certificate's page is counted there, once; the others here.
    form = VerifyForm(request.GET)
    if form.is_valid():
        answer = form.cleaned_data["q"]
        if "payload" not in answer:
            return redirect("verify:certificate", number=answer["number"])
        check = check_payload(answer["payload"])  # bounded in size and cheap; refusals are counted below
        number = check.number if check.genuine else answer["number"]
        if NUMBER_PATTERN.match(number or ""):
            url = reverse("verify:certificate", args=[number])
            return redirect(f"{url}?{_payload_query(answer['payload'])}")
    wait = throttle.seconds_to_wait(request)
    if wait:
        return _too_many(request, wait)
    if not form.is_valid():
        return render(request, "registry/verify_form.html", {"form": form}, status=400)
    return render(request, "registry/verify_form.html", {"form": form, "check": check})


def _payload_query(payload: str) -> str:
    return urlencode({"p": payload})


@never_cache
@require_safe
def verify_certificate(request: HttpRequest, number: str) -> HttpResponse:
    wait = throttle.seconds_to_wait(request)
    if wait:
        return _too_many(request, wait)
    normalised = normalise_number(number)
    if normalised != number and NUMBER_PATTERN.match(normalised):
        url = reverse("verify:certificate", args=[normalised])
        return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
    certificate = find_certificate(number)
    if certificate is None:
        return _not_found(request)
    record_verification(certificate)
    payload = request.GET.get("p", "")
    context = {
        "certificate": certificate,
        "status": certificate.status,
        "domains": list(certificate.domains.all()),
        "check": check_payload(payload, certificate) if payload else None,
        "payload": payload,
    }
    return render(request, "registry/verify.html", context)
