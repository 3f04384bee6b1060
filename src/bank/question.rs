//! Checks one question or case study from a question file and builds the
//! validated [`Question`] / [`CaseStudy`], or reports every problem in it.

use super::checker::{Checker, Seg, SharedLists, keep, keep_all, without_unknown_fields};
use super::diagnostic::{Diagnostic, SourceText};
use super::model::{AnswerKey, Blueprint, CaseStudy, Question, QuestionOption, QuestionType};
use super::raw::{OPTION_FIELDS, QUESTION_FIELDS, RawCaseStudy, RawOption, RawQuestion, Text};
use super::text::TextField;
use std::collections::{BTreeMap, BTreeSet};

/// What a question is checked against.
pub struct QuestionContext<'a> {
    pub bank: &'static str,
    pub blueprint: &'a Blueprint,
    /// Every service tag the bank may use.
    pub services: &'a BTreeMap<String, String>,
    /// Where service and reference lists are kept.
    pub lists: &'a SharedLists,
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

/// Reads and checks one case study from its place in a file.
pub fn read_case_study(src: &SourceText, fragment: &'static str) -> Result<CaseStudy, Vec<Diagnostic>> {
    let raw: RawCaseStudy = serde_json::from_str(fragment).map_err(|e| vec![src.serde_diagnostic(fragment, &e)])?;
    let mut check = Checker::new(src, fragment);
    let case_study = check_case_study(&mut check, &raw);
    if check.is_clean() { Ok(case_study) } else { Err(check.problems) }
}

/// Checks a case study; any problem is recorded in `check`.
pub fn check_case_study(check: &mut Checker, raw: &RawCaseStudy<'static>) -> CaseStudy {
    CaseStudy {
        id: check.kept_id(&[Seg::Key("id")], &raw.id, "case study id"),
        title: check.kept(&[Seg::Key("title")], &raw.title, TextField::Title),
        scenario: check.kept(&[Seg::Key("scenario")], &raw.scenario, TextField::Scenario),
    }
}

/// Reads and checks one question from its place in a file, reporting every
/// problem in it, each located.
pub fn read_question(
    src: &SourceText,
    fragment: &'static str,
    ctx: &QuestionContext,
) -> Result<Question, Vec<Diagnostic>> {
    let mut check = Checker::new(src, fragment);
    let question = match serde_json::from_str::<RawQuestion<'static>>(fragment) {
        Ok(raw) => check_question(&mut check, raw, ctx),
        Err(error) => {
            check.unknown_fields(&[], QUESTION_FIELDS);
            check.unknown_fields_of_each(&[OPTIONS], OPTION_FIELDS);
            if check.is_clean() {
                return Err(vec![src.serde_diagnostic(fragment, &error)]);
            }
            // Check the rest of the question too, from a copy without the unknown fields.
            let rest = without_unknown_fields(fragment, QUESTION_FIELDS, OPTION_FIELDS)
                .and_then(|copy| serde_json::from_str::<RawQuestion<'static>>(copy.leak()).ok());
            if let Some(raw) = rest {
                check_question(&mut check, raw, ctx);
            }
            None
        }
    };
    match question {
        Some(question) if check.is_clean() => Ok(question),
        _ => Err(check.problems),
    }
}

/// Checks a parsed question against the bank's rules and builds it; every
/// problem is recorded in `check` (the question is `None` when its answer
/// key cannot be built, and must not be used unless `check` stays clean).
pub fn check_question(check: &mut Checker, raw: RawQuestion<'static>, ctx: &QuestionContext) -> Option<Question> {
    let relaxed = ctx.relaxed;
    if relaxed {
        check.relax_limits();
    }
    let id = check.kept_id(&[Seg::Key("id")], &raw.id, "question id");
    let task = match (&raw.task, relaxed) {
        (Some(task), _) => check.kept(&[Seg::Key("task")], task, TextField::Id),
        (None, true) => "",
        (None, false) => missing(check, "task"),
    };
    check_domain_and_task(check, ctx.blueprint, raw.domain, task);
    let services = match (&raw.services, relaxed) {
        (Some(services), _) => ctx.lists.keep(check_services(check, services, ctx.services, relaxed)),
        (None, true) => &[],
        (None, false) => missing(check, "services"),
    };
    if raw.difficulty.is_none() && !relaxed {
        missing::<()>(check, "difficulty");
    }
    let case_study = raw.case_study.as_ref().map(|cs| check.kept_id(&[Seg::Key("case_study")], cs, "case study id"));
    let stem = check.kept(&[Seg::Key("stem")], &raw.stem, TextField::Stem);
    let options = check_options(check, &raw.options, relaxed);
    let key = check_key(check, &raw, stem, relaxed);
    let explanation = match (&raw.explanation, relaxed) {
        (Some(text), _) => check.kept(&[Seg::Key("explanation")], text, TextField::Explanation),
        (None, true) => "",
        (None, false) => missing(check, "explanation"),
    };
    let references = match (&raw.references, relaxed) {
        (Some(urls), _) => ctx.lists.keep(check_references(check, urls, relaxed)),
        (None, true) => &[],
        (None, false) => missing(check, "references"),
    };
    Some(Question {
        id,
        bank: ctx.bank,
        domain: raw.domain,
        task,
        services,
        difficulty: raw.difficulty,
        case_study,
        stem,
        options,
        key: key?,
        explanation,
        references,
    })
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
    raw: &[Text<'static>],
    vocabulary: &BTreeMap<String, String>,
    relaxed: bool,
) -> Vec<&'static str> {
    if raw.is_empty() && !relaxed {
        check.problem(&[Seg::Key("services")], "services is empty: tag at least one AWS service");
    }
    let mut seen = BTreeSet::new();
    for (i, tag) in raw.iter().map(|tag| keep(tag.0.clone())).enumerate() {
        let path = [Seg::Key("services"), Seg::Index(i)];
        if !vocabulary.contains_key(tag) {
            check.problem(
                &path,
                format!("unknown service tag {tag:?}: add it to the bank's `services` or use a listed tag"),
            );
        } else if !seen.insert(tag) {
            check.problem(&path, format!("service tag {tag:?} is listed twice"));
        }
    }
    seen.into_iter().collect()
}

fn check_options(check: &mut Checker, raw: &[RawOption<'static>], relaxed: bool) -> &'static [QuestionOption] {
    let mut options: Vec<QuestionOption> = Vec::new();
    for (i, option) in raw.iter().enumerate() {
        let at = |key| [OPTIONS, Seg::Index(i), Seg::Key(key)];
        let text = check.kept(&at("text"), &option.text, TextField::OptionText);
        let explanation = match (&option.explanation, relaxed) {
            (Some(explanation), _) => check.kept(&at("explanation"), explanation, TextField::OptionExplanation),
            (None, true) => "",
            (None, false) => {
                check.problem(&[OPTIONS, Seg::Index(i)], "missing field `explanation`");
                ""
            }
        };
        if !text.is_empty() && options.iter().any(|o| o.text == text) {
            check.problem(&at("text"), format!("option {} repeats an earlier option's text", i + 1));
        }
        options.push(QuestionOption { text, explanation });
    }
    keep_all(options)
}

/// Checks the type-specific rules and builds the answer key.
fn check_key(check: &mut Checker, raw: &RawQuestion<'static>, stem: &str, relaxed: bool) -> Option<AnswerKey> {
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
    let correct: Vec<usize> =
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
            Some(AnswerKey::Multiple(keep_all(correct)))
        }
        QuestionType::Ordering => Some(AnswerKey::Ordering),
        QuestionType::Matching => check_matching(check, raw),
    }
}

fn check_matching(check: &mut Checker, raw: &RawQuestion<'static>) -> Option<AnswerKey> {
    let Some(raw_responses) = &raw.responses else {
        check.problem(&[], "a matching question needs `responses`");
        return None;
    };
    let mut responses: Vec<&'static str> = Vec::new();
    for (i, response) in raw_responses.iter().enumerate() {
        let path = [Seg::Key("responses"), Seg::Index(i)];
        let text = check.kept(&path, response, TextField::Response);
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
    Some(AnswerKey::Matching { responses: keep_all(responses), matches: keep_all(matches) })
}

fn check_references(check: &mut Checker, raw: &[Text<'static>], relaxed: bool) -> Vec<&'static str> {
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
            let url = check.kept(&path, url, TextField::Reference);
            let host_and_path = url.strip_prefix("https://").unwrap_or("");
            if !url.is_empty() && (host_and_path.is_empty() || url.contains(char::is_whitespace)) {
                check.problem(&path, format!("reference {url:?} is not an https:// link"));
            }
            url
        })
        .collect()
}
