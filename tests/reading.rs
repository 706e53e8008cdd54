//! General facts of how reports are worded, each in several wordings written for the test:
//! context places, common words, several incidents in one lead, one-line posts, positions
//! given by distance and bearing, a town and the sub-district named after it, habits told
//! beside an incident, and background dates.

use badia::geodesy::distance_km;
use badia::model::Event;

mod common;
use common::events_of;

fn summary(evs: &[Event]) -> Vec<String> {
    evs.iter()
        .map(|e| {
            format!(
                "{} at {} ({}) {:?} dead {}",
                e.sub_event_type, e.location, e.gazetteer_id, e.coords[0], e.fatalities
            )
        })
        .collect()
}

/// (lon, lat) of places used below.
const SUKHNAH_TOWN: [f64; 2] = [38.8711, 34.88533];
const RESAFA: [f64; 2] = [38.75639, 35.62778];
const ATHRIYA: [f64; 2] = [37.7884, 35.36508];
const PALMYRA: [f64; 2] = [38.2684, 34.5601];

fn one_event(text: &str) -> Event {
    let evs = events_of(text);
    assert_eq!(evs.len(), 1, "{text}\n{:#?}", summary(&evs));
    evs.into_iter().next().unwrap()
}

#[test]
fn an_aircraft_path_is_not_where_it_struck() {
    for text in [
        "حلقت طائرات حربية روسية فوق مدينة حمص باتجاه البادية وقصفت مواقع للتنظيم جنوب الرصافة.",
        "شنت طائرات روسية حلقت في سماء مدينة حمص غارات على مواقع للتنظيم جنوب الرصافة.",
        "وقصف الطيران الروسي مواقع لداعش جنوب الرصافة، بعدما حلق فوق حمص لساعات.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Air/drone strike", "{text}");
        let km = distance_km(e.coords[0], RESAFA);
        assert!(
            km < 30.0,
            "{text}: {km:.0} km from Rusafa, at {}",
            e.location
        );
    }
}

#[test]
fn an_adjective_after_areas_is_no_place() {
    for text in [
        "سيطر مقاتلو التنظيم على مناطق واسعة من البادية بعد اشتباكات قتل فيها 7 عناصر قرب أثريا.",
        "قتل 7 عناصر في اشتباكات قرب أثريا، وانسحبت القوات من مناطق واسعة في المنطقة.",
        "قتل 7 عناصر بهجوم قرب أثريا، في منطقة بعيدة عن مواقع الجيش.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], ATHRIYA) < 15.0,
            "{text}: {}",
            e.location
        );
        assert_eq!(e.fatalities, 7, "{text}");
    }
}

#[test]
fn a_lead_with_several_incidents_gives_each_its_event() {
    for text in [
        "قتل جنديان بانفجار لغم قرب السخنة، كما قتل راعيان بانفجار مماثل في بادية معدان، وفي \
         سياق متصل أصيب طفل بقذيفة في ريف حلب الجنوبي.",
        "قتل جنديان بانفجار لغم قرب السخنة، كما قتل راعيان بانفجار لغم في بادية معدان، وفي \
         سياق متصل أصيب طفل بقذيفة مدفعية في ريف حلب الجنوبي.",
    ] {
        let evs = events_of(text);
        assert_eq!(evs.len(), 3, "{text}\n{:#?}", summary(&evs));
        assert_eq!(evs[2].admin1, "Aleppo", "{:#?}", summary(&evs));
        assert_eq!(evs[2].fatalities, 0);
        assert_eq!(evs[2].injured, Some(1));
        assert_eq!(evs[1].fatalities, 2, "{:#?}", summary(&evs));
    }
}

#[test]
fn a_one_line_post_is_read() {
    for text in [
        "قتل عنصر من قوات النظام بانفجار لغم في بادية السخنة",
        "عاجل | مقتل عنصرين من قوات النظام بانفجار لغم أرضي في بادية السخنة",
        "مقتل 3 عناصر من قوات النظام بهجوم لداعش قرب السخنة\nالمصدر: مراسلنا",
    ] {
        let e = one_event(text);
        assert!(distance_km(e.coords[0], SUKHNAH_TOWN) < 30.0, "{text}");
    }
}

#[test]
fn a_distance_and_bearing_is_a_position() {
    for text in [
        "انفجر لغم أرضي بسيارة تقل عمالاً في منطقة تبعد نحو 30 كم شرق مدينة تدمر، ما أدى لمقتل \
         خمسة منهم.",
        "قتل خمسة عمال بانفجار لغم أرضي على بعد 30 كيلومتراً شرقي تدمر.",
        "قتل خمسة عمال بانفجار لغم أرضي في منطقة تبعد حوالي 30 كلم إلى الشرق من مدينة تدمر.",
    ] {
        let e = one_event(text);
        let km = distance_km(e.coords[0], PALMYRA);
        assert!(
            (25.0..35.0).contains(&km),
            "{text}: {km:.1} km from Palmyra"
        );
        assert!(e.coords[0][0] > PALMYRA[0], "east of Palmyra: {text}");
        assert_eq!(e.geo_precision, 2, "{text}");
        assert!(
            e.location_text.contains("30"),
            "{text}: {}",
            e.location_text
        );
        assert_eq!(e.fatalities, 5, "{text}");
    }
}

#[test]
fn a_bare_town_name_is_the_town_not_its_sub_district() {
    for text in [
        "قتل جنديان بانفجار لغم قرب السخنة.",
        "قتل جنديان بانفجار لغم في السخنة.",
        "قتل جنديان بانفجار لغم في بادية السخنة.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], SUKHNAH_TOWN) < 1.0,
            "{text}: at {}",
            e.location
        );
    }
    let e = one_event("قتل جنديان بانفجار لغم في ناحية السخنة.");
    assert!(
        distance_km(e.coords[0], SUKHNAH_TOWN) > 10.0,
        "the sub-district: {}",
        e.location
    );
}

#[test]
fn a_habit_told_of_the_place_leaves_the_incident() {
    for text in [
        "قتل عنصر من قوات النظام بانفجار لغم في بادية السخنة، التي تشهد هجمات متكررة.",
        "قتل عنصر من قوات النظام بانفجار لغم في بادية السخنة، وهي المنطقة التي تشهد هجمات \
         متكررة منذ آذار 2019.",
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, 1, "{text}");
        // "منذ آذار 2019" is background: the article has no date, nor has the event.
        assert_eq!(e.date, None, "{text}");
    }
    for text in [
        "تشهد بادية السخنة هجمات متكررة لخلايا التنظيم.",
        "تتعرض مواقع قوات النظام في بادية السخنة لهجمات شبه يومية، بشكل متكرر.",
    ] {
        let evs = events_of(text);
        assert!(evs.is_empty(), "{text}\n{:#?}", summary(&evs));
    }
}

#[test]
fn people_written_with_hamza_are_counted() {
    // Word lists are folded when loaded, as the text is: "قائد" and "سائق" are found as
    // written in the lists and in the text, with or without the hamza.
    for (text, dead) in [
        ("قتل قائد من قوات النظام بانفجار لغم في بادية السخنة.", 1),
        ("قتل سائق صهريج بانفجار لغم في بادية السخنة.", 1),
        ("قتل سايق صهريج بانفجار لغم في بادية السخنة.", 1),
        ("قتل عنصر وسائق بانفجار لغم في بادية السخنة.", 2),
    ] {
        assert_eq!(one_event(text).fatalities, dead, "{text}");
    }
}

#[test]
fn weekly_claims_are_no_incident() {
    for text in [
        "وأعلن التنظيم في صحيفته الأسبوعية تنفيذ 12 هجوماً في البادية السورية أوقعت 30 قتيلاً.",
        "تبنى التنظيم عبر صحيفة النبأ الأسبوعية 7 هجمات في بادية حمص خلال الأسبوع الماضي أسفرت \
         عن مقتل 15 عنصراً.",
        "ونشر التنظيم في إحصائية له مقتل 40 عنصراً من قوات النظام في بادية دير الزور.",
    ] {
        let evs = events_of(text);
        assert!(evs.is_empty(), "{text}\n{:#?}", summary(&evs));
    }
    // The incident told beside the tally is still one.
    let evs = events_of(
        "قتل ثلاثة عناصر من قوات النظام بانفجار لغم قرب السخنة. وأعلن التنظيم في صحيفته \
         الأسبوعية تنفيذ 12 هجوماً في البادية السورية.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(evs[0].fatalities, 3);
}

#[test]
fn the_hospital_the_dead_were_taken_to_is_not_the_place() {
    for text in [
        "قتل ستة مدنيين بانفجار لغم أرضي في بادية السخنة. وقال مدير مشفى الأسد في دير الزور إن \
         المشفى استقبل ستة قتلى جراء انفجار اللغم.",
        "قتل ستة مدنيين بانفجار لغم أرضي في بادية السخنة، ونقلت جثامينهم إلى المستشفى الوطني في \
         مدينة حمص.",
        "قتل ستة مدنيين بانفجار لغم أرضي في بادية السخنة. وأفاد مصدر طبي في مشفى تدمر الوطني في \
         مدينة تدمر بوصول ستة قتلى إثر الانفجار.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], SUKHNAH_TOWN) < 30.0,
            "{text}: at {}",
            e.location
        );
    }
}

#[test]
fn a_city_naming_a_side_is_not_the_place() {
    for text in [
        "قتل خمسة عناصر من قوات دمشق بهجوم لداعش في بادية أثريا.",
        "قتل خمسة عناصر من قوات حكومة دمشق بهجوم لداعش في بادية أثريا.",
        "هاجم التنظيم موقعاً لقوات دمشق في بادية أثريا وقتل خمسة عناصر.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], ATHRIYA) < 20.0,
            "{text}: at {}",
            e.location
        );
    }
}

#[test]
fn a_governorates_name_gives_way_to_the_town_named_for_the_same_incident() {
    // "في دير الزور" may be the city or the governorate; the town named for the same
    // incident places it.
    for text in [
        "قتل 4 عناصر بانفجار عبوة ناسفة بحافلة في دير الزور. وانفجرت العبوة قرب بلدة سعلو شرقي \
         دير الزور.",
        "قتل 4 عناصر بانفجار عبوة ناسفة بحافلة في دير الزور، ووقع الانفجار قرب بلدة سعلو.",
    ] {
        let evs = events_of(text);
        assert_eq!(evs.len(), 1, "{text}\n{:#?}", summary(&evs));
        assert_eq!(evs[0].location, "As Sa`lu", "{text}");
        assert_eq!(evs[0].fatalities, 4, "{text}");
    }
    // "في مدينة دير الزور" is the city.
    let evs = events_of(
        "قتل 4 عناصر بانفجار عبوة ناسفة بحافلة في مدينة دير الزور. وفي حادثة أخرى انفجرت عبوة \
         قرب بلدة سعلو.",
    );
    assert!(
        evs.iter().any(|e| e.location == "Deir ez-Zor"),
        "{:#?}",
        summary(&evs)
    );
}

#[test]
fn a_lead_without_a_place_is_the_incident_the_next_sentence_places() {
    for text in [
        "قال المرصد السوري إن هجوماً على حافلة عسكرية في شرق سوريا أسفر عن مقتل 23 جندياً \
         وإصابة أكثر من 10. ووقع الهجوم قرب مدينة السخنة في ريف حمص الشرقي.",
        "أفادت مصادر محلية بمقتل ثلاثة عناصر من قوات النظام وجرح خمسة آخرين بكمين لخلايا \
         التنظيم. وجرى الهجوم على الطريق قرب مدينة السخنة.",
        "لقي سبعة جنود مصرعهم بهجوم لتنظيم داعش على نقطة عسكرية، وفق المرصد. واستهدف الهجوم \
         نقطة قرب مدينة السخنة.",
    ] {
        let e = one_event(text);
        assert!(distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0, "{text}");
        assert!(e.fatalities >= 3, "{text}: dead {}", e.fatalities);
    }
    // Not a lead that an incident told before it goes on about, nor one far from the
    // sentence that places an incident.
    let evs = events_of(
        "قتل عنصران بانفجار لغم قرب مدينة تدمر. وقتل 9 عناصر بهجوم لخلايا التنظيم. وفي \
         حادثة أخرى، قصف الطيران مواقع قرب مدينة السخنة.",
    );
    let sukhnah = evs
        .iter()
        .find(|e| distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0);
    assert!(
        sukhnah.is_none_or(|e| e.fatalities == 0),
        "{:#?}",
        summary(&evs)
    );
}

#[test]
fn a_running_total_of_several_incidents_is_not_the_last_ones_toll() {
    for total in [
        "ليرتفع عدد قتلى قوات النظام إلى 10 عناصر خلال ساعات.",
        "لترتفع حصيلة القتلى في صفوف قوات النظام إلى عشرة عناصر خلال يومين.",
        "ليصل عدد قتلى قوات النظام إلى 10 على الأقل خلال 24 ساعة.",
    ] {
        let text = format!(
            "قتل ضابطان بهجوم لخلايا التنظيم قرب مدينة تدمر. وقتل عنصران بانفجار عبوة \
             ناسفة قرب بلدة الرصافة. وقتل 6 عناصر بانفجار لغم قرب مدينة السخنة. {total}"
        );
        let evs = events_of(&text);
        let mut dead: Vec<u32> = evs.iter().map(|e| e.fatalities).collect();
        dead.sort_unstable();
        assert_eq!(dead, vec![2, 2, 6], "{text}\n{:#?}", summary(&evs));
    }
    // The toll of one incident that rose is that incident's.
    let e = one_event(
        "قتل ثلاثة عناصر بهجوم قرب مدينة السخنة. وتوفي اثنان من الجرحى متأثرين بجراحهم، \
         ليرتفع عدد قتلى الهجوم إلى خمسة.",
    );
    assert_eq!(e.fatalities, 5);
}

#[test]
fn no_one_hurt_is_none_hurt_unless_the_event_tells_of_the_hurt() {
    for text in [
        "انفجرت عبوة ناسفة بدورية لقوات النظام قرب مدينة السخنة دون وقوع إصابات.",
        "قصفت طائرات مسيرة مواقع قرب مدينة السخنة، ولم يسفر القصف عن أي إصابات بشرية.",
        "استهدف مسلحون حاجزاً قرب مدينة السخنة. ولم ينجم عن الهجوم إصابات.",
    ] {
        assert_eq!(one_event(text).injured, Some(0), "{text}");
    }
    let e = one_event(
        "قتل عنصر وأصيب آخرون بجروح بهجوم قرب مدينة السخنة. وقالت المصادر إن حملات التمشيط \
         السابقة لم تسفر عن إصابات في صفوف التنظيم.",
    );
    assert_eq!((e.fatalities, e.injured), (1, None));
}
