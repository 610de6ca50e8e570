//! The data types that flow between dyad's pipeline stages.
//!
//! ```text
//! Document ─text─► Sentence{tokens} ─parse─► Sentence{tokens with UD analyses}
//!          ─code─► Event ─enrich─► Event{date, location}
//! ```
//!
//! Every stage is a library crate that consumes and produces these types; keeping them in one
//! small crate lets the stages evolve independently.

pub mod actor;
pub mod date;
pub mod document;
pub mod event;
pub mod sentence;

pub use actor::ActorCode;
pub use date::EventDate;
pub use document::{Content, Document, GivenParse, GivenSentence, Origin};
pub use event::{Actor, Event, Evidence, Explanation, Location};
pub use sentence::{Analysis, DepRel, Rel, Sentence, Token, Upos};
