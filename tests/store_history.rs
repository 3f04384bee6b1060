//! The SQLite store with real files: attempts come back as recorded, the JSON
//! history of earlier versions is imported once with every field kept and the
//! files left untouched, a damaged or newer database is never overwritten,
//! and two processes recording at the same time lose nothing.

mod support;

use mla_quiz::engine::{Mode, Tally};
use mla_quiz::store::focus::Focus;
use mla_quiz::store::{Attempt, DATABASE_FILE, InProgress, Store, export};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::attempts::{self, at};

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn open(dir: &Path) -> (Store, Vec<String>) {
    let opened = Store::open(Some(dir)).unwrap_or_else(|e| panic!("{e}"));
    (opened.store, opened.notices)
}

fn all_attempts(store: &Store) -> Vec<Attempt> {
    let mut all = Vec::new();
    store
        .for_each_attempt(None, |a| -> Result<(), mla_quiz::store::StoreError> {
            all.push(a);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    all
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

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn copy_into(dir: &Path, folder: &str, source: &Path, name: &str) -> PathBuf {
    let target = dir.join(folder);
    std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{e}"));
    let path = target.join(name);
    std::fs::copy(source, &path).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// A mock exam saved in progress under `id` at `saved_at`.
fn saved_exam(id: &str, saved_at: jiff::Timestamp) -> InProgress {
    let pool = attempts::pool();
    let settings = mla_quiz::engine::Settings::mock_exam(&pool.blueprint, false, 3);
    let session = mla_quiz::engine::Session::new(&pool, settings).unwrap_or_else(|e| panic!("{e}"));
    InProgress {
        schema: 1,
        id: id.into(),
        started_at: at(0),
        saved_at,
        banks: pool.banks,
        state: session.state().clone(),
    }
}

fn ts(text: &str) -> jiff::Timestamp {
    text.parse().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn recorded_attempts_come_back_unchanged_oldest_first() {
    let dir = tempdir();
    let (mut store, _) = open(dir.path());
    let pool = attempts::pool();
    let later = attempts::study(&pool, 5, 8, 6, at(5));
    let earlier = attempts::mock_exam(&pool, 4, 45, at(1));
    store.record(&later).unwrap_or_else(|e| panic!("{e}"));
    store.record(&earlier).unwrap_or_else(|e| panic!("{e}"));

    let (store, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(all_attempts(&store), [earlier.clone(), later.clone()]);
    assert_eq!(store.attempt(&later.id).ok().flatten(), Some(later.clone()));
    assert_eq!(store.attempt_count(None).ok(), Some(2));
    let recent = store.recent(1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(recent.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), [later.id.as_str()]);
    assert_eq!((recent[0].correct, recent[0].questions), (6, 8));
}

#[test]
fn recording_the_same_attempt_twice_keeps_one() {
    let dir = tempdir();
    let (mut store, _) = open(dir.path());
    let attempt = attempts::study(&attempts::pool(), 5, 4, 2, at(0));
    store.record(&attempt).unwrap_or_else(|e| panic!("{e}"));
    store.record(&attempt).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all_attempts(&store), [attempt]);
}

#[test]
fn json_export_parses_back_to_the_same_records() {
    let dir = tempdir();
    let (mut store, _) = open(dir.path());
    let pool = attempts::pool();
    let records = vec![attempts::mock_exam(&pool, 7, 30, at(0)), attempts::study(&pool, 8, 5, 5, at(2))];
    store.record_all(&records).unwrap_or_else(|e| panic!("{e}"));
    let mut bytes = Vec::new();
    export::write_json(&store, None, &mut bytes).unwrap_or_else(|e| panic!("{e}"));
    let parsed: Vec<Attempt> = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed, records);
}

#[test]
fn json_history_of_both_schemas_is_imported_once_with_every_field_and_the_files_untouched() {
    let dir = tempdir();
    let v1 = copy_into(dir.path(), "history", &fixture("history-v1.json"), "old.json");
    let v2 = copy_into(dir.path(), "history", &fixture("history-v2.json"), "newer.json");
    let before: Vec<Vec<u8>> = [&v1, &v2].iter().map(|p| std::fs::read(p).unwrap_or_default()).collect();

    let (store, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    let all = all_attempts(&store);
    let [a1, a2] = all.as_slice() else { panic!("expected two attempts, got {all:?}") };

    // Schema 1: what it recorded is kept, the new breakdowns are derived.
    assert_eq!(a1.schema, mla_quiz::store::record::SCHEMA);
    assert_eq!(a1.id, "20250601T100000.000000Z-4242-0badcafe");
    assert_eq!((a1.started_at, a1.ended_at), (ts("2025-06-01T10:00:00Z"), ts("2025-06-01T10:12:30Z")));
    assert_eq!((a1.mode, a1.exam.as_str(), a1.settings.seed, a1.settings.questions), (Mode::Study, "MLA-C01", 7, 5));
    assert_eq!(a1.banks.len(), 1);
    assert_eq!((a1.banks[0].id.as_str(), a1.banks[0].version.as_str()), ("mla-c01", "0.9"));
    let s = &a1.summary;
    assert_eq!((s.raw, s.scaled_estimate, s.passed, s.seconds, s.answered), (tally(2, 5), 520, false, 750, 4));
    assert_eq!(s.by_domain, BTreeMap::from([("1".into(), tally(2, 3)), ("3".into(), tally(0, 2))]));
    assert_eq!(
        s.by_task,
        BTreeMap::from([("1.1".into(), tally(1, 2)), ("1.2".into(), tally(1, 1)), ("3.1".into(), tally(0, 2))])
    );
    assert_eq!(s.by_service.get("sagemaker"), Some(&tally(1, 3)));
    assert_eq!(s.by_service.get("glue"), Some(&tally(2, 2)));
    let ids: Vec<&str> = a1.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["d1-ingest-001", "d1-ingest-002", "d1-transform-001", "d3-deploy-001", "d3-deploy-002"]);
    let q = &a1.questions[1];
    assert_eq!((q.domain, q.task.as_str(), q.kind.as_str()), (1, "1.1", "multiple"));
    assert_eq!(q.services, ["kinesis-data-streams"]);
    assert_eq!(q.response, Some(mla_quiz::engine::Response::Multiple([0, 3].into())));
    assert_eq!((q.correct, q.flagged, q.seconds), (false, true, 200));
    assert_eq!(a1.questions[3].response, Some(mla_quiz::engine::Response::Matching(vec![Some(1), Some(0), None])));
    assert_eq!(a1.questions[4].response, None);
    // The log's fields the old files lacked: the only bank, and for study the
    // start plus the time spent up to each answer.
    assert!(a1.questions.iter().all(|q| q.bank.as_deref() == Some("mla-c01") && q.order.is_empty()));
    assert_eq!(a1.questions[0].answered_at, Some(ts("2025-06-01T10:02:00Z")));
    assert_eq!(a1.questions[1].answered_at, Some(ts("2025-06-01T10:05:20Z")));

    // Schema 2, a mock exam: every answer is stamped with the submit time.
    assert_eq!(a2.id, "20260115T080000.000000Z-777-0c0ffee0");
    assert_eq!((a2.mode, a2.settings.minutes, a2.summary.scaled_estimate), (Mode::Exam, Some(130), 400));
    assert_eq!(a2.summary.by_service.get("kms"), Some(&tally(0, 1)));
    assert_eq!(a2.questions.len(), 3);
    assert_eq!((a2.questions[0].flagged, a2.questions[0].correct), (true, true));
    assert!(a2.questions.iter().all(|q| q.answered_at == Some(ts("2026-01-15T08:41:10Z"))));

    // The files are as they were, and opening again imports nothing more.
    let after: Vec<Vec<u8>> = [&v1, &v2].iter().map(|p| std::fs::read(p).unwrap_or_default()).collect();
    assert_eq!(before, after);
    drop(store);
    let (store, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(store.attempt_count(None).ok(), Some(2));
}

#[test]
fn a_copy_of_an_imported_attempt_under_another_name_adds_nothing() {
    let dir = tempdir();
    copy_into(dir.path(), "history", &fixture("history-v2.json"), "a.json");
    let (store, _) = open(dir.path());
    drop(store);
    // The folder changes, so it is listed again; the attempt id is already stored.
    copy_into(dir.path(), "history", &fixture("history-v2.json"), "b.json");
    let (store, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(store.attempt_count(None).ok(), Some(1));
}

#[test]
fn an_unreadable_history_file_is_reported_once_and_left_in_place() {
    let dir = tempdir();
    copy_into(dir.path(), "history", &fixture("history-v2.json"), "good.json");
    let bad = dir.path().join("history").join("x.json");
    let garbage: &[u8] = b"\xff\xfe{\"schema\": 2, \x00 not json";
    std::fs::write(&bad, garbage).unwrap_or_else(|e| panic!("{e}"));

    let (store, notices) = open(dir.path());
    assert_eq!(store.attempt_count(None).ok(), Some(1), "the readable file still comes in");
    let [notice] = notices.as_slice() else { panic!("expected one notice, got {notices:?}") };
    assert!(notice.contains(&bad.display().to_string()) && notice.contains("left where it is"), "{notice}");
    assert_eq!(std::fs::read(&bad).unwrap_or_default(), garbage, "never deleted or changed");
    drop(store);
    let (_, notices) = open(dir.path());
    assert!(notices.is_empty(), "reported once: {notices:?}");
}

#[test]
fn an_in_progress_file_of_an_earlier_version_is_imported_and_can_be_resumed() {
    let dir = tempdir();
    // An id that would escape the folder if it were ever used as a path.
    let saved = saved_exam("../../escaped", at(1));
    let folder = dir.path().join("in-progress");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    let file = folder.join("s.json");
    std::fs::write(&file, serde_json::to_vec(&saved).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));

    let (mut store, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    let latest = store.latest_in_progress().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(latest.session, Some(saved.clone()));
    store.discard_in_progress(&saved.id).unwrap_or_else(|e| panic!("{e}"));
    assert!(file.exists(), "the old file stays");
    drop(store);
    let (mut store, _) = open(dir.path());
    assert_eq!(store.latest_in_progress().ok().and_then(|l| l.session), None, "a discarded session never returns");
    assert!(!dir.path().parent().unwrap_or(dir.path()).join("escaped.json").exists());
}

#[test]
fn a_saved_session_that_cannot_be_read_is_set_aside_with_its_bytes() {
    let dir = tempdir();
    let (mut store, _) = open(dir.path());
    store.save_in_progress(&saved_exam("s1", at(1))).unwrap_or_else(|e| panic!("{e}"));
    store.save_in_progress(&saved_exam("s2", at(2))).unwrap_or_else(|e| panic!("{e}"));
    // Damage the newer one behind the store's back.
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap_or_else(|e| panic!("{e}"));
    conn.execute("UPDATE in_progress SET state = '{\"broken' WHERE id = 's2'", []).unwrap_or_else(|e| panic!("{e}"));

    let latest = store.latest_in_progress().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(latest.session.map(|s| s.id), Some("s1".into()), "the next session is offered");
    let [notice] = latest.notices.as_slice() else { panic!("expected one notice, got {:?}", latest.notices) };
    let kept = files_in(&dir.path().join("corrupt"));
    let [kept] = kept.as_slice() else { panic!("expected one file in corrupt/, got {kept:?}") };
    assert!(notice.contains(&kept.display().to_string()), "{notice}");
    assert!(std::fs::read_to_string(kept).unwrap_or_default().contains("{\\\"broken"));
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_byte_for_byte_and_a_new_history_starts() {
    let dir = tempdir();
    let db = dir.path().join(DATABASE_FILE);
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&db, &garbage).unwrap_or_else(|e| panic!("{e}"));

    let (mut store, notices) = open(dir.path());
    let kept = files_in(&dir.path().join("corrupt"));
    let [kept] = kept.as_slice() else { panic!("expected one file in corrupt/, got {kept:?}") };
    assert_eq!(std::fs::read(kept).unwrap_or_default(), garbage);
    let [notice] = notices.as_slice() else { panic!("expected one notice, got {notices:?}") };
    assert!(notice.contains(&kept.display().to_string()) && notice.contains("new history"), "{notice}");
    let attempt = attempts::study(&attempts::pool(), 1, 3, 1, at(0));
    store.record(&attempt).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all_attempts(&store), [attempt]);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempdir();
    let db = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap_or_else(|e| panic!("{e}"));
    }
    let before = std::fs::read(&db).unwrap_or_default();
    let error = Store::open(Some(dir.path())).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("newer mla-quiz") && error.contains("schema version 99"), "{error}");
    assert_eq!(std::fs::read(&db).unwrap_or_default(), before);
    assert!(!dir.path().join("corrupt").exists());

    let opened = Store::open_or_memory(Some(dir.path())).unwrap_or_else(|e| panic!("{e}"));
    assert!(opened.store.unsaved_reason().is_some_and(|r| r.contains("newer")));
}

#[test]
fn a_data_directory_that_cannot_be_made_is_one_clear_error() {
    let dir = tempdir();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"x").unwrap_or_else(|e| panic!("{e}"));
    let error = Store::open(Some(&blocker.join("data"))).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.starts_with("cannot use ") && error.contains("as the data directory"), "{error}");
    let os_message = std::io::Error::from(std::io::ErrorKind::NotADirectory).to_string();
    assert!(error.matches(&os_message).count() <= 1, "the OS message once: {error}");
}

#[test]
fn two_processes_recording_at_once_lose_no_attempts() {
    let dir = tempdir();
    let ready = dir.path().join("ready");
    let generator = support::example("generate_history");
    let children: Vec<_> = [1_000u64, 2_000]
        .iter()
        .map(|seed| {
            Command::new(&generator)
                .arg(dir.path())
                .args(["50", "--seed", &seed.to_string(), "--ready"])
                .arg(&ready)
                .args(["--writers", "2"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        assert!(output.status.success(), "a writer failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let (store, _) = open(dir.path());
    let all = all_attempts(&store);
    let ids: BTreeSet<&str> = all.iter().map(|a| a.id.as_str()).collect();
    assert_eq!((all.len(), ids.len()), (100, 100));
    assert!(all.iter().all(|a| !a.questions.is_empty()));
}

#[test]
fn all_time_figures_equal_the_sum_of_the_recorded_attempts() {
    let dir = tempdir();
    let (mut store, _) = open(dir.path());
    let pool = attempts::pool();
    let records = vec![
        attempts::mock_exam(&pool, 1, 40, at(0)),
        attempts::study(&pool, 2, 10, 7, at(1)),
        attempts::mock_exam(&pool, 3, 52, at(2)),
    ];
    store.record_all(&records).unwrap_or_else(|e| panic!("{e}"));
    let all = store.all_time(&pool.blueprint.code).unwrap_or_else(|e| panic!("{e}"));
    // An independent sum over the records' own summaries.
    let mut by_task: BTreeMap<String, Tally> = BTreeMap::new();
    for (task, t) in records.iter().flat_map(|a| &a.summary.by_task) {
        let e = by_task.entry(task.clone()).or_default();
        e.correct += t.correct;
        e.total += t.total;
    }
    assert_eq!((all.attempts, all.mock_exams), (3, 2));
    assert_eq!(all.overall, tally(40 + 7 + 52, 65 + 10 + 65));
    assert_eq!(all.by_task, by_task);
    assert_eq!(all.mock_exam_trend, [records[0].summary.scaled_estimate, records[2].summary.scaled_estimate]);
    assert_eq!(all.questions_answered, 140);
    assert_eq!(store.all_time("OTHER-01").map(|a| a.attempts).ok(), Some(0));
}

#[test]
fn focus_sets_follow_the_most_recent_answer_to_each_question() {
    let dir = tempdir();
    let (mut store, _) = open(dir.path());
    let pool = attempts::pool();
    let first = attempts::mock_exam(&pool, 3, 20, at(0));
    store.record(&first).unwrap_or_else(|e| panic!("{e}"));
    let ids = |store: &mut Store, focus| -> BTreeSet<String> {
        let set = store.focus_set(&pool, focus, at(10), 10, 1).unwrap_or_else(|e| panic!("{e}"));
        set.ids.into_iter().collect()
    };
    let wrong_first: BTreeSet<String> = first.questions.iter().filter(|q| !q.correct).map(|q| q.id.clone()).collect();
    let asked: BTreeSet<&str> = first.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids(&mut store, Focus::Missed), wrong_first);
    let unseen = ids(&mut store, Focus::Unseen);
    assert_eq!(unseen.len(), pool.questions.len() - asked.len());
    assert!(unseen.iter().all(|id| !asked.contains(id.as_str())));

    // Answering every question right later takes them out of the missed set.
    let mut later = first.clone();
    later.id = Store::new_id();
    later.started_at = at(5);
    for q in &mut later.questions {
        q.correct = true;
        q.answered_at = Some(at(6));
    }
    store.record(&later).unwrap_or_else(|e| panic!("{e}"));
    assert!(ids(&mut store, Focus::Missed).is_empty());
}
