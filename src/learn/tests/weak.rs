//! The weakest areas from a fixture history, and the drill drawn from them.

use super::{answer, at_days, blueprint, question};
use crate::bank::Question;
use crate::learn::Answer;
use crate::learn::schedule::Scheduler;
use crate::learn::weak::{Area, WeakConfig, drill, weakest};
use std::collections::BTreeSet;

/// Four questions per task; tasks of domain 1 are tagged glue, 3.2's are
/// sagemaker-pipelines, every question is also tagged s3.
fn pool() -> Vec<Question> {
    let bp = blueprint();
    bp.domains
        .iter()
        .flat_map(|d| &d.tasks)
        .flat_map(|t| {
            let service = match t.id.as_str() {
                "1.1" | "1.2" | "1.3" => "glue",
                "3.2" => "sagemaker-pipelines",
                _ => "cloudwatch",
            };
            (0..4).map(move |i| question(&format!("{}-{i}", t.id), &t.id, &[service, "s3"]))
        })
        .collect()
}

/// Right on everything twice, except: 3.2 wrong all five times (3.2-3 never
/// seen), glue (1.x) wrong a third of the time, and one wrong answer to 4.3 (one of one).
fn history(pool: &[Question]) -> Vec<Answer> {
    let mut log = Vec::new();
    for (i, q) in pool.iter().enumerate() {
        let day = at_days(i as f64 / 10.0);
        match q.task {
            "3.2" if q.id.ends_with("-0") => log.push(answer(q, false, false, day)),
            "3.2" if q.id.ends_with("-1") || q.id.ends_with("-2") => {
                log.push(answer(q, false, false, day));
                log.push(answer(q, false, false, at_days(i as f64 / 10.0 + 2.0)));
            }
            "3.2" => {}
            "1.1" | "1.2" | "1.3" => log.push(answer(q, i % 3 != 0, false, day)),
            "4.3" if q.id.ends_with("-0") => log.push(answer(q, false, false, day)),
            "4.3" => {}
            _ => {
                log.push(answer(q, true, false, day));
                log.push(answer(q, true, false, at_days(i as f64 / 10.0 + 3.0)));
            }
        }
    }
    log
}

/// The pool and the history.
fn fixture() -> (Vec<Question>, Vec<Answer>) {
    let pool = pool();
    let log = history(&pool);
    (pool, log)
}

#[test]
fn the_weakest_areas_are_picked_by_weight_times_shortfall() {
    let (pool, log) = fixture();
    let refs: Vec<&Question> = pool.iter().collect();
    let areas = weakest(&log, &blueprint(), &refs, &WeakConfig::default());
    let picked: Vec<&Area> = areas.iter().map(|a| &a.area).collect();
    assert_eq!(picked[0], &Area::Task("3.2".into()), "{areas:#?}");
    assert!(picked.contains(&&Area::Service("glue".into())), "{areas:#?}");
    assert!(!picked.contains(&&Area::Task("4.3".into())), "one answer is too little to pick an area");
    let task = &areas[0];
    assert_eq!((task.correct, task.answers), (0, 5));
    assert_eq!(task.accuracy, 0.0);
    assert!(task.estimate > task.accuracy, "shrunk toward the overall accuracy");
    assert!(areas.windows(2).all(|w| w[0].priority >= w[1].priority));

    assert!(!picked.contains(&&Area::Service("s3".into())), "on every question, so no weaker than overall");

    // With no minimum, one wrong of one still does not outrank five wrong of five.
    let config = WeakConfig { min_answers: 1, areas: 12, ..WeakConfig::default() };
    let all = weakest(&log, &blueprint(), &refs, &config);
    let rank = |a: Area| all.iter().position(|w| w.area == a);
    assert!(rank(Area::Task("3.2".into())) < rank(Area::Task("4.3".into())), "{all:#?}");
}

#[test]
fn services_weigh_by_their_share_of_the_pools_tags() {
    let (pool, log) = fixture();
    let refs: Vec<&Question> = pool.iter().collect();
    let config = WeakConfig { min_answers: 1, areas: 100, ..WeakConfig::default() };
    let all = weakest(&log, &blueprint(), &refs, &config);
    let weight =
        |a: Area| all.iter().find(|w| w.area == a).map(|w| w.weight).unwrap_or_else(|| panic!("{a:?} not listed"));
    // 96 tags: s3 on all 48 questions, glue on 12, sagemaker-pipelines on 4.
    assert!((weight(Area::Service("glue".into())) - 12.0 / 96.0).abs() < 1e-9);
    assert!((weight(Area::Service("sagemaker-pipelines".into())) - 4.0 / 96.0).abs() < 1e-9);
    // A task: its domain's weight shared among three tasks.
    assert!((weight(Area::Task("3.2".into())) - 0.22 / 3.0).abs() < 1e-9);
}

#[test]
fn the_drill_draws_from_the_weak_areas_unseen_and_due_first() {
    let (pool, log) = fixture();
    let refs: Vec<&Question> = pool.iter().collect();
    let areas = weakest(&log, &blueprint(), &refs, &WeakConfig::default());
    let states = Scheduler::default().replay(&log);
    // Just after the history: some questions are due, some not, 3.2-3 never seen.
    let soon = at_days(5.0);
    let ids = drill(&refs, &areas, &states, soon, 10, 7);
    assert_eq!(ids.len(), 10);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 10, "no question twice");
    let in_areas = |id: &String| {
        let q = pool.iter().find(|q| q.id == id).unwrap_or_else(|| panic!("{id} not in the pool"));
        areas.iter().any(|a| a.area.contains(q))
    };
    assert!(ids.iter().all(in_areas), "{ids:?}");
    assert!(ids.iter().any(|id| id.starts_with("3.2")), "the weakest area gets questions: {ids:?}");
    // Within 3.2, the unseen question (3.2-3) and those due come before the rest.
    let from_32: Vec<&String> = ids.iter().filter(|id| id.starts_with("3.2")).collect();
    let fresh = |id: &String| states.get(id).is_none_or(|s| s.due <= soon);
    let first_stale = from_32.iter().position(|id| !fresh(id)).unwrap_or(from_32.len());
    assert!(from_32[..first_stale].iter().all(|id| fresh(id)) && from_32[first_stale..].iter().all(|id| !fresh(id)));
    assert!(from_32[..first_stale].contains(&&"3.2-3".to_string()), "the unseen one is among the first: {from_32:?}");
    assert!(first_stale < from_32.len(), "the drill reaches questions that are not due: {from_32:?}");

    // Deterministic for a seed.
    assert_eq!(drill(&refs, &areas, &states, soon, 10, 7), ids);
    // Never more than there is.
    assert!(drill(&refs, &areas, &states, soon, 1000, 7).len() < pool.len());
}
