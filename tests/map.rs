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
        "events.pmtiles",
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
