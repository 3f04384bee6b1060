//! Importers: question sets written for people (Markdown, CSV) turned into a
//! relaxed bank folder that the loader reads like any other.
//!
//! Each layout is one file behind the small [`Importer`] trait: it reads a
//! file's text into [`Entry`]s — a [`Draft`] question with the line it starts
//! on, or a question skipped and why. [`assemble`] places the drafts in a
//! blueprint, builds the same `RawQuestion`s the
//! JSON loader reads, checks each with the loader's own validator (so text is
//! sanitised exactly as the loader does it) and writes the manifest and
//! question file. Importers never panic, whatever the input.

mod answer;
pub mod assemble;
mod delimited;
mod inline;
mod markdown;
mod md_checkbox;
mod md_lettered;
mod place;

pub use assemble::{ImportRequest, ImportedBank, SourceFile, import};

/// A question as an importer read it, before it is placed in a blueprint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The 1-based line where the question starts.
    pub line: usize,
    pub stem: String,
    pub options: Vec<DraftOption>,
    pub explanation: Option<String>,
    /// A domain the file names (a `[D2]` tag, a CSV column), used when the blueprint has it.
    pub domain: Option<u8>,
    pub task: Option<String>,
    /// Tags from the file; those that are service tags become the question's services.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftOption {
    pub text: String,
    pub correct: bool,
    pub explanation: Option<String>,
}

/// What an importer found at one place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Question(Draft),
    Skipped { line: usize, reason: String },
}

/// One layout of question file.
pub trait Importer {
    /// How strongly the text looks like this layout: the number of answered
    /// questions it appears to hold (0: not this layout).
    fn evidence(&self, text: &str) -> usize;
    /// Every question of the text, in order, or why one was skipped.
    fn read(&self, text: &str) -> Vec<Entry>;
}

/// The layouts, as `--format` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    MdCheckbox,
    MdLettered,
    Csv,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::MdCheckbox, Format::MdLettered, Format::Csv];

    pub fn name(self) -> &'static str {
        match self {
            Format::MdCheckbox => "md-checkbox",
            Format::MdLettered => "md-lettered",
            Format::Csv => "csv",
        }
    }

    fn importer(self) -> &'static dyn Importer {
        match self {
            Format::MdCheckbox => &md_checkbox::MdCheckbox,
            Format::MdLettered => &md_lettered::MdLettered,
            Format::Csv => &delimited::Delimited,
        }
    }

    /// Reads a file in this layout.
    pub fn read(self, text: &str) -> Vec<Entry> {
        self.importer().read(text)
    }

    fn describe(self) -> &'static str {
        match self {
            Format::MdCheckbox => {
                "Markdown with a heading per question and options \"- [ ] text\", right ones \"- [x] text\""
            }
            Format::MdLettered => {
                "Markdown with options \"A) text\" or \"A. text\" and an answer line \"Answer: B\" or \"**Correct answer(s):** A, C\""
            }
            Format::Csv => {
                "CSV or TSV with a header row: question, A … J, answer (and optional explanation, domain, task, tags)"
            }
        }
    }
}

/// Finds the layout of a file: by its extension for CSV/TSV, otherwise the
/// layout with the most evidence. A file that fits none gets a message naming
/// the layouts and the first line that did not fit.
pub fn detect(name: &str, text: &str) -> Result<Format, String> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".tsv") {
        return Ok(Format::Csv);
    }
    let best = Format::ALL
        .into_iter()
        .map(|f| (f.importer().evidence(text), f))
        .filter(|(evidence, _)| *evidence > 0)
        .max_by_key(|(evidence, f)| (*evidence, std::cmp::Reverse(*f as u8)));
    best.map(|(_, f)| f).ok_or_else(|| unrecognised(name, text, "no question layout was recognised"))
}

/// The message for a file in no known layout (or with no question in the one asked for).
pub fn unrecognised(name: &str, text: &str, headline: &str) -> String {
    let mut message = format!("{name}: {headline}. mla-quiz bank import reads:");
    for format in Format::ALL {
        message.push_str(&format!("\n  {:<12} {}", format.name(), format.describe()));
    }
    let first = markdown::lines(text).into_iter().find(|l| !l.is_blank() && markdown::heading(&l.text).is_none());
    match first {
        Some(line) => {
            let shown = super::text::clip(&super::text::make_printable(line.text.trim()), 80);
            message.push_str(&format!("\nThe first line that fits none of them is line {}: {shown}", line.number));
        }
        None => message.push_str("\nThe file has no lines besides headings and blank lines."),
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_content_and_extension() {
        assert_eq!(detect("q.md", "### Q?\n- [ ] a\n- [x] b\n"), Ok(Format::MdCheckbox));
        assert_eq!(detect("q.md", "### Q?\n- [ ] a\n- [ ] b\nAnswer: B\n"), Ok(Format::MdCheckbox));
        assert_eq!(detect("q.md", "Question 1\nWhat?\nA) a\nB) b\nAnswer: B\n"), Ok(Format::MdLettered));
        assert_eq!(detect("q.txt", "question,A,B,answer\nWhat?,a,b,A\n"), Ok(Format::Csv));
        assert_eq!(detect("q.tsv", "anything"), Ok(Format::Csv));
    }

    #[test]
    fn an_unknown_layout_names_the_layouts_and_the_first_line() {
        let err = detect("notes.md", "# Notes\n\nJust some prose.\n").err().unwrap_or_default();
        assert!(err.starts_with("notes.md: no question layout was recognised."), "{err}");
        for name in ["md-checkbox", "md-lettered", "csv"] {
            assert!(err.contains(name), "{err}");
        }
        assert!(err.ends_with("line 3: Just some prose."), "{err}");
    }
}
