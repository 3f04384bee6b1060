//! `mla-quiz bank import FILE... --out DIR`: reads Markdown or CSV question
//! files through [`crate::bank::import`] and writes a relaxed bank folder.
//! It prints how many questions came in and every one skipped as
//! `file:line: reason`, and never replaces an existing bank without `--force`.

use crate::bank::Library;
use crate::bank::import::{self, Format, ImportRequest, ImportedBank, SourceFile};
use crate::bank::text::make_printable;
use crate::cli::{GlobalArgs, ImportArgs, ImportFormat};
use crate::store::files::write_atomic;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Imports the files into the `--out` folder; exit 1 when nothing could be
/// imported or the folder holds a bank and `--force` is not given.
pub fn run(global: &GlobalArgs, args: &ImportArgs, out: &mut impl Write) -> Result<ExitCode> {
    let shown_out = make_printable(&args.out.display().to_string());
    if !may_write(&args.out, args.force)? {
        writeln!(out, "mla-quiz: {shown_out} already exists and was left as it is; use --force to replace its bank")?;
        return Ok(ExitCode::FAILURE);
    }
    let mut files = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", make_printable(&name)))?;
        let Some(text) = decode(bytes) else {
            bail!("{} is not UTF-8 or UTF-16 text; save it as UTF-8 and import it again", make_printable(&name));
        };
        files.push(SourceFile { name, text });
    }
    let library = Library::load(&global.banks);
    let folder_name = args.out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let request = ImportRequest {
        files: &files,
        format: format(args.format),
        exam: global.exam.as_deref(),
        title: args.title.as_deref(),
        folder_name: &folder_name,
        library: &library,
    };
    let bank = import::import(&request).map_err(|message| anyhow::anyhow!(make_printable(&message)))?;
    for (name, format) in &bank.formats {
        writeln!(out, "read {} as {}", make_printable(name), format.name())?;
    }
    if bank.imported == 0 {
        report_skipped(&bank, out)?;
        writeln!(out, "mla-quiz: no question could be imported; nothing was written")?;
        return Ok(ExitCode::FAILURE);
    }
    for (name, text) in &bank.files {
        let path = args.out.join(name);
        write_atomic(&path, |w: &mut dyn Write| w.write_all(text.as_bytes()))
            .with_context(|| format!("writing {}", make_printable(&path.display().to_string())))?;
    }
    report(&bank, &shown_out, out)?;
    Ok(ExitCode::SUCCESS)
}

/// The text of a file in UTF-8, or in UTF-16 with a byte-order mark (as
/// spreadsheets save "Unicode text").
fn decode(bytes: Vec<u8>) -> Option<String> {
    let utf16 = |bytes: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]])).collect();
        String::from_utf16(&units).ok()
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes).ok(),
    }
}

fn format(choice: ImportFormat) -> Option<Format> {
    match choice {
        ImportFormat::Auto => None,
        ImportFormat::MdCheckbox => Some(Format::MdCheckbox),
        ImportFormat::MdLettered => Some(Format::MdLettered),
        ImportFormat::Csv => Some(Format::Csv),
    }
}

/// Whether the bank may be written to `dir`: it does not exist or is empty,
/// or it holds a bank and `force` is given. A folder with other things in it
/// and no bank is never written into.
fn may_write(dir: &Path, force: bool) -> Result<bool> {
    let shown = make_printable(&dir.display().to_string());
    if !dir.exists() {
        return Ok(true);
    }
    if !dir.is_dir() {
        bail!("{shown} is a file; give --out the name of a folder");
    }
    let mut entries = std::fs::read_dir(dir).with_context(|| format!("reading {shown}"))?;
    if entries.next().is_none() {
        return Ok(true);
    }
    if !dir.join(crate::bank::MANIFEST).is_file() {
        bail!("{shown} holds other files and no bank.json; choose a new folder for the bank");
    }
    Ok(force)
}

fn report(bank: &ImportedBank, shown_out: &str, out: &mut impl Write) -> std::io::Result<()> {
    let plural = if bank.imported == 1 { "" } else { "s" };
    writeln!(
        out,
        "imported {} question{plural} ({} multiple response) into {shown_out} (bank {})",
        bank.imported, bank.multiple, bank.bank_id
    )?;
    let exam = make_printable(&bank.exam);
    match &bank.blueprint {
        Some(bp) => writeln!(
            out,
            "exam {exam}: a blueprint of its own, one domain; mock exam of {} questions in {} minutes (+{} with \
             accommodation)",
            bp.questions, bp.minutes, bp.accommodation_minutes
        )?,
        None => writeln!(out, "exam {exam}: the questions join its loaded blueprint")?,
    }
    report_skipped(bank, out)?;
    writeln!(out, "try it: mla-quiz --bank {shown_out} exam --exam {exam}")
}

fn report_skipped(bank: &ImportedBank, out: &mut impl Write) -> std::io::Result<()> {
    if bank.skipped.is_empty() {
        return Ok(());
    }
    writeln!(out, "skipped {}:", bank.skipped.len())?;
    for skipped in &bank.skipped {
        writeln!(out, "  {skipped}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn utf8_and_utf16_with_a_byte_order_mark() {
        assert_eq!(decode(b"caf\xc3\xa9".to_vec()).as_deref(), Some("café"));
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("a\tb".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(le).as_deref(), Some("a\tb"));
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("é".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(be).as_deref(), Some("é"));
        assert_eq!(decode(vec![0xC3, 0x28]), None);
    }
}
