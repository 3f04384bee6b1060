//! Choosing what a study session draws from: domain, task statement, service,
//! question type, difficulty, a focus from the answer log (due reviews,
//! weakest areas, missed, unseen) and count, with a live count of matching questions.

use crate::bank::{Difficulty, Pool, QuestionType};
use crate::engine::StudyFilter;
use crate::store::focus::FocusSet;
use crate::ui::input::Intent;
use crate::ui::theme::Theme;
use crate::ui::widgets;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::collections::BTreeMap;

/// Session sizes on offer; the largest is also the size of a weak-area drill.
pub const COUNTS: [usize; 7] = [5, 10, 15, 20, 30, 50, 65];
const DIFFICULTIES: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];
const FIELDS: usize = 7;

pub struct SetupScreen {
    field: usize,
    domain: usize,
    task: usize,
    service: usize,
    kind: usize,
    difficulty: usize,
    count: usize,
    focus: usize,
    /// Service tags in the pool, most questions first, with `sagemaker` rolled up.
    services: Vec<(String, usize)>,
    /// The focus sets on offer, from the answer log.
    focus_sets: Vec<FocusSet>,
}

pub enum SetupOutcome {
    Stay,
    Back,
    Start(StudyFilter, usize),
}

impl SetupScreen {
    pub fn new(pool: &Pool, focus_sets: Vec<FocusSet>) -> SetupScreen {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for q in pool.questions {
            for tag in q.service_rollup() {
                *counts.entry(tag).or_default() += 1;
            }
        }
        let mut services: Vec<(String, usize)> = counts.into_iter().collect();
        services.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        SetupScreen {
            field: 0,
            domain: 0,
            task: 0,
            service: 0,
            kind: 0,
            difficulty: 0,
            count: 1,
            focus: 0,
            services,
            focus_sets,
        }
    }

    /// Task statements on offer: all, or those of the chosen domain.
    fn tasks<'p>(&self, pool: &'p Pool) -> Vec<&'p str> {
        pool.blueprint
            .domains
            .iter()
            .enumerate()
            .filter(|(i, _)| self.domain == 0 || self.domain == i + 1)
            .flat_map(|(_, d)| d.tasks.iter().map(|t| t.id.as_str()))
            .collect()
    }

    fn focus_set(&self) -> Option<&FocusSet> {
        self.focus.checked_sub(1).and_then(|i| self.focus_sets.get(i))
    }

    pub fn filter(&self, pool: &Pool) -> StudyFilter {
        let mut filter = StudyFilter {
            domain: self.domain.checked_sub(1).and_then(|i| pool.blueprint.domains.get(i)).map(|d| d.id),
            task: self.task.checked_sub(1).and_then(|i| self.tasks(pool).get(i).map(|t| t.to_string())),
            service: self.service.checked_sub(1).and_then(|i| self.services.get(i)).map(|s| s.0.clone()),
            kind: self.kind.checked_sub(1).and_then(|i| QuestionType::ALL.get(i).copied()),
            difficulty: self.difficulty.checked_sub(1).and_then(|i| DIFFICULTIES.get(i).copied()),
            ..StudyFilter::default()
        };
        if let Some(set) = self.focus_set() {
            set.apply(&mut filter);
        }
        filter
    }

    fn options(&self, field: usize, pool: &Pool) -> usize {
        match field {
            0 => pool.blueprint.domains.len() + 1,
            1 => self.tasks(pool).len() + 1,
            2 => self.services.len() + 1,
            3 => QuestionType::ALL.len() + 1,
            4 => DIFFICULTIES.len() + 1,
            5 => self.focus_sets.len() + 1,
            _ => COUNTS.len(),
        }
    }

    fn value_mut(&mut self, field: usize) -> &mut usize {
        match field {
            0 => &mut self.domain,
            1 => &mut self.task,
            2 => &mut self.service,
            3 => &mut self.kind,
            4 => &mut self.difficulty,
            5 => &mut self.focus,
            _ => &mut self.count,
        }
    }

    pub fn handle(&mut self, intent: Intent, pool: &Pool) -> SetupOutcome {
        let options = self.options(self.field, pool);
        let field = self.field;
        let domain = self.domain;
        match intent {
            Intent::Up => self.field = self.field.saturating_sub(1),
            Intent::Down => self.field = (self.field + 1).min(FIELDS - 1),
            Intent::Previous => {
                let v = self.value_mut(field);
                *v = (*v + options - 1) % options;
            }
            Intent::Next => {
                let v = self.value_mut(field);
                *v = (*v + 1) % options;
            }
            Intent::Choose => return SetupOutcome::Start(self.filter(pool), COUNTS[self.count]),
            Intent::Back => return SetupOutcome::Back,
            _ => {}
        }
        // Another domain offers other task statements; moving through the field changes nothing.
        if self.domain != domain {
            self.task = 0;
        }
        SetupOutcome::Stay
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, pool: &Pool, theme: Theme) {
        let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let filter = self.filter(pool);
        let matching = pool.questions.iter().filter(|q| filter.matches(q)).count();
        let domain = filter
            .domain
            .and_then(|d| pool.blueprint.domain(d))
            .map_or("All domains".to_string(), |d| format!("{} {}", d.id, d.name));
        let task = filter
            .task
            .as_deref()
            .and_then(|t| pool.blueprint.task(t))
            .map_or("All task statements".to_string(), |t| format!("{} {}", t.id, t.name));
        let service = self
            .service
            .checked_sub(1)
            .and_then(|i| self.services.get(i))
            .map_or("All services".to_string(), |(tag, n)| format!("{} ({n})", pool.service_name(tag)));
        let kind = filter.kind.map_or("All types", |k| k.as_str()).to_string();
        let difficulty = filter.difficulty.map_or("All difficulties", |d| d.as_str()).to_string();
        let focus = self
            .focus_set()
            .map_or("All questions".to_string(), |set| format!("Only those {} ({})", set.focus.label(), set.ids.len()));
        let values = [domain, task, service, kind, difficulty, focus, COUNTS[self.count].to_string()];
        let names = ["Domain", "Task", "Service", "Type", "Difficulty", "Focus", "Questions"];
        let mut lines = vec![Line::styled("New study session", theme.title()), Line::default()];
        for (i, (name, value)) in names.iter().zip(values).enumerate() {
            let text = format!("{} {name:<10} ‹ {value} ›", if i == self.field { "›" } else { " " });
            lines.push(if i == self.field { Line::styled(text, theme.cursor()) } else { Line::raw(text) });
        }
        lines.push(Line::default());
        if let Some(set) = self.focus_set() {
            lines.push(Line::styled(set.note.clone(), theme.dim()));
        }
        let drawn = matching.min(COUNTS[self.count]);
        lines.push(Line::styled(
            format!(
                "{} match; the session will have {drawn}. Press Enter to start.",
                widgets::count(matching, "question", "questions")
            ),
            if matching == 0 { theme.warning() } else { theme.dim() },
        ));
        frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }), body);
        widgets::footer(frame, footer, crate::ui::keys::SETUP, theme);
    }
}
