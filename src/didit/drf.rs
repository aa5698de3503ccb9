//! How Didit's server (Django REST Framework) reads fields and words and shapes its
//! errors: DRF 3.18's `CharField`, `EmailField`, `BooleanField`, `ChoiceField`, nested
//! list errors and parser negotiation, checked against the real framework by the DRF
//! oracle (tests/drf, part of `npm test`).

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::findings::{Findings, Stage};
use crate::input::{Body, Input};
use crate::json::{object, Decimal, Map, Number, Value};
use crate::path;
use crate::report::Severity;
use crate::rule::RuleId;
use crate::text::is_json_media_type;

pub const REQUIRED: &str = "This field is required.";
pub const NOT_NULL: &str = "This field may not be null.";
pub const NOT_BLANK: &str = "This field may not be blank.";
pub const NOT_STRING: &str = "Not a valid string.";
pub const NOT_BOOLEAN: &str = "Must be a valid boolean.";
pub const NO_NUL: &str = "Null characters are not allowed.";
/// A serializer given `null` for the whole body.
pub const NO_DATA: &str = "No data provided";

/// Python's `str.isspace()`: Unicode White_Space, plus the ASCII separators
/// U+001C–U+001F that Python counts and Rust does not.
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()`, which `CharField` applies before every other check.
pub fn python_strip(text: &str) -> &str {
    text.trim_matches(is_python_space)
}

/// What DRF's `CharField` keeps of a value: a number as Python's `str()` of it, text
/// without surrounding whitespace (`""` when nothing is left and blanks are allowed);
/// or its message: `null`, a blank, or any other type (`invalid`: "Not a valid
/// string.", or the `EmailField`'s own). Its validators (NUL) are the caller's.
pub fn char_field<'v>(
    value: &'v Value,
    allow_blank: bool,
    invalid: &'static str,
) -> Result<Cow<'v, str>, &'static str> {
    let text = match value {
        Value::Null => return Err(NOT_NULL),
        Value::String(text) => Cow::Borrowed(python_strip(text)),
        Value::Number(_) => Cow::Owned(python_str(value)),
        Value::Bool(_) | Value::Array(_) | Value::Object(_) => return Err(invalid),
    };
    match (text.is_empty(), allow_blank) {
        (true, false) => Err(NOT_BLANK),
        _ => Ok(text),
    }
}

/// Our words for a refusal of `CharField` (never the value).
pub fn refusal(field: &str, server: &str) -> String {
    match server {
        NOT_NULL => format!("{field} must not be null"),
        NOT_BLANK => format!("{field} must not be blank (the server trims surrounding whitespace)"),
        NO_NUL => format!("{field} holds a NUL character, which the server refuses"),
        _ => format!("{field} must be a string (the server takes a number as its text)"),
    }
}

/// The request's `Content-Type`, when headers are given and a body is sent (without one
/// DRF reads nothing): one DRF's JSON parser refuses is its 415, one it takes that is
/// not plain `application/json` a warning (the prepared request sends that instead).
pub fn check_media_type(input: &Input<'_>, rule: impl Into<RuleId>, f: &mut Findings<'_>) {
    let Some(headers) = &input.headers else { return };
    let Some((name, value)) = headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("content-type")) else {
        return;
    };
    // HTTP drops the spaces and tabs around a header's value.
    let value = value.trim_matches([' ', '\t']);
    let parsed = parses_as_json(value);
    if matches!(input.body, Body::Absent) || (parsed && is_json_media_type(value)) {
        return;
    }
    let at = path!["headers", name.to_owned()];
    if parsed {
        let message = "Content-Type is not plain application/json; the server's JSON parser takes it, and the prepared request sends application/json";
        f.raise_as(rule, Severity::Warning, at, message);
        return;
    }
    let message = "Content-Type is not a JSON media type: Django REST Framework answers 415 Unsupported Media Type";
    if f.raise(rule, at, message).is_error() {
        f.respond(Stage::Body, 415, drf_detail(&format!("Unsupported media type \"{value}\" in request.")));
    }
}

/// What DRF's `BooleanField` (3.15 and later) reads: `true`/`false`; after lower-casing
/// a string, `t y yes true on 1` and `f n no false off 0`; a number equal to 1 or 0
/// (Python compares `1.0 == 1`). Anything else is its message.
pub fn boolean_field(value: &Value) -> Result<bool, &'static str> {
    const TRUE: &[&str] = &["t", "y", "yes", "true", "on", "1"];
    const FALSE: &[&str] = &["f", "n", "no", "false", "off", "0"];
    match value {
        Value::Bool(b) => Ok(*b),
        Value::Null => Err(NOT_NULL),
        // No character outside ASCII lower-cases into these words, so ASCII folding is
        // Python's `str.lower()` here.
        Value::String(text) => {
            let lower = text.to_ascii_lowercase();
            if TRUE.contains(&lower.as_str()) {
                Ok(true)
            } else if FALSE.contains(&lower.as_str()) {
                Ok(false)
            } else {
                Err(NOT_BOOLEAN)
            }
        }
        Value::Number(n) if reads_as_one(n) => Ok(true),
        Value::Number(n) if reads_as_zero(n) => Ok(false),
        _ => Err(NOT_BOOLEAN),
    }
}

/// Equal to 1 in Python: the int 1, or a float that rounds to the double 1.0 (from
/// 1 − 2^-54 to 1 + 2^-53: ties go to 1.0, whose last bit is even).
fn reads_as_one(number: &Number) -> bool {
    const BELOW: &str = "999999999999999944488848768742172978818416595458984375";
    const ABOVE: &str = "100000000000000011102230246251565404236316680908203125";
    let d = number.decimal();
    match (d.negative, number.is_f64()) {
        (true, _) => false,
        (false, false) => d.digits == "1" && d.point == 1,
        (false, true) => (d.point == 1 && d.digits.as_str() <= ABOVE) || (d.point == 0 && d.digits.as_str() >= BELOW),
    }
}

/// Equal to 0 in Python: the int 0 (or -0), or a float that rounds to ±0.0 (at most
/// 2^-1075, half the smallest double, compared to 40 digits).
fn reads_as_zero(number: &Number) -> bool {
    const HALF_SMALLEST: &str = "2470328229206232720882843964341106861825";
    let d = number.decimal();
    d.digits.is_empty()
        || (number.is_f64() && (d.point < -323 || (d.point == -323 && d.digits.as_str() <= HALF_SMALLEST)))
}

/// Whether DRF's JSON parser takes a request of this `Content-Type` (else it answers
/// 415): the media type Django's `parse_header_parameters` reads (the text before the
/// first `;` outside quotes, and before any `=` in it; stripped, lower-cased) must be
/// `application/json` or match it through a `*` (`*/*`, `application/*`, `*/json`).
/// Parameters never matter, and a value over 256 characters is refused unread.
pub fn parses_as_json(content_type: &str) -> bool {
    if content_type.chars().count() > 256 {
        return false;
    }
    let full_type = if content_type.contains(';') {
        // A `;` inside quotes (a quote after a backslash does not count) is text.
        let (mut quoted, mut escaped) = (false, false);
        let end = content_type
            .char_indices()
            .find(|&(_, c)| {
                let ends = c == ';' && !quoted;
                quoted ^= c == '"' && !escaped;
                escaped = c == '\\';
                ends
            })
            .map_or(content_type.len(), |(at, _)| at);
        let first = content_type.get(..end).unwrap_or_default();
        first.split('=').next().unwrap_or_default()
    } else {
        content_type
    };
    let full_type = python_strip(full_type).to_ascii_lowercase();
    let (main, sub) = full_type.split_once('/').unwrap_or((&full_type, ""));
    matches!(main, "application" | "*") && matches!(sub, "json" | "*")
}

/// Django REST Framework's `{"detail": "…"}`.
pub fn drf_detail(text: &str) -> Value {
    drf_value("detail", text.into())
}

/// Django REST Framework's field error `{"field": ["…"]}`.
pub fn drf_field(field: &str, message: &str) -> Value {
    drf_value(field, Value::Array(vec![message.into()]))
}

/// `{"field": value}`, the shape of every Didit answer.
pub fn drf_value(field: &str, value: Value) -> Value {
    object(vec![(field, value)])
}

/// Python's name for the type `json.loads` makes of a value.
pub fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// Python's `str()` of a value, as DRF interpolates it into "is not a valid choice".
pub fn python_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => {
            let mut out = String::new();
            python_repr(other, &mut out);
            out
        }
    }
}

fn python_repr(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) if n.is_f64() => python_float(n.as_str(), out),
        // `json.loads` reads an integer exactly, at any size (and `-0` as 0).
        Value::Number(n) if n.as_str() == "-0" => out.push('0'),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => python_repr_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                python_repr(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                python_repr_str(key, out);
                out.push_str(": ");
                python_repr(item, out);
            }
            out.push('}');
        }
    }
}

/// Python's `repr(float(text))`: the shortest digits that read back as the same
/// double, positional from 1e-4 up to 1e16, scientific (`1e+300`) outside. Up to 15
/// significant digits (any decimal of that length is its own shortest form) and in the
/// normal range, the text's own digits; else the shortest digits of the nearest double.
fn python_float(text: &str, out: &mut String) {
    let written = Decimal::read(text);
    let exact = written.digits.len() <= 15 && (-306..=308).contains(&written.point);
    let Decimal { negative, digits, point } = match exact {
        true => written,
        false => Decimal::read(zmij::Buffer::new().format_finite(nearest_double(&written))),
    };
    if negative {
        out.push('-');
    }
    if digits.is_empty() {
        out.push_str("0.0");
        return;
    }
    let exponent = point.saturating_sub(1);
    if !(-4..16).contains(&exponent) {
        let (first, rest) = digits.split_at_checked(1).unwrap_or(("0", ""));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let sign = if exponent < 0 { '-' } else { '+' };
        out.push_str(&format!("e{sign}{:02}", exponent.unsigned_abs()));
        return;
    }
    let zeros = |n: usize| std::iter::repeat('0').take(n);
    match usize::try_from(point) {
        Ok(at) => {
            let (whole, fraction) = digits.split_at_checked(at).unwrap_or((&digits, ""));
            out.push_str(if whole.is_empty() { "0" } else { whole });
            out.extend(zeros(at.saturating_sub(digits.len())));
            out.push('.');
            out.push_str(if fraction.is_empty() { "0" } else { fraction });
        }
        Err(_) => {
            out.push_str("0.");
            out.extend(zeros(usize::try_from(point.unsigned_abs()).unwrap_or(0)));
            out.push_str(&digits);
        }
    }
}

/// The double nearest a decimal, ties to even, as Python's `float()` reads it: an
/// estimate, then moved past each midpoint between neighbouring doubles that the
/// decimal lies beyond, compared exactly in big integers. (The wasm carries no
/// decimal-to-double parser of its own: core's costs 15 KB.) Decimals past the largest
/// double never get here (the JSON reader refuses them).
fn nearest_double(decimal: &Decimal) -> f64 {
    if decimal.digits.is_empty() || decimal.point < -400 {
        return if decimal.negative { -0.0 } else { 0.0 };
    }
    // Unreachable from JSON text (the reader refuses it): bounds the work below.
    if decimal.point > 310 {
        return if decimal.negative { f64::MIN } else { f64::MAX };
    }
    let mut value = approximate(decimal).abs();
    if !value.is_finite() {
        value = f64::MAX;
    }
    // Upwards while the decimal lies above the midpoint to the next double (or on it,
    // when that double is the even one); then downwards likewise.
    while value < f64::MAX {
        let up = f64::from_bits(value.to_bits().saturating_add(1));
        match compare_to_midpoint(decimal, value) {
            Ordering::Greater => value = up,
            Ordering::Equal if value.to_bits() % 2 == 1 => value = up,
            _ => break,
        }
    }
    while value > 0.0 {
        let down = f64::from_bits(value.to_bits().saturating_sub(1));
        match compare_to_midpoint(decimal, down) {
            Ordering::Less => value = down,
            Ordering::Equal if value.to_bits() % 2 == 1 => value = down,
            _ => break,
        }
    }
    if decimal.negative {
        -value
    } else {
        value
    }
}

/// The decimal's magnitude against the midpoint between `low` (positive, finite) and
/// the double above it: `(2m + 1) · 2^(e − 1)` when `low` is `m · 2^e` with `2^e` its
/// spacing. Both sides become integers, digits × 10^a against (2m + 1) × 2^b with the
/// negative powers moved across, in 32-bit limbs (least significant first). Past 800
/// digits the rest only says "a little more", which no midpoint (at most 767
/// significant digits) can tie with.
fn compare_to_midpoint(decimal: &Decimal, low: f64) -> Ordering {
    const KEPT_DIGITS: usize = 800;
    let bits = low.to_bits();
    let (fraction, biased) = (bits & ((1 << 52) - 1), (bits >> 52) & 0x7FF);
    let (mantissa, exponent) = match biased {
        0 => (fraction, -1074_i32),
        _ => (fraction | (1 << 52), i32::try_from(biased).unwrap_or(0).saturating_sub(1075)),
    };
    let digits = decimal.digits.as_bytes();
    let kept = digits.get(..KEPT_DIGITS).unwrap_or(digits);
    let mut left = Vec::new();
    for digit in kept {
        mul_add(&mut left, 10, u32::from(digit.wrapping_sub(b'0')));
    }
    let mut count = kept.len();
    if digits.len() > KEPT_DIGITS {
        mul_add(&mut left, 10, 1);
        count = count.saturating_add(1);
    }
    let odd = mantissa.saturating_mul(2).saturating_add(1);
    let mut right = Vec::new();
    mul_add(&mut right, 1, (odd >> 32) as u32);
    mul_add(&mut right, 1 << 16, 0);
    mul_add(&mut right, 1 << 16, (odd & 0xFFFF_FFFF) as u32);
    let tens = decimal.point.saturating_sub(i32::try_from(count).unwrap_or(i32::MAX));
    scale(if tens >= 0 { &mut left } else { &mut right }, 10, tens.unsigned_abs());
    let twos = exponent.saturating_sub(1);
    scale(if twos >= 0 { &mut right } else { &mut left }, 2, twos.unsigned_abs());
    left.len().cmp(&right.len()).then_with(|| left.iter().rev().cmp(right.iter().rev()))
}

/// `big × factor + add`, in place (no leading zero limb is ever made).
fn mul_add(big: &mut Vec<u32>, factor: u32, add: u32) {
    let mut carry = u64::from(add);
    for limb in big.iter_mut() {
        // At most (2^32 − 1)² + 2^32 − 1 < 2^64.
        let n = u64::from(*limb).wrapping_mul(u64::from(factor)).wrapping_add(carry);
        *limb = (n & 0xFFFF_FFFF) as u32;
        carry = n >> 32;
    }
    if carry > 0 {
        big.push(carry as u32);
    }
}

fn scale(big: &mut Vec<u32>, factor: u32, times: u32) {
    for _ in 0..times {
        mul_add(big, factor, 0);
    }
}

/// An estimate of the double near a decimal, within a few units of the last place:
/// its first 19 digits, multiplied or divided by powers of ten up to 10^22 (the largest
/// a double holds exactly), one rounding per step.
fn approximate(decimal: &Decimal) -> f64 {
    let taken = decimal.digits.get(..decimal.digits.len().min(19)).unwrap_or_default();
    #[allow(clippy::cast_precision_loss)] // rounding to a double is the point
    let mut value = taken.parse::<u64>().unwrap_or(0) as f64;
    let mut scale = decimal.point.saturating_sub(i32::try_from(taken.len()).unwrap_or(0));
    while scale != 0 {
        let step = scale.clamp(-22, 22);
        let power = 10f64.powi(step.saturating_abs());
        value = if step > 0 { value * power } else { value / power };
        scale = scale.saturating_sub(step);
    }
    if decimal.negative {
        -value
    } else {
        value
    }
}

/// Python's `repr()` of a string: in single quotes, or in double quotes when it holds
/// a single quote and no double quote; a backslash before that quote and before `\`;
/// `\t`, `\n`, `\r`; `\xNN`, `\uNNNN` or `\UNNNNNNNN` for the characters
/// `str.isprintable()` refuses, as Python 3.11 (Unicode 14.0) knows them, save one
/// class: code points unassigned in Unicode 14.0 are written as they are (Python
/// escapes them; their table would cost the wasm more than it is worth).
fn python_repr_str(text: &str, out: &mut String) {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let code = u32::from(c);
                let (prefix, width) = match code {
                    0..=0xFF => ("\\x", 2_u32),
                    0x100..=0xFFFF => ("\\u", 4),
                    _ => ("\\U", 8),
                };
                out.push_str(prefix);
                for digit in (0..width).rev() {
                    let nibble = code.checked_shr(digit.saturating_mul(4)).unwrap_or(0) & 0xF;
                    out.push(char::from_digit(nibble, 16).unwrap_or('0'));
                }
            }
        }
    }
    out.push(quote);
}

/// Python's `str.isprintable()` for one character, unassigned code points aside: not
/// a control (Cc), format (Cf), private-use (Co), line or paragraph separator, or a
/// space separator other than the ASCII space.
fn is_printable(c: char) -> bool {
    #[rustfmt::skip]
    const NOT_PRINTABLE: &[(u32, u32)] = &[
        (0x80, 0xA0), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
        (0x890, 0x891), (0x8E2, 0x8E2), (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200F),
        (0x2028, 0x202F), (0x205F, 0x2064), (0x2066, 0x206F), (0x3000, 0x3000), (0xE000, 0xF8FF),
        (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438),
        (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
        (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD),
    ];
    if c.is_ascii() {
        return !c.is_ascii_control();
    }
    let code = u32::from(c);
    !NOT_PRINTABLE.iter().any(|&(low, high)| (low..=high).contains(&code))
}

/// Field errors of one serializer pass, merged into one body as DRF renders them:
/// `{"field": ["…"], "nodes_to_resubmit": [{…}, {}, …]}`. Once the report is truncated
/// the per-item list stops too, so a million bad items cost a bounded answer.
#[derive(Default)]
pub struct FieldErrors {
    fields: Map,
    /// Each item's errors: an object of field messages, or a list for the item itself.
    items: Vec<Value>,
    item_count: usize,
}

impl FieldErrors {
    pub fn field(&mut self, field: &str, message: String) {
        push_message(&mut self.fields, field, message);
    }

    /// Starts the per-item list for `n` items (every item gets an entry, `{}` if clean).
    pub fn expect_items(&mut self, n: usize) {
        self.item_count = n;
    }

    /// Ends the per-item list before `index`, if it was not ended already.
    pub fn stop_items_at(&mut self, index: usize) {
        self.item_count = self.item_count.min(index);
    }

    pub fn item(&mut self, index: usize, field: &str, message: String) {
        if let Some(Value::Object(item)) = self.item_entry(index) {
            push_message(item, field, message);
        }
    }

    /// A `null` item: DRF answers for it with a bare list, `["This field may not be null."]`.
    pub fn null_item(&mut self, index: usize) {
        if let Some(entry) = self.item_entry(index) {
            *entry = Value::Array(vec![NOT_NULL.into()]);
        }
    }

    fn item_entry(&mut self, index: usize) -> Option<&mut Value> {
        if index >= self.item_count {
            return None;
        }
        if self.items.len() <= index {
            self.items.resize_with(index.saturating_add(1), || Value::Object(Map::new()));
        }
        self.items.get_mut(index)
    }

    /// The merged body, or `None` when nothing was recorded.
    pub fn into_body(mut self, list_field: &str) -> Option<Value> {
        if !self.items.is_empty() {
            self.items.resize_with(self.item_count, || Value::Object(Map::new()));
            self.fields.insert(list_field.to_owned(), Value::Array(self.items));
        }
        (!self.fields.is_empty()).then_some(Value::Object(self.fields))
    }
}

fn push_message(map: &mut Map, field: &str, message: String) {
    match map.get_mut(field) {
        Some(Value::Array(list)) => list.push(Value::String(message)),
        _ => {
            map.insert(field.to_owned(), Value::Array(vec![Value::String(message)]));
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
    fn python_str_writes_python_reprs() {
        let value =
            crate::json::parse(r#"{"a'b\\": ["x'y\\z", 1, 2.0, 1e300, -0.5, null, true, {"k": false}]}"#).unwrap();
        assert_eq!(python_str(&value), r#"{"a'b\\": ["x'y\\z", 1, 2.0, 1e+300, -0.5, None, True, {'k': False}]}"#);
        let reprs =
            crate::json::parse(r#"["\u0085\u200b\ue000\n\u007f", "say \"hi\" it's", -0, "\ud83d\ude00"]"#).unwrap();
        assert_eq!(python_str(&reprs), r#"['\x85\u200b\ue000\n\x7f', 'say "hi" it\'s', 0, '😀']"#);
        assert_eq!(python_str(&Value::String("it's".into())), "it's");
        let floats = [
            ("5.0", "5.0"),
            ("5E0", "5.0"),
            ("0.1000000000000000055511151231257827", "0.1"),
            ("1.50", "1.5"),
            ("-0.0001", "-0.0001"),
            ("0.00001234", "1.234e-05"),
            ("1e16", "1e+16"),
            ("123456789012345.6", "123456789012345.6"),
            ("1234567890123456.7", "1234567890123456.8"),
            ("12345678901234567.0", "1.2345678901234568e+16"),
            ("-0.0", "-0.0"),
            ("2.5e-320", "2.5e-320"),
            ("18446744073709551616", "18446744073709551616"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"),
            ("1.00000000000000011102230246251565", "1.0"),
            ("1.000000000000000111022302462515654042363166809082031250", "1.0"),
            ("1.0000000000000001110223024625156540423631668090820312501", "1.0000000000000002"),
            ("2.2250738585072011e-308", "2.225073858507201e-308"),
            ("2.2250738585072012e-308", "2.2250738585072014e-308"),
            ("4.9406564584124654e-324", "5e-324"),
            ("2.4703282292062328e-324", "5e-324"),
            ("2.4703282292062327e-324", "0.0"),
            ("9007199254740993", "9007199254740993"),
            ("9007199254740993.0", "9007199254740992.0"),
            ("123456789012345678901234567890.0", "1.2345678901234568e+29"),
            ("0.30000000000000004", "0.30000000000000004"),
            ("8.98846567431158e307", "8.98846567431158e+307"),
            ("1e-320", "1e-320"),
            ("2.5e-324", "5e-324"),
            ("2.6018159083016613186091390e260", "2.601815908301661e+260"),
            ("6.030824628194821993518190937865797e40", "6.030824628194822e+40"),
            ("3.231948757491186252760189e-9", "3.231948757491186e-09"),
            ("5.9797114710497465075291703e-36", "5.979711471049747e-36"),
            ("3.6671276842684656321e-150", "3.667127684268466e-150"),
            ("3.3079244026859952890e137", "3.3079244026859952e+137"),
            ("8.666617603137215901092815901396245957117e147", "8.666617603137216e+147"),
            ("7.412154728038528084148525388853e297", "7.412154728038528e+297"),
            ("3.363387500474395755131373537990751163726e10", "33633875004.743958"),
            ("6.76122202972997528e231", "6.761222029729975e+231"),
            ("0.0182633043483954862e-268", "1.8263304348395487e-270"),
            ("5.79868282880729022279180588871803340187e245", "5.79868282880729e+245"),
            ("1.759898347887838e-65", "1.759898347887838e-65"),
            ("3.72616751361341252427316723268656e-130", "3.726167513613412e-130"),
            ("5.15058770658948113114402426e-66", "5.150587706589481e-66"),
            ("2.889751402614014193141705864e-198", "2.889751402614014e-198"),
            ("8.3124023448347824e25", "8.312402344834783e+25"),
            ("4.000883873716786e188", "4.000883873716786e+188"),
            ("3.353265020146201684934072e-169", "3.353265020146202e-169"),
            ("7.04558530435205617483380e-237", "7.045585304352057e-237"),
            ("1.26906044319829657249208e109", "1.2690604431982966e+109"),
            ("8.28890931002516780083740718818174143337e175", "8.288909310025168e+175"),
            ("1.740931925449920707413748477e147", "1.7409319254499208e+147"),
            ("1.834170471874633191284529841537760207764e-186", "1.8341704718746332e-186"),
        ];
        for (text, python) in floats {
            assert_eq!(python_str(&crate::json::parse(text).unwrap()), python, "{text}");
        }
    }
}
