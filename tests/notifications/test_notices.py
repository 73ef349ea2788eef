"""The notices page: a person's own notices, newest first, in the language they browse in."""

import pytest
from django.utils import timezone

from smartcity.notifications import services
from smartcity.notifications.models import Notice
from smartcity.notifications.selectors import unread_notice_count
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notice(user, text, url="/proposals/7/", read=False):
    return Notice.objects.create(
        user=user,
        text_th=f"{text} (ไทย)",
        text_en=f"{text} (English)",
        url=url,
        read_at=timezone.now() if read else None,
    )


def test_the_page_needs_a_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")


def test_a_person_sees_only_their_own_notices_newest_first_unread_highlighted(client, login_as, thai_user):
    old = _notice(thai_user, "เก่า", read=True)
    new = _notice(thai_user, "ใหม่")
    _notice(UserFactory(), "ของคนอื่น")
    login_as(thai_user)
    html = client.get("/notifications/").content.decode()
    assert "ใหม่ (ไทย)" in html and "เก่า (ไทย)" in html
    assert "ของคนอื่น" not in html
    assert html.index("ใหม่ (ไทย)") < html.index("เก่า (ไทย)")
    assert f'<tr class="unread" id="notice-{new.pk}">' in html
    assert f'<tr id="notice-{old.pk}">' in html
    assert 'action="/notifications/read/"' in html


def test_the_text_follows_the_active_language(client, login_as, thai_user):
    _notice(thai_user, "ข่าว")
    login_as(thai_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/notifications/"})
    html = client.get("/notifications/").content.decode()
    assert "ข่าว (English)" in html and "ข่าว (ไทย)" not in html


def test_mark_all_as_read_touches_only_ones_own_notices(client, login_as, thai_user):
    mine = [_notice(thai_user, "หนึ่ง"), _notice(thai_user, "สอง")]
    theirs = _notice(UserFactory(), "ของคนอื่น")
    login_as(thai_user)
    assert unread_notice_count(thai_user) == 2
    assert client.get("/notifications/read/").status_code == 405
    response = client.post("/notifications/read/")
    assert response.status_code == 302 and response.url == "/notifications/"
    assert all(Notice.objects.get(pk=n.pk).read_at is not None for n in mine)
    assert Notice.objects.get(pk=theirs.pk).read_at is None
    assert unread_notice_count(thai_user) == 0
    assert 'action="/notifications/read/"' not in client.get("/notifications/").content.decode()


def test_opening_a_notice_marks_it_read_and_follows_its_link(client, login_as, thai_user):
    notice = _notice(thai_user, "เปิด")
    other = _notice(thai_user, "ยังไม่เปิด")
    login_as(thai_user)
    response = client.get(f"/notifications/{notice.pk}/")
    assert response.status_code == 302 and response.url == "/proposals/7/"
    assert Notice.objects.get(pk=notice.pk).read_at is not None
    assert Notice.objects.get(pk=other.pk).read_at is None


def test_someone_elses_notice_cannot_be_opened(client, login_as, thai_user):
    theirs = _notice(UserFactory(), "ของคนอื่น")
    login_as(thai_user)
    assert client.get(f"/notifications/{theirs.pk}/").status_code == 404
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_mark_read_by_id_ignores_other_peoples_notices(thai_user):
    theirs = _notice(UserFactory(), "ของคนอื่น")
    mine = _notice(thai_user, "ของฉัน")
    assert services.mark_read(user=thai_user, notice_ids=[theirs.pk, mine.pk]) == 1
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_the_notice_of_a_held_letter_appears_only_once_the_letter_is_released(
    client, login_as, thai_user, secretariat, decision_context
):
    from smartcity.notifications.services import notify

    (letter,) = notify(template_code="decision_letter", users=[thai_user], context=decision_context)
    login_as(thai_user)
    assert "แจ้งผลการพิจารณา" not in client.get("/notifications/").content.decode()
    assert services.mark_read(user=thai_user) == 0
    services.release(actor=secretariat, message_ids=[letter.pk])
    html = client.get("/notifications/").content.decode()
    assert "แจ้งผลการพิจารณาข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ”" in html and 'class="unread"' in html


def test_unread_count_for_a_visitor_is_zero():
    from django.contrib.auth.models import AnonymousUser

    assert unread_notice_count(AnonymousUser()) == 0


def test_the_notices_page_makes_the_same_number_of_queries_for_1_or_5_notices(client, login_as, thai_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login_as(thai_user)
    _notice(thai_user, "หนึ่ง")
    client.get("/notifications/")
    with CaptureQueriesContext(connection) as one:
        client.get("/notifications/")
    for n in range(4):
        _notice(thai_user, f"ที่ {n}")
    with CaptureQueriesContext(connection) as five:
        html = client.get("/notifications/").content.decode()
    assert html.count('class="unread"') == 5
    assert len(five) == len(one)
