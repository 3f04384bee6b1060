//! mla-quiz: study sessions and timed mock exams for the AWS Certified Machine
//! Learning Engineer – Associate exam (MLA-C01), in the terminal.
//!
//! The flow is one-way: [`bank`] loads and checks question banks, [`engine`]
//! runs sessions and grades them without touching the terminal or the disk,
//! [`store`] keeps history and in-progress sessions, [`learn`] schedules reviews
//! and forecasts readiness from the answer log, and [`ui`] draws it all.

pub mod bank;
pub mod cli;
pub mod commands;
pub mod engine;
pub mod learn;
pub mod store;
pub mod ui;
