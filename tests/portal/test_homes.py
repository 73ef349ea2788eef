"""Each role's home page: allowed for that role, refused (403) for every other, sign-in for strangers."""

import pytest

from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db

ROLE_PAGES = {
    "secretariat": "/secretariat/",
    "subcommittee": "/subcommittee/",
    "committee": "/committee/",
    "boi_officer": "/boi/",
    "platform_admin": "/platform/",
}


def _user_for(role):
    if role == "working_group":
        return staff_user("working_group", domain="environment")
    if role == "applicant":
        return MembershipFactory(role="admin").user
    return staff_user(role)


ALL_ROLES = [*ROLE_PAGES, "working_group", "applicant"]


@pytest.mark.parametrize("role", list(ROLE_PAGES))
def test_role_home_is_shown_to_its_role(role, login_as, client):
    login_as(_user_for(role))
    assert client.get(ROLE_PAGES[role]).status_code == 200


@pytest.mark.parametrize(
    ("page_role", "visitor_role"),
    [(p, v) for p in ROLE_PAGES for v in ALL_ROLES if v != p],
)
def test_role_home_is_refused_to_other_roles(page_role, visitor_role, login_as, client):
    login_as(_user_for(visitor_role))
    assert client.get(ROLE_PAGES[page_role]).status_code == 403


@pytest.mark.parametrize("page", [*ROLE_PAGES.values(), "/working-groups/environment/", "/home/"])
def test_strangers_are_sent_to_sign_in(page, client):
    response = client.get(page)
    assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")


def test_working_group_member_sees_own_group_only(login_as, client):
    login_as(_user_for("working_group"))
    page = client.get("/working-groups/environment/")
    assert page.status_code == 200 and "สิ่งแวดล้อมอัจฉริยะ" in page.content.decode()
    assert client.get("/working-groups/mobility/").status_code == 403
    assert client.get("/working-groups/no-such-domain/").status_code == 404


def test_secretariat_sees_every_working_group(login_as, client):
    login_as(_user_for("secretariat"))
    assert client.get("/working-groups/mobility/").status_code == 200


def test_organisation_home_for_members_and_404_for_others(login_as, client):
    membership = MembershipFactory(role="viewer")
    other = OrganizationFactory(name_th="เทศบาลนครภูเก็ต")
    login_as(membership.user)
    page = client.get(f"/organisations/{membership.organization.pk}/")
    assert page.status_code == 200 and membership.organization.name_th in page.content.decode()
    refused = client.get(f"/organisations/{other.pk}/")
    assert refused.status_code == 404 and "เทศบาลนครภูเก็ต" not in refused.content.decode()


def test_home_lists_each_of_the_users_homes(login_as, client):
    user = MembershipFactory(role="admin").user
    from tests.factories import grant

    grant(user, "committee")
    grant(user, "working_group", "energy")
    login_as(user)
    page = client.get("/home/").content.decode()
    assert "/committee/" in page and "/working-groups/energy/" in page
    assert f"/organisations/{user.memberships.get().organization.pk}/" in page
    assert "/secretariat/" not in page


def test_user_without_roles_is_told_what_to_do(login_as, client):
    login_as(UserFactory())
    assert "ยังไม่มีบทบาท" in client.get("/home/").content.decode()
