//! Text stage speed: blocks, furniture filter, sentence split and tokenizer over news-like
//! text, reported as tokens per second on one core.
//!
//! Text: the EWT training sentences from ../shared when present (joined into paragraphs),
//! otherwise the bundled example story repeated.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_text::{segment, SegmentOptions};
use std::hint::black_box;

fn corpus() -> String {
    let ewt = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ud-english-ewt/en_ewt-ud-train.conllu");
    if let Ok(text) = std::fs::read_to_string(ewt) {
        let mut out = String::new();
        for (k, line) in text.lines().filter_map(|l| l.strip_prefix("# text = ")).enumerate() {
            out.push_str(line);
            out.push_str(if k % 5 == 4 { "\n\n" } else { " " });
        }
        return out;
    }
    let story = include_str!("../../../examples/border-talks.txt");
    story.repeat(2000)
}

fn text_stage(c: &mut Criterion) {
    let text = corpus();
    let opts = SegmentOptions::default();
    let tokens: usize = segment(&text, &opts).sentences.iter().map(|s| s.tokens.len()).sum();
    let mut group = c.benchmark_group("text_stage");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(10);
    group.bench_function("segment_tokens", |b| b.iter(|| black_box(segment(black_box(&text), &opts))));
    group.finish();
}

criterion_group!(benches, text_stage);
criterion_main!(benches);
