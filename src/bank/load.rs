//! Reads bank folders — the embedded ones and any the user adds — into a
//! [`Library`], checking every file and the rules that span files and banks
//! (unique ids, case studies defined and shared, exam codes that resolve).

use super::diagnostic::{Diagnostic, Location, SourceText};
use super::embedded::EMBEDDED_FILES;
use super::manifest::{Manifest, read_manifest};
use super::model::{Bank, BankRef, Blueprint, CaseStudy, Origin, Question};
use super::question::{QuestionContext, read_case_study, read_question};
use super::raw::RawQuestionFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub const MANIFEST: &str = "bank.json";

/// The files of one bank folder, as text, before any checking.
#[derive(Debug, Clone)]
pub struct BankSource {
    pub origin: Origin,
    /// The path shown in messages for the folder.
    pub display: String,
    /// (file name, text), in name order; the manifest is among them.
    pub files: Vec<(String, String)>,
}

impl BankSource {
    /// The banks compiled into the binary.
    pub fn embedded() -> Vec<BankSource> {
        let mut sources: Vec<BankSource> = Vec::new();
        for file in EMBEDDED_FILES {
            if sources.last().is_none_or(|s| s.display != format!("question_banks/{}", file.bank)) {
                sources.push(BankSource {
                    origin: Origin::Embedded,
                    display: format!("question_banks/{}", file.bank),
                    files: Vec::new(),
                });
            }
            if let Some(source) = sources.last_mut() {
                source.files.push((file.name.to_string(), file.text.to_string()));
            }
        }
        sources
    }

    /// A bank folder on disk: `bank.json` and every other `*.json` file in it.
    /// A bank folder on disk: `bank.json` and every other `*.json` entry in it.
    /// An entry that cannot be read (not UTF-8, or a folder named like a file)
    /// is reported against its own path and left out; the rest still loads.
    pub fn folder(path: &Path) -> Result<(BankSource, Vec<Diagnostic>), Diagnostic> {
        let display = path.display().to_string();
        let problem = |at: String, message: String| Diagnostic { path: at, location: None, message };
        let entries = std::fs::read_dir(path)
            .map_err(|e| problem(display.clone(), format!("cannot read the bank folder: {e}")))?;
        let mut names: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
            .collect();
        names.sort();
        let (mut files, mut problems) = (Vec::new(), Vec::new());
        for file in names {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let at = format!("{display}/{name}");
            match std::fs::read(&file) {
                Err(e) => problems.push(problem(at, format!("cannot read {name}: {e}"))),
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => files.push((name, text)),
                    Err(_) => problems.push(problem(at, format!("{name} is not valid UTF-8"))),
                },
            }
        }
        Ok((BankSource { origin: Origin::Folder(path.to_path_buf()), display, files }, problems))
    }

    fn path_of(&self, name: &str) -> String {
        format!("{}/{name}", self.display)
    }
}

/// How far a load of user bank folders has got (for a progress line).
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
}

impl Library {
    /// The embedded banks plus the given folders.
    pub fn load(user_folders: &[PathBuf]) -> Library {
        Library::load_with_progress(user_folders, &mut |_| {})
    }

    /// [`Library::load`], reporting progress after each user bank file is read and checked.
    /// The folders are read first (their question files make the totals), then checked file by file.
    pub fn load_with_progress(user_folders: &[PathBuf], progress: &mut dyn FnMut(LoadProgress)) -> Library {
        let mut sources = BankSource::embedded();
        let mut problems = Vec::new();
        for folder in user_folders {
            match BankSource::folder(folder) {
                Ok((source, mut unreadable)) => {
                    sources.push(source);
                    problems.append(&mut unreadable);
                }
                Err(problem) => problems.push(problem),
            }
        }
        let questions = sources.iter().filter(|s| s.origin != Origin::Embedded).flat_map(|s| &s.files);
        let mut done = LoadProgress::default();
        for (_, text) in questions.filter(|(name, _)| name != MANIFEST) {
            done.files_total += 1;
            done.bytes_total += text.len() as u64;
        }
        progress(done);
        let mut library = Library::from_sources_checking(sources, &mut |bytes| {
            done.files_done += 1;
            done.bytes_done += bytes;
            progress(done);
        });
        problems.append(&mut library.problems);
        library.problems = problems;
        library
    }

    /// Checks and loads the given bank folders (earlier ones are loaded first; a
    /// later folder with the id of an embedded bank replaces it).
    pub fn from_sources(sources: Vec<BankSource>) -> Library {
        Library::from_sources_checking(sources, &mut |_| {})
    }

    /// [`Library::from_sources`], calling `checked` with the size of each user bank file once it is checked.
    fn from_sources_checking(sources: Vec<BankSource>, checked: &mut dyn FnMut(u64)) -> Library {
        let mut library = Library::default();
        let mut manifests: Vec<(BankSource, Manifest)> = Vec::new();
        for source in sources {
            let path = source.path_of(MANIFEST);
            let Some((_, text)) = source.files.iter().find(|(name, _)| name == MANIFEST) else {
                library.problems.push(Diagnostic {
                    path: source.display.clone(),
                    location: None,
                    message: format!("no {MANIFEST}: a bank folder needs a manifest (see question_banks/README.md)"),
                });
                library.skipped.push(format!("bank folder {}", source.display));
                continue;
            };
            match read_manifest(&SourceText::new(&path, text)) {
                Ok(manifest) => {
                    manifests.retain(|(s, m)| !(m.id == manifest.id && s.origin == Origin::Embedded));
                    match clash(&manifests, &source, &manifest) {
                        Some(problem) => {
                            library.problems.push(problem);
                            library.skipped.push(format!("bank folder {}", source.display));
                        }
                        None => manifests.push((source, manifest)),
                    }
                }
                Err(mut problems) => {
                    library.problems.append(&mut problems);
                    library.skipped.push(format!("bank folder {}", source.display));
                }
            }
        }
        // Banks that define a blueprint first, so that `exam` references resolve.
        manifests.sort_by_key(|(_, m)| m.blueprint.is_none());
        let mut question_ids = BTreeSet::new();
        let mut case_study_ids = BTreeSet::new();
        for (source, manifest) in manifests {
            let base = library.banks.iter().find(|b| b.blueprint.is_some() && b.exam == manifest.exam);
            let Some(blueprint) = manifest.blueprint.clone().or_else(|| base.and_then(|b| b.blueprint.clone())) else {
                library.problems.push(Diagnostic {
                    path: source.path_of(MANIFEST),
                    location: None,
                    message: format!("exam {:?} has no blueprint in any loaded bank", manifest.exam),
                });
                library.skipped.push(format!("bank folder {}", source.display));
                continue;
            };
            let mut vocabulary = base.map(|b| b.services.clone()).unwrap_or_default();
            vocabulary.extend(manifest.services.clone());
            let bank = BankLoader {
                library: &mut library,
                source: &source,
                question_ids: &mut question_ids,
                case_study_ids: &mut case_study_ids,
                checked: &mut *checked,
            }
            .load(manifest, blueprint, vocabulary);
            library.banks.push(bank);
        }
        library.problems.sort_by(|a, b| (&a.path, a.location).cmp(&(&b.path, b.location)));
        library
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
            questions: banks.iter().flat_map(|b| b.questions.iter().cloned()).collect(),
            case_studies: banks.iter().flat_map(|b| &b.case_studies).map(|cs| (cs.id.clone(), cs.clone())).collect(),
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
    pub questions: Vec<Question>,
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

/// Loads the question files of one bank whose manifest has been read.
struct BankLoader<'l> {
    library: &'l mut Library,
    source: &'l BankSource,
    question_ids: &'l mut BTreeSet<String>,
    case_study_ids: &'l mut BTreeSet<String>,
    /// Told the size of each file of a user bank once it is checked.
    checked: &'l mut dyn FnMut(u64),
}

/// A question with the place it was written, for rules that span files.
struct Placed {
    question: Question,
    path: String,
    location: Option<Location>,
}

impl BankLoader<'_> {
    fn load(mut self, manifest: Manifest, blueprint: Blueprint, services: BTreeMap<String, String>) -> Bank {
        let ctx = QuestionContext {
            bank: &manifest.id,
            blueprint: &blueprint,
            services: &services,
            relaxed: manifest.relaxed,
        };
        let mut placed: Vec<Placed> = Vec::new();
        let mut case_studies: Vec<(CaseStudy, String, Option<Location>)> = Vec::new();
        for (name, text) in self.source.files.iter().filter(|(name, _)| name != MANIFEST) {
            let path = self.source.path_of(name);
            let src = SourceText::new(&path, text);
            let file: RawQuestionFile = match serde_json::from_str(text) {
                Ok(file) => file,
                Err(e) => {
                    self.library.problems.push(src.serde_diagnostic(text, &e));
                    self.library.skipped.push(format!("file {path}"));
                    self.file_checked(text);
                    continue;
                }
            };
            for raw in file.case_studies {
                match read_case_study(&src, raw.get()) {
                    Ok(cs) if !self.case_study_ids.insert(cs.id.clone()) => {
                        self.problem(
                            src.diagnostic(src.location_of(raw), format!("case study id {:?} is used twice", cs.id)),
                        );
                    }
                    Ok(cs) => case_studies.push((cs, path.clone(), src.location_of(raw))),
                    Err(problems) => self.problems(problems, format!("a case study in {path}")),
                }
            }
            for raw in file.questions {
                let location = src.location_of(raw);
                match read_question(&src, raw.get(), &ctx) {
                    Ok(q) if !self.question_ids.insert(q.id.clone()) => {
                        self.problem(src.diagnostic(location, format!("question id {:?} is used twice", q.id)));
                        self.library.skipped.push(format!("question {} ({path})", q.id));
                    }
                    Ok(question) => placed.push(Placed { question, path: path.clone(), location }),
                    Err(problems) => {
                        let at = location.map(|l| format!(":{}:{}", l.line, l.column)).unwrap_or_default();
                        self.problems(problems, format!("the question at {path}{at}"));
                    }
                }
            }
            self.file_checked(text);
        }
        let questions = self.check_case_studies(placed, &case_studies);
        Bank {
            id: manifest.id,
            title: manifest.title,
            version: manifest.version,
            origin: self.source.origin.clone(),
            exam: blueprint.code.clone(),
            blueprint: manifest.blueprint,
            services,
            questions,
            case_studies: case_studies.into_iter().map(|(cs, _, _)| cs).collect(),
        }
    }

    /// Drops questions that name an undefined case study, and reports case
    /// studies that fewer than two questions share.
    fn check_case_studies(
        &mut self,
        placed: Vec<Placed>,
        defined: &[(CaseStudy, String, Option<Location>)],
    ) -> Vec<Question> {
        let mut questions = Vec::new();
        for p in placed {
            match &p.question.case_study {
                Some(cs) if !defined.iter().any(|(d, _, _)| &d.id == cs) => {
                    let message = format!("case study {cs:?} is referenced but not defined in this bank");
                    self.problem(Diagnostic { path: p.path, location: p.location, message });
                    self.library.skipped.push(format!("question {}", p.question.id));
                }
                _ => questions.push(p.question),
            }
        }
        for (cs, path, location) in defined {
            let uses = questions.iter().filter(|q| q.case_study.as_ref() == Some(&cs.id)).count();
            if uses < 2 {
                let message =
                    format!("case study {:?} is used by {uses} question(s); a case study needs at least 2", cs.id);
                self.problem(Diagnostic { path: path.clone(), location: *location, message });
            }
        }
        questions
    }

    fn file_checked(&mut self, text: &str) {
        if self.source.origin != Origin::Embedded {
            (self.checked)(text.len() as u64);
        }
    }

    fn problem(&mut self, problem: Diagnostic) {
        self.library.problems.push(problem);
    }

    fn problems(&mut self, mut problems: Vec<Diagnostic>, what: String) {
        self.library.problems.append(&mut problems);
        self.library.skipped.push(what);
    }
}
