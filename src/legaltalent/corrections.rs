//! `legaltalent.request_corrections`: `{"corrections": [{step_id, field_ids?,
//! document_types?, message}]}` (the wrapper is inferred). Server order (inferred):
//! route, authentication, the session's state, the body, then the listed steps
//! against the session.
//!
//! The state checks (`link_expired`, `source_status`) answer before the body: the
//! endpoint has to load the session to act on it, and no body makes an expired or
//! still-open session correctable, so that is the answer that blocks the caller first
//! (Didit states the same order for its own status check).

use super::answers::{self, Answer};
use super::session::Session;
use super::tables::{CORRECTABLE_FROM, CORRECTION_STATUS, EXPIRED, NEEDS_CORRECTION};
use super::{body_object, check_auth, check_session_id, LegaltalentCorrectionsRule as R};
use crate::canonical::CanonicalStatus;
use crate::findings::{Findings, Stage};
use crate::input::Input;
use crate::json::{Map, Value};
use crate::operation::Outcome;
use crate::order::{first_occurrences, sort_stable};
use crate::path;
use crate::report::{Effect, PathSegment};
use crate::text::is_blank;

/// A listed step: the item's index and its valid `step_id`.
struct Listed<'b> {
    index: usize,
    step_id: &'b str,
}

pub fn request_corrections(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    check_session_id(input, R::SessionIdFormat, f);
    check_auth(input, R::AuthMissing, f);
    crate::input::check_content_type(input, R::ContentType, f);
    let session = Session::read(input, f);
    if let Some(session) = &session {
        check_state(session, f);
    }
    let empty = Map::new();
    let Some(body) = body_object(input.body, &empty, R::BodyType, f) else { return Outcome::default() };
    let listed = check_corrections(body, f);
    let steps = distinct_steps(&listed, f);
    if let Some(known) = session.as_ref().and_then(Session::step_ids) {
        check_steps_known(&listed, known, f);
    }
    Outcome { body: None, effects: effects(&steps) }
}

fn check_state(session: &Session<'_>, f: &mut Findings<'_>) {
    let status = session.status();
    if session.link_expired() {
        let field = if status == Some(EXPIRED) { "status" } else { "is_expired" };
        let message = "the session's public link has expired: the customer cannot open it until it is extended (POST /kyc/sessions/{session_id}/extend)";
        if f.raise(R::LinkExpired, path!["context", "session", field], message).is_error() {
            answers::SESSION_EXPIRED.respond(Stage::Session, f);
        }
    }
    let Some(status) = status.filter(|s| *s != EXPIRED) else { return };
    if !CORRECTABLE_FROM.contains(&status) {
        let message = format!(
            "corrections cannot be requested while the session is {status}: only once it is completed, processed, manual_review, approved, rejected or awaiting_client_correction"
        );
        if f.raise(R::SourceStatus, path!["context", "session", "status"], message).is_error() {
            answers::INVALID_SESSION_STATUS.respond(Stage::Session, f);
        }
    }
}

/// Raises a body error at `at`, answering `answer` when it counts as an error.
fn body_error(rule: R, at: Vec<PathSegment>, message: &str, answer: &Answer, f: &mut Findings<'_>) {
    if f.raise(rule, at, message).is_error() {
        answer.respond(Stage::Body, f);
    }
}

/// Every item with a valid `step_id`, in item order.
fn check_corrections<'b>(body: &'b Map, f: &mut Findings<'_>) -> Vec<Listed<'b>> {
    let items = match body.get("corrections") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        other => {
            let message = match other {
                None | Some(Value::Null) => "corrections is required",
                Some(Value::Array(_)) => "corrections is empty: list at least one step to correct",
                Some(_) => "corrections must be an array",
            };
            body_error(
                R::CorrectionsRequired,
                path!["body", "corrections"],
                message,
                &answers::CORRECTIONS_REQUIRED,
                f,
            );
            return Vec::new();
        }
    };
    items.iter().enumerate().filter_map(|(index, item)| check_item(index, item, f)).collect()
}

fn check_item<'b>(index: usize, item: &'b Value, f: &mut Findings<'_>) -> Option<Listed<'b>> {
    let at = |field: &'static str| path!["body", "corrections", index, field];
    let Some(item) = item.as_object() else {
        let message = "each correction must be an object";
        body_error(R::ItemType, path!["body", "corrections", index], message, &answers::INVALID_CORRECTION, f);
        return None;
    };
    let step_id = item.get("step_id").and_then(Value::as_str).filter(|id| !id.trim().is_empty());
    if step_id.is_none() {
        let message = "step_id must be a non-empty string";
        body_error(R::StepIdRequired, at("step_id"), message, &answers::STEP_ID_REQUIRED, f);
    }
    check_string_list(item, index, "field_ids", R::FieldIdsType, &answers::INVALID_FIELD_IDS, f);
    check_string_list(item, index, "document_types", R::DocumentTypesType, &answers::INVALID_DOCUMENT_TYPES, f);
    if !item.get("message").and_then(Value::as_str).is_some_and(|m| !is_blank(m)) {
        let message = "message must be a non-blank string: the customer reads it to know what to fix";
        body_error(R::MessageRequired, at("message"), message, &answers::MESSAGE_REQUIRED, f);
    }
    Some(Listed { index, step_id: step_id? })
}

/// `field_ids` and `document_types`: optional, but when present an array of non-empty strings.
fn check_string_list(item: &Map, index: usize, key: &'static str, rule: R, answer: &Answer, f: &mut Findings<'_>) {
    let at = || path!["body", "corrections", index, key];
    let entries = match item.get(key) {
        None => return,
        Some(Value::Array(entries)) => entries,
        Some(_) => return body_error(rule, at(), &format!("{key} must be an array of non-empty strings"), answer, f),
    };
    for (position, entry) in entries.iter().enumerate() {
        if !entry.as_str().is_some_and(|e| !e.trim().is_empty()) {
            let mut at = at();
            at.push(PathSegment::from(position));
            body_error(rule, at, &format!("each entry of {key} must be a non-empty string"), answer, f);
        }
    }
}

/// Blank as a customer would see it: nothing but whitespace and zero-width characters.
/// The distinct steps in item order; a warning at each repeat.
fn distinct_steps<'b>(listed: &[Listed<'b>], f: &mut Findings<'_>) -> Vec<&'b str> {
    let first = first_occurrences(listed, |a, b| a.step_id.cmp(b.step_id));
    let mut steps = Vec::with_capacity(listed.len());
    for (item, first) in listed.iter().zip(first) {
        if first {
            steps.push(item.step_id);
        } else {
            let message = "another correction already names this step: the customer gets both messages for one step";
            f.raise(R::StepDuplicate, path!["body", "corrections", item.index, "step_id"], message);
        }
    }
    steps
}

fn check_steps_known(listed: &[Listed<'_>], known: Vec<&str>, f: &mut Findings<'_>) {
    let known = sort_stable(known, |a, b| a.cmp(b));
    for item in listed.iter().filter(|item| known.binary_search(&item.step_id).is_err()) {
        let at = path!["body", "corrections", item.index, "step_id"];
        if f.raise(R::StepUnknown, at, "step_id is not among the session's steps_data").is_error() {
            answers::STEP_NOT_FOUND.respond(Stage::Logic, f);
        }
    }
}

fn effects(steps: &[&str]) -> Vec<Effect> {
    let mut effects = vec![Effect::Status { to: CORRECTION_STATUS.to_owned() }];
    effects.extend(steps.iter().map(|step| Effect::StepStatus { step_id: (*step).to_owned(), to: NEEDS_CORRECTION }));
    effects.push(Effect::FinalDecisionCleared);
    effects.push(Effect::ComplianceStatus { to: CanonicalStatus::Remediation });
    effects.push(Effect::LinkStaysValid);
    effects
}
