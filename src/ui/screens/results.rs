//! The results of a finished session: estimated scaled score and pass/fail,
//! score by domain against the pass line, tables by task statement and AWS
//! service, time used; and the way into reviewing questions.

use crate::bank::Pool;
use crate::bank::text::clip;
use crate::engine::{Mode, Results, Session, Tally};
use crate::ui::input::Input;
use crate::ui::theme::Theme;
use crate::ui::widgets;
use crate::ui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::BTreeMap;
use std::time::Duration;

/// Which questions a review shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFilter {
    All,
    Wrong,
    Flagged,
}

impl ReviewFilter {
    pub fn label(self) -> &'static str {
        match self {
            ReviewFilter::All => "all questions",
            ReviewFilter::Wrong => "wrong answers",
            ReviewFilter::Flagged => "flagged questions",
        }
    }
}

pub struct ResultsScreen {
    pub session: Session,
    pub results: Results,
    pub note: Option<String>,
    scroll: usize,
}

pub enum ResultsOutcome {
    Stay,
    Home,
    Review(ReviewFilter),
}

/// The percent correct that the linear estimate maps to the pass mark.
pub fn pass_percent(results: &Results) -> f64 {
    let scale = results.summary.scale;
    100.0 * f64::from(scale.pass - scale.min) / f64::from(scale.max - scale.min)
}

impl ResultsScreen {
    /// The results of `session`: as just graded, or as recorded for a past attempt.
    pub fn new(session: Session, results: Results, note: Option<String>) -> ResultsScreen {
        ResultsScreen { session, results, note, scroll: 0 }
    }

    pub fn handle(&mut self, input: Input) -> ResultsOutcome {
        match input {
            Input::Char('r') => return ResultsOutcome::Review(ReviewFilter::All),
            Input::Char('w') => return ResultsOutcome::Review(ReviewFilter::Wrong),
            Input::Char('f') => return ResultsOutcome::Review(ReviewFilter::Flagged),
            Input::Up | Input::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Input::Down | Input::ScrollDown => self.scroll += 1,
            Input::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Input::PageDown => self.scroll += 10,
            Input::Back | Input::Enter => return ResultsOutcome::Home,
            _ => {}
        }
        ResultsOutcome::Stay
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, pool: &Pool, theme: Theme) {
        let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let lines = self.lines(pool, usize::from(body.width), theme);
        self.scroll = self.scroll.min(lines.len().saturating_sub(usize::from(body.height)));
        let scroll = u16::try_from(self.scroll).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
        widgets::footer(frame, footer, crate::ui::keys::RESULTS, theme);
    }

    fn lines(&self, pool: &Pool, width: usize, theme: Theme) -> Vec<Line<'static>> {
        let s = &self.results.summary;
        let bp = self.session.blueprint();
        let mut lines = Vec::new();
        if let Some(note) = &self.note {
            lines.push(Line::styled(note.clone(), theme.warning()));
        }
        lines.push(Line::styled(format!("{} result", s.mode.label()), theme.title()));
        let verdict =
            if s.passed { Span::styled("PASS ✔", theme.correct()) } else { Span::styled("FAIL ✘", theme.wrong()) };
        if s.mode == Mode::Exam {
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "Estimated scaled score {} of {} (pass mark {}): ",
                    s.scaled_estimate, s.scale.max, s.scale.pass
                )),
                verdict,
                Span::raw(" (estimate)"),
            ]));
        }
        let limit = self.session.state().settings.minutes.map(|m| Duration::from_secs(u64::from(m) * 60));
        let used = widgets::clock(Duration::from_secs(s.seconds));
        let time = limit.map_or(used.clone(), |l| format!("{used} of {}", widgets::clock(l)));
        lines.push(Line::raw(format!(
            "Raw score {}/{} ({:.1}%) · answered {} · time {time}",
            s.raw.correct,
            s.raw.total,
            s.raw.percent(),
            s.answered
        )));
        let note = format!(
            "The scaled score is an estimate: AWS does not publish its mapping; this maps percent correct linearly onto {}–{} (pass ≈ {:.1}% correct).",
            s.scale.min,
            s.scale.max,
            pass_percent(&self.results)
        );
        lines.extend(wrap(&note, width).into_iter().map(|l| Line::styled(l, theme.dim())));
        lines.push(Line::default());
        lines.push(Line::styled("Score by domain  (│ = pass line)", theme.title()));
        let bar_width = width.saturating_sub(32).clamp(10, 40);
        for domain in &bp.domains {
            let tally = s.by_domain.get(&domain.id.to_string()).copied().unwrap_or_default();
            let label = clip(&format!("D{} {}", domain.id, domain.name), 18);
            let bar = widgets::bar(tally.percent(), pass_percent(&self.results), bar_width);
            let style = if tally.total == 0 {
                theme.dim()
            } else if tally.percent() >= pass_percent(&self.results) {
                theme.correct()
            } else {
                theme.wrong()
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{label:<18} ")),
                Span::styled(bar, style),
                Span::raw(format!(" {}", tally_text(tally))),
            ]));
        }
        lines.push(Line::default());
        lines.push(Line::styled("By task statement", theme.title()));
        let task_names: BTreeMap<String, String> =
            bp.domains.iter().flat_map(|d| &d.tasks).map(|t| (t.id.clone(), t.name.clone())).collect();
        for (task, tally) in &s.by_task {
            let label = match task_names.get(task) {
                Some(name) => format!("{task} {name}"),
                None if task.is_empty() => "(no task statement)".to_string(),
                None => task.clone(),
            };
            lines.push(table_row(&label, *tally, width));
        }
        if s.by_service.is_empty() {
            return lines; // an imported bank may tag no services
        }
        lines.push(Line::default());
        lines.push(Line::styled("By AWS service", theme.title()));
        let mut services: Vec<(&String, &Tally)> = s.by_service.iter().collect();
        services.sort_by(|a, b| b.1.total.cmp(&a.1.total).then_with(|| a.0.cmp(b.0)));
        for (tag, tally) in services {
            lines.push(table_row(pool.service_name(tag), *tally, width));
        }
        lines
    }
}

fn tally_text(t: Tally) -> String {
    if t.total == 0 { "—".into() } else { format!("{:>3.0}% ({}/{})", t.percent(), t.correct, t.total) }
}

fn table_row(label: &str, tally: Tally, width: usize) -> Line<'static> {
    let label_width = width.saturating_sub(16).max(10);
    Line::raw(format!("  {:<label_width$}{:>14}", clip(label, label_width - 1), tally_text(tally)))
}
