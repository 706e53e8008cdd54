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
use crate::gazetteer::distance_km;

/// The Earth's mean radius in km, as the crate's great-circle distance uses it.
const EARTH_KM: f64 = 6371.0088;

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

fn unit_vector(lon: f64, lat: f64) -> [f64; 3] {
    let (lon, lat) = (lon.to_radians(), lat.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// DBSCAN over `points` with great-circle distances.
pub fn hotspots(points: &[ClusterPoint], opts: &HotspotOptions) -> Hotspots {
    let entries: Vec<GeomWithData<[f64; 3], usize>> = points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lon.is_finite() && p.lat.is_finite())
        .map(|(i, p)| {
            let [x, y, z] = unit_vector(p.lon, p.lat);
            GeomWithData::new([x * EARTH_KM, y * EARTH_KM, z * EARTH_KM], i)
        })
        .collect();
    let finite: Vec<bool> = {
        let mut v = vec![false; points.len()];
        entries.iter().for_each(|e| v[e.data] = true);
        v
    };
    let tree = RTree::bulk_load(entries);
    // Chord length of an arc of eps_km, a hair wider so that rounding never loses a point the
    // great-circle check would keep.
    let chord = 2.0
        * EARTH_KM
        * (opts.eps_km / (2.0 * EARTH_KM))
            .min(std::f64::consts::FRAC_PI_2)
            .sin();
    let chord2 = (chord * (1.0 + 1e-9)).powi(2);
    let region = |i: usize| -> Vec<usize> {
        let p = &points[i];
        let [x, y, z] = unit_vector(p.lon, p.lat);
        let mut near: Vec<usize> = tree
            .locate_within_distance([x * EARTH_KM, y * EARTH_KM, z * EARTH_KM], chord2)
            .map(|e| e.data)
            .filter(|&j| distance_km([p.lon, p.lat], [points[j].lon, points[j].lat]) <= opts.eps_km)
            .collect();
        near.sort_unstable();
        near
    };

    let mut labels: Vec<Option<usize>> = vec![None; points.len()];
    let mut visited = vec![false; points.len()];
    let mut next_id = 0;
    for i in 0..points.len() {
        if visited[i] || !finite[i] {
            continue;
        }
        visited[i] = true;
        let near = region(i);
        if near.len() < opts.min_points {
            continue; // noise, unless a later core point reaches it
        }
        let id = next_id;
        next_id += 1;
        labels[i] = Some(id);
        let mut queue = std::collections::VecDeque::from(near);
        while let Some(j) = queue.pop_front() {
            if labels[j].is_none() {
                labels[j] = Some(id);
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
    }
    let hotspots = summarise(points, &labels, next_id);
    Hotspots { labels, hotspots }
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
    for (h, [x, y, z]) in out.iter_mut().zip(sums) {
        h.lon = y.atan2(x).to_degrees();
        h.lat = z.atan2(x.hypot(y)).to_degrees();
    }
    out
}
