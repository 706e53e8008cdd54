#!/usr/bin/env bash
# Copies the browser libraries pinned in package-lock.json into vendor/, where `badia map`
# embeds them (the binary needs no network and no node at run time). Run after changing a
# version in package.json: `npm install --ignore-scripts && ./update-vendor.sh`.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
cp node_modules/maplibre-gl/dist/maplibre-gl.js vendor/maplibre-gl.js
cp node_modules/maplibre-gl/dist/maplibre-gl.css vendor/maplibre-gl.css
cp node_modules/maplibre-gl/dist/LICENSE.txt vendor/LICENSE-maplibre-gl.txt
cp node_modules/pmtiles/dist/pmtiles.js vendor/pmtiles.js

# What each vendored file is, for the test that matches them against package-lock.json.
node - <<'JS'
const fs = require("fs"), crypto = require("crypto");
const files = {
  "maplibre-gl.js": ["maplibre-gl", "dist/maplibre-gl.js"],
  "maplibre-gl.css": ["maplibre-gl", "dist/maplibre-gl.css"],
  "LICENSE-maplibre-gl.txt": ["maplibre-gl", "dist/LICENSE.txt"],
  "pmtiles.js": ["pmtiles", "dist/pmtiles.js"],
};
const out = {};
for (const [name, [pkg, path]] of Object.entries(files)) {
  const version = JSON.parse(fs.readFileSync(`node_modules/${pkg}/package.json`)).version;
  const sha256 = crypto.createHash("sha256").update(fs.readFileSync(`vendor/${name}`)).digest("hex");
  out[name] = { package: pkg, version, path, sha256 };
}
fs.writeFileSync("vendor/SOURCES.json", JSON.stringify(out, null, 2) + "\n");
JS
