"""The area as a municipal officer gives it, in a real browser: searches "ขอนแก่น", uses its boundary as the
area, uploads a KML instead, and never loses what was typed; rows are added in place; the page is checked by
axe-core at each step and looked at on a 360 × 740 phone."""

from __future__ import annotations

import pytest

from smartcity.proposals.models import Proposal
from tests.conftest import requires_postgres
from tests.e2e.support import PHONE, Actor, horizontal_overflow, shot
from tests.proposals.builders import draft
from tests.proposals.test_area_files import kml, polygon_kml

pytestmark = [requires_postgres, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer(browser, live_server, password, seeded_rules):
    proposal = draft()
    actor = Actor(browser, live_server.url, proposal.created_by).sign_in(password)
    yield actor, proposal
    actor.close()


def test_search_use_a_boundary_upload_a_kml_and_keep_the_typed_text(officer, tmp_path):
    actor, proposal = officer
    page = actor.goto(f"/proposals/{proposal.pk}/edit/area-goals/")
    page.fill("#id_vision", "ขอนแก่นเมืองน่าอยู่")
    page.fill("#place-query", "ขอนแก่น")
    page.click("#find-place")
    page.wait_for_selector("#place-results input[value='40']")
    results = page.inner_text("#place-results")
    assert "เมืองขอนแก่น" in results and "อำเภอ" in results  # districts are found and named
    page.check("#place-results input[value='40']")
    page.click("#use-boundaries")
    page.wait_for_function("document.querySelector('input[name=area_changed]').value === 'on'")
    assert "ตร.กม." in page.inner_text("#area-summary")
    actor.check(page)
    shot(page, "area-boundary-chosen", doc="applicant-area-boundary")
    actor.click("#save-section")
    assert page.url.endswith("/edit/area-goals/")  # a save keeps the officer on the section
    assert page.input_value("#id_vision") == "ขอนแก่นเมืองน่าอยู่"
    saved = Proposal.objects.get(pk=proposal.pk)
    assert saved.admin_units == ["40"] and 10_000 < float(saved.area_km2) < 11_500

    path = tmp_path / "ขอบเขตเทศบาล.kml"
    path.write_bytes(kml(polygon_kml()))
    page.set_input_files("#id_area_file", str(path))
    page.fill("#id_baseline_problems", "น้ำท่วมขังในเขตเมือง")
    actor.click("#save-section")
    assert page.input_value("#id_vision") == "ขอนแก่นเมืองน่าอยู่"
    assert page.input_value("#id_baseline_problems") == "น้ำท่วมขังในเขตเมือง"
    assert 110 < float(Proposal.objects.get(pk=proposal.pk).area_km2) < 125


def test_a_refused_area_keeps_the_drawing_and_the_text_and_clipping_needs_consent(officer):
    actor, proposal = officer
    page = actor.goto(f"/proposals/{proposal.pk}/edit/area-goals/")
    page.fill("#id_vision", "ข้อความที่ต้องไม่หาย")
    page.fill(
        "#id_area_paste",
        '{"type": "Polygon", "coordinates": [[[102.6, 17.9], [102.7, 17.9], [102.7, 18.0], [102.6, 17.9]]]}',
    )
    actor.click("#save-section")
    assert "อยู่นอกประเทศไทย" in page.inner_text("#area-error")
    assert page.input_value("#id_vision") == "ข้อความที่ต้องไม่หาย"
    page.wait_for_selector(".leaflet-tooltip")  # the part outside Thailand is shown on the map
    assert Proposal.objects.get(pk=proposal.pk).area is None
    page.check("#id_area_clip")
    actor.click("#save-section")
    assert Proposal.objects.get(pk=proposal.pk).area is not None


def test_rows_are_added_and_removed_in_place_and_the_page_fits_a_phone(browser, live_server, password, seeded_rules):
    proposal = draft()
    actor = Actor(browser, live_server.url, proposal.created_by, viewport=PHONE).sign_in(password)
    page = actor.goto(f"/proposals/{proposal.pk}/edit/services/")
    trips = actor.round_trips
    page.click(".add-row[data-rows='services-rows']")
    page.click(".add-row[data-rows='services-rows']")
    assert page.input_value("#id_services-TOTAL_FORMS") == "3"
    page.click("#services-row-2 .remove-row")
    assert page.locator("#services-row-2").is_hidden() and page.is_checked("#id_services-2-DELETE")
    page.click("#id_services-0-start_date ~ .date-button")
    assert "พ.ศ." in page.get_attribute(".calendar select:nth-of-type(2)", "aria-label")
    page.keyboard.press("Enter")  # picks the focused day
    assert page.input_value("#id_services-0-start_date").endswith(str(__import__("datetime").date.today().year + 543))
    assert actor.round_trips == trips and horizontal_overflow(page) <= 0
    actor.check(page)
    shot(page, "area-phone-services-rows")
    actor.close()
