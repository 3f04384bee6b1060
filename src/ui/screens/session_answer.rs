//! Changing the answer on the question screen: picking and toggling options,
//! moving ordering steps, matching prompts to responses and clearing, each
//! through the engine, which refuses what does not fit.

use super::session::{Outcome, SessionScreen};
use crate::bank::QuestionType;
use crate::engine::{Response, SessionError};

impl SessionScreen {
    /// Picks (single), toggles (multiple), grabs (ordering) or cycles (matching) the row.
    pub(super) fn act_on_row(&mut self, row: usize, from_click: bool) -> Outcome {
        match self.session.current().0.question_type() {
            QuestionType::Ordering if from_click => Outcome::Stay,
            QuestionType::Ordering => {
                self.grabbed = !self.grabbed;
                Outcome::Stay
            }
            QuestionType::Matching => {
                self.cursor = row;
                self.cycle_match()
            }
            _ => self.pick_row(row),
        }
    }

    pub(super) fn pick_row(&mut self, row: usize) -> Outcome {
        let (q, item) = self.session.current();
        if row >= q.options.len() {
            return Outcome::Stay;
        }
        self.cursor = row;
        self.follow_cursor = true;
        let Some(&option) = item.order.get(row) else { return Outcome::Stay };
        let response = match (q.question_type(), &item.response) {
            (QuestionType::Single, _) => Response::Single(option),
            (QuestionType::Multiple, Some(Response::Multiple(set))) => {
                let mut set = set.clone();
                if !set.remove(&option) {
                    set.insert(option);
                }
                if set.is_empty() {
                    // Every pick taken back: the question is unanswered again.
                    let cleared = self.session.clear();
                    return self.outcome(cleared);
                }
                Response::Multiple(set)
            }
            (QuestionType::Multiple, _) => Response::Multiple([option].into()),
            _ => return Outcome::Stay,
        };
        self.respond(response)
    }

    pub(super) fn respond(&mut self, response: Response) -> Outcome {
        let result = self.session.respond(response, (self.clock)());
        self.outcome(result)
    }

    /// A change to the answer: saved, or the reason it was refused in the banner.
    pub(super) fn outcome(&mut self, result: Result<(), SessionError>) -> Outcome {
        match result {
            Ok(()) => Outcome::Changed,
            Err(e) => {
                self.banner = Some(e.to_string());
                Outcome::Stay
            }
        }
    }

    pub(super) fn move_step(&mut self, delta: i64) -> Outcome {
        let n = self.arrangement.len();
        let target = self.cursor as i64 + delta;
        if n == 0 || target < 0 || target >= n as i64 || self.session.current().1.submitted {
            return Outcome::Stay;
        }
        let target = target as usize;
        self.arrangement.swap(self.cursor, target);
        self.cursor = target;
        self.follow_cursor = true;
        self.save_arrangement()
    }

    pub(super) fn save_arrangement(&mut self) -> Outcome {
        self.respond(Response::Ordering(self.arrangement.clone()))
    }

    pub(super) fn matching_state(&self) -> (Vec<Option<usize>>, Vec<usize>, usize) {
        let (q, item) = self.session.current();
        let chosen = match &item.response {
            Some(Response::Matching(c)) => c.clone(),
            _ => vec![None; q.options.len()],
        };
        let prompt = item.order.get(self.cursor).copied().unwrap_or(0);
        (chosen, item.response_order.clone(), prompt)
    }

    /// Sets the response numbered `n` (display order) for the prompt under the cursor.
    pub(super) fn set_match(&mut self, n: usize) -> Outcome {
        let (mut chosen, order, prompt) = self.matching_state();
        let (Some(&response), Some(slot)) = (order.get(n), chosen.get_mut(prompt)) else { return Outcome::Stay };
        *slot = Some(response);
        self.respond(Response::Matching(chosen))
    }

    pub(super) fn cycle_match(&mut self) -> Outcome {
        let (mut chosen, order, prompt) = self.matching_state();
        let Some(slot) = chosen.get_mut(prompt) else { return Outcome::Stay };
        let current = slot.and_then(|r| order.iter().position(|&o| o == r));
        let next = current.map_or(0, |p| (p + 1) % order.len().max(1));
        *slot = order.get(next).copied();
        self.respond(Response::Matching(chosen))
    }

    /// Backspace: matching clears the prompt under the cursor (the whole answer
    /// when no prompt is left matched); every other type clears the answer.
    pub(super) fn clear(&mut self) -> Outcome {
        let (q, item) = self.session.current();
        if item.response.is_none() || item.submitted {
            return Outcome::Stay;
        }
        if q.question_type() == QuestionType::Matching {
            let (mut chosen, _, prompt) = self.matching_state();
            if chosen.get(prompt).is_some_and(Option::is_some) {
                chosen[prompt] = None;
                if chosen.iter().any(Option::is_some) {
                    return self.respond(Response::Matching(chosen));
                }
            }
        }
        let result = self.session.clear();
        if result.is_ok() {
            self.enter_question_keeping_cursor();
        }
        self.outcome(result)
    }

    /// After the answer was cleared: an ordering question shows its starting order again.
    pub(super) fn enter_question_keeping_cursor(&mut self) {
        let cursor = self.cursor;
        self.enter_question();
        self.cursor = cursor;
    }
}
