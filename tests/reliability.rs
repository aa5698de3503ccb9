//! The bad-input catalogue of reliability.md, natively through `validate_json` (the
//! boundary the wasm build uses). Cases that only exist in JavaScript (prototypes,
//! getters, proxies, realms, the trap) live in tests/js/reliability.test.mjs and
//! tests/browser/reliability.test.mjs; the numbers below are the catalogue's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

// `cargo test --target wasm32-unknown-unknown` (wasm-bindgen-test-runner, in Node): every
// `#[test]` below is then a `#[wasm_bindgen_test]`.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use common::*;
use kyc_preflight::{validate_json, Operation};
use serde_json::{json, Value};

const SENTINEL: &str = "SENTINEL-1234";

/// One operation of the catalogue (tests/fixtures/operations.json, which the Node and
/// browser suites read too): a valid request that uses every string field, where those
/// fields are, and a context of the vendor's shape under which the request stays valid.
#[derive(serde::Deserialize)]
struct Op {
    id: &'static str,
    #[serde(rename = "request")]
    valid_request: Value,
    /// JSON pointers (inside the body) of fields that must hold a string.
    strings: Vec<&'static str>,
    /// Free-form values (any JSON accepted).
    free: Vec<&'static str>,
    #[serde(rename = "context")]
    valid_context: Value,
}

impl Op {
    fn request(&self) -> Value {
        self.valid_request.clone()
    }

    fn context(&self) -> Value {
        self.valid_context.clone()
    }
}

/// The catalogue's entry for `id` (indices past the first five shift as vendors add
/// operations: name the later ones).
fn op_named(id: &str) -> &'static Op {
    OPS.iter().find(|op| op.id == id).unwrap_or_else(|| panic!("{id} is not in the catalogue"))
}

static OPS: std::sync::LazyLock<Vec<Op>> = std::sync::LazyLock::new(|| {
    let ops: Vec<Op> = serde_json::from_str(include_str!("fixtures/operations.json")).unwrap();
    let ids: Vec<&str> = ops.iter().map(|op| op.id).collect();
    let registered: Vec<&str> = kyc_preflight::operations().map(|info| info.id).collect();
    assert_eq!(ids, registered, "tests/fixtures/operations.json must hold every operation, in operations() order");
    ops
});

// ---------------------------------------------------------------- helpers

fn rule(op: &Op, name: &str) -> String {
    format!("{}.{name}", op.id)
}

/// Whether the rule is an error by default. Issue 14 made the rules no seed, vendor doc
/// or server framework backs warnings (inferred): Legal Talent's and AnyCheck's
/// `body_type` among them.
fn is_error_rule(id: &str) -> bool {
    kyc_preflight::find_rule(id).unwrap().severity == kyc_preflight::Severity::Error
}

/// The report path of a body pointer: `/nodes_to_resubmit/0/feature` → `["body", "nodes_to_resubmit", 0, "feature"]`.
fn body_path(pointer: &str) -> Value {
    let mut path = vec![json!("body")];
    path.extend(pointer.split('/').skip(1).map(|s| s.parse::<u64>().map_or_else(|_| json!(s), |n| json!(n))));
    Value::Array(path)
}

fn with_field(op: &Op, pointer: &str, value: Value) -> Value {
    let mut request = op.request();
    *request["body"].pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer} in {}", op.id)) = value;
    request
}

/// The request as JSON text with the string field at `pointer` replaced by raw JSON text
/// (how a lone surrogate escape, which a Rust string cannot hold, gets in).
fn with_raw_field(op: &Op, pointer: &str, raw: &str) -> String {
    with_field(op, pointer, json!("@@RAW@@")).to_string().replace("\"@@RAW@@\"", raw)
}

fn run(op: &Op, request: &str, options: &str) -> Value {
    record_call(op.id, request, options);
    let out = validate_json(Operation::parse(op.id).unwrap(), request, options);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn issues(report: &Value) -> &Vec<Value> {
    report["issues"].as_array().unwrap()
}

fn issues_at<'a>(report: &'a Value, path: &Value) -> Vec<&'a Value> {
    issues(report).iter().filter(|i| &i["path"] == path).collect()
}

/// `message`, `hint` and `path` of every issue, for privacy checks.
fn shown(report: &Value) -> String {
    issues(report).iter().map(|i| format!("{}\n{}\n{}\n", i["message"], i["hint"], i["path"])).collect()
}

#[test]
fn every_valid_request_of_the_table_is_clean_with_and_without_context() {
    for op in OPS.iter() {
        assert_clean(&check_plain(op.id, op.request()));
        let report = check(op.id, op.request(), json!({ "context": op.context() }));
        assert_eq!(report["ok"], true, "{}: {report:#}", op.id);
    }
}

// ---------------------------------------------------------------- 1–3, 7–10, 13: whole input, keys

#[test]
fn c01_missing_body_is_no_body_and_json_null_is_a_body_type_error() {
    for op in OPS.iter() {
        let mut request = op.request();
        request.as_object_mut().unwrap().remove("body");
        let missing = check_plain(op.id, request.clone());
        assert!(!fires(&missing, &rule(op, "body_type")) || op.id == "verifa.update_session", "{missing:#}");
        request["body"] = Value::Null;
        let null = check_plain(op.id, request);
        assert_fires(&null, &rule(op, "body_type"));
        assert_eq!(null["ok"], !is_error_rule(&rule(op, "body_type")), "{null:#}");
    }
    // Verifa needs a JSON object even to change nothing; AnyCheck's PUT accepts no body.
    let report = check_plain("verifa.update_session", json!({ "path": { "session_id": "ses_abc" } }));
    assert_fires(&report, "verifa.update_session.body_type");
    let report = check_plain("anycheck.update_verification", json!({ "path": { "id": UUID } }));
    assert_eq!(report["ok"], true);
    assert_fires(&report, "anycheck.update_verification.no_op");
}

#[test]
fn c02_c03_primitive_and_array_bodies_are_body_type_errors() {
    for op in OPS.iter() {
        for body in [
            json!("x"),
            json!(""),
            json!(5),
            json!(5.5),
            json!(-0.0),
            json!(true),
            json!(false),
            json!([]),
            json!([{}]),
        ] {
            let mut request = op.request();
            request["body"] = body.clone();
            let report = check_plain(op.id, request);
            let issue = assert_fires(&report, &rule(op, "body_type"));
            assert_eq!(issue["path"], json!(["body"]), "{}: {body}", op.id);
            let error = is_error_rule(&rule(op, "body_type"));
            assert_eq!(issue["severity"], if error { "error" } else { "warning" }, "{}: {body}", op.id);
            assert_eq!(
                report["ok"] == false,
                error || report["issues"].as_array().unwrap().iter().any(|i| i["severity"] == "error")
            );
        }
    }
    // Didit names the Python type, as DRF does.
    let report = check_plain("didit.update_session_status", json!({ "path": { "sessionId": UUID }, "body": 5.5 }));
    assert_response(
        &report,
        400,
        json!({ "non_field_errors": ["Invalid data. Expected a dictionary, but got float."] }),
    );
}

#[test]
fn c07_a_body_given_as_json_text_is_parsed_and_sent_as_is() {
    for op in OPS.iter() {
        let text = format!(" {} \n", serde_json::to_string_pretty(&op.request()["body"]).unwrap());
        let mut request = op.request();
        request.as_object_mut().unwrap().remove("body");
        request["bodyText"] = json!(text);
        let report = check_plain(op.id, request.clone());
        assert_clean(&report);
        // Faithful: nothing normalized here, so the text to send is the caller's own.
        assert_eq!(report["request"]["bodyText"], json!(text), "{}", op.id);
        request["bodyText"] = json!("{\"a\": 1,\n  \"b\": }");
        let report = check_plain(op.id, request);
        let issue = assert_fires(&report, "json_syntax");
        assert_eq!(issue["path"], json!(["body"]));
        assert!(issue["message"].as_str().unwrap().contains("line 2 column 8"), "{issue}");
    }
}

#[test]
fn c08_required_field_missing_and_null_each_give_their_server_answer() {
    let cases = [
        (
            "didit.update_session_status",
            "new_status",
            json!({ "new_status": ["This field is required."] }),
            json!({ "new_status": ["This field may not be null."] }),
        ),
        (
            "didit.update_feature_status",
            "new_status",
            json!({ "new_status": ["This field is required."] }),
            json!({ "new_status": ["This field may not be null."] }),
        ),
    ];
    for (id, field, missing, null) in cases {
        let op = OPS.iter().find(|o| o.id == id).unwrap();
        let mut request = op.request();
        request["body"].as_object_mut().unwrap().remove(field);
        let report = check_plain(id, request.clone());
        assert_fires(&report, &rule(op, "new_status_required"));
        assert_response(&report, 400, missing);
        request["body"][field] = Value::Null;
        let report = check_plain(id, request);
        assert_fires(&report, &rule(op, "new_status_required"));
        assert_response(&report, 400, null);
    }
    for (id, field, required) in [
        ("legaltalent.update_session_status", "status", "status_required"),
        ("legaltalent.request_corrections", "corrections", "corrections_required"),
    ] {
        let op = OPS.iter().find(|o| o.id == id).unwrap();
        for value in [None, Some(Value::Null)] {
            let mut request = op.request();
            match value {
                None => request["body"].as_object_mut().unwrap().remove(field),
                Some(v) => request["body"].as_object_mut().unwrap().insert(field.to_owned(), v),
            };
            // Raised to an error where it is a warning (Legal Talent's status_required):
            // the predicted answer is still there for whoever raises it.
            let report = check(id, request, json!({ "severity": { rule(op, required): "error" } }));
            let issue = assert_fires(&report, &rule(op, required));
            assert_eq!(issue["path"], json!(["body", field]));
            assert_eq!(report["response"]["status"], 400);
        }
    }
}

#[test]
fn c09_c10_c13_unknown_keys_follow_each_operations_unknown_field_rule() {
    // Verifa refuses any other key; Didit, Legal Talent's status call and AnyCheck ignore
    // them (a warning); the corrections call has no such rule.
    let severity = |id: &str| match id {
        "verifa.update_session" => Some("error"),
        "legaltalent.request_corrections" => None,
        _ => Some("warning"),
    };
    for op in OPS.iter() {
        let body = op.request()["body"].to_string();
        // An own `__proto__` (as JSON.parse makes it) and the Object.prototype names.
        let extra = r#""__proto__":{"new_status":"Approved"},"constructor":1,"toString":"x","hasOwnProperty":null,"prototype":[],"bogus":true,"#;
        // A body-less call's `{}` (Legal Talent's workflow calls) takes the keys alone.
        let text = if body == "{}" {
            format!("{{{}}}", extra.trim_end_matches(','))
        } else {
            body.replacen('{', &format!("{{{extra}"), 1)
        };
        let mut request = op.request();
        request.as_object_mut().unwrap().remove("body");
        request["bodyText"] = json!(text);
        let report = check_plain(op.id, request);
        for key in ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "bogus"] {
            let at = issues_at(&report, &json!(["body", key]));
            match severity(op.id) {
                Some(sev) => {
                    assert_eq!(at.len(), 1, "{}: {key}: {report:#}", op.id);
                    assert_eq!(at[0]["rule"], rule(op, "unknown_field"));
                    assert_eq!(at[0]["severity"], sev);
                }
                None => assert!(at.is_empty(), "{report:#}"),
            }
        }
        assert_eq!(report["ok"], severity(op.id) != Some("error"), "{}: {report:#}", op.id);
    }
}

// ---------------------------------------------------------------- 19–21: size and depth

/// `depth` containers in all: the body object and `depth - 1` more in the field.
fn nested_text(op: &Op, pointer: &str, depth: usize, arrays: bool) -> String {
    let inner = depth.checked_sub(1).unwrap();
    let (open, close) = if arrays { ("[", "]") } else { ("{\"k\":", "}") };
    let nest = format!("{}0{}", open.repeat(inner), close.repeat(inner));
    with_field(op, pointer, json!("@@RAW@@"))["body"].to_string().replace("\"@@RAW@@\"", &nest)
}

fn with_body_text(op: &Op, text: String) -> Value {
    let mut request = op.request();
    request.as_object_mut().unwrap().remove("body");
    request["bodyText"] = json!(text);
    request
}

/// Each `(depth, arrays)` nesting in every top-level field of every operation: a
/// `too_deep` error past 64, nothing at or under it.
fn assert_too_deep_past_64(depths: &[(usize, bool)]) {
    for op in OPS.iter() {
        // Top-level fields only: a nested pointer already sits deeper than 1.
        let top: Vec<String> = op.request()["body"].as_object().unwrap().keys().map(|k| format!("/{k}")).collect();
        for pointer in &top {
            for &(depth, arrays) in depths {
                let report = check_plain(op.id, with_body_text(op, nested_text(op, pointer, depth, arrays)));
                let deep = issues(&report).iter().find(|i| i["rule"] == "too_deep");
                assert_eq!(deep.is_some(), depth > 64, "{} {pointer} depth {depth}: {report:#}", op.id);
                if let Some(issue) = deep {
                    let path = issue["path"].as_array().unwrap();
                    assert_eq!(path[0], "body");
                    // Within serde_json's reach the path leads into the field.
                    if depth < 128 {
                        assert_eq!(path[1], pointer.trim_start_matches('/'), "{issue}");
                        assert_eq!(path.len(), 65, "the first container past the limit: {issue}");
                    }
                    assert!(issue["message"].as_str().unwrap().contains("limit of 64 (maxDepth)"), "{issue}");
                    assert_eq!(report["ok"], false);
                    assert_eq!(report["response"]["status"], if op.id.starts_with("verifa") { 422 } else { 400 });
                }
            }
        }
    }
}

/// 10,000 and 100,000 deep: `native_only::c19_nesting_10k_and_100k_deep_is_too_deep_in_every_field`.
#[test]
fn c19_nesting_past_max_depth_is_too_deep_in_every_field() {
    assert_too_deep_past_64(&[(63, true), (64, false), (65, true), (65, false), (128, true), (129, false)]);
}

#[test]
fn c19_max_depth_is_configurable_up_to_126_and_checked_at_its_bounds() {
    let op = &OPS[2]; // verifa metadata takes any JSON
    for (limit, depth, deep) in
        [(1, 1, false), (1, 2, true), (10, 10, false), (10, 11, true), (126, 126, false), (126, 127, true)]
    {
        let text = if depth == 1 { "{}".to_owned() } else { nested_text(op, "/metadata", depth, true) };
        let options = json!({ "maxDepth": limit });
        let report = check(op.id, with_body_text(op, text.clone()), options.clone());
        assert_eq!(fires(&report, "too_deep"), deep, "limit {limit} depth {depth}: {report:#}");
        // The same body inline in the request JSON, not as text.
        let inline = format!(r#"{{"path":{{"session_id":"ses_abc"}},"body":{text}}}"#);
        let report = run(op, &inline, &options.to_string());
        assert_eq!(fires(&report, "too_deep"), deep, "inline, limit {limit} depth {depth}: {report:#}");
    }
    for bad in [json!(0), json!(127), json!(1.5), json!(-1), json!("64"), Value::Null] {
        let out = validate_json(kyc_preflight::verifa::UPDATE_SESSION, "{}", &json!({ "maxDepth": bad }).to_string());
        let answer: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(answer["error"]["code"], "invalid_options", "{bad}: {out}");
        assert_eq!(answer["error"]["message"], "maxDepth must be a whole number from 1 to 126");
    }
}

#[test]
fn c21_max_body_bytes_bounds_the_text_exactly() {
    let op = &OPS[2];
    let pad = |total: usize| {
        let fixed = r#"{"external_ref":""}"#.len();
        format!(r#"{{"external_ref":"{}"}}"#, "a".repeat(total - fixed))
    };
    for (limit, size, large) in
        [(None, 1 << 20, false), (None, (1 << 20) + 1, true), (Some(100), 100, false), (Some(100), 101, true)]
    {
        let options = limit.map_or_else(|| json!({}), |n| json!({ "maxBodyBytes": n }));
        let report = check(op.id, with_body_text(op, pad(size)), options);
        assert_eq!(fires(&report, "too_large"), large, "{limit:?} {size}: {}", report["issues"]);
        if large {
            assert_eq!(report["response"]["status"], 413);
            let message = assert_fires(&report, "too_large")["message"].as_str().unwrap().to_owned();
            assert!(
                message.contains(&format!("{size} UTF-8 bytes")) && message.contains("(maxBodyBytes)"),
                "{message}"
            );
        }
    }
    // 10 MB of text: refused by its size alone, whatever it holds.
    let report = check_plain(op.id, with_body_text(op, "[".repeat(10_000_000)));
    assert_eq!(rules(&report), ["too_large"]);
    // UTF-8 bytes, not characters: 2-byte characters count twice.
    let report = check(
        op.id,
        with_body_text(op, format!(r#"{{"external_ref":"{}"}}"#, "é".repeat(50))),
        json!({ "maxBodyBytes": 110 }),
    );
    assert!(fires(&report, "too_large"));
    for bad in [json!(1), json!((16 << 20) + 1), json!(2.5), json!("100"), Value::Null] {
        let out =
            validate_json(kyc_preflight::verifa::UPDATE_SESSION, "{}", &json!({ "maxBodyBytes": bad }).to_string());
        let answer: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(answer["error"]["code"], "invalid_options", "{bad}");
        assert_eq!(answer["error"]["message"], "maxBodyBytes must be a whole number from 2 to 16777216");
    }
}

// ---------------------------------------------------------------- 22–23: numbers

#[test]
fn c22_special_numbers_are_judged_as_the_numbers_json_carries() {
    // -0, 1e21 and 2^53 + 1 are JSON numbers like 7: each field answers them as it
    // answers 7. NaN and Infinity are not JSON at all (JSON.stringify sends null).
    let rules_at = |report: &Value| -> Vec<(Value, Value)> {
        issues(report).iter().map(|i| (i["rule"].clone(), i["path"].clone())).collect()
    };
    for op in OPS.iter() {
        for pointer in op.strings.iter().chain(&op.free) {
            let seven = run(op, &with_raw_field(op, pointer, "7"), "{}");
            for raw in ["-0", "1e21", "9007199254740993", "-0.0", "1E+21"] {
                let report = run(op, &with_raw_field(op, pointer, raw), "{}");
                assert_eq!(rules_at(&report), rules_at(&seven), "{} {pointer} = {raw}", op.id);
            }
            for raw in ["NaN", "Infinity", "-Infinity", "1e400"] {
                let report = run(op, &with_body_text(op, with_raw_field(op, pointer, raw)).to_string(), "{}");
                let report = if fires(&report, "json_syntax") { report } else { panic!("{raw}: {report:#}") };
                assert_eq!(issues(&report).len(), 1);
            }
        }
    }
    // Free-form values keep the caller's exact digits in the text to send.
    let op = &OPS[2];
    let text = r#"{"metadata":{"a":-0,"b":1e21,"c":9007199254740993,"d":0.1}}"#;
    let report = check_plain(op.id, with_body_text(op, text.to_owned()));
    assert_eq!(report["request"]["bodyText"], text);
}

#[test]
fn c22_a_non_finite_number_that_js_sent_as_null_is_a_warning_at_its_path() {
    // JS finds NaN/±Infinity before JSON.stringify writes null, and passes their paths.
    for op in OPS.iter() {
        for pointer in op.strings.iter().chain(&op.free) {
            let mut request = with_field(op, pointer, Value::Null);
            let null = check_plain(op.id, request.clone());
            let inner: Vec<Value> = body_path(pointer).as_array().unwrap()[1..].to_vec();
            request["nonFinite"] = json!([inner]);
            let report = check_plain(op.id, request);
            let issue = assert_fires(&report, "non_finite_number");
            assert_eq!(issue["path"], body_path(pointer), "{} {pointer}", op.id);
            assert_eq!(issue["severity"], "warning");
            assert_eq!(issue["source"], "inferred");
            // Otherwise judged as the null that is sent.
            let others: Vec<&Value> = issues(&report).iter().filter(|i| i["rule"] != "non_finite_number").collect();
            assert_eq!(others, issues(&null).iter().collect::<Vec<_>>(), "{} {pointer}", op.id);
            assert_eq!(report["ok"], null["ok"]);
        }
    }
    // The case the catalogue names: Verifa metadata `{k: NaN}` deletes key k.
    let verifa = &OPS[2];
    let mut request = with_field(verifa, "/metadata/k", Value::Null);
    let quiet = check_plain(verifa.id, request.clone());
    assert_quiet(&quiet, "non_finite_number");
    request["nonFinite"] = json!([["metadata", "k"]]);
    let report = check_plain(verifa.id, request);
    assert_eq!(assert_fires(&report, "non_finite_number")["path"], json!(["body", "metadata", "k"]));
    assert_eq!(report["ok"], true, "a warning: the merge still deletes k, as the caller may intend");
    // No body sent, or an unreadable one: nothing was turned into null.
    let mut request = verifa.request();
    request.as_object_mut().unwrap().remove("body");
    request["nonFinite"] = json!([["metadata", "k"]]);
    assert_quiet(&check_plain(verifa.id, request), "non_finite_number");
}

#[test]
fn c23_numeric_and_padded_strings_are_not_booleans_or_enum_values() {
    let didit = &OPS[0];
    for value in ["1", "true", "0", "false", "yes", "TRUE"] {
        let report = check_plain(didit.id, with_field(didit, "/send_email", json!(value)));
        let issue = assert_fires(&report, &rule(didit, "send_email_type"));
        assert_eq!(issue["severity"], "warning", "the server coerces {value}");
    }
    let report = check_plain(didit.id, with_field(didit, "/send_email", json!("2")));
    assert_eq!(assert_fires(&report, &rule(didit, "send_email_type"))["severity"], "error");
    // DRF's BooleanField reads "true" and "1" too (a warning); "2" it refuses.
    let feature = &OPS[1];
    for value in ["true", "1"] {
        let report = check_plain(feature.id, with_field(feature, "/defer_until_flow_finishes", json!(value)));
        assert_eq!(assert_fires(&report, &rule(feature, "defer_type"))["severity"], "warning");
    }
    let report = check_plain(feature.id, with_field(feature, "/defer_until_flow_finishes", json!("2")));
    assert_response(&report, 400, json!({ "defer_until_flow_finishes": ["Must be a valid boolean."] }));
    let enums = [
        (&OPS[0], "/new_status", "new_status_choice", "Approved"),
        (&OPS[0], "/nodes_to_resubmit/0/feature", "node_feature_choice", "OCR"),
        (&OPS[1], "/new_status", "new_status_choice", "Approved"),
        (&OPS[3], "/status", "status_choice", "approved"),
        (op_named("anycheck.update_verification"), "/verification_status", "verification_status_choice", "COMPLETED"),
    ];
    for (op, pointer, choice, good) in enums {
        for value in ["1".to_owned(), "true".to_owned(), "0".to_owned(), format!(" {good}"), format!("{good} ")] {
            let report = check_plain(op.id, with_field(op, pointer, json!(value)));
            let issue = assert_fires(&report, &rule(op, choice));
            assert_eq!(issue["path"], body_path(pointer));
            if value.trim() == good {
                assert_eq!(issue["hint"], format!("did you mean \"{good}\"?"), "{issue}");
            }
        }
    }
}

// ---------------------------------------------------------------- 24–29: strings and Unicode

#[test]
fn c24_a_non_string_in_each_string_field_is_reported_at_that_field() {
    for op in OPS.iter() {
        for pointer in &op.strings {
            for value in [json!(5), json!(true), json!([]), json!({}), Value::Null] {
                let report = check_plain(op.id, with_field(op, pointer, value.clone()));
                let at = issues_at(&report, &body_path(pointer));
                // Didit's strings are DRF CharFields, which take a number as its text: a
                // comment or a node id passes, an email_language is then an unknown code
                // (a warning: the email goes out in English).
                let as_text = ["/comment", "/email_language", "/nodes_to_resubmit/0/node_id"];
                if op.id.starts_with("didit.") && as_text.contains(pointer) && value.is_number() {
                    assert_eq!(report["ok"], true, "{} {pointer} = {value}: {report:#}", op.id);
                    continue;
                }
                assert!(!at.is_empty(), "{} {pointer} = {value}: {report:#}", op.id);
                // Clearing external_ref with null is undocumented: a warning. So are Legal
                // Talent's `reason` and a null `status` (status_required: its update body
                // is unpublished) and a correction's `message` (no document says the
                // server refuses one): issue 14.
                let warned = (*pointer == "/external_ref" && value.is_null())
                    || (op.id == "legaltalent.update_session_status" && *pointer == "/reason")
                    || (op.id == "legaltalent.update_session_status" && *pointer == "/status" && value.is_null())
                    || (op.id == "legaltalent.request_corrections" && *pointer == "/corrections/0/message");
                assert_eq!(report["ok"], warned, "{} {pointer} = {value}: {report:#}", op.id);
            }
        }
    }
}

#[test]
fn c25_empty_blank_and_invisible_ids_and_enum_values() {
    let blank = ["", " ", "\u{a0}", "\u{200b}", "\t"];
    // Enum values: every one is an error at the field.
    let enums = [
        (&OPS[0], "/new_status"),
        (&OPS[0], "/nodes_to_resubmit/0/feature"),
        (&OPS[1], "/new_status"),
        (&OPS[3], "/status"),
        (op_named("anycheck.update_verification"), "/verification_status"),
    ];
    for (op, pointer) in enums {
        for value in blank.iter().map(|b| (*b).to_owned()).chain(blank.iter().map(|b| format!("{b}x"))) {
            let report = check_plain(op.id, with_field(op, pointer, json!(value)));
            assert!(issues_at(&report, &body_path(pointer)).iter().any(|i| i["severity"] == "error"), "{report:#}");
        }
    }
    // UUID path ids: never a UUID.
    for (op, name) in [
        (&OPS[0], "sessionId"),
        (&OPS[1], "sessionId"),
        (&OPS[3], "session_id"),
        (&OPS[4], "session_id"),
        (op_named("anycheck.update_verification"), "id"),
    ] {
        for value in blank.iter().map(|b| (*b).to_owned()).chain([format!(" {UUID}"), format!("{UUID}\u{200b}")]) {
            let mut request = op.request();
            request["path"][name] = json!(value);
            let report = check_plain(op.id, request);
            let format = if op.id.starts_with("anycheck") { "id_format" } else { "session_id_format" };
            assert_eq!(assert_fires(&report, &rule(op, format))["path"], json!(["path", name]));
        }
    }
    // Free-text ids follow each server (pinned): DRF and Legal Talent trim ASCII and
    // Unicode whitespace but not U+200B; Didit's nodeId route and Verifa's `ses_…`
    // check take any non-empty text (Verifa warns on an odd form).
    let node = |v: &str| check_plain(OPS[0].id, with_field(&OPS[0], "/nodes_to_resubmit/0/node_id", json!(v)));
    for v in ["", " ", "\u{a0}", "\t"] {
        assert_fires(&node(v), &rule(&OPS[0], "node_id_required"));
    }
    assert_eq!(node("\u{200b}")["ok"], true);
    let step = |v: &str| check_plain(OPS[4].id, with_field(&OPS[4], "/corrections/0/step_id", json!(v)));
    for v in ["", " ", "\u{a0}", "\t"] {
        assert_fires(&step(v), &rule(&OPS[4], "step_id_required"));
    }
    let node_path = |v: &str| {
        let mut request = OPS[1].request();
        request["path"]["nodeId"] = json!(v);
        check_plain(OPS[1].id, request)
    };
    assert_fires(&node_path(""), &rule(&OPS[1], "node_id_format"));
    assert_eq!(node_path(" ")["ok"], true);
    let verifa_id = |v: &str| {
        let mut request = OPS[2].request();
        request["path"]["session_id"] = json!(v);
        check_plain(OPS[2].id, request)
    };
    assert_eq!(assert_fires(&verifa_id(""), &rule(&OPS[2], "session_id_format"))["severity"], "error");
    assert_eq!(assert_fires(&verifa_id(" "), &rule(&OPS[2], "session_id_format"))["severity"], "warning");
}

/// Every string field of an operation: (where in the request, its report path).
fn all_string_fields(op: &Op) -> Vec<(String, Value)> {
    let request = op.request();
    let mut out: Vec<(String, Value)> =
        op.strings.iter().chain(&op.free).map(|p| (format!("/body{p}"), body_path(p))).collect();
    for root in ["path", "headers"] {
        for key in request[root].as_object().unwrap().keys() {
            out.push((format!("/{root}/{key}"), json!([root, key])));
        }
    }
    out
}

#[test]
fn c26_lone_surrogates_in_every_string_field_are_invalid_unicode() {
    for op in OPS.iter() {
        for (pointer, path) in all_string_fields(op) {
            for raw in [r#""\ud800""#, r#""\uDC00""#, r#""\udc00\ud800""#, r#""a\ud83db""#] {
                let mut request = op.request();
                *request.pointer_mut(&pointer).unwrap() = json!("@@RAW@@");
                let text = request.to_string().replace("\"@@RAW@@\"", raw);
                let report = run(op, &text, "{}");
                let bad: Vec<_> = issues(&report).iter().filter(|i| i["rule"] == "invalid_unicode").collect();
                assert_eq!(bad.len(), 1, "{} {pointer} {raw}: {report:#}", op.id);
                assert_eq!(bad[0]["path"], path);
                assert_eq!(report["ok"], false);
                assert!(!shown(&report).contains('\u{fffd}') && !shown(&report).contains('\u{ffff}'));
            }
            // A proper pair is a character like any other.
            let mut request = op.request();
            *request.pointer_mut(&pointer).unwrap() = json!("@@RAW@@");
            let report = run(op, &request.to_string().replace("\"@@RAW@@\"", r#""\ud83d\ude00""#), "{}");
            assert!(!fires(&report, "invalid_unicode"), "{report:#}");
        }
    }
    // Never a silent U+FFFD: even when the rule is turned down, the text to send keeps
    // the caller's escape.
    let op = &OPS[2];
    let text = r#"{"external_ref":"a\ud800b"}"#;
    let report =
        check(op.id, with_body_text(op, text.to_owned()), json!({ "severity": { "invalid_unicode": "warning" } }));
    assert_eq!(report["ok"], true);
    assert_eq!(report["request"]["bodyText"], text);
}

#[test]
fn c27_control_bidi_and_line_separators_are_data_accepted_and_never_echoed() {
    let texts = [
        "a\u{0}b\u{1f}c\u{7f}",
        "\u{1b}[31mred\u{1b}[0m",
        "x\u{2028}y\u{2029}z",
        "\u{202e}evil\u{202c}\u{2066}\u{2069}",
        "a\r\n\tb",
    ];
    let fields = [
        (&OPS[0], "/comment"),
        (&OPS[1], "/comment"),
        (&OPS[2], "/metadata/k"),
        (&OPS[2], "/external_ref"),
        (&OPS[3], "/reason"),
        (&OPS[4], "/corrections/0/message"),
    ];
    for (op, pointer) in fields {
        for text in texts {
            let mut request = with_field(op, pointer, json!(text));
            // Didit's comment is DRF's CharField, whose validator refuses NUL characters
            // ("Null characters are not allowed."): data everywhere else.
            if op.id.starts_with("didit.") && text.contains('\u{0}') {
                let report = check_plain(op.id, request.clone());
                assert_response(&report, 400, json!({ "comment": ["Null characters are not allowed."] }));
                assert!(!shown(&report).contains(text), "{report:#}");
                continue;
            }
            assert_clean(&check_plain(op.id, request.clone()));
            // With another error in the request, the reports still never echo the text.
            request["headers"] = json!({});
            let report = check_plain(op.id, request);
            assert_eq!(report["ok"], false);
            assert!(!shown(&report).contains(text), "{report:#}");
        }
    }
}

/// `n` Unicode scalar values made of `unit` (whose scalar count is `per`), padded with `a`.
fn scalars(unit: &str, n: usize) -> String {
    let per = unit.chars().count();
    format!("{}{}", unit.repeat(n.checked_div(per).unwrap()), "a".repeat(n.checked_rem(per).unwrap()))
}

#[test]
fn c28_lengths_count_unicode_scalar_values_and_name_the_unit() {
    // é as one scalar (NFC) and as e + U+0301 (NFD), CJK, an astral emoji, a ZWJ family
    // (5 scalars) and a flag (2 regional indicators).
    let units = ["a", "\u{e9}", "e\u{301}", "漢", "😀", "👨\u{200d}👩\u{200d}👧", "🇫🇷"];
    let verifa = &OPS[2];
    for unit in units {
        for (n, over) in [(254, false), (255, false), (256, true)] {
            let value = scalars(unit, n);
            assert_eq!(value.chars().count(), n);
            let report = check_plain(verifa.id, with_field(verifa, "/external_ref", json!(value)));
            assert_eq!(fires(&report, &rule(verifa, "external_ref_length")), over, "{unit:?} × {n}");
            if over {
                let message = issues(&report)[0]["message"].as_str().unwrap();
                assert!(message.contains("characters (Unicode scalar values)") && message.contains("255"), "{message}");
            }
            let mut request = verifa.request();
            request["headers"]["Idempotency-Key"] = json!(value);
            let report = check_plain(verifa.id, request);
            assert_eq!(fires(&report, &rule(verifa, "idempotency_key_length")), over, "{unit:?} × {n}");
        }
    }
    let didit = &OPS[0];
    for unit in ["a", "e\u{301}", "😀"] {
        for (n, over) in [(9_999, false), (10_000, false), (10_001, true)] {
            let report = check_plain(didit.id, with_field(didit, "/comment", json!(scalars(unit, n))));
            assert_eq!(fires(&report, &rule(didit, "comment_length")), over, "{unit:?} × {n}");
            if over {
                let message = assert_fires(&report, &rule(didit, "comment_length"))["message"].as_str().unwrap();
                assert!(
                    message.contains("characters (Unicode scalar values)") && message.contains("10000"),
                    "{message}"
                );
            }
        }
    }
}

#[test]
fn c29_verifa_metadata_values_are_measured_as_compact_json_in_utf8_bytes() {
    let op = &OPS[2];
    let size = |value: Value| {
        let report = check_plain(op.id, with_field(op, "/metadata/k", value));
        fires(&report, &rule(op, "metadata_value_size"))
    };
    // A string's JSON text is its bytes plus two quotes; the last character straddles.
    for last in ["é", "€", "😀"] {
        for total in [16_383usize, 16_384, 16_385] {
            let ascii = total - 2 - last.len();
            let value = format!("{}{last}", "a".repeat(ascii));
            assert_eq!(size(json!(value)), total > 16_384, "{last:?} at {total} bytes");
        }
    }
    // `"` and `\` escape to two bytes each.
    for unit in ["\"", "\\"] {
        assert!(!size(json!(unit.repeat(8_191))), "{unit} × 8191 = 16384 bytes");
        assert!(size(json!(unit.repeat(8_192))), "{unit} × 8192 = 16386 bytes");
    }
    let report = check_plain(op.id, with_field(op, "/metadata/k", json!("x".repeat(20_000))));
    let issue = assert_fires(&report, &rule(op, "metadata_value_size"));
    assert_eq!(issue["path"], json!(["body", "metadata", "k"]));
    assert!(
        issue["message"].as_str().unwrap().contains("UTF-8 bytes")
            && issue["message"].as_str().unwrap().contains("16384")
    );
    // null deletes a key and is never measured.
    assert!(!size(Value::Null));
}

// ---------------------------------------------------------------- 30–33: email

fn email(address: &str) -> Value {
    check_plain(OPS[0].id, with_field(&OPS[0], "/email_address", json!(address)))
}

fn email_ok(address: &str) -> bool {
    !fires(&email(address), "didit.update_session_status.email_format")
}

fn label(n: usize) -> String {
    "a".repeat(n)
}

/// Issue 14 overrides the catalogue's 30–32 where Didit's server disagrees: DRF's
/// EmailField trims first, and Django's EmailValidator has no local-part limit, allows
/// 320 characters and takes internationalized domains as written. The DRF oracle
/// (tests/drf) checks the policy against Django itself.
#[test]
fn c30_email_addresses_that_must_pass() {
    let local64 = format!("{}@example.com", label(64));
    let label63 = format!("user@{}.com", label(63));
    // 254 octets: a 64-octet local part, then labels of 63, 63, 61 and "co".
    let exact254 = format!("{}@{}.{}.{}.co", label(64), label(63), label(63), label(58));
    assert_eq!(exact254.len(), 254);
    // Once items of 31, now passing: a 65-octet local part, 255 octets, and the trimmed.
    let local65 = format!("{}@example.com", label(65));
    let over255 = format!("{}@{}.{}.{}.co", label(64), label(63), label(63), label(59));
    for address in [
        "user@example.com",
        "user+tag@sub.example.co.uk",
        "o'brien@example.ie",
        "USER@EXAMPLE.COM",
        &local64,
        &label63,
        &exact254,
        &local65,
        &over255,
        "a@b.co\n",
        " a@b.co ",
    ] {
        assert!(email_ok(address), "{address}: {:#}", email(address));
    }
}

#[test]
fn c31_email_addresses_that_must_fail() {
    let label64 = format!("user@{}.com", label(64));
    let over320 = format!("{}@{}.{}.{}.{}", label(65), label(63), label(63), label(63), label(63));
    assert_eq!(over320.chars().count(), 321);
    for address in
        ["@", "a@", "@b.co", "a@@b.co", "a b@c.co", "a@-b.co", "a@b-.co", "a@b_c.co", &label64, &over320, "a＠b.co"]
    {
        let report = email(address);
        let issue = assert_fires(&report, "didit.update_session_status.email_format");
        assert_eq!(issue["path"], json!(["body", "email_address"]));
        assert_response(&report, 400, json!({ "email_address": ["Enter a valid email address."] }));
    }
    // Empty is DRF's blank, not an invalid address.
    let report = email("");
    assert_fires(&report, "didit.update_session_status.email_format");
    assert_response(&report, 400, json!({ "email_address": ["This field may not be blank."] }));
}

#[test]
fn c32_email_addresses_pinned_by_policy() {
    // Policy: the address must pass what Didit's server runs, Django's EmailValidator
    // (DRF EmailField). So a dot-atom local part (no leading or doubled dot), ASCII
    // only, a letter TLD (no bare IPv4), `localhost` allowed, and an internationalized
    // domain passes as written or as its A-label.
    for (address, passes) in [
        ("user@localhost", true),
        (".a@x.co", false),
        ("a..b@x.co", false),
        ("a@1.2.3.4", false),
        ("usér@x.co", false),
        ("a@exämple.co", true),
        ("a@xn--exmple-cua.co", true),
    ] {
        assert_eq!(email_ok(address), passes, "{address}: {:#}", email(address));
    }
}

/// The probes are refused; their time (10 ms each in the shipped wasm) is a budget of
/// `npm run bench` (bench/probes.mjs), not an assert in a debug build.
#[test]
fn c33_email_redos_probes_are_refused() {
    for address in [
        label(50_000) + "@",
        "a@".to_owned() + &"a-".repeat(30_000) + "!",
        "a@".to_owned() + &"a.".repeat(30_000) + "-",
    ] {
        let report = email(&address);
        assert_fires(&report, "didit.update_session_status.email_format");
    }
}

// ---------------------------------------------------------------- 34–35, 38–39: robustness

/// The catalogue's closing check ("a valid request right after still validates") is
/// this test here: the core keeps no state between calls, so re-validating the valid
/// request after each case could not fail for the reason the catalogue gives (a
/// degraded instance); every input after every other, compared byte for byte, can.
/// The JS suite keeps the closing check, where a trap does reset an instance.
#[test]
fn c34_same_input_same_bytes_and_no_memory_between_calls() {
    let mut inputs: Vec<(&Op, String, String)> = Vec::new();
    for op in OPS.iter() {
        inputs.push((op, op.request().to_string(), "{}".to_owned()));
        inputs.push((
            op,
            json!({ "body": [1] }).to_string(),
            json!({ "context": op.context(), "maxIssues": 1 }).to_string(),
        ));
        // A body-less call has no string field: its path id takes the lone surrogate.
        match op.strings.first() {
            Some(pointer) => inputs.push((op, with_raw_field(op, pointer, r#""\ud800""#), "{}".to_owned())),
            None => inputs.push((op, op.request().to_string().replace(UUID, "\\ud800"), "{}".to_owned())),
        }
        inputs.push((op, "{".to_owned(), json!({ "context": [1] }).to_string()));
    }
    let alone: Vec<String> =
        inputs.iter().map(|(op, r, o)| validate_json(Operation::parse(op.id).unwrap(), r, o)).collect();
    for (a, (op_a, ra, oa)) in inputs.iter().enumerate() {
        let op_a = Operation::parse(op_a.id).unwrap();
        assert_eq!(validate_json(op_a, ra, oa), alone[a]);
        for (b, (op_b, rb, ob)) in inputs.iter().enumerate() {
            validate_json(op_a, ra, oa);
            assert_eq!(validate_json(Operation::parse(op_b.id).unwrap(), rb, ob), alone[b], "{b} after {a}");
        }
    }
}

/// Puts the sentinel into every string value of a JSON tree.
fn sentinel_everywhere(value: &mut Value) {
    match value {
        Value::String(s) => *s = format!("{SENTINEL}{s}"),
        Value::Array(items) => items.iter_mut().for_each(sentinel_everywhere),
        Value::Object(map) => map.values_mut().for_each(sentinel_everywhere),
        _ => {}
    }
}

#[test]
fn c38_the_pii_sentinel_never_reaches_a_message_hint_or_path() {
    for op in OPS.iter() {
        // One field at a time, the sentinel alone and inside other text.
        for (pointer, _) in all_string_fields(op) {
            for value in [SENTINEL.to_owned(), format!("{SENTINEL} Approved"), format!("x@{SENTINEL}.co")] {
                let mut request = op.request();
                *request.pointer_mut(&pointer).unwrap() = json!(value);
                for options in [json!({}), json!({ "context": op.context() })] {
                    let report = check(op.id, request.clone(), options);
                    assert!(!shown(&report).contains(SENTINEL), "{} {pointer}: {report:#}", op.id);
                }
            }
        }
        // Everywhere at once, context included.
        let mut request = op.request();
        sentinel_everywhere(&mut request);
        let mut context = op.context();
        sentinel_everywhere(&mut context);
        let report = check(op.id, request, json!({ "context": context }));
        assert_eq!(report["ok"], false);
        assert!(!shown(&report).contains(SENTINEL), "{report:#}");
    }
    // Where the vendor itself echoes, the echo is in the predicted body only.
    let report = check_plain(OPS[0].id, with_field(&OPS[0], "/new_status", json!(SENTINEL)));
    assert_response(&report, 400, json!({ "new_status": [format!("\"{SENTINEL}\" is not a valid choice.")] }));
}

/// The context's vendor object with one field at a time set to a value of another JSON type.
fn wrong_types(op: &Op) -> Vec<Value> {
    let context = op.context();
    let key = context.as_object().unwrap().keys().next().unwrap().clone();
    let mut out =
        vec![json!([]), json!(5), json!("ctx"), json!(true), json!({ key.clone(): [] }), json!({ key.clone(): 7 })];
    for (field, right) in context[&key].as_object().unwrap() {
        for wrong in [json!(5), json!([5]), json!({ "x": 1 }), json!(true), json!("s")] {
            let same_type = std::mem::discriminant(&wrong) == std::mem::discriminant(right);
            // AnyCheck's `service` is a name or an object.
            let also_right = field == "service" && wrong.is_object();
            if !same_type && !also_right {
                let mut garbage = context.clone();
                garbage[&key][field] = wrong;
                out.push(garbage);
            }
        }
    }
    out
}

#[test]
fn c39_context_garbage_gives_context_invalid_warnings_never_a_failure() {
    for op in OPS.iter() {
        for context in wrong_types(op) {
            let report = check(op.id, op.request(), json!({ "context": context }));
            assert_eq!(report["ok"], true, "{}: context {context}: {report:#}", op.id);
            assert!(fires(&report, "context_invalid"), "{}: context {context}: {report:#}", op.id);
            for issue in issues(&report) {
                assert_eq!(issue["severity"], "warning", "{issue}");
            }
        }
        // Context that is not JSON at all (nesting past serde_json's limit).
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let report = run(op, &op.request().to_string(), &format!("{{\"context\":{deep}}}"));
        let issue = assert_fires(&report, "context_invalid");
        assert_eq!((issue["severity"].clone(), issue["path"].clone()), (json!("warning"), json!(["context"])));
        assert_eq!(report["ok"], true);
    }
    // The vendor's shape with one wrong type: only that part is skipped, with its path.
    let report = check(OPS[3].id, OPS[3].request(), json!({ "context": { "session": { "status": 5 } } }));
    assert_eq!(assert_fires(&report, "context_invalid")["path"], json!(["context", "session", "status"]));
}

/// A rule that looks something up in a context list must not fire when that list (or an
/// item of it) was unreadable and skipped (Didit's `node_not_found`, `node_unknown`,
/// Legal Talent's `step_unknown`); and a `features` of the wrong type is reported.
#[test]
fn c39_partly_unreadable_context_lists_skip_the_lookup_rules() {
    let feature = &OPS[1];
    for list in [json!(5), json!([[]]), json!([5, { "node_id": 5 }])] {
        let context = json!({ "decision": { "session_type": "HOSTED", "id_verifications": list } });
        let report = check(feature.id, feature.request(), json!({ "context": context }));
        assert!(!fires(&report, &rule(feature, "node_not_found")), "{report:#}");
        assert!(fires(&report, "context_invalid"), "{report:#}");
        let session = &OPS[0];
        let report = check(session.id, session.request(), json!({ "context": context }));
        assert!(!fires(&report, &rule(session, "node_unknown")), "{report:#}");
    }
    for features in [json!(5), json!("s"), json!({ "x": 1 })] {
        let context = json!({ "decision": { "status": "In Review", "features": features } });
        assert!(fires(&check(OPS[0].id, OPS[0].request(), json!({ "context": context })), "context_invalid"));
    }
    let corrections = &OPS[4];
    let context = json!({ "session": { "status": "manual_review", "steps_data": [[], { "step_id": [] }] } });
    let report = check(corrections.id, corrections.request(), json!({ "context": context }));
    assert!(!fires(&report, &rule(corrections, "step_unknown")), "{report:#}");
}

// ---------------------------------------------------------------- native only

/// The heaviest cases run natively only: on wasm32 they cost most of this binary's time
/// in a debug build, and tests/js/reliability.test.mjs runs the same inputs (19, 20, 35)
/// on the shipped release wasm. The `native_only` module is how npm test tells
/// native-only tests apart when it compares native and wasm32 test counts.
#[cfg(not(target_arch = "wasm32"))]
mod native_only {
    use super::*;

    fn has_error(report: &Value) -> bool {
        issues(report).iter().any(|i| i["severity"] == "error")
    }

    #[test]
    fn c19_nesting_10k_and_100k_deep_is_too_deep_in_every_field() {
        assert_too_deep_past_64(&[(10_000, true), (100_000, false)]);
    }

    #[test]
    fn c20_large_collections_give_a_bounded_truncated_report() {
        let big = json!({ "maxBodyBytes": 16 << 20 }).to_string();
        // Verifa: 100,000 metadata keys are fine; 100,000 unknown body keys are not.
        let verifa = &OPS[2];
        let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":1")).collect();
        let text = format!("{{\"metadata\":{{{}}}}}", keys.join(","));
        let report = check(verifa.id, with_body_text(verifa, text), serde_json::from_str(&big).unwrap());
        assert_eq!(report["ok"], true, "{}", report["issues"]);
        let text = format!("{{{}}}", keys.join(","));
        let report = check(verifa.id, with_body_text(verifa, text), serde_json::from_str(&big).unwrap());
        assert_eq!(
            (report["ok"].clone(), issues(&report).len(), report["truncated"].clone()),
            (json!(false), 100, json!(true))
        );
        // A key 1 MB long is data like any other.
        let report = check_plain(
            verifa.id,
            json!({ "path": { "session_id": "ses_abc" }, "body": { "metadata": { "k".repeat(1_000_000): 1 } } }),
        );
        assert_eq!(report["ok"], true);
        // Legal Talent: a million items that are not objects.
        let corrections = &OPS[4];
        let text = format!("{{\"corrections\":[{}0]}}", "0,".repeat(999_999));
        let report = check(corrections.id, with_body_text(corrections, text), serde_json::from_str(&big).unwrap());
        assert_eq!((issues(&report).len(), report["truncated"].clone()), (100, json!(true)));
        assert_eq!(report["response"]["status"], 400);
    }

    /// Didit's predicted DRF body (one entry per item) stops where the truncated report
    /// stops: a million bad items used to make a 75 MB response. Its time budget is
    /// timed by `npm run bench` (bench/probes.mjs), on the shipped wasm.
    #[test]
    fn c20_a_million_nodes_to_resubmit_give_a_bounded_report() {
        let op = &OPS[0];
        let text = format!("{{\"new_status\":\"Resubmitted\",\"nodes_to_resubmit\":[{}0]}}", "0,".repeat(999_999));
        let report = check(op.id, with_body_text(op, text.clone()), json!({ "maxBodyBytes": 16 << 20 }));
        assert_eq!((issues(&report).len(), report["truncated"].clone()), (100, json!(true)));
        assert!(report["response"].to_string().len() < text.len(), "the predicted body outgrows the request");
    }

    #[test]
    fn c35_ten_thousand_invalid_items_give_max_issues_and_truncated() {
        let cases: [(&Op, String); 4] = [
            (
                &OPS[0],
                format!(
                    "{{\"new_status\":\"Resubmitted\",\"nodes_to_resubmit\":[{}{{}}]}}",
                    r#"{"node_id":"n","feature":"X"},"#.repeat(9_999)
                ),
            ),
            (&OPS[4], format!("{{\"corrections\":[{}{{}}]}}", r#"{"step_id":5},"#.repeat(9_999))),
            (&OPS[2], format!("{{{}\"z\":0}}", (0..9_999).map(|i| format!("\"u{i}\":0,")).collect::<String>())),
            (
                op_named("anycheck.update_verification"),
                format!("{{\"output\":5,{}\"z\":0}}", (0..9_999).map(|i| format!("\"u{i}\":0,")).collect::<String>()),
            ),
        ];
        for (op, text) in cases {
            for (options, limit) in
                [(json!({}), 100usize), (json!({ "maxIssues": 1 }), 1), (json!({ "maxIssues": 100_000 }), 100_000)]
            {
                let report = check(op.id, with_body_text(op, text.clone()), options);
                let n = issues(&report).len();
                assert_eq!(report["ok"], false);
                assert!(has_error(&report), "ok is false, so an error is kept: {}", report["issues"]);
                if limit < 10_000 {
                    assert_eq!((n, report["truncated"].clone()), (limit, json!(true)), "{}", op.id);
                } else {
                    assert!(n >= 9_999 && report["truncated"] == false, "{}: {n}", op.id);
                }
            }
        }
        for bad in [json!(0), json!(100_001), json!(2.5), json!("5"), Value::Null] {
            let out = validate_json(
                kyc_preflight::anycheck::UPDATE_VERIFICATION,
                "{}",
                &json!({ "maxIssues": bad }).to_string(),
            );
            let answer: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(answer["error"]["code"], "invalid_options", "{bad}");
            assert_eq!(answer["error"]["message"], "maxIssues must be a whole number from 1 to 100000");
        }
    }
}
