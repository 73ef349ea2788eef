"""Who may do what with BOI endorsements (named predicates of the `rules` library)."""

from __future__ import annotations

import rules

from smartcity.accounts.models import COMPANY_KINDS, MembershipRole
from smartcity.accounts.rules import is_boi_officer, is_secretariat


@rules.predicate
def is_company_editor(user) -> bool:
    """A member (administrator or editor) of a company that may ask for BOI endorsements."""
    if not (user and user.is_authenticated):
        return False
    return user.memberships.filter(
        organization__kind__in=COMPANY_KINDS, role__in=[MembershipRole.ADMIN, MembershipRole.EDITOR]
    ).exists()


@rules.predicate
def is_endorsement_company_member(user, endorsement) -> bool:
    if not (user and user.is_authenticated and endorsement is not None):
        return False
    return user.memberships.filter(organization_id=endorsement.company_id).exists()


rules.add_perm("endorsements.request_endorsement", is_company_editor)
rules.add_perm("endorsements.view_endorsement", is_endorsement_company_member | is_secretariat | is_boi_officer)
rules.add_perm("endorsements.decide_endorsement", is_secretariat)
rules.add_perm("endorsements.check_endorsements", is_boi_officer | is_secretariat)
