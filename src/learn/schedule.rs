//! Spaced repetition with FSRS: each question's memory state and due time,
//! computed from its answers with the `fsrs` crate (the scheduler inside Anki).
//!
//! Every graded answer is a review: wrong → Again, right → Good, right but
//! unsure → Hard ([`Grade`]). A question's [`MemoryState`] is a fold of
//! [`Scheduler::review`] over its answers in time order; [`Scheduler::replay`]
//! does that fold for a whole log, so a store may cache states and update them
//! one answer at a time, as long as the cache equals the replay.
//!
//! Time: FSRS counts whole days since the previous review. Here a "day" is a
//! 24-hour period, so two answers less than 24 hours apart count as the same
//! day and use FSRS's short-term stability. The next due time is the last
//! review plus the interval FSRS gives for the desired retention (0.9), kept
//! fractional: a wrong answer falls due again within hours.

use super::{Answer, SECONDS_PER_DAY, days_between};
use fsrs::{FSRS, FSRSItem, FSRSReview};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The share of reviews FSRS aims to have recalled when they fall due.
pub const DESIRED_RETENTION: f32 = 0.9;

/// How an answer rates as a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Again,
    Hard,
    Good,
}

impl Grade {
    /// Wrong → Again; right → Good; right but unsure → Hard.
    pub fn of(correct: bool, unsure: bool) -> Grade {
        match (correct, unsure) {
            (false, _) => Grade::Again,
            (true, true) => Grade::Hard,
            (true, false) => Grade::Good,
        }
    }

    /// The FSRS rating: 1 Again, 2 Hard, 3 Good.
    pub(super) fn rating(self) -> u32 {
        match self {
            Grade::Again => 1,
            Grade::Hard => 2,
            Grade::Good => 3,
        }
    }
}

/// What the scheduler knows about one question after its reviews so far.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MemoryState {
    /// Days until recall probability falls to 90 %.
    pub stability: f32,
    /// 1 (easy) to 10 (hard).
    pub difficulty: f32,
    pub last_review: Timestamp,
    pub due: Timestamp,
    pub reviews: u32,
}

impl MemoryState {
    /// The chance of recalling the question at `now`, by the FSRS forgetting
    /// curve with the default decay (exact for the default parameters; with
    /// personal ones, good for ordering questions).
    pub fn retrievability(&self, now: Timestamp) -> f32 {
        let days = days_between(self.last_review, now).max(0.0) as f32;
        fsrs::current_retrievability(self.fsrs(), days, fsrs::FSRS6_DEFAULT_DECAY)
    }

    fn fsrs(&self) -> fsrs::MemoryState {
        fsrs::MemoryState { stability: self.stability, difficulty: self.difficulty }
    }
}

/// A question that is due for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub question_id: String,
    pub due: Timestamp,
}

/// Why a scheduler could not be made.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ScheduleError {
    #[error("invalid FSRS parameters: {0}")]
    Parameters(String),
}

/// FSRS with its parameters and the desired retention.
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: FSRS,
    desired_retention: f32,
}

impl Default for Scheduler {
    /// FSRS's default parameters, desired retention 0.9.
    fn default() -> Self {
        Scheduler { fsrs: FSRS::default(), desired_retention: DESIRED_RETENTION }
    }
}

impl Scheduler {
    /// A scheduler with personal parameters (21 values, or empty for the defaults).
    pub fn with_parameters(parameters: &[f32]) -> Result<Scheduler, ScheduleError> {
        let fsrs = FSRS::new(parameters).map_err(|e| ScheduleError::Parameters(format!("{e:?}")))?;
        Ok(Scheduler { fsrs, desired_retention: DESIRED_RETENTION })
    }

    /// The state after one more review. `previous` is the state before it
    /// (`None` for a question's first answer). Reviews must come in time
    /// order; one dated before `previous.last_review` counts as the same day.
    pub fn review(&self, previous: Option<&MemoryState>, grade: Grade, at: Timestamp) -> MemoryState {
        let delta_t = previous.map_or(0, |p| whole_days(p.last_review, at));
        let item = FSRSItem { reviews: vec![FSRSReview { rating: grade.rating(), delta_t }] };
        let start = previous.map(MemoryState::fsrs);
        // FSRS only fails on non-finite results, which its clipped parameters rule
        // out; should it happen, keep the previous memory rather than lose the question.
        let memory = self.fsrs.memory_state(item, start).unwrap_or_else(|_| {
            start.unwrap_or(fsrs::MemoryState { stability: fsrs::DEFAULT_PARAMETERS[0], difficulty: 5.0 })
        });
        let interval_days = self.fsrs.next_interval(Some(memory.stability), self.desired_retention, grade.rating());
        let seconds = (f64::from(interval_days) * SECONDS_PER_DAY).round() as i64;
        let due = at.checked_add(SignedDuration::from_secs(seconds)).unwrap_or(Timestamp::MAX);
        MemoryState {
            stability: memory.stability,
            difficulty: memory.difficulty,
            last_review: at,
            due,
            reviews: previous.map_or(0, |p| p.reviews).saturating_add(1),
        }
    }

    /// Every answered question's state: the fold of [`Scheduler::review`] over
    /// its answers, sorted by time (ties broken by grade, so input order never matters).
    pub fn replay(&self, answers: &[Answer]) -> BTreeMap<String, MemoryState> {
        reviews_by_question(answers)
            .into_iter()
            .filter_map(|(id, reviews)| {
                let state =
                    reviews.into_iter().fold(None, |state, (at, grade)| Some(self.review(state.as_ref(), grade, at)));
                state.map(|s| (id.to_string(), s))
            })
            .collect()
    }
}

/// Each question's reviews, sorted by time (ties by grade).
pub(super) fn reviews_by_question(answers: &[Answer]) -> BTreeMap<&str, Vec<(Timestamp, Grade)>> {
    let mut by_question: BTreeMap<&str, Vec<(Timestamp, Grade)>> = BTreeMap::new();
    for a in answers {
        by_question.entry(&a.question_id).or_default().push((a.answered_at, Grade::of(a.correct, a.unsure)));
    }
    for reviews in by_question.values_mut() {
        reviews.sort_unstable();
    }
    by_question
}

/// Whole 24-hour periods from `earlier` to `later` (0 if `later` is earlier).
pub(super) fn whole_days(earlier: Timestamp, later: Timestamp) -> u32 {
    days_between(earlier, later).floor().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// The questions due at or before `now`, most overdue first (then by id).
pub fn due_queue(states: &BTreeMap<String, MemoryState>, now: Timestamp) -> Vec<Due> {
    let mut due: Vec<Due> = states
        .iter()
        .filter(|(_, s)| s.due <= now)
        .map(|(id, s)| Due { question_id: id.clone(), due: s.due })
        .collect();
    due.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.question_id.cmp(&b.question_id)));
    due
}

/// When the next review falls after `now` (for "nothing due; next review at …");
/// `None` when no question falls due later.
pub fn next_due(states: &BTreeMap<String, MemoryState>, now: Timestamp) -> Option<Timestamp> {
    states.values().map(|s| s.due).filter(|&due| due > now).min()
}
