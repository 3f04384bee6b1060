//! The files of a bank folder, read once and kept, before any checking.

use super::diagnostic::Diagnostic;
use super::model::{CaseStudy, Origin, Question};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The files of one bank folder, as text, before any checking.
#[derive(Debug, Clone)]
pub struct BankSource {
    pub origin: Origin,
    /// The path shown in messages for the folder.
    pub display: String,
    /// (file name, text), in name order; the manifest is among them. The text
    /// lives as long as the process: questions point into it (see [`super::model`]).
    pub files: Vec<(String, &'static str)>,
    /// Questions and case studies checked before (the embedded banks, by
    /// `build.rs`): only the manifest is read from `files`.
    pub checked: Option<(&'static [Question], &'static [CaseStudy])>,
}

impl BankSource {
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
            match read_in_pieces(&file) {
                Err(e) => problems.push(problem(at, format!("cannot read {name}: {e}"))),
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => files.push((name, text.leak() as &'static str)),
                    Err(_) => problems.push(problem(at, format!("{name} is not valid UTF-8"))),
                },
            }
        }
        let source = BankSource { origin: Origin::Folder(path.to_path_buf()), display, files, checked: None };
        Ok((source, problems))
    }

    /// A folder of files given as text (tests, and the importer's check of what it wrote).
    pub fn from_texts(origin: Origin, display: &str, files: Vec<(String, String)>) -> BankSource {
        let files = files.into_iter().map(|(name, text)| (name, text.leak() as &'static str)).collect();
        BankSource { origin, display: display.to_string(), files, checked: None }
    }

    pub fn path_of(&self, name: &str) -> String {
        format!("{}/{name}", self.display)
    }
}

/// Reads a whole file a mebibyte at a time rather than in one call, so that
/// quitting while a large bank loads behind the home screen is not held up by
/// one long read.
fn read_in_pieces(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    while (&mut file).take(1 << 20).read_to_end(&mut bytes)? > 0 {}
    Ok(bytes)
}
