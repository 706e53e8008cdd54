//! The shared vocabulary of the pipeline: articles, gazetteer places, toponym mentions, the
//! locations they resolve to, events and ACLED's codebook. Every stage takes and returns these plain types; the algorithms live in the stage
//! modules, never here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One news article after ingestion: its body text and what is known of its origin.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Stable identifier: the file name for files, the `id` field for JSON Lines and CSV rows.
    pub id: String,
    /// The file the article came from (for diagnostics).
    pub origin: String,
    /// The article text with boilerplate removed, as written (not normalised).
    pub text: String,
    /// The page URL, when known.
    pub url: Option<String>,
    /// The outlet's name, when known.
    pub outlet: Option<String>,
    /// Publication date, when known and trusted.
    pub published: Option<NaiveDate>,
    /// Where the publication date was found.
    pub published_from: Option<DateSource>,
}

/// Where a date was found: the provenance written as an event's `date_source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A date phrase of the article's text (an explicit date, or a relative one read against
    /// the publication date), or a date line at the top of the page.
    Text,
    /// The page address (`/2024/04/19/`, `/2024-04-19-…`, `20240419`, `?date=`).
    Url,
    /// The page's metadata: `article:published_time`, `<time datetime>`, JSON-LD
    /// `datePublished`, Open Graph and Dublin Core dates.
    PageMetadata,
    /// A feed or channel export: RSS `pubDate`, Atom `published`/`updated`, a Telegram
    /// message's `date`.
    Feed,
    /// A `DATE:` header line of a text file.
    Header,
    /// The latest date of a post the page embeds (`— Name (@handle) October 8, 2021`), on a
    /// page whose address, metadata and head give none.
    EmbeddedPost,
    /// The `published` field of a JSON Lines or CSV record.
    Record,
    /// A date phrase of the text that names the day, month and weekday but no year, on a page
    /// with no publication date: the year is the latest the article writes, which the weekday
    /// fits and none of the five years after it does ("فجر اليوم الاثنين 19 آب" with "منذ
    /// بداية عام 2024": 2024).
    WeekdayYear,
}

impl DateSource {
    /// The name written in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Text => "text",
            DateSource::Url => "url",
            DateSource::PageMetadata => "page_metadata",
            DateSource::Feed => "feed",
            DateSource::Header => "header",
            DateSource::EmbeddedPost => "embedded_post",
            DateSource::Record => "record",
            DateSource::WeekdayYear => "weekday_year",
        }
    }
}

/// The day and month a report writes for its incident with no year («في 7 آب»,
/// «اليوم الخميس 17 آب»), kept when its page gives no date to read them against: undated
/// reports are joined by it, and told apart when it lies days from another's date
/// ([`crate::merge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DayOfMonth {
    pub month: u8,
    pub day: u8,
}

impl DayOfMonth {
    /// This day and month in `year` (none for 29 February in a common year).
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, u32::from(self.month), u32::from(self.day))
    }
}

/// The kinds of gazetteer rows. The CSV spells them in lower case with underscores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Country,
    Governorate,
    District,
    Subdistrict,
    City,
    Town,
    Village,
    Region,
    Desert,
    Airport,
    MilitaryBase,
    Mountain,
    OilField,
    GasField,
    Station,
    Wadi,
    Dam,
    BorderCrossing,
    Checkpoint,
    Site,
    Road,
}

impl PlaceKind {
    /// Every kind, in CSV spelling order.
    pub const ALL: [PlaceKind; 21] = [
        PlaceKind::Country,
        PlaceKind::Governorate,
        PlaceKind::District,
        PlaceKind::Subdistrict,
        PlaceKind::City,
        PlaceKind::Town,
        PlaceKind::Village,
        PlaceKind::Region,
        PlaceKind::Desert,
        PlaceKind::Airport,
        PlaceKind::MilitaryBase,
        PlaceKind::Mountain,
        PlaceKind::OilField,
        PlaceKind::GasField,
        PlaceKind::Station,
        PlaceKind::Wadi,
        PlaceKind::Dam,
        PlaceKind::BorderCrossing,
        PlaceKind::Checkpoint,
        PlaceKind::Site,
        PlaceKind::Road,
    ];

    /// The CSV spelling of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Governorate => "governorate",
            PlaceKind::District => "district",
            PlaceKind::Subdistrict => "subdistrict",
            PlaceKind::City => "city",
            PlaceKind::Town => "town",
            PlaceKind::Village => "village",
            PlaceKind::Region => "region",
            PlaceKind::Desert => "desert",
            PlaceKind::Airport => "airport",
            PlaceKind::MilitaryBase => "military_base",
            PlaceKind::Mountain => "mountain",
            PlaceKind::OilField => "oil_field",
            PlaceKind::GasField => "gas_field",
            PlaceKind::Station => "station",
            PlaceKind::Wadi => "wadi",
            PlaceKind::Dam => "dam",
            PlaceKind::BorderCrossing => "border_crossing",
            PlaceKind::Checkpoint => "checkpoint",
            PlaceKind::Site => "site",
            PlaceKind::Road => "road",
        }
    }

    /// Parses the CSV spelling.
    pub fn parse(s: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Populated places: what ACLED would code with precision 1.
    pub fn is_settlement(self) -> bool {
        matches!(self, PlaceKind::City | PlaceKind::Town | PlaceKind::Village)
    }

    /// Administrative or natural areas, geocoded to a representative point.
    pub fn is_area(self) -> bool {
        matches!(
            self,
            PlaceKind::Country
                | PlaceKind::Governorate
                | PlaceKind::District
                | PlaceKind::Subdistrict
                | PlaceKind::Region
                | PlaceKind::Desert
        )
    }
}

/// One row of the gazetteer (`data/gazetteer.csv`; columns documented in `data/README.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Unique id with its source prefix: `geonames:172378`, `pcode:SY09`, `badia:taym-field`.
    pub id: String,
    /// The Arabic name as usually written.
    pub name_ar: String,
    /// The English name.
    pub name_en: String,
    /// Other spellings, Arabic and Latin, `|`-separated in the CSV.
    pub alt_names: Vec<String>,
    /// WGS84 latitude in degrees (for roads: the midpoint of the ends).
    pub lat: f64,
    /// WGS84 longitude in degrees.
    pub lon: f64,
    pub kind: PlaceKind,
    /// Governorate (English, Open-Syria spelling, e.g. `Deir ez-Zor`).
    pub admin1: String,
    /// District (English), when known.
    pub admin2: String,
    /// Population, 0 when unknown.
    pub population: u64,
    /// For roads: the ids of the places the road joins, in order.
    pub ends: Vec<String>,
    /// Where the row comes from.
    pub source: String,
}

/// The Badia's western edge, in degrees of longitude: east of it the steppe and desert begin
/// (Homs city and Damascus lie west of it, Salamiyah just east, Palmyra far east). The
/// desert of Rif Dimashq reaches a little west of it (al-Dumayr): there a «بادية» qualifier
/// does not help a same-name place.
pub const BADIA_WEST_LON: f64 = 37.0;

impl Place {
    /// Whether the place lies in the Badia, east of [`BADIA_WEST_LON`].
    pub fn in_badia(&self) -> bool {
        self.lon > BADIA_WEST_LON
    }
}

/// A gazetteer index: the position of a [`Place`] in [`crate::gazetteer::Gazetteer::places`].
pub type PlaceIdx = u32;

/// A place name found in an article, before or after resolution. It borrows the article's
/// text and the matcher's key and places, so finding one allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention<'a> {
    /// Byte range of the name in [`Article::text`] (clitics excluded).
    pub start: usize,
    pub end: usize,
    /// Byte range of the name in the folded text (see [`crate::normalize::Folded`]).
    pub fstart: usize,
    pub fend: usize,
    /// The text as written.
    pub surface: &'a str,
    /// The folded gazetteer key that matched.
    pub key: &'a str,
    /// The gazetteer rows the name may mean.
    pub candidates: &'a [PlaceIdx],
    /// How the name was matched.
    pub how: MatchHow,
}

/// How a mention was matched against the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchHow {
    /// The normalised name, possibly behind clitics.
    Exact,
    /// A spelling within a small edit distance of a gazetteer name.
    Fuzzy,
}

/// What the words around a name make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The place itself.
    Point,
    /// An area around the place (منطقة، قرب، محيط، بادية of a town).
    Near,
    /// The countryside or desert of a governorate, optionally one side of it.
    Region(Option<Direction>),
    /// A road between two places.
    Road,
    /// A triangle between three places.
    Triangle,
}

/// The eight compass directions, for "ريف X الشرقي" and "جنوب X".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    N,
    NE,
    E,
    SE,
    S,
    SW,
    W,
    NW,
}

impl Direction {
    /// A unit vector (east, north).
    pub fn vector(self) -> (f64, f64) {
        let d = std::f64::consts::FRAC_1_SQRT_2;
        match self {
            Direction::N => (0.0, 1.0),
            Direction::NE => (d, d),
            Direction::E => (1.0, 0.0),
            Direction::SE => (d, -d),
            Direction::S => (0.0, -1.0),
            Direction::SW => (-d, -d),
            Direction::W => (-1.0, 0.0),
            Direction::NW => (-d, d),
        }
    }

    /// The direction the other way («الغربي» against «الشرقي»).
    pub fn opposite(self) -> Direction {
        match self {
            Direction::N => Direction::S,
            Direction::NE => Direction::SW,
            Direction::E => Direction::W,
            Direction::SE => Direction::NW,
            Direction::S => Direction::N,
            Direction::SW => Direction::NE,
            Direction::W => Direction::E,
            Direction::NW => Direction::SE,
        }
    }
}

/// A resolved place phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    /// The main place of the phrase (the town a region is named after, a road's first end).
    pub place: PlaceIdx,
    /// (lon, lat) points: one for a point, two or more for a road.
    pub coords: Vec<[f64; 2]>,
    pub precision: GeoPrecision,
    pub shape: Shape,
    /// The phrase as written ("ريف حماة الشرقي") and its byte range in the article.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The phrase's byte range in the folded text.
    pub fstart: usize,
    pub fend: usize,
    /// 0–1: how sure the choice among same-name places is.
    pub confidence: f64,
    /// Why this place was chosen, for users.
    pub reasons: Vec<String>,
    /// Index of the location this phrase qualifies ("X بريف Y": Y qualifies X), if any.
    pub qualifies: Option<usize>,
    /// A village named with nothing around it: no "قرية", no region word, no qualifier; or a
    /// dateline's place («دير الزور – خاص:»). Weak evidence of a place; another place in the
    /// same sentence is preferred.
    pub bare: bool,
}

/// ACLED time precision: 1 the day is known, 2 the week, 3 the month.
pub type TimePrecision = u8;

/// ACLED geo precision: 1 the town itself, 2 near it or a small area, 3 a large region.
pub type GeoPrecision = u8;

/// One report of an event: the article it came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    pub article_id: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
}

/// The Arabic sentence an event was read from, with its byte range in the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub article_id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Defines one list of ACLED's codebook: the enum, `ALL`, `as_str` (ACLED's spelling) and
/// `parse`, `Display`, and serde as that spelling.
macro_rules! codebook {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in the codebook's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// ACLED's spelling, as its exports write it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Parses ACLED's spelling (exactly, as its exports write it).
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                struct Spelling;
                impl serde::de::Visitor<'_> for Spelling {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "an ACLED {}", stringify!($name))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        $name::parse(v).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
                    }
                }
                d.deserialize_str(Spelling)
            }
        }
    };
}

codebook! {
    /// ACLED's `disorder_type`.
    DisorderType {
        /// Battles, explosions and remote violence, violence against civilians, and violent
        /// riots.
        #[default]
        PoliticalViolence = "Political violence",
        Demonstrations = "Demonstrations",
        PoliticalViolenceAndDemonstrations = "Political violence; Demonstrations",
        StrategicDevelopments = "Strategic developments",
    }
}

codebook! {
    /// ACLED's `event_type`.
    EventType {
        #[default]
        Battles = "Battles",
        ExplosionsRemoteViolence = "Explosions/Remote violence",
        ViolenceAgainstCivilians = "Violence against civilians",
        Protests = "Protests",
        Riots = "Riots",
        StrategicDevelopments = "Strategic developments",
    }
}

codebook! {
    /// ACLED's `sub_event_type`; each belongs to one [`EventType`] ([`SubEventType::event_type`]).
    ///
    /// ```
    /// use badia::model::{EventType, SubEventType};
    /// let ied = SubEventType::parse("Remote explosive/landmine/IED").unwrap();
    /// assert_eq!(ied, SubEventType::RemoteExplosive);
    /// assert_eq!(ied.event_type().as_str(), "Explosions/Remote violence");
    /// assert_eq!(EventType::parse("Battles"), Some(EventType::Battles));
    /// ```
    SubEventType {
        GovernmentRegainsTerritory = "Government regains territory",
        NonStateActorOvertakesTerritory = "Non-state actor overtakes territory",
        #[default]
        ArmedClash = "Armed clash",
        ExcessiveForceAgainstProtesters = "Excessive force against protesters",
        ProtestWithIntervention = "Protest with intervention",
        PeacefulProtest = "Peaceful protest",
        ViolentDemonstration = "Violent demonstration",
        MobViolence = "Mob violence",
        ChemicalWeapon = "Chemical weapon",
        AirDroneStrike = "Air/drone strike",
        SuicideBomb = "Suicide bomb",
        ShellingArtilleryMissileAttack = "Shelling/artillery/missile attack",
        RemoteExplosive = "Remote explosive/landmine/IED",
        Grenade = "Grenade",
        SexualViolence = "Sexual violence",
        Attack = "Attack",
        AbductionForcedDisappearance = "Abduction/forced disappearance",
        Agreement = "Agreement",
        Arrests = "Arrests",
        ChangeToGroupActivity = "Change to group/activity",
        DisruptedWeaponsUse = "Disrupted weapons use",
        HeadquartersOrBaseEstablished = "Headquarters or base established",
        LootingPropertyDestruction = "Looting/property destruction",
        NonViolentTransferOfTerritory = "Non-violent transfer of territory",
        Other = "Other",
    }
}

impl SubEventType {
    /// The event type this sub-event type belongs to in ACLED's codebook.
    pub fn event_type(self) -> EventType {
        use SubEventType::*;
        match self {
            GovernmentRegainsTerritory | NonStateActorOvertakesTerritory | ArmedClash => {
                EventType::Battles
            }
            ExcessiveForceAgainstProtesters | ProtestWithIntervention | PeacefulProtest => {
                EventType::Protests
            }
            ViolentDemonstration | MobViolence => EventType::Riots,
            ChemicalWeapon
            | AirDroneStrike
            | SuicideBomb
            | ShellingArtilleryMissileAttack
            | RemoteExplosive
            | Grenade => EventType::ExplosionsRemoteViolence,
            SexualViolence | Attack | AbductionForcedDisappearance => {
                EventType::ViolenceAgainstCivilians
            }
            Agreement
            | Arrests
            | ChangeToGroupActivity
            | DisruptedWeaponsUse
            | HeadquartersOrBaseEstablished
            | LootingPropertyDestruction
            | NonViolentTransferOfTerritory
            | Other => EventType::StrategicDevelopments,
        }
    }
}

impl EventType {
    /// The ACLED disorder type of events of this type: demonstrations for protests,
    /// strategic developments for arrests and disrupted weapons use, political violence for
    /// the rest (riots among them).
    pub fn disorder_type(self) -> DisorderType {
        match self {
            EventType::Protests => DisorderType::Demonstrations,
            EventType::StrategicDevelopments => DisorderType::StrategicDevelopments,
            _ => DisorderType::PoliticalViolence,
        }
    }
}

/// One incident at one place, coded the way ACLED codes events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: derived from the article ids, date and place.
    pub event_id: String,
    pub date: Option<NaiveDate>,
    pub time_precision: TimePrecision,
    /// Where the date came from: the text, or the publication date's source.
    pub date_source: Option<DateSource>,
    pub event_type: EventType,
    pub sub_event_type: SubEventType,
    pub disorder_type: DisorderType,
    pub actor1: Option<String>,
    /// Actors on actor1's side named in the report, `; `-separated (ACLED's assoc_actor_1).
    pub assoc_actor_1: Option<String>,
    pub inter1: Option<u8>,
    pub actor2: Option<String>,
    /// Actors on actor2's side named in the report (ACLED's assoc_actor_2).
    pub assoc_actor_2: Option<String>,
    pub inter2: Option<u8>,
    /// ACLED's conservative count of the dead (0 when none is reported).
    pub fatalities: u32,
    /// The spread of the reported figures, when sources or hedges disagree.
    pub fatalities_low: Option<u32>,
    pub fatalities_high: Option<u32>,
    /// The report tells of dead without a count ("قتل عدد من العناصر"): `fatalities` is 0
    /// as ACLED codes an unknown toll, and the notes say the number is unknown.
    #[serde(default)]
    pub fatalities_unknown: bool,
    pub injured: Option<u32>,
    /// The gazetteer place, English and Arabic names.
    pub gazetteer_id: String,
    pub location: String,
    pub location_ar: String,
    /// The place phrase as written ("ريف حماة الشرقي").
    pub location_text: String,
    pub admin1: String,
    pub admin2: String,
    /// (lon, lat) coordinates: one point, or a road's line.
    pub coords: Vec<[f64; 2]>,
    pub geo_precision: GeoPrecision,
    pub sources: Vec<Source>,
    pub evidence: Vec<Evidence>,
    /// 0–1.
    pub confidence: f64,
    /// Why the place was chosen.
    pub location_reasons: Vec<String>,
    /// Gazetteer ids of every place the evidence names as where it happened (the first is
    /// the event's location); used to recognise one incident told by several outlets.
    pub place_ids: Vec<String>,
    /// Why reports were merged into this event, when they were.
    pub merged_because: Option<String>,
    /// Who or what was hit, when the report names a distinctive target or victims ("bus",
    /// "truffle gatherers"): evidence that two undated reports tell one incident.
    pub target: Option<String>,
    /// The people the report names among its victims («النقيب “…”», «عرف من القتلى: …»),
    /// as written: a person dies once, so a name in common joins reports of one incident.
    #[serde(default)]
    pub victims: Vec<String>,
    /// The day and month the report writes when it has no date: evidence that it tells the
    /// incident of a report dated that day.
    #[serde(default)]
    pub day_of_month: Option<DayOfMonth>,
    /// The toll is a total that rose or reached its figure («ارتفعت حصيلة القتلى إلى سبعة»,
    /// «ليصل عدد القتلى إلى 7»): another report's smaller count is an earlier one of the same
    /// incident, not another incident.
    #[serde(default)]
    pub toll_rose: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codebook_reads_back_what_it_writes() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(*t));
            assert!(
                SubEventType::ALL.iter().any(|s| s.event_type() == *t),
                "{t}"
            );
        }
        for s in SubEventType::ALL {
            assert_eq!(SubEventType::parse(s.as_str()), Some(*s));
        }
        for d in DisorderType::ALL {
            assert_eq!(DisorderType::parse(d.as_str()), Some(*d));
        }
        assert_eq!(SubEventType::ALL.len(), 25);
        assert_eq!(SubEventType::parse("armed clash"), None);
        assert_eq!(
            SubEventType::ShellingArtilleryMissileAttack.event_type(),
            EventType::ExplosionsRemoteViolence
        );
    }

    #[test]
    fn event_types_are_written_as_acled_spells_them() {
        let json = serde_json::to_string(&SubEventType::RemoteExplosive).unwrap();
        assert_eq!(json, "\"Remote explosive/landmine/IED\"");
        let back: SubEventType = serde_json::from_str(&json).unwrap();
        assert_eq!(back, SubEventType::RemoteExplosive);
        let bytes = postcard::to_stdvec(&EventType::ViolenceAgainstCivilians).unwrap();
        let back: EventType = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, EventType::ViolenceAgainstCivilians);
        assert!(serde_json::from_str::<EventType>("\"Skirmish\"").is_err());
    }
}
