//! From files to a bank folder: each file's layout, the target exam (a loaded
//! blueprint named by `--exam`, or a one-domain blueprint of the bank's own),
//! the bank id and exam code, and the manifest. Each draft is placed and
//! checked by `place`, so that what is written validates clean.
//!
//! The bank's own blueprint, when it needs one, has these defaults: one domain
//! and one task statement ("All questions", weight 100); a mock exam of
//! [`EXAM_QUESTIONS`] questions or all of them when there are fewer;
//! [`MINUTES_PER_QUESTION`] minutes per question (MLA-C01's pace: 130 minutes
//! for 65); extra accommodation time in MLA-C01's proportion (+30 for 130,
//! rounded up); and AWS's 100–1000 scale with 720 to pass. Its exam code comes
//! from the first file's name (its folder's name for a README or index file).

use super::super::diagnostic::SourceText;
use super::super::load::{Library, MANIFEST};
use super::super::manifest::read_manifest;
use super::super::model::{Blueprint, Domain, QuestionType, ScoreScale, TaskStatement};
use super::super::text::{clip, make_printable};
use super::place::Placer;
use super::{Entry, Format, detect, unrecognised};
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// Mock-exam size of a bank's own blueprint (fewer when the bank has fewer questions).
pub const EXAM_QUESTIONS: usize = 65;
/// Minutes per question of a bank's own blueprint.
pub const MINUTES_PER_QUESTION: u32 = 2;
/// The name of the question file written.
pub const QUESTION_FILE: &str = "questions.json";
/// The longest bank id derived from a folder name (question ids add a number).
const MAX_BANK_ID: usize = 48;

/// A file to import: the name shown in messages and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// What to import and where it goes.
pub struct ImportRequest<'a> {
    pub files: &'a [SourceFile],
    /// `None`: detect each file's layout.
    pub format: Option<Format>,
    /// A loaded exam to join, or the code of the bank's own blueprint.
    pub exam: Option<&'a str>,
    pub title: Option<&'a str>,
    /// The name of the folder written; the bank id comes from it.
    pub folder_name: &'a str,
    /// The banks already loaded: their exams can be joined, their ids and codes are taken.
    pub library: &'a Library,
}

/// A question left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", make_printable(&self.file), self.line, make_printable(&self.reason))
    }
}

/// The bank built from the files, ready to be written.
#[derive(Debug)]
pub struct ImportedBank {
    pub bank_id: String,
    pub exam: String,
    /// The bank's own blueprint; `None` when it joins a loaded exam.
    pub blueprint: Option<Blueprint>,
    /// (file name, text): the manifest and the question file.
    pub files: Vec<(String, String)>,
    /// The layout each file was read as.
    pub formats: Vec<(String, Format)>,
    pub imported: usize,
    pub multiple: usize,
    pub skipped: Vec<Skipped>,
}

/// Where the questions go: a loaded exam, or the bank's own blueprint.
pub(super) struct Target {
    pub blueprint: Blueprint,
    /// The questions join a loaded exam (whose services they may use).
    pub joins: bool,
    /// Service tags the questions may use; a bank's own grows with the tags found.
    pub services: BTreeMap<String, String>,
}

/// Reads every file and builds the bank. Errors are for files in no known
/// layout and a manifest that cannot be written (a bad `--title`).
pub fn import(request: &ImportRequest) -> Result<ImportedBank, String> {
    let mut formats = Vec::new();
    let mut read: Vec<(&SourceFile, Vec<Entry>)> = Vec::new();
    for file in request.files {
        let format = match request.format {
            Some(format) => format,
            None => detect(&file.name, &file.text)?,
        };
        let entries = format.read(&file.text);
        if entries.is_empty() {
            let headline = format!("no question in the {} layout was found", format.name());
            return Err(unrecognised(&file.name, &file.text, &headline));
        }
        formats.push((file.name.clone(), format));
        read.push((file, entries));
    }
    let library = request.library;
    let bank_id = unique(&slug(request.folder_name, false), "-import", |id| library.banks.iter().any(|b| b.id == id));
    let mut target = target(request, library);
    let mut placed = Placer::new(&bank_id);
    for (file, entries) in read {
        for entry in entries {
            match entry {
                Entry::Question(draft) => placed.place(&file.name, draft, &mut target),
                Entry::Skipped { line, reason } => placed.skip(&file.name, line, reason),
            }
        }
    }
    let imported = placed.accepted.len();
    let multiple = placed.accepted.iter().filter(|q| q.kind == QuestionType::Multiple).count();
    let blueprint = (!target.joins).then(|| own_blueprint(target.blueprint.clone(), imported));
    let title = request.title.map_or_else(|| default_title(request.files), str::to_string);
    let manifest = manifest(&bank_id, &title, blueprint.as_ref(), &target);
    read_manifest(&SourceText::new(MANIFEST, &manifest)).map_err(|problems| {
        let messages: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        format!("the bank's manifest would not load: {}", messages.join("; "))
    })?;
    let questions = serde_json::to_string_pretty(&json!({ "questions": &placed.accepted }))
        .map_err(|e| format!("writing the questions: {e}"))?;
    let skipped = placed.skipped;
    Ok(ImportedBank {
        bank_id,
        exam: target.blueprint.code.clone(),
        blueprint,
        files: vec![(MANIFEST.to_string(), manifest), (QUESTION_FILE.to_string(), questions)],
        formats,
        imported,
        multiple,
        skipped,
    })
}

fn target(request: &ImportRequest, library: &Library) -> Target {
    if let Some(code) = request.exam
        && let Some(pool) = library.pool(code)
    {
        return Target { blueprint: pool.blueprint, joins: true, services: pool.services };
    }
    let taken = |code: &str| library.blueprints().any(|b| b.code.eq_ignore_ascii_case(code));
    let code = match request.exam {
        Some(code) => code.trim().to_string(),
        None => unique(&slug(&code_source(request), true), "-IMPORT", taken),
    };
    let name = request.title.map_or_else(|| default_title(request.files), str::to_string);
    let all = "All questions".to_string();
    let blueprint = Blueprint {
        code,
        name,
        questions: 1,
        minutes: MINUTES_PER_QUESTION,
        accommodation_minutes: 0,
        scale: ScoreScale { min: 100, max: 1000, pass: 720 },
        domains: vec![Domain {
            id: 1,
            name: all.clone(),
            weight: 100,
            tasks: vec![TaskStatement { id: "1.1".into(), name: all }],
        }],
    };
    Target { blueprint, joins: false, services: BTreeMap::new() }
}

/// The mock-exam size and times of a bank's own blueprint for `count` questions.
pub fn own_blueprint(mut blueprint: Blueprint, count: usize) -> Blueprint {
    blueprint.questions = count.clamp(1, EXAM_QUESTIONS);
    blueprint.minutes = u32::try_from(blueprint.questions).unwrap_or(u32::MAX).saturating_mul(MINUTES_PER_QUESTION);
    blueprint.accommodation_minutes = blueprint.minutes.saturating_mul(30).div_ceil(130);
    blueprint
}

/// What the exam code is made from: the first file's name, or its folder's
/// for a README or index file, or the output folder's.
fn code_source(request: &ImportRequest) -> String {
    let Some(first) = request.files.first() else { return request.folder_name.to_string() };
    let path = Path::new(&first.name);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let generic = ["readme", "index"];
    if !generic.contains(&stem.to_ascii_lowercase().as_str()) && !stem.is_empty() {
        return stem;
    }
    let parent = path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
    parent.filter(|p| !p.is_empty()).unwrap_or_else(|| request.folder_name.to_string())
}

/// Letters and digits of `text` joined by single hyphens, upper- or lower-case.
fn slug(text: &str, upper: bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() });
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.chars().take(MAX_BANK_ID).collect();
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { if upper { "IMPORTED".into() } else { "imported".into() } } else { out }
}

/// `base`, or `base` with `suffix` (and a number) when `taken`.
fn unique(base: &str, suffix: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut candidate = base.to_string();
    let mut n = 1;
    while taken(&candidate) {
        candidate = if n == 1 { format!("{base}{suffix}") } else { format!("{base}{suffix}-{n}") };
        n += 1;
    }
    candidate
}

fn default_title(files: &[SourceFile]) -> String {
    let names: Vec<String> = files
        .iter()
        .map(|f| Path::new(&f.name).file_name().map_or_else(|| f.name.clone(), |n| n.to_string_lossy().into_owned()))
        .collect();
    let title = match names.as_slice() {
        [] => "Imported questions".to_string(),
        [one] => format!("Imported from {one}"),
        [first, rest @ ..] => format!("Imported from {first} and {} more", rest.len()),
    };
    clip(&make_printable(&title), 120)
}

fn manifest(bank_id: &str, title: &str, blueprint: Option<&Blueprint>, target: &Target) -> String {
    let mut manifest = json!({
        "format": 1,
        "id": bank_id,
        "title": title,
        "version": "1",
        "relaxed": true,
    });
    match blueprint {
        Some(bp) => manifest["blueprint"] = json!(bp),
        None => manifest["exam"] = json!(target.blueprint.code),
    }
    if !target.joins {
        manifest["services"] = json!(target.services);
    }
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_unique_names() {
        assert_eq!(slug("AWS MLA-C01 practice (2024).md", true), "AWS-MLA-C01-PRACTICE-2024-MD");
        assert_eq!(slug("--", false), "imported");
        assert_eq!(unique("mla-c01", "-import", |id| id == "mla-c01"), "mla-c01-import");
    }

    #[test]
    fn own_blueprint_defaults_fit_the_bank_size() {
        let base = Blueprint {
            code: "X".into(),
            name: "X".into(),
            questions: 1,
            minutes: 1,
            accommodation_minutes: 0,
            scale: ScoreScale { min: 100, max: 1000, pass: 720 },
            domains: Vec::new(),
        };
        let big = own_blueprint(base.clone(), 400);
        assert_eq!((big.questions, big.minutes, big.accommodation_minutes), (65, 130, 30));
        let small = own_blueprint(base, 8);
        assert_eq!((small.questions, small.minutes, small.accommodation_minutes), (8, 16, 4));
    }
}
