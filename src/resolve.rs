//! Resolve: toponym [`Mention`]s in, [`Location`]s out. Each mention becomes one place with a
//! geometry, an ACLED geo precision and the reasons for the choice. The words around a name
//! decide what it means:
//!
//! | phrase (folded)                       | geometry                                     | precision |
//! |---------------------------------------|----------------------------------------------|-----------|
//! | `X` (town, village, site)             | X                                            | 1         |
//! | `منطقة X`, `قرب/محيط/أطراف X`          | X                                            | 2         |
//! | `ريف/بادية X`, `جنوب/شرق… X` (a town)  | X                                            | 2         |
//! | `ريف/بادية X [الشرقي…]` (a governorate or its seat) | the governorate's sub-area in that direction, else its centroid | 3 |
//! | `ريفي/أرياف X وY` (several countrysides) | X and Y each read as `ريف X`, `ريف Y`      | 2–3       |
//! | `محافظة X`, a governorate alone       | the governorate's centroid                   | 3         |
//! | `طريق X – Y`                           | LineString X → Y                             | 2         |
//! | `مثلث X – Y – Z`                       | the mean of the three governorates           | 3         |
//!
//! Same-name places are told apart by a score: the phrase's own qualifier ("بريف البوكمال"
//! sends الصالحية to the one near al-Bukamal), the distance to the other places the article
//! names (nearest neighbour in an R-tree of those anchors), the kind and size of the place,
//! and a preference for the Badia (east of 37°E). The reasons are kept with the result. A
//! qualifier also rules places out: one in another governorate and over 150 km from every
//! place the qualifier may be is not the X of "X بريف Y" ("قرية الحمرات بريف الرقة" names a
//! village the gazetteer lacks, not the Hamrat of Latakia), and the phrase is left to Y.
//! A desert qualifier ("X في بادية حمص", the `desert_word` list) speaks only for places in the
//! Badia: the same-name village in the farmland round Homs city gets nothing from it. A
//! bearing from the qualifier ("حميمة جنوب شرقي تدمر") speaks for the same-name place lying
//! that way from it, within 200 km.

use std::sync::LazyLock;

use crate::gazetteer::{FastMap, Gazetteer};
use crate::geodesy::{distance_km, lies_towards};
use crate::model::{Direction, Location, Mention, PlaceIdx, PlaceKind, Shape};
use crate::normalize::Folded;
use rstar::RTree;
use smallvec::SmallVec;

use crate::clitics::{cores, ARTICLE};
use crate::rules::{self, WordSet};

/// Governorate seats and governorates are one name for two things; this tells which rows are
/// governorates and which places stand for them.
pub fn governorate_of(gaz: &Gazetteer, p: PlaceIdx) -> Option<PlaceIdx> {
    let place = gaz.place(p);
    if place.kind == PlaceKind::Governorate {
        return Some(p);
    }
    if place.kind != PlaceKind::City || place.admin1.is_empty() {
        return None;
    }
    gaz.lookup(&place.name_ar).iter().copied().find(|&g| {
        let gp = gaz.place(g);
        gp.kind == PlaceKind::Governorate && gp.admin1 == place.admin1
    })
}

/// A folded word with its byte range.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// The words of `t` between its spaces (empty ones too). Words are short: each end is found
/// by a plain scan rather than a search.
fn words(t: &str) -> Vec<Word<'_>> {
    let bytes = t.as_bytes();
    let mut out = Vec::with_capacity(t.len() / 6 + 1);
    let mut start = 0;
    loop {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(t.len(), |i| start + i);
        out.push(Word {
            text: &t[start..end],
            start,
            end,
        });
        if end == t.len() {
            return out;
        }
        start = end + 1;
    }
}

// The words of the phrase around a name are lists of `data/rules/places.csv`.
static REGION_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("region_word"));
static NEAR_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("near_word"));
static ROAD_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("road_word"));
static JUNCTION_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("junction_word"));
static ROAD_LINKS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("road_link"));
static ROAD_ADJECTIVES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("road_adjective"));
/// Dual and plural place nouns (`dual_place_noun`): «بين بلدتي درنج والكشكية».
static DUAL_PLACE_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("dual_place_noun"));
static DISTANCE_UNITS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("distance_unit"));
static TOWARD: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("toward"));
static THROUGH: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("through"));
static PLACE_GLUE: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("place_glue"));
static COUNTRYSIDES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("countrysides_word"));
static DESERT_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("desert_word"));
/// Villages reports name bare, with no «قرية» (`standalone_place`): neither unsupported
/// hamlets nor a bare name that gives way to another place of the sentence.
static STANDALONE: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("standalone_place"));
/// Words after which a village of `standalone_place` stands bare as a place («في أثريا»,
/// «قرب الشولا»): `standalone_after`. After anything else it may be a family name
/// («الناشط أحمد الشولا»).
static STANDALONE_AFTER: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("standalone_after"));

/// Whether the mention at `fstart`, whose first word is word `first` of `ws`, stands where
/// a place does: a clitic preposition joined to it («بالشولا», «والشولا» in a list) or a
/// word of `standalone_after` before it.
fn stands_as_place(ws: &[Word], first: usize, fstart: usize) -> bool {
    ws[first].start < fstart
        || first
            .checked_sub(1)
            .is_some_and(|i| STANDALONE_AFTER.contains(ws[i].text))
}

/// The kind of place a type word before a name asks for ("مدينة X", "ناحية X").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceNoun {
    City,
    Settlement,
    Governorate,
    Subdistrict,
    Neighbourhood,
    Camp,
}

/// The type words (`type_word`), folded, with the kind each asks for.
static TYPE_WORDS: LazyLock<FastMap<String, PlaceNoun>> = LazyLock::new(|| {
    rules::active()
        .list("type_word")
        .iter()
        .map(|e| {
            let noun = match e.value.as_str() {
                "city" => PlaceNoun::City,
                "settlement" => PlaceNoun::Settlement,
                "governorate" => PlaceNoun::Governorate,
                "subdistrict" => PlaceNoun::Subdistrict,
                "neighbourhood" => PlaceNoun::Neighbourhood,
                _ => PlaceNoun::Camp,
            };
            (e.folded.clone(), noun)
        })
        .collect()
});

/// The type word `word` is, with or without its clitics.
fn type_word_of(word: &str) -> Option<PlaceNoun> {
    cores(word).find_map(|c| TYPE_WORDS.get(c).copied())
}

/// Whether a phrase as written has a type word for a city ("مدينة دير الزور").
pub(crate) fn names_a_city(phrase: &str) -> bool {
    crate::normalize::fold(phrase)
        .split(' ')
        .any(|w| type_word_of(w) == Some(PlaceNoun::City))
}

/// Whether a folded word is a type word of a place no wider than a town ("بلدة", "قرية",
/// "حي", "مخيم"; clitics allowed).
pub(crate) fn is_small_place_word(word: &str) -> bool {
    matches!(
        type_word_of(word),
        Some(PlaceNoun::Settlement | PlaceNoun::Neighbourhood | PlaceNoun::Camp)
    )
}

/// The compass words (`direction`), folded, with their direction.
static DIRECTIONS: LazyLock<FastMap<String, Direction>> = LazyLock::new(|| {
    rules::active()
        .list("direction")
        .iter()
        .map(|e| {
            let d = match e.value.as_str() {
                "n" => Direction::N,
                "e" => Direction::E,
                "s" => Direction::S,
                _ => Direction::W,
            };
            (e.folded.clone(), d)
        })
        .collect()
});

/// The direction of a compass word or its adjective behind any clitic chain («بالشمال»,
/// «وللشرق»: the word past each chain, [`cores`]).
pub(crate) fn compass_word(w: &str) -> Option<Direction> {
    cores(w).find_map(direction_word)
}

/// The direction of a compass word or its adjective, with or without the article: the
/// adjective's endings (شرقي، الشرقية: ي and ه once folded) are grammar, read here.
fn direction_word(w: &str) -> Option<Direction> {
    let w = w.strip_prefix(ARTICLE).unwrap_or(w);
    let w = w.strip_suffix('ه').unwrap_or(w);
    let w = w.strip_suffix('ي').unwrap_or(w);
    DIRECTIONS.get(w).copied()
}

fn combine(a: Direction, b: Direction) -> Direction {
    use Direction::*;
    match (a, b) {
        (N, E) | (E, N) => NE,
        (N, W) | (W, N) => NW,
        (S, E) | (E, S) => SE,
        (S, W) | (W, S) => SW,
        (x, _) => x,
    }
}

/// The phrase around one mention, read from the words before and after it.
#[derive(Debug, Clone, Copy)]
struct Phrase {
    shape: Shape,
    /// A type word before the name (مدينة، محافظة …).
    type_word: Option<PlaceNoun>,
    /// Start of the phrase in folded text (the first word that belongs to it).
    fstart: usize,
    /// End of the phrase (after a trailing direction adjective).
    fend: usize,
    /// The distance a relative position gives ("على بعد 25 كم شمال غرب X"), in km.
    km: Option<f64>,
    /// The direction is a bearing written before the name ("جنوب شرق X", "إلى الشرق من X"),
    /// not a countryside's side ("بادية X الشرقية").
    bearing: bool,
    /// Near the first of two places named after «بين» ([`between_two`]): where the phrase
    /// starts without «بين».
    between: Option<usize>,
}

fn read_phrase(ws: &[Word<'_>], first: usize, last: usize) -> Phrase {
    let mut fstart = ws[first].start;
    let mut type_word = None;
    let mut i = first;
    // The mention may start inside a word after clitics: the type word is the previous word.
    if i > 0 {
        if let Some(tw) = type_word_of(ws[i - 1].text) {
            type_word = Some(tw);
            i -= 1;
            fstart = ws[i].start;
        }
    }
    let before = |k: usize| (k > 0).then(|| ws[k - 1].text);
    let mut shape = Shape::Point;
    let mut km = None;
    let mut bearing = false;
    let mut between = None;
    if let Some(w) = before(i) {
        // "بادية تدمر": the region word is in construct with the name, so without the
        // article: "المنتشرين في البادية قرية الكوم" names the Badia, then the village.
        if REGION_WORDS.has_unarticled(w) {
            shape = Shape::Region(None);
            fstart = ws[i - 1].start;
        } else if NEAR_WORDS.has_word(w) {
            shape = Shape::Near;
            fstart = ws[i - 1].start;
        } else if ROAD_WORDS.has_word(w) {
            shape = Shape::Road;
            fstart = ws[i - 1].start;
        } else if let Some(k) = road_before_adjective(ws, i - 1) {
            // "الطريق الدولي دير الزور – دمشق": the road word, its adjective, then the ends.
            shape = Shape::Road;
            fstart = ws[k].start;
        } else if JUNCTION_WORDS.has_word(w) {
            shape = Shape::Triangle;
            fstart = ws[i - 1].start;
        } else if let Some(d) = compass_word(w) {
            // "جنوب غرب X", "جنوب X"
            let mut dir = d;
            let mut k = i - 1;
            if let Some(d0) = before(k).and_then(compass_word) {
                dir = combine(d0, d);
                k -= 1;
            }
            shape = Shape::Region(Some(dir));
            bearing = true;
            fstart = ws[k].start;
            if let Some((d, at)) = distance_before(ws, k) {
                km = Some(d);
                fstart = ws[at].start;
            }
        } else if let Some((d, at)) = distance_from(ws, i - 1) {
            // "على بعد 25 كم من X": near X, in no stated direction.
            shape = Shape::Near;
            fstart = ws[at].start;
            km = Some(d);
        } else if let Some((dir, k)) = direction_of(ws, i - 1) {
            // "30 كم إلى الشرق من X", "إلى الجنوب الغربي من X"
            shape = Shape::Region(Some(dir));
            bearing = true;
            fstart = ws[k].start;
            if let Some((d, at)) = distance_before(ws, k) {
                km = Some(d);
                fstart = ws[at].start;
            }
        } else if cores(w).any(|c| c == "بين") && road_between(ws, i - 1) {
            // "الطريق الواصل بين مدينتي السخنة وتدمر": the road through both. «بين» is the
            // grammar of a stretch between two ends, not a word list.
            shape = Shape::Road;
            fstart = ws[i - 1].start;
        } else if let Some(k) = between_two(ws, i, last) {
            // "باشتباكات بين درنج والكشكية", "بين بلدتي درنج والكشكية": no road named, the
            // incident was between the two: near the first (the second is only the other
            // end, its own mention). Not between governorates ([`resolve`]).
            between = Some(fstart);
            shape = Shape::Near;
            fstart = ws[k].start;
        }
    }
    let mut fend = ws[last].end;
    if let Shape::Region(None) = shape {
        // "ريف حماة الشرقي": the adjective takes the article. Without it the word opens the
        // next place ("بادية الميادين شرقي دير الزور": east of Deir ez-Zor).
        let adjective = |w: &Word<'_>| {
            w.text
                .starts_with(ARTICLE)
                .then(|| direction_word(w.text))
                .flatten()
        };
        if let Some(d) = ws.get(last + 1).and_then(adjective) {
            let mut dir = d;
            fend = ws[last + 1].end;
            if let Some(d2) = ws.get(last + 2).and_then(adjective) {
                dir = combine(d, d2);
                fend = ws[last + 2].end;
            }
            shape = Shape::Region(Some(dir));
        }
    }
    Phrase {
        shape,
        type_word,
        fstart,
        fend,
        km,
        bearing,
        between,
    }
}

/// "إلى الشرق من" (or "الى الجنوب الغربي من", "شرق من") ending with "من" at word `from`:
/// the direction and the phrase's first word.
fn direction_of(ws: &[Word<'_>], from: usize) -> Option<(Direction, usize)> {
    // "من" is the grammar of the bearing itself.
    if ws.get(from)?.text != "من" {
        return None;
    }
    let second = direction_word(ws.get(from.checked_sub(1)?)?.text)?;
    let mut k = from - 1;
    let mut dir = second;
    if let Some(first) = k.checked_sub(1).and_then(|j| direction_word(ws[j].text)) {
        dir = combine(first, second);
        k -= 1;
    }
    if k > 0 && TOWARD.contains(ws[k - 1].text) {
        k -= 1;
    }
    Some((dir, k))
}

/// "25 كم من" ending with "من" at word `from`: the distance and the number's word.
fn distance_from(ws: &[Word<'_>], from: usize) -> Option<(f64, usize)> {
    // "من" is the grammar of the distance's origin.
    if ws.get(from)?.text != "من" {
        return None;
    }
    distance_before(ws, from)
}

/// "25 كم" (or كيلومتر، كلم) just before word `k`: the distance and the number's word.
fn distance_before(ws: &[Word<'_>], k: usize) -> Option<(f64, usize)> {
    let unit = ws.get(k.checked_sub(1)?)?.text;
    if !DISTANCE_UNITS.contains(unit) {
        return None;
    }
    let at = k.checked_sub(2)?;
    let d: f64 = ws.get(at)?.text.parse().ok()?;
    (d > 0.0 && d <= MAX_RELATIVE_KM).then_some((d, at))
}

/// Farthest relative position read as an offset, in km.
const MAX_RELATIVE_KM: f64 = 150.0;

/// The road word before the road's adjective at word `at` («الطريق الدولي», «الطريق العام»:
/// `road_adjective`), when it is one.
fn road_before_adjective(ws: &[Word<'_>], at: usize) -> Option<usize> {
    let road = at.checked_sub(1)?;
    (ROAD_ADJECTIVES.contains(ws[at].text) && ROAD_WORDS.has_word(ws[road].text)).then_some(road)
}

/// Whether the word before `بين` at word `at` names a road ("الطريق الواصل بين",
/// "طريق بين", "الطريق الرابط بين").
fn road_between(ws: &[Word<'_>], at: usize) -> bool {
    (1..=2).any(|back| {
        at.checked_sub(back)
            .and_then(|k| ws.get(k))
            .is_some_and(|w| ROAD_WORDS.has_word(w.text) || ROAD_LINKS.contains(w.text))
    })
}

/// The word «بين» ("between") that opens the phrase of the name at words `i..=last` («بين
/// درنج», or «بين بلدتي درنج» past a dual place noun) when no road is named before it and
/// another name follows behind «و» («والكشكية», «وبلدة الكشكية»): the incident was between
/// two places. «بين» and «و» are grammar, not word lists.
fn between_two(ws: &[Word<'_>], i: usize, last: usize) -> Option<usize> {
    let mut k = i.checked_sub(1)?;
    if DUAL_PLACE_NOUNS.has_word(ws[k].text) {
        k = k.checked_sub(1)?;
    }
    let opens = cores(ws[k].text).any(|c| c == "بين") && !road_between(ws, k);
    let next = ws.get(last + 1)?.text;
    (opens && next.len() > "و".len() && crate::clitics::after_and(next).is_some()).then_some(k)
}

/// Whether the phrase at `fstart` opens with a word for several countrysides ("ريفي حماة
/// وإدلب", "أرياف حمص ودير الزور"): every name listed after it is a countryside too. The
/// singular "ريف حمص وتدمر" is left alone: there the second name is often the town.
fn opens_countrysides(t: &str, fstart: usize) -> bool {
    let word = t[fstart..].split(' ').next().unwrap_or("");
    COUNTRYSIDES.has_word(word)
}

/// Whether only "و" (alone or as the next name's clitic) stands between `end` and `start`
/// (the conjunction is grammar, not a word list: it stays code).
fn and_between(t: &str, end: usize, start: usize) -> bool {
    t.get(end..start)
        .is_some_and(|gap| matches!(gap.trim_matches(|c: char| c == ' ' || c == '،'), "و"))
}

/// Resolves every mention of one article. `mentions` must be sorted by position.
pub fn resolve(
    gaz: &Gazetteer,
    text: &str,
    folded: &Folded,
    mentions: &[Mention<'_>],
) -> Vec<Location> {
    let ws = words(&folded.text);
    // Words are in order and do not overlap: the first word that ends at or after `off`
    // is the one holding it, if any does.
    let word_of = |off: usize| {
        let i = ws.partition_point(|w| w.end < off);
        ws.get(i).filter(|w| w.start <= off).map_or(0, |_| i)
    };
    let anchors = anchor_tree(gaz, mentions);
    let mut out: Vec<Location> = Vec::new();
    let mut skip_until = 0;
    // Where a list of countrysides ("ريفي حماة وإدلب") has reached, while one goes on.
    let mut countrysides_until = None;
    for (mi, m) in mentions.iter().enumerate() {
        if m.fstart < skip_until || out.last().is_some_and(|l| m.fstart < l.fend) {
            continue;
        }
        let (first, last) = (word_of(m.fstart), word_of(m.fend.saturating_sub(1)));
        let mut phrase = read_phrase(&ws, first, last);
        if let Some(fstart) = phrase.between {
            // "الحدود الإدارية بين الرقة ودير الزور": between governorates lies their
            // boundary, far too long to be near the first.
            if m.candidates
                .iter()
                .any(|&c| gaz.place(c).kind == PlaceKind::Governorate)
            {
                phrase.shape = Shape::Point;
                phrase.fstart = fstart;
            }
        }
        let listed = countrysides_until.is_some_and(|end| and_between(&folded.text, end, m.fstart));
        if listed && phrase.shape == Shape::Point {
            phrase.shape = Shape::Region(None);
        }
        let (qualifier, (desert, bearing)) = match qualifier_after(&ws, last, mentions, mi) {
            Some((q, desert, bearing)) => (Some(q), (desert, bearing)),
            None => (None, (false, None)),
        };
        // "درعا وإدلب" is a list: the next name weighs in, but does not rule places out. The
        // place that qualifies the whole list does ("قريتي الصبحة والشحيل بريف دير الزور":
        // no الصبحة of Aleppo).
        let bounds = match qualifier {
            Some(q) if and_between(&folded.text, m.fend, q.fstart) => {
                list_qualifier(&ws, &folded.text, mentions, mi, &word_of)
            }
            q => q,
        };
        let chosen = choose(
            gaz,
            m,
            &phrase,
            qualifier.map(|q| Qualifier {
                mention: q,
                desert,
                bearing,
            }),
            bounds,
            &anchors,
        );
        let Some((place, confidence, reasons)) = chosen else {
            continue;
        };
        // A town's name as the gazetteer lists it with a region word («بادية الرصافة» for
        // Resafa): the region around the town, as «بادية» before its bare name gives.
        if phrase.shape == Shape::Point
            && gaz.place(place).kind.is_settlement()
            && folded.text[m.fstart..m.fend]
                .split(' ')
                .next()
                .is_some_and(|w| REGION_WORDS.has_unarticled(w))
        {
            phrase.shape = Shape::Region(None);
        }
        let standalone = STANDALONE.contains(m.key) && stands_as_place(&ws, first, m.fstart);
        if !standalone && is_unsupported_hamlet(gaz, place, &phrase, qualifier.is_some(), &anchors)
            || is_foreign_neighbourhood(gaz, place, &phrase, qualifier)
        {
            continue;
        }
        let mut loc = locate(gaz, place, &phrase);
        if phrase.shape == Shape::Road || phrase.shape == Shape::Triangle {
            let joined = joined_places(gaz, mentions, mi, &ws);
            if joined.len() >= 2 {
                skip_until = mentions[mi + joined.len() - 1].fend;
                loc = shape_of_joined(gaz, place, &joined, phrase.shape);
                let last_m = &mentions[mi + joined.len() - 1];
                loc.fend = last_m.fend;
            } else {
                loc = locate(
                    gaz,
                    place,
                    &Phrase {
                        shape: Shape::Near,
                        ..phrase
                    },
                );
            }
        }
        // A road row with neither a coordinate nor two known ends (a hand-edited gazetteer)
        // has no geometry: the phrase cannot be placed.
        if !loc.coords.iter().flatten().all(|v| v.is_finite()) {
            continue;
        }
        loc.fstart = phrase.fstart.min(m.fstart);
        loc.fend = loc.fend.max(phrase.fend).max(m.fend);
        loc.start = folded.original_start(loc.fstart);
        loc.end = folded.original_end(loc.fend, text);
        loc.text = text[loc.start..loc.end].to_string();
        loc.confidence = confidence;
        loc.reasons = reasons;
        loc.bare = !standalone
            && gaz.place(place).kind == PlaceKind::Village
            && phrase.shape == Shape::Point
            && phrase.type_word.is_none()
            && qualifier.is_none()
            || is_dateline(text, loc.start, loc.end);
        countrysides_until =
            (listed || opens_countrysides(&folded.text, phrase.fstart)).then_some(loc.fend);
        out.push(loc);
    }
    link_qualifiers(gaz, &mut out, &folded.text);
    out
}

/// Whether the place phrase at `start..end` of the article `text` is a dateline («دير الزور –
/// خاص:», «الرقة - »): it opens its line and a dash follows it. It says where the report was
/// written; a place the report names after it is the incident's. (The dash and the line's
/// start are punctuation, which folding drops: code.)
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    (before.is_empty() || before.ends_with('\n'))
        && text[end..]
            .trim_start_matches([' ', '\t'])
            .starts_with(['–', '—', '-'])
}

/// The mention right after `last` that qualifies it: "X بريف Y", "X في ريف Y", "X جنوب Y",
/// "X شرق مدينة Y", "X التابعة لـ Y"; whether it names Y's desert ("X في بادية Y"); and the
/// bearing of X from Y its compass words give ("X جنوب شرقي Y": south-east).
fn qualifier_after<'m>(
    ws: &[Word<'_>],
    last: usize,
    mentions: &'m [Mention<'m>],
    mi: usize,
) -> Option<(&'m Mention<'m>, bool, Option<Direction>)> {
    let next = mentions.get(mi + 1)?;
    let after = ws.partition_point(|w| w.start <= ws[last].end);
    let gap = ws[after..].partition_point(|w| w.end <= next.fstart);
    let gap_words = &ws[after..after + gap];
    // The qualifier's own word may carry the clitic: "بريف" is one word. Words are in order:
    // the first that ends past the mention's start holds it, if any does.
    let holding = ws.partition_point(|w| w.end.max(w.start + 1) <= next.fstart);
    let next_word = ws.get(holding).filter(|w| w.start <= next.fstart);
    let glue_ok = gap_words.len() <= 3
        && gap_words.iter().map(|w| w.text).all(|w| {
            REGION_WORDS.has_word(w)
                || type_word_of(w).is_some()
                || compass_word(w).is_some()
                || PLACE_GLUE.contains(w)
        })
        && !gap_words.is_empty()
        || next_word.is_some_and(|w| w.start < next.fstart && w.start > ws[last].end)
            // "X بالبوكمال": the clitic is the glue, on the very next word.
            && holding == after;
    if !glue_ok {
        return None;
    }
    let desert = gap_words.iter().any(|w| DESERT_WORDS.has_word(w.text))
        || next_word.is_some_and(|w| DESERT_WORDS.has_word(w.text));
    let bearing = gap_words
        .iter()
        .filter_map(|w| compass_word(w.text))
        .reduce(combine);
    Some((next, desert, bearing))
}

/// The place that qualifies the list mention `mi` opens or goes on ("X وY بريف Z": Z): the
/// qualifier after the list's last name, which is joined to the one before it by «و» alone.
fn list_qualifier<'m>(
    ws: &[Word<'_>],
    t: &str,
    mentions: &'m [Mention<'m>],
    mi: usize,
    word_of: &impl Fn(usize) -> usize,
) -> Option<&'m Mention<'m>> {
    let mut last = mi;
    while mentions
        .get(last + 1)
        .is_some_and(|n| and_between(t, mentions[last].fend, n.fstart))
    {
        last += 1;
    }
    let end_word = word_of(mentions[last].fend.saturating_sub(1));
    let (q, _, _) = qualifier_after(ws, end_word, mentions, last)?;
    // Only a region bounds the list («بريف Z», «في بادية Z»): a town after the last name may
    // be that name's own qualifier.
    let wider = t[..q.fstart]
        .split(' ')
        .rev()
        .find(|w| !w.is_empty())
        .is_some_and(|w| REGION_WORDS.has_unarticled(w));
    (last > mi && wider).then_some(q)
}

/// The place named right after a mention that qualifies it ([`qualifier_after`]).
#[derive(Debug, Clone, Copy)]
struct Qualifier<'q> {
    mention: &'q Mention<'q>,
    /// It names the place's desert ("X في بادية Y").
    desert: bool,
    /// The mention lies this way from it ("X جنوب شرقي Y").
    bearing: Option<Direction>,
}

/// How far a bare village name may lie from every other place the article names and still
/// be believed, in km.
pub const HAMLET_SUPPORT_KM: f64 = 60.0;

/// A small village named bare (no "قرية", no qualifier, no region word) far from every other
/// place of the article is far likelier a word or a family name (العلي، الحاجب) than the
/// village.
fn is_unsupported_hamlet(
    gaz: &Gazetteer,
    place: PlaceIdx,
    phrase: &Phrase,
    qualified: bool,
    anchors: &RTree<[f64; 2]>,
) -> bool {
    let p = gaz.place(place);
    if p.kind != PlaceKind::Village
        || qualified
        || phrase.type_word.is_some()
        || phrase.shape != Shape::Point
    {
        return false;
    }
    let here = [p.lon, p.lat];
    !anchors
        .nearest_neighbor_iter(&here)
        .map(|a| distance_km(*a, here))
        .find(|&km| km > 0.01)
        .is_some_and(|km| km <= HAMLET_SUPPORT_KM)
}

/// How far a neighbourhood may lie from the city it is said to be in, in km.
pub const NEIGHBOURHOOD_KM: f64 = 15.0;

/// "حي الجورة بمدينة دير الزور" where no candidate of the name lies in that city: the name
/// is a neighbourhood the gazetteer lacks, not a village of the same name elsewhere, and the
/// city that follows places the incident.
fn is_foreign_neighbourhood(
    gaz: &Gazetteer,
    place: PlaceIdx,
    phrase: &Phrase,
    qualifier: Option<&Mention<'_>>,
) -> bool {
    let Some(q) = qualifier.filter(|_| phrase.type_word == Some(PlaceNoun::Neighbourhood)) else {
        return false;
    };
    let p = gaz.place(place);
    let here = [p.lon, p.lat];
    !q.candidates.iter().any(|&c| {
        let city = gaz.place(c);
        city.lat.is_finite() && distance_km([city.lon, city.lat], here) <= NEIGHBOURHOOD_KM
    })
}

/// An R-tree of the places the article names unambiguously (one candidate), as anchors for
/// telling same-name places apart.
fn anchor_tree(gaz: &Gazetteer, mentions: &[Mention<'_>]) -> RTree<[f64; 2]> {
    let mut points = Vec::new();
    for m in mentions {
        if m.candidates.len() == 1 || unique_area(gaz, m.candidates).is_some() {
            let p = gaz.place(m.candidates[0]);
            if p.lat.is_finite() && p.kind != PlaceKind::Country {
                points.push([p.lon, p.lat]);
            }
        }
    }
    RTree::bulk_load(points)
}

/// When all candidates are one governorate and its seat, the governorate.
fn unique_area(gaz: &Gazetteer, cands: &[PlaceIdx]) -> Option<PlaceIdx> {
    let govs: Vec<PlaceIdx> = cands
        .iter()
        .filter_map(|&c| governorate_of(gaz, c))
        .collect();
    (!govs.is_empty() && govs.iter().all(|g| *g == govs[0]) && govs.len() == cands.len())
        .then(|| govs[0])
}

/// Picks the candidate with the best score. Only the chosen candidate's reasons are written.
/// `bounds`, the qualifier when it is one ("X بريف Y", not "X وY"), rules out places far
/// outside it.
fn choose(
    gaz: &Gazetteer,
    m: &Mention<'_>,
    phrase: &Phrase,
    qualifier: Option<Qualifier<'_>>,
    bounds: Option<&Mention<'_>>,
    anchors: &RTree<[f64; 2]>,
) -> Option<(PlaceIdx, f64, Vec<String>)> {
    let mut scored: SmallVec<[(f64, PlaceIdx, Why<'_>); 8]> = m
        .candidates
        .iter()
        .filter(|&&c| gaz.place(c).lat.is_finite() || gaz.place(c).kind == PlaceKind::Road)
        .filter(|&&c| !bounds.is_some_and(|q| outside_qualifier(gaz, c, q)))
        .map(|&c| {
            let (s, why) = score(gaz, c, phrase, qualifier, anchors);
            (s, c, why)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let (best, place, why) = *scored.first()?;
    let second = scored.get(1).map(|s| s.0);
    let confidence = match second {
        None => 1.0,
        Some(s2) => (0.5 + (best - s2) / 4.0).clamp(0.3, 0.95),
    };
    let mut reasons = Vec::new();
    if scored.len() > 1 {
        reasons.push(format!("{} of {} same-name places", 1, scored.len()));
    }
    why.write(&mut reasons);
    Some((place, confidence, reasons))
}

/// How far from every place its qualifier may be a place can lie and still be "X بريف Y" or
/// "X جنوب Y" when it is in another governorate, in km.
const QUALIFIER_REACH_KM: f64 = 150.0;

/// Whether place `c` cannot be the X of "X بريف Y" (or "X جنوب Y"): it lies in another
/// governorate than every place Y may be, and far from all of them. "قرية الحمرات بريف الرقة"
/// is then a village the gazetteer does not know, not the Hamrat of Latakia: the phrase is
/// left to Y.
fn outside_qualifier(gaz: &Gazetteer, c: PlaceIdx, q: &Mention<'_>) -> bool {
    let p = gaz.place(c);
    if p.admin1.is_empty() || !p.lat.is_finite() {
        return false;
    }
    let qs: SmallVec<[&crate::model::Place; 4]> = q
        .candidates
        .iter()
        .map(|&qc| gaz.place(qc))
        .filter(|qp| qp.lat.is_finite() && !qp.admin1.is_empty())
        .collect();
    !qs.is_empty()
        && qs.iter().all(|qp| {
            qp.admin1 != p.admin1
                && distance_km([p.lon, p.lat], [qp.lon, qp.lat]) > QUALIFIER_REACH_KM
        })
}

/// Why a candidate scored as it did: written out for users only for the chosen one.
#[derive(Debug, Clone, Copy, Default)]
struct Why<'g> {
    /// The name is long enough and the place east of 37°E.
    in_badia: bool,
    /// Distance (km) to the nearest place of the qualifier named beside it, and its name.
    beside: Option<(f64, &'g str)>,
    /// Distance (km) to the nearest other place the article names, when it counted.
    anchor_km: Option<f64>,
    /// It lies the way the phrase tells from the place named beside it.
    bearing: Option<Direction>,
}

impl Why<'_> {
    fn write(&self, reasons: &mut Vec<String>) {
        if self.in_badia {
            reasons.push("in the Badia (east of 37°E)".to_string());
        }
        if let Some((km, name)) = self.beside {
            reasons.push(format!("{km:.0} km from {name} named beside it"));
        }
        if let Some(km) = self.anchor_km {
            reasons.push(format!("{km:.0} km from another place the article names"));
        }
        if let Some(dir) = self.bearing {
            reasons.push(format!(
                "lies {dir:?} of the place named beside it, as written"
            ));
        }
    }
}

/// How well place `c` fits the mention, and why.
fn score<'g>(
    gaz: &'g Gazetteer,
    c: PlaceIdx,
    phrase: &Phrase,
    qualifier: Option<Qualifier<'_>>,
    anchors: &RTree<[f64; 2]>,
) -> (f64, Why<'g>) {
    let p = gaz.place(c);
    let mut s = 0.0;
    let mut why = Why::default();
    let kind_prior = match p.kind {
        PlaceKind::City => 3.0,
        PlaceKind::Governorate => 2.5,
        PlaceKind::Town => 2.0,
        PlaceKind::OilField
        | PlaceKind::GasField
        | PlaceKind::MilitaryBase
        | PlaceKind::Airport => 1.8,
        PlaceKind::Station | PlaceKind::Mountain | PlaceKind::Desert | PlaceKind::Wadi => 1.6,
        PlaceKind::Road | PlaceKind::Site | PlaceKind::Dam | PlaceKind::BorderCrossing => 1.5,
        PlaceKind::District => 1.2,
        PlaceKind::Village => 1.0,
        PlaceKind::Subdistrict => 0.8,
        _ => 0.5,
    };
    s += kind_prior;
    // A sub-district or district counts the people of its whole area, not of the town it is
    // named after: a bare "السخنة" is the town (as ACLED codes it), only "ناحية السخنة" the
    // sub-district.
    let admin_area = matches!(p.kind, PlaceKind::Subdistrict | PlaceKind::District);
    if !admin_area || phrase.type_word == Some(PlaceNoun::Subdistrict) {
        s += (p.population as f64 + 1.0).log10() * 0.3;
    }
    // Type words: "محافظة X" wants the governorate, "مدينة X" a city or town.
    match phrase.type_word {
        Some(PlaceNoun::Governorate) if p.kind == PlaceKind::Governorate => s += 3.0,
        Some(PlaceNoun::City) if matches!(p.kind, PlaceKind::City | PlaceKind::Town) => s += 1.0,
        Some(PlaceNoun::Subdistrict) if p.kind == PlaceKind::Subdistrict => s += 3.0,
        Some(PlaceNoun::Settlement) if p.kind.is_settlement() => s += 1.5,
        _ => {}
    }
    if matches!(phrase.shape, Shape::Region(_)) && p.kind == PlaceKind::Governorate {
        s += 0.5;
    }
    // However short its name: «الكوم», «الجسر» are as often the Badia's as any other.
    if p.in_badia() {
        s += 0.5;
        why.in_badia = true;
    }
    // "X في بادية حمص" is out in the desert, not in the farmland round Homs city: there the
    // qualifier says nothing for a place west of the Badia's edge.
    let qualifier = qualifier.filter(|q| !q.desert || p.in_badia());
    if let Some(Qualifier {
        mention: q,
        bearing,
        ..
    }) = qualifier
    {
        let best = q
            .candidates
            .iter()
            .map(|&qc| gaz.place(qc))
            .filter(|qp| qp.lat.is_finite())
            .map(|qp| (distance_km([p.lon, p.lat], [qp.lon, qp.lat]), qp))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((km, qp)) = best {
            let bonus = 6.0 * (1.0 - (km / 80.0).min(1.0));
            if bonus > 0.0 {
                s += bonus;
                why.beside = Some((km, qp.name_en.as_str()));
            }
            if !p.admin1.is_empty() && p.admin1 == qp.admin1 {
                s += 1.0;
            }
            // "حميمة جنوب شرقي تدمر": the same-name place lying that way from Y, within
            // reach of a bearing told from it, is the one meant.
            if let Some(dir) = bearing.filter(|_| km <= BEARING_REACH_KM) {
                if lies_towards([qp.lon, qp.lat], [p.lon, p.lat], dir) {
                    s += BEARING_BONUS;
                    why.bearing = Some(dir);
                }
            }
        }
    }
    let nearest = (p.lat.is_finite() && p.lon.is_finite())
        .then(|| anchors.nearest_neighbor(&[p.lon, p.lat]))
        .flatten();
    if let Some(near) = nearest {
        let km = distance_km(*near, [p.lon, p.lat]);
        if km > 0.01 {
            let bonus = 2.0 * (1.0 - (km / 150.0).min(1.0));
            s += bonus;
            if bonus > 0.5 {
                why.anchor_km = Some(km);
            }
        }
    }
    (s, why)
}

/// How far from the place named beside it ("X جنوب شرقي Y") a place may lie for its bearing
/// to count, in km: desert sites are told from the nearest town, often a day's drive off.
const BEARING_REACH_KM: f64 = 200.0;

/// What lying the way the phrase tells adds to a same-name place's score: more than a
/// village's kind and the Badia's preference together, less than a qualifier's nearness.
const BEARING_BONUS: f64 = 1.5;

/// The geometry and precision of a phrase around one chosen place.
fn locate(gaz: &Gazetteer, place: PlaceIdx, phrase: &Phrase) -> Location {
    let p = gaz.place(place);
    let gov = governorate_of(gaz, place);
    let point = [p.lon, p.lat];
    let city_named = matches!(
        phrase.type_word,
        Some(PlaceNoun::City | PlaceNoun::Settlement)
    );
    let beside_town = matches!(phrase.shape, Shape::Region(Some(_)))
        && (city_named || gov.is_none() || phrase.km.is_some());
    let (coords, precision) = match (phrase.shape, gov) {
        // "جنوب مدينة دير الزور": beside the town itself, not the south of its governorate.
        (Shape::Region(Some(dir)), _) if beside_town => {
            // A bearing with no distance ("جنوب شرق المحطة الثالثة") is coded at the place,
            // as ACLED codes "near X"; a countryside's side ("بادية X الشرقية") lies off it.
            let default_km = if phrase.bearing {
                0.0
            } else {
                RELATIVE_OFFSET_KM
            };
            let km = phrase.km.unwrap_or(default_km);
            (vec![offset(point, dir, km)], 2)
        }
        (Shape::Region(dir), Some(g)) => (vec![region_point(gaz, g, dir)], 3),
        (Shape::Region(_), None) | (Shape::Near, _) => (vec![point], 2),
        _ if matches!(
            p.kind,
            PlaceKind::Governorate | PlaceKind::Desert | PlaceKind::Region | PlaceKind::Country
        ) =>
        {
            (vec![point], 3)
        }
        // A road of the gazetteer is the line through its ends.
        _ if p.kind == PlaceKind::Road => (road_line(gaz, p).unwrap_or(vec![point]), 2),
        _ if p.kind.is_area() => (vec![point], 2),
        _ => (vec![point], 1),
    };
    Location {
        place: gov
            .filter(|_| matches!(phrase.shape, Shape::Region(_)) && !beside_town)
            .unwrap_or(place),
        coords,
        precision,
        shape: phrase.shape,
        text: String::new(),
        start: 0,
        end: 0,
        fstart: phrase.fstart,
        fend: phrase.fend,
        confidence: 1.0,
        reasons: Vec::new(),
        qualifies: None,
        bare: false,
    }
}

/// The (lon, lat) points of a road row's ends, when at least two are known.
fn road_line(gaz: &Gazetteer, road: &crate::model::Place) -> Option<Vec<[f64; 2]>> {
    let pts: Vec<[f64; 2]> = road
        .ends
        .iter()
        .filter_map(|id| gaz.by_id(id))
        .map(|i| gaz.place(i))
        .filter(|p| p.lat.is_finite())
        .map(|p| [p.lon, p.lat])
        .collect();
    (pts.len() >= 2).then_some(pts)
}

/// How far "جنوب X" lies from X when the text gives no distance, in km: the typical
/// distance of the outskirts and nearby sites such phrases name.
pub const RELATIVE_OFFSET_KM: f64 = 10.0;

/// The point `km` away from `p` towards `dir`, kept on the globe (near a pole a step east is
/// no step at all, and longitudes wrap at ±180°).
fn offset(p: [f64; 2], dir: Direction, km: f64) -> [f64; 2] {
    let (ex, ny) = dir.vector();
    crate::geodesy::moved_by_km(p, ex * km, ny * km)
}

/// A representative point of one side of a governorate: the district centroid of that
/// governorate lying furthest that way from the governorate's centroid; without a direction,
/// the governorate's centroid. (Sub-districts were tried: on the dev corpus they moved "ريف
/// حماة الشرقي" off the Salamiyah district, and the region points agreed less.)
fn region_point(gaz: &Gazetteer, gov: PlaceIdx, dir: Option<Direction>) -> [f64; 2] {
    let g = gaz.place(gov);
    let centre = [g.lon, g.lat];
    let Some(dir) = dir else {
        return centre;
    };
    let (ex, ny) = dir.vector();
    let best = gaz
        .districts
        .iter()
        .map(|&d| gaz.place(d))
        .filter(|p| p.admin1 == g.admin1)
        .map(|p| {
            let (dx, dy) = (p.lon - centre[0], p.lat - centre[1]);
            let along = dx * ex + dy * ny;
            let across = (dx * ny - dy * ex).abs();
            (along - 0.5 * across, p)
        })
        .filter(|(v, _)| *v > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, p)) => [p.lon, p.lat],
        None => centre,
    }
}

/// The mentions joined to `mi` by a road or triangle phrase: consecutive names with only
/// dashes, "و" or "بين" between them.
fn joined_places(
    gaz: &Gazetteer,
    mentions: &[Mention<'_>],
    mi: usize,
    ws: &[Word<'_>],
) -> Vec<PlaceIdx> {
    // A road has two ends (sometimes a waypoint), a triangle three corners.
    let max = 3;
    // The first is placed by the caller; as an end of a road it is its settlement.
    let mut out = vec![best_settlement(gaz, mentions[mi].candidates)];
    let mut prev_end = mentions[mi].fend;
    for m in mentions.iter().skip(mi + 1).take(max - 1) {
        // Brackets and a place word may stand between: "بين قرية (الكوم) ومدينة (السخنة)".
        let gap: Vec<&str> = ws
            .iter()
            .filter(|w| w.start >= prev_end && w.end <= m.fstart)
            .map(|w| w.text.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty() && type_word_of(w).is_none())
            .collect();
        // "و" is grammar; "إلى", "حتى" (`through`) join the ends of a stretch.
        if !gap.iter().all(|w| *w == "و" || THROUGH.contains(w)) || gap.len() > 1 {
            break;
        }
        out.push(best_settlement(gaz, m.candidates));
        prev_end = m.fend;
    }
    out
}

fn best_settlement(gaz: &Gazetteer, cands: &[PlaceIdx]) -> PlaceIdx {
    cands
        .iter()
        .copied()
        .max_by(|&a, &b| {
            let (pa, pb) = (gaz.place(a), gaz.place(b));
            let rank = |k: PlaceKind| match k {
                PlaceKind::City => 3,
                PlaceKind::Town => 2,
                PlaceKind::Governorate => 1,
                _ => 0,
            };
            (rank(pa.kind), pa.population, std::cmp::Reverse(a)).cmp(&(
                rank(pb.kind),
                pb.population,
                std::cmp::Reverse(b),
            ))
        })
        .unwrap_or(cands[0])
}

fn shape_of_joined(
    gaz: &Gazetteer,
    first: PlaceIdx,
    joined: &[PlaceIdx],
    shape: Shape,
) -> Location {
    // A road the gazetteer holds between the two ends is that road, by name and line, however
    // the text words it; its first end may be the place resolved or the settlement of that
    // name («حمص» the governorate, or the city the road starts from).
    let road = match joined {
        [settlement, b] if shape == Shape::Road => gaz
            .road_with_ends(first, *b)
            .or_else(|| gaz.road_with_ends(*settlement, *b)),
        _ => None,
    };
    let mut places = joined.to_vec();
    places[0] = first;
    if let Some((road, line)) = road.and_then(|r| Some((r, road_line(gaz, gaz.place(r))?))) {
        return joined_location(road, line, 2, shape);
    }
    let coords: Vec<[f64; 2]> = match shape {
        Shape::Triangle => {
            let pts: Vec<[f64; 2]> = places
                .iter()
                .map(|&p| {
                    let g = governorate_of(gaz, p).unwrap_or(p);
                    [gaz.place(g).lon, gaz.place(g).lat]
                })
                .collect();
            let n = pts.len() as f64;
            vec![[
                pts.iter().map(|p| p[0]).sum::<f64>() / n,
                pts.iter().map(|p| p[1]).sum::<f64>() / n,
            ]]
        }
        _ => places
            .iter()
            .map(|&p| [gaz.place(p).lon, gaz.place(p).lat])
            .collect(),
    };
    let precision = if shape == Shape::Triangle { 3 } else { 2 };
    joined_location(first, coords, precision, shape)
}

/// The location of a road or triangle phrase: `place` with its line or point.
fn joined_location(
    place: PlaceIdx,
    coords: Vec<[f64; 2]>,
    precision: crate::model::GeoPrecision,
    shape: Shape,
) -> Location {
    Location {
        place,
        coords,
        precision,
        shape,
        text: String::new(),
        start: 0,
        end: 0,
        fstart: 0,
        fend: 0,
        confidence: 1.0,
        reasons: Vec::new(),
        qualifies: None,
        bare: false,
    }
}

/// Marks "X بريف Y": a region or town phrase that follows a place within a few words and
/// only glue between them qualifies it.
fn link_qualifiers(gaz: &Gazetteer, locs: &mut [Location], t: &str) {
    for i in 1..locs.len() {
        let (prev_end, start) = (locs[i - 1].fend, locs[i].fstart);
        if start < prev_end || locs[i - 1].qualifies.is_some() {
            continue;
        }
        let gap = t.get(prev_end..start).unwrap_or("").trim();
        let gap_words = || gap.split(' ').filter(|w| !w.is_empty());
        // At most two words, all glue: the words past the third are not read.
        let few = || gap_words().nth(2).is_none();
        let glue = || gap_words().all(|w| PLACE_GLUE.contains(w) || type_word_of(w).is_some());
        // "في البادية السورية بريف حمص الشرقي": a place right after the whole desert says
        // where in it; the desert is the wider place.
        let desert = |l: &Location| gaz.place(l.place).kind == PlaceKind::Desert;
        if few() && glue() && desert(&locs[i - 1]) && !desert(&locs[i]) {
            locs[i - 1].qualifies = Some(i);
            continue;
        }
        // "قوات الحكومة السورية في بادية الميادين": the country's adjective right before a
        // place says whose forces, not a place the one after it qualifies; nothing in Syria
        // is wider than Syria.
        let country = gaz.place(locs[i - 1].place).kind == PlaceKind::Country;
        if few()
            && glue()
            && !country
            && (locs[i].precision > locs[i - 1].precision
                || matches!(locs[i].shape, Shape::Region(_)))
            && !smaller(gaz, &locs[i], &locs[i - 1])
        {
            locs[i].qualifies = Some(i - 1);
        }
    }
}

/// Whether phrase `y` names a smaller place than `x`, so cannot be the wider place `x` lies
/// in: by their kinds, a station, field, base, checkpoint or village written after a city,
/// district or governorate ("قوات حكومة دمشق في منطقة المحطة الثالثة" places nothing in
/// Damascus). A countryside ("ريف Y") is never smaller.
fn smaller(gaz: &Gazetteer, y: &Location, x: &Location) -> bool {
    let spot = |k: PlaceKind| {
        matches!(
            k,
            PlaceKind::Village
                | PlaceKind::Airport
                | PlaceKind::MilitaryBase
                | PlaceKind::OilField
                | PlaceKind::GasField
                | PlaceKind::Station
                | PlaceKind::Dam
                | PlaceKind::BorderCrossing
                | PlaceKind::Checkpoint
                | PlaceKind::Site
        )
    };
    let area = |k: PlaceKind| {
        matches!(
            k,
            PlaceKind::Governorate | PlaceKind::District | PlaceKind::Subdistrict | PlaceKind::City
        )
    };
    !matches!(y.shape, Shape::Region(_))
        && spot(gaz.place(y.place).kind)
        && area(gaz.place(x.place).kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compass_words_behind_any_chain() {
        for (word, want) in [
            ("شمال", Some(Direction::N)),
            ("الشرقي", Some(Direction::E)),
            ("الغربيه", Some(Direction::W)),
            ("بالجنوب", Some(Direction::S)),
            ("وشرق", Some(Direction::E)),
            ("وبالشمال", Some(Direction::N)),
            ("للشمال", Some(Direction::N)),
            // لل three letters in: as well read as behind two.
            ("وللشمال", Some(Direction::N)),
            ("فللغرب", Some(Direction::W)),
            ("شمالي", Some(Direction::N)),
            ("مشرق", None),
            ("بشر", None),
        ] {
            assert_eq!(compass_word(word), want, "{word}");
        }
    }
}
