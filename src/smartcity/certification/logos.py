"""The Smart City Thailand logo in its seven variants, one per domain, built from one template.

Every variant is the same emblem (a hexagon holding a skyline whose tower sends out a signal, with the
domain's pictogram on a seal) in the domain's colour, above "SMART CITY THAILAND" and the domain's name in
Thai and English. The text is drawn as outlines (see ``lettering``), so the files need no font.

The files under ``static/certification/logos/`` are made by ``manage.py render_logos`` from this module;
a test checks they are up to date.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from smartcity.core.colours import AA_NORMAL_TEXT, WHITE, contrast
from smartcity.core.pdf import LocalURLFetcher
from smartcity.program.seed import DOMAINS

from .lettering import letter

SIZE = 512
PNG_SIZE = 512
STATIC_DIR = "certification/logos"
OUTPUT_DIR = Path(__file__).resolve().parent.parent / "static" / STATIC_DIR
NAVY = "#102a43"
BRAND = "#0b5394"
# The emblem without its seal and words: the hexagon with its rounded corners, and nothing else.
MARK_VIEWBOX = "124 18 264 300"
GREY = "#52606d"


@dataclass(frozen=True)
class Variant:
    code: str
    name_th: str
    name_en: str
    colour: str

    @property
    def ink(self) -> str:
        """The colour for text on white: the domain colour, darkened until it reads (WCAG 4.5:1)."""
        return _readable_on_white(self.colour)

    @property
    def shade(self) -> str:
        """The darker end of the emblem's gradient."""
        return _mix(self.colour, "#000000", 0.32)


# The colours are the domains' own (program.seed), so the logos match the chips on every page.
VARIANTS = {code: Variant(code, name_th, name_en, colour) for code, name_th, name_en, colour in DOMAINS}

# Pictograms on a 48 × 48 grid; "C" stands for the domain's ink colour.
_ROUND = 'stroke-linecap="round" stroke-linejoin="round"'
PICTOGRAMS = {
    "environment": (
        '<path d="M9 39C9 21 20 9 40 8C40 28 28 39 9 39Z" fill="C"/>'
        f'<path d="M6 42L12 36M12 36L31 17" fill="none" stroke="#fff" stroke-width="2.8" {_ROUND}/>'
        f'<path d="M6 42L10 38" fill="none" stroke="C" stroke-width="3.2" {_ROUND}/>'
    ),
    "mobility": (
        '<rect x="11" y="6" width="26" height="31" rx="6" fill="C"/>'
        '<rect x="15" y="10.5" width="18" height="11" rx="2" fill="#fff"/>'
        '<circle cx="17.5" cy="29.5" r="2.4" fill="#fff"/><circle cx="30.5" cy="29.5" r="2.4" fill="#fff"/>'
        f'<path d="M16 38L12 43M32 38L36 43M19 3H29" fill="none" stroke="C" stroke-width="3.4" {_ROUND}/>'
    ),
    "living": (
        f'<path d="M5 24L24 7L43 24M11 20V41H37V20" fill="none" stroke="C" stroke-width="4.2" {_ROUND}/>'
        '<path d="M24 36C18.5 31.6 16 28.8 16 25.6C16 23.2 17.9 21.4 20.2 21.4C21.8 21.4 23.2 22.3 24 23.7'
        'C24.8 22.3 26.2 21.4 27.8 21.4C30.1 21.4 32 23.2 32 25.6C32 28.8 29.5 31.6 24 36Z" fill="C"/>'
    ),
    "people": (
        '<circle cx="32.5" cy="15" r="5.5" fill="C" opacity="0.55"/>'
        '<path d="M22 41C22 31.5 26.2 25.5 32.5 25.5C38.8 25.5 43 31.5 43 41Z" fill="C" opacity="0.55"/>'
        '<circle cx="18" cy="13" r="6.5" fill="C" stroke="#fff" stroke-width="2.2"/>'
        '<path d="M5 41C5 30 10.5 23.5 18 23.5C25.5 23.5 31 30 31 41Z" fill="C" stroke="#fff" '
        'stroke-width="2.2" stroke-linejoin="round"/>'
    ),
    "energy": '<path d="M28 4L10 27H22.5L19 44L38 19.5H25.5L28 4Z" fill="C" stroke="C" stroke-width="1.5" '
    'stroke-linejoin="round"/>',
    "economy": (
        '<rect x="8" y="31" width="8" height="10" rx="1.5" fill="C"/>'
        '<rect x="20" y="25" width="8" height="16" rx="1.5" fill="C"/>'
        '<rect x="32" y="19" width="8" height="22" rx="1.5" fill="C"/>'
        f'<path d="M7 22L17 13.5L24 18L38 7M31 6.5H38.5V14" fill="none" stroke="C" stroke-width="3.2" {_ROUND}/>'
    ),
    "governance": (
        '<path d="M5 16.5L24 6L43 16.5Z" fill="C" stroke="C" stroke-width="2" stroke-linejoin="round"/>'
        '<rect x="7" y="18.5" width="34" height="3.5" rx="1" fill="C"/>'
        '<rect x="10" y="24" width="5" height="11" fill="C"/><rect x="18" y="24" width="5" height="11" fill="C"/>'
        '<rect x="25.5" y="24" width="5" height="11" fill="C"/><rect x="33" y="24" width="5" height="11" fill="C"/>'
        '<rect x="6" y="37" width="36" height="5" rx="1" fill="C"/>'
    ),
}

# The emblem: a hexagon (pointy top) centred on (256, 168), a skyline standing on y = 236, a seal below.
_HEXAGON = "M256 30L375.5 99V237L256 306L136.5 237V99Z"
# A chedi beside the towers: the old city and the new one.
_CHEDI = (
    "M145 239V227H149V221H191V227H195V239Z"
    "M152 221C153 208 160 199 166 195L168 170L170 150L172 170L174 195C180 199 187 208 188 221Z"
)
# (left, width, top) of each tower; the one at 236 is the tall one that sends the signal.
_BUILDINGS = [(199, 31, 174), (236, 40, 112), (282, 28, 156), (314, 28, 184), (346, 34, 204)]
_GROUND = 238


def _skyline(ink: str) -> str:
    blocks = "".join(f'<rect x="{x}" y="{top}" width="{w}" height="{_GROUND - top + 1}"/>' for x, w, top in _BUILDINGS)
    # Lit windows, cut out in the emblem's colour: rows on the tall tower, a grid on its neighbours.
    windows = [f'<rect x="246" y="{y}" width="20" height="4" rx="1"/>' for y in range(126, 226, 12)]
    for x, w, top in (_BUILDINGS[0], _BUILDINGS[2], _BUILDINGS[3]):
        columns = (x + w / 2 - 7.5, x + w / 2 + 2.5)
        windows += [
            f'<rect x="{cx:g}" y="{y}" width="5" height="6" rx="1"/>'
            for y in range(top + 10, _GROUND - 12, 14)
            for cx in columns
        ]
    return (
        f'<g fill="{ink}"><path d="{_CHEDI}"/>{blocks}<rect x="254.5" y="88" width="3" height="26" rx="1.5"/></g>'
        f'<g fill="url(#G)" opacity="0.85">{"".join(windows)}</g>'
    )


def _signal(ink: str) -> str:
    arcs = (
        f'<path d="M{256 - r * 0.77:.1f} {86 - r * 0.64:.1f}A{r} {r} 0 0 1 {256 + r * 0.77:.1f} {86 - r * 0.64:.1f}"/>'
        for r in (16, 30)
    )
    return (
        f'<circle cx="256" cy="86" r="5" fill="{ink}"/>'
        f'<g fill="none" stroke="{ink}" stroke-width="6" stroke-linecap="round" opacity="0.9">{"".join(arcs)}</g>'
    )


def emblem(ids: str, colour: str, shade: str, seal: str = "", ink: str = "#fff") -> str:
    """The hexagon, its skyline and signal in ``ink`` (and a seal holding ``seal``); ids start with ``ids``."""
    return (
        "<defs>\n"
        f'<linearGradient id="{ids}-g" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{colour}"/><stop offset="1" stop-color="{shade}"/>'
        "</linearGradient>\n"
        f'<clipPath id="{ids}-clip"><path d="{_HEXAGON}"/></clipPath>\n'
        "</defs>\n"
        f'<path d="{_HEXAGON}" fill="url(#{ids}-g)" stroke="url(#{ids}-g)" stroke-width="20" '
        'stroke-linejoin="round"/>\n'
        f'<path d="{_HEXAGON}" fill="none" stroke="{ink}" stroke-opacity="0.45" stroke-width="3" '
        'stroke-linejoin="round" transform="translate(256 168) scale(0.9) translate(-256 -168)"/>\n'
        f'<g clip-path="url(#{ids}-clip)">{_skyline(ink).replace("url(#G)", f"url(#{ids}-g)")}</g>\n'
        f"{_signal(ink)}\n"
        + (
            f'<circle cx="256" cy="300" r="45" fill="#fff" stroke="{colour}" stroke-width="6"/>\n'
            f'<g transform="translate(226 270) scale(1.25)">{seal}</g>\n'
            if seal
            else ""
        )
    )


def svg(code: str) -> str:
    """The logo variant of a domain as a standalone SVG document."""
    variant = VARIANTS[code]
    ids = f"sct-{code}"
    title = f"Smart City Thailand — {variant.name_en} ({variant.name_th})"
    head = letter("SMART CITY THAILAND", size=35, x=256, y=394, weight="ExtraBold", anchor="middle", tracking=0.09)
    thai = letter(variant.name_th, size=42, x=256, y=449, weight="Bold", anchor="middle", max_width=468)
    english = letter(variant.name_en.upper(), size=22, x=256, y=489, weight="SemiBold", anchor="middle", tracking=0.16)
    pictogram = PICTOGRAMS[code].replace('"C"', f'"{variant.ink}"')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" '
        f'role="img" aria-labelledby="{ids}-title">\n'
        f'<title id="{ids}-title">{escape(title)}</title>\n'
        f"{emblem(ids, variant.colour, variant.shade, pictogram)}"
        f'<path fill="{NAVY}" d="{head.d}"/>\n'
        f'<path fill="{variant.ink}" d="{thai.d}"/>\n'
        f'<path fill="{GREY}" d="{english.d}"/>\n'
        "</svg>\n"
    )


def mark_svg(colour: str = BRAND, ids: str = "sct-mark") -> str:
    """The emblem alone (no seal, no words), for the certificate and the badge."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{MARK_VIEWBOX}" role="img" aria-label="Smart City Thailand">'
        f"{emblem(ids, colour, _mix(colour, '#000000', 0.32))}</svg>"
    )


def data_uri(document: str) -> str:
    """An SVG document as a data: URI (for WeasyPrint, which fetches nothing else)."""
    return "data:image/svg+xml;base64," + base64.b64encode(document.encode("utf-8")).decode("ascii")


def png(code: str, size: int = PNG_SIZE) -> bytes:
    """The variant as a PNG with a transparent background: WeasyPrint draws the SVG, PDFium rasterises it."""
    import io

    import pypdfium2 as pdfium
    from weasyprint import HTML

    html = (
        f"<style>@page {{ size: {SIZE}px {SIZE}px; margin: 0 }} body {{ margin: 0 }} "
        f"img {{ display: block; width: {SIZE}px; height: {SIZE}px }}</style>"
        f"<img src={quoteattr(data_uri(svg(code)))} alt=''>"
    )
    document = pdfium.PdfDocument(HTML(string=html, url_fetcher=LocalURLFetcher()).write_pdf())
    try:
        # A CSS pixel is 0.75 pt; PDFium's scale 1 is one pixel per point.
        bitmap = document[0].render(scale=size / (SIZE * 0.75), fill_color=(255, 255, 255, 0))
        image = bitmap.to_pil()
    finally:
        document.close()
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def write_all(directory: Path = OUTPUT_DIR, *, with_png: bool = True) -> list[Path]:
    """Write every variant's SVG (and PNG) into ``directory``; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for code in VARIANTS:
        target = directory / f"{code}.svg"
        target.write_text(svg(code), encoding="utf-8")
        written.append(target)
        if with_png:
            target = directory / f"{code}.png"
            target.write_bytes(png(code))
            written.append(target)
    return written


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _hex(rgb) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def _mix(colour: str, other: str, amount: float) -> str:
    return _hex(a + (b - a) * amount for a, b in zip(_rgb(colour), _rgb(other), strict=True))


def contrast_on_white(colour: str) -> float:
    return contrast(colour, WHITE)


def _readable_on_white(colour: str) -> str:
    amount = 0.0
    while contrast_on_white(_mix(colour, "#000000", amount)) < AA_NORMAL_TEXT:
        amount += 0.05
    return _mix(colour, "#000000", amount)
