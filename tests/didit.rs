//! Didit: `didit.update_session_status` and `didit.update_feature_status` through the
//! JSON boundary, plus `auto_select`, `canonical_status`, `allowed_actions` and the
//! email policy (rules.md, vendors.md, reliability.md items 30–32 and 38).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

// `cargo test --target wasm32-unknown-unknown` (wasm-bindgen-test-runner, in Node): every
// `#[test]` below is then a `#[wasm_bindgen_test]`.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use common::*;
use kyc_preflight::email::is_valid_email;
use kyc_preflight::{allowed_actions, auto_select, canonical_status, CanonicalStatus};
use serde_json::{json, Value};

const SESSION: &str = "didit.update_session_status";
const FEATURE: &str = "didit.update_feature_status";

const AUTH_DETAIL: &str = "Authentication credentials were not provided or are invalid.";
const FEATURE_CHOICES: &str = "Valid choices are: OCR, OCR_BACK, NFC, AML, FACE, LIVENESS, FACE_MATCH, IP_ANALYSIS, AGE_ESTIMATION, PROOF_OF_ADDRESS, PHONE_VERIFICATION, EMAIL_VERIFICATION, FACE_SEARCH, DATABASE_VALIDATION, QUESTIONNAIRE, KYB_REGISTRY, KYB_DOCUMENTS, KYB_KEY_PEOPLE, ID_VERIFICATION, POA, PHONE, EMAIL, KYB";
const NOTHING_TO_RESUBMIT: &str = "No features found that need resubmission. All features are already approved.";
const TARGET_ONLY: &str = "You can only update the status to 'Approved', 'Declined', or 'Resubmitted'.";

/// `didit.update_session_status.<rule>`
fn s(rule: &str) -> String {
    format!("{SESSION}.{rule}")
}

/// `didit.update_feature_status.<rule>`
fn fr(rule: &str) -> String {
    format!("{FEATURE}.{rule}")
}

/// A session update-status request with a valid path.
fn session_req(body: Value) -> Value {
    json!({ "path": { "sessionId": UUID }, "body": body })
}

fn session_check(body: Value) -> Value {
    check_plain(SESSION, session_req(body))
}

/// Options with `context.decision`.
fn with_decision(decision: Value) -> Value {
    json!({ "context": { "decision": decision } })
}

fn session_in(status: &str, body: Value) -> Value {
    check(SESSION, session_req(body), with_decision(json!({ "status": status })))
}

fn feature_req(node_id: &str, body: Value) -> Value {
    json!({ "path": { "sessionId": UUID, "nodeId": node_id }, "body": body })
}

/// The issues of one rule.
fn issues_of<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["issues"].as_array().unwrap().iter().filter(|i| i["rule"] == rule).collect()
}

/// A decision with one item per known array; `status` for every item unless listed.
fn full_decision() -> Value {
    json!({
        "session_id": UUID,
        "status": "In Review",
        "session_type": "HOSTED",
        "features": ["ID_VERIFICATION", "LIVENESS"],
        "id_verifications": [{ "node_id": "ocr-1", "status": "Declined" }],
        "nfc_verifications": [{ "node_id": "nfc-1", "status": "Declined" }],
        "liveness_checks": [{ "node_id": "live-1", "status": "Approved" }],
        "face_matches": [{ "node_id": "fm-1", "status": "In Review" }],
        "poa_verifications": [{ "node_id": "poa-1", "status": "Not Finished" }],
        "phone_verifications": [{ "node_id": "phone-1", "status": "Expired" }],
        "email_verifications": [{ "node_id": "email-1", "status": "Approved" }],
        "aml_screenings": [{ "node_id": "aml-1", "status": "Resub Requested" }],
        "ip_analyses": [{ "node_id": "ip-1", "status": "Declined" }],
        "database_validations": [{ "node_id": "db-1" }],
        "questionnaire_responses": [{ "node_id": "q-1", "status": "Declined" }],
        "document_ai_documents": [{ "node_id": "dai-1", "status": "Declined" }],
        "registry_checks": [{ "node_id": "reg-1", "status": "Declined" }],
        "key_people_checks": [{ "node_id": "kp-1", "status": "Declined" }],
        "document_verifications": [{ "node_id": "kybdoc-1", "status": "Declined" }],
    })
}

fn node(node_id: &str, feature: &str) -> Value {
    json!({ "node_id": node_id, "feature": feature })
}

fn nodes_of(value: &Value) -> Vec<(String, String)> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["node_id"].as_str().unwrap().to_owned(), n["feature"].as_str().unwrap().to_owned()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

/// The `steps_reset` effect's nodes.
fn steps_reset(report: &Value) -> Vec<(String, String)> {
    let effect = report["effects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "steps_reset")
        .unwrap_or_else(|| panic!("no steps_reset effect: {report:#}"));
    nodes_of(&effect["nodes"])
}

// ---------------------------------------------------------------------------------
// update_session_status: one block per rule, firing and quiet.
// ---------------------------------------------------------------------------------

#[test]
fn clean_minimal_request() {
    let report = session_check(json!({ "new_status": "Approved" }));
    assert_clean(&report);
    assert_eq!(report["response"], Value::Null);
    assert_eq!(report["request"]["method"], "PATCH");
}

#[test]
fn auth_missing_answers_403_never_401() {
    for headers in [
        json!({}),
        json!({ "Content-Type": "application/json" }),
        json!({ "x-api-key": "   " }),
        json!({ "Authorization": "Token abc" }),
        json!({ "Authorization": "Bearer " }),
    ] {
        let request =
            json!({ "path": { "sessionId": UUID }, "headers": headers, "body": { "new_status": "Approved" } });
        let report = check_plain(SESSION, request);
        let issue = assert_fires(&report, &s("auth_missing"));
        assert_eq!(issue["path"], json!(["headers"]));
        assert_eq!(issue["severity"], "error");
        assert_eq!(issue["source"], "stated");
        assert_response(&report, 403, json!({ "detail": AUTH_DETAIL }));
    }
}

#[test]
fn auth_missing_quiet_with_key_or_bearer_or_no_headers() {
    for headers in [
        Some(json!({ "x-api-key": "k" })),
        Some(json!({ "X-API-KEY": "k" })),
        Some(json!({ "authorization": "bearer tok" })),
        Some(json!({ "Authorization": "Bearer tok" })),
        None,
    ] {
        let mut request = session_req(json!({ "new_status": "Approved" }));
        if let Some(h) = headers {
            request["headers"] = h;
        }
        let report = check_plain(SESSION, request);
        assert_quiet(&report, &s("auth_missing"));
        assert_clean(&report);
    }
}

#[test]
fn session_id_format_is_a_404_without_json() {
    let missing = check_plain(SESSION, json!({ "body": { "new_status": "Approved" } }));
    assert_eq!(assert_fires(&missing, &s("session_id_format"))["path"], json!(["path", "sessionId"]));
    assert_response(&missing, 404, Value::Null);
    let (simple, braced) = (UUID.replace('-', ""), format!("{{{UUID}}}"));
    for bad in ["abc", &simple, &braced, ""] {
        let report =
            check_plain(SESSION, json!({ "path": { "sessionId": bad }, "body": { "new_status": "Approved" } }));
        assert_fires(&report, &s("session_id_format"));
        assert_response(&report, 404, Value::Null);
    }
}

#[test]
fn session_id_format_quiet_for_either_hex_case() {
    let upper = UUID.to_uppercase();
    assert_ne!(upper, UUID, "the shared UUID must hold hex letters, or this test changes nothing");
    let report = check_plain(SESSION, json!({ "path": { "sessionId": upper }, "body": { "new_status": "Approved" } }));
    assert_quiet(&report, &s("session_id_format"));
    assert_clean(&report);
    // Sent as the caller wrote it: the id is checked, never rewritten.
    assert_eq!(report["request"]["path"], format!("/v3/session/{upper}/update-status/"));
    let mixed: String =
        UUID.chars().enumerate().map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c }).collect();
    assert!(mixed.chars().any(|c| c.is_ascii_uppercase()) && mixed.chars().any(|c| c.is_ascii_lowercase()));
    let report = check_plain(SESSION, json!({ "path": { "sessionId": mixed }, "body": { "new_status": "Approved" } }));
    assert_clean(&report);
    assert_quiet(&session_check(json!({ "new_status": "Approved" })), &s("session_id_format"));
}

#[test]
fn current_status_eligible_fires_for_each_ineligible_status() {
    for current in ["Not Started", "In Progress", "Awaiting User", "Expired"] {
        let report = session_in(current, json!({ "new_status": "Approved" }));
        let issue = assert_fires(&report, &s("current_status_eligible"));
        assert_eq!(issue["path"], json!(["context", "decision", "status"]));
        let detail = format!("Only sessions with status Approved, Declined, In Review, Kyc Expired, Abandoned, Resubmitted can be updated. Current status: {current}");
        assert_response(&report, 400, json!({ "detail": detail }));
    }
}

#[test]
fn current_status_eligible_quiet_for_each_eligible_status() {
    for current in ["Approved", "Declined", "In Review", "Kyc Expired", "Abandoned", "Resubmitted"] {
        let target = if current == "Declined" { "Approved" } else { "Declined" };
        let report = session_in(current, json!({ "new_status": target }));
        assert_quiet(&report, &s("current_status_eligible"));
        assert_eq!(report["ok"], true, "{current}: {report:#}");
    }
    // Without a decision there is nothing to check.
    assert_quiet(&session_check(json!({ "new_status": "Approved" })), &s("current_status_eligible"));
}

#[test]
fn body_type_names_the_python_type() {
    // As JSON text. `null` is a body too (reliability.rs c01); only a missing body reads
    // as no body.
    for (text, kind) in [("[]", "list"), ("\"Approved\"", "str"), ("5", "int"), ("1.5", "float"), ("true", "bool")] {
        let report = check_plain(SESSION, json!({ "path": { "sessionId": UUID }, "bodyText": text }));
        assert_eq!(assert_fires(&report, &s("body_type"))["path"], json!(["body"]));
        let answer = format!("Invalid data. Expected a dictionary, but got {kind}.");
        assert_response(&report, 400, json!({ "non_field_errors": [answer] }));
    }
    // DRF's serializer given `None` as its data answers "No data provided", not a type
    // (`Serializer.errors`' own edge case; the DRF oracle confirms it).
    let report = check_plain(SESSION, json!({ "path": { "sessionId": UUID }, "bodyText": "null" }));
    assert_fires(&report, &s("body_type"));
    assert_response(&report, 400, json!({ "non_field_errors": ["No data provided"] }));
}

#[test]
fn body_type_quiet_for_an_object() {
    assert_quiet(&session_check(json!({ "new_status": "Declined" })), &s("body_type"));
}

#[test]
fn new_status_required() {
    let report = session_check(json!({}));
    assert_eq!(assert_fires(&report, &s("new_status_required"))["path"], json!(["body", "new_status"]));
    assert_response(&report, 400, json!({ "new_status": ["This field is required."] }));
    // No body at all: DRF reads an empty form.
    let absent = check_plain(SESSION, json!({ "path": { "sessionId": UUID } }));
    assert_response(&absent, 400, json!({ "new_status": ["This field is required."] }));
    // `null` is present, and DRF says so.
    let null = session_check(json!({ "new_status": null }));
    assert_fires(&null, &s("new_status_required"));
    assert_response(&null, 400, json!({ "new_status": ["This field may not be null."] }));
    assert_quiet(&session_check(json!({ "new_status": "Approved" })), &s("new_status_required"));
}

#[test]
fn new_status_choice_echoes_the_value_only_in_the_body() {
    let report = session_check(json!({ "new_status": "Bogus" }));
    let issue = assert_fires(&report, &s("new_status_choice"));
    assert_eq!(issue["path"], json!(["body", "new_status"]));
    assert!(!issue["message"].as_str().unwrap().contains("Bogus"));
    assert_response(&report, 400, json!({ "new_status": ["\"Bogus\" is not a valid choice."] }));
    // Non-strings: Python's str() of the value.
    for (value, shown) in [(json!(5), "5"), (json!(true), "True"), (json!(1.0), "1.0")] {
        let report = session_check(json!({ "new_status": value }));
        assert_fires(&report, &s("new_status_choice"));
        assert_response(&report, 400, json!({ "new_status": [format!("\"{shown}\" is not a valid choice.")] }));
    }
}

#[test]
fn new_status_choice_hints_the_exact_spelling() {
    for (sent, meant) in [
        ("approved", "Approved"),
        (" Approved", "Approved"),
        ("RESUBMITTED", "Resubmitted"),
        ("IN_REVIEW", "In Review"),
        ("KYC_EXPIRED", "Kyc Expired"),
    ] {
        let report = session_check(json!({ "new_status": sent }));
        let issue = assert_fires(&report, &s("new_status_choice"));
        assert_eq!(issue["hint"], format!("did you mean \"{meant}\"?"), "{sent}");
        assert_eq!(report["ok"], false);
    }
}

#[test]
fn new_status_target_for_session_statuses_that_are_not_targets() {
    for status in ["Not Started", "In Progress", "Awaiting User", "In Review", "Expired", "Kyc Expired", "Abandoned"] {
        let report = session_check(json!({ "new_status": status }));
        assert_fires(&report, &s("new_status_target"));
        assert_quiet(&report, &s("new_status_choice"));
        assert_response(&report, 400, json!({ "new_status": [TARGET_ONLY] }));
    }
}

#[test]
fn new_status_target_quiet_for_the_three_targets() {
    for status in ["Approved", "Declined", "Resubmitted"] {
        let report = session_check(json!({ "new_status": status }));
        assert_quiet(&report, &s("new_status_target"));
        assert_quiet(&report, &s("new_status_choice"));
        assert_eq!(report["ok"], true, "{report:#}");
    }
}

#[test]
fn same_status_is_a_bare_array() {
    for status in ["Approved", "Declined", "Resubmitted"] {
        let report = session_in(status, json!({ "new_status": status, "nodes_to_resubmit": [node("n", "OCR")] }));
        assert_eq!(assert_fires(&report, &s("same_status"))["path"], json!(["body", "new_status"]));
        assert_response(&report, 400, json!(["The new status is the same as the current status."]));
    }
}

#[test]
fn same_status_quiet_for_a_different_status_and_downgradable_to_warning() {
    assert_quiet(&session_in("Declined", json!({ "new_status": "Approved" })), &s("same_status"));
    // Newer docs make Approved → Approved a no-op: users may lower the rule.
    let options = json!({
        "context": { "decision": { "status": "Approved" } },
        "severity": { "didit.update_session_status.same_status": "warning" },
    });
    let report = check(SESSION, session_req(json!({ "new_status": "Approved" })), options);
    assert_eq!(assert_fires(&report, &s("same_status"))["severity"], "warning");
    assert_eq!(report["ok"], true);
    assert_eq!(report["response"], Value::Null);
}

#[test]
fn comment_type() {
    for (comment, answer) in [
        (json!(true), "Not a valid string."),
        (json!(["a"]), "Not a valid string."),
        (json!({}), "Not a valid string."),
    ] {
        let report = session_check(json!({ "new_status": "Approved", "comment": comment }));
        assert_eq!(assert_fires(&report, &s("comment_type"))["path"], json!(["body", "comment"]));
        assert_response(&report, 400, json!({ "comment": [answer] }));
    }
    assert_quiet(&session_check(json!({ "new_status": "Approved", "comment": "" })), &s("comment_type"));
    assert_quiet(&session_check(json!({ "new_status": "Approved", "comment": "ok" })), &s("comment_type"));
    // DRF's CharField turns an int or a float into text (`str(12345)`) and accepts it.
    for number in [json!(12345), json!(-1.5)] {
        assert_clean(&session_check(json!({ "new_status": "Approved", "comment": number })));
    }
}

#[test]
fn comment_length_counts_unicode_scalar_values() {
    let over = "é".repeat(10_001);
    let report = session_check(json!({ "new_status": "Approved", "comment": over }));
    let issue = assert_fires(&report, &s("comment_length"));
    assert_eq!(issue["severity"], "warning");
    let message = issue["message"].as_str().unwrap();
    assert!(message.contains("characters (Unicode scalar values)") && message.contains("10000"), "{message}");
    assert_eq!(report["ok"], true);
    // 10,000 emoji are 40,000 UTF-8 bytes but 10,000 characters: at the limit.
    let at_limit = "😀".repeat(10_000);
    let report = session_check(json!({ "new_status": "Approved", "comment": at_limit }));
    assert_quiet(&report, &s("comment_length"));
    assert_clean(&report);
    // Mixed widths (1 to 4 UTF-8 bytes each), exactly 10,000 characters: still at the limit.
    let mixed = format!("{}{}{}", "a".repeat(4_000), "é".repeat(3_000), "中😀".repeat(1_500));
    assert_eq!(mixed.chars().count(), 10_000);
    assert_quiet(&session_check(json!({ "new_status": "Approved", "comment": mixed })), &s("comment_length"));
}

#[test]
fn send_email_type_errors_for_values_the_server_refuses() {
    for value in [json!("maybe"), json!(2), json!(-1), json!(1.5), json!([]), json!({}), json!(" true"), Value::Null] {
        let report = session_check(json!({ "new_status": "Approved", "send_email": value }));
        let issue = assert_fires(&report, &s("send_email_type"));
        assert_eq!(issue["severity"], "error", "{value}");
        let answer = if value.is_null() { "This field may not be null." } else { "Must be a valid boolean." };
        assert_response(&report, 400, json!({ "send_email": [answer] }));
    }
}

#[test]
fn send_email_type_warns_for_values_the_server_coerces() {
    let email = "user@example.com";
    for value in [json!("true"), json!("TRUE"), json!("1"), json!(1), json!("Yes"), json!("on")] {
        let report = session_check(json!({ "new_status": "Approved", "send_email": value, "email_address": email }));
        let issue = assert_fires(&report, &s("send_email_type"));
        assert_eq!(issue["severity"], "warning");
        assert_eq!(issue["hint"], "send true");
        assert_eq!(report["ok"], true, "{report:#}");
        assert!(report["effects"].as_array().unwrap().contains(&json!({ "kind": "email" })), "{value}");
    }
    for value in [json!("false"), json!("False"), json!("0"), json!(0), json!("no"), json!("OFF")] {
        let report = session_check(json!({ "new_status": "Approved", "send_email": value }));
        let issue = assert_fires(&report, &s("send_email_type"));
        assert_eq!(issue["severity"], "warning");
        assert_eq!(issue["hint"], "send false");
        assert!(!report["effects"].as_array().unwrap().contains(&json!({ "kind": "email" })));
    }
    // Coerced to true, it still needs an address.
    let report = session_check(json!({ "new_status": "Approved", "send_email": "yes" }));
    assert_fires(&report, &s("email_required"));
}

#[test]
fn send_email_type_quiet_for_json_booleans() {
    let off = session_check(json!({ "new_status": "Approved", "send_email": false }));
    assert_quiet(&off, &s("send_email_type"));
    assert_clean(&off);
    let report =
        session_check(json!({ "new_status": "Approved", "send_email": true, "email_address": "user@example.com" }));
    assert_quiet(&report, &s("send_email_type"));
    assert_clean(&report);
}

#[test]
fn email_required() {
    let report = session_check(json!({ "new_status": "Approved", "send_email": true }));
    assert_eq!(assert_fires(&report, &s("email_required"))["path"], json!(["body", "email_address"]));
    assert_response(&report, 400, json!({ "email_address": ["Email address is required when send_email is true."] }));
    let given = session_check(json!({ "new_status": "Approved", "send_email": true, "email_address": "a@b.co" }));
    assert_quiet(&given, &s("email_required"));
    assert_quiet(&session_check(json!({ "new_status": "Approved", "send_email": false })), &s("email_required"));
}

#[test]
fn email_required_answers_only_when_field_errors_are_absent() {
    let report = session_check(json!({ "new_status": "Approved", "send_email": true, "comment": true }));
    assert_fires(&report, &s("email_required"));
    assert_fires(&report, &s("comment_type"));
    assert_response(&report, 400, json!({ "comment": ["Not a valid string."] }));
}

#[test]
fn email_format() {
    let report =
        session_check(json!({ "new_status": "Approved", "send_email": true, "email_address": "not-an-email" }));
    let issue = assert_fires(&report, &s("email_format"));
    assert_eq!(issue["path"], json!(["body", "email_address"]));
    assert_quiet(&report, &s("email_required"));
    assert_response(&report, 400, json!({ "email_address": ["Enter a valid email address."] }));
    // A non-string is no address either.
    let number = session_check(json!({ "new_status": "Approved", "send_email": true, "email_address": 5 }));
    assert_response(&number, 400, json!({ "email_address": ["Enter a valid email address."] }));
    let valid =
        session_check(json!({ "new_status": "Approved", "send_email": true, "email_address": "o'brien@example.ie" }));
    assert_quiet(&valid, &s("email_format"));
}

#[test]
fn email_language_known() {
    let unknown = session_check(
        json!({ "new_status": "Approved", "send_email": true, "email_address": "a@b.co", "email_language": "xx" }),
    );
    let issue = assert_fires(&unknown, &s("email_language_known"));
    assert_eq!(issue["severity"], "warning");
    assert_eq!(issue["source"], "stated");
    assert_eq!(unknown["ok"], true);
    let cased = session_check(
        json!({ "new_status": "Approved", "send_email": true, "email_address": "a@b.co", "email_language": "PT_br" }),
    );
    assert_eq!(assert_fires(&cased, &s("email_language_known"))["hint"], "did you mean \"pt-BR\"?");
    for code in ["en", "pt-BR", "zh-TW", "cnr"] {
        let known = session_check(
            json!({ "new_status": "Approved", "send_email": true, "email_address": "a@b.co", "email_language": code }),
        );
        assert_quiet(&known, &s("email_language_known"));
        assert_clean(&known);
    }
}

#[test]
fn email_unused() {
    let address = session_check(json!({ "new_status": "Approved", "email_address": "a@b.co" }));
    let issue = assert_fires(&address, &s("email_unused"));
    assert_eq!(issue["path"], json!(["body", "email_address"]));
    assert_eq!(issue["severity"], "warning");
    let language = session_check(json!({ "new_status": "Approved", "send_email": false, "email_language": "de" }));
    assert_eq!(assert_fires(&language, &s("email_unused"))["path"], json!(["body", "email_language"]));
    let used = session_check(
        json!({ "new_status": "Approved", "send_email": true, "email_address": "a@b.co", "email_language": "de" }),
    );
    assert_quiet(&used, &s("email_unused"));
}

#[test]
fn nodes_type() {
    for (value, kind) in [(json!("OCR"), "str"), (json!({}), "dict"), (json!(5), "int"), (json!(true), "bool")] {
        let report = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": value }));
        assert_eq!(assert_fires(&report, &s("nodes_type"))["path"], json!(["body", "nodes_to_resubmit"]));
        let answer = format!("Expected a list of items but got type \"{kind}\".");
        assert_response(&report, 400, json!({ "nodes_to_resubmit": [answer] }));
    }
    let list = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n", "OCR")] }));
    assert_quiet(&list, &s("nodes_type"));
}

#[test]
fn nodes_type_is_not_an_omitted_list() {
    // A list of the wrong type was given: auto-selection does not apply.
    let decision = json!({ "status": "In Review", "id_verifications": [{ "node_id": "a", "status": "Approved" }] });
    let report = check(
        SESSION,
        session_req(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": "OCR" })),
        with_decision(decision),
    );
    assert_fires(&report, &s("nodes_type"));
    assert_quiet(&report, &s("auto_select_empty"));
    let blind = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": 5 }));
    assert_quiet(&blind, &s("auto_select_unpredictable"));
}

#[test]
fn node_type_gives_a_per_item_list() {
    let report = session_check(json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": ["OCR", node("n2", "OCR"), 5],
    }));
    assert_fires(&report, &s("node_type"));
    let fired = issues_of(&report, &s("node_type"));
    assert_eq!(fired.len(), 2);
    assert_eq!(fired[0]["path"], json!(["body", "nodes_to_resubmit", 0]));
    assert_eq!(fired[1]["path"], json!(["body", "nodes_to_resubmit", 2]));
    assert_response(
        &report,
        400,
        json!({ "nodes_to_resubmit": [
            { "non_field_errors": ["Invalid data. Expected a dictionary, but got str."] },
            {},
            { "non_field_errors": ["Invalid data. Expected a dictionary, but got int."] },
        ] }),
    );
    let clean = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n", "OCR")] }));
    assert_quiet(&clean, &s("node_type"));
}

#[test]
fn node_id_required() {
    let report = session_check(json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": [node("n1", "OCR"), { "feature": "NFC" }],
    }));
    let issue = assert_fires(&report, &s("node_id_required"));
    assert_eq!(issue["path"], json!(["body", "nodes_to_resubmit", 1, "node_id"]));
    assert_response(&report, 400, json!({ "nodes_to_resubmit": [{}, { "node_id": ["This field is required."] }] }));
    // Present but not what DRF's CharField takes: its own words for each case (blank
    // after trimming, Python's whitespace included; NUL refused by its validator).
    for (value, answer) in [
        (json!(""), "This field may not be blank."),
        (json!("   "), "This field may not be blank."),
        (json!("\u{a0}\u{1c}"), "This field may not be blank."),
        (Value::Null, "This field may not be null."),
        (json!(true), "Not a valid string."),
        (json!(["n1"]), "Not a valid string."),
        (json!("n\u{0}1"), "Null characters are not allowed."),
    ] {
        let report = session_check(json!({
            "new_status": "Resubmitted",
            "nodes_to_resubmit": [{ "node_id": value, "feature": "OCR" }],
        }));
        assert_fires(&report, &s("node_id_required"));
        assert_response(&report, 400, json!({ "nodes_to_resubmit": [{ "node_id": [answer] }] }));
    }
    let clean = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n1", "OCR")] }));
    assert_quiet(&clean, &s("node_id_required"));
    // DRF's CharField takes a number as its text and trims whitespace: the server resets
    // the node "7" and the node "n1".
    let report = session_check(json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": [{ "node_id": 7, "feature": "OCR" }, { "node_id": " n1\t", "feature": "AML" }],
    }));
    assert_quiet(&report, &s("node_id_required"));
    assert_eq!(report["ok"], true, "{report:#}");
    let reset = report["effects"].as_array().unwrap().iter().find(|e| e["kind"] == "steps_reset").unwrap();
    assert_eq!(reset["nodes"], json!([{ "node_id": "7", "feature": "OCR" }, { "node_id": "n1", "feature": "AML" }]));
}

#[test]
fn node_feature_required() {
    let report = session_check(json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": [{ "node_id": "n1" }, node("n2", "OCR")],
    }));
    let issue = assert_fires(&report, &s("node_feature_required"));
    assert_eq!(issue["path"], json!(["body", "nodes_to_resubmit", 0, "feature"]));
    assert_response(&report, 400, json!({ "nodes_to_resubmit": [{ "feature": ["This field is required."] }, {}] }));
    // Both fields missing on one item: one object with both lists.
    let both = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [{}] }));
    assert_response(
        &both,
        400,
        json!({ "nodes_to_resubmit": [{ "node_id": ["This field is required."], "feature": ["This field is required."] }] }),
    );
    let clean = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n1", "OCR")] }));
    assert_quiet(&clean, &s("node_feature_required"));
}

#[test]
fn node_feature_choice_lists_every_choice_per_item() {
    let report = session_check(json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": [node("n1", "OCR"), node("n2", "BOGUS"), node("n3", "FACE"), node("n4", "ocr")],
    }));
    assert_fires(&report, &s("node_feature_choice"));
    let fired = issues_of(&report, &s("node_feature_choice"));
    assert_eq!(fired.len(), 2);
    assert_eq!(fired[0]["path"], json!(["body", "nodes_to_resubmit", 1, "feature"]));
    assert_eq!(fired[1]["path"], json!(["body", "nodes_to_resubmit", 3, "feature"]));
    assert_eq!(fired[1]["hint"], "did you mean \"OCR\"?");
    assert_eq!(fired[0]["hint"], Value::Null);
    assert_response(
        &report,
        400,
        json!({ "nodes_to_resubmit": [
            {},
            { "feature": [format!("\"BOGUS\" is not a valid choice. {FEATURE_CHOICES}")] },
            {},
            { "feature": [format!("\"ocr\" is not a valid choice. {FEATURE_CHOICES}")] },
        ] }),
    );
}

#[test]
fn node_feature_choice_quiet_for_all_documented_features() {
    for feature in kyc_preflight::didit::FEATURES {
        let report = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n", feature)] }));
        assert_quiet(&report, &s("node_feature_choice"));
    }
    assert_eq!(kyc_preflight::didit::FEATURES.len(), 24);
}

#[test]
fn node_feature_document_ai_warns() {
    let report = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n", "DOCUMENT_AI")] }));
    let issue = assert_fires(&report, &s("node_feature_document_ai"));
    assert_eq!(issue["severity"], "warning");
    assert_eq!(issue["source"], "inferred");
    assert_eq!(issue["path"], json!(["body", "nodes_to_resubmit", 0, "feature"]));
    assert_eq!(report["ok"], true);
    let ocr = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n", "OCR")] }));
    assert_quiet(&ocr, &s("node_feature_document_ai"));
}

#[test]
fn node_feature_kyb_parent_lists_distinct_values_in_first_appearance_order() {
    for target in ["Resubmitted", "Approved", "Declined"] {
        let report = session_check(json!({
            "new_status": target,
            "nodes_to_resubmit": [
                node("n1", "KYB"), node("n2", "OCR"), node("n3", "KYB_REGISTRY"), node("n4", "KYB"), node("n5", "KYB_KEY_PEOPLE"),
            ],
        }));
        let fired = issues_of(&report, &s("node_feature_kyb_parent"));
        assert_eq!(fired.len(), 4, "{target}");
        assert_eq!(fired[0]["path"], json!(["body", "nodes_to_resubmit", 0, "feature"]));
        let text = "The following features cannot be resubmitted directly: KYB, KYB_REGISTRY, KYB_KEY_PEOPLE. Resubmit the relevant child KYC sessions instead; the parent will recompute automatically.";
        assert_response(&report, 400, json!({ "nodes_to_resubmit": text }));
    }
}

#[test]
fn node_feature_kyb_parent_quiet_for_kyb_documents() {
    let report =
        session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n", "KYB_DOCUMENTS")] }));
    assert_quiet(&report, &s("node_feature_kyb_parent"));
    assert_eq!(report["ok"], true);
}

#[test]
fn node_feature_kyb_parent_waits_for_field_errors() {
    let report = session_check(json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": [node("n1", "KYB"), { "node_id": "n2" }],
    }));
    assert_fires(&report, &s("node_feature_kyb_parent"));
    assert_response(&report, 400, json!({ "nodes_to_resubmit": [{}, { "feature": ["This field is required."] }] }));
}

#[test]
fn nodes_ignored() {
    for target in ["Approved", "Declined"] {
        let report = session_check(json!({ "new_status": target, "nodes_to_resubmit": [node("n", "OCR")] }));
        let issue = assert_fires(&report, &s("nodes_ignored"));
        assert_eq!(issue["severity"], "warning");
        assert_eq!(issue["path"], json!(["body", "nodes_to_resubmit"]));
        assert_eq!(report["ok"], true);
        assert!(report["effects"].as_array().unwrap().iter().all(|e| e["kind"] != "steps_reset"));
    }
    // Schema-checked before being ignored.
    let bad = session_check(json!({ "new_status": "Approved", "nodes_to_resubmit": [{ "node_id": "n" }] }));
    assert_fires(&bad, &s("node_feature_required"));
    assert_eq!(bad["ok"], false);
    let used = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n", "OCR")] }));
    assert_quiet(&used, &s("nodes_ignored"));
    assert_quiet(&session_check(json!({ "new_status": "Approved" })), &s("nodes_ignored"));
}

#[test]
fn nodes_empty() {
    let report = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [] }));
    let issue = assert_fires(&report, &s("nodes_empty"));
    assert_eq!(issue["severity"], "warning");
    assert_eq!(report["ok"], true);
    assert_eq!(steps_reset(&report), vec![]);
    assert_quiet(&report, &s("auto_select_unpredictable"));
    let approved = session_check(json!({ "new_status": "Approved", "nodes_to_resubmit": [] }));
    assert_quiet(&approved, &s("nodes_empty"));
    let full = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n", "OCR")] }));
    assert_quiet(&full, &s("nodes_empty"));
}

#[test]
fn node_duplicate_drops_the_repeat_after_alias_resolution() {
    let report = session_check(json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": [node("n1", "ID_VERIFICATION"), node("n2", "NFC"), node("n1", "OCR")],
    }));
    assert_fires(&report, &s("node_duplicate"));
    let fired = issues_of(&report, &s("node_duplicate"));
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0]["path"], json!(["body", "nodes_to_resubmit", 2]));
    assert_eq!(fired[0]["severity"], "warning");
    assert_eq!(report["ok"], true);
    let sent = &report["request"]["body"];
    assert_eq!(nodes_of(&sent["nodes_to_resubmit"]), pairs(&[("n1", "OCR"), ("n2", "NFC")]));
    let text: Value = serde_json::from_str(report["request"]["bodyText"].as_str().unwrap()).unwrap();
    assert_eq!(&text, sent);
    assert_eq!(steps_reset(&report), pairs(&[("n1", "OCR"), ("n2", "NFC")]));
}

#[test]
fn node_duplicate_quiet_for_one_node_with_two_features() {
    let report = session_check(json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": [node("n1", "OCR"), node("n1", "OCR_BACK"), node("n2", "OCR")],
    }));
    assert_quiet(&report, &s("node_duplicate"));
    assert_clean(&report);
}

#[test]
fn node_unknown() {
    let decision = full_decision();
    let report = check(
        SESSION,
        session_req(
            json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("ocr-1", "OCR"), node("zzz", "OCR")] }),
        ),
        with_decision(decision.clone()),
    );
    assert_fires(&report, &s("node_unknown"));
    let fired = issues_of(&report, &s("node_unknown"));
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0]["path"], json!(["body", "nodes_to_resubmit", 1]));
    assert_eq!(report["ok"], true);
    // Known in a never-auto-selected array counts as known.
    let nfc = check(
        SESSION,
        session_req(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("nfc-1", "NFC")] })),
        with_decision(decision),
    );
    assert_quiet(&nfc, &s("node_unknown"));
    assert_clean(&nfc);
    // Without a decision there is nothing to compare with.
    let blind = session_check(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("zzz", "OCR")] }));
    assert_quiet(&blind, &s("node_unknown"));
}

#[test]
fn node_feature_mismatch() {
    let options = with_decision(full_decision());
    let report = check(
        SESSION,
        session_req(
            json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("ocr-1", "LIVENESS"), node("live-1", "FACE_MATCH")] }),
        ),
        options.clone(),
    );
    assert_fires(&report, &s("node_feature_mismatch"));
    let fired = issues_of(&report, &s("node_feature_mismatch"));
    assert_eq!(fired.len(), 2);
    assert_eq!(fired[0]["path"], json!(["body", "nodes_to_resubmit", 0]));
    assert_eq!(report["ok"], true);
    for (id, feature) in [
        ("live-1", "FACE"),
        ("live-1", "LIVENESS"),
        ("ocr-1", "ID_VERIFICATION"),
        ("ocr-1", "OCR_BACK"),
        ("poa-1", "POA"),
        ("phone-1", "PHONE"),
        ("email-1", "EMAIL"),
        ("fm-1", "FACE_MATCH"),
        ("kybdoc-1", "KYB_DOCUMENTS"),
        ("ocr-1", "AGE_ESTIMATION"),
    ] {
        let report = check(
            SESSION,
            session_req(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node(id, feature)] })),
            options.clone(),
        );
        assert_quiet(&report, &s("node_feature_mismatch"));
    }
}

#[test]
fn auto_select_empty() {
    let decision = json!({
        "status": "In Review",
        "id_verifications": [{ "node_id": "a", "status": "Approved" }],
        "nfc_verifications": [{ "node_id": "b", "status": "Declined" }],
        "liveness_checks": [{ "node_id": "c", "status": "Resub Requested" }],
    });
    let report = check(SESSION, session_req(json!({ "new_status": "Resubmitted" })), with_decision(decision.clone()));
    let issue = assert_fires(&report, &s("auto_select_empty"));
    assert_eq!(issue["path"], json!(["body", "nodes_to_resubmit"]));
    assert_eq!(issue["source"], "stated");
    assert_response(&report, 400, json!({ "nodes_to_resubmit": NOTHING_TO_RESUBMIT }));
    // Sending the list avoids it.
    let sent = check(
        SESSION,
        session_req(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("a", "OCR")] })),
        with_decision(decision),
    );
    assert_quiet(&sent, &s("auto_select_empty"));
    assert_clean(&sent);
    // A step that needs resubmission avoids it too.
    let declined = json!({ "status": "In Review", "id_verifications": [{ "node_id": "a", "status": "Declined" }] });
    let report = check(SESSION, session_req(json!({ "new_status": "Resubmitted" })), with_decision(declined));
    assert_clean(&report);
}

#[test]
fn auto_select_unpredictable() {
    let report = session_check(json!({ "new_status": "Resubmitted" }));
    let issue = assert_fires(&report, &s("auto_select_unpredictable"));
    assert_eq!(issue["severity"], "warning");
    assert_eq!(issue["path"], json!(["body", "nodes_to_resubmit"]));
    assert_eq!(report["ok"], true);
    assert_eq!(steps_reset(&report), vec![]);
    let with = check(SESSION, session_req(json!({ "new_status": "Resubmitted" })), with_decision(full_decision()));
    assert_quiet(&with, &s("auto_select_unpredictable"));
    assert_quiet(&session_check(json!({ "new_status": "Approved" })), &s("auto_select_unpredictable"));
}

#[test]
fn unknown_field() {
    let report = session_check(json!({ "new_status": "Approved", "Comment": "x", "reason": "y" }));
    assert_fires(&report, &s("unknown_field"));
    let fired = issues_of(&report, &s("unknown_field"));
    assert_eq!(fired.len(), 2);
    assert_eq!(fired[0]["path"], json!(["body", "Comment"]));
    assert_eq!(fired[0]["hint"], "did you mean \"comment\"?");
    assert_eq!(fired[1]["path"], json!(["body", "reason"]));
    assert_eq!(fired[0]["severity"], "warning");
    assert_eq!(report["ok"], true);
    // The server ignores it: the prepared body is the caller's.
    assert_eq!(report["request"]["body"]["reason"], "y");
    let documented = session_check(json!({
        "new_status": "Approved", "comment": "c", "send_email": true, "email_address": "a@b.co",
        "email_language": "en", "nodes_to_resubmit": [], "email_preview_token": "t",
    }));
    assert_quiet(&documented, &s("unknown_field"));
}

// ---------------------------------------------------------------------------------
// update_session_status: server order.
// ---------------------------------------------------------------------------------

#[test]
fn order_route_before_auth_before_status_before_body() {
    let bad_body = json!({ "new_status": "Bogus" });
    let options = with_decision(json!({ "status": "In Progress" }));
    let all = check(SESSION, json!({ "path": { "sessionId": "x" }, "headers": {}, "body": bad_body }), options.clone());
    for rule in ["session_id_format", "auth_missing", "current_status_eligible", "new_status_choice"] {
        assert_fires(&all, &s(rule));
    }
    assert_response(&all, 404, Value::Null);
    let auth =
        check(SESSION, json!({ "path": { "sessionId": UUID }, "headers": {}, "body": bad_body }), options.clone());
    assert_response(&auth, 403, json!({ "detail": AUTH_DETAIL }));
    let status = check(SESSION, session_req(bad_body.clone()), options.clone());
    assert!(status["response"]["body"]["detail"].as_str().unwrap().ends_with("Current status: In Progress"));
    // A body that is not an object still loses to the current status.
    let list = check(SESSION, session_req(json!([])), options);
    assert_fires(&list, &s("body_type"));
    assert_eq!(list["response"]["status"], 400);
    assert!(list["response"]["body"]["detail"].is_string());
}

#[test]
fn order_auth_before_body() {
    let request = json!({ "path": { "sessionId": UUID }, "headers": { "Accept": "*/*" }, "body": { "comment": true } });
    let report = check_plain(SESSION, request);
    assert_fires(&report, &s("new_status_required"));
    assert_fires(&report, &s("comment_type"));
    assert_response(&report, 403, json!({ "detail": AUTH_DETAIL }));
}

#[test]
fn field_errors_of_several_fields_merge_into_one_body() {
    let report = session_check(json!({
        "comment": true,
        "send_email": "maybe",
        "email_address": "nope",
        "nodes_to_resubmit": [node("n1", "OCR"), { "feature": "BOGUS" }],
    }));
    assert_response(
        &report,
        400,
        json!({
            "new_status": ["This field is required."],
            "comment": ["Not a valid string."],
            "send_email": ["Must be a valid boolean."],
            "email_address": ["Enter a valid email address."],
            "nodes_to_resubmit": [{}, {
                "node_id": ["This field is required."],
                "feature": [format!("\"BOGUS\" is not a valid choice. {FEATURE_CHOICES}")],
            }],
        }),
    );
}

#[test]
fn field_errors_before_same_status_and_auto_selection() {
    let decision = json!({ "status": "Resubmitted" });
    let report = check(
        SESSION,
        session_req(json!({ "new_status": "Resubmitted", "comment": true })),
        with_decision(decision.clone()),
    );
    assert_fires(&report, &s("same_status"));
    assert_response(&report, 400, json!({ "comment": ["Not a valid string."] }));
    let report = check(SESSION, session_req(json!({ "new_status": "Resubmitted" })), with_decision(decision));
    assert_fires(&report, &s("auto_select_empty"));
    assert_response(&report, 400, json!(["The new status is the same as the current status."]));
}

#[test]
fn kyb_parent_answers_before_same_status() {
    let report = session_in("Approved", json!({ "new_status": "Approved", "nodes_to_resubmit": [node("n", "KYB")] }));
    assert_fires(&report, &s("same_status"));
    let text = "The following features cannot be resubmitted directly: KYB. Resubmit the relevant child KYC sessions instead; the parent will recompute automatically.";
    assert_response(&report, 400, json!({ "nodes_to_resubmit": text }));
}

#[test]
fn issues_are_sorted_by_path_then_rule() {
    let report = session_check(json!({ "zz": 1, "comment": true, "aa": 2 }));
    let paths: Vec<Value> = report["issues"].as_array().unwrap().iter().map(|i| i["path"].clone()).collect();
    assert_eq!(
        paths,
        vec![json!(["body", "aa"]), json!(["body", "comment"]), json!(["body", "new_status"]), json!(["body", "zz"])]
    );
}

// ---------------------------------------------------------------------------------
// Auto-selection (rules.md "Auto-selection" 1–6).
// ---------------------------------------------------------------------------------

#[test]
fn auto_select_rule_1_maps_arrays_to_features_in_rule_order() {
    let mut decision = json!({});
    let arrays = [
        ("questionnaire_responses", "QUESTIONNAIRE"),
        ("database_validations", "DATABASE_VALIDATION"),
        ("aml_screenings", "AML"),
        ("email_verifications", "EMAIL_VERIFICATION"),
        ("phone_verifications", "PHONE_VERIFICATION"),
        ("poa_verifications", "PROOF_OF_ADDRESS"),
        ("face_matches", "FACE_MATCH"),
        ("liveness_checks", "LIVENESS"),
        ("id_verifications", "OCR"),
    ];
    // Inserted in reverse: the output follows rule 1's list, not the JSON.
    for (key, _) in arrays {
        decision[key] = json!([{ "node_id": key, "status": "Declined" }]);
    }
    let selection = auto_select(&ours(&decision));
    assert!(selection.issue.is_none());
    let got: Vec<(String, String)> = selection.nodes.iter().map(|n| (n.node_id.clone(), n.feature.clone())).collect();
    let want: Vec<(&str, &str)> = arrays.iter().rev().copied().collect();
    assert_eq!(got, pairs(&want));
}

#[test]
fn auto_select_rule_1_null_missing_or_empty_arrays_select_nothing() {
    for decision in [
        json!({}),
        json!({ "id_verifications": null, "liveness_checks": [] }),
        json!({ "id_verifications": [], "face_matches": null }),
    ] {
        let selection = auto_select(&ours(&decision));
        assert!(selection.nodes.is_empty());
        assert_eq!(selection.issue.unwrap().rule.id(), s("auto_select_empty"));
    }
}

#[test]
fn auto_select_rule_2_statuses() {
    let items = json!([
        { "node_id": "declined", "status": "Declined" },
        { "node_id": "approved", "status": "Approved" },
        { "node_id": "review", "status": "In Review" },
        { "node_id": "resub", "status": "Resub Requested" },
        { "node_id": "unfinished", "status": "Not Finished" },
        { "node_id": "nostatus" },
        { "node_id": "nullstatus", "status": null },
        { "node_id": "lower", "status": "declined" },
        { "node_id": "expired", "status": "Expired" },
    ]);
    let selection = auto_select(&ours(&json!({ "phone_verifications": items })));
    let ids: Vec<&str> = selection.nodes.iter().map(|n| n.node_id.as_str()).collect();
    assert_eq!(ids, vec!["declined", "review", "unfinished", "expired"]);
    assert!(selection.nodes.iter().all(|n| n.feature == "PHONE_VERIFICATION"));
    assert!(selection.issue.is_none());
}

#[test]
fn auto_select_rule_3_never_selected_arrays() {
    let mut decision = json!({});
    for key in [
        "nfc_verifications",
        "ip_analyses",
        "document_ai_documents",
        "registry_checks",
        "key_people_checks",
        "document_verifications",
    ] {
        decision[key] = json!([{ "node_id": key, "status": "Declined" }]);
    }
    let selection = auto_select(&ours(&decision));
    assert!(selection.nodes.is_empty());
    let issue = selection.issue.unwrap();
    assert_eq!(issue.rule.id(), s("auto_select_empty"));
    assert_eq!(issue.severity, kyc_preflight::Severity::Error);
    assert_eq!(issue.source, kyc_preflight::Source::Stated);
    let path = serde_json::to_value(&issue.path).unwrap();
    assert_eq!(path, json!(["body", "nodes_to_resubmit"]));
}

#[test]
fn auto_select_rule_4_face_attempt_is_liveness() {
    let decision = json!({ "liveness_checks": [{ "node_id": "face", "status": "Declined" }] });
    let selection = auto_select(&ours(&decision));
    assert_eq!(selection.nodes.len(), 1);
    assert_eq!(selection.nodes[0].feature, "LIVENESS");
}

#[test]
fn auto_select_rule_5_graph_order_from_features() {
    let mut decision = full_decision();
    decision["features"] = json!([
        { "feature": "QUESTIONNAIRE", "node_id": "q-1" },
        { "feature": "PHONE", "node_id": "phone-1" },
        { "feature": "OCR", "node_id": "ocr-1" },
        { "feature": "FACE_MATCH", "node_id": "fm-1" },
        { "feature": "POA", "node_id": "poa-1" },
    ]);
    let selection = auto_select(&ours(&decision));
    let got: Vec<&str> = selection.nodes.iter().map(|n| n.node_id.as_str()).collect();
    assert_eq!(got, vec!["q-1", "phone-1", "ocr-1", "fm-1", "poa-1"]);
    // Through validate: the same order in `steps_reset`.
    let report = check(SESSION, session_req(json!({ "new_status": "Resubmitted" })), with_decision(decision));
    assert_clean(&report);
    assert_eq!(
        steps_reset(&report),
        pairs(&[
            ("q-1", "QUESTIONNAIRE"),
            ("phone-1", "PHONE_VERIFICATION"),
            ("ocr-1", "OCR"),
            ("fm-1", "FACE_MATCH"),
            ("poa-1", "PROOF_OF_ADDRESS"),
        ])
    );
}

#[test]
fn auto_select_rule_5_without_node_ids_rule_1_order_then_item_order() {
    // `full_decision` lists display names only.
    let mut decision = full_decision();
    decision["id_verifications"] =
        json!([{ "node_id": "ocr-2", "status": "Expired" }, { "node_id": "ocr-1", "status": "Declined" }]);
    let report = check(SESSION, session_req(json!({ "new_status": "Resubmitted" })), with_decision(decision.clone()));
    assert_clean(&report);
    let want = pairs(&[
        ("ocr-2", "OCR"),
        ("ocr-1", "OCR"),
        ("fm-1", "FACE_MATCH"),
        ("poa-1", "PROOF_OF_ADDRESS"),
        ("phone-1", "PHONE_VERIFICATION"),
        ("q-1", "QUESTIONNAIRE"),
    ]);
    assert_eq!(steps_reset(&report), want);
    let direct: Vec<(String, String)> =
        auto_select(&ours(&decision)).nodes.iter().map(|n| (n.node_id.clone(), n.feature.clone())).collect();
    assert_eq!(direct, want);
}

#[test]
fn auto_select_rule_6_empty_is_the_vendor_error_through_validate() {
    let decision = json!({ "status": "Declined", "liveness_checks": [{ "node_id": "l", "status": "Approved" }] });
    let report = check(SESSION, session_req(json!({ "new_status": "Resubmitted" })), with_decision(decision.clone()));
    assert_response(
        &report,
        400,
        json!({ "nodes_to_resubmit": "No features found that need resubmission. All features are already approved." }),
    );
    assert_eq!(report["effects"], json!([]));
    assert_eq!(report["request"], Value::Null);
}

#[test]
fn auto_select_of_a_non_object_is_context_invalid() {
    for decision in [json!([]), json!("x"), Value::Null, json!(3)] {
        let selection = auto_select(&ours(&decision));
        assert!(selection.nodes.is_empty());
        assert_eq!(selection.issue.unwrap().rule.id(), "context_invalid");
    }
}

#[test]
fn auto_select_skips_non_object_items() {
    let decision = json!({ "id_verifications": ["x", null, { "node_id": "a", "status": "Declined" }] });
    let selection = auto_select(&ours(&decision));
    assert_eq!(selection.nodes.len(), 1);
    assert_eq!(selection.nodes[0].node_id, "a");
}

// ---------------------------------------------------------------------------------
// update_session_status: effects and the prepared request.
// ---------------------------------------------------------------------------------

fn effects(report: &Value) -> Value {
    assert_eq!(report["ok"], true, "{report:#}");
    report["effects"].clone()
}

#[test]
fn effects_approved_declined_resubmitted() {
    let approved = effects(&session_in("In Review", json!({ "new_status": "Approved" })));
    assert_eq!(
        approved,
        json!([
            { "kind": "webhook", "event": "status.updated" },
            { "kind": "review_entry" },
            { "kind": "status", "to": "Approved" },
        ])
    );
    let declined = effects(&session_in("Approved", json!({ "new_status": "Declined" })));
    assert_eq!(
        declined,
        json!([
            { "kind": "webhook", "event": "status.updated" },
            { "kind": "review_entry" },
            { "kind": "status", "to": "Declined" },
            { "kind": "aml_monitoring_disabled" },
        ])
    );
    let resubmitted = effects(&session_in(
        "Approved",
        json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("n1", "POA")] }),
    ));
    assert_eq!(
        resubmitted,
        json!([
            { "kind": "webhook", "event": "status.updated" },
            { "kind": "review_entry" },
            { "kind": "steps_reset", "nodes": [{ "node_id": "n1", "feature": "PROOF_OF_ADDRESS" }] },
            { "kind": "status", "to": "Resubmitted" },
        ])
    );
}

#[test]
fn effects_aml_monitoring_enabled_only_from_declined_resubmitted_kyc_expired() {
    let enabled = json!({ "kind": "aml_monitoring_enabled" });
    for current in ["Declined", "Resubmitted", "Kyc Expired"] {
        let list = effects(&session_in(current, json!({ "new_status": "Approved" })));
        assert!(list.as_array().unwrap().contains(&enabled), "{current}");
    }
    for current in ["In Review", "Abandoned"] {
        let list = effects(&session_in(current, json!({ "new_status": "Approved" })));
        assert!(!list.as_array().unwrap().contains(&enabled), "{current}");
    }
    // Unknown current status: not predicted.
    let blind = effects(&session_check(json!({ "new_status": "Approved" })));
    assert!(!blind.as_array().unwrap().contains(&enabled));
    let declined = effects(&session_in("Resubmitted", json!({ "new_status": "Declined" })));
    assert!(!declined.as_array().unwrap().contains(&enabled));
}

#[test]
fn effects_email_only_when_send_email_is_true() {
    let with =
        effects(&session_check(json!({ "new_status": "Declined", "send_email": true, "email_address": "a@b.co" })));
    assert_eq!(with.as_array().unwrap().last().unwrap(), &json!({ "kind": "email" }));
    let without = effects(&session_check(json!({ "new_status": "Declined", "send_email": false })));
    assert!(!without.as_array().unwrap().contains(&json!({ "kind": "email" })));
}

#[test]
fn effects_steps_reset_for_sent_nodes_follow_graph_order() {
    let mut decision = full_decision();
    decision["features"] = json!([
        { "feature": "LIVENESS", "node_id": "live-1" },
        { "feature": "OCR", "node_id": "ocr-1" },
    ]);
    let body = json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": [node("poa-1", "POA"), node("ocr-1", "ID_VERIFICATION"), node("live-1", "FACE")],
    });
    let report = check(SESSION, session_req(body), with_decision(decision));
    assert_clean(&report);
    // Graph-placed nodes first in graph order, then the rest in item order.
    assert_eq!(steps_reset(&report), pairs(&[("live-1", "FACE"), ("ocr-1", "OCR"), ("poa-1", "PROOF_OF_ADDRESS")]));
    // The prepared body keeps the caller's order, aliases resolved.
    assert_eq!(
        nodes_of(&report["request"]["body"]["nodes_to_resubmit"]),
        pairs(&[("poa-1", "PROOF_OF_ADDRESS"), ("ocr-1", "OCR"), ("live-1", "FACE")])
    );
}

#[test]
fn effects_steps_reset_for_sent_nodes_without_graph_keep_item_order() {
    let body = json!({ "new_status": "Resubmitted", "nodes_to_resubmit": [node("b", "AML"), node("a", "OCR")] });
    let report = check(SESSION, session_req(body), with_decision(full_decision()));
    assert_eq!(steps_reset(&report), pairs(&[("b", "AML"), ("a", "OCR")]));
}

#[test]
fn effects_are_empty_when_not_ok() {
    let report = session_check(json!({ "new_status": "Bogus" }));
    assert_eq!(report["effects"], json!([]));
    assert_eq!(report["request"], Value::Null);
}

#[test]
fn aliases_are_resolved_in_the_prepared_body() {
    let body = json!({
        "new_status": "Resubmitted",
        "comment": "c",
        "nodes_to_resubmit": [
            { "node_id": "a", "feature": "ID_VERIFICATION", "extra": 1 },
            node("b", "POA"), node("c", "PHONE"), node("d", "EMAIL"), node("e", "NFC"),
        ],
    });
    let report = session_check(body);
    assert_clean(&report);
    let prepared = &report["request"]["body"];
    assert_eq!(
        nodes_of(&prepared["nodes_to_resubmit"]),
        pairs(&[
            ("a", "OCR"),
            ("b", "PROOF_OF_ADDRESS"),
            ("c", "PHONE_VERIFICATION"),
            ("d", "EMAIL_VERIFICATION"),
            ("e", "NFC"),
        ])
    );
    // Other item keys and body fields are kept as sent.
    assert_eq!(prepared["nodes_to_resubmit"][0]["extra"], 1);
    assert_eq!(prepared["comment"], "c");
    let text = report["request"]["bodyText"].as_str().unwrap();
    assert_eq!(&serde_json::from_str::<Value>(text).unwrap(), prepared);
    assert!(!text.contains("ID_VERIFICATION") && !text.contains("\"POA\""));
}

#[test]
fn body_text_is_the_callers_text_when_nothing_changes() {
    let text =
        "{ \"new_status\" : \"Resubmitted\",\n  \"nodes_to_resubmit\": [ {\"node_id\":\"n\",\"feature\":\"OCR\"} ] }";
    let report = check_plain(SESSION, json!({ "path": { "sessionId": UUID }, "bodyText": text }));
    assert_clean(&report);
    assert_eq!(report["request"]["bodyText"], text);
    assert_eq!(report["request"]["body"], serde_json::from_str::<Value>(text).unwrap());
    // Sent as a JSON value, the text is the value's own JSON text.
    let report = session_check(json!({ "new_status": "Approved" }));
    assert_eq!(report["request"]["bodyText"], "{\"new_status\":\"Approved\"}");
}

#[test]
fn prepared_request_path_method_and_headers() {
    let request = json!({
        "path": { "sessionId": UUID },
        "headers": { "x-api-key": "secret" },
        "body": { "new_status": "Declined" },
    });
    let report = check_plain(SESSION, request);
    assert_clean(&report);
    let prepared = &report["request"];
    assert_eq!(prepared["method"], "PATCH");
    assert_eq!(prepared["path"], format!("/v3/session/{UUID}/update-status/"));
    assert_eq!(prepared["headers"], json!({ "Content-Type": "application/json", "x-api-key": "secret" }));
}

// ---------------------------------------------------------------------------------
// update_feature_status.
// ---------------------------------------------------------------------------------

fn feature_decision() -> Value {
    json!({
        "status": "In Review",
        "session_type": "HOSTED",
        "id_verifications": [{ "node_id": "ocr-1", "status": "Declined" }],
        "liveness_checks": [{ "node_id": "live-1", "status": "Approved" }],
    })
}

fn feature_check(node_id: &str, body: Value) -> Value {
    check(FEATURE, feature_req(node_id, body), with_decision(feature_decision()))
}

#[test]
fn feature_clean_request_and_effects() {
    let report =
        feature_check("ocr-1", json!({ "new_status": "Approved", "comment": "ok", "defer_until_flow_finishes": true }));
    assert_clean(&report);
    assert_eq!(
        report["effects"],
        json!([
            { "kind": "webhook", "event": "data.updated" },
            { "kind": "review_entry" },
            { "kind": "feature_status", "node_id": "ocr-1", "to": "Approved" },
        ])
    );
    // The session status does not change.
    assert!(report["effects"].as_array().unwrap().iter().all(|e| e["kind"] != "status"));
    assert_eq!(report["request"]["path"], format!("/v3/session/{UUID}/features/ocr-1/update-status/"));
    assert_eq!(report["request"]["method"], "PATCH");
}

#[test]
fn feature_path_is_percent_encoded() {
    let report = check_plain(FEATURE, feature_req("node 1/é?", json!({ "new_status": "In Review" })));
    assert_clean(&report);
    assert_eq!(report["request"]["path"], format!("/v3/session/{UUID}/features/node%201%2F%C3%A9%3F/update-status/"));
    assert_eq!(report["effects"][2]["node_id"], "node 1/é?");
}

#[test]
fn feature_auth_missing() {
    let mut request = feature_req("ocr-1", json!({ "new_status": "Approved" }));
    request["headers"] = json!({ "Authorization": "Basic abc" });
    let report = check_plain(FEATURE, request.clone());
    assert_eq!(assert_fires(&report, &fr("auth_missing"))["path"], json!(["headers"]));
    assert_response(&report, 403, json!({ "detail": AUTH_DETAIL }));
    for headers in [Some(json!({ "X-Api-Key": "k" })), Some(json!({ "Authorization": "Bearer tok" })), None] {
        match headers {
            Some(h) => request["headers"] = h,
            None => {
                request.as_object_mut().unwrap().remove("headers");
            }
        }
        let report = check_plain(FEATURE, request.clone());
        assert_quiet(&report, &fr("auth_missing"));
        assert_clean(&report);
    }
}

#[test]
fn feature_session_id_format() {
    let report = check_plain(
        FEATURE,
        json!({ "path": { "sessionId": "nope", "nodeId": "n" }, "body": { "new_status": "Approved" } }),
    );
    assert_fires(&report, &fr("session_id_format"));
    assert_response(&report, 404, Value::Null);
    assert_quiet(
        &check_plain(FEATURE, feature_req("n", json!({ "new_status": "Approved" }))),
        &fr("session_id_format"),
    );
}

#[test]
fn feature_node_id_format() {
    for path in [json!({ "sessionId": UUID }), json!({ "sessionId": UUID, "nodeId": "" })] {
        let report = check_plain(FEATURE, json!({ "path": path, "body": { "new_status": "Approved" } }));
        assert_eq!(assert_fires(&report, &fr("node_id_format"))["path"], json!(["path", "nodeId"]));
        assert_response(&report, 404, Value::Null);
    }
    assert_quiet(
        &check_plain(FEATURE, feature_req("default", json!({ "new_status": "Approved" }))),
        &fr("node_id_format"),
    );
}

#[test]
fn feature_node_not_found() {
    let report = feature_check("zzz", json!({ "new_status": "Approved" }));
    assert_eq!(assert_fires(&report, &fr("node_not_found"))["path"], json!(["path", "nodeId"]));
    assert_response(&report, 404, json!({ "detail": "No feature found with node_id 'zzz' in this session." }));
    assert_quiet(&feature_check("live-1", json!({ "new_status": "Declined" })), &fr("node_not_found"));
    // Without a decision: not checked.
    assert_clean(&check_plain(FEATURE, feature_req("zzz", json!({ "new_status": "Approved" }))));
    // `default` with two steps that both carry node ids: not found.
    let report = feature_check("default", json!({ "new_status": "Approved" }));
    assert_fires(&report, &fr("node_not_found"));
}

#[test]
fn feature_default_node_matches_an_item_without_node_id_or_a_single_step() {
    let no_id = json!({ "status": "In Review", "id_verifications": [{ "status": "Declined" }], "liveness_checks": [{ "node_id": "l", "status": "Declined" }] });
    let report =
        check(FEATURE, feature_req("default", json!({ "new_status": "Approved" })), with_decision(no_id.clone()));
    assert_clean(&report);
    // It really is that item: its status counts for same_status.
    let same = check(FEATURE, feature_req("default", json!({ "new_status": "Declined" })), with_decision(no_id));
    assert_fires(&same, &fr("same_status"));
    let single = json!({ "status": "In Review", "face_matches": [{ "node_id": "fm-9", "status": "In Review" }] });
    let report =
        check(FEATURE, feature_req("default", json!({ "new_status": "Approved" })), with_decision(single.clone()));
    assert_clean(&report);
    let same = check(FEATURE, feature_req("default", json!({ "new_status": "In Review" })), with_decision(single));
    assert_fires(&same, &fr("same_status"));
}

#[test]
fn feature_api_session() {
    let mut decision = feature_decision();
    decision["session_type"] = json!("API");
    let report = check(FEATURE, feature_req("ocr-1", json!({ "new_status": "Approved" })), with_decision(decision));
    assert_eq!(assert_fires(&report, &fr("api_session"))["path"], json!(["context", "decision", "session_type"]));
    assert_response(&report, 400, json!({ "detail": "Cannot change feature status for API sessions." }));
    for kind in ["HOSTED", "MIGRATED"] {
        let mut decision = feature_decision();
        decision["session_type"] = json!(kind);
        let report = check(FEATURE, feature_req("ocr-1", json!({ "new_status": "Approved" })), with_decision(decision));
        assert_quiet(&report, &fr("api_session"));
    }
}

#[test]
fn feature_body_type() {
    for (text, kind) in [("[]", "list"), ("\"x\"", "str"), ("1", "int"), ("1e3", "float"), ("null", "NoneType")] {
        let request = json!({ "path": { "sessionId": UUID, "nodeId": "ocr-1" }, "bodyText": text });
        let report = check(FEATURE, request, with_decision(feature_decision()));
        assert_fires(&report, &fr("body_type"));
        // A serializer given `None` says "No data provided" (DRF's own edge case).
        let answer = match kind {
            "NoneType" => "No data provided".to_owned(),
            _ => format!("Invalid data. Expected a dictionary, but got {kind}."),
        };
        assert_response(&report, 400, json!({ "non_field_errors": [answer] }));
    }
    assert_quiet(&feature_check("ocr-1", json!({ "new_status": "Approved" })), &fr("body_type"));
}

#[test]
fn feature_new_status_required() {
    let report = feature_check("ocr-1", json!({}));
    assert_fires(&report, &fr("new_status_required"));
    assert_response(&report, 400, json!({ "new_status": ["This field is required."] }));
    let null = feature_check("ocr-1", json!({ "new_status": null }));
    assert_response(&null, 400, json!({ "new_status": ["This field may not be null."] }));
    assert_quiet(&feature_check("ocr-1", json!({ "new_status": "In Review" })), &fr("new_status_required"));
}

#[test]
fn feature_new_status_choice() {
    for value in ["Resubmitted", "Not Finished", "Bogus"] {
        let report = feature_check("ocr-1", json!({ "new_status": value }));
        assert_fires(&report, &fr("new_status_choice"));
        assert_response(&report, 400, json!({ "new_status": [format!("\"{value}\" is not a valid choice.")] }));
    }
    let cased = feature_check("ocr-1", json!({ "new_status": "in_review" }));
    assert_eq!(assert_fires(&cased, &fr("new_status_choice"))["hint"], "did you mean \"In Review\"?");
    for value in ["Approved", "In Review"] {
        let report = feature_check("ocr-1", json!({ "new_status": value }));
        assert_quiet(&report, &fr("new_status_choice"));
        assert_clean(&report);
    }
    // Declined is a valid choice too; this node already is Declined, which is another rule.
    let declined = feature_check("ocr-1", json!({ "new_status": "Declined" }));
    assert_quiet(&declined, &fr("new_status_choice"));
    assert_fires(&declined, &fr("same_status"));
}

#[test]
fn feature_same_status_is_a_string_not_a_list() {
    let report = feature_check("ocr-1", json!({ "new_status": "Declined" }));
    assert_eq!(assert_fires(&report, &fr("same_status"))["path"], json!(["body", "new_status"]));
    assert_response(&report, 400, json!({ "new_status": "The new status is the same as the current status." }));
    assert_quiet(&feature_check("ocr-1", json!({ "new_status": "Approved" })), &fr("same_status"));
}

#[test]
fn feature_comment_type() {
    let report = feature_check("ocr-1", json!({ "new_status": "Approved", "comment": false }));
    assert_fires(&report, &fr("comment_type"));
    assert_response(&report, 400, json!({ "comment": ["Not a valid string."] }));
    assert_quiet(&feature_check("ocr-1", json!({ "new_status": "Approved", "comment": "x" })), &fr("comment_type"));
    // DRF's CharField turns a number into text and accepts it.
    assert_quiet(&feature_check("ocr-1", json!({ "new_status": "Approved", "comment": 5 })), &fr("comment_type"));
}

#[test]
fn feature_defer_type() {
    for value in [json!("maybe"), json!(2), json!(""), json!([]), json!({})] {
        let report = feature_check("ocr-1", json!({ "new_status": "Approved", "defer_until_flow_finishes": value }));
        let issue = assert_fires(&report, &fr("defer_type"));
        assert_eq!(issue["path"], json!(["body", "defer_until_flow_finishes"]));
        assert_response(&report, 400, json!({ "defer_until_flow_finishes": ["Must be a valid boolean."] }));
    }
    // DRF's BooleanField (3.15+) reads these as booleans after lower-casing a string: the
    // server takes them, so a warning with the JSON boolean to send instead.
    for (value, meant) in [
        (json!("yes"), true),
        (json!(1), true),
        (json!("true"), true),
        (json!("T"), true),
        (json!("off"), false),
        (json!(0), false),
    ] {
        let report = feature_check("ocr-1", json!({ "new_status": "Approved", "defer_until_flow_finishes": value }));
        let issue = assert_fires(&report, &fr("defer_type"));
        assert_eq!(issue["severity"], "warning", "{value}");
        assert_eq!(issue["hint"], format!("send {meant}"));
        assert_eq!(report["ok"], true);
    }
    let off = feature_check("ocr-1", json!({ "new_status": "Approved", "defer_until_flow_finishes": false }));
    assert_quiet(&off, &fr("defer_type"));
}

#[test]
fn feature_unknown_field() {
    let report = feature_check("ocr-1", json!({ "new_status": "Approved", "send_email": true, "Comment": "x" }));
    assert_fires(&report, &fr("unknown_field"));
    let fired = issues_of(&report, &fr("unknown_field"));
    assert_eq!(fired.len(), 2);
    assert_eq!(fired[0]["path"], json!(["body", "Comment"]));
    assert_eq!(fired[0]["hint"], "did you mean \"comment\"?");
    assert_eq!(report["ok"], true);
    assert_quiet(&feature_check("ocr-1", json!({ "new_status": "Approved" })), &fr("unknown_field"));
}

#[test]
fn feature_server_order() {
    let mut api = feature_decision();
    api["session_type"] = json!("API");
    // auth, then session type, then node lookup, then body.
    let request = json!({ "path": { "sessionId": UUID, "nodeId": "zzz" }, "headers": {}, "body": { "comment": true } });
    let all = check(FEATURE, request, with_decision(api.clone()));
    for rule in ["auth_missing", "api_session", "node_not_found", "new_status_required", "comment_type"] {
        assert_fires(&all, &fr(rule));
    }
    assert_response(&all, 403, json!({ "detail": AUTH_DETAIL }));
    let session = check(FEATURE, feature_req("zzz", json!({ "comment": true })), with_decision(api));
    assert_response(&session, 400, json!({ "detail": "Cannot change feature status for API sessions." }));
    let lookup = feature_check("zzz", json!({ "comment": true }));
    assert_response(&lookup, 404, json!({ "detail": "No feature found with node_id 'zzz' in this session." }));
    let body =
        feature_check("ocr-1", json!({ "new_status": "Declined", "comment": true, "defer_until_flow_finishes": "x" }));
    assert_fires(&body, &fr("same_status"));
    assert_response(
        &body,
        400,
        json!({ "comment": ["Not a valid string."], "defer_until_flow_finishes": ["Must be a valid boolean."] }),
    );
    let fields = feature_check("ocr-1", json!({ "comment": true }));
    assert_response(
        &fields,
        400,
        json!({ "new_status": ["This field is required."], "comment": ["Not a valid string."] }),
    );
}

// ---------------------------------------------------------------------------------
// Email policy (reliability.md 30–32), directly and through `email_format`.
// ---------------------------------------------------------------------------------

fn email_passes_rule(address: &str) -> bool {
    let report = session_check(json!({ "new_status": "Approved", "send_email": true, "email_address": address }));
    !fires(&report, &s("email_format"))
}

/// `a`×63 `.` `b`×63 `.` `c`×`last`: a domain of 128 + `last` octets.
fn long_domain(last: usize) -> String {
    format!("{}.{}.{}", "a".repeat(63), "b".repeat(63), "c".repeat(last))
}

/// DRF's `EmailField` is Django's `EmailValidator` (5.2) on the trimmed text. Issue 14
/// overrides reliability.md 30–32 where they differ: the server trims (so `" a@b.co "`
/// and `"a@b.co\n"` pass), has no local-part limit and allows 320 characters (so a
/// 65-octet local part and 255 octets pass), and takes internationalized domains as
/// written. The DRF oracle (tests/drf) checks the whole policy against Django itself.
#[test]
fn email_must_pass() {
    let exactly_254 = format!("{}@{}", "l".repeat(64), long_domain(61));
    assert_eq!(exactly_254.len(), 254);
    let chars_320 = format!("{}@{}", "l".repeat(130), long_domain(61));
    assert_eq!(chars_320.chars().count(), 320);
    let must_pass = [
        "user@example.com".to_owned(),
        "user+tag@sub.example.co.uk".to_owned(),
        "o'brien@example.ie".to_owned(),
        "USER@EXAMPLE.COM".to_owned(),
        format!("{}@example.com", "l".repeat(64)),
        format!("user@{}.com", "d".repeat(63)),
        exactly_254,
        // Django, not the WHATWG grammar:
        format!("{}@example.com", "l".repeat(65)),
        format!("{}@{}", "l".repeat(64), long_domain(62)),
        chars_320,
        "\"a\\ b\"@example.com".to_owned(),
        "\"a\\\"b\"@example.com".to_owned(),
        "a@[127.0.0.1]".to_owned(),
        "a@[2001:db8::1]".to_owned(),
        "a@exämple.co".to_owned(),
        "a@пример.рф".to_owned(),
        "a@b.xn--p1ai".to_owned(),
    ];
    for address in &must_pass {
        assert!(is_valid_email(address), "must pass: {address}");
        assert!(email_passes_rule(address), "rule must pass: {address}");
    }
    // Surrounding whitespace, Python's included (U+001C–U+001F, NBSP, U+3000), is trimmed.
    for address in [" a@b.co ", "a@b.co\n", "\u{a0}a@b.co\u{3000}", "\u{1c}a@b.co"] {
        assert!(email_passes_rule(address), "rule must pass: {address:?}");
    }
}

#[test]
fn email_must_fail() {
    let chars_321 = format!("{}@{}", "l".repeat(131), long_domain(61));
    assert_eq!(chars_321.chars().count(), 321);
    let must_fail = [
        "@".to_owned(),
        "a@".to_owned(),
        "@b.co".to_owned(),
        "a@@b.co".to_owned(),
        "a b@c.co".to_owned(),
        "a@-b.co".to_owned(),
        "a@b-.co".to_owned(),
        "a@b_c.co".to_owned(),
        format!("user@{}.com", "d".repeat(64)),
        chars_321,
        "a＠b.co".to_owned(),
        "a@b.c".to_owned(),
        "a@b.c1".to_owned(),
        "a@example".to_owned(),
        "a@LOCALHOST".to_owned(),
        "a@[1.2.3.04]".to_owned(),
        "a@[IPv6:2001:db8::1]".to_owned(),
        "a@😀.com".to_owned(),
        "a@b.co😀".to_owned(),
        "\"a b\"@example.com".to_owned(),
    ];
    for address in &must_fail {
        assert!(!is_valid_email(address), "must fail: {address:?}");
        assert!(!email_passes_rule(address), "rule must fail: {address:?}");
        let report = session_check(json!({ "new_status": "Approved", "send_email": true, "email_address": address }));
        assert_response(&report, 400, json!({ "email_address": ["Enter a valid email address."] }));
    }
    // Blank once trimmed: the field's own message; NUL: its validator's, then the address's.
    for (address, answer) in [
        ("", json!(["This field may not be blank."])),
        (" \t", json!(["This field may not be blank."])),
        ("a@b.co\u{0}", json!(["Null characters are not allowed.", "Enter a valid email address."])),
    ] {
        let report = session_check(json!({ "new_status": "Approved", "send_email": true, "email_address": address }));
        assert_fires(&report, &s("email_format"));
        assert_response(&report, 400, json!({ "email_address": answer }));
    }
}

/// Policy (reliability.md 32), pinned: Django's `EmailValidator` is the vendor's
/// server, so single-label hosts fail but `localhost`, dot-atom rules hold, numeric
/// TLDs and a non-ASCII local part fail; an internationalized domain passes as written
/// (Django 5.2 no longer converts it to punycode: its pattern takes U+00A1–U+FFFF).
#[test]
fn email_policy_cases() {
    for (address, ok) in [
        ("user@localhost", true),
        (".a@x.co", false),
        ("a.@x.co", false),
        ("a..b@x.co", false),
        ("a@1.2.3.4", false),
        ("usér@x.co", false),
        ("a@exämple.co", true),
        ("a@xn--exmple-cua.co", true),
        // Python's case-insensitive [A-Z] takes ſ and the Kelvin sign K: so does Django.
        ("ſ@x.co", true),
    ] {
        assert_eq!(is_valid_email(address), ok, "{address}");
        assert_eq!(email_passes_rule(address), ok, "{address}");
    }
}

/// The ReDoS probes of reliability.md 33 are refused. Their time (10 ms each in the
/// shipped wasm) is a budget of `npm run bench` (bench/probes.mjs), not an assert here.
#[test]
fn email_check_refuses_hostile_input() {
    let probes = [
        "a".repeat(50_000) + "@",
        "a@".to_owned() + &"a-".repeat(30_000) + "!",
        "a@".to_owned() + &"a.".repeat(30_000) + "-",
    ];
    for probe in &probes {
        assert!(!is_valid_email(probe), "{}…", probe.get(..12).unwrap_or_default());
    }
}

// ---------------------------------------------------------------------------------
// canonical_status and allowed_actions.
// ---------------------------------------------------------------------------------

#[test]
fn canonical_status_didit_column() {
    use CanonicalStatus as C;
    for (status, want) in [
        ("Not Started", C::Incomplete),
        ("Expired", C::Incomplete),
        ("Abandoned", C::Incomplete),
        ("In Progress", C::Pending),
        ("Awaiting User", C::Pending),
        ("In Review", C::ManualReview),
        ("Approved", C::Approved),
        ("Declined", C::Rejected),
        ("Resubmitted", C::Remediation),
        ("Kyc Expired", C::Remediation),
    ] {
        assert_eq!(canonical_status(kyc_preflight::didit::PROVIDER, status, None), Some(want), "{status}");
    }
    for unknown in ["approved", "IN_REVIEW", "", "Resub Requested", "completed"] {
        assert_eq!(canonical_status(kyc_preflight::didit::PROVIDER, unknown, None), None, "{unknown}");
    }
    // Every session status has a canonical status.
    for status in kyc_preflight::didit::SESSION_STATUSES {
        assert!(canonical_status(kyc_preflight::didit::PROVIDER, status, None).is_some(), "{status}");
    }
}

fn session_targets(context: &Value) -> Vec<String> {
    allowed_actions(kyc_preflight::didit::PROVIDER, &ours(context))
        .into_iter()
        .filter(|a| a.operation == kyc_preflight::didit::UPDATE_SESSION_STATUS)
        .map(|a| a.target.unwrap())
        .collect()
}

#[test]
fn allowed_actions_follow_the_transition_table() {
    for (current, targets) in [
        ("Approved", vec!["Declined", "Resubmitted"]),
        ("Declined", vec!["Approved", "Resubmitted"]),
        ("In Review", vec!["Approved", "Declined", "Resubmitted"]),
        ("Kyc Expired", vec!["Approved", "Declined", "Resubmitted"]),
        ("Abandoned", vec!["Approved", "Declined", "Resubmitted"]),
        ("Resubmitted", vec!["Approved", "Declined"]),
        ("Not Started", vec![]),
        ("In Progress", vec![]),
        ("Awaiting User", vec![]),
        ("Expired", vec![]),
        ("Bogus", vec![]),
    ] {
        assert_eq!(session_targets(&json!({ "decision": { "status": current } })), targets, "{current}");
    }
    // Every allowed action validates (with nodes when required).
    for current in ["Approved", "Declined", "In Review", "Kyc Expired", "Abandoned", "Resubmitted"] {
        let context = json!({ "decision": { "status": current } });
        for action in allowed_actions(kyc_preflight::didit::PROVIDER, &ours(&context)) {
            let mut body = json!({ "new_status": action.target.clone().unwrap() });
            if action.requires.iter().any(|r| r == "nodes_to_resubmit") {
                body["nodes_to_resubmit"] = json!([node("n", "OCR")]);
            }
            let report = check(SESSION, session_req(body), json!({ "context": context }));
            assert_eq!(report["ok"], true, "{current} → {:?}: {report:#}", action.target);
        }
    }
}

#[test]
fn allowed_actions_resubmitted_requires_nodes_when_auto_selection_is_empty() {
    let empty = json!({ "decision": { "status": "In Review", "id_verifications": [{ "node_id": "a", "status": "Approved" }] } });
    let actions = allowed_actions(kyc_preflight::didit::PROVIDER, &ours(&empty));
    let resubmit = actions.iter().find(|a| a.target.as_deref() == Some("Resubmitted")).unwrap();
    assert_eq!(resubmit.requires, vec!["nodes_to_resubmit".to_owned()]);
    let approve = actions.iter().find(|a| a.target.as_deref() == Some("Approved")).unwrap();
    assert!(approve.requires.is_empty());
    let some = json!({ "decision": { "status": "In Review", "id_verifications": [{ "node_id": "a", "status": "Declined" }] } });
    let actions = allowed_actions(kyc_preflight::didit::PROVIDER, &ours(&some));
    let resubmit = actions.iter().find(|a| a.target.as_deref() == Some("Resubmitted")).unwrap();
    assert!(resubmit.requires.is_empty());
}

#[test]
fn allowed_actions_step_moves_exclude_the_current_step_status() {
    let context = json!({ "decision": feature_decision() });
    let steps: Vec<(String, String)> = allowed_actions(kyc_preflight::didit::PROVIDER, &ours(&context))
        .into_iter()
        .filter(|a| a.operation == kyc_preflight::didit::UPDATE_FEATURE_STATUS)
        .map(|a| (a.node_id.unwrap(), a.target.unwrap()))
        .collect();
    assert_eq!(
        steps,
        pairs(&[("ocr-1", "Approved"), ("ocr-1", "In Review"), ("live-1", "Declined"), ("live-1", "In Review"),])
    );
    // Each step action validates.
    for action in allowed_actions(kyc_preflight::didit::PROVIDER, &ours(&context)) {
        if action.operation != kyc_preflight::didit::UPDATE_FEATURE_STATUS {
            continue;
        }
        let request = feature_req(action.node_id.as_deref().unwrap(), json!({ "new_status": action.target.unwrap() }));
        let report = check(FEATURE, request, json!({ "context": context }));
        assert_eq!(report["ok"], true, "{report:#}");
    }
}

#[test]
fn allowed_actions_no_step_actions_for_api_sessions() {
    let mut decision = feature_decision();
    decision["session_type"] = json!("API");
    let actions = allowed_actions(kyc_preflight::didit::PROVIDER, &ours(&json!({ "decision": decision })));
    assert!(actions.iter().all(|a| a.operation == kyc_preflight::didit::UPDATE_SESSION_STATUS));
    assert_eq!(actions.len(), 3);
}

#[test]
fn allowed_actions_for_garbage_context_is_empty() {
    for context in [json!(null), json!([]), json!({}), json!({ "decision": [] }), json!({ "decision": "x" })] {
        assert!(allowed_actions(kyc_preflight::didit::PROVIDER, &ours(&context)).is_empty(), "{context}");
    }
}

// ---------------------------------------------------------------------------------
// Context of the wrong shape, and privacy.
// ---------------------------------------------------------------------------------

#[test]
fn context_of_the_wrong_shape_is_a_warning() {
    for (context, at) in [
        (json!({ "decision": [] }), json!(["context", "decision"])),
        (json!({ "decision": { "status": 5 } }), json!(["context", "decision", "status"])),
        (json!({ "decision": { "id_verifications": "x" } }), json!(["context", "decision", "id_verifications"])),
    ] {
        let report = check(SESSION, session_req(json!({ "new_status": "Approved" })), json!({ "context": context }));
        let issue = assert_fires(&report, "context_invalid");
        assert_eq!(issue["path"], at);
        assert_eq!(report["ok"], true);
    }
}

const SENTINEL: &str = "SENTINEL-1234";

fn assert_private(report: &Value) {
    for issue in report["issues"].as_array().unwrap() {
        for field in ["message", "hint", "path"] {
            assert!(!issue[field].to_string().contains(SENTINEL), "{field} leaks the value: {issue:#}");
        }
    }
}

#[test]
fn privacy_session_status_never_echoes_a_value() {
    let s_ = SENTINEL;
    let bodies = [
        json!({
            "new_status": s_, "comment": s_, "send_email": s_, "email_address": s_, "email_language": s_,
            "email_preview_token": s_, "unknown": s_,
            "nodes_to_resubmit": [{ "node_id": s_, "feature": s_ }, s_, { "node_id": s_, "feature": "KYB" }],
        }),
        json!({ "new_status": "Resubmitted", "nodes_to_resubmit": s_ }),
        json!({ "new_status": "Resubmitted", "send_email": true, "email_address": format!("{s_}@x.co"),
                "nodes_to_resubmit": [{ "node_id": s_, "feature": "OCR" }, { "node_id": s_, "feature": "ID_VERIFICATION" }] }),
        json!(s_),
    ];
    let decision = json!({
        "status": s_, "session_type": s_, "features": [{ "node_id": s_, "feature": s_ }],
        "id_verifications": [{ "node_id": "other", "status": s_ }],
    });
    for body in bodies {
        let request =
            json!({ "path": { "sessionId": s_ }, "headers": { "x-api-key": s_, "Authorization": s_ }, "body": body });
        for options in [json!({}), with_decision(decision.clone())] {
            let report = check(SESSION, request.clone(), options);
            assert_eq!(report["ok"], false);
            assert_private(&report);
        }
        // The only echoes are inside the vendor's own answers.
        let report = check(SESSION, session_req(body.clone()), json!({}));
        assert_private(&report);
    }
    let echoed = session_check(json!({ "new_status": s_ }));
    assert_response(&echoed, 400, json!({ "new_status": [format!("\"{s_}\" is not a valid choice.")] }));
}

#[test]
fn privacy_feature_status_never_echoes_a_value() {
    let s_ = SENTINEL;
    let body = json!({ "new_status": s_, "comment": s_, "defer_until_flow_finishes": s_, "extra": s_ });
    let decision = json!({ "status": s_, "session_type": s_, "id_verifications": [{ "node_id": "x", "status": s_ }] });
    for path in [json!({ "sessionId": s_, "nodeId": s_ }), json!({ "sessionId": UUID, "nodeId": s_ })] {
        let request = json!({ "path": path, "headers": { "x-api-key": s_ }, "body": body });
        for options in [json!({}), with_decision(decision.clone())] {
            let report = check(FEATURE, request.clone(), options);
            assert_eq!(report["ok"], false);
            assert_private(&report);
        }
    }
    // The vendor echoes the node id in its 404: only there.
    let report = check(FEATURE, feature_req(s_, json!({ "new_status": "Approved" })), with_decision(decision));
    assert_private(&report);
    assert_response(
        &report,
        404,
        json!({ "detail": format!("No feature found with node_id '{s_}' in this session.") }),
    );
}

#[test]
fn rule_ids_match_rules_md() {
    let session: Vec<&str> =
        kyc_preflight::rules().filter(|r| r.operation == Some("didit.update_session_status")).map(|r| r.id).collect();
    let want = [
        "auth_missing",
        "session_id_format",
        "current_status_eligible",
        "content_type",
        "body_type",
        "new_status_required",
        "new_status_choice",
        "new_status_target",
        "same_status",
        "comment_type",
        "comment_length",
        "send_email_type",
        "email_required",
        "email_format",
        "email_language_known",
        "email_language_type",
        "email_unused",
        "nodes_type",
        "node_type",
        "node_id_required",
        "node_feature_required",
        "node_feature_choice",
        "node_feature_document_ai",
        "node_feature_kyb_parent",
        "nodes_ignored",
        "nodes_empty",
        "node_duplicate",
        "node_unknown",
        "node_feature_mismatch",
        "auto_select_empty",
        "auto_select_unpredictable",
        "unknown_field",
    ];
    assert_eq!(session, want.iter().map(|r| s(r)).collect::<Vec<_>>());
    let feature: Vec<&str> =
        kyc_preflight::rules().filter(|r| r.operation == Some("didit.update_feature_status")).map(|r| r.id).collect();
    let want = [
        "auth_missing",
        "session_id_format",
        "node_id_format",
        "node_not_found",
        "api_session",
        "content_type",
        "body_type",
        "new_status_required",
        "new_status_choice",
        "same_status",
        "comment_type",
        "defer_type",
        "unknown_field",
    ];
    assert_eq!(feature, want.iter().map(|r| fr(r)).collect::<Vec<_>>());
    // Severities and sources as rules.md gives them.
    let warnings = [
        "comment_length",
        "email_language_known",
        "email_unused",
        "node_feature_document_ai",
        "nodes_ignored",
        "nodes_empty",
        "node_duplicate",
        "node_unknown",
        "node_feature_mismatch",
        "auto_select_unpredictable",
        "unknown_field",
    ];
    let inferred = [
        "body_type",
        "content_type",
        "comment_type",
        "comment_length",
        "send_email_type",
        "email_language_type",
        "email_unused",
        "node_feature_document_ai",
        "nodes_empty",
        "node_duplicate",
        "node_unknown",
        "node_feature_mismatch",
        "auto_select_unpredictable",
        "unknown_field",
    ];
    for info in kyc_preflight::rules().filter(|r| r.operation == Some("didit.update_session_status")) {
        let short = info.id.trim_start_matches("didit.update_session_status.");
        let sev =
            if warnings.contains(&short) { kyc_preflight::Severity::Warning } else { kyc_preflight::Severity::Error };
        assert_eq!(info.severity, sev, "{short}");
        let src =
            if inferred.contains(&short) { kyc_preflight::Source::Inferred } else { kyc_preflight::Source::Stated };
        assert_eq!(info.source, src, "{short}");
    }
}

// ---------------------------------------------------------------------------------
// Regressions found while writing this suite.
// ---------------------------------------------------------------------------------

/// A rule turned off lets its item through: the prepared body keeps it as sent
/// (it used to be dropped silently, with the aliases and repeats still resolved).
#[test]
fn item_let_through_by_an_override_stays_in_the_prepared_body() {
    let body = json!({
        "new_status": "Resubmitted",
        "nodes_to_resubmit": [node("n1", "NEW_THING"), node("n2", "POA"), node("n2", "PROOF_OF_ADDRESS"), "raw"],
    });
    let options = json!({ "severity": {
        "didit.update_session_status.node_feature_choice": "off",
        "didit.update_session_status.node_type": "off",
    } });
    let report = check(SESSION, session_req(body), options);
    assert_eq!(report["ok"], true, "{report:#}");
    assert_eq!(
        report["request"]["body"]["nodes_to_resubmit"],
        json!([node("n1", "NEW_THING"), node("n2", "PROOF_OF_ADDRESS"), "raw"])
    );
}

/// reliability.md: time linear in input size. 16,000 sent nodes against a decision
/// of 16,000 steps and a 16,000-entry graph took minutes when every node scanned the
/// decision. Here, the answer; its time budget (1 s in the shipped wasm) is timed by
/// `npm run bench` (bench/probes.mjs).
#[test]
fn many_nodes_against_a_large_decision_stay_linear() {
    let n = 16_000;
    let items: Vec<Value> = (0..n).map(|i| node(&format!("n{i}"), "POA")).collect();
    let steps: Vec<Value> = (0..n).map(|i| json!({ "node_id": format!("n{i}"), "status": "Declined" })).collect();
    let options = with_decision(json!({ "status": "In Review", "poa_verifications": steps, "features": steps }));
    let report = check(
        SESSION,
        session_req(json!({ "new_status": "Resubmitted", "nodes_to_resubmit": items })),
        options.clone(),
    );
    let auto = check(SESSION, session_req(json!({ "new_status": "Resubmitted" })), options);
    assert_eq!(report["ok"], true);
    assert_eq!(steps_reset(&report).len(), n);
    assert_eq!(steps_reset(&auto).len(), n);
}

/// Pinned: an item without `node_id` is named `default`, the name the feature
/// update-status path uses for it.
#[test]
fn auto_selected_item_without_node_id_is_named_default() {
    let selection = auto_select(&ours(&json!({ "id_verifications": [{ "status": "Declined" }] })));
    assert_eq!(selection.nodes.len(), 1);
    assert_eq!((selection.nodes[0].node_id.as_str(), selection.nodes[0].feature.as_str()), ("default", "OCR"));
}

#[test]
fn privacy_of_unreadable_bodies() {
    for text in ["{\"comment\": \"SENTINEL-1234\" ", "SENTINEL-1234", "{\"comment\": \"SENTINEL-1234\\ud800\"}"] {
        let report = check_plain(SESSION, json!({ "path": { "sessionId": UUID }, "bodyText": text }));
        assert_eq!(report["ok"], false);
        assert_private(&report);
    }
}

/// The prepared body keeps the caller's key order and numbers as written; a key written
/// twice reads as `JSON.parse` reads it (first place, last value). Only the dropped
/// repeat differs from what was sent.
#[test]
fn a_normalized_body_keeps_the_callers_order_and_digits() {
    let text = concat!(
        r#"{"send_email":false,"comment":"c","new_status":"Approved","new_status":"Resubmitted","#,
        r#""nodes_to_resubmit":[{"feature":"OCR","node_id":"n1","weight":1.50},{"node_id":"n1","feature":"OCR"}]}"#
    );
    let report = check_plain(SESSION, json!({ "path": { "sessionId": UUID }, "bodyText": text }));
    assert_eq!(report["ok"], true, "{report:#}");
    let want = concat!(
        r#"{"send_email":false,"comment":"c","new_status":"Resubmitted","#,
        r#""nodes_to_resubmit":[{"feature":"OCR","node_id":"n1","weight":1.50}]}"#
    );
    assert_eq!(report["request"]["bodyText"], want);
}

// ---------------------------------------------------------------------------------
// Issue 14: Didit's fields as Django REST Framework's (the DRF oracle, tests/drf,
// checks thousands more bodies against the framework itself).
// ---------------------------------------------------------------------------------

/// DRF's parser negotiation: JSON is the one parser, so any other media type is its 415,
/// before the body is read; a wildcard it matches is read, with a warning.
#[test]
fn content_type_is_drf_415() {
    for (op, rule) in [(SESSION, s("content_type")), (FEATURE, fr("content_type"))] {
        let path = json!({ "sessionId": UUID, "nodeId": "ocr-1" });
        for (header, echoed) in [
            ("text/plain", "text/plain"),
            ("application/x-www-form-urlencoded", "application/x-www-form-urlencoded"),
            ("application/ld+json", "application/ld+json"),
            (" text/plain; charset=utf-8\t", "text/plain; charset=utf-8"),
            ("", ""),
        ] {
            let request = json!({ "path": path, "headers": { "x-api-key": "k", "content-type": header },
                "body": { "new_status": "Bogus" } });
            let report = check_plain(op, request);
            assert_eq!(assert_fires(&report, &rule)["path"], json!(["headers", "content-type"]));
            // 415 before the field errors: DRF never reads the body.
            let detail = format!("Unsupported media type \"{echoed}\" in request.");
            assert_response(&report, 415, json!({ "detail": detail }));
            assert!(fires(&report, &format!("{op}.new_status_choice")), "the body's issues are still listed");
        }
        // Taken by DRF's JSON parser but not plain application/json: a warning, and the
        // prepared request sends application/json.
        for header in ["*/*", "application/*", "APPLICATION/JSON; charset=latin-1"] {
            let request = json!({ "path": path, "headers": { "x-api-key": "k", "Content-Type": header },
                "body": { "new_status": "Approved" } });
            let report = check_plain(op, request);
            assert_eq!(assert_fires(&report, &rule)["severity"], "warning");
            assert_eq!(report["ok"], true);
            assert_eq!(report["request"]["headers"]["Content-Type"], "application/json");
        }
        for header in ["application/json", "Application/JSON; charset=UTF-8", " application/json "] {
            let request = json!({ "path": path, "headers": { "x-api-key": "k", "Content-Type": header },
                "body": { "new_status": "Approved" } });
            let report = check_plain(op, request);
            assert_quiet(&report, &rule);
            assert_eq!(report["request"]["headers"]["Content-Type"], header, "a JSON media type is sent as given");
        }
    }
    // No body: DRF reads no media type, so no 415.
    let request =
        json!({ "path": { "sessionId": UUID }, "headers": { "x-api-key": "k", "Content-Type": "text/plain" } });
    assert_quiet(&check_plain(SESSION, request), &s("content_type"));
}

/// DRF's `CharField`: NUL refused, surrounding whitespace trimmed before the blank check
/// and the length limit, numbers taken as text.
#[test]
fn comment_is_drf_charfield() {
    for comment in ["a\u{0}b", "\u{0}", "ok\u{0}"] {
        let report = session_check(json!({ "new_status": "Approved", "comment": comment }));
        assert_fires(&report, &s("comment_type"));
        assert_response(&report, 400, json!({ "comment": ["Null characters are not allowed."] }));
        let report = feature_check("ocr-1", json!({ "new_status": "Approved", "comment": comment }));
        assert_response(&report, 400, json!({ "comment": ["Null characters are not allowed."] }));
    }
    // Whitespace only is blank once trimmed, and `comment` may be blank.
    for comment in ["   ", "\u{a0}\u{3000}", "\u{1c}\u{1f}"] {
        assert_clean(&session_check(json!({ "new_status": "Approved", "comment": comment })));
    }
    // 10,000 characters plus padding: the server trims before it stores (the limit is ours).
    let padded = format!("  {}  ", "x".repeat(10_000));
    assert_quiet(&session_check(json!({ "new_status": "Approved", "comment": padded })), &s("comment_length"));
}

/// DRF's `BooleanField` since 3.15: `t`, `y`, `f`, `n` and 1.0/0.0 too.
#[test]
fn send_email_reads_as_drf_booleanfield() {
    for (value, meant) in [
        (json!("t"), true),
        (json!("Y"), true),
        (json!("On"), true),
        (json!(1.0), true),
        (json!("f"), false),
        (json!("N"), false),
        (json!("OFF"), false),
        (json!(0.0), false),
    ] {
        let body = json!({ "new_status": "Declined", "send_email": value, "email_address": "a@b.co" });
        let report = session_check(body);
        let issue = assert_fires(&report, &s("send_email_type"));
        assert_eq!(issue["severity"], "warning", "{value}");
        assert_eq!(issue["hint"], format!("send {meant}"));
        let emails = report["effects"].as_array().unwrap().iter().any(|e| e["kind"] == "email");
        assert_eq!(emails, meant, "{value}");
    }
    // "yes" without an address: the server reads true, then requires the address.
    let report = session_check(json!({ "new_status": "Declined", "send_email": "yes" }));
    assert_fires(&report, &s("email_required"));
    assert_response(&report, 400, json!({ "email_address": ["Email address is required when send_email is true."] }));
    for value in [json!("tru"), json!(2), json!(0.5), json!(""), Value::Null] {
        let report = session_check(json!({ "new_status": "Declined", "send_email": value }));
        assert_eq!(assert_fires(&report, &s("send_email_type"))["severity"], "error", "{value}");
    }
}

/// `email_language` is a `CharField`: not a string (a number is text), or NUL, is a 400;
/// the code is compared once trimmed.
#[test]
fn email_language_type() {
    for (value, answer) in [
        (json!(true), "Not a valid string."),
        (json!(["de"]), "Not a valid string."),
        (json!({}), "Not a valid string."),
        (Value::Null, "This field may not be null."),
        (json!("de\u{0}"), "Null characters are not allowed."),
    ] {
        let body =
            json!({ "new_status": "Declined", "send_email": true, "email_address": "a@b.co", "email_language": value });
        let report = session_check(body);
        assert_eq!(assert_fires(&report, &s("email_language_type"))["path"], json!(["body", "email_language"]));
        assert_response(&report, 400, json!({ "email_language": [answer] }));
    }
    for value in [json!(" de "), json!("pt-BR"), json!(""), json!(5)] {
        let body =
            json!({ "new_status": "Declined", "send_email": true, "email_address": "a@b.co", "email_language": value });
        let report = session_check(body);
        assert_quiet(&report, &s("email_language_type"));
        assert_eq!(report["ok"], true);
    }
}

/// Didit's MCP tool types `nodes_to_resubmit` as strings: the vendor's 400 stays, and
/// the hint shows the object form. A `null` item is DRF's bare list.
#[test]
fn string_items_hint_the_object_form() {
    let report = session_check(
        json!({ "new_status": "Resubmitted", "nodes_to_resubmit": ["ocr-1", null, { "node_id": "n", "feature": "OCR" }] }),
    );
    let issue = assert_fires(&report, &s("node_type"));
    assert_eq!(issue["path"], json!(["body", "nodes_to_resubmit", 0]));
    let hint = issue["hint"].as_str().unwrap();
    assert!(
        hint.contains(r#"{"node_id": "…", "feature": "OCR"}"#) && hint.contains("@didit-protocol/mcp-server"),
        "{hint}"
    );
    assert_response(
        &report,
        400,
        json!({ "nodes_to_resubmit": [
            { "non_field_errors": ["Invalid data. Expected a dictionary, but got str."] },
            ["This field may not be null."],
            {},
        ] }),
    );
    let nulls = issues_of(&report, &s("node_type"));
    assert!(nulls[1].get("hint").is_none(), "the hint is for strings only");
}
