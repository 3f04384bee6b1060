//! The weakest areas (task statements and AWS services) and a drill drawn from them.
//!
//! An area is weak when the learner does worse there than overall. Its
//! priority is its weight in the exam times its shortfall:
//! `weight × (1 − estimate)`, the share of the exam's marks the learner can
//! expect to lose there. The estimate is the area's accuracy shrunk toward the
//! learner's overall accuracy by [`WeakConfig::prior_answers`] pseudo-answers,
//! so one wrong answer out of one does not dominate. (Without the first rule,
//! a service tagged on most questions, such as S3, would rank high for any
//! learner below 100 %, though drilling it is no drill at all.)
//!
//! Weights: a task statement gets its domain's weight shared equally among the
//! domain's tasks. The exam publishes no weights for services, so a service
//! gets its share of the pool's service tags (questions tagged with it over
//! all tags of all questions): like the tasks' weights, they add up to 1, and
//! a service the pool asks about often matters more.

use super::Answer;
use super::schedule::MemoryState;
use crate::bank::{Blueprint, Question};
use jiff::Timestamp;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A part of the exam the learner can be weak in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    /// A task statement id, e.g. "3.2".
    Task(String),
    /// A service tag, e.g. "glue" (display names are in the bank's `services` map).
    Service(String),
}

impl Area {
    /// Whether a question belongs to this area.
    pub fn contains(&self, question: &Question) -> bool {
        match self {
            Area::Task(t) => question.task == t,
            Area::Service(s) => question.services.contains(&s.as_str()),
        }
    }
}

/// One area with the learner's record in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeakArea {
    pub area: Area,
    pub correct: usize,
    pub answers: usize,
    /// `correct / answers`, 0–1: what a header shows.
    pub accuracy: f64,
    /// The accuracy shrunk toward the overall accuracy, 0–1: what the ranking uses.
    pub estimate: f64,
    /// The area's share of the exam, 0–1.
    pub weight: f64,
    /// `weight × (1 − estimate)`.
    pub priority: f64,
}

/// The knobs of [`weakest`].
#[derive(Debug, Clone, PartialEq)]
pub struct WeakConfig {
    /// How many areas to pick.
    pub areas: usize,
    /// Answers an area needs before it can be picked.
    pub min_answers: usize,
    /// Pseudo-answers at the overall accuracy added to each area.
    pub prior_answers: f64,
}

impl Default for WeakConfig {
    fn default() -> Self {
        WeakConfig { areas: 3, min_answers: 3, prior_answers: 5.0 }
    }
}

/// The weak areas (estimate below the overall accuracy) with the highest
/// priority, highest first (ties by area). `questions` is the pool, for the
/// services' weights.
pub fn weakest(
    answers: &[Answer],
    blueprint: &Blueprint,
    questions: &[&Question],
    config: &WeakConfig,
) -> Vec<WeakArea> {
    let mut weights: BTreeMap<Area, f64> = BTreeMap::new();
    for d in &blueprint.domains {
        let share = f64::from(d.weight) / 100.0 / d.tasks.len().max(1) as f64;
        for t in &d.tasks {
            weights.insert(Area::Task(t.id.clone()), share);
        }
    }
    let tags: usize = questions.iter().map(|q| q.services.len()).sum();
    for q in questions {
        for s in q.services {
            *weights.entry(Area::Service(s.to_string())).or_default() += 1.0 / tags as f64;
        }
    }
    let mut record: BTreeMap<Area, (usize, usize)> = BTreeMap::new();
    for a in answers {
        let areas = std::iter::once(Area::Task(a.task.clone())).chain(a.services.iter().cloned().map(Area::Service));
        for area in areas {
            let r = record.entry(area).or_default();
            r.0 += usize::from(a.correct);
            r.1 += 1;
        }
    }
    let right = answers.iter().filter(|a| a.correct).count();
    let overall = (right as f64 + 1.0) / (answers.len() as f64 + 2.0);
    let k = config.prior_answers;
    let mut areas: Vec<WeakArea> = record
        .into_iter()
        .filter(|(_, (_, n))| *n >= config.min_answers.max(1))
        .filter_map(|(area, (correct, n))| {
            let weight = weights.get(&area).copied()?;
            let estimate = (correct as f64 + k * overall) / (n as f64 + k);
            if estimate >= overall {
                return None;
            }
            Some(WeakArea {
                area,
                correct,
                answers: n,
                accuracy: correct as f64 / n as f64,
                estimate,
                weight,
                priority: weight * (1.0 - estimate),
            })
        })
        .collect();
    areas.sort_by(|a, b| b.priority.total_cmp(&a.priority).then_with(|| a.area.cmp(&b.area)));
    areas.truncate(config.areas);
    areas
}

/// Up to `count` question ids from the given areas. Areas take turns in
/// proportion to their priority (largest quotient first, as seats are shared
/// among parties); within an area, questions never answered or due at `now`
/// come first in a seeded random order, then the rest, least likely to be
/// recalled first. A question in two areas is drawn once.
pub fn drill(
    questions: &[&Question],
    areas: &[WeakArea],
    states: &BTreeMap<String, MemoryState>,
    now: Timestamp,
    count: usize,
    seed: u64,
) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut queues: Vec<std::vec::IntoIter<&Question>> = areas
        .iter()
        .map(|area| {
            let (mut fresh, mut seen): (Vec<&Question>, Vec<&Question>) = questions
                .iter()
                .copied()
                .filter(|q| area.area.contains(q))
                .partition(|q| states.get(q.id).is_none_or(|s| s.due <= now));
            fresh.shuffle(&mut rng);
            let recall = |q: &Question| states.get(q.id).map_or(0.0, |s| s.retrievability(now));
            seen.sort_by(|a, b| recall(a).total_cmp(&recall(b)).then_with(|| a.id.cmp(b.id)));
            fresh.extend(seen);
            fresh.into_iter()
        })
        .collect();
    let mut taken = vec![0usize; areas.len()];
    let mut open: Vec<bool> = vec![true; areas.len()];
    let mut chosen: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    while chosen.len() < count {
        let next = (0..areas.len())
            .filter(|&i| open[i])
            .max_by(|&a, &b| quotient(&areas[a], taken[a]).total_cmp(&quotient(&areas[b], taken[b])).then(b.cmp(&a)));
        let Some(i) = next else { break };
        match queues[i].find(|q| !seen.contains(q.id)) {
            Some(q) => {
                seen.insert(q.id.to_string());
                chosen.push(q.id.to_string());
                taken[i] += 1;
            }
            None => open[i] = false,
        }
    }
    chosen
}

/// An area's claim to the next question after it has had `taken`.
fn quotient(area: &WeakArea, taken: usize) -> f64 {
    area.priority / (taken + 1) as f64
}
