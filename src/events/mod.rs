//! Events: an article with its resolved place phrases in, ACLED-coded [`Event`]s out.
//!
//! The article is cut into sentences. A sentence reports an incident when [`types::classify`]
//! codes it and it is not a statistics summary ([`types::is_statistics`]). Its place is the
//! first place phrase in it that is not context (an origin "المنحدر من X", a destination
//! "إلى X", a hospital "مشفى X", a base fire came from "الموجودة في X") nor a qualifier of
//! another phrase ("X بريف Y"). Sentences about the same place, or that go on about the last
//! incident without naming a place ("ما أدى إلى مقتل 17 عنصراً"), add to one event: the
//! evidence grows, the count of dead is the largest reported. A region-level event is folded
//! into a precise one in the same region when date and counts agree.
//!
//! By job: `segment` cuts the article into the parts that are read, `sentence` reads each
//! into a `Reading`, `place` tells which place phrase is an incident's, this module groups
//! the readings into incidents ([`extract`]), and `assemble` builds each incident's event.

pub mod actors;
mod assemble;
pub mod dates;
mod lexicon;
pub mod numbers;
mod numwords;
mod place;
mod segment;
mod sentence;
pub mod targets;
pub mod types;
pub mod victims;

pub use segment::{sentences, MAX_SENTENCE_BYTES};
pub(crate) use sentence::{List, Sentence};

use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::gazetteer::Gazetteer;
use crate::geodesy::distance_km;
use crate::model::{Article, Event, EventType, Location, SubEventType};
use crate::normalize::Folded;
use crate::rules::WordSet;
use place::{
    context_flags, destination, event_place, is_vague, qualifies_place, same_place,
    seat_or_governorate, site_of_town, spread_places, victims_home,
};
use segment::is_background;
use sentence::{has_casualties, is_firm, read_sentence, Reading};

/// An event being assembled from the sentences of one article.
struct Draft {
    loc: usize,
    readings: Vec<usize>,
    /// An air-strike event split off a sentence that also tells a ground attack.
    strike: bool,
    /// Forces brought up to the place (Strategic developments).
    movement: bool,
}

/// Reads an article's events. `locations` come from [`crate::resolve::resolve`] over the same
/// article and `folded` is its folded text.
pub fn extract(
    gaz: &Gazetteer,
    article: &Article,
    folded: &Folded,
    locations: &[Location],
) -> Vec<Event> {
    // Every event is placed at one of the article's place phrases: an article that names
    // none (a report on other matters, common in a general feed) tells no event, and its
    // sentences are not read.
    if locations.is_empty() {
        return Vec::new();
    }
    let text = article.text.as_str();
    // Which place phrases are context (origins, destinations, hospitals) is read once.
    let context = context_flags(&folded.text, locations);
    let parts = segment::parts(text, folded, locations, &context);
    // Without a publication date, a weekday may tell the year of a date written without one.
    let latest_year = article
        .published
        .is_none()
        .then(|| dates::latest_year_in(&Sentence::new(text, folded)))
        .flatten();
    let readings: Vec<Reading> = parts
        .into_iter()
        .map(|(r, title, recalled)| {
            let mut reading = read_sentence(text, folded, r, article.published, latest_year, title);
            reading.recall |= recalled;
            reading
        })
        .collect();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut last: Option<usize> = None;
    // The draft of the incident told last, kept across sentences that tell none, and the
    // placeless incident sentences told before any place ("قال المرصد إن هجوماً على حافلة
    // أسفر عن مقتل 23 جندياً", then "ووقع الهجوم بالقرب من بلدة الميادين").
    let mut told: Option<usize> = None;
    let mut pending: Vec<usize> = Vec::new();
    for (ri, r) in readings.iter().enumerate() {
        if r.title || r.statistics || is_background(r) {
            last = None;
            // A habit or a reminder told between an incident and its toll ("وتشهد المنطقة
            // انتشاراً لخلايا التنظيم. وأسفر الانفجار عن مقتل سبعة") does not end the
            // incident the toll names again.
            if !r.reminder {
                told = None;
            }
            continue;
        }
        let place = event_place(gaz, locations, &context, &folded.text, &r.range)
            // "... في البادية السورية، حيث قتل 4": the desert at large goes on about the
            // incident just told rather than placing a new one.
            .filter(|&li| !(last.is_some() && is_vague(gaz, &locations[li])))
            // An incident told with no place but its victims' home, and no incident before
            // it to go on about, is placed there.
            .or_else(|| {
                (last.is_none() && r.class.is_some())
                    .then(|| victims_home(locations, &folded.text, &r.range))
                    .flatten()
            });
        match (&r.class, place) {
            (Some(class), Some(li)) => {
                if class.event_type == EventType::Battles && r.air_strike {
                    // "… and war planes struck the area after the attack": the strikes are
                    // an event of their own at the same place.
                    add_strike(&mut drafts, &readings, locations, li, ri);
                }
                let incident = Incident {
                    gaz,
                    locations,
                    context: &context,
                    readings: &readings,
                };
                // «قتل وجرح عدد من العناصر … قرب مدينة الرقة. وقال المرصد إن … في بلدة معدان
                // عتيق شرقي الرقة، ما أسفر عن مقتل 10»: a source's account right after a lead
                // that counts no victims counts them at a place in or near the lead's: one
                // incident, at the finer place.
                let detail = last.filter(|&di| {
                    let lead = &drafts[di];
                    lead.readings == [ri.wrapping_sub(1)]
                        && tells_the_lead_in_detail(&readings, lead, r, class)
                        && (within_lead(locations, lead.loc, li)
                            || names_the_lead(gaz, locations, &r.range, lead.loc, li))
                });
                if let Some(di) = detail {
                    drafts[di].loc = li;
                }
                let goes_on = detail.or_else(|| {
                    last.filter(|&di| {
                        r.elaboration
                            && !is_strike(&readings, &drafts[di])
                            && !is_air_strike(class)
                            && within_lead(locations, drafts[di].loc, li)
                    })
                });
                last = Some(match goes_on {
                    Some(di) => {
                        drafts[di].readings.push(ri);
                        di
                    }
                    None => incident.add(&mut drafts, class, li, ri),
                });
                if let Some(di) = last {
                    told = Some(di);
                    // The placeless lead is the incident this sentence places by naming it
                    // again ("ووقع الهجوم قرب …").
                    if !pending.is_empty() && r.refers_back {
                        drafts[di].readings.append(&mut pending);
                        drafts[di].readings.sort_unstable();
                    }
                }
                pending.clear();
                if !has_casualties(r) {
                    for si in spread_places(&folded.text, locations, &context, &r.range, li) {
                        incident.add(&mut drafts, class, si, ri);
                    }
                }
            }
            // «قال المرصد إن انفجار لغم أسفر عن إصابة ثلاثة مدنيين. ووقع الانفجار قرب بلدة
            // الميادين»: a sentence that only places the incident it names again, coded by
            // nothing of its own, places the placeless lead.
            (None, Some(li)) if r.refers_back && !pending.is_empty() => {
                if let Some(class) = pending.iter().find_map(|&p| readings[p].class.clone()) {
                    let incident = Incident {
                        gaz,
                        locations,
                        context: &context,
                        readings: &readings,
                    };
                    let di = incident.add(&mut drafts, &class, li, ri);
                    drafts[di].readings.append(&mut pending);
                    drafts[di].readings.sort_unstable();
                    last = Some(di);
                    told = Some(di);
                }
                pending.clear();
            }
            (Some(class), None) if is_air_strike(class) => {
                // Air strikes told beside a ground battle are their own event (ACLED codes
                // another actor's strikes apart), at the battle's place.
                if let Some(di) = last {
                    let loc = drafts[di].loc;
                    add_strike(&mut drafts, &readings, locations, loc, ri);
                }
            }
            // A recalled incident with no place of its own adds nothing to the last one.
            (_, None) if r.recall => last = None,
            // «وفي سياق منفصل، انفجر لغم …» at a place the gazetteer lacks: another incident,
            // which adds nothing to the one told before; a later sentence may place it.
            (_, None) if r.other_matter => {
                last = None;
                told = None;
                pending.clear();
                if r.class.is_some() || has_casualties(r) {
                    pending.push(ri);
                }
            }
            (_, None) if told.is_none() && (r.class.is_some() || has_casualties(r)) => {
                pending.push(ri);
            }
            // "وأدى الهجوم إلى مقتل ثلاثة", "فإن أربعة من القتلى ينتمون …": the incident told
            // last, or its dead, named again after sentences that told none.
            (_, None)
                if last.is_none()
                    && (r.class.is_some() || has_casualties(r))
                    && r.refers_back_or_to_victims =>
            {
                if let Some(di) = told.filter(|&di| compatible(&readings, &drafts[di], r)) {
                    drafts[di].readings.push(ri);
                    last = Some(di);
                }
            }
            (_, None) if last.is_some() && (r.class.is_some() || has_casualties(r)) => {
                if let (Some(di), Some(c)) = (last, &r.class) {
                    if c.event_type == EventType::Battles && r.air_strike {
                        let loc = drafts[di].loc;
                        add_strike(&mut drafts, &readings, locations, loc, ri);
                    }
                }
                // A placeless sentence goes on about the last incident, unless it tells a
                // ground incident by another actor after air strikes ("the strikes came hours
                // after an ISIS attack").
                if let Some(di) = last {
                    let striker = drafts[di]
                        .readings
                        .iter()
                        .find_map(|&i| readings[i].actors.0.as_ref());
                    let other_actor =
                        matches!((striker, &r.actors.0), (Some(a), Some(b)) if a != b);
                    let same_type = !(is_strike(&readings, &drafts[di])
                        && r.class.as_ref().is_some_and(|c| !is_air_strike(c))
                        && other_actor)
                        && compatible(&readings, &drafts[di], r)
                        && near_publication(r, article.published);
                    if same_type {
                        drafts[di].readings.push(ri);
                    }
                }
            }
            (None, _) if r.movement.is_some() => {
                if let Some(li) = destination(locations, &folded.text, &r.range) {
                    add_movement(&mut drafts, locations, li, ri);
                }
                last = None;
            }
            _ => {
                // An incident at no place known ("اندلعت اشتباكات في رجم الحيات") is another
                // one than that told before: what names "the attack" later is not about it.
                if r.class.is_some() {
                    told = None;
                }
                last = None;
            }
        }
    }
    fold_regions_into_places(gaz, &mut drafts, &readings, locations);
    // A whole region is an incident's place only when its sentences count victims or name
    // the day; otherwise it is background ("ISIS is active in the Badia").
    // Air strikes are the exception: ACLED codes strikes on "ISIS positions in the Badia".
    drafts.retain(|d| {
        locations[d.loc].precision < 3
            || is_strike(&readings, d)
            || d.readings.iter().any(|&i| {
                let r = &readings[i];
                is_firm(r) || names_both_sides(r, &folded.text[folded.folded_within(&r.range)])
            })
    });
    assemble::events(gaz, article, locations, &context, &readings, &drafts)
}

/// Whether sentence `r` tells what one side did to another, both named («هاجم مسلحو
/// التنظيم موقعاً لقوات النظام في ريف دير الزور»): an incident, even in a whole region with
/// no toll and no day, not the background of one side's activity there.
/// A sentence that opens with a verb in the imperfect («يشن التنظيم هجمات على …») tells
/// what a side does, not what it did: its prefix ي is grammar, code.
/// Nor one that denies or doubts it or tells it of a year ([`unasserted`]).
fn names_both_sides(r: &Reading, folded: &str) -> bool {
    let first = folded.split(' ').find(|w| !w.is_empty()).unwrap_or("");
    let imperfect = crate::clitics::without_and(first).starts_with('ي');
    let told = r.class.is_some()
        && r.actors.0.is_some()
        && r.actors.1.is_some()
        && !r.reminder
        && !r.recall
        && !imperfect;
    told && !unasserted(folded)
}

/// Whether a folded sentence denies or doubts what it tells (`unasserted`; a `denial_verb`
/// only with «أن» or «صحة» within three words after it: what it denies follows, grammar that
/// stays code) or tells it of a year («في عام 2017»: four digits after a `year_word`, not
/// after a `since_word`).
fn unasserted(folded: &str) -> bool {
    static UNASSERTED: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("unasserted"));
    static DENIAL_VERBS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("denial_verb"));
    // "عام", "سنة" and "منذ" of data/rules/dates.csv.
    static YEAR_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("year_word"));
    static SINCE_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("since_word"));
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let is_year = |w: &str| {
        w.len() == 4 && w.starts_with(['1', '2']) && w.bytes().all(|b| b.is_ascii_digit())
    };
    words.iter().enumerate().any(|(i, &w)| {
        if DENIAL_VERBS.contains(crate::clitics::without_and(w)) {
            return words[i + 1..]
                .iter()
                .take(3)
                .any(|n| matches!(*n, "ان" | "بان" | "صحه"));
        }
        if UNASSERTED.has_word(w) {
            return true;
        }
        i >= 1
            && is_year(w)
            && YEAR_WORDS.has_word(words[i - 1])
            && !(i >= 2 && SINCE_WORDS.has_word(words[i - 2]))
    })
}

/// How far the place of an elaborating sentence may lie from the incident it elaborates, in
/// km.
const ELABORATION_KM: f64 = 50.0;

/// Whether sentence `r`, coded `class`, is a source's account of the lead `lead` (one
/// sentence) in detail: it opens with a verb of telling and counts victims the lead told
/// uncounted, of the same sub-event type, by sides that do not conflict, on no other day
/// than the lead's, and does not call its incident another («عبوة أخرى», «اشتباكات
/// مماثلة»: `another_word`). It may lie farther than an elaboration (the lead names a town,
/// the account a village of its countryside) because all of these agree.
fn tells_the_lead_in_detail(
    readings: &[Reading],
    lead: &Draft,
    r: &Reading,
    class: &types::Classification,
) -> bool {
    let told = &readings[lead.readings[0]];
    let counts = |r: &Reading| {
        r.casualties.killed.as_ref().is_some_and(|c| c.value > 0)
            || r.casualties.injured.as_ref().is_some_and(|c| c.value > 0)
    };
    let day = |r: &Reading| r.date.as_ref().map(|d| d.date);
    r.account
        && !lead.strike
        && !lead.movement
        && !r.another
        && !counts(told)
        && counts(r)
        && (day(r).is_none() || day(r) == day(told))
        && told
            .class
            .as_ref()
            .is_some_and(|c| c.sub_event_type == class.sub_event_type)
        && compatible(readings, lead, r)
}

/// Whether location `li` lies within [`ELABORATION_KM`] of the lead's location `lead`.
fn within_lead(locations: &[Location], lead: usize, li: usize) -> bool {
    distance_km(locations[lead].coords[0], locations[li].coords[0]) <= ELABORATION_KM
}

/// Whether the sentence at `range` places `li` by the lead's place («… في بلدة معدان عتيق
/// شرقي الرقة» after «قرب مدينة الرقة»), or by a place of its name (the city and the
/// governorate of Raqqa).
fn names_the_lead(
    gaz: &Gazetteer,
    locations: &[Location],
    range: &std::ops::Range<usize>,
    lead: usize,
    li: usize,
) -> bool {
    locations.iter().any(|l| {
        l.qualifies == Some(li)
            && l.start >= range.start
            && l.end <= range.end
            && (l.place == locations[lead].place
                || gaz.place(l.place).name_ar == gaz.place(locations[lead].place).name_ar)
    })
}

/// What a sentence telling an incident is read against.
struct Incident<'a> {
    gaz: &'a Gazetteer,
    locations: &'a [Location],
    context: &'a [bool],
    readings: &'a [Reading],
}

impl Incident<'_> {
    /// Adds sentence `ri`, coded `class`, at location `li` to the draft it goes on about, or
    /// starts one; returns the draft's index.
    fn add(
        &self,
        drafts: &mut Vec<Draft>,
        class: &types::Classification,
        li: usize,
        ri: usize,
    ) -> usize {
        let (locations, readings) = (self.locations, self.readings);
        let same = |d: &Draft| {
            !d.movement
                && (same_place(&locations[d.loc], &locations[li])
                    || site_of_town(self.gaz, &locations[d.loc], &locations[li])
                    || names_front(locations, self.context, readings, d, li))
                && compatible(readings, d, &readings[ri])
                && is_strike(readings, d) == is_air_strike(class)
                && readings[d.readings[0]].recall == readings[ri].recall
        };
        join_or_start(drafts, same, DraftKind::Incident, li, ri)
    }
}

/// Whether the draft's sentences already named the place of location `li` among where the
/// incident happened ("على محاور الرهجان والشاكوسية وأثريا", later "قرب منطقة أثريا"): the
/// later sentence goes on about that incident's front rather than telling a new one.
fn names_front(
    locations: &[Location],
    context: &[bool],
    readings: &[Reading],
    d: &Draft,
    li: usize,
) -> bool {
    let place = locations[li].place;
    locations.iter().enumerate().any(|(i, l)| {
        l.place == place
            && i != li
            && l.qualifies.is_none()
            && !context[i]
            && d.readings.iter().any(|&ri| {
                let r = &readings[ri].range;
                l.start >= r.start && l.end <= r.end
            })
    })
}

/// What a draft started for a sentence is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DraftKind {
    /// An incident told by the sentence.
    Incident,
    /// Air strikes split off a ground attack.
    Strike,
    /// Forces brought up to a place.
    Movement,
}

/// Adds sentence `ri` to the first draft that `goes_on` says it goes on about, or starts a
/// draft of `kind` at location `li`; returns the draft's index.
fn join_or_start(
    drafts: &mut Vec<Draft>,
    goes_on: impl Fn(&Draft) -> bool,
    kind: DraftKind,
    li: usize,
    ri: usize,
) -> usize {
    if let Some(di) = drafts.iter().position(goes_on) {
        drafts[di].readings.push(ri);
        return di;
    }
    drafts.push(Draft {
        loc: li,
        readings: vec![ri],
        strike: kind == DraftKind::Strike,
        movement: kind == DraftKind::Movement,
    });
    drafts.len() - 1
}

/// Adds sentence `ri` to the movement draft at location `li`, starting one if needed.
fn add_movement(drafts: &mut Vec<Draft>, locations: &[Location], li: usize, ri: usize) {
    let same = |d: &Draft| d.movement && same_place(&locations[d.loc], &locations[li]);
    join_or_start(drafts, same, DraftKind::Movement, li, ri);
}

/// Adds sentence `ri` to the air-strike draft at location `li`, starting one if needed.
fn add_strike(
    drafts: &mut Vec<Draft>,
    readings: &[Reading],
    locations: &[Location],
    li: usize,
    ri: usize,
) {
    let same = |d: &Draft| same_place(&locations[d.loc], &locations[li]) && is_strike(readings, d);
    join_or_start(drafts, same, DraftKind::Strike, li, ri);
}

fn is_air_strike(c: &types::Classification) -> bool {
    c.sub_event_type == SubEventType::AirDroneStrike
}

fn first_class<'r>(readings: &'r [Reading], d: &Draft) -> Option<&'r types::Classification> {
    d.readings.iter().find_map(|&i| readings[i].class.as_ref())
}

/// Whether a draft is an air-strike event (its first coded sentence says so).
fn is_strike(readings: &[Reading], d: &Draft) -> bool {
    d.strike || first_class(readings, d).is_some_and(is_air_strike)
}

/// A sentence dated weeks before the article was published ("وبتاريخ 18 من شهر آب") recalls
/// an earlier incident rather than going on about this one.
fn near_publication(r: &Reading, published: Option<NaiveDate>) -> bool {
    match (&r.date, published) {
        (Some(d), Some(p)) => (p - d.date).num_days().abs() <= 7,
        _ => true,
    }
}

/// A new sentence continues a draft when its date does not contradict the draft's.
fn compatible(readings: &[Reading], d: &Draft, r: &Reading) -> bool {
    let date = |x: &Reading| x.date.as_ref().map(|d| d.date);
    let theirs: Vec<NaiveDate> = d
        .readings
        .iter()
        .filter_map(|&i| date(&readings[i]))
        .collect();
    match date(r) {
        Some(mine) => theirs.iter().all(|t| *t == mine),
        None => true,
    }
}

/// Folds a region-level draft into a precise draft inside that region when their dates and
/// counts of dead agree: the lead's "في ريف دير الزور" and the body's "في حقل التيم" are one
/// incident.
fn fold_regions_into_places(
    gaz: &Gazetteer,
    drafts: &mut Vec<Draft>,
    readings: &[Reading],
    locations: &[Location],
) {
    let mut i = 0;
    while i < drafts.len() {
        let loc = &locations[drafts[i].loc];
        let target = drafts.iter().enumerate().position(|(k, d)| {
            let other = &locations[d.loc];
            if k == i {
                return false;
            }
            let inside = if loc.precision < 3 && !seat_or_governorate(gaz, loc) {
                // "بمدينة السلمية" and "بقرية رسم الأحمر بريف مدينة السلمية": the town that
                // qualifies the village elsewhere in the article is the same incident's area,
                // when the town's sentences carry the toll the village's lack.
                qualifies_place(locations, loc.place, d.loc)
                    && tolls_complete(readings, d, &drafts[i], loc.precision >= 2)
            } else {
                let same_governorate = !gaz.place(loc.place).admin1.is_empty()
                    && gaz.place(other.place).admin1 == gaz.place(loc.place).admin1;
                other.precision < 3
                    && (same_governorate || distance_km(other.coords[0], loc.coords[0]) < 150.0)
            };
            inside
                && agree(readings, d, &drafts[i])
                && !arrests_apart(readings, d, &drafts[i])
                && is_strike(readings, d) == is_strike(readings, &drafts[i])
                && d.movement == drafts[i].movement
        });
        match target {
            Some(t) if t != i => {
                let moved = std::mem::take(&mut drafts[i].readings);
                drafts[t].readings.extend(moved);
                drafts[t].readings.sort_unstable();
                drafts.remove(i);
            }
            _ => i += 1,
        }
    }
}

/// Whether `town` reports the dead and `village` reports none or the same number.
/// With no toll on either side, only a town named as an area ("محيط مدينة سلمية") folds.
fn tolls_complete(readings: &[Reading], village: &Draft, town: &Draft, town_is_area: bool) -> bool {
    let killed = |d: &Draft| {
        d.readings
            .iter()
            .filter_map(|&i| readings[i].casualties.killed.as_ref().map(|k| k.value))
            .max()
    };
    match (killed(village), killed(town)) {
        (None, Some(_)) => true,
        (Some(v), Some(t)) => v == t,
        (None, None) => town_is_area,
        (Some(_), None) => false,
    }
}

/// Whether one draft tells arrests and the other not: a region's arrests are no part of a
/// battle in a town of it, nor the other way round.
fn arrests_apart(readings: &[Reading], a: &Draft, b: &Draft) -> bool {
    let arrests = |d: &Draft| {
        d.readings.iter().any(|&i| {
            readings[i]
                .class
                .as_ref()
                .is_some_and(|c| c.sub_event_type == SubEventType::Arrests)
        })
    };
    arrests(a) != arrests(b)
}

fn agree(readings: &[Reading], a: &Draft, b: &Draft) -> bool {
    let dates = |d: &Draft| -> Vec<NaiveDate> {
        d.readings
            .iter()
            .filter_map(|&i| readings[i].date.as_ref().map(|x| x.date))
            .collect()
    };
    let killed = |d: &Draft| {
        d.readings
            .iter()
            .filter_map(|&i| readings[i].casualties.killed.as_ref().map(|k| k.value))
            .max()
    };
    let (da, db) = (dates(a), dates(b));
    let same_day = da.iter().any(|x| db.contains(x));
    let dates_ok = da.is_empty() || db.is_empty() || same_day;
    // On a stated common day, a region's vaguer toll does not make it another incident.
    let killed_ok = same_day
        || match (killed(a), killed(b)) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        };
    dates_ok && killed_ok
}
