"""Reads for the evaluation screens. Each takes the user; list queries do not grow with the rows."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import ProgramRoleCode, User
from smartcity.accounts.rules import is_secretariat
from smartcity.core.business_days import business_days_between
from smartcity.core.queries import SubqueryCount
from smartcity.program.models import Domain, ProgramRole
from smartcity.proposals.models import Proposal, ProposalStatus

from .conflicts import conflicts_by_member
from .models import AgendaItem, Assignment, DomainResult, Meeting

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


def current_round(proposal: Proposal) -> int:
    return proposal.assignments.aggregate(r=Max("round"))["r"] or 1


def latest_results(proposal: Proposal) -> dict[str, DomainResult]:
    """The newest result of each claimed domain (a domain that passed keeps its result across rounds)."""
    results: dict[str, DomainResult] = {}
    for result in proposal.domain_results.select_related("domain").order_by("round"):
        results[result.domain.code] = result
    return results


def plan_balanced_assignment(proposal: Proposal, per_domain: int = 2) -> dict[str, Any]:
    """A dry run: for each claimed domain, the members with the fewest open assignments, never a conflicted one."""
    open_counts = dict(
        Assignment.objects.filter(scorecard__isnull=True)
        .values("member")
        .annotate(n=Count("id"))
        .values_list("member", "n")
    )
    plan: dict[str, Any] = {"domains": {}, "problems": []}
    existing = set(proposal.assignments.filter(round=current_round(proposal)).values_list("domain__code", "member_id"))
    conflicted = conflicts_by_member(proposal)
    for domain in proposal.domains.all():
        candidates = []
        for member in User.objects.filter(pk__in=group_member_ids(domain), is_active=True).order_by("full_name"):
            if (domain.code, member.pk) in existing:
                continue
            if member.pk in conflicted:
                continue
            candidates.append(member)
        candidates.sort(key=lambda m: (open_counts.get(m.pk, 0), m.full_name))
        already = sum(1 for code, _member in existing if code == domain.code)
        chosen = candidates[: max(0, per_domain - already)]
        plan["domains"][domain.code] = [m.pk for m in chosen]
        if already + len(chosen) < per_domain:
            plan["problems"].append(
                str(
                    _("%(domain)s: only %(n)s eligible members.")
                    % {"domain": domain.name_th, "n": already + len(chosen)}
                )
            )
    return plan


def agenda_candidates():
    """Proposals whose domain results are all in and that await a decision, unless an open meeting has them."""
    # A subquery, not exclude(agenda_items__meeting__closed_at__isnull=True): through the outer joins that also
    # matched (and so excluded) every proposal never put on any agenda.
    on_open_agendas = AgendaItem.objects.filter(meeting__closed_at__isnull=True).values("proposal")
    return (
        Proposal.objects.filter(status__in=[S.RECOMMENDED, S.NOT_RECOMMENDED, S.DEFERRED])
        .exclude(pk__in=on_open_agendas)
        .select_related("organization")
    )


def group_member_ids(domain: Domain) -> set[int]:
    """The members of a domain's working group."""
    return set(
        ProgramRole.objects.filter(role=ProgramRoleCode.WORKING_GROUP, domain=domain).values_list("user_id", flat=True)
    )


def certified_domains(proposal: Proposal) -> list[Domain]:
    """The claimed domains whose latest working-group result passed (all claimed ones for a promotion zone)."""
    claimed = list(proposal.domains.order_by("order"))
    results = latest_results(proposal)
    passed = [domain for domain in claimed if results.get(domain.code) is not None and results[domain.code].passed]
    return passed or claimed
