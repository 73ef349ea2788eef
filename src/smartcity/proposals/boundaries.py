"""Thailand's administrative boundaries shipped with the platform (static/boundaries/th, built by
scripts/build_boundaries.py), and the place search over geothai's names and DOPA codes.

The same files the map loads in the browser are read here, so "use this boundary as my area" merges exactly
the shapes the applicant saw.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import geothai
import shapely
from django.utils.translation import gettext_lazy as _
from shapely.geometry import MultiPolygon, shape

from smartcity.core.errors import CheckFailed

MAX_BOUNDARIES = 20
_LEVEL_BY_LENGTH = {2: "province", 4: "district", 6: "subdistrict"}


class BoundaryError(CheckFailed):
    """Why a boundary could not be used as an area."""


def _folder():
    return resources.files("smartcity") / "static" / "boundaries" / "th"


@functools.lru_cache(maxsize=1)
def manifest() -> dict:
    return json.loads((_folder() / "manifest.json").read_text(encoding="utf-8"))


def levels() -> list[str]:
    """The levels that have shapes in this build: always provinces; districts and subdistricts when built."""
    return list(manifest()["levels"])


@functools.lru_cache(maxsize=1)
def _province_boxes() -> dict[str, list[float]]:
    overview = json.loads((_folder() / "provinces.json").read_text(encoding="utf-8"))
    return {f["properties"]["code"]: f["properties"]["bbox"] for f in overview["features"]}


@functools.lru_cache(maxsize=16)
def _province_file(province_code: str) -> dict[str, dict]:
    path = _folder() / "p" / f"{province_code}.json"
    if not province_code.isdigit() or not path.is_file():
        return {}
    return {f["properties"]["code"]: f for f in json.loads(path.read_text(encoding="utf-8"))["features"]}


def boundary_feature(code: str) -> dict | None:
    """The shipped GeoJSON feature of a province, district or subdistrict, or None when it has no shape here."""
    if not isinstance(code, str) or len(code) not in _LEVEL_BY_LENGTH:
        return None
    return _province_file(code[:2]).get(code)


def merged_area(codes: list[str]) -> MultiPolygon:
    """The union of the chosen boundaries: the starting area that the applicant then edits."""
    unique = list(dict.fromkeys(codes))
    if not unique:
        raise BoundaryError("no_boundary", _("Choose at least one boundary."))
    if len(unique) > MAX_BOUNDARIES:
        raise BoundaryError(
            "too_many_boundaries", _("Choose at most %(max)s boundaries at once."), {"max": MAX_BOUNDARIES}
        )
    shapes = []
    for code in unique:
        found = boundary_feature(code)
        if found is None:
            raise BoundaryError(
                "unknown_boundary",
                _("There is no boundary with the code “%(code)s” on this platform's map."),
                {"code": str(code)[:20]},
            )
        shapes.append(shape(found["geometry"]))
    union = shapely.union_all(shapes)
    return union if isinstance(union, MultiPolygon) else MultiPolygon([union])


@dataclass(frozen=True)
class Place:
    level: str
    code: str
    name_th: str
    name_en: str
    province_code: str
    bbox: list[float]
    has_shape: bool

    def name(self, language: str) -> str:
        return self.name_en if language.startswith("en") else self.name_th

    def within(self, language: str) -> str:
        """The province (and district) the place is in, for telling apart places of the same name."""
        parts = []
        district = geothai.district(self.code[:4]) if self.level == "subdistrict" else None
        province = geothai.province(self.province_code) if self.level != "province" else None
        for area in (district, province):
            if area is not None:
                parts.append(area.name_en if language.startswith("en") else area.name_th)
        return ", ".join(parts)

    def as_dict(self, language: str) -> dict:
        return {
            "level": self.level,
            "code": self.code,
            "name": self.name(language),
            "name_th": self.name_th,
            "name_en": self.name_en,
            "within": self.within(language),
            "province_code": self.province_code,
            "bbox": self.bbox,
            "has_shape": self.has_shape,
        }


def search_places(query: str, limit: int = 10) -> list[Place]:
    """Provinces, districts and subdistricts whose Thai or English name contains the query (geothai's search),
    each with the bounding box to zoom to: its own shape when shipped, else its province's."""
    query = (query or "").strip()[:100]
    if not query:
        return []
    shipped = set(levels())
    places = []
    for result in geothai.search(query, limit=limit):
        area = result.area
        province_code = area.code[:2]
        feature = boundary_feature(area.code) if result.level in shipped else None
        box = feature["properties"].get("bbox") if feature else None
        if box is None and feature is not None:
            box = [round(v, 4) for v in shape(feature["geometry"]).bounds]
        places.append(
            Place(
                level=result.level,
                code=area.code,
                name_th=area.name_th,
                name_en=area.name_en,
                province_code=province_code,
                bbox=box or _province_boxes().get(province_code, []),
                has_shape=feature is not None,
            )
        )
    return places
