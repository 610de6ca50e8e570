//! No input makes the enrich stage panic: random tokens with random (even broken) heads.

use chrono::NaiveDate;
use dyad_core::sentence::Analysis;
use dyad_core::{DepRel, Rel, Sentence, Token};
use dyad_enrich::{event_date, event_location, find_dates, find_places, story_countries, Gazetteer};

const WORDS: &[&str] = &[
    "in",
    "on",
    "Monday",
    "March",
    "12",
    ",",
    "2001",
    "last",
    "September",
    "Moscow",
    "St.",
    "Petersburg",
    "-",
    "Nur",
    "Sultan",
    "the",
    "Caspian",
    "Sea",
    "ago",
    "two",
    "days",
    "Georgia",
    "Jordan",
    "Michael",
    "of",
    "near",
    "MOSCOW",
    "\"",
    ";",
    "2001-03-12",
    "mid-March",
    "today",
    "Times",
    "week",
    "next",
    "Tuesday",
    "é",
    "",
    "May",
];

#[test]
fn random_sentences_do_not_panic() {
    let g = Gazetteer::shared();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    let doc = NaiveDate::from_ymd_opt(2001, 3, 13);
    for round in 0..3000 {
        let n = next(25);
        let mut text = String::new();
        let mut tokens = Vec::new();
        for _ in 0..n {
            let w = WORDS[next(WORDS.len())];
            let start = text.len();
            text.push_str(w);
            let mut t = Token::new(w, start, text.len());
            text.push(' ');
            // Heads may point anywhere, even outside the sentence or in cycles.
            t.head = next(n + 3) as u32;
            t.deprel = DepRel::new(Rel::ALL[next(Rel::ALL.len())]);
            tokens.push(t);
        }
        let analysis = if round % 2 == 0 { Analysis::Given } else { Analysis::Tokens };
        let s = Sentence { span: 0..text.len(), text: text.clone(), tokens, analysis, ..Sentence::default() };
        let dates = find_dates(&s, doc);
        let places = find_places(g, &s);
        let story = story_countries(&places);
        for verb in 0..n + 2 {
            let _ = event_date(&s, verb, &dates, doc);
            let exclude = verb..verb + 1;
            let _ = event_location(&s, verb, &places, std::slice::from_ref(&exclude), &story);
        }
    }
}
