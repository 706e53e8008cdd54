//! Throughput, start-up and memory of the extraction pipeline, with ripgrep as a reference.
//!
//!     cargo bench --bench throughput [-- --sizes 1000,10000,100000 --seed 1 --dir target/bench]
//!
//! For each size a synthetic corpus (see `corpus/mod.rs`) is written to `--dir`, then a fresh
//! process (this binary with `--child FILE`) loads the gazetteer, compiles the matcher and runs
//! `badia::pipeline::Extractor::stream` on the file as `badia extract --format ndjson` does
//! (articles read a batch at a time and extracted rayon-parallel, events merged, NDJSON
//! written to a file beside the corpus); its peak memory is its own `VmHWM`.
//! `rg -F -c -f names.txt FILE` (every Arabic gazetteer name) scans the same file for
//! comparison when ripgrep is installed, and so does `rg -F --count-matches -f names.txt FILE`:
//! `-c` counts matching lines, so on JSON Lines rg stops at the first name of each article,
//! while `--count-matches` finds every name, as badia must. On the largest corpus, a names-only line (`--names-only
//! FILE`) then times reading alone and reading with folding and matching on every core: the
//! part of the work that does what rg does, against rg. A stage profile (fold, match, resolve,
//! events; one thread) over the 10k corpus follows. Nothing here asserts.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use badia::gazetteer::Gazetteer;
use badia::merge::MergeOptions;
use badia::model::Article;
use badia::normalize::fold_with_offsets;
use badia::output::{EventFormat, EventWriter};
use badia::pipeline::{Extractor, Progress, ARTICLES_AT_ONCE};
use badia::{events, ingest, resolve};

mod memory;
use memory::peak_kb;

mod corpus;

/// The `badia` binary's allocator (see `src/main.rs`), so that the child measures what users run.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// What one child run measured.
struct Run {
    load: Duration,
    compile: Duration,
    /// Reading and extracting, interleaved a batch at a time.
    extract: Duration,
    /// Merging and writing the output.
    merge: Duration,
    articles: usize,
    events: usize,
    peak_kb: u64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if let Some(file) = value("--child") {
        return child(Path::new(&file));
    }
    if let Some(file) = value("--stages") {
        return stages(Path::new(&file));
    }
    if let Some(file) = value("--names-only") {
        return names_only(Path::new(&file));
    }
    let sizes: Vec<usize> = value("--sizes")
        .unwrap_or_else(|| "1000,10000,100000".to_string())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let seed: u64 = value("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = PathBuf::from(value("--dir").unwrap_or_else(|| "target/bench".to_string()));
    match parent(&sizes, seed, &dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("throughput: {e}");
            ExitCode::from(2)
        }
    }
}

fn parent(sizes: &[usize], seed: u64, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (gaz, _) = Gazetteer::load_default().map_err(|e| e.to_string())?;
    let names = dir.join("names.txt");
    write_names(&gaz, &names).map_err(|e| format!("{}: {e}", names.display()))?;
    let places = corpus::Places::from_gazetteer(&gaz);
    drop(gaz);
    let rg = Command::new("rg").arg("--version").output().is_ok();
    if !rg {
        println!("ripgrep (rg) is not installed: the rg columns are left empty");
    }
    let threads = rayon::current_num_threads();
    println!(
        "badia throughput: {threads} threads, seed {seed}, corpus in {}",
        dir.display()
    );
    println!();
    println!(
        "{:>8} {:>8} {:>7} {:>7} {:>7} {:>7} {:>9} {:>7} {:>8} {:>7} {:>7} {:>6} {:>8} {:>6}",
        "articles",
        "MB",
        "load",
        "compile",
        "extract",
        "merge",
        "art/s",
        "MB/s",
        "peak MB",
        "events",
        "rg s",
        "x rg",
        "rg all s",
        "x all"
    );
    let mut stage_file = None;
    // The largest corpus and its rg times, for the names-only line.
    let mut largest = None;
    for &n in sizes {
        let file = dir.join(format!("corpus-{n}-{seed}.jsonl"));
        if !file.exists() {
            let tmp = file.with_extension("tmp");
            let f = std::fs::File::create(&tmp).map_err(|e| e.to_string())?;
            let mut out = BufWriter::new(f);
            corpus::write(&mut out, &places, n, seed)
                .and_then(|()| out.flush())
                .map_err(|e| format!("{}: {e}", tmp.display()))?;
            std::fs::rename(&tmp, &file).map_err(|e| e.to_string())?;
        }
        if n == 10_000 || (stage_file.is_none() && n >= 1_000) {
            stage_file = Some(file.clone());
        }
        let bytes = std::fs::metadata(&file).map_err(|e| e.to_string())?.len();
        let run = run_child(&file)?;
        let work = (run.extract + run.merge).as_secs_f64();
        let mb = bytes as f64 / 1e6;
        let rg_times = RgTimes {
            first: rg.then(|| time_rg(FIRST_NAME, &names, &file)).flatten(),
            every: rg.then(|| time_rg(EVERY_NAME, &names, &file)).flatten(),
        };
        println!(
            "{:>8} {:>8.1} {:>7} {:>7} {:>7} {:>7} {:>9.0} {:>7.2} {:>8.1} {:>7} {:>7} {:>6} {:>8} {:>6}",
            run.articles,
            mb,
            ms(run.load),
            ms(run.compile),
            secs(run.extract),
            secs(run.merge),
            run.articles as f64 / work,
            mb / work,
            run.peak_kb as f64 / 1024.0,
            run.events,
            rg_secs(rg_times.first),
            ratio(work, rg_times.first),
            rg_secs(rg_times.every),
            ratio(work, rg_times.every),
        );
        largest = Some((file, rg_times));
    }
    if let Some((file, rg_times)) = largest {
        println!();
        names_only_line(&file, &rg_times)?;
    }
    if let Some(file) = stage_file {
        println!();
        let status = Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
            .arg("--stages")
            .arg(&file)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("the stage profile failed".to_string());
        }
    }
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{}ms", d.as_millis())
}

fn secs(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

/// Every gazetteer name with an Arabic letter (the names the matcher looks for), one a line.
fn write_names(gaz: &Gazetteer, path: &Path) -> std::io::Result<()> {
    let mut names: Vec<&str> = gaz
        .places
        .iter()
        .flat_map(|p| std::iter::once(&p.name_ar).chain(&p.alt_names))
        .map(|n| n.trim())
        .filter(|n| n.chars().any(badia::normalize::is_arabic_letter))
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    for n in names {
        writeln!(out, "{n}")?;
    }
    out.flush()
}

/// rg's count of matching lines: it moves to the next line at a line's first name.
const FIRST_NAME: &str = "-c";
/// rg's count of matches: it finds every name.
const EVERY_NAME: &str = "--count-matches";

/// The two rg scans of one corpus, `None` without rg.
struct RgTimes {
    /// `rg -F -c`: the first name of each line (article).
    first: Option<Duration>,
    /// `rg -F --count-matches`: every name.
    every: Option<Duration>,
}

fn rg_secs(t: Option<Duration>) -> String {
    t.map_or("-".to_string(), |t| format!("{:.3}", t.as_secs_f64()))
}

/// `secs` as a multiple of the rg time.
fn ratio(secs: f64, rg: Option<Duration>) -> String {
    rg.map_or("-".to_string(), |rg| {
        format!("{:.1}", secs / rg.as_secs_f64())
    })
}

/// Wall time of `rg -F COUNT -f names FILE`, COUNT being [`FIRST_NAME`] or [`EVERY_NAME`]
/// (exit 1, no match, is fine).
fn time_rg(count: &str, names: &Path, file: &Path) -> Option<Duration> {
    let start = Instant::now();
    let out = Command::new("rg")
        .args(["-F", count, "-f"])
        .arg(names)
        .arg(file)
        .output()
        .ok()?;
    let took = start.elapsed();
    (out.status.code() == Some(0) || out.status.code() == Some(1)).then_some(took)
}

/// Runs this binary as `MODE FILE` in a fresh process and reads the `count` numbers it prints.
fn numbers_from(mode: &str, file: &Path, count: usize) -> Result<Vec<f64>, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .arg(mode)
        .arg(file)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "{mode} run on {} failed: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let line = String::from_utf8_lossy(&out.stdout);
    let f: Vec<f64> = line
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    if f.len() != count {
        return Err(format!("unexpected {mode} output: {line}"));
    }
    Ok(f)
}

fn run_child(file: &Path) -> Result<Run, String> {
    let f = numbers_from("--child", file, 7)?;
    let d = Duration::from_secs_f64;
    Ok(Run {
        load: d(f[0]),
        compile: d(f[1]),
        extract: d(f[2]),
        merge: d(f[3]),
        articles: f[4] as usize,
        events: f[5] as usize,
        peak_kb: f[6] as u64,
    })
}

/// One measured run in a fresh process, printed as one line of numbers for the parent.
fn child(file: &Path) -> ExitCode {
    let t = Instant::now();
    let gaz = match Gazetteer::load_default() {
        Ok((g, _)) => g,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let load = t.elapsed();
    let t = Instant::now();
    let extractor = Extractor::new(gaz);
    let compile = t.elapsed();

    let out_path = file.with_extension("out.ndjson");
    let t = Instant::now();
    let merging = std::sync::Mutex::new(None);
    let streamed = std::fs::File::create(&out_path).and_then(|f| {
        let mut w = BufWriter::with_capacity(1 << 16, f);
        let mut out = EventWriter::new(&mut w, EventFormat::Ndjson)?;
        let summary = extractor
            .stream(
                &[file.to_path_buf()],
                Some(&MergeOptions::default()),
                &|p| {
                    if p == Progress::Merging {
                        if let Ok(mut m) = merging.lock() {
                            *m = Some(Instant::now());
                        }
                    }
                },
                &mut |batch| out.write_batch(batch),
            )
            .map_err(std::io::Error::other)?;
        out.finish()?;
        Ok(summary)
    });
    let total = t.elapsed();
    let _ = std::fs::remove_file(&out_path);
    let summary = match streamed {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}: {e}", out_path.display());
            return ExitCode::from(2);
        }
    };
    let extract = merging
        .lock()
        .ok()
        .and_then(|m| *m)
        .map_or(total, |at| at - t);
    let mut line = String::new();
    let _ = write!(
        line,
        "{} {} {} {} {} {} {}",
        load.as_secs_f64(),
        compile.as_secs_f64(),
        extract.as_secs_f64(),
        (total - extract).as_secs_f64(),
        summary.articles,
        summary.events,
        peak_kb()
    );
    println!("{line}");
    ExitCode::SUCCESS
}

/// The bundled gazetteer's extractor, or `None` with the error printed.
fn extractor() -> Option<Extractor> {
    match Gazetteer::load_default() {
        Ok((gaz, _)) => Some(Extractor::new(gaz)),
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// Prints how long only finding the names takes on the file (see [`names_only`]), and its
/// ratios to the rg scans: the part of the work that does what rg does.
fn names_only_line(file: &Path, rg: &RgTimes) -> Result<(), String> {
    let f = numbers_from("--names-only", file, 4)?;
    println!(
        "names only, {} articles of {} ({} mentions), every core, no resolving, events, merging or output:",
        f[2],
        file.display(),
        f[3]
    );
    println!(
        "  read and parse           {:>6.2}s {:>6} x rg {:>6} x rg all",
        f[0],
        ratio(f[0], rg.first),
        ratio(f[0], rg.every)
    );
    println!(
        "  read, parse, fold, match {:>6.2}s {:>6} x rg {:>6} x rg all",
        f[1],
        ratio(f[1], rg.first),
        ratio(f[1], rg.every)
    );
    Ok(())
}

/// Reads the file as `badia extract` does (a batch at a time), first alone, then folding and
/// matching every article on every core; prints the two times, the articles and the mentions.
fn names_only(file: &Path) -> ExitCode {
    let Some(x) = extractor() else {
        return ExitCode::from(2);
    };
    let inputs = [file.to_path_buf()];
    let t = Instant::now();
    let mut articles = 0;
    ingest::read_in_batches(&inputs, ARTICLES_AT_ONCE, &mut |batch| {
        articles += batch.articles.len();
        ControlFlow::Continue(())
    });
    let read = t.elapsed();
    let t = Instant::now();
    let mut mentions = 0;
    ingest::read_in_batches(&inputs, ARTICLES_AT_ONCE, &mut |batch| {
        mentions += batch
            .articles
            .par_iter()
            .map(|a| x.matcher.find(&a.text, &fold_with_offsets(&a.text)).len())
            .sum::<usize>();
        ControlFlow::Continue(())
    });
    let matched = t.elapsed();
    println!(
        "{} {} {articles} {mentions}",
        read.as_secs_f64(),
        matched.as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Time spent in each stage over one file, on one thread.
fn stages(file: &Path) -> ExitCode {
    let Some(x) = extractor() else {
        return ExitCode::from(2);
    };
    let articles: Vec<Article> = ingest::read_inputs(&[file.to_path_buf()]).articles;
    let mut took = [Duration::ZERO; 4];
    for a in &articles {
        let t = Instant::now();
        let folded = fold_with_offsets(&a.text);
        took[0] += t.elapsed();
        let t = Instant::now();
        let mentions = x.matcher.find(&a.text, &folded);
        took[1] += t.elapsed();
        let t = Instant::now();
        let locations = resolve::resolve(&x.gazetteer, &a.text, &folded, &mentions);
        took[2] += t.elapsed();
        let t = Instant::now();
        let evs = events::extract(&x.gazetteer, a, &folded, &locations);
        took[3] += t.elapsed();
        std::hint::black_box(evs);
    }
    let total: f64 = took.iter().map(Duration::as_secs_f64).sum();
    println!(
        "stage profile, one thread, {} articles of {}:",
        articles.len(),
        file.display()
    );
    for (name, d) in ["fold", "match", "resolve", "events"].iter().zip(took) {
        println!(
            "  {:<8} {:>7.3}s {:>5.1}%  {:>6.1} µs/article",
            name,
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total,
            1e6 * d.as_secs_f64() / articles.len().max(1) as f64
        );
    }
    ExitCode::SUCCESS
}
