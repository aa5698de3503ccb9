//! The golden corpus of reports (tests/golden/reports.jsonl): every request the test
//! suites make, the bench suite's requests and generated variants of them, each with the
//! answer the native core gives. This file replays it natively; tests/js/golden.test.mjs
//! replays it through every shipped entry of the package in Node, and
//! tests/browser/golden.test.mjs in Chromium, so "same input, same report in native Rust,
//! Node and Chromium" is a test, and any change to any report shows up as a diff.
//!
//! `UPDATE_SNAPSHOTS=1 npm test` rewrites the corpus (scripts/golden.mjs records the
//! requests, then runs `write_corpus` below): read its diff before committing it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

// Reads and writes files: native only (the `native_only` module is how npm test tells
// native-only tests apart when it compares native and wasm32 test counts).
#[cfg(not(target_arch = "wasm32"))]
mod native_only {
    use std::collections::BTreeSet;
    use std::fs;
    use std::path::{Path, PathBuf};

    use kyc_preflight::{validate_json, Operation};
    use serde_json::{json, Map, Value};

    const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/reports.jsonl");
    /// Requests larger than this stay with the suites that make them (giant inputs
    /// belong to the reliability catalogue, not to a committed fixture).
    const MAX_TEXT: usize = 20 * 1024;
    const REQUEST_KEYS: [&str; 4] = ["path", "headers", "body", "bodyText"];
    /// The options the JS layer reads; an entry with any other key is a test of the
    /// native boundary's strictness, which JS (reading only these) cannot reproduce.
    const OPTION_KEYS: [&str; 5] = ["context", "severity", "maxIssues", "maxDepth", "maxBodyBytes"];

    /// One call as both sides make it: `validate(op, request, options)`, with the body
    /// as the exact JSON text to send (`bodyText`), or no body.
    #[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
    struct Call {
        op: String,
        request: String,
        options: String,
    }

    impl Call {
        /// A recorded call in the corpus's normal form, or `None` when only the native
        /// boundary can express it (not an object, unknown keys, lone surrogates…).
        fn normalize(op: &str, request: &str, options: &str) -> Option<Call> {
            Operation::parse(op)?;
            if request.len() > MAX_TEXT || options.len() > MAX_TEXT {
                return None;
            }
            let Value::Object(mut given) = serde_json::from_str::<Value>(request).ok()? else { return None };
            if given.keys().any(|k| !REQUEST_KEYS.contains(&k.as_str())) {
                return None;
            }
            let mut request = Map::new();
            for key in ["path", "headers"] {
                if let Some(value) = given.remove(key) {
                    request.insert(key.to_owned(), value);
                }
            }
            // bodyText wins over body, as in `validate_json`; a null bodyText is none.
            let text = match (given.remove("bodyText"), given.remove("body")) {
                (Some(Value::String(text)), _) => Some(text),
                (Some(Value::Null) | None, Some(body)) => Some(body.to_string()),
                (Some(Value::Null) | None, None) => None,
                (Some(_), _) => return None,
            };
            if let Some(text) = text {
                request.insert("bodyText".to_owned(), Value::String(text));
            }
            let options = match options.trim() {
                "" => Map::new(),
                text => match serde_json::from_str::<Value>(text).ok()? {
                    Value::Object(map) if map.keys().all(|k| OPTION_KEYS.contains(&k.as_str())) => map,
                    _ => return None,
                },
            };
            Some(Call {
                op: op.to_owned(),
                request: Value::Object(request).to_string(),
                options: Value::Object(options).to_string(),
            })
        }

        fn answer(&self) -> String {
            validate_json(Operation::parse(&self.op).unwrap(), &self.request, &self.options)
        }

        fn line(&self) -> String {
            // The answer is stored as the exact text the core wrote.
            format!(
                r#"{{"op":{},"request":{},"options":{},"answer":{}}}"#,
                json!(self.op),
                self.request,
                self.options,
                self.answer()
            )
        }
    }

    struct Entry {
        call: Call,
        answer: String,
    }

    fn read_corpus() -> Vec<Entry> {
        let text = fs::read_to_string(CORPUS).expect("tests/golden/reports.jsonl: run `UPDATE_SNAPSHOTS=1 npm test`");
        text.lines()
            .map(|line| {
                #[derive(serde::Deserialize)]
                struct Line<'a> {
                    op: String,
                    #[serde(borrow)]
                    request: &'a serde_json::value::RawValue,
                    #[serde(borrow)]
                    options: &'a serde_json::value::RawValue,
                    #[serde(borrow)]
                    answer: &'a serde_json::value::RawValue,
                }
                let l: Line<'_> = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
                let call = Call { op: l.op, request: l.request.get().to_owned(), options: l.options.get().to_owned() };
                Entry { call, answer: l.answer.get().to_owned() }
            })
            .collect()
    }

    #[test]
    fn corpus_replays_natively_byte_for_byte() {
        let corpus = read_corpus();
        assert!(corpus.len() >= 2_000, "the corpus holds {} entries; expected a few thousand", corpus.len());
        let differ: Vec<String> = corpus
            .iter()
            .filter_map(|e| {
                let now = e.call.answer();
                (now != e.answer).then(|| {
                    format!(
                        "{} {} {}\n  corpus: {}\n  now:    {now}",
                        e.call.op, e.call.request, e.call.options, e.answer
                    )
                })
            })
            .collect();
        assert!(
            differ.is_empty(),
            "{} of {} reports differ from the golden corpus (if intended: UPDATE_SNAPSHOTS=1 npm test, then read the diff):\n{}",
            differ.len(),
            corpus.len(),
            differ.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
        );
    }

    #[test]
    fn corpus_covers_every_operation_and_every_rule_that_the_tests_fire() {
        let corpus = read_corpus();
        let mut ops = BTreeSet::new();
        let mut rules = BTreeSet::new();
        let (mut ok, mut not_ok, mut misuse) = (0, 0, 0);
        for e in &corpus {
            ops.insert(e.call.op.clone());
            let answer: Value = serde_json::from_str(&e.answer).unwrap();
            match answer["ok"].as_bool() {
                Some(true) => ok += 1,
                Some(false) => not_ok += 1,
                None => misuse += 1,
            }
            for issue in answer["issues"].as_array().into_iter().flatten() {
                rules.insert(issue["rule"].as_str().unwrap().to_owned());
            }
        }
        assert_eq!(ops.len(), kyc_preflight::operations().count(), "{ops:?}");
        assert!(ok >= 300 && not_ok >= 1_000 && misuse >= 5, "ok {ok}, not ok {not_ok}, misuse {misuse}");
        // Every rule of every operation, except the kernel's, which JS raises before wasm
        // (`internal_error`, `not_serializable`, JS-only inputs) or needs JS values.
        let js_only = ["internal_error", "not_serializable", "non_finite_number", "too_deep"];
        let missing: Vec<&str> =
            kyc_preflight::rules().map(|r| r.id).filter(|id| !rules.contains(*id) && !js_only.contains(id)).collect();
        assert!(missing.is_empty(), "rules no corpus entry fires: {missing:?}");
    }

    /// Rebuilds the corpus from the calls recorded in `KP_GOLDEN_RECORD` (scripts/golden.mjs).
    #[test]
    #[ignore = "writes tests/golden/reports.jsonl: run by `UPDATE_SNAPSHOTS=1 npm test`"]
    fn write_corpus() {
        let dir = PathBuf::from(std::env::var_os("KP_GOLDEN_RECORD").expect("KP_GOLDEN_RECORD: the recorded calls"));
        let recorded = recorded_calls(&dir);
        assert!(recorded.len() > 500, "only {} calls recorded in {}", recorded.len(), dir.display());
        let mut calls: BTreeSet<Call> = recorded.iter().cloned().collect();
        for seed in variant_seeds(&recorded) {
            calls.extend(variants(&seed).into_iter().filter(|c| c.request.len() <= MAX_TEXT));
        }
        let mut out = String::new();
        for call in &calls {
            out.push_str(&call.line());
            out.push('\n');
        }
        fs::create_dir_all(Path::new(CORPUS).parent().unwrap()).unwrap();
        fs::write(CORPUS, out).unwrap();
        eprintln!(
            "golden corpus: {} entries ({} recorded, {} generated)",
            calls.len(),
            recorded.len(),
            calls.len() - recorded.len()
        );
    }

    fn recorded_calls(dir: &Path) -> BTreeSet<Call> {
        let mut calls = BTreeSet::new();
        let mut files: Vec<PathBuf> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            for line in fs::read_to_string(&file).unwrap().lines() {
                let Ok(raw) = serde_json::from_str::<Value>(line) else { continue };
                let (Some(op), Some(request), Some(options)) =
                    (raw["op"].as_str(), raw["request"].as_str(), raw["options"].as_str())
                else {
                    continue;
                };
                calls.extend(Call::normalize(op, request, options));
            }
        }
        calls
    }

    /// What variants start from: for each operation and each set of body members (and
    /// with or without context), the first clean request (ok, no issue).
    fn variant_seeds(recorded: &BTreeSet<Call>) -> Vec<Call> {
        let mut shapes = BTreeSet::new();
        recorded
            .iter()
            .filter(|c| {
                let Some(Value::Object(body)) = body_of(c) else { return false };
                let answer: Value = serde_json::from_str(&c.answer()).unwrap();
                let with_context = c.options.contains("\"context\"");
                answer["ok"] == true
                    && answer["issues"] == json!([])
                    && shapes.insert((c.op.clone(), with_context, body.keys().cloned().collect::<Vec<_>>()))
            })
            .cloned()
            .collect()
    }

    fn body_of(call: &Call) -> Option<Value> {
        let request: Value = serde_json::from_str(&call.request).ok()?;
        serde_json::from_str(request["bodyText"].as_str()?).ok()
    }

    fn with_body(call: &Call, body: &Value) -> Call {
        let mut request: Value = serde_json::from_str(&call.request).unwrap();
        request["bodyText"] = Value::String(body.to_string());
        Call { request: request.to_string(), ..call.clone() }
    }

    /// Values of the wrong kind, and the near misses users send.
    fn replacements(value: &Value) -> Vec<Value> {
        let mut out =
            vec![json!(null), json!(0), json!(-1.5), json!(true), json!(""), json!("  "), json!([]), json!({})];
        if let Value::String(s) = value {
            out.extend([
                json!(s.to_uppercase()),
                json!(s.to_lowercase()),
                json!(format!(" {s} ")),
                json!(format!("{s}\u{0}")),
                json!(s.chars().take(8).collect::<String>().repeat(40)),
                json!(format!("{s}\u{200b}")),
            ]);
        }
        if let Value::Array(items) = value {
            out.push(Value::Array(items.iter().chain(items).cloned().collect()));
            out.push(json!([null, 1, "x"]));
        }
        out
    }

    /// Each member of the body (and of the first item of each array of objects) removed
    /// or replaced; the whole request with headers removed; and two option variants.
    fn variants(seed: &Call) -> Vec<Call> {
        let Some(Value::Object(body)) = body_of(seed) else { return Vec::new() };
        let mut out = Vec::new();
        for (key, value) in &body {
            let mut without = body.clone();
            without.remove(key);
            out.push(with_body(seed, &Value::Object(without)));
            for replacement in replacements(value) {
                let mut changed = body.clone();
                changed.insert(key.clone(), replacement);
                out.push(with_body(seed, &Value::Object(changed)));
            }
            if let Some(Value::Object(item)) = value.as_array().and_then(|items| items.first()) {
                for (inner, inner_value) in item {
                    for replacement in replacements(inner_value).into_iter().take(4) {
                        let mut changed = body.clone();
                        changed[key][0][inner] = replacement;
                        out.push(with_body(seed, &Value::Object(changed)));
                    }
                }
            }
        }
        let mut unknown = body.clone();
        unknown.insert("unexpected_field".to_owned(), json!(1));
        out.push(with_body(seed, &Value::Object(unknown)));
        let request: Value = serde_json::from_str(&seed.request).unwrap();
        let mut shaped = |key: &str, value: Option<Value>| {
            let mut request = request.clone();
            let map = request.as_object_mut().unwrap();
            match value {
                Some(value) => map.insert(key.to_owned(), value),
                None => map.remove(key),
            };
            out.push(Call { request: request.to_string(), ..seed.clone() });
        };
        shaped("headers", None);
        shaped("headers", Some(json!({ "X-Extra": 1 })));
        shaped("path", Some(json!(["not", "an", "object"])));
        shaped("path", None);
        let options: Value = serde_json::from_str(&seed.options).unwrap();
        // Two limits that change the report, and misuse (answered with an error, thrown in JS).
        for extra in [
            json!({ "maxIssues": 1 }),
            json!({ "maxBodyBytes": 40 }),
            json!({ "maxIssues": 0 }),
            json!({ "maxDepth": 127 }),
            json!({ "maxBodyBytes": 1.5 }),
            json!({ "severity": { "no_such_rule": "off" } }),
            json!({ "severity": { "json_syntax": "loud" } }),
        ] {
            let mut options = options.clone();
            options.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            out.push(Call { options: options.to_string(), ..seed.clone() });
        }
        out
    }
}
