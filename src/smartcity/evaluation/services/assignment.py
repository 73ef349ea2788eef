"""Conflicts of interest and assignment of working-group members, by hand or by the balanced plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import User
from smartcity.accounts.rules import is_working_group_member
from smartcity.core.audit import record_event
from smartcity.core.business_days import add_business_days
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError, refusing_invalid
from smartcity.core.identifiers import validate_province_code
from smartcity.notifications.services import notify
from smartcity.program.models import Domain
from smartcity.proposals.messages import proposal_context
from smartcity.proposals.models import Proposal
from smartcity.proposals.selectors import proposals_for_user
from smartcity.proposals.workflow import apply_transition

from ..conflicts import conflict_reasons
from ..models import (
    Assignment,
    ConflictOfInterest,
)
from ..selectors import current_round, group_member_ids
from .common import ASSIGNABLE_STATUSES, DEFAULT_DUE_BUSINESS_DAYS, check_due, latest_version


@transaction.atomic
def declare_conflict(
    *, actor, kind: str, organization=None, province_code: str = "", proposal=None, description: str = ""
) -> ConflictOfInterest:
    if not is_working_group_member(actor):
        raise NotAllowed(_("Only working-group members declare conflicts of interest."))
    if proposal is not None and not proposals_for_user(actor).filter(pk=proposal.pk).exists():
        raise UserFacingError(_("Unknown proposal."), field="proposal_id")
    conflict = ConflictOfInterest(
        member=actor,
        kind=kind,
        organization=organization,
        province_code=province_code or "",
        proposal=proposal,
        description=description,
    )
    if kind == "organization" and organization is None:
        raise UserFacingError(_("Choose the organisation."), field="organization")
    if kind == "province":
        with refusing_invalid(field="province_code", code="invalid"):
            validate_province_code(province_code)
    if kind == "proposal" and (proposal is None or not description.strip()):
        raise UserFacingError(_("Choose the proposal and explain the conflict."), field="description")
    conflict.full_clean()
    conflict.save()
    record_event(
        actor=actor,
        action="conflict.declared",
        obj=conflict,
        after={
            "kind": kind,
            "organization": getattr(organization, "pk", None),
            "province_code": province_code,
            "proposal": getattr(proposal, "pk", None),
        },
    )
    return conflict


def _claimed(proposal: Proposal, domain_code: str) -> Domain:
    domain = proposal.domains.filter(code=domain_code).first()
    if domain is None:
        raise UserFacingError(_("The proposal does not claim this domain."), field="domain", code="domain_not_claimed")
    return domain


@transaction.atomic
def assign(
    *, actor, proposal_id: int, domain_code: str, member_ids: list[int], due_on: dt.date | None = None
) -> list[Assignment]:
    """Assign members of the domain's working group. A conflicted member is refused with the reason."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if not actor.has_perm("evaluation.screen", proposal):
        raise NotAllowed(_("Only the secretariat assigns evaluators."))
    if proposal.status not in ASSIGNABLE_STATUSES:
        raise Conflict(_("Evaluators are assigned while the proposal is screened or evaluated."), code="bad_state")
    domain = _claimed(proposal, domain_code)
    due_on = due_on or add_business_days(timezone.localdate(), DEFAULT_DUE_BUSINESS_DAYS)
    check_due(due_on)
    members = {u.pk: u for u in User.objects.filter(pk__in=member_ids)}
    group = group_member_ids(domain)
    version = latest_version(proposal)
    round_number = current_round(proposal)
    made = []
    for member_id in member_ids:
        member = members.get(member_id)
        if member is None or member_id not in group:
            raise UserFacingError(
                _("%(who)s is not a member of the %(domain)s working group."),
                field="member",
                code="not_in_group",
                params={"who": getattr(member, "full_name", member_id), "domain": domain.name_th},
            )
        reasons = conflict_reasons(member, proposal)
        if reasons:
            raise UserFacingError(
                _("%(who)s cannot be assigned: %(reason)s"),
                field="member",
                code="conflicted",
                params={"who": member.full_name, "reason": "; ".join(map(str, reasons))},
            )
        assignment, created = Assignment.objects.get_or_create(
            proposal=proposal,
            domain=domain,
            member=member,
            round=round_number,
            defaults={"version_number": version.number, "due_on": due_on, "assigned_by": actor},
        )
        if created:
            made.append(assignment)
            record_event(
                actor=actor,
                action="assignment.created",
                obj=proposal,
                after={"domain": domain.code, "member": member.email, "round": round_number, "due_on": due_on},
            )
    _notify_assigned(made)
    return made


def _notify_assigned(assignments: list[Assignment]) -> None:
    for a in assignments:
        notify(
            template_code="assignment_created",
            users=[a.member],
            related=a.proposal,
            context=proposal_context(
                a.proposal,
                deadline=a.due_on,
                comments={"th": a.domain.name_th, "en": a.domain.name_en},
                url=f"/evaluation/assignments/{a.pk}/",
            ),
        )


@transaction.atomic
def apply_plan(*, actor, proposal_id: int, plan: dict[str, Any], due_on: dt.date | None = None) -> list[Assignment]:
    """All or nothing: if any assignment is refused, none is made."""
    if plan.get("problems"):
        raise UserFacingError(
            _("The plan cannot be applied: %(problems)s"),
            code="plan_incomplete",
            params={"problems": "; ".join(plan["problems"])},
        )
    made = []
    for domain_code, member_ids in plan["domains"].items():
        made += assign(
            actor=actor, proposal_id=proposal_id, domain_code=domain_code, member_ids=member_ids, due_on=due_on
        )
    return made


def route_to_working_groups(*, actor, proposal_id: int) -> Proposal:
    def check_ready(proposal: Proposal) -> dict:
        screening = proposal.screenings.order_by("-version_number").first()
        version = latest_version(proposal)
        if screening is None or screening.version_number != version.number or not screening.passed:
            raise Conflict(_("The qualification check of this version has not passed."), code="not_qualified")
        missing = proposal.domains.exclude(
            pk__in=proposal.assignments.filter(round=current_round(proposal)).values("domain")
        )
        if missing.exists():
            raise Conflict(
                _("Assign evaluators for every claimed domain first: %(domains)s."),
                code="unassigned",
                params={"domains": ", ".join(d.name_th for d in missing)},
            )
        return {"round": current_round(proposal)}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="route", effect=check_ready)
