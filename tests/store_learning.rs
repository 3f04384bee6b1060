//! Spaced repetition, weak areas and readiness over a real store: the cached
//! memory states always equal a replay of the answer log (also after an older
//! history arrives late), due reviews come most overdue first, a weak drill
//! draws from the weakest areas, and the schema migrates from every version.

mod support;

use mla_quiz::engine::{Mode, Session, Settings, StudyFilter};
use mla_quiz::learn::{self, Answer, Area, Scheduler};
use mla_quiz::store::focus::Focus;
use mla_quiz::store::{Attempt, Store, StoreError};
use std::path::Path;
use support::attempts::{self, at};

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn open(dir: &Path) -> Store {
    Store::open(Some(dir)).unwrap_or_else(|e| panic!("{e}")).store
}

/// The answer log as `learn` sees it, read back through the store's own records.
fn log(store: &Store) -> Vec<Answer> {
    let mut answers = Vec::new();
    store
        .for_each_attempt(None, |a: Attempt| -> Result<(), StoreError> {
            for q in a.questions.iter().filter(|q| q.response.is_some()) {
                answers.push(Answer {
                    question_id: q.id.clone(),
                    domain: q.domain,
                    task: q.task.clone(),
                    services: q.services.clone(),
                    correct: q.correct,
                    unsure: q.guessed || (a.mode == Mode::Exam && q.flagged),
                    answered_at: q.answered_at.unwrap_or_else(|| panic!("every stored answer has a time")),
                });
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    answers
}

fn assert_cache_is_the_replay(store: &mut Store) {
    let scheduler = Scheduler::default();
    let cached = store.memory_states(&scheduler).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cached, scheduler.replay(&log(store)));
}

#[test]
fn cached_memory_states_always_equal_a_replay_of_the_log() {
    let dir = tempdir();
    let mut store = open(dir.path());
    let pool = attempts::pool();
    assert_cache_is_the_replay(&mut store);
    let mut guessed = attempts::study(&pool, 1, 12, 9, at(0));
    guessed.questions[0].guessed = true;
    store.record(&guessed).unwrap_or_else(|e| panic!("{e}"));
    assert_cache_is_the_replay(&mut store);
    // Several later sessions, some of them on the same questions again.
    for (i, seed) in [2u64, 1, 3, 1].into_iter().enumerate() {
        let hours = 30 * (i as i64 + 1);
        store.record(&attempts::study(&pool, seed, 12, 4 + i, at(hours))).unwrap_or_else(|e| panic!("{e}"));
        assert_cache_is_the_replay(&mut store);
    }
    // An older history arrives late (as an import does): those questions are replayed whole.
    let mut old = attempts::mock_exam(&pool, 9, 30, at(-500));
    old.questions[2].flagged = true;
    store.record(&old).unwrap_or_else(|e| panic!("{e}"));
    assert_cache_is_the_replay(&mut store);
    // And a fresh process agrees with the cache it finds.
    drop(store);
    let mut store = open(dir.path());
    assert_cache_is_the_replay(&mut store);
}

#[test]
fn due_reviews_come_most_overdue_first_and_a_wrong_answer_falls_due_before_a_right_one() {
    let dir = tempdir();
    let mut store = open(dir.path());
    let pool = attempts::pool();
    store.record(&attempts::study(&pool, 4, 10, 5, at(0))).unwrap_or_else(|e| panic!("{e}"));
    store.record(&attempts::study(&pool, 5, 10, 5, at(20))).unwrap_or_else(|e| panic!("{e}"));
    let now = at(24 * 30);
    let due = store.due_reviews(&pool, now).unwrap_or_else(|e| panic!("{e}"));
    let states = store.memory_states(&Scheduler::default()).unwrap_or_else(|e| panic!("{e}"));
    let expected: Vec<String> = learn::due_queue(&states, now).into_iter().map(|d| d.question_id).collect();
    assert_eq!(due.ids, expected);
    let dues: Vec<_> = due.ids.iter().map(|id| states[id].due).collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "most overdue first");
    // Right after the first session, only its wrong answers fall due soonest.
    let log = log(&store);
    let first: Vec<&Answer> = log.iter().filter(|a| a.answered_at < at(10)).collect();
    let due_of = |a: &Answer| states[&a.question_id].due;
    let latest_wrong = first.iter().filter(|a| !a.correct).map(|a| due_of(a)).max();
    let earliest_right = first.iter().filter(|a| a.correct).map(|a| due_of(a)).min();
    assert!(latest_wrong < earliest_right, "{latest_wrong:?} < {earliest_right:?}");

    let set = store.focus_set(&pool, Focus::Due, now, 10, 1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(set.ids, due.ids);
    assert!(set.note.contains("due for review, most overdue first"), "{}", set.note);
}

/// A study session of `n` questions of `task`, the first `right` answered right.
fn task_session(task: &str, n: usize, right: usize, hours: i64) -> Attempt {
    let pool = attempts::pool();
    let filter = StudyFilter { task: Some(task.into()), ..StudyFilter::default() };
    let mut session = Session::new(&pool, Settings::study(filter, n, hours as u64)).unwrap_or_else(|e| panic!("{e}"));
    attempts::answer(&mut session, right, at(hours));
    session.finish();
    attempts::attempt_of(&pool, &session, at(hours))
}

#[test]
fn a_weak_drill_draws_from_the_weakest_areas_and_says_which() {
    let dir = tempdir();
    let mut store = open(dir.path());
    let pool = attempts::pool();
    let tasks: Vec<String> = pool.blueprint.domains.iter().flat_map(|d| d.tasks.iter().map(|t| t.id.clone())).collect();
    for (i, task) in tasks.iter().enumerate() {
        // Task 3.2 goes badly; every other task mostly well.
        let right = if task == "3.2" { 1 } else { 9 };
        store.record(&task_session(task, 10, right, i as i64)).unwrap_or_else(|e| panic!("{e}"));
    }
    let set = store.focus_set(&pool, Focus::Weak, at(100), 15, 7).unwrap_or_else(|e| panic!("{e}"));
    assert!(set.note.starts_with("weakest: 3.2 at 10%"), "{}", set.note);
    assert_eq!(set.ids.len(), 15);
    let drill = store.weak_drill(&pool, at(100), 15, 7).unwrap_or_else(|e| panic!("{e}"));
    let areas = drill.map(|d| d.areas).unwrap_or_default();
    assert_eq!(areas.first().map(|a| &a.area), Some(&Area::Task("3.2".into())));
    let in_weak_area = |id: &String| {
        let q = pool.question(id).unwrap_or_else(|| panic!("{id} not in the pool"));
        areas.iter().any(|a| a.area.contains(q))
    };
    assert!(set.ids.iter().all(in_weak_area), "every drilled question is from a weak area");
    // Within the area, questions not answered yet or due now come first.
    let states = store.memory_states(&Scheduler::default()).unwrap_or_else(|e| panic!("{e}"));
    let fresh = |id: &String| states.get(id).is_none_or(|s| s.due <= at(100));
    let of_32: Vec<&String> = set.ids.iter().filter(|id| pool.question(id).is_some_and(|q| q.task == "3.2")).collect();
    let first_stale = of_32.iter().position(|id| !fresh(id)).unwrap_or(of_32.len());
    assert!(of_32[first_stale..].iter().all(|id| !fresh(id)), "unseen or due first: {of_32:?}");
    assert!(first_stale > 0);
}

#[test]
fn readiness_needs_evidence_in_every_domain_then_gives_a_probability() {
    let dir = tempdir();
    let mut store = open(dir.path());
    let pool = attempts::pool();
    let early = store.readiness(&pool, at(1)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(early.probability, None);
    assert_eq!(early.missing.len(), pool.blueprint.domains.len());
    for i in 0..4 {
        store.record(&attempts::mock_exam(&pool, 20 + i, 60, at(i as i64 * 24))).unwrap_or_else(|e| panic!("{e}"));
    }
    let ready = store.readiness(&pool, at(100)).unwrap_or_else(|e| panic!("{e}"));
    assert!(ready.missing.is_empty(), "{:?}", ready.missing);
    assert!(ready.probability.is_some_and(|p| p > 0.9), "60 of 65 right four times: {ready:?}");
    assert_eq!(ready.answers_used, 4 * 65);
}

#[test]
fn a_version_1_database_migrates_and_keeps_its_answers() {
    let dir = tempdir();
    let db = dir.path().join(mla_quiz::store::DATABASE_FILE);
    let attempt = attempts::study(&attempts::pool(), 3, 5, 2, at(0));
    {
        // A database as version 1 left it, with one attempt in it.
        let conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch(mla_quiz::store::migrations()[0]).unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "user_version", 1).unwrap_or_else(|e| panic!("{e}"));
        conn.execute(
            "INSERT INTO attempts (id, exam, mode, started_at, ended_at, banks, settings, summary, questions, \
             correct, scaled, passed, seconds) VALUES (?1, 'MLA-C01', 'study', 0, 1, ?2, ?3, ?4, 5, 2, 460, 0, 60)",
            rusqlite::params![
                attempt.id,
                serde_json::to_string(&attempt.banks).unwrap_or_default(),
                serde_json::to_string(&attempt.settings).unwrap_or_default(),
                serde_json::to_string(&attempt.summary).unwrap_or_default()
            ],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        conn.execute(
            "INSERT INTO answers (attempt_id, position, question_id, bank_id, bank_version, exam, domain, task, \
             services, type, response, correct, flagged, seconds, answered_at) \
             VALUES (?1, 0, 'd1.1-001', 'mla-c01', '1', 'MLA-C01', 1, '1.1', '[\"s3\"]', 'single', \
             '{\"type\":\"single\",\"value\":0}', 1, 1, 30, 5)",
            [&attempt.id],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut store = open(dir.path());
    let back = store.attempt(&attempt.id).unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("gone"));
    assert_eq!(back.questions.len(), 1);
    assert!(!back.questions[0].guessed, "answers of version 1 were never marked as guesses");
    assert_cache_is_the_replay(&mut store);
    // Version 3's running tallies start from the answers already there.
    let all = store.all_time("MLA-C01").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((all.overall.correct, all.overall.total, all.questions_answered), (1, 1, 1));
}

#[test]
fn fitted_parameters_rebuild_the_cache_and_a_reset_brings_the_defaults_back() {
    let dir = tempdir();
    support::generate_history(dir.path(), 300);
    let mut store = open(dir.path());
    let defaults = store.current_memory_states().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defaults, Scheduler::default().replay(&log(&store)));
    let values = store.fit_parameters(at(0)).unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|e| panic!("{e}"));
    let personal = Scheduler::with_parameters(&values).unwrap_or_else(|e| panic!("{e}"));
    let fitted = store.current_memory_states().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fitted, personal.replay(&log(&store)));
    assert_ne!(fitted, defaults, "other parameters, other states");
    store.reset_parameters().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.current_memory_states().unwrap_or_else(|e| panic!("{e}")), defaults);
}
