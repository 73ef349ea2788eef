"""The proposal's states: one transition table and one function that applies a transition.

`apply_transition` checks the table and the permission, locks the row, runs the transition's effect,
saves, and appends the audit event, all in one transaction. A transition not in the table is an error the
user sees. Later issues extend the table (screening, evaluation, decisions) rather than adding paths around it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.audit import record_event
from smartcity.core.errors import Conflict, NotAllowed

from .models import Proposal, ProposalStatus

S = ProposalStatus


@dataclass(frozen=True)
class Transition:
    action: str
    source: frozenset[str]
    target: str
    permission: str
    label: object


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("submit", frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, "proposals.submit_proposal", _("Submit")),
        Transition(
            "return",
            frozenset({S.SUBMITTED}),
            S.RETURNED,
            "proposals.return_proposal",
            _("Return for revision"),
        ),
        Transition(
            "withdraw",
            frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED}),
            S.WITHDRAWN,
            "proposals.withdraw_proposal",
            _("Withdraw"),
        ),
    ]
}


def allowed_actions(user, proposal: Proposal) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if proposal.status in t.source and user.has_perm(t.permission, proposal)]


def apply_transition(
    *,
    actor,
    proposal_id: int,
    action: str,
    effect: Callable[[Proposal], dict] | None = None,
    expected_status: str | None = None,
) -> Proposal:
    transition = TRANSITIONS[action]
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if expected_status and proposal.status != expected_status:
            raise Conflict(
                _("Someone else changed this proposal first: it is now “%(status)s”. Reload the page."),
                params={"status": proposal.get_status_display()},
            )
        if proposal.status not in transition.source:
            raise Conflict(
                _("“%(action)s” is not possible while the proposal is “%(status)s”."),
                code="transition_not_allowed",
                params={"action": transition.label, "status": proposal.get_status_display()},
            )
        if not actor.has_perm(transition.permission, proposal):
            raise NotAllowed(_("You may not “%(action)s” this proposal."), params={"action": transition.label})
        before = proposal.status
        details = effect(proposal) if effect else {}
        proposal.status = transition.target
        proposal.save(update_fields=["status", "submitted_at", "updated_at"])
        record_event(
            actor=actor,
            action=f"proposal.{action}",
            obj=proposal,
            before={"status": before},
            after={"status": proposal.status, **details},
        )
    return proposal


def now():
    return timezone.now()
