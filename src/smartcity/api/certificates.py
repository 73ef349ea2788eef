"""Certificates over HTTP for signed-in callers: the same services and refusals as the pages.

Public verification and registry data are in ``smartcity.api.public`` (no authentication, rate-limited).
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from smartcity.api.visibility import visible_or_404
from smartcity.certification import selectors, services
from smartcity.certification.models import Certificate, RenewalRequest
from smartcity.core.errors import NotAllowed

router = Router(tags=["certificates"])


class ProgressItemIn(Schema):
    kind: str
    id: int
    percent: int
    evidence: str


class RenewalIn(Schema):
    items: list[ProgressItemIn]
    summary: str = ""


class ReasonIn(Schema):
    reason: str


class NoteIn(Schema):
    note: str = ""


def certificate_out(certificate: Certificate) -> dict:
    return {
        "number": certificate.number,
        "kind": certificate.kind,
        "city_name_th": certificate.city_name_th,
        "city_name_en": certificate.city_name_en,
        "organization_id": certificate.organization_id,
        "proposal_id": certificate.proposal_id,
        "domains": sorted(d.code for d in certificate.domains.all()),
        "issued_on": certificate.issued_on,
        "valid_from": certificate.valid_from,
        "expires_on": certificate.expires_on,
        "renewal_count": certificate.renewal_count,
        "status": certificate.status,
        "state_reason": certificate.state_reason if certificate.state != "active" else "",
        "criteria_set_version": certificate.criteria_set.version,
        "key_id": certificate.key_id,
        "payload": certificate.payload,
    }


def renewal_out(renewal: RenewalRequest) -> dict:
    return {
        "id": renewal.pk,
        "certificate": renewal.certificate.number,
        "status": renewal.status,
        "progress_percent": float(renewal.progress_percent),
        "summary": renewal.summary,
        "decision_note": renewal.decision_note,
        "items": [
            {"label": item.label, "percent": item.percent, "evidence": item.evidence} for item in renewal.items.all()
        ],
    }


@router.get("/certificates")
def list_certificates(request, status: str = ""):
    certificates = selectors.certificates_for_user(request.auth)
    if status:
        certificates = certificates.filter(selectors.status_filter(status, timezone.localdate()))
    return [certificate_out(c) for c in certificates.order_by("-issued_on", "-number")]


@router.get("/certificates/{number}")
def get_certificate(request, number: str):
    certificate = visible_or_404(request, selectors.certificates_for_user, number=number)
    return {
        **certificate_out(certificate),
        "plan": [{"kind": kind, "id": pk, "label": label} for kind, pk, label in services.plan_items(certificate)],
    }


@router.post("/certificates/{number}/renewal-requests", response={201: dict})
def request_renewal(request, number: str, payload: RenewalIn):
    visible_or_404(request, selectors.certificates_for_user, number=number)
    renewal = services.request_renewal(
        actor=request.auth, number=number, items=[item.dict() for item in payload.items], summary=payload.summary
    )
    return Status(201, renewal_out(renewal))


@router.get("/renewal-requests")
def pending_renewals(request):
    if not request.auth.has_perm("certification.manage_certificate"):
        raise NotAllowed(_("Only the secretariat decides renewals."))
    return [renewal_out(r) for r in selectors.pending_renewals().prefetch_related("items")]


@router.post("/renewal-requests/{request_id}/renew")
def renew(request, request_id: int, payload: NoteIn):
    certificate = services.renew_certificate(actor=request.auth, request_id=request_id, note=payload.note)
    return certificate_out(certificate)


@router.post("/renewal-requests/{request_id}/refuse")
def refuse(request, request_id: int, payload: NoteIn):
    return renewal_out(services.refuse_renewal(actor=request.auth, request_id=request_id, note=payload.note))


@router.post("/certificates/{number}/{action}")
def change_state(request, number: str, action: str, payload: ReasonIn):
    visible_or_404(request, selectors.certificates_for_user, number=number)
    if action not in services.STATE_CHANGES:
        raise Http404
    return certificate_out(
        services.change_state(actor=request.auth, number=number, action=action, reason=payload.reason)
    )
