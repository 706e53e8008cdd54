//! Events: an article with its resolved place phrases in, ACLED-coded [`Event`]s out.
//!
//! The article is cut into sentences. A sentence reports an incident when [`types::classify`]
//! codes it and it is not a statistics summary ([`types::is_statistics`]). Its place is the
//! first place phrase in it that is not context (an origin "المنحدر من X", a destination
//! "إلى X", a hospital "مشفى X", a base fire came from "الموجودة في X") nor a qualifier of
//! another phrase ("X بريف Y"). Sentences about the same place, or that go on about the last
//! incident without naming a place ("ما أدى إلى مقتل 17 عنصراً"), add to one event: the
//! evidence grows, the count of dead is the largest reported. A region-level event is folded
//! into a precise one in the same region when date and counts agree.

pub mod actors;
pub mod dates;
mod lexicon;
pub mod numbers;
mod numwords;
pub mod targets;
pub mod types;

use lexicon::{Hit, Lexicon};

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use chrono::NaiveDate;

use crate::gazetteer::Gazetteer;
use crate::geodesy::distance_km;
use crate::model::{
    Article, DateSource, DisorderType, Event, EventType, Evidence, Location, PlaceKind, Shape,
    Source, SubEventType,
};
use crate::normalize::{fold, fold_with_offsets, is_arabic_letter, Folded};
use crate::rules::{self, WordSet};

/// A sentence as written and folded, folded and split into words once for all the readers of
/// this module.
pub(crate) struct Sentence<'a> {
    /// The sentence as written.
    pub(crate) text: &'a str,
    /// The sentence folded (see [`crate::normalize`]), with offsets back into `text`.
    pub(crate) folded: &'a Folded,
    /// The words of the folded sentence with their forms, once asked for.
    words: OnceCell<Vec<numwords::Token<'a>>>,
    /// Its actors as read without a date ([`actors::read_in`]), once asked for.
    pub(crate) actors: OnceCell<actors::ActorReading>,
    /// The phrases of every [`List`] in it, found in one pass once asked for.
    hits: OnceCell<Vec<Hit>>,
}

impl<'a> Sentence<'a> {
    /// The sentence `text` whose folding is `folded`.
    pub(crate) fn new(text: &'a str, folded: &'a Folded) -> Self {
        Sentence {
            text,
            folded,
            words: OnceCell::new(),
            actors: OnceCell::new(),
            hits: OnceCell::new(),
        }
    }

    /// Folds `text` and reads it as one sentence with `read`.
    pub(crate) fn read<R>(text: &str, read: impl FnOnce(&Sentence) -> R) -> R {
        let folded = fold_with_offsets(text);
        read(&Sentence::new(text, &folded))
    }

    /// The phrases of `list` in the sentence, overlaps resolved (longest, then earliest).
    pub(crate) fn found(&self, list: List) -> Vec<Hit> {
        lexicon::of_list(self.all_hits(), list as usize)
    }

    /// Whether a phrase of `list` is in the sentence: whether [`Sentence::found`] finds any.
    pub(crate) fn has(&self, list: List) -> bool {
        self.all_hits().iter().any(|h| h.list == list as usize)
    }

    /// The phrases of every list, overlapping ones included ([`Lexicon::find_all`]).
    fn all_hits(&self) -> &[Hit] {
        self.hits
            .get_or_init(|| sentence_lexicon().find_all(&self.folded.text))
    }

    /// The words of the folded sentence with their forms ([`numwords::tokens`]), split once
    /// for the casualty, date, actor and cue readers.
    pub(crate) fn words(&self) -> &[numwords::Token<'a>] {
        self.words
            .get_or_init(|| numwords::tokens(&self.folded.text))
    }
}

/// The phrase lists sentences are read for, all found in one pass ([`Sentence::found`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    /// Incident cues ([`types`]), which may take the article.
    Cues,
    /// Phrases that alone make a period summary.
    Period,
    /// Spans of time that make a summary with a total.
    Span,
    /// Words of counting up.
    Total,
    /// Forces brought up, which may take the article.
    Reinforcements,
    /// Nouns for fighters, which may take the article.
    Combatants,
    /// The actor dictionary's patterns ([`actors`]).
    Actors,
}

impl List {
    /// Every list, in the order of their indexes.
    const ALL: [List; 7] = [
        List::Cues,
        List::Period,
        List::Span,
        List::Total,
        List::Reinforcements,
        List::Combatants,
        List::Actors,
    ];

    /// The list's phrases as written, and whether they may take the article ال.
    fn phrases(self) -> (Vec<&'static str>, bool) {
        match self {
            List::Cues => (types::cue_phrases(), true),
            List::Period => (types::period_phrases(), false),
            List::Span => (types::span_phrases(), false),
            List::Total => (types::total_words(), false),
            List::Reinforcements => (types::reinforcement_words(), true),
            List::Combatants => (types::combatant_words(), true),
            List::Actors => (actors::patterns(), false),
        }
    }
}

/// One lexicon of every [`List`]: a sentence is scanned once for all of them.
fn sentence_lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let lists: Vec<(Vec<&str>, bool)> = List::ALL.iter().map(|l| l.phrases()).collect();
        let lists: Vec<(&[&str], bool)> = lists.iter().map(|(p, a)| (p.as_slice(), *a)).collect();
        Lexicon::lists(&lists)
    })
}

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

// The words that say which place is the event's are lists of `data/rules/places.csv`.
/// Words before a place that make it context rather than where the incident happened.
static CONTEXT_BEFORE: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("context_before"));
static TOWARD: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("toward"));
static FACILITY_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("facility_noun"));
static HOSPITAL_NOUNS: LazyLock<Vec<String>> = LazyLock::new(|| rules::folded("hospital_noun"));
static NEAR_BEFORE_FROM: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("near_before_from"));
static STATIONED: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("stationed"));
static ORIGINS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("origin"));
static SEATS_OF: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("seat_of"));
static REPORTERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("reporter"));
/// Plural nouns for people ("عناصر"): a place in construct after one names whose members
/// they are ("عناصر اللواء 47"), not where they were.
static PEOPLE: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("people"));
static SPREAD_VERBS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("spread_verb"));
static ELABORATION_OPENERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("elaboration_opener"));
static HABIT_OPENERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("habit_opener"));
static PLACE_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("place_noun"));
static SEQUEL_OPENERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("sequel_opener"));
static SEQUEL_CUTS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("sequel_cut"));
/// Openers of a reminder of what is generally known ("ويذكر أن عناصر التنظيم لا يزالون
/// …"), folded: background unless the sentence names the day or counts victims.
static REMINDER_OPENERS: LazyLock<Vec<String>> = LazyLock::new(|| rules::folded("reminder_opener"));

/// Whether a folded word is a hospital ("مشفى", "بمشفى", "المستشفى").
fn is_hospital(w: &str) -> bool {
    HOSPITAL_NOUNS.iter().any(|h| w.ends_with(h.as_str()))
}

/// A sentence read for incidents (the default: one that tells nothing).
#[derive(Default)]
struct Reading {
    range: Range<usize>,
    class: Option<types::Classification>,
    statistics: bool,
    casualties: numbers::Casualties,
    date: Option<dates::DateRef>,
    actors: (Option<String>, Option<String>),
    inters: (Option<u8>, Option<u8>),
    /// Every actor it names, in order: the event's associated actors come from these.
    named: Vec<String>,
    title: bool,
    /// Forces brought up, no violence told: a Strategic development where they went.
    movement: Option<types::Classification>,
    /// It tells air strikes of its own ([`types::tells_air_strike`]).
    air_strike: bool,
    /// It tells fighting between two sides or an ambush ([`types::tells_fighting`]).
    fighting: bool,
    /// It opens as a reminder or a habit ([`opens_reminder`]).
    reminder: bool,
    /// It opens as the recall of an earlier incident ([`opens_recall`]).
    recall: bool,
}

fn read_sentence(
    text: &str,
    folded: &Folded,
    range: Range<usize>,
    published: Option<NaiveDate>,
    title: bool,
) -> Reading {
    if title {
        // Titles, captions and page furniture only end the last incident: nothing is read.
        return Reading {
            range,
            title,
            ..Reading::default()
        };
    }
    let folded = folded.slice(range.clone());
    let s = Sentence::new(&text[range.clone()], &folded);
    let coding = types::code(&s);
    let casualties = numbers::casualties_in(&s);
    // Dates and actors are read only where an incident can take them: a sentence that codes
    // no incident, moves no forces and counts no victims only ends the last incident.
    let telling = coding.class.is_some()
        || coding.movement.is_some()
        || casualties.killed.is_some()
        || casualties.injured.is_some();
    let (date, actors, inters, named) = if telling {
        // Names used for the state before and after December 2024 are dated by the article.
        let read = actors::read_in(&s, published);
        let (a1, a2) = read.sides.clone();
        let inter_of = |name: &Option<String>| {
            name.as_ref()
                .and_then(|n| read.mentions.iter().find(|a| &a.name == n).map(|a| a.inter))
        };
        let inters = (inter_of(&a1), inter_of(&a2));
        let named = read.mentions.iter().map(|m| m.name.clone()).collect();
        (dates::date_in(&s, published), (a1, a2), inters, named)
    } else {
        (None, (None, None), (None, None), Vec::new())
    };
    Reading {
        class: coding.class,
        statistics: coding.statistics,
        movement: coding.movement,
        air_strike: coding.air_strike,
        fighting: coding.fighting,
        casualties,
        date,
        actors,
        inters,
        named,
        reminder: opens_reminder(&s.folded.text),
        recall: opens_recall(&s.folded.text),
        range,
        title,
    }
}

/// An event being assembled from the sentences of one article.
struct Draft {
    loc: usize,
    readings: Vec<usize>,
    /// An air-strike event split off a sentence that also tells a ground attack.
    strike: bool,
    /// Forces brought up to the place (Strategic developments).
    movement: bool,
}

/// Reads an article's events. `locations` come from [`crate::resolve::resolve`] over the same
/// article and `folded` is its folded text.
pub fn extract(
    gaz: &Gazetteer,
    article: &Article,
    folded: &Folded,
    locations: &[Location],
) -> Vec<Event> {
    let text = article.text.as_str();
    // Which place phrases are context (origins, destinations, hospitals) is read once.
    let context = context_flags(&folded.text, locations);
    // Each part: its range, whether it is a title, whether it recalls an earlier incident.
    let mut parts: Vec<(Range<usize>, bool, bool)> = Vec::new();
    let lines: Vec<(Range<usize>, bool)> = sentences(text)
        .into_iter()
        .map(|r| {
            let title = is_whole_line(text, &r) && is_title(&text[r.clone()]);
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
                context: &context,
                folded,
            };
            // "وجاءت الضربات على منطقة X بعد ساعات من …": the head names the incident just
            // told again and is left out; the tail recalls an earlier one.
            let (r, recalled) = match sequel_tail(folded, &r) {
                Some(at) => (at..r.end, true),
                None => (r, false),
            };
            let clauses = places.clauses(text, r).into_iter();
            parts.extend(clauses.map(|c| (c, false, recalled)));
        }
    }
    let readings: Vec<Reading> = parts
        .into_iter()
        .map(|(r, title, recalled)| {
            let mut reading = read_sentence(text, folded, r, article.published, title);
            reading.recall |= recalled;
            reading
        })
        .collect();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut last: Option<usize> = None;
    // The draft of the incident told last, kept across sentences that tell none, and the
    // placeless incident sentences told before any place ("قال المرصد إن هجوماً على حافلة
    // أسفر عن مقتل 23 جندياً", then "ووقع الهجوم بالقرب من بلدة الميادين").
    let mut told: Option<usize> = None;
    let mut pending: Vec<usize> = Vec::new();
    for (ri, r) in readings.iter().enumerate() {
        if r.title || r.statistics || is_background(&text[r.range.clone()], r) {
            last = None;
            // A habit or a reminder told between an incident and its toll ("وتشهد المنطقة
            // انتشاراً لخلايا التنظيم. وأسفر الانفجار عن مقتل سبعة") does not end the
            // incident the toll names again.
            if !r.reminder {
                told = None;
            }
            continue;
        }
        let place = event_place(gaz, locations, &context, &folded.text, &r.range)
            // "... في البادية السورية، حيث قتل 4": the desert at large goes on about the
            // incident just told rather than placing a new one.
            .filter(|&li| !(last.is_some() && is_vague(gaz, &locations[li])));
        match (&r.class, place) {
            (Some(class), Some(li)) => {
                if class.event_type == EventType::Battles && r.air_strike {
                    // "… and war planes struck the area after the attack": the strikes are
                    // an event of their own at the same place.
                    add_strike(&mut drafts, &readings, locations, li, ri);
                }
                let incident = Incident {
                    gaz,
                    locations,
                    context: &context,
                    readings: &readings,
                };
                let goes_on = last.filter(|&di| {
                    elaborates(&text[r.range.clone()])
                        && !is_strike(&readings, &drafts[di])
                        && !is_air_strike(class)
                        && distance_km(locations[drafts[di].loc].coords[0], locations[li].coords[0])
                            <= ELABORATION_KM
                });
                last = Some(match goes_on {
                    Some(di) => {
                        drafts[di].readings.push(ri);
                        di
                    }
                    None => incident.add(&mut drafts, class, li, ri),
                });
                if let Some(di) = last {
                    told = Some(di);
                    // The placeless lead is the incident this sentence places by naming it
                    // again ("ووقع الهجوم قرب …").
                    if !pending.is_empty() && types::refers_back(&text[r.range.clone()]) {
                        drafts[di].readings.append(&mut pending);
                        drafts[di].readings.sort_unstable();
                    }
                }
                pending.clear();
                if !has_casualties(r) {
                    for si in spread_places(&folded.text, locations, &context, &r.range, li) {
                        incident.add(&mut drafts, class, si, ri);
                    }
                }
            }
            (Some(class), None) if is_air_strike(class) => {
                // Air strikes told beside a ground battle are their own event (ACLED codes
                // another actor's strikes apart), at the battle's place.
                if let Some(di) = last {
                    let loc = drafts[di].loc;
                    add_strike(&mut drafts, &readings, locations, loc, ri);
                }
            }
            // A recalled incident with no place of its own adds nothing to the last one.
            (_, None) if r.recall => last = None,
            (_, None) if told.is_none() && (r.class.is_some() || has_casualties(r)) => {
                pending.push(ri);
            }
            // "وأدى الهجوم إلى مقتل ثلاثة", "فإن أربعة من القتلى ينتمون …": the incident told
            // last, or its dead, named again after sentences that told none.
            (_, None)
                if last.is_none()
                    && (r.class.is_some() || has_casualties(r))
                    && types::refers_back_or_to_victims(&text[r.range.clone()]) =>
            {
                if let Some(di) = told.filter(|&di| compatible(&readings, &drafts[di], r)) {
                    drafts[di].readings.push(ri);
                    last = Some(di);
                }
            }
            (_, None) if last.is_some() && (r.class.is_some() || has_casualties(r)) => {
                if let (Some(di), Some(c)) = (last, &r.class) {
                    if c.event_type == EventType::Battles && r.air_strike {
                        let loc = drafts[di].loc;
                        add_strike(&mut drafts, &readings, locations, loc, ri);
                    }
                }
                // A placeless sentence goes on about the last incident, unless it tells a
                // ground incident by another actor after air strikes ("the strikes came hours
                // after an ISIS attack").
                if let Some(di) = last {
                    let striker = drafts[di]
                        .readings
                        .iter()
                        .find_map(|&i| readings[i].actors.0.as_ref());
                    let other_actor =
                        matches!((striker, &r.actors.0), (Some(a), Some(b)) if a != b);
                    let same_type = !(is_strike(&readings, &drafts[di])
                        && r.class.as_ref().is_some_and(|c| !is_air_strike(c))
                        && other_actor)
                        && compatible(&readings, &drafts[di], r)
                        && near_publication(r, article.published);
                    if same_type {
                        drafts[di].readings.push(ri);
                    }
                }
            }
            (None, _) if r.movement.is_some() => {
                if let Some(li) = destination(locations, &folded.text, &r.range) {
                    add_movement(&mut drafts, locations, li, ri);
                }
                last = None;
            }
            _ => {
                // An incident at no place known ("اندلعت اشتباكات في رجم الحيات") is another
                // one than that told before: what names "the attack" later is not about it.
                if r.class.is_some() {
                    told = None;
                }
                last = None;
            }
        }
    }
    fold_regions_into_places(gaz, &mut drafts, &readings, locations);
    // A whole region is an incident's place only when its sentences count victims or name
    // the day; otherwise it is background ("ISIS is active in the Badia").
    // Air strikes are the exception: ACLED codes strikes on "ISIS positions in the Badia".
    drafts.retain(|d| {
        locations[d.loc].precision < 3
            || is_strike(&readings, d)
            || d.readings.iter().any(|&i| is_firm(&readings[i]))
    });
    let dead: Vec<u32> = drafts.iter().map(|d| own_dead(&readings, d)).collect();
    let all_dead: u32 = dead.iter().sum();
    let mut events: Vec<Event> = drafts
        .iter()
        .zip(&dead)
        .map(|(d, own)| {
            let others_dead = all_dead - own;
            let mut e = build_event(gaz, article, &readings, d, &locations[d.loc], others_dead);
            e.place_ids = places_named(gaz, locations, &context, &readings, d);
            // The sentences as the article's folding has them: they are not folded again.
            let sentences = d.readings.iter().map(|&i| {
                let r = folded.folded_within(&readings[i].range);
                &folded.text[r]
            });
            e.target = targets::target_of_folded(sentences);
            e
        })
        .collect();
    backfill_dates(&mut events, &readings, article);
    events
}

/// The gazetteer ids of every precise place an event's sentences name as where it happened
/// ("محاور الرهجان والشاكوسية وأثريا": three ids).
fn places_named(
    gaz: &Gazetteer,
    locations: &[Location],
    context: &[bool],
    readings: &[Reading],
    d: &Draft,
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for &ri in &d.readings {
        let range = &readings[ri].range;
        for (li, l) in locations.iter().enumerate() {
            let inside = l.start >= range.start && l.end <= range.end;
            if inside && l.qualifies.is_none() && l.precision < 3 && !context[li] {
                let id = &gaz.place(l.place).id;
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
    }
    ids
}

/// Where forces were brought up to: the first precise place of the sentence written after
/// إلى, نحو or باتجاه ("تعزيزات متجهة إلى منطقة أثريا", "إلى نقاطها في بلدة الفرقلس"), not
/// after من (where they came from).
fn destination(locations: &[Location], t: &str, range: &Range<usize>) -> Option<usize> {
    locations.iter().position(|l| {
        let inside = l.start >= range.start && l.end <= range.end;
        inside && l.precision < 3 && l.qualifies.is_none() && is_destination(t, l.fstart)
    })
}

fn is_destination(t: &str, fstart: usize) -> bool {
    for w in t[..fstart]
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .take(4)
    {
        // "من" is the grammar of an origin.
        if w == "من" {
            return false;
        }
        if TOWARD.contains(w) {
            return true;
        }
    }
    false
}

/// Adds sentence `ri` to the movement draft at location `li`, starting one if needed.
fn add_movement(drafts: &mut Vec<Draft>, locations: &[Location], li: usize, ri: usize) {
    let same = drafts
        .iter()
        .position(|d| d.movement && same_place(&locations[d.loc], &locations[li]));
    match same {
        Some(di) => drafts[di].readings.push(ri),
        None => drafts.push(Draft {
            loc: li,
            readings: vec![ri],
            strike: false,
            movement: true,
        }),
    }
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

/// Where the clause openers start in `s` (byte offsets of their first letter), in order,
/// each with whether it needs a comma before it: every opener's places as
/// `str::match_indices` finds them in the folded text (left to right, not overlapping each
/// other), found in one pass over the spaces they begin with.
fn openers_in(folded: &Folded, within: Range<usize>) -> Vec<(usize, bool)> {
    let bytes = &folded.text.as_bytes()[within.clone()];
    // Where each opener may be found again.
    let mut free_from = vec![0; CLAUSE_OPENERS.len()];
    let mut found = Vec::new();
    for i in (0..bytes.len()).filter(|&i| bytes[i] == b' ') {
        for (k, (opener, comma)) in CLAUSE_OPENERS.iter().enumerate() {
            // The letter after the space is compared first: most words open no clause.
            let o = opener.as_bytes();
            if i >= free_from[k]
                && bytes.get(i + 1..i + 3) == o.get(1..3)
                && bytes[i..].starts_with(o)
            {
                free_from[k] = i + opener.len();
                found.push((folded.original_start(within.start + i + 1), *comma));
            }
        }
    }
    found
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

/// How far the place of an elaborating sentence may lie from the incident it elaborates, in
/// km.
const ELABORATION_KM: f64 = 50.0;

/// "حيث هاجم مسلحون … على الطريق الواصل بين الكوم والسخنة": a sentence opened by حيث tells
/// how the incident just reported happened, wherever exactly it places it.
fn elaborates(sentence: &str) -> bool {
    let first = sentence.split_whitespace().next().unwrap_or("");
    let first = fold(first);
    ELABORATION_OPENERS.contains(first.strip_prefix('و').unwrap_or(&first))
}

/// What a sentence telling an incident is read against.
struct Incident<'a> {
    gaz: &'a Gazetteer,
    locations: &'a [Location],
    context: &'a [bool],
    readings: &'a [Reading],
}

impl Incident<'_> {
    /// Adds sentence `ri`, coded `class`, at location `li` to the draft it goes on about, or
    /// starts one; returns the draft's index.
    fn add(
        &self,
        drafts: &mut Vec<Draft>,
        class: &types::Classification,
        li: usize,
        ri: usize,
    ) -> usize {
        let (locations, readings) = (self.locations, self.readings);
        let same = drafts.iter().position(|d| {
            !d.movement
                && (same_place(&locations[d.loc], &locations[li])
                    || site_of_town(self.gaz, &locations[d.loc], &locations[li])
                    || names_front(locations, self.context, readings, d, li))
                && compatible(readings, d, &readings[ri])
                && is_strike(readings, d) == is_air_strike(class)
                && readings[d.readings[0]].recall == readings[ri].recall
        });
        match same {
            Some(di) => {
                drafts[di].readings.push(ri);
                di
            }
            None => {
                drafts.push(Draft {
                    loc: li,
                    readings: vec![ri],
                    strike: false,
                    movement: false,
                });
                drafts.len() - 1
            }
        }
    }
}

/// Places the fighting of a sentence spread to ("وامتدت إلى منطقة الرصافة بريف الرقة"),
/// other than the sentence's event place `li`: each is a place of its own.
fn spread_places(
    t: &str,
    locations: &[Location],
    context: &[bool],
    range: &Range<usize>,
    li: usize,
) -> Vec<usize> {
    (0..locations.len())
        .filter(|&i| {
            let l = &locations[i];
            i != li
                && l.start >= range.start
                && l.end <= range.end
                && l.precision < 3
                && l.qualifies.is_none()
                && !context[i]
                && is_spread(t, l.fstart)
                && !same_place(l, &locations[li])
        })
        .collect()
}

/// "امتدت إلى X", "وتوسعت الاشتباكات إلى X": the words before X say the fighting reached it.
fn is_spread(t: &str, fstart: usize) -> bool {
    let mut before = t[..fstart].split(' ').rev().filter(|w| !w.is_empty());
    before.next().is_some_and(|w| TOWARD.contains(w))
        && before.take(2).any(|w| {
            let w = w.strip_prefix('و').unwrap_or(w);
            SPREAD_VERBS.contains(w)
        })
}

/// Whether the draft's sentences already named the place of location `li` among where the
/// incident happened ("على محاور الرهجان والشاكوسية وأثريا", later "قرب منطقة أثريا"): the
/// later sentence goes on about that incident's front rather than telling a new one.
fn names_front(
    locations: &[Location],
    context: &[bool],
    readings: &[Reading],
    d: &Draft,
    li: usize,
) -> bool {
    let place = locations[li].place;
    locations.iter().enumerate().any(|(i, l)| {
        l.place == place
            && i != li
            && l.qualifies.is_none()
            && !context[i]
            && d.readings.iter().any(|&ri| {
                let r = &readings[ri].range;
                l.start >= r.start && l.end <= r.end
            })
    })
}

/// Whether one location is a site named after the town of the other ("معبر البوكمال" and
/// "مدينة البوكمال", "مطار تدمر" and "تدمر") that lies near it: a report naming both for
/// one incident names the town and its site.
fn site_of_town(gaz: &Gazetteer, a: &Location, b: &Location) -> bool {
    let near = distance_km(a.coords[0], b.coords[0]) <= SITE_OF_TOWN_KM;
    near && (named_after(gaz, a, b) || named_after(gaz, b, a))
}

/// How far a site named after a town may lie from it, in km (a border crossing or an airport
/// lies some km out of its town).
const SITE_OF_TOWN_KM: f64 = 12.0;

/// Whether `site` is a facility whose Arabic name holds the name of `town`, a settlement.
fn named_after(gaz: &Gazetteer, site: &Location, town: &Location) -> bool {
    let (s, t) = (gaz.place(site.place), gaz.place(town.place));
    let is_site = matches!(
        s.kind,
        PlaceKind::Airport
            | PlaceKind::MilitaryBase
            | PlaceKind::BorderCrossing
            | PlaceKind::Checkpoint
            | PlaceKind::Station
            | PlaceKind::Dam
            | PlaceKind::OilField
            | PlaceKind::GasField
            | PlaceKind::Site
    );
    let is_town = matches!(
        t.kind,
        PlaceKind::City | PlaceKind::Town | PlaceKind::Village
    );
    // Compared without spaces and the article ("البو كمال" in "معبر البوكمال").
    let bare = |name: &str| {
        let f: String = fold(name).split(' ').collect();
        f.strip_prefix("ال").map(str::to_string).unwrap_or(f)
    };
    let site_name: String = fold(&s.name_ar).split(' ').collect();
    let town_name = bare(&t.name_ar);
    is_site && is_town && town_name.chars().count() >= 3 && site_name.contains(&town_name)
}

/// Adds sentence `ri` to the air-strike draft at location `li`, starting one if needed.
fn add_strike(
    drafts: &mut Vec<Draft>,
    readings: &[Reading],
    locations: &[Location],
    li: usize,
    ri: usize,
) {
    let strike = drafts
        .iter()
        .position(|d| same_place(&locations[d.loc], &locations[li]) && is_strike(readings, d));
    match strike {
        Some(s) => drafts[s].readings.push(ri),
        None => drafts.push(Draft {
            loc: li,
            readings: vec![ri],
            strike: true,
            movement: false,
        }),
    }
}

fn is_air_strike(c: &types::Classification) -> bool {
    c.sub_event_type == SubEventType::AirDroneStrike
}

fn first_class<'r>(readings: &'r [Reading], d: &Draft) -> Option<&'r types::Classification> {
    d.readings.iter().find_map(|&i| readings[i].class.as_ref())
}

/// Whether a draft is an air-strike event (its first coded sentence says so).
fn is_strike(readings: &[Reading], d: &Draft) -> bool {
    d.strike || first_class(readings, d).is_some_and(is_air_strike)
}

/// Most words into a sentence opened by a sequel opener its cut word may stand
/// ("ويأتي هذا التصعيد، بعد …", "وجاءت الضربات على منطقة البوكمال بعد …").
const SEQUEL_CUT_WORDS: usize = 8;

/// Where the recalled incident of a sentence opened as a sequel starts ("وجاء الهجوم عقب
/// مضي أيام على مقتل …": right after عقب), in the article's bytes; `None` for other
/// sentences. The cut word itself is left out: read with the tail, it would make the tail's
/// own cue one "after" something else ("بعد ساعات من استهداف مسلحين حقل الزملة").
fn sequel_tail(folded: &Folded, r: &Range<usize>) -> Option<usize> {
    let within = folded.folded_within(r);
    let t = &folded.text[within.clone()];
    let mut words = t
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty());
    let (_, first) = words.next()?;
    if !SEQUEL_OPENERS.contains(first.strip_prefix('و').unwrap_or(first)) {
        return None;
    }
    words
        .by_ref()
        .take(SEQUEL_CUT_WORDS)
        .find(|(_, w)| SEQUEL_CUTS.contains(w))?;
    let (at, _) = words.next()?;
    Some(folded.original_start(within.start + at))
}

/// Sentences that describe rather than report: list items of a tally ("- 48 مدنياً قتلوا
/// …"), and the present-tense "the Badia sees attacks" or a reminder ("ويذكر أن …") with no
/// toll and no day.
fn is_background(sentence: &str, r: &Reading) -> bool {
    is_tally_item(sentence) || r.reminder && !is_firm(r)
}

/// Whether a list item is a line of a tally: it opens with its figure ("- 48 مدنياً قتلوا
/// …", "- سبعة من عناصر التنظيم"). An item that opens with what happened ("- مقتل عنصرين
/// بانفجار لغم قرب السخنة") reports an incident like any sentence.
fn is_tally_item(sentence: &str) -> bool {
    sentence
        .trim_start()
        .strip_prefix(['-', '•', '*', '–'])
        .is_some_and(|item| numbers::parse_number(item).is_some())
}

/// Openers of the recall of an earlier incident ("وسبق أن قتل …", "وكان قتل أربعة عناصر …
/// في 7 آب"), folded (`recall_opener`).
static RECALL_OPENERS: LazyLock<Vec<String>> = LazyLock::new(|| {
    rules::active()
        .words("recall_opener")
        .map(|o| format!("{o} "))
        .collect()
});

/// Whether a folded sentence opens as the recall of an earlier incident: an incident it
/// tells is another one than the incidents told before it, even at the same place.
fn opens_recall(folded: &str) -> bool {
    let unjoined = folded.strip_prefix('و').unwrap_or(folded);
    RECALL_OPENERS
        .iter()
        .any(|o| unjoined.starts_with(o.as_str()))
}

/// Whether a folded sentence opens as a reminder or a habit ("ويذكر أن …", "تشهد …").
fn opens_reminder(folded: &str) -> bool {
    let first = folded.split(' ').next().unwrap_or("");
    let unjoined = folded.strip_prefix('و').unwrap_or(folded);
    let reminder = REMINDER_OPENERS
        .iter()
        .any(|o| unjoined.starts_with(o.as_str()));
    reminder || HABIT_OPENERS.contains(first.strip_prefix('و').unwrap_or(first))
}

/// A sentence dated weeks before the article was published ("وبتاريخ 18 من شهر آب") recalls
/// an earlier incident rather than going on about this one.
fn near_publication(r: &Reading, published: Option<NaiveDate>) -> bool {
    match (&r.date, published) {
        (Some(d), Some(p)) => (p - d.date).num_days().abs() <= 7,
        _ => true,
    }
}

/// A region so large it says nothing of where an incident happened: the Badia, a desert.
fn is_vague(gaz: &Gazetteer, l: &Location) -> bool {
    matches!(
        gaz.place(l.place).kind,
        PlaceKind::Desert | PlaceKind::Region
    ) && l.precision == 3
}

/// A sentence firm enough to place an incident in a whole region: it counts victims or
/// names the day.
fn is_firm(r: &Reading) -> bool {
    has_casualties(r) || r.date.as_ref().is_some_and(|d| d.precision == 1)
}

fn has_casualties(r: &Reading) -> bool {
    r.casualties.killed.is_some() || r.casualties.injured.is_some()
}

/// The sentence's event location: the first place phrase inside it that is neither context
/// nor a qualifier of another phrase; precise points before roads, roads before regions.
fn event_place(
    gaz: &Gazetteer,
    locations: &[Location],
    context: &[bool],
    t: &str,
    range: &Range<usize>,
) -> Option<usize> {
    let inside: Vec<usize> = (0..locations.len())
        .filter(|&i| gaz.place(locations[i].place).kind != PlaceKind::Country)
        .filter(|&i| locations[i].start >= range.start && locations[i].end <= range.end)
        .filter(|&i| locations[i].qualifies.is_none())
        .filter(|&i| !context[i])
        .collect();
    if is_far_list(locations, t, &inside) {
        return None;
    }
    // A road gives way to the point the sentence pins on it ("على الطريق الواصل بين مدينتي
    // دير الزور والميادين … قرب بلدة سعلو").
    let is_road = |i: usize| locations[i].shape == Shape::Road || locations[i].coords.len() > 1;
    // A governorate's bare name gives way to a town of it the sentence names ("في دير الزور،
    // ووقع الانفجار قرب بلدة سعلو").
    let admin1 = |i: usize| gaz.place(locations[i].place).admin1.as_str();
    let gives_way = |i: usize| {
        seat_or_governorate(gaz, &locations[i])
            && inside.iter().any(|&j| {
                j != i
                    && locations[j].precision < 3
                    && !seat_or_governorate(gaz, &locations[j])
                    && !admin1(i).is_empty()
                    && admin1(j) == admin1(i)
            })
    };
    inside
        .iter()
        .copied()
        .find(|&i| locations[i].precision < 3 && !locations[i].bare && !is_road(i) && !gives_way(i))
        .or_else(|| {
            inside
                .iter()
                .copied()
                .find(|&i| locations[i].precision < 3 && !locations[i].bare)
        })
        .or_else(|| inside.iter().copied().find(|&i| !locations[i].bare))
        .or_else(|| inside.first().copied())
}

/// Distance beyond which two places named side by side are a list of a whole front, not one
/// incident's place, in km.
const SUMMARY_SPREAD_KM: f64 = 150.0;

/// Most words between two names of one list ("في درعا وإدلب", "في درعا، وفي إدلب").
const LIST_GAP_WORDS: usize = 3;

/// A sentence listing towns at opposite ends of the country side by side ("قتلوا في درعا
/// وإدلب ومناطق البادية") sums up a campaign rather than placing an incident. A far town in a
/// clause of its own ("تعرض مطار تيفور لقصف، في وقت تحدثت فيه شبكات عن انفجارات هزت مدينة
/// البوكمال") lists nothing. `t` is the article's folded text.
fn is_far_list(locations: &[Location], t: &str, inside: &[usize]) -> bool {
    let towns: Vec<&Location> = inside
        .iter()
        .map(|&i| &locations[i])
        .filter(|l| l.precision == 1)
        .collect();
    towns.windows(2).any(|pair| {
        let (a, b) = (pair[0], pair[1]);
        let gap = t.get(a.fend..b.fstart).unwrap_or("");
        gap.split(' ').filter(|w| !w.is_empty()).count() <= LIST_GAP_WORDS
            && distance_km(a.coords[0], b.coords[0]) > SUMMARY_SPREAD_KM
    })
}

fn is_context(t: &str, fstart: usize) -> bool {
    let before: Vec<&str> = t[..fstart]
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let first = before.first().copied().unwrap_or("");
    // "الموجودة في مطار X": the place where the guns stood, not where they hit.
    let facility = FACILITY_NOUNS.contains(first) || is_hospital(first);
    // "مدير مشفى الأسد في دير الزور", "في مشفى تدمر الوطني في مدينة تدمر": a hospital named
    // and placed (up to three words before في); the wounded were taken there, the incident
    // was elsewhere.
    // "في" is grammar: where the hospital stands, and so is the clitic ب ("مدير مستشفى
    // الأسد بدير الزور").
    let hospital_in = (first == "في" || joined_by_bi(t, fstart))
        && t[..fstart]
            .split(' ')
            .rev()
            .filter(|w| !w.is_empty())
            .skip(usize::from(first == "في"))
            .take(3)
            .any(is_hospital);
    // "بالقرب من X", "على مقربة من X": "من" here says near, not from.
    let near = first == "من" && before.get(1).is_some_and(|w| NEAR_BEFORE_FROM.contains(w));
    // "وامتدت إلى منطقة الرصافة": fighting that spread there happened there; "نحو 30 كم شرق
    // تدمر": نحو before a distance is "about", not "towards".
    let distance = t[fstart..].starts_with(|c: char| c.is_ascii_digit());
    let near = near || distance || is_spread(t, fstart);
    // "المتمركزة في مطار دير الزور": where a unit stands, not where the incident is.
    let stationed = before.iter().any(|w| STATIONED.contains(w));
    stationed
        || hospital_in
        || placed_context(t, fstart, first)
        || members_of(t, fstart, first)
        || !near && CONTEXT_BEFORE.has_unarticled(first)
        || facility
            && before[1..]
                .iter()
                .any(|w| CONTEXT_BEFORE.has_unarticled(w) || *w == "في")
}

/// Whether the name at folded offset `fstart` is in construct after a noun for people
/// ("عناصر اللواء 47", members of the brigade): it names whose they are, not where. A place
/// phrase that opens with its own place noun ("رعاة قرب السخنة") is where they were.
fn members_of(t: &str, fstart: usize, before: &str) -> bool {
    let opening = t[fstart..].split(' ').next().unwrap_or("");
    PEOPLE.has_unarticled(before) && !PLACE_NOUNS.has_word(opening)
}

/// Most words between an origin word and the "في" of the wider place its place lies in
/// ("أبناء حي الوعر في", "ينحدر من قرية الزهراء في").
const ORIGIN_REACH: usize = 4;

/// Whether the place after "في" (or the clitic ب) at folded offset `fstart` only says where
/// something told before it is: a government's seat ("الموالين للحكومة في دمشق"), a
/// reporter's town ("قال مراسلنا في دير الزور إن"), or the town a victims' quarter or village
/// lies in ("من أبناء حي الوعر في مدينة حمص", "من أبناء بلدة القريتين بريف حمص"). The
/// clause before the preposition decides, not the word right before the name.
fn placed_context(t: &str, fstart: usize, first: &str) -> bool {
    let glue = match first {
        "في" => 1,
        _ if joined_by_bi(t, fstart) => 0,
        _ => return false,
    };
    let before: Vec<&str> = t[..fstart]
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .skip(glue)
        .take(ORIGIN_REACH + 1)
        .collect();
    let Some(&owner) = before.first() else {
        return false;
    };
    // "للحكومة" (belonging to it), not "قوات الحكومة في X", where the forces were.
    let seat =
        owner.strip_prefix('و').unwrap_or(owner).starts_with('ل') && SEATS_OF.has_word(owner);
    // The reporter right before "في", or before a one-word outlet ("مراسل الشبكة في").
    let reporter = before.iter().take(2).any(|w| REPORTERS.has_word(w));
    // An origin word, then the place noun of the quarter or village it names.
    let origin = before.iter().enumerate().skip(1).any(|(k, w)| {
        ORIGINS.has_unarticled(w) && before[..k].iter().any(|p| PLACE_NOUNS.has_word(p))
    });
    seat || reporter || origin
}

/// Whether the place phrase at folded offset `fstart` is written behind the preposition ب
/// ("بدير الزور"), not opened by a place noun that starts with the letter ("بلدة", "بادية").
fn joined_by_bi(t: &str, fstart: usize) -> bool {
    let word = t[fstart..].split(' ').next().unwrap_or("");
    word.starts_with('ب') && !PLACE_NOUNS.contains(word)
}

/// Context flags of every location: context by the words before it, or the next name of a
/// list that began as context ("بين مدينتي دير الزور والميادين").
fn context_flags(t: &str, locations: &[Location]) -> Vec<bool> {
    let mut flags: Vec<bool> = Vec::with_capacity(locations.len());
    for (i, l) in locations.iter().enumerate() {
        let listed = i > 0
            && flags[i - 1]
            && t.get(locations[i - 1].fend..l.fstart)
                .is_some_and(|gap| gap.trim().is_empty() || gap.trim() == "و")
            && t[l.fstart..].starts_with('و');
        flags.push(listed || is_context(t, l.fstart));
    }
    flags
}

fn same_place(a: &Location, b: &Location) -> bool {
    // A road is not the town at one of its ends.
    let road = |l: &Location| l.shape == Shape::Road || l.coords.len() > 1;
    road(a) == road(b) && (a.place == b.place || distance_km(a.coords[0], b.coords[0]) < 5.0)
}

/// A new sentence continues a draft when its date does not contradict the draft's.
fn compatible(readings: &[Reading], d: &Draft, r: &Reading) -> bool {
    let date = |x: &Reading| x.date.as_ref().map(|d| d.date);
    let theirs: Vec<NaiveDate> = d
        .readings
        .iter()
        .filter_map(|&i| date(&readings[i]))
        .collect();
    match date(r) {
        Some(mine) => theirs.iter().all(|t| *t == mine),
        None => true,
    }
}

/// Folds a region-level draft into a precise draft inside that region when their dates and
/// counts of dead agree: the lead's "في ريف دير الزور" and the body's "في حقل التيم" are one
/// incident.
fn fold_regions_into_places(
    gaz: &Gazetteer,
    drafts: &mut Vec<Draft>,
    readings: &[Reading],
    locations: &[Location],
) {
    let mut i = 0;
    while i < drafts.len() {
        let loc = &locations[drafts[i].loc];
        let target = drafts.iter().enumerate().position(|(k, d)| {
            let other = &locations[d.loc];
            if k == i {
                return false;
            }
            let inside = if loc.precision < 3 && !seat_or_governorate(gaz, loc) {
                // "بمدينة السلمية" and "بقرية رسم الأحمر بريف مدينة السلمية": the town that
                // qualifies the village elsewhere in the article is the same incident's area,
                // when the town's sentences carry the toll the village's lack.
                qualifies_place(locations, loc.place, d.loc)
                    && tolls_complete(readings, d, &drafts[i], loc.precision >= 2)
            } else {
                let same_governorate = !gaz.place(loc.place).admin1.is_empty()
                    && gaz.place(other.place).admin1 == gaz.place(loc.place).admin1;
                other.precision < 3
                    && (same_governorate || distance_km(other.coords[0], loc.coords[0]) < 150.0)
            };
            inside
                && agree(readings, d, &drafts[i])
                && is_strike(readings, d) == is_strike(readings, &drafts[i])
                && d.movement == drafts[i].movement
        });
        match target {
            Some(t) if t != i => {
                let moved = std::mem::take(&mut drafts[i].readings);
                drafts[t].readings.extend(moved);
                drafts[t].readings.sort_unstable();
                drafts.remove(i);
            }
            _ => i += 1,
        }
    }
}

/// Whether a place phrase is a governorate's bare name that may be its seat or the whole
/// governorate ("في دير الزور", not "في مدينة دير الزور"): a report that names a town in it
/// for the same incident places it better.
fn seat_or_governorate(gaz: &Gazetteer, loc: &Location) -> bool {
    crate::resolve::governorate_of(gaz, loc.place).is_some()
        && !crate::resolve::names_a_city(&loc.text)
}

/// Whether `town` reports the dead and `village` reports none or the same number.
/// With no toll on either side, only a town named as an area ("محيط مدينة سلمية") folds.
fn tolls_complete(readings: &[Reading], village: &Draft, town: &Draft, town_is_area: bool) -> bool {
    let killed = |d: &Draft| {
        d.readings
            .iter()
            .filter_map(|&i| readings[i].casualties.killed.as_ref().map(|k| k.value))
            .max()
    };
    match (killed(village), killed(town)) {
        (None, Some(_)) => true,
        (Some(v), Some(t)) => v == t,
        (None, None) => town_is_area,
        (Some(_), None) => false,
    }
}

/// Whether some phrase naming `place` qualifies the location `target` ("X بريف Y").
fn qualifies_place(locations: &[Location], place: crate::model::PlaceIdx, target: usize) -> bool {
    let target_place = locations[target].place;
    locations.iter().any(|l| {
        l.place == place
            && l.qualifies
                .is_some_and(|q| locations[q].place == target_place)
    })
}

fn agree(readings: &[Reading], a: &Draft, b: &Draft) -> bool {
    let dates = |d: &Draft| -> Vec<NaiveDate> {
        d.readings
            .iter()
            .filter_map(|&i| readings[i].date.as_ref().map(|x| x.date))
            .collect()
    };
    let killed = |d: &Draft| {
        d.readings
            .iter()
            .filter_map(|&i| readings[i].casualties.killed.as_ref().map(|k| k.value))
            .max()
    };
    let (da, db) = (dates(a), dates(b));
    let same_day = da.iter().any(|x| db.contains(x));
    let dates_ok = da.is_empty() || db.is_empty() || same_day;
    // On a stated common day, a region's vaguer toll does not make it another incident.
    let killed_ok = same_day
        || match (killed(a), killed(b)) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        };
    dates_ok && killed_ok
}

/// The dead a draft's sentences count themselves: their largest count that is not a running
/// total.
fn own_dead(readings: &[Reading], d: &Draft) -> u32 {
    d.readings
        .iter()
        .filter_map(|&i| readings[i].casualties.killed.as_ref())
        .filter(|c| !c.running_total)
        .map(|c| c.value)
        .max()
        .unwrap_or(0)
}

/// A running total as large as the draft's own dead and the dead of the article's other
/// incidents together ("ليرتفع عدد القتلى إلى 10" after incidents of 2, 2 and 6 dead) sums
/// them all: it is not this incident's toll.
fn sums_other_incidents(c: &numbers::Count, own: Option<u32>, others_dead: u32) -> bool {
    c.running_total && others_dead > 0 && own.is_some_and(|own| c.value >= own + others_dead)
}

fn build_event(
    gaz: &Gazetteer,
    article: &Article,
    readings: &[Reading],
    d: &Draft,
    loc: &Location,
    others_dead: u32,
) -> Event {
    let rs: Vec<&Reading> = d.readings.iter().map(|&i| &readings[i]).collect();
    let class = if d.movement {
        rs.iter().find_map(|r| r.movement.clone())
    } else if d.strike {
        Some(types::Classification {
            event_type: EventType::ExplosionsRemoteViolence,
            sub_event_type: SubEventType::AirDroneStrike,
            disorder_type: DisorderType::PoliticalViolence,
            trigger: 0..0,
        })
    } else {
        draft_class(&rs)
    };
    // A strike split off a ground attack's sentence does not take the attack's toll.
    let counted: Vec<&Reading> = rs
        .iter()
        .copied()
        .filter(|r| !d.strike || r.class.as_ref().is_some_and(is_air_strike))
        .collect();
    // "No one was hurt" is about other people when another sentence tells of the hurt.
    let killed_told = counted.iter().any(|r| r.casualties.killed_told);
    let injured_told = counted.iter().any(|r| r.casualties.injured_told);
    let mut killed: Vec<&numbers::Count> = counted
        .iter()
        .filter_map(|r| r.casualties.killed.as_ref())
        .filter(|c| c.value > 0 || !killed_told)
        .collect();
    let own = killed
        .iter()
        .filter(|c| !c.running_total)
        .map(|c| c.value)
        .max();
    killed.retain(|c| !sums_other_incidents(c, own, others_dead));
    let injured = counted
        .iter()
        .filter_map(|r| r.casualties.injured.as_ref().map(|c| c.value))
        .filter(|&n| n > 0 || !injured_told)
        .max();
    // The largest count told is the toll; its hedge ("more than 20") gives the spread.
    let toll = killed.iter().max_by_key(|c| c.value);
    let fatalities = toll.map(|c| c.value).unwrap_or(0);
    let low = toll.map(|c| c.low);
    let high = toll.and_then(|c| c.high);
    let date = rs.iter().find_map(|r| r.date.clone());
    // The first sentence that names an attacker gives both sides; failing that, the first
    // that names anyone ("قتل ثلاثة من جامعي الكمأ بانفجار لغم": the victims alone).
    let sides = rs
        .iter()
        .find(|r| r.actors.0.is_some())
        .or_else(|| rs.iter().find(|r| r.actors.1.is_some()));
    let (mut actor1, mut actor2, mut inter1, mut inter2) = sides
        .map(|r| {
            (
                r.actors.0.clone(),
                r.actors.1.clone(),
                r.inters.0,
                r.inters.1,
            )
        })
        .unwrap_or((None, None, None, None));
    // A side the chosen sentence leaves out is taken from another sentence of the event that
    // names it on the other side ("… قتل عنصر من قوات النظام. وكان عناصر التنظيم قد هاجموا …").
    if actor1.is_none() {
        let acting = rs.iter().map(|r| (&r.actors.0, r.inters.0));
        if let Some((a, i)) = other_side(acting, actor2.as_deref()) {
            (actor1, inter1) = (Some(a), i);
        }
    }
    if actor2.is_none() {
        // A sentence's actor2, or its actor1 when it names one side only.
        let named = rs.iter().map(|r| match &r.actors.1 {
            Some(_) => (&r.actors.1, r.inters.1),
            None => (&r.actors.0, r.inters.0),
        });
        if let Some((a, i)) = other_side(named, actor1.as_deref()) {
            (actor2, inter2) = (Some(a), i);
        }
    }
    // A side none of the event's sentences names is taken from the sentence just before it,
    // which its report goes on from («شن داعش هجمات على مواقع النظام. وترافق ذلك مع قصف من
    // قبل الطيران الروسي»): that sentence's actor1, or either of its sides for a missing actor2.
    // A strike split off a ground attack keeps its unnamed aircraft.
    let before = d.readings.iter().min().and_then(|&i| i.checked_sub(1));
    if let Some(r) = before.map(|i| &readings[i]).filter(|r| !r.title) {
        if actor1.is_none() && actor2.is_some() && !d.strike {
            let acting = std::iter::once((&r.actors.0, r.inters.0));
            if let Some((a, i)) = other_side(acting, actor2.as_deref()) {
                (actor1, inter1) = (Some(a), i);
            }
        } else if actor2.is_none() && actor1.is_some() {
            let named = [(&r.actors.1, r.inters.1), (&r.actors.0, r.inters.0)];
            if let Some((a, i)) = other_side(named.into_iter(), actor1.as_deref()) {
                (actor2, inter2) = (Some(a), i);
            }
        }
    }
    let (assoc_actor_1, assoc_actor_2) = actors::associates(
        actor1.as_deref(),
        actor2.as_deref(),
        rs.iter().flat_map(|r| r.named.iter().map(String::as_str)),
    );
    let p = gaz.place(loc.place);
    let evidence: Vec<Evidence> = rs
        .iter()
        .map(|r| Evidence {
            article_id: article.id.clone(),
            text: article.text[r.range.clone()].to_string(),
            start: r.range.start,
            end: r.range.end,
        })
        .collect();
    let (event_type, sub_event_type, disorder_type) = match &class {
        Some(c) => (c.event_type, c.sub_event_type, c.disorder_type),
        None => (
            EventType::Battles,
            SubEventType::ArmedClash,
            DisorderType::PoliticalViolence,
        ),
    };
    let mut event = Event {
        event_id: String::new(),
        date: date.as_ref().map(|d| d.date),
        time_precision: date.as_ref().map(|d| d.precision).unwrap_or(1),
        date_source: date.as_ref().map(|_| DateSource::Text),
        event_type,
        sub_event_type,
        disorder_type,
        actor1,
        assoc_actor_1,
        inter1,
        actor2,
        assoc_actor_2,
        inter2,
        fatalities,
        fatalities_low: low.filter(|l| *l != fatalities || high.is_some()),
        fatalities_high: high,
        fatalities_unknown: toll.is_none() && killed_told,
        injured,
        gazetteer_id: p.id.clone(),
        location: p.name_en.clone(),
        location_ar: p.name_ar.clone(),
        location_text: loc.text.clone(),
        admin1: p.admin1.clone(),
        admin2: p.admin2.clone(),
        coords: loc.coords.clone(),
        geo_precision: loc.precision,
        sources: vec![Source {
            article_id: article.id.clone(),
            outlet: article.outlet.clone(),
            url: article.url.clone(),
        }],
        evidence,
        confidence: confidence(loc, class.is_some(), rs.len()),
        location_reasons: loc.reasons.clone(),
        place_ids: Vec::new(),
        merged_because: None,
        target: None,
    };
    if loc.shape == Shape::Road && event.coords.len() >= 2 {
        event.geo_precision = 2;
    }
    event
}

/// The first of the event's sentences' actors (with their inter codes) that is not `other`
/// and not its ally: the missing side of an event whose chosen sentence names one side only.
fn other_side<'r>(
    named: impl Iterator<Item = (&'r Option<String>, Option<u8>)>,
    other: Option<&str>,
) -> Option<(String, Option<u8>)> {
    let other_side = other.and_then(actors::side_of);
    named
        .filter_map(|(name, inter)| Some((name.as_deref()?, inter)))
        .find(|&(name, _)| {
            let ally = other_side.is_some() && actors::side_of(name) == other_side;
            Some(name) != other && !ally
        })
        .map(|(name, inter)| (name.to_string(), inter))
}

/// An event's coding: its first coded sentence's, except that a mine or IED told anywhere in
/// the event wins over an unspecific attack ("استهداف حافلة بعبوة ناسفة") as long as no
/// sentence tells of ground fighting.
fn draft_class(rs: &[&Reading]) -> Option<types::Classification> {
    let first = rs.iter().find_map(|r| r.class.clone())?;
    let ied = rs.iter().find_map(|r| {
        r.class
            .clone()
            .filter(|c| c.sub_event_type == SubEventType::RemoteExplosive)
    });
    let fighting = rs.iter().any(|r| r.class.is_some() && r.fighting);
    match ied {
        Some(c) if first.event_type == EventType::Battles && !fighting => Some(c),
        _ => Some(first),
    }
}

fn confidence(loc: &Location, classified: bool, sentences: usize) -> f64 {
    let mut c = loc.confidence * if classified { 0.9 } else { 0.5 };
    if sentences > 1 {
        c = (c + 0.05).min(1.0);
    }
    (c * 100.0).round() / 100.0
}

/// Events with no date phrase of their own take the nearest date stated before them in the
/// article, else the publication date.
fn backfill_dates(events: &mut [Event], readings: &[Reading], article: &Article) {
    for e in events.iter_mut() {
        if e.date.is_some() {
            continue;
        }
        let first = e.evidence.first().map(|ev| ev.start).unwrap_or(0);
        let earlier = readings
            .iter()
            .rev()
            .filter(|r| r.range.start < first && !r.title && r.class.is_some())
            .find_map(|r| r.date.as_ref());
        match earlier {
            Some(d) => {
                e.date = Some(d.date);
                e.time_precision = d.precision;
                e.date_source = Some(DateSource::Text);
            }
            None => {
                e.date = article.published;
                e.time_precision = 1;
                e.date_source = article.published.and(article.published_from);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    /// Sentences strung from the phrases of every list, behind clitics and the article, so
    /// that phrases of different lists overlap and touch.
    fn sentences_of_every_list() -> Vec<String> {
        let words: Vec<&str> = List::ALL
            .iter()
            .flat_map(|l| l.phrases().0)
            .map(|p| p.trim_end_matches('*'))
            .collect();
        let prefixes = ["", "و", "بال", "لل", "ال", "وب"];
        words
            .chunks(7)
            .enumerate()
            .map(|(i, chunk)| {
                let parts: Vec<String> = chunk
                    .iter()
                    .enumerate()
                    .map(|(j, w)| format!("{}{w}", prefixes[(i + j) % prefixes.len()]))
                    .collect();
                parts.join(if i % 2 == 0 { " " } else { " في " })
            })
            .collect()
    }

    #[test]
    fn one_pass_finds_what_each_list_alone_finds() {
        let alone: Vec<Lexicon> = List::ALL
            .iter()
            .map(|l| {
                let (phrases, article) = l.phrases();
                Lexicon::lists(&[(&phrases[..], article)])
            })
            .collect();
        let sentences = sentences_of_every_list();
        assert!(sentences.len() > 50);
        let mut hits = 0;
        for text in &sentences {
            let folded = fold_with_offsets(text);
            let s = Sentence::new(text, &folded);
            for (l, lexicon) in List::ALL.iter().zip(&alone) {
                let spans = |hits: Vec<Hit>| -> Vec<(usize, Range<usize>)> {
                    hits.into_iter().map(|h| (h.entry, h.range)).collect()
                };
                let (together, apart) = (s.found(*l), lexicon.find(&s.folded.text));
                hits += apart.len();
                assert_eq!(spans(together), spans(apart), "{l:?} in {text}");
            }
        }
        assert!(hits > 300, "{hits} hits");
    }

    #[test]
    fn a_sequel_sentence_is_read_from_its_cut_word() {
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

    #[test]
    fn the_preposition_bi_is_told_from_place_nouns() {
        let at = |s: &str| {
            let t = fold(s);
            joined_by_bi(&t, 0)
        };
        assert!(at("بدير الزور"));
        assert!(at("ببلدة السخنة"));
        assert!(!at("بلدة السخنة"));
        assert!(!at("بادية تدمر"));
        assert!(!at("دير الزور"));
    }

    #[test]
    fn lists_are_in_index_order() {
        for (i, l) in List::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i);
        }
    }
}
