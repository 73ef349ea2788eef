"""The program's rules as data: domains, criteria, city types, designations, criteria sets, calls."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.models import ProgramRoleCode
from smartcity.core.models import TimeStampedModel

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour such as #2e7d32."))


class BilingualNameMixin(models.Model):
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name_th


class Domain(BilingualNameMixin):
    """One of the seven smart city domains. Codes are stable; the data migration creates them."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    colour = models.CharField(_("colour"), max_length=7, validators=[hex_colour])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


class Criterion(models.Model):
    """One of the five criteria. ``sub_items`` lists suggested content as [{"th": ..., "en": ...}]."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    code = models.SlugField(_("code"), max_length=30, unique=True)
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sub_items = models.JSONField(_("suggested content"), default=list, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.number}. {self.title_th}"


class CityType(BilingualNameMixin):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("city type")
        verbose_name_plural = _("city types")


class Designation(BilingualNameMixin):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("designation")
        verbose_name_plural = _("designations")


class CriteriaSet(TimeStampedModel):
    """A versioned set of the program's rules. A proposal is judged by the version it was submitted under.

    Once a call uses a version it is frozen: operators change the rules by creating a new version.
    """

    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    version = models.PositiveIntegerField(_("version"), unique=True)
    effective_from = models.DateField(_("effective from"))
    min_domains = models.PositiveSmallIntegerField(
        _("minimum number of domains"), validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    mandatory_domains = models.JSONField(
        _("mandatory domains"), default=list, blank=True, help_text=_('Domain codes, e.g. ["environment"].')
    )
    max_score = models.PositiveSmallIntegerField(_("score out of"), default=100)
    pass_mark = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=2)
    criterion_weights = models.JSONField(
        _("criterion weights"), help_text=_("Weight of each criterion by number; they add up to the score.")
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    renewal_threshold_percent = models.DecimalField(
        _("renewal progress threshold (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    renewal_opens_days_before = models.PositiveSmallIntegerField(
        _("renewal opens (days before expiry)"), default=180, validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    renewal_grace_days = models.PositiveSmallIntegerField(
        _("renewal still possible (days after expiry)"),
        default=90,
        validators=[MaxValueValidator(365)],
        help_text=_("After this, an expired city applies again with a new proposal."),
    )
    disagreement_spread = models.DecimalField(
        _("disagreement spread (points)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")

    def __str__(self) -> str:
        return f"{self.name_th} (v{self.version})"

    @property
    def is_in_use(self) -> bool:
        return bool(self.pk) and self.calls.exists()

    def weight_for(self, criterion_number: int) -> int:
        return int(self.criterion_weights.get(str(criterion_number), 0))

    def clean(self) -> None:
        from .validation import criteria_set_errors

        errors = criteria_set_errors(self)
        if errors:
            raise ValidationError(errors)


class Call(TimeStampedModel):
    """A round of the program: proponents submit proposals while it is open."""

    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="calls"
    )
    accepted_city_types = models.ManyToManyField(CityType, verbose_name=_("accepted city types"))

    class Meta:
        ordering = ["-opens_on"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="call_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.name_th

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The close date must be on or after the open date.")})

    def is_open(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if today < self.opens_on:
            return "upcoming"
        return "open" if today <= self.closes_on else "closed"


class ProgramRole(TimeStampedModel):
    """A role in the program itself. Working-group members hold it per domain.

    It lives in `program` (not `accounts`) because a working-group role names a domain; `accounts` keeps the
    role codes, which its permission predicates read through `User.program_role_codes`.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_roles")
    role = models.CharField(_("role"), max_length=20, choices=ProgramRoleCode.choices)
    domain = models.ForeignKey(Domain, verbose_name=_("domain"), null=True, blank=True, on_delete=models.PROTECT)
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("program role")
        verbose_name_plural = _("program roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "domain"], name="program_role_unique"),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(domain__isnull=True),
                name="program_role_unique_nodomain",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role="working_group", domain__isnull=False)
                    | (~models.Q(role="working_group") & models.Q(domain__isnull=True))
                ),
                name="program_role_domain_iff_working_group",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" ({self.domain.code})" if self.domain_id else ""
        return f"{self.user.email}: {self.role}{suffix}"

    def clean(self) -> None:
        if self.role == ProgramRoleCode.WORKING_GROUP and not self.domain_id:
            raise ValidationError({"domain": _("A working-group member belongs to one domain's group.")})
        if self.role != ProgramRoleCode.WORKING_GROUP and self.domain_id:
            raise ValidationError({"domain": _("Only working-group roles have a domain.")})
