//! The key table itself: what keys mean on each screen, that no binding hides
//! another (so everything the help lists is reachable), and that the help is
//! drawn from the same bindings.

use super::*;
use crate::ui::input::from_event;
use ratatui::crossterm::event::{Event, KeyEventKind, KeyEventState};

const ALL: [Context; 13] = [
    Context::Home,
    Context::Setup,
    Context::Study,
    Context::Feedback,
    Context::Exam,
    Context::Grid,
    Context::Results,
    Context::Review,
    Context::History,
    Context::Confirm,
    Context::Note,
    Context::Help,
    Context::TooSmall,
];

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    let shift = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    KeyEvent::new(KeyCode::Char(c), shift)
}

/// Every key press a test can think of.
fn every_key() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = (' '..='~').map(ch).collect();
    for code in [
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ] {
        keys.push(key(code));
        keys.push(KeyEvent::new(code, KeyModifiers::SHIFT));
    }
    keys.push(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    keys.extend(('a'..='z').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    keys
}

#[test]
fn h_means_history_on_the_home_screen_and_previous_elsewhere() {
    assert_eq!(intent(Context::Home, &ch('h')), Some(Intent::History));
    assert_eq!(intent(Context::Study, &ch('h')), Some(Intent::Previous));
    assert_eq!(intent(Context::Exam, &ch('h')), Some(Intent::Previous));
    assert_eq!(intent(Context::Setup, &ch('h')), Some(Intent::Previous));
    assert_eq!(intent(Context::Grid, &ch('h')), Some(Intent::Previous));
}

#[test]
fn letters_and_numbers_carry_their_row() {
    assert_eq!(intent(Context::Exam, &ch('a')), Some(Intent::Pick(0)));
    assert_eq!(intent(Context::Exam, &ch('f')), Some(Intent::Pick(5)));
    assert_eq!(intent(Context::Study, &ch('1')), Some(Intent::Number(0)));
    assert_eq!(intent(Context::Study, &ch('9')), Some(Intent::Number(8)));
    assert_eq!(intent(Context::Study, &ch('0')), None);
    assert_eq!(intent(Context::Study, &ch('g')), None, "no grid in a study session");
}

#[test]
fn shift_moves_an_ordering_step_and_plain_arrows_move_the_cursor() {
    assert_eq!(intent(Context::Exam, &KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT)), Some(Intent::StepUp));
    assert_eq!(intent(Context::Exam, &ch('K')), Some(Intent::StepUp));
    assert_eq!(intent(Context::Exam, &ch('J')), Some(Intent::StepDown));
    assert_eq!(intent(Context::Exam, &key(KeyCode::Up)), Some(Intent::Up));
    assert_eq!(intent(Context::Exam, &ch('k')), Some(Intent::Up));
}

#[test]
fn backspace_clears_on_question_screens() {
    for context in [Context::Study, Context::Exam] {
        assert_eq!(intent(context, &key(KeyCode::Backspace)), Some(Intent::Clear));
        assert_eq!(intent(context, &key(KeyCode::Delete)), Some(Intent::Clear));
    }
}

#[test]
fn ctrl_c_quits_everywhere_and_overlays_take_only_their_keys() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for context in ALL {
        assert_eq!(intent(context, &ctrl_c), Some(Intent::Quit), "{context:?}");
    }
    assert_eq!(intent(Context::Note, &ch('b')), None);
    assert_eq!(intent(Context::Note, &key(KeyCode::Enter)), Some(Intent::Back));
    assert_eq!(intent(Context::Confirm, &ch('y')), Some(Intent::Yes));
    assert_eq!(intent(Context::Confirm, &key(KeyCode::Esc)), Some(Intent::No));
    assert_eq!(intent(Context::Confirm, &ch('a')), None);
    assert_eq!(intent(Context::Help, &ch('x')), Some(Intent::Back), "any key closes the help");
}

#[test]
fn no_binding_hides_another() {
    for context in ALL.into_iter().filter(|c| *c != Context::Help) {
        for event in every_key() {
            let takers: Vec<&str> = GLOBAL
                .iter()
                .chain(context.table())
                .filter(|b| b.keys.iter().any(|k| k.offset(&event).is_some()))
                .map(|b| b.what)
                .collect();
            assert!(takers.len() <= 1, "{context:?}: {event:?} is taken by {takers:?}");
        }
    }
}

#[test]
fn the_help_lists_every_binding_of_the_table() {
    for context in ALL {
        let lines = help_lines(context);
        let listed: String = lines.iter().map(|(keys, _)| keys.as_str()).collect::<Vec<_>>().join(" ");
        for binding in context.table().iter().chain(GLOBAL) {
            for key in binding.keys {
                assert!(listed.contains(&key.label()), "{context:?}: {} is not in the help", key.label());
            }
        }
    }
    let exam = help_lines(Context::Exam);
    assert!(exam.contains(&("Backspace Del".to_string(), "clear answer")), "{exam:?}");
    assert!(exam.contains(&("Ctrl-C".to_string(), "quit (a running session is saved)")));
    let footer = footer_items(HOME);
    assert_eq!(footer[0], ("↑↓ kj".to_string(), "move"));
}

#[test]
fn only_presses_count_and_the_mouse_needs_no_table() {
    let release = KeyEvent { kind: KeyEventKind::Release, state: KeyEventState::NONE, ..ch('a') };
    assert_eq!(from_event(Context::Exam, &Event::Key(release)), None);
    assert_eq!(from_event(Context::Exam, &Event::Key(ch('a'))), Some(Intent::Pick(0)));
    assert_eq!(from_event(Context::Home, &Event::Resize(80, 24)), Some(Intent::Resize));
}
