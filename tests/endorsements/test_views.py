"""BOI endorsements in the browser (Django test client): the company's form and map, the secretariat's inbox,
the BOI officers' list and check, the letter, the denials (nothing changed) and the query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from smartcity.certification.services import revoke_certificate
from smartcity.core.models import AuditEvent
from smartcity.endorsements import services
from smartcity.endorsements.models import Endorsement
from tests.endorsements.builders import (
    IN_THAILAND_OUTSIDE_AREA,
    INSIDE,
    approved,
    boi_officer,
    company,
    data,
    partner,
    requested,
    setting,
)
from tests.factories import MembershipFactory, OrganizationFactory, staff_user

pytestmark = pytest.mark.django_db


def form_data(organization, certificate, **overrides):
    values = data(organization, certificate)
    posted = {
        "company": organization.pk,
        "certificate": values["certificate_number"],
        "activity": values["activity"],
        "domains": values["domain_codes"],
        "project_title": values["project_title"],
        "description": values["description"],
        "investment_baht": "25000000",
        "lat": values["lat"],
        "lon": values["lon"],
        "juristic_id": values["juristic_id"],
    }
    posted.update(overrides)
    return posted


def test_the_company_sees_the_form_in_thai_with_the_map(client, login_as):
    certificate, organization, user, _s = setting()
    login_as(user)
    response = client.get(f"/endorsements/new/?company={organization.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th">' in page
    assert f'<option value="{certificate.number}"' in page and certificate.city_name_th in page
    assert 'id="endorsement-map"' in page and 'id="endorsement-areas"' in page
    assert "js/endorsement-map.js" in page and "vendor/leaflet/leaflet.js" in page
    assert f'value="{organization.juristic_id}"' in page  # prefilled
    assert 'name="lat"' in page and 'name="lon"' in page  # works without the map
    assert 'value="area_development"' in page and 'id="rule-system_development"' in page
    assert 'src="http' not in page and 'data-tiles=""' in page  # nothing from another site; no tiles by default


def test_the_company_requests_in_the_browser(client, login_as):
    certificate, organization, user, _s = setting()
    login_as(user)
    response = client.post("/endorsements/new/", form_data(organization, certificate))
    endorsement = Endorsement.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/endorsements/{endorsement.pk}/"
    assert endorsement.requested_by == user and str(endorsement.lat) == "16.440000"
    page = client.get(response["Location"]).content.decode()
    assert endorsement.project_title in page and 'id="endorsement-map"' in page
    listing = client.get("/endorsements/").content.decode()
    assert endorsement.project_title in listing


def test_a_point_outside_the_area_is_shown_at_the_location_and_nothing_is_saved(client, login_as):
    certificate, organization, user, _s = setting()
    login_as(user)
    response = client.post("/endorsements/new/", form_data(organization, certificate, **IN_THAILAND_OUTSIDE_AREA))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["lat"] and certificate.city_name_th in errors["lat"][0]
    assert 'id="id_lat_error"' in response.content.decode()
    bad = client.post("/endorsements/new/", form_data(organization, certificate, lat="north", lon="999"))
    assert bad.status_code == 400 and set(bad.context["form"].errors) == {"lat", "lon"}
    assert Endorsement.objects.count() == 0


def test_a_company_without_a_certified_partner_city_is_told_so(client, login_as):
    setting()
    organization, user = company()
    login_as(user)
    response = client.get("/endorsements/new/")
    assert response.status_code == 200 and "endorsement-form" not in response.content.decode()
    assert not response.context["certificates"]


def test_a_member_of_two_companies_chooses_one_first(client, login_as):
    certificate, organization, user, _s = setting()
    second, _other = partner(certificate)
    MembershipFactory(organization=second, user=user, role="admin")
    login_as(user)
    page = client.get("/endorsements/new/").content.decode()
    assert f"?company={organization.pk}" in page and f"?company={second.pk}" in page
    outsider, _member = company()
    assert client.get(f"/endorsements/new/?company={outsider.pk}").status_code == 403
    assert client.get("/endorsements/new/?company=999999").status_code == 404


def test_people_who_may_not_ask_are_refused(client, login_as):
    certificate, organization, _user, _s = setting()
    viewer = MembershipFactory(organization=organization, role="viewer").user
    clerk = MembershipFactory(organization=OrganizationFactory(kind="city_municipality"), role="admin").user
    for person in (viewer, clerk, boi_officer()):
        login_as(person)
        assert client.get("/endorsements/new/").status_code == 403
        assert client.post("/endorsements/new/", form_data(organization, certificate)).status_code == 403
    assert client.get("/endorsements/").status_code == 403  # a BOI officer has no company
    login_as(clerk)
    assert client.get("/endorsements/").status_code == 403
    login_as(viewer)
    assert client.get("/endorsements/").status_code == 200
    assert Endorsement.objects.count() == 0


def test_others_cannot_see_an_endorsement_and_unknown_ids_are_404(client, login_as):
    endorsement, user, _secretariat = approved()
    _company, stranger = company()
    login_as(stranger)
    # The same 404 as for an unknown id: sequential ids must not tell strangers which endorsements exist.
    for url in (f"/endorsements/{endorsement.pk}/", f"/endorsements/{endorsement.pk}/letter.pdf"):
        assert client.get(url).status_code == 404
    login_as(user)
    for url in ("/endorsements/999999/", "/endorsements/999999/letter.pdf"):
        assert client.get(url).status_code == 404
    assert client.post("/endorsements/999999/decide/", {"action": "approve"}).status_code == 403
    login_as(staff_user("secretariat"))
    assert client.post("/endorsements/999999/decide/", {"action": "approve"}).status_code == 404


def test_the_secretariat_sees_the_checks_and_approves(client, login_as):
    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user)
    other = requested(certificate, organization, user, project_title="โครงการที่สอง")
    services.reject_endorsement(actor=secretariat, endorsement_id=other.pk, note="ซ้ำซ้อน")
    login_as(secretariat)
    response = client.get("/endorsements/inbox/")
    page = response.content.decode()
    assert response.context["waiting"] == [endorsement] and response.context["decided"] == [other]
    assert page.index(endorsement.project_title) < page.index(other.project_title)  # waiting first
    assert all(check.ok for check in response.context["waiting"][0].checks)
    assert page.count('class="status ok"') >= 3 and 'value="approve"' in page
    response = client.post(
        f"/endorsements/{endorsement.pk}/decide/", {"action": "approve", "note": "", "next": "/endorsements/inbox/"}
    )
    assert response.status_code == 302 and response["Location"] == "/endorsements/inbox/"
    endorsement.refresh_from_db()
    assert endorsement.status == "approved" and endorsement.code


def test_the_inbox_shows_a_failing_check(client, login_as):
    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user)
    revoke_certificate(actor=secretariat, number=certificate.number, reason="เพิกถอน")
    login_as(secretariat)
    response = client.get("/endorsements/inbox/")
    failing = [c for c in response.context["waiting"][0].checks if not c.ok]
    assert [c.code for c in failing] == ["certificate"]
    assert 'class="status bad"' in response.content.decode()
    client.post(f"/endorsements/{endorsement.pk}/decide/", {"action": "approve"})
    assert Endorsement.objects.get(pk=endorsement.pk).status == "requested"


def test_rejection_without_a_reason_changes_nothing(client, login_as):
    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user)
    login_as(secretariat)
    response = client.post(f"/endorsements/{endorsement.pk}/decide/", {"action": "reject", "note": ""}, follow=True)
    assert Endorsement.objects.get(pk=endorsement.pk).status == "requested"
    assert any(m.level_tag == "error" for m in response.context["messages"])
    client.post(f"/endorsements/{endorsement.pk}/decide/", {"action": "reject", "note": "ไม่เข้าเงื่อนไข"})
    assert Endorsement.objects.get(pk=endorsement.pk).status == "rejected"


@pytest.mark.parametrize("who", ["company", "boi_officer"])
def test_only_the_secretariat_decides_in_the_browser(client, login_as, who):
    certificate, organization, user, _secretariat = setting()
    endorsement = requested(certificate, organization, user)
    login_as(user if who == "company" else boi_officer())
    assert client.get("/endorsements/inbox/").status_code == 403
    assert client.post(f"/endorsements/{endorsement.pk}/decide/", {"action": "approve"}).status_code == 403
    fresh = Endorsement.objects.get(pk=endorsement.pk)
    assert fresh.status == "requested" and fresh.code is None
    assert not AuditEvent.objects.filter(action="endorsement.approved").exists()


def test_decisions_need_the_csrf_token(login_as):
    certificate, organization, user, secretariat = setting()
    endorsement = requested(certificate, organization, user)
    strict = Client(enforce_csrf_checks=True)
    login_as(secretariat, strict)
    assert strict.post(f"/endorsements/{endorsement.pk}/decide/", {"action": "approve"}).status_code == 403
    assert Endorsement.objects.get(pk=endorsement.pk).status == "requested"


def test_the_company_downloads_the_letter_of_an_approved_endorsement_only(client, login_as):
    endorsement, user, secretariat = approved()
    login_as(user)
    page = client.get(f"/endorsements/{endorsement.pk}/").content.decode()
    assert f"/endorsements/{endorsement.pk}/letter.pdf" in page and endorsement.code in page
    response = client.get(f"/endorsements/{endorsement.pk}/letter.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and endorsement.code in response["Content-Disposition"]
    pending = requested(endorsement.certificate, endorsement.company, user, project_title="ยังไม่อนุมัติ")
    assert client.get(f"/endorsements/{pending.pk}/letter.pdf").status_code == 404
    revoke_certificate(actor=secretariat, number=endorsement.certificate.number, reason="เพิกถอน")
    assert client.get(f"/endorsements/{endorsement.pk}/letter.pdf").status_code == 404
    page = client.get(f"/endorsements/{endorsement.pk}/").content.decode()
    assert "letter.pdf" not in page and 'class="status bad"' in page


def test_a_boi_officer_verifies_a_code(client, login_as):
    endorsement, user, secretariat = approved()
    login_as(boi_officer())
    response = client.get("/endorsements/check/", {"code": endorsement.code})
    assert response.status_code == 200 and response.context["result"].is_valid
    assert 'class="status ok"' in response.content.decode() and endorsement.juristic_id in response.content.decode()
    revoke_certificate(actor=secretariat, number=endorsement.certificate.number, reason="เพิกถอน")
    response = client.get("/endorsements/check/", {"code": endorsement.code})
    assert response.context["result"].effective_status == "suspended"
    assert response.context["result"].certificate_status == "revoked"
    missing = client.get("/endorsements/check/", {"code": "BOI-NOPE"})
    assert missing.status_code == 200 and not missing.context["result"].found
    assert AuditEvent.objects.filter(action="endorsement.checked").count() == 3
    assert client.get("/endorsements/check/").status_code == 200
    login_as(user)
    assert client.get("/endorsements/check/", {"code": endorsement.code}).status_code == 403
    assert client.get("/endorsements/boi/").status_code == 403
    assert AuditEvent.objects.filter(action="endorsement.checked").count() == 3


def test_the_boi_list_filters(client, login_as):
    endorsement, user, secretariat = approved()
    certificate = endorsement.certificate
    pending = requested(certificate, endorsement.company, user, project_title="ระบบจอดรถอัจฉริยะ")
    login_as(boi_officer())
    listed = lambda **query: list(client.get("/endorsements/boi/", query).context["page"].object_list)  # noqa: E731
    # BOI officers see the endorsements given; a request still waiting is between the company and depa.
    assert listed() == [endorsement]
    assert listed(status="approved") == [endorsement]
    assert listed(status="requested") == []
    assert pending.status == "requested"
    assert listed(juristic_id=endorsement.juristic_id[:8]) == [endorsement]
    assert listed(juristic_id="0999") == []
    assert listed(city=certificate.number, activity="area_development") == [endorsement]
    assert listed(company=endorsement.company_id) == [endorsement]
    revoke_certificate(actor=secretariat, number=certificate.number, reason="เพิกถอน")
    assert listed(status="approved") == []
    assert listed(status="suspended") == [endorsement]


def test_the_boi_list_queries_do_not_grow_with_rows(client, login_as):
    certificate, organization, user, secretariat = setting()
    first = requested(certificate, organization, user)
    services.approve_endorsement(actor=secretariat, endorsement_id=first.pk)
    login_as(boi_officer())
    client.get("/endorsements/boi/")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/endorsements/boi/").status_code == 200
    for n in range(4):
        other, member = partner(certificate)
        made = requested(certificate, other, member, project_title=f"โครงการ {n}", **INSIDE)
        services.approve_endorsement(actor=secretariat, endorsement_id=made.pk)
    with CaptureQueriesContext(connection) as five:
        response = client.get("/endorsements/boi/")
    assert len(response.context["page"].object_list) == 5
    assert len(five) == len(one), [q["sql"] for q in five.captured_queries]


def test_the_homes_link_to_the_endorsement_pages(client, login_as):
    certificate, organization, user, secretariat = setting()
    login_as(boi_officer())
    page = client.get("/boi/").content.decode()
    assert "/endorsements/check/" in page and "/endorsements/boi/" in page
    login_as(secretariat)
    assert "/endorsements/inbox/" in client.get("/secretariat/").content.decode()
    login_as(user)
    page = client.get(f"/organisations/{organization.pk}/").content.decode()
    assert f"/endorsements/new/?company={organization.pk}" in page
    clerk = MembershipFactory(organization=certificate.organization, role="admin").user
    login_as(clerk)
    assert "/endorsements/" not in client.get(f"/organisations/{certificate.organization_id}/").content.decode()


def test_the_inbox_and_the_company_list_queries_do_not_grow_with_rows(client, login_as):
    certificate, organization, user, secretariat = setting()
    requested(certificate, organization, user)

    def count(person, url):
        login_as(person)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = {"inbox": count(secretariat, "/endorsements/inbox/"), "mine": count(user, "/endorsements/")}
    for n in range(3):
        requested(certificate, organization, user, project_title=f"โครงการ {n}")
    decided = requested(certificate, organization, user, project_title="อนุมัติแล้ว")
    services.approve_endorsement(actor=secretariat, endorsement_id=decided.pk)
    assert count(secretariat, "/endorsements/inbox/") == before["inbox"]
    assert count(user, "/endorsements/") == before["mine"]
