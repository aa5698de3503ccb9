//! JSON text in, JSON text out: the contract the WebAssembly binding calls, and that
//! tests and fuzzers drive natively. Misuse answers `{"error": {"code", "message"}}`;
//! everything else answers a report.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::body::mark_lone_surrogates_in;
use crate::error::PreflightError;
use crate::input::{BodyInput, RequestInput};
use crate::operation::Operation;
use crate::options::ValidateOptions;
use crate::report::Report;
use crate::validate;

/// `RequestInput` as JSON: the body as a JSON value, or as text in `bodyText`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RequestJson<'a> {
    /// Raw, so a lone surrogate escape in them is read (and reported), not a parse error.
    #[serde(borrow, default)]
    path: Option<&'a RawValue>,
    #[serde(borrow, default)]
    headers: Option<&'a RawValue>,
    /// `null` is a body too (JSON `null`); only a missing key means no body.
    #[serde(borrow, default, deserialize_with = "present")]
    body: Option<&'a RawValue>,
    #[serde(default)]
    body_text: Option<String>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(d).map(Some)
}

/// The binding's envelope: path and headers, and what became of the body in JS.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    #[serde(borrow, default)]
    path: Option<&'a RawValue>,
    #[serde(borrow, default)]
    headers: Option<&'a RawValue>,
    #[serde(default)]
    body_kind: BodyKind,
    #[serde(default)]
    body_bytes: usize,
}

#[derive(Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
enum BodyKind {
    #[default]
    Absent,
    Text,
    Bytes,
    NotSerializable,
    TooLarge,
    TooDeep,
}

/// `validate` with JSON text in and out.
pub fn validate_json(op: Operation, request_json: &str, options_json: &str) -> String {
    let options = match ValidateOptions::from_json(options_json) {
        Ok(options) => options,
        Err(e) => return e.to_json(),
    };
    let report = match serde_json::from_str::<RequestJson<'_>>(request_json) {
        Ok(request) => {
            let body = match (&request.body_text, request.body) {
                (Some(text), _) => BodyInput::Text(text),
                (None, Some(raw)) => BodyInput::Text(raw.get()),
                (None, None) => BodyInput::Absent,
            };
            let input = RequestInput { path: entries(request.path), headers: entries(request.headers), body };
            validate(op, &input, &options)
        }
        // Not misuse: the request itself is bad data, judged as an unreadable body.
        Err(_) => {
            validate(op, &RequestInput { path: None, headers: None, body: BodyInput::Text(request_json) }, &options)
        }
    };
    to_json(&report)
}

/// The binding's single-request call: one crossing, the body passed beside the envelope.
pub fn validate_parts_json(op: &str, envelope: &str, text: &str, bytes: &[u8], options_json: &str) -> String {
    let Some(op) = Operation::parse(op) else { return PreflightError::UnknownOperation.to_json() };
    let options = match ValidateOptions::from_json(options_json) {
        Ok(options) => options,
        Err(e) => return e.to_json(),
    };
    match serde_json::from_str::<Envelope<'_>>(envelope) {
        Ok(envelope) => to_json(&validate(op, &envelope.request(text, bytes), &options)),
        Err(e) => PreflightError::InvalidArgument(format!("bad envelope: {e}")).to_json(),
    }
}

/// Many requests, one crossing: `envelopes` is a JSON array, and the text bodies are
/// joined by NUL (which valid JSON text never holds raw) in the order they appear.
pub fn validate_batch_json(op: &str, envelopes: &str, bodies: &str, options_json: &str) -> String {
    let Some(op) = Operation::parse(op) else { return PreflightError::UnknownOperation.to_json() };
    let options = match ValidateOptions::from_json(options_json) {
        Ok(options) => options,
        Err(e) => return e.to_json(),
    };
    let envelopes: Vec<Envelope<'_>> = match serde_json::from_str(envelopes) {
        Ok(list) => list,
        Err(e) => return PreflightError::InvalidArgument(format!("bad envelopes: {e}")).to_json(),
    };
    let mut texts = bodies.split('\0');
    let mut out = String::from("[");
    for (i, envelope) in envelopes.iter().enumerate() {
        let text = match envelope.body_kind {
            BodyKind::Text => texts.next().unwrap_or_default(),
            _ => "",
        };
        if i > 0 {
            out.push(',');
        }
        out.push_str(&to_json(&validate(op, &envelope.request(text, &[]), &options)));
    }
    out.push(']');
    out
}

impl Envelope<'_> {
    fn request<'a>(&self, text: &'a str, bytes: &'a [u8]) -> RequestInput<'a> {
        let body = match self.body_kind {
            BodyKind::Absent => BodyInput::Absent,
            BodyKind::Text => BodyInput::Text(text),
            BodyKind::Bytes => BodyInput::Bytes(bytes),
            BodyKind::NotSerializable => BodyInput::NotSerializable,
            BodyKind::TooLarge => BodyInput::TooLarge { bytes: self.body_bytes },
            BodyKind::TooDeep => BodyInput::TooDeep,
        };
        RequestInput { path: entries(self.path), headers: entries(self.headers), body }
    }
}

/// `path` or `headers`, read apart from the rest so that a lone surrogate escape (which
/// JSON.stringify writes) is marked and reported, not a parse error. A value serde_json
/// still refuses (nesting past its limit) stands in as `false`: a `request_shape` issue.
fn entries(raw: Option<&RawValue>) -> Option<Value> {
    Some(serde_json::from_str(&mark_lone_surrogates_in(raw?.get())).unwrap_or(Value::Bool(false)))
}

fn to_json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_else(|e| PreflightError::InvalidArgument(format!("report: {e}")).to_json())
}
