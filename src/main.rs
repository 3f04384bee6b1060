//! The `mla-quiz` binary: parse arguments, run the command, map errors to exit codes.

use clap::Parser;
use mla_quiz::cli::{BankCommand, Cli, Command};
use mla_quiz::commands;
use mla_quiz::commands::tui::Start;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let banks = &cli.global.banks;
    let result = match cli.command {
        Some(Command::Bank(BankCommand::Validate { paths })) => {
            let all: Vec<_> = banks.iter().chain(&paths).cloned().collect();
            commands::bank::validate(&all, &mut stdout)
        }
        Some(Command::Bank(BankCommand::Stats { json })) => {
            commands::bank::stats(banks, cli.global.exam.as_deref(), json, &mut stdout)
        }
        Some(Command::Bank(BankCommand::Import(args))) => commands::import::run(&cli.global, &args, &mut stdout),
        None => commands::tui::run(&cli.global, Start::Home),
        Some(Command::Study(args)) => commands::tui::run(&cli.global, Start::Study(args)),
        Some(Command::Exam(args)) => commands::tui::run(&cli.global, Start::Exam(args)),
        Some(Command::Resume) => commands::tui::run(&cli.global, Start::Resume),
        Some(Command::History(args)) => {
            commands::history::run(&cli.global, args, &mut stdout, &mut std::io::stderr().lock())
        }
        Some(Command::Stats { json }) => {
            commands::history::run_stats(&cli.global, json, &mut stdout, &mut std::io::stderr().lock())
        }
        Some(Command::Fit { reset }) => {
            commands::history::run_fit(&cli.global, reset, &mut stdout, &mut std::io::stderr().lock())
        }
    };
    result.unwrap_or_else(|error| {
        // A reader that stops early (`mla-quiz history | head`) is not an error.
        let closed_pipe = error.chain().any(|cause| {
            cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
        });
        if closed_pipe {
            return ExitCode::SUCCESS;
        }
        eprintln!("mla-quiz: {error:#}");
        ExitCode::from(2)
    })
}
