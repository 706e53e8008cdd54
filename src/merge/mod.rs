//! Merge: events from many articles in, one event per incident out. Two reports are the same
//! incident when they come from different articles, lie close together (a search of the
//! reports of the same type and days, never all pairs), fall on the same or an adjacent day (or one date is unknown),
//! and are coded alike (same ACLED event type). Merged events keep every source and every
//! piece of evidence; the count of dead is ACLED's conservative one (the lowest reported
//! non-zero figure, a total that rose replacing the smaller counts before it) with `fatalities_low`/`fatalities_high` giving the spread; the merge says
//! why in `merged_because`. The events wait in a temporary file (`spill`) while the merge
//! is planned on their compact [`Report`]s.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Datelike;
use rayon::prelude::*;
use rstar::{primitives::GeomWithData, RTree, AABB};

use crate::gazetteer::FastMap;
use crate::geodesy::{self, distance_km};
use crate::model::{DateSource, DayOfMonth, Direction, Event, EventType, SubEventType};
use chrono::NaiveDate;

pub(crate) mod spill;

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

/// How close an undated report must lie to a report of a group to name the same place, in km.
const SAME_PLACE_KM: f64 = 5.0;

/// How close two reports of one incident placed near a town (geo precision 2) lie, in km.
const NEAR_PLACE_KM: f64 = 15.0;

/// The most undated reports that alone make one incident: more that fit each other are more
/// likely several incidents alike (mines at one town) than one told so often.
const MAX_UNDATED_GROUP: usize = 6;

/// How far apart two reports of one incident may lie, in km, judged at the coarser one's
/// geo precision: a point place, a town's surroundings, a region.
fn tolerance_km(a: u8, b: u8, opts: &MergeOptions) -> f64 {
    match a.max(b) {
        0 | 1 => SAME_PLACE_KM,
        2 => NEAR_PLACE_KM,
        _ => opts.max_km,
    }
}

/// Squared distance of two (lon, lat) points in degrees, as the R-tree measures it.
fn deg_distance_2(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    dx * dx + dy * dy
}

/// A (lon, lat) box holding every point within `km` of `p` by [`distance_km`]
/// ([`geodesy::box_within_km`]).
fn box_around(p: [f64; 2], km: f64) -> AABB<[f64; 2]> {
    let (south_west, north_east) = geodesy::box_within_km(p, km);
    AABB::from_corners(south_west, north_east)
}

/// The latitude at which a neighbour's reach in degrees spans `max_km` east and west: the
/// middle of Syria (farther north and south it spans more).
const NEIGHBOUR_LAT: f64 = 35.0;

/// The radius in degrees within which reports are neighbours: `km` east and west at
/// [`NEIGHBOUR_LAT`].
fn km_to_deg(km: f64) -> f64 {
    km / geodesy::km_per_degree_lon(NEIGHBOUR_LAT)
}
/// The evidence sentences of a report, by its number.
pub type Texts = dyn Fn(usize) -> Vec<String> + Send + Sync;

/// Words of a run shared by two reports that is always seen as copied wording. A shared
/// fingerprint is a shared run of [`PRINT_WORDS`] words; longer runs are sure to share one.
const SHARED_WORDS: usize = 10;
/// Words of one fingerprint: runs shorter than this (stock phrases such as "قرب منطقة أثريا
/// بريف حماة الشرقي") are no evidence.
const PRINT_WORDS: usize = 8;
/// Fingerprints are chosen one in each window of this many (winnowing): any run of
/// `PRINT_WORDS + WINDOW - 1` = [`SHARED_WORDS`] words shared by two texts gives both one same
/// fingerprint, and about `2 / (WINDOW + 1)` of the runs are kept.
const WINDOW: usize = SHARED_WORDS + 1 - PRINT_WORDS;

/// Adds the wording fingerprints of `text` to `out` (Schleimer, Wilkerson and Aiken's
/// winnowing over hashes of [`PRINT_WORDS`]-word runs of the folded words) whose runs name a
/// place (`names_a_place`) between their first and last words: texts that share a run of
/// [`SHARED_WORDS`] words with a place's name anywhere but its first and last words share a
/// fingerprint. An outlet's stock background («ويأتي ذلك
/// في ظل تصاعد هجمات خلايا التنظيم في البادية السورية …»), the same under its reports of
/// different incidents, names no town.
fn wording(text: &str, names_a_place: &dyn Fn(&str) -> bool, out: &mut Vec<u32>) {
    let folded = crate::normalize::fold(text);
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if tokens.len() < PRINT_WORDS {
        return;
    }
    let words: Vec<u64> = tokens.iter().map(|w| article_key(w)).collect();
    // Places named up to each word, to tell whether a run names one.
    let mut places_before = Vec::with_capacity(tokens.len() + 1);
    places_before.push(0_usize);
    for w in &tokens {
        let last = places_before.last().copied().unwrap_or(0);
        places_before.push(last + usize::from(names_a_place(w)));
    }
    // Inside the run, with words of the sentence on both sides: a stock clause after a
    // comma («قرب مدينة السخنة، ويأتي ذلك في ظل …») begins with the name, not around it.
    let names_one =
        |start: usize| places_before[start + PRINT_WORDS - 1] > places_before[start + 1];
    // Runs that name no place come after every run that does, so that a window with one
    // that does chooses it, in both texts alike (whether a run names a place depends on its
    // words alone).
    let runs: Vec<(bool, u32)> = words
        .windows(PRINT_WORDS)
        .enumerate()
        .map(|(start, run)| {
            let h = run.iter().fold(0x9e37_79b9_7f4a_7c15_u64, |h, &w| {
                (h ^ w).wrapping_mul(0x0100_0000_01b3)
            });
            (!names_one(start), (h >> 32) as u32 ^ h as u32)
        })
        .collect();
    let mut last = usize::MAX;
    for (start, window) in runs.windows(WINDOW.min(runs.len())).enumerate() {
        // The rightmost smallest hash of the window.
        let (at, &(nameless, print)) = window
            .iter()
            .enumerate()
            .rev()
            .min_by_key(|&(_, h)| *h)
            .expect("windows are never empty");
        if start + at != last {
            last = start + at;
            if !nameless {
                out.push(print);
            }
        }
    }
}

/// A number standing for nothing: no actor, no next member.
const NONE: u32 = u32::MAX;

/// The day of a report whose date is unknown.
const UNDATED: i32 = i32::MIN;

/// What the merge needs to know of one report, names as numbers ([`Names`]), its point and
/// its lists kept by [`Reports`]. The merge is planned on these (some 60 bytes a report with
/// their lists), so the events themselves can wait on disk while a large batch is merged.
#[derive(Debug, Clone)]
pub struct Report {
    /// Days from the common era ([`Datelike::num_days_from_ce`]), [`UNDATED`] when unknown.
    day: i32,
    /// The point, by number in [`Reports::points`].
    point: u32,
    event_type: EventType,
    sub_event_type: SubEventType,
    /// The actors named, without unidentified groups (one outlet's "unknown gunmen" is
    /// another's ISIS), then [`NONE`].
    actors: [u32; 2],
    /// The gazetteer place.
    place: u32,
    location: u32,
    fatalities: u32,
    /// The count of injured, 0 when none is told.
    injured: u32,
    /// The toll is a floor or an estimate ("at least 36", "about 40"): a figure a little
    /// larger does not deny it ([`tolls_deny`]).
    toll_open: bool,
    /// The toll is a total that rose ([`Event::toll_rose`]): a smaller figure does not deny
    /// it ([`tolls_deny`]).
    toll_rose: bool,
    /// The text tells the day ([`DateSource::Text`], [`DateSource::WeekdayYear`]), not the
    /// page's date alone.
    day_told: bool,
    /// What was hit, when the report names something distinctive ([`Event::target`]), else
    /// [`NONE`].
    target: u32,
    /// The day and month an undated report writes ([`Event::day_of_month`]).
    day_of_month: Option<DayOfMonth>,
    /// ACLED geo precision.
    precision: u8,
    /// The report is placed at a governorate, its countryside or desert («ريف دير الزور
    /// الشرقي»), not at a place in it ([`Reports::in_region`]).
    governorate: bool,
    /// The governorate (`Event::admin1`) the report lies in, [`NONE`] when unknown.
    admin1: u32,
    /// The side of the governorate a report placed at one names («ريف دير الزور الغربي»:
    /// west), read with the compass words of `data/rules/places.csv`.
    side: Option<Direction>,
    /// Where this report's article keys begin in [`Reports::articles`]; the next report's
    /// begin ends them.
    articles: u32,
    /// Where this report's named places begin in [`Reports::named`].
    named: u32,
    /// Where this report's named victims begin in [`Reports::victims`].
    victims: u32,
    /// Where this report's line (a road's vertices) begins in [`Reports::lines`]; none for
    /// a report at a point.
    line: u32,
}

impl Report {
    fn dated(&self) -> bool {
        self.day != UNDATED
    }

    fn actors(&self) -> &[u32] {
        let n = self.actors.iter().take_while(|&&a| a != NONE).count();
        &self.actors[..n]
    }
}

/// A named victim: the name as written and its folded words, as numbers ([`Names`]).
#[derive(Debug, Clone)]
struct Victim {
    name: u32,
    words: Box<[u32]>,
}

/// Names (places, actors, locations, targets) numbered in order of first sight.
#[derive(Debug, Default)]
pub struct Names {
    ids: FastMap<String, u32>,
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

/// Reports gathered for a merge, in input order (at most `u32::MAX - 1`).
#[derive(Default)]
pub struct Reports {
    names: Names,
    reports: Vec<Report>,
    /// The reporting articles of every report in turn, by a 64-bit hash of their ids: a corpus
    /// has as many ids as articles, too many to keep as text (at a million articles, two ids
    /// collide with a chance of about one in 30 million).
    articles: Vec<u64>,
    /// Every place each report's evidence names as where it happened, report after report.
    named: Vec<u32>,
    /// The victims each report names ([`Event::victims`]), report after report.
    victims: Vec<Victim>,
    /// The vertices of each report placed on a road, report after report: it lies at each
    /// of them, not only at its first point.
    lines: Vec<[f64; 2]>,
    /// Where the evidence of report `i` is read when its wording is compared (only reports an
    /// undated report may join are asked, so the texts stay on disk meanwhile).
    texts: Option<Arc<Texts>>,
    /// The wording fingerprints ([`wording`]) of the reports asked so far, sorted.
    prints: Mutex<HashMap<u32, Arc<[u32]>>>,
    /// The words of the names of the towns and sites reports are placed at (geo precision 2
    /// or finer), folded, without the article, by [`article_key`]: a run of wording is
    /// evidence only when it names one ([`wording`]).
    place_words: std::collections::HashSet<u64>,
    /// The distinct points, numbered in order of first sight: reports lie on gazetteer
    /// places, so far fewer points than reports.
    points: Vec<[f64; 2]>,
    point_ids: HashMap<[u64; 2], u32>,
}

impl std::fmt::Debug for Reports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reports")
            .field("reports", &self.reports.len())
            .field("texts", &self.texts.is_some())
            .finish()
    }
}

impl Reports {
    pub fn new() -> Reports {
        Reports::default()
    }

    /// Adds the next event's report.
    pub fn push(&mut self, e: &Event) {
        if e.geo_precision <= 2 {
            let folded = crate::normalize::fold(&e.location_ar);
            for word in folded.split(' ') {
                // The article is grammar, code: the text writes it, or a clitic before it,
                // or neither.
                let word = word.strip_prefix(crate::clitics::ARTICLE).unwrap_or(word);
                if word.chars().count() >= 2 {
                    self.place_words.insert(article_key(word));
                }
            }
        }
        let governorate = e.geo_precision >= 3 && !e.admin1.is_empty() && e.location == e.admin1;
        let names = &mut self.names;
        let mut actors = [NONE; 2];
        let named_actors = [e.actor1.as_deref(), e.actor2.as_deref()]
            .into_iter()
            .flatten()
            .filter(|n| !n.starts_with("Unidentified"));
        // Outlets name the same side differently (the army, or the NDF that fought with it):
        // actors are compared by their side.
        for (slot, n) in actors.iter_mut().zip(named_actors) {
            *slot = names.id(crate::events::actors::side_of(n).unwrap_or(n));
        }
        let point = e.coords[0];
        let next_point = self.points.len() as u32;
        let point_id = *self
            .point_ids
            .entry([point[0].to_bits(), point[1].to_bits()])
            .or_insert(next_point);
        if point_id == next_point {
            self.points.push(point);
        }
        let report = Report {
            day: e.date.map_or(UNDATED, |d| d.num_days_from_ce()),
            point: point_id,
            event_type: e.event_type,
            sub_event_type: e.sub_event_type,
            actors,
            place: names.id(&e.gazetteer_id),
            location: names.id(&e.location),
            fatalities: e.fatalities,
            injured: e.injured.unwrap_or(0),
            toll_open: e.fatalities > 0 && e.fatalities_high.is_none(),
            toll_rose: e.fatalities > 0 && e.toll_rose,
            day_told: matches!(
                e.date_source,
                Some(DateSource::Text | DateSource::WeekdayYear)
            ),
            target: e.target.as_deref().map_or(NONE, |t| names.id(t)),
            day_of_month: e.day_of_month.filter(|_| e.date.is_none()),
            precision: e.geo_precision,
            governorate,
            side: if governorate {
                crate::normalize::fold(&e.location_text)
                    .split(' ')
                    .find_map(crate::resolve::compass_word)
            } else {
                None
            },
            admin1: if e.admin1.is_empty() {
                NONE
            } else {
                names.id(&e.admin1)
            },
            articles: self.articles.len() as u32,
            named: self.named.len() as u32,
            victims: self.victims.len() as u32,
            line: self.lines.len() as u32,
        };
        if e.coords.len() > 1 {
            self.lines.extend_from_slice(&e.coords);
        }
        let articles = e.sources.iter().map(|s| article_key(&s.article_id));
        self.articles.extend(articles);
        for p in &e.place_ids {
            let id = names.id(p);
            self.named.push(id);
        }
        for v in &e.victims {
            let folded = crate::normalize::fold(v);
            let words = folded.split(' ').map(|w| names.id(w)).collect();
            let name = names.id(v);
            self.victims.push(Victim { name, words });
        }
        self.reports.push(report);
    }

    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    fn point(&self, i: usize) -> [f64; 2] {
        self.points[self.reports[i].point as usize]
    }

    /// The article keys of report `i`.
    fn articles(&self, i: usize) -> &[u64] {
        self.run(&self.articles, i, |r| r.articles)
    }

    /// The vertices of the road report `i` lies on; none for a report at a point.
    fn line(&self, i: usize) -> &[[f64; 2]] {
        self.run(&self.lines, i, |r| r.line)
    }

    /// The points report `i` lies at: its point, or the vertices of its road (the places a
    /// road is named by, «طريق السخنة – تدمر»; the way it runs between them is not known).
    fn points_of(&self, i: usize) -> &[[f64; 2]] {
        match self.line(i) {
            [] => std::slice::from_ref(&self.points[self.reports[i].point as usize]),
            line => line,
        }
    }

    /// How far apart reports `a` and `b` lie, in km: from point to point, or, for a report on
    /// a road and one placed near a place or in an area (geo precision 2 or coarser), from the
    /// nearest of the road's places ([`Reports::points_of`]): «طريق السخنة – تدمر» and «قرب
    /// السخنة» lie together. An incident in a town itself is not on the highway out of it,
    /// nor are two roads from one town one road: those lie apart however close their points
    /// (one road is one place: two reports on it lie together).
    fn distance(&self, a: usize, b: usize) -> f64 {
        let (road, other) = match (self.line(a).is_empty(), self.line(b).is_empty()) {
            (true, true) => return distance_km(self.point(a), self.point(b)),
            (false, true) => (a, b),
            (true, false) => (b, a),
            (false, false) if self.reports[a].place == self.reports[b].place => return 0.0,
            (false, false) => return f64::INFINITY,
        };
        if self.reports[other].precision < 2 {
            return f64::INFINITY;
        }
        let p = self.point(other);
        self.line(road)
            .iter()
            .map(|&q| distance_km(p, q))
            .fold(f64::INFINITY, f64::min)
    }

    /// The places report `i` names.
    fn named(&self, i: usize) -> &[u32] {
        self.run(&self.named, i, |r| r.named)
    }

    /// The victims report `i` names.
    fn victims(&self, i: usize) -> &[Victim] {
        self.run(&self.victims, i, |r| r.victims)
    }

    /// A victim reports `a` and `b` both name (as `a` names it), if any.
    fn same_victim(&self, a: usize, b: usize) -> Option<u32> {
        let theirs = self.victims(b);
        self.victims(a)
            .iter()
            .find(|v| {
                theirs
                    .iter()
                    .any(|w| crate::events::victims::same_person(&v.words, &w.words))
            })
            .map(|v| v.name)
    }

    /// Sets where the reports' evidence is read for comparing wording: `texts(i)` gives the
    /// evidence sentences of report `i`. Without it, wording is never evidence.
    pub fn read_texts_with(&mut self, texts: Arc<Texts>) {
        self.texts = Some(texts);
    }

    /// The wording fingerprints of report `i`, sorted, read on first use.
    fn prints(&self, i: usize) -> Arc<[u32]> {
        let Some(texts) = &self.texts else {
            return Arc::from(Vec::new());
        };
        let lock = |m: &Mutex<HashMap<u32, Arc<[u32]>>>| {
            // A panic elsewhere leaves the cache as good as it was.
            m.lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&(i as u32))
                .cloned()
        };
        if let Some(p) = lock(&self.prints) {
            return p;
        }
        let mut out = Vec::new();
        let names_a_place = |word: &str| {
            // The word, or the word past its clitics and article.
            crate::clitics::cores(word).any(|core| self.place_words.contains(&article_key(core)))
        };
        for text in texts(i) {
            wording(&text, &names_a_place, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        let p: Arc<[u32]> = Arc::from(out);
        self.prints
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(i as u32, p.clone());
        p
    }

    /// Whether reports `a` and `b` share a fingerprint: a run of [`PRINT_WORDS`] words (any
    /// shared run of [`SHARED_WORDS`] words gives one).
    fn same_wording(&self, a: usize, b: usize) -> bool {
        let (pa, pb) = (self.prints(a), self.prints(b));
        let (pa, pb) = (&pa[..], &pb[..]);
        let (mut x, mut y) = (0, 0);
        while x < pa.len() && y < pb.len() {
            match pa[x].cmp(&pb[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// Report `i`'s run of `list`, a shared list where each report's run starts at
    /// `start(report)` and ends where the next report's starts.
    fn run<'l, T>(&self, list: &'l [T], i: usize, start: fn(&Report) -> u32) -> &'l [T] {
        let end = self
            .reports
            .get(i + 1)
            .map_or(list.len(), |r| start(r) as usize);
        &list[start(&self.reports[i]) as usize..end]
    }

    /// Whether two reports come from different articles and name compatible actors: the
    /// conditions every merge needs (the coding is judged by each kind of evidence).
    fn comparable(&self, a: usize, b: usize) -> bool {
        let (ra, rb) = (&self.reports[a], &self.reports[b]);
        let theirs = self.articles(b);
        let shared_article = self.articles(a).iter().any(|s| theirs.contains(s));
        !shared_article && actors_agree(ra, rb)
    }

    /// Whether two reports name the same place: one's location is among the places the
    /// other's sentences give, or their points are closer than `km`.
    fn same_place(&self, a: usize, b: usize, km: f64) -> bool {
        let (ra, rb) = (&self.reports[a], &self.reports[b]);
        self.named(a).contains(&rb.place)
            || self.named(b).contains(&ra.place)
            || ra.place == rb.place
            || self.distance(a, b) <= km
    }

    /// What tells that reports `a` and `b`, one of them at least undated, are one incident,
    /// at the same place (judged at the coarser one's precision): a victim both name, whatever
    /// their tolls and coding (a person dies once); or the same sub-event type and something
    /// distinctive that agrees: both tolls known and equal (two dead or more), or both counts
    /// of injured (three or more, with the same count of dead), or
    /// the same target, or the day
    /// and month one writes are the other's, or the same wording, with tolls that do not deny
    /// each other and no day and month written more than a day from the other's. A place
    /// where incidents recur is no evidence by itself. The caller checks
    /// [`Reports::comparable`].
    fn undated_evidence(&self, a: usize, b: usize, opts: &MergeOptions) -> Option<Evidence> {
        let (ra, rb) = (&self.reports[a], &self.reports[b]);
        let victim = self.same_victim(a, b);
        let written = days_between_written(ra, rb);
        let denied = written.is_some_and(|d| d > written_tolerance(opts));
        if victim.is_none() && (!coded_alike(ra, rb) || denied) {
            return None;
        }
        if !self.same_place(a, b, tolerance_km(ra.precision, rb.precision, opts)) {
            return None;
        }
        // The wording, read from the evidence, last.
        if victim.is_some() {
            Some(Evidence::SameVictim)
        } else if ra.fatalities >= MIN_TOLL_EVIDENCE && ra.fatalities == rb.fatalities {
            Some(Evidence::SameToll)
        } else if ra.injured >= MIN_INJURED_EVIDENCE
            && ra.injured == rb.injured
            && ra.fatalities == rb.fatalities
        {
            Some(Evidence::SameInjured)
        } else if ra.target != NONE && ra.target == rb.target && !lone_death(ra, rb) {
            Some(Evidence::SameTarget)
        } else if written == Some(0) {
            Some(Evidence::SameDay)
        } else if self.same_wording(a, b) {
            Some(Evidence::SameWording)
        } else {
            None
        }
    }

    /// Whether one report is placed at a governorate (its countryside or desert, a region) and
    /// the other at a place in that governorate: «ريف دير الزور الشرقي» holds «بادية الميادين»
    /// however far the governorate's point lies from it.
    /// A side named keeps out a place lying the other way from the region's point: the
    /// western countryside does not hold al-Mayadin, east of the governorate's centre.
    fn in_region(&self, a: usize, b: usize) -> bool {
        let (ra, rb) = (&self.reports[a], &self.reports[b]);
        if ra.admin1 == NONE
            || ra.admin1 != rb.admin1
            || ra.governorate == rb.governorate
            || ra.precision.min(rb.precision) >= 3
        {
            return false;
        }
        let (region, place) = if ra.governorate { (a, b) } else { (b, a) };
        self.reports[region].side.is_none_or(|side| {
            !geodesy::lies_towards(self.point(region), self.point(place), side.opposite())
        })
    }

    /// What tells that a report placed at a governorate and one at a place in it
    /// ([`Reports::in_region`]), dated the same day, are one incident: the same sub-event type
    /// and something distinctive: a victim both name, or the same toll of two dead or more
    /// with the same target or the same count of injured. A governorate sees several
    /// incidents of one kind a day, and tolls alike among them; these tell which one. The
    /// evidence and its detail, as [`Reason`] keeps them.
    fn region_evidence(&self, a: usize, b: usize) -> Option<Held> {
        let (ra, rb) = (&self.reports[a], &self.reports[b]);
        if let Some(v) = self.same_victim(a, b) {
            return Some((Evidence::SameVictim, v));
        }
        if ra.sub_event_type != rb.sub_event_type || tolls_deny(ra, rb) {
            return None;
        }
        // The toll alone is not enough: a governorate's day may hold two clashes of three dead.
        let same_toll = ra.fatalities >= MIN_TOLL_EVIDENCE && ra.fatalities == rb.fatalities;
        if same_toll && ra.target != NONE && ra.target == rb.target {
            Some((Evidence::SameTarget, ra.target))
        } else if same_toll && ra.injured > 0 && ra.injured == rb.injured {
            Some((Evidence::SameInjured, ra.injured))
        } else {
            None
        }
    }

    /// Whether two dated reports are one incident: their distance in km and days apart when
    /// so. Unless one names the other's place, their points lie within the coarser one's reach
    /// ([`tolerance_km`], at most half of `max_km`): two mines on one day at villages 17 km
    /// apart are two incidents. Reports whose texts tell days a day apart and whose tolls
    /// deny each other ([`tolls_deny`]) are two incidents too, and so are reports that name
    /// different targets ([`Event::target`]) with tolls that deny each other. A report placed
    /// at a governorate and one at a place in it are one incident on the same day with
    /// evidence ([`Reports::region_evidence`], returned too).
    fn same_dated_incident(
        &self,
        a: usize,
        b: usize,
        opts: &MergeOptions,
    ) -> Option<(f64, i64, Option<Held>)> {
        let (ra, rb) = (&self.reports[a], &self.reports[b]);
        if !ra.dated() || !rb.dated() {
            return None;
        }
        let days = (i64::from(ra.day) - i64::from(rb.day)).abs();
        let km = self.distance(a, b);
        // The cheap checks first: most candidate pairs differ in date or distance.
        let coded_alike = ra.event_type == rb.event_type;
        let in_region = days == 0 && self.in_region(a, b);
        if days > opts.max_days
            || (km > opts.max_km && !in_region)
            || !coded_alike
            || kinds_deny(ra, rb)
            || !self.comparable(a, b)
        {
            return None;
        }
        // On one day a toll is updated as the dead are counted; a day apart, as both texts
        // tell the days, tolls that deny each other are two attacks at one place (a day taken
        // from the page may be the day after, with a toll counted since), and so are wounded
        // with no dead against dead («أصيب طفلان … أمس الإثنين», «قتل ثلاثة رعاة … الأحد»).
        if days > 0
            && ra.day_told
            && rb.day_told
            && (tolls_deny(ra, rb) || only_wounded_against_dead(ra, rb))
        {
            return None;
        }
        // Different victims or targets and tolls that deny each other are two incidents at
        // one place, even on one day: five truffle gatherers and two shepherds killed by mines
        // in one desert.
        if ra.target != NONE && rb.target != NONE && ra.target != rb.target && tolls_deny(ra, rb) {
            return None;
        }
        let reach = tolerance_km(ra.precision, rb.precision, opts).min(opts.max_km / 2.0);
        if km <= opts.max_km && self.same_place(a, b, reach) {
            return Some((km, days, None));
        }
        if in_region {
            return self.region_evidence(a, b).map(|ev| (km, days, Some(ev)));
        }
        None
    }
}

/// What joined a report placed at a governorate to one at a place in it
/// ([`Reports::region_evidence`]): the evidence and its detail, as [`Reason`] keeps them.
type Held = (Evidence, u32);

/// Whether two reports could be one incident by their coding: the same sub-event type, and
/// tolls that do not deny each other.
fn coded_alike(a: &Report, b: &Report) -> bool {
    a.sub_event_type == b.sub_event_type && !tolls_deny(a, b)
}

/// Whether two reports' sub-event types tell two incidents whatever else agrees: a bomb or a
/// mine is not a shell, a strike or a shot, and an abduction is not a killing (ACLED codes a
/// killing after an abduction apart). Strikes and shelling, clashes and attacks are often
/// told one for the other, and stay comparable.
fn kinds_deny(a: &Report, b: &Report) -> bool {
    let distinct = |r: &Report| {
        matches!(
            r.sub_event_type,
            SubEventType::RemoteExplosive | SubEventType::AbductionForcedDisappearance
        )
    };
    a.sub_event_type != b.sub_event_type && (distinct(a) || distinct(b))
}

/// Whether one report counts wounded and no dead, and the other dead that no rising total
/// explains.
fn only_wounded_against_dead(a: &Report, b: &Report) -> bool {
    let wounded_only = |r: &Report| r.fatalities == 0 && r.injured > 0;
    let dead = |r: &Report| r.fatalities > 0 && !r.toll_rose;
    (wounded_only(a) && dead(b)) || (wounded_only(b) && dead(a))
}

/// Whether two known tolls deny each other: they differ, unless the smaller is a floor or an
/// estimate ("at least", "about") that the larger exceeds by at most a quarter («ما لا يقل
/// عن 36» and «نحو 40» agree; 4 and 40 do not, nor «نحو 4» and 40), or the larger is a total
/// that rose to its figure («ارتفعت الحصيلة إلى سبعة» after 4 dead: an earlier count; a total
/// that rose to 5 still denies 9).
fn tolls_deny(a: &Report, b: &Report) -> bool {
    let (low, high) = if a.fatalities <= b.fatalities {
        (a, b)
    } else {
        (b, a)
    };
    let close = u64::from(high.fatalities) * 4 <= u64::from(low.fatalities) * 5;
    low.fatalities > 0
        && low.fatalities != high.fatalities
        && !(low.toll_open && close)
        && !high.toll_rose
}

/// Whether the day and month one report writes lie more than [`written_tolerance`] from the
/// other's date or written day and month: two incidents, whatever else agrees.
fn written_days_deny(a: &Report, b: &Report, opts: &MergeOptions) -> bool {
    days_between_written(a, b).is_some_and(|d| d > written_tolerance(opts))
}

/// Days a written day and month may lie from another report's day and still be its incident:
/// the days dated reports may lie apart, and at least one (a page dated the day after).
fn written_tolerance(opts: &MergeOptions) -> i64 {
    opts.max_days.max(1)
}

/// Days between the day and month one report writes and the other's date (in the years
/// around it) or the day and month it writes (around the year), when one writes one: 0 is
/// the same day, which joins undated reports. A weekday alone tells too little (one in
/// seven) to join reports, and tells nothing against them: outlets name the day of their
/// telling and of fighting that lasts days.
fn days_between_written(a: &Report, b: &Report) -> Option<i64> {
    let apart = |written: DayOfMonth, day: i32| {
        let date = NaiveDate::from_num_days_from_ce_opt(day)?;
        (date.year() - 1..=date.year() + 1)
            .filter_map(|y| written.in_year(y))
            .map(|w| (i64::from(w.num_days_from_ce()) - i64::from(day)).abs())
            .min()
    };
    match (a.day_of_month, b.day_of_month) {
        // A leap year, so that 29 February is a day.
        (Some(x), Some(y)) => apart(x, y.in_year(2000)?.num_days_from_ce()),
        (Some(x), None) if b.dated() => apart(x, b.day),
        (None, Some(y)) if a.dated() => apart(y, a.day),
        _ => None,
    }
}

/// The number a [`Reason`] keeps for a day and month.
fn day_code(d: DayOfMonth) -> u32 {
    u32::from(d.month) * 32 + u32::from(d.day)
}

/// A [`day_code`] as the reasons write it ("7 August").
fn day_text(code: u32) -> String {
    NaiveDate::from_ymd_opt(2000, code / 32, code % 32)
        .map_or_else(String::new, |d| d.format("%-d %B").to_string())
}

/// Whether two reports tell of one dead between them (one toll of one, the other one or
/// none): then a target names the kind of the one killed, a shepherd or a truffle gatherer,
/// and one such death by the same means at the same desert is as likely the next one (a
/// named victim joins them instead). A target hit with several dead, or with none, is
/// evidence.
fn lone_death(a: &Report, b: &Report) -> bool {
    a.fatalities.max(b.fatalities) == 1
}

/// The fewest injured whose count, equal in two reports with the same count of dead, tells
/// one incident: one or two wounded at a town where mines go off every week tell nothing.
const MIN_INJURED_EVIDENCE: u32 = 3;

/// The fewest dead whose count, equal in two reports, tells one incident: one man killed by
/// a mine in a desert where mines kill someone every week tells nothing.
const MIN_TOLL_EVIDENCE: u32 = 2;

/// The hash of an article id or a folded word ([`crate::normalize::fnv1a`]).
fn article_key(id: &str) -> u64 {
    crate::normalize::fnv1a(&[id])
}

/// Actors agree when both reports name the same pair of sides (in any order; allies such as
/// the army and the NDF are one side), or, when one names fewer, they share one: "ISIS on regime forces" and "the SDF on ISIS" at one town on one
/// day are two incidents.
fn actors_agree(a: &Report, b: &Report) -> bool {
    let (sa, sb) = (a.actors(), b.actors());
    if sa.is_empty() || sb.is_empty() {
        return true;
    }
    // Who is actor1 in a clash is the writer's choice: compare the pair unordered.
    if sa.len() == 2 && sb.len() == 2 {
        return sa.iter().all(|x| sb.contains(x));
    }
    sa.iter().any(|x| sb.contains(x))
}

/// Why a report joined a group, as numbers: rendered only when the group is written.
#[derive(Debug, Clone, Copy)]
struct Reason {
    /// The group's leader while planning, its number in [`Groups`] after.
    group: u32,
    /// Location and sub-event type of the report the sentence starts from.
    location: u32,
    sub_event_type: SubEventType,
    /// Location of the other report.
    other: u32,
    /// Distance in km (dated reports).
    km: f64,
    /// Days apart, [`NONE`] when one date is unknown.
    days: u32,
    /// What else told an undated report's incident.
    evidence: Evidence,
    /// The count of dead or the target that agreed (a name's number), for undated reports.
    detail: u32,
}

/// What tells that an undated report is of an incident besides place and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// Both reports are dated: place, type and day tell.
    Dated,
    /// Both tolls are known and equal.
    SameToll,
    /// Both counts of injured are known and equal.
    SameInjured,
    /// Both name the same target ([`Event::target`]).
    SameTarget,
    /// Both name the same victim ([`Event::victims`]).
    SameVictim,
    /// Both articles tell it with another incident they both tell ([`join_companions`]).
    SameCompanion,
    /// Both tell it in the same words: one outlet's report copied or shared by another.
    SameWording,
    /// One writes the day and month of the other ([`Event::day_of_month`]).
    SameDay,
}

impl Reason {
    /// Why undated report `joining` joined the group `group` leads, told by `evidence` of
    /// report `other` (`detail`: the count, target, victim or place that agreed).
    fn undated(
        group: usize,
        joining: &Report,
        other: &Report,
        evidence: Evidence,
        detail: u32,
    ) -> Reason {
        Reason {
            group: group as u32,
            location: joining.location,
            sub_event_type: joining.sub_event_type,
            other: other.location,
            km: 0.0,
            days: NONE,
            evidence,
            detail,
        }
    }

    fn render(&self, names: &Names) -> String {
        let (a, b) = (names.name(self.location), names.name(self.other));
        let sub = self.sub_event_type;
        if self.days == NONE {
            let what = match self.evidence {
                Evidence::SameTarget => format!("same target ({})", names.name(self.detail)),
                Evidence::SameVictim => {
                    // Named victims join reports however each outlet coded the incident.
                    let who = names.name(self.detail);
                    return format!(
                        "{a} and {b}: same place, date unknown, same victim named ({who})"
                    );
                }
                Evidence::SameWording => "same wording".to_string(),
                Evidence::SameInjured => format!("same count of injured ({})", self.detail),
                Evidence::SameDay => format!("same day ({})", day_text(self.detail)),
                Evidence::SameCompanion => {
                    format!("told with the same incident at {}", names.name(self.detail))
                }
                _ => format!("same toll ({} dead)", self.detail),
            };
            return format!("{a} and {b}: same place, date unknown, both {sub}, {what}");
        }
        let when = if self.days == 0 {
            "same day".to_string()
        } else {
            format!("{} day apart", self.days)
        };
        let held = match self.evidence {
            Evidence::SameInjured => format!(", same toll and injured ({})", self.detail),
            Evidence::SameTarget => format!(", same toll and target ({})", names.name(self.detail)),
            Evidence::SameVictim => format!(", same victim named ({})", names.name(self.detail)),
            _ => return format!("{a} and {b}: {:.0} km apart, {when}, both {sub}", self.km),
        };
        format!(
            "{a} and {b}: one in the other's governorate ({:.0} km apart), {when}, both {sub}{held}",
            self.km
        )
    }
}

/// The groups while they are planned: `group[i]` is the report leading `i`'s group; a
/// group's members are its leader, `next[leader]`, `next[next[leader]]` ... up to [`NONE`].
struct Planning {
    group: Vec<u32>,
    next: Vec<u32>,
    reasons: Vec<Reason>,
}

impl Planning {
    fn new(n: usize) -> Planning {
        Planning {
            group: (0..n as u32).collect(),
            next: vec![NONE; n],
            reasons: Vec::new(),
        }
    }

    fn leads(&self, i: usize) -> bool {
        self.group[i] as usize == i
    }

    /// Whether report `i` is in no group but its own.
    fn alone(&self, i: usize) -> bool {
        self.leads(i) && self.next[i] == NONE
    }

    /// The reports of the group `leader` leads.
    fn members(&self, leader: usize) -> impl Iterator<Item = usize> + Clone + '_ {
        std::iter::successors(Some(leader), |&k| {
            let next = self.next[k];
            (next != NONE).then_some(next as usize)
        })
    }

    /// Puts report `j`, alone in its group, into the group `leader` leads.
    fn join(&mut self, leader: usize, j: usize, why: Reason) {
        self.group[j] = leader as u32;
        self.next[j] = self.next[leader];
        self.next[leader] = j as u32;
        self.reasons.push(why);
    }
}

/// The groups of a plan: each one's reports in input order, and why they were merged.
#[derive(Debug)]
pub struct Groups {
    members: Vec<u32>,
    /// Group `k`'s reports are `members[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
    /// Why reports were merged, by group number, in the order they joined.
    reasons: Vec<Reason>,
    names: Names,
}

impl Groups {
    /// The groups in output order (by their first report).
    fn new(planning: Planning, names: Names) -> Groups {
        let Planning {
            group, mut reasons, ..
        } = planning;
        // Group number of each leader, in order of the group's first report.
        let mut number = vec![NONE; group.len()];
        let mut starts: Vec<u32> = vec![0];
        for &g in &group {
            let g = g as usize;
            if number[g] == NONE {
                number[g] = (starts.len() - 1) as u32;
                starts.push(0);
            }
            starts[number[g] as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut fill = starts.clone();
        let mut members = vec![0; group.len()];
        for (i, &g) in group.iter().enumerate() {
            let k = number[g as usize] as usize;
            members[fill[k] as usize] = i as u32;
            fill[k] += 1;
        }
        for r in &mut reasons {
            r.group = number[r.group as usize];
        }
        // Stable: each group's reasons stay in the order its reports joined.
        reasons.sort_by_key(|r| r.group);
        Groups {
            members,
            starts,
            reasons,
            names,
        }
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Group `k`: its reports (by number in input order) and why they were merged.
    pub fn get(&self, k: usize) -> (&[u32], Option<String>) {
        let members = &self.members[self.starts[k] as usize..self.starts[k + 1] as usize];
        let from = self.reasons.partition_point(|r| (r.group as usize) < k);
        let to = self.reasons.partition_point(|r| r.group as usize <= k);
        let why = self.reasons[from..to]
            .iter()
            .map(|r| r.render(&self.names))
            .collect::<Vec<_>>();
        (members, (!why.is_empty()).then(|| why.join("; ")))
    }
}

/// Merges reports of the same incident (see [`plan`]): events in, one event per incident out.
pub fn merge(events: Vec<Event>, opts: &MergeOptions) -> Vec<Event> {
    let mut reports = Reports::new();
    for e in &events {
        reports.push(e);
    }
    let texts: Vec<Vec<String>> = events
        .iter()
        .map(|e| e.evidence.iter().map(|ev| ev.text.clone()).collect())
        .collect();
    reports.read_texts_with(Arc::new(move |i| texts[i].clone()));
    let groups = plan(reports, opts);
    let mut events: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    (0..groups.len())
        .filter_map(|k| {
            let (members, why) = groups.get(k);
            combine(
                members.iter().filter_map(|&i| events[i as usize].take()),
                why.as_deref(),
            )
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
/// reports are sorted by event type, day and longitude, and a report asks only the days
/// within `max_days` and the longitudes within reach; an undated report asks only the groups
/// indexed under its place, the places it names and the points within 5 km. The reports are
/// consumed: only their names stay, for the reasons.
pub fn plan(mut reports: Reports, opts: &MergeOptions) -> Groups {
    // The lists grew by doubling: give back their spare room before the plan's own indexes.
    reports.reports.shrink_to_fit();
    reports.articles.shrink_to_fit();
    reports.named.shrink_to_fit();
    // Names are looked up no more: only their text stays, for the reasons.
    reports.names.ids = FastMap::default();
    let mut planning = Planning::new(reports.len());
    if opts.max_days >= 0 {
        plan_dated(&reports, opts, &mut planning);
    }
    plan_undated(&reports, opts, &mut planning);
    Groups::new(planning, reports.names)
}

/// A dated report in the sweep of [`plan_dated`]: its point rounded to `f32` beside its
/// number, so that a search reads one array in order instead of reports all over memory.
#[derive(Debug, Clone, Copy)]
struct Swept {
    lon: f32,
    lat: f32,
    report: u32,
}

/// How far an `f32` coordinate may lie from its `f64` (in degrees, with room to spare): a
/// search on the rounded points widened by this misses no report the exact test keeps.
const ROUNDING_DEG: f64 = 1e-4;

/// Dated reports, in input order, gather the later ones that fit: a newcomer must agree with
/// every member of the group.
fn plan_dated(reports: &Reports, opts: &MergeOptions, planning: &mut Planning) {
    let sweep = Sweep::new(reports, opts);
    // The pairs are found for a stretch of reports at a time, so that they never all wait in
    // memory at once.
    for from in (0..reports.len()).step_by(PAIRED_AT_ONCE) {
        let to = reports.len().min(from + PAIRED_AT_ONCE);
        for pairs in dated_pairs(reports, opts, &sweep, from..to).chunk_by(|a, b| a.i == b.i) {
            join_pairs(reports, opts, planning, pairs);
        }
    }
}

/// Reports whose later partners are found at once by [`plan_dated`].
const PAIRED_AT_ONCE: usize = 1 << 15;

/// Joins the partners of `pairs` (all of one earlier report, by their number) to its group,
/// when it leads one and they agree with every member.
fn join_pairs(reports: &Reports, opts: &MergeOptions, planning: &mut Planning, pairs: &[Pair]) {
    let r = &reports.reports;
    let i = pairs[0].i as usize;
    if !planning.leads(i) {
        return;
    }
    for pair in pairs {
        let j = pair.j as usize;
        if !planning.leads(j) {
            continue;
        }
        // The leader is the first member, already asked.
        let fits = planning
            .members(i)
            .skip(1)
            .all(|k| reports.same_dated_incident(k, j, opts).is_some());
        if fits {
            let why = Reason {
                group: i as u32,
                location: r[i].location,
                sub_event_type: r[i].sub_event_type,
                other: r[j].location,
                km: pair.km,
                days: pair.days,
                evidence: pair.region.map_or(Evidence::Dated, |r| r.0),
                detail: pair.region.map_or(NONE, |r| r.1),
            };
            planning.join(i, j, why);
        }
    }
}

/// Two dated reports that are one incident by themselves ([`Reports::same_dated_incident`]),
/// the earlier `i` first.
struct Pair {
    i: u32,
    j: u32,
    km: f64,
    days: u32,
    /// What joined a report placed at a governorate to one at a place in it.
    region: Option<Held>,
}

/// Every [`Pair`] of dated reports whose earlier report is one of `earlier`, by `i` then `j`.
/// Whether two reports are one incident does not depend on the groups, so the pairs are
/// found in parallel before any is joined.
fn dated_pairs(
    reports: &Reports,
    opts: &MergeOptions,
    sweep: &Sweep,
    earlier: std::ops::Range<usize>,
) -> Vec<Pair> {
    earlier
        .into_par_iter()
        .map_init(Vec::new, |near, i| {
            if !reports.reports[i].dated() {
                return Vec::new();
            }
            sweep.near(reports, i, near);
            sweep.in_region(reports, i, near);
            near.sort_unstable();
            near.dedup();
            near.iter()
                .filter(|&&j| j > i)
                .filter_map(|&j| {
                    let (km, days, region) = reports.same_dated_incident(i, j, opts)?;
                    Some(Pair {
                        i: i as u32,
                        j: j as u32,
                        km,
                        days: days as u32,
                        region,
                    })
                })
                .collect::<Vec<Pair>>()
        })
        .flat_map_iter(Vec::into_iter)
        .collect()
}

/// The dated reports as [`Swept`] points, sorted so that those of one event type and day are
/// a run, by longitude: a search asks only the runs of its type within `max_days` and, in
/// each, only the longitudes within reach.
struct Sweep {
    dated: Vec<Swept>,
    /// Where each (type, day) run begins in `dated`.
    runs: Vec<(EventType, i64, u32)>,
    max_days: i64,
    radius: f64,
    /// The dated reports of each event type, day and governorate where one report is placed at
    /// the governorate itself ([`Reports::in_region`]): they are asked beside the points
    /// within reach. Most keys have none.
    regions: FastMap<(EventType, i32, u32), Vec<u32>>,
}

impl Sweep {
    fn new(reports: &Reports, opts: &MergeOptions) -> Sweep {
        let r = &reports.reports;
        let key = |k: u32| (r[k as usize].event_type, r[k as usize].day);
        // Reports of another type never merge, and only reports dated within `max_days` can
        // agree.
        // A report on a road is swept at each of its points.
        let mut dated: Vec<Swept> = Vec::with_capacity(r.len());
        for k in (0..r.len()).filter(|&k| r[k].dated()) {
            dated.extend(reports.points_of(k).iter().map(|p| Swept {
                lon: p[0] as f32,
                lat: p[1] as f32,
                report: k as u32,
            }));
        }
        dated.sort_unstable_by(|a, b| {
            key(a.report)
                .cmp(&key(b.report))
                .then(a.lon.total_cmp(&b.lon))
                .then(a.report.cmp(&b.report))
        });
        let mut runs: Vec<(EventType, i64, u32)> = Vec::new();
        for (at, s) in dated.iter().enumerate() {
            let (kind, day) = key(s.report);
            if runs
                .last()
                .is_none_or(|&(t, d, _)| (t, d) != (kind, i64::from(day)))
            {
                runs.push((kind, i64::from(day), at as u32));
            }
        }
        let region_key = |k: usize| (r[k].event_type, r[k].day, r[k].admin1);
        let mut regions: FastMap<(EventType, i32, u32), Vec<u32>> = FastMap::default();
        for (k, e) in r.iter().enumerate() {
            if e.dated() && e.governorate && e.admin1 != NONE {
                regions.entry(region_key(k)).or_default();
            }
        }
        if !regions.is_empty() {
            for (k, e) in r.iter().enumerate() {
                if e.dated() && e.admin1 != NONE {
                    if let Some(list) = regions.get_mut(&region_key(k)) {
                        list.push(k as u32);
                    }
                }
            }
        }
        Sweep {
            dated,
            runs,
            max_days: opts.max_days,
            radius: km_to_deg(opts.max_km),
            regions,
        }
    }

    fn run_end(&self, x: usize) -> usize {
        self.runs
            .get(x + 1)
            .map_or(self.dated.len(), |r| r.2 as usize)
    }

    /// Adds to `near` the dated reports of `i`'s type and day that one of the two holds, being
    /// placed at the governorate the other lies in ([`Reports::in_region`]).
    fn in_region(&self, reports: &Reports, i: usize, near: &mut Vec<usize>) {
        if self.regions.is_empty() {
            return;
        }
        let e = &reports.reports[i];
        if let Some(list) = self.regions.get(&(e.event_type, e.day, e.admin1)) {
            let held = list
                .iter()
                .map(|&k| k as usize)
                .filter(|&k| reports.reports[k].governorate != e.governorate);
            near.extend(held);
        }
    }

    /// The dated reports of `i`'s type within `max_days` and `radius` of it, `i` aside, into
    /// `near` (emptied first), in no order.
    fn near(&self, reports: &Reports, i: usize, near: &mut Vec<usize>) {
        near.clear();
        for &p in reports.points_of(i) {
            self.near_point(reports, i, p, near);
        }
    }

    /// Adds to `near` the dated reports of `i`'s type within `max_days` of it with a point
    /// ([`Reports::points_of`]) within `radius` of `p`.
    fn near_point(&self, reports: &Reports, i: usize, p: [f64; 2], near: &mut Vec<usize>) {
        let e = &reports.reports[i];
        let day = i64::from(e.day);
        let (from, to) = (
            day.saturating_sub(self.max_days),
            day.saturating_add(self.max_days),
        );
        let kind = e.event_type;
        let first = self
            .runs
            .partition_point(|&(t, d, _)| (t, d) < (kind, from));
        let last = self.runs.partition_point(|&(t, d, _)| (t, d) <= (kind, to));
        // Points farther than this in longitude or latitude cannot lie within `radius`.
        let reach = self.radius * 1.001 + ROUNDING_DEG;
        let (west, east) = ((p[0] - reach) as f32, (p[0] + reach) as f32);
        let (south, north) = ((p[1] - reach) as f32, (p[1] + reach) as f32);
        for x in first..last {
            // One day's run, sorted by longitude.
            let run = &self.dated[self.runs[x].2 as usize..self.run_end(x)];
            let from = run.partition_point(|s| s.lon < west);
            let within = run[from..]
                .iter()
                .take_while(|s| s.lon <= east)
                .filter(|s| s.lat >= south && s.lat <= north)
                .map(|s| s.report as usize)
                .filter(|&k| {
                    k != i
                        && reports
                            .points_of(k)
                            .iter()
                            .any(|&q| deg_distance_2(p, q) <= self.radius * self.radius)
                });
            near.extend(within);
        }
    }
}

/// The groups indexed under a key (a place, a named place or a point) and an event type: for
/// each key and type side by side, the count of dead its leader reports and the leader,
/// sorted, each once. 8 bytes an entry, and a key's entries are found without a search.
struct GroupIndex {
    /// The entries of key `k` and type number `t` are `entries[starts[b]..starts[b + 1]]`,
    /// `b = k · kinds + t`.
    starts: Vec<u32>,
    entries: Vec<(u32, u32)>,
    kinds: usize,
}

/// Takes one entry of a [`GroupIndex`]: its key, type number and leader.
type Entry<'a> = dyn FnMut(u32, usize, u32) + 'a;

impl GroupIndex {
    /// The index of the `(key, type number, leader)` of `entries` (`keys` keys, `kinds` type
    /// numbers), handed to its argument; `toll` gives a leader's count of dead.
    fn new(
        keys: usize,
        kinds: usize,
        toll: &dyn Fn(u32) -> u32,
        entries: &dyn Fn(&mut Entry),
    ) -> GroupIndex {
        let buckets = keys * kinds;
        let bucket = |key: u32, kind: usize| key as usize * kinds + kind;
        let mut starts = vec![0u32; buckets + 1];
        entries(&mut |key, kind, _| starts[bucket(key, kind) + 1] += 1);
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut all = vec![(0u32, 0u32); starts[buckets] as usize];
        let mut fill = starts.clone();
        entries(&mut |key, kind, leader| {
            let b = bucket(key, kind);
            all[fill[b] as usize] = (toll(leader), leader);
            fill[b] += 1;
        });
        drop(fill);
        // Each bucket sorted and once, moved down over the duplicates removed.
        let mut kept = 0;
        for b in 0..buckets {
            let (from, to) = (starts[b] as usize, starts[b + 1] as usize);
            starts[b] = kept as u32;
            all[from..to].sort_unstable();
            for x in from..to {
                if kept == starts[b] as usize || all[kept - 1] != all[x] {
                    all[kept] = all[x];
                    kept += 1;
                }
            }
        }
        starts[buckets] = kept as u32;
        all.truncate(kept);
        GroupIndex {
            starts,
            entries: all,
            kinds,
        }
    }

    /// The `(count of dead, leader)` of the groups of type number `kind` indexed under `key`;
    /// with `toll`, only those whose leader reports that many dead.
    fn get(&self, kind: usize, key: u32, toll: Option<u32>) -> &[(u32, u32)] {
        if kind >= self.kinds {
            return &[];
        }
        let b = key as usize * self.kinds + kind;
        let entries = match self.starts.get(b..b + 2) {
            Some(&[from, to]) => &self.entries[from as usize..to as usize],
            _ => return &[],
        };
        match toll {
            Some(f) => {
                let from = entries.partition_point(|e| e.0 < f);
                let to = from + entries[from..].partition_point(|e| e.0 <= f);
                &entries[from..to]
            }
            None => entries,
        }
    }
}

/// A point of a dated report with its number in [`Reports::points`].
type NumberedPoint = GeomWithData<[f64; 2], u32>;

/// Groups with a dated member, indexed through their dated members: by the member's place,
/// the places it names and its point.
struct Indexes {
    by_place: GroupIndex,
    by_named: GroupIndex,
    by_point: GroupIndex,
    /// The points of `by_point`.
    points: RTree<NumberedPoint>,
    /// The event types of the reports, sorted: a type's place here is its number.
    kinds: Vec<EventType>,
}

impl Indexes {
    fn new(reports: &Reports, planning: &Planning) -> Indexes {
        let r = &reports.reports;
        let mut kinds: Vec<EventType> = Vec::new();
        for e in r {
            if !kinds.contains(&e.event_type) {
                kinds.push(e.event_type);
            }
        }
        kinds.sort_unstable();
        let n = kinds.len();
        let names = reports.names.names.len();
        let kind = |k: usize| kind_number(&kinds, r[k].event_type);
        let dated = || (0..r.len()).filter(|&k| r[k].dated());
        let leader = |k: usize| planning.group[k];
        let toll = |g: u32| r[g as usize].fatalities;
        let by_point = GroupIndex::new(reports.points.len(), n, &toll, &|add| {
            dated().for_each(|k| add(r[k].point, kind(k), leader(k)));
        });
        let points = (0..reports.points.len())
            .filter(|&p| by_point.starts[p * n] < by_point.starts[(p + 1) * n])
            .map(|p| NumberedPoint::new(reports.points[p], p as u32))
            .collect();
        Indexes {
            by_place: GroupIndex::new(names, n, &toll, &|add| {
                dated().for_each(|k| add(r[k].place, kind(k), leader(k)));
            }),
            by_named: GroupIndex::new(names, n, &toll, &|add| {
                for k in dated() {
                    let kind = kind(k);
                    reports
                        .named(k)
                        .iter()
                        .for_each(|&id| add(id, kind, leader(k)));
                }
            }),
            by_point,
            points: RTree::bulk_load(points),
            kinds,
        }
    }

    /// The points of dated reports within `km` of report `i`, into `near`.
    fn near(&self, reports: &Reports, i: usize, km: f64, near: &mut Vec<u32>) {
        near.clear();
        let around = box_around(reports.point(i), km);
        near.extend(self.points.locate_in_envelope(&around).map(|p| p.data));
    }

    /// The groups of report `i`'s type with a member at its place, at a place `i` names,
    /// naming its place, or at the points of `near` (a group may come more than once), as
    /// `(count of dead of the leader, leader)`; with `toll`, only those whose leader reports
    /// that many dead.
    fn candidates<'a>(
        &'a self,
        reports: &'a Reports,
        i: usize,
        near: &'a [u32],
        toll: Option<u32>,
    ) -> impl Iterator<Item = (u32, usize)> + 'a {
        let e = &reports.reports[i];
        let kind = kind_number(&self.kinds, e.event_type);
        let place = std::iter::once((&self.by_place, e.place));
        let named = reports.named(i).iter().map(|&id| (&self.by_place, id));
        let naming = std::iter::once((&self.by_named, e.place));
        let points = near.iter().map(|&p| (&self.by_point, p));
        place
            .chain(named)
            .chain(naming)
            .chain(points)
            .flat_map(move |(index, key)| index.get(kind, key, toll))
            .map(|&(f, g)| (f, g as usize))
    }
}

/// The number of event type `kind` among the sorted types `kinds`.
fn kind_number(kinds: &[EventType], kind: EventType) -> usize {
    kinds.binary_search(&kind).unwrap_or(kinds.len())
}

/// Up to two groups of `candidates` that `fits`, each once: one is a choice, two are none.
fn two_fitting(
    candidates: impl Iterator<Item = usize>,
    fits: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut found = Vec::with_capacity(2);
    for g in candidates {
        if found.len() == 2 {
            break;
        }
        if !found.contains(&g) && fits(g) {
            found.push(g);
        }
    }
    found
}

/// Undated reports join the one group that fits, unless the other incidents their article
/// tells are dated far from it; those left alone then group among themselves
/// ([`plan_all_undated`]).
fn plan_undated(reports: &Reports, opts: &MergeOptions, planning: &mut Planning) {
    join_dated_groups(reports, opts, planning);
    plan_all_undated(reports, opts, planning);
    join_companions(reports, opts, planning);
}

/// Undated reports still alone join a report told with them: when two articles both tell
/// one incident (their reports of it are one group) and each tells another of the same
/// sub-event type at the same place, with actors that agree, the other is one incident too,
/// whatever its tolls (two outlets' round-ups of the same attacks from one source: «هجومين»,
/// a bus near Palmyra and an attack near Athriya). An undated report joins only when
/// exactly one such report's group fits, holds none of its article's reports, and lies
/// within [`ARTICLE_SPAN_DAYS`] of the incident told with it.
fn join_companions(reports: &Reports, opts: &MergeOptions, planning: &mut Planning) {
    let r = &reports.reports;
    let lone = |i: usize| !r[i].dated() && planning.alone(i);
    if !(0..r.len()).any(lone) {
        return;
    }
    let mut by_article: HashMap<u64, Vec<usize>> = HashMap::new();
    for i in 0..r.len() {
        for &a in reports.articles(i) {
            by_article.entry(a).or_default().push(i);
        }
    }
    let choices: Vec<(usize, usize, usize)> = (0..r.len())
        .filter(|&i| lone(i))
        .filter_map(|i| {
            companion(reports, opts, planning, &by_article, i).map(|(g, shared)| (i, g, shared))
        })
        .collect();
    for (i, g, shared) in choices {
        // Two reports may have chosen each other: the second finds itself joined already.
        let g = planning.group[g] as usize;
        if !planning.alone(i) || !planning.members(g).all(|k| reports.comparable(i, k)) {
            continue;
        }
        let why = Reason::undated(g, &r[i], &r[g], Evidence::SameCompanion, r[shared].location);
        planning.join(g, i, why);
    }
}

/// The group report `i` joins as the companion of an incident its article and another both
/// tell ([`join_companions`]), with that incident's group: exactly one report of the other
/// article fits it, and no other report of its own article fits that one.
fn companion(
    reports: &Reports,
    opts: &MergeOptions,
    planning: &Planning,
    by_article: &HashMap<u64, Vec<usize>>,
    i: usize,
) -> Option<(usize, usize)> {
    let r = &reports.reports;
    let group = |k: usize| planning.group[k] as usize;
    // Of one kind and at one place.
    let alike_at = |x: usize, b: usize| {
        r[x].sub_event_type == r[b].sub_event_type
            && reports.same_place(x, b, tolerance_km(r[x].precision, r[b].precision, opts))
    };
    let mine = reports.articles(i);
    // (the group told with i's article, a report of another article fitting i)
    let mut found: Vec<(usize, usize)> = Vec::new();
    for shared in siblings_of(by_article, mine).filter(|&s| s != i).map(group) {
        let partners = planning
            .members(shared)
            .flat_map(|m| reports.articles(m))
            .filter(|a| !mine.contains(a));
        for b in partners.flat_map(|a| &by_article[a]).copied() {
            let fits = group(b) != shared
                && alike_at(i, b)
                && reports.comparable(i, b)
                && days_near(r[group(b)].day, r[shared].day);
            if fits && !found.iter().any(|&(_, k)| group(k) == group(b)) {
                found.push((shared, b));
            }
        }
    }
    let [(shared, b)] = found[..] else {
        return None;
    };
    // Another report of i's article that fits as well makes it as ambiguous as two of the
    // other's.
    let rival =
        siblings_of(by_article, mine).any(|x| x != i && group(x) != shared && alike_at(x, b));
    (!rival).then_some((group(b), shared))
}

/// The reports of the articles `keys`.
fn siblings_of<'a>(
    by_article: &'a HashMap<u64, Vec<usize>>,
    keys: &'a [u64],
) -> impl Iterator<Item = usize> + 'a {
    keys.iter().flat_map(|a| &by_article[a]).copied()
}

/// Whether two days, either unknown, lie within [`ARTICLE_SPAN_DAYS`] of each other.
fn days_near(a: i32, b: i32) -> bool {
    a == UNDATED || b == UNDATED || (i64::from(a) - i64::from(b)).abs() <= ARTICLE_SPAN_DAYS
}

/// Undated reports join the one group with a dated member that fits them.
fn join_dated_groups(reports: &Reports, opts: &MergeOptions, planning: &mut Planning) {
    let r = &reports.reports;
    let radius = km_to_deg(opts.max_km);
    // A fitting group has a member naming the same place (same gazetteer entry, one among the
    // other's places, or within 5 km), so the groups worth asking are found through those
    // members; of them, the ones with a member near enough to be a neighbour are judged.
    // Only groups with a dated member can be joined, and so far only dated reports are in
    // groups of more than one, all of one event type: groups are indexed through their dated
    // members, by the undated one's type.
    let indexes = Indexes::new(reports, planning);
    // An undated report's choice depends only on the groups of dated reports, which no
    // choice changes until all are made: they are made in parallel.
    let choices: Vec<(usize, Choice)> = (0..r.len())
        .into_par_iter()
        .map_init(Vec::new, |near, i| {
            let lone_undated = !r[i].dated() && planning.alone(i);
            let choice =
                lone_undated.then(|| choose(reports, opts, planning, &indexes, i, radius, near));
            choice.flatten().map(|c| (i, c))
        })
        .flat_map_iter(Option::into_iter)
        .collect();
    drop(indexes);
    let told = article_dates(reports, &choices);
    for &(i, c) in &choices {
        let (e, g) = (&r[i], c.group);
        if !fits_article(reports, i, c, r[g].day, &told) {
            continue;
        }
        // Choices were made apart: another report of the same article may have joined the
        // group since, and one article's two incidents are never one.
        if !planning.members(g).all(|k| reports.comparable(i, k)) {
            continue;
        }
        let detail = match c.evidence {
            Evidence::SameToll => e.fatalities,
            Evidence::SameVictim => planning
                .members(g)
                .find_map(|k| reports.same_victim(i, k))
                .unwrap_or(NONE),
            Evidence::SameDay => e.day_of_month.map_or(NONE, day_code),
            Evidence::SameInjured => e.injured,
            _ => e.target,
        };
        let why = Reason::undated(g, e, &r[g], c.evidence, detail);
        planning.join(g, i, why);
    }
}

/// Undated reports still alone group among themselves, on the same evidence an undated
/// report needs to join a dated group ([`Reports::undated_evidence`]): reports that fit one
/// another, each from another article, become one incident, unless they are more than
/// [`MAX_UNDATED_GROUP`] (then they are more likely several incidents alike).
///
/// Only reports with a count of dead or injured, a target, a day and month written, a shared
/// run of words or a named victim can fit, and only those with the same sub-event type and
/// the same count, target, day or run, or a victim's first and last names in common, are
/// compared: they are bucketed by these. A
/// group whose members' tolls deny each other, or whose kinds differ, is no incident unless
/// a victim joins them ([`consistent`]).
fn plan_all_undated(reports: &Reports, opts: &MergeOptions, planning: &mut Planning) {
    let r = &reports.reports;
    let alone = |i: usize| !r[i].dated() && planning.alone(i);
    // (sub-event type, or none for victims named; 0 toll / 1 target / 2 fingerprint / 3 a
    // victim's first and last names / 4 a day and month named / 5 injured; the toll,
    // target, print, names, day or count of injured) → reports.
    let mut buckets: HashMap<(Option<SubEventType>, u8, u32), Vec<usize>> = HashMap::new();
    for i in (0..r.len()).filter(|&i| alone(i)) {
        for v in reports.victims(i) {
            // One person's names share their first and last words.
            let (Some(&first), Some(&last)) = (v.words.first(), v.words.last()) else {
                continue;
            };
            let key = first.wrapping_mul(0x9E37_79B9) ^ last;
            let bucket = buckets.entry((None, 3, key)).or_default();
            if bucket.last() != Some(&i) {
                bucket.push(i);
            }
        }
        let sub = Some(r[i].sub_event_type);
        if r[i].fatalities >= MIN_TOLL_EVIDENCE {
            buckets
                .entry((sub, 0, r[i].fatalities))
                .or_default()
                .push(i);
        }
        if r[i].target != NONE {
            buckets.entry((sub, 1, r[i].target)).or_default().push(i);
        }
        for &p in reports.prints(i).iter() {
            buckets.entry((sub, 2, p)).or_default().push(i);
        }
        if let Some(d) = r[i].day_of_month {
            buckets.entry((sub, 4, day_code(d))).or_default().push(i);
        }
        if r[i].injured >= MIN_INJURED_EVIDENCE {
            buckets.entry((sub, 5, r[i].injured)).or_default().push(i);
        }
    }
    let mut keys: Vec<_> = buckets
        .keys()
        .copied()
        .filter(|k| buckets[k].len() > 1)
        .collect();
    keys.sort_unstable();
    // Each pair that fits, as (first, second, evidence), in input order.
    let mut fitting: Vec<(usize, usize, Evidence)> = Vec::new();
    for key in keys {
        let members = &buckets[&key];
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                if !reports.comparable(a, b) {
                    continue;
                }
                if let Some(ev) = reports.undated_evidence(a, b, opts) {
                    fitting.push((a, b, ev));
                }
            }
        }
    }
    fitting.sort_unstable_by_key(|&(a, b, _)| (a, b));
    fitting.dedup_by_key(|&mut (a, b, _)| (a, b));
    for (members, pairs) in undated_components(r.len(), &fitting) {
        if members.len() > MAX_UNDATED_GROUP
            || shares_an_article(reports, &members)
            || !consistent(reports, &members, opts)
        {
            continue;
        }
        let leader = members[0];
        for &m in &members[1..] {
            // The pair that brought `m` in, with the member it fits.
            let Some(&(a, b, ev)) = pairs.iter().find(|&&(a, b, _)| a == m || b == m) else {
                continue;
            };
            let other = if a == m { b } else { a };
            let detail = match ev {
                Evidence::SameTarget => r[m].target,
                Evidence::SameDay => r[m]
                    .day_of_month
                    .or(r[other].day_of_month)
                    .map_or(NONE, day_code),
                Evidence::SameVictim => reports.same_victim(m, other).unwrap_or(NONE),
                Evidence::SameInjured => r[m].injured,
                _ => r[m].fatalities,
            };
            let why = Reason::undated(leader, &r[m], &r[other], ev, detail);
            planning.join(leader, m, why);
        }
    }
}

/// Reports joined by fitting pairs: the members in input order, and the pairs.
type Component = (Vec<usize>, Vec<(usize, usize, Evidence)>);

/// The connected groups of reports that `pairs` join, each with its members in input order
/// and the pairs that joined them (a spanning tree: each member but the first once).
fn undated_components(n: usize, pairs: &[(usize, usize, Evidence)]) -> Vec<Component> {
    let mut root: HashMap<usize, usize> = HashMap::new();
    fn find(root: &mut HashMap<usize, usize>, x: usize) -> usize {
        let mut x = x;
        while let Some(&p) = root.get(&x) {
            if p == x {
                break;
            }
            x = p;
        }
        x
    }
    let mut tree = Vec::new();
    for &(a, b, ev) in pairs {
        debug_assert!(a < n && b < n);
        let (ra, rb) = (find(&mut root, a), find(&mut root, b));
        if ra == rb {
            continue;
        }
        // The earlier report roots the group, so it leads it.
        let (keep, under) = if ra < rb { (ra, rb) } else { (rb, ra) };
        root.insert(under, keep);
        root.entry(keep).or_insert(keep);
        tree.push((a, b, ev));
    }
    let mut groups: HashMap<usize, Component> = HashMap::new();
    for &(a, b, ev) in &tree {
        let g = find(&mut root, a);
        let entry = groups.entry(g).or_default();
        entry.0.extend([a, b]);
        entry.1.push((a, b, ev));
    }
    let mut out: Vec<_> = groups
        .into_values()
        .map(|(mut members, mut pairs)| {
            members.sort_unstable();
            members.dedup();
            // Joined outward from the leader: each pair's later member after its earlier.
            pairs.sort_unstable_by_key(|&(a, b, _)| (a.min(b), a.max(b)));
            (members, pairs)
        })
        .collect();
    out.sort_unstable_by_key(|(m, _)| m[0]);
    out
}

/// Whether every two of `members` could be one incident by their tolls, kinds and the days
/// and months they write, unless one of them names a victim another member names too: a
/// report proved one incident with another by a person named may have told an earlier toll
/// (4 dead, then 36, then 40).
fn consistent(reports: &Reports, members: &[usize], opts: &MergeOptions) -> bool {
    let r = &reports.reports;
    let named = |a: usize| {
        members
            .iter()
            .any(|&m| m != a && reports.same_victim(a, m).is_some())
    };
    let alike = |a: &Report, b: &Report| coded_alike(a, b) && !written_days_deny(a, b, opts);
    members.iter().enumerate().all(|(x, &a)| {
        members[x + 1..]
            .iter()
            .all(|&b| alike(&r[a], &r[b]) || named(a) || named(b))
    })
}

/// Whether two of `members` come from one article: one article's two incidents are never
/// one.
fn shares_an_article(reports: &Reports, members: &[usize]) -> bool {
    let mut seen: Vec<u64> = Vec::new();
    for &m in members {
        for &a in reports.articles(m) {
            if seen.contains(&a) {
                return true;
            }
            seen.push(a);
        }
    }
    false
}

/// The group of dated reports the undated report `i` joins, if any: one with a member within
/// `radius` (degrees). `near` is room to work in.
fn choose(
    reports: &Reports,
    opts: &MergeOptions,
    planning: &Planning,
    indexes: &Indexes,
    i: usize,
    radius: f64,
    near: &mut Vec<u32>,
) -> Option<Choice> {
    let r = &reports.reports;
    let e = &r[i];
    let distinctive = e.fatalities >= MIN_TOLL_EVIDENCE
        || e.injured >= MIN_INJURED_EVIDENCE
        || e.target != NONE
        || e.day_of_month.is_some()
        || !reports.victims(i).is_empty();
    if !distinctive && reports.texts.is_none() {
        // Nothing distinctive to tell its incident by.
        return None;
    }
    let p = reports.point(i);
    let reach = tolerance_km(e.precision, e.precision, opts).max(NEAR_PLACE_KM);
    indexes.near(reports, i, reach, near);
    let fits = |g: usize, want: Evidence| {
        let mut members = planning.members(g);
        members.clone().any(|k| r[k].dated())
            && members.clone().any(|k| {
                // Near, or placed by name: «المحطة الثالثة في بادية تدمر» and «تدمر».
                k != i
                    && (deg_distance_2(p, reports.point(k)) <= radius * radius
                        || reports.same_place(i, k, 0.0))
            })
            && members.clone().all(|k| reports.comparable(i, k))
            && members.clone().all(|k| !written_days_deny(e, &r[k], opts))
            && members.any(|k| reports.undated_evidence(i, k, opts) == Some(want))
    };
    // One group naming a victim it names is chosen whatever else fits (a person dies once);
    // without one, one group with the same count of dead; without one, the one group with
    // the same target or wording. Only whether one or more than one fits matters, so the
    // search stops at two.
    if !reports.victims(i).is_empty() {
        let all = indexes.candidates(reports, i, near, None).map(|(_, g)| g);
        match two_fitting(all, |g| fits(g, Evidence::SameVictim)).as_slice() {
            [g] => {
                return Some(Choice {
                    group: *g,
                    evidence: Evidence::SameVictim,
                })
            }
            [_, _] => return None,
            _ => {}
        }
    }
    let same_toll = match e.fatalities {
        f if f < MIN_TOLL_EVIDENCE => Vec::new(),
        f => {
            let same = indexes.candidates(reports, i, near, Some(f));
            two_fitting(same.map(|(_, g)| g), |g| fits(g, Evidence::SameToll))
        }
    };
    match same_toll.as_slice() {
        [g] => Some(Choice {
            group: *g,
            evidence: Evidence::SameToll,
        }),
        [_, _] => None,
        _ => {
            let others = indexes.candidates(reports, i, near, None).map(|(_, g)| g);
            // The firmer evidence first: the toll of a member that does not lead its group
            // (groups are found by their leader's toll), the injured, a target, the day
            // written, the wording.
            let kinds = [
                Evidence::SameToll,
                Evidence::SameInjured,
                Evidence::SameTarget,
                Evidence::SameDay,
                Evidence::SameWording,
            ];
            let fits_otherwise = |g| kinds.iter().any(|&k| fits(g, k));
            match two_fitting(others, fits_otherwise).as_slice() {
                [g] => kinds
                    .into_iter()
                    .find(|&k| fits(*g, k))
                    .map(|evidence| Choice {
                        group: *g,
                        evidence,
                    }),
                _ => None,
            }
        }
    }
}

/// The dated group an undated report fits, and how firmly.
#[derive(Debug, Clone, Copy)]
struct Choice {
    group: usize,
    /// What told it: the same count of dead is firmer than the same target or wording.
    evidence: Evidence,
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
    if c.evidence == Evidence::SameToll {
        Firmness::SameToll
    } else {
        Firmness::Fit
    }
}

/// A day an article's report (by number) is stated or found to have.
type Told = (Firmness, u32, i32);

/// The days the reports of each article with a chosen undated report are stated or found to
/// have (the day of the group an undated one fits), with how firmly. Other articles are not
/// asked about: they are left out.
fn article_dates(reports: &Reports, choices: &[(usize, Choice)]) -> HashMap<u64, Vec<Told>> {
    let r = &reports.reports;
    let mut told: HashMap<u64, Vec<Told>> = choices
        .iter()
        .filter_map(|&(i, _)| reports.articles(i).first())
        .map(|&s| (s, Vec::new()))
        .collect();
    let mut chosen = choices.iter().peekable();
    for (i, e) in r.iter().enumerate() {
        let choice = chosen.next_if(|(k, _)| *k == i).map(|&(_, c)| c);
        let day = match (e.dated(), choice) {
            (true, _) => Some((Firmness::Stated, e.day)),
            (false, Some(c)) => Some((firmness(c), r[c.group].day)).filter(|(_, d)| *d != UNDATED),
            (false, None) => None,
        };
        let source = reports.articles(i).first();
        if let (Some((f, d)), Some(list)) = (day, source.and_then(|s| told.get_mut(s))) {
            list.push((f, i as u32, d));
        }
    }
    told
}

/// Whether an undated report `i` can be of a group dated `day`: the other incidents of its
/// article dated more firmly, or as firmly but told before it (a report's lead incident sets
/// its time), do not put the article months away from it.
fn fits_article(
    reports: &Reports,
    i: usize,
    choice: Choice,
    day: i32,
    told: &HashMap<u64, Vec<Told>>,
) -> bool {
    let (true, Some(source)) = (day != UNDATED, reports.articles(i).first()) else {
        return true;
    };
    let mine = firmness(choice);
    let mut others = told
        .get(source)
        .into_iter()
        .flatten()
        .filter(|(f, k, _)| *f > mine || (*f == mine && (*k as usize) < i))
        .map(|(_, _, d)| *d)
        .peekable();
    others.peek().is_none()
        || others.any(|d| (i64::from(d) - i64::from(day)).abs() <= ARTICLE_SPAN_DAYS)
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
    // A total that rose («ارتفعت الحصيلة إلى 7») counts the dead an earlier report counted
    // fewer of: the smaller counts give way to it.
    let risen = [&*into, &other]
        .iter()
        .filter(|e| e.toll_rose)
        .map(|e| e.fatalities)
        .max()
        .unwrap_or(0);
    let tolls = [into.fatalities, other.fatalities]
        .into_iter()
        .filter(|&f| f > 0 && f >= risen);
    into.fatalities = tolls.min().unwrap_or(0);
    into.toll_rose = risen > 0 && into.fatalities == risen;
    into.fatalities_low = figures.iter().copied().min();
    into.fatalities_high = figures.iter().copied().max();
    // A toll one report counts is known; a report that tells of dead uncounted leaves it
    // unknown only when no report counts them.
    into.fatalities_unknown =
        into.fatalities == 0 && (into.fatalities_unknown || other.fatalities_unknown);
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
    fill_sides(into, &other);
    let sides = [into.actor1.clone(), into.actor2.clone()];
    join_names(&mut into.assoc_actor_1, other.assoc_actor_1, &sides);
    join_names(&mut into.assoc_actor_2, other.assoc_actor_2, &sides);
    for id in other.place_ids {
        if !into.place_ids.contains(&id) {
            into.place_ids.push(id);
        }
    }
    into.sources.extend(other.sources);
    into.evidence.extend(other.evidence);
    into.confidence = into.confidence.max(other.confidence);
}

/// The sides the merged event leaves out, from the other report: both when it names none;
/// else the missing one from the other's actor in the same role, unless that one is on the
/// side it names (one outlet's «قوات النظام» alone and another's gunmen against the army
/// are never the army twice). In a clash, where who is actor1 is the writer's choice, the
/// other role may fill it too; elsewhere a victim never becomes the one who struck.
fn fill_sides(into: &mut Event, other: &Event) {
    fn side(a: &str) -> &str {
        crate::events::actors::side_of(a).unwrap_or(a)
    }
    let theirs = [(&other.actor1, other.inter1), (&other.actor2, other.inter2)];
    let roles = if into.sub_event_type == SubEventType::ArmedClash {
        2
    } else {
        1
    };
    let other_than = |known: &str, same_role: usize| {
        [same_role, 1 - same_role][..roles]
            .iter()
            .map(|&k| theirs[k])
            .find(|(a, _)| a.as_deref().is_some_and(|a| side(a) != side(known)))
            .map(|(a, i)| (a.clone(), i))
    };
    match (into.actor1.clone(), into.actor2.clone()) {
        (None, None) => {
            (into.actor1, into.inter1) = (other.actor1.clone(), other.inter1);
            (into.actor2, into.inter2) = (other.actor2.clone(), other.inter2);
        }
        (Some(a), None) => {
            if let Some((b, i)) = other_than(&a, 1) {
                (into.actor2, into.inter2) = (b, i);
            }
        }
        (None, Some(b)) => {
            if let Some((a, i)) = other_than(&b, 0) {
                (into.actor1, into.inter1) = (a, i);
            }
        }
        (Some(_), Some(_)) => {}
    }
}

/// The `; `-separated associated actors of both reports, each once, without the merged
/// event's own actor1 and actor2 (`sides`).
fn join_names(into: &mut Option<String>, other: Option<String>, sides: &[Option<String>]) {
    let mut names: Vec<&str> = Vec::new();
    for name in into.iter().chain(&other).flat_map(|s| s.split("; ")) {
        if !names.contains(&name) && !sides.iter().any(|a| a.as_deref() == Some(name)) {
            names.push(name);
        }
    }
    let joined = (!names.is_empty()).then(|| names.join("; "));
    *into = joined;
}

#[cfg(test)]
mod tests {
    use super::join_names;

    #[test]
    fn associated_actors_are_joined_once_and_never_repeat_a_side() {
        let army = "Military Forces of Syria (2000-2024)";
        let ndf = "NDF: National Defense Forces";
        let sides = [
            Some("Islamic State (Syria)".to_string()),
            Some(army.to_string()),
        ];
        let mut into = Some(ndf.to_string());
        join_names(
            &mut into,
            Some(format!("{army}; {ndf}; Liwa al-Quds")),
            &sides,
        );
        assert_eq!(
            into.as_deref(),
            Some("NDF: National Defense Forces; Liwa al-Quds")
        );
        let mut into = None;
        join_names(&mut into, Some(army.to_string()), &sides);
        assert_eq!(into, None);
    }
}
