//! The readers on any bytes: plain text, HTML, JSON Lines, CSV, or a name with no extension
//! (sniffed). The first byte picks the reader. Nothing may panic; articles stay within the size
//! limit; every diagnostic names the input, and a line from 1 on when it has one.
#![no_main]

use libfuzzer_sys::fuzz_target;

use badia::ingest::{read_buffer, Ingested};

#[path = "../../tests/laws/mod.rs"]
mod laws;

const NAMES: [&str; 5] = ["in.txt", "in.html", "in.jsonl", "in.csv", "in"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let mut got = Ingested::default();
    read_buffer(name, bytes, &mut got);
    laws::ingested_is_sound(name, &got);
});
