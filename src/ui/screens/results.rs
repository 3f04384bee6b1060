//! The results of a finished session: estimated scaled score and pass/fail,
//! score by domain against the pass line, tables by task statement and AWS
//! service, time used; and the way into reviewing questions.

use crate::bank::Pool;
use crate::bank::text::fit;
use crate::engine::{Mode, Results, Session, Tally};
use crate::ui::input::Intent;
use crate::ui::strings;
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
    /// The readiness forecast after a mock exam, when the store could give one.
    pub readiness: Option<crate::learn::Readiness>,
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
        ResultsScreen { session, results, note, readiness: None, scroll: 0 }
    }

    pub fn handle(&mut self, intent: Intent) -> ResultsOutcome {
        match intent {
            Intent::ReviewAll => return ResultsOutcome::Review(ReviewFilter::All),
            Intent::ReviewWrong => return ResultsOutcome::Review(ReviewFilter::Wrong),
            Intent::ReviewFlagged => return ResultsOutcome::Review(ReviewFilter::Flagged),
            Intent::Up | Intent::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Intent::Down | Intent::ScrollDown => self.scroll = self.scroll.saturating_add(1),
            Intent::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Intent::PageDown => self.scroll = self.scroll.saturating_add(10),
            Intent::Back => return ResultsOutcome::Home,
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
        if let Some(word) = strings::verdict(s.mode, s.passed) {
            let verdict = if s.passed {
                Span::styled(format!("{word} ✔"), theme.correct())
            } else {
                Span::styled(format!("{word} ✘"), theme.wrong())
            };
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
        let used = strings::clock(Duration::from_secs(s.seconds));
        let time = limit.map_or(used.clone(), |l| format!("{used} of {}", strings::clock(l)));
        lines.push(Line::raw(format!(
            "Raw score {}/{} ({:.1}%) · answered {} · time {time}",
            s.raw.correct,
            s.raw.total,
            s.raw.percent(),
            s.answered
        )));
        // The scaled score applies to mock exams only.
        if s.mode == Mode::Exam {
            let note = strings::scale_note(s.scale, pass_percent(&self.results));
            lines.extend(wrap(&note, width).into_iter().map(|l| Line::styled(l, theme.dim())));
        }
        if let Some(readiness) = &self.readiness {
            lines.extend(wrap(&strings::readiness_line(readiness), width).into_iter().map(Line::raw));
        }
        lines.push(Line::default());
        lines.push(Line::styled("Score by domain  (│ = pass line)", theme.title()));
        let bar_width = width.saturating_sub(32).clamp(10, 40);
        for domain in &bp.domains {
            let tally = s.by_domain.get(&domain.id.to_string()).copied().unwrap_or_default();
            let label = fit(&format!("D{} {}", domain.id, domain.name), 18);
            let bar = widgets::bar(tally.percent(), pass_percent(&self.results), bar_width);
            let style = if tally.total == 0 {
                theme.dim()
            } else if tally.percent() >= pass_percent(&self.results) {
                theme.correct()
            } else {
                theme.wrong()
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{label} ")),
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

/// "  label…      75% (3/4)": the label fitted to its column by display width,
/// so the tally stays in place and in view with wide (CJK) names.
fn table_row(label: &str, tally: Tally, width: usize) -> Line<'static> {
    let label_width = width.saturating_sub(16).max(10);
    Line::raw(format!("  {} {:>14}", fit(label, label_width - 1), tally_text(tally)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn wide_names_keep_the_table_aligned_and_the_tally_in_view() {
        let tally = Tally { correct: 3, total: 4 };
        let ascii = text(&table_row("Amazon SageMaker Model Monitor", tally, 80));
        let wide = text(&table_row(&"機械学習のサービス".repeat(8), tally, 80));
        assert_eq!(wide.width(), ascii.width(), "{wide}");
        assert!(wide.ends_with("75% (3/4)") && ascii.ends_with("75% (3/4)"), "{wide}");
        assert!(wide.width() <= 80);
    }
}
