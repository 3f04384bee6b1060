//! Markdown with lettered options and an answer line:
//!
//! ```text
//! ### Question 12 [D2]
//! A team trains … Which approach meets the requirement?
//! A) First option
//! B) Second option
//! **Correct answer(s):** B
//! Explanation: Why B is right.
//! - A: Why A is wrong.
//! ```
//!
//! A question starts at a heading, a "Question N" line or a numbered item at
//! the margin ("12. text"; a title heading above such items holds no
//! question). Options are `A)`,
//! `A.` or `(A)`, bare or as bullets. The answer line names the right letters
//! (`Answer: A, D`), alone or inside a `<details>` block; its letters may be on
//! the next line. An `Explanation:` paragraph becomes the question's
//! explanation, and lines such as `- A: text` after the answer become the
//! options' own explanations. A `[D1]`-style tag names the domain.

use super::answer::{self, AnswerLine};
use super::inline::inline;
use super::markdown::{self, Kind, MdLine, Paragraphs};
use super::{Draft, DraftOption, Entry, Importer};

pub struct MdLettered;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Stem,
    Options,
    /// After the answer line or an explanation: notes and explanation text.
    After,
}

struct Open {
    line: usize,
    stem: Paragraphs,
    options: Vec<DraftOption>,
    answer: Option<Vec<usize>>,
    awaiting_answer: bool,
    /// The explanation being read.
    explanation: Option<Paragraphs>,
    /// The explanation, once something else followed it.
    explained: Option<String>,
    phase: Phase,
    /// Started by a bare "Question 12" label: a numbered list below it is its stem.
    label_only: bool,
}

impl Open {
    fn new(line: usize, first: &str) -> Open {
        let mut stem = Paragraphs::default();
        stem.push_text(markdown::strip_question_number(first));
        Open {
            line,
            stem,
            options: Vec::new(),
            answer: None,
            awaiting_answer: false,
            explanation: None,
            explained: None,
            phase: Phase::Stem,
            label_only: markdown::strip_question_number(first).is_empty(),
        }
    }

    /// Whether a numbered line at the margin starts the next question rather
    /// than a list in this one's stem.
    fn ends_at_numbered_line(&self) -> bool {
        !self.options.is_empty() || !(self.label_only || self.stem.in_list())
    }

    /// Ends the explanation being read, if any.
    fn close_explanation(&mut self) {
        if let Some(text) = self.explanation.take().map(Paragraphs::finish).filter(|e| !e.is_empty()) {
            self.explained = Some(text);
        }
    }

    fn finish(mut self, out: &mut Vec<Entry>) {
        self.close_explanation();
        if self.options.is_empty() {
            return; // a heading or label without options
        }
        let Some(answer) = self.answer else {
            let reason = "no answer line (such as \"Answer: B\") after the options".to_string();
            out.push(Entry::Skipped { line: self.line, reason });
            return;
        };
        let n = self.options.len();
        if let Some(&beyond) = answer.iter().find(|&&i| i >= n) {
            let letter = char::from(b'A' + u8::try_from(beyond).unwrap_or(25));
            let reason = format!("the answer names option {letter}, but the question has {n} options");
            out.push(Entry::Skipped { line: self.line, reason });
            return;
        }
        let mut options = self.options;
        for i in answer {
            options[i].correct = true;
        }
        let mut stem = self.stem.finish();
        let domain = take_domain_tag(&mut stem);
        let explanation = self.explained;
        out.push(Entry::Question(Draft { line: self.line, stem, options, explanation, domain, ..Draft::default() }));
    }

    fn handle(&mut self, line: &MdLine) {
        if line.kind != Kind::Text {
            match (&mut self.explanation, self.phase) {
                (Some(explanation), _) => explanation.push(line),
                (None, Phase::Stem) => self.stem.push(line),
                _ => {}
            }
            return;
        }
        let text = line.text.as_str();
        if text.trim().is_empty() {
            match (&mut self.explanation, self.phase) {
                (Some(explanation), _) => explanation.push(line),
                (None, Phase::Stem) => self.stem.push(line),
                _ => {}
            }
            return;
        }
        if self.awaiting_answer {
            self.awaiting_answer = false;
            if let Some(letters) = answer::letters_only(text) {
                self.answer = Some(letters);
                return;
            }
        }
        if !self.options.is_empty()
            && let Some(found) = answer::answer_line(text)
        {
            match found {
                AnswerLine::Letters(letters) => self.answer = Some(letters),
                AnswerLine::LabelOnly => self.awaiting_answer = true,
            }
            self.close_explanation();
            self.phase = Phase::After;
            return;
        }
        if let Some(rest) = explanation_label(text) {
            self.close_explanation();
            let mut explanation = Paragraphs::default();
            if !rest.is_empty() {
                explanation.push_text(rest);
            }
            self.explanation = Some(explanation);
            if !self.options.is_empty() {
                self.phase = Phase::After;
            }
            return;
        }
        if self.phase != Phase::After
            && let Some((index, option)) = answer::lettered_option(text)
            && index == self.options.len()
        {
            let text = inline(option);
            self.options.push(DraftOption { text, correct: false, explanation: None });
            self.phase = Phase::Options;
            return;
        }
        match self.phase {
            Phase::Stem => self.stem.push(line),
            Phase::Options => {
                if text.starts_with([' ', '\t'])
                    && let Some(last) = self.options.last_mut()
                {
                    last.text.push(' ');
                    last.text.push_str(&inline(text.trim()));
                }
            }
            Phase::After => {
                if let Some((index, note)) = answer::option_note(text)
                    && index < self.options.len()
                    && self.answer.is_some()
                {
                    self.close_explanation();
                    self.options[index].explanation = Some(inline(note));
                } else if is_notes_heading(text) {
                    self.close_explanation();
                } else if let Some(explanation) = &mut self.explanation {
                    explanation.push(line);
                }
            }
        }
    }
}

/// "Explanation: text" (with any bold marks): the text after the label.
fn explanation_label(line: &str) -> Option<&str> {
    let bare = line.trim().trim_start_matches(['*', '_', '>', '-', ' ']);
    let lower = bare.to_ascii_lowercase();
    let label = ["explanation", "rationale"].into_iter().find(|l| lower.starts_with(l))?;
    let rest = bare[label.len()..].trim_start_matches(['*', '_', ' ']);
    let rest = match rest.strip_prefix(':') {
        Some(after) => after,
        None if rest.is_empty() => "",
        None => return None,
    };
    Some(rest.trim_start_matches(['*', '_']).trim())
}

/// A line such as "Why the others are wrong:" that introduces per-option notes.
fn is_notes_heading(line: &str) -> bool {
    let lower = line.trim().trim_matches(['*', '_']).to_ascii_lowercase();
    lower.ends_with(':') && ["wrong", "incorrect", "why", "other"].iter().any(|w| lower.contains(w))
}

/// Headings inside a question's answer part ("Explanation", "Why the others are wrong").
fn is_answer_section(title: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    ["explanation", "answer", "why", "wrong", "incorrect", "rationale"].iter().any(|w| lower.contains(w))
        && !markdown::is_question_label(title)
}

/// Removes a `[D2]` or `[Domain 2]` tag from the text and returns its number.
pub fn take_domain_tag(text: &mut String) -> Option<u8> {
    let mut search = 0;
    while let Some(found) = text[search..].find('[') {
        let start = search + found;
        let Some(end) = text[start..].find(']').map(|e| start + e) else { break };
        let inner = text[start + 1..end].trim().to_ascii_lowercase();
        let number = inner.strip_prefix("domain").or_else(|| inner.strip_prefix('d')).map(str::trim);
        if let Some(domain) = number.and_then(|n| n.parse::<u8>().ok()) {
            text.replace_range(start..=end, "");
            if text[..start].ends_with(' ') && text[start..].starts_with(' ') {
                text.remove(start);
            }
            *text = text.trim().to_string();
            return Some(domain);
        }
        search = end;
    }
    None
}

impl Importer for MdLettered {
    fn evidence(&self, text: &str) -> usize {
        let lines = markdown::lines(text);
        let text_lines = || lines.iter().filter(|l| l.kind == Kind::Text);
        if !text_lines().any(|l| answer::lettered_option(&l.text).is_some_and(|(i, _)| i == 0)) {
            return 0;
        }
        text_lines().filter(|l| matches!(answer::answer_line(&l.text), Some(AnswerLine::Letters(_)))).count()
    }

    fn read(&self, text: &str) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut open: Option<Open> = None;
        let mut preamble: Vec<MdLine> = Vec::new();
        for line in markdown::lines(text) {
            let start = match (line.kind, markdown::heading(&line.text)) {
                (Kind::Text, Some(title))
                    if !(open.as_ref().is_some_and(|o| o.answer.is_some()) && is_answer_section(title)) =>
                {
                    Some(title.to_string())
                }
                (Kind::Text, None) if markdown::is_question_label(&line.text) => {
                    Some(line.text.trim().trim_matches(['*', '_']).to_string())
                }
                // "12. text" starts a question unless it is a list inside a stem.
                (Kind::Text, None) if open.as_ref().is_none_or(Open::ends_at_numbered_line) => {
                    markdown::numbered_question(&line.text).map(str::to_string)
                }
                _ => None,
            };
            if let Some(first) = start {
                if let Some(done) = open.take() {
                    done.finish(&mut out);
                }
                preamble.clear();
                open = Some(Open::new(line.number, &first));
                continue;
            }
            match open.as_mut() {
                Some(question) => question.handle(&line),
                None if line.kind == Kind::Text && answer::lettered_option(&line.text).is_some_and(|(i, _)| i == 0) => {
                    // Options before any heading or label: the paragraph above is the stem.
                    let paragraph = markdown::last_paragraph(&preamble);
                    let first = paragraph.first().map_or(line.number, |l| l.number);
                    let mut question = Open::new(first, "");
                    question.stem = markdown::stem_of(paragraph);
                    question.handle(&line);
                    open = Some(question);
                }
                None => preamble.push(line),
            }
        }
        if let Some(done) = open {
            done.finish(&mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_question(text: &str) -> Draft {
        match MdLettered.read(text).as_slice() {
            [Entry::Question(q)] => q.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_full_question_with_notes() {
        let q = only_question(
            "### Question 12 [D2]\nWhich one?\n\nA) First\nB) Second\nC) Third\n\n**Correct answer(s):** B, C\n\n\
             Explanation: Because.\nStill because.\n\nWhy others are wrong:\n- A: Too slow.\n",
        );
        assert_eq!((q.line, q.stem.as_str(), q.domain), (1, "Which one?", Some(2)));
        let correct: Vec<bool> = q.options.iter().map(|o| o.correct).collect();
        assert_eq!(correct, [false, true, true]);
        assert_eq!(q.explanation.as_deref(), Some("Because. Still because."));
        assert_eq!(q.options[0].explanation.as_deref(), Some("Too slow."));
    }

    #[test]
    fn a_stem_keeps_its_paragraphs() {
        let q = only_question("## Question 2\nFirst paragraph.\n\nSecond?\nA) a\nB) b\nAnswer: A\n");
        assert_eq!(q.stem, "First paragraph.\n\nSecond?");
    }

    #[test]
    fn a_question_line_and_an_answer_in_details() {
        let q = only_question(
            "Question 3: What is it?\n- A. One\n- B. Two\n<details><summary>Answer</summary>\n\nAnswer: A\n</details>\n",
        );
        assert_eq!(q.stem, "What is it?");
        assert!(q.options[0].correct && !q.options[1].correct);
    }

    #[test]
    fn numbered_questions_with_answers_in_details() {
        let text = "1.  First?\n    - A. one\n    - B. two\n\n    <details markdown=1><summary markdown='span'>Answer</summary>\n      Correct answer: B\n      Explanation: Two.\n    </details>\n\n\
                    2. Second, with a list:\n   1. keep data\n   2. keep costs low\n    - A. x\n    - B. y\n\n    <details><summary>Answer</summary>\n      Correct answer:\n    </details>\n\n3. Third?\n- A. p\n- B. q\nAnswer: A\n";
        let entries = MdLettered.read(text);
        assert_eq!(entries.len(), 3, "{entries:#?}");
        let Entry::Question(first) = &entries[0] else { panic!("{entries:?}") };
        assert_eq!((first.stem.as_str(), first.explanation.as_deref()), ("First?", Some("Two.")));
        assert!(first.options[1].correct);
        assert!(matches!(&entries[1], Entry::Skipped { line: 10, .. }), "no letters after the label: {entries:?}");
        let Entry::Question(third) = &entries[2] else { panic!("{entries:?}") };
        assert_eq!(third.stem, "Third?");
    }

    #[test]
    fn a_title_and_intro_above_numbered_questions_are_left_out() {
        let entries = MdLettered.read(
            "# Practice Exam 1\n\nClick Answer.\n\n---\n\n1. First?\n    - A. a\n    - B. b\n\n    Correct Answer: B\n",
        );
        let Some(Entry::Question(q)) = entries.first() else { panic!("{entries:?}") };
        assert_eq!((q.line, q.stem.as_str()), (7, "First?"));
    }

    #[test]
    fn missing_and_impossible_answers_are_skipped() {
        let entries = MdLettered.read("## Q1\nA) a\nB) b\n\n## Q2\nA) a\nB) b\nAnswer: D\n");
        assert_eq!(
            entries,
            [
                Entry::Skipped { line: 1, reason: "no answer line (such as \"Answer: B\") after the options".into() },
                Entry::Skipped { line: 5, reason: "the answer names option D, but the question has 2 options".into() },
            ]
        );
    }

    #[test]
    fn domain_tags() {
        let mut text = "[D3] Which service?".to_string();
        assert_eq!(take_domain_tag(&mut text), Some(3));
        assert_eq!(text, "Which service?");
        let mut text = "Keep [this] text".to_string();
        assert_eq!(take_domain_tag(&mut text), None);
    }
}
