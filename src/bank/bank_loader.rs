//! Loads the question files of one bank whose manifest has been read: each
//! file in one typed pass when it is clean, else entry by entry so that every
//! problem is found and located; then the rules that span files (unique ids,
//! case studies defined and shared).

use super::diagnostic::{Diagnostic, SourceText};
use super::load::MANIFEST;
use super::model::{CaseStudy, Question};
use super::question::{QuestionContext, read_case_study, read_question};
use super::raw::RawQuestionFile;
use super::source::BankSource;
use super::typed_pass::read_clean_file;
use foldhash::HashSet;

/// What a bank's files added, and what went wrong on the way.
pub struct Loaded {
    pub case_studies: Vec<CaseStudy>,
    pub problems: Vec<Diagnostic>,
    /// Questions or whole files left out because of a problem.
    pub skipped: Vec<String>,
}

/// Where an entry was written: its file (index into the source's files) and
/// its place in that file's `questions` or `case_studies` list.
#[derive(Clone, Copy)]
struct Entry {
    file: usize,
    index: usize,
}

/// A problem found after a file was read, located only when it is reported.
struct Pending {
    at: Entry,
    case_study: bool,
    message: String,
}

/// Loads the question files of one bank.
pub struct BankLoader<'l> {
    pub source: &'l BankSource,
    pub ctx: QuestionContext<'l>,
    /// The ids of every question and case study loaded so far, in any bank.
    pub question_ids: &'l mut HashSet<&'static str>,
    pub case_study_ids: &'l mut HashSet<&'static str>,
}

impl BankLoader<'_> {
    /// Appends the bank's questions to `questions`, calling `file_done` with
    /// each file's size once it is checked.
    pub fn load(mut self, questions: &mut Vec<Question>, file_done: &mut dyn FnMut(u64)) -> Loaded {
        let mut loaded = Loaded { case_studies: Vec::new(), problems: Vec::new(), skipped: Vec::new() };
        let (first, mut entries, mut case_entries) = (questions.len(), Vec::new(), Vec::new());
        for (file, (name, text)) in self.source.files.iter().enumerate().filter(|(_, (name, _))| name != MANIFEST) {
            let path = self.source.path_of(name);
            let src = SourceText::new(&path, text);
            let (start, case_start) = (questions.len(), loaded.case_studies.len());
            if read_clean_file(&src, text, &self.ctx, questions, &mut loaded.case_studies) {
                entries.extend((0..questions.len() - start).map(|index| Entry { file, index }));
                case_entries.extend((0..loaded.case_studies.len() - case_start).map(|index| Entry { file, index }));
            } else {
                questions.truncate(start);
                loaded.case_studies.truncate(case_start);
                let read = read_entries(&src, text, &self.ctx, questions, &mut loaded);
                entries.extend(read.questions.into_iter().map(|index| Entry { file, index }));
                case_entries.extend(read.case_studies.into_iter().map(|index| Entry { file, index }));
            }
            file_done(text.len() as u64);
        }
        self.check_across_files(questions, first, &entries, &case_entries, &mut loaded);
        loaded
    }

    /// The rules that span files: ids unique in the library, case studies
    /// defined in the bank and shared by at least two of its questions.
    /// Questions that break them are left out; problems are located at the end.
    fn check_across_files(
        &mut self,
        questions: &mut Vec<Question>,
        first: usize,
        entries: &[Entry],
        case_entries: &[Entry],
        loaded: &mut Loaded,
    ) {
        let mut pending = Vec::new();
        let mut cs_kept = vec![true; loaded.case_studies.len()];
        for (i, cs) in loaded.case_studies.iter().enumerate() {
            if !self.case_study_ids.insert(cs.id) {
                cs_kept[i] = false;
                let message = format!("case study id {:?} is used twice", cs.id);
                pending.push(Pending { at: case_entries[i], case_study: true, message });
            }
        }
        let defined: HashSet<&str> =
            loaded.case_studies.iter().zip(&cs_kept).filter(|(_, kept)| **kept).map(|(cs, _)| cs.id).collect();
        let mut kept = Vec::with_capacity(questions.len() - first);
        for (q, &at) in questions[first..].iter().zip(entries) {
            let path = self.source.path_of(&self.source.files[at.file].0);
            let problem = if !self.question_ids.insert(q.id) {
                loaded.skipped.push(format!("question {} ({path})", q.id));
                Some(format!("question id {:?} is used twice", q.id))
            } else if let Some(cs) = q.case_study.filter(|cs| !defined.contains(cs)) {
                loaded.skipped.push(format!("question {}", q.id));
                Some(format!("case study {cs:?} is referenced but not defined in this bank"))
            } else {
                None
            };
            kept.push(problem.is_none());
            if let Some(message) = problem {
                pending.push(Pending { at, case_study: false, message });
            }
        }
        retain_marked(questions, first, &kept);
        let mut case_studies = Vec::new();
        for ((cs, at), kept) in loaded.case_studies.iter().zip(case_entries).zip(&cs_kept) {
            if !kept {
                continue;
            }
            let uses = questions[first..].iter().filter(|q| q.case_study == Some(cs.id)).count();
            if uses < 2 {
                let message =
                    format!("case study {:?} is used by {uses} question(s); a case study needs at least 2", cs.id);
                pending.push(Pending { at: *at, case_study: true, message });
            }
            case_studies.push(*cs);
        }
        loaded.case_studies = case_studies;
        loaded.problems.extend(locate(self.source, pending));
    }
}

/// The places, in their file's lists, of the entries [`read_entries`] kept.
struct Read {
    questions: Vec<usize>,
    case_studies: Vec<usize>,
}

/// Reads a file with a problem in it entry by entry: every entry is checked
/// on its own and every problem located; the good entries are kept.
fn read_entries(
    src: &SourceText,
    text: &'static str,
    ctx: &QuestionContext,
    questions: &mut Vec<Question>,
    loaded: &mut Loaded,
) -> Read {
    let mut read = Read { questions: Vec::new(), case_studies: Vec::new() };
    let file: RawQuestionFile = match serde_json::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            loaded.problems.push(src.serde_diagnostic(text, &e));
            loaded.skipped.push(format!("file {}", src.path));
            return read;
        }
    };
    for (index, raw) in file.case_studies.into_iter().enumerate() {
        match read_case_study(src, raw.get()) {
            Ok(cs) => {
                loaded.case_studies.push(cs);
                read.case_studies.push(index);
            }
            Err(mut problems) => {
                loaded.problems.append(&mut problems);
                loaded.skipped.push(format!("a case study in {}", src.path));
            }
        }
    }
    for (index, raw) in file.questions.into_iter().enumerate() {
        match read_question(src, raw.get(), ctx) {
            Ok(question) => {
                questions.push(question);
                read.questions.push(index);
            }
            Err(mut problems) => {
                let at = src.location_of(raw).map(|l| format!(":{}:{}", l.line, l.column)).unwrap_or_default();
                loaded.problems.append(&mut problems);
                loaded.skipped.push(format!("the question at {}{at}", src.path));
            }
        }
    }
    read
}

/// Keeps the questions from `first` on whose mark is true, in order.
fn retain_marked(questions: &mut Vec<Question>, first: usize, kept: &[bool]) {
    let mut marks = kept.iter();
    let mut index = 0;
    questions.retain(|_| {
        index += 1;
        index <= first || marks.next().copied().unwrap_or(true)
    });
}

/// Turns problems found after reading into located diagnostics, reading each
/// file concerned once more to find where its entries begin.
fn locate(source: &BankSource, mut pending: Vec<Pending>) -> Vec<Diagnostic> {
    pending.sort_by_key(|p| p.at.file);
    let mut problems = Vec::new();
    for group in pending.chunk_by(|a, b| a.at.file == b.at.file) {
        let (name, text) = &source.files[group[0].at.file];
        let path = source.path_of(name);
        let src = SourceText::new(&path, text);
        let file: Option<RawQuestionFile> = serde_json::from_str(text).ok();
        for p in group {
            let list = file.as_ref().map(|f| if p.case_study { &f.case_studies } else { &f.questions });
            let location = list.and_then(|l| l.get(p.at.index)).and_then(|raw| src.location_of(raw));
            problems.push(src.diagnostic(location, p.message.clone()));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::{Loaded, read_entries};
    use crate::bank::checker::SharedLists;
    use crate::bank::diagnostic::SourceText;
    use crate::bank::question::QuestionContext;
    use crate::bank::typed_pass::read_clean_file;
    use crate::bank::{Library, Question};
    use proptest::prelude::*;

    const FILE: &str = include_str!("../../question_banks/mla-c01/domain-2-task-2.3.json");

    /// The questions of `text` read by the typed pass (`None` if it gave up)
    /// and entry by entry (with the problems found).
    fn both_ways(text: &'static str) -> (Option<Vec<Question>>, Vec<Question>, usize) {
        let library = Library::load(&[]);
        let bank = &library.banks[0];
        let blueprint = bank.blueprint.as_ref().unwrap_or_else(|| panic!("no blueprint"));
        let lists = SharedLists::default();
        let ctx =
            QuestionContext { bank: "mla-c01", blueprint, services: &bank.services, lists: &lists, relaxed: false };
        let src = SourceText::new("q.json", text);
        let (mut fast, mut case_studies) = (Vec::new(), Vec::new());
        let clean = read_clean_file(&src, text, &ctx, &mut fast, &mut case_studies);
        let mut slow = Vec::new();
        let mut loaded = Loaded { case_studies: Vec::new(), problems: Vec::new(), skipped: Vec::new() };
        read_entries(&src, text, &ctx, &mut slow, &mut loaded);
        (clean.then_some(fast), slow, loaded.problems.len())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The one-pass read accepts a file exactly when the entry-by-entry
        /// read finds no problem in it, and then reads the same questions.
        #[test]
        fn the_typed_pass_agrees_with_the_entry_by_entry_read(
            edits in prop::collection::vec((any::<usize>(), b' '..=b'~'), 0..4),
        ) {
            let mut bytes = FILE.as_bytes().to_vec();
            for (at, byte) in edits {
                let at = at % bytes.len();
                // Only ASCII is replaced, so the text stays UTF-8; no backslashes, so no escapes.
                if bytes[at].is_ascii() && byte != b'\\' {
                    bytes[at] = byte;
                }
            }
            let text: &'static str = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}")).leak();
            let (fast, slow, problems) = both_ways(text);
            match fast {
                Some(fast) => {
                    prop_assert_eq!(problems, 0);
                    prop_assert_eq!(fast, slow);
                }
                None => prop_assert!(problems > 0, "the typed pass gave up on a file with no problem"),
            }
        }
    }
}
