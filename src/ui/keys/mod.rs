//! The key table: for each screen ([`Context`]) a list of [`Binding`]s, each
//! naming its keys, the [`Intent`] they mean and what the help says about
//! them. The same table answers "what does this key press mean here"
//! ([`intent`]) and draws the footer and the `?` overlay ([`help_lines`],
//! [`footer_items`]), so the help cannot drift from the behaviour (gitui's
//! key list).

mod table;
#[cfg(test)]
mod tests;

use super::input::Intent;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use table::{CONFIRM, EXAM, FEEDBACK, GLOBAL, GRID, HELP, HISTORY, HOME, NOTE, RESULTS, REVIEW, SETUP, STUDY};

/// One key, or a run of keys, as a binding accepts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl, Alt or Shift (Shift+Tab is `BackTab`).
    Code(KeyCode),
    /// A character (upper-case letters come with Shift).
    Char(char),
    /// Ctrl and a letter.
    Ctrl(char),
    /// Shift and a key such as an arrow.
    Shift(KeyCode),
    /// Any character from the first to the last; the intent gets its offset.
    Chars(char, char),
    /// Any key press at all.
    Any,
}

/// What a binding's keys mean.
#[derive(Debug, Clone, Copy)]
pub enum Does {
    Just(Intent),
    /// For [`Key::Chars`]: the intent for the offset of the character in the run.
    Nth(fn(usize) -> Intent),
}

/// Where a binding appears in the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// In the footer and the help overlay.
    Footer,
    /// In the help overlay only.
    Help,
    /// On the line of the binding before it (the pair of "move up" is "move down").
    Also,
}

/// Keys, what they do and how the help shows them.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub does: Does,
    pub what: &'static str,
    pub show: Show,
}

/// The screen (or box) in front, which decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    Setup,
    Study,
    /// A study question after its answer was submitted: the feedback.
    Feedback,
    Exam,
    Grid,
    Results,
    Review,
    History,
    /// A yes/no question over a screen.
    Confirm,
    /// A note over a screen: only closing it does anything.
    Note,
    /// The key help over a screen.
    Help,
    /// The window is too small to draw the app: only Ctrl-C acts.
    TooSmall,
}

impl Context {
    /// The bindings of this context ([`GLOBAL`] applies as well).
    pub fn table(self) -> &'static [Binding] {
        match self {
            Context::Home => HOME,
            Context::Setup => SETUP,
            Context::Study => STUDY,
            Context::Feedback => FEEDBACK,
            Context::Exam => EXAM,
            Context::Grid => GRID,
            Context::Results => RESULTS,
            Context::Review => REVIEW,
            Context::History => HISTORY,
            Context::Confirm => CONFIRM,
            Context::Note => NOTE,
            Context::Help => HELP,
            Context::TooSmall => &[],
        }
    }
}

impl Key {
    /// The offset of the key in the run, when the key event is this key.
    fn offset(self, event: &KeyEvent) -> Option<usize> {
        let m = event.modifiers;
        let no_ctrl_alt = !m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let char_of = |code: KeyCode| if let KeyCode::Char(c) = code { Some(c) } else { None };
        let hit = match self {
            Key::Code(KeyCode::BackTab) => event.code == KeyCode::BackTab && no_ctrl_alt,
            Key::Code(code) => event.code == code && m == KeyModifiers::NONE,
            Key::Char(c) => event.code == KeyCode::Char(c) && no_ctrl_alt,
            Key::Ctrl(c) => event.code == KeyCode::Char(c) && m.contains(KeyModifiers::CONTROL),
            Key::Shift(code) => event.code == code && m.contains(KeyModifiers::SHIFT) && no_ctrl_alt,
            Key::Chars(first, last) => {
                return char_of(event.code)
                    .filter(|c| no_ctrl_alt && (first..=last).contains(c))
                    .map(|c| (c as usize).saturating_sub(first as usize));
            }
            Key::Any => true,
        };
        hit.then_some(0)
    }

    /// The key as the help shows it: "↑", "Ctrl-U", "Shift+↓", "a-f".
    pub fn label(self) -> String {
        match self {
            Key::Code(code) => code_label(code),
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Shift(code) => format!("Shift+{}", code_label(code)),
            Key::Chars(first, last) => format!("{first}-{last}"),
            Key::Any => "any key".into(),
        }
    }
}

fn code_label(code: KeyCode) -> String {
    match code {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Char(' ') => "Space".into(),
        other => other.to_string(),
    }
}

/// What a key press means in `context`: the first binding that takes it.
pub fn intent(context: Context, event: &KeyEvent) -> Option<Intent> {
    GLOBAL.iter().chain(context.table()).find_map(|binding| {
        let offset = binding.keys.iter().find_map(|key| key.offset(event))?;
        Some(match binding.does {
            Does::Just(intent) => intent,
            Does::Nth(make) => make(offset),
        })
    })
}

/// The help overlay's lines: keys and what they do, pairs on one line.
pub fn help_lines(context: Context) -> Vec<(String, &'static str)> {
    let mut lines: Vec<(String, &'static str)> = Vec::new();
    for binding in context.table().iter().chain(GLOBAL) {
        let keys = binding.keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" ");
        match (binding.show, lines.last_mut()) {
            (Show::Also, Some(last)) => last.0 = format!("{} / {keys}", last.0),
            _ => lines.push((keys, binding.what)),
        }
    }
    lines
}

/// The footer's items: each footer binding and its pairs, by their first two
/// keys ("↑↓ kj move", "q Esc quit").
pub fn footer_items(table: &[Binding]) -> Vec<(String, &'static str)> {
    let mut groups: Vec<(Vec<&Binding>, &'static str)> = Vec::new();
    let mut in_footer = false;
    for binding in table {
        match binding.show {
            Show::Footer => groups.push((vec![binding], binding.what)),
            Show::Also if in_footer => {
                if let Some(group) = groups.last_mut() {
                    group.0.push(binding);
                }
                continue;
            }
            _ => {}
        }
        in_footer = binding.show == Show::Footer;
    }
    groups
        .into_iter()
        .map(|(bindings, what)| {
            let column =
                |i: usize| bindings.iter().filter_map(|b| b.keys.get(i)).map(|k| k.label()).collect::<String>();
            let keys = [column(0), column(1)].into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ");
            (keys, what)
        })
        .collect()
}
