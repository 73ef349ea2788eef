"""Reads for the evaluation screens. Each takes the user; list queries do not grow with the rows."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from smartcity.accounts.rules import is_secretariat
from smartcity.core.business_days import business_days_between
from smartcity.core.queries import SubqueryCount
from smartcity.proposals.models import Proposal, ProposalStatus

from .models import Assignment, DomainResult, Meeting

S = ProposalStatus
INBOX_STATUSES = [
    S.SUBMITTED,
    S.SCREENING,
    S.IN_EVALUATION,
    S.REVISION_REQUESTED,
    S.RECOMMENDED,
    S.NOT_RECOMMENDED,
    S.DEFERRED,
    S.APPROVED,
]


def secretariat_inbox(user) -> QuerySet[Proposal]:
    if not is_secretariat(user):
        return Proposal.objects.none()
    assignments = Assignment.objects.filter(proposal=OuterRef("pk"))
    return (
        Proposal.objects.filter(status__in=INBOX_STATUSES)
        .select_related("organization", "call")
        .prefetch_related("domains")
        .annotate(
            assigned=SubqueryCount(assignments),
            scored=SubqueryCount(assignments.filter(scorecard__isnull=False)),
        )
        .order_by("submitted_at", "pk")
    )


def age_in_business_days(proposal: Proposal) -> int:
    if proposal.submitted_at is None:
        return 0
    return business_days_between(timezone.localtime(proposal.submitted_at).date(), timezone.localdate())


def assignments_for_member(user) -> QuerySet[Assignment]:
    """The member's assignments, the ones still to score first (on every database: PostgreSQL sorts nulls last)."""
    return (
        Assignment.objects.filter(member=user)
        .select_related("proposal__organization", "domain", "scorecard")
        .order_by(F("scorecard__submitted_at").asc(nulls_first=True), "due_on", "pk")
    )


def group_scorecards(assignment: Assignment):
    """The other members' scorecards for the same domain and round — shown only after one's own is in."""
    return (
        Assignment.objects.filter(
            proposal_id=assignment.proposal_id,
            domain_id=assignment.domain_id,
            round=assignment.round,
            scorecard__isnull=False,
        )
        .exclude(pk=assignment.pk)
        .select_related("member", "scorecard")
    )


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.annotate(item_count=Count("items")).order_by("-year_be", "-number")


def agenda(meeting: Meeting):
    return meeting.items.select_related("proposal__organization").prefetch_related(
        "recused", Prefetch("proposal__domain_results", queryset=DomainResult.objects.select_related("domain"))
    )


def reviewer_insight() -> list[dict]:
    """Per member: how many scorecards, and their mean offset from their group's mean for the same item."""
    results = {(r.proposal_id, r.domain_id, r.round): r.mean for r in DomainResult.objects.all()}
    offsets: dict[int, list[Decimal]] = defaultdict(list)
    names: dict[int, str] = {}
    for a in Assignment.objects.filter(scorecard__isnull=False).select_related("member", "scorecard"):
        mean = results.get((a.proposal_id, a.domain_id, a.round))
        names[a.member_id] = a.member.full_name
        if mean is not None:
            offsets[a.member_id].append(a.scorecard.total - mean)
    rows = [
        {"member": names[m], "count": len(values), "mean_offset": (sum(values) / len(values)).quantize(Decimal("0.01"))}
        for m, values in offsets.items()
    ]
    return sorted(rows, key=lambda row: -abs(row["mean_offset"]))
