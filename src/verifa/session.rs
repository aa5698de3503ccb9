//! Reading Verifa's Get Session JSON as the caller passes it in `context.session`.
//! Only `status`, `retention_status`, `is_sandbox` and `metadata` are read.

use super::tables::{Environment, Retention, SANDBOX_STATUS};
use crate::findings::Findings;
use crate::input::{report_context_fields, ContextField, Input};
use crate::json::{Map, Value};

const FIELDS: &[ContextField] = &[
    ContextField::string("status"),
    ContextField::string("retention_status"),
    ContextField::boolean("is_sandbox"),
    ContextField::object("metadata"),
];

#[derive(Clone, Copy)]
pub struct Session<'a> {
    map: &'a Map,
}

impl<'a> Session<'a> {
    pub fn new(map: &'a Map) -> Self {
        Session { map }
    }

    /// `context.session`, with a `context_invalid` warning for each field of the wrong
    /// type; such a field then reads as absent.
    pub fn read(input: &Input<'a>, f: &mut Findings<'_>) -> Option<Session<'a>> {
        let session = Session { map: input.context_object("session", f)? };
        report_context_fields("session", session.map, FIELDS, f);
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
    pub fn metadata(&self) -> Option<Option<&'a Map>> {
        match self.map.get("metadata")? {
            Value::Object(map) => Some(Some(map)),
            Value::Null => Some(None),
            _ => None,
        }
    }
}
