//! History records built from real sessions of the embedded MLA-C01 pool: a
//! session is drawn, some questions answered right and the rest wrong, graded
//! with `Results::of`, and wrapped in an `Attempt` as the app would record it.

use jiff::{SignedDuration, Timestamp};
use mla_quiz::bank::{Library, Pool};
use mla_quiz::engine::{Results, Session, Settings, StudyFilter, correct_response, wrong_response};
use mla_quiz::store::{Attempt, Store};
use std::path::Path;
use std::time::Duration;

/// Seconds spent on each question of a built session.
pub const SECONDS_PER_QUESTION: u64 = 90;

/// The embedded pool (MLA-C01).
pub fn pool() -> Pool {
    Library::load(&[]).default_pool().unwrap_or_else(|| panic!("the embedded bank has no blueprint"))
}

/// Answers every question of `session`: the first `correct` right, the rest wrong
/// (study sessions submit each answer), spending [`SECONDS_PER_QUESTION`] on each.
pub fn answer(session: &mut Session, correct: usize, started_at: Timestamp) {
    for index in 0..session.len() {
        let spent = SignedDuration::from_secs(i64::try_from((index as u64 + 1) * SECONDS_PER_QUESTION).unwrap_or(0));
        let now = started_at.checked_add(spent).unwrap_or_else(|e| panic!("{e}"));
        session.go_to(index);
        let question = session.question(index).cloned().unwrap_or_else(|| panic!("no question {index}"));
        let response = if index < correct { correct_response(&question) } else { wrong_response(&question) };
        session.respond(response, now).unwrap_or_else(|e| panic!("{e}"));
        session.spend(Duration::from_secs(SECONDS_PER_QUESTION));
        if session.mode() == mla_quiz::engine::Mode::Study {
            session.submit(now).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    session.finish();
}

/// The record of a finished session, started at `started_at`.
pub fn attempt_of(pool: &Pool, session: &Session, started_at: Timestamp) -> Attempt {
    let results = Results::of(session);
    let elapsed = SignedDuration::try_from(session.elapsed()).unwrap_or_else(|e| panic!("{e}"));
    let ended_at = started_at.checked_add(elapsed).unwrap_or_else(|e| panic!("{e}"));
    Attempt::of(Store::new_id(), (started_at, ended_at), pool.banks.clone(), session.state(), results)
}

/// A full mock exam with `correct` right answers.
pub fn mock_exam(pool: &Pool, seed: u64, correct: usize, started_at: Timestamp) -> Attempt {
    let mut session =
        Session::new(pool, Settings::mock_exam(&pool.blueprint, false, seed)).unwrap_or_else(|e| panic!("{e}"));
    answer(&mut session, correct, started_at);
    attempt_of(pool, &session, started_at)
}

/// A study session of `questions` questions with `correct` right answers.
pub fn study(pool: &Pool, seed: u64, questions: usize, correct: usize, started_at: Timestamp) -> Attempt {
    let settings = Settings::study(StudyFilter::default(), questions, seed);
    let mut session = Session::new(pool, settings).unwrap_or_else(|e| panic!("{e}"));
    answer(&mut session, correct, started_at);
    attempt_of(pool, &session, started_at)
}

/// A fixed instant, `hours` after 2026-03-01T09:00:00Z.
pub fn at(hours: i64) -> Timestamp {
    Timestamp::from_second(1_772_355_600 + hours * 3600).unwrap_or_else(|e| panic!("{e}"))
}

/// Two mock exams and a study session, oldest first, recorded in `dir`.
pub fn record_three(pool: &Pool, dir: &Path) -> Vec<Attempt> {
    let attempts = vec![mock_exam(pool, 1, 40, at(0)), study(pool, 2, 10, 7, at(24)), mock_exam(pool, 3, 52, at(48))];
    record_all(dir, &attempts);
    attempts
}

/// Records every attempt in the store at `dir`.
pub fn record_all(dir: &Path, attempts: &[Attempt]) {
    let mut store = Store::open(Some(dir)).unwrap_or_else(|e| panic!("{e}")).store;
    store.record_all(attempts).unwrap_or_else(|e| panic!("{e}"));
}
