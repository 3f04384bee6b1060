//! The UI on an imported (relaxed) bank beside the embedded one: study
//! feedback says "No explanation in this bank.", the home screen switches
//! exams, and random keys never panic.

use super::app::App;
use super::theme::Theme;
use crate::bank::import::{ImportRequest, SourceFile, import};
use crate::bank::{BankSource, Library, Origin};
use crate::engine::{Settings, StudyFilter};
use crate::store::Store;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;

/// The embedded banks plus the checkbox fixture imported as exam IMP-01.
fn library() -> Library {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/checkbox.md");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    let files = [SourceFile { name: "checkbox.md".into(), text }];
    let embedded = Library::load(&[]);
    let request = ImportRequest {
        files: &files,
        format: None,
        exam: Some("IMP-01"),
        title: None,
        folder_name: "imp",
        library: &embedded,
    };
    let bank = import(&request).unwrap_or_else(|e| panic!("{e}"));
    let mut sources = BankSource::embedded();
    sources.push(BankSource::from_texts(Origin::Folder("imp".into()), "imp", bank.files));
    let library = Library::from_sources(sources);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    library
}

fn app(exam: &str) -> (App, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(Some(data.path())).unwrap_or_else(|e| panic!("{e}")).store;
    let library = library();
    let pool = library.pool(exam).unwrap_or_else(|| panic!("no pool {exam}"));
    let app = App::new(pool, store, Theme::plain(), Vec::new()).with_library(library);
    (app, data)
}

fn screen(app: &mut App, terminal: &mut Terminal<TestBackend>) -> String {
    terminal.draw(|frame| app.render(frame)).unwrap_or_else(|e| panic!("{e}"));
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn study_feedback_on_an_imported_question_says_there_is_no_explanation() {
    let (mut app, _data) = app("IMP-01");
    let pool = library().pool("IMP-01").unwrap_or_else(|| panic!("no pool"));
    let bare = pool.questions.iter().find(|q| q.explanation.is_empty()).map(|q| q.id.to_string());
    let filter = StudyFilter { only: Some(bare.into_iter().collect()), ..StudyFilter::default() };
    app.start(Settings::study(filter, 1, 3)).unwrap_or_else(|e| panic!("{e}"));
    let mut terminal = Terminal::new(TestBackend::new(80, 60)).unwrap_or_else(|e| panic!("{e}"));
    for event in [key('a'), enter()] {
        app.handle_event(&event);
    }
    let shown = screen(&mut app, &mut terminal);
    assert!(shown.contains("No explanation in this bank."), "{shown}");
    assert!(shown.contains("Correct answer:") && !shown.contains("References"), "{shown}");
}

#[test]
fn the_home_screen_switches_exams_and_remembers_the_choice() {
    let (mut app, data) = app("MLA-C01");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap_or_else(|e| panic!("{e}"));
    assert!(screen(&mut app, &mut terminal).contains("Exam: MLA-C01 (1 of 2)"));
    app.handle_event(&key('x'));
    let shown = screen(&mut app, &mut terminal);
    assert!(shown.contains("Exam: IMP-01 (2 of 2)") && shown.contains("(IMP-01)"), "{shown}");
    drop(app);
    let store = Store::open(Some(data.path())).unwrap_or_else(|e| panic!("{e}")).store;
    assert_eq!(store.last_exam().ok().flatten().as_deref(), Some("IMP-01"));
}

#[test]
fn results_of_an_imported_exam_leave_out_the_empty_service_table() {
    let (mut app, _data) = app("IMP-01");
    let mut terminal = Terminal::new(TestBackend::new(80, 40)).unwrap_or_else(|e| panic!("{e}"));
    for c in ['e', 'a', 's', 'y'] {
        app.handle_event(&key(c));
    }
    let shown = screen(&mut app, &mut terminal);
    assert!(shown.contains("Mock exam result") && shown.contains("1.1 All questions"), "{shown}");
    assert!(!shown.contains("By AWS service"), "{shown}");
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn enter() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
}

/// The events of the other UI tests, plus `x` (switch exam).
fn any_event() -> impl Strategy<Value = Event> {
    prop_oneof![8 => super::tests::any_event(), 1 => Just(key('x'))]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn random_keys_on_two_exams_never_panic(events in prop::collection::vec(any_event(), 1..80)) {
        let (mut app, _data) = app("IMP-01");
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap_or_else(|e| panic!("{e}"));
        for event in events {
            app.handle_event(&event);
            app.tick(Duration::from_millis(300));
            terminal.draw(|frame| app.render(frame)).unwrap_or_else(|e| panic!("{e}"));
            if app.quit {
                break;
            }
        }
    }
}
