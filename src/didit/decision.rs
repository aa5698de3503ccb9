//! Reading Didit's Get Decision JSON (`GET /v3/session/{id}/decision/`) as the caller
//! passes it in `context.decision`.

use super::tables::{DecisionArray, DECISION_ARRAYS};
use crate::findings::Findings;
use crate::input::{report_context_fields, ContextField, Input};
use crate::json::{Map, Value};
use crate::order::Index;
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
    map: &'a Map,
}

impl<'a> Decision<'a> {
    pub fn new(map: &'a Map) -> Self {
        Decision { map }
    }

    /// `context.decision`, with a `context_invalid` warning for each field of the wrong shape.
    pub fn read(input: &Input<'a>, f: &mut Findings<'_>) -> Option<Decision<'a>> {
        let decision = Decision { map: input.context_object("decision", f)? };
        decision.report_shape(f);
        Some(decision)
    }

    fn report_shape(&self, f: &mut Findings<'_>) {
        let fields = [ContextField::string("status"), ContextField::string("session_type")];
        report_context_fields("decision", self.map, &fields, f);
        if matches!(self.map.get("features"), Some(v) if !v.is_array() && !v.is_null()) {
            f.raise(
                InputRule::ContextInvalid,
                path!["context", "decision", "features"],
                "expected an array or null; ignored",
            );
        }
        for array in DECISION_ARRAYS {
            if let Some(Value::Array(items)) = self.map.get(array.key) {
                let bad = items.iter().position(|item| !is_readable_step(item));
                if let Some(index) = bad {
                    let message =
                        "expected an object with a string node_id; lookups against this decision were skipped";
                    f.raise(InputRule::ContextInvalid, path!["context", "decision", array.key, index], message);
                }
            }
            if matches!(self.map.get(array.key), Some(v) if !v.is_array() && !v.is_null()) {
                f.raise(
                    InputRule::ContextInvalid,
                    path!["context", "decision", array.key],
                    "expected an array or null; ignored",
                );
            }
        }
    }

    /// True when every step array is an array (or null) of readable items: only then can
    /// a node that is not found be said to be missing.
    pub fn steps_readable(&self) -> bool {
        DECISION_ARRAYS.iter().all(|array| match self.map.get(array.key) {
            None | Some(Value::Null) => true,
            Some(Value::Array(items)) => items.iter().all(is_readable_step),
            Some(_) => false,
        })
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

    /// Every step by `node_id` (the first of a repeated id wins, as in `step`): one
    /// pass, so looking up every sent node stays linear in the input.
    pub fn steps_by_node(&self) -> Index<'a, Step<'a>> {
        Index::new(self.steps().map(|step| (step.node_id, step)))
    }

    /// Each node's position in the workflow graph: its index in `features` when those
    /// entries carry `node_id` (the first entry wins).
    pub fn graph_positions(&self) -> Index<'a, usize> {
        let features = self.map.get("features").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let node_ids = features.iter().map(|entry| entry.get("node_id").and_then(Value::as_str));
        Index::new(node_ids.enumerate().filter_map(|(position, node_id)| Some((node_id?, position))))
    }
}

fn is_readable_step(item: &Value) -> bool {
    item.as_object().is_some_and(|step| step.get("node_id").map_or(true, Value::is_string))
}
