"""The rules a BOI endorsement must meet, as pure checks that return the refusal instead of raising it.

The request service raises the first refusal; the approval re-runs the same checks (the certificate may have
changed since); the secretariat's inbox shows every check with its outcome. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from smartcity.certification.models import CURRENT_STATUSES, Certificate, CertificateKind, CertificateStatus
from smartcity.core import thai
from smartcity.core.errors import UserFacingError
from smartcity.proposals import geometry

from .models import BoiActivity

ENVIRONMENT = "environment"
SIX_PLACES = Decimal("0.000001")
SATANG = Decimal("0.01")
MAX_INVESTMENT_BAHT = Decimal("1000000000000")  # one trillion baht: far above any single project
MAX_TITLE_CHARS = 300
MAX_DESCRIPTION_CHARS = 5000
MAX_NOTE_CHARS = 2000


@dataclass(frozen=True)
class Check:
    """One rule and its outcome: ``problem`` is None when the rule is met."""

    code: str
    label: str
    problem: UserFacingError | None

    @property
    def ok(self) -> bool:
        return self.problem is None


# --- the certificate ----------------------------------------------------------------------------------------


def certificate_problem(certificate: Certificate, today: dt.date) -> UserFacingError | None:
    """A certificate supports an endorsement only while it is a current Smart City (logo) certificate."""
    params = {"number": certificate.number}
    if certificate.kind == CertificateKind.PROMOTION_ZONE:
        return UserFacingError(
            _(
                "Certificate %(number)s is for a Smart City Promotion Zone. BOI privileges need a city "
                "certified with the Smart City logo."
            ),
            field="certificate_number",
            code="promotion_zone",
            params=params,
        )
    status = certificate.status_on(today)
    if status in CURRENT_STATUSES:
        return None
    changed = certificate.state_changed_at or certificate.updated_at
    if status == CertificateStatus.EXPIRED:
        message = _(
            "Certificate %(number)s expired on %(date)s (status: %(status)s). A BOI endorsement needs a "
            "current certificate; the city must renew it first."
        )
        day = certificate.expires_on
    elif status == CertificateStatus.SUSPENDED:
        message = _(
            "Certificate %(number)s has been suspended since %(date)s (status: %(status)s). A BOI endorsement needs "
            "a current certificate."
        )
        day = changed
    else:
        message = _(
            "Certificate %(number)s was revoked on %(date)s (status: %(status)s). It cannot support a BOI endorsement."
        )
        day = changed
    return UserFacingError(
        message,
        field="certificate_number",
        code=f"certificate_{status}",
        params={**params, "date": thai.format_date(day), "status": str(CertificateStatus(status).label)},
    )


# --- the activity and the domains ---------------------------------------------------------------------------


def _names(domains) -> str:
    return ", ".join(domain.name_th if thai.is_thai() else domain.name_en for domain in domains) or "-"


def activity_problem(activity: str, certified: list, project: list) -> UserFacingError | None:
    """BOI's rule for the activity, given the certified domains and the project's domains (Domain objects).

    area_development: the city is certified for Smart Environment and at least one other domain.
    system_development: at least one of the project's domains is certified.
    industrial_zone: a current Smart City certificate is all that is checked; BOI's own conditions for smart
    industrial estates (not confirmed in the published measure) are for BOI to judge.
    """
    certified_codes = {domain.code for domain in certified}
    if activity == BoiActivity.AREA_DEVELOPMENT:
        if ENVIRONMENT not in certified_codes or len(certified_codes) < 2:
            return UserFacingError(
                _(
                    "Smart city area development needs a city certified for Smart Environment and at least one "
                    "other domain; this city is certified for: %(domains)s."
                ),
                field="activity",
                code="area_development_domains",
                params={"domains": _names(certified)},
            )
    elif activity == BoiActivity.SYSTEM_DEVELOPMENT:
        if not project:
            return UserFacingError(
                _("Choose the smart service domains the project provides."),
                field="domain_codes",
                code="domains_required",
            )
        if not certified_codes & {domain.code for domain in project}:
            return UserFacingError(
                _(
                    "Smart city system development needs at least one of the project's domains among the city's "
                    "certified domains (%(domains)s)."
                ),
                field="domain_codes",
                code="no_certified_domain",
                params={"domains": _names(certified)},
            )
    elif activity != BoiActivity.INDUSTRIAL_ZONE:
        return UserFacingError(
            _(
                "Choose one of the BOI activities: smart city area development, smart city system development, "
                "or smart industrial estate or zone."
            ),
            field="activity",
            code="unknown_activity",
        )
    return None


# --- the location -------------------------------------------------------------------------------------------


def parse_coordinate(value, *, field: str) -> Decimal:
    """A latitude or longitude as a Decimal rounded to 6 places (about 0.1 m), or a refusal naming the field."""
    low, high = (-90, 90) if field == "lat" else (-180, 180)
    try:
        if isinstance(value, bool) or value is None or value == "":
            raise InvalidOperation
        number = Decimal(str(value).strip())
        if not number.is_finite() or not low <= number <= high:
            raise InvalidOperation
    except (InvalidOperation, ValueError) as error:
        message = (
            _("The latitude must be a number from -90 to 90 (for example 16.4419).")
            if field == "lat"
            else _("The longitude must be a number from -180 to 180 (for example 102.8360).")
        )
        raise UserFacingError(message, field=field, code="bad_coordinate") from error
    return number.quantize(SIX_PLACES, ROUND_HALF_UP)


def location_problem(certificate: Certificate, lat: Decimal, lon: Decimal) -> UserFacingError | None:
    if not geometry.inside_thailand_point(float(lon), float(lat)):
        return UserFacingError(
            _(
                "The project location (latitude %(lat)s, longitude %(lon)s) is not in Thailand. Check the "
                "latitude and longitude, or click the place on the map."
            ),
            field="location",
            code="outside_thailand",
            params={"lat": lat, "lon": lon},
        )
    area = geometry.from_geojson_dict(certificate.area)
    if not geometry.contains_point(area, float(lon), float(lat)):
        return UserFacingError(
            _(
                "The project location is outside the certified area of %(city)s. An endorsement covers projects "
                "inside the area shown on the map."
            ),
            field="location",
            code="outside_area",
            params={"city": certificate.city_name},
        )
    return None


# --- the other inputs ---------------------------------------------------------------------------------------


def clean_text(value, *, field: str, limit: int, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        messages = {
            "project_title": _("Give the project's title."),
            "description": _("Describe the project."),
        }
        raise UserFacingError(messages.get(field, _("This field is required.")), field=field, code="required")
    if len(text) > limit:
        raise UserFacingError(
            _("This text is too long: %(length)s characters, at most %(limit)s."),
            field=field,
            code="too_long",
            params={"length": f"{len(text):,}", "limit": f"{limit:,}"},
        )
    if "\x00" in text:
        raise UserFacingError(_("The text contains a character that is not allowed."), field=field, code="bad_text")
    return text


def parse_investment(value) -> Decimal:
    try:
        if isinstance(value, bool) or value is None or value == "":
            raise InvalidOperation
        amount = Decimal(str(value).strip())
        if not amount.is_finite() or amount < 0 or amount != amount.quantize(SATANG, ROUND_HALF_UP):
            raise InvalidOperation
    except (InvalidOperation, ValueError) as error:
        raise UserFacingError(
            _("The investment must be an amount in baht of 0 or more, with at most 2 decimals."),
            field="investment_baht",
            code="bad_amount",
        ) from error
    if amount > MAX_INVESTMENT_BAHT:
        raise UserFacingError(
            _("The investment is too large: at most %(limit)s baht."),
            field="investment_baht",
            code="too_large",
            params={"limit": f"{MAX_INVESTMENT_BAHT:,}"},
        )
    return amount.quantize(SATANG)


# --- all the checks of one endorsement, for the secretariat -------------------------------------------------


def rule_checks(endorsement, today: dt.date) -> list[Check]:
    """Every rule, re-checked against the certificate as it is now (uses prefetched domains when present)."""
    certificate = endorsement.certificate
    certified, project = list(certificate.domains.all()), list(endorsement.domains.all())
    return [
        Check("certificate", str(_("The certificate is current")), certificate_problem(certificate, today)),
        Check(
            "activity",
            str(_("The city's domains meet the activity's rule")),
            activity_problem(endorsement.activity, certified, project),
        ),
        Check(
            "location",
            str(_("The location is inside the certified area")),
            location_problem(certificate, endorsement.lat, endorsement.lon),
        ),
    ]
