//! Clustering benchmark: badia's `ClusterIndex` against mapbox's supercluster (the npm package,
//! run with node) on the same 1,000,000 points and options, in one run.
//!
//! `cargo bench --bench cluster [-- N]` builds both indexes over two seeded point sets (uniform
//! over Syria's bounding box, and uniform over the world like supercluster's own bench), then
//! prints both build times, the speed ratio and the cluster counts per zoom (getClusters over
//! the whole world at each zoom) with the largest difference in per cent. When node or npm is
//! missing, the reference columns print `-`. See benches/README.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use badia::cluster::{ClusterIndex, ClusterOptions, ClusterPoint};

const MAX_ZOOM: u8 = 16;
const RADIUS: f64 = 40.0;
const EXTENT: f64 = 512.0;

/// splitmix64: a seeded generator, so both sides see the same points in every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn uniform(n: usize, seed: u64, [west, south, east, north]: [f64; 4]) -> Vec<ClusterPoint> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| ClusterPoint {
            lon: west + (east - west) * rng.next(),
            lat: south + (north - south) * rng.next(),
            fatalities: 1,
            date: None,
        })
        .collect()
}

/// The reference: supercluster's load time in ms and its count per zoom, or `None`.
struct Reference {
    load_ms: f64,
    counts: Vec<usize>,
}

fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/supercluster")
}

/// Installs the pinned supercluster (`npm ci`) when node_modules is missing.
fn prepare_node() -> bool {
    let dir = reference_dir();
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok {
        eprintln!("node not found: the supercluster reference is skipped");
        return false;
    }
    if dir.join("node_modules/supercluster").is_dir() {
        return true;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .status();
    match status {
        Ok(s) if s.success() => true,
        _ => {
            eprintln!(
                "npm ci failed in {}: the reference is skipped",
                dir.display()
            );
            false
        }
    }
}

fn run_reference(points: &[ClusterPoint], name: &str) -> Option<Reference> {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/cluster-bench-{name}.bin"));
    let mut bytes = Vec::with_capacity(points.len() * 16);
    for p in points {
        bytes.extend_from_slice(&p.lon.to_le_bytes());
        bytes.extend_from_slice(&p.lat.to_le_bytes());
    }
    std::fs::write(&file, bytes).ok()?;
    let out = Command::new("node")
        .arg("--max-old-space-size=8192")
        .arg(reference_dir().join("run.mjs"))
        .arg(&file)
        .arg(MAX_ZOOM.to_string())
        .arg(RADIUS.to_string())
        .arg(EXTENT.to_string())
        .output()
        .ok()?;
    let _ = std::fs::remove_file(&file);
    if !out.status.success() {
        eprintln!("node failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(Reference {
        load_ms: v["load_ms"].as_f64()?,
        counts: v["counts"]
            .as_array()?
            .iter()
            .map(|c| c.as_u64().map(|c| c as usize))
            .collect::<Option<_>>()?,
    })
}

fn bench(name: &str, points: &[ClusterPoint], node: bool) {
    let opts = ClusterOptions {
        min_zoom: 0,
        max_zoom: MAX_ZOOM,
        radius: RADIUS,
        extent: EXTENT,
        min_points: 2,
    };
    let start = Instant::now();
    let index = ClusterIndex::new(points, &opts);
    let ours_ms = start.elapsed().as_secs_f64() * 1e3;
    let counts: Vec<usize> = (0..=MAX_ZOOM)
        .map(|z| index.clusters([-180.0, -90.0, 180.0, 90.0], z).len())
        .collect();
    drop(index);
    let reference = if node {
        run_reference(points, name)
    } else {
        None
    };

    println!(
        "\n{name}: {} points, zooms 0-{MAX_ZOOM}, radius {RADIUS}, extent {EXTENT}",
        points.len()
    );
    println!(
        "{:>5} {:>10} {:>12} {:>8}",
        "zoom", "badia", "supercluster", "diff %"
    );
    let mut max_diff: Option<f64> = None;
    for (z, &c) in counts.iter().enumerate() {
        match reference.as_ref().and_then(|r| r.counts.get(z)) {
            Some(&rc) => {
                let d = (c as f64 - rc as f64).abs() / rc.max(1) as f64 * 100.0;
                max_diff = Some(max_diff.map_or(d, |m: f64| m.max(d)));
                println!("{z:>5} {c:>10} {rc:>12} {d:>8.3}");
            }
            None => println!("{z:>5} {c:>10} {:>12} {:>8}", "-", "-"),
        }
    }
    let (ref_ms, ratio, diff) = match (&reference, max_diff) {
        (Some(r), Some(d)) => (
            format!("{:.0} ms", r.load_ms),
            format!("{:.1}x", r.load_ms / ours_ms),
            format!("{d:.3} %"),
        ),
        _ => ("-".into(), "-".into(), "-".into()),
    };
    println!(
        "{name}: index build badia {ours_ms:.0} ms, supercluster {ref_ms}, speed-up {ratio}, max count difference per zoom {diff}"
    );
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    println!(
        "threads: {} (RAYON_NUM_THREADS to change)",
        rayon::current_num_threads()
    );
    let node = prepare_node();
    bench("syria", &uniform(n, 1, [35.7, 32.3, 42.4, 37.4]), node);
    bench("world", &uniform(n, 2, [-180.0, -85.0, 180.0, 85.0]), node);
}
