//! The bank folders compiled into the binary by `build.rs`, which checks them
//! with this crate's own loader (a broken embedded bank fails the build with
//! `path:line:col` messages) and writes their questions out as static tables:
//! at run time only each manifest is read.

use super::load::MANIFEST;
use super::model::{AnswerKey, CaseStudy, Difficulty, Origin, Question, QuestionOption};
use super::source::BankSource;

/// One embedded bank folder, checked at build time.
pub struct EmbeddedBank {
    /// The folder's name under `question_banks/`.
    pub folder: &'static str,
    /// The text of its `bank.json`.
    pub manifest: &'static str,
    pub questions: &'static [Question],
    pub case_studies: &'static [CaseStudy],
}

include!(concat!(env!("OUT_DIR"), "/embedded_banks.rs"));

/// The text between two byte offsets of one of the generated strings, cut at compile time.
const fn part(text: &'static str, start: usize, end: usize) -> &'static str {
    text.split_at(end).0.split_at(start).1
}

impl BankSource {
    /// The banks compiled into the binary.
    pub fn embedded() -> Vec<BankSource> {
        EMBEDDED_BANKS
            .iter()
            .map(|bank| BankSource {
                origin: Origin::Embedded,
                display: format!("question_banks/{}", bank.folder),
                files: vec![(MANIFEST.to_string(), bank.manifest)],
                checked: Some((bank.questions, bank.case_studies)),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::EMBEDDED_BANKS;
    use crate::bank::{BankSource, Library};
    use std::path::Path;

    /// The static tables `build.rs` wrote hold exactly what the loader reads
    /// from the JSON files at run time.
    #[test]
    fn the_static_tables_are_what_the_loader_reads_from_the_files() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("question_banks");
        assert!(!EMBEDDED_BANKS.is_empty());
        for bank in EMBEDDED_BANKS {
            let (source, unreadable) = BankSource::folder(&root.join(bank.folder)).unwrap_or_else(|e| panic!("{e}"));
            assert!(unreadable.is_empty(), "{unreadable:?}");
            let library = Library::from_sources(vec![source]);
            assert!(library.problems.is_empty(), "{:?}", library.problems);
            let [read] = &library.banks[..] else { panic!("one bank expected") };
            assert_eq!(read.questions.len(), bank.questions.len());
            assert_eq!(read.questions, bank.questions);
            assert_eq!(read.case_studies, bank.case_studies);
        }
    }
}
