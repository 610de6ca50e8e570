//! Load time of the embedded gazetteer, and place and date finding per sentence.
//!
//! `cargo bench -p dyad-enrich --bench gazetteer`

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use dyad_core::Sentence;
use dyad_enrich::{find_dates, find_places, Gazetteer};

fn sentence(text: &str) -> Sentence {
    Sentence { text: text.to_string(), span: 0..text.len(), tokens: dyad_text::tokenize(text), ..Sentence::default() }
}

fn bench(c: &mut Criterion) {
    c.bench_function("gazetteer_embedded_load", |b| b.iter(|| black_box(Gazetteer::embedded())));
    let g = Gazetteer::embedded();
    let s = sentence(
        "Kazakh and Russian negotiators will meet in Astana on Monday to discuss oil routes across the \
         Caspian Sea, two days after engineers gathered near Bushehr in southern Iran.",
    );
    c.bench_function("find_places_sentence", |b| b.iter(|| black_box(find_places(&g, black_box(&s)))));
    let doc = NaiveDate::from_ymd_opt(2001, 3, 13);
    c.bench_function("find_dates_sentence", |b| b.iter(|| black_box(find_dates(black_box(&s), doc))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
