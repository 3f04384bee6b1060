//! Lays out one question as wrapped lines: case-study scenario, stem, options
//! (in the session's display order) and, with feedback, right/wrong marks,
//! every option's explanation, the overall explanation and the references.
//!
//! It also records which lines each option occupies, so the screen can keep
//! the cursor in view and map mouse clicks to options.

use super::theme::Theme;
use super::wrap::{wrap, wrap_hanging};
use crate::bank::{AnswerKey, CaseStudy, Question, QuestionType, choose_word};
use crate::engine::{ItemState, Response, is_correct};
use ratatui::text::{Line, Span};

/// What the candidate is doing with the question right now.
pub struct View<'a> {
    pub question: &'a Question,
    pub item: &'a ItemState,
    pub case_study: Option<&'a CaseStudy>,
    /// Display row under the cursor, if the cursor is shown.
    pub cursor: Option<usize>,
    /// Ordering: the current arrangement (option indices), which may not be saved yet.
    pub arrangement: &'a [usize],
    /// Ordering: the step under the cursor is picked up and moves with it.
    pub grabbed: bool,
    pub feedback: bool,
    pub theme: Theme,
}

/// The laid-out question.
pub struct Document {
    pub lines: Vec<Line<'static>>,
    /// For each display row (option, step or prompt): its first and last line.
    pub rows: Vec<(usize, usize)>,
}

impl Document {
    fn push(&mut self, text: String, style: ratatui::style::Style) {
        self.lines.push(Line::from(Span::styled(text, style)));
    }

    fn push_wrapped(&mut self, text: &str, width: usize, style: ratatui::style::Style) {
        for line in wrap(text, width) {
            self.push(line, style);
        }
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }
}

/// "A", "B", … for display row `i`.
pub fn letter(i: usize) -> char {
    char::from(b'A' + u8::try_from(i % 26).unwrap_or(0))
}

pub fn layout(view: &View, width: usize) -> Document {
    let theme = view.theme;
    let q = view.question;
    let mut doc = Document { lines: Vec::new(), rows: Vec::new() };
    if let Some(cs) = view.case_study {
        doc.push_wrapped(&format!("Case study: {}", cs.title), width, theme.title());
        doc.push_wrapped(cs.scenario, width, ratatui::style::Style::new());
        doc.push("─".repeat(width.min(40)), theme.dim());
    }
    doc.push_wrapped(q.stem, width, ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::BOLD));
    if let Some(hint) = instruction(q) {
        doc.push_wrapped(&hint, width, theme.dim());
    }
    doc.blank();
    match &q.key {
        AnswerKey::Single(_) | AnswerKey::Multiple(_) => choices(&mut doc, view, width),
        AnswerKey::Ordering => ordering(&mut doc, view, width),
        AnswerKey::Matching { responses, .. } => matching(&mut doc, view, responses, width),
    }
    if view.feedback {
        feedback(&mut doc, view, width);
    }
    doc
}

fn instruction(q: &Question) -> Option<String> {
    match q.question_type() {
        QuestionType::Single => None,
        QuestionType::Multiple => {
            let word = choose_word(q.required_choices()).unwrap_or("ALL THAT APPLY");
            Some(format!("Choose {word}: toggle with Space or the option's letter."))
        }
        QuestionType::Ordering => {
            Some("Put the steps in order: move a step with J/K or Shift+↑↓ (or Space to pick up and drop).".into())
        }
        QuestionType::Matching => {
            Some("For each prompt, choose a response with its number (or Space to cycle).".into())
        }
    }
}

fn chosen(item: &ItemState, option: usize) -> bool {
    match &item.response {
        Some(Response::Single(i)) => *i == option,
        Some(Response::Multiple(set)) => set.contains(&option),
        _ => false,
    }
}

fn is_key(q: &Question, option: usize) -> bool {
    match &q.key {
        AnswerKey::Single(i) => *i == option,
        AnswerKey::Multiple(set) => set.contains(&option),
        _ => false,
    }
}

/// The letters, as shown to the candidate, of the right options ("B, D"); `None`
/// for ordering and matching questions.
pub fn key_letters(q: &Question, item: &ItemState) -> Option<String> {
    if !matches!(q.key, AnswerKey::Single(_) | AnswerKey::Multiple(_)) {
        return None;
    }
    let letters: Vec<String> =
        item.order.iter().enumerate().filter(|(_, o)| is_key(q, **o)).map(|(row, _)| letter(row).to_string()).collect();
    Some(letters.join(", "))
}

fn row_style(view: &View, row: usize) -> ratatui::style::Style {
    if view.cursor == Some(row) { view.theme.cursor() } else { ratatui::style::Style::new() }
}

fn choices(doc: &mut Document, view: &View, width: usize) {
    let multiple = view.question.question_type() == QuestionType::Multiple;
    for (row, &option) in view.item.order.iter().enumerate() {
        let picked = chosen(view.item, option);
        let boxed = match (multiple, picked) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(•)",
            (false, false) => "( )",
        };
        let mark = if !view.feedback {
            " "
        } else if is_key(view.question, option) {
            "✔"
        } else if picked {
            "✘"
        } else {
            " "
        };
        let style = match (view.feedback, is_key(view.question, option), picked) {
            (true, true, _) => view.theme.correct(),
            (true, false, true) => view.theme.wrong(),
            (false, _, true) => view.theme.selected(),
            _ => ratatui::style::Style::new(),
        }
        .patch(row_style(view, row));
        let prefix = format!("{mark}{boxed} {}. ", letter(row));
        let first = doc.lines.len();
        for line in wrap_hanging(&prefix, view.question.options[option].text, width) {
            doc.push(line, style);
        }
        if view.feedback {
            for line in option_explanation("       ", view.question.options[option].explanation, width) {
                doc.push(line, view.theme.dim());
            }
        }
        doc.rows.push((first, doc.lines.len() - 1));
    }
}

fn ordering(doc: &mut Document, view: &View, width: usize) {
    let q = view.question;
    for (row, &step) in view.arrangement.iter().enumerate() {
        let grabbed = view.grabbed && view.cursor == Some(row);
        let mark = match (view.feedback, step == row) {
            (false, _) => {
                if grabbed {
                    "»"
                } else {
                    " "
                }
            }
            (true, true) => "✔",
            (true, false) => "✘",
        };
        let style = match (view.feedback, step == row) {
            (true, true) => view.theme.correct(),
            (true, false) => view.theme.wrong(),
            _ if grabbed => view.theme.selected(),
            _ => ratatui::style::Style::new(),
        }
        .patch(row_style(view, row));
        let first = doc.lines.len();
        for line in wrap_hanging(&format!("{mark} {}. ", row + 1), q.options[step].text, width) {
            doc.push(line, style);
        }
        doc.rows.push((first, doc.lines.len() - 1));
    }
}

fn matching(doc: &mut Document, view: &View, responses: &[&str], width: usize) {
    let q = view.question;
    let chosen: Vec<Option<usize>> = match &view.item.response {
        Some(Response::Matching(c)) => c.clone(),
        _ => vec![None; q.options.len()],
    };
    let number_of = |response: usize| view.item.response_order.iter().position(|&r| r == response).map(|p| p + 1);
    let key: &[usize] = match q.key {
        AnswerKey::Matching { matches, .. } => matches,
        _ => &[],
    };
    for (row, &prompt) in view.item.order.iter().enumerate() {
        let answer = chosen.get(prompt).copied().flatten();
        let right = answer.is_some() && answer == key.get(prompt).copied();
        let shown = match answer {
            Some(r) => format!("{} {}", number_of(r).unwrap_or(0), responses[r]),
            None => "—".to_string(),
        };
        let mark = match (view.feedback, right) {
            (false, _) => " ",
            (true, true) => "✔",
            (true, false) => "✘",
        };
        let style = match (view.feedback, right) {
            (true, true) => view.theme.correct(),
            (true, false) => view.theme.wrong(),
            _ => ratatui::style::Style::new(),
        }
        .patch(row_style(view, row));
        let first = doc.lines.len();
        let text = format!("{}  →  {shown}", q.options[prompt].text);
        for line in wrap_hanging(&format!("{mark} {}. ", letter(row)), &text, width) {
            doc.push(line, style);
        }
        if view.feedback {
            if !right && let Some(&k) = key.get(prompt) {
                let correct = format!("Correct: {}", responses[k]);
                for line in wrap_hanging("      ", &correct, width) {
                    doc.push(line, view.theme.correct());
                }
            }
            for line in option_explanation("      ", q.options[prompt].explanation, width) {
                doc.push(line, view.theme.dim());
            }
        }
        doc.rows.push((first, doc.lines.len() - 1));
    }
    doc.blank();
    doc.push("Responses:".into(), view.theme.dim());
    for (position, &response) in view.item.response_order.iter().enumerate() {
        for line in wrap_hanging(&format!("  {}. ", position + 1), responses[response], width) {
            doc.push(line, ratatui::style::Style::new());
        }
    }
}

fn feedback(doc: &mut Document, view: &View, width: usize) {
    let q = view.question;
    let theme = view.theme;
    doc.blank();
    let verdict = match &view.item.response {
        None => ("✘ Not answered".to_string(), theme.wrong()),
        Some(r) if is_correct(q, r) => ("✔ Correct".to_string(), theme.correct()),
        Some(_) => ("✘ Incorrect".to_string(), theme.wrong()),
    };
    doc.push(verdict.0, verdict.1);
    if q.question_type() == QuestionType::Ordering {
        doc.push("Correct order:".into(), theme.correct());
        for (i, option) in q.options.iter().enumerate() {
            for line in wrap_hanging(&format!("  {}. ", i + 1), option.text, width) {
                doc.push(line, theme.correct());
            }
            for line in option_explanation("     ", option.explanation, width) {
                doc.push(line, theme.dim());
            }
        }
    } else if let Some(letters) = key_letters(q, view.item) {
        doc.push(format!("Correct answer: {letters}"), theme.correct());
    }
    doc.blank();
    doc.push("Explanation".into(), theme.title());
    if q.explanation.is_empty() {
        doc.push_wrapped(NO_EXPLANATION, width, theme.dim());
    } else {
        doc.push_wrapped(q.explanation, width, ratatui::style::Style::new());
    }
    if !q.references.is_empty() {
        doc.blank();
        doc.push("References".into(), theme.title());
        for url in q.references {
            doc.push_wrapped(url, width, theme.link());
        }
    }
}

/// Shown where a relaxed (imported) bank gives no overall explanation.
pub const NO_EXPLANATION: &str = "No explanation in this bank.";

/// An option's own explanation as indented lines; none when the bank leaves it out.
fn option_explanation(indent: &str, explanation: &str, width: usize) -> Vec<String> {
    if explanation.is_empty() { Vec::new() } else { wrap_hanging(indent, explanation, width) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::QuestionOption;

    /// A true/false question from a relaxed bank: no explanations, no references.
    fn bare_question() -> Question {
        let option = |text| QuestionOption { text, explanation: "" };
        Question {
            id: "imported-0001",
            bank: "imported",
            domain: 1,
            task: "",
            services: &[],
            difficulty: None,
            case_study: None,
            stem: "Amazon S3 is object storage.",
            options: vec![option("True"), option("False")].leak(),
            key: AnswerKey::Single(0),
            explanation: "",
            references: &[],
        }
    }

    fn text_of(doc: &Document) -> Vec<String> {
        doc.lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn a_question_without_explanations_says_so_once() {
        let question = bare_question();
        let item: ItemState = serde_json::from_value(serde_json::json!({
            "question_id": "imported-0001", "order": [0, 1], "response": null, "submitted": true
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let view = View {
            question: &question,
            item: &item,
            case_study: None,
            cursor: None,
            arrangement: &[],
            grabbed: false,
            feedback: true,
            theme: Theme::plain(),
        };
        let lines = text_of(&layout(&view, 60));
        assert_eq!(lines.iter().filter(|l| l.as_str() == NO_EXPLANATION).count(), 1, "{lines:#?}");
        assert!(!lines.iter().any(|l| l == "References"), "no empty References heading: {lines:#?}");
        let true_row = lines.iter().position(|l| l.contains("A. True")).unwrap_or(0);
        assert!(lines[true_row + 1].contains("B. False"), "no blank option explanation: {lines:#?}");
    }
}
