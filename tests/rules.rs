//! The reading rules as data: every example row of `data/rules/` is read as its row says,
//! `badia rules check` names a bad row's file and line, and `--rules` / `--extra-rules`
//! change what `badia extract` reads.

use std::path::Path;

use badia::rules::{self, Rules};

mod common;
use common::{badia, extractor, root};

#[test]
fn every_example_row_is_read_as_written() {
    let rules = Rules::builtin();
    assert!(rules.examples().len() >= 20);
    let failures = rules::examples::failures(extractor(), rules.examples());
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

#[test]
fn rules_check_passes_on_the_compiled_in_rules_and_the_folder() {
    for args in [
        &["rules", "check"][..],
        &["rules", "check", "data/rules"][..],
    ] {
        let out = badia(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(stderr.contains(" 0 not read as written"), "{stderr}");
    }
}

/// A copy of the rules folder in a temporary folder, with `edit` applied to one file.
fn edited_rules(file: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("data/rules")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if name == file {
            text = edit(text);
        }
        std::fs::write(dir.path().join(&name), text).unwrap();
    }
    dir
}

fn line_of(text: &str, needle: &str) -> usize {
    1 + text.lines().position(|l| l == needle).expect(needle)
}

#[test]
fn rules_check_names_the_file_and_line_of_a_bad_row() {
    let dir = edited_rules("casualties.csv", |t| {
        format!("{t}killed_word,قُتِل,\nperson,لقي حتفه,\ninjured_word,,\n")
    });
    let path = dir.path().join("casualties.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = badia(&["rules", "check", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let file = path.display().to_string();
    for (row, why) in [
        ("killed_word,قُتِل,", "is listed already"),
        ("person,لقي حتفه,", "can never match one word"),
        ("injured_word,,", "the text is empty"),
    ] {
        let at = format!("{file}:{}: ", line_of(&text, row));
        assert!(
            stderr.lines().any(|l| l.contains(&at) && l.contains(why)),
            "{at}{why}\n{stderr}"
        );
    }
}

#[test]
fn rules_check_reports_an_example_that_is_not_read_as_written() {
    let dir = edited_rules("casualties.csv", |t| {
        format!("{t}example,قتل عنصران من قوات النظام بانفجار لغم قرب السخنة.,killed=3\n")
    });
    let out = badia(&["rules", "check", dir.path().to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("killed: expected «3», read «2»"),
        "{stdout}"
    );
}

/// `badia extract` of one sentence with extra arguments: the fatalities of its first event.
fn killed_with(args: &[&str], sentence: &str) -> String {
    property_with(args, sentence, "fatalities")
}

/// `badia extract` of one sentence with extra arguments: a property of its first event.
fn property_with(args: &[&str], sentence: &str, property: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("post.txt");
    std::fs::write(&input, sentence).unwrap();
    let output = dir.path().join("events.geojson");
    let mut all = vec![
        "extract",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let out = badia(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let geojson: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    geojson["features"][0]["properties"][property].to_string()
}

#[test]
fn an_extra_rules_file_adds_a_word_at_run_time() {
    // "نفق" (of animals) is no word of the rules: the figure is nobody's until a file adds it.
    let sentence = "نفق 12 عنصراً من قوات النظام بانفجار لغم في بادية السخنة.";
    assert_eq!(killed_with(&[], sentence), "0");
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("mine.csv");
    std::fs::write(&extra, "list,text,value\nkilled_word,نفق,\n").unwrap();
    let extra = extra.to_str().unwrap();
    assert_eq!(killed_with(&["--extra-rules", extra], sentence), "12");
}

#[test]
fn an_extra_month_name_dates_a_sentence() {
    // "يوليوز" (July, as Moroccan reports write it) is no month of the rules.
    let sentence = "قتل عنصر بهجوم قرب تدمر في 3 يوليوز 2021.";
    assert_eq!(property_with(&[], sentence, "event_date"), "null");
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("mine.csv");
    std::fs::write(&extra, "list,text,value\nmonth,يوليوز,7\n").unwrap();
    let args = ["--extra-rules", extra.to_str().unwrap()];
    assert_eq!(
        property_with(&args, sentence, "event_date"),
        "\"2021-07-03\""
    );
}

#[test]
fn a_rules_folder_replaces_the_compiled_in_rules() {
    let sentence = "قتل 4 عناصر من قوات النظام بانفجار لغم في بادية السخنة.";
    let dir = edited_rules("casualties.csv", |t| {
        t.lines()
            .filter(|l| *l != "killed_word,قتل," && !l.starts_with("example,"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    assert_eq!(killed_with(&[], sentence), "4");
    let rules = dir.path().to_str().unwrap();
    assert_eq!(killed_with(&["--rules", rules], sentence), "0");
}

#[test]
fn a_bad_extra_rules_file_stops_the_run_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("mine.csv");
    std::fs::write(&extra, "list,text,value\nkiled_word,نفق,\n").unwrap();
    let out = badia(&[
        "extract",
        "examples/articles",
        "--extra-rules",
        extra.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let at = format!(
        "{}:2: unknown list «kiled_word»",
        Path::new(&extra).display()
    );
    assert!(stderr.contains(&at), "{stderr}");
}
