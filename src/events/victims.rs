//! Named victims: the people a report names among its dead, wounded or targeted («النقيب
//! “باسل القاسم”», «عرف من القتلى كل من: …», «شاب يدعى محمد العلي»). A person dies in one
//! incident, so two reports that name the same victim at the same place tell one incident
//! whatever their tolls (an early count and a later one) and however each outlet codes it:
//! the merge takes a name in common as its firmest evidence.
//!
//! A name follows a cue of the rules' `name_cue` list (`data/rules/targets.csv`): a rank or
//! a word for a person («النقيب», «العنصر», «الشابين»), or the opening of a list of the dead
//! («عرف من القتلى», «كل من»). After most cues only a name in quotes or brackets is taken
//! (value `quoted`); after those that introduce nothing but a name (value `bare`: «يدعى»,
//! ranks, «كل من») a bare name is read too, up to a word of the `name_stop` list or a
//! punctuation mark. A name has two to five words of letters; a list («“فيصل العبد الجابر،
//! وعلي الدحام الهلال”», «… – … – …», «(…) و(…)») gives each of its names.

use std::sync::LazyLock;

use super::{List, Sentence};
use crate::normalize::fold;
use crate::rules::{self, WordSet};

/// Words a name has at least and at most.
const NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=5;

/// Words a bare name has at most: a longer run is more likely text than a name.
const BARE_WORDS: usize = 4;

/// The accusative ending «ـاً» no name has («متأثراً بجراحه»).
const TANWIN: char = '\u{064B}';

/// Bytes a quoted name may run before its closing mark.
const QUOTED_BYTES: usize = 160;

/// The `name_cue` phrases of the rules in force, folded, in file order: they are found in
/// the one pass over a sentence that finds every [`List`].
pub(crate) fn cue_phrases() -> Vec<&'static str> {
    rules::active().words("name_cue").collect()
}

/// The names in a sentence, each once, in order, by the rules in force.
pub(crate) fn names_in(s: &Sentence) -> Vec<String> {
    static READER: LazyLock<Reader> = LazyLock::new(|| Reader::new(rules::active()));
    let mut names: Vec<String> = Vec::new();
    for hit in s.found(List::NameCues) {
        let at = s.folded.original_end(hit.range.end, s.text);
        for name in READER.names_after(&s.text[at..], READER.kinds[hit.entry]) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// Reads victims' names after their cues.
struct Reader {
    /// What may follow cue `k`.
    kinds: Vec<Cue>,
    /// Words that end a bare name.
    stops: WordSet,
    /// Words no person's name has: a name with one is a group's («“لواء القدس”»).
    groups: WordSet,
}

impl Reader {
    /// A reader of the `name_cue`, `name_stop` and `not_a_name` lists of `rules`.
    fn new(rules: &rules::Rules) -> Reader {
        Reader {
            kinds: rules
                .list("name_cue")
                .iter()
                .map(|e| match e.value.as_str() {
                    "bare" => Cue::Bare,
                    "list" => Cue::List,
                    _ => Cue::Quoted,
                })
                .collect(),
            stops: WordSet::from_words(rules.words("name_stop")),
            groups: WordSet::from_words(rules.words("not_a_name")),
        }
    }

    /// The names right after a cue: quoted or bracketed ones, one after another, or, where
    /// the cue allows, a bare one or a bare list.
    fn names_after(&self, rest: &str, cue: Cue) -> Vec<String> {
        let mut rest = rest.trim_start();
        let mut bare = cue == Cue::Bare;
        if cue == Cue::List {
            // «عرف من القتلى: …», «كل من: …»: a bare list follows the colon.
            if let Some(after) = rest.strip_prefix(':') {
                (rest, bare) = (after, true);
            }
        }
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let mut names = Vec::new();
        while let Some((inside, after)) = quoted(rest) {
            names.extend(self.list(inside, usize::MAX));
            // «(…) و(…)», «“…”، “…”»: the list goes on (the Arabic comma is punctuation: code).
            let next = after.trim_start_matches(|c: char| c.is_whitespace() || ",،".contains(c));
            rest = crate::clitics::without_and(next);
            if quoted(rest).is_none() {
                return names;
            }
        }
        if bare {
            // Punctuation, Arabic's «؛» among it, ends a bare name: code, not a rule.
            let end = rest
                .find(|c: char| ".:؛;()\"«»“”\n".contains(c))
                .unwrap_or(rest.len());
            names.extend(self.list(&rest[..end], BARE_WORDS));
        }
        names
    }

    /// The names of a list: items cut at «،» and dashes; a bare name's words (`most` of
    /// them, a further word that opens with و beginning the next) read up to a stop word.
    fn list(&self, text: &str, most: usize) -> Vec<String> {
        // Quotes end a quoted name; a bare one ends at a stop word.
        let bare = most != usize::MAX;
        let mut names = Vec::new();
        for (k, item) in text.split(['،', ',', '–', '—', '-']).enumerate() {
            let mut words: Vec<&str> = Vec::new();
            for w in item.split_whitespace() {
                let w = if words.is_empty() && k > 0 {
                    and_off(w)
                } else {
                    w
                };
                let stop = bare && (self.stops.has_unarticled(&fold(w)) || w.contains(TANWIN));
                if stop || !w.chars().all(is_name_char) {
                    break;
                }
                // «محمد العلي وأحمد الحسن»: a word with و after a bare name's two begins the next.
                let next_name = bare && words.len() >= *NAME_WORDS.start() && and_off(w) != w;
                if words.len() == most || next_name {
                    if !next_name {
                        break;
                    }
                    self.push_name(&mut names, &words);
                    words.clear();
                    words.push(and_off(w));
                    continue;
                }
                words.push(w);
            }
            if words.iter().any(|w| self.groups.has_word(&fold(w))) {
                continue;
            }
            self.push_name(&mut names, &words);
            if bare && words.len() < *NAME_WORDS.start() {
                // A bare list ends where a name does not follow.
                break;
            }
        }
        names
    }

    fn push_name(&self, names: &mut Vec<String>, words: &[&str]) {
        if NAME_WORDS.contains(&words.len()) {
            names.push(words.join(" "));
        }
    }
}

/// What may follow a name cue (the `value` of its row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Only a quoted or bracketed name (a word for a person: «العنصر», «الشاب»).
    Quoted,
    /// A name quoted or bare («يدعى»).
    Bare,
    /// The opening of a list of the dead: quoted names, or bare ones after a colon.
    List,
}

/// The text inside quotes or brackets that `text` opens with, and the text after them.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let open = text.chars().next()?;
    let close = match open {
        '“' => '”',
        '«' => '»',
        '(' => ')',
        '"' | '\'' | '”' => open,
        _ => return None,
    };
    let inner = &text[open.len_utf8()..];
    let end = inner.find(close).filter(|&e| e <= QUOTED_BYTES)?;
    Some((&inner[..end], &inner[end + close.len_utf8()..]))
}

/// A word without the و that joins it to the name before («وعلي» → «علي»), when a name's
/// worth of letters is left.
fn and_off(w: &str) -> &str {
    match crate::clitics::after_and(w) {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => w,
    }
}

/// A character a name's word may have: letters and the marks folding drops.
fn is_name_char(c: char) -> bool {
    crate::normalize::is_arabic_letter(c) || crate::normalize::is_dropped(c)
}

/// Whether two names are one person's: the shorter (two words at least) is the longer with
/// words left out, in the same order and from the same first name («باسل القاسم» and
/// «باسل يوسف القاسم»; «حسن علي» is not «علي حسن», who may be his son).
pub fn same_person<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < *NAME_WORDS.start() || short.first() != long.first() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|l| l == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        Sentence::read(text, names_in)
    }

    #[test]
    fn quoted_and_bracketed_names_after_a_rank_or_person_word() {
        assert_eq!(
            names("ونعت صفحات موالية النقيب “سامر يوسف الخليل” من ريف حماة"),
            ["سامر يوسف الخليل"]
        );
        assert_eq!(
            names("قتل ضابط برتبة ملازم يدعى (حسن علي الأحمد) والعنصران (محمود ديب العلي) و(خالد عمر السالم)"),
            ["حسن علي الأحمد", "محمود ديب العلي", "خالد عمر السالم"]
        );
        assert_eq!(
            names("من بينهم \"جمال محمد الكاتب\" العنصر في الفرقة الثالثة"),
            ["جمال محمد الكاتب"]
        );
    }

    #[test]
    fn lists_of_the_dead_quoted_or_bare() {
        assert_eq!(
            names("وعرف من بين القتلى “فارس العبد الجاسم، وعلي الدحام الحمد، وخلف الدحام”."),
            ["فارس العبد الجاسم", "علي الدحام الحمد", "خلف الدحام"]
        );
        assert_eq!(
            names("وعرف من القتلى كل من: فارس العبد الجاسم – سالم الدحام الحمد – خلف الدحام."),
            ["فارس العبد الجاسم", "سالم الدحام الحمد", "خلف الدحام"]
        );
        assert_eq!(
            names("قتل شاب يدعى سامي المحمود من قرية الحمرا"),
            ["سامي المحمود"]
        );
        // «علي» is a name, though it folds like «على».
        assert_eq!(
            names("قتل شاب يدعى حسن علي الأحمد وشقيقه بهجوم"),
            ["حسن علي الأحمد"]
        );
        assert_eq!(
            names("قتل كل من: محمد السالم وأحمد الحسن وخالد العمر"),
            ["محمد السالم", "أحمد الحسن", "خالد العمر"]
        );
    }

    #[test]
    fn words_that_are_no_name_are_not_taken() {
        // A bare word after a person noun that takes only quoted names.
        assert!(names("قتل الشاب برصاص مجهولين في بادية الميادين").is_empty());
        // One quoted word is an outlet or a group, not a person.
        assert!(names("عرف من بين القتلى الذين نعتهم موقع “فيسبوك”").is_empty());
        // A group's name in quotes after a word for a person.
        assert!(names("قتل قائد “لواء الباقر” بهجوم قرب السخنة").is_empty());
        // What follows a rank bare is no name: «توفي النقيب متأثراً بجراحه».
        assert!(names("توفي النقيب متأثراً بجراحه التي أصيب بها").is_empty());
        assert!(names("قتل الملازم أول حسن العبد بهجوم").is_empty());
        // Groups named in quotes after «كل من» or a leader.
        assert!(
            names("اشتباكات بين كل من “قوات سوريا الديمقراطية” و“الجيش الوطني السوري”").is_empty()
        );
        // A rank followed by the unit or a verb, not a name.
        assert!(names("قتل ضابط برتبة نقيب في قوات النظام").is_empty());
        assert!(names("أصيب ضابط برتبة ملازم أول بترت قدمه").is_empty());
    }

    #[test]
    fn one_person_written_shorter_or_longer() {
        let ids = |n: &str| -> Vec<String> { fold(n).split(' ').map(str::to_string).collect() };
        assert!(same_person(&ids("باسل القاسم"), &ids("باسل يوسف القاسم")));
        assert!(!same_person(&ids("باسل القاسم"), &ids("باسل العلي")));
        assert!(!same_person(&ids("القاسم"), &ids("باسل القاسم")));
        assert!(!same_person(&ids("علي حسن"), &ids("حسن علي")));
        assert!(!same_person(&ids("يوسف القاسم"), &ids("باسل يوسف القاسم")));
    }
}
