"""The journey's second half: the subcommittee and the committee, the certificate and its QR code, a partner
company's BOI endorsement, and the revocation seen by the public and by BOI."""

from __future__ import annotations

from django.utils import timezone

from tests.e2e.journey_steps import Stage, status_of
from tests.e2e.support import click_on_map, docs_screenshot_dir, save_png, scroll_to, shot

# --- 4. subcommittee meeting and committee acknowledgement ---------------------------------------------------


def hold_meeting(stage: Stage) -> None:
    actor = stage.secretariat
    page = actor.goto("/evaluation/meetings/")
    today = timezone.localdate()
    page.fill("#id_number", "1")
    page.fill("#id_year_be", str(today.year + 543))
    page.fill("#id_held_on", today.isoformat())
    page.fill("#id_place", "ห้องประชุมดีป้า ชั้น 11")
    page.fill("#id_quorum", "2")
    for member in (stage.cast.chair, stage.cast.subcommittee):
        page.check(f"input[name=attendees][value='{member.pk}']")
    actor.submit()
    page.select_option("#agenda-proposal", str(stage.pid))
    actor.click("form[action$='/add/'] button")
    assert page.locator(f"[data-agenda-proposal='{stage.pid}']").count() == 1
    shot(page, "journey-14-meeting-agenda", doc="secretariat-meeting")


def chair_decides(stage: Stage) -> None:
    actor = stage.actor("chair", stage.cast.chair)
    actor.goto("/evaluation/meetings/")
    page = actor.click("main a[href^='/evaluation/meetings/']")
    item = page.locator(f"[data-agenda-proposal='{stage.pid}']")
    item.locator("select[name$='-decision']").select_option("approve")
    item.locator("textarea[name$='-resolution']").fill("ที่ประชุมมีมติอนุมัติให้เป็นเมืองอัจฉริยะ")
    with page.expect_navigation():
        item.locator("button[type=submit]").click()
    actor.arrived()
    actor.click("#apply-decisions")
    assert page.locator(f"[data-agenda-proposal='{stage.pid}']").get_attribute("data-status") == "approved"
    shot(page, "journey-15-decision-applied")


def committee_acknowledges(stage: Stage) -> None:
    actor = stage.actor("committee", stage.cast.committee)
    page = actor.goto("/evaluation/committee/")
    card = page.locator(f"[data-approved-proposal='{stage.pid}']")
    card.locator("input[name=reference]").fill("การประชุมคณะกรรมการขับเคลื่อนฯ ครั้งที่ 1/2569")
    shot(page, "journey-16-acknowledgement", doc="committee-acknowledgement")
    with page.expect_navigation():
        card.locator("button[type=submit]").click()
    actor.arrived()
    assert page.locator(f"[data-acknowledged-proposal='{stage.pid}']").count() == 1


# --- 5. the certificate, its PDF, its QR code and the public verification ------------------------------------


def download_certificate(stage: Stage) -> None:
    actor = stage.applicant
    actor.goto("/certificates/")
    page = actor.click("main table a[href^='/certificates/']")
    stage.certificate = page.locator("#certificate-status").get_attribute("data-number")
    assert status_of(page, "#certificate-status") == "valid"
    shot(page, "journey-17-certificate-page", doc="certificate-page")
    with page.expect_download() as download:
        page.click(f"a[href='/certificates/{stage.certificate}/certificate.pdf']")
    path = stage.tmp_path / "certificate.pdf"
    download.value.save_as(path)
    stage.qr_url = qr_code_url(path)
    assert stage.qr_url.startswith(f"{stage.base_url}/verify/{stage.certificate}/?p="), stage.qr_url


def qr_code_url(pdf_path) -> str:
    """Render the PDF's first page and read its QR code, as a phone's camera would."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(str(pdf_path))
    image = document[0].render(scale=3).to_pil()
    document.close()
    directory = docs_screenshot_dir()
    if directory is not None:
        save_png(image.resize((image.width // 3, image.height // 3)), directory / "certificate-pdf.png")
    codes = [c for c in zxingcpp.read_barcodes(image) if c.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(codes) == 1, codes
    return codes[0].text


def verify_by_qr(stage: Stage, expected: str, thai_word: str, name: str, doc: str) -> None:
    """Someone without an account opens the QR code's address."""
    page = stage.public().goto(stage.qr_url)
    verdict = page.locator("#verdict")
    assert verdict.get_attribute("data-status") == expected
    assert thai_word in verdict.locator(".verdict-word").inner_text()
    shot(page, name, doc=doc)


def public_registry(stage: Stage) -> None:
    actor = stage.public()
    actor.goto("/")
    page = actor.click("nav.main a[href='/registry/']")
    page.wait_for_function("document.querySelectorAll('#registry-map path.leaflet-interactive').length >= 2")
    assert page.locator(f"main a[href='/registry/{stage.certificate}/']").count() >= 1
    shot(page, "journey-19-registry", doc="registry-map")


# --- 6. a partner company's BOI endorsement ------------------------------------------------------------------


def request_endorsement(stage: Stage) -> None:
    actor = stage.actor("company", stage.cast.company_member)
    actor.goto(f"/organisations/{stage.cast.company.pk}/")
    page = actor.click("main a[href^='/endorsements/new/']")
    page.check("#id_activity_0")
    for code in ("environment", "mobility"):
        page.check(f"input[name=domains][value={code}]")
    page.fill("#id_project_title", "โครงข่ายไวไฟสาธารณะลพบุรี")
    page.fill("#id_description", "ติดตั้งไวไฟสาธารณะ 300 จุด และแพลตฟอร์มข้อมูลเมืองแบบเปิด")
    page.fill("#id_investment_baht", "25000000")
    click_on_map(page, "endorsement-map", 14.80, 100.62)
    lat, lon = float(page.input_value("#id_lat")), float(page.input_value("#id_lon"))
    assert abs(lat - 14.80) < 0.01 and abs(lon - 100.62) < 0.01, (lat, lon)
    scroll_to(page, "#endorsement-map", "center")
    shot(page, "journey-20-endorsement-request", doc="endorsement-request-map")
    actor.submit("#endorsement-form")
    assert status_of(page, "#endorsement-status") == "requested"


def approve_endorsement(stage: Stage) -> None:
    actor = stage.secretariat
    page = actor.goto("/endorsements/inbox/")
    request = page.locator("section.endorsement-request", has_text="โครงข่ายไวไฟสาธารณะลพบุรี")
    with page.expect_navigation():
        request.locator("button[name=action][value=approve]").click()
    actor.arrived()
    company = stage.actor("company", stage.cast.company_member)
    company.goto("/endorsements/")
    page = company.click("main table a[href^='/endorsements/']")
    assert status_of(page, "#endorsement-status") == "approved"
    stage.endorsement_code = page.inner_text("#endorsement-code").strip()
    shot(page, "journey-21-endorsement-approved")


def boi_checks(stage: Stage, expected: str, thai_word: str, name: str, doc: str) -> None:
    actor = stage.actor("boi", stage.cast.boi)
    page = actor.goto("/endorsements/check/")
    page.fill("#id_code", stage.endorsement_code)
    actor.submit()
    result = page.locator("#check-result")
    assert result.get_attribute("data-status") == expected
    assert thai_word in result.inner_text()
    result.scroll_into_view_if_needed()
    shot(page, name, doc=doc)


# --- 7. revocation -------------------------------------------------------------------------------------------

REASON = "ไม่ดำเนินการตามแผนและไม่ส่งรายงานความก้าวหน้า"


def revoke(stage: Stage) -> None:
    actor = stage.secretariat
    page = actor.goto(f"/certificates/{stage.certificate}/")
    page.fill("#reason-revoke", REASON)
    actor.click(f"form[action='/certificates/{stage.certificate}/state/revoke/'] button")
    assert status_of(page, "#certificate-status") == "revoked"
    shot(page, "journey-23-revoked")


def public_sees_revocation(stage: Stage) -> None:
    verify_by_qr(stage, "revoked", "ถูกเพิกถอน", "journey-24-verification-revoked", "verification-revoked")
    assert REASON in stage.public().page.inner_text("#verdict .verdict-reason")
