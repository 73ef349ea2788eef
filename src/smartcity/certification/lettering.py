"""Text set in Sarabun and turned into SVG path outlines, for the logos and the badge.

An SVG shown through ``<img>`` may not load fonts, and many computers have no Thai font, so text drawn as
outlines is the only way the logo and the badge look the same everywhere. HarfBuzz does the Thai shaping
(stacked vowels and tone marks, SARA AM), so ผู้ใหญ่ and น้ำ come out as Sarabun draws them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen

from smartcity.core.pdf import FONT_DIR

WEIGHTS = ("Regular", "Medium", "SemiBold", "Bold", "ExtraBold")


@dataclass(frozen=True)
class Lettering:
    """One line of text as an SVG path ``d`` and its advance width, in the caller's units."""

    d: str
    width: float


@functools.cache
def _font(weight: str):
    import uharfbuzz as hb

    # The same font files the PDFs embed (imported here: the PDF module brings WeasyPrint with it).

    if weight not in WEIGHTS:
        raise ValueError(f"Sarabun has no weight {weight!r} here")
    path = Path(FONT_DIR) / f"Sarabun-{weight}.ttf"
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    return hb.Font(face), face.upem


def _number(digits: int):
    def ntos(value: float) -> str:
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return "0" if text in ("", "-0") else text

    return ntos


def measure(text: str, *, size: float, weight: str = "Regular", tracking: float = 0.0) -> float:
    """The advance width of ``text`` at ``size`` (tracking is in em, added after every spacing glyph)."""
    return _shape(text, size, weight, tracking)[1]


def _shape(text: str, size: float, weight: str, tracking: float):
    import uharfbuzz as hb

    font, upem = _font(weight)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {"kern": True, "liga": True})
    scale = size / upem
    glyphs, x = [], 0.0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        glyphs.append((info.codepoint, x + position.x_offset * scale, position.y_offset * scale))
        if position.x_advance:
            x += position.x_advance * scale + tracking * size
    # No tracking after the last letter, so centred and right-aligned text sits where it should.
    width = x - (tracking * size if text and tracking else 0.0)
    return glyphs, width


def letter(
    text: str,
    *,
    size: float,
    x: float,
    y: float,
    weight: str = "Regular",
    anchor: str = "start",
    tracking: float = 0.0,
    max_width: float | None = None,
    digits: int = 1,
) -> Lettering:
    """``text`` as outlines with its baseline at ``y``; ``anchor`` is start, middle or end, as in SVG.

    Text wider than ``max_width`` is set smaller until it fits.
    """
    glyphs, width = _shape(text, size, weight, tracking)
    if max_width and width > max_width:
        size *= max_width / width
        glyphs, width = _shape(text, size, weight, tracking)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    font, upem = _font(weight)
    scale = size / upem
    pen = SVGPathPen(None, ntos=_number(digits))
    for gid, gx, gy in glyphs:
        font.draw_glyph_with_pen(gid, TransformPen(pen, (scale, 0, 0, -scale, left + gx, y - gy)))
    return Lettering(d=pen.getCommands(), width=width)
