//! The bank files exactly as written: serde structs that reject unknown fields.
//!
//! These are checked and turned into [`crate::bank::model`] values by the
//! loader. The importers (`bank::import`) build [`RawQuestion`]s too and write
//! them out as JSON, so an imported question is checked by the same code.

use super::model::{Difficulty, QuestionType, ScoreScale};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;
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
pub struct RawCaseStudy<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub title: Text<'a>,
    #[serde(borrow)]
    pub scenario: Text<'a>,
}

/// A string from a bank file, borrowed from the file's text where it has no
/// JSON escapes (serde borrows a bare `Cow` field, but not one inside an
/// `Option` or a `Vec`; this wrapper makes it borrow there too).
#[derive(Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Text<'a>(#[serde(borrow)] pub Cow<'a, str>);

/// Shown as the string it holds, as messages quote it.
impl std::fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text<'_> {
    fn from(text: String) -> Self {
        Text(Cow::Owned(text))
    }
}

/// Text borrows from the file where it has no JSON escapes. Fields a relaxed
/// bank may leave out are `Option`s; a strict bank is told that they are
/// missing. Unknown fields stop serde; the validator then reports them all
/// (see [`super::checker::without_unknown_fields`]) with every other problem.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    pub domain: u8,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub task: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<Text<'a>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<Difficulty>,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub case_study: Option<Text<'a>>,
    #[serde(borrow)]
    pub stem: Text<'a>,
    #[serde(borrow)]
    pub options: Vec<RawOption<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub responses: Option<Vec<Text<'a>>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub references: Option<Vec<Text<'a>>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption<'a> {
    #[serde(borrow)]
    pub text: Text<'a>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correct: Option<bool>,
    #[serde(rename = "match", borrow, default, skip_serializing_if = "Option::is_none")]
    pub matches: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Text<'a>>,
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
