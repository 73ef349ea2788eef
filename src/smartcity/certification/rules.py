"""Who may do what with certificates and endorsements (named predicates of the `rules` library)."""

from __future__ import annotations

import rules

from smartcity.accounts.models import COMPANY_KINDS, MembershipRole
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


rules.add_perm("certification.view_certificate", is_city_member | is_secretariat | is_committee_member | is_boi_officer)
rules.add_perm("certification.manage_certificate", is_secretariat)
rules.add_perm("certification.request_renewal", is_city_editor)
rules.add_perm("certification.request_endorsement", is_company_editor)
rules.add_perm("certification.view_endorsement", is_endorsement_company_member | is_secretariat | is_boi_officer)
rules.add_perm("certification.decide_endorsement", is_secretariat)
rules.add_perm("certification.check_endorsements", is_boi_officer | is_secretariat)
