//! The events as tiles need them: one small row per event with repeated texts (types, actors,
//! places, outlets) stored once, so a million events fit in memory beside the cluster index.
//! Rows come from [`Event`]s or from badia's own GeoJSON / NDJSON output.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use chrono::NaiveDate;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::cluster::ClusterPoint;
use crate::error::{Diagnostic, Error};
use crate::features;
use crate::model::Event;

/// The texts a row refers to by index, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Text {
    EventType,
    SubEventType,
    Actor1,
    Actor2,
    Location,
    LocationAr,
}

/// Number of [`Text`] fields.
pub(crate) const TEXTS: usize = 6;

/// No text.
const NONE: u32 = u32::MAX;

/// One event, compact.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// The representative point (a road: the midpoint of its ends), degrees.
    pub lon: f64,
    pub lat: f64,
    /// A road's vertices: `lines[start..start + len]`; `len` 0 for a point.
    pub line_start: u32,
    pub line_len: u32,
    /// The event id: `ids[id_start..id_start + id_len]`, one arena for all rows.
    pub id_start: u32,
    pub id_len: u32,
    pub date: Option<NaiveDate>,
    pub fatalities: u32,
    pub injured: Option<u32>,
    pub geo_precision: u8,
    pub source_count: u16,
    pub texts: [u32; TEXTS],
}

/// Events reduced to what tiles carry (see the `events` layer in [`super`]).
#[derive(Debug, Default, Clone)]
pub struct EventTable {
    pub(crate) rows: Vec<Row>,
    strings: Vec<Box<str>>,
    index: HashMap<Box<str>, u32>,
    /// Every event id, end to end (a million small strings would cost an allocation each).
    ids: String,
    pub(crate) lines: Vec<[f64; 2]>,
}

/// One event's fields, borrowed, as [`EventTable::push`] takes them.
#[derive(Debug, Clone, Default)]
pub struct EventFields<'a> {
    pub event_id: &'a str,
    /// (lon, lat): one point, or a road's line.
    pub coords: &'a [[f64; 2]],
    pub date: Option<NaiveDate>,
    pub event_type: &'a str,
    pub sub_event_type: &'a str,
    pub actor1: Option<&'a str>,
    pub actor2: Option<&'a str>,
    pub fatalities: u32,
    pub injured: Option<u32>,
    pub location: &'a str,
    pub location_ar: &'a str,
    pub geo_precision: u8,
    /// Number of reports (articles) of the event.
    pub source_count: usize,
}

impl EventTable {
    /// An empty table.
    pub fn new() -> EventTable {
        EventTable::default()
    }

    /// The table of `events`.
    pub fn from_events(events: &[Event]) -> EventTable {
        let mut table = EventTable::new();
        for e in events {
            table.push_event(e);
        }
        table
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there is no event.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds one event.
    pub fn push_event(&mut self, e: &Event) {
        self.push(&EventFields {
            event_id: &e.event_id,
            coords: &e.coords,
            date: e.date,
            event_type: e.event_type.as_str(),
            sub_event_type: e.sub_event_type.as_str(),
            actor1: e.actor1.as_deref(),
            actor2: e.actor2.as_deref(),
            fatalities: e.fatalities,
            injured: e.injured,
            location: &e.location,
            location_ar: &e.location_ar,
            geo_precision: e.geo_precision,
            source_count: e.sources.len(),
        });
    }

    /// Adds one event given by its fields. An event without coordinates, or with one outside
    /// WGS84 degrees, is skipped (it cannot be drawn); returns whether it was added.
    pub fn push(&mut self, f: &EventFields<'_>) -> bool {
        let (lon, lat) = match f.coords {
            [] => return false,
            [p] => (p[0], p[1]),
            [a, .., b] => ((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0),
        };
        if !in_wgs84(lon, lat) || !f.coords.iter().all(|p| in_wgs84(p[0], p[1])) {
            return false;
        }
        let (line_start, line_len) = if f.coords.len() > 1 {
            let start = self.lines.len() as u32;
            self.lines.extend_from_slice(f.coords);
            (start, f.coords.len() as u32)
        } else {
            (0, 0)
        };
        let texts = [
            self.intern(Some(f.event_type)),
            self.intern(Some(f.sub_event_type)),
            self.intern(f.actor1),
            self.intern(f.actor2),
            self.intern(Some(f.location)),
            self.intern(Some(f.location_ar)),
        ];
        let id_start = self.ids.len() as u32;
        self.ids.push_str(f.event_id);
        self.rows.push(Row {
            lon,
            lat,
            line_start,
            line_len,
            id_start,
            id_len: f.event_id.len() as u32,
            date: f.date,
            fatalities: f.fatalities,
            injured: f.injured,
            geo_precision: f.geo_precision,
            source_count: f.source_count.min(usize::from(u16::MAX)) as u16,
            texts,
        });
        true
    }

    fn intern(&mut self, s: Option<&str>) -> u32 {
        let Some(s) = s.filter(|s| !s.is_empty()) else {
            return NONE;
        };
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.into());
        self.index.insert(s.into(), i);
        i
    }

    /// A row's text field, `None` when empty.
    pub(crate) fn text(&self, row: &Row, field: Text) -> Option<&str> {
        match row.texts[field as usize] {
            NONE => None,
            i => Some(&self.strings[i as usize]),
        }
    }

    /// A row's text field with its index among the table's texts (equal texts, equal
    /// indices), `None` when empty.
    pub(crate) fn text_ref(&self, row: &Row, field: Text) -> Option<(u32, &str)> {
        match row.texts[field as usize] {
            NONE => None,
            i => Some((i, &self.strings[i as usize])),
        }
    }

    /// A row's event id.
    pub(crate) fn event_id(&self, row: &Row) -> &str {
        let start = row.id_start as usize;
        &self.ids[start..start + row.id_len as usize]
    }

    /// A road's vertices, empty for a point.
    pub(crate) fn line(&self, row: &Row) -> &[[f64; 2]] {
        let start = row.line_start as usize;
        &self.lines[start..start + row.line_len as usize]
    }

    /// The clustering point of row `i` (a road: the midpoint of its ends).
    pub fn cluster_point(&self, i: usize) -> ClusterPoint {
        let r = &self.rows[i];
        ClusterPoint {
            lon: r.lon,
            lat: r.lat,
            fatalities: r.fatalities,
            date: r.date,
        }
    }

    /// West, south, east, north of every event, or `None` for an empty table.
    pub fn bounds(&self) -> Option<[f64; 4]> {
        let mut b: Option<[f64; 4]> = None;
        let mut add = |lon: f64, lat: f64| {
            let v = b.get_or_insert([lon, lat, lon, lat]);
            v[0] = v[0].min(lon);
            v[1] = v[1].min(lat);
            v[2] = v[2].max(lon);
            v[3] = v[3].max(lat);
        };
        for r in &self.rows {
            add(r.lon, r.lat);
        }
        for p in &self.lines {
            add(p[0], p[1]);
        }
        b
    }
}

/// Adds one feature of badia's GeoJSON to `table` (read through [`crate::features`]), or
/// says why it cannot be drawn.
fn push_feature(value: serde_json::Value, table: &mut EventTable) -> Result<(), String> {
    let f = features::feature(value)?;
    let coords = features::positions(&f)?;
    let text = |key: &str| features::text(&f, key);
    let source_count = text("article_ids")?
        .map(|a| a.split("; ").filter(|s| !s.is_empty()).count())
        .unwrap_or(0);
    let geo_precision = features::count(&f, "geo_precision")?
        .map(|p| u8::try_from(p).map_err(|_| format!("geo_precision {p} is not a precision")))
        .transpose()?;
    let added = table.push(&EventFields {
        event_id: text("event_id")?.unwrap_or(""),
        coords: &coords,
        date: features::event_date(&f)?,
        event_type: text("event_type")?.unwrap_or(""),
        sub_event_type: text("sub_event_type")?.unwrap_or(""),
        actor1: text("actor1")?,
        actor2: text("actor2")?,
        fatalities: features::count(&f, "fatalities")?.unwrap_or(0),
        injured: features::count(&f, "injured")?,
        location: text("location")?.unwrap_or(""),
        location_ar: text("location_ar")?.unwrap_or(""),
        geo_precision: geo_precision.unwrap_or(1),
        source_count,
    });
    if added {
        Ok(())
    } else {
        Err("geometry without a usable coordinate".into())
    }
}

/// Whether a position is a WGS84 longitude and latitude in degrees (NaN is not).
fn in_wgs84(lon: f64, lat: f64) -> bool {
    (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)
}

/// Reads badia's GeoJSON output (a FeatureCollection) or NDJSON (one Feature per line, chosen
/// by the extension `.ndjson`, `.geojsonl`, `.geojsons` or `.jsonl`) into a table. A feature
/// that cannot be drawn becomes a diagnostic naming the file and line, and the rest is read;
/// a file that is not JSON is an error.
pub fn read_geojson(path: &Path) -> Result<(EventTable, Vec<Diagnostic>), Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut table = EventTable::new();
    let mut diags = Vec::new();
    if matches!(ext.as_str(), "ndjson" | "geojsonl" | "geojsons" | "jsonl") {
        for (i, line) in BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| Error::io(path, e))?;
            let text = line.trim().trim_start_matches('\u{1e}');
            if text.is_empty() {
                continue;
            }
            let outcome = serde_json::from_str(text)
                .map_err(|e| e.to_string())
                .and_then(|f| push_feature(f, &mut table));
            if let Err(m) = outcome {
                diags.push(Diagnostic::at_line(path, i as u64 + 1, m));
            }
        }
        return Ok((table, diags));
    }
    let line = Rc::new(Cell::new(1u64));
    let reader = LineCounter {
        inner: BufReader::with_capacity(1 << 16, file),
        line: Rc::clone(&line),
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let seed = Collection {
        table: &mut table,
        diags: &mut diags,
        path,
        line,
    };
    seed.deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| Error::InFile {
            path: path.to_path_buf(),
            message: format!("line {}: not a GeoJSON FeatureCollection: {e}", e.line()),
        })?;
    Ok((table, diags))
}

/// A reader that counts the lines it has handed out.
struct LineCounter<R> {
    inner: R,
    line: Rc<Cell<u64>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let newlines = buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        self.line.set(self.line.get() + newlines);
        Ok(n)
    }
}

/// Streams a FeatureCollection's features into the table without holding the document.
struct Collection<'a> {
    table: &'a mut EventTable,
    diags: &'a mut Vec<Diagnostic>,
    path: &'a Path,
    line: Rc<Cell<u64>>,
}

impl<'de> DeserializeSeed<'de> for Collection<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Collection<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GeoJSON FeatureCollection")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = false;
        let Collection {
            table,
            diags,
            path,
            line,
        } = self;
        while let Some(key) = map.next_key::<String>()? {
            if key == "features" && !seen {
                seen = true;
                map.next_value_seed(Features {
                    table: &mut *table,
                    diags: &mut *diags,
                    path,
                    line: Rc::clone(&line),
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !seen {
            return Err(serde::de::Error::missing_field("features"));
        }
        Ok(())
    }
}

struct Features<'a> {
    table: &'a mut EventTable,
    diags: &'a mut Vec<Diagnostic>,
    path: &'a Path,
    line: Rc<Cell<u64>>,
}

impl<'de> DeserializeSeed<'de> for Features<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Features<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of GeoJSON Features")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // Each feature is read as a JSON value first, so one malformed feature is reported
        // and skipped instead of ending the file.
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            let outcome = push_feature(value, self.table);
            if let Err(m) = outcome {
                self.diags
                    .push(Diagnostic::at_line(self.path, self.line.get(), m));
            }
        }
        Ok(())
    }
}
