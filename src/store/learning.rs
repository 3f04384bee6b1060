//! The answer log handed to [`crate::learn`]: each question's FSRS memory
//! state (cached in `memory_states`, always equal to a replay of the log),
//! the due reviews of a pool, a weakest-area drill, and the readiness forecast.
//!
//! Every answered question is a review (wrong → Again, right → Good, right but
//! marked as a guess or flagged in a mock exam → Hard). A question left
//! unanswered in a mock exam says nothing about memory and is not a review.
//! Weak areas and readiness read the recent log only (see [`RECENT_DAYS`] and
//! [`RECENT_ANSWERS`]): old answers would barely count in them anyway, and
//! this keeps their cost flat however long the history grows.

use super::time::{from_db, to_db};
use super::{Store, StoreError};
use crate::bank::{Pool, Question};
use crate::learn::{self, Answer, Grade, MemoryState, Readiness, ReadinessConfig, Scheduler, WeakArea, WeakConfig};
use jiff::{SignedDuration, Timestamp};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use std::collections::{BTreeMap, HashSet};

/// Weak areas and readiness read answers from this many days back at most…
pub const RECENT_DAYS: i64 = 180;
/// …and at most this many of the newest.
pub const RECENT_ANSWERS: usize = 20_000;

const UPTO_KEY: &str = "memory_states_upto";
/// The parameters the cached states were computed with ("" for the defaults).
const CACHED_PARAMETERS_KEY: &str = "memory_states_parameters";
/// Personal FSRS parameters fitted by `mla-quiz fit` (JSON), and when and from how many reviews.
const PARAMETERS_KEY: &str = "fsrs_parameters";
const FITTED_KEY: &str = "fsrs_fitted";

/// Which FSRS parameters schedule the reviews.
#[derive(Debug, Clone, PartialEq)]
pub enum Parameters {
    Default,
    /// Fitted to the learner's log: the note says when and from how many reviews.
    Personal {
        values: Vec<f32>,
        note: String,
    },
}

/// The reviews a pool has due now, most overdue first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DueReviews {
    pub ids: Vec<String>,
    /// When the next review after now falls, if any.
    pub next: Option<Timestamp>,
}

/// A weakest-area drill: the questions in the order to ask them, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct WeakDrill {
    pub ids: Vec<String>,
    pub areas: Vec<WeakArea>,
}

fn state_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, f32, f32, i64, i64, u32)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
}

/// The review in columns `first..first + 3` of a row: correct, unsure, answered_at.
fn review_at(row: &rusqlite::Row<'_>, first: usize) -> Result<(Timestamp, Grade), StoreError> {
    Ok((from_db(row.get(first + 2)?)?, Grade::of(row.get(first)?, row.get(first + 1)?)))
}

/// `previous` after the reviews, taken in time order (ties by grade, as [`Scheduler::replay`] does).
fn fold(
    scheduler: &Scheduler,
    previous: Option<&MemoryState>,
    mut reviews: Vec<(Timestamp, Grade)>,
) -> Option<MemoryState> {
    reviews.sort_unstable();
    reviews.into_iter().fold(previous.cloned(), |s, (at, g)| Some(scheduler.review(s.as_ref(), g, at)))
}

impl Store {
    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// The FSRS parameters in use.
    pub fn parameters(&self) -> Result<Parameters, StoreError> {
        let Some(values) = self.meta(PARAMETERS_KEY)? else { return Ok(Parameters::Default) };
        let values: Vec<f32> = serde_json::from_str(&values)?;
        let note = self.meta(FITTED_KEY)?.unwrap_or_default();
        Ok(Parameters::Personal { values, note })
    }

    /// The scheduler with the parameters in use.
    pub fn scheduler(&self) -> Result<Scheduler, StoreError> {
        match self.parameters()? {
            Parameters::Default => Ok(Scheduler::default()),
            Parameters::Personal { values, .. } => {
                Scheduler::with_parameters(&values).map_err(|e| StoreError::Damaged(e.to_string()))
            }
        }
    }

    /// Fits personal FSRS parameters to the whole answer log and uses them from
    /// now on; `Ok(Err(..))` says why the log does not allow it yet.
    pub fn fit_parameters(&mut self, now: Timestamp) -> Result<Result<Vec<f32>, learn::FitError>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT question_id, correct, unsure, answered_at FROM answers WHERE response IS NOT NULL")?;
        let mut rows = statement.query([])?;
        let mut answers = Vec::new();
        while let Some(row) = rows.next()? {
            answers.push(Answer {
                question_id: row.get(0)?,
                domain: 0,
                task: String::new(),
                services: Vec::new(),
                correct: row.get(1)?,
                unsure: row.get(2)?,
                answered_at: from_db(row.get(3)?)?,
            });
        }
        drop(rows);
        drop(statement);
        let values = match learn::fit_parameters(&answers) {
            Ok(values) => values,
            Err(why) => return Ok(Err(why)),
        };
        let note = format!("fitted on {} from {} answers", now.strftime("%Y-%m-%d"), answers.len());
        self.set_parameters(Some((&values, &note)))?;
        Ok(Ok(values))
    }

    /// Goes back to the default FSRS parameters.
    pub fn reset_parameters(&mut self) -> Result<(), StoreError> {
        self.set_parameters(None)
    }

    fn set_parameters(&mut self, personal: Option<(&[f32], &str)>) -> Result<(), StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM meta WHERE key IN (?1, ?2)", [PARAMETERS_KEY, FITTED_KEY])?;
        if let Some((values, note)) = personal {
            let upsert = "INSERT INTO meta (key, value) VALUES (?1, ?2)";
            tx.execute(upsert, params![PARAMETERS_KEY, serde_json::to_string(values)?])?;
            tx.execute(upsert, params![FITTED_KEY, note])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Each reviewed question's memory state under the parameters in use.
    pub fn current_memory_states(&mut self) -> Result<BTreeMap<String, MemoryState>, StoreError> {
        let scheduler = self.scheduler()?;
        let fingerprint = self.meta(PARAMETERS_KEY)?.unwrap_or_default();
        self.memory_states_with(&scheduler, &fingerprint)
    }

    /// Each reviewed question's memory state by `scheduler` (default parameters).
    pub fn memory_states(&mut self, scheduler: &Scheduler) -> Result<BTreeMap<String, MemoryState>, StoreError> {
        self.memory_states_with(scheduler, "")
    }

    /// The cached states brought up to date with the answers added since, in
    /// one transaction. A question whose new answers are dated before its last
    /// review (an imported older history) is replayed from its whole log; a
    /// cache made with other parameters (`fingerprint`) is rebuilt.
    fn memory_states_with(
        &mut self,
        scheduler: &Scheduler,
        fingerprint: &str,
    ) -> Result<BTreeMap<String, MemoryState>, StoreError> {
        // Read (and compute) in a read transaction, which never blocks a writer
        // such as the autosave; take the write lock only to store the result.
        let tx = self.conn.transaction()?;
        let marks = |tx: &rusqlite::Transaction<'_>| -> rusqlite::Result<(Option<String>, Option<String>)> {
            let meta =
                |key: &str| tx.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional();
            Ok((meta(UPTO_KEY)?, meta(CACHED_PARAMETERS_KEY)?))
        };
        let read_marks = marks(&tx)?;
        let upto: i64 = read_marks.0.as_deref().and_then(|v| v.parse().ok()).unwrap_or(0);
        let same_parameters = read_marks.1.as_deref().unwrap_or_default() == fingerprint;
        let last: i64 = tx.query_row("SELECT coalesce(max(rowid), 0) FROM answers", [], |r| r.get(0))?;
        let rebuild = last < upto || !same_parameters;
        let upto = if rebuild { 0 } else { upto };
        let mut states = BTreeMap::new();
        if !rebuild {
            let mut cached =
                tx.prepare("SELECT question_id, stability, difficulty, last_review, due, reviews FROM memory_states")?;
            for row in cached.query_map([], state_from_row)? {
                let (id, stability, difficulty, last_review, due, reviews) = row?;
                let state = MemoryState {
                    stability,
                    difficulty,
                    last_review: from_db(last_review)?,
                    due: from_db(due)?,
                    reviews,
                };
                states.insert(id, state);
            }
        }
        let mut changed: BTreeMap<String, MemoryState> = BTreeMap::new();
        {
            if upto == 0 {
                // A first build: the whole log in question order, one question at a time.
                let mut all = tx.prepare(
                    "SELECT question_id, correct, unsure, answered_at FROM answers \
                     WHERE response IS NOT NULL ORDER BY question_id, answered_at",
                )?;
                let mut rows = all.query([])?;
                let mut current: Option<(String, Vec<(Timestamp, Grade)>)> = None;
                while let Some(row) = rows.next()? {
                    let id: String = row.get(0)?;
                    let review = review_at(row, 1)?;
                    match &mut current {
                        Some((current_id, reviews)) if *current_id == id => reviews.push(review),
                        _ => {
                            if let Some((done, reviews)) = current.replace((id, vec![review])) {
                                changed.extend(fold(scheduler, None, reviews).map(|s| (done, s)));
                            }
                        }
                    }
                }
                if let Some((done, reviews)) = current {
                    changed.extend(fold(scheduler, None, reviews).map(|s| (done, s)));
                }
            } else {
                let mut fresh = tx.prepare(
                    "SELECT question_id, correct, unsure, answered_at FROM answers \
                     WHERE rowid > ?1 AND response IS NOT NULL",
                )?;
                let mut rows = fresh.query([upto])?;
                let mut new: BTreeMap<String, Vec<(Timestamp, Grade)>> = BTreeMap::new();
                while let Some(row) = rows.next()? {
                    let id: String = row.get(0)?;
                    new.entry(id).or_default().push(review_at(row, 1)?);
                }
                let mut whole = tx.prepare(
                    "SELECT correct, unsure, answered_at FROM answers WHERE question_id = ?1 AND response IS NOT NULL",
                )?;
                for (id, mut reviews) in new {
                    reviews.sort_unstable();
                    let previous = states.get(&id);
                    let in_order = previous.is_none_or(|p| reviews.first().is_some_and(|(at, _)| *at > p.last_review));
                    let state = if in_order {
                        fold(scheduler, previous, reviews)
                    } else {
                        // Older answers arrived late: replay the question's whole log.
                        let mut all: Vec<(Timestamp, Grade)> = Vec::new();
                        let mut rows = whole.query([&id])?;
                        while let Some(row) = rows.next()? {
                            all.push(review_at(row, 0)?);
                        }
                        fold(scheduler, None, all)
                    };
                    changed.extend(state.map(|s| (id, s)));
                }
            }
        }
        tx.commit()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have brought the cache up to date meanwhile; then keep its work.
        if marks(&tx)? == read_marks {
            if rebuild {
                tx.execute("DELETE FROM memory_states", [])?;
            }
            let mut write = tx.prepare(
                "INSERT INTO memory_states (question_id, stability, difficulty, last_review, due, reviews) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (question_id) DO UPDATE SET \
                 stability = excluded.stability, difficulty = excluded.difficulty, \
                 last_review = excluded.last_review, due = excluded.due, reviews = excluded.reviews",
            )?;
            for (id, s) in &changed {
                write.execute(params![
                    id,
                    s.stability,
                    s.difficulty,
                    to_db(s.last_review)?,
                    to_db(s.due)?,
                    s.reviews
                ])?;
            }
            drop(write);
            let upsert =
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
            tx.execute(upsert, params![UPTO_KEY, last.to_string()])?;
            tx.execute(upsert, params![CACHED_PARAMETERS_KEY, fingerprint])?;
        }
        tx.commit()?;
        states.extend(changed);
        Ok(states)
    }

    /// The pool's reviews due at `now`, most overdue first.
    pub fn due_reviews(&mut self, pool: &Pool, now: Timestamp) -> Result<DueReviews, StoreError> {
        let mut states = self.current_memory_states()?;
        let in_pool: HashSet<&str> = pool.questions.iter().map(|q| q.id).collect();
        states.retain(|id, _| in_pool.contains(id.as_str()));
        Ok(DueReviews {
            ids: learn::due_queue(&states, now).into_iter().map(|d| d.question_id).collect(),
            next: learn::next_due(&states, now),
        })
    }

    /// The newest answers of `exam` (see [`RECENT_DAYS`], [`RECENT_ANSWERS`]), oldest first.
    pub fn recent_answers(&self, exam: &str, now: Timestamp) -> Result<Vec<Answer>, StoreError> {
        let since = now.checked_sub(SignedDuration::from_hours(24 * RECENT_DAYS)).unwrap_or(Timestamp::MIN);
        let mut statement = self.conn.prepare_cached(
            "SELECT question_id, domain, task, services, correct, unsure, answered_at FROM answers \
             WHERE exam = ?1 COLLATE NOCASE AND response IS NOT NULL AND answered_at >= ?2 \
             ORDER BY answered_at DESC LIMIT ?3",
        )?;
        let limit = i64::try_from(RECENT_ANSWERS).unwrap_or(i64::MAX);
        let mut rows = statement.query(params![exam, to_db(since)?, limit])?;
        let mut answers = Vec::new();
        while let Some(row) = rows.next()? {
            answers.push(Answer {
                question_id: row.get(0)?,
                domain: row.get(1)?,
                task: row.get(2)?,
                services: serde_json::from_str(&row.get::<_, String>(3)?)?,
                correct: row.get(4)?,
                unsure: row.get(5)?,
                answered_at: from_db(row.get(6)?)?,
            });
        }
        answers.reverse();
        Ok(answers)
    }

    /// A drill of up to `count` questions from the pool's weakest areas, or
    /// `None` when no area is weak yet (too few answers, or none below the overall accuracy).
    pub fn weak_drill(
        &mut self,
        pool: &Pool,
        now: Timestamp,
        count: usize,
        seed: u64,
    ) -> Result<Option<WeakDrill>, StoreError> {
        let answers = self.recent_answers(&pool.blueprint.code, now)?;
        let questions: Vec<&Question> = pool.questions.iter().collect();
        let areas = learn::weakest(&answers, &pool.blueprint, &questions, &WeakConfig::default());
        if areas.is_empty() {
            return Ok(None);
        }
        let states = self.current_memory_states()?;
        let ids = learn::drill(&questions, &areas, &states, now, count, seed);
        Ok((!ids.is_empty()).then_some(WeakDrill { ids, areas }))
    }

    /// The pass-readiness forecast for the pool's exam at `now`.
    pub fn readiness(&self, pool: &Pool, now: Timestamp) -> Result<Readiness, StoreError> {
        let answers = self.recent_answers(&pool.blueprint.code, now)?;
        Ok(learn::forecast(&answers, &pool.blueprint, now, &ReadinessConfig::default()))
    }
}
