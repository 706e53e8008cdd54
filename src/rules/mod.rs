//! The reading rules as data: the Arabic words and phrases each reader looks for, kept in
//! plain CSV files under `data/rules/` that an analyst can read and extend.
//!
//! Every rules file has the columns `list,text,value`:
//! - `list` names the word list a row belongs to (list names are unique across all files, so
//!   an extra file may add to any of them), or is `example`;
//! - `text` is a word or phrase as people write it: **one loader** folds it exactly as the
//!   text is folded ([`crate::normalize::fold`]: hamza forms, ta marbuta, alef maqsura,
//!   diacritics and tatweel do not matter), so no spelling convention needs to be known;
//! - `value` is what the row means where a list needs one (a number, a category), else empty.
//!
//! `example` rows hold a sentence in `text` and, in `value`, what badia must read from it as
//! `key=value` pairs separated by `;` (see [`EXPECT_KEYS`]); [`examples`] runs them all.
//!
//! The loader rejects, naming file and line: an unknown list, an empty field, an entry that
//! folds to nothing or (in a one-word list) to more than one word and so can never match, an
//! entry listed twice in its list, a value a list does not take, and an unknown example key.
//!
//! The files are compiled in ([`Rules::builtin`]); `badia --rules DIR` replaces them and
//! `--extra-rules FILE` adds rows, once, before any text is read ([`install`]).

pub mod examples;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use crate::events::types::CUE_NAMES;
use crate::normalize::fold;

/// What a list's entries are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One word: matched against one word of the text, with or without its clitics.
    Word,
    /// One or more words; a final `*` lets the last word run on (`اشتبك*` finds اشتبكوا).
    Phrase,
    /// One or more words, each matched whole (no `*`).
    Words,
}

/// What a list's `value` column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// Nothing: the column stays empty.
    Empty,
    /// A whole number.
    Number,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// Any non-empty text (an English name written in the output).
    Text,
}

/// One list of a rules file.
#[derive(Debug, Clone, Copy)]
pub struct ListSpec {
    pub name: &'static str,
    pub shape: Shape,
    pub value: Value,
}

/// One rules file: its name (`data/rules/NAME.csv`), its compiled-in text and its lists.
#[derive(Debug, Clone, Copy)]
pub struct FileSpec {
    pub name: &'static str,
    pub builtin: &'static str,
    pub lists: &'static [ListSpec],
}

const fn word(name: &'static str) -> ListSpec {
    ListSpec {
        name,
        shape: Shape::Word,
        value: Value::Empty,
    }
}

const fn phrase(name: &'static str) -> ListSpec {
    ListSpec {
        name,
        shape: Shape::Phrase,
        value: Value::Empty,
    }
}

const fn phrase_words(name: &'static str) -> ListSpec {
    ListSpec {
        name,
        shape: Shape::Words,
        value: Value::Empty,
    }
}

const fn valued(name: &'static str, shape: Shape, value: Value) -> ListSpec {
    ListSpec { name, shape, value }
}

/// The casualty categories a list may name.
pub const CATEGORIES: &[&str] = &["killed", "injured", "captured", "missing"];

/// The hedges a figure may carry.
pub const HEDGES: &[&str] = &["at_least", "about", "less_than", "between"];

/// The days of the week, as a weekday name's value.
pub const WEEKDAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// The periods a period word names.
pub const PERIODS: &[&str] = &["week", "month"];

/// Every rules file, and the lists it holds.
pub const FILES: &[FileSpec] = &[
    FileSpec {
        name: "casualties",
        builtin: include_str!("../../data/rules/casualties.csv"),
        lists: &[
            word("killed_word"),
            word("killed_noun"),
            word("injured_word"),
            word("injured_noun"),
            word("captured_word"),
            word("captured_noun"),
            word("missing_word"),
            word("missing_noun"),
            valued("dual_casualty", Shape::Word, Value::OneOf(CATEGORIES)),
            word("owner_one"),
            word("owner_two"),
            word("owner_many"),
            word("met"),
            word("end_on"),
            word("lost"),
            word("lost_trace"),
            word("end_on_subject"),
            word("end_on_object"),
            word("figure_alone"),
            word("subject_clause"),
            word("person"),
            word("companion"),
            word("companion_break"),
            word("companion_two"),
            word("sound_plural"),
            word("people"),
            word("one_casualty"),
            word("one_more"),
            word("two_more"),
            word("others"),
            word("subgroup"),
            word("filler"),
            word("label_before"),
            word("not_people"),
            word("one"),
            phrase("met_death"),
            phrase("rise"),
            word("toll"),
            word("manner"),
            valued("vague", Shape::Word, Value::Number),
            valued("hedge", Shape::Phrase, Value::OneOf(HEDGES)),
            phrase("hedge_after"),
            word("negation"),
            word("harm_outcome"),
            phrase("no_killed"),
            phrase("no_injured"),
            word("unknown_toll"),
            word("rank"),
            word("source_before"),
            word("explains_total"),
        ],
    },
    FileSpec {
        name: "actor_roles",
        builtin: include_str!("../../data/rules/actor_roles.csv"),
        lists: &[
            word("agent_after"),
            word("active_verb"),
            word("attack_noun"),
            word("strike_act"),
            word("target_word"),
            word("injuring_verb"),
            word("dawn_next"),
            word("backed_by"),
            word("charge"),
            word("land_noun"),
            word("blame"),
            word("blamed_on"),
            word("told_that"),
            word("own_men"),
            word("belongs_to"),
            word("suspected_of"),
            word("shooter"),
        ],
    },
    FileSpec {
        name: "places",
        builtin: include_str!("../../data/rules/places.csv"),
        lists: &[
            word("place_noun"),
            word("function_word"),
            word("fuzzy_cue"),
            valued(
                "type_word",
                Shape::Word,
                Value::OneOf(&[
                    "city",
                    "settlement",
                    "governorate",
                    "subdistrict",
                    "neighbourhood",
                    "camp",
                ]),
            ),
            word("dual_place_noun"),
            word("region_word"),
            word("countrysides_word"),
            word("desert_word"),
            word("near_word"),
            word("area_plural"),
            word("area_noun"),
            word("road_word"),
            word("junction_word"),
            word("road_link"),
            word("road_adjective"),
            word("kunya"),
            word("place_adjective"),
            valued(
                "direction",
                Shape::Word,
                Value::OneOf(&["n", "e", "s", "w"]),
            ),
            word("distance_unit"),
            word("toward"),
            word("through"),
            word("place_glue"),
            word("context_before"),
            word("origin"),
            word("uprooted"),
            word("seat_of"),
            word("reporter"),
            word("own_reporter"),
            word("speech_verb"),
            word("outlet_noun"),
            word("told_to"),
            word("another_word"),
            phrase_words("other_matter"),
            word("site_word_name"),
            phrase_words("standalone_place"),
            word("standalone_after"),
            word("verb_name"),
            word("noun_preposition"),
            word("cause_word"),
            word("facility_noun"),
            word("hospital_noun"),
            word("near_before_from"),
            word("stationed"),
            word("spread_verb"),
            valued(
                "clause_opener",
                Shape::Phrase,
                Value::OneOf(&["after_comma", "anywhere"]),
            ),
            word("elaboration_opener"),
            word("sequel_opener"),
            word("sequel_cut"),
            word("earlier_span"),
            word("pointer"),
            word("foreign_land"),
            word("foreign_adjective"),
            phrase("reminder_opener"),
            word("habit_opener"),
        ],
    },
    FileSpec {
        name: "incidents",
        builtin: include_str!("../../data/rules/incidents.csv"),
        lists: &[
            valued("cue", Shape::Phrase, Value::OneOf(CUE_NAMES)),
            phrase("weapon"),
            word("ambush"),
            word("foil_attempt"),
            word("party_subject"),
            word("cause_after"),
            word("bare_death"),
            word("hypothetical_before"),
            word("hypothetical_after"),
            phrase("habit_clause_opener"),
            word("combatant"),
            phrase("reinforcement"),
            phrase("summary_period"),
            phrase("summary_span"),
            phrase("summary_total"),
            word("unasserted"),
            word("denial_verb"),
            phrase("recall_opener"),
        ],
    },
    FileSpec {
        name: "targets",
        builtin: include_str!("../../data/rules/targets.csv"),
        lists: &[
            ListSpec {
                name: "target",
                shape: Shape::Phrase,
                value: Value::Text,
            },
            ListSpec {
                name: "name_cue",
                shape: Shape::Phrase,
                value: Value::OneOf(&["quoted", "bare", "list"]),
            },
            word("name_stop"),
            word("not_a_name"),
        ],
    },
    FileSpec {
        name: "dates",
        builtin: include_str!("../../data/rules/dates.csv"),
        lists: &[
            word("since_word"),
            word("lasting_state"),
            word("telling_word"),
            word("told_opener"),
            valued("weekday", Shape::Word, Value::OneOf(WEEKDAYS)),
            word("weekday_link"),
            valued("ordinal_day", Shape::Word, Value::Number),
            word("ordinal_teen"),
            word("month_word"),
            valued("month", Shape::Word, Value::Number),
            valued("month_two_words", Shape::Words, Value::Number),
            word("year_word"),
            word("time_of_day"),
            word("day_word"),
            valued("relative_day", Shape::Words, Value::Number),
            word("not_today"),
            word("past_word"),
            word("current_word"),
            word("future_word"),
            word("ago_word"),
            word("now_word"),
            word("about_word"),
            valued("day_count", Shape::Word, Value::Number),
            valued("week_count", Shape::Word, Value::Number),
            word("day_unit"),
            word("period_opener"),
            valued("period_word", Shape::Word, Value::OneOf(PERIODS)),
            phrase_words("recent_days"),
            word("caption_word"),
            word("day_lead"),
            word("date_reference"),
            word("long_unit"),
        ],
    },
    FileSpec {
        name: "suggest",
        builtin: include_str!("../../data/rules/suggest.csv"),
        lists: &[
            word("site_noun"),
            word("site_ordinal_noun"),
            word("site_noun_lookalike"),
            word("name_end"),
            word("not_site_name"),
            word("name_lead"),
            word("field_kind"),
            word("anchor_glue"),
        ],
    },
    FileSpec {
        name: "boilerplate",
        builtin: include_str!("../../data/rules/boilerplate.csv"),
        lists: &[
            phrase_words("tail_marker"),
            phrase_words("furniture"),
            phrase_words("breadcrumb_home"),
            phrase_words("breadcrumb_section"),
        ],
    },
    FileSpec {
        name: "numbers",
        builtin: include_str!("../../data/rules/numbers.csv"),
        lists: &[
            valued("number_unit", Shape::Word, Value::Number),
            valued("number_ten_stem", Shape::Word, Value::Number),
            valued("number_hundred", Shape::Word, Value::Number),
            valued("number_hundred_stem", Shape::Word, Value::Number),
            valued("number_thousand", Shape::Word, Value::Number),
            word("number_thousands"),
        ],
    },
];

/// The keys an example row's expectation may name.
pub const EXPECT_KEYS: &[&str] = &[
    "published",
    "events",
    "killed",
    "injured",
    "date",
    "type",
    "sub_event",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "location",
    "target",
    "victims",
    "precision",
    "date_source",
    "geo_precision",
    "suggest",
];

/// A row of a rules file that cannot be used, with its file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RuleError {
    pub file: String,
    pub line: u64,
    pub message: String,
}

/// Errors of a rules file or folder: every bad row, each with its file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, e) in self.0.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// One entry of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// As written in the file.
    pub text: String,
    /// Folded like the text it is matched in; a final `*` stays.
    pub folded: String,
    /// The `value` column (empty where the list takes none).
    pub value: String,
    /// Where it was read.
    pub file: String,
    pub line: u64,
}

/// An example row: a sentence and what must be read from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub sentence: String,
    /// `(key, value)` pairs, keys from [`EXPECT_KEYS`].
    pub expect: Vec<(String, String)>,
    pub file: String,
    pub line: u64,
}

/// The rules in force: every list's entries, in file order, and the example rows.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    lists: HashMap<&'static str, Vec<Entry>>,
    examples: Vec<Example>,
}

impl Rules {
    /// The compiled-in rules (`data/rules/` as built).
    pub fn builtin() -> &'static Rules {
        static BUILTIN: OnceLock<Rules> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut rules = Rules::empty();
            for spec in FILES {
                let file = format!("data/rules/{}.csv", spec.name);
                if let Err(e) = rules.add(&file, spec.builtin, Some(spec)) {
                    panic!("the compiled-in rules are checked by the tests:\n{e}");
                }
            }
            rules
        })
    }

    /// No rules at all: every list known and empty.
    fn empty() -> Rules {
        let lists = FILES
            .iter()
            .flat_map(|f| f.lists)
            .map(|l| (l.name, Vec::new()))
            .collect();
        Rules {
            lists,
            examples: Vec::new(),
        }
    }

    /// Reads every rules file of a folder (`casualties.csv`, `targets.csv` …): all must be
    /// there, and all rows must be good.
    pub fn from_dir(dir: &Path) -> Result<Rules, RuleErrors> {
        let mut rules = Rules::empty();
        let mut errors = Vec::new();
        for spec in FILES {
            let path = dir.join(format!("{}.csv", spec.name));
            let file = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    if let Err(e) = rules.add(&file, &text, Some(spec)) {
                        errors.extend(e.0);
                    }
                }
                Err(e) => errors.push(error(&file, 0, format!("cannot read: {e}"))),
            }
        }
        if errors.is_empty() {
            Ok(rules)
        } else {
            Err(RuleErrors(errors))
        }
    }

    /// These rules with the rows of an extra file added (rows of any list, and examples).
    pub fn with_extra(mut self, path: &Path) -> Result<Rules, RuleErrors> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| RuleErrors(vec![error(&file, 0, format!("cannot read: {e}"))]))?;
        self.add(&file, &text, None)?;
        Ok(self)
    }

    /// The entries of list `name`, in file order.
    ///
    /// # Panics
    /// When no rules file declares the list: the readers ask only for lists of [`FILES`].
    pub fn list(&self, name: &str) -> &[Entry] {
        match self.lists.get(name) {
            Some(entries) => entries,
            None => panic!("no rules file declares the list «{name}»"),
        }
    }

    /// The folded entries of list `name`.
    pub fn words(&self, name: &str) -> impl Iterator<Item = &str> {
        self.list(name).iter().map(|e| e.folded.as_str())
    }

    /// Whether list `name` holds the folded word `w` (a scan: the readers ask a [`WordSet`]).
    #[cfg(test)]
    fn has(&self, name: &str, w: &str) -> bool {
        self.words(name).any(|e| e == w)
    }

    /// The example rows.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// How many entries all lists hold.
    pub fn entry_count(&self) -> usize {
        self.lists.values().map(Vec::len).sum()
    }

    /// Adds the rows of one file; `spec` limits them to that file's lists (an extra file may
    /// add to any list). Nothing is added when a row is bad.
    fn add(&mut self, file: &str, text: &str, spec: Option<&FileSpec>) -> Result<(), RuleErrors> {
        let rows = parse(file, text, spec, self)?;
        for row in rows {
            match row {
                Row::Entry(list, entry) => self.lists.entry(list).or_default().push(entry),
                Row::Example(example) => self.examples.push(example),
            }
        }
        Ok(())
    }
}

enum Row {
    Entry(&'static str, Entry),
    Example(Example),
}

/// The list named `name`, among a file's lists or (with no file) among all.
fn find_list(name: &str, spec: Option<&FileSpec>) -> Option<&'static ListSpec> {
    match spec {
        Some(spec) => FILES
            .iter()
            .find(|f| f.name == spec.name)
            .and_then(|f| f.lists.iter().find(|l| l.name == name)),
        None => FILES.iter().flat_map(|f| f.lists).find(|l| l.name == name),
    }
}

/// The entries a file has listed so far, each with its line: (list, folded entry) → line.
type Seen = crate::gazetteer::FastMap<(&'static str, String), u64>;

/// Reads a file's rows, checking each against `known` (the rules already loaded) and the rows
/// before it.
fn parse(
    file: &str,
    text: &str,
    spec: Option<&FileSpec>,
    known: &Rules,
) -> Result<Vec<Row>, RuleErrors> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    // Every row is looked up once: a fast hash, as the crate's other hot tables use.
    let mut seen: Seen = Seen::default();
    let mut records = records(text).into_iter();
    match records.next() {
        Some(Ok((_, h))) if h.iter().map(|f| f.trim()).eq(["list", "text", "value"]) => {}
        Some(Err((line, e))) => errors.push(error(file, line, e)),
        _ => errors.push(error(file, 1, "the header must be list,text,value")),
    }
    for record in records {
        let (line, record) = match record {
            Ok(r) => r,
            Err((line, e)) => {
                errors.push(error(file, line, e));
                continue;
            }
        };
        if record.len() != 3 {
            errors.push(error(file, line, "expected 3 fields: list,text,value"));
            continue;
        }
        let field = |i: usize| record[i].trim();
        let (list, text, value) = (field(0), field(1), field(2));
        let row = if list == "example" {
            example(file, line, text, value).map(Row::Example)
        } else {
            entry(file, line, list, text, value, spec, known, &mut seen)
                .map(|(name, e)| Row::Entry(name, e))
        };
        match row {
            Ok(row) => rows.push(row),
            Err(message) => errors.push(error(file, line, message)),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(RuleErrors(errors))
    }
}

/// A record of a rules file: its line and its fields as written, or why it cannot be read.
type Record<'t> = Result<(u64, Vec<Cow<'t, str>>), (u64, String)>;

/// The records of a rules file, the header first: comment lines (`#`) and empty lines are
/// none. Lines whose quotes, if any, only enclose whole fields on the line are split in
/// place; a file with other quoting or a carriage return is read by the CSV reader.
fn records(text: &str) -> Vec<Record<'_>> {
    match plain_records(text) {
        Some(records) => records.into_iter().map(Ok).collect(),
        None => csv_records(text),
    }
}

/// The records of a file none of whose lines needs the CSV reader, or `None`.
fn plain_records(text: &str) -> Option<Vec<(u64, Vec<Cow<'_, str>>)>> {
    if text.contains('\r') {
        return None;
    }
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields = if line.contains('"') {
            quoted_fields(line)?
        } else {
            line.split(',').map(Cow::Borrowed).collect()
        };
        out.push((i as u64 + 1, fields));
    }
    Some(out)
}

/// The fields of one line where every quote encloses a whole field («"a, b",c»), a doubled
/// quote standing for one; `None` for any other quoting (a field running over lines, a quote
/// inside a field).
fn quoted_fields(line: &str) -> Option<Vec<Cow<'_, str>>> {
    let mut fields = Vec::new();
    let mut rest = line;
    loop {
        let end = if let Some(inner) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut at = 0;
            loop {
                let close = at + inner[at..].find('"')?;
                value.push_str(&inner[at..close]);
                if inner[close + 1..].starts_with('"') {
                    value.push('"');
                    at = close + 2;
                } else {
                    fields.push(Cow::Owned(value));
                    break 1 + close + 1;
                }
            }
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            if rest[..end].contains('"') {
                return None;
            }
            fields.push(Cow::Borrowed(&rest[..end]));
            end
        };
        match rest[end..].strip_prefix(',') {
            Some(next) => rest = next,
            None if end == rest.len() => return Some(fields),
            None => return None,
        }
    }
}

/// The records as the CSV reader reads them, each with the line its first byte is on (the
/// reader's own line count leaves out comment lines).
fn csv_records(text: &str) -> Vec<Record<'_>> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    // The reader's position is where it began reading a record: before the empty and comment
    // lines it skipped.
    let (mut counted, mut line) = (0, 1);
    let mut line_at = |p: Option<&csv::Position>| {
        let byte = p.map_or(0, |p| p.byte() as usize).min(text.len());
        if byte >= counted {
            line += text.as_bytes()[counted..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            counted = byte;
            while let Some(skipped) = text[counted..].find('\n').filter(|&end| {
                text[counted..counted + end]
                    .trim_end_matches('\r')
                    .is_empty()
                    || text[counted..].starts_with('#')
            }) {
                counted += skipped + 1;
                line += 1;
            }
        }
        line
    };
    reader
        .records()
        .map(|record| match record {
            Ok(r) => {
                let line = line_at(r.position());
                Ok((line, r.iter().map(|f| Cow::Owned(f.to_string())).collect()))
            }
            Err(e) => Err((line_at(e.position()), e.to_string())),
        })
        .collect()
}

/// One list entry, checked.
#[allow(clippy::too_many_arguments)]
fn entry(
    file: &str,
    line: u64,
    list: &str,
    text: &str,
    value: &str,
    spec: Option<&FileSpec>,
    known: &Rules,
    seen: &mut Seen,
) -> Result<(&'static str, Entry), String> {
    if list.is_empty() {
        return Err("the list is empty".into());
    }
    let Some(l) = find_list(list, spec) else {
        return Err(match spec {
            Some(s) => format!("unknown list «{list}» in {}.csv", s.name),
            None => format!("unknown list «{list}»"),
        });
    };
    if text.is_empty() {
        return Err("the text is empty".into());
    }
    let folded = folded_entry(text, l.shape)?;
    check_value(l, value)?;
    if let Some(first) = seen.get(&(l.name, folded.clone())) {
        return Err(format!(
            "«{text}» is listed already in {list} (line {first})"
        ));
    }
    if let Some(e) = known
        .lists
        .get(l.name)
        .and_then(|es| es.iter().find(|e| e.folded == folded))
    {
        return Err(format!(
            "«{text}» is listed already in {list} ({}:{})",
            e.file, e.line
        ));
    }
    seen.insert((l.name, folded.clone()), line);
    let entry = Entry {
        text: text.to_string(),
        folded,
        value: value.to_string(),
        file: file.to_string(),
        line,
    };
    Ok((l.name, entry))
}

/// The entry folded like the text, or why it can never match.
fn folded_entry(text: &str, shape: Shape) -> Result<String, String> {
    let star = text.ends_with('*');
    match shape {
        Shape::Word if star => return Err(format!("«{text}»: a one-word list takes no *")),
        Shape::Words if star => {
            return Err(format!(
                "«{text}»: the list matches whole words and takes no *"
            ));
        }
        _ => {}
    }
    let folded = fold(text.trim_end_matches('*'));
    let folded = folded.trim();
    if folded.is_empty() {
        return Err(format!("«{text}» folds to nothing and can never match"));
    }
    if shape == Shape::Word && folded.contains(' ') {
        return Err(format!(
            "«{text}» folds to several words («{folded}») and can never match one word"
        ));
    }
    Ok(if star {
        format!("{folded}*")
    } else {
        folded.to_string()
    })
}

fn check_value(l: &ListSpec, value: &str) -> Result<(), String> {
    match l.value {
        Value::Empty if !value.is_empty() => Err(format!("{} takes no value", l.name)),
        Value::Number if value.parse::<u32>().is_err() => {
            Err(format!("{} needs a whole number, not «{value}»", l.name))
        }
        Value::OneOf(allowed) if !allowed.contains(&value) => Err(format!(
            "{} needs one of {}, not «{value}»",
            l.name,
            allowed.join(", ")
        )),
        Value::Text if value.is_empty() => Err(format!("{} needs a value", l.name)),
        _ => Ok(()),
    }
}

/// An example row, checked.
fn example(file: &str, line: u64, sentence: &str, expect: &str) -> Result<Example, String> {
    if sentence.is_empty() {
        return Err("an example needs its sentence".into());
    }
    if expect.is_empty() {
        return Err("an example needs what it must yield (key=value; …)".into());
    }
    let mut pairs = Vec::new();
    for part in expect.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            return Err(format!("«{part}» is not key=value"));
        };
        let key = key.trim();
        if !EXPECT_KEYS.contains(&key) {
            return Err(format!(
                "unknown key «{key}» (one of {})",
                EXPECT_KEYS.join(", ")
            ));
        }
        pairs.push((key.to_string(), value.trim().to_string()));
    }
    Ok(Example {
        sentence: sentence.to_string(),
        expect: pairs,
        file: file.to_string(),
        line,
    })
}

fn error(file: &str, line: u64, message: impl Into<String>) -> RuleError {
    RuleError {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// The folded entries of one list, for looking up a text's (folded) words. Most lists are
/// short, and most words asked about are in none: a [`Sieve`] answers those at once, and a
/// short list is scanned rather than hashed.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    /// The entries of a short list.
    few: Vec<String>,
    /// The entries of a long one.
    many: HashSet<String, foldhash::fast::FixedState>,
    sieve: Sieve,
}

/// A first answer to whether a word may be one of a set of folded words, before any
/// comparison or hash: no when no word of the set has its length, or its first letter and
/// last byte together. Most words a reader asks about are in no list, and nearly all of them
/// fail here.
#[derive(Debug, Clone)]
pub struct Sieve {
    /// The shortest and longest word, in bytes.
    lengths: (usize, usize),
    /// Bit `last % 64` of row `first % 64` is set for every word of the set, `first` being
    /// the second byte of its first letter (the byte that tells Arabic letters apart) and
    /// `last` its last byte.
    pairs: Box<[u64; 64]>,
    /// Bit `last % 64` is set for every word of the set: the rows together.
    ends: u64,
}

impl Default for Sieve {
    /// The sieve of no word: it holds nothing back but lets nothing through.
    fn default() -> Sieve {
        Sieve {
            lengths: (usize::MAX, 0),
            pairs: Box::new([0; 64]),
            ends: 0,
        }
    }
}

impl Sieve {
    /// The sieve of a set of words.
    pub fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Sieve {
        let mut sieve = Sieve::default();
        for w in words {
            sieve.lengths = (sieve.lengths.0.min(w.len()), sieve.lengths.1.max(w.len()));
            let (row, bit) = Sieve::pair(w.as_bytes());
            sieve.pairs[row] |= bit;
            sieve.ends |= bit;
        }
        sieve
    }

    /// Whether `word` may be in the set: false only when it is not.
    #[inline]
    pub fn may_hold(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.len() < self.lengths.0 || b.len() > self.lengths.1 {
            return false;
        }
        let (row, bit) = Sieve::pair(b);
        self.pairs[row] & bit != 0
    }

    /// Whether some word of the set may end `word` (be the word, or what remains of it past
    /// letters at its front, as its clitic forms are): false only when none does.
    #[inline]
    pub fn may_end(&self, word: &str) -> bool {
        let (_, bit) = Sieve::pair(word.as_bytes());
        word.len() >= self.lengths.0 && self.ends & bit != 0
    }

    /// The row and bit of a word's first letter and last byte.
    #[inline]
    fn pair(b: &[u8]) -> (usize, u64) {
        let first = b.get(1).or(b.first()).copied().unwrap_or(0);
        let last = b.last().copied().unwrap_or(0);
        (usize::from(first % 64), 1 << (last % 64))
    }
}

/// A first answer to whether any of a word's clitic forms ([`crate::clitics::forms`]) may be
/// one of a set of folded words. Every form is a suffix of the word, so every form of four
/// bytes or more ends in the word's last four bytes (two Arabic letters): a word whose last
/// four bytes end no word of the set has no form in it. [`Sieve::may_end`], on the last byte
/// alone, lets through most words of a sentence; this, asked after it, answers most of
/// those a small set (the date words) holds none of.
#[derive(Debug, Clone)]
pub struct Endings {
    /// Bit [`Endings::slot`] is set for the last four bytes of every word of four bytes or
    /// more.
    bits: Box<[u64; Endings::WORDS]>,
    /// The words of fewer than four bytes, which only a word's suffix can be.
    short: Vec<String>,
}

impl Endings {
    /// The bit set's size in 64-bit words: 4,096 bits, so that a set of some hundreds of
    /// words leaves most endings unset.
    const WORDS: usize = 64;

    /// The endings of a set of words.
    pub fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Endings {
        let mut bits = Box::new([0u64; Endings::WORDS]);
        let mut short = Vec::new();
        for w in words {
            match Endings::slot(w.as_bytes()) {
                Some(k) => bits[k / 64] |= 1 << (k % 64),
                None => short.push(w.to_string()),
            }
        }
        Endings { bits, short }
    }

    /// Whether some word of the set may be `word` or a suffix of it: false only when none is.
    #[inline]
    pub fn may_end(&self, word: &str) -> bool {
        let listed = match Endings::slot(word.as_bytes()) {
            Some(k) => self.bits[k / 64] & (1 << (k % 64)) != 0,
            // A word shorter than four bytes has no four to look at.
            None => return true,
        };
        listed || self.short.iter().any(|s| word.ends_with(s.as_str()))
    }

    /// The bit of a word's last four bytes, if it has four.
    #[inline]
    fn slot(b: &[u8]) -> Option<usize> {
        let last: [u8; 4] = b.get(b.len().checked_sub(4)?..)?.try_into().ok()?;
        // A multiplicative hash: the top twelve bits of the product mix all four bytes.
        let h = u32::from_le_bytes(last).wrapping_mul(0x9E37_79B1);
        Some((h >> 20) as usize)
    }
}

/// Longest list scanned rather than hashed.
const SCANNED: usize = 16;

impl WordSet {
    /// List `name` of the rules in force.
    pub fn of(name: &str) -> WordSet {
        WordSet::from_words(active().words(name))
    }

    /// Lists `names` of the rules in force, as one set.
    pub fn of_lists(names: &[&str]) -> WordSet {
        let rules = active();
        WordSet::from_words(names.iter().flat_map(|n| rules.words(n)))
    }

    /// A set of folded words.
    pub fn from_words<'w>(words: impl Iterator<Item = &'w str>) -> WordSet {
        let words: Vec<String> = words.map(str::to_string).collect();
        let sieve = Sieve::of(words.iter().map(String::as_str));
        if words.len() <= SCANNED {
            WordSet {
                few: words,
                sieve,
                ..WordSet::default()
            }
        } else {
            WordSet {
                many: words.into_iter().collect(),
                sieve,
                ..WordSet::default()
            }
        }
    }

    /// The entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.few.iter().chain(&self.many).map(String::as_str)
    }

    /// Whether the word, exactly as given, is in the list.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        if !self.sieve.may_hold(word) {
            return false;
        }
        if self.many.is_empty() {
            self.few.iter().any(|w| w == word)
        } else {
            self.many.contains(word)
        }
    }

    /// Whether an entry may be the word or what remains of it past letters at its front
    /// (see [`Sieve::may_end`]): most words are none of a list's, with or without clitics.
    #[inline]
    pub fn may_end(&self, word: &str) -> bool {
        self.sieve.may_end(word)
    }

    /// The word, or what remains of it past its clitics ("وبالقرب" → "قرب"), that is in the
    /// list.
    pub fn core_of<'w>(&self, word: &'w str) -> Option<&'w str> {
        if !self.may_end(word) {
            return None;
        }
        crate::clitics::cores(word).find(|core| self.contains(core))
    }

    /// Whether the word, with or without its clitics, is in the list.
    pub fn has_word(&self, word: &str) -> bool {
        self.core_of(word).is_some()
    }

    /// Whether the word, with or without a conjunction (و ف) and a preposition (ب ل ك) but
    /// never with the article, is in the list: a noun in construct ("قوات دمشق", "لقوات
    /// دمشق") takes no article, so "النظام" is not "نظام" there.
    pub fn has_unarticled(&self, word: &str) -> bool {
        self.may_end(word)
            && crate::clitics::without_particles(word)
                .iter()
                .any(|w| self.contains(w))
    }
}

/// The rules in force: the compiled-in ones themselves unless others were installed (which
/// live as long as the process).
static ACTIVE: OnceLock<&'static Rules> = OnceLock::new();

/// Puts `rules` in force for this process. It must come before any text is read: the readers
/// build their matchers from the rules once. Returns the rules back when others are already
/// in force.
pub fn install(rules: Rules) -> Result<(), Box<Rules>> {
    let mut rules = Some(rules);
    ACTIVE.get_or_init(|| Box::leak(Box::new(rules.take().expect("taken once"))));
    match rules {
        None => Ok(()),
        Some(other) => Err(Box::new(other)),
    }
}

/// The folded entries of list `name` of the rules in force, in file order (for lists read by
/// position or by prefix; [`WordSet`] answers whether a word is one).
pub fn folded(name: &str) -> Vec<String> {
    active().words(name).map(str::to_string).collect()
}

/// The rules in force: those [`install`]ed, or the compiled-in ones.
pub fn active() -> &'static Rules {
    ACTIVE.get_or_init(Rules::builtin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_in_place_read_as_the_csv_reader_reads_them() {
        let tricky = [
            "list,text,value\n# a comment\n\nperson,جندي,\n",
            "# before the header\nlist,text,value\nexample,\"قتل 2، وأصيب 3\",killed=2\n",
            "list,text,value\nexample,\"قال \"\"المرصد\"\"\",\nperson,a,b,c\n  \nlast,x,",
            "list,text,value\n,,\n\"\",\"\",\"\"",
        ];
        let files = FILES.iter().map(|f| f.builtin);
        for text in files.chain(tricky) {
            let plain = plain_records(text).expect("split in place");
            let plain: Vec<Record> = plain.into_iter().map(Ok).collect();
            let csv = csv_records(text);
            assert!(plain == csv, "{text}");
        }
        // Quotes inside a field, a field over two lines: the CSV reader reads them.
        for text in [
            "list,text,value\nperson,a\"b,\n",
            "list,text,value\nexample,\"two\nlines\",\n",
            "list,text,value\r\nperson,a,\r\n",
            "list,text,value\nexample,\"a\"b,\n",
        ] {
            assert!(plain_records(text).is_none(), "{text}");
            assert_eq!(records(text), csv_records(text));
        }
    }

    fn errors_of(text: &str) -> Vec<(u64, String)> {
        let spec = FILES.iter().find(|f| f.name == "casualties");
        let rules = Rules::empty();
        match parse("c.csv", text, spec, &rules) {
            Ok(_) => Vec::new(),
            Err(e) => e.0.into_iter().map(|e| (e.line, e.message)).collect(),
        }
    }

    #[test]
    fn the_compiled_in_rules_load() {
        let rules = Rules::builtin();
        assert!(rules.entry_count() > 100);
        assert!(!rules.examples().is_empty());
        for spec in FILES {
            for l in spec.lists {
                assert!(!rules.list(l.name).is_empty(), "{} is empty", l.name);
            }
        }
    }

    #[test]
    fn list_names_are_unique_across_files() {
        let mut names: Vec<&str> = FILES.iter().flat_map(|f| f.lists).map(|l| l.name).collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all);
    }

    #[test]
    fn entries_are_folded_as_the_text_is() {
        let rules = Rules::builtin();
        for (list, written, folded) in [
            ("person", "قائد", "قايد"),
            ("person", "سائق", "سايق"),
            ("not_people", "رؤوس", "رووس"),
            ("vague", "مئات", "ميات"),
        ] {
            assert!(
                rules.list(list).iter().any(|e| e.text == written),
                "{written}"
            );
            assert!(rules.has(list, folded), "{written} as {folded}");
        }
    }

    #[test]
    fn bad_rows_are_rejected_with_their_line() {
        let text = "list,text,value\n\
                    killed_word,قتل,\n\
                    killed_word,قَتل,\n\
                    killed_word,,\n\
                    dead_word,قتل,\n\
                    killed_word,\u{64b},\n\
                    killed_word,لقي حتفه,\n\
                    vague,عشرات,many\n\
                    dual_casualty,قتيلان,dead\n\
                    killed_word,قتلى*,\n\
                    example,قتل عنصر.,killed=1;dead=1\n\
                    example,قتل عنصر.,\n\
                    killed_word,a\n";
        let errors = errors_of(text);
        let lines: Vec<u64> = errors.iter().map(|e| e.0).collect();
        assert_eq!(lines, (3..=13).collect::<Vec<u64>>(), "{errors:?}");
        assert!(errors[0].1.contains("listed already"), "{errors:?}");
        assert!(
            errors[2].1.contains("unknown list «dead_word»"),
            "{errors:?}"
        );
        assert!(errors[3].1.contains("can never match"), "{errors:?}");
        assert!(errors[4].1.contains("several words"), "{errors:?}");
        assert!(errors[5].1.contains("whole number"), "{errors:?}");
        assert!(errors[6].1.contains("one of killed"), "{errors:?}");
        assert!(errors[8].1.contains("unknown key «dead»"), "{errors:?}");
    }

    #[test]
    fn date_rows_are_checked_against_their_list() {
        let spec = FILES.iter().find(|f| f.name == "dates");
        let text = "list,text,value\n\
                    weekday,الأحد,sun\n\
                    weekday,الجمعة,friday\n\
                    month,تموز,july\n\
                    month_two_words,تشرين الثاني*,11\n\
                    relative_day,أمس*,1\n\
                    period_word,الأسبوع,year\n\
                    month,تشرين الأول,10\n";
        let err = parse("d.csv", text, spec, &Rules::empty()).err().unwrap();
        let got: Vec<(u64, &str)> = err.0.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(got.len(), 6, "{got:?}");
        assert!(got[0].1.contains("one of sun, mon"), "{got:?}");
        assert!(got[1].1.contains("whole number"), "{got:?}");
        assert!(got[2].1.contains("whole words and takes no *"), "{got:?}");
        assert!(got[3].1.contains("whole words and takes no *"), "{got:?}");
        assert!(got[4].1.contains("one of week, month"), "{got:?}");
        assert!(got[5].1.contains("several words"), "{got:?}");
        assert_eq!(
            got.iter().map(|e| e.0).collect::<Vec<_>>(),
            (3..=8).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_file_and_line_are_named() {
        let spec = FILES.iter().find(|f| f.name == "casualties");
        let err = parse(
            "rules/c.csv",
            "list,text,value\nkilled_word,,\n",
            spec,
            &Rules::empty(),
        )
        .err()
        .unwrap();
        assert_eq!(err.to_string(), "rules/c.csv:2: the text is empty");
    }

    #[test]
    fn an_extra_file_adds_to_any_list_but_not_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.csv");
        std::fs::write(
            &path,
            "list,text,value\nkilled_word,نفق,\ntarget,صهريج,tanker\n",
        )
        .unwrap();
        let rules = Rules::builtin().clone().with_extra(&path).unwrap();
        assert!(rules.has("killed_word", "نفق"));
        assert!(rules.list("target").iter().any(|e| e.value == "tanker"));
        std::fs::write(&path, "list,text,value\nkilled_word,قُتل,\n").unwrap();
        let err = Rules::builtin().clone().with_extra(&path).unwrap_err();
        assert!(
            err.to_string()
                .contains("mine.csv:2: «قُتل» is listed already"),
            "{err}"
        );
    }

    #[test]
    fn a_folder_must_hold_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = Rules::from_dir(dir.path()).unwrap_err();
        assert_eq!(err.0.len(), FILES.len());
        assert!(err.0[0]
            .to_string()
            .contains("casualties.csv:0: cannot read"));
    }

    #[test]
    fn word_sets_short_and_long_answer_alike() {
        // Words of different lengths and last letters, with and without clitics.
        let words = [
            "مدينه",
            "قريه",
            "ريف",
            "حي",
            "بلده",
            "مخيم",
            "باديه",
            "ناحيه",
            "منطقه",
        ];
        let short = WordSet::from_words(words.iter().copied());
        let many: Vec<String> = (0..SCANNED).map(|k| format!("كلمه{k}")).collect();
        let long =
            WordSet::from_words(words.iter().copied().chain(many.iter().map(String::as_str)));
        for set in [&short, &long] {
            for w in words {
                assert!(set.contains(w), "{w}");
            }
            // Same last letter, or same length, as an entry: still no entry.
            for w in ["مدين", "قريب", "ريفي", "حيه", "", "بلدات"] {
                assert!(!set.contains(w), "{w}");
            }
            assert_eq!(set.core_of("وبالقريه"), Some("قريه"));
            assert!(set.has_word("للمخيم") && !set.has_word("المخيمات"));
            assert!(set.has_unarticled("وبمدينه") && !set.has_unarticled("المدينه"));
        }
    }

    #[test]
    fn a_sieve_lets_every_word_of_its_set_through() {
        let words = ["مدينه", "حي", "x", "", "7", "ريف"];
        let sieve = Sieve::of(words);
        for w in words {
            assert!(sieve.may_hold(w), "{w}");
        }
        // Another first letter, another last letter, a length no word has.
        for w in ["قدينه", "مدينة", "بلدات", "y"] {
            assert!(!sieve.may_hold(w), "{w}");
        }
        assert!(!Sieve::default().may_hold(""));
        // The words' clitic forms end as they do.
        assert!(sieve.may_end("والمدينه") && sieve.may_end("بريف"));
        assert!(!sieve.may_end("مدينة") && !Sieve::default().may_end("ريف"));
        assert!(!Sieve::of(Vec::new()).may_hold("حي"));
    }
}
