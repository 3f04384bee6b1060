//! `mla-quiz history` (a table of past attempts, or `--json`), `mla-quiz history
//! export` (JSON or CSV, to standard output or a file) and `mla-quiz stats`
//! (all-time figures by domain, task statement and service).
//!
//! Notices about history files that had to be moved aside go to the error
//! stream and do not fail the command. Text that came from a file (task and
//! service tags, names from a bank, notices quoting paths) goes through
//! [`make_printable`] before it reaches the terminal.

use crate::bank::text::{clip, fit, make_printable};
use crate::bank::{Library, Pool};
use crate::cli::{ExportFormat, GlobalArgs, HistoryArgs, HistoryCommand};
use crate::engine::{Mode, Tally};
use crate::store::files::{write_atomic, write_new};
use crate::store::learning::Parameters;
use crate::store::stats::{AllTime, MIN_ANSWERS_FOR_WEAKEST};
use crate::store::{Store, export};
use crate::ui::strings::{self, NO_ATTEMPTS, SCALED_NOTE};
use anyhow::{Context, Result, anyhow, bail};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

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
    /// Only the attempts of this exam (all exams when `None`).
    pub exam: Option<&'a str>,
}

/// `mla-quiz history [--json]`, `mla-quiz history export …` and `mla-quiz history show ID`.
pub fn run(global: &GlobalArgs, args: HistoryArgs, out: &mut impl Write, err: &mut impl Write) -> Result<ExitCode> {
    let store = open_store(global, err)?;
    let exam = global.exam.as_deref();
    match args.command {
        None => list(&store, exam, args.json, out),
        Some(HistoryCommand::Export { format, output, per_question, force }) => {
            let pool = exam_pool(global, &store)?;
            let request = ExportRequest { format, output: output.as_deref(), per_question, force, exam };
            export(&store, &pool, request, out, err)
        }
        Some(HistoryCommand::Show { id }) => show(&store, global, &id, out),
    }
}

/// `mla-quiz stats [--json]`, for `--exam` or the exam last used.
pub fn run_stats(global: &GlobalArgs, json: bool, out: &mut impl Write, err: &mut impl Write) -> Result<ExitCode> {
    let store = open_store(global, err)?;
    let pool = exam_pool(global, &store)?;
    stats(&store, &pool, json, out)
}

/// The store; notices from opening it (a database set aside, old files not imported) go to `err`.
/// `mla-quiz fit [--reset]`: personal FSRS parameters from the answer log, or back to the defaults.
pub fn run_fit(global: &GlobalArgs, reset: bool, out: &mut impl Write, err: &mut impl Write) -> Result<ExitCode> {
    let mut store = open_store(global, err)?;
    if reset {
        store.reset_parameters()?;
        writeln!(out, "Reviews are scheduled with FSRS's default parameters again.")?;
        return Ok(ExitCode::SUCCESS);
    }
    match store.fit_parameters(jiff::Timestamp::now())? {
        Ok(values) => {
            let shown: Vec<String> = values.iter().map(|v| format!("{v:.4}")).collect();
            writeln!(out, "Fitted personal FSRS parameters; reviews are scheduled with them from now on:")?;
            writeln!(out, "{}", shown.join(" "))?;
            writeln!(out, "`mla-quiz fit --reset` goes back to the defaults.")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => {
            writeln!(err, "mla-quiz: {why}; the default parameters stay in use")?;
            Ok(ExitCode::FAILURE)
        }
    }
}

fn open_store(global: &GlobalArgs, err: &mut impl Write) -> Result<Store> {
    let opened = Store::open(global.data_dir.as_deref())?;
    for notice in &opened.notices {
        writeln!(err, "mla-quiz: {}", make_printable(notice))?;
    }
    Ok(opened.store)
}

/// The pool of `--exam`, or of the exam last used, or of the first loaded.
fn exam_pool(global: &GlobalArgs, store: &Store) -> Result<Pool> {
    let remembered = store.last_exam().ok().flatten();
    Library::load(&global.banks).choose_pool(global.exam.as_deref(), remembered.as_deref()).map_err(|e| anyhow!(e))
}

/// Prints past attempts (of `exam`, or all) as a table, or as a JSON array of
/// the full records, streamed oldest first.
pub fn list(store: &Store, exam: Option<&str>, json: bool, out: &mut impl Write) -> Result<ExitCode> {
    if json {
        export::write_json(store, exam, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if store.attempt_count(exam)? == 0 {
        writeln!(out, "{NO_ATTEMPTS}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let line = |date: &str, mode: &str, questions: &str, score: &str, scaled: &str, result: &str, time: &str| {
        format!("{date:<16}  {mode:<9}  {questions:>9}  {score:<15}  {scaled:>6}  {result:<6}  {time:>7}")
    };
    writeln!(out, "{}", line("Date (local)", "Mode", "Questions", "Score", "Scaled", "Result", "Time"))?;
    let tz = crate::ui::local_time_zone();
    let mut out = io::BufWriter::new(out);
    store.for_each_header(exam, |a| -> Result<()> {
        let row = line(
            &strings::local_date(a.started_at, &tz),
            a.mode.label(),
            &a.questions.to_string(),
            &score(Tally { correct: a.correct, total: a.questions }),
            &a.scaled.to_string(),
            strings::verdict(a.mode, a.passed).unwrap_or("-"),
            &duration(a.seconds),
        );
        Ok(writeln!(out, "{row}")?)
    })?;
    writeln!(out, "{SCALED_NOTE}")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// "41/65 (63%)".
fn score(tally: Tally) -> String {
    format!("{}/{} ({:.0}%)", tally.correct, tally.total, tally.percent())
}

/// The time a session took, as the screens show it.
fn duration(seconds: u64) -> String {
    strings::clock(std::time::Duration::from_secs(seconds))
}

/// `history show ID`: one attempt's scores and every answer, as text.
fn show(store: &Store, global: &GlobalArgs, id: &str, out: &mut impl Write) -> Result<ExitCode> {
    let Some(a) = store.attempt(id)? else {
        bail!("no attempt has the id {:?}; `mla-quiz history --json` lists the ids", make_printable(id));
    };
    // The questions are looked up in the attempt's own exam.
    let pool = Library::load(&global.banks).choose_pool(Some(&a.exam), None).map_err(|e| anyhow!(e))?;
    let pool = &pool;
    let s = &a.summary;
    let tz = crate::ui::local_time_zone();
    writeln!(
        out,
        "{} · {} · {} (local time)",
        make_printable(&a.exam),
        a.mode.label(),
        strings::local_date(a.started_at, &tz)
    )?;
    writeln!(out, "id {}", make_printable(&a.id))?;
    writeln!(out, "score {} · answered {} · time {}", score(s.raw), s.answered, duration(s.seconds))?;
    if a.mode == Mode::Exam {
        writeln!(
            out,
            "estimated scaled score {} (pass mark {}): {}",
            s.scaled_estimate,
            s.scale.pass,
            strings::verdict(a.mode, s.passed).unwrap_or("-")
        )?;
    }
    writeln!(out)?;
    for (i, q) in a.questions.iter().enumerate() {
        let question = pool.question(&q.id);
        let mark = if q.correct {
            "right"
        } else if q.response.is_none() {
            "unanswered"
        } else {
            "wrong"
        };
        let flag = if q.flagged { " · flagged" } else { "" };
        writeln!(
            out,
            "{:>3}. {} ({}, task {}) — {mark}{flag}",
            i + 1,
            make_printable(&q.id),
            q.kind.as_str(),
            make_printable(&q.task)
        )?;
        match question {
            Some(question) => writeln!(out, "     {}", clip(&make_printable(question.stem), 100))?,
            None => writeln!(out, "     (this question is no longer in the loaded banks)")?,
        }
        let answer = export::describe_answer(question, q);
        if !answer.is_empty() {
            writeln!(out, "     answer: {}", make_printable(&answer))?;
        }
    }
    if a.mode == Mode::Exam {
        writeln!(out, "{SCALED_NOTE}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Exports the history: JSON records, or CSV by attempt or by question.
/// Exit 1 when `output` exists and `force` is not set.
pub fn export(
    store: &Store,
    pool: &Pool,
    request: ExportRequest<'_>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<ExitCode> {
    if request.per_question && request.format == ExportFormat::Json {
        bail!("--per-question is for CSV (--format csv); a JSON export already has every question of every attempt");
    }
    let write = |sink: &mut dyn Write| -> Result<usize> {
        let mut sink = io::BufWriter::new(sink);
        let count = match request.format {
            ExportFormat::Json => export::write_json(store, request.exam, &mut sink)?,
            ExportFormat::Csv if request.per_question => {
                export::write_questions_csv(store, request.exam, pool, &mut sink)?
            }
            ExportFormat::Csv => export::write_attempts_csv(store, request.exam, &pool.blueprint, &mut sink)?,
        };
        sink.flush()?;
        Ok(count)
    };
    let Some(path) = request.output else {
        write(out)?;
        return Ok(ExitCode::SUCCESS);
    };
    let shown = make_printable(&path.display().to_string());
    if path.is_dir() {
        bail!("{shown} is a folder; give --output a file name");
    }
    let written = if request.force { write_atomic(path, write) } else { write_new(path, write) };
    match written {
        Ok(count) => {
            let plural = if count == 1 { "" } else { "s" };
            writeln!(err, "wrote {count} attempt{plural} to {shown}")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::AlreadyExists) => {
            writeln!(err, "mla-quiz: {shown} already exists and was left as it is; use --force to replace it")?;
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e).with_context(|| format!("writing {shown}")),
    }
}

/// Prints all-time figures for the pool's exam, as text or one JSON object.
/// Attempts of other exams are not counted (their domains are not this blueprint's).
pub fn stats(store: &Store, pool: &Pool, json: bool, out: &mut impl Write) -> Result<ExitCode> {
    let mut all = store.all_time(&pool.blueprint.code)?;
    all.readiness = Some(store.readiness(pool, jiff::Timestamp::now())?);
    if json {
        serde_json::to_writer(&mut *out, &all).context("writing JSON")?;
        writeln!(out)?;
    } else if all.attempts == 0 {
        writeln!(out, "{NO_ATTEMPTS}")?;
    } else {
        write_stats(&all, pool, &store.parameters()?, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Which FSRS parameters schedule the reviews, in a line for `stats`.
fn parameters_note(parameters: &Parameters) -> String {
    match parameters {
        Parameters::Default => format!(
            "Reviews: FSRS with its default parameters (`mla-quiz fit` fits your own once you have {} reviews)",
            crate::learn::MIN_REVIEWS_TO_FIT
        ),
        Parameters::Personal { note, .. } => format!("Reviews: FSRS with your own parameters, {note}"),
    }
}

fn write_stats(all: &AllTime, pool: &Pool, parameters: &Parameters, out: &mut impl Write) -> io::Result<()> {
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
    if let Some(readiness) = &all.readiness {
        writeln!(out, "{}", strings::readiness_line(readiness))?;
        writeln!(out, "  How: {}", readiness.method)?;
    }
    writeln!(out, "{}", parameters_note(parameters))?;
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
        let name = fit(&make_printable(&label(key)), LABEL_WIDTH);
        let counts = format!("{}/{}", tally.correct, tally.total);
        writeln!(out, "  {name} {counts:>9} {:>4.0}%", tally.percent())?;
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
    use super::trend;

    #[test]
    fn trend_joins_scores_with_arrows() {
        assert_eq!(trend(&[612, 688, 731]), "Mock exam trend (scaled estimates, oldest first): 612 → 688 → 731");
        assert_eq!(trend(&[]), "Mock exam trend: no mock exams yet");
    }
}
