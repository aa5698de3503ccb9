//! The rule registry against the spec: every rule id in ../shared/spec/rules.md exists in
//! `rules()` with the severity and source the spec gives, and `rules()` invents none.
//! (That each rule fires and stays quiet in some test is checked by `npm test` from the
//! ids `assert_fires` / `assert_quiet` record; see tests/common/mod.rs.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use kyc_preflight::{operations, rules, Severity, Source};

// `cargo test --target wasm32-unknown-unknown` (wasm-bindgen-test-runner, in Node): every
// `#[test]` below is then a `#[wasm_bindgen_test]`.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// (full rule id) → (allowed default severities, source), as rules.md states them.
fn spec_rules() -> BTreeMap<String, (Vec<Severity>, Source)> {
    // Compiled in, so the wasm32 run (no file system) checks the same text.
    let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/spec/rules.md"));
    let mut out = BTreeMap::new();
    let mut operation: Option<String> = None;
    let mut as_above: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            operation = heading.split_whitespace().next().map(str::to_owned);
            continue;
        }
        let (Some(op), Some(row)) = (&operation, line.strip_prefix("| `")) else { continue };
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let names: Vec<&str> = cells[0].split(',').map(|n| n.trim().trim_matches('`')).collect();
        if cells[1].is_empty() {
            as_above.extend(names.iter().map(|n| (op.clone(), (*n).to_owned())));
            continue;
        }
        let severities = cells[1]
            .split('/')
            .map(|s| match s {
                "E" => Severity::Error,
                "W" => Severity::Warning,
                other => panic!("severity {other:?} in {line}"),
            })
            .collect::<Vec<_>>();
        let source = match cells[2] {
            "S" => Source::Stated,
            "I" => Source::Inferred,
            other => panic!("source {other:?} in {line}"),
        };
        for name in names {
            out.insert(format!("{op}.{name}"), (severities.clone(), source));
        }
    }
    // "as above": the same rule of the operation before, in the same vendor section.
    for (op, name) in as_above {
        let vendor = op.split('.').next().unwrap();
        let donor = out
            .iter()
            .find(|(id, _)| id.starts_with(vendor) && id.ends_with(&format!(".{name}")))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no rule to copy for {op}.{name}"));
        out.insert(format!("{op}.{name}"), donor);
    }
    out
}

#[test]
fn every_rule_in_the_spec_is_registered_with_its_severity_and_source() {
    let spec = spec_rules();
    assert!(spec.len() > 90, "parsed only {} rules from rules.md", spec.len());
    for (id, (severities, source)) in &spec {
        let info = rules().find(|r| r.id == id).unwrap_or_else(|| panic!("{id} is in rules.md but not in rules()"));
        assert!(severities.contains(&info.severity), "{id}: severity {:?}, spec says {severities:?}", info.severity);
        assert_eq!(info.source, *source, "{id}: source");
    }
}

#[test]
fn the_registry_invents_no_vendor_rule() {
    let spec = spec_rules();
    for info in rules().filter(|r| r.operation.is_some()) {
        assert!(spec.contains_key(info.id), "{} is in rules() but not in rules.md", info.id);
    }
}

#[test]
fn every_rule_belongs_to_a_listed_operation_and_ids_are_unique() {
    let ids: Vec<&str> = rules().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "duplicate rule ids");
    for info in rules() {
        if let Some(op) = info.operation {
            assert!(info.id.starts_with(&format!("{op}.")), "{} is not prefixed by its operation", info.id);
            assert!(operations().any(|o| o.id == op));
        }
    }
}
