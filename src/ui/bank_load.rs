//! The user's bank folders, loading on a thread behind the home screen.
//!
//! [`BankLoad::start`] runs [`Library::load_with_progress`] on a thread that
//! sends each step of its progress and then what it loaded ([`Loaded`]) over a
//! channel. The app takes what has arrived after each frame
//! ([`BankLoad::receive`]) and counts the time the load takes from its ticks;
//! the home screen shows [`BankLoad::line`] once that is over [`QUIET_FOR`].

use super::strings;
use super::widgets;
use crate::bank::{Library, LoadProgress, Pool};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

/// A load shorter than this shows no progress line.
pub const QUIET_FOR: Duration = Duration::from_millis(100);

/// What the loading thread sends.
pub enum Message {
    Progress(LoadProgress),
    Done(Box<Loaded>),
}

/// What a finished load gives the app. It is worked out on the loading thread,
/// so that neither copying a pool out of a large library nor freeing the
/// library holds up a frame.
pub struct Loaded {
    /// The pool start-up would choose: `--exam`, else the exam used last, else the first loaded.
    pub pool: Result<Pool, String>,
    /// Every loaded bank, when they define several exams to switch between.
    pub library: Option<Library>,
    /// The notice of bank problems, when there were some.
    pub notice: Option<String>,
}

impl Loaded {
    pub fn new(library: Library, requested: Option<&str>, remembered: Option<&str>) -> Loaded {
        Loaded {
            pool: library.choose_pool(requested, remembered),
            notice: strings::bank_problems(&library),
            library: several_exams(library),
        }
    }
}

/// `library`, when it defines more than one exam to switch between.
pub fn several_exams(library: Library) -> Option<Library> {
    (library.exam_codes().len() > 1).then_some(library)
}

/// A load running on its thread, or ended and waiting for the app to take it.
pub struct BankLoad {
    receiver: Receiver<Message>,
    progress: LoadProgress,
    /// Time since the load started, from the app's ticks.
    waited: Duration,
    loaded: Option<Box<Loaded>>,
    /// The thread ended without sending a library (it panicked).
    failed: bool,
    /// The exam the user switched to by hand while the banks loaded: it stays
    /// the current one rather than the one start-up would choose.
    pub chosen_exam: Option<String>,
}

impl BankLoad {
    /// Loads the embedded banks and `folders` on a new thread, and chooses the
    /// pool there as start-up does, from `requested` (`--exam`) and `remembered`.
    pub fn start(folders: Vec<PathBuf>, requested: Option<String>, remembered: Option<String>) -> BankLoad {
        let (send, receive) = channel();
        std::thread::spawn(move || {
            let library = Library::load_with_progress(&folders, &mut |progress| {
                let _ = send.send(Message::Progress(progress));
            });
            let loaded = Loaded::new(library, requested.as_deref(), remembered.as_deref());
            let _ = send.send(Message::Done(Box::new(loaded)));
        });
        BankLoad::new(receive)
    }

    /// A load whose messages arrive on `receiver`.
    pub fn new(receiver: Receiver<Message>) -> BankLoad {
        BankLoad {
            receiver,
            progress: LoadProgress::default(),
            waited: Duration::ZERO,
            loaded: None,
            failed: false,
            chosen_exam: None,
        }
    }

    /// Time passing in the real world.
    pub fn tick(&mut self, elapsed: Duration) {
        self.waited = self.waited.saturating_add(elapsed);
    }

    /// Takes every message that has arrived; returns whether there was any.
    pub fn receive(&mut self) -> bool {
        let mut received = false;
        while self.running() {
            match self.receiver.try_recv() {
                Ok(Message::Progress(progress)) => self.progress = progress,
                Ok(Message::Done(loaded)) => self.loaded = Some(loaded),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => self.failed = true,
            }
            received = true;
        }
        received
    }

    /// Whether the thread is still loading.
    pub fn running(&self) -> bool {
        self.loaded.is_none() && !self.failed
    }

    /// What the load came to, once it has ended: what it loaded, or the notice
    /// that it stopped without loading anything.
    pub fn finish(self) -> Result<Loaded, String> {
        match self.loaded {
            Some(loaded) => Ok(*loaded),
            None => Err("Your bank folders could not be loaded (the loader stopped); only the built-in banks are \
                         in use: run `mla-quiz bank validate` on them"
                .into()),
        }
    }

    /// "Loading your banks: 12 of 50 files, 24.0 of 48.0 MB…", while the load
    /// runs and once it has taken longer than [`QUIET_FOR`].
    pub fn line(&self) -> Option<String> {
        if !self.running() || self.waited <= QUIET_FOR {
            return None;
        }
        let p = self.progress;
        if p.files_total == 0 {
            return Some("Loading your banks…".into());
        }
        let files = widgets::count(p.files_total, "file", "files");
        Some(format!(
            "Loading your banks: {} of {files}, {} of {} MB…",
            p.files_done,
            mb(p.bytes_done),
            mb(p.bytes_total)
        ))
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn the_line_waits_for_a_slow_load_and_follows_its_progress() {
        let (send, receive) = channel();
        let mut load = BankLoad::new(receive);
        assert!(!load.receive() && load.running());
        load.tick(QUIET_FOR);
        assert_eq!(load.line(), None, "a load of up to {QUIET_FOR:?} shows nothing");
        load.tick(Duration::from_millis(1));
        assert_eq!(load.line().as_deref(), Some("Loading your banks…"), "before the folders are read");
        let progress =
            LoadProgress { files_done: 12, files_total: 50, bytes_done: 24_000_000, bytes_total: 48_123_456 };
        let _ = send.send(Message::Progress(LoadProgress { files_done: 11, ..progress }));
        let _ = send.send(Message::Progress(progress));
        assert!(load.receive());
        assert_eq!(load.line().as_deref(), Some("Loading your banks: 12 of 50 files, 24.0 of 48.1 MB…"));
        drop(send);
        assert!(load.receive() && !load.running() && load.line().is_none());
        assert!(load.finish().is_err_and(|notice| notice.contains("only the built-in banks")));
    }

    /// A folder with a manifest and two question files, one of them broken.
    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let manifest = r#"{"format": 1, "id": "mine", "title": "Mine", "version": "1", "exam": "MLA-C01"}"#;
        let write =
            |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"));
        write("bank.json", manifest);
        write("a.json", r#"{"questions": []}"#);
        write("b.json", "{ not json");
        dir
    }

    #[test]
    fn progress_comes_with_the_totals_first_then_after_each_checked_question_file() {
        let dir = folder();
        let mut seen = Vec::new();
        Library::load_with_progress(&[dir.path().to_path_buf()], &mut |progress| seen.push(progress));
        let (a, b) = (17, 10);
        let step = |files_done, bytes_done| LoadProgress { files_done, files_total: 2, bytes_done, bytes_total: a + b };
        assert_eq!(seen, [step(0, 0), step(1, a), step(2, a + b)], "the manifest is not counted");
    }

    #[test]
    fn the_thread_sends_the_pool_start_up_would_choose_and_the_problems() {
        let dir = folder();
        let mut load = BankLoad::start(vec![dir.path().to_path_buf()], None, Some("GONE-01".into()));
        let deadline = Instant::now() + Duration::from_secs(20);
        while load.running() && Instant::now() < deadline {
            load.receive();
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(load.progress.files_done, 2);
        let loaded = load.finish().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.pool.map(|p| p.blueprint.code), Ok("MLA-C01".into()));
        assert!(loaded.library.is_none(), "one exam: nothing to switch to");
        let notice = loaded.notice.unwrap_or_default();
        assert!(notice.starts_with("1 bank problem(s); 1 item(s) skipped"), "{notice}");
    }
}
