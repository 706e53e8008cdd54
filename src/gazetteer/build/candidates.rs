//! `candidates.csv`, the compiled list beside the raw sources. Three things are taken from it:
//! the Wikipedia points and the roads (rows of their own), the Arabic names of the Open-Syria
//! transport locations, and the extra spellings of the "target" places, which are merged into
//! the rows built from the bulk sources.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::names::{clean, NameList};
use crate::error::{Diagnostic, Error};
use crate::model::{Place, PlaceKind};

/// The `source` of Wikipedia rows.
pub const WIKIPEDIA: &str = "Wikipedia";
/// The `source` of road rows: their points are computed from their ends.
pub const ROAD: &str = "compiled (road between its ends)";

/// One row of `candidates.csv`.
#[derive(Debug, Clone, Deserialize)]
pub struct Candidate {
    pub id_source: String,
    pub name_ar: String,
    pub name_en: String,
    pub alt_names: String,
    pub lat: String,
    pub lon: String,
    pub feature_kind: String,
    pub governorate_en: String,
    pub notes: String,
    /// 1-based line in the file (not a column).
    #[serde(skip)]
    pub line: u64,
}

impl Candidate {
    /// The `|`-separated alternative names.
    pub fn alt_list(&self) -> Vec<String> {
        let mut list = NameList::new(&self.name_ar);
        list.extend(self.alt_names.split('|'));
        list.into_vec()
    }

    /// Whether the compiler marked the row as a place named in the brief or sample articles.
    pub fn is_target(&self) -> bool {
        self.notes.starts_with("target") || self.notes.contains("; target")
    }
}

/// Reads `candidates.csv`; unreadable rows become diagnostics.
pub fn read(path: &Path) -> Result<(Vec<Candidate>, Vec<Diagnostic>), Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut rdr = csv::Reader::from_reader(std::io::BufReader::new(file));
    let headers = rdr
        .headers()
        .map_err(|e| Error::csv(e).in_file(path))?
        .clone();
    let mut rows = Vec::new();
    let mut diags = Vec::new();
    for record in rdr.records() {
        let parsed = record.and_then(|r| {
            let line = r.position().map_or(0, |p| p.line());
            r.deserialize::<Candidate>(Some(&headers))
                .map(|c| Candidate { line, ..c })
        });
        match parsed {
            Ok(c) => rows.push(c),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                diags.push(Diagnostic::at_line(path, line, e.to_string()));
            }
        }
    }
    Ok((rows, diags))
}

/// The rows that the candidates file is the source of: Wikipedia points and roads. Roads get
/// no point and no ends here (see `roads`).
pub fn own_rows(rows: &[Candidate], path: &Path) -> (Vec<Place>, Vec<Diagnostic>) {
    let mut places = Vec::new();
    let mut diags = Vec::new();
    for c in rows {
        let source = if c.id_source.starts_with("wikipedia:") {
            WIKIPEDIA
        } else if c.id_source.starts_with("road:") {
            ROAD
        } else {
            continue;
        };
        match to_place(c, source) {
            Ok(p) => places.push(p),
            Err(msg) => diags.push(Diagnostic::at_line(path, c.line, msg)),
        }
    }
    (places, diags)
}

/// A candidate as a gazetteer row.
fn to_place(c: &Candidate, source: &str) -> Result<Place, String> {
    let id = &c.id_source;
    let kind = PlaceKind::parse(&c.feature_kind)
        .ok_or_else(|| format!("{id}: unknown kind `{}`", c.feature_kind))?;
    let coord = |s: &str| -> Result<f64, String> {
        if s.trim().is_empty() && kind == PlaceKind::Road {
            return Ok(f64::NAN);
        }
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{id}: coordinate `{s}` is not a number"))
    };
    let name_ar = clean(&c.name_ar);
    if name_ar.is_empty() {
        return Err(format!("{id}: no Arabic name"));
    }
    Ok(Place {
        id: id.clone(),
        alt_names: c.alt_list(),
        name_ar,
        name_en: clean(&c.name_en),
        lat: coord(&c.lat)?,
        lon: coord(&c.lon)?,
        kind,
        admin1: c.governorate_en.trim().to_string(),
        admin2: String::new(),
        population: 0,
        ends: Vec::new(),
        source: source.to_string(),
    })
}

/// The kinds the compiler gave GeoNames places, by GeoNames id.
pub fn geonames_kinds(rows: &[Candidate]) -> BTreeMap<u64, PlaceKind> {
    by_geonames_id(rows, |c| PlaceKind::parse(&c.feature_kind))
}

/// The governorates the compiler gave GeoNames places, by GeoNames id.
pub fn geonames_governorates(rows: &[Candidate]) -> BTreeMap<u64, String> {
    by_geonames_id(rows, |c| {
        Some(c.governorate_en.trim().to_string()).filter(|g| !g.is_empty())
    })
}

fn by_geonames_id<T>(rows: &[Candidate], f: impl Fn(&Candidate) -> Option<T>) -> BTreeMap<u64, T> {
    rows.iter()
        .filter_map(|c| Some((c.id_source.strip_prefix("geonames:")?.parse().ok()?, f(c)?)))
        .collect()
}

/// The place ids a road's notes name as its ends (`… LineString geonames:1 -> geonames:2 …`),
/// used to check the ends found by name.
pub fn noted_ends(c: &Candidate) -> Vec<String> {
    let Some(rest) = c.notes.split("LineString").nth(1) else {
        return Vec::new();
    };
    rest.split("->")
        .filter_map(|part| part.split_whitespace().find(|w| w.contains(':')))
        .map(|w| {
            w.trim_matches(|ch: char| ch == '(' || ch == ')')
                .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(notes: &str) -> Candidate {
        Candidate {
            id_source: "road:A-B".into(),
            name_ar: "طريق أ - ب".into(),
            name_en: String::new(),
            alt_names: String::new(),
            lat: String::new(),
            lon: String::new(),
            feature_kind: "road".into(),
            governorate_en: String::new(),
            notes: notes.into(),
            line: 2,
        }
    }

    #[test]
    fn road_notes_give_the_ends() {
        let c = candidate("road: no single point - emit LineString geonames:172378 -> geonames:168351 (route geometry not sourced)");
        assert_eq!(noted_ends(&c), vec!["geonames:172378", "geonames:168351"]);
        assert!(noted_ends(&candidate("")).is_empty());
    }

    #[test]
    fn target_rows_are_recognised() {
        assert!(candidate("target (named in brief/sample articles); Hama").is_target());
        assert!(candidate("governorate seat; target (named in brief)").is_target());
        assert!(!candidate("admin2 district").is_target());
    }

    #[test]
    fn roads_have_no_point_until_their_ends_are_known() {
        let p = to_place(&candidate(""), ROAD).expect("road row");
        assert!(p.lat.is_nan() && p.kind == PlaceKind::Road);
    }
}
