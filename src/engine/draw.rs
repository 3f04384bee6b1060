//! Choosing the questions of a session: filtered study sets and mock exams
//! drawn to the blueprint's domain weights, with case studies kept whole.

use crate::bank::{Blueprint, Difficulty, Pool, Question, QuestionType};
use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    /// Only these questions, asked in this order (due reviews, most overdue
    /// first; a weakest-area drill), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranked: Option<Vec<String>>,
    /// Why these questions, for the session's header ("weakest: 3.2 at 41%, …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl StudyFilter {
    pub fn matches(&self, q: &Question) -> bool {
        self.only.as_ref().is_none_or(|ids| ids.contains(q.id))
            && self.ranked.as_ref().is_none_or(|ids| ids.iter().any(|id| id == q.id))
            && self.domain.is_none_or(|d| q.domain == d)
            && self.task.as_ref().is_none_or(|t| q.task == t)
            && self.service.as_deref().is_none_or(|s| q.service_rollup().contains(s))
            && self.kind.is_none_or(|k| q.question_type() == k)
            && self.difficulty.is_none_or(|d| q.difficulty == Some(d))
    }
}

/// How many questions of a mock exam come from each domain: the blueprint's
/// weights applied to `total`, rounded by largest remainder so they add up.
/// Sizes beyond [`crate::engine::MAX_QUESTIONS`] are drawn as that many.
pub fn domain_quotas(blueprint: &Blueprint, total: usize) -> BTreeMap<u8, usize> {
    let total = total.min(super::MAX_QUESTIONS);
    let weight = |d: &crate::bank::Domain| usize::try_from(d.weight).unwrap_or(usize::MAX);
    let weight_sum: usize = blueprint.domains.iter().map(weight).fold(0, usize::saturating_add).max(1);
    let mut quotas: Vec<(u8, usize, usize)> = blueprint
        .domains
        .iter()
        .map(|d| {
            let exact = total.saturating_mul(weight(d));
            (d.id, exact / weight_sum, exact % weight_sum)
        })
        .collect();
    let assigned: usize = quotas.iter().map(|q| q.1).fold(0, usize::saturating_add);
    let mut by_remainder: Vec<usize> = (0..quotas.len()).collect();
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(quotas[i].2));
    for &i in by_remainder.iter().take(total.saturating_sub(assigned)) {
        quotas[i].1 = quotas[i].1.saturating_add(1);
    }
    quotas.into_iter().map(|(id, n, _)| (id, n)).collect()
}

/// How many questions a mock exam of `total` has with this pool: each
/// domain's quota, or fewer where the pool has fewer questions of it.
pub fn mock_exam_size(pool: &Pool, total: usize) -> usize {
    domain_quotas(&pool.blueprint, total)
        .into_iter()
        .map(|(domain, quota)| quota.min(pool.questions.iter().filter(|q| q.domain == domain).count()))
        .sum()
}

/// Questions that must stay together: a case study's questions, or one question.
fn units<'p>(questions: impl Iterator<Item = &'p Question>) -> Vec<Vec<&'p Question>> {
    let mut units: Vec<Vec<&Question>> = Vec::new();
    let mut case_index: BTreeMap<&str, usize> = BTreeMap::new();
    for q in questions {
        match q.case_study {
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

/// A study set: up to `count` matching questions, case studies together, in
/// random order — or in the filter's ranked order when it has one.
pub fn draw_study<'p>(pool: &'p Pool, filter: &StudyFilter, count: usize, rng: &mut impl Rng) -> Vec<&'p Question> {
    let mut units = units(pool.questions.iter().filter(|q| filter.matches(q)));
    match &filter.ranked {
        Some(ranked) => {
            let rank: HashMap<&str, usize> = ranked.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
            units.sort_by_key(|unit| unit.iter().filter_map(|q| rank.get(q.id)).min().copied());
        }
        None => units.shuffle(rng),
    }
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
