//! Text facts shared by every vendor: lengths in Unicode scalar values, UUIDs, and enum
//! matching with a "did you mean" hint.

/// Length in Unicode scalar values, what Python's `len` counts.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The 36-character hyphenated UUID form, hex in either case: what the uuid crate parses
/// at that length (it also takes the simple, braced and URN forms, which no vendor's
/// route does).
pub fn is_uuid(text: &str) -> bool {
    text.len() == 36 && uuid::Uuid::try_parse(text).is_ok()
}

/// When `value` is not exactly one of `choices`, the choice it most likely meant:
/// equal after trimming, case folding and reading `_`/`-` as a space (so the vendor's
/// internal `IN_REVIEW` points at `In Review`).
pub fn near_choice<'c>(value: &str, choices: &[&'c str]) -> Option<&'c str> {
    choices.iter().copied().find(|choice| loosely_equal(value, choice))
}

fn loosely_equal(value: &str, choice: &str) -> bool {
    let fold = |c: char| if c == '_' || c == '-' { ' ' } else { c.to_ascii_lowercase() };
    let value = value.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
    value.chars().map(fold).eq(choice.chars().map(fold))
}

/// Zero-width characters that a paste can carry into an id or an enum.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Nothing but whitespace and zero-width characters (or nothing at all).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// `did you mean "Approved"?`
pub fn did_you_mean(choice: &str) -> String {
    format!("did you mean \"{choice}\"?")
}

/// Writes a path parameter onto `out`, percent-encoding everything but RFC 3986
/// unreserved characters.
pub fn push_path_segment(out: &mut String, segment: &str) {
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
    let mut rest = segment;
    // Runs of unreserved characters (a whole id, mostly) are copied as they are.
    while let Some(at) = rest.bytes().position(|b| !unreserved(b)) {
        let (run, escaped) = rest.split_at(at);
        out.push_str(run);
        let width = escaped.chars().next().map_or(1, char::len_utf8);
        for b in escaped.bytes().take(width) {
            out.push('%');
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 0x0F));
        }
        rest = escaped.get(width..).unwrap_or_default();
    }
    out.push_str(rest);
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).map_or('0', |c| c.to_ascii_uppercase())
}

/// `"a", "b" and "c"` style lists of enum literals for messages.
pub fn quoted_list(items: &[&str]) -> String {
    items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}

/// A JSON type in words, for messages (never the value itself).
pub fn json_kind(value: &crate::json::Value) -> &'static str {
    use crate::json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Plain JSON as a `Content-Type`: `application/json` (any case, spaces allowed around
/// it), with parameters, of which a `charset` must name UTF-8. What every prepared
/// request sends; anything else is each operation's `content_type` issue.
pub fn is_json_media_type(value: &str) -> bool {
    let mut parts = value.split(';');
    let media_type = parts.next().unwrap_or_default().trim_matches([' ', '\t']);
    media_type.eq_ignore_ascii_case("application/json")
        && parts.all(|parameter| {
            let (name, value) = parameter.split_once('=').unwrap_or((parameter, ""));
            let value = value.trim_matches([' ', '\t']).trim_matches('"');
            !name.trim_matches([' ', '\t']).eq_ignore_ascii_case("charset")
                || value.eq_ignore_ascii_case("utf-8")
                || value.eq_ignore_ascii_case("utf8")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    // Also run on wasm32 by `npm test` (wasm-bindgen-test-runner, in Node).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// rules.md's grammar: 36 characters, hyphens at 8, 13, 18 and 23, hex elsewhere in
    /// either case. The uuid crate's parse must agree with it on every one-character
    /// change of a UUID, and refuse its other forms (simple, braced, URN).
    fn spec_uuid(text: &str) -> bool {
        text.len() == 36
            && text.bytes().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_hexdigit(),
            })
    }

    #[test]
    fn is_uuid_is_the_specs_hyphenated_form_in_either_case() {
        let valid = "1a2B3c4D-5e6F-7a8B-9c0D-1e2F3a4B5c6D";
        assert!(is_uuid(valid) && is_uuid(&valid.to_uppercase()) && is_uuid(&valid.to_lowercase()));
        for at in 0..valid.len() {
            for replacement in ["0", "f", "F", "g", "-", " ", "{", "é", ""] {
                let text: String =
                    valid.chars().take(at).chain(replacement.chars()).chain(valid.chars().skip(at + 1)).collect();
                assert_eq!(is_uuid(&text), spec_uuid(&text), "{text}");
            }
        }
        for text in [
            "{1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c}",
            "{1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d}",
            "urn:uuid:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
            "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d",
            "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d1234",
            "",
        ] {
            assert!(!is_uuid(text), "{text}");
        }
    }
}
