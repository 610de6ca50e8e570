//! Which coder a command runs, built from the dictionaries and parser it asks for.

use crate::pipeline::Pipeline;
use dyad_code::dependency::DependencyCoder;
use dyad_code::lexicon::{petrarch, Lexicon};
use dyad_code::{Coder, DocContext};
use dyad_core::{Content, Event};
use dyad_text::read::petrarch::Record;
use dyad_text::SegmentOptions;

/// The pipeline of `dyad code` with dyad's default dictionaries.
pub fn default_pipeline(explain: bool) -> Pipeline {
    Pipeline { segment: SegmentOptions::default(), coder: Box::new(dyad_code::starter::StarterCoder), explain }
}

/// A coder over the PETRARCH dictionaries a validation file's `<Environment>` names.
pub fn for_validation(
    env: &dyad_text::read::petrarch::Environment,
    dict_dir: &std::path::Path,
) -> anyhow::Result<DependencyCoder<Lexicon>> {
    let files = petrarch::Files {
        verbs: env.verb_file.clone(),
        actors: env.actor_files.clone(),
        agents: env.agent_file.iter().cloned().collect(),
        discards: env.discard_file.iter().cloned().collect(),
    };
    let lexicon = petrarch::load_dir(dict_dir, &files).map_err(anyhow::Error::msg)?;
    for d in &lexicon.diagnostics {
        eprintln!("dyad: {}: {d}", dict_dir.display());
    }
    Ok(DependencyCoder { dict: lexicon })
}

/// Codes each validation record as its own document, in parallel, results in record order.
pub fn code_records(coder: &dyn Coder, records: &[Record], explain: bool) -> Vec<Vec<Event>> {
    use rayon::prelude::*;
    records
        .par_iter()
        .map(|r| {
            let doc = r.to_document("validation".into());
            let sentences: Vec<_> = match &doc.content {
                Content::Sentences(given) => given
                    .iter()
                    .enumerate()
                    .map(|(i, g)| {
                        dyad_text::sentence_from_given(i, g).unwrap_or_else(|_| {
                            let text_only = dyad_core::GivenSentence { parse: None, ..g.clone() };
                            dyad_text::sentence_from_given(i, &text_only).unwrap_or_default()
                        })
                    })
                    .collect(),
                Content::Raw(text) => dyad_text::segment(text, &SegmentOptions::default()).sentences,
            };
            let ctx = DocContext { id: &doc.id, date: doc.date, explain };
            coder.code(&ctx, &sentences)
        })
        .collect()
}

/// Builds the lexicon the dictionary options ask for: the embedded defaults (unless
/// `--no-default-dict`), then `--dict` files, then `--petrarch-dict` files.
pub fn lexicon(args: &crate::cli::DictArgs) -> anyhow::Result<Lexicon> {
    use anyhow::Context;
    let mut lex = Lexicon::default();
    if !args.no_default_dict {
        for (name, text) in dyad_code::lexicon::DEFAULT_FILES {
            dyad_code::lexicon::dyad::read(text, name, &mut lex);
        }
    }
    for path in &args.dicts {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        dyad_code::lexicon::dyad::read(&text, &path.display().to_string(), &mut lex);
    }
    for path in &args.petrarch_dicts {
        let text =
            String::from_utf8_lossy(&std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?)
                .into_owned();
        let name = path.display().to_string();
        let lower = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        if lower.contains("verbs") || lower.starts_with("cameo") {
            petrarch::read_verbs(&text, &name, &mut lex);
        } else if lower.contains("actors") {
            petrarch::read_actors(&text, &name, &mut lex);
        } else if lower.contains("agents") {
            petrarch::read_agents(&text, &name, &mut lex);
        } else if lower.contains("discards") {
            petrarch::read_discards(&text, &name, &mut lex);
        } else {
            anyhow::bail!("{}: cannot tell which PETRARCH dictionary this is from its name", path.display());
        }
    }
    Ok(lex)
}
