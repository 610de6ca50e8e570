//! Tags and parses the first N sentences of a CoNLL-U file REPEAT times and prints tokens per
//! CPU second of this thread (robust on a busy machine), the load time and the weight tables'
//! shapes; also a fixed small input for `valgrind --tool=callgrind`:
//! `cargo run --release -p dyad-parse --example parse_speed -- FILE N REPEAT`.
//! `MODEL=file` uses a model file instead of the embedded one; `PRUNE=w` first prunes weights
//! below `w` and prints the accuracy on FILE.

// As the dyad binary allocates (see src/main.rs), so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use dyad_parse::{eval, train, Parser};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map_or("../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu", |s| s.as_str());
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let repeat: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let gold = train::read_file(std::path::Path::new(path)).expect("readable CoNLL-U");
    let sents: Vec<_> = gold.iter().take(n).map(eval::blank).collect();
    let tokens: usize = sents.iter().map(|s| s.tokens.len()).sum();
    let t0 = std::time::Instant::now();
    let loaded = std::env::var_os("MODEL").map(|m| Parser::load(std::path::Path::new(&m)).expect("a model file"));
    let mut parser = loaded.as_ref().unwrap_or_else(|| Parser::embedded());
    let load = t0.elapsed();
    let pruned;
    if let Some(w) = std::env::var("PRUNE").ok().and_then(|s| s.parse::<f32>().ok()) {
        pruned = parser.pruned(w);
        parser = &pruned;
        let pred: Vec<_> = gold
            .iter()
            .map(|g| {
                let mut s = eval::blank(g);
                parser.parse(&mut s);
                s
            })
            .collect();
        eprintln!("pruned at {w}:\n{}", eval::score(&gold, &pred));
    }
    let ((tp, tc), (pp, pc)) = parser.model_stats();
    let (ts, ps) = parser.model_shapes();
    eprintln!("tagger: {ts}\nparser: {ps}");
    eprintln!("load {load:?}; tagger probe {tp:.2} cells {tc}; parser probe {pp:.2} cells {pc}");
    let mut rates = Vec::new();
    let mut heads = 0u64;
    for _ in 0..repeat {
        let mut v = sents.clone();
        let t1 = cpu_time();
        for s in &mut v {
            parser.parse(s);
        }
        rates.push(tokens as f64 / (cpu_time() - t1));
        heads += v.iter().flat_map(|s| s.tokens.iter().map(|t| t.head as u64)).sum::<u64>();
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    eprintln!(
        "{tokens} tokens x {repeat}: median {:.0} best {:.0} tokens per CPU second (checksum {heads})",
        rates[rates.len() / 2],
        rates[rates.len() - 1]
    );
}

/// This thread's CPU time in seconds (time it was scheduled out, on a busy machine, does not count).
fn cpu_time() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}
