//! The home screen: start a study session or mock exam, resume, history,
//! switch to another loaded exam (when there are several), quit.

use crate::bank::Pool;
use crate::store::{AttemptHeader, InProgress};
use crate::ui::input::Input;
use crate::ui::persistence::HomeData;
use crate::ui::theme::Theme;
use crate::ui::widgets;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Study,
    Exam,
    ExamWithAccommodation,
    Resume,
    Discard,
    /// Move on to the next loaded exam.
    SwitchExam,
    History,
    Quit,
}

#[derive(Default)]
pub struct HomeScreen {
    pub cursor: usize,
    /// The screen row of the first menu entry, from the last draw (for clicks).
    menu_top: u16,
    pub resumable: Option<InProgress>,
    /// How many attempts the history holds.
    attempts: usize,
    /// The latest attempts, newest first.
    recent: Vec<AttemptHeader>,
    /// With several loaded exams: the current one's place and how many there are.
    exam_choice: Option<(usize, usize)>,
}

impl HomeScreen {
    pub fn new(data: HomeData) -> HomeScreen {
        HomeScreen {
            cursor: 0,
            menu_top: 0,
            resumable: data.resumable,
            attempts: data.attempts,
            recent: data.recent,
            exam_choice: None,
        }
    }

    /// Offers to switch exams: the current exam is number `index` (from 0) of `count`.
    pub fn with_exam_choice(mut self, index: usize, count: usize) -> HomeScreen {
        self.exam_choice = (count > 1).then_some((index, count));
        self
    }

    fn choices(&self) -> Vec<Choice> {
        let mut choices = vec![Choice::Study, Choice::Exam, Choice::ExamWithAccommodation];
        if self.resumable.is_some() {
            choices.splice(0..0, [Choice::Resume, Choice::Discard]);
        }
        if self.exam_choice.is_some() {
            choices.push(Choice::SwitchExam);
        }
        choices.extend([Choice::History, Choice::Quit]);
        choices
    }

    pub fn handle(&mut self, input: Input) -> Option<Choice> {
        let choices = self.choices();
        match input {
            Input::Up => self.cursor = self.cursor.saturating_sub(1),
            Input::Down => self.cursor = (self.cursor + 1).min(choices.len() - 1),
            Input::Enter | Input::Space | Input::Right => return choices.get(self.cursor).copied(),
            Input::Back => return Some(Choice::Quit),
            Input::Char('s') => return Some(Choice::Study),
            Input::Char('e') => return Some(Choice::Exam),
            Input::Char('r') if self.resumable.is_some() => return Some(Choice::Resume),
            Input::Char('h') => return Some(Choice::History),
            Input::Char('x') if self.exam_choice.is_some() => return Some(Choice::SwitchExam),
            Input::Click { row, .. } => {
                let index = usize::from(row.saturating_sub(self.menu_top));
                if index < choices.len() {
                    self.cursor = index;
                    return choices.get(index).copied();
                }
            }
            _ => {}
        }
        None
    }

    fn label(&self, choice: Choice, pool: &Pool) -> String {
        let bp = &pool.blueprint;
        match choice {
            Choice::Study => "Study session — answer, see why, move on".into(),
            Choice::Exam => format!("Mock exam — {} questions, {} minutes", bp.questions, bp.minutes),
            Choice::ExamWithAccommodation => format!(
                "Mock exam with +{} minutes (ESL accommodation) — {} minutes",
                bp.accommodation_minutes,
                bp.minutes + bp.accommodation_minutes
            ),
            Choice::Resume => match &self.resumable {
                Some(saved) => resume_label(saved),
                None => String::new(),
            },
            Choice::Discard => "Discard the unfinished session".into(),
            Choice::SwitchExam => {
                let (index, count) = self.exam_choice.unwrap_or((0, 1));
                format!("Exam: {} ({} of {count}) — switch to the next exam", bp.code, index + 1)
            }
            Choice::History => format!("History — {}", widgets::count(self.attempts, "attempt", "attempts")),
            Choice::Quit => "Quit".into(),
        }
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        pool: &Pool,
        notices: &[String],
        tz: &TimeZone,
        theme: Theme,
    ) {
        let [top, menu, recent, footer] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Length(u16::try_from(self.choices().len() + 1).unwrap_or(8)),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let bp = &pool.blueprint;
        let header = vec![
            Line::styled(format!("mla-quiz · {} ({})", bp.name, bp.code), theme.title()),
            Line::styled(
                format!(
                    "Bank: {} — {}, {}",
                    pool.banks.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                    widgets::count(pool.questions.len(), "question", "questions"),
                    widgets::count(pool.case_studies.len(), "case study", "case studies")
                ),
                theme.dim(),
            ),
            Line::default(),
        ];
        frame.render_widget(Paragraph::new(header), top);
        self.menu_top = menu.y;
        let lines: Vec<Line> = self
            .choices()
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let text = format!("{} {}", if i == self.cursor { "›" } else { " " }, self.label(c, pool));
                if i == self.cursor { Line::styled(text, theme.cursor()) } else { Line::raw(text) }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), menu);
        let mut below = Vec::new();
        if !self.recent.is_empty() {
            below.push(Line::styled("Recent", theme.title()));
            for a in &self.recent {
                below.push(Line::raw(recent_line(a, tz)));
            }
        }
        for notice in notices {
            below.push(Line::from(Span::styled(notice.clone(), theme.warning())));
        }
        frame.render_widget(Paragraph::new(below).wrap(ratatui::widgets::Wrap { trim: false }), recent);
        widgets::footer(frame, footer, crate::ui::keys::HOME, theme);
    }
}

fn resume_label(saved: &InProgress) -> String {
    let state = &saved.state;
    let answered = state.items.iter().filter(|i| i.response.is_some()).count();
    let mode = state.settings.mode.label();
    let left = state.settings.minutes.map(|m| {
        let left = Duration::from_secs(u64::from(m) * 60).saturating_sub(Duration::from_millis(state.elapsed_millis));
        format!(", {} left", widgets::clock(left))
    });
    format!("Resume: {mode}, {answered}/{} answered{}", state.items.len(), left.unwrap_or_default())
}

fn recent_line(a: &AttemptHeader, tz: &TimeZone) -> String {
    let verdict = match a.mode {
        crate::engine::Mode::Exam if a.passed => " PASS",
        crate::engine::Mode::Exam => " FAIL",
        crate::engine::Mode::Study => "",
    };
    format!(
        "  {}  {:<9} {}/{} ({:.0}%) est. {}{verdict}",
        crate::ui::local_date(a.started_at, tz),
        a.mode.label(),
        a.correct,
        a.questions,
        a.percent(),
        a.scaled
    )
}
