//! Generates a realistic history into a data directory, through the same
//! store the app uses: 70% study sessions of 5–20 questions and 30% full mock
//! exams, drawn from the embedded bank and answered by a learner whose
//! accuracy drifts from about 55% to 85% over the attempts, one attempt an
//! hour or so apart.
//!
//! ```text
//! cargo run --release --example generate_history -- DATA_DIR ATTEMPTS [--seed N] [--batch N] [--start TIME] [--ready DIR --writers N]
//! ```
//!
//! `--batch` puts that many attempts in each transaction (default 1, as the
//! app does). `--start` is when the first attempt begins (RFC 3339, default
//! 2026-01-01T00:00:00Z). `--ready DIR --writers N` makes it wait until N writers have
//! said they are ready in DIR, so that concurrent writers overlap (the store's
//! concurrency test uses this).

use jiff::{SignedDuration, Timestamp};
use mla_quiz::bank::{Library, Pool};
use mla_quiz::engine::{Results, Session, Settings, StudyFilter, correct_response, wrong_response};
use mla_quiz::store::{Attempt, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

struct Args {
    dir: PathBuf,
    attempts: usize,
    seed: u64,
    batch: usize,
    start: Timestamp,
    ready: Option<(PathBuf, usize)>,
}

fn parse() -> Result<Args, String> {
    let mut raw = std::env::args().skip(1);
    let usage =
        "usage: generate_history DATA_DIR ATTEMPTS [--seed N] [--batch N] [--start TIME] [--ready DIR --writers N]";
    let dir = PathBuf::from(raw.next().ok_or(usage)?);
    let attempts = raw.next().and_then(|n| n.parse().ok()).ok_or(usage)?;
    let (mut seed, mut batch, mut ready, mut writers) = (1, 1, None, 1);
    let mut start: Timestamp = "2026-01-01T00:00:00Z".parse().map_err(|_| usage)?;
    while let Some(flag) = raw.next() {
        let value = raw.next().ok_or(usage)?;
        match flag.as_str() {
            "--seed" => seed = value.parse().map_err(|_| usage)?,
            "--batch" => batch = value.parse::<usize>().map_err(|_| usage)?.max(1),
            "--start" => start = value.parse().map_err(|_| usage)?,
            "--ready" => ready = Some(PathBuf::from(value)),
            "--writers" => writers = value.parse().map_err(|_| usage)?,
            _ => return Err(usage.into()),
        }
    }
    Ok(Args { dir, attempts, seed, batch, start, ready: ready.map(|r| (r, writers)) })
}

/// One attempt, started at `started_at`, answered with probability `accuracy` of being right.
fn attempt(pool: &Pool, rng: &mut StdRng, started_at: Timestamp, accuracy: f64) -> Option<Attempt> {
    let settings = if rng.random_bool(0.3) {
        Settings::mock_exam(&pool.blueprint, false, rng.random())
    } else {
        Settings::study(StudyFilter::default(), rng.random_range(5..=20), rng.random())
    };
    let mut session = Session::new(pool, settings).ok()?;
    let mut now = started_at;
    for index in 0..session.len() {
        session.go_to(index);
        let question = *session.question(index)?;
        let seconds = rng.random_range(20..150);
        session.spend(Duration::from_secs(seconds));
        now = now.checked_add(SignedDuration::from_secs(i64::try_from(seconds).ok()?)).ok()?;
        let response = if rng.random_bool(accuracy) { correct_response(&question) } else { wrong_response(&question) };
        session.respond(response, now).ok()?;
        if session.mode() == mla_quiz::engine::Mode::Study {
            session.submit(now).ok()?;
        }
    }
    session.finish();
    let results = Results::of(&session);
    Some(Attempt::of(Store::new_id(), (started_at, now), pool.banks.clone(), session.state(), results))
}

/// Says this writer is ready and waits until `writers` are.
fn start_line(dir: &Path, writers: usize, seed: u64) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(seed.to_string()), b"").map_err(|e| e.to_string())?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read_dir(dir).map_err(|e| e.to_string())?.count() < writers {
        if Instant::now() > deadline {
            return Err("the other writers never started".into());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let args = parse()?;
    let pool = Library::load(&[]).default_pool().ok_or("the embedded bank has no blueprint")?;
    let mut store = Store::open(Some(&args.dir)).map_err(|e| e.to_string())?.store;
    let mut rng = StdRng::seed_from_u64(args.seed);
    let mut at = args.start;
    if let Some((ready, writers)) = &args.ready {
        start_line(ready, *writers, args.seed)?;
    }
    let mut pending = Vec::with_capacity(args.batch);
    for i in 0..args.attempts {
        let accuracy = 0.55 + 0.30 * i as f64 / args.attempts.max(1) as f64;
        let attempt = attempt(&pool, &mut rng, at, accuracy).ok_or("a session could not be drawn")?;
        at = attempt
            .ended_at
            .checked_add(SignedDuration::from_mins(rng.random_range(5..120)))
            .map_err(|e| e.to_string())?;
        pending.push(attempt);
        if pending.len() == args.batch {
            store.record_all(&pending).map_err(|e| e.to_string())?;
            pending.clear();
        }
    }
    store.record_all(&pending).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate_history: {e}");
            ExitCode::FAILURE
        }
    }
}
