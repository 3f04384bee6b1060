//! Start-up, keystroke, exit and large-bank figures of the real binary in a
//! pseudo-terminal, against the targets of issue 13:
//! `cargo bench --bench startup`.
//!
//! The release binary runs in a pseudo-terminal with a data directory made
//! once beforehand; a frame counts as drawn when its text reaches the
//! terminal. The large bank (50,000 questions by default, about 50 MB; set
//! `MLA_QUIZ_BENCH_QUESTIONS`) is generated in one file and in 50 files under
//! Cargo's target temporary directory (0 skips it). `MLA_QUIZ_BASELINE=/path/to/mla-quiz`
//! measures an older binary the same way, for before/after figures. Peak
//! memory is the child's VmHWM (Linux); `bank validate` runs under
//! `/usr/bin/time` for its peak.

mod support {
    pub mod large_bank;
}
#[path = "support/pty.rs"]
mod pty;

use pty::{Pty, median, ms, start, starts};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const RIGHT: &str = "\x1b[C";
const CTRL_C: &str = "\x03";

/// Median time from a key that moves to the next exam question to that question's frame, at 200×60.
fn keystroke(bin: &Path, data: &Path) -> f64 {
    let mut pty = Pty::spawn(bin, &["exam", "--seed", "1"], data, (200, 60));
    pty.wait_for("Question 1 of 65");
    std::thread::sleep(Duration::from_millis(50));
    let mut times = Vec::new();
    for n in 2..=60 {
        let sent = pty.send(RIGHT);
        times.push(ms(pty.wait_for(&format!("Question {n} of 65")) - sent));
        std::thread::sleep(Duration::from_millis(20));
    }
    pty.exit_after(CTRL_C);
    median(times)
}

/// Wall time (ms) and peak memory (KiB) of `bank validate DIR`, median of 3.
fn validate(bin: &Path, dir: &Path) -> (f64, f64) {
    let runs: Vec<(f64, f64)> = (0..3)
        .map(|_| {
            let start = Instant::now();
            let out = std::process::Command::new("/usr/bin/time")
                .args(["-f", "%M"])
                .arg(bin)
                .args(["bank", "validate"])
                .arg(dir)
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            let took = ms(start.elapsed());
            let stderr = String::from_utf8_lossy(&out.stderr);
            let peak = stderr.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(f64::NAN);
            (took, peak)
        })
        .collect();
    (median(runs.iter().map(|r| r.0).collect()), median(runs.iter().map(|r| r.1).collect()))
}

/// A bare parse of every file of the folder into `serde_json::Value` (ms, median of 3).
fn bare_parse(dir: &Path) -> f64 {
    median(
        (0..3)
            .map(|_| {
                let start = Instant::now();
                let mut files: Vec<PathBuf> =
                    std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
                files.sort();
                for file in files {
                    let bytes = std::fs::read(&file).unwrap_or_default();
                    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
                    std::hint::black_box(value);
                }
                ms(start.elapsed())
            })
            .collect(),
    )
}

struct Report {
    failed: bool,
}

impl Report {
    fn line(&mut self, what: &str, value: f64, unit: &str, target: Option<f64>) {
        let verdict = match target {
            Some(t) if value <= t => format!("(target {t:.1}) ok"),
            Some(t) => {
                self.failed = true;
                format!("(target {t:.1}) MISSED")
            }
            None => String::new(),
        };
        println!("  {what:<52} {value:>9.2} {unit:<4} {verdict}");
    }
}

fn measure(name: &str, bin: &Path, banks: &[(String, PathBuf, u64)], report: &mut Report, targets: bool) {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let t = |x: f64| targets.then_some(x);
    println!("{name}: {}", bin.display());
    // The first start creates the database; the figures are of the starts after it.
    start(bin, &[], "Study session", data.path(), "q");
    let home = starts(bin, &[], "Study session", data.path(), "q", 11);
    report.line("home, embedded bank: first frame", home.frame, "ms", t(5.0));
    report.line("home, embedded bank: peak memory", home.peak / 1024.0, "MiB", t(6.0));
    report.line("home, embedded bank: exit after q", home.exit, "ms", t(10.0));
    report.line("keystroke to next exam question at 200x60", keystroke(bin, data.path()), "ms", t(1.3));
    for (label, dir, bytes) in banks {
        let dir_arg = dir.to_string_lossy();
        let mib = *bytes as f64 / (1024.0 * 1024.0);
        let limit = 1.5 * mib + 3.0;
        let args = ["--bank", &dir_arg];
        let home = starts(bin, &args, "Study session", data.path(), "q", 3);
        report.line(&format!("{label}: home first frame"), home.frame, "ms", None);
        report.line(&format!("{label}: exit after q on home"), home.exit, "ms", t(10.0));
        let study = starts(bin, &["--bank", &dir_arg, "study"], "Question 1 of", data.path(), CTRL_C, 3);
        report.line(&format!("{label}: study, first question"), study.frame, "ms", t(250.0));
        report.line(&format!("{label}: study, peak memory"), study.peak / 1024.0, "MiB", t(limit));
        report.line(&format!("{label}: exit after Ctrl-C in study"), study.exit, "ms", t(10.0));
        let (took, peak) = validate(bin, dir);
        let bare = bare_parse(dir);
        report.line(&format!("{label}: bank validate"), took, "ms", None);
        report.line(&format!("{label}: bare serde_json::Value parse"), bare, "ms", None);
        report.line(&format!("{label}: validate / bare parse"), took / bare, "x", t(1.0));
        report.line(&format!("{label}: validate peak memory"), peak / 1024.0, "MiB", t(limit));
    }
}

fn main() -> ExitCode {
    let questions: usize =
        std::env::var("MLA_QUIZ_BENCH_QUESTIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(50_000);
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-banks-{questions}"));
    // MLA_QUIZ_BENCH_QUESTIONS=0 measures the embedded bank only.
    let layouts: &[(&str, usize)] = if questions == 0 { &[] } else { &[("one file", 1), ("50 files", 50)] };
    let banks: Vec<(String, PathBuf, u64)> = layouts
        .iter()
        .copied()
        .map(|(label, files)| {
            let dir = root.join(format!("{files}"));
            let bytes = support::large_bank::write(&dir, questions, files).unwrap_or_else(|e| panic!("{e}"));
            (format!("{questions} questions, {label} ({:.1} MB)", bytes as f64 / 1e6), dir, bytes)
        })
        .collect();
    let mut report = Report { failed: false };
    measure("this build", Path::new(env!("CARGO_BIN_EXE_mla-quiz")), &banks, &mut report, true);
    if let Ok(baseline) = std::env::var("MLA_QUIZ_BASELINE") {
        measure("baseline", Path::new(&baseline), &banks, &mut Report { failed: false }, false);
    }
    if report.failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
