//! History figures of the real release binary at growing history sizes:
//! `cargo bench --bench history`.
//!
//! For each size (default 0, 1,000, 10,000 and 100,000 attempts; set
//! `MLA_QUIZ_BENCH_ATTEMPTS=0,1000` for fewer), a data directory is generated
//! once under `target/bench-history/` with `examples/generate_history.rs`
//! (70% study sessions of 5–20 questions, 30% full mock exams). Then:
//! - the home screen's first frame in a pseudo-terminal, its peak memory, and
//!   the time to exit after `q` (median of 5);
//! - `stats --json`, `history --json`, `history` and a per-question CSV export,
//!   each under `/usr/bin/time` for wall time and peak memory (median of 3).
//!
//! It prints a Markdown table for the README and fails (exit 1) when a target
//! of issue 11 is missed.

#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mla-quiz"))
}

/// The history generator, built (or brought up to date) in the release profile.
fn generator() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let profile = exe.parent().and_then(Path::parent).unwrap_or_else(|| panic!("odd bench path {exe:?}"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(cargo)
        .args(["build", "--quiet", "--release", "--example", "generate_history"])
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(built.success(), "building the history generator failed");
    profile.join("examples").join("generate_history")
}

/// A data directory with `attempts` generated attempts, made once.
fn data_dir(attempts: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-history").join(attempts.to_string());
    let done = dir.join("generated");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        let status = Command::new(generator())
            .arg(&dir)
            .args([attempts.to_string().as_str(), "--batch", "1000"])
            .status()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success(), "generating {attempts} attempts failed");
        eprintln!("generated {attempts} attempts in {:.1} s", started.elapsed().as_secs_f64());
        std::fs::write(&done, b"").unwrap_or_else(|e| panic!("{e}"));
        // One start brings the caches (memory states) up to date, as a user's first start would.
        let _ = Command::new(bin()).arg("--data-dir").arg(&dir).args(["stats"]).output();
    }
    dir
}

/// Wall time (ms) and peak memory (KiB) of `mla-quiz ARGS` with output discarded, median of 3.
fn command(dir: &Path, args: &[&str]) -> (f64, f64) {
    let runs: Vec<(f64, f64)> = (0..3)
        .map(|_| {
            let started = Instant::now();
            let out = Command::new("/usr/bin/time")
                .args(["-f", "%M", "-o", "/dev/stderr"])
                .arg(bin())
                .arg("--data-dir")
                .arg(dir)
                .args(args)
                .stdout(std::process::Stdio::null())
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            let took = pty::ms(started.elapsed());
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "mla-quiz {args:?} failed: {stderr}");
            let peak = stderr.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(f64::NAN);
            (took, peak)
        })
        .collect();
    (pty::median(runs.iter().map(|r| r.0).collect()), pty::median(runs.iter().map(|r| r.1).collect()))
}

struct Row {
    attempts: usize,
    home: pty::Start,
    stats: (f64, f64),
    json: (f64, f64),
    table: (f64, f64),
    csv: (f64, f64),
}

fn measure(attempts: usize) -> Row {
    let dir = data_dir(attempts);
    let marker =
        if attempts == 1 { "History — 1 attempt".to_string() } else { format!("History — {attempts} attempts") };
    let home = pty::starts(&bin(), &[], &marker, &dir, "q", 5);
    Row {
        attempts,
        home,
        stats: command(&dir, &["stats", "--json"]),
        json: command(&dir, &["history", "--json"]),
        table: command(&dir, &["history"]),
        csv: command(&dir, &["history", "export", "--format", "csv", "--per-question"]),
    }
}

fn mib(kib: f64) -> f64 {
    kib / 1024.0
}

fn main() -> ExitCode {
    let sizes: Vec<usize> = std::env::var("MLA_QUIZ_BENCH_ATTEMPTS")
        .unwrap_or_else(|_| "0,1000,10000,100000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let rows: Vec<Row> = sizes.into_iter().map(measure).collect();
    println!(
        "| attempts | home first frame | home peak | exit after q | stats --json | history --json | history | per-question CSV |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for r in &rows {
        let pair = |(ms, kib): (f64, f64)| format!("{:.0} ms / {:.1} MiB", ms, mib(kib));
        println!(
            "| {} | {:.1} ms | {:.1} MiB | {:.1} ms | {} | {} | {} | {} |",
            r.attempts,
            r.home.frame,
            mib(r.home.peak),
            r.home.exit,
            pair(r.stats),
            pair(r.json),
            pair(r.table),
            pair(r.csv)
        );
    }
    let mut failed = Vec::new();
    let empty = rows.iter().find(|r| r.attempts == 0).map(|r| r.home.frame);
    for r in &rows {
        let mut check = |ok: bool, what: String| {
            if !ok {
                failed.push(what);
            }
        };
        if let (10_000, Some(empty)) = (r.attempts, empty) {
            check(r.home.frame <= 1.5 * empty.max(1.0), format!("home at 10k {:.1} ms > 1.5× empty", r.home.frame));
            check(r.stats.0 < 300.0, format!("stats --json at 10k {:.0} ms", r.stats.0));
        }
        if r.attempts == 100_000 {
            check(r.home.frame < 50.0, format!("home at 100k {:.1} ms", r.home.frame));
            check(r.stats.0 < 2000.0, format!("stats --json at 100k {:.0} ms", r.stats.0));
            for (name, (_, kib)) in [("stats", r.stats), ("history --json", r.json), ("export", r.csv)] {
                check(mib(kib) < 40.0, format!("{name} at 100k peaks at {:.1} MiB", mib(kib)));
            }
        }
        check(r.home.exit < 20.0, format!("exit after q at {} attempts took {:.1} ms", r.attempts, r.home.exit));
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("missed: {}", failed.join("; "));
        ExitCode::FAILURE
    }
}
