"""The proposal aggregate: a proponent's application to a call, its five sections, attachments and versions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smartcity.core.models import TimeStampedModel
from smartcity.core.thai import format_date
from smartcity.core.thai_fields import year_in_reader_calendar


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Being screened")
    RETURNED = "returned", _("Returned for revision")
    IN_EVALUATION = "in_evaluation", _("In evaluation")
    REVISION_REQUESTED = "revision_requested", _("Approved in principle: revision requested")
    RECOMMENDED = "recommended", _("Recommended")
    NOT_RECOMMENDED = "not_recommended", _("Not recommended")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the committee")
    WITHDRAWN = "withdrawn", _("Withdrawn")


EDITABLE_STATUSES = {ProposalStatus.DRAFT, ProposalStatus.RETURNED, ProposalStatus.REVISION_REQUESTED}


class Proposal(TimeStampedModel):
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("proponent"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    call = models.ForeignKey("program.Call", verbose_name=_("call"), on_delete=models.PROTECT, related_name="proposals")
    city_type = models.ForeignKey(
        "program.CityType", verbose_name=_("city type"), on_delete=models.PROTECT, null=True, blank=True
    )
    title_th = models.CharField(_("title (Thai)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    domains = models.ManyToManyField("program.Domain", verbose_name=_("claimed domains"), blank=True)
    partners = models.ManyToManyField(
        "accounts.Organization",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_in",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        db_index=True,
    )
    # Bumped on every saved edit; a form posted with an older number was made from stale data.
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    promotion_zone_at = models.DateTimeField(_("designated a Smart City Promotion Zone"), null=True, blank=True)

    # Criterion 1: area and goals
    area = models.JSONField(_("area (GeoJSON)"), null=True, blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=3, null=True, blank=True)
    admin_units = models.JSONField(_("administrative units (DOPA codes)"), default=list, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    baseline_problems = models.TextField(_("baseline problems"), blank=True, max_length=10000)
    vision = models.TextField(_("vision"), blank=True, max_length=5000)

    # Criterion 3: city data platform
    platform_description = models.TextField(_("data platform description"), blank=True, max_length=10000)
    sec_access_control = models.BooleanField(_("access control"), default=False)
    sec_encryption = models.BooleanField(_("encryption in transit and at rest"), default=False)
    sec_backup = models.BooleanField(_("backup and recovery"), default=False)
    sec_audit_logging = models.BooleanField(_("audit logging"), default=False)
    sec_incident_response = models.BooleanField(_("incident response plan"), default=False)
    sec_dpo_appointed = models.BooleanField(_("data protection officer appointed"), default=False)
    sec_data_sharing_agreements = models.BooleanField(_("data-sharing agreements"), default=False)
    open_data_plan = models.TextField(_("open-data publishing plan"), blank=True, max_length=10000)

    # Criterion 5: sustainable management
    governance_structure = models.TextField(_("governance structure"), blank=True, max_length=10000)
    lead_organization = models.CharField(_("lead organisation"), max_length=300, blank=True)
    city_development_company = models.CharField(_("city development company"), max_length=300, blank=True)
    financing_model = models.TextField(_("financing model"), blank=True, max_length=10000)
    om_plan = models.TextField(_("operations and maintenance plan"), blank=True, max_length=10000)
    participation = models.TextField(_("citizen participation mechanism"), blank=True, max_length=10000)
    risks = models.TextField(_("risks"), blank=True, max_length=10000)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.title_th or self.title_en or f"#{self.pk}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    SECURITY_FIELDS = (
        "sec_access_control",
        "sec_encryption",
        "sec_backup",
        "sec_audit_logging",
        "sec_incident_response",
        "sec_dpo_appointed",
        "sec_data_sharing_agreements",
    )


TARGET_YEARS = (2000, 2100)


def validate_target_year(year: int) -> None:
    """A goal's target year (C.E.) within this century; the message shows the range in the reader's calendar."""
    low, high = TARGET_YEARS
    if not low <= year <= high:
        raise ValidationError(
            _("The target year must be between %(low)s and %(high)s."),
            code="target_year_range",
            params={"low": year_in_reader_calendar(low), "high": year_in_reader_calendar(high)},
        )


def validate_dates_in_order(item) -> None:
    """An end before its start is refused when the row is saved, with both dates in the reader's calendar."""
    start, end = item.start_date, item.end_date
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:  # else the field check says why
        raise ValidationError(
            {
                "end_date": ValidationError(
                    _("The end (%(end)s) is before the start (%(start)s)."),
                    code="end_before_start",
                    params={"end": format_date(item.end_date), "start": format_date(item.start_date)},
                )
            }
        )


NOT_NEGATIVE = MinValueValidator(0, message=_("The budget cannot be negative."))


class Goal(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="goals")
    domain = models.ForeignKey("program.Domain", verbose_name=_("domain"), on_delete=models.PROTECT)
    title = models.CharField(_("goal"), max_length=300)
    kpi_name = models.CharField(_("KPI"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), validators=[validate_target_year])

    class Meta:
        ordering = ["id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("work item status", "Done")


class InfrastructureCategory(models.TextChoices):
    FIBRE = "fibre", _("Fibre-optic network")
    WIFI = "public_wifi", _("Public Wi-Fi")
    IOT = "iot_network", _("IoT network")
    FIVE_G = "5g", _("5G")
    DATA_CENTRE = "data_centre", _("Data centre")
    PHYSICAL = "physical", _("Physical infrastructure")
    OTHER_DIGITAL = "other_digital", _("Other digital infrastructure")


class InfrastructureItem(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="infrastructure_items")
    category = models.CharField(_("category"), max_length=20, choices=InfrastructureCategory.choices)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    budget_baht = models.DecimalField(_("budget (baht)"), max_digits=16, decimal_places=2, validators=[NOT_NEGATIVE])
    funding_source = models.CharField(_("funding source"), max_length=300, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PLANNED)

    class Meta:
        ordering = ["id"]
        verbose_name = _("infrastructure item")
        verbose_name_plural = _("infrastructure items")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_dates_in_order(self)


class UpdateFrequency(models.TextChoices):
    REAL_TIME = "real_time", _("Real time")
    DAILY = "daily", _("Daily")
    MONTHLY = "monthly", _("Monthly")
    YEARLY = "yearly", _("Yearly")
    AD_HOC = "ad_hoc", _("When it changes")


class Openness(models.TextChoices):
    OPEN = "open", _("Open data")
    SHARED = "shared", _("Shared with partners")
    RESTRICTED = "restricted", _("Restricted")


class Dataset(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="datasets")
    name = models.CharField(_("name"), max_length=300)
    domain = models.ForeignKey("program.Domain", verbose_name=_("domain"), on_delete=models.PROTECT)
    source = models.CharField(_("source"), max_length=300, blank=True)
    update_frequency = models.CharField(_("update frequency"), max_length=20, choices=UpdateFrequency.choices)
    openness = models.CharField(_("openness level"), max_length=20, choices=Openness.choices)
    personal_data = models.BooleanField(_("contains personal data"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="services")
    domain = models.ForeignKey("program.Domain", verbose_name=_("domain"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), max_length=5000)
    beneficiaries = models.CharField(_("beneficiaries"), max_length=500, blank=True)
    kpi = models.CharField(_("KPI"), max_length=300, blank=True)
    budget_baht = models.DecimalField(_("budget (baht)"), max_digits=16, decimal_places=2, validators=[NOT_NEGATIVE])
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PLANNED)

    class Meta:
        ordering = ["id"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_dates_in_order(self)


def attachment_path(instance: Attachment, filename: str) -> str:
    # Stored under a generated name; the uploader's file name is kept for display only.
    return f"proposals/{instance.proposal_id}/{instance.sha256[:16]}-{instance.token}.pdf"


class Attachment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    token = models.CharField(max_length=32, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    title = models.CharField(_("title"), max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(_("pages"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class ProposalVersion(models.Model):
    """An immutable snapshot frozen at each submission, judged under the criteria set then in force."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("document"))
    document_sha256 = models.CharField(max_length=64)
    criteria_set = models.ForeignKey("program.CriteriaSet", on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        ordering = ["proposal", "number"]
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_unique")]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.number}"


class SectionComment(models.Model):
    """The secretariat's comment on one section when returning a proposal for revision."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="section_comments")
    version_number = models.PositiveIntegerField()
    section = models.CharField(_("section"), max_length=30)
    text = models.TextField(_("comment"), max_length=5000)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:50]}"

    @property
    def section_label(self):
        """The section's name as the applicant sees it (“1. Area and goals”), not its key."""
        from .forms import SECTION_LABELS

        return SECTION_LABELS.get(self.section, self.section)
