//! The web map in a real browser: headless Chromium opens the page that `badia serve` serves
//! (and the single-file page from disk, with no server), and the page's title reports how many
//! events it drew; the popup of an article full of script payloads shows them as text and runs
//! none. A screenshot is kept in `target/browser/`. Skipped, saying so, when Chromium is not
//! installed (`.ci/run` installs Debian's `chromium`). A large map (its threshold lowered
//! through `BADIA_LARGE_MAP_EVENTS`) reads its events from the tiles and counts the months its
//! date range keeps.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_badia");

const IMG_PAYLOAD: &str = "<img src=x onerror=\"document.documentElement.id='pwned'\">";
const SCRIPT_PAYLOAD: &str = "</script><script>document.documentElement.id='pwned2'</script>";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Debian's Chromium, or `None` (saying the test is skipped) when it is not installed.
fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    if found.is_none() {
        eprintln!(
            "SKIPPED: chromium is not installed (apt-get install chromium); browser test not run"
        );
    }
    found
}

/// Runs Chromium headless on `url` with `extra` flags; returns its standard output. A run
/// that has not ended after 90 s is a hang and fails the test. Headless Chromium's virtual
/// time does not wait for MapLibre's worker, so on a loaded machine it now and then ends
/// before the map is idle (measured: 1 load in 40, Chromium exiting by itself after about
/// 3 s with every request answered); a dump without the page's `data-rendered` mark is
/// therefore taken again, at most twice. One Chromium runs at a time: several at once on a
/// small machine make such early ends common.
fn browse(chrome: &Path, profile: &Path, url: &str, extra: &[&str]) -> String {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut out = String::new();
    // Headless Chromium may spend its virtual time budget before the map is idle, more often
    // on a busy machine: the page is loaded again, up to 20 times.
    for _ in 0..20 {
        out = browse_once(chrome, profile, url, extra)
            .unwrap_or_else(|| panic!("chromium did not finish loading {url} in 90 s"));
        if !extra.contains(&"--dump-dom") || out.contains("data-rendered=") {
            break;
        }
        eprintln!("chromium ended before the map was idle on {url}; loading it again");
    }
    out
}

fn browse_once(chrome: &Path, profile: &Path, url: &str, extra: &[&str]) -> Option<String> {
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-unsafe-swiftshader",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,800",
            "--virtual-time-budget=120000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).unwrap();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(reader.join().unwrap())
}

/// A running `badia serve`, stopped when dropped.
struct Served(Child, String);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &Path) -> Served {
    let mut child = Command::new(BIN)
        .args(["serve", dir.to_str().unwrap(), "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.split_whitespace().last().unwrap().to_string();
    Served(child, url)
}

/// `badia map` of the example articles (and `extra` arguments) into `out`.
fn map_examples(out: &Path, extra: &[&str]) {
    let run = Command::new(BIN)
        .args(["map", "examples/articles", "-q"])
        .args(extra)
        .arg("-o")
        .arg(out)
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn hostile_feed(dir: &Path) -> PathBuf {
    let rows = [serde_json::json!({
        "id": "hostile-1", "url": "javascript:alert(1)", "outlet": IMG_PAYLOAD,
        "published": "2023-05-02",
        "text": format!("قتل 5 عناصر من قوات النظام {IMG_PAYLOAD} بهجوم لتنظيم داعش على حاجز قرب مدينة السخنة في ريف حمص الشرقي {SCRIPT_PAYLOAD}، بحسب مصادر محلية."),
    })];
    let feed = dir.join("hostile.jsonl");
    std::fs::write(&feed, format!("{}\n", rows[0])).unwrap();
    feed
}

fn features(path: &Path) -> Vec<Value> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["features"].as_array().unwrap().clone()
}

/// The `N` of the page's `<title>… — N events shown</title>`.
fn shown(dom: &str) -> Option<usize> {
    let start = dom.find("<title>")? + 7;
    let title = &dom[start..start + dom[start..].find("</title>")?];
    title
        .strip_suffix(" events shown")?
        .rsplit(' ')
        .next()?
        .parse()
        .ok()
}

fn assert_no_script_ran(dom: &str) {
    let html_tag = &dom[dom.find("<html").unwrap()..];
    let html_tag = &html_tag[..html_tag.find('>').unwrap()];
    assert!(!html_tag.contains("pwned"), "a payload ran: {html_tag}");
    // map.js marks <html data-blocked> when the page's security policy refused anything.
    assert!(
        !html_tag.contains("data-blocked"),
        "the security policy blocked something the page needs: {html_tag}"
    );
    assert!(
        !dom.contains("<img src=\"x\""),
        "a payload became an element"
    );
    assert!(
        !dom.contains("href=\"javascript:"),
        "a javascript: URL became a link"
    );
}

#[test]
fn the_page_draws_every_event_and_runs_no_payload() {
    let Some(chrome) = chromium() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let feed = hostile_feed(tmp.path());
    let dir = tmp.path().join("map");
    map_examples(&dir, &[feed.to_str().unwrap()]);
    let events = features(&dir.join("events.geojson"));
    let hostile = events
        .iter()
        .find(|f| f["properties"]["article_ids"] == "hostile-1")
        .expect("the hostile article gives an event");
    let id = hostile["properties"]["event_id"].as_str().unwrap();

    let server = serve(&dir);
    let profile = tempfile::tempdir().unwrap();
    let dom = browse(
        &chrome,
        profile.path(),
        &format!("{}#event={id}", server.1),
        &["--dump-dom"],
    );
    assert_eq!(
        shown(&dom),
        Some(events.len()),
        "the title reports every event drawn; DOM starts: {}",
        &dom[..dom.len().min(600)]
    );
    assert_no_script_ran(&dom);
    // The popup shows the payloads as text, the evidence right-to-left, and no link.
    assert!(
        dom.contains("class=\"popup\""),
        "the popup opened from #event="
    );
    assert!(dom.contains("&lt;img src=x onerror=\"document.documentElement.id='pwned'\"&gt;"));
    assert!(dom.contains("class=\"evidence\" dir=\"rtl\" lang=\"ar\""));
    assert!(dom.contains("address not shown: not an http(s) link"));

    let shots = root().join("target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("map.png");
    let _ = std::fs::remove_file(&shot);
    browse(
        &chrome,
        profile.path(),
        &server.1,
        &[&format!("--screenshot={}", shot.display())],
    );
    assert!(std::fs::metadata(&shot)
        .map(|m| m.len() > 10_000)
        .unwrap_or(false));
}

#[test]
fn the_single_file_page_works_from_disk() {
    let Some(chrome) = chromium() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("one.html");
    map_examples(&page, &["--single-file"]);
    let expected = Command::new(BIN)
        .args(["extract", "examples/articles", "-q"])
        .current_dir(root())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&expected.stdout).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let dom = browse(
        &chrome,
        profile.path(),
        &format!("file://{}", page.display()),
        &["--dump-dom"],
    );
    assert_eq!(shown(&dom), Some(v["features"].as_array().unwrap().len()));
    assert_no_script_ran(&dom);
}

/// A base map named with `--basemap` is referenced by the page and allowed by its policy;
/// when it cannot be reached (here a closed port on this machine, as when offline), the
/// events are drawn all the same: raster tiles that fail leave the background, and a style
/// document that cannot be fetched gives way to the plain style.
#[test]
fn an_unreachable_base_map_still_shows_the_events() {
    let Some(chrome) = chromium() else {
        return;
    };
    // A port that was free a moment ago and that nothing listens on now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let origin = format!("http://127.0.0.1:{port}");
    let tmp = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    for (name, url) in [
        ("raster", format!("{origin}/{{z}}/{{x}}/{{y}}.png")),
        ("style", format!("{origin}/styles/basic.json")),
    ] {
        let dir = tmp.path().join(name);
        map_examples(&dir, &["--basemap", &url]);
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(html.contains(&url), "{name}: the page names the base map");
        let policy = &html[html.find("Content-Security-Policy").unwrap()..];
        let policy = &policy[..policy.find('>').unwrap()];
        assert!(
            policy.contains(&format!("connect-src &#39;self&#39; {origin};")),
            "{name}: {policy}"
        );
        let events = features(&dir.join("events.geojson"));
        let server = serve(&dir);
        // A loaded machine can end headless Chromium's virtual time while failed tile
        // requests are still being retried: a short count is loaded again (a wrong page fails
        // every time).
        let mut dom = String::new();
        for _ in 0..3 {
            dom = browse(&chrome, profile.path(), &server.1, &["--dump-dom"]);
            if shown(&dom) == Some(events.len()) {
                break;
            }
            eprintln!(
                "{name}: {:?} of {} events shown; loading again",
                shown(&dom),
                events.len()
            );
        }
        assert_eq!(
            shown(&dom),
            Some(events.len()),
            "{name}: every event drawn; DOM starts: {}",
            &dom[..dom.len().min(600)]
        );
        assert_no_script_ran(&dom);
        if name == "style" {
            assert!(
                dom.contains("data-basemap=\"unavailable"),
                "the page says the base map could not be had"
            );
        }
    }
}

/// Reports of attacks in several towns over three months, as JSON Lines: a generated input.
fn monthly_feed(dir: &Path) -> PathBuf {
    let towns = [
        ("مدينة السخنة", "ريف حمص الشرقي"),
        ("مدينة الميادين", "ريف دير الزور الشرقي"),
        ("مدينة تدمر", "ريف حمص الشرقي"),
        ("مدينة البوكمال", "ريف دير الزور الشرقي"),
        ("مدينة الرقة", "محافظة الرقة"),
        ("بلدة معدان", "ريف الرقة الشرقي"),
    ];
    let mut lines = Vec::new();
    for (m, month) in ["2023-03", "2023-04", "2023-05"].iter().enumerate() {
        for (t, (town, area)) in towns.iter().enumerate() {
            for day in [4 + t, 18 + t] {
                let dead = 2 + (m + t + day) % 5;
                let row = serde_json::json!({
                    "id": format!("gen-{month}-{t}-{day}"),
                    "url": format!("https://example.org/{month}/{t}/{day}"),
                    "outlet": "Example outlet",
                    "published": format!("{month}-{day:02}"),
                    "text": format!("قتل {dead} عناصر من قوات النظام بهجوم لتنظيم داعش على حاجز قرب {town} في {area}، بحسب مصادر محلية."),
                });
                lines.push(row.to_string());
            }
        }
    }
    let feed = dir.join("monthly.jsonl");
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();
    feed
}

#[test]
fn a_large_map_counts_the_events_of_its_date_range_from_the_tiles() {
    let Some(chrome) = chromium() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let feed = monthly_feed(tmp.path());
    let dir = tmp.path().join("map");
    let run = Command::new(BIN)
        .args([
            "map",
            feed.to_str().unwrap(),
            "-q",
            "-o",
            dir.to_str().unwrap(),
        ])
        .env("BADIA_LARGE_MAP_EVENTS", "10")
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(html.contains("\"tiles\":{"), "a large map's page");
    let events = features(&dir.join("events.geojson"));
    assert!(events.len() > 20, "{} events", events.len());
    let in_april = events
        .iter()
        .filter(|f| {
            f["properties"]["event_date"]
                .as_str()
                .is_some_and(|d| d.starts_with("2023-04"))
        })
        .count();
    assert!(in_april > 0 && in_april < events.len());

    let server = serve(&dir);
    let profile = tempfile::tempdir().unwrap();
    let dom = browse(&chrome, profile.path(), &server.1, &["--dump-dom"]);
    assert_eq!(
        shown(&dom),
        Some(events.len()),
        "the title reports every event; DOM starts: {}",
        &dom[..dom.len().min(600)]
    );
    assert_no_script_ran(&dom);
    let dom = browse(
        &chrome,
        profile.path(),
        &format!("{}#from=2023-04&to=2023-04&undated=0", server.1),
        &["--dump-dom"],
    );
    assert_eq!(
        shown(&dom),
        Some(in_april),
        "a month's range shows its events only; DOM starts: {}",
        &dom[..dom.len().min(600)]
    );
    assert_no_script_ran(&dom);
}

/// What the page logs to the console (Chromium's log on standard error) while it loads `url`.
fn console_of(chrome: &Path, profile: &Path, url: &str) -> String {
    let log = profile.join("console.log");
    let child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-unsafe-swiftshader",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,800",
            "--virtual-time-budget=30000",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start chromium");
    let mut child = child;
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish loading {url} in 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read_to_string(&log).unwrap_or_default()
}

/// `#event=` with a broken escape is no uncaught error (which used to stop the page before it
/// listened for later `#event=` changes).
#[test]
fn a_broken_event_link_throws_nothing() {
    let Some(chrome) = chromium() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("one.html");
    map_examples(&page, &["--single-file"]);
    let profile = tempfile::tempdir().unwrap();
    let console = console_of(
        &chrome,
        profile.path(),
        &format!("file://{}#event=%E0%A4%A", page.display()),
    );
    assert!(!console.contains("Uncaught"), "{console}");
    // The log does show an uncaught error: a page that throws the same one.
    let control = tmp.path().join("throws.html");
    std::fs::write(&control, "<script>decodeURIComponent('%E0%A4%A')</script>").unwrap();
    let profile = tempfile::tempdir().unwrap();
    let console = console_of(
        &chrome,
        profile.path(),
        &format!("file://{}", control.display()),
    );
    assert!(console.contains("Uncaught URIError"), "{console}");
}

/// `<html …>`'s attribute `name`, as the DOM dump writes it.
fn html_attribute(dom: &str, name: &str) -> Option<String> {
    let tag = &dom[dom.find("<html")?..];
    let tag = &tag[..tag.find('>')?];
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[start..start + tag[start..].find('"')?].to_string())
}

/// A PNG's width and height, from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The page for a newsroom, in English and in Arabic (right to left, the default for an
/// Arabic title), on a desktop window and a 360-pixel phone: the list beside (or under) the
/// map shows as many events as the map draws, the title, description, credit and download
/// links are there, and choosing an event (here through `#event=`, which goes through the
/// list's own choice) opens its popup and marks it in the list. Screenshots of the four are
/// kept in `target/browser/newsroom-*.png`.
#[test]
fn the_newsroom_page_in_two_languages_on_two_screens() {
    let Some(chrome) = chromium() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let shots = root().join("target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    let profile = tempfile::tempdir().unwrap();
    for (lang, title, description, credit) in [
        (
            "en",
            "Incidents in the Badia",
            "Attacks reported in the Syrian desert",
            "Source: local reports, read by badia",
        ),
        (
            "ar",
            "هجمات البادية السورية",
            "الهجمات التي أوردتها التقارير المحلية",
            "المصدر: تقارير محلية",
        ),
    ] {
        let dir = tmp.path().join(lang);
        map_examples(
            &dir,
            &[
                "--title",
                title,
                "--description",
                description,
                "--credit",
                credit,
            ],
        );
        let events = features(&dir.join("events.geojson"));
        let n = events.len();
        let server = serve(&dir);
        for (w, h) in [(1280, 800), (360, 640)] {
            let size = format!("--window-size={w},{h}");
            let dom = browse(&chrome, profile.path(), &server.1, &["--dump-dom", &size]);
            let at = format!("{lang} {w}x{h}");
            assert_eq!(html_attribute(&dom, "lang").as_deref(), Some(lang), "{at}");
            let dir_attr = if lang == "ar" { "rtl" } else { "ltr" };
            assert_eq!(
                html_attribute(&dom, "dir").as_deref(),
                Some(dir_attr),
                "{at}"
            );
            let rendered = html_attribute(&dom, "data-rendered");
            assert_eq!(
                rendered,
                Some(n.to_string()),
                "{at}: the map draws every event"
            );
            assert_eq!(
                html_attribute(&dom, "data-listed"),
                rendered,
                "{at}: the list shows as many events as the map"
            );
            assert_eq!(dom.matches("class=\"event-item\"").count(), n, "{at}");
            for text in [description, credit] {
                assert!(dom.contains(text), "{at}: {text:?} on the page");
            }
            assert!(dom.contains("href=\"events.csv\"") && dom.contains("href=\"events.geojson\""));
            assert_no_script_ran(&dom);
            let shot = shots.join(format!("newsroom-{lang}-{w}x{h}.png"));
            let _ = std::fs::remove_file(&shot);
            browse(
                &chrome,
                profile.path(),
                &server.1,
                &[&format!("--screenshot={}", shot.display()), &size],
            );
            assert_eq!(png_size(&shot), (w, h), "{at}: the screenshot's size");
        }
        // Choosing an event opens its popup and marks it in the list.
        let chosen = &events[0]["properties"];
        let id = chosen["event_id"].as_str().unwrap();
        let dom = browse(
            &chrome,
            profile.path(),
            &format!("{}#event={id}", server.1),
            &["--dump-dom", "--window-size=360,640"],
        );
        assert!(dom.contains("class=\"popup\""), "{lang}: the popup opened");
        assert_eq!(dom.matches("aria-current=\"true\"").count(), 1, "{lang}");
        let marked = &dom[dom.find("aria-current=\"true\"").unwrap()..];
        let marked = &marked[..marked.find("</button>").unwrap()];
        let place = chosen[if lang == "ar" {
            "location_ar"
        } else {
            "location"
        }]
        .as_str()
        .unwrap();
        assert!(marked.contains(place), "{lang}: {place} in {marked}");
    }
}

/// `badia map … --png FILE --size WxH` saves the still image (the map under its title, with
/// the credit) through headless Chromium; without Chromium it says so and writes nothing.
#[test]
fn the_map_command_saves_a_still_image() {
    let Some(_) = chromium() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let png = tmp.path().join("still.png");
    map_examples(
        &tmp.path().join("map"),
        &[
            "--credit",
            "Source: local reports",
            "--png",
            png.to_str().unwrap(),
            "--size",
            "640x480",
        ],
    );
    assert_eq!(png_size(&png), (640, 480));
    assert!(
        std::fs::metadata(&png).unwrap().len() > 10_000,
        "a drawn map, not a blank page"
    );
    let shots = root().join("target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::copy(&png, shots.join("still-640x480.png")).unwrap();

    let folder = tmp.path().join("not-written");
    let run = Command::new(BIN)
        .args(["map", "examples/articles", "-q", "--png"])
        .arg(tmp.path().join("none.png"))
        .arg("-o")
        .arg(&folder)
        .env("BADIA_CHROMIUM", tmp.path().join("no-such-browser"))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("--png needs headless Chromium"), "{err}");
    assert!(!folder.exists() && !tmp.path().join("none.png").exists());
}

/// The page's "save as PNG" button, pressed by a page beside it that holds the map in an
/// iframe (same origin) and catches the download link the button makes: a PNG of the map's
/// width and the map's height plus the title and credit bands.
#[test]
fn the_png_button_saves_the_view_with_title_and_credit() {
    let Some(chrome) = chromium() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    map_examples(&dir, &["--credit", "Source: local reports"]);
    // 900 pixels wide: the panel's 330 and a map of 570.
    let harness = r#"<!doctype html><html><body style="margin:0">
<iframe id="f" src="index.html" width="900" height="600" style="border:0"></iframe>
<script>
const f = document.getElementById("f");
f.addEventListener("load", () => {
  const w = f.contentWindow;
  w.HTMLAnchorElement.prototype.click = function () {
    const p = document.createElement("p");
    p.id = "saved";
    p.dataset.name = this.download;
    p.textContent = this.href;
    document.body.append(p);
    // What `browse` waits for before it loads the page again.
    document.documentElement.dataset.rendered = "saved";
  };
  // Waiting on the attribute, not polling a timer: a timer loop would spend the browser's
  // virtual time before the map has drawn.
  const root = w.document.documentElement;
  const press = () => w.document.getElementById("save-png").click();
  if (root.dataset.rendered) press();
  else new MutationObserver((_, seen) => {
    if (root.dataset.rendered) { seen.disconnect(); press(); }
  }).observe(root, { attributes: true, attributeFilter: ["data-rendered"] });
});
</script></body></html>"#;
    std::fs::write(dir.join("harness.html"), harness).unwrap();
    let server = serve(&dir);
    let profile = tempfile::tempdir().unwrap();
    let url = format!("{}harness.html", server.1);
    // Headless Chromium may spend its virtual time before the framed map has drawn; the
    // page is loaded again until it has (at most 9 times).
    let mut dom = String::new();
    for _ in 0..3 {
        dom = browse(&chrome, profile.path(), &url, &["--dump-dom"]);
        if dom.contains("data-rendered=\"saved\"") {
            break;
        }
    }
    let start = dom
        .find("<p id=\"saved\" data-name=\"map.png\">data:image/png;base64,")
        .unwrap_or_else(|| panic!("no image saved: {}", &dom[..dom.len().min(800)]));
    let data = &dom[dom[start..].find("base64,").unwrap() + start + 7..];
    let data = &data[..data.find('<').unwrap()];
    let png = base64_decode(data);
    assert_eq!(&png[1..4], b"PNG");
    let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    // The map's canvas, 570 × 600, under a 44-pixel title band and over a 24-pixel credit band.
    assert_eq!((be(16), be(20)), (570, 600 + 44 + 24));
    let shots = root().join("target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("button.png"), &png).unwrap();
}

/// Standard base64 (the browser's data: URLs), without a crate for it.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|q| {
            let n = q.iter().fold(0u32, |n, &d| (n << 6) | u32::from(d)) << (6 * (4 - q.len()));
            let bytes = n.to_be_bytes();
            bytes[1..q.len()].to_vec()
        })
        .collect()
}
