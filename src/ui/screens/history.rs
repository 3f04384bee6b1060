//! Past attempts: a table of the latest attempts (date, mode, questions,
//! score, pass/fail, time) with a selection that opens one (↑↓ then Enter, or
//! a click), and a chart of percent correct over those attempts, overall or
//! per domain.

use crate::bank::Blueprint;
use crate::store::AttemptHeader;
use crate::ui::input::Intent;
use crate::ui::theme::Theme;
use crate::ui::{strings, widgets};
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};
use std::time::Duration;

/// What a key press on the History screen asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryOutcome {
    Stay,
    Back,
    /// Open the attempt with this id.
    Open(String),
}

pub struct HistoryScreen {
    /// Newest first.
    attempts: Vec<AttemptHeader>,
    /// How many attempts the history holds (more than shown when it is long).
    total: usize,
    tz: TimeZone,
    by_domain: bool,
    selected: usize,
    /// First attempt row shown, and where the rows were drawn (for clicks).
    scroll: usize,
    rows_area: Rect,
}

const DOMAIN_MARKERS: [Marker; 4] = [Marker::Braille, Marker::Dot, Marker::Block, Marker::Bar];

impl HistoryScreen {
    pub fn new(attempts: Vec<AttemptHeader>, total: usize, tz: TimeZone) -> HistoryScreen {
        HistoryScreen { attempts, total, tz, by_domain: false, selected: 0, scroll: 0, rows_area: Rect::default() }
    }

    pub fn handle(&mut self, intent: Intent) -> HistoryOutcome {
        let last = self.attempts.len().saturating_sub(1);
        match intent {
            Intent::Tab | Intent::BackTab => self.by_domain = !self.by_domain,
            Intent::Down | Intent::ScrollDown => self.selected = (self.selected + 1).min(last),
            Intent::Up | Intent::ScrollUp => self.selected = self.selected.saturating_sub(1),
            Intent::PageDown => self.selected = (self.selected + 10).min(last),
            Intent::PageUp => self.selected = self.selected.saturating_sub(10),
            Intent::Choose => return self.open(),
            Intent::Click { row, .. } => {
                let area = self.rows_area;
                if row >= area.y && row < area.y + area.height {
                    let index = self.scroll + usize::from(row - area.y);
                    if index < self.attempts.len() {
                        self.selected = index;
                        return self.open();
                    }
                }
            }
            Intent::Back => return HistoryOutcome::Back,
            _ => {}
        }
        HistoryOutcome::Stay
    }

    fn open(&self) -> HistoryOutcome {
        self.attempts.get(self.selected).map_or(HistoryOutcome::Stay, |a| HistoryOutcome::Open(a.id.clone()))
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, blueprint: &Blueprint, theme: Theme) {
        let [title, body, footer] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let heading = if self.total > self.attempts.len() {
            format!(
                "History — the latest {} of {} attempts (`mla-quiz history` lists all)",
                self.attempts.len(),
                self.total
            )
        } else {
            "History".to_string()
        };
        frame.render_widget(Paragraph::new(Line::styled(heading, theme.title())), title);
        widgets::footer(frame, footer, crate::ui::keys::HISTORY, theme);
        if self.attempts.is_empty() {
            let text = "No history yet: finish a study session or a mock exam and it appears here.";
            frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }), body);
            return;
        }
        let [table, chart] = Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(body);
        self.render_table(frame, table, theme);
        self.render_chart(frame, chart, blueprint, theme);
    }

    fn render_table(&mut self, frame: &mut Frame, area: Rect, theme: Theme) {
        let [header, rows] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let head = format!(
            "  {:<16}  {:<9} {:>4}  {:>14}  {:>5}  {:<4}  {:>8}",
            "date (local)", "mode", "qs", "score", "est.", "", "time"
        );
        frame.render_widget(Paragraph::new(Line::styled(head, theme.dim())), header);
        let visible = usize::from(rows.height).max(1);
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + visible {
            self.scroll = self.selected + 1 - visible;
        }
        self.rows_area = rows;
        let lines: Vec<Line> = self
            .attempts
            .iter()
            .enumerate()
            .skip(self.scroll)
            .take(visible)
            .map(|(i, a)| self.row(i, a, theme))
            .collect();
        frame.render_widget(Paragraph::new(lines), rows);
    }

    fn row(&self, index: usize, a: &AttemptHeader, theme: Theme) -> Line<'static> {
        let verdict = match strings::verdict(a.mode, a.passed) {
            None => Span::raw("    "),
            Some(v) => Span::styled(v, if a.passed { theme.correct() } else { theme.wrong() }),
        };
        let selected = index == self.selected;
        let text = format!(
            "{} {:<16}  {:<9} {:>4}  {:>14}  {:>5}  ",
            if selected { "›" } else { " " },
            strings::local_date(a.started_at, &self.tz),
            a.mode.label(),
            a.questions,
            format!("{}/{} {:.0}%", a.correct, a.questions, a.percent()),
            a.scaled
        );
        let style = if selected { theme.cursor() } else { ratatui::style::Style::new() };
        Line::from(vec![
            Span::styled(text, style),
            verdict,
            Span::styled(format!("  {:>8}", strings::clock(Duration::from_secs(a.seconds))), style),
        ])
    }

    fn render_chart(&self, frame: &mut Frame, area: Rect, blueprint: &Blueprint, theme: Theme) {
        // Oldest of those shown on the left.
        let series = |key: Option<String>| -> Vec<(f64, f64)> {
            self.attempts
                .iter()
                .rev()
                .enumerate()
                .filter_map(|(i, a)| {
                    let (correct, total) = match &key {
                        None => (a.correct, a.questions),
                        Some(d) => a.by_domain.get(d).map(|t| (t.correct, t.total))?,
                    };
                    (total > 0).then_some(((i + 1) as f64, 100.0 * correct as f64 / total as f64))
                })
                .collect()
        };
        let data: Vec<(String, Vec<(f64, f64)>)> = if self.by_domain {
            blueprint.domains.iter().map(|d| (format!("D{}", d.id), series(Some(d.id.to_string())))).collect()
        } else {
            vec![("overall".to_string(), series(None))]
        };
        let datasets: Vec<Dataset> = data
            .iter()
            .enumerate()
            .map(|(i, (name, points))| {
                Dataset::default()
                    .name(name.clone())
                    .marker(DOMAIN_MARKERS[i % DOMAIN_MARKERS.len()])
                    .graph_type(GraphType::Line)
                    .style(theme.series(i))
                    .data(points)
            })
            .collect();
        let n = self.attempts.len();
        // One attempt gets one label; the bounds still need a width.
        let labels = vec!["1".to_string(), if n > 1 { n.to_string() } else { String::new() }];
        let title = if self.by_domain {
            " % correct by domain (Tab: overall) "
        } else {
            " % correct overall (Tab: by domain) "
        };
        let chart = Chart::new(datasets)
            .block(Block::bordered().title(Span::styled(title, theme.title())))
            .x_axis(Axis::default().title("attempt").bounds([1.0, n.max(2) as f64]).labels(labels))
            .y_axis(Axis::default().bounds([0.0, 100.0]).labels(["0", "50", "100"]));
        frame.render_widget(chart, area);
    }
}
