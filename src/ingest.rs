//! Ingest: files and folders in, [`Article`]s out. Reads plain text (with optional `URL:`,
//! `OUTLET:`, `DATE:` header lines), HTML (tags, scripts and styles dropped), JSON Lines and CSV
//! (columns `text` plus optional `id`, `url`, `outlet`, `published`), RSS and Atom feeds and
//! Telegram channel exports ([`feeds`]). The publication date is taken from where the
//! publisher put it, with its provenance ([`DateSource`]): a header line, the record's field,
//! the feed, the page's metadata or address ([`published`]), or a date line at the top of
//! the text. Bytes are decoded from
//! UTF-8, UTF-16 with a BOM or windows-1256; scraped boilerplate (navigation, share buttons,
//! "most read" lists, whose phrases are data/rules/boilerplate.csv) is cut so that only the
//! news is read. A bad record is a [`Diagnostic`]
//! with file and line; the rest of the batch goes on.

use std::borrow::Cow;
use std::io::{BufRead, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::error::{Diagnostic, Severity};
use crate::events::dates;
use crate::model::{Article, DateSource};
use crate::normalize::fold;
use crate::rules::{self, WordSet};

pub mod feeds;
pub mod published;

pub use published::{metadata_date, url_date};

/// Largest article text read, in bytes; longer ones are cut with a warning.
pub const MAX_ARTICLE_BYTES: usize = 2 * 1024 * 1024;
/// Largest input file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;
/// Largest single record read, in bytes: a text or HTML page is cut there (its article is cut
/// at [`MAX_ARTICLE_BYTES`] anyway), a longer JSON Lines line or CSV record is skipped.
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    JsonLines,
    Csv,
    /// RSS or Atom.
    Feed,
    /// A Telegram channel export (one JSON document with a `messages` list).
    Channel,
}

impl Format {
    /// The format a file name implies, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" | "json" => Format::JsonLines,
            "csv" => Format::Csv,
            "xml" | "rss" | "atom" => Format::Feed,
            _ => return None,
        })
    }

    /// Guesses the format of text without a telling file name.
    pub fn sniff(text: &str) -> Format {
        let head = text.trim_start_matches('\u{feff}').trim_start();
        if feeds::is_channel_export(head) {
            Format::Channel
        } else if head.starts_with('{') {
            Format::JsonLines
        } else if is_feed(head) {
            Format::Feed
        } else if head.starts_with('<') {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// Whether text opens as an RSS or Atom document.
fn is_feed(head: &str) -> bool {
    let start = &head[..floor_char_boundary(head, 512)];
    let after_prolog = match start.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or("", |(_, r)| r).trim_start(),
        None => start,
    };
    after_prolog.starts_with("<rss")
        || after_prolog.starts_with("<feed")
        || after_prolog.starts_with("<rdf:RDF")
}

/// Articles read from the inputs, and what went wrong on the way.
#[derive(Debug, Default)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Expands inputs into the files to read: folders recursively, in sorted order; `-` stays as
/// standard input. Files with no known extension inside folders are skipped, and so are pipes,
/// sockets and devices (with a diagnostic).
pub fn expand_inputs(inputs: &[PathBuf], diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            let mut seen = std::collections::HashSet::new();
            walk(input, &mut found, &mut seen, diags);
            found.sort();
            out.extend(found);
        } else if input.as_os_str() == "-" || input.exists() {
            // A pipe or device named on the command line is read like standard input.
            out.push(input.clone());
        } else {
            diags.push(Diagnostic::file(
                Severity::Error,
                input.display().to_string(),
                "no such file or folder",
            ));
        }
    }
    out
}

/// Collects the readable files under `dir`. Links are followed, but every real folder is read
/// once, so a link back up the tree (a loop) ends the descent instead of recursing forever.
fn walk(
    dir: &Path,
    found: &mut Vec<PathBuf>,
    seen: &mut std::collections::HashSet<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(real) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::file(
                Severity::Error,
                dir.display().to_string(),
                e.to_string(),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found, seen, diags);
        } else if Format::from_path(&path).is_some() {
            match std::fs::metadata(&path) {
                // A pipe would block the run forever and a device never ends: only regular
                // files are read from folders.
                Ok(meta) if !meta.is_file() => diags.push(Diagnostic::file(
                    Severity::Warning,
                    path.display().to_string(),
                    "not a regular file (a pipe, socket or device): skipped",
                )),
                // A link to nowhere is reported when it is read.
                _ => found.push(path),
            }
        }
    }
}

/// Reads every input into articles.
pub fn read_inputs(inputs: &[PathBuf]) -> Ingested {
    let mut all = Ingested::default();
    read_in_batches(inputs, usize::MAX, &mut |batch| {
        all.articles.extend(batch.articles);
        all.diagnostics.extend(batch.diagnostics);
        ControlFlow::Continue(())
    });
    all
}

/// Reads every input and hands the articles on `batch` at a time (the last batch may be
/// smaller), with the diagnostics met while reading them, in input order. JSON Lines files
/// are read a line at a time, so memory holds one batch, not the file. Reading stops when
/// `take` breaks (its taker is gone: the output failed).
pub fn read_in_batches(
    inputs: &[PathBuf],
    batch: usize,
    take: &mut dyn FnMut(Ingested) -> ControlFlow<()>,
) {
    let mut current = Ingested::default();
    let files = expand_inputs(inputs, &mut current.diagnostics);
    let mut flush = |current: &mut Ingested, at_least: usize| {
        if current.articles.len() >= at_least.max(1)
            || (at_least == 0 && !current.diagnostics.is_empty())
        {
            return take(std::mem::take(current));
        }
        ControlFlow::Continue(())
    };
    for path in files {
        if streams(&path) {
            if stream_json_lines(&path, &mut current, &mut |c| flush(c, batch)).is_break() {
                return;
            }
        } else {
            read_one(&path, &mut current);
        }
        if flush(&mut current, batch).is_break() {
            return;
        }
    }
    let _ = flush(&mut current, 0);
}

/// Whether `path` is read a line at a time: a JSON Lines file (by its name) in UTF-8 or a
/// legacy code page; a UTF-16 file (BOM) or one with NUL bytes near its start is read whole,
/// which reports it properly.
fn streams(path: &Path) -> bool {
    if path.as_os_str() == "-" || Format::from_path(path) != Some(Format::JsonLines) {
        return false;
    }
    let mut head = Vec::new();
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.take(64 * 1024).read_to_end(&mut head).is_err() {
        return false;
    }
    let utf16 = matches!(
        encoding_rs::Encoding::for_bom(&head),
        Some((enc, _)) if enc != encoding_rs::UTF_8
    );
    let export = feeds::is_channel_export(&String::from_utf8_lossy(&head));
    !utf16 && !export && !head.contains(&0) && !head.iter().all(u8::is_ascii_whitespace)
}

/// Reads a JSON Lines file a line at a time, calling `full` after each article; stops when
/// `full` breaks.
fn stream_json_lines(
    path: &Path,
    result: &mut Ingested,
    full: &mut dyn FnMut(&mut Ingested) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let name = path.display().to_string();
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone());
    let file = match open_limited(path) {
        Ok(f) => f,
        Err(message) => {
            let d = Diagnostic::file(Severity::Error, name, message);
            result.diagnostics.push(d);
            return ControlFlow::Continue(());
        }
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut pending = Pending::default();
    let mut line_no = 0u64;
    // Lines are read into one buffer and copied out at their length: growing a new vector for
    // every line would reallocate it a dozen times.
    let mut line = Vec::new();
    loop {
        line.clear();
        // A line over the record limit is counted, not kept: it is skipped anyway.
        let kept = match read_line_capped(&mut reader, &mut line, LINE_CAP) {
            Ok((0, _)) => break,
            Ok((n, kept)) => {
                pending.bytes += line.len();
                if kept {
                    Ok(line.clone())
                } else {
                    line.shrink_to(1 << 16);
                    Err(n)
                }
            }
            Err(e) => {
                pending.parse(path, &id, &name, result, full)?;
                let d = Diagnostic::at_line(path, line_no + 1, e.to_string());
                result.diagnostics.push(d);
                return ControlFlow::Continue(());
            }
        };
        line_no += 1;
        pending.lines.push((line_no, kept));
        if pending.lines.len() >= LINES_AT_ONCE || pending.bytes >= PENDING_BYTES {
            pending.parse(path, &id, &name, result, full)?;
        }
    }
    pending.parse(path, &id, &name, result, full)
}

/// JSON Lines parsed at once: decoding, JSON and boilerplate cutting run in parallel over
/// them, so reading keeps up with extraction on every core.
const LINES_AT_ONCE: usize = 256;

/// Bytes of raw lines held at most before they are parsed.
const PENDING_BYTES: usize = 32 * 1024 * 1024;

/// A JSON Lines line longer than this is not kept (the record limit, and room for a byte
/// order mark, spaces and the line break).
const LINE_CAP: usize = MAX_RECORD_BYTES + 8;

/// Reads a line, through its `\n`, into `buf`, keeping it only when it is at most `cap`
/// bytes long; returns its length and whether it was kept.
fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<(usize, bool)> {
    let mut total = 0;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((total, total <= cap));
        }
        let (take, end) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if total + take <= cap {
            buf.extend_from_slice(&chunk[..take]);
        } else {
            buf.clear();
        }
        total += take;
        reader.consume(take);
        if end {
            return Ok((total, total <= cap));
        }
    }
}

/// Raw lines read and not parsed yet, with their 1-based numbers: the line, or the length of
/// one too long to keep.
#[derive(Default)]
struct Pending {
    lines: Vec<(u64, Result<Vec<u8>, usize>)>,
    bytes: usize,
}

impl Pending {
    /// Parses the lines in parallel and adds them in order, calling `full` after each; stops
    /// adding when `full` breaks.
    fn parse(
        &mut self,
        path: &Path,
        file_id: &str,
        name: &str,
        result: &mut Ingested,
        full: &mut dyn FnMut(&mut Ingested) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let parsed: Vec<Ingested> = self
            .lines
            .par_iter()
            .map(|(line_no, bytes)| {
                let mut one = Ingested::default();
                let bytes = match bytes {
                    Ok(b) => b,
                    Err(len) => {
                        let d = Diagnostic::at_line(path, *line_no, too_long(*len));
                        one.diagnostics.push(d);
                        return one;
                    }
                };
                let (text, lossy) = decode_borrowed(bytes);
                if lossy {
                    let message = "undecodable bytes replaced with U+FFFD";
                    one.diagnostics
                        .push(Diagnostic::at_line(path, *line_no, message));
                }
                json_line(file_id, name, *line_no, &text, &mut one);
                one
            })
            .collect();
        self.lines.clear();
        self.bytes = 0;
        for one in parsed {
            result.diagnostics.extend(one.diagnostics);
            result.articles.extend(one.articles);
            full(result)?;
        }
        ControlFlow::Continue(())
    }
}

fn read_one(path: &Path, result: &mut Ingested) {
    let name = if path.as_os_str() == "-" {
        "-".to_string()
    } else {
        path.display().to_string()
    };
    let page = matches!(Format::from_path(path), Some(Format::Text | Format::Html));
    let read = if page && path.as_os_str() != "-" {
        read_page_bytes(path)
    } else {
        read_bytes(path).map(|b| {
            let size = b.len() as u64;
            (b, size)
        })
    };
    match read {
        Ok((bytes, size)) => read_buffer_sized(&name, &bytes, size, result),
        Err(message) => result
            .diagnostics
            .push(Diagnostic::file(Severity::Error, name, message)),
    }
}

/// Raw bytes read of a text or HTML page: enough for [`MAX_RECORD_BYTES`] of text in any of
/// the encodings read (UTF-16 takes two bytes for an ASCII character), so that a large page is
/// not read whole only to be cut.
const PAGE_READ_BYTES: u64 = 2 * MAX_RECORD_BYTES as u64 + 16;

/// The first [`PAGE_READ_BYTES`] of a page and its whole size. A read that stops inside a
/// character drops that character's bytes, so that the text still decodes as it would whole.
fn read_page_bytes(path: &Path) -> Result<(Vec<u8>, u64), String> {
    let file = open_limited(path)?;
    let size = file.get_ref().metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::new();
    file.take(PAGE_READ_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 == PAGE_READ_BYTES {
        let keep = match encoding_rs::Encoding::for_bom(&bytes) {
            Some((enc, _)) if enc != encoding_rs::UTF_8 => bytes.len() & !1,
            _ => utf8_whole(&bytes),
        };
        bytes.truncate(keep);
    }
    let size = size.max(bytes.len() as u64);
    Ok((bytes, size))
}

/// The length of `bytes` without a UTF-8 sequence cut short at its end.
fn utf8_whole(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=n.min(4) {
        let b = bytes[n - back];
        if b & 0xC0 != 0x80 {
            // The lead byte of the last sequence (or ASCII): is the sequence whole?
            let need = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            return if need > back { n - back } else { n };
        }
    }
    n
}

/// Reads the bytes of one input named `name` (a path, or `-` for standard input) into
/// articles and diagnostics, in the format its extension says or else the text looks
/// ([`Format::sniff`]).
pub fn read_buffer(name: &str, bytes: &[u8], result: &mut Ingested) {
    read_buffer_sized(name, bytes, bytes.len() as u64, result);
}

/// [`read_buffer`] of the first bytes of an input of `size` bytes.
fn read_buffer_sized(name: &str, bytes: &[u8], size: u64, result: &mut Ingested) {
    let path = Path::new(name);
    let name = name.to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        result.diagnostics.push(Diagnostic::file(
            Severity::Warning,
            name,
            "empty file: nothing to read",
        ));
        return;
    }
    if encoding_rs::Encoding::for_bom(bytes).is_none() && bytes.contains(&0) {
        result.diagnostics.push(Diagnostic::file(
            Severity::Error,
            name,
            "not text (NUL bytes; UTF-16 needs a byte order mark): skipped",
        ));
        return;
    }
    let (text, lossy) = decode_borrowed(bytes);
    if lossy {
        result.diagnostics.push(Diagnostic::file(
            Severity::Warning,
            name.clone(),
            "undecodable bytes replaced with U+FFFD",
        ));
    }
    let format = match Format::from_path(path) {
        // A `.json` file is JSON Lines unless it is one channel export.
        Some(Format::JsonLines) if feeds::is_channel_export(&text) => Format::Channel,
        Some(f) => f,
        None => Format::sniff(&text),
    };
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|_| name != "-")
        .unwrap_or_else(|| "stdin".to_string());
    match format {
        Format::Text => {
            let page = cut_page(&name, &text, size, result);
            if let Some((line, message)) = bad_date_header(page) {
                let d = Diagnostic::at_line(Path::new(&name), line, message);
                result.diagnostics.push(d);
            }
            push_article(result, from_text(&id, &name, page))
        }
        Format::Html => {
            let page = cut_page(&name, &text, size, result);
            push_article(result, from_html(&id, &name, page))
        }
        Format::JsonLines => read_json_lines(&id, &name, &text, result),
        Format::Csv => read_csv(&id, &name, &text, result),
        Format::Feed => feeds::read_feed(&id, &name, text.as_bytes(), result),
        Format::Channel => feeds::read_channel(&name, &text, result),
    }
}

/// A text or HTML page cut at [`MAX_RECORD_BYTES`] (at a character boundary), with a warning
/// when it was longer; reading further would only cost time, as the article is cut anyway.
/// `size` is the input's size in bytes, for the warning.
fn cut_page<'a>(name: &str, text: &'a str, size: u64, result: &mut Ingested) -> &'a str {
    if text.len() <= MAX_RECORD_BYTES {
        return text;
    }
    let size = size.max(text.len() as u64);
    result.diagnostics.push(Diagnostic::file(
        Severity::Warning,
        name,
        format!("page of {size} bytes: only the first {MAX_RECORD_BYTES} bytes read"),
    ));
    &text[..floor_char_boundary(text, MAX_RECORD_BYTES)]
}

/// The largest character boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut cut = at.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

fn push_article(result: &mut Ingested, article: Article) {
    let mut article = article;
    if article.text.len() > MAX_ARTICLE_BYTES {
        let cut = floor_char_boundary(&article.text, MAX_ARTICLE_BYTES);
        article.text.truncate(cut);
        result.diagnostics.push(Diagnostic::file(
            Severity::Warning,
            article.origin.clone(),
            format!("article {} cut at {MAX_ARTICLE_BYTES} bytes", article.id),
        ));
    }
    result.articles.push(article);
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_FILE_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        return Ok(bytes);
    }
    open_limited(path)?
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Opens a file no larger than [`MAX_FILE_BYTES`], for reading at most that much.
fn open_limited(path: &Path) -> Result<std::io::Take<std::fs::File>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "file of {len} bytes is larger than the limit of {MAX_FILE_BYTES}"
        ));
    }
    Ok(file.take(MAX_FILE_BYTES))
}

/// Decodes bytes: a BOM decides (UTF-8, UTF-16LE/BE); else UTF-8 if valid; else windows-1256
/// or ISO-8859-6, whichever reads as Arabic (see [`legacy_score`]); else UTF-8 with replacement.
/// The flag says whether bytes were replaced.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    let (text, lossy) = decode_borrowed(bytes);
    (text.into_owned(), lossy)
}

/// [`decode`], borrowing valid UTF-8 instead of copying it.
fn decode_borrowed(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, had_errors);
    }
    // Arabic is all multi-byte characters, where the standard check goes a byte at a time.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return (Cow::Borrowed(s), false);
    }
    let mut best: Option<(i64, Cow<'_, str>)> = None;
    for enc in [encoding_rs::WINDOWS_1256, encoding_rs::ISO_8859_6] {
        let (text, errors) = enc.decode_without_bom_handling(bytes);
        if errors {
            continue;
        }
        if let Some(score) = legacy_score(&text) {
            // Ties go to windows-1256, the commoner encoding.
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, text));
            }
        }
    }
    if let Some((_, text)) = best {
        return (text, false);
    }
    (String::from_utf8_lossy(bytes), true)
}

/// How Arabic a legacy decoding reads: `None` when it is not Arabic text (control characters,
/// or too many non-ASCII characters that are neither Arabic nor common punctuation, as binary
/// junk or the wrong code page gives); else a score that grows with the Arabic letters and the
/// article ال and falls with stray Latin letters (ISO-8859-6 read as windows-1256 turns و ه ي
/// into è ç ê).
fn legacy_score(text: &str) -> Option<i64> {
    let (mut arabic, mut stray, mut other) = (0i64, 0i64, 0i64);
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            return None;
        }
        if crate::normalize::is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_ascii() {
        } else if c.is_alphabetic() || c == '×' || c == '÷' {
            stray += 1;
        } else if !(crate::normalize::is_dropped(c) || ('\u{060C}'..='\u{061F}').contains(&c)) {
            other += 1;
        }
    }
    if arabic == 0 || (stray + other) * 10 > arabic {
        return None;
    }
    // The article is counted as a trait of Arabic text itself, not a reading rule.
    let article = text.matches("ال").count() as i64;
    Some(arabic + 4 * article - 8 * stray)
}

/// Reads a plain-text article: header lines, then the body with boilerplate cut.
pub fn from_text(id: &str, origin: &str, text: &str) -> Article {
    finish(read_text(id, origin, text))
}

/// A plain-text article with its header lines read, before [`finish`].
fn read_text(id: &str, origin: &str, text: &str) -> Article {
    let text = text.trim_start_matches('\u{feff}');
    let mut article = Article {
        id: id.to_string(),
        origin: origin.to_string(),
        ..Article::default()
    };
    let mut body_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() && article.url.is_none() && article.outlet.is_none() {
            body_start += line.len();
            continue;
        }
        match header_field(trimmed) {
            Some(("URL", v)) => article.url = Some(v.to_string()),
            Some(("OUTLET", v)) => article.outlet = Some(v.to_string()),
            Some(("DATE", v)) => {
                article.published = header_date(v);
                article.published_from = article.published.map(|_| DateSource::Header);
            }
            _ => break,
        }
        body_start += line.len();
    }
    article.text = strip_boilerplate(&text[body_start..]);
    article
}

/// A `DATE:` header's day, when it is one and its year a plausible publication year
/// ([`published::FIRST_YEAR`]..=[`published::LAST_YEAR`]).
fn header_date(value: &str) -> Option<NaiveDate> {
    let day = dates::page_date(value)?.date;
    (published::FIRST_YEAR..=published::LAST_YEAR)
        .contains(&day.year())
        .then_some(day)
}

/// The line and the reason of a `DATE:` header that is ignored ("DATE: 9999-12-31", "DATE:
/// yesterday"), so that it is not ignored silently.
fn bad_date_header(text: &str) -> Option<(u64, String)> {
    let text = text.trim_start_matches('\u{feff}');
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        match header_field(trimmed) {
            Some(("DATE", v)) if header_date(v).is_none() => {
                let message = format!(
                    "DATE: «{v}» is no publication date (a day of {}-{}): ignored",
                    published::FIRST_YEAR,
                    published::LAST_YEAR
                );
                return Some((i as u64 + 1, message));
            }
            Some(_) => continue,
            None => return None,
        }
    }
    None
}

fn header_field(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    matches!(key, "URL" | "OUTLET" | "DATE").then(|| (key, value.trim()))
}

/// Fills what the address and the text show when nothing better dated the article: a date
/// in the URL, else a page date near the top, else the latest date of a post the page embeds
/// (each trusted only when the text's weekdays agree with it), and the outlet from the URL's
/// host.
fn finish(mut article: Article) -> Article {
    if article.published.is_none() {
        let from_url = article.url.as_deref().and_then(url_date);
        // The page's head is read only when the address gives no date the text agrees with.
        let from_text = || {
            dates::page_date(first_chars(&article.text, 600)).map(|d| (d.date, DateSource::Text))
        };
        // Last, the posts the page embeds: it was written no earlier, mostly on their day.
        let from_posts =
            || published::embedded_post_date(&article.text).map(|d| (d, DateSource::EmbeddedPost));
        let found = from_url
            .map(|d| (d, DateSource::Url))
            .into_iter()
            .chain(std::iter::once_with(from_text).flatten())
            .chain(std::iter::once_with(from_posts).flatten());
        for (day, source) in found {
            if !dates::weekdays_contradict(&article.text, day) {
                article.published = Some(day);
                article.published_from = Some(source);
                break;
            }
        }
    }
    if article.outlet.is_none() {
        article.outlet = article.url.as_deref().and_then(host_of);
    }
    article
}

/// The first `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// The host of a URL, without `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?.trim();
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then(|| host.to_string())
}

/// Lines that mark where the news ends and the page's lists begin (`tail_marker` of
/// data/rules/boilerplate.csv, folded), tried in file order.
static TAIL_MARKERS: LazyLock<Vec<String>> = LazyLock::new(|| rules::folded("tail_marker"));

/// Short lines that are page furniture wherever they stand (`furniture`).
static FURNITURE: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("furniture"));

/// The first items of a breadcrumb ("الرئيسية » …") and the sections after its first item
/// ("… » الشأن …").
static BREADCRUMB_HOME: LazyLock<WordSet> = LazyLock::new(|| WordSet::of("breadcrumb_home"));
static BREADCRUMB_SECTIONS: LazyLock<Vec<String>> =
    LazyLock::new(|| rules::folded("breadcrumb_section"));

/// Cuts page furniture and the lists after the article. The body is kept as written (line
/// breaks included) so sentence offsets stay meaningful.
pub fn strip_boilerplate(body: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut seen_paragraph = false;
    for line in body.lines() {
        let t = line.trim();
        // Furniture and tail markers are short lines: a paragraph need not be folded.
        if t.len() < 80 {
            let folded = fold(t);
            let bare = folded.trim();
            if seen_paragraph && TAIL_MARKERS.iter().any(|m| bare.starts_with(m.as_str())) {
                break;
            }
            if FURNITURE.contains(bare) {
                continue;
            }
        }
        if is_breadcrumb(t) {
            continue;
        }
        // Counting stops at the twelfth word, and once a paragraph is seen.
        if !seen_paragraph && t.split_whitespace().nth(11).is_some() {
            seen_paragraph = true;
        }
        kept.push(line);
    }
    let out = kept.join("\n");
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// A breadcrumb line: items joined by `»` (the separator is what makes a breadcrumb, so it is
/// code), the first a home item ("الرئيسية » ...") or a later one a section ("... » الشأن
/// ..."). The quick test for `»` spares most lines the folding.
fn is_breadcrumb(line: &str) -> bool {
    if !line.contains('»') {
        return false;
    }
    let mut items = line.split('»');
    let first = fold(items.next().unwrap_or_default());
    BREADCRUMB_HOME.contains(first.trim())
        || items.any(|item| {
            let item = fold(item);
            BREADCRUMB_SECTIONS
                .iter()
                .any(|s| item.trim_start().starts_with(s.as_str()))
        })
}

/// Reads an HTML page: title, paragraph text; scripts, styles and navigation dropped.
pub fn from_html(id: &str, origin: &str, html: &str) -> Article {
    let text = html_to_text(html);
    let mut article = Article {
        id: id.to_string(),
        origin: origin.to_string(),
        text: strip_boilerplate(&text),
        ..Article::default()
    };
    article.url = meta_content(html, "og:url").or_else(|| link_canonical(html));
    article.outlet = meta_content(html, "og:site_name");
    article.published = metadata_date(html);
    article.published_from = article.published.map(|_| DateSource::PageMetadata);
    finish(article)
}

/// The text of an HTML document: block elements become line breaks; `script`, `style`,
/// `noscript`, `nav`, `header`, `footer` and `aside` are dropped with their content; entities
/// are decoded.
pub fn html_to_text(html: &str) -> String {
    const SKIP: [&str; 8] = [
        "script", "style", "noscript", "nav", "header", "footer", "aside", "svg",
    ];
    const BLOCK: [&str; 14] = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
        "title",
    ];
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&decode_entities(&rest[..lt]));
        }
        let after = &rest[lt + 1..];
        let gt = match after.find('>') {
            Some(g) => g,
            None => {
                rest = "";
                break;
            }
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        if tag.starts_with("!--") {
            if let Some(end) = rest.find("-->") {
                rest = &rest[end + 3..];
            }
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(s) = &skipping {
            if closing && *s == name {
                skipping = None;
            }
            continue;
        }
        if !closing && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
            skipping = Some(name);
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            out.push('\n');
        } else {
            out.push(' ');
        }
    }
    if skipping.is_none() {
        out.push_str(&decode_entities(rest));
    }
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&after[..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn meta_content(html: &str, property: &str) -> Option<String> {
    let content = published::meta_values(html, property).next()?;
    Some(decode_entities(&content))
}

fn link_canonical(html: &str) -> Option<String> {
    let href = published::tags_naming(html, "canonical")
        .filter(|tag| tag.trim_start().to_ascii_lowercase().starts_with("link"))
        .find_map(|tag| published::attribute(tag, "href"))?;
    Some(decode_entities(&href))
}

/// One JSON Lines or CSV record, before it becomes an article.
#[derive(Debug, Default, serde::Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

fn record_article(rec: Record, fallback_id: String, origin: &str) -> Result<Article, String> {
    let text = rec
        .text
        .filter(|t| !t.trim().is_empty())
        .ok_or("no `text`")?;
    let id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let looks_html = Format::sniff(&text) == Format::Html;
    let mut article = if looks_html {
        from_html(&id, origin, &text)
    } else {
        // The record's own date, not one read from the text, is the page date here.
        let mut a = read_text(&id, origin, &text);
        a.published = None;
        a.published_from = None;
        if a.outlet.is_none() {
            a.outlet = a.url.as_deref().and_then(host_of);
        }
        a
    };
    article.url = rec.url.filter(|u| !u.is_empty()).or(article.url);
    article.outlet = rec.outlet.filter(|o| !o.is_empty()).or(article.outlet);
    if let Some(p) = rec.published.as_deref().and_then(parse_published) {
        article.published = Some(p);
        article.published_from = Some(DateSource::Record);
    }
    Ok(finish(article))
}

fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
        .ok()
        .or_else(|| dates::page_date(s).map(|d| d.date))
}

fn read_json_lines(file_id: &str, origin: &str, text: &str, result: &mut Ingested) {
    for (i, line) in text.lines().enumerate() {
        json_line(file_id, origin, i as u64 + 1, line, result);
    }
}

/// One line of a JSON Lines file: an article or a diagnostic (blank lines are skipped).
fn json_line(file_id: &str, origin: &str, line_no: u64, line: &str, result: &mut Ingested) {
    let line = line.trim().trim_start_matches('\u{feff}');
    if line.is_empty() {
        return;
    }
    if line.len() > MAX_RECORD_BYTES {
        result.diagnostics.push(Diagnostic::at_line(
            Path::new(origin),
            line_no,
            too_long(line.len()),
        ));
        return;
    }
    let parsed = serde_json::from_str::<Record>(line)
        .map_err(|e| format!("not a JSON object with a `text` field: {e}"))
        .and_then(|rec| record_article(rec, format!("{file_id}:{line_no}"), origin));
    match parsed {
        Ok(a) => push_article(result, a),
        Err(message) => {
            result
                .diagnostics
                .push(Diagnostic::at_line(Path::new(origin), line_no, message))
        }
    }
}

fn too_long(len: usize) -> String {
    format!("record of {len} bytes is longer than the limit of {MAX_RECORD_BYTES} bytes: skipped")
}

/// Line numbers of CSV records from their byte offsets. The csv reader's own line count is
/// one short in CRLF files: a record's position is taken before the `\n` of the line break
/// before it is counted.
struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line a record at `p` starts on (records come in order, so the count goes
    /// on from the last one).
    fn of(&mut self, p: &csv::Position) -> u64 {
        let mut start = (p.byte() as usize).min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.at {
            // Out of order: count from the beginning.
            (self.at, self.line) = (0, 1);
        }
        let newlines = self.text[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u64;
        self.at = start;
        self.line
    }
}

fn read_csv(file_id: &str, origin: &str, text: &str, result: &mut Ingested) {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            result.diagnostics.push(Diagnostic::file(
                Severity::Error,
                origin.to_string(),
                format!("unreadable CSV header: {e}"),
            ));
            return;
        }
    };
    if !headers.iter().any(|h| h.trim() == "text") {
        result.diagnostics.push(Diagnostic::at_line(
            Path::new(origin),
            1,
            "CSV header has no `text` column",
        ));
        return;
    }
    // An odd number of quotes means one was left open: the csv reader then reads the rest of
    // the file as one field of the last record, which would swallow the rows after it.
    let open_quote = text.bytes().filter(|&b| b == b'"').count() % 2 == 1;
    let mut lines = Lines::new(text.trim_start_matches('\u{feff}'));
    let records: Vec<_> = rdr.records().collect();
    let last = records.len().saturating_sub(1);
    for (i, record) in records.into_iter().enumerate() {
        if let Ok(r) = &record {
            if open_quote && i == last && r.iter().any(|f| f.contains('\n')) {
                let line = r.position().map_or(0, |p| lines.of(p));
                result.diagnostics.push(Diagnostic::at_line(
                    Path::new(origin),
                    line,
                    "unbalanced quote: the record runs to the end of the file; skipped",
                ));
                continue;
            }
        }
        let (line, parsed) = match record {
            Ok(r) if r.as_slice().len() > MAX_RECORD_BYTES => (
                r.position().map_or(0, |p| lines.of(p)),
                Err(too_long(r.as_slice().len())),
            ),
            Ok(r) => {
                let line = r.position().map_or(0, |p| lines.of(p));
                let field = |name: &str| {
                    headers
                        .iter()
                        .position(|h| h.trim() == name)
                        .and_then(|i| r.get(i))
                        .map(str::to_string)
                };
                let rec = Record {
                    id: field("id").map(serde_json::Value::String),
                    text: field("text"),
                    url: field("url"),
                    outlet: field("outlet"),
                    published: field("published"),
                };
                (
                    line,
                    record_article(rec, format!("{file_id}:{line}"), origin),
                )
            }
            Err(e) => (e.position().map_or(0, |p| lines.of(p)), Err(e.to_string())),
        };
        match parsed {
            Ok(a) => push_article(result, a),
            Err(message) => {
                result
                    .diagnostics
                    .push(Diagnostic::at_line(Path::new(origin), line, message))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_implausible_date_header_is_reported_and_ignored() {
        let text = "URL: https://x.org/a\nDATE: 9999-12-31\n\nنص الخبر.";
        let a = from_text("a", "a.txt", text);
        assert_eq!(a.published, None);
        let (line, message) = bad_date_header(text).unwrap();
        assert_eq!(line, 2);
        assert!(message.contains("9999-12-31"), "{message}");
        let mut r = Ingested::default();
        read_buffer("a.txt", text.as_bytes(), &mut r);
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        assert!(r.diagnostics[0]
            .to_string()
            .starts_with("a.txt:2: warning: DATE"));
        assert_eq!(bad_date_header("DATE: 2024-04-19\n\nنص."), None);
    }

    #[test]
    fn publication_dates_come_with_where_they_were_found() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 4, d);
        let url = "URL: https://x.org/news/2024/04/19/raid\n\n";
        let a = from_text("a", "a.txt", &format!("{url}قتل عنصر بانفجار لغم."));
        assert_eq!(
            (a.published, a.published_from),
            (day(19), Some(DateSource::Url))
        );
        // A header line wins over the address.
        let a = from_text("a", "a.txt", &format!("DATE: 2024-04-20\n{url}نص الخبر."));
        assert_eq!(
            (a.published, a.published_from),
            (day(20), Some(DateSource::Header))
        );
        // The text's weekdays overrule an address date they contradict (the 19th is a
        // Friday: yesterday was no Wednesday).
        let a = from_text("a", "a.txt", &format!("{url}قتل عنصر أمس الأربعاء."));
        assert_eq!(a.published, None);
        // A date line at the top of the text.
        let a = from_text("a", "a.txt", "عنوان\n19 أبريل 2024\nنص الخبر.");
        assert_eq!(
            (a.published, a.published_from),
            (day(19), Some(DateSource::Text))
        );
        // The latest post the page embeds, when nothing else dates it and the text's
        // weekdays agree (the 19th is a Friday).
        let post = "— مراسل (@reporter_1) April 17, 2024\n— شبكة محلية (@net) Apr 19, 2024";
        let a = from_text(
            "a",
            "a.txt",
            &format!("قصف على المطار اليوم الجمعة.\n{post}\nنص."),
        );
        assert_eq!(
            (a.published, a.published_from),
            (day(19), Some(DateSource::EmbeddedPost))
        );
        let a = from_text("a", "a.txt", &format!("قتل عنصر أمس الأربعاء.\n{post}"));
        assert_eq!(a.published, None);
        let a = from_text("a", "a.txt", &format!("{url}قتل عنصر.\n{post}"));
        assert_eq!(a.published_from, Some(DateSource::Url));
        // Page metadata, then the page's address.
        let html = r#"<html><head><meta property="og:url" content="https://x.org/2024/04/18/a">
            <script type="application/ld+json">{"datePublished": "2024-04-19T07:00:00+03:00"}
            </script></head><body><p>نص الخبر.</p></body></html>"#;
        let a = from_html("a", "a.html", html);
        assert_eq!(
            (a.published, a.published_from),
            (day(19), Some(DateSource::PageMetadata))
        );
        let html = r#"<link rel="canonical" href="https://x.org/2024-04-18-raid"><p>نص.</p>"#;
        let a = from_html("a", "a.html", html);
        assert_eq!(
            (a.published, a.published_from),
            (day(18), Some(DateSource::Url))
        );
        // A record's own field.
        let mut r = Ingested::default();
        let line = r#"{"text": "نص الخبر.", "url": "https://x.org/2020/01/01/a", "published": "2024-04-17"}"#;
        read_json_lines("f.jsonl", "f.jsonl", line, &mut r);
        let a = &r.articles[0];
        assert_eq!(
            (a.published, a.published_from),
            (day(17), Some(DateSource::Record))
        );
    }

    #[test]
    fn feeds_and_channel_exports_are_recognised() {
        assert_eq!(Format::from_path(Path::new("news.xml")), Some(Format::Feed));
        assert_eq!(
            Format::sniff("<?xml version=\"1.0\"?>\n<rss>"),
            Format::Feed
        );
        assert_eq!(
            Format::sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(Format::sniff("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            Format::sniff("{\n \"name\": \"x\",\n \"messages\": []\n}"),
            Format::Channel
        );
        assert_eq!(Format::sniff("{\"text\": \"x\"}\n"), Format::JsonLines);
    }

    #[test]
    fn reads_header_lines() {
        let a = from_text(
            "a.txt",
            "a.txt",
            "URL: https://www.example.org/x/1\nOUTLET: Example\n\nعنوان الخبر\nنص الخبر.",
        );
        assert_eq!(a.url.as_deref(), Some("https://www.example.org/x/1"));
        assert_eq!(a.outlet.as_deref(), Some("Example"));
        assert_eq!(a.text, "عنوان الخبر\nنص الخبر.");
    }

    #[test]
    fn outlet_falls_back_to_the_host() {
        let a = from_text(
            "a.txt",
            "a.txt",
            "URL: https://www.souriyati.com/2019/1.html\n\nنص",
        );
        assert_eq!(a.outlet.as_deref(), Some("souriyati.com"));
    }

    #[test]
    fn cuts_the_most_read_list() {
        let body = "هاجم عناصر التنظيم مواقع لقوات النظام في البادية السورية ما أدى إلى مقتل عنصرين وإصابة آخرين بجروح متفاوتة.\nFacebook\nالأكثر قراءة\nمقتل عشرة عناصر في ريف حمص";
        let text = strip_boilerplate(body);
        assert!(text.contains("مقتل عنصرين"));
        assert!(!text.contains("عشرة"));
        assert!(!text.contains("Facebook"));
    }

    #[test]
    fn drops_breadcrumbs_and_furniture() {
        let body = "الرئيسية » أخبار\nأخبار » الشأن السوري\nPrint\n\nقتل عنصر في تدمر.\n";
        assert_eq!(strip_boilerplate(body), "قتل عنصر في تدمر.");
    }

    #[test]
    fn boilerplate_phrases_match_in_any_spelling() {
        let para =
            "قتل ثلاثة عناصر من قوات النظام وأصيب آخرون بانفجار لغم أرضي في بادية السخنة شرقي حمص.";
        // One entry each: hamza, tanween, ta marbuta and punctuation around a line do not count.
        for tail in [
            "إقرأ أيضا:",
            "اقرا ايضاً",
            "الاكثر قراءه",
            "- المزيد من الاخبار -",
        ] {
            let body = format!("{para}\n{tail}\nمقتل عشرة عناصر في ريف حمص");
            assert_eq!(strip_boilerplate(&body), para, "{tail}");
        }
        for furniture in ["• شارك", "طباعه", "WhatsApp", "مشاركة:"] {
            let body = format!("{furniture}\n{para}");
            assert_eq!(strip_boilerplate(&body), para, "{furniture}");
        }
        // A marker before the first paragraph is a menu item, not the end of the news.
        let body = format!("اقرأ أيضاً\n{para}");
        assert_eq!(strip_boilerplate(&body), body);
        // A breadcrumb, with its section spelled with a bare alef.
        let body = format!("أخبار » الشان السوري » البادية\n{para}");
        assert_eq!(strip_boilerplate(&body), para);
        // A paragraph that merely starts like a marker is kept.
        let body = format!("{para}\nشارك عشرات العناصر في الهجوم على نقطة قرب تدمر.");
        assert_eq!(strip_boilerplate(&body), body);
    }

    #[test]
    fn html_drops_scripts_and_keeps_paragraphs() {
        let html = "<html><head><title>خبر</title><script>var a='<p>x</p>';</script></head>\
                    <body><nav>الرئيسية</nav><p>قتل &quot;عنصر&quot; في تدمر.</p></body></html>";
        let t = html_to_text(html);
        assert!(t.contains("قتل \"عنصر\" في تدمر."));
        assert!(!t.contains("var a"));
        assert!(!t.contains("الرئيسية"));
    }

    #[test]
    fn decodes_utf16_and_windows_1256() {
        let s = "قتل عنصر";
        let mut utf16 = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16), (s.to_string(), false));
        let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(s);
        assert_eq!(decode(&cp1256), (s.to_string(), false));
    }

    #[test]
    fn json_lines_report_bad_lines_and_go_on() {
        let mut r = Ingested::default();
        read_json_lines(
            "f.jsonl",
            "f.jsonl",
            "{\"id\":\"a\",\"text\":\"نص\"}\n{broken\n{\"id\":\"c\"}\n",
            &mut r,
        );
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].id, "a");
        let lines: Vec<_> = r.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![Some(2), Some(3)]);
    }

    #[test]
    fn csv_rows_become_articles() {
        let mut r = Ingested::default();
        read_csv(
            "f.csv",
            "f.csv",
            "id,text,url,published\n1,\"نص الخبر\",https://a.org/1,2020-10-03\n2,,,\n",
            &mut r,
        );
        assert_eq!(r.articles.len(), 1);
        assert_eq!(
            r.articles[0].published,
            NaiveDate::from_ymd_opt(2020, 10, 3)
        );
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, Some(3));
    }

    #[test]
    fn csv_diagnostics_name_the_record_line_in_crlf_files() {
        for eol in ["\n", "\r\n"] {
            let text = [
                "id,text",
                "1,\"نص الخبر\"",
                "2,",
                "3,\"سطر أول",
                "سطر ثان\"",
                "",
                "4,",
                "",
            ]
            .join(eol);
            let mut r = Ingested::default();
            read_csv("f.csv", "f.csv", &text, &mut r);
            assert_eq!(r.articles.len(), 2, "{eol:?}");
            let lines: Vec<_> = r.diagnostics.iter().map(|d| d.line).collect();
            assert_eq!(lines, [Some(3), Some(7)], "{eol:?}");
            assert_eq!(r.articles[1].id, "3", "{eol:?}");
        }
    }

    #[test]
    fn a_read_cut_inside_a_character_drops_it() {
        let text = "قتل عنصر".as_bytes();
        assert_eq!(utf8_whole(text), text.len());
        assert_eq!(utf8_whole(&text[..3]), 2);
        assert_eq!(utf8_whole(&text[..1]), 0);
        assert_eq!(utf8_whole(b"abc"), 3);
        let emoji = "a😀".as_bytes();
        for cut in 2..emoji.len() {
            assert_eq!(utf8_whole(&emoji[..cut]), 1, "{cut}");
        }
        assert_eq!(utf8_whole(emoji), emoji.len());
    }

    #[test]
    fn symlink_loop_is_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "نص").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(".", dir.path().join("again")).unwrap();
        let mut diags = Vec::new();
        let files = expand_inputs(&[dir.path().to_path_buf()], &mut diags);
        assert_eq!(files.len(), 1, "{files:?}");
    }

    #[test]
    fn iso_8859_6_is_not_read_as_windows_1256() {
        let s = "قتل عنصر في تدمر";
        let (iso, _, _) = encoding_rs::ISO_8859_6.encode(s);
        assert_eq!(decode(&iso), (s.to_string(), false));
    }

    #[test]
    fn binary_junk_is_not_read_as_windows_1256() {
        let junk: Vec<u8> = (0u32..4096)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80)
            .collect();
        assert!(decode(&junk).1, "junk decoded without replacement");
    }

    #[test]
    fn empty_and_nul_files_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.txt");
        let nul = dir.path().join("nul.txt");
        std::fs::write(&empty, "").unwrap();
        std::fs::write(&nul, b"abc\0def").unwrap();
        let r = read_inputs(&[empty, nul]);
        assert!(r.articles.is_empty());
        assert_eq!(r.diagnostics.len(), 2, "{:?}", r.diagnostics);
    }

    #[test]
    fn unbalanced_csv_quote_does_not_swallow_rows_silently() {
        let mut r = Ingested::default();
        read_csv(
            "f.csv",
            "f.csv",
            "id,text\n1,نص\n2,\"نص لم يغلق\n3,نص\n",
            &mut r,
        );
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, Some(3));
        assert!(r.diagnostics[0].message.contains("unbalanced quote"));
    }
}
