//! Small drawing helpers shared by screens: footer, exam grid, clock,
//! score bars, overlays and the "window too small" notice.

use super::keys::{self, Binding};
use super::theme::Theme;
use crate::engine::Session;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// The smallest window the app draws into; below it, [`too_small`] is shown.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 14;

/// Whether a window of this size is below the minimum.
pub fn too_small_for(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// "1 attempt", "3 attempts".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// The footer: the screen's main keys, from its key table.
pub fn footer(frame: &mut Frame, area: Rect, table: &[Binding], theme: Theme) {
    let mut spans = Vec::new();
    for (keys, what) in keys::footer_items(table) {
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::styled(format!(" {what}  "), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The notice drawn instead of the app when the window is too small.
pub fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!("Enlarge the window (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})", area.width, area.height);
    let height = u16::try_from(text.len()).unwrap_or(u16::MAX).div_ceil(area.width.max(1)).min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
    frame.render_widget(Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true }), middle);
}

/// A centred box of at most `width`×`height` with a title, cleared underneath.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str, theme: Theme) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(row);
    frame.render_widget(Clear, cell);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(cell);
    frame.render_widget(block, cell);
    inner
}

const GRID_CELL_WIDTH: u16 = 7;

/// How many question cells fit in one row of the grid.
pub fn grid_columns(width: u16) -> usize {
    usize::from((width / GRID_CELL_WIDTH).max(1))
}

/// The grid cell (question index) at a screen position.
pub fn grid_hit(area: Rect, count: usize, column: u16, row: u16) -> Option<usize> {
    let top = area.y + 2;
    if column < area.x || row < top || column >= area.right() {
        return None;
    }
    let index = usize::from(row - top) * grid_columns(area.width) + usize::from((column - area.x) / GRID_CELL_WIDTH);
    (index < count).then_some(index)
}

/// The exam's question grid: answered ●, unanswered ○, flagged ⚑ (after the
/// mark, so it stays in its question's cell: "  3 ○⚑").
pub fn grid(frame: &mut Frame, area: Rect, session: &Session, selected: usize, theme: Theme) {
    let per_row = grid_columns(area.width);
    let summary = format!(
        "Answered {} · Unanswered {} · Flagged {}    ● answered  ○ unanswered  ⚑ flagged",
        session.answered_count(),
        session.len() - session.answered_count(),
        session.flagged_count()
    );
    let mut lines = vec![Line::styled(summary, theme.dim()), Line::default()];
    let cells: Vec<Span> = session
        .questions()
        .enumerate()
        .map(|(i, (_, item))| {
            let flag = if item.flagged { "⚑" } else { " " };
            let answered = session.is_answered(i);
            let mark = if answered { "●" } else { "○" };
            let style = if i == selected {
                theme.cursor()
            } else if item.flagged {
                theme.flag()
            } else if answered {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            Span::styled(format!("{:>3} {mark}{flag}", i + 1), style)
        })
        .collect();
    for chunk in cells.chunks(per_row) {
        let mut spans = Vec::new();
        for cell in chunk {
            spans.push(cell.clone());
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// A horizontal bar of `percent` with a `│` at the pass line, `width` cells wide.
pub fn bar(percent: f64, pass_percent: f64, width: usize) -> String {
    let filled = ((percent / 100.0) * width as f64).round() as usize;
    let pass = ((pass_percent / 100.0) * width as f64).round() as usize;
    (0..width)
        .map(|i| {
            if i == pass.min(width.saturating_sub(1)) {
                '│'
            } else if i < filled {
                '█'
            } else {
                '░'
            }
        })
        .collect()
}
