//! `badia map` at the command line: the folder it writes, the single-file page, the escaping of
//! untrusted text inside the page, and the folder replaced only as a whole.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::badia;

/// Script payloads an article, its outlet, its URL or a gazetteer row may carry.
pub const IMG_PAYLOAD: &str = "<img src=x onerror=\"document.documentElement.id='pwned'\">";
pub const SCRIPT_PAYLOAD: &str = "</script><script>document.documentElement.id='pwned2'</script>";

/// A feed with one hostile article (payloads in text, outlet and a `javascript:` URL) and one
/// ordinary article, plus an extra gazetteer row whose names are payloads.
fn hostile_inputs(dir: &Path) -> (PathBuf, PathBuf) {
    let rows = [
        serde_json::json!({
            "id": "hostile-1", "url": "javascript:alert(1)", "outlet": IMG_PAYLOAD,
            "published": "2023-05-02",
            "text": format!("قتل 5 عناصر من قوات النظام {IMG_PAYLOAD} بهجوم لتنظيم داعش على حاجز قرب مدينة السخنة في ريف حمص الشرقي {SCRIPT_PAYLOAD}، بحسب مصادر محلية."),
        }),
        serde_json::json!({
            "id": "safe-1", "url": "https://example.org/a/1", "outlet": "Example outlet",
            "published": "2023-05-03",
            "text": "قتل 3 مدنيين بانفجار لغم أرضي في بادية مدينة الميادين بريف دير الزور الشرقي.",
        }),
    ];
    let feed = dir.join("feed.jsonl");
    let lines: Vec<String> = rows.iter().map(Value::to_string).collect();
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();
    let gaz = dir.join("extra.csv");
    let mut w = csv::Writer::from_path(&gaz).unwrap();
    w.write_record(badia::gazetteer::COLUMNS).unwrap();
    w.write_record([
        "test:payload-town",
        &format!("بلدة {IMG_PAYLOAD}"),
        SCRIPT_PAYLOAD,
        "",
        "34.9",
        "38.9",
        "town",
        "Homs",
        "",
        "",
        "",
        "test",
    ])
    .unwrap();
    w.flush().unwrap();
    (feed, gaz)
}

/// The JSON the page carries in `<script type="application/json" id="badia-data">`.
fn page_data(html: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"badia-data\">";
    let start = html.find(open).expect("data element") + open.len();
    let end = start
        + html[start..]
            .find("</script>")
            .expect("data element closed");
    serde_json::from_str(&html[start..end]).expect("page data is JSON")
}

fn geojson_count(path: &Path) -> usize {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["features"].as_array().unwrap().len()
}

#[test]
fn map_of_the_examples_writes_every_file_and_an_iframe() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    let out = badia(&["map", "examples/articles", "-o", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "index.html",
        "map.js",
        "map.css",
        "maplibre-gl.js",
        "maplibre-gl.css",
        "pmtiles.js",
        "LICENSE-maplibre-gl.txt",
        "LICENSE-pmtiles.txt",
        "events.geojson",
        "events.csv",
        "events.gpkg",
        "events.pmtiles",
        "events.mbtiles",
        "places.geojson",
        "badia.qgs",
    ] {
        assert!(dir.join(f).is_file(), "{f} written");
    }
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let data = page_data(&html);
    let n = data["events"]["features"].as_array().unwrap().len();
    assert!(n >= 5, "the examples give events, got {n}");
    assert_eq!(n, geojson_count(&dir.join("events.geojson")));
    let csv = std::fs::read_to_string(dir.join("events.csv")).unwrap();
    assert_eq!(csv.lines().count(), n + 1, "one CSV row per event");
    let gpkg = rusqlite::Connection::open(dir.join("events.gpkg")).unwrap();
    let rows: i64 = gpkg
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows as usize, n, "one GeoPackage row per event");
    assert!(data["context"]["features"].as_array().unwrap().len() > 100);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("<iframe src=\"map/index.html\""),
        "{stdout}"
    );
    // The page loads only files beside it.
    assert!(html.contains("<script src=\"maplibre-gl.js\"></script>"));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
}

/// Over the large-map threshold (lowered here through `BADIA_LARGE_MAP_EVENTS`) the page
/// carries no event, only the count of each month, and the tiles name each feature's month;
/// at the threshold the page carries them as always.
#[test]
fn a_large_map_reads_its_events_from_tiles_clustered_per_month() {
    let tmp = tempfile::tempdir().unwrap();
    let map_with = |limit: &str, name: &str| {
        let dir = tmp.path().join(name);
        let out = std::process::Command::new(common::BIN)
            .args([
                "map",
                "examples/articles",
                "-q",
                "-o",
                dir.to_str().unwrap(),
            ])
            .env("BADIA_LARGE_MAP_EVENTS", limit)
            .current_dir(common::root())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    };
    let small = map_with("1000000", "small");
    let n = geojson_count(&small.join("events.geojson"));
    assert!(n >= 5, "the examples give events, got {n}");
    let at_limit = map_with(&n.to_string(), "at-limit");
    let embedded = page_data(&std::fs::read_to_string(at_limit.join("index.html")).unwrap());
    assert_eq!(embedded["events"]["features"].as_array().unwrap().len(), n);
    assert!(embedded.get("tiles").is_none());
    assert_eq!(
        std::fs::read(small.join("index.html")).unwrap(),
        std::fs::read(at_limit.join("index.html")).unwrap(),
        "below the threshold the page is the same"
    );

    let large = map_with(&(n - 1).to_string(), "large");
    let html = std::fs::read_to_string(large.join("index.html")).unwrap();
    let data = page_data(&html);
    assert!(data.get("events").is_none(), "no event in the page");
    assert_eq!(data["tiles"]["url"], "events.pmtiles");
    assert_eq!(data["tiles"]["total"], n);
    let periods = data["tiles"]["periods"].as_array().unwrap();
    let sum: u64 = periods.iter().map(|p| p["count"].as_u64().unwrap()).sum();
    assert_eq!(sum, n as u64, "every event counted in one month");
    for p in periods {
        let period = p["period"].as_str().unwrap();
        assert!(period.is_empty() || period.len() == 7, "{period}");
        let types: u64 = p["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_u64().unwrap())
            .sum();
        assert_eq!(types, p["count"].as_u64().unwrap());
    }
    assert_eq!(geojson_count(&large.join("events.geojson")), n);
    let small_page = std::fs::read(small.join("index.html")).unwrap();
    assert!(html.len() < small_page.len(), "the events left the page");

    // The tiles say so, and their lowest zoom counts every event once, each in its month.
    let tiles = large.join("events.pmtiles");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let reader = pmtiles::AsyncPmTilesReader::new_with_path(&tiles)
            .await
            .unwrap();
        let meta: Value = serde_json::from_str(&reader.get_metadata().await.unwrap()).unwrap();
        assert_eq!(meta["vector_layers"][0]["fields"]["period"], "String");
        let data = reader
            .get_tile(pmtiles::TileCoord::new(0, 0, 0).unwrap())
            .await
            .unwrap()
            .expect("the world tile");
        let mut gz = flate2::read::GzDecoder::new(data.as_ref());
        let mut raw = Vec::new();
        std::io::Read::read_to_end(&mut gz, &mut raw).unwrap();
        use geozero::mvt::Message;
        let tile = geozero::mvt::Tile::decode(raw.as_slice()).unwrap();
        let layer = tile.layers.iter().find(|l| l.name == "events").unwrap();
        let key = |k: &str| layer.keys.iter().position(|x| x == k).map(|i| i as u32);
        let mut counted = std::collections::BTreeMap::<String, u64>::new();
        for f in &layer.features {
            let tags: std::collections::HashMap<u32, u32> =
                f.tags.chunks(2).map(|kv| (kv[0], kv[1])).collect();
            let period = layer.values[tags[&key("period").unwrap()] as usize]
                .string_value
                .clone()
                .unwrap();
            let count = key("point_count")
                .and_then(|k| tags.get(&k))
                .map_or(1, |v| layer.values[*v as usize].uint_value.unwrap());
            *counted.entry(period).or_default() += count;
        }
        let want: std::collections::BTreeMap<String, u64> = periods
            .iter()
            .map(|p| {
                (
                    p["period"].as_str().unwrap().to_string(),
                    p["count"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(counted, want);
    });
}

#[test]
fn untrusted_text_stays_data_in_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let (feed, gaz) = hostile_inputs(tmp.path());
    let dir = tmp.path().join("map");
    let out = badia(&[
        "map",
        feed.to_str().unwrap(),
        "--extra-gazetteer",
        gaz.to_str().unwrap(),
        "--title",
        "</title><script>x()</script>",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    // No payload appears as markup: the only tags are the template's own.
    assert!(!html.contains("<img"), "an <img> tag in the page");
    assert_eq!(html.matches("<script").count(), 4, "data + 3 scripts");
    assert_eq!(html.matches("</script>").count(), 4);
    assert!(html.contains("<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>"));
    // …and reads back unchanged as data, for the page to show as text.
    let data = page_data(&html);
    let hostile = data["events"]["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["sources"][0]["article_id"] == "hostile-1")
        .expect("the hostile article's event is on the map");
    let p = &hostile["properties"];
    assert_eq!(p["sources"][0]["outlet"], IMG_PAYLOAD);
    assert_eq!(p["sources"][0]["url"], "javascript:alert(1)");
    let evidence = p["evidence"][0].as_str().unwrap();
    assert!(evidence.contains(IMG_PAYLOAD) && evidence.contains(SCRIPT_PAYLOAD));
    let town = data["context"]["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["name_en"] == SCRIPT_PAYLOAD)
        .expect("the extra gazetteer town is in the context layer");
    assert!(town["properties"]["name_ar"]
        .as_str()
        .unwrap()
        .contains(IMG_PAYLOAD));
    // The page script makes links only of http(s) addresses and writes text, never HTML.
    let js = std::fs::read_to_string(dir.join("map.js")).unwrap();
    assert!(!js.contains("innerHTML") && !js.contains("insertAdjacentHTML"));
    assert!(js.contains("u.protocol === \"http:\" || u.protocol === \"https:\""));
}

#[test]
fn single_file_page_carries_everything_inline() {
    let tmp = tempfile::tempdir().unwrap();
    let (feed, _) = hostile_inputs(tmp.path());
    let page = tmp.path().join("one.html");
    let out = badia(&[
        "map",
        feed.to_str().unwrap(),
        "--single-file",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entries: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(
        entries.len(),
        3,
        "feed, extra gazetteer, one page: nothing else"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("<script src=") && !html.contains("<link"));
    assert!(html.contains("<style>") && html.len() > 1_000_000);
    assert!(!html.contains("<img"));
    assert_eq!(
        page_data(&html)["events"]["features"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn map_folder_is_replaced_whole_and_only_when_badia_wrote_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    let d = dir.to_str().unwrap();
    assert_eq!(
        badia(&["map", "examples/articles", "-o", d, "-q"])
            .status
            .code(),
        Some(0)
    );
    std::fs::write(dir.join("stale.txt"), "from an older run").unwrap();
    assert_eq!(
        badia(&["map", "examples/articles", "-o", d, "-q"])
            .status
            .code(),
        Some(0)
    );
    assert!(
        !dir.join("stale.txt").exists(),
        "the folder is new as a whole"
    );
    assert!(dir.join("index.html").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("map")]);

    let foreign = tmp.path().join("documents");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("letter.txt"), "keep me").unwrap();
    let out = badia(&["map", "examples/articles", "-o", foreign.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not written by badia map"));
    assert_eq!(
        std::fs::read_to_string(foreign.join("letter.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn a_bad_basemap_address_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    let out = badia(&[
        "map",
        "examples/articles",
        "--basemap",
        "javascript:alert(1)//style.json",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only http(s)"));
    assert!(!dir.exists());
}
