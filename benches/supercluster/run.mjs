// Reference run of mapbox's supercluster for badia's cluster benchmark.
// Usage: node run.mjs POINTS.bin MAXZOOM RADIUS EXTENT
// POINTS.bin holds little-endian f64 pairs (lon, lat). Prints one JSON line:
// {"load_ms": …, "counts": [count at zoom 0, …, count at zoom MAXZOOM]}.
import {readFileSync} from 'node:fs';
import Supercluster from 'supercluster';

const [file, maxZoomArg, radiusArg, extentArg] = process.argv.slice(2);
const maxZoom = Number(maxZoomArg);
const buf = readFileSync(file);
const coords = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
const points = [];
for (let i = 0; i < coords.length; i += 2) {
    points.push({type: 'Feature', properties: null,
        geometry: {type: 'Point', coordinates: [coords[i], coords[i + 1]]}});
}

const index = new Supercluster({minZoom: 0, maxZoom, radius: Number(radiusArg), extent: Number(extentArg)});
const start = performance.now();
index.load(points);
const loadMs = performance.now() - start;

const counts = [];
for (let z = 0; z <= maxZoom; z++) counts.push(index.getClusters([-180, -90, 180, 90], z).length);
console.log(JSON.stringify({load_ms: loadMs, counts}));
