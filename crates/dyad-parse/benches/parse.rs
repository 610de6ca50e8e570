//! Tagging + parsing speed on EWT dev sentences with the embedded model, one thread.

// As the dyad binary allocates (see src/main.rs), so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_parse::{eval, train, Parser};

fn bench(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu");
    let Ok(gold) = train::read_file(std::path::Path::new(path)) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let sents: Vec<_> = gold.iter().take(500).map(eval::blank).collect();
    let n: usize = sents.iter().map(|s| s.tokens.len()).sum();
    let parser = Parser::embedded();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("ewt_dev_500_sentences", |b| {
        b.iter(|| {
            let mut v = sents.clone();
            for s in &mut v {
                parser.parse(s);
            }
            v
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
