//! The history store with real files: records come back as written, older
//! schemas are upgraded, unreadable files are set aside without losing a byte,
//! and two processes recording at the same time lose nothing.

mod support;

use mla_quiz::engine::{Mode, Tally};
use mla_quiz::store::{Attempt, Store, export};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::attempts::{self, at};

/// Set in the child processes of the concurrency test: the data directory to write to.
const WRITER_DIR: &str = "MLA_QUIZ_TEST_WRITER_DIR";
/// Set in the child processes: the first seed of the records it writes (records are told apart by seed).
const WRITER_BASE: &str = "MLA_QUIZ_TEST_WRITER_BASE";
const RECORDS_PER_WRITER: u64 = 50;
const WRITERS: [u64; 2] = [1_000, 2_000];

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn open(dir: &Path) -> Store {
    Store::open(Some(dir)).unwrap_or_else(|e| panic!("{e}"))
}

fn history(store: &Store) -> (Vec<Attempt>, Vec<String>) {
    let loaded = store.history().unwrap_or_else(|e| panic!("{e}"));
    (loaded.items, loaded.notices)
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn tally(correct: usize, total: usize) -> Tally {
    Tally { correct, total }
}

#[test]
fn recorded_attempts_come_back_unchanged_oldest_first() {
    let dir = tempdir();
    let store = open(dir.path());
    let pool = attempts::pool();
    let later = attempts::study(&pool, 5, 8, 6, at(5));
    let earlier = attempts::mock_exam(&pool, 4, 45, at(1));
    for attempt in [&later, &earlier] {
        store.record(attempt).unwrap_or_else(|e| panic!("{e}"));
    }
    let (items, notices) = history(&store);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(items, [earlier, later]);
}

#[test]
fn json_export_parses_back_to_the_same_records() {
    let pool = attempts::pool();
    let records = vec![attempts::mock_exam(&pool, 7, 30, at(0)), attempts::study(&pool, 8, 5, 5, at(2))];
    let parsed: Vec<Attempt> = serde_json::from_slice(&export::to_json(&records)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed, records);
}

#[test]
fn a_schema_1_record_is_read_with_the_task_and_service_breakdowns_derived() {
    let dir = tempdir();
    let history_dir = dir.path().join("history");
    std::fs::create_dir_all(&history_dir).unwrap_or_else(|e| panic!("{e}"));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history-v1.json");
    std::fs::copy(&fixture, history_dir.join("old.json")).unwrap_or_else(|e| panic!("{e}"));

    let (items, notices) = history(&open(dir.path()));
    assert!(notices.is_empty(), "{notices:?}");
    let [attempt] = items.as_slice() else { panic!("expected one attempt, got {items:?}") };
    assert_eq!(attempt.schema, mla_quiz::store::record::SCHEMA);
    assert_eq!((attempt.mode, attempt.questions.len()), (Mode::Study, 5));
    let s = &attempt.summary;
    // What schema 1 recorded is kept as it was, even where today's formula differs (460).
    assert_eq!((s.raw, s.scaled_estimate, s.passed, s.seconds), (tally(2, 5), 520, false, 750));
    assert_eq!(s.by_domain, BTreeMap::from([("1".into(), tally(2, 3)), ("3".into(), tally(0, 2))]));
    // Derived from the per-question outcomes.
    assert_eq!(s.answered, 4);
    assert_eq!(
        s.by_task,
        BTreeMap::from([("1.1".into(), tally(1, 2)), ("1.2".into(), tally(1, 1)), ("3.1".into(), tally(0, 2))])
    );
    let expected_services = [
        ("glue", tally(2, 2)),
        ("kinesis-data-streams", tally(0, 1)),
        ("lambda", tally(0, 1)),
        ("s3", tally(1, 1)),
        ("sagemaker", tally(1, 3)),
        ("sagemaker-data-wrangler", tally(1, 1)),
        ("sagemaker-endpoints", tally(0, 2)),
    ];
    assert_eq!(s.by_service, expected_services.map(|(k, t)| (k.to_string(), t)).into_iter().collect());
}

#[test]
fn a_corrupt_history_file_is_moved_aside_with_its_bytes_and_the_rest_still_loads() {
    let dir = tempdir();
    let store = open(dir.path());
    let pool = attempts::pool();
    let good = attempts::study(&pool, 3, 4, 2, at(0));
    store.record(&good).unwrap_or_else(|e| panic!("{e}"));
    let garbage: &[u8] = b"\xff\xfe{\"schema\": 2, \x00 not json";
    let bad = dir.path().join("history").join("x.json");
    std::fs::write(&bad, garbage).unwrap_or_else(|e| panic!("{e}"));

    let (items, notices) = history(&store);
    assert_eq!(items, std::slice::from_ref(&good));
    assert!(!bad.exists(), "the corrupt file is no longer in history/");
    let moved = files_in(&dir.path().join("corrupt"));
    let [moved] = moved.as_slice() else { panic!("expected one file in corrupt/, got {moved:?}") };
    assert_eq!(std::fs::read(moved).unwrap_or_default(), garbage);
    let [notice] = notices.as_slice() else { panic!("expected one notice, got {notices:?}") };
    assert!(notice.contains(&bad.display().to_string()), "{notice}");
    assert!(notice.contains(&moved.display().to_string()), "{notice}");

    let (again, notices) = history(&store);
    assert_eq!((again, notices), (vec![good], vec![]), "once set aside, the file is not reported again");
}

#[test]
fn a_record_from_a_newer_version_is_reported_but_left_in_place() {
    let dir = tempdir();
    let history_dir = dir.path().join("history");
    std::fs::create_dir_all(&history_dir).unwrap_or_else(|e| panic!("{e}"));
    let newer = history_dir.join("future.json");
    std::fs::write(&newer, br#"{"schema": 99, "id": "x", "shape": "unknown to this version"}"#)
        .unwrap_or_else(|e| panic!("{e}"));

    let (items, notices) = history(&open(dir.path()));
    assert!(items.is_empty());
    assert!(newer.exists(), "a newer record must stay for the version that wrote it");
    assert!(!dir.path().join("corrupt").exists());
    let [notice] = notices.as_slice() else { panic!("expected one notice, got {notices:?}") };
    assert!(notice.contains("schema 99 is newer"), "{notice}");
}

/// The child process of the concurrency test; does nothing in a normal test run.
#[test]
fn writer_process() {
    let Some(dir) = std::env::var_os(WRITER_DIR) else { return };
    let base: u64 = std::env::var(WRITER_BASE).ok().and_then(|b| b.parse().ok()).unwrap_or_else(|| panic!("no base"));
    let dir = PathBuf::from(dir);
    let store = open(&dir);
    let pool = attempts::pool();
    let template = attempts::study(&pool, base, 3, 2, at(0));
    wait_for_all_writers(&dir, base);
    for i in 0..RECORDS_PER_WRITER {
        let mut attempt = template.clone();
        attempt.id = Store::new_id();
        attempt.settings.seed = base + i;
        store.record(&attempt).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// A start line: each writer says it is ready and waits until all are, so that their writes overlap.
fn wait_for_all_writers(dir: &Path, base: u64) {
    let ready = dir.join("ready");
    std::fs::create_dir_all(&ready).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(ready.join(base.to_string()), b"").unwrap_or_else(|e| panic!("{e}"));
    let deadline = Instant::now() + Duration::from_secs(60);
    while files_in(&ready).len() < WRITERS.len() {
        assert!(Instant::now() < deadline, "the other writer never started");
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn two_processes_recording_at_once_lose_no_records() {
    let dir = tempdir();
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let children: Vec<_> = WRITERS
        .iter()
        .map(|base| {
            Command::new(&exe)
                .args(["--exact", "writer_process", "--nocapture"])
                .env(WRITER_DIR, dir.path())
                .env(WRITER_BASE, base.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "a writer failed: {:?}\n{stdout}\n{stderr}", output.status);
        assert!(stdout.contains("1 passed"), "the writer did not run: {stdout}");
    }

    let (items, notices) = history(&open(dir.path()));
    assert!(notices.is_empty(), "{notices:?}");
    let ids: BTreeSet<&str> = items.iter().map(|a| a.id.as_str()).collect();
    let seeds: BTreeSet<u64> = items.iter().map(|a| a.settings.seed).collect();
    let expected: BTreeSet<u64> =
        WRITERS.iter().flat_map(|base| (0..RECORDS_PER_WRITER).map(move |i| base + i)).collect();
    assert_eq!(items.len(), 100);
    assert_eq!(ids.len(), 100, "every record has its own id");
    assert_eq!(seeds, expected, "every record of both writers is there");
    let names = files_in(&dir.path().join("history"));
    assert!(names.iter().all(|p| p.extension().is_some_and(|x| x == "json")), "no temporary files left: {names:?}");
}

#[test]
fn focus_sets_follow_the_most_recent_answer_to_each_question() {
    use mla_quiz::store::stats::Focus;
    let pool = attempts::pool();
    let first = attempts::mock_exam(&pool, 3, 20, at(0));
    let all = || pool.questions.iter().map(|q| q.id.as_str());
    let wrong_first: BTreeSet<String> = first.questions.iter().filter(|q| !q.correct).map(|q| q.id.clone()).collect();
    let asked: BTreeSet<&str> = first.questions.iter().map(|q| q.id.as_str()).collect();
    let history = vec![first.clone()];
    assert_eq!(Focus::Missed.ids(&history, all()), wrong_first);
    let unseen = Focus::Unseen.ids(&history, all());
    assert_eq!(unseen.len(), pool.questions.len() - asked.len());
    assert!(unseen.iter().all(|id| !asked.contains(id.as_str())));

    // Answering a missed question right later takes it out of the missed set.
    let mut later = first.clone();
    later.started_at = at(1);
    for q in &mut later.questions {
        q.correct = true;
    }
    assert!(Focus::Missed.ids(&[first, later], all()).is_empty());
}
