"""The printed certificate: A4 landscape, page 1 in Thai and page 2 in English, with the QR code that verifies it.

Rendered by WeasyPrint with the bundled Sarabun font and no network access, like the proposal PDF (whose font
declarations and URL fetcher it reuses). Every value reaches the templates as plain text, so Django's
autoescaping applies; the only markup built here is SVG made by this code (logos, emblem, QR code).
"""

from __future__ import annotations

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from smartcity.core import thai
from smartcity.core.identifiers import province_name
from smartcity.core.pdf import qr_svg, render_pdf

from . import logos
from .links import verification_page_url, verification_url
from .models import Certificate, CertificateKind, CertificateStatus

LANGUAGES = ("th", "en")
# Part of the cache key: bump it when the templates change so no old rendering is served.
LAYOUT_VERSION = 1
CACHE_SECONDS = 24 * 3600
# Statuses printed across the certificate, so a downloaded copy cannot pass for a current one.
STAMPED = {CertificateStatus.EXPIRED, CertificateStatus.SUSPENDED, CertificateStatus.REVOKED}


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, from the cache when the certificate has not changed since it was rendered."""
    key = ":".join(
        (
            "certificate-pdf",
            str(LAYOUT_VERSION),
            certificate.number,
            certificate.updated_at.isoformat(),
            certificate.status,
            certificate.payload[-16:],
        )
    )
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_certificate_pdf(certificate)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def render_certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as a two-page PDF: the Thai page, then the same content in English."""
    shared = _shared_context(certificate)
    pages = []
    for language in LANGUAGES:
        with translation.override(language):
            pages.append(render_to_string("certification/pdf/page.html", {**shared, **_page_context(certificate)}))
    with translation.override(LANGUAGES[0]):
        html = render_to_string(
            "certification/pdf/certificate.html", {"pages": pages, "certificate": certificate, **shared}
        )
        css = render_to_string("certification/pdf/certificate.css", shared)
    return render_pdf(html, css)


def qr_svg_data_uri(text: str) -> str:
    """``text`` as a QR code (error correction M, a quiet zone of four modules), as an SVG data: URI."""
    return logos.data_uri(qr_svg(text))


def _shared_context(certificate: Certificate) -> dict:
    promotion_zone = certificate.kind == CertificateKind.PROMOTION_ZONE
    domains = list(certificate.domains.order_by("order"))
    accent = "#00695c" if promotion_zone else "#0b3d7a"
    gold = "#7b8f3a" if promotion_zone else "#a67c2e"
    return {
        "certificate": certificate,
        "promotion_zone": promotion_zone,
        "accent": accent,
        "gold": gold,
        "domain_records": domains,
        "logos": [logos.data_uri(logos.svg(d.code)) for d in domains if d.code in logos.VARIANTS],
        "mark": logos.data_uri(logos.mark_svg(accent, ids="sct-cert")),
        "watermark": logos.data_uri(logos.mark_svg("#000000", ids="sct-watermark")),
        "qr": qr_svg_data_uri(verification_url(certificate)),
        "verify_page": verification_page_url(certificate),
        "stamp": certificate.status in STAMPED,
        "ornament": logos.data_uri(_ornament(gold)),
        "corners": ("top-left", "top-right", "bottom-right", "bottom-left"),
    }


def _ornament(colour: str) -> str:
    """A corner of the inner frame: two rounded rules and a small hexagon (drawn for the top left corner)."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 60">'
        f'<g fill="none" stroke="{colour}">'
        '<path d="M3 57V14Q3 3 14 3H57" stroke-width="2"/><path d="M9 57V20Q9 9 20 9H57" stroke-width="0.8"/>'
        '<path d="M21 14.5L26 17.4V23.1L21 26L16 23.1V17.4Z" stroke-width="1.2"/>'
        "</g>"
        f'<circle cx="21" cy="20.25" r="1.8" fill="{colour}"/>'
        "</svg>"
    )


def _name(obj, field: str = "name") -> tuple[str, str]:
    """(name in the active language, name in the other one); Thai stands in for a missing English name."""
    name_th, name_en = getattr(obj, f"{field}_th", "") or "", getattr(obj, f"{field}_en", "") or ""
    if thai.is_thai():
        return name_th or name_en, name_en if name_th and name_en != name_th else ""
    return name_en or name_th, name_th if name_en and name_th != name_en else ""


BANGKOK = "10"


def _province_label(code: str, language: str) -> str:
    """Khon Kaen province / จังหวัดขอนแก่น; Bangkok is not a province, so its name stands alone."""
    name = province_name(code, language)
    if not name or code == BANGKOK:
        return name
    return translation.gettext("%(province)s province") % {"province": name}


def _page_context(certificate: Certificate) -> dict:
    language = translation.get_language() or "th"
    city, city_other = _name(certificate, "city_name")
    organization, _unused = _name(certificate.organization)
    criteria_set = certificate.criteria_set
    return {
        "language": language,
        "city": city,
        "city_other": city_other,
        "city_size": "xl" if len(city) > 70 else "l" if len(city) > 40 else "m",
        "organization": organization,
        "province": _province_label(certificate.province_code, language),
        "city_type": _name(certificate.city_type)[0] if certificate.city_type else "",
        "domains": [_name(domain)[0] for domain in certificate.domains.order_by("order")],
        "issued_on": thai.format_date(certificate.issued_on, language),
        "valid_from": thai.format_date(certificate.valid_from, language),
        "expires_on": thai.format_date(certificate.expires_on, language),
        "criteria_set": _name(criteria_set)[0],
        "criteria_version": criteria_set.version,
        "status_label": str(CertificateStatus(certificate.status).label),
        "designation": str(CertificateKind(certificate.kind).label),
    }
