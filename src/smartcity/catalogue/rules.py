"""Who may do what in the catalogue. Members of an organisation with the admin or editor role edit its datasets;
any member sees its private datasets."""

from __future__ import annotations

import rules

from smartcity.accounts.models import MembershipRole

EDITOR_ROLES = (MembershipRole.ADMIN, MembershipRole.EDITOR)


def editable_organization_ids(user) -> set[int]:
    if not (user and user.is_authenticated and user.is_active):
        return set()
    cached = getattr(user, "_catalogue_editable", None)
    if cached is None:
        cached = set(user.memberships.filter(role__in=EDITOR_ROLES).values_list("organization_id", flat=True))
        user._catalogue_editable = cached
    return cached


def member_organization_ids(user) -> set[int]:
    if not (user and user.is_authenticated and user.is_active):
        return set()
    cached = getattr(user, "_catalogue_member", None)
    if cached is None:
        cached = set(user.memberships.values_list("organization_id", flat=True))
        user._catalogue_member = cached
    return cached


@rules.predicate
def can_edit_organization_data(user, organization) -> bool:
    return organization is not None and organization.pk in editable_organization_ids(user)


@rules.predicate
def can_see_dataset(user, dataset) -> bool:
    if dataset is None:
        return False
    if dataset.is_public:
        return True
    return dataset.state != "deleted" and dataset.organization_id in member_organization_ids(user)


rules.add_perm("catalogue.edit_organization_data", can_edit_organization_data)
rules.add_perm("catalogue.view_dataset", can_see_dataset)
