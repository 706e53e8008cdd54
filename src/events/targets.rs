//! Targets and victims: who or what an incident hit, when reports name something distinctive
//! ("a bus", "truffle gatherers", "shepherds"). The merge takes the same target at the same
//! place as evidence that two undated reports tell one incident.
//!
//! The phrases are the `target` list of the rules (`data/rules/targets.csv`, see
//! [`crate::rules`]), each with the English name of its target.

use std::sync::LazyLock;

use super::lexicon::Lexicon;
use crate::normalize::fold;
use crate::rules::{self, Rules};

/// Finds targets in text.
pub struct Matcher {
    lexicon: Lexicon,
    /// The target each phrase names, by its index in the list.
    targets: Vec<String>,
}

impl Matcher {
    /// A matcher of the `target` list of `rules`.
    pub fn new(rules: &Rules) -> Matcher {
        let list = rules.list("target");
        let phrases: Vec<&str> = list.iter().map(|e| e.folded.as_str()).collect();
        Matcher {
            lexicon: Lexicon::lists(&[(&phrases[..], true)]),
            targets: list.iter().map(|e| e.value.clone()).collect(),
        }
    }

    /// The most specific target named in `text` (as written).
    pub fn target_in(&self, text: &str) -> Option<&str> {
        self.best_in(&fold(text)).map(|k| self.targets[k].as_str())
    }

    /// The earliest entry of the list found in `folded`: the list runs from the most
    /// specific target to the least («عمال جمع الكمأة» are truffle gatherers, not workers).
    fn best_in(&self, folded: &str) -> Option<usize> {
        self.lexicon.find_all(folded).iter().map(|h| h.entry).min()
    }
}

/// The most specific target named in `sentences`, already folded, by the rules in force.
pub fn target_of_folded<'s>(sentences: impl IntoIterator<Item = &'s str>) -> Option<String> {
    static MATCHER: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(rules::active()));
    let best = sentences
        .into_iter()
        .filter_map(|s| MATCHER.best_in(s))
        .min()?;
    Some(MATCHER.targets[best].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_clitics_match() {
        let m = Matcher::new(Rules::builtin());
        assert_eq!(m.target_in("استهدف الحافلة"), Some("bus"));
        assert_eq!(m.target_in("وبحافلة"), Some("bus"));
        assert_eq!(m.target_in("بحثا عن الكمأه"), Some("truffle gatherers"));
        assert_eq!(m.target_in("الأعمال القتالية"), None);
        // The most specific target wins, wherever it stands.
        assert_eq!(
            m.target_in("هجوم على مجموعة من العمال أثناء جمع الكمأة"),
            Some("truffle gatherers")
        );
    }
}
