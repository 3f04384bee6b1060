//! The keys of each screen, written once: the footer shows the short list and
//! the `?` overlay shows all of them.

/// One key binding as the user reads it.
#[derive(Debug, Clone, Copy)]
pub struct KeyHelp {
    pub keys: &'static str,
    pub what: &'static str,
    /// Shown in the footer as well as in the help overlay.
    pub footer: bool,
}

const fn key(keys: &'static str, what: &'static str, footer: bool) -> KeyHelp {
    KeyHelp { keys, what, footer }
}

pub const HOME: &[KeyHelp] = &[
    key("↑↓ jk", "move", true),
    key("Enter", "choose", true),
    key("s e r h", "study, exam, resume, history", false),
    key("x", "switch exam (when several are loaded)", false),
    key("?", "help", true),
    key("q Esc", "quit", true),
];

pub const SETUP: &[KeyHelp] = &[
    key("↑↓ jk", "field", true),
    key("←→ hl", "change value", true),
    key("Enter", "start", true),
    key("?", "help", true),
    key("q Esc", "back", true),
];

pub const STUDY: &[KeyHelp] = &[
    key("↑↓ jk", "move", true),
    key("a-f 1-9", "pick", true),
    key("Space", "pick / toggle", false),
    key("Enter", "submit / next", true),
    key("J K Shift+↑↓", "ordering: move step", false),
    key("1-9 Space", "matching: choose response for the prompt", false),
    key("Backspace", "matching: clear response", false),
    key("←→ hl n p", "previous / next question", false),
    key("PgUp PgDn", "scroll", false),
    key("m", "flag question", false),
    key("?", "help", true),
    key("q", "end", true),
];

pub const EXAM: &[KeyHelp] = &[
    key("↑↓ jk", "move", true),
    key("a-f Space", "pick", true),
    key("←→", "prev/next", true),
    key("m", "flag", true),
    key("g", "grid", true),
    key("s", "submit", true),
    key("J K Shift+↑↓", "ordering: move step", false),
    key("1-9 Space", "matching: choose response for the prompt", false),
    key("Backspace", "clear answer", false),
    key("PgUp PgDn", "scroll", false),
    key("?", "help", true),
    key("q Esc", "leave (asks first)", false),
];

pub const GRID: &[KeyHelp] = &[
    key("arrows hjkl", "move", true),
    key("Enter", "open", true),
    key("u f", "next unanswered / flagged", false),
    key("s", "submit", true),
    key("?", "help", true),
    key("q g", "back", true),
];

pub const RESULTS: &[KeyHelp] = &[
    key("r", "review all", true),
    key("w", "wrong", true),
    key("f", "flagged", true),
    key("↑↓ PgUp PgDn", "scroll", true),
    key("?", "help", true),
    key("q", "home", true),
];

pub const REVIEW: &[KeyHelp] = &[
    key("←→ hl n p", "previous / next", true),
    key("↑↓ PgUp PgDn", "scroll", true),
    key("?", "help", true),
    key("q Esc", "back to results", true),
];

pub const HISTORY: &[KeyHelp] = &[
    key("↑↓ jk", "select", true),
    key("Enter", "open", true),
    key("Tab", "chart: overall / by domain", true),
    key("?", "help", true),
    key("q Esc", "home", true),
];
