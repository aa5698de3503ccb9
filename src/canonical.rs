//! One inbox for every vendor: Legal Talent's seven compliance statuses as the canonical set.

use serde::Serialize;

use crate::json::Value;
use crate::operation::Provider;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CanonicalStatus {
    Incomplete,
    Pending,
    ManualReview,
    Approved,
    Rejected,
    Remediation,
    Completed,
}

impl CanonicalStatus {
    pub const ALL: [CanonicalStatus; 7] = [
        Self::Incomplete,
        Self::Pending,
        Self::ManualReview,
        Self::Approved,
        Self::Rejected,
        Self::Remediation,
        Self::Completed,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Self::Incomplete => "incomplete",
            Self::Pending => "pending",
            Self::ManualReview => "manual_review",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Remediation => "remediation",
            Self::Completed => "completed",
        }
    }
}

/// The canonical status of a vendor status; `detail` refines it where the vendor splits
/// one status in two (AnyCheck's `output_status`). Unknown statuses give `None`.
pub fn canonical_status(provider: Provider, status: &str, detail: Option<&Value>) -> Option<CanonicalStatus> {
    (provider.vendor().canonical_status)(status, detail)
}
