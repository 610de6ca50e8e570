//! Fills a store with synthetic events and prints the ingest rate.
//!
//! `cargo run -p dyad-store --example load_synthetic -- DB EVENTS [EVENTS_PER_DOC] [DOCS_PER_BATCH]`

use dyad_store::{synthetic, Store};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: load_synthetic DB EVENTS [EVENTS_PER_DOC=10] [DOCS_PER_BATCH=500]");
        std::process::exit(2);
    }
    let events: usize = args[1].parse().expect("EVENTS");
    let per_doc: usize = args
        .get(2)
        .map_or(10, |s| s.parse().expect("EVENTS_PER_DOC"));
    let per_batch: usize = args
        .get(3)
        .map_or(500, |s| s.parse().expect("DOCS_PER_BATCH"));
    let mut store = Store::open(&args[0]).expect("open");
    let start_doc = store.totals().expect("totals").0 as usize;
    let docs = events.div_ceil(per_doc);
    let mut done = 0;
    let mut ingest_time = std::time::Duration::ZERO;
    let mut rates = Vec::new();
    let t0 = Instant::now();
    while done < docs {
        let n = per_batch.min(docs - done);
        let batch = synthetic::batch(42, "syn", start_doc + done, n, per_doc);
        let t = Instant::now();
        let st = store.ingest(&batch).expect("ingest");
        let dt = t.elapsed();
        ingest_time += dt;
        rates.push(st.events as f64 / dt.as_secs_f64());
        done += n;
    }
    rates.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let total = done * per_doc;
    println!(
        "ingested {total} events in {} batches of {} events: {:.0} events/s over ingest time \
         (median batch {:.0} events/s), {:.1} s wall including generation",
        rates.len(),
        per_batch * per_doc,
        total as f64 / ingest_time.as_secs_f64(),
        rates[rates.len() / 2],
        t0.elapsed().as_secs_f64()
    );
    println!(
        "store totals (documents, sentences, events): {:?}",
        store.totals().unwrap()
    );
}
