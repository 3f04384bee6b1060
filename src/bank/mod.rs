//! Question banks: the JSON format, its loader and validator, and the checked model.
//!
//! This is the only module that reads bank files. [`Library::load`] reads the
//! embedded banks plus user folders and never fails: problems come back as
//! located [`Diagnostic`]s and the affected questions are skipped.

mod bank_loader;
mod checker;
mod diagnostic;
mod embedded;
mod exams;
pub mod import;
mod library;
mod limits;
mod load;
mod manifest;
pub mod model;
mod question;
mod raw;
mod source;
pub mod stats;
pub mod text;
mod typed_pass;

pub use diagnostic::{Diagnostic, Location};
pub use limits::{MAX_MINUTES, MAX_QUESTIONS};
pub use load::{Library, LoadProgress, MANIFEST, Pool};
pub use model::*;
pub use question::choose_word;
pub use source::BankSource;
