"""Who may do what with a proposal. Views and the API check these names only."""

from __future__ import annotations

import rules

from smartcity.accounts.models import MembershipRole
from smartcity.accounts.rules import is_committee_member, is_secretariat, is_subcommittee_member

from .models import ProposalStatus


def _membership_role(user, organization) -> str | None:
    if not (user and user.is_authenticated and organization is not None):
        return None
    cache = user.__dict__.setdefault("_org_roles", {})
    if organization.pk not in cache:
        membership = user.memberships.filter(organization=organization).first()
        cache[organization.pk] = membership.role if membership else None
    return cache[organization.pk]


@rules.predicate
def is_proponent_member(user, proposal) -> bool:
    return proposal is not None and _membership_role(user, proposal.organization) is not None


@rules.predicate
def is_proponent_editor(user, proposal) -> bool:
    role = _membership_role(user, proposal.organization) if proposal is not None else None
    return role in {MembershipRole.ADMIN, MembershipRole.EDITOR}


@rules.predicate
def is_proponent_admin(user, proposal) -> bool:
    return proposal is not None and _membership_role(user, proposal.organization) == MembershipRole.ADMIN


@rules.predicate
def is_editable(user, proposal) -> bool:
    return proposal is not None and proposal.is_editable


@rules.predicate
def is_past_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status != ProposalStatus.DRAFT


@rules.predicate
def can_draft_for(user, organization) -> bool:
    return _membership_role(user, organization) in {MembershipRole.ADMIN, MembershipRole.EDITOR}


@rules.predicate
def is_assigned_evaluator(user, proposal) -> bool:
    return proposal is not None and user.is_authenticated and proposal.assignments.filter(member=user).exists()


@rules.predicate
def is_before_the_deciders(user, proposal) -> bool:
    from .selectors import DECISION_STATUSES

    return proposal is not None and proposal.status in DECISION_STATUSES


rules.add_perm(
    "proposals.view_proposal",
    is_proponent_member
    | (is_secretariat & is_past_draft)
    | is_assigned_evaluator
    | ((is_subcommittee_member | is_committee_member) & is_before_the_deciders),
)
rules.add_perm("proposals.change_proposal", is_proponent_editor & is_editable)
rules.add_perm("proposals.submit_proposal", is_proponent_editor & is_editable)
rules.add_perm("proposals.withdraw_proposal", is_proponent_admin)
rules.add_perm("proposals.return_proposal", is_secretariat)
rules.add_perm("proposals.create_proposal", can_draft_for)
