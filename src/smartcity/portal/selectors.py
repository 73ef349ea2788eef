"""Reads for the role home pages. Each takes the user and returns only what that user may see."""

from __future__ import annotations

from django.db.models import Count, Q

from smartcity.accounts.models import Membership, Organization, ProgramRoleCode, User
from smartcity.core.audit import verify_chain
from smartcity.core.models import AuditEvent
from smartcity.program.models import Call, CriteriaSet, Domain, ProgramRole
from smartcity.program.selectors import current_criteria_set, open_calls, rubric


def members_with_role(role: str, domain: Domain | None = None):
    roles = ProgramRole.objects.filter(role=role).select_related("user").order_by("-is_chair", "user__full_name")
    return roles.filter(domain=domain) if domain is not None else roles


def _secretariat(user: User, **_kw) -> dict:
    return {
        "calls": Call.objects.select_related("criteria_set").prefetch_related("accepted_city_types"),
        "criteria_sets": CriteriaSet.objects.annotate(call_count=Count("calls")),
        "organizations": Organization.objects.annotate(member_count=Count("memberships")),
        "role_counts": ProgramRole.objects.values("role").annotate(n=Count("id")).order_by("role"),
        "recent_events": AuditEvent.objects.order_by("-seq")[:10],
    }


def _domain_group(user: User, code: str, **_kw) -> dict:
    domain = Domain.objects.get(code=code)
    criteria_set = current_criteria_set()
    return {
        "domain": domain,
        "members": members_with_role(ProgramRoleCode.WORKING_GROUP, domain),
        "criteria_set": criteria_set,
        "rubric": rubric(criteria_set),
    }


def _committee_like(role: str):
    def build(user: User, **_kw) -> dict:
        criteria_set = current_criteria_set()
        return {"members": members_with_role(role), "criteria_set": criteria_set}

    return build


def _boi(user: User, **_kw) -> dict:
    return {"criteria_set": current_criteria_set()}


def _platform_admin(user: User, **_kw) -> dict:
    return {
        "user_count": User.objects.count(),
        "staff_2fa_count": User.objects.filter(totpdevice__confirmed=True).distinct().count(),
        "organization_count": Organization.objects.count(),
        "chain": verify_chain(),
        "role_counts": ProgramRole.objects.values("role").annotate(n=Count("id")).order_by("role"),
    }


def _organization(user: User, pk: int, **_kw) -> dict:
    organization = Organization.objects.get(pk=pk)
    return {
        "organization": organization,
        "memberships": Membership.objects.filter(organization=organization).select_related("user"),
        "my_membership": Membership.objects.filter(organization=organization, user=user).first(),
        "calls": open_calls(),
        "all_calls": Call.objects.filter(~Q(pk__in=open_calls().values("pk"))).select_related("criteria_set"),
    }


_BUILDERS = {
    "secretariat": _secretariat,
    "domain_group": _domain_group,
    "subcommittee": _committee_like(ProgramRoleCode.SUBCOMMITTEE),
    "committee": _committee_like(ProgramRoleCode.COMMITTEE),
    "boi": _boi,
    "platform_admin": _platform_admin,
    "organization": _organization,
}


def home_context(role: str, user: User, **kwargs) -> dict:
    return _BUILDERS[role](user, **kwargs)
