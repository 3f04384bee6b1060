//! Tests of the engine's rules on answers (picks, clearing, submitting) and of
//! the checked boundary a saved session passes on its way back in, including
//! random damage to a saved session, which must never panic.

use super::fixtures::{T0, blueprint, pool};
use super::*;
use crate::bank::{Pool, QuestionType};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::time::Duration;

fn exam(pool: &Pool, seed: u64) -> Session {
    Session::new(pool, Settings::mock_exam(&pool.blueprint, false, seed)).unwrap_or_else(|e| panic!("{e}"))
}

fn study(pool: &Pool, seed: u64) -> Session {
    Session::new(pool, Settings::study(StudyFilter::default(), 20, seed)).unwrap_or_else(|e| panic!("{e}"))
}

/// Moves to the first question of this type.
fn go_to_type(session: &mut Session, kind: QuestionType) -> usize {
    let index = session.questions().position(|(q, _)| q.question_type() == kind);
    let index = index.unwrap_or_else(|| panic!("no {kind:?} question"));
    session.go_to(index);
    index
}

/// A saved exam with answers of every type, a flag and some time spent.
fn saved_exam(pool: &Pool) -> SessionState {
    let mut session = exam(pool, 3);
    for kind in QuestionType::ALL {
        go_to_type(&mut session, kind);
        let right = correct_response(session.current().0);
        assert_eq!(session.respond(right, T0), Ok(()));
        session.toggle_flag();
        session.spend(Duration::from_secs(7));
    }
    session.state().clone()
}

fn damaged(pool: &Pool, change: impl FnOnce(&mut SessionState)) -> Result<Session, SessionError> {
    let mut state = saved_exam(pool);
    change(&mut state);
    Session::restore(pool, state)
}

fn index_of(state: &SessionState, pool: &Pool, kind: QuestionType) -> usize {
    let found =
        state.items.iter().position(|i| pool.question(&i.question_id).is_some_and(|q| q.question_type() == kind));
    found.unwrap_or_else(|| panic!("no {kind:?} item"))
}

#[test]
fn an_undamaged_save_restores() {
    let pool = pool(10);
    let state = saved_exam(&pool);
    let restored = Session::restore(&pool, state.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(restored.state(), &state);
    assert_eq!(restored.answered_count(), 4);
}

#[test]
fn a_response_order_pointing_past_the_responses_is_refused() {
    let pool = pool(10);
    let result = damaged(&pool, |s| {
        let i = index_of(s, &pool, QuestionType::Matching);
        s.items[i].response_order[0] = 99;
    });
    assert!(matches!(result, Err(SessionError::Damaged(Damage::ResponseOrder(_)))), "{result:?}");
}

#[test]
fn orders_that_are_not_arrangements_are_refused() {
    let pool = pool(10);
    let repeated = damaged(&pool, |s| s.items[0].order[1] = s.items[0].order[0]);
    assert!(matches!(repeated, Err(SessionError::Damaged(Damage::OptionOrder(_)))), "{repeated:?}");
    let short = damaged(&pool, |s| {
        let i = index_of(s, &pool, QuestionType::Matching);
        s.items[i].response_order.pop();
    });
    assert!(matches!(short, Err(SessionError::Damaged(Damage::ResponseOrder(_)))), "{short:?}");
    let stray = damaged(&pool, |s| {
        let i = index_of(s, &pool, QuestionType::Single);
        s.items[i].response_order = vec![0];
    });
    assert!(matches!(stray, Err(SessionError::Damaged(Damage::ResponseOrder(_)))), "{stray:?}");
}

#[test]
fn answers_out_of_range_of_the_wrong_type_or_with_too_many_picks_are_refused() {
    let pool = pool(10);
    let cases: [(QuestionType, Response); 4] = [
        (QuestionType::Single, Response::Single(4)),
        (QuestionType::Single, Response::Ordering(vec![0, 1, 2, 3])),
        (QuestionType::Multiple, Response::Multiple(BTreeSet::from([0, 1, 3]))),
        (QuestionType::Matching, Response::Matching(vec![Some(3), None, None])),
    ];
    for (kind, response) in cases {
        let result = damaged(&pool, |s| {
            let i = index_of(s, &pool, kind);
            s.items[i].response = Some(response.clone());
        });
        assert!(matches!(result, Err(SessionError::Damaged(Damage::Answer(_)))), "{response:?}: {result:?}");
    }
}

#[test]
fn position_times_duplicates_and_submissions_are_checked() {
    let pool = pool(10);
    let position = damaged(&pool, |s| s.position = s.items.len());
    assert!(matches!(position, Err(SessionError::Damaged(Damage::Position { .. }))), "{position:?}");
    let time = damaged(&pool, |s| s.items[0].millis = s.elapsed_millis + 1);
    assert_eq!(time.err(), Some(SessionError::Damaged(Damage::Time)));
    let overflow = damaged(&pool, |s| {
        s.items[0].millis = u64::MAX;
        s.items[1].millis = 1;
        s.elapsed_millis = u64::MAX;
    });
    assert_eq!(overflow.err(), Some(SessionError::Damaged(Damage::Time)));
    let limit = damaged(&pool, |s| s.settings.minutes = Some(0));
    assert_eq!(limit.err(), Some(SessionError::Damaged(Damage::TimeLimit(0))));
    let twice = damaged(&pool, |s| s.items[1] = s.items[0].clone());
    assert!(matches!(twice, Err(SessionError::Damaged(Damage::Duplicate(_)))), "{twice:?}");
    let locked = damaged(&pool, |s| s.items[0].submitted = true);
    assert!(matches!(locked, Err(SessionError::Damaged(Damage::Submitted(_)))), "{locked:?}");
    let finished = damaged(&pool, |s| s.finished = true);
    assert_eq!(finished.err(), Some(SessionError::Damaged(Damage::Finished)));
    let other = damaged(&pool, |s| s.exam = "SAA-C03".into());
    assert!(matches!(other, Err(SessionError::OtherExam { .. })), "{other:?}");
    let empty = damaged(&pool, |s| s.items.clear());
    assert_eq!(empty.err(), Some(SessionError::NoQuestions));
}

#[test]
fn a_multiple_response_with_every_pick_taken_back_is_read_as_unanswered() {
    let pool = pool(10);
    let restored = damaged(&pool, |s| {
        let i = index_of(s, &pool, QuestionType::Multiple);
        s.items[i].response = Some(Response::Multiple(BTreeSet::new()));
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(restored.answered_count(), 3);
    assert!(restored.questions().all(|(_, item)| item.response != Some(Response::Multiple(BTreeSet::new()))));
}

#[test]
fn a_multiple_response_takes_no_more_picks_than_the_key_and_half_is_not_answered() {
    let pool = pool(10);
    let mut session = exam(&pool, 5);
    let index = go_to_type(&mut session, QuestionType::Multiple);
    assert_eq!(session.respond(Response::Multiple(BTreeSet::from([1])), T0), Ok(()));
    assert!(!session.is_answered(index));
    assert_eq!(session.answered_count(), 0);
    assert_eq!(Results::of(&session).summary.answered, 0);
    assert_eq!(
        session.respond(Response::Multiple(BTreeSet::from([0, 1, 2])), T0),
        Err(SessionError::TooManyPicks { allowed: 2 })
    );
    assert_eq!(session.respond(Response::Multiple(BTreeSet::new()), T0), Err(SessionError::InvalidResponse));
    assert_eq!(session.respond(Response::Multiple(BTreeSet::from([1, 2])), T0), Ok(()));
    assert!(session.is_answered(index));
    assert_eq!(Results::of(&session).summary.answered, 1);
    assert_eq!(session.clear(), Ok(()));
    assert!(!session.is_answered(index));
    assert_eq!(session.current().1.response, None);
}

#[test]
fn submit_enforces_its_rules() {
    let mut session = study(&pool(4), 2);
    go_to_type(&mut session, QuestionType::Multiple);
    assert_eq!(session.submit(T0), Err(SessionError::Incomplete));
    assert_eq!(session.respond(Response::Multiple(BTreeSet::from([0])), T0), Ok(()));
    assert_eq!(session.submit(T0), Err(SessionError::Incomplete));
    assert_eq!(session.respond(Response::Multiple(BTreeSet::from([0, 3])), T0), Ok(()));
    assert_eq!(session.submit(T0), Ok(true));
    assert_eq!(session.submit(T0), Err(SessionError::AlreadySubmitted));
    assert_eq!(session.clear(), Err(SessionError::AlreadySubmitted));
    let mut exam = exam(&pool(10), 1);
    let right = correct_response(exam.current().0);
    assert_eq!(exam.respond(right, T0), Ok(()));
    assert_eq!(exam.submit(T0), Err(SessionError::NotStudy));
    exam.finish();
    assert_eq!(exam.clear(), Err(SessionError::Finished));
}

#[test]
fn bank_values_never_overflow_the_time_limit_or_the_quotas() {
    let mut bp = blueprint();
    bp.minutes = u32::MAX;
    assert_eq!(Settings::mock_exam(&bp, true, 1).minutes, Some(u32::MAX));
    bp.domains[0].weight = u32::MAX;
    let quotas = domain_quotas(&bp, usize::MAX);
    assert!(quotas.values().sum::<usize>() <= MAX_QUESTIONS, "{quotas:?}");
    let pool = pool(10);
    let session =
        Session::new(&pool, Settings { questions: usize::MAX, ..Settings::mock_exam(&pool.blueprint, false, 1) });
    assert!(session.is_ok_and(|s| s.len() <= pool.questions.len()));
}

#[test]
fn the_mock_exam_size_is_what_the_pool_can_give() {
    assert_eq!(mock_exam_size(&pool(10), 65), 65);
    let small = pool(1);
    assert_eq!(mock_exam_size(&small, 65), small.questions.len());
    assert_eq!(exam(&small, 1).len(), small.questions.len());
}

/// Every place in a JSON value (as a path of keys and indices).
fn paths(value: &Value, here: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let mut next = here.clone();
                next.push(json!(k));
                paths(v, next, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut next = here.clone();
                next.push(json!(i));
                paths(v, next, out);
            }
        }
        _ => {}
    }
}

fn at_mut<'v>(value: &'v mut Value, path: &[Value]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, seg| match seg {
        Value::String(k) => v.get_mut(k.as_str()),
        Value::Number(n) => v.get_mut(usize::try_from(n.as_u64()?).ok()?),
        _ => None,
    })
}

/// Numbers that break things: edges of every integer type and just past the end of small lists.
const NUMBERS: [u64; 10] = [0, 1, 2, 3, 4, 5, 99, u32::MAX as u64, u64::MAX, 7];

/// Answers of every shape, some out of range.
fn responses() -> Vec<Value> {
    vec![
        json!(null),
        json!({"type": "single", "value": 9}),
        json!({"type": "multiple", "value": []}),
        json!({"type": "multiple", "value": [0, 1, 2, 3]}),
        json!({"type": "ordering", "value": [0, 1, 2]}),
        json!({"type": "ordering", "value": [0, 0, 1, 2]}),
        json!({"type": "matching", "value": [null, 7, 0]}),
        json!({"type": "matching", "value": [1, 0]}),
        json!("not a value"),
    ]
}

/// A change of one value that mostly keeps its type, so the result still parses
/// and reaches the checks: another number, a shorter, longer or reordered list,
/// a flipped flag, another answer.
fn change(target: &mut Value, what: usize) {
    match target {
        Value::Number(_) => *target = json!(NUMBERS[what % NUMBERS.len()]),
        Value::Bool(b) => *b = !*b,
        Value::String(s) => *s = ["", "MLA-C01", "exam", "study", "example-single"][what % 5].to_string(),
        Value::Array(items) => match what % 4 {
            0 => {
                items.pop();
            }
            1 => {
                if let Some(first) = items.first().cloned() {
                    items.push(first);
                }
            }
            2 => items.reverse(),
            _ => items.push(json!(NUMBERS[what / 4 % NUMBERS.len()])),
        },
        Value::Null | Value::Object(_) => {
            let all = responses();
            *target = all[what % all.len()].clone();
        }
    }
}

/// Applies random changes to places of a saved session.
pub(crate) fn mutate(state: &Value, choices: &[(usize, usize)]) -> Value {
    let mut value = state.clone();
    for &(place, what) in choices {
        let mut all = Vec::new();
        paths(&value, Vec::new(), &mut all);
        let path = all[place % all.len()].clone();
        if let Some(target) = at_mut(&mut value, &path) {
            change(target, what);
        }
    }
    value
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_damaged_save_is_refused_or_usable_never_a_panic(
        choices in proptest::collection::vec((any::<usize>(), any::<usize>()), 1..4),
    ) {
        let pool = pool(4);
        let saved = serde_json::to_value(saved_exam(&pool)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mutated = mutate(&saved, &choices);
        let Ok(state) = serde_json::from_value::<SessionState>(mutated) else { return Ok(()) };
        let Ok(mut session) = Session::restore(&pool, state) else { return Ok(()) };
        for i in 0..session.len() {
            session.go_to(i);
            let (question, item) = session.current();
            prop_assert!(item.response.as_ref().is_none_or(|r| session::response_fits(question, r)));
        }
        let results = Results::of(&session);
        prop_assert!(results.summary.answered <= session.len());
        session.spend(Duration::from_secs(1));
    }
}
