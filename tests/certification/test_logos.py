"""The seven logo variants: the committed files are what ``logos.py`` makes, and they need no font."""

import io

import pytest
from django.core.management import call_command
from PIL import Image

from smartcity.certification import logos
from smartcity.certification.lettering import letter, measure
from smartcity.certification.links import logo_urls
from smartcity.program.models import Domain

CODES = ["environment", "mobility", "living", "people", "energy", "economy", "governance"]


def test_one_variant_per_domain_of_the_program():
    assert list(logos.VARIANTS) == CODES


@pytest.mark.django_db
def test_the_variants_follow_the_domains_in_the_database():
    assert sorted(logos.VARIANTS) == sorted(Domain.objects.values_list("code", flat=True))


def test_the_committed_files_are_exactly_what_logos_py_makes():
    committed = {path.name for path in logos.OUTPUT_DIR.iterdir()}
    assert committed == {f"{code}.{kind}" for code in CODES for kind in ("svg", "png")}
    for code in CODES:
        assert (logos.OUTPUT_DIR / f"{code}.svg").read_text(encoding="utf-8") == logos.svg(code), (
            f"{code}.svg is out of date: run manage.py render_logos"
        )


@pytest.mark.parametrize("code", CODES)
def test_each_png_is_a_512_pixel_square_on_a_transparent_ground(code):
    image = Image.open(logos.OUTPUT_DIR / f"{code}.png")
    assert image.format == "PNG"
    assert image.size == (logos.PNG_SIZE, logos.PNG_SIZE) == (512, 512)
    assert image.mode == "RGBA"
    assert image.getpixel((2, 2))[3] == 0
    # The emblem's centre is drawn, opaque.
    assert image.getpixel((256, 60))[3] == 255


@pytest.mark.parametrize("code", CODES)
def test_a_variant_names_its_domain_and_needs_no_font(code):
    svg = logos.svg(code)
    variant = logos.VARIANTS[code]
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"')
    assert f'<title id="sct-{code}-title">Smart City Thailand — {variant.name_en} ({variant.name_th})</title>' in svg
    assert "<text" not in svg and "font-family" not in svg and "@font-face" not in svg
    assert variant.colour in svg


@pytest.mark.parametrize("code", CODES)
def test_the_domain_names_are_printed_in_a_colour_that_reads_on_white(code):
    assert logos.contrast_on_white(logos.VARIANTS[code].ink) >= 4.5


def test_thai_is_shaped_marks_take_no_room():
    # Tone marks and upper vowels sit on their consonant: HarfBuzz did the shaping.
    assert measure("ที่", size=100, weight="Bold") == pytest.approx(measure("ท", size=100, weight="Bold"))
    assert measure("ผู้ใหญ่", size=100) == pytest.approx(measure("ผใหญ", size=100))
    wide = letter("การเดินทางและขนส่งอัจฉริยะ", size=42, x=0, y=0, weight="Bold", max_width=200)
    assert wide.width == pytest.approx(200)


def test_the_command_writes_every_file(tmp_path):
    call_command("render_logos", output=tmp_path, stdout=io.StringIO())
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        f"{code}.{kind}" for code in CODES for kind in ("svg", "png")
    )
    assert Image.open(tmp_path / "energy.png").size == (512, 512)
    assert (tmp_path / "energy.svg").read_text(encoding="utf-8") == logos.svg("energy")


def test_the_command_checks_the_files(tmp_path):
    from django.core.management.base import CommandError

    call_command("render_logos", check=True, stdout=io.StringIO())
    call_command("render_logos", output=tmp_path, svg_only=True, stdout=io.StringIO())
    (tmp_path / "people.svg").write_text("<svg/>", encoding="utf-8")
    with pytest.raises(CommandError, match="people"):
        call_command("render_logos", output=tmp_path, check=True, stdout=io.StringIO())


def test_logo_urls_are_static_files():
    assert logo_urls("mobility") == {
        "svg": "/static/certification/logos/mobility.svg",
        "png": "/static/certification/logos/mobility.png",
    }
