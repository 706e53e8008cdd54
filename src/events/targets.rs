//! Targets and victims: who or what an incident hit, when reports name something distinctive
//! ("a bus", "truffle gatherers", "shepherds"). The merge takes the same target at the same
//! place as evidence that two undated reports tell one incident.
//!
//! The words live in `data/rules/targets.csv` (`kind,text,target`), compiled in, folded on
//! load like the text, and checked: an empty field, an unknown kind, a phrase that folds to
//! nothing or is listed twice is an error naming the file's line. Its `example` rows are
//! sentences with the target they must yield; the test suite reads every one.

use std::sync::LazyLock;

use super::lexicon::Lexicon;
use crate::normalize::fold;

/// The list as compiled in.
const TARGETS_CSV: &str = include_str!("../../data/rules/targets.csv");

/// The file name used in messages about the compiled-in list.
const TARGETS_FILE: &str = "data/rules/targets.csv";

/// A rules file's rows: phrases with their target, and example sentences.
#[derive(Debug, Default)]
pub struct Targets {
    /// Phrases as written, and the target each names.
    pub phrases: Vec<(String, String)>,
    /// Example sentences and the target each must yield (`None`: no target).
    pub examples: Vec<(String, Option<String>)>,
}

/// A row of a rules file that cannot be used, with its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RuleError {
    pub file: String,
    pub line: u64,
    pub message: String,
}

impl Targets {
    /// Reads a targets file; `file` names it in errors. Every bad row is reported.
    pub fn parse(file: &str, text: &str) -> Result<Targets, Vec<RuleError>> {
        let mut targets = Targets::default();
        let mut errors = Vec::new();
        let mut seen: Vec<(String, u64)> = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    errors.push(error(file, line, e.to_string()));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let field = |i: usize| record.get(i).map(str::trim).unwrap_or("");
            let (kind, text, target) = (field(0), field(1), field(2));
            if record.len() != 3 {
                errors.push(error(file, line, "expected 3 fields: kind,text,target"));
                continue;
            }
            match kind {
                "phrase" => {
                    if text.is_empty() || target.is_empty() {
                        errors.push(error(file, line, "a phrase needs its text and target"));
                        continue;
                    }
                    let folded = fold(text.trim_end_matches('*'));
                    if folded.trim().is_empty() {
                        errors.push(error(file, line, format!("«{text}» folds to nothing")));
                        continue;
                    }
                    if let Some((_, first)) = seen.iter().find(|(f, _)| *f == folded) {
                        let message = format!("«{text}» is listed already (line {first})");
                        errors.push(error(file, line, message));
                        continue;
                    }
                    seen.push((folded, line));
                    targets.phrases.push((text.to_string(), target.to_string()));
                }
                "example" => {
                    if text.is_empty() {
                        errors.push(error(file, line, "an example needs its sentence"));
                        continue;
                    }
                    let want = (!target.is_empty()).then(|| target.to_string());
                    targets.examples.push((text.to_string(), want));
                }
                other => {
                    let message = format!("unknown kind «{other}» (phrase or example)");
                    errors.push(error(file, line, message));
                }
            }
        }
        if errors.is_empty() {
            Ok(targets)
        } else {
            Err(errors)
        }
    }

    /// The compiled-in list.
    pub fn builtin() -> &'static Targets {
        static BUILTIN: LazyLock<Targets> = LazyLock::new(|| {
            Targets::parse(TARGETS_FILE, TARGETS_CSV).expect("the compiled-in targets are checked")
        });
        &BUILTIN
    }

    /// A matcher of these phrases.
    pub fn matcher(&self) -> Matcher<'_> {
        let phrases: Vec<&str> = self.phrases.iter().map(|(p, _)| p.as_str()).collect();
        Matcher {
            lexicon: Lexicon::lists(&[(&phrases[..], true)]),
            targets: self,
        }
    }
}

fn error(file: &str, line: u64, message: impl Into<String>) -> RuleError {
    RuleError {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Finds targets in text.
pub struct Matcher<'t> {
    lexicon: Lexicon,
    targets: &'t Targets,
}

impl Matcher<'_> {
    /// The first target named in `text` (as written).
    pub fn target_in(&self, text: &str) -> Option<&str> {
        self.target_in_folded(&fold(text))
    }

    /// The first target named in text already folded ([`crate::normalize::fold`]).
    pub fn target_in_folded(&self, folded: &str) -> Option<&str> {
        // Hits come by position, the longest first where several start together.
        let hits = self.lexicon.find_all(folded);
        let first = hits.first()?;
        Some(self.targets.phrases[first.entry].1.as_str())
    }
}

/// The first target named in `sentences`, already folded, by the compiled-in list.
pub fn target_of_folded<'s>(sentences: impl IntoIterator<Item = &'s str>) -> Option<String> {
    static MATCHER: LazyLock<Matcher<'static>> = LazyLock::new(|| Targets::builtin().matcher());
    sentences
        .into_iter()
        .find_map(|s| MATCHER.target_in_folded(s))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_row_yields_its_target() {
        let targets = Targets::builtin();
        assert!(!targets.examples.is_empty());
        let m = targets.matcher();
        for (sentence, want) in &targets.examples {
            assert_eq!(m.target_in(sentence), want.as_deref(), "{sentence}");
        }
    }

    #[test]
    fn spellings_and_clitics_match() {
        let m = Targets::builtin().matcher();
        assert_eq!(m.target_in("استهدف الحافلة"), Some("bus"));
        assert_eq!(m.target_in("وبحافلة"), Some("bus"));
        assert_eq!(m.target_in("بحثا عن الكمأه"), Some("truffle gatherers"));
        assert_eq!(m.target_in("الأعمال القتالية"), None);
    }

    #[test]
    fn bad_rows_are_rejected_with_their_line() {
        let text = "kind,text,target\nphrase,حافلة,bus\nphrase,حافله,bus\nphrase,,bus\n\
                    word,راعي,shepherds\nphrase,\u{64b},x\nphrase,a\n";
        let errors = Targets::parse("t.csv", text).unwrap_err();
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7], "{errors:?}");
        assert!(errors[0]
            .to_string()
            .starts_with("t.csv:3: «حافله» is listed already"));
    }
}
