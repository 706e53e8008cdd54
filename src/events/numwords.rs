//! Words of folded text and the numbers they spell. Folded text (see [`crate::normalize`])
//! comes in; out come word tokens with their folded byte ranges, and the numbers read at a
//! token: digits in either script (already folded to ASCII), digits glued to a prefix
//! ("و26"، "الـ24"، "بـ17") and number words, masculine and feminine, simple and compound
//! ("ثلاثة عشر"، "إحدى وستين"، "مئتان وخمسون"). The phrase readers in [`super::numbers`] and
//! [`super::dates`] build on these. The number words are data/rules/numbers.csv; the clitics
//! they are found behind are [`crate::clitics`].

use std::ops::Range;
use std::sync::LazyLock;

use crate::clitics::{forms, is_chain, without_one_particle, FormStarts, Forms, Through};
use crate::gazetteer::FastMap;
use crate::rules;

/// One word of folded text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    pub text: &'a str,
    /// Byte range in the folded text.
    pub start: usize,
    pub end: usize,
    /// Where the word's forms without clitics start ([`forms`], which the readers ask about
    /// most words; [`Token::forms`]): without a second copy of the word, a token takes 48
    /// bytes, not 64.
    starts: FormStarts,
    /// Whether the word holds a figure (digits are folded to ASCII). Only such a word or a
    /// number word opens a number or a date: the number and date readers ask it of every
    /// word, and the tokenizer, which reads every byte anyway, tells it.
    pub digit: bool,
}

impl<'a> Token<'a> {
    /// The word's forms without clitics ([`forms`]).
    #[inline]
    pub fn forms(&self) -> Forms<'a> {
        self.starts.of(self.text)
    }
}

/// Splits folded text (single spaces between words) into tokens, each with its forms. Digits
/// glued to the word after them ("١٩آخرين", "14عنصرا": a space left out) are two tokens.
pub(crate) fn tokens(folded: &str) -> Vec<Token<'_>> {
    // Scanned byte by byte: a space is one byte and never part of a longer character.
    let bytes = folded.as_bytes();
    // Words of news text take several bytes each: room enough for most sentences at once.
    let mut out = Vec::with_capacity(bytes.len() / 8 + 1);
    let mut start = 0;
    // Whether the word being read holds a digit, told on the same pass as its end.
    let mut digit = false;
    for (end, &b) in bytes.iter().enumerate() {
        if b == b' ' {
            if end > start {
                push_word(folded, start, end, digit, &mut out);
            }
            start = end + 1;
            digit = false;
        } else {
            digit |= b.is_ascii_digit();
        }
    }
    if bytes.len() > start {
        push_word(folded, start, bytes.len(), digit, &mut out);
    }
    out
}

/// Pushes the word at `start..end` of `folded` as one token, or two when it opens with digits
/// glued to Arabic letters; `digit` says whether it holds a digit.
fn push_word<'a>(folded: &'a str, start: usize, end: usize, digit: bool, out: &mut Vec<Token<'a>>) {
    let token = |s: usize, e: usize, digit: bool| {
        let text = &folded[s..e];
        Token {
            text,
            start: s,
            end: e,
            starts: forms(text).starts_only(),
            digit,
        }
    };
    let word = &folded.as_bytes()[start..end];
    let digits = if digit {
        word.iter().take_while(|b| b.is_ascii_digit()).count()
    } else {
        0
    };
    // Arabic letters take two bytes whose lead is 0xD8–0xDB.
    let glued = digits > 0 && word.get(digits).is_some_and(|b| (0xD8..=0xDB).contains(b));
    if glued {
        let rest = word[digits..].iter().any(u8::is_ascii_digit);
        out.push(token(start, start + digits, true));
        out.push(token(start + digits, end, rest));
    } else {
        out.push(token(start, end, digit));
    }
}

/// A number read at a token: its value and how many tokens it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Read {
    pub value: u32,
    pub len: usize,
}

/// Reads the number that starts at token `i`, if any.
pub(crate) fn read_number(toks: &[Token<'_>], i: usize) -> Option<Read> {
    let first = toks.get(i)?.text;
    if let Some(value) = digits_value(first) {
        return Some(Read { value, len: 1 });
    }
    read_words(toks, i, first)
}

/// Digits, possibly glued to a clitic ("و26"، "ال24"، "بال3"); at most nine of them.
pub(crate) fn digits_value(word: &str) -> Option<u32> {
    // An ASCII digit byte is a whole character, so its position is a character boundary.
    let start = word.bytes().position(|b| b.is_ascii_digit())?;
    let (prefix, digits) = word.split_at(start);
    if !is_chain(prefix, Through::Article) {
        return None;
    }
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// What a number word contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// 1 to 10.
    Unit(u32),
    /// 20, 30 … 90.
    Ten(u32),
    /// 100 … 900.
    Hundred(u32),
    /// 1000 or 2000 on its own.
    Thousand(u32),
    /// "آلاف": multiplies the units before it.
    Thousands,
}

/// Every number word (folded, no clitics).
pub(crate) fn number_words() -> impl Iterator<Item = &'static str> {
    NUMBER_WORDS.keys().map(String::as_str)
}

/// The value of one number word (folded, no clitics), looked up in [`NUMBER_WORDS`].
fn word_value(w: &str) -> Option<Word> {
    NUMBER_WORDS.get(w).copied()
}

/// Every number word with its value: the readers ask about most words of a sentence, and one
/// hash lookup costs less than trying each table in turn.
static NUMBER_WORDS: LazyLock<FastMap<String, Word>> = LazyLock::new(|| {
    let mut words = FastMap::default();
    for_each_number_word(|w, v| {
        // The first table that lists a word decides, as the tables were read in order.
        words.entry(w.to_string()).or_insert(v);
    });
    words
});

/// Calls `f` with each number word and its value, list by list of data/rules/numbers.csv.
/// The tens are the stems of `number_ten_stem` with the endings of the sound plural ("ثلاث"
/// → ثلاثون, ثلاثين), and the hundreds written as one word the stems of
/// `number_hundred_stem` joined to each word for a hundred ("ثلاث" → ثلاثمئة, ثلاثمائة):
/// the endings are grammar, the words are data.
fn for_each_number_word(mut f: impl FnMut(&str, Word)) {
    let rules = rules::active();
    let valued = |list: &'static str| {
        rules.list(list).iter().map(|e| {
            (
                e.folded.as_str(),
                e.value.parse::<u32>().unwrap_or_default(),
            )
        })
    };
    for (w, v) in valued("number_unit") {
        f(w, Word::Unit(v));
    }
    for (stem, v) in valued("number_ten_stem") {
        // The sound plural's endings are morphology: they stay code.
        for ending in ["ون", "ين"] {
            f(&format!("{stem}{ending}"), Word::Ten(v));
        }
    }
    for (w, v) in valued("number_hundred") {
        f(w, Word::Hundred(v));
    }
    for (w, v) in valued("number_thousand") {
        f(w, Word::Thousand(v));
    }
    for w in rules.words("number_thousands") {
        f(w, Word::Thousands);
    }
    let hundreds: Vec<&str> = valued("number_hundred")
        .filter(|&(_, v)| v == 100)
        .map(|(w, _)| w)
        .collect();
    for (stem, v) in valued("number_hundred_stem") {
        for hundred in &hundreds {
            f(&format!("{stem}{hundred}"), Word::Hundred(v * 100));
        }
    }
}

/// A number word at the start of a token, looking through one conjunction or preposition when
/// the whole token is not a number word itself ("واحد" is one, "وثلاثة" is "and three").
fn word_value_with_clitic(w: &str) -> Option<Word> {
    if let Some(v) = word_value(w) {
        return Some(v);
    }
    // ك «as, like» is not looked through: before a number word it compares, it does not
    // count.
    without_one_particle(w, false).and_then(word_value)
}

/// Reads a number spelled in words from token `i` on.
fn read_words(toks: &[Token<'_>], i: usize, first: &str) -> Option<Read> {
    let mut total: u32;
    let mut len = 1;
    match word_value_with_clitic(first)? {
        Word::Unit(u) => {
            total = u;
            let next = toks.get(i + 1).map(|t| t.text);
            // Teens: "ثلاثة عشر", "إحدى عشرة", "اثنا عشر".
            if u < 10 && next.and_then(word_value) == Some(Word::Unit(10)) {
                total = 10 + u;
                len = 2;
            } else if u >= 3 {
                // "ثلاث مئة", "خمسة آلاف".
                match next.and_then(word_value) {
                    Some(Word::Hundred(100)) => {
                        total = u * 100;
                        len = 2;
                    }
                    Some(Word::Thousands) => {
                        total = u * 1000;
                        len = 2;
                    }
                    _ => {}
                }
            }
        }
        Word::Ten(t) => total = t,
        Word::Hundred(h) => total = h,
        Word::Thousand(t) => total = t,
        Word::Thousands => return None,
    }
    // Compounds joined by "و": "خمسة وعشرون", "مئة وثلاثة", "ألف ومئتان".
    while let Some(next) = toks.get(i + len) {
        let Some(rest) = crate::clitics::after_and(next.text) else {
            break;
        };
        let smaller = match word_value(rest) {
            Some(Word::Ten(t)) if total % 100 < 10 => t,
            Some(Word::Unit(u)) if total >= 100 && total.is_multiple_of(100) => u,
            Some(Word::Hundred(h)) if total >= 1000 && total.is_multiple_of(1000) => h,
            _ => break,
        };
        total += smaller;
        len += 1;
        // A unit after hundreds may open a teen: "مئة وثلاثة عشر".
        if smaller < 10
            && toks.get(i + len).and_then(|t| word_value(t.text)) == Some(Word::Unit(10))
        {
            total += 10;
            len += 1;
        }
    }
    Some(Read { value: total, len })
}

/// The folded byte range covered by tokens `from..to` (exclusive).
pub(crate) fn token_range(toks: &[Token<'_>], from: usize, to: usize) -> Option<Range<usize>> {
    let first = toks.get(from)?;
    let last = toks.get(to.checked_sub(1)?)?;
    Some(first.start..last.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn read(s: &str) -> Option<(u32, usize)> {
        let f = fold(s);
        let t = tokens(&f);
        read_number(&t, 0).map(|r| (r.value, r.len))
    }

    #[test]
    fn digits_behind_a_clitic_chain() {
        for (word, want) in [
            ("26", Some(26)),
            ("و26", Some(26)),
            ("ال24", Some(24)),
            ("بال3", Some(3)),
            ("وب15", Some(15)),
            ("فب15", Some(15)),
            ("ولل14", Some(14)),
            // No chain: letters out of order, or a word's own letters.
            ("بو15", None),
            ("م15", None),
            ("1234567890", None),
        ] {
            assert_eq!(digits_value(word), want, "{word}");
        }
    }

    #[test]
    fn digits_glued_to_a_word_are_two_tokens() {
        let f = fold("أكثر من ١٩آخرين و2024 وال24 T3");
        let words: Vec<&str> = tokens(&f).iter().map(|t| t.text).collect();
        assert_eq!(words, ["اكثر", "من", "19", "اخرين", "و2024", "وال24", "t3"]);
        let f = fold("14عنصرا");
        let t = tokens(&f);
        assert_eq!((t[0].text, t[0].start, t[0].end), ("14", 0, 2));
        assert_eq!((t[1].text, t[1].start, t[1].end), ("عنصرا", 2, f.len()));
        assert!(t[0].digit && !t[1].digit);
        let f = fold("قتل 3 و14 عنصرا في ٢٠٢٤ 5عناصر2");
        let digits: Vec<bool> = tokens(&f).iter().map(|t| t.digit).collect();
        assert_eq!(digits, [false, true, true, false, false, true, true, true]);
    }

    #[test]
    fn tokens_carry_their_forms() {
        let f = fold("وبالقتلى");
        let forms: Vec<&str> = tokens(&f)[0].forms().iter().collect();
        assert_eq!(forms, ["وبالقتلي", "بالقتلي", "قتلي", "القتلي"]);
    }

    #[test]
    fn number_words() {
        let rows: [(&str, Option<(u32, usize)>); 18] = [
            ("17", Some((17, 1))),
            ("١٧", Some((17, 1))),
            ("و26", Some((26, 1))),
            ("الـ24", Some((24, 1))),
            ("واحد", Some((1, 1))),
            ("اثنان", Some((2, 1))),
            ("ثلاثة", Some((3, 1))),
            ("أربع", Some((4, 1))),
            ("ثلاثة عشر", Some((13, 2))),
            ("إحدى عشرة", Some((11, 2))),
            ("اثنا عشر", Some((12, 2))),
            ("إحدى وستين", Some((61, 2))),
            ("خمسة وعشرون", Some((25, 2))),
            ("عشرين", Some((20, 1))),
            ("مائة وثلاثة عشر", Some((113, 3))),
            ("ثلاثمئة", Some((300, 1))),
            ("خمسة آلاف", Some((5000, 2))),
            ("الأحد", None),
        ];
        for (s, want) in rows {
            assert_eq!(read(s), want, "reading {s}");
        }
    }

    #[test]
    fn tokens_skip_repeated_and_edge_spaces() {
        let t = tokens(" ab  cd e ");
        let got: Vec<(&str, usize, usize)> = t.iter().map(|t| (t.text, t.start, t.end)).collect();
        assert_eq!(got, [("ab", 1, 3), ("cd", 5, 7), ("e", 8, 9)]);
        assert!(tokens("").is_empty() && tokens("   ").is_empty());
        assert_eq!(tokens("قتل 17")[1].start, "قتل ".len());
    }
}
