//! ACLED event types read from an incident sentence (placeholder, to be written).

use std::ops::Range;

/// ACLED's coding of one incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// ACLED `event_type`, e.g. `Battles`.
    pub event_type: &'static str,
    /// ACLED `sub_event_type`, e.g. `Armed clash`.
    pub sub_event_type: &'static str,
    /// ACLED `disorder_type`, e.g. `Political violence`.
    pub disorder_type: &'static str,
    /// Byte range of the words that decided it.
    pub trigger: Range<usize>,
}

/// How an incident sentence is coded, or `None` if it reports no incident (placeholder).
pub fn classify(_sentence: &str) -> Option<Classification> {
    None
}

/// True for sentences that sum up a period ("329 قتيلاً منذ مطلع العام") rather than report
/// an incident (placeholder).
pub fn is_statistics(_sentence: &str) -> bool {
    false
}
