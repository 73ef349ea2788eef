"""A municipal officer fills in and submits a proposal in a real browser, drawing the area on the map."""

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from smartcity.proposals.models import Proposal
from tests.conftest import requires_postgres
from tests.factories import CallFactory, MembershipFactory

# Against PostgreSQL only (the CI's second run): a live server needs committed data, and the flush after a
# transactional test cannot DELETE audit events on SQLite, where the append-only trigger refuses it.
pytestmark = [
    requires_postgres,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]


def sign_in(page, user, password):
    page.goto(page.base_url + "/accounts/sign-in/")
    page.fill("#id_email", user.email)
    page.fill("#id_password", password)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/home/")


def save(page):
    page.click("#save-section")
    page.wait_for_load_state("networkidle")


def fill_row(page, prefix, index, values):
    for name, value in values.items():
        selector = f"#id_{prefix}-{index}-{name}"
        tag = page.eval_on_selector(selector, "el => el.tagName + ':' + (el.type || '')")
        if tag.startswith("SELECT"):
            page.select_option(selector, value)
        elif tag.endswith("checkbox"):
            page.check(selector) if value else page.uncheck(selector)
        else:
            page.fill(selector, str(value))


LOPBURI = [(14.70, 100.50), (14.70, 100.75), (14.90, 100.75), (14.90, 100.50)]


def draw_polygon_on_map(page, corners):
    """Click the polygon tool, then each corner (found from its latitude/longitude), then the first again."""
    page.wait_for_function("document.getElementById('area-map').leafletMap !== undefined")
    page.evaluate("document.getElementById('area-map').leafletMap.setView([14.8, 100.62], 10)")
    page.wait_for_timeout(300)
    page.click(".leaflet-draw-draw-polygon")
    box = page.locator("#area-map").bounding_box()
    for lat, lon in [*corners, corners[0]]:
        point = page.evaluate(
            "([lat, lon]) => document.getElementById('area-map').leafletMap.latLngToContainerPoint([lat, lon])",
            [lat, lon],
        )
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_timeout(150)


def pdf_file(tmp_path: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "แผนแม่บทเมืองอัจฉริยะ.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def test_applicant_fills_every_section_draws_the_area_and_submits(page, shot, password, tmp_path):
    membership = MembershipFactory(role="editor")
    CallFactory(name_th="รอบที่ 1/2569")
    sign_in(page, membership.user, password)

    page.goto(page.base_url + "/proposals/new/")
    page.select_option("#id_organization", str(membership.organization.pk))
    page.select_option("#id_call", index=1)
    page.select_option("#id_city_type", index=1)
    page.fill("#id_title_th", "ลพบุรีเมืองอัจฉริยะ น้ำใสไร้มลพิษ")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/proposals/*/")
    pid = Proposal.objects.get().pk
    detail = f"{page.base_url}/proposals/{pid}/"
    assert page.is_disabled("#submit-button")
    blocking_at_start = page.locator(".finding.blocking").count()
    shot(page, "applicant-01-new-proposal")

    page.goto(f"{detail}edit/general/")
    page.fill("#id_title_en", "Lopburi Smart City")
    page.check("input[name=domains][value='1']")
    page.check("input[name=domains][value='2']")
    save(page)

    page.goto(f"{detail}edit/area-goals/")
    page.wait_for_selector(".leaflet-draw-draw-polygon")
    draw_polygon_on_map(page, LOPBURI)
    shot(page, "applicant-02-area-drawn")
    page.click("#save-area")
    page.wait_for_load_state("networkidle")
    assert "ตร.กม." in page.inner_text("#area-summary")
    page.fill("#id_admin_units_text", "16")
    page.fill("#id_population", "60000")
    page.fill("#id_baseline_problems", "ฝุ่นละอองและน้ำท่วมขัง")
    page.fill("#id_vision", "เมืองน่าอยู่ ผู้ใหญ่และเด็กปลอดภัย")
    goal = {
        "title": "ลดฝุ่น PM2.5",
        "kpi_name": "ค่าเฉลี่ยรายปี",
        "unit": "µg/m³",
        "baseline": "40",
        "target": "25",
        "target_year": "2030",
    }
    fill_row(page, "goals", 0, {"domain": "1", **goal})
    save(page)
    page.goto(f"{detail}edit/area-goals/")
    fill_row(page, "goals", 1, {"domain": "2", **goal, "title": "ลดเวลาเดินทาง"})
    save(page)
    assert list(Proposal.objects.get().goals.values_list("title", flat=True)) == ["ลดฝุ่น PM2.5", "ลดเวลาเดินทาง"]

    page.goto(f"{detail}edit/infrastructure/")
    fill_row(
        page,
        "infrastructure_items",
        0,
        {
            "category": "iot_network",
            "name": "เครือข่ายเซนเซอร์",
            "budget_baht": "12500000",
            "start_date": "2026-01-01",
            "end_date": "2027-12-31",
        },
    )
    save(page)

    page.goto(f"{detail}edit/data-platform/")
    page.fill("#id_platform_description", "แพลตฟอร์มข้อมูลเมืองลพบุรี")
    for name in ("sec_access_control", "sec_encryption", "sec_backup", "sec_dpo_appointed"):
        page.check(f"#id_{name}")
    page.fill("#id_open_data_plan", "เปิดข้อมูลคุณภาพอากาศ")
    fill_row(
        page, "datasets", 0, {"name": "คุณภาพอากาศ", "domain": "1", "update_frequency": "real_time", "openness": "open"}
    )
    save(page)

    for index, domain in enumerate(["1", "2"]):
        page.goto(f"{detail}edit/services/")
        fill_row(
            page,
            "services",
            index,
            {
                "domain": domain,
                "name": f"บริการ {domain}",
                "description": "รายละเอียด",
                "budget_baht": "1000000",
                "start_date": "2026-01-01",
                "end_date": "2026-12-31",
            },
        )
        save(page)

    page.goto(f"{detail}edit/management/")
    for name, value in {
        "governance_structure": "คณะกรรมการเมือง",
        "financing_model": "PPP",
        "om_plan": "สัญญาบำรุงรักษา",
        "participation": "เวทีประชาคม",
        "risks": "งบล่าช้า",
    }.items():
        page.fill(f"#id_{name}", value)
    save(page)

    page.goto(f"{detail}attachments/")
    page.set_input_files("#id_file", str(pdf_file(tmp_path)))
    page.fill("#id_title", "แผนแม่บท")
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "แผนแม่บทเมืองอัจฉริยะ.pdf" in page.content()

    page.goto(detail)
    remaining = page.eval_on_selector_all(".finding.blocking", "els => els.map(e => e.dataset.code)")
    assert remaining == [] and blocking_at_start > 10
    assert page.is_enabled("#submit-button")
    shot(page, "applicant-03-ready-to-submit")
    page.click("#submit-button")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#proposal-status") == "ยื่นแล้ว"
    shot(page, "applicant-04-submitted")
    proposal = Proposal.objects.get()
    assert proposal.status == "submitted" and proposal.versions.count() == 1
    # 0.25° × 0.20° at 14.8°N ≈ 26.9 km × 22.1 km ≈ 595 km²
    assert 585 < float(proposal.area_km2) < 605
