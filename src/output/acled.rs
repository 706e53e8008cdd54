//! The ACLED-style CSV: ACLED's 31 columns in ACLED's order and meanings, so that badia's rows
//! can be appended to an ACLED export of Syria. Coordinates have 4 decimals, sources are
//! `;`-separated, ids carry the country prefix SYR.

use std::fmt::Write;

use chrono::Datelike;

use crate::model::Event;

/// ACLED's columns, in ACLED's order.
pub const COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// ACLED's numeric code for Syria.
const ISO_SYRIA: &str = "760";
/// ACLED's inter code for civilians.
const INTER_CIVILIANS: u8 = 7;

/// The ACLED id of an event: SYR and a number derived from badia's stable id.
pub fn event_id_cnty(e: &Event) -> String {
    let hex = e.event_id.rsplit('-').next().unwrap_or("");
    let n = u64::from_str_radix(hex, 16).unwrap_or(0) % 100_000_000;
    format!("SYR{n}")
}

/// ACLED's interaction code: the two inter codes, smaller first (one alone when there is one
/// actor).
fn interaction(e: &Event) -> String {
    match (e.inter1, e.inter2) {
        (Some(a), Some(b)) => {
            let (x, y) = if a <= b { (a, b) } else { (b, a) };
            format!("{x}{y}")
        }
        (Some(a), None) | (None, Some(a)) => format!("{a}0"),
        (None, None) => String::new(),
    }
}

/// A short English line built from the coded fields, as ACLED's `notes`.
pub fn notes(e: &Event) -> String {
    // Written into one string: `write!` to a `String` cannot fail.
    let mut line = String::with_capacity(160);
    if let Some(d) = e.date {
        // chrono's "%-d %B %Y", without parsing the pattern for every event.
        let month = chrono::Month::try_from(d.month() as u8).map_or("", |m| m.name());
        let _ = write!(line, "On {} {month} {}, ", d.day(), super::year(d));
    }
    let _ = match (&e.actor1, &e.actor2) {
        (Some(a), Some(b)) => write!(line, "{a} and {b}: "),
        (Some(a), None) | (None, Some(a)) => write!(line, "{a}: "),
        (None, None) => Ok(()),
    };
    line.push_str(&e.sub_event_type.as_str().to_lowercase());
    line.push_str(" at or near ");
    line.push_str(&e.location);
    if !e.admin1.is_empty() {
        let _ = write!(line, " ({})", e.admin1);
    }
    if e.fatalities_unknown {
        line.push_str(". An unknown number killed");
    } else {
        let _ = write!(line, ". {} killed", e.fatalities);
    }
    if let Some(i) = e.injured {
        let _ = write!(line, ", {i} injured");
    }
    line.push_str(". [Extracted by badia from Arabic reports.]");
    line
}

/// The representative point of an event: its point, or the middle of a road's line.
fn point(e: &Event) -> [f64; 2] {
    let n = e.coords.len().max(1) as f64;
    [
        e.coords.iter().map(|c| c[0]).sum::<f64>() / n,
        e.coords.iter().map(|c| c[1]).sum::<f64>() / n,
    ]
}

/// One CSV row in [`COLUMNS`] order.
pub fn row(e: &Event) -> Vec<String> {
    let [lon, lat] = point(e);
    let civilian = e.inter2 == Some(INTER_CIVILIANS) || e.inter1 == Some(INTER_CIVILIANS);
    let outlets: Vec<String> = e.sources.iter().filter_map(|s| s.outlet.clone()).collect();
    let opt = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_default();
    vec![
        event_id_cnty(e),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.date.map(super::year).unwrap_or_default(),
        e.time_precision.to_string(),
        e.disorder_type.to_string(),
        e.event_type.to_string(),
        e.sub_event_type.to_string(),
        e.actor1.clone().unwrap_or_default(),
        e.assoc_actor_1.clone().unwrap_or_default(),
        opt(e.inter1),
        e.actor2.clone().unwrap_or_default(),
        e.assoc_actor_2.clone().unwrap_or_default(),
        opt(e.inter2),
        interaction(e),
        if civilian {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        ISO_SYRIA.into(),
        "Middle East".into(),
        "Syria".into(),
        e.admin1.clone(),
        e.admin2.clone(),
        String::new(),
        e.location.clone(),
        format!("{lat:.4}"),
        format!("{lon:.4}"),
        e.geo_precision.to_string(),
        outlets.join("; "),
        String::new(),
        notes(e),
        e.fatalities.to_string(),
        String::new(),
        String::new(),
    ]
}

/// Writes the CSV with its header.
pub fn write(w: &mut dyn std::io::Write, events: &[Event]) -> std::io::Result<()> {
    let mut out = super::EventWriter::new(w, super::EventFormat::AcledCsv)?;
    out.write_all(events)?;
    out.finish()
}

/// A CSV writer that has written the header, for rows written one at a time.
pub(crate) fn start(
    w: &mut dyn std::io::Write,
) -> std::io::Result<csv::Writer<&mut dyn std::io::Write>> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(COLUMNS).map_err(io_error)?;
    Ok(out)
}

/// A CSV writer's error as an I/O error; the underlying I/O error itself when it is one, so
/// that its kind (a closed pipe, a full disk) is kept.
pub(crate) fn io_error(e: csv::Error) -> std::io::Error {
    if !e.is_io_error() {
        return std::io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        kind => std::io::Error::other(format!("{kind:?}")),
    }
}
