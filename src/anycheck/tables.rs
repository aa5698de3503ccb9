//! AnyCheck's vocabularies and review transitions, as vendors.md lists them, and the
//! answers its server gives (rules.md, `anycheck.update_verification`).

/// `status` of a verification: exact JSON strings, case-sensitive.
pub const STATUSES: &[&str] = &[
    "DRAFT",
    "IN_QUEUE",
    "IN_PROGRESS",
    "COMPLETED",
    "FAILED",
    "CANCELLED",
    "NEED_REVIEW",
    "FRAUD_DETECTED",
    "PARTIALLY_COMPLETED",
    "PARTIALLY_FAILED",
];

/// `output_status` (nullable): refines COMPLETED.
pub const OUTPUT_STATUSES: &[&str] = &["VERIFIED", "NOT_VERIFIED", "PARTIALLY_NOT_VERIFIED"];

/// What `verification_status` may be set to.
pub const REVIEW_TARGETS: &[&str] = &["NEED_REVIEW", "COMPLETED"];

/// The one status the vendor states cannot be modified.
pub const LOCKED_STATUS: &str = "IN_PROGRESS";

/// Body keys the server reads; anything else it ignores.
pub const BODY_KEYS: &[&str] = &["verification_status", "output", "configuration"];

/// Names callers reach for that the server does not read, and the key they meant.
pub const KEY_ALIASES: &[(&str, &str)] = &[
    ("status", "verification_status"),
    ("verificationStatus", "verification_status"),
    ("new_status", "verification_status"),
    ("outputs", "output"),
    ("config", "configuration"),
];

/// One thing a reviewer may do from a current status: a status move (`to`), or an
/// edit that keeps the status (`to: None`).
#[derive(Debug)]
pub struct ReviewAction {
    pub from: &'static str,
    pub to: Option<&'static str>,
    pub label: &'static str,
    pub requires: &'static [&'static str],
}

const fn review(
    from: &'static str,
    to: Option<&'static str>,
    label: &'static str,
    requires: &'static [&'static str],
) -> ReviewAction {
    ReviewAction { from, to, label, requires }
}

/// The manual review table (vendors.md): COMPLETED → NEED_REVIEW re-opens, NEED_REVIEW →
/// COMPLETED finishes; while in review the reviewer edits the output. Statuses with no
/// row here are `status_precondition` warnings (IN_PROGRESS: the `in_progress` error).
pub const REVIEW_ACTIONS: &[ReviewAction] = &[
    review("COMPLETED", Some("NEED_REVIEW"), "Re-open for review", &[]),
    review("NEED_REVIEW", Some("COMPLETED"), "Finish review", &[]),
    review("NEED_REVIEW", None, "Replace output", &["output"]),
];

/// True when the review table has a row from `status`.
pub fn is_reviewable(status: &str) -> bool {
    REVIEW_ACTIONS.iter().any(|action| action.from == status)
}

/// The vendor's answers. `UNAUTHORIZED`, `INVALID_REQUEST` and `INVALID_ID` texts are
/// the vendor's own (API overview, error codes). Inferred, because the vendor gives only
/// the code or only the status: the `INVALID_VALUE` text, the per-field texts, and the
/// `in_progress` answer (code `INVALID_REQUEST`, our wording). No text echoes a value.
pub mod answer {
    pub const UNAUTHORIZED: &str = "UNAUTHORIZED";
    pub const UNAUTHORIZED_TEXT: &str = "You are not authorized to perform this action";
    pub const INVALID_ID: &str = "INVALID_ID";
    pub const INVALID_ID_TEXT: &str = "Invalid Verification ID";
    pub const INVALID_REQUEST: &str = "INVALID_REQUEST";
    pub const INVALID_REQUEST_TEXT: &str = "Invalid request. Please check input data format and try again";
    pub const INVALID_VALUE: &str = "INVALID_VALUE";
    pub const INVALID_VALUE_TEXT: &str = "Invalid value. Please check the allowed values and try again";
    pub const STATUS_CHOICES_TEXT: &str = "Must be one of: NEED_REVIEW, COMPLETED";
    pub const NOT_OBJECT_TEXT: &str = "Must be an object";
    pub const IN_PROGRESS_TEXT: &str = "Verification is in progress and cannot be modified";

    use crate::json::{object, Value};

    /// AnyCheck's `{"error_code", "message", "errors": [{"field", "message"}]}`.
    pub fn anycheck_error(code: &str, message: &str, errors: &[(&str, &str)]) -> Value {
        let errors = errors
            .iter()
            .map(|(field, message)| object(vec![("field", (*field).into()), ("message", (*message).into())]));
        object(vec![
            ("error_code", code.into()),
            ("message", message.into()),
            ("errors", Value::Array(errors.collect())),
        ])
    }
}
