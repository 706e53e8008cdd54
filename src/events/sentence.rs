//! One sentence read: folded and split into words once for all the readers ([`Sentence`],
//! with the phrases of every [`List`] found in one pass), then read into a [`Reading`] of
//! what they find in it (its coding, tolls, date, actors, target and named victims) and of
//! how it opens (a reminder, a habit, the recall of an earlier incident, another matter, an
//! elaboration, the incident named again). Assembling an event reads only these findings.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use chrono::NaiveDate;

use super::lexicon::{self, Hit, Lexicon};
use super::{actors, dates, numbers, numwords, segment, targets, types, victims};
use crate::model::DayOfMonth;
use crate::normalize::{fold_with_offsets, Folded};
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

    /// Every phrase of `list` in the sentence, overlapping ones included.
    pub(crate) fn found_all(&self, list: List) -> impl Iterator<Item = &Hit> {
        self.all_hits()
            .iter()
            .filter(move |h| h.list == list as usize)
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
    /// Distinctive targets ([`targets`]), which may take the article.
    Targets,
    /// The cues a victim's name follows ([`victims`]), which may take the article.
    NameCues,
}

impl List {
    /// Every list, in the order of their indexes.
    const ALL: [List; 9] = [
        List::Cues,
        List::Period,
        List::Span,
        List::Total,
        List::Reinforcements,
        List::Combatants,
        List::Actors,
        List::Targets,
        List::NameCues,
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
            List::Targets => (targets::phrases(), true),
            List::NameCues => (victims::cue_phrases(), true),
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

/// A sentence read for incidents (the default: one that tells nothing).
#[derive(Default)]
pub(super) struct Reading {
    pub(super) range: Range<usize>,
    pub(super) class: Option<types::Classification>,
    pub(super) statistics: bool,
    pub(super) casualties: numbers::Casualties,
    pub(super) date: Option<dates::DateRef>,
    /// The day and month it writes when its page has no date to read them against
    /// ([`dates::day_of_month_in`]).
    pub(super) day_of_month: Option<DayOfMonth>,
    pub(super) actors: (Option<String>, Option<String>),
    pub(super) inters: (Option<u8>, Option<u8>),
    /// Every actor it names, in order: the event's associated actors come from these.
    pub(super) named: Vec<String>,
    pub(super) title: bool,
    /// Forces brought up, no violence told: a Strategic development where they went.
    pub(super) movement: Option<types::Classification>,
    /// It tells air strikes of its own ([`types::tells_air_strike`]).
    pub(super) air_strike: bool,
    /// It tells fighting between two sides or an ambush ([`types::tells_fighting`]).
    pub(super) fighting: bool,
    /// It opens as a reminder or a habit ([`opens_reminder`]).
    pub(super) reminder: bool,
    /// It opens as the recall of an earlier incident ([`opens_recall`]).
    pub(super) recall: bool,
    /// It opens with a verb of telling («وقال المرصد إن …»: [`opens_account`]).
    pub(super) account: bool,
    /// It is an account that calls its incident another («عبوة أخرى», «اشتباكات مماثلة»:
    /// `another_word`).
    pub(super) another: bool,
    /// It is a line of a tally ([`segment::is_tally_item`]).
    pub(super) tally_item: bool,
    /// It is an item of a list ([`segment::list_item`]): each tells its own matter.
    pub(super) list_item: bool,
    /// It opens on another matter than the sentence before it ([`opens_other_matter`]).
    pub(super) other_matter: bool,
    /// It opens by telling how the incident just reported happened ([`opens_elaboration`]).
    pub(super) elaboration: bool,
    /// It names an incident with the article, as one told before ([`types::refers_back`]).
    pub(super) refers_back: bool,
    /// It names an incident or its dead with the article ([`types::refers_back_or_to_victims`]).
    pub(super) refers_back_or_to_victims: bool,
    /// The most specific target it names ([`targets::target_in`]).
    pub(super) target: Option<targets::Target>,
    /// The names of the victims it names, each once, in order ([`victims::names_in`]).
    pub(super) victims: Vec<String>,
}

/// Reads the part `range` of the article `text` (folded as `folded`) for incidents; a title
/// is not read.
pub(super) fn read_sentence(
    text: &str,
    folded: &Folded,
    range: Range<usize>,
    published: Option<NaiveDate>,
    latest_year: Option<i32>,
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
    // Dates, actors, targets, victims and openings are read only where an incident can take
    // them: a sentence that codes no incident, moves no forces and counts no victims only
    // ends the last incident.
    let telling = coding.class.is_some()
        || coding.movement.is_some()
        || casualties.killed.is_some()
        || casualties.injured.is_some();
    let (date, day_of_month, actors, inters, named) = if telling {
        // Names used for the state before and after December 2024 are dated by the article.
        let read = actors::read_in(&s, published);
        let (a1, a2) = read.sides.clone();
        let inter_of = |name: &Option<String>| {
            name.as_ref()
                .and_then(|n| read.mentions.iter().find(|a| &a.name == n).map(|a| a.inter))
        };
        let inters = (inter_of(&a1), inter_of(&a2));
        let named = read.mentions.iter().map(|m| m.name.clone()).collect();
        let date = dates::date_in(&s, published, latest_year);
        let undated = date.is_none() && published.is_none();
        let day_of_month = undated.then(|| dates::day_of_month_in(&s)).flatten();
        (date, day_of_month, (a1, a2), inters, named)
    } else {
        (None, None, (None, None), (None, None), Vec::new())
    };
    let mut reading = Reading {
        class: coding.class,
        statistics: coding.statistics,
        movement: coding.movement,
        air_strike: coding.air_strike,
        fighting: coding.fighting,
        casualties,
        date,
        day_of_month,
        actors,
        inters,
        named,
        reminder: opens_reminder(&s.folded.text),
        recall: opens_recall(&s.folded.text),
        tally_item: segment::is_tally_item(s.text),
        list_item: segment::list_item(s.text).is_some(),
        range,
        title,
        // A sentence that only places the incident it names again («ووقع الانفجار قرب …»)
        // tells none of its own, yet places a lead told with no place.
        refers_back: coding.refers_back,
        ..Reading::default()
    };
    if telling {
        reading.other_matter = opens_other_matter(&s.folded.text);
        reading.account = opens_account(&s.folded.text);
        // Asked only of a source's account, the one reading that needs it.
        reading.another = reading.account && s.folded.text.split(' ').any(|w| ANOTHER.contains(w));
        reading.elaboration = opens_elaboration(&s);
        reading.refers_back_or_to_victims = coding.refers_back_or_to_victims;
        reading.target = targets::target_in(&s);
        reading.victims = victims::names_in(&s);
    }
    reading
}

/// Openers of a sentence that turns to another matter («وفي سياق آخر», «من جهة أخرى»):
/// `other_matter` of data/rules/places.csv, folded.
static OTHER_MATTER: LazyLock<Openers> =
    LazyLock::new(|| Openers::new(rules::folded("other_matter")));

/// Whether a folded sentence opens (with or without و) on another matter than the one before
/// it: the sentence before tells another incident, whose sides are not this one's.
fn opens_other_matter(folded: &str) -> bool {
    let t = crate::clitics::without_and(folded.trim_start());
    OTHER_MATTER
        .opening(t)
        .any(|o| t[o.len()..].starts_with(' '))
}

/// Openers of a sentence that tells how the incident just reported happened ("حيث"):
/// `elaboration_opener` of `data/rules/places.csv`.
static ELABORATION_OPENERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("elaboration_opener"));

/// "حيث هاجم مسلحون … على الطريق الواصل بين الكوم والسخنة": a sentence whose first word as
/// written is حيث tells how the incident just reported happened, wherever exactly it places
/// it. A word that folds to an opener opens the folded sentence too, so the folded first word
/// is asked first and the word as written is folded only when that one is an opener.
fn opens_elaboration(s: &Sentence) -> bool {
    let opener = |w: &str| ELABORATION_OPENERS.contains(crate::clitics::without_and(w));
    let folded_first = first_word(&s.folded.text);
    opener(folded_first) && {
        let first = s.text.split_whitespace().next().unwrap_or("");
        opener(&crate::normalize::fold(first))
    }
}

/// The openers of one list, folded, with the letters they begin with. Every sentence is
/// asked whether it opens with one of several lists' openers, and most begin with a letter
/// none of a list's does: they are answered without comparing a single opener.
struct Openers {
    openers: Vec<String>,
    /// Bit [`Openers::first`] of each opener's first letter.
    firsts: u64,
}

impl Openers {
    fn new(openers: Vec<String>) -> Openers {
        let firsts = openers.iter().fold(0, |m, o| m | Openers::first(o));
        Openers { openers, firsts }
    }

    /// The bit of a text's first character: its first byte when that is the whole
    /// character, else its second (the one that tells Arabic letters apart).
    fn first(text: &str) -> u64 {
        let b = text.as_bytes();
        let key = match b.first() {
            Some(&c) if c >= 0x80 => b.get(1).copied().unwrap_or(c),
            first => first.copied().unwrap_or(0),
        };
        1 << (key % 64)
    }

    /// The openers `text` opens with, in order.
    fn opening<'o>(&'o self, text: &'o str) -> impl Iterator<Item = &'o str> + 'o {
        let maybe = self.firsts & Openers::first(text) != 0;
        let openers = if maybe { &self.openers[..] } else { &[] };
        openers
            .iter()
            .map(String::as_str)
            .filter(move |o| text.starts_with(o))
    }
}

/// The first word of a folded sentence (words are parted by single spaces). Every sentence
/// is asked for it several times: a scan of its few bytes costs less than a string searcher.
fn first_word(folded: &str) -> &str {
    let end = folded
        .bytes()
        .position(|b| b == b' ')
        .unwrap_or(folded.len());
    &folded[..end]
}

/// Words that call an incident another than one told (`another_word`).
static ANOTHER: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("another_word"));
/// Whether a folded sentence opens, with or without و, with a verb of telling («وقال المرصد
/// إن …», «وأفادت مصادر محلية بأن …»): a source's account.
fn opens_account(folded: &str) -> bool {
    let first = first_word(folded);
    super::place::SPEECH_VERBS.contains(crate::clitics::without_and(first))
}

/// Openers of the recall of an earlier incident ("وسبق أن قتل …", "وكان قتل أربعة عناصر …
/// في 7 آب"), folded (`recall_opener`).
static RECALL_OPENERS: LazyLock<Openers> = LazyLock::new(|| {
    Openers::new(
        rules::active()
            .words("recall_opener")
            .map(|o| format!("{o} "))
            .collect(),
    )
});

/// Whether a folded sentence opens as the recall of an earlier incident: an incident it
/// tells is another one than the incidents told before it, even at the same place.
fn opens_recall(folded: &str) -> bool {
    let unjoined = crate::clitics::without_and(folded);
    RECALL_OPENERS.opening(unjoined).next().is_some()
}

/// Openers of a reminder of what is generally known ("ويذكر أن عناصر التنظيم لا يزالون
/// …"), folded: background unless the sentence names the day or counts victims.
static REMINDER_OPENERS: LazyLock<Openers> =
    LazyLock::new(|| Openers::new(rules::folded("reminder_opener")));
/// Verbs that open a habit ("تشهد المنطقة …"): `habit_opener` of `data/rules/places.csv`.
static HABIT_OPENERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("habit_opener"));

/// Whether a folded sentence opens as a reminder or a habit ("ويذكر أن …", "تشهد …").
fn opens_reminder(folded: &str) -> bool {
    let first = first_word(folded);
    let unjoined = crate::clitics::without_and(folded);
    let reminder = REMINDER_OPENERS.opening(unjoined).next().is_some();
    reminder || HABIT_OPENERS.contains(crate::clitics::without_and(first))
}

/// A sentence firm enough to place an incident in a whole region: it counts victims or
/// names the day.
pub(super) fn is_firm(r: &Reading) -> bool {
    has_casualties(r) || r.date.as_ref().is_some_and(|d| d.precision == 1)
}

pub(super) fn has_casualties(r: &Reading) -> bool {
    r.casualties.killed.is_some() || r.casualties.injured.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn every_phrase_of_the_rules_is_read_a_byte_per_letter() {
        // A phrase with a letter outside U+0600 to U+067F would make every sentence be read
        // on its folded bytes, twice the steps (see `lexicon::narrow`).
        assert!(sentence_lexicon().reads_narrowed());
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
    fn lists_are_in_index_order() {
        for (i, l) in List::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i);
        }
    }
}
