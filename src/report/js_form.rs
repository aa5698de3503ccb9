//! The forms of a report written for the JS layer (`pkg-template/src/wire.js`): the
//! binding's calls (`boundary::validate_call`, `validate_batch_call`) answer a valid
//! request in the compact form and the rest in the JS form. The JS form leaves out what JS rebuilds more cheaply than
//! it could be written and parsed — `request.body` where `JSON.parse(bodyText)` gives the
//! same value, and `request.bodyText` where it is the very body JS sent — and it is
//! written by hand: serde_json's serializer, at opt-level "z", cost about a third of a
//! valid request (bench/findings.md). Builds without the `wasm` feature (native callers,
//! `validate_json`) get the full, derived form; the tests below hold the two forms equal.

// Without the `wasm` feature, reports serialize in the derived form: only the binding's
// calls and the tests write this one.
#![cfg_attr(not(feature = "wasm"), allow(dead_code))]

use std::fmt::{Display, Write as _};

use serde::ser::{SerializeStruct, Serializer};

use super::{Effect, Issue, PathSegment, PredictedResponse, PreparedRequest, Report, ResubmitNode};
use crate::json::Value;

/// The report in the JS form with every `bodyText` kept (what JS sent is not known).
pub(crate) fn text_outside_a_call(report: &Report) -> String {
    written(report, None)
}

/// Between the reports of a batch's answer (see [`batch_answer`]).
pub(crate) const BATCH_SEPARATOR: char = '\u{1e}';

/// A single call's answer: the compact form of a clean, valid report (see [`compact`]),
/// else the report in the JS form. `sent` is the body JS sent, text or bytes.
pub(crate) fn answer(report: &Report, sent: &[u8]) -> String {
    compact(report, Some(sent)).unwrap_or_else(|| written(report, Some(sent)))
}

/// A batch's answer for one report: as [`answer`], every `bodyText` kept. The reports
/// are separated by U+001E, which neither form holds raw: JSON escapes it, and the raw
/// `bodyText` of a valid request is JSON text (the fallback covers any other).
pub(crate) fn batch_answer(report: &Report) -> String {
    compact(report, None).unwrap_or_else(|| written(report, None))
}

/// A valid request's report as `+` and newline-separated sections, which wire.js
/// (`fromCompact`) expands without a `JSON.parse` of the report: the method; the path;
/// the headers as JSON, empty for the default `Content-Type` alone; the issues (warnings)
/// and the effects as JSON arrays, empty for none; the body as JSON, empty where
/// `JSON.parse(bodyText)` gives it; then, only when it is not the body JS sent, a newline
/// and `bodyText` verbatim. No section but the last holds a raw newline: JSON text
/// escapes it, and a path is a template's literal text and percent-encoded parameters.
/// `None` (the JSON form) for a report with a response or truncated issues.
fn compact(report: &Report, sent: Option<&[u8]>) -> Option<String> {
    let Report { ok: true, truncated: false, response: None, request: Some(request), issues, effects, .. } = report
    else {
        return None;
    };
    let PreparedRequest { method, path, headers, body, body_text } = request;
    if path.contains('\n') || body_text.contains(BATCH_SEPARATOR) {
        return None;
    }
    // Room for a few effects: one allocation for most valid requests.
    let mut json = Json(String::with_capacity(path.len().saturating_add(256)));
    json.raw("+");
    json.raw(method.name());
    json.raw("\n");
    json.raw(path);
    json.raw("\n");
    if !matches!(headers.0.as_slice(), [(name, value)] if name == "Content-Type" && value == "application/json") {
        json.entries(headers.0.iter().map(|(name, value)| (name, value)), |json, value: &String| json.str(value));
    }
    json.raw("\n");
    if !issues.is_empty() {
        json.list(issues, Json::issue);
    }
    json.raw("\n");
    if !effects.is_empty() {
        json.list(effects, Json::effect);
    }
    json.raw("\n");
    if !rebuilds(body, body_text) {
        json.value(body);
    }
    if sent != Some(body_text.as_bytes()) {
        json.raw("\n");
        json.raw(body_text);
    }
    Some(json.0)
}

pub(super) fn written(report: &Report, sent: Option<&[u8]>) -> String {
    let mut json = Json(String::with_capacity(1024));
    json.report(report, sent);
    json.0
}

/// Hands JSON text to serde_json verbatim, by the struct name its own `RawValue` uses
/// (`emit_passes_text_through` pins it): `RawValue::from_string` would parse it again.
pub(super) fn emit<S: Serializer>(serializer: S, text: &str) -> Result<S::Ok, S::Error> {
    const RAW_VALUE: &str = "$serde_json::private::RawValue";
    let mut raw = serializer.serialize_struct(RAW_VALUE, 1)?;
    raw.serialize_field(RAW_VALUE, text)?;
    raw.end()
}

/// True when `JSON.parse(text)` gives `body`. The text is written from the body or the
/// body parsed from the text, numbers kept as written, so they agree, except in U+FFFF
/// (it stands in for a lone surrogate the text still holds).
fn rebuilds(body: &Value, text: &str) -> bool {
    if text.is_empty() {
        return body.is_null();
    }
    // U+FFFF reaches the body only as written (EF BF BF) or as a `\u` escape (a lone
    // surrogate's, marked): a text with neither needs no walk of the body.
    let may_hold_marks = text.as_bytes().contains(&0xEF) || text.contains("\\u");
    !may_hold_marks || same_in_js(body)
}

fn same_in_js(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(_) | Value::Number(_) => true,
        Value::String(s) => !marked(s),
        Value::Array(items) => items.iter().all(same_in_js),
        Value::Object(map) => map.iter().all(|(k, v)| !marked(k) && same_in_js(v)),
    }
}

/// Holds U+FFFF (UTF-8 EF BF BF); the byte search first, as almost no text has 0xEF.
fn marked(s: &str) -> bool {
    s.as_bytes().contains(&0xEF) && s.contains('\u{FFFF}')
}

/// `key!("event")` is `,"event":`, one literal: the writer's cost is mostly per push.
macro_rules! key {
    ($name:literal) => {
        concat!(",\"", $name, "\":")
    };
}

/// `kind!("email")` opens an effect's object: `{"kind":"email"`.
macro_rules! kind {
    ($name:literal) => {
        concat!("{\"kind\":\"", $name, "\"")
    };
}

/// A JSON writer for the report's own types, field names as serde derives them.
struct Json(String);

impl Json {
    fn report(&mut self, report: &Report, sent: Option<&[u8]>) {
        let Report { ok, operation, issues, truncated, response, request, effects } = report;
        self.raw(if *ok { r#"{"ok":true"# } else { r#"{"ok":false"# });
        self.raw(key!("operation"));
        self.name(operation.id());
        self.raw(key!("issues"));
        self.list(issues, Self::issue);
        self.raw(if *truncated { r#","truncated":true"# } else { r#","truncated":false"# });
        self.raw(key!("response"));
        match response {
            Some(response) => self.response(response),
            None => self.raw("null"),
        }
        self.raw(key!("request"));
        match request {
            Some(request) => self.request(request, sent),
            None => self.raw("null"),
        }
        self.raw(key!("effects"));
        self.list(effects, Self::effect);
        self.raw("}");
    }

    fn issue(&mut self, issue: &Issue) {
        let Issue { rule, severity, path, message, source, hint } = issue;
        self.raw(r#"{"rule":"#);
        self.name(rule.id());
        self.raw(key!("severity"));
        self.name(severity.name());
        self.raw(key!("path"));
        self.list(path, Self::segment);
        self.raw(key!("message"));
        self.str(message);
        self.raw(key!("source"));
        self.name(source.name());
        if let Some(hint) = hint {
            self.raw(key!("hint"));
            self.str(hint);
        }
        self.raw("}");
    }

    fn segment(&mut self, segment: &PathSegment) {
        match segment {
            PathSegment::Key(key) => self.str(key),
            PathSegment::Index(index) => self.number(index),
        }
    }

    fn response(&mut self, response: &PredictedResponse) {
        let PredictedResponse { status, body } = response;
        self.raw(r#"{"status":"#);
        self.number(status);
        self.raw(key!("body"));
        self.value(body);
        self.raw("}");
    }

    fn request(&mut self, request: &PreparedRequest, sent: Option<&[u8]>) {
        let PreparedRequest { method, path, headers, body, body_text } = request;
        self.raw(r#"{"method":"#);
        self.name(method.name());
        self.raw(key!("path"));
        self.str(path);
        self.raw(key!("headers"));
        self.entries(headers.0.iter().map(|(name, value)| (name, value)), |json, value: &String| json.str(value));
        if !rebuilds(body, body_text) {
            self.raw(key!("body"));
            self.value(body);
        }
        if sent != Some(body_text.as_bytes()) {
            self.raw(key!("bodyText"));
            self.str(body_text);
        }
        self.raw("}");
    }

    fn effect(&mut self, effect: &Effect) {
        match effect {
            Effect::Webhook { event } => {
                self.raw(concat!(kind!("webhook"), key!("event")));
                self.str(event);
            }
            Effect::ReviewEntry => self.raw(kind!("review_entry")),
            Effect::StepsReset { nodes } => {
                self.raw(concat!(kind!("steps_reset"), key!("nodes")));
                self.list(nodes, Self::node);
            }
            Effect::Status { to } => {
                self.raw(concat!(kind!("status"), key!("to")));
                self.str(to);
            }
            Effect::AmlMonitoringDisabled => self.raw(kind!("aml_monitoring_disabled")),
            Effect::AmlMonitoringEnabled => self.raw(kind!("aml_monitoring_enabled")),
            Effect::Email => self.raw(kind!("email")),
            Effect::FeatureStatus { node_id, to } => {
                self.raw(concat!(kind!("feature_status"), key!("node_id")));
                self.str(node_id);
                self.raw(key!("to"));
                self.str(to);
            }
            Effect::MetadataMerged { result } => {
                self.raw(concat!(kind!("metadata_merged"), key!("result")));
                crate::json::write_map(&mut self.0, result);
            }
            Effect::ExternalRef { to } => {
                self.raw(concat!(kind!("external_ref"), key!("to")));
                self.value(to);
            }
            Effect::ComplianceStatus { to } => {
                self.raw(concat!(kind!("compliance_status"), key!("to")));
                self.name(to.name());
            }
            Effect::StepStatus { step_id, to } => {
                self.raw(concat!(kind!("step_status"), key!("step_id")));
                self.str(step_id);
                self.raw(key!("to"));
                self.str(to);
            }
            Effect::FinalDecisionCleared => self.raw(kind!("final_decision_cleared")),
            Effect::LinkStaysValid => self.raw(kind!("link_stays_valid")),
            Effect::ProcessingResults => self.raw(kind!("processing_results")),
            Effect::FinalDecisionSet => self.raw(kind!("final_decision_set")),
            Effect::LinkExtended => self.raw(kind!("link_extended")),
            Effect::LinkReplaced => self.raw(kind!("link_replaced")),
            Effect::OutputReplaced { note } => {
                self.raw(concat!(kind!("output_replaced"), key!("note")));
                self.str(note);
            }
        }
        self.raw("}");
    }

    fn node(&mut self, node: &ResubmitNode) {
        let ResubmitNode { node_id, feature } = node;
        self.raw(r#"{"node_id":"#);
        self.str(node_id);
        self.raw(key!("feature"));
        self.str(feature);
        self.raw("}");
    }

    fn value(&mut self, value: &Value) {
        crate::json::write_value(&mut self.0, value);
    }

    /// An object from its entries: headers, a JSON object.
    fn entries<'v, V: 'v>(&mut self, entries: impl Iterator<Item = (&'v String, &'v V)>, value: fn(&mut Self, &V)) {
        self.raw("{");
        for (i, (key, v)) in entries.enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.str(key);
            self.raw(":");
            value(self, v);
        }
        self.raw("}");
    }

    fn list<T>(&mut self, items: &[T], item: fn(&mut Self, &T)) {
        self.raw("[");
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            item(self, x);
        }
        self.raw("]");
    }

    fn number(&mut self, n: &impl Display) {
        let _ = write!(self.0, "{n}");
    }

    fn raw(&mut self, text: &str) {
        self.0.push_str(text);
    }

    /// An identifier (a rule or operation id, an enum's name): nothing in it to escape,
    /// as `names_need_no_escape` checks.
    fn name(&mut self, name: &str) {
        self.raw("\"");
        self.raw(name);
        self.raw("\"");
    }

    fn str(&mut self, s: &str) {
        crate::json::write_str(&mut self.0, s);
    }
}

#[cfg(test)]
mod tests;
