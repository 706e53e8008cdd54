//! Validates a gazetteer file (placeholder, to be written).

use std::path::Path;

use crate::error::{Diagnostic, Error};

/// What `badia gazetteer check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub rows: usize,
    /// Problems that make a row wrong (bad coordinate, duplicate id, no Arabic name, unknown kind).
    pub errors: Vec<Diagnostic>,
    /// Things worth a look (outside Syria's bounds, duplicate names with their distances).
    pub warnings: Vec<Diagnostic>,
}

/// Checks a gazetteer file.
pub fn check_file(_path: &Path) -> Result<CheckReport, Error> {
    Ok(CheckReport::default())
}
