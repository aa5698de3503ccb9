//! `anycheck.update_verification` (`PUT /verifications/{id}`), driven through
//! `validate_json`; plus AnyCheck's `canonical_status` and `allowed_actions`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

// `cargo test --target wasm32-unknown-unknown` (wasm-bindgen-test-runner, in Node): every
// `#[test]` below is then a `#[wasm_bindgen_test]`.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use common::*;
use kyc_preflight::{allowed_actions, canonical_status, CanonicalStatus};
use serde_json::{json, Value};

const OP: &str = "anycheck.update_verification";
const BEARER: &str = "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig";
const UNAUTHORIZED: &str = "You are not authorized to perform this action";
const INVALID_REQUEST: &str = "Invalid request. Please check input data format and try again";
const INVALID_VALUE: &str = "Invalid value. Please check the allowed values and try again";

fn rule(name: &str) -> String {
    format!("{OP}.{name}")
}

fn request(body: Value) -> Value {
    json!({ "path": { "id": UUID }, "headers": { "Authorization": BEARER }, "body": body })
}

fn with_status(status: &str) -> Value {
    json!({ "context": { "verification": { "status": status, "output_status": "VERIFIED", "service": { "id": UUID, "name": "KTP & PEP" } } } })
}

fn run(body: Value, status: &str) -> Value {
    check(OP, request(body), with_status(status))
}

fn invalid_id() -> Value {
    json!({ "error_code": "INVALID_ID", "message": "Invalid Verification ID", "errors": [] })
}

// ---- a valid review -------------------------------------------------------------

#[test]
fn finishing_a_review_is_clean_and_prepared() {
    let report = run(json!({ "verification_status": "COMPLETED", "output": { "name_match": true } }), "NEED_REVIEW");
    assert_clean(&report);
    assert_eq!(report["request"]["method"], "PUT");
    assert_eq!(report["request"]["path"], format!("/verifications/{UUID}"));
    assert_eq!(report["request"]["headers"]["Authorization"], BEARER);
    assert_eq!(report["request"]["body"]["verification_status"], "COMPLETED");
}

// ---- auth_missing / api_key_instead_of_jwt --------------------------------------

#[test]
fn auth_missing_fires_without_bearer() {
    let report =
        check_plain(OP, json!({ "path": { "id": UUID }, "headers": {}, "body": {"verification_status": "COMPLETED"} }));
    let issue = assert_fires(&report, &rule("auth_missing"));
    assert_eq!(issue["path"], json!(["headers"]));
    assert_response(&report, 401, json!({ "error_code": "UNAUTHORIZED", "message": UNAUTHORIZED, "errors": [] }));
    assert_quiet(&report, &rule("api_key_instead_of_jwt"));
}

#[test]
fn auth_missing_fires_for_a_non_bearer_scheme_and_an_empty_token() {
    for value in ["Basic dXNlcjpwYXNz", "Bearer ", "eyJhbGciOiJIUzI1NiJ9"] {
        let report = check_plain(
            OP,
            json!({ "path": { "id": UUID }, "headers": { "Authorization": value }, "body": {"verification_status": "COMPLETED"} }),
        );
        assert_fires(&report, &rule("auth_missing"));
    }
}

#[test]
fn auth_quiet_with_bearer_in_any_header_case_or_without_headers() {
    let report = check_plain(
        OP,
        json!({ "path": { "id": UUID }, "headers": { "authorization": "bearer abc" }, "body": {"verification_status": "COMPLETED"} }),
    );
    assert_quiet(&report, &rule("auth_missing"));
    assert_clean(&report);
    let report = check_plain(OP, json!({ "path": { "id": UUID }, "body": {"verification_status": "COMPLETED"} }));
    assert_quiet(&report, &rule("auth_missing"));
    assert_clean(&report);
    let report = check_plain(OP, request(json!({ "verification_status": "COMPLETED" })));
    assert_quiet(&report, &rule("auth_missing"));
    assert_clean(&report);
}

#[test]
fn api_key_instead_of_jwt_warns_beside_auth_missing() {
    let report = check_plain(
        OP,
        json!({ "path": { "id": UUID }, "headers": { "x-api-key": "ak_123" }, "body": {"verification_status": "COMPLETED"} }),
    );
    let issue = assert_fires(&report, &rule("api_key_instead_of_jwt"));
    assert_eq!(issue["severity"], "warning");
    assert_eq!(issue["source"], "stated");
    assert_eq!(issue["path"], json!(["headers", "x-api-key"]));
    assert!(issue["hint"].as_str().unwrap().contains("Bearer"));
    assert_fires(&report, &rule("auth_missing"));
    assert_eq!(report["response"]["status"], 401);
}

#[test]
fn api_key_instead_of_jwt_quiet_when_a_bearer_is_also_sent() {
    let report = check_plain(
        OP,
        json!({ "path": { "id": UUID }, "headers": { "X-API-Key": "ak_123", "Authorization": BEARER }, "body": {"verification_status": "COMPLETED"} }),
    );
    assert_clean(&report);
}

// ---- id_format --------------------------------------------------------------------

#[test]
fn id_format_fires_for_a_missing_id() {
    let report = check_plain(
        OP,
        json!({ "headers": { "Authorization": BEARER }, "body": {"verification_status": "COMPLETED"} }),
    );
    let issue = assert_fires(&report, &rule("id_format"));
    assert_eq!(issue["path"], json!(["path", "id"]));
    assert_response(&report, 400, invalid_id());
}

#[test]
fn id_format_fires_for_non_uuids() {
    let (simple, braced) = (UUID.replace('-', ""), format!("{{{UUID}}}"));
    for id in ["", "123", "ver_abc", &simple, &braced] {
        let report = check_plain(
            OP,
            json!({ "path": { "id": id }, "headers": { "Authorization": BEARER }, "body": {"verification_status": "COMPLETED"} }),
        );
        assert_fires(&report, &rule("id_format"));
        assert_response(&report, 400, invalid_id());
    }
}

#[test]
fn id_format_hints_at_whitespace() {
    let report = check_plain(
        OP,
        json!({ "path": { "id": format!(" {UUID}\n") }, "body": {"verification_status": "COMPLETED"} }),
    );
    let issue = assert_fires(&report, &rule("id_format"));
    assert_eq!(issue["hint"], "remove the whitespace around the id");
}

#[test]
fn id_format_quiet_for_a_uuid_in_either_case() {
    let upper = UUID.to_uppercase();
    // Upper case in the first groups, lower case in the rest.
    let mixed: String = upper.chars().take(19).chain(UUID.chars().skip(19)).collect();
    assert!(upper != UUID && mixed != UUID && mixed != upper, "the shared UUID must hold hex letters");
    for id in [&upper, &mixed] {
        let report = check_plain(OP, json!({ "path": { "id": id }, "body": {"verification_status": "COMPLETED"} }));
        assert_quiet(&report, &rule("id_format"));
        assert_clean(&report);
        // Sent as written: the id is checked, never rewritten.
        assert_eq!(report["request"]["path"], format!("/verifications/{id}"));
    }
    let lower = check_plain(OP, request(json!({ "verification_status": "COMPLETED" })));
    assert_quiet(&lower, &rule("id_format"));
}

// ---- body_type ----------------------------------------------------------------------

#[test]
fn body_type_fires_for_every_non_object() {
    let text = |t: &str| json!({ "path": { "id": UUID }, "bodyText": t });
    let requests =
        [request(json!([])), request(json!("COMPLETED")), request(json!(1)), request(json!(true)), text("null")];
    for request in requests {
        // A warning (issue 14: no document says how the server answers); raised to an
        // error, the answer it would most likely give is there.
        let report = check_plain(OP, request.clone());
        let issue = assert_fires(&report, &rule("body_type"));
        assert_eq!((issue["severity"].as_str(), report["ok"].as_bool()), (Some("warning"), Some(true)));
        let report = check(OP, request, raised("body_type"));
        let issue = assert_fires(&report, &rule("body_type"));
        assert_eq!(issue["path"], json!(["body"]));
        assert_eq!(issue["source"], "inferred");
        assert_response(
            &report,
            400,
            json!({ "error_code": "INVALID_REQUEST", "message": INVALID_REQUEST, "errors": [] }),
        );
    }
}

#[test]
fn body_type_quiet_for_an_object() {
    let report = check_plain(OP, request(json!({ "output": {} })));
    assert_quiet(&report, &rule("body_type"));
    assert_eq!(report["ok"], true);
}

// ---- verification_status_choice ---------------------------------------------------

fn status_answer() -> Value {
    json!({
        "error_code": "INVALID_VALUE",
        "message": INVALID_VALUE,
        "errors": [{ "field": "verification_status", "message": "Must be one of: NEED_REVIEW, COMPLETED" }]
    })
}

#[test]
fn verification_status_choice_hints_near_matches() {
    for (sent, meant) in [
        ("completed", "COMPLETED"),
        (" COMPLETED ", "COMPLETED"),
        ("need review", "NEED_REVIEW"),
        ("Need-Review", "NEED_REVIEW"),
    ] {
        let report = check_plain(OP, request(json!({ "verification_status": sent })));
        let issue = assert_fires(&report, &rule("verification_status_choice"));
        assert_eq!(issue["path"], json!(["body", "verification_status"]));
        assert_eq!(issue["hint"], format!("did you mean \"{meant}\"?"));
        assert_response(&report, 400, status_answer());
    }
}

#[test]
fn verification_status_choice_fires_for_system_statuses_and_other_types() {
    for sent in [json!("IN_PROGRESS"), json!("APPROVED"), json!(1), json!(["COMPLETED"]), json!(null)] {
        let report = check_plain(OP, request(json!({ "verification_status": sent })));
        assert_fires(&report, &rule("verification_status_choice"));
        assert_response(&report, 400, status_answer());
    }
    let report = check_plain(OP, request(json!({ "verification_status": null })));
    let issue = assert_fires(&report, &rule("verification_status_choice"));
    assert_eq!(issue["hint"], "omit verification_status to keep the current status");
}

#[test]
fn verification_status_choice_quiet_for_both_targets() {
    for target in ["NEED_REVIEW", "COMPLETED"] {
        let report = check_plain(OP, request(json!({ "verification_status": target })));
        assert_quiet(&report, &rule("verification_status_choice"));
        assert_clean(&report);
    }
    // Absent is fine: only a present value is checked.
    let absent = check_plain(OP, request(json!({ "output": { "name_match": true } })));
    assert_quiet(&absent, &rule("verification_status_choice"));
}

#[test]
fn verification_status_choice_can_be_downgraded() {
    let options = json!({ "severity": { rule("verification_status_choice"): "warning" } });
    let report = check(OP, request(json!({ "verification_status": "completed" })), options);
    assert_eq!(report["ok"], true);
    assert_eq!(report["response"], Value::Null);
}

// ---- output_type / configuration_type ----------------------------------------------

fn field_answer(fields: &[&str]) -> Value {
    let errors: Vec<Value> = fields.iter().map(|f| json!({ "field": f, "message": "Must be an object" })).collect();
    json!({ "error_code": "INVALID_REQUEST", "message": INVALID_REQUEST, "errors": errors })
}

#[test]
fn output_type_fires_for_non_objects() {
    for output in [json!("x"), json!([]), json!(3), json!(null)] {
        let report = check_plain(OP, request(json!({ "output": output })));
        let issue = assert_fires(&report, &rule("output_type"));
        assert_eq!(issue["path"], json!(["body", "output"]));
        assert_response(&report, 400, field_answer(&["output"]));
    }
}

#[test]
fn output_type_hints_json_text() {
    let report = check_plain(OP, request(json!({ "output": "{\"a\": 1}" })));
    let issue = assert_fires(&report, &rule("output_type"));
    assert_eq!(issue["hint"], "output holds JSON text: send the object itself");
}

#[test]
fn output_type_quiet_for_an_object() {
    let report = check_plain(OP, request(json!({ "output": { "nik": "1234" } })));
    assert_quiet(&report, &rule("output_type"));
    assert_clean(&report);
}

#[test]
fn configuration_type_fires_for_non_objects() {
    for configuration in [json!("x"), json!([1]), json!(false), json!(null)] {
        let report = check_plain(OP, request(json!({ "configuration": configuration })));
        let issue = assert_fires(&report, &rule("configuration_type"));
        assert_eq!(issue["path"], json!(["body", "configuration"]));
        assert_response(&report, 400, field_answer(&["configuration"]));
    }
}

#[test]
fn configuration_type_quiet_for_an_object() {
    let report = check_plain(OP, request(json!({ "configuration": { "fraud_detection": false } })));
    assert_quiet(&report, &rule("configuration_type"));
    assert_clean(&report);
}

#[test]
fn both_type_errors_share_one_answer() {
    let report = check_plain(OP, request(json!({ "output": 1, "configuration": "x" })));
    assert_response(&report, 400, field_answer(&["output", "configuration"]));
}

/// Decision: an invalid `verification_status` answers first (INVALID_VALUE alone), as
/// the vendor's field order puts it first.
#[test]
fn status_error_answers_before_type_errors() {
    let report = check_plain(OP, request(json!({ "verification_status": "x", "output": 1 })));
    assert_fires(&report, &rule("output_type"));
    assert_response(&report, 400, status_answer());
}

// ---- in_progress / status_precondition --------------------------------------------

fn in_progress_answer() -> Value {
    json!({ "error_code": "INVALID_REQUEST", "message": "Verification is in progress and cannot be modified", "errors": [] })
}

#[test]
fn in_progress_fires_for_an_in_progress_verification() {
    // A warning, inferred (issue 14: seed 004 does not say IN_PROGRESS is refused).
    let report = run(json!({ "verification_status": "COMPLETED" }), "IN_PROGRESS");
    let issue = assert_fires(&report, &rule("in_progress"));
    assert_eq!(issue["path"], json!(["context", "verification", "status"]));
    assert_eq!((issue["severity"].as_str(), issue["source"].as_str()), (Some("warning"), Some("inferred")));
    assert_eq!(report["ok"], true);
    // Raised to an error, its predicted answer.
    let raised = check(OP, request(json!({ "verification_status": "COMPLETED" })), lock_raised());
    assert_response(&raised, 400, in_progress_answer());
    assert_quiet(&report, &rule("status_precondition"));
}

/// The verification IN_PROGRESS, with `in_progress` raised to an error.
fn lock_raised() -> Value {
    let mut options = with_status("IN_PROGRESS");
    options["severity"] = json!({ rule("in_progress"): "error", rule("body_type"): "error" });
    options
}

/// `rule` raised to an error.
fn raised(name: &str) -> Value {
    json!({ "severity": { rule(name): "error" } })
}

#[test]
fn in_progress_quiet_for_reviewable_statuses() {
    let report = run(json!({ "verification_status": "NEED_REVIEW" }), "COMPLETED");
    assert_quiet(&report, &rule("in_progress"));
    assert_clean(&report);
}

#[test]
fn status_precondition_warns_for_statuses_outside_the_review_table() {
    for status in
        ["DRAFT", "IN_QUEUE", "FAILED", "CANCELLED", "FRAUD_DETECTED", "PARTIALLY_COMPLETED", "PARTIALLY_FAILED"]
    {
        let report = run(json!({ "verification_status": "COMPLETED" }), status);
        let issue = assert_fires(&report, &rule("status_precondition"));
        assert_eq!(issue["severity"], "warning");
        assert_eq!(issue["path"], json!(["context", "verification", "status"]));
        assert_eq!(report["ok"], true);
        assert_quiet(&report, &rule("in_progress"));
    }
}

#[test]
fn status_precondition_quiet_for_completed_and_need_review() {
    assert_clean(&run(json!({ "verification_status": "NEED_REVIEW" }), "COMPLETED"));
    assert_clean(&run(json!({ "verification_status": "COMPLETED" }), "NEED_REVIEW"));
}

// ---- server order -------------------------------------------------------------------

/// Decision: authentication answers before the path id (the id check is API code).
#[test]
fn auth_answers_before_the_id() {
    let report = check_plain(OP, json!({ "path": { "id": "nope" }, "headers": {}, "body": [] }));
    assert_fires(&report, &rule("id_format"));
    assert_fires(&report, &rule("body_type"));
    assert_eq!(report["response"]["status"], 401);
}

#[test]
fn id_answers_before_the_body() {
    let report = check_plain(OP, json!({ "path": { "id": "nope" }, "body": [] }));
    assert_response(&report, 400, invalid_id());
}

#[test]
fn body_answers_before_the_in_progress_lock() {
    let report = check(OP, request(json!({ "configuration": [] })), lock_raised());
    assert_fires(&report, &rule("in_progress"));
    assert_response(&report, 400, field_answer(&["configuration"]));
    let report = check(OP, request(json!([])), lock_raised());
    assert_fires(&report, &rule("in_progress"));
    assert_response(&report, 400, json!({ "error_code": "INVALID_REQUEST", "message": INVALID_REQUEST, "errors": [] }));
}

// ---- no_op --------------------------------------------------------------------------

#[test]
fn no_op_fires_for_an_empty_body() {
    let report = check_plain(OP, request(json!({})));
    let issue = assert_fires(&report, &rule("no_op"));
    assert_eq!(issue["path"], json!(["body"]));
    assert_eq!(report["ok"], true);
    assert_eq!(report["effects"], json!([]));
}

/// Decision: no body at all reads as `{}`, and the prepared request sends `{}`.
#[test]
fn no_op_fires_for_an_absent_body_which_is_sent_as_an_empty_object() {
    let report = check_plain(OP, json!({ "path": { "id": UUID } }));
    assert_fires(&report, &rule("no_op"));
    assert_eq!(report["request"]["bodyText"], "{}");
}

/// A JSON `null` body is a body, unlike an absent one (reliability.md, case 1).
#[test]
fn a_null_body_is_a_body_of_the_wrong_type() {
    // `"body": null` is the JSON text `null`, which is what JS sends for a null body.
    let report = check_plain(OP, request(Value::Null));
    assert_fires(&report, &rule("body_type"));
    assert_quiet(&report, &rule("no_op"));
}

/// Decision: a body of only ignored keys changes nothing either.
#[test]
fn no_op_fires_when_only_unknown_fields_are_sent() {
    let report = check_plain(OP, request(json!({ "comment": "looks fine" })));
    assert_fires(&report, &rule("no_op"));
    assert_fires(&report, &rule("unknown_field"));
}

#[test]
fn no_op_fires_for_the_current_status_alone() {
    let report = run(json!({ "verification_status": "COMPLETED" }), "COMPLETED");
    let issue = assert_fires(&report, &rule("no_op"));
    assert_eq!(issue["path"], json!(["body", "verification_status"]));
    assert_eq!(report["effects"], json!([]));
}

#[test]
fn no_op_quiet_for_real_changes() {
    assert_quiet(&run(json!({ "verification_status": "COMPLETED" }), "NEED_REVIEW"), &rule("no_op"));
    assert_quiet(&run(json!({ "verification_status": "COMPLETED", "output": {} }), "COMPLETED"), &rule("no_op"));
    assert_quiet(&run(json!({ "configuration": {} }), "COMPLETED"), &rule("no_op"));
    // Without context the current status is unknown: not a no-op.
    assert_clean(&check_plain(OP, request(json!({ "verification_status": "COMPLETED" }))));
}

// ---- unknown_field ------------------------------------------------------------------

#[test]
fn unknown_field_fires_with_a_hint_for_likely_keys() {
    let report = check_plain(OP, request(json!({ "status": "COMPLETED", "Output": {}, "extra": 1 })));
    let unknown: Vec<&Value> =
        report["issues"].as_array().unwrap().iter().filter(|i| i["rule"] == rule("unknown_field")).collect();
    assert_eq!(unknown.len(), 3);
    let at = |key: &str| unknown.iter().find(|i| i["path"] == json!(["body", key])).copied().unwrap();
    assert_eq!(at("status")["hint"], "did you mean \"verification_status\"?");
    assert_eq!(at("Output")["hint"], "did you mean \"output\"?");
    assert!(at("extra").get("hint").is_none());
    assert_eq!(at("extra")["severity"], "warning");
}

#[test]
fn unknown_field_quiet_for_the_three_documented_keys() {
    let report = run(json!({ "verification_status": "COMPLETED", "output": {}, "configuration": {} }), "NEED_REVIEW");
    assert_quiet(&report, &rule("unknown_field"));
    assert_clean(&report);
}

// ---- effects --------------------------------------------------------------------------

#[test]
fn effects_of_a_status_change_with_output() {
    let report = run(json!({ "verification_status": "NEED_REVIEW", "output": { "a": 1 } }), "COMPLETED");
    let effects = report["effects"].as_array().unwrap();
    assert_eq!(effects.len(), 2);
    assert_eq!(effects[0], json!({ "kind": "status", "to": "NEED_REVIEW" }));
    assert_eq!(effects[1]["kind"], "output_replaced");
    let note = effects[1]["note"].as_str().unwrap();
    assert!(note.contains("replace") && note.contains("merge") && note.contains("does not document"), "{note}");
}

#[test]
fn effects_without_a_status_change() {
    let report = run(json!({ "verification_status": "NEED_REVIEW", "output": {} }), "NEED_REVIEW");
    let kinds: Vec<&str> = report["effects"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["output_replaced"]);
    assert_eq!(run(json!({ "configuration": {} }), "COMPLETED")["effects"], json!([]));
}

/// Decision: without a known current status, a sent target is reported as a change.
#[test]
fn effects_without_context_assume_a_change() {
    let report = check_plain(OP, request(json!({ "verification_status": "COMPLETED" })));
    assert_eq!(report["effects"], json!([{ "kind": "status", "to": "COMPLETED" }]));
}

#[test]
fn no_effects_when_not_ok() {
    let report = check(OP, request(json!({ "verification_status": "COMPLETED", "output": {} })), lock_raised());
    assert_eq!(report["effects"], json!([]));
    assert_eq!(report["request"], Value::Null);
}

// ---- context_invalid -------------------------------------------------------------------

const CONTEXT_INVALID: &str = "context_invalid";

#[test]
fn context_of_the_wrong_shape_is_skipped_with_a_warning() {
    let body = json!({ "verification_status": "COMPLETED" });
    let report = check(OP, request(body.clone()), json!({ "context": { "verification": ["IN_PROGRESS"] } }));
    assert_eq!(assert_fires(&report, CONTEXT_INVALID)["path"], json!(["context", "verification"]));
    assert_eq!(report["ok"], true);

    let report = check(
        OP,
        request(body.clone()),
        json!({ "context": { "verification": { "status": 3, "output_status": 1, "service": 2 } } }),
    );
    let paths: Vec<&Value> = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["rule"] == CONTEXT_INVALID)
        .map(|i| &i["path"])
        .collect();
    assert_eq!(
        paths,
        [
            &json!(["context", "verification", "output_status"]),
            &json!(["context", "verification", "service"]),
            &json!(["context", "verification", "status"])
        ]
    );
    assert_eq!(report["ok"], true);
    assert_eq!(report["effects"], json!([{ "kind": "status", "to": "COMPLETED" }]));
}

/// Decision: an unknown context status (e.g. lower case) is `context_invalid`, not a lock.
#[test]
fn context_status_outside_the_enum_is_skipped_with_a_hint() {
    let report = run(json!({ "verification_status": "COMPLETED" }), "in_progress");
    let issue = assert_fires(&report, CONTEXT_INVALID);
    assert_eq!(issue["path"], json!(["context", "verification", "status"]));
    assert_eq!(issue["hint"], "did you mean \"IN_PROGRESS\"?");
    assert_quiet(&report, &rule("in_progress"));
    assert_quiet(&report, &rule("status_precondition"));
    assert_eq!(report["ok"], true);
}

#[test]
fn context_quiet_for_the_vendor_json() {
    let context = json!({ "context": { "verification": {
        "id": UUID, "status": "NEED_REVIEW", "output_status": null, "service": { "id": UUID, "name": "KTP & PEP" },
        "output": { "is_match_face": false }
    } } });
    assert_clean(&check(OP, request(json!({ "verification_status": "COMPLETED" })), context));
}

// ---- privacy ---------------------------------------------------------------------------

const SENTINEL: &str = "SENTINEL-1234";

fn assert_private(report: &Value) {
    for issue in report["issues"].as_array().unwrap() {
        for key in ["message", "hint", "path"] {
            let text = issue[key].to_string();
            assert!(!text.contains(SENTINEL), "{key} echoes a value: {issue:#}");
        }
    }
}

#[test]
fn no_message_hint_or_path_echoes_a_value() {
    let sentinel_context = json!({ "context": { "verification": { "status": SENTINEL, "output_status": SENTINEL, "service": SENTINEL } } });
    // Each request with the fields where an issue must be raised about a sentinel value:
    // the privacy check bites only where a message is written about that field.
    let context_paths =
        [json!(["context", "verification", "status"]), json!(["context", "verification", "output_status"])];
    let cases = [
        (
            json!({ "path": { "id": SENTINEL }, "headers": { "X-API-Key": SENTINEL, "Authorization": SENTINEL },
                    "body": { "verification_status": SENTINEL, "output": SENTINEL, "configuration": SENTINEL, "note": SENTINEL } }),
            vec![
                json!(["path", "id"]),
                json!(["headers", "X-API-Key"]),
                json!(["body", "verification_status"]),
                json!(["body", "output"]),
                json!(["body", "configuration"]),
                json!(["body", "note"]),
            ],
        ),
        (json!({ "path": { "id": SENTINEL }, "body": SENTINEL }), vec![json!(["path", "id"]), json!(["body"])]),
        // Free-form values: nothing to say about them, so nothing that could echo them.
        (
            json!({ "path": { "id": UUID }, "body": { "output": { "name": SENTINEL }, "configuration": { "nik": SENTINEL } } }),
            vec![],
        ),
        (
            json!({ "path": { "id": UUID }, "body": { "verification_status": [SENTINEL], "output": [SENTINEL] } }),
            vec![json!(["body", "verification_status"]), json!(["body", "output"])],
        ),
    ];
    for (request, fields) in cases {
        let report = check(OP, request.clone(), sentinel_context.clone());
        let paths: Vec<&Value> = report["issues"].as_array().unwrap().iter().map(|i| &i["path"]).collect();
        for field in fields.iter().chain(&context_paths) {
            assert!(paths.contains(&field), "an issue at {field} for {request}: {report:#}");
        }
        assert_private(&report);
        assert!(!report["response"].to_string().contains(SENTINEL), "the vendor echoes nothing here");
    }
}

// ---- canonical_status ------------------------------------------------------------------

fn canonical(status: &str, detail: Option<Value>) -> Option<CanonicalStatus> {
    canonical_status(kyc_preflight::anycheck::PROVIDER, status, detail.map(|d| ours(&d)).as_ref())
}

#[test]
fn canonical_status_follows_the_anycheck_column() {
    use CanonicalStatus as C;
    let table = [
        ("DRAFT", C::Incomplete),
        ("CANCELLED", C::Incomplete),
        ("IN_QUEUE", C::Pending),
        ("IN_PROGRESS", C::Pending),
        ("NEED_REVIEW", C::ManualReview),
        ("FRAUD_DETECTED", C::ManualReview),
        ("PARTIALLY_FAILED", C::ManualReview),
        ("FAILED", C::Rejected),
        ("PARTIALLY_COMPLETED", C::Completed),
        ("COMPLETED", C::Completed),
    ];
    for (status, expected) in table {
        assert_eq!(canonical(status, None), Some(expected), "{status}");
    }
}

#[test]
fn canonical_status_refines_completed_by_output_status() {
    use CanonicalStatus as C;
    for (output, expected) in [
        (json!("VERIFIED"), C::Approved),
        (json!("NOT_VERIFIED"), C::Rejected),
        (json!("PARTIALLY_NOT_VERIFIED"), C::ManualReview),
        (json!(null), C::Completed),
    ] {
        // `{output_status}`, the whole verification, the context's `{verification}`, a bare string.
        let whole = json!({ "id": UUID, "status": "COMPLETED", "output_status": output, "output": {} });
        assert_eq!(canonical("COMPLETED", Some(json!({ "output_status": output }))), Some(expected));
        assert_eq!(canonical("COMPLETED", Some(whole.clone())), Some(expected));
        assert_eq!(canonical("COMPLETED", Some(json!({ "verification": whole }))), Some(expected));
        if output.is_string() {
            assert_eq!(canonical("COMPLETED", Some(output.clone())), Some(expected));
        }
    }
    assert_eq!(canonical("COMPLETED", Some(json!({}))), Some(C::Completed));
    // Decision: an unknown output_status leaves COMPLETED as completed.
    assert_eq!(canonical("COMPLETED", Some(json!({ "output_status": "verified" }))), Some(C::Completed));
    // output_status refines only COMPLETED.
    assert_eq!(canonical("FAILED", Some(json!({ "output_status": "VERIFIED" }))), Some(C::Rejected));
}

#[test]
fn canonical_status_is_none_for_unknown_statuses() {
    for status in ["completed", "APPROVED", "", " COMPLETED"] {
        assert_eq!(canonical(status, None), None, "{status:?}");
    }
}

// ---- allowed_actions -------------------------------------------------------------------

fn actions(status: Value) -> Value {
    serde_json::to_value(allowed_actions(
        kyc_preflight::anycheck::PROVIDER,
        &ours(&json!({ "verification": { "status": status } })),
    ))
    .unwrap()
}

#[test]
fn allowed_actions_follow_the_review_table() {
    assert_eq!(
        actions(json!("COMPLETED")),
        json!([{ "operation": OP, "target": "NEED_REVIEW", "label": "Re-open for review", "requires": [] }])
    );
    assert_eq!(
        actions(json!("NEED_REVIEW")),
        json!([
            { "operation": OP, "target": "COMPLETED", "label": "Finish review", "requires": [] },
            { "operation": OP, "label": "Replace output", "requires": ["output"] }
        ])
    );
}

#[test]
fn allowed_actions_offer_nothing_elsewhere() {
    for status in [
        "IN_PROGRESS",
        "DRAFT",
        "IN_QUEUE",
        "FAILED",
        "CANCELLED",
        "FRAUD_DETECTED",
        "PARTIALLY_COMPLETED",
        "PARTIALLY_FAILED",
    ] {
        assert_eq!(actions(json!(status)), json!([]), "{status}");
    }
    for bad in [json!("completed"), json!(3), json!(null)] {
        assert_eq!(actions(bad), json!([]));
    }
    assert!(allowed_actions(kyc_preflight::anycheck::PROVIDER, &ours(&json!(null))).is_empty());
    assert!(allowed_actions(kyc_preflight::anycheck::PROVIDER, &ours(&json!({ "verification": [] }))).is_empty());
    assert!(allowed_actions(kyc_preflight::anycheck::PROVIDER, &ours(&json!({ "status": "COMPLETED" }))).is_empty());
}

/// Every offered action validates cleanly from its status.
#[test]
fn allowed_actions_validate() {
    for status in ["COMPLETED", "NEED_REVIEW"] {
        for action in actions(json!(status)).as_array().unwrap() {
            let mut body = serde_json::Map::new();
            if let Some(target) = action["target"].as_str() {
                body.insert("verification_status".into(), json!(target));
            }
            for field in action["requires"].as_array().unwrap() {
                body.insert(field.as_str().unwrap().into(), json!({ "edited": true }));
            }
            assert_clean(&run(Value::Object(body), status));
        }
    }
}

// ---- registry ---------------------------------------------------------------------------

#[test]
fn every_rule_is_registered_with_its_spec_severity() {
    let expected = [
        ("auth_missing", "error", "stated"),
        ("api_key_instead_of_jwt", "warning", "stated"),
        ("id_format", "error", "stated"),
        ("content_type", "warning", "inferred"),
        ("body_type", "warning", "inferred"),
        ("verification_status_choice", "error", "stated"),
        ("output_type", "error", "stated"),
        ("configuration_type", "error", "stated"),
        ("in_progress", "warning", "inferred"),
        ("status_precondition", "warning", "inferred"),
        ("no_op", "warning", "inferred"),
        ("unknown_field", "warning", "inferred"),
    ];
    let ours: Vec<Value> = kyc_preflight::rules()
        .filter(|r| r.id.starts_with("anycheck."))
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    assert_eq!(ours.len(), expected.len());
    for (info, (name, severity, source)) in ours.iter().zip(expected) {
        assert_eq!(info["id"], rule(name));
        assert_eq!(info["severity"], severity);
        assert_eq!(info["source"], source);
        assert_eq!(info["operation"], OP);
    }
}

/// A media type other than JSON: a warning (issue 14: inferred), and the prepared
/// request sends `application/json` in its place.
#[test]
fn content_type_is_a_warning_and_the_request_sends_json() {
    let mut request = request(json!({ "verification_status": "COMPLETED" }));
    request["headers"]["content-type"] = json!("application/xml");
    let report = check_plain(OP, request.clone());
    let issue = assert_fires(&report, &rule("content_type"));
    assert_eq!(
        (issue["severity"].as_str(), issue["path"].clone()),
        (Some("warning"), json!(["headers", "content-type"]))
    );
    assert_eq!(report["request"]["headers"], json!({ "Authorization": BEARER, "Content-Type": "application/json" }));
    request["headers"]["content-type"] = json!("APPLICATION/JSON");
    let report = check_plain(OP, request);
    assert_quiet(&report, &rule("content_type"));
    assert_eq!(report["request"]["headers"]["content-type"], "APPLICATION/JSON");
}
