"""Readable text on a coloured background (WCAG 2 relative luminance and contrast ratio).

Colours such as the domains' come from the program's data, so the text on them is chosen here, not by hand:
white where it reaches 4.5:1, otherwise the darkest ink."""

from __future__ import annotations

WHITE = "#ffffff"
INK = "#1b1f24"
BLACK = "#000000"
AA_NORMAL_TEXT = 4.5


def luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb (or #rgb) colour."""
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: str) -> str:
    """White, the site's ink or black: the first that reads at 4.5:1 on ``background``, else the best of them."""
    try:
        candidates = [WHITE, INK, BLACK]
        for colour in candidates:
            if contrast(colour, background) >= AA_NORMAL_TEXT:
                return colour
        return max(candidates, key=lambda colour: contrast(colour, background))
    except (ValueError, IndexError):
        return INK
