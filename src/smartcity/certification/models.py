"""Certificates, their lifecycle (renewal, suspension, revocation) and verification counts.

A certificate's *stored* state says what the secretariat decided (active, suspended, revoked); whether it is
valid, expiring or expired today follows from its dates, so the registry and the verification page are right
the moment a date passes, before any nightly job runs (``Certificate.status``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import TimeStampedModel

# Reminders go out this many days before expiry; "expiring" is shown from the first of them.
REMINDER_DAYS = (90, 30)
EXPIRING_WITHIN_DAYS = max(REMINDER_DAYS)


class CertificateKind(models.TextChoices):
    """The designation a certificate confers; the codes are those of ``program.Designation``."""

    SMART_CITY = "smart_city", _("Smart City")
    PROMOTION_ZONE = "promotion_zone", _("Smart City Promotion Zone")


NUMBER_PREFIX = {CertificateKind.SMART_CITY: "SCT", CertificateKind.PROMOTION_ZONE: "SCZ"}


class CertificateState(models.TextChoices):
    """What the secretariat decided. Dates decide the rest (see ``CertificateStatus``)."""

    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class CertificateStatus(models.TextChoices):
    """What the public sees on the verification page and in the registry."""

    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Valid, expiring soon")
    EXPIRED = "expired", _("Expired")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


CURRENT_STATUSES = {CertificateStatus.VALID, CertificateStatus.EXPIRING}


class NumberCounter(models.Model):
    """The last number used per prefix and Buddhist Era year (one locked row per series)."""

    series = models.CharField(max_length=20, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.series}: {self.last}"


class Certificate(TimeStampedModel):
    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=CertificateKind.choices)
    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="certificates"
    )
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("proponent"), on_delete=models.PROTECT, related_name="certificates"
    )
    city_name_th = models.CharField(_("city (Thai)"), max_length=300)
    city_name_en = models.CharField(_("city (English)"), max_length=300)
    province_code = models.CharField(_("province (DOPA code)"), max_length=2)
    city_type = models.ForeignKey(
        "program.CityType", verbose_name=_("city type"), on_delete=models.PROTECT, null=True, blank=True
    )
    domains = models.ManyToManyField("program.Domain", verbose_name=_("certified domains"), related_name="+")
    criteria_set = models.ForeignKey(
        "program.CriteriaSet", verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="+"
    )
    # The area certified, as it was when the certificate was issued (GeoJSON MultiPolygon).
    area = models.JSONField(_("area (GeoJSON)"))
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=3, null=True, blank=True)
    centroid_lat = models.DecimalField(max_digits=9, decimal_places=6)
    centroid_lon = models.DecimalField(max_digits=9, decimal_places=6)
    issued_on = models.DateField(_("issued on"))
    valid_from = models.DateField(_("valid from"))
    expires_on = models.DateField(_("expires on"))
    renewal_count = models.PositiveSmallIntegerField(_("renewals"), default=0)
    state = models.CharField(
        _("state"), max_length=20, choices=CertificateState.choices, default=CertificateState.ACTIVE
    )
    state_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    payload = models.TextField(_("signed payload"))
    key_id = models.CharField(_("signing key"), max_length=64)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-issued_on", "-number"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("valid_from")), name="certificate_expires_after_start"
            ),
            models.UniqueConstraint(fields=["proposal", "kind"], name="certificate_one_per_proposal_and_kind"),
        ]
        indexes = [models.Index(fields=["state", "expires_on"])]

    def __str__(self) -> str:
        return self.number

    def status_on(self, today: dt.date) -> str:
        if self.state == CertificateState.REVOKED:
            return CertificateStatus.REVOKED
        if self.state == CertificateState.SUSPENDED:
            return CertificateStatus.SUSPENDED
        if today > self.expires_on:
            return CertificateStatus.EXPIRED
        if (self.expires_on - today).days <= EXPIRING_WITHIN_DAYS:  # the day of the first reminder on
            return CertificateStatus.EXPIRING
        return CertificateStatus.VALID

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(CertificateStatus(self.status).label)

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_STATUSES

    @property
    def city_name(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "th").startswith("en") and self.city_name_en:
            return self.city_name_en
        return self.city_name_th


class VerificationCount(models.Model):
    """How many times a certificate was checked on a day. Nothing about who checked is kept."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="verification_counts")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["certificate", "day"], name="verification_count_unique")]

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.day}: {self.count}"


class ExpiryReminder(models.Model):
    """A reminder sent before expiry; one per certificate, validity period and lead time."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="expiry_reminders")
    expires_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "expires_on", "days_before"], name="expiry_reminder_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.days_before} days before {self.expires_on}"


class RenewalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the secretariat")
    RENEWED = "renewed", _("Renewed")
    REFUSED = "refused", _("Refused")


class RenewalRequest(TimeStampedModel):
    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="renewal_requests")
    status = models.CharField(_("status"), max_length=20, choices=RenewalStatus.choices, default=RenewalStatus.PENDING)
    progress_percent = models.DecimalField(_("progress (%)"), max_digits=5, decimal_places=2)
    summary = models.TextField(_("summary of progress"), max_length=5000, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("renewal request")
        verbose_name_plural = _("renewal requests")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"], condition=models.Q(status="pending"), name="renewal_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate.number}: {self.progress_percent}%"


class ProgressItem(models.Model):
    """Progress on one goal or service of the certified plan, with its evidence."""

    request = models.ForeignKey(RenewalRequest, on_delete=models.CASCADE, related_name="items")
    goal = models.ForeignKey("proposals.Goal", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    service = models.ForeignKey("proposals.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    label = models.CharField(_("goal or service"), max_length=300)
    percent = models.PositiveSmallIntegerField(
        _("percent achieved"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    evidence = models.TextField(_("evidence"), max_length=2000)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal__isnull=False, service__isnull=True)
                | models.Q(goal__isnull=True, service__isnull=False),
                name="progress_item_goal_xor_service",
            ),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="progress_item_percent_range"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.percent}%"
