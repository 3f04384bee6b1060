//! Finished attempts and their answers: recording one in a single
//! transaction, and reading them back by indexed queries — the count, the
//! latest few, one by id, or all of them streamed one attempt at a time.

use super::record::{self, Attempt};
use super::time::{from_db, to_db};
use super::{BankRef, Store, StoreError};
use crate::engine::{Mode, QuestionOutcome, Settings, Summary, Tally};
use jiff::Timestamp;
use rusqlite::{Row, Transaction, TransactionBehavior, params};
use std::collections::BTreeMap;

/// What lists of attempts show, read without parsing the stored summary.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptHeader {
    pub id: String,
    pub exam: String,
    pub mode: Mode,
    pub started_at: Timestamp,
    pub questions: usize,
    pub correct: usize,
    pub scaled: u32,
    pub passed: bool,
    pub seconds: u64,
    /// Percent correct by domain id, as the summary recorded it.
    pub by_domain: BTreeMap<String, Tally>,
}

impl AttemptHeader {
    pub fn percent(&self) -> f64 {
        if self.questions == 0 { 0.0 } else { 100.0 * self.correct as f64 / self.questions as f64 }
    }
}

fn mode_to_db(mode: Mode) -> &'static str {
    match mode {
        Mode::Study => "study",
        Mode::Exam => "exam",
    }
}

fn mode_from_db(text: &str) -> Mode {
    if text == "exam" { Mode::Exam } else { Mode::Study }
}

fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

const HEADER_COLUMNS: &str =
    "id, exam, mode, started_at, questions, correct, scaled, passed, seconds, json_extract(summary, '$.by_domain')";

/// A header, with its start time and domain breakdown still as stored.
type RawHeader = (AttemptHeader, i64, Option<String>);

fn header(row: &Row<'_>) -> rusqlite::Result<RawHeader> {
    let mode: String = row.get(2)?;
    Ok((
        AttemptHeader {
            id: row.get(0)?,
            exam: row.get(1)?,
            mode: mode_from_db(&mode),
            started_at: Timestamp::UNIX_EPOCH,
            questions: count(row.get(4)?),
            correct: count(row.get(5)?),
            scaled: u32::try_from(row.get::<_, i64>(6)?).unwrap_or(0),
            passed: row.get(7)?,
            seconds: u64::try_from(row.get::<_, i64>(8)?).unwrap_or(0),
            by_domain: BTreeMap::new(),
        },
        row.get(3)?,
        row.get(9)?,
    ))
}

fn finish_header((mut header, started, by_domain): RawHeader) -> Result<AttemptHeader, StoreError> {
    header.started_at = from_db(started)?;
    if let Some(by_domain) = by_domain {
        header.by_domain = serde_json::from_str(&by_domain)?;
    }
    Ok(header)
}

/// Where each answer's bank and time come from when the record does not say
/// (records of earlier versions): the attempt's only bank, and for study the
/// start plus the time spent up to that answer, for an exam its end.
struct Fallbacks<'a> {
    attempt: &'a Attempt,
    elapsed: u64,
}

impl Fallbacks<'_> {
    fn bank(&self, outcome: &QuestionOutcome) -> BankRef {
        let banks = &self.attempt.banks;
        let id = outcome.bank.clone().or_else(|| (banks.len() == 1).then(|| banks[0].id.clone())).unwrap_or_default();
        let version = banks.iter().find(|b| b.id == id).map(|b| b.version.clone()).unwrap_or_default();
        BankRef { id, version }
    }

    fn answered_at(&mut self, outcome: &QuestionOutcome) -> Timestamp {
        self.elapsed = self.elapsed.saturating_add(outcome.seconds);
        if let Some(at) = outcome.answered_at {
            return at;
        }
        let a = self.attempt;
        match a.mode {
            Mode::Exam => a.ended_at,
            Mode::Study => {
                let offset = jiff::SignedDuration::from_secs(i64::try_from(self.elapsed).unwrap_or(i64::MAX));
                a.started_at.checked_add(offset).map_or(a.ended_at, |at| at.min(a.ended_at))
            }
        }
    }
}

/// Inserts an attempt and its answers; an attempt whose id is already stored is left as it is.
/// Returns whether it was new.
pub(super) fn insert(tx: &Transaction<'_>, attempt: &Attempt) -> Result<bool, StoreError> {
    let s = &attempt.summary;
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO attempts (id, exam, mode, started_at, ended_at, banks, settings, summary, \
         questions, correct, scaled, passed, seconds) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            attempt.id,
            attempt.exam,
            mode_to_db(attempt.mode),
            to_db(attempt.started_at)?,
            to_db(attempt.ended_at)?,
            serde_json::to_string(&attempt.banks)?,
            serde_json::to_string(&attempt.settings)?,
            serde_json::to_string(s)?,
            i64::try_from(s.raw.total).unwrap_or(i64::MAX),
            i64::try_from(s.raw.correct).unwrap_or(i64::MAX),
            i64::from(s.scaled_estimate),
            s.passed,
            i64::try_from(s.seconds).unwrap_or(i64::MAX),
        ],
    )?;
    if inserted == 0 {
        return Ok(false);
    }
    let mut statement = tx.prepare_cached(
        "INSERT INTO answers (attempt_id, position, question_id, bank_id, bank_version, exam, domain, task, \
         services, type, response, option_order, response_order, correct, flagged, seconds, answered_at, unsure) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    let mut fallbacks = Fallbacks { attempt, elapsed: 0 };
    for (position, q) in attempt.questions.iter().enumerate() {
        let bank = fallbacks.bank(q);
        let answered_at = fallbacks.answered_at(q);
        let order = |v: &Vec<usize>| -> Result<Option<String>, serde_json::Error> {
            if v.is_empty() { Ok(None) } else { serde_json::to_string(v).map(Some) }
        };
        statement.execute(params![
            attempt.id,
            i64::try_from(position).unwrap_or(i64::MAX),
            q.id,
            bank.id,
            bank.version,
            attempt.exam,
            q.domain,
            q.task,
            serde_json::to_string(&q.services)?,
            q.kind.as_str(),
            q.response.as_ref().map(serde_json::to_string).transpose()?,
            order(&q.order)?,
            order(&q.response_order)?,
            q.correct,
            q.flagged,
            i64::try_from(q.seconds).unwrap_or(i64::MAX),
            to_db(answered_at)?,
            q.guessed || (attempt.mode == Mode::Exam && q.flagged),
        ])?;
    }
    Ok(true)
}

/// Reads one answer row of an attempt in `mode` back into an outcome.
fn outcome(row: &Row<'_>, first: usize, mode: Mode) -> Result<QuestionOutcome, StoreError> {
    let text = |i: usize| row.get::<_, Option<String>>(first + i);
    let json_list = |value: Option<String>| -> Result<Vec<usize>, StoreError> {
        Ok(value.map(|v| serde_json::from_str(&v)).transpose()?.unwrap_or_default())
    };
    let kind: String = row.get(first + 4)?;
    Ok(QuestionOutcome {
        id: row.get(first)?,
        domain: row.get(first + 1)?,
        task: row.get(first + 2)?,
        services: serde_json::from_str(&row.get::<_, String>(first + 3)?)?,
        kind: crate::bank::QuestionType::parse(&kind)
            .ok_or_else(|| StoreError::Damaged(format!("unknown question type {kind:?}")))?,
        response: text(5)?.map(|r| serde_json::from_str(&r)).transpose()?,
        correct: row.get(first + 6)?,
        flagged: row.get(first + 7)?,
        seconds: u64::try_from(row.get::<_, i64>(first + 8)?).unwrap_or(0),
        bank: text(9)?.filter(|b| !b.is_empty()),
        answered_at: Some(from_db(row.get(first + 10)?)?),
        order: json_list(text(11)?)?,
        response_order: json_list(text(12)?)?,
        // Only study answers are marked as guesses; an exam's unsure answers are its flagged ones.
        guessed: mode == Mode::Study && row.get::<_, bool>(first + 13)?,
    })
}

const ANSWER_COLUMNS: &str = "q.question_id, q.domain, q.task, q.services, q.type, q.response, q.correct, q.flagged, \
                              q.seconds, q.bank_id, q.answered_at, q.option_order, q.response_order, q.unsure";
const ATTEMPT_COLUMNS: &str = "a.id, a.exam, a.mode, a.started_at, a.ended_at, a.banks, a.settings, a.summary";
/// Where the answer columns start in a joined row.
const FIRST_ANSWER_COLUMN: usize = 8;

/// An attempt's own columns, without its answers.
fn attempt_shell(row: &Row<'_>) -> Result<Attempt, StoreError> {
    let mode: String = row.get(2)?;
    let settings: Settings = serde_json::from_str(&row.get::<_, String>(6)?)?;
    let summary: Summary = serde_json::from_str(&row.get::<_, String>(7)?)?;
    Ok(Attempt {
        schema: record::SCHEMA,
        id: row.get(0)?,
        exam: row.get(1)?,
        mode: mode_from_db(&mode),
        started_at: from_db(row.get(3)?)?,
        ended_at: from_db(row.get(4)?)?,
        banks: serde_json::from_str(&row.get::<_, String>(5)?)?,
        settings,
        summary,
        questions: Vec::new(),
    })
}

impl Store {
    /// Adds a finished attempt to the history and forgets the in-progress
    /// session of the same id, in one transaction.
    pub fn record(&mut self, attempt: &Attempt) -> Result<(), StoreError> {
        self.record_all(std::slice::from_ref(attempt))
    }

    /// [`Store::record`] for several attempts, all in one transaction.
    pub fn record_all(&mut self, attempts: &[Attempt]) -> Result<(), StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for attempt in attempts {
            insert(&tx, attempt)?;
            tx.execute("DELETE FROM in_progress WHERE id = ?1", [&attempt.id])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// How many attempts of `exam` (all exams when `None`) are stored.
    pub fn attempt_count(&self, exam: Option<&str>) -> Result<usize, StoreError> {
        let n: i64 = match exam {
            Some(exam) => {
                self.conn.query_row("SELECT count(*) FROM attempts WHERE exam = ?1 COLLATE NOCASE", [exam], |row| {
                    row.get(0)
                })?
            }
            None => self.conn.query_row("SELECT count(*) FROM attempts", [], |row| row.get(0))?,
        };
        Ok(count(n))
    }

    /// The latest `limit` attempts, newest first.
    pub fn recent(&self, limit: usize) -> Result<Vec<AttemptHeader>, StoreError> {
        self.recent_of(None, limit)
    }

    /// The latest `limit` attempts of `exam` (all exams when `None`), newest first.
    pub fn recent_of(&self, exam: Option<&str>, limit: usize) -> Result<Vec<AttemptHeader>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {HEADER_COLUMNS} FROM attempts WHERE ?1 IS NULL OR exam = ?1 COLLATE NOCASE \
             ORDER BY started_at DESC, id DESC LIMIT ?2"
        ))?;
        let rows = statement.query_map(params![exam, i64::try_from(limit).unwrap_or(i64::MAX)], header)?;
        rows.map(|row| finish_header(row?)).collect()
    }

    /// The header of every attempt in time order, oldest first; only those of
    /// `exam` when given. `each` may stop the walk with an error.
    pub fn for_each_header<E: From<StoreError>>(
        &self,
        exam: Option<&str>,
        mut each: impl FnMut(AttemptHeader) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!(
            "SELECT {HEADER_COLUMNS} FROM attempts WHERE ?1 IS NULL OR exam = ?1 COLLATE NOCASE ORDER BY started_at, id"
        );
        let mut statement = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = statement.query([exam]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            each(finish_header(header(row).map_err(StoreError::from)?)?)?;
        }
        Ok(())
    }

    /// Every attempt in time order, oldest first, one at a time with its answers;
    /// only those of `exam` when given. `each` may stop the walk with an error.
    pub fn for_each_attempt<E: From<StoreError>>(
        &self,
        exam: Option<&str>,
        mut each: impl FnMut(Attempt) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!(
            "SELECT {ATTEMPT_COLUMNS}, {ANSWER_COLUMNS} FROM attempts a LEFT JOIN answers q ON q.attempt_id = a.id \
             WHERE ?1 IS NULL OR a.exam = ?1 COLLATE NOCASE ORDER BY a.started_at, a.id, q.position"
        );
        let mut statement = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = statement.query([exam]).map_err(StoreError::from)?;
        let mut current: Option<Attempt> = None;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let id: String = row.get(0).map_err(StoreError::from)?;
            if current.as_ref().is_some_and(|a| a.id != id)
                && let Some(done) = current.take()
            {
                each(done)?;
            }
            let attempt = match &mut current {
                Some(attempt) => attempt,
                None => current.insert(attempt_shell(row)?),
            };
            if row.get::<_, Option<String>>(FIRST_ANSWER_COLUMN).map_err(StoreError::from)?.is_some() {
                let mode = attempt.mode;
                attempt.questions.push(outcome(row, FIRST_ANSWER_COLUMN, mode)?);
            }
        }
        match current {
            Some(last) => each(last),
            None => Ok(()),
        }
    }

    /// One attempt with its answers, by id.
    pub fn attempt(&self, id: &str) -> Result<Option<Attempt>, StoreError> {
        let mut statement =
            self.conn.prepare_cached(&format!("SELECT {ATTEMPT_COLUMNS} FROM attempts a WHERE a.id = ?1"))?;
        let mut rows = statement.query([id])?;
        let Some(row) = rows.next()? else { return Ok(None) };
        let mut attempt = attempt_shell(row)?;
        let mut answers = self.conn.prepare_cached(&format!(
            "SELECT {ANSWER_COLUMNS} FROM answers q WHERE q.attempt_id = ?1 ORDER BY q.position"
        ))?;
        let mut rows = answers.query([id])?;
        while let Some(row) = rows.next()? {
            let mode = attempt.mode;
            attempt.questions.push(outcome(row, 0, mode)?);
        }
        Ok(Some(attempt))
    }
}
