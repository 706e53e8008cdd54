//! Targets and victims: who or what an incident hit, when reports name something distinctive
//! ("a bus", "truffle gatherers", "shepherds"). The merge takes the same target at the same
//! place as evidence that two undated reports tell one incident.
//!
//! The phrases are the `target` list of the rules (`data/rules/targets.csv`, see
//! [`crate::rules`]), each with the English name of its target. They are found in the one
//! pass over a sentence that finds every [`List`] ([`Sentence::found_all`]).

use super::{List, Sentence};
use crate::rules;

/// A target a sentence names: its row in the `target` list. The list runs from the most
/// specific target to the least, so the lesser is the more specific («عمال جمع الكمأة» are
/// truffle gatherers, not workers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Target(usize);

impl Target {
    /// The English name of the target.
    pub(crate) fn name(self) -> &'static str {
        &rules::active().list("target")[self.0].value
    }
}

/// The `target` phrases of the rules in force, folded, in file order.
pub(crate) fn phrases() -> Vec<&'static str> {
    rules::active().words("target").collect()
}

/// The most specific target named in the sentence: the earliest entry of the list found.
pub(crate) fn target_in(s: &Sentence) -> Option<Target> {
    s.found_all(List::Targets).map(|h| Target(h.entry)).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str) -> Option<&'static str> {
        Sentence::read(text, |s| target_in(s).map(Target::name))
    }

    #[test]
    fn spellings_and_clitics_match() {
        assert_eq!(target("استهدف الحافلة"), Some("bus"));
        assert_eq!(target("وبحافلة"), Some("bus"));
        assert_eq!(target("بحثا عن الكمأه"), Some("truffle gatherers"));
        assert_eq!(target("الأعمال القتالية"), None);
        // The most specific target wins, wherever it stands.
        assert_eq!(
            target("هجوم على مجموعة من العمال أثناء جمع الكمأة"),
            Some("truffle gatherers")
        );
    }
}
