//! `nodes_to_resubmit`: each item checked as DRF checks it, the KYB parents, repeats
//! dropped, the items matched against the decision, and the steps a resubmission resets
//! in workflow-graph order (auto-selected when the request names none).

use std::borrow::Cow;

use super::field_error;
use crate::didit::auto_select::{self, NOTHING_TO_RESUBMIT};
use crate::didit::decision::Decision;
use crate::didit::drf::{self, drf_value, FieldErrors};
use crate::didit::tables::*;
use crate::didit::{invalid_choice, DiditSessionRule as R};
use crate::findings::{Findings, Stage};
use crate::json::{Map, Value};
use crate::order::{first_occurrences, sort_stable};
use crate::path;
use crate::report::ResubmitNode;
use crate::text::{did_you_mean, near_choice};

/// A valid `nodes_to_resubmit` item; `node_id` as the server keeps it (trimmed, a
/// number as its text).
pub(super) struct Node<'a> {
    index: usize,
    node_id: Cow<'a, str>,
    feature: &'a str,
    canonical: &'a str,
}

/// The valid items, or `None` when `nodes_to_resubmit` is absent or not a list.
pub(super) fn check_nodes<'b>(body: &'b Map, errors: &mut FieldErrors, f: &mut Findings<'_>) -> Option<Vec<Node<'b>>> {
    let items = match body.get("nodes_to_resubmit")? {
        Value::Array(items) => items,
        other => {
            let server = match other {
                Value::Null => drf::NOT_NULL.to_owned(),
                _ => format!("Expected a list of items but got type \"{}\".", drf::python_type(other)),
            };
            return field_error(
                f,
                errors,
                R::NodesType,
                "nodes_to_resubmit",
                "nodes_to_resubmit must be an array",
                &server,
            );
        }
    };
    errors.expect_items(items.len());
    let mut nodes = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        if f.is_full() {
            errors.stop_items_at(index);
        }
        if let Some(node) = check_node(index, item, errors, f) {
            nodes.push(node);
        }
    }
    Some(nodes)
}

/// Didit's own MCP tool (`@didit-protocol/mcp-server` 4.0) types the items as strings.
const OBJECT_ITEMS: &str = "each item is an object, {\"node_id\": \"…\", \"feature\": \"OCR\"}; Didit's MCP tool (@didit-protocol/mcp-server 4.0) types nodes_to_resubmit as a list of strings, which the API refuses";

fn check_node<'b>(index: usize, item: &'b Value, errors: &mut FieldErrors, f: &mut Findings<'_>) -> Option<Node<'b>> {
    let Some(object) = item.as_object() else {
        let at = path!["body", "nodes_to_resubmit", index];
        let raised = f.raise(R::NodeType, at, "each item must be an object with node_id and feature");
        let raised = if item.is_string() { raised.hint(OBJECT_ITEMS) } else { raised };
        match (raised.is_error(), item) {
            (false, _) => {}
            (true, Value::Null) => errors.null_item(index),
            (true, _) => {
                let kind = drf::python_type(item);
                errors.item(index, "non_field_errors", format!("Invalid data. Expected a dictionary, but got {kind}."));
            }
        }
        return None;
    };
    let node_id = check_node_id(index, object.get("node_id"), errors, f);
    let feature = check_feature(index, object.get("feature"), errors, f);
    Some(Node { index, node_id: node_id?, feature: feature?, canonical: canonical_feature(feature?) })
}

/// `node_id`, a `CharField`: the server keeps it trimmed, and a number as its text.
fn check_node_id<'b>(
    index: usize,
    value: Option<&'b Value>,
    errors: &mut FieldErrors,
    f: &mut Findings<'_>,
) -> Option<Cow<'b, str>> {
    let server = match value.map(|v| drf::char_field(v, false, drf::NOT_STRING)) {
        None => drf::REQUIRED,
        Some(Ok(id)) if !id.contains('\0') => return Some(id),
        Some(Ok(_)) => drf::NO_NUL,
        Some(Err(server)) => server,
    };
    let message = match server {
        drf::REQUIRED => "node_id is required".to_owned(),
        _ => drf::refusal("node_id", server),
    };
    if f.raise(R::NodeIdRequired, path!["body", "nodes_to_resubmit", index, "node_id"], message).is_error() {
        errors.item(index, "node_id", server.to_owned());
    }
    None
}

fn check_feature<'b>(
    index: usize,
    value: Option<&'b Value>,
    errors: &mut FieldErrors,
    f: &mut Findings<'_>,
) -> Option<&'b str> {
    let at = || path!["body", "nodes_to_resubmit", index, "feature"];
    let value = match value {
        None | Some(Value::Null) => {
            let server = if value.is_none() { drf::REQUIRED } else { drf::NOT_NULL };
            if f.raise(R::NodeFeatureRequired, at(), "feature is required").is_error() {
                errors.item(index, "feature", server.to_owned());
            }
            return None;
        }
        Some(value) => value,
    };
    match value.as_str() {
        Some(feature) if FEATURES.contains(&feature) => {
            if feature == "DOCUMENT_AI" {
                let message = "DOCUMENT_AI is documented but not in the server's own list of valid choices";
                f.raise(R::NodeFeatureDocumentAi, at(), message);
            }
            Some(feature)
        }
        text => {
            let raised = f.raise(R::NodeFeatureChoice, at(), "feature is not one of the 24 documented values");
            let raised = match text.and_then(|t| near_choice(t, FEATURES)) {
                Some(choice) => raised.hint(did_you_mean(choice)),
                None => raised,
            };
            if raised.is_error() {
                let server = format!("{} Valid choices are: {SERVER_FEATURE_CHOICES}", invalid_choice(value));
                errors.item(index, "feature", server);
            }
            None
        }
    }
}

pub(super) fn check_kyb_parents(body: &Map, f: &mut Findings<'_>) {
    let Some(items) = body.get("nodes_to_resubmit").and_then(Value::as_array) else { return };
    let mut offending: Vec<&str> = Vec::new();
    let mut any_error = false;
    for (index, item) in items.iter().enumerate() {
        let Some(feature) = item.get("feature").and_then(Value::as_str) else { continue };
        if !KYB_PARENT_FEATURES.contains(&feature) {
            continue;
        }
        let message = "KYB parent steps cannot be resubmitted directly: resubmit the relevant child KYC sessions";
        any_error |=
            f.raise(R::NodeFeatureKybParent, path!["body", "nodes_to_resubmit", index, "feature"], message).is_error();
        if !offending.contains(&feature) {
            offending.push(feature);
        }
    }
    if any_error {
        let text = format!("The following features cannot be resubmitted directly: {}. Resubmit the relevant child KYC sessions instead; the parent will recompute automatically.", offending.join(", "));
        f.respond(Stage::Object, 400, drf_value("nodes_to_resubmit", text.into()));
    }
}

/// Drops exact repeats of (node_id, canonical feature), warning at each repeat; gives
/// the kept nodes and the item indices of the repeats, in item order.
pub(super) fn dedupe<'b>(nodes: Vec<Node<'b>>, f: &mut Findings<'_>) -> (Vec<Node<'b>>, Vec<usize>) {
    let first =
        first_occurrences(&nodes, |a, b| (a.node_id.as_ref(), a.canonical).cmp(&(b.node_id.as_ref(), b.canonical)));
    let mut repeats = Vec::new();
    let mut kept: Vec<Node<'b>> = Vec::with_capacity(nodes.len());
    for (node, first) in nodes.into_iter().zip(first) {
        if first {
            kept.push(node);
        } else {
            let message = "this step is already listed: the prepared body drops the repeat";
            f.raise(R::NodeDuplicate, path!["body", "nodes_to_resubmit", node.index], message);
            repeats.push(node.index);
        }
    }
    (kept, repeats)
}

/// The steps a Resubmitted request resets, in graph order; warnings for nodes the
/// decision does not know or places in another array.
pub(super) fn plan_reset(
    target: &str,
    body: &Map,
    nodes: Option<&[Node<'_>]>,
    decision: Option<&Decision<'_>>,
    f: &mut Findings<'_>,
) -> Vec<ResubmitNode> {
    if let (Some(nodes), Some(decision)) = (nodes, decision.filter(|d| d.steps_readable())) {
        check_nodes_against(nodes, decision, f);
    }
    match (target, nodes) {
        ("Resubmitted", Some(nodes)) => {
            if nodes.is_empty() && body.get("nodes_to_resubmit").and_then(Value::as_array).is_some_and(Vec::is_empty) {
                f.raise(
                    R::NodesEmpty,
                    path!["body", "nodes_to_resubmit"],
                    "an empty list with Resubmitted: the server's behaviour is undocumented",
                );
            }
            graph_order(nodes, decision)
        }
        // Only an omitted list is auto-selected; one of the wrong type is a field error.
        ("Resubmitted", None) if !body.contains_key("nodes_to_resubmit") => auto_selected(decision, f),
        (_, Some(_)) => {
            let message = "nodes_to_resubmit is checked, then ignored, unless new_status is Resubmitted";
            f.raise(R::NodesIgnored, path!["body", "nodes_to_resubmit"], message);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn check_nodes_against(nodes: &[Node<'_>], decision: &Decision<'_>, f: &mut Findings<'_>) {
    let steps = decision.steps_by_node();
    for node in nodes {
        let at = || path!["body", "nodes_to_resubmit", node.index];
        match steps.get(node.node_id.as_ref()) {
            None => {
                f.raise(R::NodeUnknown, at(), "node_id is in none of the decision's feature arrays");
            }
            Some(step)
                if !UNTRACKED_FEATURES.contains(&node.canonical)
                    && !feature_matches_array(node.canonical, step.array.key) =>
            {
                let message = format!(
                    "the decision holds this node in {}, which is not the {} step",
                    step.array.key, node.canonical
                );
                f.raise(R::NodeFeatureMismatch, at(), message);
            }
            Some(_) => {}
        }
    }
}

fn graph_order(nodes: &[Node<'_>], decision: Option<&Decision<'_>>) -> Vec<ResubmitNode> {
    let positions = decision.map(Decision::graph_positions).unwrap_or_default();
    let placed: Vec<(usize, &Node<'_>)> =
        nodes.iter().map(|n| (positions.get(n.node_id.as_ref()).copied().unwrap_or(usize::MAX), n)).collect();
    sort_stable(placed, |(a, _), (b, _)| a.cmp(b))
        .into_iter()
        .map(|(_, n)| ResubmitNode { node_id: n.node_id.clone().into_owned(), feature: n.canonical.to_owned() })
        .collect()
}

fn auto_selected(decision: Option<&Decision<'_>>, f: &mut Findings<'_>) -> Vec<ResubmitNode> {
    let Some(decision) = decision else {
        let message = "without context.decision the steps the server will reset cannot be predicted";
        f.raise(R::AutoSelectUnpredictable, path!["body", "nodes_to_resubmit"], message);
        return Vec::new();
    };
    let nodes = auto_select::select(decision);
    if nodes.is_empty()
        && f.raise(R::AutoSelectEmpty, path!["body", "nodes_to_resubmit"], auto_select::EMPTY_MESSAGE).is_error()
    {
        f.respond(Stage::Logic, 400, drf_value("nodes_to_resubmit", NOTHING_TO_RESUBMIT.into()));
    }
    nodes
}

/// The body with aliases resolved and repeats dropped, when that changes anything.
/// Every other item goes through as sent, including one a rule turned off let pass.
pub(super) fn normalized_body(body: &Map, kept: &[Node<'_>], repeats: &[usize]) -> Option<Value> {
    let items = body.get("nodes_to_resubmit")?.as_array()?;
    // Both in item order, so looked up by binary search.
    let aliased: Vec<(usize, &str)> =
        kept.iter().filter(|n| n.feature != n.canonical).map(|n| (n.index, n.canonical)).collect();
    if repeats.is_empty() && aliased.is_empty() {
        return None;
    }
    let list = items
        .iter()
        .enumerate()
        .filter(|(index, _)| repeats.binary_search(index).is_err())
        .map(|(index, item)| {
            let mut item = item.clone();
            let canonical = aliased.binary_search_by_key(&index, |(at, _)| *at).ok().and_then(|at| aliased.get(at));
            if let (Some((_, canonical)), Some(map)) = (canonical, item.as_object_mut()) {
                map.insert("feature".to_owned(), Value::String((*canonical).to_owned()));
            }
            item
        })
        .collect();
    let mut body = body.clone();
    body.insert("nodes_to_resubmit".to_owned(), Value::Array(list));
    Some(Value::Object(body))
}
