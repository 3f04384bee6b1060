//! Cleaning untrusted bank text before it can reach a terminal.
//!
//! Every string a bank supplies passes through [`clean`] once, when the bank is
//! loaded: line endings are normalised, tabs expanded, and anything that could
//! move the cursor, change colours or reorder text on screen is refused.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The kinds of text in a bank, each with its length limit and whether it may span lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Id,
    Title,
    Stem,
    Scenario,
    OptionText,
    Response,
    OptionExplanation,
    Explanation,
    Reference,
    ServiceTag,
    /// A service's display name in a manifest ("Amazon SageMaker Clarify").
    ServiceName,
}

impl TextField {
    pub fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Title => "title",
            Self::Stem => "stem",
            Self::Scenario => "scenario",
            Self::OptionText => "option text",
            Self::Response => "response",
            Self::OptionExplanation => "option explanation",
            Self::Explanation => "explanation",
            Self::Reference => "reference",
            Self::ServiceTag => "service tag",
            Self::ServiceName => "service name",
        }
    }

    /// The most characters this field may hold.
    pub fn max_chars(self) -> usize {
        match self {
            Self::Id | Self::ServiceTag => 64,
            Self::Title | Self::ServiceName => 120,
            Self::Stem => 2000,
            Self::Scenario => 4000,
            Self::OptionText => 600,
            Self::Response => 200,
            Self::OptionExplanation => 1000,
            Self::Explanation => 2500,
            Self::Reference => 400,
        }
    }

    fn multiline(self) -> bool {
        matches!(self, Self::Stem | Self::Scenario | Self::Explanation | Self::OptionExplanation)
    }
}

const TAB_AS_SPACES: &str = "    ";

/// Characters that are invisible or reorder text: bidi overrides and isolates,
/// zero-width characters, line and paragraph separators, word joiners and the BOM.
fn is_format_character(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

fn describe(c: char) -> String {
    if c == '\u{1b}' {
        "an escape character (U+001B); terminal escape sequences are not allowed".to_string()
    } else if c.is_control() {
        format!("a control character (U+{:04X})", c as u32)
    } else {
        format!("an invisible formatting character (U+{:04X})", c as u32)
    }
}

/// Checks and normalises one piece of bank text.
pub fn clean(raw: &str, field: TextField) -> Result<Cow<'_, str>, String> {
    clean_within(raw, field, field.max_chars())
}

/// [`clean`] with another length limit (relaxed banks allow longer text).
/// Text that needs no change (the common case) is returned borrowed, trimmed.
pub fn clean_within(raw: &str, field: TextField, max_chars: usize) -> Result<Cow<'_, str>, String> {
    // Printable ASCII (the common case) needs no change and no look at each character.
    if is_plain_ascii(raw.as_bytes(), field.multiline()) {
        return within_limits(raw, raw.len(), field, max_chars).map(|()| Cow::Borrowed(raw.trim()));
    }
    let text: Cow<'_, str> = if raw.contains(['\r', '\t']) {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\t', TAB_AS_SPACES))
    } else {
        Cow::Borrowed(raw)
    };
    let refused = |c: char| (c.is_control() && !(c == '\n' && field.multiline())) || is_format_character(c);
    if let Some(bad) = text.chars().find(|&c| refused(c)) {
        let what = if bad == '\n' { "a line break".to_string() } else { describe(bad) };
        return Err(format!("{} contains {what}", field.name()));
    }
    within_limits(&text, text.chars().count(), field, max_chars)?;
    Ok(match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
    })
}

/// Whether every byte is printable ASCII (0x20 to 0x7E), or a line break
/// where `breaks` allows it. Eight bytes are tested at once (a large bank
/// holds tens of megabytes of text); a word that may hold anything else is
/// looked at byte by byte.
fn is_plain_ascii(bytes: &[u8], breaks: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let plain = |b: &u8| (0x20..0x7f).contains(b) || (breaks && *b == b'\n');
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        let v = u64::from_le_bytes(eight);
        // A top bit is set for a byte of 0x7F or more (first term), or, when
        // there is none, for a byte below 0x20 (second term).
        let suspect = ((v.wrapping_add(ONES) | v) | (v.wrapping_sub(0x20 * ONES) & !v)) & TOPS;
        if suspect != 0 && !word.iter().all(plain) {
            return false;
        }
    }
    words.remainder().iter().all(plain)
}

/// Refuses text that is blank, or longer (in characters, `chars`) than `max_chars`.
fn within_limits(text: &str, chars: usize, field: TextField, max_chars: usize) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("{} is empty", field.name()));
    }
    if chars > max_chars {
        return Err(format!("{} is {chars} characters long; the limit is {max_chars}", field.name()));
    }
    Ok(())
}

/// Removes anything a terminal could act on from text that did not come through
/// [`clean`] (error messages that quote user input, file names).
pub fn make_printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() || is_format_character(c) { '\u{FFFD}' } else { c }).collect()
}

/// Shortens text to at most `max` terminal columns (a wide CJK character
/// takes two), ending with "…" when cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Exactly `width` columns: clipped as [`clip`] does, then padded with spaces,
/// so that columns of a table line up whatever the script of the text.
pub fn fit(text: &str, width: usize) -> String {
    let clipped = clip(text, width);
    let pad = width.saturating_sub(clipped.width());
    format!("{clipped}{}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_line_endings_and_tabs() {
        assert_eq!(clean("a\r\nb\tc", TextField::Stem), Ok("a\nb    c".into()));
    }

    #[test]
    fn refuses_escape_sequences_and_bidi_overrides() {
        let err = clean("red \u{1b}[31m", TextField::Stem).err().unwrap_or_default();
        assert!(err.contains("escape character"), "{err}");
        let err = clean("abc\u{202E}def", TextField::OptionText).err().unwrap_or_default();
        assert!(err.contains("U+202E"), "{err}");
        assert!(clean("\u{9b}31m", TextField::Stem).is_err());
        assert!(clean("a\u{7f}", TextField::Stem).is_err());
    }

    #[test]
    fn line_breaks_only_where_text_may_span_lines() {
        assert!(clean("one\ntwo", TextField::Explanation).is_ok());
        let err = clean("one\ntwo", TextField::OptionText).err().unwrap_or_default();
        assert_eq!(err, "option text contains a line break");
    }

    #[test]
    fn refuses_empty_and_over_long_text() {
        assert_eq!(clean("  ", TextField::Stem), Err("stem is empty".to_string()));
        let long = "x".repeat(601);
        assert_eq!(
            clean(&long, TextField::OptionText),
            Err("option text is 601 characters long; the limit is 600".to_string())
        );
    }

    #[test]
    fn keeps_wide_characters() {
        assert_eq!(clean("日本語の問題", TextField::Stem), Ok("日本語の問題".into()));
    }

    #[test]
    fn clip_and_fit_count_terminal_columns() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
        assert_eq!(clip("日本語の名前", 7), "日本語…");
        assert_eq!(fit("日本語の名前", 7).width(), 7);
        assert_eq!(fit("日本", 6), "日本  ");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn every_ascii_character_is_judged_as_before() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            let text = format!("a{c}b");
            let refused = c.is_control() && c != '\t' && c != '\n';
            assert_eq!(clean(&text, TextField::Stem).is_err(), refused, "{b:#x} in a stem");
            let refused = c.is_control() && c != '\t';
            assert_eq!(clean(&text, TextField::OptionText).is_err(), refused, "{b:#x} in an option");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_word_at_a_time_test_judges_every_byte_as_one_at_a_time(
            // Mostly printable, so that both answers come up often.
            bytes in proptest::collection::vec(
                proptest::prop_oneof![20 => 0x20u8..0x7f, 1 => proptest::prelude::any::<u8>()],
                0..40,
            ),
            breaks in proptest::prelude::any::<bool>(),
        ) {
            let one_at_a_time = bytes.iter().all(|&b| (0x20..0x7f).contains(&b) || (breaks && b == b'\n'));
            proptest::prop_assert_eq!(super::is_plain_ascii(&bytes, breaks), one_at_a_time);
        }
    }

    #[test]
    fn every_byte_value_in_every_place_of_a_word() {
        for b in 0..=255u8 {
            for at in 0..9 {
                let mut bytes = vec![b'a'; 9];
                bytes[at] = b;
                let expected = (0x20..0x7f).contains(&b);
                assert_eq!(super::is_plain_ascii(&bytes, false), expected, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn make_printable_replaces_controls() {
        assert_eq!(make_printable("a\u{1b}[2Jb"), "a\u{FFFD}[2Jb");
    }
}
