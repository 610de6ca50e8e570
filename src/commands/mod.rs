//! One module per subcommand.

mod code;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Code(args) => code::run(args),
    }
}
