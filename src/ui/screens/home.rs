//! The home screen: start a study session or mock exam, resume, history,
//! switch to another loaded exam (when there are several), quit.

use crate::bank::Pool;
use crate::engine::{Settings, is_answered, mock_exam_size};
use crate::store::{AttemptHeader, InProgress};
use crate::ui::input::Intent;
use crate::ui::persistence::{HomeData, HomeLearning};
use crate::ui::strings;
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
    /// A study session of the reviews due, most overdue first.
    Review,
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
    /// Due reviews and readiness, filled in after the first frame.
    pub learning: Option<HomeLearning>,
    /// With several loaded exams: the current one's place and how many there are.
    exam_choice: Option<(usize, usize)>,
    /// How far the user's banks have loaded, while a slow load runs.
    pub loading: Option<String>,
}

impl HomeScreen {
    pub fn new(data: HomeData) -> HomeScreen {
        HomeScreen {
            cursor: 0,
            menu_top: 0,
            resumable: data.resumable,
            attempts: data.attempts,
            recent: data.recent,
            learning: None,
            exam_choice: None,
            loading: None,
        }
    }

    /// The menu entry under the cursor.
    pub fn chosen(&self, pool: &Pool) -> Option<Choice> {
        self.entries(pool).get(self.cursor).map(|(choice, _)| *choice)
    }

    /// Puts the cursor on `choice`, when the menu offers it (else on the first entry).
    pub fn point_at(&mut self, choice: Option<Choice>, pool: &Pool) {
        self.cursor = self.entries(pool).iter().position(|(c, _)| Some(*c) == choice).unwrap_or(0);
    }

    /// Shows the due reviews and readiness. A cursor the user has moved stays
    /// on its entry when the Review entry appears above it; one still on the
    /// first entry is then on Review, the first thing to do.
    pub fn set_learning(&mut self, learning: HomeLearning, pool: &Pool) {
        let chosen = self.chosen(pool).filter(|_| self.cursor > 0);
        self.learning = Some(learning);
        if chosen.is_some() {
            self.point_at(chosen, pool);
        }
    }

    /// Offers to switch exams: the current exam is number `index` (from 0) of `count`.
    pub fn with_exam_choice(mut self, index: usize, count: usize) -> HomeScreen {
        self.exam_choice = (count > 1).then_some((index, count));
        self
    }

    /// The menu: each choice with its label.
    fn entries(&self, pool: &Pool) -> Vec<(Choice, String)> {
        let bp = &pool.blueprint;
        let mut entries = Vec::new();
        if let Some(saved) = &self.resumable {
            entries.push((Choice::Resume, resume_label(saved, pool)));
            entries.push((Choice::Discard, "Discard the unfinished session".into()));
        }
        if let Some(due) = self.learning.as_ref().map(|l| l.due).filter(|&n| n > 0) {
            let due = widgets::count(due, "question", "questions");
            entries.push((Choice::Review, format!("Review — {due} due, most overdue first")));
        }
        let questions = widgets::count(mock_exam_size(pool, bp.questions), "question", "questions");
        let with_extra = Settings::mock_exam(bp, true, 0).minutes.unwrap_or(bp.minutes);
        entries.extend([
            (Choice::Study, "Study session — answer, see why, move on".into()),
            (Choice::Exam, format!("Mock exam — {questions}, {} minutes", bp.minutes)),
            (
                Choice::ExamWithAccommodation,
                format!(
                    "Mock exam with +{} minutes (ESL accommodation) — {with_extra} minutes",
                    bp.accommodation_minutes
                ),
            ),
        ]);
        if let Some((index, count)) = self.exam_choice {
            let label = format!("Exam: {} ({} of {count}) — switch to the next exam", bp.code, index + 1);
            entries.push((Choice::SwitchExam, label));
        }
        entries.extend([
            (Choice::History, format!("History — {}", widgets::count(self.attempts, "attempt", "attempts"))),
            (Choice::Quit, "Quit".into()),
        ]);
        entries
    }

    pub fn handle(&mut self, intent: Intent, pool: &Pool) -> Option<Choice> {
        let choices: Vec<Choice> = self.entries(pool).into_iter().map(|(choice, _)| choice).collect();
        match intent {
            Intent::Up => self.cursor = self.cursor.saturating_sub(1),
            Intent::Down => self.cursor = (self.cursor + 1).min(choices.len().saturating_sub(1)),
            Intent::Choose => return choices.get(self.cursor).copied(),
            Intent::Back => return Some(Choice::Quit),
            Intent::Study => return Some(Choice::Study),
            Intent::Exam => return Some(Choice::Exam),
            Intent::Resume if self.resumable.is_some() => return Some(Choice::Resume),
            Intent::History => return Some(Choice::History),
            Intent::SwitchExam if self.exam_choice.is_some() => return Some(Choice::SwitchExam),
            Intent::Click { row, .. } => {
                // A click above the menu (row before its top) opens nothing.
                let index = row.checked_sub(self.menu_top).map(usize::from)?;
                let choice = choices.get(index).copied()?;
                self.cursor = index;
                return Some(choice);
            }
            _ => {}
        }
        None
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
        let entries = self.entries(pool);
        let [top, menu, recent, footer] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Length(u16::try_from(entries.len() + 1).unwrap_or(8)),
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
            Line::styled(self.loading.clone().unwrap_or_default(), theme.dim()),
        ];
        frame.render_widget(Paragraph::new(header), top);
        self.menu_top = menu.y;
        let lines: Vec<Line> = entries
            .into_iter()
            .enumerate()
            .map(|(i, (_, label))| {
                let text = format!("{} {label}", if i == self.cursor { "›" } else { " " });
                if i == self.cursor { Line::styled(text, theme.cursor()) } else { Line::raw(text) }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), menu);
        let mut below = Vec::new();
        if let Some(learning) = &self.learning {
            if learning.due == 0
                && let Some(next) = learning.next_due
            {
                let next = strings::local_date(next, tz);
                below.push(Line::styled(format!("No reviews due; the next falls on {next}."), theme.dim()));
            }
            if self.attempts > 0 {
                below.push(Line::raw(strings::readiness_line(&learning.readiness)));
            }
        }
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

fn resume_label(saved: &InProgress, pool: &Pool) -> String {
    let state = &saved.state;
    let answered =
        state.items.iter().filter(|i| pool.question(&i.question_id).is_some_and(|q| is_answered(q, i))).count();
    let mode = state.settings.mode.label();
    let left = state.settings.minutes.map(|m| {
        let left = Duration::from_secs(u64::from(m) * 60).saturating_sub(Duration::from_millis(state.elapsed_millis));
        format!(", {} left", strings::clock(left))
    });
    format!("Resume: {mode}, {answered}/{} answered{}", state.items.len(), left.unwrap_or_default())
}

fn recent_line(a: &AttemptHeader, tz: &TimeZone) -> String {
    let verdict = strings::verdict(a.mode, a.passed).map(|v| format!(" {v}")).unwrap_or_default();
    format!(
        "  {}  {:<9} {}/{} ({:.0}%) est. {}{verdict}",
        strings::local_date(a.started_at, tz),
        a.mode.label(),
        a.correct,
        a.questions,
        a.percent(),
        a.scaled
    )
}
