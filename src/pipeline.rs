//! The whole path for a batch: inputs in, events and diagnostics out. Ingests the files a
//! batch of articles at a time, then for each article (in parallel, order kept) folds the
//! text, finds toponyms, resolves them and reads events; gives every event a stable id.
//!
//! Memory does not grow with the corpus text: articles are read [`ARTICLES_AT_ONCE`] at a
//! time and dropped once read. When reports are merged, each event waits in the merge's
//! temporary file (`merge/spill.rs`) while the merge is planned on its [`Report`] (some 60
//! bytes), then is read back to be combined and handed on.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Severity};
use crate::events;
use crate::gazetteer::Gazetteer;
use crate::ingest;
use crate::merge::spill::{self, Spill, SpillReader};
use crate::merge::{self, MergeOptions, Reports};
use crate::model::{Article, Event};
use crate::normalize::fold_with_offsets;
use crate::resolve;
use crate::toponyms::Matcher;

/// What a batch produced.
#[derive(Debug, Default)]
pub struct Batch {
    pub articles: usize,
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Batch {
    /// True when some input could not be read at all or had bad records.
    pub fn had_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity >= Severity::Warning)
    }
}

/// How far a run got, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// This many more articles are read and are to be extracted.
    Read(usize),
    /// One more article's events are read.
    Article,
    /// Every article is done; reports of one incident are being merged.
    Merging,
}

/// The loaded gazetteer and its compiled matcher.
pub struct Extractor {
    pub gazetteer: Gazetteer,
    pub matcher: Matcher,
    /// Articles held in memory at once by [`Extractor::stream`] ([`ARTICLES_AT_ONCE`]).
    pub articles_at_once: usize,
}

impl Extractor {
    /// Compiles the matcher for `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        let matcher = Matcher::new(&gazetteer);
        Extractor {
            gazetteer,
            matcher,
            articles_at_once: ARTICLES_AT_ONCE,
        }
    }

    /// The events of one article.
    pub fn article_events(&self, article: &Article) -> Vec<Event> {
        self.read_article(article).0
    }

    /// The events of one article, and notes on the places it names that the gazetteer
    /// lacks (see [`crate::gazetteer::suggest::keep_unknown_names`]).
    fn read_article(&self, article: &Article) -> (Vec<Event>, Vec<String>) {
        let folded = fold_with_offsets(&article.text);
        let mentions = self.matcher.find(&article.text, &folded);
        let locations = resolve::resolve(&self.gazetteer, &article.text, &folded, &mentions);
        let mut evs = events::extract(&self.gazetteer, article, &folded, &locations);
        let unknown = crate::gazetteer::suggest::keep_unknown_names(
            &self.gazetteer,
            &mentions,
            &locations,
            &article.text,
            &folded,
            &mut evs,
        );
        for e in &mut evs {
            e.event_id = event_id(e);
        }
        (evs, unknown)
    }

    /// Reads the inputs and extracts every article's events, in input order; with `merge`,
    /// reports of one incident by several articles become one event.
    pub fn run(&self, inputs: &[PathBuf], merge: Option<&MergeOptions>) -> Batch {
        self.run_reporting(inputs, merge, &|_| {})
    }

    /// [`Extractor::run`], telling `progress` how far it got (from several threads).
    pub fn run_reporting(
        &self,
        inputs: &[PathBuf],
        merge: Option<&MergeOptions>,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Batch {
        let mut events = Vec::new();
        let streamed = self.stream(inputs, merge, progress, &mut |batch| {
            events.extend(batch);
            Ok(())
        });
        match streamed {
            Ok(summary) => Batch {
                articles: summary.articles,
                events,
                diagnostics: summary.diagnostics,
            },
            // Only the temporary file of a merge can fail here: say so, keep what was read.
            Err(e) => Batch {
                articles: 0,
                events,
                diagnostics: vec![Diagnostic::file(
                    Severity::Error,
                    "temporary file",
                    e.to_string(),
                )],
            },
        }
    }

    /// Reads the inputs and hands the events to `sink`, a batch at a time, in output order
    /// (input order; with `merge`, one event per incident, placed where its first report
    /// was), holding a few batches of articles in memory at a time. Fails only when `sink` or
    /// the temporary file of the merge fails.
    ///
    /// Reading, extracting and handing on overlap: while one batch is extracted (on every
    /// core), the next is read and the one before is written.
    pub fn stream(
        &self,
        inputs: &[PathBuf],
        merge: Option<&MergeOptions>,
        progress: &(dyn Fn(Progress) + Sync),
        sink: &mut dyn FnMut(Vec<Event>) -> std::io::Result<()>,
    ) -> Result<Summary, Error> {
        let mut summary = Summary::default();
        let mut waiting = match merge {
            Some(_) => Some(Merging::new()?),
            None => None,
        };
        std::thread::scope(|s| {
            let batches = read_ahead(s, inputs, self.articles_at_once);
            let extracted = self.extract_ahead(s, batches, progress);
            for batch in extracted {
                summary.diagnostics.extend(batch.diagnostics);
                summary.articles += batch.articles;
                let handed = match &mut waiting {
                    Some(merging) => merging.put(batch.events),
                    None => {
                        summary.events += batch.events.len();
                        sink(batch.events).map_err(output_error)
                    }
                };
                // Returning drops the receiver: the stages before stop handing on.
                handed?;
            }
            Ok::<(), Error>(())
        })?;
        if let (Some(opts), Some(merging)) = (merge, waiting) {
            progress(Progress::Merging);
            summary.events += merging.finish(opts, self.articles_at_once, sink)?;
        }
        Ok(summary)
    }

    /// Extracts the batches `batches` brings, in a thread of the scope `s`, handing them on in
    /// order through the returned channel.
    fn extract_ahead<'s>(
        &'s self,
        s: &'s std::thread::Scope<'s, '_>,
        batches: Receiver<ingest::Ingested>,
        progress: &'s (dyn Fn(Progress) + Sync),
    ) -> Receiver<Extracted> {
        let (tx, rx) = sync_channel(0);
        s.spawn(move || {
            for batch in batches {
                let mut done = Extracted {
                    articles: batch.articles.len(),
                    events: Vec::new(),
                    diagnostics: batch.diagnostics,
                };
                if !batch.articles.is_empty() {
                    progress(Progress::Read(batch.articles.len()));
                    done.events =
                        self.batch_events(&batch.articles, progress, &mut done.diagnostics);
                }
                if tx.send(done).is_err() {
                    return;
                }
            }
        });
        rx
    }

    /// The events of a batch of articles, in order (articles in parallel); notes the articles
    /// with none in `notes`.
    fn batch_events(
        &self,
        articles: &[Article],
        progress: &(dyn Fn(Progress) + Sync),
        notes: &mut Vec<Diagnostic>,
    ) -> Vec<Event> {
        let per_article: Vec<(Vec<Event>, Vec<String>)> = articles
            .par_iter()
            .map(|a| {
                let read = self.read_article(a);
                progress(Progress::Article);
                read
            })
            .collect();
        for (a, (evs, unknown)) in articles.iter().zip(&per_article) {
            if evs.is_empty() {
                notes.push(Diagnostic::file(
                    Severity::Note,
                    a.origin.clone(),
                    format!("article {}: no incident found", a.id),
                ));
            }
            for u in unknown {
                notes.push(Diagnostic::file(
                    Severity::Note,
                    a.origin.clone(),
                    format!("article {}: {u}", a.id),
                ));
            }
        }
        per_article.into_iter().flat_map(|(evs, _)| evs).collect()
    }
}

/// A batch of articles' events, with the batch's diagnostics.
struct Extracted {
    articles: usize,
    events: Vec<Event>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads the inputs `at_once` articles at a time in a thread of the scope `s`, handing the
/// batches on in order through the returned channel; stops reading once the receiver is gone
/// (the output failed: what is read after would not be reported).
fn read_ahead<'s>(
    s: &'s std::thread::Scope<'s, '_>,
    inputs: &'s [PathBuf],
    at_once: usize,
) -> Receiver<ingest::Ingested> {
    let (tx, rx) = sync_channel(0);
    s.spawn(move || {
        // A failed send means the extraction has stopped: reading stops too.
        ingest::read_in_batches(inputs, at_once, &mut |batch| match tx.send(batch) {
            Ok(()) => ControlFlow::Continue(()),
            Err(_) => ControlFlow::Break(()),
        })
    });
    rx
}

/// Events on their way to a merge: each waits in a temporary file while its [`Report`] is
/// kept for planning.
///
/// [`Report`]: merge::Report
pub struct Merging {
    spill: Spill,
    reports: Reports,
}

impl Merging {
    pub fn new() -> Result<Merging, Error> {
        Ok(Merging {
            spill: Spill::new()?,
            reports: Reports::new(),
        })
    }

    /// Adds the next events, in input order.
    pub fn put(&mut self, events: Vec<Event>) -> Result<(), Error> {
        events.iter().for_each(|e| self.reports.push(e));
        self.spill.put(events)
    }

    /// Plans the merge, then hands `sink` one event per incident in output order, `at_once`
    /// groups at a time; returns how many.
    pub fn finish(
        self,
        opts: &MergeOptions,
        at_once: usize,
        sink: &mut dyn FnMut(Vec<Event>) -> std::io::Result<()>,
    ) -> Result<usize, Error> {
        let Merging { spill, mut reports } = self;
        let back = spill.read_back()?;
        reports.read_texts_with(back.texts()?);
        let groups = merge::plan(reports, opts);
        std::thread::scope(|s| {
            let mut handed = 0;
            for events in merge_ahead(s, &groups, back, at_once) {
                let events = events?;
                handed += events.len();
                sink(events).map_err(output_error)?;
            }
            Ok(handed)
        })
    }
}

/// The events of the merge plan `groups`, `at_once` groups at a time, made in a thread of
/// the scope `s` (while the batch before is handed on) and sent on in order; an error ends
/// them.
fn merge_ahead<'s>(
    s: &'s std::thread::Scope<'s, '_>,
    groups: &'s merge::Groups,
    mut back: SpillReader,
    at_once: usize,
) -> Receiver<Result<Vec<Event>, Error>> {
    let (tx, rx) = sync_channel(0);
    s.spawn(move || {
        let mut from = 0;
        while from < groups.len() {
            let to = groups.len().min(from + at_once.max(1));
            let events = merged_events(groups, from..to, &mut back);
            let failed = events.is_err();
            if tx.send(events).is_err() || failed {
                return;
            }
            from = to;
        }
    });
    rx
}

/// Groups `range` of a merge plan as events, their reports read back from the spill (the
/// reading in order, the decoding and combining in parallel).
fn merged_events(
    groups: &merge::Groups,
    range: std::ops::Range<usize>,
    back: &mut SpillReader,
) -> Result<Vec<Event>, Error> {
    let mut records: Vec<Vec<Vec<u8>>> = Vec::with_capacity(range.len());
    for k in range.clone() {
        let (members, _) = groups.get(k);
        let group = members
            .iter()
            .enumerate()
            .map(|(n, &i)| back.record(i as usize, n == 0));
        records.push(group.collect::<Result<_, _>>()?);
    }
    range
        .into_par_iter()
        .zip(records)
        .map(|(k, records)| {
            let reports = records
                .iter()
                .map(|r| spill::decode(r))
                .collect::<Result<Vec<Event>, Error>>()?;
            let mut e = merge::combine(reports, groups.get(k).1.as_deref())
                .ok_or_else(|| Error::Format("an empty merge group".to_string()))?;
            e.event_id = event_id(&e);
            Ok(e)
        })
        .collect()
}

fn output_error(e: std::io::Error) -> Error {
    Error::io(Path::new("output"), e)
}

/// Articles held in memory at once by [`Extractor::stream`]: enough to keep every core busy.
pub const ARTICLES_AT_ONCE: usize = 2048;

/// What a streamed run read and wrote.
#[derive(Debug, Default)]
pub struct Summary {
    pub articles: usize,
    /// Events handed to the sink.
    pub events: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// A stable id: a hash of the reporting articles, the place and the evidence offsets.
pub fn event_id(e: &Event) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut feed = |s: &str| {
        for b in s.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    };
    for s in &e.sources {
        feed(&s.article_id);
    }
    feed(&e.gazetteer_id);
    let mut digits = itoa::Buffer::new();
    for ev in &e.evidence {
        feed(digits.format(ev.start));
    }
    format!("badia-{:012x}", h & 0xffff_ffff_ffff)
}
