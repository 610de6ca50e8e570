//! The enrich stage: when and where each coded event happened.
//!
//! * [`find_dates`] finds date expressions ("on Monday", "last September", "March 12, 2001")
//!   and resolves them against the story's date; [`event_date`] picks the one that belongs to
//!   an event's verb.
//! * [`Gazetteer`] holds place names (countries, first-level regions, cities, seas and named
//!   regions) with coordinates; [`find_places`] finds them in a sentence, [`story_countries`]
//!   and [`resolve`] settle ambiguous names by the story's countries, and [`event_location`]
//!   picks the place of an event.
//!
//! Everything works on token forms alone; dependency heads and tags are used when the
//! sentence has them.

pub mod dates;
pub mod places;

pub use dates::{event_date, find_dates, DateMention};
pub use places::{
    document_places, event_location, find_places, load_geonames, resolve, resolve_one, story_countries, Gazetteer,
    Place, PlaceKind, PlaceMention,
};

use dyad_core::sentence::Analysis;
use dyad_core::{Rel, Sentence, Upos};

/// Whether the sentence carries a dependency parse.
pub(crate) fn is_parsed(s: &Sentence) -> bool {
    s.analysis != Analysis::Tokens && s.tokens.iter().any(|t| t.head != 0) && s.root().is_some()
}

/// Whether token `i` heads a clause of its own (a verb or a clausal dependent).
pub(crate) fn is_clause_head(s: &Sentence, i: usize) -> bool {
    let Some(t) = s.tokens.get(i) else {
        return false;
    };
    matches!(t.deprel.rel, Rel::Root | Rel::Ccomp | Rel::Advcl | Rel::Acl | Rel::Parataxis | Rel::Xcomp | Rel::Csubj)
        || (t.upos == Upos::Verb && t.deprel.rel == Rel::Conj)
}
