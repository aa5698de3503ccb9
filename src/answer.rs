//! The vendors' error body shapes, so every rule builds its answer the same way.

use crate::json::{Map, Value};

/// A JSON object from its entries: one function for every shape below, where `json!`
/// would expand its own code at each.
pub fn object(entries: Vec<(&str, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in entries {
        map.insert(key.to_owned(), value);
    }
    Value::Object(map)
}

/// Django REST Framework's `{"detail": "…"}` (Didit).
pub fn drf_detail(text: &str) -> Value {
    drf_value("detail", text.into())
}

/// Django REST Framework's field error `{"field": ["…"]}` (Didit).
pub fn drf_field(field: &str, message: &str) -> Value {
    drf_value(field, Value::Array(vec![message.into()]))
}

/// `{"field": value}`, the shape of every Didit answer.
pub fn drf_value(field: &str, value: Value) -> Value {
    object(vec![(field, value)])
}

/// Verifa's `{"error": code, "detail": text, "status_code": n}`.
pub fn verifa_error(status: u16, code: &str, detail: &str) -> Value {
    object(vec![("error", code.into()), ("detail", detail.into()), ("status_code", status.into())])
}

/// Legal Talent's `{"status": "error", "error": {"type", "message", "code"}}`.
pub fn legaltalent_error(error_type: &str, message: &str, code: &str) -> Value {
    let error = object(vec![("type", error_type.into()), ("message", message.into()), ("code", code.into())]);
    object(vec![("status", "error".into()), ("error", error)])
}

/// AnyCheck's `{"error_code", "message", "errors": [{"field", "message"}]}`.
pub fn anycheck_error(code: &str, message: &str, errors: &[(&str, &str)]) -> Value {
    let errors =
        errors.iter().map(|(field, message)| object(vec![("field", (*field).into()), ("message", (*message).into())]));
    object(vec![("error_code", code.into()), ("message", message.into()), ("errors", Value::Array(errors.collect()))])
}
