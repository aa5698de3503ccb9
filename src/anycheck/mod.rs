//! AnyCheck (Fintelite, `/verifications`): the dashboard's review call.

mod tables;
#[cfg(feature = "wasm")]
mod types;
mod update_verification;
mod verification;

pub use tables::{OUTPUT_STATUSES, REVIEW_TARGETS, STATUSES};
#[cfg(feature = "wasm")]
pub use types::{AnycheckUpdateVerificationBody, AnycheckVerification};
pub use update_verification::{update_verification, OUTPUT_NOTE};

use crate::actions::Action;
use crate::canonical::CanonicalStatus;
use crate::json::Value;
use crate::operation::{Method, Operation, OperationInfo, OperationSpec, Provider, Vendor, VendorInfo};
use crate::rule::rule_set;
use verification::Verification;

const UPDATE_VERIFICATION_ID: &str = "anycheck.update_verification";

/// AnyCheck, as the registry lists it.
pub const VENDOR: Vendor = Vendor {
    info: VendorInfo { provider: "anycheck", label: "AnyCheck", context_key: "verification" },
    operations: &[UPDATE_VERIFICATION],
    allowed_actions,
    canonical_status,
};

/// The handle `allowed_actions` and `canonical_status` take.
pub const PROVIDER: Provider = Provider::new(&VENDOR);

const UPDATE_VERIFICATION_SPEC: OperationSpec = OperationSpec {
    info: OperationInfo {
        id: UPDATE_VERIFICATION_ID,
        provider: "anycheck",
        method: Method::Put,
        path_template: "/verifications/{id}",
        path_params: &["id"],
    },
    rules: AnycheckRule::ALL,
    unreadable_body_status: 400,
    validate: update_verification,
};

pub const UPDATE_VERIFICATION: Operation = Operation::new(&UPDATE_VERIFICATION_SPEC);

rule_set! {
    /// `PUT /verifications/{id}`
    pub enum AnycheckRule for Some(UPDATE_VERIFICATION_ID) => {
        AuthMissing = "anycheck.update_verification.auth_missing", Error, Stated, "headers given, but no `Authorization: Bearer …`";
        ApiKeyInsteadOfJwt = "anycheck.update_verification.api_key_instead_of_jwt", Warning, Stated, "`X-API-Key` given without a Bearer token: this endpoint takes the dashboard JWT";
        IdFormat = "anycheck.update_verification.id_format", Error, Stated, "`path.id` missing or not a UUID";
        ContentType = "anycheck.update_verification.content_type", Warning, Inferred, "`Content-Type` is not `application/json`: the prepared request sends `application/json` instead";
        BodyType = "anycheck.update_verification.body_type", Warning, Inferred, "the body is not a JSON object";
        VerificationStatusChoice = "anycheck.update_verification.verification_status_choice", Error, Stated, "`verification_status` is present and not NEED_REVIEW or COMPLETED";
        OutputType = "anycheck.update_verification.output_type", Error, Stated, "`output` is present and not an object";
        ConfigurationType = "anycheck.update_verification.configuration_type", Error, Stated, "`configuration` is present and not an object";
        InProgress = "anycheck.update_verification.in_progress", Warning, Inferred, "the verification is IN_PROGRESS: changing it mid-run is undocumented";
        StatusPrecondition = "anycheck.update_verification.status_precondition", Warning, Inferred, "the verification is not COMPLETED or NEED_REVIEW: the server's answer is undocumented";
        NoOp = "anycheck.update_verification.no_op", Warning, Inferred, "the body changes nothing: empty, or only `verification_status` equal to the current status";
        UnknownField = "anycheck.update_verification.unknown_field", Warning, Inferred, "a body key the server does not read (it ignores it)";
    }
}

/// The canonical status (vendors.md, anycheck column). COMPLETED is refined by the
/// `output_status` found in `detail`: the whole verification JSON or `{output_status}`
/// (both hold it at the top), the context's `{verification}`, or the bare string.
/// COMPLETED with no known `output_status` is `completed`.
pub fn canonical_status(status: &str, detail: Option<&Value>) -> Option<CanonicalStatus> {
    use CanonicalStatus as C;
    Some(match status {
        "DRAFT" | "CANCELLED" => C::Incomplete,
        "IN_QUEUE" | "IN_PROGRESS" => C::Pending,
        "NEED_REVIEW" | "FRAUD_DETECTED" | "PARTIALLY_FAILED" => C::ManualReview,
        "FAILED" => C::Rejected,
        "PARTIALLY_COMPLETED" => C::Completed,
        "COMPLETED" => match detail.and_then(output_status) {
            Some("VERIFIED") => C::Approved,
            Some("NOT_VERIFIED") => C::Rejected,
            Some("PARTIALLY_NOT_VERIFIED") => C::ManualReview,
            _ => C::Completed,
        },
        _ => return None,
    })
}

fn output_status(detail: &Value) -> Option<&str> {
    match detail {
        Value::String(s) => Some(s),
        Value::Object(map) => match map.get("output_status") {
            Some(value) => value.as_str(),
            None => map.get("verification")?.get("output_status")?.as_str(),
        },
        _ => None,
    }
}

/// The rows of the review table (`tables::REVIEW_ACTIONS`) from the verification's
/// current status; IN_PROGRESS and the warning-level statuses offer nothing.
pub fn allowed_actions(context: &Value) -> Vec<Action> {
    let Some(map) = context.get("verification").and_then(Value::as_object) else { return Vec::new() };
    let Some(current) = Verification::new(map).status else { return Vec::new() };
    tables::REVIEW_ACTIONS
        .iter()
        .filter(|action| action.from == current)
        .map(|action| Action::new(UPDATE_VERIFICATION, action.to, action.label, action.requires))
        .collect()
}
