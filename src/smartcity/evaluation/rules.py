"""Who may act in the evaluation. Views and the API check these names only."""

from __future__ import annotations

import rules

from smartcity.accounts.models import ProgramRoleCode
from smartcity.accounts.rules import is_committee_member, is_secretariat, is_subcommittee_member

from .conflicts import conflict_reasons


@rules.predicate
def is_assigned_member(user, assignment) -> bool:
    return bool(assignment is not None and user.is_authenticated and assignment.member_id == user.pk)


@rules.predicate
def is_in_assignment_group(user, assignment) -> bool:
    return bool(
        assignment is not None
        and user.is_authenticated
        and user.program_roles.filter(role=ProgramRoleCode.WORKING_GROUP, domain_id=assignment.domain_id).exists()
    )


@rules.predicate
def is_not_conflicted(user, assignment) -> bool:
    return assignment is not None and not conflict_reasons(user, assignment.proposal)


@rules.predicate
def is_subcommittee_chair(user, meeting=None) -> bool:
    return bool(
        user.is_authenticated and user.program_roles.filter(role=ProgramRoleCode.SUBCOMMITTEE, is_chair=True).exists()
    )


rules.add_perm("evaluation.screen", is_secretariat)
rules.add_perm("evaluation.manage_meetings", is_secretariat)
rules.add_perm("evaluation.score_assignment", is_assigned_member & is_in_assignment_group & is_not_conflicted)
rules.add_perm("evaluation.record_decision", is_subcommittee_member | is_secretariat)
rules.add_perm("evaluation.apply_decisions", is_subcommittee_chair)
rules.add_perm("evaluation.acknowledge", is_committee_member)
rules.add_perm("evaluation.view_insight", is_secretariat)
