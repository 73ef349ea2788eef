"""The badge a certified city shows on its website: the program's name, the status and the number.

The words are outlines (see ``lettering``): the badge is shown through ``<img>`` on other people's sites, where
the SVG may load no font and the visitor may have no Thai font. The words are also in ``<title>`` and
``aria-label`` for screen readers.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .lettering import letter
from .logos import BRAND, MARK_VIEWBOX, emblem
from .models import CertificateStatus

HEIGHT = 28
FONT_SIZE = 13
BASELINE = 18.6
PAD = 9

# (background, text colour) per status; white text reaches 4.5:1 on every dark one, amber carries dark text.
COLOURS = {
    CertificateStatus.VALID: ("#2e7d32", "#ffffff"),
    CertificateStatus.EXPIRING: ("#f5b400", "#1b1f24"),
    CertificateStatus.EXPIRED: ("#5f6b73", "#ffffff"),
    CertificateStatus.SUSPENDED: ("#c2410c", "#ffffff"),
    CertificateStatus.REVOKED: ("#b00020", "#ffffff"),
}


def status_word(status: str) -> str:
    return {
        CertificateStatus.VALID: pgettext("badge", "certified"),
        CertificateStatus.EXPIRING: pgettext("badge", "certified, expiring soon"),
        CertificateStatus.EXPIRED: pgettext("badge", "expired"),
        CertificateStatus.SUSPENDED: pgettext("badge", "suspended"),
        CertificateStatus.REVOKED: pgettext("badge", "revoked"),
    }[CertificateStatus(status)]


def badge_svg(certificate, status: str | None = None) -> str:
    """The badge in the active language, coloured by the certificate's status today."""
    status = status or certificate.status
    background, ink = COLOURS[CertificateStatus(status)]
    program = _("Smart City Thailand")
    state = f"{status_word(status)} · {certificate.number}"
    icon = 18
    left_text_x = PAD + icon + 6
    left = letter(program, size=FONT_SIZE, x=left_text_x, y=BASELINE, weight="SemiBold", digits=2)
    split = round(left_text_x + left.width + PAD)
    right = letter(state, size=FONT_SIZE, x=split + PAD + 1, y=BASELINE, weight="Bold", digits=2)
    width = round(split + PAD + 1 + right.width + PAD + 1)
    label = escape(f"{program} · {state} · {certificate.city_name}")
    # The emblem, 18 px high, drawn from its 264 × 300 box.
    vx, vy, vw, vh = (float(n) for n in MARK_VIEWBOX.split())
    scale = icon / vh
    mark = (
        f'<g transform="translate({PAD - 2:g} {(HEIGHT - icon) / 2:g}) scale({scale:.5f}) translate({-vx:g} {-vy:g})">'
        f"{emblem('sct-badge', '#ffffff', '#d6e4f2', ink=BRAND)}</g>"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{label}">'
        f"<title>{label}</title>"
        f'<clipPath id="sct-badge-r"><rect width="{width}" height="{HEIGHT}" rx="4"/></clipPath>'
        f'<g clip-path="url(#sct-badge-r)">'
        f'<rect width="{split}" height="{HEIGHT}" fill="{BRAND}"/>'
        f'<rect x="{split}" width="{width - split}" height="{HEIGHT}" fill="{background}"/>'
        "</g>"
        f"{mark}"
        f'<path fill="#ffffff" d="{left.d}"/>'
        f'<path fill="{ink}" d="{right.d}" data-status="{escape(status)}"/>'
        "</svg>"
    )
