//! Small facts kept in the database's `meta` table: the exam last used, so
//! the home screen and the commands open on it next time.

use super::{Store, StoreError};
use rusqlite::{OptionalExtension, params};

const LAST_EXAM: &str = "last_exam";

impl Store {
    /// The code of the exam last used, if one was recorded.
    pub fn last_exam(&self) -> Result<Option<String>, StoreError> {
        let value =
            self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [LAST_EXAM], |row| row.get(0)).optional()?;
        Ok(value)
    }

    /// Records `code` as the exam last used.
    pub fn set_last_exam(&mut self, code: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![LAST_EXAM, code],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_exam_is_remembered_and_replaced() {
        let mut store = Store::memory("test".into()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(store.last_exam().ok().flatten(), None);
        store.set_last_exam("TST-01").unwrap_or_else(|e| panic!("{e}"));
        store.set_last_exam("MLA-C01").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(store.last_exam().ok().flatten().as_deref(), Some("MLA-C01"));
    }
}
