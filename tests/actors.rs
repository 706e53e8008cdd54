//! Who did what to whom, read over a whole report: the side a sentence leaves out, the army's
//! units, blame laid on a group. Texts are written in the style of the reports; each goes
//! through the library's whole per-article path.

use badia::model::Event;

mod common;
use common::events_of;

const ISIS: &str = "Islamic State (Syria)";
const ARMY: &str = "Military Forces of Syria (2000-2024)";
const RUSSIA: &str = "Military Forces of Russia (2000-)";

fn sides(e: &Event) -> (Option<&str>, Option<&str>) {
    (e.actor1.as_deref(), e.actor2.as_deref())
}

fn summary(evs: &[Event]) -> Vec<String> {
    evs.iter()
        .map(|e| {
            format!(
                "{} at {}: {:?} / {:?}",
                e.sub_event_type, e.location, e.actor1, e.actor2
            )
        })
        .collect()
}

#[test]
fn a_report_that_goes_on_takes_the_missing_side_from_the_sentence_before() {
    for text in [
        "هاجمت خلايا داعش مواقع لقوات النظام في بادية الرصافة، مما أدى إلى مقتل 3 عناصر. كما \
         قصف الطيران الحربي الروسي بادية السخنة.",
        "شن تنظيم داعش هجوماً على مواقع لقوات النظام قرب الرصافة وقتل 4 عناصر. وشنت الطائرات \
         الروسية غارات على بادية السخنة بعد الهجوم.",
    ] {
        let evs = events_of(text);
        let strike = evs
            .iter()
            .find(|e| e.actor1.as_deref() == Some(RUSSIA))
            .unwrap_or_else(|| panic!("{text}: {:#?}", summary(&evs)));
        assert_eq!(sides(strike), (Some(RUSSIA), Some(ISIS)), "{text}");
    }
}

#[test]
fn an_army_unit_is_named_as_such_and_allied_with_the_army() {
    let rows = [
        (
            "قتل 3 عناصر من الفيلق الخامس بهجوم لداعش قرب السخنة.",
            "Fifth Corps",
            None,
        ),
        (
            "هاجمت خلايا داعش مواقع لقوات النظام والفرقة الرابعة في بادية الميادين وقتلت 4 \
             عناصر.",
            ARMY,
            Some("Fourth Division"),
        ),
        (
            "قُتل عنصران من الفرقة 25 بكمين نصبه التنظيم قرب أثريا.",
            "Tiger Forces (25th Division)",
            None,
        ),
    ];
    for (text, actor2, assoc2) in rows {
        let evs = events_of(text);
        assert_eq!(evs.len(), 1, "{text}: {:#?}", summary(&evs));
        assert_eq!(sides(&evs[0]), (Some(ISIS), Some(actor2)), "{text}");
        assert_eq!(evs[0].assoc_actor_2.as_deref(), assoc2, "{text}");
    }
}

#[test]
fn the_group_blamed_for_an_attack_is_its_perpetrator() {
    for text in [
        "قتل 12 جندياً بهجوم على حافلة عسكرية قرب الميادين، وألقى المرصد بمسؤولية الهجوم على \
         تنظيم الدولة الإسلامية.",
        "قتل 12 جندياً بهجوم على حافلة عسكرية قرب الميادين، وألقت مصادر محلية باللائمة على \
         خلايا داعش.",
        "أعلن تنظيم داعش مسؤوليته عن هجوم على حافلة عسكرية قرب الميادين قتل فيه 12 جندياً.",
    ] {
        let evs = events_of(text);
        assert_eq!(evs.len(), 1, "{text}: {:#?}", summary(&evs));
        assert_eq!(sides(&evs[0]), (Some(ISIS), Some(ARMY)), "{text}");
    }
}

#[test]
fn allies_named_together_are_one_side() {
    // The army's auxiliaries ambushed: the army is on their side, not their attacker.
    let evs = events_of(
        "تعرضت حافلة تقل مقاتلين من القوات الرديفة للجيش السوري لكمين قرب السخنة، وهاجم \
         مسلحون من داعش الحافلة بالرشاشات.",
    );
    assert_eq!(evs.len(), 1, "{:#?}", summary(&evs));
    assert_eq!(evs[0].actor1.as_deref(), Some(ISIS), "{:#?}", summary(&evs));
    assert_ne!(evs[0].actor2.as_deref(), Some(ISIS));
}
