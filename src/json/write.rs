//! A [`Value`] to compact JSON text.

use std::fmt::Write as _;

use super::{Map, Value};

/// Appends `value` as compact JSON text.
pub fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => write_map(out, map),
    }
}

/// Appends `map` as a compact JSON object.
pub fn write_map(out: &mut String, map: &Map) {
    out.push('{');
    for (i, (key, item)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, key);
        out.push(':');
        write_value(out, item);
    }
    out.push('}');
}

/// Appends `s` as a JSON string: runs that need no escape are copied whole.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    loop {
        let (run, escaped) = rest.split_at(super::plain_len(rest.as_bytes()));
        out.push_str(run);
        let Some(&b) = escaped.as_bytes().first() else { break };
        escape(out, b);
        // The byte escaped is ASCII: the rest starts on a character boundary.
        rest = escaped.get(1..).unwrap_or_default();
    }
    out.push('"');
}

fn escape(out: &mut String, byte: u8) {
    match byte {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        b'\n' => out.push_str("\\n"),
        b'\r' => out.push_str("\\r"),
        b'\t' => out.push_str("\\t"),
        _ => {
            let _ = write!(out, "\\u{byte:04x}");
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::super::parse;
    // Also run on wasm32 by `npm test` (wasm-bindgen-test-runner, in Node).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn writes_what_it_parses() {
        let text = r#"{"a":[1,-2.50,1e5,true,null,{}],"é\"\\\n\u0001":"x\ty\r"}"#;
        assert_eq!(parse(text).unwrap().to_string(), text);
    }
}
