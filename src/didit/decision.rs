//! Reading Didit's Get Decision JSON (`GET /v3/session/{id}/decision/`) as the caller
//! passes it in `context.decision`.

use serde_json::{Map, Value};

use super::tables::{DecisionArray, DECISION_ARRAYS};
use crate::findings::Findings;
use crate::input::Input;
use crate::path;
use crate::rule::InputRule;

/// An item of one of the decision's per-feature arrays.
#[derive(Clone, Copy, Debug)]
pub struct Step<'a> {
    pub array: &'static DecisionArray,
    /// `default` for an item without `node_id` (single-feature workflows).
    pub node_id: &'a str,
    pub status: Option<&'a str>,
}

#[derive(Clone, Copy)]
pub struct Decision<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Decision<'a> {
    pub fn new(map: &'a Map<String, Value>) -> Self {
        Decision { map }
    }

    /// `context.decision`, with a `context_invalid` warning for each field of the wrong shape.
    pub fn read(input: &Input<'a>, f: &mut Findings<'_>) -> Option<Decision<'a>> {
        let decision = Decision { map: input.context_object("decision", f)? };
        decision.report_shape(f);
        Some(decision)
    }

    fn report_shape(&self, f: &mut Findings<'_>) {
        for key in ["status", "session_type"] {
            if matches!(self.map.get(key), Some(v) if !v.is_string() && !v.is_null()) {
                f.raise(InputRule::ContextInvalid, path!["context", "decision", key], "expected a string; ignored");
            }
        }
        for array in DECISION_ARRAYS {
            if matches!(self.map.get(array.key), Some(v) if !v.is_array() && !v.is_null()) {
                f.raise(InputRule::ContextInvalid, path!["context", "decision", array.key], "expected an array or null; ignored");
            }
        }
    }

    pub fn status(&self) -> Option<&'a str> {
        self.map.get("status")?.as_str()
    }

    pub fn session_type(&self) -> Option<&'a str> {
        self.map.get("session_type")?.as_str()
    }

    /// Every step of every known array, array by array in `DECISION_ARRAYS` order.
    pub fn steps(&self) -> impl Iterator<Item = Step<'a>> + 'a {
        let map = self.map;
        DECISION_ARRAYS.iter().flat_map(move |array| {
            let items = map.get(array.key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            items.iter().filter_map(Value::as_object).map(move |item| Step {
                array,
                node_id: item.get("node_id").and_then(Value::as_str).unwrap_or("default"),
                status: item.get("status").and_then(Value::as_str),
            })
        })
    }

    pub fn step(&self, node_id: &str) -> Option<Step<'a>> {
        self.steps().find(|step| step.node_id == node_id)
    }

    /// The position of a node in the workflow graph: its index in `features` when
    /// those entries carry `node_id`.
    pub fn graph_position(&self, node_id: &str) -> Option<usize> {
        let features = self.map.get("features")?.as_array()?;
        features.iter().position(|entry| entry.get("node_id").and_then(Value::as_str) == Some(node_id))
    }
}
