//! `dyad code`: documents in, events out.

use crate::cli::{CodeArgs, InputArgs};
use crate::output::EventWriter;
use crate::pipeline::{self, Summary};
use crate::progress::Progress;
use anyhow::{Context, Result};
use dyad_text::ReadOptions;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: CodeArgs) -> Result<ExitCode> {
    configure_threads(&args.input)?;
    let mut pipeline = crate::coders::pipeline(&args.dict, args.explain)?;
    pipeline.conventions.new_actors = args.new_actors;
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut writer = EventWriter::new(args.format, out)?;
    let opts = read_options(&args.input);
    let progress = Progress::documents();
    let summary =
        pipeline::run(dyad_text::read_inputs(&args.input.inputs, &opts), &pipeline, &progress, |_, processed| {
            for event in &processed.events {
                writer.write(event)?;
            }
            Ok(())
        })?;
    writer.flush()?;
    progress.finish();
    Ok(report(&summary))
}

pub fn read_options(input: &InputArgs) -> ReadOptions {
    ReadOptions { format: input.input_format.map(Into::into), date: input.date, id: input.id.clone() }
}

/// Sizes rayon's pool from `--threads` (default: all cores).
pub fn configure_threads(input: &InputArgs) -> Result<()> {
    if let Some(n) = input.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot configure the thread pool")?;
    }
    Ok(())
}

/// Prints the run's counts when something went wrong; status 1 when any record failed.
pub fn report(summary: &Summary) -> ExitCode {
    if summary.failed > 0 {
        eprintln!(
            "dyad: {} documents coded into {} events; {} records failed",
            summary.documents, summary.events, summary.failed
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
