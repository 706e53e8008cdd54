//! Events: incident sentences read into ACLED-coded events.

pub mod actors;
pub mod dates;
pub mod numbers;
mod numwords;
pub mod types;
