//! Starting the terminal UI: on the home screen, straight into a study
//! session or mock exam, or resuming the last unfinished session.

use crate::bank::{Library, Pool, QuestionType};
use crate::cli::{ExamArgs, FocusArg, GlobalArgs, StudyArgs};
use crate::engine::{Settings, StudyFilter};
use crate::store::Store;
use crate::store::stats::Focus;
use crate::ui::app::App;
use crate::ui::terminal::TerminalGuard;
use crate::ui::theme::Theme;
use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Where the UI opens.
pub enum Start {
    Home,
    Study(StudyArgs),
    Exam(ExamArgs),
    Resume,
}

/// Checks study arguments against the pool (and, for a focus, each question's
/// last result), so mistakes are reported before the screen changes.
pub fn study_settings(pool: &Pool, args: &StudyArgs, last_results: &HashMap<String, bool>) -> Result<Settings> {
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
    if args.count == 0 {
        bail!("--count must be at least 1");
    }
    let only = args.focus.map(|focus| {
        let focus = match focus {
            FocusArg::Missed => Focus::Missed,
            FocusArg::Unseen => Focus::Unseen,
        };
        (focus, focus.ids(last_results, pool.questions.iter().map(|q| q.id.as_str())))
    });
    if let Some((focus, ids)) = &only
        && ids.is_empty()
    {
        bail!("no question is {}: nothing to study with --focus", focus.label());
    }
    let filter = StudyFilter {
        only: only.map(|(_, ids)| ids),
        domain: args.domain,
        task: args.task.clone(),
        service: args.service.clone(),
        kind,
        difficulty: None,
    };
    Ok(Settings::study(filter, args.count, args.seed.unwrap_or_else(rand::random)))
}

pub fn exam_settings(pool: &Pool, args: &ExamArgs) -> Result<Settings> {
    let mut settings = Settings::mock_exam(&pool.blueprint, args.accommodation, args.seed.unwrap_or_else(rand::random));
    if let Some(minutes) = args.minutes {
        if minutes == 0 {
            bail!("--minutes must be at least 1");
        }
        let extra = if args.accommodation { pool.blueprint.accommodation_minutes } else { 0 };
        settings.minutes = Some(minutes + extra);
    }
    if let Some(questions) = args.questions {
        if questions == 0 {
            bail!("--questions must be at least 1");
        }
        settings.questions = questions;
    }
    Ok(settings)
}

/// Opens the UI and runs it until the user quits.
pub fn run(global: &GlobalArgs, start: Start) -> Result<ExitCode> {
    let library = Library::load(&global.banks);
    let mut notices = Vec::new();
    if !library.problems.is_empty() {
        notices.push(format!(
            "{} bank problem(s); {} item(s) skipped: run `mla-quiz bank validate` for details",
            library.problems.len(),
            library.skipped.len()
        ));
    }
    let opened = Store::open_or_memory(global.data_dir.as_deref())?;
    notices.extend(opened.notices);
    let store = opened.store;
    let remembered = store.last_exam().ok().flatten();
    let pool = library.choose_pool(global.exam.as_deref(), remembered.as_deref()).map_err(anyhow::Error::msg)?;
    if let (Start::Resume, Some(reason)) = (&start, store.unsaved_reason()) {
        bail!("there is no unfinished session to resume: {reason}");
    }
    let last_results = match &start {
        Start::Study(args) if args.focus.is_some() => store.last_results(&pool.blueprint.code)?,
        _ => HashMap::new(),
    };
    let settings = match &start {
        Start::Study(args) => Some(study_settings(&pool, args, &last_results)?),
        Start::Exam(args) => Some(exam_settings(&pool, args)?),
        Start::Home | Start::Resume => None,
    };
    if !std::io::stdout().is_terminal() {
        bail!("the quiz needs a terminal; for scripts use `mla-quiz bank`, `history` or `stats`");
    }
    let mut app = App::new(pool, store, Theme::from_env(), notices).with_library(library);
    if let Some(settings) = settings {
        app.start(settings)?;
    }
    if let Start::Resume = start
        && !app.resume_latest_of(global.exam.as_deref()).map_err(anyhow::Error::msg)?
    {
        bail!("there is no unfinished session to resume");
    }
    let mut guard = TerminalGuard::enter().context("setting up the terminal")?;
    crate::ui::run(&mut guard.terminal, &mut app).context("running the terminal UI")?;
    Ok(ExitCode::SUCCESS)
}
