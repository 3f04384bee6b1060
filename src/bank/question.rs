//! Checks one question or case study from a question file and builds the
//! validated [`Question`] / [`CaseStudy`], or reports every problem in it.

use super::checker::{Checker, Seg};
use super::diagnostic::{Diagnostic, SourceText};
use super::model::{AnswerKey, Blueprint, CaseStudy, Question, QuestionOption, QuestionType};
use super::raw::{OPTION_FIELDS, QUESTION_FIELDS, RawCaseStudy, RawOption, RawQuestion};
use super::text::TextField;
use std::collections::{BTreeMap, BTreeSet};

/// What a question is checked against.
pub struct QuestionContext<'a> {
    pub bank: &'a str,
    pub blueprint: &'a Blueprint,
    /// Every service tag the bank may use.
    pub services: &'a BTreeMap<String, String>,
    /// The bank opted into relaxed rules for imported material: 2 to 10
    /// options, no stated count in a multiple-response stem, text up to twice
    /// the strict length limits, and the task, services, difficulty,
    /// explanations and references may be left out.
    pub relaxed: bool,
}

/// The fewest and most options a single or multiple question of a relaxed bank may have.
pub const RELAXED_OPTIONS: (usize, usize) = (2, 10);

const OPTIONS: Seg = Seg::Key("options");

/// The word the stem of a multiple-response question uses for its count.
pub fn choose_word(count: usize) -> Option<&'static str> {
    ["TWO", "THREE", "FOUR", "FIVE", "SIX"].get(count.checked_sub(2)?).copied()
}

pub fn read_case_study(src: &SourceText, fragment: &str) -> Result<CaseStudy, Vec<Diagnostic>> {
    let raw: RawCaseStudy = serde_json::from_str(fragment).map_err(|e| vec![src.serde_diagnostic(fragment, &e)])?;
    let mut check = Checker::new(src, fragment);
    let id = check.id(&[Seg::Key("id")], &raw.id, "case study id");
    let title = check.text(&[Seg::Key("title")], &raw.title, TextField::Title);
    let scenario = check.text(&[Seg::Key("scenario")], &raw.scenario, TextField::Scenario);
    if check.is_clean() { Ok(CaseStudy { id, title, scenario }) } else { Err(check.problems) }
}

pub fn read_question(src: &SourceText, fragment: &str, ctx: &QuestionContext) -> Result<Question, Vec<Diagnostic>> {
    let raw: RawQuestion = serde_json::from_str(fragment).map_err(|e| vec![src.serde_diagnostic(fragment, &e)])?;
    let mut check = Checker::new(src, fragment);
    check.unknown_fields(&[], QUESTION_FIELDS);
    for i in 0..raw.options.len() {
        check.unknown_fields(&[OPTIONS, Seg::Index(i)], OPTION_FIELDS);
    }
    let relaxed = ctx.relaxed;
    if relaxed {
        check.relax_limits();
    }
    let id = check.id(&[Seg::Key("id")], &raw.id, "question id");
    let task = match (&raw.task, relaxed) {
        (Some(task), _) => check.text(&[Seg::Key("task")], task, TextField::Id),
        (None, true) => String::new(),
        (None, false) => missing(&mut check, "task"),
    };
    check_domain_and_task(&mut check, ctx.blueprint, raw.domain, &task);
    let services = match (&raw.services, relaxed) {
        (Some(services), _) => check_services(&mut check, services, ctx.services, relaxed),
        (None, true) => Vec::new(),
        (None, false) => missing(&mut check, "services"),
    };
    if raw.difficulty.is_none() && !relaxed {
        missing::<()>(&mut check, "difficulty");
    }
    let case_study = raw.case_study.as_deref().map(|cs| check.id(&[Seg::Key("case_study")], cs, "case study id"));
    let stem = check.text(&[Seg::Key("stem")], &raw.stem, TextField::Stem);
    let options = check_options(&mut check, &raw.options, relaxed);
    let key = check_key(&mut check, &raw, &stem, relaxed);
    let explanation = match (&raw.explanation, relaxed) {
        (Some(text), _) => check.text(&[Seg::Key("explanation")], text, TextField::Explanation),
        (None, true) => String::new(),
        (None, false) => missing(&mut check, "explanation"),
    };
    let references = match (&raw.references, relaxed) {
        (Some(urls), _) => check_references(&mut check, urls, relaxed),
        (None, true) => Vec::new(),
        (None, false) => missing(&mut check, "references"),
    };
    match key {
        Some(key) if check.is_clean() => Ok(Question {
            id,
            bank: ctx.bank.to_string(),
            domain: raw.domain,
            task,
            services,
            difficulty: raw.difficulty,
            case_study,
            stem,
            options,
            key,
            explanation,
            references,
        }),
        _ => Err(check.problems),
    }
}

/// Reports a field a strict bank must give, in serde's words.
fn missing<T: Default>(check: &mut Checker, field: &str) -> T {
    check.problem(&[], format!("missing field `{field}`"));
    T::default()
}

fn check_domain_and_task(check: &mut Checker, blueprint: &Blueprint, domain_id: u8, task: &str) {
    let Some(domain) = blueprint.domain(domain_id) else {
        let known: Vec<String> = blueprint.domains.iter().map(|d| d.id.to_string()).collect();
        check.problem(
            &[Seg::Key("domain")],
            format!("domain {domain_id} is not in the {} blueprint (domains: {})", blueprint.code, known.join(", ")),
        );
        return;
    };
    if !task.is_empty() && !domain.tasks.iter().any(|t| t.id == task) {
        let known: Vec<&str> = domain.tasks.iter().map(|t| t.id.as_str()).collect();
        check.problem(
            &[Seg::Key("task")],
            format!("task {task} is not a task statement of domain {domain_id} (its tasks: {})", known.join(", ")),
        );
    }
}

fn check_services(
    check: &mut Checker,
    raw: &[String],
    vocabulary: &BTreeMap<String, String>,
    relaxed: bool,
) -> Vec<String> {
    if raw.is_empty() && !relaxed {
        check.problem(&[Seg::Key("services")], "services is empty: tag at least one AWS service");
    }
    let mut seen = BTreeSet::new();
    for (i, tag) in raw.iter().enumerate() {
        let path = [Seg::Key("services"), Seg::Index(i)];
        if !vocabulary.contains_key(tag) {
            check.problem(
                &path,
                format!("unknown service tag {tag:?}: add it to the bank's `services` or use a listed tag"),
            );
        } else if !seen.insert(tag.clone()) {
            check.problem(&path, format!("service tag {tag:?} is listed twice"));
        }
    }
    seen.into_iter().collect()
}

fn check_options(check: &mut Checker, raw: &[RawOption], relaxed: bool) -> Vec<QuestionOption> {
    let mut options: Vec<QuestionOption> = Vec::new();
    for (i, option) in raw.iter().enumerate() {
        let at = |key| [OPTIONS, Seg::Index(i), Seg::Key(key)];
        let text = check.text(&at("text"), &option.text, TextField::OptionText);
        let explanation = match (&option.explanation, relaxed) {
            (Some(explanation), _) => check.text(&at("explanation"), explanation, TextField::OptionExplanation),
            (None, true) => String::new(),
            (None, false) => {
                check.problem(&[OPTIONS, Seg::Index(i)], "missing field `explanation`");
                String::new()
            }
        };
        if !text.is_empty() && options.iter().any(|o| o.text == text) {
            check.problem(&at("text"), format!("option {} repeats an earlier option's text", i + 1));
        }
        options.push(QuestionOption { text, explanation });
    }
    options
}

/// Checks the type-specific rules and builds the answer key.
fn check_key(check: &mut Checker, raw: &RawQuestion, stem: &str, relaxed: bool) -> Option<AnswerKey> {
    let n = raw.options.len();
    let (min, max) = match raw.kind {
        QuestionType::Single | QuestionType::Multiple if relaxed => RELAXED_OPTIONS,
        QuestionType::Single => (4, usize::MAX),
        QuestionType::Multiple => (5, usize::MAX),
        QuestionType::Ordering => (3, 5),
        QuestionType::Matching => (3, 7),
    };
    let kind = match raw.kind {
        QuestionType::Ordering => "an ordering",
        other => &format!("a {}", other.as_str()),
    };
    if n < min || n > max {
        let range = if max == usize::MAX { format!("at least {min}") } else { format!("{min} to {max}") };
        check.problem(&[OPTIONS], format!("{kind} question needs {range} options; this one has {n}"));
    }
    let uses_correct = matches!(raw.kind, QuestionType::Single | QuestionType::Multiple);
    let uses_match = raw.kind == QuestionType::Matching;
    for (i, option) in raw.options.iter().enumerate() {
        let here = |key| [OPTIONS, Seg::Index(i), Seg::Key(key)];
        match (uses_correct, option.correct.is_some()) {
            (true, false) => {
                check.problem(&[OPTIONS, Seg::Index(i)], format!("option {} needs `correct`: true or false", i + 1))
            }
            (false, true) => {
                check.problem(&here("correct"), format!("{kind} question's options have no `correct` field"))
            }
            _ => {}
        }
        match (uses_match, option.matches.is_some()) {
            (true, false) => check.problem(&[OPTIONS, Seg::Index(i)], format!("prompt {} needs a `match`", i + 1)),
            (false, true) => check.problem(&here("match"), format!("{kind} question's options have no `match` field")),
            _ => {}
        }
    }
    if !uses_match && raw.responses.is_some() {
        check.problem(&[Seg::Key("responses")], format!("{kind} question has no `responses`"));
    }
    let correct: BTreeSet<usize> =
        raw.options.iter().enumerate().filter(|(_, o)| o.correct == Some(true)).map(|(i, _)| i).collect();
    match raw.kind {
        QuestionType::Single => {
            if correct.len() != 1 {
                check.problem(
                    &[OPTIONS],
                    format!("a single question needs exactly 1 correct option; this one has {}", correct.len()),
                );
            }
            correct.first().map(|&i| AnswerKey::Single(i))
        }
        QuestionType::Multiple => {
            if correct.len() < 2 || correct.len() >= n {
                check.problem(
                    &[OPTIONS],
                    format!("a multiple question needs 2 or more correct options and at least one wrong one; this one has {} correct of {n}", correct.len()),
                );
            } else if relaxed {
                // Imported stems say "(Choose two)", "(Select 2 answers)" or nothing.
            } else if let Some(word) = choose_word(correct.len()) {
                let phrase = format!("(Choose {word}.)");
                if !stem.is_empty() && !stem.contains(&phrase) {
                    check.problem(
                        &[Seg::Key("stem")],
                        format!("the stem must say {phrase:?}: {} options are correct", correct.len()),
                    );
                }
            } else {
                check
                    .problem(&[OPTIONS], format!("{} correct options are more than a stem can ask for", correct.len()));
            }
            Some(AnswerKey::Multiple(correct))
        }
        QuestionType::Ordering => Some(AnswerKey::Ordering),
        QuestionType::Matching => check_matching(check, raw),
    }
}

fn check_matching(check: &mut Checker, raw: &RawQuestion) -> Option<AnswerKey> {
    let Some(raw_responses) = &raw.responses else {
        check.problem(&[], "a matching question needs `responses`");
        return None;
    };
    let mut responses: Vec<String> = Vec::new();
    for (i, response) in raw_responses.iter().enumerate() {
        let path = [Seg::Key("responses"), Seg::Index(i)];
        let text = check.text(&path, response, TextField::Response);
        if responses.contains(&text) {
            check.problem(&path, format!("response {text:?} is listed twice"));
        }
        responses.push(text);
    }
    if responses.len() < 2 {
        check.problem(&[Seg::Key("responses")], "a matching question needs at least 2 responses");
    }
    let mut matches = Vec::new();
    for (i, option) in raw.options.iter().enumerate() {
        let Some(target) = &option.matches else {
            continue;
        };
        match raw_responses.iter().position(|r| r == target) {
            Some(r) => matches.push(r),
            None => check.problem(
                &[OPTIONS, Seg::Index(i), Seg::Key("match")],
                format!("match {target:?} is not one of the responses"),
            ),
        }
    }
    Some(AnswerKey::Matching { responses, matches })
}

fn check_references(check: &mut Checker, raw: &[String], relaxed: bool) -> Vec<String> {
    if raw.is_empty() && !relaxed {
        check.problem(
            &[Seg::Key("references")],
            "references is empty: give at least one https:// link to documentation",
        );
    }
    raw.iter()
        .enumerate()
        .map(|(i, url)| {
            let path = [Seg::Key("references"), Seg::Index(i)];
            let url = check.text(&path, url, TextField::Reference);
            let host_and_path = url.strip_prefix("https://").unwrap_or("");
            if !url.is_empty() && (host_and_path.is_empty() || url.contains(char::is_whitespace)) {
                check.problem(&path, format!("reference {url:?} is not an https:// link"));
            }
            url
        })
        .collect()
}
