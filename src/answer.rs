//! The vendors' error body shapes, so every rule builds its answer the same way.

use serde_json::{json, Value};

/// Django REST Framework's `{"detail": "…"}` (Didit).
pub fn drf_detail(text: impl Into<String>) -> Value {
    json!({ "detail": text.into() })
}

/// Django REST Framework's field error `{"field": ["…"]}` (Didit).
pub fn drf_field(field: &str, message: impl Into<String>) -> Value {
    json!({ field: [message.into()] })
}

/// Verifa's `{"error": code, "detail": text, "status_code": n}`.
pub fn verifa_error(status: u16, code: &str, detail: impl Into<String>) -> Value {
    json!({ "error": code, "detail": detail.into(), "status_code": status })
}

/// Legal Talent's `{"status": "error", "error": {"type", "message", "code"}}`.
pub fn legaltalent_error(error_type: &str, message: impl Into<String>, code: &str) -> Value {
    json!({ "status": "error", "error": { "type": error_type, "message": message.into(), "code": code } })
}

/// AnyCheck's `{"error_code", "message", "errors": [{"field", "message"}]}`.
pub fn anycheck_error(code: &str, message: impl Into<String>, errors: &[(&str, &str)]) -> Value {
    let errors: Vec<Value> =
        errors.iter().map(|(field, message)| json!({ "field": field, "message": message })).collect();
    json!({ "error_code": code, "message": message.into(), "errors": errors })
}
