//! How Didit's server (Django REST Framework) words and shapes its errors.

use serde_json::{Map, Value};

pub const REQUIRED: &str = "This field is required.";
pub const NOT_NULL: &str = "This field may not be null.";
pub const NOT_BLANK: &str = "This field may not be blank.";
pub const NOT_STRING: &str = "Not a valid string.";
pub const NOT_BOOLEAN: &str = "Must be a valid boolean.";

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
        Value::Number(n) => {
            let text = n.to_string();
            out.push_str(&text);
            // Python writes a whole float as `5.0`; serde_json's shortest form gives `5`.
            if n.is_f64() && !text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
                out.push_str(".0");
            }
        }
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
    fields: Map<String, Value>,
    items: Vec<Map<String, Value>>,
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

fn push_message(map: &mut Map<String, Value>, field: &str, message: String) {
    match map.entry(field).or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(list) => list.push(Value::String(message)),
        other => *other = Value::Array(vec![Value::String(message)]),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn python_str_writes_python_reprs() {
        let value: Value =
            serde_json::from_str(r#"{"a'b\\": ["x'y\\z", 1, 2.0, 1e300, -0.5, null, true, {"k": false}]}"#).unwrap();
        assert_eq!(python_str(&value), r"{'a\'b\': ['x\'y\\z', 1, 2.0, 1e+300, -0.5, None, True, {'k': False}]}");
        assert_eq!(python_str(&Value::String("it's".into())), "it's");
        assert_eq!(python_str(&serde_json::json!(5.0)), "5.0");
    }
}
