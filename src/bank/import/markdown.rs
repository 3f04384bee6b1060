//! What both Markdown importers share: splitting a file into lines with HTML
//! comments removed and fenced code marked, recognising headings and question
//! numbers, and joining lines into a stem (inline markup goes through
//! [`inline`]).

use super::inline::{find_ignore_case, inline, remove_tag};

/// What a line is, as far as the question layouts care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Inside a fenced code block: kept verbatim, never read as structure.
    Code,
    /// A ``` or ~~~ fence line.
    Fence,
}

/// One line of a Markdown file: its 1-based number, its text without HTML
/// comments and `<details>`/`<summary>` wrappers, and its kind.
#[derive(Debug, Clone)]
pub struct MdLine {
    pub number: usize,
    pub text: String,
    pub kind: Kind,
}

impl MdLine {
    pub fn is_blank(&self) -> bool {
        self.kind == Kind::Text && self.text.trim().is_empty()
    }
}

/// Splits a file into lines (any of `\n`, `\r\n`), dropping a byte-order mark,
/// HTML comments (also across lines) and `<details>`/`<summary>` wrappers.
pub fn lines(text: &str) -> Vec<MdLine> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = Vec::new();
    let mut in_comment = false;
    let mut fence: Option<(char, usize)> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        if let Some((ch, len)) = fence {
            let closing = fence_of(raw).is_some_and(|(c, l, rest)| c == ch && l >= len && rest.trim().is_empty());
            if closing {
                fence = None;
            }
            let kind = if closing { Kind::Fence } else { Kind::Code };
            out.push(MdLine { number, text: raw.to_string(), kind });
            continue;
        }
        let (visible, still_open) = strip_comments(raw, in_comment);
        in_comment = still_open;
        if let Some((ch, len, _)) = fence_of(&visible) {
            fence = Some((ch, len));
            out.push(MdLine { number, text: visible, kind: Kind::Fence });
            continue;
        }
        out.push(MdLine { number, text: strip_details(&visible), kind: Kind::Text });
    }
    out
}

/// A code fence: its character, its length and what follows it (the info string).
fn fence_of(line: &str) -> Option<(char, usize, &str)> {
    let trimmed = line.trim_start();
    let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = trimmed.chars().take_while(|c| *c == ch).count();
    (len >= 3).then(|| (ch, len, &trimmed[len..]))
}

/// Removes `<!-- … -->` from one line; says whether a comment is still open at its end.
fn strip_comments(line: &str, mut in_comment: bool) -> (String, bool) {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    in_comment = false;
                }
                None => return (out, true),
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    out.push_str(&rest[..start]);
                    rest = &rest[start + 4..];
                    in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return (out, false);
                }
            }
        }
    }
}

/// Drops `<details>` and `</details>` tags and whole `<summary>…</summary>` elements.
fn strip_details(line: &str) -> String {
    if !line.contains('<') {
        return line.to_string();
    }
    let mut text = remove_tag(line, "details");
    while let Some(start) = find_ignore_case(&text, "<summary") {
        let end = find_ignore_case(&text[start..], "</summary>").map_or(text.len(), |e| start + e + "</summary>".len());
        text.replace_range(start..end, "");
    }
    text
}

/// A heading (`#` to `######`): its text without the marks, or `None`.
pub fn heading(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    let rest = &trimmed[hashes..];
    if !(1..=6).contains(&hashes) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim();
    // A closing run of '#' counts only after a space ("C#" keeps its '#').
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        return Some(without_closing.trim_end());
    }
    Some(text)
}

/// Removes a leading "Question 12:", "Q12.", "12)" or "#12 -" from a question's first line.
pub fn strip_question_number(text: &str) -> &str {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let after_word = if lower.starts_with("question") {
        &text["question".len()..]
    } else if lower.starts_with('q') && text[1..].trim_start_matches('#').starts_with(|c: char| c.is_ascii_digit()) {
        &text[1..]
    } else {
        text
    };
    let rest = after_word.trim_start().trim_start_matches(['#', '№']).trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return text;
    }
    let tail = &rest[digits..];
    let separated = tail.starts_with([':', '.', ')', '-', '–', '—']);
    if after_word.len() == text.len() && !separated && !tail.trim().is_empty() {
        return text;
    }
    tail.trim_start_matches([':', '.', ')', '-', '–', '—']).trim_start()
}

/// A numbered list item that may start a question: "12. text" or "12) text"
/// (indented at most three spaces); returns its text.
pub fn numbered_item(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if !(1..=5).contains(&digits) {
        return None;
    }
    let rest = trimmed[digits..].strip_prefix(['.', ')'])?;
    let text = rest.strip_prefix([' ', '\t'])?.trim();
    (!text.is_empty()).then_some(text)
}

/// The last paragraph of `lines` (blank lines at the end left out): the stem
/// of a question written as a paragraph right above its options.
pub fn last_paragraph(lines: &[MdLine]) -> &[MdLine] {
    let end = lines.iter().rposition(|l| !l.is_blank()).map_or(0, |i| i + 1);
    let start = lines[..end].iter().rposition(MdLine::is_blank).map_or(0, |i| i + 1);
    &lines[start..end]
}

/// A numbered item at the start of a line ("12. text", no indent): it may start a question.
pub fn numbered_question(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t']) { None } else { numbered_item(line) }
}

/// The lines as a stem, without a leading "12." or "Question 12:" on the first one.
pub fn stem_of(lines: &[MdLine]) -> Paragraphs {
    let mut stem = Paragraphs::default();
    let mut first = true;
    for line in lines {
        if first && line.kind == Kind::Text && !line.is_blank() {
            first = false;
            stem.push_text(strip_question_number(&line.text));
        } else {
            stem.push(line);
        }
    }
    stem
}

/// Whether a line is only a "Question 12"-style label (with any of its punctuation).
pub fn is_question_label(line: &str) -> bool {
    let bare = line.trim().trim_matches(['*', '_']).trim();
    let lower = bare.to_ascii_lowercase();
    let numbered = lower.strip_prefix("question").map(str::trim_start).is_some_and(|rest| {
        let rest = rest.trim_start_matches(['#', '№']).trim_start();
        rest.starts_with(|c: char| c.is_ascii_digit())
    });
    numbered && bare.len() < 200
}

/// A bullet or numbered list item: it keeps its own line in a stem.
fn is_list_item(line: &str) -> bool {
    let trimmed = line.trim_start();
    ["- ", "* ", "+ "].iter().any(|b| trimmed.starts_with(b)) || numbered_item(line).is_some()
}

/// Joins a question's lines into a stem: lines of a paragraph with spaces,
/// paragraphs with a blank line, code lines as they are.
#[derive(Debug, Default)]
pub struct Paragraphs {
    text: String,
    /// The next text line starts a new paragraph.
    fresh: bool,
}

impl Paragraphs {
    pub fn push(&mut self, line: &MdLine) {
        match line.kind {
            Kind::Fence => self.fresh = true,
            Kind::Code => {
                self.separate("\n");
                self.text.push_str(line.text.trim_end());
                self.fresh = false;
            }
            Kind::Text if line.text.trim().is_empty() => self.fresh = true,
            Kind::Text => {
                let text = inline(line.text.trim());
                if self.fresh {
                    self.separate("\n\n");
                } else if is_list_item(&line.text) || line.text.starts_with('|') {
                    self.separate("\n");
                } else if !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.text.push_str(&text);
                self.fresh = false;
            }
        }
    }

    /// Whether the text so far introduces a list ("… as follows:") or is in one.
    pub fn in_list(&self) -> bool {
        let text = self.text.trim_end();
        let last_line = text.rsplit('\n').next().unwrap_or("");
        text.ends_with(':') || numbered_item(last_line).is_some()
    }

    fn separate(&mut self, with: &str) {
        if !self.text.is_empty() {
            self.text.push_str(if self.fresh { "\n\n" } else { with });
        }
    }

    pub fn push_text(&mut self, text: &str) {
        self.push(&MdLine { number: 0, text: text.to_string(), kind: Kind::Text });
    }

    pub fn finish(self) -> String {
        self.text.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_fences_and_details_are_handled() {
        let text =
            "a <!-- x\ny --> b\n```\n# not a heading\n```\n<details><summary>Show</summary>\nAnswer: B\n</details>";
        let lines = lines(text);
        assert_eq!(lines[0].text, "a ");
        assert_eq!(lines[1].text, " b");
        assert_eq!((lines[3].kind, lines[3].text.as_str()), (Kind::Code, "# not a heading"));
        assert_eq!(lines[5].text, "");
        assert_eq!(lines[6].text, "Answer: B");
        assert_eq!(lines[7].text, "");
    }

    #[test]
    fn headings_and_question_numbers() {
        assert_eq!(heading("### What is it? ###"), Some("What is it?"));
        assert_eq!(heading("#hashtag"), None);
        assert_eq!(heading("## Which runs C#"), Some("Which runs C#"));
        assert_eq!(heading("##"), Some(""));
        assert_eq!(heading("    # code"), None);
        assert_eq!(strip_question_number("Question 12: What now?"), "What now?");
        assert_eq!(strip_question_number("Q7. Why?"), "Why?");
        assert_eq!(strip_question_number("Question 3"), "");
        assert_eq!(strip_question_number("Quickly, which one?"), "Quickly, which one?");
        assert!(is_question_label("**Question 4**"));
        assert!(!is_question_label("Questions and answers"));
        assert_eq!(numbered_item("12.  What is it?"), Some("What is it?"));
        assert_eq!(numbered_item("    1. code"), None);
        assert_eq!(numbered_item("3.14 is pi"), None);
    }

    #[test]
    fn the_last_paragraph_above_the_options() {
        let all = lines("Intro.\n\nFirst line\nsecond line\n\n");
        let texts: Vec<&str> = last_paragraph(&all).iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["First line", "second line"]);
        assert!(last_paragraph(&lines("\n\n")).is_empty());
    }

    #[test]
    fn paragraphs_and_code_make_a_stem() {
        let mut stem = Paragraphs::default();
        for line in lines("First line\ngoes on.\n\nSecond.\n```json\n{ \"a\": 1 }\n```\nAfter:\n- one\n- two") {
            stem.push(&line);
        }
        assert_eq!(stem.finish(), "First line goes on.\n\nSecond.\n\n{ \"a\": 1 }\n\nAfter:\n- one\n- two");
    }
}
