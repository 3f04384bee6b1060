//! Terminal events become [`Intent`]s here, in one place: key presses through
//! the key table of the screen in front ([`super::keys`]), mouse clicks and
//! wheel turns and resizes directly. Screens only ever see intents, so a key
//! means one thing per screen and the help cannot say otherwise.

use super::keys::{self, Context};
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

/// What the user asks for, whatever key or button said it (csvlens's `Control`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Cursor, field or scroll up.
    Up,
    Down,
    /// The previous question, grid cell or setting value.
    Previous,
    Next,
    /// The first or last cell of the exam grid.
    First,
    Last,
    PageUp,
    PageDown,
    /// Enter: choose the entry, submit the answer, open the cell.
    Choose,
    /// Space: pick or toggle the option under the cursor (ordering: pick up or drop).
    Toggle,
    /// The option in display row `n` (letters a-f).
    Pick(usize),
    /// Number `n + 1` (1-9): a matching response for the prompt, or the option in row `n`.
    Number(usize),
    /// Ordering: move the step under the cursor up.
    StepUp,
    StepDown,
    /// Take the answer back (matching: the response of the prompt under the cursor).
    Clear,
    Flag,
    /// Study feedback: the answer was a guess (a right guess is reviewed sooner).
    Guess,
    /// Open or close the exam's question grid.
    Grid,
    /// Submit the exam (asks first).
    Submit,
    NextUnanswered,
    NextFlagged,
    Study,
    Exam,
    Resume,
    History,
    /// Home: the next loaded exam.
    SwitchExam,
    ReviewAll,
    ReviewWrong,
    ReviewFlagged,
    /// Next view: the setup's next field, the history's other chart.
    Tab,
    /// Previous view.
    BackTab,
    Yes,
    No,
    /// Go back, close, or leave (an exam asks first).
    Back,
    Help,
    /// Leave the app from anywhere, saving a running session.
    Quit,
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp,
    ScrollDown,
    Resize,
}

/// The name screens written before intents use; the same type.
pub type Input = Intent;

/// The intent of a terminal event on the screen in `context`, if it has one.
pub fn from_event(context: Context, event: &Event) -> Option<Intent> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => keys::intent(context, key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Intent::Click { column: mouse.column, row: mouse.row }),
            MouseEventKind::ScrollUp => Some(Intent::ScrollUp),
            MouseEventKind::ScrollDown => Some(Intent::ScrollDown),
            _ => None,
        },
        Event::Resize(..) => Some(Intent::Resize),
        _ => None,
    }
}
