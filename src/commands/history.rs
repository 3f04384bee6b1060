//! `mla-quiz history` (a table of past attempts, or `--json`), `mla-quiz history
//! export` (JSON or CSV, to standard output or a file) and `mla-quiz stats`
//! (all-time figures by domain, task statement and service).
//!
//! Notices about history files that had to be moved aside go to the error
//! stream and do not fail the command. Text that came from a file (task and
//! service tags, names from a bank, notices quoting paths) goes through
//! [`make_printable`] before it reaches the terminal.

use crate::bank::text::{clip, make_printable};
use crate::bank::{Blueprint, Library, Pool};
use crate::cli::{ExportFormat, GlobalArgs, HistoryArgs, HistoryCommand};
use crate::engine::{Mode, Tally};
use crate::store::stats::{AllTime, MIN_ANSWERS_FOR_WEAKEST};
use crate::store::{Attempt, Store, export, write_atomic, write_new};
use anyhow::{Context, Result, anyhow, bail};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

const NO_ATTEMPTS: &str = "No attempts yet. Start a study session with `mla-quiz study` or a mock exam with \
                           `mla-quiz exam`; finished sessions show up here.";
const SCALED_NOTE: &str = "Scaled scores are estimates: AWS does not publish how raw marks become the scaled score.";
/// Width of the label column of the stats tables.
const LABEL_WIDTH: usize = 60;

/// Where and how `history export` writes.
#[derive(Debug, Clone, Copy)]
pub struct ExportRequest<'a> {
    pub format: ExportFormat,
    /// A file to write instead of standard output.
    pub output: Option<&'a Path>,
    /// CSV only: one row per question instead of one per attempt.
    pub per_question: bool,
    /// Replace `output` if it exists.
    pub force: bool,
}

/// `mla-quiz history [--json]` and `mla-quiz history export …`.
pub fn run(global: &GlobalArgs, args: HistoryArgs, out: &mut impl Write, err: &mut impl Write) -> Result<ExitCode> {
    let store = open_store(global)?;
    match args.command {
        None => list(&store, args.json, out, err),
        Some(HistoryCommand::Export { format, output, per_question, force }) => {
            let pool = default_pool(global)?;
            let request = ExportRequest { format, output: output.as_deref(), per_question, force };
            export(&store, &pool.blueprint, request, out, err)
        }
    }
}

/// `mla-quiz stats [--json]`.
pub fn run_stats(global: &GlobalArgs, json: bool, out: &mut impl Write, err: &mut impl Write) -> Result<ExitCode> {
    stats(&open_store(global)?, &default_pool(global)?, json, out, err)
}

fn open_store(global: &GlobalArgs) -> Result<Store> {
    Ok(Store::open(global.data_dir.as_deref())?)
}

fn default_pool(global: &GlobalArgs) -> Result<Pool> {
    Library::load(&global.banks)
        .default_pool()
        .ok_or_else(|| anyhow!("no loaded bank has an exam blueprint; run `mla-quiz bank validate` to see why"))
}

/// Every attempt, oldest first; notices about unreadable files go to `err`.
fn load(store: &Store, err: &mut impl Write) -> Result<Vec<Attempt>> {
    let loaded = store.history().context("reading the history")?;
    for notice in &loaded.notices {
        writeln!(err, "mla-quiz: {}", make_printable(notice))?;
    }
    Ok(loaded.items)
}

/// Prints past attempts as a table, or as a JSON array of the full records.
pub fn list(store: &Store, json: bool, out: &mut impl Write, err: &mut impl Write) -> Result<ExitCode> {
    let attempts = load(store, err)?;
    if json {
        out.write_all(&export::to_json(&attempts))?;
    } else if attempts.is_empty() {
        writeln!(out, "{NO_ATTEMPTS}")?;
    } else {
        write_table(&attempts, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_table(attempts: &[Attempt], out: &mut impl Write) -> io::Result<()> {
    let line = |date: &str, mode: &str, questions: &str, score: &str, scaled: &str, result: &str, time: &str| {
        format!("{date:<16}  {mode:<9}  {questions:>9}  {score:<15}  {scaled:>6}  {result:<6}  {time:>7}")
    };
    writeln!(out, "{}", line("Date", "Mode", "Questions", "Score", "Scaled", "Result", "Time"))?;
    for a in attempts {
        let s = &a.summary;
        let result = match a.mode {
            Mode::Study => "-",
            Mode::Exam if s.passed => "PASS",
            Mode::Exam => "FAIL",
        };
        let row = line(
            &local_date(a.started_at),
            a.mode.label(),
            &s.raw.total.to_string(),
            &score(s.raw),
            &s.scaled_estimate.to_string(),
            result,
            &duration(s.seconds),
        );
        writeln!(out, "{row}")?;
    }
    writeln!(out, "{SCALED_NOTE}")
}

/// "2026-03-01 14:05" in the local time zone.
fn local_date(at: Timestamp) -> String {
    at.to_zoned(TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string()
}

/// "41/65 (63%)".
fn score(tally: Tally) -> String {
    format!("{}/{} ({:.0}%)", tally.correct, tally.total, tally.percent())
}

/// "m:ss", or "h:mm:ss" from an hour on.
fn duration(seconds: u64) -> String {
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 { format!("{hours}:{minutes:02}:{seconds:02}") } else { format!("{minutes}:{seconds:02}") }
}

/// Exports the history: JSON records, or CSV by attempt or by question.
/// Exit 1 when `output` exists and `force` is not set.
pub fn export(
    store: &Store,
    blueprint: &Blueprint,
    request: ExportRequest<'_>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<ExitCode> {
    if request.per_question && request.format == ExportFormat::Json {
        bail!("--per-question is for CSV (--format csv); a JSON export already has every question of every attempt");
    }
    let attempts = load(store, err)?;
    let bytes = match request.format {
        ExportFormat::Json => export::to_json(&attempts),
        ExportFormat::Csv if request.per_question => export::questions_csv(&attempts).context("writing CSV")?,
        ExportFormat::Csv => export::attempts_csv(&attempts, blueprint).context("writing CSV")?,
    };
    let Some(path) = request.output else {
        out.write_all(&bytes)?;
        return Ok(ExitCode::SUCCESS);
    };
    let shown = make_printable(&path.display().to_string());
    if path.is_dir() {
        bail!("{shown} is a folder; give --output a file name");
    }
    let written = if request.force { write_atomic(path, &bytes) } else { write_new(path, &bytes) };
    match written {
        Ok(()) => {
            let plural = if attempts.len() == 1 { "" } else { "s" };
            writeln!(err, "wrote {} attempt{plural} to {shown}", attempts.len())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(err, "mla-quiz: {shown} already exists and was left as it is; use --force to replace it")?;
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e).with_context(|| format!("writing {shown}")),
    }
}

/// Prints all-time figures for the pool's exam, as text or one JSON object.
/// Attempts of other exams are left out (their domains are not this blueprint's).
pub fn stats(store: &Store, pool: &Pool, json: bool, out: &mut impl Write, err: &mut impl Write) -> Result<ExitCode> {
    let code = &pool.blueprint.code;
    let (ours, others): (Vec<Attempt>, Vec<Attempt>) =
        load(store, err)?.into_iter().partition(|a| a.exam.eq_ignore_ascii_case(code));
    if !others.is_empty() {
        writeln!(err, "mla-quiz: {} attempt(s) of other exams are not counted in the {code} figures", others.len())?;
    }
    let all = AllTime::of(&ours);
    if json {
        serde_json::to_writer(&mut *out, &all).context("writing JSON")?;
        writeln!(out)?;
    } else if all.attempts == 0 {
        writeln!(out, "{NO_ATTEMPTS}")?;
    } else {
        write_stats(&all, pool, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_stats(all: &AllTime, pool: &Pool, out: &mut impl Write) -> io::Result<()> {
    let blueprint = &pool.blueprint;
    writeln!(out, "{} — all time", make_printable(&blueprint.code))?;
    writeln!(
        out,
        "attempts: {} ({} mock exams), questions answered: {}, correct: {}",
        all.attempts,
        all.mock_exams,
        all.questions_answered,
        score(all.overall)
    )?;
    let domain = |id: &str| match id.parse().ok().and_then(|id| blueprint.domain(id)) {
        Some(d) => format!("{} {}", d.id, d.name),
        None => format!("domain {id}"),
    };
    let task = |id: &str| blueprint.task(id).map_or_else(|| id.to_string(), |t| format!("{} {}", t.id, t.name));
    let service = |tag: &str| pool.service_name(tag).to_string();
    section(out, "By domain", &all.by_domain, domain)?;
    section(out, "By task statement", &all.by_task, task)?;
    section(out, "By service", &all.by_service, service)?;
    let at_least = format!("(at least {MIN_ANSWERS_FOR_WEAKEST} answers)");
    section(out, &format!("Weakest task statements {at_least}"), all.weakest_tasks.iter().map(|(k, t)| (k, t)), task)?;
    section(out, &format!("Weakest services {at_least}"), all.weakest_services.iter().map(|(k, t)| (k, t)), service)?;
    writeln!(out)?;
    writeln!(out, "{}", trend(&all.mock_exam_trend))?;
    writeln!(out, "{SCALED_NOTE}")
}

/// A titled list of "label  correct/total  percent" lines.
fn section<'a>(
    out: &mut impl Write,
    title: &str,
    rows: impl IntoIterator<Item = (&'a String, &'a Tally)>,
    label: impl Fn(&str) -> String,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{title}")?;
    let mut any = false;
    for (key, tally) in rows {
        let name = clip(&make_printable(&label(key)), LABEL_WIDTH);
        let counts = format!("{}/{}", tally.correct, tally.total);
        writeln!(out, "  {name:<LABEL_WIDTH$} {counts:>9} {:>4.0}%", tally.percent())?;
        any = true;
    }
    if !any {
        writeln!(out, "  (none yet)")?;
    }
    Ok(())
}

/// "Mock exam trend (scaled estimates, oldest first): 612 → 688 → 731".
fn trend(scores: &[u32]) -> String {
    if scores.is_empty() {
        return "Mock exam trend: no mock exams yet".to_string();
    }
    let joined: Vec<String> = scores.iter().map(u32::to_string).collect();
    format!("Mock exam trend (scaled estimates, oldest first): {}", joined.join(" → "))
}

#[cfg(test)]
mod tests {
    use super::{duration, trend};

    #[test]
    fn durations_read_as_clock_times() {
        assert_eq!(duration(0), "0:00");
        assert_eq!(duration(65), "1:05");
        assert_eq!(duration(3599), "59:59");
        assert_eq!(duration(7805), "2:10:05");
    }

    #[test]
    fn trend_joins_scores_with_arrows() {
        assert_eq!(trend(&[612, 688, 731]), "Mock exam trend (scaled estimates, oldest first): 612 → 688 → 731");
        assert_eq!(trend(&[]), "Mock exam trend: no mock exams yet");
    }
}
