//! One test per behaviour a user reported wrong: each drives the app through
//! its key table, as a user would, and fails on the code before the fix.

use super::{Harness, click};
use crate::engine::Response;
use ratatui::crossterm::event::KeyCode;
use std::collections::BTreeSet;
use std::time::Duration;

/// The response to the current question.
fn response(h: &Harness) -> Option<Response> {
    h.app.session().and_then(|s| s.current().1.response.clone())
}

/// Makes the autosave fail: its table is gone from the database.
fn break_saving(h: &Harness) {
    let db = h.data.path().join(crate::store::DATABASE_FILE);
    let conn = rusqlite::Connection::open(db).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch("DROP TABLE in_progress").unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn h_on_the_home_screen_opens_the_history() {
    let mut h = Harness::new(80, 24);
    h.keys("h");
    let screen = h.screen();
    assert!(screen.starts_with("History"), "{screen}");
}

#[test]
fn a_click_above_the_home_menu_opens_nothing() {
    let mut h = Harness::new(80, 24);
    let before = h.screen();
    h.send(&[click(5, 0)]);
    assert_eq!(h.screen(), before);
    let row = before.lines().position(|l| l.contains("Mock exam —")).unwrap_or(0);
    h.send(&[click(5, u16::try_from(row).unwrap_or(0))]);
    assert!(h.app.session().is_some(), "a click on an entry opens it");
}

#[test]
fn moving_through_the_domain_field_keeps_the_chosen_task() {
    let mut h = Harness::new(80, 24);
    h.press(&[KeyCode::Enter, KeyCode::Down, KeyCode::Right]);
    let chosen = h.screen().lines().find(|l| l.contains("Task")).map(str::to_string);
    assert!(chosen.as_deref().is_some_and(|l| !l.contains("All task statements")), "{chosen:?}");
    h.press(&[KeyCode::Up, KeyCode::Down]);
    let after = h.screen().lines().find(|l| l.contains("Task")).map(str::to_string);
    assert_eq!(after, chosen);
    h.press(&[KeyCode::Up, KeyCode::Right, KeyCode::Down]);
    let other_domain = h.screen().lines().find(|l| l.contains("Task")).map(str::to_string);
    assert!(other_domain.is_some_and(|l| l.contains("All task statements")), "a new domain resets the task");
}

#[test]
fn a_choose_two_in_the_exam_is_answered_only_with_two_picks() {
    let mut h = Harness::new(80, 24).exam();
    h.go_to("example-multiple");
    h.keys("a");
    assert!(h.screen().contains("Choose TWO"));
    h.keys("g");
    assert!(h.screen().contains("Answered 0 · Unanswered 7"), "{}", h.screen());
    h.keys("s");
    assert!(h.screen().contains("Submit the exam? 7 unanswered"), "{}", h.screen());
    h.keys("n").keys("g").keys("b");
    h.keys("g");
    assert!(h.screen().contains("Answered 1 · Unanswered 6"), "{}", h.screen());
    h.keys("g").keys("c");
    assert!(h.screen().contains("2 at most: untick one"), "{}", h.screen());
    assert_eq!(response(&h), Some(Response::Multiple(BTreeSet::from_iter(picked(&h, "ab")))));
    h.keys("ab");
    assert_eq!(response(&h), None, "unticking every pick leaves the question unanswered");
    h.keys("a").keys("sy");
    assert!(h.screen().contains("answered 0"), "{}", h.screen());
}

/// The option indices shown under these letters on the current question.
fn picked(h: &Harness, letters: &str) -> Vec<usize> {
    let order = h.app.session().map(|s| s.current().1.order.clone()).unwrap_or_default();
    letters.chars().filter_map(|c| order.get(usize::from(c as u8 - b'a')).copied()).collect()
}

#[test]
fn backspace_clears_the_answer_of_every_question_type() {
    let mut h = Harness::new(80, 24).exam();
    for (id, answer) in
        [("example-single", "a"), ("example-multiple", "ab"), ("example-ordering", "J"), ("example-matching", "1")]
    {
        h.go_to(id).keys(answer);
        assert!(response(&h).is_some(), "{id}: answered");
        h.press(&[KeyCode::Backspace]);
        assert_eq!(response(&h), None, "{id}: Backspace clears the answer");
    }
    h.go_to("example-matching").keys("1").press(&[KeyCode::Down]).keys("2").press(&[KeyCode::Backspace]);
    let left = response(&h);
    assert!(matches!(&left, Some(Response::Matching(c)) if c.iter().flatten().count() == 1), "{left:?}");
}

#[test]
fn the_could_not_save_note_is_modal() {
    let mut h = Harness::new(80, 24).exam();
    h.go_to("example-single");
    break_saving(&h);
    h.keys("a");
    let answered = response(&h);
    assert!(h.screen().contains("Could not save progress"), "{}", h.screen());
    h.keys("b").press(&[KeyCode::Right]);
    assert!(h.screen().contains("Could not save progress"), "other keys leave the note up");
    assert_eq!(response(&h), answered, "and do not reach the question behind it");
    h.press(&[KeyCode::Enter]);
    assert!(!h.screen().contains("Could not save progress"));
    assert_eq!(response(&h), answered);
    h.app.tick(Duration::from_secs(6));
    h.keys("b");
    assert!(!h.screen().contains("Could not save progress"), "told once, not at every autosave");
    assert_ne!(response(&h), answered, "the question takes answers again");
}

#[test]
fn the_exam_clock_runs_only_while_the_exam_is_on_screen() {
    let mut h = Harness::new(80, 24).exam();
    h.app.tick(Duration::from_secs(60));
    let left = h.app.session().and_then(|s| s.time_left());
    h.press(&[KeyCode::Esc]).keys("y");
    h.app.tick(Duration::from_secs(600));
    h.keys("r");
    assert_eq!(h.app.session().and_then(|s| s.time_left()), left);
    assert_eq!(crate::ui::counted(Duration::from_secs(3600)), Duration::from_millis(250), "a sleep counts as a tick");
    assert_eq!(crate::ui::counted(Duration::from_millis(300)), Duration::from_millis(300));
}

#[test]
fn a_damaged_autosave_is_refused_with_a_note_not_a_panic() {
    let mut h = Harness::new(80, 24).exam();
    h.go_to("example-matching").keys("1");
    h.press(&[KeyCode::Esc]).keys("y");
    let mut store = crate::store::Store::open(Some(h.data.path())).unwrap_or_else(|e| panic!("{e}")).store;
    let latest = store.latest_in_progress().unwrap_or_else(|e| panic!("{e}"));
    let mut saved = latest.session.unwrap_or_else(|| panic!("no save"));
    for item in saved.state.items.iter_mut().filter(|i| !i.response_order.is_empty()) {
        item.response_order[0] = 99;
    }
    store.save_in_progress(&saved).unwrap_or_else(|e| panic!("{e}"));
    h.keys("h").press(&[KeyCode::Esc]); // back home: it reads the save again
    h.keys("r");
    let screen = h.screen();
    assert!(screen.contains("cannot be used"), "{screen}");
    assert!(h.app.session().is_none());
}

#[test]
fn a_cursor_moved_before_the_reviews_arrive_stays_on_its_entry() {
    let theme = crate::ui::theme::Theme::plain();
    let mut h = Harness::with_history(80, 24, theme, &[super::past_study(30, 4)]);
    // Down before the first frame: the Review entry is not there yet.
    h.press(&[KeyCode::Down]);
    let screen = h.screen();
    assert!(screen.contains("  Review —") && screen.contains("› Mock exam —"), "{screen}");
}
