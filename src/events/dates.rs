//! Dates in Arabic news. Text comes in as written, with the publication date when known; out
//! comes the date a phrase names, its ACLED time precision (1 day, 2 week, 3 month) and the
//! byte span of the phrase.
//!
//! Read here: explicit dates with Levantine, Egyptian/Western and Maghrebi month names, alone or
//! paired ("3 ديسمبر/كانون الأول"، "الـ24 من شهر آذار/مارس"، "22.تشرين1.2020"), numeric
//! dates ("2020-10-03", "03/10/2020", day first), and days relative to publication (اليوم،
//! أمس، أول أمس، "قبل يومين" but not "قبل يومين من الهجوم"، "قبل أسبوع" (precision 2),
//! weekdays, "الأسبوع الجاري"، "بداية الشهر الجاري"). The text is folded once (see
//! [`crate::normalize`]) so hamza forms, ta marbuta and Arabic-Indic digits need no special
//! cases.
//!
//! The words are the lists of the rules' `data/rules/dates.csv` (see [`crate::rules`]): weekday
//! and month names, "last" and "this", times of day, the days relative to publication and the
//! words of week and month phrases. What stays here is grammar the reading is built around:
//! «من» between a day and its month or before a year, and the article written apart from a
//! figure ("الـ 24").
//!
//! Choices:
//! - A sentence with an explicit date gives that date; otherwise its first relative phrase.
//! - A date without a year takes the year that puts it on or before publication. Without a
//!   publication date it gives nothing, unless a weekday names it ("الاثنين 19 آب") and that
//!   weekday fits the latest year the article writes ([`latest_year`]) and none of the
//!   [`YEARS_AFTER`] years after it: a page is written no earlier than the latest year it
//!   names ("منذ بداية عام 2024"), and the weekday tells which year it is
//!   ([`DateRef::year_from_weekday`]).
//! - A stated weekday beats arithmetic: "أمس الجمعة" is the latest Friday before publication,
//!   "اليوم السبت" the latest Saturday on or before it, and [`DateRef::weekday_conflict`] says
//!   when that differs from yesterday or today (or from the weekday of an explicit date).
//! - Month-level phrases (precision 3) point at the first day of the month, so they never fall
//!   after publication; week-level phrases (precision 2) at the publication date for "this
//!   week" and a week earlier for "last week".

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::ops::Range;
use std::sync::LazyLock;

use super::numwords::{digits_value, read_number, token_range, Token};
use super::{types, Sentence};
use crate::clitics::{Forms, ARTICLE};
use crate::gazetteer::FastMap;
use crate::model::{DateSource, DayOfMonth};
use crate::normalize::{fold, Folded};
use crate::rules::{self, Endings, Sieve, WordSet};

use memchr::memmem::Finder;

/// A date read from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRef {
    pub date: NaiveDate,
    /// ACLED time precision: 1 day, 2 week, 3 month.
    pub precision: u8,
    /// Byte range of the phrase in the text as written.
    pub span: Range<usize>,
    /// The text names a weekday that is not the weekday of the date otherwise meant ("أمس
    /// الجمعة" when yesterday was a Thursday; "الثلاثاء 8 نوفمبر 2023", a Wednesday).
    pub weekday_conflict: bool,
    /// The text gives the day and month but no year, and the page no publication date: the
    /// year is the article's latest, which the stated weekday fits (see the choices above).
    pub year_from_weekday: bool,
}

impl DateRef {
    /// Where the date came from, as an event's `date_source` says it.
    pub fn source(&self) -> DateSource {
        if self.year_from_weekday {
            DateSource::WeekdayYear
        } else {
            DateSource::Text
        }
    }
}

/// The date an incident sentence refers to, relative to `published`.
///
/// ```
/// use badia::events::dates::event_date;
/// use chrono::NaiveDate;
/// let published = NaiveDate::from_ymd_opt(2020, 10, 3);
/// let d = event_date("مقتل 20 عنصراً يوم أمس الجمعة", published).unwrap();
/// assert_eq!(d.date, NaiveDate::from_ymd_opt(2020, 10, 2).unwrap());
/// assert!(!d.weekday_conflict);
/// ```
pub fn event_date(sentence: &str, published: Option<NaiveDate>) -> Option<DateRef> {
    Sentence::read(sentence, |s| date_in(s, published, None))
}

/// [`event_date`] for a sentence already folded; `latest_year` is the article's
/// [`latest_year`], asked for only when it has no publication date.
pub(crate) fn date_in(
    sentence: &Sentence,
    published: Option<NaiveDate>,
    latest_year: Option<i32>,
) -> Option<DateRef> {
    let mut text = Text::new(sentence);
    text.latest_year = latest_year;
    date_of(sentence, &text, published)
}

/// The date of the incident the words of `text` tell, relative to `published` ([`date_in`]).
fn date_of(s: &Sentence, text: &Text, published: Option<NaiveDate>) -> Option<DateRef> {
    let mut relative: Option<Found> = None;
    // The first phrase that dates a telling ("نقلت القناة اليوم السبت عن مصادر أن لغماً
    // انفجر أمس الجمعة"): the incident's day when the sentence names no other.
    let mut telling: Option<Found> = None;
    let mut background_until = 0;
    for i in text.openings() {
        if i < background_until {
            continue;
        }
        // "منذ آذار 2019" (since March 2019) is background, never the incident's day, and so
        // is every part of it. A day is when a lasting state began ("مفقودون منذ الـ24 من
        // آذار") and dates it; after anything else ("الهجوم الثاني منذ 8 أكتوبر", "منذ الـ17
        // من الشهر الجاري") it is background too. "منذ ثلاثة أيام" (three days ago) opens at
        // منذ itself and is no explicit date.
        let since = i > 0 && text.is(i - 1, SINCE)
            || i > 1 && text.toks[i - 1].text == ARTICLE && text.is(i - 2, SINCE);
        let background =
            |found: &Found| since && (found.precision > 1 || !text.tells_lasting_state());
        let found = text.explicit_at(i, published);
        let explicit = found.is_some();
        let found = found.or_else(|| match relative {
            None => text.relative_at(i, published?),
            // "خلال الأسبوع الماضي، هاجمت خلايا التنظيم حاجزاً … يوم الثلاثاء": a day after a
            // week or month phrase is finer, and is the incident's day when its own clause
            // tells the violence ([`Text::own_finer_day`]).
            Some(coarse) if coarse.precision > 1 => text
                .relative_at(i, published?)
                .and_then(|f| text.own_finer_day(s, &coarse, f)),
            Some(_) => None,
        });
        let Some(found) = found else {
            continue;
        };
        if background(&found) || telling.is_none() && text.dates_telling(found.start, found.end) {
            background_until = found.end;
            if !background(&found) {
                telling = Some(found);
            }
            continue;
        }
        if explicit {
            // "… صباح اليوم، ويأتي الهجوم بعد أيام من الاشتباكات في العاشر من الشهر الماضي":
            // a day counted from or of another incident gives way to the sentence's other
            // date phrase («منذ» right before is read above: it may date a lasting state).
            let dated = text.date_ref(found);
            if !since && counted_from(text.original, &dated.span) {
                background_until = found.end;
                continue;
            }
            return Some(dated);
        }
        relative = Some(found);
    }
    relative.or(telling).map(|f| text.date_ref(f))
}

/// Two days in different years that [`day_of_month_in`] reads a sentence against.
const READ_AGAINST: [(i32, u32, u32); 2] = [(2001, 3, 14), (2002, 11, 25)];

/// The day and month a sentence of a page with no date writes for its incident («في 7
/// آب/أغسطس», «اليوم الخميس 17 آب»). The sentence is read as if published on each of two
/// days ([`READ_AGAINST`]): a day both readings share is one the sentence itself names,
/// whatever the day it was written («أمس الإثنين» or «قبل ثلاثة أيام» name none).
pub(crate) fn day_of_month_in(sentence: &Sentence) -> Option<DayOfMonth> {
    let text = Text::new(sentence);
    // Most sentences name no month: they are not read twice.
    if text.dates.iter().all(|d| d.month.is_none()) {
        return None;
    }
    let [a, b] = READ_AGAINST.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
    // A day counted back («أمس», «قبل يومين») beside a date may be counted from it («أعلنت
    // الوزارة اليوم الخميس 17 آب أن … أمس»): no day is kept.
    let counts_back = (0..text.toks.len()).any(|i| {
        text.today_or_yesterday(i).is_some_and(|(back, _)| back > 0)
            || a.is_some_and(|a| text.days_ago(i, a).is_some())
    });
    if counts_back {
        return None;
    }
    let [a, b] =
        [a, b].map(|published| date_of(sentence, &text, published).filter(|r| r.precision == 1));
    let (a, b) = (a?, b?);
    let same = (a.date.month(), a.date.day()) == (b.date.month(), b.date.day());
    (same && dates_own_incident(sentence.text, &a.span)).then(|| DayOfMonth {
        month: a.date.month() as u8,
        day: a.date.day() as u8,
    })
}

/// How many words before a date phrase, in its clause, a `date_reference` word makes it
/// another day than the incident's.
const REFERENCE_REACH: usize = 6;

/// Words before a date phrase that make it the day of another incident or a day counted
/// from (`date_reference`).
static DATE_REFERENCES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("date_reference"));
/// Words a date phrase of the incident's own day follows (`day_lead`), besides the date
/// words of times of day, days and weekdays.
static DAY_LEADS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("day_lead"));

/// Whether a `date_reference` word («بعد», «قبل», «منذ», «إثر» …) stands in the
/// [`REFERENCE_REACH`] words before the date phrase at `span`, in its clause: the phrase is
/// the day of another incident or a day counted from.
fn counted_from(sentence: &str, span: &Range<usize>) -> bool {
    refers_to_another_day(&clause_words_before(sentence, span))
}

/// Up to [`REFERENCE_REACH`] words of `sentence` before `span`, in its clause, folded, the
/// nearest first.
fn clause_words_before(sentence: &str, span: &Range<usize>) -> Vec<String> {
    let before = &sentence[..span.start.min(sentence.len())];
    let clause = before
        .rsplit(['،', ',', '.', '؛', ';', ':', '(', '\n'])
        .next()
        .unwrap_or(before);
    clause
        .split_whitespace()
        .rev()
        .take(REFERENCE_REACH)
        .map(fold)
        .collect()
}

/// Whether `words` (before a date phrase, the nearest first) hold a `date_reference` word;
/// «بعد» before a time of day («بعد ظهر يوم 10 آذار», the afternoon) is none.
fn refers_to_another_day(words: &[String]) -> bool {
    let bare = |w: &str| crate::clitics::without_and(w).to_string();
    words.iter().enumerate().any(|(k, w)| {
        let time_after = k
            .checked_sub(1)
            .and_then(|n| words.get(n))
            .is_some_and(|next| {
                LISTS
                    .words
                    .get(bare(next).as_str())
                    .is_some_and(|d| d.flags & TIME_OF_DAY != 0)
            });
        DATE_REFERENCES.contains(&bare(w)) && !time_after
    })
}

/// Whether the date phrase at `span` of `sentence` dates the sentence's own incident: it
/// opens its clause or follows a preposition of time or a day word («في 7 آب», «يوم 7 آب»,
/// «اليوم الخميس 17 آب»), not a noun («هجوم 7 آب»), and no `date_reference` word stands in
/// the words before it in its clause («قبل يومين من 7 آب», «بعد أيام من هجوم مماثل في 7 آب»).
fn dates_own_incident(sentence: &str, span: &Range<usize>) -> bool {
    let words = clause_words_before(sentence, span);
    let bare = |w: &String| crate::clitics::without_and(w).to_string();
    let lead = words.first().map(bare).is_none_or(|w| {
        let dated = LISTS.words.get(w.as_str()).is_some_and(|d| {
            d.weekday.is_some() || d.flags & (TIME_OF_DAY | DAY_WORD | TODAY | WEEKDAY_LINK) != 0
        });
        dated || DAY_LEADS.contains(&w)
    });
    lead && !refers_to_another_day(&words)
}

/// Words of a period to come (`future_word`): "مطلع الأسبوع المقبل" is no date of the past.
static FUTURE_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("future_word"));

/// Most words between a word of telling and the date phrase that dates it ("ونقلت قناة
/// "تلفزيون سوريا"، على موقعها الإلكتروني، اليوم السبت").
const TELLING_REACH: usize = 10;

/// A publication date written near the top of a page ("03 أكتوبر 2020", "الجمعة, 4 أكتوبر -
/// 2024", "2020-10-03", "22/10/2020", "تاريخ النشر: …"): the first full date with a year.
///
/// ```
/// use badia::events::dates::page_date;
/// use chrono::NaiveDate;
/// let d = page_date("عنوان الخبر\n\n03 أكتوبر 2020\nنص الخبر").unwrap();
/// assert_eq!(d.date, NaiveDate::from_ymd_opt(2020, 10, 3).unwrap());
/// ```
pub fn page_date(text: &str) -> Option<DateRef> {
    let head = without_captions(head_of(text, PAGE_HEAD_BYTES));
    let head = without_addresses(&head);
    Sentence::read(&head, |head| {
        let text = Text::new(head);
        let date = text.openings().find_map(|i| {
            let found = text.explicit_at(i, None)?;
            (found.precision == 1).then(|| text.date_ref(found))
        });
        date
    })
}

/// The latest year an article writes as a year: after a year word ("عام 2024", "منذ بداية
/// عام 2024"), «منذ» ("منذ 2019") or a month ("آذار 2019"), or in a numeric date. A page is
/// written no earlier than that year; a weekday named with a day and month confirms it
/// (see [`DateRef::year_from_weekday`]).
///
/// ```
/// use badia::events::dates::latest_year;
/// assert_eq!(latest_year("تصاعدت الهجمات منذ آذار 2019 ومنذ بداية عام 2024"), Some(2024));
/// assert_eq!(latest_year("قتل 2000 عنصر"), None);
/// // A year things have lasted since is long past: it tells nothing of the page's.
/// assert_eq!(latest_year("تسيطر عليها قوات النظام منذ عام 2013"), None);
/// ```
pub fn latest_year(text: &str) -> Option<i32> {
    Sentence::read(text, latest_year_in)
}

/// [`latest_year`] of a text already folded.
pub(crate) fn latest_year_in(sentence: &Sentence) -> Option<i32> {
    let text = Text::new(sentence);
    let year_after = |i: usize| {
        let y = text
            .word(i)
            .filter(|w| w.len() == 4)
            .and_then(digits_value)?;
        let y = i32::try_from(y).ok().filter(|y| YEARS.contains(y))?;
        let named = |k: usize| {
            text.is(k, YEAR_WORD | SINCE) || text.dates.get(k).is_some_and(|d| d.month.is_some())
        };
        // "منذ عام 2013", "منذ 2013": a year long past; "منذ بداية عام 2024" is this one.
        let since = i > 0 && text.is(i - 1, SINCE)
            || i > 1 && text.is(i - 1, YEAR_WORD) && text.is(i - 2, SINCE);
        let as_year = !since && i > 0 && named(i - 1)
            // "تشرين الأول 2024"
            || i > 1 && text.month_at(i - 2).is_some_and(|(_, len)| len == 2)
            || i > 1 && text.joined(i - 2, i - 1) && text.joined(i - 1, i)
            || text.joined(i, i + 1) && text.joined(i + 1, i + 2);
        as_year.then_some(y)
    };
    (0..text.toks.len()).filter_map(year_after).max()
}

/// Years a page may be written in, as far as its text tells it.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Years after an article's latest year in which a weekday named with a day and month must not
/// fit for it to confirm that year: the same day falls on the same weekday again after five,
/// six or eleven years.
pub const YEARS_AFTER: i32 = 5;

/// `latest` when day `day` of `month` is a `weekday` in it and in none of the [`YEARS_AFTER`]
/// years after it.
fn year_of_weekday(month: u32, day: u32, weekday: Weekday, latest: i32) -> Option<NaiveDate> {
    let on = |y: i32| NaiveDate::from_ymd_opt(y, month, day).filter(|d| d.weekday() == weekday);
    let date = on(latest)?;
    let again = (latest + 1..=latest + YEARS_AFTER).any(|y| on(y).is_some());
    (!again).then_some(date)
}

/// True when the text's "today/yesterday + weekday" phrases ("اليوم السبت", "أمس الأربعاء",
/// "فجر اليوم الاثنين") disagree with `published`: a sign that a header date is the day the
/// page was viewed, not written.
///
/// ```
/// use badia::events::dates::weekdays_contradict;
/// use chrono::NaiveDate;
/// let friday = NaiveDate::from_ymd_opt(2024, 10, 4).unwrap();
/// assert!(weekdays_contradict("هاجم التنظيم أمس الأربعاء مواقع", friday));
/// assert!(!weekdays_contradict("هاجم التنظيم أمس الخميس مواقع", friday));
/// ```
pub fn weekdays_contradict(text: &str, published: NaiveDate) -> bool {
    // Only a phrase that ends in a weekday name can contradict, and it spans at most the three
    // words before the name: the text is folded once and read only around each name.
    let folded = fold(text);
    let found = weekday_windows(&folded)
        .any(|(window, weekday_at)| contradicts_before(window, weekday_at, published));
    found
}

/// Whether a "today/yesterday + weekday" phrase that opens before the word at `weekday_at` of
/// `window` (folded words) disagrees with `published`.
fn contradicts_before(window: &str, weekday_at: usize, published: NaiveDate) -> bool {
    // The window is folded already and no span is asked of it: no map back is needed.
    let words = Folded::unmapped(window.to_string());
    let sentence = Sentence::new(&words.text, &words);
    let text = Text::new(&sentence);
    // Every word these questions read lies inside the window for phrases opening before the
    // weekday's word; phrases opening later end at another name, with its own window.
    let found = text.openings().take_while(|&i| i < weekday_at).any(|i| {
        let Some((offset, after)) = text.today_or_yesterday(i) else {
            return false;
        };
        match text.weekday(after) {
            Some(wd) => published
                .checked_sub_days(Days::new(offset))
                .is_some_and(|d| d.weekday() != wd),
            None => false,
        }
    });
    found
}

/// Words of folded text around each word that ends in a weekday name (the only words with a
/// weekday among their forms, which are suffixes of the word): up to [`WINDOW_WORDS`] words
/// before it, it and as many after, with the index of the weekday's word in the window.
fn weekday_windows(folded: &str) -> impl Iterator<Item = (&str, usize)> {
    static FINDERS: LazyLock<Vec<Finder<'static>>> = LazyLock::new(|| {
        LISTS
            .weekday_names
            .iter()
            .map(|name| Finder::new(name).into_owned())
            .collect()
    });
    // Folded words are parted by single spaces, with none at either end.
    let bytes = folded.as_bytes();
    FINDERS.iter().flat_map(move |finder| {
        finder.find_iter(bytes).filter_map(move |at| {
            let end = at + finder.needle().len();
            if !matches!(bytes.get(end), None | Some(b' ')) {
                return None;
            }
            let (mut from, mut before) = (word_start(bytes, at), 0);
            while before < WINDOW_WORDS && from > 0 {
                from = word_start(bytes, from - 1);
                before += 1;
            }
            let mut to = end;
            for _ in 0..WINDOW_WORDS {
                if to < bytes.len() {
                    to = word_end(bytes, to + 1);
                }
            }
            Some((&folded[from..to], before))
        })
    })
}

/// Where the word of folded text that byte `i` is in (or ends right before) starts.
fn word_start(bytes: &[u8], i: usize) -> usize {
    bytes[..i]
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(0, |s| s + 1)
}

/// Where the word of folded text that starts at byte `i` ends.
fn word_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(bytes.len(), |n| i + n)
}

/// Words read on either side of a weekday's word by [`weekdays_contradict`]: a phrase
/// before a weekday opens at most three words before it and reads no further than it.
const WINDOW_WORDS: usize = 3;

/// How far into a page its date is looked for.
const PAGE_HEAD_BYTES: usize = 3000;

/// Words that open a photo's caption (`caption_word`): "صورة أرشيفية …", "الصورة: …".
static CAPTION_WORDS: LazyLock<rules::WordSet> =
    LazyLock::new(|| rules::WordSet::of("caption_word"));

/// Most words before a caption word in a caption's line ("(من الأرشيف - صورة …)").
const CAPTION_LEAD_WORDS: usize = 3;

/// How far into a line its caption word is looked for, in bytes: room for the lead words and
/// the caption word.
const CAPTION_LEAD_BYTES: usize = 200;

/// Whether a line is a photo's caption: its date is the photo's, not the page's.
fn is_caption(line: &str) -> bool {
    // Only the line's first words are read: a line may be a whole paragraph.
    let lead = line
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .nth(CAPTION_LEAD_WORDS + 1)
        .map_or(line, |(i, _)| &line[..i]);
    fold(head_of(lead, CAPTION_LEAD_BYTES))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(CAPTION_LEAD_WORDS + 1)
        .any(|w| CAPTION_WORDS.has_word(w))
}

/// `text` with the lines of photo captions blanked (spaces keep every offset).
fn without_captions(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.lines().any(is_caption) {
        return text.into();
    }
    text.split_inclusive('\n')
        .map(|line| {
            if is_caption(line) {
                let body = line.trim_end_matches('\n');
                " ".repeat(body.len()) + &line[body.len()..]
            } else {
                line.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// `text` with its web addresses blanked (spaces keep every offset): the figures of an
/// address ("![](https://…/uploads/2023/04/9-24.jpg)") are no date line.
fn without_addresses(text: &str) -> std::borrow::Cow<'_, str> {
    let is_address = |word: &str| word.contains("://") || word.starts_with("www.");
    if !text.split_whitespace().any(is_address) {
        return text.into();
    }
    text.split_inclusive(char::is_whitespace)
        .map(|piece| {
            let word = piece.trim_end_matches(char::is_whitespace);
            if is_address(word) {
                " ".repeat(word.len()) + &piece[word.len()..]
            } else {
                piece.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// The first `max` bytes of `text`, cut on a character boundary.
fn head_of(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A date phrase found at tokens `start..end`.
#[derive(Debug, Clone, Copy)]
struct Found {
    date: NaiveDate,
    precision: u8,
    start: usize,
    end: usize,
    weekday_conflict: bool,
    /// The year is the article's latest, which the stated weekday fits.
    year_from_weekday: bool,
}

/// A text folded and split into words, kept with its original.
struct Text<'a> {
    original: &'a str,
    folded: &'a Folded,
    toks: &'a [Token<'a>],
    /// What the date lists say of each token's forms.
    dates: Vec<TokenDates>,
    /// The article's [`latest_year`] when it has no publication date.
    latest_year: Option<i32>,
}

/// What the date lists say of the forms of one token.
#[derive(Debug, Clone, Copy, Default)]
struct TokenDates {
    /// The lists the forms are in, and [`DATED`] when a form is a date word at all: most
    /// words are not, and no question asked of them needs their forms.
    flags: u32,
    /// The weekday of the first form that names one.
    weekday: Option<Weekday>,
    /// The first form that is a month's name or the first word of one.
    month: Option<&'static DateWord>,
}

impl TokenDates {
    fn of(forms: &Forms<'_>) -> TokenDates {
        let mut d = TokenDates::default();
        let lists = &*LISTS;
        // Every form ends as the word itself (the first) does.
        let Some(word) = forms.iter().next() else {
            return d;
        };
        if !lists.sieve.may_end(word) || !lists.endings.may_end(word) {
            return d;
        }
        let listed = forms.iter().filter(|s| lists.sieve.may_hold(s));
        for w in listed.filter_map(|s| lists.words.get(s)) {
            d.flags |= w.flags | DATED;
            d.weekday = d.weekday.or(w.weekday);
            if d.month.is_none() && (w.month.is_some() || !w.longer_months.is_empty()) {
                d.month = Some(w);
            }
        }
        d
    }
}

impl<'a> Text<'a> {
    fn new(sentence: &'a Sentence) -> Self {
        let toks = sentence.words();
        let dates = toks.iter().map(|t| TokenDates::of(&t.forms())).collect();
        Text {
            original: sentence.text,
            folded: sentence.folded,
            toks,
            dates,
            latest_year: None,
        }
    }

    fn dated(&self, i: usize) -> bool {
        self.dates[i].flags & DATED != 0
    }

    /// The forms of the word at `i` without clitics, the word itself first; none for a word
    /// that is not a date word.
    fn forms(&self, i: usize) -> Option<Forms<'a>> {
        self.toks
            .get(i)
            .filter(|_| self.dated(i))
            .map(|t| t.forms())
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).map(|t| t.text)
    }

    /// The word at `i` or one of its forms without clitics is in a list of `flag`.
    #[inline]
    fn is(&self, i: usize, flag: u32) -> bool {
        self.dates.get(i).is_some_and(|d| d.flags & flag != 0)
    }

    /// Whether the text tells of a state that lasts from a day on (`lasting_state`).
    fn tells_lasting_state(&self) -> bool {
        self.dates.iter().any(|d| d.flags & LASTING != 0)
    }

    /// The word at `i` or one of its forms without clitics is `form`, a date word.
    fn is_word(&self, i: usize, form: &str) -> bool {
        // The forms of a word that is no date word are not looked at.
        if cfg!(test) {
            assert!(LISTS.words.contains_key(form), "«{form}» is no date word");
        }
        self.forms(i).is_some_and(|f| f.contains(form))
    }

    /// The words from `i` on are `words`, each with or without its clitics.
    fn are(&self, i: usize, words: &[String]) -> bool {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| self.is_word(i + k, w))
    }

    /// The tokens a date phrase may start at, in order: every phrase [`Text::explicit_at`] and
    /// [`Text::relative_at`] read opens with a date word or a figure, so other words are
    /// passed over.
    fn openings(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.toks.len()).filter(|&i| self.dated(i) || self.toks[i].digit)
    }

    /// Whether the phrase at `start..end` dates a telling rather than what is told: a word
    /// of telling (`telling_word`: "قال", "نقلت", "مؤتمر صحفي", "بيان") comes before it within
    /// [`TELLING_REACH`] words, with no word that opens what is told (`told_opener`: "أن",
    /// "إن", "عن") between them, and what is told comes after it: an opener within reach
    /// ("نقلت القناة اليوم السبت عن مصادر"), or another word of telling right after ("في
    /// مؤتمر عقد الخميس الماضي، صرح … بأنه"). "أعلنت الوزارة مقتل جنديين أمس" tells the
    /// incident's day.
    fn dates_telling(&self, start: usize, end: usize) -> bool {
        let from = start.saturating_sub(TELLING_REACH);
        let told_before = (from..start)
            .rev()
            .find(|&k| self.is(k, TELLING | TOLD_OPENER))
            .is_some_and(|k| self.is(k, TELLING));
        let reach = (end + TELLING_REACH).min(self.toks.len());
        let opener_after = (end..reach).any(|k| self.is(k, TOLD_OPENER));
        let telling_next = (end..(end + 2).min(self.toks.len())).any(|k| self.is(k, TELLING));
        told_before && (opener_after || telling_next)
    }

    /// `finer`, a day read after `coarse`, a week or month phrase, when it is the day of the
    /// incident the sentence tells: it lies within that week or month («يوم الثلاثاء» after
    /// «خلال الأسبوع الماضي» is that week's Tuesday, a week before the latest) and not right at
    /// its end («قبل أسبوعين من اليوم»), no `date_reference` stands before it in its clause
    /// («بعد أن كان قد زار المنطقة يوم الأحد»), and its clause tells violence after the coarse
    /// phrase («أبرزها هجوم لخلايا داعش الثلاثاء الماضي», «هاجمت … يوم الثلاثاء»), not a
    /// visit or a statement («، وزار الوزير المنطقة يوم الأحد»). The clause runs between the
    /// stops of the text as written, which folding turns into spaces.
    fn own_finer_day(&self, s: &Sentence, coarse: &Found, finer: Found) -> Option<Found> {
        if finer.precision >= coarse.precision || finer.start <= coarse.end + 1 {
            return None;
        }
        let (from, to) = if coarse.precision == 2 {
            (
                coarse.date.checked_sub_days(Days::new(6))?,
                coarse.date.checked_add_days(Days::new(6))?,
            )
        } else {
            let next = coarse.date.checked_add_months(chrono::Months::new(1))?;
            (coarse.date, next.pred_opt()?)
        };
        let mut finer = finer;
        // A weekday alone is the latest such day: within a week gone by it is a week earlier.
        let weekday_alone = (finer.start..finer.end).any(|k| self.weekday(k).is_some())
            && self.today_or_yesterday(finer.start).is_none();
        if finer.date > to && weekday_alone {
            finer.date = finer.date.checked_sub_days(Days::new(7))?;
        }
        if finer.date < from || finer.date > to {
            return None;
        }
        let span = self.date_ref(finer).span;
        if counted_from(self.original, &span) {
            return None;
        }
        const STOPS: [char; 8] = ['،', ',', '.', '؛', ';', ':', '(', '\n'];
        let opens = self.original[..span.start]
            .rfind(STOPS)
            .map_or(0, |k| k + 1);
        let closes = self.original[span.end..]
            .find(STOPS)
            .map_or(self.original.len(), |k| span.end + k);
        let coarse_end = self.date_ref(*coarse).span.end;
        let clause = opens.max(coarse_end);
        types::tells_violence(s, |folded| {
            (clause..closes).contains(&self.folded.original_start(folded))
        })
        .then_some(finer)
    }

    /// The word at `i` says a period to come (`future_word`: "المقبل", "القادم").
    fn is_future(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.forms().iter().any(|f| FUTURE_WORDS.contains(f)))
    }

    /// "يوم" ("ويوم", "بيوم"), not "اليوم" (today).
    fn is_day_word(&self, i: usize) -> bool {
        self.is(i, DAY_WORD) && !self.is(i, TODAY)
    }

    fn date_ref(&self, f: Found) -> DateRef {
        let span = token_range(self.toks, f.start, f.end)
            .map(|r| {
                let start = self.folded.original_start(r.start);
                let end = self.folded.original_end(r.end, self.original).max(start);
                start..end
            })
            .unwrap_or(0..0);
        DateRef {
            date: f.date,
            precision: f.precision,
            span,
            weekday_conflict: f.weekday_conflict,
            year_from_weekday: f.year_from_weekday,
        }
    }

    /// The weekday named at token `i` ("الأربعاء", "والخميس").
    fn weekday(&self, i: usize) -> Option<Weekday> {
        self.dates.get(i)?.weekday
    }

    /// An explicit date starting at token `i`: "[weekday] [الموافق] day [من] [شهر] month
    /// [/month] [year]", a month with "الماضي" or a year, or a numeric date.
    fn explicit_at(&self, i: usize, published: Option<NaiveDate>) -> Option<Found> {
        let mut j = i;
        let weekday = self.weekday(j);
        if weekday.is_some() {
            j += 1;
            if self.is(j, WEEKDAY_LINK) {
                j += 1;
            }
        }
        if let Some(found) = self.numeric_at(j) {
            return Some(self.with_weekday(found, i, weekday));
        }
        if weekday.is_some() || j > 0 && self.is_day_word(j - 1) {
            if let Some(found) = published.and_then(|p| self.day_slash_month_at(j, p)) {
                return Some(self.with_weekday(found, i, weekday));
            }
        }
        let digits = self
            .word(j)
            .and_then(digits_value)
            .filter(|d| (1..=31).contains(d));
        let day = match digits {
            Some(d) => {
                j += 1;
                if self.is_word(j, OF) {
                    j += 1;
                }
                Some(d)
            }
            // "في العاشر من آذار": an ordinal is a day only before «من».
            None => match self.ordinal_day_at(j) {
                Some((d, len)) if self.is_word(j + len, OF) => {
                    j += len + 1;
                    Some(d)
                }
                _ if weekday.is_some() => return None,
                _ => None,
            },
        };
        if let Some(day) = day {
            if let Some(found) = self.day_of_this_month(i, j, day, published) {
                return Some(self.with_weekday(found, i, weekday));
            }
        }
        if self.is(j, MONTH_WORD) {
            j += 1;
        }
        let (month, len) = self.month_at(j)?;
        j += len;
        // A paired name: "تشرين الثاني/ نوفمبر", "ديسمبر/كانون الأول".
        if let Some((_, len)) = self.month_at(j) {
            j += len;
        }
        let year = self.year_at(j);
        if let Some((_, len)) = year {
            j += len;
        }
        let year = year.map(|(y, _)| y);
        let Some(day) = day else {
            return self.month_only(i, j, month, year, published);
        };
        let (date, year_from_weekday) = match (year, published) {
            (Some(y), _) => (NaiveDate::from_ymd_opt(y, month, day)?, false),
            (None, Some(published)) => (latest_on_or_before(month, day, published)?, false),
            // No year and no publication date: only a weekday may tell the year.
            (None, None) => (
                year_of_weekday(month, day, weekday?, self.latest_year?)?,
                true,
            ),
        };
        let found = Found {
            date,
            precision: 1,
            start: i,
            end: j,
            weekday_conflict: false,
            year_from_weekday,
        };
        Some(self.with_weekday(found, i, weekday))
    }

    /// The day an ordinal at `i` names, and its words: "العاشر" 10, "الحادي عشر" 11, "الثاني
    /// والعشرين" 22, "العشرين" 20 ("الحادي" alone is no day).
    fn ordinal_day_at(&self, i: usize) -> Option<(u32, usize)> {
        let value = |k: usize| -> Option<u32> {
            if !self.is(k, ORDINAL) {
                return None;
            }
            let forms = self.forms(k)?;
            let value = forms.iter().find_map(|f| LISTS.ordinals.get(f).copied());
            value
        };
        let unit = value(i)?;
        if unit < 10 {
            if self.is(i + 1, ORDINAL_TEEN) {
                return Some((10 + unit, 2));
            }
            // "الثاني والعشرين": the tens joined by و.
            let tens = value(i + 1).filter(|&t| t >= 20 && t % 10 == 0);
            let joined = self
                .word(i + 1)
                .is_some_and(|w| crate::clitics::after_and(w).is_some());
            if let Some(t) = tens.filter(|_| joined) {
                return Some((t + unit, 2));
            }
        }
        // "الحادي" is one only in a compound ("الحادي عشر").
        (unit != 0 && unit != 1 || self.is_word(i, FIRST)).then_some((unit, 1))
    }

    /// "في 8 من الشهر الجاري", "يوم 8 الشهر الماضي", "في الثامن من الشهر الحالي": day `day`
    /// of the month of publication, or of the month before, the phrase ending at `end`.
    fn day_of_this_month(
        &self,
        start: usize,
        end: usize,
        day: u32,
        published: Option<NaiveDate>,
    ) -> Option<Found> {
        if !self.is(end, MONTH_PERIOD) {
            return None;
        }
        let published = published?;
        let month_start = published.with_day(1)?;
        let month = if self.is(end + 1, CURRENT) {
            month_start
        } else if self.is(end + 1, PAST) {
            month_start.checked_sub_months(chrono::Months::new(1))?
        } else {
            return None;
        };
        let date = month.with_day(day)?;
        (date <= published).then_some(Found {
            date,
            precision: 1,
            start,
            end: end + 2,
            weekday_conflict: false,
            year_from_weekday: false,
        })
    }

    fn with_weekday(&self, mut found: Found, start: usize, weekday: Option<Weekday>) -> Found {
        found.start = start;
        found.weekday_conflict = weekday.is_some_and(|wd| wd != found.date.weekday());
        found
    }

    /// "في كانون الأول الماضي", "شهر آذار 2020": a month, precision 3, on its first day.
    fn month_only(
        &self,
        start: usize,
        mut end: usize,
        month: u32,
        year: Option<i32>,
        published: Option<NaiveDate>,
    ) -> Option<Found> {
        let date = match year {
            Some(y) => NaiveDate::from_ymd_opt(y, month, 1)?,
            None => {
                if !self.is(end, PAST) {
                    return None;
                }
                end += 1;
                let published = published?;
                let this_year = published.year();
                // "الماضي" after a month name: the latest such month before this one.
                if month < published.month() {
                    NaiveDate::from_ymd_opt(this_year, month, 1)?
                } else {
                    NaiveDate::from_ymd_opt(this_year - 1, month, 1)?
                }
            }
        };
        Some(Found {
            date,
            precision: 3,
            start,
            end,
            weekday_conflict: false,
            year_from_weekday: false,
        })
    }

    /// A month name at token `i` and the tokens it takes ("تشرين الثاني" takes two).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.dates.get(i)?.month?;
        if w.longer_months.is_empty() {
            return w.month.map(|m| (m, 1));
        }
        // The first word of a longer name ("تشرين") names a month only with the rest of it,
        // written as listed ("الثاني", not "والثاني").
        w.longer_months.iter().find_map(|(rest, month)| {
            let all = rest
                .iter()
                .enumerate()
                .all(|(k, r)| self.word(i + 1 + k) == Some(r.as_str()));
            all.then_some((*month, 1 + rest.len()))
        })
    }

    /// A year at token `i`, possibly after "عام"/"سنة"/"من عام".
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let mut j = i;
        if self.is_word(j, OF) {
            j += 1;
        }
        if self.is(j, YEAR_WORD) {
            j += 1;
        }
        let y = self.word(j).and_then(digits_value)?;
        let y = i32::try_from(y)
            .ok()
            .filter(|y| (1900..=2100).contains(y))?;
        Some((y, j + 1 - i))
    }

    /// "2020-10-03", "03/10/2020", "3.10.2020": three numbers joined by "-", "/" or ".".
    fn numeric_at(&self, i: usize) -> Option<Found> {
        let n = |k: usize| self.word(i + k).and_then(|w| w.parse::<u32>().ok());
        let (a, b, c) = (n(0)?, n(1)?, n(2)?);
        if !(self.joined(i, i + 1) && self.joined(i + 1, i + 2)) {
            return None;
        }
        let date = if self.word(i).is_some_and(|w| w.len() == 4) {
            NaiveDate::from_ymd_opt(i32::try_from(a).ok()?, b, c)?
        } else if self.word(i + 2).is_some_and(|w| w.len() == 4) {
            NaiveDate::from_ymd_opt(i32::try_from(c).ok()?, b, a)?
        } else {
            return None;
        };
        Some(Found {
            date,
            precision: 1,
            start: i,
            end: i + 3,
            weekday_conflict: false,
            year_from_weekday: false,
        })
    }

    /// Tokens `a` and `b` are separated in the original only by one "-", "/" or "." (and
    /// spaces).
    /// "28/11" after a day word or a weekday («يوم 28/11», «الأربعاء 25/11»): a day and month
    /// with no year, the latest on or before publication. A slash alone joins them («28-29»
    /// is a span of days), and no third figure follows (a full date is [`Text::numeric_at`]).
    fn day_slash_month_at(&self, i: usize, published: NaiveDate) -> Option<Found> {
        let n = |k: usize| self.word(i + k).and_then(|w| w.parse::<u32>().ok());
        let (day, month) = (n(0)?, n(1)?);
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            return None;
        }
        if self.between(i, i + 1) != "/" || self.joined(i + 1, i + 2) {
            return None;
        }
        Some(Found {
            date: latest_on_or_before(month, day, published)?,
            precision: 1,
            start: i,
            end: i + 2,
            weekday_conflict: false,
            year_from_weekday: false,
        })
    }

    /// The text as written between the words at `a` and `b`, trimmed.
    fn between(&self, a: usize, b: usize) -> &str {
        let (Some(&Token { end: a_end, .. }), Some(&Token { start: b_start, .. })) =
            (self.toks.get(a), self.toks.get(b))
        else {
            return "";
        };
        let from = self.folded.original_end(a_end, self.original);
        let to = self.folded.original_start(b_start);
        self.original.get(from..to).unwrap_or("").trim()
    }

    fn joined(&self, a: usize, b: usize) -> bool {
        matches!(
            self.between(a, b),
            "-" | "/" | "." | "\u{2010}" | "\u{2013}"
        )
    }

    /// "اليوم"/"أمس"/"أول أمس" (after an optional time of day or "يوم") at token `i`: the
    /// days back from publication and the token after the phrase.
    fn today_or_yesterday(&self, i: usize) -> Option<(u64, usize)> {
        // "الليلة الماضية" is a phrase of its own before "ليلة" is a time of day ("مساء
        // الليلة الماضية", "ليلة أمس").
        let skip = self.is(i, TIME_OF_DAY) || self.is_day_word(i);
        self.relative_day_at(i)
            .or_else(|| skip.then(|| self.relative_day_at(i + 1)).flatten())
    }

    /// A `relative_day` phrase at token `j`: the days back and the token after it.
    fn relative_day_at(&self, j: usize) -> Option<(u64, usize)> {
        if !self.is(j, RELATIVE_START) {
            // A bare time of day means today: "فجر الأربعاء" is handled as a weekday instead.
            return None;
        }
        LISTS.relative_days.iter().find_map(|(words, back)| {
            let end = j + words.len();
            // "اليوم التالي" (the next day) is no date.
            let other_day = *back == 0 && self.is(end, NOT_TODAY);
            (self.are(j, words) && !other_day).then_some((*back, end))
        })
    }

    /// A date relative to publication at token `i`.
    fn relative_at(&self, i: usize, published: NaiveDate) -> Option<Found> {
        let day = |date: NaiveDate, end: usize, conflict: bool| Found {
            date,
            precision: 1,
            start: i,
            end,
            weekday_conflict: conflict,
            year_from_weekday: false,
        };
        if let Some((back, end)) = self.today_or_yesterday(i) {
            let meant = published.checked_sub_days(Days::new(back))?;
            return Some(match self.weekday(end) {
                Some(wd) if wd == meant.weekday() => day(meant, end + 1, false),
                // The stated weekday wins: the latest such day before publication (on or
                // before it for "today").
                Some(wd) => {
                    let latest = if back == 0 {
                        on_or_before(published, wd)
                    } else {
                        on_or_before(published.pred_opt()?, wd)
                    };
                    day(latest, end + 1, true)
                }
                None => day(meant, end, false),
            });
        }
        if let Some(found) = self.days_ago(i, published) {
            return Some(found);
        }
        if let Some(found) = self.day_of_month(i, published) {
            return Some(found);
        }
        let mut j = i;
        if self.is(j, TIME_OF_DAY) || self.is_day_word(j) {
            j += 1;
        }
        if let Some(wd) = self.weekday(j) {
            return Some(if self.is(j + 1, PAST) {
                day(on_or_before(published.pred_opt()?, wd), j + 2, false)
            } else {
                day(on_or_before(published, wd), j + 1, false)
            });
        }
        self.week_or_month(i, published)
    }

    /// "في الـ 12 من الشهر الجاري", "يوم 28 من الشهر الماضي": a day of this or last month.
    fn day_of_month(&self, i: usize, published: NaiveDate) -> Option<Found> {
        // "الـ 12", or "الـ12" folded to one word.
        let (j, day) = if self.is_word(i, ARTICLE) {
            (i + 1, self.word(i + 1)?)
        } else {
            let w = self.word(i)?;
            (i, w.strip_prefix(ARTICLE).unwrap_or(w))
        };
        let day: u32 = day.parse().ok()?;
        if !(1..=31).contains(&day) || !self.is_word(j + 1, OF) || !self.is(j + 2, MONTH_PERIOD) {
            return None;
        }
        let this_month = published.with_day(1)?;
        let month = if self.is(j + 3, CURRENT) {
            this_month
        } else if self.is(j + 3, PAST) {
            this_month.pred_opt()?.with_day(1)?
        } else {
            return None;
        };
        let date = month.with_day(day)?;
        (date <= published).then_some(Found {
            date,
            precision: 1,
            start: i,
            end: j + 4,
            weekday_conflict: false,
            year_from_weekday: false,
        })
    }

    /// "قبل يومين", "قبل ثلاثة أيام", "قبل يوم", "قبل أسبوع"; "قبل نحو أسبوع", "قبل قرابة
    /// ثلاثة أيام" (an `about_word` before the count: days so counted date the week).
    fn days_ago(&self, i: usize, published: NaiveDate) -> Option<Found> {
        if !self.is(i, AGO) {
            return None;
        }
        // «منذ نحو أسبوع» is as often how long something has lasted («اشتباكات مستمرة منذ نحو
        // أسبوع», «مفقود منذ نحو أسبوع»): only «قبل» reads past the about-word.
        let about = self.is(i + 1, ABOUT) && !self.is(i, SINCE);
        let c = if about { i + 2 } else { i + 1 };
        if let Some((_, weeks)) = LISTS.week_counts.iter().find(|(w, _)| self.is_word(c, w)) {
            // "قبل أسبوع", "منذ أسبوعين", "قبل أسبوع من الآن": the week, precision 2; "قبل
            // أسبوع من الهجوم" is a week before another day.
            let end = self.counted_from_now(c + 1)?;
            return Some(Found {
                date: published.checked_sub_days(Days::new(7 * weeks))?,
                precision: 2,
                start: i,
                end,
                weekday_conflict: false,
                year_from_weekday: false,
            });
        }
        let count = LISTS.day_counts.iter().find(|(w, _)| self.is_word(c, w));
        let (back, end) = if let Some((_, days)) = count {
            (*days, c + 1)
        } else {
            let read = read_number(self.toks, c)?;
            let unit = c + read.len;
            if !self.is(unit, DAY_UNIT) || read.value > 30 {
                return None;
            }
            (u64::from(read.value), unit + 1)
        };
        // "قبل يومين من الهجوم": days before another day, not before publication.
        let end = self.counted_from_now(end)?;
        Some(Found {
            date: published.checked_sub_days(Days::new(back))?,
            precision: if about { 2 } else { 1 },
            start: i,
            end,
            weekday_conflict: false,
            year_from_weekday: false,
        })
    }

    /// Where a count of days or weeks ago that ends before token `end` ends when it is
    /// counted from publication: at `end`, or past «من الآن», «من اليوم» (`now_word`); none
    /// when «من» counts it from another day («قبل يومين من الهجوم»).
    fn counted_from_now(&self, end: usize) -> Option<usize> {
        if !self.is_word(end, OF) {
            Some(end)
        } else if self.is(end + 1, NOW) {
            Some(end + 2)
        } else {
            None
        }
    }

    /// "خلال الأسبوع الجاري", "الأسبوع الماضي", "بداية الشهر الجاري", "الشهر الماضي",
    /// "خلال اليومين الماضيين".
    fn week_or_month(&self, i: usize, published: NaiveDate) -> Option<Found> {
        let current = |k: usize| self.is(k, CURRENT);
        let found = |date: NaiveDate, precision: u8, end: usize| Found {
            date,
            precision,
            start: i,
            end,
            weekday_conflict: false,
            year_from_weekday: false,
        };
        let mut j = i;
        if self.is(j, PERIOD_OPENER) {
            j += 1;
        }
        // "مطلع الأسبوع", "منتصف الشهر", "هذا الأسبوع": after an opener, the week or month
        // with no word after it that names another («المقبل», a `future_word»; «الأول من
        // العام», a date word) is this one.
        let this_one = |k: usize| current(k) || j > i && !self.is(k, DATED) && !self.is_future(k);
        if self.is(j, WEEK) {
            if this_one(j + 1) {
                return Some(found(published, 2, j + 1 + usize::from(current(j + 1))));
            }
            if self.is(j + 1, PAST) {
                return Some(found(published.checked_sub_days(Days::new(7))?, 2, j + 2));
            }
        }
        if let Some(words) = LISTS.recent_days.iter().find(|words| self.are(j, words)) {
            return Some(found(published.pred_opt()?, 2, j + words.len()));
        }
        if self.is(j, MONTH_PERIOD) {
            let first = published.with_day(1)?;
            if this_one(j + 1) {
                return Some(found(first, 3, j + 1 + usize::from(current(j + 1))));
            }
            if self.is(j + 1, PAST) {
                let previous = first.pred_opt()?.with_day(1)?;
                return Some(found(previous, 3, j + 2));
            }
        }
        None
    }
}

/// The particle «من» between a day and its month ("الـ24 من آذار", "14 من الشهر الماضي") and
/// before a year ("من عام 2020"): grammar the phrases are read around, not a word list.
const OF: &str = "من";
/// "الأول" (the first), the one ordinal day also written without a compound.
const FIRST: &str = "الاول";

/// Flags of [`DateWord::flags`]: the lists of `data/rules/dates.csv` a word is in.
const SINCE: u32 = 1;
const WEEKDAY_LINK: u32 = 1 << 1;
const MONTH_WORD: u32 = 1 << 2;
const YEAR_WORD: u32 = 1 << 3;
const TIME_OF_DAY: u32 = 1 << 4;
const DAY_WORD: u32 = 1 << 5;
/// A `relative_day` of one word for today ("اليوم").
const TODAY: u32 = 1 << 6;
/// The first word of a `relative_day`.
const RELATIVE_START: u32 = 1 << 7;
const NOT_TODAY: u32 = 1 << 8;
/// "Last" (`past_word`).
const PAST: u32 = 1 << 9;
/// "This" (`current_word`).
const CURRENT: u32 = 1 << 10;
const AGO: u32 = 1 << 11;
const DAY_UNIT: u32 = 1 << 12;
/// A `lasting_state` word: missing, held, besieged.
const LASTING: u32 = 1 << 16;
const PERIOD_OPENER: u32 = 1 << 13;
/// A `period_word` for the week, and for the month.
const WEEK: u32 = 1 << 14;
const MONTH_PERIOD: u32 = 1 << 15;
/// A word of telling (`telling_word`), and a word that opens what is told (`told_opener`).
const TELLING: u32 = 1 << 17;
const TOLD_OPENER: u32 = 1 << 18;
/// "Now" after «من» (`now_word`): a count of days ago is counted from publication.
const NOW: u32 = 1 << 19;
/// "About" between an ago word and its count (`about_word`).
const ABOUT: u32 = 1 << 20;
/// An ordinal of a day (`ordinal_day`: "العاشر", "الحادي") or the "عشر" of one from eleven
/// to nineteen (`ordinal_teen`).
const ORDINAL: u32 = 1 << 21;
const ORDINAL_TEEN: u32 = 1 << 22;
/// Set in [`Text::flags`] for a token with a date word among its forms.
const DATED: u32 = 1 << 31;

/// What the date lists say of one folded word.
#[derive(Debug, Default)]
struct DateWord {
    flags: u32,
    weekday: Option<Weekday>,
    /// The month a one-word name stands for.
    month: Option<u32>,
    /// The longer month names it is the first word of: their other words, folded, and month.
    longer_months: Vec<(Vec<String>, u32)>,
}

/// The date lists of the rules in force, built once.
struct Lists {
    /// Every word a date phrase is read from: a token with none of them among its forms
    /// answers no to every question (see [`Text::is`]).
    words: FastMap<String, DateWord>,
    /// The sieve of `words`: most forms are no date word and are answered without a hash.
    sieve: Sieve,
    /// The endings of `words`: most words have no form among them and are answered at once.
    endings: Endings,
    /// `relative_day`: each as its words, folded, and the days before publication, in order.
    relative_days: Vec<(Vec<String>, u64)>,
    /// `day_count`: each word, folded, and its days, in order.
    day_counts: Vec<(String, u64)>,
    /// `week_count`: each word, folded, and its weeks.
    week_counts: Vec<(String, u64)>,
    /// `recent_days`: each as its words, folded.
    recent_days: Vec<Vec<String>>,
    /// The weekday names, folded.
    weekday_names: Vec<String>,
    /// `ordinal_day`: each ordinal, folded, and its number.
    ordinals: FastMap<String, u32>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists::new(rules::active()));

impl Lists {
    fn new(rules: &rules::Rules) -> Lists {
        let mut words: FastMap<String, DateWord> = FastMap::default();
        let mut flag = |w: &str, f: u32| words.entry(w.to_string()).or_default().flags |= f;
        let flag_lists = [
            ("since_word", SINCE),
            ("weekday_link", WEEKDAY_LINK),
            ("month_word", MONTH_WORD),
            ("year_word", YEAR_WORD),
            ("time_of_day", TIME_OF_DAY),
            ("day_word", DAY_WORD),
            ("not_today", NOT_TODAY),
            ("past_word", PAST),
            ("current_word", CURRENT),
            ("ago_word", AGO),
            ("day_unit", DAY_UNIT),
            ("period_opener", PERIOD_OPENER),
            ("lasting_state", LASTING),
            ("telling_word", TELLING),
            ("told_opener", TOLD_OPENER),
            ("now_word", NOW),
            ("about_word", ABOUT),
            ("ordinal_teen", ORDINAL_TEEN),
        ];
        for (list, f) in flag_lists {
            for w in rules.words(list) {
                flag(w, f);
            }
        }
        for e in rules.list("period_word") {
            flag(
                &e.folded,
                if e.value == "week" {
                    WEEK
                } else {
                    MONTH_PERIOD
                },
            );
        }
        for w in [OF, ARTICLE] {
            flag(w, 0);
        }
        let split = |p: &str| -> Vec<String> { p.split(' ').map(str::to_string).collect() };
        let mut relative_days = Vec::new();
        for e in rules.list("relative_day") {
            let phrase = split(&e.folded);
            let back = e.value.parse().unwrap_or_default();
            for (k, w) in phrase.iter().enumerate() {
                flag(w, if k == 0 { RELATIVE_START } else { 0 });
            }
            if back == 0 && phrase.len() == 1 {
                flag(&phrase[0], TODAY);
            }
            relative_days.push((phrase, back));
        }
        let mut day_counts = Vec::new();
        for e in rules.list("day_count") {
            flag(&e.folded, 0);
            day_counts.push((e.folded.clone(), e.value.parse().unwrap_or_default()));
        }
        let mut week_counts = Vec::new();
        for e in rules.list("week_count") {
            flag(&e.folded, 0);
            week_counts.push((e.folded.clone(), e.value.parse().unwrap_or_default()));
        }
        let mut recent_days = Vec::new();
        for e in rules.words("recent_days") {
            let phrase = split(e);
            for w in &phrase {
                flag(w, 0);
            }
            recent_days.push(phrase);
        }
        let mut ordinals = FastMap::default();
        for e in rules.list("ordinal_day") {
            flag(&e.folded, ORDINAL);
            ordinals.insert(e.folded.clone(), e.value.parse().unwrap_or_default());
        }
        let mut weekday_names = Vec::new();
        for e in rules.list("weekday") {
            words.entry(e.folded.clone()).or_default().weekday = weekday_of(&e.value);
            weekday_names.push(e.folded.clone());
        }
        for e in rules.list("month") {
            words.entry(e.folded.clone()).or_default().month = e.value.parse().ok();
        }
        for e in rules.list("month_two_words") {
            let mut phrase = split(&e.folded);
            let first = phrase.remove(0);
            let month = e.value.parse().unwrap_or_default();
            let w = words.entry(first).or_default();
            w.longer_months.push((phrase, month));
        }
        Lists {
            sieve: Sieve::of(words.keys().map(String::as_str)),
            endings: Endings::of(words.keys().map(String::as_str)),
            words,
            relative_days,
            day_counts,
            week_counts,
            recent_days,
            weekday_names,
            ordinals,
        }
    }
}

/// The weekday of a `weekday` value (`sun` … `sat`).
fn weekday_of(value: &str) -> Option<Weekday> {
    Some(match value {
        "sun" => Weekday::Sun,
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        _ => return None,
    })
}

/// The latest `wd` on or before `date`.
fn on_or_before(date: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (date.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    date.checked_sub_days(Days::new(u64::from(back)))
        .unwrap_or(date)
}

/// Day `day` of `month` in the latest year that puts it on or before `published`.
fn latest_on_or_before(month: u32, day: u32, published: NaiveDate) -> Option<NaiveDate> {
    let this_year = published.year();
    // 29 February needs a leap year: look back a few years.
    (0..8).find_map(|back| {
        NaiveDate::from_ymd_opt(this_year - back, month, day).filter(|d| *d <= published)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_and_month_without_a_year_are_read_on_a_page_with_no_date() {
        let day = |month, day| Some(DayOfMonth { month, day });
        let rows = [
            (
                "وكان قتل أربعة عناصر في 7 آب/أغسطس بهجوم على حاجز",
                day(8, 7),
            ),
            ("قتل عنصران اليوم الخميس 17 آب بانفجار لغم", day(8, 17)),
            ("قتل عنصران يوم 3 تشرين الأول بانفجار لغم", day(10, 3)),
            // A weekday, a day counted back or a month alone name no day and month.
            ("قتل عنصر مساء أمس الإثنين بهجوم على حاجز", None),
            // A day counted from, another incident's day, a telling beside «أمس».
            ("قتل عنصر قبل يومين من 7 آب بهجوم على حاجز", None),
            (
                "قتل عنصران بانفجار لغم، وذلك بعد أيام من هجوم مماثل في 7 آب",
                None,
            ),
            ("قتل عنصران بانفجار لغم بعد أسبوعين من هجوم 7 آب", None),
            (
                "أعلنت الوزارة اليوم الخميس 17 آب أن عنصرين قتلا أمس بانفجار لغم",
                None,
            ),
            ("قتل عنصران بانفجار لغم منذ 7 آب", None),
            ("قتل عنصر قبل ثلاثة أيام بهجوم على حاجز", None),
            ("قتل عنصر في آب الماضي بهجوم على حاجز", None),
            ("قتل عنصر بهجوم على حاجز", None),
        ];
        for (text, want) in rows {
            assert_eq!(Sentence::read(text, day_of_month_in), want, "{text}");
        }
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// (sentence, published, date, precision, weekday conflict)
    type Row = (
        &'static str,
        Option<NaiveDate>,
        Option<(NaiveDate, u8, bool)>,
    );

    fn rows() -> Vec<Row> {
        // Saturday 3 October 2020, Friday 1 January 2021, Monday 1 March 2021.
        let sat = Some(ymd(2020, 10, 3));
        let new_year = Some(ymd(2021, 1, 1));
        let march = Some(ymd(2021, 3, 1));
        vec![
            // background: "since March 2019" is no incident's day; the incident's own day wins
            ("تشهد المنطقة هجمات متكررة منذ آذار 2019", sat, None),
            (
                "قتل عنصر بانفجار لغم، والمنطقة خطرة منذ شباط الماضي",
                sat,
                None,
            ),
            (
                "قتل عنصر أمس الجمعة في منطقة تشهد هجمات منذ آذار/مارس 2019",
                sat,
                Some((ymd(2020, 10, 2), 1, false)),
            ),
            // today and yesterday
            (
                "قتل 17 عنصراً اليوم السبت بهجوم",
                sat,
                Some((ymd(2020, 10, 3), 1, false)),
            ),
            (
                "هاجمت الخلايا فجر اليوم مواقع النظام",
                sat,
                Some((ymd(2020, 10, 3), 1, false)),
            ),
            (
                "مقتل 20 عنصراً يوم أمس الجمعة",
                sat,
                Some((ymd(2020, 10, 2), 1, false)),
            ),
            (
                "اندلعت اشتباكات ليلة أمس قرب السخنة",
                sat,
                Some((ymd(2020, 10, 2), 1, false)),
            ),
            (
                "وقع الانفجار أول أمس في بادية تدمر",
                sat,
                Some((ymd(2020, 10, 1), 1, false)),
            ),
            (
                "وقع الانفجار أمس الأول في بادية تدمر",
                sat,
                Some((ymd(2020, 10, 1), 1, false)),
            ),
            (
                "قُصفت المواقع مساء أمس الخميس",
                new_year,
                Some((ymd(2020, 12, 31), 1, false)),
            ),
            // a weekday that disagrees: the stated weekday wins, flagged
            (
                "هاجم التنظيم أمس الأربعاء حاجزاً",
                sat,
                Some((ymd(2020, 9, 30), 1, true)),
            ),
            (
                "هاجم التنظيم اليوم الاثنين حاجزاً",
                sat,
                Some((ymd(2020, 9, 28), 1, true)),
            ),
            // weekdays across month and year boundaries
            (
                "قتل راعيان يوم الأحد الفائت",
                new_year,
                Some((ymd(2020, 12, 27), 1, false)),
            ),
            (
                "انفجر لغم الأربعاء قرب الرصافة",
                sat,
                Some((ymd(2020, 9, 30), 1, false)),
            ),
            (
                "انفجر لغم السبت الماضي قرب الرصافة",
                sat,
                Some((ymd(2020, 9, 26), 1, false)),
            ),
            (
                "انفجر لغم السبت قرب الرصافة",
                sat,
                Some((ymd(2020, 10, 3), 1, false)),
            ),
            (
                "وقع الهجوم فجر الأحد قرب أثريا",
                march,
                Some((ymd(2021, 2, 28), 1, false)),
            ),
            (
                "وقع الهجوم قبل يومين قرب أثريا",
                march,
                Some((ymd(2021, 2, 27), 1, false)),
            ),
            (
                "وقع الهجوم قبل ثلاثة أيام",
                new_year,
                Some((ymd(2020, 12, 29), 1, false)),
            ),
            // explicit dates, all month styles
            (
                "شن التنظيم فجر الأربعاء 8 نوفمبر 2023 هجوماً",
                None,
                Some((ymd(2023, 11, 8), 1, false)),
            ),
            (
                "فجر اليوم الأربعاء 8 تشرين الثاني/ نوفمبر",
                Some(ymd(2023, 11, 8)),
                Some((ymd(2023, 11, 8), 1, false)),
            ),
            (
                "الثلاثاء 8 نوفمبر 2023",
                None,
                Some((ymd(2023, 11, 8), 1, true)),
            ),
            (
                "وقع الهجوم أمس السبت 3 ديسمبر/كانون الأول",
                Some(ymd(2022, 12, 4)),
                Some((ymd(2022, 12, 3), 1, false)),
            ),
            (
                "يوم السبت الموافق 21 أيلول",
                Some(ymd(2024, 9, 25)),
                Some((ymd(2024, 9, 21), 1, false)),
            ),
            ("يوم السبت الموافق 21 أيلول", None, None),
            (
                "وقع الانفجار في 28 كانون الأول",
                Some(ymd(2021, 1, 5)),
                Some((ymd(2020, 12, 28), 1, false)),
            ),
            (
                "لا يزال الرعاة مفقودين منذ الـ24 من شهر آذار/مارس",
                Some(ymd(2021, 6, 18)),
                Some((ymd(2021, 3, 24), 1, false)),
            ),
            (
                "وهو الهجوم الأعنف منذ الـ24 من شهر آذار/مارس",
                Some(ymd(2021, 6, 18)),
                None,
            ),
            (
                "في 5 سبتمبر/ أيلول 2019 قتل راع",
                None,
                Some((ymd(2019, 9, 5), 1, false)),
            ),
            (
                "في ١٢ حزيران ٢٠٢١",
                None,
                Some((ymd(2021, 6, 12), 1, false)),
            ),
            ("في 7 جويلية 2022", None, Some((ymd(2022, 7, 7), 1, false))),
            (
                "بتاريخ 22.تشرين1.2020",
                None,
                Some((ymd(2020, 10, 22), 1, false)),
            ),
            (
                "بتاريخ 2020-10-03 وقع هجوم",
                None,
                Some((ymd(2020, 10, 3), 1, false)),
            ),
            (
                "بتاريخ 03/10/2020 وقع هجوم",
                None,
                Some((ymd(2020, 10, 3), 1, false)),
            ),
            (
                "قتل عنصران في الـ 2 من الشهر الجاري قرب السخنة",
                sat,
                Some((ymd(2020, 10, 2), 1, false)),
            ),
            (
                "قتل عنصران يوم 28 من الشهر الماضي قرب السخنة",
                sat,
                Some((ymd(2020, 9, 28), 1, false)),
            ),
            // week and month level
            (
                "كمين لقافلة صهاريج خلال الأسبوع الجاري",
                sat,
                Some((ymd(2020, 10, 3), 2, false)),
            ),
            (
                "قتل عنصر بانفجار لغم خلال الأسبوع الفائت",
                sat,
                Some((ymd(2020, 9, 26), 2, false)),
            ),
            (
                "شهدت بداية الشهر الجاري تفجيرات",
                sat,
                Some((ymd(2020, 10, 1), 3, false)),
            ),
            (
                "قتل وأسر 13 عنصراً في كانون الأول الماضي",
                march,
                Some((ymd(2020, 12, 1), 3, false)),
            ),
            (
                "توفي طفلان في يناير الماضي",
                march,
                Some((ymd(2021, 1, 1), 3, false)),
            ),
            // no date
            ("قتل 17 عنصراً من قوات النظام في الفرقة 25", sat, None),
            // weeks ago: the week
            (
                "قتل عنصر بانفجار لغم قبل أسبوع",
                sat,
                Some((ymd(2020, 9, 26), 2, false)),
            ),
            (
                "هاجم التنظيم منذ أسبوعين حاجزاً",
                sat,
                Some((ymd(2020, 9, 19), 2, false)),
            ),
            // before another day, not before publication
            ("قتل عنصر قبل أسبوع من الهجوم", sat, None),
            // counted from now: before publication
            (
                "قتل عنصر بانفجار لغم قبل أسبوع من الآن",
                sat,
                Some((ymd(2020, 9, 26), 2, false)),
            ),
            (
                "قتل عنصر قبل أسبوعين من اليوم",
                sat,
                Some((ymd(2020, 9, 19), 2, false)),
            ),
            (
                "قتل عنصر قبل ثلاثة أيام من الآن",
                sat,
                Some((ymd(2020, 9, 30), 1, false)),
            ),
            // about a count: the week
            (
                "قتل عنصر بانفجار لغم قبل نحو أسبوع",
                sat,
                Some((ymd(2020, 9, 26), 2, false)),
            ),
            (
                "قتل عنصر قبل قرابة ثلاثة أيام",
                sat,
                Some((ymd(2020, 9, 30), 2, false)),
            ),
            // «منذ نحو …» is as often a duration: not read.
            ("تدور اشتباكات مستمرة منذ نحو أسبوع", sat, None),
            ("قتل عنصر قبل يومين من الهجوم", sat, None),
            ("قتل عنصر قبل ثلاثة أيام من وصول التعزيزات", sat, None),
            ("استمرت الاشتباكات 48 ساعة", sat, None),
            ("وقع الانفجار بعد ساعات من الهجوم", sat, None),
            ("قتل عنصر اليوم", None, None),
        ]
    }

    #[test]
    fn event_dates() {
        for (text, published, want) in rows() {
            let got =
                event_date(text, published).map(|d| (d.date, d.precision, d.weekday_conflict));
            assert_eq!(got, want, "«{text}» published {published:?}");
        }
    }

    #[test]
    fn a_telling_is_dated_apart_from_what_it_tells() {
        // Saturday 30 August 2025; Tuesday 24 October 2023.
        let sat = Some(ymd(2025, 8, 30));
        let tue = Some(ymd(2023, 10, 24));
        let rows = [
            (
                "نقلت قناة محلية، على موقعها، اليوم السبت عن مصادر أن لغماً انفجر أمس الجمعة",
                sat,
                Some(ymd(2025, 8, 29)),
            ),
            (
                "وقال المرصد السوري اليوم إن مسلحين هاجموا الحاجز فجر الخميس",
                sat,
                Some(ymd(2025, 8, 28)),
            ),
            (
                "وفي مؤتمر صحفي عقد الخميس الماضي، صرح المتحدث بأنه في صباح الأربعاء تعرضت القاعدة لهجوم",
                tue,
                Some(ymd(2023, 10, 18)),
            ),
            (
                "وأكدت الوزارة في بيان مساء أمس أن الهجوم وقع في 20 تشرين الأول",
                tue,
                Some(ymd(2023, 10, 20)),
            ),
            (
                "أعلنت الوزارة في تصريح يوم الأحد الموافق 22 تشرين الأول 2023 أن ثلاثة جنود قتلوا قبل يومين",
                tue,
                Some(ymd(2023, 10, 22)),
            ),
            // Only the telling is dated: its day is the incident's.
            ("أفادت مصادر محلية اليوم السبت بمقتل عنصرين", sat, Some(ymd(2025, 8, 30))),
            // The date after «أن» is what is told; a later one is not looked for.
            (
                "وقالت المصادر إن الانفجار وقع أمس الجمعة، وأعلنت الوزارة ذلك اليوم السبت",
                sat,
                Some(ymd(2025, 8, 29)),
            ),
            (
                "قتل عنصر أمس الجمعة بحسب ما ذكر المرصد اليوم السبت",
                sat,
                Some(ymd(2025, 8, 29)),
            ),
            // A date after a word of telling with nothing told after it is the incident's.
            (
                "ذكرت مصادر محلية مقتل عنصرين بانفجار لغم قرب مدينة تدمر يوم الأربعاء، ولم يعلق النظام حتى اليوم",
                sat,
                Some(ymd(2025, 8, 27)),
            ),
            (
                "أعلنت وزارة الدفاع مقتل جنديين أمس بهجوم قرب مدينة تدمر، وذلك في بيان نشرته اليوم",
                sat,
                Some(ymd(2025, 8, 29)),
            ),
        ];
        for (text, published, want) in rows {
            let got = event_date(text, published).map(|d| d.date);
            assert_eq!(got, want, "«{text}»");
        }
    }

    #[test]
    fn a_weekday_tells_the_year_of_a_page_without_a_date() {
        let read = |text: &str| {
            Sentence::read(text, |s| {
                let year = latest_year_in(s);
                date_in(s, None, year).map(|d| (d.date, d.precision, d.year_from_weekday))
            })
        };
        let day = |y, m, d| Some((ymd(y, m, d), 1, true));
        let rows = [
            // Monday 19 August 2024, and no Monday 19 August in 2025–2029.
            (
                "فجر اليوم الاثنين 19 آب/ أغسطس، في هجمات مستمرة منذ بداية عام 2024",
                day(2024, 8, 19),
            ),
            (
                "الاثنين 19 أغسطس، وخلال العام 2024 تصاعدت الهجمات",
                day(2024, 8, 19),
            ),
            (
                "يوم الثلاثاء 7 أيار، وهو العاشر منذ آذار 2024",
                day(2024, 5, 7),
            ),
            // The latest year is the one asked: 2019 is older than 2024.
            (
                "يوم الثلاثاء 7 أيار، منذ 2019 وحتى عام 2024",
                day(2024, 5, 7),
            ),
            // Wednesday 6 March in 2019 and again in 2024: no year.
            ("يوم الأربعاء 6 مارس/آذار، والمنطقة خطرة منذ عام 2019", None),
            // Thursday 17 August in 2023 and again in 2028: no year.
            ("اليوم الخميس 17 آب، خلال عام 2023", None),
            // The weekday does not fit the latest year.
            ("الأحد 19 آب، منذ بداية عام 2024", None),
            // No weekday, or no year written at all.
            ("في 7 آب/أغسطس، منذ مطلع عام 2024", None),
            ("اليوم الاثنين 19 آب", None),
            // A number that is no year.
            ("الاثنين 19 آب، وقتل 2024 عنصراً", None),
            // A stated year is read as stated.
            (
                "الاثنين 19 آب 2019، منذ عام 2024",
                Some((ymd(2019, 8, 19), 1, false)),
            ),
        ];
        for (text, want) in rows {
            assert_eq!(read(text), want, "«{text}»");
        }
    }

    #[test]
    fn latest_years() {
        let rows = [
            ("منذ آذار 2019 ومنذ بداية عام 2024", Some(2024)),
            ("في تشرين الأول 2021", Some(2021)),
            ("بتاريخ 2022/05/07", Some(2022)),
            ("بتاريخ 07-05-2022", Some(2022)),
            // A year things have lasted since tells nothing of the page's.
            ("منذ 2017", None),
            ("تسيطر عليها قوات النظام منذ عام 2013", None),
            ("قتل 2000 عنصر", None),
            ("في الفرقة 1990", None),
            ("", None),
        ];
        for (text, want) in rows {
            assert_eq!(latest_year(text), want, "«{text}»");
        }
    }

    /// [`weekdays_contradict`] read over the whole text at once.
    fn weekdays_contradict_whole(text: &str, published: NaiveDate) -> bool {
        Sentence::read(text, |text| {
            let text = Text::new(text);
            let contradicts = text.openings().any(|i| {
                let Some((offset, after)) = text.today_or_yesterday(i) else {
                    return false;
                };
                text.weekday(after).is_some_and(|wd| {
                    published
                        .checked_sub_days(Days::new(offset))
                        .is_some_and(|d| d.weekday() != wd)
                })
            });
            contradicts
        })
    }

    #[test]
    fn weekdays_are_read_around_their_names() {
        let friday = ymd(2024, 10, 4);
        let texts = [
            // The longest phrases before a weekday, at the very start and end of the text.
            "فجر أول أمس الأحد",
            "فجر أول أمس الأربعاء",
            "صباح يوم أمس الأول الأربعاء",
            "الليلة الماضية الخميس",
            "قتل عنصر مساء اليوم الخميس، وأصيب آخر",
            "قتل عنصر مساء اليوم الجمعة، وأصيب آخر",
            // A weekday inside a longer word, weekdays side by side, none after a phrase.
            "قصف يوم أمس بالسبت",
            "الخميس أمس الخميس",
            "أمس الخميس الجمعة اليوم السبت",
            "اليوم التالي الخميس",
            "الخميسين أمس",
            "",
        ];
        for text in texts {
            assert_eq!(
                weekdays_contradict(text, friday),
                weekdays_contradict_whole(text, friday),
                "{text}"
            );
        }
        assert!(weekdays_contradict("فجر أول أمس الأحد", friday));
        assert!(!weekdays_contradict(
            "قتل عنصر مساء اليوم الجمعة، وأصيب آخر",
            friday
        ));
    }

    #[test]
    fn ordinal_days_and_days_of_this_month() {
        let published = Some(ymd(2024, 3, 12));
        for (text, want) in [
            ("في العاشر من آذار", Some(ymd(2024, 3, 10))),
            ("في الأول من آذار", Some(ymd(2024, 3, 1))),
            ("في الحادي عشر من شباط", Some(ymd(2024, 2, 11))),
            ("في التاسع عشر من شهر شباط", Some(ymd(2024, 2, 19))),
            ("في الثاني والعشرين من شباط الماضي", Some(ymd(2024, 2, 22))),
            ("في العشرين من كانون الثاني", Some(ymd(2024, 1, 20))),
            ("في الثامن من الشهر الحالي", Some(ymd(2024, 3, 8))),
            ("يوم 8 الشهر الجاري", Some(ymd(2024, 3, 8))),
            ("في 25 من الشهر الماضي", Some(ymd(2024, 2, 25))),
            // Not a day: an ordinal not before «من», «الحادي» alone, a day yet to come.
            ("الهجوم الثاني على الحاجز", None),
            ("الحادي من آذار", None),
            ("في 20 من الشهر الجاري", None),
        ] {
            let got = event_date(text, published).filter(|d| d.precision == 1);
            assert_eq!(got.map(|d| d.date), want, "«{text}»");
        }
    }

    #[test]
    fn page_dates() {
        let rows: [(&str, Option<NaiveDate>); 10] = [
            ("العنوان\n03 أكتوبر 2020\nالنص", Some(ymd(2020, 10, 3))),
            ("الجمعة, 4 أكتوبر - 2024", Some(ymd(2024, 10, 4))),
            ("تاريخ النشر: 2020-10-03", Some(ymd(2020, 10, 3))),
            ("نشر في 22/10/2020 - 14:05", Some(ymd(2020, 10, 22))),
            ("٨ نوفمبر ٢٠٢٣", Some(ymd(2023, 11, 8))),
            ("قتل 17 عنصراً اليوم السبت", None),
            ("هاجم التنظيم في 21 أيلول مواقع", None),
            // An address is no date line: an image's upload folder and file.
            (
                "![](https://example.net/wp-content/uploads/2023/04/9-24.jpg)\nالنص",
                None,
            ),
            ("صورة www.example.net/2023/04/09/a.jpg\nالنص", None),
            (
                "![](https://example.net/2023/04/9-24.jpg)\n٨ نوفمبر ٢٠٢٣",
                Some(ymd(2023, 11, 8)),
            ),
        ];
        for (text, want) in rows {
            assert_eq!(page_date(text).map(|d| d.date), want, "«{text}»");
        }
    }

    #[test]
    fn weekday_phrases_against_a_publication_date() {
        let friday = ymd(2024, 10, 4);
        let rows = [
            ("هاجم التنظيم أمس الأربعاء", true),
            ("هاجم التنظيم أمس الخميس", false),
            ("فجر اليوم الجمعة", false),
            ("فجر اليوم الاثنين", true),
            ("أمس  الخميس", false),
            ("نص بلا أيام", false),
        ];
        for (text, want) in rows {
            assert_eq!(weekdays_contradict(text, friday), want, "«{text}»");
        }
    }

    #[test]
    fn spans_point_at_the_phrase() {
        let text = "شن التنظيم فجر الأربعاء 8 نوفمبر 2023، هجوماً";
        let d = event_date(text, None).expect("a date");
        assert_eq!(&text[d.span], "الأربعاء 8 نوفمبر 2023");
        let text = "قتل 3 عناصر يوم أمس الجمعة.";
        let d = event_date(text, Some(ymd(2020, 10, 3))).expect("a date");
        assert_eq!(&text[d.span], "يوم أمس الجمعة");
    }

    #[test]
    fn spans_lie_inside_the_input_on_char_boundaries() {
        let published = Some(ymd(2020, 10, 3));
        let mut inputs: Vec<&str> = rows().iter().map(|r| r.0).collect();
        inputs.extend([
            "",
            "٣١/٠٢/٢٠٢٠",
            "29 شباط",
            "اليوم",
            "أمس ال",
            "تشرين",
            "قبل 99999 أيام",
            "\u{200f}اليوم السبت\u{200f}",
        ]);
        for s in inputs {
            for d in [event_date(s, published), event_date(s, None), page_date(s)]
                .into_iter()
                .flatten()
            {
                let r = &d.span;
                assert!(r.start <= r.end && r.end <= s.len(), "span {r:?} in «{s}»");
                assert!(
                    s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
                    "«{s}»"
                );
            }
        }
    }
}
