//! Grading a session: raw score, the estimated scaled score and pass/fail, and
//! breakdowns by domain, task statement and AWS service.
//!
//! AWS does not publish how raw marks become the 100–1000 scaled score, so
//! [`estimate_scaled`] maps the fraction correct linearly onto the blueprint's
//! scale. It is an estimate and every screen that shows it says so.

use super::answer::{self, Response};
use super::session::{Mode, Session};
use crate::bank::{QuestionType, ScoreScale, service_rollup};
use jiff::Timestamp;
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
        self.total = self.total.saturating_add(1);
        self.correct = self.correct.saturating_add(usize::from(correct));
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
    /// The id of the bank the question came from (absent in records of earlier versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<String>,
    /// When the answer was last changed (study: when it was submitted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<Timestamp>,
    /// Display position → option index: the order the options were shown in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<usize>,
    /// Matching only: display position → response index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_order: Vec<usize>,
    /// Study: the candidate marked the answer as a guess.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guessed: bool,
}

/// The graded result of a session: the summary and every question's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub summary: Summary,
    pub questions: Vec<QuestionOutcome>,
}

/// The scores of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub mode: Mode,
    pub raw: Tally,
    /// Questions with a complete answer ([`Results::of`]); from outcomes alone,
    /// those with any response.
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
    /// Grades a session. A mock exam counts every question (unanswered is
    /// wrong); a study session counts only the questions whose answer was submitted.
    pub fn of(session: &Session) -> Results {
        let mut questions = Vec::new();
        for (question, item) in session.questions() {
            if session.mode() == Mode::Study && !item.submitted {
                continue;
            }
            let correct = item.response.as_ref().is_some_and(|r| answer::is_correct(question, r));
            questions.push(QuestionOutcome {
                id: question.id.to_string(),
                domain: question.domain,
                task: question.task.to_string(),
                services: question.services.iter().map(|s| s.to_string()).collect(),
                kind: question.question_type(),
                response: item.response.clone(),
                correct,
                flagged: item.flagged,
                seconds: item.millis / 1000,
                bank: Some(question.bank.to_string()),
                answered_at: item.answered_at,
                order: item.order.clone(),
                response_order: item.response_order.clone(),
                guessed: item.guessed,
            });
        }
        let mut summary =
            Summary::of(session.mode(), &questions, session.blueprint().scale, session.elapsed().as_secs());
        // With the questions at hand, a partial pick is not counted as answered.
        summary.answered = session
            .questions()
            .filter(|(q, item)| (session.mode() == Mode::Exam || item.submitted) && answer::is_answered(q, item))
            .count();
        Results { summary, questions }
    }
}

impl Summary {
    /// Scores and breakdowns of a list of outcomes.
    pub fn of(mode: Mode, questions: &[QuestionOutcome], scale: ScoreScale, seconds: u64) -> Summary {
        let mut raw = Tally::default();
        let mut by_domain: BTreeMap<String, Tally> = BTreeMap::new();
        let mut by_task: BTreeMap<String, Tally> = BTreeMap::new();
        let mut by_service: BTreeMap<String, Tally> = BTreeMap::new();
        for q in questions {
            raw.add(q.correct);
            by_domain.entry(q.domain.to_string()).or_default().add(q.correct);
            by_task.entry(q.task.clone()).or_default().add(q.correct);
            for tag in service_rollup(&q.services) {
                by_service.entry(tag).or_default().add(q.correct);
            }
        }
        let scaled_estimate = estimate_scaled(raw, scale);
        Summary {
            mode,
            raw,
            answered: questions.iter().filter(|q| q.response.is_some()).count(),
            scaled_estimate,
            scale,
            passed: scaled_estimate >= scale.pass,
            seconds,
            by_domain,
            by_task,
            by_service,
        }
    }
}
