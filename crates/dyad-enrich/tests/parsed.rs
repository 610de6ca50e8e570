//! With a dependency parse, the date and place of an event come from the verb's own clause.

use chrono::NaiveDate;
use dyad_core::sentence::Analysis;
use dyad_core::{DepRel, Sentence, Token};
use dyad_enrich::{event_date, event_location, find_dates, find_places, story_countries, Gazetteer};

/// A parsed sentence from (form, 1-based head, relation) triples.
fn parsed(words: &[(&str, u32, &str)]) -> Sentence {
    let mut text = String::new();
    let mut tokens = Vec::new();
    for (form, head, rel) in words {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(form);
        let mut t = Token::new(*form, start, text.len());
        t.head = *head;
        t.deprel = DepRel::parse(rel).unwrap();
        tokens.push(t);
    }
    Sentence { span: 0..text.len(), text, tokens, analysis: Analysis::Given, ..Sentence::default() }
}

#[test]
fn date_and_place_of_the_main_verb_skip_a_relative_clause() {
    // "On Monday , Khatami , who toured Moscow in 1999 , met Putin in Tehran ."
    let s = parsed(&[
        ("On", 2, "case"),          // 1
        ("Monday", 12, "obl"),      // 2
        (",", 12, "punct"),         // 3
        ("Khatami", 12, "nsubj"),   // 4
        (",", 7, "punct"),          // 5
        ("who", 7, "nsubj"),        // 6
        ("toured", 4, "acl:relcl"), // 7
        ("Moscow", 7, "obj"),       // 8
        ("in", 10, "case"),         // 9
        ("1999", 7, "obl"),         // 10
        (",", 7, "punct"),          // 11
        ("met", 0, "root"),         // 12
        ("Putin", 12, "obj"),       // 13
        ("in", 15, "case"),         // 14
        ("Tehran", 12, "obl"),      // 15
        (".", 12, "punct"),         // 16
    ]);
    let doc = NaiveDate::from_ymd_opt(2001, 3, 13);
    let dates = find_dates(&s, doc);
    assert_eq!(dates.len(), 2, "{dates:?}");
    // Nearest to "met" is "in 1999", but it belongs to the relative clause.
    assert_eq!(event_date(&s, 11, &dates, doc).unwrap().to_string(), "2001-03-12");
    assert_eq!(event_date(&s, 6, &dates, doc).unwrap().to_string(), "1999");

    let g = Gazetteer::shared();
    let places = find_places(g, &s);
    let story = story_countries(&places);
    let loc = event_location(&s, 11, &places, &[], &story).unwrap();
    assert_eq!(loc.name, "Tehran");
}

#[test]
fn a_place_outside_the_clause_is_the_fallback() {
    // "Talks began in Astana , and the envoys agreed ." — "agreed" has no place of its own.
    let s = parsed(&[
        ("Talks", 2, "nsubj"),  // 1
        ("began", 0, "root"),   // 2
        ("in", 4, "case"),      // 3
        ("Astana", 2, "obl"),   // 4
        (",", 9, "punct"),      // 5
        ("and", 9, "cc"),       // 6
        ("the", 8, "det"),      // 7
        ("envoys", 9, "nsubj"), // 8
        ("agreed", 2, "conj"),  // 9
        (".", 2, "punct"),      // 10
    ]);
    let g = Gazetteer::shared();
    let places = find_places(g, &s);
    let loc = event_location(&s, 8, &places, &[], &[]).unwrap();
    assert_eq!(loc.name, "Astana");
    let none = find_dates(&s, None);
    assert!(none.is_empty());
    assert_eq!(event_date(&s, 8, &none, None), None);
}

#[test]
fn reported_speech_dates_the_saying_control_dates_the_act() {
    let doc = NaiveDate::from_ymd_opt(2001, 3, 13);
    // "Khatami said on Monday that Putin will visit Tehran ."
    let s = parsed(&[
        ("Khatami", 2, "nsubj"), // 1
        ("said", 0, "root"),     // 2
        ("on", 4, "case"),       // 3
        ("Monday", 2, "obl"),    // 4
        ("that", 8, "mark"),     // 5
        ("Putin", 8, "nsubj"),   // 6
        ("will", 8, "aux"),      // 7
        ("visit", 2, "ccomp"),   // 8
        ("Tehran", 8, "obj"),    // 9
        (".", 2, "punct"),       // 10
    ]);
    let dates = find_dates(&s, doc);
    assert_eq!(event_date(&s, 1, &dates, doc).unwrap().to_string(), "2001-03-12");
    assert_eq!(event_date(&s, 7, &dates, doc).unwrap().to_string(), "2001-03-13", "the story's date");

    // "Iran agreed on Monday to cooperate ."
    let s = parsed(&[
        ("Iran", 2, "nsubj"),      // 1
        ("agreed", 0, "root"),     // 2
        ("on", 4, "case"),         // 3
        ("Monday", 2, "obl"),      // 4
        ("to", 6, "mark"),         // 5
        ("cooperate", 2, "xcomp"), // 6
        (".", 2, "punct"),         // 7
    ]);
    let dates = find_dates(&s, doc);
    assert_eq!(event_date(&s, 5, &dates, doc).unwrap().to_string(), "2001-03-12");
}
