//! Drawing the session screen: the header (mode, position, clock, flags,
//! running score), the question document with its scrollbar, and the grid.

use super::session::{Pane, SessionScreen};
use crate::engine::Mode;
use crate::ui::document::{self, Document, View};
use crate::ui::theme::Theme;
use crate::ui::widgets;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use std::time::Duration;

impl SessionScreen {
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: Theme) {
        let header_height = if self.session.mode() == Mode::Study { 3 } else { 2 };
        let [header, body, footer] =
            Layout::vertical([Constraint::Length(header_height), Constraint::Fill(1), Constraint::Length(1)])
                .areas(area);
        self.render_header(frame, header, theme);
        widgets::footer(frame, footer, self.context().table(), theme);
        match self.view {
            Pane::Grid { selected } => {
                self.last_body = body;
                widgets::grid(frame, body, &self.session, selected, theme);
            }
            Pane::Question => self.render_question(frame, body, theme),
        }
    }

    fn render_question(&mut self, frame: &mut Frame, body: Rect, theme: Theme) {
        let text_area = Rect { width: body.width.saturating_sub(1), ..body };
        let feedback = self.feedback();
        let (question, item) = self.session.current();
        let view = View {
            question,
            item,
            case_study: question.case_study.and_then(|id| self.case_studies.get(id)),
            cursor: (!feedback).then_some(self.cursor),
            arrangement: &self.arrangement,
            grabbed: self.grabbed,
            feedback,
            theme,
        };
        let doc: Document = document::layout(&view, usize::from(text_area.width));
        let height = usize::from(text_area.height);
        let max_scroll = doc.lines.len().saturating_sub(height);
        if self.follow_cursor
            && let Some(&(first, last)) = doc.rows.get(self.cursor)
        {
            if last >= self.scroll + height {
                self.scroll = (last + 1).saturating_sub(height);
            }
            if first < self.scroll {
                self.scroll = first;
            }
        }
        self.scroll = self.scroll.min(max_scroll);
        self.last_body = text_area;
        self.last_rows = doc.rows;
        let scroll = u16::try_from(self.scroll).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(doc.lines.clone()).scroll((scroll, 0)), text_area);
        if max_scroll > 0 {
            let mut state = ScrollbarState::new(max_scroll).position(self.scroll);
            frame.render_stateful_widget(Scrollbar::new(ScrollbarOrientation::VerticalRight), body, &mut state);
        }
    }

    fn render_header(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let s = &self.session;
        let (question, item) = s.current();
        let mut first = vec![
            Span::styled(format!("{} ", s.mode().label()), theme.title()),
            Span::raw(format!("· Question {} of {} ", s.position() + 1, s.len())),
        ];
        if item.flagged {
            first.push(Span::styled("⚑ flagged ", theme.flag()));
        }
        if item.guessed {
            first.push(Span::styled("· guessed ", theme.dim()));
        }
        if let Some(left) = s.time_left() {
            first.push(Span::raw(format!("· {} flagged · ", s.flagged_count())));
            let style = if left <= Duration::from_secs(600) { theme.warning() } else { theme.title() };
            first.push(Span::styled(format!("⏱ {}", crate::ui::strings::clock(left)), style));
        }
        if let Some(banner) = &self.banner {
            first.push(Span::styled(format!("  {banner}"), theme.warning()));
        }
        // Why these questions (a focus), after anything more urgent.
        if let Some(note) = &s.state().settings.filter.note {
            first.push(Span::styled(format!("  · {note}"), theme.dim()));
        }
        let blueprint = s.blueprint();
        let task = blueprint.task(question.task).map_or("", |t| t.name.as_str());
        let second = format!("Domain {} › {} {task}", question.domain, question.task);
        let mut lines = vec![Line::from(first), Line::styled(second, theme.dim())];
        if s.mode() == Mode::Study {
            lines.push(self.running_score(theme));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn running_score(&self, theme: Theme) -> Line<'static> {
        let mut spans = vec![Span::styled("Score ", theme.dim())];
        let (mut right, mut done) = (0, 0);
        for domain in &self.session.blueprint().domains {
            let (mut r, mut d) = (0, 0);
            for (q, item) in self.session.questions().filter(|(q, i)| q.domain == domain.id && i.submitted) {
                d += 1;
                r += usize::from(item.response.as_ref().is_some_and(|resp| crate::engine::is_correct(q, resp)));
            }
            right += r;
            done += d;
            let text = if d == 0 { format!("D{} –  ", domain.id) } else { format!("D{} {r}/{d}  ", domain.id) };
            spans.push(Span::raw(text));
        }
        spans.push(Span::styled(format!("Total {right}/{done}"), theme.title()));
        Line::from(spans)
    }
}
