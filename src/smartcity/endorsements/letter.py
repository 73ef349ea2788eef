"""The endorsement letter: an A4 PDF from depa, in Thai then English, with the code BOI verifies.

Rendered by WeasyPrint with the bundled Sarabun font and no network access, reusing the proposal PDF's font
declarations and URL fetcher. The letter's wording is fixed bilingual text in its template (as the notification
templates hold both languages as data): both languages are printed on every letter, whatever language the
person downloading it uses. Every value reaches the template as plain text, so autoescaping applies.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from smartcity.certification.models import CertificateStatus
from smartcity.core import thai
from smartcity.core.pdf import qr_svg, render_pdf

from .models import BoiActivity, Endorsement

ACTIVITY_NAMES = {
    BoiActivity.AREA_DEVELOPMENT: ("กิจการพัฒนาพื้นที่เมืองอัจฉริยะ", "Smart city area development"),
    BoiActivity.SYSTEM_DEVELOPMENT: ("กิจการพัฒนาระบบเมืองอัจฉริยะ", "Smart city system development"),
    BoiActivity.INDUSTRIAL_ZONE: ("กิจการนิคมอุตสาหกรรมหรือเขตอุตสาหกรรมอัจฉริยะ", "Smart industrial estate or zone"),
}
CERTIFICATE_STATUS_NAMES = {
    CertificateStatus.VALID: ("มีผลใช้ได้", "Valid"),
    CertificateStatus.EXPIRING: ("มีผลใช้ได้ (ใกล้ครบอายุ)", "Valid, expiring soon"),
    CertificateStatus.EXPIRED: ("หมดอายุ", "Expired"),
    CertificateStatus.SUSPENDED: ("ถูกระงับ", "Suspended"),
    CertificateStatus.REVOKED: ("ถูกเพิกถอน", "Revoked"),
}


def check_page_url(code: str = "") -> str:
    """Where a BOI officer verifies a code (signed in), with the code filled in when given."""
    url = settings.SITE_URL + reverse("endorsements:check")
    return f"{url}?{urlencode({'code': code})}" if code else url


def _language_context(endorsement: Endorsement, language: str) -> dict:
    index = 0 if language == "th" else 1
    certificate, company = endorsement.certificate, endorsement.company

    def name(obj, th: str, en: str) -> str:
        return getattr(obj, th) if index == 0 else (getattr(obj, en) or getattr(obj, th))

    return {
        "lang": language,
        "company": name(company, "name_th", "name_en"),
        "city": name(certificate, "city_name_th", "city_name_en"),
        "activity": ACTIVITY_NAMES[endorsement.activity][index],
        "project_domains": ", ".join(name(d, "name_th", "name_en") for d in endorsement.domains.all()) or "–",
        "certified_domains": ", ".join(name(d, "name_th", "name_en") for d in certificate.domains.all()),
        "certificate_status": CERTIFICATE_STATUS_NAMES[certificate.status][index],
        "expires_on": thai.format_date(certificate.expires_on, language),
        "issued_on": thai.format_date(certificate.issued_on, language),
        "approved_on": thai.format_date(endorsement.decided_at, language),
        "printed_at": thai.format_datetime(timezone.now(), language),
        "investment": thai.format_baht(endorsement.investment_baht, language),
    }


def render_letter_pdf(endorsement: Endorsement) -> bytes:
    """The letter of an approved endorsement: page 1 in Thai, page 2 the same in English."""
    check_url = check_page_url()
    shared = {
        "e": endorsement,
        "certificate": endorsement.certificate,
        "check_url": check_url,
        "qr": qr_svg(check_page_url(endorsement.code or ""), scale=2),
        "signer": endorsement.decided_by.full_name if endorsement.decided_by else "",
    }
    pages = [{**shared, **_language_context(endorsement, language)} for language in ("th", "en")]
    html = render_to_string("endorsements/letter.html", {"pages": pages, **shared})
    css = render_to_string("endorsements/letter.css")
    return render_pdf(html, css)
