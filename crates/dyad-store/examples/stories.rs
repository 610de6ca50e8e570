//! Writes synthetic news stories as JSONL, for timing a whole `dyad ingest` (reading, coding and
//! storing) on input that yields events.
//!
//! `cargo run -p dyad-store --example stories -- DOCS [SEED=1] > stories.jsonl`
//!
//! Each story has 20 sentences: 15 in which one actor does something to another (on a date, often
//! in a place; dyad codes about one event from each) and 5 without events.

use chrono::NaiveDate;
use dyad_store::synthetic::Rng;
use std::io::Write;

const ACTORS: &[&str] = &[
    "Iranian President",
    "Russian President",
    "the US administration",
    "Beijing",
    "Israeli troops",
    "Palestinian militants",
    "French ministers",
    "the German chancellor",
    "Ukrainian forces",
    "the United Nations",
    "Turkish police",
    "Egyptian officials",
    "Syrian rebels",
    "the Pakistani army",
    "Japanese diplomats",
];
const VERBS: &[&str] = &[
    "met",
    "visited",
    "praised",
    "criticized",
    "threatened",
    "attacked",
    "arrested",
    "accused",
    "condemned",
    "signed an agreement with",
    "sent aid to",
    "urged",
    "warned",
    "thanked",
    "rejected",
];
const PLACES: &[&str] =
    &["Moscow", "Tehran", "Gaza", "Kyiv", "Geneva", "Cairo", "Ankara", "Islamabad", "Paris", "Berlin"];
const FILLER: &[&str] = &[
    "Markets were calm in early trading.",
    "The weather stayed dry across the region.",
    "Officials did not give further details.",
    "The report was published on the ministry's website.",
    "Analysts expect more talks next month.",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(docs) = args.first().and_then(|s| s.parse::<usize>().ok()) else {
        eprintln!("usage: stories DOCS [SEED]");
        std::process::exit(2);
    };
    let mut rng = Rng::new(args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1));
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for i in 0..docs {
        let date = start + chrono::Days::new(rng.below(4 * 365) as u64);
        let mut text = String::new();
        for j in 0..20 {
            if !text.is_empty() {
                text.push(' ');
            }
            if j % 4 == 3 {
                text.push_str(FILLER[rng.below(FILLER.len())]);
                continue;
            }
            let s = rng.below(ACTORS.len());
            let t = (s + 1 + rng.below(ACTORS.len() - 1)) % ACTORS.len();
            let day = date - chrono::Days::new(rng.below(3) as u64);
            let source = ACTORS[s];
            let mut first = source.chars();
            let head: String = first.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
            text.push_str(&format!("{head}{} {} {}", first.as_str(), VERBS[rng.below(VERBS.len())], ACTORS[t]));
            if rng.below(10) < 6 {
                text.push_str(&format!(" in {}", PLACES[rng.below(PLACES.len())]));
            }
            text.push_str(&format!(" on {day}."));
        }
        // The text holds no quotes, backslashes or control characters: JSON as written.
        writeln!(out, r#"{{"id": "story-{i}", "date": "{date}", "title": "Story {i}", "text": "{text}"}}"#).unwrap();
    }
}
