//! All-time figures over the history: attempts, questions answered, percent
//! correct by domain, task statement and service, the weakest areas, the
//! trend of recent mock exams, and the focus sets for study sessions
//! (questions missed last time, questions never seen).

use super::record::Attempt;
use crate::engine::{Mode, Tally};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Areas with fewer answers than this are not called weak: too little evidence.
pub const MIN_ANSWERS_FOR_WEAKEST: usize = 3;
const WEAKEST_SHOWN: usize = 3;
const TREND_LENGTH: usize = 5;

#[derive(Debug, Serialize)]
pub struct AllTime {
    pub attempts: usize,
    pub mock_exams: usize,
    pub questions_answered: usize,
    pub overall: Tally,
    pub by_domain: BTreeMap<String, Tally>,
    pub by_task: BTreeMap<String, Tally>,
    pub by_service: BTreeMap<String, Tally>,
    /// Lowest percent first.
    pub weakest_tasks: Vec<(String, Tally)>,
    pub weakest_services: Vec<(String, Tally)>,
    /// Scaled estimates of the last mock exams, oldest first.
    pub mock_exam_trend: Vec<u32>,
}

fn merge(into: &mut BTreeMap<String, Tally>, from: &BTreeMap<String, Tally>) {
    for (key, t) in from {
        let entry = into.entry(key.clone()).or_default();
        entry.correct += t.correct;
        entry.total += t.total;
    }
}

fn weakest(map: &BTreeMap<String, Tally>) -> Vec<(String, Tally)> {
    let mut areas: Vec<(String, Tally)> =
        map.iter().filter(|(_, t)| t.total >= MIN_ANSWERS_FOR_WEAKEST).map(|(k, t)| (k.clone(), *t)).collect();
    areas.sort_by(|a, b| a.1.percent().total_cmp(&b.1.percent()).then_with(|| a.0.cmp(&b.0)));
    areas.truncate(WEAKEST_SHOWN);
    areas
}

impl AllTime {
    /// Figures over `attempts` (oldest first).
    pub fn of(attempts: &[Attempt]) -> AllTime {
        let mut overall = Tally::default();
        let (mut by_domain, mut by_task, mut by_service) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        for a in attempts {
            overall.correct += a.summary.raw.correct;
            overall.total += a.summary.raw.total;
            merge(&mut by_domain, &a.summary.by_domain);
            merge(&mut by_task, &a.summary.by_task);
            merge(&mut by_service, &a.summary.by_service);
        }
        let exams: Vec<u32> =
            attempts.iter().filter(|a| a.mode == Mode::Exam).map(|a| a.summary.scaled_estimate).collect();
        AllTime {
            attempts: attempts.len(),
            mock_exams: exams.len(),
            questions_answered: attempts.iter().map(|a| a.summary.answered).sum(),
            overall,
            weakest_tasks: weakest(&by_task),
            weakest_services: weakest(&by_service),
            by_domain,
            by_task,
            by_service,
            mock_exam_trend: exams[exams.len().saturating_sub(TREND_LENGTH)..].to_vec(),
        }
    }
}

/// Which questions a focus session draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Questions whose most recent answer was wrong or missing.
    Missed,
    /// Questions that no attempt has asked yet.
    Unseen,
}

impl Focus {
    pub fn label(self) -> &'static str {
        match self {
            Focus::Missed => "missed last time",
            Focus::Unseen => "not seen yet",
        }
    }

    /// The ids among `all` that belong to this focus, given the history (oldest first).
    pub fn ids<'a>(self, attempts: &[Attempt], all: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
        let mut last: BTreeMap<&str, bool> = BTreeMap::new();
        for q in attempts.iter().flat_map(|a| &a.questions) {
            last.insert(q.id.as_str(), q.correct);
        }
        all.filter(|id| match self {
            Focus::Missed => last.get(id) == Some(&false),
            Focus::Unseen => !last.contains_key(id),
        })
        .map(str::to_string)
        .collect()
    }
}
