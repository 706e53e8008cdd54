//! Vector tiles of a million events: time, peak memory and output size.
//!
//!     cargo bench --bench tiles [-- --events 1000000 --max-zoom 14 --out target/bench/tiles.pmtiles]
//!     cargo bench --bench tiles -- --events 200000 --layout one-point [--cluster-only | --index]
//!     cargo bench --bench tiles -- --events 1000000 --layout towns [--cluster-only | --index]
//!
//! A fresh process (this binary with `--child`) builds N synthetic events uniform over Syria's
//! box (lon 35.7–42.4, lat 32.3–37.3; `--layout one-point`: all at Palmyra; `--layout towns`:
//! on the 50 most populous towns of the gazetteer, as reports of a long conflict pile up on
//! town points) with attributes in the real style (types, actors, places from the bundled
//! gazetteer, dates over 2017–2024, casualty counts, report counts), loads the gazetteer for
//! the `places` layer, then runs `badia::tiles::write_table` to zooms 0–max with clustering
//! below the top zoom (`--cluster-only`: that clustering alone; `--index`: the full
//! `ClusterIndex` of `badia cluster`, zooms 0–16, and every zoom's items). Its peak memory is
//! its own `VmHWM`. Nothing here asserts.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use chrono::NaiveDate;

use badia::cluster::{ClusterIndex, ClusterOptions};
use badia::gazetteer::Gazetteer;
use badia::tiles::{self, EventFields, EventTable, TileOptions};

mod memory;
use memory::{peak_kb, status_kb};

const TYPES: [(&str, &str); 6] = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Arrests"),
    ("Battles", "Government regains territory"),
];

const ACTORS: [&str; 8] = [
    "Islamic State (Syria)",
    "Military Forces of Syria (2000-2024)",
    "SDF: Syrian Democratic Forces",
    "NDF: National Defense Forces",
    "Military Forces of Russia (2000-)",
    "Civilians (Syria)",
    "Unidentified Armed Group (Syria)",
    "Wagner Group",
];

/// xorshift64*: the same seed gives the same events.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let events: usize = value("--events")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let max_zoom: u8 = value("--max-zoom")
        .and_then(|v| v.parse().ok())
        .unwrap_or(14);
    let out = PathBuf::from(value("--out").unwrap_or_else(|| "target/bench/tiles.pmtiles".into()));
    let layout = value("--layout").unwrap_or_else(|| "uniform".into());
    let Some(layout) = Layout::parse(&layout) else {
        eprintln!("--layout is uniform, one-point or towns");
        return ExitCode::from(2);
    };
    if args.iter().any(|a| a == "--child") {
        return child(events, max_zoom, &out, layout);
    }
    if let Some(dir) = out.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let exe = std::env::current_exe().expect("own path");
    let status = Command::new(exe)
        .args(["--child", "--events", &events.to_string()])
        .args(["--max-zoom", &max_zoom.to_string()])
        .arg("--out")
        .arg(&out)
        .args(["--layout", layout.name()])
        .args(
            args.iter()
                .filter(|a| *a == "--cluster-only" || *a == "--index"),
        )
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        _ => ExitCode::from(2),
    }
}

/// Where the synthetic events lie.
#[derive(Clone, Copy)]
enum Layout {
    /// Uniform over Syria's box.
    Uniform,
    /// All at one point (Palmyra).
    OnePoint,
    /// On the 50 most populous towns of the gazetteer, in turn.
    Towns,
}

impl Layout {
    fn parse(s: &str) -> Option<Layout> {
        match s {
            "uniform" => Some(Layout::Uniform),
            "one-point" => Some(Layout::OnePoint),
            "towns" => Some(Layout::Towns),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Layout::Uniform => "uniform",
            Layout::OnePoint => "one-point",
            Layout::Towns => "towns",
        }
    }
}

fn child(n: usize, max_zoom: u8, out: &Path, layout: Layout) -> ExitCode {
    let t = Instant::now();
    let (gaz, _) = match Gazetteer::load_default() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let table = synthetic(n, &gaz, layout);
    let prepare = t.elapsed();
    let setup_kb = rss_kb();
    let opts = TileOptions {
        max_zoom,
        ..TileOptions::default()
    };
    if std::env::args().any(|a| a == "--cluster-only") {
        return cluster_only(&table, &opts, setup_kb);
    }
    if std::env::args().any(|a| a == "--index") {
        return full_index(&table, setup_kb);
    }
    let t = Instant::now();
    let cpu_before = cpu_seconds();
    let report = match tiles::write_table(&table, &gaz.places, out, &opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let took = t.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    println!(
        "events {n} ({}), zooms {}-{max_zoom}, {} threads",
        layout.name(),
        opts.min_zoom,
        rayon::current_num_threads()
    );
    println!(
        "{:>4} {:>8} {:>10} {:>11}",
        "zoom", "tiles", "features", "bytes"
    );
    for z in &report.by_zoom {
        println!(
            "{:>4} {:>8} {:>10} {:>11}",
            z.zoom, z.tiles, z.features, z.bytes
        );
    }
    let largest = report
        .largest
        .map(|(z, x, y, b)| format!("{z}/{x}/{y} {:.1} KB", b as f64 / 1000.0))
        .unwrap_or_default();
    println!(
        "setup (gazetteer + synthetic events): {:.2} s, {} MB resident",
        prepare.as_secs_f64(),
        setup_kb / 1024
    );
    println!(
        "tiling (cluster + encode + write):    {:.2} s",
        took.as_secs_f64()
    );
    println!(
        "peak memory (VmHWM):                  {} MB",
        peak_kb() / 1024
    );
    println!("tiling CPU time (user + system):      {cpu:.2} s");
    println!(
        "output: {} ({:.1} MB), {} tiles, largest tile {largest}, {} tiles thinned",
        out.display(),
        report.file_bytes as f64 / 1e6,
        report.tiles,
        report.diagnostics.len()
    );
    ExitCode::SUCCESS
}

/// `n` events laid out by `layout`, in the style of badia's output; each is named after the
/// nearest town or village, as a real event is named after the place it happened at.
fn synthetic(n: usize, gaz: &Gazetteer, layout: Layout) -> EventTable {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = NaiveDate::from_ymd_opt(2017, 1, 1).expect("date");
    let mut towns: Vec<[f64; 2]> = {
        let mut settlements: Vec<_> = gaz
            .places
            .iter()
            .filter(|p| p.kind.is_settlement())
            .collect();
        settlements.sort_by_key(|p| std::cmp::Reverse(p.population));
        settlements
            .iter()
            .take(50)
            .map(|p| [p.lon, p.lat])
            .collect()
    };
    if towns.is_empty() {
        towns.push([38.2684, 34.5560]);
    }
    let mut table = EventTable::new();
    for i in 0..n {
        let (u, v) = (rng.unit(), rng.unit());
        let [lon, lat] = match layout {
            Layout::Uniform => [35.7 + u * (42.4 - 35.7), 32.3 + v * (37.3 - 32.3)],
            Layout::OnePoint => [38.2684, 34.5560],
            Layout::Towns => towns[i % towns.len()],
        };
        let (event_type, sub) = TYPES[rng.below(TYPES.len())];
        let town = gaz
            .rtree()
            .nearest_neighbor_iter(&[lon, lat])
            .map(|p| gaz.place(p.data))
            .find(|p| p.kind.is_settlement())
            .map(|p| (p.name_en.as_str(), p.name_ar.as_str()))
            .unwrap_or(("", ""));
        let date = start + chrono::Days::new(rng.below(8 * 365) as u64);
        let fatalities = match rng.below(10) {
            0..=4 => 0,
            5..=8 => rng.below(6) as u32,
            _ => rng.below(40) as u32,
        };
        // Ids as badia makes them: a 48-bit hash in hex.
        let id = format!("badia-{:012x}", rng.next() >> 16);
        let sources = 1 + rng.below(3);
        table.push(&EventFields {
            event_id: &id,
            coords: &[[lon, lat]],
            date: Some(date),
            event_type,
            sub_event_type: sub,
            actor1: Some(ACTORS[rng.below(ACTORS.len())]),
            actor2: (rng.below(3) > 0).then(|| ACTORS[rng.below(ACTORS.len())]),
            fatalities,
            injured: (rng.below(3) == 0).then(|| rng.below(20) as u32),
            location: town.0,
            location_ar: town.1,
            geo_precision: 1 + rng.below(3) as u8,
            source_count: sources,
        });
    }
    table
}

/// Only the clustering `write_table` builds (zooms min..max-1, what each shows), for its
/// share of the work.
fn cluster_only(table: &EventTable, opts: &TileOptions, setup_kb: u64) -> ExitCode {
    let t = Instant::now();
    let cpu = cpu_seconds();
    let levels = ClusterIndex::shown_levels(
        table.len(),
        |i| table.cluster_point(i),
        &ClusterOptions {
            min_zoom: opts.min_zoom,
            max_zoom: opts.max_zoom.saturating_sub(1),
            radius: opts.cluster_radius,
            ..ClusterOptions::default()
        },
    );
    println!(
        "clustering alone: {:.2} s, {:.2} s CPU, {} MB resident after setup, peak {} MB \
         (table included), {} MB resident after it",
        t.elapsed().as_secs_f64(),
        cpu_seconds() - cpu,
        setup_kb / 1024,
        peak_kb() / 1024,
        rss_kb() / 1024
    );
    drop(levels);
    ExitCode::SUCCESS
}

/// The full index `badia cluster` builds (zooms 0–16, links to children and leaves), then
/// every zoom's items over the whole world, as it lists them.
fn full_index(table: &EventTable, setup_kb: u64) -> ExitCode {
    let t = Instant::now();
    let cpu = cpu_seconds();
    let points: Vec<_> = (0..table.len()).map(|i| table.cluster_point(i)).collect();
    let index = ClusterIndex::new(&points, &ClusterOptions::default());
    let built = t.elapsed();
    let items: usize = (0..=index.options().max_zoom + 1)
        .map(|z| index.clusters([-180.0, -90.0, 180.0, 90.0], z).len())
        .sum();
    println!(
        "cluster index (zooms 0-16): built in {:.2} s, with every zoom's {items} items {:.2} s, \
         {:.2} s CPU, {} MB resident after setup, peak {} MB (table included)",
        built.as_secs_f64(),
        t.elapsed().as_secs_f64(),
        cpu_seconds() - cpu,
        setup_kb / 1024,
        peak_kb() / 1024,
    );
    drop(index);
    ExitCode::SUCCESS
}

/// The process's resident memory now, kB.
fn rss_kb() -> u64 {
    status_kb("VmRSS:")
}

/// CPU time (user + system) of this process so far, seconds; 0 where /proc is absent.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    // Clock ticks are 100 per second on Linux.
    f.get(11)
        .zip(f.get(12))
        .map(|(u, s)| (u + s) as f64 / 100.0)
        .unwrap_or(0.0)
}
