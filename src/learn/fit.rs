//! Personal FSRS parameters, fitted to the learner's own log with the crate's optimizer.
//!
//! The default parameters fit the average Anki user; once the learner has
//! answered enough questions more than once, [`fit_parameters`] finds the 21
//! parameters that best predict their own recall. The result feeds
//! [`super::Scheduler::with_parameters`]. Fitting takes seconds on a long
//! log, so it is a command to run, not something to do on every start.

use super::Answer;
use super::schedule::{reviews_by_question, whole_days};
use fsrs::{ComputeParametersInput, FSRSItem, FSRSReview};
use jiff::Timestamp;

/// Reviews of questions answered before (on an earlier day) needed for a fit.
/// The FSRS authors advise several hundred; below that the defaults predict better.
pub const MIN_REVIEWS_TO_FIT: usize = 400;

/// Why personal parameters could not be fitted.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FitError {
    #[error(
        "fitting personal parameters needs at least {need} answers to questions seen on an earlier day; \
         there are {have}"
    )]
    NotEnoughReviews { have: usize, need: usize },
    #[error("the FSRS optimizer failed: {0}")]
    Optimizer(String),
}

/// Fits FSRS parameters to the log, or says how many more reviews it needs.
pub fn fit_parameters(answers: &[Answer]) -> Result<Vec<f32>, FitError> {
    let items = training_items(answers);
    let have = items.len();
    if have < MIN_REVIEWS_TO_FIT {
        return Err(FitError::NotEnoughReviews { have, need: MIN_REVIEWS_TO_FIT });
    }
    let input = ComputeParametersInput { train_set: items, ..ComputeParametersInput::default() };
    fsrs::compute_parameters(input).map_err(|e| FitError::Optimizer(format!("{e:?}")))
}

/// One training item per answer on a later day than the question's previous
/// answer: the question's reviews up to and including that answer, with whole
/// days between them (same-day answers stay in the history, as in Anki).
fn training_items(answers: &[Answer]) -> Vec<FSRSItem> {
    let mut items = Vec::new();
    for log in reviews_by_question(answers).into_values() {
        let mut reviews: Vec<FSRSReview> = Vec::with_capacity(log.len());
        let mut previous: Option<Timestamp> = None;
        for (at, grade) in log {
            let delta_t = previous.map_or(0, |p| whole_days(p, at));
            reviews.push(FSRSReview { rating: grade.rating(), delta_t });
            previous = Some(at);
            if delta_t > 0 {
                items.push(FSRSItem { reviews: reviews.clone() });
            }
        }
    }
    items
}
