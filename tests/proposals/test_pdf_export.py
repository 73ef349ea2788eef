"""The printable proposal: a frozen version rendered to A4 PDF with Thai text shaped by the Sarabun font."""

import datetime as dt
import hashlib
import io
import unicodedata

import pypdfium2 as pdfium
import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from pypdf import PdfReader

from smartcity.core.pdf import FONT_DIR, LocalURLFetcher
from smartcity.proposals.models import Proposal, ProposalVersion
from smartcity.proposals.pdf import (
    _context,
    area_outline_svg,
    render_document_pdf,
    render_version_pdf,
)
from tests.factories import CallFactory, OrganizationFactory, UserFactory, criteria_set_v1

pytestmark = pytest.mark.django_db

TITLE_TH = "ขอนแก่นเมืองอัจฉริยะ น้ำใสไร้มลพิษ"
PLAN_SHA256 = hashlib.sha256(b"khon-kaen-smart-city-master-plan.pdf").hexdigest()
SUBMITTED = dt.datetime(2019, 3, 11, 14, 5, tzinfo=dt.UTC)
SCRIPT = "<script>alert(1)</script>"


def square(lon: float, lat: float, half: float) -> list:
    return [[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half],
             [lon - half, lat + half], [lon - half, lat - half]]]  # fmt: skip


# A small area around 102.83 E, 16.44 N (Mueang Khon Kaen).
KHON_KAEN_RING = [
    [102.80, 16.41],
    [102.86, 16.41],
    [102.87, 16.45],
    [102.84, 16.48],
    [102.80, 16.46],
    [102.80, 16.41],
]


def khon_kaen_document(**overrides) -> dict:
    document = {
        "$schema": "https://smartcity.example/schemas/proposal/v1.json",
        "schema_version": 1,
        "title": {"th": TITLE_TH, "en": "Khon Kaen Smart City: Clean Water, No Pollution"},
        "city_type": "livable",
        "domains": ["environment", "mobility"],
        "proponent": {
            "name_th": "เทศบาลนครขอนแก่น",
            "name_en": "Khon Kaen City Municipality",
            "kind": "city_municipality",
            "province_code": "40",
            "juristic_id": None,
        },
        "call": {"name_th": "รอบที่ 1/2562", "name_en": "Round 1/2019"},
        "partners": [{"name_th": "มหาวิทยาลัยขอนแก่น", "name_en": "Khon Kaen University"}],
        "area_goals": {
            "area": {"type": "Polygon", "coordinates": [KHON_KAEN_RING]},
            "area_km2": 46.0,
            "admin_units": ["400101", "400102"],
            "population": 113754,
            "baseline_problems": "น้ำเสียจากชุมชนไหลลงบึงแก่นนคร\nรถติดบริเวณถนนมิตรภาพในชั่วโมงเร่งด่วน",
            "vision": "เมืองน่าอยู่ ผู้ใหญ่และเด็กเดินทางสะดวก น้ำใสไร้มลพิษ",
            "goals": [
                {
                    "domain": "environment",
                    "title": "ลดน้ำเสียที่ไม่ผ่านการบำบัด",
                    "kpi_name": "ร้อยละน้ำเสียที่ได้รับการบำบัด",
                    "unit": "ร้อยละ",
                    "baseline": 45,
                    "target": 80,
                    "target_year": 2022,
                },
                {
                    "domain": "mobility",
                    "title": "ลดเวลาเดินทางด้วยรถรางเบา",
                    "kpi_name": "เวลาเดินทางเฉลี่ย",
                    "unit": "นาที",
                    "baseline": 42.5,
                    "target": 30,
                    "target_year": 2023,
                },
            ],
        },
        "infrastructure": {
            "items": [
                {
                    "category": "iot_network",
                    "name": "เครือข่ายเซนเซอร์คุณภาพน้ำ",
                    "description": "เซนเซอร์ 40 จุดรอบบึงแก่นนคร",
                    "budget_baht": 12500000,
                    "funding_source": "งบประมาณเทศบาล",
                    "start_date": "2019-10-01",
                    "end_date": "2020-09-30",
                    "status": "planned",
                },
            ]
        },
        "data_platform": {
            "description": "แพลตฟอร์มข้อมูลเมืองขอนแก่น รวบรวมข้อมูลคุณภาพน้ำและการจราจร\nเชื่อมต่อกับระบบของจังหวัด",
            "datasets": [
                {
                    "name": "ข้อมูลผู้โดยสารรถโดยสารประจำทาง",
                    "domain": "mobility",
                    "source": "บริษัท ขอนแก่นพัฒนาเมือง จำกัด",
                    "update_frequency": "daily",
                    "openness": "restricted",
                    "personal_data": True,
                },
            ],
            "security": {
                "access_control": True,
                "encryption": True,
                "backup": True,
                "audit_logging": False,
                "incident_response": True,
                "dpo_appointed": True,
                "data_sharing_agreements": False,
            },
            "open_data_plan": "เผยแพร่ข้อมูลคุณภาพน้ำรายวันบนพอร์ทัลข้อมูลเปิด",
        },
        "services": {
            "items": [
                {
                    "domain": "environment",
                    "name": "แจ้งเตือนคุณภาพน้ำ",
                    "description": "แจ้งเตือนผ่านไลน์เมื่อค่าออกซิเจนต่ำ",
                    "beneficiaries": "ประชาชนรอบบึง 20,000 คน",
                    "kpi": "เวลาตอบสนองต่อเหตุ",
                    "budget_baht": 1800000,
                    "start_date": "2020-01-01",
                    "end_date": "2020-12-31",
                    "status": "in_progress",
                },
                {
                    "domain": "mobility",
                    "name": "รถรางเบาขอนแก่น",
                    "description": "ระบบขนส่งมวลชนสายเหนือ–ใต้",
                    "beneficiaries": "ผู้ใหญ่และนักเรียน",
                    "kpi": "ผู้โดยสารต่อวัน",
                    "budget_baht": 26500000.5,
                    "start_date": "2020-06-01",
                    "end_date": "2023-05-31",
                    "status": "planned",
                },
            ]
        },
        "management": {
            "governance_structure": "คณะกรรมการขับเคลื่อนเมืองอัจฉริยะ มีนายกเทศมนตรีเป็นประธาน",
            "lead_organization": "เทศบาลนครขอนแก่น",
            "city_development_company": "บริษัท ขอนแก่นพัฒนาเมือง จำกัด (KKTT)",
            "financing_model": "ร่วมลงทุนภาครัฐและเอกชน (PPP)\nรายได้จากค่าโดยสาร",
            "om_plan": "สัญญาบำรุงรักษา 10 ปี",
            "participation": "ประชาคมเมืองทุกไตรมาส และการรับฟังความคิดเห็นออนไลน์",
            "risks": "ความล่าช้าในการจัดซื้อจัดจ้าง",
        },
        "attachments": [
            {
                "name": "master-plan.pdf",
                "title": "แผนแม่บทเมืองอัจฉริยะขอนแก่น",
                "sha256": PLAN_SHA256,
                "size": 2457600,
                "pages": 48,
            },
        ],
    }
    document.update(overrides)
    return document


def loose(text: str) -> str:
    """pypdf is lossy around SARA AM and stacked marks: compare base letters only, without spaces."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn" and not c.isspace())


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def thai_pdf(django_db_setup, django_db_blocker) -> bytes:
    # django_db_setup: the test database exists even when this module is the first to touch it.
    with django_db_blocker.unblock():
        return render_document_pdf(khon_kaen_document(), version_number=2, submitted_at=SUBMITTED)


def test_the_pdf_opens_and_has_several_pages(thai_pdf):
    assert thai_pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(thai_pdf))
    assert len(reader.pages) >= 2
    assert reader.metadata.title == TITLE_TH


def test_the_text_is_all_there(thai_pdf):
    text = pdf_text(thai_pdf)
    for latin in ("Smart City Thailand", PLAN_SHA256, "12,500,000", "26,500,000.50", "113,754", "400101"):
        assert latin in text
    flat = loose(text)
    for thai_text in (
        TITLE_TH,
        "เมืองอัจฉริยะประเทศไทย",
        "1. ต้องกำหนดพื้นที่และเป้าหมายชัดเจน",
        "5. ต้องมีการบริหารจัดการที่ยั่งยืน",
        "11 มีนาคม 2562",
        "เทศบาลนครขอนแก่น",
        "สิ่งแวดล้อมอัจฉริยะ",
        "การเดินทางและขนส่งอัจฉริยะ",
        "เมืองน่าอยู่เดิม",
        "รอบที่ 1/2562",
    ):
        assert loose(thai_text) in flat, thai_text
    pages = len(PdfReader(io.BytesIO(thai_pdf)).pages)
    for number in range(1, pages + 1):  # "หน้า 1 / 3" once the catalogue is compiled, "Page 1 / 3" before
        assert f"Page {number} / {pages}" in text or loose(f"หน้า {number} / {pages}") in flat


def test_plain_thai_vowels_survive_in_the_text_layer(thai_pdf):
    """A glyph maps to the text it is first drawn for: SARA AA must not come back as the SARA AM of น้ำ."""
    text = pdf_text(thai_pdf)
    assert "เป้าหมายชัดเจน" in text  # bold, drawn after the bold title's น้ำ
    assert "เทศบาลนครขอนแก่น" in text


def test_the_criteria_come_in_order(thai_pdf):
    flat = loose(pdf_text(thai_pdf))
    headings = ["1. ต้องกำหนดพื้นที่และเป้าหมายชัดเจน", "2. ต้องมีแนวทางพัฒนาโครงสร้างพื้นฐานเมือง",
                "3. ต้องมีระบบจัดเก็บและบริหารข้อมูลเมืองที่ปลอดภัย", "4. ต้องมีบริการเมืองอัจฉริยะตามลักษณะ 7 ด้าน",
                "5. ต้องมีการบริหารจัดการที่ยั่งยืน"]  # fmt: skip
    positions = [flat.index(loose(h)) for h in headings]
    assert positions == sorted(positions)


def test_the_pages_render_with_ink(thai_pdf):
    document = pdfium.PdfDocument(thai_pdf)
    for index, path in ((0, "/tmp/pdf_page1.png"), (1, "/tmp/pdf_page2.png")):
        image = document[index].render(scale=2).to_pil()
        image.save(path)
        grey = image.convert("L")
        dark = sum(grey.histogram()[:100])
        assert dark > 2000, f"page {index + 1} looks blank"
        assert image.width == pytest.approx(2 * 595, abs=2)  # A4 at 72 dpi × 2


def test_user_text_is_printed_not_interpreted():
    document = khon_kaen_document()
    document["area_goals"]["vision"] = f"{SCRIPT} & <b>bold</b>"
    pdf = render_document_pdf(document, version_number=1, submitted_at=None)
    text = pdf_text(pdf)
    assert SCRIPT in text
    assert "<b>bold</b>" in text
    with translation.override("th"):
        html = render_to_string("proposals/pdf/version.html", _context(document, 1, None))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT not in html


def test_english_rendering():
    pdf = render_document_pdf(khon_kaen_document(), version_number=3, submitted_at=SUBMITTED, language="en")
    text = pdf_text(pdf)
    assert "1. Clear area and goals" in text
    assert "Sustainable management" in text
    assert "11 March 2019" in text
    assert "THB 12,500,000" in text
    assert "Smart Environment" in text
    assert "Khon Kaen City Municipality" in text


def test_a_version_renders_its_frozen_document():
    user = UserFactory()
    proposal = Proposal.objects.create(
        organization=OrganizationFactory(), call=CallFactory(), created_by=user, title_th=TITLE_TH
    )
    version = ProposalVersion.objects.create(
        proposal=proposal, number=4, document=khon_kaen_document(), document_sha256="0" * 64,
        criteria_set=criteria_set_v1(), submitted_by=user, submitted_at=timezone.now(),
    )  # fmt: skip
    text = pdf_text(render_version_pdf(version))
    assert loose("ฉบับที่ 4") in loose(text) or "Version 4" in text
    assert PLAN_SHA256 in text


def test_an_empty_document_still_renders():
    pdf = render_document_pdf({"title": {"th": "ร่าง", "en": ""}}, version_number=1, submitted_at=None)
    assert pdf.startswith(b"%PDF")


def test_the_renderer_fetches_nothing_but_the_fonts():
    fetcher = LocalURLFetcher()
    response = fetcher.fetch((FONT_DIR / "Sarabun-Regular.ttf").as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"
    response.close()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in (
        "http://example.com/x.css",
        "https://example.com/font.ttf",
        "file:///etc/passwd",
        (FONT_DIR / ".." / ".." / "weasyprint" / "__init__.py").as_uri(),
        "ftp://example.com/x",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_area_outline_svg():
    assert area_outline_svg(None) == ""
    assert area_outline_svg({"type": "Point", "coordinates": [102.83, 16.44]}) == ""
    parts = [square(102.83, 16.44, 0.05), square(102.95, 16.44, 0.02)]
    multi = {"type": "MultiPolygon", "coordinates": parts}
    svg = area_outline_svg(multi)
    assert svg.startswith("<svg") and "</svg>" in svg
    assert "<path" in svg or "<polygon" in svg
    assert svg.count(" Z") == 2
    # 0.1° × 0.1° at 16.44° N: 10.7 km east–west (cos-corrected), 11.1 km north–south
    one = area_outline_svg({"type": "Polygon", "coordinates": square(102.83, 16.44, 0.05)})
    with translation.override("en"):
        english = area_outline_svg({"type": "Polygon", "coordinates": square(102.83, 16.44, 0.05)})
    assert "10.7 × 11.1" in one and "10.7 × 11.1 km" in english
