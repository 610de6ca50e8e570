//! `dyad`: political event data from news text. A thin layer over the pipeline crates.

mod cli;
mod coders;
mod commands;
mod enrich;
mod output;
mod pipeline;
mod progress;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dyad: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
