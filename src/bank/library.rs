//! The library a user works with: the embedded banks plus their own folders.

use super::load::{Library, LoadProgress};
use super::source::BankSource;
use std::path::PathBuf;

impl Library {
    /// The embedded banks plus the given folders.
    pub fn load(user_folders: &[PathBuf]) -> Library {
        Library::load_with_progress(user_folders, &mut |_| {})
    }

    /// [`Library::load`], reporting progress after each user bank file is read and checked.
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
        let mut library = Library::check_sources(sources, progress);
        problems.append(&mut library.problems);
        library.problems = problems;
        library
    }
}
