"""Every write of the notifications app: render and queue messages, release or cancel held ones, send, read.

Other apps call ``notify`` from inside their own service's transaction. The messages and notices are rows
in that transaction; queued e-mails are sent by a callback that runs only after it commits, so a rolled
back action sends nothing. ``manage.py send_outbox`` (cron or a worker) sends whatever is still queued.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.rules import is_secretariat
from smartcity.core import thai
from smartcity.core.audit import record_event
from smartcity.core.errors import Conflict, NotAllowed, UserFacingError, refusing_invalid
from smartcity.core.saving import save_audited

from . import defaults
from .models import MessageTemplate, Notice, OutboxMessage, OutboxStatus
from .placeholders import template_problems

logger = logging.getLogger(__name__)

LANGUAGES = ("th", "en")
# Filled in by notify for each recipient; a caller of render() supplies it like any other value.
RECIPIENT_PLACEHOLDER = "recipient_name"
RELEASABLE = (OutboxStatus.HELD, OutboxStatus.FAILED)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
SUBJECT_MAX = OutboxMessage._meta.get_field("subject").max_length
NOTICE_MAX = Notice._meta.get_field("text_th").max_length


# --- Templates and rendering ---------------------------------------------------------------------------


def get_template(code: str) -> MessageTemplate:
    """The template with this code. A default one missing from the database (a flushed test database)
    is created again from ``defaults``; an unknown code raises MessageTemplate.DoesNotExist."""
    template = MessageTemplate.objects.filter(code=code).first()
    if template is None and code in defaults.BY_CODE:
        fields = {k: v for k, v in defaults.BY_CODE[code].items() if k != "code"}
        template, _created = MessageTemplate.objects.get_or_create(code=code, defaults=fields)
    if template is None:
        raise MessageTemplate.DoesNotExist(f"No message template with the code {code!r}.")
    return template


def _raise_first_problem(template: MessageTemplate) -> None:
    problems = template_problems(template)
    if problems:
        problem = problems[0]
        raise UserFacingError(problem.message, field=problem.field, code=problem.code, params=problem.params)


def _check_context(template: MessageTemplate, context: Mapping[str, Any]) -> None:
    missing = [name for name in template.placeholders if name not in context]
    if missing:
        raise UserFacingError(
            _("The message “%(code)s” needs a value for %(names)s."),
            field=missing[0],
            code="missing_placeholder",
            params={"code": template.code, "names": ", ".join(f"{{{name}}}" for name in missing)},
        )


def _as_text(value: Any, language: str) -> str:
    """One context value as text in `language`: {"th": …, "en": …} picks a language, dates follow it."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return str(value.get(language) or value.get("th") or "")
    if isinstance(value, dt.datetime):
        return thai.format_datetime(value, language)
    if isinstance(value, dt.date):
        return thai.format_date(value, language)
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return thai.format_date(dt.date.fromisoformat(value), language)
        except ValueError:
            return value
    return str(value)


def _absolute(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") and not url.startswith("//") else url


def _values(template: MessageTemplate, language: str, context: Mapping[str, Any]) -> dict[str, str]:
    with translation.override(language):
        values = {name: _as_text(context[name], language) for name in template.placeholders}
    if "url" in values:
        values["url"] = _absolute(values["url"])
    return values


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _language(language: str | None) -> str:
    return language if language in LANGUAGES else "th"


def _render(template: MessageTemplate, language: str, context: Mapping[str, Any]) -> tuple[str, str]:
    _raise_first_problem(template)
    _check_context(template, context)
    values = _values(template, language, context)
    subject = getattr(template, f"subject_{language}").format_map(values)
    body = getattr(template, f"body_{language}").format_map(values)
    return _one_line(subject, SUBJECT_MAX), body


def render(template_code: str, language: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """(subject, body) of a template in `language` ("th" or "en"), filled in from `context`.

    Every placeholder the template declares must be in `context`, or UserFacingError names the missing ones.
    Values may be text, a {"th": …, "en": …} mapping, a date or datetime (written the language's way, with
    the Buddhist Era in Thai) or an ISO date string. A `url` starting with "/" gets the site's address.
    """
    return _render(get_template(template_code), _language(language), context)


# --- Notify --------------------------------------------------------------------------------------------


def _related_ref(related: models.Model | tuple[str, Any] | None) -> tuple[str, str]:
    if related is None:
        return "", ""
    if isinstance(related, tuple):
        return str(related[0]), str(related[1])
    return related._meta.label_lower, str(related.pk)


def _notice_url(url: Any) -> str:
    """A link kept on a notice: a path on this site. Absolute links to this site become paths."""
    url = str(url or "")
    if url.startswith(settings.SITE_URL + "/"):
        url = url[len(settings.SITE_URL) :]
    return url if url.startswith("/") and not url.startswith("//") else ""


def _schedule_sending(message_ids: list[int]) -> None:
    if message_ids:
        # robust: the action has already committed; a failure to send is recorded, never shown as an error.
        transaction.on_commit(functools.partial(send_queued, limit=len(message_ids), ids=message_ids), robust=True)


@transaction.atomic
def notify(
    *,
    template_code: str,
    users: Iterable,
    context: Mapping[str, Any],
    related: models.Model | tuple[str, Any] | None = None,
    notice: bool = True,
) -> list[OutboxMessage]:
    """Write one e-mail per active user, in the user's language, and (if `notice`) an in-app notice.

    Call it inside the transaction of the action it reports. Messages of a template that requires release
    are held for the secretariat; the others are queued and sent once the transaction commits.
    `recipient_name` is filled in for each user.
    """
    template = get_template(template_code)
    _raise_first_problem(template)
    _check_context(template, {RECIPIENT_PLACEHOLDER: "", **context})
    recipients = list({user.pk: user for user in users if user is not None and user.is_active}.values())
    object_type, object_id = _related_ref(related)
    status = OutboxStatus.HELD if template.requires_release else OutboxStatus.QUEUED
    messages: dict[int, OutboxMessage] = {}
    subjects: dict[int, dict[str, str]] = {}
    for user in recipients:
        personal = {**context, RECIPIENT_PLACEHOLDER: user.full_name or user.email}
        language = _language(user.language)
        subject, body = _render(template, language, personal)
        if user.email:
            messages[user.pk] = OutboxMessage(
                recipient=user,
                to_email=user.email,
                language=language,
                subject=subject,
                body=body,
                template_code=template.code,
                status=status,
                related_object_type=object_type,
                related_object_id=object_id,
            )
        if notice:
            subjects[user.pk] = {
                other: subject if other == language else _render(template, other, personal)[0] for other in LANGUAGES
            }
    created = OutboxMessage.objects.bulk_create(messages.values())
    # The notice of a held letter is published when the letter is released: nobody learns of it before.
    Notice.objects.bulk_create(
        Notice(
            user=user,
            text_th=_one_line(subjects[user.pk]["th"], NOTICE_MAX),
            text_en=_one_line(subjects[user.pk]["en"], NOTICE_MAX),
            url=_notice_url(context.get("url")),
            message=messages.get(user.pk),
            is_published=status != OutboxStatus.HELD or user.pk not in messages,
        )
        for user in recipients
        if user.pk in subjects
    )
    _schedule_sending([m.pk for m in created if m.status == OutboxStatus.QUEUED])
    return created


# --- The secretariat's outbox --------------------------------------------------------------------------


def _require_secretariat(actor) -> None:
    if not is_secretariat(actor):
        raise NotAllowed(_("Only the secretariat may release or cancel messages."))


def _ids(values: Iterable[Any]) -> list[int]:
    try:
        ids = sorted({int(value) for value in values})
    except (TypeError, ValueError) as error:
        raise UserFacingError(_("Choose messages from the list."), field="message_ids", code="invalid") from error
    if not ids:
        raise UserFacingError(_("Choose at least one message."), field="message_ids", code="required")
    return ids


def _lock_releasable(ids: list[int], refusal) -> list[OutboxMessage]:
    messages = list(OutboxMessage.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(messages) != len(ids):
        raise UserFacingError(_("A message you chose no longer exists."), field="message_ids", code="not_found")
    for message in messages:
        if message.status not in RELEASABLE:
            raise Conflict(
                refusal,
                code="not_releasable",
                params={"to": message.to_email, "status": message.get_status_display()},
            )
    return messages


@transaction.atomic
def release(*, actor, message_ids: Iterable[Any]) -> list[OutboxMessage]:
    """The secretariat releases held (or failed) messages: they are queued and sent once this commits."""
    _require_secretariat(actor)
    messages = _lock_releasable(
        _ids(message_ids), _("The message to %(to)s can no longer be released: it is “%(status)s”.")
    )
    now = timezone.now()
    for message in messages:
        before = {"status": message.status}
        message.status = OutboxStatus.QUEUED
        message.released_by = actor
        message.released_at = now
        message.error = ""
        message.save(update_fields=["status", "released_by", "released_at", "error"])
        record_event(
            actor=actor,
            action="outbox.released",
            obj=message,
            before=before,
            after={"status": message.status, "template": message.template_code, "to": message.to_email},
        )
    Notice.objects.filter(message__in=messages, is_published=False).update(is_published=True, created_at=now)
    _schedule_sending([m.pk for m in messages])
    return messages


@transaction.atomic
def cancel(*, actor, message_id: int) -> OutboxMessage:
    """The secretariat decides a held (or failed) message is not to be sent."""
    _require_secretariat(actor)
    (message,) = _lock_releasable(
        _ids([message_id]), _("The message to %(to)s can no longer be cancelled: it is “%(status)s”.")
    )
    before = {"status": message.status}
    message.status = OutboxStatus.CANCELLED
    message.save(update_fields=["status"])
    record_event(
        actor=actor,
        action="outbox.cancelled",
        obj=message,
        before=before,
        after={"status": message.status, "template": message.template_code, "to": message.to_email},
    )
    return message


# --- Sending -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    failed: int = 0


def _lock_next(ids: list[int] | None) -> OutboxMessage | None:
    queued = OutboxMessage.objects.filter(status=OutboxStatus.QUEUED)
    if ids is not None:
        queued = queued.filter(pk__in=ids)
    # Two senders at once (the after-commit callback and the cron job) never take the same message:
    # PostgreSQL skips rows another sender holds; SQLite runs one writing transaction at a time.
    skip_locked = connection.features.has_select_for_update_skip_locked
    return queued.select_for_update(skip_locked=skip_locked).order_by("created_at", "pk").first()


def _deliver(message: OutboxMessage) -> bool:
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        headers={"Content-Language": message.language, "Auto-Submitted": "auto-generated"},
    )
    try:
        email.send()
    except Exception as error:  # any failure of the mail backend is recorded on the message
        logger.warning("Sending outbox message %s failed: %s", message.pk, error)
        message.status = OutboxStatus.FAILED
        message.error = f"{type(error).__name__}: {error}"[:2000]
        message.save(update_fields=["status", "error"])
        return False
    message.status = OutboxStatus.SENT
    message.sent_at = timezone.now()
    message.error = ""
    message.save(update_fields=["status", "sent_at", "error"])
    return True


def send_queued(limit: int = 100, *, ids: Iterable[int] | None = None) -> SendReport:
    """Send up to `limit` queued messages (only those in `ids`, if given), oldest first.

    Each message is locked, sent and marked sent or failed in its own short transaction, so running this
    twice at once sends every message once, and a crash loses at most the mark of the message in flight.
    """
    wanted = list(ids) if ids is not None else None
    sent = failed = 0
    for _index in range(max(0, limit)):
        with transaction.atomic():
            message = _lock_next(wanted)
            if message is None:
                break
            if _deliver(message):
                sent += 1
            else:
                failed += 1
    return SendReport(sent=sent, failed=failed)


# --- Notices and templates -----------------------------------------------------------------------------


@transaction.atomic
def mark_read(*, user, notice_ids: Iterable[Any] | None = None) -> int:
    """Mark the user's own unread notices (all of them, or those in `notice_ids`) as read; returns how many."""
    if not (user and user.is_authenticated):
        return 0
    unread = Notice.objects.filter(user=user, is_published=True, read_at__isnull=True)
    if notice_ids is not None:
        unread = unread.filter(pk__in=_ids(notice_ids))
    return unread.update(read_at=timezone.now())


FIXED_TEMPLATE_FIELDS = ("code", "placeholders")


@transaction.atomic
def save_template(*, actor, template: MessageTemplate) -> MessageTemplate:
    """Save a template edited by an operator (the admin). Its code and placeholders are fixed: the code that
    sends the message relies on them."""
    if not actor.has_perm("notifications.change_messagetemplate"):
        raise NotAllowed(_("Only platform administrators may edit message templates."))

    def keep_fixed_fields(stored: MessageTemplate) -> None:
        for name in FIXED_TEMPLATE_FIELDS:
            if getattr(stored, name) != getattr(template, name):
                raise UserFacingError(
                    _("The code and the placeholders of a template cannot be changed: the platform relies on them."),
                    field=name,
                    code="fixed",
                )
        _raise_first_problem(template)

    if template.pk is None:
        _raise_first_problem(template)
    with refusing_invalid(code="invalid"):
        return save_audited(actor=actor, instance=template, event="message_template", check=keep_fixed_fields)
