//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "dyad", version, about = "Political event data from news text: who did what to whom, when and where")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Code documents into events, one event a line.
    Code(CodeArgs),
    /// Run a PETRARCH validation file and score the events against its expected codings.
    Validate(ValidateArgs),
    /// Tag, lemmatize and parse: documents (or CoNLL-U with --conllu-in) to CoNLL-U.
    Parse(ParseArgs),
    /// Train a parser model on CoNLL-U treebanks (reproducible with --seed).
    TrainParser(TrainParserArgs),
    /// Code documents into an SQLite event store (idempotent by document id and content).
    Ingest(IngestArgs),
    /// Filter and aggregate the events of a store.
    Query(QueryArgs),
    /// Serve a store: JSON API, live event stream and a web page.
    Serve(ServeArgs),
    /// Score dyad against reference codings.
    Eval(EvalArgs),
    /// Check or export dictionaries.
    Dict(DictCommandArgs),
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// The validation file (PETRARCH XML with `<EventCoding>` expectations).
    pub file: PathBuf,
    /// Folder holding the dictionaries its `<Environment>` names.
    #[arg(long)]
    pub dict_dir: PathBuf,
    /// Parse `<Text>` with dyad's own parser instead of using the given `<Parse>`.
    #[arg(long)]
    pub reparse: bool,
    /// Write the produced events (JSONL) here.
    #[arg(long)]
    pub events_out: Option<PathBuf>,
    /// Only run the records whose id starts with this.
    #[arg(long)]
    pub only: Option<String>,
    /// Print only the summary, not each failing record.
    #[arg(long, short)]
    pub quiet: bool,
    /// Add explanations to the events written with `--events-out`.
    #[arg(long)]
    pub explain: bool,
}

/// Where documents come from and what to assume about them.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or folders to read; `-` or nothing reads standard input.
    pub inputs: Vec<PathBuf>,
    /// Input format, instead of the one each file's extension implies.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Date (YYYY-MM-DD) for documents that carry none; relative dates resolve against it.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// Id for documents that carry none (numbered when several need one).
    #[arg(long)]
    pub id: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Which dictionaries to code with.
#[derive(Args, Debug, Clone, Default)]
pub struct DictArgs {
    /// A dictionary in dyad's format (docs/dictionary-format.md), read after the defaults.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// A PETRARCH dictionary; its kind (verbs, actors, agents, discards, coding ontology) comes
    /// from its name (`CAMEO*`/`*verbs*`, `*actors*`, `*agents*`, `*discards*`, `*Ontology*`/`*pico*`).
    #[arg(long = "petrarch-dict", value_name = "FILE")]
    pub petrarch_dicts: Vec<PathBuf>,
    /// Do not load dyad's embedded default dictionaries.
    #[arg(long)]
    pub no_default_dict: bool,
    /// A GeoNames file (cities500, cities1000 or allCountries format) to place events with,
    /// on top of the embedded countries, seas and regions.
    #[arg(long, value_name = "FILE")]
    pub geonames: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CodeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub dict: DictArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Write events here instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Add to each event how the coder reached it.
    #[arg(long)]
    pub explain: bool,
    /// Name actors the dictionaries lack by their phrase ("THE MINISTRY OF MAGIC", quoted)
    /// when it has at most N words and a proper noun, as PETRARCH's `new_actor_length` does.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub new_actors: usize,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Txt,
    Jsonl,
    Html,
    Xml,
    Conllu,
}

impl From<InputFormat> for dyad_text::Format {
    fn from(f: InputFormat) -> Self {
        match f {
            InputFormat::Txt => dyad_text::Format::Txt,
            InputFormat::Jsonl => dyad_text::Format::Jsonl,
            InputFormat::Html => dyad_text::Format::Html,
            InputFormat::Xml => dyad_text::Format::Xml,
            InputFormat::Conllu => dyad_text::Format::Conllu,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Jsonl,
    Tsv,
    Csv,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub command: EvalCommand,
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Hand-coded sentences (JSONL: id, date, text, events): PLOVER, CAMEO and whole-event scores.
    Events {
        gold: PathBuf,
        /// Fail (status 1) when the PLOVER event-type F1 is below this percentage.
        #[arg(long)]
        min_plover_f1: Option<f64>,
    },
    /// Score a parsed CoNLL-U file against gold: UPOS, XPOS, lemma, features, UAS, LAS.
    Conllu {
        #[arg(long)]
        gold: PathBuf,
        #[arg(long)]
        pred: PathBuf,
    },
    /// The flagship story against its reference coding (the brief's criteria).
    Flagship {
        story: PathBuf,
        reference: PathBuf,
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
    },
}

#[derive(Args, Debug)]
pub struct DictCommandArgs {
    #[command(subcommand)]
    pub command: DictCommand,
}

#[derive(Subcommand, Debug)]
pub enum DictCommand {
    /// Lint dictionaries: syntax, unknown codes, overlapping dates, duplicates, shadowed patterns.
    Check {
        #[command(flatten)]
        dict: DictArgs,
    },
    /// Write the dictionaries in another format.
    Export {
        #[command(flatten)]
        dict: DictArgs,
        /// Write PETRARCH-format files (the only export format so far).
        #[arg(long, required = true)]
        petrarch: bool,
        /// Folder to write into.
        #[arg(long, short)]
        out: PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// The SQLite store (created when missing).
    #[arg(long)]
    pub db: PathBuf,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub dict: DictArgs,
    /// Documents per transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
}

#[derive(Args, Debug)]
pub struct QueryArgs {
    #[arg(long)]
    pub db: PathBuf,
    /// Actor code prefix on either side (`IRN` matches `IRNGOV`).
    #[arg(long)]
    pub actor: Option<String>,
    /// Source actor code prefix.
    #[arg(long)]
    pub source: Option<String>,
    /// Target actor code prefix.
    #[arg(long)]
    pub target: Option<String>,
    /// CAMEO code prefix (`04`, `042`).
    #[arg(long)]
    pub code: Option<String>,
    /// Quad class 1-4.
    #[arg(long)]
    pub quad: Option<u8>,
    /// First date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Last date, inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Words that must all appear in the sentence.
    #[arg(long)]
    pub words: Option<String>,
    /// Aggregate instead of listing events.
    #[arg(long, value_enum)]
    pub by: Option<Aggregate>,
    /// Maximum rows.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    Day,
    Week,
    Month,
    Dyad,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Table,
    Csv,
    Jsonl,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[arg(long)]
    pub db: PathBuf,
    /// Address to listen on; loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
}

#[derive(Args, Debug)]
pub struct ParseArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Inputs are CoNLL-U: keep their tokens (ID, FORM) exactly and predict every other column.
    #[arg(long)]
    pub conllu_in: bool,
    /// A model file instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct TrainParserArgs {
    /// Training treebank (CoNLL-U).
    #[arg(long)]
    pub train: PathBuf,
    /// Development treebank, scored after training.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}
