//! A candidate's response to a question, and grading it against the key.
//!
//! Responses use the option indices of the question as written in the bank, so
//! grading never depends on the order options were shown in.

use crate::bank::{AnswerKey, Question};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Response {
    /// The chosen option.
    Single(usize),
    /// The chosen options.
    Multiple(BTreeSet<usize>),
    /// The steps in the order given, first to last.
    Ordering(Vec<usize>),
    /// For each prompt, the index of the chosen response (if any).
    Matching(Vec<Option<usize>>),
}

impl Response {
    /// Whether every part of the question has been answered (every prompt matched,
    /// the required number of options chosen).
    pub fn is_complete(&self, question: &Question) -> bool {
        match self {
            Response::Single(_) | Response::Ordering(_) => true,
            Response::Multiple(set) => set.len() == question.required_choices(),
            Response::Matching(chosen) => chosen.iter().all(Option::is_some),
        }
    }
}

/// Whether an item has a complete answer to its question.
pub fn is_answered(question: &Question, item: &super::ItemState) -> bool {
    item.response.as_ref().is_some_and(|r| r.is_complete(question))
}

/// Grades a response: all-or-nothing for multiple response and matching, exact order for ordering.
pub fn is_correct(question: &Question, response: &Response) -> bool {
    match (&question.key, response) {
        (AnswerKey::Single(key), Response::Single(chosen)) => key == chosen,
        (AnswerKey::Multiple(key), Response::Multiple(chosen)) => key.iter().eq(chosen),
        (AnswerKey::Ordering, Response::Ordering(order)) => {
            order.len() == question.options.len() && order.iter().enumerate().all(|(i, &step)| i == step)
        }
        (AnswerKey::Matching { matches, .. }, Response::Matching(chosen)) => {
            matches.len() == chosen.len() && matches.iter().zip(chosen).all(|(key, c)| Some(*key) == *c)
        }
        _ => false,
    }
}

/// The right response to a question (for showing the answer).
pub fn correct_response(question: &Question) -> Response {
    match &question.key {
        AnswerKey::Single(i) => Response::Single(*i),
        AnswerKey::Multiple(set) => Response::Multiple(set.iter().copied().collect()),
        AnswerKey::Ordering => Response::Ordering((0..question.options.len()).collect()),
        AnswerKey::Matching { matches, .. } => Response::Matching(matches.iter().map(|&m| Some(m)).collect()),
    }
}

/// A complete response that the key does not accept (for simulated learners
/// and tests): the next option, the key with one pick swapped, the steps
/// reversed, every prompt matched to the next response.
pub fn wrong_response(question: &Question) -> Response {
    let n = question.options.len();
    match &question.key {
        AnswerKey::Single(key) => Response::Single((key + 1) % n.max(1)),
        AnswerKey::Multiple(key) => {
            let mut picks: BTreeSet<usize> = key.iter().copied().collect();
            let outside = (0..n).find(|i| !key.contains(i));
            if let (Some(last), Some(outside)) = (key.last().copied(), outside) {
                picks.remove(&last);
                picks.insert(outside);
            }
            Response::Multiple(picks)
        }
        AnswerKey::Ordering => Response::Ordering((0..n).rev().collect()),
        AnswerKey::Matching { matches, responses } => {
            Response::Matching(matches.iter().map(|m| Some((m + 1) % responses.len().max(1))).collect())
        }
    }
}
