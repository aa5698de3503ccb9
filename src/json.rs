//! JSON for the kernel: a value tree, a parser and a compact writer, written here.
//!
//! serde_json was a third of the wasm (its deserializer, `BTreeMap` maps, float parsing
//! and formatting) and most of a valid request's time. This tree keeps what a validator
//! needs and what the wire holds: numbers as their own text (judged and sent as written,
//! so JS's `JSON.parse` of the sent text gives the same values), objects in the order
//! they were written, and a repeated key as `JSON.parse` reads it — the first position,
//! the last value. The parser is iterative, so nesting cannot overflow the stack, and
//! its errors are worded as serde_json words them, with line and column.

use std::cmp::Ordering;
use std::fmt;

use crate::order::stable_order;

mod parse;
mod write;

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

/// A number, as the text it was written with (valid JSON number grammar).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(String);

/// A JSON object: entries in the order written, keys unique.
#[derive(Clone, Debug, Default)]
pub struct Map {
    entries: Vec<(String, Value)>,
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

impl Number {
    /// Text the parser has checked against the number grammar.
    pub(crate) const fn from_checked_text(text: String) -> Self {
        Number(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Written with a fraction or an exponent: a float to JS and to Python's `json`.
    pub fn is_f64(&self) -> bool {
        self.0.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    /// The number as significant digits and a decimal point.
    pub fn decimal(&self) -> Decimal {
        Decimal::read(&self.0)
    }

    /// A whole number from 0 to `u64::MAX`, however written (`100`, `1e2`, `100.0`).
    pub fn as_whole(&self) -> Option<u64> {
        let Decimal { negative, mut digits, point } = self.decimal();
        if digits.is_empty() {
            return Some(0);
        }
        let zeros = usize::try_from(point).ok()?.checked_sub(digits.len())?;
        if negative || zeros > 20 {
            return None;
        }
        digits.extend(std::iter::repeat('0').take(zeros));
        digits.parse().ok()
    }

    /// A non-negative integer written without fraction or exponent, if it fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }
}

/// A decimal number as significant digits (no leading or trailing zeros) and the place
/// of the decimal point counted from their start: `-0.012` is `-`, "12", -1; zero has
/// no digits. Read from valid JSON number text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub negative: bool,
    pub digits: String,
    pub point: i32,
}

impl Decimal {
    pub fn read(text: &str) -> Decimal {
        let (negative, text) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
        let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
        // Past ±1e9 the exponent only says "too large" or "zero": clamp it.
        let exponent = exponent.trim_start_matches('+').parse::<i32>().unwrap_or(match exponent.starts_with('-') {
            true => -1_000_000_000,
            false => 1_000_000_000,
        });
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all: String = whole.chars().chain(fraction.chars()).collect();
        let significant = all.trim_start_matches('0');
        let skipped = i32::try_from(all.len().saturating_sub(significant.len())).unwrap_or(i32::MAX);
        let digits = significant.trim_end_matches('0').to_owned();
        let whole_len = i32::try_from(whole.len()).unwrap_or(i32::MAX);
        let point = if digits.is_empty() { 0 } else { whole_len.saturating_sub(skipped).saturating_add(exponent) };
        Decimal { negative, digits, point }
    }

    /// Past the largest double, where JS reads Infinity: at or above 2^1024 − 2^970
    /// (the halfway point to 2^1024), compared to 40 digits.
    pub fn overflows_f64(&self) -> bool {
        const HALFWAY: &str = "1797693134862315807937289714053034150799";
        self.point > 309 || (self.point == 309 && self.digits.as_str() >= HALFWAY)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

type Entry = (String, Value);

impl Map {
    pub const fn new() -> Self {
        Map { entries: Vec::new() }
    }

    /// Entries as parsed, repeated keys merged as `JSON.parse` merges them.
    pub(crate) fn from_parsed(mut entries: Vec<Entry>) -> Self {
        merge_repeated_keys(&mut entries);
        Map { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A linear scan: validators look up a handful of known keys.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Replaces the value of an existing key in place, or appends.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    pub fn iter(&self) -> Iter<'_> {
        self.entries.iter().map(entry_refs)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }
}

pub type Iter<'a> = std::iter::Map<std::slice::Iter<'a, Entry>, fn(&'a Entry) -> (&'a String, &'a Value)>;

fn entry_refs(entry: &Entry) -> (&String, &Value) {
    (&entry.0, &entry.1)
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Map {
    type Item = Entry;
    type IntoIter = std::vec::IntoIter<Entry>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl FromIterator<Entry> for Map {
    fn from_iter<I: IntoIterator<Item = Entry>>(iter: I) -> Self {
        Map::from_parsed(iter.into_iter().collect())
    }
}

impl PartialEq for Map {
    /// Same keys with equal values, in any order (as JS and serde_json compare objects).
    fn eq(&self, other: &Map) -> bool {
        if self.len() != other.len() {
            return false;
        }
        if self.entries == other.entries {
            return true;
        }
        let (mine, theirs) = (sorted_entries(&self.entries), sorted_entries(&other.entries));
        mine.iter().zip(&theirs).all(|(a, b)| a == b)
    }
}

/// References to `entries` sorted by key (keys are unique, so stability is moot).
fn sorted_entries(entries: &[Entry]) -> Vec<&Entry> {
    let order = stable_order(entries.len(), &|a, b| by_key(entries, a, b));
    order.into_iter().filter_map(|at| entries.get(at)).collect()
}

fn by_key(entries: &[Entry], a: usize, b: usize) -> Ordering {
    match (entries.get(a), entries.get(b)) {
        (Some((a, _)), Some((b, _))) => a.cmp(b),
        _ => Ordering::Equal,
    }
}

/// A key written twice keeps its first position and takes its last value, as in
/// `JSON.parse`. O(n log n): a 1 MiB body may hold many thousand keys.
fn merge_repeated_keys(entries: &mut Vec<Entry>) {
    // Most objects are small and repeat nothing: say so without allocating.
    let small_and_unique = entries.len() <= 16
        && entries
            .iter()
            .enumerate()
            .all(|(i, (key, _))| entries.get(..i).unwrap_or_default().iter().all(|(k, _)| k != key));
    if small_and_unique {
        return;
    }
    let order = stable_order(entries.len(), &|a, b| by_key(entries, a, b));
    let mut keep = vec![true; entries.len()];
    let mut moves = Vec::new();
    for run in order.chunk_by(|&a, &b| by_key(entries, a, b) == Ordering::Equal) {
        if let (Some(&first), Some(&last), true) = (run.first(), run.last(), run.len() > 1) {
            moves.push((first, last));
            for &later in run.get(1..).unwrap_or_default() {
                if let Some(flag) = keep.get_mut(later) {
                    *flag = false;
                }
            }
        }
    }
    for (first, last) in moves {
        let value = entries.get_mut(last).map(|(_, v)| std::mem::take(v));
        if let (Some(value), Some((_, slot))) = (value, entries.get_mut(first)) {
            *slot = value;
        }
    }
    let mut flags = keep.into_iter();
    entries.retain(|_| flags.next().unwrap_or(true));
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
