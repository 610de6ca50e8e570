//! Fills a store with synthetic events and prints the ingest rate.
//!
//! `cargo run -p dyad-store --example load_synthetic -- DB EVENTS [EVENTS_PER_DOC] [DOCS_PER_BATCH]`

use dyad_store::{synthetic, Store};
use std::time::Instant;

/// CPU seconds (user + system) this process has used, from /proc (0 elsewhere).
fn cpu_secs() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses): utime is the 12th, stime 13th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: load_synthetic DB EVENTS [EVENTS_PER_DOC=10] [DOCS_PER_BATCH=500]");
        std::process::exit(2);
    }
    let events: usize = args[1].parse().expect("EVENTS");
    let per_doc: usize = args.get(2).map_or(10, |s| s.parse().expect("EVENTS_PER_DOC"));
    let per_batch: usize = args.get(3).map_or(500, |s| s.parse().expect("DOCS_PER_BATCH"));
    let mut store = Store::open(&args[0]).expect("open");
    let start_doc = store.totals().expect("totals").0 as usize;
    let docs = events.div_ceil(per_doc);
    let mut done = 0;
    let mut ingest_time = std::time::Duration::ZERO;
    let mut ingest_cpu = 0.0;
    let mut rates = Vec::new();
    let t0 = Instant::now();
    while done < docs {
        let n = per_batch.min(docs - done);
        let batch = synthetic::batch(42, "syn", start_doc + done, n, per_doc);
        let t = Instant::now();
        let c = cpu_secs();
        let st = store.ingest(&batch).expect("ingest");
        let dt = t.elapsed();
        ingest_cpu += cpu_secs() - c;
        ingest_time += dt;
        rates.push(st.events as f64 / dt.as_secs_f64());
        done += n;
    }
    rates.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let total = done * per_doc;
    println!(
        "ingested {total} events in {} batches of {} events: {:.0} events/s over ingest time \
         (median batch {:.0} events/s), {:.0} events per CPU-second of ingest, {:.1} s wall \
         including generation",
        rates.len(),
        per_batch * per_doc,
        total as f64 / ingest_time.as_secs_f64(),
        rates[rates.len() / 2],
        total as f64 / ingest_cpu.max(1e-9),
        t0.elapsed().as_secs_f64()
    );
    println!("store totals (documents, sentences, events): {:?}", store.totals().unwrap());
}
