"""Messages to a proposal's applicants, through the notifications app's templates."""

from __future__ import annotations

from django.urls import reverse

from smartcity.accounts.models import MembershipRole, User
from smartcity.notifications.services import notify


def applicants(proposal) -> list[User]:
    """The proponent's administrators and editors: the people who act on the proposal."""
    return list(
        User.objects.filter(
            memberships__organization=proposal.organization_id,
            memberships__role__in=[MembershipRole.ADMIN, MembershipRole.EDITOR],
        )
    )


def proposal_context(proposal, **extra) -> dict:
    return {
        "proposal_title": {"th": proposal.title_th, "en": proposal.title_en or proposal.title_th},
        "organization": {"th": proposal.organization.name_th, "en": proposal.organization.name_en},
        "url": reverse("proposals:detail", args=[proposal.pk]),
        **extra,
    }


def tell_applicants(proposal, template_code: str, **extra) -> None:
    notify(
        template_code=template_code,
        users=applicants(proposal),
        context=proposal_context(proposal, **extra),
        related=proposal,
    )
