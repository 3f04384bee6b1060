//! Tests of the learn module, on plain data and simulated learners.

mod fit;
mod readiness;
mod schedule;
mod simulate;
mod timing;
mod weak;

use super::Answer;
use crate::bank::{AnswerKey, BankSource, Blueprint, Difficulty, Library, Question, QuestionOption};
use jiff::{SignedDuration, Timestamp};
use std::sync::OnceLock;

/// The MLA-C01 blueprint of the embedded bank: four domains of three tasks,
/// weights 28/26/22/24, 50 scored questions, pass at 720 of 100–1000.
pub fn blueprint() -> Blueprint {
    static BLUEPRINT: OnceLock<Blueprint> = OnceLock::new();
    BLUEPRINT
        .get_or_init(|| {
            let library = Library::from_sources(BankSource::embedded());
            library.default_pool().map(|pool| pool.blueprint).unwrap_or_else(|| panic!("no embedded blueprint"))
        })
        .clone()
}

/// A single-choice question of a task, tagged with the given services.
pub fn question(id: &str, task: &str, services: &[&str]) -> Question {
    Question {
        id: id.to_string().leak(),
        bank: "test",
        domain: task[..1].parse().unwrap_or(0),
        task: task.to_string().leak(),
        services: services.iter().map(|s| -> &'static str { s.to_string().leak() }).collect::<Vec<_>>().leak(),
        difficulty: Some(Difficulty::Medium),
        case_study: None,
        stem: format!("stem of {id}").leak(),
        options: &[
            QuestionOption { text: "option 0", explanation: "" },
            QuestionOption { text: "option 1", explanation: "" },
            QuestionOption { text: "option 2", explanation: "" },
            QuestionOption { text: "option 3", explanation: "" },
        ],
        key: AnswerKey::Single(0),
        explanation: "",
        references: &[],
    }
}

/// A moment to count from: 2026-01-01T00:00:00Z.
pub fn t0() -> Timestamp {
    Timestamp::from_second(1_767_225_600).unwrap_or_else(|e| panic!("{e}"))
}

/// `t0` plus a number of hours.
pub fn at_hours(hours: f64) -> Timestamp {
    t0().checked_add(SignedDuration::from_secs_f64(hours * 3600.0)).unwrap_or_else(|e| panic!("{e}"))
}

/// `t0` plus a number of days.
pub fn at_days(days: f64) -> Timestamp {
    at_hours(days * 24.0)
}

/// An answer to a question of the pool.
pub fn answer(q: &Question, correct: bool, unsure: bool, at: Timestamp) -> Answer {
    Answer {
        question_id: q.id.to_string(),
        domain: q.domain,
        task: q.task.to_string(),
        services: q.services.iter().map(|s| s.to_string()).collect(),
        correct,
        unsure,
        answered_at: at,
    }
}
