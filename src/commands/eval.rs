//! `dyad eval`: score dyad against references kept in the repository or in ../shared.

use crate::cli::{EvalArgs, EvalCommand};
use crate::coders;
use anyhow::{bail, Context, Result};
use dyad_core::{Document, Origin};
use std::process::ExitCode;

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    match args.command {
        EvalCommand::Events { gold, min_plover_f1 } => events(&gold, min_plover_f1),
        EvalCommand::Flagship { story, reference, date } => flagship(&story, &reference, date),
        EvalCommand::Conllu { gold, pred } => conllu(&gold, &pred),
    }
}

fn events(path: &std::path::Path, min_f1: Option<f64>) -> Result<ExitCode> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let gold = dyad_eval::gold::read(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let pipeline = coders::pipeline(&Default::default(), false)?;
    let origin: std::sync::Arc<str> = path.display().to_string().into();
    let mut scores = dyad_eval::gold::Scores::default();
    for g in &gold {
        let mut doc = Document::from_text(g.id.clone(), g.text.clone(), Origin::new(origin.clone(), 0));
        doc.date = g.date.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let produced = pipeline.process(&doc).events;
        scores.add_sentence(g, &produced);
    }
    println!("{}: {} sentences", path.display(), gold.len());
    println!("{scores}");
    if let Some(min) = min_f1 {
        if 100.0 * scores.plover.f1() < min {
            bail!("PLOVER event-type F1 {:.1} % is below {min} %", 100.0 * scores.plover.f1());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn flagship(story: &std::path::Path, reference: &std::path::Path, date: Option<chrono::NaiveDate>) -> Result<ExitCode> {
    let text = std::fs::read_to_string(story).with_context(|| format!("cannot read {}", story.display()))?;
    let refj = std::fs::read_to_string(reference).with_context(|| format!("cannot read {}", reference.display()))?;
    let reference: dyad_eval::flagship::Reference =
        serde_json::from_str(&refj).with_context(|| format!("cannot parse {}", reference.display()))?;
    let mut doc = Document::from_text("flagship", text, Origin::new(story.display().to_string(), 1));
    doc.date = date;
    let events = coders::pipeline(&Default::default(), false)?.process(&doc).events;
    let report = dyad_eval::flagship::check(&reference, &events);
    println!("{report}");
    Ok(if report.passes() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn conllu(gold: &std::path::Path, pred: &std::path::Path) -> Result<ExitCode> {
    let read =
        |p: &std::path::Path| dyad_parse::train::read_file(p).with_context(|| format!("cannot read {}", p.display()));
    let (gold, pred) = (read(gold)?, read(pred)?);
    if gold.len() != pred.len() {
        bail!("{} gold sentences but {} predicted", gold.len(), pred.len());
    }
    println!("{}", dyad_parse::eval::score(&gold, &pred));
    Ok(ExitCode::SUCCESS)
}
