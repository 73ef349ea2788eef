"""Provinces belong to the five regions by the first digit of their DOPA code."""

import geothai
import pytest

from smartcity.registry.regions import REGIONS, all_provinces, provinces_in_region, region_for_province


@pytest.mark.parametrize(
    "code, region",
    [
        ("10", "central"),  # Bangkok
        ("13", "central"),  # Pathum Thani
        ("71", "central"),  # Kanchanaburi (the west)
        ("77", "central"),  # Prachuap Khiri Khan
        ("20", "east"),  # Chon Buri
        ("24", "east"),  # Chachoengsao
        ("27", "east"),  # Sa Kaeo
        ("30", "northeast"),  # Nakhon Ratchasima
        ("40", "northeast"),  # Khon Kaen
        ("49", "northeast"),  # Mukdahan
        ("50", "north"),  # Chiang Mai
        ("58", "north"),  # Mae Hong Son
        ("65", "north"),  # Phitsanulok
        ("83", "south"),  # Phuket
        ("90", "south"),  # Songkhla
        ("96", "south"),  # Narathiwat
    ],
)
def test_a_province_belongs_to_its_region(code, region):
    assert region_for_province(code).code == region


@pytest.mark.parametrize("code", ["", "0", "00", "28", "99", "1", "100", "ab", None, 40])
def test_anything_that_is_not_a_province_has_no_region(code):
    assert region_for_province(code) is None


def test_every_province_is_in_exactly_one_region():
    codes = [code for code, _th, _en in all_provinces()]
    assert len(codes) == len(list(geothai.provinces())) == 77
    by_region = {region: provinces_in_region(region) for region in REGIONS}
    assert sorted(code for codes_ in by_region.values() for code in codes_) == sorted(codes)
    assert {region: len(codes_) for region, codes_ in by_region.items()} == {
        "north": 17,
        "northeast": 20,
        "central": 18,
        "east": 8,
        "south": 14,
    }


def test_regions_have_thai_and_english_names():
    assert [(r.code, r.name_th, r.name_en) for r in REGIONS.values()] == [
        ("north", "ภาคเหนือ", "North"),
        ("northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast"),
        ("central", "ภาคกลาง", "Central"),
        ("east", "ภาคตะวันออก", "East"),
        ("south", "ภาคใต้", "South"),
    ]
    assert REGIONS["south"].name("en") == "South" and REGIONS["south"].name("th") == "ภาคใต้"
