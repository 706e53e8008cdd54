//! GeoJSON Features of clusters and hotspots, for `badia cluster`: plain `serde_json` values
//! with flat properties, written by the caller (atomically, like every output).

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::hotspot::Hotspots;
use super::input::EventPoint;
use super::{ClusterIndex, ClusterItem};

const WORLD: [f64; 4] = [-180.0, -90.0, 180.0, 90.0];

fn round(v: f64) -> f64 {
    (v * 1e5).round() / 1e5
}

fn day(d: Option<NaiveDate>) -> Value {
    json!(d.map(|d| d.format("%Y-%m-%d").to_string()))
}

fn point_feature(lon: f64, lat: f64, props: Map<String, Value>) -> Value {
    json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon), round(lat)]},
        "properties": Value::Object(props),
    })
}

/// Writes, as a FeatureCollection a Feature a line, the items visible at each zoom of `zooms`
/// over the whole world, one Feature each, with properties `zoom`, `cluster`, `cluster_id`,
/// `point_count`, `fatalities`, `date_min`, `date_max`, `expansion_zoom` and, for a single
/// event, its `event_id`. `events[i]` is the event of input point `i`. Features are written
/// as they are made (a million events' features held at once take gigabytes); returns how
/// many were written.
pub fn write_cluster_features(
    w: &mut dyn std::io::Write,
    index: &ClusterIndex,
    zooms: &[u8],
    events: &[EventPoint],
) -> std::io::Result<usize> {
    writeln!(w, "{{\"type\":\"FeatureCollection\",\"features\":[")?;
    let mut written = 0;
    for &zoom in zooms {
        for item in index.clusters(WORLD, zoom) {
            let f = cluster_feature(index, zoom, item, events);
            let sep = if written > 0 { ",\n" } else { "" };
            write!(w, "{sep}{f}")?;
            written += 1;
        }
    }
    if written > 0 {
        writeln!(w)?;
    }
    writeln!(w, "]}}")?;
    Ok(written)
}

/// The Feature of one item visible at `zoom`.
fn cluster_feature(
    index: &ClusterIndex,
    zoom: u8,
    item: ClusterItem,
    events: &[EventPoint],
) -> Value {
    let mut p = Map::new();
    p.insert("zoom".into(), json!(zoom));
    match item {
        ClusterItem::Point { index: i, lon, lat } => {
            let e = &events[i];
            p.insert("cluster".into(), json!(false));
            p.insert("cluster_id".into(), Value::Null);
            p.insert("point_count".into(), json!(1));
            p.insert("fatalities".into(), json!(e.point.fatalities));
            p.insert("date_min".into(), day(e.point.date));
            p.insert("date_max".into(), day(e.point.date));
            p.insert("expansion_zoom".into(), Value::Null);
            p.insert("event_id".into(), e.event_id.clone());
            point_feature(lon, lat, p)
        }
        ClusterItem::Cluster {
            id,
            lon,
            lat,
            point_count,
            fatalities,
            date_min,
            date_max,
        } => {
            p.insert("cluster".into(), json!(true));
            p.insert("cluster_id".into(), json!(id));
            p.insert("point_count".into(), json!(point_count));
            p.insert("fatalities".into(), json!(fatalities));
            p.insert("date_min".into(), day(date_min));
            p.insert("date_max".into(), day(date_max));
            p.insert("expansion_zoom".into(), json!(index.expansion_zoom(id)));
            p.insert("event_id".into(), Value::Null);
            point_feature(lon, lat, p)
        }
    }
}

/// Writes, as a FeatureCollection a Feature a line, every event as it was read with a
/// `hotspot` property (its hotspot id, or null for noise), then one summary Feature per hotspot
/// at its mean position with `hotspot`, `point_count`, `fatalities`, `date_min`, `date_max`
/// and `summary: true`. The events must have been read with their features (see
/// [`super::input::read_events`]); each is made a JSON value only while it is written.
pub fn write_hotspot_features(
    w: &mut dyn std::io::Write,
    result: &Hotspots,
    events: &[EventPoint],
) -> std::io::Result<()> {
    writeln!(w, "{{\"type\":\"FeatureCollection\",\"features\":[")?;
    let mut first = true;
    let mut put = |w: &mut dyn std::io::Write, f: Value| -> std::io::Result<()> {
        let sep = if first { "" } else { ",\n" };
        first = false;
        write!(w, "{sep}{f}")
    };
    for (e, label) in events.iter().zip(&result.labels) {
        let mut f = e
            .feature
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or(Value::Null);
        if let Some(Value::Object(p)) = f.get_mut("properties") {
            p.insert("hotspot".into(), json!(label));
        } else if let Value::Object(o) = &mut f {
            o.insert("properties".into(), json!({ "hotspot": label }));
        }
        put(w, f)?;
    }
    for h in &result.hotspots {
        let mut p = Map::new();
        p.insert("summary".into(), json!(true));
        p.insert("hotspot".into(), json!(h.id));
        p.insert("point_count".into(), json!(h.members.len()));
        p.insert("fatalities".into(), json!(h.fatalities));
        p.insert("date_min".into(), day(h.date_min));
        p.insert("date_max".into(), day(h.date_max));
        put(w, point_feature(h.lon, h.lat, p))?;
    }
    if !first {
        writeln!(w)?;
    }
    writeln!(w, "]}}")
}

/// Keeps the events dated within `from..=to` (either end open); undated events are dropped
/// when a bound is given.
pub fn within_dates(
    events: Vec<EventPoint>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<EventPoint> {
    if from.is_none() && to.is_none() {
        return events;
    }
    events
        .into_iter()
        .filter(|e| {
            e.point
                .date
                .is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t))
        })
        .collect()
}
