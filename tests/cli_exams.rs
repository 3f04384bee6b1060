//! `--exam CODE` on the commands when the loaded banks define more than one
//! exam: history, stats, study, exam and resume work on one exam at a time.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn mla_quiz(data: &Path, bank: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mla-quiz").unwrap_or_else(|e| panic!("{e}"));
    cmd.env_remove("MLA_QUIZ_DATA_DIR").env("TZ", "UTC").arg("--data-dir").arg(data).arg("--bank").arg(bank);
    cmd
}

fn run(cmd: &mut Command, args: &[&str]) -> (Option<i32>, String, String) {
    let output = cmd.args(args).output().unwrap_or_else(|e| panic!("{e}"));
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code(), text(&output.stdout), text(&output.stderr))
}

/// A data directory with three MLA-C01 attempts, and an imported bank of exam PRACTICE-01.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    support::attempts::record_three(&support::attempts::pool(), &dir.path().join("data"));
    let bank = dir.path().join("practice");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/lettered.md");
    let mut import = Command::cargo_bin("mla-quiz").unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, _) =
        run(import.arg("bank").arg("import").arg(fixture).arg("--out").arg(&bank), &["--exam", "PRACTICE-01"]);
    assert_eq!(code, Some(0), "{stdout}");
    (dir, bank)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn history_and_stats_are_per_exam() {
    let (dir, bank) = setup();
    let data = dir.path().join("data");
    let (_, stdout, _) = run(&mut mla_quiz(&data, &bank), &["history", "--exam", "PRACTICE-01"]);
    assert!(stdout.starts_with("No attempts yet."), "{stdout}");
    let (_, stdout, _) = run(&mut mla_quiz(&data, &bank), &["history", "--json", "--exam", "mla-c01"]);
    assert_eq!(json(&stdout).as_array().map(Vec::len), Some(3));
    let (_, stdout, _) = run(&mut mla_quiz(&data, &bank), &["history", "--json"]);
    assert_eq!(json(&stdout).as_array().map(Vec::len), Some(3), "without --exam: every exam");
    let (_, stdout, _) = run(&mut mla_quiz(&data, &bank), &["stats", "--json", "--exam", "PRACTICE-01"]);
    assert_eq!(json(&stdout)["attempts"], 0);
    let (_, stdout, _) = run(&mut mla_quiz(&data, &bank), &["stats", "--json"]);
    assert_eq!(json(&stdout)["attempts"], 3, "the first loaded exam by default");
    let (_, stdout, _) = run(&mut mla_quiz(&data, &bank), &["bank", "stats", "--json", "--exam", "PRACTICE-01"]);
    assert_eq!(json(&stdout)["questions"], 4);
}

#[test]
fn an_unknown_exam_is_named_with_the_loaded_ones() {
    let (dir, bank) = setup();
    let data = dir.path().join("data");
    for command in [&["study"][..], &["exam"], &["resume"], &["stats"], &["history", "export", "--format", "json"]] {
        let mut args = command.to_vec();
        args.extend(["--exam", "NOPE-01"]);
        let (code, _, stderr) = run(&mut mla_quiz(&data, &bank), &args);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(
            stderr.contains("no loaded bank has the exam \"NOPE-01\"; the loaded exams are MLA-C01, PRACTICE-01"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn history_show_finds_the_questions_of_the_attempts_own_exam() {
    let (dir, bank) = setup();
    let data = dir.path().join("data");
    let library = mla_quiz::bank::Library::load(std::slice::from_ref(&bank));
    let pool = library.pool("PRACTICE-01").unwrap_or_else(|| panic!("no pool"));
    let attempt = support::attempts::mock_exam(&pool, 1, 2, support::attempts::at(72));
    support::attempts::record_all(&data, std::slice::from_ref(&attempt));
    let (code, stdout, stderr) = run(&mut mla_quiz(&data, &bank), &["history", "show", &attempt.id]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("PRACTICE-01 · Mock exam"), "{stdout}");
    assert!(!stdout.contains("no longer in the loaded banks"), "{stdout}");
}
