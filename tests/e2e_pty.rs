//! End-to-end: the real `mla-quiz` binary in a pseudo-terminal, driven by key
//! presses, with the screen read back through a terminal emulator (vt100).

mod support;

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Pty {
    /// Runs `program args` in an 80×24 pseudo-terminal with its own data directory.
    fn spawn(program: &str, args: &[&str], data: &Path) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
            .unwrap_or_else(|e| panic!("{e}"));
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("MLA_QUIZ_DATA_DIR", data);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        let child = pair.slave.spawn_command(cmd).unwrap_or_else(|e| panic!("{e}"));
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap_or_else(|e| panic!("{e}"));
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        let writer = pair.master.take_writer().unwrap_or_else(|e| panic!("{e}"));
        Pty { master: pair.master, writer, child, parser }
    }

    fn quiz(args: &[&str], data: &Path) -> Pty {
        Pty::spawn(env!("CARGO_BIN_EXE_mla-quiz"), args, data)
    }

    fn screen(&self) -> String {
        self.parser.lock().map(|p| p.screen().contents()).unwrap_or_default()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(start.elapsed() < WAIT, "waited for {text:?}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &str) -> &mut Pty {
        self.writer.write_all(keys.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        self.writer.flush().unwrap_or_else(|e| panic!("{e}"));
        std::thread::sleep(Duration::from_millis(150));
        self
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap_or_else(|e| panic!("{e}"));
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(rows, cols);
        }
    }

    fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the program did not exit; the screen shows:\n{}", self.screen())
    }
}

const RIGHT: &str = "\x1b[C";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

fn data_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn finish_a_three_question_study_session() {
    let data = data_dir();
    let mut pty = Pty::quiz(&["study", "--count", "3", "--type", "single", "--seed", "4"], data.path());
    for n in 1..=3 {
        pty.wait_for(&format!("Question {n} of 3"));
        pty.send("a").send(ENTER);
        pty.wait_for("Enter: next");
        pty.send(ENTER);
    }
    let screen = pty.wait_for("Study result");
    assert!(screen.contains("Raw score"), "{screen}");
    pty.send("q");
    pty.wait_for("Study session");
    pty.send("q");
    assert!(pty.wait_exit());
    let store = mla_quiz::store::Store::open(Some(data.path())).unwrap_or_else(|e| panic!("{e}")).store;
    assert_eq!(store.attempt_count(None).ok(), Some(1), "the session is in the history");
}

#[test]
fn exam_flag_grid_submit_and_results() {
    let data = data_dir();
    let mut pty = Pty::quiz(&["exam", "--questions", "6", "--minutes", "20", "--seed", "3"], data.path());
    pty.wait_for("Question 1 of 6");
    pty.send("a").send("m");
    pty.wait_for("⚑ flagged");
    pty.send(RIGHT).send("b").send("g");
    let grid = pty.wait_for("Answered 2 · Unanswered 4 · Flagged 1");
    assert!(grid.contains("  1 ●⚑"), "the flag is drawn in its question's cell: {grid}");
    // The grid opens on the current question (2); two steps right is question 4.
    pty.send(RIGHT).send(RIGHT).send(ENTER);
    pty.wait_for("Question 4 of 6");
    pty.send("s");
    pty.wait_for("Submit the exam? 4 unanswered, 1 flagged.");
    pty.send("y");
    let results = pty.wait_for("Mock exam result");
    assert!(results.contains("(estimate)"), "{results}");
    assert!(results.contains("Score by domain"), "{results}");
    pty.send("f");
    pty.wait_for("Review: flagged questions · 1 of 1");
    pty.send("q").send("q").send("q");
    assert!(pty.wait_exit());
}

#[test]
fn resizing_to_tiny_and_back_redraws() {
    let data = data_dir();
    let mut pty = Pty::quiz(&["exam", "--questions", "3", "--seed", "1"], data.path());
    pty.wait_for("Question 1 of 3");
    pty.resize(10, 4);
    pty.wait_for("Enlarge");
    pty.resize(80, 24);
    pty.wait_for("Question 1 of 3");
    pty.send("\x03");
    assert!(pty.wait_exit());
}

/// Runs the quiz under a shell that prints the terminal settings after it exits.
fn restored_after(keys: &[&str]) -> String {
    restored_after_run("", keys)
}

/// Runs the quiz (with `env` set, as `NAME=value `) under a shell that prints
/// the terminal settings after it exits, and checks the screen was given back.
fn restored_after_run(env: &str, keys: &[&str]) -> String {
    let data = data_dir();
    let script = format!("{env}'{}' exam --questions 3 --seed 2; stty -a; echo DONE", env!("CARGO_BIN_EXE_mla-quiz"));
    let mut pty = Pty::spawn("sh", &["-c", &script], data.path());
    if keys.is_empty() {
        return pty.finish_restored();
    }
    pty.wait_for("Question 1 of 3");
    for key in keys {
        pty.send(key);
    }
    pty.finish_restored()
}

impl Pty {
    /// Waits for the shell of [`restored_after_run`] to finish; checks the
    /// alternate screen, the cursor and mouse reporting were given back.
    fn finish_restored(&mut self) -> String {
        let pty = self;
        let screen = pty.wait_for("DONE");
        let alternate = pty.parser.lock().map(|p| p.screen().alternate_screen()).unwrap_or(true);
        let hidden = pty.parser.lock().map(|p| p.screen().hide_cursor()).unwrap_or(true);
        let mouse = pty.parser.lock().map(|p| p.screen().mouse_protocol_mode()).ok();
        assert!(!alternate, "left the alternate screen");
        assert!(!hidden, "cursor shown");
        assert_eq!(mouse, Some(vt100::MouseProtocolMode::None), "mouse reporting off");
        assert!(pty.wait_exit());
        screen
    }
}

#[test]
fn a_panic_restores_the_terminal() {
    // A hidden switch (see commands/tui.rs) panics once the UI is on screen.
    let screen = restored_after_run("RUST_BACKTRACE=0 MLA_QUIZ_TEST_PANIC=1 ", &[]);
    assert!(screen.contains("MLA_QUIZ_TEST_PANIC"), "the panic message is readable:\n{screen}");
    assert!(screen.contains(" icanon") && screen.contains(" echo"), "raw mode is off:\n{screen}");
}

#[test]
fn quitting_restores_the_terminal() {
    let screen = restored_after(&[ESC, "y", "q"]);
    assert!(screen.contains(" icanon") && screen.contains(" echo"), "raw mode is off:\n{screen}");
}

#[test]
fn ctrl_c_restores_the_terminal() {
    let screen = restored_after(&["\x03"]);
    assert!(screen.contains(" icanon") && screen.contains(" echo"), "raw mode is off:\n{screen}");
}

#[test]
fn a_killed_exam_resumes_with_every_saved_answer() {
    let data = data_dir();
    let mut pty = Pty::quiz(&["exam", "--questions", "8", "--minutes", "30", "--seed", "5"], data.path());
    pty.wait_for("Question 1 of 8");
    pty.send("a").send(RIGHT).send("b").send(RIGHT).send("a").send("m");
    pty.wait_for("Question 3 of 8");
    let pid = pty.child.process_id().unwrap_or_else(|| panic!("no pid"));
    let killed = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status();
    assert!(killed.is_ok_and(|s| s.success()));
    let _ = pty.wait_exit();

    let mut again = Pty::quiz(&["resume"], data.path());
    again.wait_for("Question 3 of 8");
    again.send("g");
    let grid = again.wait_for("Answered");
    // Question 2 is a Choose TWO given one pick: saved, but not an answer yet.
    assert!(grid.contains("Answered 2 · Unanswered 6 · Flagged 1"), "{grid}");
    assert!(grid.contains("  1 ●    2 ○    3 ●⚑"), "{grid}");
    let clock = again.screen();
    assert!(clock.contains("⏱ 0:29:") || clock.contains("⏱ 0:30:00"), "clock resumes from the time left: {clock}");
    again.send("s").send("y");
    again.wait_for("Mock exam result");
    again.send("q").send("q");
    assert!(again.wait_exit());
    let mut store = mla_quiz::store::Store::open(Some(data.path())).unwrap_or_else(|e| panic!("{e}")).store;
    let left = store.latest_in_progress().unwrap_or_else(|e| panic!("{e}"));
    assert!(left.session.is_none(), "a finished session leaves no autosave");
    assert_eq!(store.attempt_count(None).ok(), Some(1), "and is in the history");
}

#[test]
fn the_home_screen_offers_to_resume() {
    let data = data_dir();
    let mut pty = Pty::quiz(&["exam", "--questions", "4", "--seed", "2"], data.path());
    pty.wait_for("Question 1 of 4");
    pty.send("a").send(ESC).send("y");
    let home = pty.wait_for("Resume: Mock exam, 1/4 answered");
    assert!(home.contains("Discard the unfinished session"), "{home}");
    pty.send(ENTER);
    pty.wait_for("Question 1 of 4");
    pty.send("\x03");
    assert!(pty.wait_exit());
}

#[test]
fn a_past_attempt_opens_from_the_history_screen_and_its_wrong_answers_can_be_reviewed() {
    let data = data_dir();
    let mut pty = Pty::quiz(&["exam", "--questions", "3", "--seed", "2"], data.path());
    pty.wait_for("Question 1 of 3");
    pty.send("a").send("s");
    pty.wait_for("Submit the exam?");
    pty.send("y");
    pty.wait_for("Mock exam result");
    pty.send("q");
    pty.wait_for("History — 1 attempt");
    pty.send("h");
    pty.wait_for("date (local)");
    pty.send(ENTER);
    let results = pty.wait_for("Mock exam result");
    assert!(results.contains("Raw score"), "{results}");
    pty.send("w");
    // Two questions were never answered, so at least two are wrong.
    let review = pty.wait_for("Review: wrong answers · 1 of ");
    assert!(review.contains("Domain"), "{review}");
    pty.send("q").send("q");
    pty.wait_for("date (local)");
    pty.send("q").send("q");
    assert!(pty.wait_exit());
}

#[test]
fn due_reviews_start_from_the_home_screen_most_overdue_first() {
    let data = data_dir();
    // Two study sessions long ago: every question of them is due by now.
    let pool = support::attempts::pool();
    let old = [
        support::attempts::study(&pool, 1, 5, 3, support::attempts::at(0)),
        support::attempts::study(&pool, 2, 5, 1, support::attempts::at(30)),
    ];
    support::attempts::record_all(data.path(), &old);
    let mut pty = Pty::quiz(&[], data.path());
    let home = pty.wait_for("Review — 10 questions due, most overdue first");
    assert!(home.contains("Readiness"), "{home}");
    pty.send(ENTER);
    let first = pty.wait_for("Question 1 of 10");
    assert!(first.contains("10 questions due for review, most overdue first"), "{first}");
    // Ended before any answer: nothing is recorded and the reviews are still due.
    pty.send("q");
    pty.wait_for("Review — 10 questions due");
    pty.send("q");
    assert!(pty.wait_exit());
}

/// Imports a Markdown fixture, then runs a mock exam on it to the results,
/// and finds the imported exam remembered on the home screen and in `stats`.
#[test]
fn an_imported_bank_runs_a_mock_exam() {
    let data = data_dir();
    let out = data.path().join("imported-bank");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/checkbox.md");
    let imported = std::process::Command::new(env!("CARGO_BIN_EXE_mla-quiz"))
        .args(["bank", "import"])
        .arg(&fixture)
        .arg("--out")
        .arg(&out)
        .args(["--exam", "PRACTICE-01"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&imported.stdout);
    assert!(imported.status.success() && stdout.contains("imported 6 questions"), "{stdout}");
    let bank = out.to_string_lossy().into_owned();
    let mut pty = Pty::quiz(&["--bank", &bank, "exam", "--exam", "PRACTICE-01", "--seed", "3"], data.path());
    pty.wait_for("Question 1 of 6");
    pty.send("a").send(RIGHT).send("b").send("s");
    pty.wait_for("Submit the exam?");
    pty.send("y");
    let results = pty.wait_for("Mock exam result");
    assert!(results.contains("Score by domain"), "{results}");
    pty.send("q");
    let home = pty.wait_for("Exam: PRACTICE-01 (2 of 2)");
    assert!(home.contains("History — 1 attempt"), "history is per exam: {home}");
    pty.send("x");
    let other = pty.wait_for("Exam: MLA-C01 (1 of 2)");
    assert!(other.contains("History — 0 attempts"), "{other}");
    pty.send("x");
    pty.wait_for("Exam: PRACTICE-01 (2 of 2)");
    pty.send("q");
    assert!(pty.wait_exit());
    let stats = std::process::Command::new(env!("CARGO_BIN_EXE_mla-quiz"))
        .args(["--bank", &bank, "stats", "--json"])
        .env("MLA_QUIZ_DATA_DIR", data.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats["attempts"], 1, "stats opens on the exam last used: {stats}");
}

/// A user bank folder (`--bank`) loads behind the home screen: the home screen
/// is up and answers keys while the folder is still being read (one of its
/// files is a named pipe that the test fills later), says that the banks are
/// loading, then offers the folder's exam without a restart.
#[test]
fn a_user_bank_loads_behind_the_home_screen_and_its_exam_joins_the_menu() {
    let data = data_dir();
    let bank = data.path().join("tst-bank");
    support::write_bank(&bank, &support::pretty(&support::manifest("tst")), &[]);
    let pipe = bank.join("questions.json");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status().unwrap_or_else(|e| panic!("{e}"));
    assert!(made.success(), "mkfifo");
    let bank_arg = bank.to_string_lossy().into_owned();
    let mut pty = Pty::quiz(&["--bank", &bank_arg], data.path());
    let home = pty.wait_for("Loading your banks…");
    assert!(home.contains("(MLA-C01)") && home.contains("Study session"), "{home}");
    assert!(!home.contains("Exam:"), "{home}");
    pty.send("\x1b[B");
    pty.wait_for("› Mock exam —");
    std::fs::write(&pipe, support::pretty(&support::questions())).unwrap_or_else(|e| panic!("{e}"));
    let loaded = pty.wait_for("Exam: MLA-C01 (1 of 2)");
    assert!(!loaded.contains("Loading") && loaded.contains("› Mock exam —"), "{loaded}");
    pty.send("x");
    let other = pty.wait_for("Exam: TST-01 (2 of 2)");
    assert!(other.contains("6 questions"), "{other}");
    pty.send("q");
    assert!(pty.wait_exit());
}
