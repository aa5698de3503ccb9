//! Legal Talent (compliance KYC API, `/kyc/sessions`): session status PATCH, client
//! correction requests, and the rest of seed 003's reviewer workflow (process the
//! session, extend or regenerate its public link, run its validations).

mod answers;
mod corrections;
mod session;
mod session_status;
mod tables;
#[cfg(feature = "wasm")]
mod types;
mod workflow;

pub use corrections::request_corrections;
pub use session_status::update_session_status;
pub use tables::SESSION_STATUSES;
#[cfg(feature = "wasm")]
pub use types::{
    LegaltalentCorrection, LegaltalentRequestCorrectionsBody, LegaltalentSession, LegaltalentStep,
    LegaltalentUpdateSessionStatusBody,
};
pub use workflow::{extend_session, generate_link, process_session, run_validations};

use crate::actions::Action;
use crate::canonical::CanonicalStatus;
use crate::findings::{Findings, Stage};
use crate::input::{Body, Input};
use crate::json::{Map, Value};
use crate::operation::{Method, Operation, OperationInfo, OperationSpec, Outcome, Provider, Vendor, VendorInfo};
use crate::path;
use crate::report::Severity;
use crate::rule::{rule_set, RuleId, RuleInfo};
use crate::text::is_uuid;
use session::Session;
use tables::Move;

const STATUS_ID: &str = "legaltalent.update_session_status";
const CORRECTIONS_ID: &str = "legaltalent.request_corrections";
const PROCESS_ID: &str = "legaltalent.process_session";
const EXTEND_ID: &str = "legaltalent.extend_session";
const GENERATE_LINK_ID: &str = "legaltalent.generate_link";
const VALIDATIONS_ID: &str = "legaltalent.run_validations";

/// Legal Talent, as the registry lists it.
pub const VENDOR: Vendor = Vendor {
    info: VendorInfo { provider: "legaltalent", label: "Legal Talent", context_key: "session" },
    operations: &[
        UPDATE_SESSION_STATUS,
        REQUEST_CORRECTIONS,
        PROCESS_SESSION,
        EXTEND_SESSION,
        GENERATE_LINK,
        RUN_VALIDATIONS,
    ],
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

/// One of the body-less `POST /kyc/sessions/{session_id}/…` calls (src/legaltalent/workflow.rs).
const fn post_on_session(
    id: &'static str,
    path_template: &'static str,
    rules: &'static [RuleInfo],
    validate: fn(&Input<'_>, &mut Findings<'_>) -> Outcome,
) -> OperationSpec {
    OperationSpec {
        info: OperationInfo {
            id,
            provider: "legaltalent",
            method: Method::Post,
            path_template,
            path_params: &["session_id"],
        },
        rules,
        unreadable_body_status: 400,
        validate,
    }
}

const PROCESS_SPEC: OperationSpec =
    post_on_session(PROCESS_ID, "/kyc/sessions/{session_id}/process", LegaltalentProcessRule::ALL, process_session);
const EXTEND_SPEC: OperationSpec =
    post_on_session(EXTEND_ID, "/kyc/sessions/{session_id}/extend", LegaltalentExtendRule::ALL, extend_session);
const GENERATE_LINK_SPEC: OperationSpec = post_on_session(
    GENERATE_LINK_ID,
    "/kyc/sessions/{session_id}/generate-link",
    LegaltalentGenerateLinkRule::ALL,
    generate_link,
);
const VALIDATIONS_SPEC: OperationSpec = post_on_session(
    VALIDATIONS_ID,
    "/kyc/sessions/{session_id}/validate",
    LegaltalentValidationsRule::ALL,
    run_validations,
);

pub const UPDATE_SESSION_STATUS: Operation = Operation::new(&STATUS_SPEC);
pub const REQUEST_CORRECTIONS: Operation = Operation::new(&CORRECTIONS_SPEC);
pub const PROCESS_SESSION: Operation = Operation::new(&PROCESS_SPEC);
pub const EXTEND_SESSION: Operation = Operation::new(&EXTEND_SPEC);
pub const GENERATE_LINK: Operation = Operation::new(&GENERATE_LINK_SPEC);
pub const RUN_VALIDATIONS: Operation = Operation::new(&VALIDATIONS_SPEC);

rule_set! {
    /// `PATCH /kyc/sessions/{session_id}`
    pub enum LegaltalentStatusRule for Some(STATUS_ID) => {
        AuthMissing = "legaltalent.update_session_status.auth_missing", Error, Stated, "headers given, but no `Authorization: Bearer …`";
        SessionIdFormat = "legaltalent.update_session_status.session_id_format", Warning, Inferred, "`path.session_id` missing (error: 404) or not a UUID (warning)";
        ContentType = "legaltalent.update_session_status.content_type", Warning, Inferred, "`Content-Type` is not `application/json`: the prepared request sends `application/json` instead";
        BodyType = "legaltalent.update_session_status.body_type", Warning, Inferred, "the body is not a JSON object";
        StatusRequired = "legaltalent.update_session_status.status_required", Warning, Inferred, "`status` is missing";
        StatusChoice = "legaltalent.update_session_status.status_choice", Error, Stated, "`status` is not one of the 10 session statuses (exact, lowercase)";
        StatusNotSettable = "legaltalent.update_session_status.status_not_settable", Warning, Inferred, "`status` is system-owned (draft, completed, processing, processed, expired) or awaiting_client_correction (use request_corrections)";
        Transition = "legaltalent.update_session_status.transition", Warning, Inferred, "the current status → `status` is not in the manual transition table";
        SameStatus = "legaltalent.update_session_status.same_status", Warning, Inferred, "`status` equals the current status";
        ReasonType = "legaltalent.update_session_status.reason_type", Warning, Inferred, "`reason` is not a string";
        Overturn = "legaltalent.update_session_status.overturn", Warning, Inferred, "approved → rejected or rejected → approved overturns a final decision";
        UnknownField = "legaltalent.update_session_status.unknown_field", Warning, Inferred, "a body key other than `status` and `reason`";
    }
}

rule_set! {
    /// `POST /kyc/sessions/{session_id}/corrections`
    pub enum LegaltalentCorrectionsRule for Some(CORRECTIONS_ID) => {
        AuthMissing = "legaltalent.request_corrections.auth_missing", Error, Stated, "headers given, but no `Authorization: Bearer …`";
        SessionIdFormat = "legaltalent.request_corrections.session_id_format", Warning, Inferred, "`path.session_id` missing (error: 404) or not a UUID (warning)";
        ContentType = "legaltalent.request_corrections.content_type", Warning, Inferred, "`Content-Type` is not `application/json`: the prepared request sends `application/json` instead";
        BodyType = "legaltalent.request_corrections.body_type", Warning, Inferred, "the body is not a JSON object";
        CorrectionsRequired = "legaltalent.request_corrections.corrections_required", Error, Stated, "`corrections` is missing, not an array, or empty";
        ItemType = "legaltalent.request_corrections.item_type", Error, Stated, "an item of `corrections` is not an object";
        StepIdRequired = "legaltalent.request_corrections.step_id_required", Error, Stated, "an item lacks `step_id`, or it is not a non-empty string";
        FieldIdsType = "legaltalent.request_corrections.field_ids_type", Error, Stated, "`field_ids` is present and not an array of non-empty strings";
        DocumentTypesType = "legaltalent.request_corrections.document_types_type", Error, Stated, "`document_types` is present and not an array of non-empty strings";
        MessageRequired = "legaltalent.request_corrections.message_required", Warning, Inferred, "an item's `message` is missing or blank: the customer sees it";
        StepDuplicate = "legaltalent.request_corrections.step_duplicate", Warning, Inferred, "two items name the same `step_id`";
        StepUnknown = "legaltalent.request_corrections.step_unknown", Warning, Inferred, "`step_id` is not among the session's `steps_data`";
        SourceStatus = "legaltalent.request_corrections.source_status", Warning, Inferred, "the session is not completed, processed, manual_review, approved, rejected or awaiting_client_correction";
        LinkExpired = "legaltalent.request_corrections.link_expired", Warning, Inferred, "the session's link has expired: extending it first (`POST …/extend`) is advised";
    }
}

// The four calls below carry no body in seed 003: every one takes none, or `{}`.

rule_set! {
    /// `POST /kyc/sessions/{session_id}/process`
    pub enum LegaltalentProcessRule for Some(PROCESS_ID) => {
        AuthMissing = "legaltalent.process_session.auth_missing", Error, Stated, "headers given, but no `Authorization: Bearer …`";
        SessionIdFormat = "legaltalent.process_session.session_id_format", Warning, Inferred, "`path.session_id` missing (error: 404) or not a UUID (warning)";
        ContentType = "legaltalent.process_session.content_type", Warning, Inferred, "`Content-Type` is not `application/json`: the prepared request sends `application/json` instead";
        BodyType = "legaltalent.process_session.body_type", Warning, Inferred, "a body that is not a JSON object (the seed shows no body for this call)";
        UnknownField = "legaltalent.process_session.unknown_field", Warning, Inferred, "any body member: the seed shows no body, so Legal Talent is expected to ignore it";
        NotSubmitted = "legaltalent.process_session.not_submitted", Error, Stated, "the session is draft or active: the seed processes a *completed* session";
        SourceStatus = "legaltalent.process_session.source_status", Warning, Inferred, "the session is past completed (processing, processed, a decision, awaiting_client_correction) or expired: processing it is not documented";
    }
}

rule_set! {
    /// `POST /kyc/sessions/{session_id}/extend`
    pub enum LegaltalentExtendRule for Some(EXTEND_ID) => {
        AuthMissing = "legaltalent.extend_session.auth_missing", Error, Stated, "headers given, but no `Authorization: Bearer …`";
        SessionIdFormat = "legaltalent.extend_session.session_id_format", Warning, Inferred, "`path.session_id` missing (error: 404) or not a UUID (warning)";
        ContentType = "legaltalent.extend_session.content_type", Warning, Inferred, "`Content-Type` is not `application/json`: the prepared request sends `application/json` instead";
        BodyType = "legaltalent.extend_session.body_type", Warning, Inferred, "a body that is not a JSON object (the seed shows no body for this call)";
        UnknownField = "legaltalent.extend_session.unknown_field", Warning, Inferred, "any body member: the seed shows no body, so Legal Talent is expected to ignore it";
    }
}

rule_set! {
    /// `POST /kyc/sessions/{session_id}/generate-link`
    pub enum LegaltalentGenerateLinkRule for Some(GENERATE_LINK_ID) => {
        AuthMissing = "legaltalent.generate_link.auth_missing", Error, Stated, "headers given, but no `Authorization: Bearer …`";
        SessionIdFormat = "legaltalent.generate_link.session_id_format", Warning, Inferred, "`path.session_id` missing (error: 404) or not a UUID (warning)";
        ContentType = "legaltalent.generate_link.content_type", Warning, Inferred, "`Content-Type` is not `application/json`: the prepared request sends `application/json` instead";
        BodyType = "legaltalent.generate_link.body_type", Warning, Inferred, "a body that is not a JSON object (the seed shows no body for this call)";
        UnknownField = "legaltalent.generate_link.unknown_field", Warning, Inferred, "any body member: the seed shows no body, so Legal Talent is expected to ignore it";
        LiveLinkReplaced = "legaltalent.generate_link.live_link_replaced", Warning, Inferred, "the customer is working through a link that has not expired (active, awaiting_client_correction): the new link replaces it (extending keeps it)";
    }
}

rule_set! {
    /// `POST /kyc/sessions/{session_id}/validate`
    pub enum LegaltalentValidationsRule for Some(VALIDATIONS_ID) => {
        AuthMissing = "legaltalent.run_validations.auth_missing", Error, Stated, "headers given, but no `Authorization: Bearer …`";
        SessionIdFormat = "legaltalent.run_validations.session_id_format", Warning, Inferred, "`path.session_id` missing (error: 404) or not a UUID (warning)";
        ContentType = "legaltalent.run_validations.content_type", Warning, Inferred, "`Content-Type` is not `application/json`: the prepared request sends `application/json` instead";
        BodyType = "legaltalent.run_validations.body_type", Warning, Inferred, "a body that is not a JSON object (the seed shows no body for this call)";
        UnknownField = "legaltalent.run_validations.unknown_field", Warning, Inferred, "any body member: the seed shows no body, so Legal Talent is expected to ignore it";
        SourceStatus = "legaltalent.run_validations.source_status", Warning, Inferred, "the session is draft or active: the customer has not submitted it yet";
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

/// From `{session}`, in the order of seed 003's workflow: one action per target of the
/// transition table; "Process session" for a completed session; "Run validations" once
/// the customer has submitted and before a final decision; then "Request corrections"
/// when the status allows it and the link is still usable, or "Extend link" when the
/// link has expired (so that corrections land on a link the customer can open); and
/// "Generate a new link" while the customer still has to act through one.
pub fn allowed_actions(context: &Value) -> Vec<Action> {
    let Some(map) = context.get("session").and_then(Value::as_object) else { return Vec::new() };
    let session = Session::new(map);
    let Some(current) = session.status() else { return Vec::new() };
    let mut actions: Vec<Action> = tables::targets_from(current).map(|(to, cell)| status_action(to, cell)).collect();
    if tables::PROCESSABLE_FROM.contains(&current) {
        actions.push(Action::new(PROCESS_SESSION, Some(tables::PROCESSED), "Process session", &[]));
    }
    if tables::VALIDATABLE.contains(&current) {
        actions.push(Action::new(RUN_VALIDATIONS, None, "Run validations", &[]));
    }
    if tables::CORRECTABLE_FROM.contains(&current) && !session.link_expired() {
        let operation = REQUEST_CORRECTIONS;
        actions.push(Action::new(operation, Some(tables::CORRECTION_STATUS), "Request corrections", &["corrections"]));
    }
    if session.link_expired() && current != tables::PROCESSING {
        actions.push(Action::new(EXTEND_SESSION, None, "Extend link", &[]));
    }
    if tables::LINK_NEEDED.contains(&current) {
        actions.push(Action::new(GENERATE_LINK, None, "Generate a new link", &[]));
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
