//! One module per subcommand.

pub mod code;
mod dict;
mod eval;
mod validate;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Code(args) => code::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Dict(args) => dict::run(args),
        Command::Validate(args) => validate::run(args),
    }
}
