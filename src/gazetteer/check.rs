//! Validates a gazetteer file. In comes gazetteer CSV; out comes a [`CheckReport`]: errors for
//! rows that are wrong (duplicate id, no Arabic name, unknown kind, a coordinate that is not a
//! number, a road whose ends are missing) and warnings for rows worth a look (a point outside
//! Syria, several places with one name). Every diagnostic names the file and the CSV line of
//! the record (the header is line 1); a bad row never stops the check.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use crate::error::{Diagnostic, Error, Severity};
use crate::gazetteer::{name_key, COLUMNS};
use crate::model::PlaceKind;
use crate::normalize::is_arabic_letter;

/// Syria's bounding box, degrees: (south, north) latitude and (west, east) longitude.
pub const SYRIA_LAT: (f64, f64) = (32.3, 37.4);
pub const SYRIA_LON: (f64, f64) = (35.6, 42.4);

/// At most this many ids are listed in a duplicate-name warning.
const LISTED_IDS: usize = 4;

/// What `badia gazetteer check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub rows: usize,
    /// Problems that make a row wrong (bad coordinate, duplicate id, no Arabic name, unknown kind).
    pub errors: Vec<Diagnostic>,
    /// Things worth a look (outside Syria's bounds, duplicate names with their distances).
    pub warnings: Vec<Diagnostic>,
}

/// The parts of a row the checks after the first pass need.
#[derive(Debug)]
struct Row {
    line: u64,
    id: String,
    name_ar: String,
    kind: Option<PlaceKind>,
    point: Option<(f64, f64)>,
    ends: Vec<String>,
}

/// Checks a gazetteer file.
pub fn check_file(path: &Path) -> Result<CheckReport, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    check_csv(std::io::BufReader::new(file), &path.display().to_string())
        .map_err(|e| e.in_file(path))
}

/// Checks gazetteer CSV read from `reader`; `name` is the file name the diagnostics carry.
/// Fails only when the CSV cannot be read as a table with the gazetteer's required columns.
pub fn check_csv<R: Read>(reader: R, name: &str) -> Result<CheckReport, Error> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = rdr.headers().map_err(Error::csv)?.clone();
    let cols = columns(&headers)?;
    let mut checker = Checker {
        file: name.to_string(),
        report: CheckReport::default(),
    };
    let mut rows = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                checker.error(line, format!("unreadable row: {e}"));
                continue;
            }
        };
        checker.report.rows += 1;
        let row = checker.row(&record, &cols);
        if !row.id.is_empty() {
            match first_line.get(&row.id) {
                Some(first) => {
                    let msg = format!("duplicate id `{}` (first on line {first})", row.id);
                    checker.error(row.line, msg);
                }
                None => {
                    first_line.insert(row.id.clone(), row.line);
                }
            }
        }
        rows.push(row);
    }
    checker.roads(&rows, &first_line);
    checker.duplicate_names(&rows);
    Ok(checker.report)
}

/// The position of each gazetteer column in the header; the required ones must be there.
fn columns(headers: &csv::StringRecord) -> Result<Vec<Option<usize>>, Error> {
    let cols: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| headers.iter().position(|h| h.trim() == *c))
        .collect();
    for required in ["id", "name_ar", "lat", "lon", "kind"] {
        let i = COLUMNS.iter().position(|c| *c == required).unwrap_or(0);
        if cols[i].is_none() {
            return Err(Error::Format(format!(
                "gazetteer header lacks the column `{required}` (expected: {})",
                COLUMNS.join(",")
            )));
        }
    }
    Ok(cols)
}

/// Collects diagnostics about one file.
struct Checker {
    file: String,
    report: CheckReport,
}

impl Checker {
    fn diagnostic(&self, severity: Severity, line: u64, message: String) -> Diagnostic {
        Diagnostic {
            severity,
            file: self.file.clone(),
            line: Some(line),
            message,
        }
    }

    fn error(&mut self, line: u64, message: String) {
        let d = self.diagnostic(Severity::Error, line, message);
        self.report.errors.push(d);
    }

    fn warning(&mut self, line: u64, message: String) {
        let d = self.diagnostic(Severity::Warning, line, message);
        self.report.warnings.push(d);
    }

    /// Checks the fields of one record on their own.
    fn row(&mut self, record: &csv::StringRecord, cols: &[Option<usize>]) -> Row {
        let get = |name: &str| -> &str {
            let i = COLUMNS.iter().position(|c| *c == name);
            i.and_then(|i| cols[i])
                .and_then(|c| record.get(c))
                .unwrap_or("")
                .trim()
        };
        let line = record.position().map_or(0, |p| p.line());
        let id = get("id").to_string();
        let what = if id.is_empty() {
            "row".to_string()
        } else {
            id.clone()
        };
        if id.is_empty() {
            self.error(line, "empty id".into());
        }
        let name_ar = get("name_ar").to_string();
        if name_ar.is_empty() {
            self.error(line, format!("{what}: no Arabic name"));
        } else if !name_ar.chars().any(is_arabic_letter) {
            self.error(
                line,
                format!("{what}: name_ar `{name_ar}` has no Arabic letters"),
            );
        }
        let kind = PlaceKind::parse(get("kind"));
        if kind.is_none() {
            self.error(line, format!("{what}: unknown kind `{}`", get("kind")));
        }
        let point = self.point(line, &what, get("lat"), get("lon"), kind);
        let ends = get("ends")
            .split('|')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(String::from)
            .collect();
        Row {
            line,
            id,
            name_ar,
            kind,
            point,
            ends,
        }
    }

    /// Parses and checks a coordinate pair. Roads may leave it empty.
    fn point(
        &mut self,
        line: u64,
        what: &str,
        lat: &str,
        lon: &str,
        kind: Option<PlaceKind>,
    ) -> Option<(f64, f64)> {
        if lat.is_empty() && lon.is_empty() && kind == Some(PlaceKind::Road) {
            return None;
        }
        let lat_v = self.number(line, what, "lat", lat, 90.0);
        let lon_v = self.number(line, what, "lon", lon, 180.0);
        let (lat, lon) = (lat_v?, lon_v?);
        let inside = (SYRIA_LAT.0..=SYRIA_LAT.1).contains(&lat)
            && (SYRIA_LON.0..=SYRIA_LON.1).contains(&lon);
        if !inside {
            self.warning(line, format!("{what}: {lat}, {lon} is outside Syria"));
        }
        Some((lat, lon))
    }

    /// Parses one coordinate, which must be a number within ±`limit` degrees.
    fn number(&mut self, line: u64, what: &str, field: &str, s: &str, limit: f64) -> Option<f64> {
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= limit => Some(v),
            _ => {
                self.error(line, format!("{what}: {field} `{s}` is not a coordinate"));
                None
            }
        }
    }

    /// Roads need at least two ends, each an id of the file.
    fn roads(&mut self, rows: &[Row], ids: &HashMap<String, u64>) {
        for row in rows.iter().filter(|r| r.kind == Some(PlaceKind::Road)) {
            if row.ends.len() < 2 {
                let msg = format!(
                    "road {}: needs at least 2 ends, has {}",
                    row.id,
                    row.ends.len()
                );
                self.error(row.line, msg);
            }
            for end in row.ends.iter().filter(|e| !ids.contains_key(*e)) {
                self.error(
                    row.line,
                    format!("road {}: end `{end}` is not an id", row.id),
                );
            }
        }
    }

    /// One warning per Arabic name that several places carry, with how far apart they are.
    fn duplicate_names(&mut self, rows: &[Row]) {
        let mut groups: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
        for row in rows
            .iter()
            .filter(|r| !r.name_ar.is_empty() && !r.id.is_empty())
        {
            groups.entry(name_key(&row.name_ar)).or_default().push(row);
        }
        let mut warnings: Vec<(u64, String)> = groups
            .values()
            .filter(|g| g.len() > 1)
            .map(|g| (g[0].line, same_name_message(g)))
            .collect();
        warnings.sort();
        for (line, msg) in warnings {
            self.warning(line, msg);
        }
    }
}

/// `name الصالحية: 19 places, 3.1–690 km apart (geonames:1, geonames:2, … on lines 12, 40, …)`;
/// the range is that of the pairwise distances.
fn same_name_message(group: &[&Row]) -> String {
    let points: Vec<(f64, f64)> = group.iter().filter_map(|r| r.point).collect();
    let mut min = f64::INFINITY;
    let mut max: f64 = 0.0;
    for (i, a) in points.iter().enumerate() {
        for b in &points[i + 1..] {
            // Rows keep (lat, lon); the shared distance takes (lon, lat).
            let d = crate::geodesy::distance_km([a.1, a.0], [b.1, b.0]);
            min = min.min(d);
            max = max.max(d);
        }
    }
    let apart = match points.len() {
        0 | 1 => String::new(),
        2 => format!(", {} km apart", km(min)),
        _ => format!(", {}–{} km apart", km(min), km(max)),
    };
    let more = if group.len() > LISTED_IDS {
        ", …"
    } else {
        ""
    };
    let listed = &group[..group.len().min(LISTED_IDS)];
    let ids: Vec<&str> = listed.iter().map(|r| r.id.as_str()).collect();
    let lines: Vec<String> = listed.iter().map(|r| r.line.to_string()).collect();
    format!(
        "name {}: {} places{apart} ({}{more} on lines {}{more})",
        group[0].name_ar,
        group.len(),
        ids.join(", "),
        lines.join(", ")
    )
}

/// A distance for people: one decimal under 10 km, whole kilometres above.
fn km(d: f64) -> String {
    if d < 10.0 {
        format!("{d:.1}")
    } else {
        format!("{d:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "id,name_ar,name_en,alt_names,lat,lon,kind,admin1,admin2,population,ends,source\n";

    fn check(body: &str) -> CheckReport {
        check_csv(format!("{HEADER}{body}").as_bytes(), "g.csv").expect("readable CSV")
    }

    fn lines(diags: &[Diagnostic]) -> Vec<u64> {
        diags.iter().filter_map(|d| d.line).collect()
    }

    #[test]
    fn a_good_file_has_no_errors() {
        let r = check(
            "geonames:1,تدمر,Palmyra,Tadmor,34.56,38.28,city,Homs,Tadmur,51000,,x\n\
             geonames:2,السخنة,Sukhnah,,34.88,38.87,town,Homs,Tadmur,,,x\n\
             road:a,طريق تدمر - السخنة,,,34.7,38.6,road,Homs,,,geonames:1|geonames:2,x\n",
        );
        assert_eq!(r.rows, 3);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn broken_rows_are_named_by_line() {
        let r = check(
            "geonames:1,تدمر,Palmyra,,34.56,38.28,city,Homs,,,,x\n\
             geonames:2,السخنة,Sukhnah,,north,38.87,town,Homs,,,,x\n\
             geonames:3,,Nameless,,34.0,38.0,village,Homs,,,,x\n\
             geonames:4,Latin,Latin only,,34.0,38.0,village,Homs,,,,x\n\
             geonames:1,تدمر,Palmyra again,,34.56,38.28,city,Homs,,,,x\n\
             geonames:6,قرية,Village,,34.0,38.0,hamlet,Homs,,,,x\n\
             road:a,طريق تدمر - لا مكان,,,34.7,38.6,road,Homs,,,geonames:1|geonames:99,x\n\
             road:b,طريق,,,34.7,38.6,road,Homs,,,geonames:1,x\n",
        );
        assert_eq!(r.rows, 8);
        assert_eq!(lines(&r.errors), vec![3, 4, 5, 6, 7, 8, 9]);
        let message = |line: u64| {
            r.errors
                .iter()
                .filter(|d| d.line == Some(line))
                .map(|d| d.message.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        assert!(message(3).contains("lat `north`"));
        assert!(message(4).contains("no Arabic name"));
        assert!(message(5).contains("no Arabic letters"));
        assert!(message(6).contains("duplicate id `geonames:1` (first on line 2)"));
        assert!(message(7).contains("unknown kind `hamlet`"));
        assert!(message(8).contains("end `geonames:99` is not an id"));
        assert!(message(9).contains("at least 2 ends"));
        assert!(r
            .errors
            .iter()
            .all(|d| d.file == "g.csv" && d.severity == Severity::Error));
    }

    #[test]
    fn points_outside_syria_are_warnings() {
        let r = check("geonames:1,بغداد,Baghdad,,33.31,44.36,city,,,,,x\n");
        assert!(r.errors.is_empty());
        assert_eq!(lines(&r.warnings), vec![2]);
        assert!(r.warnings[0].message.contains("outside Syria"));
    }

    #[test]
    fn same_name_places_get_one_warning_with_distances() {
        let r = check(
            "geonames:1,الصالحية,,,34.71832,40.75398,village,Deir ez-Zor,,,,x\n\
             geonames:2,تدمر,,,34.56,38.28,city,Homs,,,,x\n\
             geonames:3,صالحية,,,33.5149,36.46652,village,Rif Dimashq,,,,x\n\
             geonames:4,الصالحيّة,,,34.74,40.75,village,Deir ez-Zor,,,,x\n",
        );
        assert!(r.errors.is_empty());
        assert_eq!(r.warnings.len(), 1);
        let w = &r.warnings[0];
        assert_eq!(w.line, Some(2));
        assert!(
            w.message.starts_with("name الصالحية: 3 places, 2.4–"),
            "{}",
            w.message
        );
        assert!(w
            .message
            .contains("km apart (geonames:1, geonames:3, geonames:4 on lines 2, 4, 5)"));
    }

    #[test]
    fn a_header_without_required_columns_is_an_error() {
        assert!(check_csv("id,name\nx,y\n".as_bytes(), "g.csv").is_err());
    }

    #[test]
    fn the_shipped_gazetteer_has_no_errors() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/gazetteer.csv");
        let r = check_file(&path).expect("data/gazetteer.csv is readable");
        assert!(r.rows >= 10_000, "{} rows", r.rows);
        assert!(r.errors.is_empty(), "{}", r.errors[0]);
    }
}
