//! The bindings of every screen, in the order the help lists them. A binding
//! shown [`Show::Also`] joins the help line of the one before it. No two
//! bindings of a screen take the same key (a test checks), so order never
//! decides what a key does.

use super::{Binding, Does, Key, Show};
use crate::ui::input::Intent;
use ratatui::crossterm::event::KeyCode;

const fn bind(keys: &'static [Key], intent: Intent, what: &'static str, show: Show) -> Binding {
    Binding { keys, does: Does::Just(intent), what, show }
}

const UP: Key = Key::Code(KeyCode::Up);
const DOWN: Key = Key::Code(KeyCode::Down);
const LEFT: Key = Key::Code(KeyCode::Left);
const RIGHT: Key = Key::Code(KeyCode::Right);
const ENTER: Key = Key::Code(KeyCode::Enter);
const ESC: Key = Key::Code(KeyCode::Esc);
const SPACE: Key = Key::Char(' ');
const PAGE_UP: [Key; 2] = [Key::Code(KeyCode::PageUp), Key::Ctrl('u')];
const PAGE_DOWN: [Key; 2] = [Key::Code(KeyCode::PageDown), Key::Ctrl('d')];

const HELP_KEY: Binding = bind(&[Key::Char('?')], Intent::Help, "help", Show::Footer);
const SCROLL_UP: Binding = bind(&PAGE_UP, Intent::PageUp, "scroll a page", Show::Help);
const SCROLL_DOWN: Binding = bind(&PAGE_DOWN, Intent::PageDown, "", Show::Also);

/// Bindings that hold on every screen.
pub const GLOBAL: &[Binding] =
    &[bind(&[Key::Ctrl('c')], Intent::Quit, "quit (a running session is saved)", Show::Help)];

pub const HOME: &[Binding] = &[
    bind(&[UP, Key::Char('k')], Intent::Up, "move", Show::Footer),
    bind(&[DOWN, Key::Char('j')], Intent::Down, "", Show::Also),
    bind(&[ENTER, SPACE, RIGHT], Intent::Choose, "choose", Show::Footer),
    bind(&[Key::Char('s')], Intent::Study, "study session", Show::Help),
    bind(&[Key::Char('e')], Intent::Exam, "mock exam", Show::Help),
    bind(&[Key::Char('r')], Intent::Resume, "resume the unfinished session", Show::Help),
    bind(&[Key::Char('h')], Intent::History, "history", Show::Help),
    bind(&[Key::Char('x')], Intent::SwitchExam, "switch exam (when several are loaded)", Show::Help),
    HELP_KEY,
    bind(&[Key::Char('q'), ESC], Intent::Back, "quit", Show::Footer),
];

pub const SETUP: &[Binding] = &[
    bind(&[UP, Key::Char('k'), Key::Code(KeyCode::BackTab)], Intent::Up, "field", Show::Footer),
    bind(&[DOWN, Key::Char('j'), Key::Code(KeyCode::Tab)], Intent::Down, "", Show::Also),
    bind(&[LEFT, Key::Char('h')], Intent::Previous, "change value", Show::Footer),
    bind(&[RIGHT, Key::Char('l'), SPACE], Intent::Next, "", Show::Also),
    bind(&[ENTER], Intent::Choose, "start", Show::Footer),
    HELP_KEY,
    bind(&[Key::Char('q'), ESC], Intent::Back, "back", Show::Footer),
];

const PICK: Binding =
    Binding { keys: &[Key::Chars('a', 'f')], does: Does::Nth(Intent::Pick), what: "pick", show: Show::Footer };
const NUMBER: Binding = Binding {
    keys: &[Key::Chars('1', '9')],
    does: Does::Nth(Intent::Number),
    what: "matching: response number (else pick)",
    show: Show::Help,
};
const STEP_UP: Binding =
    bind(&[Key::Shift(KeyCode::Up), Key::Char('K')], Intent::StepUp, "ordering: move the step", Show::Help);
const STEP_DOWN: Binding = bind(&[Key::Shift(KeyCode::Down), Key::Char('J')], Intent::StepDown, "", Show::Also);
const CURSOR_UP: Binding = bind(&[UP, Key::Char('k')], Intent::Up, "move", Show::Footer);
const CURSOR_DOWN: Binding = bind(&[DOWN, Key::Char('j')], Intent::Down, "", Show::Also);
const CLEAR: Binding =
    bind(&[Key::Code(KeyCode::Backspace), Key::Code(KeyCode::Delete)], Intent::Clear, "clear answer", Show::Help);

pub const STUDY: &[Binding] = &[
    CURSOR_UP,
    CURSOR_DOWN,
    PICK,
    NUMBER,
    STEP_UP,
    STEP_DOWN,
    bind(&[SPACE], Intent::Toggle, "pick / toggle / pick up a step", Show::Help),
    bind(&[ENTER], Intent::Choose, "submit / next", Show::Footer),
    CLEAR,
    bind(&[LEFT, Key::Char('h'), Key::Char('p')], Intent::Previous, "previous / next question", Show::Help),
    bind(&[RIGHT, Key::Char('l'), Key::Char('n')], Intent::Next, "", Show::Also),
    SCROLL_UP,
    SCROLL_DOWN,
    bind(&[Key::Char('m')], Intent::Flag, "flag question", Show::Help),
    HELP_KEY,
    bind(&[Key::Char('q'), ESC], Intent::Back, "end", Show::Footer),
];

pub const FEEDBACK: &[Binding] = &[
    bind(&[ENTER], Intent::Choose, "next", Show::Footer),
    bind(&[Key::Char('g')], Intent::Guess, "I guessed (reviewed sooner)", Show::Footer),
    bind(&[LEFT, Key::Char('h'), Key::Char('p')], Intent::Previous, "previous / next question", Show::Help),
    bind(&[RIGHT, Key::Char('l'), Key::Char('n')], Intent::Next, "", Show::Also),
    bind(&[UP, Key::Char('k')], Intent::Up, "scroll", Show::Help),
    bind(&[DOWN, Key::Char('j')], Intent::Down, "", Show::Also),
    SCROLL_UP,
    SCROLL_DOWN,
    bind(&[Key::Char('m')], Intent::Flag, "flag question", Show::Help),
    HELP_KEY,
    bind(&[Key::Char('q'), ESC], Intent::Back, "end", Show::Footer),
];

pub const EXAM: &[Binding] = &[
    CURSOR_UP,
    CURSOR_DOWN,
    PICK,
    bind(&[LEFT, Key::Char('h'), Key::Char('p')], Intent::Previous, "prev/next", Show::Footer),
    bind(&[RIGHT, Key::Char('l'), Key::Char('n')], Intent::Next, "", Show::Also),
    bind(&[Key::Char('m')], Intent::Flag, "flag", Show::Footer),
    bind(&[Key::Char('g')], Intent::Grid, "grid", Show::Footer),
    bind(&[Key::Char('s')], Intent::Submit, "submit", Show::Footer),
    NUMBER,
    STEP_UP,
    STEP_DOWN,
    bind(&[SPACE], Intent::Toggle, "pick / toggle / pick up a step", Show::Help),
    bind(&[ENTER], Intent::Choose, "pick / keep the order shown", Show::Help),
    CLEAR,
    SCROLL_UP,
    SCROLL_DOWN,
    HELP_KEY,
    bind(&[Key::Char('q'), ESC], Intent::Back, "leave (asks first)", Show::Help),
];

pub const GRID: &[Binding] = &[
    bind(&[LEFT, Key::Char('h')], Intent::Previous, "move", Show::Footer),
    bind(&[RIGHT, Key::Char('l')], Intent::Next, "", Show::Also),
    bind(&[UP, Key::Char('k')], Intent::Up, "", Show::Also),
    bind(&[DOWN, Key::Char('j')], Intent::Down, "", Show::Also),
    bind(&[Key::Code(KeyCode::Home)], Intent::First, "first / last question", Show::Help),
    bind(&[Key::Code(KeyCode::End)], Intent::Last, "", Show::Also),
    bind(&[ENTER, SPACE], Intent::Choose, "open", Show::Footer),
    bind(&[Key::Char('u')], Intent::NextUnanswered, "next unanswered", Show::Help),
    bind(&[Key::Char('f')], Intent::NextFlagged, "next flagged", Show::Help),
    bind(&[Key::Char('s')], Intent::Submit, "submit", Show::Footer),
    HELP_KEY,
    bind(&[Key::Char('q'), ESC, Key::Char('g')], Intent::Back, "back", Show::Footer),
];

pub const RESULTS: &[Binding] = &[
    bind(&[Key::Char('r')], Intent::ReviewAll, "review all", Show::Footer),
    bind(&[Key::Char('w')], Intent::ReviewWrong, "wrong", Show::Footer),
    bind(&[Key::Char('f')], Intent::ReviewFlagged, "flagged", Show::Footer),
    bind(&[UP, Key::Char('k')], Intent::Up, "scroll", Show::Footer),
    bind(&[DOWN, Key::Char('j')], Intent::Down, "", Show::Also),
    SCROLL_UP,
    SCROLL_DOWN,
    HELP_KEY,
    bind(&[Key::Char('q'), ESC, ENTER], Intent::Back, "home", Show::Footer),
];

pub const REVIEW: &[Binding] = &[
    bind(&[LEFT, Key::Char('h'), Key::Char('p')], Intent::Previous, "previous / next", Show::Footer),
    bind(&[RIGHT, Key::Char('l'), Key::Char('n'), ENTER], Intent::Next, "", Show::Also),
    bind(&[UP, Key::Char('k')], Intent::Up, "scroll", Show::Footer),
    bind(&[DOWN, Key::Char('j')], Intent::Down, "", Show::Also),
    SCROLL_UP,
    SCROLL_DOWN,
    HELP_KEY,
    bind(&[Key::Char('q'), ESC], Intent::Back, "back to results", Show::Footer),
];

pub const HISTORY: &[Binding] = &[
    bind(&[UP, Key::Char('k')], Intent::Up, "select", Show::Footer),
    bind(&[DOWN, Key::Char('j')], Intent::Down, "", Show::Also),
    bind(&[ENTER, RIGHT, Key::Char('l')], Intent::Choose, "open", Show::Footer),
    SCROLL_UP,
    SCROLL_DOWN,
    bind(&[Key::Code(KeyCode::Tab)], Intent::Tab, "chart by domain", Show::Footer),
    bind(&[Key::Code(KeyCode::BackTab)], Intent::BackTab, "", Show::Also),
    HELP_KEY,
    bind(&[Key::Char('q'), ESC], Intent::Back, "home", Show::Footer),
];

pub const CONFIRM: &[Binding] = &[
    bind(&[Key::Char('y'), Key::Char('Y')], Intent::Yes, "yes", Show::Footer),
    bind(&[Key::Char('n'), Key::Char('N'), Key::Char('q'), ESC], Intent::No, "no", Show::Footer),
];

pub const NOTE: &[Binding] = &[bind(&[ENTER, ESC, SPACE, Key::Char('q')], Intent::Back, "close", Show::Footer)];

pub const HELP: &[Binding] = &[bind(&[Key::Any], Intent::Back, "close", Show::Footer)];
