//! `dyad validate`: run a PETRARCH validation file and score the events against its codings.

use crate::cli::ValidateArgs;
use crate::output::EventWriter;
use anyhow::{Context, Result};
use dyad_core::Event;
use dyad_text::read::petrarch::{self, ExpectedEvent, Record};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

/// Counts for one category of records (or all of them).
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub records: usize,
    pub correct: usize,
    pub expected: usize,
    pub produced: usize,
    pub matched: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.records += o.records;
        self.correct += o.correct;
        self.expected += o.expected;
        self.produced += o.produced;
        self.matched += o.matched;
    }

    pub fn recall(&self) -> f64 {
        pct(self.matched, self.expected)
    }

    pub fn precision(&self) -> f64 {
        pct(self.matched, self.produced)
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Source, target and event code.
pub type Triple = (String, String, String);

/// The (source, target, code) triple a validation record is scored on; a missing target is `---`.
pub fn triple(e: &Event) -> Triple {
    let target = e.target.as_ref().map(|t| t.code.clone()).unwrap_or_else(|| "---".to_string());
    (e.source.code.clone(), target, e.cameo.clone())
}

fn expected_triple(e: &ExpectedEvent) -> Triple {
    (e.source.clone(), e.target.clone(), e.code.clone())
}

/// Scores one record: events matched as a multiset of triples.
pub fn score_record(record: &Record, events: &[Event]) -> (Tally, Vec<Triple>, Vec<Triple>) {
    let mut missing: Vec<_> = record.expected.events.iter().map(expected_triple).collect();
    let mut extra = Vec::new();
    for e in events {
        let t = triple(e);
        match missing.iter().position(|m| *m == t) {
            Some(k) => {
                missing.swap_remove(k);
            }
            None => extra.push(t),
        }
    }
    let expected = record.expected.events.len();
    let matched = expected - missing.len();
    let tally = Tally {
        records: 1,
        correct: usize::from(missing.is_empty() && extra.is_empty()),
        expected,
        produced: events.len(),
        matched,
    };
    (tally, missing, extra)
}

pub fn run(args: ValidateArgs) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let file = petrarch::read_file(&text, args.file.display().to_string().into());
    for w in &file.warnings {
        eprintln!("dyad: warning: {w}");
    }
    for e in &file.errors {
        eprintln!("dyad: {e}");
    }
    let mut file = file;
    if let Some(prefix) = &args.only {
        file.records.retain(|r| r.id.starts_with(prefix.as_str()));
    }
    let coder = crate::coders::for_validation(&file.environment, &args.dict_dir)?;
    let coded = crate::coders::code_records(&coder, &file.records, args.explain);

    let mut by_category: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut failures = Vec::new();
    let mut out = match &args.events_out {
        Some(p) => Some(EventWriter::new(
            crate::cli::OutputFormat::Jsonl,
            Box::new(std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
            )) as Box<dyn Write>,
        )?),
        None => None,
    };
    for (record, events) in file.records.iter().zip(&coded) {
        if let Some(w) = out.as_mut() {
            for e in events {
                w.write(e)?;
            }
        }
        let (tally, missing, extra) = score_record(record, events);
        total.add(&tally);
        by_category.entry(record.category.clone().unwrap_or_else(|| "-".into())).or_default().add(&tally);
        if tally.correct == 0 {
            failures.push((record, missing, extra));
        }
    }
    if let Some(mut w) = out {
        w.flush()?;
    }

    let stdout = std::io::stdout();
    let mut o = stdout.lock();
    if !args.quiet {
        for (record, missing, extra) in &failures {
            writeln!(o, "FAIL {} ({}): {}", record.id, record.category.as_deref().unwrap_or("-"), record.text)?;
            for m in missing {
                writeln!(o, "    missing  {} {} {}", m.0, m.1, m.2)?;
            }
            for x in extra {
                writeln!(o, "    extra    {} {} {}", x.0, x.1, x.2)?;
            }
        }
        writeln!(o)?;
    }
    writeln!(
        o,
        "{:<12} {:>7} {:>7} {:>8} {:>8} {:>8} {:>7} {:>9}",
        "category", "records", "correct", "expected", "produced", "matched", "recall", "precision"
    )?;
    for (cat, t) in by_category.iter().chain(std::iter::once((&"ALL".to_string(), &total))) {
        writeln!(
            o,
            "{:<12} {:>7} {:>7} {:>8} {:>8} {:>8} {:>6.1}% {:>8.1}%",
            cat,
            t.records,
            t.correct,
            t.expected,
            t.produced,
            t.matched,
            t.recall(),
            t.precision()
        )?;
    }
    writeln!(o, "records correct: {} of {}, wrong: {}", total.correct, total.records, total.records - total.correct)?;
    Ok(if file.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
