//! Legal Talent: placeholder until its rules land.

use serde_json::Value;

use crate::actions::Action;
use crate::canonical::CanonicalStatus;
use crate::findings::Findings;
use crate::input::Input;
use crate::operation::Operation;
use crate::rule::rule_set;
use crate::Outcome;

rule_set! {
    #[serde(rename = "LegaltalentStatusRule")]
    pub enum StatusRule for Some(Operation::LegaltalentUpdateSessionStatus) => {
        BodyType = "legaltalent.update_session_status.body_type", Error, Inferred, "the body is not a JSON object";
    }
}

rule_set! {
    #[serde(rename = "LegaltalentCorrectionsRule")]
    pub enum CorrectionsRule for Some(Operation::LegaltalentRequestCorrections) => {
        BodyType = "legaltalent.request_corrections.body_type", Error, Inferred, "the body is not a JSON object";
    }
}

pub fn update_session_status(_input: &Input<'_>, _f: &mut Findings<'_>) -> Outcome {
    Outcome::default()
}

pub fn request_corrections(_input: &Input<'_>, _f: &mut Findings<'_>) -> Outcome {
    Outcome::default()
}

pub fn canonical_status(_status: &str) -> Option<CanonicalStatus> {
    None
}

pub fn allowed_actions(_context: &Value) -> Vec<Action> {
    Vec::new()
}
