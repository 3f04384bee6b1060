//! The ratatui terminal UI. It draws engine state and turns key presses into
//! engine calls: [`input`] maps events to intents through the [`keys`] table,
//! [`app::App`] holds the state, [`run`] is the loop (draw, wait for an event
//! or a tick, update), [`terminal`] sets up and restores the terminal, and
//! [`bank_load`] loads the user's banks behind the home screen.

pub mod app;
pub mod bank_load;
mod document;
pub mod input;
pub mod keys;
mod overlay;
mod past;
mod persistence;
mod screens;
pub mod strings;
pub mod terminal;
pub mod theme;
mod widgets;
pub(crate) mod wrap;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_import;

use app::App;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event;
use std::time::{Duration, Instant};

/// How long the loop waits for input before redrawing the clock.
const TICK: Duration = Duration::from_millis(250);
/// How long it waits while background work for the screen is running.
const WAITING_TICK: Duration = Duration::from_millis(10);

/// The most time one turn of the loop may count. A longer gap means the
/// process was not running (the machine slept, the job was stopped), and the
/// exam clock does not run then; see [`strings::CLOCK_NOTE`].
pub const MAX_TICK: Duration = Duration::from_secs(2);

/// The time a turn of the loop that took `elapsed` counts for.
pub fn counted(elapsed: Duration) -> Duration {
    if elapsed > MAX_TICK { TICK } else { elapsed }
}

/// Runs the app on a terminal until the user quits.
pub fn run<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> std::io::Result<()>
where
    std::io::Error: From<B::Error>,
{
    let mut last = Instant::now();
    while !app.quit {
        terminal.draw(|frame| app.render(frame))?;
        app.after_frame();
        // Work that can wait for the first frame is done before waiting for keys.
        if app.catch_up() {
            continue;
        }
        // While the background work runs, look for its answer often.
        let wait = if app.waiting() { WAITING_TICK } else { TICK };
        if event::poll(wait)? {
            app.handle_event(&event::read()?);
        }
        let now = Instant::now();
        app.tick(counted(now - last));
        last = now;
    }
    app.after_frame();
    Ok(())
}

/// The system's time zone, read straight from `/etc/localtime` when `TZ` is
/// not set: [`jiff::tz::TimeZone::system`] also lists the whole time zone
/// database to find the zone's name, which costs more than the rest of a start.
pub fn local_time_zone() -> jiff::tz::TimeZone {
    if std::env::var_os("TZ").is_none()
        && let Ok(data) = std::fs::read("/etc/localtime")
        && let Ok(tz) = jiff::tz::TimeZone::tzif("Local", &data)
    {
        return tz;
    }
    jiff::tz::TimeZone::system()
}
