//! Opening the database: connection settings, the schema version and its
//! numbered migrations, and refusing a database that a newer mla-quiz wrote.
//!
//! The version is SQLite's `user_version`. Migration `n` (in `migrations/`)
//! takes a database from version `n - 1` to `n`; each runs in its own
//! transaction, so a crash leaves the database at a version it had.

use rusqlite::{Connection, ErrorCode, TransactionBehavior};
use std::time::Duration;

/// The migrations, in order: entry `i` brings the schema to version `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_reviews.sql"),
    include_str!("migrations/0003_tallies.sql"),
];

/// The schema version this build writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// How long a write waits for another process's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a database could not be opened for use.
#[derive(Debug)]
pub enum OpenFailure {
    /// Not a SQLite database, or damaged beyond use.
    NotADatabase(rusqlite::Error),
    /// Written by a newer mla-quiz: its schema version.
    Newer(u32),
    Other(rusqlite::Error),
}

impl From<rusqlite::Error> for OpenFailure {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => OpenFailure::NotADatabase(error),
            _ => OpenFailure::Other(error),
        }
    }
}

/// Sets up a connection (WAL journal, busy timeout, foreign keys) and brings
/// its schema to [`LATEST`].
pub fn prepare(conn: &mut Connection) -> Result<(), OpenFailure> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Reading the version first is what detects a file that is not a database.
    let version = user_version(conn)?;
    if version > LATEST {
        return Err(OpenFailure::Newer(version));
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(OpenFailure::Other(rusqlite::Error::InvalidParameterName(format!("journal mode {mode}"))));
    }
    conn.pragma_update(None, "synchronous", "full")?;
    migrate(conn)
}

fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies every migration the database lacks, each in its own write
/// transaction; another process migrating at the same moment is waited for.
fn migrate(conn: &mut Connection) -> Result<(), OpenFailure> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        if version > LATEST {
            return Err(OpenFailure::Newer(version));
        }
        let Some(sql) = MIGRATIONS.get(version as usize) else { return Ok(()) };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> Connection {
        Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_new_database_reaches_the_latest_version_and_preparing_again_changes_nothing() {
        let mut conn = memory();
        prepare(&mut conn).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(user_version(&conn).ok(), Some(LATEST));
        prepare(&mut conn).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(user_version(&conn).ok(), Some(LATEST));
    }

    #[test]
    fn every_earlier_version_migrates_to_the_latest() {
        for start in 0..LATEST {
            let mut conn = memory();
            for sql in &MIGRATIONS[..start as usize] {
                conn.execute_batch(sql).unwrap_or_else(|e| panic!("{e}"));
            }
            conn.pragma_update(None, "user_version", start).unwrap_or_else(|e| panic!("{e}"));
            prepare(&mut conn).unwrap_or_else(|e| panic!("from version {start}: {e:?}"));
            assert_eq!(user_version(&conn).ok(), Some(LATEST), "from version {start}");
        }
    }

    #[test]
    fn a_newer_database_is_refused_untouched() {
        let mut conn = memory();
        conn.pragma_update(None, "user_version", LATEST + 1).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(prepare(&mut conn), Err(OpenFailure::Newer(v)) if v == LATEST + 1));
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tables, 0);
    }
}
