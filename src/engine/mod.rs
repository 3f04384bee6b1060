//! The session engine: drawing questions, taking answers, grading, results.
//!
//! Pure by design — no terminal, no files, no clock, no global randomness.
//! Time is reported by the caller and randomness comes from the seed in
//! [`Settings`], so every behaviour here is reproducible in tests.

pub mod answer;
pub mod draw;
pub mod results;
pub mod session;

pub use answer::{Response, correct_response, is_correct};
pub use draw::{StudyFilter, domain_quotas};
pub use results::{QuestionOutcome, Results, Summary, Tally, estimate_scaled};
pub use session::{ItemState, Mode, Session, SessionError, SessionState, Settings};

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;
