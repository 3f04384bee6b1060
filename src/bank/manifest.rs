//! Reads and checks a bank's manifest (`bank.json`): its identity, its
//! blueprint (or the exam code whose blueprint it joins) and its service tags.

use super::checker::{Checker, Seg};
use super::diagnostic::{Diagnostic, SourceText};
use super::limits::{MAX_MINUTES, MAX_QUESTIONS};
use super::model::{Blueprint, Domain, TaskStatement};
use super::raw::{RawBlueprint, RawManifest};
use super::text::TextField;
use std::collections::BTreeMap;

pub const FORMAT_VERSION: u32 = 1;

/// A checked manifest.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub id: String,
    pub title: String,
    pub version: String,
    pub exam: String,
    pub blueprint: Option<Blueprint>,
    /// Relaxed rules for imported material: see [`super::question::QuestionContext::relaxed`].
    pub relaxed: bool,
    pub services: BTreeMap<String, String>,
}

/// Parses and checks a manifest, reporting every problem found.
pub fn read_manifest(src: &SourceText) -> Result<Manifest, Vec<Diagnostic>> {
    let raw: RawManifest = serde_json::from_str(src.text).map_err(|e| vec![src.serde_diagnostic(src.text, &e)])?;
    let mut check = Checker::new(src, src.text);
    if raw.format != FORMAT_VERSION {
        check.problem(
            &[Seg::Key("format")],
            format!("format {} is not supported; this mla-quiz reads format {FORMAT_VERSION}", raw.format),
        );
    }
    let id = check.id(&[Seg::Key("id")], &raw.id, "bank id").into_owned();
    let title = check.text(&[Seg::Key("title")], &raw.title, TextField::Title).into_owned();
    let version = check.text(&[Seg::Key("version")], &raw.version, TextField::Title).into_owned();
    let (exam, blueprint) = match (raw.blueprint, raw.exam) {
        (Some(bp), None) => {
            let blueprint = check_blueprint(&mut check, bp);
            (blueprint.code.clone(), Some(blueprint))
        }
        (None, Some(code)) => (check.text(&[Seg::Key("exam")], &code, TextField::Title).into_owned(), None),
        (Some(_), Some(_)) => {
            check.problem(&[Seg::Key("exam")], "give either `blueprint` or `exam`, not both");
            (String::new(), None)
        }
        (None, None) => {
            check.problem(&[], "the manifest needs a `blueprint`, or an `exam` code naming another bank's blueprint");
            (String::new(), None)
        }
    };
    let mut services = BTreeMap::new();
    for (tag, name) in raw.services {
        let path = [Seg::Key("services"), Seg::Key(&tag)];
        let clean_tag = check.text(&path, &tag, TextField::ServiceTag).into_owned();
        if !is_service_tag(&clean_tag) {
            check.problem(&path, format!("service tag {clean_tag:?} must be lower-case letters, digits and '-'"));
        }
        let name = check.text(&path, &name, TextField::ServiceName).into_owned();
        services.insert(clean_tag, name);
    }
    if check.is_clean() {
        Ok(Manifest { id, title, version, exam, blueprint, relaxed: raw.relaxed, services })
    } else {
        Err(check.problems)
    }
}

/// A service tag: lower-case words of letters and digits joined by single hyphens.
pub fn is_service_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag
            .split('-')
            .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

fn check_blueprint(check: &mut Checker, raw: RawBlueprint) -> Blueprint {
    let at = |key| [Seg::Key("blueprint"), Seg::Key(key)];
    let code = check.text(&at("code"), &raw.code, TextField::Title).into_owned();
    let name = check.text(&at("name"), &raw.name, TextField::Title).into_owned();
    if !(1..=MAX_QUESTIONS).contains(&raw.questions) {
        check.problem(&at("questions"), format!("a mock exam has 1 to {MAX_QUESTIONS} questions"));
    }
    if !(1..=MAX_MINUTES).contains(&raw.minutes) {
        check.problem(&at("minutes"), format!("a mock exam lasts 1 to {MAX_MINUTES} minutes"));
    }
    if raw.accommodation_minutes > MAX_MINUTES {
        check.problem(&at("accommodation_minutes"), format!("the extra time is at most {MAX_MINUTES} minutes"));
    }
    let scale = raw.scale;
    if !(scale.min < scale.pass && scale.pass <= scale.max) {
        check.problem(&at("scale"), "the scale needs min < pass <= max");
    }
    if raw.domains.is_empty() {
        check.problem(&at("domains"), "the blueprint has no domains");
    }
    let mut domains: Vec<Domain> = Vec::new();
    for (d, domain) in raw.domains.into_iter().enumerate() {
        let here = |key| [Seg::Key("blueprint"), Seg::Key("domains"), Seg::Index(d), Seg::Key(key)];
        if domains.iter().any(|known| known.id == domain.id) {
            check.problem(&here("id"), format!("domain {} is defined twice", domain.id));
        }
        let name = check.text(&here("name"), &domain.name, TextField::Title).into_owned();
        let mut tasks = Vec::new();
        for (t, task) in domain.tasks.into_iter().enumerate() {
            let path = [Seg::Key("blueprint"), Seg::Key("domains"), Seg::Index(d), Seg::Key("tasks"), Seg::Index(t)];
            let id = check.text(&path, &task.id, TextField::Id).into_owned();
            if !id.starts_with(&format!("{}.", domain.id)) {
                check.problem(&path, format!("task {id:?} must start with its domain id, as in \"{}.1\"", domain.id));
            }
            let name = check.text(&path, &task.name, TextField::Title).into_owned();
            tasks.push(TaskStatement { id, name });
        }
        if tasks.is_empty() {
            check.problem(&here("tasks"), format!("domain {} has no task statements", domain.id));
        }
        if domain.weight > 100 {
            check.problem(
                &here("weight"),
                format!("domain {} has weight {}; a weight is a percent", domain.id, domain.weight),
            );
        }
        domains.push(Domain { id: domain.id, name, weight: domain.weight, tasks });
    }
    let total = domains.iter().map(|d| d.weight).fold(0u32, u32::saturating_add);
    if !domains.is_empty() && total != 100 {
        check.problem(&at("domains"), format!("domain weights add up to {total}; they must add up to 100"));
    }
    Blueprint {
        code,
        name,
        questions: raw.questions,
        minutes: raw.minutes,
        accommodation_minutes: raw.accommodation_minutes,
        scale,
        domains,
    }
}
