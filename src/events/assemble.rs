//! Assembling: an [`Event`] built from a draft's sentences. Its coding, place and the other
//! places it names, actors (a side one sentence leaves out taken from another, or from the
//! sentence before), tolls (the largest count told, running totals of other incidents left
//! out), confidence, and a date taken from earlier in the article when it states none.

use super::sentence::Reading;
use super::{actors, dates, is_air_strike, numbers, types, Draft};
use crate::gazetteer::Gazetteer;
use crate::model::{
    Article, DisorderType, Event, EventType, Evidence, Location, Shape, Source, SubEventType,
};

/// The events of an article's drafts, each with the gazetteer ids of the places it names, its
/// target and its victims' names, from its sentences' readings alone (no text is read again);
/// those that state no date take one from earlier in the article.
pub(super) fn events(
    gaz: &Gazetteer,
    article: &Article,
    locations: &[Location],
    context: &[bool],
    readings: &[Reading],
    drafts: &[Draft],
) -> Vec<Event> {
    let dead: Vec<u32> = drafts.iter().map(|d| own_dead(readings, d)).collect();
    let all_dead: u32 = dead.iter().sum();
    let mut events: Vec<Event> = drafts
        .iter()
        .zip(&dead)
        .map(|(d, own)| {
            let others_dead = all_dead - own;
            // The sentence just before the draft's first, unless the draft opens on another
            // matter («وفي سياق آخر، …») or is an item of a list, which tells its own.
            let first = d.readings.iter().min().copied();
            let before = first
                .filter(|&i| !readings[i].other_matter && !readings[i].list_item)
                .and_then(|i| i.checked_sub(1))
                .map(|i| &readings[i]);
            let mut e = build_event(
                gaz,
                article,
                readings,
                d,
                before,
                &locations[d.loc],
                others_dead,
            );
            e.place_ids = places_named(gaz, locations, context, readings, d);
            e.target = target(readings, d);
            e.victims = victims(readings, d);
            e
        })
        .collect();
    backfill_dates(&mut events, readings, article);
    events
}

/// The gazetteer ids of every precise place an event's sentences name as where it happened
/// ("محاور الرهجان والشاكوسية وأثريا": three ids), and of the towns that place one
/// («المحطة الثالثة في بادية تدمر»: T3 and Palmyra, whose desert it lies in).
fn places_named(
    gaz: &Gazetteer,
    locations: &[Location],
    context: &[bool],
    readings: &[Reading],
    d: &Draft,
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for &ri in &d.readings {
        let range = &readings[ri].range;
        for (li, l) in locations.iter().enumerate() {
            let inside = l.start >= range.start && l.end <= range.end;
            if inside && l.precision < 3 && !context[li] {
                let id = &gaz.place(l.place).id;
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
    }
    ids
}

/// The dead a draft's sentences count themselves: their largest count that is not a running
/// total.
fn own_dead(readings: &[Reading], d: &Draft) -> u32 {
    d.readings
        .iter()
        .filter_map(|&i| readings[i].casualties.killed.as_ref())
        .filter(|c| !c.running_total)
        .map(|c| c.value)
        .max()
        .unwrap_or(0)
}

/// A running total as large as the draft's own dead and the dead of the article's other
/// incidents together ("ليرتفع عدد القتلى إلى 10" after incidents of 2, 2 and 6 dead) sums
/// them all: it is not this incident's toll.
fn sums_other_incidents(c: &numbers::Count, own: Option<u32>, others_dead: u32) -> bool {
    c.running_total && others_dead > 0 && own.is_some_and(|own| c.value >= own + others_dead)
}

/// The most specific target the draft's sentences name.
fn target(readings: &[Reading], d: &Draft) -> Option<String> {
    let best = d.readings.iter().filter_map(|&i| readings[i].target).min();
    best.map(|t| t.name().to_string())
}

/// The victims the draft's sentences name, each once, in the order they are named.
fn victims(readings: &[Reading], d: &Draft) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in d.readings.iter().flat_map(|&i| &readings[i].victims) {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

fn build_event(
    gaz: &Gazetteer,
    article: &Article,
    readings: &[Reading],
    d: &Draft,
    before: Option<&Reading>,
    loc: &Location,
    others_dead: u32,
) -> Event {
    let rs: Vec<&Reading> = d.readings.iter().map(|&i| &readings[i]).collect();
    let class = if d.movement {
        rs.iter().find_map(|r| r.movement.clone())
    } else if d.strike {
        Some(types::Classification {
            event_type: EventType::ExplosionsRemoteViolence,
            sub_event_type: SubEventType::AirDroneStrike,
            disorder_type: DisorderType::PoliticalViolence,
            trigger: 0..0,
        })
    } else {
        draft_class(&rs)
    };
    // A strike split off a ground attack's sentence does not take the attack's toll.
    let counted: Vec<&Reading> = rs
        .iter()
        .copied()
        .filter(|r| !d.strike || r.class.as_ref().is_some_and(is_air_strike))
        .collect();
    // "No one was hurt" is about other people when another sentence tells of the hurt.
    let killed_told = counted.iter().any(|r| r.casualties.killed_told);
    let injured_told = counted.iter().any(|r| r.casualties.injured_told);
    let mut killed: Vec<&numbers::Count> = counted
        .iter()
        .filter_map(|r| r.casualties.killed.as_ref())
        .filter(|c| c.value > 0 || !killed_told)
        .collect();
    let own = killed
        .iter()
        .filter(|c| !c.running_total)
        .map(|c| c.value)
        .max();
    killed.retain(|c| !sums_other_incidents(c, own, others_dead));
    let injured = counted
        .iter()
        .filter_map(|r| r.casualties.injured.as_ref().map(|c| c.value))
        .filter(|&n| n > 0 || !injured_told)
        .max();
    // The largest count told is the toll; its hedge ("more than 20") gives the spread.
    let toll = killed.iter().max_by_key(|c| c.value);
    let fatalities = toll.map(|c| c.value).unwrap_or(0);
    let low = toll.map(|c| c.low);
    let high = toll.and_then(|c| c.high);
    let toll_rose = toll.is_some_and(|c| c.running_total);
    let date = rs.iter().find_map(|r| r.date.clone());
    let day_of_month = rs.iter().find_map(|r| r.day_of_month);
    // The first sentence that names an attacker gives both sides; failing that, the first
    // that names anyone ("قتل ثلاثة من جامعي الكمأ بانفجار لغم": the victims alone).
    let sides = rs
        .iter()
        .find(|r| r.actors.0.is_some())
        .or_else(|| rs.iter().find(|r| r.actors.1.is_some()));
    let (mut actor1, mut actor2, mut inter1, mut inter2) = sides
        .map(|r| {
            (
                r.actors.0.clone(),
                r.actors.1.clone(),
                r.inters.0,
                r.inters.1,
            )
        })
        .unwrap_or((None, None, None, None));
    // A side the chosen sentence leaves out is taken from another sentence of the event that
    // names it on the other side ("… قتل عنصر من قوات النظام. وكان عناصر التنظيم قد هاجموا …").
    if actor1.is_none() {
        let acting = rs.iter().map(|r| (&r.actors.0, r.inters.0));
        if let Some((a, i)) = other_side(acting, actor2.as_deref()) {
            (actor1, inter1) = (Some(a), i);
        }
    }
    if actor2.is_none() {
        // A sentence's actor2, or its actor1 when it names one side only.
        let named = rs.iter().map(|r| match &r.actors.1 {
            Some(_) => (&r.actors.1, r.inters.1),
            None => (&r.actors.0, r.inters.0),
        });
        if let Some((a, i)) = other_side(named, actor1.as_deref()) {
            (actor2, inter2) = (Some(a), i);
        }
    }
    // A side none of the event's sentences names is taken from the sentence just before it,
    // which its report goes on from («شن داعش هجمات على مواقع النظام. وترافق ذلك مع قصف من
    // قبل الطيران الروسي»): that sentence's actor1, or either of its sides for a missing actor2.
    // Not from a sentence that tells another incident («… قرب السخنة. وفي سياق آخر، قتل مدني
    // بانفجار لغم في بادية الرصافة»). A strike split off a ground attack keeps its unnamed
    // aircraft. Nor for an incident recalled as an earlier one («… غارات على بادية تدمر بعد
    // يومين من هجوم لداعش قتل فيه ستة عناصر قرب السخنة»): the sentence before tells the later.
    let recalled = rs.iter().all(|r| r.recall);
    if let Some(r) = before.filter(|r| !r.title && !recalled) {
        if actor1.is_none() && actor2.is_some() && !d.strike {
            let acting = std::iter::once((&r.actors.0, r.inters.0));
            if let Some((a, i)) = other_side(acting, actor2.as_deref()) {
                (actor1, inter1) = (Some(a), i);
            }
        } else if actor2.is_none() && actor1.is_some() {
            let named = [(&r.actors.1, r.inters.1), (&r.actors.0, r.inters.0)];
            if let Some((a, i)) = other_side(named.into_iter(), actor1.as_deref()) {
                (actor2, inter2) = (Some(a), i);
            }
        }
    }
    let (assoc_actor_1, assoc_actor_2) = actors::associates(
        actor1.as_deref(),
        actor2.as_deref(),
        rs.iter().flat_map(|r| r.named.iter().map(String::as_str)),
    );
    let p = gaz.place(loc.place);
    let evidence: Vec<Evidence> = rs
        .iter()
        .map(|r| Evidence {
            article_id: article.id.clone(),
            text: article.text[r.range.clone()].to_string(),
            start: r.range.start,
            end: r.range.end,
        })
        .collect();
    let (event_type, sub_event_type, disorder_type) = match &class {
        Some(c) => (c.event_type, c.sub_event_type, c.disorder_type),
        None => (
            EventType::Battles,
            SubEventType::ArmedClash,
            DisorderType::PoliticalViolence,
        ),
    };
    let mut event = Event {
        event_id: String::new(),
        date: date.as_ref().map(|d| d.date),
        time_precision: date.as_ref().map(|d| d.precision).unwrap_or(1),
        date_source: date.as_ref().map(dates::DateRef::source),
        event_type,
        sub_event_type,
        disorder_type,
        actor1,
        assoc_actor_1,
        inter1,
        actor2,
        assoc_actor_2,
        inter2,
        fatalities,
        fatalities_low: low.filter(|l| *l != fatalities || high.is_some()),
        fatalities_high: high,
        fatalities_unknown: toll.is_none() && killed_told,
        injured,
        gazetteer_id: p.id.clone(),
        location: p.name_en.clone(),
        location_ar: p.name_ar.clone(),
        location_text: loc.text.clone(),
        admin1: p.admin1.clone(),
        admin2: p.admin2.clone(),
        coords: loc.coords.clone(),
        geo_precision: loc.precision,
        sources: vec![Source {
            article_id: article.id.clone(),
            outlet: article.outlet.clone(),
            url: article.url.clone(),
        }],
        evidence,
        confidence: confidence(loc, class.is_some(), rs.len()),
        location_reasons: loc.reasons.clone(),
        place_ids: Vec::new(),
        merged_because: None,
        target: None,
        victims: Vec::new(),
        day_of_month,
        toll_rose,
    };
    if loc.shape == Shape::Road && event.coords.len() >= 2 {
        event.geo_precision = 2;
    }
    event
}

/// The first of the event's sentences' actors (with their inter codes) that is not `other`
/// and not its ally: the missing side of an event whose chosen sentence names one side only.
fn other_side<'r>(
    named: impl Iterator<Item = (&'r Option<String>, Option<u8>)>,
    other: Option<&str>,
) -> Option<(String, Option<u8>)> {
    let other_side = other.and_then(actors::side_of);
    named
        .filter_map(|(name, inter)| Some((name.as_deref()?, inter)))
        .find(|&(name, _)| {
            let ally = other_side.is_some() && actors::side_of(name) == other_side;
            Some(name) != other && !ally
        })
        .map(|(name, inter)| (name.to_string(), inter))
}

/// An event's coding: its first coded sentence's, except that a mine or IED told anywhere in
/// the event wins over an unspecific attack ("استهداف حافلة بعبوة ناسفة") as long as no
/// sentence tells of ground fighting.
fn draft_class(rs: &[&Reading]) -> Option<types::Classification> {
    let first = rs.iter().find_map(|r| r.class.clone())?;
    let ied = rs.iter().find_map(|r| {
        r.class
            .clone()
            .filter(|c| c.sub_event_type == SubEventType::RemoteExplosive)
    });
    let fighting = rs.iter().any(|r| r.class.is_some() && r.fighting);
    match ied {
        Some(c) if first.event_type == EventType::Battles && !fighting => Some(c),
        _ => Some(first),
    }
}

fn confidence(loc: &Location, classified: bool, sentences: usize) -> f64 {
    let mut c = loc.confidence * if classified { 0.9 } else { 0.5 };
    if sentences > 1 {
        c = (c + 0.05).min(1.0);
    }
    (c * 100.0).round() / 100.0
}

/// Events with no date phrase of their own take the nearest date stated before them in the
/// article, else the publication date; a recalled earlier incident ("وكان التنظيم قد قتل
/// …") takes neither and stays undated.
fn backfill_dates(events: &mut [Event], readings: &[Reading], article: &Article) {
    for e in events.iter_mut() {
        if e.date.is_some() {
            continue;
        }
        let first = e.evidence.first().map(|ev| ev.start).unwrap_or(0);
        if readings.iter().any(|r| r.range.start == first && r.recall) {
            continue;
        }
        let earlier = readings
            .iter()
            .rev()
            .filter(|r| r.range.start < first && !r.title && r.class.is_some())
            .find_map(|r| r.date.as_ref());
        match earlier {
            Some(d) => {
                e.date = Some(d.date);
                e.time_precision = d.precision;
                e.date_source = Some(d.source());
            }
            None => {
                e.date = article.published;
                e.time_precision = 1;
                e.date_source = article.published.and(article.published_from);
            }
        }
    }
}
