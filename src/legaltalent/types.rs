//! Legal Talent's TypeScript types (the wasm build's `.d.ts`): the bodies of its status
//! PATCH and correction requests, and the parts of its Get Session Details JSON the rules
//! read. The literal unions are rendered from `tables`, and the status body's members are
//! checked against the keys its rules read. The four calls of seed 003 that carry no
//! body (process, extend, generate a link, run validations) declare none.

use super::tables;
use crate::typescript::{literal_union, members_are};

literal_union! {
    /// Legal Talent's session statuses (`session.status`): exact, lowercase.
    pub type LegaltalentSessionStatus = tables::SESSION_STATUSES;
}

literal_union! {
    /// What the status PATCH may set: the columns of the manual transition table (the
    /// system-owned statuses and `awaiting_client_correction` are warnings).
    pub type LegaltalentStatusTarget = &tables::TARGETS;
}

literal_union! {
    /// A step's status (`session.steps_data[].status`).
    pub type LegaltalentStepStatus = tables::STEP_STATUSES;
}

/// The body of `legaltalent.update_session_status` (`PATCH /kyc/sessions/{session_id}`;
/// the vendor does not publish it: ours, inferred).
#[derive(tsify::Tsify)]
pub struct LegaltalentUpdateSessionStatusBody {
    #[tsify(type = "LegaltalentStatusTarget")]
    pub status: String,
    #[tsify(optional)]
    pub reason: Option<String>,
}

members_are!(LegaltalentUpdateSessionStatusBody { status, reason } == tables::STATUS_BODY_KEYS);

/// The body of `legaltalent.request_corrections`
/// (`POST /kyc/sessions/{session_id}/corrections`).
#[derive(tsify::Tsify)]
pub struct LegaltalentRequestCorrectionsBody {
    /// At least one.
    pub corrections: Vec<LegaltalentCorrection>,
}

/// One step the customer must correct.
#[derive(tsify::Tsify)]
pub struct LegaltalentCorrection {
    /// A `step_id` of the session's `steps_data`, once per request.
    pub step_id: String,
    #[tsify(optional)]
    pub field_ids: Option<Vec<String>>,
    #[tsify(optional)]
    pub document_types: Option<Vec<String>>,
    /// What the customer is shown: not blank.
    pub message: String,
}

/// The parts of Legal Talent's Get Session Details JSON (`GET /kyc/sessions/{session_id}`)
/// that the rules read: `context.session`, and what `allowedActions("legaltalent", …)`
/// takes.
#[derive(tsify::Tsify)]
pub struct LegaltalentSession {
    #[tsify(optional, type = "LegaltalentSessionStatus")]
    pub status: Option<String>,
    /// The session's steps: a correction names one by its `step_id`.
    #[tsify(optional, type = "LegaltalentStep[] | null")]
    pub steps_data: Option<Vec<LegaltalentStep>>,
    /// `approved`, `flagged`, `manual_review` or `rejected`; `null` before processing.
    #[tsify(optional, type = "string | null")]
    pub final_decision: Option<String>,
    /// `true`: the public link has expired (as with status `expired`).
    #[tsify(optional)]
    pub is_expired: Option<bool>,
}

/// One step of `steps_data`.
#[derive(tsify::Tsify)]
pub struct LegaltalentStep {
    #[tsify(optional)]
    pub step_id: Option<String>,
    #[tsify(optional, type = "LegaltalentStepStatus | null")]
    pub status: Option<String>,
}
