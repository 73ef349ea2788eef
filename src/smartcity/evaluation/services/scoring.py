"""Scorecards and, once a domain is fully scored, the working group's result."""

from __future__ import annotations

import statistics
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.audit import record_event
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.program.models import Criterion, Domain
from smartcity.proposals.models import Proposal

from ..models import (
    Assignment,
    DomainResult,
    Recommendation,
    Scorecard,
)
from ..selectors import current_round, latest_results
from .common import S


def _validated_scores(scores: Any, criteria_set) -> dict[str, Decimal]:
    if not isinstance(scores, dict):
        raise UserFacingError(_("Give a score for each criterion."), field="scores")
    cleaned: dict[str, Decimal] = {}
    for criterion in Criterion.objects.all():
        key = str(criterion.number)
        weight = criteria_set.weight_for(criterion.number)
        if key not in scores or scores[key] in (None, ""):
            raise UserFacingError(
                _("Criterion %(n)s has no score."),
                field=f"scores.{key}",
                code="missing_score",
                params={"n": criterion.number},
            )
        try:
            value = Decimal(str(scores[key]))
        except Exception as error:  # noqa: BLE001 - any unreadable number is the same mistake
            raise UserFacingError(
                _("Criterion %(n)s: “%(value)s” is not a number."),
                field=f"scores.{key}",
                params={"n": criterion.number, "value": str(scores[key])[:20]},
            ) from error
        if not value.is_finite() or not (0 <= value <= weight):
            raise UserFacingError(
                _("Criterion %(n)s: the score must be between 0 and %(max)s."),
                field=f"scores.{key}",
                code="score_out_of_range",
                params={"n": criterion.number, "max": weight},
            )
        cleaned[key] = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    unknown = set(map(str, scores)) - set(cleaned)
    if unknown:
        raise UserFacingError(_("Unknown criterion: %(keys)s."), field="scores", params={"keys": ", ".join(unknown)})
    return cleaned


@transaction.atomic
def submit_scorecard(*, actor, assignment_id: int, scores: dict, comment: str, recommendation: str) -> Scorecard:
    assignment = Assignment.objects.select_related("domain").get(pk=assignment_id)
    proposal = Proposal.objects.select_for_update().get(pk=assignment.proposal_id)
    if not actor.has_perm("evaluation.score_assignment", assignment):
        raise NotAllowed(_("You may not score this proposal."))
    if proposal.status != S.IN_EVALUATION or assignment.round != current_round(proposal):
        raise Conflict(_("This proposal is not being evaluated in this round."), code="not_in_evaluation")
    if Scorecard.objects.filter(assignment=assignment).exists():
        raise Conflict(_("You have already submitted this scorecard."), code="already_scored")
    if recommendation not in Recommendation.values:
        raise UserFacingError(_("Choose a recommendation: pass, revise or fail."), field="recommendation")
    if not (comment or "").strip():
        raise UserFacingError(_("Write a comment for the applicant and the group."), field="comment")
    criteria_set = proposal.versions.get(number=assignment.version_number).criteria_set
    cleaned = _validated_scores(scores, criteria_set)
    scorecard = Scorecard.objects.create(
        assignment=assignment,
        scores={k: str(v) for k, v in cleaned.items()},
        total=sum(cleaned.values()),
        comment=comment[:10000],
        recommendation=recommendation,
        submitted_at=timezone.now(),
    )
    record_event(
        actor=actor,
        action="scorecard.submitted",
        obj=proposal,
        after={
            "domain": assignment.domain.code,
            "round": assignment.round,
            "total": scorecard.total,
            "recommendation": recommendation,
        },
    )
    _compute_result_when_complete(proposal, assignment.domain, assignment.round, criteria_set)
    return scorecard


def domain_result_fields(totals: list[Decimal], criteria_set) -> dict[str, Any]:
    """A working group's result from its members' totals: mean (the agreed score), median, spread, whether the
    reviewers disagree and whether it passes, under the criteria set's rules."""
    mean = (sum(totals) / len(totals)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    spread = max(totals) - min(totals)
    return {
        "member_count": len(totals),
        "mean": mean,
        "median": Decimal(str(statistics.median(totals))).quantize(Decimal("0.01")),
        "spread": spread,
        "disagreement": spread > criteria_set.disagreement_spread,
        "agreed_score": mean,
        "passed": mean >= criteria_set.pass_mark,
    }


def _compute_result_when_complete(proposal: Proposal, domain: Domain, round_number: int, criteria_set) -> None:
    """Runs under the proposal's row lock, so the result is computed exactly once."""
    group = Assignment.objects.filter(proposal=proposal, domain=domain, round=round_number)
    if (
        group.filter(scorecard__isnull=True).exists()
        or DomainResult.objects.filter(proposal=proposal, domain=domain, round=round_number).exists()
    ):
        return
    totals = [a.scorecard.total for a in group.select_related("scorecard")]
    result = DomainResult.objects.create(
        proposal=proposal,
        domain=domain,
        round=round_number,
        computed_at=timezone.now(),
        **domain_result_fields(totals, criteria_set),
    )
    record_event(
        actor="system",
        action="domain_result.computed",
        obj=proposal,
        after={
            "domain": domain.code,
            "round": round_number,
            "mean": result.mean,
            "median": result.median,
            "spread": result.spread,
            "disagreement": result.disagreement,
            "passed": result.passed,
        },
    )


def all_results_in(proposal: Proposal) -> dict[str, DomainResult]:
    results = latest_results(proposal)
    round_number = current_round(proposal)
    pending = proposal.assignments.filter(round=round_number, scorecard__isnull=True).exists()
    claimed = set(proposal.domains.values_list("code", flat=True))
    if pending or not claimed <= set(results):
        raise Conflict(_("Not every working group has its result yet."), code="results_pending")
    return results
