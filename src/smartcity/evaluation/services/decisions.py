"""The working groups' conclusion (recommend, revision, not recommended), the next round after a revision,
and the committee's acknowledgement."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.business_days import add_business_days
from smartcity.core.errors import Conflict, UserFacingError
from smartcity.proposals.messages import tell_applicants
from smartcity.proposals.models import Proposal
from smartcity.proposals.workflow import apply_transition

from ..conflicts import conflicts_by_member
from ..handoffs import SMART_CITY, proposal_designated
from ..models import (
    Acknowledgement,
    Assignment,
    RevisionRequest,
)
from ..selectors import certified_domains, current_round, latest_results
from .common import DEFAULT_DUE_BUSINESS_DAYS, check_due
from .scoring import all_results_in


def recommend(*, actor, proposal_id: int) -> Proposal:
    def all_pass(proposal: Proposal) -> dict:
        results = all_results_in(proposal)
        short = [code for code, r in results.items() if not r.passed]
        if short:
            raise Conflict(
                _("Some domains are short of the pass mark: %(domains)s."),
                code="not_all_passed",
                params={"domains": ", ".join(short)},
            )
        return {"results": {code: r.agreed_score for code, r in results.items()}}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="recommend", effect=all_pass)


def request_revision(*, actor, proposal_id: int, comments: str, deadline: dt.date) -> Proposal:
    """Approved in principle: back to the applicant with the consolidated comments and a deadline."""
    if not (comments or "").strip():
        raise UserFacingError(_("Write the consolidated comments for the applicant."), field="comments")
    check_due(deadline)

    def record(proposal: Proposal) -> dict:
        all_results_in(proposal)
        RevisionRequest.objects.create(
            proposal=proposal,
            round=current_round(proposal),
            comments=comments[:20000],
            deadline=deadline,
            requested_by=actor,
        )
        tell_applicants(proposal, "revision_requested", deadline=deadline, comments=comments[:2000])
        return {"deadline": deadline, "round": current_round(proposal)}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="request_revision", effect=record)


def not_recommend(*, actor, proposal_id: int, reason: str) -> Proposal:
    if not (reason or "").strip():
        raise UserFacingError(_("Give the reason."), field="reason")

    def record(proposal: Proposal) -> dict:
        all_results_in(proposal)
        return {"reason": reason[:2000]}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="not_recommend", effect=record)


def open_next_round(proposal: Proposal, version_number: int, actor) -> int:
    """After a revision, the groups of the domains that fell short score the new version in a new round."""
    previous = current_round(proposal)
    results = latest_results(proposal)
    new_round = previous + 1
    conflicted = conflicts_by_member(proposal)
    for assignment in proposal.assignments.filter(round=previous).select_related("domain"):
        result = results.get(assignment.domain.code)
        if result is not None and result.passed:
            continue
        if assignment.member_id in conflicted:
            continue  # declared a conflict since: the secretariat assigns someone else for this round
        Assignment.objects.get_or_create(
            proposal=proposal,
            domain=assignment.domain,
            member=assignment.member,
            round=new_round,
            defaults={
                "version_number": version_number,
                "assigned_by": actor,
                "due_on": add_business_days(timezone.localdate(), DEFAULT_DUE_BUSINESS_DAYS),
            },
        )
    return new_round


def acknowledge(*, actor, proposal_id: int, reference: str, note: str = "") -> Proposal:
    if not (reference or "").strip():
        raise UserFacingError(
            _("Give the committee meeting or letter that acknowledges the approval."), field="reference"
        )

    def record(proposal: Proposal) -> dict:
        Acknowledgement.objects.create(
            proposal=proposal, reference=reference[:200], note=note[:5000], acknowledged_by=actor
        )
        number = proposal_designated.call(actor, proposal, SMART_CITY, certified_domains(proposal))
        return {"reference": reference[:200], "certificate": number}

    return apply_transition(actor=actor, proposal_id=proposal_id, action="acknowledge", effect=record)
