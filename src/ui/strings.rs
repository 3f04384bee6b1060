//! Words and formats the user reads in more than one place, written once:
//! the clock, dates, the pass/fail verdict, the note on the scaled score, the
//! empty-history line, the note on how the exam clock runs, the readiness line
//! and the notice of bank problems.

use crate::bank::{Library, ScoreScale};
use crate::engine::Mode;
use crate::learn::Readiness;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::time::Duration;

/// What the history says before there is any.
pub const NO_ATTEMPTS: &str = "No attempts yet. Start a study session with `mla-quiz study` or a mock exam with \
                               `mla-quiz exam`; finished sessions show up here.";

/// Why a scaled score is only an estimate.
pub const SCALED_NOTE: &str =
    "Scaled scores are estimates: AWS does not publish how raw marks become the scaled score.";

/// The scaled-score note under a result: [`SCALED_NOTE`] and how the estimate is made.
pub fn scale_note(scale: ScoreScale, pass_percent: f64) -> String {
    format!(
        "{SCALED_NOTE} This one maps percent correct linearly onto {}–{} (pass ≈ {pass_percent:.1}% correct).",
        scale.min, scale.max
    )
}

/// How the exam clock runs (the exam's help and the README say the same).
pub const CLOCK_NOTE: &str = "The clock runs only while the exam is on screen: it stops when you leave the \
                              exam or quit, and while the computer sleeps.";

/// `h:mm:ss`
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// A timestamp as date and time in a time zone, "2026-11-23 09:45".
pub fn local_date(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M").to_string()
}

/// "PASS" or "FAIL" for a mock exam; nothing for a study session.
pub fn verdict(mode: Mode, passed: bool) -> Option<&'static str> {
    match mode {
        Mode::Study => None,
        Mode::Exam if passed => Some("PASS"),
        Mode::Exam => Some("FAIL"),
    }
}

/// The readiness forecast in one line: the chance to pass and the likely
/// score range, or what is still missing before there is one.
pub fn readiness_line(readiness: &Readiness) -> String {
    match (readiness.probability, readiness.scaled_low, readiness.scaled_mid, readiness.scaled_high) {
        (Some(p), Some(low), Some(mid), Some(high)) => format!(
            "Readiness (an estimate): {:.0}% chance to pass today · likely score {mid}, 80% range {low}–{high}",
            100.0 * p
        ),
        _ => match readiness.missing.as_slice() {
            [one] => format!("Readiness: {one} for a pass forecast"),
            many => {
                let counts: Vec<String> = many.iter().map(|m| format!("Domain {}: {}", m.domain, m.answers)).collect();
                format!(
                    "Readiness: a pass forecast needs answers in every domain from the last {} days; still to \
                     answer: {}",
                    crate::store::learning::RECENT_DAYS,
                    counts.join(", ")
                )
            }
        },
    }
}

/// The notice for banks that loaded with problems, pointing to `bank validate`
/// (at start-up, or when the user's banks finish loading behind the home screen).
pub fn bank_problems(library: &Library) -> Option<String> {
    (!library.problems.is_empty()).then(|| {
        format!(
            "{} bank problem(s); {} item(s) skipped: run `mla-quiz bank validate` for details",
            library.problems.len(),
            library.skipped.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readiness_reads_as_a_chance_or_as_what_is_missing() {
        use crate::learn::Missing;
        let mut r = Readiness {
            probability: Some(0.634),
            scaled_low: Some(690),
            scaled_mid: Some(735),
            scaled_high: Some(780),
            answers_used: 400,
            method: String::new(),
            missing: Vec::new(),
        };
        assert_eq!(
            readiness_line(&r),
            "Readiness (an estimate): 63% chance to pass today · likely score 735, 80% range 690–780"
        );
        r.probability = None;
        r.missing = vec![Missing { domain: 3, answers: 12 }];
        assert_eq!(readiness_line(&r), "Readiness: answer 12 more Domain 3 questions for a pass forecast");
        r.missing.push(Missing { domain: 4, answers: 1 });
        assert_eq!(
            readiness_line(&r),
            "Readiness: a pass forecast needs answers in every domain from the last 180 days; still to answer: \
             Domain 3: 12, Domain 4: 1"
        );
    }

    #[test]
    fn clocks_read_as_hours_minutes_seconds() {
        assert_eq!(clock(Duration::from_secs(0)), "0:00:00");
        assert_eq!(clock(Duration::from_secs(7805)), "2:10:05");
    }

    #[test]
    fn only_exams_pass_or_fail() {
        assert_eq!(verdict(Mode::Exam, true), Some("PASS"));
        assert_eq!(verdict(Mode::Exam, false), Some("FAIL"));
        assert_eq!(verdict(Mode::Study, true), None);
    }
}
