//! The bank files exactly as written: serde structs that reject unknown fields.
//!
//! These are checked and turned into [`crate::bank::model`] values by
//! the loader ([`crate::bank::Library::load`]); nothing else should use them.

use super::model::{Difficulty, QuestionType, ScoreScale};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawManifest {
    pub format: u32,
    pub id: String,
    pub title: String,
    pub version: String,
    pub blueprint: Option<RawBlueprint>,
    pub exam: Option<String>,
    #[serde(default)]
    pub services: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBlueprint {
    pub code: String,
    pub name: String,
    pub questions: usize,
    pub minutes: u32,
    #[serde(default)]
    pub accommodation_minutes: u32,
    pub scale: ScoreScale,
    pub domains: Vec<RawDomain>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDomain {
    pub id: u8,
    pub name: String,
    pub weight: u32,
    pub tasks: Vec<RawTask>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub id: String,
    pub name: String,
}

/// A question file, with each entry kept as raw JSON so that one bad entry
/// does not hide the others and each can be located in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionFile<'a> {
    #[serde(default, borrow)]
    pub case_studies: Vec<&'a RawValue>,
    #[serde(borrow)]
    pub questions: Vec<&'a RawValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCaseStudy {
    pub id: String,
    pub title: String,
    pub scenario: String,
}

/// Unknown fields are reported by the validator (with every other problem),
/// not by serde, which would stop at the first.
#[derive(Debug, Deserialize)]
pub struct RawQuestion {
    pub id: String,
    pub domain: u8,
    pub task: String,
    pub services: Vec<String>,
    pub difficulty: Difficulty,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub case_study: Option<String>,
    pub stem: String,
    pub options: Vec<RawOption>,
    pub responses: Option<Vec<String>>,
    pub explanation: String,
    pub references: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct RawOption {
    pub text: String,
    pub correct: Option<bool>,
    #[serde(rename = "match")]
    pub matches: Option<String>,
    pub explanation: String,
}

pub const QUESTION_FIELDS: &[&str] = &[
    "id",
    "domain",
    "task",
    "services",
    "difficulty",
    "type",
    "case_study",
    "stem",
    "options",
    "responses",
    "explanation",
    "references",
];
pub const OPTION_FIELDS: &[&str] = &["text", "correct", "match", "explanation"];
