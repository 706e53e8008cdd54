//! The files the page needs, compiled into the binary so `badia map` works with no network and
//! no node: the page template and its script and style (`web/`), and the pinned MapLibre GL JS
//! and pmtiles builds with their licences (`web/vendor/`, versions and hashes in
//! `web/vendor/SOURCES.json`, matching `web/package-lock.json`).

/// The HTML template, with `{{CSP}}`, `{{TITLE}}`, `{{STYLES}}`, `{{DATA}}` and `{{SCRIPTS}}`
/// markers.
pub const INDEX_HTML: &str = include_str!("../../web/index.html");
/// The page's own script.
pub const MAP_JS: &str = include_str!("../../web/map.js");
/// The page's own style sheet.
pub const MAP_CSS: &str = include_str!("../../web/map.css");
/// MapLibre GL JS (UMD build, its worker inlined).
pub const MAPLIBRE_JS: &str = include_str!("../../web/vendor/maplibre-gl.js");
/// MapLibre GL JS's style sheet.
pub const MAPLIBRE_CSS: &str = include_str!("../../web/vendor/maplibre-gl.css");
/// The pmtiles protocol for MapLibre (IIFE build, global `pmtiles`).
pub const PMTILES_JS: &str = include_str!("../../web/vendor/pmtiles.js");

/// Files written beside `index.html`: name and content.
pub const FILES: [(&str, &str); 7] = [
    ("map.js", MAP_JS),
    ("map.css", MAP_CSS),
    ("maplibre-gl.js", MAPLIBRE_JS),
    ("maplibre-gl.css", MAPLIBRE_CSS),
    ("pmtiles.js", PMTILES_JS),
    (
        "LICENSE-maplibre-gl.txt",
        include_str!("../../web/vendor/LICENSE-maplibre-gl.txt"),
    ),
    (
        "LICENSE-pmtiles.txt",
        include_str!("../../web/vendor/LICENSE-pmtiles.txt"),
    ),
];
