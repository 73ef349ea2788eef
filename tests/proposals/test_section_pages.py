"""The section pages: checks at save (budgets, dates, target years in either calendar), the section states,
checklist links to the field, the secretariat's comments on the section, help text linked for screen readers,
and the version comparison in words."""

import re

import pytest
from django.utils import translation

from smartcity.proposals import services
from smartcity.proposals.diff_words import changes_in_words
from smartcity.proposals.models import Proposal
from smartcity.proposals.sections import field_id, fix_url
from tests.factories import staff_user
from tests.proposals.builders import area_goals_data, complete, draft

pytestmark = pytest.mark.django_db


def infrastructure(proposal, **row) -> dict:
    values = {"category": "fibre", "name": "ใยแก้ว", "budget_baht": "1000000", "start_date": "01/01/2569"}
    values |= {"end_date": "31/12/2569", "status": "planned"} | row
    data = {
        "revision": proposal.revision,
        "infrastructure_items-TOTAL_FORMS": 1,
        "infrastructure_items-INITIAL_FORMS": 0,
    }
    return data | {f"infrastructure_items-0-{k}": v for k, v in values.items()}


def post(client, proposal, section, data):
    return client.post(f"/proposals/{proposal.pk}/edit/{section}/", data)


def test_thai_dates_are_read_as_buddhist_era_and_stored_as_common_era(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    response = post(client, proposal, "infrastructure", infrastructure(proposal))
    assert response.status_code == 302 and response["Location"].endswith("/edit/infrastructure/")
    item = proposal.infrastructure_items.get()
    assert (item.start_date.isoformat(), item.end_date.isoformat()) == ("2026-01-01", "2026-12-31")
    page = client.get(f"/proposals/{proposal.pk}/edit/infrastructure/").content.decode()
    assert 'value="01/01/2569"' in page and 'data-calendar="be"' in page


def test_negative_budget_and_end_before_start_are_refused_at_save_in_the_readers_calendar(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    response = post(client, proposal, "infrastructure", infrastructure(proposal, budget_baht="-5"))
    assert response.status_code == 400 and "งบประมาณต้องไม่ติดลบ" in response.content.decode()
    response = post(client, proposal, "infrastructure", infrastructure(proposal, end_date="01/06/2568"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "วันสิ้นสุด (1 มิถุนายน 2568) อยู่ก่อนวันเริ่มต้น (1 มกราคม 2569)" in html
    assert "ใยแก้ว" in html  # what was typed is still there
    assert not proposal.infrastructure_items.exists()


def test_too_many_digits_reads_in_thai_not_django_english(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    html = post(client, proposal, "infrastructure", infrastructure(proposal, budget_baht="1" * 17)).content.decode()
    assert "Ensure that there are no more than" not in html and "ต้องมีตัวเลข" in html


def goal(proposal, year: str) -> dict:
    row = {"domain": "1", "title": "ลดฝุ่น", "kpi_name": "PM2.5", "target_year": year}
    data = area_goals_data(proposal) | {"goals-TOTAL_FORMS": 1}
    return data | {f"goals-0-{k}": v for k, v in row.items()}


def test_target_years_in_either_calendar_with_a_visible_note(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    response = post(client, proposal, "area-goals", goal(proposal, "2573"))  # Thai page, B.E.: no note needed
    assert response.status_code == 302 and proposal.goals.get().target_year == 2030
    proposal.refresh_from_db()
    response = client.post(f"/proposals/{proposal.pk}/edit/area-goals/", goal(proposal, "2031"), follow=True)
    assert "อ่าน 2031 เป็นปีคริสต์ศักราช และบันทึกเป็น พ.ศ. 2574" in response.content.decode()
    assert proposal.goals.get().target_year == 2031
    proposal.refresh_from_db()
    with translation.override("en"):
        client.cookies["smartcity_language"] = "en"
        response = client.post(f"/proposals/{proposal.pk}/edit/area-goals/", goal(proposal, "2575"), follow=True)
        assert "2575 was read as a Buddhist Era year and saved as 2032" in response.content.decode()
    assert proposal.goals.get().target_year == 2032


def test_a_target_year_out_of_range_is_refused_with_the_range_in_be(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    response = post(client, proposal, "area-goals", goal(proposal, "2800"))
    assert response.status_code == 400
    assert "ปีเป้าหมายต้องอยู่ระหว่าง 2543 ถึง 2643" in response.content.decode()
    assert not proposal.goals.exists()


def test_save_and_next_goes_through_the_sections_in_order(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    response = post(client, proposal, "management", {"revision": proposal.revision, "save_next": "1"})
    assert response["Location"] == f"/proposals/{proposal.pk}/"


def test_each_section_shows_whether_it_is_complete_and_the_checklist_links_to_the_field(client, login_as):
    proposal = complete()
    Proposal.objects.filter(pk=proposal.pk).update(vision="")
    login_as(proposal.created_by)
    html = client.get(f"/proposals/{proposal.pk}/edit/management/").content.decode()
    assert re.search(r'id="section-state-area_goals" data-complete="0">\s*ขาด 1 รายการ', html)
    assert 'id="section-state-management" data-complete="1"' in html
    assert f'href="/proposals/{proposal.pk}/edit/area-goals/#id_vision"' in html
    assert fix_url(proposal.pk, "infrastructure.items[2].budget_baht").endswith(
        "#id_infrastructure_items-2-budget_baht"
    )
    assert field_id("data_platform.security.audit_logging") == "id_sec_audit_logging"
    assert field_id("services.items") == "services-rows"


def test_the_secretariats_comment_appears_on_the_section_being_edited(client, login_as):
    proposal = complete()
    services.submit_proposal(actor=proposal.created_by, proposal_id=proposal.pk)
    services.return_for_revision(
        actor=staff_user("secretariat"), proposal_id=proposal.pk, comments={"management": "ระบุแหล่งเงินทุน"}
    )
    login_as(proposal.created_by)
    management = client.get(f"/proposals/{proposal.pk}/edit/management/").content.decode()
    assert 'id="section-comments"' in management and "ระบุแหล่งเงินทุน" in management
    assert 'id="section-comments"' not in client.get(f"/proposals/{proposal.pk}/edit/services/").content.decode()


def test_help_text_and_errors_are_linked_to_their_field_for_screen_readers(client, login_as):
    proposal = draft()
    login_as(proposal.created_by)
    html = client.get(f"/proposals/{proposal.pk}/edit/area-goals/").content.decode()
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for target in described.split():
            assert f'id="{target}"' in html, target
    assert 'aria-describedby="id_admin_units_text_helptext"' in html


def test_the_version_comparison_reads_in_words():
    old = {"data_platform": {"security": {"audit_logging": False}}, "infrastructure": {"items": [{"budget_baht": 1}]}}
    new = {"data_platform": {"security": {"audit_logging": True}}, "infrastructure": {"items": [{"budget_baht": 2}]}}
    with translation.override("en"):
        changes = {c.path: c for c in changes_in_words(old, new)}
        audit = changes["data_platform.security.audit_logging"]
        assert (audit.section, audit.field, audit.before, audit.after) == (
            "3. City data platform",
            "Security: audit logging",
            "No",
            "Yes",
        )
        assert changes["infrastructure.items[0].budget_baht"].field == "Infrastructure item 1: budget (baht)"
    with translation.override("th"):
        audit = changes_in_words(old, new)[0]
        assert "audit_logging" not in audit.field and audit.after == "ใช่"
