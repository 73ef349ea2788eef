"""The public API: no account, the same answers as the pages, RFC 9457 problems for what goes wrong."""

import datetime as dt

import pytest
from django.utils import timezone

from smartcity.certification import services, signing
from smartcity.certification.models import Certificate, VerificationCount
from smartcity.certification.services import signed_fields
from tests.certification.builders import acknowledged
from tests.registry.builders import another_city

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def city():
    return acknowledged()


def verify(client, payload, **extra):
    return client.post("/api/v1/public/verify", {"payload": payload}, content_type="application/json", **extra)


def test_a_certificates_status(client, city):
    _p, certificate, _s = city
    response = client.get(f"/api/v1/public/certificates/{certificate.number}")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == certificate.number and body["designation"] == "smart_city"
    assert (body["status"], body["status_reason"], body["status_changed_on"]) == ("valid", "", None)
    assert body["domains"] == ["environment", "mobility"]
    assert (body["province_code"], body["region"]) == ("40", "northeast")
    assert body["expires_on"] == certificate.expires_on.isoformat()
    assert body["criteria_set_version"] == 1
    assert body["registry_url"].endswith(f"/registry/{certificate.number}/")
    assert VerificationCount.objects.get().count == 1


def test_a_revoked_certificates_status_and_reason(client, city):
    _p, certificate, secretariat = city
    services.revoke_certificate(actor=secretariat, number=certificate.number, reason="ไม่ดำเนินการตามแผน")
    body = client.get(f"/api/v1/public/certificates/{certificate.number}").json()
    assert (body["status"], body["status_reason"]) == ("revoked", "ไม่ดำเนินการตามแผน")
    assert body["status_changed_on"] == TODAY.isoformat() and body["registry_url"] is None


def test_the_status_label_follows_the_callers_language(client, city):
    _p, certificate, _s = city
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=TODAY + dt.timedelta(days=10))
    english = client.get(f"/api/v1/public/certificates/{certificate.number}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (english["status"], english["status_label"]) == ("expiring", "Valid, expiring soon")


@pytest.mark.parametrize("number", ["SCT-2569-9999", "NOPE", "sct-2569-0001 x", "SCT-2569-0001x"])
def test_an_unknown_or_malformed_number_is_the_same_404_problem(client, city, number):
    _p, certificate, _s = city
    response = client.get(f"/api/v1/public/certificates/{number}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["code"]) == (404, "not_found")
    assert certificate.number not in response.content.decode().replace(number, "")
    assert certificate.city_name_th not in response.content.decode()
    assert not VerificationCount.objects.exists()


def test_a_genuine_payload(client, city):
    _p, certificate, _s = city
    body = verify(client, certificate.payload).json()
    assert body["genuine"] is True and body["code"] == "" and body["key_id"] == "test-1"
    assert body["fields"]["n"] == certificate.number
    assert body["matches_current_record"] is True and body["superseded"] is False and body["differences"] == []
    assert body["certificate"]["status"] == "valid"
    assert VerificationCount.objects.get().count == 1


def test_a_genuine_payload_of_a_revoked_certificate_is_genuine_but_the_status_says_revoked(client, city):
    _p, certificate, secretariat = city
    services.revoke_certificate(actor=secretariat, number=certificate.number, reason="เพิกถอน")
    body = verify(client, certificate.payload).json()
    assert body["genuine"] is True and body["certificate"]["status"] == "revoked"
    assert body["certificate"]["status_reason"] == "เพิกถอน"


def test_a_genuine_payload_that_differs_from_the_record(client, city):
    _p, certificate, _s = city
    payload = signing.sign({**signed_fields(certificate), "e": "2099-12-31"})
    body = verify(client, payload).json()
    assert body["genuine"] is True and body["matches_current_record"] is False and body["differences"] == ["e"]


def _flip(token: str, index: int) -> str:
    return token[:index] + ("A" if token[index] != "A" else "B") + token[index + 1 :]


def test_every_bad_payload_is_refused_with_its_code_and_message(client, city, settings):
    _p, certificate, _s = city
    token = certificate.payload
    ours = dict(settings.SIGNING_KEYS)
    settings.SIGNING_KEYS = {"stranger": signing.generate_private_key()}
    settings.SIGNING_KEY_ID = "stranger"
    foreign = signing.sign(signed_fields(certificate))
    settings.SIGNING_KEYS, settings.SIGNING_KEY_ID = ours, "test-1"
    cases = {
        "bad_signature": _flip(token, len(token) - 10),
        "truncated": token[:-20],
        "malformed": "!!!!" + token[4:],
        "unknown_key": foreign,
    }
    for code, payload in cases.items():
        response = verify(client, payload, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, code
        body = response.json()
        assert (body["genuine"], body["code"]) == (False, code)
        assert body["message"] and body["certificate"] is None
    assert not VerificationCount.objects.exists()


def test_a_payload_that_is_not_a_string_is_a_422_problem(client):
    response = client.post("/api/v1/public/verify", {"payload": 42}, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "validation_error"
    too_long = verify(client, "x" * 20000)
    assert too_long.status_code == 422 and too_long.json()["code"] == "validation_error"


def test_the_registry_list(client, city):
    _p, khonkaen, _s = city
    phuket = another_city(khonkaen, "phuket")
    body = client.get("/api/v1/public/registry?region=south").json()
    assert [row["number"] for row in body["certificates"]] == [phuket.number]
    assert body["filters"] == {"region": "south"} and body["count"] == 1
    assert client.get("/api/v1/public/registry").json()["count"] == 2


def test_the_public_endpoints_need_no_csrf_token_nor_account(client, city):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    _p, certificate, _s = city
    assert strict.get(f"/api/v1/public/certificates/{certificate.number}").status_code == 200
    assert verify(strict, certificate.payload).status_code == 200


def test_the_public_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/public/certificates/{number}", "/api/v1/public/verify", "/api/v1/public/registry"} <= set(paths)
    assert paths["/api/v1/public/verify"]["post"].get("security") in (None, [])
