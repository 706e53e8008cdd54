//! How sentences become events: which sentences make one incident, which make several, and
//! which report a development rather than violence. Texts are written in the style of the
//! reports; each goes through the library's whole per-article path.

use badia::geodesy::distance_km;
use badia::model::{Article, Event};

mod common;
use common::{events_of, extractor};

fn summary(evs: &[Event]) -> Vec<String> {
    evs.iter()
        .map(|e| format!("{} at {} {:?}", e.sub_event_type, e.location, e.coords[0]))
        .collect()
}

/// (lon, lat) of places used below.
const SUKHNAH: [f64; 2] = [38.8711, 34.88533];
const RESAFA: [f64; 2] = [38.75639, 35.62778];
const ATHRIYA: [f64; 2] = [37.7884, 35.36508];

#[test]
fn reinforcements_brought_to_a_named_town_are_a_strategic_development_there() {
    let evs = events_of(
        "استقدمت قوات النظام تعزيزات عسكرية ضخمة من مدينة حمص إلى مدينة السخنة في البادية \
         السورية، يوم الثلاثاء، تمهيداً لعملية تمشيط واسعة.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    let e = &evs[0];
    assert_eq!(
        (e.event_type.as_str(), e.sub_event_type.as_str()),
        ("Strategic developments", "Other")
    );
    assert_eq!(e.disorder_type.as_str(), "Strategic developments");
    assert!(
        distance_km(e.coords[0], SUKHNAH) < 5.0,
        "{:#?}",
        summary(&evs)
    );
    assert_eq!(e.fatalities, 0);
}

#[test]
fn reinforcements_to_no_named_place_are_no_event() {
    let evs = events_of("وأرسلت قوات النظام تعزيزات عسكرية إلى المنطقة بعد الهجوم.");
    assert!(evs.is_empty(), "{:#?}", summary(&evs));
}

#[test]
fn a_convoy_of_tankers_is_no_development() {
    let evs = events_of(
        "ويتألف الرتل من ستة صهاريج محملة بالنفط يتم نقلها من حقول الجزيرة إلى مصفاة حمص.",
    );
    assert!(evs.is_empty(), "{:#?}", summary(&evs));
}

#[test]
fn an_attack_on_reinforcements_stays_an_attack() {
    let evs = events_of(
        "هاجمت خلايا تنظيم داعش قرب مدينة السخنة تعزيزات عسكرية لقوات النظام متجهة إلى مدينة \
         دير الزور، ما أدى إلى مقتل ثلاثة عناصر، يوم الأحد.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(evs[0].event_type.as_str(), "Battles");
    assert!(
        distance_km(evs[0].coords[0], SUKHNAH) < 5.0,
        "{:#?}",
        summary(&evs)
    );
}

#[test]
fn a_later_sentence_at_one_of_the_fronts_goes_on_about_the_battle() {
    let evs = events_of(
        "اندلعت اشتباكات عنيفة بين قوات النظام وعناصر تنظيم داعش على محاور الرهجان \
         والشاكوسية وأثريا بريف حماة الشرقي، قتل فيها 12 عنصراً من قوات النظام. \
         وتركزت الاشتباكات قرب منطقة أثريا الواقعة تحت سيطرة النظام.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(evs[0].fatalities, 12);
    assert_eq!(evs[0].evidence.len(), 2);
}

#[test]
fn fighting_that_spread_to_another_town_is_an_event_there_too() {
    let evs = events_of(
        "وتركزت الاشتباكات بين قوات النظام وخلايا التنظيم قرب منطقة أثريا بريف حماة الشرقي، \
         وامتدت إلى منطقة الرصافة بريف الرقة.",
    );
    assert_eq!(evs.len(), 2, "{:#?}", summary(&evs));
    assert!(
        distance_km(evs[0].coords[0], ATHRIYA) < 5.0,
        "{:#?}",
        summary(&evs)
    );
    assert!(
        distance_km(evs[1].coords[0], RESAFA) < 5.0,
        "{:#?}",
        summary(&evs)
    );
    assert!(evs
        .iter()
        .all(|e| e.sub_event_type.as_str() == "Armed clash"));
}

#[test]
fn a_reminder_of_what_the_group_does_is_no_event() {
    let evs = events_of(
        "ويذكر أن عناصر التنظيم ينتشرون في عمق البادية السورية، ويقومون بقطع طريق دير الزور – \
         دمشق عدة مرات واعتقال المسافرين.",
    );
    assert!(evs.is_empty(), "{:#?}", summary(&evs));
}

#[test]
fn a_reminder_that_names_the_day_is_an_event() {
    let evs = events_of(
        "يذكر أن حقل العمر النفطي تعرض لهجوم مسلح مساء الإثنين 4 آذار 2024 من قبل مجهولين قرب \
         مدينة الميادين.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
}

#[test]
fn the_continuation_of_clashes_is_not_a_habit() {
    let evs = events_of(
        "أفادت شبكات إخبارية أمس الأربعاء باستمرار الاشتباكات العنيفة بين قوات النظام وتنظيم \
         داعش قرب مدينة السخنة.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
}

#[test]
fn young_men_shot_by_gunmen_are_violence_against_civilians() {
    let evs = events_of(
        "قتل الشاب محمد العلي والشاب أحمد الحسن برصاص مجهولين في بلدة ذيبان بريف دير الزور \
         الشرقي، يوم الأحد 18 شباط 2024.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    let e = &evs[0];
    assert_eq!(
        (e.event_type.as_str(), e.sub_event_type.as_str()),
        ("Violence against civilians", "Attack")
    );
    assert_eq!(e.actor2.as_deref(), Some("Civilians (Syria)"));
    assert_eq!(e.fatalities, 2);
}

#[test]
fn victims_named_alone_are_the_second_actor() {
    let evs = events_of(
        "قتل ثلاثة من جامعي الكمأ وأصيب اثنان آخران بانفجار لغم في بادية الرصافة جنوبي الرقة، \
         يوم السبت 6 كانون الثاني 2024.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(evs[0].actor1, None);
    assert_eq!(evs[0].actor2.as_deref(), Some("Civilians (Syria)"));
    assert_eq!((evs[0].fatalities, evs[0].injured), (3, Some(2)));
}

#[test]
fn foreign_air_forces_are_named_by_their_adjective() {
    let rows = [
        (
            "قتل 8 عناصر من الميليشيات الإيرانية بغارات إسرائيلية استهدفت مواقع لهم في مدينة \
             البوكمال شرقي دير الزور، يوم الأربعاء 10 نيسان 2024.",
            "Military Forces of Israel (2022-)",
        ),
        (
            "شن الطيران الأردني غارات على مزارع يستخدمها مهربو المخدرات في قرية الشعاب بريف \
             السويداء الشرقي، يوم الأربعاء 10 نيسان 2024.",
            "Military Forces of Jordan (1999-)",
        ),
        (
            "استشهد مواطن جراء استهداف طائرة مسيرة تركية سيارة مدنية قرب بلدة تل تمر، يوم \
             الأربعاء 10 نيسان 2024.",
            "Military Forces of Turkey (2016-)",
        ),
    ];
    for (text, actor) in rows {
        let evs = events_of(text);
        assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
        assert_eq!(evs[0].sub_event_type.as_str(), "Air/drone strike", "{text}");
        assert_eq!(evs[0].actor1.as_deref(), Some(actor), "{text}");
    }
}

#[test]
fn bodies_found_shot_are_an_attack_with_their_count() {
    let evs = events_of(
        "عثر أهالي قرية الطيبة في ريف السخنة على جثث 4 رعاة مقتولين بالرصاص في البادية، بعد \
         أيام من اختطافهم على يد مسلحين، يوم الأربعاء 10 نيسان 2024.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(evs[0].event_type.as_str(), "Violence against civilians");
    assert_eq!(evs[0].fatalities, 4);
}

#[test]
fn a_clause_at_another_place_is_another_incident() {
    let evs = events_of(
        "قُتل 3 عناصر من قوات النظام بانفجار لغم أرضي بآليتهم في بادية الشولا جنوب دير الزور، \
         بينما قتل عنصر من الميليشيات الموالية لإيران برصاص قناص في محيط مدينة الميادين، يوم \
         الأربعاء 20 تشرين الثاني 2024.",
    );
    assert_eq!(evs.len(), 2, "{:#?}", summary(&evs));
    let tolls: Vec<u32> = evs.iter().map(|e| e.fatalities).collect();
    assert_eq!(tolls, [3, 1], "{:#?}", summary(&evs));
}

#[test]
fn a_clause_with_the_other_side_dead_and_no_place_is_the_same_incident() {
    let evs = events_of(
        "قتل 21 عنصراً من قوات النظام بهجوم لتنظيم داعش قرب مدينة السخنة، بينما قتل 13 من \
         عناصر التنظيم، يوم الأربعاء 20 تشرين الثاني 2024.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(evs[0].fatalities, 34);
}

#[test]
fn a_sentence_opened_by_haythu_tells_how_the_last_incident_happened() {
    let evs = events_of(
        "تعرضت حافلة تقل عناصر من لواء القدس لكمين شمال مدينة السخنة بريف حمص الشرقي، يوم \
         الأحد 2 حزيران 2024. حيث هاجم مسلحون تابعون لتنظيم داعش الحافلة بالرشاشات الثقيلة \
         أثناء تنقلها على الطريق الواصل بين قرية الكوم ومدينة السخنة، ما أدى لمقتل 9 عناصر.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(evs[0].fatalities, 9);
    assert_eq!(evs[0].evidence.len(), 2);
}

#[test]
fn a_point_pinned_on_a_road_places_the_incident() {
    let evs = events_of(
        "انفجرت عبوة ناسفة بحافلة عسكرية على الطريق الواصل بين مدينتي دير الزور والميادين قرب \
         بلدة سعلو، ما أدى إلى مقتل أربعة عسكريين، يوم الخميس 16 تشرين الأول 2025.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(
        evs[0].coords.len(),
        1,
        "a point, not the road: {:#?}",
        summary(&evs)
    );
    assert_eq!(
        evs[0].sub_event_type.as_str(),
        "Remote explosive/landmine/IED"
    );
}

#[test]
fn a_headline_that_trails_off_in_dots_is_a_headline() {
    let text = "كمين دموي شرق دير الزور.. استهداف حافلة للجيش السوري بعبوة ناسفة\n\n\
                قُتل أربعة من عناصر الجيش السوري جراء استهداف حافلتهم بعبوة ناسفة قرب بلدة سعلو \
                شرقي مدينة دير الزور، يوم الخميس 16 تشرين الأول 2025.";
    let evs = events_of(text);
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(
        evs[0].sub_event_type.as_str(),
        "Remote explosive/landmine/IED"
    );
    assert_eq!(evs[0].evidence.len(), 1, "the headline is no evidence");
}

#[test]
fn the_army_is_named_for_the_state_of_the_day() {
    let article = Article {
        id: "row".into(),
        origin: "row.txt".into(),
        text: "قُتل أربعة من عناصر الجيش السوري بهجوم لخلايا داعش قرب بلدة سعلو شرقي مدينة دير \
               الزور، صباح اليوم."
            .into(),
        published: chrono::NaiveDate::from_ymd_opt(2025, 10, 16),
        ..Article::default()
    };
    let evs = extractor().article_events(&article);
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(
        evs[0].actor2.as_deref(),
        Some("Military Forces of Syria (2024-)")
    );
}
