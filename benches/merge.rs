//! The merge stage alone, on the events of a corpus.
//!
//!     cargo bench --bench merge -- CORPUS.jsonl EVENTS.jsonl    # extract once, keep the events
//!     cargo bench --bench merge -- EVENTS.jsonl OUT.ndjson      # merge them, write NDJSON
//!     cargo bench --bench merge -- --plan EVENTS.jsonl          # only plan the merge
//!
//! The first form extracts the corpus without merging and writes every event as it is
//! serialized (one JSON line each); the second reads them back, in input order, through
//! [`Merging`] as `badia extract` does, writes the merged events as NDJSON and prints the time
//! (wall and CPU) of reading, of the merge and the process's peak resident memory (`VmHWM`)
//! before and after the merge. `--plan` keeps only the reports and times `merge::plan` on
//! them. Nothing here asserts.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use badia::gazetteer::Gazetteer;
use badia::merge::{self, MergeOptions, Reports};
use badia::model::Event;
use badia::output::{EventFormat, EventWriter};
use badia::pipeline::{Extractor, Merging, ARTICLES_AT_ONCE};

mod memory;
use memory::status_kb;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [from, to] = args.as_slice() else {
        eprintln!("usage: merge CORPUS.jsonl EVENTS.jsonl | merge EVENTS.jsonl OUT.ndjson");
        return ExitCode::from(2);
    };
    let done = if from == "--plan" {
        plan(Path::new(to))
    } else if to.ends_with(".ndjson") {
        merge(Path::new(from), Path::new(to))
    } else {
        extract(Path::new(from), Path::new(to))
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Extracts `corpus` without merging and writes its events as JSON lines to `out`.
fn extract(corpus: &Path, out: &Path) -> Result<()> {
    let (gaz, _) = Gazetteer::load_default()?;
    let extractor = Extractor::new(gaz);
    let mut w = BufWriter::new(File::create(out)?);
    let inputs = [PathBuf::from(corpus)];
    extractor.stream(&inputs, None, &|_| {}, &mut |events| {
        for e in &events {
            serde_json::to_writer(&mut w, e)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })?;
    w.flush()?;
    Ok(())
}

/// Merges the events of `events` and writes them as NDJSON to `out`.
fn merge(events: &Path, out: &Path) -> Result<()> {
    let start = Instant::now();
    let mut merging = Merging::new()?;
    let mut batch: Vec<Event> = Vec::with_capacity(ARTICLES_AT_ONCE);
    let mut read = 0;
    for line in BufReader::new(File::open(events)?).lines() {
        batch.push(serde_json::from_str(&line?)?);
        if batch.len() == ARTICLES_AT_ONCE {
            read += batch.len();
            merging.put(std::mem::replace(
                &mut batch,
                Vec::with_capacity(ARTICLES_AT_ONCE),
            ))?;
        }
    }
    read += batch.len();
    merging.put(batch)?;
    let reading = start.elapsed();
    let cpu_read = cpu_s();
    let (rss_read, peak_read) = (status_kb("VmRSS:"), status_kb("VmHWM:"));
    let start = Instant::now();
    let mut file = BufWriter::new(File::create(out)?);
    let mut w = EventWriter::new(&mut file, EventFormat::Ndjson)?;
    let merged = merging.finish(&MergeOptions::default(), ARTICLES_AT_ONCE, &mut |b| {
        w.write_batch(b)
    })?;
    w.finish()?;
    file.flush()?;
    let merging = start.elapsed();
    println!(
        "{read} events read in {:.2}s, {cpu_read:.2}s CPU (resident {:.1} MB, peak {:.1} MB); \
         {merged} merged in {:.2}s, {:.2}s CPU; peak {:.1} MB",
        reading.as_secs_f64(),
        rss_read as f64 / 1024.0,
        peak_read as f64 / 1024.0,
        merging.as_secs_f64(),
        cpu_s() - cpu_read,
        status_kb("VmHWM:") as f64 / 1024.0,
    );
    Ok(())
}

/// Times the plan of the merge of the events of `events`.
fn plan(events: &Path) -> Result<()> {
    let mut reports = Reports::new();
    for line in BufReader::new(File::open(events)?).lines() {
        let e: Event = serde_json::from_str(&line?)?;
        reports.push(&e);
    }
    let (n, rss) = (reports.len(), status_kb("VmRSS:"));
    let (start, cpu) = (Instant::now(), cpu_s());
    let groups = merge::plan(reports, &MergeOptions::default());
    println!(
        "{n} reports (resident {:.1} MB): {} groups planned in {:.2}s, {:.2}s CPU; peak {:.1} MB",
        rss as f64 / 1024.0,
        groups.len(),
        start.elapsed().as_secs_f64(),
        cpu_s() - cpu,
        status_kb("VmHWM:") as f64 / 1024.0,
    );
    Ok(())
}

/// CPU time (user and system) of the process so far, in seconds, from `/proc/self/stat`
/// (at 100 ticks a second); 0 where /proc is absent.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which ends with the last ')'.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks = |k: usize| fields.get(k).and_then(|v| v.parse::<f64>().ok());
    // utime and stime are fields 14 and 15, the 12th and 13th after the name.
    ticks(11).unwrap_or(0.0) / 100.0 + ticks(12).unwrap_or(0.0) / 100.0
}
