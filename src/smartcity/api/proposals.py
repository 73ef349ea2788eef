"""Proposals over HTTP. Every route calls a selector or a service; nothing here writes by itself."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from smartcity.accounts.models import Organization
from smartcity.api.visibility import visible_or_404
from smartcity.program.models import Call
from smartcity.proposals import boundaries, pdf, portable, services
from smartcity.proposals.document import prefetched, proposal_to_document
from smartcity.proposals.geometry import MAX_GEOJSON_BYTES as MAX_AREA_UPLOAD
from smartcity.proposals.models import Proposal
from smartcity.proposals.rules_check import BLOCKING
from smartcity.proposals.selectors import proposals_for_user

from . import schemas

router = Router(tags=["proposals"])
ITEM_KINDS = {"goals", "infrastructure_items", "datasets", "services"}


def _summary(proposal: Proposal) -> dict:
    return {
        "id": proposal.pk,
        "title_th": proposal.title_th,
        "title_en": proposal.title_en,
        "status": proposal.status,
        "organization_id": proposal.organization_id,
        "call_id": proposal.call_id,
        "revision": proposal.revision,
        "domains": [d.code for d in proposal.domains.all()],
        "submitted_at": proposal.submitted_at,
        "updated_at": proposal.updated_at,
    }


def _full(proposal_id: int) -> dict:
    proposal = prefetched(Proposal.objects.filter(pk=proposal_id)).get()
    return _summary(proposal) | {"document": proposal_to_document(proposal)}


@router.get("/proposals", response=list[schemas.ProposalSummary])
def list_proposals(request, status: str | None = None):
    proposals = proposals_for_user(request.auth).order_by("-updated_at")
    if status:
        proposals = proposals.filter(status=status)
    return [_summary(p) for p in proposals[:500]]


@router.post("/proposals", response={201: schemas.ProposalOut})
def create_proposal(request, payload: schemas.ProposalCreate):
    organization = get_object_or_404(Organization, pk=payload.organization_id, memberships__user=request.auth)
    call = get_object_or_404(Call, pk=payload.call_id)
    proposal = services.create_proposal(
        actor=request.auth,
        organization=organization,
        call=call,
        title_th=payload.title_th,
        city_type=services.city_type_by_code(payload.city_type),
    )
    return Status(201, _full(proposal.pk))


@router.post("/proposals/import", response={201: schemas.ProposalOut})
def import_proposal(request, payload: schemas.ImportIn):
    organization = get_object_or_404(Organization, pk=payload.organization_id, memberships__user=request.auth)
    call = get_object_or_404(Call, pk=payload.call_id)
    proposal = portable.import_document(
        actor=request.auth, organization=organization, call=call, document=payload.document
    )
    return Status(201, _full(proposal.pk))


@router.get("/proposals/{proposal_id}", response=schemas.ProposalOut)
def get_proposal(request, proposal_id: int):
    return _full(visible_or_404(request, proposals_for_user, pk=proposal_id).pk)


@router.get("/proposals/{proposal_id}/check", response=schemas.CheckOut)
def check_proposal(request, proposal_id: int):
    findings = services.findings_for(visible_or_404(request, proposals_for_user, pk=proposal_id))
    blocking = sum(1 for f in findings if f.severity == BLOCKING)
    return {
        "ready_to_submit": blocking == 0,
        "blocking": blocking,
        "warnings": len(findings) - blocking,
        "findings": [f.as_dict() | {"message": f.message} for f in findings],
    }


@router.patch("/proposals/{proposal_id}", response=schemas.ProposalOut)
def update_proposal(request, proposal_id: int, payload: schemas.ProposalPatch):
    visible_or_404(request, proposals_for_user, pk=proposal_id)
    services.update_proposal(
        actor=request.auth,
        proposal_id=proposal_id,
        revision=payload.revision,
        changes=payload.changes,
        domains=payload.domains,
        partners=payload.partners,
    )
    return _full(proposal_id)


@router.put("/proposals/{proposal_id}/items/{kind}", response=schemas.ProposalOut)
def replace_items(request, proposal_id: int, kind: str, payload: schemas.ItemsIn):
    visible_or_404(request, proposals_for_user, pk=proposal_id)
    if kind not in ITEM_KINDS:
        raise Http404
    services.replace_items(
        actor=request.auth, proposal_id=proposal_id, revision=payload.revision, kind=kind, rows=payload.rows
    )
    return _full(proposal_id)


@router.put("/proposals/{proposal_id}/area", response=schemas.ProposalOut)
def set_area(request, proposal_id: int, payload: schemas.AreaIn):
    visible_or_404(request, proposals_for_user, pk=proposal_id)
    services.set_area(
        actor=request.auth,
        proposal_id=proposal_id,
        revision=payload.revision,
        geojson=payload.geojson,
        boundaries=payload.boundaries,
        repair=payload.repair,
        clip=payload.clip,
    )
    return _full(proposal_id)


@router.post("/proposals/{proposal_id}/area/file", response=schemas.ProposalOut)
def upload_area(
    request,
    proposal_id: int,
    file: File[UploadedFile],
    revision: Form[int | None] = None,
    repair: Form[bool] = False,
    clip: Form[bool] = False,
):
    """The area from a GeoJSON, KML, KMZ or zipped shapefile (at most 5 MB), checked like a drawn area."""
    visible_or_404(request, proposals_for_user, pk=proposal_id)
    services.set_area(
        actor=request.auth,
        proposal_id=proposal_id,
        revision=revision,
        geojson=file.read(MAX_AREA_UPLOAD + 1),
        filename=file.name or "",
        repair=repair,
        clip=clip,
    )
    return _full(proposal_id)


@router.get("/places", response=list[schemas.PlaceOut])
def places(request, q: str = ""):
    """Provinces, districts and subdistricts by Thai or English name, with the box to zoom to and whether the
    platform ships their boundary (usable as an area)."""
    language = translation.get_language() or "th"
    return [place.as_dict(language) for place in boundaries.search_places(q)]


@router.post("/proposals/{proposal_id}/attachments", response={201: schemas.AttachmentOut})
def add_attachment(request, proposal_id: int, file: File[UploadedFile], title: Form[str] = ""):
    visible_or_404(request, proposals_for_user, pk=proposal_id)
    attachment = services.add_attachment(actor=request.auth, proposal_id=proposal_id, upload=file, title=title)
    return Status(201, attachment)


@router.delete("/proposals/{proposal_id}/attachments/{attachment_id}", response={204: None})
def remove_attachment(request, proposal_id: int, attachment_id: int):
    proposal = visible_or_404(request, proposals_for_user, pk=proposal_id)
    get_object_or_404(proposal.attachments, pk=attachment_id)
    services.remove_attachment(actor=request.auth, proposal_id=proposal_id, attachment_id=attachment_id)
    return Status(204, None)


@router.post("/proposals/{proposal_id}/submit", response=schemas.VersionOut)
def submit(request, proposal_id: int):
    visible_or_404(request, proposals_for_user, pk=proposal_id)
    version = services.submit_proposal(actor=request.auth, proposal_id=proposal_id)
    return _version(version)


@router.post("/proposals/{proposal_id}/withdraw", response=schemas.ProposalSummary)
def withdraw(request, proposal_id: int, payload: schemas.WithdrawIn):
    visible_or_404(request, proposals_for_user, pk=proposal_id)
    return _summary(services.withdraw_proposal(actor=request.auth, proposal_id=proposal_id, reason=payload.reason))


@router.post("/proposals/{proposal_id}/return", response=schemas.ProposalSummary)
def return_for_revision(request, proposal_id: int, payload: schemas.ReturnIn):
    visible_or_404(request, proposals_for_user, pk=proposal_id)
    return _summary(
        services.return_for_revision(
            actor=request.auth, proposal_id=proposal_id, comments=payload.comments, deadline=payload.deadline
        )
    )


def _version(version) -> dict:
    return {
        "number": version.number,
        "submitted_at": version.submitted_at,
        "document_sha256": version.document_sha256,
        "criteria_set_version": version.criteria_set.version,
    }


@router.get("/proposals/{proposal_id}/versions", response=list[schemas.VersionOut])
def versions(request, proposal_id: int):
    proposal = visible_or_404(request, proposals_for_user, pk=proposal_id)
    return [_version(v) for v in proposal.versions.select_related("criteria_set")]


@router.get("/proposals/{proposal_id}/versions/{number}")
def version_document(request, proposal_id: int, number: int):
    version = get_object_or_404(visible_or_404(request, proposals_for_user, pk=proposal_id).versions, number=number)
    return version.document


@router.get("/proposals/{proposal_id}/versions/{number}/pdf")
def version_pdf(request, proposal_id: int, number: int):
    version = get_object_or_404(visible_or_404(request, proposals_for_user, pk=proposal_id).versions, number=number)
    response = HttpResponse(pdf.render_version_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="proposal-{proposal_id}-v{number}.pdf"'
    return response


@router.get("/proposals/{proposal_id}/export")
def export(request, proposal_id: int):
    """The portable proposal file of the current draft (see docs/proposal-file.md)."""
    return _full(visible_or_404(request, proposals_for_user, pk=proposal_id).pk)["document"]
