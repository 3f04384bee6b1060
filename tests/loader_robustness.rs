//! The loader against hostile input: random bytes, mutated valid banks, deep
//! nesting, huge strings, invalid UTF-8 and a file that is a folder. It must
//! never panic, must finish quickly, and must say where every problem is: a
//! problem inside a question file carries its line and column, one with the
//! file itself names the file.

mod support;

use mla_quiz::bank::{BankSource, Diagnostic, Library, Origin};
use proptest::prelude::*;
use std::path::Path;
use support::{manifest, pretty, questions};

const FILE: &str = "user/q.json";

/// Loads one question file beside a clean manifest, from memory.
fn load_text(text: &str) -> Library {
    let files = vec![("bank.json".to_string(), pretty(&manifest("test"))), ("q.json".to_string(), text.to_string())];
    let source = BankSource::from_texts(Origin::Folder("user".into()), "user", files);
    Library::from_sources(vec![source])
}

/// Every problem of the question file has a line and column inside it.
fn assert_located(problems: &[Diagnostic], text: &str) {
    let lines = text.split('\n').count();
    for problem in problems {
        assert_eq!(problem.path, FILE, "{problem}");
        let location = problem.location.unwrap_or_else(|| panic!("no line and column: {problem}"));
        assert!(location.line >= 1 && location.line <= lines, "{problem} (the file has {lines} lines)");
        assert!(location.column >= 1, "{problem}");
    }
}

/// A clean bank's question file with `edits` applied: (position, byte, kind).
fn mutate(edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = pretty(&questions()).into_bytes();
    for &(at, byte, kind) in edits {
        let at = at % (bytes.len() + 1);
        match kind % 3 {
            0 if at < bytes.len() => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_text_is_rejected_with_a_location(text in ".{0,400}") {
        let library = load_text(&text);
        assert_located(&library.problems, &text);
    }

    #[test]
    fn mutated_valid_banks_load_or_say_where_they_break(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8),
    ) {
        let bytes = mutate(&edits);
        // Text that is still UTF-8 is loaded from memory; the rest goes through a folder below.
        if let Ok(text) = String::from_utf8(bytes) {
            let library = load_text(&text);
            assert_located(&library.problems, &text);
            let loaded: usize = library.banks.iter().map(|b| b.questions.len()).sum();
            prop_assert!(loaded + library.skipped.len() >= 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn random_bytes_in_a_bank_folder_are_reported_against_their_file(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        support::write_bank(dir.path(), &pretty(&manifest("test")), &[]);
        std::fs::write(dir.path().join("a.json"), &bytes).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("b.json"), mutate(&edits)).unwrap_or_else(|e| panic!("{e}"));
        let library = Library::load(&[dir.path().to_path_buf()]);
        let folder = dir.path().display().to_string();
        for problem in &library.problems {
            prop_assert!(
                problem.path == format!("{folder}/a.json") || problem.path == format!("{folder}/b.json"),
                "{problem}"
            );
            prop_assert!(problem.location.is_some() || problem.message.contains("UTF-8"), "{problem}");
        }
        prop_assert!(library.banks.iter().any(|b| b.origin == Origin::Embedded), "the embedded bank stays");
    }
}

#[test]
fn deep_nesting_is_refused_at_a_place() {
    for depth in [200, 100_000] {
        for text in [
            "[".repeat(depth),
            format!("{{\"questions\": [{}]}}", "[".repeat(depth) + &"]".repeat(depth)),
            format!("{{\"questions\": [{{\"id\": {}}}]}}", "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth)),
        ] {
            let library = load_text(&text);
            assert!(!library.problems.is_empty());
            assert_located(&library.problems, &text);
        }
    }
}

#[test]
fn huge_strings_are_refused_at_their_place() {
    let mut file = questions();
    file["questions"][0]["stem"] = serde_json::Value::String("x".repeat(5_000_000));
    file["questions"][1]["options"][0]["text"] = serde_json::Value::String("é".repeat(1_000_000));
    let text = pretty(&file);
    let library = load_text(&text);
    assert_located(&library.problems, &text);
    let messages: Vec<&str> = library.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(messages.contains(&"stem is 5000000 characters long; the limit is 2000"), "{messages:?}");
    assert!(messages.contains(&"option text is 1000000 characters long; the limit is 600"), "{messages:?}");
}

#[test]
fn invalid_utf8_and_a_folder_named_like_a_file_are_reported_by_name() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clean = pretty(&questions());
    support::write_bank(dir.path(), &pretty(&manifest("test")), &[("good.json", &clean)]);
    std::fs::write(dir.path().join("latin1.json"), b"{\"questions\": [\"caf\xe9\"]}").unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.path().join("folder.json")).unwrap_or_else(|e| panic!("{e}"));
    let library = Library::load(&[dir.path().to_path_buf()]);
    let folder = dir.path().display().to_string();
    let printed: Vec<String> = library.problems.iter().map(ToString::to_string).collect();
    assert_eq!(printed.len(), 2, "{printed:?}");
    assert!(printed.iter().any(|p| p.starts_with(&format!("{folder}/folder.json: cannot read folder.json"))));
    assert!(printed.contains(&format!("{folder}/latin1.json: latin1.json is not valid UTF-8")), "{printed:?}");
    let test_bank = library.banks.iter().find(|b| b.id == "test").map_or(0, |b| b.questions.len());
    assert_eq!(test_bank, 6, "the good file still loads");
}

#[test]
fn a_bank_folder_that_is_a_file_is_one_problem() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("bank");
    std::fs::write(&file, "{}").unwrap_or_else(|e| panic!("{e}"));
    let library = Library::load(&[file.clone(), Path::new("/nonexistent/bank").to_path_buf()]);
    assert_eq!(library.problems.len(), 2, "{:?}", library.problems);
    assert!(library.problems.iter().all(|p| p.message.starts_with("cannot read the bank folder")));
}
