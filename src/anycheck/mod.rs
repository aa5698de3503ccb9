//! anycheck: placeholder until its rules land.

use serde_json::Value;

use crate::actions::Action;
use crate::canonical::CanonicalStatus;
use crate::findings::Findings;
use crate::input::Input;
use crate::operation::Operation;
use crate::rule::rule_set;
use crate::Outcome;

rule_set! {
    #[serde(rename = "AnycheckRule")]
    pub enum Rule for Some(Operation::AnycheckUpdateVerification) => {
        BodyType = "anycheck.update_verification.body_type", Error, Inferred, "the body is not a JSON object";
    }
}

pub fn update_verification(_input: &Input<'_>, _f: &mut Findings<'_>) -> Outcome {
    Outcome::default()
}

pub fn canonical_status(_status: &str, _detail: Option<&Value>) -> Option<CanonicalStatus> {
    None
}

pub fn allowed_actions(_context: &Value) -> Vec<Action> {
    Vec::new()
}
