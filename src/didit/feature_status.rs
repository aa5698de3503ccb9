//! `didit.update_feature_status`: server order (inferred) is route, authentication,
//! session type, node lookup, then the body.

use super::decision::{Decision, Step};
use super::drf::{self, drf_detail, drf_value, FieldErrors};
use super::tables::{FEATURE_BODY_KEYS, FEATURE_TARGETS};
use super::SAME_STATUS;
use super::{body_type, check_auth, check_session_id, invalid_choice, DiditFeatureRule as R};
use crate::findings::{Findings, Stage};
use crate::input::{Body, Input};
use crate::json::{Map, Value};
use crate::operation::Outcome;
use crate::path;
use crate::report::{Effect, Severity};
use crate::text::{did_you_mean, near_choice};

pub fn update_feature_status(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    check_session_id(input, R::SessionIdFormat, f);
    let node_id = check_node_id(input, f);
    check_auth(input, R::AuthMissing, f);
    let decision = Decision::read(input, f);
    let step = decision.as_ref().and_then(|d| check_session_and_node(d, node_id, f));
    drf::check_media_type(input, R::ContentType, f);
    let body = match input.body {
        Body::Unreadable => return Outcome::default(),
        Body::Absent => &Map::new(),
        Body::Json(Value::Object(map)) => map,
        Body::Json(other) => return body_type(other, R::BodyType, f),
    };
    let mut errors = FieldErrors::default();
    let target = check_new_status(body, &mut errors, f);
    check_optional_types(body, &mut errors, f);
    check_unknown_fields(body, f);
    if let Some(answer) = errors.into_body("") {
        f.respond(Stage::Body, 400, answer);
    }
    let Some(target) = target else { return Outcome::default() };
    if let Some(step) = step {
        check_same_status(&step, target, f);
    }
    let effects = vec![
        Effect::Webhook { event: "data.updated" },
        Effect::ReviewEntry,
        Effect::FeatureStatus { node_id: node_id.unwrap_or_default().to_owned(), to: target.to_owned() },
    ];
    Outcome { body: None, effects }
}

fn check_node_id<'a>(input: &Input<'a>, f: &mut Findings<'_>) -> Option<&'a str> {
    match input.path.get("nodeId") {
        Some(id) if !id.is_empty() => Some(id),
        _ => {
            if f.raise(R::NodeIdFormat, path!["path", "nodeId"], "path.nodeId is missing or empty").is_error() {
                f.respond(Stage::Route, 404, Value::Null);
            }
            None
        }
    }
}

/// API sessions refuse step changes; then the step must exist. `default` names the
/// step of a single-feature workflow, or an item without `node_id`.
fn check_session_and_node<'d>(
    decision: &Decision<'d>,
    node_id: Option<&str>,
    f: &mut Findings<'_>,
) -> Option<Step<'d>> {
    if decision.session_type() == Some("API") {
        let message = "the steps of an API session cannot be changed by hand";
        if f.raise(R::ApiSession, path!["context", "decision", "session_type"], message).is_error() {
            f.respond(Stage::Session, 400, drf_detail("Cannot change feature status for API sessions."));
        }
    }
    let node_id = node_id?;
    let single = || {
        let mut steps = decision.steps();
        match (steps.next(), steps.next()) {
            (Some(only), None) if node_id == "default" => Some(only),
            _ => None,
        }
    };
    let step = decision.step(node_id).or_else(single);
    if step.is_none() && decision.steps_readable() {
        let message = "no step of the decision has this node_id";
        if f.raise(R::NodeNotFound, path!["path", "nodeId"], message).is_error() {
            f.respond(
                Stage::Lookup,
                404,
                drf_detail(&format!("No feature found with node_id '{node_id}' in this session.")),
            );
        }
    }
    step
}

fn check_new_status<'b>(body: &'b Map, errors: &mut FieldErrors, f: &mut Findings<'_>) -> Option<&'b str> {
    let at = || path!["body", "new_status"];
    let value = match body.get("new_status") {
        None | Some(Value::Null) => {
            let server = if body.contains_key("new_status") { drf::NOT_NULL } else { drf::REQUIRED };
            if f.raise(R::NewStatusRequired, at(), "new_status is required").is_error() {
                errors.field("new_status", server.to_owned());
            }
            return None;
        }
        Some(value) => value,
    };
    match value.as_str() {
        Some(text) if FEATURE_TARGETS.contains(&text) => Some(text),
        text => {
            let raised = f.raise(R::NewStatusChoice, at(), "new_status must be Approved, Declined or In Review");
            let raised = match text.and_then(|t| near_choice(t, FEATURE_TARGETS)) {
                Some(choice) => raised.hint(did_you_mean(choice)),
                None => raised,
            };
            if raised.is_error() {
                errors.field("new_status", invalid_choice(value));
            }
            None
        }
    }
}

/// `comment`, DRF's `CharField` (numbers taken as text, NUL refused), and
/// `defer_until_flow_finishes`, its `BooleanField` (a few strings and numbers coerced:
/// a warning, since the server takes them).
fn check_optional_types(body: &Map, errors: &mut FieldErrors, f: &mut Findings<'_>) {
    if let Some(comment) = body.get("comment") {
        let server = match drf::char_field(comment, true, drf::NOT_STRING) {
            Ok(text) if !text.contains('\0') => None,
            Ok(_) => Some(drf::NO_NUL),
            Err(server) => Some(server),
        };
        if let Some(server) = server {
            if f.raise(R::CommentType, path!["body", "comment"], drf::refusal("comment", server)).is_error() {
                errors.field("comment", server.to_owned());
            }
        }
    }
    if let Some(defer) = body.get("defer_until_flow_finishes") {
        let at = || path!["body", "defer_until_flow_finishes"];
        match drf::boolean_field(defer) {
            Ok(_) if defer.is_boolean() => {}
            Ok(b) => {
                let message = "defer_until_flow_finishes should be a JSON boolean; the server coerces this value";
                f.raise_as(R::DeferType, Severity::Warning, at(), message).hint(format!("send {b}"));
            }
            Err(server) => {
                let message = "defer_until_flow_finishes must be a JSON boolean";
                if f.raise(R::DeferType, at(), message).is_error() {
                    errors.field("defer_until_flow_finishes", server.to_owned());
                }
            }
        }
    }
}

fn check_unknown_fields(body: &Map, f: &mut Findings<'_>) {
    let known = |key: &str| FEATURE_BODY_KEYS.contains(&key);
    let hint = |key: &str| near_choice(key, FEATURE_BODY_KEYS).map(did_you_mean);
    f.raise_unknown_fields(R::UnknownField, body, known, hint, "the server does not read this field and ignores it");
}

fn check_same_status(step: &Step<'_>, target: &str, f: &mut Findings<'_>) {
    if step.status != Some(target) {
        return;
    }
    if f.raise(R::SameStatus, path!["body", "new_status"], "new_status equals the step's current status").is_error() {
        f.respond(Stage::Logic, 400, drf_value("new_status", SAME_STATUS.into()));
    }
}
