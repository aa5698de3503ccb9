//! `anycheck.update_verification` (`PUT /verifications/{id}`).
//!
//! Server order (inferred): authentication, the path id, the body, then the stored
//! verification. Authentication comes before the id although the id is in the path,
//! because `INVALID_ID` is a JSON answer of the API code, not a router 404, and API
//! frameworks run their auth guard before they parse path parameters (NestJS guards
//! before pipes; FastAPI raises a security dependency's 401 before validation errors).
//! The IN_PROGRESS lock needs the stored verification, which a handler loads only after
//! its body schema has passed.

use super::tables::answer::*;
use super::tables::{is_reviewable, BODY_KEYS, KEY_ALIASES, LOCKED_STATUS, REVIEW_TARGETS, STATUSES};
use super::verification::Verification;
use super::AnycheckRule as R;
use crate::findings::{Findings, Stage};
use crate::input::{Body, Input};
use crate::json::{Map, Value};
use crate::operation::Outcome;
use crate::path;
use crate::report::Effect;
use crate::text::{did_you_mean, is_uuid, json_kind, near_choice};

/// The vendor does not say whether `output` replaces the stored output or is merged into it.
pub const OUTPUT_NOTE: &str =
    "the sent output is assumed to replace the stored one: AnyCheck does not document replace versus merge";

pub fn update_verification(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    check_auth(input, f);
    check_id(input, f);
    crate::input::check_content_type(input, R::ContentType, f);
    let current = Verification::read(input, f).and_then(|v| v.status);
    check_current_status(current, f);
    let empty = Map::new();
    let (body, normalized) = match input.body {
        Body::Unreadable => return Outcome::default(),
        // No body reads as an empty one; the prepared request sends `{}` rather than nothing.
        Body::Absent => (&empty, Some(Value::Object(Map::new()))),
        Body::Json(Value::Object(map)) => (map, None),
        Body::Json(other) => return body_type(other, f),
    };
    let target = check_verification_status(body, f);
    check_objects(body, f);
    check_unknown_fields(body, f);
    check_no_op(body, current, f);
    Outcome { body: normalized, effects: effects(body, target, current) }
}

/// This endpoint takes the dashboard JWT; an API key alone is refused.
fn check_auth(input: &Input<'_>, f: &mut Findings<'_>) {
    let Some(headers) = &input.headers else { return };
    if headers.bearer().is_some() {
        return;
    }
    let api_key =
        headers.iter().find(|(name, value)| name.eq_ignore_ascii_case("x-api-key") && !value.trim().is_empty());
    let message = "no `Authorization: Bearer` token: this endpoint takes the dashboard JWT";
    if f.raise(R::AuthMissing, path!["headers"], message).is_error() {
        f.respond(Stage::Auth, 401, anycheck_error(UNAUTHORIZED, UNAUTHORIZED_TEXT, &[]));
    }
    if let Some((name, _)) = api_key {
        let message = "an X-API-Key is not accepted here: this endpoint takes the dashboard JWT";
        f.raise(R::ApiKeyInsteadOfJwt, path!["headers", name.to_owned()], message)
            .hint("log in through /auth/login and send the token as `Authorization: Bearer …`");
    }
}

fn check_id(input: &Input<'_>, f: &mut Findings<'_>) {
    let id = input.path.get("id");
    let message = match id {
        None => "path.id is missing",
        Some(id) if !is_uuid(id) => "path.id is not a UUID (36 characters, hyphenated)",
        Some(_) => return,
    };
    let raised = f.raise(R::IdFormat, path!["path", "id"], message);
    let raised = match id {
        Some(id) if is_uuid(id.trim()) => raised.hint("remove the whitespace around the id"),
        _ => raised,
    };
    if raised.is_error() {
        f.respond(Stage::Lookup, 400, anycheck_error(INVALID_ID, INVALID_ID_TEXT, &[]));
    }
}

/// IN_PROGRESS is likely locked (inferred: the review page does not say); statuses
/// outside the review table are a warning too.
fn check_current_status(current: Option<&str>, f: &mut Findings<'_>) {
    let Some(current) = current else { return };
    let at = || path!["context", "verification", "status"];
    if current == LOCKED_STATUS {
        let message = "the verification is IN_PROGRESS: the server may refuse changes while it runs (undocumented)";
        if f.raise(R::InProgress, at(), message).is_error() {
            f.respond(Stage::Logic, 400, anycheck_error(INVALID_REQUEST, IN_PROGRESS_TEXT, &[]));
        }
    } else if !is_reviewable(current) {
        let message = format!(
            "the current status is {current}: reviews apply to COMPLETED and NEED_REVIEW verifications, and the server's answer for this one is undocumented"
        );
        f.raise(R::StatusPrecondition, at(), message);
    }
}

fn body_type(body: &Value, f: &mut Findings<'_>) -> Outcome {
    let message = format!("the body must be a JSON object, not {}", json_kind(body));
    if f.raise(R::BodyType, path!["body"], message).is_error() {
        f.respond(Stage::Body, 400, anycheck_error(INVALID_REQUEST, INVALID_REQUEST_TEXT, &[]));
    }
    Outcome::default()
}

/// The target, when `verification_status` is one of the two review targets.
fn check_verification_status<'b>(body: &'b Map, f: &mut Findings<'_>) -> Option<&'b str> {
    let value = body.get("verification_status")?;
    let text = value.as_str();
    if let Some(target) = text.filter(|t| REVIEW_TARGETS.contains(t)) {
        return Some(target);
    }
    let message = if text.is_some_and(|t| STATUSES.contains(&t)) {
        "verification_status can only be set to NEED_REVIEW or COMPLETED; the system sets the other statuses"
    } else {
        "verification_status must be NEED_REVIEW or COMPLETED"
    };
    let raised = f.raise(R::VerificationStatusChoice, path!["body", "verification_status"], message);
    let raised = match (value, text.and_then(|t| near_choice(t, REVIEW_TARGETS))) {
        (_, Some(choice)) => raised.hint(did_you_mean(choice)),
        (Value::Null, _) => raised.hint("omit verification_status to keep the current status"),
        _ => raised,
    };
    if raised.is_error() {
        let errors = [("verification_status", STATUS_CHOICES_TEXT)];
        f.respond(Stage::Body, 400, anycheck_error(INVALID_VALUE, INVALID_VALUE_TEXT, &errors));
    }
    None
}

/// `output` and `configuration` must be objects; both field errors share one answer.
fn check_objects(body: &Map, f: &mut Findings<'_>) {
    let mut errors: Vec<(&str, &str)> = Vec::new();
    for (key, rule) in [("output", R::OutputType), ("configuration", R::ConfigurationType)] {
        let Some(value) = body.get(key).filter(|v| !v.is_object()) else { continue };
        let message = format!("{key} must be a JSON object, not {}", json_kind(value));
        let raised = f.raise(rule, path!["body", key], message);
        let raised = match value {
            Value::Null => raised.hint(format!("omit {key} rather than sending null")),
            Value::String(s) if crate::json::parse(s).is_ok_and(|v| v.is_object()) => {
                raised.hint(format!("{key} holds JSON text: send the object itself"))
            }
            _ => raised,
        };
        if raised.is_error() {
            errors.push((key, NOT_OBJECT_TEXT));
        }
    }
    if !errors.is_empty() {
        f.respond(Stage::Body, 400, anycheck_error(INVALID_REQUEST, INVALID_REQUEST_TEXT, &errors));
    }
}

fn check_unknown_fields(body: &Map, f: &mut Findings<'_>) {
    let known = |key: &str| BODY_KEYS.contains(&key);
    let hint = |key: &str| {
        let alias = KEY_ALIASES.iter().find(|(alias, _)| *alias == key).map(|(_, meant)| *meant);
        alias.or_else(|| near_choice(key, BODY_KEYS)).map(did_you_mean)
    };
    f.raise_unknown_fields(R::UnknownField, body, known, hint, "the server does not read this field and ignores it");
}

/// Nothing the server reads (ignored keys do not count), or only the current status.
fn check_no_op(body: &Map, current: Option<&str>, f: &mut Findings<'_>) {
    let mut known = body.keys().filter(|k| BODY_KEYS.contains(&k.as_str()));
    match (known.next(), known.next()) {
        (None, _) => {
            let message = "the body has no field the server reads: the call changes nothing";
            f.raise(R::NoOp, path!["body"], message);
        }
        (Some(key), None)
            if key == "verification_status"
                && current.is_some()
                && body.get(key).and_then(Value::as_str) == current =>
        {
            let message =
                "verification_status equals the current status and nothing else is sent: the call changes nothing";
            f.raise(R::NoOp, path!["body", "verification_status"], message);
        }
        _ => {}
    }
}

fn effects(body: &Map, target: Option<&str>, current: Option<&str>) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let Some(to) = target.filter(|to| current != Some(*to)) {
        effects.push(Effect::Status { to: to.to_owned() });
    }
    if body.contains_key("output") {
        effects.push(Effect::OutputReplaced { note: OUTPUT_NOTE });
    }
    effects
}
