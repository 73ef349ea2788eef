"""Who may do what with certificates (named predicates of the `rules` library)."""

from __future__ import annotations

import rules

from smartcity.accounts.models import MembershipRole
from smartcity.accounts.rules import is_boi_officer, is_committee_member, is_secretariat


@rules.predicate
def is_city_member(user, certificate) -> bool:
    if not (user and user.is_authenticated and certificate is not None):
        return False
    return user.memberships.filter(organization_id=certificate.organization_id).exists()


@rules.predicate
def is_city_editor(user, certificate) -> bool:
    if not (user and user.is_authenticated and certificate is not None):
        return False
    return user.memberships.filter(
        organization_id=certificate.organization_id, role__in=[MembershipRole.ADMIN, MembershipRole.EDITOR]
    ).exists()


rules.add_perm("certification.view_certificate", is_city_member | is_secretariat | is_committee_member | is_boi_officer)
rules.add_perm("certification.manage_certificate", is_secretariat)
rules.add_perm("certification.request_renewal", is_city_editor)
