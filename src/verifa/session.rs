//! Reading Verifa's Get Session JSON as the caller passes it in `context.session`.
//! Only `status`, `retention_status`, `is_sandbox` and `metadata` are read.

use serde_json::{Map, Value};

use super::tables::{Environment, Retention, SANDBOX_STATUS};
use crate::findings::Findings;
use crate::input::Input;
use crate::path;
use crate::rule::InputRule;

/// A field read from the session, with the JSON type it must have.
struct ContextField {
    key: &'static str,
    expected: &'static str,
    has_type: fn(&Value) -> bool,
}

const FIELDS: &[ContextField] = &[
    ContextField { key: "status", expected: "a string", has_type: Value::is_string },
    ContextField { key: "retention_status", expected: "a string", has_type: Value::is_string },
    ContextField { key: "is_sandbox", expected: "a boolean", has_type: Value::is_boolean },
    ContextField { key: "metadata", expected: "an object", has_type: Value::is_object },
];

#[derive(Clone, Copy)]
pub struct Session<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Session<'a> {
    pub fn new(map: &'a Map<String, Value>) -> Self {
        Session { map }
    }

    /// `context.session`, with a `context_invalid` warning for each field of the wrong
    /// type; such a field then reads as absent.
    pub fn read(input: &Input<'a>, f: &mut Findings<'_>) -> Option<Session<'a>> {
        let session = Session { map: input.context_object("session", f)? };
        for field in FIELDS {
            if matches!(session.map.get(field.key), Some(v) if !v.is_null() && !(field.has_type)(v)) {
                let message = format!("expected {} or null; rules that need it were skipped", field.expected);
                f.raise(InputRule::ContextInvalid, path!["context", "session", field.key], message);
            }
        }
        Some(session)
    }

    pub fn status(&self) -> Option<&'a str> {
        self.map.get("status")?.as_str()
    }

    /// `None` when absent, wrongly typed, or not one of the three documented values.
    pub fn retention(&self) -> Option<Retention> {
        Retention::parse(self.map.get("retention_status")?.as_str()?)
    }

    /// From `is_sandbox`; failing that, a `sandbox_pending` status is a sandbox session.
    pub fn environment(&self) -> Option<Environment> {
        match self.map.get("is_sandbox").and_then(Value::as_bool) {
            Some(true) => Some(Environment::Sandbox),
            Some(false) => Some(Environment::Live),
            None => (self.status() == Some(SANDBOX_STATUS)).then_some(Environment::Sandbox),
        }
    }

    /// The stored metadata. `Some(None)` is an explicit `null`: no metadata stored yet.
    pub fn metadata(&self) -> Option<Option<&'a Map<String, Value>>> {
        match self.map.get("metadata")? {
            Value::Object(map) => Some(Some(map)),
            Value::Null => Some(None),
            _ => None,
        }
    }
}
