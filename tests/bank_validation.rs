//! The loader and validator against banks broken in every way the format forbids:
//! each problem is reported with its file, line and column, all problems are
//! reported, and a broken user bank never stops the embedded bank.

mod support;

use mla_quiz::bank::{BankSource, Library, Origin};
use serde_json::{Value, json};
use support::{manifest, position_after, position_of, pretty, questions};

/// Loads a bank from in-memory files and returns its printed problems.
fn problems_of(manifest: &str, files: &[(&str, &str)]) -> (Library, Vec<String>) {
    let mut all = vec![("bank.json".to_string(), manifest.to_string())];
    all.extend(files.iter().map(|(n, t)| (n.to_string(), t.to_string())));
    let source = BankSource::from_texts(Origin::Folder("user".into()), "user", all);
    let library = Library::from_sources(vec![source]);
    let printed = library.problems.iter().map(ToString::to_string).collect();
    (library, printed)
}

/// Breaks the clean question file with `edit` and returns (file text, problems).
fn break_questions(edit: impl FnOnce(&mut Value)) -> (String, Vec<String>) {
    let mut file = questions();
    edit(&mut file);
    let text = pretty(&file);
    let (_, problems) = problems_of(&pretty(&manifest("test")), &[("q.json", &text)]);
    (text, problems)
}

fn at(text: &str, needle: &str, message: &str) -> String {
    let (line, column) = position_of(text, needle);
    format!("user/q.json:{line}:{column}: {message}")
}

#[test]
fn a_clean_bank_loads_every_question_and_case_study() {
    let (library, problems) = problems_of(&pretty(&manifest("test")), &[("q.json", &pretty(&questions()))]);
    assert_eq!(problems, Vec::<String>::new());
    let pool = library.pool("TST-01").unwrap_or_else(|| panic!("no pool"));
    assert_eq!(pool.questions.len(), 6);
    assert_eq!(pool.case_studies.len(), 1);
}

#[test]
fn broken_json_reports_line_and_column() {
    let text = "{\n  \"questions\": [\n    {\"id\": \"x\",, }\n  ]\n}";
    let (_, problems) = problems_of(&pretty(&manifest("test")), &[("q.json", text)]);
    assert_eq!(problems, vec!["user/q.json:3:16: key must be a string".to_string()]);
}

#[test]
fn unknown_fields_are_reported_where_they_are() {
    let (text, problems) = break_questions(|f| f["questions"][1]["hint"] = json!("psst"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    let expected = at(&text, "\"psst\"", "unknown field `hint`");
    assert!(problems[0].starts_with(&expected), "{} vs {expected}", problems[0]);
}

#[test]
fn duplicate_ids_are_reported() {
    let (text, problems) = break_questions(|f| f["questions"][1]["id"] = json!("q-single"));
    // Reported where the second question's object opens.
    let second = text.match_indices("\"id\": \"q-single\"").nth(1).map_or(0, |(i, _)| i);
    let opening = text[..second].rfind('{').unwrap_or(0);
    let (line, column) = position_of(&text[opening..], "{");
    let line = line + text[..opening].matches('\n').count();
    let column = column + text[..opening].rsplit('\n').next().map_or(0, str::len);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with(&format!("user/q.json:{line}:{column}: ")), "{problems:?}");
    assert!(problems[0].ends_with("question id \"q-single\" is used twice"), "{problems:?}");
}

#[test]
fn wrong_answer_counts_are_reported() {
    let (text, problems) = break_questions(|f| {
        f["questions"][0]["options"][1]["correct"] = json!(true);
        f["questions"][1]["options"][1]["correct"] = json!(false);
    });
    assert_eq!(problems.len(), 2, "{problems:?}");
    let (line, column) = position_after(&text, &["\"id\": \"q-single\"", "\"options\": ", "["]);
    assert_eq!(
        problems[0],
        format!("user/q.json:{line}:{column}: a single question needs exactly 1 correct option; this one has 2")
    );
    assert!(problems[1].contains("this one has 1 correct of 5"), "{problems:?}");
}

#[test]
fn a_multiple_stem_must_state_the_count() {
    let (text, problems) = break_questions(|f| f["questions"][1]["stem"] = json!("Pick some."));
    assert_eq!(
        problems,
        vec![at(&text, "\"Pick some.\"", "the stem must say \"(Choose TWO.)\": 2 options are correct")]
    );
}

#[test]
fn a_task_outside_its_domain_is_reported() {
    let (text, problems) = break_questions(|f| f["questions"][0]["task"] = json!("2.1"));
    let (line, column) = position_after(&text, &["\"id\": \"q-single\"", "\"task\": ", "\"2.1\""]);
    assert_eq!(
        problems,
        vec![format!("user/q.json:{line}:{column}: task 2.1 is not a task statement of domain 1 (its tasks: 1.1)")]
    );
}

#[test]
fn missing_explanation_and_references_are_reported() {
    let (_, problems) = break_questions(|f| {
        if let Some(q) = f["questions"][0].as_object_mut() {
            q.remove("explanation");
        }
        f["questions"][2]["references"] = json!([]);
        f["questions"][3]["options"][0]["explanation"] = json!("  ");
    });
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].ends_with("missing field `explanation`"), "{problems:?}");
    assert!(problems[1].ends_with("references is empty: give at least one https:// link to documentation"));
    assert!(problems[2].ends_with("option explanation is empty"));
}

#[test]
fn an_undefined_case_study_is_reported() {
    let (text, problems) = break_questions(|f| f["questions"][0]["case_study"] = json!("cs-nowhere"));
    // The question object starts on the line before its first (sorted) key, "case_study".
    let (line, _) = position_of(&text, "\"case_study\": \"cs-nowhere\"");
    assert_eq!(
        problems,
        vec![format!(
            "user/q.json:{}:5: case study \"cs-nowhere\" is referenced but not defined in this bank",
            line - 1
        )]
    );
}

#[test]
fn a_case_study_needs_two_questions() {
    let (_, problems) = break_questions(|f| f["questions"][5]["case_study"] = Value::Null);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].ends_with("case study \"cs-shop\" is used by 1 question(s); a case study needs at least 2"));
}

#[test]
fn empty_and_over_long_text_is_reported() {
    let (text, problems) = break_questions(|f| {
        f["questions"][0]["stem"] = json!("");
        f["questions"][1]["options"][0]["text"] = json!("x".repeat(601));
    });
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0], at(&text, "\"\"", "stem is empty"));
    assert!(problems[1].ends_with("option text is 601 characters long; the limit is 600"));
}

#[test]
fn control_characters_and_escape_sequences_are_refused() {
    let (_, problems) = break_questions(|f| {
        f["questions"][0]["stem"] = json!("Clear the screen \u{1b}[2J now?");
        f["questions"][1]["options"][2]["text"] = json!("right-to-left \u{202e}override");
        f["questions"][2]["explanation"] = json!("bell \u{7}");
        f["case_studies"][0]["scenario"] = json!("zero\u{200b}width");
    });
    // The broken case study is skipped, so its two questions are reported too.
    assert_eq!(problems.len(), 6, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p
                .ends_with("stem contains an escape character (U+001B); terminal escape sequences are not allowed"))
    );
    assert!(problems.iter().any(|p| p.ends_with("option text contains an invisible formatting character (U+202E)")));
    assert!(problems.iter().any(|p| p.ends_with("explanation contains a control character (U+0007)")));
    assert!(problems.iter().any(|p| p.ends_with("scenario contains an invisible formatting character (U+200B)")));
}

#[test]
fn unknown_service_tags_and_bad_references_are_reported() {
    let (_, problems) = break_questions(|f| {
        f["questions"][0]["services"] = json!(["Glue"]);
        f["questions"][1]["references"] = json!(["http://example.com"]);
    });
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("unknown service tag \"Glue\""));
    assert!(problems[1].contains("is not an https:// link"));
}

#[test]
fn matching_and_ordering_shapes_are_checked() {
    let (_, problems) = break_questions(|f| {
        f["questions"][2]["options"] = json!([{"text": "Only", "explanation": "One."}]);
        f["questions"][3]["options"][0]["match"] = json!("Purple");
    });
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].ends_with("an ordering question needs 3 to 5 options; this one has 1"));
    assert!(problems[1].ends_with("match \"Purple\" is not one of the responses"), "{problems:?}");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let (_, problems) = break_questions(|f| {
        f["questions"][0]["task"] = json!("9.9");
        f["questions"][0]["stem"] = json!("");
        f["questions"][1]["difficulty"] = json!("extreme");
        f["questions"][3]["responses"] = json!(["Red", "Red", "Blue"]);
    });
    // Four mistakes; the duplicated response also leaves "Green" unmatched.
    assert_eq!(problems.len(), 5, "{problems:?}");
}

#[test]
fn a_broken_manifest_skips_its_bank_with_located_problems() {
    let mut m = manifest("test");
    m["blueprint"]["domains"][0]["weight"] = json!(40);
    m["blueprint"]["domains"][1]["tasks"][0]["id"] = json!("3.1");
    let text = pretty(&m);
    let (library, problems) = problems_of(&text, &[("q.json", &pretty(&questions()))]);
    assert!(library.banks.is_empty());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|p| p.ends_with("domain weights add up to 90; they must add up to 100")));
    let (line, column) = position_after(&text, &["\"name\": \"Two\"", "\"tasks\": [", "{"]);
    assert!(problems.contains(&format!(
        "user/bank.json:{line}:{column}: task \"3.1\" must start with its domain id, as in \"2.1\""
    )));
}

#[test]
fn the_embedded_bank_validates_clean() {
    let library = Library::load(&[]);
    let problems: Vec<String> = library.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems, Vec::<String>::new());
    let pool = library.default_pool().unwrap_or_else(|| panic!("no embedded blueprint"));
    assert_eq!(pool.blueprint.code, "MLA-C01");
    assert_eq!(pool.blueprint.questions, 65);
    assert_eq!(pool.blueprint.minutes, 130);
    let weights: Vec<u32> = pool.blueprint.domains.iter().map(|d| d.weight).collect();
    assert_eq!(weights, vec![28, 26, 22, 24]);
}

#[test]
fn a_broken_user_bank_never_stops_the_embedded_bank() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let user = dir.path().join("mine");
    support::write_bank(&user, "{ not json", &[]);
    let library = Library::load(&[user, dir.path().join("missing")]);
    assert!(library.banks.iter().any(|b| b.origin == Origin::Embedded));
    assert_eq!(library.problems.len(), 2, "{:?}", library.problems);
    assert!(library.skipped.iter().any(|s| s.contains("mine")));
}

#[test]
fn a_user_bank_can_join_the_embedded_exam() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let user = dir.path().join("mine");
    let mut m = manifest("my-own");
    if let Some(o) = m.as_object_mut() {
        o.remove("blueprint");
        o.insert("exam".into(), json!("MLA-C01"));
        o.insert("services".into(), json!({}));
    }
    let mut q = support::single("my-own-1", 1);
    q["services"] = json!(["glue"]);
    support::write_bank(&user, &pretty(&m), &[("q.json", &pretty(&json!({"questions": [q]})))]);
    let library = Library::load(&[user]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let pool = library.default_pool().unwrap_or_else(|| panic!("no pool"));
    assert!(pool.question("my-own-1").is_some());
}

#[test]
fn a_bad_service_name_is_reported_as_a_service_name() {
    let mut m = manifest("test");
    m["services"]["glue"] = json!("AWS\u{1b}[31m Glue");
    let (_, problems) = problems_of(&pretty(&m), &[("q.json", &pretty(&questions()))]);
    assert!(problems.iter().any(|p| p.contains("service name contains an escape character")), "{problems:?}");
    assert!(!problems.iter().any(|p| p.contains("title")), "{problems:?}");
}

#[test]
fn blueprint_numbers_out_of_range_are_reported_not_added_up() {
    let mut m = manifest("test");
    m["blueprint"]["questions"] = json!(u64::MAX);
    m["blueprint"]["minutes"] = json!(u32::MAX);
    m["blueprint"]["accommodation_minutes"] = json!(u32::MAX);
    m["blueprint"]["domains"][0]["weight"] = json!(u32::MAX);
    m["blueprint"]["domains"][1]["weight"] = json!(1);
    let (library, problems) = problems_of(&pretty(&m), &[("q.json", &pretty(&questions()))]);
    assert!(library.banks.is_empty());
    for expected in [
        "a mock exam has 1 to 1000 questions",
        "a mock exam lasts 1 to 1440 minutes",
        "the extra time is at most 1440 minutes",
        "domain 1 has weight 4294967295; a weight is a percent",
        "domain weights add up to 4294967295; they must add up to 100",
    ] {
        assert!(problems.iter().any(|p| p.ends_with(expected)), "{expected}: {problems:?}");
    }
}
