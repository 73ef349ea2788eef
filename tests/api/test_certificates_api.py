"""Certificates through the API: the city's renewal, the secretariat's decisions, and the refusals."""

import datetime as dt

import pytest
from django.utils import timezone

from smartcity.certification import services, signing
from smartcity.certification.models import Certificate
from tests.api.test_proposals_api import api, bearer
from tests.certification.builders import acknowledged
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_renewal_and_revocation_through_the_api(client):
    proposal, certificate, secretariat = acknowledged()
    city, staff = bearer(proposal.created_by), bearer(secretariat)
    body = api(client, "get", f"/certificates/{certificate.number}", headers=city).json()
    assert body["status"] == "valid" and body["domains"] == ["environment", "mobility"]
    assert signing.verify(body["payload"]).fields["n"] == certificate.number
    expires = timezone.localdate() + dt.timedelta(days=30)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=expires - dt.timedelta(days=730), valid_from=expires - dt.timedelta(days=730), expires_on=expires
    )
    items = [{"kind": i["kind"], "id": i["id"], "percent": 40, "evidence": "รายงาน"} for i in body["plan"]]
    created = api(client, "post", f"/certificates/{certificate.number}/renewal-requests", headers=city, items=items)
    assert created.status_code == 201, created.content
    refused = api(client, "post", f"/renewal-requests/{created.json()['id']}/renew", headers=staff, note="")
    assert refused.status_code == 400
    assert refused.json()["code"] == "below_threshold"
    assert refused.json()["field"] == "progress_percent"
    assert Certificate.objects.get(pk=certificate.pk).expires_on == expires
    revoked = api(client, "post", f"/certificates/{certificate.number}/revoke", headers=staff, reason="ไม่ดำเนินการ")
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    again = api(client, "post", f"/certificates/{certificate.number}/revoke", headers=staff, reason="ซ้ำ")
    assert again.status_code == 409


def test_the_api_hides_certificates_from_strangers_and_refuses_their_writes(client):
    _p, certificate, _s = acknowledged()
    stranger = bearer(MembershipFactory().user)
    assert api(client, "get", f"/certificates/{certificate.number}", headers=stranger).status_code == 404
    assert api(client, "get", "/certificates", headers=stranger).json() == []
    response = api(client, "post", f"/certificates/{certificate.number}/revoke", headers=stranger, reason="x")
    assert response.status_code == 404
    assert api(client, "get", "/renewal-requests", headers=stranger).status_code == 403
    assert Certificate.objects.get(pk=certificate.pk).state == "active"
    assert api(client, "get", "/certificates").status_code == 401


def test_bad_progress_is_a_problem_naming_the_field(client):
    proposal, certificate, _s = acknowledged()
    expires = timezone.localdate() + dt.timedelta(days=30)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=expires - dt.timedelta(days=730), valid_from=expires - dt.timedelta(days=730), expires_on=expires
    )
    items = [
        {"kind": kind, "id": pk, "percent": 101, "evidence": "x"} for kind, pk, _l in services.plan_items(certificate)
    ]
    response = api(
        client, "post", f"/certificates/{certificate.number}/renewal-requests", user=proposal.created_by, items=items
    )
    assert response.status_code == 400
    assert response.json()["field"] == "items[0].percent"
    assert response["Content-Type"] == "application/problem+json"


def test_the_certificate_list_queries_do_not_grow_with_rows(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _p, _certificate, secretariat = acknowledged()
    headers = bearer(secretariat)
    api(client, "get", "/certificates", headers=headers)
    with CaptureQueriesContext(connection) as one:
        assert len(api(client, "get", "/certificates", headers=headers).json()) == 1
    acknowledged()
    acknowledged()
    with CaptureQueriesContext(connection) as three:
        assert len(api(client, "get", "/certificates", headers=headers).json()) == 3
    assert len(three) == len(one)
