//! Didit's TypeScript types (the wasm build's `.d.ts`): its two request bodies and the
//! parts of its Get Decision JSON the rules read. The literal unions are rendered from
//! `tables`, and each body's members are checked against the keys its rules read.

use super::tables;
use crate::typescript::{literal_union, members_are};

literal_union! {
    /// Didit's session statuses (`decision.status`): exact, case-sensitive, with spaces.
    pub type DiditSessionStatus = tables::SESSION_STATUSES;
}

literal_union! {
    /// What update-status may set `new_status` to.
    pub type DiditSessionTarget = tables::MANUAL_TARGETS;
}

literal_union! {
    /// What feature update-status may set a step's `new_status` to.
    pub type DiditFeatureTarget = tables::FEATURE_TARGETS;
}

literal_union! {
    /// `nodes_to_resubmit[].feature`: the documented values (`ID_VERIFICATION`, `POA`,
    /// `PHONE` and `EMAIL` are aliases the server resolves; `KYB_REGISTRY`,
    /// `KYB_KEY_PEOPLE` and `KYB` are refused: resubmit the child KYC sessions).
    pub type DiditFeature = tables::FEATURES;
}

literal_union! {
    /// `email_language` codes the server knows (another falls back to `en`, with a warning).
    pub type DiditEmailLanguage = tables::EMAIL_LANGUAGES;
}

/// The decision arrays' keys, in `DECISION_ARRAYS` order.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const DECISION_ARRAY_KEYS: [&str; tables::DECISION_ARRAYS.len()] = {
    let mut keys = [""; tables::DECISION_ARRAYS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = tables::DECISION_ARRAYS[i].key;
        i += 1;
    }
    keys
};

literal_union! {
    /// The decision's per-feature arrays, each `null` until its step ran.
    pub type DiditDecisionArray = &DECISION_ARRAY_KEYS;
}

/// The body of `didit.update_session_status`
/// (`PATCH /v3/session/{sessionId}/update-status/`).
#[derive(tsify::Tsify)]
pub struct DiditUpdateSessionStatusBody {
    #[tsify(type = "DiditSessionTarget")]
    pub new_status: String,
    /// Up to 10,000 characters (a longer one is a warning).
    #[tsify(optional)]
    pub comment: Option<String>,
    /// With `true`, `email_address` is required.
    #[tsify(optional)]
    pub send_email: Option<bool>,
    #[tsify(optional)]
    pub email_address: Option<String>,
    #[tsify(optional, type = "DiditEmailLanguage")]
    pub email_language: Option<String>,
    /// The steps to resubmit, with `Resubmitted` (checked, then ignored, with Approved or
    /// Declined). Omitted with `Resubmitted`: the server picks them (`autoSelectResubmission`).
    #[tsify(optional)]
    pub nodes_to_resubmit: Option<Vec<DiditNodeToResubmit>>,
    #[tsify(optional)]
    pub email_preview_token: Option<String>,
}

members_are!(
    DiditUpdateSessionStatusBody {
        new_status,
        comment,
        send_email,
        email_address,
        email_language,
        nodes_to_resubmit,
        email_preview_token,
    } == tables::SESSION_BODY_KEYS
);

/// One step of `nodes_to_resubmit`.
#[derive(tsify::Tsify)]
pub struct DiditNodeToResubmit {
    /// The step's `node_id` in the decision (`default` in a single-feature workflow).
    pub node_id: String,
    #[tsify(type = "DiditFeature")]
    pub feature: String,
}

/// The body of `didit.update_feature_status`
/// (`PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/`).
#[derive(tsify::Tsify)]
pub struct DiditUpdateFeatureStatusBody {
    #[tsify(type = "DiditFeatureTarget")]
    pub new_status: String,
    #[tsify(optional)]
    pub comment: Option<String>,
    #[tsify(optional)]
    pub defer_until_flow_finishes: Option<bool>,
}

members_are!(
    DiditUpdateFeatureStatusBody { new_status, comment, defer_until_flow_finishes } == tables::FEATURE_BODY_KEYS
);

/// The parts of Didit's Get Decision JSON (`GET /v3/session/{id}/decision/`) that the
/// rules read: `context.decision`, and what `autoSelectResubmission` and
/// `allowedActions("didit", …)` take.
#[derive(tsify::Tsify)]
pub struct DiditDecision {
    #[tsify(optional, type = "DiditSessionStatus")]
    pub status: Option<String>,
    /// `API`, `HOSTED` or `MIGRATED`: an API session's steps cannot be changed.
    #[tsify(optional)]
    pub session_type: Option<String>,
    /// The workflow's steps in graph order: display names, or `{feature, node_id}`
    /// entries (auto-selection lists steps in this order).
    #[tsify(optional, type = "(string | { feature?: string; node_id?: string })[] | null")]
    pub features: Option<()>,
    #[serde(flatten)]
    pub arrays: DiditDecisionArrays,
}

/// The decision's per-feature arrays, each an array of steps (or `null`).
#[derive(tsify::Tsify)]
#[tsify(type = "{ [Key in DiditDecisionArray]?: DiditDecisionStep[] | null }")]
pub struct DiditDecisionArrays;

/// One item of a decision array: one step of the workflow.
#[derive(tsify::Tsify)]
pub struct DiditDecisionStep {
    /// Absent in a single-feature workflow, whose step is `default`.
    #[tsify(optional)]
    pub node_id: Option<String>,
    /// e.g. `Approved`, `Declined`, `In Review`, `Not Finished`, `Expired`, `Resub Requested`.
    #[tsify(optional)]
    pub status: Option<String>,
}
