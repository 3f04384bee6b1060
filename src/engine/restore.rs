//! The one checked boundary for a saved session: `check` (behind
//! [`Session::restore`](super::Session::restore)) takes a [`SessionState`]
//! read back from disk (raw, untrusted) and either returns it with its questions, every index and count proven to fit the bank, or says
//! what is wrong with it as a [`Damage`]. The rest of the engine and the UI
//! index with these values freely, so nothing unchecked may get past here.

use super::answer::Response;
use super::session::{self, ItemState, MAX_MINUTES, MAX_QUESTIONS, Mode, SessionError, SessionState};
use crate::bank::{AnswerKey, Pool, Question};
use std::collections::BTreeSet;
use thiserror::Error;

/// What is wrong with a saved session: damaged on disk, or saved against a
/// question the bank has since changed.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum Damage {
    #[error("it has {0} questions (at most {MAX_QUESTIONS})")]
    TooManyQuestions(usize),
    #[error("question {0} appears more than once")]
    Duplicate(String),
    #[error("the saved option order of question {0} does not fit its options in the bank")]
    OptionOrder(String),
    #[error("the saved response order of question {0} does not fit its responses in the bank")]
    ResponseOrder(String),
    #[error("the saved answer to question {0} does not fit the question in the bank")]
    Answer(String),
    #[error("question {0} is marked submitted without a complete answer, or in an exam")]
    Submitted(String),
    #[error("its position {position} is outside its {len} questions")]
    Position { position: usize, len: usize },
    #[error("its time limit of {0} minutes is out of range")]
    TimeLimit(u32),
    #[error("the time spent on its questions is more than the session's time")]
    Time,
    #[error("it is already finished")]
    Finished,
}

/// Whether `order` holds each of `0..n` exactly once.
pub(super) fn is_permutation(order: &[usize], n: usize) -> bool {
    let mut seen = vec![false; n];
    order.len() == n && order.iter().all(|&i| i < n && !std::mem::replace(&mut seen[i], true))
}

/// How many responses a matching question offers (0 for other types).
pub(super) fn response_count(question: &Question) -> usize {
    match &question.key {
        AnswerKey::Matching { responses, .. } => responses.len(),
        _ => 0,
    }
}

/// Checks a saved session against the pool; returns it (with an emptied
/// multiple-response pick read as unanswered) and its questions in order.
pub(super) fn check(pool: &Pool, mut state: SessionState) -> Result<(SessionState, Vec<Question>), SessionError> {
    if !state.exam.eq_ignore_ascii_case(&pool.blueprint.code) {
        return Err(SessionError::OtherExam { saved: state.exam, pool: pool.blueprint.code.clone() });
    }
    let missing: Vec<&str> = state
        .items
        .iter()
        .filter(|item| pool.question(&item.question_id).is_none())
        .map(|item| item.question_id.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(SessionError::MissingQuestions(missing.join(", ")));
    }
    if state.items.is_empty() {
        return Err(SessionError::NoQuestions);
    }
    if state.items.len() > MAX_QUESTIONS {
        return Err(Damage::TooManyQuestions(state.items.len()).into());
    }
    let mut seen = BTreeSet::new();
    let mut questions = Vec::with_capacity(state.items.len());
    for item in &mut state.items {
        if !seen.insert(item.question_id.clone()) {
            return Err(Damage::Duplicate(item.question_id.clone()).into());
        }
        let question = pool.question(&item.question_id).ok_or(SessionError::NoQuestions)?;
        // Earlier versions saved a multiple response whose picks were all taken back.
        if matches!(&item.response, Some(Response::Multiple(set)) if set.is_empty()) {
            item.response = None;
        }
        check_item(question, item, state.settings.mode)?;
        questions.push(*question);
    }
    if state.position >= state.items.len() {
        return Err(Damage::Position { position: state.position, len: state.items.len() }.into());
    }
    if let Some(minutes) = state.settings.minutes
        && !(1..=MAX_MINUTES.saturating_mul(2)).contains(&minutes)
    {
        return Err(Damage::TimeLimit(minutes).into());
    }
    let spent = state.items.iter().try_fold(0u64, |sum, item| sum.checked_add(item.millis));
    if spent.is_none_or(|spent| spent > state.elapsed_millis) {
        return Err(Damage::Time.into());
    }
    if state.finished {
        return Err(Damage::Finished.into());
    }
    Ok((state, questions))
}

/// Whether one saved item still fits its question as the bank has it now.
pub fn check_item(question: &Question, item: &ItemState, mode: Mode) -> Result<(), Damage> {
    let id = || item.question_id.clone();
    if !is_permutation(&item.order, question.options.len()) {
        return Err(Damage::OptionOrder(id()));
    }
    if !is_permutation(&item.response_order, response_count(question)) {
        return Err(Damage::ResponseOrder(id()));
    }
    if item.response.as_ref().is_some_and(|r| !session::response_fits(question, r)) {
        return Err(Damage::Answer(id()));
    }
    if item.submitted && (mode == Mode::Exam || !super::answer::is_answered(question, item)) {
        return Err(Damage::Submitted(id()));
    }
    Ok(())
}
