//! Builds `data/gazetteer.csv` from the public sources (placeholder, to be written).

use std::path::Path;

use crate::error::{Diagnostic, Error};
use crate::model::Place;

/// What a build did: rows written per source, and the records it skipped.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub by_source: Vec<(String, usize)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the sources folder (`../shared/gazetteer-sources` layout) and the project's curated
/// folder (`data/curated`) into gazetteer rows, deterministic order.
pub fn build(_sources: &Path, _curated: &Path) -> Result<(Vec<Place>, BuildReport), Error> {
    Ok((Vec::new(), BuildReport::default()))
}

/// Writes rows as gazetteer CSV, atomically.
pub fn write_csv(_places: &[Place], _out: &Path) -> Result<(), Error> {
    Ok(())
}
