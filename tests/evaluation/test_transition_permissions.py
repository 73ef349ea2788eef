"""Every transition of the table against every role: who may trigger it, and that everyone else may not."""

import pytest

from smartcity.proposals.workflow import TRANSITIONS
from tests.factories import MembershipFactory, UserFactory, grant, staff_user
from tests.proposals.builders import draft

pytestmark = pytest.mark.django_db

# action -> the roles allowed to trigger it (given the proposal is in a source state)
ALLOWED = {
    "submit": {"applicant_editor", "applicant_admin"},
    "resubmit_revision": {"applicant_editor", "applicant_admin"},
    "withdraw": {"applicant_admin"},
    "start_screening": {"secretariat"},
    "return": {"secretariat"},
    "route": {"secretariat"},
    "recommend": {"secretariat"},
    "request_revision": {"secretariat"},
    "not_recommend": {"secretariat"},
    "approve": {"subcommittee_chair"},
    "reject": {"subcommittee_chair"},
    "defer": {"subcommittee_chair"},
    "acknowledge": {"committee"},
}
ROLES = [
    "applicant_editor",
    "applicant_admin",
    "applicant_viewer",
    "other_city",
    "secretariat",
    "working_group",
    "subcommittee_member",
    "subcommittee_chair",
    "committee",
    "boi_officer",
    "platform_admin",
]


def make(role, proposal):
    if role.startswith("applicant_"):
        return MembershipFactory(organization=proposal.organization, role=role.removeprefix("applicant_")).user
    if role == "other_city":
        return MembershipFactory(role="admin").user
    if role == "working_group":
        return staff_user("working_group", domain="environment")
    if role == "subcommittee_member":
        return staff_user("subcommittee")
    if role == "subcommittee_chair":
        user = UserFactory()
        grant(user, "subcommittee", chair=True)
        return user
    return staff_user(role)


def test_the_table_and_this_test_name_the_same_transitions():
    assert set(TRANSITIONS) == set(ALLOWED)


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_of_each_role_for_each_transition(action, role):
    proposal = draft()
    transition = TRANSITIONS[action]
    proposal.status = sorted(transition.source)[0]  # in memory only: the permission, not the state, is tested
    user = make(role, proposal)
    assert user.has_perm(transition.permission, proposal) is (role in ALLOWED[action])
