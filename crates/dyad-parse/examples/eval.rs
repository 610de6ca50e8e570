//! Scores a model on a CoNLL-U file with the given tokens:
//! `cargo run --release -p dyad-parse --example eval -- --gold F [--model M | --embedded] [--out PRED.conllu]`.

use std::path::PathBuf;
use std::time::Instant;

use dyad_parse::{eval, train, Parser};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut gold, mut model, mut out) = (None, None, None);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| die(&format!("{a} needs a value")));
        match a.as_str() {
            "--gold" => gold = Some(PathBuf::from(val())),
            "--model" => model = Some(PathBuf::from(val())),
            "--out" => out = Some(PathBuf::from(val())),
            "--embedded" => model = None,
            _ => die(&format!("unknown argument {a}")),
        }
    }
    let gold =
        train::read_file(&gold.unwrap_or_else(|| die("--gold is required"))).unwrap_or_else(|e| die(&e.to_string()));
    let t0 = Instant::now();
    let owned;
    let parser = match model {
        Some(m) => {
            owned = Parser::load(&m).unwrap_or_else(|e| die(&e.to_string()));
            &owned
        }
        None => Parser::embedded(),
    };
    eprintln!("model loaded in {:.0} ms", t0.elapsed().as_secs_f64() * 1000.0);
    let mut pred: Vec<_> = gold.iter().map(eval::blank).collect();
    let t1 = Instant::now();
    for s in &mut pred {
        parser.parse(s);
    }
    let secs = t1.elapsed().as_secs_f64();
    let n: usize = pred.iter().map(|s| s.tokens.len()).sum();
    eprintln!("parsed {n} tokens in {secs:.2}s ({:.0} tokens/s, one thread)", n as f64 / secs);
    if let Some(o) = out {
        let mut f = std::io::BufWriter::new(std::fs::File::create(o).unwrap_or_else(|e| die(&e.to_string())));
        dyad_parse::conllu::write(&pred, &mut f).unwrap_or_else(|e| die(&e.to_string()));
    }
    println!("{}", eval::score(&gold, &pred));
}

fn die(msg: &str) -> ! {
    eprintln!("eval: {msg}");
    std::process::exit(2)
}
