//! The conflict's actors as writers name them (placeholder, to be written).

use std::ops::Range;

/// An actor named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    /// ACLED-style actor name, e.g. `Islamic State (Syria)`.
    pub name: String,
    /// ACLED inter code (1 state forces, 2 rebels, 3 political militia, 4 identity militia,
    /// 5 rioters, 6 protesters, 7 civilians, 8 external/other forces).
    pub inter: u8,
    /// Byte range in the sentence.
    pub span: Range<usize>,
}

/// Every actor named in `sentence`, in order of appearance (placeholder).
pub fn find_actors(_sentence: &str) -> Vec<ActorMention> {
    Vec::new()
}

/// ACLED's actor1 and actor2 for an incident sentence: actor1 the side that acts (the attacker),
/// actor2 the side acted on (placeholder).
pub fn assign(_sentence: &str, _actors: &[ActorMention]) -> (Option<String>, Option<String>) {
    (None, None)
}
