//! What the fuzz targets check, in one copy. The targets (fuzz_targets/) call it, and so
//! does `npm test`: tests/fuzz_replay.rs compiles this file into the main crate's tests
//! (`#[path]`) and replays every seed and corpus file through [`run_target`], so an API
//! change that breaks these checks fails the ordinary build.
//!
//! - The operation targets, one per operation ([`drive`]): `validate_json` answers, for any bytes,
//!   either a misuse error (only when the options are misuse) or a well-formed report
//!   whose `ok` agrees with its issues, and answers the same twice.
//! - `json_reader` ([`json_reader`]): the kernel's own JSON reader never panics, a parsed
//!   value writes back to text that parses to the same value, `check` accepts what
//!   `parse` accepts, and it accepts what serde_json accepts, reading the same value,
//!   except for a number near the largest double that the two judge differently.

use kyc_preflight::json::{check, parse, Decimal};
use kyc_preflight::{validate_json, Operation, ValidateOptions};
use serde_json::Value;

const REPORT_KEYS: [&str; 7] = ["effects", "issues", "ok", "operation", "request", "response", "truncated"];

/// Every fuzz target, by its name in fuzz/Cargo.toml and fuzz_targets/.
pub const TARGETS: [&str; 11] = [
    "anycheck_update_verification",
    "didit_update_feature_status",
    "didit_update_session_status",
    "json_reader",
    "legaltalent_extend_session",
    "legaltalent_generate_link",
    "legaltalent_process_session",
    "legaltalent_request_corrections",
    "legaltalent_run_validations",
    "legaltalent_update_session_status",
    "verifa_update_session",
];

/// Runs the checks of the target named `target` (one of [`TARGETS`]) on `data`.
pub fn run_target(target: &str, data: &[u8]) {
    if target == "json_reader" {
        return json_reader(data);
    }
    // An operation target is named after its operation: `didit_update_session_status`.
    let op = Operation::parse(&target.replacen('_', ".", 1)).unwrap_or_else(|| panic!("no fuzz target {target}"));
    drive(op, data);
}

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

/// The kernel's JSON reader on `data` (invalid UTF-8 replaced, as a JS string would be).
pub fn json_reader(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let ours = parse(&text);
    if let Ok(value) = &ours {
        let written = value.to_string();
        assert_eq!(parse(&written).as_ref(), Ok(value), "round trip of {text:?}");
        assert!(check(&text).is_ok(), "check refuses what parse accepts: {text:?}");
    }
    if numbers_judged_differently(&text) {
        return;
    }
    let theirs = serde_json::from_str::<Value>(&text);
    assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}: ours {ours:?}, serde_json {theirs:?}");
    if let (Ok(ours), Ok(theirs)) = (&ours, &theirs) {
        // Ours keeps the text's key order and number text; compared as serde_json values.
        let ours: Value = serde_json::from_str(&ours.to_string()).unwrap_or_else(|e| panic!("{e}: {text:?}"));
        assert_eq!(&ours, theirs, "{text:?}");
    }
}

/// Whether some number in `text` is read by one reader and refused as out of range by
/// the other. That may happen only near the largest double, where serde_json (without
/// its exact float parse) rounds `significand × 10^exponent` inexactly and the crate
/// compares the exact decimal with the halfway point to 2^1024: a disagreement on any
/// other number fails here. Every maximal run of number characters is judged on its
/// own (one inside a string as well, which only makes this answer true more often).
pub fn numbers_judged_differently(text: &str) -> bool {
    let mut differ = false;
    for run in text.split(|c: char| !matches!(c, '0'..='9' | '-' | '+' | '.' | 'e' | 'E')) {
        if run.is_empty() || parse(run).is_ok() == serde_json::from_str::<Value>(run).is_ok() {
            continue;
        }
        // One reader took `run` whole, so it is a number by the JSON grammar.
        let decimal = Decimal::read(run);
        assert!(
            decimal.point == 309 && decimal.digits.starts_with("1797693134862"),
            "the readers disagree on {run:?}, which is not near the largest double (in {text:?})"
        );
        differ = true;
    }
    differ
}
