//! Inline Markdown and HTML turned into the plain text a terminal shows:
//! images become a visible note with their path, links their text, emphasis
//! marks and common HTML tags go, entities are decoded and backslash escapes
//! resolved. Whatever remains is checked by the loader's text rules.

pub fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(needle)
}

/// Removes every `<name …>` and `</name>` tag (any case), keeping what they enclose.
pub fn remove_tag(text: &str, name: &str) -> String {
    let mut out = text.to_string();
    for open in [format!("<{name}"), format!("</{name}")] {
        let mut from = 0;
        while let Some(found) = find_ignore_case(&out[from..], &open) {
            let start = from + found;
            let after = start + open.len();
            let boundary = out[after..].chars().next().is_none_or(|c| c == '>' || c == '/' || c.is_whitespace());
            match out[after..].find('>') {
                Some(end) if boundary => out.replace_range(start..after + end + 1, ""),
                Some(_) => from = after,
                None => break,
            }
        }
    }
    out
}

/// Plain text of inline Markdown: images become "[image: alt (path)]", links
/// their text, emphasis marks and known HTML tags go, common entities are
/// decoded and backslash escapes resolved.
pub fn inline(text: &str) -> String {
    if !text.contains(['<', '&', '*', '_', '[', '\\']) {
        return text.trim_end().to_string();
    }
    let mut text = images(text);
    text = html_images(&text);
    text = autolinks(&text);
    text = links(&text);
    if text.contains('<') {
        for tag in
            ["a", "b", "i", "em", "strong", "code", "p", "span", "u", "sub", "sup", "kbd", "pre", "div", "center"]
        {
            text = remove_tag(&text, tag);
        }
    }
    for br in ["<br>", "<br/>", "<br />", "<BR>"] {
        text = text.replace(br, " ");
    }
    text = text.replace("**", "").replace("__", "");
    for (entity, ch) in [
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&amp;", "&"),
    ] {
        text = text.replace(entity, ch);
    }
    if text.contains("&#") {
        text = numeric_entities(&text);
    }
    unescape(&text).trim_end().to_string()
}

/// `&#39;` and `&#x27;` → `'` (left as written when not a character).
fn numeric_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("&#") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let decoded = after.find(';').filter(|&end| end <= 8).and_then(|end| {
            let body = &after[..end];
            let code = match body.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => body.parse().ok(),
            };
            code.and_then(char::from_u32).map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `![alt](path)` → `[image: alt (path)]`.
fn images(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("![") {
        let Some((alt, target, used)) = bracket_link(&rest[start + 1..]) else {
            out.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            continue;
        };
        out.push_str(&rest[..start]);
        out.push_str(&image_note(alt, target));
        rest = &rest[start + 1 + used..];
    }
    out.push_str(rest);
    out
}

fn image_note(alt: &str, target: &str) -> String {
    let path = target.split_whitespace().next().unwrap_or("").trim_matches(['<', '>']);
    match (alt.trim(), path) {
        ("", "") => "[image]".to_string(),
        ("", path) => format!("[image: {path}]"),
        (alt, "") => format!("[image: {alt}]"),
        (alt, path) => format!("[image: {alt} ({path})]"),
    }
}

/// `<img src="p" alt="a">` → `[image: a (p)]`.
fn html_images(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(start) = find_ignore_case(&out, "<img") {
        let Some(end) = out[start..].find('>').map(|e| start + e + 1) else { break };
        let tag = out[start..end].to_string();
        let note = image_note(&attribute(&tag, "alt"), &attribute(&tag, "src"));
        out.replace_range(start..end, &note);
    }
    out
}

fn attribute(tag: &str, name: &str) -> String {
    let lower = tag.to_ascii_lowercase();
    let Some(at) = lower.find(&format!("{name}=")) else { return String::new() };
    let value = &tag[at + name.len() + 1..];
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
    match quote {
        Some(q) => value[1..].split(q).next().unwrap_or("").to_string(),
        None => value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or("").to_string(),
    }
}

/// `<https://example.com>` → `https://example.com`.
fn autolinks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<http") {
        let inner = &rest[start + 1..];
        match inner.find(['>', ' ', '<']) {
            Some(end) if inner[end..].starts_with('>') => {
                out.push_str(&rest[..start]);
                out.push_str(&inner[..end]);
                rest = &inner[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=start]);
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `[text](url)` → `text`.
fn links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        match bracket_link(&rest[start..]) {
            Some((label, _, used)) => {
                out.push_str(&rest[..start]);
                out.push_str(label);
                rest = &rest[start + used..];
            }
            None => {
                out.push_str(&rest[..=start]);
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// At `[label](target)`: the label, the target and the bytes used.
fn bracket_link(text: &str) -> Option<(&str, &str, usize)> {
    let close = text.find("](")?;
    let label = text.get(1..close)?;
    if label.contains('[') || label.contains(']') {
        return None;
    }
    let target_start = close + 2;
    let end = text[target_start..].find(')')? + target_start;
    Some((label, &text[target_start..end], end + 1))
}

/// Resolves backslash escapes of ASCII punctuation (`\*` → `*`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_becomes_plain_text() {
        assert_eq!(inline("**Bold** [AWS](https://aws.amazon.com) \\*x\\* &lt;tag&gt;"), "Bold AWS *x* <tag>");
        assert_eq!(inline("See ![Diagram 1](images/q1.png)"), "See [image: Diagram 1 (images/q1.png)]");
        assert_eq!(inline("<img src=\"a.png\" alt=\"flow\">"), "[image: flow (a.png)]");
        assert_eq!(inline("a<br/>b"), "a b");
        assert_eq!(
            inline("See <https://aws.amazon.com/s3/> and <http x>"),
            "See https://aws.amazon.com/s3/ and <http x>"
        );
        assert_eq!(inline("<abbr>x</abbr> <a name=\"q1\"></a>Which one?"), "<abbr>x</abbr> Which one?");
        assert_eq!(inline("it&#39;s &#x2713; &#xZZ;"), "it's ✓ &#xZZ;");
    }
}
