//! Which steps Didit resubmits when `nodes_to_resubmit` is omitted (rules.md,
//! "Auto-selection").

use serde::Serialize;

use super::decision::{Decision, Step};
use super::tables::RESUBMITTABLE_ITEM_STATUSES;
use super::DiditSessionRule;
use crate::json::Value;
use crate::order::sort_stable;
use crate::path;
use crate::report::{Issue, ResubmitNode};
use crate::rule::{InputRule, RuleId};

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct AutoSelection {
    /// The steps the server will reset, in workflow-graph order.
    pub nodes: Vec<ResubmitNode>,
    /// `auto_select_empty` when nothing is selected; `context_invalid` for a decision
    /// that is not an object.
    pub issue: Option<Issue>,
}

pub const NOTHING_TO_RESUBMIT: &str = "No features found that need resubmission. All features are already approved.";

/// `autoSelectResubmission(decision)`.
pub fn auto_select(decision: &Value) -> AutoSelection {
    let Some(map) = decision.as_object() else {
        let issue =
            issue(InputRule::ContextInvalid.into(), path!["context", "decision"], "the decision must be an object");
        return AutoSelection { nodes: Vec::new(), issue: Some(issue) };
    };
    let nodes = select(&Decision::new(map));
    let issue = nodes
        .is_empty()
        .then(|| issue(DiditSessionRule::AutoSelectEmpty.into(), path!["body", "nodes_to_resubmit"], EMPTY_MESSAGE));
    AutoSelection { nodes, issue }
}

pub const EMPTY_MESSAGE: &str =
    "no step of the decision needs resubmission (none is Declined, In Review, Not Finished or Expired): the server refuses Resubmitted";

/// The selected steps in graph order (rule 5).
pub fn select(decision: &Decision<'_>) -> Vec<ResubmitNode> {
    let positions = decision.graph_positions();
    let picked: Vec<(usize, Step<'_>)> = decision
        .steps()
        .filter(|step| step.array.auto_selected && is_resubmittable(step))
        .map(|step| (positions.get(step.node_id).copied().unwrap_or(usize::MAX), step))
        .collect();
    // Stable: steps at the same position keep their array order.
    sort_stable(picked, |(a, _), (b, _)| a.cmp(b))
        .into_iter()
        .map(|(_, step)| ResubmitNode { node_id: step.node_id.to_owned(), feature: step.array.feature.to_owned() })
        .collect()
}

fn is_resubmittable(step: &Step<'_>) -> bool {
    step.status.is_some_and(|status| RESUBMITTABLE_ITEM_STATUSES.contains(&status))
}

fn issue(rule: RuleId, path: Vec<crate::report::PathSegment>, message: &str) -> Issue {
    let info = rule.info();
    Issue { rule, severity: info.severity, path, message: message.to_owned(), source: info.source, hint: None }
}
