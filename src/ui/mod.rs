//! The ratatui terminal UI. It draws engine state and turns key presses into
//! engine calls: [`app::App`] holds the state, [`run`] is the loop (draw, wait
//! for an event or a tick, update), [`terminal`] sets up and restores the terminal.

pub mod app;
mod document;
pub mod input;
mod keys;
mod overlay;
mod past;
mod persistence;
mod screens;
pub mod terminal;
pub mod theme;
mod widgets;
pub(crate) mod wrap;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_import;

use app::App;
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event;
use std::time::{Duration, Instant};

/// How long the loop waits for input before redrawing the clock.
const TICK: Duration = Duration::from_millis(250);

/// A timestamp as date and time in a time zone, "2026-11-23 09:45".
pub fn local_date(at: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    at.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M").to_string()
}

/// Runs the app on a terminal until the user quits.
pub fn run<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> std::io::Result<()>
where
    std::io::Error: From<B::Error>,
{
    let mut last = Instant::now();
    while !app.quit {
        terminal.draw(|frame| app.render(frame))?;
        if event::poll(TICK)? {
            let event = event::read()?;
            if let Some(input) = input::from_event(&event) {
                app.step(input);
            }
        }
        let now = Instant::now();
        app.tick(now - last);
        last = now;
    }
    Ok(())
}
