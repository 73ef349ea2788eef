"""Every write to a proposal: create, edit a section, set the area, attachments, submit, return, withdraw."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import Organization
from smartcity.core.audit import record_event, snapshot
from smartcity.core.business_days import add_business_days
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError, from_validation_error, refusing_invalid
from smartcity.core.identifiers import validate_admin_unit_code
from smartcity.core.thai import format_date
from smartcity.program.models import Call, CityType, Domain

from . import area_files, geometry, pdf_check
from . import boundaries as boundaries_module
from .document import SECTIONS, prefetched, proposal_to_document
from .handoffs import revision_resubmitted
from .messages import tell_applicants
from .models import (
    Attachment,
    Dataset,
    Goal,
    InfrastructureItem,
    Proposal,
    ProposalStatus,
    ProposalVersion,
    SectionComment,
    Service,
)
from .rules_check import Rules, blocking, check
from .workflow import apply_transition

MAX_ATTACHMENTS_TOTAL = 100 * 1024 * 1024
ITEM_MODELS = {
    "goals": Goal,
    "infrastructure_items": InfrastructureItem,
    "datasets": Dataset,
    "services": Service,
}
EDITABLE_FIELDS = {
    "title_th",
    "title_en",
    "city_type",
    "population",
    "baseline_problems",
    "vision",
    "admin_units",
    "platform_description",
    "open_data_plan",
    *Proposal.SECURITY_FIELDS,
    "governance_structure",
    "lead_organization",
    "city_development_company",
    "financing_model",
    "om_plan",
    "participation",
    "risks",
}


@transaction.atomic
def create_proposal(
    *,
    actor,
    organization,
    call: Call,
    title_th: str = "",
    city_type: CityType | None = None,
    title_en: str = "",
) -> Proposal:
    if not actor.has_perm("proposals.create_proposal", organization):
        raise NotAllowed(
            _("Only administrators and editors of %(org)s may start a proposal."),
            params={"org": organization.name_th},
        )
    if not call.is_open():
        raise UserFacingError(_("This call is not open for proposals."), field="call")
    if city_type is not None and not call.accepted_city_types.filter(pk=city_type.pk).exists():
        raise UserFacingError(_("This call does not accept that city type."), field="city_type")
    proposal = Proposal(
        organization=organization,
        call=call,
        title_th=title_th,
        title_en=title_en,
        city_type=city_type,
        created_by=actor,
    )
    _full_clean(proposal)
    proposal.save()
    record_event(
        actor=actor,
        action="proposal.created",
        obj=proposal,
        after={"organization": organization.pk, "call": call.pk, "title_th": title_th},
    )
    return proposal


def _lock_for_edit(actor, proposal_id: int, revision: int | None) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if not actor.has_perm("proposals.view_proposal", proposal):
        raise Proposal.DoesNotExist
    if not proposal.is_editable:
        raise Conflict(
            _("The proposal can no longer be edited: it is “%(status)s”."),
            params={"status": proposal.get_status_display()},
            code="not_editable",
        )
    if not actor.has_perm("proposals.change_proposal", proposal):
        raise NotAllowed(_("Only administrators and editors of the proposing organisation may edit it."))
    if revision is not None and revision != proposal.revision:
        raise Conflict(
            _("Someone else saved this proposal while you were editing. Reload it, then make your changes again."),
            code="stale_revision",
        )
    return proposal


def _bump(proposal: Proposal, fields: list[str]) -> None:
    proposal.revision += 1
    proposal.save(update_fields=[*fields, "revision", "updated_at"])


@transaction.atomic
def update_proposal(
    *,
    actor,
    proposal_id: int,
    revision: int | None,
    changes: dict[str, Any],
    domains: list[str] | None = None,
    partners: list[int] | None = None,
) -> Proposal:
    """Change single-valued fields (and optionally the claimed domains and partners) of a draft in one step."""
    proposal = _lock_for_edit(actor, proposal_id, revision)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise UserFacingError(
            _("Unknown field: %(field)s."),
            field=sorted(unknown)[0],
            params={"field": ", ".join(sorted(unknown))},
        )
    changes = dict(changes)
    if "city_type" in changes and not isinstance(changes["city_type"], CityType | None):
        if not isinstance(changes["city_type"], str):
            raise UserFacingError(
                _("Unknown city type: %(code)s."), field="city_type", params={"code": str(changes["city_type"])[:50]}
            )
        changes["city_type"] = city_type_by_code(changes["city_type"])
    attnames = [f"{name}_id" if name == "city_type" else name for name in changes]
    before = snapshot(proposal, attnames)
    for name, value in changes.items():
        setattr(proposal, name, value)
    if "admin_units" in changes:
        _validate_admin_units(proposal.admin_units)
    _full_clean(proposal, exclude=["area", "area_km2", "created_by", "organization", "call"])
    city_type = proposal.city_type
    if "city_type" in changes and city_type and not proposal.call.accepted_city_types.filter(pk=city_type.pk).exists():
        raise UserFacingError(_("This call does not accept that city type."), field="city_type")
    after = snapshot(proposal, attnames)
    if domains is not None:
        before["domains"] = sorted(proposal.domains.values_list("code", flat=True))
        _set_domains(proposal, domains)
        after["domains"] = sorted(domains)
    if partners is not None:
        before["partners"] = sorted(proposal.partners.values_list("pk", flat=True))
        _set_partners(proposal, partners)
        after["partners"] = sorted(partners)
    _bump(proposal, list(changes))
    record_event(actor=actor, action="proposal.updated", obj=proposal, before=before, after=after)
    return proposal


def city_type_by_code(code: str) -> CityType:
    city_type = CityType.objects.filter(code=code).first()
    if city_type is None:
        raise UserFacingError(_("Unknown city type: %(code)s."), field="city_type", params={"code": code[:50]})
    return city_type


def _full_clean(instance, exclude: list[str] | None = None, prefix: str = "", row: int | None = None) -> None:
    """Model validation, plus the length limits Django does not enforce on TextFields, as one clear error.

    ``row`` (1-based) names the row of a list in the message; ``prefix`` is the path of that row."""
    for model_field in instance._meta.concrete_fields:
        value = getattr(instance, model_field.attname, None)
        if model_field.max_length and isinstance(value, str) and len(value) > model_field.max_length:
            raise UserFacingError(
                _("%(field)s is too long: %(length)s characters; at most %(max)s are allowed."),
                field=prefix + model_field.name,
                code="too_long",
                params={
                    "field": model_field.verbose_name,
                    "length": len(value),
                    "max": model_field.max_length,
                },
            )
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        refusal = from_validation_error(error)
        label = instance._meta.get_field(refusal.field).verbose_name if refusal.field else ""
        template = _("Row %(n)s, %(field)s: %(message)s") if row else _("%(field)s: %(message)s")
        raise UserFacingError(
            template,
            field=prefix + refusal.field,
            code="invalid",
            # The refusal itself, not its text: it is read in the language of whoever reads the message.
            params={"n": row, "field": label, "message": refusal},
        ) from error


def _set_domains(proposal: Proposal, codes: list[str]) -> None:
    found = list(Domain.objects.filter(code__in=codes))
    if len(found) != len(set(codes)):
        raise UserFacingError(_("Unknown domain."), field="domains")
    proposal.domains.set(found)


def _set_partners(proposal: Proposal, ids: list[int]) -> None:
    if not isinstance(ids, list) or len(ids) > 50:
        raise UserFacingError(_("Name at most 50 partner organisations."), field="partners")
    found = list(Organization.objects.filter(pk__in=ids).exclude(pk=proposal.organization_id))
    if len(found) != len(set(ids)):
        raise UserFacingError(_("Unknown partner organisation."), field="partners")
    proposal.partners.set(found)


def _validate_admin_units(codes: Any) -> None:
    if not isinstance(codes, list) or len(codes) > 200:
        raise UserFacingError(_("Choose up to 200 administrative units."), field="admin_units")
    for code in codes:
        with refusing_invalid(field="admin_units", code="invalid"):
            validate_admin_unit_code(str(code))


@transaction.atomic
def replace_items(*, actor, proposal_id: int, revision: int | None, kind: str, rows: list[dict]) -> Proposal:
    """Replace one list (goals, infrastructure items, datasets, services) as a whole, all or nothing."""
    model = ITEM_MODELS[kind]
    proposal = _lock_for_edit(actor, proposal_id, revision)
    domains = {d.code: d for d in Domain.objects.all()}
    new_items = []
    if not isinstance(rows, list) or len(rows) > 200:
        raise UserFacingError(_("Give at most 200 rows."), field=kind)
    for index, row in enumerate(rows):
        data = dict(row) if isinstance(row, dict) else {}
        unknown = set(data) - {f.name for f in model._meta.concrete_fields} | ({"id", "proposal"} & set(data))
        if unknown:
            raise UserFacingError(
                _("Row %(n)s: unknown field %(field)s."),
                field=f"{kind}[{index}]",
                params={"n": index + 1, "field": ", ".join(sorted(unknown))},
            )
        if "domain" in data:
            if not isinstance(data["domain"], str) or data["domain"] not in domains:
                raise UserFacingError(
                    _("Row %(n)s: unknown domain."), field=f"{kind}[{index}].domain", params={"n": index + 1}
                )
            data["domain"] = domains[data["domain"]]
        item = model(proposal=proposal, **data)
        _full_clean(item, exclude=["proposal"], prefix=f"{kind}[{index}].", row=index + 1)
        new_items.append(item)
    before = len(model.objects.filter(proposal=proposal))
    model.objects.filter(proposal=proposal).delete()
    model.objects.bulk_create(new_items)
    _bump(proposal, [])
    record_event(
        actor=actor,
        action=f"proposal.{kind}_replaced",
        obj=proposal,
        before={"count": before},
        after={"rows": rows},
    )
    return proposal


@transaction.atomic
def set_area(
    *,
    actor,
    proposal_id: int,
    revision: int | None,
    geojson: bytes | str | dict | None = None,
    filename: str = "",
    boundaries: list[str] | None = None,
    repair: bool = False,
    clip: bool = False,
) -> Proposal:
    """Validate and store the area, from a drawing or GeoJSON (``geojson``), an uploaded file of any supported
    format (``geojson`` bytes with its ``filename``), or the shipped boundaries chosen by DOPA code
    (``boundaries``, merged; their codes join the administrative units; with ``geojson`` too, the drawing is
    those boundaries as the applicant edited them). Nothing given clears the area.
    Invalid shapes are repaired, and parts outside Thailand cut off, only if the user agreed."""
    proposal = _lock_for_edit(actor, proposal_id, revision)
    before = {"area_km2": str(proposal.area_km2) if proposal.area_km2 is not None else None}
    source = "cleared"
    fields = ["area", "area_km2"]
    if geojson is None and not boundaries:
        proposal.area, proposal.area_km2 = None, None
    else:
        try:
            shape, source = _area_shape(geojson, filename, boundaries)
            shape = geometry.validate_area(shape, repair=repair, clip=clip)
        except (geometry.AreaError, boundaries_module.BoundaryError) as error:
            raise UserFacingError(error.message, field="area", code=error.code, params=error.params) from error
        proposal.area = geometry.to_geojson(shape)
        proposal.area_km2 = Decimal(str(round(geometry.area_km2(shape), 3)))
        if boundaries:
            proposal.admin_units = list(dict.fromkeys([*(proposal.admin_units or []), *boundaries]))
            _validate_admin_units(proposal.admin_units)
            fields.append("admin_units")
    _bump(proposal, fields)
    record_event(
        actor=actor,
        action="proposal.area_set",
        obj=proposal,
        before=before,
        after={
            "area_km2": str(proposal.area_km2) if proposal.area_km2 is not None else None,
            "source": source,
            "boundaries": list(boundaries or []),
            "repaired": repair,
            "clipped": clip,
        },
    )
    return proposal


def _area_shape(geojson, filename: str, boundaries: list[str] | None):
    """The shape to check, and where it came from (for the audit log)."""
    if boundaries is not None and (
        not isinstance(boundaries, list) or not all(isinstance(code, str) for code in boundaries)
    ):
        raise boundaries_module.BoundaryError("unknown_boundary", _("Choose boundaries by their DOPA codes."))
    if geojson is None:
        return boundaries_module.merged_area(boundaries or []), "boundaries"
    # A drawing given with boundaries is the merged boundaries as the applicant edited them.
    if isinstance(geojson, dict):
        return geometry.from_geojson_dict(geojson), "geojson"
    data = geojson.encode("utf-8") if isinstance(geojson, str) else bytes(geojson)
    if filename:
        return area_files.read_area_file(filename, data), "file:" + filename.rsplit(".", 1)[-1].lower()[:10]
    return geometry.parse_geojson(data), "geojson"


@transaction.atomic
def add_attachment(*, actor, proposal_id: int, upload, title: str = "") -> Attachment:
    proposal = _lock_for_edit(actor, proposal_id, None)
    try:
        info = pdf_check.check_pdf(upload)
    except pdf_check.AttachmentError as error:
        raise UserFacingError(error.message, field="file", code=error.code, params=error.params) from error
    used = sum(proposal.attachments.values_list("size", flat=True))
    if used + info.size > MAX_ATTACHMENTS_TOTAL:
        raise UserFacingError(
            _("Attachments of one proposal may add up to 100 MB; this file would bring them to %(mb)s MB."),
            field="file",
            code="total_too_large",
            params={"mb": f"{(used + info.size) / 1024 / 1024:.1f}"},
        )
    original = (getattr(upload, "name", "") or "document.pdf").replace("\\", "/").split("/")[-1][:255]
    attachment = Attachment(
        proposal=proposal,
        original_name=original,
        title=title[:300],
        size=info.size,
        sha256=info.sha256,
        pages=info.pages,
        uploaded_by=actor,
        token=secrets.token_hex(8),
    )
    attachment.file.save("upload.pdf", upload, save=False)
    attachment.save()
    _bump(proposal, [])
    record_event(
        actor=actor,
        action="proposal.attachment_added",
        obj=proposal,
        after={"name": original, "sha256": info.sha256, "size": info.size},
    )
    return attachment


@transaction.atomic
def remove_attachment(*, actor, proposal_id: int, attachment_id: int) -> None:
    proposal = _lock_for_edit(actor, proposal_id, None)
    attachment = proposal.attachments.get(pk=attachment_id)
    record_event(
        actor=actor,
        action="proposal.attachment_removed",
        obj=proposal,
        before={"name": attachment.original_name, "sha256": attachment.sha256},
    )
    transaction.on_commit(lambda name=attachment.file.name, storage=attachment.file.storage: storage.delete(name))
    attachment.delete()
    _bump(proposal, [])


def findings_for(proposal: Proposal):
    document = proposal_to_document(prefetched(Proposal.objects.filter(pk=proposal.pk)).get())
    return check(document, Rules.from_criteria_set(proposal.call.criteria_set))


def submit_proposal(*, actor, proposal_id: int) -> ProposalVersion:
    """Freeze the proposal as version n+1 under its call's criteria set, once no blocking finding remains."""
    created: list[ProposalVersion] = []

    def freeze(proposal: Proposal) -> dict:
        if not proposal.call.is_open() and proposal.status == "draft":
            raise UserFacingError(
                _("The call closed on %(date)s; it no longer accepts proposals."),
                field="call",
                params={"date": format_date(proposal.call.closes_on)},
            )
        document = proposal_to_document(prefetched(Proposal.objects.filter(pk=proposal.pk)).get())
        criteria_set = proposal.call.criteria_set
        remaining = blocking(check(document, Rules.from_criteria_set(criteria_set)))
        if remaining:
            raise UserFacingError(
                _("The proposal cannot be submitted yet: %(count)s items are missing. See the checklist."),
                code="blocking_findings",
                params={"count": len(remaining)},
            )
        number = (proposal.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        document["version"] = number
        document["criteria_set_version"] = criteria_set.version
        digest = hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        now = timezone.now()
        created.append(
            ProposalVersion.objects.create(
                proposal=proposal,
                number=number,
                document=document,
                document_sha256=digest,
                criteria_set=criteria_set,
                submitted_by=actor,
                submitted_at=now,
            )
        )
        proposal.submitted_at = now
        details = {"version": number, "sha256": digest}
        tell_applicants(proposal, "proposal_submitted")
        if action == "resubmit_revision":
            # The working groups whose domains fell short score the new version in a new round.
            details["round"] = revision_resubmitted.call(proposal, number, actor)
        return details

    status = Proposal.objects.filter(pk=proposal_id).values_list("status", flat=True).first()
    action = "resubmit_revision" if status == ProposalStatus.REVISION_REQUESTED else "submit"
    apply_transition(actor=actor, proposal_id=proposal_id, action=action, effect=freeze)
    return created[0]


def return_for_revision(
    *, actor, proposal_id: int, comments: dict[str, str], deadline: dt.date | None = None
) -> Proposal:
    """The secretariat sends a submitted proposal back with a comment per section and a deadline
    (15 Thai business days unless given)."""
    cleaned = {k: v.strip() for k, v in comments.items() if k in SECTIONS and v and v.strip()}
    if not cleaned:
        raise UserFacingError(_("Write a comment on at least one section."), field="comments")
    deadline = deadline or add_business_days(timezone.localdate(), 15)
    if deadline < timezone.localdate():
        raise UserFacingError(
            _("The deadline %(date)s is in the past."),
            field="deadline",
            code="deadline_past",
            params={"date": format_date(deadline)},
        )

    def record(proposal: Proposal) -> dict:
        number = proposal.versions.aggregate(n=Max("number"))["n"] or 0
        lines = [f"{k}: {v}" for k, v in cleaned.items()] + [f"deadline: {deadline.isoformat()}"]
        tell_applicants(proposal, "proposal_returned", comments="\n".join(lines))
        SectionComment.objects.bulk_create(
            SectionComment(
                proposal=proposal, version_number=number, section=s, text=t[:5000], author=actor, deadline=deadline
            )
            for s, t in cleaned.items()
        )
        return {"comments": cleaned, "deadline": deadline}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="return", effect=record)


def withdraw_proposal(*, actor, proposal_id: int, reason: str = "") -> Proposal:
    return apply_transition(
        actor=actor, proposal_id=proposal_id, action="withdraw", effect=lambda p: {"reason": reason[:1000]}
    )
