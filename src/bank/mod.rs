//! Question banks: the JSON format, its loader and validator, and the checked model.
//!
//! This is the only module that reads bank files. [`Library::load`] reads the
//! embedded banks plus user folders and never fails: problems come back as
//! located [`Diagnostic`]s and the affected questions are skipped.

mod checker;
mod diagnostic;
mod embedded;
mod exams;
pub mod import;
mod load;
mod manifest;
pub mod model;
mod question;
mod raw;
pub mod stats;
pub mod text;

pub use diagnostic::{Diagnostic, Location};
pub use load::{BankSource, Library, LoadProgress, MANIFEST, Pool};
pub use model::*;
pub use question::choose_word;
