//! A synthetic benchmark corpus: Arabic incident reports in the style of Syrian Badia news,
//! written as JSON Lines (`id`, `url`, `outlet`, `published`, `text`). Places come from the
//! gazetteer; counts are digits, Arabic-Indic digits or number words; dates are weekdays,
//! day-month phrases or full dates; pages carry furniture and "most read" lists. The same seed
//! gives the same file.

use std::io::{self, Write};

use badia::gazetteer::Gazetteer;
use badia::model::PlaceKind;

/// A small xorshift64* generator: deterministic and dependency-free.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    /// True with probability `p` percent.
    pub fn chance(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
}

/// The places a report can name, grouped by how reports name them.
pub struct Places {
    settlements: Vec<String>,
    sites: Vec<String>,
    governorates: Vec<String>,
}

impl Places {
    pub fn from_gazetteer(gaz: &Gazetteer) -> Places {
        let mut settlements = Vec::new();
        let mut sites = Vec::new();
        let mut governorates = Vec::new();
        for p in &gaz.places {
            let name = p.name_ar.trim();
            if name.is_empty() || name.contains(['"', '\\']) {
                continue;
            }
            match p.kind {
                PlaceKind::Governorate => governorates.push(name.to_string()),
                k if k.is_settlement() || k == PlaceKind::Subdistrict => {
                    settlements.push(name.to_string())
                }
                PlaceKind::Country => {}
                _ => sites.push(name.to_string()),
            }
        }
        Places {
            settlements,
            sites,
            governorates,
        }
    }

    fn settlement<'a>(&'a self, rng: &mut Rng) -> &'a str {
        &self.settlements[rng.below(self.settlements.len())]
    }

    fn site<'a>(&'a self, rng: &mut Rng) -> &'a str {
        &self.sites[rng.below(self.sites.len())]
    }

    fn governorate<'a>(&'a self, rng: &mut Rng) -> &'a str {
        &self.governorates[rng.below(self.governorates.len())]
    }

    /// A place phrase: a settlement with or without a place word, a site, a desert or a
    /// countryside, or a road between two places.
    fn phrase(&self, rng: &mut Rng) -> String {
        let town = self.settlement(rng);
        match rng.below(10) {
            0 | 1 => format!("في {town}"),
            2 => format!("قرب بلدة {town}"),
            3 => format!("في محيط قرية {town}"),
            4 => format!("في بادية {town}"),
            5 => format!(
                "{} {town} في ريف {} {}",
                rng.pick(&["جنوب", "شمال", "شرق", "غرب", "جنوب شرق"]),
                self.governorate(rng),
                rng.pick(&["الشرقي", "الجنوبي", "الشمالي", "الغربي"])
            ),
            6 => format!("في {}", self.site(rng)),
            7 => format!("على طريق {town} - {}", self.settlement(rng)),
            8 => format!(
                "في منطقة {town} بريف {} {}",
                self.governorate(rng),
                rng.pick(&["الشرقي", "الجنوبي", "الجنوبي الشرقي"])
            ),
            _ => format!("في البادية السورية قرب {town}"),
        }
    }
}

const ATTACKERS: [&str; 8] = [
    "تنظيم داعش",
    "خلايا تنظيم الدولة",
    "عناصر التنظيم",
    "داعش",
    "مجهولين",
    "قوات سوريا الديمقراطية",
    "الطيران الروسي",
    "ميليشيات إيرانية",
];

const VICTIMS: [&str; 8] = [
    "قوات النظام",
    "ميليشيا الدفاع الوطني",
    "قوات الأسد",
    "الفرقة الرابعة",
    "لواء القدس",
    "الفيلق الخامس",
    "قوات سوريا الديمقراطية",
    "الأمن العام",
];

const WEEKDAYS: [&str; 7] = [
    "السبت",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
];

const MONTHS: [&str; 12] = [
    "كانون الثاني/ يناير",
    "شباط/ فبراير",
    "آذار/ مارس",
    "نيسان/ أبريل",
    "أيار/ مايو",
    "حزيران/ يونيو",
    "تموز/ يوليو",
    "آب/ أغسطس",
    "أيلول/ سبتمبر",
    "تشرين الأول/ أكتوبر",
    "تشرين الثاني/ نوفمبر",
    "كانون الأول/ ديسمبر",
];

const NUMBER_WORDS: [&str; 11] = [
    "",
    "عنصر",
    "عنصرين",
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
    "عشرة",
];

/// A count as reports write it: digits, Arabic-Indic digits or words.
fn count(rng: &mut Rng, n: usize) -> String {
    match rng.below(4) {
        0 | 1 => n.to_string(),
        2 => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
            .collect(),
        _ if (3..=10).contains(&n) => NUMBER_WORDS[n].to_string(),
        _ => n.to_string(),
    }
}

/// "عناصر" after 3–10, "عنصراً" after 11 and more.
fn soldiers(n: usize) -> &'static str {
    if n <= 10 {
        "عناصر"
    } else {
        "عنصراً"
    }
}

/// A date phrase for a report published on `(year, month, day, weekday)`.
fn when(rng: &mut Rng, day: usize, month: usize, year: usize, weekday: usize) -> String {
    let wd = WEEKDAYS[weekday];
    match rng.below(6) {
        0 => format!("اليوم {wd}"),
        1 => format!("فجر اليوم {wd}"),
        2 => format!("مساء أمس {}", WEEKDAYS[(weekday + 6) % 7]),
        3 => format!("يوم {wd} {day} {}", MONTHS[month - 1]),
        4 => format!("في {day} {} {year}", MONTHS[month - 1]),
        _ => format!(
            "{} {}",
            rng.pick(&["ليل", "صباح"]),
            WEEKDAYS[(weekday + 6) % 7]
        ),
    }
}

/// One incident sentence.
fn incident(rng: &mut Rng, places: &Places, date: &str) -> String {
    let attacker = ATTACKERS[rng.below(ATTACKERS.len())];
    let victim = VICTIMS[rng.below(VICTIMS.len())];
    let most = if rng.chance(20) { 40 } else { 12 };
    let dead = 1 + rng.below(most);
    let hurt = rng.below(20);
    let place = places.phrase(rng);
    let (n, h) = (count(rng, dead), count(rng, hurt.max(2)));
    let who = soldiers(dead);
    match rng.below(8) {
        0 => format!(
            "قتل {n} {who} من {victim} بهجوم لـ{attacker} على مواقع {place}، {date}."
        ),
        1 => format!(
            "قتل {n} {who} من {victim} وأصيب {h} آخرون، {date}، بكمين نصبه {attacker} لرتل عسكري {place}."
        ),
        2 => format!(
            "أفادت مصادر محلية بمقتل {n} {who} من {victim} بانفجار لغم أرضي بسيارة عسكرية {place} {date}."
        ),
        3 => format!(
            "شن {attacker} غارات جوية {date} على مواقع {place}، ما أدى إلى مقتل {n} وإصابة {h} بجروح متفاوتة."
        ),
        4 => format!(
            "اندلعت اشتباكات عنيفة بين {victim} و{attacker} {place} {date}، أسفرت عن مقتل {n} من الطرفين."
        ),
        5 => format!(
            "عثر رعاة على جثث {n} مدنيين {place} {date}، قتلوا على يد {attacker} بحسب ناشطين."
        ),
        6 => format!(
            "استهدف {attacker} بالأسلحة الرشاشة والقذائف الصاروخية حاجزاً لـ{victim} {place}، {date}، ما أدى إلى مقتل {n} {who} وتدمير سيارتين."
        ),
        _ => format!(
            "قتل {n} من رعاة الأغنام وأصيب {h} آخرون بانفجار لغم من مخلفات الحرب {place} {date}."
        ),
    }
}

/// A sentence of context: no new incident.
fn context(rng: &mut Rng, places: &Places) -> String {
    match rng.below(5) {
        0 => format!(
            "ووثقت مصادر محلية مقتل {} عنصراً من {} في البادية السورية منذ مطلع العام الجاري.",
            {
                let n = 50 + rng.below(400);
                count(rng, n)
            },
            VICTIMS[rng.below(VICTIMS.len())]
        ),
        1 => format!(
            "ونقل الجرحى إلى مشفى مدينة {} العسكري، بحسب صفحات موالية.",
            places.settlement(rng)
        ),
        2 => format!(
            "وينحدر أحد القتلى من مدينة {} في ريف {}، بحسب صفحات موالية نعته على مواقع التواصل الاجتماعي.",
            places.settlement(rng),
            places.governorate(rng)
        ),
        3 => "ولم يصدر أي تعليق رسمي من الجهات المعنية حتى ساعة إعداد هذا الخبر.".to_string(),
        _ => format!(
            "وتشهد بادية {} هجمات متكررة لخلايا التنظيم التي تتخذ من المناطق الصحراوية منطلقاً لعملياتها.",
            places.governorate(rng)
        ),
    }
}

/// A headline.
fn headline(rng: &mut Rng, places: &Places) -> String {
    let n = 2 + rng.below(20);
    let spelled = count(rng, n);
    format!(
        "مقتل {} {} من {} بهجوم لـ{} {}",
        spelled,
        soldiers(n),
        VICTIMS[rng.below(VICTIMS.len())],
        ATTACKERS[rng.below(4)],
        places.phrase(rng)
    )
}

const OUTLETS: [(&str, &str); 5] = [
    ("Badia Monitor", "example-badia-news.org"),
    ("Euphrates Post", "example-euphrates.net"),
    ("Sham Example", "example-sham.net"),
    ("SY24 Example", "example-sy24.net"),
    ("Deir Example", "example-deir.org"),
];

/// Days since 1970-01-01 → (year, month, day); civil-from-days.
fn civil(days: i64) -> (usize, usize, usize) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as usize, m as usize, d as usize)
}

/// One article as a JSON Lines record (without the newline).
pub fn article(rng: &mut Rng, places: &Places, i: usize) -> String {
    // 2017-01-01 .. 2025-06-30
    let days = 17_167 + rng.below(3_102) as i64;
    let (year, month, day) = civil(days);
    // 1970-01-01 was a Thursday; WEEKDAYS starts on Saturday.
    let weekday = ((days + 5) % 7) as usize;
    let (outlet, host) = OUTLETS[rng.below(OUTLETS.len())];
    let mut lines: Vec<String> = Vec::new();
    if rng.chance(40) {
        lines.push("الرئيسية » أخبار".to_string());
        lines.push("شارك".to_string());
        lines.push("Facebook".to_string());
    }
    lines.push(headline(rng, places));
    let mut para = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let date = when(rng, day, month, year, weekday);
        para.push(incident(rng, places, &date));
        if rng.chance(60) {
            para.push(context(rng, places));
        }
    }
    for chunk in para.chunks(2) {
        lines.push(chunk.join(" "));
    }
    if rng.chance(50) {
        lines.push(context(rng, places));
    }
    if rng.chance(50) {
        lines.push("الأكثر قراءة".to_string());
        lines.push(headline(rng, places));
        lines.push(headline(rng, places));
    }
    let text = lines.join("\n");
    let published = if rng.chance(80) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        String::new()
    };
    serde_json::json!({
        "id": format!("bench-{i}"),
        "url": format!("https://{host}/{year}/{month:02}/{day:02}/{i}"),
        "outlet": outlet,
        "published": published,
        "text": text,
    })
    .to_string()
}

/// Writes `n` articles, one JSON object a line.
pub fn write(out: &mut impl Write, places: &Places, n: usize, seed: u64) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    for i in 0..n {
        writeln!(out, "{}", article(&mut rng, places, i))?;
    }
    Ok(())
}
