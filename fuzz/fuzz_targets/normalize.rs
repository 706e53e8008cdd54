//! Normalisation on any text: folding twice changes nothing, and every folded byte maps back to
//! a character boundary of the original, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/laws/mod.rs"]
mod laws;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    laws::fold_is_idempotent(&text);
    laws::fold_offsets_point_into(&text);
});
