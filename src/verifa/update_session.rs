//! `verifa.update_session`. Server order (inferred from the statuses): the route (a
//! missing session id), authentication, the session lookup (a key of the other
//! environment finds nothing), the headers' format and the body, then the session's
//! retention state (a redacted session refuses a well-formed update).

use super::headers::{self, ApiKey};
use super::metadata::{compact_json_len, merge_metadata};
use super::responses::{not_found, session_redacted, validation_error};
use super::session::Session;
use super::tables::{is_editable, Retention, EDITABLE_FIELDS, EXTERNAL_REF_LIMIT, METADATA_VALUE_LIMIT};
use super::VerifaRule as R;
use crate::findings::{Findings, Stage};
use crate::input::{Body, Input};
use crate::json::{Map, Value};
use crate::operation::Outcome;
use crate::path;
use crate::report::{Effect, Severity};
use crate::text::{char_len, did_you_mean, json_kind, near_choice};

pub fn update_session(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    check_session_id(input, f);
    let key = input.headers.as_ref().and_then(|h| headers::check_auth(h, f));
    let session = Session::read(input, f);
    check_environment(key.as_ref(), session.as_ref(), f);
    if let Some(h) = &input.headers {
        headers::check_formats(h, f);
    }
    crate::input::check_content_type(input, R::ContentType, f);
    let body = check_body(input.body, f);
    check_retention(session.as_ref(), f);
    Outcome { body: None, effects: body.map(|b| effects(b, session.as_ref())).unwrap_or_default() }
}

/// Verifa's session ids look like `ses_…`; the docs also show other forms, so a
/// different form is only a warning. A missing id cannot be routed: 404.
fn check_session_id(input: &Input<'_>, f: &mut Findings<'_>) {
    let at = || path!["path", "session_id"];
    match input.path.get("session_id") {
        None | Some("") => {
            if f.raise_as(R::SessionIdFormat, Severity::Error, at(), "path.session_id is missing").is_error() {
                f.respond(Stage::Route, 404, not_found());
            }
        }
        Some(id) if !is_session_id(id) => {
            let message = "path.session_id is not of the form `ses_…` that Verifa session ids have";
            let raised = f.raise_as(R::SessionIdFormat, Severity::Warning, at(), message);
            let raised = if id.trim().to_ascii_lowercase().starts_with("ses_") {
                raised.hint("session ids start with lowercase `ses_` and carry no spaces")
            } else {
                raised
            };
            // Only when the caller made it an error: the lookup then finds nothing.
            if raised.is_error() {
                f.respond(Stage::Lookup, 404, not_found());
            }
        }
        Some(_) => {}
    }
}

fn is_session_id(id: &str) -> bool {
    id.strip_prefix("ses_")
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
}

/// A production key cannot see a sandbox session, nor the reverse: 404, as if absent.
fn check_environment(key: Option<&ApiKey<'_>>, session: Option<&Session<'_>>, f: &mut Findings<'_>) {
    let (Some(key), Some(session_env)) = (key, session.and_then(Session::environment)) else { return };
    if key.environment == session_env {
        return;
    }
    let message = format!(
        "a {} key cannot see a {} session: the server answers 404 as if it did not exist",
        key.environment.name(),
        session_env.name()
    );
    let hint = format!("use a `{}…` key for this session", session_env.key_prefix());
    if f.raise(R::EnvironmentMismatch, path!["headers", key.header.to_owned()], message).hint(hint).is_error() {
        f.respond(Stage::Lookup, 404, not_found());
    }
}

/// The body's fields, when the body is an object; every problem is a 422.
fn check_body<'b>(body: Body<'b>, f: &mut Findings<'_>) -> Option<&'b Map> {
    let message = match body {
        Body::Unreadable => return None,
        Body::Json(Value::Object(map)) => {
            check_fields(map, f);
            return Some(map);
        }
        Body::Absent => "the body is missing; it must be a JSON object (`{}` changes nothing)".to_owned(),
        Body::Json(other) => format!("the body must be a JSON object, not {}", json_kind(other)),
    };
    if f.raise(R::BodyType, path!["body"], message).is_error() {
        f.respond(Stage::Body, 422, validation_error("Request body must be a JSON object."));
    }
    None
}

fn check_fields(body: &Map, f: &mut Findings<'_>) {
    check_unknown_fields(body, f);
    if let Some(external_ref) = body.get("external_ref") {
        check_external_ref(external_ref, f);
    }
    if let Some(metadata) = body.get("metadata") {
        check_metadata(metadata, f);
    }
    check_empty_patch(body, f);
}

fn check_unknown_fields(body: &Map, f: &mut Findings<'_>) {
    let message = "only `external_ref` and `metadata` can be changed; the server refuses any other key";
    if f.raise_unknown_fields(R::UnknownField, body, is_editable, editable_spelling, message) {
        f.respond(Stage::Body, 422, validation_error("Only external_ref and metadata can be updated."));
    }
}

/// The editable key that `key` spells differently. Request bodies are snake_case
/// whatever `Key-Inflection` says: that header changes responses only.
fn editable_spelling(key: &str) -> Option<String> {
    let keys: Vec<&str> = EDITABLE_FIELDS.iter().map(|field| field.key).collect();
    let snake = snake_case(key);
    if let Some(known) = keys.iter().find(|known| **known == snake) {
        let inflected = key.contains(|c: char| c.is_ascii_uppercase() || c == '-');
        let note = if inflected { " Request bodies are snake_case; Key-Inflection changes responses only" } else { "" };
        return Some(format!("{}{note}", did_you_mean(known)));
    }
    near_choice(key, &keys).map(did_you_mean)
}

/// `externalRef`, `ExternalRef`, `external-ref` → `external_ref`.
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.trim().chars() {
        match c {
            '-' | ' ' => out.push('_'),
            c if c.is_ascii_uppercase() => {
                if !out.is_empty() && !out.ends_with('_') {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            }
            c => out.push(c),
        }
    }
    out
}

fn check_external_ref(value: &Value, f: &mut Findings<'_>) {
    let at = || path!["body", "external_ref"];
    let raised = match value {
        Value::String(text) => {
            let length = char_len(text);
            if length <= EXTERNAL_REF_LIMIT {
                return;
            }
            let message = format!(
                "external_ref is {length} characters (Unicode scalar values), over the limit of {EXTERNAL_REF_LIMIT}"
            );
            f.raise(R::ExternalRefLength, at(), message)
        }
        // Clearing the reference with `null` is undocumented: it may work, or be refused.
        Value::Null => f
            .raise_as(R::ExternalRefType, Severity::Warning, at(), "external_ref is null: clearing it is undocumented")
            .hint("the server may refuse null; send a string to be sure"),
        other => f.raise(R::ExternalRefType, at(), format!("external_ref must be a string, not {}", json_kind(other))),
    };
    if raised.is_error() {
        let detail = match value {
            Value::String(_) => "external_ref must be at most 255 characters.",
            _ => "external_ref must be a string.",
        };
        f.respond(Stage::Body, 422, validation_error(detail));
    }
}

fn check_metadata(value: &Value, f: &mut Findings<'_>) {
    let Value::Object(metadata) = value else {
        let message = format!("metadata must be a JSON object, not {}", json_kind(value));
        let raised = f.raise(R::MetadataType, path!["body", "metadata"], message);
        let raised = match value {
            Value::Null => raised.hint("to delete keys, send each with a null value: {\"metadata\": {\"key\": null}}"),
            _ => raised,
        };
        if raised.is_error() {
            f.respond(Stage::Body, 422, validation_error("metadata must be an object."));
        }
        return;
    };
    for (key, value) in metadata.iter().filter(|(_, value)| !value.is_null()) {
        let size = compact_json_len(value);
        if size <= METADATA_VALUE_LIMIT {
            continue;
        }
        let message = format!(
            "this value is {size} UTF-8 bytes as compact JSON, over the limit of {METADATA_VALUE_LIMIT} UTF-8 bytes"
        );
        if f.raise(R::MetadataValueSize, path!["body", "metadata", key.clone()], message).is_error() {
            let detail = "Each metadata value must be at most 16384 bytes when serialized as JSON.";
            f.respond(Stage::Body, 422, validation_error(detail));
        }
    }
}

/// `{}` (and, as users expect, `{"metadata": {}}`) is accepted and changes nothing.
fn check_empty_patch(body: &Map, f: &mut Findings<'_>) {
    let changes_nothing = !body.contains_key("external_ref")
        && body.keys().all(|key| is_editable(key))
        && body.get("metadata").map_or(true, |m| m.as_object().is_some_and(Map::is_empty));
    if changes_nothing {
        f.raise(
            R::EmptyPatch,
            path!["body"],
            "the body changes nothing: the server accepts it and leaves the session as is",
        )
        .hint("send `metadata` or `external_ref`");
    }
}

fn check_retention(session: Option<&Session<'_>>, f: &mut Findings<'_>) {
    let at = || path!["context", "session", "retention_status"];
    match session.and_then(Session::retention) {
        Some(Retention::Redacted) => {
            if f.raise(R::Redacted, at(), "the session has been redacted and can no longer be updated").is_error() {
                f.respond(Stage::Logic, 422, session_redacted());
            }
        }
        Some(Retention::SensitiveRedacted) => {
            let message =
                "the session's sensitive data has been redacted; the update is accepted but cannot restore it";
            f.raise(R::SensitiveRedacted, at(), message);
        }
        Some(Retention::Active) | None => {}
    }
}

/// The merged metadata when the context holds the stored metadata (`null`: none yet),
/// and the new external reference when one is sent.
fn effects(body: &Map, session: Option<&Session<'_>>) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let (Some(Value::Object(patch)), Some(stored)) = (body.get("metadata"), session.and_then(Session::metadata)) {
        let result = match stored {
            Some(current) => merge_metadata(current, patch),
            None => merge_metadata(&Map::new(), patch),
        };
        effects.push(Effect::MetadataMerged { result });
    }
    if let Some(to) = body.get("external_ref") {
        effects.push(Effect::ExternalRef { to: to.clone() });
    }
    effects
}
