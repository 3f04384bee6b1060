//! Choosing the questions of a session: filtered study sets and mock exams
//! drawn to the blueprint's domain weights, with case studies kept whole.

use crate::bank::{Blueprint, Difficulty, Pool, Question, QuestionType};
use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Which questions a study session draws from. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyFilter {
    pub domain: Option<u8>,
    pub task: Option<String>,
    /// A service tag; `sagemaker` also matches every `sagemaker-*` capability.
    pub service: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<QuestionType>,
    pub difficulty: Option<Difficulty>,
    /// Only these questions (a focus set such as "missed last time"), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only: Option<BTreeSet<String>>,
}

impl StudyFilter {
    pub fn matches(&self, q: &Question) -> bool {
        self.only.as_ref().is_none_or(|ids| ids.contains(&q.id))
            && self.domain.is_none_or(|d| q.domain == d)
            && self.task.as_ref().is_none_or(|t| &q.task == t)
            && self.service.as_deref().is_none_or(|s| q.service_rollup().contains(s))
            && self.kind.is_none_or(|k| q.question_type() == k)
            && self.difficulty.is_none_or(|d| q.difficulty == Some(d))
    }
}

/// How many questions of a mock exam come from each domain: the blueprint's
/// weights applied to `total`, rounded by largest remainder so they add up.
pub fn domain_quotas(blueprint: &Blueprint, total: usize) -> BTreeMap<u8, usize> {
    let weight_sum: usize = blueprint.domains.iter().map(|d| d.weight as usize).sum::<usize>().max(1);
    let mut quotas: Vec<(u8, usize, usize)> = blueprint
        .domains
        .iter()
        .map(|d| {
            let exact = total * d.weight as usize;
            (d.id, exact / weight_sum, exact % weight_sum)
        })
        .collect();
    let assigned: usize = quotas.iter().map(|q| q.1).sum();
    let mut by_remainder: Vec<usize> = (0..quotas.len()).collect();
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(quotas[i].2));
    for &i in by_remainder.iter().take(total.saturating_sub(assigned)) {
        quotas[i].1 += 1;
    }
    quotas.into_iter().map(|(id, n, _)| (id, n)).collect()
}

/// Questions that must stay together: a case study's questions, or one question.
fn units<'p>(questions: impl Iterator<Item = &'p Question>) -> Vec<Vec<&'p Question>> {
    let mut units: Vec<Vec<&Question>> = Vec::new();
    let mut case_index: BTreeMap<&str, usize> = BTreeMap::new();
    for q in questions {
        match q.case_study.as_deref() {
            Some(cs) => match case_index.get(cs) {
                Some(&i) => units[i].push(q),
                None => {
                    case_index.insert(cs, units.len());
                    units.push(vec![q]);
                }
            },
            None => units.push(vec![q]),
        }
    }
    units
}

/// Takes whole units, in the given order, while they fit the per-domain quotas.
fn fill(units: Vec<Vec<&Question>>, mut room: BTreeMap<u8, usize>) -> Vec<&Question> {
    let mut chosen = Vec::new();
    for unit in units {
        let mut need: BTreeMap<u8, usize> = BTreeMap::new();
        for q in &unit {
            *need.entry(q.domain).or_default() += 1;
        }
        if need.iter().all(|(d, n)| room.get(d).is_some_and(|r| r >= n)) {
            for (d, n) in need {
                if let Some(r) = room.get_mut(&d) {
                    *r -= n;
                }
            }
            chosen.extend(unit);
        }
    }
    chosen
}

/// A study set: up to `count` matching questions in random order, case studies together.
pub fn draw_study<'p>(pool: &'p Pool, filter: &StudyFilter, count: usize, rng: &mut impl Rng) -> Vec<&'p Question> {
    let mut units = units(pool.questions.iter().filter(|q| filter.matches(q)));
    units.shuffle(rng);
    let mut chosen = Vec::new();
    for unit in units {
        if chosen.len() + unit.len() <= count {
            chosen.extend(unit);
        }
    }
    chosen
}

/// A mock exam of `total` questions drawn to the blueprint's domain weights.
/// Returns fewer when the pool lacks questions in some domain.
pub fn draw_mock_exam<'p>(pool: &'p Pool, total: usize, rng: &mut impl Rng) -> Vec<&'p Question> {
    let mut units = units(pool.questions.iter());
    units.shuffle(rng);
    fill(units, domain_quotas(&pool.blueprint, total))
}
