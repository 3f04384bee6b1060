//! Grading a session: raw score, the estimated scaled score and pass/fail, and
//! breakdowns by domain, task statement and AWS service.
//!
//! AWS does not publish how raw marks become the 100–1000 scaled score, so
//! [`estimate_scaled`] maps the fraction correct linearly onto the blueprint's
//! scale. It is an estimate and every screen that shows it says so.

use super::answer::{self, Response};
use super::session::{Mode, Session};
use crate::bank::{QuestionType, ScoreScale};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Correct answers out of questions asked, for one slice of a session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub correct: usize,
    pub total: usize,
}

impl Tally {
    pub fn add(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
    }

    /// Percent correct, 0–100 (0 when nothing was asked).
    pub fn percent(self) -> f64 {
        if self.total == 0 { 0.0 } else { 100.0 * self.correct as f64 / self.total as f64 }
    }
}

/// What happened to one question of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionOutcome {
    pub id: String,
    pub domain: u8,
    pub task: String,
    pub services: Vec<String>,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub response: Option<Response>,
    pub correct: bool,
    pub flagged: bool,
    pub seconds: u64,
}

/// The graded result of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub mode: Mode,
    pub raw: Tally,
    pub answered: usize,
    /// Estimated, see [`estimate_scaled`].
    pub scaled_estimate: u32,
    pub scale: ScoreScale,
    pub passed: bool,
    pub seconds: u64,
    pub by_domain: BTreeMap<String, Tally>,
    pub by_task: BTreeMap<String, Tally>,
    /// `sagemaker-*` capabilities are also counted under `sagemaker`.
    pub by_service: BTreeMap<String, Tally>,
    pub questions: Vec<QuestionOutcome>,
}

/// A linear map of the fraction correct onto the scale: 0 % → min, 100 % → max.
pub fn estimate_scaled(raw: Tally, scale: ScoreScale) -> u32 {
    if raw.total == 0 {
        return scale.min;
    }
    let span = f64::from(scale.max - scale.min);
    scale.min + (span * raw.correct as f64 / raw.total as f64).round() as u32
}

impl Results {
    pub fn of(session: &Session) -> Results {
        let blueprint = session.blueprint();
        let mut raw = Tally::default();
        let mut by_domain: BTreeMap<String, Tally> = BTreeMap::new();
        let mut by_task: BTreeMap<String, Tally> = BTreeMap::new();
        let mut by_service: BTreeMap<String, Tally> = BTreeMap::new();
        let mut questions = Vec::new();
        for (question, item) in session.questions() {
            let correct = item.response.as_ref().is_some_and(|r| answer::is_correct(question, r));
            raw.add(correct);
            by_domain.entry(question.domain.to_string()).or_default().add(correct);
            by_task.entry(question.task.clone()).or_default().add(correct);
            for tag in question.service_rollup() {
                by_service.entry(tag.to_string()).or_default().add(correct);
            }
            questions.push(QuestionOutcome {
                id: question.id.clone(),
                domain: question.domain,
                task: question.task.clone(),
                services: question.services.clone(),
                kind: question.question_type(),
                response: item.response.clone(),
                correct,
                flagged: item.flagged,
                seconds: item.millis / 1000,
            });
        }
        let scaled_estimate = estimate_scaled(raw, blueprint.scale);
        Results {
            mode: session.mode(),
            raw,
            answered: session.answered_count(),
            scaled_estimate,
            scale: blueprint.scale,
            passed: scaled_estimate >= blueprint.scale.pass,
            seconds: session.elapsed().as_secs(),
            by_domain,
            by_task,
            by_service,
            questions,
        }
    }
}
