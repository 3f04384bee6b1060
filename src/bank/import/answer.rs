//! Reading option letters the many ways people write them: "B", "A, D",
//! "A and D", "AD", "1,4"; answer lines such as `**Correct answer(s):** B` or
//! `Answer: A, D`; and lettered options such as `A) text`, `A. text`, `- (A) text`.

/// The most options a question may have (A to J).
pub const MAX_OPTIONS: usize = 10;

/// The option index of a letter A–J (either case).
fn index_of(letter: char) -> Option<usize> {
    let upper = letter.to_ascii_uppercase();
    ('A'..='J').contains(&upper).then(|| usize::from(upper as u8 - b'A'))
}

/// Option indices from "B", "A, D", "A and D", "A/D", "AD" or "1, 4", in
/// order of first mention. Reading stops at the first word that is not a
/// letter or number ("B. Use Amazon S3" gives B). `None` when there is none.
pub fn letters(text: &str) -> Option<Vec<usize>> {
    let mut found: Vec<usize> = Vec::new();
    let words = text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '/' | '&' | '+' | '|'));
    for word in words.filter(|w| !w.is_empty()) {
        let word = word.trim_matches(|c: char| matches!(c, '*' | '_' | '`' | '(' | '[' | ']' | '"' | '\''));
        if word.is_empty() || word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("or") {
            continue;
        }
        let bare = word.trim_end_matches(['.', ')', ':']);
        let indices: Option<Vec<usize>> = if let Ok(n) = bare.parse::<usize>() {
            (1..=MAX_OPTIONS).contains(&n).then(|| vec![n - 1])
        } else if bare.len() == 1 || bare.chars().all(|c| c.is_ascii_uppercase()) {
            bare.chars().map(index_of).collect()
        } else {
            None
        };
        match indices {
            Some(indices) if !indices.is_empty() => {
                for i in indices {
                    if !found.contains(&i) {
                        found.push(i);
                    }
                }
            }
            _ => break,
        }
    }
    (!found.is_empty()).then_some(found)
}

/// Like [`letters`], but only when the whole text is letters ("B", "A, D"):
/// for a line after an answer label, which must not be the next question.
pub fn letters_only(text: &str) -> Option<Vec<usize>> {
    let words = text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '/' | '&' | '+' | '|'));
    let all_letters = words.filter(|w| !w.is_empty()).all(|w| {
        let w = w.trim_matches(|c: char| matches!(c, '*' | '_' | '`' | '(' | ')' | '.' | ':'));
        w.is_empty()
            || w.eq_ignore_ascii_case("and")
            || (w.chars().all(|c| c.is_ascii_uppercase()) && w.chars().all(|c| index_of(c).is_some()))
            || (w.len() == 1 && w.chars().all(|c| index_of(c).is_some()))
    });
    if all_letters { letters(text) } else { None }
}

/// What an answer line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerLine {
    /// The right options.
    Letters(Vec<usize>),
    /// A label such as "**Answer:**" with the letters on a later line.
    LabelOnly,
}

const LABELS: &[&str] = &[
    "suggested answers",
    "suggested answer",
    "right answers",
    "right answer",
    "correct answers",
    "correct answer(s)",
    "correct answer",
    "correct options",
    "correct option(s)",
    "correct option",
    "correct choices",
    "correct choice",
    "answers",
    "answer(s)",
    "answer",
    "correct",
    "solution",
    "key",
];

/// An answer line: a label ("Answer", "Correct answer(s)", …) with a colon,
/// then letters; any bold, italics, quote or bullet marks around it are ignored.
pub fn answer_line(line: &str) -> Option<AnswerLine> {
    let text = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '-' | '*' | '+' | '_' | '#'));
    let lower = text.to_ascii_lowercase();
    let label = LABELS.iter().find(|label| lower.starts_with(**label))?;
    let rest = text[label.len()..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    let rest = rest.strip_prefix([':', '=', '-', '–', '—'])?;
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    if rest.trim().is_empty() {
        return Some(AnswerLine::LabelOnly);
    }
    letters(rest).map(AnswerLine::Letters)
}

/// A lettered option: `A) text`, `A. text`, `(A) text`, `- A) text`,
/// `**A.** text`, in either case. Returns the option's index and text.
pub fn lettered_option(line: &str) -> Option<(usize, &str)> {
    let mut rest = line.trim_start();
    for bullet in ["- ", "* ", "+ "] {
        if let Some(after) = rest.strip_prefix(bullet) {
            rest = after.trim_start();
            break;
        }
    }
    let bold = rest.starts_with("**");
    rest = rest.trim_start_matches("**");
    let parenthesised = rest.starts_with('(');
    rest = rest.strip_prefix('(').unwrap_or(rest);
    let letter = rest.chars().next()?;
    let index = index_of(letter)?;
    rest = &rest[letter.len_utf8()..];
    rest = if parenthesised { rest.strip_prefix(')')? } else { rest.strip_prefix([')', '.'])? };
    if bold {
        rest = rest.strip_prefix("**").unwrap_or(rest);
    }
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim();
    (!text.is_empty()).then_some((index, text))
}

/// A line explaining one option after the answer: `- A: text`, `**B:** text`,
/// `C) text` or `D - text`.
pub fn option_note(line: &str) -> Option<(usize, &str)> {
    if let Some(found) = lettered_option(line) {
        return Some(found);
    }
    let rest = line.trim_start().trim_start_matches(['-', '*', '+']).trim_start();
    let rest = rest.trim_start_matches("**");
    let letter = rest.chars().next()?;
    let index = index_of(letter)?;
    let rest = rest[letter.len_utf8()..].trim_start_matches("**");
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix(" -")).or_else(|| rest.strip_prefix(" –"))?;
    let text = rest.trim_start_matches("**").trim();
    (!text.is_empty()).then_some((index, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_in_every_common_spelling() {
        assert_eq!(letters("B"), Some(vec![1]));
        assert_eq!(letters("A, D"), Some(vec![0, 3]));
        assert_eq!(letters("A and D"), Some(vec![0, 3]));
        assert_eq!(letters("AD"), Some(vec![0, 3]));
        assert_eq!(letters("**C**"), Some(vec![2]));
        assert_eq!(letters("2, 4"), Some(vec![1, 3]));
        assert_eq!(letters("B. Use Amazon S3"), Some(vec![1]));
        assert_eq!(letters("B) Use Amazon S3"), Some(vec![1]));
        assert_eq!(letters("Amazon S3"), None);
        assert_eq!(letters("K"), None);
        assert_eq!(letters_only("A, D"), Some(vec![0, 3]));
        assert_eq!(letters_only("2. Which one?"), None);
    }

    #[test]
    fn answer_lines() {
        assert_eq!(answer_line("**Correct answer(s):** B"), Some(AnswerLine::Letters(vec![1])));
        assert_eq!(answer_line("Answer: A, D"), Some(AnswerLine::Letters(vec![0, 3])));
        assert_eq!(answer_line("> **Answer:** C"), Some(AnswerLine::Letters(vec![2])));
        assert_eq!(answer_line("Correct Answer: AC"), Some(AnswerLine::Letters(vec![0, 2])));
        assert_eq!(answer_line("**Answer:**"), Some(AnswerLine::LabelOnly));
        assert_eq!(answer_line("**Suggested Answer:** BD"), Some(AnswerLine::Letters(vec![1, 3])));
        assert_eq!(answer_line("Answers vary by region."), None);
        assert_eq!(answer_line("The answer is B"), None);
    }

    #[test]
    fn lettered_options() {
        assert_eq!(lettered_option("A) Amazon S3"), Some((0, "Amazon S3")));
        assert_eq!(lettered_option("- B. Amazon EFS"), Some((1, "Amazon EFS")));
        assert_eq!(lettered_option("(c) lower"), Some((2, "lower")));
        assert_eq!(lettered_option("**D.** Bold"), Some((3, "Bold")));
        assert_eq!(lettered_option("A.B. testing"), None);
        assert_eq!(lettered_option("I think so"), None);
    }

    #[test]
    fn option_notes() {
        assert_eq!(option_note("- A: Too slow."), Some((0, "Too slow.")));
        assert_eq!(option_note("**C:** Costs more."), Some((2, "Costs more.")));
        assert_eq!(option_note("Because it scales."), None);
    }
}
