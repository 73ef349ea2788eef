"""The outbox: the secretariat releases or cancels held letters; send_queued sends, records failures, never twice."""

import smtplib
import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartcity.core.errors import Conflict, NotAllowed, UserFacingError
from smartcity.core.models import AuditEvent
from smartcity.notifications import services
from smartcity.notifications.models import OutboxMessage
from smartcity.notifications.selectors import notices_for, unread_notice_count
from smartcity.notifications.services import notify
from tests.conftest import requires_postgres
from tests.factories import MembershipFactory, UserFactory
from tests.notifications.conftest import CONTEXT

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses everything."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("the mail server said no")


class SlowLocmemBackend(LocmemBackend):
    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


@pytest.fixture
def held(thai_user, decision_context):
    (message,) = notify(template_code="decision_letter", users=[thai_user], context=decision_context)
    return message


def _status(message) -> str:
    return OutboxMessage.objects.get(pk=message.pk).status


# --- Release and cancel --------------------------------------------------------------------------------


def test_the_secretariat_releases_a_held_letter_and_it_is_sent_and_audited(
    django_capture_on_commit_callbacks, mailoutbox, secretariat, held
):
    with django_capture_on_commit_callbacks(execute=True):
        released = services.release(actor=secretariat, message_ids=[held.pk])
        assert [m.status for m in released] == ["queued"]
        assert mailoutbox == []
    assert len(mailoutbox) == 1 and mailoutbox[0].subject == "แจ้งผลการพิจารณาข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ”"
    message = OutboxMessage.objects.get(pk=held.pk)
    assert message.status == "sent" and message.released_by == secretariat and message.released_at is not None
    event = AuditEvent.objects.get(action="outbox.released")
    assert (event.actor, event.object_type, event.object_id) == (
        secretariat,
        "notifications.outboxmessage",
        str(held.pk),
    )
    assert event.before == {"status": "held"}
    assert event.after == {"status": "queued", "template": "decision_letter", "to": "somchai@example.com"}
    assert unread_notice_count(held.recipient) == 1
    assert notices_for(held.recipient).get().text_th == "แจ้งผลการพิจารณาข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ”"


@pytest.mark.parametrize("who", ["applicant", "superuser", "working_group"])
def test_release_and_cancel_are_refused_to_anyone_but_the_secretariat(
    django_capture_on_commit_callbacks, mailoutbox, held, who
):
    if who == "applicant":
        actor = MembershipFactory(role="admin").user
    elif who == "superuser":
        actor = UserFactory(is_staff=True, is_superuser=True)
    else:
        from tests.factories import staff_user

        actor = staff_user("working_group", "environment")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(NotAllowed):
            services.release(actor=actor, message_ids=[held.pk])
        with pytest.raises(NotAllowed):
            services.cancel(actor=actor, message_id=held.pk)
    assert _status(held) == "held"
    assert OutboxMessage.objects.get(pk=held.pk).released_by is None
    assert not AuditEvent.objects.filter(action__startswith="outbox.").exists()
    assert mailoutbox == []


def test_the_secretariat_cancels_a_held_letter(django_capture_on_commit_callbacks, mailoutbox, secretariat, held):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(actor=secretariat, message_id=held.pk)
    assert _status(held) == "cancelled" and mailoutbox == []
    assert unread_notice_count(held.recipient) == 0
    event = AuditEvent.objects.get(action="outbox.cancelled")
    assert (event.actor, event.before, event.after["status"]) == (secretariat, {"status": "held"}, "cancelled")
    with pytest.raises(Conflict):
        services.release(actor=secretariat, message_ids=[held.pk])
    assert _status(held) == "cancelled"


def test_a_sent_message_can_be_neither_released_nor_cancelled(secretariat, thai_user):
    (queued,) = notify(template_code="proposal_submitted", users=[thai_user], context=CONTEXT)
    services.send_queued()
    assert _status(queued) == "sent"
    with pytest.raises(Conflict) as refused:
        services.release(actor=secretariat, message_ids=[queued.pk])
    assert refused.value.code == "not_releasable"
    with pytest.raises(Conflict):
        services.cancel(actor=secretariat, message_id=queued.pk)
    assert _status(queued) == "sent"


def test_release_is_all_or_nothing(secretariat, held, thai_user):
    (sent,) = notify(template_code="proposal_submitted", users=[thai_user], context=CONTEXT)
    services.send_queued()
    with pytest.raises(Conflict):
        services.release(actor=secretariat, message_ids=[held.pk, sent.pk])
    assert _status(held) == "held"
    with pytest.raises(UserFacingError) as refused:
        services.release(actor=secretariat, message_ids=[held.pk, 999999])
    assert refused.value.code == "not_found"
    with pytest.raises(UserFacingError) as refused:
        services.release(actor=secretariat, message_ids=[])
    assert refused.value.code == "required"
    assert _status(held) == "held"


# --- Sending -------------------------------------------------------------------------------------------


def test_a_failing_mail_server_marks_the_message_failed_with_the_error(settings, mailoutbox, thai_user, english_user):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.FailingBackend"
    messages = notify(template_code="proposal_submitted", users=[thai_user, english_user], context=CONTEXT)
    report = services.send_queued()
    assert (report.sent, report.failed) == (0, 2)
    for message in messages:
        message.refresh_from_db()
        assert message.status == "failed"
        assert message.error == "SMTPException: the mail server said no"
        assert message.sent_at is None
    assert mailoutbox == []


def test_a_failed_message_is_sent_again_when_the_secretariat_releases_it(
    settings, django_capture_on_commit_callbacks, secretariat, thai_user
):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.FailingBackend"
    (message,) = notify(template_code="proposal_submitted", users=[thai_user], context=CONTEXT)
    services.send_queued()
    assert _status(message) == "failed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.release(actor=secretariat, message_ids=[message.pk])
    message.refresh_from_db()
    assert (message.status, message.error, len(mail.outbox)) == ("sent", "", 1)


def test_send_queued_sends_each_message_once_and_never_a_held_one(mailoutbox, thai_user, english_user, held):
    notify(template_code="proposal_submitted", users=[thai_user, english_user], context=CONTEXT)
    first = services.send_queued()
    second = services.send_queued()
    assert (first.sent, first.failed, second.sent, second.failed) == (2, 0, 0, 0)
    assert len(mailoutbox) == 2
    assert _status(held) == "held"


def test_send_queued_respects_the_limit_oldest_first(mailoutbox, thai_user, english_user):
    (older,) = notify(template_code="proposal_submitted", users=[thai_user], context=CONTEXT)
    (newer,) = notify(template_code="proposal_submitted", users=[english_user], context=CONTEXT)
    assert services.send_queued(limit=1).sent == 1
    assert (_status(older), _status(newer)) == ("sent", "queued")


def test_the_send_outbox_command(mailoutbox, thai_user, capsys):
    notify(template_code="proposal_submitted", users=[thai_user], context=CONTEXT)
    call_command("send_outbox", "--limit", "10")
    assert "Outbox: 1 sent, 0 failed." in capsys.readouterr().out
    assert len(mailoutbox) == 1


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_every_message_exactly_once(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.SlowLocmemBackend"
    mail.outbox = []
    users = [UserFactory() for _ in range(12)]
    # Rows written directly: outside a transaction, notify() would send them at once (its on-commit callback).
    OutboxMessage.objects.bulk_create(
        OutboxMessage(recipient=u, to_email=u.email, subject="s", body="b", template_code="t", status="queued")
        for u in users
    )
    barrier = threading.Barrier(2)
    reports = []

    def sender():
        try:
            barrier.wait()
            reports.append(services.send_queued())
        finally:
            connection.close()  # this thread's own connection, so the test database can be dropped

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(r.sent for r in reports) == 12
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


# --- The outbox page -----------------------------------------------------------------------------------


def test_the_outbox_page_is_for_the_secretariat_only(client, login_as, held):
    assert client.get("/notifications/outbox/").status_code == 302  # to the sign-in page
    for user in (MembershipFactory(role="admin").user, UserFactory(is_staff=True, is_superuser=True)):
        login_as(user)
        assert client.get("/notifications/outbox/").status_code == 403
        assert client.post("/notifications/outbox/release/", {"message": held.pk}).status_code == 403
        assert client.post("/notifications/outbox/cancel/", {"message": held.pk}).status_code == 403
    assert _status(held) == "held"
    assert not AuditEvent.objects.filter(action__startswith="outbox.").exists()


def test_the_secretariat_sees_held_letters_with_a_preview(client, login_as, secretariat, held):
    login_as(secretariat)
    html = client.get("/notifications/outbox/").content.decode()
    assert "แจ้งผลการพิจารณาข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ”" in html
    assert "somchai@example.com" in html and "สมชาย ใจดี" in html
    assert "เรียน สมชาย ใจดี" in html
    assert f'form="release-form" name="message" value="{held.pk}"' in html
    assert f'form="cancel-form" name="message" value="{held.pk}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_secretariat_releases_and_cancels_from_the_page(
    client, login_as, secretariat, thai_user, decision_context, django_capture_on_commit_callbacks, mailoutbox
):
    first, second = (
        notify(template_code="decision_letter", users=[user], context=decision_context)[0]
        for user in (thai_user, UserFactory())
    )
    login_as(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/notifications/outbox/release/", {"message": first.pk})
    assert response.status_code == 302 and response.url == "/notifications/outbox/"
    assert _status(first) == "sent" and len(mailoutbox) == 1
    response = client.post("/notifications/outbox/cancel/", {"message": second.pk})
    assert response.status_code == 302 and _status(second) == "cancelled"
    page = client.get("/notifications/outbox/").content.decode()
    assert "somchai@example.com" in page  # now among the recent messages
    # Releasing it again is refused with a message, not an error page.
    response = client.post("/notifications/outbox/release/", {"message": first.pk}, follow=True)
    assert response.status_code == 200 and 'class="notice error"' in response.content.decode()


def test_the_outbox_page_makes_the_same_number_of_queries_for_1_or_5_messages(
    client, login_as, secretariat, decision_context
):
    login_as(secretariat)

    def add(n):
        users = [UserFactory() for _ in range(n)]
        notify(template_code="decision_letter", users=users, context=decision_context)
        notify(template_code="proposal_submitted", users=users, context=CONTEXT)
        released = notify(template_code="decision_letter", users=users, context=decision_context)
        services.release(actor=secretariat, message_ids=[m.pk for m in released])
        services.send_queued()

    add(1)
    client.get("/notifications/outbox/")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/notifications/outbox/").status_code == 200
    add(4)
    with CaptureQueriesContext(connection) as five:
        html = client.get("/notifications/outbox/").content.decode()
    assert html.count('form="release-form" name="message"') == 5
    assert len(five) == len(one), [q["sql"] for q in five.captured_queries]
