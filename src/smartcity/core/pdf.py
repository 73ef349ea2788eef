"""HTML to PDF for every document the platform prints: WeasyPrint with the bundled Sarabun font, no network.

One renderer serves the proposal version, the certificate and the BOI endorsement letter, so the font set-up and
the fetcher that refuses anything but the font files and data: URLs live in one place.
"""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

FONT_DIR = Path(str(resources.files("fontpkg_sarabun") / "files")).resolve()
FONT_CSS = "".join(
    f'@font-face {{ font-family: "Sarabun"; font-weight: {weight}; font-style: normal; '
    f'src: url("{(FONT_DIR / f"Sarabun-{name}.ttf").as_uri()}"); }}\n'
    for weight, name in ((400, "Regular"), (700, "Bold"))
)


class LocalURLFetcher(URLFetcher):
    """Fetches the Sarabun font files and data: URLs only; anything else (http, other files) is refused."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path)).resolve()
            if path.is_relative_to(FONT_DIR) and path.is_file():
                return super().fetch(path.as_uri(), headers)
        raise ValueError(f"The PDF renderer does not fetch {url[:100]!r}")


def render_pdf(html: str, css: str = "") -> bytes:
    """``html`` styled by ``css`` (with Sarabun available as font-family "Sarabun") as PDF bytes."""
    fetcher, fonts = LocalURLFetcher(), FontConfiguration()
    stylesheet = CSS(string=FONT_CSS + css, url_fetcher=fetcher, font_config=fonts)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet], font_config=fonts)


def qr_svg(text: str, scale: int = 1) -> str:
    """``text`` as a QR code (error correction M, a quiet zone of four modules): a standalone SVG document with
    its namespace, usable inline in the HTML or as a data: URI."""
    output = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        output, kind="svg", scale=scale, border=4, dark="#000000", light="#ffffff", xmldecl=False, svgns=True
    )
    return output.getvalue().decode("utf-8")
