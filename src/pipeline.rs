//! The whole path for a batch: inputs in, events and diagnostics out. Ingests the files,
//! then for each article (in parallel, order kept) folds the text, finds toponyms, resolves
//! them and reads events; gives every event a stable id.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::error::{Diagnostic, Severity};
use crate::events;
use crate::gazetteer::Gazetteer;
use crate::ingest;
use crate::merge::{self, MergeOptions};
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
    /// The inputs are read: this many articles are to be extracted.
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
}

impl Extractor {
    /// Compiles the matcher for `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        let matcher = Matcher::new(&gazetteer);
        Extractor { gazetteer, matcher }
    }

    /// The events of one article.
    pub fn article_events(&self, article: &Article) -> Vec<Event> {
        let folded = fold_with_offsets(&article.text);
        let mentions = self.matcher.find(&article.text, &folded);
        let locations = resolve::resolve(&self.gazetteer, &article.text, &folded, &mentions);
        let mut evs = events::extract(&self.gazetteer, article, &folded, &locations);
        for e in &mut evs {
            e.event_id = event_id(e);
        }
        evs
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
        let ingested = ingest::read_inputs(inputs);
        let mut diagnostics = ingested.diagnostics;
        progress(Progress::Read(ingested.articles.len()));
        let per_article: Vec<Vec<Event>> = ingested
            .articles
            .par_iter()
            .map(|a| {
                let evs = self.article_events(a);
                progress(Progress::Article);
                evs
            })
            .collect();
        for (a, evs) in ingested.articles.iter().zip(&per_article) {
            if evs.is_empty() {
                diagnostics.push(Diagnostic::file(
                    Severity::Note,
                    a.origin.clone(),
                    format!("article {}: no incident found", a.id),
                ));
            }
        }
        let mut events: Vec<Event> = per_article.into_iter().flatten().collect();
        if let Some(opts) = merge {
            progress(Progress::Merging);
            events = merge::merge(events, opts);
            for e in &mut events {
                e.event_id = event_id(e);
            }
        }
        Batch {
            articles: ingested.articles.len(),
            events,
            diagnostics,
        }
    }
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
    for ev in &e.evidence {
        feed(&ev.start.to_string());
    }
    format!("badia-{:012x}", h & 0xffff_ffff_ffff)
}
