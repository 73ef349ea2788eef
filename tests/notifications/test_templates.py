"""Message templates: the defaults, placeholder checks (service, model and admin) and rendering."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from smartcity.core.errors import NotAllowed, UserFacingError
from smartcity.core.models import AuditEvent
from smartcity.notifications import defaults, services
from smartcity.notifications.models import MessageTemplate
from tests.factories import UserFactory, staff_user
from tests.notifications.conftest import CONTEXT, template

pytestmark = pytest.mark.django_db

CODES = [
    "assignment_created",
    "certificate_expiry_reminder",
    "certificate_issued",
    "certificate_renewal_decided",
    "certificate_state_changed",
    "deadline_reminder",
    "decision_letter",
    "endorsement_decided",
    "proposal_returned",
    "proposal_submitted",
    "revision_requested",
]


@pytest.fixture
def operator():
    return UserFactory(is_staff=True, is_superuser=True)


def test_the_data_migrations_install_the_templates_and_only_decision_letters_wait_for_release():
    assert sorted(MessageTemplate.objects.values_list("code", flat=True)) == CODES
    assert list(MessageTemplate.objects.filter(requires_release=True).values_list("code", flat=True)) == [
        "decision_letter"
    ]
    assert template("proposal_returned").placeholders == [
        "recipient_name",
        "proposal_title",
        "organization",
        "comments",
        "url",
    ]
    for code in CODES:
        t = template(code)
        t.full_clean()
        assert t.subject_th and t.subject_en and t.body_th.startswith("เรียน {recipient_name}")
        assert t.body_en.startswith("Dear {recipient_name},")


def test_a_flushed_default_template_is_created_again_when_needed():
    MessageTemplate.objects.filter(code="proposal_submitted").delete()
    subject, _body = services.render("proposal_submitted", "en", {**CONTEXT, "recipient_name": "Jane"})
    assert subject == "Proposal received: “Smart Khon Kaen”"
    assert MessageTemplate.objects.filter(code="proposal_submitted").exists()


def test_an_unknown_code_is_a_programming_error():
    with pytest.raises(MessageTemplate.DoesNotExist):
        services.render("no_such_template", "th", {})


def test_unknown_placeholder_is_refused_naming_it_and_the_field_and_nothing_is_saved(operator):
    t = template("proposal_returned")
    original = t.body_th
    events = AuditEvent.objects.count()
    t.body_th = original + "\nงบประมาณ: {budget}"
    with translation.override("en"):
        with pytest.raises(UserFacingError) as refused:
            services.save_template(actor=operator, template=t)
        message = str(refused.value)
    assert refused.value.field == "body_th"
    assert refused.value.code == "unknown_placeholder"
    assert message == (
        "Unknown placeholder {budget} in body (Thai) (body_th). Allowed placeholders: "
        "{recipient_name}, {proposal_title}, {organization}, {comments}, {url}."
    )
    assert template("proposal_returned").body_th == original
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (
            "Dear {recipient_name",
            "unclosed_brace",
            "body (English) (body_en): “{” at character 6 (near “Dear {recipient_name”) has no closing “}”.",
        ),
        (
            "Dear {recipient_name {url}",
            "unclosed_brace",
            "body (English) (body_en): “{” at character 6 (near “Dear {recipient_name”) has no closing “}”.",
        ),
        (
            "Dear {{recipient_name}}",
            "double_brace",
            "body (English) (body_en): “{{” at character 6 (near “Dear {{recipient_nam”) is not allowed: write "
            "a placeholder with single braces, like {proposal_title}.",
        ),
        (
            "Dear friend}",
            "unopened_brace",
            "body (English) (body_en): “}” at character 12 (near “Dear friend}”) has no opening “{”.",
        ),
        (
            "Dear {Recipient Name}",
            "bad_placeholder",
            "body (English) (body_en): “{Recipient Name}” is not a placeholder: a placeholder name uses "
            "lower-case letters, digits and underscores only, like {proposal_title}.",
        ),
        (
            "See {url.__class__}",
            "bad_placeholder",
            "body (English) (body_en): “{url.__class__}” is not a placeholder: a placeholder name uses "
            "lower-case letters, digits and underscores only, like {proposal_title}.",
        ),
        (
            "Due {deadline:%d}",
            "bad_placeholder",
            "body (English) (body_en): “{deadline:%d}” is not a placeholder: a placeholder name uses "
            "lower-case letters, digits and underscores only, like {proposal_title}.",
        ),
    ],
)
def test_malformed_braces_are_refused_clearly(operator, text, code, message):
    t = template("proposal_submitted")
    t.body_en = text
    with translation.override("en"):
        with pytest.raises(UserFacingError) as refused:
            services.save_template(actor=operator, template=t)
        shown = str(refused.value)
    assert (refused.value.field, refused.value.code, shown) == ("body_en", code, message)
    assert template("proposal_submitted").body_en.startswith("Dear {recipient_name},")


def test_the_model_reports_every_problem_on_its_field():
    t = template("proposal_submitted")
    t.subject_th = "ข้อเสนอ {title}"
    t.body_en = "Dear {recipient_name"
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        t.full_clean()
    assert sorted(refused.value.message_dict) == ["body_en", "subject_th"]
    assert "{title}" in refused.value.message_dict["subject_th"][0]


def test_a_valid_edit_is_saved_and_audited(operator):
    t = template("proposal_submitted")
    t.subject_en = "We have received “{proposal_title}”"
    services.save_template(actor=operator, template=t)
    assert template("proposal_submitted").subject_en == "We have received “{proposal_title}”"
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor, event.object_id) == ("message_template.updated", operator, str(t.pk))
    assert event.before["subject_en"] == "Proposal received: “{proposal_title}”"
    assert event.after["subject_en"] == "We have received “{proposal_title}”"


def test_the_placeholders_and_code_are_fixed(operator):
    t = template("proposal_submitted")
    t.placeholders = [*t.placeholders, "budget"]
    t.body_th += "{budget}"
    with pytest.raises(UserFacingError) as refused:
        services.save_template(actor=operator, template=t)
    assert refused.value.field == "placeholders"
    assert "budget" not in template("proposal_submitted").placeholders


def test_only_template_editors_may_save_a_template():
    t = template("proposal_submitted")
    t.subject_th = "เปลี่ยน"
    for user in (UserFactory(), staff_user("secretariat")):
        with pytest.raises(NotAllowed):
            services.save_template(actor=user, template=t)
    assert template("proposal_submitted").subject_th == "ได้รับข้อเสนอโครงการ “{proposal_title}” แล้ว"
    services.save_template(actor=staff_user("platform_admin"), template=t)
    assert template("proposal_submitted").subject_th == "เปลี่ยน"


# --- Rendering -----------------------------------------------------------------------------------------


def test_render_in_thai_and_english(settings):
    settings.SITE_URL = "https://smartcity.example"
    context = {**CONTEXT, "recipient_name": "สมชาย ใจดี"}
    subject, body = services.render("proposal_returned", "th", context)
    assert subject == "ขอให้แก้ไขข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ”"
    assert body.startswith(
        "เรียน สมชาย ใจดี\n\nฝ่ายเลขานุการได้ตรวจสอบข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ” ของ เทศบาลนครขอนแก่น แล้ว"
    )
    assert "\n\nโปรดแนบแผนที่ขอบเขตพื้นที่\n\n" in body
    assert "https://smartcity.example/proposals/7/" in body
    subject, body = services.render("proposal_returned", "en", {**context, "recipient_name": "Jane Doe"})
    assert subject == "Proposal returned for revision: “Smart Khon Kaen”"
    assert body.startswith("Dear Jane Doe,\n\nThe secretariat has reviewed the proposal “Smart Khon Kaen” from Khon")
    assert "Once it is revised, please submit the proposal again at https://smartcity.example/proposals/7/" in body


def test_a_missing_context_value_is_named():
    with translation.override("en"):
        with pytest.raises(UserFacingError) as refused:
            services.render("proposal_returned", "th", {"proposal_title": "x", "organization": "y", "url": "/"})
        message = str(refused.value)
    assert refused.value.code == "missing_placeholder"
    assert refused.value.field == "recipient_name"
    assert message == "The message “proposal_returned” needs a value for {recipient_name}, {comments}."


def test_dates_are_written_in_the_recipient_language():
    context = {**CONTEXT, "recipient_name": "x", "deadline": dt.date(2026, 4, 22)}
    assert services.render("revision_requested", "th", context)[0].endswith("โปรดปรับปรุงภายใน 22 เมษายน 2569")
    assert services.render("revision_requested", "en", context)[0].endswith("please revise it by 22 April 2026")
    # An ISO date string (as a caller may pass date.isoformat()) is written the same way.
    iso = {**context, "deadline": "2026-04-22"}
    assert services.render("revision_requested", "th", iso)[0].endswith("โปรดปรับปรุงภายใน 22 เมษายน 2569")


def test_a_lazily_translated_value_is_translated_for_the_recipient():
    from django.utils.translation import gettext_lazy

    context = {**CONTEXT, "recipient_name": "x", "proposal_title": gettext_lazy("January")}  # Django's own catalogue
    assert services.render("proposal_submitted", "th", context)[0] == "ได้รับข้อเสนอโครงการ “มกราคม” แล้ว"
    assert services.render("proposal_submitted", "en", context)[0] == "Proposal received: “January”"


def test_a_value_cannot_break_the_subject_line_and_extra_values_are_ignored():
    context = {**CONTEXT, "recipient_name": "x", "proposal_title": "บรรทัดแรก\nBcc: evil@example.com", "extra": 1}
    subject, _body = services.render("proposal_submitted", "th", context)
    assert subject == "ได้รับข้อเสนอโครงการ “บรรทัดแรก Bcc: evil@example.com” แล้ว"


def test_an_unknown_language_falls_back_to_thai():
    subject, _body = services.render("proposal_submitted", "fr", {**CONTEXT, "recipient_name": "x"})
    assert subject == "ได้รับข้อเสนอโครงการ “ขอนแก่นเมืองอัจฉริยะ” แล้ว"


def test_every_default_renders_in_both_languages_with_its_placeholders():
    for spec in defaults.TEMPLATES:
        context = {name: f"<{name}>" for name in spec["placeholders"]}
        for language in ("th", "en"):
            subject, body = services.render(spec["code"], language, context)
            assert "{" not in subject + body and "}" not in subject + body
            assert "<recipient_name>" in body


# --- The admin -----------------------------------------------------------------------------------------


def _admin_data(t, **changes):
    data = {
        "description": t.description,
        "subject_th": t.subject_th,
        "subject_en": t.subject_en,
        "body_th": t.body_th,
        "body_en": t.body_en,
    }
    if t.requires_release:
        data["requires_release"] = "on"
    data.update(changes)
    return data


def test_the_admin_shows_the_placeholder_error_on_the_form(client, login_as, operator):
    login_as(operator)
    t = template("proposal_returned")
    url = f"/admin/notifications/messagetemplate/{t.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert "{recipient_name}, {proposal_title}, {organization}, {comments}, {url}" in page.content.decode()
    response = client.post(url, _admin_data(t, body_th=t.body_th + "\nงบประมาณ: {budget}"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "errorlist" in html and "{budget}" in html and "(body_th)" in html
    assert template("proposal_returned").body_th == t.body_th

    response = client.post(url, _admin_data(t, body_th="เรียน {recipient_name"))
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_the_admin_saves_a_valid_template_through_the_service(client, login_as, operator):
    login_as(operator)
    t = template("decision_letter")
    response = client.post(
        f"/admin/notifications/messagetemplate/{t.pk}/change/",
        _admin_data(t, subject_en="Decision: “{proposal_title}”"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert template("decision_letter").subject_en == "Decision: “{proposal_title}”"
    assert template("decision_letter").requires_release is True
    assert AuditEvent.objects.filter(action="message_template.updated", object_id=str(t.pk)).count() == 1


def test_the_admin_cannot_add_or_delete_templates(client, login_as, operator):
    login_as(operator)
    t = template("decision_letter")
    assert client.get("/admin/notifications/messagetemplate/add/").status_code == 403
    assert client.post(f"/admin/notifications/messagetemplate/{t.pk}/delete/", {"post": "yes"}).status_code == 403
    assert MessageTemplate.objects.filter(pk=t.pk).exists()
