//! The whole pipeline on one article: folding, toponyms, resolution and events. Raw inputs are
//! read as text; token inputs (first byte odd) are sentences built from the words news reports
//! use, so the fuzzer reaches the event readers quickly. Nothing may panic; every mention,
//! place phrase and evidence offset lies inside the article on a character boundary; every
//! event has a place with coordinates.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

use badia::gazetteer::Gazetteer;
use badia::ingest::from_text;
use badia::pipeline::Extractor;

#[path = "../../tests/laws/mod.rs"]
mod laws;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        let (gaz, _) = Gazetteer::load_default().expect("the bundled gazetteer loads");
        Extractor::new(gaz)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = if pick % 2 == 1 {
        laws::sentence(rest)
    } else {
        String::from_utf8_lossy(rest).into_owned()
    };
    let article = from_text("fuzz.txt", "fuzz.txt", &text);
    laws::extraction_is_sound(extractor(), &article);
});
