//! Placing each draft in the target exam: its domain and task, its services,
//! its type from the marked answers, duplicates, and the loader's own check
//! ([`read_question`]) — so a question written is one the loader accepts,
//! with its text normalised exactly as the loader normalises it.

use super::super::checker::SharedLists;
use super::super::diagnostic::SourceText;
use super::super::manifest::is_service_tag;
use super::super::model::QuestionType;
use super::super::question::{QuestionContext, read_question};
use super::super::raw::{RawOption, RawQuestion, Text};
use super::super::text::make_printable;
use super::Draft;
use super::assemble::{Skipped, Target};
use std::collections::HashMap;

/// Places drafts in the target one by one.
pub(super) struct Placer {
    /// Kept for the life of the process, as checked questions' text is (see [`crate::bank::model`]).
    bank_id: &'static str,
    pub accepted: Vec<RawQuestion<'static>>,
    /// Normalised question text → where it was first seen.
    seen: HashMap<String, (String, usize)>,
    pub skipped: Vec<Skipped>,
    lists: SharedLists,
}

impl Placer {
    pub fn new(bank_id: &str) -> Placer {
        Placer {
            bank_id: bank_id.to_string().leak(),
            accepted: Vec::new(),
            seen: HashMap::new(),
            skipped: Vec::new(),
            lists: SharedLists::default(),
        }
    }

    pub fn skip(&mut self, file: &str, line: usize, reason: String) {
        self.skipped.push(Skipped { file: file.to_string(), line, reason });
    }

    pub fn place(&mut self, file: &str, draft: Draft, target: &mut Target) {
        let line = draft.line;
        let key = identity(&draft);
        if let Some((first_file, first_line)) = self.seen.get(&key) {
            let reason = format!("the same question as {}:{first_line}", make_printable(first_file));
            return self.skip(file, line, reason);
        }
        let correct = draft.options.iter().filter(|o| o.correct).count();
        let kind = match correct {
            0 => return self.skip(file, line, "no option is marked as the answer".into()),
            1 => QuestionType::Single,
            _ => QuestionType::Multiple,
        };
        let blueprint = &target.blueprint;
        let domain = match draft.domain.filter(|d| blueprint.domain(*d).is_some()) {
            Some(domain) => domain,
            None if blueprint.domains.len() == 1 => blueprint.domains[0].id,
            None => {
                let reason = format!(
                    "no domain: the {} blueprint has {} domains; tag the question [D1] … or import it into an exam \
                     of its own (a new --exam code)",
                    blueprint.code,
                    blueprint.domains.len()
                );
                return self.skip(file, line, reason);
            }
        };
        let tasks = blueprint.domain(domain).map(|d| d.tasks.as_slice()).unwrap_or_default();
        let task = match draft.task.filter(|t| tasks.iter().any(|known| &known.id == t)) {
            Some(task) => Some(task),
            None if tasks.len() == 1 => Some(tasks[0].id.clone()),
            None => None,
        };
        let mut services: Vec<Text> = Vec::new();
        for tag in draft.tags.iter().filter(|t| is_service_tag(t)) {
            if !target.joins {
                target.services.entry(tag.clone()).or_insert_with(|| tag.clone());
            }
            if target.services.contains_key(tag) && !services.iter().any(|s| **s == **tag) {
                services.push(tag.clone().into());
            }
        }
        let mut raw = RawQuestion {
            id: format!("{}-{:04}", self.bank_id, self.accepted.len() + 1).into(),
            domain,
            task: task.map(Into::into),
            services: (!services.is_empty()).then_some(services),
            difficulty: None,
            kind,
            case_study: None,
            stem: draft.stem.into(),
            options: draft
                .options
                .into_iter()
                .map(|o| RawOption {
                    text: o.text.into(),
                    correct: Some(o.correct),
                    matches: None,
                    explanation: o.explanation.map(Into::into),
                })
                .collect(),
            responses: None,
            explanation: draft.explanation.map(Into::into),
            references: None,
        };
        // The check reads the question as the loader would, from JSON text kept like a bank file's.
        let json: &'static str = serde_json::to_string(&raw).unwrap_or_default().leak();
        let ctx = QuestionContext {
            bank: self.bank_id,
            blueprint: &target.blueprint,
            services: &target.services,
            lists: &self.lists,
            relaxed: true,
        };
        match read_question(&SourceText::new(file, json), json, &ctx) {
            Ok(question) => {
                // Written as the loader will read it: line endings, tabs and spacing normalised.
                raw.stem = Text(question.stem.into());
                for (written, checked) in raw.options.iter_mut().zip(question.options) {
                    written.text = Text(checked.text.into());
                    written.explanation = Some(Text(checked.explanation.into())).filter(|e| !e.is_empty());
                }
                raw.explanation = Some(Text(question.explanation.into())).filter(|e| !e.is_empty());
                self.seen.insert(key, (file.to_string(), line));
                self.accepted.push(raw);
            }
            Err(problems) => {
                let messages: Vec<String> = problems.into_iter().map(|p| p.message).collect();
                self.skip(file, line, messages.join("; "));
            }
        }
    }
}

/// A question's text and options, ignoring case, spacing and option order.
fn identity(draft: &Draft) -> String {
    let norm = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut options: Vec<String> = draft.options.iter().map(|o| norm(&o.text)).collect();
    options.sort();
    format!("{}\u{0}{}", norm(&draft.stem), options.join("\u{0}"))
}
