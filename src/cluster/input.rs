//! Reading events back from the GeoJSON (or NDJSON) that `badia extract` writes, as points to
//! cluster. Our writers put one Feature per line, so a bad feature is reported with its line;
//! a FeatureCollection laid out otherwise is read whole and a bad feature is reported by its
//! index. Bad features are skipped; the rest is read.

use std::path::Path;

use serde_json::Value;

use super::ClusterPoint;
use crate::error::{Diagnostic, Error};
use crate::features;

/// One event read back: its point, its id and, when asked for, the Feature as it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPoint {
    pub point: ClusterPoint,
    /// The Feature's `id`, else its `event_id` property, else null.
    pub event_id: Value,
    /// The whole Feature as compact JSON text, kept only when [`read_events`] is asked to
    /// (clusters need only the points and ids; as JSON values, a million features would
    /// take gigabytes).
    pub feature: Option<String>,
}

/// The events of a file, with a diagnostic for each feature that could not be read; with
/// `features`, each keeps its whole Feature.
pub fn read_events(
    path: &Path,
    features: bool,
) -> Result<(Vec<EventPoint>, Vec<Diagnostic>), Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(parse_events(path, &text, features))
}

/// Like [`read_events`], from text already read; `path` names it in diagnostics.
pub fn parse_events(path: &Path, text: &str, features: bool) -> (Vec<EventPoint>, Vec<Diagnostic>) {
    let event_of = |v: Value| event_of(v, features);
    let mut events = Vec::new();
    let mut diags = Vec::new();
    if let Some(lines) = feature_lines(text) {
        for (line, body) in lines {
            match serde_json::from_str::<Value>(body)
                .map_err(|e| e.to_string())
                .and_then(event_of)
            {
                Ok(e) => events.push(e),
                Err(m) => diags.push(Diagnostic::at_line(path, line, m)),
            }
        }
        return (events, diags);
    }
    let doc: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            // Features a line each with a line that is no feature (cut off, a stray word):
            // that line is reported and the others are read.
            if let Some(lines) = loose_feature_lines(text) {
                for (line, body) in lines {
                    match serde_json::from_str::<Value>(body) {
                        Ok(v) => match event_of(v) {
                            Ok(e) => events.push(e),
                            Err(m) => diags.push(Diagnostic::at_line(path, line, m)),
                        },
                        Err(e) => diags.push(Diagnostic::at_line(
                            path,
                            line,
                            format!("not a JSON feature: {e}"),
                        )),
                    }
                }
                return (events, diags);
            }
            diags.push(Diagnostic::at_line(
                path,
                e.line() as u64,
                format!("not JSON: {e}"),
            ));
            return (events, diags);
        }
    };
    let features = match doc {
        Value::Object(mut o) if o.get("type") == Some(&Value::from("FeatureCollection")) => {
            match o.remove("features") {
                Some(Value::Array(a)) => a,
                _ => {
                    diags.push(file_error(
                        path,
                        "a FeatureCollection without a features array",
                    ));
                    return (events, diags);
                }
            }
        }
        f @ Value::Object(_) => vec![f],
        _ => {
            diags.push(file_error(
                path,
                "neither a Feature nor a FeatureCollection",
            ));
            return (events, diags);
        }
    };
    for (i, f) in features.into_iter().enumerate() {
        match event_of(f) {
            Ok(e) => events.push(e),
            Err(m) => diags.push(file_error(path, format!("feature {i}: {m}"))),
        }
    }
    (events, diags)
}

fn file_error(path: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic::file(
        crate::error::Severity::Warning,
        path.display().to_string(),
        message,
    )
}

/// The feature lines of our one-feature-per-line layout (1-based line, text without the
/// separating comma), or `None` when the text is laid out otherwise.
fn feature_lines(text: &str) -> Option<Vec<(u64, &str)>> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    let collection = lines
        .peek()
        .is_some_and(|(_, l)| l.trim() == r#"{"type":"FeatureCollection","features":["#);
    if collection {
        lines.next();
    }
    let mut closed = !collection;
    for (n, line) in lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if collection && t == "]}" {
            closed = true;
            continue;
        }
        if closed && collection {
            return None;
        }
        if !t.starts_with('{') {
            return None;
        }
        out.push((n as u64 + 1, t.strip_suffix(',').unwrap_or(t)));
    }
    if collection && !closed {
        return None;
    }
    // A single pretty-printed document is not one feature per line.
    if !collection && out.len() == 1 && text.trim_end().lines().count() > 1 {
        return None;
    }
    Some(out)
}

/// Every non-empty line (1-based, without a separating comma) of a text laid out a feature a
/// line, bad lines included, when one of its first lines is a JSON object on its own; `None`
/// for a text laid out otherwise. Our collection's first and last lines are left out.
fn loose_feature_lines(text: &str) -> Option<Vec<(u64, &str)>> {
    let lines: Vec<(u64, &str)> = text
        .lines()
        .enumerate()
        .map(|(n, l)| (n as u64 + 1, l.trim()))
        .filter(|&(n, t)| {
            let frame = (n == 1 && t == r#"{"type":"FeatureCollection","features":["#) || t == "]}";
            !t.is_empty() && !frame
        })
        .map(|(n, t)| (n, t.strip_suffix(',').unwrap_or(t)))
        .collect();
    let one_a_line = lines
        .iter()
        .take(10)
        .any(|(_, t)| serde_json::from_str::<Value>(t).is_ok_and(|v| v.is_object()));
    one_a_line.then_some(lines)
}

/// The point of one Feature (read through [`crate::features`]): a Point's position, or a
/// LineString's middle vertex (as [`super::points_of`] takes it); fatalities and
/// `event_date` from its properties.
fn event_of(value: Value, keep: bool) -> Result<EventPoint, String> {
    let text = keep.then(|| value.to_string());
    let f = features::feature(value)?;
    let positions = features::positions(&f)?;
    let [lon, lat] = positions[positions.len().saturating_sub(1) / 2];
    Ok(EventPoint {
        point: ClusterPoint {
            lon,
            lat,
            fatalities: features::count(&f, "fatalities")?.unwrap_or(0),
            date: features::event_date(&f)?,
        },
        event_id: features::id(&f),
        feature: text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn bad_features_are_reported_with_their_line_and_the_rest_is_read() {
        let text = concat!(
            "{\"type\":\"FeatureCollection\",\"features\":[\n",
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[38.2,34.9]},\"properties\":{\"fatalities\":4,\"event_date\":\"2024-03-02\"}},\n",
            "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}},\n",
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[38,34],[39,35],[40,36]]},\"properties\":{\"fatalities\":null,\"event_date\":null}}\n",
            "]}\n"
        );
        let (events, diags) = parse_events(Path::new("e.geojson"), text, true);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].point.fatalities, 4);
        assert_eq!(events[0].point.date, NaiveDate::from_ymd_opt(2024, 3, 2));
        assert_eq!((events[1].point.lon, events[1].point.lat), (39.0, 35.0));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(3));
    }

    #[test]
    fn a_bad_line_among_features_a_line_is_skipped_alone() {
        let good = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[38.2,34.9]},"properties":{}}"#;
        for text in [
            format!("{good}\nnot json at all\n{good}\n[1, 2]\n{good}\n"),
            format!(
                "{{\"type\":\"FeatureCollection\",\"features\":[\n{good},\ngarbage,\n{good}\n]}}\n"
            ),
            format!("{good}\n{{\"type\":\"Feature\",\"geometry\n"),
        ] {
            let (events, diags) = parse_events(Path::new("e.ndjson"), &text, false);
            let bad: Vec<_> = diags.iter().map(|d| d.line).collect();
            let want =
                text.lines().count() - bad.len() - usize::from(text.contains("Collection")) * 2;
            assert_eq!(events.len(), want, "{text}: {diags:?}");
            assert!(
                !bad.is_empty() && bad.iter().all(Option::is_some),
                "{diags:?}"
            );
        }
        let (events, diags) = parse_events(
            Path::new("e.ndjson"),
            &format!("{good}\nnot json at all\n{good}\n"),
            false,
        );
        assert_eq!(events.len(), 2);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(2));
        assert!(
            diags[0].message.contains("not a JSON feature"),
            "{}",
            diags[0]
        );
    }

    #[test]
    fn a_pretty_printed_collection_is_read_whole() {
        let text = r#"{
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [38.2, 34.9]}, "properties": {}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [38.2]}, "properties": {}}
  ]
}"#;
        let (events, diags) = parse_events(Path::new("e.geojson"), text, true);
        assert_eq!(events.len(), 1);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("feature 1"), "{}", diags[0]);
    }
}
