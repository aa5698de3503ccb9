//! AnyCheck's TypeScript types (the wasm build's `.d.ts`): its review body and the parts
//! of its verification JSON the rules read. The literal unions are rendered from
//! `tables`, and the body's members are checked against the keys its rules read.

use super::tables;
use crate::typescript::{literal_union, members_are};

literal_union! {
    /// A verification's `status`: exact, case-sensitive.
    pub type AnycheckStatus = tables::STATUSES;
}

literal_union! {
    /// A verification's `output_status`, which refines `COMPLETED`.
    pub type AnycheckOutputStatus = tables::OUTPUT_STATUSES;
}

literal_union! {
    /// What a review may set `verification_status` to.
    pub type AnycheckReviewTarget = tables::REVIEW_TARGETS;
}

/// The body of `anycheck.update_verification` (`PUT /verifications/{id}`).
#[derive(tsify::Tsify)]
pub struct AnycheckUpdateVerificationBody {
    #[tsify(optional, type = "AnycheckReviewTarget")]
    pub verification_status: Option<String>,
    /// The verification's output, replaced (whether AnyCheck merges it is undocumented).
    #[tsify(optional, type = "Record<string, unknown>")]
    pub output: Option<()>,
    #[tsify(optional, type = "Record<string, unknown>")]
    pub configuration: Option<()>,
}

members_are!(AnycheckUpdateVerificationBody { verification_status, output, configuration } == tables::BODY_KEYS);

/// The parts of AnyCheck's verification JSON that the rules read:
/// `context.verification`, what `allowedActions("anycheck", …)` takes, and the `detail`
/// of `canonicalStatus("anycheck", …)`.
#[derive(tsify::Tsify)]
pub struct AnycheckVerification {
    #[tsify(optional, type = "AnycheckStatus")]
    pub status: Option<String>,
    #[tsify(optional, type = "AnycheckOutputStatus | null")]
    pub output_status: Option<String>,
    /// `{ id, name }` (an id string is taken too).
    #[tsify(optional, type = "{ id?: string; name?: string } | string | null")]
    pub service: Option<()>,
}
