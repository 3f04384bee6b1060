//! One module per screen: each owns its view state, turns [`super::input::Input`]
//! into an outcome for the app, and draws itself.

pub mod history;
pub mod home;
pub mod results;
pub mod review;
pub mod session;
mod session_answer;
mod session_view;
pub mod setup;
