"""A proposal's area on the map: parse and check the GeoJSON a city uploads, measure it, test points.

Everything here is a pure function on shapely geometries in lon/lat (EPSG:4326); nothing touches the database.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import TypeAlias

import numpy as np
import shapely
from django.utils.translation import gettext_lazy as _
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.validation import explain_validity

from smartcity.core.errors import CheckFailed

MAX_GEOJSON_BYTES = 5 * 1024 * 1024
MAX_VERTICES = 50_000
THAILAND_TOLERANCE_M = 1000

# The whole outline is buffered in one metric CRS; UTM 47N is off by < 0.5 % at Thailand's eastern tip,
# i.e. a few metres of the 1 km tolerance, which is fine for "is this area in Thailand at all?".
_OUTLINE_EPSG = 32647
_MIB = 1024 * 1024
_AREA_TYPES = ("Polygon", "MultiPolygon")
_OTHER_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection")

Area: TypeAlias = Polygon | MultiPolygon


class AreaError(CheckFailed):
    """Why an uploaded area was refused."""


def _mb(n_bytes: int) -> str:
    """Size in MB rounded *up* to 0.1, so a file just over the limit never reads as "5.0 MB"."""
    return f"{math.ceil(n_bytes * 10 / _MIB) / 10:.1f}"


def parse_geojson(data: bytes | str) -> Area:
    """A Polygon/MultiPolygon from an uploaded GeoJSON geometry, Feature or FeatureCollection."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    # Size first: never hand json.loads an oversized (possibly hostile) payload.
    if len(raw) > MAX_GEOJSON_BYTES:
        raise AreaError(
            "too_large",
            _("The GeoJSON file is %(size)s MB; the limit is %(limit)s MB."),
            {"size": _mb(len(raw)), "limit": MAX_GEOJSON_BYTES // _MIB},
        )
    try:
        obj = json.loads(raw)  # bytes: json detects UTF-8/16/32 and skips a UTF-8 BOM
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise AreaError("invalid_json", _("The file is not valid JSON.")) from exc
    return from_geojson_dict(obj)


def from_geojson_dict(d) -> Area:
    """Like parse_geojson for an already decoded object (e.g. a stored JSONField value)."""
    if not isinstance(d, dict):
        raise _not_geojson()
    kind = d.get("type")
    if kind == "FeatureCollection":
        features = d.get("features")
        if not isinstance(features, list):
            raise _not_geojson()
        return _union([_feature_geometry(f) for f in features])
    if kind == "Feature":
        return _feature_geometry(d)
    return _geometry(d)


def _not_geojson() -> AreaError:
    return AreaError("not_geojson", _("The file is JSON but not a GeoJSON polygon, feature or feature collection."))


def _wrong_type(kind: str) -> AreaError:
    return AreaError(
        "wrong_type",
        _("The file contains a %(type)s; the area must be a Polygon or MultiPolygon."),
        {"type": kind},
    )


def _feature_geometry(feature) -> Area:
    if not isinstance(feature, dict) or feature.get("type") != "Feature" or "geometry" not in feature:
        raise _not_geojson()
    if feature["geometry"] is None:  # GeoJSON allows "unlocated" features
        raise _empty()
    return _geometry(feature["geometry"])


def _geometry(d) -> Area:
    if not isinstance(d, dict):
        raise _not_geojson()
    kind = d.get("type")
    if kind in _OTHER_TYPES:
        raise _wrong_type(kind)
    if kind not in _AREA_TYPES or not isinstance(d.get("coordinates"), list):
        raise _not_geojson()
    polygons = d["coordinates"] if kind == "MultiPolygon" else [d["coordinates"]]
    rings = [_lists(ring) for polygon in _lists(polygons) for ring in _lists(polygon)]
    count = sum(len(ring) for ring in rings)
    if count == 0:
        raise _empty()
    # Counted on the raw lists before any per-point work, so a huge upload is refused cheaply.
    if count > MAX_VERTICES:
        raise too_many_vertices(count)
    for ring in rings:
        _check_ring(ring)
    # Shapely would silently close an open ring, so everything above runs on the raw coordinates.
    # An altitude, if given, is dropped: the area is a 2-D footprint.
    flat = [[[position[:2] for position in ring] for ring in polygon] for polygon in polygons if polygon]
    return shape({"type": kind, "coordinates": flat if kind == "MultiPolygon" else flat[0]})


def too_many_vertices(count: int) -> AreaError:
    return AreaError(
        "too_many_vertices",
        _("The area has %(count)s points; at most %(limit)s are allowed. Please simplify it."),
        {"count": f"{count:,}", "limit": f"{MAX_VERTICES:,}"},
    )


def _lists(value) -> list:
    """The GeoJSON nesting must be lists all the way down to the positions."""
    if not isinstance(value, list) or not all(isinstance(item, list) for item in value):
        raise _not_geojson()
    return value


def _check_ring(ring: list) -> None:
    for position in ring:
        _check_position(position)
    if len(ring) >= 2 and ring[0][:2] != ring[-1][:2]:
        raise AreaError(
            "unclosed_ring", _("An outline of the area is not closed: its last point must equal its first.")
        )
    if len(ring) < 4:
        raise AreaError("too_few_points", _("An outline of the area needs at least 4 points (3 corners)."))


def _check_position(position: list) -> None:
    if not _valid_position(position):
        raise AreaError(
            "bad_coordinates",
            _(
                "The file has an invalid coordinate: each point must be a longitude (-180 to 180) "
                "and a latitude (-90 to 90)."
            ),
        )


def _valid_position(position) -> bool:
    # NaN and ±inf fail the range tests; true/false are ints in Python but never coordinates.
    numbers = len(position) >= 2 and all(
        isinstance(v, int | float) and not isinstance(v, bool) and (isinstance(v, int) or math.isfinite(v))
        for v in position
    )
    return numbers and -180 <= position[0] <= 180 and -90 <= position[1] <= 90


def _union(parts: list[Area]) -> MultiPolygon:
    """Features of one collection become one area; touching or overlapping parts are merged."""
    if not parts:
        raise _empty()
    polygons = [p for part in parts for p in (part.geoms if isinstance(part, MultiPolygon) else [part])]
    multi = MultiPolygon(polygons)
    # An invalid part would make GEOS's union fail; leave it as is for validate_area to explain or repair.
    if multi.is_valid or not all(p.is_valid for p in polygons):
        return multi
    return _as_multi(shapely.union_all(polygons))


def _empty() -> AreaError:
    return AreaError("empty", _("The area is empty: draw or upload at least one polygon."))


def validate_area(geom: Area, *, repair: bool = False, clip: bool = False) -> MultiPolygon:
    """The area as a valid MultiPolygon inside Thailand, or AreaError.

    ``repair``: the applicant agreed to fix a self-crossing outline. ``clip``: the applicant agreed to cut off
    the part outside Thailand. Neither happens without that agreement."""
    if not isinstance(geom, Polygon | MultiPolygon):
        raise _wrong_type(geom.geom_type)
    if geom.is_empty:
        raise _empty()
    _check_holes(geom)
    if not geom.is_valid:
        if not repair:
            raise AreaError(
                "invalid_geometry",
                _("The area's outline is invalid (%(reason)s). It can be repaired automatically if you agree."),
                {"reason": invalidity_reason(geom)},
            )
        geom = _repaired(geom)
    return _inside_thailand(_as_multi(geom), clip=clip)


def _check_holes(geom: Area) -> None:
    """A hole must lie inside its outline. GEOS would "repair" a hole larger than its shell by turning the
    area inside out, so such a polygon is refused whatever the applicant agreed to."""
    for polygon in geom.geoms if isinstance(geom, MultiPolygon) else [geom]:
        shell = Polygon(polygon.exterior)
        for ring in polygon.interiors:
            hole = Polygon(ring)
            if abs(hole.area) >= abs(shell.area) or not shell.buffer(0).covers(hole.buffer(0)):
                raise AreaError(
                    "hole_outside_shell",
                    _(
                        "A hole of the area lies outside its outline or is larger than it. Check which ring is "
                        "the outline: it must come first and enclose every hole."
                    ),
                )


_GEOS_REASONS = {
    "Self-intersection": _("its edges cross each other"),
    "Ring Self-intersection": _("an outline touches itself"),
    "Hole lies outside shell": _("a hole lies outside the outline"),
    "Nested holes": _("a hole lies inside another hole"),
    "Interior is disconnected": _("the holes cut the area into pieces"),
    "Nested shells": _("one part lies inside another part"),
    "Duplicate Rings": _("an outline is repeated"),
    "Too few points": _("an outline has too few points"),
    "Invalid Coordinate": _("a coordinate is not a number"),
    "Ring is not closed": _("an outline is not closed"),
}


def invalidity_reason(geom):
    """Why GEOS finds the shape invalid, in the reader's language (GEOS itself speaks English only): a lazy
    text, read in the language of whoever reads the message."""
    reason = explain_validity(geom)
    kind = reason.split("[", 1)[0].strip()
    return _GEOS_REASONS.get(kind, _("its outline is not a simple closed shape"))


_DIRECTIONS = (
    _("east"),
    _("north-east"),
    _("north"),
    _("north-west"),
    _("west"),
    _("south-west"),
    _("south"),
    _("south-east"),
)


def _inside_thailand(multi: MultiPolygon, *, clip: bool) -> MultiPolygon:
    projected = _project(multi, _OUTLINE_EPSG)
    thailand = _thailand_buffered()
    if thailand.covers(projected):
        return multi
    inside = projected.intersection(thailand)
    if inside.area <= 0:
        raise AreaError("outside_thailand", _("The area must lie within Thailand."))
    outside = projected.difference(thailand)
    if not clip:
        raise AreaError(
            "partly_outside",
            _(
                "%(km2)s km² of the area (%(percent)s%%) lies outside Thailand, to the %(direction)s. "
                "Change the outline, or tick “clip the area to Thailand” and save again to cut that part off."
            ),
            {
                "km2": f"{outside.area / 1_000_000:,.2f}",
                "percent": f"{100 * outside.area / projected.area:.1f}",
                "direction": _direction(projected.centroid, outside.centroid),
            },
        )
    clipped = multi.intersection(_thailand_buffered_lonlat())
    parts = [p for p in shapely.get_parts(clipped) if isinstance(p, Polygon) and not p.is_empty]
    return MultiPolygon(parts)


def _direction(origin, target):
    angle = math.degrees(math.atan2(target.y - origin.y, target.x - origin.x)) % 360
    return _DIRECTIONS[int(((angle + 22.5) % 360) // 45)]


def outside_part(geom) -> dict | None:
    """The part of an area outside Thailand (with the tolerance), as GeoJSON, for the map to show."""
    outside = geom.difference(_thailand_buffered_lonlat())
    return None if outside.is_empty else to_geojson(outside)


def _repaired(geom: Area) -> MultiPolygon:
    # make_valid may also return lines and points (e.g. a collapsed spike); only surfaces make an area.
    fixed = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(fixed) if isinstance(p, Polygon | MultiPolygon) and not p.is_empty]
    if not parts:
        raise AreaError("invalid_geometry", _("The area's outline is invalid and could not be repaired."))
    return _as_multi(shapely.union_all(parts))


def _as_multi(geom) -> MultiPolygon:
    return geom if isinstance(geom, MultiPolygon) else MultiPolygon([geom])


@functools.lru_cache(maxsize=1)
def thailand_outline() -> MultiPolygon:
    """Thailand's outline (Natural Earth 1:10m) in lon/lat."""
    path = resources.files("smartcity.proposals") / "data" / "thailand.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    return _as_multi(shape(collection["features"][0]["geometry"]))


@functools.lru_cache(maxsize=1)
def _thailand_buffered():
    """The outline in metres, grown by the tolerance (the 1:10m coast is off by up to a few hundred m)."""
    buffered = _project(thailand_outline(), _OUTLINE_EPSG).buffer(THAILAND_TOLERANCE_M)
    shapely.prepare(buffered)  # many covers() calls against one big polygon
    return buffered


@functools.lru_cache(maxsize=1)
def _thailand_buffered_lonlat():
    """The same grown outline back in lon/lat: what "clip to Thailand" cuts with, so the result passes the check."""
    back = Transformer.from_crs(_OUTLINE_EPSG, 4326, always_xy=True)
    return shapely.transform(_thailand_buffered(), lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1])))


@functools.lru_cache(maxsize=4)
def _transformer(epsg: int) -> Transformer:
    return Transformer.from_crs(4326, epsg, always_xy=True)


def _project(geom, epsg: int):
    transformer = _transformer(epsg)
    return shapely.transform(geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def inside_thailand_point(lon: float, lat: float) -> bool:
    """Is the point in Thailand, with the same 1 km tolerance as areas?"""
    return _valid_position([lon, lat]) and _thailand_buffered().covers(_project(Point(lon, lat), _OUTLINE_EPSG))


def utm_epsg(geom) -> int:
    """UTM 47N west of 102°E, 48N east of it: Thailand straddles both zones (Ubon Ratchathani is in 48N)."""
    return 32647 if geom.centroid.x < 102 else 32648


def area_km2(geom) -> float:
    return _project(geom, utm_epsg(geom)).area / 1_000_000


def vertex_count(geom) -> int:
    return int(shapely.get_num_coordinates(geom))


def contains_point(area_geom, lon: float, lat: float) -> bool:
    """Is the point in the area (a point on the outline counts as inside)?"""
    return bool(area_geom.covers(Point(lon, lat)))


def to_geojson(geom) -> dict:
    """The GeoJSON geometry as plain dicts and lists; 6 decimals is about 0.1 m."""
    return _rounded(mapping(geom))


def _rounded(value):
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(item) for item in value]
    if isinstance(value, float):
        return round(value, 6)
    return value
