//! The session engine: drawing questions, taking answers, grading, results.
//!
//! Pure by design — no terminal, no files, no clock, no global randomness.
//! Time is reported by the caller and randomness comes from the seed in
//! [`Settings`], so every behaviour here is reproducible in tests.

pub mod answer;
pub mod draw;
pub mod restore;
pub mod results;
pub mod session;

pub use answer::{Response, correct_response, is_answered, is_correct, wrong_response};
pub use draw::{StudyFilter, domain_quotas, mock_exam_size};
pub use restore::Damage;
pub use results::{QuestionOutcome, Results, Summary, Tally, estimate_scaled};
pub use session::{ItemState, MAX_MINUTES, MAX_QUESTIONS, Mode, Session, SessionError, SessionState, Settings};

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod tests_restore;
