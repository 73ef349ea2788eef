"""Subcommittee meetings: agenda, pending decisions, and applying them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import ProgramRoleCode
from smartcity.core.audit import record_event
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.thai import in_both_languages
from smartcity.program.models import ProgramRole
from smartcity.proposals.messages import tell_applicants
from smartcity.proposals.models import Proposal
from smartcity.proposals.workflow import apply_transition

from ..models import (
    AgendaItem,
    Decision,
    Meeting,
)
from .common import S


@transaction.atomic
def create_meeting(
    *,
    actor,
    number: int,
    year_be: int,
    held_on: dt.date,
    quorum: int,
    place: str = "",
    attendee_ids: list[int] | None = None,
) -> Meeting:
    if not actor.has_perm("evaluation.manage_meetings"):
        raise NotAllowed(_("Only the secretariat prepares meetings."))
    if not (1 <= number <= 999) or not (2500 <= year_be <= 2700):
        raise UserFacingError(
            _("A meeting number looks like 1/2569: a number and a Buddhist-Era year."), field="number"
        )
    if quorum < 1:
        raise UserFacingError(_("The quorum must be at least one member."), field="quorum")
    if Meeting.objects.filter(number=number, year_be=year_be).exists():
        raise UserFacingError(
            _("Meeting %(n)s/%(y)s already exists."), field="number", params={"n": number, "y": year_be}
        )
    meeting = Meeting.objects.create(
        number=number, year_be=year_be, held_on=held_on, quorum=quorum, place=place, created_by=actor
    )
    subcommittee = set(ProgramRole.objects.filter(role=ProgramRoleCode.SUBCOMMITTEE).values_list("user_id", flat=True))
    meeting.attendees.set([i for i in (attendee_ids or []) if i in subcommittee])
    record_event(
        actor=actor,
        action="meeting.created",
        obj=meeting,
        after={"number": f"{number}/{year_be}", "quorum": quorum, "attendees": sorted(attendee_ids or [])},
    )
    return meeting


@transaction.atomic
def add_to_agenda(*, actor, meeting_id: int, proposal_id: int) -> AgendaItem:
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if not actor.has_perm("evaluation.manage_meetings"):
        raise NotAllowed(_("Only the secretariat prepares meetings."))
    if meeting.closed_at:
        raise Conflict(_("The meeting's decisions were already applied."), code="meeting_closed")
    proposal = Proposal.objects.get(pk=proposal_id)
    if proposal.status not in (S.RECOMMENDED, S.NOT_RECOMMENDED, S.DEFERRED):
        raise Conflict(
            _("Only proposals whose working-group results are all in can be put on the agenda."), code="not_ready"
        )
    if AgendaItem.objects.filter(proposal=proposal, meeting__closed_at__isnull=True).exclude(meeting=meeting).exists():
        raise Conflict(_("This proposal is already on the agenda of another open meeting."), code="already_on_agenda")
    order = (meeting.items.aggregate(o=Max("order"))["o"] or 0) + 1
    item, _created = AgendaItem.objects.get_or_create(meeting=meeting, proposal=proposal, defaults={"order": order})
    record_event(actor=actor, action="meeting.agenda_item_added", obj=meeting, after={"proposal": proposal.pk})
    return item


@transaction.atomic
def set_pending_decision(
    *, actor, item_id: int, decision: str, reason: str = "", resolution: str = "", recused_ids: list[int] | None = None
) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().select_related("meeting", "proposal").get(pk=item_id)
    if not actor.has_perm("evaluation.record_decision", item.meeting):
        raise NotAllowed(_("Only the subcommittee's members and the secretariat record decisions."))
    organiser = actor.has_perm("evaluation.manage_meetings") or actor.has_perm(
        "evaluation.apply_decisions", item.meeting
    )
    if not organiser and (
        not item.meeting.attendees.filter(pk=actor.pk).exists() or item.recused.filter(pk=actor.pk).exists()
    ):
        raise NotAllowed(_("Only members attending the meeting who have not recused themselves record decisions."))
    if not organiser and recused_ids is not None and set(recused_ids) != set(item.recused.values_list("pk", flat=True)):
        raise NotAllowed(_("Only the chair and the secretariat record recusals."))
    if item.meeting.closed_at:
        raise Conflict(_("The meeting's decisions were already applied."), code="meeting_closed")
    allowed = _decisions_for(item.proposal.status)
    if decision not in allowed:
        raise Conflict(
            _("“%(decision)s” is not possible for a proposal that is “%(status)s”."),
            code="transition_not_allowed",
            params={"decision": decision, "status": item.proposal.get_status_display()},
        )
    if decision in (Decision.REJECT, Decision.DEFER) and not reason.strip():
        raise UserFacingError(_("Give the reason for rejecting or deferring."), field="reason")
    if not resolution.strip():
        raise UserFacingError(_("Write the resolution text."), field="resolution")
    item.decision, item.reason, item.resolution = decision, reason[:5000], resolution[:5000]
    item.save(update_fields=["decision", "reason", "resolution"])
    if recused_ids is not None:
        item.recused.set(item.meeting.attendees.filter(pk__in=recused_ids))
    record_event(
        actor=actor,
        action="meeting.decision_recorded",
        obj=item.meeting,
        after={"proposal": item.proposal_id, "decision": decision, "recused": sorted(recused_ids or [])},
    )
    return item


def _decisions_for(status: str) -> set[str]:
    if status == S.RECOMMENDED:
        return {Decision.APPROVE, Decision.REJECT, Decision.DEFER}
    if status == S.NOT_RECOMMENDED:
        return {Decision.REJECT, Decision.DEFER}
    if status == S.DEFERRED:
        return {Decision.APPROVE, Decision.REJECT, Decision.DEFER}
    return set()


ACTION_FOR_DECISION = {Decision.APPROVE: "approve", Decision.REJECT: "reject", Decision.DEFER: "defer"}


@transaction.atomic
def apply_decisions(*, actor, meeting_id: int) -> Meeting:
    """The chair applies every pending decision at once; without quorum for any item, nothing is applied."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if not actor.has_perm("evaluation.apply_decisions", meeting):
        raise NotAllowed(_("Only the subcommittee's chair applies the decisions."))
    if meeting.closed_at:
        raise Conflict(_("The meeting's decisions were already applied."), code="meeting_closed")
    items = list(meeting.items.select_related("proposal").prefetch_related("recused"))
    if not items or any(not item.decision for item in items):
        raise Conflict(_("Every item on the agenda needs a decision first."), code="decisions_pending")
    present = meeting.attendees.count()
    for item in items:
        voting = present - item.recused.count()
        if voting < meeting.quorum:
            raise Conflict(
                _("No quorum for “%(title)s”: %(n)s members can vote, %(quorum)s are needed."),
                code="no_quorum",
                params={"title": item.proposal.title_th, "n": voting, "quorum": meeting.quorum},
            )
    for item in items:
        apply_transition(
            actor=actor,
            proposal_id=item.proposal_id,
            action=ACTION_FOR_DECISION[item.decision],
            effect=lambda p, item=item: {"meeting": str(meeting), "resolution": item.resolution, "reason": item.reason},
        )
        item.applied_at = timezone.now()
        item.save(update_fields=["applied_at"])
        # The decision letter waits in the outbox until the secretariat checks and releases it.
        tell_applicants(
            item.proposal,
            "decision_letter",
            decision=in_both_languages(item.get_decision_display),
            meeting=str(meeting),
            comments=item.resolution,
        )
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at", "updated_at"])
    record_event(actor=actor, action="meeting.decisions_applied", obj=meeting, after={"items": len(items)})
    return meeting
