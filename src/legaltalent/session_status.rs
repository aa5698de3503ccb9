//! `legaltalent.update_session_status`: the vendor does not publish this body; ours is
//! `{"status": "<target>", "reason"?: string}`. Server order (inferred): route,
//! authentication, the body's fields, then the move from the stored status, which
//! needs a valid target.

use super::answers::{self, Answer};
use super::session::Session;
use super::tables::{self, Move, CORRECTION_STATUS, SESSION_STATUSES, STATUS_BODY_ALIASES, STATUS_BODY_KEYS};
use super::{body_object, check_auth, check_session_id, LegaltalentStatusRule as R};
use crate::findings::{Findings, Stage};
use crate::input::Input;
use crate::json::{Map, Value};
use crate::operation::Outcome;
use crate::path;
use crate::report::Effect;
use crate::text::{did_you_mean, near_choice};

pub fn update_session_status(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    check_session_id(input, R::SessionIdFormat, f);
    check_auth(input, R::AuthMissing, f);
    crate::input::check_content_type(input, R::ContentType, f);
    let session = Session::read(input, f);
    let empty = Map::new();
    let Some(body) = body_object(input.body, &empty, R::BodyType, f) else { return Outcome::default() };
    let target = check_status(body, f);
    check_reason(body, f);
    check_unknown_fields(body, f);
    let Some(target) = target else { return Outcome::default() };
    if let Some(current) = session.as_ref().and_then(Session::status) {
        check_move(current, target, f);
    }
    Outcome { body: None, effects: effects(target) }
}

/// Raises `rule` at `body.status`, answering `answer` when it counts as an error.
fn status_error<T>(rule: R, message: &str, hint: Option<String>, answer: &Answer, f: &mut Findings<'_>) -> Option<T> {
    let raised = f.raise(rule, path!["body", "status"], message);
    let raised = match hint {
        Some(hint) => raised.hint(hint),
        None => raised,
    };
    if raised.is_error() {
        answer.respond(Stage::Body, f);
    }
    None
}

/// The target, when `status` is a status a reviewer may set.
fn check_status(body: &Map, f: &mut Findings<'_>) -> Option<&'static str> {
    let value = match body.get("status") {
        None => return status_error(R::StatusRequired, "status is required", None, &answers::STATUS_REQUIRED, f),
        Some(Value::Null) => {
            let message = "status is required and must not be null";
            return status_error(R::StatusRequired, message, None, &answers::STATUS_REQUIRED, f);
        }
        Some(value) => value,
    };
    let Some(status) = SESSION_STATUSES.iter().copied().find(|s| value.as_str() == Some(*s)) else {
        let message = "status is not one of the 10 Legal Talent session statuses (exact, lowercase)";
        let hint = value.as_str().and_then(|s| near_choice(s, SESSION_STATUSES)).map(did_you_mean);
        return status_error(R::StatusChoice, message, hint, &answers::INVALID_STATUS, f);
    };
    if status == CORRECTION_STATUS {
        let message = "awaiting_client_correction is set by requesting corrections, not by this PATCH";
        let hint = Some("use `legaltalent.request_corrections` (POST /kyc/sessions/{session_id}/corrections)".into());
        return status_error(R::StatusNotSettable, message, hint, &answers::SET_BY_CORRECTIONS, f);
    }
    if tables::SYSTEM_OWNED.contains(&status) {
        let message = format!("{status} is set by the system (lifecycle or link expiry), never by a reviewer");
        return status_error(R::StatusNotSettable, &message, None, &answers::STATUS_NOT_SETTABLE, f);
    }
    Some(status)
}

fn check_reason(body: &Map, f: &mut Findings<'_>) {
    if body.get("reason").is_some_and(|reason| !reason.is_string()) {
        let message = "reason must be a string (leave it out rather than send null)";
        if f.raise(R::ReasonType, path!["body", "reason"], message).is_error() {
            answers::INVALID_REASON.respond(Stage::Body, f);
        }
    }
}

fn check_unknown_fields(body: &Map, f: &mut Findings<'_>) {
    let known = |key: &str| STATUS_BODY_KEYS.contains(&key);
    let hint = |key: &str| {
        let alias = STATUS_BODY_ALIASES.iter().find(|(alias, _)| *alias == key).map(|(_, known)| *known);
        alias.or_else(|| near_choice(key, STATUS_BODY_KEYS)).map(did_you_mean)
    };
    let message = "Legal Talent reads only `status` and `reason`; this field is ignored";
    f.raise_unknown_fields(R::UnknownField, body, known, hint, message);
}

/// The move from the stored status, by the transition table.
fn check_move(current: &str, target: &str, f: &mut Findings<'_>) {
    let at = || path!["body", "status"];
    if current == target {
        if f.raise(R::SameStatus, at(), "status equals the session's current status").is_error() {
            answers::SAME_STATUS.respond(Stage::Logic, f);
        }
        return;
    }
    match tables::transition(current, target) {
        Move::No => {
            let allowed: Vec<&str> = tables::targets_from(current).map(|(to, _)| to).collect();
            let message = match allowed.as_slice() {
                [] => format!("{current} → {target} is not allowed: no manual status change is allowed from {current}"),
                list => {
                    format!("{current} → {target} is not allowed: from {current} only {} can be set", list.join(", "))
                }
            };
            if f.raise(R::Transition, at(), message).is_error() {
                answers::INVALID_TRANSITION.respond(Stage::Logic, f);
            }
        }
        Move::Overturn => {
            let message = format!("{current} → {target} overturns a final decision");
            f.raise(R::Overturn, at(), message);
        }
        Move::Decide | Move::Reactivate => {}
    }
}

fn effects(target: &str) -> Vec<Effect> {
    let mut effects = vec![Effect::Status { to: target.to_owned() }];
    if let Some(to) = tables::compliance_status(target) {
        effects.push(Effect::ComplianceStatus { to });
    }
    effects
}
