//! Segmentation: an article cut into the parts that are read. Sentences (at stops and line
//! breaks, long runs cut), titles (whole short lines, which only end the last incident), a
//! sentence's clauses that tell an incident at another place, the tail of a sequel sentence
//! that recalls an earlier incident, and the background (tally items, reminders and habits
//! without a toll or a day) that reports no incident.

use std::ops::Range;
use std::sync::LazyLock;

use super::place::same_place;
use super::sentence::{is_firm, Reading};
use super::{numbers, types};
use crate::geodesy::distance_km;
use crate::model::Location;
use crate::normalize::{is_arabic_letter, Folded};
use crate::rules::{self, WordSet};

use memchr::memmem::Finder;

/// Longest sentence read, in bytes: a longer run without a stop (a page with no punctuation or
/// line breaks) is cut at the next space after this, or hard at twice it. News sentences are far
/// shorter; the limit keeps the per-sentence readers, which look at pairs of words, fast.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Cuts text into sentences: at . ! ? ؟ followed by a space or line end, and at line breaks.
/// Dots inside tokens ("22.10.2020") and a run of dots ("..") do not cut. Ranges are trimmed byte ranges. A run longer
/// than [`MAX_SENTENCE_BYTES`] is cut too.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for stop in stops(text) {
        start = cut_long(text, start, stop, &mut out);
        push_trimmed(text, start, stop, &mut out);
        start = stop;
    }
    start = cut_long(text, start, text.len(), &mut out);
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// The parts of an article that are read, in order: each its range, whether it is a title,
/// and whether it recalls an earlier incident. `context` flags the `locations` that are
/// context ([`super::place::context_flags`]).
pub(super) fn parts(
    text: &str,
    folded: &Folded,
    locations: &[Location],
    context: &[bool],
) -> Vec<(Range<usize>, bool, bool)> {
    let mut parts: Vec<(Range<usize>, bool, bool)> = Vec::new();
    let lines: Vec<(Range<usize>, bool)> = sentences(text)
        .into_iter()
        .map(|r| {
            // A list's item is a line of the body, full stop or not ("حصاد اليوم:\n• مقتل
            // جنديين بهجوم …"): only a line with no bullet may be a title.
            let line = &text[r.clone()];
            let title = is_whole_line(text, &r) && list_item(line).is_none() && is_title(line);
            (r, title)
        })
        .collect();
    // A post of headline-like lines only (a channel's one-line report, a feed item without
    // its body) is all text: there is no body for a title to announce.
    let only_titles = lines.iter().all(|(_, title)| *title);
    for (r, title) in lines {
        if title && !only_titles {
            parts.push((r, true, false));
        } else {
            let places = Places {
                locations,
                context,
                folded,
            };
            // "وجاءت الضربات على منطقة X بعد ساعات من …": the head names the incident just
            // told again and is left out; the tail recalls an earlier one.
            let (r, recalled) = match sequel_tail(folded, &r) {
                Some(at) => (at..r.end, true),
                None => (r, false),
            };
            // "قتل ثلاثة عناصر بهجوم قرب السخنة، بعد يومين من مقتل خمسة قرب تدمر": the head
            // tells its incident, the tail an earlier one.
            // Most sentences hold no cut word: they are asked no more.
            let cut = !recalled && holds_cut_word(&folded.text[folded.folded_within(&r)]);
            let (r, earlier) = match cut.then(|| earlier_tail(text, folded, &r)).flatten() {
                Some(at) => (r.start..at, Some(at..r.end)),
                None => (r, None),
            };
            // "بعد يومين من مقتل خمسة عناصر قرب السخنة، قتل ثلاثة آخرون قرب تدمر": the lead
            // up to the comma recalls the earlier incident, the rest tells the sentence's own.
            let lead_at = (cut && earlier.is_none())
                .then(|| earlier_lead(text, folded, &r))
                .flatten();
            let r = match lead_at {
                Some(at) => {
                    let mut lead = Vec::new();
                    push_trimmed(text, r.start, at, &mut lead);
                    parts.extend(lead.into_iter().map(|c| (c, false, true)));
                    at..r.end
                }
                None => r,
            };
            let clauses = places.clauses(text, r).into_iter();
            parts.extend(clauses.map(|c| (c, false, recalled)));
            if let Some(tail) = earlier {
                let clauses = places.clauses(text, tail).into_iter();
                parts.extend(clauses.map(|c| (c, false, true)));
            }
        }
    }
    parts
}

/// Where sentences stop: after each line break, and after each . ! ? ؟ that a space or the
/// end follows (not a dot after a dot). Every one of these is ASCII but ؟, so the text is
/// scanned byte by byte, a block of bytes at a time: most blocks hold no byte that may stop.
fn stops(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let ends_here =
        move |after: usize| text[after..].chars().next().is_none_or(char::is_whitespace);
    // "انتهت بانسحاب المجموعة.وجاء الهجوم": a stop a page lost its space after, between two
    // Arabic letters.
    let glued = move |i: usize| {
        text[..i].chars().next_back().is_some_and(is_arabic_letter)
            && text[i + 1..].chars().next().is_some_and(is_arabic_letter)
    };
    bytes
        .chunks(STOP_BLOCK)
        .enumerate()
        // Folded without a branch per byte, so that the compiler tests a block at once.
        .filter(|(_, block)| block.iter().fold(false, |any, &b| any | may_stop(b)))
        .flat_map(|(k, block)| k * STOP_BLOCK..k * STOP_BLOCK + block.len())
        .filter_map(move |i| {
            let after = match bytes[i] {
                b'\n' => return Some(i + 1),
                b'.' if i > 0 && bytes[i - 1] == b'.' => return None,
                b'.' if glued(i) => return Some(i + 1),
                b'.' | b'!' | b'?' => i + 1,
                // ؟ is D8 9F in UTF-8: 9F after D8 is no other character.
                0x9F if i > 0 && bytes[i - 1] == 0xD8 => i + 1,
                _ => return None,
            };
            ends_here(after).then_some(after)
        })
}

/// Bytes [`stops`] reads at once.
const STOP_BLOCK: usize = 32;

/// Whether a byte may stop a sentence: a line break, . ! ? or the last byte of ؟.
fn may_stop(b: u8) -> bool {
    matches!(b, b'\n' | b'.' | b'!' | b'?' | 0x9F)
}

/// Cuts runs longer than [`MAX_SENTENCE_BYTES`] between `start` and the stop at `end` (a run
/// with no stop in it): at the first space past the limit, or hard at twice it. Returns where
/// the last piece starts.
fn cut_long(text: &str, mut start: usize, end: usize, out: &mut Vec<Range<usize>>) -> usize {
    if end - start <= MAX_SENTENCE_BYTES {
        return start;
    }
    let from = start;
    for (off, c) in text[from..end].char_indices() {
        let i = from + off;
        let cut = match c {
            // Stops that did not stop (a dot in "22.10") cut no run either.
            '.' | '!' | '?' | '؟' | '\n' => false,
            c if c.is_whitespace() => i - start >= MAX_SENTENCE_BYTES,
            _ => i + c.len_utf8() - start >= 2 * MAX_SENTENCE_BYTES,
        };
        if cut {
            push_trimmed(text, start, i + c.len_utf8(), out);
            start = i + c.len_utf8();
        }
    }
    start
}

/// Pushes `text[start..end]` without the spaces around it, if it holds a letter or digit.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s[lead..].trim_end();
    if trimmed.chars().any(is_alphanumeric) {
        out.push(start + lead..start + lead + trimmed.len());
    }
}

/// [`char::is_alphanumeric`], answered at once for the Arabic letters ء to ي (all of them
/// alphabetic, tatweel too) that most of an article is written in.
fn is_alphanumeric(c: char) -> bool {
    matches!(c, 'ء'..='ي') || c.is_alphanumeric()
}

/// Whether a sentence is a whole line of the text (titles, captions and page furniture are).
fn is_whole_line(text: &str, r: &Range<usize>) -> bool {
    let before = text[..r.start].trim_end_matches([' ', '\t']);
    let after = text[r.end..].trim_start_matches([' ', '\t']);
    (before.is_empty() || before.ends_with('\n')) && (after.is_empty() || after.starts_with('\n'))
}

/// Whether a line looks like a title: short and without a sentence-final stop.
fn is_title(s: &str) -> bool {
    let s = s.trim_end();
    // "كمين دموي شرق دير الزور..": a headline may trail off in dots; a sentence ends in one.
    let trails_off = s.ends_with("..") || s.ends_with('…');
    // "وأدى الهجوم إلى مقتل ثلاثة، بينهم ضابط، ينحدر من": clauses parted by commas are a
    // sentence of the body that a page cut short, not a headline. The words are counted
    // last, and only up to the 21st: most lines end in a stop.
    let clauses = || s.matches(['،', ',']).nth(1).is_some();
    let short = || s.split_whitespace().nth(20).is_none();
    (trails_off || !s.ends_with(['.', '؟', '!', ':', '،'])) && short() && !clauses()
}

/// Words that open a clause which may tell another incident ("…، بينما قتل عنصر … في محيط
/// بلدة الميادين"), folded and with a space on each side, each with whether a comma must
/// stand before it (`clause_opener`).
static CLAUSE_OPENERS: LazyLock<Vec<(String, bool)>> = LazyLock::new(|| {
    rules::active()
        .list("clause_opener")
        .iter()
        .map(|e| (format!(" {} ", e.folded), e.value == "after_comma"))
        .collect()
});

/// A searcher for each of [`CLAUSE_OPENERS`], in their order, built once.
static OPENER_FINDERS: LazyLock<Vec<Finder<'static>>> = LazyLock::new(|| {
    CLAUSE_OPENERS
        .iter()
        .map(|(opener, _)| Finder::new(opener.as_bytes()).into_owned())
        .collect()
});

/// Where the clause openers start in `s` (byte offsets of their first letter), in order,
/// each with whether it needs a comma before it: every opener's places as
/// `str::match_indices` finds them in the folded text (left to right, not overlapping each
/// other). Each opener is searched for on its own (a vectorised search skips the many
/// words that open nothing), then their places are put in order.
fn openers_in(folded: &Folded, within: Range<usize>) -> Vec<(usize, bool)> {
    let bytes = &folded.text.as_bytes()[within.clone()];
    let mut found: Vec<(usize, usize)> = OPENER_FINDERS
        .iter()
        .enumerate()
        .flat_map(|(k, finder)| finder.find_iter(bytes).map(move |i| (i, k)))
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .map(|(i, k)| {
            let at = folded.original_start(within.start + i + 1);
            (at, CLAUSE_OPENERS[k].1)
        })
        .collect()
}

/// The article's place phrases, for cutting sentences into incidents.
struct Places<'a> {
    locations: &'a [Location],
    context: &'a [bool],
    /// The article's folding, where clause openers are looked for.
    folded: &'a Folded,
}

impl Places<'_> {
    /// The places of `range` that can be where something happened, of geo precision below
    /// `precision`.
    fn inside_below(&self, range: &Range<usize>, precision: u8) -> Vec<&Location> {
        self.locations
            .iter()
            .zip(self.context)
            .filter(|(l, &c)| {
                !c && l.qualifies.is_none()
                    && l.precision < precision
                    && l.start >= range.start
                    && l.end <= range.end
            })
            .map(|(l, _)| l)
            .collect()
    }

    /// The towns and sites of `range` that can be where something happened.
    fn inside(&self, range: &Range<usize>) -> Vec<&Location> {
        self.inside_below(range, 3)
    }

    /// A sentence cut where a clause tells an incident at another place than the clause
    /// before it; the per-side breakdown "مقتل 21 عنصراً … بينما قتل 13 من التنظيم" names no
    /// place of its own and stays whole.
    fn clauses(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let cut = openers_in(self.folded, self.folded.folded_within(&range))
            .into_iter()
            .filter(|&(at, _)| at > range.start && at < range.end)
            .filter(|&(at, comma)| !comma || text[range.start..at].trim_end().ends_with(['،', ',']))
            .map(|(at, _)| at);
        let mut out = Vec::new();
        let mut start = range.start;
        for at in cut {
            let (left, right) = (start..at, at..range.end);
            if self.tells_another_place(text, &left, &right) {
                push_trimmed(text, left.start, left.end, &mut out);
                start = at;
            }
        }
        push_trimmed(text, start, range.end, &mut out);
        out
    }

    fn tells_another_place(&self, text: &str, left: &Range<usize>, right: &Range<usize>) -> bool {
        let (l, r) = (self.inside(left), self.inside(right));
        let apart = match (l.first(), r.first()) {
            (Some(a), Some(b)) => !same_place(a, b),
            // "…، وفي سياق متصل أصيب طفل بقذيفة في ريف حلب الجنوبي": a region far from the
            // place before is another incident too.
            (Some(a), None) => self
                .inside_below(right, 4)
                .first()
                .is_some_and(|b| distance_km(a.coords[0], b.coords[0]) > FAR_REGION_KM),
            _ => false,
        };
        apart && types::classify(&text[right.clone()]).is_some()
    }
}

/// How far a region named in a clause must lie from the place of the clause before it to be
/// another incident's, in km: a countryside's point lies tens of km from its towns.
const FAR_REGION_KM: f64 = 100.0;

/// Openers of a sequel sentence ("جاءت", "يأتي") and the words its recalled incident follows
/// ("بعد", "عقب"): lists `sequel_opener` and `sequel_cut` of `data/rules/places.csv`.
static SEQUEL_OPENERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("sequel_opener"));
static SEQUEL_CUTS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("sequel_cut"));

/// Most words into a sentence opened by a sequel opener its cut word may stand
/// ("ويأتي هذا التصعيد، بعد …", "وجاءت الضربات على منطقة البوكمال بعد …").
const SEQUEL_CUT_WORDS: usize = 8;

/// Where the recalled incident of a sentence opened as a sequel starts ("وجاء الهجوم عقب
/// مضي أيام على مقتل …": right after عقب), in the article's bytes; `None` for other
/// sentences. The cut word itself is left out: read with the tail, it would make the tail's
/// own cue one "after" something else ("بعد ساعات من استهداف مسلحين حقل الزملة").
fn sequel_tail(folded: &Folded, r: &Range<usize>) -> Option<usize> {
    let within = folded.folded_within(r);
    let mut words = words_at(&folded.text[within.clone()]);
    let (_, first) = words.next()?;
    if !SEQUEL_OPENERS.contains(crate::clitics::without_and(first)) {
        return None;
    }
    words
        .by_ref()
        .take(SEQUEL_CUT_WORDS)
        .find(|(_, w)| SEQUEL_CUTS.contains(w))?;
    let (at, _) = words.next()?;
    Some(folded.original_start(within.start + at))
}

/// Spans of time between an incident and an earlier one («بعد يومين من», «عقب أيام على»):
/// list `earlier_span` of `data/rules/places.csv`.
static EARLIER_SPANS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("earlier_span"));

/// Most words between a cut word and «من»/«على» («بعد نحو أسبوع من», «بعد أقل من 24 ساعة
/// على»), one of them a span of time.
const EARLIER_SPAN_WORDS: usize = 4;

/// Where a sentence starts to tell an incident that came a span of time before its own
/// («…، بعد يومين من مقتل خمسة عناصر بانفجار لغم قرب تدمر»): past a `sequel_cut` word, a
/// span of time and «من» or «على», in the article's bytes; `None` when no such phrase stands
/// after the sentence's first word. Its toll and place are the earlier incident's, not the
/// sentence's. («من» and «على» are the grammar of the phrase: code.)
fn earlier_tail(text: &str, folded: &Folded, r: &Range<usize>) -> Option<usize> {
    let within = folded.folded_within(r);
    let mut words = words_at(&folded.text[within.clone()]);
    // Not the sentence's first word: a sentence opening «بعد يومين من …» tells its own
    // incident after it.
    words.next()?;
    while let Some((at, w)) = words.next() {
        // Most words are no cut word: the words after one are read only then.
        if SEQUEL_CUTS.contains(crate::clitics::without_and(w))
            && recalls_earlier(text, folded, within.start, words.clone())
        {
            return Some(folded.original_start(within.start + at));
        }
    }
    None
}

/// Where the sentence's own incident starts after a lead that recalls an earlier one
/// («بعد يومين من مقتل خمسة عناصر قرب السخنة، قتل …»: a cut word first, a span of time,
/// «من» or «على», then a comma), in the article's bytes.
fn earlier_lead(text: &str, folded: &Folded, r: &Range<usize>) -> Option<usize> {
    let within = folded.folded_within(r);
    let mut words = words_at(&folded.text[within.clone()]);
    let (_, first) = words.next()?;
    if !SEQUEL_CUTS.contains(crate::clitics::without_and(first))
        || !recalls_earlier(text, folded, within.start, words)
    {
        return None;
    }
    let comma = text[r.clone()].find(['،', ','])?;
    let at = r.start + comma + text[r.start + comma..].chars().next()?.len_utf8();
    (at < r.end).then_some(at)
}

/// A search for each `sequel_cut` word, folded.
static CUT_FINDERS: LazyLock<Vec<Finder<'static>>> = LazyLock::new(|| {
    SEQUEL_CUTS
        .iter()
        .map(|w| Finder::new(w.as_bytes()).into_owned())
        .collect()
});

/// Whether folded `t` holds a `sequel_cut` word anywhere (a vectorised search for each).
fn holds_cut_word(t: &str) -> bool {
    CUT_FINDERS.iter().any(|f| f.find(t.as_bytes()).is_some())
}

/// The words of folded `t` with their byte offsets, empty ones left out.
fn words_at(t: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    t.split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Whether the words after a cut word are a span of time, «من» or «على» and an earlier
/// incident of its own («يومين من مقتل خمسة عناصر»): not what happened to the ones the
/// sentence has just told of, named by a pronoun («أيام من إصابته», «ساعات من خطفهم»), nor
/// the incident before pointed at («ساعات من ذلك»: a later one follows).
fn recalls_earlier<'t>(
    text: &str,
    folded: &Folded,
    offset: usize,
    mut after: impl Iterator<Item = (usize, &'t str)>,
) -> bool {
    let mut span = false;
    for (_, w) in after.by_ref().take(EARLIER_SPAN_WORDS + 1) {
        span |= EARLIER_SPANS.has_word(w);
        if span && matches!(w, "من" | "علي") {
            return after.next().is_some_and(|(at, next)| {
                !POINTERS.contains(next) && !ends_in_pronoun(text, folded, offset + at, next)
            });
        }
    }
    false
}

/// Words that point at what was just told (`pointer` of `data/rules/places.csv`).
static POINTERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("pointer"));

/// Whether the word `w` at folded byte `at` ends, as written, in a pronoun of its owner
/// (ـه، ـها، ـهم، ـهما، ـهن: morphology, code). Folding writes ة as ه, so the word as written
/// is asked.
fn ends_in_pronoun(text: &str, folded: &Folded, at: usize, w: &str) -> bool {
    let start = folded.original_start(at);
    let end = folded.original_start(at + w.len());
    let Some(written) = text.get(start..end) else {
        return false;
    };
    let written = written.trim_end();
    ["ه", "ها", "هم", "هما", "هن"]
        .iter()
        .any(|p| written.ends_with(p) && written.chars().count() > p.chars().count() + 2)
}

/// Sentences that describe rather than report: list items of a tally ("- 48 مدنياً قتلوا
/// …"), and the present-tense "the Badia sees attacks" or a reminder ("ويذكر أن …") with no
/// toll and no day.
pub(super) fn is_background(r: &Reading) -> bool {
    r.tally_item || r.reminder && !is_firm(r)
}

/// Whether a list item is a line of a tally: it opens with its figure ("- 48 مدنياً قتلوا
/// …", "- سبعة من عناصر التنظيم"). An item that opens with what happened ("- مقتل عنصرين
/// بانفجار لغم قرب السخنة") reports an incident like any sentence.
pub(super) fn is_tally_item(sentence: &str) -> bool {
    list_item(sentence).is_some_and(|item| numbers::parse_number(item).is_some())
}

/// The item of a line that opens with a list's bullet ("- مقتل عنصرين …", "• غارات …"), after
/// its bullet; `None` for a line that is no list item. A bullet is punctuation, not a word:
/// it stays code.
pub(super) fn list_item(sentence: &str) -> Option<&str> {
    sentence
        .trim_start()
        .strip_prefix(['-', '•', '*', '–', '▪', '◾'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold_with_offsets;
    use proptest::prelude::*;

    /// The cutter as first written, a character at a time: what [`sentences`] must equal.
    fn sentences_by_char(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut iter = text.char_indices().peekable();
        let mut prev = '\n';
        while let Some((i, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            let cut = match c {
                '\n' => true,
                '.' if prev == '.' => false,
                '.' if is_arabic_letter(prev) && next.is_some_and(is_arabic_letter) => true,
                '.' | '!' | '?' | '؟' => next.is_none_or(|n| n.is_whitespace()),
                c if c.is_whitespace() => i - start >= MAX_SENTENCE_BYTES,
                _ => i + c.len_utf8() - start >= 2 * MAX_SENTENCE_BYTES,
            };
            if cut {
                push_trimmed(text, start, i + c.len_utf8(), &mut out);
                start = i + c.len_utf8();
            }
            prev = c;
        }
        push_trimmed(text, start, text.len(), &mut out);
        out
    }

    /// Text of words, stops, spaces of several kinds and long unbroken runs.
    fn texty() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("قتل".to_string()),
            Just("٣".to_string()),
            Just(" ".to_string()),
            Just("\u{a0}".to_string()),
            Just("\n".to_string()),
            Just(".".to_string()),
            Just("..".to_string()),
            Just("!".to_string()),
            Just("?".to_string()),
            Just("؟".to_string()),
            Just("22.10".to_string()),
            (1usize..3000).prop_map(|n| "ب".repeat(n)),
            (1usize..600).prop_map(|n| "كلمة ".repeat(n)),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn sentences_cut_as_char_by_char(text in texty()) {
            prop_assert_eq!(sentences(&text), sentences_by_char(&text));
        }
    }

    /// Clause openers found one opener at a time, as first written: what [`openers_in`] must
    /// equal.
    fn openers_by_match_indices(s: &str) -> Vec<(usize, bool)> {
        let folded = fold_with_offsets(s);
        let mut found: Vec<(usize, bool)> = CLAUSE_OPENERS
            .iter()
            .flat_map(|(opener, comma)| {
                let folded = &folded;
                folded
                    .text
                    .match_indices(opener.as_str())
                    .map(move |(i, _)| (folded.original_start(i + 1), *comma))
            })
            .collect();
        found.sort_unstable();
        found
    }

    proptest! {
        #[test]
        fn openers_found_as_by_match_indices(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just(" "), Just("،"), Just(","), Just("بينما"), Just("فيما"), Just("في"),
                    Just("حين"), Just("كما"), Just("وفي"), Just("قتل"), Just("ب"),
                ],
                0..30,
            )
        ) {
            let s = parts.concat();
            let folded = fold_with_offsets(&s);
            let found = openers_in(&folded, 0..folded.text.len());
            prop_assert_eq!(found, openers_by_match_indices(&s));
        }
    }

    #[test]
    fn a_sequel_sentence_is_read_from_after_its_cut_word() {
        fn tail(s: &str) -> Option<&str> {
            let folded = fold_with_offsets(s);
            sequel_tail(&folded, &(0..s.len())).map(|at| &s[at..])
        }
        let rows = [
            (
                "وجاءت الضربات على منطقة البوكمال بعد ساعات من إعلان جماعة مسلحة",
                Some("ساعات من إعلان جماعة مسلحة"),
            ),
            (
                "ويأتي هذا التصعيد، بعد مرور أيام على مقتل 12 جندياً",
                Some("مرور أيام على مقتل 12 جندياً"),
            ),
            (
                "وجاء الهجوم وقتها عقب مضي أيام على هجوم مماثل",
                Some("مضي أيام على هجوم مماثل"),
            ),
            ("تأتي الغارات إثر هجوم على قاعدة", Some("هجوم على قاعدة")),
            // No sequel opener, or its cut word too far into the sentence.
            ("قتل عنصران بعد هجوم على حاجز", None),
            (
                "وجاء في البيان أن عناصر التنظيم هاجموا حاجزاً قرب السخنة ثم انسحبوا بعد ساعة",
                None,
            ),
        ];
        for (sentence, want) in rows {
            assert_eq!(tail(sentence), want, "{sentence}");
        }
    }

    #[test]
    fn a_line_of_several_clauses_is_no_title() {
        assert!(is_title("مقتل 17 من قوات النظام في هجوم بالبادية"));
        assert!(is_title("هجوم لداعش، على حاجز شرقي الرقة"));
        assert!(!is_title(
            "وأدى الهجوم إلى مقتل ثلاثة من قوات النظام، بينهم ضابط برتبة ملازم، ينحدر من مدينة تدم"
        ));
    }
}
