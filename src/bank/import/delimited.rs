//! CSV or TSV with a header row: a question column, option columns `A` to `J`
//! (or `Option A`, `Choice A`, `Option 1` …), the answer letters (`B`,
//! `A,D`, `AD`, option numbers, or the right option's text), and optional
//! `explanation`, `domain`, `task` and `tags` columns. Header names ignore
//! case, spaces and punctuation. The delimiter is a tab, a semicolon or a
//! comma, whichever the header row uses; quoted cells may hold commas and
//! line breaks.

use super::answer::{self, MAX_OPTIONS};
use super::{Draft, DraftOption, Entry, Importer};

pub struct Delimited;

/// Which column holds what.
#[derive(Debug, Default)]
struct Columns {
    question: Option<usize>,
    options: [Option<usize>; MAX_OPTIONS],
    answer: Option<usize>,
    explanation: Option<usize>,
    domain: Option<usize>,
    task: Option<usize>,
    tags: Option<usize>,
}

fn normalise(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase()
}

/// The option index a header names: "A", "Option A", "choice_b", "Option 3".
fn option_column(name: &str) -> Option<usize> {
    let rest = ["option", "choice", "answeroption"].iter().find_map(|p| name.strip_prefix(p)).unwrap_or(name);
    if let Ok(n) = rest.parse::<usize>() {
        return (rest != name && (1..=MAX_OPTIONS).contains(&n)).then(|| n - 1);
    }
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ 'a'..='j'), None) => Some(usize::from(c as u8 - b'a')),
        _ => None,
    }
}

impl Columns {
    fn of(header: &csv::StringRecord) -> Columns {
        let mut columns = Columns::default();
        for (i, name) in header.iter().enumerate() {
            let name = normalise(name);
            let slot = match name.as_str() {
                "question" | "questiontext" | "stem" | "prompt" | "q" => &mut columns.question,
                "answer" | "answers" | "correct" | "correctanswer" | "correctanswers" | "key" | "correctoption"
                | "correctoptions" | "solution" => &mut columns.answer,
                "explanation" | "rationale" | "explanations" => &mut columns.explanation,
                "domain" => &mut columns.domain,
                "task" | "taskstatement" => &mut columns.task,
                "tags" | "tag" | "services" | "service" => &mut columns.tags,
                other => match option_column(other) {
                    Some(index) => &mut columns.options[index],
                    None => continue,
                },
            };
            slot.get_or_insert(i);
        }
        columns
    }

    fn usable(&self) -> bool {
        self.question.is_some() && self.answer.is_some() && self.options.iter().flatten().count() >= 2
    }
}

/// The delimiter the header row uses.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| header.matches(c).count();
    if count('\t') > 0 {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    csv::ReaderBuilder::new().delimiter(delimiter(text)).has_headers(false).flexible(true).from_reader(text.as_bytes())
}

/// The first record that is not empty: the header.
fn header(records: &mut csv::StringRecordsIter<&[u8]>) -> Option<csv::StringRecord> {
    records.filter_map(Result::ok).find(|r| r.iter().any(|cell| !cell.trim().is_empty()))
}

/// "2", "D2", "Domain 2" → 2.
fn domain_number(cell: &str) -> Option<u8> {
    let lower = cell.trim().to_ascii_lowercase();
    let digits = lower.strip_prefix("domain").or_else(|| lower.strip_prefix('d')).unwrap_or(&lower).trim();
    digits.parse().ok()
}

fn row(columns: &Columns, record: &csv::StringRecord, line: usize) -> Entry {
    let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim).unwrap_or("");
    let mut options: Vec<DraftOption> = Vec::new();
    for index in columns.options.iter().map(|&c| cell(c)) {
        if !index.is_empty() {
            options.push(DraftOption { text: index.to_string(), correct: false, explanation: None });
        }
    }
    let answer_cell = cell(columns.answer);
    // Letters, or else the text of the right option itself.
    let by_text = || {
        let same = |o: &DraftOption| o.text.trim().eq_ignore_ascii_case(answer_cell);
        options.iter().position(same).map(|i| vec![i])
    };
    let Some(answer) = answer::letters_only(answer_cell).or_else(by_text).or_else(|| answer::letters(answer_cell))
    else {
        let reason = if answer_cell.is_empty() {
            "the answer cell is empty".to_string()
        } else {
            format!("the answer {:?} names no option letter", super::super::text::make_printable(answer_cell))
        };
        return Entry::Skipped { line, reason };
    };
    for i in answer {
        match options.get_mut(i) {
            Some(option) => option.correct = true,
            None => {
                let letter = char::from(b'A' + u8::try_from(i).unwrap_or(25));
                let reason = format!("the answer names option {letter}, but the row has {} options", options.len());
                return Entry::Skipped { line, reason };
            }
        }
    }
    let explanation = Some(cell(columns.explanation)).filter(|e| !e.is_empty()).map(str::to_string);
    let tags = cell(columns.tags)
        .split([',', ';', '|', ' '])
        .filter(|t| !t.is_empty())
        .map(|t| t.to_ascii_lowercase())
        .collect();
    Entry::Question(Draft {
        line,
        stem: cell(columns.question).to_string(),
        options,
        explanation,
        domain: domain_number(cell(columns.domain)),
        task: Some(cell(columns.task).to_string()).filter(|t| !t.is_empty()),
        tags,
    })
}

impl Importer for Delimited {
    fn evidence(&self, text: &str) -> usize {
        let mut reader = reader(text);
        let mut records = reader.records();
        match header(&mut records) {
            Some(header) if Columns::of(&header).usable() => records.count().max(1),
            _ => 0,
        }
    }

    fn read(&self, text: &str) -> Vec<Entry> {
        let mut reader = reader(text);
        let mut records = reader.records();
        let Some(header) = header(&mut records) else { return Vec::new() };
        let columns = Columns::of(&header);
        let header_line = header.position().map_or(1, |p| p.line());
        if !columns.usable() {
            let reason = "the header row needs a question column, an answer column and at least two option \
                          columns (A, B, …)"
                .to_string();
            return vec![Entry::Skipped { line: usize::try_from(header_line).unwrap_or(1), reason }];
        }
        let mut out = Vec::new();
        for record in records {
            match record {
                Ok(record) if record.iter().all(|cell| cell.trim().is_empty()) => {}
                Ok(record) => {
                    let line = record.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                    out.push(row(&columns, &record, line));
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                    out.push(Entry::Skipped { line, reason: format!("unreadable row: {e}") });
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_questions() {
        let text = "Question,Option A,Option B,Option C,Answer,Explanation,Domain,Tags\n\
                    \"Which, of these?\",One,Two,Three,\"A, C\",Because.,D2,glue s3\n\
                    Bad?,One,Two,,E,,,\n\
                    By text?,Amazon S3,Amazon EBS,,amazon ebs,,,\n";
        let entries = Delimited.read(text);
        let Entry::Question(q) = &entries[0] else { panic!("{entries:?}") };
        assert_eq!((q.line, q.stem.as_str(), q.domain), (2, "Which, of these?", Some(2)));
        assert_eq!(q.options.iter().filter(|o| o.correct).count(), 2);
        assert_eq!(q.tags, ["glue", "s3"]);
        assert_eq!(
            entries[1],
            Entry::Skipped { line: 3, reason: "the answer names option E, but the row has 2 options".into() }
        );
    }

    #[test]
    fn tabs_and_quoted_line_breaks() {
        let text = "question\ta\tb\tanswer\n\"Two\nlines?\"\tyes\tno\t1\nNext?\tyes\tno\tB\n";
        let entries = Delimited.read(text);
        assert_eq!(entries.len(), 2, "{entries:?}");
        let Entry::Question(q) = &entries[1] else { panic!("{entries:?}") };
        assert_eq!(q.line, 4);
    }
}
