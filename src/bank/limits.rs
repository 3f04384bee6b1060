//! The bounds a blueprint, a command line and a saved session share.

/// The most questions a session may have (command line, bank blueprint, saved session).
pub const MAX_QUESTIONS: usize = 1000;
/// The longest time limit, in minutes, a command line or blueprint may ask for (24 hours).
pub const MAX_MINUTES: u32 = 1440;
