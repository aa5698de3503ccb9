//! What every fuzz target checks: `validate_json` answers, for any bytes, either a
//! misuse error (only when the options are misuse) or a well-formed report whose `ok`
//! agrees with its issues, and answers the same twice.

use kyc_preflight::{validate_json, Operation, ValidateOptions};
use serde_json::Value;

const REPORT_KEYS: [&str; 7] = ["effects", "issues", "ok", "operation", "request", "response", "truncated"];

/// The bytes before the first NUL are the request JSON, the rest the options JSON
/// (empty options when there is no NUL). Invalid UTF-8 is replaced, as a JS string would be.
pub fn drive(op: Operation, data: &[u8]) {
    let (request, options) = match data.iter().position(|&b| b == 0) {
        Some(at) => (data.get(..at).unwrap_or_default(), data.get(at.saturating_add(1)..).unwrap_or_default()),
        None => (data, &[][..]),
    };
    let request = String::from_utf8_lossy(request);
    let options = String::from_utf8_lossy(options);
    let out = validate_json(op, &request, &options);
    let again = validate_json(op, &request, &options);
    assert_eq!(out, again, "same input, different output");
    let answer: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"));
    match ValidateOptions::from_json(&options) {
        Ok(_) => check_report(op, &answer),
        Err(_) => assert!(answer.get("error").and_then(|e| e.get("code")).is_some_and(Value::is_string), "{out}"),
    }
}

fn check_report(op: Operation, report: &Value) {
    let map = report.as_object().unwrap_or_else(|| panic!("not an object: {report}"));
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    assert_eq!(keys, REPORT_KEYS, "report keys: {report}");
    assert_eq!(map["operation"], op.id(), "{report}");
    assert!(map["truncated"].is_boolean(), "{report}");
    assert!(map["effects"].is_array(), "{report}");
    let issues = map["issues"].as_array().unwrap_or_else(|| panic!("issues: {report}"));
    for issue in issues {
        for key in ["rule", "message", "severity", "source"] {
            assert!(issue[key].is_string(), "issue.{key}: {report}");
        }
        assert!(issue["path"].as_array().is_some_and(|p| p.iter().all(|s| s.is_string() || s.is_u64())), "{report}");
    }
    let has_error = issues.iter().any(|i| i["severity"] == "error");
    assert_eq!(map["ok"], Value::Bool(!has_error), "ok must be true iff no issue is an error: {report}");
    if has_error {
        assert!(map["request"].is_null(), "{report}");
    } else {
        assert!(map["request"].is_object() && map["response"].is_null(), "{report}");
    }
}
