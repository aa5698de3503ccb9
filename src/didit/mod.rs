//! Didit (API v3): session update-status and feature update-status.

mod auto_select;
mod decision;
mod drf;
mod feature_status;
mod session_status;
mod tables;
#[cfg(feature = "wasm")]
mod types;

pub use auto_select::{auto_select, AutoSelection};
pub use feature_status::update_feature_status;
pub use session_status::update_session_status;
pub use tables::{FEATURES, SESSION_STATUSES};
#[cfg(feature = "wasm")]
pub use types::{
    DiditDecision, DiditDecisionArrays, DiditDecisionStep, DiditNodeToResubmit, DiditUpdateFeatureStatusBody,
    DiditUpdateSessionStatusBody,
};

use crate::actions::Action;
use crate::canonical::CanonicalStatus;
use crate::findings::{Findings, Stage};
use crate::input::Input;
use crate::json::Value;
use crate::operation::{Method, Operation, OperationInfo, OperationSpec, Outcome, Provider, Vendor, VendorInfo};
use crate::path;
use crate::rule::{rule_set, RuleId};
use crate::text::is_uuid;
use decision::Decision;
use drf::drf_detail;

const SESSION_ID: &str = "didit.update_session_status";
const FEATURE_ID: &str = "didit.update_feature_status";

/// Didit, as the registry lists it.
pub const VENDOR: Vendor = Vendor {
    info: VendorInfo { provider: "didit", label: "Didit", context_key: "decision" },
    operations: &[UPDATE_SESSION_STATUS, UPDATE_FEATURE_STATUS],
    allowed_actions,
    canonical_status: |status, _| canonical_status(status),
};

/// The handle `allowed_actions` and `canonical_status` take.
pub const PROVIDER: Provider = Provider::new(&VENDOR);

const SESSION_SPEC: OperationSpec = OperationSpec {
    info: OperationInfo {
        id: SESSION_ID,
        provider: "didit",
        method: Method::Patch,
        path_template: "/v3/session/{sessionId}/update-status/",
        path_params: &["sessionId"],
    },
    rules: DiditSessionRule::ALL,
    unreadable_body_status: 400,
    validate: update_session_status,
};

const FEATURE_SPEC: OperationSpec = OperationSpec {
    info: OperationInfo {
        id: FEATURE_ID,
        provider: "didit",
        method: Method::Patch,
        path_template: "/v3/session/{sessionId}/features/{nodeId}/update-status/",
        path_params: &["sessionId", "nodeId"],
    },
    rules: DiditFeatureRule::ALL,
    unreadable_body_status: 400,
    validate: update_feature_status,
};

pub const UPDATE_SESSION_STATUS: Operation = Operation::new(&SESSION_SPEC);
pub const UPDATE_FEATURE_STATUS: Operation = Operation::new(&FEATURE_SPEC);

rule_set! {
    /// `PATCH /v3/session/{sessionId}/update-status/`
    pub enum DiditSessionRule for Some(SESSION_ID) => {
        AuthMissing = "didit.update_session_status.auth_missing", Error, Stated, "headers given, but neither `x-api-key` nor `Authorization: Bearer …`";
        SessionIdFormat = "didit.update_session_status.session_id_format", Error, Stated, "`path.sessionId` missing or not a UUID: the router answers 404";
        CurrentStatusEligible = "didit.update_session_status.current_status_eligible", Error, Stated, "the session's current status is not Approved, Declined, In Review, Kyc Expired, Abandoned or Resubmitted";
        ContentType = "didit.update_session_status.content_type", Error, Inferred, "`Content-Type` is not a media type DRF's JSON parser takes: 415 (a warning for one it takes that is not plain `application/json`)";
        BodyType = "didit.update_session_status.body_type", Error, Inferred, "the body is not a JSON object";
        NewStatusRequired = "didit.update_session_status.new_status_required", Error, Stated, "`new_status` is missing";
        NewStatusChoice = "didit.update_session_status.new_status_choice", Error, Stated, "`new_status` is not a session status";
        NewStatusTarget = "didit.update_session_status.new_status_target", Error, Stated, "`new_status` is a session status but not Approved, Declined or Resubmitted";
        SameStatus = "didit.update_session_status.same_status", Error, Stated, "`new_status` equals the current status";
        CommentType = "didit.update_session_status.comment_type", Error, Inferred, "`comment` is not what DRF's CharField takes: null, a boolean, an array or an object, or text with a NUL character (numbers are taken as text)";
        CommentLength = "didit.update_session_status.comment_length", Warning, Inferred, "`comment` is over 10,000 characters";
        SendEmailType = "didit.update_session_status.send_email_type", Error, Inferred, "`send_email` is not what DRF's BooleanField takes (a warning for a value it coerces, such as \"yes\" or 1)";
        EmailRequired = "didit.update_session_status.email_required", Error, Stated, "`send_email` is true and `email_address` is missing";
        EmailFormat = "didit.update_session_status.email_format", Error, Stated, "`email_address` is not a valid address";
        EmailLanguageKnown = "didit.update_session_status.email_language_known", Warning, Stated, "`email_language` is not a known code: the server falls back to `en`";
        EmailLanguageType = "didit.update_session_status.email_language_type", Error, Inferred, "`email_language` is not what DRF's CharField takes: null, a boolean, an array or an object, or text with a NUL character";
        EmailUnused = "didit.update_session_status.email_unused", Warning, Inferred, "`email_address` or `email_language` given while `send_email` is not true";
        NodesType = "didit.update_session_status.nodes_type", Error, Stated, "`nodes_to_resubmit` is not an array";
        NodeType = "didit.update_session_status.node_type", Error, Stated, "an item of `nodes_to_resubmit` is not an object";
        NodeIdRequired = "didit.update_session_status.node_id_required", Error, Stated, "an item lacks `node_id`, or it is not a non-empty string";
        NodeFeatureRequired = "didit.update_session_status.node_feature_required", Error, Stated, "an item lacks `feature`";
        NodeFeatureChoice = "didit.update_session_status.node_feature_choice", Error, Stated, "`feature` is not one of the 24 documented values";
        NodeFeatureDocumentAi = "didit.update_session_status.node_feature_document_ai", Warning, Inferred, "`feature` is DOCUMENT_AI: documented, but missing from the server's own list of choices";
        NodeFeatureKybParent = "didit.update_session_status.node_feature_kyb_parent", Error, Stated, "`feature` is KYB_REGISTRY, KYB_KEY_PEOPLE or KYB: resubmit the child KYC sessions instead";
        NodesIgnored = "didit.update_session_status.nodes_ignored", Warning, Stated, "`nodes_to_resubmit` given with Approved or Declined: checked, then ignored";
        NodesEmpty = "didit.update_session_status.nodes_empty", Warning, Inferred, "`nodes_to_resubmit` is empty with Resubmitted: the server's behaviour is undocumented";
        NodeDuplicate = "didit.update_session_status.node_duplicate", Warning, Inferred, "the same (`node_id`, feature) twice: the prepared body drops the repeat";
        NodeUnknown = "didit.update_session_status.node_unknown", Warning, Inferred, "`node_id` is in none of the decision's feature arrays";
        NodeFeatureMismatch = "didit.update_session_status.node_feature_mismatch", Warning, Inferred, "the decision array holding `node_id` does not match `feature`";
        AutoSelectEmpty = "didit.update_session_status.auto_select_empty", Error, Stated, "Resubmitted without `nodes_to_resubmit`, and no step of the decision needs resubmission";
        AutoSelectUnpredictable = "didit.update_session_status.auto_select_unpredictable", Warning, Inferred, "Resubmitted without `nodes_to_resubmit` and without a decision: the selection cannot be predicted";
        UnknownField = "didit.update_session_status.unknown_field", Warning, Inferred, "a body key the server does not read (it ignores it)";
    }
}

rule_set! {
    /// `PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/`
    pub enum DiditFeatureRule for Some(FEATURE_ID) => {
        AuthMissing = "didit.update_feature_status.auth_missing", Error, Stated, "headers given, but neither `x-api-key` nor `Authorization: Bearer …`";
        SessionIdFormat = "didit.update_feature_status.session_id_format", Error, Stated, "`path.sessionId` missing or not a UUID: the router answers 404";
        NodeIdFormat = "didit.update_feature_status.node_id_format", Error, Stated, "`path.nodeId` missing or empty: the router answers 404";
        NodeNotFound = "didit.update_feature_status.node_not_found", Error, Stated, "no step of the decision has this `node_id`";
        ApiSession = "didit.update_feature_status.api_session", Error, Stated, "the session is an API session: its steps cannot be changed";
        ContentType = "didit.update_feature_status.content_type", Error, Inferred, "`Content-Type` is not a media type DRF's JSON parser takes: 415 (a warning for one it takes that is not plain `application/json`)";
        BodyType = "didit.update_feature_status.body_type", Error, Inferred, "the body is not a JSON object";
        NewStatusRequired = "didit.update_feature_status.new_status_required", Error, Stated, "`new_status` is missing";
        NewStatusChoice = "didit.update_feature_status.new_status_choice", Error, Stated, "`new_status` is not Approved, Declined or In Review";
        SameStatus = "didit.update_feature_status.same_status", Error, Stated, "`new_status` equals the step's current status";
        CommentType = "didit.update_feature_status.comment_type", Error, Inferred, "`comment` is not what DRF's CharField takes: null, a boolean, an array or an object, or text with a NUL character (numbers are taken as text)";
        DeferType = "didit.update_feature_status.defer_type", Error, Inferred, "`defer_until_flow_finishes` is not what DRF's BooleanField takes (a warning for a value it coerces, such as \"yes\" or 1)";
        UnknownField = "didit.update_feature_status.unknown_field", Warning, Inferred, "a body key the server does not read (it ignores it)";
    }
}

const AUTH_DETAIL: &str = "Authentication credentials were not provided or are invalid.";

/// Both update-status endpoints word a no-op move the same way.
const SAME_STATUS: &str = "The new status is the same as the current status.";

/// The router answers 404 with an HTML page before the API runs.
fn check_session_id(input: &Input<'_>, rule: impl Into<RuleId>, f: &mut Findings<'_>) {
    let message = match input.path.get("sessionId") {
        None => "path.sessionId is missing",
        Some(id) if !is_uuid(id) => "path.sessionId is not a UUID (36 characters, hyphenated)",
        Some(_) => return,
    };
    if f.raise(rule, path!["path", "sessionId"], message).is_error() {
        f.respond(Stage::Route, 404, Value::Null);
    }
}

/// Didit answers 403, never 401, without an API key or a bearer token.
fn check_auth(input: &Input<'_>, rule: impl Into<RuleId>, f: &mut Findings<'_>) {
    let Some(headers) = &input.headers else { return };
    let has_key = headers.header("x-api-key").is_some_and(|k| !k.trim().is_empty());
    if has_key || headers.bearer().is_some() {
        return;
    }
    let message = "no `x-api-key` header and no `Authorization: Bearer` token";
    if f.raise(rule, path!["headers"], message).is_error() {
        f.respond(Stage::Auth, 403, drf_detail(AUTH_DETAIL));
    }
}

/// A body that is not a JSON object: DRF names the Python type `json.loads` made of it.
fn body_type(body: &Value, rule: impl Into<RuleId>, f: &mut Findings<'_>) -> Outcome {
    let kind = drf::python_type(body);
    if f.raise(rule, path!["body"], format!("the body must be a JSON object, not {kind}")).is_error() {
        // DRF's serializer words `null` for the whole body its own way.
        let answer = match body {
            Value::Null => drf::NO_DATA.to_owned(),
            _ => format!("Invalid data. Expected a dictionary, but got {kind}."),
        };
        f.respond(Stage::Body, 400, drf::drf_field("non_field_errors", &answer));
    }
    Outcome::default()
}

/// `new_status` and the like: DRF's message for a value that is not in `choices`.
fn invalid_choice(value: &Value) -> String {
    format!("\"{}\" is not a valid choice.", drf::python_str(value))
}

pub fn canonical_status(status: &str) -> Option<CanonicalStatus> {
    use CanonicalStatus as C;
    Some(match status {
        "Not Started" | "Expired" | "Abandoned" => C::Incomplete,
        "In Progress" | "Awaiting User" => C::Pending,
        "In Review" => C::ManualReview,
        "Approved" => C::Approved,
        "Declined" => C::Rejected,
        "Resubmitted" | "Kyc Expired" => C::Remediation,
        _ => return None,
    })
}

/// Session moves from the manual transition table; step moves for every step of a
/// non-API session. Resubmitted requires `nodes_to_resubmit` when auto-selection
/// would find nothing.
pub fn allowed_actions(context: &Value) -> Vec<Action> {
    let Some(map) = context.get("decision").and_then(Value::as_object) else { return Vec::new() };
    let decision = Decision::new(map);
    let current = decision.status().unwrap_or_default();
    let mut actions: Vec<Action> =
        tables::manual_targets_from(current).iter().map(|&to| session_action(&decision, to)).collect();
    if decision.session_type() != Some("API") {
        actions.extend(decision.steps().flat_map(|step| step_actions(step)));
    }
    actions
}

fn session_action(decision: &Decision<'_>, to: &str) -> Action {
    let (label, requires): (&str, &[&str]) = match to {
        "Approved" => ("Approve the session", &[]),
        "Declined" => ("Decline the session", &[]),
        _ if auto_select::select(decision).is_empty() => {
            ("Request resubmission of chosen steps", &["nodes_to_resubmit"])
        }
        _ => ("Request resubmission", &[]),
    };
    Action::new(UPDATE_SESSION_STATUS, Some(to), label, requires)
}

fn step_actions(step: decision::Step<'_>) -> impl Iterator<Item = Action> + '_ {
    tables::FEATURE_TARGETS.iter().filter(move |to| step.status != Some(**to)).map(move |to| {
        let label = format!("Set {} step to {to}", step.array.feature);
        let mut action = Action::new(UPDATE_FEATURE_STATUS, Some(to), label, &[]);
        action.node_id = Some(step.node_id.to_owned());
        action
    })
}
