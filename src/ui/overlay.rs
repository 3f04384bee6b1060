//! Boxes drawn over a screen: the help overlay listing the screen's keys,
//! confirmations (submit or leave an exam, discard a saved session) and notes.

use super::keys::KeyHelp;
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
    Help(&'static [KeyHelp]),
    Confirm(Confirm),
    Message(String),
}

/// Draws an overlay; `session` supplies the counts a submit confirmation shows.
pub fn render(frame: &mut Frame, overlay: &Overlay, session: Option<&Session>, theme: Theme) {
    let area = frame.area();
    match overlay {
        Overlay::Help(keys) => {
            let inner = widgets::popup(frame, area, 64, u16::try_from(keys.len() + 4).unwrap_or(20), "Keys", theme);
            let mut lines: Vec<Line> = keys
                .iter()
                .map(|k| Line::from(vec![Span::styled(format!("{:<16}", k.keys), theme.key()), Span::raw(k.what)]))
                .collect();
            lines.push(Line::default());
            lines.push(Line::styled("Ctrl-C quits from anywhere (a running session is saved).", theme.dim()));
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
        Overlay::Confirm(confirm) => {
            let inner = widgets::popup(frame, area, 60, 7, "Confirm", theme);
            frame.render_widget(Paragraph::new(confirm_text(*confirm, session)).wrap(Wrap { trim: false }), inner);
        }
        Overlay::Message(message) => {
            let inner = widgets::popup(frame, area, 60, 7, "Note", theme);
            frame.render_widget(Paragraph::new(message.as_str()).wrap(Wrap { trim: false }), inner);
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
