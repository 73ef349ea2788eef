"""The certificate pages: who sees what, the secretariat's decisions and the city's renewal in the browser."""

import datetime as dt

import pytest
from django.utils import timezone

from smartcity.certification import services
from smartcity.certification.models import Certificate, RenewalRequest
from tests.certification.builders import acknowledged
from tests.factories import MembershipFactory, staff_user

pytestmark = pytest.mark.django_db


def expiring_soon(certificate):
    expires = timezone.localdate() + dt.timedelta(days=30)
    start = expires - dt.timedelta(days=730)
    Certificate.objects.filter(pk=certificate.pk).update(issued_on=start, valid_from=start, expires_on=expires)


def test_the_city_sees_its_certificate_and_others_do_not(client, login_as):
    proposal, certificate, secretariat = acknowledged()
    url = f"/certificates/{certificate.number}/"
    assert client.get(url).status_code == 302  # sign in first
    login_as(MembershipFactory().user)
    assert client.get(url).status_code == 403
    assert client.get("/certificates/SCT-2569-9999/").status_code == 404
    assert certificate.number not in client.get("/certificates/").content.decode()
    login_as(proposal.created_by)
    page = client.get(url).content.decode()
    assert certificate.number in page and proposal.title_th in page
    assert "ใช้ได้" in page or "valid" in page.lower()
    assert certificate.number in client.get("/certificates/").content.decode()
    login_as(secretariat)
    assert client.get(url).status_code == 200


def test_the_secretariat_revokes_in_the_browser_and_the_reason_shows(client, login_as):
    _p, certificate, secretariat = acknowledged()
    login_as(secretariat)
    url = f"/certificates/{certificate.number}/state/revoke/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert Certificate.objects.get(pk=certificate.pk).state == "active"
    response = client.post(url, {"reason": "ไม่ดำเนินการตามแผน <script>alert(1)</script>"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt;script&gt;" in page and "<script>alert(1)" not in page
    assert Certificate.objects.get(pk=certificate.pk).state == "revoked"
    assert client.post(f"/certificates/{certificate.number}/state/explode/", {"reason": "x"}).status_code == 404


def test_others_cannot_post_state_changes(client, login_as):
    proposal, certificate, _s = acknowledged()
    for user in (proposal.created_by, staff_user("committee")):
        login_as(user)
        response = client.post(f"/certificates/{certificate.number}/state/suspend/", {"reason": "ลองดู"})
        assert response.status_code == 403
    assert Certificate.objects.get(pk=certificate.pk).state == "active"


def test_the_city_asks_for_renewal_with_its_form_and_the_secretariat_renews(client, login_as):
    proposal, certificate, secretariat = acknowledged()
    expiring_soon(certificate)
    login_as(proposal.created_by)
    page = client.get(f"/certificates/{certificate.number}/").content.decode()
    plan = services.plan_items(certificate)
    for _kind, _pk, label in plan:
        assert label in page
    data = {"summary": "ดำเนินการแล้วกว่าครึ่ง"}
    for kind, pk, _label in plan:
        data[f"{kind}_{pk}_percent"] = "150"
        data[f"{kind}_{pk}_evidence"] = "รายงานประจำปี"
    response = client.post(f"/certificates/{certificate.number}/renewal/", data)
    assert response.status_code == 400
    assert "100" in response.content.decode()
    assert RenewalRequest.objects.count() == 0
    for kind, pk, _label in plan:
        data[f"{kind}_{pk}_percent"] = "75"
    response = client.post(f"/certificates/{certificate.number}/renewal/", data)
    assert response.status_code == 302
    renewal = RenewalRequest.objects.get()
    assert renewal.progress_percent == 75
    login_as(secretariat)
    assert "75" in client.get("/certificates/").content.decode()
    response = client.post(f"/certificates/renewals/{renewal.pk}/renew/", {"note": ""})
    assert response.status_code == 302
    assert Certificate.objects.get(pk=certificate.pk).renewal_count == 1


def test_english_page(client, login_as):
    proposal, certificate, _s = acknowledged()
    login_as(proposal.created_by)
    client.cookies["django_language"] = "en"
    page = client.get(f"/certificates/{certificate.number}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Certified domains" in page and "Valid" in page


def test_certificate_list_query_count_does_not_grow(client, login_as, django_assert_max_num_queries):
    _p, certificate, secretariat = acknowledged()
    login_as(secretariat)
    client.get("/certificates/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/certificates/")
    acknowledged()
    acknowledged()
    with CaptureQueriesContext(connection) as three:
        client.get("/certificates/")
    assert len(three) == len(one)
