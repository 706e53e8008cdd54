//! Vector tiles read back: MVT decoded with geozero, PMTiles through the `pmtiles` reader,
//! MBTiles through SQLite and, when installed, GDAL's `ogrinfo`.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use badia::model::{DisorderType, Event, EventType, Place, PlaceKind, Source, SubEventType};
use badia::tiles::{self, TileOptions};
use chrono::NaiveDate;
use geozero::mvt::{tile, Message, Tile};

mod common;

fn event(id: &str, lon: f64, lat: f64, dead: u32, day: u32) -> Event {
    Event {
        event_id: id.into(),
        date: NaiveDate::from_ymd_opt(2024, 3, day),
        time_precision: 1,
        date_source: None,
        event_type: EventType::Battles,
        sub_event_type: SubEventType::ArmedClash,
        disorder_type: DisorderType::PoliticalViolence,
        actor1: Some("Islamic State (Syria)".into()),
        assoc_actor_1: None,
        inter1: Some(2),
        actor2: Some("Military Forces of Syria (2000-2024)".into()),
        assoc_actor_2: None,
        inter2: Some(1),
        fatalities: dead,
        fatalities_low: None,
        fatalities_high: None,
        fatalities_unknown: false,
        injured: Some(3),
        gazetteer_id: "geonames:1".into(),
        location: "Al Kawm".into(),
        location_ar: "الكوم".into(),
        location_text: "قرب بلدة الكوم".into(),
        admin1: "Homs".into(),
        admin2: String::new(),
        coords: vec![[lon, lat]],
        geo_precision: 1,
        sources: vec![
            Source {
                article_id: "a1".into(),
                outlet: Some("Outlet A".into()),
                url: None,
            },
            Source {
                article_id: "a2".into(),
                outlet: None,
                url: None,
            },
        ],
        evidence: vec![],
        confidence: 0.9,
        location_reasons: vec![],
        place_ids: vec![],
        merged_because: None,
        target: None,
        victims: vec![],
        day_of_month: None,
        toll_rose: false,
    }
}

fn place(name: &str, lon: f64, lat: f64, kind: PlaceKind, population: u64) -> Place {
    Place {
        id: format!("test:{name}"),
        name_ar: "تدمر".into(),
        name_en: name.into(),
        alt_names: vec![],
        lat,
        lon,
        kind,
        admin1: String::new(),
        admin2: String::new(),
        population,
        ends: vec![],
        source: String::new(),
    }
}

/// Three events near al-Kawm, one in Deir ez-Zor, and a road from Palmyra to al-Sukhnah.
fn sample() -> (Vec<Event>, Vec<Place>) {
    let mut events = vec![
        event("e1", 38.852, 35.209, 4, 1),
        event("e2", 38.853, 35.210, 0, 5),
        event("e3", 38.851, 35.208, 7, 9),
        event("e4", 40.141, 35.336, 2, 2),
    ];
    // A sub-event type of another type: it does not tell this event's type.
    events[1].sub_event_type = SubEventType::Attack;
    let mut road = event("road", 38.27, 34.55, 1, 3);
    road.coords = vec![[38.27, 34.55], [38.87, 34.85]];
    events.push(road);
    let places = vec![
        place("Palmyra", 38.27, 34.55, PlaceKind::City, 50_000),
        place("Hamlet", 38.5, 34.7, PlaceKind::Village, 0),
        place("Tiyas", 37.6, 34.5, PlaceKind::Site, 0),
    ];
    (events, places)
}

fn opts(max_zoom: u8) -> TileOptions {
    TileOptions {
        max_zoom,
        ..TileOptions::default()
    }
}

/// OSM tile of a point.
fn tile_of(lon: f64, lat: f64, z: u8) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let x = ((lon + 180.0) / 360.0 * n).floor() as u32;
    let lat = lat.to_radians();
    let y = ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n).floor();
    (x, y as u32)
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .expect("tiles are gzip");
    out
}

/// Each feature of a layer as its attributes.
fn features(tile: &Tile, layer: &str) -> Vec<(tile::Feature, HashMap<String, tile::Value>)> {
    let Some(l) = tile.layers.iter().find(|l| l.name == layer) else {
        return vec![];
    };
    assert_eq!(l.version, 2);
    assert_eq!(l.extent, Some(4096));
    l.features
        .iter()
        .map(|f| {
            let tags = f
                .tags
                .chunks(2)
                .map(|kv| {
                    (
                        l.keys[kv[0] as usize].clone(),
                        l.values[kv[1] as usize].clone(),
                    )
                })
                .collect();
            (f.clone(), tags)
        })
        .collect()
}

fn string(v: &tile::Value) -> &str {
    v.string_value.as_deref().expect("a string value")
}

fn uint(v: &tile::Value) -> u64 {
    v.uint_value.expect("an unsigned value")
}

fn mbtile(db: &rusqlite::Connection, z: u8, x: u32, y: u32) -> Tile {
    let row = (1u32 << z) - 1 - y;
    let data: Vec<u8> = db
        .query_row(
            "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
            rusqlite::params![z, x, row],
            |r| r.get(0),
        )
        .expect("tile present (TMS row)");
    Tile::decode(gunzip(&data).as_slice()).expect("an MVT tile")
}

#[test]
fn mbtiles_hold_every_event_at_the_top_zoom_and_clusters_below() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.mbtiles");
    let (events, places) = sample();
    let report = tiles::write(&events, &places, &path, &opts(12)).unwrap();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let db = rusqlite::Connection::open(&path).unwrap();

    // Metadata as MBTiles 1.3 asks.
    let meta: HashMap<String, String> = db
        .prepare("SELECT name, value FROM metadata")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(meta["format"], "pbf");
    assert_eq!(meta["minzoom"], "0");
    assert_eq!(meta["maxzoom"], "12");
    assert!(meta["attribution"].contains("GeoNames"));
    let json: serde_json::Value = serde_json::from_str(&meta["json"]).unwrap();
    let ids: Vec<&str> = json["vector_layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["events", "places"]);

    // Tiles per zoom as reported.
    for z in &report.by_zoom {
        let n: i64 = db
            .query_row(
                "SELECT count(*) FROM tiles WHERE zoom_level = ?1",
                [z.zoom],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n as usize, z.tiles, "zoom {}", z.zoom);
    }

    // Top zoom: e1..e3 one by one with their attributes.
    let (x, y) = tile_of(38.852, 35.209, 12);
    let t = mbtile(&db, 12, x, y);
    let evs = features(&t, "events");
    let mut got: Vec<&str> = evs.iter().map(|(_, a)| string(&a["event_id"])).collect();
    got.sort();
    assert_eq!(got, ["e1", "e2", "e3"]);
    let (f, a) = evs
        .iter()
        .find(|(_, a)| string(&a["event_id"]) == "e3")
        .unwrap();
    assert_eq!(f.r#type, Some(tile::GeomType::Point as i32));
    assert_eq!(uint(&a["fatalities"]), 7);
    assert_eq!(uint(&a["injured"]), 3);
    assert_eq!(uint(&a["source_count"]), 2);
    assert_eq!(string(&a["event_date"]), "2024-03-09");
    assert_eq!(string(&a["location_ar"]), "الكوم");
    assert_eq!(string(&a["actor1"]), "Islamic State (Syria)");
    assert!(!a.contains_key("cluster"));
    // The sub-event type names the type (ACLED's codebook), so the type is not repeated; an
    // event whose sub-event type names another type keeps its type.
    assert_eq!(string(&a["sub_event_type"]), "Armed clash");
    assert!(!a.contains_key("event_type"));
    let (_, a2) = evs
        .iter()
        .find(|(_, a)| string(&a["event_id"]) == "e2")
        .unwrap();
    assert_eq!(string(&a2["event_type"]), "Battles");
    assert_eq!(string(&a2["sub_event_type"]), "Attack");

    // Zoom 8: the three are one cluster with summed dead and their date span.
    let (x, y) = tile_of(38.852, 35.209, 8);
    let t = mbtile(&db, 8, x, y);
    let clusters: Vec<_> = features(&t, "events")
        .into_iter()
        .filter(|(_, a)| a.contains_key("cluster"))
        .collect();
    assert_eq!(clusters.len(), 1);
    let a = &clusters[0].1;
    assert_eq!(uint(&a["point_count"]), 3);
    assert_eq!(uint(&a["fatalities"]), 11);
    assert_eq!(string(&a["date_min"]), "2024-03-01");
    assert_eq!(string(&a["date_max"]), "2024-03-09");
    assert!(uint(&a["expansion_zoom"]) > 8);
    assert!(a.contains_key("cluster_id"));

    // The road is a line at the top zoom.
    let (x, y) = tile_of(38.27, 34.55, 12);
    let t = mbtile(&db, 12, x, y);
    let road = features(&t, "events")
        .into_iter()
        .find(|(_, a)| string(&a["event_id"]) == "road")
        .expect("road in the tile of its start");
    assert_eq!(road.0.r#type, Some(tile::GeomType::Linestring as i32));

    // Places: Palmyra (a city) from zoom 6, the hamlet only from 11, never the site.
    let names = |z: u8, lon: f64, lat: f64| -> Vec<String> {
        let (x, y) = tile_of(lon, lat, z);
        features(&mbtile(&db, z, x, y), "places")
            .iter()
            .map(|(_, a)| string(&a["name_en"]).to_string())
            .collect()
    };
    assert_eq!(names(6, 38.27, 34.55), ["Palmyra"]);
    assert!(names(11, 38.5, 34.7).contains(&"Hamlet".to_string()));
}

#[test]
fn pmtiles_read_back_with_the_pmtiles_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.pmtiles");
    let (events, places) = sample();
    let report = tiles::write(&events, &places, &path, &opts(10)).unwrap();
    assert_eq!(report.by_zoom.len(), 11);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let reader = pmtiles::AsyncPmTilesReader::new_with_path(&path)
            .await
            .unwrap();
        let h = reader.get_header();
        assert_eq!((h.min_zoom, h.max_zoom), (0, 10));
        assert_eq!(h.tile_type, pmtiles::TileType::Mvt);
        assert_eq!(h.tile_compression, pmtiles::Compression::Gzip);
        assert!(h.min_longitude <= 38.27 && h.max_longitude >= 40.141);
        let meta: serde_json::Value =
            serde_json::from_str(&reader.get_metadata().await.unwrap()).unwrap();
        assert_eq!(meta["vector_layers"][0]["id"], "events");
        assert!(meta["attribution"].as_str().unwrap().contains("OpenSyria"));
        let (x, y) = tile_of(40.141, 35.336, 10);
        let data = reader
            .get_tile(pmtiles::TileCoord::new(10, x, y).unwrap())
            .await
            .unwrap()
            .expect("the tile of e4");
        let t = Tile::decode(gunzip(&data).as_slice()).unwrap();
        let evs = features(&t, "events");
        assert_eq!(evs.len(), 1);
        assert_eq!(string(&evs[0].1["event_id"]), "e4");
        // Nothing far from every event and place.
        let none = reader
            .get_tile(pmtiles::TileCoord::new(10, 0, 0).unwrap())
            .await
            .unwrap();
        assert!(none.is_none());
    });
}

#[test]
fn a_crowded_tile_is_thinned_under_the_cap_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crowded.pmtiles");
    // 2000 events in one town: one tile at every zoom.
    let events: Vec<Event> = (0..2000)
        .map(|i| {
            event(
                &format!("crowd-{i}"),
                38.852 + f64::from(i % 40) * 1e-5,
                35.209 + f64::from(i / 40) * 1e-5,
                1,
                1 + i % 28,
            )
        })
        .collect();
    let o = TileOptions {
        max_tile_bytes: 8_000,
        places: false,
        ..opts(14)
    };
    let report = tiles::write(&events, &[], &path, &o).unwrap();
    assert!(report.largest.unwrap().3 <= 8_000);
    assert_eq!(report.by_zoom.len(), 15, "no zoom is dropped");
    let top = report
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("tile 14/"))
        .expect("the top-zoom tile is reported");
    assert!(top.message.contains("over the cap"), "{}", top.message);
}

#[test]
fn geojson_written_by_extract_reads_back_with_bad_features_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (events, _) = sample();
    let path = dir.path().join("events.geojson");
    badia::output::write_atomic(&path, |w| {
        badia::output::geojson::write_collection(w, &events)
    })
    .unwrap();
    let (table, diags) = tiles::read_geojson(&path).unwrap();
    assert_eq!(table.len(), 5);
    assert!(diags.is_empty());

    let bad = dir.path().join("bad.geojson");
    std::fs::write(
        &bad,
        "{\"type\":\"FeatureCollection\",\"features\":[\n\
         {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[38.5,35.1]},\"properties\":{\"event_id\":\"ok\"}},\n\
         {\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"event_id\":\"lost\"}}\n]}\n",
    )
    .unwrap();
    let (table, diags) = tiles::read_geojson(&bad).unwrap();
    assert_eq!(table.len(), 1);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].line, Some(3));
    assert!(diags[0].message.contains("without geometry"));

    std::fs::write(&bad, "{\"type\":\"FeatureCollection\",\"features\":[\n{").unwrap();
    let err = tiles::read_geojson(&bad).unwrap_err().to_string();
    assert!(
        err.contains("bad.geojson") && err.contains("line 2"),
        "{err}"
    );
}

#[test]
fn the_tiles_command_writes_mbtiles_that_ogrinfo_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (events, _) = sample();
    let input = dir.path().join("events.geojson");
    badia::output::write_atomic(&input, |w| {
        badia::output::geojson::write_collection(w, &events)
    })
    .unwrap();
    let out = dir.path().join("events.mbtiles");
    let status = Command::new(env!("CARGO_BIN_EXE_badia"))
        .args(["tiles", "-q", "--max-zoom", "12"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left");
    ogrinfo_counts(&out);
}

/// GDAL's MVT driver: the `events` layer at zoom 12 holds the five events (the road split
/// across its tiles counts once per tile, so at least five).
fn ogrinfo_counts(path: &Path) {
    let Ok(output) = Command::new("ogrinfo")
        .args(["-ro", "-so", "-oo", "ZOOM_LEVEL=8"])
        .arg(path)
        .arg("events")
        .output()
    else {
        eprintln!("ogrinfo not installed: GDAL check skipped");
        return;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.contains("Layer name: events"), "{text}");
    let count: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("Feature Count: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no feature count in {text}"));
    // At zoom 8: the al-Kawm cluster, e4 and the road's point (as a lone event or cluster).
    assert!(
        (2..=4).contains(&count),
        "{count} features at zoom 8\n{text}"
    );
}

/// QGIS (Debian's `python3-qgis`) loads the MBTiles as a vector tile layer and the GeoJSON
/// with typed fields. Skipped when QGIS is not installed.
#[test]
fn qgis_opens_the_mbtiles_and_the_geojson() {
    if !common::has_qgis() {
        eprintln!("python3-qgis not installed: QGIS check skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (events, places) = sample();
    let geojson = dir.path().join("events.geojson");
    badia::output::write_atomic(&geojson, |w| {
        badia::output::geojson::write_collection(w, &events)
    })
    .unwrap();
    let mbtiles = dir.path().join("events.mbtiles");
    tiles::write(&events, &places, &mbtiles, &opts(12)).unwrap();
    let args = [
        mbtiles.as_os_str(),
        geojson.as_os_str(),
        "38.852".as_ref(),
        "35.209".as_ref(),
    ];
    let text = common::run_qgis("tiles.py", &args, dir.path(), &[]);
    let lines: Vec<&str> = text.lines().collect();
    for want in [
        "tiles_valid True",
        "tiles_zooms 0 12",
        "tiles_crs EPSG:3857",
        "geojson_valid True",
        "geojson_features 5",
        "field event_date Date",
        "field fatalities Integer",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{text}");
    }
    let drawn: usize = lines
        .iter()
        .find_map(|l| l.strip_prefix("drawn_pixels "))
        .and_then(|n| n.parse().ok())
        .expect("drawn_pixels line");
    assert!(drawn > 0, "QGIS drew nothing where e1..e3 are");
}

#[test]
fn one_thread_and_many_write_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut events, places) = sample();
    // Enough events for several tiles per zoom and batches worth splitting.
    for i in 0..400 {
        let f = f64::from(i);
        events.push(event(
            &format!("x{i}"),
            36.0 + f * 0.013,
            32.5 + f * 0.011,
            i % 5,
            1 + i % 28,
        ));
    }
    let write_with = |threads: usize, name: &str| {
        let path = dir.path().join(name);
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| tiles::write(&events, &places, &path, &opts(12)).unwrap());
        std::fs::read(&path).unwrap()
    };
    assert!(write_with(1, "serial.pmtiles") == write_with(4, "parallel.pmtiles"));
}

#[test]
fn an_outline_is_its_own_layer_clipped_to_the_tiles_it_crosses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.mbtiles");
    let (events, places) = sample();
    let outline = badia::map::page::outline_lines();
    let o = TileOptions {
        outline: outline.clone(),
        ..opts(6)
    };
    let report = tiles::write(&events, &places, &path, &o).unwrap();
    let layers = report.tilejson["vector_layers"].as_array().unwrap();
    assert!(layers.iter().any(|l| l["id"] == "outline"));
    let db = rusqlite::Connection::open(&path).unwrap();
    // Zoom 0: the whole ring in the one tile, as one line.
    let world = features(&mbtile(&db, 0, 0, 0), "outline");
    assert_eq!(world.len(), 1);
    // Zoom 6: a tile the border crosses holds a piece of it, even with no event in it.
    let [lon, lat] = outline[0][0];
    let (x, y) = tile_of(lon, lat, 6);
    let border = mbtile(&db, 6, x, y);
    assert_eq!(features(&border, "outline").len(), 1);
    // Without the option, no such layer.
    let plain = dir.path().join("plain.mbtiles");
    let report = tiles::write(&events, &places, &plain, &opts(6)).unwrap();
    let layers = report.tilejson["vector_layers"].as_array().unwrap();
    assert!(layers.iter().all(|l| l["id"] != "outline"));
    let db = rusqlite::Connection::open(&plain).unwrap();
    assert!(features(&mbtile(&db, 0, 0, 0), "outline").is_empty());
}

/// With `periods`, each calendar month is clustered on its own and every feature names its
/// month: a map that keeps some months sums only their clusters.
#[test]
fn periods_cluster_each_month_apart_and_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut events = vec![
        event("m1", 38.852, 35.209, 4, 1),
        event("m2", 38.853, 35.210, 1, 5),
        event("a1", 38.851, 35.208, 7, 9),
        event("u1", 38.852, 35.211, 2, 2),
    ];
    events[2].date = NaiveDate::from_ymd_opt(2024, 4, 9);
    events[3].date = None;
    let with = |periods: bool, name: &str| {
        let path = dir.path().join(name);
        let o = TileOptions {
            periods,
            places: false,
            ..opts(8)
        };
        let report = tiles::write(&events, &[], &path, &o).unwrap();
        (rusqlite::Connection::open(&path).unwrap(), report)
    };
    let (db, report) = with(true, "periods.mbtiles");
    assert_eq!(
        report.tilejson["vector_layers"][0]["fields"]["period"],
        "String"
    );
    let mut low: Vec<(String, u64, u64)> = features(&mbtile(&db, 0, 0, 0), "events")
        .iter()
        .map(|(_, t)| {
            let n = t.get("point_count").map_or(1, uint);
            (string(&t["period"]).to_string(), n, uint(&t["fatalities"]))
        })
        .collect();
    low.sort();
    assert_eq!(
        low,
        [
            (String::new(), 1, 2),
            ("2024-03".to_string(), 2, 5),
            ("2024-04".to_string(), 1, 7)
        ]
    );
    let (x, y) = tile_of(38.852, 35.209, 8);
    let top = features(&mbtile(&db, 8, x, y), "events");
    assert_eq!(top.len(), 4, "every event at the top zoom");
    for (_, t) in &top {
        let id = string(&t["event_id"]);
        let want = match id {
            "a1" => "2024-04",
            "u1" => "",
            _ => "2024-03",
        };
        assert_eq!(string(&t["period"]), want, "{id}");
    }

    // Without: one clustering of all events, and no period anywhere.
    let (db, report) = with(false, "plain.mbtiles");
    assert!(report.tilejson["vector_layers"][0]["fields"]
        .get("period")
        .is_none());
    let low = features(&mbtile(&db, 0, 0, 0), "events");
    assert_eq!(low.len(), 1);
    assert_eq!(uint(&low[0].1["point_count"]), 4);
    assert!(low.iter().all(|(_, t)| !t.contains_key("period")));
}
