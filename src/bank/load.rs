//! Reads bank folders — the embedded ones and any the user adds — into a
//! [`Library`], checking every file and the rules that span files and banks
//! (unique ids, case studies defined and shared, exam codes that resolve).

use super::bank_loader::BankLoader;
use super::checker::{SharedLists, keep_all};
use super::diagnostic::{Diagnostic, SourceText};
use super::manifest::{Manifest, read_manifest};
use super::model::{Bank, BankRef, Blueprint, CaseStudy, Origin, Question};
use super::question::QuestionContext;
use super::source::BankSource;
use foldhash::HashSet;
use std::collections::BTreeMap;
use std::ops::Range;

pub const MANIFEST: &str = "bank.json";

/// How far a load of bank folders has got (for a progress line): the files
/// of the banks that need checking, and their sizes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadProgress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// Every bank that loaded, and every problem found on the way.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub banks: Vec<Bank>,
    pub problems: Vec<Diagnostic>,
    /// Questions or whole files left out because of a problem.
    pub skipped: Vec<String>,
    /// The questions of each exam's banks, side by side (each bank's
    /// `questions` is a part of its exam's list).
    questions: BTreeMap<String, &'static [Question]>,
}

impl Library {
    /// Checks and loads the given bank folders (earlier ones are loaded first; a
    /// later folder with the id of an embedded bank replaces it).
    pub fn from_sources(sources: Vec<BankSource>) -> Library {
        Library::check_sources(sources, &mut |_| {})
    }

    /// [`Library::from_sources`], reporting progress after each file is checked.
    pub fn check_sources(sources: Vec<BankSource>, progress: &mut dyn FnMut(LoadProgress)) -> Library {
        let mut library = Library::default();
        let manifests = library.accept_manifests(sources);
        let mut checking = Checking::new(&manifests, progress);
        for (source, manifest) in manifests {
            checking.add(&mut library, source, manifest);
        }
        checking.exams.place(&mut library);
        library.problems.sort_by(|a, b| (&a.path, a.location).cmp(&(&b.path, b.location)));
        library
    }

    /// The banks whose manifest is sound and clashes with no other, those
    /// that define a blueprint first (so that `exam` references resolve).
    fn accept_manifests(&mut self, sources: Vec<BankSource>) -> Vec<(BankSource, Manifest)> {
        let mut manifests: Vec<(BankSource, Manifest)> = Vec::new();
        for source in sources {
            let path = source.path_of(MANIFEST);
            let Some((_, text)) = source.files.iter().find(|(name, _)| name == MANIFEST) else {
                self.problems.push(Diagnostic {
                    path: source.display.clone(),
                    location: None,
                    message: format!("no {MANIFEST}: a bank folder needs a manifest (see question_banks/README.md)"),
                });
                self.skipped.push(format!("bank folder {}", source.display));
                continue;
            };
            match read_manifest(&SourceText::new(&path, text)) {
                Ok(manifest) => {
                    manifests.retain(|(s, m)| !(m.id == manifest.id && s.origin == Origin::Embedded));
                    match clash(&manifests, &source, &manifest) {
                        Some(problem) => {
                            self.problems.push(problem);
                            self.skipped.push(format!("bank folder {}", source.display));
                        }
                        None => manifests.push((source, manifest)),
                    }
                }
                Err(mut problems) => {
                    self.problems.append(&mut problems);
                    self.skipped.push(format!("bank folder {}", source.display));
                }
            }
        }
        manifests.sort_by_key(|(_, m)| m.blueprint.is_none());
        manifests
    }

    /// The blueprints of the loaded banks.
    pub fn blueprints(&self) -> impl Iterator<Item = &Blueprint> {
        self.banks.iter().filter_map(|b| b.blueprint.as_ref())
    }

    /// All questions of all banks for one exam.
    pub fn pool(&self, exam: &str) -> Option<Pool> {
        let blueprint = self.blueprints().find(|b| b.code.eq_ignore_ascii_case(exam))?.clone();
        let banks: Vec<&Bank> = self.banks.iter().filter(|b| b.exam == blueprint.code).collect();
        Some(Pool {
            banks: banks.iter().map(|b| BankRef { id: b.id.clone(), version: b.version.clone() }).collect(),
            questions: self.questions.get(&blueprint.code).copied().unwrap_or_default(),
            case_studies: banks.iter().flat_map(|b| b.case_studies).map(|cs| (cs.id.to_string(), *cs)).collect(),
            services: banks.iter().flat_map(|b| b.services.clone()).collect(),
            blueprint,
        })
    }

    /// The pool of the first exam with a blueprint (the embedded MLA-C01 bank by default).
    pub fn default_pool(&self) -> Option<Pool> {
        self.blueprints().next().and_then(|b| self.pool(&b.code))
    }
}

/// Why a bank cannot be loaded beside the ones already accepted: its id is
/// taken, it defines a blueprint for an exam another bank defines, or it is
/// an embedded bank asking for relaxed rules. (A user folder with an embedded
/// bank's id replaces that bank instead: see [`Library::from_sources`].)
fn clash(accepted: &[(BankSource, Manifest)], source: &BankSource, manifest: &Manifest) -> Option<Diagnostic> {
    let problem = |message: String| Some(Diagnostic { path: source.path_of(MANIFEST), location: None, message });
    if source.origin == Origin::Embedded && manifest.relaxed {
        return problem("an embedded bank must follow the strict rules; remove `relaxed`".into());
    }
    if let Some((other, _)) = accepted.iter().find(|(_, m)| m.id == manifest.id) {
        return problem(format!(
            "bank id {:?} is also the id of {}; two banks cannot share an id, so this one was not loaded",
            manifest.id, other.display
        ));
    }
    let defines = |m: &Manifest| m.blueprint.is_some() && m.exam.eq_ignore_ascii_case(&manifest.exam);
    if manifest.blueprint.is_some()
        && let Some((other, _)) = accepted.iter().find(|(_, m)| defines(m))
    {
        return problem(format!(
            "exam {:?} is already defined by {}; only one bank may define an exam's blueprint (use \"exam\": {:?} \
             instead of `blueprint` to add questions to it), so this one was not loaded",
            manifest.exam, other.display, manifest.exam
        ));
    }
    None
}

/// Everything a session can draw on for one exam.
#[derive(Debug, Clone)]
pub struct Pool {
    pub blueprint: Blueprint,
    /// The banks in the pool.
    pub banks: Vec<BankRef>,
    pub questions: &'static [Question],
    pub case_studies: BTreeMap<String, CaseStudy>,
    /// Service tag → display name.
    pub services: BTreeMap<String, String>,
}

impl Pool {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn service_name<'a>(&'a self, tag: &'a str) -> &'a str {
        self.services.get(tag).map_or(tag, String::as_str)
    }
}

/// The state of one load across its banks: the ids seen so far (unique in
/// the whole library), each exam's list of questions, and the progress.
struct Checking<'p> {
    exams: ExamQuestions,
    question_ids: HashSet<&'static str>,
    case_study_ids: HashSet<&'static str>,
    lists: SharedLists,
    /// How many accepted banks each exam code has.
    banks_of: BTreeMap<String, usize>,
    done: LoadProgress,
    progress: &'p mut dyn FnMut(LoadProgress),
}

impl<'p> Checking<'p> {
    fn new(manifests: &[(BankSource, Manifest)], progress: &'p mut dyn FnMut(LoadProgress)) -> Checking<'p> {
        let mut done = LoadProgress::default();
        let unchecked = manifests.iter().filter(|(s, _)| s.checked.is_none());
        for (_, text) in unchecked.flat_map(|(s, _)| s.files.iter().filter(|(name, _)| name != MANIFEST)) {
            done.files_total += 1;
            done.bytes_total += text.len() as u64;
        }
        progress(done);
        let mut banks_of: BTreeMap<String, usize> = BTreeMap::new();
        for (_, manifest) in manifests {
            *banks_of.entry(manifest.exam.clone()).or_default() += 1;
        }
        Checking {
            exams: ExamQuestions::default(),
            question_ids: HashSet::default(),
            case_study_ids: HashSet::default(),
            lists: SharedLists::default(),
            banks_of,
            done,
            progress,
        }
    }

    /// Loads one bank whose manifest was accepted into the library.
    fn add(&mut self, library: &mut Library, source: BankSource, manifest: Manifest) {
        let base = library.banks.iter().find(|b| b.blueprint.is_some() && b.exam == manifest.exam);
        let Some(blueprint) = manifest.blueprint.clone().or_else(|| base.and_then(|b| b.blueprint.clone())) else {
            library.problems.push(Diagnostic {
                path: source.path_of(MANIFEST),
                location: None,
                message: format!("exam {:?} has no blueprint in any loaded bank", manifest.exam),
            });
            library.skipped.push(format!("bank folder {}", source.display));
            return;
        };
        let mut services = base.map(|b| b.services.clone()).unwrap_or_default();
        services.extend(manifest.services.clone());
        let exam = blueprint.code.clone();
        let bank = library.banks.len();
        // A bank whose questions join its exam's list gets its slice of it once
        // every bank is in (`ExamQuestions::place`); until then it has none.
        let (questions, case_studies) = match source.checked {
            Some((checked, case_studies)) => {
                self.question_ids.extend(checked.iter().map(|q| q.id));
                self.case_study_ids.extend(case_studies.iter().map(|cs| cs.id));
                if self.banks_of[&manifest.exam] == 1 {
                    // The only bank of its exam, checked at build time: its static list is the exam's.
                    library.questions.insert(exam.clone(), checked);
                    (checked, case_studies)
                } else {
                    self.exams.append(bank, &exam, |list| list.extend_from_slice(checked));
                    (&[][..], case_studies)
                }
            }
            None => {
                let loader = BankLoader {
                    source: &source,
                    ctx: QuestionContext {
                        bank: manifest.id.clone().leak(),
                        blueprint: &blueprint,
                        services: &services,
                        lists: &self.lists,
                        relaxed: manifest.relaxed,
                    },
                    question_ids: &mut self.question_ids,
                    case_study_ids: &mut self.case_study_ids,
                };
                let (done, progress) = (&mut self.done, &mut self.progress);
                let loaded = self.exams.append(bank, &exam, |list| {
                    loader.load(list, &mut |bytes| {
                        done.files_done += 1;
                        done.bytes_done += bytes;
                        progress(*done);
                    })
                });
                library.problems.extend(loaded.problems);
                library.skipped.extend(loaded.skipped);
                (&[][..], keep_all(loaded.case_studies))
            }
        };
        library.banks.push(Bank {
            id: manifest.id,
            title: manifest.title,
            version: manifest.version,
            origin: source.origin.clone(),
            exam,
            blueprint: manifest.blueprint,
            services,
            questions,
            case_studies,
        });
    }
}

/// The questions of each exam, gathered bank by bank into one list per exam,
/// so that an exam's pool is one slice of them rather than a copy.
#[derive(Default)]
struct ExamQuestions {
    lists: BTreeMap<String, Vec<Question>>,
    /// Each bank's index, exam, and range in the exam's list.
    ranges: Vec<(usize, String, Range<usize>)>,
}

impl ExamQuestions {
    /// Lets `fill` append bank number `bank`'s questions to its exam's list,
    /// and notes where they are.
    fn append<R>(&mut self, bank: usize, exam: &str, fill: impl FnOnce(&mut Vec<Question>) -> R) -> R {
        let list = self.lists.entry(exam.to_string()).or_default();
        let first = list.len();
        let filled = fill(list);
        self.ranges.push((bank, exam.to_string(), first..list.len()));
        filled
    }

    /// Keeps each exam's list for the life of the process and gives each
    /// bank its slice of it.
    fn place(self, library: &mut Library) {
        for (exam, list) in self.lists {
            library.questions.insert(exam, keep_all(list));
        }
        for (bank, exam, range) in self.ranges {
            if let (Some(bank), Some(list)) = (library.banks.get_mut(bank), library.questions.get(&exam)) {
                bank.questions = list.get(range).unwrap_or_default();
            }
        }
    }
}
