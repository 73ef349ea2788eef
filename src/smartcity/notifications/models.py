"""Message templates, the e-mail outbox and in-app notices."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .placeholders import template_problems


class MessageTemplate(models.Model):
    """The text of one kind of message, in Thai and English, with ``{placeholder}`` slots.

    ``placeholders`` is the contract with the code that sends the message: the code supplies a value for
    every name listed, and the texts may use only those names. Operators edit the texts in the admin;
    the code and the placeholder list come from the data migration.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    description = models.CharField(_("when it is sent"), max_length=255, blank=True)
    subject_th = models.CharField(_("subject (Thai)"), max_length=200)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_th = models.TextField(_("body (Thai)"))
    body_en = models.TextField(_("body (English)"))
    placeholders = models.JSONField(
        _("placeholders"),
        default=list,
        blank=True,
        help_text=_("The names the texts may use as {name}; the code supplies a value for each."),
    )
    requires_release = models.BooleanField(
        _("requires release"),
        default=False,
        help_text=_("Messages wait in the outbox until the secretariat checks and releases them."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        for problem in template_problems(self):
            errors.setdefault(problem.field, []).append(
                ValidationError(problem.message, code=problem.code, params=problem.params)
            )
        if errors:
            raise ValidationError(errors)


class OutboxStatus(models.TextChoices):
    HELD = "held", _("Held for release")
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Sending failed")
    CANCELLED = "cancelled", _("Cancelled")


class OutboxMessage(models.Model):
    """One e-mail to one person, rendered in their language when it was created."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outbox_messages",
    )
    to_email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=5, default="th")
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    template_code = models.CharField(_("template"), max_length=50, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED)
    related_object_type = models.CharField(_("object type"), max_length=100, blank=True)
    related_object_id = models.CharField(_("object id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["related_object_type", "related_object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.template_code} → {self.to_email}"


class Notice(models.Model):
    """A line on the person's notices page, in both languages so it follows the language they browse in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notices"
    )
    text_th = models.CharField(_("text (Thai)"), max_length=500)
    text_en = models.CharField(_("text (English)"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # The notice of a letter held for release stays unpublished until the secretariat releases the letter.
    message = models.ForeignKey(
        OutboxMessage,
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text_th

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
