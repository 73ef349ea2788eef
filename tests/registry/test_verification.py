"""The public verification page: the status in plain words, the payload checked, every bad input named."""

import datetime as dt
import html as html_lib
import re

import pytest
from django.utils import timezone, translation

from smartcity.certification import services, signing
from smartcity.certification.models import Certificate, CertificateStatus, VerificationCount
from smartcity.certification.services import signed_fields
from smartcity.core.thai import format_date
from tests.certification.builders import acknowledged, promotion_zone
from tests.registry.builders import another_city

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def thai(text) -> str:
    with translation.override("th"):
        return translation.gettext(str(text))


def main(response) -> str:
    """The page's <main> element, unescaped (the header holds the request path and a CSRF token)."""
    page = response.content.decode()
    return html_lib.unescape(page[page.index("<main") : page.index("</main>")])


def verdict(response) -> str:
    match = re.search(r'class="verdict verdict-(\w+)"', response.content.decode())
    return match.group(1) if match else ""


def payload_verdict(response) -> str:
    match = re.search(r'class="check check-(\w+)" id="payload-verdict"', response.content.decode())
    return match.group(1) if match else ""


def rejection(token: str) -> signing.PayloadRejected:
    with pytest.raises(signing.PayloadRejected) as error:
        signing.verify(token)
    return error.value


@pytest.fixture
def city():
    return acknowledged()


def flip(token: str, index: int) -> str:
    return token[:index] + ("A" if token[index] != "A" else "B") + token[index + 1 :]


# --- the status ----------------------------------------------------------------------------------------------


def test_a_valid_certificate_is_shown_valid_with_its_record(client, city):
    proposal, certificate, _secretariat = city
    response = client.get(f"/verify/{certificate.number}/")
    assert response.status_code == 200
    assert verdict(response) == "valid"
    text = main(response)
    assert thai(CertificateStatus.VALID.label) in text
    assert certificate.number in text
    assert certificate.city_name_th in text
    assert certificate.organization.name_th in text
    assert format_date(certificate.expires_on, "th") in text and "2571" in text
    assert format_date(certificate.valid_from, "th") in text
    assert "สิ่งแวดล้อมอัจฉริยะ" in text and "การเดินทางและขนส่งอัจฉริยะ" in text
    assert certificate.criteria_set.name_th in text
    assert f'href="/registry/{certificate.number}/"' in response.content.decode()
    # Never cached: a revocation must show on the next request.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_lookup_takes_a_couple_of_queries(client, city):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _p, certificate, _s = city
    client.get(f"/verify/{certificate.number}/")  # the day's count row exists from now on
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/verify/{certificate.number}/")
    # The rate counter lives in the cache (a table here, Redis in production); the rest is the lookup:
    # the certificate (with organisation, criteria set, city type), its domains and the day's count.
    lookup = [q["sql"] for q in queries if "smartcity_cache" not in q["sql"] and "SAVEPOINT" not in q["sql"]]
    assert len(lookup) == 3, lookup


def test_expiring_soon_is_valid_with_the_date(client, city):
    _p, certificate, _s = city
    expires = TODAY + dt.timedelta(days=30)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=expires - dt.timedelta(days=730), expires_on=expires
    )
    response = client.get(f"/verify/{certificate.number}/")
    assert verdict(response) == "expiring"
    assert thai(CertificateStatus.EXPIRING.label) in main(response)
    assert format_date(expires, "th") in main(response)


def test_an_expired_certificate_is_not_valid(client, city):
    _p, certificate, _s = city
    expired = TODAY - dt.timedelta(days=1)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=expired - dt.timedelta(days=730), expires_on=expired
    )
    response = client.get(f"/verify/{certificate.number}/")
    assert verdict(response) == "expired"
    assert thai(CertificateStatus.EXPIRED.label) in main(response)
    assert format_date(expired, "th") in main(response)


def test_a_suspended_certificate_shows_the_reason_and_date(client, city):
    _p, certificate, secretariat = city
    services.suspend_certificate(actor=secretariat, number=certificate.number, reason="ไม่ส่งรายงานความก้าวหน้า")
    response = client.get(f"/verify/{certificate.number}/")
    assert verdict(response) == "suspended"
    text = main(response)
    assert thai(CertificateStatus.SUSPENDED.label) in text
    assert "ไม่ส่งรายงานความก้าวหน้า" in text and format_date(TODAY, "th") in text


def test_a_revoked_certificate_with_its_genuine_payload_is_revoked_not_valid(client, city):
    _p, certificate, secretariat = city
    payload = certificate.payload
    services.revoke_certificate(actor=secretariat, number=certificate.number, reason="ไม่ดำเนินการตามแผน")
    response = client.get(f"/verify/{certificate.number}/", {"p": payload})
    assert response.status_code == 200
    assert verdict(response) == "revoked"
    text = main(response)
    word = re.search(r'<p class="verdict-word">(.*?)</p>', text, re.S).group(1)
    assert thai(CertificateStatus.REVOKED.label) in word and thai(CertificateStatus.VALID.label) not in word
    assert "ไม่ดำเนินการตามแผน" in text and format_date(TODAY, "th") in text
    # The payload is genuine (and was this certificate's), but the page says it does not make it valid.
    assert payload_verdict(response) == "ok"
    assert 'class="notice error"' in response.content.decode()
    # A revoked certificate has left the registry: no link to a city page.
    assert f'href="/registry/{certificate.number}/"' not in response.content.decode()


# --- the payload ---------------------------------------------------------------------------------------------


def test_the_genuine_current_payload_matches(client, city):
    _p, certificate, _s = city
    response = client.get(f"/verify/{certificate.number}/", {"p": certificate.payload})
    assert verdict(response) == "valid" and payload_verdict(response) == "ok"
    assert certificate.key_id in main(response)


def _bad_payloads(certificate: Certificate) -> dict[str, str]:
    token = certificate.payload
    body, signature = token.split(".")
    return {
        "flipped byte in the body": flip(token, 12),
        "flipped byte in the signature": flip(token, len(token) - 10),
        "truncated": token[:-20],
        "not base64": "!!!!" + token[4:],
        "no dot": body + signature,
        "empty signature": body + ".",
        "garbage": "%%%.$$$",
    }


@pytest.mark.parametrize(
    "case",
    [
        "flipped byte in the body",
        "flipped byte in the signature",
        "truncated",
        "not base64",
        "no dot",
        "empty signature",
        "garbage",
    ],
)
def test_a_bad_payload_is_named_precisely_and_never_an_error_page(client, city, case):
    _p, certificate, _s = city
    token = _bad_payloads(certificate)[case]
    expected = rejection(token)
    response = client.get(f"/verify/{certificate.number}/", {"p": token})
    assert response.status_code == 200
    assert payload_verdict(response) == "bad"
    text = main(response)
    assert thai(expected.message) in text and expected.code in text
    # The certificate's own status is still shown, from the record.
    assert verdict(response) == "valid"


def test_the_precise_reasons(city):
    _p, certificate, _s = city
    bad = _bad_payloads(certificate)
    assert rejection(bad["flipped byte in the signature"]).code == "bad_signature"
    assert rejection(bad["flipped byte in the body"]).code in {"bad_signature", "unknown_key"}
    assert rejection(bad["truncated"]).code == "truncated"
    assert rejection(bad["not base64"]).code == "malformed"


def test_a_payload_signed_by_an_unknown_key_is_refused(client, city, settings):
    _p, certificate, _s = city
    ours = dict(settings.SIGNING_KEYS)
    settings.SIGNING_KEYS = {"stranger": signing.generate_private_key()}
    settings.SIGNING_KEY_ID = "stranger"
    forged = signing.sign(signed_fields(certificate))
    settings.SIGNING_KEYS, settings.SIGNING_KEY_ID = ours, "test-1"
    response = client.get(f"/verify/{certificate.number}/", {"p": forged})
    assert payload_verdict(response) == "bad"
    assert "unknown_key" in main(response)
    assert thai(rejection(forged).message) in main(response)


def test_a_payload_of_our_key_id_signed_by_another_key_is_altered(client, city, settings):
    _p, certificate, _s = city
    original = settings.SIGNING_KEYS
    settings.SIGNING_KEYS = {"test-1": signing.generate_private_key()}
    forged = signing.sign(signed_fields(certificate))
    settings.SIGNING_KEYS = original
    response = client.get(f"/verify/{certificate.number}/", {"p": forged})
    assert payload_verdict(response) == "bad" and "bad_signature" in main(response)


def test_a_genuine_payload_of_another_certificate_says_so(client, city):
    _p, certificate, _s = city
    other = another_city(certificate, "phuket")
    response = client.get(f"/verify/{certificate.number}/", {"p": other.payload})
    assert payload_verdict(response) == "warn"
    assert other.number in main(response)
    assert f"/verify/{other.number}/?p=" in response.content.decode()


def test_a_genuine_payload_that_differs_from_the_record_names_the_fields(client, city):
    _p, certificate, _s = city
    fields = {**signed_fields(certificate), "d": ["energy", "environment"]}
    response = client.get(f"/verify/{certificate.number}/", {"p": signing.sign(fields)})
    assert payload_verdict(response) == "warn"
    from smartcity.registry.verification import FIELD_LABELS

    assert thai(FIELD_LABELS["d"]) in main(response)


def test_a_renewed_certificates_old_payload_is_genuine_but_superseded(client, city):
    proposal, certificate, secretariat = city
    expires = TODAY + dt.timedelta(days=20)
    start = expires - dt.timedelta(days=730)
    Certificate.objects.filter(pk=certificate.pk).update(issued_on=start, valid_from=start, expires_on=expires)
    certificate.refresh_from_db()
    old_payload = signing.sign(signed_fields(certificate))  # as printed two years ago
    Certificate.objects.filter(pk=certificate.pk).update(payload=old_payload)
    items = [
        {"kind": kind, "id": pk, "percent": 80, "evidence": "รายงานผล"}
        for kind, pk, _label in services.plan_items(certificate)
    ]
    renewal = services.request_renewal(actor=proposal.created_by, number=certificate.number, items=items)
    services.renew_certificate(actor=secretariat, request_id=renewal.pk)
    certificate.refresh_from_db()

    old = client.get(f"/verify/{certificate.number}/", {"p": old_payload})
    assert verdict(old) == "expiring" or verdict(old) == "valid"
    assert payload_verdict(old) == "warn"
    assert format_date(expires, "th") in main(old) and format_date(certificate.expires_on, "th") in main(old)
    from smartcity.registry.verification import check_payload

    check = check_payload(old_payload, certificate)
    assert check.genuine and check.superseded and not check.matches and check.differences == ()
    new = client.get(f"/verify/{certificate.number}/", {"p": certificate.payload})
    assert payload_verdict(new) == "ok"


# --- unknown numbers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["SCT-2569-9999", "SCZ-2400-0001", "NOPE", "SCT-2569-0001x", "SCT 2569", "x" * 300, "%3Cscript%3E", "SCT-2569-00"],
)
def test_an_unknown_or_malformed_number_is_a_plain_404(client, city, number):
    _p, certificate, _s = city
    zone = promotion_zone()[1]
    response = client.get(f"/verify/{number}/")
    assert response.status_code == 404
    text = main(response)
    assert thai("No certificate with this number") in text
    for leak in (
        certificate.number,
        zone.number,
        certificate.city_name_th,
        certificate.city_name_en,
        certificate.organization.name_th,
        zone.organization.name_th,
    ):
        assert leak not in text
        assert leak not in response.content.decode().replace(f"/verify/{number}/", "")
    # Unknown and malformed numbers get the very same page.
    assert text == main(client.get("/verify/SCT-2569-9998/"))
    assert not VerificationCount.objects.exists()


def test_a_number_typed_in_lower_case_finds_the_certificate(client, city):
    _p, certificate, _s = city
    response = client.get(f"/verify/{certificate.number.lower()}/")
    assert response.status_code == 302 and response["Location"] == f"/verify/{certificate.number}/"


# --- the form ------------------------------------------------------------------------------------------------


def test_the_form_needs_no_account(client):
    response = client.get("/verify/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode() and '<label for="id_q">' in response.content.decode()


@pytest.mark.parametrize("typed", ["{number}", " {lower} ", "{site}/verify/{number}/"])
def test_the_form_takes_a_number_or_the_address_from_the_qr_code(client, city, typed):
    _p, certificate, _s = city
    q = typed.format(number=certificate.number, lower=certificate.number.lower(), site="https://smartcity.example")
    response = client.get("/verify/", {"q": q})
    assert response.status_code == 302 and response["Location"] == f"/verify/{certificate.number}/"


def test_the_form_takes_a_pasted_payload_and_checks_it(client, city):
    _p, certificate, _s = city
    response = client.get("/verify/", {"q": certificate.payload}, follow=True)
    assert response.redirect_chain[0][0].startswith(f"/verify/{certificate.number}/?p=")
    assert verdict(response) == "valid" and payload_verdict(response) == "ok"


def test_the_form_takes_the_qr_address_with_its_payload(client, city):
    _p, certificate, _s = city
    q = f"https://smartcity.example/verify/{certificate.number}/?p={certificate.payload}"
    response = client.get("/verify/", {"q": q}, follow=True)
    assert payload_verdict(response) == "ok"


def test_the_form_names_why_a_pasted_payload_is_not_genuine(client, city):
    _p, certificate, _s = city
    token = flip(certificate.payload, len(certificate.payload) - 10)
    response = client.get("/verify/", {"q": token})
    assert response.status_code == 200
    assert payload_verdict(response) == "bad" and "bad_signature" in main(response)
    assert certificate.number not in main(response).replace(token, "")


@pytest.mark.parametrize("q", ["", "hello", "SCT-25"])
def test_the_form_refuses_what_is_neither_a_number_nor_a_payload(client, q):
    response = client.get("/verify/", {"q": q})
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


# --- counting, and nothing personal --------------------------------------------------------------------------


def test_each_successful_lookup_is_counted_and_nothing_about_the_caller_is_kept(client, city, caplog):
    from django.core import serializers
    from django.db import connection

    _p, certificate, _s = city
    address, agent = "203.0.113.77", "Secret-Agent/9.9 (tester@example.org)"
    meta = {"REMOTE_ADDR": address, "HTTP_USER_AGENT": agent, "HTTP_REFERER": "https://referrer.example/x"}
    with caplog.at_level("DEBUG"):
        for _ in range(3):
            assert client.get(f"/verify/{certificate.number}/", **meta).status_code == 200
        assert client.get(f"/verify/{certificate.number}/", {"p": certificate.payload}, **meta).status_code == 200
        assert client.get("/verify/SCT-2569-9999/", **meta).status_code == 404
        assert client.get(f"/api/v1/public/certificates/{certificate.number}", **meta).status_code == 200
    row = VerificationCount.objects.get()
    assert (row.certificate_id, row.day, row.count) == (certificate.pk, TODAY, 5)
    assert {f.name for f in VerificationCount._meta.get_fields()} == {"id", "certificate", "day", "count"}
    # Not in the database (any model, or the cache table), not in the logs.
    everything = serializers.serialize("json", _all_rows())
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM smartcity_cache")
        everything += repr(cursor.fetchall())
    for secret in (address, agent, "referrer.example", "tester@example.org"):
        assert secret not in everything
        assert secret not in caplog.text


def _all_rows():
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            yield from model.objects.all()


# --- language ------------------------------------------------------------------------------------------------


def test_the_page_in_english(client, city):
    _p, certificate, secretariat = city
    services.suspend_certificate(actor=secretariat, number=certificate.number, reason="Reports are late")
    client.post("/i18n/setlang/", {"language": "en", "next": "/verify/"})
    response = client.get(f"/verify/{certificate.number}/", {"p": certificate.payload})
    page = response.content.decode()
    assert '<html lang="en">' in page
    text = main(response)
    assert "Suspended" in text and "Reports are late" in text
    assert certificate.city_name_en in text and certificate.organization.name_en in text
    assert format_date(certificate.expires_on, "en") in text
    assert "Smart Environment" in text
    assert "Genuine, and it matches the certificate's current record." in text
