//! The shared vocabulary of the pipeline: articles, gazetteer places, toponym mentions and
//! events. Every stage takes and returns these plain types; the algorithms live in the stage
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
    /// The `published` field of a JSON Lines or CSV record.
    Record,
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
            DateSource::Record => "record",
        }
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

/// One incident at one place, coded the way ACLED codes events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: derived from the article ids, date and place.
    pub event_id: String,
    pub date: Option<NaiveDate>,
    pub time_precision: TimePrecision,
    /// Where the date came from: the text, or the publication date's source.
    pub date_source: Option<DateSource>,
    pub event_type: String,
    pub sub_event_type: String,
    pub disorder_type: String,
    pub actor1: Option<String>,
    pub inter1: Option<u8>,
    pub actor2: Option<String>,
    pub inter2: Option<u8>,
    /// ACLED's conservative count of the dead (0 when none is reported).
    pub fatalities: u32,
    /// The spread of the reported figures, when sources or hedges disagree.
    pub fatalities_low: Option<u32>,
    pub fatalities_high: Option<u32>,
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
}
