//! The `tacha` binary: parses arguments, runs a command, maps the outcome to an exit code.
//!
//! Exit codes: 0 nothing found, 1 PII found, 2 an error happened (an error outranks findings).
//! A closed output pipe ends the run quietly with 0. Errors are printed once, here, with their
//! context chain, and never contain scanned content.

mod cli;
mod commands;
mod redact_cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(0);
            }
            eprintln!("tacha: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
