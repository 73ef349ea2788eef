"""Public verification: look a certificate up by number and check a signed payload against its current record.

Reads only, plus one anonymous count per successful lookup (``record_verification``). Nothing here is cached:
a revocation shows the moment it is committed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from smartcity.certification import signing
from smartcity.certification.models import Certificate
from smartcity.certification.services import signed_fields
from smartcity.program.seed import DOMAINS

from .forms import NUMBER_PATTERN
from .selectors import with_details

# What each signed field is, for "the payload differs from the current record in …".
FIELD_LABELS = {
    "n": _("certificate number"),
    "t": _("designation"),
    "c": _("city"),
    "d": _("domains"),
    "i": _("date of issue"),
    "f": _("start of validity"),
    "e": _("expiry date"),
}
COMPARED = ("t", "c", "d", "i", "f", "e")


def find_certificate(number: str) -> Certificate | None:
    """The certificate with exactly this number, with what its page shows (two queries); None otherwise."""
    if not isinstance(number, str) or not NUMBER_PATTERN.match(number):
        return None
    return with_details(Certificate.objects.filter(number=number)).first()


@dataclass(frozen=True)
class PayloadCheck:
    genuine: bool
    code: str = ""  # why it was rejected: malformed, truncated, bad_signature, unknown_key
    message: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    other_number: str = ""  # genuine, but for another certificate
    superseded: bool = False  # genuine, same certificate, an earlier validity period (renewed since)
    differences: tuple[str, ...] = ()  # signed fields that differ from the current record

    @property
    def number(self) -> str:
        return str(self.fields.get("n", ""))

    @property
    def domain_names(self) -> list[str]:
        """The signed domain codes in the reader's language (the program's seven domains are fixed data)."""
        from django.utils.translation import get_language

        thai = (get_language() or "th").startswith("th")
        names = {code: (name_th if thai else name_en) for code, name_th, name_en, _colour in DOMAINS}
        return [names.get(str(code), str(code)) for code in self.fields.get("d", []) or []]

    @property
    def key_id(self) -> str:
        return str(self.fields.get("k", ""))

    def _date(self, key: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(str(self.fields.get(key, "")))
        except ValueError:
            return None

    @property
    def issued_date(self) -> dt.date | None:
        return self._date("i")

    @property
    def valid_from_date(self) -> dt.date | None:
        return self._date("f")

    @property
    def expires_date(self) -> dt.date | None:
        return self._date("e")

    @property
    def matches(self) -> bool:
        """Genuine, and exactly the certificate's current record."""
        return self.genuine and not self.other_number and not self.superseded and not self.differences

    @property
    def difference_labels(self) -> list[str]:
        return [str(FIELD_LABELS[key]) for key in self.differences]


def check_payload(token: str, certificate: Certificate | None = None) -> PayloadCheck:
    """Is the payload genuine, and (given the certificate) does it match the current record?"""
    try:
        verified = signing.verify(token)
    except signing.PayloadRejected as rejection:
        return PayloadCheck(genuine=False, code=rejection.code, message=str(rejection))
    check = PayloadCheck(genuine=True, fields=verified.fields)
    return compare(check, certificate) if certificate is not None else check


def compare(check: PayloadCheck, certificate: Certificate) -> PayloadCheck:
    """A genuine payload against the certificate's current record."""
    fields = check.fields
    if fields.get("n") != certificate.number:
        return PayloadCheck(genuine=True, fields=fields, other_number=str(fields.get("n", "")))
    current = signed_fields(certificate)
    differences = [key for key in COMPARED if fields.get(key) != current[key]]
    # A renewal re-signs the certificate with new dates: the old payload is genuine but superseded.
    superseded = certificate.renewal_count > 0 and str(fields.get("e", "")) < current["e"]
    if superseded:
        differences = [key for key in differences if key not in ("f", "e")]
    return PayloadCheck(genuine=True, fields=fields, superseded=superseded, differences=tuple(differences))
