//! `mla-quiz bank import` run as a user would run it, on the fixtures in
//! `tests/fixtures/import/` (written for these tests): every layout, the edge
//! cases (multi-paragraph stems, code, images, true/false, seven options, no
//! answer, duplicates, Windows line endings), and the folder it writes
//! validating clean.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn mla_quiz() -> Command {
    let mut cmd = Command::cargo_bin("mla-quiz").unwrap_or_else(|e| panic!("{e}"));
    cmd.env_remove("MLA_QUIZ_DATA_DIR");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// Runs the command; returns (exit code, stdout, stderr).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

fn import(files: &[PathBuf], out: &Path, extra: &[&str]) -> (i32, String, String) {
    run(mla_quiz().args(["bank", "import"]).args(files).arg("--out").arg(out).args(extra))
}

fn questions_of(dir: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join("questions.json")).unwrap_or_else(|e| panic!("{e}"));
    let file: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    file["questions"].as_array().cloned().unwrap_or_default()
}

fn validates_clean(dir: &Path) {
    let (code, stdout, _) = run(mla_quiz().args(["bank", "validate"]).arg(dir));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.ends_with("no problems\n"), "{stdout}");
}

fn correct_count(q: &Value) -> usize {
    q["options"].as_array().map_or(0, |o| o.iter().filter(|o| o["correct"] == Value::Bool(true)).count())
}

#[test]
fn markdown_checkbox_lists_with_every_edge_case() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("practice");
    let (code, stdout, stderr) = import(&[fixture("checkbox.md")], &out, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("read "), "{stdout}");
    assert!(stdout.contains("imported 6 questions (1 multiple response)"), "{stdout}");
    assert!(stdout.contains("exam CHECKBOX: a blueprint of its own"), "{stdout}");
    assert!(stdout.contains("checkbox.md:64: no option is marked [x]"), "{stdout}");
    assert!(stdout.contains("checkbox.md:70: the same question as "), "{stdout}");
    validates_clean(&out);
    let questions = questions_of(&out);
    let stems: Vec<&str> = questions.iter().filter_map(|q| q["stem"].as_str()).collect();
    assert!(stems[0].contains("bucket.\n\nThey want analysts"), "paragraphs kept apart: {:?}", stems[0]);
    assert!(stems[1].contains("# list the buckets\naws s3 ls"), "code kept verbatim: {:?}", stems[1]);
    assert!(stems[2].contains("[image: Architecture diagram (images/pipeline.png)]"), "{:?}", stems[2]);
    assert_eq!(questions[3]["options"].as_array().map(Vec::len), Some(2), "true/false");
    assert_eq!(questions[4]["options"].as_array().map(Vec::len), Some(7), "seven options");
    assert_eq!((questions[4]["type"].as_str(), correct_count(&questions[4])), (Some("multiple"), 4));
    assert!(stems[4].ends_with("(Select 4 answers)"), "the count stays in the stem");
    assert_eq!(questions[5]["explanation"], "RMSE measures the typical size of prediction errors.");
}

#[test]
fn windows_line_endings_read_like_unix_ones() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("crlf");
    let (code, stdout, _) = import(&[fixture("crlf.md")], &out, &["--exam", "CRLF-1"]);
    assert_eq!(code, 0, "{stdout}");
    validates_clean(&out);
    let questions = questions_of(&out);
    assert_eq!(questions.len(), 2);
    assert_eq!(questions[1]["stem"], "A second question with CRLF endings.\n\nWhich is right?");
    assert_eq!(questions[0]["options"][0]["text"], "Yes");
}

#[test]
fn markdown_with_lettered_options_and_answer_lines() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("lettered");
    let (code, stdout, _) = import(&[fixture("lettered.md")], &out, &["--title", "Lettered set"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("imported 4 questions (1 multiple response)"), "{stdout}");
    assert!(stdout.contains("lettered.md:43: no answer line"), "{stdout}");
    validates_clean(&out);
    let questions = questions_of(&out);
    assert_eq!(questions[0]["explanation"], "Parquet is columnar and compressed, so queries read less data.");
    assert_eq!(questions[0]["options"][0]["explanation"], "JSON Lines is row based.");
    assert_eq!(correct_count(&questions[1]), 2);
    assert_eq!(questions[2]["options"][1]["correct"], true, "the answer inside <details>");
    assert!(questions[3]["stem"].as_str().is_some_and(|s| s.starts_with("A numbered question")), "{:?}", questions[3]);
    assert_eq!(questions[3]["explanation"], "CloudFront delivers content from edge locations.");
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(out.join("bank.json")).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(manifest["title"], "Lettered set");
    assert_eq!(manifest["relaxed"], true);
}

#[test]
fn csv_and_tsv_with_a_header_row() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.path().join("csv");
    let (code, stdout, _) = import(&[fixture("questions.csv")], &csv, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("imported 3 questions (1 multiple response)"), "{stdout}");
    assert!(stdout.contains("questions.csv:6: the answer cell is empty"), "{stdout}");
    validates_clean(&csv);
    let questions = questions_of(&csv);
    assert_eq!(questions[0]["services"], serde_json::json!(["glue", "s3"]));
    assert_eq!(questions[2]["stem"], "A multi-line question:\nwhich one is a queue?");
    let tsv = dir.path().join("tsv");
    let (code, stdout, _) = import(&[fixture("questions.tsv")], &tsv, &["--format", "csv", "--exam", "TSV-1"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("imported 2 questions"), "{stdout}");
}

#[test]
fn several_files_make_one_bank() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("all");
    let files = [fixture("checkbox.md"), fixture("lettered.md"), fixture("questions.csv")];
    let (code, stdout, _) = import(&files, &out, &["--exam", "MIXED-01"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("imported 13 questions (3 multiple response)"), "{stdout}");
    validates_clean(&out);
    let (_, stats, _) = run(mla_quiz().args(["bank", "stats", "--json", "--exam", "MIXED-01", "--bank"]).arg(&out));
    let stats: Value = serde_json::from_str(&stats).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats["questions"], 13);
    assert_eq!(stats["by_difficulty"]["unrated"], 13);
}

#[test]
fn an_existing_bank_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("bank");
    assert_eq!(import(&[fixture("crlf.md")], &out, &[]).0, 0);
    let before = std::fs::read_to_string(out.join("questions.json")).unwrap_or_default();
    let (code, stdout, _) = import(&[fixture("checkbox.md")], &out, &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("already exists and was left as it is; use --force"), "{stdout}");
    assert_eq!(std::fs::read_to_string(out.join("questions.json")).unwrap_or_default(), before);
    let (code, stdout, _) = import(&[fixture("checkbox.md")], &out, &["--force"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(questions_of(&out).len(), 6);
}

#[test]
fn a_folder_of_other_files_is_never_written_into() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = import(&[fixture("crlf.md")], dir.path(), &["--force"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("holds other files and no bank.json"), "{stderr}");
}

#[test]
fn a_file_in_no_known_layout_names_the_layouts_and_the_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "# Notes\n\nSome prose, no questions.\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = import(&[notes], &dir.path().join("out"), &[]);
    assert_eq!(code, 2);
    for expected in ["no question layout was recognised", "md-checkbox", "md-lettered", "csv", "line 3: Some prose"] {
        assert!(stderr.contains(expected), "{expected:?} in {stderr}");
    }
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn control_characters_are_refused_as_the_loader_refuses_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("escape.md");
    let text = "### Clear \u{1b}[2J the screen?\n- [x] a\n- [ ] b\n\n### Hidden \u{202e} text?\n- [x] a\n- [ ] b\n\n\
                ### Tabs\tare fine?\n- [x] yes\n- [ ] no\n";
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("out");
    let (code, stdout, _) = import(&[file], &out, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("escape.md:1: stem contains an escape character (U+001B)"), "{stdout}");
    assert!(stdout.contains("escape.md:5: stem contains an invisible formatting character (U+202E)"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "nothing printed raw");
    assert_eq!(questions_of(&out)[0]["stem"], "Tabs    are fine?");
}

#[test]
fn joining_a_loaded_exam_needs_domain_tags() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("mla-extra");
    let (code, stdout, _) = import(&[fixture("lettered.md")], &out, &["--exam", "MLA-C01"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("imported 2 questions"), "[D1] and [D3] come in: {stdout}");
    assert!(stdout.contains("lettered.md:23: no domain: the MLA-C01 blueprint has 4 domains"), "{stdout}");
    assert!(stdout.contains("exam MLA-C01: the questions join its loaded blueprint"), "{stdout}");
    validates_clean(&out);
    let domains: Vec<Value> = questions_of(&out).iter().map(|q| q["domain"].clone()).collect();
    assert_eq!(domains, [Value::from(1), Value::from(3)]);
}

#[test]
fn a_title_the_loader_would_refuse_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("titled");
    let (code, _, stderr) = import(&[fixture("crlf.md")], &out, &["--title", "bad \u{1b}[2J title"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("the bank's manifest would not load: title contains an escape character"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "nothing printed raw");
    assert!(!out.exists());
}
