//! Collects every problem in one JSON fragment (a manifest, a question, a case
//! study), each located by its path inside the fragment.

use super::diagnostic::{Diagnostic, SourceText};
use super::raw::Text;
use super::text::{self, TextField};
use foldhash::HashSet;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::cell::RefCell;
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

/// Bank text that lives as long as the process: borrowed text is kept as it
/// is, text that had to be changed is leaked (see [`super::model`]).
pub fn keep(text: Cow<'static, str>) -> &'static str {
    match text {
        Cow::Borrowed(text) => text,
        Cow::Owned(text) => text.leak(),
    }
}

/// A list built from bank text, kept for the life of the process like the text.
pub fn keep_all<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

/// Lists of text that many questions share (the same service tags, the same
/// references), kept once: a large bank repeats a few lists many times.
#[derive(Default)]
pub struct SharedLists(RefCell<HashSet<&'static [&'static str]>>);

impl SharedLists {
    pub fn keep(&self, items: Vec<&'static str>) -> &'static [&'static str] {
        if items.is_empty() {
            return &[];
        }
        let mut kept = self.0.borrow_mut();
        if let Some(&list) = kept.get(&items[..]) {
            return list;
        }
        let list = keep_all(items);
        kept.insert(list);
        list
    }
}

/// Lower-case letters, digits, `.` and `-`, starting with a letter or digit.
fn is_well_formed_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

/// A copy of a question fragment without the fields `allowed` does not name
/// (at the top and in each of its `options`), so that the rest of a question
/// with an unknown field can still be read and checked; `None` if the fragment
/// is not a JSON object. The unknown fields are reported by [`Checker::unknown_fields`].
pub fn without_unknown_fields(fragment: &str, allowed: &[&str], option_allowed: &[&str]) -> Option<String> {
    let mut value: serde_json::Map<String, serde_json::Value> = serde_json::from_str(fragment).ok()?;
    value.retain(|key, _| allowed.contains(&key.as_str()));
    if let Some(serde_json::Value::Array(options)) = value.get_mut("options") {
        for option in options.iter_mut().filter_map(serde_json::Value::as_object_mut) {
            option.retain(|key, _| option_allowed.contains(&key.as_str()));
        }
    }
    serde_json::to_string(&value).ok()
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

    /// A checker that only needs to know whether there is a problem: it has
    /// no fragment to locate problems in (the one-pass read, which gives up
    /// at the first problem and leaves locating to a second read).
    pub fn unlocated(src: &'s SourceText<'t>) -> Self {
        Self::new(src, "")
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
    pub fn text<'r>(&mut self, path: &[Seg], raw: &'r str, field: TextField) -> Cow<'r, str> {
        match text::clean_within(raw, field, field.max_chars().saturating_mul(self.limit_factor)) {
            Ok(clean) => clean,
            Err(message) => {
                self.problem(path, message);
                Cow::Borrowed("")
            }
        }
    }

    /// [`Checker::text`] for text read from a bank file, kept for the life of the process.
    pub fn kept(&mut self, path: &[Seg], raw: &Text<'static>, field: TextField) -> &'static str {
        match &raw.0 {
            Cow::Borrowed(raw) => keep(self.text(path, raw, field)),
            Cow::Owned(raw) => self.text(path, raw, field).into_owned().leak(),
        }
    }

    /// Checks an id: lower-case letters, digits, `.` and `-`, starting with a letter or digit.
    pub fn id<'r>(&mut self, path: &[Seg], raw: &'r str, what: &str) -> Cow<'r, str> {
        let id = self.text(path, raw, TextField::Id);
        if !id.is_empty() && !is_well_formed_id(&id) {
            self.problem(path, format!("{what} {id:?} may hold only lower-case letters, digits, '.' and '-'"));
        }
        id
    }

    /// [`Checker::id`] for an id read from a bank file, kept for the life of the process.
    pub fn kept_id(&mut self, path: &[Seg], raw: &Text<'static>, what: &str) -> &'static str {
        match &raw.0 {
            Cow::Borrowed(raw) => keep(self.id(path, raw, what)),
            Cow::Owned(raw) => self.id(path, raw, what).into_owned().leak(),
        }
    }

    /// Reports, for each object of the list at `path`, every key not in `allowed`.
    pub fn unknown_fields_of_each(&mut self, path: &[Seg], allowed: &[&str]) {
        let count = serde_json::from_str::<Vec<&RawValue>>(find(self.fragment, path)).map_or(0, |items| items.len());
        for i in 0..count {
            let mut item = path.to_vec();
            item.push(Seg::Index(i));
            self.unknown_fields(&item, allowed);
        }
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

#[cfg(test)]
mod tests {
    use super::SharedLists;

    #[test]
    fn equal_lists_are_kept_once() {
        let lists = SharedLists::default();
        let glue = lists.keep(vec!["glue", "s3"]);
        let again = lists.keep(vec!["glue".to_string().leak(), "s3"]);
        assert!(std::ptr::eq(glue, again), "the second list should be the first one");
        assert_eq!(lists.keep(vec!["s3", "glue"]), ["s3", "glue"]);
        assert!(lists.keep(Vec::new()).is_empty());
    }
}
