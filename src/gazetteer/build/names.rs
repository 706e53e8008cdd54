//! Sorting the spellings a source gives into the gazetteer's name columns: Arabic-script names
//! and Latin names are told apart by script, machine transliterations and short codes are
//! dropped, and duplicates are removed while the sources' order is kept.

use crate::normalize::is_arabic_letter;

/// True for a name written in Arabic script only (no Latin letters).
pub fn is_arabic(name: &str) -> bool {
    name.chars().any(is_arabic_letter) && !name.chars().any(is_latin_letter)
}

/// True for a letter of the Latin script, with or without diacritics (`Ḩ` included).
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && matches!(c as u32, 0..=0x024F | 0x1E00..=0x1EFF)
}

/// True for a Latin spelling worth keeping: not a machine transliteration written all in
/// lower case (`alskhnt`) and not a 2–4-letter code (`SY`, `SYR`).
pub fn is_useful_latin(name: &str) -> bool {
    if !name.chars().any(is_latin_letter) || name.chars().any(is_arabic_letter) {
        return false;
    }
    let all_lower = !name.chars().any(char::is_uppercase);
    let len = name.chars().count();
    let code = (2..=4).contains(&len)
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    !all_lower && !code
}

/// Trims a name, collapses inner whitespace and removes the list separator `|`.
pub fn clean(name: &str) -> String {
    name.replace('|', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An ordered list of alternative names without duplicates and without the main name.
#[derive(Debug, Default)]
pub struct NameList {
    main: String,
    names: Vec<String>,
}

impl NameList {
    /// A list for the place whose main Arabic name is `main`.
    pub fn new(main: &str) -> NameList {
        NameList {
            main: clean(main),
            names: Vec::new(),
        }
    }

    /// Adds `name` unless it is empty, the main name, or already listed.
    pub fn push(&mut self, name: &str) {
        let name = clean(name);
        if name.is_empty() || name == self.main || self.names.contains(&name) {
            return;
        }
        self.names.push(name);
    }

    /// Adds every name.
    pub fn extend<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for n in names {
            self.push(n);
        }
    }

    /// The collected names.
    pub fn into_vec(self) -> Vec<String> {
        self.names
    }
}

/// Adds `extra` names to `existing` (a place whose main name is `main`), keeping the order
/// and skipping duplicates.
pub fn merge_names(main: &str, existing: &mut Vec<String>, extra: &[String]) {
    let mut list = NameList::new(main);
    list.extend(existing.iter().map(String::as_str));
    list.extend(extra.iter().map(String::as_str));
    *existing = list.into_vec();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_told_apart() {
        assert!(is_arabic("أثريا"));
        assert!(is_arabic("دير الزور"));
        assert!(!is_arabic("Athrīyā"));
        assert!(!is_arabic("ڕەqqە"));
        assert!(!is_arabic("12"));
    }

    #[test]
    fn machine_transliterations_and_codes_are_dropped() {
        assert!(is_useful_latin("Athrīyā"));
        assert!(is_useful_latin("As Sukhnah"));
        assert!(is_useful_latin("Raka"));
        assert!(!is_useful_latin("alskhnt"));
        assert!(!is_useful_latin("nahyt mrkz alhskt"));
        assert!(!is_useful_latin("SY"));
        assert!(!is_useful_latin("SYR"));
        assert!(!is_useful_latin("أثريا"));
    }

    #[test]
    fn name_list_skips_main_name_and_duplicates() {
        let mut list = NameList::new("أثريا");
        list.extend(["أثريا", "إثريا", " إثريا ", "Ithriya", "", "a|b"]);
        assert_eq!(list.into_vec(), vec!["إثريا", "Ithriya", "a b"]);
    }
}
