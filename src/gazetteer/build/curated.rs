//! The project's curated folder (`data/curated/`): hand-made gazetteer rows, read from every
//! `*.csv` file in name order. The files have exactly the gazetteer columns, optionally followed
//! by a `notes` column that is ignored. A row replaces the built row with the same id; a row
//! whose id is `alt:<id>` only adds its spellings (`name_ar` and `alt_names`) to row `<id>`.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};
use crate::gazetteer::{place_from_record, COLUMNS};
use crate::model::Place;

/// One curated row.
#[derive(Debug, Clone, PartialEq)]
pub enum Curated {
    /// A whole row, replacing or adding a place.
    Row(Place),
    /// More spellings for the place `id`.
    Spellings {
        id: String,
        names: Vec<String>,
        file: PathBuf,
        line: u64,
    },
}

/// The prefix of spelling-only rows.
pub const ALT_PREFIX: &str = "alt:";

/// Reads every `*.csv` in `dir` (sorted by name). A missing folder holds nothing.
pub fn read_dir(dir: &Path) -> Result<(Vec<Curated>, Vec<Diagnostic>), Error> {
    let mut files = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::io(dir, e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    files.retain(|p| p.extension().is_some_and(|x| x == "csv") && p.is_file());
    files.sort();
    let mut rows = Vec::new();
    let mut diags = Vec::new();
    for file in &files {
        let (r, d) = read_file(file)?;
        rows.extend(r);
        diags.extend(d);
    }
    Ok((rows, diags))
}

/// Reads one curated file. A header other than the gazetteer columns (plus `notes`) is an
/// error; a bad row is a diagnostic.
pub fn read_file(path: &Path) -> Result<(Vec<Curated>, Vec<Diagnostic>), Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let headers = rdr
        .headers()
        .map_err(|e| Error::csv(e).in_file(path))?
        .clone();
    check_header(&headers).map_err(|e| e.in_file(path))?;
    let cols: Vec<Option<usize>> = (0..COLUMNS.len()).map(Some).collect();
    let source = format!("curated: {}", file_name(path));
    let mut rows = Vec::new();
    let mut diags = Vec::new();
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                diags.push(Diagnostic::at_line(path, line, e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let id = record.get(0).unwrap_or("").trim();
        if let Some(target) = id.strip_prefix(ALT_PREFIX) {
            rows.push(spellings(target, &record, path, line));
            continue;
        }
        match place_from_record(&record, &cols) {
            Ok(mut p) => {
                p.source = source.clone();
                rows.push(Curated::Row(p));
            }
            Err(msg) => diags.push(Diagnostic::at_line(path, line, msg)),
        }
    }
    Ok((rows, diags))
}

/// Accepts exactly the gazetteer columns, with an optional trailing `notes`.
fn check_header(headers: &csv::StringRecord) -> Result<(), Error> {
    let got: Vec<&str> = headers.iter().map(str::trim).collect();
    let ok = got == COLUMNS
        || (got.len() == COLUMNS.len() + 1
            && got[..COLUMNS.len()] == COLUMNS
            && got[COLUMNS.len()] == "notes");
    if ok {
        Ok(())
    } else {
        Err(Error::Format(format!(
            "curated header must be `{}` (optionally followed by `notes`), not `{}`",
            COLUMNS.join(","),
            got.join(",")
        )))
    }
}

/// A spelling-only row: `name_ar` and the `alt_names`.
fn spellings(target: &str, record: &csv::StringRecord, path: &Path, line: u64) -> Curated {
    let field = |i: usize| record.get(i).unwrap_or("");
    let names = std::iter::once(field(1))
        .chain(field(3).split('|'))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    Curated::Spellings {
        id: target.trim().to_string(),
        names,
        file: path.to_path_buf(),
        line,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PlaceKind;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write test file");
        path
    }

    const HEADER: &str =
        "id,name_ar,name_en,alt_names,lat,lon,kind,admin1,admin2,population,ends,source,notes\n";

    #[test]
    fn rows_and_spellings_are_read_in_file_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(
            dir.path(),
            "b.csv",
            &format!("{HEADER}alt:geonames:1,,,ديرالزور|Deir Ezzor,,,,,,,,,a note\n"),
        );
        write(
            dir.path(),
            "a.csv",
            &format!(
                "{HEADER}badia:x,موقع,Site,,34.5,38.2,site,Homs,,,,,\nbadia:y,,,,1,1,site,,,,,,\n"
            ),
        );
        write(dir.path(), "readme.txt", "not read");
        let (rows, diags) = read_dir(dir.path()).expect("read curated");
        assert_eq!(rows.len(), 2);
        let Curated::Row(p) = &rows[0] else {
            panic!("expected a row")
        };
        assert_eq!((p.id.as_str(), p.kind), ("badia:x", PlaceKind::Site));
        assert_eq!(p.source, "curated: a.csv");
        let Curated::Spellings {
            id, names, line, ..
        } = &rows[1]
        else {
            panic!("expected spellings")
        };
        assert_eq!(id, "geonames:1");
        assert_eq!(
            names,
            &vec!["ديرالزور".to_string(), "Deir Ezzor".to_string()]
        );
        assert_eq!(*line, 2);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(3));
    }

    #[test]
    fn a_foreign_header_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write(dir.path(), "x.csv", "id,name\nfoo,bar\n");
        assert!(read_file(&path).is_err());
    }

    #[test]
    fn a_missing_folder_holds_nothing() {
        let (rows, diags) = read_dir(Path::new("/nonexistent/curated")).expect("no folder");
        assert!(rows.is_empty() && diags.is_empty());
    }
}
