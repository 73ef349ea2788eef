"""Reads of proposals, always through the user: a city never sees another city's drafts."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from smartcity.accounts.rules import is_secretariat

from .models import Proposal, ProposalStatus


def proposals_for_user(user) -> QuerySet[Proposal]:
    if not user.is_authenticated:
        return Proposal.objects.none()
    visible = Q(organization__memberships__user=user)
    if is_secretariat(user):
        visible |= ~Q(status=ProposalStatus.DRAFT)
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
