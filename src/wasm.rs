//! The WebAssembly binding: the only module that imports wasm-bindgen. Stateless
//! functions, JSON text in and out, one crossing per call; the JS layer in
//! `pkg-template/` parses the answers and throws `PreflightError` for misuse.

use wasm_bindgen::prelude::wasm_bindgen;

use crate::error::PreflightError;
use crate::json::Value;
use crate::operation::Provider;
use crate::report::js_form::{self, answers, Sent};

// Reports cross in the JS form (see `report::js_form`); api.js rebuilds the rest. The
// writer keeps a copy of the body to compare `bodyText` with: sharing the one
// wasm-bindgen passes (an owned `String`) measured no faster and grew the wasm.

#[wasm_bindgen(js_name = validate)]
pub fn validate_text(op: &str, envelope: &str, body: &str, options: &str) -> String {
    js_form::write(Sent::Body(body.into()), || crate::validate_parts_json(op, envelope, body, &[], options))
}

#[wasm_bindgen(js_name = validateBytes)]
pub fn validate_bytes(op: &str, envelope: &str, body: &[u8], options: &str) -> String {
    js_form::write(Sent::Body(body.into()), || crate::validate_parts_json(op, envelope, "", body, options))
}

#[wasm_bindgen(js_name = validateBatch)]
pub fn validate_batch(op: &str, envelopes: &str, bodies: &str, options: &str) -> String {
    js_form::write(Sent::Batch, || crate::validate_batch_json(op, envelopes, bodies, options))
}

#[wasm_bindgen(js_name = autoSelectResubmission)]
pub fn auto_select_resubmission(decision: &str) -> String {
    with_json(decision, |decision| answers::auto_selection(&crate::auto_select(&decision)))
}

#[wasm_bindgen(js_name = allowedActions)]
pub fn allowed_actions(provider: &str, context: &str) -> String {
    let Some(provider) = Provider::parse(provider) else { return PreflightError::UnknownProvider.to_json() };
    with_json(context, |context| answers::actions(&crate::allowed_actions(provider, &context)))
}

#[wasm_bindgen(js_name = canonicalStatus)]
pub fn canonical_status(provider: &str, status: &str, detail: &str) -> String {
    let Some(provider) = Provider::parse(provider) else { return PreflightError::UnknownProvider.to_json() };
    with_json(detail, |detail| answers::canonical_status(crate::canonical_status(provider, status, Some(&detail))))
}

#[wasm_bindgen(js_name = mergeVerifaMetadata)]
pub fn merge_verifa_metadata(current: &str, patch: &str) -> String {
    let parse = |text: &str| match crate::json::parse(text) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    match (parse(current), parse(patch)) {
        (Some(current), Some(patch)) => answers::map(&crate::merge_verifa_metadata(&current, &patch)),
        _ => PreflightError::InvalidArgument("current and patch must be plain objects".into()).to_json(),
    }
}

#[wasm_bindgen]
pub fn operations() -> String {
    answers::operations(crate::operations())
}

#[wasm_bindgen]
pub fn rules() -> String {
    answers::rules(crate::rules())
}

/// Test builds only: a panic, to prove the JS layer resets the instance after a trap.
#[cfg(feature = "test-trap")]
#[wasm_bindgen(js_name = __testTrap)]
#[allow(clippy::panic)]
pub fn test_trap() {
    panic!("forced trap for the reset test");
}

fn with_json(text: &str, then: impl FnOnce(Value) -> String) -> String {
    match crate::json::parse(text) {
        Ok(value) => then(value),
        Err(e) => PreflightError::InvalidArgument(format!("not JSON: {e}")).to_json(),
    }
}
