//! Times in the database: nanoseconds since the Unix epoch, as SQLite integers.

use super::StoreError;
use jiff::Timestamp;

pub fn to_db(at: Timestamp) -> Result<i64, StoreError> {
    i64::try_from(at.as_nanosecond()).map_err(|_| StoreError::Time(at.to_string()))
}

pub fn from_db(nanos: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_nanosecond(i128::from(nanos)).map_err(|e| StoreError::Time(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_to_the_nanosecond() {
        let at = Timestamp::from_nanosecond(1_764_000_000_123_456_789).unwrap_or_else(|e| panic!("{e}"));
        let back = to_db(at).and_then(from_db).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, at);
    }
}
