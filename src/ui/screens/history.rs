//! Past attempts: a table (date, mode, questions, score, pass/fail, time) and
//! a chart of percent correct over attempts, overall or per domain.

use crate::bank::Blueprint;
use crate::engine::Mode;
use crate::store::Attempt;
use crate::ui::input::Input;
use crate::ui::theme::Theme;
use crate::ui::widgets;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};
use std::time::Duration;

pub struct HistoryScreen {
    attempts: Vec<Attempt>,
    tz: TimeZone,
    notices: Vec<String>,
    by_domain: bool,
    scroll: usize,
}

const DOMAIN_MARKERS: [Marker; 4] = [Marker::Braille, Marker::Dot, Marker::Block, Marker::Bar];

impl HistoryScreen {
    pub fn new(attempts: Vec<Attempt>, notices: Vec<String>, tz: TimeZone) -> HistoryScreen {
        HistoryScreen { attempts, tz, notices, by_domain: false, scroll: 0 }
    }

    /// Returns true when the user goes back.
    pub fn handle(&mut self, input: Input) -> bool {
        match input {
            Input::Tab | Input::BackTab => self.by_domain = !self.by_domain,
            Input::Down | Input::ScrollDown => self.scroll += 1,
            Input::Up | Input::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Input::Back => return true,
            _ => {}
        }
        false
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, blueprint: &Blueprint, theme: Theme) {
        let [title, body, footer] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        frame.render_widget(Paragraph::new(Line::styled("History", theme.title())), title);
        widgets::footer(frame, footer, crate::ui::keys::HISTORY, theme);
        if self.attempts.is_empty() {
            let mut lines =
                vec![Line::raw("No history yet: finish a study session or a mock exam and it appears here.")];
            lines.extend(self.notices.iter().map(|n| Line::styled(n.clone(), theme.warning())));
            frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }), body);
            return;
        }
        let [table, chart] = Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(body);
        self.render_table(frame, table, theme);
        self.render_chart(frame, chart, blueprint, theme);
    }

    fn render_table(&mut self, frame: &mut Frame, area: Rect, theme: Theme) {
        let header = format!(
            "{:<16}  {:<9} {:>4}  {:>14}  {:>5}  {:<4}  {:>8}",
            "date", "mode", "qs", "score", "est.", "", "time"
        );
        let mut lines = vec![Line::styled(header, theme.dim())];
        lines.extend(self.notices.iter().map(|n| Line::styled(n.clone(), theme.warning())));
        for a in self.attempts.iter().rev() {
            let s = &a.summary;
            let verdict = match (a.mode, s.passed) {
                (Mode::Study, _) => Span::raw("    "),
                (Mode::Exam, true) => Span::styled("PASS", theme.correct()),
                (Mode::Exam, false) => Span::styled("FAIL", theme.wrong()),
            };
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "{:<16}  {:<9} {:>4}  {:>14}  {:>5}  ",
                    crate::ui::local_date(a.started_at, &self.tz),
                    a.mode.label(),
                    s.raw.total,
                    format!("{}/{} {:.0}%", s.raw.correct, s.raw.total, s.raw.percent()),
                    s.scaled_estimate
                )),
                verdict,
                Span::raw(format!("  {:>8}", widgets::clock(Duration::from_secs(s.seconds)))),
            ]));
        }
        let visible = usize::from(area.height);
        self.scroll = self.scroll.min(lines.len().saturating_sub(visible));
        let scroll = u16::try_from(self.scroll).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
    }

    fn render_chart(&self, frame: &mut Frame, area: Rect, blueprint: &Blueprint, theme: Theme) {
        let series = |key: Option<String>| -> Vec<(f64, f64)> {
            self.attempts
                .iter()
                .enumerate()
                .filter_map(|(i, a)| {
                    let t = match &key {
                        None => Some(a.summary.raw),
                        Some(d) => a.summary.by_domain.get(d).copied(),
                    }?;
                    (t.total > 0).then_some(((i + 1) as f64, t.percent()))
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
        let n = self.attempts.len().max(2) as f64;
        let title = if self.by_domain {
            " % correct by domain (Tab: overall) "
        } else {
            " % correct overall (Tab: by domain) "
        };
        let chart = Chart::new(datasets)
            .block(Block::bordered().title(Span::styled(title, theme.title())))
            .x_axis(
                Axis::default().title("attempt").bounds([1.0, n]).labels(["1".to_string(), format!("{}", n as usize)]),
            )
            .y_axis(Axis::default().bounds([0.0, 100.0]).labels(["0", "50", "100"]));
        frame.render_widget(chart, area);
    }
}
