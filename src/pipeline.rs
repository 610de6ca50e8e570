//! The pipeline: document → sentences → (parse) → events, run in parallel across documents
//! with results delivered in input order.

use dyad_code::{Coder, Conventions, DocContext};
use dyad_core::{Analysis, Content, Document, Event, GivenParse, GivenSentence, Sentence};
use dyad_parse::Parser;
use dyad_text::{Item, SegmentOptions};
use rayon::prelude::*;

/// The text and parse stages: a document to tagged and parsed sentences.
pub struct Analyzer {
    pub segment: SegmentOptions,
    pub parser: &'static Parser,
    /// Parse given sentences with dyad's parser even when the input carries a parse.
    pub reparse: bool,
}

/// Everything needed to turn a document into events.
pub struct Pipeline {
    pub analyzer: Analyzer,
    pub coder: Box<dyn Coder>,
    pub gazetteer: &'static dyad_enrich::Gazetteer,
    pub explain: bool,
    pub conventions: Conventions,
}

/// A document's results.
pub struct Processed {
    pub sentences: Vec<Sentence>,
    pub events: Vec<Event>,
    /// Problems met while processing (a given parse that could not be read, say).
    pub warnings: Vec<String>,
}

impl Analyzer {
    /// The text and parse stages with dyad's embedded model.
    pub fn embedded(reparse: bool) -> Analyzer {
        Analyzer { segment: SegmentOptions::default(), parser: Parser::embedded(), reparse }
    }

    /// The document's sentences, tagged and parsed: raw text is segmented; given sentences
    /// keep their CoNLL-U or Penn Treebank parse unless `reparse`; whatever has no parse yet
    /// goes through dyad's parser.
    pub fn sentences(&self, doc: &Document, warnings: &mut Vec<String>) -> Vec<Sentence> {
        let mut sentences = match &doc.content {
            Content::Raw(text) => dyad_text::segment(text, &self.segment).sentences,
            Content::Sentences(given) => {
                given.iter().enumerate().map(|(i, g)| self.given(doc, i, g, warnings)).collect()
            }
        };
        for s in sentences.iter_mut().filter(|s| s.analysis == Analysis::Tokens) {
            self.parser.parse(s);
        }
        sentences
    }

    fn given(&self, doc: &Document, index: usize, g: &GivenSentence, warnings: &mut Vec<String>) -> Sentence {
        let text_only = || {
            let g = GivenSentence { parse: None, ..g.clone() };
            dyad_text::sentence_from_given(index, &g).unwrap_or_default()
        };
        if self.reparse {
            return text_only();
        }
        match &g.parse {
            Some(GivenParse::PennTreebank(tree)) => match dyad_parse::ptb::to_sentence(tree, Some(g.text.trim())) {
                Ok(mut s) => {
                    s.index = index;
                    s
                }
                Err(e) => {
                    warnings.push(format!(
                        "{}:{}: bad parse ({e}); dyad's parser is used instead",
                        doc.origin.path, g.line
                    ));
                    text_only()
                }
            },
            _ => dyad_text::sentence_from_given(index, g).unwrap_or_else(|e| {
                let line = g.line + e.line;
                warnings.push(format!(
                    "{}:{line}: bad parse ({}); dyad's parser is used instead",
                    doc.origin.path, e.message
                ));
                text_only()
            }),
        }
    }
}

impl Pipeline {
    pub fn process(&self, doc: &Document) -> Processed {
        self.process_with(doc, self.conventions)
    }

    /// [`Pipeline::process`] under other coding conventions.
    pub fn process_with(&self, doc: &Document, conventions: Conventions) -> Processed {
        let mut warnings = Vec::new();
        let sentences = self.analyzer.sentences(doc, &mut warnings);
        let ctx = DocContext { id: &doc.id, date: doc.date, explain: self.explain, conventions };
        let mut events = self.coder.code(&ctx, &sentences);
        crate::enrich::enrich(self.gazetteer, doc.date, &sentences, &mut events);
        Processed { sentences, events, warnings }
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
