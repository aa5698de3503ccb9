//! verifa: placeholder until its rules land.

use serde_json::Value;

use crate::actions::Action;
use crate::canonical::CanonicalStatus;
use crate::findings::Findings;
use crate::input::Input;
use crate::operation::Operation;
use crate::rule::rule_set;
use crate::Outcome;

rule_set! {
    #[serde(rename = "VerifaRule")]
    pub enum Rule for Some(Operation::VerifaUpdateSession) => {
        BodyType = "verifa.update_session.body_type", Error, Inferred, "the body is not a JSON object";
    }
}

pub fn update_session(_input: &Input<'_>, _f: &mut Findings<'_>) -> Outcome {
    Outcome::default()
}

pub fn canonical_status(_status: &str) -> Option<CanonicalStatus> {
    None
}

pub fn allowed_actions(_context: &Value) -> Vec<Action> {
    Vec::new()
}

pub fn merge_metadata(current: &serde_json::Map<String, Value>, _patch: &serde_json::Map<String, Value>) -> serde_json::Map<String, Value> {
    current.clone()
}
