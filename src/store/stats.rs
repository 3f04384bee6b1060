//! All-time figures for one exam, computed by queries over the answer log:
//! attempts, questions answered, percent correct by domain, task statement
//! and service, the weakest areas, the trend of recent mock exams, and (added
//! by the caller) the readiness forecast; and each question's last result.

use super::{Store, StoreError};
use crate::bank::service_rollup;
use crate::engine::Tally;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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
    /// The pass-readiness forecast, when the caller adds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness: Option<crate::learn::Readiness>,
}

fn weakest(map: &BTreeMap<String, Tally>) -> Vec<(String, Tally)> {
    let mut areas: Vec<(String, Tally)> =
        map.iter().filter(|(_, t)| t.total >= MIN_ANSWERS_FOR_WEAKEST).map(|(k, t)| (k.clone(), *t)).collect();
    areas.sort_by(|a, b| a.1.percent().total_cmp(&b.1.percent()).then_with(|| a.0.cmp(&b.0)));
    areas.truncate(WEAKEST_SHOWN);
    areas
}

fn usize_of(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

impl Store {
    /// All-time figures over the attempts of `exam`, from the running tallies
    /// of the answer log (a few hundred rows, whatever the history's length).
    pub fn all_time(&self, exam: &str) -> Result<AllTime, StoreError> {
        let (attempts, mock_exams): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(mode = 'exam'), 0) FROM attempts WHERE exam = ?1 COLLATE NOCASE",
            [exam],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut statement = self.conn.prepare_cached(
            "SELECT domain, task, services, correct, total, answered FROM answer_tallies \
             WHERE exam = ?1 COLLATE NOCASE AND total > 0",
        )?;
        let mut rows = statement.query([exam])?;
        let (mut overall, mut answered) = (Tally::default(), 0);
        let (mut by_domain, mut by_task) = (BTreeMap::<String, Tally>::new(), BTreeMap::<String, Tally>::new());
        let mut by_service: BTreeMap<String, Tally> = BTreeMap::new();
        while let Some(row) = rows.next()? {
            let domain: i64 = row.get(0)?;
            let task: String = row.get(1)?;
            let services: Vec<String> = serde_json::from_str(&row.get::<_, String>(2)?)?;
            let group = Tally { correct: usize_of(row.get(3)?), total: usize_of(row.get(4)?) };
            answered += usize_of(row.get(5)?);
            let add = |map: &mut BTreeMap<String, Tally>, key: String| {
                let t = map.entry(key).or_default();
                t.correct += group.correct;
                t.total += group.total;
            };
            add(&mut by_domain, domain.to_string());
            add(&mut by_task, task);
            for tag in service_rollup(&services) {
                add(&mut by_service, tag);
            }
            overall.correct += group.correct;
            overall.total += group.total;
        }
        let mut trend: Vec<u32> = self
            .conn
            .prepare_cached(
                "SELECT scaled FROM attempts WHERE exam = ?1 COLLATE NOCASE AND mode = 'exam' \
                 ORDER BY started_at DESC, id DESC LIMIT ?2",
            )?
            .query_map(rusqlite::params![exam, TREND_LENGTH as i64], |r| r.get::<_, u32>(0))?
            .collect::<Result<_, _>>()?;
        trend.reverse();
        Ok(AllTime {
            attempts: usize_of(attempts),
            mock_exams: usize_of(mock_exams),
            questions_answered: answered,
            overall,
            weakest_tasks: weakest(&by_task),
            weakest_services: weakest(&by_service),
            by_domain,
            by_task,
            by_service,
            mock_exam_trend: trend,
            readiness: None,
        })
    }

    /// For each of `questions` that `exam` ever asked, whether it was answered
    /// right the last time. One indexed look-up a question: grouping the whole
    /// answer log instead reads every answer row, which takes seconds on a long history.
    pub fn last_results<'q>(
        &self,
        exam: &str,
        questions: impl IntoIterator<Item = &'q str>,
    ) -> Result<HashMap<String, bool>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT correct FROM answers WHERE question_id = ?1 AND exam = ?2 COLLATE NOCASE \
             ORDER BY answered_at DESC LIMIT 1",
        )?;
        let mut last = HashMap::new();
        for id in questions {
            if let Some(correct) = statement.query_row(params![id, exam], |r| r.get::<_, bool>(0)).optional()? {
                last.insert(id.to_string(), correct);
            }
        }
        Ok(last)
    }
}
