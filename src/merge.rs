//! Merge: events from many articles in, one event per incident out. Two reports are the same
//! incident when they come from different articles, lie close together (an R-tree query around
//! each event, never all pairs), fall on the same or an adjacent day (or one date is unknown),
//! and are coded alike (same ACLED event type). Merged events keep every source and every
//! piece of evidence; the count of dead is ACLED's conservative one (the lowest reported
//! non-zero figure) with `fatalities_low`/`fatalities_high` giving the spread; the merge says
//! why in `merged_because`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rstar::{primitives::GeomWithData, RTree};

use crate::gazetteer::distance_km;
use crate::model::Event;

/// Options of the merge, with their defaults.
#[derive(Debug, Clone, Copy)]
pub struct MergeOptions {
    /// Largest distance between two reports of one incident, in km.
    pub max_km: f64,
    /// Largest difference between their dates, in days.
    pub max_days: i64,
}

impl Default for MergeOptions {
    fn default() -> Self {
        MergeOptions {
            max_km: 40.0,
            max_days: 1,
        }
    }
}

type Indexed = GeomWithData<[f64; 2], usize>;

fn km_to_deg(km: f64) -> f64 {
    km / 91.0
}

/// Whether two reports come from different articles, are coded alike and name compatible
/// actors: the conditions every merge needs.
fn comparable(a: &Event, b: &Event) -> bool {
    let shared_article = a
        .sources
        .iter()
        .any(|s| b.sources.iter().any(|t| t.article_id == s.article_id));
    !shared_article && a.event_type == b.event_type && actors_agree(a, b)
}

/// Actors agree when both reports name the same pair (in any order), or, when one names
/// fewer, they share one: "ISIS on regime forces" and "the SDF on ISIS" at one town on one
/// day are two incidents.
fn actors_agree(a: &Event, b: &Event) -> bool {
    // An unidentified group is no actor for this purpose: one outlet's "unknown gunmen" is
    // another's ISIS.
    let known = |e: &Event| -> Vec<String> {
        [e.actor1.clone(), e.actor2.clone()]
            .into_iter()
            .flatten()
            .filter(|n| !n.starts_with("Unidentified"))
            .collect()
    };
    let (sa, sb) = (known(a), known(b));
    if sa.is_empty() || sb.is_empty() {
        return true;
    }
    // Who is actor1 in a clash is the writer's choice: compare the pair unordered.
    if sa.len() == 2 && sb.len() == 2 {
        return sa.iter().all(|x| sb.contains(x));
    }
    sa.iter().any(|x| sb.contains(x))
}

/// Whether two reports name the same place: one's location is among the places the other's
/// sentences give, or their points are closer than `km`.
fn same_place(a: &Event, b: &Event, km: f64) -> bool {
    a.place_ids.contains(&b.gazetteer_id)
        || b.place_ids.contains(&a.gazetteer_id)
        || a.gazetteer_id == b.gazetteer_id
        || distance_km(a.coords[0], b.coords[0]) <= km
}

/// Why two dated reports are one incident, or `None`.
fn same_dated_incident(a: &Event, b: &Event, opts: &MergeOptions) -> Option<String> {
    let (x, y) = (a.date?, b.date?);
    let days = (x - y).num_days().abs();
    let km = distance_km(a.coords[0], b.coords[0]);
    // The cheap checks first: most candidate pairs differ in date or distance.
    if days > opts.max_days || km > opts.max_km || !comparable(a, b) {
        return None;
    }
    if !same_place(a, b, opts.max_km / 2.0) {
        return None;
    }
    let when = if days == 0 {
        "same day".to_string()
    } else {
        format!("{days} day apart")
    };
    Some(format!(
        "{} and {}: {km:.0} km apart, {when}, both {}",
        a.location, b.location, a.sub_event_type
    ))
}

/// Merges reports of the same incident. Dated reports are grouped first; a report without a
/// date then joins a group only when exactly one group fits it (same place named, same
/// type, agreeing actors, and the same count of dead when that decides between groups).
/// Input order decides which report leads a group, so output is deterministic.
pub fn merge(events: Vec<Event>, opts: &MergeOptions) -> Vec<Event> {
    let tree: RTree<Indexed> = RTree::bulk_load(
        events
            .iter()
            .enumerate()
            .map(|(i, e)| Indexed::new(e.coords[0], i))
            .collect(),
    );
    let radius = km_to_deg(opts.max_km);
    let near = |i: usize| -> Vec<usize> {
        let mut v: Vec<usize> = tree
            .locate_within_distance(events[i].coords[0], radius * radius)
            .map(|g| g.data)
            .filter(|&j| j != i)
            .collect();
        v.sort_unstable();
        v
    };
    let mut group: Vec<usize> = (0..events.len()).collect();
    // The members of each group, kept beside `group` so that no step scans every event.
    let mut members: Vec<Vec<usize>> = (0..events.len()).map(|i| vec![i]).collect();
    let mut reasons: Vec<Vec<String>> = vec![Vec::new(); events.len()];
    // Dated reports: a newcomer must agree with every member of the group.
    for i in 0..events.len() {
        if group[i] != i || events[i].date.is_none() {
            continue;
        }
        for j in near(i) {
            if j <= i || group[j] != j {
                continue;
            }
            let fits = members[i]
                .iter()
                .all(|&k| same_dated_incident(&events[k], &events[j], opts).is_some());
            if let (true, Some(why)) = (fits, same_dated_incident(&events[i], &events[j], opts)) {
                group[j] = i;
                members[j].clear();
                members[i].push(j);
                reasons[i].push(why);
            }
        }
    }
    // Undated reports join the one group that fits, unless the other incidents their article
    // tells are dated far from it.
    let choices: Vec<Option<Choice>> = (0..events.len())
        .map(|i| undated_choice(&events, &group, &members, i, near(i)))
        .collect();
    let told = article_dates(&events, &choices);
    for (i, choice) in choices.iter().enumerate() {
        let Some(c) = *choice else { continue };
        let g = c.group;
        if !fits_article(&events[i], i, c, events[g].date, &told) {
            continue;
        }
        let e = &events[i];
        group[i] = g;
        members[i].clear();
        members[g].push(i);
        reasons[g].push(format!(
            "{} and {}: same place named, one date unknown, both {}",
            e.location, events[g].location, e.sub_event_type
        ));
    }
    let mut out: Vec<Event> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; events.len()];
    for (i, e) in events.into_iter().enumerate() {
        let g = group[i];
        match slot[g] {
            Some(k) => absorb(&mut out[k], e),
            None => {
                slot[g] = Some(out.len());
                out.push(e);
            }
        }
    }
    for (i, r) in reasons.into_iter().enumerate() {
        if let (Some(k), false) = (slot[i], r.is_empty()) {
            out[k].merged_because = Some(r.join("; "));
        }
    }
    out
}

/// The dated group an undated report fits, and how firmly.
#[derive(Debug, Clone, Copy)]
struct Choice {
    group: usize,
    /// The same count of dead as the group's: firmer than a fit of place and type alone.
    same_toll: bool,
}

/// How firmly a date is known for an article: its own, or found through a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Firmness {
    Fit,
    SameToll,
    Stated,
}

/// The one group of dated reports an undated report `i` fits, if exactly one does (same place
/// named, same type, agreeing actors, and the same count of dead when that decides).
fn undated_choice(
    events: &[Event],
    group: &[usize],
    members: &[Vec<usize>],
    i: usize,
    near: Vec<usize>,
) -> Option<Choice> {
    let e = &events[i];
    if e.date.is_some() || group[i] != i || members[i].len() > 1 {
        return None;
    }
    let mut leaders: Vec<usize> = near
        .into_iter()
        .filter(|&j| {
            let members = &members[group[j]];
            // Two undated reports alone are too weak a basis for one incident.
            members.iter().any(|&k| events[k].date.is_some())
                && members.iter().all(|&k| comparable(e, &events[k]))
                && members.iter().any(|&k| same_place(e, &events[k], 5.0))
        })
        .map(|j| group[j])
        .collect();
    leaders.sort_unstable();
    leaders.dedup();
    let same_toll: Vec<usize> = leaders
        .iter()
        .copied()
        .filter(|&g| e.fatalities > 0 && events[g].fatalities == e.fatalities)
        .collect();
    match (same_toll.as_slice(), leaders.as_slice()) {
        ([g], _) => Some(Choice {
            group: *g,
            same_toll: true,
        }),
        ([], [g]) if e.fatalities == 0 || events[*g].fatalities == 0 => Some(Choice {
            group: *g,
            same_toll: false,
        }),
        _ => None,
    }
}

/// Days within which the incidents one article tells lie.
const ARTICLE_SPAN_DAYS: i64 = 31;

fn firmness(c: Choice) -> Firmness {
    if c.same_toll {
        Firmness::SameToll
    } else {
        Firmness::Fit
    }
}

/// A date an article's event `usize` is stated or found to have.
type Told = (Firmness, usize, NaiveDate);

/// The dates each article's events are stated or found to have (the date of the group an
/// undated one fits), with how firmly.
fn article_dates<'e>(
    events: &'e [Event],
    choices: &[Option<Choice>],
) -> HashMap<&'e str, Vec<Told>> {
    let mut told: HashMap<&str, Vec<Told>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        let date = match (e.date, choices[i]) {
            (Some(d), _) => Some((Firmness::Stated, d)),
            (None, Some(c)) => events[c.group].date.map(|d| (firmness(c), d)),
            (None, None) => None,
        };
        if let (Some((f, d)), Some(s)) = (date, e.sources.first()) {
            told.entry(s.article_id.as_str())
                .or_default()
                .push((f, i, d));
        }
    }
    told
}

/// Whether an undated report `i` can be of a group dated `date`: the other incidents of its
/// article dated more firmly, or as firmly but told before it (a report's lead incident sets
/// its time), do not put the article months away from it.
fn fits_article(
    e: &Event,
    i: usize,
    choice: Choice,
    date: Option<NaiveDate>,
    told: &HashMap<&str, Vec<Told>>,
) -> bool {
    let (Some(date), Some(source)) = (date, e.sources.first()) else {
        return true;
    };
    let mine = firmness(choice);
    let others: Vec<NaiveDate> = told
        .get(source.article_id.as_str())
        .into_iter()
        .flatten()
        .filter(|(f, k, _)| *f > mine || (*f == mine && *k < i))
        .map(|(_, _, d)| *d)
        .collect();
    others.is_empty()
        || others
            .iter()
            .any(|d| (*d - date).num_days().abs() <= ARTICLE_SPAN_DAYS)
}

/// Adds a report of the same incident to `into`.
fn absorb(into: &mut Event, other: Event) {
    // Every figure a report gave (its toll and its own spread); reports that gave none do
    // not pull the spread down to zero.
    let figures: Vec<u32> = [into, &other]
        .iter()
        .filter(|e| e.fatalities > 0)
        .flat_map(|e| [Some(e.fatalities), e.fatalities_low, e.fatalities_high])
        .flatten()
        .filter(|&f| f > 0)
        .collect();
    let tolls = [into.fatalities, other.fatalities]
        .into_iter()
        .filter(|&f| f > 0);
    into.fatalities = tolls.min().unwrap_or(0);
    into.fatalities_low = figures.iter().copied().min();
    into.fatalities_high = figures.iter().copied().max();
    into.injured = match (into.injured, other.injured) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if into.date.is_none() {
        into.date = other.date;
        into.time_precision = other.time_precision;
    }
    if into.geo_precision > other.geo_precision {
        into.coords = other.coords.clone();
        into.geo_precision = other.geo_precision;
        into.gazetteer_id = other.gazetteer_id.clone();
        into.location = other.location.clone();
        into.location_ar = other.location_ar.clone();
        into.location_text = other.location_text.clone();
        into.admin1 = other.admin1.clone();
        into.admin2 = other.admin2.clone();
    }
    if into.actor1.is_none() {
        into.actor1 = other.actor1;
        into.inter1 = other.inter1;
    }
    if into.actor2.is_none() {
        into.actor2 = other.actor2;
        into.inter2 = other.inter2;
    }
    for id in other.place_ids {
        if !into.place_ids.contains(&id) {
            into.place_ids.push(id);
        }
    }
    into.sources.extend(other.sources);
    into.evidence.extend(other.evidence);
    into.confidence = into.confidence.max(other.confidence);
}
