//! Phrase lists matched against folded Arabic. A [`Lexicon`] is built once from phrases as
//! writers spell them (folded on the way in) and finds them in a [`Folded`] sentence: on word
//! boundaries, after the one-letter clitics و ف ب ل ك (and the لل that ل makes with the
//! article; see [`crate::clitics`]),
//! optionally as a stem (`*` at the end of a phrase lets the last word run on: `اشتبك*` finds
//! اشتبك, اشتبكت and اشتبكوا). Hits come back as folded byte ranges; the caller maps
//! them to the original with [`Folded::original_start`] and [`Folded::original_end`].
//!
//! Actors ([`super::actors`]) and event types ([`super::types`]) share this matcher so that both
//! read a sentence the same way. A lexicon may hold several lists ([`Lexicon::lists`]): one pass
//! over a sentence then finds the phrases of all of them, and [`of_list`] gives each list's hits
//! as a lexicon of that list alone would.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::clitics::{is_chain, Through};
use crate::normalize::{fold, Folded};

/// One phrase found in folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Which of the lexicon's lists the phrase is in.
    pub list: usize,
    /// Index of the phrase in its list.
    pub entry: usize,
    /// Folded byte range of the phrase itself, clitics excluded (stems run to the word's end).
    pub range: Range<usize>,
}

/// Phrase lists ready for matching.
#[derive(Debug)]
pub(crate) struct Lexicon {
    automaton: Option<AhoCorasick>,
    /// The automaton reads text with a byte per letter ([`narrow`]); false when a phrase
    /// holds a letter that has no such byte, and it reads the folded bytes themselves.
    narrowed: bool,
    /// One per automaton pattern: which entry it belongs to and how it was written.
    needles: Vec<Needle>,
}

#[derive(Debug, Clone)]
struct Needle {
    list: usize,
    entry: usize,
    /// The phrase may also take the article ال (cue words: الهجوم, بالهجوم, للهجوم).
    article: bool,
    /// The phrase may run on to the end of its last word.
    stem: bool,
    /// The needle is the لل form of an `ال` phrase: its first ل is a clitic.
    lil: bool,
}

impl Lexicon {
    /// Builds a lexicon from phrases as written; a phrase that folds to nothing never matches.
    #[cfg(test)]
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Lexicon {
        Lexicon::lists(&[(phrases, false)])
    }

    /// Like [`Lexicon::new`], for words that may also be written with the article ال.
    #[cfg(test)]
    pub fn with_article<S: AsRef<str>>(phrases: &[S]) -> Lexicon {
        Lexicon::lists(&[(phrases, true)])
    }

    /// One lexicon of several lists, each with whether its words may take the article; hits
    /// name their list by its index here.
    pub fn lists<S: AsRef<str>>(lists: &[(&[S], bool)]) -> Lexicon {
        let mut patterns = Vec::new();
        let mut needles = Vec::new();
        for (list, &(phrases, article)) in lists.iter().enumerate() {
            for (entry, phrase) in phrases.iter().enumerate() {
                let raw = phrase.as_ref().trim();
                let stem = raw.ends_with('*');
                let folded = fold(raw.trim_end_matches('*'));
                if folded.is_empty() {
                    continue;
                }
                let needle = |lil| Needle {
                    list,
                    entry,
                    article,
                    stem,
                    lil,
                };
                // ل before the article drops its alef: ل + التنظيم is written للتنظيم.
                if let Some(rest) = folded.strip_prefix('ا').filter(|r| r.starts_with('ل')) {
                    patterns.push(format!("ل{rest}"));
                    needles.push(needle(true));
                }
                patterns.push(folded);
                needles.push(needle(false));
            }
        }
        // Arabic letters take two bytes each: read a byte per letter, the automaton has half
        // the states and takes half the steps.
        let narrowed = patterns.iter().all(|p| narrows(p));
        let patterns: Vec<Vec<u8>> = patterns
            .iter()
            .map(|p| {
                if narrowed {
                    narrow(p).0
                } else {
                    p.as_bytes().to_vec()
                }
            })
            .collect();
        // Lexicons are small (hundreds of phrases) and searched in every sentence: a DFA
        // costs little memory and searches several times faster than the default NFA.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            // Arabic letters all begin with one of a few lead bytes (0xD8, 0xD9): a prefilter
            // on first bytes stops at nearly every letter and only slows the scan.
            .prefilter(false)
            .build(&patterns)
            .ok();
        Lexicon {
            automaton,
            narrowed,
            needles,
        }
    }

    /// Whether the lexicon reads text a byte per letter ([`narrow`]).
    #[cfg(test)]
    pub fn reads_narrowed(&self) -> bool {
        self.narrowed
    }

    /// Every phrase occurrence of every list on word boundaries, overlapping ones included,
    /// by position: what [`of_list`] picks a list's hits from.
    pub fn find_all(&self, folded: &str) -> Vec<Hit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut hits: Vec<Hit> = if self.narrowed {
            let (letters, at) = narrow(folded);
            automaton
                .find_overlapping_iter(&letters)
                .filter_map(|m| {
                    let needle = self.needles.get(m.pattern().as_usize())?;
                    accept(folded, at[m.start()] as usize, at[m.end()] as usize, needle)
                })
                .collect()
        } else {
            automaton
                .find_overlapping_iter(folded)
                .filter_map(|m| {
                    let needle = self.needles.get(m.pattern().as_usize())?;
                    accept(folded, m.start(), m.end(), needle)
                })
                .collect()
        };
        hits.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end)));
        hits
    }

    /// Occurrences of a one-list lexicon with overlaps resolved: the longest phrase wins, then
    /// the earliest.
    #[cfg(test)]
    pub fn find(&self, folded: &str) -> Vec<Hit> {
        of_list(&self.find_all(folded), 0)
    }
}

/// The hits of one list among `all` (from [`Lexicon::find_all`]) with overlaps resolved: the
/// longest phrase wins, then the earliest.
pub(crate) fn of_list(all: &[Hit], list: usize) -> Vec<Hit> {
    let mut hits: Vec<Hit> = all.iter().filter(|h| h.list == list).cloned().collect();
    hits.dedup_by(|a, b| a.range == b.range && a.entry == b.entry);
    longest_first(hits)
}

/// The first letter of the Arabic block that [`narrow`] gives a byte of its own, and the
/// number of such letters: U+0600 to U+067F, every letter folded text keeps, are the bytes
/// 0x80 to 0xFF.
const NARROW_FROM: u32 = 0x600;
const NARROW_LETTERS: u32 = 0x80;

/// The byte [`narrow`] writes for a character of no byte of its own: no phrase holds one.
const NO_LETTER: u8 = 0;

/// Whether every character of `phrase` has a byte of its own in [`narrow`].
fn narrows(phrase: &str) -> bool {
    phrase
        .chars()
        .all(|c| (c.is_ascii() && c as u8 != NO_LETTER) || narrow_letter(c).is_some())
}

/// The byte of an Arabic letter in the narrowed text.
fn narrow_letter(c: char) -> Option<u8> {
    let k = u32::from(c).checked_sub(NARROW_FROM)?;
    (k < NARROW_LETTERS).then(|| (0x80 + k) as u8)
}

/// `text` with a byte per character: ASCII as it is, letters of U+0600 to U+067F as 0x80 +
/// their place in the block, any other character as [`NO_LETTER`]; with the byte offset in
/// `text` of each byte, and of the end. A run of bytes here is a run of characters there, so
/// a phrase of such characters is found here exactly where it is written there.
fn narrow(text: &str) -> (Vec<u8>, Vec<u32>) {
    let b = text.as_bytes();
    let mut letters = vec![NO_LETTER; b.len()];
    let mut at = vec![0u32; b.len() + 1];
    let (mut i, mut j) = (0, 0);
    // Read on the bytes of UTF-8, without a branch on the letter: a letter of the block is
    // 0xD8 or 0xD9 and a byte of 0x80 to 0xBF, which with the lead's last bit gives its
    // place in the block.
    while let Some(&lead) = b.get(i) {
        let next = b.get(i + 1).copied().unwrap_or(NO_LETTER);
        let in_block = (lead | 1) == 0xD9;
        let letter = if lead < 0x80 {
            lead
        } else if in_block {
            next.wrapping_add((lead & 1) << 6)
        } else {
            NO_LETTER
        };
        letters[j] = letter;
        at[j] = i as u32;
        j += 1;
        i += utf8_len(lead);
    }
    at[j] = b.len() as u32;
    letters.truncate(j);
    at.truncate(j + 1);
    (letters, at)
}

/// The length in bytes of the UTF-8 character that `lead` begins.
#[inline]
fn utf8_len(lead: u8) -> usize {
    // 0xxxxxxx: 1, 110xxxxx: 2, 1110xxxx: 3, 11110xxx: 4, read off the leading ones.
    match lead.leading_ones() {
        0 => 1,
        n => n as usize,
    }
}

/// The longest prefix a phrase may take, in bytes: a conjunction, a preposition and the
/// article (وبال), four letters of two bytes.
const MAX_PREFIX: usize = 8;

/// Checks the boundaries of a raw automaton match and turns it into a hit.
fn accept(folded: &str, start: usize, end: usize, needle: &Needle) -> Option<Hit> {
    // Most raw matches lie inside longer words: the word's start is looked for only as far
    // back as a prefix may reach.
    let reach = start.saturating_sub(MAX_PREFIX + 1);
    let word_start = match folded.as_bytes()[reach..start]
        .iter()
        .rposition(|&b| b == b' ')
    {
        Some(i) => reach + i + 1,
        None if reach == 0 => 0,
        None => return None,
    };
    let prefix = &folded[word_start..start];
    // The لل form holds its preposition: only a conjunction may stand before it. A phrase
    // listed without its article is not found behind one ("قوات" is not "القوات").
    let through = if needle.lil {
        Through::Conjunction
    } else if needle.article {
        Through::Article
    } else {
        Through::Preposition
    };
    if !is_chain(prefix, through) {
        return None;
    }
    let ends_word = matches!(folded.as_bytes().get(end), None | Some(b' '));
    if !ends_word && !needle.stem {
        return None;
    }
    let word_end = if ends_word {
        end
    } else {
        folded[end..].find(' ').map_or(folded.len(), |i| end + i)
    };
    // Keep the clitic ل of the لل form out of the phrase's range, like any other clitic.
    let start = if needle.lil {
        start + 'ل'.len_utf8()
    } else {
        start
    };
    Some(Hit {
        list: needle.list,
        entry: needle.entry,
        range: start..word_end,
    })
}

/// Resolves overlaps: longer hits first, then earlier ones; the survivors in text order.
fn longest_first(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (std::cmp::Reverse(h.range.len()), h.range.start));
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        let clashes = kept
            .iter()
            .any(|k| k.range.start < hit.range.end && hit.range.start < k.range.end);
        if !clashes {
            kept.push(hit);
        }
    }
    kept.sort_by_key(|h| h.range.start);
    kept
}

/// The original byte range of a folded range.
pub(crate) fn original_span(folded: &Folded, range: &Range<usize>, original: &str) -> Range<usize> {
    let start = folded.original_start(range.start);
    let end = folded.original_end(range.end, original).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_per_letter_finds_what_the_folded_bytes_find() {
        let phrases = ["قتل", "اشتباك*", "الهجوم", "قوات النظام", "داعش"];
        let narrowed = Lexicon::with_article(&phrases);
        assert!(narrowed.narrowed);
        // A phrase with a character outside the block makes the lexicon read folded bytes.
        let mut wide_phrases = phrases.to_vec();
        wide_phrases.push("中东");
        let wide = Lexicon::with_article(&wide_phrases);
        assert!(!wide.narrowed);
        let texts = [
            "قتل 3 عناصر من قوات النظام بالهجوم",
            "وللهجوم اشتباكات عنيفة مع داعش",
            "中东 قتل گروه 😀 قتل، ISIS قتل ڤيلا",
            "داعش",
            "e\u{301} قتل قوات النظام \u{200f}قتل",
        ];
        for text in texts {
            let folded = fold(text);
            let hits = |l: &Lexicon| -> Vec<Hit> {
                l.find_all(&folded)
                    .into_iter()
                    .filter(|h| h.entry < phrases.len())
                    .collect()
            };
            assert_eq!(hits(&narrowed), hits(&wide), "«{text}»");
            assert!(!hits(&narrowed).is_empty(), "«{text}»");
        }
    }

    #[test]
    fn narrowing_keeps_each_character_and_its_place() {
        let text = "قتل aب ڤ😀ى";
        let (letters, at) = narrow(text);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        assert_eq!(letters.len(), chars.len());
        for (k, (i, c)) in chars.iter().enumerate() {
            assert_eq!(at[k] as usize, *i);
            let want = if c.is_ascii() {
                *c as u8
            } else {
                narrow_letter(*c).unwrap_or(NO_LETTER)
            };
            assert_eq!(letters[k], want, "{c}");
        }
        assert_eq!(*at.last().unwrap() as usize, text.len());
    }

    fn found(phrases: &[&str], text: &str) -> Vec<(usize, String)> {
        let lexicon = Lexicon::new(phrases);
        let folded = fold(text);
        lexicon
            .find(&folded)
            .into_iter()
            .map(|h| (h.entry, folded[h.range].to_string()))
            .collect()
    }

    #[test]
    fn clitics_and_boundaries() {
        let rows: &[(&[&str], &str, &[&str])] = &[
            (&["داعش"], "هجوم لداعش", &["داعش"]),
            (&["داعش"], "هجوم لـ\"داعش\"", &["داعش"]),
            // The article's alef is gone: the name is written لتنظيم after its clitic ل.
            (&["التنظيم"], "هجوم للتنظيم", &["لتنظيم"]),
            (&["التنظيم"], "وللتنظيم خلايا", &["لتنظيم"]),
            (&["التنظيم"], "وبالتنظيم", &["التنظيم"]),
            (&["النظام"], "تنظيمات النظاميه", &[]),
            // A clitic letter cannot be told from a first letter: why bare اسد is not listed.
            (&["اسد"], "فاسد", &["اسد"]),
            (&["اسد"], "اسدي", &[]),
            (&["اشتبك*"], "اشتبكت القوات", &["اشتبكت"]),
            (&["لغم"], "الغام", &[]),
        ];
        for (phrases, text, want) in rows {
            let got: Vec<String> = found(phrases, text).into_iter().map(|(_, s)| s).collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn cue_words_take_the_article() {
        let lexicon = Lexicon::with_article(&["هجوم"]);
        for text in ["الهجوم", "بالهجوم", "للهجوم", "وللهجوم", "هجوم"]
        {
            assert_eq!(lexicon.find(&fold(text)).len(), 1, "{text}");
        }
        assert!(Lexicon::new(&["هجوم"]).find("الهجوم").is_empty());
    }

    #[test]
    fn longest_phrase_wins() {
        let got = found(
            &["الدفاع", "الدفاع الوطني", "الوطني"],
            "مواقع الدفاع الوطني",
        );
        assert_eq!(got, vec![(1, "الدفاع الوطني".to_string())]);
    }

    #[test]
    fn empty_phrases_and_text_are_harmless() {
        assert!(found(&["", "*", "،"], "أي نص").is_empty());
        assert!(found(&["داعش"], "").is_empty());
        assert!(found(&[], "داعش").is_empty());
    }
}
