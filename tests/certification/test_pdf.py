"""The certificate PDF: two pages (Thai, English), the QR code that verifies it, and who may download it."""

import io
import os
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from smartcity.certification import signing
from smartcity.certification.links import verification_url
from smartcity.certification.models import Certificate
from smartcity.certification.pdf import certificate_pdf, render_certificate_pdf
from smartcity.core import thai
from tests.certification.builders import acknowledged, promotion_zone
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db

# Stacked vowels and tone marks (ญี่ปุ่น, ผู้ใหญ่) and SARA AM (น้ำ): the words Thai shaping gets wrong first.
CITY_TH = "เมืองน้ำพุร้อนผู้ใหญ่ญี่ปุ่นอัจฉริยะ"


def plain(text: str) -> str:
    """Thai as pypdf gives it back, comparable: NFC, no combining marks, no SARA AM, no spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u0e33", "\u0e32")
    return "".join(ch for ch in text if not unicodedata.combining(ch) and not ch.isspace() and ch not in "\u0e4d")


def render_png(pdf: bytes, page: int, dpi: int = 150):
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page].render(scale=dpi / 72).to_pil()
    finally:
        document.close()


@pytest.fixture
def issued():
    proposal, certificate, secretariat = acknowledged()
    certificate.city_name_th = CITY_TH
    certificate.save(update_fields=["city_name_th", "updated_at"])
    return certificate, secretariat


def test_two_pages_thai_then_english_with_the_facts(issued):
    certificate, _secretariat = issued
    reader = PdfReader(io.BytesIO(render_certificate_pdf(certificate)))
    assert len(reader.pages) == 2
    thai_page, english_page = (page.extract_text() for page in reader.pages)

    assert certificate.number in thai_page and certificate.number in english_page
    assert plain(CITY_TH) in plain(thai_page)
    assert plain(certificate.organization.name_th) in plain(thai_page)
    assert plain("สิ่งแวดล้อมอัจฉริยะ") in plain(thai_page)
    assert plain(thai.format_date(certificate.expires_on, "th")) in plain(thai_page)
    assert str(certificate.expires_on.year + 543) in thai_page

    assert certificate.city_name_en in english_page
    assert certificate.organization.name_en in english_page
    assert "Smart Environment" in english_page and "Smart Mobility" in english_page
    for day in (certificate.issued_on, certificate.valid_from, certificate.expires_on):
        assert thai.format_date(day, "en") in english_page
    assert certificate.key_id in english_page
    assert f"{settings.SITE_URL}/verify/{certificate.number}/" in english_page.replace("\n", "")


def test_the_qr_code_holds_the_signed_verification_url(issued):
    certificate, _secretariat = issued
    pdf = render_certificate_pdf(certificate)
    write_pictures(pdf, "valid")
    for page in (0, 1):
        codes = zxingcpp.read_barcodes(render_png(pdf, page))
        assert [code.text for code in codes] == [verification_url(certificate)]
    url = verification_url(certificate)
    assert url.startswith(f"{settings.SITE_URL}/verify/{certificate.number}/?p=")
    verified = signing.verify(url.split("?p=", 1)[1])
    assert verified.fields["n"] == certificate.number
    assert verified.key_id == certificate.key_id


def test_a_promotion_zone_gets_its_own_certificate_type():
    _proposal, certificate, _secretariat = promotion_zone()
    pdf = render_certificate_pdf(certificate)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    english = reader.pages[1].extract_text()
    assert "SMART CITY PROMOTION ZONE" in english.upper()
    assert "does not confer the Smart City logo" in english
    assert certificate.number.startswith("SCZ-") and certificate.number in english
    write_pictures(pdf, "zone")


def test_seven_domains_a_long_name_and_a_revocation_stamp_still_fit_two_pages(issued):
    from smartcity.certification import services
    from smartcity.program.models import Domain

    certificate, secretariat = issued
    certificate.domains.set(Domain.objects.all())
    certificate.city_name_en = "Greater Chao Phraya Riverside Smart City Development Area of the Eastern Seaboard"
    certificate.save()
    revoked = services.revoke_certificate(actor=secretariat, number=certificate.number, reason="ไม่ผ่านการประเมิน")
    pdf = render_certificate_pdf(revoked)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    english = reader.pages[1].extract_text()
    assert "REVOKED" in english
    assert "Smart Governance" in english and certificate.city_name_en in english.replace("\n", " ")
    write_pictures(pdf, "revoked")


def test_the_bytes_are_cached_until_the_certificate_changes(issued):
    from smartcity.certification import services

    certificate, secretariat = issued
    first = certificate_pdf(certificate)
    assert certificate_pdf(Certificate.objects.get(pk=certificate.pk)) == first
    services.suspend_certificate(actor=secretariat, number=certificate.number, reason="ตรวจสอบข้อร้องเรียน")
    suspended = certificate_pdf(Certificate.objects.get(pk=certificate.pk))
    assert suspended != first
    assert "SUSPENDED" in PdfReader(io.BytesIO(suspended)).pages[1].extract_text()


def write_pictures(pdf: bytes, name: str) -> None:
    """With CERTIFICATE_PNG_DIR set, write the pages as PNG files for a person to look at."""
    folder = os.environ.get("CERTIFICATE_PNG_DIR")
    if folder:
        for page, language in enumerate(("th", "en")):
            render_png(pdf, page, 110).save(Path(folder) / f"cert-{name}-{language}.png")


# Downloading the PDF: the city's members and the program's staff; nobody else.


def pdf_url(certificate) -> str:
    return reverse("certification:pdf", args=[certificate.number])


def test_a_member_of_the_city_downloads_it(issued, login_as):
    certificate, _secretariat = issued
    member = certificate.organization.memberships.first().user
    response = login_as(member).get(pdf_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{certificate.number}.pdf"'
    assert response.content.startswith(b"%PDF-")
    write_pictures(response.content, "member")


def test_the_program_staff_download_it(issued, login_as):
    certificate, secretariat = issued
    for user in (secretariat, staff_user("committee"), staff_user("boi_officer")):
        response = login_as(user).get(pdf_url(certificate))
        assert response.status_code == 200
        assert len(PdfReader(io.BytesIO(response.content)).pages) == 2


def test_anonymous_visitors_are_sent_to_sign_in(issued, client):
    certificate, _secretariat = issued
    response = client.get(pdf_url(certificate))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_a_member_of_another_organisation_is_refused(issued, login_as):
    certificate, _secretariat = issued
    outsider = UserFactory()
    MembershipFactory(user=outsider, organization=OrganizationFactory())
    response = login_as(outsider).get(pdf_url(certificate))
    assert response.status_code == 403
    assert b"%PDF" not in response.content


def test_an_unknown_number_is_not_found(db, login_as):
    response = login_as(staff_user("secretariat")).get(reverse("certification:pdf", args=["SCT-2569-9999"]))
    assert response.status_code == 404
