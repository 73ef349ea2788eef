"""Signed, offline-verifiable certificate payloads (Ed25519).

A payload is ``<base64url(canonical JSON)>.<base64url(signature)>``. The JSON names the key that signed it
(``k``), so certificates signed before a key rotation stay verifiable with the retired key's public half.
Keys come from settings: ``SIGNING_KEYS`` ({key id: base64url private key}, the active one named by
``SIGNING_KEY_ID``) and ``SIGNING_PUBLIC_KEYS`` ({key id: base64url public key} of retired keys).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from smartcity.core.errors import CheckFailed

PAYLOAD_VERSION = 1
MAX_PAYLOAD_CHARS = 2000


class PayloadRejected(CheckFailed):
    """Why a certificate payload is not genuine."""


def b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    if not text or any(ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" for ch in text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def generate_private_key() -> str:
    """A new private key as base64url, for SMARTCITY_SIGNING_KEYS."""
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    key = Ed25519PrivateKey.generate()
    return b64encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))


def _private_keys() -> dict[str, Ed25519PrivateKey]:
    keys = getattr(settings, "SIGNING_KEYS", {}) or {}
    try:
        return {kid: Ed25519PrivateKey.from_private_bytes(b64decode(value)) for kid, value in keys.items()}
    except (ValueError, binascii.Error) as error:
        raise ImproperlyConfigured("SMARTCITY_SIGNING_KEYS holds a key that is not a base64url Ed25519 key") from error


def public_keys() -> dict[str, Ed25519PublicKey]:
    """Every key that may have signed a certificate: the private keys' public halves and retired public keys."""
    keys = {kid: key.public_key() for kid, key in _private_keys().items()}
    for kid, value in (getattr(settings, "SIGNING_PUBLIC_KEYS", {}) or {}).items():
        try:
            keys.setdefault(kid, Ed25519PublicKey.from_public_bytes(b64decode(value)))
        except (ValueError, binascii.Error) as error:
            raise ImproperlyConfigured(
                f"SMARTCITY_SIGNING_PUBLIC_KEYS[{kid!r}] is not a base64url Ed25519 public key"
            ) from error
    return keys


def jwks() -> dict[str, Any]:
    """The public keys as a JSON Web Key Set (RFC 8037 OKP keys), for the public key endpoint."""
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "kid": kid,
                "use": "sig",
                "alg": "EdDSA",
                "x": b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)),
            }
            for kid, key in sorted(public_keys().items())
        ]
    }


def sign(fields: dict[str, Any]) -> str:
    kid = getattr(settings, "SIGNING_KEY_ID", "")
    keys = _private_keys()
    if kid not in keys:
        raise ImproperlyConfigured("SMARTCITY_SIGNING_KEY_ID does not name a key in SMARTCITY_SIGNING_KEYS")
    body = canonical({**fields, "v": PAYLOAD_VERSION, "k": kid})
    return f"{b64encode(body)}.{b64encode(keys[kid].sign(body))}"


@dataclass(frozen=True)
class VerifiedPayload:
    fields: dict[str, Any]

    @property
    def key_id(self) -> str:
        return self.fields["k"]


def verify(token: str) -> VerifiedPayload:
    """The payload's fields when its signature is genuine; PayloadRejected (with a code) otherwise."""
    token = (token or "").strip()
    if len(token) > MAX_PAYLOAD_CHARS or token.count(".") != 1:
        raise PayloadRejected("malformed", _("This is not a certificate payload."))
    body_text, signature_text = token.split(".")
    try:
        body, signature = b64decode(body_text), b64decode(signature_text)
    except (ValueError, binascii.Error) as error:
        raise PayloadRejected("malformed", _("This is not a certificate payload.")) from error
    if len(signature) != 64:
        raise PayloadRejected("truncated", _("The payload is incomplete: its signature is cut short."))
    try:
        fields = json.loads(body.decode("utf-8"))
    except RecursionError as error:  # deeply nested JSON: nobody signed that
        raise PayloadRejected("malformed", _("This is not a certificate payload.")) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PayloadRejected("bad_signature", _("The payload was altered: its signature does not match.")) from error
    kid = fields.get("k") if isinstance(fields, dict) else None
    key = public_keys().get(kid) if isinstance(kid, str) else None
    if key is None:
        raise PayloadRejected("unknown_key", _("The payload was signed by a key this platform does not know."))
    try:
        key.verify(signature, body)
    except InvalidSignature as error:
        raise PayloadRejected("bad_signature", _("The payload was altered: its signature does not match.")) from error
    return VerifiedPayload(fields)
