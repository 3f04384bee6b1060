//! Command-line arguments (clap). `main.rs` parses them and dispatches to
//! [`crate::commands`].

use crate::engine::{MAX_MINUTES, MAX_QUESTIONS};
use clap::builder::RangedU64ValueParser;
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
    /// The exam to use, by its code (default: the last one used, else the first loaded: MLA-C01).
    /// For `bank import`: a loaded exam to add the questions to, or the code of the bank's own exam.
    #[arg(long, global = true, value_name = "CODE")]
    pub exam: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check and count question banks.
    #[command(subcommand)]
    Bank(BankCommand),
    /// Start a study session: answer, see why, move on.
    Study(StudyArgs),
    /// Start a timed mock exam drawn to the blueprint's domain weights.
    Exam(ExamArgs),
    /// Resume the most recent unfinished session.
    Resume,
    /// Show past attempts, or export them.
    History(HistoryArgs),
    /// All-time figures: percent correct by domain, task and service, weakest areas, trend, readiness.
    Stats {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Fit your own spaced-repetition (FSRS) parameters to your answer log (needs 400 reviews).
    Fit {
        /// Go back to FSRS's default parameters.
        #[arg(long)]
        reset: bool,
    },
}

#[derive(Debug, Args)]
pub struct StudyArgs {
    /// Only questions of this domain (1-4).
    #[arg(long)]
    pub domain: Option<u8>,
    /// Only questions of this task statement, e.g. 1.2.
    #[arg(long)]
    pub task: Option<String>,
    /// Only questions tagged with this service, e.g. glue, step-functions, sagemaker.
    #[arg(long)]
    pub service: Option<String>,
    /// Only questions of this type: single, multiple, ordering or matching.
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// Only questions of this difficulty.
    #[arg(long, value_enum)]
    pub difficulty: Option<DifficultyArg>,
    /// Focus on questions due for review, your weakest areas, questions you
    /// missed last time, or questions you have not seen yet (from your history).
    #[arg(long, value_enum)]
    pub focus: Option<FocusArg>,
    /// How many questions (1-1000).
    #[arg(long, default_value_t = 10, value_parser = questions())]
    pub count: usize,
    /// Seed for the draw and the option order (default: random).
    #[arg(long)]
    pub seed: Option<u64>,
}

#[derive(Debug, Args)]
pub struct ExamArgs {
    /// Time limit in minutes, 1-1440 (default: the blueprint's, 130 for MLA-C01).
    #[arg(long, value_parser = minutes())]
    pub minutes: Option<u32>,
    /// Number of questions, 1-1000 (default: the blueprint's, 65 for MLA-C01).
    #[arg(long, value_parser = questions())]
    pub questions: Option<usize>,
    /// Add the extra time candidates may request (+30 minutes for MLA-C01).
    #[arg(long)]
    pub accommodation: bool,
    /// Seed for the draw and the option order (default: random).
    #[arg(long)]
    pub seed: Option<u64>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Print the full records as a JSON array.
    #[arg(long)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Export the history as JSON or CSV.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// CSV: one row per answered question instead of one per attempt.
        #[arg(long)]
        per_question: bool,
        /// Replace an existing output file.
        #[arg(long)]
        force: bool,
    },
    /// Print one past attempt: its scores and every answer.
    Show {
        /// The attempt's id, as `history --json` shows it.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// Validate the embedded bank and the given bank folders; print each problem as path:line:col: message.
    Validate {
        /// Bank folders to check besides the embedded bank.
        paths: Vec<PathBuf>,
    },
    /// Count questions by domain, task statement, type, difficulty and service (of --exam).
    Stats {
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Turn Markdown or CSV question files into a bank folder (see README.md for the layouts).
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The question files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The bank folder to write.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The bank's title (and its exam's name when it gets an exam of its own).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The files' layout.
    #[arg(long, value_enum, default_value_t = ImportFormat::Auto)]
    pub format: ImportFormat,
    /// Replace the bank in an existing folder.
    #[arg(long)]
    pub force: bool,
}

/// The layouts `bank import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Detect each file's layout.
    Auto,
    /// Markdown: a heading per question, options `- [ ] text` and `- [x] text`.
    MdCheckbox,
    /// Markdown: options "A) text" and an answer line "Answer: B".
    MdLettered,
    /// CSV or TSV with a header row.
    Csv,
}

/// Accepts a question count from 1 to [`MAX_QUESTIONS`].
fn questions() -> RangedU64ValueParser<usize> {
    RangedU64ValueParser::new().range(1..=MAX_QUESTIONS as u64)
}

/// Accepts a time limit from 1 to [`MAX_MINUTES`] minutes.
fn minutes() -> RangedU64ValueParser<u32> {
    RangedU64ValueParser::new().range(1..=u64::from(MAX_MINUTES))
}

/// A focus set for a study session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FocusArg {
    /// Questions whose spaced-repetition review is due, most overdue first.
    Due,
    /// The task statements and services where you are weakest, weighted by the exam blueprint.
    Weak,
    /// Questions whose most recent answer was wrong.
    Missed,
    /// Questions no attempt has asked yet.
    Unseen,
}

/// Output format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// A question difficulty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DifficultyArg {
    Easy,
    Medium,
    Hard,
}

impl From<DifficultyArg> for crate::bank::Difficulty {
    fn from(d: DifficultyArg) -> Self {
        match d {
            DifficultyArg::Easy => Self::Easy,
            DifficultyArg::Medium => Self::Medium,
            DifficultyArg::Hard => Self::Hard,
        }
    }
}

impl From<FocusArg> for crate::store::focus::Focus {
    fn from(f: FocusArg) -> Self {
        match f {
            FocusArg::Due => Self::Due,
            FocusArg::Weak => Self::Weak,
            FocusArg::Missed => Self::Missed,
            FocusArg::Unseen => Self::Unseen,
        }
    }
}
