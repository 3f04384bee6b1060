//! Importers never panic, on any input: random Markdown-ish and CSV-ish text
//! (headings, checkboxes, lettered options, answer lines, fences, comments,
//! quotes, control and invisible characters, CRLF) goes through every layout
//! and through the whole import, and whatever comes out loads clean.

use mla_quiz::bank::import::{Format, ImportRequest, SourceFile, import};
use mla_quiz::bank::{BankSource, Library, Origin};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "### ",
    "# ",
    "###### ",
    "- [ ] ",
    "- [x] ",
    "* [X] ",
    "+ [ ]",
    "1. [x] ",
    "A) ",
    "B. ",
    "(C) ",
    "- D) ",
    "**E.** ",
    "Answer: ",
    "**Correct answer(s):** ",
    "Answer:",
    "A, C",
    "AD",
    "B",
    "Explanation: ",
    "- A: ",
    "```",
    "~~~",
    "<!--",
    "-->",
    "<details>",
    "<summary>Answer</summary>",
    "</details>",
    "![img](p.png)",
    "<img src=\"x\">",
    "[D2]",
    "[link](#top)",
    "Question 3",
    "Q4.",
    "\n",
    "\r\n",
    "\n\n",
    "\t",
    "    ",
    "\u{1b}[2J",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\u{85}",
    "\r",
    ",",
    "\"",
    "\"\"",
    ";",
    "|",
    "\\",
    "question,A,B,answer\n",
    "question\ta\tb\tc\tanswer\n",
    "Question,Option A,Option B,Answer,Domain,Tags\n",
    "text",
    "Which one?",
    "日本語",
    "é",
    "**",
    "__",
    "&amp;",
    "&lt;",
    "(Choose two)",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => prop::collection::vec(any::<char>(), 0..12).prop_map(|c| c.into_iter().collect::<String>()),
    ]
}

const LINE_STARTS: &[&str] = &[
    "### ",
    "## Question 7 ",
    "- [ ] ",
    "- [x] ",
    "* [X] ",
    "A) ",
    "B) ",
    "C) ",
    "D. ",
    "Answer: B",
    "Answer: A, C",
    "Explanation: ",
    "- A: ",
    "",
    "```",
    "Question 12",
    "What, \"quoted\", is it?,a,b,c,A",
];

const WORDS: &[&str] = &[
    "alpha ",
    "beta",
    " S3",
    "Which one? ",
    "日本語",
    "é",
    "`code`",
    "**bold**",
    "![i](p.png)",
    "[D2]",
    "(Choose two)",
];

/// Mostly harmless words, sometimes anything.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![6 => prop::sample::select(WORDS).prop_map(str::to_string), 1 => piece()]
}

fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), n).prop_map(|w| w.concat())
}

/// A checkbox question: a heading, a stem, options with random marks.
fn checkbox_question() -> impl Strategy<Value = String> {
    (words(0..5), prop::collection::vec((any::<bool>(), words(1..4)), 0..12)).prop_map(|(stem, options)| {
        let options: String =
            options.iter().map(|(x, text)| format!("- [{}] {text}\n", if *x { "x" } else { " " })).collect();
        format!("### {stem}\n\n{options}\n")
    })
}

/// A lettered question: a label, a stem, options and an answer line.
fn lettered_question() -> impl Strategy<Value = String> {
    (words(0..5), prop::collection::vec(words(1..4), 0..12), words(0..3)).prop_map(|(stem, options, answer)| {
        let options: String = options
            .iter()
            .enumerate()
            .map(|(i, text)| format!("{}) {text}\n", char::from(b'A' + (i as u8 % 26))))
            .collect();
        format!("Question 1\n{stem}\n{options}Answer: {answer}\n\n")
    })
}

/// Text shaped like question files: whole questions among lines that mostly
/// start the way real ones do.
fn document() -> impl Strategy<Value = String> {
    let line = (prop::sample::select(LINE_STARTS), prop::collection::vec(word(), 0..4), any::<bool>())
        .prop_map(|(start, rest, crlf)| format!("{start}{}{}", rest.concat(), if crlf { "\r\n" } else { "\n" }));
    let block = prop_oneof![3 => line, 2 => checkbox_question(), 2 => lettered_question()];
    let lines = prop::collection::vec(block, 0..30).prop_map(|blocks| blocks.concat());
    let soup = prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat());
    prop_oneof![4 => lines, 1 => soup]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_layout_reads_anything_without_panicking(text in document()) {
        for format in Format::ALL {
            let _ = format.read(&text);
        }
        let _ = mla_quiz::bank::import::detect("file.md", &text);
    }

    #[test]
    fn whatever_is_imported_loads_clean(text in document(), csv in any::<bool>()) {
        let name = if csv { "random.csv" } else { "random.md" };
        let files = [SourceFile { name: name.into(), text }];
        let library = Library::default();
        let request = ImportRequest {
            files: &files, format: None, exam: None, title: None, folder_name: "random", library: &library,
        };
        if let Ok(bank) = import(&request) && bank.imported > 0 {
            let source = BankSource::from_texts(Origin::Folder("random".into()), "random", bank.files);
            let loaded = Library::from_sources(vec![source]);
            let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
            prop_assert!(problems.is_empty(), "{problems:?}");
            prop_assert_eq!(loaded.banks[0].questions.len(), bank.imported);
        }
    }
}
