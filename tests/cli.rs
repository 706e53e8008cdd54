//! The command line end to end: the `badia` binary on the bundled examples and on files
//! written here, with its output, diagnostics and exit codes.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
use common::{badia, root, BIN};

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("output written"))
        .expect("output is JSON")
}

/// The GeoJSON `badia extract` writes for the JSON Lines `lines`.
fn extract_lines(lines: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let out_path = dir.path().join("out.geojson");
    let out = badia(&[
        "extract",
        "-q",
        feed.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    read_json(&out_path)
}

fn features(collection: &Value) -> &Vec<Value> {
    assert_eq!(collection["type"], "FeatureCollection");
    collection["features"].as_array().expect("features array")
}

fn prop<'a>(f: &'a Value, key: &str) -> &'a Value {
    &f["properties"][key]
}

fn article_ids(f: &Value) -> Vec<String> {
    prop(f, "article_ids")
        .as_str()
        .expect("article_ids string")
        .split("; ")
        .map(String::from)
        .collect()
}

fn from_article<'a>(fs: &'a [Value], id: &str) -> Vec<&'a Value> {
    fs.iter()
        .filter(|f| article_ids(f).iter().any(|a| a == id))
        .collect()
}

/// (lon, lat) of a Point feature.
fn point(f: &Value) -> [f64; 2] {
    assert_eq!(f["geometry"]["type"], "Point");
    let c = f["geometry"]["coordinates"].as_array().unwrap();
    [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()]
}

/// Great-circle km between (lat, lon) and a GeoJSON-order (lon, lat) point.
fn km(lat: f64, lon: f64, p: [f64; 2]) -> f64 {
    badia::geodesy::distance_km([lon, lat], p)
}

/// Runs `extract examples/articles` into a temporary file and returns the collection.
fn examples(extra: &[&str]) -> (Output, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.geojson");
    let mut args = vec!["extract", "examples/articles", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = badia(&args);
    assert!(
        matches!(code(&run), 0 | 1),
        "exit {}: {}",
        code(&run),
        stderr(&run)
    );
    let json = read_json(&out);
    (run, json)
}

const AL_KAWM: (f64, f64) = (35.19224, 38.85746);
const AS_SUKHNAH: (f64, f64) = (34.88533, 38.8711);
const JABLEH: (f64, f64) = (35.3609, 35.9214);

#[test]
fn examples_give_a_feature_collection() {
    let (run, json) = examples(&[]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let fs = features(&json);
    assert!(!fs.is_empty());
    assert!(stderr(&run).contains("5 articles"), "{}", stderr(&run));
}

#[test]
fn sukhnah_ambush() {
    let (_, json) = examples(&[]);
    let fs = features(&json);
    let evs = from_article(fs, "01_sukhnah_ambush.txt");
    assert_eq!(evs.len(), 1, "one incident in the article: {evs:#?}");
    let f = evs[0];
    assert_eq!(prop(f, "fatalities"), 9);
    assert_eq!(prop(f, "injured"), 6);
    assert_eq!(prop(f, "event_date"), "2024-03-12");
    assert_eq!(prop(f, "time_precision"), 1);
    assert_eq!(prop(f, "event_type"), "Battles");
    assert_eq!(prop(f, "sub_event_type"), "Armed clash");
    assert_eq!(prop(f, "actor1"), "Islamic State (Syria)");
    assert_eq!(prop(f, "actor2"), "Military Forces of Syria (2000-2024)");
    assert_eq!(prop(f, "admin1"), "Homs");
    let p = point(f);
    assert!(
        km(AL_KAWM.0, AL_KAWM.1, p) <= 15.0 || km(AS_SUKHNAH.0, AS_SUKHNAH.1, p) <= 15.0,
        "ambush near al-Kawm / al-Sukhnah, got {p:?}"
    );
    assert_eq!(
        prop(f, "source_url"),
        "https://example-badia-news.org/2024/03/12/ambush-sukhnah"
    );
    let evidence = prop(f, "evidence").as_str().unwrap();
    assert!(evidence.contains("بكمين"), "{evidence}");
}

#[test]
fn sukhnah_ambush_spread_is_nine() {
    let (_, json) = examples(&[]);
    let fs = features(&json);
    let f = from_article(fs, "01_sukhnah_ambush.txt")[0];
    assert_eq!(prop(f, "fatalities_low"), 9);
    assert_eq!(prop(f, "fatalities_high"), 9);
}

#[test]
fn sukhnah_article_context_is_not_an_event() {
    let (_, json) = examples(&[]);
    let fs = features(&json);
    for f in from_article(fs, "01_sukhnah_ambush.txt") {
        let p = point(f);
        // The victim's home town (its sentence may be evidence, never the place).
        assert!(km(JABLEH.0, JABLEH.1, p) > 50.0, "event at Jableh: {f:#}");
        assert_ne!(prop(f, "admin1"), "Latakia");
        // The statistics sentence (312 since the start of the year).
        assert_ne!(prop(f, "fatalities"), 312);
        let evidence = prop(f, "evidence").as_str().unwrap();
        assert!(!evidence.contains("312"), "{evidence}");
        // The "most read" headline after the article.
        assert!(!evidence.contains("رعاة"), "{evidence}");
        assert!(!evidence.contains("الأكثر قراءة"), "{evidence}");
    }
    for f in fs {
        assert_ne!(prop(f, "fatalities"), 312);
        assert!(
            !prop(f, "evidence").as_str().unwrap().contains("خمسة رعاة"),
            "the most-read headline became an event: {f:#}"
        );
    }
}

#[test]
fn properties_have_the_types_qgis_needs() {
    let (_, json) = examples(&[]);
    for f in features(&json) {
        assert_eq!(f["type"], "Feature");
        let p = &f["properties"];
        match &p["event_date"] {
            Value::Null => {}
            Value::String(s) => {
                assert!(
                    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10,
                    "event_date {s}"
                )
            }
            other => panic!("event_date {other}"),
        }
        assert!(p["fatalities"].is_u64(), "fatalities {}", p["fatalities"]);
        for k in ["injured", "fatalities_low", "fatalities_high"] {
            assert!(p[k].is_u64() || p[k].is_null(), "{k} {}", p[k]);
        }
        let gp = p["geo_precision"].as_u64().expect("geo_precision integer");
        assert!((1..=3).contains(&gp));
        let tp = p["time_precision"]
            .as_u64()
            .expect("time_precision integer");
        assert!((1..=3).contains(&tp));
        let c = p["confidence"].as_f64().expect("confidence number");
        assert!((0.0..=1.0).contains(&c));
        for k in [
            "event_id",
            "event_type",
            "sub_event_type",
            "location",
            "gazetteer_id",
        ] {
            assert!(p[k].as_str().is_some_and(|s| !s.is_empty()), "{k} {}", p[k]);
        }
        let geom = &f["geometry"];
        match geom["type"].as_str() {
            Some("Point") => assert_eq!(geom["coordinates"].as_array().unwrap().len(), 2),
            Some("LineString") => assert!(geom["coordinates"].as_array().unwrap().len() >= 2),
            other => panic!("geometry {other:?}"),
        }
    }
}

#[test]
fn event_ids_are_unique_and_stable() {
    let (_, a) = examples(&[]);
    let (_, b) = examples(&[]);
    let ids = |j: &Value| -> Vec<String> {
        features(j)
            .iter()
            .map(|f| prop(f, "event_id").as_str().unwrap().to_string())
            .collect()
    };
    let (ia, ib) = (ids(&a), ids(&b));
    assert_eq!(ia, ib);
    let mut sorted = ia.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ia.len());
}

#[test]
fn rusafa_reports_are_merged() {
    let (_, json) = examples(&[]);
    let fs = features(&json);
    let evs = from_article(fs, "feed-001");
    assert_eq!(evs.len(), 1, "{evs:#?}");
    assert_eq!(article_ids(evs[0]), ["feed-001", "feed-002"]);
    assert_eq!(prop(evs[0], "fatalities"), 14);
    assert!(prop(evs[0], "merged_because").is_string());
}

#[test]
fn rusafa_reports_both_land_at_resafa() {
    let (_, json) = examples(&[]);
    let fs = features(&json);
    for id in ["feed-001", "feed-002"] {
        let evs = from_article(fs, id);
        assert!(!evs.is_empty(), "no event from {id}");
        for f in evs {
            assert_eq!(prop(f, "gazetteer_id"), "wikipedia:Resafa");
            assert_eq!(prop(f, "event_date"), "2023-11-08");
            assert_eq!(prop(f, "fatalities"), 14);
            assert_eq!(prop(f, "admin1"), "Raqqa");
        }
    }
}

#[test]
fn undated_reports_naming_one_victim_are_one_incident() {
    // Two outlets, no dates: an early toll and an IED against a later toll and an attack,
    // the officer named in both (written shorter by one).
    let lines = [
        r#"{"id":"one","text":"قتل عنصران من قوات النظام بانفجار عبوة ناسفة في بادية الرصافة بريف الرقة، وعرف من القتلى النقيب “سامر يوسف الخليل”."}"#,
        r#"{"id":"two","text":"قتل خمسة عناصر من قوات النظام بهجوم شنه مسلحون على دورية في بادية الرصافة بريف الرقة، بينهم ضابط برتبة نقيب يدعى (سامر الخليل)."}"#,
        r#"{"id":"three","text":"قتل ثلاثة عناصر من قوات النظام بهجوم شنه مسلحون على دورية في بادية الرصافة بريف الرقة."}"#,
    ];
    let json = extract_lines(&lines);
    let fs = features(&json);
    let one = from_article(fs, "one");
    assert_eq!(one.len(), 1, "{fs:#?}");
    assert_eq!(article_ids(one[0]), ["one", "two"]);
    let why = prop(one[0], "merged_because").as_str().unwrap_or("");
    assert!(why.contains("same victim named"), "{why}");
    // The third report names nobody: a patrol at a place where attacks recur stays apart.
    assert_eq!(article_ids(from_article(fs, "three")[0]), ["three"]);
}

#[test]
fn an_undated_report_writing_the_day_of_a_dated_one_joins_it() {
    // A dated report with no toll, and a round-up with no date that recalls the attack by
    // its day and month; a third recalls another day at the same town.
    let lines = [
        r#"{"id":"dated","published":"2023-08-08","text":"قتل وجرح عناصر من قوات النظام مساء أمس الإثنين بهجوم لتنظيم داعش على حواجز في بلدة معدان عتيق بريف الرقة."}"#,
        r#"{"id":"recall","text":"أصيب جندي بانفجار لغم في بادية تدمر. وكان قتل أربعة عناصر من قوات النظام في 7 آب بهجوم لتنظيم داعش على حواجز في بلدة معدان عتيق بريف الرقة."}"#,
        r#"{"id":"other","text":"قتل 4 جنود في 9 آب إثر هجوم مسلحين على نقطة للجيش ببلدة معدان عتيق."}"#,
    ];
    let json = extract_lines(&lines);
    let fs = features(&json);
    let dated = from_article(fs, "dated");
    assert_eq!(dated.len(), 1, "{fs:#?}");
    assert_eq!(article_ids(dated[0]), ["dated", "recall"]);
    assert_eq!(prop(dated[0], "event_date"), "2023-08-07");
    let why = prop(dated[0], "merged_because").as_str().unwrap_or("");
    assert!(why.contains("same day (7 August)"), "{why}");
    assert_eq!(article_ids(from_article(fs, "other")[0]), ["other"]);
}

#[test]
fn no_merge_keeps_the_rusafa_reports_apart() {
    let (_, json) = examples(&["--no-merge"]);
    let fs = features(&json);
    let one = from_article(fs, "feed-001");
    let two = from_article(fs, "feed-002");
    assert_eq!(one.len(), 1);
    assert_eq!(two.len(), 1);
    assert_eq!(article_ids(one[0]), ["feed-001"]);
    assert_eq!(article_ids(two[0]), ["feed-002"]);
    assert!(fs.iter().all(|f| prop(f, "merged_because").is_null()));
    assert_eq!(prop(one[0], "source"), "SY24 example");
    assert_eq!(prop(two[0], "source_url"), "https://example-sham.net/a/2");
}

#[test]
fn ndjson_writes_one_feature_per_line() {
    let (_, collection) = examples(&[]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.ndjson");
    let run = badia(&[
        "extract",
        "examples/articles",
        "--format",
        "ndjson",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), features(&collection).len());
    for (line, expected) in lines.iter().zip(features(&collection)) {
        let f: Value = serde_json::from_str(line).expect("each line is JSON");
        assert_eq!(f["type"], "Feature");
        assert_eq!(prop(&f, "event_id"), prop(expected, "event_id"));
    }
}

#[test]
fn reads_standard_input() {
    let out = extract_stdin(
        "قتل أربعة عناصر من قوات النظام بهجوم لتنظيم داعش قرب مدينة السخنة بريف حمص \
         الشرقي، يوم الأحد 14 أيار 2023.",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).expect("GeoJSON on stdout");
    let fs = features(&json);
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(prop(&fs[0], "gazetteer_id"), "geonames:172425");
    assert_eq!(prop(&fs[0], "event_date"), "2023-05-14");
    assert_eq!(prop(&fs[0], "fatalities"), 4);
    assert_eq!(article_ids(&fs[0]), ["stdin"]);
}

/// `badia extract -` on `text` given on standard input.
fn extract_stdin(text: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(["extract", "-q", "-"])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_one_line_report_on_standard_input_is_read() {
    // One line without a final stop is the report, not a headline without a body.
    for (text, dead) in [
        ("قتل عنصر من قوات النظام بانفجار لغم في بادية السخنة", 1),
        ("قتل عنصر من قوات النظام بانفجار لغم في بادية السخنة\n", 1),
        (
            "عاجل | مقتل عنصرين من قوات النظام بانفجار لغم أرضي قرب السخنة",
            2,
        ),
        ("مقتل 3 جنود بهجوم لخلايا التنظيم في بادية السخنة", 3),
    ] {
        let out = extract_stdin(text);
        assert_eq!(code(&out), 0, "{text}: {}", stderr(&out));
        let json: Value = serde_json::from_str(&stdout(&out)).expect("GeoJSON on stdout");
        let fs = features(&json);
        assert_eq!(fs.len(), 1, "{text}: {fs:#?}");
        assert_eq!(prop(&fs[0], "gazetteer_id"), "geonames:172425", "{text}");
        assert_eq!(prop(&fs[0], "fatalities"), dead, "{text}");
    }
}

#[test]
fn a_place_the_gazetteer_lacks_is_named_in_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("wadi.txt");
    std::fs::write(
        &article,
        "مقتل ثلاثة رعاة\n\nقتل ثلاثة رعاة بانفجار لغم في وادي الخشخشة في بادية السخنة.\n",
    )
    .unwrap();
    let out_path = dir.path().join("out.geojson");
    let out = Command::new(BIN)
        .arg("extract")
        .arg(&article)
        .arg("-o")
        .arg(&out_path)
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("wadi.txt") && err.contains("«وادي الخشخشة» is not in the gazetteer"),
        "{err}"
    );
    let json = read_json(&out_path);
    let fs = features(&json);
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(
        prop(&fs[0], "location_text"),
        "وادي الخشخشة في بادية السخنة"
    );
    assert_eq!(prop(&fs[0], "geo_precision"), 2);
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("feed.jsonl"),
        concat!(
            r#"{"id":"feed-ok","published":"2023-05-23","text":"قتل عنصران من قوات النظام بهجوم لتنظيم داعش قرب مدينة السخنة، يوم الثلاثاء 23 أيار 2023."}"#,
            "\n",
            r#"{"id": "feed-broken", "text": "قتل"#,
            "\n",
        ),
    )
    .unwrap();
    std::fs::write(d.join("notext.csv"), "id,body\n1,قتل عنصر\n").unwrap();
    std::fs::write(
        d.join("good.txt"),
        "URL: https://example.org/a\n\nقتل ثلاثة عناصر من ميليشيا الدفاع الوطني بهجوم لتنظيم \
         داعش على موقع عسكري قرب بلدة الطيبة شمال السخنة بريف حمص الشرقي، يوم الخميس 7 آذار \
         2024.\n",
    )
    .unwrap();
    let out = d.join("out.geojson");
    let path = |n: &str| d.join(n).to_str().unwrap().to_string();
    let (feed, csv, missing, good) = (
        path("feed.jsonl"),
        path("notext.csv"),
        path("missing.txt"),
        path("good.txt"),
    );
    let run = badia(&[
        "extract",
        &feed,
        &csv,
        &missing,
        &good,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains(&format!("{feed}:2:")), "{err}");
    assert!(!err.contains(&format!("{feed}:1:")), "{err}");
    assert!(err.contains(&csv), "{err}");
    assert!(err.contains("text"), "{err}");
    assert!(err.contains(&missing), "{err}");
    let json = read_json(&out);
    let fs = features(&json);
    let good_events = from_article(fs, "good.txt");
    assert_eq!(good_events.len(), 1, "{fs:#?}");
    assert_eq!(prop(good_events[0], "gazetteer_id"), "geonames:172329");
    assert_eq!(prop(good_events[0], "fatalities"), 3);
    assert_eq!(from_article(fs, "feed-ok").len(), 1);
}

#[test]
fn output_in_a_missing_folder_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no").join("such").join("events.geojson");
    let run = badia(&["extract", "examples/articles", "-o", out.to_str().unwrap()]);
    assert_eq!(code(&run), 2, "{}", stderr(&run));
    assert!(!out.exists());
    assert!(!dir.path().join("no").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_failed_write_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.geojson");
    let old = "{\"type\":\"FeatureCollection\",\"features\":[]}\n";
    std::fs::write(&out, old).unwrap();
    // A file size limit of 512 bytes makes the write of the new output fail (EFBIG, with
    // SIGXFSZ ignored) after the temporary file has been created.
    let run = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1 && exec \"$0\" extract examples/articles -o \"$1\"")
        .arg(BIN)
        .arg(&out)
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(code(&run), 2, "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), old);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("events.geojson")]);
}

#[test]
fn an_unreadable_gazetteer_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.geojson");
    std::fs::write(&out, "old").unwrap();
    let missing = dir.path().join("missing.csv");
    let run = badia(&[
        "extract",
        "examples/articles",
        "--gazetteer",
        missing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&run), 2);
    assert!(stderr(&run).contains("gazetteer"), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
}

#[test]
fn a_successful_run_replaces_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.geojson");
    std::fs::write(&out, "old").unwrap();
    let run = badia(&["extract", "examples/articles", "-o", out.to_str().unwrap()]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert!(!features(&read_json(&out)).is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn gazetteer_check_reports_broken_rows_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("g.csv");
    std::fs::write(
        &csv,
        "id,name_ar,name_en,alt_names,lat,lon,kind,admin1,admin2,population,ends,source\n\
         test:a,قرية الاختبار,Test village,,35.1,38.9,village,Homs,Tadmur,,,test\n\
         test:b,قرية ثانية,Second,,abc,38.9,village,Homs,Tadmur,,,test\n\
         test:c,موقع,Site,,35.2,38.8,spaceport,Homs,Tadmur,,,test\n\
         test:a,مكرر,Duplicate,,35.3,38.7,village,Homs,Tadmur,,,test\n\
         test:e,,No Arabic,,35.4,38.6,village,Homs,Tadmur,,,test\n\
         test:f,طريق مجهول,Road,,35.4,38.6,road,,,,test:a|test:zz,test\n",
    )
    .unwrap();
    let name = csv.to_str().unwrap();
    let run = badia(&["gazetteer", "check", name]);
    assert_eq!(code(&run), 1);
    let text = stdout(&run);
    for (line, what) in [
        (3, "abc"),
        (4, "spaceport"),
        (5, "test:a"),
        (6, "test:e"),
        (7, "test:zz"),
    ] {
        let hit = text
            .lines()
            .find(|l| l.starts_with(&format!("{name}:{line}:")))
            .unwrap_or_else(|| panic!("no diagnostic for line {line}: {text}"));
        assert!(hit.contains(what), "{hit}");
    }
    assert!(!text.contains(&format!("{name}:2:")), "{text}");
    assert!(text.contains("6 rows, 5 errors"), "{text}");
}

#[test]
fn gazetteer_check_passes_the_bundled_gazetteer() {
    let run = badia(&["gazetteer", "check"]);
    assert_eq!(code(&run), 0, "{}", stdout(&run));
    assert!(stdout(&run).contains(" 0 errors"));
}

#[test]
fn gazetteer_lookup_lists_every_salihiyah() {
    let run = badia(&["gazetteer", "lookup", "الصالحية"]);
    assert_eq!(code(&run), 0);
    let text = stdout(&run);
    let candidates = text.lines().filter(|l| l.starts_with("  ")).count();
    assert!(candidates >= 10, "{text}");
    assert!(text.contains("geonames:172483"), "{text}");
}

#[test]
fn gazetteer_lookup_of_a_common_word_needs_a_place_word() {
    let run = badia(&["gazetteer", "lookup", "تدمر"]);
    assert_eq!(code(&run), 1);
    let text = stdout(&run);
    assert!(text.contains("no match"), "{text}");
    assert!(text.contains("مدينة تدمر"), "{text}");

    let run = badia(&["gazetteer", "lookup", "مدينة تدمر"]);
    assert_eq!(code(&run), 0);
    let text = stdout(&run);
    assert!(text.contains("Palmyra"), "{text}");
    assert!(text.contains("geonames:163808"), "{text}");
}

#[test]
fn bad_arguments_exit_2() {
    let run = badia(&["extract", "--format", "shapefile", "examples/articles"]);
    assert_eq!(code(&run), 2);
}

/// A folder with an RSS feed, a Telegram channel export (`.json`, not JSON Lines) and a text
/// page dated only by its address.
fn dated_inputs(dir: &Path) {
    let feed = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>شبكة أخبار البادية</title>
<item><title>مقتل عنصرين بانفجار لغم في بادية السخنة</title>
<link>https://news.example.org/p/101</link>
<pubDate>Fri, 19 Apr 2024 01:30:00 +0300</pubDate>
<description><![CDATA[<p>قتل عنصران من قوات النظام أمس الخميس بانفجار لغم أرضي قرب مدينة السخنة.</p>]]></description>
</item></channel></rss>"#;
    let export = r#"{
 "name": "قناة الرصد",
 "type": "public_channel",
 "id": 1234567,
 "messages": [
  {"id": 8, "type": "message", "date": "2024-04-19T08:10:00",
   "text": ["عاجل | ", {"type": "bold", "text": "مقتل عنصرين"}, " من قوات النظام بانفجار لغم أرضي قرب مدينة السخنة أمس."]}
 ]
}"#;
    let page = "URL: https://other.example.net/news/2024/04/20/mine\n\nعنوان\n\n\
                قتل عنصران من قوات النظام بانفجار لغم أرضي قرب مدينة السخنة يوم الخميس.\n";
    std::fs::write(dir.join("feed.xml"), feed).unwrap();
    std::fs::write(dir.join("result.json"), export).unwrap();
    std::fs::write(dir.join("page.txt"), page).unwrap();
}

#[test]
fn feeds_channel_exports_and_addresses_date_the_reports() {
    let dir = tempfile::tempdir().unwrap();
    dated_inputs(dir.path());
    let out = dir.path().join("events.geojson");
    let args = ["extract", dir.path().to_str().unwrap(), "--no-merge"];
    let run = badia(&[&args[..], &["-o", out.to_str().unwrap()]].concat());
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let collection = read_json(&out);
    let fs = features(&collection);
    let by_source: Vec<(String, String, String)> = fs
        .iter()
        .map(|f| {
            let s = |k| prop(f, k).as_str().unwrap_or("").to_string();
            (s("source_url"), s("event_date"), s("date_source"))
        })
        .collect();
    // Every report is the Thursday, 18 April 2024, read against its own publication date.
    for (url, date, source) in &by_source {
        assert_eq!(date, "2024-04-18", "{url}");
        assert_eq!(source, "text", "{url}");
    }
    let urls: Vec<&str> = by_source.iter().map(|(u, _, _)| u.as_str()).collect();
    assert!(urls.contains(&"https://news.example.org/p/101"), "{urls:?}");
    assert!(urls.contains(&"https://t.me/c/1234567/8"), "{urls:?}");
    // Merged, the three reports are one incident: same day, place and type.
    let merged = dir.path().join("merged.geojson");
    let run = badia(&[
        "extract",
        dir.path().to_str().unwrap(),
        "-o",
        merged.to_str().unwrap(),
    ]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let collection = read_json(&merged);
    let fs = features(&collection);
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(article_ids(&fs[0]).len(), 3);
}

#[test]
fn gazetteer_suggest_lists_the_unknown_names_of_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "OUTLET: Test\n\nقتل عنصران من قوات النظام بانفجار لغم في وادي الصفصافيات ببادية السخنة \
         شرقي حمص. وهاجم التنظيم موقعاً قرب جبل القرينيات في بادية تدمر.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "اشتباكات في وادي الصفصافيات بين قوات النظام وخلايا التنظيم، وقصف على حقل التيم النفطي.\n",
    )
    .unwrap();
    let run = badia(&["gazetteer", "suggest", dir.path().to_str().unwrap()]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let text = stdout(&run);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        ["count", "articles", "name", "anchor", "article", "example"]
    );
    // Most frequent first: the wadi twice in two articles, then the mountain.
    assert_eq!(rows[1][..3], ["2", "2", "وادي الصفصافيات"], "{text}");
    assert!(rows[1][3].contains("Sukhnah"), "{text}");
    assert_eq!(rows[2][..3], ["1", "1", "جبل القرينيات"], "{text}");
    assert!(rows[2][3].contains("Palmyra"), "{text}");
    // The al-Taym field is known.
    assert_eq!(rows.len(), 3, "{text}");
}
