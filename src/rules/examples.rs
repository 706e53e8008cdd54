//! Runs the rules files' example rows: each sentence is read as a one-line article, exactly
//! as `badia extract` reads it, and its first event is compared with what the row expects.

use chrono::NaiveDate;

use super::Example;
use crate::model::{Article, Event};
use crate::pipeline::Extractor;

/// An example whose reading differs from what its row expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub file: String,
    pub line: u64,
    pub sentence: String,
    /// What differs: `key: expected X, read Y`, one per key.
    pub differences: Vec<String>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: «{}»: {}",
            self.file,
            self.line,
            self.sentence,
            self.differences.join("; ")
        )
    }
}

/// The examples whose reading differs from their row.
pub fn failures(extractor: &Extractor, examples: &[Example]) -> Vec<Failure> {
    examples
        .iter()
        .filter_map(|ex| {
            let differences = differences(extractor, ex);
            (!differences.is_empty()).then(|| Failure {
                file: ex.file.clone(),
                line: ex.line,
                sentence: ex.sentence.clone(),
                differences,
            })
        })
        .collect()
}

/// How the reading of one example differs from its row.
fn differences(extractor: &Extractor, ex: &Example) -> Vec<String> {
    let mut published = None;
    for (key, value) in &ex.expect {
        if key == "published" {
            match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(d) => published = Some(d),
                Err(_) => return vec![format!("published: «{value}» is not YYYY-MM-DD")],
            }
        }
    }
    let article = Article {
        id: format!("{}:{}", ex.file, ex.line),
        origin: ex.file.clone(),
        text: ex.sentence.clone(),
        published,
        ..Article::default()
    };
    let events = extractor.article_events(&article);
    let mut out = Vec::new();
    for (key, want) in &ex.expect {
        let got = match key.as_str() {
            "published" => continue,
            "events" => events.len().to_string(),
            "suggest" => suggested(extractor, &article),
            _ => match events.first() {
                Some(e) => field(e, key),
                None => "no event".to_string(),
            },
        };
        if !same(key, want, &got) {
            out.push(format!("{key}: expected «{want}», read «{got}»"));
        }
    }
    out
}

/// The keys of the unknown place names `badia gazetteer suggest` lists for the article,
/// joined by `|`.
fn suggested(extractor: &Extractor, article: &Article) -> String {
    let found = crate::gazetteer::suggest::suggest(extractor, std::slice::from_ref(article));
    let keys: Vec<&str> = found.iter().map(|s| s.key.as_str()).collect();
    keys.join("|")
}

/// An event's field by its example key, written as an example writes it ("" for none).
fn field(e: &Event, key: &str) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match key {
        "killed" => e.fatalities.to_string(),
        "injured" => e.injured.map(|n| n.to_string()).unwrap_or_default(),
        "date" => e.date.map(|d| d.to_string()).unwrap_or_default(),
        "type" => e.event_type.to_string(),
        "sub_event" => e.sub_event_type.to_string(),
        "actor1" => opt(&e.actor1),
        "actor2" => opt(&e.actor2),
        "assoc_actor_1" => opt(&e.assoc_actor_1),
        "assoc_actor_2" => opt(&e.assoc_actor_2),
        "location" => e.location.clone(),
        "target" => opt(&e.target),
        "victims" => e.victims.join("|"),
        "precision" => e.time_precision.to_string(),
        "date_source" => e
            .date_source
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        "geo_precision" => e.geo_precision.to_string(),
        _ => String::new(),
    }
}

/// Whether a read value is the expected one; an unknown injured count is none ("0" too).
fn same(key: &str, want: &str, got: &str) -> bool {
    match key {
        "injured" => {
            let n = |s: &str| if s.is_empty() { "0" } else { s }.to_string();
            n(want) == n(got)
        }
        _ => want == got,
    }
}
