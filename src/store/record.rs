//! The record of one finished session ([`Attempt`]), as `history --json`
//! exports it and as earlier versions wrote it to `history/*.json`, and how
//! those older schema versions are read.
//!
//! Schema 1 was the pre-release layout: its summary had only the raw score,
//! the scaled estimate and the domain breakdown. Reading it recomputes the
//! task and service breakdowns from the per-question outcomes it kept.

use crate::bank::{BankRef, ScoreScale};
use crate::engine::{Mode, QuestionOutcome, Results, SessionState, Settings, Summary, Tally};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

pub const SCHEMA: u32 = 2;

/// Why a history file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Broken, or of a schema no version understands.
    Corrupt(String),
    /// Written by a newer mla-quiz.
    Newer(String),
}

/// The `schema` of a stored document, when this version may know it (at most `known`).
fn schema_of(value: &Value, known: u32) -> Result<u64, Unreadable> {
    match value.get("schema").and_then(Value::as_u64) {
        Some(v) if v > u64::from(known) => {
            Err(Unreadable::Newer(format!("schema {v} is newer than this mla-quiz understands (up to {known})")))
        }
        Some(v) => Ok(v),
        None => Err(Unreadable::Corrupt("no schema version".into())),
    }
}

/// One finished study session or mock exam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub schema: u32,
    pub id: String,
    pub started_at: Timestamp,
    pub ended_at: Timestamp,
    pub mode: Mode,
    pub banks: Vec<BankRef>,
    /// The exam blueprint code, e.g. "MLA-C01".
    pub exam: String,
    pub settings: Settings,
    pub summary: Summary,
    pub questions: Vec<QuestionOutcome>,
}

/// Schema 1's summary.
#[derive(Deserialize)]
struct SummaryV1 {
    raw: Tally,
    scaled_estimate: u32,
    passed: bool,
    seconds: u64,
    by_domain: BTreeMap<String, Tally>,
}

#[derive(Deserialize)]
struct AttemptV1 {
    id: String,
    started_at: Timestamp,
    ended_at: Timestamp,
    mode: Mode,
    banks: Vec<BankRef>,
    exam: String,
    settings: Settings,
    summary: SummaryV1,
    questions: Vec<QuestionOutcome>,
}

const V1_SCALE: ScoreScale = ScoreScale { min: 100, max: 1000, pass: 720 };

fn corrupt(error: serde_json::Error) -> Unreadable {
    Unreadable::Corrupt(error.to_string())
}

/// Reads a record of any known schema version. A record of a later schema is
/// [`Unreadable::Newer`], so that it is left for the version that wrote it.
pub fn parse(text: &str) -> Result<Attempt, Unreadable> {
    let value: Value = serde_json::from_str(text).map_err(corrupt)?;
    match schema_of(&value, SCHEMA)? {
        2 => serde_json::from_value(value).map_err(corrupt),
        1 => {
            let old: AttemptV1 = serde_json::from_value(value).map_err(corrupt)?;
            let mut summary = Summary::of(old.mode, &old.questions, V1_SCALE, old.summary.seconds);
            // Keep what schema 1 recorded; only the new breakdowns are derived.
            summary.raw = old.summary.raw;
            summary.scaled_estimate = old.summary.scaled_estimate;
            summary.passed = old.summary.passed;
            summary.by_domain = old.summary.by_domain;
            Ok(Attempt {
                schema: SCHEMA,
                id: old.id,
                started_at: old.started_at,
                ended_at: old.ended_at,
                mode: old.mode,
                banks: old.banks,
                exam: old.exam,
                settings: old.settings,
                summary,
                questions: old.questions,
            })
        }
        v => Err(Unreadable::Corrupt(format!("unknown schema {v}"))),
    }
}

impl Attempt {
    /// The record of a finished session whose graded results are `results`.
    pub fn of(
        id: String,
        (started_at, ended_at): (Timestamp, Timestamp),
        banks: Vec<BankRef>,
        state: &SessionState,
        results: Results,
    ) -> Attempt {
        Attempt {
            schema: SCHEMA,
            id,
            started_at,
            ended_at,
            mode: state.settings.mode,
            banks,
            exam: state.exam.clone(),
            settings: state.settings.clone(),
            summary: results.summary,
            questions: results.questions,
        }
    }

    pub fn minutes(&self) -> f64 {
        self.summary.seconds as f64 / 60.0
    }
}
