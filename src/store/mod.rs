//! The data directory: score history, the autosaved in-progress session, and
//! exports. It owns every write to disk.
//!
//! Layout (all JSON, one file per record so concurrent processes never write
//! the same file):
//!
//! ```text
//! <data dir>/history/<time>-<pid>-<random>.json    one finished attempt each
//! <data dir>/in-progress/<session id>.json          autosaved sessions
//! <data dir>/corrupt/<name>.<time>                  files that could not be read, kept aside
//! ```

pub mod export;
mod files;
pub mod record;
pub mod stats;

pub use crate::bank::BankRef;
use crate::engine::SessionState;
pub use files::{write_atomic, write_new};
use jiff::Timestamp;
pub use record::Attempt;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("no data directory: set --data-dir or MLA_QUIZ_DATA_DIR")]
    NoDataDir,
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_path_buf(), source }
}

/// Why a stored file was not loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Broken, or of a schema no version understands: moved to `corrupt/`.
    Corrupt(String),
    /// Written by a newer mla-quiz: left where it is for that version to read.
    Newer(String),
}

/// The `schema` of a stored document, when this version may know it (at most `known`).
fn schema_of(value: &serde_json::Value, known: u32) -> Result<u64, Unreadable> {
    match value.get("schema").and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(known) => {
            Err(Unreadable::Newer(format!("schema {v} is newer than this mla-quiz understands (up to {known})")))
        }
        Some(v) => Ok(v),
        None => Err(Unreadable::Corrupt("no schema version".into())),
    }
}

/// Records read back, with notes on any file that had to be moved aside.
#[derive(Debug)]
pub struct Loaded<T> {
    pub items: Vec<T>,
    /// "history/x.json could not be read (…); moved to corrupt/x.json.2026…"
    pub notices: Vec<String>,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded { items: Vec::new(), notices: Vec::new() }
    }
}

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

pub const IN_PROGRESS_SCHEMA: u32 = 1;

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store in `dir`, or in the platform's data directory.
    pub fn open(dir: Option<&Path>) -> Result<Store, StoreError> {
        let dir = match dir {
            Some(dir) => dir.to_path_buf(),
            None => directories::ProjectDirs::from("", "", "mla-quiz")
                .map(|p| p.data_dir().to_path_buf())
                .ok_or(StoreError::NoDataDir)?,
        };
        Ok(Store { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn history_dir(&self) -> PathBuf {
        self.dir.join("history")
    }

    fn in_progress_dir(&self) -> PathBuf {
        self.dir.join("in-progress")
    }

    fn corrupt_dir(&self) -> PathBuf {
        self.dir.join("corrupt")
    }

    /// A new id for an attempt or session.
    pub fn new_id() -> String {
        files::unique_name("")
    }

    /// Adds a finished attempt to the history.
    pub fn record(&self, attempt: &Attempt) -> Result<PathBuf, StoreError> {
        let path = self.history_dir().join(format!("{}.json", attempt.id));
        let bytes = serde_json::to_vec_pretty(attempt).unwrap_or_default();
        files::write_atomic(&path, &bytes).map_err(io_error(&path))?;
        Ok(path)
    }

    /// Every attempt, oldest first. Unreadable files are moved aside and reported.
    pub fn history(&self) -> Result<Loaded<Attempt>, StoreError> {
        let mut loaded = self.read_all(&self.history_dir(), record::parse)?;
        loaded.items.sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
        Ok(loaded)
    }

    /// Saves the in-progress session (atomically replacing its previous save).
    pub fn save_in_progress(&self, saved: &InProgress) -> Result<(), StoreError> {
        let path = self.in_progress_dir().join(format!("{}.json", saved.id));
        let bytes = serde_json::to_vec(saved).unwrap_or_default();
        files::write_atomic(&path, &bytes).map_err(io_error(&path))
    }

    /// Unfinished sessions, most recently saved first.
    pub fn in_progress(&self) -> Result<Loaded<InProgress>, StoreError> {
        let parse = |text: &str| -> Result<InProgress, Unreadable> {
            let value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| Unreadable::Corrupt(e.to_string()))?;
            match schema_of(&value, IN_PROGRESS_SCHEMA)? {
                v if v == u64::from(IN_PROGRESS_SCHEMA) => {
                    serde_json::from_value(value).map_err(|e| Unreadable::Corrupt(e.to_string()))
                }
                v => Err(Unreadable::Corrupt(format!("unknown schema {v}"))),
            }
        };
        let mut loaded = self.read_all(&self.in_progress_dir(), parse)?;
        loaded.items.sort_by_key(|saved| std::cmp::Reverse(saved.saved_at));
        Ok(loaded)
    }

    /// Forgets an in-progress session (finished or discarded).
    pub fn discard_in_progress(&self, id: &str) -> Result<(), StoreError> {
        let path = self.in_progress_dir().join(format!("{id}.json"));
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(&path)(e)),
            _ => Ok(()),
        }
    }

    /// Reads every record of `dir`. Corrupt files are moved aside, newer ones left
    /// alone; both are reported. A file another process moves or removes meanwhile is skipped.
    fn read_all<T>(&self, dir: &Path, parse: impl Fn(&str) -> Result<T, Unreadable>) -> Result<Loaded<T>, StoreError> {
        let mut loaded = Loaded { items: Vec::new(), notices: Vec::new() };
        for path in files::json_files(dir).map_err(io_error(dir))? {
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io_error(&path)(e)),
            };
            let parsed = String::from_utf8(bytes)
                .map_err(|_| Unreadable::Corrupt("not UTF-8".to_string()))
                .and_then(|text| parse(&text));
            match parsed {
                Ok(item) => loaded.items.push(item),
                Err(Unreadable::Newer(why)) => {
                    loaded.notices.push(format!("{} was left where it is: {why}", path.display()));
                }
                Err(Unreadable::Corrupt(why)) => loaded.notices.extend(self.set_aside(&path, &why)?),
            }
        }
        Ok(loaded)
    }

    /// Moves an unreadable file to `corrupt/` and says so (nothing if another process moved it first).
    fn set_aside(&self, path: &Path, why: &str) -> Result<Option<String>, StoreError> {
        match files::move_aside(path, &self.corrupt_dir()) {
            Ok(moved) => {
                Ok(Some(format!("{} could not be read ({why}); it was moved to {}", path.display(), moved.display())))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !path.exists() => Ok(None),
            Err(e) => Err(io_error(path)(e)),
        }
    }
}
