//! Large inputs are read a batch of articles at a time and merged from a temporary file: the
//! events must be the same as when everything is read at once.

mod common;

use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;

use badia::gazetteer::Gazetteer;
use badia::ingest;
use badia::merge::MergeOptions;
use badia::pipeline::Extractor;

/// Reports in the style of the wires: each line one article, two of them telling one ambush.
const LINES: &[&str] = &[
    r#"{"id":"a1","url":"https://example-one.net/1","published":"2024-03-05","text":"قتل ستة عناصر من قوات النظام بهجوم لخلايا تنظيم داعش على نقطة عسكرية قرب بلدة السخنة في ريف حمص الشرقي، اليوم الثلاثاء."}"#,
    r#"{"id":"a2","url":"https://example-two.net/2","published":"2024-03-05","text":"لقي ستة من عناصر قوات النظام مصرعهم اليوم الثلاثاء في هجوم شنه مسلحو داعش على موقع عسكري قرب السخنة شرقي حمص."}"#,
    r#"not json at all"#,
    r#"{"id":"a4","published":"2024-03-06","text":"أصيب ثلاثة مدنيين بانفجار لغم أرضي من مخلفات الحرب في بلدة معدان بريف الرقة الشرقي يوم الأربعاء."}"#,
    r#"{"id":"a5","published":"2024-03-06","text":"شنت طائرات حربية روسية غارات جوية على مواقع في بادية تدمر يوم الأربعاء."}"#,
];

fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for line in LINES {
        writeln!(f, "{line}").unwrap();
    }
    (dir, path)
}

#[test]
fn batches_hold_the_same_articles_and_line_numbers() {
    let (_dir, path) = corpus();
    let whole = ingest::read_inputs(std::slice::from_ref(&path));
    let mut sizes = Vec::new();
    let mut articles = Vec::new();
    let mut diagnostics = Vec::new();
    ingest::read_in_batches(std::slice::from_ref(&path), 2, &mut |batch| {
        sizes.push(batch.articles.len());
        articles.extend(batch.articles);
        diagnostics.extend(batch.diagnostics);
        ControlFlow::Continue(())
    });
    assert_eq!(sizes, [2, 2]);
    assert_eq!(articles, whole.articles);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].line, Some(3));
    assert_eq!(whole.diagnostics[0].line, Some(3));
}

#[test]
fn reading_stops_when_the_taker_breaks() {
    let (_dir, path) = corpus();
    let mut batches = 0;
    ingest::read_in_batches(std::slice::from_ref(&path), 1, &mut |_| {
        batches += 1;
        ControlFlow::Break(())
    });
    assert_eq!(batches, 1);
    // Without the break every article comes, one a batch.
    let mut articles = 0;
    ingest::read_in_batches(std::slice::from_ref(&path), 1, &mut |batch| {
        articles += batch.articles.len();
        ControlFlow::Continue(())
    });
    assert_eq!(articles, 4);
}

#[test]
fn merging_across_batches_gives_the_same_events() {
    let (_dir, path) = corpus();
    let gazetteer = || Gazetteer::load_default().expect("gazetteer").0;
    let whole = Extractor::new(gazetteer());
    let mut one_by_one = Extractor::new(gazetteer());
    one_by_one.articles_at_once = 1;
    let inputs = [path];
    let opts = MergeOptions::default();
    let a = whole.run(&inputs, Some(&opts));
    let b = one_by_one.run(&inputs, Some(&opts));
    assert_eq!(a.events, b.events);
    assert_eq!(a.articles, 4);
    assert_eq!(b.articles, 4);
    // The two reports of the ambush, read in different batches, are one event.
    let ambush: Vec<_> = b
        .events
        .iter()
        .filter(|e| e.sources.iter().any(|s| s.article_id == "a1"))
        .collect();
    assert_eq!(ambush.len(), 1, "{:#?}", b.events);
    let ids: Vec<&str> = ambush[0]
        .sources
        .iter()
        .map(|s| s.article_id.as_str())
        .collect();
    assert_eq!(ids, ["a1", "a2"]);
    // Without merging nothing waits: the events come in input order.
    let apart = one_by_one.run(&inputs, None);
    assert!(apart.events.len() > b.events.len());
}

#[test]
fn extract_streams_geojson_and_acled_csv() {
    let (dir, path) = corpus();
    let out = dir.path().join("events.geojson");
    let run = common::badia(&[
        "extract",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    // The bad line makes the exit code 1; the rest is written.
    assert_eq!(run.status.code(), Some(1));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let features = json["features"].as_array().unwrap();
    assert!(features.len() >= 3, "{json:#}");
    let csv_out = dir.path().join("events.csv");
    common::badia(&[
        "extract",
        path.to_str().unwrap(),
        "-o",
        csv_out.to_str().unwrap(),
        "--format",
        "acled-csv",
        "--quiet",
    ]);
    let mut rows = csv::Reader::from_path(&csv_out).unwrap();
    assert_eq!(rows.records().count(), features.len());
}

/// A feed far larger than a pipe holds, written to `dir`.
fn long_feed(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("feed.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    let valid: Vec<&str> = LINES
        .iter()
        .copied()
        .filter(|l| l.starts_with('{'))
        .collect();
    for round in 0..400 {
        for line in &valid {
            let line = line.replacen(r#""id":""#, &format!(r#""id":"r{round}-"#), 1);
            writeln!(f, "{line}").unwrap();
        }
    }
    path
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    // `badia extract … | head`, to standard output or to `-o /dev/stdout`: the reader leaves
    // after a few bytes.
    let dir = tempfile::tempdir().unwrap();
    let path = long_feed(dir.path());
    for to in [&[][..], &["-o", "/dev/stdout"][..]] {
        let mut child = std::process::Command::new(common::BIN)
            .args(["extract", path.to_str().unwrap(), "--format", "ndjson"])
            .args(["--no-merge", "--quiet"])
            .args(to)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 100];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut head).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{to:?}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{to:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn output_to_dev_stdout_appends_to_what_the_shell_opened() {
    // `badia extract FEED -o /dev/stdout >> log`: the log keeps what it had.
    let (dir, path) = corpus();
    let log = dir.path().join("log.txt");
    std::fs::write(&log, "PREVIOUS\n").unwrap();
    let appending = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let out = std::process::Command::new(common::BIN)
        .args(["extract", path.to_str().unwrap(), "--format", "ndjson"])
        .args(["--quiet", "-o", "/dev/stdout"])
        .stdout(appending)
        .output()
        .unwrap();
    // The bad line of the feed makes the exit code 1; the rest is written.
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with("PREVIOUS\n{"), "{text}");
    assert!(text.lines().count() > 2, "{text}");
}
