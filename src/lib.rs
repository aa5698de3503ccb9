//! kyc-preflight: will the KYC vendor accept this review request, and if not, why?
//!
//! A no-IO core. [`validate`] judges one request against one vendor operation and
//! returns a [`Report`]; [`validate_json`] is the same call as JSON text in and out,
//! the exact boundary the WebAssembly build uses.

pub mod actions;
pub mod answer;
pub mod body;
pub mod canonical;
pub mod email;
pub mod error;
pub mod findings;
pub mod input;
pub mod operation;
pub mod options;
mod order;
pub mod report;
pub mod rule;
pub mod text;

pub mod anycheck;
pub mod didit;
pub mod legaltalent;
pub mod verifa;

mod boundary;
pub mod json;
mod members;
#[cfg(feature = "wasm")]
mod wasm;

use crate::json::Value;

pub use actions::{allowed_actions, Action};
pub use boundary::{validate_batch_json, validate_json, validate_parts_json};
pub use canonical::{canonical_status, CanonicalStatus};
pub use didit::{auto_select, AutoSelection};
pub use error::PreflightError;
pub use findings::{Findings, Stage};
pub use input::{Body, BodyInput, Input, RequestInput};
pub use operation::{operations, Method, Operation, OperationInfo, Provider};
pub use options::{Limits, SeverityOverride, ValidateOptions};
pub use report::{Effect, Headers, Issue, PathSegment, PredictedResponse, PreparedRequest, Report, Severity, Source};
pub use rule::{rules, RuleId, RuleInfo};
pub use verifa::merge_metadata as merge_verifa_metadata;

/// What a vendor's validator hands back besides its issues.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The normalized body, when it differs from what the caller sent.
    pub body: Option<Value>,
    /// What the call will change, reported only when the request is ok.
    pub effects: Vec<Effect>,
}

/// Validates one request against one operation.
pub fn validate(op: Operation, request: &RequestInput<'_>, options: &ValidateOptions) -> Report {
    let mut f = Findings::new(options);
    let parsed = body::read_body(request.body, &options.limits, bad_body_status(op.provider()), &mut f);
    let body = match (&parsed, request.body) {
        (Some(parsed), _) => Body::Json(&parsed.value),
        (None, BodyInput::Absent) => Body::Absent,
        (None, _) => Body::Unreadable,
    };
    if options.context_unreadable {
        f.raise(
            rule::InputRule::ContextInvalid,
            path!["context"],
            "the context is not valid JSON; context rules were skipped",
        );
    }
    let input = Input::read(request, body, options.context.as_ref(), &mut f);
    let outcome = match op {
        Operation::DiditUpdateSessionStatus => didit::update_session_status(&input, &mut f),
        Operation::DiditUpdateFeatureStatus => didit::update_feature_status(&input, &mut f),
        Operation::VerifaUpdateSession => verifa::update_session(&input, &mut f),
        Operation::LegaltalentUpdateSessionStatus => legaltalent::update_session_status(&input, &mut f),
        Operation::LegaltalentRequestCorrections => legaltalent::request_corrections(&input, &mut f),
        Operation::AnycheckUpdateVerification => anycheck::update_verification(&input, &mut f),
    };
    let path = fill_path(op, &input);
    let headers = (!f.has_error()).then(|| sent_headers(input.headers.as_ref()));
    let (ok, issues, truncated, response) = f.finish();
    let request = if ok { Some(prepare(op, path, headers, parsed, outcome.body)) } else { None };
    let effects = if ok { outcome.effects } else { Vec::new() };
    Report { ok, operation: op, issues, truncated, response, request, effects }
}

/// The status a vendor answers for a body it cannot read.
const fn bad_body_status(provider: Provider) -> u16 {
    match provider {
        Provider::Verifa => 422,
        Provider::Didit | Provider::Legaltalent | Provider::Anycheck => 400,
    }
}

fn fill_path(op: Operation, input: &Input<'_>) -> String {
    let mut path = String::new();
    // The template alternates literal text and `{name}` parameters.
    let mut in_param = false;
    for part in op.info().path_template.split(['{', '}']) {
        match in_param {
            false => path.push_str(part),
            true => path.push_str(&input.path.get(part).map(text::encode_path_segment).unwrap_or_default()),
        }
        in_param = !in_param;
    }
    path
}

/// The caller's headers (names are unique: they were the keys of one JSON object).
fn sent_headers(caller: Option<&input::Entries<'_>>) -> Vec<(String, String)> {
    caller.iter().flat_map(|h| h.iter()).map(|(name, value)| (name.to_owned(), value.to_owned())).collect()
}

fn prepare(
    op: Operation,
    path: String,
    caller_headers: Option<Vec<(String, String)>>,
    parsed: Option<body::ParsedBody<'_>>,
    normalized: Option<Value>,
) -> PreparedRequest {
    let mut headers = caller_headers.unwrap_or_default();
    if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type")) {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    let headers = Headers(order::sort_stable(headers, |a, b| a.0.cmp(&b.0)));
    let (body, body_text) = match (normalized, parsed) {
        (Some(value), _) => {
            let mut text = String::new();
            json::write_value(&mut text, &value);
            (value, text)
        }
        (None, Some(parsed)) => (parsed.value, parsed.text.into_owned()),
        (None, None) => (Value::Null, String::new()),
    };
    PreparedRequest { method: op.info().method, path, headers, body, body_text }
}
