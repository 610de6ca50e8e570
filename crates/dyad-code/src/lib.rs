//! The event coder: from analysed sentences to CAMEO-coded events.
//!
//! A [`Coder`] sees a whole document at a time, because coding needs the story's context
//! (its date, the actors named earlier for pronouns and definite references).

use chrono::NaiveDate;
use dyad_core::{Actor, Event, Evidence, Sentence};

/// What a coder knows about the document besides its sentences.
#[derive(Clone, Debug, Default)]
pub struct DocContext<'a> {
    pub id: &'a str,
    pub date: Option<NaiveDate>,
    /// Fill `Evidence::explain` with the coder's reasoning.
    pub explain: bool,
    /// Coding conventions that differ between users (PETRARCH's `<Config>` options).
    pub conventions: Conventions,
}

/// Coding conventions a user may choose per document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Conventions {
    /// Which events missing an actor are kept.
    pub dyads: Dyads,
    /// Name an actor the dictionaries lack by the words of its phrase ("THE MINISTRY OF
    /// MAGIC") when the phrase has at most this many words (PETRARCH's `new_actor_length`);
    /// 0 never does.
    pub new_actors: usize,
}

/// Which events with a missing actor a coder keeps, and whether a statement framing another
/// event counts as an event of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dyads {
    /// One-sided events are kept ("police detained dozens"), but a statement that frames
    /// another event of its sentence ("..., officials said") is not an event of its own.
    #[default]
    Framed,
    /// Every event needs a source and a target (PETRARCH's `require_dyad = true`).
    Required,
    /// Every event found is kept, framing statements included (PETRARCH's
    /// `require_dyad = false`).
    All,
}

/// Turns a document's analysed sentences into events.
pub trait Coder: Send + Sync {
    fn code(&self, doc: &DocContext<'_>, sentences: &[Sentence]) -> Vec<Event>;
}

/// Builds an event record with the ontology fields that follow from its CAMEO code.
pub fn new_event(
    doc: &DocContext<'_>,
    sentence: &Sentence,
    code: &dyad_cameo::CameoCode,
    source: Actor,
    target: Option<Actor>,
    evidence: Evidence,
) -> Event {
    event_with_code(doc, sentence, code.code, source, target, evidence)
}

/// Builds an event for a code as a dictionary wrote it. Codes outside CAMEO (some PETRARCH
/// dictionaries use internal ones) keep their text, with the root from their first two
/// characters and no quad class, Goldstein value or PLOVER type.
pub fn event_with_code(
    doc: &DocContext<'_>,
    sentence: &Sentence,
    code: &str,
    source: Actor,
    target: Option<Actor>,
    evidence: Evidence,
) -> Event {
    let (cameo_root, quad_class, goldstein, plover) = match dyad_cameo::lookup(code) {
        Some(c) => (c.root().to_string(), c.quad_class, c.goldstein, c.plover.map(str::to_string)),
        None => (code.chars().take(2).collect(), 0, 0.0, None),
    };
    Event {
        doc_id: doc.id.to_string(),
        sentence_index: sentence.index,
        sentence: sentence.text.clone(),
        date: doc.date.map(Into::into),
        source,
        target,
        cameo: code.to_string(),
        cameo_root,
        quad_class,
        goldstein,
        plover,
        location: None,
        negated: false,
        evidence,
    }
}

pub mod actors;
pub mod dependency;
pub mod frame;
pub mod lexicon;
pub mod pattern;
pub mod transform;
pub mod tree;
