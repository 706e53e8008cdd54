//! Property tests: the laws of `tests/laws` (the same ones the fuzz targets check) on generated
//! inputs. Folding is idempotent and maps back onto character boundaries, and a sentence cut
//! out of an article's folding is folded as if alone; the readers never
//! panic and name every problem by file and line; gazetteer rows that load are usable places;
//! extraction keeps every offset inside its article and never gives an event without a place.

use std::sync::OnceLock;

use proptest::prelude::*;

use badia::gazetteer::{check, parse_csv, Gazetteer, COLUMNS};
use badia::ingest::{from_text, read_buffer, Ingested};
use badia::pipeline::Extractor;

mod laws;

/// Characters folding treats specially, beside plain Arabic and Latin: every alef form,
/// diacritics, tatweel, presentation forms and ligatures NFKC expands, both digit sets,
/// direction marks, and Latin letters with odd case mappings.
const SPECIAL: &[char] = &[
    'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ى', 'ی', 'ة', 'ۃ', 'ؤ', 'ئ', 'ء', 'ک', 'ڤ', 'گ', '\u{0640}',
    '\u{064B}', '\u{064E}', '\u{0651}', '\u{0652}', '\u{0670}', '\u{0610}', '\u{06D6}', 'ﻻ', 'ﺍ',
    'ﷲ', 'ﷺ', '١', '٧', '۲', '\u{200B}', '\u{200D}', '\u{200F}', '\u{202B}', '\u{2067}',
    '\u{FEFF}', 'İ', 'ß', 'ẞ', 'ǅ', 'ﬁ', 'K', 'Ω', '²', '½', '\u{0301}', '،', '؛', '؟', '«', ' ',
    '\n', '\t', '-', '.', '\u{a0}', '\u{3000}', '\u{FFFD}',
];

/// Text that mixes Arabic letters, the special characters and anything else.
fn arabic_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => proptest::char::range('\u{0621}', '\u{064A}'),
        3 => proptest::sample::select(SPECIAL),
        1 => proptest::char::range('\u{FB50}', '\u{FEFC}'),
        1 => any::<char>(),
        1 => proptest::char::range('a', 'z'),
    ];
    proptest::collection::vec(ch, 0..80).prop_map(|cs| cs.into_iter().collect())
}

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Gazetteer::load_default().unwrap().0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn folding_twice_changes_nothing(text in arabic_text()) {
        laws::fold_is_idempotent(&text);
    }

    #[test]
    fn folding_twice_changes_nothing_on_any_string(text in any::<String>()) {
        laws::fold_is_idempotent(&text);
    }

    #[test]
    fn folded_offsets_point_at_character_boundaries(text in arabic_text()) {
        laws::fold_offsets_point_into(&text);
    }

    #[test]
    fn sentences_cut_out_of_the_folding_fold_alike(text in arabic_text()) {
        laws::sentence_slices_fold_alike(&text);
    }
}

/// Bytes that look like one of the input formats, broken in places.
fn input_bytes() -> impl Strategy<Value = (usize, Vec<u8>)> {
    let piece = prop_oneof![
        Just(b"{\"id\": \"a\", \"text\": \"".to_vec()),
        Just(b"\"}\n".to_vec()),
        Just(b"id,text,url,published\n".to_vec()),
        Just(b",\"".to_vec()),
        Just(b"<p>".to_vec()),
        Just(b"<script>".to_vec()),
        Just(b"&#x62A;&amp;".to_vec()),
        Just(b"URL: https://example.org/1\nDATE: 2020-10-06\n\n".to_vec()),
        Just("قتل 3 عناصر في تدمر. ".as_bytes().to_vec()),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0xD8]),
        proptest::collection::vec(any::<u8>(), 0..16),
    ];
    (
        0..5usize,
        proptest::collection::vec(piece, 0..12).prop_map(|ps| ps.concat()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn readers_name_every_problem((pick, bytes) in input_bytes()) {
        let name = ["in.txt", "in.html", "in.jsonl", "in.csv", "in"][pick];
        let mut got = Ingested::default();
        read_buffer(name, &bytes, &mut got);
        laws::ingested_is_sound(name, &got);
    }
}

/// Gazetteer rows with good and bad fields, as a hand-edited file has them.
fn gazetteer_csv() -> impl Strategy<Value = String> {
    let field = |good: &'static [&'static str]| {
        prop_oneof![
            3 => proptest::sample::select(good).prop_map(str::to_string),
            1 => "[ -~]{0,6}",
        ]
    };
    let row = (
        field(&["x:1", "x:2", "x:3", ""]),
        field(&["تدمر", "السخنة", "الصالحية", ""]),
        field(&["34.55", "-91", "90", "NaN", "1e400", "", "34,5"]),
        field(&["38.27", "181", "-180", "inf", "", "38.2.7"]),
        field(&["town", "road", "governorate", "village", "castle"]),
        field(&["x:1|x:2", "x:9", ""]),
        0..3usize,
    )
        .prop_map(|(id, name, lat, lon, kind, ends, cut)| {
            let mut cells = vec![
                id,
                name,
                "Name".into(),
                String::new(),
                lat,
                lon,
                kind,
                "Homs".into(),
                String::new(),
                "12".into(),
                ends,
                "test".into(),
            ];
            // A row missing its last columns, as a hand edit leaves it.
            cells.truncate(cells.len() - cut * 3);
            cells
                .iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(",")
        });
    proptest::collection::vec(row, 0..8)
        .prop_map(|rows| format!("{}\n{}\n", COLUMNS.join(","), rows.join("\n")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn gazetteer_rows_that_load_are_places(csv in gazetteer_csv()) {
        let report = check::check_csv(csv.as_bytes(), "g.csv").unwrap();
        for d in report.errors.iter().chain(&report.warnings) {
            laws::diagnostic_names(d, "g.csv");
        }
        let (places, errors) = parse_csv(csv.as_bytes()).unwrap();
        laws::gazetteer_rows_are_sound(&places, &errors);
        // Every row the loader refuses, the checker calls an error too.
        for e in &errors {
            prop_assert!(
                report.errors.iter().any(|d| d.line == Some(e.line)),
                "loader refused line {} ({}) but check passed it", e.line, e.message
            );
        }
        let text: String = places
            .iter()
            .map(|p| format!("قتل 3 عناصر بهجوم لداعش في ريف {} الشرقي.\n", p.name_ar))
            .collect();
        let extractor = Extractor::new(Gazetteer::new(places));
        let article = from_text("g.txt", "g.txt", &text);
        laws::extraction_is_sound(&extractor, &article);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn extraction_keeps_offsets_inside_and_places_on_events(
        tokens in proptest::collection::vec(any::<u8>(), 0..60)
    ) {
        let article = from_text("t.txt", "t.txt", &laws::sentence(&tokens));
        laws::extraction_is_sound(extractor(), &article);
    }

    #[test]
    fn extraction_survives_any_text(text in arabic_text()) {
        let article = from_text("t.txt", "t.txt", &text);
        laws::extraction_is_sound(extractor(), &article);
    }
}
