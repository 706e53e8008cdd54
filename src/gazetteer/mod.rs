//! The gazetteer: Syrian places with every spelling writers use. In comes a CSV file
//! (`data/gazetteer.csv` by default, columns documented in `data/README.md`); out comes a
//! [`Gazetteer`]: the places, an index from folded names to places, and an R-tree over their
//! coordinates for questions such as "which candidates lie near these other places".
//!
//! Loading is the only disk access here. A bad row becomes a [`RowError`] with its line number
//! and the rest of the file still loads.

pub mod build;
pub mod check;
pub mod suggest;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;
use rstar::{primitives::GeomWithData, RTree};
use smallvec::SmallVec;

use crate::error::{Diagnostic, Error};
use crate::model::{Place, PlaceIdx, PlaceKind};
use crate::normalize::fold;

/// The default gazetteer, compiled into the binary so that `badia` works from any folder.
pub const DEFAULT_CSV: &str = include_str!("../../data/gazetteer.csv");

/// The attribution that every output derived from the default gazetteer carries.
pub const ATTRIBUTION: &str =
    "Contains data from GeoNames (CC BY 4.0), Who's On First (CC0/CC BY), \
OpenSyria data-geography and data-transport (CC BY 4.0; OCHA/HDX CC BY 3.0 IGO), OurAirports \
(Public Domain) and Wikipedia (CC BY-SA 4.0).";

/// The CSV columns, in order.
pub const COLUMNS: [&str; 12] = [
    "id",
    "name_ar",
    "name_en",
    "alt_names",
    "lat",
    "lon",
    "kind",
    "admin1",
    "admin2",
    "population",
    "ends",
    "source",
];

/// A point in the R-tree: (lon, lat) with the place's index.
pub type IndexedPoint = GeomWithData<[f64; 2], PlaceIdx>;

/// A bad gazetteer row: its 1-based line and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

/// A hash map with a fast, fixed hasher: start-up fills maps of tens of thousands of names,
/// and their keys come from our own files and articles, not from an adversary probing them.
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Loaded places with their name index and spatial index.
#[derive(Debug)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    /// Folded name (leading article ال removed) → places bearing that name.
    pub names: FastMap<String, Vec<PlaceIdx>>,
    /// Place id → index.
    pub ids: FastMap<String, PlaceIdx>,
    /// Every place with a coordinate, keyed by (lon, lat); built on first use (extraction
    /// does not need it, so start-up does not pay for it).
    rtree: OnceLock<RTree<IndexedPoint>>,
    /// The districts with a coordinate: the sides of a governorate.
    pub districts: Vec<PlaceIdx>,
    /// The roads, found by their ends ([`Gazetteer::road_with_ends`]).
    roads: Vec<PlaceIdx>,
}

impl Gazetteer {
    /// Builds the indexes over `places`.
    pub fn new(places: Vec<Place>) -> Gazetteer {
        // Start-up time: names are folded in parallel.
        // The id index is built while the names are folded and indexed (start-up time).
        let (names, ids) = rayon::join(|| name_index(&places), || id_index(&places));
        let districts = (0..places.len())
            .filter(|&i| places[i].kind == PlaceKind::District && places[i].lat.is_finite())
            .map(|i| i as PlaceIdx)
            .collect();
        let roads = (0..places.len())
            .filter(|&i| places[i].kind == PlaceKind::Road)
            .map(|i| i as PlaceIdx)
            .collect();
        Gazetteer {
            places,
            names,
            ids,
            rtree: OnceLock::new(),
            districts,
            roads,
        }
    }

    /// Every place with a coordinate, keyed by (lon, lat).
    pub fn rtree(&self) -> &RTree<IndexedPoint> {
        self.rtree.get_or_init(|| {
            let points = self
                .places
                .iter()
                .enumerate()
                .filter(|(_, p)| p.lat.is_finite() && p.lon.is_finite())
                .map(|(i, p)| IndexedPoint::new([p.lon, p.lat], i as PlaceIdx))
                .collect();
            RTree::bulk_load(points)
        })
    }

    /// Loads the compiled-in default gazetteer.
    pub fn load_default() -> Result<(Gazetteer, Vec<RowError>), Error> {
        let (places, errors) = parse_default()?;
        Ok((Gazetteer::new(places), errors))
    }

    /// Loads a gazetteer file.
    pub fn load(path: &Path) -> Result<(Gazetteer, Vec<RowError>), Error> {
        let (places, errors) = read_places(path)?;
        Ok((Gazetteer::new(places), errors))
    }

    /// Loads the default gazetteer (or `base` instead of it) and merges `extra` files over it:
    /// a row whose id already exists replaces it. Bad rows become diagnostics.
    pub fn load_with(
        base: Option<&Path>,
        extra: &[&Path],
    ) -> Result<(Gazetteer, Vec<Diagnostic>), Error> {
        let (mut places, errors) = match base {
            Some(p) => read_places(p).map(|(pl, e)| (pl, tag(e, p)))?,
            None => {
                let (pl, e) = parse_default()?;
                (pl, tag(e, Path::new("data/gazetteer.csv")))
            }
        };
        let mut diags = errors;
        for path in extra {
            let (more, errors) = read_places(path)?;
            diags.extend(tag(errors, path));
            let mut at: HashMap<String, usize> = places
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect();
            for p in more {
                match at.get(&p.id) {
                    Some(&i) => places[i] = p,
                    None => {
                        at.insert(p.id.clone(), places.len());
                        places.push(p);
                    }
                }
            }
        }
        Ok((Gazetteer::new(places), diags))
    }

    /// The place at `i`.
    pub fn place(&self, i: PlaceIdx) -> &Place {
        &self.places[i as usize]
    }

    /// The places named `name` (any spelling the gazetteer lists, folded).
    pub fn lookup(&self, name: &str) -> &[PlaceIdx] {
        self.names
            .get(&name_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The place with the given id.
    pub fn by_id(&self, id: &str) -> Option<PlaceIdx> {
        self.ids.get(id).copied()
    }

    /// The road of the gazetteer whose ends are `a` and `b`, in either order («الطريق الواصل
    /// بين حمص وتدمر» is the Palmyra – Homs road).
    pub fn road_with_ends(&self, a: PlaceIdx, b: PlaceIdx) -> Option<PlaceIdx> {
        let has_end = |r: PlaceIdx, p: PlaceIdx| {
            self.places[r as usize]
                .ends
                .iter()
                .any(|id| self.by_id(id) == Some(p))
        };
        if a == b {
            return None;
        }
        self.roads
            .iter()
            .copied()
            .find(|&r| has_end(r, a) && has_end(r, b))
    }
}

/// Folded name → the places bearing it, in place order.
fn name_index(places: &[Place]) -> FastMap<String, Vec<PlaceIdx>> {
    let keys: Vec<(PlaceIdx, String)> = places
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, p)| place_keys(p).map(move |key| (i as PlaceIdx, key)))
        .collect();
    let mut names: FastMap<String, Vec<PlaceIdx>> = FastMap::default();
    for (i, key) in keys {
        let list = names.entry(key).or_default();
        if !list.contains(&i) {
            list.push(i);
        }
    }
    names
}

/// Place id → index (the first place with an id, should two share it).
fn id_index(places: &[Place]) -> FastMap<String, PlaceIdx> {
    let mut ids = FastMap::default();
    ids.reserve(places.len());
    for (i, p) in places.iter().enumerate() {
        ids.entry(p.id.clone()).or_insert(i as PlaceIdx);
    }
    ids
}

fn tag(errors: Vec<RowError>, path: &Path) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|e| Diagnostic::at_line(path, e.line, e.message))
        .collect()
}

/// The key a name is indexed under: folded, with a leading article ال removed, so that
/// "الصالحية" and "صالحية" meet.
pub fn name_key(name: &str) -> String {
    let mut folded = fold(name);
    let cut = folded.len() - strip_article(&folded).len();
    folded.replace_range(..cut, "");
    folded
}

/// Removes a leading ال from folded text (only when something remains).
pub fn strip_article(folded: &str) -> &str {
    match folded.strip_prefix(crate::clitics::ARTICLE) {
        Some(rest) if rest.chars().count() >= 2 && !rest.starts_with(' ') => rest,
        _ => folded,
    }
}

/// Places read from CSV, and the rows that could not be read.
type Parsed = (Vec<Place>, Vec<RowError>);

/// [`parse_csv`] of the compiled-in gazetteer, in pieces read side by side (start-up time).
/// The pieces are cut at line ends: the file has no line break inside a field, which a test
/// checks by comparing this with reading the file in one go.
fn parse_default() -> Result<Parsed, Error> {
    let text = DEFAULT_CSV.trim_start_matches('\u{feff}');
    let Some((header, body)) = text.split_once('\n') else {
        return parse_csv(DEFAULT_CSV.as_bytes());
    };
    let mut rdr = csv::ReaderBuilder::new().from_reader(header.as_bytes());
    let cols = column_map(rdr.headers().map_err(Error::csv)?)?;
    let pieces = line_pieces(body, 4 * rayon::current_num_threads().max(1));
    let read: Vec<Result<(Parsed, u64), Error>> = pieces
        .par_iter()
        .map(|piece| parse_lines(piece, header, &cols))
        .collect();
    let (mut places, mut errors) = (Vec::new(), Vec::new());
    // The body starts on line 2; each piece's errors count lines from the piece's start.
    let mut first_line = 2;
    for r in read {
        let ((p, e), lines) = r?;
        places.extend(p);
        errors.extend(e.into_iter().map(|e| RowError {
            line: first_line + e.line,
            ..e
        }));
        first_line += lines;
    }
    errors.sort_by_key(|e| e.line);
    Ok((places, errors))
}

/// The rows of `piece`, whole lines of the compiled-in file, and its number of lines; an
/// error's line counts from 0 at the piece's first line. A line without a quote is its
/// fields split at commas, borrowed from the text: no record to copy and no second UTF-8
/// check (start-up time). A line with a quote goes through the CSV reader, under `header`.
fn parse_lines(piece: &str, header: &str, cols: &[Option<usize>]) -> Result<(Parsed, u64), Error> {
    let (mut places, mut errors) = (Vec::new(), Vec::new());
    let mut lines = 0;
    for (line, text) in (0..).zip(piece.split_terminator('\n')) {
        lines = line + 1;
        let text = text.strip_suffix('\r').unwrap_or(text);
        let Some(fields) = split_commas(text) else {
            let (p, e) = parse_csv(format!("{header}\n{text}").as_bytes())?;
            places.extend(p);
            errors.extend(e.into_iter().map(|e| RowError { line, ..e }));
            continue;
        };
        if text.is_empty() {
            continue;
        }
        match place_from_fields(&fields, cols) {
            Ok(p) => places.push(p),
            Err(message) => errors.push(RowError { line, message }),
        }
    }
    Ok(((places, errors), lines))
}

/// `body` (the lines after the header) cut into about `n` pieces of whole lines.
fn line_pieces(body: &str, n: usize) -> Vec<&str> {
    let size = body.len() / n.max(1) + 1;
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < body.len() {
        let from = (start + size).min(body.len());
        let end = match body.as_bytes()[from..].iter().position(|&b| b == b'\n') {
            Some(i) => from + i + 1,
            None => body.len(),
        };
        pieces.push(&body[start..end]);
        start = end;
    }
    pieces
}

fn read_places(path: &Path) -> Result<(Vec<Place>, Vec<RowError>), Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    parse_csv(std::io::BufReader::new(file)).map_err(|e| e.in_file(path))
}

/// Parses gazetteer CSV. Rows that cannot be read are returned as errors with their line.
/// The folded keys a place is found by: its Arabic names that have an Arabic letter.
fn place_keys(p: &Place) -> impl Iterator<Item = String> + '_ {
    std::iter::once(&p.name_ar)
        .chain(p.alt_names.iter())
        // Start-up time: a Latin name (accents and quotation marks included) is not folded.
        .filter(|name| name.chars().any(crate::normalize::may_fold_to_arabic))
        .map(|name| name_key(name))
        .filter(|key| !key.is_empty() && key.chars().any(crate::normalize::is_arabic_letter))
}

pub fn parse_csv<R: std::io::Read>(reader: R) -> Result<(Vec<Place>, Vec<RowError>), Error> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let cols = column_map(rdr.headers().map_err(Error::csv)?)?;
    let mut errors = Vec::new();
    let mut records = Vec::new();
    for record in rdr.records() {
        match record {
            Ok(r) => records.push(r),
            Err(e) => errors.push(RowError {
                line: e.position().map(|p| p.line()).unwrap_or(0),
                message: e.to_string(),
            }),
        }
    }
    // Rows become places in parallel (start-up time), kept in file order.
    let read: Vec<Result<Place, RowError>> = records
        .par_iter()
        .map(|record| {
            place_from_record(record, &cols).map_err(|message| RowError {
                line: record.position().map(|p| p.line()).unwrap_or(0),
                message,
            })
        })
        .collect();
    let mut places = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(p) => places.push(p),
            Err(e) => errors.push(e),
        }
    }
    errors.sort_by_key(|e| e.line);
    Ok((places, errors))
}

/// The fields of a CSV line, or `None` when it has a quote. One pass over the bytes: fields
/// are short, and searching for each comma anew costs more than looking at every byte once.
fn split_commas(line: &str) -> Option<SmallVec<[&str; 16]>> {
    let mut fields = SmallVec::new();
    let mut start = 0;
    for (i, &b) in line.as_bytes().iter().enumerate() {
        match b {
            b',' => {
                fields.push(&line[start..i]);
                start = i + 1;
            }
            b'"' => return None,
            _ => {}
        }
    }
    fields.push(&line[start..]);
    Some(fields)
}

/// Where each of [`COLUMNS`] stands in a file with these `headers`; an error when a required
/// column is missing.
fn column_map(headers: &csv::StringRecord) -> Result<Vec<Option<usize>>, Error> {
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let required = ["id", "name_ar", "lat", "lon", "kind"];
    for name in required {
        if col(name).is_none() {
            return Err(Error::Format(format!(
                "gazetteer header lacks the column `{name}` (expected: {})",
                COLUMNS.join(",")
            )));
        }
    }
    Ok(COLUMNS.iter().map(|c| col(c)).collect())
}

/// The place of one CSV record, `cols` being [`column_map`] of the file's header.
fn place_from_record(record: &csv::StringRecord, cols: &[Option<usize>]) -> Result<Place, String> {
    let fields: SmallVec<[&str; 16]> = record.iter().collect();
    place_from_fields(&fields, cols)
}

/// The place of one row's `fields`, `cols` being [`column_map`] of the file's header.
fn place_from_fields(fields: &[&str], cols: &[Option<usize>]) -> Result<Place, String> {
    let get = |i: usize| -> &str {
        cols[i]
            .and_then(|c| fields.get(c).copied())
            .unwrap_or("")
            .trim()
    };
    let id = get(0);
    if id.is_empty() {
        return Err("empty id".into());
    }
    let name_ar = get(1);
    if name_ar.is_empty() {
        return Err(format!("{id}: no Arabic name"));
    }
    let kind =
        PlaceKind::parse(get(6)).ok_or_else(|| format!("{id}: unknown kind `{}`", get(6)))?;
    // Degrees within ±`limit`, as `gazetteer check` demands: a hand-edited 537 would put an
    // event off the globe.
    let coord = |i: usize, what: &str, limit: f64| -> Result<f64, String> {
        let s = get(i);
        if s.is_empty() && kind == PlaceKind::Road {
            return Ok(f64::NAN);
        }
        s.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= limit)
            .ok_or_else(|| format!("{id}: {what} `{s}` is not a coordinate"))
    };
    let lat = coord(4, "lat", 90.0)?;
    let lon = coord(5, "lon", 180.0)?;
    let split = |s: &str| -> Vec<String> {
        s.split('|')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    };
    Ok(Place {
        id: id.to_string(),
        name_ar: name_ar.to_string(),
        name_en: get(2).to_string(),
        alt_names: split(get(3)),
        lat,
        lon,
        kind,
        admin1: get(7).to_string(),
        admin2: get(8).to_string(),
        population: get(9).parse().unwrap_or(0),
        ends: split(get(10)),
        source: get(11).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_gazetteer_reads_the_same_in_pieces() {
        let whole = parse_csv(DEFAULT_CSV.as_bytes()).unwrap();
        let pieces = parse_default().unwrap();
        assert_eq!(pieces.0.len(), whole.0.len());
        assert!(pieces.0 == whole.0, "places differ");
        assert_eq!(pieces.1, whole.1);
    }

    #[test]
    fn pieces_are_whole_lines() {
        let body = "a\nbb\nccc\nd";
        let pieces = line_pieces(body, 3);
        assert_eq!(pieces.concat(), body);
        assert!(pieces.iter().all(|p| p.ends_with('\n') || p.ends_with('d')));
    }
}
