//! Counts over a pool of questions: by domain, task, type, difficulty and
//! service, plus how often the right answer is the longest option (a tell that
//! question writers must avoid).

use super::load::Pool;
use super::model::{AnswerKey, QuestionType};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct BankStats {
    pub exam: String,
    pub banks: Vec<String>,
    pub questions: usize,
    pub by_domain: BTreeMap<String, usize>,
    pub by_task: BTreeMap<String, usize>,
    pub by_type: BTreeMap<String, usize>,
    pub by_difficulty: BTreeMap<String, usize>,
    /// With every `sagemaker-*` capability also counted under `sagemaker`.
    pub by_service: BTreeMap<String, usize>,
    pub case_studies: usize,
    pub longest_option_is_key: LongestOptionIsKey,
    /// Single-answer questions by the right option's rank in length: "1" when
    /// it is the longest, "2" the second longest, … Near uniform is best.
    pub key_length_rank: BTreeMap<String, usize>,
}

/// Among single and multiple questions: how many have a right option that is
/// strictly longer than every wrong one.
#[derive(Debug, Serialize)]
pub struct LongestOptionIsKey {
    pub eligible: usize,
    pub count: usize,
    pub percent: f64,
}

impl BankStats {
    pub fn of(pool: &Pool) -> BankStats {
        let bp = &pool.blueprint;
        let mut by_domain: BTreeMap<String, usize> = bp.domains.iter().map(|d| (d.id.to_string(), 0)).collect();
        let mut by_task: BTreeMap<String, usize> =
            bp.domains.iter().flat_map(|d| &d.tasks).map(|t| (t.id.clone(), 0)).collect();
        let mut by_type: BTreeMap<String, usize> =
            QuestionType::ALL.iter().map(|t| (t.as_str().to_string(), 0)).collect();
        let mut by_difficulty = BTreeMap::new();
        let mut by_service = BTreeMap::new();
        let (mut eligible, mut longest) = (0, 0);
        let mut key_length_rank: BTreeMap<String, usize> = BTreeMap::new();
        for q in pool.questions {
            *by_domain.entry(q.domain.to_string()).or_default() += 1;
            *by_task.entry(q.task.to_string()).or_default() += 1;
            *by_type.entry(q.question_type().as_str().to_string()).or_default() += 1;
            let difficulty = q.difficulty.map_or("unrated", |d| d.as_str());
            *by_difficulty.entry(difficulty.to_string()).or_default() += 1;
            for tag in q.service_rollup() {
                *by_service.entry(tag.to_string()).or_default() += 1;
            }
            let key: Vec<usize> = match &q.key {
                AnswerKey::Single(i) => vec![*i],
                AnswerKey::Multiple(set) => set.to_vec(),
                _ => continue,
            };
            eligible += 1;
            let len = |i: usize| q.options[i].text.chars().count();
            if let [key] = key[..] {
                let rank = 1 + (0..q.options.len()).filter(|&i| len(i) > len(key)).count();
                *key_length_rank.entry(rank.to_string()).or_default() += 1;
            }
            let longest_key = key.iter().map(|&i| len(i)).max().unwrap_or(0);
            let longest_wrong = (0..q.options.len()).filter(|i| !key.contains(i)).map(len).max().unwrap_or(0);
            if longest_key > longest_wrong {
                longest += 1;
            }
        }
        let percent = if eligible == 0 { 0.0 } else { (1000.0 * longest as f64 / eligible as f64).round() / 10.0 };
        BankStats {
            exam: bp.code.clone(),
            banks: pool.banks.iter().map(ToString::to_string).collect(),
            questions: pool.questions.len(),
            by_domain,
            by_task,
            by_type,
            by_difficulty,
            by_service,
            case_studies: pool.case_studies.len(),
            longest_option_is_key: LongestOptionIsKey { eligible, count: longest, percent },
            key_length_rank,
        }
    }
}
