//! `mla-quiz bank validate` and `mla-quiz bank stats` run as a user would run them.

mod support;

use assert_cmd::Command;
use serde_json::{Value, json};
use support::{manifest, pretty, questions, write_bank};

fn mla_quiz() -> Command {
    let mut cmd = Command::cargo_bin("mla-quiz").unwrap_or_else(|e| panic!("{e}"));
    cmd.env_remove("MLA_QUIZ_DATA_DIR");
    cmd
}

#[test]
fn validate_passes_on_the_embedded_bank() {
    let output = mla_quiz().args(["bank", "validate"]).output().unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("mla-c01"), "{stdout}");
    assert!(stdout.ends_with("no problems\n"), "{stdout}");
}

#[test]
fn validate_prints_located_problems_and_exits_1() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut file = questions();
    file["questions"][0]["task"] = json!("2.1");
    let text = pretty(&file);
    write_bank(dir.path(), &pretty(&manifest("mine")), &[("q.json", &text)]);
    let (line, column) = support::position_after(&text, &["\"id\": \"q-single\"", "\"task\": ", "\"2.1\""]);
    let output = mla_quiz().args(["bank", "validate"]).arg(dir.path()).output().unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let expected = format!(
        "{}/q.json:{line}:{column}: task 2.1 is not a task statement of domain 1 (its tasks: 1.1)",
        dir.path().display()
    );
    assert!(stdout.lines().any(|l| l == expected), "{stdout}\nexpected: {expected}");
    assert!(stdout.contains("mla-c01"), "the embedded bank still loads: {stdout}");
}

#[test]
fn validate_reports_a_missing_folder_without_panicking() {
    let output = mla_quiz().args(["bank", "validate", "/nonexistent/bank"]).output().unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout.contains("/nonexistent/bank: cannot read the bank folder"), "{stdout}");
}

#[test]
fn stats_json_is_one_object_with_the_documented_keys() {
    let output = mla_quiz().args(["bank", "stats", "--json"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    for key in ["questions", "by_domain", "by_task", "by_type", "by_service", "case_studies"] {
        assert!(stats.get(key).is_some(), "missing {key}");
    }
    let domains: Vec<&String> = stats["by_domain"].as_object().map(|o| o.keys().collect()).unwrap_or_default();
    assert_eq!(domains, ["1", "2", "3", "4"]);
    let tasks = stats["by_task"].as_object().map(|o| o.len());
    assert_eq!(tasks, Some(12));
    let by_type = stats["by_type"].as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(by_type, ["matching", "multiple", "ordering", "single"]);
    let total: u64 = stats["by_domain"].as_object().map_or(0, |o| o.values().filter_map(Value::as_u64).sum());
    assert_eq!(Some(total), stats["questions"].as_u64());
}

#[test]
fn stats_counts_a_user_bank_of_its_own_exam() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write_bank(dir.path(), &pretty(&manifest("mine")), &[("q.json", &pretty(&questions()))]);
    let output = mla_quiz()
        .args(["bank", "stats", "--json", "--exam", "TST-01", "--bank"])
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats["questions"], json!(6));
    assert_eq!(stats["by_type"], json!({"single": 3, "multiple": 1, "ordering": 1, "matching": 1}));
    assert_eq!(stats["by_service"]["sagemaker"], json!(1), "sagemaker-* rolls up");
    assert_eq!(stats["case_studies"], json!(1));
    // "Alpha" is the key of all three single questions and no option is longer.
    assert_eq!(stats["key_length_rank"], json!({"1": 3}));
}
