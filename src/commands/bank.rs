//! `mla-quiz bank validate` and `mla-quiz bank stats`.

use crate::bank::stats::BankStats;
use crate::bank::text::{clip, make_printable};
use crate::bank::{Library, Origin};
use anyhow::{Context, Result, anyhow};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints every problem of the embedded bank and the given folders; exit 1 if any.
pub fn validate(banks: &[PathBuf], out: &mut impl Write) -> Result<ExitCode> {
    let library = Library::load(banks);
    for problem in &library.problems {
        writeln!(out, "{}", make_printable(&problem.to_string()))?;
    }
    for bank in &library.banks {
        let origin = match &bank.origin {
            Origin::Embedded => "embedded".to_string(),
            Origin::Folder(path) => path.display().to_string(),
        };
        writeln!(
            out,
            "{} {} ({}): {} questions, {} case studies",
            make_printable(&bank.id),
            make_printable(&bank.version),
            make_printable(&origin),
            bank.questions.len(),
            bank.case_studies.len()
        )?;
    }
    if library.problems.is_empty() {
        writeln!(out, "no problems")?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{} problem(s); skipped: {}", library.problems.len(), library.skipped.len())?;
        Ok(ExitCode::FAILURE)
    }
}

/// Prints counts of the pool for one exam, as a table or one JSON object.
pub fn stats(banks: &[PathBuf], exam: Option<&str>, json: bool, out: &mut impl Write) -> Result<ExitCode> {
    let library = Library::load(banks);
    let pool = match exam {
        Some(code) => library.pool(code),
        None => library.default_pool(),
    }
    .ok_or_else(|| anyhow!("no loaded bank has a blueprint for {}", exam.unwrap_or("any exam")))?;
    let stats = BankStats::of(&pool);
    if json {
        serde_json::to_writer(&mut *out, &stats).context("writing JSON")?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{} — {} questions, {} case studies", stats.exam, stats.questions, stats.case_studies)?;
    writeln!(out, "banks: {}", make_printable(&stats.banks.join(", ")))?;
    for domain in &pool.blueprint.domains {
        let n = stats.by_domain.get(&domain.id.to_string()).copied().unwrap_or(0);
        writeln!(out, "  domain {} {:<52} {n:>4}", domain.id, make_printable(&domain.name))?;
        for task in &domain.tasks {
            let n = stats.by_task.get(&task.id).copied().unwrap_or(0);
            writeln!(out, "    {:<4} {:<51} {n:>4}", task.id, clip(&make_printable(&task.name), 50))?;
        }
    }
    let line = |map: &std::collections::BTreeMap<String, usize>| {
        map.iter().map(|(k, v)| format!("{} {v}", make_printable(k))).collect::<Vec<_>>().join(", ")
    };
    writeln!(out, "types: {}", line(&stats.by_type))?;
    writeln!(out, "difficulty: {}", line(&stats.by_difficulty))?;
    writeln!(out, "services: {}", line(&stats.by_service))?;
    let longest = &stats.longest_option_is_key;
    writeln!(
        out,
        "right answer is the longest option: {} of {} single/multiple questions ({}%)",
        longest.count, longest.eligible, longest.percent
    )?;
    writeln!(out, "single-answer key by length rank (1 = longest): {}", line(&stats.key_length_rank))?;
    Ok(ExitCode::SUCCESS)
}
