"""Text on the domains' colours (program data) is chosen to read at WCAG AA (4.5:1)."""

import pytest

from smartcity.core.colours import BLACK, INK, WHITE, contrast, text_on
from smartcity.program.seed import DOMAINS


@pytest.mark.parametrize(("code", "colour"), [(code, colour) for code, _th, _en, colour in DOMAINS])
def test_every_domain_chip_reads_at_aa(code, colour):
    assert contrast(text_on(colour), colour) >= 4.5, code


def test_white_where_it_reads_else_the_ink_else_black():
    assert text_on("#1565c0") == WHITE  # mobility: 5.75:1
    assert text_on("#f9a825") == INK  # energy: amber
    assert text_on("#e65100") == BLACK  # people: white 3.8:1, ink 4.4:1, black 5.5:1


def test_contrast_of_black_on_white_is_21_to_1():
    assert contrast("#000", "#fff") == pytest.approx(21)


def test_a_colour_that_is_not_hex_gets_the_ink():
    assert text_on("rebeccapurple") == INK
