//! Clitics: the letters Arabic writes onto the front of the next word. Every reader of folded
//! text asks about them, and this module is where they are read: which prefixes of a word are
//! clitics, and what the word is without them.
//!
//! A **clitic chain** is what may stand before a word's stem, in this order, each part
//! optional:
//!
//! 1. a conjunction, و "and" or ف "so";
//! 2. a preposition, ب "in, by", ل "to, for" or ك "as, like";
//! 3. the article ال. After ل it is written لل (ل + ال loses its alef: للتنظيم).
//!
//! So و, ب, وب, ال, بال, وبال, لل, ولل and فك are chains; بو, لب and بب are not (two of a kind,
//! or out of order). The longest, such as وبال, is four letters ([`LONGEST_CHAIN`]).
//!
//! The readers ask:
//!
//! - whether the front of a word is a chain ([`is_chain`]): where a place name may start in its
//!   word (`toponyms`), where a phrase may (`events::lexicon`), and where a site noun of the
//!   name suggester may (`gazetteer::suggest`). [`Through`] says how far into the chain a
//!   reader goes: a phrase listed without its article is not found behind one.
//!   [`is_chain_without_like`] leaves out the ك of likeness: whether a cue names an incident
//!   told before (`events::types`).
//! - what the word reads as past each chain, shortest chain first: [`cores`] (the word sets'
//!   lookups, the type and compass words of `resolve`, the actors' role words), and
//!   [`chain_ends`] for the readers that need where the chain ends or peel only short ones;
//!   [`past_longest_chain`] for the toponym matcher, which peels the longest chain that
//!   leaves enough of a word, and [`ends_in_article`] for what a name may stand behind.
//! - what it reads as past a conjunction and a preposition only ([`without_particles`]): a
//!   noun in construct takes no article, so the article stays.
//! - every form a number, date or casualty word may hide behind ([`forms`]): those readers
//!   peel the clitics of [`PEELED`] one at a time in any order, a wider reading than the
//!   grammar's chains, on which their lists and examples were written; a form that is no word
//!   only finds nothing in a closed list. [`Forms::of_each`] gives each form's own forms,
//!   for when a word's forms are [full](Forms::is_full).
//!
//! Words are folded text (see [`crate::normalize`]); nothing here looks at anything but the
//! front of a word.

/// The most letters a clitic chain has (و + ب + ال).
pub const LONGEST_CHAIN: usize = 4;

/// The article: grammar, which stays code. Readers of figures meet it written apart by a
/// tatweel, which folding drops («الـ 14 من الشهر» → «ال 14 …»), or joined to the figure
/// («الـ14» → «ال14»).
pub const ARTICLE: &str = "ال";

/// How far into a clitic chain a reader goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Through {
    /// An optional conjunction only.
    Conjunction,
    /// An optional conjunction, then an optional preposition: no article.
    Preposition,
    /// The whole chain, the article (or the لل of ل + ال) included.
    Article,
}

/// The word past the conjunction و ("and") it opens with, if it opens with one: «وقتل» →
/// «قتل». Readers of openers, number words and lists ask for و alone: ف there is most often
/// the word's own letter («فارق», «فجر»).
pub fn after_and(word: &str) -> Option<&str> {
    word.strip_prefix('و')
}

/// The word without the conjunction و it may open with ([`after_and`]).
pub fn without_and(word: &str) -> &str {
    after_and(word).unwrap_or(word)
}

/// Whether `c` is a conjunction written onto the next word (و ف).
pub fn is_conjunction(c: char) -> bool {
    matches!(c, 'و' | 'ف')
}

/// Whether `c` is a preposition written onto the next word (ب ل ك).
pub fn is_preposition(c: char) -> bool {
    matches!(c, 'ب' | 'ل' | 'ك')
}

/// Whether the clitic chain `prefix` holds the preposition ب, "by, with": what follows it is
/// the means («بطائرات مسيرة», «وبالطائرات»).
pub fn holds_by(prefix: &str) -> bool {
    without_and(prefix).starts_with('ب')
}

/// Whether `c` is a letter of some clitic chain (و ف ب ل ك, and the alef of ال).
pub fn is_clitic_letter(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ا')
}

/// The clitic letters, as their two bytes of UTF-8: every one of them is two bytes long, so
/// a chain of `n` letters is `2 n` bytes, and the readers, who ask about the front of nearly
/// every word, compare bytes instead of decoding characters.
const WAW: [u8; 2] = [0xD9, 0x88];
const FA: [u8; 2] = [0xD9, 0x81];
const BA: [u8; 2] = [0xD8, 0xA8];
const LAM: [u8; 2] = [0xD9, 0x84];
const KAF: [u8; 2] = [0xD9, 0x83];
const ALEF: [u8; 2] = [0xD8, 0xA7];

/// The `k`-th two-byte letter of `b`, when the letters before it are two bytes long too.
#[inline(always)]
fn letter(b: &[u8], k: usize) -> [u8; 2] {
    if b.len() >= 2 * k + 2 {
        [b[2 * k], b[2 * k + 1]]
    } else {
        [0, 0]
    }
}

#[inline]
fn conjunction_at(b: &[u8], k: usize) -> bool {
    matches!(letter(b, k), WAW | FA)
}

#[inline]
fn preposition_at(b: &[u8], k: usize) -> bool {
    matches!(letter(b, k), BA | LAM | KAF)
}

/// Whether `prefix` (what stands in a word before a stem) is a clitic chain that goes no
/// further than `through`. The empty prefix is one.
pub fn is_chain(prefix: &str, through: Through) -> bool {
    let b = prefix.as_bytes();
    // The conjunction, when there is one, is the first letter: و and ف are nothing else here.
    let rest = if conjunction_at(b, 0) { &b[2..] } else { b };
    match through {
        Through::Conjunction => rest.is_empty(),
        Through::Preposition => rest.is_empty() || (rest.len() == 2 && preposition_at(rest, 0)),
        Through::Article => {
            // The article and the لل of ل + ال are the grammar of a chain: they stay code.
            rest.is_empty()
                || rest == "لل".as_bytes()
                || rest == "ال".as_bytes()
                || (preposition_at(rest, 0) && (rest.len() == 2 || &rest[2..] == "ال".as_bytes()))
        }
    }
}

/// Whether `prefix` is a clitic chain ([`is_chain`]) without the preposition ك "as, like".
/// A noun behind ك is what something is likened to, not the thing itself: «كالهجوم السابق»
/// ("like the attack before") names no attack the text goes on about, where «وبالهجوم» and
/// «فالهجوم» do. The reader of an incident named again (`events::types`) asks this.
pub fn is_chain_without_like(prefix: &str, through: Through) -> bool {
    // ك is a letter of no other part of a chain.
    is_chain(prefix, through) && !prefix.contains('ك')
}

/// Where the clitic chains at the front of `word` end (byte offsets), shortest chain first:
/// every chain of one to `max_letters` letters (article included) that leaves at least one
/// letter. "وبالقرب" → 2 (و), 4 (وب), 8 (وبال).
#[inline]
pub fn chain_ends(word: &str, max_letters: usize) -> ChainEnds {
    let b = word.as_bytes();
    let mut out = ChainEnds {
        ends: [0; LONGEST_CHAIN],
        len: 0,
        next: 0,
    };
    // Ends come in increasing order, so the limits cut the list's tail.
    let mut push = |letters: usize| {
        if letters <= max_letters && 2 * letters < b.len() {
            out.ends[usize::from(out.len)] = (2 * letters) as u8;
            out.len += 1;
        }
    };
    // Most words begin with no clitic letter.
    if !matches!(letter(b, 0), WAW | FA | BA | LAM | KAF | ALEF) {
        return out;
    }
    // In the order of the grammar: a conjunction (c letters, 0 or 1), then a preposition,
    // then لل after ل or an article.
    let c = usize::from(conjunction_at(b, 0));
    if c == 1 {
        push(1);
    }
    if preposition_at(b, c) {
        push(c + 1);
        if letter(b, c) == LAM && letter(b, c + 1) == LAM {
            push(c + 2);
        } else if letter(b, c + 1) == ALEF && letter(b, c + 2) == LAM {
            push(c + 3);
        }
    } else if letter(b, c) == ALEF && letter(b, c + 1) == LAM {
        push(c + 2);
    }
    out
}

/// The ends of the clitic chains of a word ([`chain_ends`]), in bytes, shortest first.
#[derive(Debug, Clone)]
pub struct ChainEnds {
    ends: [u8; LONGEST_CHAIN],
    len: u8,
    next: u8,
}

impl Iterator for ChainEnds {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        (self.next < self.len).then(|| {
            self.next += 1;
            usize::from(self.ends[usize::from(self.next - 1)])
        })
    }
}

/// The word, then what remains of it past each clitic chain at its front, shortest chain
/// first: "وبالقرب" → "وبالقرب", "بالقرب", "القرب", "قرب".
pub fn cores(word: &str) -> impl Iterator<Item = &str> {
    std::iter::once(word).chain(chain_ends(word, LONGEST_CHAIN).map(move |end| &word[end..]))
}

/// Whether the clitic chain `prefix` ends in the article: ال, or the لل of ل + ال (grammar
/// every reader is built on, so code, not a rule).
pub fn ends_in_article(prefix: &str) -> bool {
    prefix.ends_with(ARTICLE) || prefix.ends_with("لل")
}

/// The word past the longest clitic chain at its front that leaves at least `min_letters`
/// letters, and the bytes that chain takes: "وبالسخنه" → ("سخنه", 8) with three letters
/// left at least; the word itself, and 0, when no chain leaves enough.
pub fn past_longest_chain(word: &str, min_letters: usize) -> (&str, usize) {
    chain_ends(word, LONGEST_CHAIN)
        .filter(|&i| min_letters <= 1 || word[i..].chars().nth(min_letters - 1).is_some())
        .last()
        .map_or((word, 0), |i| (&word[i..], i))
}

/// The word, then without one conjunction (و ف), then also without one preposition
/// (ب ل ك): "وبالهجوم" → "وبالهجوم", "بالهجوم", "الهجوم". The article stays. A word without
/// one of them appears twice.
pub fn without_particles(word: &str) -> [&str; 3] {
    let joined = if conjunction_at(word.as_bytes(), 0) {
        &word[2..]
    } else {
        word
    };
    let bare = if preposition_at(joined.as_bytes(), 0) {
        &joined[2..]
    } else {
        joined
    };
    [word, joined, bare]
}

/// The word without the one conjunction or preposition it begins with, when at least two
/// letters remain; `kaf` says whether ك counts as one.
pub fn without_one_particle(word: &str, kaf: bool) -> Option<&str> {
    let c = word.chars().next()?;
    let particle = is_conjunction(c) || (is_preposition(c) && (kaf || c != 'ك'));
    let rest = &word[c.len_utf8()..];
    (particle && rest.chars().nth(1).is_some()).then_some(rest)
}

/// The clitics [`forms`] peels, the longer of those sharing a first letter first: the closed
/// set of Arabic's prefixed particles and the article, grammar that stays code.
pub const PEELED: [&str; 10] = ["وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل", "ك"];

/// The forms of a word with clitics of [`PEELED`] peeled off one at a time, in any order,
/// the word itself first ("وبالقتلى" → "وبالقتلي", "بالقتلي", "قتلي", "القتلي"): the word,
/// then each form's own forms in turn, those of the longer clitic first. None is shorter than
/// two letters, and there are at most [`Forms::MAX`] of them.
pub fn forms(word: &str) -> Forms<'_> {
    let mut out = Forms {
        word,
        starts: [0; Forms::MAX],
        len: 1,
    };
    // Most words begin with no clitic letter: the word is their only form.
    if !matches!(letter(word.as_bytes(), 0), WAW | FA | BA | LAM | KAF | ALEF) {
        return out;
    }
    let b = word.as_bytes();
    let mut i = 0;
    while i < out.len() && out.len() < Forms::MAX {
        let from = usize::from(out.starts[i]);
        for start in peeled_ends(b, from).into_iter().flatten() {
            // Every form is a suffix of `word`: equal starts mean equal forms. A form starts
            // after at most seven clitics of three letters: well within a byte.
            let start8 = start as u8;
            if out.len() < Forms::MAX && two_chars(&b[start..]) && !out.starts().contains(&start8) {
                out.starts[out.len()] = start8;
                out.len += 1;
            }
        }
        i += 1;
    }
    out
}

/// Where the form of `b` at byte `from` ends up past each [`PEELED`] clitic it begins with,
/// the longer clitic first ([`peeled_before`]), as byte offsets. Read on the letters' two
/// bytes, without comparing strings: every word is asked, most forms begin with one of
/// these letters, and the form before `from` is clitics of two-byte letters only.
#[inline]
fn peeled_ends(b: &[u8], from: usize) -> [Option<usize>; 2] {
    let k = from / 2;
    let then = |letters: usize| Some(from + 2 * letters);
    match letter(b, k) {
        // وال, بال, فال, then the letter alone.
        WAW | BA | FA => {
            let article = letter(b, k + 1) == ALEF && letter(b, k + 2) == LAM;
            [article.then_some(from + 6), then(1)]
        }
        // لل, then ل.
        LAM => [(letter(b, k + 1) == LAM).then_some(from + 4), then(1)],
        KAF => [None, then(1)],
        // ال.
        ALEF => [None, (letter(b, k + 1) == LAM).then_some(from + 4)],
        _ => [None, None],
    }
}

/// Whether `rest` (a suffix of a word, starting on a character) holds two characters at
/// least: its first character, told by its lead byte, does not fill it.
#[inline]
fn two_chars(rest: &[u8]) -> bool {
    rest.first().is_some_and(|&lead| {
        let first = match lead {
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        first < rest.len()
    })
}

/// The forms of one word without clitics ([`forms`]): suffixes of the word, kept as where
/// they start so that the readers can hold the forms of every word at little cost.
#[derive(Debug, Clone, Copy)]
pub struct Forms<'a> {
    word: &'a str,
    /// Byte offsets in `word` where the forms start, the word itself (0) first.
    starts: [u8; Forms::MAX],
    len: u8,
}

impl<'a> Forms<'a> {
    /// The most forms kept of one word.
    pub const MAX: usize = 8;

    fn starts(&self) -> &[u8] {
        &self.starts[..self.len()]
    }

    /// How many forms there are.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether there are none (never: the word itself is always one).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The forms in order, the word itself first.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        let word = self.word;
        self.starts().iter().map(move |&s| &word[usize::from(s)..])
    }

    /// Whether `form` is one of the forms.
    pub fn contains(&self, form: &str) -> bool {
        self.iter().any(|f| f == form)
    }

    /// Whether [`Forms::MAX`] forms are held. Forms are peeled from each form in turn, so
    /// the forms of each form ([`Forms::of_each`]) are among them, unless the peeling
    /// stopped at the most it keeps: then some may be missing.
    pub fn is_full(&self) -> bool {
        self.len() == Forms::MAX
    }

    /// The forms ([`forms`]) of each form in turn: those already held, unless
    /// [`Forms::is_full`].
    pub fn of_each(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.iter().flat_map(|f| forms(f).into_forms())
    }

    /// Where the forms start, without the word: for a holder that keeps the word beside
    /// them ([`FormStarts::of`]) in fewer bytes.
    pub fn starts_only(&self) -> FormStarts {
        FormStarts {
            starts: self.starts,
            len: self.len,
        }
    }

    /// The forms in order, taking the forms by value.
    fn into_forms(self) -> impl Iterator<Item = &'a str> {
        let Forms { word, starts, len } = self;
        (0..usize::from(len)).map(move |k| &word[usize::from(starts[k])..])
    }
}

/// Where the forms of a word start ([`Forms::starts_only`]), kept apart from the word.
#[derive(Debug, Clone, Copy)]
pub struct FormStarts {
    starts: [u8; Forms::MAX],
    len: u8,
}

impl FormStarts {
    /// The forms of `word`, the word these starts were peeled from.
    #[inline]
    pub fn of(self, word: &str) -> Forms<'_> {
        Forms {
            word,
            starts: self.starts,
            len: self.len,
        }
    }
}

/// The [`PEELED`] clitics that may begin `w`, in their listed order: those with its first
/// letter (grammar, as [`PEELED`] is: code, not a rule). [`peeled_ends`] reads the same on
/// bytes; this, on strings, is what its test holds it to.
#[cfg(test)]
fn peeled_before(w: &str) -> &'static [&'static str] {
    match letter(w.as_bytes(), 0) {
        WAW => &["وال", "و"],
        BA => &["بال", "ب"],
        FA => &["فال", "ف"],
        LAM => &["لل", "ل"],
        KAF => &["ك"],
        ALEF => &["ال"],
        _ => &[],
    }
}

/// `w` without the clitic `p` in front.
#[cfg(test)]
fn strip_clitic<'w>(w: &'w str, p: &str) -> Option<&'w str> {
    let (wb, pb) = (w.as_bytes(), p.as_bytes());
    let prefixed = wb.len() >= pb.len() && wb.iter().zip(pb).all(|(a, b)| a == b);
    // `p` is whole characters, so `w` splits on a character boundary after it.
    prefixed.then(|| &w[pb.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`forms`] as first written, clitic by clitic from [`PEELED`] with string
    /// comparisons: the oracle of the faster one.
    fn forms_by_peeling(word: &str) -> Vec<&str> {
        let mut starts: Vec<usize> = vec![0];
        let mut i = 0;
        while i < starts.len() && starts.len() < Forms::MAX {
            let from = starts[i];
            let w = &word[from..];
            for p in peeled_before(w) {
                if let Some(rest) = strip_clitic(w, p) {
                    let start = from + p.len();
                    if rest.chars().nth(1).is_some()
                        && !starts.contains(&start)
                        && starts.len() < Forms::MAX
                    {
                        starts.push(start);
                    }
                }
            }
            i += 1;
        }
        starts.into_iter().map(|s| &word[s..]).collect()
    }

    #[test]
    fn forms_as_peeled_clitic_by_clitic() {
        // Every string of up to five of these: the clitics' letters, a letter of none, a
        // figure, and characters of one, two, three and four bytes.
        let alphabet = ["و", "ف", "ب", "ل", "ك", "ا", "م", "2", "é", "€", "😀"];
        let mut words = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            words = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            all.extend(words.iter().cloned());
        }
        for stem in ["قتلي", "ه", ""] {
            for w in &all {
                let word = format!("{w}{stem}");
                let fast: Vec<&str> = forms(&word).iter().collect();
                assert_eq!(fast, forms_by_peeling(&word), "{word}");
            }
        }
    }

    #[test]
    fn chains_in_their_order() {
        for ok in [
            "", "و", "ف", "ب", "وب", "فل", "وك", "ال", "وال", "بال", "وبال", "لل", "ولل",
        ] {
            assert!(is_chain(ok, Through::Article), "{ok}");
        }
        for bad in ["م", "ات", "الم", "بب", "بو", "لب", "وو", "الو", "ا"] {
            assert!(!is_chain(bad, Through::Article), "{bad}");
        }
        // Without the article, neither ال nor لل is a chain; a conjunction alone is.
        for (prefix, through, want) in [
            ("وب", Through::Preposition, true),
            ("ك", Through::Preposition, true),
            ("بال", Through::Preposition, false),
            ("لل", Through::Preposition, false),
            ("ف", Through::Conjunction, true),
            ("", Through::Conjunction, true),
            ("ب", Through::Conjunction, false),
            ("وف", Through::Conjunction, false),
        ] {
            assert_eq!(is_chain(prefix, through), want, "{prefix} {through:?}");
        }
    }

    #[test]
    fn chains_without_like() {
        for ok in [
            "", "و", "ف", "وب", "فب", "ول", "ال", "وبال", "فبال", "لل", "فلل",
        ] {
            assert!(is_chain_without_like(ok, Through::Article), "{ok}");
        }
        for bad in ["ك", "وك", "كال", "وكال", "فكال", "بو", "الم"] {
            assert!(!is_chain_without_like(bad, Through::Article), "{bad}");
        }
        assert!(is_chain_without_like("فب", Through::Preposition));
        assert!(!is_chain_without_like("فك", Through::Preposition));
        assert!(!is_chain_without_like("بال", Through::Preposition));
    }

    #[test]
    fn cores_shortest_chain_first() {
        let all = |w| cores(w).collect::<Vec<_>>();
        assert_eq!(all("وبالقرب"), ["وبالقرب", "بالقرب", "القرب", "قرب"]);
        assert_eq!(all("للقوات"), ["للقوات", "لقوات", "قوات"]);
        assert_eq!(all("فكمين"), ["فكمين", "كمين", "مين"]);
        // A word that begins with no clitic letter, and one that is only a chain.
        assert_eq!(all("مقتل"), ["مقتل"]);
        assert_eq!(all("وال"), ["وال", "ال"]);
        // Letters out of the chain's order end it: بو is no chain.
        assert_eq!(all("بوادي"), ["بوادي", "وادي"]);
    }

    #[test]
    fn chain_ends_up_to_a_length() {
        let w = "وللشمال";
        assert_eq!(chain_ends(w, LONGEST_CHAIN).collect::<Vec<_>>(), [2, 4, 6]);
        assert_eq!(chain_ends(w, 2).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(chain_ends("حمص", LONGEST_CHAIN).count(), 0);
    }

    #[test]
    fn particles_keep_the_article() {
        assert_eq!(
            without_particles("وبالهجوم"),
            ["وبالهجوم", "بالهجوم", "الهجوم"]
        );
        assert_eq!(without_particles("لقوات"), ["لقوات", "لقوات", "قوات"]);
        assert_eq!(without_particles("النظام"), ["النظام"; 3]);
    }

    #[test]
    fn one_particle_with_or_without_kaf() {
        assert_eq!(without_one_particle("وثلاثه", false), Some("ثلاثه"));
        assert_eq!(without_one_particle("بخمسه", false), Some("خمسه"));
        assert_eq!(without_one_particle("كخمسه", false), None);
        assert_eq!(without_one_particle("كخمسه", true), Some("خمسه"));
        // At least two letters remain.
        assert_eq!(without_one_particle("وي", true), None);
        assert_eq!(without_one_particle("", true), None);
    }

    #[test]
    fn forms_peel_in_any_order() {
        let all = |w| forms(w).iter().collect::<Vec<_>>();
        assert_eq!(all("وبالقتلي"), ["وبالقتلي", "بالقتلي", "قتلي", "القتلي"]);
        assert_eq!(all("للقتلي"), ["للقتلي", "قتلي", "لقتلي"]);
        assert_eq!(all("مقتل"), ["مقتل"]);
        // Wider than a chain: ب then و, which grammar does not write in that order.
        assert!(forms("بوقتلي").contains("قتلي"));
        // Never shorter than two letters, and the word itself always first.
        assert_eq!(all("لقي"), ["لقي", "قي"]);
        assert_eq!(all("وي"), ["وي"]);
        // At most MAX forms, however many clitics are stacked, also when the form that
        // fills the last place begins with two clitics (لل and ل here).
        assert_eq!(forms("وووووووووووبب").len(), Forms::MAX);
        assert_eq!(forms("ووووووللقتل").len(), Forms::MAX);
    }

    #[test]
    fn forms_of_each_form() {
        let f = forms("وبالقتلي");
        assert!(!f.is_full());
        // Not full: each form's own forms are among the word's.
        assert!(f.of_each().all(|g| f.contains(g)));
        assert_eq!(f.of_each().count(), 4 + 3 + 1 + 2);
        let stacked = forms("وووووووووووبب");
        assert!(stacked.is_full());
        assert!(stacked.of_each().any(|g| !stacked.contains(g)));
    }

    #[test]
    fn the_longest_chain_that_leaves_enough() {
        assert_eq!(past_longest_chain("وبالسخنه", 3), ("سخنه", 8));
        // «وال» would leave two letters: only «و» is peeled.
        assert_eq!(past_longest_chain("والري", 3), ("الري", 2));
        assert_eq!(past_longest_chain("بري", 3), ("بري", 0));
        assert_eq!(past_longest_chain("حمص", 3), ("حمص", 0));
        assert_eq!(past_longest_chain("وبال", 1), ("ال", 4));
        assert!(ends_in_article("وبال") && ends_in_article("ولل") && !ends_in_article("وب"));
    }

    #[test]
    fn every_peeled_clitic_begins_with_a_listed_initial() {
        for p in PEELED {
            // The clitics sharing `p`'s first letter, in the order of PEELED.
            let same: Vec<&str> = PEELED
                .into_iter()
                .filter(|q| q.chars().next() == p.chars().next())
                .collect();
            assert_eq!(peeled_before(p), same.as_slice(), "{p}");
        }
    }
}
