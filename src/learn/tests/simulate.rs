//! Simulated learners with a known chance of getting each task's questions right.

use super::{answer, at_hours, question};
use crate::bank::{Blueprint, Question};
use crate::engine::{Tally, domain_quotas, estimate_scaled};
use crate::learn::Answer;
use jiff::Timestamp;
use rand::Rng;
use std::collections::BTreeMap;

/// A pool of `per_task` questions for every task of the blueprint.
pub fn pool(blueprint: &Blueprint, per_task: usize) -> Vec<Question> {
    blueprint
        .domains
        .iter()
        .flat_map(|d| &d.tasks)
        .flat_map(|t| (0..per_task).map(move |i| question(&format!("{}-{i:03}", t.id), &t.id, &[])))
        .collect()
}

/// A learner: for each task, the chance of answering one of its questions right.
#[derive(Debug, Clone)]
pub struct Learner {
    pub accuracy: BTreeMap<String, f64>,
}

impl Learner {
    /// `base` accuracy on every task, moved by up to ±`spread` per task.
    pub fn new(blueprint: &Blueprint, base: f64, spread: f64, rng: &mut impl Rng) -> Learner {
        let accuracy = blueprint
            .domains
            .iter()
            .flat_map(|d| &d.tasks)
            .map(|t| {
                let shift = if spread > 0.0 { rng.random_range(-spread..=spread) } else { 0.0 };
                (t.id.clone(), (base + shift).clamp(0.02, 0.98))
            })
            .collect();
        Learner { accuracy }
    }

    fn answers_right(&self, task: &str, rng: &mut impl Rng) -> bool {
        rng.random_bool(self.accuracy.get(task).copied().unwrap_or(0.5))
    }

    /// One study session a day for `days` days, each of `per_day` random
    /// questions of the pool, starting at `first_day` days after `t0`.
    /// Returns the answers and the end of the last session.
    pub fn study(
        &self,
        pool: &[Question],
        first_day: usize,
        days: usize,
        per_day: usize,
        rng: &mut impl Rng,
    ) -> (Vec<Answer>, Timestamp) {
        let mut log = Vec::with_capacity(days * per_day);
        let mut end = at_hours(first_day as f64 * 24.0);
        for day in first_day..first_day + days {
            for i in 0..per_day {
                let q = &pool[rng.random_range(0..pool.len())];
                end = at_hours(day as f64 * 24.0 + 19.0 + i as f64 / 60.0);
                let correct = self.answers_right(q.task, rng);
                log.push(answer(q, correct, !correct && rng.random_bool(0.1), end));
            }
        }
        (log, end)
    }

    /// Sits an exam of `scored` questions drawn to the blueprint (tasks of a
    /// domain equally likely), as the real exam would be: did it pass?
    pub fn sit_exam(&self, blueprint: &Blueprint, scored: usize, rng: &mut impl Rng) -> bool {
        let mut tally = Tally { correct: 0, total: 0 };
        for (domain, quota) in domain_quotas(blueprint, scored) {
            let Some(d) = blueprint.domain(domain) else { continue };
            for _ in 0..quota {
                let task = &d.tasks[rng.random_range(0..d.tasks.len())];
                tally.add(self.answers_right(&task.id, rng));
            }
        }
        estimate_scaled(tally, blueprint.scale) >= blueprint.scale.pass
    }
}
