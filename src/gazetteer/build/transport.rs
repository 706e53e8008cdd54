//! Airports and border crossings from Open-Syria `data-transport`. The data has English names
//! only; the Arabic names (and their spellings) come from the matching `opensyria:<id>` rows of
//! `candidates.csv`. A location without an Arabic name there is left out with a note.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::admin::{alias_names, Admin, Alias, Point};
use super::candidates::Candidate;
use super::names::{clean, merge_names};
use super::read_json;
use crate::error::{Diagnostic, Error, Severity};
use crate::model::{Place, PlaceKind};

/// The `source` of rows from this module.
pub const SOURCE: &str = "OpenSyria data-transport";

/// One transport location (only the fields used here).
#[derive(Debug, Deserialize)]
struct Location {
    id: String,
    name: EnglishName,
    #[serde(default)]
    aliases: Vec<Alias>,
    #[serde(rename = "locationTypes", default)]
    location_types: Vec<String>,
    coordinates: Option<Point>,
    #[serde(rename = "administrativeLocation")]
    administrative_location: Option<AdminLocation>,
}

#[derive(Debug, Deserialize)]
struct EnglishName {
    #[serde(default)]
    en: String,
}

#[derive(Debug, Deserialize)]
struct AdminLocation {
    #[serde(rename = "governorateId")]
    governorate_id: Option<String>,
}

/// Reads `locations.json`: airports and border crossings that have an Arabic name.
pub fn read(
    path: &Path,
    candidates: &[Candidate],
    admin: &Admin,
) -> Result<(Vec<Place>, Vec<Diagnostic>), Error> {
    let locations: Vec<Location> = read_json(path)?;
    let arabic: BTreeMap<&str, &Candidate> = candidates
        .iter()
        .filter_map(|c| Some((c.id_source.strip_prefix("opensyria:")?, c)))
        .collect();
    let mut rows = Vec::new();
    let mut unnamed = Vec::new();
    for loc in &locations {
        let Some(kind) = kind(loc) else { continue };
        let Some(c) = arabic
            .get(loc.id.as_str())
            .filter(|c| !c.name_ar.trim().is_empty())
        else {
            unnamed.push(loc.id.as_str());
            continue;
        };
        if let Some(place) = row(loc, kind, c, admin) {
            rows.push(place);
        }
    }
    let mut diags = Vec::new();
    if !unnamed.is_empty() {
        diags.push(Diagnostic::file(
            Severity::Note,
            path.display().to_string(),
            format!(
                "{} locations have no Arabic name in candidates.csv; left out: {}",
                unnamed.len(),
                unnamed.join(", ")
            ),
        ));
    }
    Ok((rows, diags))
}

/// Airport or border crossing; other transport sites are not used.
fn kind(loc: &Location) -> Option<PlaceKind> {
    let has = |t: &str| loc.location_types.iter().any(|x| x == t);
    if has("airport") {
        Some(PlaceKind::Airport)
    } else if has("border_crossing") {
        Some(PlaceKind::BorderCrossing)
    } else {
        None
    }
}

fn row(loc: &Location, kind: PlaceKind, c: &Candidate, admin: &Admin) -> Option<Place> {
    let point = loc.coordinates?;
    let name_ar = clean(&c.name_ar);
    let mut alt_names = c.alt_list();
    merge_names(
        &name_ar,
        &mut alt_names,
        &alias_names(&name_ar, &loc.aliases),
    );
    let admin1 = loc
        .administrative_location
        .as_ref()
        .and_then(|a| a.governorate_id.as_deref())
        .and_then(|id| admin.governorate_of_os_id(id))
        .or_else(|| admin.nearest_governorate(point.latitude, point.longitude))
        .unwrap_or_default()
        .to_string();
    let admin2 = admin
        .nearest_district(&admin1, point.latitude, point.longitude)
        .unwrap_or_default()
        .to_string();
    Some(Place {
        id: format!("opensyria:{}", loc.id),
        name_ar,
        name_en: clean(&loc.name.en),
        alt_names,
        lat: point.latitude,
        lon: point.longitude,
        kind,
        admin1,
        admin2,
        population: 0,
        ends: Vec::new(),
        source: SOURCE.to_string(),
    })
}
