//! One module per subcommand.

pub mod code;
mod dict;
mod eval;
mod parse;
mod store;
mod validate;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Code(args) => code::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Parse(args) => parse::run(args),
        Command::TrainParser(args) => parse::train(args),
        Command::Ingest(args) => store::ingest(args),
        Command::Query(args) => store::query(args),
        Command::Serve(args) => store::serve(args),
        Command::Dict(args) => dict::run(args),
        Command::Validate(args) => validate::run(args),
    }
}
