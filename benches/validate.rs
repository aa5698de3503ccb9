//! The native core over the benchmark's request suite (bench/suite.json, written from
//! bench/suite.mjs): `validate_call` exactly as the wasm binding calls it (options,
//! envelope and body in one string; the compact answer for a valid request), so the
//! figures here are the core's share of a JS call, at opt-level 3 instead of the wasm's
//! "z". Divan's allocation profiler counts allocations per request. `npm run bench`
//! prints these beside the JS figures.
//!
//!     cargo bench --bench validate [-- FILTER]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt;
use std::sync::OnceLock;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

struct Case {
    id: String,
    op: String,
    valid: bool,
    /// What crosses: options, envelope lines and body, newline-separated.
    call: String,
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

fn suite() -> &'static [Case] {
    static SUITE: OnceLock<Vec<Case>> = OnceLock::new();
    SUITE.get_or_init(|| {
        let wire: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../bench/suite.json")).expect("bench/suite.json");
        let field = |case: &serde_json::Value, name: &str| case[name].as_str().expect(name).to_owned();
        let cases: Vec<Case> = wire
            .iter()
            .map(|case| Case {
                id: field(case, "id"),
                op: field(case, "op"),
                valid: case["valid"].as_bool().expect("valid"),
                call: field(case, "call"),
            })
            .collect();
        for case in &cases {
            let answer = validate(case);
            assert_eq!(answer.starts_with('+'), case.valid, "{} is not judged as labelled: {answer}", case.id);
        }
        cases
    })
}

fn validate(case: &Case) -> String {
    kyc_preflight::validate_call(&case.op, &case.call, &[])
}

/// One request: options, envelope and body read, rules run, answer written.
#[divan::bench(args = suite(), sample_count = 200, sample_size = 50)]
fn request(bencher: divan::Bencher, case: &Case) {
    bencher.bench(|| validate(divan::black_box(case)));
}

/// The issue's yardstick: a tiny valid Didit request (a 50-byte body).
#[divan::bench(sample_count = 200, sample_size = 50)]
fn tiny_didit(bencher: divan::Bencher) {
    // Options, then the envelope's lines (kind, size, non-finite paths, path, headers),
    // then the body.
    let call = concat!(
        "{}\ntext\n\n\n",
        r#"{"sessionId":"11111111-2222-4333-8444-555555555555"}"#,
        "\n\n",
        r#"{"new_status":"Approved","comment":"looks good"}"#
    );
    assert!(kyc_preflight::validate_call("didit.update_session_status", call, &[]).starts_with('+'));
    bencher.bench(|| kyc_preflight::validate_call("didit.update_session_status", divan::black_box(call), &[]));
}

fn main() {
    divan::main();
}
