//! `mla-quiz history`, `mla-quiz history export` and `mla-quiz stats` run as a
//! user would run them, against a data directory of recorded attempts.

mod support;

use assert_cmd::Command;
use mla_quiz::engine::{Mode, Tally};
use mla_quiz::store::Attempt;
use serde_json::{Value, json};
use std::path::Path;
use support::attempts::{self, at, record_all, record_three};

/// `mla-quiz --data-dir <data>` in UTC, whatever the environment says.
fn mla_quiz(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mla-quiz").unwrap_or_else(|e| panic!("{e}"));
    cmd.env_remove("MLA_QUIZ_DATA_DIR").env("TZ", "UTC").arg("--data-dir").arg(data);
    cmd
}

/// Exit code, standard output and standard error.
fn run(cmd: &mut Command, args: &[&str]) -> (Option<i32>, String, String) {
    let output = cmd.args(args).output().unwrap_or_else(|e| panic!("{e}"));
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{e}"));
    (output.status.code(), text(&output.stdout), text(&output.stderr))
}

/// Standard output and standard error of a run that must succeed.
fn succeed(cmd: &mut Command, args: &[&str]) -> (String, String) {
    let (code, stdout, stderr) = run(cmd, args);
    assert_eq!(code, Some(0), "{args:?} failed: {stderr}");
    (stdout, stderr)
}

fn parse_records(json: &str) -> Vec<Attempt> {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn percent(t: &Tally) -> String {
    format!("{:.1}", 100.0 * t.correct as f64 / t.total as f64)
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap_or_else(|e| panic!("{e}")).iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
    (header, rows)
}

#[test]
fn history_on_an_empty_data_directory_says_how_to_start() {
    let data = tempdir();
    let (stdout, stderr) = succeed(&mut mla_quiz(data.path()), &["history"]);
    assert!(stdout.starts_with("No attempts yet."), "{stdout}");
    assert!(stdout.contains("mla-quiz study") && stdout.contains("mla-quiz exam"), "{stdout}");
    assert_eq!(stderr, "");
}

#[test]
fn history_lists_each_attempt_with_date_score_result_and_time() {
    let data = tempdir();
    let records = record_three(&attempts::pool(), data.path());
    let (stdout, _) = succeed(&mut mla_quiz(data.path()), &["history"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1 + records.len() + 1, "header, a row per attempt, the note on estimates:\n{stdout}");
    assert!(lines[0].starts_with("Date") && lines[0].contains("Scaled"), "{stdout}");
    let expected = [("2026-03-01 09:00", "1:37:30"), ("2026-03-02 09:00", "15:00"), ("2026-03-03 09:00", "1:37:30")];
    for ((record, (date, time)), line) in records.iter().zip(expected).zip(&lines[1..]) {
        let s = &record.summary;
        let result = match record.mode {
            Mode::Study => " - ",
            Mode::Exam if s.passed => " PASS ",
            Mode::Exam => " FAIL ",
        };
        let score = format!(" {}/{} ({:.0}%) ", s.raw.correct, s.raw.total, s.raw.percent());
        for part in [date, record.mode.label(), &score, &format!(" {} ", s.scaled_estimate), result, time] {
            assert!(line.contains(part), "{part:?} missing from {line:?}");
        }
    }
    assert!(stdout.contains("estimate"), "the scaled score is called an estimate: {stdout}");
}

#[test]
fn history_dates_are_in_the_local_time_zone() {
    let data = tempdir();
    record_three(&attempts::pool(), data.path());
    // A POSIX TZ string (UTC+9), so no time zone database is needed.
    let (stdout, _) = succeed(mla_quiz(data.path()).env("TZ", "JST-9"), &["history"]);
    assert!(stdout.lines().nth(1).is_some_and(|row| row.starts_with("2026-03-01 18:00 ")), "{stdout}");
}

#[test]
fn history_json_prints_the_full_records() {
    let data = tempdir();
    let records = record_three(&attempts::pool(), data.path());
    let (stdout, _) = succeed(&mut mla_quiz(data.path()), &["history", "--json"]);
    assert_eq!(parse_records(&stdout), records);
}

#[test]
fn history_reports_an_unreadable_file_on_stderr_and_still_lists_the_rest() {
    let data = tempdir();
    let records = record_three(&attempts::pool(), data.path());
    // A history file an earlier version left behind, damaged.
    let folder = data.path().join("history");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(folder.join("x.json"), b"{ not json").unwrap_or_else(|e| panic!("{e}"));
    let (stdout, stderr) = succeed(&mut mla_quiz(data.path()), &["history", "--json"]);
    assert!(stderr.contains("x.json could not be imported") && stderr.contains("left where it is"), "{stderr}");
    assert_eq!(parse_records(&stdout), records);
    assert_eq!(std::fs::read(folder.join("x.json")).unwrap_or_default(), b"{ not json");
}

#[test]
fn export_csv_has_one_row_per_attempt_matching_the_records_column_by_column() {
    let data = tempdir();
    let records = record_three(&attempts::pool(), data.path());
    let (stdout, _) = succeed(&mut mla_quiz(data.path()), &["history", "export", "--format", "csv"]);
    let (header, rows) = csv_rows(&stdout);
    let expected_header: Vec<&str> =
        "date_utc,mode,questions,correct,percent,scaled_estimate,passed,minutes,domain_1,domain_2,domain_3,domain_4"
            .split(',')
            .collect();
    assert_eq!(header, expected_header);
    assert_eq!(rows.len(), records.len());
    for (row, record) in rows.iter().zip(&records) {
        let s = &record.summary;
        let domain = |id: &str| s.by_domain.get(id).map_or(String::new(), percent);
        let expected = [
            record.started_at.to_string(),
            if record.mode == Mode::Exam { "exam" } else { "study" }.to_string(),
            s.raw.total.to_string(),
            s.raw.correct.to_string(),
            percent(&s.raw),
            s.scaled_estimate.to_string(),
            // Pass/fail applies to mock exams only.
            if record.mode == Mode::Exam { s.passed.to_string() } else { String::new() },
            format!("{:.1}", s.seconds as f64 / 60.0),
            domain("1"),
            domain("2"),
            domain("3"),
            domain("4"),
        ];
        let cells: Vec<&str> = row.iter().collect();
        assert_eq!(cells, expected, "row of {}", record.id);
    }
}

#[test]
fn export_per_question_has_a_row_for_every_question_of_every_attempt() {
    let data = tempdir();
    let records = record_three(&attempts::pool(), data.path());
    let args = ["history", "export", "--format", "csv", "--per-question"];
    let (stdout, _) = succeed(&mut mla_quiz(data.path()), &args);
    let (header, rows) = csv_rows(&stdout);
    assert_eq!(&header[..4], ["attempt_id", "date_utc", "mode", "question_id"]);
    let pool = attempts::pool();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} column"));
    let outcomes: Vec<(&Attempt, _)> = records.iter().flat_map(|a| a.questions.iter().map(move |q| (a, q))).collect();
    assert_eq!(rows.len(), 65 + 10 + 65);
    assert_eq!(rows.len(), outcomes.len());
    let mut singles = 0;
    for (row, (attempt, q)) in rows.iter().zip(outcomes) {
        assert_eq!(row.get(column("attempt_id")), Some(attempt.id.as_str()));
        assert_eq!(row.get(column("question_id")), Some(q.id.as_str()));
        assert_eq!(row.get(column("domain")), Some(q.domain.to_string().as_str()));
        assert_eq!(row.get(column("task")), Some(q.task.as_str()));
        assert_eq!(row.get(column("correct")), Some(q.correct.to_string().as_str()));
        assert_eq!(row.get(column("seconds")), Some(q.seconds.to_string().as_str()));
        // The answer as the candidate saw it: the letter of the chosen option in
        // the order shown, then its text.
        let answer = row.get(column("answer")).unwrap_or_default();
        let question = pool.question(&q.id).unwrap_or_else(|| panic!("{} not in the pool", q.id));
        if let Some(mla_quiz::engine::Response::Single(option)) = &q.response {
            let shown = q.order.iter().position(|o| o == option).unwrap_or_else(|| panic!("no order"));
            let expected = format!("{}: {}", char::from(b'A' + shown as u8), question.options[*option].text);
            assert_eq!(answer, expected, "{}", q.id);
            singles += 1;
        }
    }
    assert!(singles > 10, "the answer column was checked on {singles} single-answer rows");
}

#[test]
fn export_defuses_cells_a_spreadsheet_would_run_as_formulas() {
    let data = tempdir();
    let mut attempt = attempts::study(&attempts::pool(), 9, 2, 1, at(0));
    attempt.questions[0].id = "=HYPERLINK(\"https://example.com\",\"x\")".into();
    attempt.questions[1].task = "@SUM(A1:A9)".into();
    record_all(data.path(), &[attempt]);
    let args = ["history", "export", "--format", "csv", "--per-question"];
    let (stdout, _) = succeed(&mut mla_quiz(data.path()), &args);
    let (header, rows) = csv_rows(&stdout);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} column"));
    assert_eq!(rows[0].get(column("question_id")), Some("'=HYPERLINK(\"https://example.com\",\"x\")"));
    assert_eq!(rows[1].get(column("task")), Some("'@SUM(A1:A9)"));
}

#[test]
fn export_to_a_file_refuses_to_overwrite_without_force_and_replaces_with_it() {
    let data = tempdir();
    let records = record_three(&attempts::pool(), data.path());
    let out = data.path().join("export.csv");
    let path = out.to_string_lossy().into_owned();
    let args = ["history", "export", "--format", "csv", "--output", path.as_str()];

    let (stdout, stderr) = succeed(&mut mla_quiz(data.path()), &args);
    assert_eq!(stdout, "", "the export goes to the file, not to standard output");
    assert_eq!(stderr, format!("wrote 3 attempts to {path}\n"));
    let first = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(csv_rows(&first).1.len(), records.len());

    std::fs::write(&out, b"keep me").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = run(&mut mla_quiz(data.path()), &args);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("already exists") && stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap_or_default(), b"keep me");

    succeed(&mut mla_quiz(data.path()), &[&args[..], &["--force"]].concat());
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), first);
}

#[test]
fn per_question_is_refused_for_json() {
    let data = tempdir();
    let args = ["history", "export", "--format", "json", "--per-question"];
    let (code, stdout, stderr) = run(&mut mla_quiz(data.path()), &args);
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert!(stderr.contains("--per-question is for CSV"), "{stderr}");
}

/// Sum of one breakdown over the records.
fn summed(records: &[Attempt], pick: impl Fn(&Attempt) -> Option<Tally>) -> Value {
    let (correct, total) = records.iter().filter_map(pick).fold((0, 0), |(c, t), x| (c + x.correct, t + x.total));
    json!({"correct": correct, "total": total})
}

#[test]
fn stats_json_figures_match_the_recorded_attempts() {
    let data = tempdir();
    let records = record_three(&attempts::pool(), data.path());
    let (stdout, _) = succeed(&mut mla_quiz(data.path()), &["stats", "--json"]);
    let stats: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats["attempts"], json!(3));
    assert_eq!(stats["mock_exams"], json!(2));
    assert_eq!(stats["questions_answered"], json!(65 + 10 + 65));
    assert_eq!(stats["overall"], summed(&records, |a| Some(a.summary.raw)));
    for domain in ["1", "2", "3", "4"] {
        assert_eq!(stats["by_domain"][domain], summed(&records, |a| a.summary.by_domain.get(domain).copied()));
    }
    assert_eq!(stats["by_task"]["1.1"], summed(&records, |a| a.summary.by_task.get("1.1").copied()));
    assert_eq!(stats["by_service"]["sagemaker"], summed(&records, |a| a.summary.by_service.get("sagemaker").copied()));
    let trend = [records[0].summary.scaled_estimate, records[2].summary.scaled_estimate];
    assert_eq!(stats["mock_exam_trend"], json!(trend));
    // These attempts are older than the forecast reads: no probability, and what is missing.
    let readiness = &stats["readiness"];
    assert_eq!(readiness["probability"], Value::Null);
    assert_eq!(readiness["answers_used"], json!(0));
    assert!(readiness["method"].as_str().is_some_and(|m| m.contains("simulated")), "{readiness}");
    assert_eq!(readiness["missing"].as_array().map(Vec::len), Some(4));
    for key in ["scaled_low", "scaled_mid", "scaled_high"] {
        assert!(readiness.get(key).is_some(), "{key} missing from {readiness}");
    }
}

#[test]
fn stats_text_names_domains_tasks_services_and_shows_the_trend() {
    let data = tempdir();
    let pool = attempts::pool();
    let records = record_three(&pool, data.path());
    let (stdout, _) = succeed(&mut mla_quiz(data.path()), &["stats"]);
    for domain in &pool.blueprint.domains {
        assert!(stdout.contains(&format!("{} {}", domain.id, domain.name)), "{} missing:\n{stdout}", domain.name);
    }
    assert!(stdout.contains("1.1 "), "{stdout}");
    assert!(stdout.contains(pool.service_name("sagemaker")), "{stdout}");
    assert!(stdout.contains("Weakest task statements") && stdout.contains("Weakest services"), "{stdout}");
    let trend = format!("{} → {}", records[0].summary.scaled_estimate, records[2].summary.scaled_estimate);
    assert!(stdout.contains(&trend), "{trend} missing:\n{stdout}");
}

#[test]
fn the_data_dir_environment_variable_works_like_the_flag() {
    let data = tempdir();
    let records = record_three(&attempts::pool(), data.path());
    let mut cmd = Command::cargo_bin("mla-quiz").unwrap_or_else(|e| panic!("{e}"));
    cmd.env("MLA_QUIZ_DATA_DIR", data.path());
    let (stdout, _) = succeed(&mut cmd, &["history", "--json"]);
    assert_eq!(parse_records(&stdout), records);
}

#[test]
fn study_focus_without_history_says_there_is_nothing_to_study() {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let output = Command::cargo_bin("mla-quiz")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["study", "--focus", "missed", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no question is missed last time"), "{stderr}");
}

#[test]
fn study_focus_due_and_weak_without_history_say_what_to_do() {
    let data = tempdir();
    for (focus, expected) in
        [("due", "no review is due: answer some questions first"), ("weak", "no weak area yet: an area is weak")]
    {
        let (code, _, stderr) = run(&mut mla_quiz(data.path()), &["study", "--focus", focus]);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stderr.contains(expected), "{focus}: {stderr}");
    }
}

#[test]
fn study_takes_a_difficulty_and_refuses_an_unknown_one() {
    let data = tempdir();
    let (code, _, stderr) = run(&mut mla_quiz(data.path()), &["study", "--difficulty", "extreme"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("easy") && stderr.contains("medium") && stderr.contains("hard"), "{stderr}");
    // A valid one gets as far as needing a terminal.
    let (code, _, stderr) = run(&mut mla_quiz(data.path()), &["study", "--difficulty", "hard"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("needs a terminal"), "{stderr}");
}

#[test]
fn fit_needs_a_long_log_then_schedules_with_personal_parameters_until_reset() {
    let data = tempdir();
    record_three(&attempts::pool(), data.path());
    let (code, _, stderr) = run(&mut mla_quiz(data.path()), &["fit"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("needs at least 400 answers") && stderr.contains("default parameters stay"), "{stderr}");

    support::generate_history(data.path(), 300);
    let (stdout, _) = succeed(&mut mla_quiz(data.path()), &["fit"]);
    assert!(stdout.starts_with("Fitted personal FSRS parameters"), "{stdout}");
    let (stats, _) = succeed(&mut mla_quiz(data.path()), &["stats"]);
    assert!(stats.contains("Reviews: FSRS with your own parameters, fitted on"), "{stats}");
    succeed(&mut mla_quiz(data.path()), &["fit", "--reset"]);
    let (stats, _) = succeed(&mut mla_quiz(data.path()), &["stats"]);
    assert!(stats.contains("Reviews: FSRS with its default parameters"), "{stats}");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let data = tempdir();
    support::generate_history(data.path(), 200);
    for args in [&["history", "--json"][..], &["history", "export", "--format", "csv", "--per-question"][..]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mla-quiz"))
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // Read a little, then close the pipe as `| head -1` does.
        let mut first = [0u8; 16];
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        std::io::Read::read_exact(&mut { stdout }, &mut first).unwrap_or_else(|e| panic!("{e}"));
        let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && stderr.is_empty(), "{args:?}: {:?} {stderr}", output.status);
    }
}
