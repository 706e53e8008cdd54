//! Toponyms: an article's folded text in, place-name [`Mention`]s out. A match counts when it
//! ends a word and what stands before it in its word is a clitic chain the language allows
//! (و ف ب ل ك ال بال وال لل …), so names are looked up in a hash index of the gazetteer's
//! folded names from each such start to the word ends after it: a few lookups per word
//! whatever the size of the gazetteer, and an index that builds in a few milliseconds (an
//! Aho-Corasick automaton over the same names finds the same matches, but compiling it was
//! most of the start-up every run pays). Spellings the gazetteer does not list are caught by
//! a fuzzy pass over single words, through a deletion index (each name's one-letter
//! deletions), confirmed with Damerau-Levenshtein.
//!
//! Ordinary words that are also names (تدمر "destroys", حماة "protectors") only count when a
//! place word stands before them ("مدينة تدمر") or the name is part of a longer match.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashSet;
use std::sync::LazyLock;

use foldhash::fast::FixedState;
use rayon::prelude::*;

use crate::clitics::{self, chain_ends, past_longest_chain, ARTICLE, LONGEST_CHAIN};
use crate::gazetteer::{name_key, FastMap, Gazetteer};
use crate::model::{MatchHow, Mention, PlaceIdx, PlaceKind};
use crate::normalize::{fnv1a, fnv1a_bytes, Folded};
use crate::rules::WordSet;

/// Words that are names of places but far more often ordinary words; one per line, folded on
/// load. They need a place word before them.
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");

// The words around names are lists of `data/rules/places.csv`.
/// Words that announce a place ("مدينة", "ريف", "جنوب"): `place_noun`.
static PLACE_CUES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("place_noun"));
/// Prepositions, particles and pronouns that spell like place names once the article is
/// stripped ("على" folds to "علي", the bare key of the village العلي): `function_word`.
static FUNCTION_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("function_word"));
/// Words after which a spelling one letter off a name is taken for it: `fuzzy_cue`.
static FUZZY_CUES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("fuzzy_cue"));
static ROAD_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("road_word"));
static ROAD_LINKS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("road_link"));
/// Names of common words that are also verbs («تدمر», "it destroys"): `verb_name`.
static VERB_NAMES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("verb_name"));
/// Words of causing, after which «في تدمر» is the noun «تدمُّر», destruction: `cause_word`.
static CAUSE_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("cause_word"));
/// Prepositions that stand only before nouns («في», «داخل»): `noun_preposition`.
static NOUN_PREPOSITIONS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("noun_preposition"));
/// Words that open a person's name by their child ("أبو", "أم"): `kunya`.
static KUNYA: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("kunya"));
/// Adjectives that follow places, not people («العسكري», «الحدودي»): `place_adjective`.
static PLACE_ADJECTIVES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("place_adjective"));
static JUNCTION_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("junction_word"));
static DUAL_PLACE_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("dual_place_noun"));
static AREA_PLURALS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("area_plural"));
static AREA_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("area_noun"));
static NEAR_BEFORE_FROM: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("near_before_from"));
static SITE_WORD_NAMES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("site_word_name"));

/// Whether a whole folded word is a function word, with or without clitics before it.
fn is_function_word(word: &str) -> bool {
    let words = &*FUNCTION_WORDS;
    // Chains of up to three letters, as this test has always read: «وبالعلي» (the name العلي
    // behind و + ب) is no function word, though «بالعلي» is.
    words.may_end(word)
        && (words.contains(word) || chain_ends(word, 3).any(|i| words.contains(&word[i..])))
}

/// Whether a folded key is itself a place word (with or without the article).
fn is_place_word(key: &str) -> bool {
    let bare = key.strip_prefix(ARTICLE).unwrap_or(key);
    is_place_cue(bare) || is_place_cue(key)
}

/// Whether `word` is one of [`PLACE_CUES`].
fn is_place_cue(word: &str) -> bool {
    PLACE_CUES.contains(word)
}

/// Smallest word length (letters, clitics included) for the fuzzy pass; names one letter
/// shorter are fuzzy-matched too.
pub const FUZZY_MIN_CHARS: usize = 5;

/// What a folded string is in the name index.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The key's pattern id, when the string is a key.
    id: Option<u32>,
    /// Whether some longer key starts with the string and a space (so the next word is worth
    /// adding).
    longer: bool,
}

/// A name found in the folded text: key `id` at `fstart..fend`. Matches are weighed and
/// sorted as hits; only those kept become [`Mention`]s.
#[derive(Debug, Clone, Copy)]
struct Hit {
    id: u32,
    fstart: usize,
    fend: usize,
    how: MatchHow,
}

/// The compiled matcher.
pub struct Matcher {
    /// Folded key (and every word-prefix of a multi-word key) → what it is.
    index: FastMap<String, Slot>,
    /// Folded keys, by pattern id.
    keys: Vec<String>,
    /// Places per key, by pattern id.
    places: Vec<Vec<PlaceIdx>>,
    /// Keys that are common words.
    common: HashSet<String, FixedState>,
    /// The pattern ids of the keys that are common words, sorted.
    common_ids: Vec<u32>,
    /// (Hash of a one-deletion variant of a fuzzy-eligible key, pattern id), sorted.
    deletions: Vec<(u64, u32)>,
    /// (Hash of a multi-word key undotted ([`rasm_hash`]), pattern id), sorted.
    undotted: Vec<(u64, u32)>,
}

impl Matcher {
    /// Compiles the gazetteer's names.
    pub fn new(gaz: &Gazetteer) -> Matcher {
        let named = named_keys(gaz);
        let (first, mut more) = number_keys(&named);
        // Start-up time: keys and their places are copied out side by side.
        let (keys, mut places): (Vec<String>, Vec<Vec<PlaceIdx>>) = first
            .par_iter()
            .map(|&i| (named[i].key.to_string(), named[i].places.to_vec()))
            .unzip();
        // The names are not sorted (start-up time), so a key that several names give gets
        // their places in the order of the sorted names, as if they had been.
        more.sort_unstable();
        for group in more.chunk_by(|a, b| a.0 == b.0) {
            let id = group[0].0 as usize;
            let from = std::iter::once(first[id]).chain(group.iter().map(|m| m.1));
            places[id] = joined_places(&named, from.collect());
        }
        // The name index (with the word-prefixes of multi-word keys) and the fuzzy index are
        // built side by side.
        let ((index, undotted), (common, deletions)) = rayon::join(
            || (name_index(&keys), undotted_index(&keys)),
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
        let common_ids = common_ids(&index, &common);
        Matcher {
            index,
            keys,
            places,
            common,
            common_ids,
            deletions,
            undotted,
        }
    }

    /// Every place name in the article: exact matches, then fuzzy ones in the gaps.
    pub fn find<'a>(&'a self, text: &'a str, folded: &Folded) -> Vec<Mention<'a>> {
        let t = folded.text.as_str();
        let mut found = keep_longest(self.exact(t));
        self.extend_by_dots(t, &mut found);
        let fuzzy = self.fuzzy(t, &found);
        found.extend(fuzzy);
        found.retain(|h| {
            !self.needs_cue(h)
                || (cue_before(t, h.fstart) && !describes_area(t, h.fstart, h.fend))
                || noun_after_preposition(t, h.fstart, h.fend)
                || in_named_line(t, h.fstart)
                || in_dual_pair(t, h.fstart)
        });
        found.retain(|h| !names_a_site(t, h.fstart, h.fend) || settlement_before(t, h.fstart));
        found.retain(|h| !names_a_person(t, h.fstart, h.fend));
        found.sort_by_key(|h| h.fstart);
        found
            .iter()
            .map(|h| self.mention(h, text, folded))
            .collect()
    }

    fn needs_cue(&self, h: &Hit) -> bool {
        self.common_ids.binary_search(&h.id).is_ok()
    }

    /// Every key in the text that ends a word and stands behind a clitic chain. Names are
    /// whole words, so instead of scanning every byte the text is looked up from each place a
    /// name can start (a word start, or past a clitic chain) to each word end that follows,
    /// going on to the next word only while some longer key begins with what is read.
    fn exact(&self, t: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        for (word_start, word_end) in spans(t) {
            let word = &t[word_start..word_end];
            // The starts are tried in order, so a longer key comes before a shorter one that
            // ends at the same place.
            if !word.is_empty() {
                for i in std::iter::once(0).chain(chain_ends(word, LONGEST_CHAIN)) {
                    self.keys_from(t, word_start, word_start + i, word_end, &mut out);
                }
            }
        }
        out
    }

    /// The keys that start at `s` (in the word from `word_start`) and end a word, from the
    /// word end `e` on.
    fn keys_from(&self, t: &str, word_start: usize, s: usize, mut e: usize, out: &mut Vec<Hit>) {
        loop {
            let Some(slot) = self.index.get(&t[s..e]) else {
                return;
            };
            if let Some(id) = slot.id {
                if let Some(h) = exact_hit(t, word_start, s, e, id) {
                    out.push(h);
                }
            }
            if !slot.longer || e == t.len() {
                return;
            }
            e = word_end(t, e + 1);
        }
    }

    /// The mention a hit makes in the article `text` whose folding is `folded`.
    fn mention<'a>(&'a self, h: &Hit, text: &'a str, folded: &Folded) -> Mention<'a> {
        let start = folded.original_start(h.fstart);
        let end = folded.original_end(h.fend, text);
        Mention {
            start,
            end,
            fstart: h.fstart,
            fend: h.fend,
            surface: &text[start..end],
            key: &self.keys[h.id as usize],
            candidates: &self.places[h.id as usize],
            how: h.how,
        }
    }

    fn fuzzy(&self, t: &str, taken: &[Hit]) -> Vec<Hit> {
        let mut out = Vec::new();
        // The last word before this one (folded text has single spaces between words).
        let mut before = "";
        for (start, we) in spans(t) {
            let word = &t[start..we];
            let cue = before;
            if !word.is_empty() {
                before = word;
            }
            // Only a word of Arabic letters is read, and each of them takes two bytes: its
            // length in bytes tells its letters without counting them.
            if word.len() < 2 * FUZZY_MIN_CHARS
                || !is_type_word(cue)
                || !word.chars().all(crate::normalize::is_arabic_letter)
                || taken.iter().any(|h| h.fstart < we && start < h.fend)
            {
                continue;
            }
            let (core, skip) = past_longest_chain(word, CORE_LETTERS);
            // A part of the word: Arabic letters of two bytes too.
            if core.len() < 2 * (FUZZY_MIN_CHARS - 1) || self.common.contains(core) {
                continue;
            }
            if let Some(id) = self.closest(core) {
                out.push(Hit {
                    id,
                    fstart: with_article(t, start, start + skip),
                    fend: we,
                    how: MatchHow::Fuzzy,
                });
            }
        }
        out
    }

    /// A name of several words whose last word is written with the letters' dots misplaced
    /// («بلدة معدان عنيف» for «معدان عتيق»: ت/ن and ق/ف share their shape and neighbour on
    /// the keyboard): a hit on its first words after a place word that the next word,
    /// undotted, completes becomes a fuzzy hit on the whole name. Only one name may complete
    /// it.
    fn extend_by_dots(&self, t: &str, found: &mut [Hit]) {
        for i in 0..found.len() {
            let h = found[i];
            let key = self.keys[h.id as usize].as_str();
            let longer = self.index.get(key).is_some_and(|s| s.longer);
            if !longer || h.fend >= t.len() {
                continue;
            }
            // Only after a place word, as the fuzzy pass: «قوات جديدة محيط …» is no name.
            let before = t[..word_start(t, h.fstart)].trim_end();
            if !is_type_word(&before[word_start(before, before.len())..]) {
                continue;
            }
            let next_end = word_end(t, h.fend + 1);
            let next = &t[h.fend + 1..next_end];
            let named = found
                .iter()
                .any(|o| o.fstart > h.fend && o.fstart < next_end);
            // «قرية جديدة محيط مدينة …»: a word that announces a place is not a name's end.
            let announces = is_place_cue(next) || crate::resolve::compass_word(next).is_some();
            if named
                || announces
                || next.chars().count() < 3
                || !next.chars().all(crate::normalize::is_arabic_letter)
            {
                continue;
            }
            if let Some(id) = self.undotted(key, next) {
                found[i] = Hit {
                    id,
                    fstart: h.fstart,
                    fend: next_end,
                    how: MatchHow::Fuzzy,
                };
            }
        }
    }

    /// The one key that is `first`, a space and a word undotted as `next` is, if exactly
    /// one is.
    fn undotted(&self, first: &str, next: &str) -> Option<u32> {
        let h = rasm_hash(&[first, " ", next]);
        let from = self.undotted.partition_point(|&(x, _)| x < h);
        let mut ids = self.undotted[from..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .map(|&(_, id)| id)
            .filter(|&id| {
                // Hashes collide, and undotted first words may differ: the key is checked.
                let key = self.keys[id as usize].as_str();
                key.strip_prefix(first)
                    .and_then(|rest| rest.strip_prefix(' '))
                    .is_some_and(|last| rasm_hash(&[last]) == rasm_hash(&[next]))
            });
        let id = ids.next()?;
        ids.next().is_none().then_some(id)
    }

    /// The key within one edit of `word`, if exactly one distance-1 key exists.
    fn closest(&self, word: &str) -> Option<u32> {
        let mut ids: Vec<u32> = Vec::new();
        for h in variant_hashes(word) {
            let from = self.deletions.partition_point(|&(x, _)| x < h);
            let same = self.deletions[from..].iter().take_while(|&&(x, _)| x == h);
            ids.extend(same.map(|&(_, id)| id));
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

/// The keys the matcher looks for, each with the name it comes from and that name's places:
/// each name, and a multi-word name also without its spaces (writers drop them: ديرالزور).
/// Keys shorter than three letters are left out, and so are place words ("مدينة", "منطقة"):
/// they name villages too, but in news they announce a place rather than being one. A key
/// may come more than once, from different names.
fn named_keys(gaz: &Gazetteer) -> Vec<Named<'_>> {
    let names: Vec<(&String, &Vec<PlaceIdx>)> = gaz.names.iter().collect();
    names
        .par_iter()
        .flat_map_iter(|&(name, of)| {
            let joined = name
                .contains(' ')
                .then(|| Cow::Owned(name.replace(' ', "")));
            std::iter::once(Cow::Borrowed(name.as_str()))
                .chain(joined)
                .chain(son_spelling(name).map(Cow::Owned))
                .map(move |key| Named {
                    name,
                    key,
                    places: of,
                })
        })
        .filter(|n| n.key.chars().nth(2).is_some() && !is_place_word(&n.key))
        .collect()
}

/// A name with "son of" in its other spelling: «بن» and «ابن» inside a name are written
/// either way («فيضة بن موينع», «فيضة ابن موينع»). Grammar of names, not a word list.
fn son_spelling(name: &str) -> Option<String> {
    if name.contains(" بن ") {
        Some(name.replace(" بن ", " ابن "))
    } else if name.contains(" ابن ") {
        Some(name.replace(" ابن ", " بن "))
    } else {
        None
    }
}

/// A key the matcher looks for, the gazetteer name it comes from and that name's places.
struct Named<'g> {
    name: &'g str,
    key: Cow<'g, str>,
    places: &'g [PlaceIdx],
}

/// The places of a key that several names give (`from`, indexes into `named`): theirs in
/// turn, the names taken in sorted order, each place once.
fn joined_places(named: &[Named<'_>], mut from: Vec<usize>) -> Vec<PlaceIdx> {
    from.sort_unstable_by_key(|&i| named[i].name);
    let mut list: Vec<PlaceIdx> = Vec::new();
    for i in from {
        for p in named[i].places {
            if !list.contains(p) {
                list.push(*p);
            }
        }
    }
    list
}

/// Pattern ids for `named`, numbered in order of first appearance: the entry that gives each
/// id, and (id, entry) for the later entries of a key, whose places join the id's.
fn number_keys(named: &[Named<'_>]) -> (Vec<usize>, Vec<(u32, usize)>) {
    let mut ids: FastMap<&str, u32> = FastMap::default();
    ids.reserve(named.len());
    let (mut first, mut more) = (Vec::with_capacity(named.len()), Vec::new());
    for (i, n) in named.iter().enumerate() {
        match ids.entry(&n.key) {
            Entry::Occupied(e) => more.push((*e.get(), i)),
            Entry::Vacant(e) => {
                e.insert(first.len() as u32);
                first.push(i);
            }
        }
    }
    (first, more)
}

/// The hit of key `id` found at `s..e` (in the word from `word_start`), unless the word is a
/// function word or a short name stands behind a bare clitic.
fn exact_hit(t: &str, word_start: usize, s: usize, e: usize, id: u32) -> Option<Hit> {
    let prefix = &t[word_start..s];
    if is_function_word(&t[word_start..e]) {
        return None;
    }
    // A three-letter name behind a bare conjunction or preposition ("فاجا") is far
    // likelier a word than the place; behind the article it is the place, and so it is
    // behind «و» as a road's or a pair's second end ("الطريق الواصل بين تدمر وحمص").
    let short = t[s..e].chars().count() <= 3;
    let second_end = || prefix == "و" && (in_named_line(t, s) || in_dual_pair(t, s));
    if short && !(prefix.is_empty() || clitics::ends_in_article(prefix)) && !second_end() {
        return None;
    }
    Some(Hit {
        id,
        fstart: with_article(t, word_start, s),
        fend: e,
        how: MatchHow::Exact,
    })
}

/// The words of folded text `t` as (start, end) byte offsets, in order: the parts between
/// its spaces, as splitting at every space gives them (an empty one where two spaces meet or
/// one ends the text). The matcher's passes read every word of an article: one vectorised
/// search for the spaces costs less than a scan of each word's bytes, whose ends, at every
/// few bytes, a branch predictor cannot foresee.
fn spans(t: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let ends = memchr::memchr_iter(b' ', t.as_bytes()).chain(std::iter::once(t.len()));
    let mut start = 0;
    ends.map(move |end| {
        let word = (start, end);
        start = end + 1;
        word
    })
}

/// The end of the folded word that starts at `from`: the next space, or the end of `t`.
/// Words are short: a plain scan beats a search.
fn word_end(t: &str, from: usize) -> usize {
    t.as_bytes()[from..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(t.len(), |i| from + i)
}

/// The start of the folded word that holds offset `at` (just after the space before it).
fn word_start(t: &str, at: usize) -> usize {
    t.as_bytes()[..at]
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(0, |i| i + 1)
}

/// The pattern ids of the keys that are in `common`, sorted.
fn common_ids(index: &FastMap<String, Slot>, common: &HashSet<String, FixedState>) -> Vec<u32> {
    let mut ids: Vec<u32> = common
        .iter()
        .filter_map(|w| index.get(w.as_str())?.id)
        .collect();
    ids.sort_unstable();
    ids
}

/// Key → its pattern id, and each word-prefix of a multi-word key marked as leading to it.
fn name_index(keys: &[String]) -> FastMap<String, Slot> {
    let mut index: FastMap<String, Slot> = FastMap::default();
    index.reserve(keys.len() * 2);
    for (id, key) in keys.iter().enumerate() {
        let slot = Slot {
            id: Some(id as u32),
            longer: false,
        };
        index.insert(key.clone(), slot);
    }
    mark_longer(&mut index, keys);
    index
}

/// (The undotted hash of each key of several words ([`rasm_hash`]), its pattern id), sorted.
fn undotted_index(keys: &[String]) -> Vec<(u64, u32)> {
    let mut index: Vec<(u64, u32)> = keys
        .par_iter()
        .enumerate()
        .filter(|(_, key)| key.contains(' '))
        .map(|(id, key)| (rasm_hash(&[key]), id as u32))
        .collect();
    index.par_sort_unstable();
    index
}

/// FNV-1a of `parts` in turn with each letter that only its dots tell from others taken as
/// the first of its group (ب ت ث ن ي; ج ح خ; د ذ; ر ز; س ش; ص ض; ط ظ; ع غ; ف ق): the hash
/// of the words' skeleton (rasm), the same for «معدان عنيف» and «معدان عتيق».
fn rasm_hash(parts: &[&str]) -> u64 {
    let undotted = parts.iter().flat_map(|p| p.chars()).map(|c| match c {
        'ت' | 'ث' | 'ن' | 'ي' => 'ب',
        'ج' | 'خ' => 'ح',
        'ذ' => 'د',
        'ز' => 'ر',
        'ش' => 'س',
        'ض' => 'ص',
        'ظ' => 'ط',
        'غ' => 'ع',
        'ق' => 'ف',
        c => c,
    });
    fnv1a_bytes(undotted.flat_map(|c| {
        let mut buf = [0u8; 4];
        let len = c.encode_utf8(&mut buf).len();
        buf.into_iter().take(len)
    }))
}

/// One-deletion index over keys of single words naming notable places (not every hamlet: a
/// typo is far likelier to be a town's name than to be one hamlet's name misspelt into
/// another's): (hash of the key or of one of its one-letter deletions, pattern id), sorted.
///
/// Every key within one edit (Damerau) of a word shares the word, or one of its deletions,
/// with the key or one of the key's deletions, so it is among the ids found under the word's
/// hashes. Hashes that collide only add ids that the distance check then drops.
fn deletion_index(keys: &[String], places: &[Vec<PlaceIdx>], gaz: &Gazetteer) -> Vec<(u64, u32)> {
    // Start-up time: keys are hashed and the hashes sorted in parallel.
    let mut index: Vec<(u64, u32)> = keys
        .par_iter()
        .enumerate()
        .filter(|&(id, key)| {
            let notable = places[id]
                .iter()
                .any(|&p| gaz.place(p).kind != PlaceKind::Village);
            !key.contains(' ') && key.chars().count() >= FUZZY_MIN_CHARS - 1 && notable
        })
        .flat_map_iter(|(id, key)| variant_hashes(key).map(move |h| (h, id as u32)))
        .collect();
    index.par_sort_unstable();
    index
}

/// The hashes of `word` and of each of its one-letter deletions.
fn variant_hashes(word: &str) -> impl Iterator<Item = u64> + '_ {
    let deletions = word
        .char_indices()
        .map(move |(i, c)| fnv1a(&[&word[..i], &word[i + c.len_utf8()..]]));
    std::iter::once(fnv1a(&[word])).chain(deletions)
}

/// Marks each word-prefix of a multi-word key ("دير" of "دير الزور") as leading to a
/// longer key.
fn mark_longer(index: &mut FastMap<String, Slot>, keys: &[String]) {
    for key in keys {
        for (space, _) in key.match_indices(' ') {
            match index.get_mut(&key[..space]) {
                Some(slot) => slot.longer = true,
                None => {
                    index.insert(
                        key[..space].to_string(),
                        Slot {
                            id: None,
                            longer: true,
                        },
                    );
                }
            }
        }
    }
}

/// Keeps the longest of overlapping matches (earliest first on ties).
fn keep_longest(mut found: Vec<Hit>) -> Vec<Hit> {
    found.sort_by(|a, b| {
        (b.fend - b.fstart)
            .cmp(&(a.fend - a.fstart))
            .then(a.fstart.cmp(&b.fstart))
    });
    let mut kept: Vec<Hit> = Vec::new();
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
/// start `s` back over an ال that directly precedes it in its word (from `word_start`).
fn with_article(t: &str, word_start: usize, s: usize) -> usize {
    if t[word_start..s].ends_with(ARTICLE) {
        s - ARTICLE.len()
    } else {
        s
    }
}

/// The fewest letters a word's core keeps when the matcher peels its clitics off
/// ([`past_longest_chain`]).
const CORE_LETTERS: usize = 3;

/// Whether `word` is one of [`FUZZY_CUES`] (clitics allowed).
fn is_type_word(word: &str) -> bool {
    // Most words end in a byte no cue ends in: the set answers them before any comparison.
    FUZZY_CUES.may_end(word)
        && (FUZZY_CUES.contains(word)
            || FUZZY_CUES.contains(past_longest_chain(word, CORE_LETTERS).0))
}

/// Whether a name stands in the list of a road or triangle ("مثلث حلب حماة الرقة"): one of
/// the four words before it (a clitic of the name's own word counted as one) is طريق or
/// مثلث, or a word joining a road to its ends: a first end of two words or the road's
/// adjective may stand between ("الطريق الدولي دير الزور – تدمر", "الطريق الواصل بين حمص
/// وتدمر").
fn in_named_line(t: &str, at: usize) -> bool {
    t[..at]
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .take(4)
        .any(|w| {
            let line = |w: &str| ROAD_WORDS.contains(w) || JUNCTION_WORDS.contains(w);
            ROAD_LINKS.contains(w)
                || ((ROAD_WORDS.may_end(w) || JUNCTION_WORDS.may_end(w))
                    && (line(past_longest_chain(w, CORE_LETTERS).0) || line(w)))
        })
}

/// The second name after a dual or plural place word ("بين مدينتي السخنة وتدمر", "قريتي
/// الطيبة والكوم"): the place word is the cue of both.
fn in_dual_pair(t: &str, at: usize) -> bool {
    let word_start = word_start(t, at);
    // The conjunction «و» that joins the pair is grammar: it stays code.
    if &t[word_start..at] != "و" {
        return false;
    }
    t[..word_start]
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| DUAL_PLACE_NOUNS.contains(w))
}

/// Whether a common word at `start..end` after "منطقة/مناطق" describes the area rather than
/// names it: after the plural it is an adjective ("مناطق واسعة من البادية", wide areas), and
/// so it is after the singular when a complement follows ("منطقة بعيدة عن", "منطقة قريبة
/// من").
fn describes_area(t: &str, start: usize, end: usize) -> bool {
    let before = t[..word_start(t, start)].trim_end();
    let (cue, _) = past_longest_chain(&before[word_start(before, before.len())..], CORE_LETTERS);
    let next = t[end..].split(' ').find(|w| !w.is_empty()).unwrap_or("");
    // "عن", "من": the grammar of a complement.
    AREA_PLURALS.contains(cue) || (AREA_NOUNS.contains(cue) && matches!(next, "عن" | "من"))
}

/// Whether the name at `start..end` is a site's noun that also spells a village ("كازية", a
/// fuel station): it is the village only after a settlement's type word ("قرية الكازية").
fn names_a_site(t: &str, start: usize, end: usize) -> bool {
    SITE_WORD_NAMES.has_word(&t[start..end])
}

/// Whether the word before folded offset `at` is the type word of a place no wider than a
/// town ("قرية", "بلدة", "حي", "مخيم"; clitics allowed): the type words of places.csv, as
/// `resolve` reads them.
fn settlement_before(t: &str, at: usize) -> bool {
    let before = t[..word_start(t, at)].trim_end();
    crate::resolve::is_small_place_word(&before[word_start(before, before.len())..])
}

/// Whether the word before folded offset `at` is a place cue (clitics allowed).
pub fn cue_before(t: &str, at: usize) -> bool {
    let before = t[..word_start(t, at)].trim_end();
    let word = &before[word_start(before, before.len())..];
    // "من" is no place noun, but "بالقرب من" is as good as "قرب"; the particle is grammar
    // and stays code.
    if word == "من" {
        return near_before(before);
    }
    if !PLACE_CUES.may_end(word) {
        return false;
    }
    let (core, _) = past_longest_chain(word, CORE_LETTERS);
    is_place_cue(word) || is_place_cue(core)
}

/// Whether the common word at `start..end` is a verb's spelling of a name (`verb_name`) that
/// a preposition standing only before nouns makes the place: «في تدمر», «وفي تدمر» are
/// Palmyra, a verb cannot follow «في»; after a word of causing the noun «تدمُّر» can.
fn noun_after_preposition(t: &str, start: usize, end: usize) -> bool {
    if !VERB_NAMES.contains(&t[start..end]) {
        return false;
    }
    let before = t[..word_start(t, start)].trim_end();
    let at = word_start(before, before.len());
    let preposition = crate::clitics::without_and(&before[at..]);
    // «تسبب القصف في تدمر عدد من المنازل»: after a word of causing, up to three words
    // before the preposition, the noun «تدمُّر».
    let caused = before[..at]
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .take(CAUSE_REACH)
        .any(|w| CAUSE_WORDS.contains(w));
    // The noun takes what was destroyed after it; the place is followed by the effect
    // («تسبب انفجار لغم في تدمر بمقتل عنصرين»: ب is a clitic, code) or nothing.
    let after = t
        .get(end + 1..)
        .map_or("", |rest| &rest[..word_end(rest, 0)]);
    let destroyed = caused && !after.is_empty() && !after.starts_with('ب');
    NOUN_PREPOSITIONS.contains(preposition) && !destroyed
}

/// How many words before «في تدمر» a word of causing makes it the noun «تدمُّر»: the verb,
/// its subject and an adjective («تسبب القصف المدفعي في تدمر …»).
const CAUSE_REACH: usize = 3;

/// Whether the name at `start..end` is a person's: it opens with a kunya («أبو الحسين»), a
/// family name of the article and ي follows it («أبو الحسين القرشي», «أبو محمد الجولاني»)
/// and no place noun stands before it («مطار أبو الظهور العسكري» is a place). Compass
/// adjectives («الشرقي») and `place_adjective`s («العسكري») follow places, not people.
fn names_a_person(t: &str, start: usize, end: usize) -> bool {
    let first = &t[start..word_end(t, start)];
    if !KUNYA.contains(first) || end >= t.len() || cue_before(t, start) {
        return false;
    }
    let next = &t[end + 1..word_end(t, end + 1)];
    let family = next.starts_with(ARTICLE) && next.ends_with('ي') && next.chars().count() >= 5;
    family && crate::resolve::compass_word(next).is_none() && !PLACE_ADJECTIVES.contains(next)
}

/// Whether the word before the "من" that ends `before` makes it "near" ("بالقرب من", "على
/// مقربة من"): a place cue as "قرب" is.
pub(crate) fn near_before(before: &str) -> bool {
    let before = before[..word_start(before, before.len())].trim_end();
    NEAR_BEFORE_FROM.contains(&before[word_start(before, before.len())..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Place;
    use crate::normalize::fold_with_offsets;

    #[test]
    fn a_site_word_names_a_village_after_a_small_place_word() {
        for (before, want) in [
            ("قريه", true),
            ("وبلده", true),
            ("بقريه", true),
            ("حي", true),
            ("مخيم", true),
            ("مدينه", false),
            ("محافظه", false),
            ("قرب", false),
        ] {
            let t = format!("قتل عنصر في {before} الكازيه");
            let at = t.len() - "الكازيه".len();
            assert_eq!(settlement_before(&t, at), want, "{before}");
        }
    }

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
            place("z", "الزارة", &[], PlaceKind::Village),
            place("m", "معدان", &[], PlaceKind::Town),
            place("ma", "معدان عتيق", &[], PlaceKind::Village),
            place("mm", "معدان مخيط", &[], PlaceKind::Village),
            place("h", "أبو الحسين", &[], PlaceKind::Village),
            place("fm", "فيضة بن موينع", &[], PlaceKind::Village),
        ])
    }

    fn surfaces(text: &str) -> Vec<String> {
        let g = gazetteer();
        let m = Matcher::new(&g);
        let f = fold_with_offsets(text);
        m.find(text, &f)
            .iter()
            .map(|m| m.surface.to_string())
            .collect()
    }

    #[test]
    fn finds_names_as_writers_spell_them() {
        let rows: [(&str, &[&str]); 12] = [
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
            // «بن» and «ابن» inside a name are written either way.
            ("في منطقة فيضة ابن موينع", &["فيضة ابن موينع"]),
            ("في منطقة فيضة بن موينع", &["فيضة بن موينع"]),
        ];
        for (text, want) in rows {
            assert_eq!(surfaces(text), want, "in {text}");
        }
    }

    #[test]
    fn common_words_need_a_place_word() {
        assert_eq!(surfaces("الطائرات تدمر المواقع"), Vec::<String>::new());
        assert_eq!(surfaces("تتبع لعناصر وزارة الدفاع"), Vec::<String>::new());
        assert_eq!(surfaces("في قرية الزارة"), vec!["الزارة"]);
        assert_eq!(surfaces("في مدينة تدمر"), vec!["تدمر"]);
        assert_eq!(surfaces("في بادية تدمر"), vec!["تدمر"]);
    }

    #[test]
    fn a_names_last_word_is_read_through_misplaced_dots() {
        let rows: [(&str, &[&str]); 8] = [
            ("في بلدة معدان عنيف شرقي الرقة", &["معدان عنيف", "الرقة"]),
            ("قرب قرية معدان عتيف", &["معدان عتيف"]),
            ("وفي معدان عتيق", &["معدان عتيق"]),
            // Only after a place word, and not into a word that announces a place.
            ("هجوم على معدان عنيف", &["معدان"]),
            ("في بلدة معدان محيط دير الزور", &["معدان", "دير الزور"]),
            // Other letters, another length, or a place named next: the shorter name.
            ("في بلدة معدان عميق", &["معدان"]),
            ("في بلدة معدان عتيقة", &["معدان"]),
            ("في معدان دير الزور", &["معدان", "دير الزور"]),
        ];
        for (text, want) in rows {
            assert_eq!(surfaces(text), want, "in {text}");
        }
        assert_eq!(rasm_hash(&["عنيف"]), rasm_hash(&["عتيق"]));
        assert_ne!(rasm_hash(&["عميق"]), rasm_hash(&["عتيق"]));
    }

    #[test]
    fn a_kunya_with_a_family_name_is_a_person() {
        let rows: [(&str, &[&str]); 6] = [
            ("مقتل زعيمه أبو الحسين القرشي", &[]),
            ("وأكد مقتل أبي الحسين العراقي", &[]),
            ("في قرية أبو الحسين القرشي", &["أبو الحسين"]),
            ("قصف أبو الحسين الشرقي", &["أبو الحسين"]),
            ("في أبو الحسين العسكري", &["أبو الحسين"]),
            ("قصف أبو الحسين وأثريا", &["أبو الحسين", "أثريا"]),
        ];
        for (text, want) in rows {
            assert_eq!(surfaces(text), want, "in {text}");
        }
    }

    #[test]
    fn fuzzy_catches_a_typo_after_a_place_word() {
        assert_eq!(surfaces("قرب بلدة السخنىة"), vec!["السخنىة"]);
        assert_eq!(surfaces("السخنىة"), Vec::<String>::new());
    }

    #[test]
    fn a_key_lists_its_names_places_in_the_order_of_the_sorted_names() {
        let (g, _) = Gazetteer::load_default().unwrap();
        let m = Matcher::new(&g);
        let mut sorted: Vec<_> = g.names.iter().collect();
        sorted.sort();
        let mut want: FastMap<String, Vec<PlaceIdx>> = FastMap::default();
        for (name, of) in sorted {
            let mut keys = vec![name.clone()];
            if name.contains(' ') {
                keys.push(name.replace(' ', ""));
            }
            keys.extend(son_spelling(name));
            for key in keys {
                let list = want.entry(key).or_default();
                for p in of {
                    if !list.contains(p) {
                        list.push(*p);
                    }
                }
            }
        }
        assert!(m.keys.iter().any(|k| want[k].len() > 1));
        for (id, key) in m.keys.iter().enumerate() {
            assert_eq!(m.places[id], want[key], "{key}");
        }
    }

    #[test]
    fn a_deletion_hashes_like_the_word_it_spells() {
        let hashes: Vec<u64> = variant_hashes("تدمر").collect();
        let spelt: Vec<u64> = ["تدمر", "دمر", "تمر", "تدر", "تدم"]
            .iter()
            .map(|w| fnv1a(&[w]))
            .collect();
        assert_eq!(hashes, spelt);
    }

    #[test]
    fn multi_word_names_behind_clitics() {
        assert_eq!(surfaces("وبدير الزور"), vec!["دير الزور"]);
        assert_eq!(surfaces("في حقل التيم"), vec!["حقل التيم"]);
        assert_eq!(surfaces("دير حافر"), Vec::<String>::new());
    }
}
