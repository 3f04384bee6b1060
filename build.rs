//! Checks every bank folder under `question_banks/` with the crate's own
//! loader and compiles it into the binary, so that `cargo install` and
//! `cargo run` work with no files beside the executable. A problem in an
//! embedded bank fails the build with the loader's `path:line:col` messages.
//! The checked questions are written out as static tables (`Question`
//! literals whose text is cut at compile time from two long strings, see
//! [`Blobs`]), so at run time the embedded bank costs no parsing at all.

// The loader's modules, shared with the library (they use only `super::` paths).
// The build script uses a part of them.
#![allow(dead_code)]

#[path = "src/bank/bank_loader.rs"]
mod bank_loader;
#[path = "src/bank/checker.rs"]
mod checker;
#[path = "src/bank/diagnostic.rs"]
mod diagnostic;
#[path = "src/bank/limits.rs"]
mod limits;
#[path = "src/bank/load.rs"]
mod load;
#[path = "src/bank/manifest.rs"]
mod manifest;
#[path = "src/bank/model.rs"]
mod model;
#[path = "src/bank/question.rs"]
mod question;
#[path = "src/bank/raw.rs"]
mod raw;
#[path = "src/bank/source.rs"]
mod source;
#[path = "src/bank/text.rs"]
mod text;
#[path = "src/bank/typed_pass.rs"]
mod typed_pass;

use model::{AnswerKey, CaseStudy, Origin, Question};
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if linker_packs_relative_relocations() {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR")?).join("question_banks");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut folders: Vec<_> =
        fs::read_dir(&root)?.filter_map(Result::ok).map(|entry| entry.path()).filter(|path| path.is_dir()).collect();
    folders.sort();
    let mut sources = Vec::new();
    for folder in &folders {
        println!("cargo:rerun-if-changed={}", folder.display());
        let (mut source, problems) = source::BankSource::folder(folder).map_err(|p| p.to_string())?;
        fail_on(&problems)?;
        source.origin = Origin::Embedded;
        source.display = format!("question_banks/{}", name_of(folder)?);
        for (name, _) in &source.files {
            println!("cargo:rerun-if-changed={}", folder.join(name).display());
        }
        sources.push(source);
    }
    let library = load::Library::from_sources(sources);
    fail_on(&library.problems)?;
    let mut text = Blobs::default();
    let mut code = String::from("pub static EMBEDDED_BANKS: &[EmbeddedBank] = &[\n");
    for (folder, bank) in folders.iter().zip(&library.banks) {
        let manifest = folder.join(load::MANIFEST);
        write!(
            code,
            "EmbeddedBank {{ folder: {:?}, manifest: include_str!({:?}), questions: &[",
            name_of(folder)?,
            manifest.display().to_string()
        )?;
        for question in bank.questions {
            write_question(&mut code, &mut text, question)?;
        }
        code.push_str("], case_studies: &[");
        for CaseStudy { id, title, scenario } in bank.case_studies {
            let (id, title, scenario) = (text.short(id), text.long(title), text.long(scenario));
            write!(code, "CaseStudy {{ id: {id}, title: {title}, scenario: {scenario} }},")?;
        }
        code.push_str("] },\n");
    }
    code.push_str("];\n");
    writeln!(code, "const SHORT: &str = {:?};\nconst LONG: &str = {:?};", text.short, text.long)?;
    fs::write(Path::new(&env::var("OUT_DIR")?).join("embedded_banks.rs"), code)?;
    Ok(())
}

/// The embedded banks' text, gathered into two strings: the short fields
/// that loading and counting read (ids, tasks, service tags) and the long
/// text read only when a question is shown. Each field is written as a
/// `part` of one of them (cut at compile time), so that starting the app
/// touches only the few pages of the short text.
#[derive(Default)]
struct Blobs {
    short: String,
    long: String,
    /// Where each short text already is (tasks and tags repeat).
    placed: std::collections::HashMap<String, usize>,
}

impl Blobs {
    fn short(&mut self, text: &str) -> String {
        let start = match self.placed.get(text) {
            Some(&start) => start,
            None => {
                let start = self.short.len();
                self.short.push_str(text);
                self.placed.insert(text.to_string(), start);
                start
            }
        };
        format!("part(SHORT, {start}, {})", start + text.len())
    }

    fn long(&mut self, text: &str) -> String {
        let start = self.long.len();
        self.long.push_str(text);
        format!("part(LONG, {start}, {})", self.long.len())
    }

    fn shorts(&mut self, texts: &[&str]) -> String {
        let parts: Vec<String> = texts.iter().map(|t| self.short(t)).collect();
        format!("&[{}]", parts.join(", "))
    }

    fn longs(&mut self, texts: &[&str]) -> String {
        let parts: Vec<String> = texts.iter().map(|t| self.long(t)).collect();
        format!("&[{}]", parts.join(", "))
    }
}

/// Whether the binary can be linked with compact relative relocations (DT_RELR:
/// GNU ld 2.38+ or lld, with glibc 2.36+). The static question tables hold
/// about 16,000 pointers; as classic relocations they take 400 KB that the
/// loader reads at every start, as DT_RELR about 5 KB. Probed by linking an
/// empty C program with the linker Cargo will use; any failure means no.
fn linker_packs_relative_relocations() -> bool {
    let gnu_linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux")
        && env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|target_env| target_env == "gnu");
    if !gnu_linux || env::var("HOST") != env::var("TARGET") {
        return false;
    }
    let Ok(out) = env::var("OUT_DIR") else { return false };
    let linker = env::var("RUSTC_LINKER").unwrap_or_else(|_| "cc".to_string());
    let probe = Path::new(&out).join("relr-probe");
    let child = std::process::Command::new(linker)
        .args(["-x", "c", "-", "-o"])
        .arg(&probe)
        .arg("-Wl,-z,pack-relative-relocs")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let Ok(mut child) = child else { return false };
    let wrote = child
        .stdin
        .take()
        .is_some_and(|mut stdin| std::io::Write::write_all(&mut stdin, b"int main(void) { return 0; }\n").is_ok());
    child.wait().is_ok_and(|status| status.success()) && wrote
}

fn name_of(folder: &Path) -> Result<&str, &'static str> {
    folder.file_name().and_then(|n| n.to_str()).ok_or("bank folder name is not UTF-8")
}

/// Stops the build, listing every problem one per line as `path:line:col: message`.
fn fail_on(problems: &[diagnostic::Diagnostic]) -> Result<(), &'static str> {
    if problems.is_empty() {
        return Ok(());
    }
    eprintln!("the embedded question banks have {} problem(s):", problems.len());
    for problem in problems {
        eprintln!("{problem}");
    }
    Err("the embedded question banks have problems (listed above)")
}

/// Writes a question as a Rust `Question` literal.
fn write_question(code: &mut String, text: &mut Blobs, q: &Question) -> std::fmt::Result {
    let Question {
        id,
        bank,
        domain,
        task,
        services,
        difficulty,
        case_study,
        stem,
        options,
        key,
        explanation,
        references,
    } = q;
    let (id, bank, task, services) = (text.short(id), text.short(bank), text.short(task), text.shorts(services));
    write!(code, "Question {{ id: {id}, bank: {bank}, domain: {domain}, task: {task}, services: {services}, ")?;
    let difficulty = difficulty.map(|d| format!("Some(Difficulty::{d:?})")).unwrap_or_else(|| "None".into());
    let case_study = case_study.map(|cs| format!("Some({})", text.short(cs))).unwrap_or_else(|| "None".into());
    write!(code, "difficulty: {difficulty}, case_study: {case_study}, stem: {}, options: &[", text.long(stem))?;
    for option in *options {
        let (option_text, why) = (text.long(option.text), text.long(option.explanation));
        write!(code, "QuestionOption {{ text: {option_text}, explanation: {why} }},")?;
    }
    let key = match key {
        AnswerKey::Single(i) => format!("AnswerKey::Single({i})"),
        AnswerKey::Multiple(set) => format!("AnswerKey::Multiple(&{set:?})"),
        AnswerKey::Ordering => "AnswerKey::Ordering".into(),
        AnswerKey::Matching { responses, matches } => {
            format!("AnswerKey::Matching {{ responses: {}, matches: &{matches:?} }}", text.longs(responses))
        }
    };
    let (explanation, references) = (text.long(explanation), text.longs(references));
    writeln!(code, "], key: {key}, explanation: {explanation}, references: {references} }},")
}
