//! Turns terminal events into [`Input`]s: one vocabulary for every screen, with
//! vim keys folded into arrows. Screens decide what each input means.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Up,
    Down,
    Left,
    Right,
    /// Shift+Up or `K`: move the item under the cursor up (ordering questions).
    MoveUp,
    /// Shift+Down or `J`.
    MoveDown,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Space,
    Tab,
    BackTab,
    Backspace,
    /// `q` or Esc.
    Back,
    /// `?`
    Help,
    /// Ctrl-C: leave the app from anywhere.
    Quit,
    Char(char),
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp,
    ScrollDown,
    Resize,
}

/// The input for a terminal event, if it means anything to the app.
pub fn from_event(event: &Event) -> Option<Input> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => from_key(*key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Input::Click { column: mouse.column, row: mouse.row }),
            MouseEventKind::ScrollUp => Some(Input::ScrollUp),
            MouseEventKind::ScrollDown => Some(Input::ScrollDown),
            _ => None,
        },
        Event::Resize(..) => Some(Input::Resize),
        _ => None,
    }
}

pub fn from_key(key: KeyEvent) -> Option<Input> {
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Input::Quit),
            KeyCode::Char('d') => Some(Input::PageDown),
            KeyCode::Char('u') => Some(Input::PageUp),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Up if shift => Input::MoveUp,
        KeyCode::Down if shift => Input::MoveDown,
        KeyCode::Up | KeyCode::Char('k') => Input::Up,
        KeyCode::Down | KeyCode::Char('j') => Input::Down,
        KeyCode::Left | KeyCode::Char('h') => Input::Left,
        KeyCode::Right | KeyCode::Char('l') => Input::Right,
        KeyCode::Char('K') => Input::MoveUp,
        KeyCode::Char('J') => Input::MoveDown,
        KeyCode::PageUp => Input::PageUp,
        KeyCode::PageDown => Input::PageDown,
        KeyCode::Home => Input::Home,
        KeyCode::End => Input::End,
        KeyCode::Enter => Input::Enter,
        KeyCode::Char(' ') => Input::Space,
        KeyCode::Tab => Input::Tab,
        KeyCode::BackTab => Input::BackTab,
        KeyCode::Backspace | KeyCode::Delete => Input::Backspace,
        KeyCode::Esc | KeyCode::Char('q') => Input::Back,
        KeyCode::Char('?') => Input::Help,
        KeyCode::Char(c) => Input::Char(c),
        _ => return None,
    })
}
