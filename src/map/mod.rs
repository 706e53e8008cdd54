//! The web map: events in, a folder a journalist can publish out. [`write_dir`] writes
//! `index.html` (MapLibre GL JS, events clustered and coloured by type, a date-range filter that
//! re-clusters the events it keeps, a legend, popups with the sources and the Arabic evidence),
//! the scripts and styles it loads, `events.geojson`, the ACLED CSV `events.csv`, the styled
//! GeoPackage `events.gpkg` and the vector tiles `events.pmtiles` (for GIS, and what the page
//! of a large map reads), all at once
//! (see [`folder`]); [`write_single_file`] writes one self-contained HTML file for small maps.
//! A folder of more than [`LARGE_MAP_EVENTS`] events is a large map: its page reads the
//! events from `events.pmtiles`, clustered per month, instead of carrying them.
//! Nothing is fetched at run time, by badia or by the page (unless a base map is named).

pub mod assets;
pub mod folder;
pub mod page;
pub mod qgis;
pub mod still;

use std::path::Path;

use crate::error::Error;
use crate::gazetteer::Gazetteer;
use crate::model::Event;
use crate::output::{self, acled, geojson};

/// An external base map under the events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basemap {
    /// A MapLibre style document (`…/style.json`).
    Style(String),
    /// A raster tile template (`…/{z}/{x}/{y}.png`).
    Raster(String),
}

impl Basemap {
    /// Reads a base map address: an http(s) URL of a style document (path ending in `.json`)
    /// or of raster tiles (with `{z}`, `{x}` and `{y}`).
    pub fn parse(url: &str) -> Result<Basemap, Error> {
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            return Err(Error::Format(format!(
                "base map {url:?}: only http(s) addresses are accepted"
            )));
        }
        let path = lower.split(['?', '#']).next().unwrap_or("");
        let host = url.split_once("://").map_or("", |(_, rest)| {
            rest.split(['/', '?', '#']).next().unwrap_or("")
        });
        // The origin goes into the page's security policy: only a plain host[:port].
        if host.is_empty()
            || !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        {
            return Err(Error::Format(format!(
                "base map {url:?}: the host is not a plain name or address"
            )));
        }
        if ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p)) {
            Ok(Basemap::Raster(url.to_string()))
        } else if path.ends_with(".json") {
            Ok(Basemap::Style(url.to_string()))
        } else {
            Err(Error::Format(format!(
                "base map {url:?}: expected a style URL ending in .json or a raster tile \
                 template with {{z}}/{{x}}/{{y}}"
            )))
        }
    }
}

impl Basemap {
    /// The address's origin (`https://host[:port]`), which the page may fetch from.
    pub fn origin(&self) -> Option<String> {
        let (Basemap::Style(url) | Basemap::Raster(url)) = self;
        let (scheme, rest) = url.split_once("://")?;
        let host = rest.split(['/', '?', '#']).next()?;
        Some(format!("{}://{host}", scheme.to_ascii_lowercase()))
    }
}

/// Maps of more events than this are large: the page reads the events from
/// `events.pmtiles` instead of carrying them (about 920 bytes each in the page, which a
/// browser parses and clusters before it draws anything: 20 MB and 5.3 s for 21,862 events).
pub const LARGE_MAP_EVENTS: usize = 20_000;

/// The language of the page's interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Arabic, laid out right to left.
    Ar,
    En,
}

impl Lang {
    /// Arabic when the title has an Arabic letter, else English.
    pub fn for_title(title: &str) -> Lang {
        if title
            .chars()
            .any(|c| matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}'))
        {
            Lang::Ar
        } else {
            Lang::En
        }
    }

    /// The BCP 47 code (`ar`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The text direction (`rtl`, `ltr`).
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }
}

/// How the map is written. Defaults: title "badia map", English, no description or credit,
/// no base map (the gazetteer's towns orient the reader), large from [`LARGE_MAP_EVENTS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapOptions {
    /// The page title (shown in the panel and the browser tab).
    pub title: String,
    /// The interface's language.
    pub lang: Lang,
    /// A line under the title, and the source line or byline.
    pub description: Option<String>,
    pub credit: Option<String>,
    /// An external base map, if any.
    pub basemap: Option<Basemap>,
    /// A folder map of more events than this is large (see [`write_dir`]).
    pub large_above: usize,
}

impl Default for MapOptions {
    fn default() -> MapOptions {
        MapOptions {
            title: "badia map".into(),
            lang: Lang::En,
            description: None,
            credit: None,
            basemap: None,
            large_above: LARGE_MAP_EVENTS,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapSummary {
    /// Events drawn on the map (events with a coordinate).
    pub events: usize,
    /// The files written, relative to the folder (or the single file's name).
    pub files: Vec<String>,
    /// A large map: the page reads the events from `events.pmtiles`.
    pub large: bool,
}

/// Writes the map folder `dir` atomically: `index.html`, its scripts and styles and their
/// licences, `events.geojson`, `events.csv`, `events.gpkg` and `events.pmtiles`. An existing `dir` is replaced only when badia
/// wrote it (or it is empty).
///
/// A map of more than [`MapOptions::large_above`] drawn events is large: its page carries no
/// event, only the number of events per calendar month, and reads the events from the tiles,
/// clustered per month ([`crate::tiles::TileOptions::periods`]) so the counts it shows follow
/// its date range.
pub fn write_dir(
    dir: &Path,
    events: &[Event],
    gaz: &Gazetteer,
    opts: &MapOptions,
) -> Result<MapSummary, Error> {
    let count = events
        .iter()
        .filter(|e| page::event_point(e).is_some())
        .count();
    let large = count > opts.large_above;
    let mut data = if large {
        page::large_page_data(events, gaz, opts)
    } else {
        page::page_data(events, gaz, opts)
    };
    // The folder's files a reader may download from the page.
    data["downloads"] = serde_json::json!({"csv": "events.csv", "geojson": "events.geojson"});
    let html = page::render(&data, opts, false)?;
    let mut files = Vec::new();
    folder::replace_dir(dir, |tmp| {
        let mut put =
            |name: &str, fill: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>| {
                output::write_atomic(&tmp.join(name), fill)
                    .map_err(|e| e.in_file(&dir.join(name)))?;
                files.push(name.to_string());
                Ok::<(), Error>(())
            };
        put("index.html", &|w| w.write_all(html.as_bytes()))?;
        for (name, content) in assets::FILES {
            put(name, &|w| w.write_all(content.as_bytes()))?;
        }
        put("events.geojson", &|w| geojson::write_collection(w, events))?;
        put("events.csv", &|w| acled::write(w, events))?;
        let places = page::context_features(gaz);
        put(qgis::PLACES_FILE, &|w| {
            serde_json::to_writer(&mut *w, &places).map_err(Into::into)
        })?;
        let project = qgis::project(events, &opts.title);
        put(qgis::PROJECT_FILE, &|w| w.write_all(project.as_bytes()))?;
        output::gpkg::write(&tmp.join(qgis::GPKG_FILE), events)
            .map_err(|e| e.in_file(&dir.join(qgis::GPKG_FILE)))?;
        files.push(qgis::GPKG_FILE.to_string());
        let tiles = tmp.join("events.pmtiles");
        crate::tiles::write(
            events,
            &gaz.places,
            &tiles,
            &crate::tiles::TileOptions {
                outline: page::outline_lines(),
                periods: large,
                // QGIS 3.22 reads MBTiles, not PMTiles: the same tiles, cut once.
                copies: vec![tmp.join(qgis::MBTILES_FILE)],
                ..crate::tiles::TileOptions::default()
            },
        )
        .map_err(|e| e.in_file(&dir.join("events.pmtiles")))?;
        files.push("events.pmtiles".to_string());
        files.push(qgis::MBTILES_FILE.to_string());
        Ok(())
    })?;
    Ok(MapSummary {
        events: count,
        files,
        large,
    })
}

/// Writes one self-contained HTML file (data, scripts and styles inline), atomically.
pub fn write_single_file(
    path: &Path,
    events: &[Event],
    gaz: &Gazetteer,
    opts: &MapOptions,
) -> Result<MapSummary, Error> {
    let data = page::page_data(events, gaz, opts);
    let html = page::render(&data, opts, true)?;
    output::write_atomic(path, |w| w.write_all(html.as_bytes()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(MapSummary {
        events: drawn(&data),
        files: vec![name],
        large: false,
    })
}

fn drawn(data: &serde_json::Value) -> usize {
    data["events"]["features"].as_array().map_or(0, Vec::len)
}

/// The `<iframe>` to paste into an article, for the page published at `src`.
pub fn iframe_snippet(src: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"600\" style=\"border:0\" \
         loading=\"lazy\" allowfullscreen></iframe>",
        page::escape_html(src),
        page::escape_html(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basemap_addresses() {
        assert_eq!(
            Basemap::parse("https://example.org/style.json?key=1").unwrap(),
            Basemap::Style("https://example.org/style.json?key=1".into())
        );
        assert!(matches!(
            Basemap::parse("https://tile.example.org/{z}/{x}/{y}.png"),
            Ok(Basemap::Raster(_))
        ));
        assert!(Basemap::parse("javascript:alert(1)//.json").is_err());
        assert!(Basemap::parse("https://example.org/map").is_err());
        assert!(Basemap::parse("https://a.org;script-src */{z}/{x}/{y}.png").is_err());
        assert!(Basemap::parse("https://user@a.org/style.json").is_err());
        assert_eq!(
            Basemap::parse("HTTPS://Tiles.example.org/{z}/{x}/{y}.png")
                .unwrap()
                .origin()
                .as_deref(),
            Some("https://Tiles.example.org")
        );
    }

    #[test]
    fn an_arabic_title_makes_an_arabic_page() {
        assert_eq!(Lang::for_title("هجمات البادية"), Lang::Ar);
        assert_eq!(Lang::for_title("Badia: هجمات"), Lang::Ar);
        assert_eq!(Lang::for_title("badia map"), Lang::En);
        assert_eq!(Lang::for_title("خريطة ٢٠٢٤").dir(), "rtl");
        // Arabic digits alone are not Arabic text.
        assert_eq!(Lang::for_title("٢٠٢٤"), Lang::En);
    }

    #[test]
    fn iframe_snippet_escapes_its_attributes() {
        let s = iframe_snippet("map/index.html?a=1&b=\"x\"", "t");
        assert!(
            s.contains("src=\"map/index.html?a=1&amp;b=&quot;x&quot;\""),
            "{s}"
        );
    }
}
