"""Reads of proposals, always through the user: a city never sees another city's drafts."""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet

from smartcity.accounts.models import Membership
from smartcity.accounts.rules import is_committee_member, is_secretariat, is_subcommittee_member
from smartcity.core.queries import SubqueryCount

from .handoffs import also_visible_to
from .models import Proposal, ProposalStatus, ProposalVersion

DECISION_STATUSES = [
    ProposalStatus.RECOMMENDED,
    ProposalStatus.NOT_RECOMMENDED,
    ProposalStatus.DEFERRED,
    ProposalStatus.APPROVED,
    ProposalStatus.REJECTED,
    ProposalStatus.ACKNOWLEDGED,
]


def proposals_for_user(user) -> QuerySet[Proposal]:
    if not user.is_authenticated:
        return Proposal.objects.none()
    # Subqueries, not joins: joining memberships, assignments and versions multiplied every proposal's row by
    # its assignments before DISTINCT and GROUP BY folded them again (400 ms for one page at 10,000 scorecards).
    visible = Q(organization__in=Membership.objects.filter(user=user).values("organization"))
    for condition in also_visible_to.send(user):
        visible |= condition
    if is_secretariat(user):
        visible |= ~Q(status=ProposalStatus.DRAFT)
    elif is_subcommittee_member(user) or is_committee_member(user):
        visible |= Q(status__in=DECISION_STATUSES)
    return (
        Proposal.objects.filter(visible)
        .select_related("organization", "call", "city_type")
        .prefetch_related("domains")
        .annotate(version_count=SubqueryCount(ProposalVersion.objects.filter(proposal=OuterRef("pk"))))
    )


def proposal_for_user(user, pk: int) -> Proposal:
    """The proposal if the user may see it; DoesNotExist (→ 404) otherwise, so existence does not leak."""
    return proposals_for_user(user).get(pk=pk)
