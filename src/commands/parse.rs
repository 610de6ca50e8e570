//! `dyad parse` and `dyad train-parser`.

use crate::cli::{ParseArgs, TrainParserArgs};
use crate::commands::code::{configure_threads, read_options};
use crate::pipeline::Analyzer;
use anyhow::{Context, Result};
use dyad_parse::Parser;
use dyad_text::Item;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: ParseArgs) -> Result<ExitCode> {
    configure_threads(&args.input)?;
    let parser: &'static Parser = match &args.model {
        Some(m) => Box::leak(Box::new(Parser::load(m).with_context(|| format!("cannot load model {}", m.display()))?)),
        None => Parser::embedded(),
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut failed = 0usize;
    if args.conllu_in {
        // Tokens are kept exactly: each block is read as given and every column but ID and
        // FORM is predicted again.
        let inputs = if args.input.inputs.is_empty() { vec!["-".into()] } else { args.input.inputs.clone() };
        for path in &inputs {
            let text = if path.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin()).context("cannot read standard input")?
            } else {
                std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
            };
            let mut entries = Vec::new();
            for r in dyad_parse::conllu::read_entries(&text) {
                match r {
                    Ok(e) => entries.push(e),
                    Err(e) => {
                        failed += 1;
                        eprintln!("dyad: {}: {e}", path.display());
                    }
                }
            }
            use rayon::prelude::*;
            entries.par_iter_mut().for_each(|e| {
                e.sentence = dyad_parse::eval::blank(&e.sentence);
                parser.parse(&mut e.sentence);
            });
            dyad_parse::conllu::write_entries(&entries, &mut out)?;
        }
    } else {
        let analyzer = Analyzer { parser, ..Analyzer::embedded(false) };
        let opts = read_options(&args.input);
        for item in dyad_text::read_inputs(&args.input.inputs, &opts) {
            match item {
                Item::Document(doc) => {
                    let mut warnings = Vec::new();
                    let sentences = analyzer.sentences(&doc, &mut warnings);
                    for w in warnings {
                        eprintln!("dyad: warning: {w}");
                    }
                    writeln!(out, "# newdoc id = {}", doc.id)?;
                    for s in &sentences {
                        dyad_parse::conllu::write_one(Some(&format!("{}-{}", doc.id, s.index + 1)), s, &mut out)?;
                    }
                }
                Item::Error(e) => {
                    failed += 1;
                    eprintln!("dyad: {e}");
                }
                Item::Warning(e) => eprintln!("dyad: warning: {e}"),
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

pub fn train(args: TrainParserArgs) -> Result<ExitCode> {
    let opts = dyad_parse::TrainOptions { seed: args.seed, ..Default::default() };
    let t0 = std::time::Instant::now();
    let parser = dyad_parse::train(&args.train, args.dev.as_deref(), &opts, |m| {
        eprintln!("[{:>6.1}s] {m}", t0.elapsed().as_secs_f64())
    })?;
    parser.save(&args.out).with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!("dyad: model written to {} in {:.0} s", args.out.display(), t0.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}
