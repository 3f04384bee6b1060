//! Fitting personal FSRS parameters: refused on a short log, usable on a long one.

use super::{answer, at_days, question};
use crate::learn::Answer;
use crate::learn::fit::{FitError, MIN_REVIEWS_TO_FIT, fit_parameters};
use crate::learn::schedule::{Grade, Scheduler};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// `questions` questions, each answered on days 0, 2, 7 and 20 (plus a same-day
/// retry after a wrong answer), right with a chance that grows with each answer.
fn log(questions: usize) -> Vec<Answer> {
    let mut rng = StdRng::seed_from_u64(11);
    let mut log = Vec::new();
    for i in 0..questions {
        let q = question(&format!("q{i}"), "1.1", &[]);
        let start = (i % 30) as f64;
        for (n, day) in [0.0, 2.0, 7.0, 20.0].into_iter().enumerate() {
            let right = rng.random_bool(0.55 + 0.1 * n as f64);
            log.push(answer(&q, right, right && rng.random_bool(0.2), at_days(start + day)));
            if !right {
                log.push(answer(&q, true, false, at_days(start + day + 0.01)));
            }
        }
    }
    log
}

#[test]
fn a_short_log_says_how_many_reviews_a_fit_needs() {
    let Err(err) = fit_parameters(&log(20)) else { panic!("fitted from a short log") };
    assert_eq!(err, FitError::NotEnoughReviews { have: 60, need: MIN_REVIEWS_TO_FIT });
    assert!(err.to_string().contains("at least 400"), "{err}");
    assert!(matches!(fit_parameters(&[]), Err(FitError::NotEnoughReviews { have: 0, .. })));
}

#[test]
fn a_long_log_fits_parameters_the_scheduler_accepts() {
    let parameters = fit_parameters(&log(200)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parameters.len(), 21);
    assert!(parameters.iter().all(|p| p.is_finite()));
    assert_ne!(parameters, fsrs::DEFAULT_PARAMETERS, "fitted, not the defaults handed back");
    let scheduler = Scheduler::with_parameters(&parameters).unwrap_or_else(|e| panic!("{e}"));
    let state = scheduler.review(None, Grade::Good, at_days(0.0));
    assert!(state.due > state.last_review);
}
