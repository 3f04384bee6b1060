//! Word-wrapping that respects display width (wide CJK characters take two
//! columns) and keeps explicit line breaks.

/// Wraps `text` to `width` columns; paragraphs split at `\n` stay apart.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    text.split('\n')
        .flat_map(|paragraph| {
            if paragraph.trim().is_empty() {
                vec![String::new()]
            } else {
                textwrap::wrap(paragraph, width).into_iter().map(|line| line.into_owned()).collect()
            }
        })
        .collect()
}

/// Wraps with a first-line prefix (such as "A. ") and a hanging indent of its width.
pub fn wrap_hanging(prefix: &str, text: &str, width: usize) -> Vec<String> {
    let indent = " ".repeat(textwrap::core::display_width(prefix));
    let inner = width.saturating_sub(indent.len()).max(1);
    wrap(text, inner)
        .into_iter()
        .enumerate()
        .map(|(i, line)| format!("{}{line}", if i == 0 { prefix } else { &indent }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_wide_characters_by_display_width() {
        let lines = wrap("日本語の問題文です", 8);
        assert!(lines.iter().all(|l| textwrap::core::display_width(l) <= 8), "{lines:?}");
        assert_eq!(lines.concat(), "日本語の問題文です");
    }

    #[test]
    fn hanging_indent_aligns_continuation_lines() {
        let lines = wrap_hanging("A. ", "one two three four", 10);
        assert_eq!(lines, vec!["A. one two", "   three", "   four"]);
    }
}
