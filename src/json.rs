//! JSON for the kernel: a value tree, a parser and a compact writer, written here.
//!
//! serde_json was a third of the wasm (its deserializer, `BTreeMap` maps, float parsing
//! and formatting) and most of a valid request's time. This tree keeps what a validator
//! needs and what the wire holds: numbers as their own text (judged and sent as written,
//! so JS's `JSON.parse` of the sent text gives the same values), objects in the order
//! they were written, and a repeated key as `JSON.parse` reads it — the first position,
//! the last value. The parser is iterative, so nesting cannot overflow the stack, and
//! its errors are worded as serde_json words them, with line and column.

use std::fmt;

mod map;
mod number;
mod parse;
mod write;

pub use map::{Iter, Map};
pub use number::{Decimal, Number};
pub use parse::{check, parse};
pub use write::{write_map, write_str, write_value};

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    pub const fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub const fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub const fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub const fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    pub const fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    pub const fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    pub const fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }
}

impl fmt::Display for Value {
    /// Compact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        write_value(&mut text, self);
        f.write_str(&text)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Self {
        Value::Object(map)
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Self {
        Value::Array(items)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Self {
        Value::Number(Number(n.to_string()))
    }
}

impl From<u16> for Value {
    fn from(n: u16) -> Self {
        Value::from(u64::from(n))
    }
}

/// A JSON object from its entries: one function for every vendor's error-body shape,
/// where `json!` would expand its own code at each.
pub fn object(entries: Vec<(&str, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in entries {
        map.insert(key.to_owned(), value);
    }
    Value::Object(map)
}

/// The length of the leading run of `bytes` that a JSON string holds as it is: no `"`,
/// no `\\`, no control character. Eight bytes at a time (the parser, the writer and the
/// body's scan spend most of their time in string runs).
pub fn plain_len(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte of `v` below `n` (n ≤ 0x80) sets its high bit here, and no byte that is not.
    let below = |v: u64, n: u64| v.wrapping_sub(n) & !v & HIGHS;
    let zero_in = |v: u64| below(v, ONES);
    let mut at = 0usize;
    for chunk in bytes.chunks_exact(8) {
        let v = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        let special =
            zero_in(v ^ 0x2222_2222_2222_2222) | zero_in(v ^ 0x5C5C_5C5C_5C5C_5C5C) | below(v, 0x2020_2020_2020_2020);
        if special != 0 {
            break;
        }
        at = at.saturating_add(8);
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at.saturating_add(rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(rest.len()))
}

/// serde's view, for the derived full report of native callers.
mod serde_impls {
    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

    use super::{Map, Number, Value};

    impl Serialize for Value {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Value::Null => serializer.serialize_unit(),
                Value::Bool(b) => serializer.serialize_bool(*b),
                Value::Number(n) => n.serialize(serializer),
                Value::String(s) => serializer.serialize_str(s),
                Value::Array(items) => {
                    let mut seq = serializer.serialize_seq(Some(items.len()))?;
                    for item in items {
                        seq.serialize_element(item)?;
                    }
                    seq.end()
                }
                Value::Object(map) => map.serialize(serializer),
            }
        }
    }

    impl Serialize for Map {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut out = serializer.serialize_map(Some(self.len()))?;
            for (key, value) in self {
                out.serialize_entry(key, value)?;
            }
            out.end()
        }
    }

    impl Serialize for Number {
        /// Integers as integers; other numbers as the `f64` they denote.
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            if let Ok(n) = self.0.parse::<u64>() {
                return serializer.serialize_u64(n);
            }
            if let Ok(n) = self.0.parse::<i64>() {
                return serializer.serialize_i64(n);
            }
            serializer.serialize_f64(self.0.parse().unwrap_or(f64::NAN))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    // Also run on wasm32 by `npm test` (wasm-bindgen-test-runner, in Node).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value() {
        let value = parse(r#"{"b":1,"a":2,"b":3,"c":4,"a":5,"b":6}"#).unwrap();
        assert_eq!(value.to_string(), r#"{"b":6,"a":5,"c":4}"#);
        let many: String = (0..40).map(|i| format!("\"k{}\":{i},", i % 7)).collect();
        let value = parse(&format!("{{{}\"z\":0}}", many)).unwrap();
        assert_eq!(value.to_string(), r#"{"k0":35,"k1":36,"k2":37,"k3":38,"k4":39,"k5":33,"k6":34,"z":0}"#);
    }

    #[test]
    fn objects_compare_as_sets_of_entries() {
        assert_eq!(parse(r#"{"a":1,"b":[true]}"#).unwrap(), parse(r#"{"b":[true],"a":1}"#).unwrap());
        assert_ne!(parse(r#"{"a":1,"b":2}"#).unwrap(), parse(r#"{"a":1,"c":2}"#).unwrap());
        assert_ne!(parse(r#"{"a":1}"#).unwrap(), parse(r#"{"a":1.0}"#).unwrap());
    }

    #[test]
    fn plain_runs_end_at_the_first_byte_a_json_string_escapes() {
        for special in ["\"", "\\", "\n", "\u{1f}", "\u{0}"] {
            for at in 0..20 {
                let text = format!("{}{special}{}", "a".repeat(at), "b".repeat(9));
                assert_eq!(plain_len(text.as_bytes()), at, "{text:?}");
                let wide = format!("{}{special}", "é".repeat(at));
                assert_eq!(plain_len(wide.as_bytes()), at * 2, "{wide:?}");
            }
        }
        let plain = "a~ é😀\u{7f} ".repeat(5);
        assert_eq!(plain_len(plain.as_bytes()), plain.len());
        assert_eq!(plain_len(b""), 0);
    }

    #[test]
    fn numbers_keep_their_text() {
        let value = parse("[1.50, -0, 1E2, 18446744073709551616, 7]").unwrap();
        assert_eq!(value.to_string(), "[1.50,-0,1E2,18446744073709551616,7]");
        let n = |i: usize| match value.as_array().unwrap().get(i) {
            Some(Value::Number(n)) => (n.is_f64(), n.as_u64()),
            _ => (false, Some(u64::MAX)),
        };
        assert_eq!([n(0), n(2), n(3), n(4)], [(true, None), (true, None), (false, None), (false, Some(7))]);
    }
}
