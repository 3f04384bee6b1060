//! Tests of the engine: grading of every type, drawing, sessions and results.

use super::fixtures::{T0, pool, question};
use super::*;
use crate::bank::{Pool, QuestionType};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

#[test]
fn single_choice_is_right_only_for_the_key() {
    let q = question("s", 1, "1.1", 0);
    assert!(is_correct(&q, &Response::Single(2)));
    assert!(!is_correct(&q, &Response::Single(1)));
    assert!(!is_correct(&q, &Response::Multiple(BTreeSet::from([2]))));
}

#[test]
fn multiple_response_is_all_or_nothing() {
    let q = question("m", 1, "1.1", 1);
    assert!(is_correct(&q, &Response::Multiple(BTreeSet::from([0, 3]))));
    assert!(!is_correct(&q, &Response::Multiple(BTreeSet::from([0]))));
    assert!(!is_correct(&q, &Response::Multiple(BTreeSet::from([0, 3, 4]))));
}

#[test]
fn ordering_must_be_exact() {
    let q = question("o", 1, "1.1", 2);
    assert!(is_correct(&q, &Response::Ordering(vec![0, 1, 2, 3])));
    assert!(!is_correct(&q, &Response::Ordering(vec![0, 1, 3, 2])));
    assert!(!is_correct(&q, &Response::Ordering(vec![0, 1, 2])));
}

#[test]
fn matching_needs_every_pair() {
    let q = question("x", 1, "1.1", 3);
    assert!(is_correct(&q, &Response::Matching(vec![Some(1), Some(0), Some(1)])));
    assert!(!is_correct(&q, &Response::Matching(vec![Some(1), Some(0), Some(2)])));
    assert!(!is_correct(&q, &Response::Matching(vec![Some(1), Some(0), None])));
}

#[test]
fn the_correct_response_grades_right_for_every_type() {
    for kind in 0..4 {
        let q = question("q", 1, "1.1", kind);
        assert!(is_correct(&q, &correct_response(&q)), "type {kind}");
    }
}

#[test]
fn quotas_follow_the_mla_c01_weights() {
    let quotas = domain_quotas(&super::fixtures::blueprint(), 65);
    assert_eq!(quotas, BTreeMap::from([(1, 18), (2, 17), (3, 14), (4, 16)]));
    let quotas = domain_quotas(&super::fixtures::blueprint(), 10);
    assert_eq!(quotas.values().sum::<usize>(), 10);
}

fn exam(pool: &Pool, seed: u64) -> Session {
    let settings = Settings::mock_exam(&pool.blueprint, false, seed);
    Session::new(pool, settings).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn mock_exam_draws_65_questions_to_the_blueprint() {
    let pool = pool(10);
    let session = exam(&pool, 7);
    assert_eq!(session.len(), 65);
    let mut per_domain: BTreeMap<u8, usize> = BTreeMap::new();
    for (q, _) in session.questions() {
        *per_domain.entry(q.domain).or_default() += 1;
    }
    assert_eq!(per_domain, BTreeMap::from([(1, 18), (2, 17), (3, 14), (4, 16)]));
    assert_eq!(session.time_left(), Some(Duration::from_secs(130 * 60)));
}

#[test]
fn accommodation_adds_thirty_minutes() {
    let pool = pool(10);
    let settings = Settings::mock_exam(&pool.blueprint, true, 1);
    assert_eq!(settings.minutes, Some(160));
}

#[test]
fn the_same_seed_draws_the_same_session() {
    let pool = pool(10);
    assert_eq!(exam(&pool, 42).state(), exam(&pool, 42).state());
    assert_ne!(exam(&pool, 42).state(), exam(&pool, 43).state());
}

#[test]
fn study_filters_by_domain_task_service_and_type() {
    let pool = pool(8);
    let filter = StudyFilter { task: Some("2.3".into()), ..StudyFilter::default() };
    let session = Session::new(&pool, Settings::study(filter, 5, 1)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(session.len(), 5);
    assert!(session.questions().all(|(q, _)| q.task == "2.3"));

    let filter = StudyFilter { service: Some("sagemaker".into()), domain: Some(4), ..StudyFilter::default() };
    let session = Session::new(&pool, Settings::study(filter, 100, 1)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(session.len(), 12, "sagemaker-* tags roll up under sagemaker");

    let filter = StudyFilter { kind: Some(crate::bank::QuestionType::Ordering), ..StudyFilter::default() };
    let session = Session::new(&pool, Settings::study(filter, 100, 1)).unwrap_or_else(|e| panic!("{e}"));
    assert!(session.questions().all(|(q, _)| q.question_type() == crate::bank::QuestionType::Ordering));
}

#[test]
fn a_filter_matching_nothing_is_an_error() {
    let pool = pool(2);
    let filter = StudyFilter { service: Some("bedrock".into()), ..StudyFilter::default() };
    assert_eq!(Session::new(&pool, Settings::study(filter, 5, 1)).err(), Some(SessionError::NoQuestions));
}

#[test]
fn study_answers_lock_after_submission() {
    let pool = pool(2);
    let filter = StudyFilter { task: Some("1.1".into()), ..StudyFilter::default() };
    let mut session = Session::new(&pool, Settings::study(filter, 2, 3)).unwrap_or_else(|e| panic!("{e}"));
    let right = correct_response(session.current().0);
    assert_eq!(session.respond(right.clone(), T0), Ok(()));
    assert_eq!(session.submit(T0), Ok(true));
    assert_eq!(session.respond(right, T0), Err(SessionError::AlreadySubmitted));
}

#[test]
fn responses_that_do_not_fit_are_refused() {
    let pool = pool(2);
    let mut session = exam(&pool, 5);
    let q = *session.current().0;
    let wrong_shape = match q.question_type() {
        crate::bank::QuestionType::Single => Response::Ordering(vec![0]),
        _ => Response::Single(0),
    };
    assert_eq!(session.respond(wrong_shape, T0), Err(SessionError::InvalidResponse));
    assert!(session.respond(Response::Single(99), T0).is_err());
}

#[test]
fn the_clock_finishes_an_exam_at_zero() {
    let pool = pool(10);
    let mut session = exam(&pool, 1);
    session.spend(Duration::from_secs(129 * 60));
    assert!(!session.is_finished());
    assert_eq!(session.time_left(), Some(Duration::from_secs(60)));
    session.spend(Duration::from_secs(61));
    assert!(session.is_finished());
    assert_eq!(session.time_left(), Some(Duration::ZERO));
}

#[test]
fn results_grade_and_break_down_by_domain_task_and_service() {
    let pool = pool(10);
    let mut session = exam(&pool, 9);
    // Answer the first 44 right and leave the rest blank: 44/65 maps to 709, below 720.
    for i in 0..44 {
        session.go_to(i);
        let right = correct_response(session.current().0);
        assert_eq!(session.respond(right, T0), Ok(()));
        session.spend(Duration::from_secs(2));
    }
    session.go_to(0);
    session.toggle_flag();
    let results = Results::of(&session);
    assert_eq!(results.summary.raw, Tally { correct: 44, total: 65 });
    assert_eq!(results.summary.answered, 44);
    assert_eq!(results.summary.scaled_estimate, 709);
    assert!(!results.summary.passed);
    let domain_total: usize = results.summary.by_domain.values().map(|t| t.total).sum();
    assert_eq!(domain_total, 65);
    let task_correct: usize = results.summary.by_task.values().map(|t| t.correct).sum();
    assert_eq!(task_correct, 44);
    let sagemaker = results.summary.by_service.get("sagemaker").copied().unwrap_or_default();
    let clarify = results.summary.by_service.get("sagemaker-clarify").copied().unwrap_or_default();
    assert_eq!(sagemaker, clarify);
    assert!(results.questions[0].flagged);
    assert_eq!(results.summary.seconds, 88);
}

#[test]
fn a_study_session_counts_only_submitted_answers() {
    let pool = pool(4);
    let mut session =
        Session::new(&pool, Settings::study(StudyFilter::default(), 6, 2)).unwrap_or_else(|e| panic!("{e}"));
    let right = correct_response(session.current().0);
    assert_eq!(session.respond(right, T0), Ok(()));
    assert_eq!(session.submit(T0), Ok(true));
    session.go_next();
    let right = correct_response(session.current().0);
    assert_eq!(session.respond(right, T0), Ok(()), "answered but never submitted: not counted");
    let results = Results::of(&session);
    assert_eq!(results.summary.raw, Tally { correct: 1, total: 1 });
    assert_eq!(results.questions.len(), 1);
}

#[test]
fn scaled_estimate_is_linear_on_the_scale() {
    let scale = crate::bank::ScoreScale { min: 100, max: 1000, pass: 720 };
    assert_eq!(estimate_scaled(Tally { correct: 0, total: 65 }, scale), 100);
    assert_eq!(estimate_scaled(Tally { correct: 65, total: 65 }, scale), 1000);
    assert_eq!(estimate_scaled(Tally { correct: 45, total: 65 }, scale), 723);
    assert_eq!(estimate_scaled(Tally { correct: 44, total: 65 }, scale), 709);
}

#[test]
fn a_saved_session_restores_with_its_answers() {
    let pool = pool(10);
    let mut session = exam(&pool, 11);
    let right = correct_response(session.current().0);
    assert_eq!(session.respond(right, T0), Ok(()));
    session.toggle_flag();
    session.go_next();
    session.spend(Duration::from_secs(300));
    let saved = serde_json::to_string(session.state()).unwrap_or_default();
    let state: SessionState = serde_json::from_str(&saved).unwrap_or_else(|e| panic!("{e}"));
    let restored = Session::restore(&pool, state).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(restored.state(), session.state());
    assert_eq!(restored.time_left(), Some(Duration::from_secs(125 * 60)));
}

#[test]
fn a_saved_session_with_missing_questions_is_refused() {
    let pool_a = pool(10);
    let session = exam(&pool_a, 11);
    let mut pool_b = pool(10);
    pool_b.questions =
        pool_b.questions.iter().filter(|q| q.id != session.current().0.id).copied().collect::<Vec<_>>().leak();
    let result = Session::restore(&pool_b, session.state().clone());
    assert!(matches!(result, Err(SessionError::MissingQuestions(_))));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_mock_exam_keeps_case_studies_together_and_meets_quotas(seed in any::<u64>(), per_task in 6usize..12) {
        let pool = pool(per_task);
        let session = exam(&pool, seed);
        prop_assert_eq!(session.len(), 65);
        let positions: Vec<usize> = session
            .questions()
            .enumerate()
            .filter(|(_, (q, _))| q.case_study.is_some())
            .map(|(i, _)| i)
            .collect();
        if !positions.is_empty() {
            prop_assert_eq!(positions.len(), 3);
            prop_assert_eq!(positions[2] - positions[0], 2);
        }
        let ids: BTreeSet<&str> = session.questions().map(|(q, _)| q.id).collect();
        prop_assert_eq!(ids.len(), 65, "no question twice");
        for (q, item) in session.questions() {
            let mut order = item.order.clone();
            order.sort_unstable();
            prop_assert_eq!(order, (0..q.options.len()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn study_sessions_never_exceed_the_count(seed in any::<u64>(), count in 1usize..40) {
        let pool = pool(3);
        let session = Session::new(&pool, Settings::study(StudyFilter::default(), count, seed));
        let session = session.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(session.len() <= count);
        prop_assert!(session.len() >= count.saturating_sub(2), "only a case study may be left out");
    }

    #[test]
    fn random_answers_grade_as_an_independent_grader_says(seed in any::<u64>(), picks in proptest::collection::vec(0usize..6, 65)) {
        let pool = pool(8);
        let mut session = exam(&pool, seed);
        let mut expected = 0;
        for (i, pick) in picks.into_iter().enumerate() {
            session.go_to(i);
            let kind = session.current().0.question_type();
            let response = made_up_response(kind, pick);
            prop_assert_eq!(session.respond(response.clone(), T0), Ok(()));
            expected += usize::from(fixture_grader(kind, &response));
        }
        let results = Results::of(&session);
        prop_assert_eq!(results.summary.raw.correct, expected);
        // 100 + 900 × correct / 65 reaches the pass mark 720 from 45 right answers (723); 44 give 709.
        prop_assert_eq!(results.summary.passed, expected >= 45);
    }
}

/// A response of the right shape for a fixture question; pick 0 is the fixture's key, written out by hand.
fn made_up_response(kind: QuestionType, pick: usize) -> Response {
    match (kind, pick) {
        (QuestionType::Single, p) => Response::Single(if p == 0 { 2 } else { p % 4 }),
        (QuestionType::Multiple, 0) => Response::Multiple(BTreeSet::from([0, 3])),
        (QuestionType::Multiple, p) => Response::Multiple(BTreeSet::from([p % 5, (p + 2) % 5])),
        (QuestionType::Ordering, 0) => Response::Ordering(vec![0, 1, 2, 3]),
        (QuestionType::Ordering, p) => Response::Ordering(vec![p % 4, (p + 1) % 4, (p + 2) % 4, (p + 3) % 4]),
        (QuestionType::Matching, 0) => Response::Matching(vec![Some(1), Some(0), Some(1)]),
        (QuestionType::Matching, p) => Response::Matching(vec![Some(p % 3), Some(0), (p > 3).then_some(1)]),
    }
}

/// A second grader that knows the fixture's keys (see `fixtures::question`) and
/// the exam's rules, without the engine's grading code.
fn fixture_grader(kind: QuestionType, response: &Response) -> bool {
    match (kind, response) {
        (QuestionType::Single, Response::Single(i)) => *i == 2,
        (QuestionType::Multiple, Response::Multiple(set)) => set.len() == 2 && set.contains(&0) && set.contains(&3),
        (QuestionType::Ordering, Response::Ordering(order)) => order[..] == [0, 1, 2, 3],
        (QuestionType::Matching, Response::Matching(chosen)) => chosen[..] == [Some(1), Some(0), Some(1)],
        _ => false,
    }
}
