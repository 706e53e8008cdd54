//! The laws the pipeline keeps on any input, written once and checked by the property tests
//! (`tests/properties.rs`) and the fuzz targets (`fuzz/fuzz_targets/`). Each check panics with
//! the broken law and the input that broke it.
#![allow(dead_code)]

use badia::error::Diagnostic;
use badia::gazetteer::RowError;
use badia::ingest::{Ingested, MAX_ARTICLE_BYTES};
use badia::model::{Article, Event, Location, Mention, Place, PlaceKind};
use badia::normalize::{fold, fold_with_offsets};
use badia::pipeline::Extractor;
use badia::resolve;

/// Folding is idempotent: the folded text is a fixed point of folding.
pub fn fold_is_idempotent(text: &str) {
    let once = fold(text);
    let twice = fold(&once);
    assert_eq!(twice, once, "folding twice changed {text:?}");
}

/// A sentence's folding cut out of the whole text's folding is the sentence folded alone.
pub fn sentence_slices_fold_alike(text: &str) {
    let whole = fold_with_offsets(text);
    for r in badia::events::sentences(text) {
        let alone = fold_with_offsets(&text[r.clone()]);
        assert_eq!(whole.slice(r.clone()), alone, "{text:?}: sentence {r:?}");
    }
}

/// Every folded byte maps to a character boundary of the original, in order, and the end of
/// every folded range maps to a boundary at or after its start.
pub fn fold_offsets_point_into(text: &str) {
    let f = fold_with_offsets(text);
    let mut last = 0;
    for i in 0..=f.text.len() {
        let at = f.original_start(i);
        assert!(
            at <= text.len(),
            "{text:?}: folded byte {i} maps past the end"
        );
        assert!(
            text.is_char_boundary(at),
            "{text:?}: folded byte {i} maps inside a character"
        );
        assert!(
            at >= last,
            "{text:?}: folded byte {i} maps before byte {}",
            i - 1
        );
        last = at;
    }
    for (i, c) in f.text.char_indices() {
        let end = f.original_end(i + c.len_utf8(), text);
        assert!(
            end <= text.len() && text.is_char_boundary(end),
            "{text:?}: end of {i}"
        );
        assert!(
            end > f.original_start(i),
            "{text:?}: folded {c:?} at {i} maps to nothing"
        );
    }
    assert!(
        !f.text.starts_with(' ') && !f.text.ends_with(' ') && !f.text.contains("  "),
        "{text:?}: spaces not collapsed: {:?}",
        f.text
    );
}

/// What ingest makes of one input: bounded articles from that input, diagnostics naming it
/// (with a real line number when they have one).
pub fn ingested_is_sound(name: &str, got: &Ingested) {
    for a in &got.articles {
        assert!(
            a.text.len() <= MAX_ARTICLE_BYTES,
            "article over the size limit"
        );
        assert_eq!(a.origin, name);
        assert!(!a.id.is_empty(), "article without an id");
    }
    for d in &got.diagnostics {
        diagnostic_names(d, name);
    }
}

/// A diagnostic names the file, and a line from 1 on.
pub fn diagnostic_names(d: &Diagnostic, name: &str) {
    assert_eq!(d.file, name, "{d}");
    assert!(d.line.is_none_or(|l| l >= 1), "line 0: {d}");
    assert!(!d.message.is_empty(), "{d}");
}

/// Gazetteer rows that loaded are usable places; rows that did not are named by their line,
/// from 1 on (a lone carriage return ends a record but, as the CSV reader counts lines, not a
/// line: a record after one can share line 1 with the header).
pub fn gazetteer_rows_are_sound(places: &[Place], errors: &[RowError]) {
    for p in places {
        assert!(!p.id.is_empty() && !p.name_ar.is_empty(), "{p:?}");
        if p.kind != PlaceKind::Road {
            assert!(p.lat.is_finite() && p.lon.is_finite(), "{p:?}");
        }
    }
    for e in errors {
        assert!(e.line >= 1, "{e:?}");
    }
}

/// Runs the whole pipeline on one article and checks every offset and every event.
pub fn extraction_is_sound(extractor: &Extractor, article: &Article) -> Vec<Event> {
    let text = article.text.as_str();
    let folded = fold_with_offsets(text);
    let mentions = extractor.matcher.find(text, &folded);
    for m in &mentions {
        mention_points_into(text, m);
    }
    let locations = resolve::resolve(&extractor.gazetteer, text, &folded, &mentions);
    for l in &locations {
        location_points_into(text, l);
    }
    let events = extractor.article_events(article);
    for e in &events {
        event_is_sound(article, e);
    }
    events
}

fn in_text(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

fn mention_points_into(text: &str, m: &Mention<'_>) {
    assert!(in_text(text, m.start, m.end), "{text:?}: mention {m:?}");
    assert_eq!(m.surface, &text[m.start..m.end], "{text:?}: mention {m:?}");
    assert!(m.start < m.end, "{text:?}: empty mention {m:?}");
}

fn location_points_into(text: &str, l: &Location) {
    assert!(in_text(text, l.start, l.end), "{text:?}: location {l:?}");
    assert!(
        !l.coords.is_empty(),
        "{text:?}: location without coordinates {l:?}"
    );
}

/// An event has a place with finite coordinates and evidence that is a slice of its article.
pub fn event_is_sound(article: &Article, e: &Event) {
    let text = article.text.as_str();
    assert!(
        !e.gazetteer_id.is_empty(),
        "{text:?}: event without a place: {e:?}"
    );
    assert!(
        !e.location.is_empty() || !e.location_ar.is_empty(),
        "{text:?}: {e:?}"
    );
    assert!(
        !e.coords.is_empty(),
        "{text:?}: event without coordinates: {e:?}"
    );
    for c in &e.coords {
        assert!(
            c[0].is_finite() && c[1].is_finite(),
            "{text:?}: coordinate {c:?}"
        );
        assert!(
            (-180.0..=180.0).contains(&c[0]) && (-90.0..=90.0).contains(&c[1]),
            "{c:?}"
        );
    }
    assert!(
        !e.evidence.is_empty(),
        "{text:?}: event without evidence: {e:?}"
    );
    for ev in &e.evidence {
        assert_eq!(ev.article_id, article.id);
        assert!(in_text(text, ev.start, ev.end), "{text:?}: evidence {ev:?}");
        assert_eq!(ev.text, text[ev.start..ev.end], "{text:?}: evidence {ev:?}");
    }
    assert!(
        (0.0..=1.0).contains(&e.confidence),
        "{text:?}: confidence {}",
        e.confidence
    );
}

/// Words and marks of incident reports: places, place words, events, actors, numbers, dates,
/// punctuation, and characters folding treats specially.
pub const TOKENS: [&str; 128] = [
    "تدمر",
    "السخنة",
    "دير الزور",
    "الميادين",
    "البوكمال",
    "حمص",
    "حماة",
    "الرقة",
    "الصالحية",
    "أثريا",
    "الشولا",
    "كباجب",
    "الرصافة",
    "القريتين",
    "التنف",
    "حقل التيم",
    "الطيبة",
    "معدان",
    "السلمية",
    "عقيربات",
    "الرصافة",
    "جبل البشري",
    "مطار التيفور",
    "المحطة الثالثة",
    "ريف",
    "بادية",
    "البادية السورية",
    "جنوب",
    "شمال",
    "شرق",
    "غرب",
    "الشرقي",
    "الغربي",
    "الجنوبي",
    "الشمالي",
    "طريق",
    "مثلث",
    "منطقة",
    "قرب",
    "محيط",
    "أطراف",
    "مدينة",
    "بلدة",
    "قرية",
    "محافظة",
    "مطار",
    "حقل",
    "مستشفى",
    "إلى",
    "من",
    "في",
    "على",
    "بين",
    "و",
    "ب",
    "ل",
    "قتل",
    "مقتل",
    "أصيب",
    "إصابة",
    "هجوم",
    "اشتباكات",
    "غارة",
    "غارات جوية",
    "الطائرات الحربية",
    "لغم",
    "انفجار",
    "عبوة ناسفة",
    "كمين",
    "استهدف",
    "قصف",
    "نقل",
    "داعش",
    "تنظيم الدولة",
    "خلايا",
    "قوات النظام",
    "قسد",
    "الميليشيات الإيرانية",
    "القوات الروسية",
    "الفرقة الرابعة",
    "عنصر",
    "عناصر",
    "عنصراً",
    "مدنيين",
    "شخصين",
    "رعاة",
    "جثث",
    "أكثر من",
    "17",
    "١٧",
    "3",
    "ثلاثة",
    "عشرة",
    "خمسة عشر",
    "20",
    "مئة",
    "اليوم",
    "أمس",
    "الثلاثاء",
    "الأحد",
    "3 تشرين الأول 2020",
    "2020-10-03",
    "فجر",
    "منذ يومين",
    ".",
    "،",
    "\n",
    "\n\n",
    "؟",
    "«",
    "»",
    "-",
    "–",
    "ـ",
    "\u{064e}",
    "\u{200d}",
    "\u{feff}",
    "ﻻ",
    "ال",
    ":",
    "URL: https://example.org/1\n",
    "DATE: 2020-10-06\n",
    "(",
    ")",
    "\"",
    "&amp;",
    "x",
    "بجروح",
];

/// Sentences from token bytes: each byte picks a word; the high bit glues it to the last one
/// (clitics, digits run into words).
pub fn sentence(bytes: &[u8]) -> String {
    let mut text = String::new();
    for &b in bytes {
        if b & 0x80 == 0 && !text.is_empty() {
            text.push(' ');
        }
        text.push_str(TOKENS[usize::from(b & 0x7f)]);
    }
    text
}
