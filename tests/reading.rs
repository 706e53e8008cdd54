//! General facts of how reports are worded, each in several wordings written for the test.
//! The tests are grouped by the eight failure kinds of the project's goal for reading unseen
//! reports, each section headed by its kind; phrase rules have example rows in
//! data/rules/*.csv as well (tests/rules.rs).

use badia::geodesy::distance_km;
use badia::model::Event;
use badia::output::acled::notes;

mod common;
use common::{events_of, extractor};

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
const MAYADIN: [f64; 2] = [40.45346, 35.02089];

fn one_event(text: &str) -> Event {
    let evs = events_of(text);
    assert_eq!(evs.len(), 1, "{text}\n{:#?}", summary(&evs));
    evs.into_iter().next().unwrap()
}

// ----------------------------------------------------------------------------------------------
// 1. A context place becomes the event's place: a city inside an actor's name or affiliation,
// the victims' home town, the hospital the wounded were taken to, the reporter's or outlet's
// city, an aircraft's flight path, the place of an earlier incident.

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
fn the_countrys_adjective_before_a_place_is_no_wider_place() {
    // «قوات الحكومة السورية في بادية X»: «السورية» says whose forces; the desert after it is
    // where, not a part of Syria qualifying the country.
    const NEAR_KM: f64 = 25.0;
    for (text, at) in [
        (
            "هاجمت خلايا داعش نقطة عسكرية لقوات الحكومة السورية في بادية الميادين.",
            MAYADIN,
        ),
        (
            "استهدف عناصر التنظيم حاجزاً للقوات السورية في ريف الميادين الشرقي.",
            MAYADIN,
        ),
        (
            "قتل جنديان من قوات الحكومة السورية بهجوم للتنظيم في بادية السخنة.",
            SUKHNAH_TOWN,
        ),
        (
            "هاجم مسلحو داعش رتلاً للقوات السورية في بادية تدمر الشرقية.",
            PALMYRA,
        ),
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], at) < NEAR_KM,
            "{text}: at {}",
            e.location
        );
    }
}

#[test]
fn a_governments_seat_is_not_the_place() {
    // "للحكومة في دمشق": loyal to the government seated in Damascus.
    for text in [
        "قتل ثلاثة عناصر من الموالين للحكومة في دمشق بهجوم لخلايا التنظيم قرب أثريا.",
        "هاجمت خلايا التنظيم القوات الموالية للحكومة في دمشق قرب أثريا وقتلت ثلاثة عناصر.",
        "قتل 3 عناصر من القوات التابعة للسلطات في دمشق بهجوم قرب أثريا.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], ATHRIYA) < 20.0,
            "{text}: at {}",
            e.location
        );
        assert_eq!(e.fatalities, 3, "{text}");
    }
}

#[test]
fn the_victims_home_town_is_not_the_place() {
    for (text, dead) in [
        (
            "قتل عنصران من قوات النظام، من أبناء حي الوعر في مدينة حمص، بانفجار لغم في بادية \
             السخنة.",
            2,
        ),
        (
            "قتل راع ينحدر من قرية الزهراء في ريف حمص بانفجار لغم في بادية السخنة.",
            1,
        ),
        (
            "لقي شابان من أبناء بلدة القريتين بريف حمص حتفهما بانفجار لغم في بادية السخنة.",
            2,
        ),
        (
            "قتل عنصران من قوات النظام بانفجار لغم في بادية السخنة، وهما من أبناء مدينة حمص.",
            2,
        ),
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], SUKHNAH_TOWN) < 1.0,
            "{text}: at {}",
            e.location
        );
        assert_eq!(e.fatalities, dead, "{text}");
    }
}

/// al-Shuhayl, on the Euphrates north of al-Mayadin (lon, lat).
const SHUHAYL: [f64; 2] = [40.45232, 35.0865];

#[test]
fn the_victims_home_town_places_an_incident_told_nowhere_else() {
    for text in [
        "اختطف مسلحون مجهولون شاباً من بلدة الشحيل شرقي دير الزور.",
        "اعتقلت قوات سوريا الديمقراطية ثلاثة شبان من بلدة الشحيل.",
        "قتل مسلحون مجهولون عنصراً من بلدة الشحيل.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], SHUHAYL) < 5.0,
            "{text}: at {} {:?}",
            e.location,
            e.coords[0]
        );
    }
    // Told somewhere, the incident is placed there, not at the victims' home.
    let e = one_event("اختطف مسلحون شاباً من بلدة الشحيل أثناء عمله في بادية السخنة.");
    assert!(
        distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0,
        "at {}",
        e.location
    );
    // Forces leaving a town are no victims from it.
    assert!(events_of("انسحبت قوات النظام من بلدة الشحيل.").is_empty());
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
fn the_reporters_town_is_not_the_place() {
    for text in [
        "قال مراسلنا في دير الزور إن عنصرين من قوات النظام قتلا بانفجار لغم قرب السخنة.",
        "وأفاد مراسل الشبكة في مدينة حمص بمقتل عنصرين بانفجار لغم في بادية السخنة.",
        "ونقل مكتبنا في دير الزور عن مصادر محلية مقتل عنصرين بهجوم قرب السخنة.",
        "حمص - مراسلنا: قتل عنصران من قوات النظام بانفجار لغم في بادية السخنة.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], SUKHNAH_TOWN) < 1.0,
            "{text}: at {}",
            e.location
        );
        assert_eq!(e.fatalities, 2, "{text}");
    }
    // A reporter who tells of a death in a town is not the town's context.
    let e = one_event("أفاد مراسلنا بمقتل عنصر في بادية السخنة.");
    assert_eq!(e.location, "As Sukhnah");
}

#[test]
fn an_outlet_named_like_a_town_is_not_the_place() {
    // Outlets named after a town («الميادين», «دير الزور 24»): in construct after an outlet's
    // noun or its reporter, or told the news behind «ل» after a word of telling or a source.
    for text in [
        "ذكرت قناة الميادين أن ثلاثة جنود قتلوا بهجوم على حاجز قرب تدمر.",
        "وأكد مراسل الميادين أن ثلاثة جنود قتلوا بهجوم على حاجز قرب تدمر.",
        "وقال مصدر عسكري للميادين إن ثلاثة جنود قتلوا بهجوم على حاجز قرب تدمر.",
        "أفادت مصادر ميدانية للميادين بمقتل ثلاثة جنود بهجوم على حاجز قرب تدمر.",
        "وقالت شبكة دير الزور 24 إن ثلاثة جنود قتلوا بهجوم على حاجز قرب تدمر.",
        "وقال ناشط في تصريح لدير الزور 24 إن ثلاثة جنود قتلوا بهجوم على حاجز قرب تدمر.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], PALMYRA) < 10.0,
            "{text}: at {}",
            e.location
        );
        assert_eq!(e.fatalities, 3, "{text}");
    }
    // The town itself, also behind «ل» when nothing is told to it.
    for text in [
        "قتل ثلاثة عناصر بهجوم على حاجز قرب مدينة الميادين.",
        "قتل ثلاثة عناصر بهجوم على حاجز للميادين.",
        "وقال المرصد إن ثلاثة عناصر قتلوا بهجوم على حاجز في مدينة الميادين.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], MAYADIN) < 10.0,
            "{text}: at {}",
            e.location
        );
    }
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
fn an_earlier_incidents_place_is_not_the_place() {
    for text in [
        "قتل عنصران من قوات النظام بانفجار لغم قرب أثريا، في المنطقة ذاتها التي شهدت هجوماً \
         مماثلاً قرب السخنة الشهر الماضي.",
        "قتل عنصران بانفجار لغم قرب أثريا. ويأتي ذلك بعد أيام من مقتل ثلاثة عناصر بهجوم قرب \
         السخنة.",
        "قتل جنديان بانفجار لغم قرب أثريا. وجاء الانفجار بعد ثلاثة أيام من مقتل 3 جنود بهجوم \
         على حاجز قرب السخنة.",
    ] {
        let evs = events_of(text);
        // The report's incident is at Athriya with its own toll; the earlier one, when it is
        // an event, keeps its own.
        let athriya = evs
            .iter()
            .find(|e| distance_km(e.coords[0], ATHRIYA) < 15.0)
            .unwrap_or_else(|| panic!("{text}\n{:#?}", summary(&evs)));
        assert_eq!(athriya.fatalities, 2, "{text}");
        for e in &evs {
            if distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0 {
                assert_ne!(e.fatalities, 2, "{text}\n{:#?}", summary(&evs));
            }
        }
    }
}

#[test]
fn an_incident_a_span_of_time_before_keeps_its_own_toll() {
    // «…، بعد يومين من مقتل …», «وذلك بعد أسبوع من هجوم أودى بحياة …»: the tail tells an
    // earlier incident; its dead are not the sentence's, and it is an event of its own only at
    // a place of its own, undated.
    for (text, dead, events) in [
        (
            "قتل ثلاثة عناصر من قوات النظام بهجوم لداعش على حاجز قرب أثريا، بعد يومين من مقتل \
             خمسة عناصر بانفجار لغم قرب السخنة.",
            3,
            2,
        ),
        (
            "قتل ثلاثة عناصر من قوات النظام بهجوم لداعش على حاجز قرب أثريا، وذلك بعد أسبوع من \
             هجوم أودى بحياة سبعة عناصر في المنطقة ذاتها.",
            3,
            1,
        ),
        (
            "أصيب ثلاثة عناصر بانفجار لغم قرب أثريا عقب أيام على هجوم لخلايا التنظيم قتل فيه \
             ستة عناصر قرب السخنة.",
            0,
            2,
        ),
        (
            "قتل راعيان بانفجار لغم قرب أثريا بعد أقل من 24 ساعة على مقتل ثلاثة رعاة بانفجار \
             مماثل قرب السخنة.",
            2,
            2,
        ),
    ] {
        let evs = events_of(text);
        assert_eq!(evs.len(), events, "{text}\n{:#?}", summary(&evs));
        let athriya = evs
            .iter()
            .find(|e| distance_km(e.coords[0], ATHRIYA) < 15.0)
            .unwrap_or_else(|| panic!("{text}\n{:#?}", summary(&evs)));
        assert_eq!(athriya.fatalities, dead, "{text}");
        for e in evs
            .iter()
            .filter(|e| distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0)
        {
            assert_eq!(e.date, None, "{text}");
        }
    }
    // A lead that recalls the earlier incident, up to its comma, leaves the rest the
    // sentence's own.
    let evs = events_of(
        "وبعد أيام على مقتل راعيين بانفجار لغم قرب السخنة، أصيب ثلاثة رعاة بانفجار لغم قرب أثريا.",
    );
    let athriya = evs
        .iter()
        .find(|e| distance_km(e.coords[0], ATHRIYA) < 15.0)
        .unwrap_or_else(|| panic!("{:#?}", summary(&evs)));
    assert_eq!((athriya.fatalities, athriya.injured), (0, Some(3)));
    // The earlier incident takes no side from the later one told before it.
    let evs = events_of(
        "شنت الطائرات الروسية غارات على بادية تدمر بعد يومين من هجوم لداعش قتل فيه ستة عناصر \
         قرب السخنة.",
    );
    for e in &evs {
        if e.fatalities == 6 {
            assert_eq!(e.actor2, None, "{:#?}", summary(&evs));
        }
    }
    // Not an earlier incident: what befell those just named («بعد أيام من إصابته»), or a
    // later one pointed from the one told («وبعد ساعات من ذلك أصيب …»).
    let e = one_event("توفي عنصر من قوات النظام بعد أيام من إصابته بانفجار لغم قرب أثريا.");
    assert_eq!(e.fatalities, 1);
    let e = one_event(
        "قتل عنصران بهجوم قرب أثريا، وبعد ساعات من ذلك أصيب ثلاثة مدنيين بقذيفة في المنطقة \
         ذاتها.",
    );
    assert_eq!((e.fatalities, e.injured), (2, Some(3)));
}

#[test]
fn a_place_said_to_lie_abroad_is_no_place_of_the_incident() {
    // «في مدينة أربيل بشمال العراق», «عين الأسد غرب العراق», «القائم العراقية»: a town abroad,
    // whatever Syrian name it spells like.
    for text in [
        "شنت فصائل عراقية هجوماً على قاعدة عسكرية أمريكية في مدينة أربيل بشمال العراق.",
        "هاجمت فصائل عراقية قاعدة أمريكية في أربيل شمالي العراق بطائرات مسيرة.",
    ] {
        let evs = events_of(text);
        assert!(evs.is_empty(), "{text}\n{:#?}", summary(&evs));
    }
    let e = one_event(
        "قصفت مسيرات قاعدة أمريكية في أربيل شمالي العراق، فيما قتل ثلاثة عناصر بهجوم لداعش \
         قرب السخنة.",
    );
    assert!(
        distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0,
        "{}",
        e.location
    );
    // A border named by its lands is no land abroad.
    let e = one_event("قتل ثلاثة عناصر بهجوم لداعش قرب مدينة البوكمال على الحدود السورية العراقية.");
    assert_eq!(e.admin1, "Deir ez-Zor");
}

// ----------------------------------------------------------------------------------------------
// 2. Common words and unit names are read as places: «مناطق واسعة», «منطقة بعيدة», «كازية»,
// «اللواء» inside a brigade's name; a name that is also a common word needs a place noun right
// before it, and a place cue never reaches across a sentence break.

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
fn a_fuel_station_is_no_village() {
    // «كازية» is a fuel station; the village الكازية lies in Daraa.
    for (text, near) in [
        (
            "قتل عنصران من قوات النظام بانفجار لغم قرب كازية على طريق السخنة.",
            SUKHNAH_TOWN,
        ),
        ("قتل سائق بهجوم لمسلحين على كازية الرصافة.", RESAFA),
        (
            "استهدف مسلحون كازية قرب بلدة السخنة وقتلوا عنصرين من الحراس.",
            SUKHNAH_TOWN,
        ),
        (
            "انفجرت عبوة ناسفة بالقرب من كازية في منطقة الرصافة، ما أدى لمقتل سائق.",
            RESAFA,
        ),
    ] {
        let e = one_event(text);
        assert_ne!(e.admin1, "Daraa", "{text}");
        assert!(
            distance_km(e.coords[0], near) < 30.0,
            "{text}: at {}",
            e.location
        );
    }
}

#[test]
fn a_units_name_is_no_place() {
    // «اللواء 47» names a brigade (and, in the gazetteer, its base): its members were hit
    // elsewhere.
    for text in [
        "قتل ثلاثة عناصر من عناصر اللواء 47 بهجوم لخلايا التنظيم قرب أثريا.",
        "قتل ثلاثة جنود من اللواء 47 بهجوم قرب أثريا.",
        "قتل ثلاثة مقاتلين من اللواء الثامن بانفجار لغم في بادية أثريا.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], ATHRIYA) < 15.0,
            "{text}: at {}",
            e.location
        );
        assert_eq!(e.fatalities, 3, "{text}");
    }
}

#[test]
fn a_name_that_is_a_common_word_needs_a_place_noun() {
    // «تدمر» is also "destroys", «قريبة» "nearby" (one letter off the village خريبة).
    for text in [
        "قتل عنصر بانفجار لغم قرب السخنة، وقالت مصادر إن الألغام تدمر حياة الرعاة.",
        "قتل عنصران بانفجار لغم قرب السخنة وأغلقت القوات الطريق. تدمر الألغام المزروعة في \
         البادية مواسم الكمأة كل عام.",
        "قتل عنصر بانفجار لغم في منطقة قريبة من بلدة السخنة.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], SUKHNAH_TOWN) < 1.0,
            "{text}: at {}",
            e.location
        );
    }
    // After a place noun it is the town.
    let e = one_event("قتل عنصران بانفجار لغم قرب مدينة تدمر.");
    assert!(distance_km(e.coords[0], PALMYRA) < 5.0, "{}", e.location);
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

// ----------------------------------------------------------------------------------------------
// 3. One report, several incidents, and text that is no incident: a lead of three incidents,
// statistics and weekly claims, bullet lines, reminders that open with «يشار إلى أن», a
// region-level lead beside an incident with its own day or toll.

#[test]
fn the_countryside_after_a_list_of_villages_bounds_every_one() {
    // «الصبحة» of the gazetteer lies in Aleppo: in a list placed in Deir ez-Zor's countryside
    // it is not that one, and the incident stays in Deir ez-Zor.
    for text in [
        "قصفت طائرات مسيرة تركية مواقع لقسد في قريتي الصبحة والشحيل بريف دير الزور الشرقي، ما \
         أسفر عن مقتل مقاتلين اثنين.",
        "قتل مدنيان بقصف مدفعي على بلدات الصبحة والشحيل وذيبان في ريف دير الزور.",
        "أصيب ثلاثة مدنيين بقصف طال قريتي الصبحة والشحيل في ريف دير الزور الشرقي.",
    ] {
        let evs = events_of(text);
        assert!(!evs.is_empty(), "{text}");
        for e in &evs {
            assert_eq!(e.admin1, "Deir ez-Zor", "{text}\n{:#?}", summary(&evs));
        }
    }
}

#[test]
fn a_list_item_takes_no_side_from_the_item_before() {
    // Each line of a round-up tells its own incident: the mine of the second line was not
    // laid by the attackers of the first.
    for text in [
        "حصاد اليوم في البادية:\n- مقتل عنصرين من قوات النظام بهجوم لخلايا التنظيم على نقطة \
         قرب معدان.\n- إصابة راع بانفجار لغم في بادية السخنة.",
        "أبرز أحداث البادية:\n• هجوم لداعش على حاجز لقوات النظام قرب السخنة أدى لمقتل جنديين\n• \
         مقتل مدني بانفجار لغم أرضي قرب أثريا",
        "- قتل 3 عناصر من قسد بهجوم لخلايا داعش قرب الشحيل\n- إصابة طفلين بانفجار قنبلة من \
         مخلفات الحرب في بادية الميادين",
    ] {
        let evs = events_of(text);
        assert_eq!(evs.len(), 2, "{text}\n{:#?}", summary(&evs));
        let mine = evs
            .iter()
            .find(|e| e.sub_event_type.to_string() == "Remote explosive/landmine/IED")
            .unwrap_or_else(|| panic!("{text}\n{:#?}", summary(&evs)));
        assert_eq!(mine.actor1, None, "{text}");
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
fn list_items_that_tell_an_incident_are_read() {
    for text in [
        "حصاد اليوم في البادية\n\n- مقتل عنصرين من قوات النظام بانفجار لغم قرب السخنة.\n- مقتل راع \
         بانفجار لغم في بادية معدان.",
        "حصاد اليوم\n\n* قتل عنصران من قوات النظام بانفجار لغم قرب السخنة.\n• قتل راع بانفجار لغم \
         في بادية معدان.",
        "أبرز أحداث البادية\n\n• انفجار لغم بسيارة عسكرية قرب السخنة يودي بحياة عنصرين.\n– \
         مقتل راعٍ بانفجار لغم أرضي في بادية معدان.",
    ] {
        let evs = events_of(text);
        assert_eq!(evs.len(), 2, "{text}\n{:#?}", summary(&evs));
        assert!(distance_km(evs[0].coords[0], SUKHNAH_TOWN) < 1.0, "{text}");
        assert_eq!(evs[0].fatalities, 2, "{text}");
        assert_eq!(evs[1].location, "Ma`dan", "{text}");
        assert_eq!(evs[1].fatalities, 1, "{text}");
    }
    // The lines of a tally open with their figure: no incident.
    for text in [
        "حصيلة الشهر\n\n- 48 مدنياً قتلوا في هجمات التنظيم في البادية.\n- 29 من عناصر التنظيم قتلوا \
         بقصف جوي.",
        "حصيلة الشهر\n\n• سبعة من عناصر قوات النظام قتلوا بانفجار ألغام في بادية حمص.",
    ] {
        let evs = events_of(text);
        assert!(evs.is_empty(), "{text}\n{:#?}", summary(&evs));
    }
}

#[test]
fn a_reminder_may_tell_an_incident() {
    for (text, dead) in [
        (
            "يشار إلى أن عنصرين من قوات النظام قتلا أمس بانفجار لغم قرب السخنة.",
            2,
        ),
        (
            "ويشار إلى أن ثلاثة رعاة قتلوا الأسبوع الماضي بانفجار لغم قرب السخنة.",
            3,
        ),
        ("يذكر أن عنصراً قتل الأحد بهجوم قرب السخنة.", 1),
    ] {
        let e = one_event(text);
        assert!(distance_km(e.coords[0], SUKHNAH_TOWN) < 1.0, "{text}");
        assert_eq!(e.fatalities, dead, "{text}");
    }
    let evs = events_of("ويشار إلى أن خلايا التنظيم تنشط في بادية السخنة.");
    assert!(evs.is_empty(), "{:#?}", summary(&evs));
}

#[test]
fn a_region_level_lead_keeps_its_own_toll() {
    // A lead with a toll of its own is another incident than the one placed after it.
    for text in [
        "قتل 3 عناصر بهجوم لخلايا التنظيم في بادية حمص. وفي يوم الاثنين، قتل عنصران بانفجار \
         لغم قرب السخنة.",
        "قتل ثلاثة عناصر بهجوم لخلايا التنظيم في البادية السورية. وقتل يوم الأحد عنصران \
         بانفجار لغم قرب السخنة.",
    ] {
        let evs = events_of(text);
        let mut dead: Vec<u32> = evs.iter().map(|e| e.fatalities).collect();
        dead.sort_unstable();
        assert_eq!(dead, vec![2, 3], "{text}\n{:#?}", summary(&evs));
    }
    // A lead with neither toll nor day is the incident the next sentence places.
    let e = one_event(
        "هاجم التنظيم مواقع لقوات النظام في البادية السورية. وقتل يوم الأحد 5 عناصر بانفجار \
         لغم قرب السخنة.",
    );
    assert_eq!(e.fatalities, 5);
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
fn a_sentence_that_only_places_the_incident_named_again_places_the_lead() {
    // The placing sentence codes nothing of its own («ووقع الانفجار قرب …»): it still places
    // the lead it names again.
    for text in [
        "قال المرصد إن انفجار لغم أسفر عن إصابة ثلاثة مدنيين. ووقع الانفجار قرب بلدة الميادين.",
        "أصيب ثلاثة رعاة بانفجار لغم أرضي من مخلفات الحرب. وحصل الانفجار في بلدة الميادين.",
        "ذكرت مصادر محلية أن عبوة ناسفة انفجرت بسيارة مدنية ما أدى لإصابة سائقها. وقع الانفجار \
         على أطراف مدينة الميادين.",
    ] {
        let e = one_event(text);
        assert!(distance_km(e.coords[0], MAYADIN) < 5.0, "{text}");
        assert!(e.injured >= Some(1), "{text}: injured {:?}", e.injured);
    }
    // Naming no incident again, a place said later is not the lead's.
    let evs = events_of("أصيب ثلاثة مدنيين بانفجار لغم. وتقع بلدة الميادين شرقي دير الزور.");
    assert!(evs.is_empty(), "{:#?}", summary(&evs));
}

#[test]
fn another_matter_at_an_unknown_place_adds_nothing_to_the_incident_before() {
    // «وفي سياق منفصل، …» opens another incident: at a place the gazetteer lacks, its toll and
    // its kind are not the incident's told before.
    for text in [
        "قتل عنصران من قوات الحكومة بهجوم لخلايا داعش على نقطة قرب بلدة السخنة. وفي سياق \
         منفصل، انفجر لغم أرضي بسيارة مدنية قرب قرية أم الحنطة، ما أدى إلى إصابة ثلاثة مدنيين.",
        "قتل عنصران بهجوم لخلايا التنظيم قرب السخنة. وفي حادثة منفصلة، أصيب ثلاثة رعاة بانفجار \
         لغم في منطقة وادي الحبارى.",
        "قتل عنصران بهجوم لخلايا التنظيم قرب السخنة. من جهة أخرى، قتل مدني وأصيب آخران \
         بانفجار عبوة ناسفة.",
    ] {
        let e = one_event(text);
        assert!(distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0, "{text}");
        assert_eq!(e.fatalities, 2, "{text}");
        assert_eq!(e.injured, None, "{text}");
        assert_ne!(
            e.sub_event_type.to_string(),
            "Remote explosive/landmine/IED",
            "{text}"
        );
    }
    // Placed later by a sentence naming it again, it is an event of its own.
    let evs = events_of(
        "قتل عنصران بهجوم لخلايا التنظيم قرب السخنة. وفي حادثة منفصلة، أصيب ثلاثة مدنيين \
         بانفجار لغم أرضي. ووقع الانفجار قرب بلدة الميادين.",
    );
    assert_eq!(evs.len(), 2, "{:#?}", summary(&evs));
    assert!(evs
        .iter()
        .any(|e| distance_km(e.coords[0], MAYADIN) < 5.0 && e.injured == Some(3)));
}

// ----------------------------------------------------------------------------------------------
// 4. A one-line report is read (through the binary: tests/cli.rs,
// `a_one_line_report_on_standard_input_is_read`).

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

// ----------------------------------------------------------------------------------------------
// 5. Places by distance and bearing, also when the named site is unknown to the gazetteer.

#[test]
fn a_distance_and_bearing_is_a_position() {
    for text in [
        "انفجر لغم أرضي بسيارة تقل عمالاً في منطقة تبعد نحو 30 كم شرق مدينة تدمر، ما أدى لمقتل \
         خمسة منهم.",
        "قتل خمسة عمال بانفجار لغم أرضي على بعد 30 كيلومتراً شرقي تدمر.",
        "قتل خمسة عمال بانفجار لغم أرضي في منطقة تبعد حوالي 30 كلم إلى الشرق من مدينة تدمر.",
        // The site's own name is unknown to the gazetteer: the distance from Palmyra places it.
        "انفجر لغم أرضي بسيارة تقل عمالاً في منطقة وادي الصفصافيات التي تبعد نحو 30 كم شرق \
         مدينة تدمر، ما أدى لمقتل خمسة منهم.",
        "قتل خمسة رعاة بانفجار لغم في منطقة أم الطرفاوي على بعد 30 كيلومتراً شرقي مدينة تدمر.",
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
fn an_unknown_place_keeps_its_name_and_its_anchors_precision() {
    // The names are unknown to the gazetteer: the event lies where the place after them puts
    // it, at that place's precision, and location_text keeps the name.
    for (text, name, anchor) in [
        (
            "قتل ثلاثة رعاة بانفجار لغم في وادي الخشخشة في بادية السخنة.",
            "وادي الخشخشة",
            SUKHNAH_TOWN,
        ),
        (
            "قتل جنديان بهجوم لخلايا التنظيم في منطقة الخشخشة شمال تدمر.",
            "منطقة الخشخشة",
            PALMYRA,
        ),
        (
            "أصيب ثلاثة عناصر بانفجار عبوة ناسفة في وادي الخشخشة ببادية الميادين.",
            "وادي الخشخشة",
            MAYADIN,
        ),
        (
            "قتل خمسة رعاة بانفجار لغم في منطقة أم الطرفاوي على بعد 30 كيلومتراً شرقي مدينة تدمر.",
            "منطقة أم الطرفاوي",
            PALMYRA,
        ),
    ] {
        let e = one_event(text);
        assert!(
            e.location_text.starts_with(name),
            "{text}: {}",
            e.location_text
        );
        assert_eq!(e.geo_precision, 2, "{text}");
        assert!(distance_km(e.coords[0], anchor) < 35.0, "{text}");
    }
    // A known place keeps its own phrase.
    let e = one_event("قتل جنديان بهجوم لخلايا التنظيم في منطقة الكوم شمال السخنة.");
    assert!(
        !e.location_text.contains("منطقة الكوم شمال"),
        "{}",
        e.location_text
    );
}

// ----------------------------------------------------------------------------------------------
// 6. Casualties: updated tolls, written-out numbers far from their verb, idioms, a single
// further injured, a toll told after a sentence about something else; unknown counts stay
// unknown and the notes say so.

#[test]
fn an_updated_toll_is_the_toll() {
    for (text, dead) in [
        (
            "قتل عنصر من قوات النظام بانفجار لغم قرب السخنة. وارتفعت حصيلة قتلى الانفجار إلى \
             ثلاثة عناصر.",
            3,
        ),
        (
            "ارتفعت حصيلة قتلى انفجار اللغم قرب السخنة إلى خمسة عناصر من قوات النظام.",
            5,
        ),
        (
            "قتل عنصران بهجوم قرب السخنة، ليرتفع عدد قتلى الهجوم إلى 4 بعد وفاة جريحين.",
            4,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, dead, "{text}");
        // The merge reads a smaller count of another report as an earlier one.
        assert!(e.toll_rose, "{text}");
    }
    for text in [
        "قتل ثلاثة عناصر من قوات النظام بهجوم قرب السخنة.",
        "قتل 3 عناصر بانفجار لغم قرب السخنة، وأصيب اثنان آخران.",
    ] {
        assert!(!one_event(text).toll_rose, "{text}");
    }
}

#[test]
fn a_toll_that_names_its_incident_at_length_is_still_the_running_total() {
    // The toll's noun phrase may name the attack, its attacker and its place before «إلى»;
    // the dead whose death raised it are inside the total, not added to it.
    for (text, dead) in [
        (
            "ارتفعت حصيلة الخسائر البشرية جراء الهجوم الذي نفذته خلايا تنظيم الدولة على مواقع \
             لقوات النظام في بادية الشولا جنوب دير الزور، إلى 11 قتيلاً، بعد وفاة عنصرين \
             متأثرين بجراحهم.",
            11,
        ),
        (
            "ارتفع عدد قتلى قوات النظام في الهجوم الذي شنه مسلحون مجهولون فجر أمس على حاجز \
             عسكري عند مدخل مدينة السخنة الشرقي إلى تسعة بعد وفاة جريحين.",
            9,
        ),
        (
            "ارتفعت حصيلة ضحايا الهجوم الذي استهدف حافلة تقل عمالاً في حقل التيم النفطي جنوب \
             مدينة دير الزور صباح الأحد إلى 8 قتلى، إثر وفاة ثلاثة من المصابين.",
            8,
        ),
    ] {
        assert_eq!(one_event(text).fatalities, dead, "{text}");
    }
}

#[test]
fn a_lone_casualty_of_another_incident_or_a_running_count_is_not_added() {
    for (text, dead) in [
        (
            "قتل ثلاثة عناصر بهجوم قرب السخنة، ويأتي ذلك بعد سقوط قتيل في هجوم مماثل الأسبوع \
             الماضي.",
            3,
        ),
        (
            "قتل راعيان بانفجار لغم قرب السخنة، وهذا ثالث قتيل خلال أسبوع.",
            2,
        ),
        ("سقط قتيل وأصيب 3 آخرون بانفجار لغم في بادية السخنة.", 1),
    ] {
        assert_eq!(one_event(text).fatalities, dead, "{text}");
    }
}

#[test]
fn a_region_placed_attack_denied_doubted_or_of_a_past_year_is_no_incident() {
    for text in [
        "نفى مصدر عسكري أن تكون خلايا التنظيم قد هاجمت مواقع لقوات النظام في ريف الرقة.",
        "لم يتسن التحقق من أنباء عن هجوم لخلايا التنظيم على مواقع لقوات النظام في ريف دير \
         الزور الغربي.",
        "وفي عام 2017 هاجم التنظيم مواقع قوات النظام في ريف دير الزور الغربي.",
    ] {
        let evs = events_of(text);
        assert!(evs.is_empty(), "{text}\n{:#?}", summary(&evs));
    }
    // Told as done, it is one, whatever else the sentence denies or dates.
    for text in [
        "هاجم مسلحو التنظيم موقعاً لقوات النظام في ريف دير الزور الغربي.",
        "هاجمت خلايا التنظيم مواقع لقوات النظام في ريف دير الزور الغربي، ولم ترد معلومات عن \
         خسائر.",
        "هاجم التنظيم مواقع لقسد في ريف دير الزور الشرقي، فيما نفت قسد وقوع خسائر في صفوفها.",
        "هاجم التنظيم مواقع لقسد في ريف دير الزور الشرقي في أول هجوم من نوعه منذ عام 2019.",
    ] {
        assert_eq!(events_of(text).len(), 1, "{text}");
    }
}

#[test]
fn lost_is_killed_when_a_side_lost_them_and_missing_when_they_went_missing() {
    // «فقدت قوات النظام 12 عنصراً»: a side lost them, killed. «فُقد 12 شخصاً»: the passive,
    // they went missing; only the bodies found are dead. «فقد … حياته» is a death.
    for (text, dead) in [
        (
            "فقدت قوات النظام 12 عنصراً بهجوم لخلايا داعش في بادية السخنة.",
            12,
        ),
        (
            "فقد لواء القدس مجموعة مؤلفة من خمسة عناصر بكمين لداعش قرب البوكمال.",
            5,
        ),
        ("فقد شابان حياتهما بانفجار لغم في بادية الميادين.", 2),
        (
            "فقد ثلاثة عناصر من قوات النظام حياتهم بانفجار لغم في بادية السخنة.",
            3,
        ),
        (
            "فقد 12 شخصاً من جامعي الكمأة في بادية السخنة، فيما عثر على جثث ثلاثة منهم \
             مقتولين بالرصاص.",
            3,
        ),
        (
            "فُقد الاتصال بعشرة رعاة في بادية تدمر بعد هجوم لمسلحين مجهولين، فيما قتل راعيان \
             آخران.",
            2,
        ),
        (
            "فقد قتل ثلاثة عناصر من قوات النظام في الهجوم على حاجز قرب تدمر.",
            3,
        ),
        (
            "فقد عناصر الفرقة الرابعة اثنين من رفاقهم بكمين لداعش في بادية الميادين.",
            2,
        ),
        ("فقد جنود النظام ثلاثة من زملائهم بهجوم قرب السخنة.", 3),
    ] {
        assert_eq!(one_event(text).fatalities, dead, "{text}");
    }
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
fn a_count_far_from_its_verb_is_its_subject() {
    for (text, dead, hurt) in [
        (
            "قتل في الانفجار الذي استهدف حافلة عسكرية على طريق السخنة صباح اليوم سبعة عناصر.",
            7,
            None,
        ),
        (
            "قتل في الهجوم الذي شنته خلايا التنظيم على نقطة عسكرية قرب الرصافة فجر اليوم 7 \
             عناصر من قوات النظام.",
            7,
            None,
        ),
        (
            "قُتل في الهجوم الذي وقع قرب السخنة مساء أمس الأحد خمسة عناصر.",
            5,
            None,
        ),
        (
            "وجرح في القصف الذي استهدف مواقع التنظيم قرب بلدة الرصافة فجر أمس اثنا عشر مقاتلاً.",
            0,
            Some(12),
        ),
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (dead, hurt), "{text}");
    }
}

#[test]
fn idioms_of_death_are_deaths() {
    for (text, dead) in [
        ("لقي عنصر من قوات النظام حتفه بانفجار لغم قرب السخنة.", 1),
        ("لقيت امرأتان حتفهما بانفجار لغم قرب السخنة.", 2),
        ("لقي ثلاثة رعاة مصرعهم بانفجار لغم قرب السخنة.", 3),
        ("فارق عنصر من قوات النظام الحياة بانفجار لغم قرب السخنة.", 1),
        (
            "فارق طفل الحياة متأثراً بجراحه التي أصيب بها بانفجار لغم قرب السخنة.",
            1,
        ),
        (
            "راح ضحية انفجار لغم قرب السخنة أربعة عناصر من قوات النظام.",
            4,
        ),
    ] {
        assert_eq!(one_event(text).fatalities, dead, "{text}");
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
fn one_more_hurt_is_counted() {
    for (text, dead, hurt) in [
        (
            "قتل عنصر من قوات النظام وأصيب آخر بانفجار لغم قرب السخنة.",
            1,
            1,
        ),
        (
            "قتل عنصر من قوات النظام بانفجار لغم قرب السخنة، وجرح آخر.",
            1,
            1,
        ),
        ("قتل جندي وإصابة آخر بهجوم قرب السخنة.", 1, 1),
        (
            "أصيب عنصر من قوات النظام بانفجار لغم قرب السخنة، وأصيب آخر بجروح خطيرة.",
            0,
            2,
        ),
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (dead, Some(hurt)), "{text}");
    }
}

#[test]
fn a_toll_told_after_another_sentence_is_the_incidents() {
    for text in [
        "انفجر لغم بسيارة عسكرية قرب السخنة. ونفذت طائرات التحالف دوريات في المنطقة. وأدى \
         الانفجار إلى مقتل ثلاثة عناصر.",
        "انفجر لغم بحافلة عسكرية قرب السخنة. وتشهد المنطقة انتشاراً واسعاً لخلايا التنظيم. \
         وأسفر الانفجار عن مقتل 3 عناصر.",
        "قتل عنصر من قوات النظام بانفجار لغم قرب السخنة. وأعلنت وزارة الدفاع عن حملة تمشيط في \
         البادية. وارتفعت حصيلة قتلى الانفجار إلى ثلاثة.",
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, 3, "{text}");
        assert!(distance_km(e.coords[0], SUKHNAH_TOWN) < 1.0, "{text}");
    }
}

#[test]
fn an_unknown_count_stays_unknown() {
    for text in [
        "قتل عدد من عناصر قوات النظام بانفجار لغم قرب السخنة.",
        "قتل عدد من العناصر بهجوم قرب السخنة، دون أن تعرف حصيلة القتلى.",
        "قتل عناصر من قوات النظام بهجوم لخلايا التنظيم قرب السخنة.",
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, 0, "{text}");
        assert!(e.fatalities_unknown, "{text}");
        let notes = notes(&e);
        assert!(notes.contains("unknown number killed"), "{text}: {notes}");
    }
    let e = one_event("قتل عنصران من قوات النظام بانفجار لغم قرب السخنة.");
    assert!(!e.fatalities_unknown);
    assert!(notes(&e).contains("2 killed"), "{}", notes(&e));
    let e = one_event("انفجرت عبوة ناسفة بدورية لقوات النظام قرب مدينة السخنة دون وقوع إصابات.");
    assert!(!e.fatalities_unknown);
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

// ----------------------------------------------------------------------------------------------
// 7. Dates from a photo caption or from background («منذ آذار 2019») are not the event's.

#[test]
fn a_photo_captions_date_is_not_the_events() {
    for text in [
        "قتل عنصران من قوات النظام بانفجار لغم قرب السخنة.\n(صورة أرشيفية لعناصر من قوات \
         النظام في البادية، 12 آذار 2019)",
        "الصورة: عناصر من قوات النظام في البادية السورية، 5 أيار 2020\n\nقتل عنصران من قوات \
         النظام بانفجار لغم قرب السخنة.",
        "مقتل عنصرين بانفجار لغم\n\nصورة تعبيرية - 3 كانون الثاني 2021\nقتل عنصران من قوات \
         النظام بانفجار لغم قرب السخنة.",
    ] {
        let article = badia::ingest::from_text("row", "row.txt", text);
        assert_eq!(article.published, None, "{text}");
        let evs = extractor().article_events(&article);
        assert_eq!(evs.len(), 1, "{text}\n{:#?}", summary(&evs));
        assert_eq!(evs[0].date, None, "{text}");
    }
    // A date line that is no caption still dates the page.
    let article = badia::ingest::from_text(
        "row",
        "row.txt",
        "مقتل عنصرين بانفجار لغم\n\n12 آذار 2019\nقتل عنصران من قوات النظام بانفجار لغم قرب السخنة.",
    );
    assert!(article.published.is_some());
}

#[test]
fn background_since_a_month_is_not_the_date() {
    for text in [
        "قتل جنديان بانفجار لغم قرب السخنة، في المنطقة التي تشهد هجمات متكررة منذ آذار 2019.",
        "قتل جنديان بانفجار لغم قرب السخنة، وتشهد المنطقة هجمات متكررة منذ آذار 2019.",
        "قتل جنديان بانفجار لغم قرب السخنة، التي تتعرض لهجمات شبه يومية منذ شهر آب من عام 2020.",
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, 2, "{text}");
        assert_eq!(e.date, None, "{text}");
    }
}

// ----------------------------------------------------------------------------------------------
// 8. A town and the sub-district named after it: «قرب السخنة», «في السخنة», «قرب تدمر», «قرب
// الميادين» are the town; only an explicit «ناحية» is the sub-district.

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
fn a_bare_town_near_which_it_happened_is_the_town() {
    for (text, town) in [
        ("قتل جنديان بانفجار لغم قرب تدمر.", PALMYRA),
        ("قتل جنديان بانفجار لغم بالقرب من تدمر.", PALMYRA),
        ("قتل جنديان بانفجار لغم قرب الميادين.", MAYADIN),
        ("قتل جنديان بانفجار لغم في الميادين.", MAYADIN),
        ("قتل جنديان بانفجار لغم على أطراف الميادين.", MAYADIN),
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], town) < 3.0,
            "{text}: at {}",
            e.location
        );
    }
}

// ----------------------------------------------------------------------------------------------
// 9. Dates of reports from other outlets: relative dates read against the date of the address
// or the page's metadata, the telling's date apart from the incident's, a weekday that tells
// the year of a page without a date, and no date from an address's figures.

/// The events of a text page read as `badia extract` reads it (header lines, page date).
fn page_events(text: &str) -> Vec<Event> {
    let article = badia::ingest::from_text("row", "row.txt", text);
    extractor().article_events(&article)
}

#[test]
fn relative_dates_are_read_against_the_address_or_the_metadata() {
    // Friday 4 October 2024 in the address and in the metadata.
    for body in [
        "قتل عنصران من قوات النظام بانفجار لغم أرضي قرب مدينة السخنة أمس الخميس.",
        "هاجم مسلحون فجر أمس حاجزاً لقوات النظام قرب مدينة السخنة وقتلوا عنصرين.",
        "وقتل عنصران من قوات النظام يوم أمس بانفجار عبوة ناسفة قرب مدينة السخنة.",
    ] {
        let text = format!("URL: https://news.example.net/2024/10/04/mine\n\n{body}\n");
        let evs = page_events(&text);
        assert_eq!(evs.len(), 1, "{text}");
        assert_eq!(
            evs[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-10-03")
        );
        let html = format!(
            "<html><head><meta property=\"article:published_time\" \
             content=\"2024-10-04T09:00:00+03:00\"></head><body><p>{body}</p></body></html>"
        );
        let article = badia::ingest::from_html("row", "row.html", &html);
        let evs = extractor().article_events(&article);
        assert_eq!(evs.len(), 1, "{html}");
        assert_eq!(
            evs[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-10-03")
        );
    }
}

#[test]
fn a_day_whose_clause_tells_the_violence_is_finer_than_the_week() {
    // Friday 4 October 2024 in the address: «الثلاثاء» is 1 October; the week before
    // publication is dated 27 September, precision 2.
    let dated = |body: &str| {
        let text = format!("URL: https://news.example.net/2024/10/04/week\n\n{body}\n");
        let evs = page_events(&text);
        assert_eq!(evs.len(), 1, "{body}");
        (
            evs[0].date.map(|d| d.to_string()).unwrap_or_default(),
            evs[0].time_precision,
        )
    };
    for body in [
        "خلال الأسبوع الماضي، هاجمت خلايا التنظيم حاجزاً قرب مدينة السخنة يوم الثلاثاء، وقتل \
         عنصران.",
        "وفي الشهر الجاري، قتل عنصران من قوات النظام بهجوم على حاجز قرب مدينة السخنة الثلاثاء \
         الماضي.",
        "تصاعدت الهجمات خلال الأسبوع الجاري، إذ انفجر لغم بسيارة للجيش قرب مدينة السخنة \
         الثلاثاء فقتل عنصران.",
    ] {
        assert_eq!(dated(body), ("2024-10-01".to_string(), 1), "{body}");
    }
    // A weekday of a clause that tells no violence, or of another day counted from, leaves
    // the incident its week.
    for body in [
        "قتل عنصران من قوات النظام بهجوم لداعش قرب مدينة السخنة خلال الأسبوع الماضي، وزار \
         وزير الدفاع المنطقة يوم الأحد.",
        "قتل عنصران من قوات النظام بهجوم لداعش قرب مدينة السخنة خلال الأسبوع الماضي، بعد أن \
         كان وزير الدفاع قد زار المنطقة يوم الأحد.",
        "قتل عنصران من قوات النظام بهجوم لداعش قرب مدينة السخنة خلال الأسبوع الماضي وزار \
         الوزير المنطقة يوم الأحد.",
        "قتل عنصران من قوات النظام بهجوم لداعش قرب مدينة السخنة خلال الأسبوع الماضي، بعد هجوم \
         مماثل يوم الأحد.",
    ] {
        assert_eq!(dated(body), ("2024-09-27".to_string(), 2), "{body}");
    }
}

#[test]
fn a_weekday_alone_after_a_week_gone_by_is_that_weeks() {
    // Tuesday 1 October 2024 in the address: «يوم الثلاثاء» alone would be the day itself;
    // after «الأسبوع الماضي» it is the Tuesday of that week, 24 September.
    for body in [
        "خلال الأسبوع الماضي، هاجمت خلايا التنظيم حاجزاً قرب مدينة السخنة يوم الثلاثاء، وقتل \
         عنصران.",
        "شهدت البادية الأسبوع الماضي تصعيداً، إذ انفجر لغم بسيارة للجيش قرب مدينة السخنة \
         الثلاثاء فقتل عنصران.",
    ] {
        let text = format!("URL: https://news.example.net/2024/10/01/week\n\n{body}\n");
        let evs = page_events(&text);
        assert_eq!(evs.len(), 1, "{body}");
        assert_eq!(
            evs[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-09-24"),
            "{body}"
        );
        assert_eq!(evs[0].time_precision, 1, "{body}");
    }
}

#[test]
fn a_day_and_month_with_a_slash_after_a_day_word_are_a_date() {
    // Thursday 3 October 2024 in the address: the latest such day on or before it.
    for (body, date) in [
        (
            "شنت قوات الأمن حملة مداهمات في مدينة الميادين يوم 28/9 واعتقلت خمسة أشخاص.",
            "2024-09-28",
        ),
        (
            "قتل عنصران من قسد بهجوم على حاجز قرب مدينة الميادين الأربعاء ٢/١٠.",
            "2024-10-02",
        ),
        (
            "قتل راعيان بانفجار لغم أرضي قرب مدينة السخنة يوم 15/12.",
            "2023-12-15",
        ),
        // A fraction after no day word is no date: the publication day stays.
        (
            "قتل عنصران بهجوم قرب مدينة السخنة، وأصيب 3/4 من أفراد الدورية.",
            "2024-10-03",
        ),
    ] {
        let text = format!("URL: https://news.example.net/2024/10/03/slash\n\n{body}\n");
        let evs = page_events(&text);
        assert_eq!(evs.len(), 1, "{body}");
        assert_eq!(
            evs[0].date.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{body}"
        );
    }
}

#[test]
fn a_foiled_attack_is_an_incident_only_when_fought() {
    // Stopped before it struck, with no fighting and no one killed or hurt: nothing happened.
    for text in [
        "أحبطت قوات الجيش محاولة تسلل لخلايا داعش نحو نقاطها قرب مدينة السخنة.",
        "أحبطت وحدات الجيش العربي السوري فجر اليوم محاولة تسلل لمجموعة إرهابية قرب مدينة تدمر.",
        "أفشلت قوات الأمن هجوماً كانت تخطط له خلايا التنظيم على حاجز قرب مدينة الميادين.",
    ] {
        assert!(events_of(text).is_empty(), "{text}");
    }
    // Fought off: an armed clash. An attack itself foiled, no attempt or plan, was fought off
    // too.
    for text in [
        "وتمكنت قواتنا من إحباط هجوم لخلايا داعش على نقاط عسكرية قرب مدينة السخنة.",
        "أحبطت قوات الجيش محاولة تسلل لداعش نحو نقاطها قرب مدينة السخنة بعد اشتباك مع المتسللين.",
        "أحبطت قوات الجيش هجوماً لخلايا داعش على نقاطها قرب مدينة تدمر، واندلعت اشتباكات بين \
         الطرفين.",
        "أفشلت قوات الجيش هجوماً لخلايا داعش قرب مدينة السخنة وقتلت ثلاثة من المهاجمين.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Armed clash", "{text}");
    }
    // A bomb stopped before it went off: Disrupted weapons use; one that went off is still the
    // explosion.
    for text in [
        "فككت وحدات الهندسة عبوة ناسفة مزروعة على الطريق قرب مدينة الميادين.",
        "أحبطت قوات الأمن محاولة تفجير سيارة مفخخة عند مدخل مدينة الميادين.",
        "ضبطت دورية للأمن الداخلي عبوة ناسفة معدة للتفجير قرب مدينة البوكمال.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Disrupted weapons use", "{text}");
        assert_eq!(e.event_type.as_str(), "Strategic developments", "{text}");
    }
    let e = one_event("قتل عنصر من الهندسة بانفجار لغم أثناء تفكيكه قرب مدينة السخنة.");
    assert_eq!(e.sub_event_type.as_str(), "Remote explosive/landmine/IED");
    let e = one_event("أصيب عنصران أثناء محاولة تفكيك عبوة ناسفة قرب مدينة الميادين.");
    assert_eq!(e.sub_event_type.as_str(), "Remote explosive/landmine/IED");
}

#[test]
fn the_week_or_month_after_an_opener_alone_is_this_one() {
    // Friday 4 October 2024 in the address.
    let dated = |body: &str| {
        let text = format!("URL: https://news.example.net/2024/10/04/start\n\n{body}\n");
        let evs = page_events(&text);
        assert_eq!(evs.len(), 1, "{body}");
        (
            evs[0].date.map(|d| d.to_string()).unwrap_or_default(),
            evs[0].time_precision,
        )
    };
    for (body, date, precision) in [
        (
            "قتل خمسة عناصر من الدفاع الوطني مطلع الأسبوع بهجوم لخلايا داعش قرب مدينة معدان.",
            "2024-10-04",
            2,
        ),
        (
            "داهمت دورية لقسد منزلاً في بلدة الشحيل مطلع الأسبوع واعتقلت شابين.",
            "2024-10-04",
            2,
        ),
        (
            "هاجمت خلايا التنظيم هذا الأسبوع حاجزاً قرب مدينة السخنة وقتلت عنصرين.",
            "2024-10-04",
            2,
        ),
        (
            "قتل راعيان بانفجار لغم أرضي قرب مدينة السخنة في مطلع الشهر.",
            "2024-10-01",
            3,
        ),
        // A week to come dates nothing: the publication day stays.
        (
            "قتل عنصران بهجوم قرب مدينة السخنة، ويزور الوزير المنطقة مطلع الأسبوع المقبل.",
            "2024-10-04",
            1,
        ),
    ] {
        assert_eq!(dated(body), (date.to_string(), precision), "{body}");
    }
}

#[test]
fn the_date_of_a_telling_is_not_the_incidents() {
    // Saturday 30 August 2025 in the address; the incident was on the Friday.
    for body in [
        "ونقلت قناة محلية، على موقعها الإلكتروني، اليوم السبت، عن مصادر أن لغماً انفجر أمس \
         الجمعة بسيارة قرب مدينة السخنة ما أدى إلى مقتل ثلاثة مدنيين.",
        "وقال المرصد في بيان صدر اليوم إن مسلحين هاجموا مساء الجمعة حاجزاً قرب مدينة السخنة \
         وقتلوا ثلاثة عناصر.",
        "وأفادت مصادر محلية اليوم السبت بأن ثلاثة عناصر قتلوا بهجوم قرب مدينة السخنة أمس.",
    ] {
        let text = format!("URL: https://news.example.net/2025/08/30/mine\n\n{body}\n");
        let evs = page_events(&text);
        assert_eq!(evs.len(), 1, "{text}");
        assert_eq!(
            evs[0].date.map(|d| d.to_string()).as_deref(),
            Some("2025-08-29"),
            "{body}"
        );
        assert_eq!(evs[0].fatalities, 3, "{body}");
    }
}

#[test]
fn a_weekday_tells_the_year_only_when_one_year_fits() {
    let dated = |body: &str| {
        let text = format!("URL: https://news.example.net/?p=34379\n\n{body}\n");
        let evs = page_events(&text);
        assert_eq!(evs.len(), 1, "{text}");
        (
            evs[0].date.map(|d| d.to_string()),
            evs[0].date_source.map(|s| s.as_str()),
        )
    };
    // Monday 19 August 2024; no Monday 19 August in 2025–2029.
    for body in [
        "اقتحم مسلحون فجر اليوم الاثنين 19 آب/ أغسطس نقطة عسكرية قرب مدينة السخنة وقتلوا \
         أربعة عناصر. وتأتي الهجمات ضمن حملة يشنها التنظيم منذ بداية عام 2024.",
        "قتل أربعة عناصر بهجوم على نقطة عسكرية قرب مدينة السخنة يوم الاثنين 19 أغسطس. وهو \
         الهجوم العاشر خلال العام 2024.",
    ] {
        assert_eq!(
            dated(body),
            (Some("2024-08-19".to_string()), Some("weekday_year")),
            "{body}"
        );
    }
    for body in [
        // Wednesday 6 March in 2019 and again in 2024.
        "قتل عنصران بهجوم قرب مدينة السخنة يوم الأربعاء 6 مارس/آذار. وتتكرر الهجمات منذ عام 2019.",
        // No weekday named with the day.
        "قتل عنصران بهجوم قرب مدينة السخنة في 7 آب/أغسطس. وتتكرر الهجمات منذ بداية عام 2024.",
        // No year written at all.
        "قتل عنصران بهجوم قرب مدينة السخنة فجر اليوم الاثنين 19 آب.",
    ] {
        assert_eq!(dated(body), (None, None), "{body}");
    }
}

#[test]
fn an_addresss_figures_are_no_page_date() {
    let text = "![](https://news.example.net/wp-content/uploads/2023/04/9-24.jpg)\n\
                قتل ستة مدنيين بانفجار لغم أرضي قرب مدينة السخنة أثناء بحثهم عن الكمأة.\n";
    let article = badia::ingest::from_text("row", "row.txt", text);
    assert_eq!(article.published, None);
    let evs = extractor().article_events(&article);
    assert_eq!(evs.len(), 1, "{text}");
    assert_eq!(evs[0].date, None);
}

#[test]
fn a_recalled_incident_takes_no_date_of_the_page() {
    for recall in [
        "وكان التنظيم قد قتل ثلاثة عناصر بهجوم على حاجز قرب مدينة معدان.",
        "وسبق أن قتل ثلاثة عناصر بانفجار لغم قرب مدينة معدان.",
        "وكانت خلايا التنظيم قد هاجمت نقطة عسكرية قرب مدينة معدان وقتلت ثلاثة عناصر.",
    ] {
        let text = format!(
            "URL: https://news.example.net/2024/10/04/mine\n\n\
             قتل عنصران من قوات النظام بانفجار لغم أرضي قرب مدينة السخنة أمس الخميس. {recall}\n"
        );
        let evs = page_events(&text);
        assert_eq!(evs.len(), 2, "{text}\n{:#?}", summary(&evs));
        assert_eq!(
            evs[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-10-03")
        );
        assert_eq!(evs[1].date, None, "{recall}");
        // Its own date still dates it.
        let dated = recall.replace("قرب مدينة معدان", "قرب مدينة معدان في 7 آب");
        let text = format!("URL: https://news.example.net/2024/10/04/mine\n\n{dated}\n");
        let evs = page_events(&text);
        assert_eq!(evs.len(), 1, "{text}");
        assert_eq!(
            evs[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-08-07")
        );
    }
}

// ----------------------------------------------------------------------------------------------
// 10. One-line and unusual reports: source attributions that are no victims, a verb's object
// counted, a support cue before the attack noun, a week before publication, an abduction told
// after «بعد أن».

#[test]
fn a_killed_reporter_or_activist_is_counted() {
    for (text, dead) in [
        ("قتل مراسل قناة محلية بانفجار لغم قرب مدينة السخنة.", 1),
        (
            "مقتل ناشط إعلامي بهجوم لمسلحين مجهولين قرب مدينة الميادين.",
            1,
        ),
        ("قتل ناشطان إعلاميان بقصف مدفعي على مدينة الميادين.", 2),
        (
            "قتل مراسلان لوكالة أنباء بانفجار عبوة ناسفة قرب مدينة الميادين.",
            2,
        ),
        ("وقتل 3 ناشطين بقصف جوي على مدينة الميادين.", 3),
        (
            "لقي مراسل حربي مصرعه بهجوم لخلايا التنظيم قرب مدينة السخنة.",
            1,
        ),
        ("أصيب مراسل ومصور بانفجار لغم قرب مدينة السخنة.", 0),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, dead, "{text}");
    }
    let e = one_event("أصيب مراسلان بانفجار لغم قرب مدينة السخنة.");
    assert_eq!(e.injured, Some(2));
}

#[test]
fn a_source_is_no_victim() {
    // «بحسب ناشطين», «وفق ناشطين», «قال ناشطون», «أفاد مراسل»: who tells, not who died.
    for (text, dead) in [
        ("قتل عنصر بهجوم قرب مدينة السخنة بحسب ناشطين.", 1),
        (
            "قتل عنصران بانفجار لغم قرب مدينة السخنة، وفق ناشطين محليين.",
            2,
        ),
        ("قال ناشطون إن خمسة عناصر قتلوا بهجوم قرب مدينة السخنة.", 5),
        (
            "أفاد مراسل الشبكة بمقتل ثلاثة جنود بهجوم قرب مدينة السخنة.",
            3,
        ),
        ("وأفاد ناشطان بمقتل جندي بانفجار لغم قرب مدينة السخنة.", 1),
        ("أفاد مراسلنا بسقوط قتلى بهجوم قرب مدينة السخنة.", 0),
        ("وذكر ناشطون أن هجوماً استهدف حاجزاً قرب مدينة السخنة.", 0),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, dead, "{text}");
    }
}

#[test]
fn a_verbs_object_is_counted() {
    // The subject is in the verb («وقتلوا», «وقتلت», «أعدم»), the accusative noun after it
    // is whom it killed.
    for (text, dead) in [
        ("هاجم مسلحون حاجزاً قرب مدينة السخنة وقتلوا جندياً.", 1),
        ("هاجمت خلايا التنظيم حاجزاً قرب مدينة السخنة وقتلت عنصراً.", 1),
        ("هاجم مسلحون حاجزاً قرب مدينة السخنة فقتلوا ثلاثة منهم.", 3),
        ("هاجم مسلحون حاجزاً قرب مدينة السخنة وقتلوا جنديين.", 2),
        ("هاجم مسلحون حاجزاً قرب مدينة السخنة وقتلوا 4 جنود.", 4),
        (
            "اقتحم مسلحون منزلاً قرب مدينة السخنة واغتالوا طبيباً وشاباً.",
            2,
        ),
        (
            "هاجم مسلحون حاجزاً قرب مدينة السخنة وقتلوا جندياً وأصابوا آخر.",
            1,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, dead, "{text}");
    }
    let e = one_event("هاجم مسلحون حاجزاً قرب مدينة السخنة وأصابوا جندياً.");
    assert_eq!((e.fatalities, e.injured), (0, Some(1)));
    // Abducted: coded by the abduction rules (a ground attack told with it still decides),
    // no one killed.
    for text in [
        "اعترض مسلحون مجهولون قطيعاً قرب مدينة السخنة واختطفوا راعياً.",
        "اعترض مسلحون سيارة قرب مدينة السخنة واختطفوا سائقاً.",
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, 0, "{text}");
        assert_eq!(
            e.sub_event_type.as_str(),
            "Abduction/forced disappearance",
            "{text}"
        );
    }
}

#[test]
fn a_support_cue_before_the_attack_noun_leaves_the_attack() {
    // The aircraft or allies named as support are no act of their own: the attack after them
    // is the incident, a battle.
    for text in [
        "شنت قوات النظام بمساندة روسية هجوماً على مواقع داعش قرب السخنة.",
        "شنت قوات النظام بدعم جوي روسي هجوماً على مواقع التنظيم في بادية السخنة.",
        "شنت قوات النظام، بمساندة الميليشيات الإيرانية، هجوماً على مواقع التنظيم في بادية السخنة.",
        "نفذت قوات النظام بإسناد من الطيران الروسي هجوماً على مواقع التنظيم في بادية السخنة.",
        "شنت قوات النظام بإسناد جوي روسي هجوماً على مواقع التنظيم في بادية السخنة.",
        "شنت قوات النظام تحت غطاء من الطيران الروسي هجوماً على مواقع التنظيم قرب السخنة.",
        "شنت قوات النظام بمؤازرة الطيران الروسي هجوماً على مواقع التنظيم قرب السخنة.",
        "بدأت قوات النظام بتغطية من الطيران الحربي الروسي هجوماً على مواقع التنظيم قرب السخنة.",
        "وشنت قوات النظام وسط مساندة من الطيران الروسي هجمات على مواقع التنظيم قرب السخنة.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Armed clash", "{text}");
        assert!(
            distance_km(e.coords[0], SUKHNAH_TOWN) < 40.0,
            "{text}: at {}",
            e.location
        );
    }
    // Strikes told as the act are still strikes.
    let e = one_event("شن الطيران الروسي غارات جوية على مواقع التنظيم قرب السخنة.");
    assert_eq!(e.sub_event_type.as_str(), "Air/drone strike");
}

#[test]
fn a_week_before_now_is_the_week_before_publication() {
    for (body, date, precision) in [
        (
            "قتل عنصران بانفجار لغم قرب مدينة السخنة قبل أسبوع من الآن.",
            "2024-03-03",
            2,
        ),
        (
            "وأصيب ثلاثة رعاة بانفجار لغم قرب مدينة السخنة قبل أسبوعين من اليوم.",
            "2024-02-25",
            2,
        ),
        (
            "هاجم مسلحون حاجزاً قرب مدينة السخنة منذ أسبوع وقتلوا 4 جنود.",
            "2024-03-03",
            2,
        ),
        (
            "قتل 4 جنود بهجوم على حاجز قرب مدينة السخنة منذ أسبوع.",
            "2024-03-03",
            2,
        ),
        (
            "قتل عنصران بانفجار لغم قرب مدينة السخنة قبل يومين من الآن.",
            "2024-03-08",
            1,
        ),
        (
            "قتل عنصران بانفجار لغم قرب مدينة السخنة قبل نحو أسبوع من الآن.",
            "2024-03-03",
            2,
        ),
        (
            "اشتبكت قوات النظام مع خلايا التنظيم قرب مدينة السخنة قبل قرابة أسبوعين.",
            "2024-02-25",
            2,
        ),
        // Counted from another day: not dated by it.
        (
            "قتل عنصران بانفجار لغم قرب مدينة السخنة قبل أسبوع من زيارة الوفد.",
            "2024-03-10",
            1,
        ),
    ] {
        let text = format!("DATE: 2024-03-10\n\n{body}\n");
        let evs = page_events(&text);
        assert_eq!(evs.len(), 1, "{body}");
        assert_eq!(
            (
                evs[0].date.map(|d| d.to_string()).as_deref(),
                evs[0].time_precision
            ),
            (Some(date), precision),
            "{body}"
        );
    }
}

#[test]
fn an_abduction_told_after_the_victims_state_is_the_incident() {
    // The main clause tells the victims' state (missing, held); «بعد أن» + the abduction is
    // how they came to it, the incident itself, not an earlier one.
    for text in [
        "لا يزال ثلاثة رعاة مفقودين قرب مدينة السخنة بعد أن خطفهم مسلحون مجهولون.",
        "لا يزال ثلاثة رعاة مفقودين بعد أن خطفهم مسلحون مجهولون قرب مدينة السخنة.",
        "ولا يزال مصير خمسة عمال مجهولاً بعد أن اختطفهم عناصر التنظيم في بادية السخنة.",
        "ولا يزال راعيان محتجزين لدى التنظيم بعد أن اختطفهم عناصره قرب مدينة السخنة.",
        "وما زال 4 سائقين مختطفين منذ أن اعترضهم مسلحون واقتادوهم إلى جهة مجهولة قرب مدينة السخنة.",
    ] {
        let e = one_event(text);
        assert_eq!(
            e.sub_event_type.as_str(),
            "Abduction/forced disappearance",
            "{text}"
        );
        assert_eq!(e.fatalities, 0, "{text}");
    }
    // A new incident told after «بعد أن» with no state of the victims before it stays an
    // earlier incident: the sentence's own is the one it tells first.
    let e = one_event("قتل عنصر بانفجار لغم قرب مدينة السخنة بعد أن خطف مسلحون ثلاثة رعاة.");
    assert_eq!(e.sub_event_type.as_str(), "Remote explosive/landmine/IED");
}

// ----------------------------------------------------------------------------------------------
// 11. Reports of outlets the tuning never saw: deaths told by other verbs than «قتل» (state
// media's «استشهد», «ارتقى», an assassination), counts told the way other outlets write them.

#[test]
fn other_verbs_of_death_tell_an_incident() {
    for (text, dead) in [
        ("استشهد جندي بنيران مسلحين قرب مدينة السخنة.", 1),
        ("واستشهد ثلاثة عسكريين قرب مدينة السخنة.", 3),
        ("استشهد 3 عسكريين قرب مدينة السخنة.", 3),
        ("استشهدت امرأتان قرب مدينة السخنة.", 2),
        ("وقالت مصادر إن شخصاً استشهد قرب مدينة السخنة.", 1),
        ("ارتقى عنصران من الجيش قرب مدينة السخنة.", 2),
        ("ارتقت طفلة قرب مدينة السخنة.", 1),
        ("اغتال مسلحون مجهولون عنصراً في قسد قرب مدينة السخنة.", 1),
        ("واغتالت خلايا التنظيم شاباً قرب مدينة السخنة.", 1),
        ("اغتيل قيادي في الدفاع الوطني قرب مدينة السخنة.", 1),
        ("اغتيال شاب قرب مدينة السخنة.", 1),
        ("سقوط قتيلين من قوات النظام قرب مدينة السخنة.", 2),
        ("وسقط شهيدان قرب مدينة السخنة.", 2),
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0,
            "{text}: at {}",
            e.location
        );
        assert_eq!(e.fatalities, dead, "{text}");
    }
    // Assassinations named as a habit of a place are no incident.
    assert!(events_of("وتشهد المنطقة عمليات اغتيال متكررة قرب مدينة السخنة.").is_empty());
}

#[test]
fn persons_joined_to_a_counted_group_are_counted() {
    for (text, dead) in [
        ("قتل طفلان وامرأة بانفجار لغم قرب مدينة السخنة.", 3),
        ("مقتل طفلين وامرأة بانفجار لغم قرب مدينة السخنة.", 3),
        ("ومقتل ثلاثة أطفال وامرأة بانفجار لغم قرب مدينة السخنة.", 4),
        ("قتل 3 أطفال وامرأة ورجل بانفجار لغم قرب مدينة السخنة.", 5),
        ("لقي عنصران وضابط مصرعهم بهجوم قرب مدينة السخنة.", 3),
        ("قتل خمسة عناصر وقيادي بهجوم قرب مدينة السخنة.", 6),
        ("قتل أربعة جنود وطفلان بقصف قرب مدينة السخنة.", 6),
        // The same group counted once: «وامرأة» is no second clause.
        ("قتلت امرأة وطفلين بانفجار لغم قرب مدينة السخنة.", 3),
        // A second casualty word starts another count.
        ("قتل ثلاثة عناصر وأصيب طفل بانفجار لغم قرب مدينة السخنة.", 3),
    ] {
        assert_eq!(one_event(text).fatalities, dead, "{text}");
    }
}

#[test]
fn two_written_after_its_plural_counts_it() {
    for (text, dead, hurt) in [
        (
            "أدى الهجوم قرب مدينة السخنة لاستشهاد مقاتلين اثنين.",
            2,
            None,
        ),
        (
            "أسفر الهجوم قرب مدينة السخنة عن مقتل عسكريين اثنين.",
            2,
            None,
        ),
        ("قتل مدنيين اثنين بهجوم قرب مدينة السخنة.", 2, None),
        ("وأصيب مسلحين اثنين بهجوم قرب مدينة السخنة.", 0, Some(2)),
        ("قتل جنديين اثنين بهجوم قرب مدينة السخنة.", 2, None),
        ("قتل عنصران اثنان بهجوم قرب مدينة السخنة.", 2, None),
        // A plural with no number stays unknown.
        (
            "أسفر الهجوم قرب مدينة السخنة عن مقتل مقاتلين من قسد.",
            0,
            None,
        ),
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (dead, hurt), "{text}");
    }
}

#[test]
fn two_more_hurt_are_counted() {
    for (text, dead, hurt) in [
        ("قتل عنصر وأصيب آخران بانفجار عبوة قرب مدينة السخنة.", 1, 2),
        ("قتل عنصر بانفجار عبوة قرب مدينة السخنة، وجرح آخران.", 1, 2),
        (
            "قتلت امرأة وأصيبت أخريان بانفجار لغم قرب مدينة السخنة.",
            1,
            2,
        ),
        ("أصيب مدني وجرح آخران بقصف قرب مدينة السخنة.", 0, 3),
        (
            "قتل 3 عناصر وأصيب اثنان آخران بهجوم قرب مدينة السخنة.",
            3,
            2,
        ),
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (dead, Some(hurt)), "{text}");
    }
}

#[test]
fn the_owner_of_a_struck_depot_base_or_vehicle_is_the_target() {
    // «مستودع», «معسكر», «قاعدة», «شاحنة», «عربة» + ل: whose it is was struck, not who struck.
    const IRGC: &str = "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps";
    const SDF: &str = "SDF: Syrian Democratic Forces";
    const ISIS: &str = "Islamic State (Syria)";
    const RUSSIA: &str = "Military Forces of Russia (2000-)";
    for (text, by, target) in [
        (
            "استهدفت طائرة مسيرة مستودعاً للحرس الثوري قرب مدينة البوكمال.",
            None,
            IRGC,
        ),
        (
            "غارات مجهولة تستهدف مستودعات للحرس الثوري قرب مدينة البوكمال.",
            None,
            IRGC,
        ),
        (
            "وقصفت طائرات مجهولة مخزناً للحرس الثوري قرب مدينة البوكمال.",
            None,
            IRGC,
        ),
        (
            "قصف الطيران الروسي معسكرات لداعش قرب مدينة السخنة.",
            Some(RUSSIA),
            ISIS,
        ),
        (
            "قصفت طائرات مجهولة قاعدة للحرس الثوري قرب مدينة البوكمال.",
            None,
            IRGC,
        ),
        ("استهدف مسلحون شاحنة لقسد قرب مدينة السخنة.", None, SDF),
        ("انفجرت عبوة ناسفة بعربة لقسد قرب مدينة السخنة.", None, SDF),
        (
            "هاجم مسلحون عربات عسكرية تابعة لقسد قرب مدينة السخنة.",
            None,
            SDF,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(
            (e.actor1.as_deref(), e.actor2.as_deref()),
            (by, Some(target)),
            "{text}"
        );
    }
}

#[test]
fn the_allegiance_a_charge_names_is_no_party() {
    // «بتهمة الانتماء لداعش», «متهمين بالتعامل مع قسد»: what someone is charged with, not who
    // acted: an arrest by the authorities stays an arrest, an execution a killing of a civilian.
    const ISIS: &str = "Islamic State (Syria)";
    for text in [
        "اعتقلت قوات الأمن شخصين بتهمة الانتماء لخلايا داعش في بلدة الشحيل.",
        "ألقت دورية أمنية القبض على ثلاثة أشخاص بتهمة الانتماء إلى تنظيم الدولة قرب الميادين.",
        "اعتقلت الأسايش ثلاثة شبان متهمين بالانتماء لتنظيم الدولة في بلدة الشحيل.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.to_string(), "Arrests", "{text}");
        assert_ne!(e.actor1.as_deref(), Some(ISIS), "{text}");
        assert_ne!(e.actor2.as_deref(), Some(ISIS), "{text}");
    }
    for text in [
        "أعدم تنظيم داعش شاباً بتهمة التعامل مع قوات النظام في بادية الميادين.",
        "اعتقل تنظيم داعش ثلاثة رعاة بتهمة التعامل مع قسد قرب بلدة ذيبان.",
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(ISIS), "{text}");
        assert_eq!(e.actor2.as_deref(), Some("Civilians (Syria)"), "{text}");
    }
    // Suspicion of who attacked names the attacker.
    let e = one_event("هاجم مسلحون يشتبه بأنهم من تنظيم داعش حاجزاً لقوات النظام قرب السخنة.");
    assert_eq!(e.actor1.as_deref(), Some(ISIS));
}

#[test]
fn armed_men_behind_a_preposition_are_the_attackers_not_an_object() {
    // «بهجوم لمسلحين مجهولين»: whose attack it was, not two armed men killed by the side
    // named before.
    const UNKNOWN: &str = "Unidentified Armed Group (Syria)";
    for (text, hit) in [
        (
            "قتل عنصر من قسد بهجوم لمسلحين مجهولين في مدينة الحسكة.",
            "SDF: Syrian Democratic Forces",
        ),
        (
            "قتل عنصر من قوات النظام بهجوم لمسلحين مجهولين قرب السخنة.",
            "Military Forces of Syria (2000-2024)",
        ),
        (
            "أصيب عنصران من الأسايش برصاص مسلحين مجهولين في مدينة الحسكة.",
            "SDF: Syrian Democratic Forces",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(
            (e.actor1.as_deref(), e.actor2.as_deref()),
            (Some(UNKNOWN), Some(hit)),
            "{text}"
        );
    }
}

#[test]
fn a_side_counted_before_its_death_is_the_one_hit() {
    // The count and its side before the verb («إن عنصرين من قوات النظام قتلا», «ثلاثة عناصر
    // من قسد لقوا حتفهم»): the side was hit, as when the count follows the verb.
    const SYRIA: &str = "Military Forces of Syria (2000-2024)";
    const SDF: &str = "SDF: Syrian Democratic Forces";
    for (text, side) in [
        (
            "قال المرصد إن عنصرين من قوات النظام قتلا بانفجار لغم قرب مدينة السخنة.",
            SYRIA,
        ),
        (
            "عنصران من قوات النظام قتلا بانفجار لغم قرب مدينة السخنة.",
            SYRIA,
        ),
        (
            "أفادت مصادر بأن ثلاثة عناصر من قوات النظام لقوا حتفهم بانفجار لغم قرب مدينة السخنة.",
            SYRIA,
        ),
        (
            "قال المرصد إن 4 عناصر من قسد أصيبوا بانفجار لغم قرب مدينة السخنة.",
            SDF,
        ),
        (
            "قتل عنصران من قوات النظام بانفجار لغم قرب مدينة السخنة.",
            SYRIA,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor2.as_deref(), Some(side), "{text}");
        assert_eq!(e.actor1, None, "{text}");
    }
    // Fighters counted of a side who attack are still the attackers.
    let e = one_event("قال المرصد إن عناصر من داعش هاجموا حاجزاً قرب مدينة السخنة وقتلوا جنديين.");
    assert_eq!(e.actor1.as_deref(), Some("Islamic State (Syria)"));
}

#[test]
fn sides_named_by_their_fighters_or_leaders() {
    const ISIS: &str = "Islamic State (Syria)";
    const IRAN: &str = "Pro-Iranian Militia (Syria)";
    // The attacker named by its gunmen, members or remnants after «بهجوم ل», also when an
    // injured count stands between the dead and the attack.
    for text in [
        "قتل جنديان وأصيب ثلاثة آخرون بهجوم لمسلحي داعش على حاجز قرب مدينة السخنة.",
        "أفاد مراسلنا بمقتل جنديين وإصابة ثلاثة آخرين بهجوم لمسلحي داعش قرب مدينة السخنة.",
        "قتل جنديان وأصيب ثلاثة آخرون بهجوم لعناصر داعش على حاجز قرب مدينة السخنة.",
        "قتل جنديان وأصيب ثلاثة آخرون في هجوم لفلول داعش على حاجز قرب مدينة السخنة.",
        "قتل جنديان وأصيب ثلاثة آخرون بهجوم لمقاتلي التنظيم على حاجز قرب مدينة السخنة.",
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(ISIS), "{text}");
    }
    // Leaders of a side, the definite and indefinite Iranian militias: the side struck.
    for (text, side) in [
        (
            "استهدفت غارة مجهولة قياديين في ميليشيات إيرانية قرب مدينة البوكمال.",
            IRAN,
        ),
        (
            "استهدفت غارة مجهولة قياديين في الميليشيات الإيرانية قرب مدينة البوكمال.",
            IRAN,
        ),
        (
            "قتل عنصران من ميليشيات إيرانية بغارة قرب مدينة البوكمال.",
            IRAN,
        ),
        (
            "استهدفت غارة أمريكية قيادياً في داعش قرب مدينة البوكمال.",
            ISIS,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor2.as_deref(), Some(side), "{text}");
        assert_ne!(e.actor1.as_deref(), Some(side), "{text}");
    }
}

#[test]
fn civilians_named_in_every_number_and_case_are_civilians() {
    // A civilian victim in the nominative dual (state media's «استشهد مدنيان»), a woman or
    // a boy, men and hunters counted in the dual or plural, indefinite truffle hunters, the
    // workers, a village headman: each is a civilian, and the singular nouns count one.
    for (text, dead) in [
        (
            "استشهد مدنيان بانفجار لغم من مخلفات الإرهابيين قرب مدينة السخنة.",
            2,
        ),
        ("قتل مدنيان برصاص مسلحين مجهولين قرب مدينة السخنة.", 2),
        ("قتلت سيدة بانفجار لغم قرب مدينة السخنة.", 1),
        (
            "لقي فتى حتفه بانفجار قنبلة من مخلفات الحرب قرب مدينة السخنة.",
            1,
        ),
        ("قتل رجلان برصاص مسلحين مجهولين قرب مدينة السخنة.", 2),
        ("قتل ثلاثة صيادين بانفجار لغم قرب مدينة السخنة.", 3),
        ("قتل صيادان بانفجار لغم قرب مدينة السخنة.", 2),
        ("قتل أربعة من جامعي كمأة بانفجار لغم قرب مدينة السخنة.", 4),
        ("قتل ثلاثة من العمال بانفجار لغم قرب مدينة السخنة.", 3),
        ("اغتال مسلحون مجهولون مختاراً قرب مدينة السخنة.", 1),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor2.as_deref(), Some("Civilians (Syria)"), "{text}");
        assert_eq!(e.fatalities, dead, "{text}");
    }
    // An assassinated headman is violence against civilians, not a battle.
    let e = one_event("اغتال مجهولون مختاراً قرب مدينة السخنة بإطلاق النار عليه.");
    assert_eq!(e.event_type.as_str(), "Violence against civilians");
    // Soldiers "serving in" a unit (عاملان، عاملين) are no workers.
    let e = one_event("قتل عنصران عاملان في الفرقة الرابعة بهجوم لداعش قرب مدينة السخنة.");
    assert_ne!(e.actor2.as_deref(), Some("Civilians (Syria)"));
}

#[test]
fn civilians_coalition_and_foreign_forces_as_other_outlets_name_them() {
    const CIVILIANS: &str = "Civilians (Syria)";
    const COALITION: &str = "Operation Inherent Resolve";
    const RUSSIA: &str = "Military Forces of Russia (2000-)";
    const ISIS: &str = "Islamic State (Syria)";
    // A civilian victim named in the singular, the dual or the feminine.
    for text in [
        "قتل مواطن برصاص مسلحين مجهولين قرب مدينة السخنة.",
        "قتل المواطن برصاص مسلحين مجهولين قرب مدينة السخنة.",
        "قتل مواطنان برصاص مسلحين مجهولين قرب مدينة السخنة.",
        "قتلت طفلة بانفجار لغم قرب مدينة السخنة.",
        "ولقيت امرأتان حتفهما بانفجار لغم قرب مدينة السخنة.",
        "أصيبت فتاة بانفجار لغم قرب مدينة السخنة.",
        "قتل مزارع بانفجار لغم قرب مدينة السخنة.",
    ] {
        let e = one_event(text);
        assert_eq!(e.actor2.as_deref(), Some(CIVILIANS), "{text}");
    }
    let e = one_event("قتل مواطن برصاص مسلحين مجهولين قرب مدينة السخنة.");
    assert_eq!(e.event_type.as_str(), "Violence against civilians");
    // The coalition's aircraft and forces without «الدولي», the United States by its
    // masculine adjective, Russia's ministry.
    for (text, by, target) in [
        (
            "قصفت طائرات التحالف معسكراً لداعش قرب مدينة السخنة.",
            COALITION,
            Some(ISIS),
        ),
        (
            "استهدفت طائرة مسيرة تابعة للتحالف سيارة لداعش قرب مدينة السخنة.",
            COALITION,
            Some(ISIS),
        ),
        (
            "وشنت مقاتلات التحالف غارات على مواقع لداعش قرب مدينة السخنة.",
            COALITION,
            Some(ISIS),
        ),
        (
            "نفذت قوات التحالف إنزالاً جوياً واشتبكت مع خلايا داعش قرب مدينة السخنة.",
            COALITION,
            Some(ISIS),
        ),
        (
            "قصف الطيران الأميركي مواقع لداعش قرب مدينة السخنة.",
            COALITION,
            Some(ISIS),
        ),
        (
            "وأعلنت وزارة الدفاع الروسية أن طائراتها قصفت مواقع لداعش قرب مدينة السخنة.",
            RUSSIA,
            Some(ISIS),
        ),
    ] {
        let e = one_event(text);
        assert_eq!(
            (e.actor1.as_deref(), e.actor2.as_deref()),
            (Some(by), target),
            "{text}"
        );
    }
    // «مطار التحالف» is a place, no actor.
    let e = one_event("قتل 3 عناصر من قسد بانفجار لغم قرب مطار التحالف.");
    assert_ne!(e.actor1.as_deref(), Some(COALITION));
    assert_ne!(e.actor2.as_deref(), Some(COALITION));
}

#[test]
fn putting_an_end_to_fighters_is_killing_them() {
    // State and Russian-aligned media: «القضاء على 6 إرهابيين» (eliminated).
    for (text, dead) in [
        (
            "تمكنت وحدات الجيش من القضاء على 6 إرهابيين خلال تصديها لهجوم قرب مدينة السخنة.",
            6,
        ),
        (
            "وأعلنت وزارة الدفاع الروسية القضاء على عشرين مسلحاً بغارات قرب مدينة السخنة.",
            20,
        ),
        (
            "نصب الجيش كميناً قضى على خمسة من عناصر التنظيم قرب مدينة السخنة.",
            5,
        ),
        (
            "هاجمت وحدات الجيش مواقع التنظيم قرب مدينة السخنة وقضت على ثلاثة إرهابيين.",
            3,
        ),
        (
            "شن الطيران الحربي غارات قرب مدينة السخنة أسفرت عن القضاء على إرهابيين اثنين.",
            2,
        ),
    ] {
        assert_eq!(one_event(text).fatalities, dead, "{text}");
    }
    // No count, or no «على» right after: none.
    let e = one_event("تمكن الجيش من القضاء على عدد من الإرهابيين بهجوم قرب مدينة السخنة.");
    assert!(e.fatalities_unknown);
    assert!(events_of("قضت المحكمة على 3 متهمين بالسجن في مدينة السخنة.").is_empty());
}

#[test]
fn an_aggression_named_by_state_media_is_an_air_strike() {
    const COALITION: &str = "Operation Inherent Resolve";
    const ISRAEL: &str = "Military Forces of Israel (2022-)";
    for (text, by, dead) in [
        (
            "استشهد عنصران في عدوان أمريكي استهدف موقعاً قرب مدينة الميادين.",
            Some(COALITION),
            2,
        ),
        (
            "العدوان الأمريكي على مواقع قرب مدينة الميادين يوقع 3 شهداء.",
            Some(COALITION),
            3,
        ),
        (
            "وأدى العدوان الإسرائيلي على مدينة الميادين إلى استشهاد مدنيين اثنين.",
            Some(ISRAEL),
            2,
        ),
        (
            "ارتقى شهيدان في عدوان جوي إسرائيلي قرب مدينة الميادين.",
            Some(ISRAEL),
            2,
        ),
        (
            "واستشهد ثلاثة مدنيين في عدوان صهيوني على مدينة الميادين.",
            Some(ISRAEL),
            3,
        ),
        ("أصيب عسكري في عدوان جوي قرب مدينة الميادين.", None, 0),
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Air/drone strike", "{text}");
        assert_eq!(e.actor1.as_deref(), by, "{text}");
        assert_eq!(e.fatalities, dead, "{text}");
        assert!(distance_km(e.coords[0], MAYADIN) < 5.0, "{text}");
    }
    // Condemned, not told: no incident.
    assert!(events_of("ندد وزير الخارجية بالعدوان الأمريكي على سوريا.").is_empty());
}

#[test]
fn a_victims_kinsman_named_after_him_is_counted() {
    for (text, dead, hurt) in [
        ("قتل رجل وابنه بانفجار لغم قرب مدينة السخنة.", 2, None),
        ("قتل راع وشقيقه بانفجار لغم قرب مدينة السخنة.", 2, None),
        ("ومقتل شاب ووالده برصاص مسلحين قرب مدينة السخنة.", 2, None),
        ("قتل مسلحون شاباً ونجله قرب مدينة السخنة.", 2, None),
        ("قتلت امرأة وابنتها بانفجار لغم قرب مدينة السخنة.", 2, None),
        (
            "قتل مواطن وأصيبت زوجته برصاص مسلحين قرب مدينة السخنة.",
            1,
            Some(1),
        ),
        ("أصيب طفل ووالدته بانفجار لغم قرب مدينة السخنة.", 0, Some(2)),
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (dead, hurt), "{text}");
    }
}

#[test]
fn a_date_after_a_verb_of_killing_is_no_object() {
    // «وكان ثلاثة عناصر … قد قتلوا في 3 حزيران»: the day's figure before a month is when, not
    // whom the verb killed, so the group counted before the verb is its toll.
    for (text, killed) in [
        (
            "وكان ثلاثة عناصر من قوات النظام قد قتلوا في 3 حزيران بهجوم لداعش قرب السخنة.",
            3,
        ),
        (
            "وكان عنصران من قوات النظام قد قتلا في 12 آب بهجوم لداعش قرب السخنة.",
            2,
        ),
        ("خمسة رعاة قتلوا في 20 آذار بانفجار لغم في بادية تدمر.", 5),
        (
            "وكان أربعة عناصر من الدفاع الوطني قد قتلوا يوم 7 أيار بكمين للتنظيم قرب أثريا.",
            4,
        ),
    ] {
        assert_eq!(one_event(text).fatalities, killed, "{text}");
    }
    // A figure of people after the verb is still its object: the group before did the killing.
    assert_eq!(
        one_event("3 عناصر من داعش قتلوا 4 جنود قرب السخنة.").fatalities,
        4
    );
}

#[test]
fn armed_men_of_a_group_before_kill_and_an_object_are_its_subject() {
    // «قتل مسلحون من داعش ثلاثة رعاة»: the men before the group's name are the subject of an
    // active «قتل», since a passive «قُتل» takes no object after them.
    for (text, killed) in [
        (
            "قتل مسلحون من تنظيم داعش اليوم ثلاثة رعاة أغنام في بادية تدمر.",
            3,
        ),
        ("قتل مسلحو التنظيم راعياً في بادية السخنة أمس.", 1),
        ("قتل عناصر من خلايا داعش خمسة مدنيين قرب أثريا.", 5),
        ("قتل مسلحون مجهولون ثلاثة رعاة قرب السخنة.", 3),
        ("قتل عناصر من تنظيم الدولة 4 مدنيين في بادية الميادين.", 4),
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Attack", "{text}");
        assert_eq!(e.actor2.as_deref(), Some("Civilians (Syria)"), "{text}");
        assert!(e.actor1.is_some(), "{text}");
        assert_eq!(e.fatalities, killed, "{text}");
    }
    // With no object the verb is passive: the group's men were killed.
    for text in [
        "قتل مسلحون من تنظيم داعش في بادية تدمر.",
        "قتل ثلاثة عناصر من داعش في اشتباكات مع قوات النظام قرب السخنة.",
    ] {
        let e = one_event(text);
        assert_eq!(e.actor2.as_deref(), Some("Islamic State (Syria)"), "{text}");
    }
}

#[test]
fn a_verbs_object_after_the_time_of_day_is_counted() {
    for (text, dead) in [
        ("قتل مسلحون مجهولون فجر اليوم راعياً قرب مدينة السخنة.", 1),
        (
            "اغتال مجهولون، مساء أمس الاثنين، عنصراً في قسد قرب مدينة السخنة.",
            1,
        ),
        ("وأعدم التنظيم يوم الجمعة الماضي شاباً قرب مدينة السخنة.", 1),
        (
            "قتل مسلحون مجهولون أمس الأحد طفلاً وامرأة قرب مدينة السخنة.",
            2,
        ),
        ("وقتل عناصر التنظيم صباح اليوم مدنياً قرب مدينة السخنة.", 1),
    ] {
        assert_eq!(one_event(text).fatalities, dead, "{text}");
    }
    // A long subject is still no place for an object.
    let e = one_event("قتل عناصر التنظيم المتمركزين في البادية شاباً قرب مدينة السخنة.");
    assert!(e.fatalities_unknown);
}

#[test]
fn every_form_of_the_verb_to_kill_tells_an_incident() {
    // «قتلت», «قتلوا», «قتلا», «جرحت» as well as «قتل», «جرح»: the feminine, plural and dual
    // verbs alone, no manner named.
    for (text, dead, hurt) in [
        ("قتلت امرأة برصاص مجهولين قرب مدينة السخنة.", 1, None),
        (
            "وقتلت خلايا التنظيم صباح اليوم مدنياً قرب مدينة السخنة.",
            1,
            None,
        ),
        ("قتلوا ثلاثة رعاة قرب مدينة السخنة.", 3, None),
        ("وقتلا قرب مدينة السخنة.", 0, None),
        ("قتلت طفلتان قرب مدينة السخنة.", 2, None),
        ("وجرحت امرأة قرب مدينة السخنة.", 0, Some(1)),
        ("جرحوا 4 عناصر قرب مدينة السخنة.", 0, Some(4)),
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (dead, hurt), "{text}");
        assert!(distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0, "{text}");
    }
}

#[test]
fn strikes_named_by_their_state_are_air_strikes() {
    // «ضربات إسرائيلية», «بضربة أمريكية», «الضربات الروسية», «ضربتان إسرائيليتان»: strikes
    // named by the state that made them, as «عدوان أمريكي» is, are air strikes, not battles.
    for text in [
        "استهدفت ضربات إسرائيلية مواقع للحرس الثوري قرب مدينة البوكمال.",
        "قتل 5 عناصر من الميليشيات الإيرانية بضربة إسرائيلية قرب مدينة البوكمال.",
        "أسفرت الضربات الإسرائيلية قرب مدينة البوكمال عن مقتل 7 مقاتلين.",
        "قتل 3 عناصر بضربة أمريكية استهدفت سيارة قرب مدينة البوكمال.",
        "قتل 4 عناصر من داعش بالضربات الروسية قرب مدينة البوكمال.",
        "طالت ضربتان إسرائيليتان مستودعات أسلحة قرب مدينة البوكمال.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Air/drone strike", "{text}");
    }
}

#[test]
fn an_explosive_laden_drone_is_a_drone_strike() {
    // «مفخخة» and «انتحارية» after a drone, in the singular, the dual and the plural, make a
    // drone strike; a car bomb and a suicide bomber stay what they were.
    for text in [
        "سقطت طائرة مسيرة مفخخة على مقر لقوات النظام قرب مدينة السخنة.",
        "استهدفت مسيرات مفخخة موقعاً لقوات النظام قرب مدينة السخنة.",
        "هاجمت مسيرتان انتحاريتان موقعاً لقوات النظام قرب مدينة السخنة.",
        "قتل عنصران بهجوم بطائرة مسيرة مفخخة على حاجز قرب مدينة السخنة.",
        "تعرض موقع لقوات النظام قرب مدينة السخنة لهجوم بطائرتين مسيرتين مفخختين.",
        "استهدفت طائرات انتحارية موقعاً لقوات النظام قرب مدينة السخنة.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Air/drone strike", "{text}");
    }
    for (text, sub) in [
        (
            "انفجرت سيارة مفخخة قرب حاجز لقوات النظام قرب مدينة السخنة.",
            "Remote explosive/landmine/IED",
        ),
        (
            "فجر انتحاري نفسه بحزام ناسف قرب حاجز قرب مدينة السخنة.",
            "Suicide bomb",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), sub, "{text}");
    }
}

#[test]
fn victims_in_a_toll_are_the_dead() {
    // «ضحايا» in a running total or after a figure counts the dead, with a figure or a number
    // word; «دون وقوع ضحايا» still denies harm.
    for (text, dead) in [
        ("ارتفع عدد ضحايا انفجار اللغم قرب مدينة السخنة إلى ستة أشخاص.", 6),
        ("ارتفع عدد ضحايا انفجار اللغم قرب مدينة السخنة إلى 6 أشخاص.", 6),
        (
            "ارتفعت حصيلة ضحايا الهجوم على الحافلة قرب مدينة السخنة إلى 12 بعد وفاة اثنين من الجرحى.",
            12,
        ),
        ("ارتفع عدد ضحايا الهجوم قرب مدينة السخنة إلى اثني عشر عسكرياً.", 12),
        ("أسفر انفجار اللغم عن سقوط 5 ضحايا قرب مدينة السخنة.", 5),
        ("انفجر لغم قرب مدينة السخنة دون وقوع ضحايا.", 0),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, dead, "{text}");
    }
}

#[test]
fn a_driver_or_companion_with_a_pronoun_is_one_person() {
    // «مرافقه», «سائقها», «راكبها»: one person each, named by the person or vehicle before.
    for (text, dead, hurt) in [
        (
            "قتل سائق شاحنة وأصيب مرافقه بانفجار لغم قرب مدينة السخنة.",
            1,
            Some(1),
        ),
        (
            "قتل سائق الشاحنة ومرافقه بانفجار لغم قرب مدينة السخنة.",
            2,
            None,
        ),
        ("قتل ضابط ومرافقه بكمين قرب مدينة السخنة.", 2, None),
        (
            "هاجم مسلحون مجهولون سيارة قرب مدينة السخنة وقتلوا سائقها.",
            1,
            None,
        ),
        (
            "انفجر لغم بسيارة قرب مدينة السخنة ما أدى إلى مقتل سائقها وإصابة مرافقه.",
            1,
            Some(1),
        ),
        (
            "انفجر لغم بدراجة نارية قرب مدينة السخنة ما أدى إلى مقتل راكبها.",
            1,
            None,
        ),
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (dead, hurt), "{text}");
    }
}

#[test]
fn died_told_by_qada_counts_the_dead() {
    // «قضى» («passed away») with its subject after it, as civilians' deaths are told; «قضى
    // على» (put an end to) still counts those it ended, and days spent count no one.
    for (text, dead) in [
        ("قضى مدنيان جراء انفجار لغم أرضي قرب مدينة السخنة.", 2),
        (
            "وقضى أربعة أشخاص بانفجار لغم من مخلفات الحرب قرب مدينة السخنة.",
            4,
        ),
        ("قضت امرأة وطفلها بانفجار لغم قرب مدينة السخنة.", 2),
        ("قضى ثلاثة رعاة بانفجار لغم قرب مدينة السخنة.", 3),
        ("قضى شاب بانفجار لغم قرب مدينة السخنة.", 1),
        (
            "نصب الجيش كميناً قضى على خمسة من عناصر التنظيم قرب مدينة السخنة.",
            5,
        ),
        (
            "قضى العنصر ثلاثة أيام في الأسر قبل مقتله برصاص خاطفيه قرب مدينة السخنة.",
            1,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, dead, "{text}");
    }
}

#[test]
fn where_the_shooters_stand_is_not_where_they_hit() {
    // «المتمركزين», «المنتشرون», «المتحصنين» …: where men stand, as «المتمركزة» is where a
    // unit stands; the place after the place they stand in is where they struck.
    const MAHIN: [f64; 2] = [37.05843, 34.24168];
    for text in [
        "أصيب سبعة مدنيين جراء إطلاق الإرهابيين المتمركزين في منطقة التنف قذائف على بلدة مهين.",
        "أصيب سبعة مواطنين بقذائف أطلقها الإرهابيون المنتشرون في منطقة التنف على بلدة مهين.",
        "وأصيب 7 مدنيين بقصف المسلحين الموجودين في منطقة التنف على بلدة مهين.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], MAHIN) < 5.0,
            "{text}: at {}",
            e.location
        );
        assert_eq!(e.injured, Some(7), "{text}");
    }
    let e = one_event("قصف عناصر التنظيم المتحصنين في جبل البشري مدينة السخنة بالقذائف.");
    assert!(
        distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0,
        "at {}",
        e.location
    );
    // «البادية» with the article is in construct with no name: the village after it is.
    for text in [
        "هاجم عناصر التنظيم المنتشرين في البادية قرية الكوم شمال السخنة.",
        "هاجم عناصر التنظيم في البادية قرية الكوم شمال السخنة.",
    ] {
        let e = one_event(text);
        assert_eq!(e.location_text, "قرية الكوم", "{text}");
    }
}

#[test]
fn a_verb_of_injury_after_counted_dead_opens_its_own_count() {
    // «قتلى» pairs with another casualty noun («قتلى وجرحى»: one figure for both), not with
    // the verb of a clause that has its own figure.
    for (text, dead, hurt) in [
        ("سقط 3 قتلى وأصيب 5 آخرون بانفجار لغم قرب تدمر.", 3, Some(5)),
        (
            "سقط ثلاثة قتلى وأصيب خمسة أشخاص بهجوم قرب السخنة.",
            3,
            Some(5),
        ),
        (
            "أسفر انفجار عبوة قرب الرصافة عن سقوط 4 قتلى وإصابة 6 آخرين.",
            4,
            Some(6),
        ),
        ("سقط قتيلان وجرح ثلاثة مدنيين بقصف قرب الميادين.", 2, Some(3)),
        (
            "سقط 7 قتلى وجرح عشرة في هجوم على حاجز قرب أثريا.",
            7,
            Some(10),
        ),
        // One figure for both: a combined count, no dead of its own.
        ("سقط 8 قتلى وجرحى بانفجار لغم قرب تدمر.", 0, None),
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (dead, hurt), "{text}");
    }
}

#[test]
fn a_side_counted_before_a_verb_with_its_own_object_did_the_deed() {
    // «عناصر من داعش قتلوا جندياً»: the verb has an object, so the side counted before it
    // acted; without one («عنصرين من قوات النظام قتلا بانفجار لغم») it was hit.
    const SYRIA: &str = "Military Forces of Syria (2000-2024)";
    const ISIS: &str = "Islamic State (Syria)";
    const SDF: &str = "SDF: Syrian Democratic Forces";
    for (text, actor1, actor2) in [
        (
            "قال المرصد إن عناصر من داعش قتلوا جنديا قرب تدمر.",
            ISIS,
            SYRIA,
        ),
        (
            "أكدت مصادر أن مقاتلين من قسد أصابوا عنصرين من داعش باشتباك قرب الشحيل.",
            SDF,
            ISIS,
        ),
        (
            "قالت مصادر إن ثلاثة عناصر من قوات النظام قتلوا مسلحا من داعش قرب تدمر.",
            SYRIA,
            ISIS,
        ),
        (
            "أفادت مصادر بأن مسلحين من داعش قتلوا ثلاثة رعاة قرب السخنة.",
            ISIS,
            "Civilians (Syria)",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(
            (e.actor1.as_deref(), e.actor2.as_deref()),
            (Some(actor1), Some(actor2)),
            "{text}"
        );
    }
}

#[test]
fn the_workers_party_is_no_civilians() {
    // «حزب العمال الكردستاني» is the PKK, not the workers.
    let e = one_event("قصفت مسيرة تركية مواقع لحزب العمال الكردستاني في ريف الحسكة.");
    let all = [&e.actor1, &e.actor2, &e.assoc_actor_1, &e.assoc_actor_2];
    assert!(
        all.iter()
            .all(|a| !a.as_deref().unwrap_or("").contains("Civilians")),
        "{all:?}"
    );
    assert_eq!(e.actor2.as_deref(), Some("PKK: Kurdistan Workers Party"));
}

#[test]
fn victims_between_dead_and_wounded_count_both() {
    // «6 ضحايا بين قتيل وجريح»: the figure counts the dead and the wounded together, so the
    // dead alone are unknown.
    for text in [
        "أسفر انفجار لغم في بادية السخنة عن سقوط 6 ضحايا بين قتيل وجريح.",
        "خلف هجوم داعش على حافلة قرب تدمر عشرة ضحايا بين قتلى وجرحى.",
        "أسفر انفجار لغم قرب الرصافة عن سقوط 7 إصابات بين قتيل وجريح.",
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (0, None), "{text}");
    }
}

// ----------------------------------------------------------------------------------------------
// 12. Wordings of other outlets, read wrong before: a casualty noun for one standing alone, the
// object of a group's verb of killing, a construct plural of fighters, the government's forces
// named by the government, a same-name place away from the Badia, a bearing from a town.

#[test]
fn a_casualty_noun_for_one_counts_one() {
    // «سقط قتيل», «قتيل و3 جرحى»: the singular noun without a figure is one of its kind.
    for (text, dead, hurt) in [
        (
            "سقط قتيل وأصيب 3 آخرون بانفجار لغم في بادية السخنة.",
            1,
            Some(3),
        ),
        (
            "قتيل و4 جرحى بانفجار عبوة ناسفة قرب مدينة الميادين.",
            1,
            Some(4),
        ),
        (
            "سقط قتيلان وجريح بهجوم لخلايا التنظيم على حاجز قرب الرصافة.",
            2,
            Some(1),
        ),
        (
            "أسفر انفجار لغم قرب تدمر عن سقوط قتيل وجريح من الرعاة.",
            1,
            Some(1),
        ),
        ("سقط شهيد وجريحان بقصف مدفعي على بلدة السخنة.", 1, Some(2)),
        (
            "قتل عنصر بانفجار لغم قرب تدمر وسقط قتيل آخر بهجوم على حاجز قريب.",
            2,
            None,
        ),
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (dead, hurt), "{text}");
    }
    // A denial of any, and the idiom of a figure for both, count none.
    for text in [
        "انفجر لغم بسيارة عسكرية قرب تدمر دون سقوط أي قتيل.",
        "لم يسقط أي قتيل بقصف الطيران على بادية السخنة.",
        "سقط 12 عنصراً بين قتيل وجريح في كمين لخلايا التنظيم قرب الميادين.",
    ] {
        let e = one_event(text);
        assert_eq!((e.fatalities, e.injured), (0, None), "{text}");
    }
}

#[test]
fn a_group_that_killed_a_count_of_people_among_others_is_actor1() {
    // «قتل تنظيم داعش 6 من جامعي الكمأة»: an active verb, the group as its subject, and a
    // count with «من» as its object.
    for (text, victims) in [
        (
            "قتل تنظيم داعش 6 من جامعي الكمأة في بادية تدمر.",
            "Civilians (Syria)",
        ),
        (
            "قتل تنظيم الدولة خمسة من الرعاة قرب مدينة السخنة.",
            "Civilians (Syria)",
        ),
        (
            "قتل مسلحو التنظيم ثلاثة من جامعي الكمأ قرب الرصافة.",
            "Civilians (Syria)",
        ),
        (
            "قتلت خلايا داعش أربعة من عناصر قوات النظام قرب مدينة الميادين.",
            "Military Forces of Syria (2000-2024)",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some("Islamic State (Syria)"), "{text}");
        assert_eq!(e.actor2.as_deref(), Some(victims), "{text}");
        if victims.starts_with("Civilians") {
            assert_eq!(
                e.event_type.as_str(),
                "Violence against civilians",
                "{text}"
            );
        }
    }
}

#[test]
fn an_attack_of_one_side_on_another_in_a_whole_region_is_an_incident() {
    // Both sides named: what one did to the other, not the background of its activity.
    for text in [
        "هاجم مسلحو التنظيم موقعاً لقوات النظام في ريف دير الزور الغربي.",
        "وهاجمت خلايا داعش حاجزاً لقوات النظام في ريف حمص الشرقي.",
        "استهدف عناصر التنظيم نقطة عسكرية لقسد في ريف الرقة الشرقي.",
        "شن مسلحو داعش هجوماً على رتل لقوات النظام في بادية دير الزور.",
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some("Islamic State (Syria)"), "{text}");
        assert!(e.actor2.is_some(), "{text}");
    }
    // A habit, in the imperfect or with «من حين لآخر», stays background.
    for text in [
        "يشن تنظيم داعش هجمات على قوات النظام في ريف حمص الشرقي.",
        "ويهاجم التنظيم مواقع قوات النظام في ريف حمص الشرقي.",
        "تشن خلايا التنظيم هجمات على مواقع قسد في ريف دير الزور من حين لآخر.",
        "هاجمت خلايا التنظيم مواقع لقسد في ريف الرقة بين حين وآخر.",
    ] {
        let evs = events_of(text);
        assert!(evs.is_empty(), "{text}\n{:#?}", summary(&evs));
    }
}

#[test]
fn the_governments_men_named_by_the_government_are_its_forces() {
    for text in [
        "قتل ثلاثة عناصر من الحكومة السورية بهجوم لخلايا داعش في بادية الميادين.",
        "قتل عنصران من الحكومة بانفجار لغم قرب مدينة السخنة.",
        "هاجمت خلايا داعش عناصر الحكومة السورية قرب السخنة وقتلت اثنين منهم.",
        "أصيب جندي من الحكومة السورية بانفجار لغم قرب تدمر.",
    ] {
        let e = one_event(text);
        assert_eq!(
            e.actor2.as_deref(),
            Some("Military Forces of Syria (2000-2024)"),
            "{text}"
        );
    }
    // The government that speaks, is the source or blames is no party.
    for text in [
        "أعلنت الحكومة السورية أن خلايا داعش قتلت ثلاثة رعاة قرب السخنة.",
        "قتل راعيان برصاص مسلحين مجهولين في بادية الرصافة، بحسب مصادر في الحكومة السورية.",
        "اتهمت الحكومة السورية خلايا داعش بقتل خمسة من جامعي الكمأة في بادية تدمر.",
    ] {
        let e = one_event(text);
        assert_eq!(e.actor2.as_deref(), Some("Civilians (Syria)"), "{text}");
        assert_ne!(
            e.actor1.as_deref(),
            Some("Military Forces of Syria (2000-2024)"),
            "{text}"
        );
    }
}

#[test]
fn a_short_name_prefers_its_place_in_the_badia() {
    // «الكوم» names a village near al-Sukhnah and one in Latakia: with nothing else to tell
    // them apart, the Badia's, as for longer names.
    for text in [
        "خطف تنظيم الدولة عشرة من الباحثين عن الكمأة في منطقة الكوم.",
        "قتل راعيان بانفجار لغم قرب قرية الكوم.",
        "هاجمت خلايا التنظيم حاجزاً لقوات النظام في محيط الكوم وقتلت عنصرين.",
    ] {
        let e = one_event(text);
        assert_eq!(
            (e.location.as_str(), e.admin1.as_str()),
            ("Al Kawm", "Homs"),
            "{text}"
        );
    }
}

#[test]
fn a_bearing_from_a_town_picks_the_same_name_place_lying_that_way() {
    // «حميمة جنوب شرقي تدمر»: the desert site south-east of Palmyra, not the village of the
    // same name west of Homs.
    for text in [
        "قتل 4 جنود أمس بانفجار لغم في بادية حميمة جنوب شرقي تدمر.",
        "قتل 4 جنود بانفجار لغم في منطقة حميمة شرق تدمر.",
        "هاجمت خلايا التنظيم نقطة لقوات النظام في منطقة حميمة جنوب شرق مدينة تدمر وقتلت عنصرين.",
    ] {
        let e = one_event(text);
        assert_eq!(e.gazetteer_id, "badia:humaymah", "{text}");
        assert!(
            e.location_reasons.iter().any(|r| r.starts_with("lies ")),
            "{text}: {:?}",
            e.location_reasons
        );
    }
}

#[test]
fn soldiers_named_with_their_nationality_and_state_media_deaths_are_the_side_hit() {
    for (text, hit) in [
        (
            "قتل جنديان روسيان وأصيب ثلاثة آخرون بانفجار عبوة ناسفة قرب تدمر.",
            "Military Forces of Russia (2000-)",
        ),
        (
            "قتل جندي روسي بانفجار لغم قرب مدينة السخنة.",
            "Military Forces of Russia (2000-)",
        ),
        (
            "أصيب عسكريان روسيان بهجوم لداعش قرب مدينة السخنة.",
            "Military Forces of Russia (2000-)",
        ),
        (
            "استشهد اثنان من المستشارين الإيرانيين بهجوم على قافلة قرب البوكمال.",
            "Military Forces of Iran (1989-)",
        ),
        (
            "استشهد أربعة عسكريين بانفجار عبوة ناسفة بحافلة قرب تدمر.",
            "Military Forces of Syria (2000-2024)",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor2.as_deref(), Some(hit), "{text}");
        assert_ne!(e.actor1.as_deref(), Some(hit), "{text}");
    }
}

#[test]
fn the_teller_of_what_another_did_is_no_attacker() {
    // «قال/أعلن/ذكر X إن/أن Y …»: the subject of the clause told is who acted; the teller is a
    // source. With «أنها»/«أن قواتها» the teller itself acted.
    const ISIS: &str = "Islamic State (Syria)";
    for (text, actor1, actor2) in [
        (
            "قالت وزارة الدفاع إن تنظيم داعش قتل ثلاثة رعاة في بادية الرصافة أمس.",
            ISIS,
            "Civilians (Syria)",
        ),
        (
            "أعلنت قسد في بيان لها أن خلايا داعش قتلت اثنين من جامعي الكمأة قرب الشولا.",
            ISIS,
            "Civilians (Syria)",
        ),
        (
            "وذكرت القوات الروسية أن مسلحين من داعش قتلوا 4 مدنيين قرب أثريا.",
            ISIS,
            "Civilians (Syria)",
        ),
        (
            "أفاد الجيش السوري بأن عناصر من التنظيم هاجموا حاجزاً له قرب السخنة.",
            ISIS,
            "Military Forces of Syria (2000-2024)",
        ),
        (
            "أعلنت قسد أنها قتلت ثلاثة من عناصر داعش في بادية الشعفة.",
            "SDF: Syrian Democratic Forces",
            ISIS,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(actor1), "{text}");
        assert_eq!(e.actor2.as_deref(), Some(actor2), "{text}");
    }
}

#[test]
fn putting_an_end_to_a_count_of_fighters_kills_them() {
    // «قضى/قضت/القضاء على N»: killed, also with a force as the subject between the verb and
    // «على»; not a court's sentence, an aim, nor the defeat of a group named whole.
    for (text, killed) in [
        (
            "قضت الطائرات الحربية الروسية على 15 إرهابياً من داعش في بادية السخنة.",
            15,
        ),
        ("قضت وحدات من الجيش على سبعة إرهابيين قرب مدينة تدمر.", 7),
        (
            "قضى الطيران الحربي على 11 مسلحاً من التنظيم في بادية الرصافة.",
            11,
        ),
        ("وتم القضاء على 9 إرهابيين من داعش في بادية تدمر.", 9),
        (
            "قضت قوات الجيش على مجموعة من خلايا داعش وقتلت 4 منهم قرب أثريا.",
            4,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, killed, "{text}");
        assert_ne!(e.actor2.as_deref(), Some("Civilians (Syria)"), "{text}");
    }
    for text in [
        "قضت المحكمة على خمسة متهمين بالسجن في مدينة دير الزور.",
        "تهدف الحملة إلى القضاء على خلايا التنظيم في بادية تدمر.",
        "وقال الوزير إن الجيش قضى على داعش في البادية.",
    ] {
        assert!(events_of(text).is_empty(), "{text}");
    }
}

#[test]
fn the_army_named_bare_is_syrias() {
    // «وحدات من الجيش», «مدفعية الجيش», «تشكيلات من الجيش»: Syrian outlets name their army
    // bare; a foreign army keeps its adjective.
    const SYRIA: &str = "Military Forces of Syria (2000-2024)";
    for (text, actor1) in [
        (
            "هاجمت وحدات من الجيش نقاطاً لخلايا داعش في بادية السخنة وقتلت خمسة منهم.",
            SYRIA,
        ),
        ("قصفت مدفعية الجيش مواقع للتنظيم قرب مدينة تدمر.", SYRIA),
        (
            "استهدفت تشكيلات من الجيش العربي السوري تجمعات لداعش في بادية الرصافة.",
            SYRIA,
        ),
        (
            "دمرت وحدات الجيش مقرات للتنظيم بقصف مدفعي قرب أثريا.",
            SYRIA,
        ),
        (
            "قصف الجيش العراقي مواقع لداعش قرب الحدود في بادية البوكمال.",
            "Military Forces of Iraq (2022-)",
        ),
        (
            "استهدف الجيش الإسرائيلي بغارة جوية موقعاً قرب البوكمال.",
            "Military Forces of Israel (2022-)",
        ),
    ] {
        let evs = events_of(text);
        assert!(!evs.is_empty(), "{text}");
        let e = &evs[0];
        // An undated text is read in the era before December 2024.
        assert_eq!(e.actor1.as_deref(), Some(actor1), "{text}");
        if actor1 == SYRIA {
            assert_eq!(e.actor2.as_deref(), Some("Islamic State (Syria)"), "{text}");
        }
    }
}

#[test]
fn two_air_forces_named_together_are_actor1_and_its_associate() {
    // «الطيران الحربي السوري والروسي», «الطائرات السورية والروسية»: the air force named first
    // is actor1, the other on its side an associate.
    const SYRIA: &str = "Military Forces of Syria (2000-2024)";
    const RUSSIA: &str = "Military Forces of Russia (2000-)";
    for text in [
        "نفذ الطيران الحربي السوري والروسي غارات على مواقع لداعش في بادية السخنة.",
        "شنت الطائرات الحربية السورية والروسية أكثر من 20 غارة على مقرات التنظيم في جبل البشري.",
        "استهدف الطيران السوري والروسي تجمعات لخلايا داعش قرب أثريا.",
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(SYRIA), "{text}");
        assert_eq!(e.assoc_actor_1.as_deref(), Some(RUSSIA), "{text}");
        assert_eq!(e.actor2.as_deref(), Some("Islamic State (Syria)"), "{text}");
    }
}

#[test]
fn passengers_and_field_workers_are_civilians() {
    // «راكب/راكبان/ركاب»: a bus's passengers; «العاملين في حقل/شركة», «عاملين»: workers.
    for (text, killed) in [
        ("قتل راكبان بانفجار لغم بحافلة على طريق الرصافة.", 2),
        (
            "قتل ثلاثة ركاب بانفجار عبوة ناسفة بحافلة نقل قرب مدينة تدمر.",
            3,
        ),
        ("لقي راكب حتفه بانفجار لغم بسيارة في بادية السخنة.", 1),
        ("قتل 3 من العاملين في حقل الشاعر بهجوم لخلايا داعش.", 3),
        (
            "قتل خمسة من العاملين في شركة نفط بهجوم لمسلحين على حافلتهم قرب السخنة.",
            5,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, killed, "{text}");
        assert_eq!(e.actor2.as_deref(), Some("Civilians (Syria)"), "{text}");
        if text.contains("بهجوم") {
            assert_eq!(e.sub_event_type.as_str(), "Attack", "{text}");
        }
    }
}

#[test]
fn a_victim_after_a_clause_of_how_the_killers_came_is_counted() {
    // «اغتال/قتل/خطف مسلحون يستقلون دراجة نارية شاباً»: the clause of how the subject came
    // stands between the verb's subject and its object.
    for (text, killed) in [
        (
            "اغتال مسلحون مجهولون يستقلون دراجة نارية شاباً في بلدة الشحيل.",
            1,
        ),
        ("قتل مسلحان يستقلان سيارة مدنياً قرب مدينة الميادين.", 1),
        ("اغتال ملثمون يركبون دراجة نارية مختاراً في بلدة ذيبان.", 1),
        (
            "قتل مسلحون مجهولون يستقلون سيارة بيضاء عنصراً من قسد في بلدة الصور.",
            1,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, killed, "{text}");
    }
}

#[test]
fn the_object_past_the_killers_clause_is_who_was_harmed() {
    // The clause of how the killers came has an object and adjectives of its own («يرتدون
    // زياً عسكرياً»: «عسكرياً» is the dress, not a soldier); a figure after it counts the
    // victims.
    for (text, killed) in [
        (
            "قتل مسلحون يرتدون زياً عسكرياً ثلاثة مدنيين في بادية الميادين.",
            3,
        ),
        (
            "أعدم عناصر من داعش يرتدون لباساً عسكرياً أربعة رعاة في بادية السخنة.",
            4,
        ),
        ("قتل ملثمون يرتدون زياً مدنياً شاباً في بلدة ذيبان.", 1),
        ("اغتال مسلحان يستقلان دراجة نارية شاباً في بلدة الشحيل.", 1),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, killed, "{text}");
    }
}

#[test]
fn a_dignitary_named_by_his_title_is_one_victim() {
    // The title in construct («مختار قرية», «إمام مسجد») or with the article («الشاب محمد»)
    // takes no accusative alif; after a subject that is no single person it is the object.
    // A rank or a part of the subject is not («قتل ضابطان أحدهما برتبة رائد»: two).
    for (text, killed, injured) in [
        ("اغتال مسلحون يستقلون دراجة نارية مختار قرية الطيبة.", 1, 0),
        ("اغتال مجهولون مختار بلدة الكشكية أمام منزله.", 1, 0),
        ("قتل مسلحون مجهولون إمام مسجد في بلدة ذيبان.", 1, 0),
        ("اغتال مسلحون شيخ عشيرة البكارة في بلدة الصور.", 1, 0),
        ("اغتال مجهولون أحد وجهاء بلدة الشحيل.", 1, 0),
        (
            "قتل مسلحون يستقلون دراجة نارية الشاب محمد الأحمد في بلدة الشحيل.",
            1,
            0,
        ),
        ("قتل مسلحون مجهولون رئيس المجلس المحلي في بلدة الصور.", 1, 0),
        (
            "قتل ضابطان أحدهما برتبة رائد بهجوم لداعش في بادية حمص.",
            2,
            0,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(
            (e.fatalities, e.injured),
            (killed, Some(injured).filter(|&n| n > 0)),
            "{text}"
        );
    }
}

#[test]
fn the_agent_of_an_attack_after_min_is_the_attacker() {
    // «لهجوم من خلايا داعش»: «من» after a noun of attack names who attacked, also when the
    // teller's own men are those attacked («قالت قسد إن عناصرها تعرضوا …»).
    const SDF: &str = "SDF: Syrian Democratic Forces";
    const IS: &str = "Islamic State (Syria)";
    for (text, actor2) in [
        (
            "قالت قسد إن عناصرها تعرضوا لهجوم من خلايا داعش قرب البصيرة.",
            SDF,
        ),
        (
            "تعرض مقاتلون من قسد لهجوم من عناصر داعش قرب بلدة الصور.",
            SDF,
        ),
        (
            "أفادت قسد بأن مقاتليها تعرضوا لكمين من خلايا التنظيم قرب البصيرة.",
            SDF,
        ),
        (
            "تعرضت دورية للجيش لهجوم من فلول داعش في بادية السخنة.",
            "Military Forces of Syria (2000-2024)",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(IS), "{text}");
        assert_eq!(e.actor2.as_deref(), Some(actor2), "{text}");
    }
}

#[test]
fn who_died_is_no_attacker() {
    // «قضى» without «على» is a death: the side counted after it was hit; with «على» after the
    // side, the side put an end to others.
    for (text, actor1, actor2) in [
        (
            "قضى عنصران من الجيش بانفجار لغم في بادية السخنة.",
            None,
            Some("Military Forces of Syria (2000-2024)"),
        ),
        (
            "قضى ثلاثة مقاتلين من قسد بانفجار عبوة ناسفة قرب البصيرة.",
            None,
            Some("SDF: Syrian Democratic Forces"),
        ),
        (
            "قضت وحدات من الجيش على خلية لداعش في بادية تدمر.",
            Some("Military Forces of Syria (2000-2024)"),
            Some("Islamic State (Syria)"),
        ),
    ] {
        let e = one_event(text);
        assert_eq!(
            (e.actor1.as_deref(), e.actor2.as_deref()),
            (actor1, actor2),
            "{text}"
        );
    }
}

#[test]
fn two_air_forces_by_two_adjectives_are_both_named() {
    // «الطيران الروسي والسوري»: the second adjective, joined by و, is the same kind of force
    // of its own nation; either order gives both, the first as actor1.
    const RUSSIA: &str = "Military Forces of Russia (2000-)";
    const SYRIA: &str = "Military Forces of Syria (2000-2024)";
    for (text, actor1, assoc) in [
        (
            "نفذ الطيران الروسي والسوري غارات على مواقع لداعش في بادية الرصافة.",
            RUSSIA,
            SYRIA,
        ),
        (
            "شن الطيران السوري والروسي غارات على مواقع لداعش في بادية الرصافة.",
            SYRIA,
            RUSSIA,
        ),
        (
            "استهدفت الطائرات الروسية والسورية مواقع التنظيم في بادية تدمر.",
            RUSSIA,
            SYRIA,
        ),
        (
            "نفذ الطيران الحربي الروسي والسوري ضربات على مواقع داعش في بادية السخنة.",
            RUSSIA,
            SYRIA,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(actor1), "{text}");
        assert_eq!(e.assoc_actor_1.as_deref(), Some(assoc), "{text}");
        assert_eq!(e.actor2.as_deref(), Some("Islamic State (Syria)"), "{text}");
    }
}

// ----------------------------------------------------------------------------------------------
// 13. Limits of the rules of foiling, putting an end to, and telling.

#[test]
fn a_foiled_bomb_set_off_by_commas_stays_foiled() {
    // Commas around a day or a clause about the bomb do not make the foiled bomb go off.
    for text in [
        "أحبطت قوات الأمن، اليوم الأحد، محاولة تفجير سيارة مفخخة في مدينة الميادين.",
        "فككت وحدات الهندسة في الجيش، صباح اليوم، عبوة ناسفة زرعت على طريق تدمر.",
        "فكك عناصر الهندسة عبوة ناسفة، زرعها مجهولون لاستهداف دورية للجيش قرب السخنة.",
    ] {
        let evs = events_of(text);
        assert!(
            evs.iter()
                .all(|e| e.sub_event_type.to_string() == "Disrupted weapons use"),
            "{text}\n{:#?}",
            summary(&evs)
        );
    }
    let evs = events_of("أحبطت قوات الجيش محاولة تسلل لداعش نحو نقاط في بادية دير الزور.");
    assert!(evs.is_empty(), "{:#?}", summary(&evs));
}

#[test]
fn putting_an_end_to_what_is_no_people_kills_no_one() {
    for text in [
        "قضت قوات الأمن على ظاهرة السرقة في مدينة الميادين.",
        "قضت قوات الأمن الداخلي على الفوضى في مدينة الرقة.",
        "قضت وحدات الجيش على آخر جيوب التنظيم في بادية السخنة.",
        "قضت قوات الأمن على عشرات الظواهر السلبية في مدينة الميادين.",
        "قضت قوات الأمن على ثلاث ظواهر سلبية في مدينة الميادين.",
    ] {
        let evs = events_of(text);
        assert!(
            evs.iter().all(|e| e.fatalities == 0),
            "{text}\n{:#?}",
            summary(&evs)
        );
        assert!(
            evs.iter().all(|e| e.sub_event_type.to_string() != "Attack"),
            "{text}\n{:#?}",
            summary(&evs)
        );
    }
    for (text, dead) in [
        (
            "قضت الطائرات الروسية على 20 إرهابياً من داعش في بادية تدمر.",
            20,
        ),
        ("قضت وحدات الجيش على 15 مسلحاً من داعش قرب السخنة.", 15),
        ("قضت الطائرات على 8 في بادية تدمر.", 8),
    ] {
        assert_eq!(one_event(text).fatalities, dead, "{text}");
    }
    // The casualty reader agrees: beside another incident, no one is counted.
    let e =
        one_event("قتل عنصر بهجوم لداعش قرب السخنة، وقضت قوات الجيش على عشرات الظواهر السلبية.");
    assert_eq!(e.fatalities, 1);
    // A group of people put an end to is an incident, its toll untold.
    one_event("قضت وحدات الجيش على عدد من الإرهابيين في بادية تدمر.");
}

#[test]
fn a_teller_whose_own_men_acted_is_the_actor() {
    for (text, side) in [
        (
            "قال الجيش الأمريكي إن قواته قتلت قيادياً في داعش بغارة قرب الشحيل.",
            "Operation Inherent Resolve",
        ),
        (
            "أعلنت قسد أن عناصرها اعتقلوا قيادياً في داعش في بلدة الشحيل.",
            "SDF: Syrian Democratic Forces",
        ),
        (
            "ذكرت قسد أن مقاتليها قتلوا ثلاثة من خلايا داعش قرب الشحيل.",
            "SDF: Syrian Democratic Forces",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(side), "{text}");
    }
    // Another's men: the teller is only a source.
    let e = one_event("قالت وزارة الدفاع إن تنظيم داعش قتل 5 رعاة في بادية السخنة.");
    assert_eq!(e.actor1.as_deref(), Some("Islamic State (Syria)"));
}

#[test]
fn a_well_known_desert_village_may_stand_bare() {
    // «في أثريا», «قرب الشولا» with no «قرية» and no other place near: the villages of
    // standalone_place are read bare; a common noun that spells a village is not.
    const SHULA: [f64; 2] = [39.84881, 35.18588];
    for (text, at) in [
        ("قتل راعيان بانفجار لغم في أثريا أمس.", ATHRIYA),
        ("قتل ثلاثة جنود بكمين لخلايا التنظيم قرب أثريا.", ATHRIYA),
        ("أصيب عنصران بانفجار عبوة ناسفة بدوريتهم في الشولا.", SHULA),
        (
            "قتل مدني برصاص مسلحين مجهولين بالقرب من الشولا صباح اليوم.",
            SHULA,
        ),
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], at) < 2.0,
            "{text}: at {}",
            e.location
        );
    }
    for text in [
        "قتل عامل بانفجار لغم في المحجر أمس.",
        "أصيب راع بانفجار لغم في الكسارة.",
    ] {
        assert!(
            events_of(text).is_empty(),
            "{text}: {:?}",
            summary(&events_of(text))
        );
    }
}

#[test]
fn a_dateline_gives_way_to_the_place_the_report_names() {
    // «دير الزور – خاص:» says where the report was written.
    for text in [
        "دير الزور – خاص: قتل راعيان بانفجار لغم قرب قرية أثريا بريف حماة الشرقي.",
        "دير الزور - قتل راعيان بانفجار لغم أرضي في بادية أثريا صباح اليوم.",
        "حماة — أصيب راعيان بانفجار لغم قرب أثريا شرقي السلمية.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], ATHRIYA) < 20.0,
            "{text}: at {}",
            e.location
        );
    }
    // With no other place, the dateline still places the incident.
    let e = one_event("دير الزور – قتل شاب برصاص مسلحين مجهولين صباح اليوم.");
    assert_eq!(e.location, "Deir ez-Zor", "{}", e.location);
}

#[test]
fn a_name_that_is_also_a_verb_is_the_place_after_a_preposition() {
    const HAJIN: [f64; 2] = [40.827, 34.6927];
    const DEIR_EZ_ZOR: [f64; 2] = [40.14084, 35.33588];
    // «تدمر» is also "it destroys": a verb cannot follow «في», «إلى», «داخل».
    for text in [
        "هاجم مسلحون حاجزاً لقوات الأمن في تدمر مساء أمس، ما أدى إلى مقتل عنصرين.",
        "قتل راع بانفجار لغم في تدمر صباح اليوم.",
        "أصيب ثلاثة عناصر بانفجار عبوة ناسفة داخل تدمر.",
        "انفجرت سيارة مفخخة في تدمر وأسفرت عن مقتل أربعة مدنيين.",
        "وفي تدمر، قتل عنصر من الدفاع الوطني بانفجار عبوة ناسفة.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], PALMYRA) < 5.0,
            "{text}: at {}",
            e.location
        );
    }
    // After a word of causing, «تدمر» is the noun «تدمُّر» (destruction); a convoy headed
    // «إلى/نحو تدمر» was hit where the sentence says.
    for (text, at) in [
        (
            "تسبب القصف في تدمر عدد من المنازل ومقتل طفلين في بلدة هجين.",
            HAJIN,
        ),
        (
            "قتل طفل بانفجار قذيفة في مدينة دير الزور تسببت في تدمر منزل عائلته.",
            DEIR_EZ_ZOR,
        ),
        (
            "استهدف تنظيم داعش رتلاً متجهاً إلى تدمر في بادية السخنة، وقتل أربعة عناصر.",
            SUKHNAH_TOWN,
        ),
        // Followed by the effect, it is the place again.
        (
            "تسبب انفجار لغم في تدمر بمقتل عنصرين من الدفاع الوطني.",
            PALMYRA,
        ),
        (
            "أدت الاشتباكات في تدمر إلى مقتل ثلاثة عناصر من قوات النظام.",
            PALMYRA,
        ),
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], at) < 30.0,
            "{text}: at {}",
            e.location
        );
    }
    // The verb stays a verb.
    for text in [
        "قالت مصادر إن هذه الهجمات تدمر البنية التحتية في المنطقة.",
        "وأضاف أن الألغام تدمر حياة الرعاة وتمنعهم من العمل.",
    ] {
        assert!(
            events_of(text).is_empty(),
            "{text}: {:?}",
            summary(&events_of(text))
        );
    }
}

#[test]
fn a_bare_desert_village_after_a_given_name_is_a_family_name() {
    // «أحمد الشولا» is a man, not the village: the place is the one named with «بلدة».
    let e = one_event("قال الناشط أحمد الشولا إن خلايا داعش قتلت راعيين قرب بلدة السخنة.");
    assert!(
        distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0,
        "at {}",
        e.location
    );
    // «علي» folds as «على» does: no preposition is read in a given name.
    let e = one_event("قال الناشط علي الشولا إن خلايا داعش قتلت راعيين قرب بلدة السخنة.");
    assert!(
        distance_km(e.coords[0], SUKHNAH_TOWN) < 5.0,
        "at {}",
        e.location
    );
    let e = one_event("قتل الشاب خالد الشولا برصاص مجهولين في بلدة الشحيل.");
    assert!(distance_km(e.coords[0], SHUHAYL) < 5.0, "at {}", e.location);
    // After a preposition, joined or not, the village stands bare.
    for text in [
        "قتل راعيان بانفجار لغم في أثريا أمس.",
        "أصيب عنصران بانفجار لغم بالقرب من أثريا.",
        "قتل مدنيان بقصف مدفعي طال أطراف أثريا.",
    ] {
        let e = one_event(text);
        assert!(
            distance_km(e.coords[0], ATHRIYA) < 2.0,
            "{text}: at {}",
            e.location
        );
    }
}

#[test]
fn a_young_man_of_a_party_is_the_partys() {
    // «شابان من عناصر داعش», «شاب ينتمي لقوات النظام»: the party's men, not civilians.
    for (text, actor2) in [
        (
            "قتل شابان من عناصر داعش بغارة للتحالف قرب البوكمال.",
            "Islamic State (Syria)",
        ),
        (
            "قتل شابان ينتميان لقوات النظام بهجوم لداعش قرب السخنة.",
            "Military Forces of Syria (2000-2024)",
        ),
        (
            "قتل شاب من مقاتلي قسد برصاص مجهولين في بلدة الشحيل.",
            "SDF: Syrian Democratic Forces",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor2.as_deref(), Some(actor2), "{text}");
    }
    // Family and home town are no party, nor the killer after «من قبل», «من رصاص».
    for text in [
        "قتل شاب من أبناء بلدة الشحيل بانفجار لغم قرب الباغوز.",
        "قتل شاب من قبل عناصر داعش في بادية الميادين.",
        "قتل سائق من رصاص داعش في بادية السخنة.",
        "قتل مدنيان من عائلة واحدة بقصف لقوات النظام على بلدة الشحيل.",
    ] {
        let e = one_event(text);
        assert_eq!(e.actor2.as_deref(), Some("Civilians (Syria)"), "{text}");
    }
}

#[test]
fn an_attack_foiled_was_fought_off_unless_it_was_a_plan() {
    // «أحبطت/أفشلت … هجوماً»: the attack itself was stopped, so it happened and was fought
    // off: a clash, the attacker's.
    for text in [
        "أحبطت قسد هجوماً للتنظيم على حاجز قرب بلدة البصيرة.",
        "أحبطت قوات الجيش فجر اليوم هجوماً لخلايا داعش على نقطة عسكرية قرب السخنة.",
        "أفشلت قوات الأمن هجوماً شنته خلايا التنظيم على حاجز عند مدخل الميادين.",
        "وأحبط عناصر الحاجز هجوماً لعناصر داعش قرب بلدة البصيرة.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Armed clash", "{text}");
        assert_eq!(e.actor1.as_deref(), Some("Islamic State (Syria)"), "{text}");
    }
    // An attempt, a plan or a bomb stopped: no fighting told, nothing happened (a bomb so
    // stopped is a disrupted weapons use).
    for text in [
        "أحبطت قوات الأمن محاولة تسلل لخلايا التنظيم نحو حاجز قرب تدمر.",
        "أحبطت قوات الجيش هجوماً كانت خلايا داعش تخطط له على نقاطها قرب تدمر.",
        "أفشلت قسد مخططاً لهجوم على حاجز قرب بلدة البصيرة.",
    ] {
        assert!(events_of(text).is_empty(), "{text}");
    }
    for text in [
        "أحبطت قسد هجوماً بسيارة مفخخة على حاجز قرب بلدة البصيرة.",
        "أحبطت قوات الأمن، اليوم الأحد، محاولة تفجير سيارة مفخخة في الميادين.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Disrupted weapons use", "{text}");
    }
}

#[test]
fn a_strike_named_by_a_states_adjective_was_that_states() {
    // «بقصف روسي», «في قصف أمريكي», «بقصف للطيران التركي»: after a preposition or the
    // article, «قصف» is the noun, whose adjective or agent struck, not a verb with a subject.
    for (text, actor1) in [
        (
            "قتل ثلاثة مدنيين بقصف روسي على قرية في ريف دير الزور الشرقي.",
            "Military Forces of Russia (2000-)",
        ),
        (
            "قتل مدنيان في قصف أمريكي على سيارة قرب مدينة البوكمال.",
            "Operation Inherent Resolve",
        ),
        (
            "أصيب أربعة رعاة بقصف تركي على قرية قرب عين عيسى.",
            "Military Forces of Turkey (2016-)",
        ),
        (
            "قتل شاب بغارة أردنية على سيارة في بادية السويداء الشرقية.",
            "Military Forces of Jordan (1999-)",
        ),
        (
            "قتل طفلان بقصف للطيران الروسي على قرية في ريف دير الزور.",
            "Military Forces of Russia (2000-)",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(actor1), "{text}");
    }
}

#[test]
fn the_police_of_each_side_are_named() {
    // General Security and Internal Security of the government after December 2024 are its
    // police; the SDF's Asayish by their formal name are coded with the SDF.
    for (text, actor1) in [
        (
            "اعتقلت قوى الأمن الداخلي خمسة أشخاص في مدينة الرقة.",
            "SDF: Syrian Democratic Forces",
        ),
        (
            "اعتقل عناصر من الأمن العام ثلاثة مطلوبين في مدينة الميادين.",
            "Police Forces of Syria (2024-)",
        ),
        (
            "ألقت قيادة الأمن الداخلي في دير الزور القبض على شابين في مدينة البوكمال.",
            "Police Forces of Syria (2024-)",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(actor1), "{text}");
    }
}

#[test]
fn two_air_forces_named_by_their_adjectives_are_both_read() {
    // The second adjective after «و» is the second air force, with the article or without,
    // whatever adjectives of the noun stand between.
    for text in [
        "شنت طائرات حربية روسية وسورية غارات على مواقع لداعش في بادية السخنة.",
        "نفذت طائرات روسية وسورية غارات على مقرات للتنظيم في بادية تدمر.",
        "شنت الطائرات الحربية الروسية والسورية غارات على مواقع لداعش في بادية السخنة.",
        "نفذ الطيران الروسي والسوري غارات على مواقع لداعش في بادية الرصافة.",
    ] {
        let e = one_event(text);
        assert_eq!(
            e.actor1.as_deref(),
            Some("Military Forces of Russia (2000-)"),
            "{text}"
        );
        assert_eq!(
            e.assoc_actor_1.as_deref(),
            Some("Military Forces of Syria (2000-2024)"),
            "{text}"
        );
    }
}

#[test]
fn a_clause_of_its_own_after_a_comma_is_no_longer_foiled() {
    // «أحبط … محاولة تسلل، وقصفت …»: the verb after the comma opens a clause of its own,
    // whose act happened.
    for (text, sub) in [
        (
            "أحبطت قوات الحكومة محاولة تسلل، وقصفت مدفعيتها مواقع داعش في بادية السخنة.",
            "Shelling/artillery/missile attack",
        ),
        (
            "أحبطت قوات الجيش محاولة تسلل لخلايا التنظيم، ثم شنت هجوماً على مواقعهم قرب تدمر.",
            "Armed clash",
        ),
        (
            "أفشلت قسد محاولة تسلل قرب البصيرة، واستهدفت طائرة مسيرة سيارة للمتسللين.",
            "Air/drone strike",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), sub, "{text}");
    }
    // A date or a parenthesis between commas opens no clause: what follows is still foiled.
    for text in [
        "أحبطت قوات الأمن، اليوم الأحد، محاولة تفجير سيارة مفخخة في الميادين.",
        "أحبطت قوات الأمن، السبت، محاولة تفجير عبوة ناسفة في الميادين.",
    ] {
        let e = one_event(text);
        assert_eq!(e.sub_event_type.as_str(), "Disrupted weapons use", "{text}");
    }
    for text in [
        "أحبطت قوات الجيش، وفق مصادر محلية، محاولة تسلل لخلايا داعش قرب السخنة.",
        "أحبطت قوات الجيش، بعد منتصف الليل، محاولة تسلل قرب تدمر.",
    ] {
        assert!(events_of(text).is_empty(), "{text}");
    }
}

#[test]
fn a_person_killed_with_his_companions_counts_them_all() {
    // «مع مرافقه», «وطفليه», «مع اثنين من مرافقيه»: the companions named with their pronoun
    // are killed with him.
    for (text, killed) in [
        ("قتل القيادي أبو علي مع مرافقه بهجوم في بلدة الشحيل.", 2),
        (
            "استهدف مسلحون مجهولون سيارة القيادي ما أدى لمقتله مع مرافقه قرب بلدة الشحيل.",
            2,
        ),
        ("قتل مسلحون مجهولون شاباً وطفليه في بلدة ذيبان.", 3),
        (
            "قتلت امرأة وطفلاها بقصف مدفعي على قرية في ريف دير الزور الشرقي.",
            3,
        ),
        (
            "قتل القيادي أبو علي مع اثنين من مرافقيه بهجوم في بلدة الشحيل.",
            3,
        ),
        ("قتل مسلحون مجهولون رجلاً وزوجته وطفليه في بلدة الشحيل.", 4),
        (
            "قتل قيادي في قسد مع ثلاثة من عناصره بهجوم لداعش في ريف دير الزور.",
            4,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.fatalities, killed, "{text}");
    }
}

#[test]
fn between_two_places_is_near_the_first() {
    // «بين X وY» with no road named: the incident was between them, near the first.
    for (text, place) in [
        (
            "قتل عنصران من قسد باشتباكات مع مسلحين بين درنج والكشكية.",
            "Darnaj",
        ),
        (
            "قتل عنصران من قسد باشتباكات مع مسلحين بين بلدتي درنج والكشكية.",
            "Darnaj",
        ),
        (
            "هاجم مسلحون حاجزاً لقسد بين بلدة الشعفة وبلدة الباغوز.",
            "Ash Sha`fah",
        ),
        ("قتل راعيان بانفجار لغم بين أثريا وكباجب.", "Athriya"),
    ] {
        let e = one_event(text);
        assert_eq!(e.location, place, "{text}");
        assert_eq!(e.geo_precision, 2, "{text}");
    }
    // A road named before «بين» is still the road through both.
    let e = one_event("قتل عنصران بانفجار لغم على الطريق الواصل بين مدينتي السخنة وتدمر.");
    assert!(e.coords.len() > 1, "{:?}", e.coords);
}

#[test]
fn a_second_village_after_and_leaves_the_first_standing() {
    // Two villages named side by side are the incident's places, however far apart: the first
    // stands for it (a list of towns at opposite ends of the country still sums up a front).
    for (text, place) in [
        ("قتل راعيان بانفجار لغم في أثريا وكباجب.", "Athriya"),
        (
            "أصيب ثلاثة رعاة بانفجار لغم أرضي قرب كباجب والشولا.",
            "Kabajeb",
        ),
        ("قتل راعيان بانفجار لغم في أثريا وخناصر.", "Athriya"),
        (
            "عثر على جثتي راعيين قتلا برصاص مجهولين في كباجب وأثريا.",
            "Kabajeb",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.location, place, "{text}");
    }
}

#[test]
fn a_municipality_names_its_town() {
    // «بلدية X» (a municipality: «رئيس بلدية», «مجلس بلدية», «مقر بلدية») names the town X.
    for (text, place) in [
        (
            "اغتال مسلحون مجهولون رئيس بلدية الشحيل أمام منزله.",
            "Shahil",
        ),
        ("قتل رئيس بلدية الشحيل برصاص مجهولين.", "Shahil"),
        (
            "قتل عضو في مجلس بلدية البصيرة برصاص مجهولين.",
            "Al Busayrah",
        ),
        (
            "استهدف مسلحون مقر بلدية الشعفة بقذيفة صاروخية دون وقوع إصابات.",
            "Ash Sha`fah",
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.location, place, "{text}");
    }
}

#[test]
fn a_desert_or_countryside_of_a_town_is_a_region_around_it() {
    // «بادية X», «ريف X الشرقي»: the region around the town, never the town's point at
    // precision 1, also where the gazetteer lists «بادية الرصافة» as a name of the town.
    for (text, place) in [
        (
            "هاجمت خلايا التنظيم دورية لقوات النظام في بادية الرصافة.",
            "Resafa (al-Rusafa)",
        ),
        (
            "قتل عنصران بانفجار لغم في بادية الرصافة جنوب غربي الرقة.",
            "Resafa (al-Rusafa)",
        ),
        ("قصفت قوات النظام مواقع في بادية الميادين.", "Mayadin"),
        ("قصفت قوات النظام مواقع في بادية البوكمال.", "Abu Kamal"),
        ("سقطت قذائف على قرى في ريف البوكمال الشرقي.", "Abu Kamal"),
    ] {
        let e = one_event(text);
        assert_eq!(e.location, place, "{text}");
        assert!(e.geo_precision >= 2, "{text}: {}", e.geo_precision);
    }
}

#[test]
fn armed_men_who_injured_people_attacked_them() {
    // «أصاب مسلحون … بجروح», «جرح مسلحون …»: an injuring verb with armed men as its subject
    // and people as its object is their attack, with the injured counted.
    for (text, actor1, actor2, injured) in [
        (
            "أصاب مسلحون مجهولون ثلاثة مدنيين بجروح في بلدة البصيرة شرقي دير الزور.",
            "Unidentified Armed Group (Syria)",
            "Civilians (Syria)",
            3,
        ),
        (
            "جرح مسلحون مجهولون ثلاثة مدنيين في بلدة البصيرة شرقي دير الزور.",
            "Unidentified Armed Group (Syria)",
            "Civilians (Syria)",
            3,
        ),
        (
            "أصابت خلايا داعش جنديين بجروح في بادية السخنة.",
            "Islamic State (Syria)",
            "Military Forces of Syria (2000-2024)",
            2,
        ),
        (
            "أصيب ثلاثة مدنيين بجروح برصاص مجهولين في بلدة البصيرة.",
            "Unidentified Armed Group (Syria)",
            "Civilians (Syria)",
            3,
        ),
    ] {
        let e = one_event(text);
        assert_eq!(e.actor1.as_deref(), Some(actor1), "{text}");
        assert_eq!(e.actor2.as_deref(), Some(actor2), "{text}");
        assert_eq!(e.injured, Some(injured), "{text}");
    }
}

#[test]
fn an_attack_made_with_aircraft_is_one_strike() {
    // «هاجمت … بطائرات مسيرة»: the aircraft are the means of the attack, written with ب; one
    // strike, not a ground attack beside it.
    for text in [
        "هاجمت فصائل عراقية قاعدة التنف بطائرات مسيرة فجر اليوم.",
        "وهاجمت الفصائل قاعدة التنف صباح اليوم بطائرتين مسيرتين دون وقوع إصابات.",
        "هاجم التنظيم موقعاً للجيش قرب السخنة بطائرة مسيرة مفخخة.",
    ] {
        let events = events_of(text);
        assert_eq!(events.len(), 1, "{text}: {events:#?}");
        assert_eq!(
            events[0].sub_event_type.as_str(),
            "Air/drone strike",
            "{text}"
        );
    }
    // Aircraft that only fly over a ground attack, or support it, do not make it a strike.
    for text in [
        "هاجم مسلحون حاجزاً للجيش قرب السخنة بالأسلحة الرشاشة وسط تحليق لطائرات مسيرة.",
        "هاجمت قوات النظام مواقع داعش قرب السخنة بدعم من الطيران الروسي.",
    ] {
        let events = events_of(text);
        assert!(
            events
                .iter()
                .any(|e| e.sub_event_type.as_str() == "Armed clash"),
            "{text}: {events:#?}"
        );
    }
}
