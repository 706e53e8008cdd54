//! Merge: events from many articles in, one event per incident out. Two reports are the same
//! incident when they come from different articles, lie close together (an R-tree query around
//! each event, never all pairs), fall on the same or an adjacent day (or one date is unknown),
//! and are coded alike (same ACLED event type). Merged events keep every source and every
//! piece of evidence; the count of dead is ACLED's conservative one (the lowest reported
//! non-zero figure) with `fatalities_low`/`fatalities_high` giving the spread; the merge says
//! why in `merged_because`.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use rstar::{primitives::GeomWithData, RTree, AABB};
use smallvec::SmallVec;

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

/// How close an undated report must lie to a report of a group to name the same place, in km.
const SAME_PLACE_KM: f64 = 5.0;

/// Squared distance of two (lon, lat) points in degrees, as the R-tree measures it.
fn deg_distance_2(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    dx * dx + dy * dy
}

/// A (lon, lat) box holding every point within `km` of `p` by [`distance_km`], with a margin
/// for rounding; the whole range of longitudes near the poles or the antimeridian.
fn box_around(p: [f64; 2], km: f64) -> AABB<[f64; 2]> {
    const EARTH_KM: f64 = 6371.0088;
    let margin = |deg: f64| deg * 1.01 + 1e-9;
    let dlat = margin((km / EARTH_KM).to_degrees());
    let far = p[1].abs() + dlat;
    // haversine: cos φ1 · cos φ2 · sin²(Δλ/2) ≤ sin²(d / 2R), and |φ2| ≤ far.
    let h = (km / (2.0 * EARTH_KM)).sin().powi(2);
    let c = p[1].to_radians().cos() * far.to_radians().cos();
    let dlon = if far < 89.0 && h < c {
        margin((2.0 * (h / c).sqrt().asin()).to_degrees())
    } else {
        f64::INFINITY
    };
    let (west, east) = if p[0] - dlon > -180.0 && p[0] + dlon < 180.0 {
        (p[0] - dlon, p[0] + dlon)
    } else {
        (f64::MIN, f64::MAX)
    };
    AABB::from_corners([west, p[1] - dlat], [east, p[1] + dlat])
}

fn km_to_deg(km: f64) -> f64 {
    km / 91.0
}

/// What the merge needs to know of one report, names as numbers ([`Names`]). The merge is
/// planned on these (about a hundred bytes a report), so the events themselves can wait on
/// disk while a large batch is merged.
#[derive(Debug, Clone)]
pub struct Report {
    date: Option<NaiveDate>,
    point: [f64; 2],
    event_type: u32,
    sub_event_type: u32,
    /// The actors named, without unidentified groups: one outlet's "unknown gunmen" is
    /// another's ISIS.
    actors: SmallVec<[u32; 2]>,
    /// The reporting articles, by a 64-bit hash of their ids: a corpus has as many ids as
    /// articles, too many to keep as text (at a million articles, two ids collide with a
    /// chance of about one in 30 million).
    articles: SmallVec<[u64; 1]>,
    /// The gazetteer place.
    place: u32,
    /// Every place the evidence names as where it happened.
    named: SmallVec<[u32; 4]>,
    location: u32,
    fatalities: u32,
}

/// Names (article ids, places, types, actors) numbered in order of first sight.
#[derive(Debug, Default)]
pub struct Names {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }

    fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
}

/// Reports gathered for a merge, in input order.
#[derive(Debug, Default)]
pub struct Reports {
    names: Names,
    reports: Vec<Report>,
}

impl Reports {
    pub fn new() -> Reports {
        Reports::default()
    }

    /// Adds the next event's report.
    pub fn push(&mut self, e: &Event) {
        let names = &mut self.names;
        let report = Report {
            date: e.date,
            point: e.coords[0],
            event_type: names.id(&e.event_type),
            sub_event_type: names.id(&e.sub_event_type),
            actors: [e.actor1.as_deref(), e.actor2.as_deref()]
                .into_iter()
                .flatten()
                .filter(|n| !n.starts_with("Unidentified"))
                .map(|n| names.id(n))
                .collect(),
            articles: e
                .sources
                .iter()
                .map(|s| article_key(&s.article_id))
                .collect(),
            place: names.id(&e.gazetteer_id),
            named: e.place_ids.iter().map(|p| names.id(p)).collect(),
            location: names.id(&e.location),
            fatalities: e.fatalities,
        };
        self.reports.push(report);
    }

    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }
}

/// FNV-1a of an article id.
fn article_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether two reports come from different articles, are coded alike and name compatible
/// actors: the conditions every merge needs.
fn comparable(a: &Report, b: &Report) -> bool {
    let shared_article = a.articles.iter().any(|s| b.articles.contains(s));
    !shared_article && a.event_type == b.event_type && actors_agree(a, b)
}

/// Actors agree when both reports name the same pair (in any order), or, when one names
/// fewer, they share one: "ISIS on regime forces" and "the SDF on ISIS" at one town on one
/// day are two incidents.
fn actors_agree(a: &Report, b: &Report) -> bool {
    let (sa, sb) = (&a.actors, &b.actors);
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
fn same_place(a: &Report, b: &Report, km: f64) -> bool {
    a.named.contains(&b.place)
        || b.named.contains(&a.place)
        || a.place == b.place
        || distance_km(a.point, b.point) <= km
}

/// Whether two dated reports are one incident: their distance in km and days apart when so.
fn same_dated_incident(a: &Report, b: &Report, opts: &MergeOptions) -> Option<(f64, i64)> {
    let (x, y) = (a.date?, b.date?);
    let days = (x - y).num_days().abs();
    let km = distance_km(a.point, b.point);
    // The cheap checks first: most candidate pairs differ in date or distance.
    if days > opts.max_days || km > opts.max_km || !comparable(a, b) {
        return None;
    }
    same_place(a, b, opts.max_km / 2.0).then_some((km, days))
}

/// Which reports are one incident: `group[i]` is the report leading `i`'s group.
#[derive(Debug)]
pub struct Plan {
    group: Vec<usize>,
    /// Why each merged group's reports were merged, by leader.
    reasons: HashMap<usize, Vec<String>>,
}

impl Plan {
    /// The groups in output order (by their first report).
    pub fn groups(&self) -> Groups {
        let n = self.group.len();
        // Group number of each leader, in order of the group's first report.
        let mut number = vec![u32::MAX; n];
        let mut sizes: Vec<usize> = Vec::new();
        let mut leaders: Vec<usize> = Vec::new();
        for &g in &self.group {
            if number[g] == u32::MAX {
                number[g] = sizes.len() as u32;
                sizes.push(0);
                leaders.push(g);
            }
            sizes[number[g] as usize] += 1;
        }
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        starts.push(0);
        for size in &sizes {
            starts.push(starts.last().copied().unwrap_or(0) + size);
        }
        let mut fill = starts.clone();
        let mut members = vec![0; n];
        for (i, &g) in self.group.iter().enumerate() {
            let k = number[g] as usize;
            members[fill[k]] = i;
            fill[k] += 1;
        }
        let reasons = leaders
            .iter()
            .enumerate()
            .filter_map(|(k, g)| Some((k, self.reasons.get(g)?.join("; "))))
            .collect();
        Groups {
            members,
            starts,
            reasons,
        }
    }
}

/// The groups of a [`Plan`]: each one's reports in input order, and why they were merged.
#[derive(Debug)]
pub struct Groups {
    members: Vec<usize>,
    /// Group `k`'s reports are `members[starts[k]..starts[k + 1]]`.
    starts: Vec<usize>,
    reasons: HashMap<usize, String>,
}

impl Groups {
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Group `k`: its reports and why they were merged.
    pub fn get(&self, k: usize) -> (&[usize], Option<&str>) {
        let members = &self.members[self.starts[k]..self.starts[k + 1]];
        (members, self.reasons.get(&k).map(String::as_str))
    }
}

/// Merges reports of the same incident (see [`plan`]): events in, one event per incident out.
pub fn merge(events: Vec<Event>, opts: &MergeOptions) -> Vec<Event> {
    let mut reports = Reports::new();
    for e in &events {
        reports.push(e);
    }
    let groups = plan(&reports, opts).groups();
    let mut events: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    (0..groups.len())
        .filter_map(|k| {
            let (members, why) = groups.get(k);
            combine(members.iter().filter_map(|&i| events[i].take()), why)
        })
        .collect()
}

/// One event from the reports of one incident, in input order; `None` for no reports.
pub fn combine(reports: impl IntoIterator<Item = Event>, why: Option<&str>) -> Option<Event> {
    let mut reports = reports.into_iter();
    let mut first = reports.next()?;
    for other in reports {
        absorb(&mut first, other);
    }
    if let Some(why) = why {
        first.merged_because = Some(why.to_string());
    }
    Some(first)
}

/// Plans the merge of reports of the same incident. Dated reports are grouped first; a report
/// without a date then joins a group only when exactly one group fits it (same place named,
/// same type, agreeing actors, and the same count of dead when that decides between groups).
/// Input order decides which report leads a group, so output is deterministic.
///
/// Cost grows with the number of reports near in space and time, not with all pairs: dated
/// reports are indexed by event type and day (one R-tree each; only days within `max_days`
/// are asked), undated ones ask only the reports that could lead a group.
pub fn plan(reports: &Reports, opts: &MergeOptions) -> Plan {
    let names = &reports.names;
    let events = &reports.reports;
    let radius = km_to_deg(opts.max_km);
    let within = |tree: &RTree<Indexed>, i: usize, out: &mut Vec<usize>| {
        out.extend(
            tree.locate_within_distance(events[i].point, radius * radius)
                .map(|g| g.data)
                .filter(|&j| j != i),
        );
    };
    let mut group: Vec<usize> = (0..events.len()).collect();
    // The members of each group, kept beside `group` so that no step scans every event.
    let mut members: Vec<SmallVec<[usize; 1]>> = (0..events.len())
        .map(|i| SmallVec::from_elem(i, 1))
        .collect();
    let mut reasons: HashMap<usize, Vec<String>> = HashMap::new();
    // Dated reports: a newcomer must agree with every member of the group. Only reports
    // dated within `max_days` can agree, so only their days are searched.
    // One tree per event type and day: reports of another type never merge.
    let mut by_day: BTreeMap<(u32, NaiveDate), Vec<Indexed>> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        if let Some(d) = e.date {
            let key = (e.event_type, d);
            by_day
                .entry(key)
                .or_default()
                .push(Indexed::new(e.point, i));
        }
    }
    let by_day: BTreeMap<(u32, NaiveDate), RTree<Indexed>> = by_day
        .into_iter()
        .map(|(d, v)| (d, RTree::bulk_load(v)))
        .collect();
    let mut near: Vec<usize> = Vec::new();
    for i in 0..events.len() {
        let Some(day) = events[i].date else {
            continue;
        };
        if group[i] != i || opts.max_days < 0 {
            continue;
        }
        let span = Days::new(opts.max_days.unsigned_abs());
        let from = day.checked_sub_days(span).unwrap_or(NaiveDate::MIN);
        let to = day.checked_add_days(span).unwrap_or(NaiveDate::MAX);
        near.clear();
        let kind = events[i].event_type;
        for tree in by_day.range((kind, from)..=(kind, to)).map(|(_, t)| t) {
            within(tree, i, &mut near);
        }
        near.sort_unstable();
        for &j in &near {
            if j <= i || group[j] != j {
                continue;
            }
            let fits = members[i]
                .iter()
                .all(|&k| same_dated_incident(&events[k], &events[j], opts).is_some());
            let Some((km, days)) = same_dated_incident(&events[i], &events[j], opts) else {
                continue;
            };
            if fits {
                group[j] = i;
                members[j].clear();
                members[i].push(j);
                let (a, b) = (&events[i], &events[j]);
                let when = if days == 0 {
                    "same day".to_string()
                } else {
                    format!("{days} day apart")
                };
                reasons.entry(i).or_default().push(format!(
                    "{} and {}: {km:.0} km apart, {when}, both {}",
                    names.name(a.location),
                    names.name(b.location),
                    names.name(a.sub_event_type)
                ));
            }
        }
    }
    // Undated reports join the one group that fits, unless the other incidents their article
    // tells are dated far from it. A fitting group has a member naming the same place (same
    // gazetteer entry, one among the other's places, or within 5 km), so the groups worth
    // asking are found through those members; of them, the ones with a member near enough
    // to be a neighbour are judged.
    // Only groups with a dated member can be joined, and so far only dated reports are in
    // groups of more than one, all of one event type: the dated reports of the undated one's
    // type are the only candidates.
    let dated = || events.iter().enumerate().filter(|(_, e)| e.date.is_some());
    let mut by_place: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
    let mut by_named: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
    let mut by_type: HashMap<u32, Vec<Indexed>> = HashMap::new();
    for (k, e) in dated() {
        let kind = e.event_type;
        by_place.entry((kind, e.place)).or_default().push(k);
        for &id in &e.named {
            by_named.entry((kind, id)).or_default().push(k);
        }
        by_type
            .entry(kind)
            .or_default()
            .push(Indexed::new(e.point, k));
    }
    let by_type: HashMap<u32, RTree<Indexed>> = by_type
        .into_iter()
        .map(|(kind, v)| (kind, RTree::bulk_load(v)))
        .collect();
    let mut leaders: Vec<usize> = Vec::new();
    let mut choices: Vec<Option<Choice>> = vec![None; events.len()];
    for i in 0..events.len() {
        if events[i].date.is_some() || group[i] != i || members[i].len() > 1 {
            continue;
        }
        let e = &events[i];
        let p = e.point;
        let kind = e.event_type;
        leaders.clear();
        let lists = std::iter::once(by_place.get(&(kind, e.place)))
            .chain(e.named.iter().map(|&id| by_place.get(&(kind, id))))
            .chain(std::iter::once(by_named.get(&(kind, e.place))))
            .flatten();
        for list in lists {
            leaders.extend(list.iter().map(|&k| group[k]));
        }
        if let Some(tree) = by_type.get(&kind) {
            leaders.extend(
                tree.locate_in_envelope(&box_around(p, SAME_PLACE_KM))
                    .map(|g| group[g.data]),
            );
        }
        // Whether a group fits depends on the group alone: ask once per group.
        leaders.sort_unstable();
        leaders.dedup();
        leaders.retain(|&g| {
            let members = &members[g];
            // Two undated reports alone are too weak a basis for one incident.
            members.iter().any(|&k| events[k].date.is_some())
                && members
                    .iter()
                    .any(|&k| k != i && deg_distance_2(p, events[k].point) <= radius * radius)
                && members.iter().all(|&k| comparable(e, &events[k]))
                && members
                    .iter()
                    .any(|&k| same_place(e, &events[k], SAME_PLACE_KM))
        });
        let same_toll: Vec<usize> = leaders
            .iter()
            .copied()
            .filter(|&g| e.fatalities > 0 && events[g].fatalities == e.fatalities)
            .collect();
        choices[i] = match (same_toll.as_slice(), leaders.as_slice()) {
            ([g], _) => Some(Choice {
                group: *g,
                same_toll: true,
            }),
            ([], [g]) if e.fatalities == 0 || events[*g].fatalities == 0 => Some(Choice {
                group: *g,
                same_toll: false,
            }),
            _ => None,
        };
    }
    let told = article_dates(events, &choices);
    for (i, choice) in choices.iter().enumerate() {
        let Some(c) = *choice else { continue };
        let (e, g) = (&events[i], c.group);
        if !fits_article(e, i, c, events[g].date, &told) {
            continue;
        }
        group[i] = g;
        members[i].clear();
        members[g].push(i);
        reasons.entry(g).or_default().push(format!(
            "{} and {}: same place named, one date unknown, both {}",
            names.name(e.location),
            names.name(events[g].location),
            names.name(e.sub_event_type)
        ));
    }
    Plan { group, reasons }
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
fn article_dates(events: &[Report], choices: &[Option<Choice>]) -> HashMap<u64, Vec<Told>> {
    let mut told: HashMap<u64, Vec<Told>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        let date = match (e.date, choices[i]) {
            (Some(d), _) => Some((Firmness::Stated, d)),
            (None, Some(c)) => events[c.group].date.map(|d| (firmness(c), d)),
            (None, None) => None,
        };
        if let (Some((f, d)), Some(&s)) = (date, e.articles.first()) {
            told.entry(s).or_default().push((f, i, d));
        }
    }
    told
}

/// Whether an undated report `i` can be of a group dated `date`: the other incidents of its
/// article dated more firmly, or as firmly but told before it (a report's lead incident sets
/// its time), do not put the article months away from it.
fn fits_article(
    e: &Report,
    i: usize,
    choice: Choice,
    date: Option<NaiveDate>,
    told: &HashMap<u64, Vec<Told>>,
) -> bool {
    let (Some(date), Some(source)) = (date, e.articles.first()) else {
        return true;
    };
    let mine = firmness(choice);
    let others: Vec<NaiveDate> = told
        .get(source)
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

#[cfg(test)]
mod tests {
    use super::*;
    use rstar::Envelope;

    #[test]
    fn box_around_holds_every_point_within_reach() {
        let centres = [
            [38.28, 34.55],
            [0.0, 0.0],
            [179.99, 60.0],
            [-179.99, -60.0],
            [10.0, 85.0],
            [10.0, -89.95],
        ];
        for p in centres {
            let b = box_around(p, 5.0);
            let mut inside = 0;
            for i in -60..=60 {
                for j in -60..=60 {
                    let q = [p[0] + f64::from(i) * 0.01, p[1] + f64::from(j) * 0.001];
                    if q[1].abs() <= 90.0 && distance_km(p, q) <= 5.0 {
                        inside += 1;
                        assert!(b.contains_point(&q), "{q:?} near {p:?} outside {b:?}");
                    }
                }
            }
            assert!(inside > 0, "no sample within reach of {p:?}");
        }
    }
}
