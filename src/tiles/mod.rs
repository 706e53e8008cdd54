//! Vector tiles of events: Mapbox Vector Tile 2.1 tiles, gzip-compressed, in a PMTiles v3 or
//! MBTiles 1.3 file, for web maps (MapLibre) and QGIS. Events come in as [`Event`]s or as an
//! [`EventTable`] read from badia's GeoJSON; out comes one file and a [`TileReport`].
//!
//! Every tile has up to two layers. `events`: at the top zoom every event with its attributes
//! (a road as a LineString; `event_type` only where `sub_event_type` does not imply it, see
//! below); below it, clusters of nearby events (`cluster`, `point_count`,
//! summed `fatalities`, `date_min`/`date_max`, `cluster_id`, `expansion_zoom`) and lone events
//! with `event_type`, `fatalities` and the event's row (position in the input) as feature id:
//! their unique `event_id` and date texts would be most of those tiles. `places`: towns and villages
//! of the gazetteer (`name_ar`, `name_en`, `kind`, `population`, `rank`), more of them as the
//! zoom grows, so a map without a base map still shows where things are. No tile exceeds
//! [`TileOptions::max_tile_bytes`] gzipped: a tile that would is encoded with fewer attributes
//! or merged points, and a diagnostic says which tile and what was done. Zooms are encoded one
//! after the other, the tiles of a zoom in parallel (rayon), and written in tile id order, so
//! the output is the same bytes whatever the thread count.
//!
//! Size: the top zoom is most of the file (78 of 114 MB for the benchmark's million events), and
//! each of its tiles carries its own key and value tables, so a text repeated in every tile costs
//! in every tile. ACLED's codebook gives each sub-event type exactly one event type, so at the top
//! zoom `event_type` is written only when `sub_event_type` is missing or not in the codebook (or
//! names another type): 5.7 MB less (120.0 → 114.3 MB), and `event_type` is `sub_event_type`'s type
//! for every feature that lacks it. Below the top zoom lone events keep `event_type`, as they have
//! no `sub_event_type`. Measured and not taken: libdeflate level 12 instead of 6 (−0.6 MB for twice
//! the CPU time of the whole tiling), no `places` layer (−2.0 MB, but a map without a base map
//! needs it at every zoom), no `cluster` and `expansion_zoom` on clusters (−1.1 MB).
//!
//! Periods ([`TileOptions::periods`], for `badia map`'s large maps): below the top zoom each
//! calendar month is clustered on its own (the same index, once per month over that month's
//! events) and every feature has `period` ("YYYY-MM", "" when undated), so a map that keeps
//! some months by a filter on `period` can sum only their clusters.
//!
//! Memory: the clustering is kept only as each zoom shows it
//! ([`ClusterIndex::shown_levels`]), and a zoom's items are read from it where they are, not
//! copied; a million events tile in about 250 MB, the events table (110 MB) included.

mod container;
mod encode;
mod grid;
mod places;
mod table;

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::cluster::{ClusterIndex, ClusterOptions, Shown, ShownLevels};
use crate::error::{Diagnostic, Error, Severity};
use crate::model::{Event, Place};

pub use container::Container;
pub use table::{read_geojson, EventFields, EventTable};

use encode::{Encoded, Ref, ZoomCtx};
use grid::Grid;
use places::ContextPlace;

/// Name of the layer of events and clusters.
pub const EVENTS_LAYER: &str = "events";
/// Name of the context layer of populated places.
pub const PLACES_LAYER: &str = "places";
/// Name of the context layer of outline lines.
pub const OUTLINE_LAYER: &str = "outline";

/// Attribution of the gazetteer sources (see `data/README.md`), carried by every tile file.
pub const ATTRIBUTION: &str =
    "Contains data from GeoNames (CC BY 4.0), Who's On First (CC0/CC BY), \
OpenSyria data-geography and data-transport (CC BY 4.0; OCHA/HDX CC BY 3.0 IGO), OurAirports \
(Public Domain) and Wikipedia (CC BY-SA 4.0).";

/// How tiles are cut. The defaults suit a map of Syria from the whole country to a street.
#[derive(Debug, Clone, PartialEq)]
pub struct TileOptions {
    /// Lowest zoom written (0).
    pub min_zoom: u8,
    /// Highest zoom written (14); events are shown one by one with every attribute there.
    pub max_zoom: u8,
    /// Tile coordinate units per tile side (4096).
    pub extent: u32,
    /// Tile units beyond each edge a tile also holds, so symbols are not cut (64).
    pub buffer: u32,
    /// Largest gzipped tile, bytes (500,000).
    pub max_tile_bytes: usize,
    /// Cluster radius in pixels of a 512-pixel tile (40), as in supercluster.
    pub cluster_radius: f64,
    /// Whether to add the `places` context layer (true).
    pub places: bool,
    /// Lines (lon/lat vertices) drawn in an `outline` context layer, such as the country's
    /// outline `badia map` adds; none by default.
    pub outline: Vec<Vec<[f64; 2]>>,
    /// Cluster each calendar month on its own and give every feature of the `events` layer a
    /// `period` ("YYYY-MM", "" when undated), so a map filtering on `period` shows counts that
    /// follow its date range (false: one clustering of all events, as `badia tiles` writes).
    pub periods: bool,
    /// Further files written with the same tiles, each in the container its extension names
    /// (`badia map` writes its PMTiles and, for QGIS, MBTiles in one pass); none by default.
    pub copies: Vec<PathBuf>,
}

impl Default for TileOptions {
    fn default() -> TileOptions {
        TileOptions {
            min_zoom: 0,
            max_zoom: 14,
            extent: 4096,
            buffer: 64,
            max_tile_bytes: 500_000,
            cluster_radius: 40.0,
            places: true,
            outline: Vec::new(),
            periods: false,
            copies: Vec::new(),
        }
    }
}

/// Tiles written at one zoom.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ZoomReport {
    pub zoom: u8,
    pub tiles: usize,
    /// Features in the `events` layer over all tiles (a feature near an edge counts in each
    /// tile it is drawn in).
    pub features: usize,
    /// Gzipped bytes of the zoom's tiles.
    pub bytes: u64,
}

/// What [`write`] produced.
#[derive(Debug, Clone)]
pub struct TileReport {
    /// Events tiled.
    pub events: usize,
    pub container: Container,
    /// Tiles written (every zoom).
    pub tiles: usize,
    /// Size of the file written, bytes.
    pub file_bytes: u64,
    /// One entry per zoom, min to max.
    pub by_zoom: Vec<ZoomReport>,
    /// The largest tile: (z, x, y, gzipped bytes).
    pub largest: Option<(u8, u32, u32, usize)>,
    /// Tiles thinned to stay under the size cap, and anything else to know.
    pub diagnostics: Vec<Diagnostic>,
    /// The TileJSON 3.0 metadata stored in the file.
    pub tilejson: Value,
}

/// Tiles `events` into `path` (`.pmtiles` or `.mbtiles`), with the populated places of
/// `places` (usually the gazetteer's) as context layer.
pub fn write(
    events: &[Event],
    places: &[Place],
    path: &Path,
    opts: &TileOptions,
) -> Result<TileReport, Error> {
    write_table(&EventTable::from_events(events), places, path, opts)
}

/// One feature of the `events` layer at a zoom below the top: a lone event or a cluster.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ZoomItem {
    /// A row of the table.
    Event(u32),
    Cluster(Cluster),
}

/// A cluster of events at one zoom.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cluster {
    pub id: u64,
    /// Web Mercator position in `[0, 1]`, as the clustering made it.
    pub x: f64,
    pub y: f64,
    pub point_count: u64,
    pub fatalities: u64,
    pub date_min: Option<NaiveDate>,
    pub date_max: Option<NaiveDate>,
    pub expansion_zoom: u8,
}

/// The features of the `events` layer at one zoom, read where they are held when asked for:
/// a zoom of a million items is never copied into a list of its own.
#[derive(Clone, Copy)]
pub(crate) enum Items<'a> {
    /// Every row of the table on its own (the top zoom, or no clustering).
    Events(usize),
    /// The clusters and lone events a zoom below the top shows.
    Shown(&'a ShownLevels, u8),
    /// The same, one clustering per calendar month, one after the other.
    Periods(&'a [Period], u8),
}

impl Items<'_> {
    pub(crate) fn len(&self) -> usize {
        match self {
            Items::Events(n) => *n,
            Items::Shown(levels, zoom) => levels.len(*zoom),
            Items::Periods(periods, zoom) => periods
                .last()
                .map_or(0, |p| p.start[usize::from(*zoom)] + p.levels.len(*zoom)),
        }
    }

    pub(crate) fn get(&self, i: usize) -> ZoomItem {
        match self {
            Items::Events(_) => ZoomItem::Event(i as u32),
            Items::Shown(levels, zoom) => shown_item(levels.item(*zoom, i), |row| row as u32),
            Items::Periods(periods, zoom) => {
                let z = usize::from(*zoom);
                // The last period starting at or before item i holds it.
                let p = periods.partition_point(|p| p.start[z] <= i) - 1;
                let period = &periods[p];
                shown_item(period.levels.item(*zoom, i - period.start[z]), |j| {
                    period.rows[j]
                })
            }
        }
    }
}

/// One item of a clustering, its points given as rows of the table by `row`.
fn shown_item(item: Shown, row: impl Fn(usize) -> u32) -> ZoomItem {
    match item {
        Shown::Point(j) => ZoomItem::Event(row(j)),
        Shown::Cluster {
            id,
            x,
            y,
            point_count,
            fatalities,
            date_min,
            date_max,
            expansion_zoom,
        } => ZoomItem::Cluster(Cluster {
            id,
            x,
            y,
            point_count: u64::from(point_count),
            fatalities,
            date_min,
            date_max,
            expansion_zoom,
        }),
    }
}

/// The clustering of one calendar month's events (or of the undated ones).
pub(crate) struct Period {
    /// The table rows of the month's events; the clustering's point `j` is `rows[j]`.
    rows: Vec<u32>,
    levels: ShownLevels,
    /// `start[z]`: how many items the months before this one show at zoom `z`.
    start: Vec<usize>,
}

/// Tiles a table of events into `path`; see [`write`].
pub fn write_table(
    table: &EventTable,
    places: &[Place],
    path: &Path,
    opts: &TileOptions,
) -> Result<TileReport, Error> {
    check_options(opts, path)?;
    let kind = Container::of_path(path)?;
    let context: Vec<ContextPlace> = if opts.places {
        places::context_places(places)
    } else {
        Vec::new()
    };
    let mut clusters = Clustering::new(table, opts);
    let mut sink = container::open(path, kind)?;
    if !opts.copies.is_empty() {
        let mut sinks = vec![sink];
        for copy in &opts.copies {
            sinks.push(container::open(copy, Container::of_path(copy)?)?);
        }
        sink = Box::new(container::Tee(sinks));
    }
    let mut report = TileReport {
        events: table.len(),
        container: kind,
        tiles: 0,
        file_bytes: 0,
        by_zoom: Vec::new(),
        largest: None,
        diagnostics: Vec::new(),
        tilejson: Value::Null,
    };
    for zoom in opts.min_zoom..=opts.max_zoom {
        if zoom == opts.max_zoom {
            // The top zoom shows every event: free the index before its tiles.
            clusters = Clustering::None;
        }
        let items = clusters.items(table, zoom, opts.max_zoom);
        let zr = tile_zoom(
            table,
            items,
            &context,
            zoom,
            opts,
            &mut *sink,
            &mut report,
            path,
        )?;
        report.tiles += zr.tiles;
        report.by_zoom.push(zr);
    }
    let bounds = bounds(table, &context);
    let center = center(table, &bounds, opts);
    report.tilejson = tilejson(opts, bounds, center);
    sink.finish(&container::Summary {
        min_zoom: opts.min_zoom,
        max_zoom: opts.max_zoom,
        bounds,
        center,
        tilejson: &report.tilejson,
    })?;
    report.file_bytes = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    Ok(report)
}

fn check_options(opts: &TileOptions, path: &Path) -> Result<(), Error> {
    let bad = |m: String| {
        Err(Error::InFile {
            path: path.to_path_buf(),
            message: m,
        })
    };
    if opts.min_zoom > opts.max_zoom || opts.max_zoom > 22 {
        return bad(format!(
            "zooms {}..{} are not a range within 0..22",
            opts.min_zoom, opts.max_zoom
        ));
    }
    if opts.extent < 256 || opts.buffer > opts.extent {
        return bad(format!(
            "extent {} (at least 256) and buffer {} (at most the extent) do not fit",
            opts.extent, opts.buffer
        ));
    }
    Ok(())
}

/// Tiles of one zoom, at most this many encoded before they are written, to bound memory.
const BATCH_TILES: usize = 4096;

/// Encodes and writes every tile of one zoom.
#[allow(clippy::too_many_arguments)]
fn tile_zoom(
    table: &EventTable,
    items: Items<'_>,
    context: &[ContextPlace],
    zoom: u8,
    opts: &TileOptions,
    sink: &mut dyn container::TileSink,
    report: &mut TileReport,
    path: &Path,
) -> Result<ZoomReport, Error> {
    let grid = Grid {
        zoom,
        extent: f64::from(opts.extent),
        buffer: f64::from(opts.buffer),
    };
    let top = zoom == opts.max_zoom;
    let pixels: Vec<(f64, f64)> = (0..items.len())
        .into_par_iter()
        .map(|i| match items.get(i) {
            ZoomItem::Event(r) => {
                let row = &table.rows[r as usize];
                grid.pixel(row.lon, row.lat)
            }
            ZoomItem::Cluster(c) => grid.world_pixel(c.x, c.y),
        })
        .collect();
    let shown: Vec<u32> = (0..context.len() as u32)
        .filter(|&i| context[i as usize].min_zoom <= zoom)
        .collect();
    let place_pixels: Vec<(f64, f64)> = context.iter().map(|p| grid.pixel(p.lon, p.lat)).collect();

    // Every (tile, feature) pair, sorted by tile id then feature: the order tiles are written
    // in and features appear in.
    let mut slots: Vec<(u64, Ref)> = (0..items.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let (xs, ys) = match items.get(i) {
                ZoomItem::Event(r) if top && table.rows[r as usize].line_len > 1 => {
                    let line = table.line(&table.rows[r as usize]);
                    let px: Vec<(f64, f64)> = line.iter().map(|p| grid.pixel(p[0], p[1])).collect();
                    let (x0, x1) = min_max(px.iter().map(|p| p.0));
                    let (y0, y1) = min_max(px.iter().map(|p| p.1));
                    (grid.span(x0, x1), grid.span(y0, y1))
                }
                _ => {
                    let (px, py) = pixels[i];
                    (grid.span(px, px), grid.span(py, py))
                }
            };
            cells(zoom, xs, ys).map(move |id| (id, Ref::Item(i as u32)))
        })
        .collect();
    for &i in &shown {
        let (px, py) = place_pixels[i as usize];
        for id in cells(zoom, grid.span(px, px), grid.span(py, py)) {
            slots.push((id, Ref::Place(i)));
        }
    }
    let outline: Vec<Vec<(f64, f64)>> = opts
        .outline
        .iter()
        .map(|line| line.iter().map(|p| grid.pixel(p[0], p[1])).collect())
        .collect();
    for (i, line) in outline.iter().enumerate() {
        for seg in line.windows(2) {
            let (xs, ys) = (
                grid.span(seg[0].0.min(seg[1].0), seg[0].0.max(seg[1].0)),
                grid.span(seg[0].1.min(seg[1].1), seg[0].1.max(seg[1].1)),
            );
            slots.extend(cells(zoom, xs, ys).map(|id| (id, Ref::Outline(i as u32))));
        }
    }
    slots.par_sort_unstable();
    // A line's segments share tiles; items and places are listed once each already.
    slots.dedup();

    let ctx = ZoomCtx {
        table,
        grid,
        top,
        items,
        pixels: &pixels,
        places: context,
        place_pixels: &place_pixels,
        outline: &outline,
        max_bytes: opts.max_tile_bytes,
        periods: opts.periods,
    };
    let mut zr = ZoomReport {
        zoom,
        ..ZoomReport::default()
    };
    let tiles: Vec<&[(u64, Ref)]> = slots.chunk_by(|a, b| a.0 == b.0).collect();
    for batch in tiles.chunks(BATCH_TILES) {
        let encoded: Vec<Encoded> = batch
            .par_iter()
            .map(|group| {
                let coord = pmtiles::TileCoord::from(
                    pmtiles::TileId::new(group[0].0).expect("tile id from a coordinate"),
                );
                let (x, y) = (coord.x(), coord.y());
                let refs: Vec<Ref> = group.iter().map(|s| s.1).collect();
                encode::encode_tile(&ctx, x, y, &refs)
            })
            .collect();
        for t in encoded {
            if t.empty {
                continue;
            }
            sink.add(zoom, t.x, t.y, &t.data)?;
            zr.tiles += 1;
            zr.features += t.features;
            zr.bytes += t.data.len() as u64;
            if report.largest.is_none_or(|l| t.data.len() > l.3) {
                report.largest = Some((zoom, t.x, t.y, t.data.len()));
            }
            note_thinning(report, path, zoom, &t, opts);
        }
    }
    Ok(zr)
}

fn note_thinning(report: &mut TileReport, path: &Path, z: u8, t: &Encoded, opts: &TileOptions) {
    if let Some(what) = &t.thinned {
        report.diagnostics.push(Diagnostic::file(
            Severity::Warning,
            path.display().to_string(),
            format!("tile {z}/{}/{}: {what}", t.x, t.y),
        ));
    }
    if t.over_cap {
        report.diagnostics.push(Diagnostic::file(
            Severity::Warning,
            path.display().to_string(),
            format!(
                "tile {z}/{}/{} is {} bytes gzipped, over the {}-byte cap even merged",
                t.x,
                t.y,
                t.data.len(),
                opts.max_tile_bytes
            ),
        ));
    }
}

fn min_max(v: impl Iterator<Item = f64>) -> (f64, f64) {
    v.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    })
}

/// PMTiles ids of the tiles in the given column and row ranges.
fn cells(
    zoom: u8,
    xs: std::ops::RangeInclusive<u32>,
    ys: std::ops::RangeInclusive<u32>,
) -> impl Iterator<Item = u64> {
    xs.flat_map(move |x| {
        ys.clone().map(move |y| {
            pmtiles::TileId::from(
                pmtiles::TileCoord::new(zoom, x, y).expect("tile within its zoom"),
            )
            .value()
        })
    })
}

/// Where the events are grouped below the top zoom.
enum Clustering {
    /// One zoom only: every event on its own.
    None,
    /// What every zoom below the top shows: clusters and lone events.
    Levels(ShownLevels),
    /// The same per calendar month ([`TileOptions::periods`]), undated events first.
    Periods(Vec<Period>),
}

impl Clustering {
    fn new(table: &EventTable, opts: &TileOptions) -> Clustering {
        if opts.min_zoom == opts.max_zoom {
            return Clustering::None;
        }
        let cluster_opts = ClusterOptions {
            min_zoom: opts.min_zoom,
            max_zoom: opts.max_zoom - 1,
            radius: opts.cluster_radius,
            ..ClusterOptions::default()
        };
        if !opts.periods {
            return Clustering::Levels(ClusterIndex::shown_levels(
                table.len(),
                |i| table.cluster_point(i),
                &cluster_opts,
            ));
        }
        let mut months: std::collections::BTreeMap<Option<(i32, u32)>, Vec<u32>> =
            std::collections::BTreeMap::new();
        for (i, row) in table.rows.iter().enumerate() {
            months
                .entry(row.date.map(|d| (d.year(), d.month())))
                .or_default()
                .push(i as u32);
        }
        let mut start = vec![0usize; usize::from(opts.max_zoom) + 1];
        let mut periods = Vec::with_capacity(months.len());
        for rows in months.into_values() {
            let levels = ClusterIndex::shown_levels(
                rows.len(),
                |j| table.cluster_point(rows[j] as usize),
                &cluster_opts,
            );
            let next: Vec<usize> = (0..=opts.max_zoom)
                .map(|z| {
                    let shown = if (opts.min_zoom..opts.max_zoom).contains(&z) {
                        levels.len(z)
                    } else {
                        0
                    };
                    start[usize::from(z)] + shown
                })
                .collect();
            periods.push(Period {
                rows,
                levels,
                start: std::mem::replace(&mut start, next),
            });
        }
        Clustering::Periods(periods)
    }

    /// The features of the `events` layer at `zoom`: every event at the top zoom, clusters
    /// and lone events below it.
    fn items<'a>(&'a self, table: &EventTable, zoom: u8, top: u8) -> Items<'a> {
        match self {
            Clustering::Levels(levels) if zoom < top => Items::Shown(levels, zoom),
            Clustering::Periods(periods) if zoom < top => Items::Periods(periods, zoom),
            _ => Items::Events(table.len()),
        }
    }
}

/// West, south, east, north of the events and shown places; the world when both are empty.
fn bounds(table: &EventTable, context: &[ContextPlace]) -> [f64; 4] {
    let mut b = table.bounds();
    for p in context {
        let v = b.get_or_insert([p.lon, p.lat, p.lon, p.lat]);
        v[0] = v[0].min(p.lon);
        v[1] = v[1].min(p.lat);
        v[2] = v[2].max(p.lon);
        v[3] = v[3].max(p.lat);
    }
    b.unwrap_or([-180.0, -85.051_129, 180.0, 85.051_129])
}

/// The middle of the events (or of the bounds) at a zoom that shows a country.
fn center(table: &EventTable, bounds: &[f64; 4], opts: &TileOptions) -> (f64, f64, u8) {
    let b = table.bounds().unwrap_or(*bounds);
    let zoom = 6u8.clamp(opts.min_zoom, opts.max_zoom);
    ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0, zoom)
}

/// The TileJSON 3.0 document describing the file: layers and their fields, zooms, bounds,
/// attribution.
fn tilejson(opts: &TileOptions, bounds: [f64; 4], center: (f64, f64, u8)) -> Value {
    let round = |v: f64| (v * 1e6).round() / 1e6;
    let mut layers = vec![json!({
        "id": EVENTS_LAYER,
        "description": "Incidents: every event with its attributes at the top zoom \
                        (event_type only where sub_event_type does not imply it, by ACLED's \
                        codebook); clusters (cluster = true) and lone events below it \
                        (event_type, fatalities, feature id = position in the input)",
        "minzoom": opts.min_zoom,
        "maxzoom": opts.max_zoom,
        "fields": {
            "event_id": "String", "event_date": "String", "event_type": "String",
            "sub_event_type": "String", "actor1": "String", "actor2": "String",
            "fatalities": "Number", "injured": "Number", "location": "String",
            "location_ar": "String", "geo_precision": "Number", "source_count": "Number",
            "cluster": "Boolean", "point_count": "Number",
            "date_min": "String", "date_max": "String", "cluster_id": "Number",
            "expansion_zoom": "Number", "merged": "Boolean"
        }
    })];
    if opts.periods {
        layers[0]["fields"]["period"] = json!("String");
    }
    if opts.places {
        layers.push(json!({
            "id": PLACES_LAYER,
            "description": "Populated places of the gazetteer, for orientation",
            "minzoom": opts.min_zoom,
            "maxzoom": opts.max_zoom,
            "fields": {
                "name_ar": "String", "name_en": "String", "kind": "String",
                "population": "Number", "rank": "Number"
            }
        }));
    }
    if !opts.outline.is_empty() {
        layers.push(json!({
            "id": OUTLINE_LAYER,
            "description": "Outline lines for orientation (the country's boundary)",
            "minzoom": opts.min_zoom,
            "maxzoom": opts.max_zoom,
            "fields": {}
        }));
    }
    json!({
        "tilejson": "3.0.0",
        "name": "badia events",
        "description": "Incidents read from Arabic news reports by badia",
        "version": env!("CARGO_PKG_VERSION"),
        "attribution": ATTRIBUTION,
        "scheme": "xyz",
        "format": "pbf",
        "minzoom": opts.min_zoom,
        "maxzoom": opts.max_zoom,
        "bounds": bounds.map(round),
        "center": [round(center.0), round(center.1), center.2],
        "vector_layers": layers,
    })
}
