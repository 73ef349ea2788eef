"""Areas from the files cities have: KML, KMZ, zipped shapefiles (with and without a projection), and the bad ones."""

import io
import json
import zipfile

import pytest
import shapefile
from django.utils import translation
from pyproj import CRS, Transformer
from shapely.geometry import MultiPolygon

from smartcity.proposals.area_files import MAX_UNZIPPED_BYTES, read_area_file
from smartcity.proposals.geometry import AreaError, area_km2

SQUARE = [(102.80, 16.40), (102.90, 16.40), (102.90, 16.50), (102.80, 16.50), (102.80, 16.40)]


def kml(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"{body}</Document></kml>"
    ).encode()


def polygon_kml(ring=SQUARE) -> str:
    coords = " ".join(f"{x},{y},0" for x, y in ring)
    return (
        "<Placemark><name>ขอนแก่น</name><Polygon><outerBoundaryIs><LinearRing><coordinates>"
        f"{coords}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
    )


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def shapefile_parts(rings, shape_type=shapefile.POLYGON) -> dict[str, bytes]:
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shape_type) as writer:
        writer.field("name", "C")
        if shape_type == shapefile.POLYGON:
            writer.poly([list(reversed(rings))])  # shapefile outer rings run clockwise
        else:
            writer.point(*rings[0])
        writer.record("area")
    return {"area.shp": shp.getvalue(), "area.shx": shx.getvalue(), "area.dbf": dbf.getvalue()}


def code(name: str, data: bytes) -> str:
    with pytest.raises(AreaError) as info:
        read_area_file(name, data)
    return info.value.code


def test_a_kml_polygon_inside_folders_is_read():
    area = read_area_file("area.kml", kml(f"<Folder>{polygon_kml()}</Folder>"))
    assert isinstance(area, MultiPolygon) and area_km2(area) == pytest.approx(117.5, rel=0.02)


def test_a_kmz_is_a_zipped_kml():
    area = read_area_file("area.kmz", zipped({"doc.kml": kml(polygon_kml())}))
    assert area_km2(area) == pytest.approx(117.5, rel=0.02)


def test_points_and_lines_in_a_kml_are_left_and_the_polygons_kept():
    body = "<Placemark><Point><coordinates>102.8,16.4</coordinates></Point></Placemark>" + polygon_kml()
    assert len(read_area_file("area.kml", kml(body)).geoms) == 1


def test_a_kml_without_a_polygon_is_refused_in_thai():
    data = kml("<Placemark><Point><coordinates>102.8,16.4</coordinates></Point></Placemark>")
    with pytest.raises(AreaError) as info:
        read_area_file("pins.kml", data)
    assert info.value.code == "no_polygon"
    with translation.override("th"):
        assert "ไม่มีรูปหลายเหลี่ยม" in str(info.value)


def test_a_kml_with_entities_is_refused_before_parsing():
    bomb = b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaa">]><kml>&a;</kml>'
    assert code("bomb.kml", bomb) == "bad_kml"
    assert code("broken.kml", b"<kml><Document>") == "bad_kml"


def test_a_zipped_shapefile_in_lon_lat():
    area = read_area_file("area.zip", zipped(shapefile_parts(SQUARE)))
    assert area_km2(area) == pytest.approx(117.5, rel=0.02)


def test_a_shapefile_in_utm_47n_is_reprojected_from_its_prj():
    to_utm = Transformer.from_crs(4326, 32647, always_xy=True)
    ring = [to_utm.transform(x, y) for x, y in SQUARE]
    parts = shapefile_parts(ring) | {"area.prj": CRS.from_epsg(32647).to_wkt("WKT1_ESRI").encode()}
    area = read_area_file("utm.zip", zipped(parts))
    assert area.bounds == pytest.approx((102.80, 16.40, 102.90, 16.50), abs=1e-6)


def test_a_projected_shapefile_without_its_prj_is_refused():
    to_utm = Transformer.from_crs(4326, 32647, always_xy=True)
    assert code("utm.zip", zipped(shapefile_parts([to_utm.transform(x, y) for x, y in SQUARE]))) == "unknown_projection"


def test_bad_archives_are_refused_with_a_reason():
    assert code("area.zip", b"PK\x03\x04 this is not a zip") == "bad_zip"
    assert code("area.zip", zipped({"readme.txt": b"hello"})) == "zip_without_area"
    parts = shapefile_parts(SQUARE)
    del parts["area.shx"]
    assert code("area.zip", zipped(parts)) == "shapefile_incomplete"
    points = shapefile_parts([(102.8, 16.4)], shapefile.POINT)
    assert code("points.zip", zipped(points)) == "no_polygon"
    assert code("area.shp", shapefile_parts(SQUARE)["area.shp"]) == "shapefile_not_zipped"


def test_a_zip_bomb_is_refused_without_unpacking_it():
    bomb = zipped({"doc.kml": b" " * (MAX_UNZIPPED_BYTES + 1)})
    assert len(bomb) < 200_000
    with pytest.raises(AreaError) as info:
        read_area_file("bomb.kmz", bomb)
    assert info.value.code == "zip_too_large"
    with translation.override("en"):
        assert "at most 50 MB" in str(info.value)


def test_geojson_still_goes_through_the_same_door():
    geojson = {"type": "Polygon", "coordinates": [[list(p) for p in SQUARE]]}
    assert area_km2(read_area_file("area.geojson", json.dumps(geojson).encode())) == pytest.approx(117.5, rel=0.02)
