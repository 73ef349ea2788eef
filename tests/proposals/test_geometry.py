"""A proposal's area: GeoJSON parsing, validity, the inside-Thailand check and measurements (no database)."""

import json
import math

import numpy as np
import pytest
import shapely
from django.utils import translation
from pyproj import Geod, Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, box, mapping

from smartcity.proposals import geometry
from smartcity.proposals.geometry import (
    MAX_GEOJSON_BYTES,
    MAX_VERTICES,
    AreaError,
    area_km2,
    contains_point,
    from_geojson_dict,
    inside_thailand_point,
    parse_geojson,
    thailand_outline,
    to_geojson,
    utm_epsg,
    validate_area,
    vertex_count,
)

# Mueang Khon Kaen, a 0.1° square (≈ 10.68 km × 11.07 km).
KHON_KAEN = box(102.8, 16.4, 102.9, 16.5)
# On WGS84 at 16.45°N: 0.1° of longitude is N·cos φ·0.1° = 10 679 m and 0.1° of latitude M·0.1° = 11 066 m.
KHON_KAEN_KM2 = 10.679154 * 11.066337
CHIANG_MAI = box(98.95, 18.75, 99.02, 18.82)
PHUKET = box(98.31, 7.85, 98.39, 8.05)  # Phuket Town to Thalang, all on the island
VIENTIANE = box(102.58, 17.99, 102.66, 18.05)
SEA_OFF_VIETNAM = box(109.45, 11.95, 109.55, 12.05)
# Across the Mekong between Vientiane and Nong Khai; about three quarters of it is in Laos.
MEKONG = box(102.5, 17.85, 102.7, 18.10)
BANGKOK = (100.5018, 13.7563)

# Pattaya: two corners inland, the western tip in the Gulf. The tip was placed by bisection on the outline
# (Natural Earth 1:10m), ≈ 300 m from the nearest coast, and 3 km out for the counter-example.
PATTAYA_300M = Polygon([(100.92, 12.925), (100.92, 12.935), (100.8654, 12.93)])
PATTAYA_3KM = Polygon([(100.92, 12.925), (100.92, 12.935), (100.8384, 12.93)])


def geojson(geom) -> str:
    return json.dumps(mapping(geom))


def polygon_json(ring, kind="Polygon") -> str:
    return json.dumps({"type": kind, "coordinates": [ring]})


def code_of(func, *args, **kwargs) -> str:
    with pytest.raises(AreaError) as info:
        func(*args, **kwargs)
    return info.value.code


def metres_outside_thailand(geom) -> float:
    """Independently of the module: how far the farthest vertex lies from the (unbuffered) outline, in m."""
    to_utm = Transformer.from_crs(4326, 32647, always_xy=True)

    def project(g):
        return shapely.transform(g, lambda xy: np.column_stack(to_utm.transform(xy[:, 0], xy[:, 1])))

    outline = project(thailand_outline())
    return max(outline.distance(Point(xy)) for xy in project(geom).exterior.coords)


# --- accepted areas -----------------------------------------------------------------------------------


def test_khon_kaen_is_accepted_with_its_area_and_utm_48n():
    area = validate_area(parse_geojson(geojson(KHON_KAEN)))
    assert isinstance(area, MultiPolygon)
    geodesic_km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(KHON_KAEN)[0]) / 1e6
    assert area_km2(area) == pytest.approx(KHON_KAEN_KM2, rel=0.01)
    assert area_km2(area) == pytest.approx(geodesic_km2, rel=0.01)
    assert round(KHON_KAEN_KM2) == 118
    assert utm_epsg(area) == 32648  # 102.85°E is east of 102°E


def test_chiang_mai_is_in_utm_47n():
    area = validate_area(parse_geojson(geojson(CHIANG_MAI)))
    assert utm_epsg(area) == 32647


def test_ubon_ratchathani_is_in_utm_48n():
    assert utm_epsg(box(104.8, 15.2, 104.9, 15.3)) == 32648


def test_phuket_island_is_accepted():
    island = next(part for part in thailand_outline().geoms if part.contains(Point(98.38, 7.9)))
    assert not island.contains(Point(*BANGKOK))  # a separate polygon of the outline, not the mainland
    assert island.contains(PHUKET)
    area = validate_area(parse_geojson(geojson(PHUKET)))
    assert area.equals(MultiPolygon([PHUKET]))


def test_a_feature_is_accepted():
    feature = {"type": "Feature", "properties": {"name": "Khon Kaen"}, "geometry": mapping(KHON_KAEN)}
    assert parse_geojson(json.dumps(feature)).equals(KHON_KAEN)


def test_a_feature_collection_becomes_one_multipolygon():
    north = box(102.8, 16.45, 102.9, 16.5)
    south = box(102.8, 16.4, 102.9, 16.45)  # shares an edge with north: merged into one polygon
    far = box(98.95, 18.75, 99.02, 18.82)
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": mapping(g)} for g in (north, south, far)],
    }
    area = validate_area(parse_geojson(json.dumps(collection).encode()))
    assert isinstance(area, MultiPolygon)
    assert len(area.geoms) == 2
    assert area.area == pytest.approx(KHON_KAEN.area + far.area)


def test_a_multipolygon_and_bytes_with_a_bom_are_accepted():
    data = "\ufeff" + json.dumps(mapping(MultiPolygon([KHON_KAEN, CHIANG_MAI])))
    assert len(validate_area(parse_geojson(data.encode("utf-8"))).geoms) == 2


def test_an_altitude_is_dropped():
    ring = [[102.8, 16.4, 160], [102.9, 16.4, 170], [102.9, 16.5, 180], [102.8, 16.4, 160]]
    area = parse_geojson(polygon_json(ring))
    assert not area.has_z
    assert vertex_count(area) == 4


# --- invalid areas ------------------------------------------------------------------------------------


BOW_TIE = [[102.8, 16.4], [102.9, 16.5], [102.9, 16.4], [102.8, 16.5], [102.8, 16.4]]


def test_a_bow_tie_is_invalid_and_the_reason_is_given():
    geom = parse_geojson(polygon_json(BOW_TIE))
    with pytest.raises(AreaError) as info:
        validate_area(geom)
    assert info.value.code == "invalid_geometry"
    with translation.override("en"):
        assert "its edges cross each other" in str(info.value) and "repaired automatically" in str(info.value)
    with translation.override("th"):
        assert "Self-intersection" not in str(info.value)


def test_a_bow_tie_can_be_repaired():
    area = validate_area(parse_geojson(polygon_json(BOW_TIE)), repair=True)
    assert isinstance(area, MultiPolygon)
    assert area.is_valid
    assert len(area.geoms) == 2  # the two triangles
    assert area.area == pytest.approx(0.1 * 0.1 / 2)


def test_an_outline_collapsed_to_a_line_cannot_be_repaired():
    flat = [[102.8, 16.4], [102.85, 16.4], [102.9, 16.4], [102.8, 16.4]]  # a sliver along one parallel
    with pytest.raises(AreaError) as info:
        validate_area(parse_geojson(polygon_json(flat)), repair=True)
    assert info.value.code == "invalid_geometry"
    with translation.override("en"):
        assert str(info.value) == "The area's outline is invalid and could not be repaired."


def test_validate_area_refuses_a_non_polygon():
    assert code_of(validate_area, Point(102.8, 16.4)) == "wrong_type"


def test_an_area_in_laos_is_outside_thailand():
    assert code_of(validate_area, parse_geojson(geojson(VIENTIANE))) == "outside_thailand"


def test_an_area_in_the_sea_off_vietnam_is_outside_thailand():
    assert code_of(validate_area, parse_geojson(geojson(SEA_OFF_VIETNAM))) == "outside_thailand"


def test_an_area_across_the_mekong_is_outside_thailand():
    assert MEKONG.intersection(thailand_outline()).area > 0
    assert MEKONG.difference(thailand_outline()).area > MEKONG.area / 2
    with pytest.raises(AreaError) as info:
        validate_area(parse_geojson(geojson(MEKONG)))
    assert info.value.code == "partly_outside"
    assert float(info.value.params["percent"]) > 50
    with translation.override("en"):
        assert "outside Thailand, to the north-east" in str(info.value)
    clipped = validate_area(parse_geojson(geojson(MEKONG)), clip=True)
    assert 0 < clipped.area < MEKONG.area / 2


def test_an_area_300_m_beyond_the_coastline_is_within_tolerance():
    assert not thailand_outline().contains(PATTAYA_300M)
    assert 250 < metres_outside_thailand(PATTAYA_300M) < 350
    assert validate_area(parse_geojson(geojson(PATTAYA_300M))).equals(MultiPolygon([PATTAYA_300M]))


def test_an_area_3_km_beyond_the_coastline_is_outside_thailand():
    assert 2900 < metres_outside_thailand(PATTAYA_3KM) < 3100
    assert code_of(validate_area, parse_geojson(geojson(PATTAYA_3KM))) in ("outside_thailand", "partly_outside")


def test_points_in_and_out_of_thailand():
    assert inside_thailand_point(*BANGKOK)
    assert inside_thailand_point(100.8654, 12.93)  # 300 m off Pattaya
    assert not inside_thailand_point(100.8384, 12.93)  # 3 km off Pattaya
    assert not inside_thailand_point(102.6, 18.0)  # Vientiane
    assert not inside_thailand_point(float("nan"), 13.0)
    assert not inside_thailand_point(100.5, 95.0)


# --- refused uploads ----------------------------------------------------------------------------------


def test_an_unclosed_ring_is_refused_before_shapely_closes_it():
    ring = [[102.8, 16.4], [102.9, 16.4], [102.9, 16.5], [102.8, 16.5]]
    assert code_of(parse_geojson, polygon_json(ring)) == "unclosed_ring"


def test_a_ring_needs_four_positions():
    ring = [[102.8, 16.4], [102.9, 16.4], [102.8, 16.4]]
    assert code_of(parse_geojson, polygon_json(ring)) == "too_few_points"


@pytest.mark.parametrize(
    "obj",
    [
        {"type": "Point", "coordinates": [102.8, 16.4]},
        {"type": "LineString", "coordinates": [[102.8, 16.4], [102.9, 16.5]]},
        {"type": "GeometryCollection", "geometries": []},
    ],
)
def test_other_geometry_types_are_refused_by_name(obj):
    with pytest.raises(AreaError) as info:
        parse_geojson(json.dumps(obj))
    assert info.value.code == "wrong_type"
    with translation.override("en"):
        assert str(info.value) == f"The file contains a {obj['type']}; the area must be a Polygon or MultiPolygon."


def test_a_point_feature_in_a_collection_is_refused():
    point = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [100.5, 13.7]}}
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": mapping(KHON_KAEN)}, point],
    }
    assert code_of(parse_geojson, json.dumps(collection)) == "wrong_type"


def test_too_many_vertices():
    n = 100_000  # a circle of 100,000 points plus the closing one, around Khon Kaen
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    ring = np.column_stack([102.85 + 0.05 * np.cos(t), 16.45 + 0.05 * np.sin(t)]).tolist()
    ring.append(ring[0])
    with pytest.raises(AreaError) as info:
        parse_geojson(polygon_json(ring))
    assert info.value.code == "too_many_vertices"
    with translation.override("en"):
        assert str(info.value) == ("The area has 100,001 points; at most 50,000 are allowed. Please simplify it.")


def test_the_vertex_limit_itself_is_allowed():
    t = np.linspace(0, 2 * math.pi, MAX_VERTICES - 1, endpoint=False)
    ring = np.column_stack([102.85 + 0.05 * np.cos(t), 16.45 + 0.05 * np.sin(t)]).tolist()
    ring.append(ring[0])
    area = validate_area(parse_geojson(polygon_json(ring)))
    assert vertex_count(area) == MAX_VERTICES


def test_a_6_mb_payload_is_refused_before_json_parsing(monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("json.loads must not see an oversized payload")

    payload = geojson(KHON_KAEN) + " " * (6 * 1024 * 1024)
    monkeypatch.setattr(geometry.json, "loads", no_parsing)
    with pytest.raises(AreaError) as info:
        parse_geojson(payload)
    assert info.value.code == "too_large"
    with translation.override("en"):
        assert str(info.value) == "The GeoJSON file is 6.1 MB; the limit is 5 MB."


def test_a_payload_of_exactly_5_mb_is_parsed():
    payload = geojson(KHON_KAEN).encode()
    payload += b" " * (MAX_GEOJSON_BYTES - len(payload))
    assert parse_geojson(payload).equals(KHON_KAEN)


def test_just_over_5_mb_never_reads_as_5_0():
    with pytest.raises(AreaError) as info:
        parse_geojson(b" " * (MAX_GEOJSON_BYTES + 1))
    assert info.value.params["size"] == "5.1"


@pytest.mark.parametrize("data", ["{", "not json", b"\xff\xfe\x00garbage", "[" * 100_000])
def test_invalid_json(data):
    assert code_of(parse_geojson, data) == "invalid_json"


@pytest.mark.parametrize(
    "obj",
    [
        {},
        {"type": "Polygon"},
        [],
        "Polygon",
        {"type": "Polygon", "coordinates": "102.8,16.4"},
        {"type": "Polygon", "coordinates": [[102.8, 16.4], [102.9, 16.4]]},  # one nesting level missing
        {"type": "Feature", "properties": {}},
        {"type": "FeatureCollection"},
        {"type": "Topology", "objects": {}},
    ],
)
def test_not_geojson(obj):
    assert code_of(parse_geojson, json.dumps(obj)) == "not_geojson"


@pytest.mark.parametrize(
    "bad",
    [
        [float("nan"), 16.4],
        [102.8, float("inf")],
        [181.0, 16.4],
        [102.8, -90.5],
        ["102.8", "16.4"],
        [True, 16.4],
        [102.8],
        [102.8, None],
        [10**400, 16.4],  # a JSON integer too big for a float
    ],
)
def test_bad_coordinates(bad):
    ring = [bad, [102.9, 16.4], [102.9, 16.5], bad]
    # json.dumps writes NaN/Infinity, which Python's json (and some GIS exports) accept.
    assert code_of(parse_geojson, polygon_json(ring)) == "bad_coordinates"


@pytest.mark.parametrize(
    "obj",
    [
        {"type": "Polygon", "coordinates": []},
        {"type": "Polygon", "coordinates": [[]]},
        {"type": "MultiPolygon", "coordinates": []},
        {"type": "FeatureCollection", "features": []},
        {"type": "Feature", "properties": {}, "geometry": None},
    ],
)
def test_empty(obj):
    assert code_of(parse_geojson, json.dumps(obj)) == "empty"


def test_an_empty_shapely_geometry_is_refused():
    assert code_of(validate_area, Polygon()) == "empty"


def test_messages_are_in_english_when_english_is_active():
    with pytest.raises(AreaError) as info:
        validate_area(parse_geojson(geojson(VIENTIANE)))
    with translation.override("en"):
        assert str(info.value) == "The area must lie within Thailand."
    with pytest.raises(AreaError) as info:
        parse_geojson("{")
    with translation.override("en"):
        assert str(info.value) == "The file is not valid JSON."


# --- export, points, counting -------------------------------------------------------------------------


def test_to_geojson_rounds_to_6_decimals_and_round_trips():
    area = MultiPolygon([box(102.81234567, 16.41234567, 102.9, 16.5)])
    exported = to_geojson(area)
    assert exported["type"] == "MultiPolygon"
    assert [102.812346, 16.412346] in exported["coordinates"][0][0]
    assert json.loads(json.dumps(exported)) == exported  # plain lists and floats
    assert from_geojson_dict(exported).equals_exact(area, tolerance=1e-6)


def test_from_geojson_dict_applies_the_same_checks():
    assert code_of(from_geojson_dict, {"type": "Point", "coordinates": [100.5, 13.7]}) == "wrong_type"


def test_contains_point():
    area = validate_area(parse_geojson(geojson(KHON_KAEN)))
    assert contains_point(area, 102.83, 16.43)
    assert contains_point(area, 102.8, 16.45)  # on the outline
    assert not contains_point(area, 102.95, 16.43)


def test_vertex_count_includes_closing_points():
    assert vertex_count(KHON_KAEN) == 5
    assert vertex_count(MultiPolygon([KHON_KAEN, CHIANG_MAI])) == 10


def test_thailand_outline_is_a_valid_multipolygon():
    outline = thailand_outline()
    assert isinstance(outline, MultiPolygon)
    assert outline.is_valid
    assert outline.contains(Point(*BANGKOK))
    assert outline is thailand_outline()  # cached
