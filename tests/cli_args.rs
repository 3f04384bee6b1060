//! Command-line numbers are bounded by clap, so no value a user can type
//! overflows: out-of-range values are refused with the range, and the largest
//! accepted ones build a sensible exam.

use assert_cmd::Command;
use mla_quiz::bank::Library;
use mla_quiz::cli::ExamArgs;
use mla_quiz::commands::tui::exam_settings;

fn mla_quiz(args: &[&str]) -> (Option<i32>, String) {
    let mut cmd = Command::cargo_bin("mla-quiz").unwrap_or_else(|e| panic!("{e}"));
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let output = cmd.env("MLA_QUIZ_DATA_DIR", data.path()).args(args).output().unwrap_or_else(|e| panic!("{e}"));
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn out_of_range_numbers_are_refused_with_the_range() {
    let cases: [(&[&str], &str); 7] = [
        (&["exam", "--minutes", "4294967295", "--accommodation"], "4294967295 is not in 1..=1440"),
        (&["exam", "--minutes", "0"], "0 is not in 1..=1440"),
        (&["exam", "--minutes", "1441"], "1441 is not in 1..=1440"),
        (&["exam", "--questions", "18446744073709551615"], "18446744073709551615 is not in 1..=1000"),
        (&["exam", "--questions", "0"], "0 is not in 1..=1000"),
        (&["study", "--count", "1001"], "1001 is not in 1..=1000"),
        (&["study", "--count", "99999999999999999999999"], "invalid value"),
    ];
    for (args, expected) in cases {
        let (code, stderr) = mla_quiz(args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn the_largest_accepted_numbers_pass_parsing() {
    // Parsing succeeds; without a terminal the quiz then stops with its own message.
    let (code, stderr) = mla_quiz(&["exam", "--minutes", "1440", "--questions", "1000", "--accommodation"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("the quiz needs a terminal"), "{stderr}");
}

#[test]
fn the_time_limit_adds_the_accommodation_without_overflow() {
    let pool = Library::load(&[]).default_pool().unwrap_or_else(|| panic!("no pool"));
    let args = ExamArgs { minutes: Some(1440), questions: Some(1000), accommodation: true, seed: Some(1) };
    let settings = exam_settings(&pool, &args);
    assert_eq!(settings.minutes, Some(1440 + pool.blueprint.accommodation_minutes));
    assert_eq!(settings.questions, 1000);
    let plain = exam_settings(&pool, &ExamArgs { minutes: None, questions: None, accommodation: false, seed: None });
    assert_eq!((plain.minutes, plain.questions), (Some(pool.blueprint.minutes), pool.blueprint.questions));
}
