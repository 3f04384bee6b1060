//! Problems found in a bank, each tied to a file and (where known) a line and column.
//!
//! [`SourceText`] turns byte offsets and borrowed JSON fragments back into
//! 1-based line/column positions, so every [`Diagnostic`] can be printed as
//! `path:line:col: message`, the form editors and terminals understand.

use serde_json::value::RawValue;
use std::cell::OnceCell;
use std::fmt;

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// One problem in a bank file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub location: Option<Location>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(at) => write!(f, "{}:{}:{}: {}", self.path, at.line, at.column, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// The text of one bank file, with an index of where its lines start (made
/// the first time a location is asked for: a clean file never needs it).
pub struct SourceText<'a> {
    pub path: &'a str,
    pub text: &'a str,
    line_index: OnceCell<Vec<usize>>,
}

impl<'a> SourceText<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        Self { path, text, line_index: OnceCell::new() }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_index
            .get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// The line and column of a byte offset into the text.
    pub fn location_of_offset(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line_index = line_starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let line_start = line_starts.get(line_index).copied().unwrap_or(0);
        let column = self.text.get(line_start..offset).map_or(1, |prefix| prefix.chars().count() + 1);
        Location { line: line_index + 1, column }
    }

    /// The byte offset of a fragment borrowed from this text, if it is one.
    pub fn offset_of(&self, fragment: &str) -> Option<usize> {
        let start = self.text.as_ptr() as usize;
        let at = fragment.as_ptr() as usize;
        (at >= start && at <= start + self.text.len()).then(|| at - start)
    }

    /// Where a raw JSON value borrowed from this text begins.
    pub fn location_of(&self, raw: &RawValue) -> Option<Location> {
        self.offset_of(raw.get()).map(|o| self.location_of_offset(o))
    }

    /// A diagnostic at a location in this file.
    pub fn diagnostic(&self, location: Option<Location>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { path: self.path.to_string(), location, message: message.into() }
    }

    /// A diagnostic for a serde error raised while reading `fragment` (a part of this text).
    pub fn serde_diagnostic(&self, fragment: &str, error: &serde_json::Error) -> Diagnostic {
        let base = self.offset_of(fragment).unwrap_or(0);
        let location = (error.line() > 0).then(|| {
            let in_fragment = SourceText::new(self.path, fragment);
            let line_start = in_fragment.line_starts().get(error.line() - 1).copied();
            let offset = line_start.map_or(fragment.len(), |start| {
                // serde_json counts columns in bytes; step over them to a char boundary.
                let mut end = (start + error.column().saturating_sub(1)).min(fragment.len());
                while !fragment.is_char_boundary(end) {
                    end -= 1;
                }
                end
            });
            self.location_of_offset(base + offset)
        });
        self.diagnostic(location, strip_serde_position(&error.to_string()))
    }
}

/// serde_json appends " at line X column Y" to its messages; we print our own.
fn strip_serde_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let src = SourceText::new("f.json", "ab\nçd\n\nx");
        assert_eq!(src.location_of_offset(0), Location { line: 1, column: 1 });
        assert_eq!(src.location_of_offset(5), Location { line: 2, column: 2 });
        assert_eq!(src.location_of_offset(7), Location { line: 3, column: 1 });
        assert_eq!(src.location_of_offset(8), Location { line: 4, column: 1 });
    }

    #[test]
    fn serde_errors_inside_a_fragment_point_into_the_file() {
        let text = "{\n  \"q\": {\"a\": tru}\n}";
        let src = SourceText::new("f.json", text);
        let fragment = &text[9..20];
        let err = serde_json::from_str::<serde_json::Value>(fragment).err();
        let diag = err.map(|e| src.serde_diagnostic(fragment, &e));
        let diag = diag.as_ref().map(ToString::to_string);
        assert_eq!(diag.as_deref(), Some("f.json:2:17: expected ident"));
    }
}
