//! The event record: who did what to whom, when and where, and the words behind it.

use crate::EventDate;
use serde::Serialize;

/// One coded event. Serialises to the JSONL record of the brief.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Event {
    pub doc_id: String,
    pub sentence_index: usize,
    pub sentence: String,
    pub date: Option<EventDate>,
    pub source: Actor,
    pub target: Option<Actor>,
    /// The CAMEO event code (`040`, `0312`).
    pub cameo: String,
    pub cameo_root: String,
    pub quad_class: u8,
    pub goldstein: f32,
    /// PLOVER event type; null for public statements (CAMEO 01), which PLOVER does not code.
    pub plover: Option<String>,
    pub location: Option<Location>,
    pub negated: bool,
    pub evidence: Evidence,
}

/// An actor as it appears in an event.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Actor {
    pub code: String,
    pub country: Option<String>,
    pub role: Option<String>,
    /// The words of the sentence that name the actor.
    pub text: String,
    /// Byte range of `text` in the sentence.
    pub start: usize,
    pub end: usize,
}

/// Where the event took place.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Location {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

/// The words and rule that produced the event.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Evidence {
    /// The verb (or event noun) as written.
    pub verb: String,
    /// Byte range of the verb in the sentence.
    pub verb_start: usize,
    pub verb_end: usize,
    /// The dictionary pattern that matched, in the dictionary's own notation.
    pub pattern: String,
    /// Filled with `--explain`: how the coder got from the text to the codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

/// The coder's reasoning for one event, for `--explain`.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Explanation {
    /// The verb dictionary entry (file:line) whose pattern matched.
    pub verb_entry: String,
    /// The actor dictionary entries behind source and target (`file:line name`).
    pub source_entry: Vec<String>,
    pub target_entry: Vec<String>,
    /// The dependency path from the verb to each actor (`nsubj`, `obl:with`, ...).
    pub source_path: Vec<String>,
    pub target_path: Vec<String>,
    /// Any further notes: passive voice, verb chain, negation, coreference, date and place.
    pub notes: Vec<String>,
}
