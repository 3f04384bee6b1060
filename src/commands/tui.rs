//! Starting the terminal UI: on the home screen, straight into a study
//! session or mock exam, or resuming the last unfinished session.
//!
//! The home screen does not wait for the user's bank folders (`--bank`): it
//! opens on the embedded banks while the folders load on a thread
//! ([`crate::ui::bank_load`]). Everything else loads them first: a study
//! session, a mock exam or a resumed session may need their questions, and so
//! does a home screen on an exam the embedded banks do not have (`--exam`, or
//! the exam used last), which would otherwise open on the wrong exam and
//! switch under the user a moment later.

use crate::bank::{Library, Pool, QuestionType};
use crate::cli::{ExamArgs, GlobalArgs, StudyArgs};
use crate::engine::{Settings, StudyFilter};
use crate::store::Store;
use crate::store::focus::{Focus, FocusSet};
use crate::ui::app::App;
use crate::ui::bank_load::BankLoad;
use crate::ui::strings;
use crate::ui::terminal::TerminalGuard;
use crate::ui::theme::Theme;
use anyhow::{Context, Result, bail};
use jiff::Timestamp;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Test-only: when this variable is set, the UI panics right after it first
/// draws, so `tests/e2e_pty.rs` can check that a panic gives the terminal back.
const TEST_PANIC: &str = "MLA_QUIZ_TEST_PANIC";

/// Where the UI opens.
pub enum Start {
    Home,
    Study(StudyArgs),
    Exam(ExamArgs),
    Resume,
}

/// Checks study arguments against the pool (and, for a focus, the answer
/// log), so mistakes are reported before the screen changes.
pub fn study_settings(pool: &Pool, args: &StudyArgs, store: &mut Store, now: Timestamp) -> Result<Settings> {
    let bp = &pool.blueprint;
    if let Some(d) = args.domain
        && bp.domain(d).is_none()
    {
        let known: Vec<String> = bp.domains.iter().map(|d| d.id.to_string()).collect();
        bail!("there is no domain {d} in {}; domains are {}", bp.code, known.join(", "));
    }
    if let Some(task) = &args.task
        && bp.task(task).is_none()
    {
        let known: Vec<&str> = bp.domains.iter().flat_map(|d| &d.tasks).map(|t| t.id.as_str()).collect();
        bail!("there is no task statement {task} in {}; task statements are {}", bp.code, known.join(", "));
    }
    let kind = match &args.kind {
        Some(name) => Some(
            QuestionType::parse(name)
                .with_context(|| format!("unknown type {name:?}: use single, multiple, ordering or matching"))?,
        ),
        None => None,
    };
    if let Some(service) = &args.service
        && !pool.questions.iter().any(|q| q.service_rollup().contains(service))
    {
        bail!("no question is tagged with service {service:?}; `mla-quiz bank stats` lists the tags in use");
    }
    let seed = args.seed.unwrap_or_else(rand::random);
    let mut filter = StudyFilter {
        domain: args.domain,
        task: args.task.clone(),
        service: args.service.clone(),
        kind,
        difficulty: args.difficulty.map(Into::into),
        ..StudyFilter::default()
    };
    if let Some(focus) = args.focus {
        let set = store.focus_set(pool, focus.into(), now, args.count, seed)?;
        if set.ids.is_empty() {
            bail!("{}", empty_focus(&set, store, pool, now)?);
        }
        set.apply(&mut filter);
    }
    Ok(Settings::study(filter, args.count, seed))
}

/// Why a focus has no question, and what to do about it.
fn empty_focus(set: &FocusSet, store: &mut Store, pool: &Pool, now: Timestamp) -> Result<String> {
    Ok(match set.focus {
        Focus::Due => match store.due_reviews(pool, now)?.next {
            Some(next) => format!(
                "no review is due now; the next falls on {} (local time)",
                strings::local_date(next, &crate::ui::local_time_zone())
            ),
            None => "no review is due: answer some questions first (`mla-quiz study`)".to_string(),
        },
        Focus::Weak => format!(
            "no weak area yet: an area is weak once it has at least {} answers from the last {} days and a lower \
             score than your overall one; study more first (`mla-quiz study`)",
            crate::learn::WeakConfig::default().min_answers,
            crate::store::learning::RECENT_DAYS
        ),
        focus => format!("no question is {}: nothing to study with --focus", focus.label()),
    })
}

/// The mock exam the arguments ask for (clap has already bounded the numbers).
pub fn exam_settings(pool: &Pool, args: &ExamArgs) -> Settings {
    let mut blueprint = pool.blueprint.clone();
    blueprint.minutes = args.minutes.unwrap_or(blueprint.minutes);
    blueprint.questions = args.questions.unwrap_or(blueprint.questions);
    Settings::mock_exam(&blueprint, args.accommodation, args.seed.unwrap_or_else(rand::random))
}

/// The banks to start with, and whether the user's folders are still to load
/// behind the home screen: on the home screen, when neither `--exam` nor the
/// exam used last needs a user folder, only the embedded banks; else all.
fn first_library(global: &GlobalArgs, start: &Start, remembered: Option<&str>) -> (Library, bool) {
    if !matches!(start, Start::Home) || global.banks.is_empty() {
        return (Library::load(&global.banks), false);
    }
    let embedded = Library::load(&[]);
    let codes = embedded.exam_codes();
    let embedded_exam = |code: &str| codes.iter().any(|c| c.eq_ignore_ascii_case(code));
    if [global.exam.as_deref(), remembered].into_iter().flatten().all(embedded_exam) {
        (embedded, true)
    } else {
        (Library::load(&global.banks), false)
    }
}

/// Opens the UI and runs it until the user quits.
pub fn run(global: &GlobalArgs, start: Start) -> Result<ExitCode> {
    let opened = Store::open_or_memory(global.data_dir.as_deref())?;
    let mut store = opened.store;
    let remembered = store.last_exam().ok().flatten();
    let (library, in_background) = first_library(global, &start, remembered.as_deref());
    let mut notices: Vec<String> = strings::bank_problems(&library).into_iter().collect();
    notices.extend(opened.notices);
    let pool = library.choose_pool(global.exam.as_deref(), remembered.as_deref()).map_err(anyhow::Error::msg)?;
    if let (Start::Resume, Some(reason)) = (&start, store.unsaved_reason()) {
        bail!("there is no unfinished session to resume: {reason}");
    }
    let settings = match &start {
        Start::Study(args) => Some(study_settings(&pool, args, &mut store, Timestamp::now())?),
        Start::Exam(args) => Some(exam_settings(&pool, args)),
        Start::Home | Start::Resume => None,
    };
    if !std::io::stdout().is_terminal() {
        bail!("the quiz needs a terminal; for scripts use `mla-quiz bank`, `history` or `stats`");
    }
    let mut app = App::new(pool, store, Theme::from_env(), notices).with_library(library);
    if in_background {
        app = app.with_bank_load(BankLoad::start(global.banks.clone(), global.exam.clone(), remembered));
    }
    if let Some(settings) = settings {
        app.start(settings)?;
    }
    if let Start::Resume = start
        && !app.resume_latest_of(global.exam.as_deref()).map_err(anyhow::Error::msg)?
    {
        bail!("there is no unfinished session to resume");
    }
    let mut guard = TerminalGuard::enter().context("setting up the terminal")?;
    if std::env::var_os(TEST_PANIC).is_some() {
        guard.terminal.draw(|frame| app.render(frame)).context("drawing")?;
        panic!("{TEST_PANIC} is set: panicking on purpose with the UI on screen");
    }
    crate::ui::run(&mut guard.terminal, &mut app).context("running the terminal UI")?;
    drop(guard);
    app.close();
    Ok(ExitCode::SUCCESS)
}
