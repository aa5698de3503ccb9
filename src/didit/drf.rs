//! How Didit's server (Django REST Framework) words and shapes its errors.

use crate::json::{object, Decimal, Map, Value};

pub const REQUIRED: &str = "This field is required.";
pub const NOT_NULL: &str = "This field may not be null.";
pub const NOT_BLANK: &str = "This field may not be blank.";
pub const NOT_STRING: &str = "Not a valid string.";
pub const NOT_BOOLEAN: &str = "Must be a valid boolean.";

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
        // `json.loads` reads an integer exactly, at any size.
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => quoted(s, &['\\', '\''], out),
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
                // Keys escape only the quote (as this code always has).
                quoted(key, &['\''], out);
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
/// normal range, the text's own digits; else the digits of an approximate double (the
/// wasm carries no exact decimal-to-double parser), right to within a unit of the 17th.
fn python_float(text: &str, out: &mut String) {
    let written = Decimal::read(text);
    let exact = written.digits.len() <= 15 && (-306..=308).contains(&written.point);
    let Decimal { negative, digits, point } = match exact {
        true => written,
        false => Decimal::read(zmij::Buffer::new().format_finite(approximate(&written))),
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

/// The double near a decimal: its first 19 digits, multiplied or divided by powers of
/// ten up to 10^22 (the largest a double holds exactly), one rounding per step.
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

/// `'text'`, with a backslash before each of `escaped`.
fn quoted(text: &str, escaped: &[char], out: &mut String) {
    out.push('\'');
    for c in text.chars() {
        if escaped.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
}

/// The message a DRF field gives a `null`, or else `otherwise`.
pub fn null_or(value: &Value, otherwise: &str) -> String {
    if value.is_null() { NOT_NULL } else { otherwise }.to_owned()
}

/// Field errors of one serializer pass, merged into one body as DRF renders them:
/// `{"field": ["…"], "nodes_to_resubmit": [{…}, {}, …]}`. Once the report is truncated
/// the per-item list stops too, so a million bad items cost a bounded answer.
#[derive(Default)]
pub struct FieldErrors {
    fields: Map,
    items: Vec<Map>,
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
        if index >= self.item_count {
            return;
        }
        if self.items.len() <= index {
            self.items.resize_with(index.saturating_add(1), Map::new);
        }
        if let Some(item) = self.items.get_mut(index) {
            push_message(item, field, message);
        }
    }

    /// The merged body, or `None` when nothing was recorded.
    pub fn into_body(mut self, list_field: &str) -> Option<Value> {
        if !self.items.is_empty() {
            self.items.resize_with(self.item_count, Map::new);
            let items = self.items.into_iter().map(Value::Object).collect();
            self.fields.insert(list_field.to_owned(), Value::Array(items));
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
        assert_eq!(python_str(&value), r"{'a\'b\': ['x\'y\\z', 1, 2.0, 1e+300, -0.5, None, True, {'k': False}]}");
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
        ];
        for (text, python) in floats {
            assert_eq!(python_str(&crate::json::parse(text).unwrap()), python, "{text}");
        }
    }
}
