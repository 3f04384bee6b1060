-- Version 2: spaced repetition.
-- An answer marked "I guessed" in study (or a flagged answer in a mock exam)
-- is a Hard review when right; earlier answers were never marked.
ALTER TABLE answers ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0;

-- Each question's memory state: a cache of the FSRS replay of its answers,
-- brought up to date from the answers added since (meta 'memory_states_upto'
-- holds the last answer rowid folded in). It can always be rebuilt from answers.
CREATE TABLE memory_states (
    question_id TEXT PRIMARY KEY NOT NULL,
    stability   REAL NOT NULL,
    difficulty  REAL NOT NULL,
    last_review INTEGER NOT NULL,
    due         INTEGER NOT NULL,
    reviews     INTEGER NOT NULL
) STRICT;

CREATE INDEX memory_states_by_due ON memory_states (due);
