//! Roads: rows without a point of their own. Their ends are found by name (`طريق X - Y` joins
//! the places called X and Y), and their point is the midpoint of the ends.

use std::collections::{BTreeMap, HashMap};

use crate::gazetteer::name_key;
use crate::model::{Place, PlaceKind};

/// The governorates that the Badia spans; a road's end is looked for there first.
const BADIA_GOVERNORATES: [&str; 7] = [
    "Homs",
    "Hama",
    "Raqqa",
    "Deir ez-Zor",
    "Rif Dimashq",
    "Aleppo",
    "Al-Hasakah",
];

/// The names of the places a road joins, from its Arabic name: `طريق أثريا - خناصر` →
/// `[أثريا, خناصر]`. Empty when the name does not have that shape.
pub fn end_names(road_name: &str) -> Vec<String> {
    // The shape of OpenStreetMap's Arabic road names, which this build reads, unfolded: not a
    // rule of reading articles (those are `road_word` of places.csv).
    let Some(rest) = road_name.trim().strip_prefix("طريق") else {
        return Vec::new();
    };
    let ends: Vec<String> = rest
        .split(['-', '–'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    if ends.len() >= 2 {
        ends
    } else {
        Vec::new()
    }
}

/// Finds the place a road end names: settlements before areas, cities first, then places in
/// the Badia governorates, main names before alternative ones, larger population first, and
/// the id as a last, stable tie-break.
pub fn resolve<'a>(name: &str, index: &NameIndex<'a>) -> Option<&'a Place> {
    let key = name_key(name);
    index
        .get(&key)?
        .iter()
        .copied()
        .filter(|p| p.kind != PlaceKind::Road)
        .min_by_key(|p| {
            let city = match p.kind {
                PlaceKind::City => 0,
                k if k.is_settlement() => 1,
                _ => 2,
            };
            let badia = !BADIA_GOVERNORATES.contains(&p.admin1.as_str());
            let alt_only = name_key(&p.name_ar) != key;
            (
                city,
                badia,
                p.kind,
                alt_only,
                std::cmp::Reverse(p.population),
                &p.id,
            )
        })
}

/// Folded name → places with that name (main or alternative).
pub type NameIndex<'a> = HashMap<String, Vec<&'a Place>>;

/// Indexes every Arabic name of `places`.
pub fn name_index<'a>(places: impl Iterator<Item = &'a Place>) -> NameIndex<'a> {
    let mut index: NameIndex = HashMap::new();
    for p in places {
        for name in std::iter::once(&p.name_ar).chain(&p.alt_names) {
            let key = name_key(name);
            if key.is_empty() {
                continue;
            }
            let list = index.entry(key).or_default();
            if !list.iter().any(|q| q.id == p.id) {
                list.push(p);
            }
        }
    }
    index
}

/// Sets the point of every road that has none to the midpoint of its ends (when they exist
/// and have points), and its governorate when both ends share one.
pub fn place_roads(rows: &mut BTreeMap<String, Place>) {
    let roads: Vec<String> = rows
        .values()
        .filter(|p| p.kind == PlaceKind::Road && !(p.lat.is_finite() && p.lon.is_finite()))
        .map(|p| p.id.clone())
        .collect();
    for id in roads {
        let Some(road) = rows.get(&id) else { continue };
        let ends: Vec<&Place> = road
            .ends
            .iter()
            .filter_map(|e| rows.get(e))
            .filter(|p| p.lat.is_finite() && p.lon.is_finite())
            .collect();
        if ends.len() < 2 || ends.len() != road.ends.len() {
            continue;
        }
        let n = ends.len() as f64;
        let lat = ends.iter().map(|p| p.lat).sum::<f64>() / n;
        let lon = ends.iter().map(|p| p.lon).sum::<f64>() / n;
        let admin1 = ends[0].admin1.clone();
        let same_admin1 = ends.iter().all(|p| p.admin1 == admin1);
        if let Some(road) = rows.get_mut(&id) {
            road.lat = lat;
            road.lon = lon;
            if road.admin1.is_empty() && same_admin1 {
                road.admin1 = admin1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str, name: &str, kind: PlaceKind, admin1: &str) -> Place {
        Place {
            id: id.into(),
            name_ar: name.into(),
            name_en: String::new(),
            alt_names: Vec::new(),
            lat: 35.0,
            lon: 38.0,
            kind,
            admin1: admin1.into(),
            admin2: String::new(),
            population: 0,
            ends: Vec::new(),
            source: String::new(),
        }
    }

    #[test]
    fn road_names_give_their_ends() {
        assert_eq!(end_names("طريق أثريا - خناصر"), vec!["أثريا", "خناصر"]);
        assert_eq!(
            end_names("طريق دير الزور - دمشق"),
            vec!["دير الزور", "دمشق"]
        );
        assert!(end_names("طريق M4").is_empty());
        assert!(end_names("أثريا - خناصر").is_empty());
    }

    #[test]
    fn ends_prefer_cities_then_the_badia() {
        let places = [
            place(
                "pcode:SY09",
                "دير الزور",
                PlaceKind::Governorate,
                "Deir ez-Zor",
            ),
            place(
                "geonames:170794",
                "دير الزور",
                PlaceKind::City,
                "Deir ez-Zor",
            ),
            place("geonames:1", "الطيبة", PlaceKind::Village, "Daraa"),
            place("geonames:2", "الطيبة", PlaceKind::Village, "Homs"),
        ];
        let index = name_index(places.iter());
        let id = |n: &str| resolve(n, &index).map(|p| p.id.as_str());
        assert_eq!(id("ديرالزور"), None);
        assert_eq!(id("دير الزور"), Some("geonames:170794"));
        assert_eq!(id("طيبة"), Some("geonames:2"));
    }

    #[test]
    fn roads_sit_at_the_midpoint_of_their_ends() {
        let mut a = place("a", "أ", PlaceKind::Town, "Hama");
        a.lat = 35.0;
        a.lon = 37.0;
        let mut b = place("b", "ب", PlaceKind::Town, "Hama");
        b.lat = 36.0;
        b.lon = 38.0;
        let mut road = place("road:a-b", "طريق أ - ب", PlaceKind::Road, "");
        road.lat = f64::NAN;
        road.ends = vec!["a".into(), "b".into()];
        let mut rows: BTreeMap<String, Place> = [a, b, road]
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect();
        place_roads(&mut rows);
        let road = &rows["road:a-b"];
        assert_eq!((road.lat, road.lon), (35.5, 37.5));
        assert_eq!(road.admin1, "Hama");
    }
}
