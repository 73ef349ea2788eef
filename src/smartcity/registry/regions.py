"""Thailand's five regions as the registry groups provinces, keyed by the DOPA province code.

DOPA numbers provinces by region, so the first digit decides: 1 and 7 central (with Bangkok and the west),
2 east, 3 and 4 northeast, 5 and 6 north, 8 and 9 south. The names are bilingual data (like the domains'),
so templates show them with ``|localized`` and the open data carries both.
"""

from __future__ import annotations

from dataclasses import dataclass

import geothai


@dataclass(frozen=True)
class Region:
    code: str
    name_th: str
    name_en: str

    def name(self, language: str = "th") -> str:
        return self.name_th if language.startswith("th") else self.name_en


REGIONS: dict[str, Region] = {
    region.code: region
    for region in (
        Region("north", "ภาคเหนือ", "North"),
        Region("northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast"),
        Region("central", "ภาคกลาง", "Central"),
        Region("east", "ภาคตะวันออก", "East"),
        Region("south", "ภาคใต้", "South"),
    )
}

_BY_FIRST_DIGIT = {
    "1": "central",
    "7": "central",
    "2": "east",
    "3": "northeast",
    "4": "northeast",
    "5": "north",
    "6": "north",
    "8": "south",
    "9": "south",
}


def region_for_province(province_code: str) -> Region | None:
    """The region of a DOPA province code ("40" → northeast); None for anything that is not a province."""
    if not (isinstance(province_code, str) and len(province_code) == 2 and province_code.isdigit()):
        return None
    if geothai.province(province_code) is None:
        return None
    return REGIONS[_BY_FIRST_DIGIT[province_code[0]]]


def provinces_in_region(region_code: str) -> list[str]:
    """The DOPA codes of every province in the region, in code order."""
    return sorted(
        province.code
        for province in geothai.provinces()
        if (region := region_for_province(province.code)) is not None and region.code == region_code
    )


def all_provinces() -> list[tuple[str, str, str]]:
    """(code, Thai name, English name) of every province, in code order."""
    return sorted((p.code, p.name_th, p.name_en) for p in geothai.provinces())
