//! One typed pass over a question file with no problems in it: the common
//! case, and the fast one. Each question is read straight from the file's
//! text into a [`RawQuestion`] that borrows its strings, checked, and kept;
//! nothing of the file is held as a JSON tree.
//!
//! The pass gives up at the first problem of any kind (bad JSON, an unknown
//! field, a broken rule); the caller then reads the file again entry by entry,
//! which finds and locates every problem (see `bank_loader`).

use super::checker::Checker;
use super::diagnostic::SourceText;
use super::model::{CaseStudy, Question};
use super::question::{QuestionContext, check_case_study, check_question};
use super::raw::{RawCaseStudy, RawQuestion};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Reads a whole question file, appending its questions and case studies;
/// `false` (with the lists possibly half-filled) if the file has any problem.
pub fn read_clean_file(
    src: &SourceText,
    text: &'static str,
    ctx: &QuestionContext,
    questions: &mut Vec<Question>,
    case_studies: &mut Vec<CaseStudy>,
) -> bool {
    let mut json = serde_json::Deserializer::from_str(text);
    let file = FileSeed { src, ctx, questions, case_studies };
    file.deserialize(&mut json).is_ok() && json.end().is_ok()
}

/// The error that stops the pass at a rule a question or case study breaks.
const BROKEN_RULE: &str = "a question or case study breaks a rule";

struct FileSeed<'p, 's, 'c> {
    src: &'p SourceText<'s>,
    ctx: &'p QuestionContext<'c>,
    questions: &'p mut Vec<Question>,
    case_studies: &'p mut Vec<CaseStudy>,
}

impl<'p, 's, 'c> DeserializeSeed<'static> for FileSeed<'p, 's, 'c> {
    type Value = ();

    fn deserialize<D: Deserializer<'static>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'p, 's, 'c> Visitor<'static> for FileSeed<'p, 's, 'c> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a question file")
    }

    fn visit_map<A: MapAccess<'static>>(self, mut map: A) -> Result<(), A::Error> {
        let (src, ctx) = (self.src, self.ctx);
        let (mut questions, mut case_studies) = (false, false);
        while let Some(key) = map.next_key::<&str>()? {
            match key {
                "questions" if !questions => {
                    questions = true;
                    map.next_value_seed(Each::new(|raw: RawQuestion<'static>| {
                        let mut check = Checker::unlocated(src);
                        match check_question(&mut check, raw, ctx) {
                            Some(question) if check.is_clean() => {
                                self.questions.push(question);
                                true
                            }
                            _ => false,
                        }
                    }))?;
                }
                "case_studies" if !case_studies => {
                    case_studies = true;
                    map.next_value_seed(Each::new(|raw: RawCaseStudy<'static>| {
                        let mut check = Checker::unlocated(src);
                        let case_study = check_case_study(&mut check, &raw);
                        if check.is_clean() {
                            self.case_studies.push(case_study);
                        }
                        check.is_clean()
                    }))?;
                }
                _ => return Err(de::Error::custom("an unknown or repeated field")),
            }
        }
        if questions { Ok(()) } else { Err(de::Error::missing_field("questions")) }
    }
}

/// Reads a list one element at a time, handing each to `keep`, and stops at
/// the first element `keep` refuses.
struct Each<T, F> {
    keep: F,
    element: PhantomData<T>,
}

impl<T, F: FnMut(T) -> bool> Each<T, F> {
    fn new(keep: F) -> Self {
        Each { keep, element: PhantomData }
    }
}

impl<T: Deserialize<'static>, F: FnMut(T) -> bool> DeserializeSeed<'static> for Each<T, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'static>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<T: Deserialize<'static>, F: FnMut(T) -> bool> Visitor<'static> for Each<T, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'static>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(element) = seq.next_element::<T>()? {
            if !(self.keep)(element) {
                return Err(de::Error::custom(BROKEN_RULE));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::read_clean_file;
    use crate::bank::question::QuestionContext;
    use crate::bank::{Library, diagnostic::SourceText};

    fn read(text: &str) -> (bool, usize) {
        let library = Library::load(&[]);
        let bank = &library.banks[0];
        let blueprint = bank.blueprint.as_ref().unwrap_or_else(|| panic!("no blueprint"));
        let lists = Default::default();
        let ctx = QuestionContext { bank: "test", blueprint, services: &bank.services, lists: &lists, relaxed: false };
        let text: &'static str = text.to_string().leak();
        let (mut questions, mut case_studies) = (Vec::new(), Vec::new());
        let clean = read_clean_file(&SourceText::new("q.json", text), text, &ctx, &mut questions, &mut case_studies);
        (clean, questions.len())
    }

    #[test]
    fn a_clean_file_is_read_in_one_pass_and_any_problem_stops_it() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/question_banks/mla-c01/domain-1-task-1.1.json");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
        let (clean, count) = read(&text);
        assert!(clean && count > 10, "{count} questions");
        assert_eq!(read(&text.replacen("\"stem\"", "\"colour\": 1, \"stem\"", 1)), (false, 0));
        assert!(!read(&text.replacen("\"difficulty\": \"", "\"difficulty\": \"x", 1)).0);
        assert!(!read(&text.replacen("https://", "http://", 1)).0);
        assert!(!read(&format!("{text} trailing")).0);
        assert!(!read(r#"{"case_studies": []}"#).0);
        assert!(read(r#"{"questions": [], "case_studies": []}"#).0);
        assert!(!read(r#"{"questions": [], "questions": []}"#).0);
    }
}
