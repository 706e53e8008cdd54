//! The Badia sites gazetteer against its target: enough curated desert sites, each with a
//! source, and every frequent name of the mined lists either placed or explained.

mod common;
use badia::gazetteer::Gazetteer;
use badia::normalize::fold;
use std::collections::HashMap;
use std::path::Path;

/// The governorates whose deserts make the Badia, as the curated rows spell them; an empty
/// governorate is a row that spans several (a desert, a region, a range).
const BADIA_GOVERNORATES: [&str; 8] = [
    "Homs",
    "Hama",
    "Raqqa",
    "Ar-Raqqa",
    "Deir ez-Zor",
    "Rif Dimashq",
    "As-Suwayda",
    "",
];

/// Kinds that are not sites: settlements, roads (lines between sites) and the country itself.
const NOT_SITES: [&str; 4] = ["village", "town", "road", "country"];

fn curated_rows() -> Vec<HashMap<String, String>> {
    let mut files: Vec<_> = std::fs::read_dir("data/curated")
        .expect("data/curated")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    let mut rows = Vec::new();
    for path in files {
        let mut reader = csv::Reader::from_path(&path).expect("curated csv");
        let headers = reader.headers().expect("header").clone();
        for record in reader.records() {
            let record = record.expect("curated row");
            rows.push(
                headers
                    .iter()
                    .zip(record.iter())
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect(),
            );
        }
    }
    rows
}

fn is_badia_site(row: &HashMap<String, String>) -> bool {
    let kind = row["kind"].as_str();
    !kind.is_empty()
        && !NOT_SITES.contains(&kind)
        && BADIA_GOVERNORATES.contains(&row["admin1"].as_str())
        && !row["source"].trim().is_empty()
        && !row["lat"].trim().is_empty()
}

#[test]
fn at_least_300_sourced_badia_sites_are_curated() {
    let rows = curated_rows();
    let sites = rows.iter().filter(|r| is_badia_site(r)).count();
    assert!(
        sites >= 300,
        "{sites} curated non-village Badia sites with a source and a point; the target is 300"
    );
    // Every curated row with a kind names its source (data/README.md), sites or not.
    for r in rows.iter().filter(|r| !r["kind"].is_empty()) {
        assert!(!r["source"].trim().is_empty(), "{} has no source", r["id"]);
    }
}

/// One mined name: its folded form, how often it was seen, and the place nouns it followed.
struct Mined {
    name: String,
    count: u32,
    nouns: Vec<String>,
}

fn mined_names() -> Vec<Mined> {
    let mut by_name: HashMap<String, Mined> = HashMap::new();
    for file in ["data/mined/corpus_names.csv", "data/mined/pages_names.csv"] {
        let mut reader = csv::Reader::from_path(file).expect("mined list");
        for record in reader.records() {
            let record = record.expect("mined row");
            let (name, count, nouns) = (&record[0], &record[1], &record[3]);
            let entry = by_name.entry(name.to_string()).or_insert_with(|| Mined {
                name: name.to_string(),
                count: 0,
                nouns: Vec::new(),
            });
            entry.count += count.parse::<u32>().expect("count");
            entry
                .nouns
                .extend(nouns.split('|').filter(|n| !n.is_empty()).map(String::from));
        }
    }
    let mut names: Vec<Mined> = by_name.into_values().collect();
    names.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    names
}

#[test]
fn each_of_the_100_most_frequent_mined_names_is_placed_or_explained() {
    let readme = fold(&std::fs::read_to_string(Path::new("data/mined/README.md")).expect("README"));
    let (gazetteer, _) = Gazetteer::load_default().expect("bundled gazetteer");
    let names = mined_names();
    assert!(!names.is_empty());
    let unexplained: Vec<&str> = names
        .iter()
        .take(100)
        .filter(|m| {
            let placed = m
                .nouns
                .iter()
                .any(|noun| !gazetteer.lookup(&format!("{noun} {}", m.name)).is_empty());
            !placed && !readme.contains(&fold(&m.name))
        })
        .map(|m| m.name.as_str())
        .collect();
    assert!(
        unexplained.is_empty(),
        "mined names neither in the gazetteer (with their place noun) nor in data/mined/README.md: {unexplained:?}"
    );
}

/// The gazetteer ids of the events one text gives.
fn places_of(text: &str) -> Vec<String> {
    common::events_of(text)
        .into_iter()
        .map(|e| e.gazetteer_id)
        .collect()
}

/// Asserts that each sentence names the place of its gazetteer id.
fn each_is_placed_at(rows: &[(&str, &str)]) {
    for &(text, id) in rows {
        let places = places_of(text);
        assert!(
            places.iter().any(|p| p == id),
            "{text}: {places:?}, not {id}"
        );
    }
}

#[test]
fn the_sites_are_read_by_their_names_and_spellings() {
    let rows = [
        (
            "قتل ثلاثة عناصر من قوات النظام بهجوم لخلايا تنظيم داعش قرب محطة الزارة الحرارية في ريف حماة الجنوبي.",
            "badia:zara-power-station",
        ),
        (
            "قتل مدني وأصيب آخران بقصف صاروخي على محطة الزارة لتوليد الكهرباء في ريف حماة.",
            "badia:zara-power-station",
        ),
        (
            "أصيب جنديان بانفجار لغم أرضي في منطقة تلول التياس بريف حمص الشرقي.",
            "badia:tulul-at-tiyas",
        ),
        (
            "استهدفت طائرة مسيرة مقر اللواء 66 شمال مدينة السلمية ما أدى إلى مقتل عنصرين.",
            "badia:brigade-66-base",
        ),
        (
            "قتل راعيان بانفجار لغم من مخلفات الحرب قرب ظهر الرجوم جنوب الطبقة.",
            "badia:dahr-ar-rujum",
        ),
        (
            "اندلعت اشتباكات بين قوات الحكومة ومسلحين في محيط حمامات أبو رباح شمال القريتين.",
            "badia:abu-rabah-baths",
        ),
        (
            "قتل عنصر من قوات النظام بقذيفة سقطت على جبل كفراع شمال مدينة حماة.",
            "badia:jabal-kafra",
        ),
        (
            "قتل ثلاثة عناصر من قوات النظام بهجوم لخلايا داعش في بادية الحميمة شرقي حمص.",
            "badia:humaymah",
        ),
        (
            "أصيب جنديان بانفجار عبوة ناسفة بسيارتهم في بادية حميمة بريف حمص الشرقي.",
            "badia:humaymah",
        ),
        (
            "أصيب شاب بانفجار لغم أرضي في منطقة حليحلة بريف السخنة.",
            "badia:hulayhilah",
        ),
        (
            "قتل راعيان بانفجار لغم قرب حليحلة في بادية السخنة شرقي حمص.",
            "badia:hulayhilah",
        ),
        (
            "قتل عنصران من قوات النظام باشتباك عند حاجز ظاظا في البادية السورية.",
            "badia:zaza-checkpoint",
        ),
        (
            "دارت اشتباكات قرب مفرق ظاظا على طريق دمشق بغداد أسفرت عن مقتل خمسة عناصر.",
            "badia:zaza-checkpoint",
        ),
        (
            "قتل ثلاثة عناصر من قوات النظام بهجوم على منطقة الهلبة جنوب شرقي تدمر.",
            "badia:halbah",
        ),
        (
            "أصيب جنديان باشتباك مع خلايا التنظيم في الهلبة ببادية تدمر.",
            "badia:halbah",
        ),
        (
            "قتل عنصر من الميليشيات بقصف طال قصر الشيخة موزة عند المدخل الجنوبي لمدينة تدمر.",
            "badia:qatari-villa-palmyra",
        ),
        (
            "قتل عشرة مدنيين بانفجار لغم بسيارة تقل جامعي الكمأة في وادي عبيد جنوب السبخة.",
            "badia:wadi-ubayd",
        ),
        (
            "قتل خمسة من جامعي الكمأة بانفجار لغم أرضي في منطقة كويعان ببادية الرقة الجنوبية.",
            "badia:wadi-ubayd",
        ),
        (
            "سيطر مسلحو التنظيم على ثلاث نقاط لقوات النظام في منطقة الدوة غرب تدمر بعد اشتباكات قتل فيها ستة جنود.",
            "badia:ad-daw-palmyra",
        ),
        (
            "قتل عنصران من قوات النظام بقصف على واحة الدوة في ريف حمص الشرقي.",
            "badia:ad-daw-palmyra",
        ),
        (
            "قتل ثلاثة عمال بهجوم لمسلحين على حقل الوهاب النفطي جنوب غرب الرقة.",
            "badia:wahhab-oil-field",
        ),
        (
            "أصيب عاملان بانفجار لغم قرب حقل الوهاب في بادية الرقة.",
            "badia:wahhab-oil-field",
        ),
        (
            "استهدفت غارة جوية حقل الفهدة النفطي جنوب الطبقة ما أدى إلى مقتل أربعة عناصر.",
            "badia:fahda-oil-field",
        ),
        (
            "قتل راع بانفجار لغم قرب حقل الفهد في ريف الرقة الغربي.",
            "badia:fahda-oil-field",
        ),
        (
            "قتل راعيان بانفجار لغم أرضي في بادية الحماد.",
            "badia:syrian-desert",
        ),
        (
            "أصيب ثلاثة من جامعي الكمأة بانفجار لغم في صحراء الحماد قرب الحدود الأردنية.",
            "badia:syrian-desert",
        ),
        (
            "قتل أربعة عناصر من قوات النظام بهجوم لخلايا داعش على حقل الضبيات جنوب السخنة.",
            "badia:dubayat-gas-field",
        ),
        (
            "أصيب عاملان بانفجار لغم قرب حقل الدبيات للغاز في بادية تدمر.",
            "badia:dubayat-gas-field",
        ),
        (
            "دارت اشتباكات في منطقة الضبيات بريف حمص الشرقي قتل فيها ثلاثة جنود.",
            "badia:dubayat-gas-field",
        ),
        (
            "قتل سبعة أشخاص بهجوم لمسلحين مجهولين في بادية الشعيطات شرقي دير الزور.",
            "badia:shaitat-area",
        ),
        (
            "قتل عنصر من قسد برصاص مجهولين في منطقة الشعيطات بريف دير الزور الشرقي.",
            "badia:shaitat-area",
        ),
        (
            "أصيب راعيان بانفجار لغم ببادية الشعيطات.",
            "badia:shaitat-area",
        ),
        (
            "قتل عنصران من الميليشيات بقصف طائرة مسيرة قرب مزار عين علي في بادية الميادين.",
            "badia:ain-ali-shrine",
        ),
        (
            "أصيب ثلاثة عناصر بانفجار عبوة ناسفة عند مقام عين علي جنوب القورية.",
            "badia:ain-ali-shrine",
        ),
        (
            "قتل مدني برصاص مجهولين في بلدة الكشكية بريف دير الزور الشرقي.",
            "badia:al-kishkiyah",
        ),
        (
            "قتل شاب برصاص مسلحين مجهولين في قرية الجرذي شرقي دير الزور.",
            "geonames:385834",
        ),
        (
            "قتل ثلاثة عناصر بهجوم لخلايا داعش في منطقة الفاسدة ببادية حماة الشرقية.",
            "geonames:8347204",
        ),
        (
            "قتل خمسة عناصر من قوات النظام بكمين في منطقة كم صواب ببادية دير الزور.",
            "badia:t2-pumping-station",
        ),
        (
            "شن مسلحو التنظيم هجوماً على حقل الصيجان النفطي بريف دير الزور الشرقي أسفر عن مقتل عنصرين.",
            "badia:sijan-oil-field",
        ),
        (
            "قتل ثلاثة عناصر من قوات النظام بهجوم لخلايا داعش في البادية الشامية.",
            "badia:syrian-badia",
        ),
        (
            "أصيب جنديان بانفجار لغم في بادية الشامية غرب الفرات.",
            "badia:syrian-badia",
        ),
        (
            "قتل مدنيان بقصف مدفعي على بلدة المريعية قرب مطار دير الزور العسكري.",
            "geonames:8275963",
        ),
        (
            "أصيب عنصران من الميليشيات بانفجار عبوة ناسفة في المريعية شرقي دير الزور.",
            "geonames:8275963",
        ),
        (
            "قتل عنصران من قوات النظام بقصف لقسد على بلدة البوليل بريف دير الزور الشرقي.",
            "geonames:171213",
        ),
        (
            "قتل مدني برصاص مجهولين في بلدة محكان شرقي دير الزور.",
            "geonames:167483",
        ),
        (
            "قتل ثلاثة عناصر بهجوم لخلايا التنظيم في بادية صبيخان.",
            "geonames:164025",
        ),
        (
            "أصيب عنصر من الدفاع الوطني برصاص قناص في جديد عكيدات بريف دير الزور.",
            "geonames:169283",
        ),
        (
            "سيطر التنظيم على قرية عقارب الصافية بريف حماة الشرقي بعد اشتباكات قتل فيها تسعة عناصر.",
            "geonames:173141",
        ),
        (
            "قتل طفل وجرح آخران بقصف جوي على بلدة الشميطية غرب دير الزور.",
            "geonames:164206",
        ),
        (
            "قتل عنصران من قوات النظام باشتباكات مع خلايا التنظيم في الشميطية بريف دير الزور الغربي.",
            "geonames:164206",
        ),
        (
            "قتل عنصران وأصيب ثالث بهجوم لخلايا داعش عند مفرق جعيدين قرب الرصافة.",
            "geonames:169282",
        ),
        (
            "قتل راع بانفجار لغم أرضي قرب قرية جعيدين في بادية الرقة.",
            "geonames:169282",
        ),
        (
            "قتل مدنيان بقصف جوي على قرية حوايج ذياب غرب دير الزور.",
            "geonames:7632490",
        ),
    ];
    each_is_placed_at(&rows);
}

#[test]
fn a_unit_named_alone_is_not_its_base() {
    // «اللواء 66» serves across the Badia: only «مقر/قاعدة/معسكر اللواء 66» is the base.
    let places = places_of("قتل عنصران من اللواء 66 بهجوم لخلايا داعش في بادية السخنة.");
    assert!(
        !places.iter().any(|p| p == "badia:brigade-66-base"),
        "{places:?}"
    );
}

#[test]
fn same_name_villages_keep_their_reports() {
    // The desert of «بادية الحميمة» and «وادي عبيد» take nothing from the villages of the
    // bare names, which their own place words still name.
    let rows = [
        (
            "قتل مدني بانفجار لغم أرضي قرب قرية الحميمة في ريف حمص الغربي.",
            "geonames:169505",
        ),
        (
            "قتل مدني برصاص مجهولين في قرية عبيد بريف حلب الشرقي.",
            "geonames:8338280",
        ),
        // al-Kashmah keeps its own name, and «الشعيرات» its air base and village;
        // «المزار» alone is still the Hasakah village.
        (
            "قتل مدني بقصف على قرية الكشمة قرب البوكمال.",
            "geonames:168535",
        ),
        (
            "قتل جنديان بقصف صاروخي على مطار الشعيرات في ريف حمص.",
            "badia:shayrat-airbase",
        ),
        (
            "قتل مدني بانفجار لغم في قرية المزار بريف الحسكة.",
            "geonames:414816",
        ),
    ];
    each_is_placed_at(&rows);
}

#[test]
fn the_hamad_is_neither_hama_nor_a_surname() {
    // «بادية الحماد» was read as Hama, one letter away; the bare «الحماد» is a surname.
    let places = places_of("قتل راعيان بانفجار لغم أرضي في بادية الحماد.");
    assert!(!places.iter().any(|p| p == "pcode:SY05"), "{places:?}");
    let places = places_of("قتل الشاب عمر الحماد بانفجار لغم أرضي في بادية الشولا جنوب دير الزور.");
    assert!(
        !places.iter().any(|p| p == "badia:syrian-desert"),
        "{places:?}"
    );
}
