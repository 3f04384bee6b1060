//! The one-time import of the JSON files earlier versions wrote: finished
//! attempts in `history/` (record schemas 1 and 2) and autosaves in
//! `in-progress/`. The files are only read, never changed or removed.
//!
//! Each file is read once: its path goes into `imported_files` with what came
//! of it, in the same transaction as its rows, so importing again adds nothing
//! (attempts are also keyed by id). A folder is listed again only when its
//! modification time changes, so a large old history costs nothing at start.
//! A file that cannot be read is reported once and skipped.

use super::in_progress::{self, InProgress};
use super::record::{self, Unreadable};
use super::{Store, StoreError, attempts, files};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use std::path::Path;
use std::time::UNIX_EPOCH;

/// The folders earlier versions wrote, relative to the data directory.
const HISTORY: &str = "history";
const IN_PROGRESS: &str = "in-progress";

/// Imports every file not yet imported, both folders in one transaction;
/// returns notices about files that could not be.
pub(super) fn import(store: &mut Store) -> Result<Vec<String>, StoreError> {
    let Some(dir) = store.dir.clone() else { return Ok(Vec::new()) };
    let mut changed = Vec::new();
    for folder in [HISTORY, IN_PROGRESS] {
        let Some(stamp) = modified(&dir.join(folder)) else { continue };
        let key = format!("scanned:{folder}");
        let seen: Option<String> =
            store.conn.query_row("SELECT value FROM meta WHERE key = ?1", [&key], |r| r.get(0)).optional()?;
        if seen.as_deref() != Some(stamp.as_str()) {
            changed.push((folder, key, stamp));
        }
    }
    let mut notices = Vec::new();
    if changed.is_empty() {
        return Ok(notices);
    }
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (folder, key, stamp) in changed {
        let path = dir.join(folder);
        for file in files::json_files(&path).map_err(|source| StoreError::Io { path: path.clone(), source })? {
            let relative = format!("{folder}/{}", file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
            if already_imported(&tx, &relative)? {
                continue;
            }
            let outcome = match import_file(&tx, folder, &file) {
                Ok(outcome) => outcome,
                Err(why) => {
                    notices.push(format!("{} could not be imported ({why}); it was left where it is", file.display()));
                    format!("skipped: {why}")
                }
            };
            tx.execute("INSERT INTO imported_files (path, outcome) VALUES (?1, ?2)", params![relative, outcome])?;
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, stamp],
        )?;
    }
    tx.commit()?;
    Ok(notices)
}

/// A folder's modification time as text, or `None` when there is no such folder.
fn modified(path: &Path) -> Option<String> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(time.duration_since(UNIX_EPOCH).map_or_else(|_| "0".into(), |d| d.as_nanos().to_string()))
}

fn already_imported(tx: &Transaction<'_>, relative: &str) -> Result<bool, StoreError> {
    Ok(tx.query_row("SELECT 1 FROM imported_files WHERE path = ?1", [relative], |_| Ok(())).optional()?.is_some())
}

/// Imports one file; `Err` says why it could not be read (a database error
/// is reported the same way, and stops nothing else).
fn import_file(tx: &Transaction<'_>, folder: &str, file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())?;
    if folder == HISTORY {
        let attempt = record::parse(&text).map_err(|why| match why {
            Unreadable::Corrupt(why) | Unreadable::Newer(why) => why,
        })?;
        let new = attempts::insert(tx, &attempt).map_err(|e| e.to_string())?;
        return Ok(if new {
            format!("attempt {}", attempt.id)
        } else {
            format!("attempt {} (already stored)", attempt.id)
        });
    }
    let saved = parse_in_progress(&text)?;
    let state = serde_json::to_string(&saved.state).map_err(|e| e.to_string())?;
    let banks = serde_json::to_string(&saved.banks).map_err(|e| e.to_string())?;
    let started = super::time::to_db(saved.started_at).map_err(|e| e.to_string())?;
    let saved_at = super::time::to_db(saved.saved_at).map_err(|e| e.to_string())?;
    // The id names the session in the database only; it never becomes a path.
    tx.execute(
        "INSERT OR IGNORE INTO in_progress (id, exam, started_at, saved_at, banks, state) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![saved.id, saved.state.exam, started, saved_at, banks, state],
    )
    .map_err(|e| e.to_string())?;
    Ok(format!("session {}", saved.id))
}

fn parse_in_progress(text: &str) -> Result<InProgress, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    match value.get("schema").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(in_progress::SCHEMA) => serde_json::from_value(value).map_err(|e| e.to_string()),
        Some(v) => Err(format!("unknown schema {v}")),
        None => Err("no schema version".into()),
    }
}
