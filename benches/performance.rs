//! Speed and memory targets, run on demand: `cargo bench --bench performance`.
//!
//! Each figure is the median of several runs; the run fails (exit 1) when a
//! target is missed. Peak memory is the process's high-water mark (VmHWM), so
//! it is read on Linux only.

use mla_quiz::bank::Library;
use mla_quiz::engine::{Results, Session, Settings, correct_response};
use mla_quiz::store::Store;
use mla_quiz::ui::app::App;
use mla_quiz::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Median time of `runs` calls of `work`.
fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct Check {
    failed: bool,
}

impl Check {
    fn time(&mut self, what: &str, took: Duration, target: Duration) {
        let ok = took <= target;
        self.failed |= !ok;
        println!(
            "{:<44} {:>10.3} ms  (target {:>6.1} ms) {}",
            what,
            took.as_secs_f64() * 1e3,
            target.as_secs_f64() * 1e3,
            if ok { "ok" } else { "MISSED" }
        );
    }
}

fn main() -> ExitCode {
    let mut check = Check { failed: false };
    let load = median(21, || {
        let library = Library::load(&[]);
        assert!(library.problems.is_empty());
    });
    check.time("load and validate the embedded bank", load, Duration::from_millis(50));

    let library = Library::load(&[]);
    let Some(pool) = library.default_pool() else {
        eprintln!("no embedded pool");
        return ExitCode::FAILURE;
    };
    println!("({} questions)", pool.questions.len());
    let mut seed = 0;
    let draw = median(201, || {
        seed += 1;
        let session = Session::new(&pool, Settings::mock_exam(&pool.blueprint, false, seed));
        assert!(session.is_ok());
    });
    check.time("draw a 65-question mock exam", draw, Duration::from_millis(2));

    let grade = median(201, || {
        let Ok(mut session) = Session::new(&pool, Settings::mock_exam(&pool.blueprint, false, 7)) else { return };
        for i in 0..session.len() {
            session.go_to(i);
            let right = correct_response(session.current().0);
            let _ = session.respond(right, jiff::Timestamp::UNIX_EPOCH);
        }
        let results = Results::of(&session);
        assert_eq!(results.summary.raw.correct, session.len());
    });
    check.time("answer and grade a whole mock exam", grade, Duration::from_millis(5));

    let store = Store::memory("a benchmark keeps nothing".into()).unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(pool.clone(), store, Theme::colored(), Vec::new());
    let _ = app.start(Settings::mock_exam(&pool.blueprint, false, 3));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|never| match never {});
    let frame = median(201, || {
        let _ = terminal.draw(|f| app.render(f));
    });
    check.time("draw one question frame at 120x40", frame, Duration::from_millis(4));

    match peak_memory_kib() {
        Some(kib) => {
            let ok = kib <= 64 * 1024;
            check.failed |= !ok;
            println!(
                "{:<44} {:>10} KiB (target  65536 KiB) {}",
                "peak resident memory",
                kib,
                if ok { "ok" } else { "MISSED" }
            );
        }
        None => println!("peak resident memory: not available on this platform"),
    }
    if check.failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
