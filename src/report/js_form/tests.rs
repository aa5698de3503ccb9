//! The JS form against the full, derived form of every report, effect and field. Test code:
//! the module is declared under `#[cfg(test)]` in js_form.rs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::borrow::Cow;

use serde_json::{json, Value as Json};

use super::*;
use crate::canonical::CanonicalStatus;
use crate::input::{BodyInput, RequestInput};
use crate::operation::{Method, Operation};
use crate::options::ValidateOptions;
use crate::report::{Headers, Severity, Source};
use crate::rule::InputRule;
// Also run on wasm32 by `npm test` (wasm-bindgen-test-runner, in Node).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const SESSION: &str = "11111111-2222-4333-8444-555555555555";

fn full(report: &Report) -> Json {
    serde_json::to_value(report).unwrap()
}

fn ours(value: Json) -> Value {
    crate::json::parse(&value.to_string()).unwrap()
}

fn js(report: &Report, sent: Option<&[u8]>) -> Json {
    serde_json::from_str(&written(report, sent)).unwrap()
}

fn validate(op: Operation, body: &str, options: &str) -> Report {
    let input = RequestInput {
        path: Some(ours(json!({ "sessionId": SESSION, "session_id": SESSION, "nodeId": "n1", "id": SESSION }))),
        headers: Some(ours(json!({ "X-API-Key": "vk_live_k", "Verifa-Version": "2024-01-31", "X-Note": "a\"\n" }))),
        body: BodyInput::Text(body),
        non_finite: None,
    };
    crate::validate(op, &input, &ValidateOptions::from_json(options).unwrap())
}

/// Every form JS receives (the JS form, a single call's answer and a batch's) equals the
/// full form once rebuilt as wire.js rebuilds it.
fn assert_same(report: &Report, sent_text: &str) {
    let (sent, op) = (Some(sent_text), report.operation.id());
    assert_eq!(rebuild(&written(report, Some(sent_text.as_bytes())), sent, op), full(report));
    assert_eq!(rebuild(&answer(report, sent_text.as_bytes()), sent, op), full(report));
    assert_eq!(rebuild(&batch_answer(report), None, op), full(report));
    assert!(!batch_answer(report).contains(BATCH_SEPARATOR));
}

/// wire.js's `fromCompact` and `fromWire`, over serde_json values.
fn rebuild(answer: &str, sent: Option<&str>, operation: &str) -> Json {
    let parse = |text: &str, empty: Json| if text.is_empty() { empty } else { serde_json::from_str(text).unwrap() };
    let mut report = match answer.strip_prefix('+') {
        None => serde_json::from_str(answer).unwrap(),
        Some(compact) => {
            let mut sections = compact.splitn(7, '\n');
            let mut next = || sections.next().unwrap();
            let (method, path, headers, issues, effects, body) = (next(), next(), next(), next(), next(), next());
            let mut request = json!({ "method": method, "path": path });
            request["headers"] = parse(headers, json!({ "Content-Type": "application/json" }));
            if !body.is_empty() {
                request["body"] = parse(body, Json::Null);
            }
            if let Some(text) = sections.next() {
                request["bodyText"] = text.into();
            }
            let (issues, effects) = (parse(issues, json!([])), parse(effects, json!([])));
            json!({ "ok": true, "operation": operation, "issues": issues, "truncated": false, "response": null, "request": request, "effects": effects })
        }
    };
    if let Some(request) = report["request"].as_object_mut() {
        let text = request.get("bodyText").and_then(Json::as_str).or(sent).unwrap().to_owned();
        let body = match request.get("body") {
            Some(body) => body.clone(),
            None if text.is_empty() => Json::Null,
            None => serde_json::from_str(&text).unwrap(),
        };
        request.insert("body".into(), body);
        request.insert("bodyText".into(), text.into());
    }
    report
}

#[test]
fn valid_and_invalid_reports_of_every_operation_match_the_full_form() {
    let bodies = [
        r#"{"new_status":"Declined","comment":"a \"quote\", a \\ and a\ttab\u0001","send_email":false}"#,
        r#"{"new_status":"Resubmitted","nodes_to_resubmit":[{"node_id":"n1","feature":"ID_VERIFICATION"}]}"#,
        r#"{"new_status":"Approved","comment":"é 😀 \u2028"}"#,
        r#"{"external_ref":"r","metadata":{"k":"v","n":-3,"f":1.5,"big":18446744073709551615}}"#,
        r#"{"status":"approved","reason":"r"}"#,
        r#"{"message":"m","steps":["identity"]}"#,
        r#"{"verification_status":"COMPLETED","output":{}}"#,
        r#"{"new_status":"approved","comment":42,"nodes_to_resubmit":[{"feature":"OCR"}]}"#,
        r#"{"a":"\ud800"}"#,
        "{",
        "",
    ];
    let (mut prepared, mut compact) = (0, 0);
    for op in crate::registry::all_operations() {
        for body in bodies {
            for options in ["{}", r#"{"severity":{"invalid_unicode":"warning","json_syntax":"warning"}}"#] {
                let report = validate(op, body, options);
                assert_same(&report, body);
                assert_same(&report, "not what was sent");
                prepared += usize::from(report.request.is_some());
                compact += usize::from(answer(&report, body.as_bytes()).starts_with('+'));
            }
        }
    }
    // Valid ones in every operation, a body only JS rebuilds, a U+FFFF one, no body.
    assert!(prepared >= 12, "{prepared}");
    // Valid requests answer in the compact form (none of these has a response).
    assert_eq!(compact, prepared);
}

#[test]
fn every_effect_and_field_matches_the_full_form() {
    let effects = vec![
        Effect::Webhook { event: "status.updated" },
        Effect::ReviewEntry,
        Effect::StepsReset { nodes: vec![ResubmitNode { node_id: "n\"1".into(), feature: "OCR".into() }] },
        Effect::Status { to: "Declined".into() },
        Effect::AmlMonitoringDisabled,
        Effect::AmlMonitoringEnabled,
        Effect::Email,
        Effect::FeatureStatus { node_id: "n1".into(), to: "Approved".into() },
        Effect::MetadataMerged {
            result: ours(json!({ "a": [1, -2, 0.5, null, true], "b": { "c": "\u{7}" } })).as_object().unwrap().clone(),
        },
        Effect::ExternalRef { to: Value::Null },
        Effect::ExternalRef { to: Value::from("r") },
        Effect::ComplianceStatus { to: CanonicalStatus::ManualReview },
        Effect::StepStatus { step_id: "identity".into(), to: "needs_correction" },
        Effect::FinalDecisionCleared,
        Effect::LinkStaysValid,
        Effect::ProcessingResults,
        Effect::FinalDecisionSet,
        Effect::LinkExtended,
        Effect::LinkReplaced,
        Effect::OutputReplaced { note: "a note" },
    ];
    let issue = |hint: Option<&str>| Issue {
        rule: InputRule::JsonSyntax.into(),
        severity: Severity::Warning,
        path: vec![PathSegment::Key(Cow::Borrowed("body")), PathSegment::Index(3)],
        message: "line 1 \"x\"".into(),
        source: Source::Stated,
        hint: hint.map(String::from),
    };
    let body = ours(json!({ "b": 1.25, "a": "\u{FFFF}" }));
    let report = Report {
        ok: true,
        operation: crate::verifa::UPDATE_SESSION,
        issues: vec![issue(None), issue(Some("did you mean \"x\"?"))],
        truncated: true,
        response: Some(PredictedResponse { status: 422, body: ours(json!({ "detail": ["x"] })) }),
        request: Some(PreparedRequest {
            method: Method::Put,
            path: "/p".into(),
            headers: Headers(vec![("A".to_owned(), "b".to_owned())]),
            body: body.clone(),
            body_text: body.to_string(),
        }),
        effects: effects.clone(),
    };
    assert_same(&report, "");
    for status in CanonicalStatus::ALL {
        let one = Report { effects: vec![Effect::ComplianceStatus { to: status }], ..report.clone() };
        assert_same(&one, "");
    }
}

#[test]
fn body_and_text_are_left_out_only_where_js_rebuilds_them() {
    let text = r#"{"new_status":"Approved"}"#;
    let report = validate(crate::didit::UPDATE_SESSION_STATUS, text, "{}");
    assert!(report.ok);
    let request = &js(&report, Some(text.as_bytes()))["request"];
    assert_eq!(request.get("body"), None);
    assert_eq!(request.get("bodyText"), None);
    // Another text than the one sent (a normalized body) crosses.
    let request = &js(&report, Some(b" {}"))["request"];
    assert_eq!(request["bodyText"], text);
    let request = &js(&report, None)["request"];
    assert_eq!(request["bodyText"], text);
    assert_eq!(request.get("body"), None);
    // Numbers keep their text, so JS rebuilds floats bit for bit; U+FFFF (a lone
    // surrogate's mark) crosses as a value.
    let report = validate(crate::verifa::UPDATE_SESSION, r#"{"external_ref":"r","metadata":{"f":0.1}}"#, "{}");
    assert!(report.ok);
    assert_eq!(js(&report, None)["request"].get("body"), None);
    let report = validate(crate::verifa::UPDATE_SESSION, r#"{"external_ref":"\uffff"}"#, "{}");
    assert!(report.ok);
    assert_eq!(js(&report, None)["request"]["body"]["external_ref"], "\u{FFFF}");
}

#[test]
fn names_need_no_escape() {
    let plain = |name: &str| assert!(name.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\'), "{name}");
    crate::rules().for_each(|rule| plain(rule.id));
    crate::registry::all_operations().for_each(|op| plain(op.id()));
    CanonicalStatus::ALL.into_iter().for_each(|status| plain(status.name()));
    [Method::Patch, Method::Post, Method::Put].into_iter().for_each(|method| plain(method.name()));
    [Severity::Error, Severity::Warning].into_iter().for_each(|severity| plain(severity.name()));
    [Source::Stated, Source::Inferred].into_iter().for_each(|source| plain(source.name()));
}

#[test]
fn emit_passes_text_through() {
    struct Raw<'a>(&'a str);
    impl serde::Serialize for Raw<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            emit(serializer, self.0)
        }
    }
    let report = validate(crate::didit::UPDATE_SESSION_STATUS, r#"{"new_status":"Approved"}"#, "{}");
    let text = text_outside_a_call(&report);
    assert_eq!(serde_json::to_string(&Raw(&text)).unwrap(), text);
}
