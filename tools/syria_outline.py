"""Writes data/syria_outline.geojson: Syria's outline from Natural Earth's 1:10m Admin 0
countries (public domain), as redistributed in TopoJSON by the npm package world-atlas 2.0.2
(`npm pack world-atlas@2.0.2`, file package/countries-10m.json).

    python3 tools/syria_outline.py path/to/countries-10m.json > data/syria_outline.geojson

The TopoJSON arcs are decoded (delta-encoded, quantized) into the polygon's rings; coordinates
are rounded to 4 decimals (about 11 m). The page simplifies the ring further when it is drawn.
"""

import json
import sys


def main(path):
    topo = json.load(open(path, encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * sx + tx, 4), round(y * sy + ty, 4)])
        arcs.append(points)
    (syria,) = [g for g in topo["objects"]["countries"]["geometries"] if g.get("id") == "760"]
    assert syria["type"] == "Polygon", syria["type"]
    rings = []
    for ring in syria["arcs"]:
        coords = []
        for i in ring:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            # Consecutive arcs share their joining point.
            coords.extend(points if not coords else points[1:])
        rings.append(coords)
    feature = {
        "type": "Feature",
        "properties": {"name_en": "Syria", "name_ar": "سوريا", "source": "Natural Earth 1:10m Admin 0 countries 4.1.0 (public domain)"},
        "geometry": {"type": "Polygon", "coordinates": rings},
    }
    json.dump({"type": "FeatureCollection", "features": [feature]}, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
