//! GeoJSON (RFC 7946) and NDJSON for events: one Feature per event, flat properties typed so
//! QGIS and GDAL read them right (dates as `YYYY-MM-DD` strings, counts as integers, nulls as
//! null).

use serde_json::{json, Map, Value};

use crate::model::Event;

/// The properties of one event, in a fixed order.
pub fn properties(e: &Event) -> Map<String, Value> {
    let join = |f: &dyn Fn(&crate::model::Source) -> Option<String>| -> Value {
        let parts: Vec<String> = e.sources.iter().filter_map(f).collect();
        if parts.is_empty() {
            Value::Null
        } else {
            Value::String(parts.join("; "))
        }
    };
    let mut p = Map::new();
    p.insert("event_id".into(), json!(e.event_id));
    p.insert(
        "event_date".into(),
        json!(e.date.map(|d| d.format("%Y-%m-%d").to_string())),
    );
    p.insert("time_precision".into(), json!(e.time_precision));
    p.insert("event_type".into(), json!(e.event_type));
    p.insert("sub_event_type".into(), json!(e.sub_event_type));
    p.insert("disorder_type".into(), json!(e.disorder_type));
    p.insert("actor1".into(), json!(e.actor1));
    p.insert("inter1".into(), json!(e.inter1));
    p.insert("actor2".into(), json!(e.actor2));
    p.insert("inter2".into(), json!(e.inter2));
    p.insert("fatalities".into(), json!(e.fatalities));
    p.insert("fatalities_low".into(), json!(e.fatalities_low));
    p.insert("fatalities_high".into(), json!(e.fatalities_high));
    p.insert("injured".into(), json!(e.injured));
    p.insert("location".into(), json!(e.location));
    p.insert("location_ar".into(), json!(e.location_ar));
    p.insert("location_text".into(), json!(e.location_text));
    p.insert("admin1".into(), json!(e.admin1));
    p.insert("admin2".into(), json!(e.admin2));
    p.insert("gazetteer_id".into(), json!(e.gazetteer_id));
    p.insert("geo_precision".into(), json!(e.geo_precision));
    p.insert("source".into(), join(&|s| s.outlet.clone()));
    p.insert("source_url".into(), join(&|s| s.url.clone()));
    p.insert(
        "article_ids".into(),
        json!(e
            .sources
            .iter()
            .map(|s| s.article_id.as_str())
            .collect::<Vec<_>>()
            .join("; ")),
    );
    p.insert(
        "evidence".into(),
        json!(e
            .evidence
            .iter()
            .map(|ev| ev.text.as_str())
            .collect::<Vec<_>>()
            .join(" … ")),
    );
    p.insert(
        "evidence_offsets".into(),
        json!(e
            .evidence
            .iter()
            .map(|ev| format!("{}:{}-{}", ev.article_id, ev.start, ev.end))
            .collect::<Vec<_>>()
            .join("; ")),
    );
    p.insert("notes".into(), json!(super::acled::notes(e)));
    p.insert("confidence".into(), json!(e.confidence));
    p.insert(
        "location_reasons".into(),
        json!(e.location_reasons.join("; ")),
    );
    p.insert("merged_because".into(), json!(e.merged_because));
    p
}

/// The GeoJSON geometry: a Point, or a LineString for a road.
pub fn geometry(e: &Event) -> Value {
    let round = |v: f64| (v * 1e5).round() / 1e5;
    match e.coords.as_slice() {
        [p] => json!({"type": "Point", "coordinates": [round(p[0]), round(p[1])]}),
        pts => json!({
            "type": "LineString",
            "coordinates": pts.iter().map(|p| [round(p[0]), round(p[1])]).collect::<Vec<_>>()
        }),
    }
}

/// One GeoJSON Feature.
pub fn feature(e: &Event) -> Value {
    json!({
        "type": "Feature",
        "id": e.event_id,
        "geometry": geometry(e),
        "properties": Value::Object(properties(e)),
    })
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
