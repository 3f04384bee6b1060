//! Sessions in progress: the autosave (one row per session, replaced in one
//! transaction at every save), the latest one to resume, and setting aside a
//! saved session that cannot be read — its bytes go to `corrupt/`, never lost.

use super::time::{from_db, to_db};
use super::{BankRef, Store, StoreError, files};
use crate::engine::SessionState;
use jiff::Timestamp;
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

/// An autosaved session in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InProgress {
    pub schema: u32,
    pub id: String,
    pub started_at: Timestamp,
    pub saved_at: Timestamp,
    pub banks: Vec<BankRef>,
    pub state: SessionState,
}

/// The layout of an in-progress session written as JSON by earlier versions.
pub const SCHEMA: u32 = 1;

/// The latest unfinished session, with notes on any that had to be set aside.
#[derive(Debug, Default)]
pub struct Latest {
    pub session: Option<InProgress>,
    pub notices: Vec<String>,
}

/// A stored row as read, before its state is parsed.
struct Row {
    id: String,
    started_at: i64,
    saved_at: i64,
    banks: String,
    state: String,
}

impl Store {
    /// Saves the session in progress, replacing its previous save.
    pub fn save_in_progress(&mut self, saved: &InProgress) -> Result<(), StoreError> {
        let (state, banks) = (serde_json::to_string(&saved.state)?, serde_json::to_string(&saved.banks)?);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO in_progress (id, exam, started_at, saved_at, banks, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, banks = excluded.banks, state = excluded.state",
            params![saved.id, saved.state.exam, to_db(saved.started_at)?, to_db(saved.saved_at)?, banks, state],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The most recently saved unfinished session. One whose saved state cannot
    /// be read is set aside (see [`Store::set_aside_in_progress`]) and the next is tried.
    pub fn latest_in_progress(&mut self) -> Result<Latest, StoreError> {
        self.latest_in_progress_of(None)
    }

    /// [`Store::latest_in_progress`] among the sessions of `exam` (all when `None`).
    pub fn latest_in_progress_of(&mut self, exam: Option<&str>) -> Result<Latest, StoreError> {
        let mut latest = Latest::default();
        loop {
            let row = self
                .conn
                .query_row(
                    "SELECT id, started_at, saved_at, banks, state FROM in_progress \
                     WHERE ?1 IS NULL OR exam = ?1 COLLATE NOCASE ORDER BY saved_at DESC, id DESC LIMIT 1",
                    [exam],
                    |r| {
                        Ok(Row {
                            id: r.get(0)?,
                            started_at: r.get(1)?,
                            saved_at: r.get(2)?,
                            banks: r.get(3)?,
                            state: r.get(4)?,
                        })
                    },
                )
                .optional()?;
            let Some(row) = row else { return Ok(latest) };
            match parse(&row) {
                Ok(session) => {
                    latest.session = Some(session);
                    return Ok(latest);
                }
                Err(why) => latest.notices.push(self.set_aside_in_progress(&row.id, &why)?),
            }
        }
    }

    /// Moves a saved session that cannot be used out of the database: its
    /// saved JSON is written to `corrupt/` first and only then removed here.
    /// Returns the notice to show. In memory there is no folder: it is dropped.
    pub fn set_aside_in_progress(&mut self, id: &str, why: &str) -> Result<String, StoreError> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT json_object('id', id, 'started_at', started_at, 'saved_at', saved_at, 'banks', banks, \
                 'state', state) FROM in_progress WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(text) = text else { return Ok(format!("The unfinished session could not be used ({why})")) };
        let kept = match &self.dir {
            Some(dir) => {
                let corrupt = dir.join("corrupt");
                std::fs::create_dir_all(&corrupt).map_err(|source| StoreError::Io { path: corrupt.clone(), source })?;
                let path = corrupt.join(format!("in-progress-{}.json", Store::new_id()));
                files::write_new(&path, |w: &mut dyn std::io::Write| w.write_all(text.as_bytes()))
                    .map_err(|source| StoreError::Io { path: path.clone(), source })?;
                format!("; it was moved to {}", path.display())
            }
            None => String::new(),
        };
        self.discard_in_progress(id)?;
        Ok(format!("The unfinished session could not be used ({why}){kept}"))
    }

    /// Forgets an in-progress session (finished or discarded).
    pub fn discard_in_progress(&mut self, id: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM in_progress WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }
}

fn parse(row: &Row) -> Result<InProgress, String> {
    let banks: Vec<BankRef> = serde_json::from_str(&row.banks).map_err(|e| e.to_string())?;
    let state: SessionState = serde_json::from_str(&row.state).map_err(|e| e.to_string())?;
    Ok(InProgress {
        schema: SCHEMA,
        id: row.id.clone(),
        started_at: from_db(row.started_at).map_err(|e| e.to_string())?,
        saved_at: from_db(row.saved_at).map_err(|e| e.to_string())?,
        banks,
        state,
    })
}
