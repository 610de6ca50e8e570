//! Hand-coded sentences (`testdata/*.jsonl`): `{"id", "date", "text", "events": [{"source",
//! "target", "code"}]}`, scored on PLOVER event type, CAMEO code and whole events.

use crate::{actor_matches, match_multiset, Prf};
use dyad_core::Event;
use serde::Deserialize;
use std::fmt;

#[derive(Clone, Debug, Deserialize)]
pub struct GoldSentence {
    pub id: String,
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    pub events: Vec<GoldEvent>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldEvent {
    pub source: String,
    pub target: Option<String>,
    pub code: String,
}

impl GoldEvent {
    /// The PLOVER type of the expected code (or of its root when only the root is given).
    pub fn plover(&self) -> Option<&'static str> {
        dyad_cameo::lookup(&self.code).and_then(|c| c.plover)
    }
}

/// Reads a gold file; a bad line is an error naming it.
pub fn read(text: &str) -> Result<Vec<GoldSentence>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Scores of a run over a gold file.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// PLOVER event type per sentence (events of CAMEO 01, which PLOVER lacks, left out).
    pub plover: Prf,
    /// CAMEO code (prefix rule), ignoring actors.
    pub cameo: Prf,
    /// CAMEO root, ignoring actors.
    pub root: Prf,
    /// Code, source and target all matching.
    pub events: Prf,
}

impl Scores {
    pub fn add_sentence(&mut self, gold: &GoldSentence, produced: &[Event]) {
        let gp: Vec<&str> = gold.events.iter().filter_map(GoldEvent::plover).collect();
        let pp: Vec<&str> = produced.iter().filter_map(|e| e.plover.as_deref()).collect();
        self.plover.add(match_multiset(&gp, &pp, |a, b| a == b));
        self.cameo.add(match_multiset(&gold.events, produced, |g, p| p.cameo.starts_with(&g.code)));
        self.root.add(match_multiset(&gold.events, produced, |g, p| p.cameo_root == g.code[..2.min(g.code.len())]));
        self.events.add(match_multiset(&gold.events, produced, |g, p| {
            p.cameo.starts_with(&g.code)
                && actor_matches(Some(&g.source), Some(&p.source.code))
                && actor_matches(g.target.as_deref(), p.target.as_ref().map(|t| t.code.as_str()))
        }));
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "PLOVER event type  {}", self.plover)?;
        writeln!(f, "CAMEO root         {}", self.root)?;
        writeln!(f, "CAMEO code         {}", self.cameo)?;
        write!(f, "whole event        {}", self.events)
    }
}
