//! Exporting history as JSON (full records) or CSV (one row per attempt, or
//! one per answered question), streamed from the database one attempt at a
//! time so memory does not grow with the history. Dates are UTC (RFC 3339),
//! as the CSV header says. CSV cells that a spreadsheet would run as a
//! formula are prefixed with `'`.

use super::record::Attempt;
use super::{Store, StoreError};
use crate::bank::{Blueprint, Pool, Question};
use crate::engine::{Mode, QuestionOutcome, Response};
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use std::io::Write;

/// A cell a spreadsheet would treat as a formula gets a leading `'`.
pub fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_string() }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The output could not be written (a closed pipe, a full disk): the I/O
    /// error is the source, so callers can tell a reader that stopped early.
    #[error("writing the export")]
    Io(#[source] std::io::Error),
    #[error("encoding the export: {0}")]
    Encode(String),
}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        if e.is_io() { ExportError::Io(e.into()) } else { ExportError::Encode(e.to_string()) }
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => ExportError::Io(io),
            other => ExportError::Encode(format!("{other:?}")),
        }
    }
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Io(e)
    }
}

/// Every attempt of the store, serialised as a sequence while it is read.
struct AllAttempts<'a> {
    store: &'a Store,
    exam: Option<&'a str>,
}

impl Serialize for AllAttempts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut failure = None;
        let walked = self.store.for_each_attempt(self.exam, |attempt| {
            seq.serialize_element(&attempt).map_err(|e| {
                failure = Some(e);
                StoreError::Damaged("the export stopped".into())
            })
        });
        if let Some(failure) = failure {
            return Err(failure);
        }
        walked.map_err(S::Error::custom)?;
        seq.end()
    }
}

/// Writes every attempt as one pretty-printed JSON array, as `history --json` shows it.
pub fn write_json(store: &Store, exam: Option<&str>, out: &mut impl Write) -> Result<usize, ExportError> {
    let count = store.attempt_count(exam)?;
    // Pretty JSON is many short lines: buffer them, or a line-buffered stdout writes each on its own.
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &AllAttempts { store, exam })?;
    out.write_all(b"\n").and_then(|()| out.flush())?;
    Ok(count)
}

fn percent(correct: usize, total: usize) -> String {
    if total == 0 { String::new() } else { format!("{:.1}", 100.0 * correct as f64 / total as f64) }
}

/// One row per attempt: date (UTC), mode, questions, correct, percent, scaled
/// estimate, passed (empty for study sessions), minutes, then `domain_<id>`
/// percent for each domain. Returns how many attempts were written.
pub fn write_attempts_csv(
    store: &Store,
    exam: Option<&str>,
    blueprint: &Blueprint,
    out: &mut impl Write,
) -> Result<usize, ExportError> {
    let mut writer = csv::Writer::from_writer(out);
    let mut header: Vec<String> =
        ["date_utc", "mode", "questions", "correct", "percent", "scaled_estimate", "passed", "minutes"]
            .map(String::from)
            .to_vec();
    header.extend(blueprint.domains.iter().map(|d| format!("domain_{}", d.id)));
    writer.write_record(&header)?;
    let mut written = 0;
    store.for_each_attempt(exam, |a: Attempt| -> Result<(), ExportError> {
        let s = &a.summary;
        let passed = match a.mode {
            Mode::Exam => s.passed.to_string(),
            Mode::Study => String::new(),
        };
        let mut row = vec![
            a.started_at.to_string(),
            a.mode.as_str().to_string(),
            s.raw.total.to_string(),
            s.raw.correct.to_string(),
            percent(s.raw.correct, s.raw.total),
            s.scaled_estimate.to_string(),
            passed,
            format!("{:.1}", a.minutes()),
        ];
        row.extend(
            blueprint
                .domains
                .iter()
                .map(|d| s.by_domain.get(&d.id.to_string()).map_or(String::new(), |t| percent(t.correct, t.total))),
        );
        writer.write_record(&row)?;
        written += 1;
        Ok(())
    })?;
    writer.flush()?;
    Ok(written)
}

/// One row per question of every attempt, with the answer in readable form
/// (see [`describe_answer`]). Returns how many attempts were written.
pub fn write_questions_csv(
    store: &Store,
    exam: Option<&str>,
    pool: &Pool,
    out: &mut impl Write,
) -> Result<usize, ExportError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "attempt_id",
        "date_utc",
        "mode",
        "question_id",
        "domain",
        "task",
        "services",
        "type",
        "answer",
        "correct",
        "flagged",
        "seconds",
    ])?;
    let mut written = 0;
    store.for_each_attempt(exam, |a: Attempt| -> Result<(), ExportError> {
        for q in &a.questions {
            writer.write_record([
                defuse(&a.id),
                a.started_at.to_string(),
                a.mode.as_str().to_string(),
                defuse(&q.id),
                q.domain.to_string(),
                defuse(&q.task),
                defuse(&q.services.join(";")),
                q.kind.as_str().to_string(),
                defuse(&describe_answer(pool.question(&q.id), q)),
                q.correct.to_string(),
                q.flagged.to_string(),
                q.seconds.to_string(),
            ])?;
        }
        written += 1;
        Ok(())
    })?;
    writer.flush()?;
    Ok(written)
}

/// The letter of a display position: A, B, C, …
fn letter(position: usize) -> String {
    u8::try_from(position)
        .ok()
        .filter(|p| *p < 26)
        .map_or_else(|| format!("#{}", position + 1), |p| char::from(b'A' + p).to_string())
}

/// An answer as the candidate gave it: the chosen options' letters as they
/// were shown, with their text; the matched pairs; or the steps in the order
/// given. Text comes from the bank when the question is still in it.
pub fn describe_answer(question: Option<&Question>, outcome: &QuestionOutcome) -> String {
    let Some(response) = &outcome.response else { return String::new() };
    let text = |option: usize| question.and_then(|q| q.options.get(option)).map(|o| o.text);
    let shown_at = |option: usize| outcome.order.iter().position(|&o| o == option).unwrap_or(option);
    let choice = |option: usize| match text(option) {
        Some(text) => format!("{}: {text}", letter(shown_at(option))),
        None => letter(shown_at(option)),
    };
    match response {
        Response::Single(option) => choice(*option),
        Response::Multiple(options) => {
            let mut shown: Vec<usize> = options.iter().copied().collect();
            shown.sort_by_key(|&o| shown_at(o));
            shown.into_iter().map(choice).collect::<Vec<_>>().join("; ")
        }
        Response::Ordering(steps) => steps
            .iter()
            .map(|&s| text(s).map_or_else(|| format!("step {}", s + 1), str::to_string))
            .collect::<Vec<_>>()
            .join(" → "),
        Response::Matching(chosen) => {
            let response_text = |r: usize| match question.map(|q| &q.key) {
                Some(crate::bank::AnswerKey::Matching { responses, .. }) => responses.get(r).map(|r| r.to_string()),
                _ => None,
            };
            chosen
                .iter()
                .enumerate()
                .map(|(prompt, r)| {
                    let prompt = text(prompt).map_or_else(|| format!("prompt {}", prompt + 1), str::to_string);
                    let answer = match r {
                        Some(r) => response_text(*r).unwrap_or_else(|| format!("response {}", r + 1)),
                        None => "(none)".to_string(),
                    };
                    format!("{prompt} → {answer}")
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{defuse, letter};

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("-1+2"), "'-1+2");
        assert_eq!(defuse("glue;sagemaker"), "glue;sagemaker");
    }

    #[test]
    fn letters_follow_the_alphabet_then_numbers() {
        assert_eq!((letter(0), letter(25), letter(26)), ("A".to_string(), "Z".to_string(), "#27".to_string()));
    }
}
