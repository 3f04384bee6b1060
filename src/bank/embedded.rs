//! The bank folders compiled into the binary by `build.rs`.

/// One JSON file of an embedded bank folder.
pub struct EmbeddedFile {
    /// The folder's name under `question_banks/`.
    pub bank: &'static str,
    pub name: &'static str,
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/embedded_banks.rs"));
