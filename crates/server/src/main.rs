//! `passerelle`: the one binary. Parses the command line, loads the configuration, sets up
//! logging, and runs a command. Exit codes: 0 done, 1 failed, 2 bad configuration or usage.

mod backup;
mod cli;
mod config;
mod demo;
mod files_config;
mod import_cli;
mod leader;
mod logging;
mod search;
mod serve;
mod users_cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let loaded = match config::load(&cli) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("passerelle: {error}");
            return ExitCode::from(2);
        }
    };
    logging::init(&loaded.config);
    for key in &loaded.unknown_keys {
        tracing::warn!(key = %key, "unknown configuration key, ignored");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("passerelle: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(cli.command, loaded.config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure::Config(error)) => {
            eprintln!("passerelle: {error}");
            ExitCode::from(2)
        }
        Err(cli::Failure::Other(error)) => {
            tracing::error!(error = format!("{error:#}"), "command failed");
            eprintln!("passerelle: {error:#}");
            ExitCode::FAILURE
        }
    }
}
