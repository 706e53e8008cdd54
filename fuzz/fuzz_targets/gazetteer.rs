//! The gazetteer loader and checker on any CSV (a hand-edited gazetteer), then the pipeline with
//! the places that loaded, on an article naming each of them. Nothing may panic; rows that load
//! are usable places; bad rows and check findings are named by file and line; events keep
//! their laws whatever the places are.
#![no_main]

use libfuzzer_sys::fuzz_target;

use badia::gazetteer::{check, parse_csv, Gazetteer, COLUMNS};
use badia::model::Article;
use badia::pipeline::Extractor;

#[path = "../../tests/laws/mod.rs"]
mod laws;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    // Half the inputs get the real header, so the fuzzer spends its time on the rows.
    let mut csv = Vec::new();
    if pick % 2 == 0 {
        csv.extend_from_slice(COLUMNS.join(",").as_bytes());
        csv.push(b'\n');
    }
    csv.extend_from_slice(rest);

    if let Ok(report) = check::check_csv(csv.as_slice(), "fuzz.csv") {
        for d in report.errors.iter().chain(&report.warnings) {
            laws::diagnostic_names(d, "fuzz.csv");
        }
    }
    let Ok((places, errors)) = parse_csv(csv.as_slice()) else {
        return;
    };
    laws::gazetteer_rows_are_sound(&places, &errors);
    let text: String = places
        .iter()
        .take(16)
        .map(|p| format!("قتل 3 عناصر بهجوم لداعش في ريف {} الشرقي.\n", p.name_ar))
        .collect();
    let extractor = Extractor::new(Gazetteer::new(places));
    let article = Article {
        id: "fuzz".into(),
        origin: "fuzz".into(),
        text,
        ..Article::default()
    };
    laws::extraction_is_sound(&extractor, &article);
});
