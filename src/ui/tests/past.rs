//! Reopening past attempts: exactly as answered, and never a crash when the
//! bank has changed since.

use super::fixture_pool;
use crate::engine::fixtures::T0;
use crate::engine::{Results, Session, Settings, wrong_response};
use crate::store::Attempt;
use crate::ui::past::reopen;

/// A finished mock exam of the fixture pool, every question answered wrong.
fn finished_exam() -> Attempt {
    let pool = fixture_pool();
    let mut session =
        Session::new(&pool, Settings::mock_exam(&pool.blueprint, false, 5)).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..session.len() {
        session.go_to(i);
        let q = *session.current().0;
        session.respond(wrong_response(&q), T0).unwrap_or_else(|e| panic!("{e}"));
    }
    session.finish();
    let results = Results::of(&session);
    Attempt::of("a1".into(), (T0, T0), pool.banks.clone(), session.state(), results)
}

#[test]
fn a_past_attempt_comes_back_in_the_order_it_was_shown_with_its_recorded_results() {
    let attempt = finished_exam();
    let reopened = reopen(&fixture_pool(), attempt.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reopened.note, None);
    assert_eq!(reopened.results.summary, attempt.summary);
    assert!(reopened.session.is_finished());
    for ((_, item), outcome) in reopened.session.questions().zip(&attempt.questions) {
        assert_eq!((&item.question_id, &item.order, &item.response), (&outcome.id, &outcome.order, &outcome.response));
    }
}

#[test]
fn questions_no_longer_in_the_bank_are_left_out_with_a_note() {
    let mut attempt = finished_exam();
    attempt.questions[0].id = "gone-001".into();
    attempt.questions[1].order = vec![0]; // the question changed: its options no longer fit
    let reopened = reopen(&fixture_pool(), attempt.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reopened.session.len(), attempt.questions.len() - 2);
    let note = reopened.note.unwrap_or_default();
    assert!(note.starts_with("2 question(s)") && note.contains("gone-001"), "{note}");

    for q in &mut attempt.questions {
        q.id = format!("gone-{}", q.id);
    }
    let error = reopen(&fixture_pool(), attempt).err().unwrap_or_default();
    assert!(error.contains("cannot be reviewed") && error.contains("history show a1"), "{error}");
}
