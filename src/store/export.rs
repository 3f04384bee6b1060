//! Exporting history as JSON (full records) or CSV (one row per attempt, or
//! one per answered question). CSV cells that a spreadsheet would run as a
//! formula are prefixed with `'`.

use super::record::Attempt;
use crate::bank::Blueprint;
use serde::Serialize;

/// A cell a spreadsheet would treat as a formula gets a leading `'`.
pub fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_string() }
}

pub fn to_json(attempts: &[Attempt]) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(attempts).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn percent(correct: usize, total: usize) -> String {
    if total == 0 { String::new() } else { format!("{:.1}", 100.0 * correct as f64 / total as f64) }
}

fn date(attempt: &Attempt) -> String {
    attempt.started_at.to_string()
}

fn write_rows<R: Serialize>(header: &[String], rows: impl Iterator<Item = R>) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.serialize(row)?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// One row per attempt: date, mode, questions, correct, percent, scaled
/// estimate, passed, minutes, then `domain_<id>` percent for each domain.
pub fn attempts_csv(attempts: &[Attempt], blueprint: &Blueprint) -> Result<Vec<u8>, csv::Error> {
    let mut header: Vec<String> =
        ["date", "mode", "questions", "correct", "percent", "scaled_estimate", "passed", "minutes"]
            .map(String::from)
            .to_vec();
    header.extend(blueprint.domains.iter().map(|d| format!("domain_{}", d.id)));
    let rows = attempts.iter().map(|a| {
        let s = &a.summary;
        let mut row = vec![
            date(a),
            defuse(&format!("{:?}", a.mode).to_lowercase()),
            s.raw.total.to_string(),
            s.raw.correct.to_string(),
            percent(s.raw.correct, s.raw.total),
            s.scaled_estimate.to_string(),
            s.passed.to_string(),
            format!("{:.1}", a.minutes()),
        ];
        row.extend(
            blueprint
                .domains
                .iter()
                .map(|d| s.by_domain.get(&d.id.to_string()).map_or(String::new(), |t| percent(t.correct, t.total))),
        );
        row
    });
    write_rows(&header, rows)
}

/// One row per question of every attempt.
pub fn questions_csv(attempts: &[Attempt]) -> Result<Vec<u8>, csv::Error> {
    let header = [
        "attempt_id",
        "date",
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
    ]
    .map(String::from);
    let rows = attempts.iter().flat_map(|a| {
        a.questions.iter().map(move |q| {
            vec![
                defuse(&a.id),
                date(a),
                format!("{:?}", a.mode).to_lowercase(),
                defuse(&q.id),
                q.domain.to_string(),
                defuse(&q.task),
                defuse(&q.services.join(";")),
                q.kind.as_str().to_string(),
                defuse(&q.response.as_ref().map(|r| serde_json::to_string(r).unwrap_or_default()).unwrap_or_default()),
                q.correct.to_string(),
                q.flagged.to_string(),
                q.seconds.to_string(),
            ]
        })
    });
    write_rows(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("-1+2"), "'-1+2");
        assert_eq!(defuse("glue;sagemaker"), "glue;sagemaker");
    }
}
