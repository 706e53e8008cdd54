//! The GeoPackage read back: through SQLite, and when installed by GDAL (`ogrinfo` and its
//! GeoPackage validator) and QGIS 3.22 (`python3-qgis`), which must open it with the stored
//! style applied.

mod common;

use std::path::Path;
use std::process::Command;

use badia::model::{DisorderType, Event, EventType, Source, SubEventType};
use badia::output::gpkg;
use chrono::NaiveDate;
use rusqlite::Connection;

fn event(id: &str, kind: &str, coords: Vec<[f64; 2]>, dead: u32, day: u32) -> Event {
    Event {
        event_id: id.into(),
        date: NaiveDate::from_ymd_opt(2024, 3, day),
        time_precision: 1,
        event_type: EventType::parse(kind).expect("an ACLED event type"),
        sub_event_type: SubEventType::ArmedClash,
        disorder_type: DisorderType::PoliticalViolence,
        actor1: Some("Islamic State (Syria)".into()),
        inter1: Some(2),
        fatalities: dead,
        injured: (dead > 0).then_some(dead + 1),
        gazetteer_id: "geonames:1".into(),
        location: "Al Kawm".into(),
        location_ar: "الكوم".into(),
        location_text: "قرب بلدة الكوم".into(),
        admin1: "Homs".into(),
        coords,
        geo_precision: 1,
        sources: vec![Source {
            article_id: "a1".into(),
            outlet: Some("Outlet \"A\"".into()),
            url: Some("https://example.org/a1".into()),
        }],
        confidence: 0.85,
        ..Event::default()
    }
}

/// Three points of two types, one undated, and a road (a line) of a third type.
fn sample() -> Vec<Event> {
    vec![
        event("e1", "Battles", vec![[38.852, 35.209]], 4, 3),
        event("e2", "Battles", vec![[38.86, 35.21]], 0, 5),
        Event {
            date: None,
            ..event(
                "e3",
                "Explosions/Remote violence",
                vec![[40.14, 35.33]],
                17,
                1,
            )
        },
        event(
            "e4",
            "Violence against civilians",
            vec![[38.3, 34.6], [38.6, 34.7], [39.0, 34.9]],
            2,
            9,
        ),
    ]
}

fn written(events: &[Event]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.gpkg");
    assert_eq!(gpkg::write(&path, events).unwrap(), events.len() as u64);
    (dir, path)
}

#[test]
fn the_tables_the_standard_asks_for_hold_the_events() {
    let events = sample();
    let (dir, path) = written(&events);
    let db = Connection::open(&path).unwrap();
    let pragma = |p: &str| -> i64 {
        db.query_row(&format!("PRAGMA {p}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(pragma("application_id"), 0x4750_4B47);
    assert_eq!(pragma("user_version"), 10200);
    let rows = |sql: &str| -> Vec<String> {
        let mut st = db.prepare(sql).unwrap();
        st.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        rows("SELECT table_name || ' ' || data_type FROM gpkg_contents ORDER BY 1"),
        [
            "event_roads features",
            "events features",
            "layer_styles attributes"
        ]
    );
    assert_eq!(
        rows("SELECT table_name || ' ' || geometry_type_name || ' ' || srs_id FROM gpkg_geometry_columns ORDER BY 1"),
        ["event_roads LINESTRING 4326", "events POINT 4326"]
    );
    assert_eq!(
        rows("SELECT table_name || ' ' || extension_name FROM gpkg_extensions ORDER BY 1"),
        ["event_roads gpkg_rtree_index", "events gpkg_rtree_index"]
    );
    // Every event is a point; the road's is its middle vertex, and its line is in event_roads.
    let count = |t: &str| -> i64 {
        db.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count("events"), 4);
    assert_eq!(count("rtree_events_geom"), 4);
    assert_eq!(count("event_roads"), 1);
    let (minx, maxx): (f64, f64) = db
        .query_row("SELECT minx, maxx FROM rtree_event_roads_geom", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(
        (minx - 38.3).abs() < 1e-4 && (maxx - 39.0).abs() < 1e-4,
        "{minx} {maxx}"
    );
    let extent: (f64, f64, f64, f64) = db
        .query_row(
            "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'events'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(extent, (38.6, 34.7, 40.14, 35.33));
    // Typed values: a date as text, counts as integers, an undated event's date NULL.
    let (date, dead, confidence): (Option<String>, i64, f64) = db
        .query_row(
            "SELECT event_date, fatalities, confidence FROM events WHERE event_id = 'e1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (date.as_deref(), dead, confidence),
        (Some("2024-03-03"), 4, 0.85)
    );
    let undated: Option<String> = db
        .query_row(
            "SELECT event_date FROM events WHERE event_id = 'e3'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(undated, None);
    // One default style per table, a category per type present.
    let styles = rows("SELECT f_table_name || ' ' || useAsDefault FROM layer_styles ORDER BY 1");
    assert_eq!(styles, ["event_roads 1", "events 1"]);
    let qml: String = db
        .query_row(
            "SELECT styleQML FROM layer_styles WHERE f_table_name = 'events'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(qml.matches("<category ").count(), 3);
    drop(db);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["events.gpkg"], "no temporary file left");
}

#[test]
fn without_roads_there_is_no_roads_table() {
    let events: Vec<Event> = sample().into_iter().take(3).collect();
    let (_dir, path) = written(&events);
    let db = Connection::open(&path).unwrap();
    let tables: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name LIKE '%event_roads%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0);
}

#[test]
fn a_failed_write_keeps_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.gpkg");
    std::fs::write(&path, "previous").unwrap();
    let w = gpkg::GpkgWriter::create(&path).unwrap();
    drop(w);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// `extract --format gpkg` writes as many events as the GeoJSON, and refuses standard output.
#[test]
fn extract_writes_a_geopackage() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.gpkg");
    let geojson = dir.path().join("events.geojson");
    let run = |args: &[&str], to: &Path| {
        let o = Command::new(common::BIN)
            .current_dir(common::root())
            .args(["extract", "-q", "examples/articles", "-o"])
            .arg(to)
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run(&["--format", "gpkg"], &out);
    run(&[], &geojson);
    let features: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geojson).unwrap()).unwrap();
    let n = features["features"].as_array().unwrap().len() as i64;
    assert!(n > 0);
    let db = Connection::open(&out).unwrap();
    let count: i64 = db
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, n);
    let o = common::badia(&["extract", "-q", "examples/articles", "--format", "gpkg"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("-o FILE.gpkg"), "{err}");
}

fn installed(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// GDAL reads the field types and the counts, and opens the file without a warning.
#[test]
fn ogrinfo_reads_the_types_and_counts() {
    if !installed("ogrinfo", &["--version"]) {
        eprintln!("ogrinfo not installed: GDAL check skipped");
        return;
    }
    let (_dir, path) = written(&sample());
    let out = Command::new("ogrinfo")
        .args(["-ro", "-al", "-so"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}{err}");
    assert!(err.trim().is_empty(), "GDAL warned: {err}");
    let layer = |name: &str| -> String {
        let start = text
            .find(&format!("Layer name: {name}\n"))
            .unwrap_or_else(|| panic!("no layer {name} in {text}"));
        let rest = &text[start + 1..];
        rest[..rest.find("Layer name: ").unwrap_or(rest.len())].to_string()
    };
    let events = layer("events");
    for want in [
        "Geometry: Point",
        "Feature Count: 4",
        "Extent: (38.600000, 34.700000) - (40.140000, 35.330000)",
        "event_date: Date",
        "fatalities: Integer64",
        "injured: Integer64",
        "geo_precision: Integer64",
        "confidence: Real",
        "location_ar: String",
    ] {
        assert!(events.contains(want), "missing {want:?} in\n{events}");
    }
    let roads = layer("event_roads");
    assert!(roads.contains("Geometry: Line String"), "{roads}");
    assert!(roads.contains("Feature Count: 1"), "{roads}");
}

/// GDAL's own GeoPackage validator (`validate_gpkg.py`, from python3-gdal) finds nothing.
#[test]
fn gdal_validates_the_geopackage() {
    let python = "/usr/bin/python3";
    let module = "osgeo_utils.samples.validate_gpkg";
    if !installed(python, &["-c", &format!("import {module}")]) {
        eprintln!("python3-gdal not installed: GeoPackage validation skipped");
        return;
    }
    for events in [sample(), Vec::new()] {
        let (_dir, path) = written(&events);
        let out = Command::new(python)
            .args(["-m", module])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// QGIS opens both layers with the stored style: categorised by type in the web map's
/// colours, one category per type present, points sized by fatalities; temporal on
/// `event_date` stored (QGIS turns a layer's time on from a project: see
/// `qgis_opens_the_map_folders_project`).
#[test]
fn qgis_opens_it_styled() {
    if !common::has_qgis() {
        eprintln!("python3-qgis not installed: QGIS check skipped");
        return;
    }
    let (dir, path) = written(&sample());
    let args = [path.as_os_str(), "events".as_ref(), "event_roads".as_ref()];
    let text = common::run_qgis("gpkg.py", &args, dir.path(), &[]);
    let lines: Vec<&str> = text.lines().collect();
    for want in [
        "events valid True",
        "events features 4",
        "events field event_date Date",
        "events field fatalities Integer64",
        "events field confidence Real",
        "events renderer categorizedSymbol",
        "events attribute event_type",
        "events category Battles #d55e00 sized",
        "events category Explosions/Remote violence #e69f00 sized",
        "events category Violence against civilians #cc79a7 sized",
        "events temporal False to_datetime(\"event_date\")",
        "event_roads valid True",
        "event_roads features 1",
        "event_roads renderer categorizedSymbol",
        "event_roads category Violence against civilians #cc79a7 fixed",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{text}");
    }
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("events category"))
            .count(),
        3
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("event_roads category"))
            .count(),
        1
    );
}

/// The map folder's project, opened by QGIS after the folder was moved (its paths are
/// relative) and in Damascus's time zone: every layer valid, the events styled and animated
/// on their days, the project's time range the events' first and last days.
#[test]
fn qgis_opens_the_map_folders_project() {
    if !common::has_qgis() {
        eprintln!("python3-qgis not installed: QGIS check skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let written = tmp.path().join("map");
    let out = common::badia(&[
        "map",
        "examples/articles",
        "-q",
        "-o",
        written.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let moved = tmp.path().join("elsewhere");
    std::fs::create_dir(&moved).unwrap();
    let folder = moved.join("published map");
    std::fs::rename(&written, &folder).unwrap();
    let features: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("events.geojson")).unwrap())
            .unwrap();
    let features = features["features"].as_array().unwrap();
    let mut dates: Vec<&str> = features
        .iter()
        .filter_map(|f| f["properties"]["event_date"].as_str())
        .collect();
    dates.sort();
    let types: std::collections::BTreeSet<&str> = features
        .iter()
        .filter_map(|f| f["properties"]["event_type"].as_str())
        .collect();
    let project = [folder.join("badia.qgs")];
    let text = common::run_qgis(
        "project.py",
        &project,
        tmp.path(),
        &[("TZ", "Asia/Damascus")],
    );
    let lines: Vec<&str> = text.lines().collect();
    let first = format!("time_begin {}T00:00:00", dates[0]);
    let last = format!("time_end {}T23:59:59", dates[dates.len() - 1]);
    let events = format!("layer Events features {}", features.len());
    let categories = format!("layer Events categories {}", types.len());
    for want in [
        "read True",
        "crs EPSG:3857",
        "absolute_paths False",
        "layer Events valid True",
        "layer Events visible True",
        events.as_str(),
        "layer Events renderer categorizedSymbol",
        categories.as_str(),
        "layer Events temporal True 4 to_datetime(\"event_date\")",
        "layer Places (gazetteer) valid True",
        "layer Places (gazetteer) labels True",
        "layer Vector tiles (events.mbtiles) valid True",
        "layer Vector tiles (events.mbtiles) visible False",
        "layer Vector tiles (events.mbtiles) tile_zooms 0 14",
        first.as_str(),
        last.as_str(),
        "events_drawn_first_day True",
        "events_drawn_day_before False",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{text}");
    }
    // Every layer the project names was found where it was moved to.
    assert!(!text.contains("valid False"), "{text}");
}
