//! Publication dates from where publishers put them besides the text: the page address
//! (`/2024/04/19/`, `/2024-04-19-slug`, `20240419` as a path segment, `?date=2024-04-19`) and
//! the page's metadata (`article:published_time`, `<time datetime>`, JSON-LD `datePublished`,
//! Open Graph, Dublin Core and `itemprop` dates), and the signature of a post a scraped page
//! embeds (`— Name (@handle) October 8, 2021`, what an embedded tweet leaves in the text).
//!
//! Guards against false friends: a year outside [`FIRST_YEAR`]..=[`LAST_YEAR`] is no date; a
//! run of digits is a date only as a whole path segment of exactly eight digits (or eight
//! digits followed by `-` or `_`), never inside a longer number (an article id such as
//! `/2024041912345`); a year/month pair with no day (`/2019/03/19_9.html`, a blog's month
//! folder) gives no day.

use chrono::NaiveDate;

/// Earliest year taken as a publication year.
pub const FIRST_YEAR: i32 = 1995;
/// Latest year taken as a publication year.
pub const LAST_YEAR: i32 = 2099;

/// The date a page address shows, if any.
///
/// ```
/// use badia::ingest::url_date;
/// use chrono::NaiveDate;
/// let day = NaiveDate::from_ymd_opt(2024, 4, 19);
/// assert_eq!(url_date("https://example.org/news/2024/04/19/slug"), day);
/// assert_eq!(url_date("https://example.org/2024-04-19-slug/"), day);
/// assert_eq!(url_date("https://example.org/archive/20240419/"), day);
/// assert_eq!(url_date("https://example.org/read?id=7&date=2024-04-19"), day);
/// assert_eq!(url_date("https://example.org/archives/20240419123"), None);
/// ```
pub fn url_date(url: &str) -> Option<NaiveDate> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let path = path.split('#').next().unwrap_or(path);
    // The host is no part of the path.
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    path_date(&segments).or_else(|| query.and_then(query_date))
}

/// The first date the path segments show: year, month and day as three segments, or one
/// segment that is or opens with a whole date.
fn path_date(segments: &[&str]) -> Option<NaiveDate> {
    for (i, seg) in segments.iter().enumerate() {
        if let Some(d) = ymd_segments(&segments[i..]) {
            return Some(d);
        }
        if let Some(d) = dashed_date(seg).or_else(|| compact_date(seg)) {
            return Some(d);
        }
    }
    None
}

/// `2024/04/19` (or `2025/8/30`) as three whole segments.
fn ymd_segments(segments: &[&str]) -> Option<NaiveDate> {
    let [y, m, d, ..] = segments else {
        return None;
    };
    let year = number(y, 4, 4)?;
    let month = number(m, 1, 2)?;
    let day = number(d, 1, 2)?;
    plausible(year as i32, month, day)
}

/// A segment that is `2024-04-19`, or opens with it followed by `-`, `_` or `.`.
fn dashed_date(seg: &str) -> Option<NaiveDate> {
    let head = seg.get(..10)?;
    let tail = &seg[10..];
    if !(tail.is_empty() || tail.starts_with(['-', '_', '.'])) {
        return None;
    }
    let b = head.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    plausible(
        number(&head[..4], 4, 4)? as i32,
        number(&head[5..7], 2, 2)?,
        number(&head[8..], 2, 2)?,
    )
}

/// A segment of exactly eight digits, or eight digits followed by `-` or `_`: `20240419`.
fn compact_date(seg: &str) -> Option<NaiveDate> {
    let head = seg.get(..8)?;
    let tail = &seg[8..];
    if !(tail.is_empty() || tail.starts_with(['-', '_'])) {
        return None;
    }
    number(head, 8, 8)?;
    plausible(
        head[..4].parse().ok()?,
        head[4..6].parse().ok()?,
        head[6..].parse().ok()?,
    )
}

/// `date=2024-04-19` (or `published=`, `pubdate=`) in a query.
fn query_date(query: &str) -> Option<NaiveDate> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        let key = key.to_ascii_lowercase();
        matches!(key.as_str(), "date" | "published" | "pubdate" | "d")
            .then(|| iso_date(value).or_else(|| compact_date(value)))
            .flatten()
    })
}

/// `s` as a number when it is all ASCII digits, `min..=max` of them.
fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

/// The day, when it exists and its year is a plausible publication year.
fn plausible(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    (FIRST_YEAR..=LAST_YEAR).contains(&year).then_some(())?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Metadata names whose `content` is the publication date, most telling first.
const META_NAMES: [&str; 10] = [
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "DC.date.issued",
    "dcterms.created",
    "DC.date",
    "dcterms.date",
    "date",
];

/// The publication date of an HTML page's metadata: a `<meta>` tag of [`META_NAMES`] (by
/// `property`, `name` or `itemprop`), else JSON-LD's `"datePublished"`, else the first
/// `<time datetime>`.
///
/// ```
/// use badia::ingest::metadata_date;
/// use chrono::NaiveDate;
/// let html = r#"<script type="application/ld+json">{"@type":"NewsArticle",
///     "datePublished":"2023-10-19T08:15:00+03:00"}</script>"#;
/// assert_eq!(metadata_date(html), NaiveDate::from_ymd_opt(2023, 10, 19));
/// ```
pub fn metadata_date(html: &str) -> Option<NaiveDate> {
    META_NAMES
        .iter()
        .find_map(|name| meta_date(html, name))
        .or_else(|| json_ld_date(html))
        .or_else(|| time_date(html))
}

/// The date in the `content` of the `<meta>` tag that names `name`.
fn meta_date(html: &str, name: &str) -> Option<NaiveDate> {
    meta_values(html, name).find_map(|c| iso_date(&c))
}

/// The `content` of every `<meta>` tag that names `name` (by `property`, `name` or
/// `itemprop`, quoted either way), as written.
pub(super) fn meta_values<'h>(html: &'h str, name: &'h str) -> impl Iterator<Item = String> + 'h {
    tags_naming(html, name)
        .filter(|tag| tag.trim_start().to_ascii_lowercase().starts_with("meta"))
        .filter_map(|tag| attribute(tag, "content"))
}

/// The insides of the tags in which `"name"` or `'name'` stands.
pub(super) fn tags_naming<'h>(html: &'h str, name: &'h str) -> impl Iterator<Item = &'h str> + 'h {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(at) = find_quoted(&html[from..], name) {
            let at = from + at;
            from = at + name.len();
            if let Some(tag) = enclosing_tag(html, at) {
                return Some(tag);
            }
        }
        None
    })
}

/// Where `"name"` or `'name'` stands in `html`.
fn find_quoted(html: &str, name: &str) -> Option<usize> {
    let double = html.find(&format!("\"{name}\""));
    let single = html.find(&format!("'{name}'"));
    match (double, single) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The inside of the tag around byte `at` (between `<` and `>`).
fn enclosing_tag(html: &str, at: usize) -> Option<&str> {
    let start = html[..at].rfind('<')?;
    if html[start..at].contains('>') {
        return None;
    }
    let end = at + html[at..].find('>')?;
    Some(&html[start + 1..end])
}

/// The value of attribute `name` in a tag's inside, quoted either way.
pub(super) fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let at = from + at;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[at + name.len()..].trim_start();
        let Some(rest) = rest.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let quote = rest.chars().next()?;
        if quote == '"' || quote == '\'' {
            let end = rest[1..].find(quote)?;
            return Some(rest[1..1 + end].to_string());
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        return Some(rest[..end].to_string());
    }
    None
}

/// JSON-LD's `"datePublished": "…"`.
fn json_ld_date(html: &str) -> Option<NaiveDate> {
    let at = html.find("\"datePublished\"")? + "\"datePublished\"".len();
    let rest = html[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    iso_date(&rest[..rest.find('"')?])
}

/// The first `<time datetime="…">`.
fn time_date(html: &str) -> Option<NaiveDate> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<time") {
        let at = from + at;
        from = at + 5;
        let end = at + html[at..].find('>')?;
        if let Some(d) = attribute(&html[at + 1..end], "datetime").and_then(|v| iso_date(&v)) {
            return Some(d);
        }
    }
    None
}

/// The day of an ISO 8601 date or date-time (`2024-04-19`, `2024-04-19T10:00:00+03:00`).
pub fn iso_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let head = value.get(..10)?;
    let rest = &value[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
        return None;
    }
    dashed_date(head)
}

/// English month names as an embedded post's signature writes them, full or cut to three
/// letters ("October", "Oct").
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The latest date of a post the page embeds: a scraped page keeps an embedded tweet as its
/// text, signed `— Name (@handle) October 8, 2021`. A news page is written no earlier than
/// the posts it quotes, and mostly on their day; a date after today is taken for a mistake.
/// The caller trusts the date only when the text's weekdays agree with it.
///
/// ```
/// use badia::ingest::published::embedded_post_date;
/// use chrono::NaiveDate;
/// let text = "قصف على المطار.\n— فلان (@someone) October 8, 2021\nوقال …";
/// assert_eq!(embedded_post_date(text), NaiveDate::from_ymd_opt(2021, 10, 8));
/// assert_eq!(embedded_post_date("تواصل معنا عبر (@outlet) على تويتر"), None);
/// ```
pub fn embedded_post_date(text: &str) -> Option<NaiveDate> {
    text.match_indices("(@")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            let close = rest.find(')')?;
            let handle = &rest[..close];
            let handle_ok = !handle.is_empty()
                && handle.len() <= 30
                && handle
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_');
            handle_ok
                .then(|| signature_date(&rest[close + 1..]))
                .flatten()
        })
        // A post is never dated after today: a mistyped year would date the page to come.
        .filter(|&d| today().is_none_or(|t| d <= t))
        .max()
}

/// Today's date (UTC) by the system clock, if it reads after 1970.
fn today() -> Option<NaiveDate> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_days(chrono::Days::new(secs / 86_400))
}

/// The `Month D, YYYY` that opens `text` (after spaces).
fn signature_date(text: &str) -> Option<NaiveDate> {
    let mut words = text.split_whitespace();
    let month = words.next()?.to_ascii_lowercase();
    let month = MONTHS
        .iter()
        .position(|m| month.len() >= 3 && m.starts_with(month.trim_end_matches('.')))?;
    let day = number(words.next()?.strip_suffix(',')?, 1, 2)?;
    let year = words.next()?;
    let year = year
        .get(..4)
        .filter(|_| year.len() == 4 || !year.as_bytes()[4].is_ascii_digit())?;
    plausible(number(year, 4, 4)? as i32, month as u32 + 1, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn url_forms() {
        let rows = [
            ("https://a.net/news/2025/10/16/4-slug", day(2025, 10, 16)),
            (
                "https://a.com/details/2025/8/30/2845225/slug",
                day(2025, 8, 30),
            ),
            ("http://a.com/2019/06/24/124263.html", day(2019, 6, 24)),
            ("https://a.net/%D8%A3/2023/10/23/%D9%84", day(2023, 10, 23)),
            (
                "https://a.org/2024-04-19-raid-near-palmyra",
                day(2024, 4, 19),
            ),
            ("https://a.org/2024-04-19/", day(2024, 4, 19)),
            ("https://a.org/p/20240419_raid", day(2024, 4, 19)),
            ("https://a.org/show?date=20240419", day(2024, 4, 19)),
            (
                "https://a.org/show?published=2024-04-19T08:00",
                day(2024, 4, 19),
            ),
        ];
        for (url, want) in rows {
            assert_eq!(url_date(url), want, "{url}");
        }
    }

    #[test]
    fn embedded_post_signatures() {
        let rows = [
            ("— Name (@x) October 8, 2021", day(2021, 10, 8)),
            (
                "— اسم (@a_b9) Sep 30, 2023 — اسم (@c) Oct. 2, 2023",
                day(2023, 10, 2),
            ),
            ("(@x) May 1, 2024.", day(2024, 5, 1)),
            // No handle, a handle that is no handle, no day, no such day, no plausible year.
            ("— Name October 8, 2021", None),
            ("(@ x) October 8, 2021", None),
            ("(@x) October 2021", None),
            ("(@x) February 30, 2024", None),
            ("(@x) March 3, 1921", None),
            ("(@x) Ma 3, 2024", None),
            ("(@x) March 3, 20245", None),
            // A date to come is a mistake: the latest of the others is the page's.
            (
                "(@a) October 8, 2021 (@b) October 9, 2099",
                day(2021, 10, 8),
            ),
        ];
        for (text, want) in rows {
            assert_eq!(embedded_post_date(text), want, "{text}");
        }
    }

    #[test]
    fn url_false_friends() {
        let rows = [
            // A blog's month folder and a page number: no day.
            "https://x.blogspot.com/2019/03/19_9.html",
            // Article ids that happen to start like a date.
            "https://a.com/archives/20240419123",
            "https://a.com/news/politics/2217989",
            "https://a.com/?p=20240419",
            // An impossible day, and a year outside the range.
            "https://a.com/2023/02/30/slug",
            "https://a.com/1880/01/02/slug",
            "https://a.com/20241399/",
            // A year-like host.
            "https://2024.example.org/",
        ];
        for url in rows {
            assert_eq!(url_date(url), None, "{url}");
        }
    }

    #[test]
    fn metadata_forms() {
        let rows = [
            (
                r#"<meta property="article:published_time" content="2024-01-11T09:00:00Z">"#,
                day(2024, 1, 11),
            ),
            (
                r#"<meta content='2024-01-11' name='pubdate'/>"#,
                day(2024, 1, 11),
            ),
            (
                r#"<meta itemprop="datePublished" content="2022-05-02">"#,
                day(2022, 5, 2),
            ),
            (
                r#"<meta name="DC.date.issued" content="2021-08-23">"#,
                day(2021, 8, 23),
            ),
            (
                r#"<p>x</p><time class="t" datetime="2020-10-03T12:00">3 أكتوبر</time>"#,
                day(2020, 10, 3),
            ),
            (
                r#"{"@context":"https://schema.org","datePublished" : "2019-02-07"}"#,
                day(2019, 2, 7),
            ),
            (r#"<meta name="date" content="yesterday">"#, None),
            (r#"<p>"date"</p>"#, None),
        ];
        for (html, want) in rows {
            assert_eq!(metadata_date(html), want, "{html}");
        }
    }
}
