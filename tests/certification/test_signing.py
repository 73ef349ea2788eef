"""Signed certificate payloads: genuine ones verify offline, every kind of tampering is named."""

import base64
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from smartcity.certification import signing
from smartcity.certification.signing import PayloadRejected, verify

FIELDS = {
    "n": "SCT-2569-0001",
    "c": "เทศบาลนครขอนแก่น",
    "d": ["environment", "mobility"],
    "i": "2026-11-24",
    "e": "2028-11-23",
}


@pytest.fixture(autouse=True)
def keys(settings):
    settings.SIGNING_KEYS = {"2026-a": signing.generate_private_key()}
    settings.SIGNING_KEY_ID = "2026-a"
    settings.SIGNING_PUBLIC_KEYS = {}
    return settings


def test_a_genuine_payload_verifies_and_names_its_key():
    token = signing.sign(FIELDS)
    verified = verify(token)
    assert verified.key_id == "2026-a"
    assert {k: verified.fields[k] for k in FIELDS} == FIELDS and verified.fields["v"] == 1


def _flip(token: str, index: int) -> str:
    replacement = "A" if token[index] != "A" else "B"
    return token[:index] + replacement + token[index + 1 :]


@pytest.mark.parametrize("where", ["body", "signature"])
def test_one_flipped_character_is_refused(where):
    token = signing.sign(FIELDS)
    index = 5 if where == "body" else len(token) - 10
    with pytest.raises(PayloadRejected) as error:
        verify(_flip(token, index))
    assert error.value.code in {"bad_signature", "unknown_key"}


def test_an_altered_field_with_the_old_signature_is_refused():
    body, signature = signing.sign(FIELDS).split(".")
    fields = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    fields["e"] = "2099-12-31"
    forged = signing.b64encode(signing.canonical(fields)) + "." + signature
    with pytest.raises(PayloadRejected) as error:
        verify(forged)
    assert error.value.code == "bad_signature"


def test_a_payload_signed_by_an_unknown_key_is_refused(settings):
    token = signing.sign(FIELDS)
    settings.SIGNING_KEYS = {"2027-b": signing.generate_private_key()}
    settings.SIGNING_KEY_ID = "2027-b"
    with pytest.raises(PayloadRejected) as error:
        verify(token)
    assert error.value.code == "unknown_key"


def test_a_payload_signed_by_a_foreign_key_with_our_key_id_is_refused(settings):
    settings.SIGNING_KEYS = {"2026-a": signing.generate_private_key()}
    forged = signing.sign(FIELDS)
    settings.SIGNING_KEYS = {"2026-a": signing.generate_private_key()}
    with pytest.raises(PayloadRejected) as error:
        verify(forged)
    assert error.value.code == "bad_signature"


def test_key_rotation_keeps_old_payloads_verifiable(settings):
    old_token = signing.sign(FIELDS)
    old_public = signing.jwks()["keys"][0]["x"]
    settings.SIGNING_KEYS = {"2027-b": signing.generate_private_key()}
    settings.SIGNING_KEY_ID = "2027-b"
    settings.SIGNING_PUBLIC_KEYS = {"2026-a": old_public}
    assert verify(old_token).key_id == "2026-a"
    assert verify(signing.sign(FIELDS)).key_id == "2027-b"
    assert {k["kid"] for k in signing.jwks()["keys"]} == {"2026-a", "2027-b"}


@pytest.mark.parametrize(
    ("mangle", "code"),
    [
        (lambda t: t[: len(t) - 20], "truncated"),
        (lambda t: t.split(".")[0], "malformed"),
        (lambda t: "not base64!." + t.split(".")[1], "malformed"),
        (lambda t: t.replace(".", ".."), "malformed"),
        (lambda t: "", "malformed"),
        (lambda t: "A" * 5000, "malformed"),
    ],
)
def test_truncated_or_non_base64_payloads_are_refused(mangle, code):
    with pytest.raises(PayloadRejected) as error:
        verify(mangle(signing.sign(FIELDS)))
    assert error.value.code == code


def test_the_offline_command(capsys):
    call_command("certificate_verify", signing.sign(FIELDS))
    assert "SCT-2569-0001" in capsys.readouterr().out
    with pytest.raises(CommandError, match="NOT GENUINE"):
        call_command("certificate_verify", _flip(signing.sign(FIELDS), 5))


def test_public_key_endpoint_is_a_jwks(client):
    body = client.get("/certificates/keys.json").json()
    assert body["keys"][0]["kty"] == "OKP" and body["keys"][0]["crv"] == "Ed25519"
    assert len(signing.b64decode(body["keys"][0]["x"])) == 32


def test_a_deeply_nested_payload_is_malformed_not_a_crash():
    body = signing.b64encode(b"[" * 5000)
    with pytest.raises(signing.PayloadRejected) as error:
        signing.verify(f"{body[:1300]}.{signing.b64encode(bytes(64))}")
    assert error.value.code in {"malformed", "bad_signature"}
    nested = signing.b64encode(b"[" * 1400)
    with pytest.raises(signing.PayloadRejected) as error:
        signing.verify(f"{nested}.{signing.b64encode(bytes(64))}")
    assert error.value.code == "malformed"


def test_a_malformed_retired_public_key_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.SIGNING_PUBLIC_KEYS = {"old": "not*base64"}
    with pytest.raises(ImproperlyConfigured):
        signing.public_keys()
