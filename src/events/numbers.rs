//! Casualty counts in Arabic phrases: killed, injured, captured and missing, read from digits in
//! both scripts, number words, duals and hedges ("at least", "more than", "about").

use std::ops::Range;

/// A count read from the text, with the spread a hedge implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// The figure ACLED would code (the conservative one).
    pub value: u32,
    /// Lower and upper bounds when the text gives a range or a hedge.
    pub low: u32,
    pub high: Option<u32>,
    /// Byte range of the phrase in the sentence as written.
    pub span: Range<usize>,
}

/// Casualties reported in one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Casualties {
    pub killed: Option<Count>,
    pub injured: Option<Count>,
    pub captured: Option<Count>,
    pub missing: Option<Count>,
}

/// Reads the casualties a sentence reports (placeholder).
pub fn casualties(_sentence: &str) -> Casualties {
    Casualties::default()
}
