//! The application state: which screen is showing, overlays, and the link to
//! the store. Inputs come in through [`App::step`], time through [`App::tick`];
//! drawing is [`App::render`]. Nothing here touches the terminal directly.

use super::input::Input;
use super::keys::{self, KeyHelp};
use super::overlay::{self, Confirm, Overlay};
use super::screens::history::HistoryScreen;
use super::screens::home::{Choice, HomeScreen};
use super::screens::results::{ResultsOutcome, ResultsScreen};
use super::screens::review::ReviewScreen;
use super::screens::session::{Outcome, SessionScreen};
use super::screens::setup::{SetupOutcome, SetupScreen};
use super::theme::Theme;
use super::widgets;
use crate::bank::Pool;
use crate::engine::{Mode, Results, Session, SessionError, SessionState, Settings};
use crate::store::stats::Focus;
use crate::store::{Attempt, InProgress, Store, record};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Frame;
use std::collections::BTreeSet;
use std::time::Duration;

/// How often the clock of a running session is saved even without answers.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);

enum Screen {
    Home(Box<HomeScreen>),
    Setup(SetupScreen),
    Session(Box<SessionScreen>),
    Results(Box<ResultsScreen>),
    Review(Box<ResultsScreen>, ReviewScreen),
    History(HistoryScreen),
}

/// The session being played, as the store knows it.
struct Active {
    id: String,
    started_at: Timestamp,
    since_save: Duration,
}

pub struct App {
    pool: Pool,
    store: Option<Store>,
    theme: Theme,
    screen: Screen,
    overlay: Option<Overlay>,
    active: Option<Active>,
    /// Problems to show on the home screen (skipped bank questions, unreadable files).
    notices: Vec<String>,
    /// Dates are shown in this zone (the system's; fixed in tests).
    tz: TimeZone,
    /// The wall clock for records (the real one; fixed in tests).
    clock: fn() -> Timestamp,
    pub quit: bool,
}

impl App {
    pub fn new(pool: Pool, store: Option<Store>, theme: Theme, notices: Vec<String>) -> App {
        let mut app = App {
            pool,
            store,
            theme,
            screen: Screen::Home(Box::new(HomeScreen::new(None, Vec::new()))),
            overlay: None,
            active: None,
            notices,
            tz: TimeZone::system(),
            clock: Timestamp::now,
            quit: false,
        };
        app.go_home();
        app
    }

    /// Shows dates in `tz` instead of the system's time zone.
    pub fn with_time_zone(mut self, tz: TimeZone) -> App {
        self.tz = tz;
        self
    }

    /// Uses `clock` instead of the system clock for start, save and end times.
    pub fn with_clock(mut self, clock: fn() -> Timestamp) -> App {
        self.clock = clock;
        self
    }

    fn go_home(&mut self) {
        let (resumable, recent) = match &self.store {
            Some(store) => {
                let saved = store.in_progress().map(|l| {
                    self.notices.extend(l.notices);
                    l.items.into_iter().next()
                });
                let history = store.history().map(|l| {
                    self.notices.extend(l.notices);
                    l.items
                });
                (saved.unwrap_or_else(|e| self.notice(e)), history.unwrap_or_else(|e| self.notice(e)))
            }
            None => (None, Vec::new()),
        };
        self.notices.dedup();
        self.screen = Screen::Home(Box::new(HomeScreen::new(resumable, recent)));
    }

    fn notice<T: Default>(&mut self, error: impl std::fmt::Display) -> T {
        self.notices.push(error.to_string());
        T::default()
    }

    /// Starts a new session with the given settings.
    pub fn start(&mut self, settings: Settings) -> Result<(), SessionError> {
        let session = Session::new(&self.pool, settings)?;
        self.active = Some(Active { id: Store::new_id(), started_at: (self.clock)(), since_save: Duration::ZERO });
        self.show_session(session);
        self.save_progress();
        Ok(())
    }

    /// Resumes the most recent unfinished session, if there is one.
    pub fn resume_latest(&mut self) -> Result<bool, String> {
        let Some(store) = &self.store else { return Ok(false) };
        let loaded = store.in_progress().map_err(|e| e.to_string())?;
        self.notices.extend(loaded.notices);
        match loaded.items.into_iter().next() {
            Some(saved) => self.resume(saved).map(|()| true),
            None => Ok(false),
        }
    }

    fn resume(&mut self, saved: InProgress) -> Result<(), String> {
        let session = Session::restore(&self.pool, saved.state).map_err(|e| e.to_string())?;
        self.active = Some(Active { id: saved.id, started_at: saved.started_at, since_save: Duration::ZERO });
        self.show_session(session);
        Ok(())
    }

    fn show_session(&mut self, session: Session) {
        let case_studies = self.pool.case_studies.clone();
        self.screen = Screen::Session(Box::new(SessionScreen::new(session, case_studies)));
    }

    fn save_progress(&mut self) {
        let (Some(store), Some(active), Screen::Session(screen)) = (&self.store, &mut self.active, &self.screen) else {
            return;
        };
        active.since_save = Duration::ZERO;
        let saved = InProgress {
            schema: crate::store::IN_PROGRESS_SCHEMA,
            id: active.id.clone(),
            started_at: active.started_at,
            saved_at: (self.clock)(),
            banks: self.pool.banks.clone(),
            state: screen.session.state().clone(),
        };
        if let Err(e) = store.save_in_progress(&saved) {
            self.overlay = Some(Overlay::Message(format!("Could not save progress: {e}")));
        }
    }

    /// Takes the current screen out, leaving an empty home screen in its place.
    fn take_screen(&mut self) -> Screen {
        std::mem::replace(&mut self.screen, Screen::Home(Box::new(HomeScreen::new(None, Vec::new()))))
    }

    /// Ends the running session: records it, forgets its autosave, shows results.
    fn finish_session(&mut self, note: Option<String>) {
        let screen = self.take_screen();
        let Screen::Session(mut screen) = screen else {
            self.screen = screen;
            return;
        };
        screen.session.finish();
        let results = Results::of(&screen.session);
        let mut message = note;
        if let (Some(store), Some(active)) = (&self.store, self.active.take()) {
            if !results.questions.is_empty() {
                let attempt = self.attempt(&active, screen.session.state(), results);
                if let Err(e) = store.record(&attempt) {
                    message = Some(format!("Could not save this result to history: {e}"));
                }
            }
            if let Err(e) = store.discard_in_progress(&active.id) {
                message = Some(format!("Could not remove the autosave: {e}"));
            }
        }
        if screen.session.mode() == Mode::Study && !screen.session.questions().any(|(_, i)| i.submitted) {
            self.go_home();
            return;
        }
        self.screen = Screen::Results(Box::new(ResultsScreen::new(screen.session, message)));
    }

    fn attempt(&self, active: &Active, state: &SessionState, results: Results) -> Attempt {
        Attempt {
            schema: record::SCHEMA,
            id: active.id.clone(),
            started_at: active.started_at,
            ended_at: (self.clock)(),
            mode: state.settings.mode,
            banks: self.pool.banks.clone(),
            exam: state.exam.clone(),
            settings: state.settings.clone(),
            summary: results.summary,
            questions: results.questions,
        }
    }

    /// Time passing in the real world.
    pub fn tick(&mut self, elapsed: Duration) {
        let Screen::Session(screen) = &mut self.screen else { return };
        if screen.tick(elapsed) {
            self.overlay = None;
            self.finish_session(Some("Time is up: the exam was submitted.".into()));
            return;
        }
        if let Some(active) = &mut self.active {
            active.since_save += elapsed;
            if active.since_save >= AUTOSAVE_EVERY {
                self.save_progress();
            }
        }
    }

    /// Ctrl-C or closing: keep what can be kept.
    pub fn shutdown(&mut self) {
        self.save_progress();
        self.quit = true;
    }

    pub fn step(&mut self, input: Input) {
        if input == Input::Quit {
            self.shutdown();
            return;
        }
        if let Some(overlay) = self.overlay.take() {
            self.step_overlay(overlay, input);
            return;
        }
        if input == Input::Help {
            self.overlay = Some(Overlay::Help(self.keys()));
            return;
        }
        match &mut self.screen {
            Screen::Home(home) => {
                if let Some(choice) = home.handle(input) {
                    self.choose(choice);
                }
            }
            Screen::Setup(setup) => match setup.handle(input, &self.pool) {
                SetupOutcome::Stay => {}
                SetupOutcome::Back => self.go_home(),
                SetupOutcome::Start(filter, count) => {
                    let settings = Settings::study(filter, count, rand::random());
                    if let Err(e) = self.start(settings) {
                        self.overlay = Some(Overlay::Message(e.to_string()));
                    }
                }
            },
            Screen::Session(screen) => match screen.handle(input) {
                Outcome::Stay => {}
                Outcome::Changed => self.save_progress(),
                Outcome::Finished => self.finish_session(None),
                Outcome::Leave if screen.session.mode() == Mode::Study => self.finish_session(None),
                Outcome::Leave => self.overlay = Some(Overlay::Confirm(Confirm::LeaveExam)),
                Outcome::AskSubmit => self.overlay = Some(Overlay::Confirm(Confirm::SubmitExam)),
            },
            Screen::Results(results) => match results.handle(input) {
                ResultsOutcome::Stay => {}
                ResultsOutcome::Home => self.go_home(),
                ResultsOutcome::Review(filter) => {
                    let review = ReviewScreen::new(&results.session, filter);
                    let screen = self.take_screen();
                    if let Screen::Results(results) = screen {
                        self.screen = Screen::Review(results, review);
                    }
                }
            },
            Screen::Review(_, review) => {
                if review.handle(input) {
                    let screen = self.take_screen();
                    if let Screen::Review(results, _) = screen {
                        self.screen = Screen::Results(results);
                    }
                }
            }
            Screen::History(history) => {
                if history.handle(input) {
                    self.go_home();
                }
            }
        }
    }

    fn choose(&mut self, choice: Choice) {
        let bp = self.pool.blueprint.clone();
        let result = match choice {
            Choice::Study => {
                let focus_sets = self.focus_sets();
                self.screen = Screen::Setup(SetupScreen::new(&self.pool, focus_sets));
                Ok(())
            }
            Choice::Exam => self.start(Settings::mock_exam(&bp, false, rand::random())).map_err(|e| e.to_string()),
            Choice::ExamWithAccommodation => {
                self.start(Settings::mock_exam(&bp, true, rand::random())).map_err(|e| e.to_string())
            }
            Choice::Resume => self.resume_latest().map(|_| ()),
            Choice::Discard => {
                self.overlay = Some(Overlay::Confirm(Confirm::Discard));
                Ok(())
            }
            Choice::History => {
                let loaded = self.store.as_ref().map(Store::history).transpose();
                match loaded {
                    Ok(loaded) => {
                        let loaded = loaded.unwrap_or_default();
                        self.screen =
                            Screen::History(HistoryScreen::new(loaded.items, loaded.notices, self.tz.clone()));
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            Choice::Quit => {
                self.quit = true;
                Ok(())
            }
        };
        if let Err(message) = result {
            self.overlay = Some(Overlay::Message(message));
        }
    }

    /// "Missed last time" and "not seen yet", from the history (none without a store).
    fn focus_sets(&mut self) -> Vec<(Focus, BTreeSet<String>)> {
        let Some(store) = &self.store else { return Vec::new() };
        let history = match store.history() {
            Ok(loaded) => loaded.items,
            Err(e) => return self.notice(e),
        };
        let ids = || self.pool.questions.iter().map(|q| q.id.as_str());
        [Focus::Missed, Focus::Unseen].into_iter().map(|f| (f, f.ids(&history, ids()))).collect()
    }

    fn step_overlay(&mut self, overlay: Overlay, input: Input) {
        let Overlay::Confirm(confirm) = overlay else { return };
        let yes = matches!(input, Input::Char('y') | Input::Char('Y'));
        let no = matches!(input, Input::Char('n') | Input::Back);
        if !yes {
            if !no {
                self.overlay = Some(Overlay::Confirm(confirm));
            }
            return;
        }
        match confirm {
            Confirm::SubmitExam => self.finish_session(None),
            Confirm::LeaveExam => {
                self.save_progress();
                self.active = None;
                self.go_home();
            }
            Confirm::Discard => {
                if let (Some(store), Screen::Home(home)) = (&self.store, &self.screen)
                    && let Some(saved) = &home.resumable
                    && let Err(e) = store.discard_in_progress(&saved.id)
                {
                    self.notices.push(e.to_string());
                }
                self.go_home();
            }
        }
    }

    fn keys(&self) -> &'static [KeyHelp] {
        match &self.screen {
            Screen::Home(_) => keys::HOME,
            Screen::Setup(_) => keys::SETUP,
            Screen::Session(s) => s.keys(),
            Screen::Results(_) => keys::RESULTS,
            Screen::Review(..) => keys::REVIEW,
            Screen::History(_) => keys::HISTORY,
        }
    }

    /// The running session, if a session screen is showing.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Session(screen) => Some(&screen.session),
            _ => None,
        }
    }

    pub fn render(&mut self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < widgets::MIN_WIDTH || area.height < widgets::MIN_HEIGHT {
            widgets::too_small(frame, area);
            return;
        }
        let theme = self.theme;
        match &mut self.screen {
            Screen::Home(home) => home.render(frame, area, &self.pool, &self.notices, &self.tz, theme),
            Screen::Setup(setup) => setup.render(frame, area, &self.pool, theme),
            Screen::Session(screen) => screen.render(frame, area, theme),
            Screen::Results(results) => results.render(frame, area, &self.pool, theme),
            Screen::Review(results, review) => {
                review.render(frame, area, &results.session, &self.pool.case_studies, theme)
            }
            Screen::History(history) => history.render(frame, area, &self.pool.blueprint, theme),
        }
        if let Some(overlay) = &self.overlay {
            overlay::render(frame, overlay, self.session(), theme);
        }
    }
}
