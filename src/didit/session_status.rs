//! `didit.update_session_status`: server order is route, authentication, the current
//! status, then the body (field errors merged as DRF renders them), then the view's
//! own checks.

mod nodes;

use super::decision::Decision;
use super::drf::{self, drf_detail, drf_field, FieldErrors};
use super::tables::*;
use super::{body_type, check_auth, check_session_id, invalid_choice, DiditSessionRule as R, SAME_STATUS};
use crate::email::is_valid_email;
use crate::findings::{Findings, Stage};
use crate::input::{Body, Input};
use crate::json::{Map, Value};
use crate::operation::Outcome;
use crate::path;
use crate::report::{Effect, ResubmitNode, Severity};
use crate::text::{char_len, did_you_mean, near_choice};
use nodes::{check_kyb_parents, check_nodes, dedupe, normalized_body, plan_reset};

const COMMENT_LIMIT: usize = 10_000;

pub fn update_session_status(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    check_session_id(input, R::SessionIdFormat, f);
    check_auth(input, R::AuthMissing, f);
    let decision = Decision::read(input, f);
    let current = decision.as_ref().and_then(Decision::status);
    check_current_status(current, f);
    drf::check_media_type(input, R::ContentType, f);
    let empty = Map::new();
    let body = match input.body {
        Body::Unreadable => return Outcome::default(),
        // DRF reads a request without a body as an empty form.
        Body::Absent => &empty,
        Body::Json(Value::Object(map)) => map,
        Body::Json(other) => return body_type(other, R::BodyType, f),
    };
    let mut errors = FieldErrors::default();
    let target = check_new_status(body, &mut errors, f);
    check_comment(body, &mut errors, f);
    let send_email = check_send_email(body, &mut errors, f);
    check_email_fields(body, send_email, &mut errors, f);
    let nodes = check_nodes(body, &mut errors, f);
    check_unknown_fields(body, f);
    if let Some(answer) = errors.into_body("nodes_to_resubmit") {
        f.respond(Stage::Body, 400, answer);
    }
    check_email_required(body, send_email, f);
    check_kyb_parents(body, f);
    let Some(target) = target else { return Outcome::default() };
    check_same_status(current, target, f);
    let nodes = nodes.map(|nodes| dedupe(nodes, f));
    let kept = nodes.as_ref().map(|(kept, _)| kept.as_slice());
    let reset = plan_reset(target, body, kept, decision.as_ref(), f);
    Outcome {
        body: nodes.as_ref().and_then(|(kept, repeats)| normalized_body(body, kept, repeats)),
        effects: effects(target, current, send_email == Some(true), reset),
    }
}

fn check_current_status(current: Option<&str>, f: &mut Findings<'_>) {
    let Some(current) = current else { return };
    if UPDATABLE_FROM.contains(&current) {
        return;
    }
    let message =
        "only sessions that are Approved, Declined, In Review, Kyc Expired, Abandoned or Resubmitted can be updated";
    if f.raise(R::CurrentStatusEligible, path!["context", "decision", "status"], message).is_error() {
        let detail = format!("Only sessions with status Approved, Declined, In Review, Kyc Expired, Abandoned, Resubmitted can be updated. Current status: {current}");
        f.respond(Stage::Session, 400, drf_detail(&detail));
    }
}

/// The target, when `new_status` is one of the three manual targets.
fn check_new_status<'b>(body: &'b Map, errors: &mut FieldErrors, f: &mut Findings<'_>) -> Option<&'b str> {
    let at = || path!["body", "new_status"];
    let value = match body.get("new_status") {
        None => {
            return field_error(f, errors, R::NewStatusRequired, "new_status", "new_status is required", drf::REQUIRED)
        }
        Some(Value::Null) => {
            return field_error(
                f,
                errors,
                R::NewStatusRequired,
                "new_status",
                "new_status must not be null",
                drf::NOT_NULL,
            )
        }
        Some(value) => value,
    };
    let text = value.as_str().unwrap_or_default();
    if !SESSION_STATUSES.contains(&text) {
        let raised = f.raise(R::NewStatusChoice, at(), "new_status is not a Didit session status");
        let raised = match value.as_str().and_then(|s| near_choice(s, SESSION_STATUSES)) {
            Some(choice) => raised.hint(did_you_mean(choice)),
            None => raised,
        };
        if raised.is_error() {
            errors.field("new_status", invalid_choice(value));
        }
        return None;
    }
    if !MANUAL_TARGETS.contains(&text) {
        let message = "new_status can only be Approved, Declined or Resubmitted";
        if f.raise(R::NewStatusTarget, at(), message).is_error() {
            errors.field(
                "new_status",
                "You can only update the status to 'Approved', 'Declined', or 'Resubmitted'.".into(),
            );
        }
        return None;
    }
    Some(text)
}

/// Raises a field-level error and records the server's message for it.
fn field_error<T>(
    f: &mut Findings<'_>,
    errors: &mut FieldErrors,
    rule: R,
    field: &'static str,
    message: &str,
    server: &str,
) -> Option<T> {
    if f.raise(rule, path!["body", field], message).is_error() {
        errors.field(field, server.to_owned());
    }
    None
}

/// DRF's `CharField(required=False, allow_blank=True)`: a number is taken as its text,
/// surrounding whitespace is trimmed, a NUL character is refused.
fn check_comment(body: &Map, errors: &mut FieldErrors, f: &mut Findings<'_>) {
    let Some(value) = body.get("comment") else { return };
    let server = match drf::char_field(value, true, drf::NOT_STRING) {
        Ok(text) if !text.contains('\0') => {
            let n = char_len(&text);
            if n > COMMENT_LIMIT {
                let message = format!(
                    "comment is {n} characters (Unicode scalar values) once the server trims surrounding whitespace; the limit is {COMMENT_LIMIT}"
                );
                f.raise(R::CommentLength, path!["body", "comment"], message);
            }
            return;
        }
        Ok(_) => drf::NO_NUL,
        Err(server) => server,
    };
    field_error::<()>(f, errors, R::CommentType, "comment", &drf::refusal("comment", server), server);
}

/// `send_email` as the server reads it: DRF's `BooleanField` coerces a few strings and
/// numbers (a warning: the server takes them).
fn check_send_email(body: &Map, errors: &mut FieldErrors, f: &mut Findings<'_>) -> Option<bool> {
    let value = body.get("send_email")?;
    match drf::boolean_field(value) {
        Ok(b) if value.is_boolean() => Some(b),
        Ok(b) => {
            let message = "send_email should be a JSON boolean; the server coerces this value";
            f.raise_as(R::SendEmailType, Severity::Warning, path!["body", "send_email"], message)
                .hint(format!("send {b}"));
            Some(b)
        }
        Err(server) => {
            field_error(f, errors, R::SendEmailType, "send_email", "send_email must be a JSON boolean", server)
        }
    }
}

/// What DRF's `EmailField` answers for a value, in order: nothing when it is valid.
fn email_refusals(value: &Value) -> Vec<&'static str> {
    const INVALID: &str = "Enter a valid email address.";
    match drf::char_field(value, false, INVALID) {
        Err(server) => vec![server],
        Ok(text) => {
            let nul = text.contains('\0').then_some(drf::NO_NUL);
            nul.into_iter().chain((!is_valid_email(&text)).then_some(INVALID)).collect()
        }
    }
}

fn check_email_fields(body: &Map, send_email: Option<bool>, errors: &mut FieldErrors, f: &mut Findings<'_>) {
    if let Some(address) = body.get("email_address") {
        let refusals = email_refusals(address);
        if let Some(first) = refusals.first() {
            let message = match *first {
                drf::NOT_NULL | drf::NOT_BLANK | drf::NO_NUL => drf::refusal("email_address", first),
                _ => "email_address is not a valid address (Django's EmailValidator, once the server trims surrounding whitespace)".to_owned(),
            };
            if f.raise(R::EmailFormat, path!["body", "email_address"], message).is_error() {
                for server in refusals {
                    errors.field("email_address", server.to_owned());
                }
            }
        }
    }
    if let Some(language) = body.get("email_language") {
        // A `CharField`: the server compares the trimmed text with its codes.
        let server = match drf::char_field(language, true, drf::NOT_STRING) {
            Ok(code) if !code.contains('\0') => {
                if !EMAIL_LANGUAGES.contains(&code.as_ref()) {
                    let message = "email_language is not a known code: the server sends the email in English (en)";
                    let raised = f.raise(R::EmailLanguageKnown, path!["body", "email_language"], message);
                    if let Some(known) = near_choice(&code, EMAIL_LANGUAGES) {
                        raised.hint(did_you_mean(known));
                    }
                }
                None
            }
            Ok(_) => Some(drf::NO_NUL),
            Err(server) => Some(server),
        };
        if let Some(server) = server {
            let message = drf::refusal("email_language", server);
            field_error::<()>(f, errors, R::EmailLanguageType, "email_language", &message, server);
        }
    }
    if send_email != Some(true) {
        for field in ["email_address", "email_language"] {
            if body.contains_key(field) {
                f.raise(
                    R::EmailUnused,
                    path!["body", field],
                    format!("{field} has no effect unless send_email is true"),
                );
            }
        }
    }
}

fn check_email_required(body: &Map, send_email: Option<bool>, f: &mut Findings<'_>) {
    let missing = body.get("email_address").map_or(true, Value::is_null);
    if send_email != Some(true) || !missing {
        return;
    }
    let message = "email_address is required when send_email is true";
    if f.raise(R::EmailRequired, path!["body", "email_address"], message).is_error() {
        f.respond(Stage::Object, 400, drf_field("email_address", "Email address is required when send_email is true."));
    }
}

fn check_unknown_fields(body: &Map, f: &mut Findings<'_>) {
    let known = |key: &str| SESSION_BODY_KEYS.contains(&key);
    let hint = |key: &str| near_choice(key, SESSION_BODY_KEYS).map(did_you_mean);
    f.raise_unknown_fields(R::UnknownField, body, known, hint, "the server does not read this field and ignores it");
}

fn check_same_status(current: Option<&str>, target: &str, f: &mut Findings<'_>) {
    if current != Some(target) {
        return;
    }
    let message = "new_status equals the session's current status";
    if f.raise(R::SameStatus, path!["body", "new_status"], message).is_error() {
        f.respond(Stage::Logic, 400, Value::Array(vec![SAME_STATUS.into()]));
    }
}

fn effects(target: &str, current: Option<&str>, emails: bool, reset: Vec<ResubmitNode>) -> Vec<Effect> {
    let mut effects = vec![Effect::Webhook { event: "status.updated" }, Effect::ReviewEntry];
    if target == "Resubmitted" {
        effects.push(Effect::StepsReset { nodes: reset });
    }
    effects.push(Effect::Status { to: target.to_owned() });
    match (target, current) {
        ("Declined", _) => effects.push(Effect::AmlMonitoringDisabled),
        ("Approved", Some("Declined" | "Resubmitted" | "Kyc Expired")) => effects.push(Effect::AmlMonitoringEnabled),
        _ => {}
    }
    if emails {
        effects.push(Effect::Email);
    }
    effects
}
