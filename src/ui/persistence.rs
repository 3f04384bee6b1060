//! The UI's link to the store: what the home screen shows (the unfinished
//! session, recent attempts), the autosave of the running session, recording
//! finished sessions, and the focus sets drawn from the history.
//!
//! Without a store (no data directory) everything here quietly does nothing.

use crate::bank::{BankRef, Pool};
use crate::engine::{Results, SessionState};
use crate::store::stats::Focus;
use crate::store::{Attempt, IN_PROGRESS_SCHEMA, InProgress, Store, record};
use jiff::Timestamp;
use std::collections::BTreeSet;
use std::time::Duration;

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

pub struct Persistence {
    store: Option<Store>,
    banks: Vec<BankRef>,
    /// The wall clock for records (the real one; fixed in tests).
    pub clock: fn() -> Timestamp,
}

impl Persistence {
    pub fn new(store: Option<Store>, banks: Vec<BankRef>) -> Persistence {
        Persistence { store, banks, clock: Timestamp::now }
    }

    /// A new session starting now.
    pub fn begin(&self) -> Active {
        Active { id: Store::new_id(), started_at: (self.clock)(), since_save: Duration::ZERO }
    }

    /// The unfinished session to offer and the past attempts; problems go to `notices`.
    pub fn home_data(&self, notices: &mut Vec<String>) -> (Option<InProgress>, Vec<Attempt>) {
        let Some(store) = &self.store else { return (None, Vec::new()) };
        let saved = match store.in_progress() {
            Ok(loaded) => {
                notices.extend(loaded.notices);
                loaded.items.into_iter().next()
            }
            Err(e) => {
                notices.push(e.to_string());
                None
            }
        };
        let recent = match store.history() {
            Ok(loaded) => {
                notices.extend(loaded.notices);
                loaded.items
            }
            Err(e) => {
                notices.push(e.to_string());
                Vec::new()
            }
        };
        (saved, recent)
    }

    /// The most recently saved unfinished session.
    pub fn latest_in_progress(&self, notices: &mut Vec<String>) -> Result<Option<InProgress>, String> {
        let Some(store) = &self.store else { return Ok(None) };
        let loaded = store.in_progress().map_err(|e| e.to_string())?;
        notices.extend(loaded.notices);
        Ok(loaded.items.into_iter().next())
    }

    /// Autosaves the running session.
    pub fn save(&self, active: &mut Active, state: &SessionState) -> Result<(), String> {
        let Some(store) = &self.store else { return Ok(()) };
        active.since_save = Duration::ZERO;
        let saved = InProgress {
            schema: IN_PROGRESS_SCHEMA,
            id: active.id.clone(),
            started_at: active.started_at,
            saved_at: (self.clock)(),
            banks: self.banks.clone(),
            state: state.clone(),
        };
        store.save_in_progress(&saved).map_err(|e| format!("Could not save progress: {e}"))
    }

    /// Records a finished session in the history (unless nothing was graded)
    /// and forgets its autosave.
    pub fn finish(&self, active: Active, state: &SessionState, results: Results) -> Result<(), String> {
        let Some(store) = &self.store else { return Ok(()) };
        if !results.questions.is_empty() {
            let attempt = Attempt {
                schema: record::SCHEMA,
                id: active.id.clone(),
                started_at: active.started_at,
                ended_at: (self.clock)(),
                mode: state.settings.mode,
                banks: self.banks.clone(),
                exam: state.exam.clone(),
                settings: state.settings.clone(),
                summary: results.summary,
                questions: results.questions,
            };
            store.record(&attempt).map_err(|e| format!("Could not save this result to history: {e}"))?;
        }
        self.discard(&active.id)
    }

    /// Forgets an unfinished session.
    pub fn discard(&self, id: &str) -> Result<(), String> {
        let Some(store) = &self.store else { return Ok(()) };
        store.discard_in_progress(id).map_err(|e| format!("Could not remove the autosave: {e}"))
    }

    /// Every attempt, oldest first, with notices about unreadable files.
    pub fn history(&self) -> Result<(Vec<Attempt>, Vec<String>), String> {
        let Some(store) = &self.store else { return Ok((Vec::new(), Vec::new())) };
        let loaded = store.history().map_err(|e| e.to_string())?;
        Ok((loaded.items, loaded.notices))
    }

    /// "Missed last time" and "not seen yet", from the history (none without a store).
    pub fn focus_sets(&self, pool: &Pool, notices: &mut Vec<String>) -> Vec<(Focus, BTreeSet<String>)> {
        if self.store.is_none() {
            return Vec::new();
        }
        let history = match self.history() {
            Ok((attempts, _)) => attempts,
            Err(e) => {
                notices.push(e);
                return Vec::new();
            }
        };
        let ids = || pool.questions.iter().map(|q| q.id.as_str());
        [Focus::Missed, Focus::Unseen].into_iter().map(|f| (f, f.ids(&history, ids()))).collect()
    }
}
