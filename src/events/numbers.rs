//! Casualty counts in Arabic phrases. One sentence comes in, as written; out come the killed,
//! injured, captured and missing it reports, each with the figure ACLED would code, the spread
//! a hedge implies and the byte span of the phrase in the sentence.
//!
//! The sentence is folded once (see [`crate::normalize`]) so that hamza forms, ta marbuta,
//! diacritics, tatweel and Arabic-Indic digits need no special cases here. A number counts
//! only when it quantifies people next to a casualty word: "مقتل 17 عنصراً", "17 قتيلاً",
//! "وإصابة أكثر من 30 آخرين". Numbers of units ("الفرقة 25"), outlets ("البادية 24"), dates,
//! durations ("48 ساعة"), distances ("25 كم"), ages ("30 عاماً") and things ("3 سيارات")
//! are skipped.
//!
//! Coding rules, after ACLED's conservative practice:
//!
//! | text | value | low | high |
//! |---|---|---|---|
//! | "17" | 17 | 17 | 17 |
//! | "أكثر من 30"، "ما لا يقل عن 20"، "20 على الأقل" | N | N | none |
//! | "نحو/حوالي/قرابة/زهاء 21" | N | N | none |
//! | "بين 10 و15"، "10 إلى 15" | 10 | 10 | 15 |
//! | dual ("قتيلين"، "عنصران") | 2 | 2 | 2 |
//! | singular after a casualty word ("مقتل عنصر"، "وجرح ثالث") | 1 | 1 | 1 |
//!
//! Vague quantities are marked [`Count::vague`] so a caller can prefer an exact figure:
//!
//! | text | value | why |
//! |---|---|---|
//! | "عشرات" | 10 | literally "tens"; ACLED codes "tens" 10 ("dozens" would be 12) |
//! | "دزينة" | 12 | "a dozen" |
//! | "مئات" | 100 | ACLED codes "hundreds" 100 |
//! | "آلاف" | 1000 | likewise |
//! | "عدد من"، "عدة"، "بعض"، plural without a number | no count | a wrong count is worse than none |
//! | "أقل من 10" | no count | no conservative figure to code |
//! | "دون وقوع إصابات"، "ولم يسفر القصف عن أي ضحايا" | 0 | a denial of harm (a verb of outcome after the denial), unless the sentence tells of the harmed elsewhere |
//! | "ولم تذكر المصادر إصابات"، "لم تعرف حصيلة القتلى" | no count | a denial of knowledge |
//!
//! Several figures for one category in a sentence are summed when they are separate groups
//! ("مقتل 21 عنصراً … بينما قتل 13 من التنظيم" = 34, "4 عسكريين و26 من الدفاع الوطني" = 30),
//! but a part of a group is not added to it ("مقتل 5 عناصر بينهم قيادي" = 5). A figure for
//! killed and injured together ("قتلى وجرحى"، "بين قتيل وجريح"، "مقتل وإصابة ستة") or killed
//! and captured together ("قتل وأسر 13") goes to [`Casualties::combined`]: ACLED leaves
//! the dead unknown then.
//!
//! The words are the lists of `data/rules/casualties.csv` ([`crate::rules`]); the particles
//! «من», «إلى», «بين», «حتى», «أو», «لـ» stay in code, as the grammar of figures and ranges
//! the reader is built on.

use std::ops::Range;
use std::sync::LazyLock;

use super::numwords::{number_words, read_number, token_range, tokens, Read, Token};
use super::Sentence;
use crate::clitics::{self, Forms};
use crate::gazetteer::FastMap;
use crate::normalize::{fold, fold_with_offsets, Folded};
use crate::rules::{self, WordSet};

/// A count read from the text, with the spread a hedge implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// The figure ACLED would code (the conservative one).
    pub value: u32,
    /// Lower and upper bounds when the text gives a range or a hedge.
    pub low: u32,
    /// Upper bound: equal to `value` for an exact figure, `None` when open ("أكثر من").
    pub high: Option<u32>,
    /// Byte range of the phrase in the sentence as written.
    pub span: Range<usize>,
    /// The figure stands for a vague quantity ("عشرات", "مئات"); see the module table.
    pub vague: bool,
    /// The count is a running total ("ليرتفع عدد القتلى إلى 10"), which may sum several
    /// incidents told before it.
    pub running_total: bool,
}

/// Casualties reported in one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Casualties {
    pub killed: Option<Count>,
    pub injured: Option<Count>,
    pub captured: Option<Count>,
    pub missing: Option<Count>,
    /// A figure covering the killed together with the injured or captured ("25 بين قتيل
    /// وجريح"); the killed are then unknown.
    pub combined: Option<Count>,
    /// The sentence tells of the killed, counted or not ("قتل عناصر"): a casualty word outside
    /// a denial. Another sentence's "no one was killed" is then about other people.
    pub killed_told: bool,
    /// The same for the injured ("وأصيب آخرون بجروح").
    pub injured_told: bool,
}

/// Reads the casualties a sentence reports.
///
/// ```
/// use badia::events::numbers::casualties;
/// let c = casualties("قتل 17 عنصراً من قوات النظام وأصيب أكثر من 30 آخرين");
/// assert_eq!(c.killed.map(|k| k.value), Some(17));
/// assert_eq!(c.injured.map(|k| (k.value, k.high)), Some((30, None)));
/// ```
pub fn casualties(sentence: &str) -> Casualties {
    Sentence::read(sentence, casualties_in)
}

/// [`casualties`] for a sentence already folded.
pub(crate) fn casualties_in(s: &Sentence) -> Casualties {
    let (folded, sentence) = (s.folded, s.text);
    let toks = s.words();
    let reader = Reader::new(toks, folded, sentence);
    let phrases = reader.phrases();
    let mut out = Casualties::default();
    for cat in [
        Cat::Killed,
        Cat::Injured,
        Cat::Captured,
        Cat::Missing,
        Cat::Combined,
    ] {
        let mine: Vec<&Phrase> = phrases.iter().filter(|p| p.cat == cat).collect();
        let count = total(&mine, toks, folded, sentence);
        match cat {
            Cat::Killed => out.killed = count,
            Cat::Injured => out.injured = count,
            Cat::Captured => out.captured = count,
            Cat::Missing => out.missing = count,
            Cat::Combined => out.combined = count,
        }
    }
    // "دون وقوع إصابات": no one hurt is a count of 0, when nothing of the kind is counted.
    let denied_killed = reader.denied(Cat::Killed);
    let denied_injured = reader.denied(Cat::Injured);
    out.killed_told = reader.tells(Cat::Killed, [&denied_killed, &denied_injured]);
    out.injured_told = reader.tells(Cat::Injured, [&denied_killed, &denied_injured]);
    if out.killed.is_none() && !out.killed_told {
        out.killed = denied_killed.and_then(|r| zero(r, toks, folded, sentence));
    }
    if out.injured.is_none() && !out.injured_told {
        out.injured = denied_injured.and_then(|r| zero(r, toks, folded, sentence));
    }
    out
}

/// A count of none over tokens `range` ("ولم يسفر الهجوم عن إصابات").
fn zero(range: Range<usize>, toks: &[Token<'_>], folded: &Folded, text: &str) -> Option<Count> {
    let bytes = token_range(toks, range.start, range.end)?;
    Some(Count {
        value: 0,
        low: 0,
        high: Some(0),
        span: original(folded, bytes, text),
        vague: false,
        running_total: false,
    })
}

/// Reads a number (digits in either script, or words) at the start of `text`, after any
/// leading spaces or punctuation; returns its value and byte range in `text`.
///
/// ```
/// use badia::events::numbers::parse_number;
/// assert_eq!(parse_number("ثلاثة عشر عنصراً").map(|(v, _)| v), Some(13));
/// assert_eq!(parse_number("١٧ قتيلاً"), Some((17, 0.."١٧".len())));
/// assert_eq!(parse_number("عناصر"), None);
/// ```
pub fn parse_number(text: &str) -> Option<(u32, Range<usize>)> {
    let folded = fold_with_offsets(text);
    let toks = tokens(&folded.text);
    let read = read_number(&toks, 0)?;
    let range = token_range(&toks, 0, read.len)?;
    Some((read.value, original(&folded, range, text)))
}

/// Every number in `text` (digits or words), with its byte range, in order.
///
/// ```
/// use badia::events::numbers::find_numbers;
/// let found: Vec<u32> = find_numbers("مقتل 4 جنود وخمسة وعشرين مدنياً").into_iter().map(|(v, _)| v).collect();
/// assert_eq!(found, vec![4, 25]);
/// ```
pub fn find_numbers(text: &str) -> Vec<(u32, Range<usize>)> {
    let folded = fold_with_offsets(text);
    let toks = tokens(&folded.text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match read_number(&toks, i) {
            Some(read) => {
                if let Some(range) = token_range(&toks, i, i + read.len) {
                    out.push((read.value, original(&folded, range, text)));
                }
                i += read.len.max(1);
            }
            None => i += 1,
        }
    }
    out
}

/// The category a phrase is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Killed,
    Injured,
    Captured,
    Missing,
    /// Killed together with injured or captured.
    Combined,
}

/// What a hedge says about the figure after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hedge {
    /// "أكثر من", "ما لا يقل عن": the figure is a floor.
    AtLeast,
    /// "نحو", "حوالي": approximate, coded as the figure itself.
    About,
    /// "أقل من": a ceiling, which gives nothing to code.
    LessThan,
    /// "بين": a range follows.
    Between,
}

/// A figure attached to a category, as token indices.
#[derive(Debug, Clone)]
struct Phrase {
    cat: Cat,
    value: u32,
    low: u32,
    high: Option<u32>,
    vague: bool,
    /// Tokens `start..end` of the phrase, hedge and counted noun included.
    start: usize,
    end: usize,
    /// The figure is a running total ("ارتفعت الحصيلة إلى 20"), not one more group.
    running_total: bool,
    /// What the figure counts, as read from the noun after it.
    noun: Noun,
}

impl Phrase {
    /// An exact count of `value` at tokens `start..end`, one more group (no running total).
    fn exact(cat: Cat, value: u32, start: usize, end: usize, noun: Noun) -> Phrase {
        Phrase {
            cat,
            value,
            low: value,
            high: Some(value),
            vague: false,
            start,
            end,
            running_total: false,
            noun,
        }
    }
}

/// What the noun after a figure says it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Noun {
    /// A casualty noun ("قتيلاً"): the category is known.
    Casualty,
    /// People ("عنصراً", "من العسكريين", "آخرين"): the category comes from a casualty word.
    People,
    /// Nothing telling: counts only right after a casualty word ("مقتل 3").
    Unknown,
}

/// What follows a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// A casualty noun: "17 قتيلاً", "30 جريحاً", "15 بين قتيل وجريح".
    Casualty(Cat, usize),
    /// People: "17 عنصراً", "30 من العسكريين", "4 جنود".
    People(usize),
    /// "آخرين": more people of the kind just counted.
    Others(usize),
    /// Hours, kilometres, vehicles, months …: not people.
    NotPeople,
    /// Nothing telling.
    Nothing,
}

/// A casualty word in the sentence.
#[derive(Debug, Clone, Copy)]
struct Trigger {
    cat: Cat,
    start: usize,
    end: usize,
}

/// Walks the tokens of one sentence and collects casualty phrases.
struct Reader<'t, 'a> {
    toks: &'t [Token<'a>],
    /// What the word lists say of each token, read once.
    infos: Vec<Info<'a>>,
    /// The number read at each token ([`read_number`], read once).
    numbers: Vec<Option<Read>>,
    triggers: Vec<Trigger>,
    folded: &'t Folded,
    original: &'t str,
}

/// How many words may stand between a casualty word and the count of people it governs
/// ("قُتل وفقاً لتلك المراصد حوالي 21 عنصراً").
const TRIGGER_REACH: usize = 10;

/// How many words may stand between a casualty verb followed by "في" and the count of
/// people it governs, which comes after the place, the incident and its time ("قتل في
/// الهجوم الذي شنته خلايا التنظيم على نقطة قرب الرصافة فجر اليوم 7 عناصر").
const DEFERRED_SUBJECT_REACH: usize = 20;

/// Words after a verb in which its object is looked for ([`Reader::has_object`]).
const OBJECT_WORDS: usize = 4;

/// How many words the side of a group ("من قوات النظام", "في صفوف الميليشيات") may take
/// before a second group joined by "و".
const SIDE_WORDS: usize = 5;

impl<'t, 'a> Reader<'t, 'a> {
    fn new(toks: &'t [Token<'a>], folded: &'t Folded, original: &'t str) -> Self {
        let infos: Vec<Info<'a>> = toks.iter().map(|t| Info::of(t.text, t.forms())).collect();
        // Only a word with a digit or a number word among its forms (the word itself, or the
        // word after a conjunction or preposition) opens a number.
        let numbers = toks
            .iter()
            .zip(&infos)
            .enumerate()
            .map(|(i, (t, info))| {
                let opens = info.has(NUMBER_WORD) || t.digit;
                opens.then(|| read_number(toks, i)).flatten()
            })
            .collect();
        let mut triggers = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match trigger_at(toks, &infos, i) {
                Some((cat, len)) => {
                    triggers.push(Trigger {
                        cat,
                        start: i,
                        end: i + len,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        Reader {
            toks,
            infos,
            numbers,
            triggers,
            folded,
            original,
        }
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).map(|t| t.text)
    }

    fn info(&self, i: usize) -> Option<&Info<'a>> {
        self.infos.get(i)
    }

    /// The number read at token `i`, as [`read_number`] reads it.
    fn number(&self, i: usize) -> Option<Read> {
        self.numbers.get(i).copied().flatten()
    }

    /// The word at token `i` itself (not another of its forms) is in the lists `flag` stands
    /// for.
    fn is_own(&self, i: usize, flag: u32) -> bool {
        self.info(i).is_some_and(|n| n.own & flag != 0)
    }

    /// Token `i` has a form in the lists `flag` stands for.
    fn has(&self, i: usize, flag: u32) -> bool {
        self.info(i).is_some_and(|n| n.has(flag))
    }

    /// Whether the people at token `i` are who tells, not victims: right after a word of
    /// attribution («بحسب ناشطين», «وأفاد ناشطان بمقتل جندي», «قال مراسلان»).
    fn is_source(&self, i: usize) -> bool {
        i > 0 && self.has(i - 1, SOURCE) && self.has(i, PEOPLE)
    }

    fn phrases(&self) -> Vec<Phrase> {
        let mut out: Vec<Phrase> = Vec::new();
        // The trigger each phrase attached to, to ask for "و" before a second group.
        let mut used: Vec<usize> = Vec::new();
        let mut in_subgroup = false;
        let mut last_trigger_seen: Option<usize> = None;
        // The last people counted with no casualty word of their own, for a pronoun after.
        let mut antecedent: Option<Phrase> = None;
        let mut i = 0;
        while i < self.toks.len() {
            if let Some(t) = self.triggers.iter().position(|t| t.start == i) {
                in_subgroup = false;
                last_trigger_seen = Some(t);
                let after = self.triggers[t].end;
                let trig = self.triggers[t];
                if let Some(p) = self
                    .singular_after(trig)
                    .or_else(|| self.one_after_count(trig, &out))
                    .or_else(|| self.lone_casualty(trig, &out))
                    .or_else(|| self.singular_before(trig, &out))
                    .or_else(|| self.object_after(trig))
                    .or_else(|| self.owner_pronoun(trig, antecedent.as_ref(), &out))
                {
                    used.push(t);
                    i = p.end;
                    if !self.explains_total(trig, p.cat, &out) {
                        out.push(p);
                    }
                    continue;
                }
                i = after;
                continue;
            }
            if self.has(i, SUBGROUP_WORD) {
                in_subgroup = true;
                i += 1;
                continue;
            }
            if let Some((Hedge::LessThan, len)) = self.hedge_at(i) {
                // "أقل من 10": nothing to code, and the number must not be read bare.
                let skip = self.number(i + len).map_or(0, |r| r.len);
                i += len + skip;
                continue;
            }
            let Some(mut p) = self.figure_at(i) else {
                i += 1;
                continue;
            };
            i = p.end.max(i + 1);
            if in_subgroup && p.noun != Noun::Casualty {
                continue;
            }
            in_subgroup = false;
            let attached = self.attach(&p, last_trigger_seen, &used, &out).map(|cat| {
                if self.split_after(p.end) {
                    Cat::Combined
                } else {
                    cat
                }
            });
            let explains = attached.is_some_and(|cat| {
                last_trigger_seen.is_some_and(|t| {
                    let trig = self.triggers[t];
                    trig.start < p.start && self.explains_total(trig, cat, &out)
                })
            });
            // A casualty noun inside the figure ("5 قتلى") governs the groups after it.
            if let Some(t) = self
                .triggers
                .iter()
                .rposition(|t| t.start >= p.start && t.start < p.end)
            {
                last_trigger_seen = Some(t);
                used.push(t);
            }
            match attached {
                Some(cat) => {
                    if let Some(t) = last_trigger_seen {
                        used.push(t);
                    }
                    p.cat = cat;
                    if !explains {
                        out.push(p);
                    }
                }
                None if p.noun == Noun::People => antecedent = Some(p),
                None => {}
            }
        }
        out
    }

    /// "ارتفعت الحصيلة إلى 5 بعد وفاة اثنين من الجرحى": a casualty word after "بعد", "إثر"
    /// gives the cause of a running total of its category counted before it in the sentence,
    /// so its group is inside that total.
    fn explains_total(&self, t: Trigger, cat: Cat, so_far: &[Phrase]) -> bool {
        let after_cause = t
            .start
            .checked_sub(1)
            .is_some_and(|j| self.is_own(j, EXPLAINS));
        after_cause && so_far.iter().any(|p| p.cat == cat && p.running_total)
    }

    /// "دون وقوع إصابات", "ولم يسفر القصف عن أي ضحايا", "دون إصابات": a denial, a verb of
    /// outcome, then within [`DENIAL_REACH`] words of the denial a noun that says no one of
    /// category `cat` was harmed, with no number between and no word that makes it a denial
    /// of knowledge ("لم يتم تحديد عدد الإصابات"); or the noun right after the denial.
    /// Returns the tokens from the denial to the noun.
    fn denied(&self, cat: Cat) -> Option<Range<usize>> {
        let nouns = match cat {
            Cat::Killed => &NO_KILLED,
            Cat::Injured => &NO_INJURED,
            _ => return None,
        };
        (0..self.toks.len())
            .filter(|&i| self.has(i, NEGATION))
            .find_map(|i| {
                // "لم يسفر", "دون وقوع", "دون أن تقع": the verb right after the denial (the
                // particle «أن» before it is grammar and stays code).
                let verb = if self.word(i + 1) == Some("ان") {
                    i + 2
                } else {
                    i + 1
                };
                if let Some(len) = self.phrase_at(verb, nouns) {
                    return Some(i..verb + len);
                }
                if !self.has(verb, HARM_OUTCOME) {
                    return None;
                }
                for k in verb + 1..=i + DENIAL_REACH {
                    self.word(k)?;
                    if self.number(k).is_some() || self.has(k, UNKNOWN_TOLL) {
                        return None;
                    }
                    if let Some(len) = self.phrase_at(k, nouns) {
                        return Some(i..k + len);
                    }
                }
                None
            })
    }

    /// A casualty word of category `cat`, or of killed and injured together, outside the
    /// `denials`.
    fn tells(&self, cat: Cat, denials: [&Option<Range<usize>>; 2]) -> bool {
        self.triggers.iter().any(|t| {
            let denied = denials
                .iter()
                .any(|d| d.as_ref().is_some_and(|r| r.contains(&t.start)));
            (t.cat == cat || t.cat == Cat::Combined) && !denied
        })
    }

    /// The length in tokens of the phrase of `list` at token `k`: its first word among the
    /// word's forms, the others as written.
    fn phrase_at(&self, k: usize, list: &[Vec<String>]) -> Option<usize> {
        let info = self.info(k)?;
        list.iter().find_map(|words| {
            let first = info.stems.iter().any(|s| s == words[0]);
            let rest = words[1..]
                .iter()
                .enumerate()
                .all(|(n, want)| self.word(k + 1 + n) == Some(want.as_str()));
            (first && rest).then_some(words.len())
        })
    }

    /// "ما أدى إلى مقتلهما": a casualty word whose owner's pronoun is the count, when nothing
    /// of its category is counted yet: one or two by the pronoun, or for "هم" the people
    /// counted before with no casualty word of their own.
    fn owner_pronoun(
        &self,
        t: Trigger,
        antecedent: Option<&Phrase>,
        so_far: &[Phrase],
    ) -> Option<Phrase> {
        if t.cat == Cat::Combined || so_far.iter().any(|p| p.cat == t.cat) {
            return None;
        }
        let owned = |flag| self.has(t.start, flag);
        // «لمقتله مع مرافقه»: his companions joined to him count with him.
        let (value, low, high, vague) = if owned(OWNER_ONE) {
            let more = self.companions_at(t.end).map_or(0, |(n, _)| n);
            (1 + more, 1 + more, Some(1 + more), false)
        } else if owned(OWNER_TWO) {
            (2, 2, Some(2), false)
        } else if owned(OWNER_MANY) {
            let a = antecedent?;
            (a.value, a.low, a.high, a.vague)
        } else {
            return None;
        };
        Some(Phrase {
            cat: t.cat,
            value,
            low,
            high,
            vague,
            start: t.start,
            end: t.end,
            running_total: false,
            noun: Noun::People,
        })
    }

    /// "أن شخصاً قتل": one person right before a casualty verb, or before its side ("نعت
    /// صفحات موالية عنصراً من الدفاع الوطني قتل بانفجار لغم"), unless a phrase already
    /// counted them ("لقي عنصر حتفه": the person of "لقي" is the owner of "حتفه").
    fn singular_before(&self, t: Trigger, so_far: &[Phrase]) -> Option<Phrase> {
        if t.cat == Cat::Combined || !self.is_own(t.start, HARM_WORD) {
            return None;
        }
        let before = self.person_before(t.start)?;
        if before + 1 < t.start && self.has_object(t.end) {
            return None;
        }
        if so_far.last().is_some_and(|p| p.end > before) {
            return None;
        }
        Some(Phrase::exact(t.cat, 1, before, t.end, Noun::People))
    }

    /// The token of one person right before token `i` when the verb there has no object of
    /// its own ([`Self::has_object`]), or before a side of theirs opened by
    /// «من» or «في» (grammar, as in [`Self::joined_to_previous`]) in the same clause, with
    /// no figure or casualty word in it («بينهم عنصر من الجنسية السورية، كما أصيب» is
    /// another clause).
    fn person_before(&self, i: usize) -> Option<usize> {
        let one = |j: usize| self.info(j).is_some_and(|n| n.has(ONE_PERSON));
        let before = i.checked_sub(1)?;
        if one(before) {
            return Some(before);
        }
        let j = (i.saturating_sub(SIDE_WORDS + 2)..before)
            .rev()
            .take_while(|&j| self.number(j).is_none() && !self.has(j, HARM_WORD))
            .find(|&j| one(j))
            .filter(|&j| self.word(j + 1).is_some_and(|w| matches!(w, "من" | "في")))?;
        (!self.clause_break_between(j, i)).then_some(j)
    }

    /// Whether punctuation that ends a clause stands between tokens `a` and `b` in the text
    /// as written (folding drops it).
    fn clause_break_between(&self, a: usize, b: usize) -> bool {
        let (Some(ta), Some(tb)) = (self.toks.get(a), self.toks.get(b)) else {
            return false;
        };
        let from = self.folded.original_end(ta.end, self.original);
        let to = self.folded.original_start(tb.start);
        self.original
            .get(from..to)
            .is_some_and(|gap| gap.contains(['،', ',', '.', '؛', ';', ':']))
    }

    /// Whether the verb at `i` is told as done before the time of the news («وكانوا قد قتلوا
    /// جندياً في هجوم سابق»): a form of «كان» then «قد» before it. Both stay in code: they
    /// are the grammar of the past perfect, not words of a list.
    fn done_before(&self, i: usize) -> bool {
        let before = |k: usize| i.checked_sub(k).and_then(|j| self.word(j));
        let was = before(2).is_some_and(|w| {
            matches!(
                w.trim_start_matches(['و', 'ف']),
                "كان" | "كانت" | "كانوا" | "كانا"
            )
        });
        was && before(1) == Some("قد")
    }

    /// "أعدم التنظيم شاباً", "قتل مسلحون مجهولون راعياً": one person in the accusative, the
    /// object of a killing, injuring or abducting verb, with its subject of up to three words
    /// between, or none when the verb holds it («وقتلوا جندياً», «واختطفوا راعياً»).
    fn object_after(&self, t: Trigger) -> Option<Phrase> {
        // The verb as written or behind its conjunction («وقتلوا», «فقتلوا»), not behind a
        // preposition.
        let verb = self.word(t.start).is_some_and(|w| {
            let unjoined = w.strip_prefix(['و', 'ف']).unwrap_or(w);
            word_has(w, HARM_WORD) || word_has(unjoined, HARM_WORD)
        });
        let verb = verb || t.cat == Cat::Captured;
        if t.cat == Cat::Combined || !verb || self.done_before(t.start) {
            return None;
        }
        // "قتل مسلحون، مساء أمس الاثنين، راعياً": the words of when do not count against the
        // subject's.
        // "اغتال مسلحون مجهولون يستقلون دراجة نارية شاباً": a clause of how the subject came
        // (`subject_clause`) lengthens it by its own words.
        static CLAUSE: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("subject_clause"));
        let mut subject = 0;
        let mut allowed = SUBJECT_WORDS + 1;
        // Whether the subject is no single person («مسلحون», «مسلحان», «التنظيم»): a single
        // person after it, then, is no word of its own but the object.
        let mut not_one = false;
        for k in t.end.. {
            let w = self.word(k)?;
            if is_when(w) && k < t.end + SUBJECT_WORDS + WHEN_WORDS {
                continue;
            }
            subject += 1;
            let clause = allowed > SUBJECT_WORDS + 1;
            if !clause && subject > 1 && CLAUSE.has_word(w) {
                allowed += SUBJECT_CLAUSE_WORDS;
            }
            if subject > allowed {
                return None;
            }
            if self.number(k).is_some() || self.triggers.iter().any(|tr| tr.start == k) {
                return None;
            }
            let info = self.info(k)?;
            let single = info.has(ONE_PERSON) && !info.has(DUAL_PERSON);
            if subject == 1 {
                not_one = !single || info.has(PEOPLE);
                if !(single && w.ends_with('ا')) {
                    continue;
                }
            }
            // The accusative alif of an indefinite noun marks the object; any other word
            // right after the verb is its subject (a person read by `singular_after`).
            // «يرتدون زياً عسكرياً»: after the subject's clause, an accusative right after
            // another that is no person is that one's adjective, not the victim.
            if single && w.ends_with('ا') {
                if clause && self.is_adjective_of_thing(k) {
                    continue;
                }
                let (value, end) = self.named_list(k + 1);
                return Some(Phrase::exact(t.cat, value, t.start, end, Noun::People));
            }
            // «اغتال مسلحون مختار قرية الطيبة», «قتل مجهولون الشاب محمد»: a single person,
            // bare or with the article only, after a subject that is none, is the object
            // in construct or defined, which takes no accusative alif; not one of the
            // subject's own («قتل مسلحون بينهم قيادي») nor its rank («قتل ضابطان أحدهما
            // برتبة رائد»).
            let bare = word_has(w, ONE_PERSON)
                || w.strip_prefix(clitics::ARTICLE)
                    .is_some_and(|rest| word_has(rest, ONE_PERSON));
            let own = (t.end..k).any(|j| self.has(j, SUBGROUP_WORD | RANK));
            if not_one && single && bare && !own {
                let (value, end) = self.named_list(k + 1);
                return Some(Phrase::exact(t.cat, value, t.start, end, Noun::People));
            }
        }
        None
    }

    /// Whether the accusative at token `k` follows an accusative indefinite noun that is no
    /// person («زياً عسكرياً», «لباساً مدنياً»): the adjective agrees with it.
    fn is_adjective_of_thing(&self, k: usize) -> bool {
        k.checked_sub(1).is_some_and(|j| {
            self.word(j).is_some_and(|p| p.ends_with('ا'))
                && !self.has(j, ONE_PERSON | PEOPLE | DUAL_PERSON)
        })
    }

    /// "ثلاثة قتلى وجريحاً": a casualty noun for one, in the accusative, joined by "و" right
    /// after a count of another category: one.
    fn one_after_count(&self, t: Trigger, so_far: &[Phrase]) -> Option<Phrase> {
        let prev = so_far.last()?;
        let w = crate::clitics::after_and(self.word(t.start)?)?;
        if prev.end != t.start || prev.cat == t.cat || t.cat == Cat::Combined {
            return None;
        }
        is_one_casualty(w).then_some(Phrase::exact(t.cat, 1, t.start, t.end, Noun::Casualty))
    }

    /// "سقط قتيل وأصيب 3 آخرون", "قتيل و3 جرحى", "سقط قتيلان وجريح": a casualty noun for one
    /// person standing without a figure and without the article counts one of its category
    /// ("مصاب واحد" keeps "واحد" in the span).
    /// Not one more of a running count («وهذا ثالث قتيل خلال أسبوع»: an ordinal before it),
    /// nor one of its category after a count of it already read in the sentence («قتل ثلاثة
    /// عناصر …، ويأتي ذلك بعد سقوط قتيل في هجوم مماثل»: another incident's).
    fn lone_casualty(&self, t: Trigger, so_far: &[Phrase]) -> Option<Phrase> {
        let w = self.word(t.start)?;
        // Any form of it flagged first: most casualty words are no such noun.
        let flagged = self.info(t.start).is_some_and(|n| n.has(ONE_CASUALTY));
        if t.cat == Cat::Combined || t.end != t.start + 1 || !flagged || !is_lone_one_casualty(w) {
            return None;
        }
        let ordinal = t
            .start
            .checked_sub(1)
            .is_some_and(|j| self.is_own(j, ONE_MORE));
        if ordinal || so_far.iter().any(|p| p.cat == t.cat) {
            return None;
        }
        // "دون سقوط أي قتيل" denies, it does not count.
        if self.denied(t.cat).is_some_and(|r| r.contains(&t.start)) {
            return None;
        }
        let end = if self.is_own(t.end, ONE) {
            t.end + 1
        } else {
            t.end
        };
        Some(Phrase::exact(t.cat, 1, t.start, end, Noun::Casualty))
    }

    /// "مقتل عنصر", "إصابة مدني", "وجرح ثالث": one person right after a casualty word;
    /// "وأصيب آخران": two.
    fn singular_after(&self, t: Trigger) -> Option<Phrase> {
        self.word(t.end)?;
        let info = self.info(t.end)?;
        if self.number(t.end).is_some() || info.has(DUAL_PERSON) || info.vague.is_some() {
            return None;
        }
        let two = info.own & TWO_MORE != 0;
        let one = info.has(SINGULAR) || info.own & ONE_MORE != 0;
        if !(one || two) || t.cat == Cat::Combined {
            return None;
        }
        if two {
            return Some(Phrase::exact(t.cat, 2, t.start, t.end + 1, Noun::People));
        }
        // "مسلح واحد" keeps "واحد" in the span.
        let end = if self.is_own(t.end + 1, ONE) {
            t.end + 2
        } else {
            t.end + 1
        };
        let (value, end) = self.named_list(end);
        Some(Phrase::exact(t.cat, value, t.start, end, Noun::People))
    }

    /// One person named, then others joined by و ("قتل الشاب محمد العلي والشاب أحمد
    /// الحسن", "مقتل طفل وامرأة", "اغتالوا طبيباً وشاباً"): the count of persons and the token after the last, from
    /// `end`, the token after the first.
    fn named_list(&self, mut end: usize) -> (u32, usize) {
        let mut value = 1;
        loop {
            // "ضابط برتبة ملازم أول": the rank's words do not count against the name's.
            let rank = if self.has(end, RANK) { RANK_WORDS } else { 0 };
            let Some((next, more, after)) = (end..end + NAME_WORDS + rank + 1).find_map(|i| {
                let joined = self.word(i).is_some_and(|w| {
                    crate::clitics::after_and(w).is_some_and(|rest| {
                        clitics::forms(rest)
                            .iter()
                            .any(|s| FORMS.get(s).is_some_and(|f| f.flags & ONE_PERSON != 0))
                    })
                });
                if joined && !self.has(i, COMPANION_TWO) {
                    return Some((i, 1, i + 1));
                }
                self.companions_at(i).map(|(more, after)| (i, more, after))
            }) else {
                break;
            };
            // A casualty word in between starts another clause ("قتل عنصر وأصيب عنصر"); a
            // word of circumstance or dispute ends the person's name, and whoever is «مع» him
            // after it is no companion killed with him («قتلت امرأة خلال خلاف مع زوجها»).
            let clause = (end..next).any(|i| {
                self.word(i).is_some_and(|w| {
                    let w = crate::clitics::without_and(w);
                    word_has(w, HARM_WORD) || COMPANION_BREAK.contains(w)
                })
            });
            if clause || value >= MAX_NAMED {
                break;
            }
            value = (value + more).min(MAX_NAMED);
            end = after;
        }
        (value, end)
    }

    /// Companions of the person just named, with the pronoun that refers to him, joined by
    /// «و» or «مع» (grammar: code) at token `i`: one («مع مرافقه», «وزوجته»), two («وطفليه»,
    /// «مع نجليه»: `companion` and `companion_two` of casualties.csv) or a number of his men
    /// («مع اثنين من مرافقيه», «و3 من عناصره»). How many, and the token after them.
    fn companions_at(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.word(i)?;
        let with = w == "مع";
        let at = if with { i + 1 } else { i };
        if !with && crate::clitics::after_and(w).is_none() {
            return None;
        }
        if self.has(at, COMPANION_TWO) {
            return Some((2, at + 1));
        }
        if self.has(at, COMPANION) {
            return Some((1, at + 1));
        }
        // «مع اثنين من مرافقيه»: a number, «من», and his men with the pronoun (ه, ها:
        // grammar) or a companion word.
        let read = self.number(at)?;
        let of = at + read.len;
        let his_men = self.word(of + 1).is_some_and(|m| {
            self.has(of + 1, COMPANION | COMPANION_TWO)
                || ["ه", "ها"]
                    .iter()
                    .filter_map(|p| m.strip_suffix(p))
                    .any(|stem| form_has(stem, PEOPLE))
        });
        (self.word(of) == Some("من") && his_men).then_some((read.value, of + 2))
    }

    /// A figure (hedge, number or vague quantity or dual, range, counted noun) at token `i`.
    fn figure_at(&self, i: usize) -> Option<Phrase> {
        let (hedge, at) = match self.hedge_at(i) {
            Some((h, len)) => (Some(h), i + len),
            None => (None, i),
        };
        let info = self.info(at)?;
        if self.is_source(at) {
            return None;
        }
        let (value, mut end, vague, dual_noun) = if let Some(read) = self.number(at) {
            (read.value, at + read.len, false, false)
        } else if let Some(v) = info.vague {
            (v, at + 1, true, false)
        } else if info.has(DUAL_PERSON) || info.dual_casualty.is_some() {
            (2, at + 1, false, true)
        } else {
            return None;
        };
        let mut low = value;
        let mut high = match hedge {
            Some(Hedge::AtLeast | Hedge::About) => None,
            _ if vague => None,
            _ => Some(value),
        };
        let mut value = value;
        // "بين 10 و15", "10 إلى 15", "3 أو 4".
        if let Some((upper, len)) = self.range_upper(end, hedge == Some(Hedge::Between)) {
            if upper > low {
                high = Some(upper);
                end += len;
                if self.mentions_rise_before(i) {
                    // "ارتفعت الحصيلة من 10 إلى 15": the later figure is the count.
                    value = upper;
                    low = upper;
                }
            }
        }
        // "20 على الأقل", "20 تقريباً".
        if let Some(len) = trailing_hedge(self.toks, end) {
            high = None;
            end += len;
        }
        if hedge == Some(Hedge::LessThan) {
            return None;
        }
        let after = if dual_noun {
            match info.dual_casualty {
                Some(cat) => After::Casualty(cat, end),
                None => After::People(end),
            }
        } else {
            self.after(end)
        };
        // "مقاتلين اثنين": the number word of two after its plural counts it.
        let (start, after) = if after == After::Nothing && self.two_after_plural(i, at, value) {
            (i - 1, After::People(end))
        } else {
            (i, after)
        };
        let end = match after {
            After::Casualty(_, e) | After::People(e) | After::Others(e) => e,
            After::NotPeople | After::Nothing => end,
        };
        // "طفلان وامرأة", "ثلاثة أطفال وامرأة": persons joined to the group by "و" are of it.
        let (more, end) = match after {
            After::People(_) => self.persons_joined(end),
            _ => (0, end),
        };
        let (value, low, high) = (value + more, low + more, high.map(|h| h + more));
        if after == After::NotPeople
            || self.is_label_number(at, value, after)
            || self.glued_to_symbols(at)
        {
            return None;
        }
        let (cat, noun) = match after {
            After::Casualty(cat, _) => (cat, Noun::Casualty),
            // The category is decided by `attach`.
            After::People(_) | After::Others(_) => (Cat::Combined, Noun::People),
            After::NotPeople | After::Nothing => (Cat::Combined, Noun::Unknown),
        };
        Some(Phrase {
            cat,
            value,
            low,
            high,
            vague,
            start,
            end,
            running_total: self.is_running_total(i),
            noun,
        })
    }

    /// "مقاتلين اثنين", "عسكريين اثنين": the number word of two (not a figure in digits, not
    /// hedged) right after a plural for people that is no dual of its own, which it counts.
    fn two_after_plural(&self, i: usize, at: usize, value: u32) -> bool {
        let word_number = self.toks.get(at).is_some_and(|t| !t.digit);
        i == at
            && value == 2
            && word_number
            && i.checked_sub(1).is_some_and(|before| {
                self.info(before)
                    .is_some_and(|n| n.people && !n.has(DUAL_PERSON))
            })
    }

    /// Persons joined by "و" right after a counted group, each a singular (one) or a dual
    /// (two) noun for a person ("طفلان وامرأة", "ثلاثة أطفال وامرأة ورجل"): how many, and
    /// the token after the last.
    fn persons_joined(&self, mut end: usize) -> (u32, usize) {
        let mut more = 0;
        // The word's forms, read once for the sentence ([`Info`]), include it without «و».
        while self.word(end).and_then(crate::clitics::after_and).is_some() {
            if self.number(end).is_some() {
                break;
            }
            more += if self.has(end, DUAL_PERSON) {
                2
            } else if self.has(end, ONE_PERSON) {
                1
            } else {
                break;
            };
            end += 1;
        }
        (more, end)
    }

    /// Chooses the category of a figure from the casualty words around it.
    fn attach(
        &self,
        p: &Phrase,
        last_trigger: Option<usize>,
        used: &[usize],
        so_far: &[Phrase],
    ) -> Option<Cat> {
        if p.noun == Noun::Casualty {
            return Some(p.cat);
        }
        let people = p.noun == Noun::People;
        if let Some(index) = last_trigger {
            let trig = *self.triggers.get(index)?;
            let gap = p.start.saturating_sub(trig.end);
            let direct = self.only_fillers_between(trig.end, p.start);
            // "ليرتفع عدد قتلى الهجوم إلى خمسة": the total's casualty word governs it.
            let total = p.running_total && gap <= RISE_REACH;
            // "قُتل في الانفجار الذي استهدف حافلة على طريق السخنة صباح اليوم سبعة عناصر": a
            // casualty verb followed by "في" has its subject after the whole adverbial (the
            // preposition is grammar: code).
            let reach = if self.word(trig.end) == Some("في") {
                DEFERRED_SUBJECT_REACH
            } else {
                TRIGGER_REACH
            };
            if direct || total || (people && gap <= reach) {
                // A second group on the same casualty word must be joined by "و":
                // "مقتل 4 عسكريين و26 من الدفاع الوطني".
                if used.contains(&index) && !self.joined_to_previous(p, so_far) {
                    return None;
                }
                return Some(trig.cat);
            }
        }
        // "خمسة مواطنين لقوا مصرعهم", "5 عناصر قتلوا": the casualty word comes after, past
        // the group's side when one follows ("3 عناصر من ميليشيا الدفاع الوطني قتلوا"; «من»
        // and «في» are grammar, as in [`Self::joined_to_previous`]).
        if people {
            let from = p.end;
            let side = self.word(from).is_some_and(|w| matches!(w, "من" | "في"));
            let reach = if side { SIDE_WORDS + 1 } else { 3 };
            // "3 عناصر من داعش قتلوا جندياً": a verb with an object of its own was done by
            // the group, not to it.
            return self
                .triggers
                .iter()
                .find(|t| t.start >= from && t.start <= from + reach)
                .filter(|t| !self.has_object(t.end))
                .map(|t| t.cat);
        }
        None
    }

    /// Whether «بين» and a pair of casualty words follow token `end` («6 ضحايا بين قتيل
    /// وجريح», «10 إصابات بين قتلى وجرحى»): the figure before counts both. «بين» is grammar:
    /// code.
    fn split_after(&self, end: usize) -> bool {
        self.word(end) == Some("بين")
            && self
                .triggers
                .iter()
                .any(|t| t.start == end + 1 && t.cat == Cat::Combined)
    }

    /// Whether a verb ending at token `end` has an object in the few words after it: a figure
    /// of no month, hour or thing («قد قتلوا في 3 حزيران» has none), two persons («عنصرين»)
    /// or a person in the accusative («جندياً»; its alif is grammar: code).
    fn has_object(&self, end: usize) -> bool {
        (end..end + OBJECT_WORDS).any(|j| {
            self.number(j)
                .is_some_and(|r| self.after(j + r.len) != After::NotPeople)
                || self.has(j, DUAL_PERSON)
                || self.has(j, ONE_PERSON) && self.word(j).is_some_and(|w| w.ends_with('ا'))
        })
    }

    /// A figure joined to the previous one by "و" and close to it.
    fn joined_to_previous(&self, p: &Phrase, so_far: &[Phrase]) -> bool {
        let Some(prev) = so_far.last() else {
            return false;
        };
        let starts_with_and = self
            .word(p.start)
            .is_some_and(|w| clitics::after_and(w).is_some());
        if !starts_with_and || p.start < prev.end {
            return false;
        }
        // "مقتل 4 عناصر من قوات النظام واثنين من الدفاع الوطني": the first group's side may
        // stand between when the second names people too (by «من» or «في»: grammar, code).
        let side = p.noun == Noun::People
            && self
                .word(prev.end)
                .is_some_and(|w| matches!(w, "من" | "في"));
        let reach = if side { SIDE_WORDS } else { 2 };
        p.start - prev.end <= reach
    }

    /// Only hedges, "إلى", "عدد", "حصيلة" stand between `from` and `to`.
    fn only_fillers_between(&self, from: usize, to: usize) -> bool {
        from <= to && to - from <= 3 && (from..to).all(|j| self.has(j, FILLER))
    }

    /// Reads what follows a figure at token `j`.
    fn after(&self, j: usize) -> After {
        let (Some(w), Some(info)) = (self.word(j), self.info(j)) else {
            return After::Nothing;
        };
        if let Some(cat) = info.casualty_noun() {
            return After::Casualty(
                self.combined_with_next(cat, j + 1),
                j + 1 + self.and_len(cat, j + 1),
            );
        }
        // "15 بين قتيل وجريح": «بين» is the grammar of the split, code.
        if w == "بين" {
            if let Some(cat) = self.info(j + 1).and_then(Info::casualty_noun) {
                let joined = self.combined_with_next(cat, j + 2);
                if joined == Cat::Combined {
                    return After::Casualty(Cat::Combined, j + 3);
                }
            }
        }
        if info.people {
            let mut end = j + 1;
            if self.is_own(end, OTHERS) {
                end += 1;
            }
            return After::People(end);
        }
        if info.own & OTHERS != 0 {
            return After::Others(j + 1);
        }
        if counted_noun(w, NOT_PEOPLE_WORD) {
            return After::NotPeople;
        }
        // "5 من العناصر": the partitive «من» is grammar, code.
        if w == "من" {
            return match self.word(j + 1) {
                Some(_) if self.has(j + 1, NOT_PEOPLE_WORD) || self.is_number_like(j + 1) => {
                    After::Nothing
                }
                Some(_) => After::People(j + 2),
                None => After::Nothing,
            };
        }
        After::Nothing
    }

    fn is_number_like(&self, j: usize) -> bool {
        self.number(j).is_some()
    }

    /// "قتيلاً وجريحاً": the category becomes combined when the next word is another casualty
    /// noun or word joined by "و".
    fn combined_with_next(&self, cat: Cat, j: usize) -> Cat {
        if self.and_len(cat, j) > 0 {
            Cat::Combined
        } else {
            cat
        }
    }

    /// 1 when token `j` is "و" + a casualty noun of another category, in the same number as
    /// the noun before it ("قتيلاً وجريحاً", "قتلى وجرحى"); "ثلاثة قتلى وجريحاً" is three
    /// dead and one hurt.
    fn and_len(&self, cat: Cat, j: usize) -> usize {
        let Some(next) = self.word(j).and_then(crate::clitics::after_and) else {
            return 0;
        };
        let other = casualty_noun(next);
        let before = j.checked_sub(1).and_then(|i| self.word(i)).unwrap_or("");
        let agree = is_one_casualty(before) == is_one_casualty(next);
        usize::from(agree && other.is_some_and(|o| o != cat))
    }

    /// The upper figure of a range starting at token `j`: "إلى 15", "و15" after "بين", "أو 4".
    fn range_upper(&self, j: usize, after_between: bool) -> Option<(u32, usize)> {
        let w = self.word(j)?;
        // "إلى", "حتى", "أو" (folded) and و are the grammar of a range, not a word list.
        if matches!(w, "الي" | "حتي" | "او") {
            let read = self.number(j + 1)?;
            return Some((read.value, 1 + read.len));
        }
        if after_between && clitics::after_and(w).is_some() {
            let read = self.number(j)?;
            return Some((read.value, read.len));
        }
        None
    }

    /// "ارتفعت/ارتفاع" shortly before token `i`.
    fn mentions_rise_before(&self, i: usize) -> bool {
        (i.saturating_sub(6)..i).any(|j| self.info(j).is_some_and(|n| stem_in(&n.stems, &RISE)))
    }

    /// "ارتفعت الحصيلة إلى 20", "عدد القتلى إلى 20": a running total.
    fn is_running_total(&self, i: usize) -> bool {
        let before = i.checked_sub(1).and_then(|j| self.word(j));
        // "إلى" (folded, also written without its alef) is the grammar of what a toll rises
        // to, not a word list.
        before.is_some_and(|w| matches!(w, "الي" | "لي")) && self.mentions_rise_or_toll_before(i)
    }

    fn mentions_rise_or_toll_before(&self, i: usize) -> bool {
        self.rises_to(i) || (i.saturating_sub(4)..i).any(|j| self.has(j, TOLL))
    }

    /// "ارتفع عدد قتلى الهجوم على الحاجز إلى 7": a word of rising within [`RISE_REACH`]
    /// words before the "إلى" ending at token `i`, with no number or other "إلى" between
    /// (the preposition is grammar, code, as in [`Self::is_running_total`]).
    fn rises_to(&self, i: usize) -> bool {
        let to = i.saturating_sub(1);
        (i.saturating_sub(RISE_REACH)..to)
            .rev()
            .take_while(|&j| {
                self.number(j).is_none() && !matches!(self.word(j), Some("الي" | "لي"))
            })
            .any(|j| self.info(j).is_some_and(|n| stem_in(&n.stems, &RISE)))
    }

    /// A number glued to "/", "_", "=" or "%" in the text as written: part of a link, a code
    /// or a percentage. Folding drops those characters, so look at the original.
    fn glued_to_symbols(&self, at: usize) -> bool {
        let Some(tok) = self.toks.get(at) else {
            return false;
        };
        let text = self.original;
        let start = self.folded.original_start(tok.start);
        let end = self.folded.original_end(tok.end, text);
        let glue = |c: char| matches!(c, '/' | '_' | '=' | '%' | '٪' | '#' | '\\');
        let before = text.get(..start).and_then(|s| s.chars().next_back());
        let after = text.get(end..).and_then(|s| s.chars().next());
        before.is_some_and(glue) || after.is_some_and(glue)
    }

    /// Numbers that name things: "الفرقة 25", "اللواء 137", "البادية 24", "عام 2020".
    fn is_label_number(&self, at: usize, value: u32, after: After) -> bool {
        let names_unit = at.checked_sub(1).is_some_and(|j| self.has(j, LABEL));
        let people = matches!(after, After::Casualty(..) | After::People(_));
        let year = (1900..=2100).contains(&value) && !people;
        names_unit || year
    }

    /// Hedge before a figure at token `i`, and its length in tokens.
    #[inline]
    fn hedge_at(&self, i: usize) -> Option<(Hedge, usize)> {
        // Only a word with a form that opens a hedge ("لأكثر", "وحوالي") can start one.
        if self.info(i).is_none_or(|n| n.hedges == 0) {
            return None;
        }
        self.hedge_from(i)
    }

    /// [`Reader::hedge_at`] for a word with a form that opens a hedge.
    fn hedge_from(&self, i: usize) -> Option<(Hedge, usize)> {
        let first = self.info(i)?;
        HEDGES.iter().enumerate().find_map(|(k, (words, hedge))| {
            let matches = first.hedges & (1 << k) != 0
                && words[1..]
                    .iter()
                    .enumerate()
                    .all(|(k, want)| self.word(i + 1 + k) == Some(want.as_str()));
            matches.then_some((*hedge, words.len()))
        })
    }
}

/// The casualty word (and its length in tokens) at token `i`.
fn trigger_at(toks: &[Token<'_>], infos: &[Info<'_>], i: usize) -> Option<(Cat, usize)> {
    toks.get(i)?;
    let info = infos.get(i)?;
    if let Some(on) = ends_on(toks, infos, i) {
        return Some((Cat::Killed, on + 1));
    }
    let cat = info
        .trigger
        .or_else(|| met_death(infos, i))
        .or_else(|| lost(toks, infos, i))?;
    // "قتل وجرح", "مقتل وإصابة", "قتل وأسر": one figure for both. Not "أصيب بجروح، ومقتل"
    // (a manner, then a new clause), nor "شخصاً قتل وأصيب ثلاثة" (the first verb has its
    // own subject before it).
    // "قتيل وجريح": nouns for one person are a count each, not one figure for both; but
    // "25 عنصراً بين قتيل وجريح" is the idiom of a figure for both (the particle «بين» is
    // grammar, code).
    let between = i
        .checked_sub(1)
        .and_then(|j| toks.get(j))
        .is_some_and(|t| t.text == "بين");
    let manner = info.has(MANNER)
        || (!between && info.has(ONE_CASUALTY) && is_lone_one_casualty(toks[i].text));
    let own_subject = i
        .checked_sub(1)
        .and_then(|j| infos.get(j))
        .is_some_and(|n| n.people);
    // "لقي عنصران حتفهما، وأصيب 5": a casualty word with its owner's pronoun closes its
    // clause.
    let owned = info.own & (OWNER_ONE | OWNER_TWO | OWNER_MANY) != 0;
    if manner || own_subject || owned {
        return Some((cat, 1));
    }
    let next_word = toks
        .get(i + 1)
        .and_then(|t| crate::clitics::after_and(t.text));
    // "ثلاثة قتلى وجريحاً": nouns of different number are two counts.
    let agree = next_word.is_some_and(|n| is_one_casualty(toks[i].text) == is_one_casualty(n));
    let next = next_word.filter(|_| agree).and_then(trigger_word);
    // "سقط 3 قتلى وأصيب 5 آخرون": a counted casualty noun pairs only with another («قتلى
    // وجرحى»); a verb after it opens a clause with a count of its own.
    let pairs = |n: &str| casualty_noun(toks[i].text).is_none() || casualty_noun(n).is_some();
    match next {
        Some(other) if other != cat && next_word.is_some_and(pairs) => Some((Cat::Combined, 2)),
        _ => Some((cat, 1)),
    }
}

/// "القضاء على 6 إرهابيين", "كمين قضى على خمسة عناصر": a word of putting an end to with
/// «على» (folded «علي»; the preposition is grammar, code) right after it tells the killed.
/// Not "قضت المحكمة على …", where a subject stands between: a court sentences.
/// Nor an aim: "يهدف إلى القضاء على 300 عنصر", "خطة للقضاء على …", "بهدف القضاء على …"
/// (the grammar of purpose: «إلى», «ل», «بهدف», «أجل» before it).
fn ends_on(toks: &[Token<'_>], infos: &[Info<'_>], i: usize) -> Option<usize> {
    if !infos.get(i).is_some_and(|n| n.has(END_ON)) {
        return None;
    }
    // A party right after «على» counts no one here either way: the type reader tells a
    // group's defeat from its killed.
    end_on_people(toks, i, |_| false)
}

/// Where «على» stands after the word of putting an end to at `i` ([`on_after_end`]) when what
/// it puts an end to is people: a noun for people (with or without the article: «على عدد من
/// الإرهابيين»), or a figure or a word that opens a group (`vague`, `end_on_object`) with
/// people, a party or another such word after it, past «من» («على 20 إرهابياً», «على مجموعة
/// من خلايا التنظيم»); a figure may stand alone before a `figure_alone` word («على 8 في …»).
/// «على ظاهرة السرقة», «على عشرات الظواهر», «على عدد من الآليات» kill no one. `party` tells
/// a token that opens a named party: one right after «على» is a group's defeat («القضاء على
/// داعش»), no one killed. The casualty and event-type readers both ask it.
pub(crate) fn end_on_people(
    toks: &[Token<'_>],
    i: usize,
    party: impl Fn(&Token<'_>) -> bool,
) -> Option<usize> {
    static GROUPS: LazyLock<WordSet> =
        LazyLock::new(|| WordSet::of_lists(&["vague", "end_on_object"]));
    static FIGURE_ALONE: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("figure_alone"));
    let on = on_after_end(toks, i)?;
    let at = i + on + 1;
    let next = toks.get(at)?;
    if party(next) {
        return None;
    }
    let people =
        |t: &Token<'_>| clitics::cores(t.text).any(|core| super::place::names_people(core, false));
    if people(next) {
        return Some(on);
    }
    let figure = next.digit || read_number(toks, at).is_some();
    if !figure && !GROUPS.has_word(next.text) {
        return None;
    }
    // "من" is grammar: the group's members follow it.
    let skip = usize::from(toks.get(at + 1).is_some_and(|t| t.text == "من"));
    let follows = match toks.get(at + 1 + skip) {
        Some(t) => {
            people(t)
                || party(t)
                || GROUPS.has_word(t.text)
                || (figure && skip == 0 && FIGURE_ALONE.has_word(t.text))
        }
        None => figure,
    };
    follows.then_some(on)
}

/// Most words of the force named between a word of putting an end to and «على» («قضت وحدات
/// من الجيش العربي السوري على …»).
const END_ON_SUBJECT: usize = 5;

/// Where «على» stands after the word of putting an end to (`end_on`) at `i`, counted from
/// it: right after it («القضاء على 6 إرهابيين», «كمين قضى على خمسة»), or after its subject
/// when that opens with a force (`end_on_subject`: «قضت الطائرات الروسية على», «قضت وحدات من
/// الجيش على»); not after a court («قضت المحكمة على …», a sentence), nor in an aim
/// ([`ends_on`]).
fn on_after_end(toks: &[Token<'_>], i: usize) -> Option<usize> {
    static FORCES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("end_on_subject"));
    let aim = toks.get(i)?.text.starts_with("لل")
        || i.checked_sub(1)
            .and_then(|j| toks.get(j))
            .is_some_and(|t| matches!(t.text, "الي" | "لي" | "بهدف" | "هدف" | "اجل"));
    if aim {
        return None;
    }
    let on = |k: &usize| toks.get(i + k).is_some_and(|t| t.text == "علي");
    if on(&1) {
        return Some(1);
    }
    if !toks.get(i + 1).is_some_and(|t| FORCES.has_word(t.text)) {
        return None;
    }
    (2..=END_ON_SUBJECT + 1).find(on)
}

/// "لقي/لقوا … مصرعهم/حتفهم": "met" means killed only with death close after.
fn met_death(infos: &[Info<'_>], i: usize) -> Option<Cat> {
    if !infos.get(i)?.has(MET_WORD) {
        return None;
    }
    let near = infos
        .iter()
        .skip(i + 1)
        .take(8)
        .any(|n| stem_in(&n.stems, &MET_DEATH));
    near.then_some(Cat::Killed)
}

/// "فقد": with a side before its count, the side lost them, killed ("فقدت قوات النظام 12
/// عنصراً", "فقد اللواء مجموعة من خمسة عناصر"); with its count or people right after it, or
/// contact or trace, it is the passive «فُقد»: they went missing ("فُقد 12 شخصاً من جامعي
/// الكمأة", "فقد الاتصال بثلاثة رعاة"). A casualty word right after it makes it «فقد» "so"
/// ("فقد قتل ثلاثة عناصر"), which tells nothing itself. (Whether a count or a verb follows is
/// grammar: code; the words are `lost` and `lost_trace` of the rules.)
fn lost(toks: &[Token<'_>], infos: &[Info<'_>], i: usize) -> Option<Cat> {
    if !infos.get(i)?.has(LOST_WORD) {
        return None;
    }
    let (Some(next), Some(tok)) = (infos.get(i + 1), toks.get(i + 1)) else {
        return Some(Cat::Killed);
    };
    if next.trigger.is_some() || next.has(HARM_WORD) {
        return None;
    }
    let is_count = |n: &Info<'_>, t: &Token<'_>| {
        n.has(NUMBER_WORD) || super::numwords::digits_value(t.text).is_some()
    };
    // "فقد عناصر الفرقة اثنين من رفاقهم", "فقد الراعي ثلاثة من أبنائه": people counted after
    // the people right after «فقد» are what those people lost; the first are its subject.
    let subject = next.people
        && (i + 2..(i + 2 + LOST_SUBJECT_REACH).min(toks.len()))
            .any(|j| is_count(&infos[j], &toks[j]));
    let counted = (next.people && !subject) || is_count(next, tok);
    if counted || next.has(LOST_TRACE) {
        Some(Cat::Missing)
    } else {
        Some(Cat::Killed)
    }
}

/// How many words after the people right after «فقد» a count of what they lost may stand
/// ("فقد عناصر الفرقة الرابعة اثنين من رفاقهم").
const LOST_SUBJECT_REACH: usize = 4;

/// The category of a casualty verb, verbal noun or plural noun ("مقتل", "أصيب", "القتلى").
/// When forms of one word fall in several categories, killed counts first, then injured,
/// captured and missing.
fn trigger_word(w: &str) -> Option<Cat> {
    clitics::forms(w)
        .iter()
        .filter_map(|s| FORMS.get(s)?.trigger)
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, cat)| cat)
}

/// A casualty noun for one person as written, or behind the conjunction و only ("قتيل",
/// "وجريح", "قتيلاً"; not "القتيل", who was counted where he was named).
fn is_lone_one_casualty(w: &str) -> bool {
    form_has(w, ONE_CASUALTY) || form_has(crate::clitics::without_and(w), ONE_CASUALTY)
}

/// A casualty noun for one, in the accusative ("قتيلاً", "جريحاً", "مصاباً").
fn is_one_casualty(w: &str) -> bool {
    let w = clitics::forms(w).iter().last().unwrap_or(w);
    w.strip_suffix('ا')
        .is_some_and(|one| casualty_noun(one).is_some())
}

/// The category of a noun that follows a figure ("قتيلاً", "جرحى", "أسرى", "مفقودين").
fn casualty_noun(w: &str) -> Option<Cat> {
    Info::of(w, clitics::forms(w)).casualty_noun()
}

/// Hedges before a figure (the rules' `hedge` list), in the order they are tried: each as its
/// words, folded, and what it says of the figure.
static HEDGES: LazyLock<Vec<(Vec<String>, Hedge)>> = LazyLock::new(|| {
    rules::active()
        .list("hedge")
        .iter()
        .map(|e| {
            let words = e.folded.split(' ').map(str::to_string).collect();
            let hedge = match e.value.as_str() {
                "at_least" => Hedge::AtLeast,
                "about" => Hedge::About,
                "less_than" => Hedge::LessThan,
                _ => Hedge::Between,
            };
            (words, hedge)
        })
        .collect()
});

/// Hedges after a figure (the rules' `hedge_after` list), each as its words, folded.
static HEDGES_AFTER: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| phrase_list("hedge_after"));

/// "على الأقل" or "تقريباً" after a figure at token `j`.
fn trailing_hedge(toks: &[Token<'_>], j: usize) -> Option<usize> {
    HEDGES_AFTER.iter().find_map(|words| {
        let all = words
            .iter()
            .enumerate()
            .all(|(k, want)| toks.get(j + k).is_some_and(|t| t.text == want));
        all.then_some(words.len())
    })
}

/// Sums the phrases of one category into a count spanning them all.
fn total(phrases: &[&Phrase], toks: &[Token<'_>], folded: &Folded, text: &str) -> Option<Count> {
    // A running total replaces the groups counted before it.
    let chosen: Vec<&Phrase> = match phrases.iter().rposition(|p| p.running_total) {
        Some(k) => phrases[k..].to_vec(),
        None => phrases.to_vec(),
    };
    let first = chosen.first()?;
    let last = chosen.last()?;
    let mut value: u32 = 0;
    let mut low: u32 = 0;
    let mut high: Option<u32> = Some(0);
    for p in &chosen {
        value = value.saturating_add(p.value);
        low = low.saturating_add(p.low);
        high = match (high, p.high) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
    }
    let range = token_range(toks, first.start, last.end)?;
    Some(Count {
        value,
        low,
        high,
        span: original(folded, range, text),
        vague: chosen.iter().any(|p| p.vague),
        running_total: first.running_total,
    })
}

/// The byte range in the original text of a folded range.
fn original(folded: &Folded, range: Range<usize>, text: &str) -> Range<usize> {
    let start = folded.original_start(range.start);
    let end = folded.original_end(range.end, text).max(start);
    start..end
}

/// Whether a word after a figure is a noun of list `flag` that the figure counts: the noun
/// as written or with the article ("3 سيارات", "الـ48 ساعة"), not behind a preposition
/// ("وأصيب ثلاثة بهجوم" counts no attacks).
fn counted_noun(w: &str, flag: u32) -> bool {
    let bare = w
        .strip_prefix(clitics::ARTICLE)
        .filter(|rest| rest.chars().nth(1).is_some());
    word_has(w, flag) || bare.is_some_and(|rest| word_has(rest, flag))
}

/// Whether the word itself (not one of its stems) carries `flag`.
fn word_has(w: &str, flag: u32) -> bool {
    FORMS.get(w).is_some_and(|f| f.flags & flag != 0)
}

/// Flags of [`Form::flags`]: the word lists a form is in (lists of `data/rules/casualties.csv`).
/// A noun for one person (`person`).
const SINGULAR: u32 = 1;
/// A noun for one person, possibly with the accusative alif ("عنصراً").
const ONE_PERSON: u32 = 1 << 1;
/// A noun for people: singular, plural, or the dual of a singular.
const PEOPLE: u32 = 1 << 2;
/// The dual of a noun for people ("عنصران"); see [`FORMS`].
const DUAL_PERSON: u32 = 1 << 3;
const NOT_PEOPLE_WORD: u32 = 1 << 4;
const SUBGROUP_WORD: u32 = 1 << 5;
const FILLER: u32 = 1 << 6;
const LABEL: u32 = 1 << 7;
/// "حصيلة", "عدد": a toll.
const TOLL: u32 = 1 << 9;
const MET_WORD: u32 = 1 << 10;
/// "بجروح": how one was injured, not a second casualty word.
const MANNER: u32 = 1 << 11;
/// A number word ([`number_words`]).
const NUMBER_WORD: u32 = 1 << 12;
/// A casualty word with its owner's pronoun, for one, two or many ("مقتله", "مقتلهما",
/// "مقتلهم").
const OWNER_ONE: u32 = 1 << 13;
const OWNER_TWO: u32 = 1 << 14;
const OWNER_MANY: u32 = 1 << 15;
/// Words that end a person's name before a companion: what follows them tells the
/// circumstance, not who was killed with him (`companion_break` of casualties.csv).
static COMPANION_BREAK: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("companion_break"));

/// A companion or kinsman with the pronoun of the person named before («مرافقه», «زوجته»:
/// `companion`), and two of them («طفليه», «مرافقيه»: `companion_two`).
const COMPANION: u32 = 1 << 8;
const COMPANION_TWO: u32 = 1 << 31;
/// An ordinal for one more person ("وجرح ثالث").
const ONE_MORE: u32 = 1 << 16;
/// "آخرين".
const OTHERS: u32 = 1 << 17;
/// A killing or injuring verb or verbal noun (`killed_word`, `injured_word`).
const HARM_WORD: u32 = 1 << 18;
/// "واحد": one, after a singular noun.
const ONE: u32 = 1 << 19;
/// A word of denial ("لم", "دون").
const NEGATION: u32 = 1 << 20;
/// A word that makes a denial one of knowledge ("حصيلة", "معلومات", "تعرف").
const UNKNOWN_TOLL: u32 = 1 << 21;
/// A verb of outcome after a denial ("لم يسفر", "دون وقوع").
const HARM_OUTCOME: u32 = 1 << 24;
/// "برتبة": a victim's rank follows.
const RANK: u32 = 1 << 22;
/// "بعد", "إثر": the cause of a running total follows.
const EXPLAINS: u32 = 1 << 23;
/// "بحسب", "أفاد": who tells follows («بحسب ناشطين», «أفاد مراسل»), no victim.
const SOURCE: u32 = 1 << 25;
/// A dual of "another", two more persons ("وأصيب آخران").
const TWO_MORE: u32 = 1 << 26;
/// "القضاء": killed when «على» follows ([`ends_on`]).
const END_ON: u32 = 1 << 27;
/// A casualty noun for one person, or its accusative ("قتيل", "جريحاً").
const ONE_CASUALTY: u32 = 1 << 28;
/// "فقد": lost, killed or gone missing by what follows ([`lost`]).
const LOST_WORD: u32 = 1 << 29;
/// "الاتصال", "أثر": what is lost when people go missing ("فُقد الاتصال بـ…").
const LOST_TRACE: u32 = 1 << 30;

/// Nouns whose denial says no one was killed, or no one was hurt (the rules' `no_killed`
/// and `no_injured` lists), each as its words, folded.
static NO_KILLED: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| phrase_list("no_killed"));
static NO_INJURED: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| phrase_list("no_injured"));

/// The entries of a list of phrases, each as its words.
fn phrase_list(list: &str) -> Vec<Vec<String>> {
    rules::active()
        .words(list)
        .map(|p| p.split(' ').map(str::to_string).collect())
        .collect()
}

/// How many words may stand between a denial and the noun it denies ("ولم يسفر القصف عن أي
/// إصابات").
const DENIAL_REACH: usize = 6;

/// How many words may stand between a word of rising and the "إلى" of its running total
/// ("ارتفع عدد قتلى الهجوم على حاجز قرب الرصافة إلى", "ارتفعت حصيلة ضحايا الهجوم الذي
/// استهدف حافلة عسكرية قرب مدينة تدمر أمس إلى", "ارتفعت حصيلة الخسائر البشرية جراء الهجوم
/// الذي نفذته خلايا التنظيم على مواقع لقوات النظام في بادية الشولا جنوب دير الزور، إلى"):
/// the toll's noun phrase may name its incident, its attacker and its place at length; a
/// number or another "إلى" between ends the search.
const RISE_REACH: usize = 24;

/// Words a victim's rank may take after "برتبة" ("ملازم أول", "عميد ركن").
const RANK_WORDS: usize = 3;

/// What makes "لقي" mean killed when it follows ("مصرعه", "حتفهم").
static MET_DEATH: LazyLock<Vec<(String, bool)>> = LazyLock::new(|| run_on_list("met_death"));

/// Words of rising: a running total may follow ("ارتفعت الحصيلة إلى").
static RISE: LazyLock<Vec<(String, bool)>> = LazyLock::new(|| run_on_list("rise"));

/// Bits of [`Form::nouns`]: the casualty-noun list of each category.
const NOUN_BITS: [(Cat, u8); 4] = [
    (Cat::Killed, 1),
    (Cat::Injured, 1 << 1),
    (Cat::Captured, 1 << 2),
    (Cat::Missing, 1 << 3),
];

/// What the word lists say of one form of a word (the word or a stem without clitics).
#[derive(Debug, Clone, Copy, Default)]
struct Form {
    /// The rank and category of the first casualty-word list that holds it (killed first,
    /// then injured, captured, missing).
    trigger: Option<(u8, Cat)>,
    /// The casualty-noun lists that hold it ([`NOUN_BITS`]).
    nouns: u8,
    /// The figure it stands for as a vague quantity.
    vague: Option<u32>,
    /// The category it is the dual of a casualty noun of ("قتيلين").
    dual_casualty: Option<Cat>,
    flags: u32,
    /// The [`HEDGES`] it is the first word of, a bit for each by its index.
    hedges: u32,
}

/// Every form any list names, with what the lists say of it: one hash lookup per form
/// replaces a scan of each list for each question asked about a word.
static FORMS: LazyLock<FastMap<String, Form>> = LazyLock::new(|| forms(rules::active()));

/// The table of forms of the casualty lists of `rules`.
fn forms(rules: &rules::Rules) -> FastMap<String, Form> {
    let mut forms: FastMap<String, Form> = FastMap::default();
    let trigger_lists = [
        ("killed_word", Cat::Killed),
        ("killed_noun", Cat::Killed),
        ("injured_word", Cat::Injured),
        ("injured_noun", Cat::Injured),
        ("captured_word", Cat::Captured),
        ("captured_noun", Cat::Captured),
        ("missing_word", Cat::Missing),
        ("missing_noun", Cat::Missing),
    ];
    for (rank, (list, cat)) in trigger_lists.into_iter().enumerate() {
        for word in rules.words(list) {
            // Both lists of a category share its rank; the first list to name a word decides.
            let f = form(&mut forms, word);
            f.trigger = f.trigger.or(Some(((rank / 2) as u8, cat)));
        }
    }
    let noun_lists = [
        "killed_noun",
        "injured_noun",
        "captured_noun",
        "missing_noun",
    ];
    for (list, (_, bit)) in noun_lists.into_iter().zip(NOUN_BITS) {
        for word in rules.words(list) {
            form(&mut forms, word).nouns |= bit;
        }
    }
    for e in rules.list("vague") {
        form(&mut forms, &e.folded).vague = e.value.parse().ok();
    }
    for e in rules.list("dual_casualty") {
        let cat = match e.value.as_str() {
            "killed" => Cat::Killed,
            "injured" => Cat::Injured,
            "captured" => Cat::Captured,
            _ => Cat::Missing,
        };
        let f = form(&mut forms, &e.folded);
        f.dual_casualty = f.dual_casualty.or(Some(cat));
    }
    for base in rules.words("one_casualty") {
        form(&mut forms, base).flags |= ONE_CASUALTY;
        // The accusative «ـا» is morphology, as for `person`.
        form(&mut forms, &format!("{base}ا")).flags |= ONE_CASUALTY;
    }
    let sound_plural: Vec<&str> = rules.words("sound_plural").collect();
    for base in rules.words("person") {
        form(&mut forms, base).flags |= SINGULAR | ONE_PERSON | PEOPLE;
        // The accusative «ـا» and the dual's «ـان», «ـين» are morphology: they stay code.
        form(&mut forms, &format!("{base}ا")).flags |= ONE_PERSON | PEOPLE;
        // The "-ين" dual counts only for nouns whose plural is broken: "مدنيين" is as likely
        // the plural as the dual.
        let stem = dual_base(base);
        form(&mut forms, &format!("{stem}ان")).flags |= DUAL_PERSON | PEOPLE;
        if !sound_plural.contains(&stem.as_str()) {
            form(&mut forms, &format!("{stem}ين")).flags |= DUAL_PERSON | PEOPLE;
        }
    }
    let flag_lists = [
        ("people", PEOPLE),
        ("not_people", NOT_PEOPLE_WORD),
        ("subgroup", SUBGROUP_WORD),
        ("filler", FILLER),
        ("label_before", LABEL),
        ("toll", TOLL),
        ("met", MET_WORD),
        ("manner", MANNER),
        ("owner_one", OWNER_ONE),
        ("owner_two", OWNER_TWO),
        ("owner_many", OWNER_MANY),
        ("one_more", ONE_MORE),
        ("companion", COMPANION),
        ("companion_two", COMPANION_TWO),
        ("two_more", TWO_MORE),
        ("end_on", END_ON),
        ("lost", LOST_WORD),
        ("lost_trace", LOST_TRACE),
        ("others", OTHERS),
        ("killed_word", HARM_WORD),
        ("injured_word", HARM_WORD),
        ("one", ONE),
        ("negation", NEGATION),
        ("harm_outcome", HARM_OUTCOME),
        ("unknown_toll", UNKNOWN_TOLL),
        ("rank", RANK),
        ("explains_total", EXPLAINS),
        ("source_before", SOURCE),
    ];
    for (list, flag) in flag_lists {
        for word in rules.words(list) {
            form(&mut forms, word).flags |= flag;
        }
    }
    for (k, (words, _)) in HEDGES.iter().enumerate() {
        form(&mut forms, &words[0]).hedges |= 1 << k;
    }
    for word in number_words() {
        form(&mut forms, word).flags |= NUMBER_WORD;
    }
    forms
}

/// Whether one of `stems` is a word of list `list` whose entries may end in `*` (a stem that
/// may run on): "مصرع*" finds مصرعهم.
fn stem_in(stems: &Forms<'_>, list: &[(String, bool)]) -> bool {
    stems.iter().any(|s| {
        list.iter().any(|(w, run_on)| {
            if *run_on {
                s.starts_with(w.as_str())
            } else {
                s == w
            }
        })
    })
}

/// A list of the rules whose entries may end in `*`, as (word, may run on).
fn run_on_list(list: &str) -> Vec<(String, bool)> {
    rules::active()
        .words(list)
        .map(|w| match w.strip_suffix('*') {
            Some(stem) => (stem.to_string(), true),
            None => (w.to_string(), false),
        })
        .collect()
}

/// The entry of `w` in a table of forms.
/// The entry of word `w` as written in a list, folded like the text it is looked up in
/// ("سائق" is found as سايق, "رؤوس" as روس), so a list need not be written folded.
fn form<'m>(forms: &'m mut FastMap<String, Form>, w: &str) -> &'m mut Form {
    forms.entry(fold(w)).or_default()
}

/// What the word lists say of one word, from all its forms: read once per token.
#[derive(Debug, Clone)]
struct Info<'a> {
    /// The forms of the word without clitics ([`clitics::forms`]).
    stems: Forms<'a>,
    /// The casualty word's category, by the best-ranked form (the first of equal rank).
    trigger: Option<Cat>,
    nouns: u8,
    /// The vague quantity of its first form that is one.
    vague: Option<u32>,
    /// The dual casualty noun of its first form that is one.
    dual_casualty: Option<Cat>,
    flags: u32,
    /// The flags of the word itself, as written (not of its other forms).
    own: u32,
    /// The [`HEDGES`] one of its forms is the first word of ([`Form::hedges`]).
    hedges: u32,
    /// A noun for people, singular, plural or dual ("عنصراً", "جنود", "والمدنيين").
    people: bool,
}

impl<'a> Info<'a> {
    /// What the lists say of `word`, whose forms are `stems`.
    fn of(word: &'a str, stems: Forms<'a>) -> Self {
        let mut trigger: Option<(u8, Cat)> = None;
        let (mut nouns, mut flags, mut hedges, mut own) = (0, 0, 0, 0);
        let (mut vague, mut dual_casualty) = (None, None);
        for s in stems.iter() {
            let Some(f) = FORMS.get(s) else {
                continue;
            };
            // Every form is a suffix of the word: the one as long as it is the word itself,
            // told without comparing their bytes.
            let itself = s.len() == word.len();
            if itself {
                own = f.flags;
            }
            if let Some((rank, cat)) = f.trigger {
                if trigger.is_none_or(|(best, _)| rank < best) {
                    trigger = Some((rank, cat));
                }
            }
            nouns |= f.nouns;
            flags |= f.flags;
            hedges |= f.hedges;
            // A vague quantity that is also a number word is, written bare, the number word
            // ("آلاف" multiplies in "خمسة آلاف"), read elsewhere.
            if vague.is_none() && !(itself && f.flags & NUMBER_WORD != 0) {
                vague = f.vague;
            }
            dual_casualty = dual_casualty.or(f.dual_casualty);
        }
        // A word's forms hold the forms of each of its forms, so a dual among the latter is
        // among the former; unless the forms are full, when each form's own are asked.
        let people = if !stems.is_full() {
            flags & PEOPLE != 0
        } else {
            stems.iter().any(|s| form_has(s, PEOPLE))
                || stems.of_each().any(|s| form_has(s, DUAL_PERSON))
        };
        Info {
            stems,
            trigger: trigger.map(|(_, cat)| cat),
            nouns,
            vague,
            dual_casualty,
            flags,
            own,
            hedges,
            people,
        }
    }

    fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// The category of a noun that follows a figure ("قتيلاً", "جرحى", "أسرى", "مفقودين"):
    /// killed first, then injured, captured and missing.
    fn casualty_noun(&self) -> Option<Cat> {
        NOUN_BITS
            .iter()
            .find(|(_, bit)| self.nouns & bit != 0)
            .map(|&(cat, _)| cat)
    }
}

/// The form `s` carries `flag`.
fn form_has(s: &str, flag: u32) -> bool {
    FORMS.get(s).is_some_and(|f| f.flags & flag != 0)
}

/// The stem a dual suffix attaches to: ta marbuta (folded to ه) becomes ت (morphology, which
/// stays code).
fn dual_base(singular: &str) -> String {
    match singular.strip_suffix('ه') {
        Some(b) => format!("{b}ت"),
        None => singular.to_string(),
    }
}

/// Words a verb's subject may take before its object ("أعدم عناصر التنظيم شاباً").
const SUBJECT_WORDS: usize = 3;

/// Words of a clause of how a verb's subject came («يستقلون دراجة نارية») that may stand
/// between it and its object besides the subject's own.
const SUBJECT_CLAUSE_WORDS: usize = 3;

/// Words of when («مساء أمس الاثنين», «فجر اليوم») that may stand among a verb's subject
/// and its object besides the subject's own.
const WHEN_WORDS: usize = 4;

/// A word of when: a time of day, «يوم», a day named from publication, a weekday, «الماضي»
/// (`time_of_day`, `day_word`, `relative_day`, `weekday`, `past_word` of dates.csv).
fn is_when(w: &str) -> bool {
    static WHEN: LazyLock<rules::WordSet> = LazyLock::new(|| {
        rules::WordSet::of_lists(&[
            "time_of_day",
            "day_word",
            "relative_day",
            "weekday",
            "past_word",
        ])
    });
    WHEN.has_word(w)
}

/// Words a victim's name and origin may take before the next victim of a list.
const NAME_WORDS: usize = 4;
/// Longest list of victims named one by one that is read as a count.
const MAX_NAMED: u32 = 6;

#[cfg(test)]
mod tests {
    use super::*;

    fn value(c: &Option<Count>) -> Option<u32> {
        c.as_ref().map(|c| c.value)
    }

    /// (sentence, killed, injured)
    const KILLED_INJURED: &[(&str, Option<u32>, Option<u32>)] = &[
        // persons joined to a counted group by «و»; two written after its plural; «آخران»
        ("مقتل طفلين وامرأة بانفجار لغم", Some(3), None),
        ("قتل أكثر من 10 عناصر وضابط بهجوم", Some(11), None),
        ("قتل ثلاثة عناصر وأصيب طفل بالانفجار", Some(3), Some(1)),
        ("أدى الهجوم لمقتل مقاتلين اثنين", Some(2), None),
        ("أدى الهجوم لمقتل مقاتلين من قسد", None, None),
        ("قتل 2 مقاتلين اثنين", Some(2), None),
        ("قتل عنصر وأصيب آخران بالانفجار", Some(1), Some(2)),
        // «القضاء على»: killed only with «على» right after it
        ("تمكن الجيش من القضاء على 6 إرهابيين", Some(6), None),
        ("قضت المحكمة على 3 متهمين بالسجن", None, None),
        ("أحالت السلطات 5 أشخاص إلى القضاء", None, None),
        // a verb's object after the words of when
        ("قتل مسلحون مجهولون فجر اليوم راعياً", Some(1), None),
        ("اغتال مجهولون مساء أمس الاثنين عنصراً في قسد", Some(1), None),
        ("أعدم التنظيم يوم الجمعة الماضي شاباً", Some(1), None),
        ("قتل عناصر التنظيم المتمركزين في البادية شاباً", None, None),
        // digits in both scripts
        (
            "قُتل 12 عنصراً من قوات النظام بهجوم على حاجز قرب السخنة",
            Some(12),
            None,
        ),
        (
            "مقتل ١٤ جندياً وإصابة ٦ آخرين بكمين في بادية حمص",
            Some(14),
            Some(6),
        ),
        // number words, masculine and feminine, compound
        (
            "لقي ثلاثة رعاة مصرعهم بانفجار لغم في بادية الشولا",
            Some(3),
            None,
        ),
        (
            "قتلت سبع نساء وجرح أحد عشر آخرون بقصف على المخيم",
            Some(7),
            Some(11),
        ),
        (
            "أسفر الهجوم عن مقتل إحدى وستين عنصراً من الميليشيات",
            Some(61),
            None,
        ),
        (
            "مقتل اثني عشر جندياً في اشتباكات بمحيط أثريا",
            Some(12),
            None,
        ),
        ("ارتفعت الحصيلة إلى خمسة وعشرين قتيلاً", Some(25), None),
        (
            "قتل أربعة من عناصر الدفاع الوطني وأصيب عشرة آخرون",
            Some(4),
            Some(10),
        ),
        // duals and singular nouns
        (
            "قتل عنصران من لواء القدس وجرح ثالث بانفجار عبوة",
            Some(2),
            Some(1),
        ),
        ("مقتل جنديين بقذيفة هاون على نقطة عسكرية", Some(2), None),
        (
            "قتل راعٍ جراء انفجار لغم أرضي في بادية السخنة",
            Some(1),
            None,
        ),
        (
            "قتل الشاب محمد العلي والشاب أحمد الحسن برصاص مجهولين",
            Some(2),
            None,
        ),
        ("مقتل طفل وامرأة بقصف مدفعي على القرية", Some(2), None),
        ("فارق طفل الحياة متأثراً بجراحه التي أصيب بها", Some(1), None),
        ("عثر الأهالي على جثث 4 رعاة مقتولين بالرصاص", Some(4), None),
        ("عثر على جثة شاب مقتول في البادية", Some(1), None),
        (
            "لقي عنصران من الفرقة الرابعة حتفهما، وأصيب 5 آخرون، في هجوم على حاجز",
            Some(2),
            Some(5),
        ),
        (
            "قتل عنصر من الدفاع الوطني وعنصر من لواء القدس",
            Some(2),
            None,
        ),
        ("قتل عنصر وأصيب عنصر آخر بجروح", Some(1), Some(1)),
        ("سقط قتيلان وثلاثة جرحى بانفجار لغم أرضي", Some(2), Some(3)),
        ("توفي طفلان بانفجار مخلفات حرب قرب تدمر", Some(2), None),
        ("لقي شقيقان حتفهما أثناء جمع الكمأة", Some(2), None),
        (
            "أدى الاستهداف إلى مقتل عنصر من الفرقة الرابعة",
            Some(1),
            None,
        ),
        (
            "أسفر الانفجار عن مقتل شخص وإصابة ثلاثة عناصر من الفرقة 70",
            Some(1),
            Some(3),
        ),
        (
            "أسفر الهجوم عن مقتل الضابط وإصابة اثنين من مرافقيه",
            Some(1),
            Some(2),
        ),
        ("إصابة مدني برصاص مجهولين في ريف دير الزور", None, Some(1)),
        ("مقتل مدنيين بقصف مدفعي على البلدة", None, None),
        (
            "مقتل 8 عناصر من الميليشيات وإصابة آخرين، ومقتل مسلح واحد من المهاجمين",
            Some(9),
            None,
        ),
        // killed vocabulary
        (
            "استشهاد 9 من القوات الرديفة باستهداف حافلة على طريق تدمر",
            Some(9),
            None,
        ),
        ("سقوط 6 قتلى و4 جرحى من المدنيين", Some(6), Some(4)),
        ("أودى الانفجار بحياة 3 أشخاص", Some(3), None),
        ("نفوق 40 رأساً من الأغنام بقصف على المراعي", None, None),
        ("تصفية 3 عناصر من التنظيم خلال عملية تمشيط", Some(3), None),
        // hedges
        ("مقتل ما لا يقل عن 20 عنصراً من قوات النظام", Some(20), None),
        (
            "قتل أكثر من 30 عنصراً وأصيب نحو 40 آخرين",
            Some(30),
            Some(40),
        ),
        (
            "قُتل بحسب مصادر محلية حوالي 21 عنصراً في قوات النظام",
            Some(21),
            None,
        ),
        ("مقتل 15 عنصراً على الأقل في الهجوم", Some(15), None),
        ("أسفر القصف عن مقتل قرابة 50 مسلحاً", Some(50), None),
        // per-side sums and sub-counts
        (
            "مقتل 21 عنصراً من قوات النظام بينما قتل 13 من التنظيم",
            Some(34),
            None,
        ),
        (
            "تأكد مقتل 4 جنود و26 من عناصر الدفاع الوطني",
            Some(30),
            None,
        ),
        ("مقتل 5 عناصر بينهم قيادي في الميليشيا", Some(5), None),
        ("17 قتيلاً بينهم ضابطان في هجوم على البادية", Some(17), None),
        (
            "مقتل 6 عناصر منهم 2 من الضباط وإصابة 3 آخرين",
            Some(6),
            Some(3),
        ),
        // combined killed and injured: no count of dead
        ("أكثر من 15 بين قتيل وجريح في هجوم على حاجز", None, None),
        ("مقتل وإصابة ستة من عناصر قسد", None, None),
        ("سقوط 25 قتيلاً وجريحاً في الانفجار", None, None),
        ("قتل وجرح عدة عناصر بينهم قياديان", None, None),
        // traps: units, outlets, dates, durations, distances, ages, vehicles
        (
            "وصلت تعزيزات من الفرقة 25 مهام خاصة إلى المنطقة",
            None,
            None,
        ),
        ("قتل عنصر من اللواء 137 في بادية الميادين", Some(1), None),
        (
            "نقلت شبكة البادية 24 مقتل 3 عناصر من الميليشيا",
            Some(3),
            None,
        ),
        (
            "قتل 7 عناصر في 8 نوفمبر 2023 بهجوم على الرصافة",
            Some(7),
            None,
        ),
        ("مقتل 11 عنصراً خلال 48 ساعة من الاشتباكات", Some(11), None),
        (
            "قتل شاب يبلغ من العمر 25 عاماً على بعد 25 كم من تدمر",
            Some(1),
            None,
        ),
        ("قتل 3 وتدمير 3 سيارات و دبابتين للنظام", Some(3), None),
        ("استمر الهجوم 4 ساعات وقتل خلاله 30 عنصراً", Some(30), None),
        ("قتل 5 عناصر في الهجوم الذي شنه 20 مسلحاً", Some(5), None),
        ("مقتل قيادي منذ عام 2020 في المنطقة", Some(1), None),
        ("https://example.org/news/4521/مقتل-3-عناصر", Some(3), None),
        ("مقتل 40% من العناصر المهاجمة", None, None),
        // one subject before its verb, and a manner phrase before a new clause
        (
            "أفاد المصدر أن عنصراً قتل وأصيب أربعة آخرون بانفجار لغم",
            Some(1),
            Some(4),
        ),
        (
            "مقتل 6 عناصر وإصابة آخرين بجروح، ومقتل مهاجم واحد",
            Some(7),
            None,
        ),
        // statistics still read
        ("وثق المرصد مقتل 329 عنصراً منذ مطلع العام", Some(329), None),
        (
            "مقتل 5 عناصر في الهجوم ثم ارتفع عدد القتلى إلى 8",
            Some(8),
            None,
        ),
        // vague quantities and no figure
        ("مقتل عدد من العناصر بانفجار عبوة", None, None),
        ("فقدت الميليشيا عدداً من عناصرها في كمائن", None, None),
        ("لم تتضح خسائر الطرفين في الاشتباكات", None, None),
        ("مقتل أقل من 10 عناصر", None, None),
        // the owner's pronoun is the count
        (
            "استهدفت طائرة مسيرة سيارة تقل قياديين قرب البوكمال، ما أدى إلى مقتلهما",
            Some(2),
            None,
        ),
        (
            "استهدفت طائرة مسيرة سيارة تقل أربعة عناصر على الطريق، ما أدى لمقتلهم",
            Some(4),
            None,
        ),
        (
            "استهدف مسلحون شاباً بالرصاص في بلدة الشحيل، ما أدى إلى مقتله وإصابة طفل",
            Some(1),
            Some(1),
        ),
        // … not counted twice, and "هم" without people counted before is no count
        (
            "لقي عنصران من قوات النظام حتفهما بانفجار لغم",
            Some(2),
            None,
        ),
        (
            "قتل ثلاثة عناصر بانفجار لغم، ما أدى إلى مقتلهم",
            Some(3),
            None,
        ),
        ("استهدف الطيران مواقعهم ما أدى إلى مقتلهم", None, None),
        // verbs of execution and of martyrdom in their persons and genders
        (
            "وأكدت المصادر أن المهاجمين أعدموا أربعة عناصر من الفيلق الخامس",
            Some(4),
            None,
        ),
        ("أعدمت خلايا التنظيم خمسة رعاة في البادية", Some(5), None),
        ("ذبح عناصر التنظيم راعيين قرب السخنة", Some(2), None),
        ("اغتال مسلحون مجهولون ثلاثة عناصر", Some(3), None),
        (
            "أسفر الاستهداف عن ارتقاء أربعة من الحراس وإصابة 9 آخرين",
            Some(4),
            Some(9),
        ),
        ("ارتقى ثلاثة شهداء بالقصف", Some(3), None),
        // "راح ضحيته": killed, as "لقي مصرعه"
        ("راح ضحية الهجوم ستة عناصر من قوات النظام", Some(6), None),
        ("هجوم ذهب ضحيته سبعة مدنيين", Some(7), None),
        ("راح المسلحون يطلقون النار على 4 عناصر", None, None),
        // the injured rushed to treatment
        ("وأُسعف عنصران آخران للعلاج في مشفى سلمية", None, Some(2)),
        ("وأسعفت فرق الإسعاف ثلاثة مدنيين إلى المشفى", None, Some(3)),
        ("جرحت امرأة بالقصف", None, Some(1)),
        // a victim's rank does not part the victims of a list
        (
            "قتل ضابط برتبة ملازم في صفوف قوات النظام، وعنصر من الدفاع الوطني",
            Some(2),
            None,
        ),
        ("قتل عنصر برتبة مساعد أول وجندي", Some(2), None),
        // a group after "بعد" explains the running total told before it
        (
            "وارتفعت الحصيلة إلى خمسة قتلى بعد وفاة اثنين من الجرحى",
            Some(5),
            None,
        ),
        (
            "ارتفع عدد قتلى الهجوم على حاجز قرب الرصافة إلى سبعة عناصر إثر وفاة جندي",
            Some(7),
            None,
        ),
        (
            "ارتفعت حصيلة ضحايا الهجوم الذي استهدف حافلة عسكرية قرب مدينة تدمر أمس إلى 18 قتيلاً، بعد وفاة اثنين من الجرحى",
            Some(18),
            None,
        ),
        (
            "وارتفع عدد قتلى قوات النظام في الكمين الذي نصبه عناصر التنظيم قرب السخنة إلى تسعة بعد وفاة جندي متأثراً بجراحه",
            Some(9),
            None,
        ),
        ("قتل 5 عناصر بعد مقتل 3 آخرين أمس", Some(8), None),
        // a running total read by the casualty word of its toll
        (
            "وتوفي اثنان من الجرحى متأثرين بجراحهم، ليرتفع عدد قتلى الهجوم إلى خمسة",
            Some(5),
            None,
        ),
        ("لترتفع حصيلة قتلى القصف على البلدة إلى 12", Some(12), None),
        ("ليرتفع عدد جرحى الانفجار إلى سبعة", None, Some(7)),
        // groups of two sides, the first side named before the second group
        (
            "قتل أربعة عناصر من قوات النظام واثنان من الدفاع الوطني",
            Some(6),
            None,
        ),
        (
            "أسفر الهجوم عن مقتل عنصرين من قوات النظام وثلاثة من الدفاع الوطني",
            Some(5),
            None,
        ),
        (
            "قتل عنصران في صفوف قوات النظام وثلاثة عناصر من الميليشيات",
            Some(5),
            None,
        ),
        (
            "قتل 4 عناصر من قوات النظام في هجوم و3 سيارات",
            Some(4),
            None,
        ),
        // the figure far from its verb
        (
            "قُتل في الهجوم الذي وقع قرب السخنة مساء أمس الأحد خمسة عناصر",
            Some(5),
            None,
        ),
        // … even after a long adverbial, when "في" follows the verb
        (
            "قتل في الانفجار الذي استهدف حافلة عسكرية على طريق السخنة صباح اليوم سبعة عناصر",
            Some(7),
            None,
        ),
        (
            "وجرح في القصف الذي شنته الطائرات الحربية على مواقع التنظيم قرب بلدة الرصافة فجر أمس 12 مقاتلاً",
            None,
            Some(12),
        ),
        // … but not a figure after another verb's object
        ("قتل عنصر في الهجوم الذي شنه 20 مسلحاً", Some(1), None),
        // a bare figure before a preposition's noun is not a count of that noun
        ("قتل جنديان وأصيب ثلاثة بهجوم على حاجز", Some(2), Some(3)),
        ("قتل عنصر وأصيب 3 بانفجار لغم", Some(1), Some(3)),
        ("قتل 3 عناصر خلال الـ48 ساعة الماضية", Some(3), None),
        // active verbs of injuring
        ("وقتلوا ثلاثة عناصر وأصابوا اثنين", Some(3), Some(2)),
        ("أصابت القذيفة أربعة مدنيين", None, Some(4)),
        // a casualty noun for one after a count of the other category
        ("خلف الهجوم ثلاثة قتلى وجريحاً", Some(3), Some(1)),
        ("أسفر القصف عن خمسة جرحى وقتيلاً", Some(1), Some(5)),
        ("أسفر الهجوم عن 15 قتيلاً وجريحاً", None, None),
        ("أسفر الهجوم عن 25 قتلى وجرحى", None, None),
    ];

    #[test]
    fn a_denial_of_harm_is_a_count_of_none() {
        // (sentence, killed, injured)
        let rows: [(&str, Option<u32>, Option<u32>); 16] = [
            ("انفجرت عبوة ناسفة دون وقوع إصابات", None, Some(0)),
            ("ولم تسفر الغارات عن إصابات", None, Some(0)),
            ("ولم يسفر القصف عن أي إصابات بشرية", Some(0), Some(0)),
            ("ولم ينجم عن الهجوم إصابات بشرية", Some(0), Some(0)),
            ("سقطت القذائف بدون أن تقع ضحايا", Some(0), Some(0)),
            ("من دون تسجيل خسائر بشرية", Some(0), Some(0)),
            ("ولم يسفر عن سقوط قتلى", Some(0), None),
            // a denial of knowledge leaves the toll unknown
            ("ولم تعرف حصيلة الإصابات حتى الآن", None, None),
            ("من دون الإشارة حتى إلى سقوط جرحى", None, None),
            ("لم ترد معلومات عن وقوع ضحايا", None, None),
            ("ولم تذكر المصادر وقوع إصابات", None, None),
            ("ولم يتم تحديد عدد الإصابات", None, None),
            ("ولم يتم تسجيل إصابات", None, Some(0)),
            ("بدون ضحايا", Some(0), Some(0)),
            // a count, or harm told outside the denial, is not denied
            ("قتل 3 عناصر ولم تسجل إصابات", Some(3), Some(0)),
            ("أصيب عنصران ولم يسفر الهجوم عن قتلى", Some(0), Some(2)),
        ];
        for (text, killed, injured) in rows {
            let c = casualties(text);
            assert_eq!(value(&c.killed), killed, "killed in «{text}»: {c:?}");
            assert_eq!(value(&c.injured), injured, "injured in «{text}»: {c:?}");
        }
        let c = casualties("وأصيب آخرون بجروح، ولم يسفر الهجوم عن قتلى");
        assert!(c.injured_told && !c.killed_told, "{c:?}");
        assert_eq!(c.injured, None);
    }

    #[test]
    fn a_casualty_verb_after_a_group_and_its_side_counts_it() {
        for (text, killed, injured) in [
            ("5 عناصر قتلوا بهجوم للتنظيم", Some(5), None),
            (
                "نعت صفحات موالية 3 عناصر من ميليشيا الدفاع الوطني قتلوا بهجوم للتنظيم",
                Some(3),
                None,
            ),
            (
                "نعت صفحات موالية عنصرين من ميليشيا لواء القدس قتلا خلال اشتباكات",
                Some(2),
                None,
            ),
            (
                "خمسة عناصر من قوات النظام أصيبوا بانفجار لغم",
                None,
                Some(5),
            ),
            (
                "ثلاثة مدنيين في قرية الكوم لقوا مصرعهم بانفجار لغم",
                Some(3),
                None,
            ),
            (
                "نعت صفحات موالية عنصراً من ميليشيا الدفاع الوطني قتل بانفجار لغم",
                Some(1),
                None,
            ),
            ("أن ضابطاً في قوات النظام أصيب بجروح", None, Some(1)),
            // The person is the one who struck: no casualty verb follows his side.
            ("هاجم عنصر من التنظيم حاجزاً للنظام", None, None),
            // A verb with an object of its own was done by the group, not to it.
            (
                "قالت مصادر إن 3 عناصر من تنظيم داعش قتلوا جندياً من قوات النظام",
                Some(1),
                None,
            ),
            ("عنصرين من قسد قتلا شاباً وأصابا آخر", Some(1), None),
            ("4 عناصر من قوات داعش قتلوا عنصرين", Some(2), None),
            ("4 عناصر من داعش قتلوا عنصرين من قسد", Some(2), None),
            ("4 عناصر من خلايا داعش قتلوا عنصرين من قسد", Some(2), None),
            ("عنصر من الأمن العسكري قتل شاباً", Some(1), None),
            ("4 عناصر قتلوا عنصرين", Some(2), None),
            ("4 عناصر من داعش قتلوا عنصرين", Some(2), None),
            // A person among the dead, then another clause.
            (
                "قتل 4 من المسلحين بينهم عنصر من الجنسية السورية، كما أصيب أكثر من 10 آخرين",
                Some(4),
                Some(10),
            ),
        ] {
            let c = casualties(text);
            assert_eq!(value(&c.killed), killed, "killed in «{text}»: {c:?}");
            assert_eq!(value(&c.injured), injured, "injured in «{text}»: {c:?}");
        }
    }

    #[test]
    fn the_object_of_a_verb_that_holds_its_subject_is_counted() {
        for (text, killed, injured) in [
            ("هاجموا الحاجز وقتلوا جنديا", Some(1), None),
            ("فقتلوا ثلاثه منهم", Some(3), None),
            ("وقتلت عنصرا واصابت اخر", Some(1), Some(1)),
            ("واغتالوا طبيبا وشابا", Some(2), None),
            ("واصابوا مدنيا", None, Some(1)),
            ("وقتل جندي", Some(1), None),
            // Done before the news: no victim of today's incident.
            (
                "سلم مسلحون انفسهم وكانوا قد قتلوا جنديا في هجوم سابق",
                None,
                None,
            ),
            ("وكان قد قتل مسلحون راعيا", None, None),
        ] {
            let c = casualties(text);
            assert_eq!(value(&c.killed), killed, "killed in «{text}»: {c:?}");
            assert_eq!(value(&c.injured), injured, "injured in «{text}»: {c:?}");
        }
    }

    #[test]
    fn who_tells_is_no_victim() {
        for (text, killed) in [
            ("وأفاد ناشطان بمقتل جندي", Some(1)),
            ("قتل عنصران بحسب ناشطين", Some(2)),
            ("قال مراسلان إن عنصراً قتل", Some(1)),
            ("وفق ناشطين قتل 3 عناصر", Some(3)),
            ("قتل ناشطان وأصيب ثالث", Some(2)),
            ("مقتل مراسل حربي", Some(1)),
        ] {
            let c = casualties(text);
            assert_eq!(value(&c.killed), killed, "«{text}»: {c:?}");
        }
    }

    #[test]
    fn a_joined_person_widens_the_span_and_the_bounds() {
        let text = "قتل أكثر من 10 عناصر وضابط بهجوم";
        let k = casualties(text).killed.unwrap();
        assert_eq!((k.value, k.low, k.high), (11, 11, None));
        assert_eq!(&text[k.span.clone()], "أكثر من 10 عناصر وضابط");
        let text = "قتل بين 3 و5 عناصر وطفل";
        let k = casualties(text).killed.unwrap();
        assert_eq!((k.value, k.low, k.high), (4, 4, Some(6)));
    }

    #[test]
    fn running_totals_are_marked() {
        let c = casualties("ليرتفع عدد قتلى قوات النظام إلى 10 عناصر خلال ساعات");
        assert!(c.killed.is_some_and(|k| k.value == 10 && k.running_total));
        let c = casualties("قتل 10 عناصر بهجوم");
        assert!(c.killed.is_some_and(|k| !k.running_total));
    }

    #[test]
    fn killed_and_injured() {
        for (text, killed, injured) in KILLED_INJURED {
            let c = casualties(text);
            assert_eq!(value(&c.killed), *killed, "killed in «{text}»: {c:?}");
            assert_eq!(value(&c.injured), *injured, "injured in «{text}»: {c:?}");
        }
    }

    #[test]
    fn captured_missing_and_combined() {
        // (sentence, captured, missing, combined)
        type Row = (&'static str, Option<u32>, Option<u32>, Option<u32>);
        let rows: [Row; 6] = [
            ("أسر 4 جنود خلال الهجوم على النقطة", Some(4), None, None),
            ("اختطاف ثلاثة رعاة قرب جبل البشري", Some(3), None, None),
            ("فقدان 5 عناصر بعد الكمين", None, Some(5), None),
            ("قتل وأسر 13 عنصراً من ميليشيا فاطميون", None, None, Some(13)),
            ("أكثر من 15 بين قتيل وجريح", None, None, Some(15)),
            ("وقع 2 أسيرين بيد التنظيم", Some(2), None, None),
        ];
        for (text, captured, missing, combined) in rows {
            let c = casualties(text);
            assert_eq!(value(&c.captured), captured, "captured in «{text}»: {c:?}");
            assert_eq!(value(&c.missing), missing, "missing in «{text}»: {c:?}");
            assert_eq!(value(&c.combined), combined, "combined in «{text}»: {c:?}");
        }
    }

    #[test]
    fn hedges_and_ranges_set_bounds() {
        // (sentence, value, low, high, vague)
        let rows: [(&str, u32, u32, Option<u32>, bool); 6] = [
            ("مقتل 17 عنصراً", 17, 17, Some(17), false),
            ("مقتل أكثر من 20 عنصراً", 20, 20, None, false),
            ("مقتل بين 10 و15 عنصراً", 10, 10, Some(15), false),
            ("مقتل 10 إلى 15 عنصراً", 10, 10, Some(15), false),
            ("مقتل عشرات العناصر في الهجوم", 10, 10, None, true),
            ("ارتفعت الحصيلة من 10 إلى 15 قتيلاً", 15, 15, Some(15), false),
        ];
        for (text, v, low, high, vague) in rows {
            let k = casualties(text).killed;
            let k = k.unwrap_or_else(|| panic!("no killed in «{text}»"));
            assert_eq!(
                (k.value, k.low, k.high, k.vague),
                (v, low, high, vague),
                "«{text}»"
            );
        }
    }

    #[test]
    fn spans_cover_the_phrase_as_written() {
        let text = "قُتل 17 عنصراً من قوات النظام، وأصيب أكثر من ٣٠ آخرين";
        let c = casualties(text);
        let k = c.killed.expect("killed");
        assert_eq!(&text[k.span], "17 عنصراً");
        let i = c.injured.expect("injured");
        assert_eq!(&text[i.span], "أكثر من ٣٠ آخرين");
    }

    #[test]
    fn parse_and_find_numbers() {
        assert_eq!(
            parse_number("  ثلاثة عشر"),
            Some((13, 2.."  ثلاثة عشر".len()))
        );
        assert_eq!(parse_number("٢٥ كم"), Some((25, 0.."٢٥".len())));
        assert_eq!(parse_number("قتلى"), None);
        let found = find_numbers("الفرقة 25 و٣ من العناصر وخمسة آخرون");
        let values: Vec<u32> = found.iter().map(|(v, _)| *v).collect();
        assert_eq!(values, vec![25, 3, 5]);
    }

    #[test]
    fn spans_lie_inside_the_input_on_char_boundaries() {
        let mut inputs: Vec<String> = KILLED_INJURED.iter().map(|r| r.0.to_string()).collect();
        inputs.extend(
            [
                "",
                "،،، ١٧",
                "مـقـتـل ١٧ عـنـصـراً",
                "قُتِلَ ثَلَاثَةُ عَنَاصِرَ",
                "17",
                "بين",
                "مقتل",
                "أكثر من",
                "\u{200f}مقتل 3\u{200f}",
                "ﻻ مقتل ٣ ﻻ",
                "قتل 99999999999999 عنصراً",
            ]
            .map(String::from),
        );
        for s in &inputs {
            let c = casualties(s);
            for count in [&c.killed, &c.injured, &c.captured, &c.missing, &c.combined]
                .into_iter()
                .flatten()
            {
                let r = &count.span;
                assert!(r.start <= r.end && r.end <= s.len(), "span {r:?} in «{s}»");
                assert!(
                    s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
                    "«{s}»"
                );
            }
            for (_, r) in find_numbers(s).into_iter().chain(parse_number(s)) {
                assert!(
                    r.end <= s.len() && s.is_char_boundary(r.start) && s.is_char_boundary(r.end)
                );
            }
        }
    }
}
