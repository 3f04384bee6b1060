//! The bank files exactly as written: serde structs that reject unknown fields.
//!
//! These are checked and turned into [`crate::bank::model`] values by the
//! loader. The importers (`bank::import`) build [`RawQuestion`]s too and write
//! them out as JSON, so an imported question is checked by the same code.

use super::model::{Difficulty, QuestionType, ScoreScale};
use serde::{Deserialize, Serialize};
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
    /// Relaxed rules for imported material (see question_banks/README.md).
    #[serde(default)]
    pub relaxed: bool,
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
/// not by serde, which would stop at the first. Fields a relaxed bank may leave
/// out are `Option`s; a strict bank is told that they are missing.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RawQuestion {
    pub id: String,
    pub domain: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<Difficulty>,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_study: Option<String>,
    pub stem: String,
    pub options: Vec<RawOption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responses: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RawOption {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correct: Option<bool>,
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    pub matches: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
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
