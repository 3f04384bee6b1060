//! The UI's link to the store: what the home screen shows (the unfinished
//! session, the attempt count and latest attempts), the autosave of the
//! running session, recording finished sessions, past attempts to reopen,
//! and the focus sets drawn from the answer log.
//!
//! When the data directory cannot be used the store lives in memory: all of
//! this still works for the run, and [`Persistence::unsaved_reason`] says why
//! nothing is kept.

use crate::bank::{BankRef, Pool};
use crate::engine::{Results, SessionState};
use crate::store::focus::{Focus, FocusSet};
use crate::store::{Attempt, AttemptHeader, InProgress, Store, StoreError, in_progress};
use jiff::Timestamp;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;
use thiserror::Error;

/// How many attempts the home screen lists.
pub const RECENT_ON_HOME: usize = 3;

/// A store operation the user should hear about, with what it was doing.
#[derive(Debug, Error)]
pub enum PersistError {
    #[error("Could not save progress: {0}")]
    Save(StoreError),
    #[error("Could not save this result to history: {0}")]
    Record(StoreError),
    #[error("Could not remove the unfinished session: {0}")]
    Discard(StoreError),
    #[error("Could not read the history: {0}")]
    Read(StoreError),
}

/// The running session, as the store knows it.
pub struct Active {
    pub id: String,
    pub started_at: Timestamp,
    /// Time since the last autosave.
    pub since_save: Duration,
}

impl Active {
    /// A saved session taken up again.
    pub fn resumed(saved: &InProgress) -> Active {
        Active { id: saved.id.clone(), started_at: saved.started_at, since_save: Duration::ZERO }
    }
}

/// What the home screen shows from the answer log, once the first frame is up.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeLearning {
    /// Reviews due now.
    pub due: usize,
    /// When the next review falls, if none is due now.
    pub next_due: Option<Timestamp>,
    pub readiness: crate::learn::Readiness,
}

/// Due reviews and readiness of `pool` at `now`.
/// Below this many attempts (of any exam) the home screen's reviews and
/// readiness are read in place: about a millisecond (5 ms the first time the
/// review states are built), less than a thread with a second connection
/// takes to start, and 0.4 MiB less memory.
pub const READ_IN_PLACE_BELOW: usize = 100;

fn learning(store: &mut Store, pool: &Pool, now: Timestamp) -> Result<HomeLearning, String> {
    let read = |e| PersistError::Read(e).to_string();
    let due = store.due_reviews(pool, now).map_err(read)?;
    let readiness = store.readiness(pool, now).map_err(read)?;
    Ok(HomeLearning { due: due.ids.len(), next_due: due.next, readiness })
}

/// What the home screen shows from the store.
#[derive(Debug, Default)]
pub struct HomeData {
    pub resumable: Option<InProgress>,
    pub attempts: usize,
    /// Newest first.
    pub recent: Vec<AttemptHeader>,
}

pub struct Persistence {
    store: Store,
    banks: Vec<BankRef>,
    /// The wall clock for records (the real one; fixed in tests).
    pub clock: fn() -> Timestamp,
}

impl Persistence {
    pub fn new(store: Store, banks: Vec<BankRef>) -> Persistence {
        Persistence { store, banks, clock: Timestamp::now }
    }

    /// Why history is not being saved, when the store is in memory.
    pub fn unsaved_reason(&self) -> Option<&str> {
        self.store.unsaved_reason()
    }

    /// A new session starting now.
    pub fn begin(&self) -> Active {
        Active { id: Store::new_id(), started_at: (self.clock)(), since_save: Duration::ZERO }
    }

    /// The banks that new records name (after switching exams).
    pub fn set_banks(&mut self, banks: Vec<BankRef>) {
        self.banks = banks;
    }

    /// Remembers `exam` as the one last used; a failure goes to `notices`.
    pub fn remember_exam(&mut self, exam: &str, notices: &mut Vec<String>) {
        if self.store.last_exam().ok().flatten().as_deref() != Some(exam)
            && let Err(e) = self.store.set_last_exam(exam)
        {
            notices.push(PersistError::Save(e).to_string());
        }
    }

    /// The unfinished session of `exam` to offer and its latest attempts; problems go to `notices`.
    pub fn home_data(&mut self, exam: &str, notices: &mut Vec<String>) -> HomeData {
        let mut data = HomeData::default();
        match self.latest_in_progress(Some(exam), notices) {
            Ok(saved) => data.resumable = saved,
            Err(e) => notices.push(e.to_string()),
        }
        let exam = Some(exam);
        match self.store.attempt_count(exam).and_then(|n| Ok((n, self.store.recent_of(exam, RECENT_ON_HOME)?))) {
            Ok((attempts, recent)) => (data.attempts, data.recent) = (attempts, recent),
            Err(e) => notices.push(PersistError::Read(e).to_string()),
        }
        data
    }

    /// The most recently saved unfinished session (of `exam`, when given).
    pub fn latest_in_progress(
        &mut self,
        exam: Option<&str>,
        notices: &mut Vec<String>,
    ) -> Result<Option<InProgress>, PersistError> {
        let latest = self.store.latest_in_progress_of(exam).map_err(PersistError::Read)?;
        notices.extend(latest.notices);
        Ok(latest.session)
    }

    /// Autosaves the running session.
    pub fn save(&mut self, active: &mut Active, state: &SessionState) -> Result<(), PersistError> {
        active.since_save = Duration::ZERO;
        let saved = InProgress {
            schema: in_progress::SCHEMA,
            id: active.id.clone(),
            started_at: active.started_at,
            saved_at: (self.clock)(),
            banks: self.banks.clone(),
            state: state.clone(),
        };
        self.store.save_in_progress(&saved).map_err(PersistError::Save)
    }

    /// Records a finished session in the history and forgets its autosave, in
    /// one transaction; a session with nothing graded is only forgotten.
    pub fn finish(&mut self, active: Active, state: &SessionState, results: Results) -> Result<(), PersistError> {
        if results.questions.is_empty() {
            return self.discard(&active.id);
        }
        let times = (active.started_at, (self.clock)());
        let attempt = Attempt::of(active.id, times, self.banks.clone(), state, results);
        self.store.record(&attempt).map_err(PersistError::Record)
    }

    /// Forgets an unfinished session.
    pub fn discard(&mut self, id: &str) -> Result<(), PersistError> {
        self.store.discard_in_progress(id).map_err(PersistError::Discard)
    }

    /// Moves a saved session that cannot be resumed out of the way; returns the notice.
    pub fn set_aside(&mut self, id: &str, why: &str) -> String {
        self.store.set_aside_in_progress(id, why).unwrap_or_else(|e| PersistError::Discard(e).to_string())
    }

    /// The latest `limit` attempts of `exam` (newest first) and how many there are in all.
    pub fn recent(&self, exam: &str, limit: usize) -> Result<(Vec<AttemptHeader>, usize), PersistError> {
        let recent = self.store.recent_of(Some(exam), limit).map_err(PersistError::Read)?;
        Ok((recent, self.store.attempt_count(Some(exam)).map_err(PersistError::Read)?))
    }

    /// One past attempt with its answers.
    pub fn attempt(&self, id: &str) -> Result<Option<Attempt>, PersistError> {
        self.store.attempt(id).map_err(PersistError::Read)
    }

    /// Due reviews and readiness for the pool now; the answer comes through
    /// the returned channel. With a history of [`READ_IN_PLACE_BELOW`]
    /// attempts or more, the work runs on its own thread and connection, so
    /// that a long history never holds up a key press.
    pub fn home_learning(&mut self, pool: &Arc<Pool>) -> Receiver<Result<HomeLearning, String>> {
        let (send, receive) = channel();
        let now = (self.clock)();
        let in_place = self.reads_in_place();
        match self.store.dir().map(Path::to_path_buf).filter(|_| !in_place) {
            Some(dir) => {
                let pool = Arc::clone(pool);
                std::thread::spawn(move || {
                    let learning = Store::open(Some(&dir))
                        .map_err(|e| PersistError::Read(e).to_string())
                        .and_then(|mut opened| learning(&mut opened.store, &pool, now));
                    let _ = send.send(learning);
                });
            }
            None => {
                let _ = send.send(learning(&mut self.store, pool, now));
            }
        }
        receive
    }

    /// Whether the home screen's reviews and readiness are read in place:
    /// with no data directory, or a history shorter than [`READ_IN_PLACE_BELOW`].
    fn reads_in_place(&self) -> bool {
        self.store.dir().is_none() || self.store.attempt_count(None).is_ok_and(|n| n < READ_IN_PLACE_BELOW)
    }

    /// The readiness forecast for the pool now.
    pub fn readiness(&self, pool: &Pool) -> Result<crate::learn::Readiness, PersistError> {
        self.store.readiness(pool, (self.clock)()).map_err(PersistError::Read)
    }

    /// One focus set for the pool now.
    pub fn focus_set(&mut self, pool: &Pool, focus: Focus, count: usize) -> Result<FocusSet, PersistError> {
        let now = (self.clock)();
        self.store.focus_set(pool, focus, now, count, rand::random()).map_err(PersistError::Read)
    }

    /// Every focus set on offer for the pool now; a weak drill holds up to `count`.
    pub fn focus_sets(&mut self, pool: &Pool, count: usize, notices: &mut Vec<String>) -> Vec<FocusSet> {
        let now = (self.clock)();
        let seed = rand::random();
        let mut sets = Vec::new();
        for focus in Focus::ALL {
            match self.store.focus_set(pool, focus, now, count, seed) {
                Ok(set) => sets.push(set),
                Err(e) => notices.push(PersistError::Read(e).to_string()),
            }
        }
        sets
    }
}

#[cfg(test)]
mod tests {
    use super::{Persistence, READ_IN_PLACE_BELOW};
    use crate::engine::fixtures::{T0, pool};
    use crate::engine::{Results, Session, Settings, StudyFilter};
    use crate::store::{Attempt, Store};

    #[test]
    fn a_short_history_is_read_in_place_and_a_long_one_on_a_thread() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Store::open(Some(dir.path())).unwrap_or_else(|e| panic!("{e}")).store;
        let pool = pool(6);
        let mut persistence = Persistence::new(store, pool.banks.clone());
        assert!(persistence.reads_in_place());
        let session =
            Session::new(&pool, Settings::study(StudyFilter::default(), 5, 1)).unwrap_or_else(|e| panic!("{e}"));
        let attempt =
            |i| Attempt::of(format!("a{i}"), (T0, T0), pool.banks.clone(), session.state(), Results::of(&session));
        let short: Vec<Attempt> = (1..READ_IN_PLACE_BELOW).map(attempt).collect();
        persistence.store.record_all(&short).unwrap_or_else(|e| panic!("{e}"));
        assert!(persistence.reads_in_place());
        persistence.store.record(&attempt(0)).unwrap_or_else(|e| panic!("{e}"));
        assert!(!persistence.reads_in_place());
        let memory = Store::memory("test".into()).unwrap_or_else(|e| panic!("{e}"));
        assert!(Persistence::new(memory, pool.banks.clone()).reads_in_place(), "no data directory");
    }
}
