//! Clustering of events for display at every zoom level, the way mapbox's supercluster does it:
//! points are projected to Web Mercator in `[0, 1]`, then clustered greedily from the top zoom
//! down, each zoom clustering the items of the zoom above within a radius given in pixels of a
//! tile of `extent` pixels. In comes a slice of [`ClusterPoint`]s (one per event, see
//! [`points_of`]); out comes a [`ClusterIndex`] that answers which clusters and points are
//! visible in a box at a zoom ([`ClusterIndex::clusters`]), and leads from a cluster id to its
//! children, its leaves and the zoom at which it splits. Clusters carry their point count, the
//! summed fatalities and the span of dates of their events. A time filter is the caller's:
//! filter the events by date and build the index on the rest. Neighbours within the radius are
//! found on a grid ([`grid`]; listed beforehand in parallel where few items are near, asked
//! for the items not yet taken where many are, so memory stays linear however many events
//! share a spot), the greedy pass runs in input order, so the result does not depend on the
//! number of threads; box queries go to an R-tree (rstar) per zoom,
//! bulk-loaded on the first query at that zoom. A tile writer, which only lists what each zoom
//! shows, takes [`ClusterIndex::shown_levels`] instead: the same clusters without the input
//! coordinates, the parent and child links, or the level of the input points (about half the
//! memory at its peak, for a million points).

pub mod export;
mod grid;
pub mod hotspot;
pub mod input;

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rstar::primitives::GeomWithData;
use rstar::{RStarInsertionStrategy, RTree, RTreeParams, AABB};

use crate::geodesy::{mercator_lat, mercator_lon, mercator_x, mercator_y};

/// Options with supercluster's defaults, in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterOptions {
    /// Lowest zoom at which clusters are made (default 0).
    pub min_zoom: u8,
    /// Highest zoom at which clusters are made (default 16, at most 30); above it, every point
    /// is shown on its own.
    pub max_zoom: u8,
    /// Cluster radius, in pixels of a tile `extent` pixels wide (default 40).
    pub radius: f64,
    /// Width of a tile in pixels, the unit `radius` is measured in (default 512).
    pub extent: f64,
    /// Least number of points that make a cluster (default 2).
    pub min_points: usize,
}

impl Default for ClusterOptions {
    fn default() -> ClusterOptions {
        ClusterOptions {
            min_zoom: 0,
            max_zoom: 16,
            radius: 40.0,
            extent: 512.0,
            min_points: 2,
        }
    }
}

/// One input point, WGS84 degrees. The `index` of output items refers to its position in the
/// input slice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterPoint {
    pub lon: f64,
    pub lat: f64,
    pub fatalities: u32,
    pub date: Option<NaiveDate>,
}

/// One item visible at a zoom: an input point on its own, or a cluster of points.
#[derive(Debug, Clone, PartialEq)]
pub enum ClusterItem {
    /// Input point `index`, at its own coordinates.
    Point { index: usize, lon: f64, lat: f64 },
    /// A cluster at the weighted centre of its points.
    Cluster {
        /// Encodes the zoom and the item the cluster grew from, as supercluster's ids do.
        id: u64,
        lon: f64,
        lat: f64,
        point_count: usize,
        /// Sum of the fatalities of its points.
        fatalities: u64,
        /// Earliest and latest date among its points (`None` when no point has a date).
        date_min: Option<NaiveDate>,
        date_max: Option<NaiveDate>,
    },
}

/// One ClusterPoint per event: the event's point, or for a road (a line) its middle vertex.
pub fn points_of(events: &[crate::model::Event]) -> Vec<ClusterPoint> {
    events
        .iter()
        .map(|e| {
            let [lon, lat] = e
                .coords
                .get(e.coords.len().saturating_sub(1) / 2)
                .copied()
                .unwrap_or([f64::NAN, f64::NAN]);
            ClusterPoint {
                lon,
                lat,
                fatalities: e.fatalities,
                date: e.date,
            }
        })
        .collect()
}

/// R-tree node sizes: wider nodes than rstar's default make bulk loading and the many small
/// radius searches faster for points (measured in `benches/cluster.rs`).
struct TreeParams;

impl RTreeParams for TreeParams {
    const MIN_SIZE: usize = 8;
    const MAX_SIZE: usize = 32;
    const REINSERTION_COUNT: usize = 8;
    type DefaultInsertionStrategy = RStarInsertionStrategy;
}

/// A tree entry: the Mercator position and the item's position in its zoom's arrays.
type Entry = GeomWithData<[f64; 2], u32>;

/// "No date" in the day-number arrays.
const NO_DAY_MIN: i32 = i32::MAX;
const NO_DAY_MAX: i32 = i32::MIN;
/// "Not absorbed into a cluster" in `Level::parent`.
const NO_PARENT: u32 = u32::MAX;

/// The items of one zoom, struct-of-arrays, in the order the greedy pass made them.
#[derive(Default)]
struct Level {
    x: Vec<f64>,
    y: Vec<f64>,
    /// Input index of a point, or the cluster id.
    id: Vec<u64>,
    count: Vec<u32>,
    fatalities: Vec<u64>,
    day_min: Vec<i32>,
    day_max: Vec<i32>,
    /// Position, in the zoom below, of the cluster this item was absorbed into.
    parent: Vec<u32>,
    /// Children of the clusters of this zoom: `child_start[i]..child_start[i + 1]` indexes
    /// `child_pos`, positions in the zoom above. Empty for points carried over unchanged.
    child_start: Vec<u32>,
    child_pos: Vec<u32>,
    /// Bulk-loaded on the first box query at this zoom.
    tree: OnceLock<RTree<Entry, TreeParams>>,
}

impl Level {
    fn len(&self) -> usize {
        self.x.len()
    }

    fn with_capacity(n: usize) -> Level {
        Level {
            x: Vec::with_capacity(n),
            y: Vec::with_capacity(n),
            id: Vec::with_capacity(n),
            count: Vec::with_capacity(n),
            fatalities: Vec::with_capacity(n),
            day_min: Vec::with_capacity(n),
            day_max: Vec::with_capacity(n),
            parent: Vec::new(),
            child_start: {
                let mut v = Vec::with_capacity(n + 1);
                v.push(0);
                v
            },
            child_pos: Vec::new(),
            tree: OnceLock::new(),
        }
    }

    /// Copies item `i` of `from` to the end of this level, as a point or cluster carried over.
    fn push_copy(&mut self, from: &Level, i: usize) {
        self.x.push(from.x[i]);
        self.y.push(from.y[i]);
        self.id.push(from.id[i]);
        self.count.push(from.count[i]);
        self.fatalities.push(from.fatalities[i]);
        self.day_min.push(from.day_min[i]);
        self.day_max.push(from.day_max[i]);
        self.child_start.push(self.child_pos.len() as u32);
    }

    /// The R-tree of this zoom's items, built on first use.
    fn tree(&self) -> &RTree<Entry, TreeParams> {
        self.tree.get_or_init(|| {
            let entries: Vec<Entry> = (0..self.len())
                .map(|i| GeomWithData::new([self.x[i], self.y[i]], i as u32))
                .collect();
            RTree::bulk_load_with_params(entries)
        })
    }
}

/// The clusters of every zoom from `min_zoom` to `max_zoom`, and the points above.
pub struct ClusterIndex {
    opts: ClusterOptions,
    /// The input points, for drift-free coordinates of single points.
    lon: Vec<f64>,
    lat: Vec<f64>,
    num_points: u64,
    /// Levels; `slot[z - min_zoom]` names the level shown at zoom z (`min_zoom..=max_zoom+1`).
    /// A zoom where nothing clustered shares the level of the zoom above.
    levels: Vec<Level>,
    slot: Vec<usize>,
}

/// What each zoom from `min_zoom` to `max_zoom` shows, and nothing else: the clustering a
/// tile writer needs, from [`ClusterIndex::shown_levels`]. Items are in the order of
/// [`ClusterIndex::clusters`] over the whole world.
pub struct ShownLevels {
    min_zoom: u8,
    num_points: u64,
    levels: Vec<Level>,
    /// `slot[z - min_zoom]`: the level zoom z shows.
    slot: Vec<usize>,
}

/// One item a zoom shows, as [`ShownLevels::item`] gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown {
    /// Input point `index`.
    Point(usize),
    /// A cluster; `x`, `y` its Web Mercator position in `[0, 1]` (0 at the west and north).
    Cluster {
        id: u64,
        x: f64,
        y: f64,
        point_count: u32,
        fatalities: u64,
        date_min: Option<NaiveDate>,
        date_max: Option<NaiveDate>,
        /// The zoom at which it splits ([`ClusterIndex::expansion_zoom`]).
        expansion_zoom: u8,
    },
}

impl ShownLevels {
    fn level(&self, zoom: u8) -> &Level {
        &self.levels[self.slot[(zoom - self.min_zoom) as usize]]
    }

    /// Number of items shown at `zoom` (within the zooms clustered).
    pub fn len(&self, zoom: u8) -> usize {
        self.level(zoom).len()
    }

    /// Item `i` of `zoom`.
    pub fn item(&self, zoom: u8, i: usize) -> Shown {
        let level = self.level(zoom);
        if level.count[i] == 1 {
            return Shown::Point(level.id[i] as usize);
        }
        let id = level.id[i];
        Shown::Cluster {
            id,
            x: level.x[i],
            y: level.y[i],
            point_count: level.count[i],
            fatalities: level.fatalities[i],
            date_min: date_of(level.day_min[i]),
            date_max: date_of(level.day_max[i]),
            // A cluster made at zoom z holds its seed and at least one more item of zoom z + 1,
            // so it splits at z + 1, the zoom its id encodes.
            expansion_zoom: ((id - self.num_points) % 32) as u8,
        }
    }
}

fn day_of(d: Option<NaiveDate>) -> (i32, i32) {
    match d {
        Some(d) => {
            let n = d.num_days_from_ce();
            (n, n)
        }
        None => (NO_DAY_MIN, NO_DAY_MAX),
    }
}

fn date_of(day: i32) -> Option<NaiveDate> {
    if day == NO_DAY_MIN || day == NO_DAY_MAX {
        None
    } else {
        NaiveDate::from_num_days_from_ce_opt(day)
    }
}

/// Options as used: zooms capped like supercluster's (`max_zoom` ≤ 30, `min_zoom` ≤ `max_zoom`).
fn sane(opts: &ClusterOptions) -> ClusterOptions {
    let max_zoom = opts.max_zoom.min(30);
    ClusterOptions {
        max_zoom,
        min_zoom: opts.min_zoom.min(max_zoom),
        ..opts.clone()
    }
}

impl ClusterIndex {
    /// Clusters `points` at every zoom of `opts`. Points with a non-finite coordinate are left
    /// out (their index never appears in the output).
    pub fn new(points: &[ClusterPoint], opts: &ClusterOptions) -> ClusterIndex {
        ClusterIndex::build(points.len(), |i| points[i], opts, true)
    }

    /// The clustering of `n` points given one by one by `point`, for display only (see
    /// [`ShownLevels`]): without the input coordinates, the links from clusters to their
    /// children, and the level above `max_zoom`, freed as soon as the zoom below is made. A
    /// tile writer holding a million events has no room for what it would never ask.
    pub fn shown_levels(
        n: usize,
        point: impl Fn(usize) -> ClusterPoint + Sync,
        opts: &ClusterOptions,
    ) -> ShownLevels {
        let index = ClusterIndex::build(n, point, opts, false);
        let opts = index.opts;
        let mut levels = index.levels;
        // Keep the levels a zoom from min to max shows; the others (the input points' level,
        // when max_zoom clustered something) are already empty.
        let slot = index.slot[..index.slot.len() - 1].to_vec();
        for (i, level) in levels.iter_mut().enumerate() {
            if !slot.contains(&i) {
                *level = Level::default();
            }
        }
        ShownLevels {
            min_zoom: opts.min_zoom,
            num_points: index.num_points,
            levels,
            slot,
        }
    }

    /// The clusters of every zoom; with `tree`, everything the queries need (the input
    /// coordinates, parents and children of every item), else only what each zoom shows.
    fn build(
        n: usize,
        point: impl Fn(usize) -> ClusterPoint + Sync,
        opts: &ClusterOptions,
        tree: bool,
    ) -> ClusterIndex {
        let opts = sane(opts);
        let finite = |p: &ClusterPoint| p.lon.is_finite() && p.lat.is_finite();
        let mut top = Level::with_capacity(0);
        // Projected straight into the level: no copy of a million coordinates beside it.
        top.x = (0..n)
            .into_par_iter()
            .filter_map(|i| Some(point(i)).filter(finite).map(|p| mercator_x(p.lon)))
            .collect();
        top.y = (0..n)
            .into_par_iter()
            .filter_map(|i| Some(point(i)).filter(finite).map(|p| mercator_y(p.lat)))
            .collect();
        let kept = top.x.len();
        top.id.reserve_exact(kept);
        top.count = vec![1; kept];
        top.fatalities.reserve_exact(kept);
        top.day_min.reserve_exact(kept);
        top.day_max.reserve_exact(kept);
        top.child_start = vec![0; kept + 1];
        let (mut lon, mut lat) = (Vec::new(), Vec::new());
        for i in 0..n {
            let p = point(i);
            if tree {
                lon.push(p.lon);
                lat.push(p.lat);
            }
            if !finite(&p) {
                continue;
            }
            let (d0, d1) = day_of(p.date);
            top.id.push(i as u64);
            top.fatalities.push(u64::from(p.fatalities));
            top.day_min.push(d0);
            top.day_max.push(d1);
        }
        let mut index = ClusterIndex {
            lon,
            lat,
            num_points: n as u64,
            levels: vec![top],
            slot: vec![0; (opts.max_zoom - opts.min_zoom) as usize + 2],
            opts,
        };
        for z in (index.opts.min_zoom..=index.opts.max_zoom).rev() {
            let above = *index.slot_mut(z + 1);
            match index.cluster_zoom(above, z, tree) {
                Some(level) => {
                    index.levels.push(level);
                    *index.slot_mut(z) = index.levels.len() - 1;
                    if !tree && z == index.opts.max_zoom {
                        // The input points' level: no zoom shows it any more.
                        index.levels[above] = Level::default();
                    }
                }
                None => *index.slot_mut(z) = above,
            }
        }
        index
    }

    fn slot_mut(&mut self, z: u8) -> &mut usize {
        &mut self.slot[(z - self.opts.min_zoom) as usize]
    }

    /// The level shown at `zoom`, limited to `min_zoom..=max_zoom + 1` like supercluster.
    fn level_at(&self, zoom: u8) -> &Level {
        let z = zoom.clamp(self.opts.min_zoom, self.opts.max_zoom + 1);
        &self.levels[self.slot[(z - self.opts.min_zoom) as usize]]
    }

    /// Radius in Mercator units at `zoom`.
    fn radius_at(&self, zoom: u8) -> f64 {
        self.opts.radius / (self.opts.extent * f64::from(1u32 << zoom))
    }

    /// Clusters the items of level `above` at `zoom`; `None` when nothing clustered (the zoom
    /// then shares the level above, as in supercluster). Without `tree`, parents and children
    /// are not recorded.
    fn cluster_zoom(&mut self, above: usize, zoom: u8, tree: bool) -> Option<Level> {
        let r = self.radius_at(zoom);
        let min_points = self.opts.min_points;
        let num_points = self.num_points;
        let prev = &mut self.levels[above];
        let n = prev.len();
        let mut grid = grid::Grid::new(&prev.x, &prev.y, r);
        let mut near = Vec::new();
        let mut done = vec![false; n];
        let mut out = Level::with_capacity(n);
        let mut parent = if tree { vec![NO_PARENT; n] } else { Vec::new() };
        let mut clustered = false;
        for i in 0..n {
            if done[i] {
                continue;
            }
            done[i] = true;
            // Only the items no cluster has taken yet.
            grid.near_untaken((i, prev.x[i], prev.y[i]), &done, &mut near);
            let own = prev.count[i] as usize;
            let total: usize = own
                + near
                    .iter()
                    .map(|&k| prev.count[k as usize] as usize)
                    .sum::<usize>();
            if total > own && total >= min_points {
                clustered = true;
                let pos = out.len() as u32;
                let id = ((i as u64) << 5) + u64::from(zoom) + 1 + num_points;
                let (mut wx, mut wy) = (prev.x[i] * own as f64, prev.y[i] * own as f64);
                let mut fat = prev.fatalities[i];
                let (mut d0, mut d1) = (prev.day_min[i], prev.day_max[i]);
                if tree {
                    out.child_pos.push(i as u32);
                    parent[i] = pos;
                }
                for &k in &near {
                    let k = k as usize;
                    done[k] = true;
                    let c = prev.count[k] as f64;
                    wx += prev.x[k] * c;
                    wy += prev.y[k] * c;
                    fat += prev.fatalities[k];
                    d0 = d0.min(prev.day_min[k]);
                    d1 = d1.max(prev.day_max[k]);
                    if tree {
                        parent[k] = pos;
                        out.child_pos.push(k as u32);
                    }
                }
                out.x.push(wx / total as f64);
                out.y.push(wy / total as f64);
                out.id.push(id);
                out.count.push(total as u32);
                out.fatalities.push(fat);
                out.day_min.push(d0);
                out.day_max.push(d1);
                out.child_start.push(out.child_pos.len() as u32);
            } else {
                out.push_copy(prev, i);
                for &k in &near {
                    done[k as usize] = true;
                    out.push_copy(prev, k as usize);
                }
            }
        }
        if !clustered {
            return None;
        }
        prev.parent = parent;
        if !tree {
            out.child_start = Vec::new();
        }
        Some(out)
    }

    /// The options the index was built with (zooms capped as used).
    pub fn options(&self) -> &ClusterOptions {
        &self.opts
    }

    /// Items visible at `zoom` inside bbox `[west, south, east, north]` (degrees; like
    /// supercluster's getClusters, including the antimeridian handling: a box whose west edge
    /// is east of its east edge wraps around ±180°). Ordered as the index holds them.
    pub fn clusters(&self, bbox: [f64; 4], zoom: u8) -> Vec<ClusterItem> {
        let wrap = |l: f64| ((l + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
        let mut min_lng = wrap(bbox[0]);
        let min_lat = bbox[1].clamp(-90.0, 90.0);
        let mut max_lng = if bbox[2] == 180.0 {
            180.0
        } else {
            wrap(bbox[2])
        };
        let max_lat = bbox[3].clamp(-90.0, 90.0);
        if bbox[2] - bbox[0] >= 360.0 {
            min_lng = -180.0;
            max_lng = 180.0;
        } else if min_lng > max_lng {
            let mut east = self.clusters([min_lng, min_lat, 180.0, max_lat], zoom);
            east.extend(self.clusters([-180.0, min_lat, max_lng, max_lat], zoom));
            return east;
        }
        let level = self.level_at(zoom);
        if min_lng == -180.0 && max_lng == 180.0 && min_lat == -90.0 && max_lat == 90.0 {
            // The whole world holds every item: no tree needed (building one for each zoom of
            // a million points costs time and memory that a tile writer does not have).
            return (0..level.len()).map(|i| self.item(level, i)).collect();
        }
        let envelope = AABB::from_corners(
            [mercator_x(min_lng), mercator_y(max_lat)],
            [mercator_x(max_lng), mercator_y(min_lat)],
        );
        let mut found: Vec<u32> = level
            .tree()
            .locate_in_envelope(&envelope)
            .map(|e| e.data)
            .collect();
        found.sort_unstable();
        found
            .into_iter()
            .map(|i| self.item(level, i as usize))
            .collect()
    }

    /// Item `i` of `level` as the caller sees it.
    fn item(&self, level: &Level, i: usize) -> ClusterItem {
        if level.count[i] == 1 {
            let index = level.id[i] as usize;
            ClusterItem::Point {
                index,
                lon: self.lon[index],
                lat: self.lat[index],
            }
        } else {
            ClusterItem::Cluster {
                id: level.id[i],
                lon: mercator_lon(level.x[i]),
                lat: mercator_lat(level.y[i]),
                point_count: level.count[i] as usize,
                fatalities: level.fatalities[i],
                date_min: date_of(level.day_min[i]),
                date_max: date_of(level.day_max[i]),
            }
        }
    }

    /// Decodes a cluster id into (zoom it grew at + 1, position of its origin in that zoom).
    fn origin(&self, cluster_id: u64) -> Option<(u8, usize)> {
        let v = cluster_id.checked_sub(self.num_points)?;
        let zoom = (v % 32) as u8;
        Some((zoom, (v >> 5) as usize))
    }

    /// Where cluster `cluster_id` is held: its level and position.
    fn locate(&self, cluster_id: u64) -> Option<(&Level, usize)> {
        let (origin_zoom, origin) = self.origin(cluster_id)?;
        if origin_zoom <= self.opts.min_zoom || origin_zoom > self.opts.max_zoom + 1 {
            return None;
        }
        let above = self.level_at(origin_zoom);
        let pos = *above.parent.get(origin)? as usize;
        let level = self.level_at(origin_zoom - 1);
        (level.id.get(pos) == Some(&cluster_id) && level.count[pos] > 1).then_some((level, pos))
    }

    /// The items that a cluster splits into at the next zoom; `None` for an unknown id.
    pub fn children(&self, cluster_id: u64) -> Option<Vec<ClusterItem>> {
        let (level, pos) = self.locate(cluster_id)?;
        let (origin_zoom, _) = self.origin(cluster_id)?;
        let above = self.level_at(origin_zoom);
        let range = level.child_start[pos] as usize..level.child_start[pos + 1] as usize;
        Some(
            level.child_pos[range]
                .iter()
                .map(|&k| self.item(above, k as usize))
                .collect(),
        )
    }

    /// Input indices of all the points of a cluster, depth first in children order; `None`
    /// for an unknown id.
    pub fn leaves(&self, cluster_id: u64) -> Option<Vec<usize>> {
        let mut out = Vec::new();
        self.append_leaves(cluster_id, &mut out)?;
        Some(out)
    }

    fn append_leaves(&self, cluster_id: u64, out: &mut Vec<usize>) -> Option<()> {
        for child in self.children(cluster_id)? {
            match child {
                ClusterItem::Point { index, .. } => out.push(index),
                ClusterItem::Cluster { id, .. } => self.append_leaves(id, out)?,
            }
        }
        Some(())
    }

    /// The zoom at which a cluster splits into several items (supercluster's
    /// getClusterExpansionZoom); `None` for an unknown id.
    pub fn expansion_zoom(&self, cluster_id: u64) -> Option<u8> {
        self.locate(cluster_id)?;
        let mut id = cluster_id;
        let mut zoom = self.origin(id)?.0 - 1;
        loop {
            let children = self.children(id)?;
            zoom += 1;
            if zoom > self.opts.max_zoom || children.len() != 1 {
                return Some(zoom);
            }
            match &children[0] {
                ClusterItem::Cluster { id: next, .. } => id = *next,
                ClusterItem::Point { .. } => return Some(zoom),
            }
        }
    }
}
