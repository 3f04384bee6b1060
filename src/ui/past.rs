//! Reopening a past attempt: its answers become a finished session again, in
//! the option order the candidate saw, so the results and review screens show
//! it exactly as it was answered. Questions no longer in the bank (or changed
//! so that the saved answer no longer fits) are left out with a note.

use crate::bank::Pool;
use crate::engine::{ItemState, Mode, Results, Session, SessionState, restore};
use crate::store::Attempt;

/// A past attempt ready for the results screen, or why it cannot be shown.
pub struct Reopened {
    pub session: Session,
    /// The results as recorded, not as today's bank would grade them.
    pub results: Results,
    pub note: Option<String>,
}

/// Rebuilds `attempt` against `pool`; `Err` says why nothing of it can be shown.
pub fn reopen(pool: &Pool, attempt: Attempt) -> Result<Reopened, String> {
    let mut missing = Vec::new();
    let mut items = Vec::new();
    for q in &attempt.questions {
        let Some(question) = pool.question(&q.id) else {
            missing.push(q.id.clone());
            continue;
        };
        let identity = |n: usize| (0..n).collect::<Vec<_>>();
        let responses = match &question.key {
            crate::bank::AnswerKey::Matching { responses, .. } => responses.len(),
            _ => 0,
        };
        let item = ItemState {
            question_id: q.id.clone(),
            order: if q.order.is_empty() { identity(question.options.len()) } else { q.order.clone() },
            response_order: if q.response_order.is_empty() { identity(responses) } else { q.response_order.clone() },
            response: q.response.clone(),
            submitted: attempt.mode == Mode::Study,
            flagged: q.flagged,
            millis: q.seconds.saturating_mul(1000),
            answered_at: q.answered_at,
            guessed: q.guessed,
        };
        // A question changed so that the saved answer no longer fits counts as missing.
        match restore::check_item(question, &item, attempt.mode) {
            Ok(()) => items.push(item),
            Err(_) => missing.push(q.id.clone()),
        }
    }
    if items.is_empty() {
        return Err(format!(
            "None of the {} questions of this attempt is in the loaded banks ({}) as it was, so it cannot be reviewed. \
             `mla-quiz history show {}` prints its summary.",
            attempt.questions.len(),
            pool.blueprint.code,
            attempt.id
        ));
    }
    let mut session = Session::restore(pool, state_of(&attempt, items)).map_err(|e| e.to_string())?;
    session.finish();
    let note = (!missing.is_empty()).then(|| {
        format!(
            "{} question(s) of this attempt are no longer in the bank as they were and are left out of the review: {}",
            missing.len(),
            missing.join(", ")
        )
    });
    Ok(Reopened { session, results: Results { summary: attempt.summary, questions: attempt.questions }, note })
}

fn state_of(attempt: &Attempt, items: Vec<ItemState>) -> SessionState {
    SessionState {
        exam: attempt.exam.clone(),
        settings: attempt.settings.clone(),
        items,
        position: 0,
        elapsed_millis: attempt.summary.seconds.saturating_mul(1000),
        // Restoring takes only unfinished sessions; the caller finishes it.
        finished: false,
    }
}
