"""Named permission predicates (the `rules` library). Views and the API check these names only."""

from __future__ import annotations

import rules

from .models import MembershipRole, ProgramRoleCode


def _has_role(user, role: str) -> bool:
    return bool(user and user.is_authenticated and role in user.program_role_codes)


@rules.predicate
def is_secretariat(user) -> bool:
    return _has_role(user, ProgramRoleCode.SECRETARIAT)


@rules.predicate
def is_working_group_member(user) -> bool:
    return _has_role(user, ProgramRoleCode.WORKING_GROUP)


@rules.predicate
def is_member_of_domain_group(user, domain) -> bool:
    if not (user and user.is_authenticated and domain is not None):
        return False
    return user.program_roles.filter(role=ProgramRoleCode.WORKING_GROUP, domain=domain).exists()


@rules.predicate
def is_subcommittee_member(user) -> bool:
    return _has_role(user, ProgramRoleCode.SUBCOMMITTEE)


@rules.predicate
def is_committee_member(user) -> bool:
    return _has_role(user, ProgramRoleCode.COMMITTEE)


@rules.predicate
def is_boi_officer(user) -> bool:
    return _has_role(user, ProgramRoleCode.BOI_OFFICER)


@rules.predicate
def is_platform_admin(user) -> bool:
    return _has_role(user, ProgramRoleCode.PLATFORM_ADMIN) or bool(user and user.is_superuser)


@rules.predicate
def is_org_member(user, organization) -> bool:
    if not (user and user.is_authenticated and organization is not None):
        return False
    return user.memberships.filter(organization=organization).exists()


@rules.predicate
def is_org_admin(user, organization) -> bool:
    if not (user and user.is_authenticated and organization is not None):
        return False
    return user.memberships.filter(organization=organization, role=MembershipRole.ADMIN).exists()


@rules.predicate
def has_membership(user) -> bool:
    return bool(user and user.is_authenticated and user.memberships.exists())


rules.add_perm("accounts.view_secretariat_home", is_secretariat)
rules.add_perm("accounts.view_working_group_home", is_working_group_member)
rules.add_perm("accounts.view_domain_group", is_member_of_domain_group | is_secretariat)
rules.add_perm("accounts.view_subcommittee_home", is_subcommittee_member)
rules.add_perm("accounts.view_committee_home", is_committee_member)
rules.add_perm("accounts.view_boi_home", is_boi_officer)
rules.add_perm("accounts.view_platform_admin_home", is_platform_admin)
rules.add_perm("accounts.view_organization", is_org_member | is_secretariat)
rules.add_perm("accounts.manage_organization_members", is_org_admin)
