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


BEFORE_DECISION = frozenset(
    {
        S.DRAFT,
        S.SUBMITTED,
        S.SCREENING,
        S.RETURNED,
        S.IN_EVALUATION,
        S.REVISION_REQUESTED,
        S.RECOMMENDED,
        S.NOT_RECOMMENDED,
        S.DEFERRED,
    }
)

# The one table of the proposal's states: action, from which states, to which state, who may, label.
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("submit", frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, "proposals.submit_proposal", _("Submit")),
        Transition(
            "resubmit_revision",
            frozenset({S.REVISION_REQUESTED}),
            S.IN_EVALUATION,
            "proposals.submit_proposal",
            _("Submit the revised proposal"),
        ),
        Transition("start_screening", frozenset({S.SUBMITTED}), S.SCREENING, "evaluation.screen", _("Start screening")),
        Transition(
            "return",
            frozenset({S.SUBMITTED, S.SCREENING}),
            S.RETURNED,
            "proposals.return_proposal",
            _("Return for revision"),
        ),
        Transition(
            "route", frozenset({S.SCREENING}), S.IN_EVALUATION, "evaluation.screen", _("Send to the working groups")
        ),
        Transition(
            "recommend",
            frozenset({S.IN_EVALUATION}),
            S.RECOMMENDED,
            "evaluation.screen",
            _("Recommend to the subcommittee"),
        ),
        Transition(
            "request_revision",
            frozenset({S.IN_EVALUATION}),
            S.REVISION_REQUESTED,
            "evaluation.screen",
            _("Approve in principle and request revision"),
        ),
        Transition(
            "not_recommend", frozenset({S.IN_EVALUATION}), S.NOT_RECOMMENDED, "evaluation.screen", _("Do not recommend")
        ),
        Transition(
            "approve", frozenset({S.RECOMMENDED, S.DEFERRED}), S.APPROVED, "evaluation.apply_decisions", _("Approve")
        ),
        Transition(
            "reject",
            frozenset({S.RECOMMENDED, S.NOT_RECOMMENDED, S.DEFERRED}),
            S.REJECTED,
            "evaluation.apply_decisions",
            _("Reject"),
        ),
        Transition(
            "defer",
            frozenset({S.RECOMMENDED, S.NOT_RECOMMENDED, S.DEFERRED}),
            S.DEFERRED,
            "evaluation.apply_decisions",
            _("Defer"),
        ),
        Transition("acknowledge", frozenset({S.APPROVED}), S.ACKNOWLEDGED, "evaluation.acknowledge", _("Acknowledge")),
        Transition("withdraw", BEFORE_DECISION, S.WITHDRAWN, "proposals.withdraw_proposal", _("Withdraw")),
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


def mermaid_diagram() -> str:
    """The transition table as a Mermaid state diagram (docs/workflow.md is generated from it)."""
    lines = ["stateDiagram-v2", "    [*] --> draft"]
    for transition in TRANSITIONS.values():
        for source in sorted(transition.source):
            lines.append(f"    {source} --> {transition.target}: {transition.action}")
    lines.append("    acknowledged --> [*]")
    return "\n".join(lines)
