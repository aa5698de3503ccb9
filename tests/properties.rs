//! Property tests of the boundary contract (reliability.md, "No panics"): for every
//! operation, `validate_json` answers arbitrary JSON, arbitrary text (lone surrogate
//! escapes, deep nesting, huge numbers) and near-valid requests with a well-formed
//! report whose `ok` agrees with its issues, the same bytes every time, and no memory
//! of earlier calls. 256 cases per property keep `cargo test` quick.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

// Native only: proptest does not build for wasm32-unknown-unknown (getrandom); the
// contract is the same code on both targets, and fuzz/ covers it too. The `native_only`
// module is how npm test tells native-only tests apart when it compares native and
// wasm32 test counts.
#[cfg(not(target_arch = "wasm32"))]
mod native_only {
    use kyc_preflight::{rules, validate_json, Operation, ValidateOptions};
    use proptest::prelude::*;
    use proptest::sample::{select, Index};
    use proptest::test_runner::FileFailurePersistence;
    use serde_json::{json, Map, Value};

    const UUID: &str = "3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c";
    const REPORT_KEYS: [&str; 7] = ["effects", "issues", "ok", "operation", "request", "response", "truncated"];
    const SENTINEL: &str = "SENTINEL-1234";
    const REGRESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/proptest-regressions/properties.txt");

    // ---------------------------------------------------------------- what must hold

    /// Parses `out` as a report for `op` and checks its shape and `ok`.
    fn assert_report(op: Operation, out: &str) -> Value {
        let report: Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"));
        let map = report.as_object().unwrap_or_else(|| panic!("not an object: {out}"));
        assert_eq!(map.keys().map(String::as_str).collect::<Vec<_>>(), REPORT_KEYS, "{out}");
        assert_eq!(map["operation"], op.id(), "{out}");
        assert!(map["truncated"].is_boolean() && map["effects"].is_array(), "{out}");
        let issues = map["issues"].as_array().unwrap_or_else(|| panic!("issues: {out}"));
        for issue in issues {
            assert!(issue["rule"].is_string() && issue["message"].is_string(), "{out}");
            assert!(issue["severity"] == "error" || issue["severity"] == "warning", "{out}");
            assert!(issue["source"] == "stated" || issue["source"] == "inferred", "{out}");
            assert!(issue["path"].as_array().unwrap().iter().all(|s| s.is_string() || s.is_u64()), "{out}");
            assert!(issue.get("hint").map_or(true, Value::is_string), "{out}");
        }
        let has_error = issues.iter().any(|i| i["severity"] == "error");
        assert_eq!(map["ok"], !has_error, "ok must be true iff no issue has severity error: {out}");
        if has_error {
            assert!(map["request"].is_null() && map["effects"] == json!([]), "{out}");
        } else {
            assert!(map["request"].is_object() && map["response"].is_null(), "{out}");
        }
        report
    }

    /// Misuse (`{"error": …}`) is allowed only when the options themselves are misuse.
    fn assert_answer(op: Operation, request: &str, options: &str) -> String {
        let out = validate_json(op, request, options);
        if let Ok(parsed) = ValidateOptions::from_json(options) {
            let report = assert_report(op, &out);
            let (kept, limit) = (report["issues"].as_array().unwrap().len(), parsed.limits.max_issues);
            assert!(kept <= limit, "{kept} issues over maxIssues {limit}: {out}");
            if report["truncated"] == true {
                assert_eq!(kept, limit, "truncated before maxIssues: {out}");
            }
        } else {
            let answer: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"));
            assert!(answer["error"]["code"].is_string() && answer["error"]["message"].is_string(), "{out}");
        }
        out
    }

    /// Same input → byte-identical output; A then B equals B alone.
    fn assert_stateless(op: Operation, a: (&str, &str), b: (&str, &str)) {
        let b_alone = assert_answer(op, b.0, b.1);
        let a_first = assert_answer(op, a.0, a.1);
        assert_eq!(validate_json(op, a.0, a.1), a_first, "same input, different output");
        assert_eq!(validate_json(op, b.0, b.1), b_alone, "B after A differs from B alone");
    }

    // ---------------------------------------------------------------- generators

    fn any_op() -> impl Strategy<Value = Operation> {
        select(Operation::all())
    }

    /// Strings a validator must not stumble on: Unicode edge cases, near-miss enum
    /// values, numeric and boolean look-alikes, the PII sentinel.
    fn tricky_string() -> impl Strategy<Value = String> {
        let fixed = select(vec![
            "",
            " ",
            "\u{a0}",
            "\u{200b}",
            "\u{feff}",
            "\t\n",
            "Approved",
            " Approved",
            "approved",
            "APPROVED",
            "In Review",
            "Resubmitted",
            "KYB",
            "OCR",
            "ocr",
            "approved",
            "rejected",
            "COMPLETED",
            "NEED_REVIEW",
            "1",
            "0",
            "true",
            "yes",
            "null",
            "a@b.co",
            "a@",
            "@",
            "ses_",
            "vk_live_",
            "Bearer",
            "Bearer x",
            "2024-02-30",
            "snake",
            "😀",
            "👨‍👩‍👧",
            "🇫🇷",
            "e\u{301}",
            "\u{e9}",
            "\u{202e}abc",
            "\u{2028}\u{2029}",
            "\u{0}\u{1f}",
            "\u{ffff}",
            "\u{fffd}",
            "\\",
            "\"",
            UUID,
        ]);
        prop_oneof![
            3 => fixed.prop_map(str::to_owned),
            2 => any::<String>(),
            1 => ("[a-zA-Z_ -]{0,12}", 0usize..300).prop_map(|(s, n)| s.repeat(n)),
        ]
    }

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from), // NaN and infinities become null, as in JSON.stringify
            tricky_string().prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((tricky_string(), inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// Valid options, sometimes with a context, overrides and a small `maxIssues`.
    fn arb_options(op: Operation) -> impl Strategy<Value = Value> {
        let ids: Vec<&'static str> = rules().map(|r| r.id).collect();
        let severity = prop::collection::btree_map(select(ids), select(vec!["error", "warning", "off"]), 0..4);
        (prop::option::of(context_for(op)), severity, prop::option::of(1u32..6), prop::option::of(1u32..130)).prop_map(
            |(context, severity, max_issues, max_depth)| {
                let mut o = Map::new();
                if let Some(c) = context {
                    o.insert("context".into(), c);
                }
                if !severity.is_empty() {
                    o.insert("severity".into(), json!(severity));
                }
                if let Some(n) = max_issues {
                    o.insert("maxIssues".into(), json!(n));
                }
                if let Some(n) = max_depth.filter(|n| *n <= 126) {
                    o.insert("maxDepth".into(), json!(n));
                }
                Value::Object(o)
            },
        )
    }

    /// A context of the vendor's shape with arbitrary values, or plain garbage.
    fn context_for(op: Operation) -> impl Strategy<Value = Value> {
        let (key, fields): (&str, &[&str]) = match op.id() {
            "didit.update_session_status" | "didit.update_feature_status" => (
                "decision",
                &[
                    "status",
                    "session_type",
                    "features",
                    "id_verifications",
                    "liveness_checks",
                    "face_matches",
                    "node_id",
                ],
            ),
            "verifa.update_session" => ("session", &["status", "retention_status", "is_sandbox", "metadata"]),
            "legaltalent.update_session_status"
            | "legaltalent.request_corrections"
            | "legaltalent.process_session"
            | "legaltalent.extend_session"
            | "legaltalent.generate_link"
            | "legaltalent.run_validations" => {
                ("session", &["status", "steps_data", "final_decision", "expires_at", "is_expired"])
            }
            "anycheck.update_verification" => ("verification", &["status", "output_status", "service"]),
            other => panic!("no context fields for {other}: add them here"),
        };
        let shaped = prop::collection::vec((select(fields.to_vec()), near_value()), 0..5)
            .prop_map(move |kv| json!({ key: kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<_, _>>() }));
        prop_oneof![3 => shaped, 1 => arb_json()]
    }

    /// A value for a field: often a tricky string, sometimes any JSON, sometimes a list of
    /// item-like objects (the shapes the array fields hold).
    fn near_value() -> impl Strategy<Value = Value> {
        let item_keys =
            select(vec!["node_id", "feature", "status", "step_id", "message", "field_ids", "document_types"]);
        let item =
            prop::collection::vec((item_keys, prop_oneof![tricky_string().prop_map(Value::String), arb_json()]), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()));
        prop_oneof![
            4 => tricky_string().prop_map(Value::String),
            2 => arb_json(),
            2 => prop::collection::vec(item, 0..4).prop_map(Value::Array),
        ]
    }

    /// A valid request per operation, the fields its body knows, and its path parameters.
    fn valid_request(op: Operation) -> (Value, &'static [&'static str]) {
        match op.id() {
            "didit.update_session_status" => (
                json!({ "path": { "sessionId": UUID }, "headers": { "x-api-key": "k" },
                        "body": { "new_status": "Resubmitted", "comment": "c", "nodes_to_resubmit": [{ "node_id": "n1", "feature": "OCR" }] } }),
                &[
                    "new_status",
                    "comment",
                    "send_email",
                    "email_address",
                    "email_language",
                    "nodes_to_resubmit",
                    "email_preview_token",
                ],
            ),
            "didit.update_feature_status" => (
                json!({ "path": { "sessionId": UUID, "nodeId": "n1" }, "body": { "new_status": "Approved", "comment": "c" } }),
                &["new_status", "comment", "defer_until_flow_finishes"],
            ),
            "verifa.update_session" => (
                json!({ "path": { "session_id": "ses_abc" }, "headers": { "X-API-Key": "vk_live_k" },
                        "body": { "external_ref": "r", "metadata": { "a": "b" } } }),
                &["external_ref", "metadata"],
            ),
            "legaltalent.update_session_status" => (
                json!({ "path": { "session_id": UUID }, "body": { "status": "approved", "reason": "r" } }),
                &["status", "reason"],
            ),
            "legaltalent.request_corrections" => (
                json!({ "path": { "session_id": UUID },
                        "body": { "corrections": [{ "step_id": "s1", "field_ids": ["f"], "message": "m" }] } }),
                &["corrections"],
            ),
            // Seed 003 shows no body for these: none of its fields are known.
            "legaltalent.process_session"
            | "legaltalent.extend_session"
            | "legaltalent.generate_link"
            | "legaltalent.run_validations" => {
                (json!({ "path": { "session_id": UUID }, "headers": { "Authorization": "Bearer t" }, "body": {} }), &[])
            }
            "anycheck.update_verification" => (
                json!({ "path": { "id": UUID }, "headers": { "Authorization": "Bearer t" },
                        "body": { "verification_status": "COMPLETED", "output": {} } }),
                &["verification_status", "output", "configuration"],
            ),
            other => panic!("no valid request for {other}: add one here"),
        }
    }

    #[derive(Clone, Debug)]
    enum Mutation {
        RemoveField(Index),
        SetField(Index, Value),
        SetUnknownField(String, Value),
        SetItemField(Index, Value),
        SetPathParam(Index, Option<String>),
        SetHeaders(Value),
        ReplaceBody(Value),
        RemoveBody,
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        prop_oneof![
            any::<Index>().prop_map(Mutation::RemoveField),
            (any::<Index>(), near_value()).prop_map(|(i, v)| Mutation::SetField(i, v)),
            (tricky_string(), near_value()).prop_map(|(k, v)| Mutation::SetUnknownField(k, v)),
            (any::<Index>(), near_value()).prop_map(|(i, v)| Mutation::SetItemField(i, v)),
            (any::<Index>(), prop::option::of(tricky_string())).prop_map(|(i, v)| Mutation::SetPathParam(i, v)),
            prop_oneof![arb_json(), Just(json!({})), Just(json!({ "Authorization": "Bearer t", "x-api-key": "k" }))]
                .prop_map(Mutation::SetHeaders),
            arb_json().prop_map(Mutation::ReplaceBody),
            Just(Mutation::RemoveBody),
        ]
    }

    const ITEM_FIELDS: [&str; 6] = ["node_id", "feature", "step_id", "message", "field_ids", "document_types"];

    /// The known field `i` picks; a body-less call's body knows none, so a made-up one.
    fn pick(i: Index, fields: &[&'static str]) -> &'static str {
        fields.get(i.index(fields.len().max(1))).copied().unwrap_or("extra")
    }

    fn apply(request: &mut Value, fields: &[&'static str], m: Mutation) {
        match m {
            Mutation::RemoveField(i) => {
                if let Some(b) = request["body"].as_object_mut() {
                    b.remove(pick(i, fields));
                }
            }
            Mutation::SetField(i, v) => {
                if let Some(b) = request["body"].as_object_mut() {
                    b.insert(pick(i, fields).to_owned(), v);
                }
            }
            Mutation::SetUnknownField(k, v) => {
                if let Some(b) = request["body"].as_object_mut() {
                    b.insert(k, v);
                }
            }
            Mutation::SetItemField(i, v) => {
                let list = request["body"].as_object_mut().and_then(|b| {
                    b.values_mut()
                        .find_map(|v| v.as_array_mut().and_then(|a| a.first_mut()).and_then(Value::as_object_mut))
                });
                if let Some(item) = list {
                    item.insert((*i.get(&ITEM_FIELDS)).to_owned(), v);
                }
            }
            Mutation::SetPathParam(i, v) => {
                let path = request["path"].as_object_mut().unwrap();
                let names: Vec<String> = path.keys().cloned().collect();
                let Some(name) = (!names.is_empty()).then(|| i.get(&names).clone()) else { return };
                match v {
                    Some(v) => path.insert(name, Value::String(v)),
                    None => path.remove(&name),
                };
            }
            Mutation::SetHeaders(h) => request["headers"] = h,
            Mutation::ReplaceBody(b) => request["body"] = b,
            Mutation::RemoveBody => {
                request.as_object_mut().unwrap().remove("body");
            }
        }
    }

    fn near_valid(op: Operation) -> impl Strategy<Value = Value> {
        prop::collection::vec(mutation(), 0..5).prop_map(move |mutations| {
            let (mut request, fields) = valid_request(op);
            for m in mutations {
                apply(&mut request, fields, m);
            }
            request
        })
    }

    /// JSON-ish text built from the fragments that hurt parsers: lone and paired surrogate
    /// escapes, huge and tiny numbers, unbalanced brackets, raw control characters.
    fn hazard_text() -> impl Strategy<Value = String> {
        let fragment = select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\udc00\\ud800\"",
            "\"\\ud83d\\ude00\"",
            "\\ud800",
            "\\u",
            "\\",
            "1e400",
            "-1e400",
            "1e-400",
            "123456789012345678901234567890",
            "-0",
            "9007199254740993",
            "NaN",
            "Infinity",
            "null",
            "true",
            "\"new_status\"",
            "\"Approved\"",
            "\"status\"",
            "\"corrections\"",
            "\"metadata\"",
            " ",
            "\u{0}",
            "\u{2028}",
            "\"\u{1}\"",
            "\u{feff}",
        ]);
        prop::collection::vec(fragment, 0..24).prop_map(|parts| parts.concat())
    }

    /// A valid body with one field replaced by `depth` nested containers.
    fn deep_body(op: Operation, depth: usize, arrays: bool, field: Index) -> String {
        let (request, fields) = valid_request(op);
        let (open, close) = if arrays { ("[", "]") } else { ("{\"k\":", "}") };
        let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        let mut body = request["body"].as_object().unwrap().clone();
        let name = pick(field, fields);
        body.insert(name.to_owned(), json!("@@"));
        Value::Object(body).to_string().replace("\"@@\"", &nested)
    }

    /// A failing case's seed is saved to tests/proptest-regressions/properties.txt (committed)
    /// and replayed first on every later run, so a rare failure is never lost to a new seed.
    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: 256,
            failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
            ..ProptestConfig::default()
        }
    }

    // ---------------------------------------------------------------- the properties

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn arbitrary_json_requests_get_a_report(op in any_op(), request in arb_json(), body in arb_json(), options in any_op().prop_flat_map(arb_options)) {
            let options = options.to_string();
            let whole = request.to_string();
            let as_body = json!({ "body": body }).to_string();
            assert_stateless(op, (&whole, &options), (&as_body, &options));
        }

        #[test]
        fn arbitrary_text_gets_a_report_or_misuse_for_bad_options(op in any_op(), request in any::<String>(), options in prop_oneof![any::<String>(), Just(String::new()), Just("{}".to_owned())], other in any::<String>()) {
            assert_stateless(op, (&request, &options), (&other, "{}"));
            let as_text = json!({ "bodyText": request }).to_string();
            assert_report(op, &validate_json(op, &as_text, "{}"));
        }

        #[test]
        fn hazardous_json_text_gets_a_report(op in any_op(), text in hazard_text(), options in any_op().prop_flat_map(arb_options)) {
            let options = options.to_string();
            let as_text = json!({ "bodyText": text }).to_string();
            // The same text spliced in raw, where it is the request JSON's own syntax.
            let raw = format!("{{\"path\":{{}},\"body\":{text}}}");
            assert_stateless(op, (&as_text, &options), (&raw, &options));
            assert_answer(op, &text, &options);
        }

        #[test]
        fn deep_nesting_gets_a_depth_issue_or_a_report(op in any_op(), depth in prop_oneof![0usize..140, 60usize..70, 120usize..135, Just(5_000usize)], arrays in any::<bool>(), field in any::<Index>(), max_depth in prop::option::of(1u32..=126)) {
            let options = max_depth.map_or_else(|| json!({}), |n| json!({ "maxDepth": n }));
            let limit = max_depth.map_or(64, |n| n as usize);
            let text = deep_body(op, depth, arrays, field);
            let request = json!({ "path": valid_request(op).0["path"], "bodyText": text }).to_string();
            let report = assert_report(op, &validate_json(op, &request, &options.to_string()));
            // The body object is depth 1, so the field's containers sit one deeper.
            let too_deep = report["issues"].as_array().unwrap().iter().any(|i| i["rule"] == "too_deep");
            prop_assert_eq!(too_deep, depth >= limit, "depth {} limit {}: {}", depth, limit, report);
        }

        #[test]
        fn near_valid_requests_get_a_report(op in any_op(), a in any_op().prop_flat_map(near_valid), b in any_op().prop_flat_map(near_valid), options in any_op().prop_flat_map(arb_options)) {
            let options = options.to_string();
            assert_stateless(op, (&a.to_string(), &options), (&b.to_string(), &options));
            // Empty options text means no options.
            assert_report(op, &validate_json(op, &b.to_string(), ""));
        }

        #[test]
        fn near_valid_requests_for_their_own_operation(op in any_op(), mutations in prop::collection::vec(mutation(), 0..5), options in any_op().prop_flat_map(arb_options), sentinel_field in any::<Index>()) {
            let (mut request, fields) = valid_request(op);
            for m in mutations {
                apply(&mut request, fields, m);
            }
            let options = options.to_string();
            let first = assert_answer(op, &request.to_string(), &options);
            prop_assert_eq!(validate_json(op, &request.to_string(), &options), first);
            // The sentinel in a field's value never reaches a message, hint or path.
            if let Some(body) = request["body"].as_object_mut() {
                body.insert(pick(sentinel_field, fields).to_owned(), json!(format!("x{SENTINEL}x")));
            }
            let report = assert_report(op, &validate_json(op, &request.to_string(), &options));
            for issue in report["issues"].as_array().unwrap() {
                let shown = format!("{} {} {}", issue["message"], issue["hint"], issue["path"]);
                prop_assert!(!shown.contains(SENTINEL), "{}", issue);
            }
        }
    }
}
