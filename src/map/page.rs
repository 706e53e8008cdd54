//! The page itself: the data the page reads (events, context places, settings) as JSON that is
//! safe inside a `<script>` element, and the HTML template filled with it. Every string from
//! articles and the gazetteer stays inside that JSON; the page builds its DOM from it with
//! `textContent` only.

use serde_json::{json, Value};

use crate::gazetteer::{Gazetteer, ATTRIBUTION};
use crate::model::{Event, PlaceKind};

use super::{assets, Basemap, MapOptions};

/// Syria's extent (west, south, east, north), the view when there is no event.
pub const SYRIA_BOUNDS: [f64; 4] = [35.7, 32.3, 42.4, 37.3];

/// The point an event is drawn at: its place, or for a road the middle vertex of its line.
pub fn event_point(e: &Event) -> Option<[f64; 2]> {
    e.coords.get(e.coords.len() / 2).copied()
}

/// What the page shows of one event (the popup's fields), as a GeoJSON Feature.
pub fn event_feature(e: &Event, point: [f64; 2]) -> Value {
    let round = |v: f64| (v * 1e5).round() / 1e5;
    json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(point[0]), round(point[1])]},
        "properties": {
            "event_id": e.event_id,
            "date": e.date.map(|d| d.format("%Y-%m-%d").to_string()),
            "event_type": e.event_type,
            "sub_event_type": e.sub_event_type,
            "actor1": e.actor1,
            "assoc_actor_1": e.assoc_actor_1,
            "actor2": e.actor2,
            "assoc_actor_2": e.assoc_actor_2,
            "fatalities": e.fatalities,
            "fatalities_low": e.fatalities_low,
            "fatalities_high": e.fatalities_high,
            "injured": e.injured,
            "location": e.location,
            "location_ar": e.location_ar,
            "location_text": e.location_text,
            "admin1": e.admin1,
            "geo_precision": e.geo_precision,
            "sources": e.sources.iter().map(|s| json!({
                "article_id": s.article_id, "outlet": s.outlet, "url": s.url,
            })).collect::<Vec<_>>(),
            "evidence": e.evidence.iter().map(|ev| ev.text.as_str()).collect::<Vec<_>>(),
        }
    })
}

/// The context layer that orients a reader without a base map: governorate centres, cities
/// and towns of the gazetteer, with Arabic and English names.
pub fn context_features(gaz: &Gazetteer) -> Value {
    let features: Vec<Value> = gaz
        .places
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                PlaceKind::Governorate | PlaceKind::City | PlaceKind::Town
            )
        })
        .map(|p| {
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {"kind": p.kind.as_str(), "name_en": p.name_en, "name_ar": p.name_ar},
            })
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// Syria's outline (Natural Earth 1:10m, public domain; see `data/README.md`).
pub const OUTLINE_GEOJSON: &str = include_str!("../../data/syria_outline.geojson");

/// How far (in degrees, about 500 m) the outline may stray from its source when simplified:
/// finer than a line's width at the zooms where the whole country shows.
const OUTLINE_TOLERANCE: f64 = 0.005;

/// Syria's outline, one line per ring, simplified (Ramer–Douglas–Peucker, `geo`): the shape
/// of the country for a reader without a base map, in the page and in the tiles.
pub fn outline_lines() -> Vec<Vec<[f64; 2]>> {
    use geo::{LineString, Simplify};
    let source: Value = serde_json::from_str(OUTLINE_GEOJSON).expect("bundled outline is JSON");
    let mut lines = Vec::new();
    for f in source["features"].as_array().into_iter().flatten() {
        for ring in f["geometry"]["coordinates"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let line: LineString<f64> = ring
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                .collect();
            lines.push(
                line.simplify(&OUTLINE_TOLERANCE)
                    .coords()
                    .map(|c| [(c.x * 1e4).round() / 1e4, (c.y * 1e4).round() / 1e4])
                    .collect(),
            );
        }
    }
    lines
}

/// [`outline_lines`] as GeoJSON LineStrings for the page's line layer.
pub fn outline_features() -> Value {
    let features: Vec<Value> = outline_lines()
        .into_iter()
        .map(|coords| {
            json!({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coords},
                "properties": {"kind": "country"},
            })
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// Everything the page reads, as one JSON value: every event embedded (`events`).
pub fn page_data(events: &[Event], gaz: &Gazetteer, opts: &MapOptions) -> Value {
    let features: Vec<Value> = events
        .iter()
        .filter_map(|e| Some(event_feature(e, event_point(e)?)))
        .collect();
    let mut data = common_data(events, gaz, opts);
    data["events"] = json!({"type": "FeatureCollection", "features": features});
    data
}

/// What the page of a large map reads: no event, only how many each calendar month holds
/// (`periods`: `period` "YYYY-MM", "" for undated events, first; `count`; `types`, counts per
/// type in the legend's order ([`crate::output::style::TYPE_COLOURS`]) and "Other"), the events themselves being read from `events.pmtiles`.
pub fn large_page_data(events: &[Event], gaz: &Gazetteer, opts: &MapOptions) -> Value {
    let mut months: std::collections::BTreeMap<String, (usize, [usize; 7])> =
        std::collections::BTreeMap::new();
    for e in events.iter().filter(|e| event_point(e).is_some()) {
        let period = e
            .date
            .map(|d| d.format("%Y-%m").to_string())
            .unwrap_or_default();
        let entry = months.entry(period).or_default();
        entry.0 += 1;
        entry.1[crate::output::style::legend_position(e.event_type)] += 1;
    }
    let total: usize = months.values().map(|m| m.0).sum();
    let periods: Vec<Value> = months
        .into_iter()
        .map(|(period, (count, types))| json!({"period": period, "count": count, "types": types}))
        .collect();
    let mut data = common_data(events, gaz, opts);
    if let Some(o) = data.as_object_mut() {
        o.remove("events");
    }
    let zooms = crate::tiles::TileOptions::default();
    data["tiles"] = json!({
        "url": "events.pmtiles", "minzoom": zooms.min_zoom, "maxzoom": zooms.max_zoom,
        "total": total, "periods": periods,
    });
    data
}

/// What every page reads besides the events: title, attribution, base map, the events'
/// extent, the context places and the outline.
fn common_data(events: &[Event], gaz: &Gazetteer, opts: &MapOptions) -> Value {
    let mut bounds = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for p in events.iter().filter_map(event_point) {
        bounds = [
            bounds[0].min(p[0]),
            bounds[1].min(p[1]),
            bounds[2].max(p[0]),
            bounds[3].max(p[1]),
        ];
    }
    if bounds[0] > bounds[2] {
        bounds = SYRIA_BOUNDS;
    }
    let basemap = match &opts.basemap {
        None => Value::Null,
        Some(Basemap::Style(url)) => json!({"style": url}),
        Some(Basemap::Raster(url)) => json!({"raster": url}),
    };
    json!({
        "title": opts.title,
        "lang": opts.lang.code(),
        "description": opts.description,
        "credit": opts.credit,
        "downloads": null,
        "attribution": ATTRIBUTION,
        "basemap": basemap,
        "bounds": [[bounds[0], bounds[1]], [bounds[2], bounds[3]]],
        // Filled by the caller: the events, or nothing for a large map.
        "events": null,
        "context": context_features(gaz),
        "outline": outline_features(),
    })
}

/// JSON text that can sit inside a `<script>` element: `<`, `>` and `&` are written as
/// `\u003c`, `\u003e`, `\u0026` (so no `</script>` or `<!--` can appear), and the line
/// separators U+2028/U+2029 escaped too. `JSON.parse` reads it back unchanged.
pub fn script_safe_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text for an HTML text node (the `<title>`).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Fills `{{NAME}}` markers of `template` in one pass, so a value that itself contains a
/// marker is never filled again.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + len];
        out.push_str(&rest[..start]);
        match values.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// A script inlined into the page: refuses text that would end the element early.
fn inline_script(js: &str) -> Result<String, crate::error::Error> {
    if js.to_ascii_lowercase().contains("</script") {
        return Err(crate::error::Error::Format(
            "a bundled script contains </script and cannot be inlined".into(),
        ));
    }
    Ok(format!("<script>{js}</script>"))
}

/// The CSP source expression of an inline element's text: `'sha256-…'`.
pub fn csp_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding (RFC 4648 §4), as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The page's Content-Security-Policy. Scripts and styles only from the page's own files
/// (`'self'`) or, inlined in a single-file page, only those whose hashes are listed
/// (`inline_scripts`, `inline_styles`: their exact text); the data element is JSON, which
/// no browser executes. MapLibre runs its worker from a `blob:` URL and draws images from
/// `data:` and `blob:` URLs. Fetches (the vector tiles) go to the page's own origin and to
/// the base map's origin when one is named; nothing else is loaded, and no plug-in, `<base>`
/// or form target is allowed.
pub fn content_security_policy(
    basemap: Option<&Basemap>,
    inline_scripts: &[&str],
    inline_styles: &[&str],
) -> String {
    let origin = basemap
        .and_then(|b| b.origin())
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    let hashes =
        |texts: &[&str]| -> String { texts.iter().map(|t| format!(" {}", csp_hash(t))).collect() };
    format!(
        "default-src 'none'; script-src 'self'{}; style-src 'self'{}; \
         img-src 'self' data: blob:{origin}; connect-src 'self'{origin}; \
         worker-src blob:; child-src blob:; object-src 'none'; base-uri 'none'; \
         form-action 'none'",
        hashes(inline_scripts),
        hashes(inline_styles),
    )
}

/// The page: `index.html` that loads its scripts and styles from files beside it
/// (`single_file` false) or carries them inline, with a Content-Security-Policy `<meta>`
/// that allows exactly those.
pub fn render(
    data: &Value,
    opts: &MapOptions,
    single_file: bool,
) -> Result<String, crate::error::Error> {
    let (styles, scripts, policy) = if single_file {
        let css = format!("\n{}\n{}\n", assets::MAPLIBRE_CSS, assets::MAP_CSS);
        if css.to_ascii_lowercase().contains("</style") {
            return Err(crate::error::Error::Format(
                "a bundled style sheet contains </style and cannot be inlined".into(),
            ));
        }
        let inline = [assets::MAPLIBRE_JS, assets::PMTILES_JS, assets::MAP_JS];
        let scripts = inline
            .iter()
            .map(|js| inline_script(js))
            .collect::<Result<Vec<_>, _>>()?
            .join("\n");
        let policy = content_security_policy(opts.basemap.as_ref(), &inline, &[&css]);
        (format!("<style>{css}</style>"), scripts, policy)
    } else {
        (
            "<link rel=\"stylesheet\" href=\"maplibre-gl.css\">\n<link rel=\"stylesheet\" href=\"map.css\">"
                .to_string(),
            "<script src=\"maplibre-gl.js\"></script>\n<script src=\"pmtiles.js\"></script>\n<script src=\"map.js\"></script>"
                .to_string(),
            content_security_policy(opts.basemap.as_ref(), &[], &[]),
        )
    };
    Ok(fill(
        assets::INDEX_HTML,
        &[
            ("CSP", &escape_html(&policy)),
            ("LANG", opts.lang.code()),
            ("DIR", opts.lang.dir()),
            ("TITLE", &escape_html(&opts.title)),
            ("STYLES", &styles),
            ("DATA", &script_safe_json(data)),
            ("SCRIPTS", &scripts),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's own copy of ACLED's codebook is the crate's: `TYPE_OF_SUB` in map.js gives
    /// every sub-event type the type [`SubEventType::event_type`] gives it (by its position in
    /// the legend), and the Arabic interface names every event type.
    #[test]
    fn the_page_codes_as_the_codebook() {
        use crate::model::{EventType, SubEventType};
        use crate::output::style::legend_position;
        let js = crate::map::assets::MAP_JS;
        let from = js
            .find("const TYPE_OF_SUB = {};")
            .expect("map.js has TYPE_OF_SUB");
        let to = from
            + js[from..]
                .find("]) for (const sub of subs)")
                .expect("its list ends");
        let mut listed: Vec<(usize, String)> = Vec::new();
        for line in js[from..to]
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("["))
        {
            let (position, subs): (usize, Vec<String>) =
                serde_json::from_str(line.trim_end_matches(',')).expect("a [type, [subs]] row");
            listed.extend(subs.into_iter().map(|s| (position, s)));
        }
        let mut expected: Vec<(usize, String)> = SubEventType::ALL
            .iter()
            .map(|s| (legend_position(s.event_type()), s.as_str().to_string()))
            .collect();
        listed.sort();
        expected.sort();
        assert_eq!(listed, expected);
        let arabic = &js[js.find("types: {").expect("the Arabic type names")..];
        for t in EventType::ALL {
            assert!(
                arabic.contains(&format!("\"{t}\": \"")),
                "no Arabic name for {t}"
            );
        }
    }

    #[test]
    fn script_safe_json_cannot_close_the_script_and_reads_back_unchanged() {
        let v = json!({"t": "</script><img src=x onerror=alert(1)> & <!-- \u{2028}"});
        let s = script_safe_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn fill_does_not_refill_markers_inside_values() {
        let out = fill("a {{X}} b {{Y}} {{Z}}", &[("X", "{{Y}}"), ("Y", "y")]);
        assert_eq!(out, "a {{Y}} b y {{Z}}");
    }

    #[test]
    fn title_is_escaped() {
        assert_eq!(escape_html("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn bundled_scripts_can_be_inlined_and_the_policy_allows_exactly_them() {
        let page = render(&json!({"title": "t"}), &MapOptions::default(), true).unwrap();
        assert_eq!(page.matches("<script>").count(), 3);
        let policy = policy_of(&page);
        for js in [assets::MAPLIBRE_JS, assets::PMTILES_JS, assets::MAP_JS] {
            assert!(policy.contains(&csp_hash(js)), "{policy}");
        }
        assert_eq!(
            policy.matches("'sha256-").count(),
            4,
            "three scripts, one style"
        );
        assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"));
        // The hashes are of the text between the tags, as the browser computes them.
        let start = page.find("<style>").unwrap() + 7;
        let end = page.find("</style>").unwrap();
        assert!(policy.contains(&csp_hash(&page[start..end])));
    }

    #[test]
    fn the_policy_names_the_base_maps_origin_only() {
        let opts = MapOptions {
            basemap: Some(
                Basemap::parse("https://tiles.example.org:8443/{z}/{x}/{y}.png").unwrap(),
            ),
            ..MapOptions::default()
        };
        let policy = policy_of(&render(&json!({}), &opts, false).unwrap());
        assert!(policy.contains("script-src 'self';"), "{policy}");
        assert!(policy.contains("connect-src 'self' https://tiles.example.org:8443;"));
        assert!(!policy.contains("{z}"));
        let plain = policy_of(&render(&json!({}), &MapOptions::default(), false).unwrap());
        assert!(plain.contains("connect-src 'self';"), "{plain}");
    }

    #[test]
    fn the_outline_is_syria_simplified_to_a_few_kb() {
        let outline = outline_features();
        let ring = outline["features"][0]["geometry"]["coordinates"]
            .as_array()
            .unwrap();
        assert_eq!(ring.first(), ring.last(), "the ring stays closed");
        assert!(ring.len() > 50, "{} points keep the shape", ring.len());
        let size = outline.to_string().len();
        assert!(size < 6_000, "{size} bytes");
        // It spans the country: every point within Syria's extent, give or take a little.
        for p in ring {
            let (x, y) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            assert!(
                (35.6..=42.5).contains(&x) && (32.2..=37.4).contains(&y),
                "{p}"
            );
        }
    }

    #[test]
    fn base64_as_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(
            csp_hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }

    /// The policy of the page's `<meta http-equiv>`, unescaped.
    fn policy_of(page: &str) -> String {
        let start = page
            .find("http-equiv=\"Content-Security-Policy\" content=\"")
            .unwrap()
            + 49;
        let end = start + page[start..].find('"').unwrap();
        page[start..end].replace("&#39;", "'")
    }
}
