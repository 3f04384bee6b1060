//! Shared helpers for integration tests: small valid banks to break on purpose, and
//! (in [`attempts`]) history records built from real sessions.
#![allow(dead_code)] // each test binary uses a different part of this module

pub mod attempts;

use serde_json::{Value, json};

pub fn manifest(id: &str) -> Value {
    json!({
        "format": 1, "id": id, "title": "Test bank", "version": "1.0",
        "blueprint": {
            "code": "TST-01", "name": "Test exam", "questions": 4, "minutes": 10, "accommodation_minutes": 5,
            "scale": {"min": 100, "max": 1000, "pass": 720},
            "domains": [
                {"id": 1, "name": "One", "weight": 50, "tasks": [{"id": "1.1", "name": "Task one"}]},
                {"id": 2, "name": "Two", "weight": 50, "tasks": [{"id": "2.1", "name": "Task two"}]}
            ]
        },
        "services": {"glue": "AWS Glue", "sagemaker-clarify": "SageMaker Clarify"}
    })
}

fn option(text: &str, correct: bool) -> Value {
    json!({"text": text, "correct": correct, "explanation": format!("Why {text}.")})
}

pub fn single(id: &str, domain: u8) -> Value {
    json!({
        "id": id, "domain": domain, "task": format!("{domain}.1"), "services": ["glue"], "difficulty": "easy",
        "type": "single", "stem": format!("Stem of {id}?"),
        "options": [option("Alpha", true), option("Beta", false), option("Gamma", false), option("Delta", false)],
        "explanation": "Alpha is right.", "references": ["https://docs.aws.amazon.com/glue/"]
    })
}

pub fn multiple(id: &str) -> Value {
    json!({
        "id": id, "domain": 1, "task": "1.1", "services": ["sagemaker-clarify"], "difficulty": "medium",
        "type": "multiple", "stem": "Pick two. (Choose TWO.)",
        "options": [option("A", true), option("B", true), option("C", false), option("D", false), option("E", false)],
        "explanation": "A and B.", "references": ["https://docs.aws.amazon.com/sagemaker/"]
    })
}

pub fn ordering(id: &str) -> Value {
    json!({
        "id": id, "domain": 2, "task": "2.1", "services": ["glue"], "difficulty": "hard", "type": "ordering",
        "stem": "Order these.",
        "options": [
            {"text": "First", "explanation": "Starts."}, {"text": "Second", "explanation": "Then."},
            {"text": "Third", "explanation": "Ends."}
        ],
        "explanation": "In order.", "references": ["https://docs.aws.amazon.com/"]
    })
}

pub fn matching(id: &str) -> Value {
    json!({
        "id": id, "domain": 2, "task": "2.1", "services": ["glue"], "difficulty": "medium", "type": "matching",
        "stem": "Match them.", "responses": ["Red", "Green", "Blue"],
        "options": [
            {"text": "Sky", "match": "Blue", "explanation": "Blue sky."},
            {"text": "Grass", "match": "Green", "explanation": "Green grass."},
            {"text": "Blood", "match": "Red", "explanation": "Red blood."}
        ],
        "explanation": "Colours.", "references": ["https://docs.aws.amazon.com/"]
    })
}

/// A clean question file: one question of each type and a case study shared by two.
pub fn questions() -> Value {
    let mut cs1 = single("cs-1", 1);
    cs1["case_study"] = json!("cs-shop");
    let mut cs2 = single("cs-2", 2);
    cs2["case_study"] = json!("cs-shop");
    json!({
        "case_studies": [{"id": "cs-shop", "title": "A shop", "scenario": "A shop sells things."}],
        "questions": [single("q-single", 1), multiple("q-multiple"), ordering("q-ordering"), matching("q-matching"), cs1, cs2]
    })
}

pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Writes a bank folder with the given manifest and question files.
pub fn write_bank(dir: &std::path::Path, manifest: &str, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("bank.json"), manifest).unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The 1-based line and column where `needle` first occurs in `text`.
pub fn position_of(text: &str, needle: &str) -> (usize, usize) {
    position_after(text, &[needle])
}

/// The position of the last of `anchors`, each searched for after the one before.
pub fn position_after(text: &str, anchors: &[&str]) -> (usize, usize) {
    let mut offset = 0;
    let mut previous_len = 0;
    for anchor in anchors {
        offset += previous_len;
        offset += text[offset..].find(anchor).unwrap_or_else(|| panic!("{anchor:?} not found"));
        previous_len = anchor.len();
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The path of an example program of this crate, built if `cargo test` did not build it already
/// (as when one test target is run alone).
pub fn example(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    // target/<profile>/deps/<test> → target/<profile>/examples/<name>
    let profile_dir = exe.parent().and_then(std::path::Path::parent).unwrap_or_else(|| panic!("odd test path {exe:?}"));
    let path = profile_dir.join("examples").join(name);
    if !path.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let release = profile_dir.file_name().is_some_and(|n| n == "release");
        let mut command = std::process::Command::new(cargo);
        command.args(["build", "--example", name]);
        if release {
            command.arg("--release");
        }
        let status = command.status().unwrap_or_else(|e| panic!("building example {name}: {e}"));
        assert!(status.success(), "building example {name} failed");
    }
    path
}

/// Fills the data directory `dir` with `attempts` generated attempts (examples/generate_history.rs).
pub fn generate_history(dir: &std::path::Path, attempts: usize) {
    let status = std::process::Command::new(example("generate_history"))
        .arg(dir)
        .args([attempts.to_string().as_str(), "--batch", "100"])
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "generate_history failed");
}
