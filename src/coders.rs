//! Which coder a command runs, built from the dictionaries and parser it asks for.

use crate::pipeline::{Analyzer, Pipeline};
use dyad_code::dependency::DependencyCoder;
use dyad_code::lexicon::{petrarch, Lexicon};
use dyad_core::Event;
use dyad_text::read::petrarch::Record;

/// The pipeline of `dyad code`: dyad's parser, the dependency coder over the dictionaries the
/// options select (the embedded defaults unless told otherwise), and the enrich stage.
pub fn pipeline(dict: &crate::cli::DictArgs, explain: bool) -> anyhow::Result<Pipeline> {
    let lexicon = lexicon(dict)?;
    for d in &lexicon.diagnostics {
        eprintln!("dyad: warning: {d}");
    }
    let gazetteer: &'static dyad_enrich::Gazetteer = match &dict.geonames {
        // Loaded once per run; the pipeline borrows it for the rest of the process.
        Some(path) => Box::leak(Box::new(
            dyad_enrich::load_geonames(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?,
        )),
        None => dyad_enrich::Gazetteer::shared(),
    };
    Ok(Pipeline {
        analyzer: Analyzer::embedded(false),
        coder: Box::new(DependencyCoder { dict: lexicon }),
        gazetteer,
        explain,
        conventions: Default::default(),
    })
}

/// A pipeline over the PETRARCH dictionaries a validation file's `<Environment>` names.
pub fn for_validation(
    env: &dyad_text::read::petrarch::Environment,
    dict_dir: &std::path::Path,
    reparse: bool,
    explain: bool,
) -> anyhow::Result<Pipeline> {
    let files = petrarch::Files {
        verbs: env.verb_file.clone(),
        actors: env.actor_files.clone(),
        agents: env.agent_file.iter().cloned().collect(),
        discards: env.discard_file.iter().cloned().collect(),
        // PETRARCH2 reads its default ontology when the environment names none.
        pico: env.pico_file.clone().or_else(|| {
            let default = "PETR.Internal.Coding.Ontology.txt";
            dict_dir.join(default).is_file().then(|| default.to_string())
        }),
    };
    let lexicon = petrarch::load_dir(dict_dir, &files).map_err(anyhow::Error::msg)?;
    for d in &lexicon.diagnostics {
        eprintln!("dyad: {}: {d}", dict_dir.display());
    }
    Ok(Pipeline {
        analyzer: Analyzer::embedded(reparse),
        coder: Box::new(DependencyCoder { dict: lexicon }),
        gazetteer: dyad_enrich::Gazetteer::shared(),
        explain,
        conventions: Default::default(),
    })
}

/// Codes each validation record as its own document, in parallel, results in record order.
pub fn code_records(pipeline: &Pipeline, records: &[Record]) -> Vec<Vec<Event>> {
    use rayon::prelude::*;
    records
        .par_iter()
        .map(|r| {
            // PETRARCH's defaults, changed by the record's `<Config>` settings.
            let dyads = match r.config("require_dyad") {
                Some(v) if v.eq_ignore_ascii_case("false") => dyad_code::Dyads::All,
                _ => dyad_code::Dyads::Required,
            };
            let new_actors = r.config("new_actor_length").and_then(|v| v.trim().parse().ok()).unwrap_or(0);
            let conventions = dyad_code::Conventions { dyads, new_actors };
            pipeline.process_with(&r.to_document("validation".into()), conventions).events
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
        } else if lower.contains("ontology") || lower.contains("pico") {
            petrarch::read_pico(&text, &name, &mut lex);
        } else {
            anyhow::bail!("{}: cannot tell which PETRARCH dictionary this is from its name", path.display());
        }
    }
    lex.finish();
    Ok(lex)
}
