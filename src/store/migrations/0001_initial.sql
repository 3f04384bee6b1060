-- Version 1: finished attempts, one row per answer (the review log), the
-- sessions in progress, and the legacy JSON files already imported.
-- Times are nanoseconds since the Unix epoch (UTC).

CREATE TABLE attempts (
    id          TEXT PRIMARY KEY NOT NULL,
    exam        TEXT NOT NULL,
    mode        TEXT NOT NULL CHECK (mode IN ('study', 'exam')),
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER NOT NULL,
    -- JSON: [{"id": …, "version": …}]
    banks       TEXT NOT NULL,
    -- JSON: the session's settings and its graded summary, as recorded.
    settings    TEXT NOT NULL,
    summary     TEXT NOT NULL,
    -- Copied out of the summary for lists that do not parse it.
    questions   INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    scaled      INTEGER NOT NULL,
    passed      INTEGER NOT NULL,
    seconds     INTEGER NOT NULL
) STRICT;

CREATE INDEX attempts_by_exam_time ON attempts (exam, started_at, id);
CREATE INDEX attempts_by_time ON attempts (started_at, id);

CREATE TABLE answers (
    attempt_id     TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    -- The question's place in its session, from 0.
    position       INTEGER NOT NULL,
    question_id    TEXT NOT NULL,
    bank_id        TEXT NOT NULL,
    bank_version   TEXT NOT NULL,
    exam           TEXT NOT NULL,
    domain         INTEGER NOT NULL,
    task           TEXT NOT NULL,
    -- JSON array of service tags.
    services       TEXT NOT NULL,
    type           TEXT NOT NULL,
    -- JSON of the response in option indices as written in the bank; NULL when unanswered.
    response       TEXT,
    -- JSON arrays: display position → option (and, for matching, → response) index.
    -- NULL for answers imported from history files, which did not keep them.
    option_order   TEXT,
    response_order TEXT,
    correct        INTEGER NOT NULL,
    flagged        INTEGER NOT NULL,
    seconds        INTEGER NOT NULL,
    answered_at    INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, position)
) STRICT;

CREATE INDEX answers_by_question ON answers (question_id, answered_at);
CREATE INDEX answers_by_time ON answers (answered_at);

CREATE TABLE in_progress (
    id          TEXT PRIMARY KEY NOT NULL,
    exam        TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    saved_at    INTEGER NOT NULL,
    banks       TEXT NOT NULL,
    -- JSON: the engine's SessionState.
    state       TEXT NOT NULL
) STRICT;

CREATE INDEX in_progress_by_saved ON in_progress (saved_at);

-- History and in-progress files of earlier versions, by path relative to the
-- data directory: each is read once, and never written or removed.
CREATE TABLE imported_files (
    path        TEXT PRIMARY KEY NOT NULL,
    outcome     TEXT NOT NULL
) STRICT;

-- Small facts about the data directory, e.g. when the legacy folders were last scanned.
CREATE TABLE meta (
    key         TEXT PRIMARY KEY NOT NULL,
    value       TEXT NOT NULL
) STRICT;
