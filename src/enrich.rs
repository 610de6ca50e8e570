//! The enrich stage: each event's date from the date expressions of its clause and its place
//! from the gazetteer, with ambiguous place names settled by the countries of the story.

use dyad_core::{Event, Sentence};
use dyad_enrich::Gazetteer;
use std::ops::Range;

/// Token index of the token starting at byte `offset` of the sentence text.
fn token_at(s: &Sentence, offset: usize) -> Option<usize> {
    (0..s.tokens.len()).find(|&i| s.token_range(i).start == offset)
}

/// Tokens covering the byte range `r` of the sentence text.
fn token_span(s: &Sentence, r: Range<usize>) -> Range<usize> {
    let inside: Vec<usize> = (0..s.tokens.len())
        .filter(|&i| {
            let t = s.token_range(i);
            t.start < r.end && r.start < t.end
        })
        .collect();
    match (inside.first(), inside.last()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => 0..0,
    }
}

/// Fills `date` and `location` of a document's events.
pub fn enrich(gaz: &Gazetteer, doc_date: Option<chrono::NaiveDate>, sentences: &[Sentence], events: &mut [Event]) {
    if events.is_empty() {
        return;
    }
    let mut places: Vec<_> = sentences.iter().map(|s| dyad_enrich::find_places(gaz, s)).collect();
    let countries = dyad_enrich::story_countries(places.iter().flatten());
    for p in &mut places {
        dyad_enrich::resolve(p, &countries);
    }
    let dates: Vec<_> = sentences.iter().map(|s| dyad_enrich::find_dates(s, doc_date)).collect();
    for e in events.iter_mut() {
        let Some(k) = sentences.iter().position(|s| s.index == e.sentence_index) else { continue };
        let s = &sentences[k];
        let Some(verb) = token_at(s, e.evidence.verb_start) else { continue };
        e.date = dyad_enrich::event_date(s, verb, &dates[k], doc_date);
        let mut exclude = vec![token_span(s, e.source.start..e.source.end)];
        if let Some(t) = &e.target {
            exclude.push(token_span(s, t.start..t.end));
        }
        e.location = dyad_enrich::event_location(s, verb, &places[k], &exclude, &countries);
    }
}
