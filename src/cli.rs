//! Command-line arguments (clap). `main.rs` parses them and dispatches to
//! [`crate::commands`].

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "mla-quiz", version, about = "Study sessions and timed mock exams for AWS MLA-C01, in the terminal")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Where history and in-progress sessions are kept (default: the platform's data directory).
    #[arg(long, global = true, env = "MLA_QUIZ_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Add a bank folder of your own (repeatable). See question_banks/README.md for the format.
    #[arg(long = "bank", global = true, value_name = "DIR")]
    pub banks: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check and count question banks.
    #[command(subcommand)]
    Bank(BankCommand),
}

#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// Validate the embedded bank and the given bank folders; print each problem as path:line:col: message.
    Validate {
        /// Bank folders to check besides the embedded bank.
        paths: Vec<PathBuf>,
    },
    /// Count questions by domain, task statement, type, difficulty and service.
    Stats {
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// The exam code to count (default: the first loaded blueprint, MLA-C01).
        #[arg(long)]
        exam: Option<String>,
    },
}

/// Output format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}
