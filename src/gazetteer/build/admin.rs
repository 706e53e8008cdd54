//! The administrative units from Open-Syria `data-geography` (OCHA P-codes): the 14
//! governorates, 62 districts and 272 subdistricts as gazetteer rows, and the lookup the other
//! sources use to name a place's governorate (`admin1`) and district (`admin2`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::names::{clean, is_arabic, is_useful_latin, NameList};
use super::read_json;
use crate::error::Error;
use crate::model::{Place, PlaceKind};

/// The `source` of rows from this module.
pub const SOURCE: &str = "OpenSyria data-geography (OCHA)";

/// GeoNames admin1 codes of Syria and the Open-Syria English names of their governorates.
const GEONAMES_ADMIN1: [(u32, &str); 14] = [
    (1, "Al-Hasakah"),
    (2, "Latakia"),
    (3, "Quneitra"),
    (4, "Raqqa"),
    (5, "As-Suwayda"),
    (6, "Daraa"),
    (7, "Deir ez-Zor"),
    (8, "Rif Dimashq"),
    (9, "Aleppo"),
    (10, "Hama"),
    (11, "Homs"),
    (12, "Idlib"),
    (13, "Damascus"),
    (14, "Tartus"),
];

/// One unit as Open-Syria writes it (only the fields used here).
#[derive(Debug, Deserialize)]
struct Unit {
    id: String,
    name: UnitName,
    #[serde(default)]
    aliases: Vec<Alias>,
    centroid: Option<Point>,
    population: Option<Population>,
    #[serde(rename = "externalIds", default)]
    external_ids: ExternalIds,
}

#[derive(Debug, Deserialize)]
struct UnitName {
    #[serde(default)]
    en: String,
    #[serde(default)]
    ar: String,
}

/// An alternative name of a unit or a transport location.
#[derive(Debug, Deserialize)]
pub struct Alias {
    pub value: String,
}

/// A WGS84 point as Open-Syria writes it.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Debug, Deserialize)]
struct Population {
    value: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
struct ExternalIds {
    #[serde(rename = "ochaPcode")]
    ocha_pcode: Option<String>,
    geonames: Option<String>,
}

/// A district: its English name, governorate and centroid.
#[derive(Debug, Clone)]
struct District {
    name_en: String,
    admin1: String,
    lat: f64,
    lon: f64,
}

/// Governorate and district names by P-code, GeoNames id and Open-Syria id.
#[derive(Debug, Default)]
pub struct Admin {
    /// Governorate English name by P-code (`SY09`).
    gov_by_pcode: BTreeMap<String, String>,
    /// Governorate English name by Open-Syria id (`sy-deir-ez-zor`).
    gov_by_os_id: BTreeMap<String, String>,
    /// Governorate English name by GeoNames ADM1 id.
    gov_by_geonames: BTreeMap<u64, String>,
    /// Districts by P-code (`SY0905`).
    districts: BTreeMap<String, District>,
    /// One point per subdistrict centroid, named after its district (the points used to find
    /// a place's district).
    district_points: Vec<District>,
}

impl Admin {
    /// The governorate of a GeoNames admin1 code (`7` → `Deir ez-Zor`).
    pub fn governorate_of_geonames_code(&self, code: u32) -> Option<&str> {
        let name = GEONAMES_ADMIN1.iter().find(|(c, _)| *c == code)?.1;
        self.gov_by_pcode
            .values()
            .find(|n| *n == name)
            .map(String::as_str)
    }

    /// The governorate whose GeoNames ADM1 id is `id`.
    pub fn governorate_of_geonames_id(&self, id: u64) -> Option<&str> {
        self.gov_by_geonames.get(&id).map(String::as_str)
    }

    /// The governorate with Open-Syria id `id` (`sy-homs`).
    pub fn governorate_of_os_id(&self, id: &str) -> Option<&str> {
        self.gov_by_os_id.get(id).map(String::as_str)
    }

    /// The governorate of the subdistrict centroid nearest to the point (for places whose
    /// source names none).
    pub fn nearest_governorate(&self, lat: f64, lon: f64) -> Option<&str> {
        self.nearest_point(|_| true, lat, lon)
            .map(|d| d.admin1.as_str())
    }

    /// The district of the subdistrict centroid nearest to the point, among the subdistricts
    /// of `admin1`. The sources have no boundaries, so the nearest centroid stands in for "the
    /// district that contains the point". Subdistrict centroids (272) follow the district
    /// shapes more closely than the 62 district centroids, but near a border the answer can
    /// still be the neighbouring district.
    pub fn nearest_district(&self, admin1: &str, lat: f64, lon: f64) -> Option<&str> {
        self.nearest_point(|d| d.admin1 == admin1, lat, lon)
            .map(|d| d.name_en.as_str())
    }

    /// The subdistrict point nearest to (lat, lon) among those `keep` accepts.
    fn nearest_point(
        &self,
        keep: impl Fn(&District) -> bool,
        lat: f64,
        lon: f64,
    ) -> Option<&District> {
        if !lat.is_finite() || !lon.is_finite() {
            return None;
        }
        let d2 = |d: &District| crate::geodesy::flat_distance2([lon, lat], [d.lon, d.lat]);
        self.district_points
            .iter()
            .filter(|d| keep(d))
            .min_by(|a, b| d2(a).total_cmp(&d2(b)))
    }
}

/// Reads the three unit files under `dir`: the rows, and the lookup built from them.
pub fn read(dir: &Path) -> Result<(Vec<Place>, Admin), Error> {
    let govs: Vec<Unit> = read_json(&dir.join("governorates.json"))?;
    let districts: Vec<Unit> = read_json(&dir.join("districts.json"))?;
    let subdistricts: Vec<Unit> = read_json(&dir.join("subdistricts.json"))?;
    let admin = lookup(&govs, &districts, &subdistricts)?;
    let mut rows = Vec::new();
    for (units, kind) in [
        (&govs, PlaceKind::Governorate),
        (&districts, PlaceKind::District),
        (&subdistricts, PlaceKind::Subdistrict),
    ] {
        for unit in units.iter() {
            rows.push(unit_row(unit, kind, &admin)?);
        }
    }
    Ok((rows, admin))
}

/// Builds the governorate and district lookup, and checks that the GeoNames admin1 table
/// names only governorates that Open-Syria has.
fn lookup(govs: &[Unit], districts: &[Unit], subdistricts: &[Unit]) -> Result<Admin, Error> {
    let mut admin = Admin::default();
    for g in govs {
        let pcode = pcode(g)?;
        admin
            .gov_by_pcode
            .insert(pcode.to_string(), g.name.en.clone());
        admin.gov_by_os_id.insert(g.id.clone(), g.name.en.clone());
        if let Some(id) = g
            .external_ids
            .geonames
            .as_deref()
            .and_then(|s| s.parse().ok())
        {
            admin.gov_by_geonames.insert(id, g.name.en.clone());
        }
    }
    for (code, name) in GEONAMES_ADMIN1 {
        if !admin.gov_by_pcode.values().any(|n| n == name) {
            return Err(Error::Format(format!(
                "governorates.json has no governorate `{name}` (GeoNames admin1 {code:02})"
            )));
        }
    }
    for d in districts {
        let pcode = pcode(d)?;
        let (Some(admin1), Some(c)) = (parent(&admin.gov_by_pcode, pcode, 4), d.centroid) else {
            continue;
        };
        let district = District {
            name_en: d.name.en.clone(),
            admin1: admin1.to_string(),
            lat: c.latitude,
            lon: c.longitude,
        };
        admin.districts.insert(pcode.to_string(), district);
    }
    for s in subdistricts {
        let (Some(d), Some(c)) = (parent(&admin.districts, pcode(s)?, 6), s.centroid) else {
            continue;
        };
        admin.district_points.push(District {
            lat: c.latitude,
            lon: c.longitude,
            ..d.clone()
        });
    }
    Ok(admin)
}

/// The unit's P-code, which every Open-Syria unit has.
fn pcode(unit: &Unit) -> Result<&str, Error> {
    unit.external_ids
        .ocha_pcode
        .as_deref()
        .ok_or_else(|| Error::Format(format!("Open-Syria unit `{}` has no ochaPcode", unit.id)))
}

/// The value under the first `len` characters of `pcode` (P-codes nest: SY09 ⊃ SY0905 ⊃
/// SY090500).
fn parent<'a, T>(map: &'a BTreeMap<String, T>, pcode: &str, len: usize) -> Option<&'a T> {
    map.get(pcode.get(..len)?)
}

fn unit_row(unit: &Unit, kind: PlaceKind, admin: &Admin) -> Result<Place, Error> {
    let pcode = pcode(unit)?;
    let centroid = unit
        .centroid
        .ok_or_else(|| Error::Format(format!("Open-Syria unit `{}` has no centroid", unit.id)))?;
    let admin1 = parent(&admin.gov_by_pcode, pcode, 4)
        .cloned()
        .unwrap_or_default();
    let admin2 = match kind {
        PlaceKind::Subdistrict => parent(&admin.districts, pcode, 6)
            .map(|d| d.name_en.clone())
            .unwrap_or_default(),
        _ => String::new(),
    };
    Ok(Place {
        id: format!("pcode:{pcode}"),
        name_ar: clean(&unit.name.ar),
        name_en: clean(&unit.name.en),
        alt_names: alias_names(&unit.name.ar, &unit.aliases),
        lat: centroid.latitude,
        lon: centroid.longitude,
        kind,
        admin1,
        admin2,
        population: unit
            .population
            .as_ref()
            .and_then(|p| p.value)
            .filter(|v| *v >= 0.0)
            .map_or(0, |v| v as u64),
        ends: Vec::new(),
        source: SOURCE.to_string(),
    })
}

/// Arabic aliases first, then the useful Latin ones.
pub fn alias_names(main: &str, aliases: &[Alias]) -> Vec<String> {
    let mut list = NameList::new(main);
    list.extend(
        aliases
            .iter()
            .map(|a| a.value.as_str())
            .filter(|v| is_arabic(v)),
    );
    list.extend(
        aliases
            .iter()
            .map(|a| a.value.as_str())
            .filter(|v| is_useful_latin(v)),
    );
    list.into_vec()
}
