//! The pass-readiness forecast: how likely the learner is to pass the real exam today.
//!
//! Method (an estimate): each answer weighs by its age, halving every
//! [`ReadinessConfig::half_life_days`] (14 days), and a repeat of a question
//! already answered weighs half as much again (its answer may be remembered
//! rather than known). For each task statement, the chance of answering an
//! unseen question right is a Beta posterior: the learner's overall accuracy
//! counts as [`ReadinessConfig::prior_answers`] (8) pseudo-answers, plus the
//! task's weighted answers. Then many exams are simulated to the blueprint
//! (the scored questions split across domains by weight as mock exams are,
//! tasks within a domain equally likely; each exam draws every task's chance
//! from its posterior, so thin evidence widens the spread), each is mapped to
//! the scale with [`estimate_scaled`], and the forecast reports the share that
//! passes and the 10th, 50th and 90th percentiles of the scaled score.
//! Below [`ReadinessConfig::min_per_domain`] answers in some domain, there is
//! no forecast, only what is missing.

use super::sample::beta;
use super::{Answer, days_between};
use crate::bank::Blueprint;
use crate::engine::{Tally, domain_quotas, estimate_scaled};
use jiff::Timestamp;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The weight of a repeat answer to a question, relative to its first.
const REPEAT_WEIGHT: f64 = 0.5;

/// The knobs of the forecast. `Default` fits MLA-C01.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadinessConfig {
    /// Scored questions in a real exam (50 of MLA-C01's 65).
    pub scored: usize,
    /// Exams simulated.
    pub exams: usize,
    /// Answers each domain needs before a probability is shown.
    pub min_per_domain: usize,
    /// An answer this many days old counts half as much as one given now.
    pub half_life_days: f64,
    /// How many pseudo-answers at the overall accuracy each task starts with.
    pub prior_answers: f64,
    pub seed: u64,
}

impl Default for ReadinessConfig {
    fn default() -> Self {
        ReadinessConfig {
            scored: 50,
            exams: 10_000,
            min_per_domain: 20,
            half_life_days: 14.0,
            prior_answers: 8.0,
            seed: 0x6d6c_6163_3031,
        }
    }
}

/// Answers a domain still needs before the forecast shows a probability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub domain: u8,
    pub answers: usize,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let noun = if self.answers == 1 { "question" } else { "questions" };
        write!(f, "answer {} more Domain {} {noun}", self.answers, self.domain)
    }
}

/// The forecast. Scores are on the blueprint's scale; all but `answers_used`,
/// `method` and `missing` are `None` (JSON `null`) below the minimum of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    /// P(scaled score ≥ pass mark), 0–1.
    pub probability: Option<f64>,
    /// 10th percentile of the simulated scaled score.
    pub scaled_low: Option<u32>,
    /// Median.
    pub scaled_mid: Option<u32>,
    /// 90th percentile.
    pub scaled_high: Option<u32>,
    /// Answers to the blueprint's task statements that the forecast used.
    pub answers_used: usize,
    /// One sentence on how the numbers were made.
    pub method: String,
    /// What each domain still lacks; empty once there is a forecast.
    pub missing: Vec<Missing>,
}

/// A task statement's Beta posterior for answering an unseen question right.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Posterior {
    alpha: f64,
    beta: f64,
}

/// The readiness forecast from the answer log at `now`.
pub fn forecast(answers: &[Answer], blueprint: &Blueprint, now: Timestamp, config: &ReadinessConfig) -> Readiness {
    let task_domain: BTreeMap<&str, u8> =
        blueprint.domains.iter().flat_map(|d| d.tasks.iter().map(move |t| (t.id.as_str(), d.id))).collect();
    let used: Vec<&Answer> = answers.iter().filter(|a| task_domain.get(a.task.as_str()) == Some(&a.domain)).collect();
    let method = method(config);
    let missing = missing(&used, blueprint, config.min_per_domain);
    if !missing.is_empty() {
        return Readiness {
            probability: None,
            scaled_low: None,
            scaled_mid: None,
            scaled_high: None,
            answers_used: used.len(),
            method,
            missing,
        };
    }
    let posteriors = posteriors(&used, blueprint, now, config);
    let histogram = simulate(&posteriors, blueprint, config);
    let scale = blueprint.scale;
    let scaled = |correct: usize| estimate_scaled(Tally { correct, total: config.scored }, scale);
    let exams: usize = histogram.iter().sum();
    let passed: usize = histogram.iter().enumerate().filter(|&(c, _)| scaled(c) >= scale.pass).map(|(_, n)| n).sum();
    Readiness {
        probability: Some(passed as f64 / exams.max(1) as f64),
        scaled_low: Some(scaled(percentile(&histogram, 0.1))),
        scaled_mid: Some(scaled(percentile(&histogram, 0.5))),
        scaled_high: Some(scaled(percentile(&histogram, 0.9))),
        answers_used: used.len(),
        method,
        missing,
    }
}

fn method(config: &ReadinessConfig) -> String {
    format!(
        "estimate: per task statement, a Beta posterior shrunk toward overall accuracy ({} pseudo-answers), \
         answers weighted by recency (half-life {} days, repeats half); {} simulated {}-question exams to the blueprint, \
         scaled linearly",
        config.prior_answers, config.half_life_days, config.exams, config.scored
    )
}

/// Domains with fewer answers than the minimum, and how many more each needs.
fn missing(used: &[&Answer], blueprint: &Blueprint, min: usize) -> Vec<Missing> {
    blueprint
        .domains
        .iter()
        .filter_map(|d| {
            let have = used.iter().filter(|a| a.domain == d.id).count();
            (have < min).then(|| Missing { domain: d.id, answers: min - have })
        })
        .collect()
}

/// Each answer's weight: recency decay, halved again for a repeat of a question.
fn weights(used: &[&Answer], now: Timestamp, half_life_days: f64) -> Vec<f64> {
    let mut first: BTreeMap<&str, Timestamp> = BTreeMap::new();
    for a in used {
        first.entry(&a.question_id).and_modify(|t| *t = (*t).min(a.answered_at)).or_insert(a.answered_at);
    }
    used.iter()
        .map(|a| {
            let age = days_between(a.answered_at, now).max(0.0);
            let repeat = first.get(a.question_id.as_str()).is_some_and(|&t| t < a.answered_at);
            0.5f64.powf(age / half_life_days) * if repeat { REPEAT_WEIGHT } else { 1.0 }
        })
        .collect()
}

/// Every task's posterior, by domain in blueprint order.
fn posteriors(
    used: &[&Answer],
    blueprint: &Blueprint,
    now: Timestamp,
    config: &ReadinessConfig,
) -> Vec<Vec<Posterior>> {
    let weights = weights(used, now, config.half_life_days);
    let mut by_task: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    let (mut right, mut total) = (0.0, 0.0);
    for (a, w) in used.iter().zip(&weights) {
        let c = if a.correct { *w } else { 0.0 };
        let entry = by_task.entry(&a.task).or_default();
        entry.0 += c;
        entry.1 += w;
        right += c;
        total += w;
    }
    // Overall accuracy with a uniform Beta(1, 1) prior, so it is never 0 or 1.
    let overall = (right + 1.0) / (total + 2.0);
    let k = config.prior_answers;
    blueprint
        .domains
        .iter()
        .map(|d| {
            d.tasks
                .iter()
                .map(|t| {
                    let (r, n) = by_task.get(t.id.as_str()).copied().unwrap_or_default();
                    Posterior { alpha: k * overall + r, beta: k * (1.0 - overall) + (n - r) }
                })
                .collect()
        })
        .collect()
}

/// How many simulated exams got each number of questions right (index = correct).
fn simulate(posteriors: &[Vec<Posterior>], blueprint: &Blueprint, config: &ReadinessConfig) -> Vec<usize> {
    let quotas = domain_quotas(blueprint, config.scored);
    let plan: Vec<(usize, &[Posterior])> = blueprint
        .domains
        .iter()
        .zip(posteriors)
        .filter(|(_, tasks)| !tasks.is_empty())
        .map(|(d, tasks)| (quotas.get(&d.id).copied().unwrap_or(0), tasks.as_slice()))
        .collect();
    let mut rng = StdRng::seed_from_u64(config.seed);
    let mut histogram = vec![0; config.scored + 1];
    let mut chances: Vec<f64> = Vec::new();
    for _ in 0..config.exams {
        let mut correct = 0;
        for &(quota, tasks) in &plan {
            chances.clear();
            chances.extend(tasks.iter().map(|p| beta(&mut rng, p.alpha, p.beta)));
            for _ in 0..quota {
                let p = chances[rng.random_range(0..chances.len())];
                correct += usize::from(rng.random::<f64>() < p);
            }
        }
        if let Some(slot) = histogram.get_mut(correct) {
            *slot += 1;
        }
    }
    histogram
}

/// The smallest count of correct answers reached by at least `q` of the exams.
fn percentile(histogram: &[usize], q: f64) -> usize {
    let total: usize = histogram.iter().sum();
    let target = (q * total as f64).ceil().max(1.0) as usize;
    let mut seen = 0;
    for (correct, n) in histogram.iter().enumerate() {
        seen += n;
        if seen >= target {
            return correct;
        }
    }
    histogram.len().saturating_sub(1)
}
