"""Which home pages a person has, from their roles and memberships. Used by the nav and /home/."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import ProgramRoleCode
from smartcity.core.thai import is_thai


@dataclass(frozen=True)
class RoleHome:
    key: str
    label: str
    url: str
    description: str = ""


_STAFF_HOMES = [
    (
        ProgramRoleCode.SECRETARIAT,
        "portal:secretariat_home",
        _("Secretariat"),
        _("Calls, criteria sets, organisations and the audit trail."),
    ),
    (
        ProgramRoleCode.SUBCOMMITTEE,
        "portal:subcommittee_home",
        _("Subcommittee"),
        _("Meetings and decisions on recommended proposals."),
    ),
    (
        ProgramRoleCode.COMMITTEE,
        "portal:committee_home",
        _("Committee"),
        _("Acknowledgement of approved proposals."),
    ),
    (
        ProgramRoleCode.BOI_OFFICER,
        "portal:boi_home",
        _("BOI"),
        _("Checking endorsements and their certificates."),
    ),
    (
        ProgramRoleCode.PLATFORM_ADMIN,
        "portal:platform_admin_home",
        _("Platform administration"),
        _("Accounts, rules data and the health of the audit chain."),
    ),
]


def role_homes(user) -> list[RoleHome]:
    if not user.is_authenticated:
        return []
    homes: list[RoleHome] = []
    for membership in user.memberships.select_related("organization").order_by("organization__name_th"):
        org = membership.organization
        homes.append(
            RoleHome(
                f"org-{org.pk}",
                org.name_th if is_thai() else org.name_en,
                reverse("portal:organization_home", args=[org.pk]),
                str(_("Your organisation's proposals and calls open to it.")),
            )
        )
    roles = user.program_roles.select_related("domain").order_by("role", "domain__order")
    codes = {r.role for r in roles}
    for role, url_name, label, description in _STAFF_HOMES:
        if role in codes or (role == ProgramRoleCode.PLATFORM_ADMIN and user.is_superuser):
            homes.append(RoleHome(role, str(label), reverse(url_name), str(description)))
    for program_role in roles:
        if program_role.role == ProgramRoleCode.WORKING_GROUP:
            domain = program_role.domain
            name = domain.name_th if is_thai() else domain.name_en
            homes.append(
                RoleHome(
                    f"wg-{domain.code}",
                    str(_("Working group: %(domain)s") % {"domain": name}),
                    reverse("portal:domain_group_home", args=[domain.code]),
                    str(_("Proposals to score for this domain.")),
                )
            )
    return homes
