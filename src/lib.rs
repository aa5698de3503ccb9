//! kyc-preflight: will the KYC vendor accept this review request, and if not, why?
//!
//! A no-IO core. [`validate`] judges one request against one vendor operation and
//! returns a [`Report`]; [`validate_json`] is the same call as JSON text in and out,
//! the exact boundary the WebAssembly build uses.
//!
//! The house, top to bottom: `wasm` (the binding) → `boundary` (JSON text in and out)
//! → `registry` (the one list of vendors) → one folder per vendor (`didit/`,
//! `verifa/`, `legaltalent/`, `anycheck/`: tables and rules) → the kernel (every other
//! module: reports, findings, input, body, options, JSON, text, email, UUID). The kernel
//! never imports a vendor, and vendors never import each other (tests/architecture.rs).

// The kernel.
pub mod actions;
pub mod body;
pub mod canonical;
pub mod email;
pub mod error;
pub mod findings;
pub mod input;
pub mod json;
mod members;
pub mod operation;
pub mod options;
mod order;
pub mod report;
pub mod rule;
pub mod text;
// The .d.ts beyond tsify's derives (literal unions from the vendors' tables).
#[cfg(feature = "wasm")]
mod typescript;
mod validate;

// The vendors, and the registry that lists them.
pub mod anycheck;
pub mod didit;
pub mod legaltalent;
pub mod registry;
pub mod verifa;

// JSON text in and out, and the wasm binding.
mod boundary;
#[cfg(feature = "wasm")]
mod wasm;

pub use actions::{allowed_actions, Action};
pub use boundary::{validate_batch_call, validate_call, validate_json};
pub use canonical::{canonical_status, CanonicalStatus};
pub use didit::{auto_select, AutoSelection};
pub use error::PreflightError;
pub use findings::{Findings, Stage};
pub use input::{Body, BodyInput, Input, RequestInput};
pub use operation::{Method, Operation, OperationInfo, OperationSpec, Outcome, Provider, Vendor, VendorInfo};
pub use options::{Limits, SeverityOverride, ValidateOptions};
pub use registry::{find_rule, operations, rules, vendors};
pub use report::{Effect, Headers, Issue, PathSegment, PredictedResponse, PreparedRequest, Report, Severity, Source};
pub use rule::{RuleId, RuleInfo};
pub use validate::validate;
pub use verifa::merge_metadata as merge_verifa_metadata;
