//! Merging reports of one incident: events built by hand go through `badia::merge::merge`.

use badia::merge::{merge, MergeOptions};
use badia::model::{
    DateSource, DayOfMonth, DisorderType, Event, EventType, Evidence, Source, SubEventType,
};
use chrono::NaiveDate;

const ISIS: &str = "Islamic State (Syria)";
const REGIME: &str = "Military Forces of Syria (2000-2024)";
const SDF: &str = "SDF: Syrian Democratic Forces";
const NDF: &str = "NDF: National Defense Forces";

/// A point near al-Sukhnah, and offsets from it in km.
const BASE: [f64; 2] = [38.8711, 34.88533];

fn east_of(p: [f64; 2], km: f64) -> [f64; 2] {
    badia::geodesy::moved_by_km(p, km, 0.0)
}

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 3, d)
}

/// One report as the extractor would give it: an armed clash with one source.
struct Report {
    article: &'static str,
    date: Option<NaiveDate>,
    at: [f64; 2],
    place: &'static str,
    actors: (Option<&'static str>, Option<&'static str>),
    dead: u32,
    precision: u8,
    offset: usize,
    target: Option<&'static str>,
    sub_event_type: &'static str,
    text: &'static str,
    /// The toll is a floor ("at least N").
    floor: bool,
    victims: Vec<&'static str>,
    injured: Option<u32>,
    /// The day and month an undated report writes.
    day_of_month: Option<DayOfMonth>,
    /// Places named besides its own.
    also_named: Vec<&'static str>,
    /// The toll is a total that rose to its figure.
    rose: bool,
    /// Where the date came from (`None`: as an article with no source).
    date_source: Option<DateSource>,
    /// The place's Arabic name.
    name_ar: &'static str,
    /// The place as the text writes it.
    location_text: &'static str,
    /// The governorate.
    admin1: &'static str,
    /// The road's other end, for a report on a road from `at`.
    road_to: Option<[f64; 2]>,
}

/// Evidence too short to share a run of wording with another report.
const SHORT: &str = "قتل عناصر بهجوم لداعش";

fn report(article: &'static str, place: &'static str, at: [f64; 2]) -> Report {
    Report {
        article,
        date: day(12),
        at,
        place,
        actors: (Some(ISIS), Some(REGIME)),
        dead: 0,
        precision: 1,
        offset: 0,
        target: None,
        sub_event_type: "Armed clash",
        text: SHORT,
        floor: false,
        victims: Vec::new(),
        injured: None,
        day_of_month: None,
        also_named: Vec::new(),
        rose: false,
        date_source: None,
        name_ar: "",
        location_text: "",
        admin1: "Homs",
        road_to: None,
    }
}

impl Report {
    fn dead(mut self, n: u32) -> Report {
        self.dead = n;
        self
    }
    fn on(mut self, date: Option<NaiveDate>) -> Report {
        self.date = date;
        self
    }
    fn actors(mut self, a: Option<&'static str>, b: Option<&'static str>) -> Report {
        self.actors = (a, b);
        self
    }
    fn precision(mut self, p: u8) -> Report {
        self.precision = p;
        self
    }
    fn offset(mut self, o: usize) -> Report {
        self.offset = o;
        self
    }
    fn target(mut self, t: &'static str) -> Report {
        self.target = Some(t);
        self
    }
    fn sub(mut self, s: &'static str) -> Report {
        self.sub_event_type = s;
        self
    }
    fn told(mut self, text: &'static str) -> Report {
        self.text = text;
        self
    }
    fn at_least(mut self) -> Report {
        self.floor = true;
        self
    }
    fn victims(mut self, names: &[&'static str]) -> Report {
        self.victims = names.to_vec();
        self
    }
    fn hurt(mut self, n: u32) -> Report {
        self.injured = Some(n);
        self
    }
    /// The day and month of March it writes, with no year.
    fn writes_march(mut self, d: u8) -> Report {
        self.day_of_month = Some(DayOfMonth { month: 3, day: d });
        self
    }
    /// The place's Arabic name, as the gazetteer writes it.
    fn ar(mut self, name: &'static str) -> Report {
        self.name_ar = name;
        self
    }
    /// The text tells the day («اليوم», «أمس», a weekday), not only the page.
    fn day_in_text(mut self) -> Report {
        self.date_source = Some(DateSource::Text);
        self
    }
    /// «ارتفعت الحصيلة إلى N»: the toll is a total that rose.
    fn rose(mut self) -> Report {
        self.rose = true;
        self
    }
    fn naming(mut self, place: &'static str) -> Report {
        self.also_named.push(place);
        self
    }
    /// Placed at its governorate («ريف حمص الشرقي»): the place is the governorate's name.
    fn region(mut self, text: &'static str) -> Report {
        self.place = self.admin1;
        self.precision = 3;
        self.location_text = text;
        self
    }
    fn governorate(mut self, admin1: &'static str) -> Report {
        self.admin1 = admin1;
        self
    }
    /// On a road from its place to `end` («طريق السخنة – تدمر»).
    fn road_to(mut self, end: [f64; 2]) -> Report {
        self.road_to = Some(end);
        self.precision = 2;
        self
    }
    fn event(self) -> Event {
        let figure = (self.dead > 0 && !self.floor).then_some(self.dead);
        Event {
            event_id: format!("{}-{}", self.article, self.offset),
            date: self.date,
            time_precision: 1,
            date_source: self.date_source,
            event_type: EventType::Battles,
            sub_event_type: SubEventType::parse(self.sub_event_type)
                .expect("an ACLED sub-event type"),
            disorder_type: DisorderType::PoliticalViolence,
            actor1: self.actors.0.map(String::from),
            assoc_actor_1: None,
            assoc_actor_2: None,
            inter1: self.actors.0.map(|_| 2),
            actor2: self.actors.1.map(String::from),
            inter2: self.actors.1.map(|_| 1),
            fatalities: self.dead,
            fatalities_low: figure,
            fatalities_high: figure,
            fatalities_unknown: false,
            injured: self.injured,
            gazetteer_id: self.place.into(),
            location: self.place.into(),
            location_ar: self.name_ar.into(),
            location_text: self.location_text.into(),
            admin1: self.admin1.into(),
            admin2: "Tadmur".into(),
            coords: std::iter::once(self.at).chain(self.road_to).collect(),
            geo_precision: self.precision,
            sources: vec![Source {
                article_id: self.article.into(),
                outlet: Some(format!("outlet of {}", self.article)),
                url: None,
            }],
            evidence: vec![Evidence {
                article_id: self.article.into(),
                text: self.text.into(),
                start: self.offset,
                end: self.offset + 40,
            }],
            confidence: 0.8,
            location_reasons: Vec::new(),
            place_ids: std::iter::once(self.place)
                .chain(self.also_named)
                .map(String::from)
                .collect(),
            merged_because: None,
            target: self.target.map(String::from),
            victims: self.victims.into_iter().map(String::from).collect(),
            day_of_month: self.day_of_month,
            toll_rose: self.rose,
        }
    }
}

fn run(events: Vec<Event>) -> Vec<Event> {
    merge(events, &MergeOptions::default())
}

fn articles(e: &Event) -> Vec<&str> {
    e.sources.iter().map(|s| s.article_id.as_str()).collect()
}

#[test]
fn one_incident_told_three_ways_is_one_event() {
    // 30 dead; "more than 20" read as 20; 34 dead; the places are up to 5 km apart.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(30).event(),
        report("b", "badia:y", east_of(BASE, 5.0)).dead(20).event(),
        report("c", "badia:z", east_of(BASE, 2.5)).dead(34).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let e = &out[0];
    assert_eq!(articles(e), ["a", "b", "c"]);
    assert_eq!(e.evidence.len(), 3);
    assert_eq!(e.fatalities, 20);
    assert_eq!(e.fatalities_low, Some(20));
    assert_eq!(e.fatalities_high, Some(34));
    let why = e.merged_because.as_deref().expect("merged_because set");
    assert!(why.contains("same day"), "{why}");
    for id in ["badia:x", "badia:y", "badia:z"] {
        assert!(e.place_ids.iter().any(|p| p == id), "{:?}", e.place_ids);
    }
}

#[test]
fn a_report_without_a_toll_keeps_the_count() {
    let out = run(vec![
        report("a", "badia:x", BASE).event(),
        report("b", "badia:x", BASE).dead(7).event(),
    ]);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].fatalities, 7);
    assert_eq!(out[0].fatalities_low, Some(7));
    assert_eq!(out[0].fatalities_high, Some(7));
}

#[test]
fn a_bomb_and_a_shelling_at_one_town_on_one_day_are_two_incidents() {
    // A mine is not a shell, and an abduction is not a killing, whatever else agrees.
    for (kind_a, kind_b) in [
        (
            "Remote explosive/landmine/IED",
            "Shelling/artillery/missile attack",
        ),
        ("Remote explosive/landmine/IED", "Air/drone strike"),
        ("Abduction/forced disappearance", "Attack"),
    ] {
        let out = run(vec![
            report("a", "badia:x", BASE).sub(kind_a).dead(2).event(),
            report("b", "badia:x", BASE).sub(kind_b).dead(2).event(),
        ]);
        assert_eq!(out.len(), 2, "{kind_a} / {kind_b}: {out:#?}");
    }
    // Strikes and shelling are often told one for the other: still one incident.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .sub("Air/drone strike")
            .dead(4)
            .event(),
        report("b", "badia:x", BASE)
            .sub("Shelling/artillery/missile attack")
            .dead(4)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn wounded_and_dead_on_days_both_texts_tell_are_two_incidents() {
    // «أصيب طفلان … أمس الإثنين» and «قتل ثلاثة رعاة … الأحد» at one place: two incidents.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .hurt(2)
            .on(day(12))
            .day_in_text()
            .event(),
        report("b", "badia:x", BASE)
            .dead(3)
            .hurt(1)
            .on(day(11))
            .day_in_text()
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // On one day, the wounded may be the first count of those who died: one incident.
    let out = run(vec![
        report("a", "badia:x", BASE).hurt(2).day_in_text().event(),
        report("b", "badia:x", BASE).dead(2).day_in_text().event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn two_incidents_at_one_town_on_one_day_with_different_sides() {
    let out = run(vec![
        report("a", "badia:x", BASE).dead(3).event(),
        report("b", "badia:x", BASE)
            .actors(Some(SDF), Some(ISIS))
            .dead(2)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    assert!(out.iter().all(|e| e.merged_because.is_none()));
    assert_eq!(out[0].fatalities, 3);
    assert_eq!(out[1].fatalities, 2);
}

#[test]
fn the_sides_in_either_order_are_one_pair() {
    let out = run(vec![
        report("a", "badia:x", BASE).dead(3).event(),
        report("b", "badia:x", BASE)
            .actors(Some(REGIME), Some(ISIS))
            .dead(3)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn allies_named_for_one_side_are_one_pair() {
    // One outlet names the army, another the NDF that fought beside it. The SDF is no ally of
    // the army: the same place and target on another side stays apart.
    for (side, incidents) in [(NDF, 1), (SDF, 2)] {
        let out = run(vec![
            report("a", "badia:x", BASE).target("bus").event(),
            report("b", "badia:x", BASE)
                .on(None)
                .actors(Some(side), Some(ISIS))
                .dead(14)
                .target("bus")
                .event(),
        ]);
        assert_eq!(out.len(), incidents, "{side}: {out:#?}");
    }
}

#[test]
fn a_village_and_the_town_3_km_away_are_one_incident() {
    let out = run(vec![
        report("a", "badia:town", BASE).precision(2).dead(4).event(),
        report("b", "badia:village", east_of(BASE, 3.0))
            .dead(4)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let e = &out[0];
    assert_eq!(articles(e), ["a", "b"]);
    // The more precise report gives the place.
    assert_eq!(e.gazetteer_id, "badia:village");
    assert_eq!(e.geo_precision, 1);
    assert_eq!(e.coords, vec![east_of(BASE, 3.0)]);
    assert!(e.merged_because.is_some());
}

#[test]
fn a_road_and_a_report_near_either_end_are_one_incident() {
    // «على طريق السخنة – تدمر» and «قرب السخنة», the road's far end 60 km from its first.
    let far_end = east_of(BASE, 60.0);
    for near in [east_of(far_end, 2.0), east_of(BASE, 2.0)] {
        let out = run(vec![
            report("a", "badia:road", BASE)
                .road_to(far_end)
                .dead(4)
                .target("bus")
                .event(),
            report("b", "badia:town", near)
                .precision(2)
                .target("bus")
                .event(),
        ]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(articles(&out[0]), ["a", "b"]);
    }
}

#[test]
fn two_reports_on_one_road_are_one_incident() {
    // «على طريق حمص – تدمر» and «على الطريق الواصل بين حمص وتدمر» the same day, 3 dead: one
    // road of the gazetteer, however far apart its ends.
    let far_end = east_of(BASE, 150.0);
    let on_road = |id: &'static str| {
        report(id, "badia:road", BASE)
            .road_to(far_end)
            .dead(3)
            .event()
    };
    let out = run(vec![on_road("a"), on_road("b")]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(articles(&out[0]), ["a", "b"]);
}

#[test]
fn a_road_and_a_town_far_from_both_its_ends_are_two_incidents() {
    // The way a road runs between the places it is named by is not known: a town halfway
    // along, 30 km from each end, is another place.
    let out = run(vec![
        report("a", "badia:road", BASE)
            .road_to(east_of(BASE, 60.0))
            .dead(4)
            .event(),
        report("b", "badia:town", east_of(BASE, 30.0))
            .precision(2)
            .dead(4)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // An incident in the town at the road's end itself, and another road from that town, are
    // other places.
    let far_end = east_of(BASE, 60.0);
    let road = || report("a", "badia:road", BASE).road_to(far_end).dead(4);
    let out = run(vec![
        road().event(),
        report("b", "badia:town", far_end).dead(4).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let out = run(vec![
        road().event(),
        report("b", "badia:road2", far_end)
            .road_to(east_of(far_end, 60.0))
            .dead(4)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn one_place_five_days_apart_is_two_incidents() {
    let out = run(vec![
        report("a", "badia:x", BASE).dead(2).event(),
        report("b", "badia:x", BASE).on(day(17)).dead(2).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn adjacent_days_are_one_incident() {
    // "Yesterday evening" in one outlet, "at dawn today" in another.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(5).event(),
        report("b", "badia:x", BASE).on(day(13)).dead(5).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].date, day(12));
    assert!(out[0]
        .merged_because
        .as_deref()
        .is_some_and(|w| w.contains("1 day")));
}

#[test]
fn tolls_that_deny_each_other_a_day_apart_are_two_incidents() {
    // Two attacks at one town on consecutive days, each text telling its day.
    let out = run(vec![
        report("a", "badia:x", BASE).day_in_text().dead(2).event(),
        report("b", "badia:x", BASE)
            .on(day(13))
            .day_in_text()
            .dead(7)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // On one day, a toll counted later: one incident.
    let out = run(vec![
        report("a", "badia:x", BASE).day_in_text().dead(2).event(),
        report("b", "badia:x", BASE).day_in_text().dead(7).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    // A day apart, the later dated by its page only: the day after, a toll counted since.
    let out = run(vec![
        report("a", "badia:x", BASE).day_in_text().dead(2).event(),
        report("b", "badia:x", BASE).on(day(13)).dead(7).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    // A day apart with tolls that agree (the same, or a floor and a figure a little larger).
    let out = run(vec![
        report("a", "badia:x", BASE).day_in_text().dead(5).event(),
        report("b", "badia:x", BASE)
            .on(day(13))
            .day_in_text()
            .dead(5)
            .event(),
        report("c", "badia:x", BASE)
            .on(day(13))
            .day_in_text()
            .dead(4)
            .at_least()
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn different_targets_with_tolls_that_deny_each_other_are_two_incidents() {
    let mine = "Remote explosive/landmine/IED";
    // Five truffle gatherers and two shepherds killed by mines in one desert on one day.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .sub(mine)
            .dead(5)
            .target("truffle gatherers")
            .event(),
        report("b", "badia:x", BASE)
            .sub(mine)
            .dead(2)
            .target("shepherds")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // Different targets with one toll, or tolls that agree: one incident (a bus, and the
    // workers it carried).
    let out = run(vec![
        report("a", "badia:x", BASE).dead(5).target("bus").event(),
        report("b", "badia:x", BASE).target("workers").event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let out = run(vec![
        report("a", "badia:x", BASE).dead(5).target("bus").event(),
        report("b", "badia:x", BASE)
            .dead(5)
            .target("workers")
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    // One target named, tolls that differ: a toll counted later.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(5).target("bus").event(),
        report("b", "badia:x", BASE).dead(4).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn far_apart_places_are_two_incidents() {
    let out = run(vec![
        report("a", "badia:x", BASE).dead(5).event(),
        report("b", "badia:far", east_of(BASE, 60.0))
            .dead(5)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn two_villages_named_on_one_day_are_two_incidents() {
    // Two mines on one day at villages 17 km apart, each report naming its own village.
    let out = run(vec![
        report("a", "badia:village-a", BASE)
            .sub("Remote explosive/landmine/IED")
            .dead(2)
            .event(),
        report("b", "badia:village-b", east_of(BASE, 17.0))
            .sub("Remote explosive/landmine/IED")
            .dead(1)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // The same with equal tolls, and a day apart.
    let out = run(vec![
        report("a", "badia:village-a", BASE).dead(1).event(),
        report("b", "badia:village-b", east_of(BASE, 9.0))
            .on(day(13))
            .dead(1)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn a_village_and_a_report_near_a_town_or_naming_it_are_one_incident() {
    // One outlet places the attack at a village, another "near" the town 12 km off.
    let out = run(vec![
        report("a", "badia:village", BASE).dead(3).event(),
        report("b", "badia:town", east_of(BASE, 12.0))
            .precision(2)
            .dead(3)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    // Two precise places 17 km apart, one report naming the other's village too.
    let out = run(vec![
        report("a", "badia:village-a", BASE).event(),
        report("b", "badia:village-b", east_of(BASE, 17.0))
            .naming("badia:village-a")
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    // A region's report is judged at its reach, at most half the merge's distance.
    let out = run(vec![
        report("a", "badia:village", BASE).event(),
        report("b", "badia:region", east_of(BASE, 18.0))
            .precision(3)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn two_reports_from_one_article_are_never_merged() {
    let out = run(vec![
        report("a", "badia:x", BASE).dead(2).event(),
        report("a", "badia:x", BASE).offset(300).dead(2).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    assert!(out.iter().all(|e| e.sources.len() == 1));
}

#[test]
fn an_undated_report_joins_the_one_dated_incident_it_fits() {
    let out = run(vec![
        report("a", "badia:x", BASE).dead(6).event(),
        report("b", "badia:x", BASE).on(None).dead(6).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].date, day(12));
    assert_eq!(articles(&out[0]), ["a", "b"]);
}

#[test]
fn two_undated_reports_with_the_same_toll_are_one_incident() {
    let out = run(vec![
        report("a", "badia:x", BASE).on(None).dead(6).event(),
        report("b", "badia:x", BASE).on(None).dead(6).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(why.contains("same toll (6 dead)"), "{why}");
}

#[test]
fn two_undated_reports_with_nothing_distinctive_stay_apart() {
    // Same place, type and sides, no toll, no target: a place where incidents recur.
    let out = run(vec![
        report("a", "badia:x", BASE).on(None).event(),
        report("b", "badia:x", BASE).on(None).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn two_undated_reports_with_different_tolls_or_types_stay_apart() {
    let out = run(vec![
        report("a", "badia:x", BASE).on(None).dead(6).event(),
        report("b", "badia:x", BASE).on(None).dead(4).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let out = run(vec![
        report("a", "badia:x", BASE).on(None).dead(6).event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(6)
            .sub("Attack")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // A different toll is two incidents even when the target agrees.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .dead(36)
            .target("bus")
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(4)
            .target("bus")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn two_undated_reports_with_the_same_target_are_one_incident() {
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .dead(23)
            .target("bus")
            .event(),
        report("b", "badia:x", BASE).on(None).target("bus").event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].fatalities, 23);
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(why.contains("same target (bus)"), "{why}");
    // Different targets, no toll in common: apart.
    let out = run(vec![
        report("a", "badia:x", BASE).on(None).target("bus").event(),
        report("b", "badia:x", BASE)
            .on(None)
            .target("shepherds")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn one_dead_of_the_same_kind_is_no_evidence_without_a_name() {
    // A shepherd killed by a mine in one desert, told dated by one outlet and undated by
    // another with another name: one dead of a kind, at a place where it recurs, tells
    // nothing.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .dead(1)
            .target("shepherds")
            .victims(&["محمد خالد العلي"])
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(1)
            .target("shepherds")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // Two undated reports, one with no toll: the same.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .dead(1)
            .target("truffle gatherers")
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .target("truffle gatherers")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // The same victim named joins them.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .dead(1)
            .target("shepherds")
            .victims(&["محمد خالد العلي"])
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(1)
            .target("shepherds")
            .victims(&["محمد العلي"])
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    // Several dead of the kind, or a target hit with none told: the target joins.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .dead(3)
            .target("shepherds")
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .target("shepherds")
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn a_toll_that_rose_agrees_with_a_smaller_earlier_count() {
    // A dated report of 4 dead on a bus; an undated one of the toll that rose to 7.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(4).target("bus").event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(7)
            .rose()
            .target("bus")
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(why.contains("same target (bus)"), "{why}");
    // The risen total is the toll; the earlier count stays in the spread.
    assert_eq!(out[0].fatalities, 7);
    assert_eq!(
        (out[0].fatalities_low, out[0].fatalities_high),
        (Some(4), Some(7))
    );
    // Two undated reports, the same.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .dead(4)
            .target("bus")
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(7)
            .rose()
            .target("bus")
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].fatalities, 7);
    // Dated reports of one day: the risen total is the toll, a larger count stays larger.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(4).event(),
        report("b", "badia:x", BASE).dead(6).rose().event(),
        report("c", "badia:x", BASE).dead(9).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].fatalities, 6);
    // Without a rise the lowest toll is kept.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(4).event(),
        report("b", "badia:x", BASE).dead(6).event(),
    ]);
    assert_eq!(out[0].fatalities, 4);
}

#[test]
fn a_toll_that_rose_still_denies_a_larger_count_and_needs_evidence() {
    // Rose to 5: a report of 9 dead is another incident.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(9).target("bus").event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(5)
            .rose()
            .target("bus")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // A smaller count and nothing else in common: the place alone tells nothing.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(4).event(),
        report("b", "badia:x", BASE).on(None).dead(7).rose().event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // Without the rise, 4 and 7 deny each other whatever the target.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(4).target("bus").event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(7)
            .target("bus")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn a_toll_told_as_a_floor_agrees_with_a_larger_one() {
    // «ما لا يقل عن 36» and «نحو 40» truffle gatherers: one incident.
    let gatherers = |article, dead| {
        report(article, "badia:x", BASE)
            .on(None)
            .dead(dead)
            .at_least()
            .target("truffle gatherers")
    };
    let out = run(vec![gatherers("a", 36).event(), gatherers("b", 40).event()]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(why.contains("same target (truffle gatherers)"), "{why}");
    // An exact count smaller than the other's floor denies it.
    let exact = gatherers("b", 4);
    let exact = Report {
        floor: false,
        ..exact
    };
    let out = run(vec![gatherers("a", 36).event(), exact.event()]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // A floor is no evidence by itself: without the target, apart.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .dead(36)
            .at_least()
            .event(),
        report("b", "badia:x", BASE).on(None).dead(40).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn an_estimate_agrees_only_with_a_figure_close_to_it_and_groups_never_hold_denying_tolls() {
    let bus = |article, dead| {
        report(article, "badia:x", BASE)
            .on(None)
            .dead(dead)
            .target("bus")
    };
    // «نحو 4», 40 and exactly 4: the estimate fits 4, not 40; 4 and 40 stay apart.
    let out = run(vec![
        bus("a", 4).at_least().event(),
        bus("b", 40).event(),
        bus("c", 4).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    assert!(out
        .iter()
        .all(|e| !(articles(e).contains(&"b") && articles(e).len() > 1)));
}

#[test]
fn a_victim_named_decides_between_dated_incidents_before_a_toll() {
    // Two dated incidents of 3 dead at one place, weeks apart; the undated report names the
    // officer that only the second names.
    let out = run(vec![
        report("a", "badia:x", BASE).on(day(1)).dead(3).event(),
        report("b", "badia:x", BASE)
            .on(day(20))
            .dead(3)
            .victims(&["حسن العبد"])
            .event(),
        report("c", "badia:x", BASE)
            .on(None)
            .dead(3)
            .victims(&["حسن العبد"])
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let second = out.iter().find(|e| articles(e).contains(&"b")).unwrap();
    assert_eq!(articles(second), ["b", "c"]);
}

#[test]
fn a_victim_named_by_both_reports_joins_them_whatever_their_tolls_and_coding() {
    // An early count and a later one, an attack and an IED: the captain died once.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .dead(4)
            .sub("Attack")
            .victims(&["باسل القاسم"])
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(40)
            .sub("Remote explosive/landmine/IED")
            .victims(&["محمد العلي", "باسل يوسف القاسم"])
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(
        why.contains("same victim named (باسل يوسف القاسم)"),
        "{why}"
    );
    // Other people, or one word of a name in common: apart.
    for other in ["باسل العلي", "القاسم"] {
        let out = run(vec![
            report("a", "badia:x", BASE)
                .on(None)
                .victims(&["باسل القاسم"])
                .event(),
            report("b", "badia:x", BASE)
                .on(None)
                .victims(&[other])
                .event(),
        ]);
        assert_eq!(out.len(), 2, "{other}: {out:#?}");
    }
    // The same name at another place is another person or another incident.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .victims(&["باسل القاسم"])
            .event(),
        report("b", "badia:y", east_of(BASE, 30.0))
            .on(None)
            .victims(&["باسل القاسم"])
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn a_site_placed_in_a_towns_desert_is_at_the_town() {
    // «حافلة في مدينة تدمر» (dated) and «حافلة في المحطة الثالثة في بادية تدمر» (undated),
    // 43 km apart: the second names the town its site lies in.
    let town = || report("a", "badia:palmyra", BASE).target("bus");
    let site = || {
        report("b", "badia:t3", east_of(BASE, 43.0))
            .on(None)
            .precision(2)
            .target("bus")
    };
    let out = run(vec![town().event(), site().naming("badia:palmyra").event()]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(why.contains("same target (bus)"), "{why}");
    let out = run(vec![town().event(), site().event()]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn two_undated_reports_of_one_article_never_join_one_dated_incident() {
    // Both fit the dated incident; one article's two reports are two incidents.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(6).event(),
        report("b", "badia:x", BASE).on(None).dead(6).event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(6)
            .offset(50)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    for e in &out {
        let ids = articles(e);
        assert!(ids.iter().filter(|&&a| a == "b").count() <= 1, "{ids:?}");
    }
}

#[test]
fn an_incident_told_with_another_by_both_articles_is_one() {
    // Two round-ups of the same two attacks: the bus (same toll) and an attack elsewhere,
    // 2 dead in one outlet and 5 in the other.
    let far = east_of(BASE, 100.0);
    let batch = |other_sub: &'static str| {
        vec![
            report("a", "badia:t3", BASE).on(None).dead(14).event(),
            report("a", "badia:athriya", far)
                .on(None)
                .dead(2)
                .offset(100)
                .event(),
            report("b", "badia:t3", BASE).on(None).dead(14).event(),
            report("b", "badia:athriya", far)
                .on(None)
                .dead(5)
                .offset(100)
                .sub(other_sub)
                .event(),
        ]
    };
    let out = run(batch("Armed clash"));
    assert_eq!(out.len(), 2, "{out:#?}");
    let why = out[1].merged_because.as_deref().unwrap_or("");
    assert!(
        why.contains("told with the same incident at badia:t3"),
        "{why}"
    );
    // Of another kind: apart.
    assert_eq!(run(batch("Attack")).len(), 3);
    // Without the incident both tell, tolls of 2 and 5 are two incidents.
    let out = run(vec![
        report("a", "badia:athriya", far).on(None).dead(2).event(),
        report("b", "badia:athriya", far).on(None).dead(5).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // Two reports of the other article fit: neither is chosen.
    let mut two = batch("Armed clash");
    two.push(
        report("b", "badia:athriya", far)
            .on(None)
            .dead(7)
            .offset(200)
            .event(),
    );
    assert_eq!(run(two).len(), 4);
}

#[test]
fn reports_told_in_the_same_words_are_one_incident() {
    // One outlet's wording taken up by another: a run of ten words in common (eight are
    // enough to be seen, ten always are).
    let a = "وتركزت الاشتباكات بين خلايا التنظيم وقوات النظام قرب منطقة أثريا بريف حماة \
             الشرقي الواقعة تحت سيطرة النظام منذ يومين";
    let b = "وتركزت المعارك قرب منطقة أثريا بريف حماة الشرقي الواقعة تحت سيطرة النظام، \
             وامتدت إلى مناطق أخرى";
    let out = run(vec![
        report("a", "badia:x", BASE).ar("أثريا").told(a).event(),
        report("b", "badia:x", BASE).on(None).told(b).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(why.contains("same wording"), "{why}");
    // Stock phrases shorter than that are no evidence.
    let c = "اندلعت اشتباكات قرب منطقة أثريا بريف حماة الشرقي صباح اليوم";
    let out = run(vec![
        report("a", "badia:x", BASE).ar("أثريا").told(a).event(),
        report("c", "badia:x", BASE).on(None).told(c).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn an_outlets_stock_background_is_no_shared_wording() {
    // Two attacks near al-Sukhnah, each report closing on the same stock sentence, which
    // names no town.
    let stock = "ويأتي ذلك في ظل تصاعد هجمات خلايا تنظيم داعش في البادية السورية خلال الأشهر \
                 الأخيرة واستهدافها المتكرر لمواقع قوات النظام والميليشيات الموالية لها";
    // The stock clause as a sentence of its own, or after a comma right after the town's
    // name.
    for joint in [". ", "، "] {
        let a = format!("هاجمت خلايا التنظيم موقعا لقوات النظام قرب مدينة السخنة، {stock}");
        let b = format!("اشتبكت قوات النظام مع عناصر التنظيم في محيط السخنة{joint}{stock}");
        let (a, b): (&'static str, &'static str) =
            (Box::leak(a.into_boxed_str()), Box::leak(b.into_boxed_str()));
        let out = run(vec![
            report("a", "badia:x", BASE).ar("السخنة").told(a).event(),
            report("b", "badia:x", BASE)
                .ar("السخنة")
                .on(None)
                .told(b)
                .event(),
        ]);
        assert_eq!(out.len(), 2, "{joint:?}: {out:#?}");
    }
    // The same outlet's report taken up word for word, the town's name and all: one.
    let copied = "اشتبكت قوات النظام مع عناصر التنظيم في محيط مدينة السخنة شرقي حمص بعد منتصف \
                  الليل";
    let out = run(vec![
        report("a", "badia:x", BASE)
            .ar("السخنة")
            .told(copied)
            .event(),
        report("b", "badia:x", BASE).on(None).told(copied).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn an_undated_report_without_evidence_stays_out_of_a_dated_incident() {
    // Place and type alone: the false merges of a base or town where incidents recur.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(3).event(),
        report("b", "badia:x", BASE).on(None).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn an_undated_report_writing_the_day_and_month_of_a_dated_one_joins_it() {
    // «وكان قتل أربعة عناصر … في 12 آذار» on a page with no year, and a report dated 12
    // March: one incident, whatever the tolls.
    let out = run(vec![
        report("a", "badia:x", BASE).event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(4)
            .writes_march(12)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].date, day(12));
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(why.contains("same day (12 March)"), "{why}");
    // Another day, another place or another kind: apart.
    for other in [
        report("b", "badia:x", BASE).on(None).writes_march(13),
        report("b", "badia:y", east_of(BASE, 30.0))
            .on(None)
            .writes_march(12),
        report("b", "badia:x", BASE)
            .on(None)
            .writes_march(12)
            .sub("Attack"),
    ] {
        let out = run(vec![report("a", "badia:x", BASE).event(), other.event()]);
        assert_eq!(out.len(), 2, "{out:#?}");
    }
}

#[test]
fn two_undated_reports_with_the_same_count_of_injured_are_one_incident() {
    let out = run(vec![
        report("a", "badia:x", BASE).on(None).hurt(5).event(),
        report("b", "badia:x", BASE).on(None).hurt(5).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(why.contains("same count of injured (5)"), "{why}");
    // Other counts of injured, or counts of dead that deny each other: apart.
    let out = run(vec![
        report("a", "badia:x", BASE).on(None).hurt(5).event(),
        report("b", "badia:x", BASE).on(None).hurt(3).event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .dead(2)
            .hurt(5)
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(4)
            .hurt(5)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // A report that tells only the injured does not agree with one that counts dead too,
    // and one or two injured at a place where mines go off tell nothing.
    for (dead, hurt) in [(3, 5), (0, 2)] {
        let out = run(vec![
            report("a", "badia:x", BASE).on(None).hurt(hurt).event(),
            report("b", "badia:x", BASE)
                .on(None)
                .dead(dead)
                .hurt(hurt)
                .event(),
        ]);
        assert_eq!(out.len(), 2, "{dead} dead, {hurt} hurt: {out:#?}");
    }
    // An undated report joins the dated one with its count of injured.
    let out = run(vec![
        report("a", "badia:x", BASE).hurt(5).event(),
        report("b", "badia:x", BASE).on(None).hurt(5).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn two_undated_reports_writing_the_same_day_and_month_are_one_incident() {
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .writes_march(7)
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(4)
            .writes_march(7)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .writes_march(7)
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .writes_march(8)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn an_undated_report_joins_through_the_toll_of_a_member_that_does_not_lead() {
    // Two dated reports of one incident, the first with no toll; an undated report with the
    // second's toll joins them.
    let out = run(vec![
        report("a", "badia:x", BASE).event(),
        report("b", "badia:x", BASE).dead(10).event(),
        report("c", "badia:x", BASE).on(None).dead(10).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(articles(&out[0]), ["a", "b", "c"]);
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(why.contains("same toll (10 dead)"), "{why}");
}

#[test]
fn a_side_the_first_report_leaves_out_is_never_its_own_side_again() {
    // One outlet names the army alone; another, unknown gunmen against the army.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .actors(Some(REGIME), None)
            .event(),
        report("b", "badia:x", BASE)
            .actors(Some("Unidentified Armed Group (Syria)"), Some(REGIME))
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].actor1.as_deref(), Some(REGIME));
    assert_eq!(
        out[0].actor2.as_deref(),
        Some("Unidentified Armed Group (Syria)")
    );
    // An ally of the side named is that side again: «الدفاع الوطني» beside the army.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .actors(None, Some(REGIME))
            .event(),
        report("b", "badia:x", BASE)
            .actors(Some(NDF), Some(ISIS))
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].actor1.as_deref(), Some(ISIS));
    assert_eq!(out[0].actor2.as_deref(), Some(REGIME));
    // Beyond a clash the roles are not the writer's choice: the other report's victims
    // never become the bomb's layers.
    let bomb = "Remote explosive/landmine/IED";
    let out = run(vec![
        report("a", "badia:x", BASE)
            .actors(None, Some(REGIME))
            .sub(bomb)
            .event(),
        report("b", "badia:x", BASE)
            .actors(Some("Military Forces of Russia (2000-)"), Some(SDF))
            .sub(bomb)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].actor1, None);
    assert_eq!(out[0].actor2.as_deref(), Some(REGIME));
}

#[test]
fn a_day_and_month_written_days_from_the_others_keep_reports_apart() {
    // Two dated reports of one incident (10 and 2 dead); an undated report of 2 dead that
    // writes 25 March is another incident, whatever its toll.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(10).event(),
        report("b", "badia:x", BASE).dead(2).event(),
        report("c", "badia:x", BASE)
            .on(None)
            .dead(2)
            .writes_march(25)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // Two undated reports of one toll that write days two weeks apart.
    let out = run(vec![
        report("a", "badia:x", BASE)
            .on(None)
            .dead(4)
            .writes_march(7)
            .event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(4)
            .writes_march(20)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // A day written next to the other's date (published the day after) does not deny it.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(4).event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(4)
            .writes_march(11)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn one_dead_alone_tells_no_incident() {
    // One man killed by a mine at one town, told with no date and with one: nothing else
    // agrees, and one dead is too common to tell an incident by.
    let mine = "Remote explosive/landmine/IED";
    let out = run(vec![
        report("a", "badia:x", BASE).sub(mine).dead(1).event(),
        report("b", "badia:x", BASE)
            .sub(mine)
            .on(None)
            .dead(1)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let out = run(vec![
        report("a", "badia:x", BASE)
            .sub(mine)
            .on(None)
            .dead(1)
            .event(),
        report("b", "badia:x", BASE)
            .sub(mine)
            .on(None)
            .dead(1)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // Two dead agree; one dead with three injured in common too.
    let out = run(vec![
        report("a", "badia:x", BASE).sub(mine).dead(2).event(),
        report("b", "badia:x", BASE)
            .sub(mine)
            .on(None)
            .dead(2)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    // One dead of one kind, a shepherd, is as common as one dead: apart
    // (`one_dead_of_the_same_kind_is_no_evidence_without_a_name`).
    let out = run(vec![
        report("a", "badia:x", BASE)
            .sub(mine)
            .dead(1)
            .target("shepherds")
            .event(),
        report("b", "badia:x", BASE)
            .sub(mine)
            .on(None)
            .dead(1)
            .target("shepherds")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let out = run(vec![
        report("a", "badia:x", BASE).dead(1).hurt(4).event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(1)
            .hurt(4)
            .event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn many_undated_reports_alike_are_several_incidents() {
    // Seven reports of two dead at one town with no date are more likely seven mines.
    let out = run(["a", "b", "c", "d", "e", "f", "g"]
        .into_iter()
        .map(|a| report(a, "badia:x", BASE).on(None).dead(2).event())
        .collect());
    assert_eq!(out.len(), 7, "{out:#?}");
}

#[test]
fn an_undated_report_that_fits_two_incidents_joins_neither() {
    let out = run(vec![
        report("a", "badia:x", BASE).dead(3).event(),
        report("b", "badia:x", BASE).on(day(16)).dead(5).event(),
        report("c", "badia:x", BASE).on(None).event(),
    ]);
    assert_eq!(out.len(), 3, "{out:#?}");
}

fn mixed_batch() -> Vec<Event> {
    vec![
        report("a", "badia:x", BASE).dead(30).event(),
        report("b", "badia:far", east_of(BASE, 80.0))
            .dead(2)
            .event(),
        report("c", "badia:y", east_of(BASE, 5.0)).dead(20).event(),
        report("d", "badia:x", BASE)
            .actors(Some(SDF), Some(ISIS))
            .dead(2)
            .event(),
        report("e", "badia:far", east_of(BASE, 81.0))
            .on(None)
            .dead(2)
            .event(),
        report("f", "badia:x", BASE).on(day(20)).event(),
        report("g", "badia:z", east_of(BASE, 2.5)).dead(34).event(),
    ]
}

#[test]
fn output_is_deterministic_and_in_input_order() {
    let first = run(mixed_batch());
    let second = run(mixed_batch());
    assert_eq!(first, second);
    let leaders: Vec<&str> = first
        .iter()
        .map(|e| e.sources[0].article_id.as_str())
        .collect();
    assert_eq!(leaders, ["a", "b", "d", "f"], "{first:#?}");
    assert_eq!(articles(&first[0]), ["a", "c", "g"]);
    assert_eq!(articles(&first[1]), ["b", "e"]);
}

#[test]
fn empty_input_gives_no_events() {
    assert!(run(Vec::new()).is_empty());
}

#[test]
fn a_report_without_a_toll_keeps_the_other_reports_spread() {
    let mut hedged = report("a", "badia:x", BASE).dead(30).event();
    hedged.fatalities_low = Some(25);
    let out = run(vec![hedged, report("b", "badia:x", BASE).event()]);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].fatalities_low, Some(25), "{:#?}", out[0]);
    assert_eq!(out[0].fatalities_high, Some(30));
}

#[test]
fn an_undated_report_stays_apart_from_an_incident_months_from_its_articles_others() {
    // Article b tells two undated incidents; its first is found to be of 1 July (article c
    // dates it), so its second cannot be the 12 March incident article a tells.
    let far = east_of(BASE, 200.0);
    let july = NaiveDate::from_ymd_opt(2024, 7, 1);
    let out = run(vec![
        report("a", "badia:x", BASE).dead(3).event(),
        report("c", "badia:y", far).on(july).dead(4).event(),
        report("b", "badia:y", far).on(None).dead(4).event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(3)
            .offset(1)
            .event(),
    ]);
    assert_eq!(out.len(), 3, "{out:#?}");
    let at_base: Vec<Vec<&str>> = out
        .iter()
        .filter(|e| e.gazetteer_id == "badia:x")
        .map(articles)
        .collect();
    assert_eq!(at_base, [vec!["a"], vec!["b"]]);
}

#[test]
fn an_undated_report_joins_when_its_articles_others_are_of_the_same_days() {
    let far = east_of(BASE, 200.0);
    let out = run(vec![
        report("a", "badia:x", BASE).dead(3).event(),
        report("c", "badia:y", far).on(day(11)).dead(4).event(),
        report("b", "badia:y", far).on(None).dead(4).event(),
        report("b", "badia:x", BASE)
            .on(None)
            .dead(3)
            .offset(1)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn a_report_placed_at_its_governorate_joins_a_place_in_it_with_evidence() {
    // «قتل ثلاثة رعاة … قرب السخنة» and «… في ريف حمص الشرقي» on one day: the region's
    // point lies 80 km from the town, beyond any reach, but the governorate holds it.
    let region_point = east_of(BASE, -80.0);
    let town = || report("a", "badia:x", BASE).dead(3).sub("Attack");
    let region = |text| {
        report("b", "Homs", region_point)
            .dead(3)
            .sub("Attack")
            .region(text)
    };
    let out = run(vec![
        town().target("shepherds").event(),
        region("ريف حمص الشرقي").target("shepherds").event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].location, "badia:x");
    let why = out[0].merged_because.as_deref().unwrap_or("");
    assert!(
        why.contains("governorate") && why.contains("same toll and target (shepherds)"),
        "{why}"
    );
    // The same dead and injured, the region named with no side: the same.
    let out = run(vec![
        town().hurt(4).event(),
        region("بادية حمص").hurt(4).event(),
    ]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn a_report_placed_at_a_governorate_stays_apart_without_evidence() {
    let region_point = east_of(BASE, -80.0);
    let town = || report("a", "badia:x", BASE).dead(3).hurt(2);
    let region = || {
        report("b", "Homs", region_point)
            .region("ريف حمص الشرقي")
            .dead(3)
            .hurt(2)
    };
    // The same toll alone: a governorate's day may hold two clashes of three dead.
    let out = run(vec![
        report("a", "badia:x", BASE).dead(3).event(),
        report("b", "Homs", region_point)
            .region("ريف حمص الشرقي")
            .dead(3)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // Another toll with the same target or injured; one dead each with the same target.
    let out = run(vec![
        town().target("bus").event(),
        region().dead(5).target("bus").event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let out = run(vec![
        town().dead(1).target("shepherds").event(),
        region().dead(1).target("shepherds").event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // A day apart, another governorate, another sub-event type: apart.
    let out = run(vec![town().event(), region().on(day(13)).event()]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let out = run(vec![
        town().event(),
        region().governorate("Deir ez-Zor").event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let out = run(vec![town().event(), region().sub("Attack").event()]);
    assert_eq!(out.len(), 2, "{out:#?}");
    // The western countryside does not hold a town east of its point; the eastern does.
    let out = run(vec![
        town().event(),
        report("b", "Homs", region_point)
            .region("ريف حمص الغربي")
            .dead(3)
            .hurt(2)
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let out = run(vec![town().event(), region().event()]);
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn a_governorate_report_joins_the_one_incident_its_toll_tells() {
    // Two mines in one governorate on one day, 2 and 3 dead, 30 km apart; a report of 3 dead
    // and 2 injured in its countryside joins the second only, and never both.
    let mine = "Remote explosive/landmine/IED";
    let out = run(vec![
        report("a", "badia:x", BASE)
            .sub(mine)
            .dead(2)
            .hurt(2)
            .event(),
        report("b", "badia:y", east_of(BASE, 30.0))
            .sub(mine)
            .dead(3)
            .hurt(2)
            .event(),
        report("c", "Homs", east_of(BASE, -80.0))
            .sub(mine)
            .dead(3)
            .hurt(2)
            .region("ريف حمص الشرقي")
            .event(),
    ]);
    assert_eq!(out.len(), 2, "{out:#?}");
    let joined = out.iter().find(|e| e.sources.len() == 2).expect("a merge");
    assert_eq!(articles(joined), ["b", "c"]);
}
