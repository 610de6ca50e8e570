//! Ingest throughput: batches of 100 documents × 20 events (2,000 events) into a file store.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_store::{synthetic, Store};

fn ingest(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("bench.db")).unwrap();
    let mut g = c.benchmark_group("store");
    g.throughput(Throughput::Elements(2_000));
    g.sample_size(20);
    let mut n = 0usize;
    g.bench_function("ingest_2000_events", |b| {
        b.iter_batched(
            || {
                n += 100;
                synthetic::batch(11, "bench", n, 100, 20)
            },
            |batch| store.ingest(&batch).unwrap(),
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
