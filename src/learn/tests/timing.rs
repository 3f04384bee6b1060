//! How long replay and the forecast take. Ignored by default; run in release:
//! `cargo test --release --lib learn::tests::timing -- --ignored --nocapture`.

use super::simulate::{Learner, pool};
use super::{answer, blueprint, t0};
use crate::learn::readiness::{ReadinessConfig, forecast};
use crate::learn::schedule::Scheduler;
use jiff::SignedDuration;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Instant;

#[test]
#[ignore = "timing; run in release"]
fn replay_of_a_million_answers_and_a_forecast() {
    let bp = blueprint();
    let questions = pool(&bp, 50);
    let mut rng = StdRng::seed_from_u64(9);
    let log: Vec<_> = (0..1_000_000)
        .map(|i| {
            let q = &questions[rng.random_range(0..questions.len())];
            let at = t0().checked_add(SignedDuration::from_secs(i * 30)).unwrap_or_else(|e| panic!("{e}"));
            answer(q, rng.random_bool(0.75), rng.random_bool(0.1), at)
        })
        .collect();
    let start = Instant::now();
    let states = Scheduler::default().replay(&log);
    eprintln!("replay of {} answers to {} questions: {:?}", log.len(), states.len(), start.elapsed());

    let learner = Learner::new(&bp, 0.75, 0.05, &mut rng);
    let (study, end) = learner.study(&questions, 0, 60, 20, &mut rng);
    let config = ReadinessConfig::default();
    let start = Instant::now();
    let r = forecast(&study, &bp, end, &config);
    eprintln!("forecast from {} answers, {} exams: {:?} ({r:?})", study.len(), config.exams, start.elapsed());
    let start = Instant::now();
    let r = forecast(&log, &bp, end, &config);
    eprintln!("forecast from {} answers: {:?} ({:?})", log.len(), start.elapsed(), r.probability);
}
