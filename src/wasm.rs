//! The WebAssembly binding: the only module that imports wasm-bindgen. Stateless
//! functions, one crossing per call. Reports cross as text (the hot path, written by
//! hand: `report::js_form`); the other answers cross as JS values made by
//! serde-wasm-bindgen from the core's own serde types. Misuse answers
//! `{"error": {code, message}}` as JSON text; the JS layer in `pkg-template/` throws
//! `PreflightError` for it.

use serde::Serialize;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

use crate::error::PreflightError;
use crate::json::Value;
use crate::operation::Provider;

// A single call sends the options, the envelope and a text body as one string (see
// `boundary::validate_call`): one copy into wasm memory instead of three. A valid
// request answers in the compact form, the rest in the JS form (`report::js_form`).

#[wasm_bindgen(js_name = validate)]
pub fn validate_text(op: &str, call: &str) -> String {
    #[cfg(feature = "test-trap")]
    trap::check(&[op.as_bytes(), call.as_bytes()]);
    crate::boundary::validate_call(op, call, &[])
}

/// A `Uint8Array` body (a service's raw request bytes), copied out of the JS array once;
/// `call` is the options and the envelope.
#[wasm_bindgen(js_name = validateBytes)]
pub fn validate_bytes(op: &str, call: &str, body: &js_sys::Uint8Array) -> String {
    let body = body.to_vec();
    #[cfg(feature = "test-trap")]
    trap::check(&[op.as_bytes(), call.as_bytes(), &body]);
    crate::boundary::validate_call(op, call, &body)
}

#[wasm_bindgen(js_name = validateBatch)]
pub fn validate_batch(op: &str, envelopes: &str, bodies: &str, bytes: &[u8], options: &str) -> String {
    #[cfg(feature = "test-trap")]
    trap::check(&[op.as_bytes(), envelopes.as_bytes(), bodies.as_bytes(), bytes, options.as_bytes()]);
    crate::boundary::validate_batch_call(op, envelopes, bodies, bytes, options)
}

#[wasm_bindgen(js_name = autoSelectResubmission)]
pub fn auto_select_resubmission(decision: &str) -> JsValue {
    #[cfg(feature = "test-trap")]
    trap::check(&[decision.as_bytes()]);
    with_json(decision, |decision| to_js(&crate::auto_select(&decision)))
}

#[wasm_bindgen(js_name = allowedActions)]
pub fn allowed_actions(provider: &str, context: &str) -> JsValue {
    #[cfg(feature = "test-trap")]
    trap::check(&[provider.as_bytes(), context.as_bytes()]);
    let Some(provider) = Provider::parse(provider) else { return misuse(&Provider::unknown()) };
    with_json(context, |context| to_js(&crate::allowed_actions(provider, &context)))
}

#[wasm_bindgen(js_name = canonicalStatus)]
pub fn canonical_status(provider: &str, status: &str, detail: &str) -> JsValue {
    #[cfg(feature = "test-trap")]
    trap::check(&[provider.as_bytes(), status.as_bytes(), detail.as_bytes()]);
    let Some(provider) = Provider::parse(provider) else { return misuse(&Provider::unknown()) };
    with_json(detail, |detail| to_js(&crate::canonical_status(provider, status, Some(&detail))))
}

/// Metadata is caller data with numbers as written: it crosses as JSON text, which the
/// wasm writes without a float formatter.
#[wasm_bindgen(js_name = mergeVerifaMetadata)]
pub fn merge_verifa_metadata(current: &str, patch: &str) -> String {
    #[cfg(feature = "test-trap")]
    trap::check(&[current.as_bytes(), patch.as_bytes()]);
    let parse = |text: &str| match crate::json::parse(text) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    match (parse(current), parse(patch)) {
        (Some(current), Some(patch)) => {
            let mut out = String::new();
            crate::json::write_map(&mut out, &crate::merge_verifa_metadata(&current, &patch));
            out
        }
        _ => PreflightError::InvalidArgument("current and patch must be plain objects".into()).to_json(),
    }
}

#[wasm_bindgen]
pub fn operations() -> JsValue {
    #[cfg(feature = "test-trap")]
    trap::check(&[]);
    to_js(&crate::operations().collect::<Vec<_>>())
}

#[wasm_bindgen]
pub fn vendors() -> JsValue {
    #[cfg(feature = "test-trap")]
    trap::check(&[]);
    to_js(&crate::vendors().collect::<Vec<_>>())
}

#[wasm_bindgen]
pub fn rules() -> JsValue {
    #[cfg(feature = "test-trap")]
    trap::check(&[]);
    to_js(&crate::rules().collect::<Vec<_>>())
}

/// Test builds only: a panic, to prove the JS layer resets the instance after a trap.
/// It poisons the instance like the sentinel does (see `trap`).
#[cfg(feature = "test-trap")]
#[wasm_bindgen(js_name = __testTrap)]
pub fn test_trap() {
    trap::check(&[trap::SENTINEL]);
}

/// Test builds only (cargo feature `test-trap`): a wasm trap on demand inside every
/// exported function, to prove the JS layer's recovery (`guarded` in api.js) for each.
/// An input holding [`SENTINEL`](trap::SENTINEL) makes the call panic (with
/// panic=abort, a trap) before it does anything else, and poisons the instance: from then
/// on every call traps, as a corrupted instance might. Only a new instance
/// (`__wbg_reset_state`, fresh memory and so fresh statics) answers again, so a call that
/// succeeds after a trap proves the instance was replaced. The release build has none of
/// this: every call site is itself `#[cfg(feature = "test-trap")]`.
#[cfg(feature = "test-trap")]
mod trap {
    use core::sync::atomic::{AtomicBool, Ordering};

    /// Also in tests/js/instrumented.mjs and tests/js/trap.test.mjs.
    pub const SENTINEL: &[u8] = b"__kyc_preflight_test_trap__";

    static POISONED: AtomicBool = AtomicBool::new(false);

    /// Traps when any input holds the sentinel, or when an earlier call trapped.
    #[allow(clippy::panic)]
    pub fn check(inputs: &[&[u8]]) {
        let hit = inputs.iter().any(|input| input.windows(SENTINEL.len()).any(|window| window == SENTINEL));
        if hit || POISONED.load(Ordering::Relaxed) {
            POISONED.store(true, Ordering::Relaxed);
            panic!("test-trap: forced trap; this instance stays poisoned until it is reset");
        }
    }
}

fn with_json(text: &str, then: impl FnOnce(Value) -> JsValue) -> JsValue {
    match crate::json::parse(text) {
        Ok(value) => then(value),
        Err(e) => misuse(&PreflightError::InvalidArgument(format!("not JSON: {e}"))),
    }
}

/// A plain JS value (objects, not `Map`s; `None` as `null`), as `JSON.parse` would give.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|e| misuse(&PreflightError::InvalidArgument(e.to_string())))
}

fn misuse(error: &PreflightError) -> JsValue {
    JsValue::from_str(&error.to_json())
}
