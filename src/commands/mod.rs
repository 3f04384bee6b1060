//! The commands behind the CLI, each writing to the given output so tests can read it.

pub mod bank;
pub mod history;
pub mod import;
pub mod tui;
