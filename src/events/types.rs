//! ACLED event types read from an incident sentence. In comes one sentence as written; out comes
//! its ACLED `event_type`, `sub_event_type` and `disorder_type` ([`classify`]), or nothing when
//! the sentence reports no incident: background, politics, period totals ([`is_statistics`]) or
//! troop movements with no violence ([`is_context_only`]). Forces brought up to a place with
//! no violence told are ACLED's Strategic developments ([`reinforcement`]).
//!
//! The words are the lists of `data/rules/incidents.csv` ([`crate::rules`]): the cues with
//! what each says, and the words of summaries, reinforcements, fighters and the other tests
//! below. The sentence is read for cue words (matched on the folded text like actor names, so
//! clitics and spelling variants do not matter; see [`trigger_words`]). A cue written right
//! after بعد, إثر, عقب or لصد ("after the attack", "to repel the attack") refers to another
//! incident and is set aside, unless all that is told before it is the victims' state
//! ("لا يزال ثلاثة رعاة مفقودين بعد أن خطفهم مسلحون": how they came to it is the incident); a sentence about habits (هجمات متكررة، شبه يومية) reports none.
//! When a sentence holds cues of several kinds, the first row of this table that applies
//! decides:
//!
//! | # | the sentence has | coded as |
//! |---|---|---|
//! | 0 | only a bomb within a few words after a word of foiling (أحبط، أفشل، فكك، ضبط), no fighting and no death or injury told | Strategic developments: Disrupted weapons use; an attempt or plan so foiled is no act at all, an attack itself foiled («أحبطت قسد هجوماً للتنظيم») was fought off (rule 3) |
//! | 1 | a suicide cue (انتحاري، حزام ناسف) and no ground fighting | Explosions/Remote violence: Suicide bomb |
//! | 2 | a mine or IED (لغم، عبوة ناسفة، مخلفات الحرب، مفخخة) that exploded (انفجار، تفجير), or one with no ground fighting | Explosions/Remote violence: Remote explosive/landmine/IED |
//! | 3 | ground fighting (اشتباكات، معارك، كمين، هاجم، تسلل، رشاشات; a هجوم or استهداف not carried out by air, artillery or a bomb and not named after a strike) | Battles: Armed clash; a capture stated as fact (سيطرت، استعادت) and not left again (قبل الانسحاب منها) makes it Government regains territory or Non-state actor overtakes territory by who took it; an attack with no fighting on civilians is Violence against civilians: Attack |
//! | 4 | an abduction (اختطاف، خطف، اقتياد، إلى جهة مجهولة) | Violence against civilians: Abduction/forced disappearance |
//! | 4a | an arrest (اعتقال، القبض على، حملة دهم) and no abduction | Strategic developments: Arrests when made by those who hold the ground (no actor named, or one of a side other than the Islamic State's), else Violence against civilians: Abduction/forced disappearance |
//! | 5 | an execution (إعدام، ذبح) | Violence against civilians: Attack |
//! | 6 | an air or drone strike (غارة، الطيران الحربي، طائرة مسيرة، قصف جوي) | Explosions/Remote violence: Air/drone strike |
//! | 7 | shelling (قصف، قذائف، الهاون، راجمات، صواريخ) | Explosions/Remote violence: Shelling/artillery/missile attack |
//! | 7a | an aggression named by its state (عدوان أمريكي، العدوان الإسرائيلي) | Explosions/Remote violence: Air/drone strike |
//! | 8 | a capture stated as fact; a claimed one (زعمت، تداولت صفحات) or one left again (ثم انسحبوا) | the territory types as in 3; Battles: Armed clash |
//! | 9 | only a death or injury (مقتل، إصابة) | Violence against civilians: Attack if civilians (or nobody named) suffered it, else Battles: Armed clash |
//!
//! So a ground attack with air or artillery support stays the battle (rule 3 before 6 and 7),
//! suicide belts worn inside a battle stay the battle (rule 1 needs no ground fighting), and a
//! mine wins when the casualties come from its explosion (rule 2 before 3).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use super::actors::{self, CIVILIANS};
use super::lexicon::{original_span, Hit};
use super::numwords::Token;
use super::{List, Sentence};
use crate::clitics::{ends_in_article, is_chain_without_like, Through, ARTICLE};
use crate::model::{DisorderType, EventType, SubEventType};
use crate::normalize::fold;
use crate::rules::{self, Rules, WordSet};

/// ACLED's coding of one incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// ACLED `event_type`, e.g. `Battles`.
    pub event_type: EventType,
    /// ACLED `sub_event_type`, e.g. `Armed clash`.
    pub sub_event_type: SubEventType,
    /// ACLED `disorder_type` ([`EventType::disorder_type`]): `Political violence` for
    /// violence, `Strategic developments` for arrests, disrupted weapons use and
    /// reinforcements.
    pub disorder_type: DisorderType,
    /// Byte range of the words that decided it.
    pub trigger: Range<usize>,
}

/// What a cue word says about the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Fighting between two sides: اشتباكات، معارك، مواجهات.
    Fighting,
    /// A ground attack by its manner: كمين، هاجم، تسلل، بالأسلحة الرشاشة.
    GroundAttack,
    /// An attack of unstated manner: هجوم، استهداف.
    Attack,
    Air,
    /// An aggression named by its state («عدوان أمريكي», «العدوان الإسرائيلي»), as state media
    /// name strikes: an air strike unless shelling is told.
    Aggression,
    Shelling,
    Explosive,
    /// The explosion itself: انفجار، تفجير.
    Blast,
    Suicide,
    Abduction,
    /// An arrest by those who hold the ground: اعتقال، القبض على، حملة دهم.
    Arrest,
    Execution,
    /// A death or injury with no manner: مقتل، إصابة.
    Casualty,
    Capture,
    /// Words that make a capture a claim.
    Claim,
    /// Troop movements: تعزيزات، استقدمت، وصلت.
    Movement,
    /// بعد، إثر، عقب، لصد: what follows happened earlier or elsewhere.
    After,
    /// بدعم، بمساندة، بغطاء، مضادات: the aircraft or guns after it support or defend; they
    /// are no act of their own, but an attack after them is ("شنت … بمساندة روسية هجوماً").
    Support,
    /// Habits of the conflict, not one incident: هجمات متكررة، شبه يومية.
    Habitual,
    /// A capture left again by its takers: قبل الانسحاب منها، ثم انسحبوا.
    Undone,
    /// An attack or a weapon stopped before it struck: أحبط، أفشل، فكك.
    Foiled,
}

impl Cue {
    /// Cues that report violence (as opposed to claims, movements and references).
    fn is_violent(self) -> bool {
        !matches!(
            self,
            Cue::Claim
                | Cue::Movement
                | Cue::After
                | Cue::Support
                | Cue::Habitual
                | Cue::Undone
                | Cue::Foiled
        )
    }

    /// Cues of violence at a distance: an attack followed by one of these was carried out so.
    fn is_remote(self) -> bool {
        matches!(
            self,
            Cue::Air | Cue::Aggression | Cue::Shelling | Cue::Explosive | Cue::Suicide
        )
    }
}

/// The names a `cue` row of the rules may give, one per [`Cue`] and in its order (see
/// [`Cue::named`]).
pub(crate) const CUE_NAMES: &[&str] = &[
    "fighting",
    "ground_attack",
    "attack",
    "air",
    "aggression",
    "shelling",
    "explosive",
    "blast",
    "suicide",
    "abduction",
    "arrest",
    "execution",
    "casualty",
    "capture",
    "claim",
    "movement",
    "after",
    "support",
    "habitual",
    "undone",
    "foiled",
];

impl Cue {
    /// The cue a `cue` row names ([`CUE_NAMES`]).
    fn named(name: &str) -> Option<Cue> {
        Some(match name {
            "fighting" => Cue::Fighting,
            "ground_attack" => Cue::GroundAttack,
            "attack" => Cue::Attack,
            "air" => Cue::Air,
            "aggression" => Cue::Aggression,
            "shelling" => Cue::Shelling,
            "explosive" => Cue::Explosive,
            "blast" => Cue::Blast,
            "suicide" => Cue::Suicide,
            "abduction" => Cue::Abduction,
            "arrest" => Cue::Arrest,
            "execution" => Cue::Execution,
            "casualty" => Cue::Casualty,
            "capture" => Cue::Capture,
            "claim" => Cue::Claim,
            "movement" => Cue::Movement,
            "after" => Cue::After,
            "support" => Cue::Support,
            "habitual" => Cue::Habitual,
            "undone" => Cue::Undone,
            "foiled" => Cue::Foiled,
            _ => return None,
        })
    }
}

/// One entry of the `cue` list of the rules (`data/rules/incidents.csv`): what it says, and
/// what the other lists of that file say of it, looked up once.
#[derive(Debug, Clone)]
struct CueEntry {
    /// Folded; a trailing `*` lets the last word run on.
    phrase: &'static str,
    cue: Cue,
    /// It names a weapon rather than its use (the `weapon` list).
    weapon: bool,
    /// It tells an ambush (holds a word of the `ambush` list).
    ambush: bool,
    /// After a bare death or injury it gives the cause (the `cause_after` list).
    cause: bool,
    /// A word of putting an end to (the `end_on` list of casualties.csv): a cue only with
    /// «على» after it ([`super::numbers::end_on_people`]).
    end_on: bool,
    /// A verb that tells violence only when a party is its subject, right after it (the
    /// `party_subject` list: «أصاب مسلحون …», not «أصاب المرض …»).
    party_subject: bool,
}

/// The `cue` list of the rules in force, in file order: the sentence lexicon's cue hits
/// ([`List::Cues`]) index it.
static CUES: LazyLock<Vec<CueEntry>> = LazyLock::new(|| cue_entries(rules::active()));

fn cue_entries(rules: &'static Rules) -> Vec<CueEntry> {
    let weapons: HashSet<&str> = rules.words("weapon").collect();
    let causes: HashSet<&str> = rules.words("cause_after").collect();
    let ambush: Vec<&str> = rules.words("ambush").collect();
    let end_on: HashSet<&str> = rules.words("end_on").collect();
    let party_subject: HashSet<&str> = rules.words("party_subject").collect();
    rules
        .list("cue")
        .iter()
        .map(|e| {
            let phrase = e.folded.trim_end_matches('*');
            CueEntry {
                phrase: &e.folded,
                // The loader accepts only the names of CUE_NAMES.
                cue: Cue::named(&e.value).unwrap_or(Cue::Habitual),
                weapon: weapons.contains(phrase),
                ambush: ambush.iter().any(|a| phrase.contains(a)),
                cause: causes.contains(phrase),
                end_on: end_on.contains(phrase),
                party_subject: party_subject.contains(phrase),
            }
        })
        .collect()
}

/// The cue phrases as listed, without a final `*`: a cue found as one is no incident named
/// again ([`has_article`]).
static LISTED_CUES: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::from_words(CUES.iter().map(|e| e.phrase.trim_end_matches('*'))));

/// The words around a cue that make it an attack that might come or one named again
/// (`hypothetical_before`, `hypothetical_after`), folded.
static HYPOTHETICAL: LazyLock<(WordSet, WordSet)> = LazyLock::new(|| {
    (
        WordSet::of("hypothetical_before"),
        WordSet::of("hypothetical_after"),
    )
});

/// Folded words that open a clause describing a place or side just named
/// (`habit_clause_opener`).
static HABIT_CLAUSE_OPENERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| rules::active().words("habit_clause_opener").collect());

/// How many words after بعد, إثر or عقب a cue counts as a reference ("بعد ساعات من هجوم").
const AFTER_WINDOW: usize = 3;
/// How many words after an attack word a remote cue says how it was done ("استهدف … بقذائف").
const MANNER_WINDOW: usize = 6;

/// The folded entries of a list of the rules in force, in file order.
fn phrases_of(list: &str) -> Vec<&'static str> {
    rules::active().words(list).collect()
}

/// The cue phrases (`cue`), in order: the lexicon's hits index [`CUES`] by them.
pub(super) fn cue_phrases() -> Vec<&'static str> {
    phrases_of("cue")
}

/// Phrases that alone make a sentence a period summary (`summary_period`).
pub(super) fn period_phrases() -> Vec<&'static str> {
    phrases_of("summary_period")
}

/// Spans of time that make a summary when a total goes with them (`summary_span`).
pub(super) fn span_phrases() -> Vec<&'static str> {
    phrases_of("summary_span")
}

/// Words of counting up (`summary_total`).
pub(super) fn total_words() -> Vec<&'static str> {
    phrases_of("summary_total")
}

/// Words of a force being brought up (`reinforcement`).
pub(super) fn reinforcement_words() -> Vec<&'static str> {
    phrases_of("reinforcement")
}

/// Words for fighters (`combatant`): a death among them is no violence against civilians.
pub(super) fn combatant_words() -> Vec<&'static str> {
    phrases_of("combatant")
}

/// Every cue phrase that tells violence, folded, for other stages that pick incident
/// sentences. A trailing `*` lets the last word run on; matching folds both sides, as
/// [`classify`] does.
pub fn trigger_words() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        CUES.iter()
            .filter(|e| e.cue.is_violent())
            .map(|e| e.phrase)
            .collect()
    })
}

/// One cue found in a sentence.
#[derive(Debug, Clone)]
struct Found {
    cue: Cue,
    /// Folded byte range.
    range: Range<usize>,
    /// Index of its first word among the folded words.
    word: usize,
    /// Written after بعد, إثر or عقب: another, earlier incident.
    reference: bool,
    /// Stopped before it struck ([`foil`]): a reference too.
    foiled: bool,
    /// A weapon's name rather than its use (راجمات، مروحيات): moved weapons are no incident.
    weapon: bool,
    /// An ambush (كمين): fighting rather than an attack of unstated manner.
    ambush: bool,
    /// إثر: after a bare death or injury it gives the cause.
    cause: bool,
    /// Written behind the preposition ب: the means of the act before it («بطائرات مسيرة»).
    means: bool,
}

/// The sentence's cues in order, references marked.
fn read_cues(s: &Sentence) -> Vec<Found> {
    let text = s.folded.text.as_str();
    // Folded words are parted by single spaces: the word a byte is in is the last to start at
    // or before it.
    let words = s.words();
    let word_at = |i: usize| words.partition_point(|w| w.start <= i).saturating_sub(1);
    let hits: Vec<Hit> = s.found(List::Cues);
    // Whether a cue of violence starts in word `w`: a blast or a shell can be a verb's
    // subject too. Asked only of the few cues that need a subject.
    let violent_at = |w: usize| {
        hits.iter().any(|h| {
            CUES.get(h.entry).is_some_and(|e| e.cue.is_violent()) && word_at(h.range.start) == w
        })
    };
    let mut found: Vec<Found> = hits
        .iter()
        .cloned()
        .filter_map(|h| {
            let entry = CUES.get(h.entry)?;
            let word = word_at(h.range.start);
            if entry.end_on && !ends_a_party(s, words, word) {
                return None;
            }
            if entry.party_subject && !violent_at(word + 1) && !party_subject_at(s, words, word + 1)
            {
                return None;
            }
            Some(Found {
                weapon: entry.weapon,
                ambush: entry.ambush,
                cause: entry.cause,
                cue: entry.cue,
                word,
                // Only aircraft are asked whether they are the means ([`by_aircraft`]).
                means: entry.cue == Cue::Air
                    && words
                        .get(word)
                        .and_then(|w| text.get(w.start..h.range.start))
                        .is_some_and(crate::clitics::holds_by),
                range: h.range,
                reference: false,
                foiled: false,
            })
        })
        .collect();
    let afters: Vec<usize> = found
        .iter()
        .filter(|f| f.cue == Cue::After && !gives_cause(words, f, &found) && !is_distance(text, f))
        .filter(|f| !follows_a_state(words, f, &found))
        .map(|f| f.word)
        .collect();
    let supports: Vec<usize> = found
        .iter()
        .filter(|f| f.cue == Cue::Support)
        .map(|f| f.word)
        .collect();
    let within = |marks: &[usize], w: usize| marks.iter().any(|&a| a < w && w - a <= AFTER_WINDOW);
    for f in &mut found {
        f.reference = within(&afters, f.word)
            || (f.cue.is_remote() && within(&supports, f.word))
            || is_hypothetical(text, words, f);
    }
    foil(&mut found, s, words);
    found
}

/// Most words between a word of foiling and the attack or weapon it stopped («أحبطت وحدات
/// الجيش العربي السوري فجر اليوم محاولة تسلل»).
const FOIL_WINDOW: usize = 8;

/// "أحبطت قوات الجيش محاولة تسلل لخلايا داعش نحو نقاطها", "فككت وحدات الهندسة عبوة ناسفة":
/// an attack, a strike or a bomb within [`FOIL_WINDOW`] words after a `foiled` cue was stopped
/// before it struck, and is no act of the sentence; unless the sentence tells fighting (even
/// after بعد: «أحبطت … بعد اشتباك مع المتسللين», a clash) or a death or injury of its own
/// («وقتلت اثنين من المهاجمين»): then the attack was fought off, and happened.
fn foil(found: &mut [Found], s: &Sentence, words: &[Token]) {
    // Each word of foiling with the word its reach ends before: [`FOIL_WINDOW`] words, or a
    // clause of its own after a comma.
    let foils: Vec<(usize, usize)> = found
        .iter()
        .filter(|f| f.cue == Cue::Foiled)
        .map(|f| (f.word, clause_after_comma(s, words, f.word)))
        .collect();
    if foils.is_empty() {
        return;
    }
    let fought = found.iter().any(|f| {
        f.cue == Cue::Fighting
            || (f.cue == Cue::GroundAttack && f.ambush)
            || (f.cue == Cue::Casualty && !f.reference)
    });
    if fought || repelled(found, &foils, words) {
        return;
    }
    let stopped = |c: Cue| {
        matches!(
            c,
            Cue::Attack
                | Cue::GroundAttack
                | Cue::Explosive
                | Cue::Blast
                | Cue::Suicide
                | Cue::Shelling
                | Cue::Air
        )
    };
    for f in found.iter_mut() {
        if stopped(f.cue) && in_reach(&foils, f.word) {
            f.reference = true;
            f.foiled = true;
        }
    }
}

/// Words that make what was foiled an attempt or a plan rather than an attack under way
/// (`foil_attempt`: «محاولة تسلل», «هجوماً كانت تعد له»), folded.
static FOIL_ATTEMPT: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("foil_attempt"));

/// How many words after the attack foiled a word of planning still makes it a plan («أفشلت
/// قوات الأمن هجوماً إرهابياً كانت تعد له»).
const PLAN_WINDOW: usize = 4;

/// "أحبطت قسد هجوماً للتنظيم على حاجز": an attack itself (no attempt, no plan, no bomb or
/// strike) foiled was fought off, so it happened: a clash, the attacker's. Every cue stopped
/// after a word of foiling is a ground attack or one of unstated manner, and no word of
/// `foil_attempt` stands from the word of foiling to [`PLAN_WINDOW`] words after the attack.
fn repelled(found: &[Found], foils: &[(usize, usize)], words: &[Token]) -> bool {
    let stopped: Vec<&Found> = found
        .iter()
        .filter(|f| f.cue != Cue::Foiled && f.cue.is_violent() && in_reach(foils, f.word))
        .collect();
    let Some(last) = stopped.last() else {
        return false;
    };
    if !stopped
        .iter()
        .all(|f| matches!(f.cue, Cue::Attack | Cue::GroundAttack))
    {
        return false;
    }
    let first = foils.iter().map(|&(a, _)| a).min().unwrap_or(last.word);
    let end = (last.word + PLAN_WINDOW + 1).min(words.len());
    !words
        .get(first..end)
        .unwrap_or(&[])
        .iter()
        .any(|w| FOIL_ATTEMPT.has_word(w.text))
}

/// Whether the word `w` is within the reach of a word of foiling (its word, and the word its
/// reach ends before).
fn in_reach(foils: &[(usize, usize)], w: usize) -> bool {
    foils
        .iter()
        .any(|&(a, end)| a < w && w - a <= FOIL_WINDOW && w < end)
}

/// The word a foiling's reach ends before: the first word after a comma, within
/// [`FOIL_WINDOW`] words of the word of foiling at `foil`, that is a finite verb opening a
/// clause of its own («أحبطت قوات الجيش محاولة تسلل، وقصفت مدفعيتها مواقع داعش», «…، ثم
/// شنت»); a date or a parenthesis after a comma («أحبطت قوات الأمن، اليوم الأحد، محاولة
/// تفجير») leaves the reach whole.
fn clause_after_comma(s: &Sentence, words: &[Token], foil: usize) -> usize {
    let at = |folded: usize| s.folded.original_start(folded);
    let last = (foil + FOIL_WINDOW).min(words.len().saturating_sub(1));
    for i in foil + 1..=last {
        let between = s
            .text
            .get(at(words[i - 1].start)..at(words[i].start))
            .unwrap_or("");
        if !between.contains(['،', ',']) {
            continue;
        }
        // «ثم» ("then") is a particle a new clause's verb may follow: grammar, not a phrase.
        let verb = match words[i].text {
            "ثم" => words.get(i + 1).map_or("", |w| w.text),
            w => w,
        };
        if is_finite_verb(verb) {
            return i;
        }
    }
    usize::MAX
}

/// Particles and prepositions (`function_word` of places.csv): no verb, even when they end as
/// one does («تحت»).
static FUNCTION_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("function_word"));

/// Whether a folded word, past a conjunction و or ف, is a verb in the past of the third person
/// feminine singular or masculine plural («وقصفت», «فشنت», «استهدفوا»): the endings are the
/// grammar of the verb (a feminine plural noun ends in «ات», a noun with the article is none).
fn is_finite_verb(word: &str) -> bool {
    // A word of three letters opening with و or ف is a noun («وقت»), not a conjunction
    // before a verb of two.
    let Some(core) = word
        .strip_prefix(['و', 'ف'])
        .or(Some(word))
        .filter(|c| c.chars().count() >= 3)
    else {
        return false;
    };
    if core.starts_with("ال") || FUNCTION_WORDS.has_word(word) {
        return false;
    }
    (core.ends_with('ت') && !core.ends_with("ات")) || core.ends_with("وا")
}

/// Whether a cue of violence of the sentence starts at a folded byte `at` holds of: the
/// dates ask it of the clause a day finer than the sentence's week stands in.
pub(super) fn tells_violence(s: &Sentence, at: impl Fn(usize) -> bool) -> bool {
    s.found_all(List::Cues)
        .any(|h| CUES.get(h.entry).is_some_and(|e| e.cue.is_violent()) && at(h.range.start))
}

/// Whether the word of putting an end to at `word` puts an end to people
/// ([`super::numbers::end_on_people`]), a party named right after «على» being the group's
/// defeat («القضاء على داعش»), no incident.
fn ends_a_party(s: &Sentence, words: &[Token], word: usize) -> bool {
    let parties = s.found(List::Actors);
    super::numbers::end_on_people(words, word, |t| names_party(&parties, t)).is_some()
}

/// Whether one of the actor dictionary's hits `parties` starts in the word `t`.
fn names_party(parties: &[Hit], t: &Token) -> bool {
    parties
        .iter()
        .any(|h| (t.start..t.end).contains(&h.range.start))
}

/// Whether a party of the actor dictionary is named from word `word` on («مسلحون مجهولون»,
/// «خلايا داعش»).
fn party_at(s: &Sentence, words: &[Token], word: usize) -> bool {
    words
        .get(word)
        .is_some_and(|t| names_party(&s.found(List::Actors), t))
}

/// Whether a party is the subject that starts at word `word`: named there («أصاب مسلحون
/// مجهولون …»), or as some of its men («أصاب عناصر من خلايا داعش راعيين بجروح»).
fn party_subject_at(s: &Sentence, words: &[Token], word: usize) -> bool {
    party_at(s, words, word)
        || (words.get(word + 1).is_some_and(|t| t.text == "من") && party_at(s, words, word + 2))
}

/// A state that lasts (`lasting_state` of `data/rules/dates.csv`: missing, held).
static LASTING_STATES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("lasting_state"));

/// "لا يزال ثلاثة رعاة مفقودين بعد أن خطفهم مسلحون": the clause before بعد tells only the
/// victims' state, so what follows بعد is how they came to it, the incident itself rather
/// than an earlier one.
fn follows_a_state(words: &[Token], after: &Found, found: &[Found]) -> bool {
    let told_before = found
        .iter()
        .any(|f| f.word < after.word && f.cue.is_violent());
    // «… بعد أن خطفهم مسلحون عام 2019», «… قبل أربع سنوات»: an incident of long ago is no
    // incident of the news; «قبل يومين» is.
    let long_ago = words
        .iter()
        .skip(after.word + 1)
        .any(|w| LONG_UNITS.has_word(w.text));
    !told_before
        && !long_ago
        && words[..after.word.min(words.len())]
            .iter()
            .any(|w| LASTING_STATES.has_word(w.text))
}

/// Years and months, which date a cause long before the news (`long_unit` of
/// `data/rules/dates.csv`).
static LONG_UNITS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("long_unit"));

/// "يتم تفجيرها عن بعد": بعد after عن is distance, not "after". The preposition عن stays
/// in code: it is the grammar this test is about, not a word of a list.
fn is_distance(text: &str, after: &Found) -> bool {
    text[..after.range.start].trim_end().ends_with(" عن")
        || text[..after.range.start].trim_end() == "عن"
}

/// "لضمان سلامة القوافل من أي هجمات محتملة": an attack that might come is none; "لهذا
/// الاستهداف": an attack named again is the one already told.
fn is_hypothetical(text: &str, words: &[Token], f: &Found) -> bool {
    let before = f
        .word
        .checked_sub(1)
        .and_then(|i| words.get(i))
        .map(|w| w.text);
    let span = text.get(f.range.clone()).unwrap_or("");
    let after = words
        .get(f.word + span.matches(' ').count() + 1)
        .map(|w| w.text);
    let (words_before, words_after) = &*HYPOTHETICAL;
    before.is_some_and(|w| words_before.contains(w))
        || after.is_some_and(|w| words_after.contains(w))
}

/// "أصيب ثلاثة مدنيين إثر سقوط قذيفة": إثر right after a bare death or injury gives its
/// cause, the same incident, rather than an earlier one. A death told as one of any cause
/// («وفاة الراعي إثر انفجار لغم»: `bare_death`) is bare too, though no cue of its own.
fn gives_cause(words: &[Token], after: &Found, found: &[Found]) -> bool {
    static BARE_DEATHS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("bare_death"));
    let before: Vec<&Found> = found
        .iter()
        .filter(|f| f.word < after.word && f.cue.is_violent())
        .collect();
    let death = || {
        words[..after.word.min(words.len())]
            .iter()
            .any(|w| BARE_DEATHS.has_word(w.text))
    };
    after.cause && before.iter().all(|f| f.cue == Cue::Casualty) && (!before.is_empty() || death())
}

/// The cues that report this sentence's own incident.
fn own(cues: &[Found]) -> impl Iterator<Item = &Found> {
    cues.iter().filter(|f| !f.reference && f.cue.is_violent())
}

/// An attack word is carried out from afar when a remote cue follows it closely ("استهدف …
/// بقذائف الهاون") or stands just before it ("غارة استهدفت").
fn is_remote_attack(attack: &Found, cues: &[Found]) -> bool {
    cues.iter().any(|f| {
        f.cue.is_remote()
            && ((f.word > attack.word && f.word - attack.word <= MANNER_WINDOW)
                || (f.word < attack.word && attack.word - f.word <= 2))
    })
}

/// "هاجمت طائرات مسيرة قاعدة التنف", "طائرة مسيرة هاجمت", "هاجمت فصائل قاعدة التنف بطائرات
/// مسيرة": an attack verb whose subject, right beside it, is an aircraft, or whose means,
/// written with ب shortly after it, is one, tells a strike, not a ground attack. Ambushes and
/// small arms are fought on the ground whatever flies.
fn by_aircraft(attack: &Found, cues: &[Found]) -> bool {
    let means =
        |f: &Found| f.means && f.word > attack.word && f.word - attack.word <= MANNER_WINDOW;
    !attack.ambush
        && !attack.weapon
        && own(cues).any(|f| f.cue == Cue::Air && (f.word.abs_diff(attack.word) <= 2 || means(f)))
}

/// The cue that makes the sentence a ground battle, if any. An attack of unstated manner counts
/// only when no strike or shelling is reported before it: the first act named is the main one.
fn ground_fighting(cues: &[Found]) -> Option<&Found> {
    let first_remote_act = own(cues)
        .filter(|f| matches!(f.cue, Cue::Air | Cue::Shelling) && !f.weapon)
        .map(|f| f.word)
        .min();
    own(cues).find(|f| match f.cue {
        Cue::Fighting => true,
        Cue::GroundAttack => !by_aircraft(f, cues),
        Cue::Attack => {
            !is_remote_attack(f, cues) && !matches!(first_remote_act, Some(w) if w < f.word)
        }
        _ => false,
    })
}

/// True when a sentence tells air or drone strikes of its own (not strikes referred to after
/// بعد/إثر, nor aircraft named as support or as a target of anti-aircraft weapons).
///
/// ```
/// use badia::events::types::tells_air_strike;
/// assert!(tells_air_strike("وأكد أن طائرات حربية شنت غارات على مناطق البادية عقب الهجوم"));
/// assert!(!tells_air_strike("شنت قوات النظام حملات بدعم من الطائرات الحربية الروسية"));
/// ```
pub fn tells_air_strike(sentence: &str) -> bool {
    Sentence::read(sentence, |s| air_strike(&read_cues(s)).is_some())
}

/// A sentence's coding and the facts about it the event reader asks for, read from one
/// folding and one reading of its cues.
pub(crate) struct Coding {
    /// As [`classify`].
    pub(crate) class: Option<Classification>,
    /// As [`is_statistics`].
    pub(crate) statistics: bool,
    /// Forces brought up and no violence told ([`reinforcement`]), read only when the
    /// sentence is neither coded nor a summary.
    pub(crate) movement: Option<Classification>,
    /// As [`tells_air_strike`].
    pub(crate) air_strike: bool,
    /// As [`tells_fighting`].
    pub(crate) fighting: bool,
    /// As [`refers_back`].
    pub(crate) refers_back: bool,
    /// As [`refers_back_or_to_victims`].
    pub(crate) refers_back_or_to_victims: bool,
}

/// Codes a sentence: [`classify`], [`is_statistics`], [`tells_air_strike`],
/// [`tells_fighting`] and, for a sentence neither coded nor a summary, [`reinforcement`].
pub(crate) fn code(s: &Sentence) -> Coding {
    let statistics = statistics_in(s);
    let cues = read_cues(s);
    let class = if statistics {
        None
    } else {
        classify_cues(s, &cues)
    };
    let movement = if class.is_none() && !statistics {
        reinforcement_in(s)
    } else {
        None
    };
    Coding {
        air_strike: air_strike(&cues).is_some(),
        fighting: fighting(&cues),
        refers_back: named_again(s, &cues, false),
        refers_back_or_to_victims: named_again(s, &cues, true),
        class,
        statistics,
        movement,
    }
}

/// The cue of the sentence's own air strike: a strike word (غارة، قصف جوي) is an act;
/// aircraft named alone (الطائرات الحربية) strike only when the sentence also tells an attack
/// ("مروحيات … باستهداف المنطقة"), not when they protect or search.
fn air_strike(cues: &[Found]) -> Option<&Found> {
    let attack = own(cues).any(|f| matches!(f.cue, Cue::Attack | Cue::Shelling | Cue::Casualty));
    own(cues).find(|f| f.cue == Cue::Air && (!f.weapon || attack))
}

/// True when a sentence names an incident with the article, as one already told ("وأدى
/// الهجوم إلى مقتل ثلاثة", "ووقع الانفجار قرب …"): a cue of violence, not a weapon's name,
/// a reference nor a word for the dead or wounded, written ال + the cue (behind و, ب or ل).
///
/// ```
/// use badia::events::types::refers_back;
/// assert!(refers_back("وأدى الهجوم إلى مقتل ثلاثة عناصر"));
/// assert!(!refers_back("قتل ثلاثة عناصر بهجوم لداعش"));
/// ```
pub fn refers_back(sentence: &str) -> bool {
    Sentence::read(sentence, |s| named_again(s, &read_cues(s), false))
}

/// True when a sentence names an incident or its dead or wounded with the article, as
/// already told: [`refers_back`], or "وأفادت المصادر بأن أربعة من القتلى ينتمون …".
///
/// ```
/// use badia::events::types::refers_back_or_to_victims;
/// assert!(refers_back_or_to_victims("وأفادت المصادر بأن أربعة من القتلى ينتمون لحزب الله"));
/// assert!(!refers_back_or_to_victims("قتل ثلاثة عناصر بهجوم لداعش"));
/// ```
pub fn refers_back_or_to_victims(sentence: &str) -> bool {
    Sentence::read(sentence, |s| named_again(s, &read_cues(s), true))
}

/// Whether one of the sentence's `cues` names an incident (or, with `victims`, its dead or
/// wounded) with the article.
fn named_again(s: &Sentence, cues: &[Found], victims: bool) -> bool {
    let text = s.folded.text.as_str();
    cues.iter().any(|f| {
        let written = text.get(f.range.clone()).unwrap_or("");
        // "القتلى", "الجرحى" name the victims ("وينحدر أحد القتلى من …"), not the incident.
        !f.weapon
            && !f.reference
            && f.cue.is_violent()
            && (victims || f.cue != Cue::Casualty)
            && has_article(text, f.range.start, written)
    })
}

/// Whether the cue found at folded offset `start` (`written` as found) carries the article:
/// the clitic chain it stands behind in its word ends in ال (or the لل of ل + ال), or the cue
/// is written with it behind a conjunction and a preposition. A chain with the ك of likeness
/// («كالهجوم السابق») names another incident, not this one told again.
fn has_article(text: &str, start: usize, written: &str) -> bool {
    let word_start = text[..start].rfind(' ').map_or(0, |i| i + 1);
    let lead = &text[word_start..start];
    if written.starts_with(ARTICLE) {
        // A cue listed with its article ("الطيران الروسي", "المدفعية") names a weapon or a
        // side, not an incident told before.
        return !LISTED_CUES.contains(written) && is_chain_without_like(lead, Through::Preposition);
    }
    ends_in_article(lead) && is_chain_without_like(lead, Through::Article)
}

/// True when a sentence tells fighting between two sides or an ambush (اشتباكات، معارك،
/// مواجهات، كمين), as opposed to an attack of unstated manner.
pub fn tells_fighting(sentence: &str) -> bool {
    Sentence::read(sentence, |s| fighting(&read_cues(s)))
}

fn fighting(cues: &[Found]) -> bool {
    own(cues).any(|f| f.cue == Cue::Fighting || f.cue == Cue::GroundAttack && f.ambush)
}

/// True for sentences that sum up a period ("329 قتيلاً منذ مطلع العام") rather than report
/// an incident.
///
/// ```
/// use badia::events::types::is_statistics;
/// assert!(is_statistics("وثق المرصد مقتل 212 عنصراً من قوات النظام منذ مطلع العام الجاري"));
/// assert!(!is_statistics("قتل 4 عناصر من قوات النظام بهجوم لداعش فجر اليوم"));
/// ```
pub fn is_statistics(sentence: &str) -> bool {
    Sentence::read(sentence, statistics_in)
}

fn statistics_in(s: &Sentence) -> bool {
    s.has(List::Period) || (s.has(List::Span) && s.has(List::Total))
}

/// True for sentences about reinforcements, deployments and combing operations that report no
/// violence of their own ("استقدمت قوات النظام تعزيزات إلى أثريا بعد هجوم داعش").
///
/// ```
/// use badia::events::types::is_context_only;
/// assert!(is_context_only("استقدمت قوات النظام تعزيزات عسكرية إلى بادية السخنة"));
/// assert!(!is_context_only("وقعت التعزيزات في كمين لداعش قرب السخنة"));
/// ```
pub fn is_context_only(sentence: &str) -> bool {
    Sentence::read(sentence, |s| context_only(&read_cues(s)))
}

/// Movement cues, and violence only in the past or in the names of weapons on the move.
fn context_only(cues: &[Found]) -> bool {
    let moves = cues.iter().any(|f| f.cue == Cue::Movement);
    moves && own(cues).all(|f| f.weapon)
}

/// How an incident sentence is coded, or `None` if it reports no incident; the module
/// documentation gives the rules.
///
/// ```
/// use badia::events::types::classify;
/// let c = classify("قتل ثلاثة رعاة بانفجار لغم أرضي في بادية السخنة").unwrap();
/// assert_eq!(c.sub_event_type.as_str(), "Remote explosive/landmine/IED");
/// assert!(classify("استقدمت قوات النظام تعزيزات إلى بادية السخنة").is_none());
/// ```
pub fn classify(sentence: &str) -> Option<Classification> {
    Sentence::read(sentence, |s| {
        if statistics_in(s) {
            return None;
        }
        classify_cues(s, &read_cues(s))
    })
}

/// [`classify`] for a sentence known not to be a summary, its cues read.
fn classify_cues(s: &Sentence, cues: &[Found]) -> Option<Classification> {
    if context_only(cues) || habitual(s, cues) {
        return None;
    }
    let (sub_event_type, trigger) = decide(s, cues)?;
    Some(Classification {
        event_type: sub_event_type.event_type(),
        sub_event_type,
        disorder_type: sub_event_type.event_type().disorder_type(),
        trigger: original_span(s.folded, &trigger.range, s.text),
    })
}

/// Whether the sentence tells a habit (هجمات متكررة) rather than an incident: a habitual cue
/// with no incident told in a clause of its own before it ("قتل عنصر بانفجار لغم في بادية
/// السخنة، التي تشهد هجمات متكررة" tells the mine; "تشهد المنطقة هجمات متكررة" nothing).
fn habitual(s: &Sentence, cues: &[Found]) -> bool {
    let Some(habit) = cues.iter().find(|f| f.cue == Cue::Habitual) else {
        return false;
    };
    // The clause of the habit opens after the last comma before it (in the text as written:
    // folding turns punctuation into spaces).
    let at = |folded: usize| s.folded.original_start(folded);
    let Some(comma) = s.text[..at(habit.range.start)].rfind(['،', ',']) else {
        return true;
    };
    // Only a clause about the place or the side ("، التي تشهد هجمات متكررة", "، وهي منطقة
    // تتعرض لهجمات شبه يومية") leaves the incident before it; "…، بشكل متكرر" still
    // qualifies the verb before the comma.
    let after = fold(s.text[comma..].trim_start_matches(['،', ',', ' ']));
    let about = HABIT_CLAUSE_OPENERS
        .iter()
        .any(|o| after.starts_with(o) && after[o.len()..].starts_with(' '));
    !about || !own(cues).any(|f| at(f.range.end) <= comma)
}

/// The precedence table of the module documentation, row by row.
fn decide<'c>(sentence: &Sentence, cues: &'c [Found]) -> Option<(SubEventType, &'c Found)> {
    let first = |cue: Cue| own(cues).find(|f| f.cue == cue);
    let claimed = cues.iter().any(|f| f.cue == Cue::Claim);
    let ground = ground_fighting(cues);
    // "فككت وحدات الهندسة عبوة ناسفة", "أحبطت محاولة تفجير سيارة مفخخة": a bomb stopped
    // before it went off, with nothing else done, is ACLED's Disrupted weapons use.
    if own(cues).next().is_none() {
        let bomb = cues
            .iter()
            .find(|f| f.foiled && matches!(f.cue, Cue::Explosive | Cue::Suicide));
        if let Some(bomb) = bomb {
            return Some((SubEventType::DisruptedWeaponsUse, bomb));
        }
    }
    if let (Some(suicide), None) = (first(Cue::Suicide), ground) {
        return Some((SubEventType::SuicideBomb, suicide));
    }
    if let Some(explosive) = first(Cue::Explosive) {
        // "استهداف سيارة بعبوة ناسفة في كمين", "كمين ألغام": an ambush laid with explosives
        // and fought with nothing else is the explosion; with small arms it is a clash.
        let fought: Vec<&Found> = own(cues)
            .filter(|f| matches!(f.cue, Cue::Fighting | Cue::GroundAttack))
            .collect();
        let ambush_only = !fought.is_empty()
            && fought
                .iter()
                .all(|f| f.cue == Cue::GroundAttack && f.ambush);
        if ground.is_none() || first(Cue::Blast).is_some() || ambush_only {
            return Some((SubEventType::RemoteExplosive, explosive));
        }
    }
    if let Some(ground) = ground {
        let bilateral = first(Cue::Fighting).is_some();
        return Some(match first(Cue::Capture) {
            Some(capture) if !claimed && !undone(capture, cues) => {
                let sub = territory(sentence).unwrap_or(SubEventType::ArmedClash);
                (sub, capture)
            }
            _ if !bilateral && civilians_suffer(sentence, false) => (SubEventType::Attack, ground),
            _ => (SubEventType::ArmedClash, ground),
        });
    }
    if let Some(abduction) = first(Cue::Abduction) {
        return Some((SubEventType::AbductionForcedDisappearance, abduction));
    }
    if let Some(arrest) = first(Cue::Arrest) {
        let sub = if arrested_by_authority(sentence) {
            SubEventType::Arrests
        } else {
            SubEventType::AbductionForcedDisappearance
        };
        return Some((sub, arrest));
    }
    if let Some(execution) = first(Cue::Execution) {
        return Some((SubEventType::Attack, execution));
    }
    if let Some(air) = air_strike(cues) {
        return Some((SubEventType::AirDroneStrike, air));
    }
    if let Some(shelling) = first(Cue::Shelling) {
        return Some((SubEventType::ShellingArtilleryMissileAttack, shelling));
    }
    if let Some(aggression) = first(Cue::Aggression) {
        return Some((SubEventType::AirDroneStrike, aggression));
    }
    if let Some(capture) = first(Cue::Capture) {
        let sub = if claimed || undone(capture, cues) {
            SubEventType::ArmedClash
        } else {
            territory(sentence).unwrap_or(SubEventType::ArmedClash)
        };
        return Some((sub, capture));
    }
    // A remote attack word with no remote cue of its own left (all of them references).
    let harm = first(Cue::Casualty).or_else(|| first(Cue::Attack))?;
    // «أصاب الانفجار عنصرين من قسد», «قتل ثلاثة بانفجار في السوق»: harm done by an explosion
    // of no stated kind, and no other manner told, is ACLED's remote explosive.
    if let Some(blast) = first(Cue::Blast) {
        return Some((SubEventType::RemoteExplosive, blast));
    }
    Some(if civilians_suffer(sentence, true) {
        (SubEventType::Attack, harm)
    } else {
        (SubEventType::ArmedClash, harm)
    })
}

/// A sentence that reports forces or weapons brought up and no violence: ACLED's Strategic
/// developments, Other. Where they went is for the caller to find; a movement to nowhere named
/// is no event.
///
/// ```
/// use badia::events::types::reinforcement;
/// assert!(reinforcement("استقدمت قوات النظام تعزيزات عسكرية إلى بلدة السخنة").is_some());
/// assert!(reinforcement("هاجم التنظيم رتلاً لقوات النظام قرب السخنة").is_none());
/// ```
pub fn reinforcement(sentence: &str) -> Option<Classification> {
    Sentence::read(sentence, |s| code(s).movement)
}

fn reinforcement_in(s: &Sentence) -> Option<Classification> {
    let hit = s.found(List::Reinforcements).into_iter().next()?;
    Some(Classification {
        event_type: SubEventType::Other.event_type(),
        sub_event_type: SubEventType::Other,
        disorder_type: SubEventType::Other.event_type().disorder_type(),
        trigger: original_span(s.folded, &hit.range, s.text),
    })
}

/// Whether a capture is undone later in its sentence («سيطر التنظيم على البلدة قبل الانسحاب
/// منها», «… ثم انسحبوا»): its takers held the ground a while and left, a raid that ACLED
/// codes as an armed clash rather than a change of territory.
fn undone(capture: &Found, cues: &[Found]) -> bool {
    // «… بعد أن فجروا مقراتهم قبل الانسحاب منها»: a withdrawal in a clause of what came
    // before the capture is the losers'.
    let before_it = |at: usize| {
        cues.iter()
            .any(|a| a.cue == Cue::After && capture.word < a.word && a.word < at)
    };
    cues.iter().any(|f| {
        f.cue == Cue::Undone && !f.reference && f.word > capture.word && !before_it(f.word)
    })
}

/// Who took ground decides the territory type: the state regains it, anyone else overtakes it.
fn territory(sentence: &Sentence) -> Option<SubEventType> {
    let read = actors::read_in(sentence, None);
    let actor1 = &read.sides.0;
    let taker = read
        .mentions
        .iter()
        .find(|m| Some(&m.name) == actor1.as_ref())?;
    match taker.inter {
        1 => Some(SubEventType::GovernmentRegainsTerritory),
        2..=4 => Some(SubEventType::NonStateActorOvertakesTerritory),
        _ => None,
    }
}

/// Civilians are the ones acted on (or, if `nobody_counts`, nobody at all is named and no
/// fighter is mentioned: a death with no side named is more often a civilian's).
/// Whether an arrest is made by those who hold the ground: no actor named (a patrol, the
/// security services), or one on a side of `data/actor_sides.csv` other than the Islamic
/// State's («اعتقلت قسد …»). Armed groups of no side («مسلحون مجهولون») and the Islamic
/// State abduct («اعتقلت داعش ثلاثة رعاة» is an abduction).
fn arrested_by_authority(sentence: &Sentence) -> bool {
    let read = actors::read_in(sentence, None);
    match read.sides.0.as_deref() {
        None => true,
        Some(actor) => actors::side_of(actor).is_some_and(|side| side != ISIS_SIDE),
    }
}

/// The Islamic State's side in `data/actor_sides.csv`.
const ISIS_SIDE: &str = "isis";

fn civilians_suffer(sentence: &Sentence, nobody_counts: bool) -> bool {
    let read = actors::read_in(sentence, None);
    if read.mentions.is_empty() {
        return nobody_counts && !sentence.has(List::Combatants);
    }
    let (actor1, actor2) = &read.sides;
    actor2.as_deref() == Some(CIVILIANS)
        || (actor1.is_none() && read.mentions.iter().all(|m| m.name == CIVILIANS))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BATTLES: &str = "Battles";
    const EXPLOSIONS: &str = "Explosions/Remote violence";
    const VIOLENCE_AGAINST_CIVILIANS: &str = "Violence against civilians";
    const CLASH: (&str, &str) = (BATTLES, "Armed clash");
    const REGAINS: (&str, &str) = (BATTLES, "Government regains territory");
    const OVERTAKES: (&str, &str) = (BATTLES, "Non-state actor overtakes territory");
    const AIR: (&str, &str) = (EXPLOSIONS, "Air/drone strike");
    const SHELLING: (&str, &str) = (EXPLOSIONS, "Shelling/artillery/missile attack");
    const IED: (&str, &str) = (EXPLOSIONS, "Remote explosive/landmine/IED");
    const SUICIDE: (&str, &str) = (EXPLOSIONS, "Suicide bomb");
    const CIV_ATTACK: (&str, &str) = (VIOLENCE_AGAINST_CIVILIANS, "Attack");
    const ABDUCTION: (&str, &str) = (VIOLENCE_AGAINST_CIVILIANS, "Abduction/forced disappearance");

    fn coded(sentence: &str) -> Option<(&'static str, &'static str)> {
        classify(sentence).map(|c| (c.event_type.as_str(), c.sub_event_type.as_str()))
    }

    #[test]
    fn incident_sentences() {
        let rows: &[(&str, (&str, &str))] = &[
            // Battles.
            ("هاجمت خلايا تابعة لتنظيم داعش مواقع لقوات النظام في بادية الرصافة", CLASH),
            ("اندلعت اشتباكات عنيفة بين قوات النظام وخلايا التنظيم قرب أثريا", CLASH),
            ("دارت معارك بين الطرفين على محور الشاكوسية استمرت حتى الفجر", CLASH),
            ("قتل خمسة جنود في كمين لداعش استهدف سيارتهم شرق السخنة", CLASH),
            ("تسلل عناصر من التنظيم إلى نقطة عسكرية قرب حقل الشاعر", CLASH),
            ("استهدف عناصر التنظيم حاجزاً لقوات النظام بالأسلحة الرشاشة", CLASH),
            ("قتل 17 عنصراً من قوات النظام بهجوم لداعش جنوب دير الزور", CLASH),
            (
                "هاجم التنظيم مواقع الدفاع الوطني وسط مساندة من الطيران الحربي الروسي للقوات المدافعة",
                CLASH,
            ),
            (
                "شهدت المنطقة مواجهات عنيفة فجر خلالها عناصر من التنظيم أنفسهم عبر أحزمة ناسفة",
                CLASH,
            ),
            ("استعادت قوات النظام السيطرة على قرية الرهجان بعد معارك مع التنظيم", REGAINS),
            ("سيطر عناصر داعش على نقطتين متقدمتين لقوات النظام بعد اشتباكات", OVERTAKES),
            (
                "زعمت صفحات مقربة من التنظيم أنه سيطر على الطريق بعد اشتباكات مع قوات النظام",
                CLASH,
            ),
            ("مقتل عنصرين من قوات النظام في بادية الميادين", CLASH),
            ("وأسفر الهجوم عن مقتل 9 عناصر وإصابة آخرين بجروح", CLASH),
            ("قتل شاب في ظروف غامضة في بادية الكوم", CIV_ATTACK),
            // Explosions/Remote violence.
            ("نفذت طائرات حربية روسية نحو 15 غارة جوية على مواقع يرجح تحصن خلايا داعش فيها", AIR),
            ("استهدفت طائرة مسيرة سيارة تقل قياديين في الميليشيات الإيرانية قرب البوكمال", AIR),
            ("شن الطيران الروسي غارات على بادية السخنة بعد ساعات من هجوم للتنظيم", AIR),
            ("قصفت مدفعية قوات النظام مواقع يعتقد أنها لخلايا التنظيم في جبل البشري", SHELLING),
            ("وتدخل الطيران الحربي الروسي لصد الهجوم على مواقع الفرقة الرابعة", AIR),
            (
                "نفذت المقاتلات الروسية غارات على مواقع التنظيم الذي يشن هجمات على قوات النظام",
                AIR,
            ),
            ("استهدف التنظيم مواقع قوات النظام بقذائف الهاون قرب حقل التيم", SHELLING),
            ("أصيب ثلاثة مدنيين بجروح إثر سقوط قذيفة صاروخية على الحي", SHELLING),
            (
                "مقتل عناصر باستهداف من قبل مجهولين بعبوات ناسفة يتم تفجيرها عن بعد على طريق \
                 كباجب دون تبنٍ من أي جهة لهذا الاستهداف",
                IED,
            ),
            ("قتل عنصران إثر انفجار عبوة ناسفة بسيارتهم", IED),
            ("قتل ثلاثة مدنيين وجرح اثنان بانفجار لغم أرضي في بادية السلمية", IED),
            ("انفجرت عبوة ناسفة بدورية لقوات الحكومة السورية على طريق دير الزور الميادين", IED),
            ("قتل طفلان بانفجار جسم من مخلفات الحرب أثناء رعيهما الأغنام", IED),
            (
                "قتل أربعة عناصر بانفجار عبوة ناسفة تلاه اشتباك مع المهاجمين",
                IED,
            ),
            ("فجر انتحاري حزامه الناسف وسط تجمع لعناصر قوات النظام", SUICIDE),
            ("هاجم انتحاري بحزام ناسف مقراً للأمن العام في البادية", CLASH),
            ("استهدف هجوم بسيارة مفخخة حاجزاً لقسد قرب الشحيل", IED),
            // Violence against civilians.
            ("أطلق مسلحون مجهولون النار على رعاة أغنام في بادية الشولا", CIV_ATTACK),
            ("قتل ثلاثة من جامعي الكمأة برصاص عناصر التنظيم جنوب الرقة", CIV_ATTACK),
            ("اختطف عناصر التنظيم راعيين اثنين من بادية معدان", ABDUCTION),
            ("أقدم التنظيم على إعدام شاب بتهمة التعامل مع قوات النظام", CIV_ATTACK),
            ("اقتاد المسلحون سائقي الصهاريج إلى جهة مجهولة", ABDUCTION),
            // Told after the victims' state: how they came to it.
            ("لا يزال ثلاثة رعاة مفقودين بعد أن خطفهم مسلحون", ABDUCTION),
            ("لا يزال ثلاثة رعاة مفقودين بعد أن خطفهم مسلحون قبل يومين", ABDUCTION),
            ("لا يزال ثلاثة رعاة مفقودين بعد أن خطفهم مسلحون يوم 1 أيار 2023", ABDUCTION),
            ("وما زال مصير عاملين مجهولاً بعد اختطافهما", ABDUCTION),
        ];
        for (sentence, want) in rows {
            assert_eq!(coded(sentence), Some(*want), "{sentence}");
        }
    }

    #[test]
    fn sentences_without_an_incident() {
        let rows = [
            "استقدمت قوات النظام تعزيزات عسكرية إلى منطقة أثريا بعد هجوم التنظيم",
            "وصلت تعزيزات للدفاع الوطني ولواء القدس إلى بادية السخنة",
            "نقلت القوات الروسية مدافع ثقيلة وراجمات صواريخ من قاعدة حميميم إلى البادية",
            "وتقع مدينة السخنة في البادية الشرقية لمدينة تدمر على الطريق بين حمص ودير الزور",
            "عقد وفد من وزارة الدفاع اجتماعاً مع وجهاء العشائر في دير الزور",
            "وتتعرض مواقع قوات النظام في البادية لهجمات شبه يومية من خلايا التنظيم",
            "وثق المرصد مقتل 212 عنصراً من قوات النظام منذ مطلع العام الجاري",
            "بلغت حصيلة القتلى خلال الفترة الممتدة من آذار وحتى أيار 87 قتيلاً",
            "ارتفع عدد قتلى الألغام في البادية خلال الشهر الماضي إلى 19 مدنياً",
            "سيّرت قوات النظام دوريات لحماية القوافل من أي هجمات محتملة",
            "تحسباً لهجمات محتملة من خلايا التنظيم في البادية",
            // No victims' state before بعد: the attack after it is an earlier one.
            "وعاد الهدوء إلى المنطقة بعد هجوم التنظيم",
            // The state's cause long ago: no incident of the news.
            "لا يزال ثلاثة رعاة مفقودين بعد أن خطفهم مسلحون عام 2019",
            "لا يزال ثلاثة رعاة مفقودين بعد أن خطفهم مسلحون قبل أربع سنوات",
            "لا يزال ثلاثة رعاة مفقودين بعد أن خطفهم مسلحون قبل أشهر",
            "",
        ];
        for sentence in rows {
            assert_eq!(coded(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn statistics_and_context() {
        assert!(is_statistics("قتل 329 شخصاً منذ بداية العام في البادية"));
        assert!(!is_statistics("قتل 5 عناصر في حصيلة أولية مرشحة للارتفاع"));
        assert!(!is_statistics(
            "شنت خلايا التنظيم خلال الأسبوع الجاري هجوماً على الصهاريج"
        ));
        assert!(is_context_only(
            "وأرسل الجيش السوري تعزيزات إلى المنطقة وبدأت عمليات تمشيط واسعة"
        ));
        assert!(!is_context_only(
            "وقعت التعزيزات المتجهة إلى السخنة في كمين لداعش"
        ));
        assert!(!is_context_only("هجوم لداعش على حاجز في البادية"));
    }

    #[test]
    fn the_trigger_is_the_deciding_word() {
        let sentence = "قتل ثلاثة مدنيين بانفجار لغم أرضي في بادية السلمية";
        let c = classify(sentence).expect("an incident");
        assert_eq!(&sentence[c.trigger], "لغم أرضي");
        let sentence = "هجوم لداعش على مواقع قوات النظام";
        let c = classify(sentence).expect("an incident");
        assert_eq!(&sentence[c.trigger], "هجوم");
        assert_eq!(c.disorder_type.as_str(), "Political violence");
        let c = classify("اعتقلت قوات الأمن العام خمسة عناصر من خلية لداعش في مدينة تدمر")
            .expect("an arrest");
        assert_eq!(c.sub_event_type.as_str(), "Arrests");
        assert_eq!(c.disorder_type.as_str(), "Strategic developments");
    }

    #[test]
    fn triggers_lie_on_char_boundaries_inside_the_sentence() {
        let long =
            "قُتِلَ 17 عنصراً من قوّات النظام بهجومٍ لـ\"داعش\" وانفجار لغمٍ، فيما شنّ الطيران غارات";
        for (i, _) in long.char_indices() {
            let s = &long[..i];
            if let Some(c) = classify(s) {
                assert!(
                    c.trigger.start <= c.trigger.end && c.trigger.end <= s.len(),
                    "{s}"
                );
                assert!(s.is_char_boundary(c.trigger.start) && s.is_char_boundary(c.trigger.end));
            }
            let _ = is_context_only(s);
        }
    }

    #[test]
    fn drones_in_every_number_strike() {
        let rows = [
            "تعرضت قاعدة التنف لهجوم باستخدام طائرتين مسيرتين",
            "استهدفت طائرتان مسيرتان موقعاً للميليشيات قرب البوكمال",
            "قصفت طائرة بدون طيار سيارة على طريق الميادين",
            "شنت طائرات من دون طيار غارات على مواقع قرب البوكمال",
            "قتل أربعة عناصر بضربة جوية قرب معبر البوكمال",
            "أسفرت ضربات جوية أمريكية عن مقتل ستة مسلحين",
            "هاجمت طائرات مسيرة قاعدة التنف فجر اليوم",
            "وهاجمت طائرة مسيّرة مجهولة موقعاً للميليشيات قرب البوكمال",
            "طائرتان مسيرتان هاجمتا القاعدة الأمريكية",
        ];
        for s in rows {
            assert_eq!(coded(s), Some(AIR), "{s}");
        }
    }

    #[test]
    fn aircraft_beside_a_ground_attack_leave_it_a_battle() {
        for s in [
            "هاجم عناصر التنظيم حاجزاً لقوات النظام بدعم من الطائرات المسيرة",
            "نصب التنظيم كميناً لرتل قرب السخنة وحلقت طائرات مسيرة فوق المنطقة",
            "هاجم مسلحون نقطة عسكرية بالأسلحة الرشاشة قبل أن تقصف طائرات حربية المنطقة",
        ] {
            assert_eq!(coded(s), Some(CLASH), "{s}");
        }
    }

    #[test]
    fn several_attacks_over_days_are_a_summary() {
        for s in [
            "تعرضت القواعد الأمريكية لعدة هجمات بطائرات مسيرة خلال الأيام الأخيرة",
            "شن التنظيم سلسلة هجمات على نقاط للنظام خلال الأيام الماضية",
            "قتل عدد من العناصر خلال الأسابيع الماضية في البادية",
        ] {
            assert!(is_statistics(s), "{s}");
        }
        assert!(!is_statistics(
            "شن التنظيم عدة هجمات على نقاط للنظام قرب السخنة"
        ));
    }

    #[test]
    fn an_attack_characterised_is_the_one_told() {
        for s in [
            "وهو الهجوم الثاني من نوعه خلال أيام",
            "وهي الغارة الثالثة على المنطقة",
            "ويعد هذا الهجوم هو الهجوم الأعنف منذ أشهر",
            "ويعد الاستهداف الأخير الأول لقاعدة التنف هذا العام",
            "وأدت الغارات الأخيرة إلى حالة إرباك",
            "ويثير هذا النوع من الهجمات قلقاً في صفوف الجنود",
        ] {
            assert_eq!(coded(s), None, "{s}");
        }
    }

    #[test]
    fn incidents_named_again_refer_back() {
        for s in [
            "وأدى الهجوم إلى مقتل ثلاثة عناصر",
            "ووقع الهجوم بالقرب من بلدة الميادين",
            "وأسفر الانفجار عن مقتل اثنين",
            "وأدت الغارات إلى تدمير آليات",
            "وقتل في الكمين أربعة جنود",
            "وأصيب طفل بالقصف",
        ] {
            assert!(refers_back(s), "{s}");
        }
        for s in [
            "وينحدر أحد القتلى من مدينة تدمر",
            "ونقل الجرحى إلى مشفى المدينة",
            "قتل ثلاثة عناصر بهجوم لداعش",
            "شن الطيران الروسي غارات على البادية",
            "قتل عنصران بعد الهجوم على الحاجز",
            "استهدفت طائرة مسيرة سيارة",
        ] {
            assert!(!refers_back(s), "{s}");
        }
    }

    #[test]
    fn the_article_behind_any_chain_but_like() {
        // (folded word, where the cue starts in it, the cue as found)
        for (word, lead, cue, want) in [
            ("الهجوم", "ال", "هجوم", true),
            ("وبالهجوم", "وبال", "هجوم", true),
            ("فبالهجوم", "فبال", "هجوم", true),
            ("وللهجوم", "ولل", "هجوم", true),
            ("فللهجوم", "فلل", "هجوم", true),
            ("هجوم", "", "هجوم", false),
            ("بهجوم", "ب", "هجوم", false),
            // Likened to an attack: another one.
            ("كالهجوم", "كال", "هجوم", false),
            ("وكالهجوم", "وكال", "هجوم", false),
            // A cue written with its article, behind a conjunction and a preposition.
            ("فبالانفجار", "فب", "الانفجار", true),
            ("كالانفجار", "ك", "الانفجار", false),
        ] {
            let text = format!("وقتل ثلاثه {word}");
            let start = text.len() - word.len() + lead.len();
            assert_eq!(has_article(&text, start, cue), want, "{word}");
        }
    }

    #[test]
    fn every_cue_name_names_a_cue() {
        let cues: Vec<Cue> = CUE_NAMES.iter().filter_map(|n| Cue::named(n)).collect();
        assert_eq!(cues.len(), CUE_NAMES.len());
        for (i, c) in cues.iter().enumerate() {
            assert!(!cues[..i].contains(c), "{c:?} named twice");
        }
    }

    #[test]
    fn weapons_and_the_cause_word_are_cues() {
        let rules = rules::active();
        let cues: HashSet<&str> = rules.words("cue").collect();
        for list in ["weapon", "cause_after"] {
            for w in rules.words(list) {
                assert!(cues.contains(w), "{list} «{w}» is no cue phrase");
            }
        }
        assert!(CUES.iter().any(|e| e.cause && e.cue == Cue::After));
        assert!(CUES.iter().any(|e| e.ambush && e.cue == Cue::GroundAttack));
    }

    #[test]
    fn trigger_words_are_usable() {
        let words = trigger_words();
        assert!(words.len() > 50);
        assert!(words
            .iter()
            .all(|w| !fold(w.trim_end_matches('*')).is_empty()));
    }
}

#[cfg(test)]
mod habit_tests {
    use super::*;

    #[test]
    fn a_habit_in_a_later_clause_leaves_the_incident() {
        let told = [
            "قتل عنصر من قوات النظام بانفجار لغم في بادية السخنة، التي تشهد هجمات متكررة",
            "قتل عنصر من قوات النظام بانفجار لغم في بادية السخنة، وهي المنطقة التي تشهد هجمات متكررة",
            "أصيب راعيان بانفجار لغم أرضي قرب تدمر، في منطقة تتعرض لهجمات شبه يومية",
        ];
        for s in told {
            assert!(classify(s).is_some(), "{s}");
        }
        let habits = [
            "تشهد المنطقة هجمات متكررة",
            "تتعرض مواقع النظام لهجمات شبه يومية من خلايا التنظيم",
            "وتشهد البادية، منذ أشهر، هجمات متكررة",
        ];
        for s in habits {
            assert!(classify(s).is_none(), "{s}");
        }
    }
}
