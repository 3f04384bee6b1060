//! Tests of the whole UI on ratatui's test backend: snapshots of every screen
//! at 80×24 and 120×40, colour and NO_COLOR checks on cells, resizing down to
//! 1×1, and random key sequences that must never panic or break the session.
//! Every test drives the app with terminal events through its key table.
//! The behaviour of single keys and screens is in `behaviour`, damaged saved
//! sessions drawn on every screen in `restore`, the home screen while the
//! user's banks load behind it in `bank_load`.

mod bank_load;
mod behaviour;
mod past;
mod restore;

use super::app::App;
use super::theme::Theme;
use crate::bank::{BankSource, Library, Pool};
use crate::engine::{Mode, Settings, StudyFilter, session::response_fits};
use crate::store::Store;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::Color;
use std::path::Path;
use std::time::Duration;

fn fixture_pool() -> Pool {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui-bank");
    let (source, _) = BankSource::folder(&dir).unwrap_or_else(|e| panic!("{e}"));
    let library = Library::from_sources(vec![source]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    library.default_pool().unwrap_or_else(|| panic!("no pool"))
}

fn fixed_clock() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_795_000_000).unwrap_or_else(|e| panic!("{e}"))
}

/// An app on a test terminal, with its own data directory.
struct Harness {
    app: App,
    terminal: Terminal<TestBackend>,
    data: tempfile::TempDir,
}

impl Harness {
    fn new(width: u16, height: u16) -> Harness {
        Harness::with_theme(width, height, Theme::plain())
    }

    fn with_theme(width: u16, height: u16, theme: Theme) -> Harness {
        Harness::with_history(width, height, theme, &[])
    }

    /// A harness whose history already holds `attempts`.
    fn with_history(width: u16, height: u16, theme: Theme, attempts: &[crate::store::Attempt]) -> Harness {
        let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(Some(data.path())).unwrap_or_else(|e| panic!("{e}")).store;
        store.record_all(attempts).unwrap_or_else(|e| panic!("{e}"));
        let app = App::new(fixture_pool(), store, theme, Vec::new())
            .with_time_zone(jiff::tz::TimeZone::UTC)
            .with_clock(fixed_clock);
        let terminal = Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
        Harness { app, terminal, data }
    }

    fn study(mut self, count: usize) -> Harness {
        let filter = StudyFilter::default();
        self.app.start(Settings::study(filter, count, 7)).unwrap_or_else(|e| panic!("{e}"));
        self
    }

    fn exam(mut self) -> Harness {
        let settings = Settings::mock_exam(&fixture_pool().blueprint, false, 7);
        self.app.start(settings).unwrap_or_else(|e| panic!("{e}"));
        self
    }

    /// Sends terminal events through the app's key table, drawing after each.
    fn send(&mut self, events: &[Event]) -> &mut Harness {
        for event in events {
            self.app.handle_event(event);
            self.draw();
        }
        self
    }

    fn press(&mut self, codes: &[KeyCode]) -> &mut Harness {
        let events: Vec<Event> =
            codes.iter().map(|&code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE))).collect();
        self.send(&events)
    }

    fn keys(&mut self, text: &str) -> &mut Harness {
        let events: Vec<Event> = text.chars().map(char_key).collect();
        self.send(&events)
    }

    /// Moves to the session question with this id.
    fn go_to(&mut self, id: &str) -> &mut Harness {
        let len = self.app.session().map_or(0, |s| s.len());
        self.press(&vec![KeyCode::Left; len]);
        for _ in 0..len {
            if self.app.session().is_some_and(|s| s.current().0.id == id) {
                return self;
            }
            self.press(&[KeyCode::Right]);
        }
        panic!("question {id} not in the session")
    }

    /// Draws a frame, then (as the real loop does) the work left for after it, and again.
    /// Draws a frame and then does what the loop does after one (the autosave).
    fn draw(&mut self) {
        self.terminal.draw(|frame| self.app.render(frame)).unwrap_or_else(|e| panic!("{e}"));
        self.app.after_frame();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !self.app.catch_up() && self.app.waiting() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        self.terminal.draw(|frame| self.app.render(frame)).unwrap_or_else(|e| panic!("{e}"));
    }

    fn screen(&mut self) -> String {
        self.draw();
        self.text()
    }

    /// The text of the last frame drawn, row by row.
    fn text(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        let width = usize::from(buffer.area.width);
        let mut lines = Vec::new();
        for row in buffer.content.chunks(width) {
            // A wide character covers the next cell, which the diff never rewrites.
            let mut line = String::new();
            let mut covered = 0;
            for cell in row {
                if covered > 0 {
                    covered -= 1;
                    continue;
                }
                line.push_str(cell.symbol());
                covered = textwrap::core::display_width(cell.symbol()).saturating_sub(1);
            }
            lines.push(line.trim_end().to_string());
        }
        lines.join("\n")
    }

    fn resize(&mut self, width: u16, height: u16) -> &mut Harness {
        self.terminal.backend_mut().resize(width, height);
        self.app.handle_event(&Event::Resize(width, height));
        self.draw();
        self
    }
}

/// A character key as the terminal reports it (upper case with Shift).
fn char_key(c: char) -> Event {
    let shift = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    Event::Key(KeyEvent::new(KeyCode::Char(c), shift))
}

fn click(column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

macro_rules! snapshot {
    ($name:expr, $harness:expr) => {
        insta::assert_snapshot!($name, $harness.screen())
    };
}

#[test]
fn home_screen() {
    snapshot!("home_80x24", Harness::new(80, 24));
    snapshot!("home_120x40", Harness::new(120, 40));
}

#[test]
fn study_setup_screen() {
    let mut h = Harness::new(80, 24);
    h.press(&[KeyCode::Enter, KeyCode::Right, KeyCode::Down, KeyCode::Right]);
    snapshot!("setup_80x24", h);
}

#[test]
fn study_question_then_feedback() {
    let mut h = Harness::new(80, 24).study(7);
    h.go_to("example-single");
    snapshot!("study_single_80x24", h);
    let mut h120 = Harness::new(120, 40).study(7);
    h120.go_to("example-single");
    snapshot!("study_single_120x40", h120);
    // Pick the right option by its letter, as shown, then submit.
    let letter = h.app.session().and_then(|s| s.current().1.order.iter().position(|&o| o == 0));
    let letter = char::from(b'a' + u8::try_from(letter.unwrap_or(0)).unwrap_or(0));
    h.keys(&letter.to_string()).press(&[KeyCode::Enter]);
    snapshot!("study_feedback_80x24", h);
    let screen = h.screen();
    assert!(screen.contains("✔ Correct"), "{screen}");
    assert!(screen.contains("Total 1/1"), "{screen}");
}

#[test]
fn study_multiple_ordering_and_matching() {
    let mut h = Harness::new(80, 24).study(7);
    h.go_to("example-multiple");
    h.keys("ab");
    snapshot!("study_multiple_80x24", h);
    h.go_to("example-ordering");
    h.keys("J");
    snapshot!("study_ordering_80x24", h);
    h.go_to("example-matching");
    h.keys("2").press(&[KeyCode::Down]).keys("1");
    snapshot!("study_matching_80x24", h);
}

#[test]
fn wide_characters_wrap_and_align() {
    let mut h = Harness::new(60, 20).study(7);
    h.go_to("fixture-ja-1");
    snapshot!("study_japanese_60x20", h);
}

#[test]
fn exam_question_grid_confirm_and_results() {
    let mut h = Harness::new(80, 24).exam();
    h.go_to("fixture-cs-1");
    snapshot!("exam_case_study_80x24", h);
    h.keys("a").keys("m");
    h.keys("g");
    snapshot!("exam_grid_80x24", h);
    let mut wide = Harness::new(120, 40).exam();
    wide.keys("amg");
    snapshot!("exam_grid_120x40", wide);
    h.keys("s");
    snapshot!("exam_submit_confirm_80x24", h);
    h.keys("y");
    snapshot!("results_80x24", h);
    h.keys("w");
    snapshot!("review_wrong_80x24", h);
    h.press(&[KeyCode::Esc, KeyCode::Esc]);
    snapshot!("home_after_exam_80x24", h);
    h.keys("h");
    snapshot!("history_80x24", h);
}

#[test]
fn results_at_120x40() {
    let mut h = Harness::new(120, 40).exam();
    h.keys("a").press(&[KeyCode::Right]).keys("b").keys("sy");
    snapshot!("results_120x40", h);
}

#[test]
fn help_overlay_lists_the_screen_keys() {
    let mut h = Harness::new(80, 24).exam();
    h.keys("?");
    snapshot!("help_exam_80x24", h);
    let screen = h.screen();
    assert!(screen.contains("flag") && screen.contains("grid"), "{screen}");
    h.press(&[KeyCode::Esc]);
    assert!(!h.screen().contains("Keys"));
}

#[test]
fn leaving_an_exam_asks_first_and_keeps_it_resumable() {
    let mut h = Harness::new(80, 24).exam();
    // The first question asks for two picks: one is not an answer yet.
    h.keys("a").press(&[KeyCode::Esc]);
    assert!(h.screen().contains("Leave the exam?"));
    h.keys("n").keys("b").press(&[KeyCode::Esc]);
    h.keys("n");
    assert!(h.app.session().is_some());
    h.press(&[KeyCode::Esc]).keys("y");
    let screen = h.screen();
    assert!(screen.contains("Resume: Mock exam, 1/"), "{screen}");
    h.keys("r");
    assert_eq!(h.app.session().map(|s| s.answered_count()), Some(1));
}

#[test]
fn the_exam_submits_itself_at_zero() {
    let mut h = Harness::new(80, 24).exam();
    h.app.tick(Duration::from_secs(120 * 60));
    assert!(h.screen().contains("10 minutes left"));
    h.app.tick(Duration::from_secs(9 * 60 + 1));
    assert!(h.screen().contains("1 minute left"));
    h.app.tick(Duration::from_secs(60));
    let screen = h.screen();
    assert!(screen.contains("Time is up: the exam was submitted."), "{screen}");
    assert!(screen.contains("Mock exam result"), "{screen}");
    // And it is in the history, with no unfinished session left behind.
    let mut store = crate::store::Store::open(Some(h.data.path())).unwrap_or_else(|e| panic!("{e}")).store;
    assert_eq!(store.attempt_count(None).ok(), Some(1));
    assert!(store.latest_in_progress().ok().and_then(|l| l.session).is_none());
}

#[test]
fn too_small_windows_say_so_and_recover() {
    let mut h = Harness::new(80, 24).exam();
    h.resize(20, 5);
    snapshot!("too_small_20x5", h);
    h.keys("am").press(&[KeyCode::Esc]);
    let untouched = h.app.session().is_some_and(|s| s.current().1.response.is_none() && !s.current().1.flagged);
    assert!(untouched, "keys do nothing while the window is too small");
    h.resize(1, 1);
    assert_eq!(h.screen(), "E");
    h.resize(80, 24);
    assert!(h.screen().contains("Question 1 of"));
}

#[test]
fn mouse_click_picks_an_option() {
    let mut h = Harness::new(80, 24).study(7);
    h.go_to("example-single");
    let screen = h.screen();
    let row = screen.lines().position(|l| l.contains(" C. ")).unwrap_or(0);
    h.send(&[click(10, u16::try_from(row).unwrap_or(0))]);
    let picked = h.app.session().and_then(|s| s.current().1.response.clone());
    assert!(picked.is_some(), "a click on an option answers it");
    assert!(h.screen().lines().nth(row).is_some_and(|l| l.contains("(•) C.")));
}

#[test]
fn colours_mark_right_and_wrong_but_no_color_uses_none() {
    for theme in [Theme::colored(), Theme::plain()] {
        let mut h = Harness::with_theme(80, 24, theme).study(7);
        h.go_to("example-single");
        let right = h.app.session().and_then(|s| s.current().1.order.iter().position(|&o| o == 0));
        let wrong = if right == Some(0) { "b" } else { "a" };
        h.keys(wrong).press(&[KeyCode::Enter]);
        h.draw();
        let buffer = h.terminal.backend().buffer();
        let colors: Vec<Color> = buffer.content.iter().map(|c| c.fg).filter(|c| *c != Color::Reset).collect();
        if theme == Theme::plain() {
            assert!(colors.is_empty(), "NO_COLOR draws no colour: {colors:?}");
        } else {
            assert!(colors.contains(&Color::Green) && colors.contains(&Color::Red));
        }
        let screen = h.screen();
        assert!(screen.contains('✔') && screen.contains('✘'), "marks carry the meaning without colour");
    }
}

/// Events a user might cause anywhere: keys of every screen, clicks, resizes.
pub(super) fn any_event() -> impl Strategy<Value = Event> {
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    prop_oneof![
        prop::sample::select(vec![
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::Backspace,
            KeyCode::Esc,
        ])
        .prop_map(key),
        Just(Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT))),
        Just(Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT))),
        Just(Event::Resize(80, 24)),
        (0u16..120, 0u16..40).prop_map(|(column, row)| click(column, row)),
        prop::sample::select(vec![
            'a', 'b', 'c', 'd', 'e', '1', '2', '3', 'm', 'g', 's', 'y', 'n', 'r', 'w', 'f', 'u', 'h', 'p', ' ', '?',
            'J', 'K'
        ])
        .prop_map(char_key),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_keys_never_panic_or_break_the_session(
        start in 0..3u8,
        events in prop::collection::vec(any_event(), 1..120),
        sizes in prop::collection::vec((1u16..130, 1u16..45), 1..4),
    ) {
        let mut h = Harness::new(80, 24);
        match start {
            0 => {}
            1 => h = h.study(5),
            _ => h = h.exam(),
        }
        for (i, event) in events.into_iter().enumerate() {
            if i % 17 == 0 {
                let (w, hgt) = sizes[i / 17 % sizes.len()];
                h.resize(w, hgt);
            }
            h.app.handle_event(&event);
            h.app.tick(Duration::from_millis(500));
            h.draw();
            if let Some(session) = h.app.session() {
                prop_assert!(session.position() < session.len());
                for (q, item) in session.questions() {
                    if let Some(r) = &item.response {
                        prop_assert!(response_fits(q, r), "{r:?} does not fit {}", q.id);
                    }
                    prop_assert!(session.mode() == Mode::Exam || item.response.is_some() || !item.submitted || q.question_type() != crate::bank::QuestionType::Single);
                }
            }
            if h.app.quit {
                break;
            }
        }
    }
}

#[test]
fn a_focus_session_draws_only_questions_missed_last_time() {
    let mut h = Harness::new(80, 24).exam();
    // Answer one question right (its first option is the key) and leave the rest: they count as missed.
    h.go_to("example-single");
    let row = h.app.session().and_then(|s| s.current().1.order.iter().position(|&o| o == 0)).unwrap_or(0);
    h.keys(&char::from(b'a' + u8::try_from(row).unwrap_or(0)).to_string());
    let right_id = "example-single";
    h.keys("sy").press(&[KeyCode::Esc]);
    // Home › Study; down to Focus (past Domain, Task, Service, Type, Difficulty); past Due and Weak to Missed.
    h.press(&[KeyCode::Enter]).press(&[KeyCode::Down; 5]).press(&[KeyCode::Right; 3]);
    let screen = h.screen();
    assert!(screen.contains("Only those missed last time (6)"), "{screen}");
    h.press(&[KeyCode::Enter]);
    let session = h.app.session().unwrap_or_else(|| panic!("no session"));
    assert_eq!(session.len(), 6);
    assert!(session.questions().all(|(q, _)| q.id != right_id), "the question answered right is not drawn");
}

/// A study session of the fixture pool finished `days` before the fixed clock,
/// the first `right` answers right and the rest wrong.
fn past_study(days: i64, right: usize) -> crate::store::Attempt {
    use crate::engine::{Results, Session, correct_response, wrong_response};
    let pool = fixture_pool();
    let at = fixed_clock().checked_sub(jiff::SignedDuration::from_hours(24 * days)).unwrap_or_else(|e| panic!("{e}"));
    let mut session =
        Session::new(&pool, Settings::study(StudyFilter::default(), 7, 3)).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..session.len() {
        session.go_to(i);
        let q = *session.current().0;
        let response = if i < right { correct_response(&q) } else { wrong_response(&q) };
        session.respond(response, at).unwrap_or_else(|e| panic!("{e}"));
        session.submit(at).unwrap_or_else(|e| panic!("{e}"));
    }
    session.finish();
    let results = Results::of(&session);
    crate::store::Attempt::of(format!("past-{days}"), (at, at), pool.banks.clone(), session.state(), results)
}

#[test]
fn home_offers_the_reviews_due_and_says_when_the_next_falls_otherwise() {
    let mut h = Harness::with_history(80, 24, Theme::plain(), &[past_study(30, 4)]);
    snapshot!("home_reviews_due_80x24", h);
    h.press(&[KeyCode::Enter]);
    let screen = h.screen();
    assert!(screen.contains("Question 1 of 7") && screen.contains("due for review"), "{screen}");

    // Answered an hour ago: nothing is due yet, and home says when the next review falls.
    let mut h = Harness::with_history(80, 24, Theme::plain(), &[past_study(0, 7)]);
    let screen = h.screen();
    assert!(!screen.contains("Review —"), "{screen}");
    assert!(screen.contains("No reviews due; the next falls on 2026-11-2"), "{screen}");
}

#[test]
fn a_right_study_answer_can_be_marked_as_a_guess() {
    let mut h = Harness::new(80, 24);
    let singles = StudyFilter { kind: Some(crate::bank::QuestionType::Single), ..StudyFilter::default() };
    h.app.start(Settings::study(singles, 3, 7)).unwrap_or_else(|e| panic!("{e}"));
    let row = h.app.session().and_then(|s| {
        let (q, item) = s.current();
        let key = crate::engine::correct_response(q);
        match key {
            crate::engine::Response::Single(k) => item.order.iter().position(|&o| o == k),
            _ => None,
        }
    });
    let row = row.unwrap_or_else(|| panic!("a single-answer question has its key among the options"));
    h.keys(&char::from(b'a' + u8::try_from(row).unwrap_or(0)).to_string()).press(&[KeyCode::Enter]);
    assert!(h.screen().contains("g I guessed"), "the feedback footer offers it");
    h.keys("g");
    assert_eq!(h.app.session().map(|s| s.current().1.guessed), Some(true));
    assert!(h.screen().contains("· guessed"));
    h.keys("g");
    assert_eq!(h.app.session().map(|s| s.current().1.guessed), Some(false), "and take it back");
}

#[test]
fn a_history_kept_in_memory_says_it_is_not_being_saved_on_every_screen() {
    let store = Store::memory("cannot use /nowhere as the data directory".into()).unwrap_or_else(|e| panic!("{e}"));
    let app = App::new(fixture_pool(), store, Theme::plain(), Vec::new()).with_clock(fixed_clock);
    let terminal = Terminal::new(TestBackend::new(80, 24)).unwrap_or_else(|e| panic!("{e}"));
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = Harness { app, terminal, data };
    assert!(h.screen().lines().next().is_some_and(|l| l.contains("not being saved")), "{}", h.screen());
    h.keys("e");
    let top = h.screen().lines().next().unwrap_or_default().to_string();
    assert!(top.contains("not being saved") && top.contains("⏱"), "the clock stays visible: {top}");
}

#[test]
fn a_key_s_frame_comes_before_its_autosave_and_every_change_is_saved_after_it() {
    let mut h = Harness::new(80, 24).exam();
    let saved = |h: &Harness| {
        let mut store = Store::open(Some(h.data.path())).unwrap_or_else(|e| panic!("{e}")).store;
        store.latest_in_progress().ok().and_then(|l| l.session).map(|s| s.state)
    };
    let current = |h: &Harness| h.app.session().map(|s| s.state().clone());
    h.app.handle_event(&char_key('a'));
    assert!(h.app.save_pending(), "the save waits for the frame");
    assert_ne!(saved(&h), current(&h));
    h.draw();
    assert!(!h.app.save_pending());
    assert_eq!(saved(&h), current(&h), "saved once the frame is drawn");
}

#[test]
fn setup_offers_the_due_reviews_and_says_why_they_were_picked() {
    let mut h = Harness::with_history(80, 24, Theme::plain(), &[past_study(30, 4)]);
    // Home, with its Review entry drawn › Study session (after it); down to Focus; the first focus is "due".
    h.draw();
    h.press(&[KeyCode::Down, KeyCode::Enter]).press(&[KeyCode::Down; 5]).press(&[KeyCode::Right]);
    snapshot!("setup_focus_due_80x24", h);
    let screen = h.screen();
    assert!(screen.contains("Only those due for review (7)"), "{screen}");
    assert!(screen.contains("7 questions due for review, most overdue first"), "{screen}");
}
