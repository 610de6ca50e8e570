//! Trains a parser model: `cargo run --release -p dyad-parse --example train -- --train F [--dev F] --out M [--seed N]`.

use std::path::PathBuf;

use dyad_parse::TrainOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut train, mut dev, mut out) = (None, None, None);
    let mut opts = TrainOptions::default();
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| die(&format!("{a} needs a value")));
        match a.as_str() {
            "--train" => train = Some(PathBuf::from(val())),
            "--dev" => dev = Some(PathBuf::from(val())),
            "--out" => out = Some(PathBuf::from(val())),
            "--seed" => opts.seed = val().parse().unwrap_or_else(|_| die("--seed takes a number")),
            "--epochs" => opts.epochs = val().parse().unwrap_or_else(|_| die("--epochs takes a number")),
            "--tagger-epochs" => {
                opts.tagger_epochs = val().parse().unwrap_or_else(|_| die("--tagger-epochs takes a number"))
            }
            "--min-weight" => opts.min_weight = val().parse().unwrap_or_else(|_| die("--min-weight takes a number")),
            "--min-count" => opts.min_count = val().parse().unwrap_or_else(|_| die("--min-count takes a number")),
            _ => die(&format!("unknown argument {a}")),
        }
    }
    let train = train.unwrap_or_else(|| die("--train is required"));
    let out = out.unwrap_or_else(|| die("--out is required"));
    let t0 = std::time::Instant::now();
    let p =
        dyad_parse::train(&train, dev.as_deref(), &opts, |m| eprintln!("[{:>6.1}s] {m}", t0.elapsed().as_secs_f64()))
            .unwrap_or_else(|e| die(&e.to_string()));
    p.save(&out).unwrap_or_else(|e| die(&e.to_string()));
    eprintln!(
        "saved {} ({} bytes) in {:.1}s",
        out.display(),
        std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0),
        t0.elapsed().as_secs_f64()
    );
}

fn die(msg: &str) -> ! {
    eprintln!("train: {msg}");
    std::process::exit(2)
}
