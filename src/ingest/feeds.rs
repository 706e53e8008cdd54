//! Feeds and channel exports as inputs: RSS 2.0 and Atom (through `feed-rs`), and the JSON
//! export of a Telegram channel. Each item or message becomes an [`Article`] with its own
//! publication date ([`DateSource::Feed`]), link and outlet (the feed's or channel's title).
//!
//! Dates are read as the publisher wrote them, in the publisher's time zone: a post at 01:00
//! Damascus time is that day, not the day before in UTC.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::{finish, html_to_text, push_article, strip_boilerplate, Ingested};
use crate::error::{Diagnostic, Severity};
use crate::model::{Article, DateSource};

/// Reads an RSS or Atom feed: one article per item, title then content (or summary).
pub fn read_feed(file_id: &str, origin: &str, bytes: &[u8], result: &mut Ingested) {
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(local_day)
        .build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        Err(e) => {
            let message = format!("not a readable RSS or Atom feed: {e}");
            let d = Diagnostic::file(Severity::Error, origin.to_string(), message);
            result.diagnostics.push(d);
            return;
        }
    };
    let outlet = feed
        .title
        .map(|t| t.content)
        .filter(|t| !t.trim().is_empty());
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let body = entry
            .content
            .and_then(|c| c.body)
            .or(entry.summary.map(|s| s.content))
            .map(|b| html_to_text(&b))
            .unwrap_or_default();
        let title = entry.title.map(|t| html_to_text(&t.content));
        let text = match &title {
            Some(t) if !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
            _ => body,
        };
        if text.trim().is_empty() {
            let message = format!("item {}: no text", i + 1);
            let d = Diagnostic::file(Severity::Warning, origin.to_string(), message);
            result.diagnostics.push(d);
            continue;
        }
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| l.href.clone());
        let id = if entry.id.trim().is_empty() {
            format!("{file_id}#{}", i + 1)
        } else {
            entry.id
        };
        let published = entry.published.or(entry.updated).map(|d| d.date_naive());
        push_article(
            result,
            feed_article(id, origin, &text, url, outlet.clone(), published),
        );
    }
}

/// The day a feed's timestamp names in its own time zone, as midnight UTC of that day (RFC
/// 2822 as RSS writes it, RFC 3339 as Atom does, or a bare ISO date).
fn local_day(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let day = DateTime::parse_from_rfc2822(text)
        .or_else(|_| DateTime::parse_from_rfc3339(text))
        .map(|d| d.date_naive())
        .ok()
        .or_else(|| super::published::iso_date(text))?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

fn feed_article(
    id: String,
    origin: &str,
    text: &str,
    url: Option<String>,
    outlet: Option<String>,
    published: Option<NaiveDate>,
) -> Article {
    let article = Article {
        id,
        origin: origin.to_string(),
        text: strip_boilerplate(text),
        url,
        outlet,
        published,
        published_from: published.map(|_| DateSource::Feed),
    };
    finish(article)
}

/// A Telegram channel export (`result.json` of Telegram Desktop's "Export chat history").
#[derive(Debug, Deserialize)]
struct Channel {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    id: Option<i64>,
    /// Some exports name the public channel's user name.
    #[serde(default)]
    username: Option<String>,
    messages: Vec<serde_json::Value>,
}

/// One message of an export, as far as it is read.
#[derive(Debug, Deserialize)]
struct Message {
    id: i64,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    text: MessageText,
}

/// A message's text: a string, or a list of plain strings and entities with a `text`.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum MessageText {
    Plain(String),
    Parts(Vec<TextPart>),
    #[default]
    None,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum TextPart {
    Plain(String),
    Entity { text: String },
    Other(serde::de::IgnoredAny),
}

impl MessageText {
    fn joined(self) -> String {
        match self {
            MessageText::Plain(s) => s,
            MessageText::Parts(parts) => parts
                .into_iter()
                .map(|p| match p {
                    TextPart::Plain(s) | TextPart::Entity { text: s } => s,
                    TextPart::Other(_) => String::new(),
                })
                .collect(),
            MessageText::None => String::new(),
        }
    }
}

/// Whether a JSON document is a Telegram channel export (an object with a `messages` list).
pub fn is_channel_export(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    // JSON Lines put a whole object on the first line; an export opens an object across
    // lines and lists `messages` in it.
    let first_line = head.lines().next().unwrap_or("");
    head.starts_with('{')
        && serde_json::from_str::<serde_json::Value>(first_line).is_err()
        && head.contains("\"messages\"")
}

/// Reads a Telegram channel export: one article per message with text; service messages
/// (pins, joins) and messages without text are left out. A message that cannot be read is
/// reported with its id and the rest go on.
pub fn read_channel(origin: &str, text: &str, result: &mut Ingested) {
    let mut channel: Channel = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(c) => c,
        Err(e) => {
            let d = Diagnostic::at_line(
                std::path::Path::new(origin),
                e.line() as u64,
                format!("not a readable Telegram export: {e}"),
            );
            result.diagnostics.push(d);
            return;
        }
    };
    let outlet = channel.name.clone().filter(|n| !n.trim().is_empty());
    let messages = std::mem::take(&mut channel.messages);
    for (i, value) in messages.into_iter().enumerate() {
        let message: Message = match serde_json::from_value(value) {
            Ok(m) => m,
            Err(e) => {
                let msg = format!("message {}: cannot be read: {e}", i + 1);
                let d = Diagnostic::file(Severity::Warning, origin.to_string(), msg);
                result.diagnostics.push(d);
                continue;
            }
        };
        if message.kind.as_deref().is_some_and(|k| k != "message") {
            continue;
        }
        let body = message.text.joined();
        if body.trim().is_empty() {
            continue;
        }
        let url = message_link(&channel, message.id);
        let published = message.date.as_deref().and_then(super::published::iso_date);
        let id = format!("{}/{}", channel_key(&channel), message.id);
        push_article(
            result,
            feed_article(id, origin, &body, url, outlet.clone(), published),
        );
    }
}

/// The channel's public name, or its number.
fn channel_key(channel: &Channel) -> String {
    match (&channel.username, channel.id) {
        (Some(u), _) if !u.is_empty() => u.trim_start_matches('@').to_string(),
        (_, Some(id)) => id.to_string(),
        _ => "channel".to_string(),
    }
}

/// A message's link: `https://t.me/NAME/ID` for a public channel whose name the export
/// gives, `https://t.me/c/NUMBER/ID` (members' link) otherwise.
fn message_link(channel: &Channel, message: i64) -> Option<String> {
    match (&channel.username, channel.id) {
        (Some(u), _) if !u.is_empty() => Some(format!(
            "https://t.me/{}/{message}",
            u.trim_start_matches('@')
        )),
        (_, Some(id)) => Some(format!("https://t.me/c/{id}/{message}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>شبكة أخبار البادية</title>
<item><title>مقتل عنصرين بانفجار لغم في بادية السخنة</title>
<link>https://news.example.org/p/101</link>
<pubDate>Fri, 19 Apr 2024 01:30:00 +0300</pubDate>
<description><![CDATA[<p>قتل عنصران من قوات النظام أمس الخميس بانفجار لغم أرضي في بادية السخنة.</p>]]></description>
</item>
<item><title>بلا نص</title><link>https://news.example.org/p/102</link></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_dated_articles() {
        let mut r = Ingested::default();
        read_feed("feed.xml", "feed.xml", RSS.as_bytes(), &mut r);
        assert_eq!(r.articles.len(), 2, "{:?}", r.diagnostics);
        let a = &r.articles[0];
        // 01:30 in Damascus is still the 19th, though it is the 18th in UTC.
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 4, 19));
        assert_eq!(a.published_from, Some(DateSource::Feed));
        assert_eq!(a.url.as_deref(), Some("https://news.example.org/p/101"));
        assert_eq!(a.outlet.as_deref(), Some("شبكة أخبار البادية"));
        assert!(a.text.starts_with("مقتل عنصرين"));
        assert!(a.text.contains("أمس الخميس بانفجار"), "{}", a.text);
        assert_eq!(r.articles[1].published, None);
    }

    #[test]
    fn atom_entries_take_published_then_updated() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>مرصد</title><id>urn:feed</id>
<updated>2023-10-24T10:00:00Z</updated>
<entry><title>هجوم بطائرات مسيرة على قاعدة التنف</title><id>urn:e1</id>
<link rel="alternate" href="https://obs.example.org/e1"/>
<updated>2023-10-20T09:00:00+03:00</updated>
<content type="html">&lt;p&gt;تعرضت قاعدة التنف لهجوم بطائرات مسيرة.&lt;/p&gt;</content></entry>
</feed>"#;
        let mut r = Ingested::default();
        read_feed("a.atom", "a.atom", atom.as_bytes(), &mut r);
        assert_eq!(r.articles.len(), 1, "{:?}", r.diagnostics);
        let a = &r.articles[0];
        assert_eq!(a.id, "urn:e1");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2023, 10, 20));
        assert_eq!(a.url.as_deref(), Some("https://obs.example.org/e1"));
        assert!(a.text.contains("قاعدة التنف لهجوم"));
    }

    #[test]
    fn a_broken_feed_is_reported() {
        let mut r = Ingested::default();
        read_feed("x.xml", "x.xml", b"<rss><channel><item>", &mut r);
        assert!(r.articles.is_empty());
        assert_eq!(r.diagnostics.len(), 1);
        assert!(r.diagnostics[0].to_string().contains("x.xml"));
    }

    const EXPORT: &str = r#"{
 "name": "أخبار البادية",
 "type": "public_channel",
 "id": 1234567,
 "messages": [
  {"id": 7, "type": "service", "date": "2024-04-18T10:00:00", "action": "pin_message", "text": ""},
  {"id": 8, "type": "message", "date": "2024-04-19T08:10:00",
   "text": ["عاجل | ", {"type": "bold", "text": "مقتل 3 عناصر"}, " من قوات النظام بهجوم لداعش في بادية تدمر."]},
  {"id": 9, "type": "message", "date": "2024-04-20T11:00:00", "text": "انفجار لغم قرب السخنة"},
  {"id": 10, "type": "message", "date": "2024-04-20T12:00:00", "photo": "photos/1.jpg", "text": ""}
 ]
}"#;

    #[test]
    fn telegram_export_messages_with_entities() {
        assert!(is_channel_export(EXPORT));
        assert!(!is_channel_export("{\"text\": \"x\", \"messages\": 1}\n"));
        let mut r = Ingested::default();
        read_channel("result.json", EXPORT, &mut r);
        assert_eq!(r.articles.len(), 2, "{:?}", r.diagnostics);
        let a = &r.articles[0];
        assert_eq!(
            a.text,
            "عاجل | مقتل 3 عناصر من قوات النظام بهجوم لداعش في بادية تدمر."
        );
        assert_eq!(a.id, "1234567/8");
        assert_eq!(a.url.as_deref(), Some("https://t.me/c/1234567/8"));
        assert_eq!(a.outlet.as_deref(), Some("أخبار البادية"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 4, 19));
        assert_eq!(a.published_from, Some(DateSource::Feed));
        assert_eq!(r.articles[1].text, "انفجار لغم قرب السخنة");
    }

    #[test]
    fn a_broken_export_names_its_line() {
        let mut r = Ingested::default();
        read_channel(
            "result.json",
            "{\n \"messages\": [\n  {\"id\": }\n ]\n}",
            &mut r,
        );
        assert!(r.articles.is_empty());
        let d = r.diagnostics[0].to_string();
        assert!(d.contains("result.json:3"), "{d}");
    }
}
