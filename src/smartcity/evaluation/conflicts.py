"""Whether a working-group member is conflicted with a proposal, and why (shown to the secretariat)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def conflict_reasons(member, proposal) -> list:
    """Reasons, empty when there is no conflict. Declared conflicts cover the proponent, its partners, the
    provinces of the proponent and of the area, and conflicts declared against the proposal itself."""
    from .models import ConflictOfInterest

    declared = list(ConflictOfInterest.objects.filter(member=member).select_related("organization"))
    if not declared:
        return []
    organization_ids = {proposal.organization_id, *proposal.partners.values_list("pk", flat=True)}
    provinces = {proposal.organization.province_code, *(code[:2] for code in proposal.admin_units or [])}
    reasons = []
    for conflict in declared:
        if conflict.kind == "organization" and conflict.organization_id in organization_ids:
            reasons.append(_("declared a conflict with %(org)s") % {"org": conflict.organization.name_th})
        elif conflict.kind == "province" and conflict.province_code in provinces:
            reasons.append(_("declared a conflict with province %(code)s") % {"code": conflict.province_code})
        elif conflict.kind == "proposal" and conflict.proposal_id == proposal.pk:
            reasons.append(_("declared a conflict with this proposal: %(why)s") % {"why": conflict.description})
    return reasons
