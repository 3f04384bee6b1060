//! The data directory: one SQLite database holding finished attempts, one row
//! per answer (the review log), and the sessions in progress; the one-time
//! import of the JSON files earlier versions wrote; and exports.
//!
//! ```text
//! <data dir>/mla-quiz.sqlite3      the database (WAL journal beside it)
//! <data dir>/history/*.json         written by earlier versions: read once, never changed
//! <data dir>/in-progress/*.json     likewise
//! <data dir>/corrupt/               a database or saved session that could not be read, kept aside
//! ```
//!
//! When the data directory cannot be used, [`Store::open_or_memory`] keeps the
//! history in memory for this run and says why, so a session is never refused.

pub mod attempts;
pub mod export;
pub mod files;
pub mod focus;
pub mod in_progress;
pub mod learning;
mod legacy;
mod meta;
pub mod record;
mod schema;
pub mod stats;
mod time;

pub use crate::bank::BankRef;
pub use attempts::AttemptHeader;
pub use in_progress::InProgress;
pub use record::Attempt;
use rusqlite::Connection;
use schema::OpenFailure;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The schema migrations, oldest first: entry `i` brings a database to version `i + 1`.
pub fn migrations() -> &'static [&'static str] {
    schema::MIGRATIONS
}

/// The database file's name in the data directory.
pub const DATABASE_FILE: &str = "mla-quiz.sqlite3";

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no data directory: set --data-dir or MLA_QUIZ_DATA_DIR")]
    NoDataDir,
    #[error("cannot use {path} as the data directory: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error(
        "{path} was written by a newer mla-quiz (schema version {version}; this one knows up to {known}). \
         It was left as it is: update mla-quiz, or use --data-dir to keep this run's history elsewhere"
    )]
    Newer { path: PathBuf, version: u32, known: u32 },
    #[error("{path}: {source}")]
    Database { path: PathBuf, source: rusqlite::Error },
    #[error("the history database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("a stored record could not be encoded or decoded: {0}")]
    Json(#[from] serde_json::Error),
    #[error("a stored time is out of range: {0}")]
    Time(String),
    #[error("a stored record is damaged: {0}")]
    Damaged(String),
}

/// A store and what happened while opening it (a database set aside, files imported).
pub struct Opened {
    pub store: Store,
    pub notices: Vec<String>,
}

pub struct Store {
    conn: Connection,
    /// The data directory, or `None` when history is kept in memory only.
    dir: Option<PathBuf>,
    /// Why history is kept in memory only.
    unsaved_reason: Option<String>,
}

impl Store {
    /// The platform's data directory, or `dir`.
    pub fn data_dir(dir: Option<&Path>) -> Result<PathBuf, StoreError> {
        match dir {
            Some(dir) => Ok(dir.to_path_buf()),
            None => directories::ProjectDirs::from("", "", "mla-quiz")
                .map(|p| p.data_dir().to_path_buf())
                .ok_or(StoreError::NoDataDir),
        }
    }

    /// Opens (or creates) the database in `dir` or the platform's data
    /// directory, imports the JSON history of earlier versions once, and sets
    /// aside a database file that is not a readable SQLite database.
    pub fn open(dir: Option<&Path>) -> Result<Opened, StoreError> {
        let dir = Self::data_dir(dir)?;
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::DataDir { path: dir.clone(), source })?;
        let path = dir.join(DATABASE_FILE);
        let mut notices = Vec::new();
        let conn = match open_file(&path) {
            Err(OpenFailure::NotADatabase(error)) => {
                notices.push(set_aside_database(&dir, &path, &error)?);
                open_file(&path).map_err(|failure| failure_error(&path, failure))?
            }
            opened => opened.map_err(|failure| failure_error(&path, failure))?,
        };
        let mut store = Store { conn, dir: Some(dir), unsaved_reason: None };
        notices.extend(legacy::import(&mut store)?);
        Ok(Opened { store, notices })
    }

    /// [`Store::open`], or when that fails, a store in memory that says why
    /// nothing is being saved.
    pub fn open_or_memory(dir: Option<&Path>) -> Result<Opened, StoreError> {
        match Self::open(dir) {
            Ok(opened) => Ok(opened),
            Err(error) => {
                let reason = error.to_string();
                let store = Store::memory(reason.clone())?;
                Ok(Opened { store, notices: vec![format!("History is not being saved: {reason}")] })
            }
        }
    }

    /// A store that keeps everything in memory for this run only.
    pub fn memory(reason: String) -> Result<Store, StoreError> {
        let path = Path::new(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|e| failure_error(path, e.into()))?;
        schema::prepare(&mut conn).map_err(|failure| failure_error(path, failure))?;
        Ok(Store { conn, dir: None, unsaved_reason: Some(reason) })
    }

    /// The data directory (`None` in memory).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Why history is not being saved, when it is kept in memory only.
    pub fn unsaved_reason(&self) -> Option<&str> {
        self.unsaved_reason.as_deref()
    }

    /// A new id for an attempt or session.
    pub fn new_id() -> String {
        files::unique_name("")
    }
}

fn open_file(path: &Path) -> Result<Connection, OpenFailure> {
    let mut conn = Connection::open(path)?;
    schema::prepare(&mut conn)?;
    Ok(conn)
}

fn failure_error(path: &Path, failure: OpenFailure) -> StoreError {
    match failure {
        OpenFailure::Newer(version) => StoreError::Newer { path: path.to_path_buf(), version, known: schema::LATEST },
        OpenFailure::NotADatabase(source) | OpenFailure::Other(source) => {
            StoreError::Database { path: path.to_path_buf(), source }
        }
    }
}

/// Moves a database file that SQLite cannot read (and its journal files) to
/// `corrupt/`, byte for byte, and says where.
fn set_aside_database(dir: &Path, path: &Path, error: &rusqlite::Error) -> Result<String, StoreError> {
    let corrupt = dir.join("corrupt");
    let moved =
        files::move_aside(path, &corrupt).map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            files::move_aside(&side, &corrupt).map_err(|source| StoreError::Io { path: side.clone(), source })?;
        }
    }
    Ok(format!(
        "{} could not be read as a database ({error}); it was moved to {} and a new history was started",
        path.display(),
        moved.display()
    ))
}
