//! A study session or mock exam in progress: which questions, in what order,
//! what was answered and flagged, and how much time has been spent.
//!
//! The session never reads a clock: the caller reports elapsed time with
//! [`Session::spend`]. Its [`SessionState`] is plain data that can be saved and
//! later [restored](Session::restore) against the same pool; everything read
//! back is checked first (see [`super::restore`]).

use super::answer::{self, Response};
use super::draw::{self, StudyFilter};
use super::restore::{self, Damage};
use crate::bank::{Blueprint, Pool, Question, QuestionType};
use jiff::Timestamp;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Feedback after every answer.
    Study,
    /// Timed, no feedback until the end.
    Exam,
}

pub use crate::bank::{MAX_MINUTES, MAX_QUESTIONS};

impl Mode {
    /// The mode as data: "study" or "exam" (as in saved files).
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Study => "study",
            Mode::Exam => "exam",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Mode::Study => "Study",
            Mode::Exam => "Mock exam",
        }
    }
}

/// Everything that decides which session is built: same settings, same pool, same session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub mode: Mode,
    #[serde(default)]
    pub filter: StudyFilter,
    /// How many questions to draw.
    pub questions: usize,
    /// The time limit of an exam, in minutes.
    pub minutes: Option<u32>,
    pub seed: u64,
}

impl Settings {
    pub fn study(filter: StudyFilter, questions: usize, seed: u64) -> Settings {
        Settings { mode: Mode::Study, filter, questions, minutes: None, seed }
    }

    /// A mock exam as the blueprint describes it, with the extra time candidates
    /// may request when `accommodation` is set.
    pub fn mock_exam(blueprint: &Blueprint, accommodation: bool, seed: u64) -> Settings {
        let extra = if accommodation { blueprint.accommodation_minutes } else { 0 };
        Settings {
            mode: Mode::Exam,
            filter: StudyFilter::default(),
            questions: blueprint.questions,
            minutes: Some(blueprint.minutes.saturating_add(extra)),
            seed,
        }
    }
}

/// One question of a session and what the candidate did with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemState {
    pub question_id: String,
    /// Display position → option index (for ordering: the starting arrangement).
    pub order: Vec<usize>,
    /// Matching only: display position → response index.
    #[serde(default)]
    pub response_order: Vec<usize>,
    pub response: Option<Response>,
    /// Study mode: the answer was submitted and feedback shown; it can no longer change.
    #[serde(default)]
    pub submitted: bool,
    #[serde(default)]
    pub flagged: bool,
    /// Time spent on this question.
    #[serde(default)]
    pub millis: u64,
    /// When the answer was last changed (study: when it was submitted), as the caller's clock told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<Timestamp>,
    /// Study: the candidate said the submitted answer was a guess.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guessed: bool,
}

/// The saveable state of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionState {
    pub exam: String,
    pub settings: Settings,
    pub items: Vec<ItemState>,
    pub position: usize,
    pub elapsed_millis: u64,
    pub finished: bool,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum SessionError {
    #[error("no questions match: widen the filter or add questions")]
    NoQuestions,
    #[error("the saved session refers to questions that are no longer in the bank: {0}")]
    MissingQuestions(String),
    #[error("the saved session is for exam {saved}, but the bank in use is for {pool}")]
    OtherExam { saved: String, pool: String },
    #[error("the saved session cannot be used: {0}")]
    Damaged(#[from] Damage),
    #[error("that answer does not fit this question")]
    InvalidResponse,
    #[error("{allowed} at most: untick one")]
    TooManyPicks { allowed: usize },
    #[error("answer every part of the question before submitting")]
    Incomplete,
    #[error("only a study session submits answers one by one")]
    NotStudy,
    #[error("this answer was already submitted")]
    AlreadySubmitted,
    #[error("the session is finished")]
    Finished,
}

/// A session in progress, with its questions.
#[derive(Debug, Clone)]
pub struct Session {
    state: SessionState,
    questions: Vec<Question>,
    blueprint: Blueprint,
}

impl Session {
    /// Draws a new session from the pool.
    pub fn new(pool: &Pool, settings: Settings) -> Result<Session, SessionError> {
        let mut rng = StdRng::seed_from_u64(settings.seed);
        let drawn = match settings.mode {
            Mode::Study => draw::draw_study(pool, &settings.filter, settings.questions, &mut rng),
            Mode::Exam => draw::draw_mock_exam(pool, settings.questions, &mut rng),
        };
        if drawn.is_empty() {
            return Err(SessionError::NoQuestions);
        }
        let items = drawn.iter().map(|q| new_item(q, &mut rng)).collect();
        Ok(Session {
            state: SessionState {
                exam: pool.blueprint.code.clone(),
                settings,
                items,
                position: 0,
                elapsed_millis: 0,
                finished: false,
            },
            questions: drawn.into_iter().cloned().collect(),
            blueprint: pool.blueprint.clone(),
        })
    }

    /// Rebuilds a saved session against the pool it was drawn from, after
    /// checking every part of it against the bank (see [`super::restore`]).
    pub fn restore(pool: &Pool, state: SessionState) -> Result<Session, SessionError> {
        let (state, questions) = restore::check(pool, state)?;
        Ok(Session { state, questions, blueprint: pool.blueprint.clone() })
    }

    pub fn state(&self) -> &SessionState {
        &self.state
    }

    pub fn blueprint(&self) -> &Blueprint {
        &self.blueprint
    }

    pub fn mode(&self) -> Mode {
        self.state.settings.mode
    }

    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    pub fn position(&self) -> usize {
        self.state.position
    }

    pub fn question(&self, index: usize) -> Option<&Question> {
        self.questions.get(index)
    }

    pub fn item(&self, index: usize) -> Option<&ItemState> {
        self.state.items.get(index)
    }

    pub fn questions(&self) -> impl Iterator<Item = (&Question, &ItemState)> {
        self.questions.iter().zip(&self.state.items)
    }

    /// The question at the current position and its state.
    pub fn current(&self) -> (&Question, &ItemState) {
        let i = self.state.position;
        (&self.questions[i], &self.state.items[i])
    }

    pub fn go_to(&mut self, index: usize) {
        self.state.position = index.min(self.len() - 1);
    }

    pub fn go_next(&mut self) -> bool {
        let moved = self.state.position + 1 < self.len();
        if moved {
            self.state.position += 1;
        }
        moved
    }

    /// Records the response to the current question at time `at` (replacing an
    /// earlier one unless it was submitted in study mode).
    pub fn respond(&mut self, response: Response, at: Timestamp) -> Result<(), SessionError> {
        if self.state.finished {
            return Err(SessionError::Finished);
        }
        let (question, item) = self.current();
        if item.submitted {
            return Err(SessionError::AlreadySubmitted);
        }
        if let Response::Multiple(set) = &response
            && set.len() > question.required_choices()
        {
            return Err(SessionError::TooManyPicks { allowed: question.required_choices() });
        }
        if !response_fits(question, &response) {
            return Err(SessionError::InvalidResponse);
        }
        let i = self.state.position;
        self.state.items[i].response = Some(response);
        self.state.items[i].answered_at = Some(at);
        Ok(())
    }

    /// Takes back the answer to the current question: it is unanswered again.
    pub fn clear(&mut self) -> Result<(), SessionError> {
        if self.state.finished {
            return Err(SessionError::Finished);
        }
        if self.current().1.submitted {
            return Err(SessionError::AlreadySubmitted);
        }
        let i = self.state.position;
        self.state.items[i].response = None;
        self.state.items[i].answered_at = None;
        Ok(())
    }

    /// Study mode: locks the current answer at time `at`, which must be complete,
    /// and says whether it was right.
    pub fn submit(&mut self, at: Timestamp) -> Result<bool, SessionError> {
        if self.state.finished {
            return Err(SessionError::Finished);
        }
        if self.mode() != Mode::Study {
            return Err(SessionError::NotStudy);
        }
        let (question, item) = self.current();
        if item.submitted {
            return Err(SessionError::AlreadySubmitted);
        }
        let Some(response) = item.response.as_ref().filter(|r| r.is_complete(question)) else {
            return Err(SessionError::Incomplete);
        };
        let correct = answer::is_correct(question, response);
        let i = self.state.position;
        self.state.items[i].submitted = true;
        self.state.items[i].answered_at = Some(at);
        Ok(correct)
    }

    /// Study: marks (or unmarks) the submitted answer to the current question
    /// as a guess, so that a right guess is reviewed sooner. Returns the new mark.
    pub fn toggle_guessed(&mut self) -> Result<bool, SessionError> {
        if self.mode() != Mode::Study {
            return Err(SessionError::NotStudy);
        }
        let i = self.state.position;
        let item = &mut self.state.items[i];
        if !item.submitted {
            return Err(SessionError::Incomplete);
        }
        item.guessed = !item.guessed;
        Ok(item.guessed)
    }

    pub fn toggle_flag(&mut self) {
        let i = self.state.position;
        self.state.items[i].flagged = !self.state.items[i].flagged;
    }

    /// Adds elapsed time to the session and the current question. An exam whose
    /// time has run out is finished.
    pub fn spend(&mut self, elapsed: Duration) {
        if self.state.finished {
            return;
        }
        let millis = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        self.state.elapsed_millis = self.state.elapsed_millis.saturating_add(millis);
        let i = self.state.position;
        self.state.items[i].millis = self.state.items[i].millis.saturating_add(millis);
        if self.time_left() == Some(Duration::ZERO) {
            self.state.finished = true;
        }
    }

    pub fn elapsed(&self) -> Duration {
        Duration::from_millis(self.state.elapsed_millis)
    }

    /// The time left of a timed exam; `None` when untimed.
    pub fn time_left(&self) -> Option<Duration> {
        let limit = Duration::from_secs(u64::from(self.state.settings.minutes?) * 60);
        Some(limit.saturating_sub(self.elapsed()))
    }

    pub fn finish(&mut self) {
        self.state.finished = true;
    }

    pub fn is_finished(&self) -> bool {
        self.state.finished
    }

    /// Whether question `index` has a complete answer (a partial pick of a
    /// multiple-response or matching question is not an answer yet).
    pub fn is_answered(&self, index: usize) -> bool {
        self.questions().nth(index).is_some_and(|(q, item)| answer::is_answered(q, item))
    }

    /// How many questions have a complete answer.
    pub fn answered_count(&self) -> usize {
        self.questions().filter(|(q, item)| answer::is_answered(q, item)).count()
    }

    pub fn flagged_count(&self) -> usize {
        self.state.items.iter().filter(|i| i.flagged).count()
    }
}

fn new_item(question: &Question, rng: &mut StdRng) -> ItemState {
    let n = question.options.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    if question.question_type() == QuestionType::Ordering && order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1); // never start an ordering question already solved
    }
    let response_order = match &question.key {
        crate::bank::AnswerKey::Matching { responses, .. } => {
            let mut order: Vec<usize> = (0..responses.len()).collect();
            order.shuffle(rng);
            order
        }
        _ => Vec::new(),
    };
    ItemState {
        question_id: question.id.to_string(),
        order,
        response_order,
        response: None,
        submitted: false,
        flagged: false,
        millis: 0,
        answered_at: None,
        guessed: false,
    }
}

/// Whether a response is of the question's type and refers only to its options
/// (a multiple response: at least one pick and no more than the key has).
pub fn response_fits(question: &Question, response: &Response) -> bool {
    let n = question.options.len();
    match (question.question_type(), response) {
        (QuestionType::Single, Response::Single(i)) => *i < n,
        (QuestionType::Multiple, Response::Multiple(set)) => {
            !set.is_empty() && set.len() <= question.required_choices() && set.iter().all(|&i| i < n)
        }
        (QuestionType::Ordering, Response::Ordering(order)) => restore::is_permutation(order, n),
        (QuestionType::Matching, Response::Matching(chosen)) => {
            chosen.len() == n && chosen.iter().flatten().all(|&r| r < restore::response_count(question))
        }
        _ => false,
    }
}
