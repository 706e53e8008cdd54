//! The context layer: populated places from the gazetteer, so that a map without an external
//! base map still shows where things are. Bigger places appear at lower zooms; each place gets
//! a `rank` (1 the largest) and the zoom it first appears at.

use crate::model::{Place, PlaceKind};

/// One populated place of the context layer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ContextPlace {
    pub lon: f64,
    pub lat: f64,
    pub name_ar: String,
    pub name_en: String,
    pub kind: PlaceKind,
    pub population: u64,
    /// 1 (a city of half a million or more) … 5 (a village of unknown size).
    pub rank: u8,
    /// The first zoom the place is shown at.
    pub min_zoom: u8,
}

/// Population and kind thresholds per rank: (rank, first zoom, minimum population, kinds that
/// qualify whatever their population). The gazetteer knows the population of few villages, so
/// a seat of government (city, town) counts like a place of the rank's size.
const RANKS: [(u8, u8, u64, &[PlaceKind]); 5] = [
    (1, 3, 500_000, &[]),
    (2, 6, 100_000, &[PlaceKind::City]),
    (3, 8, 20_000, &[PlaceKind::Town]),
    (4, 9, 1_000, &[]),
    (5, 11, 0, &[PlaceKind::Village]),
];

/// The settlements of `places` with their rank, largest first (then by id, for a stable order).
pub(crate) fn context_places(places: &[Place]) -> Vec<ContextPlace> {
    let mut out: Vec<(&Place, ContextPlace)> = places
        .iter()
        .filter(|p| p.kind.is_settlement() && p.lon.is_finite() && p.lat.is_finite())
        .map(|p| {
            let (rank, min_zoom) = RANKS
                .iter()
                .find(|(_, _, pop, kinds)| {
                    (*pop > 0 && p.population >= *pop) || kinds.contains(&p.kind)
                })
                .map(|&(r, z, _, _)| (r, z))
                .unwrap_or((5, 11));
            let c = ContextPlace {
                lon: p.lon,
                lat: p.lat,
                name_ar: p.name_ar.clone(),
                name_en: p.name_en.clone(),
                kind: p.kind,
                population: p.population,
                rank,
                min_zoom,
            };
            (p, c)
        })
        .collect();
    out.sort_by(|(pa, a), (pb, b)| {
        (a.rank, std::cmp::Reverse(a.population), &pa.id).cmp(&(
            b.rank,
            std::cmp::Reverse(b.population),
            &pb.id,
        ))
    });
    out.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str, kind: PlaceKind, population: u64) -> Place {
        Place {
            id: id.into(),
            name_ar: "اسم".into(),
            name_en: id.into(),
            alt_names: vec![],
            lat: 35.0,
            lon: 38.0,
            kind,
            admin1: String::new(),
            admin2: String::new(),
            population,
            ends: vec![],
            source: String::new(),
        }
    }

    #[test]
    fn bigger_places_come_first_and_earlier() {
        let places = vec![
            place("v", PlaceKind::Village, 0),
            place("gov", PlaceKind::Governorate, 0),
            place("aleppo", PlaceKind::City, 2_000_000),
            place("town", PlaceKind::Town, 0),
            place("seat", PlaceKind::City, 30_000),
        ];
        let c = context_places(&places);
        let got: Vec<(&str, u8, u8)> = c
            .iter()
            .map(|p| (p.name_en.as_str(), p.rank, p.min_zoom))
            .collect();
        assert_eq!(
            got,
            [
                ("aleppo", 1, 3),
                ("seat", 2, 6),
                ("town", 3, 8),
                ("v", 5, 11)
            ]
        );
    }
}
