//! One tile: its features in the `events` and `places` layers, encoded as a Mapbox Vector Tile
//! 2.1 (geozero's protobuf types and geometry writer) and gzip-compressed (libdeflate). A tile over the size
//! cap is encoded again with less detail — fewer attributes, then events merged on a coarser
//! and coarser grid — and the caller is told what was done.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use geo::{Geometry, LineString, MultiLineString, Point};
use geozero::mvt::{tile, Message, Tile, TileValue};
use geozero::ToMvt;

use super::grid::Grid;
use super::places::ContextPlace;
use super::table::{EventTable, Row, Text};
use super::{Items, ZoomItem, EVENTS_LAYER, OUTLINE_LAYER, PLACES_LAYER};
use crate::model::SubEventType;

/// What a tile slot holds: an item of the zoom's events list or a context place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Ref {
    Item(u32),
    Place(u32),
    /// A line of [`ZoomCtx::outline`].
    Outline(u32),
}

/// Everything a tile of one zoom is made from.
pub(crate) struct ZoomCtx<'a> {
    pub table: &'a EventTable,
    pub grid: Grid,
    /// The top zoom: events carry every attribute, roads are lines.
    pub top: bool,
    pub items: Items<'a>,
    /// World pixel of each item.
    pub pixels: &'a [(f64, f64)],
    pub places: &'a [ContextPlace],
    pub place_pixels: &'a [(f64, f64)],
    /// Outline lines in world pixels.
    pub outline: &'a [Vec<(f64, f64)>],
    pub max_bytes: usize,
    /// Every event and cluster carries its `period` ([`super::TileOptions::periods`]).
    pub periods: bool,
}

/// How much of each event a tile keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Every attribute (top zoom).
    Full,
    /// event_id, event_date, event_type, fatalities (and clusters as they are).
    Reduced,
    /// Below the top zoom: event_type, fatalities, and the event's row in the input as the
    /// feature id instead of its `event_id` and date texts (unique texts are most of a tile).
    Lone,
    /// Events and clusters merged per square of this many tile units.
    Merged(u32),
}

/// A finished tile.
pub(crate) struct Encoded {
    pub x: u32,
    pub y: u32,
    /// Gzip-compressed MVT bytes.
    pub data: Vec<u8>,
    /// Features in the `events` layer.
    pub features: usize,
    /// What was given up to stay under the size cap, if anything.
    pub thinned: Option<String>,
    /// The tile is still over the cap after the coarsest merge.
    pub over_cap: bool,
    /// No layer has a feature (a road clipped away entirely): not worth writing.
    pub empty: bool,
}

/// Encodes tile `(x, y)` from its slots (sorted; items before places).
pub(crate) fn encode_tile(ctx: &ZoomCtx<'_>, x: u32, y: u32, slots: &[Ref]) -> Encoded {
    let first = if ctx.top { Detail::Full } else { Detail::Lone };
    let mut detail = first;
    let mut first_size = 0;
    loop {
        let (tile, features) = build(ctx, x, y, slots, detail);
        let empty = tile.layers.is_empty();
        let data = gzip(&tile.encode_to_vec());
        if detail == first {
            first_size = data.len();
        }
        let next = match detail {
            _ if data.len() <= ctx.max_bytes => None,
            Detail::Full => Some(Detail::Reduced),
            Detail::Reduced | Detail::Lone => Some(Detail::Merged(1)),
            Detail::Merged(cell) if cell < ctx.grid.extent as u32 / 16 => {
                Some(Detail::Merged(cell * 4))
            }
            Detail::Merged(_) => None,
        };
        match next {
            Some(n) => detail = n,
            None => {
                let over_cap = data.len() > ctx.max_bytes;
                let thinned = (detail != first).then(|| describe(detail, first_size, data.len()));
                return Encoded {
                    x,
                    y,
                    data,
                    features,
                    thinned,
                    over_cap,
                    empty,
                };
            }
        }
    }
}

fn describe(detail: Detail, before: usize, after: usize) -> String {
    let what = match detail {
        Detail::Full => "nothing".to_string(),
        Detail::Reduced => {
            "events keep only event_id, event_date, event_type and fatalities".to_string()
        }
        Detail::Lone => "nothing".to_string(),
        Detail::Merged(cell) => format!(
            "events merged into clusters (`merged`) on a grid of {cell} tile unit{}",
            if cell == 1 { "" } else { "s" }
        ),
    };
    format!(
        "{} KB gzipped with full detail, over the cap: {what} ({} KB)",
        before.div_ceil(1000),
        after.div_ceil(1000)
    )
}

thread_local! {
    /// One compressor per thread: setting one up costs more than compressing a small tile.
    /// Level 6: on the million-event benchmark, as small as zlib's level 9 at less CPU time
    /// than zlib's 6; libdeflate's 12 saves another 0.5% at twice the time.
    static DEFLATE: std::cell::RefCell<libdeflater::Compressor> = std::cell::RefCell::new(
        libdeflater::Compressor::new(libdeflater::CompressionLvl::new(6).expect("level 1-12")),
    );
}

/// Gzip (RFC 1952) of `bytes`, by libdeflate.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    DEFLATE.with(|c| {
        let mut c = c.borrow_mut();
        let mut out = vec![0; c.gzip_compress_bound(bytes.len())];
        // The buffer holds the bound, so compression cannot run out of room.
        let n = c
            .gzip_compress(bytes, &mut out)
            .expect("gzip into its bound");
        out.truncate(n);
        out
    })
}

/// The tile at a given detail, and the number of features in its `events` layer.
fn build(ctx: &ZoomCtx<'_>, x: u32, y: u32, slots: &[Ref], detail: Detail) -> (Tile, usize) {
    let mut events = LayerBuilder::new(EVENTS_LAYER);
    let mut places = LayerBuilder::new(PLACES_LAYER);
    let mut outline = LayerBuilder::new(OUTLINE_LAYER);
    // Merged per month too when features carry a period, so a period filter still holds.
    let mut merged: BTreeMap<(i32, i32, i32), Merge> = BTreeMap::new();
    for &slot in slots {
        match slot {
            Ref::Item(i) => {
                let item = ctx.items.get(i as usize);
                let (px, py) = ctx.pixels[i as usize];
                let local = ctx.grid.local(x, y, px, py);
                if let Detail::Merged(cell) = detail {
                    let cell = cell as i32;
                    let month = if ctx.periods {
                        month_code(item_date(ctx.table, &item))
                    } else {
                        0
                    };
                    let key = (month, local.0.div_euclid(cell), local.1.div_euclid(cell));
                    merged.entry(key).or_default().add(ctx.table, &item, local);
                    continue;
                }
                match item {
                    ZoomItem::Event(r) => {
                        let row = &ctx.table.rows[r as usize];
                        let geometry = if ctx.top && row.line_len > 1 {
                            let line: Vec<(f64, f64)> = ctx
                                .table
                                .line(row)
                                .iter()
                                .map(|p| ctx.grid.pixel(p[0], p[1]))
                                .collect();
                            let pieces = ctx.grid.clip_line(x, y, &line);
                            if pieces.is_empty() {
                                continue;
                            }
                            lines(pieces)
                        } else {
                            point(local)
                        };
                        let id = (detail == Detail::Lone).then_some(u64::from(r));
                        events.feature(geometry, id, |t| {
                            event_tags(t, ctx.table, row, detail);
                            if ctx.periods {
                                t.period(row.date);
                            }
                        });
                    }
                    ZoomItem::Cluster(c) => {
                        events.feature(point(local), None, |t| {
                            cluster_tags(t, c.point_count, c.fatalities, c.date_min, c.date_max);
                            t.uint("cluster_id", c.id);
                            t.uint("expansion_zoom", u64::from(c.expansion_zoom));
                            if ctx.periods {
                                // A cluster holds one month's events: its first date names it.
                                t.period(c.date_min);
                            }
                        });
                    }
                }
            }
            Ref::Place(i) => {
                let p = &ctx.places[i as usize];
                let (px, py) = ctx.place_pixels[i as usize];
                places.feature(point(ctx.grid.local(x, y, px, py)), None, |t| {
                    t.push("name_ar", TileValue::Str(p.name_ar.clone()));
                    t.push("name_en", TileValue::Str(p.name_en.clone()));
                    t.push("kind", TileValue::Str(p.kind.as_str().to_string()));
                    if p.population > 0 {
                        t.push("population", TileValue::Uint(p.population));
                    }
                    t.push("rank", TileValue::Uint(u64::from(p.rank)));
                });
            }
            Ref::Outline(i) => {
                let pieces = ctx.grid.clip_line(x, y, &ctx.outline[i as usize]);
                if !pieces.is_empty() {
                    outline.feature(lines(pieces), None, |_| {});
                }
            }
        }
    }
    for m in merged.values() {
        let at = (
            (m.sum_x / m.count as f64).round() as i32,
            (m.sum_y / m.count as f64).round() as i32,
        );
        events.feature(point(at), None, |t| {
            cluster_tags(t, m.count, m.fatalities, m.date_min, m.date_max);
            t.push("merged", TileValue::Bool(true));
            if ctx.periods {
                t.period(m.date_min);
            }
        });
    }
    let n = events.features.len();
    let layers = [events, places, outline]
        .into_iter()
        .filter(|l| !l.features.is_empty())
        .map(|l| l.finish(ctx.grid.extent as u32))
        .collect();
    (Tile { layers }, n)
}

fn point(at: (i32, i32)) -> Geometry<f64> {
    Geometry::Point(Point::new(f64::from(at.0), f64::from(at.1)))
}

fn lines(pieces: Vec<Vec<(i32, i32)>>) -> Geometry<f64> {
    let mut ls: Vec<LineString<f64>> = pieces
        .into_iter()
        .map(|p| {
            LineString::from(
                p.into_iter()
                    .map(|(x, y)| (f64::from(x), f64::from(y)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    if ls.len() == 1 {
        Geometry::LineString(ls.remove(0))
    } else {
        Geometry::MultiLineString(MultiLineString(ls))
    }
}

/// The date an item is grouped by: an event's, or a cluster's first.
fn item_date(table: &EventTable, item: &ZoomItem) -> Option<NaiveDate> {
    match item {
        ZoomItem::Event(r) => table.rows[*r as usize].date,
        ZoomItem::Cluster(c) => c.date_min,
    }
}

/// A month as a number (year × 12 + month), −1 when undated.
fn month_code(d: Option<NaiveDate>) -> i32 {
    d.map_or(-1, |d| d.year() * 12 + d.month() as i32)
}

fn date(d: NaiveDate) -> String {
    // chrono's `format` parses its pattern on every call; this runs for every feature.
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// The attributes of one event at a detail: type and dead always; `event_id` and date except
/// for a lone event below the top zoom; everything at full detail.
fn event_tags(t: &mut Tags<'_>, table: &EventTable, row: &Row, detail: Detail) {
    let text = |t: &mut Tags<'_>, key: &'static str, field: Text| {
        if let Some((i, s)) = table.text_ref(row, field) {
            t.text(key, i, s);
        }
    };
    if detail != Detail::Lone {
        t.unique("event_id", table.event_id(row));
    }
    if let Some(d) = row.date.filter(|_| detail != Detail::Lone) {
        t.date("event_date", d);
    }
    // At full detail the sub-event type names its event type (ACLED's codebook gives each
    // sub-event type one type): the type is written only when it is not the one implied.
    let implied = detail == Detail::Full
        && table
            .text(row, Text::SubEventType)
            .and_then(event_type_of)
            .is_some_and(|ty| table.text(row, Text::EventType) == Some(ty));
    if !implied {
        text(t, "event_type", Text::EventType);
    }
    t.uint("fatalities", u64::from(row.fatalities));
    if detail != Detail::Full {
        return;
    }
    text(t, "sub_event_type", Text::SubEventType);
    text(t, "actor1", Text::Actor1);
    text(t, "actor2", Text::Actor2);
    if let Some(n) = row.injured {
        t.uint("injured", u64::from(n));
    }
    text(t, "location", Text::Location);
    text(t, "location_ar", Text::LocationAr);
    t.uint("geo_precision", u64::from(row.geo_precision));
    t.uint("source_count", u64::from(row.source_count));
}

/// The ACLED event type a sub-event type belongs to ([`SubEventType::event_type`]), `None`
/// for a sub-event type the codebook does not list.
pub(crate) fn event_type_of(sub_event_type: &str) -> Option<&'static str> {
    SubEventType::parse(sub_event_type).map(|s| s.event_type().as_str())
}

fn cluster_tags(
    t: &mut Tags<'_>,
    count: u64,
    fatalities: u64,
    date_min: Option<NaiveDate>,
    date_max: Option<NaiveDate>,
) {
    t.push("cluster", TileValue::Bool(true));
    t.uint("point_count", count);
    t.uint("fatalities", fatalities);
    if let Some(d) = date_min {
        t.date("date_min", d);
    }
    if let Some(d) = date_max {
        t.date("date_max", d);
    }
}

/// Events and clusters falling in one square of a merged tile.
#[derive(Default)]
struct Merge {
    count: u64,
    fatalities: u64,
    date_min: Option<NaiveDate>,
    date_max: Option<NaiveDate>,
    sum_x: f64,
    sum_y: f64,
}

impl Merge {
    fn add(&mut self, table: &EventTable, item: &ZoomItem, at: (i32, i32)) {
        let (n, dead, lo, hi) = match item {
            ZoomItem::Event(r) => {
                let row = &table.rows[*r as usize];
                (1, u64::from(row.fatalities), row.date, row.date)
            }
            ZoomItem::Cluster(c) => (c.point_count, c.fatalities, c.date_min, c.date_max),
        };
        self.count += n;
        self.fatalities += dead;
        self.date_min = min_some(self.date_min, lo);
        self.date_max = max_some(self.date_max, hi);
        self.sum_x += f64::from(at.0) * n as f64;
        self.sum_y += f64::from(at.1) * n as f64;
    }
}

fn min_some<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_some<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// A layer being filled: features with tag indices into its own key and value tables.
struct LayerBuilder {
    name: &'static str,
    features: Vec<tile::Feature>,
    tags: TagTables,
}

/// A layer's key and value tables. Values are found again by what they were made from (a
/// text by its index in the events table, a date by its day, a number by itself), so the
/// many repeated texts of a tile are neither copied nor hashed as strings.
#[derive(Default)]
struct TagTables {
    keys: Vec<&'static str>,
    values: Vec<tile::Value>,
    index: HashMap<ValueKey, u32>,
}

#[derive(PartialEq, Eq, Hash)]
enum ValueKey {
    Text(u32),
    Day(NaiveDate),
    Uint(u64),
    Other(TileKey),
}

/// Any other value, compared as the tile stores it.
#[derive(PartialEq, Eq, Hash)]
enum TileKey {
    Str(String),
    Bool(bool),
}

impl TagTables {
    fn key(&mut self, key: &'static str) -> u32 {
        // A layer has fewer than twenty keys: a scan is cheaper than hashing.
        match self.keys.iter().position(|k| *k == key) {
            Some(i) => i as u32,
            None => {
                self.keys.push(key);
                self.keys.len() as u32 - 1
            }
        }
    }

    fn value(&mut self, key: ValueKey, make: impl FnOnce() -> tile::Value) -> u32 {
        let next = self.values.len() as u32;
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            self.values.push(make());
        }
        i
    }
}

fn str_value(s: String) -> tile::Value {
    tile::Value {
        string_value: Some(s),
        ..Default::default()
    }
}

/// The tags of the feature being added.
struct Tags<'a> {
    tables: &'a mut TagTables,
    out: Vec<u32>,
}

impl Tags<'_> {
    fn pair(&mut self, key: &'static str, value: u32) {
        let k = self.tables.key(key);
        self.out.push(k);
        self.out.push(value);
    }

    /// Any value (strings, booleans and numbers found again like the others).
    fn push(&mut self, key: &'static str, value: TileValue) {
        let v = match value {
            TileValue::Str(s) => self
                .tables
                .value(ValueKey::Other(TileKey::Str(s.clone())), || str_value(s)),
            TileValue::Bool(b) => self.tables.value(ValueKey::Other(TileKey::Bool(b)), || {
                TileValue::Bool(b).into()
            }),
            TileValue::Uint(n) => return self.uint(key, n),
            other => {
                // Not written by this module; kept as given.
                self.tables.values.push(other.into());
                self.tables.values.len() as u32 - 1
            }
        };
        self.pair(key, v);
    }

    /// A text of the events table, `index` its index there.
    fn text(&mut self, key: &'static str, index: u32, s: &str) {
        let v = self
            .tables
            .value(ValueKey::Text(index), || str_value(s.to_string()));
        self.pair(key, v);
    }

    /// A text found in no other feature of the tile (an event id): not looked up.
    fn unique(&mut self, key: &'static str, s: &str) {
        self.tables.values.push(str_value(s.to_string()));
        let v = self.tables.values.len() as u32 - 1;
        self.pair(key, v);
    }

    /// The calendar month "YYYY-MM" of `d`, "" when undated.
    fn period(&mut self, d: Option<NaiveDate>) {
        let text = d.map_or(String::new(), |d| {
            format!("{:04}-{:02}", d.year(), d.month())
        });
        self.push("period", TileValue::Str(text));
    }

    fn date(&mut self, key: &'static str, d: NaiveDate) {
        let v = self.tables.value(ValueKey::Day(d), || str_value(date(d)));
        self.pair(key, v);
    }

    fn uint(&mut self, key: &'static str, n: u64) {
        let v = self.tables.value(ValueKey::Uint(n), || tile::Value {
            uint_value: Some(n),
            ..Default::default()
        });
        self.pair(key, v);
    }
}

impl LayerBuilder {
    fn new(name: &'static str) -> LayerBuilder {
        LayerBuilder {
            name,
            features: Vec::new(),
            tags: TagTables::default(),
        }
    }

    fn feature(
        &mut self,
        geometry: Geometry<f64>,
        id: Option<u64>,
        tags: impl FnOnce(&mut Tags<'_>),
    ) {
        // Points and lines in tile units always encode.
        let Ok(mut feature) = geometry.to_mvt_unscaled() else {
            return;
        };
        feature.id = id;
        let mut t = Tags {
            tables: &mut self.tags,
            out: Vec::new(),
        };
        tags(&mut t);
        feature.tags = t.out;
        self.features.push(feature);
    }

    fn finish(self, extent: u32) -> tile::Layer {
        tile::Layer {
            version: 2,
            name: self.name.to_string(),
            features: self.features,
            keys: self.tags.keys.iter().map(|k| k.to_string()).collect(),
            values: self.tags.values,
            extent: Some(extent),
        }
    }
}
