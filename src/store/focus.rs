//! Focus sets for study sessions, from the answer log: questions missed last
//! time, never seen, due for review (most overdue first), or a drill from the
//! weakest areas (in the order to ask them). Each says in a few words why its
//! questions were picked, for the session's header.

use super::{Store, StoreError};
use crate::bank::Pool;
use crate::engine::StudyFilter;
use crate::learn::Area;
use jiff::Timestamp;

/// Which questions a focus session draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Questions whose most recent answer was wrong or missing.
    Missed,
    /// Questions that no attempt has asked yet.
    Unseen,
    /// Questions whose review is due, most overdue first.
    Due,
    /// The weakest task statements and services, weighted by the blueprint.
    Weak,
}

impl Focus {
    pub const ALL: [Focus; 4] = [Focus::Due, Focus::Weak, Focus::Missed, Focus::Unseen];

    pub fn label(self) -> &'static str {
        match self {
            Focus::Missed => "missed last time",
            Focus::Unseen => "not seen yet",
            Focus::Due => "due for review",
            Focus::Weak => "from the weakest areas",
        }
    }
}

/// The questions of a focus, and why they were picked.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusSet {
    pub focus: Focus,
    /// For [`Focus::Due`] and [`Focus::Weak`], in the order to ask them.
    pub ids: Vec<String>,
    /// "weakest: 3.2 at 41%, AWS Glue at 48%", "12 reviews due, most overdue first".
    pub note: String,
}

impl FocusSet {
    /// Narrows `filter` to this set (keeping the order where it has one).
    pub fn apply(&self, filter: &mut StudyFilter) {
        match self.focus {
            Focus::Due | Focus::Weak => filter.ranked = Some(self.ids.clone()),
            Focus::Missed | Focus::Unseen => filter.only = Some(self.ids.iter().cloned().collect()),
        }
        filter.note = Some(self.note.clone());
    }
}

impl Store {
    /// The questions of `focus` in the pool at `now`; a weak drill holds up to `count`.
    pub fn focus_set(
        &mut self,
        pool: &Pool,
        focus: Focus,
        now: Timestamp,
        count: usize,
        seed: u64,
    ) -> Result<FocusSet, StoreError> {
        let (ids, note) = match focus {
            Focus::Missed | Focus::Unseen => {
                let last = self.last_results(&pool.blueprint.code, pool.questions.iter().map(|q| q.id))?;
                let ids: Vec<String> = pool
                    .questions
                    .iter()
                    .filter(|q| match focus {
                        Focus::Missed => last.get(q.id) == Some(&false),
                        _ => !last.contains_key(q.id),
                    })
                    .map(|q| q.id.to_string())
                    .collect();
                (ids, focus.label().to_string())
            }
            Focus::Due => {
                let due = self.due_reviews(pool, now)?;
                let plural = if due.ids.len() == 1 { "" } else { "s" };
                let note = format!("{} question{plural} due for review, most overdue first", due.ids.len());
                (due.ids, note)
            }
            Focus::Weak => match self.weak_drill(pool, now, count, seed)? {
                Some(drill) => {
                    let areas: Vec<String> = drill
                        .areas
                        .iter()
                        .map(|a| {
                            let name = match &a.area {
                                Area::Task(task) => task.clone(),
                                Area::Service(tag) => pool.service_name(tag).to_string(),
                            };
                            format!("{name} at {:.0}%", 100.0 * a.accuracy)
                        })
                        .collect();
                    (drill.ids, format!("weakest: {}", areas.join(", ")))
                }
                None => (Vec::new(), "no weak area yet".to_string()),
            },
        };
        Ok(FocusSet { focus, ids, note })
    }
}
