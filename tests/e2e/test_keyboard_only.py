"""A city officer who uses no mouse: signs in, starts a proposal, fills every section, gives the area as a
GeoJSON file (the map's keyboard-usable alternative) and submits, with Tab, Shift+Tab, Space, Enter, the arrow
keys and typing only. Every control must be reachable and show where the focus is. (axe-core checks these same
pages in the journey, test_program_journey.py; here it would only repeat itself.)"""

import json

import pytest

from smartcity.proposals.models import Proposal
from tests.conftest import requires_postgres
from tests.e2e.journey_steps import domain_pk
from tests.e2e.keyboard import choose, choose_file, press, tab_to, tick, type_date, type_into
from tests.e2e.support import LOPBURI_GEOJSON, Actor, blocking_codes, shot
from tests.factories import CallFactory, MembershipFactory

pytestmark = [
    requires_postgres,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]


@pytest.fixture
def officer(browser, live_server):
    membership = MembershipFactory(role="editor", organization__name_th="เทศบาลเมืองลพบุรี")
    CallFactory(name_th="รอบที่ 1/2569")
    actor = Actor(browser, live_server.url, membership.user, audit=False)
    # Listening for file choosers from the start makes Chromium hand them to the test, not to a dialog.
    actor.page.on("filechooser", lambda chooser: None)
    yield actor
    actor.close()


def test_a_proposal_is_filled_and_submitted_with_the_keyboard_only(officer, password, tmp_path):
    page = officer.page
    sign_in_with_keys(officer, password)
    start_with_keys(officer)
    general_with_keys(officer)
    area_with_keys(officer, tmp_path)
    for step in (goals_with_keys, infrastructure_with_keys, data_platform_with_keys, services_with_keys):
        step(officer)
    management_with_keys(officer)
    assert blocking_codes(page) == []
    press(page, "#submit-button")
    officer.arrived()
    assert page.locator("#proposal-status").get_attribute("data-status") == "submitted"
    shot(page, "keyboard-submitted")
    assert Proposal.objects.get().versions.count() == 1


def sign_in_with_keys(actor, password):
    page = actor.goto("/accounts/sign-in/")
    type_into(page, "#id_email", actor.user.email)
    type_into(page, "#id_password", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    actor.arrived()


def start_with_keys(actor):
    page = actor.page
    press(page, "nav.main a[href='/proposals/']")
    press(page, "main a[href='/proposals/new/']")
    actor.arrived()
    organization = page.evaluate("() => document.querySelector('#id_organization').options[1].value")
    choose(page, "#id_organization", organization)
    choose(page, "#id_call", page.evaluate("() => document.querySelector('#id_call').options[1].value"))
    choose(page, "#id_city_type", page.evaluate("() => document.querySelector('#id_city_type').options[1].value"))
    type_into(page, "#id_title_th", "ลพบุรีเมืองอัจฉริยะ")
    press(page, "main form.stacked button[type=submit]")
    actor.arrived()


def section(actor, name: str):
    press(actor.page, f"nav.section-nav a[href$='/edit/{name}/']")
    return actor.arrived()


def save(actor):
    press(actor.page, "#save-section")
    actor.arrived()


def general_with_keys(actor):
    page = section(actor, "general")
    type_into(page, "#id_title_en", "Lopburi Smart City")
    tick(page, f"input[name=domains][value='{domain_pk('environment')}']")
    tick(page, f"input[name=domains][value='{domain_pk('mobility')}']")
    save(actor)


def area_with_keys(actor, tmp_path):
    """The polygon tool needs a pointer; the GeoJSON file field next to it is the keyboard's way."""
    path = tmp_path / "lopburi.geojson"
    path.write_text(json.dumps(LOPBURI_GEOJSON), encoding="utf-8")
    page = section(actor, "area-goals")
    choose_file(page, "#id_area_file", path)  # saved with the rest of the page by goals_with_keys


GOAL = {"kpi_name": "ค่าเฉลี่ยรายปี", "unit": "%", "baseline": "40", "target": "25", "target_year": "2030"}


def goals_with_keys(actor):
    page = actor.page
    type_into(page, "#id_admin_units_text", "16, 1601")
    type_into(page, "#id_population", "60000")
    type_into(page, "#id_baseline_problems", "ฝุ่นละออง")
    type_into(page, "#id_vision", "เมืองน่าอยู่")
    row(page, "goals", 0, {"domain": domain_pk("environment"), "title": "ลดฝุ่น", **GOAL})
    add_row_with_keys(page, "goals")
    row(page, "goals", 1, {"domain": domain_pk("mobility"), "title": "ลดเวลาเดินทาง", **GOAL})
    save(actor)
    assert "ตร.กม." in page.inner_text("#area-summary")


def add_row_with_keys(page, prefix: str) -> None:
    """The "add a row" button adds the row in place (no page load) and puts the focus in its first field."""
    tab_to(page, f".add-row[data-rows='{prefix}-rows']")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id").startswith(f"id_{prefix}-")


def row(page, prefix: str, index: int, values: dict) -> None:
    for name, value in values.items():
        selector = f"#id_{prefix}-{index}-{name}"
        kind = page.evaluate("s => document.querySelector(s).tagName + ':' + document.querySelector(s).type", selector)
        if kind.startswith("SELECT"):
            choose(page, selector, value)
        elif kind.endswith(":date"):
            type_date(page, selector, value)
        else:
            type_into(page, selector, value)


def infrastructure_with_keys(actor):
    page = section(actor, "infrastructure")
    values = {"category": "iot_network", "name": "เครือข่ายเซนเซอร์", "budget_baht": "12500000"}
    row(page, "infrastructure_items", 0, {**values, "start_date": "2026-01-01", "end_date": "2027-12-31"})
    save(actor)


def data_platform_with_keys(actor):
    page = section(actor, "data-platform")
    type_into(page, "#id_platform_description", "แพลตฟอร์มข้อมูลเมือง")
    for name in ("sec_access_control", "sec_encryption", "sec_backup", "sec_dpo_appointed"):
        tick(page, f"#id_{name}")
    type_into(page, "#id_open_data_plan", "เปิดข้อมูลคุณภาพอากาศ")
    dataset = {
        "name": "คุณภาพอากาศ",
        "domain": domain_pk("environment"),
        "update_frequency": "real_time",
        "openness": "open",
    }
    row(page, "datasets", 0, dataset)
    save(actor)


def services_with_keys(actor):
    page = section(actor, "services")
    for index, code in enumerate(["environment", "mobility"]):
        if index:
            add_row_with_keys(page, "services")
        values = {"domain": domain_pk(code), "name": f"บริการ {index + 1}", "description": "รายละเอียด"}
        dates = {"budget_baht": "1000000", "start_date": "01/01/2569", "end_date": "31/12/2569"}
        row(page, "services", index, {**values, **dates})
    save(actor)


def management_with_keys(actor):
    page = section(actor, "management")
    for name in ("governance_structure", "financing_model", "om_plan", "participation", "risks"):
        type_into(page, f"#id_{name}", "ข้อความ")
    # Back up the page with Shift+Tab to change the first field again: the order works both ways.
    tab_to(page, "#id_governance_structure")
    page.keyboard.type(" เมือง")
    press(actor.page, "#save-next")  # the last section: save and go to the overview
    actor.arrived()
