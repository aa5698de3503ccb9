//! The top-level members of a JSON text, each value left as raw text: how the boundary
//! reads its envelopes and the options without serde's derived code.
//!
//! A raw value can then be read on its own terms: the context and the request's path
//! and headers may hold lone surrogate escapes or nest deeper than the parser builds,
//! and those are data to report, not misuse.

use std::borrow::Cow;

use crate::json::Value;

/// The members of `text`, a JSON object: each key with its value's raw text. `Err`
/// holds the parser's message when the text is not JSON.
fn object_members(text: &str) -> Result<Vec<(Cow<'_, str>, &str)>, String> {
    let mut pieces = pieces(container(text, b'{', "expected a JSON object")?).into_iter();
    let mut members = Vec::new();
    while let (Some(key), Some(value)) = (pieces.next(), pieces.next()) {
        members.push((decode_key(key)?, value));
    }
    Ok(members)
}

/// The items of `text`, a JSON array, as raw text.
pub fn array_items(text: &str) -> Result<Vec<&str>, String> {
    Ok(pieces(container(text, b'[', "expected a JSON array")?))
}

/// `text` trimmed, once it is known to be valid JSON opening with `open`.
fn container<'t>(text: &'t str, open: u8, expected: &str) -> Result<&'t str, String> {
    // Validated as a raw value is: any depth, lone surrogates allowed.
    crate::json::check(text).map_err(|e| e.to_string())?;
    let text = text.trim_matches(is_json_space);
    match text.as_bytes().first() {
        Some(&b) if b == open => Ok(text),
        _ => Err(expected.to_owned()),
    }
}

/// The pieces between the top-level `:` and `,` of valid JSON container text, trimmed.
fn pieces(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let (mut depth, mut in_string, mut escaped, mut start) = (0usize, false, false, 1usize);
    let mut pieces = Vec::new();
    for (at, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth = depth.saturating_add(1),
            b'}' | b']' | b',' | b':' if depth == 1 => {
                let piece = text.get(start..at).unwrap_or_default().trim_matches(is_json_space);
                // Only an empty container has an empty piece.
                if !piece.is_empty() {
                    pieces.push(piece);
                }
                start = at.saturating_add(1);
                if matches!(b, b'}' | b']') {
                    depth = 0;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    pieces
}

/// A key's text without its quotes; decoded only when it holds an escape.
fn decode_key(raw: &str) -> Result<Cow<'_, str>, String> {
    if let Some(plain) = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')).filter(|k| !k.contains('\\')) {
        return Ok(Cow::Borrowed(plain));
    }
    match crate::json::parse(raw) {
        Ok(Value::String(key)) => Ok(Cow::Owned(key)),
        // A key with a lone surrogate escape.
        _ => Err("a key is not valid Unicode".to_owned()),
    }
}

fn is_json_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The raw values of the members `names` of the JSON object `text`, as serde's derived
/// code reads a struct: a name given twice is refused, and so is an unknown one when
/// `deny_unknown` (otherwise it is skipped). At most five names.
pub fn fields<'t>(text: &'t str, names: &[&str], deny_unknown: bool) -> Result<[Option<&'t str>; 5], String> {
    let mut fields = [None; 5];
    // Like serde's derived code, an array is read as the fields in order.
    if text.trim_start_matches(is_json_space).starts_with('[') {
        let items = array_items(text)?;
        if items.len() > names.len() {
            return Err("the array has more elements than the struct has fields".to_owned());
        }
        for (field, item) in fields.iter_mut().zip(items) {
            *field = Some(item);
        }
        return Ok(fields);
    }
    for (key, raw) in object_members(text)? {
        match (names.iter().position(|name| *name == key), deny_unknown) {
            (Some(at), _) => match fields.get_mut(at) {
                Some(Some(_)) => return Err(format!("duplicate field `{key}`")),
                Some(field) => *field = Some(raw),
                None => {}
            },
            (None, true) => {
                let mut message = format!("unknown field `{key}`, expected one of ");
                for (i, name) in names.iter().enumerate() {
                    message.push_str(if i == 0 { "`" } else { ", `" });
                    message.push_str(name);
                    message.push('`');
                }
                return Err(message);
            }
            (None, false) => {}
        }
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    // Also run on wasm32 by `npm test` (wasm-bindgen-test-runner, in Node).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn splits_objects_and_arrays_at_the_top_level_only() {
        let text = r#" { "a" : [1, {"b": "x,:]"}] , "c\u0064":null,"e":"\"}" } "#;
        let want = [("a", r#"[1, {"b": "x,:]"}]"#), ("cd", "null"), ("e", r#""\"}""#)];
        assert_eq!(object_members(text).unwrap(), want.map(|(k, v)| (Cow::Borrowed(k), v)));
        assert_eq!(array_items("[ {} ,[], \"\" ]").unwrap(), ["{}", "[]", "\"\""]);
        assert!(object_members("{}").unwrap().is_empty() && array_items(" [ ] ").unwrap().is_empty());
        assert_eq!(object_members("[]"), Err("expected a JSON object".to_owned()));
        assert_eq!(array_items("{}"), Err("expected a JSON array".to_owned()));
        assert!(object_members("{\"a\":}").is_err());
        assert!(object_members("{\"\\udc00\":1}").is_err());
    }

    #[test]
    fn reads_named_fields_like_a_derived_struct() {
        let text = r#"{"b": 2, "x": 0, "a": [1]}"#;
        assert_eq!(fields(text, &["a", "b", "c"], false), Ok([Some("[1]"), Some("2"), None, None, None]));
        assert_eq!(fields(text, &["a", "b"], true), Err("unknown field `x`, expected one of `a`, `b`".to_owned()));
        assert_eq!(fields(r#"{"a":1,"a":2}"#, &["a"], false), Err("duplicate field `a`".to_owned()));
        assert_eq!(fields(" [2, null]", &["a", "b", "c"], true), Ok([Some("2"), Some("null"), None, None, None]));
        assert!(fields("[1, 2]", &["a"], false).is_err());
    }
}
