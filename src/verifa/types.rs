//! Verifa's TypeScript types (the wasm build's `.d.ts`): its request body and the parts
//! of its Get Session JSON the rules read. The body's members are checked against the
//! fields the rules let a PATCH change (`tables::EDITABLE_FIELDS`).

use super::tables::EDITABLE_FIELDS;
use crate::typescript::members_are;

/// The body of `verifa.update_session` (`PATCH /api/v1/sessions/{session_id}`): only
/// these two fields can be changed, and any other key is refused.
#[derive(tsify::Tsify)]
pub struct VerifaUpdateSessionBody {
    /// Up to 255 characters. `null` is a warning: clearing it is undocumented.
    #[tsify(optional, type = "string | null")]
    pub external_ref: Option<String>,
    /// Merged one level deep into the stored metadata: a key replaces, `null` deletes
    /// (`mergeVerifaMetadata`). Each value's JSON text is at most 16,384 UTF-8 bytes.
    #[tsify(optional, type = "Record<string, unknown>")]
    pub metadata: Option<()>,
}

/// The editable fields' keys, in `EDITABLE_FIELDS` order.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const EDITABLE_KEYS: [&str; EDITABLE_FIELDS.len()] = {
    let mut keys = [""; EDITABLE_FIELDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = EDITABLE_FIELDS[i].key;
        i += 1;
    }
    keys
};

members_are!(VerifaUpdateSessionBody { external_ref, metadata } == &EDITABLE_KEYS);

/// The parts of Verifa's Get Session JSON that the rules read: `context.session`, and
/// what `allowedActions("verifa", …)` takes.
#[derive(tsify::Tsify)]
pub struct VerifaSession {
    /// e.g. `pending`, `under_review`, `completed`; `sandbox_pending` marks a sandbox
    /// session when `is_sandbox` is absent.
    #[tsify(optional)]
    pub status: Option<String>,
    /// A `redacted` session refuses every update.
    #[tsify(optional, type = "VerifaRetentionStatus")]
    pub retention_status: Option<String>,
    /// Checked against the API key's environment (`vk_live_…`, `vk_sandbox_…`).
    #[tsify(optional)]
    pub is_sandbox: Option<bool>,
    /// The stored metadata (`null`: none yet), which a metadata patch is merged into.
    #[tsify(optional, type = "Record<string, unknown> | null")]
    pub metadata: Option<()>,
}
