//! Boxes drawn over a screen: the help overlay listing the screen's keys,
//! confirmations (submit or leave an exam, discard a saved session) and notes.

use super::keys::{self, Context};
use super::theme::Theme;
use super::widgets;
use crate::engine::Session;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    SubmitExam,
    LeaveExam,
    Discard,
}

pub enum Overlay {
    /// The keys of the screen in this context.
    Help(Context),
    Confirm(Confirm),
    Message(String),
}

/// Draws an overlay; `session` supplies the counts a submit confirmation shows.
pub fn render(frame: &mut Frame, overlay: &Overlay, session: Option<&Session>, theme: Theme) {
    let area = frame.area();
    match overlay {
        Overlay::Help(context) => {
            let help = keys::help_lines(*context);
            let width = help.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0) + 2;
            let mut lines: Vec<Line> = help
                .into_iter()
                .map(|(k, what)| Line::from(vec![Span::styled(format!("{k:<width$}"), theme.key()), Span::raw(what)]))
                .collect();
            if *context == Context::Exam {
                lines.push(Line::default());
                lines.push(Line::styled(crate::ui::strings::CLOCK_NOTE, theme.dim()));
            }
            let height = u16::try_from(lines.len() + 4).unwrap_or(u16::MAX);
            let inner = widgets::popup(frame, area, 70, height, "Keys", theme);
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
        Overlay::Confirm(confirm) => {
            let inner = widgets::popup(frame, area, 60, 7, "Confirm", theme);
            frame.render_widget(Paragraph::new(confirm_text(*confirm, session)).wrap(Wrap { trim: false }), inner);
        }
        Overlay::Message(message) => {
            let inner = widgets::popup(frame, area, 60, 7, "Note", theme);
            let text = format!("{message}\n\nEnter close");
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
        }
    }
}

fn confirm_text(confirm: Confirm, session: Option<&Session>) -> String {
    match (confirm, session) {
        (Confirm::SubmitExam, Some(s)) => format!(
            "Submit the exam? {} unanswered, {} flagged.\n\ny submit · n keep working",
            s.len() - s.answered_count(),
            s.flagged_count()
        ),
        (Confirm::LeaveExam, _) => {
            "Leave the exam? It is saved: resume it from the home screen or with `mla-quiz resume`.\n\ny leave · n stay"
                .into()
        }
        (Confirm::Discard, _) => "Discard the unfinished session? Its answers are lost.\n\ny discard · n keep".into(),
        (Confirm::SubmitExam, None) => String::new(),
    }
}
