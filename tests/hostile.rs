//! Hostile input: a folder of broken, oddly encoded and malicious files written here, read by
//! the `badia` binary. Nothing may panic; every bad file is named on standard error (with its
//! line for JSON Lines and CSV); the good articles beside them still give their events; the exit
//! code follows the contract of `src/cli.rs` (0 or 1, never 101).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_badia");

/// A small seeded generator (xorshift64*), so the junk is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

const GOOD_1: &str = "URL: https://example.org/news/1\nDATE: 2020-10-06\n\n\
قتل 5 عناصر من قوات النظام بهجوم لتنظيم داعش على مواقع في بادية الميادين، اليوم الثلاثاء.\n";

const GOOD_2: &str = "URL: https://example.org/news/2\nDATE: 2021-03-14\n\n\
أصيب ثلاثة عناصر من قوات النظام بانفجار لغم أرضي بسيارتهم على طريق تدمر السخنة في ريف حمص \
الشرقي، اليوم الأحد.\n";

/// An incident written in a legacy encoding (the page has no header lines).
const LEGACY: &str = "قتل عنصران من قوات النظام بهجوم لتنظيم داعش قرب مدينة السخنة في ريف حمص \
الشرقي، اليوم الاثنين.\n";

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// Writes the corpus; returns the names of the files that must be reported.
fn corpus(dir: &Path) -> Vec<(String, Option<u64>)> {
    let mut rng = Rng(0x00ba_d1a5_eed5);
    let mut bad = Vec::new();
    let mut report = |path: &Path, line: Option<u64>| {
        bad.push((path.display().to_string(), line));
    };

    write(dir, "good_1.txt", GOOD_1);
    write(dir, "good_2.txt", GOOD_2);

    let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(LEGACY);
    assert!(!unmappable);
    write(dir, "legacy_cp1256.txt", cp1256);
    let (iso, _, unmappable) = encoding_rs::ISO_8859_6.encode(LEGACY);
    assert!(!unmappable);
    write(dir, "legacy_iso8859_6.txt", iso);

    write(dir, "utf16le.txt", utf16(GOOD_1, false));
    write(dir, "utf16be.txt", utf16(GOOD_2, true));

    // A multi-byte character cut in half at the end, and one in the middle.
    let mut cut = GOOD_1.as_bytes().to_vec();
    cut.truncate(cut.len() - 3);
    cut.push(0xD8);
    report(&write(dir, "truncated_utf8.txt", &cut), None);

    write(
        dir,
        "page.html",
        "<!DOCTYPE html><html><head><title>خبر &amp; تقرير</title>\
         <style>p { color: red } /* </p> */</style>\
         <script>var s = '<p>قتل 100 عنصر في تدمر</p>'; if (a < b && c > d) {}</script>\
         <!-- <p>قتل 200 عنصر في السخنة</p> --><!-- unterminated\
         </head><body><p>&#1602;&#x062A;&#1604; &unknown; &#xFFFFFFFF; &#99999999999; &#;\
         &amp &lt;&gt;</p><script>never closed",
    );

    let mut junk = rng.bytes(64 * 1024);
    junk[100] = 0;
    report(&write(dir, "junk.txt", &junk), None);
    report(&write(dir, "junk.html", rng.bytes(4096)), None);

    // One article over the size limit, without a line break.
    let sentence = "قتل عنصر من قوات النظام في بادية الميادين ";
    let over = badia::ingest::MAX_ARTICLE_BYTES + 4096;
    let mut huge = String::with_capacity(over + sentence.len());
    while huge.len() < over {
        huge.push_str(sentence);
    }
    report(&write(dir, "huge.txt", &huge), None);

    let jsonl = format!(
        "{}\n{{\"id\": \"broken\", \"text\": \"قتل\n{}\n[1, 2]\n\"text\"\n{}\n",
        serde_json::json!({"id": "j1", "text": "خبر بلا حادثة"}),
        serde_json::json!({"id": "j3", "url": "https://example.org/3"}),
        serde_json::json!({"id": "j6", "text": 5}),
    );
    let jsonl_path = write(dir, "records.jsonl", jsonl);
    for line in [2, 3, 4, 5, 6] {
        report(&jsonl_path, Some(line));
    }

    let csv_missing = write(
        dir,
        "missing.csv",
        "id,text,url\nc1,خبر بلا حادثة,https://example.org/c1\nc2\n",
    );
    report(&csv_missing, Some(3));
    let csv_quote = write(
        dir,
        "quote.csv",
        "id,text\nq1,خبر بلا حادثة\nq2,\"نص لم يغلق\nq3,نص\nq4,نص\n",
    );
    report(&csv_quote, Some(3));
    report(&write(dir, "no_text_column.csv", "id,body\n1,x\n"), Some(1));

    report(&write(dir, "empty.txt", ""), None);
    report(&write(dir, "empty.jsonl", ""), None);
    report(&write(dir, "blank.txt", "\n\n   \n"), None);

    // A folder with a file's name, a link to nowhere and a link back up (a loop).
    let trick = dir.join("folder.txt");
    std::fs::create_dir(&trick).unwrap();
    write(&trick, "inside.txt", "نص");
    #[cfg(unix)]
    {
        let dangling = dir.join("dangling.txt");
        std::os::unix::fs::symlink(dir.join("nowhere"), &dangling).unwrap();
        report(&dangling, None);
        std::os::unix::fs::symlink("..", trick.join("up")).unwrap();
        std::os::unix::fs::symlink(".", trick.join("here")).unwrap();
    }
    bad
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run badia")
}

#[test]
fn hostile_corpus_is_survived_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let bad = corpus(&dir);
    let out = tmp.path().join("out.geojson");
    // A generous bound that only a hang exceeds (the run takes seconds).
    let child = spawn(&[
        "extract",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let output = wait_at_most(child, std::time::Duration::from_secs(600));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?} (101 is a panic):\n{stderr}"
    );
    assert_eq!(code, Some(1), "bad records were read: exit 1\n{stderr}");
    for (file, line) in &bad {
        let wanted = match line {
            Some(l) => format!("{file}:{l}: "),
            None => format!("{file}: "),
        };
        assert!(
            stderr.lines().any(|l| l.starts_with(&wanted)
                && (l.contains(": warning: ") || l.contains(": error: "))),
            "{wanted} not reported:\n{stderr}"
        );
    }
    for noisy in ["panicked", "RUST_BACKTRACE"] {
        assert!(!stderr.contains(noisy), "{stderr}");
    }

    let json: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let features = json["features"].as_array().unwrap();
    let from = |id: &str| -> Vec<&Value> {
        features
            .iter()
            .filter(|f| {
                f["properties"]["article_ids"]
                    .as_str()
                    .unwrap()
                    .split("; ")
                    .any(|a| a == id)
            })
            .collect()
    };
    let located = |id: &str, place: &str| {
        let evs = from(id);
        assert!(
            evs.iter()
                .any(|f| f["properties"]["location"].as_str() == Some(place)),
            "{id}: no event at {place}: {evs:#?}\n{stderr}"
        );
    };
    located("good_1.txt", "Mayadin");
    located("good_2.txt", "Palmyra - al-Sukhnah road");
    let first = &from("good_1.txt")[0]["properties"];
    assert_eq!(first["fatalities"], 5);
    assert_eq!(first["event_date"], "2020-10-06");
    // The legacy encodings and UTF-16 pages read as the same Arabic.
    located("legacy_cp1256.txt", "As Sukhnah");
    located("legacy_iso8859_6.txt", "As Sukhnah");
    located("utf16le.txt", "Mayadin");
    located("utf16be.txt", "Palmyra - al-Sukhnah road");
    // Nothing inside scripts, styles or comments became an event.
    assert!(from("page.html").is_empty(), "{:#?}", from("page.html"));
    // The quote left open swallowed the rows after it: they are not read as its text.
    assert!(!stderr.contains("article q3"), "{stderr}");
}

#[test]
fn a_legacy_page_decodes_to_the_same_arabic() {
    // A few words without the article ال can read as Arabic in both legacy encodings; those
    // read as windows-1256, the commoner one.
    let cases = [
        (
            encoding_rs::WINDOWS_1256,
            vec![LEGACY, "مات رجل", "قتل عنصر في تدمر"],
        ),
        (encoding_rs::ISO_8859_6, vec![LEGACY, "قتل عنصر في تدمر"]),
    ];
    for (enc, texts) in cases {
        for text in texts {
            let (bytes, _, _) = enc.encode(text);
            let (decoded, lossy) = badia::ingest::decode(&bytes);
            assert_eq!(decoded, text, "{}", enc.name());
            assert!(!lossy);
        }
    }
}

#[test]
fn utf8_stays_first() {
    // Valid UTF-8 that is also valid in both legacy encodings reads as UTF-8.
    let text = "قتل عنصر";
    assert_eq!(
        badia::ingest::decode(text.as_bytes()),
        (text.to_string(), false)
    );
}

#[test]
fn a_page_without_stops_is_cut_into_bounded_sentences() {
    // A 2 MB article with no punctuation or line break was one sentence, and the sentence
    // readers are quadratic in its words: the run took minutes.
    let text = "قتل عنصر في بادية الميادين ".repeat(20_000);
    let ranges = badia::events::sentences(&text);
    assert!(ranges.len() > 1);
    for r in &ranges {
        assert!(r.len() <= 2 * badia::events::MAX_SENTENCE_BYTES, "{r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    let word = "ب".repeat(10_000);
    for r in badia::events::sentences(&word) {
        assert!(r.len() <= 2 * badia::events::MAX_SENTENCE_BYTES, "{r:?}");
    }
}

/// Waits for `child` at most `limit`; kills it and fails when it is still running then.
fn wait_at_most(mut child: std::process::Child, limit: std::time::Duration) -> Output {
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("badia still running after {limit:?}: blocked");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(BIN)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// The temporary files of atomic writes in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".badia-") && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_run_killed_mid_write_leaves_the_previous_output_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let good = write(tmp.path(), "good.txt", GOOD_1);
    let out = tmp.path().join("out.geojson");
    let out_s = out.to_str().unwrap();
    let first = run(&["extract", good.to_str().unwrap(), "-o", out_s]);
    assert_eq!(first.status.code(), Some(0));
    let before = std::fs::read(&out).unwrap();

    // Many small articles, kept apart, so that writing their events takes a while; the run is
    // killed (SIGKILL) as soon as its temporary file appears, i.e. while it writes.
    let body = GOOD_1.split("\n\n").nth(1).unwrap();
    let mut killed_while_writing = false;
    for n in [4_000, 16_000, 64_000] {
        let line = serde_json::json!({ "text": body }).to_string();
        let big = write(tmp.path(), "big.jsonl", format!("{line}\n").repeat(n));
        let mut child = Command::new(BIN)
            .args(["extract", big.to_str().unwrap(), "--no-merge", "-o", out_s])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        while child.try_wait().unwrap().is_none() {
            if !temporaries(tmp.path()).is_empty() {
                child.kill().unwrap();
                killed_while_writing = child.wait().unwrap().code().is_none();
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        let _ = child.wait();
        if killed_while_writing {
            break;
        }
        // The run finished before it was seen writing: the output is the new one, so start
        // again from the small one with a bigger input.
        let again = run(&["extract", good.to_str().unwrap(), "-o", out_s]);
        assert_eq!(again.status.code(), Some(0));
        assert_eq!(std::fs::read(&out).unwrap(), before);
    }
    assert!(
        killed_while_writing,
        "every run finished before it could be killed"
    );

    // The previous output is untouched, byte for byte.
    assert_eq!(std::fs::read(&out).unwrap(), before);
    // SIGKILL skips the clean-up: the half-written temporary file stays beside the output
    // (README: safe to delete). It is hidden, never taken for the output, and the next run
    // writes its own and renames it over the output as usual.
    let left = temporaries(tmp.path());
    assert_eq!(left.len(), 1, "{left:?}");
    let partial = std::fs::read(tmp.path().join(&left[0])).unwrap();
    assert!(
        serde_json::from_slice::<Value>(&partial).is_err(),
        "complete"
    );
    let next = run(&["extract", good.to_str().unwrap(), "-o", out_s]);
    assert_eq!(next.status.code(), Some(0));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    assert_eq!(temporaries(tmp.path()), left, "the next run left its own");
    for entry in std::fs::read_dir(tmp.path()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            ["good.txt", "big.jsonl", "out.geojson"].contains(&name.as_str())
                || left.contains(&name),
            "stray file {name}"
        );
    }
}

/// A pipe or a device among the inputs of a folder would block the run or never end: they are
/// skipped and named, and the articles beside them are read.
#[cfg(unix)]
#[test]
fn pipes_and_devices_in_a_folder_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    write(&dir, "good_1.txt", GOOD_1);
    let fifo = dir.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let device = dir.join("zero.jsonl");
    std::os::unix::fs::symlink("/dev/zero", &device).unwrap();

    let child = spawn(&["extract", dir.to_str().unwrap(), "--format", "ndjson"]);
    let output = wait_at_most(child, std::time::Duration::from_secs(60));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for skipped in [&fifo, &device] {
        let wanted = format!("{}: warning: not a regular file", skipped.display());
        assert!(stderr.contains(&wanted), "{wanted} not reported:\n{stderr}");
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("\"Mayadin\""), "{stdout}");
}

/// 200 MB without a line break: the page is read up to the record limit, its article cut at
/// the article limit, both said; the run goes on to the next file.
#[test]
fn a_200_mb_line_is_cut_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    // One run of letters, like a minified blob (Arabic prose would only make the test slow:
    // its first 2 MiB are read as an article).
    let huge = "x".repeat(200 * 1024 * 1024);
    let huge_path = write(&dir, "a_huge.txt", &huge);
    drop(huge);
    write(&dir, "good_1.txt", GOOD_1);

    let output = run(&["extract", dir.to_str().unwrap(), "--format", "ndjson"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let name = huge_path.display();
    let page = format!(
        "{name}: warning: page of {} bytes: only the first {} bytes read",
        std::fs::metadata(&huge_path).unwrap().len(),
        badia::ingest::MAX_RECORD_BYTES
    );
    assert!(stderr.contains(&page), "{page} not reported:\n{stderr}");
    let cut = format!(
        "{name}: warning: article a_huge.txt cut at {} bytes",
        badia::ingest::MAX_ARTICLE_BYTES
    );
    assert!(stderr.contains(&cut), "{cut} not reported:\n{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("\"Mayadin\""), "{stdout}");
}

/// A gazetteer edited by hand, passed with `--extra-gazetteer`: every bad row is named by file
/// and line, the good rows are used, the articles are read, and the exit code says that rows
/// were skipped.
#[test]
fn a_hand_edited_gazetteer_names_its_bad_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let extra = write(
        tmp.path(),
        "extra.csv",
        format!(
            "{}\n\
             user:qasr,قصر الحير الغربي المزعوم,Qasr Test,,34.40,37.60,site,Homs,,,,hand\n\
             user:badlat,مكان,Bad lat,,abc,38.1,village,Homs,,,,hand\n\
             user:short,مكان قصير\n\
             user:kind,مكان آخر,Kind,,34.1,38.1,castle,Homs,,,,hand\n\
             ,بلا معرف,No id,,34.1,38.1,village,Homs,,,,hand\n\
             user:lon,مكان بعيد,Far,,34.1,536.9,village,Homs,,,,hand\n\
             user:quote,\"مكان,Quote,,34.1,38.1,village,Homs,,,,hand\n",
            badia::gazetteer::COLUMNS.join(",")
        ),
    );
    let article = write(
        tmp.path(),
        "a.txt",
        "DATE: 2021-03-14\n\nقتل ثلاثة عناصر من قوات النظام بهجوم لتنظيم داعش قرب قصر الحير \
         الغربي المزعوم في ريف حمص الشرقي، اليوم الأحد.\n",
    );
    let good = write(tmp.path(), "good_1.txt", GOOD_1);
    let output = run(&[
        "extract",
        article.to_str().unwrap(),
        good.to_str().unwrap(),
        "--extra-gazetteer",
        extra.to_str().unwrap(),
        "--format",
        "ndjson",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for line in 3..=8 {
        let wanted = format!("{}:{line}: warning: ", extra.display());
        assert!(stderr.contains(&wanted), "{wanted} not reported:\n{stderr}");
    }
    assert!(
        !stderr.contains(&format!("{}:2:", extra.display())),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let events: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at = |id: &str| {
        events
            .iter()
            .any(|e| e["properties"]["gazetteer_id"].as_str() == Some(id))
    };
    assert!(
        at("user:qasr"),
        "the good row is not used: {stdout}\n{stderr}"
    );
    assert!(
        events
            .iter()
            .any(|e| e["properties"]["location"] == "Mayadin"),
        "{stdout}"
    );
}
