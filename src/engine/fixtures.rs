//! Synthetic pools for the engine's tests: a four-domain blueprint shaped like
//! MLA-C01 and questions of every type, some grouped in case studies.

use crate::bank::{
    AnswerKey, Blueprint, CaseStudy, Difficulty, Domain, Pool, Question, QuestionOption, ScoreScale, TaskStatement,
};
use std::collections::BTreeMap;

/// A fixed answer time: the engine only stores what it is told.
pub const T0: jiff::Timestamp = jiff::Timestamp::UNIX_EPOCH;

pub fn blueprint() -> Blueprint {
    let domains = [(1, 28), (2, 26), (3, 22), (4, 24)]
        .into_iter()
        .map(|(id, weight)| Domain {
            id,
            name: format!("Domain {id}"),
            weight,
            tasks: (1..=3).map(|t| TaskStatement { id: format!("{id}.{t}"), name: format!("Task {id}.{t}") }).collect(),
        })
        .collect();
    Blueprint {
        code: "MLA-C01".into(),
        name: "Test exam".into(),
        questions: 65,
        minutes: 130,
        accommodation_minutes: 30,
        scale: ScoreScale { min: 100, max: 1000, pass: 720 },
        domains,
    }
}

fn options(n: usize) -> &'static [QuestionOption] {
    let option = |i| QuestionOption { text: format!("option {i}").leak(), explanation: format!("why {i}").leak() };
    (0..n).map(option).collect::<Vec<_>>().leak()
}

/// A question of the given type (0 single, 1 multiple, 2 ordering, 3 matching).
pub fn question(id: &str, domain: u8, task: &str, kind: usize) -> Question {
    let (options, key) = match kind % 4 {
        0 => (options(4), AnswerKey::Single(2)),
        1 => (options(5), AnswerKey::Multiple(&[0, 3])),
        2 => (options(4), AnswerKey::Ordering),
        _ => (options(3), AnswerKey::Matching { responses: &["r0", "r1", "r2"], matches: &[1, 0, 1] }),
    };
    Question {
        id: id.to_string().leak(),
        bank: "test",
        domain,
        task: task.to_string().leak(),
        services: if kind.is_multiple_of(2) { &["glue"] } else { &["sagemaker-clarify"] },
        difficulty: Some(Difficulty::Medium),
        case_study: None,
        stem: format!("stem of {id}").leak(),
        options,
        key,
        explanation: "because",
        references: &["https://docs.aws.amazon.com/"],
    }
}

/// `per_task` questions for every task, plus one case study of three questions in domain 1.
pub fn pool(per_task: usize) -> Pool {
    let blueprint = blueprint();
    let mut questions = Vec::new();
    for domain in &blueprint.domains {
        for task in &domain.tasks {
            for n in 0..per_task {
                questions.push(question(&format!("q{}-{n}", task.id), domain.id, &task.id, n));
            }
        }
    }
    for n in 0..3 {
        let mut q = question(&format!("cs-q{n}"), 1, "1.2", n);
        q.case_study = Some("cs-1");
        questions.push(q);
    }
    let case_study = CaseStudy { id: "cs-1", title: "Case", scenario: "A scenario." };
    Pool {
        blueprint,
        banks: vec![crate::bank::BankRef { id: "test".into(), version: "1".into() }],
        questions: questions.leak(),
        case_studies: BTreeMap::from([("cs-1".into(), case_study)]),
        services: BTreeMap::new(),
    }
}
