//! Raw text → events on one thread, in tokens per CPU second of this thread: a figure that holds
//! up on a busy machine better than wall time (time scheduled out does not count), for comparing
//! two builds run alternately. `cargo run --release -p dyad-code --example e2e_speed -- [FILE]
//! [REPEAT]`; FILE is plain text, one document per blank-line-separated block (default: the
//! news-300 sentences), REPEAT how many timed passes (default 15). Prints each stage's share, and
//! the coding stage's speed alone.

// As the dyad binary allocates (see src/main.rs), so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use dyad_code::dependency::DependencyCoder;
use dyad_code::lexicon::Lexicon;
use dyad_code::{Coder, DocContext};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = match args.get(1) {
        Some(path) => std::fs::read_to_string(path).expect("a readable text file"),
        None => include_str!("../testdata/news-300.jsonl")
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    let repeat: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(15).max(1);
    let docs: Vec<&str> = text.split("\n\n").filter(|d| !d.trim().is_empty()).collect();
    let coder = DependencyCoder { dict: Lexicon::from_dyad_files(dyad_code::lexicon::DEFAULT_FILES) };
    let parser = dyad_parse::Parser::embedded();
    let opts = dyad_text::SegmentOptions::default();
    let doc = DocContext {
        id: "speed",
        date: chrono::NaiveDate::from_ymd_opt(2024, 5, 14),
        explain: false,
        conventions: Default::default(),
    };
    let mut rates = Vec::new();
    let mut stages = [0f64; 3];
    let (mut tokens, mut events, mut sentences) = (0, 0, 0);
    for pass in 0..=repeat {
        let mut times = [0f64; 3];
        tokens = 0;
        events = 0;
        sentences = 0;
        for d in &docs {
            let t0 = cpu_time();
            let mut s = dyad_text::segment(d, &opts).sentences;
            let t1 = cpu_time();
            for x in &mut s {
                parser.parse(x);
            }
            let t2 = cpu_time();
            events += coder.code(&doc, &s).len();
            let t3 = cpu_time();
            tokens += s.iter().map(|x| x.tokens.len()).sum::<usize>();
            sentences += s.len();
            for (t, d) in times.iter_mut().zip([t1 - t0, t2 - t1, t3 - t2]) {
                *t += d;
            }
        }
        // The first pass warms the caches and is not counted.
        if pass > 0 {
            rates.push(tokens as f64 / times.iter().sum::<f64>());
            for (s, t) in stages.iter_mut().zip(times) {
                *s += t;
            }
        }
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    let all: f64 = stages.iter().sum();
    println!(
        "{tokens} tokens, {events} events x {repeat}: median {:.0} tokens per CPU second (min {:.0}, max {:.0}); \
         segment {:.0} %, tag+parse {:.0} %, code {:.0} % ({:.0} sentences per CPU second)",
        rates[rates.len() / 2],
        rates[0],
        rates[rates.len() - 1],
        100.0 * stages[0] / all,
        100.0 * stages[1] / all,
        100.0 * stages[2] / all,
        (sentences * repeat) as f64 / stages[2]
    );
}

/// This thread's CPU time in seconds.
fn cpu_time() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}
