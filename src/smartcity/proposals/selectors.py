"""Reads of proposals, always through the user: a city never sees another city's drafts."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from smartcity.accounts.rules import is_committee_member, is_secretariat, is_subcommittee_member

from .models import Proposal, ProposalStatus

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
    visible = Q(organization__memberships__user=user) | Q(assignments__member=user)
    if is_secretariat(user):
        visible |= ~Q(status=ProposalStatus.DRAFT)
    elif is_subcommittee_member(user) or is_committee_member(user):
        visible |= Q(status__in=DECISION_STATUSES)
    return (
        Proposal.objects.filter(visible)
        .distinct()
        .select_related("organization", "call", "city_type")
        .prefetch_related("domains")
        .annotate(version_count=Count("versions", distinct=True))
    )


def proposal_for_user(user, pk: int) -> Proposal:
    """The proposal if the user may see it; DoesNotExist (→ 404) otherwise, so existence does not leak."""
    return proposals_for_user(user).get(pk=pk)
