//! Legal Talent (compliance KYC API, `/kyc/sessions`): session status PATCH and
//! client correction requests.

mod answers;
mod corrections;
mod session;
mod session_status;
mod tables;

pub use corrections::request_corrections;
pub use session_status::update_session_status;
pub use tables::SESSION_STATUSES;

use crate::actions::Action;
use crate::canonical::CanonicalStatus;
use crate::findings::{Findings, Stage};
use crate::input::{Body, Input};
use crate::json::{Map, Value};
use crate::operation::{Method, Operation, OperationInfo, OperationSpec, Provider, Vendor, VendorInfo};
use crate::path;
use crate::report::Severity;
use crate::rule::{rule_set, RuleId};
use crate::text::is_uuid;
use session::Session;
use tables::Move;

const STATUS_ID: &str = "legaltalent.update_session_status";
const CORRECTIONS_ID: &str = "legaltalent.request_corrections";

/// Legal Talent, as the registry lists it.
pub const VENDOR: Vendor = Vendor {
    info: VendorInfo { provider: "legaltalent", label: "Legal Talent", context_key: "session" },
    operations: &[UPDATE_SESSION_STATUS, REQUEST_CORRECTIONS],
    allowed_actions,
    canonical_status: |status, _| canonical_status(status),
};

/// The handle `allowed_actions` and `canonical_status` take.
pub const PROVIDER: Provider = Provider::new(&VENDOR);

const STATUS_SPEC: OperationSpec = OperationSpec {
    info: OperationInfo {
        id: STATUS_ID,
        provider: "legaltalent",
        method: Method::Patch,
        path_template: "/kyc/sessions/{session_id}",
        path_params: &["session_id"],
    },
    rules: LegaltalentStatusRule::ALL,
    unreadable_body_status: 400,
    validate: update_session_status,
};

const CORRECTIONS_SPEC: OperationSpec = OperationSpec {
    info: OperationInfo {
        id: CORRECTIONS_ID,
        provider: "legaltalent",
        method: Method::Post,
        path_template: "/kyc/sessions/{session_id}/corrections",
        path_params: &["session_id"],
    },
    rules: LegaltalentCorrectionsRule::ALL,
    unreadable_body_status: 400,
    validate: request_corrections,
};

pub const UPDATE_SESSION_STATUS: Operation = Operation::new(&STATUS_SPEC);
pub const REQUEST_CORRECTIONS: Operation = Operation::new(&CORRECTIONS_SPEC);

rule_set! {
    /// `PATCH /kyc/sessions/{session_id}`
    pub enum LegaltalentStatusRule for Some(STATUS_ID) => {
        AuthMissing = "legaltalent.update_session_status.auth_missing", Error, Stated, "headers given, but no `Authorization: Bearer …`";
        SessionIdFormat = "legaltalent.update_session_status.session_id_format", Warning, Inferred, "`path.session_id` missing (error: 404) or not a UUID (warning)";
        BodyType = "legaltalent.update_session_status.body_type", Error, Inferred, "the body is not a JSON object";
        StatusRequired = "legaltalent.update_session_status.status_required", Error, Inferred, "`status` is missing";
        StatusChoice = "legaltalent.update_session_status.status_choice", Error, Stated, "`status` is not one of the 10 session statuses (exact, lowercase)";
        StatusNotSettable = "legaltalent.update_session_status.status_not_settable", Error, Inferred, "`status` is system-owned (draft, completed, processing, processed, expired) or awaiting_client_correction (use request_corrections)";
        Transition = "legaltalent.update_session_status.transition", Error, Inferred, "the current status → `status` is not in the manual transition table";
        SameStatus = "legaltalent.update_session_status.same_status", Error, Inferred, "`status` equals the current status";
        ReasonType = "legaltalent.update_session_status.reason_type", Error, Inferred, "`reason` is not a string";
        Overturn = "legaltalent.update_session_status.overturn", Warning, Inferred, "approved → rejected or rejected → approved overturns a final decision";
        UnknownField = "legaltalent.update_session_status.unknown_field", Warning, Inferred, "a body key other than `status` and `reason`";
    }
}

rule_set! {
    /// `POST /kyc/sessions/{session_id}/corrections`
    pub enum LegaltalentCorrectionsRule for Some(CORRECTIONS_ID) => {
        AuthMissing = "legaltalent.request_corrections.auth_missing", Error, Stated, "headers given, but no `Authorization: Bearer …`";
        SessionIdFormat = "legaltalent.request_corrections.session_id_format", Warning, Inferred, "`path.session_id` missing (error: 404) or not a UUID (warning)";
        BodyType = "legaltalent.request_corrections.body_type", Error, Inferred, "the body is not a JSON object";
        CorrectionsRequired = "legaltalent.request_corrections.corrections_required", Error, Stated, "`corrections` is missing, not an array, or empty";
        ItemType = "legaltalent.request_corrections.item_type", Error, Stated, "an item of `corrections` is not an object";
        StepIdRequired = "legaltalent.request_corrections.step_id_required", Error, Stated, "an item lacks `step_id`, or it is not a non-empty string";
        FieldIdsType = "legaltalent.request_corrections.field_ids_type", Error, Stated, "`field_ids` is present and not an array of non-empty strings";
        DocumentTypesType = "legaltalent.request_corrections.document_types_type", Error, Stated, "`document_types` is present and not an array of non-empty strings";
        MessageRequired = "legaltalent.request_corrections.message_required", Error, Inferred, "an item's `message` is missing or blank: the customer sees it";
        StepDuplicate = "legaltalent.request_corrections.step_duplicate", Warning, Inferred, "two items name the same `step_id`";
        StepUnknown = "legaltalent.request_corrections.step_unknown", Error, Inferred, "`step_id` is not among the session's `steps_data`";
        SourceStatus = "legaltalent.request_corrections.source_status", Error, Inferred, "the session is not completed, processed, manual_review, approved, rejected or awaiting_client_correction";
        LinkExpired = "legaltalent.request_corrections.link_expired", Error, Stated, "the session's link has expired: extend it first (`POST …/extend`)";
    }
}

/// Without an id the route does not exist (404, body unknown: `null`); an id that is
/// not a UUID reaches the API, which authenticates, then finds no such session.
fn check_session_id(input: &Input<'_>, rule: impl Into<RuleId>, f: &mut Findings<'_>) {
    let at = || path!["path", "session_id"];
    match input.path.get("session_id") {
        None | Some("") => {
            if f.raise_as(rule, Severity::Error, at(), "path.session_id is missing").is_error() {
                f.respond(Stage::Route, 404, Value::Null);
            }
        }
        Some(id) if !is_uuid(id) => {
            let message = "path.session_id is not a UUID (36 characters, hyphenated), the form of Legal Talent's ids";
            if f.raise(rule, at(), message).is_error() {
                answers::SESSION_NOT_FOUND.respond(Stage::Session, f);
            }
        }
        Some(_) => {}
    }
}

/// Legal Talent takes a JWT or an API key, both as `Authorization: Bearer …`.
fn check_auth(input: &Input<'_>, rule: impl Into<RuleId>, f: &mut Findings<'_>) {
    let Some(headers) = &input.headers else { return };
    if headers.bearer().is_some() {
        return;
    }
    let raised = f.raise(rule, path!["headers"], "no `Authorization: Bearer` token");
    let raised = if headers.header("x-api-key").is_some() {
        raised.hint("Legal Talent reads API keys from `Authorization: Bearer <key>`, not `X-API-Key`")
    } else {
        raised
    };
    if raised.is_error() {
        answers::UNAUTHORIZED.respond(Stage::Auth, f);
    }
}

/// The body as an object: an absent body reads as `empty`; anything else is `body_type`.
fn body_object<'b>(body: Body<'b>, empty: &'b Map, rule: impl Into<RuleId>, f: &mut Findings<'_>) -> Option<&'b Map> {
    match body {
        Body::Unreadable => None,
        Body::Absent => Some(empty),
        Body::Json(Value::Object(map)) => Some(map),
        Body::Json(_) => {
            if f.raise(rule, path!["body"], "the body must be a JSON object").is_error() {
                answers::INVALID_BODY.respond(Stage::Body, f);
            }
            None
        }
    }
}

/// Legal Talent's stated `compliance_status` mapping is the canonical set itself.
pub fn canonical_status(status: &str) -> Option<CanonicalStatus> {
    tables::compliance_status(status)
}

/// From `{session}`: one action per target of the transition table, then
/// "Request corrections" when the status allows it and the link is still usable.
pub fn allowed_actions(context: &Value) -> Vec<Action> {
    let Some(map) = context.get("session").and_then(Value::as_object) else { return Vec::new() };
    let session = Session::new(map);
    let Some(current) = session.status() else { return Vec::new() };
    let mut actions: Vec<Action> = tables::targets_from(current).map(|(to, cell)| status_action(to, cell)).collect();
    if tables::CORRECTABLE_FROM.contains(&current) && !session.link_expired() {
        let operation = REQUEST_CORRECTIONS;
        actions.push(Action::new(operation, Some(tables::CORRECTION_STATUS), "Request corrections", &["corrections"]));
    }
    actions
}

fn status_action(to: &'static str, cell: Move) -> Action {
    let label = match (to, cell) {
        ("approved", Move::Overturn) => "Approve (overturns the rejection)",
        ("rejected", Move::Overturn) => "Reject (overturns the approval)",
        ("approved", _) => "Approve",
        ("rejected", _) => "Reject",
        ("manual_review", _) => "Send to manual review",
        _ => "Reactivate",
    };
    Action::new(UPDATE_SESSION_STATUS, Some(to), label, &[])
}
