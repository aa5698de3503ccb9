//! `didit.update_session_status`: server order is route, authentication, the current
//! status, then the body (field errors merged as DRF renders them), then the view's
//! own checks.

use std::borrow::Cow;

use super::auto_select::{self, NOTHING_TO_RESUBMIT};
use super::decision::Decision;
use super::drf::{self, drf_detail, drf_field, drf_value, FieldErrors};
use super::tables::*;
use super::{body_type, check_auth, check_session_id, invalid_choice, DiditSessionRule as R, SAME_STATUS};
use crate::email::is_valid_email;
use crate::findings::{Findings, Stage};
use crate::input::{Body, Input};
use crate::json::{Map, Value};
use crate::operation::Outcome;
use crate::order::{first_occurrences, sort_stable};
use crate::path;
use crate::report::{Effect, ResubmitNode, Severity};
use crate::text::{char_len, did_you_mean, near_choice};

const COMMENT_LIMIT: usize = 10_000;

/// A valid `nodes_to_resubmit` item; `node_id` as the server keeps it (trimmed, a
/// number as its text).
struct Node<'a> {
    index: usize,
    node_id: Cow<'a, str>,
    feature: &'a str,
    canonical: &'a str,
}

pub fn update_session_status(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    check_session_id(input, R::SessionIdFormat, f);
    check_auth(input, R::AuthMissing, f);
    let decision = Decision::read(input, f);
    let current = decision.as_ref().and_then(Decision::status);
    check_current_status(current, f);
    drf::check_media_type(input, R::ContentType, f);
    let empty = Map::new();
    let body = match input.body {
        Body::Unreadable => return Outcome::default(),
        // DRF reads a request without a body as an empty form.
        Body::Absent => &empty,
        Body::Json(Value::Object(map)) => map,
        Body::Json(other) => return body_type(other, R::BodyType, f),
    };
    let mut errors = FieldErrors::default();
    let target = check_new_status(body, &mut errors, f);
    check_comment(body, &mut errors, f);
    let send_email = check_send_email(body, &mut errors, f);
    check_email_fields(body, send_email, &mut errors, f);
    let nodes = check_nodes(body, &mut errors, f);
    check_unknown_fields(body, f);
    if let Some(answer) = errors.into_body("nodes_to_resubmit") {
        f.respond(Stage::Body, 400, answer);
    }
    check_email_required(body, send_email, f);
    check_kyb_parents(body, f);
    let Some(target) = target else { return Outcome::default() };
    check_same_status(current, target, f);
    let nodes = nodes.map(|nodes| dedupe(nodes, f));
    let kept = nodes.as_ref().map(|(kept, _)| kept.as_slice());
    let reset = plan_reset(target, body, kept, decision.as_ref(), f);
    Outcome {
        body: nodes.as_ref().and_then(|(kept, repeats)| normalized_body(body, kept, repeats)),
        effects: effects(target, current, send_email == Some(true), reset),
    }
}

fn check_current_status(current: Option<&str>, f: &mut Findings<'_>) {
    let Some(current) = current else { return };
    if UPDATABLE_FROM.contains(&current) {
        return;
    }
    let message =
        "only sessions that are Approved, Declined, In Review, Kyc Expired, Abandoned or Resubmitted can be updated";
    if f.raise(R::CurrentStatusEligible, path!["context", "decision", "status"], message).is_error() {
        let detail = format!("Only sessions with status Approved, Declined, In Review, Kyc Expired, Abandoned, Resubmitted can be updated. Current status: {current}");
        f.respond(Stage::Session, 400, drf_detail(&detail));
    }
}

/// The target, when `new_status` is one of the three manual targets.
fn check_new_status<'b>(body: &'b Map, errors: &mut FieldErrors, f: &mut Findings<'_>) -> Option<&'b str> {
    let at = || path!["body", "new_status"];
    let value = match body.get("new_status") {
        None => {
            return field_error(f, errors, R::NewStatusRequired, "new_status", "new_status is required", drf::REQUIRED)
        }
        Some(Value::Null) => {
            return field_error(
                f,
                errors,
                R::NewStatusRequired,
                "new_status",
                "new_status must not be null",
                drf::NOT_NULL,
            )
        }
        Some(value) => value,
    };
    let text = value.as_str().unwrap_or_default();
    if !SESSION_STATUSES.contains(&text) {
        let raised = f.raise(R::NewStatusChoice, at(), "new_status is not a Didit session status");
        let raised = match value.as_str().and_then(|s| near_choice(s, SESSION_STATUSES)) {
            Some(choice) => raised.hint(did_you_mean(choice)),
            None => raised,
        };
        if raised.is_error() {
            errors.field("new_status", invalid_choice(value));
        }
        return None;
    }
    if !MANUAL_TARGETS.contains(&text) {
        let message = "new_status can only be Approved, Declined or Resubmitted";
        if f.raise(R::NewStatusTarget, at(), message).is_error() {
            errors.field(
                "new_status",
                "You can only update the status to 'Approved', 'Declined', or 'Resubmitted'.".into(),
            );
        }
        return None;
    }
    Some(text)
}

/// Raises a field-level error and records the server's message for it.
fn field_error<T>(
    f: &mut Findings<'_>,
    errors: &mut FieldErrors,
    rule: R,
    field: &'static str,
    message: &str,
    server: &str,
) -> Option<T> {
    if f.raise(rule, path!["body", field], message).is_error() {
        errors.field(field, server.to_owned());
    }
    None
}

/// DRF's `CharField(required=False, allow_blank=True)`: a number is taken as its text,
/// surrounding whitespace is trimmed, a NUL character is refused.
fn check_comment(body: &Map, errors: &mut FieldErrors, f: &mut Findings<'_>) {
    let Some(value) = body.get("comment") else { return };
    let server = match drf::char_field(value, true, drf::NOT_STRING) {
        Ok(text) if !text.contains('\0') => {
            let n = char_len(&text);
            if n > COMMENT_LIMIT {
                let message = format!(
                    "comment is {n} characters (Unicode scalar values) once the server trims surrounding whitespace; the limit is {COMMENT_LIMIT}"
                );
                f.raise(R::CommentLength, path!["body", "comment"], message);
            }
            return;
        }
        Ok(_) => drf::NO_NUL,
        Err(server) => server,
    };
    field_error::<()>(f, errors, R::CommentType, "comment", &drf::refusal("comment", server), server);
}

/// `send_email` as the server reads it: DRF's `BooleanField` coerces a few strings and
/// numbers (a warning: the server takes them).
fn check_send_email(body: &Map, errors: &mut FieldErrors, f: &mut Findings<'_>) -> Option<bool> {
    let value = body.get("send_email")?;
    match drf::boolean_field(value) {
        Ok(b) if value.is_boolean() => Some(b),
        Ok(b) => {
            let message = "send_email should be a JSON boolean; the server coerces this value";
            f.raise_as(R::SendEmailType, Severity::Warning, path!["body", "send_email"], message)
                .hint(format!("send {b}"));
            Some(b)
        }
        Err(server) => {
            field_error(f, errors, R::SendEmailType, "send_email", "send_email must be a JSON boolean", server)
        }
    }
}

/// What DRF's `EmailField` answers for a value, in order: nothing when it is valid.
fn email_refusals(value: &Value) -> Vec<&'static str> {
    const INVALID: &str = "Enter a valid email address.";
    match drf::char_field(value, false, INVALID) {
        Err(server) => vec![server],
        Ok(text) => {
            let nul = text.contains('\0').then_some(drf::NO_NUL);
            nul.into_iter().chain((!is_valid_email(&text)).then_some(INVALID)).collect()
        }
    }
}

fn check_email_fields(body: &Map, send_email: Option<bool>, errors: &mut FieldErrors, f: &mut Findings<'_>) {
    if let Some(address) = body.get("email_address") {
        let refusals = email_refusals(address);
        if let Some(first) = refusals.first() {
            let message = match *first {
                drf::NOT_NULL | drf::NOT_BLANK | drf::NO_NUL => drf::refusal("email_address", first),
                _ => "email_address is not a valid address (Django's EmailValidator, once the server trims surrounding whitespace)".to_owned(),
            };
            if f.raise(R::EmailFormat, path!["body", "email_address"], message).is_error() {
                for server in refusals {
                    errors.field("email_address", server.to_owned());
                }
            }
        }
    }
    if let Some(language) = body.get("email_language") {
        // A `CharField`: the server compares the trimmed text with its codes.
        let server = match drf::char_field(language, true, drf::NOT_STRING) {
            Ok(code) if !code.contains('\0') => {
                if !EMAIL_LANGUAGES.contains(&code.as_ref()) {
                    let message = "email_language is not a known code: the server sends the email in English (en)";
                    let raised = f.raise(R::EmailLanguageKnown, path!["body", "email_language"], message);
                    if let Some(known) = near_choice(&code, EMAIL_LANGUAGES) {
                        raised.hint(did_you_mean(known));
                    }
                }
                None
            }
            Ok(_) => Some(drf::NO_NUL),
            Err(server) => Some(server),
        };
        if let Some(server) = server {
            let message = drf::refusal("email_language", server);
            field_error::<()>(f, errors, R::EmailLanguageType, "email_language", &message, server);
        }
    }
    if send_email != Some(true) {
        for field in ["email_address", "email_language"] {
            if body.contains_key(field) {
                f.raise(
                    R::EmailUnused,
                    path!["body", field],
                    format!("{field} has no effect unless send_email is true"),
                );
            }
        }
    }
}

fn check_email_required(body: &Map, send_email: Option<bool>, f: &mut Findings<'_>) {
    let missing = body.get("email_address").map_or(true, Value::is_null);
    if send_email != Some(true) || !missing {
        return;
    }
    let message = "email_address is required when send_email is true";
    if f.raise(R::EmailRequired, path!["body", "email_address"], message).is_error() {
        f.respond(Stage::Object, 400, drf_field("email_address", "Email address is required when send_email is true."));
    }
}

/// The valid items, or `None` when `nodes_to_resubmit` is absent or not a list.
fn check_nodes<'b>(body: &'b Map, errors: &mut FieldErrors, f: &mut Findings<'_>) -> Option<Vec<Node<'b>>> {
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

fn check_unknown_fields(body: &Map, f: &mut Findings<'_>) {
    let known = |key: &str| SESSION_BODY_KEYS.contains(&key);
    let hint = |key: &str| near_choice(key, SESSION_BODY_KEYS).map(did_you_mean);
    f.raise_unknown_fields(R::UnknownField, body, known, hint, "the server does not read this field and ignores it");
}

fn check_kyb_parents(body: &Map, f: &mut Findings<'_>) {
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

fn check_same_status(current: Option<&str>, target: &str, f: &mut Findings<'_>) {
    if current != Some(target) {
        return;
    }
    let message = "new_status equals the session's current status";
    if f.raise(R::SameStatus, path!["body", "new_status"], message).is_error() {
        f.respond(Stage::Logic, 400, Value::Array(vec![SAME_STATUS.into()]));
    }
}

/// Drops exact repeats of (node_id, canonical feature), warning at each repeat; gives
/// the kept nodes and the item indices of the repeats, in item order.
fn dedupe<'b>(nodes: Vec<Node<'b>>, f: &mut Findings<'_>) -> (Vec<Node<'b>>, Vec<usize>) {
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
fn plan_reset(
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
fn normalized_body(body: &Map, kept: &[Node<'_>], repeats: &[usize]) -> Option<Value> {
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

fn effects(target: &str, current: Option<&str>, emails: bool, reset: Vec<ResubmitNode>) -> Vec<Effect> {
    let mut effects = vec![Effect::Webhook { event: "status.updated" }, Effect::ReviewEntry];
    if target == "Resubmitted" {
        effects.push(Effect::StepsReset { nodes: reset });
    }
    effects.push(Effect::Status { to: target.to_owned() });
    match (target, current) {
        ("Declined", _) => effects.push(Effect::AmlMonitoringDisabled),
        ("Approved", Some("Declined" | "Resubmitted" | "Kyc Expired")) => effects.push(Effect::AmlMonitoringEnabled),
        _ => {}
    }
    if emails {
        effects.push(Effect::Email);
    }
    effects
}
