//! Faults a user meets: a mistyped input must not destroy the previous output, a closed pipe
//! must not make badia panic, positions outside WGS84 and bad lines are reported one by one.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::BIN;

/// A pipe whose reader has already left: writing to it fails with `BrokenPipe`.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    Stdio::from(writer)
}

fn run(args: &[&str], stdout: Stdio, stderr: Stdio) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(common::root())
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .output()
        .expect("run badia")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_mistyped_input_leaves_the_previous_geojson_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("existing.geojson");
    std::fs::write(&out, "PREVIOUS").unwrap();
    let typo = dir.path().join("artciles");
    for format in ["geojson", "acled-csv"] {
        let got = common::badia(&["extract", s(&typo), "-o", s(&out), "--format", format]);
        assert_eq!(got.status.code(), Some(2), "{got:?}");
        let err = String::from_utf8_lossy(&got.stderr);
        assert!(err.contains("no such file"), "{err}");
        assert!(err.contains("no input could be read"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "PREVIOUS");
    }
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // To standard output: a valid empty collection, and exit code 2.
    let got = common::badia(&["extract", s(&typo)]);
    assert_eq!(got.status.code(), Some(2), "{got:?}");
    let v: serde_json::Value = serde_json::from_slice(&got.stdout).unwrap();
    assert_eq!(v["features"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_mistyped_input_leaves_the_previous_map_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map");
    let made = common::badia(&["map", "examples/articles", "-o", s(&map), "--quiet"]);
    assert!(made.status.success(), "{made:?}");
    let before = std::fs::read(map.join("events.geojson")).unwrap();
    let got = common::badia(&["map", s(&dir.path().join("typo_dir")), "-o", s(&map)]);
    assert_eq!(got.status.code(), Some(2), "{got:?}");
    assert!(String::from_utf8_lossy(&got.stderr).contains("no input could be read"));
    assert_eq!(std::fs::read(map.join("events.geojson")).unwrap(), before);
    assert!(got.stdout.is_empty(), "no iframe for a map not written");
}

#[test]
fn an_input_read_without_articles_still_writes() {
    // An empty file was read: the output is written (empty), exit code 1 for the warning.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = dir.path().join("out.geojson");
    std::fs::write(&out, "PREVIOUS").unwrap();
    let got = common::badia(&["extract", s(&empty), "-o", s(&out)]);
    assert_eq!(got.status.code(), Some(1), "{got:?}");
    assert_ne!(std::fs::read_to_string(&out).unwrap(), "PREVIOUS");
}

#[test]
fn a_closed_standard_error_is_no_panic_and_the_output_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.geojson");
    let got = run(
        &["extract", "examples/articles", "-o", s(&out)],
        Stdio::null(),
        closed_pipe(),
    );
    assert_eq!(got.status.code(), Some(0), "{got:?}");
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).unwrap()).expect("complete GeoJSON");
    assert!(!v["features"].as_array().unwrap().is_empty());

    // A diagnostic (a missing file beside a good one) to a closed standard error.
    let got = run(
        &[
            "extract",
            "examples/articles",
            "no_such_file",
            "-o",
            s(&out),
        ],
        Stdio::null(),
        closed_pipe(),
    );
    assert_eq!(got.status.code(), Some(1), "{got:?}");
}

#[test]
fn a_closed_standard_output_is_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map");
    // `badia map … | head -0`: the map is written, the iframe line is lost.
    let got = run(
        &["map", "examples/articles", "-o", s(&map)],
        closed_pipe(),
        closed_pipe(),
    );
    assert_eq!(got.status.code(), Some(0), "{got:?}");
    assert!(map.join("index.html").is_file());
    assert!(map.join("events.pmtiles").is_file());

    let got = run(
        &["gazetteer", "lookup", "تدمر"],
        closed_pipe(),
        Stdio::piped(),
    );
    assert_eq!(got.status.code(), Some(0), "{got:?}");
    assert!(got.stderr.is_empty(), "{got:?}");

    let got = run(&["gazetteer", "check"], closed_pipe(), Stdio::piped());
    assert_ne!(got.status.code(), Some(101), "{got:?}");
    assert!(got.stderr.is_empty(), "{got:?}");
}

/// `n` NDJSON events at one point (Palmyra), on different days.
fn events_at_one_point(path: &Path, n: usize) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        writeln!(
            f,
            r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[38.2684,34.556]}},"properties":{{"event_id":"e{i}","fatalities":1,"event_date":"2020-01-{:02}"}}}}"#,
            i % 28 + 1
        )
        .unwrap();
    }
    f.flush().unwrap();
}

/// Runs badia with its address space limited to `mb` MB (`ulimit -v`), so that a run that
/// would take more fails at once instead of loading the machine.
#[cfg(target_os = "linux")]
fn badia_within(mb: u64, args: &[&str]) -> Output {
    let mut script = format!("ulimit -v {} && exec \"$0\"", mb * 1024);
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh")
        // Threads reserve address space for their stacks: as many on every machine.
        .env("RAYON_NUM_THREADS", "2")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .args(args)
        .current_dir(common::root())
        .output()
        .expect("run badia")
}

#[cfg(target_os = "linux")]
#[test]
fn many_events_at_one_point_cluster_and_tile_in_bounded_memory() {
    // Every neighbour pair of 100,000 events at one point would be 10^10 pairs.
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("palmyra.ndjson");
    events_at_one_point(&events, 100_000);
    let clusters = dir.path().join("clusters.geojson");
    let got = badia_within(1500, &["cluster", "-q", s(&events), "-o", s(&clusters)]);
    assert_eq!(got.status.code(), Some(0), "{got:?}");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&clusters).unwrap()).unwrap();
    let zoom0: Vec<_> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["zoom"] == 0)
        .collect();
    assert_eq!(zoom0.len(), 1);
    assert_eq!(zoom0[0]["properties"]["point_count"], 100_000);
    assert_eq!(zoom0[0]["properties"]["fatalities"], 100_000);

    let tiles = dir.path().join("palmyra.pmtiles");
    let got = badia_within(
        1500,
        &["tiles", "-q", "--no-places", s(&events), "-o", s(&tiles)],
    );
    assert_eq!(got.status.code(), Some(0), "{got:?}");
    assert!(std::fs::metadata(&tiles).unwrap().len() > 0);
}

#[test]
fn serve_runs_on_when_nobody_reads_its_banner() {
    // `badia serve DIR | head -0`: the banner cannot be printed; the server goes on.
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", s(dir.path()), "--port", "0"])
        .stdout(closed_pipe())
        .stderr(closed_pipe())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let status = child.try_wait().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, None, "serve ended: {status:?}");
}

fn feature(lon: &str, lat: &str) -> String {
    format!(
        r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{lon},{lat}]}},"properties":{{"event_id":"e","fatalities":2,"event_date":"2021-05-04"}}}}"#
    )
}

#[test]
fn tiles_reject_positions_outside_wgs84_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        feature("38.27", "34.55"),
        feature("38.27", "91"),
        feature("1e308", "34.55"),
        feature("-180.5", "0"),
        feature("40.14", "35.33"),
    ];
    let ndjson = dir.path().join("events.ndjson");
    std::fs::write(&ndjson, lines.join("\n") + "\n").unwrap();
    let collection = dir.path().join("events.geojson");
    std::fs::write(
        &collection,
        format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
            lines.join(",\n")
        ),
    )
    .unwrap();
    for input in [&ndjson, &collection] {
        let out = dir.path().join("events.pmtiles");
        let got = common::badia(&["tiles", s(input), "-o", s(&out), "--no-places"]);
        assert_eq!(got.status.code(), Some(1), "{got:?}");
        let err = String::from_utf8_lossy(&got.stderr);
        let name = input.file_name().unwrap().to_str().unwrap();
        let bad: Vec<&str> = err
            .lines()
            .filter(|l| l.contains("outside WGS84"))
            .collect();
        assert_eq!(bad.len(), 3, "{err}");
        assert!(bad.iter().all(|l| l.contains(name)), "{err}");
        if input == &ndjson {
            for line in [2, 3, 4] {
                assert!(err.contains(&format!("{name}:{line}:")), "{err}");
            }
        }
        assert!(err.contains("badia: 2 events"), "{err}");
    }
}

#[test]
fn cluster_skips_only_the_bad_ndjson_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("events.ndjson");
    let text = [
        feature("38.27", "34.55"),
        "this line is not JSON".to_string(),
        feature("38.28", "34.56"),
        feature("40.14", "35.33"),
    ]
    .join("\n");
    std::fs::write(&input, text + "\n").unwrap();
    let out = dir.path().join("clusters.geojson");
    let got = common::badia(&["cluster", s(&input), "-o", s(&out), "--zoom", "5"]);
    assert_eq!(got.status.code(), Some(1), "{got:?}");
    let err = String::from_utf8_lossy(&got.stderr);
    assert!(err.contains("events.ndjson:2:"), "{err}");
    assert!(err.contains("not a JSON feature"), "{err}");
    assert!(err.contains("badia: 3 events"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let counted: u64 = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["point_count"].as_u64().unwrap_or(1))
        .sum();
    assert_eq!(counted, 3);
}

#[cfg(target_os = "linux")]
#[test]
fn a_huge_text_page_is_not_read_whole() {
    // 900 MB (a sparse file: no disk used), under an address space of 600 MB: only what the
    // 16 MiB page limit needs is read.
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(900 << 20).unwrap();
    drop(f);
    std::fs::write(
        dir.path().join("good.txt"),
        "قتل ثلاثة عناصر من قوات النظام بهجوم لتنظيم داعش على حاجز في مدينة تدمر.",
    )
    .unwrap();
    let got = badia_within(600, &["extract", "-q", s(dir.path()), "--format", "ndjson"]);
    assert_eq!(got.status.code(), Some(1), "{got:?}");
    let err = String::from_utf8_lossy(&got.stderr);
    assert!(err.contains("huge.txt: error: not text"), "{err}");
    assert!(String::from_utf8_lossy(&got.stdout).contains("Palmyra"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_json_lines_line_over_the_limit_is_skipped_without_being_held() {
    use std::io::Write;
    // A 400 MB line between two good ones, under an address space of 500 MB.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let good = r#"{"id":"a","text":"قتل ثلاثة عناصر من قوات النظام بهجوم لتنظيم داعش على حاجز في مدينة تدمر."}"#;
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "{good}").unwrap();
    write!(f, r#"{{"id":"b","text":""#).unwrap();
    let block = vec![b'x'; 1 << 20];
    for _ in 0..400 {
        f.write_all(&block).unwrap();
    }
    writeln!(f, r#""}}"#).unwrap();
    writeln!(f, "{}", good.replace(r#""a""#, r#""c""#)).unwrap();
    f.flush().unwrap();
    drop(f);
    // The two good lines are one incident told twice: kept apart to count them.
    let got = badia_within(
        500,
        &[
            "extract",
            "-q",
            s(&path),
            "--format",
            "ndjson",
            "--no-merge",
        ],
    );
    assert_eq!(got.status.code(), Some(1), "{got:?}");
    let err = String::from_utf8_lossy(&got.stderr);
    assert!(err.contains("feed.jsonl:2: warning: record of"), "{err}");
    assert!(err.contains("longer than the limit"), "{err}");
    let out = String::from_utf8_lossy(&got.stdout);
    assert_eq!(out.matches(r#""location":"Palmyra""#).count(), 2, "{out}");
}
