//! Writes the large generated bank of the start-up benchmark: four-option
//! single questions with short explanations that join the embedded MLA-C01
//! blueprint, about 1 KB of JSON each, in one file or spread over many.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

const SERVICES: &[&str] = &["glue", "athena", "sagemaker-clarify", "kinesis-data-streams", "step-functions", "s3"];
const DIFFICULTIES: &[&str] = &["easy", "medium", "hard"];

/// One question as JSON text, about 1 KB (pretty-printed the way people write banks).
fn question(n: usize) -> String {
    let domain = n % 4 + 1;
    let task = format!("{domain}.{}", n / 4 % 3 + 1);
    let service = SERVICES[n % SERVICES.len()];
    let difficulty = DIFFICULTIES[n % DIFFICULTIES.len()];
    let right = n % 4;
    let mut options = String::new();
    for i in 0..4 {
        let correct = i == right;
        let _ = write!(
            options,
            "{}\n        {{\"text\": \"Use {service}, variant {i}\", \"correct\": {correct}, \"explanation\": \"{}\"}}",
            if i == 0 { "" } else { "," },
            if correct { "Right: it meets every requirement." } else { "Wrong: it misses a requirement." },
        );
    }
    format!(
        "    {{\n      \"id\": \"gen-{n:06}\",\n      \"domain\": {domain},\n      \"task\": \"{task}\",\n      \
         \"services\": [\"{service}\"],\n      \"difficulty\": \"{difficulty}\",\n      \"type\": \"single\",\n      \
         \"stem\": \"Question {n}. Which solution prepares the S3 data for SageMaker AI with the least \
         operational overhead?\",\n      \
         \"options\": [{options}\n      ],\n      \
         \"explanation\": \"Option {right} is right for question {n}: it meets every requirement.\",\n      \
         \"references\": [\"https://docs.aws.amazon.com/sagemaker/latest/dg/whatis.html\"]\n    }}"
    )
}

/// Writes a bank of `questions` questions into `dir` (created), in `files` files.
pub fn write(dir: &Path, questions: usize, files: usize) -> io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let manifest = "{\n  \"format\": 1,\n  \"id\": \"generated\",\n  \"title\": \"Generated bank\",\n  \
                    \"version\": \"1\",\n  \"exam\": \"MLA-C01\"\n}\n";
    std::fs::write(dir.join("bank.json"), manifest)?;
    let mut bytes = manifest.len() as u64;
    let per_file = questions.div_ceil(files.max(1));
    for f in 0..files.max(1) {
        let range = (f * per_file)..((f + 1) * per_file).min(questions);
        let body: Vec<String> = range.map(question).collect();
        let text = format!("{{\n  \"questions\": [\n{}\n  ]\n}}\n", body.join(",\n"));
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("questions-{f:03}.json")), text)?;
    }
    Ok(bytes)
}
