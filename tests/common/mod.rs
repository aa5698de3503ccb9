//! Shared by the native integration tests: drive `validate_json`, the exact boundary
//! contract the wasm build uses, and read the report back as JSON.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use kyc_preflight::{validate_json, Operation};
use serde_json::{json, Value};

/// Validates `request` (a `RequestInput` JSON value) with `options`.
pub fn check(op: &str, request: Value, options: Value) -> Value {
    let (request, options) = (request.to_string(), options.to_string());
    record_call(op, &request, &options);
    let out = validate_json(Operation::parse(op).expect("known operation"), &request, &options);
    serde_json::from_str(&out).expect("the boundary answers JSON")
}

/// With `KP_GOLDEN_RECORD=<dir>` (set by `UPDATE_SNAPSHOTS=1 npm test`), notes each call
/// so that tests/golden.rs can rebuild the golden corpus of reports from every request
/// the tests make. Off otherwise: one environment lookup per call.
#[cfg(not(target_arch = "wasm32"))]
pub fn record_call(op: &str, request: &str, options: &str) {
    use std::io::Write;
    let Some(dir) = std::env::var_os("KP_GOLDEN_RECORD") else { return };
    let _ = std::fs::create_dir_all(&dir);
    let file = std::path::Path::new(&dir).join(format!("tests-{}.jsonl", std::process::id()));
    let line = serde_json::json!({ "op": op, "request": request, "options": options }).to_string() + "\n";
    if let Ok(mut out) = std::fs::OpenOptions::new().create(true).append(true).open(file) {
        // One write per line: tests run on parallel threads and append to one file.
        let _ = out.write_all(line.as_bytes());
    }
}

#[cfg(target_arch = "wasm32")]
pub fn record_call(_op: &str, _request: &str, _options: &str) {}

/// Validates with no options.
pub fn check_plain(op: &str, request: Value) -> Value {
    check(op, request, json!({}))
}

/// The rule ids of a report's issues, in report order.
pub fn rules(report: &Value) -> Vec<String> {
    report["issues"].as_array().expect("issues").iter().map(|i| i["rule"].as_str().unwrap().to_owned()).collect()
}

/// True when some issue has this exact rule id.
pub fn fires(report: &Value, rule: &str) -> bool {
    rules(report).iter().any(|r| r == rule)
}

/// The first issue with this rule id.
pub fn issue<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["rule"] == rule)
        .unwrap_or_else(|| panic!("no issue {rule} in {report:#}"))
}

/// Asserts the rule fires, and returns its issue.
#[track_caller]
pub fn assert_fires<'a>(report: &'a Value, rule: &str) -> &'a Value {
    assert!(fires(report, rule), "expected {rule} to fire; report: {report:#}");
    record("fired", rule);
    issue(report, rule)
}

/// Asserts the rule stays quiet.
#[track_caller]
pub fn assert_quiet(report: &Value, rule: &str) {
    assert!(!fires(report, rule), "expected {rule} to stay quiet; report: {report:#}");
    record("quiet", rule);
}

/// Notes a passed assertion, so `npm test` can check that every rule in rules.md was
/// both made to fire and shown quiet somewhere (scripts/rule-coverage.mjs).
#[cfg(not(target_arch = "wasm32"))]
fn record(kind: &str, rule: &str) {
    use std::io::Write;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("rule-coverage");
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(format!("{kind}-{}.txt", std::process::id()));
    if let Ok(mut out) = std::fs::OpenOptions::new().create(true).append(true).open(file) {
        // One write per line: tests run on parallel threads and append to one file.
        let _ = out.write_all(format!("{rule}\n").as_bytes());
    }
}

/// On wasm32 nothing is recorded: there is no file system (and `std::process::id`
/// panics); the native `cargo test` run measures the rule coverage.
#[cfg(target_arch = "wasm32")]
fn record(_kind: &str, _rule: &str) {}

/// Asserts the predicted response, status and exact body.
#[track_caller]
pub fn assert_response(report: &Value, status: u64, body: Value) {
    assert_eq!(report["ok"], false, "report should not be ok: {report:#}");
    assert_eq!(report["response"]["status"], status, "status; report: {report:#}");
    assert_eq!(report["response"]["body"], body, "body; report: {report:#}");
}

/// Asserts ok with no issue at all.
#[track_caller]
pub fn assert_clean(report: &Value) {
    assert_eq!(report["ok"], true, "report should be ok: {report:#}");
    assert_eq!(report["issues"], json!([]), "no issues expected: {report:#}");
}

/// A version-4 UUID with hex letters in every group, so a test that changes its case
/// really sends different text.
pub const UUID: &str = "3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c";

/// A serde_json value as the crate's own JSON value (the Rust API's argument type).
pub fn ours(value: &Value) -> kyc_preflight::json::Value {
    kyc_preflight::json::parse(&value.to_string()).expect("JSON text")
}
