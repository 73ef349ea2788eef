"""Read an area from the files cities have: GeoJSON, KML, KMZ (zipped KML) and zipped ESRI Shapefiles.

Each reader turns its file into a GeoJSON geometry (plain dicts and lists) that goes through the same checks as
an uploaded GeoJSON file (geometry.from_geojson_dict): limits, closed rings, coordinates. KML is read with
fastkml, shapefiles with pyshp, and a shapefile's .prj is honoured with pyproj.
"""

from __future__ import annotations

import io
import warnings
import zipfile

import shapefile
from django.utils.translation import gettext_lazy as _
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from .geometry import (
    MAX_GEOJSON_BYTES,
    MAX_VERTICES,
    Area,
    AreaError,
    _mb,
    from_geojson_dict,
    parse_geojson,
    too_many_vertices,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # fastkml warns that lxml is missing; the standard library parser is enough
    from fastkml import kml

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 100
_POLYGONS = ("Polygon", "MultiPolygon")


def read_area_file(name: str, data: bytes) -> Area:
    """The area in an uploaded file, whatever its format; AreaError says in the reader's language what is wrong."""
    if len(data) > MAX_GEOJSON_BYTES:
        raise AreaError(
            "too_large",
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            {"size": _mb(len(data)), "limit": MAX_GEOJSON_BYTES // (1024 * 1024)},
        )
    lower = (name or "").lower()
    if data[:2] == b"PK":  # a zip: KMZ or a zipped shapefile
        members = _unzipped(data)
        if any(n.lower().endswith(".shp") for n in members):
            return read_shapefile(members)
        kml_names = [n for n in members if n.lower().endswith(".kml")]
        if kml_names:
            return read_kml(members[sorted(kml_names, key=lambda n: (n.lower() != "doc.kml", n))[0]])
        raise AreaError(
            "zip_without_area",
            _("The zip file holds neither a shapefile (.shp with its .shx and .dbf) nor a KML file."),
        )
    if lower.endswith(".kml") or data.lstrip()[:5] in (b"<?xml", b"<kml ", b"<kml>"):
        return read_kml(data)
    if lower.endswith((".shp", ".shx", ".dbf", ".prj")):
        raise AreaError(
            "shapefile_not_zipped",
            _("A shapefile is several files: put the .shp, .shx, .dbf and .prj in one zip file and upload that."),
        )
    return parse_geojson(data)


def _unzipped(data: bytes) -> dict[str, bytes]:
    """The members of a zip, refusing corrupt archives and archives that unpack to far more than they weigh."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise AreaError("bad_zip", _("The zip file is damaged and cannot be opened.")) from error
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_ZIP_MEMBERS or total > MAX_UNZIPPED_BYTES:
        raise AreaError(
            "zip_too_large",
            _("The zip file unpacks to %(size)s MB in %(count)s files; at most %(limit)s MB are accepted."),
            {"size": _mb(total), "count": len(infos), "limit": MAX_UNZIPPED_BYTES // (1024 * 1024)},
        )
    members = {}
    try:
        for info in infos:
            with archive.open(info) as member:
                # Read one byte past the declared size: a member that lies about its size is refused too.
                content = member.read(info.file_size + 1)
            if len(content) > info.file_size:
                raise AreaError("bad_zip", _("The zip file is damaged and cannot be opened."))
            members[info.filename] = content
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        raise AreaError("bad_zip", _("The zip file is damaged and cannot be opened.")) from error
    return members


def read_kml(data: bytes) -> Area:
    """Every polygon of every placemark in a KML document, as one area."""
    head = data[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        # Entities are how XML bombs and external-file tricks work; KML never needs them.
        raise AreaError("bad_kml", _("The KML file declares a document type or entities; they are not accepted."))
    try:
        document = kml.KML.from_string(data)  # type: ignore[arg-type]  # bytes keep the encoding declared
    except Exception as error:  # noqa: BLE001 - the parser raises many kinds; all mean "not readable KML"
        raise AreaError("bad_kml", _("The file is not readable KML.")) from error
    polygons = [p for geometry in _kml_geometries(document) for p in _polygons_of(geometry.__geo_interface__)]
    if not polygons:
        raise AreaError(
            "no_polygon",
            _("The KML file has no polygon: it must contain at least one placemark drawn as a polygon (an area)."),
        )
    return from_geojson_dict({"type": "MultiPolygon", "coordinates": polygons})


def _kml_geometries(node):
    for feature in getattr(node, "features", None) or []:
        geometry = getattr(feature, "geometry", None)
        if geometry is not None:
            yield geometry
        yield from _kml_geometries(feature)


def _polygons_of(geo: dict) -> list:
    """Polygon coordinate lists in a GeoJSON-like geometry (collections included); points and lines are left."""
    kind = geo.get("type")
    if kind == "GeometryCollection":
        return [p for part in geo.get("geometries", ()) for p in _polygons_of(part)]
    if kind == "Polygon":
        return [_as_lists(geo["coordinates"])]
    if kind == "MultiPolygon":
        return [_as_lists(polygon) for polygon in geo["coordinates"]]
    return []


def _as_lists(value):
    return [_as_lists(v) for v in value] if isinstance(value, list | tuple) else value


def read_shapefile(members: dict[str, bytes]) -> Area:
    """The polygons of a zipped shapefile, reprojected to longitude/latitude from its .prj."""
    stems = {n.rsplit(".", 1)[0] for n in members if n.lower().endswith(".shp")}
    if len(stems) != 1:
        raise AreaError("several_shapefiles", _("The zip file holds several shapefiles; upload one at a time."))
    stem = stems.pop()
    part = {ext: members.get(f"{stem}.{ext}") or members.get(f"{stem}.{ext.upper()}") for ext in ("shp", "shx", "dbf")}
    if part["shx"] is None:
        raise AreaError("shapefile_incomplete", _("The shapefile's .shx file is missing from the zip file."))
    prj = members.get(f"{stem}.prj") or members.get(f"{stem}.PRJ")
    try:
        files = {ext: io.BytesIO(content) for ext, content in part.items() if content is not None}
        reader = shapefile.Reader(**files)
        geometries = [s.__geo_interface__ for s in reader.iterShapes() if s.shapeType != shapefile.NULL]
    except Exception as error:  # noqa: BLE001 - pyshp raises many kinds on a broken file
        raise AreaError("bad_shapefile", _("The shapefile is damaged and cannot be read.")) from error
    polygons = [p for g in geometries for p in _polygons_of(g)]
    if not polygons:
        raise AreaError("no_polygon", _("The shapefile has no polygon: its shapes must be areas, not points or lines."))
    # The vertex limit is checked again on the result; counting here first keeps a huge file from being reprojected.
    count = sum(len(ring) for polygon in polygons for ring in polygon)
    if count > MAX_VERTICES:
        raise too_many_vertices(count)
    return from_geojson_dict({"type": "MultiPolygon", "coordinates": _to_lon_lat(polygons, prj)})


def _to_lon_lat(polygons: list, prj: bytes | None) -> list:
    if prj is None:
        if not all(_looks_like_lon_lat(ring) for polygon in polygons for ring in polygon):
            raise AreaError(
                "unknown_projection",
                _(
                    "The shapefile's coordinates are not longitude and latitude, and its .prj file (which says "
                    "the projection, for example UTM zone 47N) is missing from the zip file."
                ),
            )
        return polygons
    try:
        crs = CRS.from_wkt(prj.decode("utf-8", errors="replace"))
    except CRSError as error:
        raise AreaError(
            "unknown_projection", _("The shapefile's .prj file names a projection we cannot read.")
        ) from error
    transformer = Transformer.from_crs(crs, 4326, always_xy=True)
    return [[[list(transformer.transform(x, y)) for x, y, *_z in ring] for ring in polygon] for polygon in polygons]


def _looks_like_lon_lat(ring: list) -> bool:
    return all(-180 <= p[0] <= 180 and -90 <= p[1] <= 90 for p in ring)
