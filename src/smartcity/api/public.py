"""The public API: certificate status, payload verification and the registry. No account; rate-limited per
client address like the verification page (429 as an RFC 9457 problem with Retry-After)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Field, Query, Router, Schema

from smartcity.certification.models import Certificate, CertificateState
from smartcity.certification.services import record_verification
from smartcity.core.errors import UserFacingError
from smartcity.core.problems import problem_response
from smartcity.program.models import Domain
from smartcity.registry import exports, throttle
from smartcity.registry.cache import cached
from smartcity.registry.forms import RegistryFilterForm
from smartcity.registry.regions import region_for_province
from smartcity.registry.selectors import absolute_url, registry_entries
from smartcity.registry.verification import check_payload, compare, find_certificate

router = Router(tags=["public"])


class InvalidFilter(UserFacingError):
    status = 422
    code = "validation_error"


class PublicCertificateOut(Schema):
    number: str
    designation: str
    city_name_th: str
    city_name_en: str
    proponent_th: str
    proponent_en: str
    province_code: str
    region: str
    domains: list[str]
    issued_on: dt.date
    valid_from: dt.date
    expires_on: dt.date
    renewal_count: int
    criteria_set_version: int
    status: str = Field(description="valid, expiring, expired, suspended or revoked")
    status_label: str = Field(description="The status in the caller's language")
    status_reason: str = Field(description="The secretariat's reason, while suspended or revoked")
    status_changed_on: dt.date | None
    registry_url: str | None = Field(description="The city's page; none once revoked")
    verify_url: str


class VerifyIn(Schema):
    payload: str = Field(max_length=10000, description="The text of the certificate's QR code")


class VerifyOut(Schema):
    genuine: bool
    code: str = Field("", description="Why it is not genuine: malformed, truncated, bad_signature or unknown_key")
    message: str = ""
    key_id: str = ""
    fields: dict[str, Any] = {}
    certificate: PublicCertificateOut | None = Field(None, description="The current record of the certificate named")
    matches_current_record: bool = False
    superseded: bool = Field(False, description="Genuine, but signed for an earlier validity period (renewed since)")
    differences: list[str] = Field([], description="Signed fields that differ from the current record")


def _rate_limited(request: HttpRequest) -> HttpResponse | None:
    wait = throttle.seconds_to_wait(request)
    if not wait:
        return None
    title = _("Too many requests.")
    detail = ngettext(
        "Too many verifications came from your address in the last minute. Try again in %(seconds)s second.",
        "Too many verifications came from your address in the last minute. Try again in %(seconds)s seconds.",
        wait,
    ) % {"seconds": wait}
    response = problem_response(429, "rate_limited", title, detail)
    response["Retry-After"] = str(wait)
    return response


def public_certificate(certificate: Certificate) -> dict[str, Any]:
    region = region_for_province(certificate.province_code)
    status = certificate.status
    listed = certificate.state != CertificateState.REVOKED
    changed = certificate.state_changed_at
    return {
        "number": certificate.number,
        "designation": certificate.kind,
        "city_name_th": certificate.city_name_th,
        "city_name_en": certificate.city_name_en,
        "proponent_th": certificate.organization.name_th,
        "proponent_en": certificate.organization.name_en,
        "province_code": certificate.province_code,
        "region": region.code if region else "",
        "domains": [domain.code for domain in certificate.domains.all()],
        "issued_on": certificate.issued_on,
        "valid_from": certificate.valid_from,
        "expires_on": certificate.expires_on,
        "renewal_count": certificate.renewal_count,
        "criteria_set_version": certificate.criteria_set.version,
        "status": status,
        "status_label": certificate.get_status_display(),
        "status_reason": certificate.state_reason if certificate.state != CertificateState.ACTIVE else "",
        "status_changed_on": timezone.localdate(changed)
        if changed and certificate.state != CertificateState.ACTIVE
        else None,
        "registry_url": absolute_url(reverse("registry:city", args=[certificate.number])) if listed else None,
        "verify_url": absolute_url(reverse("verify:certificate", args=[certificate.number])),
    }


@router.get("/public/certificates/{number}", response=PublicCertificateOut, auth=None)
def certificate_status(request, number: str):
    """A certificate's current status (the same answer as the verification page)."""
    limited = _rate_limited(request)
    if limited:
        return limited
    certificate = find_certificate(number)
    if certificate is None:
        raise Http404
    record_verification(certificate)
    return public_certificate(certificate)


@router.post("/public/verify", response=VerifyOut, auth=None)
def verify_payload(request, body: VerifyIn):
    """Is a certificate payload (the QR code's text) genuine, and does it match the certificate's current record?"""
    limited = _rate_limited(request)
    if limited:
        return limited
    check = check_payload(body.payload)
    if not check.genuine:
        return {"genuine": False, "code": check.code, "message": check.message}
    certificate = find_certificate(check.number)
    answer: dict[str, Any] = {"genuine": True, "key_id": check.key_id, "fields": check.fields}
    if certificate is not None:
        record_verification(certificate)
        check = compare(check, certificate)
        answer.update(
            certificate=public_certificate(certificate),
            matches_current_record=check.matches,
            superseded=check.superseded,
            differences=[str(key) for key in check.differences],
        )
    return answer


@router.get("/public/registry", auth=None)
def registry(
    request,
    domain: str = Query(""),
    region: str = Query(""),
    province: str = Query(""),
    designation: str = Query(""),
    year: str = Query("", description="Year of issue, C.E. or B.E."),
    status: str = Query("", description="Empty for every listed certificate, 'current' for valid ones only"),
):
    """The registry as JSON (the same document as /registry/data.json), filtered like the registry page."""
    limited = _rate_limited(request)
    if limited:
        return limited
    params = {"domain": domain, "region": region, "province": province, "designation": designation}
    params.update({"year": year, "status": status})
    form = RegistryFilterForm(params, domains=Domain.objects.order_by("order", "code"))
    registry_filter = form.registry_filter()
    if form.errors:
        name, messages = next(iter(form.errors.items()))
        raise InvalidFilter(messages[0], field=name)
    return cached(
        f"api.registry:{registry_filter.key}",
        lambda: exports.to_json_data(registry_entries(registry_filter), registry_filter),
    )
