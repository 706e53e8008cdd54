//! Events: incident sentences read into ACLED-coded events.

pub mod actors;
pub mod dates;
mod lexicon;
pub mod numbers;
pub mod types;
