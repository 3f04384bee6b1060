//! Collects every problem in one JSON fragment (a manifest, a question, a case
//! study), each located by its path inside the fragment.

use super::diagnostic::{Diagnostic, SourceText};
use super::text::{self, TextField};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// How many times longer than the strict limits text in a relaxed bank may be.
pub const RELAXED_LIMIT_FACTOR: usize = 2;

/// One step of a path into a JSON value.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'p> {
    Key(&'p str),
    Index(usize),
}

/// Finds the text of the value at `path` inside `fragment`, or the deepest
/// value on the way to it that exists.
fn find<'t>(fragment: &'t str, path: &[Seg]) -> &'t str {
    let mut current = fragment;
    for seg in path {
        let next: Option<&'t RawValue> = match *seg {
            Seg::Key(key) => serde_json::from_str::<BTreeMap<String, &'t RawValue>>(current)
                .ok()
                .and_then(|map| map.get(key).copied()),
            Seg::Index(i) => {
                serde_json::from_str::<Vec<&'t RawValue>>(current).ok().and_then(|items| items.get(i).copied())
            }
        };
        match next {
            Some(value) => current = value.get(),
            None => break,
        }
    }
    current
}

/// Gathers the problems of one fragment of a source file.
pub struct Checker<'s, 't> {
    src: &'s SourceText<'t>,
    fragment: &'t str,
    pub problems: Vec<Diagnostic>,
    /// Text may be this many times as long as its field's limit (2 in a relaxed bank).
    limit_factor: usize,
}

impl<'s, 't> Checker<'s, 't> {
    pub fn new(src: &'s SourceText<'t>, fragment: &'t str) -> Self {
        Self { src, fragment, problems: Vec::new(), limit_factor: 1 }
    }

    /// Allows text twice as long as the strict limits (for relaxed banks).
    pub fn relax_limits(&mut self) {
        self.limit_factor = RELAXED_LIMIT_FACTOR;
    }

    /// Records a problem with the value at `path`.
    pub fn problem(&mut self, path: &[Seg], message: impl Into<String>) {
        let at = find(self.fragment, path);
        let location = self.src.offset_of(at).map(|o| self.src.location_of_offset(o));
        self.problems.push(self.src.diagnostic(location, message));
    }

    /// Checks a piece of text; on a problem, records it and returns an empty string.
    pub fn text(&mut self, path: &[Seg], raw: &str, field: TextField) -> String {
        match text::clean_within(raw, field, field.max_chars().saturating_mul(self.limit_factor)) {
            Ok(clean) => clean,
            Err(message) => {
                self.problem(path, message);
                String::new()
            }
        }
    }

    /// Checks an id: lower-case letters, digits, `.` and `-`, starting with a letter or digit.
    pub fn id(&mut self, path: &[Seg], raw: &str, what: &str) -> String {
        let id = self.text(path, raw, TextField::Id);
        let well_formed = id.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
        if !id.is_empty() && !well_formed {
            self.problem(path, format!("{what} {id:?} may hold only lower-case letters, digits, '.' and '-'"));
        }
        id
    }

    /// Reports every key of the object at `path` that is not in `allowed`.
    pub fn unknown_fields(&mut self, path: &[Seg], allowed: &[&str]) {
        let object = find(self.fragment, path);
        let Ok(map) = serde_json::from_str::<BTreeMap<String, &RawValue>>(object) else {
            return;
        };
        for (key, value) in map {
            if !allowed.contains(&key.as_str()) {
                let location = self.src.location_of(value);
                let message = format!("unknown field `{key}`, expected one of: {}", allowed.join(", "));
                self.problems.push(self.src.diagnostic(location, message));
            }
        }
    }

    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}
