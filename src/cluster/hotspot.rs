//! Zoom-free hotspots for researchers: DBSCAN over great-circle kilometres. In come points
//! ([`ClusterPoint`]) and a radius in km with a least number of points; out comes, for every
//! point, its hotspot or none (noise), and a summary of each hotspot. Points are placed on a
//! sphere in an R-tree (rstar) so that a radius search in km is one straight-line query; each
//! hit is confirmed with the crate's great-circle distance. Points are visited in input order
//! and hotspots numbered as they are found, so the labels are the same on every run.

use chrono::NaiveDate;
use rstar::primitives::GeomWithData;
use rstar::RTree;

use super::ClusterPoint;
use crate::geodesy::{chord_km, distance_km, lon_lat_of_vector, unit_vector, EARTH_RADIUS_KM};

/// DBSCAN's two parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct HotspotOptions {
    /// Neighbourhood radius, great-circle kilometres (default 5).
    pub eps_km: f64,
    /// Least number of points, the point itself included, within `eps_km` of a point for it to
    /// be a core point of a hotspot (default 3).
    pub min_points: usize,
}

impl Default for HotspotOptions {
    fn default() -> HotspotOptions {
        HotspotOptions {
            eps_km: 5.0,
            min_points: 3,
        }
    }
}

/// One hotspot: its points and what they add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct Hotspot {
    /// 0-based, in order of discovery (by the lowest input index of its core points).
    pub id: usize,
    /// Input indices, ascending.
    pub members: Vec<usize>,
    /// Mean position of the members (on the sphere), degrees.
    pub lon: f64,
    pub lat: f64,
    pub fatalities: u64,
    pub date_min: Option<NaiveDate>,
    pub date_max: Option<NaiveDate>,
}

/// The result of [`hotspots`].
#[derive(Debug, Clone, PartialEq)]
pub struct Hotspots {
    /// Per input point: its hotspot id, or `None` for noise (and for non-finite coordinates).
    pub labels: Vec<Option<usize>>,
    pub hotspots: Vec<Hotspot>,
}

/// The point of (lon, lat) on the sphere of the Earth's radius, km from its centre.
fn on_earth(lon: f64, lat: f64) -> [f64; 3] {
    unit_vector(lon, lat).map(|c| c * EARTH_RADIUS_KM)
}

/// DBSCAN over `points` with great-circle distances. Events at the very same position (many
/// reports name only a town) are one place of that weight: they share their neighbourhood, so
/// DBSCAN labels them alike, and a neighbourhood is searched once per place, not once per
/// event (200,000 events at one town would otherwise be 200,000 searches of 200,000 hits).
pub fn hotspots(points: &[ClusterPoint], opts: &HotspotOptions) -> Hotspots {
    let (place_of, places) = places(points);
    let weight: Vec<usize> = {
        let mut w = vec![0; places.len()];
        place_of.iter().flatten().for_each(|&p| w[p] += 1);
        w
    };
    let entries: Vec<GeomWithData<[f64; 3], usize>> = places
        .iter()
        .enumerate()
        .map(|(k, &i)| GeomWithData::new(on_earth(points[i].lon, points[i].lat), k))
        .collect();
    let tree = RTree::bulk_load(entries);
    // Chord length of an arc of eps_km, a hair wider so that rounding never loses a point the
    // great-circle check would keep.
    let chord2 = (chord_km(opts.eps_km) * (1.0 + 1e-9)).powi(2);
    // The places within eps_km of place k, ascending, and how many events they hold.
    let region = |k: usize| -> (Vec<usize>, usize) {
        let p = &points[places[k]];
        let mut near: Vec<usize> = tree
            .locate_within_distance(on_earth(p.lon, p.lat), chord2)
            .map(|e| e.data)
            .filter(|&j| {
                let q = &points[places[j]];
                distance_km([p.lon, p.lat], [q.lon, q.lat]) <= opts.eps_km
            })
            .collect();
        near.sort_unstable();
        let events = near.iter().map(|&j| weight[j]).sum();
        (near, events)
    };

    // DBSCAN over the places, in the input order of their first events.
    let mut label: Vec<Option<usize>> = vec![None; places.len()];
    let mut visited = vec![false; places.len()];
    let mut next_id = 0;
    for k in 0..places.len() {
        if visited[k] {
            continue;
        }
        visited[k] = true;
        let (near, events) = region(k);
        if events < opts.min_points {
            continue; // noise, unless a later core point reaches it
        }
        let id = next_id;
        next_id += 1;
        label[k] = Some(id);
        let mut queue = std::collections::VecDeque::from(near);
        while let Some(j) = queue.pop_front() {
            if label[j].is_none() {
                label[j] = Some(id);
            }
            if visited[j] {
                continue;
            }
            visited[j] = true;
            let (near, events) = region(j);
            if events >= opts.min_points {
                queue.extend(near.into_iter().filter(|&m| label[m].is_none()));
            }
        }
    }
    let labels: Vec<Option<usize>> = place_of.iter().map(|p| p.and_then(|k| label[k])).collect();
    let hotspots = summarise(points, &labels, next_id);
    Hotspots { labels, hotspots }
}

/// Each point's place (`None` for a non-finite coordinate), and each place's first point, in
/// input order: points at the very same position are one place.
fn places(points: &[ClusterPoint]) -> (Vec<Option<usize>>, Vec<usize>) {
    let mut seen = std::collections::HashMap::new();
    let mut places = Vec::new();
    let place_of = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if !(p.lon.is_finite() && p.lat.is_finite()) {
                return None;
            }
            // -0.0 and 0.0 are one position.
            let key = ((p.lon + 0.0).to_bits(), (p.lat + 0.0).to_bits());
            Some(*seen.entry(key).or_insert_with(|| {
                places.push(i);
                places.len() - 1
            }))
        })
        .collect();
    (place_of, places)
}

fn summarise(points: &[ClusterPoint], labels: &[Option<usize>], count: usize) -> Vec<Hotspot> {
    let mut out: Vec<Hotspot> = (0..count)
        .map(|id| Hotspot {
            id,
            members: Vec::new(),
            lon: 0.0,
            lat: 0.0,
            fatalities: 0,
            date_min: None,
            date_max: None,
        })
        .collect();
    let mut sums = vec![[0.0f64; 3]; count];
    for (i, label) in labels.iter().enumerate() {
        let Some(id) = *label else { continue };
        let (p, h) = (&points[i], &mut out[id]);
        h.members.push(i);
        h.fatalities += u64::from(p.fatalities);
        if let Some(d) = p.date {
            h.date_min = Some(h.date_min.map_or(d, |m| m.min(d)));
            h.date_max = Some(h.date_max.map_or(d, |m| m.max(d)));
        }
        let v = unit_vector(p.lon, p.lat);
        for (s, c) in sums[id].iter_mut().zip(v) {
            *s += c;
        }
    }
    for (h, sum) in out.iter_mut().zip(sums) {
        [h.lon, h.lat] = lon_lat_of_vector(sum);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DBSCAN a point at a time, as it is usually written: the reference.
    fn one_by_one(points: &[ClusterPoint], opts: &HotspotOptions) -> Vec<Option<usize>> {
        let n = points.len();
        let region = |i: usize| -> Vec<usize> {
            (0..n)
                .filter(|&j| {
                    let (p, q) = (&points[i], &points[j]);
                    distance_km([p.lon, p.lat], [q.lon, q.lat]) <= opts.eps_km
                })
                .collect()
        };
        let mut labels = vec![None; n];
        let mut visited = vec![false; n];
        let mut next = 0;
        for i in 0..n {
            if visited[i] {
                continue;
            }
            visited[i] = true;
            let near = region(i);
            if near.len() < opts.min_points {
                continue;
            }
            labels[i] = Some(next);
            let mut queue = std::collections::VecDeque::from(near);
            while let Some(j) = queue.pop_front() {
                if labels[j].is_none() {
                    labels[j] = Some(next);
                }
                if visited[j] {
                    continue;
                }
                visited[j] = true;
                let near = region(j);
                if near.len() >= opts.min_points {
                    queue.extend(near.into_iter().filter(|&k| labels[k].is_none()));
                }
            }
            next += 1;
        }
        labels
    }

    /// Points at shared positions (towns) and alone, labelled as one point at a time would.
    #[test]
    fn places_label_like_points_one_by_one() {
        let mut s = 7u64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        let towns: Vec<(f64, f64)> = (0..12)
            .map(|_| (38.0 + next() * 0.6, 34.5 + next() * 0.4))
            .collect();
        let points: Vec<ClusterPoint> = (0..400)
            .map(|i| {
                let (lon, lat) = if i % 3 == 0 {
                    (38.0 + next() * 0.6, 34.5 + next() * 0.4)
                } else {
                    towns[(next() * towns.len() as f64) as usize]
                };
                ClusterPoint {
                    lon,
                    lat,
                    fatalities: 1,
                    date: None,
                }
            })
            .collect();
        for (eps_km, min_points) in [(3.0, 3), (5.0, 5), (1.0, 2), (8.0, 40)] {
            let opts = HotspotOptions { eps_km, min_points };
            assert_eq!(
                hotspots(&points, &opts).labels,
                one_by_one(&points, &opts),
                "{opts:?}"
            );
        }
    }

    #[test]
    fn many_events_at_one_town_are_one_hotspot() {
        let at = ClusterPoint {
            lon: 38.2684,
            lat: 34.556,
            fatalities: 2,
            date: None,
        };
        let result = hotspots(&vec![at; 100_000], &HotspotOptions::default());
        assert_eq!(result.hotspots.len(), 1);
        assert_eq!(result.hotspots[0].members.len(), 100_000);
        assert_eq!(result.hotspots[0].fatalities, 200_000);
    }
}
