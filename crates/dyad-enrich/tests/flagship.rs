//! The flagship story's dates and places (read from ../shared; skipped when it is absent).

use chrono::NaiveDate;
use dyad_enrich::{document_places, event_location, find_dates, find_places, Gazetteer};
use std::path::Path;

#[test]
fn flagship_dates_and_places() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/iran-talks-arms-with-the-kremlin.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let doc = NaiveDate::from_ymd_opt(2001, 3, 13);
    let seg = dyad_text::segment(&text, &dyad_text::SegmentOptions::default());
    let g = Gazetteer::shared();
    let mut dates = Vec::new();
    let mut places = Vec::new();
    for s in &seg.sentences {
        for m in find_dates(s, doc) {
            dates.push((m.text.to_lowercase(), m.date.to_string()));
        }
        for m in find_places(g, s) {
            places.push((m.place.name.clone(), m.place.country.clone(), m.place.lat, m.place.lon));
        }
    }
    eprintln!("dates: {dates:?}");
    eprintln!("places: {places:?}");
    for (text, date) in [("on monday", "2001-03-12"), ("late on sunday", "2001-03-11"), ("last september", "2000-09")] {
        assert!(dates.iter().any(|(t, d)| t == text && d == date), "{text} -> {date} not in {dates:?}");
    }
    let expected = [
        ("Moscow", 55.756, 37.617),
        ("New York", 40.713, -74.006),
        ("St Petersburg", 59.931, 30.361),
        ("Tatarstan", 55.5, 50.9),
        ("Astana", 51.169, 71.449),
        ("Bushehr", 28.923, 50.82),
        ("Caspian Sea", 41.7, 50.6),
        ("Tehran", 35.689, 51.389),
    ];
    let mut found = 0;
    for (name, lat, lon) in expected {
        // Within about 50 km (the sea and the region are large: 5 degrees).
        let tol = if name == "Caspian Sea" || name == "Tatarstan" { 5.0 } else { 0.45 };
        if places.iter().any(|(_, _, a, o)| (a - lat).abs() < tol && (o - lon).abs() < tol) {
            found += 1;
        } else {
            eprintln!("not found: {name}");
        }
    }
    assert!(found >= 7, "{found} of 8 flagship places found");

    // As event locations: a place counts when some verb of its sentence gets it.
    let (per_sentence, story) = document_places(g, &seg.sentences);
    let mut locations = Vec::new();
    for (s, mentions) in seg.sentences.iter().zip(&per_sentence) {
        for verb in 0..s.tokens.len() {
            if let Some(loc) = event_location(s, verb, mentions, &[], &story) {
                if !locations.iter().any(|l: &dyad_core::Location| l.name == loc.name) {
                    locations.push(loc);
                }
            }
        }
    }
    eprintln!("locations: {:?}", locations.iter().map(|l| l.name.as_str()).collect::<Vec<_>>());
    let located = expected
        .iter()
        .filter(|(name, lat, lon)| {
            let tol = if *name == "Caspian Sea" || *name == "Tatarstan" { 5.0 } else { 0.45 };
            locations.iter().any(|l| (l.lat - lat).abs() < tol && (l.lon - lon).abs() < tol)
        })
        .count();
    assert!(located >= 6, "{located} of 8 flagship places are locatives");
}
