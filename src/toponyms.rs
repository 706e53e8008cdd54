//! Toponyms: an article's folded text in, place-name [`Mention`]s out. All gazetteer names are
//! compiled once into an Aho-Corasick automaton, so the text is scanned in one pass whatever
//! the size of the gazetteer. A match counts when it ends a word and what stands before it in
//! its word is a clitic chain the language allows (و ف ب ل ك ال بال وال لل …). Spellings the
//! gazetteer does not list are caught by a fuzzy pass over single words, through a
//! deletion index (each name's one-letter deletions), confirmed with Damerau-Levenshtein.
//!
//! Ordinary words that are also names (تدمر "destroys", حماة "protectors") only count when a
//! place word stands before them ("مدينة تدمر") or the name is part of a longer match.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::gazetteer::{name_key, Gazetteer};
use crate::model::{MatchHow, Mention, PlaceIdx, PlaceKind};
use crate::normalize::Folded;

/// Words that are names of places but far more often ordinary words; one per line, folded on
/// load. They need a place word before them.
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");

/// Words that announce a place ("مدينة", "ريف", "جنوب"): folded, without clitics.
pub const PLACE_CUES: [&str; 40] = [
    "مدينه",
    "بلده",
    "قريه",
    "منطقه",
    "مناطق",
    "ريف",
    "ارياف",
    "بادية",
    "باديه",
    "محافظه",
    "ناحيه",
    "حي",
    "مخيم",
    "جبل",
    "حقل",
    "وادي",
    "مطار",
    "قاعده",
    "طريق",
    "اطراف",
    "محيط",
    "قرب",
    "جنوب",
    "شمال",
    "شرق",
    "غرب",
    "جنوبي",
    "شمالي",
    "شرقي",
    "غربي",
    "بلدتي",
    "قريتي",
    "مدينتي",
    "محافظتي",
    "بين",
    "حاجز",
    "محطه",
    "مزارع",
    "تلال",
    "منطقتي",
];

/// Prepositions, particles and pronouns (folded) that spell like place names once the article
/// is stripped ("على" folds to "علي", the bare key of the village العلي).
const FUNCTION_WORDS: [&str; 50] = [
    // Direction adjectives ("المنطقة الشرقية") name villages too, but describe far more.
    "شرقيه",
    "غربيه",
    "شماليه",
    "جنوبيه",
    "وسطي",
    "شرقي",
    "غربي",
    "شمالي",
    "جنوبي",
    "اوسط",
    "علي",
    "الي",
    "في",
    "من",
    "عن",
    "مع",
    "بين",
    "حتي",
    "منذ",
    "عند",
    "لدي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "كان",
    "كانت",
    "قد",
    "لم",
    "لن",
    "ان",
    "او",
    "ثم",
    "بعد",
    "قبل",
    "خلال",
    "حول",
    "ضد",
    "دون",
    "غير",
    "كل",
    "بعض",
    "عده",
    "اي",
    "اذا",
    "لكن",
    "انه",
];

/// Whether a whole folded word is a function word, with or without clitics before it.
fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word)
        || word
            .char_indices()
            .skip(1)
            .take(3)
            .any(|(i, _)| is_clitic_chain(&word[..i]) && FUNCTION_WORDS.contains(&&word[i..]))
}

/// Whether a folded key is itself a place word (with or without the article).
fn is_place_word(key: &str) -> bool {
    let bare = key.strip_prefix("ال").unwrap_or(key);
    PLACE_CUES.contains(&bare)
        || PLACE_CUES.contains(&key)
        || matches!(bare, "مدينه" | "بلده" | "قريه")
}

/// Smallest word length (letters, clitics included) for the fuzzy pass; names one letter
/// shorter are fuzzy-matched too.
pub const FUZZY_MIN_CHARS: usize = 5;

/// The compiled matcher.
pub struct Matcher {
    automaton: AhoCorasick,
    /// Folded keys, by automaton pattern id.
    keys: Vec<String>,
    /// Places per key, by pattern id.
    places: Vec<Vec<PlaceIdx>>,
    /// Keys that are common words.
    common: HashSet<String>,
    /// One-deletion variants of fuzzy-eligible keys → pattern ids.
    deletions: HashMap<String, Vec<u32>>,
}

impl Matcher {
    /// Compiles the gazetteer's names.
    pub fn new(gaz: &Gazetteer) -> Matcher {
        let mut entries: Vec<(String, Vec<PlaceIdx>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut add = |key: String, places: &[PlaceIdx]| {
            // Place words ("مدينة", "منطقة") name villages too, but in news they announce a
            // place rather than being one.
            if key.chars().count() < 3 || is_place_word(&key) {
                return;
            }
            let at = *index.entry(key.clone()).or_insert_with(|| {
                entries.push((key, Vec::new()));
                entries.len() - 1
            });
            for p in places {
                if !entries[at].1.contains(p) {
                    entries[at].1.push(*p);
                }
            }
        };
        let mut sorted: Vec<(&String, &Vec<PlaceIdx>)> = gaz.names.iter().collect();
        sorted.sort();
        for (key, places) in sorted {
            add(key.clone(), places);
            // Writers drop the space in multi-word names: ديرالزور.
            if key.contains(' ') {
                add(key.replace(' ', ""), places);
            }
        }
        let keys: Vec<String> = entries.iter().map(|(k, _)| k.clone()).collect();
        let places: Vec<Vec<PlaceIdx>> = entries.into_iter().map(|(_, p)| p).collect();
        // Start-up time: the automaton and the fuzzy index are built side by side.
        let (automaton, (common, deletions)) = rayon::join(
            || {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&keys)
                    .expect("gazetteer names always compile")
            },
            || {
                let common = COMMON_WORDS
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(name_key)
                    .collect();
                (common, deletion_index(&keys, &places, gaz))
            },
        );
        Matcher {
            automaton,
            keys,
            places,
            common,
            deletions,
        }
    }

    /// Every place name in the article: exact matches, then fuzzy ones in the gaps.
    pub fn find(&self, text: &str, folded: &Folded) -> Vec<Mention> {
        let mut found = self.exact(folded);
        found = keep_longest(found);
        let fuzzy = self.fuzzy(folded, &found);
        found.extend(fuzzy);
        found.retain(|m| {
            !self.needs_cue(m)
                || cue_before(&folded.text, m.fstart)
                || in_named_line(&folded.text, m.fstart)
                || in_dual_pair(&folded.text, m.fstart)
        });
        found.sort_by_key(|m| m.fstart);
        for m in &mut found {
            m.start = folded.original_start(m.fstart);
            m.end = folded.original_end(m.fend, text);
            m.surface = text[m.start..m.end].to_string();
        }
        found
    }

    fn needs_cue(&self, m: &Mention) -> bool {
        self.common.contains(&m.key)
    }

    fn exact(&self, folded: &Folded) -> Vec<Mention> {
        let t = folded.text.as_str();
        let mut out = Vec::new();
        for m in self.automaton.find_overlapping_iter(t) {
            let (s, e) = (m.start(), m.end());
            if !ends_word(t, e) {
                continue;
            }
            let word_start = t[..s].rfind(' ').map(|i| i + 1).unwrap_or(0);
            let prefix = &t[word_start..s];
            if !is_clitic_chain(prefix) || is_function_word(&t[word_start..e]) {
                continue;
            }
            // A three-letter name behind a bare conjunction or preposition ("فاجا") is far
            // likelier a word than the place; behind the article it is the place.
            let short = t[s..e].chars().count() <= 3;
            if short && !(prefix.is_empty() || prefix.ends_with("ال") || prefix.ends_with("لل"))
            {
                continue;
            }
            let id = m.pattern().as_usize();
            out.push(self.mention(id, with_article(t, s), e, MatchHow::Exact));
        }
        out
    }

    fn mention(&self, id: usize, fstart: usize, fend: usize, how: MatchHow) -> Mention {
        Mention {
            start: 0,
            end: 0,
            fstart,
            fend,
            surface: String::new(),
            key: self.keys[id].clone(),
            candidates: self.places[id].clone(),
            how,
        }
    }

    fn fuzzy(&self, folded: &Folded, taken: &[Mention]) -> Vec<Mention> {
        let t = folded.text.as_str();
        let mut out = Vec::new();
        let mut pos = 0;
        for word in t.split(' ') {
            let (ws, we) = (pos, pos + word.len());
            pos = we + 1;
            if word.chars().count() < FUZZY_MIN_CHARS
                || !word.chars().all(crate::normalize::is_arabic_letter)
                || taken.iter().any(|m| m.fstart < we && ws < m.fend)
                || !type_word_before(t, ws)
            {
                continue;
            }
            let (core, skip) = strip_clitics(word);
            if core.chars().count() < FUZZY_MIN_CHARS - 1 || self.common.contains(core) {
                continue;
            }
            if let Some(id) = self.closest(core) {
                out.push(self.mention(
                    id as usize,
                    with_article(t, ws + skip),
                    we,
                    MatchHow::Fuzzy,
                ));
            }
        }
        out
    }

    /// The key within one edit of `word`, if exactly one distance-1 key exists.
    fn closest(&self, word: &str) -> Option<u32> {
        let mut ids: Vec<u32> = Vec::new();
        for variant in std::iter::once(word.to_string()).chain(deletions_of(word)) {
            if let Some(list) = self.deletions.get(&variant) {
                ids.extend(list);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let close: Vec<u32> = ids
            .into_iter()
            .filter(|&id| strsim::damerau_levenshtein(word, &self.keys[id as usize]) == 1)
            .collect();
        (close.len() == 1).then(|| close[0])
    }
}

/// One-deletion index over keys of single words naming notable places (not every hamlet: a
/// typo is far likelier to be a town's name than to be one hamlet's name misspelt into
/// another's).
fn deletion_index(
    keys: &[String],
    places: &[Vec<PlaceIdx>],
    gaz: &Gazetteer,
) -> HashMap<String, Vec<u32>> {
    let mut index: HashMap<String, Vec<u32>> = HashMap::new();
    for (id, key) in keys.iter().enumerate() {
        let notable = places[id]
            .iter()
            .any(|&p| gaz.place(p).kind != PlaceKind::Village);
        if key.contains(' ') || key.chars().count() < FUZZY_MIN_CHARS - 1 || !notable {
            continue;
        }
        for variant in std::iter::once(key.clone()).chain(deletions_of(key)) {
            index.entry(variant).or_default().push(id as u32);
        }
    }
    index
}

fn deletions_of(word: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len()).map(move |i| {
        chars
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, c)| c)
            .collect()
    })
}

/// Keeps the longest of overlapping matches (earliest first on ties).
fn keep_longest(mut found: Vec<Mention>) -> Vec<Mention> {
    found.sort_by(|a, b| {
        (b.fend - b.fstart)
            .cmp(&(a.fend - a.fstart))
            .then(a.fstart.cmp(&b.fstart))
    });
    let mut kept: Vec<Mention> = Vec::new();
    for m in found {
        if kept
            .iter()
            .all(|k| m.fend <= k.fstart || k.fend <= m.fstart)
        {
            kept.push(m);
        }
    }
    kept
}

/// The article belongs to the name as written ("البوكمال", not "بوكمال"): moves a match
/// start back over an ال that directly precedes it in the same word.
fn with_article(t: &str, s: usize) -> usize {
    let word_start = t[..s].rfind(' ').map(|i| i + 1).unwrap_or(0);
    if t[word_start..s].ends_with("ال") {
        s - "ال".len()
    } else {
        s
    }
}

fn ends_word(t: &str, e: usize) -> bool {
    e == t.len() || t.as_bytes()[e] == b' '
}

/// Whether `prefix` (the part of a word before a name) is a chain of clitics: an optional
/// conjunction و/ف, an optional preposition ب/ل/ك, an optional article ال; or و/ف + لل.
pub fn is_clitic_chain(prefix: &str) -> bool {
    let mut rest = prefix;
    rest = rest
        .strip_prefix('و')
        .or_else(|| rest.strip_prefix('ف'))
        .unwrap_or(rest);
    if rest.is_empty() || rest == "لل" || rest == "ال" {
        return true;
    }
    let after_prep = rest
        .strip_prefix('ب')
        .or_else(|| rest.strip_prefix('ل'))
        .or_else(|| rest.strip_prefix('ك'));
    matches!(after_prep, Some("") | Some("ال"))
}

/// Splits clitics off a word when what remains is at least three letters: (core, bytes skipped).
fn strip_clitics(word: &str) -> (&str, usize) {
    let mut best = (word, 0);
    for (i, _) in word.char_indices().skip(1).take(4) {
        if is_clitic_chain(&word[..i]) && word[i..].chars().count() >= 3 {
            best = (&word[i..], i);
        }
    }
    best
}

/// Words that say the next word is a place's name; only after these is a spelling one
/// letter off a gazetteer name taken for that name.
const FUZZY_CUES: [&str; 9] = [
    "مدينه",
    "بلده",
    "قريه",
    "منطقه",
    "ريف",
    "باديه",
    "حي",
    "مخيم",
    "ناحيه",
];

/// Whether the word before folded offset `at` is one of [`FUZZY_CUES`] (clitics allowed).
fn type_word_before(t: &str, at: usize) -> bool {
    let before = t[..at].trim_end();
    let word = before.rsplit(' ').next().unwrap_or("");
    let (core, _) = strip_clitics(word);
    FUZZY_CUES.contains(&word) || FUZZY_CUES.contains(&core)
}

/// Whether a name stands in the list of a road or triangle ("مثلث حلب حماة الرقة"): one of
/// the two words before it is طريق or مثلث.
fn in_named_line(t: &str, at: usize) -> bool {
    t[..at]
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| matches!(strip_clitics(w).0, "طريق" | "مثلث") || matches!(w, "طريق" | "مثلث"))
}

/// The second name after a dual or plural place word ("بين مدينتي السخنة وتدمر", "قريتي
/// الطيبة والكوم"): the place word is the cue of both.
fn in_dual_pair(t: &str, at: usize) -> bool {
    let word_start = t[..at].rfind(' ').map(|i| i + 1).unwrap_or(0);
    if &t[word_start..at] != "و" {
        return false;
    }
    t[..word_start]
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| {
            matches!(
                w,
                "مدينتي"
                    | "بلدتي"
                    | "قريتي"
                    | "منطقتي"
                    | "بلدات"
                    | "قري"
                    | "مدن"
                    | "بلدتا"
                    | "مدينتا"
            )
        })
}

/// Whether the word before folded offset `at` is a place cue (clitics allowed).
pub fn cue_before(t: &str, at: usize) -> bool {
    let word_start = t[..at].rfind(' ').map(|i| i + 1).unwrap_or(0);
    let before = t[..word_start].trim_end();
    let word = before.rsplit(' ').next().unwrap_or("");
    let (core, _) = strip_clitics(word);
    PLACE_CUES.contains(&word) || PLACE_CUES.contains(&core)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Place;
    use crate::normalize::fold_with_offsets;

    fn place(id: &str, name: &str, alts: &[&str], kind: PlaceKind) -> Place {
        Place {
            id: id.into(),
            name_ar: name.into(),
            name_en: String::new(),
            alt_names: alts.iter().map(|s| s.to_string()).collect(),
            lat: 35.0,
            lon: 38.0,
            kind,
            admin1: String::new(),
            admin2: String::new(),
            population: 0,
            ends: vec![],
            source: String::new(),
        }
    }

    fn gazetteer() -> Gazetteer {
        Gazetteer::new(vec![
            place("a", "أثريا", &["إثريا"], PlaceKind::Village),
            place("d", "دير الزور", &[], PlaceKind::City),
            place("b", "البوكمال", &["أبو كمال"], PlaceKind::City),
            place("t", "تدمر", &[], PlaceKind::City),
            place("s", "السخنة", &[], PlaceKind::Town),
            place("r", "الرقة", &[], PlaceKind::City),
            place("f", "حقل التيم", &["حقل التيم النفطي"], PlaceKind::OilField),
        ])
    }

    fn surfaces(text: &str) -> Vec<String> {
        let g = gazetteer();
        let m = Matcher::new(&g);
        let f = fold_with_offsets(text);
        m.find(text, &f).into_iter().map(|m| m.surface).collect()
    }

    #[test]
    fn finds_names_as_writers_spell_them() {
        let rows: [(&str, &[&str]); 10] = [
            ("اشتباكات في محيط أثريا", &["أثريا"]),
            ("هجوم على إثريا وأثريا", &["إثريا", "أثريا"]),
            ("قصف بالبوكمال", &["البوكمال"]),
            ("في ريف ديرالزور الشرقي", &["ديرالزور"]),
            ("مدينة دير الزور", &["دير الزور"]),
            ("قرب مدينة السخنه", &["السخنه"]),
            (
                "في حقل التيم النفطي جنوب دير الزور",
                &["حقل التيم النفطي", "دير الزور"],
            ),
            ("طريق للرقة", &["رقة"]),
            ("الأثريات القديمة", &[]),
            ("في مدينة أبو كمال", &["أبو كمال"]),
        ];
        for (text, want) in rows {
            assert_eq!(surfaces(text), want, "in {text}");
        }
    }

    #[test]
    fn common_words_need_a_place_word() {
        assert_eq!(surfaces("الطائرات تدمر المواقع"), Vec::<String>::new());
        assert_eq!(surfaces("في مدينة تدمر"), vec!["تدمر"]);
        assert_eq!(surfaces("في بادية تدمر"), vec!["تدمر"]);
    }

    #[test]
    fn fuzzy_catches_a_typo_after_a_place_word() {
        assert_eq!(surfaces("قرب بلدة السخنىة"), vec!["السخنىة"]);
        assert_eq!(surfaces("السخنىة"), Vec::<String>::new());
    }

    #[test]
    fn clitic_chains() {
        for ok in ["", "و", "ب", "وب", "فل", "ال", "وال", "بال", "لل", "ولل"] {
            assert!(is_clitic_chain(ok), "{ok}");
        }
        for bad in ["م", "ات", "الم", "بب"] {
            assert!(!is_clitic_chain(bad), "{bad}");
        }
    }
}
