//! Merge: events from many articles in, one event per incident out. Two reports are the same
//! incident when they come from different articles, lie close together (an R-tree query around
//! each event, never all pairs), fall on the same or an adjacent day (or one date is unknown),
//! and are coded alike (same ACLED event type). Merged events keep every source and every
//! piece of evidence; the count of dead is ACLED's conservative one (the lowest reported
//! non-zero figure) with `fatalities_low`/`fatalities_high` giving the spread; the merge says
//! why in `merged_because`.

use rstar::{primitives::GeomWithData, RTree};

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

fn distance_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let lat = ((a[1] + b[1]) / 2.0).to_radians();
    let (dx, dy) = ((a[0] - b[0]) * 111.32 * lat.cos(), (a[1] - b[1]) * 110.57);
    (dx * dx + dy * dy).sqrt()
}

/// Why two events are one incident, or `None` when they are not.
fn same_incident(a: &Event, b: &Event, opts: &MergeOptions) -> Option<String> {
    let shared = a
        .sources
        .iter()
        .any(|s| b.sources.iter().any(|t| t.article_id == s.article_id));
    if shared || a.event_type != b.event_type {
        return None;
    }
    let km = distance_km(a.coords[0], b.coords[0]);
    if km > opts.max_km {
        return None;
    }
    let when = match (a.date, b.date) {
        (Some(x), Some(y)) => {
            let days = (x - y).num_days().abs();
            if days > opts.max_days {
                return None;
            }
            if days == 0 {
                "same day".to_string()
            } else {
                format!("{days} day apart")
            }
        }
        _ => "one date unknown".to_string(),
    };
    Some(format!(
        "{} {km:.0} km apart, {when}, both {}",
        a.location, a.sub_event_type
    ))
}

/// Merges reports of the same incident. Input order decides which event absorbs the others
/// (the first), so output is deterministic.
pub fn merge(events: Vec<Event>, opts: &MergeOptions) -> Vec<Event> {
    let tree: RTree<Indexed> = RTree::bulk_load(
        events
            .iter()
            .enumerate()
            .map(|(i, e)| Indexed::new(e.coords[0], i))
            .collect(),
    );
    let mut owner: Vec<usize> = (0..events.len()).collect();
    let mut reasons: Vec<Vec<String>> = vec![Vec::new(); events.len()];
    let radius = km_to_deg(opts.max_km);
    for i in 0..events.len() {
        if owner[i] != i {
            continue;
        }
        let mut near: Vec<usize> = tree
            .locate_within_distance(events[i].coords[0], radius * radius)
            .map(|g| g.data)
            .filter(|&j| j > i && owner[j] == j)
            .collect();
        near.sort_unstable();
        for j in near {
            // Every report already in the group must agree with the newcomer, so a chain of
            // near matches cannot glue two different incidents together.
            let fits_group = (i + 1..j)
                .filter(|&k| owner[k] == i)
                .all(|k| same_incident(&events[k], &events[j], opts).is_some());
            if let (true, Some(why)) = (fits_group, same_incident(&events[i], &events[j], opts)) {
                owner[j] = i;
                reasons[i].push(why);
            }
        }
    }
    let mut out: Vec<Event> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; events.len()];
    for (i, e) in events.into_iter().enumerate() {
        let o = owner[i];
        match slot[o] {
            Some(k) => absorb(&mut out[k], e),
            None => {
                slot[o] = Some(out.len());
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

/// Adds a report of the same incident to `into`.
fn absorb(into: &mut Event, other: Event) {
    let figures: Vec<u32> = [into.fatalities, other.fatalities]
        .into_iter()
        .filter(|&f| f > 0)
        .collect();
    let low = figures.iter().copied().min();
    let high = figures.iter().copied().max();
    into.fatalities_low = into
        .fatalities_low
        .min(other.fatalities_low)
        .or(low)
        .min(low);
    into.fatalities_high = into.fatalities_high.max(other.fatalities_high).max(high);
    into.fatalities = low.unwrap_or(0);
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
    into.sources.extend(other.sources);
    into.evidence.extend(other.evidence);
    into.confidence = into.confidence.max(other.confidence);
}
