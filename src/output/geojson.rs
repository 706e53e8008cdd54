//! GeoJSON (RFC 7946) and NDJSON for events: one Feature per event, flat properties typed so
//! QGIS and GDAL read them right (dates as `YYYY-MM-DD` strings, counts as integers, nulls as
//! null).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::{DateSource, Event, Source};

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
    date_source: Option<&'static str>,
    event_type: &'a str,
    sub_event_type: &'a str,
    disorder_type: &'a str,
    actor1: &'a Option<String>,
    assoc_actor_1: &'a Option<String>,
    inter1: Option<u8>,
    actor2: &'a Option<String>,
    assoc_actor_2: &'a Option<String>,
    inter2: Option<u8>,
    fatalities: u32,
    fatalities_low: Option<u32>,
    fatalities_high: Option<u32>,
    injured: Option<u32>,
    target: &'a Option<String>,
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
            // A date displays as `YYYY-MM-DD`.
            event_date: e.date.map(|d| d.to_string()),
            time_precision: e.time_precision,
            date_source: e.date_source.map(DateSource::as_str),
            event_type: e.event_type.as_str(),
            sub_event_type: e.sub_event_type.as_str(),
            disorder_type: e.disorder_type.as_str(),
            actor1: &e.actor1,
            assoc_actor_1: &e.assoc_actor_1,
            inter1: e.inter1,
            actor2: &e.actor2,
            assoc_actor_2: &e.assoc_actor_2,
            inter2: e.inter2,
            fatalities: e.fatalities,
            fatalities_low: e.fatalities_low,
            fatalities_high: e.fatalities_high,
            injured: e.injured,
            target: &e.target,
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
            evidence_offsets: evidence_offsets(e),
            notes: super::acled::notes(e),
            confidence: e.confidence,
            location_reasons: e.location_reasons.join("; "),
            merged_because: &e.merged_because,
        }
    }
}

/// `article:start-end` for each piece of evidence, `; `-separated.
fn evidence_offsets(e: &Event) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (i, ev) in e.evidence.iter().enumerate() {
        let sep = if i > 0 { "; " } else { "" };
        // Writing to a `String` cannot fail.
        let _ = write!(out, "{sep}{}:{}-{}", ev.article_id, ev.start, ev.end);
    }
    out
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

/// [`feature_line`] as bytes, written field by field. serde_json escapes a string a byte at a
/// time; the evidence, the bulk of a line, is Arabic prose that needs no escape, so strings are
/// checked whole and copied, and only those that need escaping go through serde_json (as do
/// numbers and the geometry). The buffer is sized for the line at once.
pub(crate) fn feature_bytes(e: &Event) -> Vec<u8> {
    let evidence: usize = e.evidence.iter().map(|ev| ev.text.len()).sum();
    let mut line = Vec::with_capacity(1024 + evidence + evidence / 4);
    let mut f = JsonObject::start(&mut line);
    f.str("type", "Feature");
    f.str("id", &e.event_id);
    f.value("geometry", &Geometry::of(e));
    f.key("properties");
    write_properties(f.out, &Properties::of(e));
    f.end();
    line
}

/// The fields of [`Properties`], in its order (the values are the struct's own: only the
/// writing differs from its serde form, which a test holds it to).
fn write_properties(out: &mut Vec<u8>, p: &Properties<'_>) {
    let mut o = JsonObject::start(out);
    o.str("event_id", p.event_id);
    o.value("event_date", &p.event_date);
    o.value("time_precision", &p.time_precision);
    o.opt_str("date_source", p.date_source);
    o.str("event_type", p.event_type);
    o.str("sub_event_type", p.sub_event_type);
    o.str("disorder_type", p.disorder_type);
    o.opt_str("actor1", p.actor1.as_deref());
    o.opt_str("assoc_actor_1", p.assoc_actor_1.as_deref());
    o.value("inter1", &p.inter1);
    o.opt_str("actor2", p.actor2.as_deref());
    o.opt_str("assoc_actor_2", p.assoc_actor_2.as_deref());
    o.value("inter2", &p.inter2);
    o.value("fatalities", &p.fatalities);
    o.value("fatalities_low", &p.fatalities_low);
    o.value("fatalities_high", &p.fatalities_high);
    o.value("injured", &p.injured);
    o.opt_str("target", p.target.as_deref());
    o.str("location", p.location);
    o.str("location_ar", p.location_ar);
    o.str("location_text", p.location_text);
    o.str("admin1", p.admin1);
    o.str("admin2", p.admin2);
    o.str("gazetteer_id", p.gazetteer_id);
    o.value("geo_precision", &p.geo_precision);
    o.opt_str("source", p.source.as_deref());
    o.opt_str("source_url", p.source_url.as_deref());
    o.str("article_ids", &p.article_ids);
    o.str("evidence", &p.evidence);
    o.str("evidence_offsets", &p.evidence_offsets);
    o.str("notes", &p.notes);
    o.value("confidence", &p.confidence);
    o.str("location_reasons", &p.location_reasons);
    o.opt_str("merged_because", p.merged_because.as_deref());
    o.end();
}

/// A JSON object written a member at a time, as serde_json writes it compactly.
struct JsonObject<'b> {
    out: &'b mut Vec<u8>,
    empty: bool,
}

impl<'b> JsonObject<'b> {
    fn start(out: &'b mut Vec<u8>) -> JsonObject<'b> {
        out.push(b'{');
        JsonObject { out, empty: true }
    }

    /// Starts a member; keys are plain names that need no escaping.
    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        write_str(self.out, value);
    }

    fn opt_str(&mut self, key: &str, value: Option<&str>) {
        self.key(key);
        match value {
            Some(v) => write_str(self.out, v),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    fn value(&mut self, key: &str, value: &impl Serialize) {
        self.key(key);
        // Writing to a vector fails only for values that are not JSON, and these all are.
        let _ = serde_json::to_writer(&mut *self.out, value);
    }

    fn end(self) {
        self.out.push(b'}');
    }
}

/// A JSON string: copied whole when no byte needs escaping, else escaped by serde_json.
fn write_str(out: &mut Vec<u8>, s: &str) {
    // A fold, unlike `any`, has no early exit and is checked many bytes at a time.
    let plain = s.bytes().fold(true, |plain, b| {
        plain & (b >= 0x20) & (b != b'"') & (b != b'\\')
    });
    if plain {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, s);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn event(text: &str, actor: Option<&str>, coords: &str) -> Event {
        let json = serde_json::json!({
            "event_id": "ev-00ff", "date": "2020-04-09", "time_precision": 1,
            "event_type": "Battles", "sub_event_type": "Armed clash",
            "disorder_type": "Political violence", "actor1": actor, "inter1": 2,
            "actor2": null, "inter2": null, "fatalities": 3, "fatalities_low": null,
            "fatalities_high": 4, "injured": null, "gazetteer_id": "g1",
            "location": "Palmyra", "location_ar": "تدمر", "location_text": "قرب \"تدمر\"",
            "admin1": "Homs", "admin2": "", "coords": serde_json::from_str::<Value>(coords).unwrap(),
            "geo_precision": 2,
            "sources": [{"article_id": "a1", "outlet": "Example", "url": null},
                        {"article_id": "a2", "outlet": null, "url": null}],
            "evidence": [{"article_id": "a1", "text": text, "start": 0, "end": 9}],
            "confidence": 0.8733333333333333, "location_reasons": ["x", "y"],
            "place_ids": [], "merged_because": null
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn written_lines_match_serde() {
        let events = [
            event("قتل عنصر في تدمر.", Some("IS"), "[[38.1234567, 34.5]]"),
            event(
                "سطر\nآخر\t\"مقتبس\" \\ \u{1} \u{7f}",
                None,
                "[[38.0, 34.0], [39.5, 35.25]]",
            ),
            event("", Some("قوات \"النظام\""), "[[-0.0, 1e-7]]"),
        ];
        for e in &events {
            assert_eq!(
                String::from_utf8(feature_bytes(e)).unwrap(),
                feature_line(e)
            );
        }
    }
}
