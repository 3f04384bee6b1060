//! The application state: which screen is showing, overlays, and the link to
//! the store. Terminal events come in through [`App::handle_event`], which
//! turns them into intents with the key table of the screen in front
//! ([`App::context`]) and acts on them in one place; time comes in through
//! [`App::tick`]; drawing is [`App::render`]; what other threads bring (the
//! home screen's reviews and readiness, the user's banks) is taken in
//! [`App::catch_up`]. Nothing here touches the terminal.

use super::bank_load::{self, BankLoad, Loaded};
use super::input::{self, Intent};
use super::keys::Context;
use super::overlay::{self, Confirm, Overlay};
use super::past;
use super::persistence::{Active, HomeLearning, Persistence};
use super::screens::history::{HistoryOutcome, HistoryScreen};
use super::screens::home::{Choice, HomeScreen};
use super::screens::results::{ResultsOutcome, ResultsScreen};
use super::screens::review::ReviewScreen;
use super::screens::session::{Outcome, SessionScreen};
use super::screens::setup::{SetupOutcome, SetupScreen};
use super::theme::Theme;
use super::widgets;
use crate::bank::{Library, Pool};
use crate::engine::{Mode, Results, Session, SessionError, Settings, StudyFilter};
use crate::store::focus::Focus;
use crate::store::{InProgress, Store};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// How often the clock of a running session is saved even without answers.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);

/// How many due reviews the home screen's Review entry asks at most.
const REVIEW_SESSION: usize = 20;

/// How many past attempts the History screen lists and charts.
const HISTORY_SHOWN: usize = 500;

enum Screen {
    Home(Box<HomeScreen>),
    Setup(SetupScreen),
    Session(Box<SessionScreen>),
    /// Results of a session; with the History screen to go back to when it is a past attempt.
    Results(Box<ResultsScreen>, Option<HistoryScreen>),
    Review(Box<ResultsScreen>, ReviewScreen, Option<HistoryScreen>),
    History(HistoryScreen),
}

pub struct App {
    /// Shared with the thread that reads the home screen's reviews and readiness.
    pool: Arc<Pool>,
    persistence: Persistence,
    theme: Theme,
    screen: Screen,
    overlay: Option<Overlay>,
    active: Option<Active>,
    /// Problems to show on the home screen (skipped bank questions, unreadable files).
    notices: Vec<String>,
    /// Dates are shown in this zone (the system's; fixed in tests).
    tz: TimeZone,
    /// The last autosave failed and the user was told.
    save_failing: bool,
    /// Reading due reviews and readiness failed; the home screen goes without them.
    learning_failed: bool,
    /// A change of the running session waits to be saved after the next frame.
    save_pending: bool,
    /// Due reviews and readiness on their way from another thread.
    learning: Option<Receiver<Result<HomeLearning, String>>>,
    /// The window is below the minimum size: only the notice is drawn and only Ctrl-C acts.
    too_small: bool,
    /// Every loaded bank, when they define more than one exam to switch between.
    library: Option<Library>,
    /// The user's bank folders, while they load behind the home screen.
    bank_load: Option<BankLoad>,
    pub quit: bool,
}

impl App {
    pub fn new(pool: Pool, store: Store, theme: Theme, notices: Vec<String>) -> App {
        let persistence = Persistence::new(store, pool.banks.clone());
        let mut app = App {
            pool: Arc::new(pool),
            persistence,
            theme,
            screen: Screen::Home(Box::default()),
            overlay: None,
            active: None,
            notices,
            tz: crate::ui::local_time_zone(),
            save_failing: false,
            learning_failed: false,
            save_pending: false,
            learning: None,
            too_small: false,
            library: None,
            bank_load: None,
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
        self.persistence.clock = clock;
        self
    }

    /// Lets the home screen switch between the exams of `library` (when it has several).
    pub fn with_library(mut self, library: Library) -> App {
        self.library = bank_load::several_exams(library);
        if self.library.is_some() {
            self.go_home();
        }
        self
    }

    /// Shows the home screen with the banks loaded so far while `load` brings
    /// the user's; what it loads is taken on the home screen ([`App::catch_up`]).
    pub fn with_bank_load(mut self, load: BankLoad) -> App {
        self.bank_load = Some(load);
        self
    }

    /// Builds the home screen afresh; its reviews and readiness are read again.
    fn go_home(&mut self) {
        self.learning = None;
        let data = self.persistence.home_data(&self.pool.blueprint.code, &mut self.notices);
        self.notices.dedup();
        let mut home = HomeScreen::new(data);
        if let Some(library) = &self.library {
            let codes = library.exam_codes();
            let index = codes.iter().position(|c| *c == self.pool.blueprint.code).unwrap_or(0);
            home = home.with_exam_choice(index, codes.len());
        }
        self.screen = Screen::Home(Box::new(home));
    }

    /// Makes `code` the current exam (when it is loaded) and remembers it.
    fn switch_exam(&mut self, code: &str) {
        let Some(pool) = self.library.as_ref().and_then(|l| l.pool(code)) else { return };
        self.use_pool(pool);
        self.persistence.remember_exam(&self.pool.blueprint.code, &mut self.notices);
        if let Some(load) = &mut self.bank_load {
            load.chosen_exam = Some(self.pool.blueprint.code.clone());
        }
    }

    /// Makes `pool` the one new sessions draw on and new records name.
    fn use_pool(&mut self, pool: Pool) {
        self.persistence.set_banks(pool.banks.clone());
        self.pool = Arc::new(pool);
    }

    /// The exam after the current one, in load order.
    fn next_exam(&self) -> Option<String> {
        let codes = self.library.as_ref()?.exam_codes();
        let index = codes.iter().position(|c| *c == self.pool.blueprint.code)?;
        codes.get((index + 1) % codes.len()).cloned()
    }

    /// Starts a new session with the given settings.
    pub fn start(&mut self, settings: Settings) -> Result<(), SessionError> {
        let session = Session::new(&self.pool, settings)?;
        self.persistence.remember_exam(&self.pool.blueprint.code, &mut self.notices);
        self.active = Some(self.persistence.begin());
        self.show_session(session);
        self.save_progress();
        Ok(())
    }

    /// Resumes the most recent unfinished session, if there is one.
    /// Saved sessions set aside on the way are reported in a message.
    pub fn resume_latest(&mut self) -> Result<bool, String> {
        self.resume_latest_of(None)
    }

    /// [`App::resume_latest`] among the sessions of `exam` (all exams when `None`).
    pub fn resume_latest_of(&mut self, exam: Option<&str>) -> Result<bool, String> {
        let mut set_aside = Vec::new();
        let latest = self.persistence.latest_in_progress(exam, &mut set_aside).map_err(|e| e.to_string())?;
        if !set_aside.is_empty() {
            self.overlay = Some(Overlay::Message(set_aside.join("\n")));
            self.notices.extend(set_aside);
        }
        match latest {
            Some(saved) => self.resume(saved).map(|()| true),
            None => Ok(false),
        }
    }

    /// Takes up a saved session. One that no longer fits the bank is kept for
    /// when it does; a damaged one is set aside with a notice.
    fn resume(&mut self, saved: InProgress) -> Result<(), String> {
        if !saved.state.exam.eq_ignore_ascii_case(&self.pool.blueprint.code) {
            self.switch_exam(&saved.state.exam);
        }
        let active = Active::resumed(&saved);
        match Session::restore(&self.pool, saved.state) {
            Ok(session) => {
                self.active = Some(active);
                self.show_session(session);
                Ok(())
            }
            Err(e @ (SessionError::MissingQuestions(_) | SessionError::OtherExam { .. })) => Err(e.to_string()),
            Err(e) => Err(self.persistence.set_aside(&saved.id, &e.to_string())),
        }
    }

    fn show_session(&mut self, session: Session) {
        let case_studies = self.pool.case_studies.clone();
        self.screen = Screen::Session(Box::new(SessionScreen::new(session, case_studies, self.persistence.clock)));
    }

    /// Whether a change waits to be saved after the next frame.
    pub fn save_pending(&self) -> bool {
        self.save_pending
    }

    /// Work left for after a frame is drawn, so that a key's frame does not
    /// wait for the disk: the autosave of the change the key made.
    pub fn after_frame(&mut self) {
        if self.save_pending {
            self.save_progress();
        }
    }

    /// Ends the app once the terminal is restored. The store's last write is
    /// already durable, and the question pool (which can be a large bank) is
    /// left to the operating system: freeing it piece by piece would hold up the exit.
    pub fn close(self) {
        std::mem::forget(self);
    }

    /// Autosaves the running session. A failure is told once, in a note over
    /// the screen, until a save works again (the clock saves every few seconds).
    fn save_progress(&mut self) {
        self.save_pending = false;
        let (Some(active), Screen::Session(screen)) = (&mut self.active, &self.screen) else { return };
        match self.persistence.save(active, screen.session.state()) {
            Ok(()) => self.save_failing = false,
            Err(problem) if !self.save_failing && self.overlay.is_none() => {
                self.save_failing = true;
                self.overlay = Some(Overlay::Message(problem.to_string()));
            }
            Err(_) => {}
        }
    }

    /// Takes the current screen out, leaving an empty home screen in its place.
    fn take_screen(&mut self) -> Screen {
        std::mem::replace(&mut self.screen, Screen::Home(Box::default()))
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
        if let Some(active) = self.active.take()
            && let Err(problem) = self.persistence.finish(active, screen.session.state(), results.clone())
        {
            message = Some(problem.to_string());
        }
        if screen.session.mode() == Mode::Study && !screen.session.questions().any(|(_, i)| i.submitted) {
            self.go_home();
            return;
        }
        let mut screen = ResultsScreen::new(screen.session, results, message);
        if screen.session.mode() == Mode::Exam {
            screen.readiness = self.persistence.readiness(&self.pool).ok();
        }
        self.screen = Screen::Results(Box::new(screen), None);
    }

    /// Time passing in the real world.
    pub fn tick(&mut self, elapsed: Duration) {
        if let Some(load) = &mut self.bank_load {
            load.tick(elapsed);
        }
        let Screen::Session(screen) = &mut self.screen else { return };
        if screen.tick(elapsed) {
            self.overlay = None;
            self.finish_session(Some("Time is up: the exam was submitted.".into()));
            return;
        }
        if let Some(active) = &mut self.active {
            active.since_save = active.since_save.saturating_add(elapsed);
            if active.since_save >= AUTOSAVE_EVERY {
                self.save_pending = true;
            }
        }
    }

    /// Ctrl-C or closing: keep what can be kept.
    pub fn shutdown(&mut self) {
        self.save_progress();
        self.quit = true;
    }

    /// A terminal event: a key press means what the key table of [`App::context`] says.
    pub fn handle_event(&mut self, event: &ratatui::crossterm::event::Event) {
        if let ratatui::crossterm::event::Event::Resize(width, height) = *event {
            self.too_small = widgets::too_small_for(width, height);
        }
        if let Some(intent) = input::from_event(self.context(), event) {
            self.step(intent);
        }
    }

    fn step(&mut self, input: Intent) {
        if input == Intent::Quit {
            self.shutdown();
            return;
        }
        if let Some(overlay) = self.overlay.take() {
            self.step_overlay(overlay, input);
            return;
        }
        if input == Intent::Help {
            self.overlay = Some(Overlay::Help(self.screen_context()));
            return;
        }
        match &mut self.screen {
            Screen::Home(home) => {
                if let Some(choice) = home.handle(input, &self.pool) {
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
                Outcome::Changed => self.save_pending = true,
                Outcome::Finished => self.finish_session(None),
                Outcome::Leave if screen.session.mode() == Mode::Study => self.finish_session(None),
                Outcome::Leave => self.overlay = Some(Overlay::Confirm(Confirm::LeaveExam)),
                Outcome::AskSubmit => self.overlay = Some(Overlay::Confirm(Confirm::SubmitExam)),
            },
            Screen::Results(results, _) => match results.handle(input) {
                ResultsOutcome::Stay => {}
                ResultsOutcome::Home => match self.take_screen() {
                    Screen::Results(_, Some(history)) => self.screen = Screen::History(history),
                    _ => self.go_home(),
                },
                ResultsOutcome::Review(filter) => {
                    let review = ReviewScreen::new(&results.session, filter);
                    if let Screen::Results(results, history) = self.take_screen() {
                        self.screen = Screen::Review(results, review, history);
                    }
                }
            },
            Screen::Review(_, review, _) => {
                if review.handle(input)
                    && let Screen::Review(results, _, history) = self.take_screen()
                {
                    self.screen = Screen::Results(results, history);
                }
            }
            Screen::History(history) => match history.handle(input) {
                HistoryOutcome::Stay => {}
                HistoryOutcome::Back => self.go_home(),
                HistoryOutcome::Open(id) => self.open_past(&id),
            },
        }
    }

    fn choose(&mut self, choice: Choice) {
        let bp = self.pool.blueprint.clone();
        let result = match choice {
            Choice::Study => {
                let largest = crate::ui::screens::setup::COUNTS[crate::ui::screens::setup::COUNTS.len() - 1];
                let focus_sets = self.persistence.focus_sets(&self.pool, largest, &mut self.notices);
                self.screen = Screen::Setup(SetupScreen::new(&self.pool, focus_sets));
                Ok(())
            }
            Choice::Review => self.start_reviews(),
            Choice::Exam => self.start(Settings::mock_exam(&bp, false, rand::random())).map_err(|e| e.to_string()),
            Choice::ExamWithAccommodation => {
                self.start(Settings::mock_exam(&bp, true, rand::random())).map_err(|e| e.to_string())
            }
            Choice::Resume => self.resume_latest_of(Some(&bp.code)).map(|_| ()),
            Choice::SwitchExam => {
                if let Some(code) = self.next_exam() {
                    self.switch_exam(&code);
                }
                self.go_home();
                Ok(())
            }
            Choice::Discard => {
                self.overlay = Some(Overlay::Confirm(Confirm::Discard));
                Ok(())
            }
            Choice::History => {
                self.persistence.recent(&bp.code, HISTORY_SHOWN).map_err(|e| e.to_string()).map(|(recent, total)| {
                    self.screen = Screen::History(HistoryScreen::new(recent, total, self.tz.clone()));
                })
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

    /// A study session of the reviews due now, most overdue first.
    fn start_reviews(&mut self) -> Result<(), String> {
        let set = self.persistence.focus_set(&self.pool, Focus::Due, REVIEW_SESSION).map_err(|e| e.to_string())?;
        let mut filter = StudyFilter::default();
        set.apply(&mut filter);
        self.start(Settings::study(filter, REVIEW_SESSION, rand::random())).map_err(|e| e.to_string())
    }

    /// Work left for after the first frame, done on other threads: the user's
    /// banks loading, and the home screen's due reviews and readiness. Returns
    /// whether the screen changed (and so wants a new frame).
    pub fn catch_up(&mut self) -> bool {
        let banks = self.catch_up_banks();
        self.catch_up_learning() || banks
    }

    /// Takes the progress of the user's banks, and once they are loaded and the
    /// home screen is up, what they brought. A running session keeps its pool:
    /// the loaded one waits for the next home screen.
    fn catch_up_banks(&mut self) -> bool {
        let Some(load) = &mut self.bank_load else { return false };
        let received = load.receive();
        if !matches!(self.screen, Screen::Home(_)) {
            return false;
        }
        if load.running() {
            return received;
        }
        let Some(load) = self.bank_load.take() else { return false };
        let chosen = load.chosen_exam.clone();
        match load.finish() {
            Ok(loaded) => self.take_loaded(loaded, chosen.as_deref()),
            Err(notice) => self.notices.push(notice),
        }
        let before = self.take_screen();
        self.go_home();
        if let (Screen::Home(before), Screen::Home(home)) = (before, &mut self.screen) {
            home.point_at(before.chosen(&self.pool), &self.pool);
        }
        true
    }

    /// Uses the pool and library of a finished load, and tells of its problems.
    /// An exam the user switched to meanwhile (`chosen`) stays, when still loaded.
    fn take_loaded(&mut self, loaded: Loaded, chosen: Option<&str>) {
        self.notices.extend(loaded.notice);
        let kept = chosen.and_then(|code| loaded.library.as_ref()?.pool(code));
        match kept.map_or(loaded.pool, Ok) {
            Ok(pool) => self.use_pool(pool),
            Err(problem) => self.notices.push(problem),
        }
        self.library = loaded.library;
    }

    /// The home screen's due reviews and readiness, read on another thread.
    fn catch_up_learning(&mut self) -> bool {
        let Screen::Home(home) = &mut self.screen else {
            self.learning = None;
            return false;
        };
        if home.learning.is_some() || self.learning_failed {
            return false;
        }
        let Some(pending) = &self.learning else {
            self.learning = Some(self.persistence.home_learning(&self.pool));
            return self.catch_up_learning();
        };
        match pending.try_recv() {
            Ok(Ok(learning)) => home.set_learning(learning, &self.pool),
            Ok(Err(problem)) => {
                self.learning_failed = true;
                self.notices.push(problem);
            }
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => self.learning_failed = true,
        }
        self.learning = None;
        true
    }

    /// Whether work for the screen is still running in the background.
    pub fn waiting(&self) -> bool {
        self.learning.is_some() || self.bank_load.as_ref().is_some_and(BankLoad::running)
    }

    /// Opens a past attempt's results from the History screen.
    fn open_past(&mut self, id: &str) {
        let attempt = match self.persistence.attempt(id) {
            Ok(Some(attempt)) => attempt,
            Ok(None) => return self.overlay = Some(Overlay::Message(format!("Attempt {id} is no longer stored."))),
            Err(e) => return self.overlay = Some(Overlay::Message(e.to_string())),
        };
        match past::reopen(&self.pool, attempt) {
            Ok(reopened) => {
                let results = ResultsScreen::new(reopened.session, reopened.results, reopened.note);
                if let Screen::History(history) = self.take_screen() {
                    self.screen = Screen::Results(Box::new(results), Some(history));
                }
            }
            Err(why) => self.overlay = Some(Overlay::Message(why)),
        }
    }

    /// An overlay is modal: only its own keys act, and only on it.
    fn step_overlay(&mut self, overlay: Overlay, input: Intent) {
        let confirm = match (overlay, input) {
            (Overlay::Confirm(confirm), Intent::Yes) => confirm,
            (Overlay::Confirm(_), Intent::No) | (Overlay::Help(_) | Overlay::Message(_), Intent::Back) => return,
            (overlay, _) => {
                self.overlay = Some(overlay);
                return;
            }
        };
        match confirm {
            Confirm::SubmitExam => self.finish_session(None),
            Confirm::LeaveExam => {
                self.save_progress();
                self.active = None;
                self.go_home();
            }
            Confirm::Discard => {
                if let Screen::Home(home) = &self.screen
                    && let Some(saved) = &home.resumable
                    && let Err(e) = self.persistence.discard(&saved.id)
                {
                    self.notices.push(e.to_string());
                }
                self.go_home();
            }
        }
    }

    /// Whose keys apply now: the overlay's, if one is open, else the screen's.
    pub fn context(&self) -> Context {
        if self.too_small {
            return Context::TooSmall;
        }
        match &self.overlay {
            Some(Overlay::Help(_)) => Context::Help,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            Some(Overlay::Message(_)) => Context::Note,
            None => self.screen_context(),
        }
    }

    fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Home(_) => Context::Home,
            Screen::Setup(_) => Context::Setup,
            Screen::Session(s) => s.context(),
            Screen::Results(..) => Context::Results,
            Screen::Review(..) => Context::Review,
            Screen::History(_) => Context::History,
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
        self.too_small = widgets::too_small_for(area.width, area.height);
        if self.too_small {
            widgets::too_small(frame, area);
            return;
        }
        let theme = self.theme;
        match &mut self.screen {
            Screen::Home(home) => {
                home.loading = self.bank_load.as_ref().and_then(BankLoad::line);
                home.render(frame, area, &self.pool, &self.notices, &self.tz, theme);
            }
            Screen::Setup(setup) => setup.render(frame, area, &self.pool, theme),
            Screen::Session(screen) => screen.render(frame, area, theme),
            Screen::Results(results, _) => results.render(frame, area, &self.pool, theme),
            Screen::Review(results, review, _) => {
                review.render(frame, area, &results.session, &self.pool.case_studies, theme)
            }
            Screen::History(history) => history.render(frame, area, &self.pool.blueprint, theme),
        }
        if self.persistence.unsaved_reason().is_some() {
            unsaved_marker(frame, area, theme);
        }
        if let Some(overlay) = &self.overlay {
            overlay::render(frame, overlay, self.session(), theme);
        }
    }
}

/// "not being saved", top right, on every screen while history is kept in memory only.
fn unsaved_marker(frame: &mut Frame, area: Rect, theme: Theme) {
    const MARKER: &str = " ⚠ not being saved ";
    let width = u16::try_from(MARKER.chars().count()).unwrap_or(u16::MAX).min(area.width);
    let at = Rect { x: area.x + area.width - width, y: area.y, width, height: 1.min(area.height) };
    frame.render_widget(Span::styled(MARKER, theme.warning()), at);
}
