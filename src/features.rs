//! Features of badia's GeoJSON read back, for the commands that take `extract`'s output as
//! input (`cluster`, `tiles`): a JSON value in, a `geojson` crate [`Feature`] out, and its
//! positions and the properties those commands use, checked the same way for both. What is
//! wrong with a feature is a message; the caller makes it a diagnostic with the feature's
//! line and reads on.

use chrono::NaiveDate;
use geojson::feature::Id;
use geojson::{Feature, Value as Geometry};
use serde_json::Value;

/// A JSON value as a GeoJSON Feature.
pub fn feature(value: Value) -> Result<Feature, String> {
    Feature::from_json_value(value).map_err(|e| format!("not a GeoJSON Feature: {e}"))
}

/// The (lon, lat) positions of a feature's geometry: one for a Point, every vertex of a
/// LineString; each in WGS84 degrees (an altitude after them is ignored).
pub fn positions(f: &Feature) -> Result<Vec<[f64; 2]>, String> {
    let geometry = f.geometry.as_ref().ok_or("feature without geometry")?;
    match &geometry.value {
        Geometry::Point(p) => Ok(vec![position(p)?]),
        Geometry::LineString(line) if line.is_empty() => Err("empty LineString".into()),
        Geometry::LineString(line) => line.iter().map(|p| position(p)).collect(),
        other => Err(format!(
            "geometry type {} is not a Point or LineString",
            other.type_name()
        )),
    }
}

fn position(p: &[f64]) -> Result<[f64; 2], String> {
    let [lon, lat, ..] = *p else {
        return Err(format!("position {p:?} is not [lon, lat]"));
    };
    if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) {
        Ok([lon, lat])
    } else {
        Err(format!(
            "position [{lon}, {lat}] is outside WGS84 degrees (longitude -180 to 180, latitude -90 to 90)"
        ))
    }
}

/// A property, `None` when missing or null.
fn property<'f>(f: &'f Feature, key: &str) -> Option<&'f Value> {
    f.property(key).filter(|v| !v.is_null())
}

/// A text property, `None` when missing or null.
pub fn text<'f>(f: &'f Feature, key: &str) -> Result<Option<&'f str>, String> {
    property(f, key)
        .map(|v| v.as_str().ok_or_else(|| format!("{key} {v} is not text")))
        .transpose()
}

/// A count property (`fatalities`, `injured`), `None` when missing or null.
pub fn count(f: &Feature, key: &str) -> Result<Option<u32>, String> {
    property(f, key)
        .map(|v| {
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| format!("{key} {v} is not a count"))
        })
        .transpose()
}

/// `event_date` (YYYY-MM-DD), `None` when missing, null or empty.
pub fn event_date(f: &Feature) -> Result<Option<NaiveDate>, String> {
    match text(f, "event_date")? {
        None | Some("") => Ok(None),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("event_date {d:?} is not YYYY-MM-DD")),
    }
}

/// The feature's `id`, else its `event_id` property, else null.
pub fn id(f: &Feature) -> Value {
    match &f.id {
        Some(Id::String(s)) => Value::String(s.clone()),
        Some(Id::Number(n)) => Value::Number(n.clone()),
        None => property(f, "event_id").cloned().unwrap_or(Value::Null),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(v: Value) -> Feature {
        feature(v).expect("a feature")
    }

    #[test]
    fn points_and_lines_give_their_positions() {
        let point = read(json!({"type": "Feature", "geometry": {"type": "Point",
            "coordinates": [38.2, 34.9, 300.0]}, "properties": {"event_id": "e1"}}));
        assert_eq!(positions(&point), Ok(vec![[38.2, 34.9]]));
        assert_eq!(id(&point), json!("e1"));
        let line = read(
            json!({"type": "Feature", "id": 7, "geometry": {"type": "LineString",
            "coordinates": [[38, 34], [39, 35]]}, "properties": null}),
        );
        assert_eq!(positions(&line), Ok(vec![[38.0, 34.0], [39.0, 35.0]]));
        assert_eq!(id(&line), json!(7));
    }

    #[test]
    fn what_cannot_be_drawn_says_why() {
        let with = |geometry: Value| read(json!({"type": "Feature", "geometry": geometry}));
        let why = |geometry: Value| positions(&with(geometry)).unwrap_err();
        assert!(why(Value::Null).contains("without geometry"));
        assert!(why(json!({"type": "Point", "coordinates": [238.2, 1]})).contains("WGS84"));
        assert!(why(json!({"type": "LineString", "coordinates": []})).contains("empty"));
        assert!(why(json!({"type": "MultiPoint", "coordinates": [[1, 2]]})).contains("MultiPoint"));
        assert!(
            feature(json!({"type": "FeatureCollection", "features": []}))
                .unwrap_err()
                .contains("not a GeoJSON Feature")
        );
    }

    #[test]
    fn properties_are_read_or_refused() {
        let f = read(json!({"type": "Feature", "geometry": null, "properties": {
            "fatalities": 4, "injured": null, "event_date": "2024-03-02", "location": "Al Kawm",
            "actor1": 3}}));
        assert_eq!(count(&f, "fatalities"), Ok(Some(4)));
        assert_eq!(count(&f, "injured"), Ok(None));
        assert_eq!(event_date(&f), Ok(NaiveDate::from_ymd_opt(2024, 3, 2)));
        assert_eq!(text(&f, "location"), Ok(Some("Al Kawm")));
        assert!(text(&f, "actor1").is_err());
        let bad = read(json!({"type": "Feature", "geometry": null, "properties": {
            "fatalities": -1, "event_date": "2 March"}}));
        assert!(count(&bad, "fatalities")
            .unwrap_err()
            .contains("not a count"));
        assert!(event_date(&bad).unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(id(&bad), Value::Null);
    }
}
