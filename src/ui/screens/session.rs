//! The question screen of a study session or mock exam, and the exam's
//! question grid: intents become engine calls. Drawing is in `session_view`,
//! changing the answer in `session_answer`.

use crate::bank::{CaseStudy, QuestionType};
use crate::engine::{Mode, Response, Session};
use crate::ui::document;
use crate::ui::input::Intent;
use crate::ui::keys::Context;
use crate::ui::widgets;
use jiff::Timestamp;
use ratatui::layout::Rect;
use std::collections::BTreeMap;
use std::time::Duration;

/// What a key press on this screen asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// The session changed in a way worth saving (answer, flag, position).
    Changed,
    /// Study: the user ends the session; exam: asks to leave.
    Leave,
    /// Exam: asks to submit.
    AskSubmit,
    /// Study: last question done.
    Finished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pane {
    Question,
    Grid { selected: usize },
}

pub struct SessionScreen {
    pub session: Session,
    pub(super) case_studies: BTreeMap<String, CaseStudy>,
    pub(super) view: Pane,
    pub(super) cursor: usize,
    pub(super) arrangement: Vec<usize>,
    pub(super) grabbed: bool,
    pub(super) scroll: usize,
    pub(super) follow_cursor: bool,
    /// From the last draw: where the body was and where each row's lines are.
    pub(super) last_body: Rect,
    pub(super) last_rows: Vec<(usize, usize)>,
    /// Exam time warnings already given (minutes).
    pub(super) warned: Vec<u64>,
    pub banner: Option<String>,
    /// The wall clock that stamps answers (the real one; fixed in tests).
    pub(super) clock: fn() -> Timestamp,
}

const WARN_AT_MINUTES: [u64; 2] = [10, 1];

impl SessionScreen {
    pub fn new(session: Session, case_studies: BTreeMap<String, CaseStudy>, clock: fn() -> Timestamp) -> SessionScreen {
        let mut screen = SessionScreen {
            session,
            case_studies,
            view: Pane::Question,
            cursor: 0,
            arrangement: Vec::new(),
            grabbed: false,
            scroll: 0,
            follow_cursor: true,
            last_body: Rect::default(),
            last_rows: Vec::new(),
            warned: Vec::new(),
            banner: None,
            clock,
        };
        // Warnings already past (a resumed exam) are not repeated.
        if let Some(left) = screen.session.time_left() {
            screen.warned = WARN_AT_MINUTES.into_iter().filter(|m| left <= Duration::from_secs(m * 60)).collect();
        }
        screen.enter_question();
        screen
    }

    /// Whose keys apply: the grid's, the exam question's or the study question's.
    pub fn context(&self) -> Context {
        match (self.session.mode(), self.view) {
            (Mode::Exam, Pane::Grid { .. }) => Context::Grid,
            (Mode::Exam, Pane::Question) => Context::Exam,
            (Mode::Study, _) if self.feedback() => Context::Feedback,
            (Mode::Study, _) => Context::Study,
        }
    }

    pub(super) fn feedback(&self) -> bool {
        self.session.mode() == Mode::Study && self.session.current().1.submitted
    }

    /// Resets the per-question view state after moving to another question.
    pub(super) fn enter_question(&mut self) {
        let (q, item) = self.session.current();
        self.arrangement = match &item.response {
            Some(Response::Ordering(order)) => order.clone(),
            _ if q.question_type() == QuestionType::Ordering => item.order.clone(),
            _ => Vec::new(),
        };
        self.cursor = 0;
        self.grabbed = false;
        self.scroll = 0;
        self.follow_cursor = true;
    }

    fn rows(&self) -> usize {
        self.session.current().0.options.len()
    }

    /// Reports time passing; returns true when the exam just ran out of time.
    pub fn tick(&mut self, elapsed: Duration) -> bool {
        let was_finished = self.session.is_finished();
        self.session.spend(elapsed);
        if let Some(left) = self.session.time_left() {
            for minutes in WARN_AT_MINUTES {
                if left <= Duration::from_secs(minutes * 60) && !self.warned.contains(&minutes) && left > Duration::ZERO
                {
                    self.warned.push(minutes);
                    let unit = if minutes == 1 { "minute" } else { "minutes" };
                    self.banner = Some(format!("{minutes} {unit} left"));
                }
            }
        }
        !was_finished && self.session.is_finished()
    }

    pub fn handle(&mut self, input: Intent) -> Outcome {
        self.banner = None;
        match self.view {
            Pane::Grid { selected } => self.handle_grid(input, selected),
            Pane::Question => self.handle_question(input),
        }
    }

    fn go(&mut self, index: usize) -> Outcome {
        if index == self.session.position() {
            return Outcome::Stay;
        }
        self.session.go_to(index);
        self.enter_question();
        Outcome::Changed
    }

    fn handle_grid(&mut self, input: Intent, selected: usize) -> Outcome {
        let n = self.session.len();
        let per_row = widgets::grid_columns(self.last_body.width);
        let select = |i: usize| Pane::Grid { selected: i.min(n.saturating_sub(1)) };
        match input {
            Intent::Previous => self.view = select(selected.saturating_sub(1)),
            Intent::Next => self.view = select(selected + 1),
            Intent::Up => self.view = select(selected.saturating_sub(per_row)),
            Intent::Down if selected + per_row < n => self.view = select(selected + per_row),
            Intent::First => self.view = select(0),
            Intent::Last => self.view = select(n.saturating_sub(1)),
            Intent::NextUnanswered | Intent::NextFlagged => {
                let want_flag = input == Intent::NextFlagged;
                let found = (1..=n).map(|d| (selected + d) % n).find(|&i| {
                    if want_flag {
                        self.session.item(i).is_some_and(|it| it.flagged)
                    } else {
                        !self.session.is_answered(i)
                    }
                });
                if let Some(i) = found {
                    self.view = select(i);
                }
            }
            Intent::Choose => {
                self.view = Pane::Question;
                self.go(selected);
                return Outcome::Changed;
            }
            Intent::Click { column, row } => {
                if let Some(i) = widgets::grid_hit(self.last_body, n, column, row) {
                    self.view = Pane::Question;
                    self.go(i);
                    return Outcome::Changed;
                }
            }
            Intent::Submit => return Outcome::AskSubmit,
            Intent::Back => self.view = Pane::Question,
            _ => {}
        }
        Outcome::Stay
    }

    fn handle_question(&mut self, input: Intent) -> Outcome {
        let exam = self.session.mode() == Mode::Exam;
        let kind = self.session.current().0.question_type();
        let page = i64::from(self.last_body.height.max(2)) - 1;
        match input {
            Intent::Up if self.grabbed => return self.move_step(-1),
            Intent::Down if self.grabbed => return self.move_step(1),
            Intent::StepUp if kind == QuestionType::Ordering => return self.move_step(-1),
            Intent::StepDown if kind == QuestionType::Ordering => return self.move_step(1),
            Intent::Up => self.move_cursor(-1),
            Intent::Down => self.move_cursor(1),
            Intent::PageUp | Intent::ScrollUp => self.scroll_by(-page),
            Intent::PageDown | Intent::ScrollDown => self.scroll_by(page),
            Intent::Next => {
                let next = self.session.position() + 1;
                if next < self.session.len() {
                    return self.go(next);
                }
            }
            Intent::Previous => return self.go(self.session.position().saturating_sub(1)),
            Intent::Flag => {
                self.session.toggle_flag();
                return Outcome::Changed;
            }
            Intent::Guess => return self.mark_guess(),
            Intent::Grid if exam => self.view = Pane::Grid { selected: self.session.position() },
            Intent::Submit if exam => return Outcome::AskSubmit,
            Intent::Back => return Outcome::Leave,
            Intent::Choose if !exam => return self.study_enter(),
            Intent::Choose if kind == QuestionType::Ordering => return self.save_arrangement(),
            Intent::Choose | Intent::Toggle => return self.act_on_row(self.cursor, false),
            Intent::Clear => return self.clear(),
            Intent::Number(n) if kind == QuestionType::Matching => return self.set_match(n),
            Intent::Number(row) | Intent::Pick(row) => return self.pick_row(row),
            Intent::Click { column, row } => {
                if let Some(r) = self.row_at(column, row) {
                    self.cursor = r;
                    return self.act_on_row(r, true);
                }
            }
            _ => {}
        }
        Outcome::Stay
    }

    /// Study feedback: marks the answer as a guess, or takes the mark back.
    fn mark_guess(&mut self) -> Outcome {
        match self.session.toggle_guessed() {
            Ok(true) => self.banner = Some("Marked as a guess: a right guess comes back for review sooner".into()),
            Ok(false) => self.banner = Some("Guess mark taken back".into()),
            Err(_) => return Outcome::Stay,
        }
        Outcome::Changed
    }

    fn study_enter(&mut self) -> Outcome {
        if self.feedback() {
            let next = self.session.position() + 1;
            return if next < self.session.len() { self.go(next) } else { Outcome::Finished };
        }
        let (q, item) = self.session.current();
        if q.question_type() == QuestionType::Ordering && item.response.is_none() {
            self.save_arrangement();
        }
        let (q, item) = self.session.current();
        let complete = item.response.as_ref().map(|r| r.is_complete(q));
        let (q, item) = (*q, item.clone());
        match complete {
            Some(true) => {
                let verdict = match self.session.submit((self.clock)()) {
                    Ok(true) => "✔ Correct · g: I guessed".to_string(),
                    _ => match document::key_letters(&q, &item) {
                        Some(letters) => format!("✘ Incorrect: the answer is {letters}"),
                        None => "✘ Incorrect: see the right answer below".to_string(),
                    },
                };
                self.banner = Some(format!("{verdict} · Enter: next"));
                self.scroll = 0;
                self.follow_cursor = false;
                Outcome::Changed
            }
            Some(false) => {
                self.banner = Some(match q.question_type() {
                    QuestionType::Matching => "Choose a response for every prompt before submitting".to_string(),
                    _ => format!("Choose {} before submitting", q.required_choices()),
                });
                Outcome::Stay
            }
            None if q.question_type() == QuestionType::Single || q.question_type() == QuestionType::Multiple => {
                self.act_on_row(self.cursor, false)
            }
            None => Outcome::Stay,
        }
    }

    fn move_cursor(&mut self, delta: i64) {
        let rows = self.rows();
        if rows > 0 {
            self.cursor = (self.cursor as i64 + delta).clamp(0, rows as i64 - 1) as usize;
            self.follow_cursor = true;
        }
    }

    fn scroll_by(&mut self, delta: i64) {
        self.scroll = (self.scroll as i64 + delta).max(0) as usize;
        self.follow_cursor = false;
    }

    fn row_at(&self, column: u16, row: u16) -> Option<usize> {
        let body = self.last_body;
        if column < body.x || column >= body.right() || row < body.y || row >= body.bottom() {
            return None;
        }
        let line = self.scroll + usize::from(row - body.y);
        self.last_rows.iter().position(|&(first, last)| line >= first && line <= last)
    }
}
