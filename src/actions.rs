//! What a reviewer may do now, derived from the same tables validation uses.

use serde::Serialize;

use crate::json::Value;
use crate::operation::{Operation, Provider};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Action {
    #[cfg_attr(feature = "wasm", tsify(type = "Operation"))]
    pub operation: Operation,
    /// The target status (or node, for per-step actions), when the action has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub target: Option<String>,
    /// The step an action on one step acts on (Didit's `nodeId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub node_id: Option<String>,
    pub label: String,
    /// What the request still needs before it can be sent, as body field names.
    pub requires: Vec<String>,
}

impl Action {
    pub fn new(operation: Operation, target: Option<&str>, label: impl Into<String>, requires: &[&str]) -> Self {
        Action {
            operation,
            target: target.map(str::to_owned),
            node_id: None,
            label: label.into(),
            requires: requires.iter().map(|r| (*r).to_owned()).collect(),
        }
    }
}

/// The actions allowed now for the vendor's own state JSON (`{decision}`, `{session}`,
/// `{verification}`, as in `ValidateOptions.context`).
pub fn allowed_actions(provider: Provider, context: &Value) -> Vec<Action> {
    (provider.vendor().allowed_actions)(context)
}
