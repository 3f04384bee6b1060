//! Reviewing a finished session's questions (all, wrong or flagged) with the
//! right answers and every explanation.

use super::results::ReviewFilter;
use crate::bank::CaseStudy;
use crate::engine::{Session, is_correct};
use crate::ui::document::{self, View};
use crate::ui::input::Intent;
use crate::ui::theme::Theme;
use crate::ui::widgets;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::collections::BTreeMap;

pub struct ReviewScreen {
    pub filter: ReviewFilter,
    /// Indices into the session of the questions shown.
    indices: Vec<usize>,
    position: usize,
    scroll: usize,
}

impl ReviewScreen {
    pub fn new(session: &Session, filter: ReviewFilter) -> ReviewScreen {
        let indices = session
            .questions()
            .enumerate()
            .filter(|(_, (q, item))| match filter {
                ReviewFilter::All => true,
                ReviewFilter::Wrong => !item.response.as_ref().is_some_and(|r| is_correct(q, r)),
                ReviewFilter::Flagged => item.flagged,
            })
            .map(|(i, _)| i)
            .collect();
        ReviewScreen { filter, indices, position: 0, scroll: 0 }
    }

    /// Returns true when the user goes back to the results.
    pub fn handle(&mut self, intent: Intent) -> bool {
        match intent {
            Intent::Next if self.position + 1 < self.indices.len() => {
                self.position += 1;
                self.scroll = 0;
            }
            Intent::Previous if self.position > 0 => {
                self.position -= 1;
                self.scroll = 0;
            }
            Intent::Down | Intent::ScrollDown => self.scroll = self.scroll.saturating_add(1),
            Intent::Up | Intent::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Intent::PageDown => self.scroll = self.scroll.saturating_add(10),
            Intent::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Intent::Back => return true,
            _ => {}
        }
        false
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        session: &Session,
        case_studies: &BTreeMap<String, CaseStudy>,
        theme: Theme,
    ) {
        let [header, body, footer] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        widgets::footer(frame, footer, crate::ui::keys::REVIEW, theme);
        let Some(&index) = self.indices.get(self.position) else {
            let text = format!("No {} to review. Press q to go back.", self.filter.label());
            frame.render_widget(Paragraph::new(text), body);
            return;
        };
        let (Some(question), Some(item)) = (session.question(index), session.item(index)) else { return };
        let title = format!(
            "Review: {} · {} of {} · question {} of the session · Domain {} › {}",
            self.filter.label(),
            self.position + 1,
            self.indices.len(),
            index + 1,
            question.domain,
            question.task
        );
        frame.render_widget(Paragraph::new(vec![Line::styled(title, theme.title())]), header);
        let arrangement = match &item.response {
            Some(crate::engine::Response::Ordering(order)) => order.clone(),
            _ => item.order.clone(),
        };
        let view = View {
            question,
            item,
            case_study: question.case_study.and_then(|id| case_studies.get(id)),
            cursor: None,
            arrangement: &arrangement,
            grabbed: false,
            feedback: true,
            theme,
        };
        let doc = document::layout(&view, usize::from(body.width));
        self.scroll = self.scroll.min(doc.lines.len().saturating_sub(usize::from(body.height)));
        let scroll = u16::try_from(self.scroll).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(doc.lines).scroll((scroll, 0)), body);
    }
}
