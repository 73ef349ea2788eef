"""Whether working-group members are conflicted with a proposal, and why (shown to the secretariat)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def conflicts_by_member(proposal, member_ids=None) -> dict[int, list]:
    """{member id: reasons} for every member (or the given ones) with a declared conflict touching the proposal:
    its proponent or partners, the provinces of the proponent and of the area, or the proposal itself.
    One query, so a page listing a whole working group does not ask once per member."""
    from .models import ConflictOfInterest

    organization_ids = {proposal.organization_id, *proposal.partners.values_list("pk", flat=True)}
    provinces = {proposal.organization.province_code, *(code[:2] for code in proposal.admin_units or [])}
    touching = (
        Q(kind="organization", organization_id__in=organization_ids)
        | Q(kind="province", province_code__in=provinces)
        | Q(kind="proposal", proposal_id=proposal.pk)
    )
    declared = ConflictOfInterest.objects.filter(touching).select_related("organization")
    if member_ids is not None:
        declared = declared.filter(member_id__in=member_ids)
    reasons: dict[int, list] = defaultdict(list)
    for conflict in declared:
        if conflict.kind == "organization":
            reasons[conflict.member_id].append(
                _("declared a conflict with %(org)s") % {"org": conflict.organization.name_th}
            )
        elif conflict.kind == "province":
            reasons[conflict.member_id].append(
                _("declared a conflict with province %(code)s") % {"code": conflict.province_code}
            )
        else:
            reasons[conflict.member_id].append(
                _("declared a conflict with this proposal: %(why)s") % {"why": conflict.description}
            )
    return dict(reasons)


def conflict_reasons(member, proposal) -> list:
    """Reasons this member is conflicted with the proposal; empty when there is no conflict."""
    return conflicts_by_member(proposal, [member.pk]).get(member.pk, [])
