//! Relaxed banks (imported material) and the rules that span banks: a bank id
//! or an exam's blueprint defined twice is refused with a clear message,
//! while a user folder with an embedded bank's id still replaces that bank.

mod support;

use mla_quiz::bank::{BankSource, Library, Origin};
use serde_json::{Value, json};
use support::{manifest, pretty};

fn source(name: &str, manifest: &Value, questions: &Value) -> BankSource {
    let files = vec![("bank.json".into(), pretty(manifest)), ("q.json".into(), pretty(questions))];
    BankSource::from_texts(Origin::Folder(name.into()), name, files)
}

fn printed(library: &Library) -> Vec<String> {
    library.problems.iter().map(ToString::to_string).collect()
}

/// Questions as an importer writes them: no task, services, difficulty,
/// explanations or references; two and seven options; four of seven correct.
fn bare_questions() -> Value {
    let option = |text: &str, correct: bool| json!({"text": text, "correct": correct});
    let seven: Vec<Value> = (0..7).map(|i| option(&format!("Choice {i}"), i % 2 == 0)).collect();
    json!({"questions": [
        {"id": "imp-1", "domain": 1, "type": "single", "stem": "True or false?",
         "options": [option("True", true), option("False", false)]},
        {"id": "imp-2", "domain": 2, "type": "multiple", "stem": "Pick the even ones (Select 4 answers)",
         "options": seven},
    ]})
}

fn relaxed_manifest(id: &str) -> Value {
    let mut m = manifest(id);
    m["relaxed"] = json!(true);
    m
}

#[test]
fn a_relaxed_bank_may_leave_out_what_imported_material_lacks() {
    let library = Library::from_sources(vec![source("user", &relaxed_manifest("imp"), &bare_questions())]);
    assert_eq!(printed(&library), Vec::<String>::new());
    let pool = library.pool("TST-01").unwrap_or_else(|| panic!("no pool"));
    assert_eq!(pool.questions.len(), 2);
    let q = &pool.questions[0];
    assert!(q.explanation.is_empty() && q.references.is_empty() && q.services.is_empty() && q.task.is_empty());
    assert_eq!(q.difficulty, None);
    assert_eq!(pool.questions[1].required_choices(), 4);
}

#[test]
fn without_the_opt_in_the_same_questions_break_the_strict_rules() {
    let library = Library::from_sources(vec![source("user", &manifest("imp"), &bare_questions())]);
    let problems = printed(&library);
    assert!(library.banks[0].questions.is_empty(), "{problems:?}");
    for expected in [
        "missing field `task`",
        "missing field `services`",
        "missing field `difficulty`",
        "missing field `explanation`",
        "missing field `references`",
        "a single question needs at least 4 options; this one has 2",
        "the stem must say \"(Choose FOUR.)\": 4 options are correct",
    ] {
        assert!(problems.iter().any(|p| p.ends_with(expected)), "{expected:?} not in {problems:#?}");
    }
}

#[test]
fn a_relaxed_bank_still_checks_what_it_gives() {
    let mut questions = bare_questions();
    let eleven: Vec<Value> = (0..11).map(|i| json!({"text": format!("o{i}"), "correct": i == 0})).collect();
    questions["questions"][0]["options"] = json!(eleven);
    questions["questions"][1]["explanation"] = json!("escape \u{1b}[2J");
    questions["questions"][1]["task"] = json!("1.1");
    let library = Library::from_sources(vec![source("user", &relaxed_manifest("imp"), &questions)]);
    let problems = printed(&library);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].ends_with("a single question needs 2 to 10 options; this one has 11"));
    assert!(problems.iter().any(|p| p.contains("explanation contains an escape character")));
    assert!(problems.iter().any(|p| p.ends_with("task 1.1 is not a task statement of domain 2 (its tasks: 2.1)")));
}

#[test]
fn two_user_banks_with_one_id_are_refused() {
    let questions = json!({"questions": [support::single("a-1", 1)]});
    let mut second = manifest("same");
    second["blueprint"]["code"] = json!("TST-02");
    let library = Library::from_sources(vec![
        source("first", &manifest("same"), &questions),
        source("second", &second, &json!({"questions": [support::single("b-1", 1)]})),
    ]);
    assert_eq!(
        printed(&library),
        ["second/bank.json: bank id \"same\" is also the id of first; two banks cannot share an id, so this one \
          was not loaded"]
    );
    assert_eq!(library.banks.len(), 1);
}

#[test]
fn two_banks_defining_one_exam_are_refused() {
    let library = Library::from_sources(vec![
        source("first", &manifest("one"), &json!({"questions": [support::single("a-1", 1)]})),
        source("second", &manifest("two"), &json!({"questions": [support::single("b-1", 1)]})),
    ]);
    let problems = printed(&library);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("second/bank.json: exam \"TST-01\" is already defined by first;"), "{problems:?}");
    assert_eq!(library.pool("TST-01").map(|p| p.questions.len()), Some(1));
}

#[test]
fn a_user_folder_still_replaces_the_embedded_bank_of_its_id() {
    let mut m = manifest("mla-c01");
    m["blueprint"]["code"] = json!("MLA-C01");
    let user = source("mine", &m, &json!({"questions": [support::single("mine-1", 1)]}));
    let mut sources = BankSource::embedded();
    sources.push(user);
    let library = Library::from_sources(sources);
    assert_eq!(printed(&library), Vec::<String>::new());
    let pool = library.pool("MLA-C01").unwrap_or_else(|| panic!("no pool"));
    assert_eq!(pool.questions.len(), 1, "the user folder replaced the embedded bank");
}

#[test]
fn an_embedded_bank_cannot_be_relaxed() {
    let mut embedded = source("question_banks/x", &relaxed_manifest("x"), &bare_questions());
    embedded.origin = Origin::Embedded;
    let library = Library::from_sources(vec![embedded]);
    assert!(printed(&library)[0].ends_with("an embedded bank must follow the strict rules; remove `relaxed`"));
}

#[test]
fn a_relaxed_bank_allows_text_twice_as_long() {
    let mut questions = bare_questions();
    questions["questions"][0]["stem"] = json!("x".repeat(4000));
    questions["questions"][1]["stem"] = json!("y".repeat(4001));
    let library = Library::from_sources(vec![source("user", &relaxed_manifest("imp"), &questions)]);
    let problems = printed(&library);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].ends_with("stem is 4001 characters long; the limit is 4000"), "{problems:?}");
}
