"""notify(): one message per person in their language, held or queued, sent only after the caller commits."""

import pytest
from django.db import transaction

from smartcity.core.errors import UserFacingError
from smartcity.notifications.models import Notice, OutboxMessage
from smartcity.notifications.selectors import unread_notice_count
from smartcity.notifications.services import notify
from tests.factories import OrganizationFactory, UserFactory
from tests.notifications.conftest import CONTEXT

pytestmark = pytest.mark.django_db


def test_a_queued_message_is_sent_only_after_commit(django_capture_on_commit_callbacks, mailoutbox, thai_user):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        (message,) = notify(template_code="proposal_submitted", users=[thai_user], context=CONTEXT)
        assert message.status == "queued"
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert message.status == "sent" and message.sent_at is not None and message.error == ""
    mail = mailoutbox[0]
    assert mail.to == ["somchai@example.com"]
    assert mail.from_email == "Smart City Thailand <noreply@smartcity.example>"
    assert mail.subject == "ได้รับข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ” แล้ว"
    assert mail.body.startswith("เรียน สมชาย ใจดี\n\n")
    assert mail.extra_headers["Content-Language"] == "th"


def test_a_letter_that_requires_release_is_held_and_not_sent(
    django_capture_on_commit_callbacks, mailoutbox, thai_user, decision_context
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        (message,) = notify(template_code="decision_letter", users=[thai_user], context=decision_context)
    assert callbacks == []
    assert mailoutbox == []
    message.refresh_from_db()
    assert message.status == "held"
    assert "มีมติ: อนุมัติ" in message.body and "ในการประชุม 3/2569" in message.body
    # Its notice waits with it: the proponent learns nothing before the secretariat releases the letter.
    notice = Notice.objects.get(user=thai_user)
    assert (notice.message, notice.is_published) == (message, False)
    assert unread_notice_count(thai_user) == 0


def test_nothing_is_sent_or_kept_when_the_callers_transaction_rolls_back(
    django_capture_on_commit_callbacks, mailoutbox, thai_user
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(template_code="proposal_submitted", users=[thai_user], context=CONTEXT)
        raise RuntimeError("the caller's action failed after notifying")
    assert callbacks == []
    assert mailoutbox == []
    assert not OutboxMessage.objects.exists()
    assert not Notice.objects.exists()


def test_each_person_gets_their_language(django_capture_on_commit_callbacks, mailoutbox, thai_user, english_user):
    with django_capture_on_commit_callbacks(execute=True):
        messages = notify(template_code="proposal_returned", users=[thai_user, english_user], context=CONTEXT)
    assert [(m.to_email, m.language) for m in messages] == [("somchai@example.com", "th"), ("jane@example.com", "en")]
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert by_address["somchai@example.com"].subject == "ขอให้แก้ไขข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ”"
    assert by_address["somchai@example.com"].body.startswith("เรียน สมชาย ใจดี\n\n")
    assert by_address["jane@example.com"].subject == "Proposal returned for revision: “Smart Khon Kaen”"
    assert by_address["jane@example.com"].body.startswith("Dear Jane Doe,\n\n")


def test_a_notice_in_both_languages_goes_with_each_message(thai_user, english_user):
    notify(template_code="proposal_returned", users=[thai_user, english_user], context=CONTEXT)
    notice = Notice.objects.get(user=english_user)
    assert notice.text_th == "ขอให้แก้ไขข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ”"
    assert notice.text_en == "Proposal returned for revision: “Smart Khon Kaen”"
    assert notice.url == "/proposals/7/"
    assert notice.read_at is None
    assert unread_notice_count(thai_user) == 1 and unread_notice_count(english_user) == 1


def test_notice_false_writes_no_notice(thai_user):
    notify(template_code="proposal_submitted", users=[thai_user], context=CONTEXT, notice=False)
    assert OutboxMessage.objects.count() == 1
    assert not Notice.objects.exists()


def test_inactive_and_repeated_people_are_written_to_once_or_not_at_all(thai_user):
    gone = UserFactory(is_active=False)
    messages = notify(template_code="proposal_submitted", users=[thai_user, thai_user, gone, None], context=CONTEXT)
    assert [m.recipient for m in messages] == [thai_user]
    assert Notice.objects.filter(user=gone).count() == 0


def test_the_related_object_is_recorded_like_the_audit_log(thai_user):
    organization = OrganizationFactory()
    (by_model,) = notify(template_code="proposal_submitted", users=[thai_user], context=CONTEXT, related=organization)
    (by_tuple,) = notify(
        template_code="proposal_submitted", users=[thai_user], context=CONTEXT, related=("proposals.proposal", 7)
    )
    assert (by_model.related_object_type, by_model.related_object_id) == ("accounts.organization", str(organization.pk))
    assert (by_tuple.related_object_type, by_tuple.related_object_id) == ("proposals.proposal", "7")


def test_a_missing_value_refuses_the_whole_call(thai_user):
    context = {key: value for key, value in CONTEXT.items() if key != "comments"}
    with pytest.raises(UserFacingError) as refused:
        notify(template_code="proposal_returned", users=[thai_user], context=context)
    assert refused.value.field == "comments" and "{comments}" in str(refused.value)
    assert not OutboxMessage.objects.exists() and not Notice.objects.exists()


def test_a_missing_value_is_found_even_with_nobody_to_notify():
    with pytest.raises(UserFacingError):
        notify(template_code="proposal_returned", users=[], context={})


def test_only_links_on_this_site_are_kept_on_notices(settings, thai_user):
    settings.SITE_URL = "https://smartcity.example"
    for url, kept in [
        ("https://smartcity.example/proposals/7/", "/proposals/7/"),
        ("https://elsewhere.example/x", ""),
        ("//elsewhere.example/x", ""),
        ("javascript:alert(1)", ""),
    ]:
        notify(template_code="proposal_submitted", users=[thai_user], context={**CONTEXT, "url": url})
        assert Notice.objects.order_by("-pk").first().url == kept
