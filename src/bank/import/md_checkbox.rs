//! Markdown checkbox lists, the layout of the large community repositories:
//!
//! ```text
//! ### A company wants … Which solution meets these requirements?
//!
//! - [ ] Wrong option.
//! - [x] Right option.
//! ```
//!
//! A heading of any level holds the question; it may go on over paragraphs,
//! code blocks and images until the first option. Options are `-`, `*` or `+`
//! bullets (or numbered) with `[ ]`, `[x]` or `[X]`; more than one `[x]`
//! makes a multiple-response question. A question may also be a plain
//! paragraph or numbered item right above its options, and unticked boxes
//! take an "Answer: B" line below them. Headings without options
//! (tables of contents, sections) and lines after the options ("Back to top")
//! are ignored; an `Explanation:` paragraph after the options is kept.

use super::answer::{self, AnswerLine};
use super::inline::inline;
use super::markdown::{self, Kind, MdLine, Paragraphs};
use super::{Draft, DraftOption, Entry, Importer};

pub struct MdCheckbox;

/// A checkbox option line: whether it is ticked, and its text.
fn checkbox(line: &str) -> Option<(bool, &str)> {
    let rest = line.trim_start();
    let rest = if let Some(after) = rest.strip_prefix(['-', '*', '+']) {
        after
    } else {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest[digits..].strip_prefix(['.', ')'])?
    };
    let rest = rest.trim_start().strip_prefix('[')?;
    let close = rest.find(']')?;
    let ticked = match rest[..close].trim() {
        "" => false,
        "x" | "X" | "✓" | "✔" => true,
        _ => return None,
    };
    let text = &rest[close + 1..];
    if text.starts_with('(') {
        return None; // a link such as "- [x](…)" is not an option
    }
    Some((ticked, text.trim()))
}

/// A question being read.
struct Open {
    line: usize,
    stem: Paragraphs,
    options: Vec<DraftOption>,
    /// Text after the options: an explanation, or the stem of the next question.
    after: Vec<MdLine>,
    /// Started by a bare "Question 12" heading: a numbered list below it is its stem.
    label_only: bool,
}

impl Open {
    fn new(line: usize) -> Open {
        Open { line, stem: Paragraphs::default(), options: Vec::new(), after: Vec::new(), label_only: false }
    }

    /// Whether a numbered line at the margin starts a question of its own: the
    /// open one has no options yet and is a title, not a question label or a
    /// stem that introduces a list.
    fn gives_way_to(&self, line: &MdLine) -> bool {
        line.kind == Kind::Text
            && self.options.is_empty()
            && !self.label_only
            && !self.stem.in_list()
            && markdown::numbered_question(&line.text).is_some()
    }

    fn finish(mut self, out: &mut Vec<Entry>) {
        if self.options.is_empty() {
            return; // a heading without options: a title, a section, a table of contents
        }
        if !self.options.iter().any(|o| o.correct) {
            // Unticked boxes with the answer below them ("Answer: B", often in <details>).
            let letters = self.after.iter().find_map(|l| match answer::answer_line(&l.text) {
                Some(AnswerLine::Letters(letters)) => Some(letters),
                _ => None,
            });
            match letters.filter(|l| l.iter().all(|&i| i < self.options.len())) {
                Some(letters) => letters.into_iter().for_each(|i| self.options[i].correct = true),
                None => {
                    out.push(Entry::Skipped { line: self.line, reason: "no option is marked [x]".into() });
                    return;
                }
            }
        }
        let explanation = explanation(&self.after);
        out.push(Entry::Question(Draft {
            line: self.line,
            stem: self.stem.finish(),
            options: self.options,
            explanation,
            ..Draft::default()
        }));
    }
}

/// An "Explanation:" paragraph among the lines after the options.
fn explanation(after: &[MdLine]) -> Option<String> {
    let start = after.iter().position(|l| {
        let bare = l.text.trim().trim_start_matches(['*', '_', '>', ' ']).to_ascii_lowercase();
        l.kind == Kind::Text && bare.starts_with("explanation")
    })?;
    let mut text = Paragraphs::default();
    for line in &after[start..] {
        text.push(line);
    }
    let text = text.finish();
    let body = text.split_once(':').map_or("", |(_, rest)| rest).trim_start_matches(['*', '_']).trim();
    (!body.is_empty()).then(|| body.to_string())
}

impl Importer for MdCheckbox {
    fn evidence(&self, text: &str) -> usize {
        let lines = markdown::lines(text);
        let boxes: Vec<bool> =
            lines.iter().filter(|l| l.kind == Kind::Text).filter_map(|l| checkbox(&l.text).map(|c| c.0)).collect();
        let ticked = boxes.iter().filter(|&&t| t).count();
        if ticked > 0 || boxes.is_empty() {
            return ticked;
        }
        // Unticked boxes only: the answers are on answer lines.
        lines.iter().filter(|l| matches!(answer::answer_line(&l.text), Some(AnswerLine::Letters(_)))).count()
    }

    fn read(&self, text: &str) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut open: Option<Open> = None;
        // Lines before the first heading or question: the last paragraph may be a stem.
        let mut preamble: Vec<MdLine> = Vec::new();
        for line in markdown::lines(text) {
            if line.kind == Kind::Text
                && let Some(title) = markdown::heading(&line.text)
            {
                if let Some(done) = open.take() {
                    done.finish(&mut out);
                }
                let mut question = Open::new(line.number);
                let title = markdown::strip_question_number(title);
                question.label_only = title.is_empty();
                question.stem.push_text(title);
                open = Some(question);
                continue;
            }
            if open.as_ref().is_some_and(|o| o.gives_way_to(&line)) {
                // "# Practice exam" then "1. First question?": the title holds no question.
                let mut question = Open::new(line.number);
                question.stem = markdown::stem_of(std::slice::from_ref(&line));
                open = Some(question);
                continue;
            }
            let checked = if line.kind == Kind::Text { checkbox(&line.text) } else { None };
            let Some(question) = open.as_mut() else {
                if checked.is_some() {
                    // Options before any heading: the paragraph above them is the stem.
                    let paragraph = markdown::last_paragraph(&preamble);
                    let first = paragraph.first().map_or(line.number, |l| l.number);
                    let mut question = Open::new(first);
                    question.stem = markdown::stem_of(paragraph);
                    add_option(&mut question, checked);
                    open = Some(question);
                } else {
                    preamble.push(line);
                }
                continue;
            };
            if checked.is_some() {
                let starts_next = question.after.iter().any(|l| !l.is_blank() && !is_explanation_start(l));
                if !question.options.is_empty() && starts_next {
                    // A paragraph after the options, then options again: the next question.
                    let Some(mut done) = open.take() else { continue };
                    let (explanation, rest) = split_after(std::mem::take(&mut done.after));
                    done.after = explanation;
                    done.finish(&mut out);
                    let stem_lines: Vec<MdLine> = rest.into_iter().filter(|l| !is_decoration(&l.text)).collect();
                    let first = stem_lines.iter().find(|l| !l.is_blank()).map_or(line.number, |l| l.number);
                    let mut next = Open::new(first);
                    next.stem = markdown::stem_of(&stem_lines);
                    add_option(&mut next, checked);
                    open = Some(next);
                } else {
                    question.after.clear();
                    add_option(question, checked);
                }
            } else if question.options.is_empty() {
                question.stem.push(&line);
            } else if line.kind == Kind::Text
                && !line.text.trim().is_empty()
                && (question.after.is_empty() && continues(&line.text)
                    || question.after.iter().all(MdLine::is_blank) && line.text.starts_with([' ', '\t']))
                && let Some(last) = question.options.last_mut()
            {
                // A line right under an option, or indented under it, continues it.
                last.text.push(' ');
                last.text.push_str(&inline(line.text.trim()));
            } else {
                question.after.push(line);
            }
        }
        if let Some(done) = open {
            done.finish(&mut out);
        }
        out
    }
}

/// Whether a line right under an option may be the rest of its text (not a
/// link, image, HTML, table, quote, "Back to top" or explanation).
fn continues(text: &str) -> bool {
    let trimmed = text.trim_start().trim_start_matches(['*', '_']);
    let lower = trimmed.to_ascii_lowercase();
    !trimmed.starts_with(['[', '!', '<', '|', '>', '#'])
        && !lower.contains("back to top")
        && !lower.starts_with("explanation")
        && answer::answer_line(text).is_none()
}

fn is_explanation_start(line: &MdLine) -> bool {
    line.text.trim().trim_start_matches(['*', '_', '>', ' ']).to_ascii_lowercase().starts_with("explanation")
}

/// Splits the lines after a question's options into its explanation
/// paragraph (if any) and the rest (which may be the next question's stem).
fn split_after(after: Vec<MdLine>) -> (Vec<MdLine>, Vec<MdLine>) {
    let Some(start) = after.iter().position(is_explanation_start) else { return (Vec::new(), after) };
    let end = after[start..].iter().position(MdLine::is_blank).map_or(after.len(), |e| start + e);
    let mut rest = after;
    let explanation: Vec<MdLine> = rest.drain(start..end).collect();
    (explanation, rest)
}

/// A "Back to top" line or a line that is only a link: never part of a stem.
fn is_decoration(text: &str) -> bool {
    let bare = text.trim().trim_matches(['*', '_']).trim();
    bare.to_ascii_lowercase().contains("back to top") || (bare.starts_with('[') && bare.ends_with(')'))
}

fn add_option(question: &mut Open, checked: Option<(bool, &str)>) {
    if let Some((correct, text)) = checked {
        question.options.push(DraftOption { text: inline(text), correct, explanation: None });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions(text: &str) -> Vec<Entry> {
        MdCheckbox.read(text)
    }

    #[test]
    fn a_heading_with_options_is_a_question() {
        let entries = questions(
            "# Title\n\n- [Q1](#q1)\n\n### What is S3?\n\n- [ ] A database\n- [x] Object storage  \n\n**[⬆ Back to Top](#top)**\n",
        );
        assert_eq!(entries.len(), 1, "{entries:?}");
        let Entry::Question(q) = &entries[0] else { panic!("{entries:?}") };
        assert_eq!((q.line, q.stem.as_str()), (5, "What is S3?"));
        assert_eq!(
            q.options.iter().map(|o| (o.text.as_str(), o.correct)).collect::<Vec<_>>(),
            [("A database", false), ("Object storage", true)]
        );
    }

    #[test]
    fn questions_without_headings_follow_each_other() {
        let entries = questions(
            "Intro.\n\n1. First?\n\n- [x] yes\n- [ ] no\n\n[Back to top](#top)\n\n2) Second?\n* [ ] yes\n* [X] no\n",
        );
        let stems: Vec<String> = entries
            .iter()
            .filter_map(|e| if let Entry::Question(q) = e { Some(q.stem.clone()) } else { None })
            .collect();
        assert_eq!(stems, ["First?", "Second?"], "{entries:?}");
    }

    #[test]
    fn a_wrapped_option_stays_one_option() {
        let entries = questions("### Q?\n- [ ] A long option\nthat wraps\n- [x] next\n**[Back to top](#top)**\n");
        let Some(Entry::Question(q)) = entries.first() else { panic!("{entries:?}") };
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(q.options[0].text, "A long option that wraps");
        assert_eq!(q.options[1].text, "next");
    }

    #[test]
    fn numbered_questions_under_a_title() {
        let entries =
            questions("# Practice\n\nIntro text\n\n1. First?\n- [x] a\n- [ ] b\n\n2. Second?\n- [ ] a\n- [x] b\n");
        let stems: Vec<(usize, String)> = entries
            .iter()
            .filter_map(|e| if let Entry::Question(q) = e { Some((q.line, q.stem.clone())) } else { None })
            .collect();
        assert_eq!(stems, [(5, "First?".to_string()), (9, "Second?".to_string())], "{entries:?}");
        let listed = questions("### Which meet these requirements:\n1. cheap\n2. fast\n\n- [x] a\n- [ ] b\n");
        let Some(Entry::Question(q)) = listed.first() else { panic!("{listed:?}") };
        assert_eq!(q.stem, "Which meet these requirements:\n1. cheap\n2. fast");
    }

    #[test]
    fn unmarked_questions_are_skipped_with_their_line() {
        let entries = questions("## Q\n- [ ] a\n- [ ] b\n");
        assert_eq!(entries, [Entry::Skipped { line: 1, reason: "no option is marked [x]".into() }]);
    }

    #[test]
    fn unticked_boxes_take_the_answer_line_below_them() {
        let entries =
            questions("### Q?\n- [ ] a\n- [ ] b\n\n<details><summary>Answer</summary>\n\nAnswer: B\n</details>\n");
        let Some(Entry::Question(q)) = entries.first() else { panic!("{entries:?}") };
        assert!(q.options[1].correct && !q.options[0].correct);
    }

    #[test]
    fn an_explanation_after_the_options_is_kept() {
        let entries = questions("### Q?\n- [x] a\n- [ ] b\n\nExplanation: because a.\n\n### R?\n- [x] c\n- [ ] d\n");
        let Some(Entry::Question(q)) = entries.first() else { panic!("{entries:?}") };
        assert_eq!(q.explanation.as_deref(), Some("because a."));
        assert_eq!(entries.len(), 2);
    }
}
