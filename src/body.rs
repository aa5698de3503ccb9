//! Reading the body's JSON text: size and depth limits, lone surrogates, then the parse.
//!
//! A JSON parser refuses a lone surrogate escape (`"\ud800"`) with no path, and JS
//! `JSON.stringify` writes exactly that for a lone surrogate. A linear pre-scan finds
//! them and the depth in one pass; lone escapes are rewritten to `\uffff` (same length)
//! so the parse succeeds and the walk after it can name each bad string's path.

use std::borrow::Cow;

use crate::findings::{Findings, Stage};
use crate::input::BodyInput;
use crate::json::Value;
use crate::options::Limits;
use crate::path;
use crate::report::PathSegment;
use crate::rule::InputRule;

/// Stands in for a lone surrogate after the pre-scan. A noncharacter, so real data
/// almost never holds it; when the text already does, both are reported alike.
pub(crate) const LONE_SURROGATE_MARK: char = '\u{FFFF}';

/// The body's parsed value and its text.
pub struct ParsedBody<'t> {
    pub value: Value,
    pub text: Cow<'t, str>,
}

/// What the pre-scan learned.
struct Scan {
    max_depth: usize,
    lone_surrogates: Vec<usize>,
}

/// Reads the body; every problem becomes an issue at stage `Body` with `bad_status`.
pub fn read_body<'t>(
    input: BodyInput<'t>,
    limits: &Limits,
    bad_status: u16,
    f: &mut Findings<'_>,
) -> Option<ParsedBody<'t>> {
    let text: &'t str = match input {
        BodyInput::Absent => return None,
        BodyInput::Text(text) => text,
        BodyInput::Bytes(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let msg = format!("the body is not valid UTF-8 (at byte {})", e.valid_up_to());
                return refuse(f, InputRule::InvalidUnicode, msg, bad_status);
            }
        },
        BodyInput::NotSerializable => {
            let msg = "the body cannot be serialized to JSON (a cycle, a BigInt, a throwing getter or a revoked Proxy)";
            return refuse(f, InputRule::NotSerializable, msg.into(), bad_status);
        }
        BodyInput::TooLarge { bytes } => return too_large(f, bytes, limits),
        BodyInput::TooDeep => {
            let msg =
                format!("the body nests more than {} containers deep, over the limit (maxDepth)", limits.max_depth);
            return refuse(f, InputRule::TooDeep, msg, bad_status);
        }
    };
    if text.len() > limits.max_body_bytes {
        return too_large(f, text.len(), limits);
    }
    let scan = scan(text);
    if scan.max_depth > limits.max_depth {
        return too_deep(text, &scan, limits, bad_status, f);
    }
    // Parsed with the marks; the text to send stays the caller's own.
    let marked = mark_lone_surrogates(text, &scan.lone_surrogates);
    let value = match crate::json::parse(&marked) {
        Ok(value) => value,
        Err(e) => {
            let msg = format!("the body is not valid JSON: {e}");
            return refuse(f, InputRule::JsonSyntax, msg, bad_status);
        }
    };
    if !scan.lone_surrogates.is_empty() {
        report_marks(&value, &mut path!["body"], f);
        f.respond(Stage::Body, bad_status, Value::Null);
    }
    Some(ParsedBody { value, text: Cow::Borrowed(text) })
}

/// `text` with every lone surrogate escape replaced by the mark, for JSON that is
/// parsed but not sent (the envelope's path and headers, the context).
pub(crate) fn mark_lone_surrogates_in(text: &str) -> Cow<'_, str> {
    mark_lone_surrogates(text, &scan(text).lone_surrogates)
}

fn refuse<T>(f: &mut Findings<'_>, rule: InputRule, message: String, status: u16) -> Option<T> {
    if f.raise(rule, path!["body"], message).is_error() {
        f.respond(Stage::Body, status, Value::Null);
    }
    None
}

/// `bytes` is exact when Rust measured the text, a lower bound when JS did.
fn too_large<T>(f: &mut Findings<'_>, bytes: usize, limits: &Limits) -> Option<T> {
    let msg = format!(
        "the body's JSON text is {bytes} UTF-8 bytes, over the limit of {} bytes (maxBodyBytes)",
        limits.max_body_bytes
    );
    // Servers refuse oversized bodies before reading them: 413 Payload Too Large.
    refuse(f, InputRule::TooLarge, msg, 413)
}

fn too_deep<T>(text: &str, scan: &Scan, limits: &Limits, status: u16, f: &mut Findings<'_>) -> Option<T> {
    let mut at = path!["body"];
    if scan.max_depth <= Limits::MAX_DEPTH_RANGE.1.saturating_add(1) {
        let marked = mark_lone_surrogates(text, &scan.lone_surrogates);
        if let Ok(value) = crate::json::parse(&marked) {
            deepest_allowed(&value, limits.max_depth, &mut at);
        }
    }
    let msg =
        format!("the body nests {} containers deep, over the limit of {} (maxDepth)", scan.max_depth, limits.max_depth);
    if f.raise(InputRule::TooDeep, at, msg).is_error() {
        f.respond(Stage::Body, status, Value::Null);
    }
    None
}

/// Extends `at` to the first container that sits deeper than `limit`.
fn deepest_allowed(value: &Value, limit: usize, at: &mut Vec<PathSegment>) -> bool {
    let Some(remaining) = limit.checked_sub(1) else { return is_container(value) };
    let children: Box<dyn Iterator<Item = (PathSegment, &Value)>> = match value {
        Value::Object(map) => Box::new(map.iter().map(|(k, v)| (PathSegment::from(k.clone()), v))),
        Value::Array(items) => Box::new(items.iter().enumerate().map(|(i, v)| (PathSegment::from(i), v))),
        _ => return false,
    };
    for (segment, child) in children {
        at.push(segment);
        if deepest_allowed(child, remaining, at) {
            return true;
        }
        at.pop();
    }
    false
}

fn is_container(value: &Value) -> bool {
    matches!(value, Value::Object(_) | Value::Array(_))
}

/// One pass over the bytes: container depth outside strings, lone surrogate escapes
/// inside them. Malformed text is left for the parser to describe.
fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut scan = Scan { max_depth: 0, lone_surrogates: Vec::new() };
    let (mut depth, mut i, mut in_string) = (0usize, 0usize, false);
    while let Some(&b) = bytes.get(i) {
        let mut step = 1usize;
        match (in_string, b) {
            // Inside a string, skip to the next quote or backslash (or control byte).
            (true, _) if b != b'"' && b != b'\\' => {
                step = crate::json::plain_len(bytes.get(i..).unwrap_or_default()).max(1);
            }
            (false, b'"') | (true, b'"') => in_string = !in_string,
            (false, b'[' | b'{') => {
                depth = depth.saturating_add(1);
                scan.max_depth = scan.max_depth.max(depth);
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            (true, b'\\') => step = escape_len(bytes, i, &mut scan.lone_surrogates),
            _ => {}
        }
        i = i.saturating_add(step);
    }
    scan
}

/// Length of the escape at `i` (a backslash); records the offset of a lone surrogate.
fn escape_len(bytes: &[u8], i: usize, lone: &mut Vec<usize>) -> usize {
    if bytes.get(i.saturating_add(1)) != Some(&b'u') {
        return 2;
    }
    match hex4(bytes, i.saturating_add(2)) {
        Some(0xD800..=0xDBFF) => {
            let next = i.saturating_add(6);
            let paired = bytes.get(next) == Some(&b'\\')
                && bytes.get(next.saturating_add(1)) == Some(&b'u')
                && matches!(hex4(bytes, next.saturating_add(2)), Some(0xDC00..=0xDFFF));
            if paired {
                12
            } else {
                lone.push(i);
                6
            }
        }
        Some(0xDC00..=0xDFFF) => {
            lone.push(i);
            6
        }
        _ => 2,
    }
}

fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at.checked_add(4)?)?;
    let text = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(text, 16).ok()
}

fn mark_lone_surrogates<'t>(text: &'t str, offsets: &[usize]) -> Cow<'t, str> {
    if offsets.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for &at in offsets {
        // `\uXXXX` → `\uFFFF`: same length, so later offsets stay valid.
        if let Some(digits) = bytes.get_mut(at.saturating_add(2)..at.saturating_add(6)) {
            digits.copy_from_slice(b"FFFF");
        }
    }
    // Only ASCII hex digits were replaced by ASCII, so the text is still UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
}

fn report_marks(value: &Value, at: &mut Vec<PathSegment>, f: &mut Findings<'_>) {
    const MSG: &str = "the string holds a lone UTF-16 surrogate: it is not valid Unicode and cannot be sent as UTF-8";
    match value {
        Value::String(s) if s.contains(LONE_SURROGATE_MARK) => {
            f.raise(InputRule::InvalidUnicode, at.clone(), MSG);
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(PathSegment::from(i));
                report_marks(item, at, f);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                at.push(PathSegment::from(key.clone()));
                if key.contains(LONE_SURROGATE_MARK) {
                    f.raise(InputRule::InvalidUnicode, at.clone(), "an object key holds a lone UTF-16 surrogate");
                }
                report_marks(item, at, f);
                at.pop();
            }
        }
        _ => {}
    }
}
