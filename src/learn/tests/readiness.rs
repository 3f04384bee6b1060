//! The readiness forecast: the minimum of evidence, the JSON shape, and
//! calibration on simulated learners.

use super::simulate::{Learner, pool};
use super::{answer, at_days, blueprint, question};
use crate::learn::readiness::{Missing, ReadinessConfig, forecast};
use jiff::SignedDuration;
use rand::SeedableRng;
use rand::rngs::StdRng;

#[test]
fn without_evidence_there_is_no_probability_only_what_is_missing() {
    let bp = blueprint();
    let none = forecast(&[], &bp, at_days(1.0), &ReadinessConfig::default());
    assert_eq!(none.probability, None);
    assert_eq!(none.scaled_mid, None);
    assert_eq!(none.answers_used, 0);
    assert_eq!(none.missing.len(), 4);
    assert!(none.missing.iter().all(|m| m.answers == 20));

    // 25 answers in domains 1, 2 and 4, 8 in domain 3, and some to a task the blueprint lacks.
    let mut log = Vec::new();
    for (task, n) in [("1.1", 25), ("2.3", 25), ("3.2", 8), ("4.1", 25), ("9.9", 30)] {
        for i in 0..n {
            log.push(answer(&question(&format!("{task}-{i}"), task, &[]), true, false, at_days(0.5)));
        }
    }
    let some = forecast(&log, &bp, at_days(1.0), &ReadinessConfig::default());
    assert_eq!(some.probability, None);
    assert_eq!(some.answers_used, 83);
    assert_eq!(some.missing, [Missing { domain: 3, answers: 12 }]);
    assert_eq!(some.missing[0].to_string(), "answer 12 more Domain 3 questions");
    assert_eq!(Missing { domain: 2, answers: 1 }.to_string(), "answer 1 more Domain 2 question");
}

#[test]
fn the_json_has_the_documented_keys() {
    let bp = blueprint();
    let mut rng = StdRng::seed_from_u64(1);
    let (log, end) = Learner::new(&bp, 0.8, 0.0, &mut rng).study(&pool(&bp, 10), 0, 10, 15, &mut rng);
    let readiness = forecast(&log, &bp, end, &ReadinessConfig { exams: 500, ..ReadinessConfig::default() });
    let json = serde_json::to_value(&readiness).unwrap_or_else(|e| panic!("{e}"));
    let keys: Vec<&str> =
        json.as_object().unwrap_or_else(|| panic!("not an object: {json}")).keys().map(String::as_str).collect();
    assert_eq!(
        keys.iter().copied().collect::<std::collections::BTreeSet<_>>(),
        ["answers_used", "method", "missing", "probability", "scaled_high", "scaled_low", "scaled_mid"].into()
    );
    let p = json["probability"].as_f64().unwrap_or_else(|| panic!("no probability: {json}"));
    assert!((0.0..=1.0).contains(&p));
    let [low, mid, high] = ["scaled_low", "scaled_mid", "scaled_high"]
        .map(|k| json[k].as_u64().unwrap_or_else(|| panic!("no {k}: {json}")));
    assert!(100 <= low && low <= mid && mid <= high && high <= 1000, "{low} {mid} {high}");
    assert!(readiness.method.contains("estimate"));
}

#[test]
fn a_strong_learner_is_ready_and_a_weak_one_is_not() {
    let bp = blueprint();
    let questions = pool(&bp, 20);
    let config = ReadinessConfig::default();
    let mut rng = StdRng::seed_from_u64(2);
    for (accuracy, ready) in [(0.92, true), (0.45, false)] {
        let learner = Learner::new(&bp, accuracy, 0.03, &mut rng);
        let (log, end) = learner.study(&questions, 0, 20, 10, &mut rng);
        let r = forecast(&log, &bp, end, &config);
        let p = r.probability.unwrap_or_else(|| panic!("no probability"));
        if ready {
            assert!(p >= 0.9, "learner at {accuracy}: P(pass) {p}, {r:?}");
        } else {
            assert!(p <= 0.1, "learner at {accuracy}: P(pass) {p}, {r:?}");
        }
    }
}

#[test]
fn recent_answers_weigh_more_than_old_ones() {
    let bp = blueprint();
    let questions = pool(&bp, 20);
    let mut rng = StdRng::seed_from_u64(3);
    let weak = Learner::new(&bp, 0.5, 0.0, &mut rng);
    let strong = Learner::new(&bp, 0.85, 0.0, &mut rng);
    // Improved: weak for two weeks, strong for the last two; and the reverse.
    let (mut improved, _) = weak.study(&questions, 0, 14, 12, &mut rng);
    let (late, end) = strong.study(&questions, 14, 14, 12, &mut rng);
    improved.extend(late);
    let (mut declined, _) = strong.study(&questions, 0, 14, 12, &mut rng);
    declined.extend(weak.study(&questions, 14, 14, 12, &mut rng).0);
    let config = ReadinessConfig { exams: 2000, ..ReadinessConfig::default() };
    let up = forecast(&improved, &bp, end, &config).scaled_mid.unwrap_or_else(|| panic!("no forecast"));
    let down = forecast(&declined, &bp, end, &config).scaled_mid.unwrap_or_else(|| panic!("no forecast"));
    assert!(up > down + 50, "improved {up}, declined {down}");
}

#[test]
fn the_forecast_beats_passed_the_last_mock_exam() {
    let bp = blueprint();
    let questions = pool(&bp, 20);
    let config = ReadinessConfig { exams: 400, ..ReadinessConfig::default() };
    let mut rng = StdRng::seed_from_u64(4);
    let (mut forecast_brier, mut naive_brier) = (0.0, 0.0);
    let learners = 200;
    for i in 0..learners {
        let base = 0.5 + 0.45 * (i as f64 + 0.5) / learners as f64;
        let learner = Learner::new(&bp, base, 0.08, &mut rng);
        let days = 15 + i % 16;
        let (log, end) = learner.study(&questions, 0, days, 12, &mut rng);
        let now = end.checked_add(SignedDuration::from_hours(1)).unwrap_or_else(|e| panic!("{e}"));
        let config = ReadinessConfig { seed: i as u64, ..config.clone() };
        let p = forecast(&log, &bp, now, &config).probability.unwrap_or_else(|| panic!("no probability"));
        let mock = f64::from(u8::from(learner.sit_exam(&bp, 50, &mut rng)));
        let real = f64::from(u8::from(learner.sit_exam(&bp, 50, &mut rng)));
        forecast_brier += (p - real).powi(2) / learners as f64;
        naive_brier += (mock - real).powi(2) / learners as f64;
    }
    assert!(
        forecast_brier < 0.8 * naive_brier,
        "Brier score: forecast {forecast_brier:.3}, passed the last mock {naive_brier:.3}"
    );
}
