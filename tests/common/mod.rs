//! Helpers shared by the integration tests: running the binary, and the library's per-article
//! path with the bundled gazetteer (loaded once per test binary).
// Each test binary uses only some of these.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use badia::gazetteer::Gazetteer;
use badia::model::{Article, Event};
use badia::pipeline::Extractor;

pub const BIN: &str = env!("CARGO_BIN_EXE_badia");

/// The project folder, where the binary runs.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `badia` with `args` in the project folder.
pub fn badia(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(root())
        .output()
        .expect("run badia")
}

/// An extractor over the bundled gazetteer.
pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Gazetteer::load_default().expect("gazetteer").0))
}

/// The events of one article with no publication date.
pub fn events_of(text: &str) -> Vec<Event> {
    let article = Article {
        id: "row".into(),
        origin: "row.txt".into(),
        text: text.into(),
        ..Article::default()
    };
    extractor().article_events(&article)
}
