//! The pipeline: document → sentences → (parse) → events, run in parallel across documents
//! with results delivered in input order.

use dyad_code::{Coder, DocContext};
use dyad_core::GivenSentence;
use dyad_core::{Content, Document, Event, Sentence};
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
}

impl Pipeline {
    pub fn process(&self, doc: &Document) -> Processed {
        let sentences = match &doc.content {
            Content::Raw(text) => dyad_text::segment(text, &self.segment).sentences,
            Content::Sentences(given) => given.iter().enumerate().map(|(i, g)| given_sentence(i, g)).collect(),
        };
        let ctx = DocContext { id: &doc.id, date: doc.date, explain: self.explain };
        let events = self.coder.code(&ctx, &sentences);
        Processed { events }
    }
}

/// A sentence the input delimits, tokenized as one sentence (the input's boundaries win).
fn given_sentence(index: usize, given: &GivenSentence) -> Sentence {
    let text = given.text.trim();
    Sentence {
        index,
        span: 0..text.len(),
        text: text.to_string(),
        tokens: dyad_text::tokenize(text),
        ..Sentence::default()
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
            summary.events += processed.events.len();
            sink(&doc, processed)?;
            progress.inc();
        }
    }
    Ok(summary)
}
