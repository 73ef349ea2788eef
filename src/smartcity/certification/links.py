"""The addresses a certificate is known by: its verification page, its badge and its logos.

``verification_url`` is what the QR code on the printed certificate holds, so its shape is fixed here only.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .logos import STATIC_DIR


def verification_page_url(certificate) -> str:
    """The public verification page of a certificate, without the signed payload."""
    return f"{settings.SITE_URL}/verify/{certificate.number}/"


def verification_url(certificate) -> str:
    """The verification page with the signed payload: the text of the certificate's QR code."""
    return f"{verification_page_url(certificate)}?{urlencode({'p': certificate.payload})}"


def badge_url(certificate, request=None, language: str | None = None) -> str:
    """The badge's absolute address (the request's host when there is one, else SITE_URL)."""
    path = reverse("certification:badge", args=[certificate.number])
    if language:
        path += f"?{urlencode({'lang': language})}"
    return request.build_absolute_uri(path) if request is not None else f"{settings.SITE_URL}{path}"


def badge_embed_html(certificate, request=None) -> str:
    """The HTML a city pastes on its website: the badge, linking to the verification page."""
    language = (get_language() or "th")[:2]
    alt = _("Smart City Thailand certificate %(number)s: %(city)s") % {
        "number": certificate.number,
        "city": certificate.city_name,
    }
    return format_html(
        '<a href="{}"><img src="{}" alt="{}"></a>',
        verification_page_url(certificate),
        badge_url(certificate, request, language),
        alt,
    )


def logo_urls(domain_code: str) -> dict[str, str]:
    """The static URLs of a domain's logo variant: {"svg": ..., "png": ...}."""
    return {kind: static(f"{STATIC_DIR}/{domain_code}.{kind}") for kind in ("svg", "png")}
