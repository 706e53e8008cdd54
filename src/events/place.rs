//! Places: which of a sentence's place phrases is where its incident happened. Context is
//! told from the words before a phrase (an origin, a destination, a hospital, a base fire came
//! from, a government's seat, a reporter's town, a unit whose members are named); a list of
//! far towns places nothing; a governorate's bare name gives way to a town of it. Also the
//! relations between places that group sentences (one place, a site named after its town,
//! a qualifier "X بريف Y") and the places forces moved or fighting spread to.

use std::ops::Range;
use std::sync::LazyLock;

use crate::gazetteer::Gazetteer;
use crate::geodesy::distance_km;
use crate::model::{Location, PlaceKind, Shape};
use crate::normalize::fold;
use crate::rules::{self, WordSet};

// The words that say which place is the event's are lists of `data/rules/places.csv`.
/// Words before a place that make it context rather than where the incident happened.
static CONTEXT_BEFORE: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("context_before"));
static TOWARD: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("toward"));
static FACILITY_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("facility_noun"));
static HOSPITAL_NOUNS: LazyLock<Vec<String>> = LazyLock::new(|| rules::folded("hospital_noun"));
static STATIONED: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("stationed"));
static ORIGINS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("origin"));
static SEATS_OF: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("seat_of"));
static REPORTERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("reporter"));
static OWN_REPORTERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("own_reporter"));
pub(super) static SPEECH_VERBS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("speech_verb"));
static OUTLET_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("outlet_noun"));
static TOLD_TO: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("told_to"));
/// Plural nouns for people ("عناصر"): a place in construct after one names whose members
/// they are ("عناصر اللواء 47"), not where they were.
static PEOPLE: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("people"));
static PERSON: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("person"));
static UPROOTED: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("uprooted"));
static SPREAD_VERBS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("spread_verb"));
static PLACE_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("place_noun"));

/// Whether a folded word is a hospital ("مشفى", "بمشفى", "المستشفى").
fn is_hospital(w: &str) -> bool {
    HOSPITAL_NOUNS.iter().any(|h| w.ends_with(h.as_str()))
}

/// Context flags of every location: context by the words before it, or the next name of a
/// list that began as context ("بين مدينتي دير الزور والميادين").
pub(super) fn context_flags(t: &str, locations: &[Location]) -> Vec<bool> {
    let mut flags: Vec<bool> = Vec::with_capacity(locations.len());
    for (i, l) in locations.iter().enumerate() {
        let listed = i > 0
            && flags[i - 1]
            && t.get(locations[i - 1].fend..l.fstart)
                // The conjunction «و» is grammar: it stays code.
                .is_some_and(|gap| gap.trim().is_empty() || gap.trim() == "و")
            && crate::clitics::after_and(&t[l.fstart..]).is_some();
        flags.push(listed || is_context(t, l.fstart) || abroad(t, l.fend));
    }
    flags
}

/// Lands beyond Syria's borders and their adjectives (`foreign_land`, `foreign_adjective` of
/// `data/rules/places.csv`).
static FOREIGN_LANDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("foreign_land"));
static FOREIGN_ADJECTIVES: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("foreign_adjective"));

/// Whether the place phrase ending at byte `fend` of folded `t` is said to lie abroad: a
/// foreign land's adjective right after it («مدينة القائم العراقية»), or the land after
/// «في», a compass word or both («في مدينة أربيل بشمال العراق», «قاعدة عين الأسد غرب
/// العراق»). A name of Syria's that is also a town's abroad is then no place of the
/// incident. («في» is grammar: code.)
fn abroad(t: &str, fend: usize) -> bool {
    let mut words = t[fend..].split(' ').filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    if FOREIGN_ADJECTIVES.contains(first) {
        return true;
    }
    let mut word = Some(first);
    for _ in 0..2 {
        let Some(w) = word else {
            return false;
        };
        if FOREIGN_LANDS.has_word(w) {
            return true;
        }
        // A compass word behind its clitics («بشمال», «شمالي»).
        if w != "في" && crate::resolve::compass_word(w).is_none() {
            return false;
        }
        word = words.next();
    }
    word.is_some_and(|w| FOREIGN_LANDS.has_word(w))
}

/// Most words before a place phrase that its context tests read: «في» and an origin's reach.
const CONTEXT_WORDS: usize = ORIGIN_REACH + 2;

/// The words before a place phrase, nearest first.
type WordsBefore<'t> = smallvec::SmallVec<[&'t str; CONTEXT_WORDS]>;

/// Up to `n` words of folded `t` before byte `at`, nearest first.
fn words_before(t: &str, at: usize, n: usize) -> WordsBefore<'_> {
    crate::normalize::words_back(t, at)
        .take(n)
        .map(|w| &t[w])
        .collect()
}

/// The word of folded `t` that starts at byte `at` (empty at a space).
fn word_at(t: &str, at: usize) -> &str {
    let rest = &t[at..];
    let end = rest.as_bytes().iter().position(|&b| b == b' ');
    end.map_or(rest, |end| &rest[..end])
}

fn is_context(t: &str, fstart: usize) -> bool {
    let before = words_before(t, fstart, 3);
    let first = before.first().copied().unwrap_or("");
    // Behind «في» or the clitic ب, the clause before the preposition is read too (the
    // prepositions are grammar: code).
    let placed = first == "في" || joined_by_bi(t, fstart);
    let words = placed.then(|| words_before(t, fstart, CONTEXT_WORDS));
    // "الموجودة في مطار X": the place where the guns stood, not where they hit.
    let facility = FACILITY_NOUNS.contains(first) || is_hospital(first);
    // "مدير مشفى الأسد في دير الزور", "في مشفى تدمر الوطني في مدينة تدمر": a hospital named
    // and placed (up to three words before في); the wounded were taken there, the incident
    // was elsewhere.
    // "في" is grammar: where the hospital stands, and so is the clitic ب ("مدير مستشفى
    // الأسد بدير الزور").
    let hospital_in = words.as_ref().is_some_and(|words| {
        words
            .iter()
            .skip(usize::from(first == "في"))
            .take(3)
            .any(|w| is_hospital(w))
    });
    // "بالقرب من X", "على مقربة من X": "من" here says near, not from (grammar: code).
    let near = first == "من" && crate::toponyms::near_before(t[..fstart].trim_end());
    // "وامتدت إلى منطقة الرصافة": fighting that spread there happened there; "نحو 30 كم شرق
    // تدمر": نحو before a distance is "about", not "towards".
    let distance = t[fstart..].starts_with(|c: char| c.is_ascii_digit());
    let near = near || distance || spread_before(&before);
    // "المتمركزة في مطار دير الزور": where a unit stands, not where the incident is; the
    // word of standing just before the phrase or its preposition, so that in "المنتشرين في
    // البادية قرية الكوم" the village after the place they stand in is no such place.
    let stationed = before.iter().take(2).any(|w| STATIONED.contains(w));
    stationed
        || outlet(t, fstart, &before)
        || hospital_in
        || words.is_some_and(|words| placed_context(t, fstart, &words))
        || members_of(t, fstart, first)
        || !near && CONTEXT_BEFORE.has_unarticled(first)
        // «في» is grammar: where the facility stands (code).
        || facility
            && before[1..]
                .iter()
                .any(|w| CONTEXT_BEFORE.has_unarticled(w) || *w == "في")
}

/// Whether the name at folded offset `fstart` names a news outlet, not a place: in construct
/// after an outlet's noun or its reporter ("قناة الميادين", "مراسل دير الزور 24"), or the one
/// the news was told to, behind the preposition ل right after a word of telling or a source
/// ("قال مصدر عسكري للميادين", "أفادت مصادر ميدانية للميادين"). `before` is nearest first.
fn outlet(t: &str, fstart: usize, before: &[&str]) -> bool {
    let first = before.first().copied().unwrap_or("");
    // The preposition ل ("to") is grammar: code; as with ب, a place noun that opens with the
    // letter is no preposition.
    let behind_li = || {
        let word = word_at(t, fstart);
        crate::clitics::without_and(word).starts_with('ل') && !PLACE_NOUNS.contains(word)
    };
    OUTLET_NOUNS.has_unarticled(first)
        || behind_li() && before.iter().take(2).any(|w| TOLD_TO.has_word(w))
}

/// Whether the name at folded offset `fstart` is in construct after a noun for people
/// ("عناصر اللواء 47", members of the brigade): it names whose they are, not where. A place
/// phrase that opens with its own place noun ("رعاة قرب السخنة") is where they were.
fn members_of(t: &str, fstart: usize, word_before: &str) -> bool {
    let opening = word_at(t, fstart);
    PEOPLE.has_unarticled(word_before) && !PLACE_NOUNS.has_word(opening)
}

/// Most words between an origin word and the "في" of the wider place its place lies in
/// ("أبناء حي الوعر في", "ينحدر من قرية الزهراء في").
const ORIGIN_REACH: usize = 4;

/// Whether the place after "في" (or the clitic ب) at folded offset `fstart` only says where
/// something told before it is: a government's seat ("الموالين للحكومة في دمشق"), a
/// reporter's town ("قال مراسلنا في دير الزور إن"), or the town a victims' quarter or village
/// lies in ("من أبناء حي الوعر في مدينة حمص", "من أبناء بلدة القريتين بريف حمص"). The
/// clause before the preposition decides, not the word right before the name.
fn placed_context(t: &str, fstart: usize, words: &[&str]) -> bool {
    // The preposition «في» is grammar, code.
    let glue = match words.first() {
        Some(&"في") => 1,
        _ if joined_by_bi(t, fstart) => 0,
        _ => return false,
    };
    let before = &words[glue.min(words.len())..(glue + ORIGIN_REACH + 1).min(words.len())];
    let Some(&owner) = before.first() else {
        return false;
    };
    let opening = word_at(t, fstart);
    // "للحكومة" (belonging to it), not "قوات الحكومة في X", where the forces were; the seat
    // is named bare ("في دمشق"), not as an area ("في بادية السخنة").
    let seat = crate::clitics::without_and(owner).starts_with('ل')
        && SEATS_OF.has_word(owner)
        && !PLACE_NOUNS.has_word(opening);
    // The outlet's own reporter right before "في", or before a one-word outlet ("مراسل الشبكة
    // في"), or any reporter after a verb of telling: a reporter who was hit is no source.
    let reporter = before.iter().take(2).enumerate().any(|(k, w)| {
        OWN_REPORTERS.has_word(w)
            || REPORTERS.has_word(w) && before.get(k + 1).is_some_and(|v| SPEECH_VERBS.has_word(v))
    });
    // An origin word, then the place noun of the quarter or village it names; the place after
    // "في" is wider than that ("من أبناء حي الوعر في مدينة حمص"), never a town or village of
    // its own ("من أبناء مدينة الميادين في بلدة ذيبان": where it happened).
    let origin = !crate::resolve::is_small_place_word(opening)
        && before.iter().enumerate().skip(1).any(|(k, w)| {
            ORIGINS.has_unarticled(w) && before[..k].iter().any(|p| PLACE_NOUNS.has_word(p))
        });
    seat || reporter || origin
}

/// Whether the place phrase at folded offset `fstart` is written behind the preposition ب
/// ("بدير الزور"), not opened by a place noun that starts with the letter ("بلدة", "بادية").
fn joined_by_bi(t: &str, fstart: usize) -> bool {
    let word = word_at(t, fstart);
    word.starts_with('ب') && !PLACE_NOUNS.contains(word)
}

/// The sentence's event location: the first place phrase inside it that is neither context
/// nor a qualifier of another phrase; precise points before roads, roads before regions.
pub(super) fn event_place(
    gaz: &Gazetteer,
    locations: &[Location],
    context: &[bool],
    t: &str,
    range: &Range<usize>,
) -> Option<usize> {
    let inside: Vec<usize> = (0..locations.len())
        .filter(|&i| gaz.place(locations[i].place).kind != PlaceKind::Country)
        .filter(|&i| locations[i].start >= range.start && locations[i].end <= range.end)
        .filter(|&i| locations[i].qualifies.is_none())
        .filter(|&i| !context[i])
        .collect();
    if is_far_list(gaz, locations, t, &inside) {
        return None;
    }
    // A road gives way to the point the sentence pins on it ("على الطريق الواصل بين مدينتي
    // دير الزور والميادين … قرب بلدة سعلو").
    let is_road = |i: usize| locations[i].shape == Shape::Road || locations[i].coords.len() > 1;
    // A governorate's bare name gives way to a town of it the sentence names ("في دير الزور،
    // ووقع الانفجار قرب بلدة سعلو").
    let admin1 = |i: usize| gaz.place(locations[i].place).admin1.as_str();
    let gives_way = |i: usize| {
        seat_or_governorate(gaz, &locations[i])
            && inside.iter().any(|&j| {
                j != i
                    && locations[j].precision < 3
                    && !seat_or_governorate(gaz, &locations[j])
                    && !admin1(i).is_empty()
                    && admin1(j) == admin1(i)
            })
    };
    inside
        .iter()
        .copied()
        .find(|&i| locations[i].precision < 3 && !locations[i].bare && !is_road(i) && !gives_way(i))
        .or_else(|| {
            inside
                .iter()
                .copied()
                .find(|&i| locations[i].precision < 3 && !locations[i].bare)
        })
        .or_else(|| inside.iter().copied().find(|&i| !locations[i].bare))
        .or_else(|| inside.first().copied())
}

/// The home place of the victims when a sentence places its incident nowhere else
/// ("اختطف مسلحون مجهولون شاباً من بلدة الشحيل"): a place phrase after «من» right after a
/// word for a person or people, not one driven from it (`uprooted`: «نازح من مدينة تدمر»).
/// ACLED places such an incident where the victims are from.
pub(super) fn victims_home(locations: &[Location], t: &str, range: &Range<usize>) -> Option<usize> {
    locations.iter().position(|l| {
        let before = words_before(t, l.fstart, 2);
        l.start >= range.start
            && l.end <= range.end
            && l.qualifies.is_none()
            && before.first() == Some(&"من")
            && before
                .get(1)
                .is_some_and(|w| !UPROOTED.has_unarticled(w) && names_people(w, false))
    })
}

/// Whether folded word `w` is a noun for a person or for people (the `person` and `people`
/// lists), also in the accusative («شاباً»: its alif is grammar, code); `accusative` asks
/// for a person in the accusative only, the object of a verb («قتلوا جندياً»).
pub(super) fn names_people(w: &str, accusative: bool) -> bool {
    let bare = w.strip_suffix('ا');
    let person = |w: &str| PERSON.has_unarticled(w);
    if accusative {
        return bare.is_some_and(person);
    }
    [Some(w), bare]
        .into_iter()
        .flatten()
        .any(|w| person(w) || PEOPLE.has_unarticled(w))
}

/// Distance beyond which two places named side by side are a list of a whole front, not one
/// incident's place, in km.
const SUMMARY_SPREAD_KM: f64 = 150.0;

/// Most words between two names of one list ("في درعا وإدلب", "في درعا، وفي إدلب").
const LIST_GAP_WORDS: usize = 3;

/// A sentence listing towns at opposite ends of the country side by side ("قتلوا في درعا
/// وإدلب ومناطق البادية") sums up a campaign rather than placing an incident. A far town in a
/// clause of its own ("تعرض مطار تيفور لقصف، في وقت تحدثت فيه شبكات عن انفجارات هزت مدينة
/// البوكمال") lists nothing. `t` is the article's folded text.
/// Villages are no front: two named side by side («في أثريا وكباجب») are the incident's
/// places, the first standing for it, however far apart.
fn is_far_list(gaz: &Gazetteer, locations: &[Location], t: &str, inside: &[usize]) -> bool {
    let towns: Vec<&Location> = inside
        .iter()
        .map(|&i| &locations[i])
        .filter(|l| l.precision == 1)
        .collect();
    towns.windows(2).any(|pair| {
        let (a, b) = (pair[0], pair[1]);
        let village = |l: &Location| gaz.place(l.place).kind == PlaceKind::Village;
        if village(a) && village(b) {
            return false;
        }
        let gap = t.get(a.fend..b.fstart).unwrap_or("");
        gap.split(' ').filter(|w| !w.is_empty()).count() <= LIST_GAP_WORDS
            && distance_km(a.coords[0], b.coords[0]) > SUMMARY_SPREAD_KM
    })
}

/// A region so large it says nothing of where an incident happened: the Badia, a desert.
pub(super) fn is_vague(gaz: &Gazetteer, l: &Location) -> bool {
    matches!(
        gaz.place(l.place).kind,
        PlaceKind::Desert | PlaceKind::Region
    ) && l.precision == 3
}

pub(super) fn same_place(a: &Location, b: &Location) -> bool {
    // A road is not the town at one of its ends.
    let road = |l: &Location| l.shape == Shape::Road || l.coords.len() > 1;
    road(a) == road(b) && (a.place == b.place || distance_km(a.coords[0], b.coords[0]) < 5.0)
}

/// Whether a place phrase is a governorate's bare name that may be its seat or the whole
/// governorate ("في دير الزور", not "في مدينة دير الزور"): a report that names a town in it
/// for the same incident places it better.
pub(super) fn seat_or_governorate(gaz: &Gazetteer, loc: &Location) -> bool {
    crate::resolve::governorate_of(gaz, loc.place).is_some()
        && !crate::resolve::names_a_city(&loc.text)
}

/// Whether one location is a site named after the town of the other ("معبر البوكمال" and
/// "مدينة البوكمال", "مطار تدمر" and "تدمر") that lies near it: a report naming both for
/// one incident names the town and its site.
pub(super) fn site_of_town(gaz: &Gazetteer, a: &Location, b: &Location) -> bool {
    let near = distance_km(a.coords[0], b.coords[0]) <= SITE_OF_TOWN_KM;
    near && (named_after(gaz, a, b) || named_after(gaz, b, a))
}

/// How far a site named after a town may lie from it, in km (a border crossing or an airport
/// lies some km out of its town).
const SITE_OF_TOWN_KM: f64 = 12.0;

/// Whether `site` is a facility whose Arabic name holds the name of `town`, a settlement.
fn named_after(gaz: &Gazetteer, site: &Location, town: &Location) -> bool {
    let (s, t) = (gaz.place(site.place), gaz.place(town.place));
    let is_site = matches!(
        s.kind,
        PlaceKind::Airport
            | PlaceKind::MilitaryBase
            | PlaceKind::BorderCrossing
            | PlaceKind::Checkpoint
            | PlaceKind::Station
            | PlaceKind::Dam
            | PlaceKind::OilField
            | PlaceKind::GasField
            | PlaceKind::Site
    );
    let is_town = matches!(
        t.kind,
        PlaceKind::City | PlaceKind::Town | PlaceKind::Village
    );
    // Compared without spaces and the article ("البو كمال" in "معبر البوكمال").
    let bare = |name: &str| {
        let f: String = fold(name).split(' ').collect();
        f.strip_prefix(crate::clitics::ARTICLE)
            .map(str::to_string)
            .unwrap_or(f)
    };
    let site_name: String = fold(&s.name_ar).split(' ').collect();
    let town_name = bare(&t.name_ar);
    is_site && is_town && town_name.chars().count() >= 3 && site_name.contains(&town_name)
}

/// Whether some phrase naming `place` qualifies the location `target` ("X بريف Y").
pub(super) fn qualifies_place(
    locations: &[Location],
    place: crate::model::PlaceIdx,
    target: usize,
) -> bool {
    let target_place = locations[target].place;
    locations.iter().any(|l| {
        l.place == place
            && l.qualifies
                .is_some_and(|q| locations[q].place == target_place)
    })
}

/// Where forces were brought up to: the first precise place of the sentence written after
/// إلى, نحو or باتجاه ("تعزيزات متجهة إلى منطقة أثريا", "إلى نقاطها في بلدة الفرقلس"), not
/// after من (where they came from).
pub(super) fn destination(locations: &[Location], t: &str, range: &Range<usize>) -> Option<usize> {
    locations.iter().position(|l| {
        let inside = l.start >= range.start && l.end <= range.end;
        inside && l.precision < 3 && l.qualifies.is_none() && is_destination(t, l.fstart)
    })
}

fn is_destination(t: &str, fstart: usize) -> bool {
    for w in t[..fstart]
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .take(4)
    {
        // "من" is the grammar of an origin.
        if w == "من" {
            return false;
        }
        if TOWARD.contains(w) {
            return true;
        }
    }
    false
}

/// Places the fighting of a sentence spread to ("وامتدت إلى منطقة الرصافة بريف الرقة"),
/// other than the sentence's event place `li`: each is a place of its own.
pub(super) fn spread_places(
    t: &str,
    locations: &[Location],
    context: &[bool],
    range: &Range<usize>,
    li: usize,
) -> Vec<usize> {
    (0..locations.len())
        .filter(|&i| {
            let l = &locations[i];
            i != li
                && l.start >= range.start
                && l.end <= range.end
                && l.precision < 3
                && l.qualifies.is_none()
                && !context[i]
                && is_spread(t, l.fstart)
                && !same_place(l, &locations[li])
        })
        .collect()
}

/// "امتدت إلى X", "وتوسعت الاشتباكات إلى X": the words before X say the fighting reached it.
fn is_spread(t: &str, fstart: usize) -> bool {
    spread_before(&words_before(t, fstart, 3))
}

/// [`is_spread`] of the words before a place phrase, nearest first.
fn spread_before(words: &[&str]) -> bool {
    let mut before = words.iter();
    before.next().is_some_and(|w| TOWARD.contains(w))
        && before.take(2).any(|w| {
            let w = crate::clitics::without_and(w);
            SPREAD_VERBS.contains(w)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_before_a_place_are_read_nearest_first() {
        let t = fold("قال مراسلنا في دير الزور");
        let at = t.find("دير").unwrap();
        assert_eq!(words_before(&t, at, 6).as_slice(), ["في", "مراسلنا", "قال"]);
        assert_eq!(words_before(&t, at, 2).as_slice(), ["في", "مراسلنا"]);
        assert_eq!(words_before(&t, t.len(), 1).as_slice(), ["الزور"]);
        assert!(words_before(&t, 0, 6).is_empty());
        assert_eq!(word_at(&t, at), "دير");
        assert_eq!(word_at(&t, t.find("الزور").unwrap()), "الزور");
    }

    #[test]
    fn the_preposition_bi_is_told_from_place_nouns() {
        let at = |s: &str| {
            let t = fold(s);
            joined_by_bi(&t, 0)
        };
        assert!(at("بدير الزور"));
        assert!(at("ببلدة السخنة"));
        assert!(!at("بلدة السخنة"));
        assert!(!at("بادية تدمر"));
        assert!(!at("دير الزور"));
    }
}
