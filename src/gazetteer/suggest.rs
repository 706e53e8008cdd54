//! `badia gazetteer suggest`: the place-like names of a corpus that the gazetteer does not
//! know. A name is place-like when a place noun comes before it ("وادي X", "منطقة X",
//! "المحطة الثالثة"); it is unknown when badia finds no gazetteer name there. Each name is
//! counted over the articles, with an example sentence and its anchor: where badia placed
//! the event told in that sentence, or else the nearest known place of the sentence. An
//! analyst adds the names that are places to a CSV for `--extra-gazetteer`. The words it
//! reads by are data/rules/suggest.csv and `function_word` of data/rules/places.csv.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use rayon::prelude::*;

use crate::clitics::{after_and, chain_ends, ends_in_article, ARTICLE, LONGEST_CHAIN};
use crate::gazetteer::{name_key, Gazetteer};
use crate::model::{Article, Event, Location, Mention};
use crate::normalize::{fold_with_offsets, Folded};
use crate::pipeline::Extractor;
use crate::resolve;
use crate::rules::{self, WordSet};

/// Site nouns a name follows ("وادي", "بئر"), from `site_noun` of data/rules/suggest.csv.
static SITE_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("site_noun"));

/// Site nouns named by an ordinal of their own, with the article ("المحطة الثالثة").
static ORDINAL_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("site_ordinal_noun"));

/// The site nouns, ordinal ones last, in file order: the first that ends a noun word is its
/// bare noun.
static BARE_NOUNS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let rules = rules::active();
    rules
        .words("site_noun")
        .chain(rules.words("site_ordinal_noun"))
        .map(str::to_string)
        .collect()
});

/// Words that read as a clitic and a site noun but are one word ("كبير").
static LOOKALIKES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("site_noun_lookalike"));

/// Words that end a name: the particles of `function_word` (places.csv) and `name_end`.
static STOP_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of_lists(&["function_word", "name_end"]));

/// Words after a site noun that show it was not naming a site.
static NOT_NAMES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("not_site_name"));

/// Words that lead a compound name ("أبو خشب").
static NAME_LEADS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("name_lead"));

/// Kind words between a field's noun and its name ("حقل غاز الشاعر").
static KIND_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("field_kind"));

/// Site nouns that begin with و: a word starting with one is not و + the next item of a list.
static WAW_NOUNS: LazyLock<Vec<String>> = LazyLock::new(|| {
    rules::active()
        .words("site_noun")
        .filter(|n| after_and(n).is_some())
        .map(str::to_string)
        .collect()
});

/// Longest name read after a place noun, in words.
const MAX_NAME_WORDS: usize = 3;

/// One unknown place-like name and where it was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The name as first written, with its place noun ("وادي العذيب").
    pub written: String,
    /// The folded name without its noun and article: what it is counted by.
    pub key: String,
    /// Occurrences over every article.
    pub count: usize,
    /// Articles it occurs in.
    pub articles: usize,
    /// The first sentence it occurs in.
    pub example: String,
    /// The id of that sentence's article.
    pub article_id: String,
    /// Where badia placed the event of that sentence, or the nearest known place of the
    /// sentence; `None` when the sentence has no known place.
    pub anchor: Option<String>,
}

/// One occurrence, before counting.
#[derive(Debug, Clone)]
struct Found {
    written: String,
    key: String,
    example: String,
    anchor: Option<String>,
}

/// The suggestions of a stream of article batches, merged as they come.
#[derive(Debug, Default)]
pub struct Suggestions {
    /// Key → the suggestion, and the index of the last article counted for it.
    by_key: HashMap<String, (Suggestion, usize)>,
    articles_seen: usize,
}

impl Suggestions {
    /// Reads a batch of articles (in parallel; the order of the batches is kept).
    pub fn add(&mut self, extractor: &Extractor, articles: &[Article]) {
        let found: Vec<Vec<Found>> = articles
            .par_iter()
            .map(|a| article_names(extractor, a))
            .collect();
        for (article, names) in articles.iter().zip(found) {
            let n = self.articles_seen;
            self.articles_seen += 1;
            for f in names {
                let entry = self.by_key.entry(f.key.clone()).or_insert_with(|| {
                    let s = Suggestion {
                        written: f.written.clone(),
                        key: f.key.clone(),
                        count: 0,
                        articles: 0,
                        example: f.example.clone(),
                        article_id: article.id.clone(),
                        anchor: f.anchor.clone(),
                    };
                    (s, usize::MAX)
                });
                entry.0.count += 1;
                if entry.1 != n {
                    entry.0.articles += 1;
                    entry.1 = n;
                }
                // An example with an anchor tells the analyst more.
                if entry.0.anchor.is_none() && f.anchor.is_some() {
                    entry.0.example = f.example;
                    entry.0.anchor = f.anchor;
                    entry.0.article_id = article.id.clone();
                }
            }
        }
    }

    /// The suggestions, most frequent first (then by articles, then by name).
    pub fn finish(self) -> Vec<Suggestion> {
        let mut all: Vec<Suggestion> = self.by_key.into_values().map(|(s, _)| s).collect();
        all.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.articles.cmp(&a.articles))
                .then(a.key.cmp(&b.key))
        });
        all
    }
}

/// The suggestions for `articles`, most frequent first.
pub fn suggest(extractor: &Extractor, articles: &[Article]) -> Vec<Suggestion> {
    let mut s = Suggestions::default();
    s.add(extractor, articles);
    s.finish()
}

/// A word of the folded text: its folded byte range.
#[derive(Debug, Clone)]
struct Word {
    range: Range<usize>,
}

/// Words that may stand between an unknown name and the place it is told by ("وادي X في
/// بادية السخنة", "منطقة X التي تبعد نحو 30 كم شرق تدمر"): `place_glue` of
/// data/rules/places.csv and `anchor_glue`.
static GLUE: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of_lists(&["place_glue", "anchor_glue"]));

/// Most glue words between an unknown name and the place it is told by.
const MAX_GLUE_WORDS: usize = 4;

/// Keeps in `location_text` the place-like name the gazetteer lacks that an event's place
/// phrase follows ("وادي الغرابات في بادية السخنة", "منطقة الحمادية شمال تدمر"): the event
/// stays where its anchor puts it, at the anchor's geo precision, and the name is not lost.
/// `locations` are the article's place phrases, the event's among them. Returns a note for
/// each such event.
pub fn keep_unknown_names(
    gaz: &Gazetteer,
    mentions: &[Mention<'_>],
    locations: &[Location],
    text: &str,
    folded: &Folded,
    events: &mut [Event],
) -> Vec<String> {
    let mut notes = Vec::new();
    for e in events.iter_mut() {
        let Some((name, loc)) = e.evidence.iter().find_map(|ev| {
            let place = placed_by(locations, ev.start..ev.end, &e.location_text)?;
            unknown_before(gaz, mentions, text, folded, ev.start, place)
        }) else {
            continue;
        };
        notes.push(format!(
            "«{}» is not in the gazetteer: placed by «{}» ({}, geo_precision {})",
            text[name.clone()].trim(),
            e.location_text,
            e.location,
            e.geo_precision
        ));
        e.location_text = text[name.start..loc.end].to_string();
    }
    notes
}

/// The first place phrase in `sentence` written as `phrase` (the event's `location_text`):
/// where the sentence names the event's place.
fn placed_by<'l>(
    locations: &'l [Location],
    sentence: Range<usize>,
    phrase: &str,
) -> Option<&'l Location> {
    locations
        .iter()
        .find(|l| sentence.start <= l.start && l.end <= sentence.end && l.text == phrase)
}

/// The unknown place-like name (noun and name) that the place phrase `place` follows in the
/// sentence opening at `sentence_start`, with only glue between them, and the phrase's
/// range; original byte ranges.
fn unknown_before(
    gaz: &Gazetteer,
    mentions: &[Mention<'_>],
    text: &str,
    folded: &Folded,
    sentence_start: usize,
    place: &Location,
) -> Option<(Range<usize>, Range<usize>)> {
    let loc = place.start..place.end;
    // Only the words just before the place phrase can hold the name and the glue.
    let before = folded.folded_within(&(sentence_start..loc.start));
    let words = last_words(
        &folded.text,
        before.clone(),
        MAX_NAME_WORDS + MAX_GLUE_WORDS + 2,
    );
    names_after_nouns(text, folded, &words)
        .into_iter()
        .filter_map(|(noun_at, name)| {
            let noun = &words[noun_at].range;
            let frange = words[name.start].range.start..words[name.end - 1].range.end;
            // The words between the name and the place phrase, as the folding has them.
            let gap = folded.text.get(frange.end..before.end).unwrap_or("");
            let mut glue = gap.split(' ').filter(|w| !w.is_empty());
            let fits = glue.clone().count() <= MAX_GLUE_WORDS
                && glue.all(|w| GLUE.has_word(w))
                && !known(gaz, mentions, &folded.text, noun, &frange);
            let start = folded.original_start(noun.start);
            let end = folded.original_end(frange.end, text);
            fits.then_some((start..end, loc.clone()))
        })
        .last()
}

/// The last `n` words of the folded text within `range`, in order.
fn last_words(folded: &str, range: Range<usize>, n: usize) -> Vec<Word> {
    let part = &folded[range.clone()];
    let mut out: Vec<Word> = crate::normalize::words_back(part, part.len())
        .take(n)
        .map(|w| Word {
            range: range.start + w.start..range.start + w.end,
        })
        .collect();
    out.reverse();
    out
}

/// The unknown place-like names of one article.
fn article_names(extractor: &Extractor, article: &Article) -> Vec<Found> {
    let text = &article.text;
    let folded = fold_with_offsets(text);
    let mentions = extractor.matcher.find(text, &folded);
    let locations = resolve::resolve(&extractor.gazetteer, text, &folded, &mentions);
    let mut out = Vec::new();
    let mut events: Option<Vec<Event>> = None;
    for sentence in sentences(text) {
        let fr = folded.folded_within(&sentence);
        let words = words_in(&folded.text, fr.clone());
        for (noun_at, name) in names_after_nouns(text, &folded, &words) {
            let frange = words[name.start].range.start..words[name.end - 1].range.end;
            let noun_range = &words[noun_at].range;
            if known(
                &extractor.gazetteer,
                &mentions,
                &folded.text,
                noun_range,
                &frange,
            ) {
                continue;
            }
            let start = folded.original_start(noun_range.start);
            let end = folded.original_end(frange.end, text);
            let events = events.get_or_insert_with(|| extractor.article_events(article));
            out.push(Found {
                written: text[start..end].to_string(),
                key: name_key(&folded.text[frange.clone()]),
                example: text[sentence.clone()].trim().to_string(),
                anchor: anchor(extractor, events, &locations, &sentence, start),
            });
        }
    }
    out
}

/// Byte ranges of the sentences of `text`: cut after . ! ? ؟ ؛ and line breaks.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '؟' | '؛' | '\n') {
            let end = i + c.len_utf8();
            if !text[start..end].trim().is_empty() {
                out.push(start..end);
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

/// The words of the folded text within `range` (folded text separates words by one space).
fn words_in(folded: &str, range: Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let mut at = range.start;
    for part in folded[range.clone()].split(' ') {
        if !part.is_empty() {
            out.push(Word {
                range: at..at + part.len(),
            });
        }
        at += part.len() + 1;
    }
    out
}

/// `word` without clitics, when it is one of `nouns`. The article is no clitic here: "المنطقة"
/// is "the area" already named, not a name to come.
fn noun_behind_clitics<'a>(word: &'a str, nouns: &WordSet) -> Option<&'a str> {
    // What remains past clitics ends as the word does: one look answers for most words.
    if !nouns.may_end(word) {
        return None;
    }
    if nouns.contains(word) {
        return Some(word);
    }
    chain_ends(word, LONGEST_CHAIN)
        .find(|&i| {
            let (clitics, rest) = word.split_at(i);
            !ends_in_article(clitics) && !lookalike(word, clitics) && nouns.contains(rest)
        })
        .map(|i| &word[i..])
}

/// Whether the word from its last clitic letter on is one word that only looks like a clitic
/// and a noun ("كبير" is "big", not ك + "بئر").
fn lookalike(word: &str, clitics: &str) -> bool {
    let last = clitics.char_indices().last().map_or(0, |(i, _)| i);
    LOOKALIKES.contains(&word[last..])
}

/// Whether a folded word cannot be part of a name.
fn ends_name(word: &str) -> bool {
    STOP_WORDS.contains(word)
        || word.chars().any(|c| c.is_ascii_digit())
        || noun_behind_clitics(word, &SITE_NOUNS).is_some()
        || noun_behind_clitics(word, &ORDINAL_NOUNS).is_some()
        || noun_behind_clitics(word, &STOP_WORDS).is_some()
        // "و" + a word is a list's next item, not the name going on. The conjunction is the
        // grammar this test is about; a site noun that begins with و ("وادي") is exempt.
        || (after_and(word).is_some()
            && word.chars().count() > 2
            && !WAW_NOUNS.iter().any(|n| word.starts_with(n.as_str())))
}

/// Whether the original text between two words has punctuation (a name does not run
/// across a comma, a quote or a bracket).
fn punctuated(text: &str, folded: &Folded, a: &Word, b: &Word) -> bool {
    let from = folded.original_end(a.range.end, text);
    let to = folded.original_start(b.range.start);
    from < to
        && text[from..to]
            .chars()
            .any(|c| !c.is_whitespace() && !crate::normalize::is_dropped(c))
}

/// (index of the place noun, range of name words) for each place noun followed by a name.
fn names_after_nouns(text: &str, folded: &Folded, words: &[Word]) -> Vec<(usize, Range<usize>)> {
    let f = |i: usize| &folded.text[words[i].range.clone()];
    let mut out = Vec::new();
    for i in 0..words.len().saturating_sub(1) {
        // Nouns are few: the original text is read for punctuation only after one.
        let ordinal = noun_behind_clitics(f(i), &ORDINAL_NOUNS).is_some();
        if !ordinal && noun_behind_clitics(f(i), &SITE_NOUNS).is_none()
            || punctuated(text, folded, &words[i], &words[i + 1])
        {
            continue;
        }
        if ordinal {
            let next = f(i + 1);
            // The ordinal agrees with its noun and so takes the article (grammar, not a word
            // list): "المحطة الثالثة".
            if next.starts_with(ARTICLE) && !STOP_WORDS.contains(next) {
                out.push((i, i..i + 2));
            }
            continue;
        }
        let mut first = i + 1;
        if KIND_WORDS.contains(f(first)) && first + 1 < words.len() {
            if punctuated(text, folded, &words[first], &words[first + 1]) {
                continue;
            }
            first += 1;
        }
        let head = f(first);
        let short = head.chars().count() < 3 && !NAME_LEADS.contains(head);
        if short || NOT_NAMES.contains(head) || ends_name(head) {
            continue;
        }
        let mut end = first + 1;
        // A name goes on through words with the article (its adjectives) or after a name lead
        // ("أبو خشب"); the article is grammar, not a word list.
        while end < words.len()
            && end - first < MAX_NAME_WORDS
            && !punctuated(text, folded, &words[end - 1], &words[end])
            && !ends_name(f(end))
            && (NAME_LEADS.contains(f(end - 1)) || f(end).starts_with(ARTICLE))
        {
            end += 1;
        }
        out.push((i, first..end));
    }
    out
}

/// Whether badia knows the name: a gazetteer name is matched on it, or the name (or the
/// noun and the name) is a gazetteer name.
fn known(
    gaz: &Gazetteer,
    mentions: &[Mention<'_>],
    folded: &str,
    noun: &Range<usize>,
    name: &Range<usize>,
) -> bool {
    let first_word_end = folded[name.clone()]
        .find(' ')
        .map_or(name.end, |i| name.start + i);
    if mentions
        .iter()
        .any(|m| m.fstart < first_word_end && m.fend > name.start)
    {
        return true;
    }
    let written = &folded[name.clone()];
    let noun_word = &folded[noun.clone()];
    let bare_noun = BARE_NOUNS
        .iter()
        .map(String::as_str)
        .find(|n| noun_word.ends_with(n))
        .unwrap_or(noun_word);
    !gaz.lookup(written).is_empty() || !gaz.lookup(&format!("{bare_noun} {written}")).is_empty()
}

/// Where the sentence's event was placed, or the nearest known place of the sentence (the
/// first after the name, else the last before it).
fn anchor(
    extractor: &Extractor,
    events: &[Event],
    locations: &[Location],
    sentence: &Range<usize>,
    at: usize,
) -> Option<String> {
    let placed = events.iter().find(|e| {
        e.evidence
            .iter()
            .any(|ev| ev.start <= at && at < ev.end && ev.start < sentence.end)
    });
    if let Some(e) = placed {
        return Some(format!(
            "{} → {} (geo_precision {})",
            e.location_text, e.location, e.geo_precision
        ));
    }
    let inside: Vec<&Location> = locations
        .iter()
        .filter(|l| sentence.start <= l.start && l.end <= sentence.end)
        .collect();
    let near = inside
        .iter()
        .find(|l| l.start > at)
        .or_else(|| inside.iter().rev().find(|l| l.end <= at))?;
    let place = extractor.gazetteer.place(near.place);
    Some(format!(
        "{} → {} (nearest known place)",
        near.text, place.name_en
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_text;

    fn extractor() -> Extractor {
        let (gaz, _) = Gazetteer::load_default().unwrap();
        Extractor::new(gaz)
    }

    fn keys(s: &[Suggestion]) -> Vec<&str> {
        s.iter().map(|s| s.key.as_str()).collect()
    }

    #[test]
    fn lists_an_unknown_wadi_with_its_anchor() {
        let ex = extractor();
        let a = from_text(
            "a1",
            "a1.txt",
            "قتل ثلاثة عناصر من قوات النظام بانفجار لغم في وادي الصفصافيات ببادية السخنة شرقي حمص.",
        );
        let s = suggest(&ex, &[a]);
        assert_eq!(keys(&s), ["صفصافيات"], "{s:?}");
        assert_eq!(s[0].written, "وادي الصفصافيات");
        let anchor = s[0].anchor.as_deref().unwrap();
        assert!(anchor.contains("Sukhnah"), "{anchor}");
    }

    #[test]
    fn known_names_are_not_suggested() {
        let ex = extractor();
        let a = from_text(
            "a1",
            "a1.txt",
            "هاجم التنظيم حقل التيم النفطي جنوب دير الزور، واشتباكات في منطقة السخنة.",
        );
        assert!(suggest(&ex, &[a]).is_empty());
    }

    #[test]
    fn counts_occurrences_and_articles() {
        let ex = extractor();
        let a = from_text(
            "a1",
            "a1.txt",
            "هجوم على المحطة الخامسة عشرة في بادية تدمر. ثم قصف على المحطة الخامسة عشرة.",
        );
        let b = from_text(
            "b1",
            "b1.txt",
            "اشتباكات قرب جبل الغزلانيات في بادية حمص الشرقية.",
        );
        let s = suggest(&ex, &[a, b]);
        let station = s.iter().find(|s| s.key == "محطه الخامسه").unwrap();
        assert_eq!((station.count, station.articles), (2, 1));
        assert!(s.iter().any(|s| s.key == "غزلانيات"), "{s:?}");
        assert_eq!(s[0].key, "محطه الخامسه");
    }

    #[test]
    fn a_name_stops_at_a_comma_and_a_direction() {
        let ex = extractor();
        let a = from_text(
            "a1",
            "a1.txt",
            "انفجر لغم في منطقة الدعيثة الشرقية، وأصيب راع.",
        );
        let s = suggest(&ex, &[a]);
        assert_eq!(keys(&s), ["دعيثه"], "{s:?}");
    }

    #[test]
    fn a_well_is_a_place_noun_but_big_is_not() {
        let ex = extractor();
        let a = from_text(
            "a1",
            "a1.txt",
            "وقع انفجار كبير بالمغارات، ثم اشتباكات قرب بئر الهبارية في بادية الميادين.",
        );
        let s = suggest(&ex, &[a]);
        assert_eq!(keys(&s), ["هباريه"], "{s:?}");
    }
}
