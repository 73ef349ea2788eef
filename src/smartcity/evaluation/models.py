"""Evaluation: screening, conflicts of interest, assignments and scorecards of the domain working groups,
each group's result, subcommittee meetings with decisions, and the committee's acknowledgement."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import TimeStampedModel


class Screening(TimeStampedModel):
    """The secretariat's qualification check of one submitted version."""

    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.CASCADE, related_name="screenings")
    version_number = models.PositiveIntegerField(_("version"))
    eligible_proponent = models.BooleanField(_("the proponent is of an eligible kind"), default=False)
    rules_check_clean = models.BooleanField(_("the rules check has no blocking finding"), default=False)
    documents_complete = models.BooleanField(_("the required documents are attached"), default=False)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        constraints = [models.UniqueConstraint(fields=["proposal", "version_number"], name="screening_per_version")]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.version_number}"

    @property
    def passed(self) -> bool:
        return self.eligible_proponent and self.rules_check_clean and self.documents_complete


class ConflictKind(models.TextChoices):
    ORGANIZATION = "organization", _("An organisation")
    PROVINCE = "province", _("A province")
    PROPOSAL = "proposal", _("A particular proposal (explain)")


class ConflictOfInterest(TimeStampedModel):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts")
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.CASCADE
    )
    province_code = models.CharField(_("province (DOPA code)"), max_length=2, blank=True)
    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name=_("proposal"), null=True, blank=True, on_delete=models.CASCADE
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self) -> str:
        return f"{self.member}: {self.kind}"


class Assignment(TimeStampedModel):
    """A working-group member asked to score one domain of one proposal in one evaluation round."""

    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.CASCADE, related_name="assignments")
    domain = models.ForeignKey("program.Domain", on_delete=models.PROTECT)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    round = models.PositiveIntegerField(_("round"))
    version_number = models.PositiveIntegerField(_("version scored"))
    due_on = models.DateField(_("due on"))
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["proposal", "domain__order", "member__full_name"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "domain", "member", "round"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.domain.code} · {self.member.email} · r{self.round}"


class Recommendation(models.TextChoices):
    PASS = "pass", _("Pass")
    REVISE = "revise", _("Revise")
    FAIL = "fail", _("Fail")


class Scorecard(models.Model):
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="scorecard")
    scores = models.JSONField(_("scores by criterion"))
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("comment"), max_length=10000)
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation.choices)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")

    def __str__(self) -> str:
        return f"{self.assignment}: {self.total}"


class DomainResult(models.Model):
    """A working group's result for one domain of one proposal in one round, computed once."""

    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.CASCADE, related_name="domain_results")
    domain = models.ForeignKey("program.Domain", on_delete=models.PROTECT)
    round = models.PositiveIntegerField(_("round"))
    member_count = models.PositiveSmallIntegerField(_("members"))
    mean = models.DecimalField(_("mean"), max_digits=6, decimal_places=2)
    median = models.DecimalField(_("median"), max_digits=6, decimal_places=2)
    spread = models.DecimalField(_("spread"), max_digits=6, decimal_places=2)
    disagreement = models.BooleanField(_("reviewers disagree"))
    agreed_score = models.DecimalField(_("agreed score"), max_digits=6, decimal_places=2)
    passed = models.BooleanField(_("passed"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["proposal", "round", "domain__order"]
        verbose_name = _("domain result")
        verbose_name_plural = _("domain results")
        constraints = [models.UniqueConstraint(fields=["proposal", "domain", "round"], name="domain_result_unique")]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.domain.code} · r{self.round}: {self.agreed_score}"


class RevisionRequest(TimeStampedModel):
    """Approved in principle: the consolidated comments and the deadline sent back to the applicant."""

    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.CASCADE, related_name="revision_requests")
    round = models.PositiveIntegerField(_("round"))
    comments = models.TextField(_("consolidated comments"), max_length=20000)
    deadline = models.DateField(_("deadline"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("revision request")
        verbose_name_plural = _("revision requests")

    def __str__(self) -> str:
        return f"{self.proposal} r{self.round} → {self.deadline}"


class Meeting(TimeStampedModel):
    """A numbered subcommittee meeting, e.g. 1/2569 (number / Buddhist-Era year)."""

    number = models.PositiveSmallIntegerField(_("number"))
    year_be = models.PositiveSmallIntegerField(_("year (B.E.)"))
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    quorum = models.PositiveSmallIntegerField(_("quorum (members present)"))
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("attendees"), blank=True)
    closed_at = models.DateTimeField(_("decisions applied at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year_be", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [models.UniqueConstraint(fields=["number", "year_be"], name="meeting_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}/{self.year_be}"


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    DEFER = "defer", _("Defer")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=5000)
    resolution = models.TextField(_("resolution"), blank=True, max_length=5000)
    recused = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("recused members"), blank=True, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "proposal"], name="agenda_item_unique")]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.order}: {self.proposal}"


class Acknowledgement(TimeStampedModel):
    proposal = models.OneToOneField("proposals.Proposal", on_delete=models.PROTECT, related_name="acknowledgement")
    reference = models.CharField(_("committee meeting or letter"), max_length=200)
    note = models.TextField(_("note"), blank=True, max_length=5000)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")

    def __str__(self) -> str:
        return f"{self.proposal}: {self.reference}"
