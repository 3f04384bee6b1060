//! Safe file primitives: atomic writes (temporary file, flush, fsync, rename),
//! writes that never replace an existing file, and moving an unreadable file
//! aside without touching its bytes.

use jiff::Timestamp;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A name no other writer will pick: time, process id and a random suffix.
pub fn unique_name(prefix: &str) -> String {
    let now = Timestamp::now();
    format!("{prefix}{}-{}-{:08x}", now.strftime("%Y%m%dT%H%M%S%.6fZ"), std::process::id(), rand::random::<u32>())
}

/// Writes a file through `write` so that readers see either the old file or
/// the whole new one (temporary file, flush, fsync, rename).
pub fn write_atomic<T, E: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.tmp", unique_name("")));
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        let value = write(&mut file)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Ok(dir) = File::open(dir) {
            let _ = dir.sync_all();
        }
        Ok(value)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes a new file through `write`, refusing to replace an existing one
/// (an [`io::ErrorKind::AlreadyExists`] error). A file left half written
/// (disk full) is removed: it was created here, so it holds nothing else.
pub fn write_new<T, E: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let written = write(&mut file).and_then(|value| {
        file.sync_all()?;
        Ok(value)
    });
    if written.is_err() {
        drop(file);
        let _ = fs::remove_file(path);
    }
    written
}

/// Moves an unreadable file into `corrupt_dir` under a timestamped name and returns where.
pub fn move_aside(path: &Path, corrupt_dir: &Path) -> io::Result<PathBuf> {
    fs::create_dir_all(corrupt_dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let target = corrupt_dir.join(format!("{name}.{}", Timestamp::now().strftime("%Y%m%dT%H%M%SZ")));
    let target = if target.exists() { corrupt_dir.join(format!("{name}.{}", unique_name(""))) } else { target };
    fs::rename(path, &target)?;
    Ok(target)
}

/// The `*.json` files of a folder, in name order (none if it does not exist yet).
pub fn json_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.json");
        let bytes = |b: &'static [u8]| move |w: &mut dyn Write| w.write_all(b);
        write_atomic(&path, bytes(b"one")).unwrap_or_else(|e| panic!("{e}"));
        write_atomic(&path, bytes(b"two")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read(&path).unwrap_or_default(), b"two");
        assert_eq!(fs::read_dir(dir.path()).map(Iterator::count).unwrap_or(0), 1);
    }

    #[test]
    fn move_aside_keeps_the_bytes() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("h.json");
        fs::write(&path, b"{broken").unwrap_or_else(|e| panic!("{e}"));
        let moved = move_aside(&path, &dir.path().join("corrupt")).unwrap_or_else(|e| panic!("{e}"));
        assert!(!path.exists());
        assert_eq!(fs::read(moved).unwrap_or_default(), b"{broken");
    }

    #[test]
    fn write_new_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("out.csv");
        write_new(&path, |w: &mut dyn Write| w.write_all(b"a")).unwrap_or_else(|e| panic!("{e}"));
        assert!(write_new(&path, |w: &mut dyn Write| w.write_all(b"b")).is_err());
        assert_eq!(fs::read(&path).unwrap_or_default(), b"a");
    }
}
