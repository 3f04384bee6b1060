//! The scheduler: grades order the intervals, the fold equals the replay, the due queue.

use super::{answer, at_days, at_hours, question, t0};
use crate::learn::Answer;
use crate::learn::schedule::{Grade, MemoryState, Scheduler, due_queue, next_due};
use jiff::{SignedDuration, Timestamp};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;

fn interval_days(s: &MemoryState) -> f64 {
    s.due.duration_since(s.last_review).as_secs_f64() / 86_400.0
}

#[test]
fn grades_map_from_answers() {
    assert_eq!(Grade::of(false, false), Grade::Again);
    assert_eq!(Grade::of(false, true), Grade::Again);
    assert_eq!(Grade::of(true, true), Grade::Hard);
    assert_eq!(Grade::of(true, false), Grade::Good);
}

#[test]
fn wrong_falls_due_sooner_than_hard_sooner_than_good() {
    let s = Scheduler::default();
    // On a first answer…
    let [again, hard, good] = [Grade::Again, Grade::Hard, Grade::Good].map(|g| s.review(None, g, t0()));
    assert!(again.due < hard.due && hard.due < good.due, "{again:?} {hard:?} {good:?}");
    assert!(interval_days(&again) < 1.0, "a wrong answer comes back within the day: {again:?}");
    // …and on a review when it fell due.
    let first = s.review(None, Grade::Good, t0());
    let [again, hard, good] = [Grade::Again, Grade::Hard, Grade::Good].map(|g| s.review(Some(&first), g, first.due));
    assert!(again.due < hard.due && hard.due < good.due, "{again:?} {hard:?} {good:?}");
    assert!(again.stability < first.stability && good.stability > first.stability);
    assert_eq!(good.reviews, 2);
}

#[test]
fn intervals_grow_with_repeated_right_answers() {
    let s = Scheduler::default();
    let mut state = s.review(None, Grade::Good, t0());
    let mut intervals = vec![interval_days(&state)];
    for _ in 0..6 {
        state = s.review(Some(&state), Grade::Good, state.due);
        intervals.push(interval_days(&state));
    }
    assert!(intervals.windows(2).all(|w| w[1] > w[0]), "{intervals:?}");
    assert!(intervals[6] > 60.0, "six right answers in a row push the review out by months: {intervals:?}");
}

#[test]
fn answers_on_the_same_day_use_short_term_stability() {
    let s = Scheduler::default();
    let first = s.review(None, Grade::Again, t0());
    let retry = s.review(Some(&first), Grade::Good, at_hours(0.2));
    let next_day = s.review(Some(&first), Grade::Good, at_days(1.5));
    assert!(retry.stability > first.stability, "a same-day retry that goes right still helps");
    assert!(retry.due < next_day.due, "but less than getting it right after a day away");
    assert!(retry.stability.is_finite() && retry.difficulty.is_finite());
}

/// A random log: `n` answers to 25 questions over 60 days, some at the same minute.
fn random_log(seed: u64, n: usize) -> Vec<Answer> {
    let mut rng = StdRng::seed_from_u64(seed);
    let questions: Vec<_> = (0..25).map(|i| question(&format!("q{i}"), "1.1", &[])).collect();
    (0..n)
        .map(|_| {
            let q = &questions[rng.random_range(0..questions.len())];
            let minute = rng.random_range(0..60 * 24 * 60) / 7 * 7;
            let at = t0().checked_add(SignedDuration::from_mins(minute)).unwrap_or_else(|e| panic!("{e}"));
            answer(q, rng.random_bool(0.7), rng.random_bool(0.2), at)
        })
        .collect()
}

#[test]
fn the_fold_in_time_order_equals_the_replay_of_any_shuffle() {
    let s = Scheduler::default();
    for seed in 0..5 {
        let mut log = random_log(seed, 400);
        // What a store's cache does: one review at a time, as answers arrive in time order.
        log.sort_by_key(|a| (a.answered_at, Grade::of(a.correct, a.unsure)));
        let mut cache: BTreeMap<String, MemoryState> = BTreeMap::new();
        for a in &log {
            let next = s.review(cache.get(&a.question_id), Grade::of(a.correct, a.unsure), a.answered_at);
            cache.insert(a.question_id.clone(), next);
        }
        log.shuffle(&mut StdRng::seed_from_u64(seed + 100));
        assert_eq!(s.replay(&log), cache, "seed {seed}");
        log.reverse();
        assert_eq!(s.replay(&log), cache, "seed {seed}, reversed");
        assert_eq!(cache.values().map(|m| m.reviews as usize).sum::<usize>(), log.len());
    }
}

#[test]
fn replay_of_nothing_is_empty() {
    assert!(Scheduler::default().replay(&[]).is_empty());
}

#[test]
fn personal_parameters_are_checked() {
    assert!(Scheduler::with_parameters(&[]).is_ok());
    assert!(Scheduler::with_parameters(&[1.0, 2.0]).is_err());
}

fn state(due: Timestamp) -> MemoryState {
    MemoryState { stability: 1.0, difficulty: 5.0, last_review: t0(), due, reviews: 1 }
}

#[test]
fn the_due_queue_puts_the_most_overdue_first() {
    let states = BTreeMap::from([
        ("a".to_string(), state(at_days(3.0))),
        ("b".to_string(), state(at_days(1.0))),
        ("c".to_string(), state(at_days(9.0))),
        ("d".to_string(), state(at_days(2.0))),
        ("e".to_string(), state(at_days(1.0))),
    ]);
    let now = at_days(3.0);
    let ids: Vec<String> = due_queue(&states, now).into_iter().map(|d| d.question_id).collect();
    assert_eq!(ids, ["b", "e", "d", "a"], "due at or before now, earliest first, ties by id");
    assert_eq!(next_due(&states, now), Some(at_days(9.0)));
}

#[test]
fn with_nothing_due_next_due_says_when() {
    let states = BTreeMap::from([("a".to_string(), state(at_days(5.0))), ("b".to_string(), state(at_days(4.0)))]);
    assert!(due_queue(&states, at_days(1.0)).is_empty());
    assert_eq!(next_due(&states, at_days(1.0)), Some(at_days(4.0)));
    assert_eq!(next_due(&states, at_days(6.0)), None);
    assert_eq!(next_due(&BTreeMap::new(), t0()), None);
}

#[test]
fn a_real_log_makes_a_due_queue() {
    let s = Scheduler::default();
    let q = [question("right", "1.1", &[]), question("wrong", "1.1", &[])];
    let log = [answer(&q[0], true, false, t0()), answer(&q[1], false, false, t0())];
    let states = s.replay(&log);
    let ids: Vec<String> = due_queue(&states, at_days(1.0)).into_iter().map(|d| d.question_id).collect();
    assert_eq!(ids, ["wrong"]);
    assert_eq!(next_due(&states, at_days(1.0)), Some(states["right"].due));
}

#[test]
fn a_question_falls_due_when_recall_drops_to_the_desired_retention() {
    let s = Scheduler::default();
    let first = s.review(None, Grade::Good, t0());
    let second = s.review(Some(&first), Grade::Good, first.due);
    for state in [first, second] {
        assert!((state.retrievability(state.last_review) - 1.0).abs() < 1e-6);
        let at_due = state.retrievability(state.due);
        assert!((at_due - 0.9).abs() < 0.01, "recall at the due time: {at_due}");
        assert!(
            state.retrievability(state.due.checked_add(SignedDuration::from_hours(240)).unwrap_or(state.due)) < 0.9
        );
    }
}
