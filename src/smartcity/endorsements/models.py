"""BOI endorsements: a partner company's project in a certified city, endorsed by the secretariat for BOI.

An app of its own above certification: it reads certificates, and certification hands it each certificate change
(see `connections`) so that an approved endorsement is suspended when its certificate lapses.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.certification.models import Certificate
from smartcity.core.models import TimeStampedModel


class BoiActivity(models.TextChoices):
    AREA_DEVELOPMENT = "area_development", _("Smart city area development")
    SYSTEM_DEVELOPMENT = "system_development", _("Smart city system development")
    INDUSTRIAL_ZONE = "industrial_zone", _("Smart industrial estate or zone")


class EndorsementStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class Endorsement(TimeStampedModel):
    """The secretariat's endorsement of a partner company's project in a certified city, for BOI."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="endorsements")
    company = models.ForeignKey(
        "accounts.Organization", verbose_name=_("company"), on_delete=models.PROTECT, related_name="endorsements"
    )
    juristic_id = models.CharField(_("juristic person ID"), max_length=13)
    activity = models.CharField(_("BOI activity"), max_length=30, choices=BoiActivity.choices)
    domains = models.ManyToManyField("program.Domain", verbose_name=_("domains of the project"), related_name="+")
    project_title = models.CharField(_("project"), max_length=300)
    description = models.TextField(_("description"), max_length=5000)
    investment_baht = models.DecimalField(
        _("investment (baht)"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    status = models.CharField(
        _("status"), max_length=20, choices=EndorsementStatus.choices, default=EndorsementStatus.REQUESTED
    )
    # Given on approval; printed on the letter and checked by BOI officers.
    # "BOI-" + certificate number + "-" + six random characters, e.g. BOI-SCT-2569-0001-K7MQ2X.
    code = models.CharField(_("verification code"), max_length=40, unique=True, null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True, max_length=2000)
    # Set when the endorsement was suspended because its certificate stopped being current; it is restored
    # when the certificate is reinstated or renewed.
    suspended_with_certificate = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("BOI endorsement")
        verbose_name_plural = _("BOI endorsements")
        constraints = [
            # An approved (or since suspended) endorsement always carries the code BOI checks.
            models.CheckConstraint(
                condition=models.Q(status__in=["requested", "rejected"]) | models.Q(code__isnull=False),
                name="endorsement_decided_has_code",
            ),
            models.CheckConstraint(condition=models.Q(investment_baht__gte=0), name="endorsement_investment_positive"),
        ]
        indexes = [
            models.Index(fields=["juristic_id"], name="endorsement_juristic_id_idx"),
            models.Index(fields=["status", "created_at"], name="endorsement_status_idx"),
        ]

    def __str__(self) -> str:
        return self.code or f"#{self.pk}"

    @property
    def effective_status(self) -> str:
        """An approved endorsement is suspended the moment its certificate stops being current."""
        if self.status == EndorsementStatus.APPROVED and not self.certificate.is_current:
            return EndorsementStatus.SUSPENDED
        return self.status

    def get_effective_status_display(self) -> str:
        return str(EndorsementStatus(self.effective_status).label)
