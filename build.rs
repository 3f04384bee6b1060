//! Embeds every bank folder under `question_banks/` into the binary, so that
//! `cargo install` and `cargo run` work with no files beside the executable.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR")?).join("question_banks");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut folders: Vec<_> =
        fs::read_dir(&root)?.filter_map(Result::ok).map(|entry| entry.path()).filter(|path| path.is_dir()).collect();
    folders.sort();
    let mut code = String::from("pub static EMBEDDED_FILES: &[EmbeddedFile] = &[\n");
    for folder in folders {
        let bank = folder.file_name().and_then(|n| n.to_str()).ok_or("bank folder name is not UTF-8")?;
        let mut files: Vec<_> = fs::read_dir(&folder)?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).ok_or("bank file name is not UTF-8")?;
            writeln!(
                code,
                "    EmbeddedFile {{ bank: {bank:?}, name: {name:?}, text: include_str!({:?}) }},",
                file.display().to_string()
            )?;
        }
    }
    code.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR")?).join("embedded_banks.rs"), code)?;
    Ok(())
}
