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

    /// The first target named in `text` (as written).
    pub fn target_in(&self, text: &str) -> Option<&str> {
        self.target_in_folded(&fold(text))
    }

    /// The first target named in text already folded ([`crate::normalize::fold`]).
    pub fn target_in_folded(&self, folded: &str) -> Option<&str> {
        // Hits come by position, the longest first where several start together.
        let hits = self.lexicon.find_all(folded);
        let first = hits.first()?;
        Some(self.targets[first.entry].as_str())
    }
}

/// The first target named in `sentences`, already folded, by the rules in force.
pub fn target_of_folded<'s>(sentences: impl IntoIterator<Item = &'s str>) -> Option<String> {
    static MATCHER: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(rules::active()));
    sentences
        .into_iter()
        .find_map(|s| MATCHER.target_in_folded(s))
        .map(str::to_string)
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
    }
}
