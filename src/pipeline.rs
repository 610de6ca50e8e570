//! The pipeline: document → sentences → (parse) → events, run in parallel across documents
//! with results delivered in input order.

use dyad_code::{Coder, DocContext};
use dyad_core::GivenSentence;
use dyad_core::{Content, Document, Event};
use dyad_text::{Item, SegmentOptions};
use rayon::prelude::*;

/// Everything needed to turn a document into events.
pub struct Pipeline {
    pub segment: SegmentOptions,
    pub coder: Box<dyn Coder>,
    pub explain: bool,
}

/// A document's results.
pub struct Processed {
    pub events: Vec<Event>,
    /// Problems met while processing (a given parse that could not be read, say).
    pub warnings: Vec<String>,
}

impl Pipeline {
    pub fn process(&self, doc: &Document) -> Processed {
        let mut warnings = Vec::new();
        let sentences = match &doc.content {
            Content::Raw(text) => dyad_text::segment(text, &self.segment).sentences,
            Content::Sentences(given) => given
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    dyad_text::sentence_from_given(i, g).unwrap_or_else(|e| {
                        let line = g.line + e.line;
                        warnings.push(format!(
                            "{}:{line}: bad parse ({}); the text is used instead",
                            doc.origin.path, e.message
                        ));
                        let text_only = GivenSentence { parse: None, ..g.clone() };
                        dyad_text::sentence_from_given(i, &text_only).unwrap_or_default()
                    })
                })
                .collect(),
        };
        let ctx = DocContext { id: &doc.id, date: doc.date, explain: self.explain };
        let mut events = self.coder.code(&ctx, &sentences);
        crate::enrich::enrich(dyad_enrich::Gazetteer::shared(), doc.date, &sentences, &mut events);
        Processed { events, warnings }
    }
}

/// Counts of a run.
#[derive(Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub failed: usize,
    pub warnings: usize,
    pub events: usize,
}

/// Documents are processed in chunks of this many, in parallel within a chunk.
const CHUNK: usize = 128;

/// Reads all items, processes documents in parallel and hands each result to `sink` in input
/// order. Read errors and warnings go to standard error as `file:line: message`.
pub fn run<I, F>(
    items: I,
    pipeline: &Pipeline,
    progress: &crate::progress::Progress,
    mut sink: F,
) -> anyhow::Result<Summary>
where
    I: Iterator<Item = Item>,
    F: FnMut(&Document, Processed) -> anyhow::Result<()>,
{
    let mut summary = Summary::default();
    let mut chunk: Vec<Document> = Vec::with_capacity(CHUNK);
    let mut items = items.peekable();
    loop {
        let done = items.peek().is_none();
        while chunk.len() < CHUNK {
            match items.next() {
                Some(Item::Document(d)) => chunk.push(d),
                Some(Item::Error(e)) => {
                    summary.failed += 1;
                    progress.println(&format!("dyad: {e}"));
                }
                Some(Item::Warning(e)) => {
                    summary.warnings += 1;
                    progress.println(&format!("dyad: warning: {e}"));
                }
                None => break,
            }
        }
        if chunk.is_empty() && (done || items.peek().is_none()) {
            break;
        }
        let results: Vec<Processed> = chunk.par_iter().map(|d| pipeline.process(d)).collect();
        for (doc, processed) in chunk.drain(..).zip(results) {
            summary.documents += 1;
            for w in &processed.warnings {
                summary.warnings += 1;
                progress.println(&format!("dyad: warning: {w}"));
            }
            summary.events += processed.events.len();
            sink(&doc, processed)?;
            progress.inc();
        }
    }
    Ok(summary)
}
