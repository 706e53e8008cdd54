//! Dates in Arabic news: publication dates of pages, relative days (اليوم، أمس، weekdays),
//! explicit dates with Levantine, Egyptian and paired month names, Arabic-Indic digits.

use chrono::NaiveDate;
use std::ops::Range;

/// A date read from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRef {
    pub date: NaiveDate,
    /// ACLED time precision: 1 day, 2 week, 3 month.
    pub precision: u8,
    /// Byte range of the phrase in the text as written.
    pub span: Range<usize>,
}

/// The date an incident sentence refers to, relative to `published` (placeholder).
pub fn event_date(_sentence: &str, _published: Option<NaiveDate>) -> Option<DateRef> {
    None
}

/// A publication date written on a page ("03 أكتوبر 2020", "2020-10-03") (placeholder).
pub fn page_date(_text: &str) -> Option<DateRef> {
    None
}

/// True when the text's relative weekday phrases disagree with `published` (placeholder).
pub fn weekdays_contradict(_text: &str, _published: NaiveDate) -> bool {
    false
}
