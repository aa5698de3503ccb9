//! Verifa (API v1): `PATCH /api/v1/sessions/{session_id}`, which changes only a
//! session's `metadata` and `external_ref`.

mod headers;
mod metadata;
mod session;
mod tables;
#[cfg(feature = "wasm")]
mod types;
mod update_session;

pub use metadata::merge_metadata;
pub use tables::canonical_status;
#[cfg(feature = "wasm")]
pub use types::{VerifaSession, VerifaUpdateSessionBody};
pub use update_session::update_session;

use crate::actions::Action;
use crate::json::Value;
use crate::operation::{Method, Operation, OperationInfo, OperationSpec, Provider, Vendor, VendorInfo};
use crate::rule::rule_set;
use session::Session;
use tables::{Retention, EDITABLE_FIELDS};

const UPDATE_SESSION_ID: &str = "verifa.update_session";

/// Verifa, as the registry lists it.
pub const VENDOR: Vendor = Vendor {
    info: VendorInfo { provider: "verifa", label: "Verifa", context_key: "session" },
    operations: &[UPDATE_SESSION],
    allowed_actions,
    canonical_status: |status, _| canonical_status(status),
};

/// The handle `allowed_actions` and `canonical_status` take.
pub const PROVIDER: Provider = Provider::new(&VENDOR);

const UPDATE_SESSION_SPEC: OperationSpec = OperationSpec {
    info: OperationInfo {
        id: UPDATE_SESSION_ID,
        provider: "verifa",
        method: Method::Patch,
        path_template: "/api/v1/sessions/{session_id}",
        path_params: &["session_id"],
    },
    rules: VerifaRule::ALL,
    // FastAPI-style validation: an unreadable body is a 422.
    unreadable_body_status: 422,
    validate: update_session,
};

pub const UPDATE_SESSION: Operation = Operation::new(&UPDATE_SESSION_SPEC);

rule_set! {
    /// `PATCH /api/v1/sessions/{session_id}`
    pub enum VerifaRule for Some(UPDATE_SESSION_ID) => {
        AuthMissing = "verifa.update_session.auth_missing", Error, Stated, "headers given, but no `X-API-Key`";
        ApiKeyPrefix = "verifa.update_session.api_key_prefix", Error, Stated, "`X-API-Key` does not start with `vk_live_` or `vk_sandbox_`";
        EnvironmentMismatch = "verifa.update_session.environment_mismatch", Error, Stated, "the key's environment (production or sandbox) is not the session's: the server answers 404";
        SessionIdFormat = "verifa.update_session.session_id_format", Warning, Stated, "`path.session_id` missing (error) or not of the form `ses_…` (warning: the docs also show other forms)";
        VersionFormat = "verifa.update_session.version_format", Warning, Inferred, "`Verifa-Version` is not a real calendar date `YYYY-MM-DD` (the endpoint documents no answer for it)";
        KeyInflectionChoice = "verifa.update_session.key_inflection_choice", Warning, Inferred, "`Key-Inflection` is not `snake`, `camel` or `kebab` (the endpoint documents no answer for it)";
        IdempotencyKeyLength = "verifa.update_session.idempotency_key_length", Error, Stated, "`Idempotency-Key` is empty or over 255 characters (Unicode scalar values)";
        ContentType = "verifa.update_session.content_type", Warning, Inferred, "`Content-Type` is not `application/json`: the prepared request sends `application/json` instead";
        BodyType = "verifa.update_session.body_type", Error, Stated, "the body is not a JSON object";
        UnknownField = "verifa.update_session.unknown_field", Error, Stated, "a body key other than `external_ref` and `metadata`: only those can be changed";
        ExternalRefType = "verifa.update_session.external_ref_type", Error, Stated, "`external_ref` is not a string (warning for `null`: clearing it is undocumented)";
        ExternalRefLength = "verifa.update_session.external_ref_length", Error, Stated, "`external_ref` is over 255 characters (Unicode scalar values)";
        MetadataType = "verifa.update_session.metadata_type", Error, Stated, "`metadata` is not a JSON object";
        MetadataValueSize = "verifa.update_session.metadata_value_size", Error, Stated, "a `metadata` value's compact JSON text is over 16,384 UTF-8 bytes (`null` values delete keys and are exempt)";
        Redacted = "verifa.update_session.redacted", Error, Stated, "the session has been redacted (`retention_status` is `redacted`) and cannot be updated";
        SensitiveRedacted = "verifa.update_session.sensitive_redacted", Warning, Inferred, "the session's sensitive data has been redacted (`retention_status` is `sensitive_redacted`)";
        EmptyPatch = "verifa.update_session.empty_patch", Warning, Inferred, "the body changes nothing: accepted, and the session stays as it is";
    }
}

/// Verifa's answers, in its `{"error", "detail", "status_code"}` shape. The docs give
/// the statuses; codes and texts are ours (inferred) except `not_found` / "Session not
/// found." and the `session_redacted` text. Inferred: 401 `unauthorized`, 400
/// `invalid_header` for a malformed `Verifa-Version` or `Key-Inflection`, 422
/// `validation_error` for the body and `Idempotency-Key`, 422 `session_redacted`.
mod responses {
    use super::*;
    use crate::json::object;

    /// Verifa's `{"error": code, "detail": text, "status_code": n}`.
    fn verifa_error(status: u16, code: &str, detail: &str) -> Value {
        object(vec![("error", code.into()), ("detail", detail.into()), ("status_code", status.into())])
    }

    pub fn unauthorized() -> Value {
        verifa_error(401, "unauthorized", "Invalid or missing API key.")
    }

    pub fn not_found() -> Value {
        verifa_error(404, "not_found", "Session not found.")
    }

    pub fn invalid_header(detail: &str) -> Value {
        verifa_error(400, "invalid_header", detail)
    }

    pub fn validation_error(detail: &str) -> Value {
        verifa_error(422, "validation_error", detail)
    }

    pub fn session_redacted() -> Value {
        verifa_error(422, "session_redacted", "Sessions that have been redacted cannot be updated.")
    }
}

/// One action per editable field, unless the session is redacted (the `redacted` rule
/// refuses every update then). Without a `session` in the context: none.
pub fn allowed_actions(context: &Value) -> Vec<Action> {
    let Some(map) = context.get("session").and_then(Value::as_object) else { return Vec::new() };
    if Session::new(map).retention() == Some(Retention::Redacted) {
        return Vec::new();
    }
    EDITABLE_FIELDS.iter().map(|field| Action::new(UPDATE_SESSION, None, field.action_label, &[field.key])).collect()
}
