"""The endorsement letter: an official bilingual PDF (Thai, then English) with the code BOI verifies."""

import io
import unicodedata

import pypdf
import pytest
from django.utils import timezone

from smartcity.core import thai
from smartcity.endorsements.letter import check_page_url, render_letter_pdf
from tests.endorsements.builders import approved

pytestmark = pytest.mark.django_db


def plain(text: str) -> str:
    """Thai text as pypdf's lossy extraction can be compared: NFC, SARA AM as SARA AA, no marks above or below
    the line (category Mn), no spaces or line breaks."""
    text = unicodedata.normalize("NFC", text).replace("\u0e33", "\u0e32")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn" and not ch.isspace())


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_letter_states_everything_boi_needs_in_thai_then_english():
    endorsement, _user, secretariat = approved()
    certificate = endorsement.certificate
    pdf = render_letter_pdf(endorsement)
    assert pdf.startswith(b"%PDF")
    thai_page, english_page = pages_text(pdf)
    for page in (thai_page, english_page):
        for latin in (endorsement.code, endorsement.juristic_id, certificate.number, check_page_url()):
            assert latin in page.replace("\n", "")
    assert plain("สำนักงานส่งเสริมเศรษฐกิจดิจิทัล") in plain(thai_page)
    assert plain(endorsement.company.name_th) in plain(thai_page)
    assert plain(endorsement.project_title) in plain(thai_page)
    assert plain("กิจการพัฒนาพื้นที่เมืองอัจฉริยะ") in plain(thai_page)
    assert plain(thai.format_date(certificate.expires_on, "th")) in plain(thai_page)
    assert str(timezone.localdate().year + 543) in thai_page
    assert "25,000,000" in thai_page and "THB 25,000,000" in english_page
    assert "16.440000" in thai_page and "102.830000" in english_page
    assert "Digital Economy Promotion Agency (depa)" in english_page
    assert "Smart city area development" in english_page
    assert thai.format_date(certificate.expires_on, "en") in english_page
    assert secretariat.full_name in english_page.replace("\n", " ")
    assert "suspended automatically" in english_page.replace("\n", " ")


def test_the_qr_code_opens_the_boi_check_page_with_the_code():
    import pypdfium2
    import zxingcpp

    endorsement, _user, _secretariat = approved()
    page = pypdfium2.PdfDocument(render_letter_pdf(endorsement))[0]
    found = zxingcpp.read_barcodes(page.render(scale=3).to_pil())
    assert [barcode.text for barcode in found] == [check_page_url(endorsement.code)]
    assert check_page_url(endorsement.code).endswith(f"/endorsements/check/?code={endorsement.code}")
