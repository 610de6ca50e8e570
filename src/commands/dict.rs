//! `dyad dict check` and `dyad dict export --petrarch`.

use crate::cli::{DictCommand, DictCommandArgs};
use anyhow::{Context, Result};
use std::process::ExitCode;

pub fn run(args: DictCommandArgs) -> Result<ExitCode> {
    match args.command {
        DictCommand::Check { dict } => {
            let lex = crate::coders::lexicon(&dict)?;
            let problems = dyad_code::lexicon::check::check(&lex);
            for p in &problems {
                println!("{p}");
            }
            eprintln!(
                "dyad: {} actors, {} agents, {} verb entries, {} patterns, {} event nouns, {} discards: {} problems",
                lex.actors.values.len(),
                lex.agents.values.len(),
                lex.verb_entries.len(),
                lex.blocks.iter().map(Vec::len).sum::<usize>(),
                lex.nouns.values.len(),
                lex.discards.values.len(),
                problems.len()
            );
            Ok(if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        DictCommand::Export { dict, petrarch: _, out } => {
            let lex = crate::coders::lexicon(&dict)?;
            std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
            for (name, text) in dyad_code::lexicon::export::petrarch(&lex) {
                let path = out.join(name);
                std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
                eprintln!("dyad: wrote {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
