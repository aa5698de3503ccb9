//! Verifa's vocabularies and limits, as its API v1 documents them (vendors.md, rules.md).

use crate::canonical::CanonicalStatus;

/// The body keys a session update may change, with the reviewer action that sets each.
/// Anything else in the body is refused (`unknown_field`).
pub struct EditableField {
    pub key: &'static str,
    pub action_label: &'static str,
}

pub const EDITABLE_FIELDS: &[EditableField] = &[
    EditableField { key: "metadata", action_label: "Edit metadata" },
    EditableField { key: "external_ref", action_label: "Set external reference" },
];

pub fn is_editable(key: &str) -> bool {
    EDITABLE_FIELDS.iter().any(|field| field.key == key)
}

/// `external_ref`: characters (Unicode scalar values).
pub const EXTERNAL_REF_LIMIT: usize = 255;
/// Each `metadata` value: UTF-8 bytes of its compact JSON text.
pub const METADATA_VALUE_LIMIT: usize = 16_384;
/// `Idempotency-Key`: characters (Unicode scalar values).
pub const IDEMPOTENCY_KEY_LIMIT: usize = 255;

/// Which of Verifa's two worlds a key or a session lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    Live,
    Sandbox,
}

impl Environment {
    pub const fn key_prefix(self) -> &'static str {
        match self {
            Self::Live => "vk_live_",
            Self::Sandbox => "vk_sandbox_",
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Self::Live => "production",
            Self::Sandbox => "sandbox",
        }
    }
}

/// API keys: `vk_live_…` (production), `vk_sandbox_…` (sandbox).
pub const KEY_ENVIRONMENTS: &[Environment] = &[Environment::Live, Environment::Sandbox];

/// `Key-Inflection` (responses only; request bodies stay snake_case).
pub const KEY_INFLECTIONS: &[&str] = &["snake", "camel", "kebab"];

/// The status a sandbox session waits in: it tells the environment when `is_sandbox`
/// is not in the context.
pub const SANDBOX_STATUS: &str = "sandbox_pending";

/// `retention_status` of the Get Session JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "VerifaRetentionStatus"),
    serde(rename_all = "snake_case")
)]
pub enum Retention {
    Active,
    SensitiveRedacted,
    Redacted,
}

impl Retention {
    pub fn parse(text: &str) -> Option<Retention> {
        match text {
            "active" => Some(Self::Active),
            "sensitive_redacted" => Some(Self::SensitiveRedacted),
            "redacted" => Some(Self::Redacted),
            _ => None,
        }
    }
}

/// The canonical inbox status of a session status (vendors.md, verifa column).
pub fn canonical_status(status: &str) -> Option<CanonicalStatus> {
    use CanonicalStatus as C;
    Some(match status {
        "expired" => C::Incomplete,
        "pending" | "capturing" | "processing" | "awaiting_external" | "sandbox_pending" => C::Pending,
        "under_review" => C::ManualReview,
        "failed" => C::Rejected,
        "completed" => C::Completed,
        _ => return None,
    })
}
