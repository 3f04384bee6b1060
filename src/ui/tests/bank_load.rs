//! The home screen while the user's banks load behind it: drawn at once, a
//! progress line once the load is slow, keys working meanwhile, and the loaded
//! banks taken on the home screen (a running session keeps its pool).
//!
//! The load's messages come from the test through a channel, and its time
//! through [`App::tick`]; the store is in memory, so the home screen's reviews
//! are read at once and one turn of the loop ([`turn`]) shows everything.

use super::{Harness, char_key, fixed_clock};
use crate::bank::{BankSource, Library, LoadProgress, Origin};
use crate::store::Store;
use crate::ui::app::App;
use crate::ui::bank_load::{BankLoad, Loaded, Message, QUIET_FOR};
use crate::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::sync::mpsc::{Sender, channel};

/// A relaxed user bank folder: its manifest's exam (`"exam": ..` or a
/// `"blueprint"`), one question, and `more` files.
fn folder(id: &str, exam: &str, more: &[(&str, &str)]) -> BankSource {
    let manifest =
        format!(r#"{{"format": 1, "id": "{id}", "title": "{id}", "version": "1", "relaxed": true, {exam}}}"#);
    let question = format!(
        r#"{{"questions": [{{"id": "{id}-1", "domain": 1, "type": "single", "stem": "Which?",
            "options": [{{"text": "a", "correct": true}}, {{"text": "b", "correct": false}}]}}]}}"#
    );
    let mut files = vec![("bank.json".to_string(), manifest), ("q.json".to_string(), question)];
    files.extend(more.iter().map(|(name, text)| (name.to_string(), text.to_string())));
    BankSource::from_texts(Origin::Folder(id.into()), id, files)
}

/// The embedded banks, one more MLA-C01 question, and exam OTH-01 from a
/// folder with a broken file.
fn with_user_banks() -> Library {
    let blueprint = r#""blueprint": {"code": "OTH-01", "name": "Other exam", "questions": 1, "minutes": 2,
        "scale": {"min": 100, "max": 1000, "pass": 720},
        "domains": [{"id": 1, "name": "All", "weight": 100, "tasks": [{"id": "1.1", "name": "All"}]}]}"#;
    let mut sources = BankSource::embedded();
    sources.push(folder("mine", r#""exam": "MLA-C01""#, &[]));
    sources.push(folder("other", blueprint, &[("r.json", "{ not json")]));
    let library = Library::from_sources(sources);
    assert_eq!(library.problems.len(), 1, "{:?}", library.problems);
    library
}

/// An app on `library`'s exam `exam`, with the user's banks still to come on the returned sender.
fn loading(library: Library, exam: &str) -> (Harness, Sender<Message>) {
    let pool = library.pool(exam).unwrap_or_else(|| panic!("no exam {exam}"));
    let store = Store::memory("a test".into()).unwrap_or_else(|e| panic!("{e}"));
    let (send, receive) = channel();
    let app = App::new(pool, store, Theme::plain(), Vec::new())
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .with_clock(fixed_clock)
        .with_library(library)
        .with_bank_load(BankLoad::new(receive));
    let terminal = Terminal::new(TestBackend::new(100, 24)).unwrap_or_else(|e| panic!("{e}"));
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    (Harness { app, terminal, data }, send)
}

/// One turn of the loop: a frame, what other threads brought, the next frame.
fn turn(h: &mut Harness) -> String {
    for _ in 0..2 {
        h.terminal.draw(|frame| h.app.render(frame)).unwrap_or_else(|e| panic!("{e}"));
        h.app.after_frame();
        h.app.catch_up();
    }
    h.text()
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn done(send: &Sender<Message>, library: Library, requested: Option<&str>) {
    let loaded = Loaded::new(library, requested, None);
    send.send(Message::Done(Box::new(loaded))).unwrap_or_else(|e| panic!("{e}"));
}

fn questions(library: &Library) -> String {
    let pool = library.pool("MLA-C01").unwrap_or_else(|| panic!("no MLA-C01"));
    format!("{} questions", pool.questions.len())
}

#[test]
fn home_shows_a_slow_load_s_progress_then_the_loaded_banks_with_their_problems() {
    let embedded = Library::load(&[]);
    let built_in = questions(&embedded);
    let (mut h, send) = loading(embedded, "MLA-C01");
    let screen = turn(&mut h);
    assert!(screen.contains("(MLA-C01)") && screen.contains(&built_in), "{screen}");
    assert!(!screen.contains("Loading") && !screen.contains("Exam:"), "{screen}");

    let step = |files_done, bytes_done| LoadProgress { files_done, files_total: 3, bytes_done, bytes_total: 3_000_000 };
    send.send(Message::Progress(step(1, 1_000_000))).unwrap_or_else(|e| panic!("{e}"));
    h.app.tick(QUIET_FOR / 2);
    assert!(!turn(&mut h).contains("Loading"), "a quick load shows no progress");
    h.app.tick(QUIET_FOR);
    let screen = turn(&mut h);
    assert!(screen.contains("Loading your banks: 1 of 3 files, 1.0 of 3.0 MB…"), "{screen}");
    send.send(Message::Progress(step(2, 2_000_000))).unwrap_or_else(|e| panic!("{e}"));
    assert!(turn(&mut h).contains("Loading your banks: 2 of 3 files, 2.0 of 3.0 MB…"));

    // Keys work meanwhile; the cursor stays on History when the exam entry appears above it.
    h.app.handle_event(&key(KeyCode::Down));
    h.app.handle_event(&key(KeyCode::Down));
    h.app.handle_event(&key(KeyCode::Down));
    assert!(turn(&mut h).contains("› History"));
    let loaded = with_user_banks();
    let more = questions(&loaded);
    done(&send, loaded, None);
    let screen = turn(&mut h);
    assert!(screen.contains("Exam: MLA-C01 (1 of 2)"), "{screen}");
    assert!(screen.contains(&more) && screen.contains("mine 1"), "{screen}");
    assert!(screen.contains("1 bank problem(s); 1 item(s) skipped"), "{screen}");
    assert!(screen.contains("› History") && !screen.contains("Loading"), "{screen}");
    h.app.handle_event(&char_key('x'));
    assert!(turn(&mut h).contains("Exam: OTH-01 (2 of 2)"));
}

#[test]
fn a_session_started_meanwhile_keeps_its_pool_and_home_takes_the_loaded_banks() {
    let embedded = Library::load(&[]);
    let (mut h, send) = loading(embedded, "MLA-C01");
    turn(&mut h);
    h.app.handle_event(&char_key('e'));
    let question = turn(&mut h);
    assert!(question.contains("Question 1 of"), "{question}");
    done(&send, with_user_banks(), None);
    assert_eq!(turn(&mut h), question, "the exam goes on as it was");
    h.app.handle_event(&key(KeyCode::Esc));
    h.app.handle_event(&char_key('y'));
    let screen = turn(&mut h);
    assert!(screen.contains("Resume: Mock exam") && screen.contains("Exam: MLA-C01 (1 of 2)"), "{screen}");
}

#[test]
fn an_exam_switched_to_meanwhile_stays_when_the_banks_arrive() {
    let (mut h, send) = loading(with_user_banks(), "MLA-C01");
    turn(&mut h);
    h.app.handle_event(&char_key('x'));
    assert!(turn(&mut h).contains("Exam: OTH-01 (2 of 2)"));
    done(&send, with_user_banks(), Some("MLA-C01"));
    let screen = turn(&mut h);
    assert!(screen.contains("Exam: OTH-01 (2 of 2)") && !screen.contains("Loading"), "{screen}");
}
