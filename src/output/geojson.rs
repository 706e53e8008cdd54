//! GeoJSON (RFC 7946) and NDJSON for events: one Feature per event, flat properties typed so
//! QGIS and GDAL read them right (dates as `YYYY-MM-DD` strings, counts as integers, nulls as
//! null).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::{Event, Source};

/// One Feature as written: serialised straight to text, without a `Value` in between.
#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Geometry,
    properties: Properties<'a>,
}

/// A Point, or a LineString for a road, rounded to 1e-5° (about a metre).
#[derive(Serialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Point([f64; 2]),
    LineString(Vec<[f64; 2]>),
}

impl Geometry {
    fn of(e: &Event) -> Geometry {
        let round = |p: &[f64; 2]| [(p[0] * 1e5).round() / 1e5, (p[1] * 1e5).round() / 1e5];
        match e.coords.as_slice() {
            [p] => Geometry::Point(round(p)),
            pts => Geometry::LineString(pts.iter().map(round).collect()),
        }
    }
}

/// The flat properties of one event, in their fixed order.
#[derive(Serialize)]
struct Properties<'a> {
    event_id: &'a str,
    event_date: Option<String>,
    time_precision: u8,
    event_type: &'a str,
    sub_event_type: &'a str,
    disorder_type: &'a str,
    actor1: &'a Option<String>,
    inter1: Option<u8>,
    actor2: &'a Option<String>,
    inter2: Option<u8>,
    fatalities: u32,
    fatalities_low: Option<u32>,
    fatalities_high: Option<u32>,
    injured: Option<u32>,
    location: &'a str,
    location_ar: &'a str,
    location_text: &'a str,
    admin1: &'a str,
    admin2: &'a str,
    gazetteer_id: &'a str,
    geo_precision: u8,
    source: Option<String>,
    source_url: Option<String>,
    article_ids: String,
    evidence: String,
    evidence_offsets: String,
    notes: String,
    confidence: f64,
    location_reasons: String,
    merged_because: &'a Option<String>,
}

impl<'a> Properties<'a> {
    fn of(e: &'a Event) -> Properties<'a> {
        let join = |f: fn(&Source) -> &Option<String>| {
            let parts: Vec<&str> = e.sources.iter().filter_map(|s| f(s).as_deref()).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        };
        Properties {
            event_id: &e.event_id,
            event_date: e.date.map(|d| d.format("%Y-%m-%d").to_string()),
            time_precision: e.time_precision,
            event_type: &e.event_type,
            sub_event_type: &e.sub_event_type,
            disorder_type: &e.disorder_type,
            actor1: &e.actor1,
            inter1: e.inter1,
            actor2: &e.actor2,
            inter2: e.inter2,
            fatalities: e.fatalities,
            fatalities_low: e.fatalities_low,
            fatalities_high: e.fatalities_high,
            injured: e.injured,
            location: &e.location,
            location_ar: &e.location_ar,
            location_text: &e.location_text,
            admin1: &e.admin1,
            admin2: &e.admin2,
            gazetteer_id: &e.gazetteer_id,
            geo_precision: e.geo_precision,
            source: join(|s| &s.outlet),
            source_url: join(|s| &s.url),
            article_ids: joined(e.sources.iter().map(|s| s.article_id.as_str()), "; "),
            evidence: joined(e.evidence.iter().map(|ev| ev.text.as_str()), " … "),
            evidence_offsets: e
                .evidence
                .iter()
                .map(|ev| format!("{}:{}-{}", ev.article_id, ev.start, ev.end))
                .collect::<Vec<_>>()
                .join("; "),
            notes: super::acled::notes(e),
            confidence: e.confidence,
            location_reasons: e.location_reasons.join("; "),
            merged_because: &e.merged_because,
        }
    }
}

fn joined<'s>(parts: impl Iterator<Item = &'s str>, sep: &str) -> String {
    parts.collect::<Vec<_>>().join(sep)
}

/// The properties of one event, in a fixed order.
pub fn properties(e: &Event) -> Map<String, Value> {
    match serde_json::to_value(Properties::of(e)) {
        Ok(Value::Object(map)) => map,
        // Never: the struct has only string keys and plain values.
        _ => Map::new(),
    }
}

/// The GeoJSON geometry: a Point, or a LineString for a road.
pub fn geometry(e: &Event) -> Value {
    serde_json::to_value(Geometry::of(e)).unwrap_or(Value::Null)
}

/// One GeoJSON Feature.
pub fn feature(e: &Event) -> Value {
    serde_json::to_value(feature_of(e)).unwrap_or(Value::Null)
}

fn feature_of(e: &Event) -> Feature<'_> {
    Feature {
        kind: "Feature",
        id: &e.event_id,
        geometry: Geometry::of(e),
        properties: Properties::of(e),
    }
}

/// One GeoJSON Feature as compact JSON text (what [`feature`] prints, without building it).
pub fn feature_line(e: &Event) -> String {
    serde_json::to_string(&feature_of(e)).unwrap_or_else(|_| feature(e).to_string())
}

/// Writes a FeatureCollection.
pub fn write_collection(w: &mut dyn std::io::Write, events: &[Event]) -> std::io::Result<()> {
    write_all(w, events, super::EventFormat::Geojson)
}

/// Writes one Feature per line.
pub fn write_ndjson(w: &mut dyn std::io::Write, events: &[Event]) -> std::io::Result<()> {
    write_all(w, events, super::EventFormat::Ndjson)
}

fn write_all(
    w: &mut dyn std::io::Write,
    events: &[Event],
    format: super::EventFormat,
) -> std::io::Result<()> {
    let mut out = super::EventWriter::new(w, format)?;
    out.write_all(events)?;
    out.finish()
}

/// The opening of a FeatureCollection written a feature at a time.
pub(crate) fn start_collection(w: &mut dyn std::io::Write) -> std::io::Result<()> {
    writeln!(w, "{{\"type\":\"FeatureCollection\",\"features\":[")
}

/// The closing of a FeatureCollection.
pub(crate) fn end_collection(w: &mut dyn std::io::Write) -> std::io::Result<()> {
    writeln!(w, "]}}")
}
