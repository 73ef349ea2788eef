"""BOI endorsements over HTTP: the same services and refusals as the pages, errors as problem details."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from smartcity.api.visibility import visible_or_404
from smartcity.endorsements import selectors, services
from smartcity.endorsements.checks import rule_checks
from smartcity.endorsements.letter import check_page_url
from smartcity.endorsements.models import Endorsement

router = Router(tags=["endorsements"])
MAX_LIST = 500
VIEW = "endorsements.view_endorsement"


class EndorsementIn(Schema):
    company_id: int
    certificate_number: str
    juristic_id: str
    activity: str
    domain_codes: list[str] = []
    project_title: str
    description: str
    investment_baht: Decimal
    lat: Decimal
    lon: Decimal


class NoteIn(Schema):
    note: str = ""


def endorsement_out(endorsement: Endorsement, *, checks: bool = False) -> dict:
    certificate = endorsement.certificate
    out = {
        "id": endorsement.pk,
        "status": endorsement.status,
        "effective_status": endorsement.effective_status,
        "code": endorsement.code,
        "company_id": endorsement.company_id,
        "company_name_th": endorsement.company.name_th,
        "company_name_en": endorsement.company.name_en,
        "juristic_id": endorsement.juristic_id,
        "activity": endorsement.activity,
        "domains": [domain.code for domain in endorsement.domains.all()],
        "project_title": endorsement.project_title,
        "description": endorsement.description,
        "investment_baht": str(endorsement.investment_baht),
        "lat": str(endorsement.lat),
        "lon": str(endorsement.lon),
        "certificate": {
            "number": certificate.number,
            "city_name_th": certificate.city_name_th,
            "city_name_en": certificate.city_name_en,
            "status": certificate.status,
            "expires_on": certificate.expires_on,
        },
        "requested_at": endorsement.created_at,
        "decided_at": endorsement.decided_at,
        "decision_note": endorsement.decision_note,
    }
    if checks:
        out["checks"] = [
            {"check": c.code, "ok": c.ok, "message": str(c.problem) if c.problem else ""}
            for c in rule_checks(endorsement, timezone.localdate())
        ]
    return out


def _with_details(user) -> QuerySet[Endorsement]:
    return Endorsement.objects.select_related("certificate", "company").prefetch_related(
        "domains", "certificate__domains"
    )


@router.post("/endorsements", response={201: dict})
def request_endorsement(request, payload: EndorsementIn):
    endorsement = services.request_endorsement(actor=request.auth, **payload.dict())
    return Status(201, endorsement_out(visible_or_404(request, _with_details, permission=VIEW, pk=endorsement.pk)))


@router.get("/endorsements")
def list_endorsements(
    request, status: str = "", activity: str = "", certificate_number: str = "", juristic_id: str = ""
):
    """A company's own endorsements for its members; all of them for the secretariat and BOI officers."""
    endorsements = selectors.filtered(
        selectors.endorsements_for_user(request.auth).order_by("-created_at"),
        status=status,
        activity=activity,
        certificate_number=certificate_number,
        juristic_id=juristic_id,
    )
    return [endorsement_out(e) for e in endorsements[:MAX_LIST]]


@router.get("/endorsements/check")
def check_endorsement(request, code: str):
    """For BOI officers: what the register holds now for a code printed on a letter."""
    result = services.check_endorsement(actor=request.auth, code=code)
    if not result.found:
        raise services.EndorsementNotFound(_("No endorsement has this code."), field="code")
    return {
        "code": result.code,
        "valid": result.is_valid,
        "effective_status": result.effective_status,
        "certificate_status": result.certificate_status,
        "endorsement": endorsement_out(result.endorsement),
    }


@router.get("/endorsements/{endorsement_id}")
def get_endorsement(request, endorsement_id: int):
    endorsement = visible_or_404(request, _with_details, permission=VIEW, pk=endorsement_id)
    staff = request.auth.has_perm("endorsements.check_endorsements")
    out = endorsement_out(endorsement, checks=staff)
    if endorsement.code:
        out["check_url"] = check_page_url(endorsement.code)
    return out


@router.post("/endorsements/{endorsement_id}/approve")
def approve_endorsement(request, endorsement_id: int, payload: NoteIn):
    services.approve_endorsement(actor=request.auth, endorsement_id=endorsement_id, note=payload.note)
    return endorsement_out(visible_or_404(request, _with_details, permission=VIEW, pk=endorsement_id))


@router.post("/endorsements/{endorsement_id}/reject")
def reject_endorsement(request, endorsement_id: int, payload: NoteIn):
    services.reject_endorsement(actor=request.auth, endorsement_id=endorsement_id, note=payload.note)
    return endorsement_out(visible_or_404(request, _with_details, permission=VIEW, pk=endorsement_id))
