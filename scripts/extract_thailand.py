#!/usr/bin/env python3
"""Extract Thailand's outline from world-atlas' countries-10m.json as GeoJSON.

world-atlas (npm, https://github.com/topojson/world-atlas) ships Natural Earth
1:10m admin-0 country boundaries (public domain) as quantized TopoJSON.  This
script decodes that TopoJSON with the standard library only and writes a
GeoJSON FeatureCollection holding one Feature: Thailand (id "764") as a
MultiPolygon in WGS84 lon/lat, coordinates rounded to 5 decimals.

Usage:
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/extract_thailand.py package/countries-10m.json

By default the world-atlas version is read from the package.json next to the
input file; pass --world-atlas-version if that file is not there.  The output
defaults to src/smartcity/proposals/data/thailand.geojson in this repository.

TopoJSON decoding follows the specification
(https://github.com/topojson/topojson-specification):
  * "transform" present => arc positions are quantized and delta-encoded:
    each arc's first position is absolute, the rest are offsets from the
    previous position; real = quantized * scale + translate.
  * a ring / line is a list of arc indices; a negative index i means arc ~i
    (i.e. -i - 1) traversed in reverse.  When arcs are concatenated the first
    position of each arc after the first is dropped (it equals the last
    position of the previous arc).
  * Polygon "arcs" is a list of rings; MultiPolygon "arcs" a list of those.

Clean-up applied to each ring (no third-party geometry library): drop
consecutive duplicate positions (rounding can create them), remove zero-width
spikes (A, B, A), drop rings that end up with fewer than 4 positions or zero
area, close every ring (first position == last position), and orient rings
per RFC 7946 (exterior counter-clockwise, holes clockwise).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

THAILAND_ID = "764"
THAILAND_NAME = "Thailand"
PRECISION = 5

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "src" / "smartcity" / "proposals" / "data" / "thailand.geojson"

Position = tuple[float, float]
Ring = list[Position]


# --------------------------------------------------------------------------
# TopoJSON decoding
# --------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[Position]]:
    """Return every arc of the topology as absolute (lon, lat) positions."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]

    sx, sy = transform["scale"]
    tx, ty = transform["translate"]
    decoded: list[list[Position]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Position] = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def stitch_ring(arc_indices: list[int], arcs: list[list[Position]]) -> Ring:
    """Join arcs (negative index = reversed arc ~i) into one ring."""
    ring: Ring = []
    for index in arc_indices:
        points = arcs[~index][::-1] if index < 0 else arcs[index]
        if ring:
            # The first position of this arc repeats the last one of the previous arc.
            ring.pop()
        ring.extend(points)
    return ring


def geometry_polygons(geometry: dict, arcs: list[list[Position]]) -> list[list[Ring]]:
    """Decode a Polygon or MultiPolygon TopoJSON geometry into polygons of rings."""
    kind = geometry["type"]
    if kind == "Polygon":
        polygon_arcs = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        polygon_arcs = geometry["arcs"]
    else:
        raise ValueError(f"unsupported geometry type {kind!r} (expected Polygon or MultiPolygon)")
    return [[stitch_ring(ring, arcs) for ring in polygon] for polygon in polygon_arcs]


# --------------------------------------------------------------------------
# Ring clean-up
# --------------------------------------------------------------------------


def signed_area(ring: Ring) -> float:
    """Shoelace area of a closed ring; > 0 means counter-clockwise."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def clean_ring(ring: Ring, precision: int) -> Ring | None:
    """Round, de-duplicate, de-spike and close a ring; None if degenerate."""
    points = [(round(x, precision), round(y, precision)) for x, y in ring]

    # Work on the open ring (without the closing position).
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()

    changed = True
    while changed and len(points) >= 3:
        changed = False
        out: list[Position] = []
        for point in points:
            if out and out[-1] == point:
                changed = True  # consecutive duplicate
                continue
            if len(out) >= 2 and out[-2] == point:
                out.pop()  # spike A, B, A -> A
                changed = True
                continue
            out.append(point)
        # Duplicates / spikes across the start/end seam.
        while len(out) >= 2 and out[0] == out[-1]:
            out.pop()
            changed = True
        while len(out) >= 3 and out[1] == out[-1]:
            out.pop(0)  # ..., B, | A, B, ... -> spike at the seam
            out.pop()
            changed = True
        points = out

    if len(points) < 3:
        return None
    points.append(points[0])
    if signed_area(points) == 0.0:
        return None
    return points


def oriented(ring: Ring, ccw: bool) -> Ring:
    is_ccw = signed_area(ring) > 0
    return ring if is_ccw == ccw else ring[::-1]


def clean_polygons(polygons: list[list[Ring]], precision: int) -> list[list[list[list[float]]]]:
    result = []
    for polygon in polygons:
        exterior = clean_ring(polygon[0], precision)
        if exterior is None:
            continue
        rings = [oriented(exterior, ccw=True)]
        for hole in polygon[1:]:
            cleaned = clean_ring(hole, precision)
            if cleaned is not None:
                rings.append(oriented(cleaned, ccw=False))
        result.append([[list(p) for p in ring] for ring in rings])
    return result


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def world_atlas_version(input_path: Path) -> str | None:
    package_json = input_path.resolve().parent / "package.json"
    try:
        package = json.loads(package_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if package.get("name") != "world-atlas":
        return None
    return package.get("version")


def extract(topology: dict, version: str, precision: int = PRECISION) -> dict:
    arcs = decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    matches = [g for g in countries if str(g.get("id")) == THAILAND_ID]
    if len(matches) != 1:
        raise SystemExit(f"expected exactly one geometry with id {THAILAND_ID}, found {len(matches)}")
    geometry = matches[0]
    name = (geometry.get("properties") or {}).get("name")
    if name != THAILAND_NAME:
        raise SystemExit(f"geometry {THAILAND_ID} is named {name!r}, expected {THAILAND_NAME!r}")

    polygons = clean_polygons(geometry_polygons(geometry, arcs), precision)
    if not polygons:
        raise SystemExit("Thailand geometry decoded to nothing")

    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": THAILAND_NAME,
                    "source": f"Natural Earth 1:10m via world-atlas {version}, public domain",
                },
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", type=Path, help="path to world-atlas countries-10m.json")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"output GeoJSON (default: {DEFAULT_OUTPUT})",
    )
    parser.add_argument(
        "--world-atlas-version",
        help="world-atlas version for the 'source' property (default: read from package.json next to INPUT)",
    )
    args = parser.parse_args(argv)

    version = args.world_atlas_version or world_atlas_version(args.input)
    if not version:
        parser.error("cannot determine the world-atlas version; pass --world-atlas-version")

    with args.input.open(encoding="utf-8") as f:
        topology = json.load(f)
    if topology.get("type") != "Topology":
        parser.error(f"{args.input} is not a TopoJSON Topology")

    collection = extract(topology, version)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    args.output.write_text(text + "\n", encoding="utf-8")

    polygons = collection["features"][0]["geometry"]["coordinates"]
    rings = sum(len(p) for p in polygons)
    vertices = sum(len(r) for p in polygons for r in p)
    print(
        f"wrote {args.output}: {len(polygons)} polygons, {rings} rings, {vertices} positions, {len(text) + 1} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
