//! What Legal Talent answers for each error.
//!
//! rules.md gives only the status codes; the body shape
//! `{"status": "error", "error": {"type", "message", "code"}}` comes from the vendor's
//! other endpoints. The `type`, `code` and `message` values below are ours (inferred),
//! chosen to read like that API, and never hold a value from the request:
//!
//! | rule | status | type | code |
//! | --- | --- | --- | --- |
//! | `auth_missing` | 401 | `AuthenticationError` | `UNAUTHORIZED` |
//! | `session_id_format` (not a UUID) | 404 | `NotFoundError` | `SESSION_NOT_FOUND` |
//! | `session_id_format` (missing) | 404 | no JSON body: the route does not exist | |
//! | `body_type` | 400 | `ValidationError` | `INVALID_BODY` |
//! | `status_required` | 400 | `ValidationError` | `STATUS_REQUIRED` |
//! | `status_choice` | 400 | `ValidationError` | `INVALID_STATUS` |
//! | `status_not_settable` | 400 | `ValidationError` | `STATUS_NOT_SETTABLE` (own message for `awaiting_client_correction`) |
//! | `reason_type` | 400 | `ValidationError` | `INVALID_REASON` |
//! | `transition` | 400 | `InvalidStateError` | `INVALID_TRANSITION` |
//! | `same_status` | 400 | `InvalidStateError` | `SAME_STATUS` |
//! | `corrections_required` | 400 | `ValidationError` | `CORRECTIONS_REQUIRED` |
//! | `item_type` | 400 | `ValidationError` | `INVALID_CORRECTION` |
//! | `step_id_required` | 400 | `ValidationError` | `STEP_ID_REQUIRED` |
//! | `field_ids_type` | 400 | `ValidationError` | `INVALID_FIELD_IDS` |
//! | `document_types_type` | 400 | `ValidationError` | `INVALID_DOCUMENT_TYPES` |
//! | `message_required` | 400 | `ValidationError` | `MESSAGE_REQUIRED` |
//! | `step_unknown` | 400 | `ValidationError` | `STEP_NOT_FOUND` |
//! | `source_status` | 400 | `InvalidStateError` | `INVALID_SESSION_STATUS` |
//! | `link_expired` | 400 | `InvalidStateError` | `SESSION_EXPIRED` |
//! | `process_session.not_submitted`, `.source_status` | 400 | `InvalidStateError` | `SESSION_NOT_COMPLETED` |
//! | `run_validations.source_status` | 400 | `InvalidStateError` | `SESSION_NOT_SUBMITTED` |
//!
//! The four body-less calls (process, extend, generate-link, validate) answer
//! `auth_missing`, `session_id_format` and `body_type` as above.

use crate::findings::{Findings, Stage};
use crate::json::{object, Value};

/// One error answer of the vendor.
pub struct Answer {
    pub status: u16,
    pub error_type: &'static str,
    pub code: &'static str,
    pub message: &'static str,
}

impl Answer {
    /// Legal Talent's `{"status": "error", "error": {"type", "message", "code"}}`.
    pub fn body(&self) -> Value {
        let error = object(vec![
            ("type", self.error_type.into()),
            ("message", self.message.into()),
            ("code", self.code.into()),
        ]);
        object(vec![("status", "error".into()), ("error", error)])
    }

    /// Records this answer for an error raised at `stage`.
    pub fn respond(&self, stage: Stage, f: &mut Findings<'_>) {
        f.respond(stage, self.status, self.body());
    }
}

const fn answer(status: u16, error_type: &'static str, code: &'static str, message: &'static str) -> Answer {
    Answer { status, error_type, code, message }
}

const VALIDATION: &str = "ValidationError";
const STATE: &str = "InvalidStateError";

pub const UNAUTHORIZED: Answer =
    answer(401, "AuthenticationError", "UNAUTHORIZED", "Missing or invalid Authorization header.");
pub const SESSION_NOT_FOUND: Answer = answer(404, "NotFoundError", "SESSION_NOT_FOUND", "Session not found.");
pub const INVALID_BODY: Answer = answer(400, VALIDATION, "INVALID_BODY", "Request body must be a JSON object.");

pub const STATUS_REQUIRED: Answer = answer(400, VALIDATION, "STATUS_REQUIRED", "status is required.");
pub const INVALID_STATUS: Answer = answer(
    400,
    VALIDATION,
    "INVALID_STATUS",
    "status must be one of: draft, active, completed, processing, processed, expired, approved, rejected, manual_review, awaiting_client_correction.",
);
pub const STATUS_NOT_SETTABLE: Answer =
    answer(400, VALIDATION, "STATUS_NOT_SETTABLE", "This status is set by the system and cannot be set manually.");
pub const SET_BY_CORRECTIONS: Answer = answer(
    400,
    VALIDATION,
    "STATUS_NOT_SETTABLE",
    "Use POST /kyc/sessions/{session_id}/corrections to request client corrections.",
);
pub const INVALID_REASON: Answer = answer(400, VALIDATION, "INVALID_REASON", "reason must be a string.");
pub const INVALID_TRANSITION: Answer =
    answer(400, STATE, "INVALID_TRANSITION", "This status change is not allowed from the session's current status.");
pub const SAME_STATUS: Answer = answer(400, STATE, "SAME_STATUS", "The session already has this status.");

pub const CORRECTIONS_REQUIRED: Answer =
    answer(400, VALIDATION, "CORRECTIONS_REQUIRED", "corrections must be a non-empty array.");
pub const INVALID_CORRECTION: Answer =
    answer(400, VALIDATION, "INVALID_CORRECTION", "Each correction must be an object.");
pub const STEP_ID_REQUIRED: Answer =
    answer(400, VALIDATION, "STEP_ID_REQUIRED", "Each correction requires a non-empty step_id.");
pub const INVALID_FIELD_IDS: Answer =
    answer(400, VALIDATION, "INVALID_FIELD_IDS", "field_ids must be an array of non-empty strings.");
pub const INVALID_DOCUMENT_TYPES: Answer =
    answer(400, VALIDATION, "INVALID_DOCUMENT_TYPES", "document_types must be an array of non-empty strings.");
pub const MESSAGE_REQUIRED: Answer =
    answer(400, VALIDATION, "MESSAGE_REQUIRED", "Each correction requires a non-empty message.");
pub const STEP_NOT_FOUND: Answer =
    answer(400, VALIDATION, "STEP_NOT_FOUND", "A correction names a step that is not in this session.");
pub const INVALID_SESSION_STATUS: Answer = answer(
    400,
    STATE,
    "INVALID_SESSION_STATUS",
    "Corrections can only be requested for sessions that are completed, processed, manual_review, approved, rejected or awaiting_client_correction.",
);
pub const SESSION_EXPIRED: Answer = answer(
    400,
    STATE,
    "SESSION_EXPIRED",
    "The session link has expired. Extend it with POST /kyc/sessions/{session_id}/extend first.",
);

pub const SESSION_NOT_COMPLETED: Answer =
    answer(400, STATE, "SESSION_NOT_COMPLETED", "Only completed sessions can be processed.");
pub const SESSION_NOT_SUBMITTED: Answer = answer(
    400,
    STATE,
    "SESSION_NOT_SUBMITTED",
    "Validations can only run once the customer has submitted the session.",
);
