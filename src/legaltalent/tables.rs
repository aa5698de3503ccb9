//! Legal Talent's vocabularies and its manual state machine (vendors.md).

use crate::canonical::CanonicalStatus;

/// Session statuses: exact JSON strings, lowercase snake_case.
pub const SESSION_STATUSES: &[&str] = &[
    "draft",
    "active",
    "completed",
    "processing",
    "processed",
    "expired",
    "approved",
    "rejected",
    "manual_review",
    "awaiting_client_correction",
];

/// Statuses only the system sets (lifecycle and TTL); a reviewer never PATCHes them.
pub const SYSTEM_OWNED: &[&str] = &["draft", "completed", "processing", "processed", "expired"];

/// Set by the corrections endpoint, never by PATCH.
pub const CORRECTION_STATUS: &str = "awaiting_client_correction";

/// What a manual PATCH from one status to another means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Not in the table.
    No,
    /// A reviewer's decision.
    Decide,
    /// Replaces a final decision with the opposite one (allowed, with a warning).
    Overturn,
    /// Reopens an expired session.
    Reactivate,
}

/// The columns of the transition table: every status a PATCH may set.
pub const TARGETS: [&str; 4] = ["approved", "rejected", "manual_review", "active"];

/// Manual transitions through PATCH (vendors.md, "from \ to"; ours, inferred).
/// A status in no row has no manual transition either.
#[rustfmt::skip]
pub const TRANSITIONS: &[(&[&str], [Move; 4])] = {
    use Move::{Decide as Y, No as __, Overturn as O, Reactivate as R};
    &[
        // from \ to                          approved  rejected  manual_review  active
        (&["completed", "processed"],         [Y,        Y,        Y,             __]),
        (&["manual_review"],                  [Y,        Y,        __,            __]),
        (&["awaiting_client_correction"],     [Y,        Y,        Y,             __]),
        (&["approved"],                       [__,       O,        Y,             __]),
        (&["rejected"],                       [O,        __,       Y,             __]),
        (&["expired"],                        [__,       __,       __,            R ]),
        (&["draft", "active", "processing"],  [__,       __,       __,            __]),
    ]
};

/// The table's cell for `from` → `to`.
pub fn transition(from: &str, to: &str) -> Move {
    targets_from(from).find(|(target, _)| *target == to).map_or(Move::No, |(_, cell)| cell)
}

/// The allowed targets from `from`, in column order.
pub fn targets_from(from: &str) -> impl Iterator<Item = (&'static str, Move)> {
    let row = TRANSITIONS.iter().find(|(froms, _)| froms.contains(&from)).map(|(_, cells)| *cells);
    row.into_iter().flat_map(|cells| TARGETS.into_iter().zip(cells)).filter(|(_, cell)| *cell != Move::No)
}

/// Corrections may be requested only from these statuses (rules.md, `source_status`).
pub const CORRECTABLE_FROM: &[&str] =
    &["completed", "processed", "manual_review", "approved", "rejected", "awaiting_client_correction"];

/// The session status whose public link can no longer be used.
pub const EXPIRED: &str = "expired";

/// What processing makes of a completed session (the lifecycle: completed → processing →
/// processed, stated in outline).
pub const PROCESSED: &str = "processed";

/// "Process a completed session" (seed 003): the one status the call is documented for.
pub const PROCESSABLE_FROM: &[&str] = &["completed"];

/// The customer has not completed the session yet: nothing to process, nothing submitted
/// to validate.
pub const NOT_SUBMITTED: &[&str] = &["draft", "active"];

/// The customer is working through the public link now: a new link would replace theirs.
pub const CUSTOMER_WORKING: &[&str] = &["active", "awaiting_client_correction"];

/// Where "Run validations" is offered: the customer has submitted, no decision is final
/// yet (ours, inferred from the seed's workflow).
pub const VALIDATABLE: &[&str] = &["completed", "processed", "manual_review"];

/// Where "Generate a new link" is offered: the customer still has to act through a link
/// (the open statuses, and expired, which an open session becomes).
pub const LINK_NEEDED: &[&str] = &["draft", "active", "awaiting_client_correction", "expired"];

/// While the session is being processed no link action is offered.
pub const PROCESSING: &str = "processing";

/// Step statuses, as `steps_data[].status` holds them.
pub const STEP_STATUSES: &[&str] = &["pending", "in_progress", "completed", "skipped", "needs_correction"];

/// The step status a correction request sets.
pub const NEEDS_CORRECTION: &str = "needs_correction";

/// Body keys of the status PATCH (ours: the vendor does not publish this body).
pub const STATUS_BODY_KEYS: &[&str] = &["status", "reason"];

/// Keys other vendors use for the same thing: named in the `unknown_field` hint.
pub const STATUS_BODY_ALIASES: &[(&str, &str)] = &[("new_status", "status"), ("comment", "reason")];

/// The stated `compliance_status` of a session status.
pub fn compliance_status(status: &str) -> Option<CanonicalStatus> {
    use CanonicalStatus as C;
    Some(match status {
        "draft" | "expired" => C::Incomplete,
        "active" | "processing" => C::Pending,
        "manual_review" => C::ManualReview,
        "approved" => C::Approved,
        "rejected" => C::Rejected,
        "awaiting_client_correction" => C::Remediation,
        "completed" | "processed" => C::Completed,
        _ => return None,
    })
}
