//! The validated, immutable shape of a question bank: what the engine and UI work with.
//!
//! Nothing here can be built from untrusted input except through
//! the loader ([`crate::bank::Library::load`]), so every value obeys the format's rules: text is
//! clean, every task belongs to its domain, and every answer key fits its options.
//!
//! Question text is `&'static str`: a bank is loaded once and kept for the
//! life of the process, so questions point into the text they were read from
//! (the binary's embedded bank, or a user bank file read once and kept) rather
//! than copying it. This keeps a 50,000-question bank near its file size in
//! memory, and makes the embedded bank a static table that costs nothing at start.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// An exam's blueprint: the mock exam's shape, the score scale and the domains.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blueprint {
    pub code: String,
    pub name: String,
    pub questions: usize,
    pub minutes: u32,
    pub accommodation_minutes: u32,
    pub scale: ScoreScale,
    pub domains: Vec<Domain>,
}

/// The scaled-score range and the pass mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreScale {
    pub min: u32,
    pub max: u32,
    pub pass: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Domain {
    pub id: u8,
    pub name: String,
    /// Percent of the scored content.
    pub weight: u32,
    pub tasks: Vec<TaskStatement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskStatement {
    /// "1.1", "2.3", …
    pub id: String,
    pub name: String,
}

impl Blueprint {
    pub fn domain(&self, id: u8) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }

    pub fn task(&self, id: &str) -> Option<&TaskStatement> {
        self.domains.iter().flat_map(|d| &d.tasks).find(|t| t.id == id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    /// The name as written in bank files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Medium => "medium",
            Self::Hard => "hard",
        }
    }
}

/// The four kinds of exam question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    Single,
    Multiple,
    Ordering,
    Matching,
}

impl QuestionType {
    pub const ALL: [QuestionType; 4] = [Self::Single, Self::Multiple, Self::Ordering, Self::Matching];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::Ordering => "ordering",
            Self::Matching => "matching",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// An option (for ordering: a step; for matching: a prompt) with its own
/// explanation (empty when a relaxed bank leaves it out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionOption {
    pub text: &'static str,
    pub explanation: &'static str,
}

/// What counts as right, in terms of indices into the question's options as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKey {
    Single(usize),
    /// The correct options, in ascending order.
    Multiple(&'static [usize]),
    /// The options are written in the right order.
    Ordering,
    /// For each prompt (option), the index of its response.
    Matching {
        responses: &'static [&'static str],
        matches: &'static [usize],
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    /// The id of the bank the question came from.
    pub bank: &'static str,
    pub domain: u8,
    /// Empty only in a relaxed bank that leaves it out.
    pub task: &'static str,
    /// Empty only in a relaxed bank that leaves them out.
    pub services: &'static [&'static str],
    /// Always given in a strict bank; a relaxed (imported) bank may leave it out.
    pub difficulty: Option<Difficulty>,
    pub case_study: Option<&'static str>,
    pub stem: &'static str,
    pub options: &'static [QuestionOption],
    pub key: AnswerKey,
    /// Empty only in a relaxed bank that leaves it out (as are option explanations).
    pub explanation: &'static str,
    /// Empty only in a relaxed bank that leaves them out.
    pub references: &'static [&'static str],
}

impl Question {
    pub fn question_type(&self) -> QuestionType {
        match self.key {
            AnswerKey::Single(_) => QuestionType::Single,
            AnswerKey::Multiple(_) => QuestionType::Multiple,
            AnswerKey::Ordering => QuestionType::Ordering,
            AnswerKey::Matching { .. } => QuestionType::Matching,
        }
    }

    /// How many options a multiple-response question asks for (1 for single choice).
    pub fn required_choices(&self) -> usize {
        match &self.key {
            AnswerKey::Multiple(set) => set.len(),
            _ => 1,
        }
    }

    /// The service tags, with `sagemaker` added when any `sagemaker-*` capability is tagged.
    pub fn service_rollup(&self) -> BTreeSet<String> {
        service_rollup(self.services)
    }
}

/// Service tags with `sagemaker` added when any `sagemaker-*` capability is among them,
/// so that breakdowns show SageMaker as a whole as well as each capability.
pub fn service_rollup<S: AsRef<str>>(services: &[S]) -> BTreeSet<String> {
    let mut tags: BTreeSet<String> = services.iter().map(|s| s.as_ref().to_string()).collect();
    if tags.iter().any(|t| t.starts_with("sagemaker-")) {
        tags.insert("sagemaker".to_string());
    }
    tags
}

/// A scenario shared by two or more questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseStudy {
    pub id: &'static str,
    pub title: &'static str,
    pub scenario: &'static str,
}

/// A bank by id and version, as sessions and history records name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankRef {
    pub id: String,
    pub version: String,
}

impl std::fmt::Display for BankRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.id, self.version)
    }
}

/// Where a bank was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    Folder(std::path::PathBuf),
}

/// One loaded bank folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    pub id: String,
    pub title: String,
    pub version: String,
    pub origin: Origin,
    /// The code of the exam whose blueprint this bank uses.
    pub exam: String,
    pub blueprint: Option<Blueprint>,
    pub services: BTreeMap<String, String>,
    pub questions: &'static [Question],
    pub case_studies: &'static [CaseStudy],
}
