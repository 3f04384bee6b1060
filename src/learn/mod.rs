//! Learning from the answer log: when to review each question, which areas are
//! weakest, and how likely the learner is to pass the real exam today.
//!
//! Pure like [`crate::engine`]: no terminal, no files, no clock, no global
//! randomness. The store hands over rows of the answer log as [`Answer`]s;
//! the current time and any seed are parameters. The log is the truth: every
//! value here is a function of it, and a cached [`MemoryState`] must always
//! equal [`Scheduler::replay`] of the log.
//!
//! - [`schedule`]: spaced repetition with the FSRS model (the `fsrs` crate).
//! - [`fit`]: personal FSRS parameters from a long enough log.
//! - [`weak`]: the weakest task statements and services, and a drill drawn from them.
//! - [`readiness`]: a pass-readiness forecast from simulated exams.

pub mod fit;
pub mod readiness;
pub mod schedule;
pub mod weak;

mod sample;
#[cfg(test)]
mod tests;

pub use fit::{FitError, MIN_REVIEWS_TO_FIT, fit_parameters};
pub use readiness::{Missing, Readiness, ReadinessConfig, forecast};
pub use schedule::{DESIRED_RETENTION, Due, Grade, MemoryState, ScheduleError, Scheduler, due_queue, next_due};
pub use weak::{Area, WeakArea, WeakConfig, drill, weakest};

use jiff::Timestamp;

/// One graded answer from the answer log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub question_id: String,
    pub domain: u8,
    /// The task statement, e.g. "1.2".
    pub task: String,
    /// Service tags, e.g. `["glue", "s3"]`.
    pub services: Vec<String>,
    pub correct: bool,
    /// Marked "I guessed" in study, or flagged in a mock exam.
    pub unsure: bool,
    pub answered_at: Timestamp,
}

/// Seconds in a day: FSRS counts elapsed time in days.
const SECONDS_PER_DAY: f64 = 86_400.0;

/// Days from `earlier` to `later` as a fraction (negative if `later` is earlier).
fn days_between(earlier: Timestamp, later: Timestamp) -> f64 {
    later.duration_since(earlier).as_secs_f64() / SECONDS_PER_DAY
}
