//! Arabic normalisation for matching. Text comes in as written; out comes a folded form in
//! which NFKC presentation forms are expanded, tatweel and diacritics are dropped, the alef
//! forms أ إ آ ٱ fold to ا, ى to ي, ة to ه, ؤ/ئ to و/ي, Arabic-Indic and Persian digits to ASCII
//! digits, and every run of non-letter, non-digit characters to one space. Each folded byte
//! keeps the byte offset of the original character it came from, so a match in the folded text
//! points back at the article as written.
//!
//! Folding is for matching only: what users see (`evidence`, `location_ar`) is always the
//! original text.

use std::sync::LazyLock;

use unicode_normalization::char::decompose_compatible;

/// Text folded for matching, with a map back to the original.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folded {
    /// The folded text: Arabic letters, ASCII digits, lower-case Latin letters and single spaces.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the character it came from
    /// (four bytes each: texts folded with offsets are shorter than 4 GiB).
    origin: Vec<u32>,
    /// Length of the original text in bytes.
    original_len: usize,
}

impl Folded {
    /// The original byte offset where the folded byte `i` starts (`i == text.len()` maps to
    /// the end of the original).
    pub fn original_start(&self, i: usize) -> usize {
        self.origin
            .get(i)
            .map_or(self.original_len, |&o| o as usize)
    }

    /// The folded bytes whose original offsets lie in `original` (offsets only grow along
    /// the text, so they are one range).
    pub fn folded_within(&self, original: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        let from = self
            .origin
            .partition_point(|&o| (o as usize) < original.start);
        let to = self
            .origin
            .partition_point(|&o| (o as usize) < original.end);
        from..to.max(from)
    }

    /// The original byte offset just after the folded range that ends (exclusively) at `end`.
    pub fn original_end(&self, end: usize, original: &str) -> usize {
        if end == 0 {
            return 0;
        }
        let last = self.original_start(end - 1);
        // Step over the whole original character (and any diacritics that follow it).
        let mut pos = last;
        let mut chars = original[last..].char_indices();
        if let Some((_, c)) = chars.next() {
            pos = last + c.len_utf8();
        }
        for (off, c) in chars {
            if is_dropped(c) {
                pos = last + off + c.len_utf8();
            } else {
                break;
            }
        }
        pos
    }
}

impl Folded {
    /// Text that is folded already, taken as its own original: every offset maps to its end,
    /// so it serves readers that ask no span of it.
    pub fn unmapped(folded: String) -> Folded {
        Folded {
            original_len: folded.len(),
            text: folded,
            origin: Vec::new(),
        }
    }

    /// The folding of `original[range]`, cut out of this folding of the whole `original`
    /// rather than folded again: the same text and offsets (relative to `range.start`) as
    /// `fold_with_offsets(&original[range])` when `range` starts and ends on characters that
    /// fold on their own (the sentence cuts of [`crate::events::sentences`] do).
    pub fn slice(&self, range: std::ops::Range<usize>) -> Folded {
        let within = self.folded_within(&range);
        let mut text = &self.text[within.clone()];
        let mut origin = &self.origin[within];
        // A space belongs to the word after it: the sentence's own folding has none at its ends.
        if text.starts_with(' ') {
            (text, origin) = (&text[1..], &origin[1..]);
        }
        if text.ends_with(' ') {
            let n = text.len() - 1;
            (text, origin) = (&text[..n], &origin[..n]);
        }
        Folded {
            text: text.to_string(),
            origin: origin.iter().map(|&o| o - range.start as u32).collect(),
            original_len: range.len(),
        }
    }
}

/// Folds `text` for matching; see the module documentation. Offsets take four bytes: the
/// text must be shorter than 4 GiB (articles are cut far shorter on reading, see
/// [`crate::ingest::MAX_ARTICLE_BYTES`]).
pub fn fold_with_offsets(text: &str) -> Folded {
    assert!(
        u32::try_from(text.len()).is_ok(),
        "a text folded with offsets is shorter than 4 GiB"
    );
    fold_text::<true>(text)
}

/// Folds `text`, keeping the map back to the original when `OFFSETS` (names folded at
/// start-up need no map, articles do). Runs of characters that fold to themselves (most of
/// an article) are found a byte at a time and copied at once; the other characters are
/// folded one by one.
fn fold_text<const OFFSETS: bool>(text: &str) -> Folded {
    let mut out = Folding::<OFFSETS>::new(text);
    let arabic_folds = &*ARABIC_FOLDS;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let same = same_run_end(bytes, at, arabic_folds);
        if same > at {
            out.same(at..same);
            at = same;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        fold_one(&mut out, c, at, arabic_folds);
        at += c.len_utf8();
    }
    out.finish()
}

/// The end of the run from byte `start` of characters that fold to themselves: lower-case
/// ASCII letters and digits, the letters of the Arabic block that fold to themselves, and
/// single spaces between them (a space folds to a space when a letter follows).
fn same_run_end(bytes: &[u8], start: usize, arabic_folds: &ArabicFolds) -> usize {
    let mut at = start;
    loop {
        if let Some(len) = same_char_len(bytes, at, arabic_folds) {
            at += len;
        } else if at > start && bytes.get(at) == Some(&b' ') {
            match same_char_len(bytes, at + 1, arabic_folds) {
                Some(len) => at += 1 + len,
                None => return at,
            }
        } else {
            return at;
        }
    }
}

/// The length of the character at byte `at` when it folds to itself and is a lower-case
/// ASCII letter or digit (one byte) or a letter of the Arabic block (two bytes, lead byte
/// 0xD8–0xDB).
fn same_char_len(bytes: &[u8], at: usize, arabic_folds: &ArabicFolds) -> Option<usize> {
    match *bytes.get(at)? {
        lead @ 0xD8..=0xDB => {
            let next = *bytes.get(at + 1)?;
            matches!(arabic_folds[arabic_index(lead, next)], ArabicFold::Same).then_some(2)
        }
        b'a'..=b'z' | b'0'..=b'9' => Some(1),
        _ => None,
    }
}

/// The index in the Arabic block (U+0600–U+06FF) of the character whose UTF-8 bytes are
/// `lead` (0xD8–0xDB) and `next`.
fn arabic_index(lead: u8, next: u8) -> usize {
    (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F)
}

/// Folds the character `c`, at byte `off` of the original, that does not simply fold to
/// itself.
fn fold_one<const OFFSETS: bool>(
    out: &mut Folding<'_, OFFSETS>,
    c: char,
    off: usize,
    arabic_folds: &ArabicFolds,
) {
    if c.is_ascii() {
        // What fold_char makes of ASCII: letters and digits stay, the rest separates.
        if c.is_ascii_alphanumeric() {
            out.letters(c.to_ascii_lowercase().encode_utf8(&mut [0; 4]), off);
        } else {
            out.separator();
        }
        return;
    }
    let arabic = (c as usize)
        .checked_sub(ARABIC_BLOCK)
        .and_then(|i| arabic_folds.get(i));
    let folds = match arabic {
        Some(ArabicFold::Same) => {
            out.same(off..off + c.len_utf8());
            return;
        }
        Some(ArabicFold::Letters(letters)) => {
            out.letters(letters, off);
            return;
        }
        Some(ArabicFold::Chars(f)) => *f,
        None => fold_decomposed(c),
    };
    for f in folds.into_iter().flatten() {
        if f == ' ' {
            out.separator();
        } else {
            out.letters(f.encode_utf8(&mut [0; 4]), off);
        }
    }
}

/// A folding being written. Characters that fold to themselves are not copied one by one:
/// they extend a run of the original, copied at once when something else comes.
struct Folding<'t, const OFFSETS: bool> {
    original: &'t str,
    text: String,
    /// For each byte of `text`, the original offset of its character.
    origin: Vec<u32>,
    /// Original bytes that fold to themselves, not yet copied to `text`.
    run: std::ops::Range<usize>,
    /// A run of separators was read since the last letter.
    pending_space: bool,
}

impl<'t, const OFFSETS: bool> Folding<'t, OFFSETS> {
    fn new(original: &'t str) -> Self {
        Folding {
            original,
            text: String::with_capacity(original.len()),
            origin: Vec::with_capacity(if OFFSETS { original.len() } else { 0 }),
            run: 0..0,
            pending_space: false,
        }
    }

    /// Copies the pending run of the original, if any.
    #[inline(always)]
    fn flush(&mut self) {
        if !self.run.is_empty() {
            self.copy_run();
        }
    }

    /// Copies the pending run of the original and the offsets of its bytes. A run holds
    /// characters of one or two bytes and single spaces, so a byte's character starts at the
    /// byte itself or, for a continuation byte, at the byte before; a space stands for the
    /// letter after it.
    fn copy_run(&mut self) {
        let run = self.run.clone();
        self.text.push_str(&self.original[run.clone()]);
        if OFFSETS {
            let bytes = &self.original.as_bytes()[run.clone()];
            // fold_with_offsets holds texts to 4 GiB: offsets fit in four bytes.
            let offsets = run.start as u32..run.end as u32;
            let starts = bytes
                .iter()
                .zip(offsets)
                .map(|(&b, at)| at + u32::from(b == b' ') - u32::from(b & 0xC0 == 0x80));
            self.origin.extend(starts);
        }
        self.run = run.end..run.end;
    }

    /// Writes the space a run of separators left pending, before a letter at `off`.
    fn space(&mut self, off: usize) {
        if self.pending_space {
            self.flush();
            self.text.push(' ');
            if OFFSETS {
                self.origin.push(off as u32);
            }
            self.pending_space = false;
        }
    }

    /// The original characters in `range` fold to themselves.
    fn same(&mut self, range: std::ops::Range<usize>) {
        self.space(range.start);
        if self.run.end != range.start {
            self.flush();
            self.run = range.start..range.start;
        }
        self.run.end = range.end;
    }

    /// A separator: one space stands for the run it starts, written before the next letter
    /// (none leads the text).
    fn separator(&mut self) {
        self.pending_space = !(self.text.is_empty() && self.run.is_empty());
    }

    /// Appends folded letters (no space among them) that came from the original character at
    /// `off`, after the space a run of separators left pending.
    fn letters(&mut self, letters: &str, off: usize) {
        if letters.is_empty() {
            return;
        }
        self.space(off);
        self.flush();
        self.text.push_str(letters);
        if OFFSETS {
            self.origin
                .extend(std::iter::repeat_n(off as u32, letters.len()));
        }
    }

    fn finish(mut self) -> Folded {
        self.flush();
        Folded {
            text: self.text,
            origin: self.origin,
            original_len: self.original.len(),
        }
    }
}

/// How a character of the Arabic block folds.
enum ArabicFold {
    /// To itself: most characters of an article.
    Same,
    /// To these letters (none for a dropped mark), no space among them.
    Letters(Box<str>),
    /// To these characters, a space among them: pushed one by one.
    Chars([Option<char>; 4]),
}

/// First code point of the Arabic block, whose folds are looked up rather than computed.
const ARABIC_BLOCK: usize = 0x0600;

/// The folds of the Arabic block, by index in it.
type ArabicFolds = [ArabicFold; 0x100];

/// The folds of every character of the Arabic block (U+0600–U+06FF), computed once by
/// [`fold_decomposed`]: most characters of an article are looked up here.
static ARABIC_FOLDS: LazyLock<ArabicFolds> = LazyLock::new(|| {
    std::array::from_fn(|i| {
        let c = char::from_u32((ARABIC_BLOCK + i) as u32);
        let folds = c.map_or([None; 4], fold_decomposed);
        if c.is_some() && folds == [c, None, None, None] {
            ArabicFold::Same
        } else if folds.iter().flatten().any(|&f| f == ' ') {
            ArabicFold::Chars(folds)
        } else {
            ArabicFold::Letters(folds.iter().flatten().collect::<String>().into())
        }
    })
});

/// What a non-ASCII character folds to: NFKC expands presentation forms (ﻻ → لا) into
/// several characters, each then folded by [`fold_char`].
fn fold_decomposed(c: char) -> [Option<char>; 4] {
    let mut expanded = [None; 4];
    let mut n = 0;
    decompose_compatible(c, |d| {
        if n < expanded.len() {
            expanded[n] = Some(d);
            n += 1;
        }
    });
    let mut out = [None; 4];
    for (slot, d) in out.iter_mut().zip(expanded.into_iter().flatten()) {
        *slot = fold_char(d);
    }
    out
}

/// Folds `text` for matching, without offsets.
pub fn fold(text: &str) -> String {
    fold_text::<false>(text).text
}

/// Characters that vanish when folding: tatweel, harakat, Quranic marks, joiners.
pub fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{0640}'                      // tatweel
        | '\u{064B}'..='\u{065F}'       // harakat, shadda, sukun, hamza marks
        | '\u{0670}'                    // superscript alef
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{200B}'..='\u{200F}'       // zero-width characters and direction marks
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{0300}'..='\u{036F}'       // Latin combining marks (after decomposition)
    )
}

/// Folds one (already NFKC-decomposed) character: `None` drops it, `Some(' ')` is a separator.
fn fold_char(c: char) -> Option<char> {
    if is_dropped(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' => 'ي',
        'ة' | 'ۃ' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        'ڤ' => 'ف',
        'گ' => 'ك',
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        'ء' => 'ء',
        c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
        c if is_arabic_letter(c) => c,
        c if c.is_alphabetic() => c.to_lowercase().next().unwrap_or(c),
        _ => ' ',
    })
}

/// Whether folding `c` can give an Arabic letter: only characters of the Arabic block, its
/// presentation forms and its mathematical letters do (a test checks every other character).
pub fn may_fold_to_arabic(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{1EE00}'..='\u{1EEFF}'
    )
}

/// An Arabic-script letter (not a digit, punctuation or mark).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

/// A character that belongs to a word in folded text.
pub fn is_word_char(c: char) -> bool {
    c != ' '
}

/// The byte ranges of the words of folded `text` that end by byte `end`, nearest first,
/// found by a byte scan back: the words are short, and searching for each space again costs
/// more.
pub fn words_back(text: &str, end: usize) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = &text.as_bytes()[..end];
    let mut end = end;
    std::iter::from_fn(move || {
        while end > 0 && bytes[end - 1] == b' ' {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        let start = bytes[..end]
            .iter()
            .rposition(|&b| b == b' ')
            .map_or(0, |i| i + 1);
        let word = start..end;
        end = start;
        Some(word)
    })
}

/// FNV-1a over the bytes of `parts` in turn: the hash of their concatenation, without
/// building it (the gazetteer's fuzzy keys, the merge's words and article ids).
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    fnv1a_bytes(parts.iter().flat_map(|p| p.bytes()))
}

/// FNV-1a of `bytes`.
pub(crate) fn fnv1a_bytes(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_the_usual_variants() {
        let rows = [
            ("أثريا", "اثريا"),
            ("إثريا", "اثريا"),
            ("آثار", "اثار"),
            ("حماة", "حماه"),
            ("السخنه", "السخنه"),
            ("مستشفى", "مستشفي"),
            ("قُتِلَ", "قتل"),
            ("مـقـتـل", "مقتل"),
            ("١٧ عنصراً", "17 عنصرا"),
            ("۲۳", "23"),
            ("ﻻ", "لا"),
            ("دير  الزور،", "دير الزور"),
            ("\"داعش\"", "داعش"),
            ("Ithriya", "ithriya"),
        ];
        for (input, want) in rows {
            assert_eq!(fold(input), want, "folding {input}");
        }
    }

    #[test]
    fn folding_twice_changes_nothing() {
        for s in ["أثريا وإثريا", "قُتِلَ ١٧ عنصراً", "ﻻ تدمر، حماة؟", "a-B c"]
        {
            let once = fold(s);
            assert_eq!(fold(&once), once);
        }
    }

    #[test]
    fn only_the_arabic_ranges_fold_to_arabic_letters() {
        let others = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| !may_fold_to_arabic(c));
        for c in others {
            let folded = fold(c.encode_utf8(&mut [0; 4]));
            assert!(!folded.chars().any(is_arabic_letter), "{:?}", c);
        }
    }

    /// Folding one character at a time, each folded byte with its character's offset: what
    /// [`fold_with_offsets`] must give, however it gets there.
    fn fold_char_by_char(text: &str) -> (String, Vec<usize>) {
        let (mut out, mut origin, mut pending) = (String::new(), Vec::new(), false);
        for (off, c) in text.char_indices() {
            for f in fold_decomposed(c).into_iter().flatten() {
                if f == ' ' {
                    pending = !out.is_empty();
                    continue;
                }
                if pending {
                    out.push(' ');
                    origin.push(off);
                    pending = false;
                }
                out.push(f);
                origin.extend(std::iter::repeat_n(off, f.len_utf8()));
            }
        }
        (out, origin)
    }

    proptest::proptest! {
        #[test]
        fn folds_as_character_by_character(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "قتل", "ة", "أ", "ى", "\u{064E}", "\u{0640}", "ﻻ", "٣", "۲", " ", "  ", "،", ".",
                "\n", "Ab", "z9", "é", "\u{200F}", "ﷺ", "ڤ", "x",
            ]), 0..40)
        ) {
            let text = pieces.concat();
            let (want, origin) = fold_char_by_char(&text);
            let f = fold_with_offsets(&text);
            proptest::prop_assert_eq!(&f.text, &want);
            for (i, o) in origin.iter().enumerate() {
                proptest::prop_assert_eq!(f.original_start(i), *o);
            }
            proptest::prop_assert_eq!(f.original_start(want.len()), text.len());
        }
    }

    #[test]
    fn offsets_point_back_at_the_original() {
        let text = "قُتِلَ في بَلدة الصالحية";
        let f = fold_with_offsets(text);
        let i = f.text.find("الصالحيه").unwrap();
        let start = f.original_start(i);
        let end = f.original_end(i + "الصالحيه".len(), text);
        assert_eq!(&text[start..end], "الصالحية");
        let j = f.text.find("بلده").unwrap();
        let s = f.original_start(j);
        let e = f.original_end(j + "بلده".len(), text);
        assert_eq!(&text[s..e], "بَلدة");
    }
}
