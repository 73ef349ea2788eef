"""Verification is limited per client address per minute (page and API); other addresses are not affected."""

import pytest

from smartcity.certification.models import VerificationCount
from smartcity.registry import throttle
from tests.certification.builders import acknowledged

pytestmark = pytest.mark.django_db

# The middle of a minute, so a test never straddles two windows.
NOON = 1_790_000_000 - 1_790_000_000 % 60 + 30


@pytest.fixture
def frozen(monkeypatch):
    """Throttle time stands still (at NOON) until the test moves it."""
    clock = {"now": float(NOON)}
    monkeypatch.setattr(throttle, "now", lambda: clock["now"])
    return clock


@pytest.fixture
def number():
    return acknowledged()[1].number


def test_over_the_limit_is_429_with_retry_after_and_other_addresses_go_on(client, settings, frozen, number):
    settings.VERIFY_RATE_PER_MINUTE = 3
    one = {"REMOTE_ADDR": "198.51.100.1"}
    assert [client.get(f"/verify/{number}/", **one).status_code for _ in range(5)] == [200, 200, 200, 429, 429]
    refused = client.get(f"/verify/{number}/", **one)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"
    assert "no-store" in refused["Cache-Control"]
    assert '<html lang="th">' in refused.content.decode()
    # Another address is not affected, and refused lookups were not counted.
    assert client.get(f"/verify/{number}/", REMOTE_ADDR="198.51.100.2").status_code == 200
    assert VerificationCount.objects.get().count == 4
    # The next minute starts afresh.
    frozen["now"] += 60
    assert client.get(f"/verify/{number}/", **one).status_code == 200


def test_the_form_unknown_numbers_and_the_api_count_against_the_same_limit(client, settings, frozen, number):
    settings.VERIFY_RATE_PER_MINUTE = 4
    address = {"REMOTE_ADDR": "198.51.100.3"}
    # The form's redirect to a certificate's page is counted once, on that page.
    assert client.get("/verify/", {"q": number}, follow=True, **address).status_code == 200
    assert client.get("/verify/SCT-2569-9999/", **address).status_code == 404
    assert client.get(f"/api/v1/public/certificates/{number}", **address).status_code == 200
    assert client.post("/api/v1/public/registry", **address).status_code == 405
    assert client.get("/api/v1/public/registry", **address).status_code == 200
    # The empty form costs nothing; everything else is over the limit now.
    assert client.get("/verify/", **address).status_code == 200
    assert client.get("/verify/", {"q": number}, follow=True, **address).status_code == 429
    assert client.get("/verify/", {"q": "not a number or payload"}, **address).status_code == 429
    assert client.get(f"/verify/{number}/", **address).status_code == 429
    problem = client.get(f"/api/v1/public/certificates/{number}", **address)
    assert problem.status_code == 429
    assert problem["Content-Type"] == "application/problem+json"
    assert problem["Retry-After"] == "30"
    body = problem.json()
    assert (body["status"], body["code"]) == (429, "rate_limited")
    assert body["type"].endswith("/rate_limited") and body["title"] and "30" in body["detail"]
    payload = {"payload": "x.y"}
    verify = client.post("/api/v1/public/verify", payload, content_type="application/json", **address)
    assert verify.status_code == 429


def test_a_spoofed_forwarded_for_does_not_escape_the_limit(client, settings, frozen, number):
    settings.VERIFY_RATE_PER_MINUTE = 2
    settings.TRUSTED_PROXY_COUNT = 0
    codes = [
        client.get(f"/verify/{number}/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code
        for i in range(4)
    ]
    assert codes == [200, 200, 429, 429]


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, settings, frozen, number):
    settings.VERIFY_RATE_PER_MINUTE = 2
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = [client.get(f"/verify/{number}/", HTTP_X_FORWARDED_FOR="192.0.2.10", **proxy) for _ in range(3)]
    assert [r.status_code for r in first] == [200, 200, 429]
    assert client.get(f"/verify/{number}/", HTTP_X_FORWARDED_FOR="192.0.2.11", **proxy).status_code == 200


def test_a_thousand_requests_in_a_minute_from_one_address(client, settings, frozen, number):
    """The default limit, 1,000 real requests from one address within one minute; another address is served."""
    settings.VERIFY_RATE_PER_MINUTE = 120
    codes = []
    for i in range(1000):
        frozen["now"] = NOON - 29 + i * 0.05  # spread over 50 seconds of the same minute
        codes.append(client.get(f"/verify/{number}/", REMOTE_ADDR="198.51.100.9").status_code)
    assert codes[:120] == [200] * 120
    assert set(codes[120:]) == {429} and len(codes) == 1000
    assert client.get(f"/verify/{number}/", REMOTE_ADDR="198.51.100.10").status_code == 200
    assert VerificationCount.objects.get().count == 121


def test_ipv6_addresses_are_limited_per_64_network(client, settings, frozen, number):
    settings.VERIFY_RATE_PER_MINUTE = 2
    for host in ("2001:db8:1:2::10", "2001:db8:1:2::11"):
        assert client.get(f"/verify/{number}/", REMOTE_ADDR=host).status_code == 200
    assert client.get(f"/verify/{number}/", REMOTE_ADDR="2001:db8:1:2:ffff::1").status_code == 429
    assert client.get(f"/verify/{number}/", REMOTE_ADDR="2001:db8:1:3::10").status_code == 200
