//! JSON text in, JSON text out: the contract the WebAssembly binding calls, and that
//! tests and fuzzers drive natively. Its JS half is pkg-template/src/wire.js, which
//! writes the envelope read here. Misuse answers `{"error": {"code", "message"}}`;
//! everything else answers a report.

use crate::body::mark_lone_surrogates_in;
use crate::error::PreflightError;
use crate::input::{BodyInput, RequestInput};
use crate::json::{Map, Value};
use crate::members::{array_items, fields};
use crate::operation::Operation;
use crate::options::ValidateOptions;
use crate::report::Report;
use crate::validate;

/// `RequestInput` as JSON: path and headers (raw JSON, read apart), the body as a JSON
/// value (`null` is a body too; only a missing key means no body) or as text in
/// `bodyText`, and `nonFinite`: paths inside the body where the caller's value was `NaN`
/// or `±Infinity` before `JSON.stringify` wrote `null` (the JS layer's finding).
struct RequestJson<'a> {
    path: Option<&'a str>,
    headers: Option<&'a str>,
    body: Option<&'a str>,
    body_text: Option<String>,
    non_finite: Option<Value>,
}

impl<'a> RequestJson<'a> {
    fn read(text: &'a str) -> Result<Self, String> {
        let [path, headers, body, body_text, non_finite] =
            fields(text, &["path", "headers", "body", "bodyText", "nonFinite"], false)?;
        let non_finite = non_finite.and_then(|raw| crate::json::parse(raw).ok());
        let body_text = match body_text.map(crate::json::parse) {
            None | Some(Ok(Value::Null)) => None,
            Some(Ok(Value::String(text))) => Some(text),
            Some(_) => return Err("bodyText must be a string".to_owned()),
        };
        Ok(RequestJson { path, headers, body, body_text, non_finite })
    }
}

/// The binding's envelope: path and headers (raw JSON, read apart), and what became of
/// the body in JS. These JSON texts are read without serde's derived code, which is large
/// in the wasm.
#[derive(Debug, PartialEq)]
struct Envelope {
    path: Option<Value>,
    headers: Option<Value>,
    body_kind: BodyKind,
    body_bytes: usize,
    /// Paths inside the body where JS found `NaN` or `±Infinity` (sent as `null`).
    non_finite: Option<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum BodyKind {
    Absent,
    Text,
    Bytes,
    NotSerializable,
    TooLarge,
    TooDeep,
}

impl BodyKind {
    fn parse(name: Option<&str>) -> Option<Self> {
        Some(match name? {
            "absent" => Self::Absent,
            "text" => Self::Text,
            "bytes" => Self::Bytes,
            "not_serializable" => Self::NotSerializable,
            "too_large" => Self::TooLarge,
            "too_deep" => Self::TooDeep,
            _ => return None,
        })
    }
}

/// `validate` with JSON text in and out.
pub fn validate_json(op: Operation, request_json: &str, options_json: &str) -> String {
    let options = match ValidateOptions::from_json(options_json) {
        Ok(options) => options,
        Err(e) => return e.to_json(),
    };
    let report = match RequestJson::read(request_json) {
        Ok(request) => {
            let body = match (&request.body_text, request.body) {
                (Some(text), _) => BodyInput::Text(text),
                (None, Some(raw)) => BodyInput::Text(raw),
                (None, None) => BodyInput::Absent,
            };
            let (path, headers) = (entries(request.path), entries(request.headers));
            let input = RequestInput { path, headers, body, non_finite: request.non_finite };
            validate(op, &input, &options)
        }
        // Not misuse: the request itself is bad data, judged as an unreadable body.
        Err(_) => validate(
            op,
            &RequestInput { path: None, headers: None, body: BodyInput::Text(request_json), non_finite: None },
            &options,
        ),
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
    match Envelope::read(envelope) {
        Ok(envelope) => to_json(&validate(op, &envelope.request(text, bytes), &options)),
        Err(e) => PreflightError::InvalidArgument(format!("bad envelope: {e}")).to_json(),
    }
}

/// Many requests, one crossing: `envelopes` is a JSON array; the text bodies are joined by
/// NUL (which valid JSON text never holds raw) in the order they appear, and the byte
/// bodies end to end in `bytes`, each as long as its envelope's `bodyBytes`.
pub fn validate_batch_json(op: &str, envelopes: &str, bodies: &str, bytes: &[u8], options_json: &str) -> String {
    let Some(op) = Operation::parse(op) else { return PreflightError::UnknownOperation.to_json() };
    let options = match ValidateOptions::from_json(options_json) {
        Ok(options) => options,
        Err(e) => return e.to_json(),
    };
    let envelopes: Result<Vec<Envelope>, String> =
        array_items(envelopes).and_then(|items| items.into_iter().map(Envelope::read).collect());
    let envelopes = match envelopes {
        Ok(list) => list,
        Err(e) => return PreflightError::InvalidArgument(format!("bad envelopes: {e}")).to_json(),
    };
    let mut texts = bodies.split('\0');
    let mut rest = bytes;
    let mut out = String::from("[");
    for (i, envelope) in envelopes.into_iter().enumerate() {
        let (text, body) = match envelope.body_kind {
            BodyKind::Text => (texts.next().unwrap_or_default(), &[][..]),
            BodyKind::Bytes => {
                let (body, after) = rest.split_at(envelope.body_bytes.min(rest.len()));
                rest = after;
                ("", body)
            }
            _ => ("", &[][..]),
        };
        if i > 0 {
            out.push(',');
        }
        out.push_str(&to_json(&validate(op, &envelope.request(text, body), &options)));
    }
    out.push(']');
    out
}

impl Envelope {
    fn read(text: &str) -> Result<Self, String> {
        // JS writes each member once and path and headers as JSON.stringify does: one
        // parse reads it all. Lone surrogates (which that parse refuses) take the long way.
        match crate::json::parse(text) {
            Ok(Value::Object(map)) => Self::from_object(map),
            _ => Self::from_members(text),
        }
    }

    fn from_object(mut map: Map) -> Result<Self, String> {
        let mut take = |name: &str| map.get_mut(name).map(std::mem::take);
        let (path, headers, kind, bytes) = (take("path"), take("headers"), take("bodyKind"), take("bodyBytes"));
        let non_finite = take("nonFinite");
        let body_kind = match kind {
            None => BodyKind::Absent,
            Some(name) => BodyKind::parse(name.as_str()).ok_or("unknown bodyKind")?,
        };
        let body_bytes = bytes.map_or(Ok(0), |n| whole_bytes(&n))?;
        Ok(Envelope { path, headers, body_kind, body_bytes, non_finite })
    }

    /// Member by member, each raw value read on its own terms (see `entries`).
    fn from_members(text: &str) -> Result<Self, String> {
        let [path, headers, body_kind, body_bytes, non_finite] =
            fields(text, &["path", "headers", "bodyKind", "bodyBytes", "nonFinite"], false)?;
        let value = |raw: Option<&str>| raw.and_then(|raw| crate::json::parse(raw).ok());
        let body_kind = match body_kind {
            None => BodyKind::Absent,
            given => BodyKind::parse(value(given).as_ref().and_then(Value::as_str)).ok_or("unknown bodyKind")?,
        };
        let body_bytes = match value(body_bytes) {
            None if body_bytes.is_none() => 0,
            given => whole_bytes(&given.unwrap_or_default())?,
        };
        let non_finite = value(non_finite);
        Ok(Envelope { path: entries(path), headers: entries(headers), body_kind, body_bytes, non_finite })
    }

    fn request<'b>(self, text: &'b str, bytes: &'b [u8]) -> RequestInput<'b> {
        let body = match self.body_kind {
            BodyKind::Absent => BodyInput::Absent,
            BodyKind::Text => BodyInput::Text(text),
            BodyKind::Bytes => BodyInput::Bytes(bytes),
            BodyKind::NotSerializable => BodyInput::NotSerializable,
            BodyKind::TooLarge => BodyInput::TooLarge { bytes: self.body_bytes },
            BodyKind::TooDeep => BodyInput::TooDeep,
        };
        RequestInput { path: self.path, headers: self.headers, body, non_finite: self.non_finite }
    }
}

fn whole_bytes(value: &Value) -> Result<usize, String> {
    match value {
        Value::Number(n) => n.as_whole().and_then(|n| usize::try_from(n).ok()),
        _ => None,
    }
    .ok_or_else(|| "bodyBytes must be a whole number of bytes".to_owned())
}

/// `path` or `headers`, read apart from the rest so that a lone surrogate escape (which
/// JSON.stringify writes) is marked and reported, not a parse error. A value the parser
/// still refuses (nesting past its limit) stands in as `false`: a `request_shape` issue.
fn entries(raw: Option<&str>) -> Option<Value> {
    Some(crate::json::parse(&mark_lone_surrogates_in(raw?)).unwrap_or(Value::Bool(false)))
}

/// The JS form inside a wasm call (see `report::js_form`), else the full derived form.
fn to_json(report: &Report) -> String {
    #[cfg(feature = "wasm")]
    let text =
        crate::report::js_form::text(report).unwrap_or_else(|| crate::report::js_form::text_outside_a_call(report));
    #[cfg(not(feature = "wasm"))]
    let text = serde_json::to_string(report)
        .unwrap_or_else(|e| PreflightError::InvalidArgument(format!("report: {e}")).to_json());
    text
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    // Also run on wasm32 by `npm test` (wasm-bindgen-test-runner, in Node).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The one-parse reader and the member-by-member one read an envelope alike.
    #[test]
    fn both_envelope_readers_agree() {
        let envelopes = [
            r#"{"path":{"sessionId":"s"},"headers":{"x-api-key":"k"},"bodyKind":"text"}"#,
            r#"{"bodyKind":"too_large","bodyBytes":2000000}"#,
            r#"{"bodyKind":"too_large","bodyBytes":2e6}"#,
            r#"{"bodyKind":"absent"}"#,
            "{}",
            r#"{"path":null,"headers":null,"bodyKind":"bytes","extra":1}"#,
            r#"{"path":[1],"headers":{"a":1},"bodyKind":"not_serializable"}"#,
            r#"{"bodyKind":null}"#,
            r#"{"bodyKind":"nope"}"#,
            r#"{"bodyKind":"too_deep","bodyBytes":1.5}"#,
            r#"{"bodyBytes":null}"#,
        ];
        for text in envelopes {
            let map = crate::json::parse(text).unwrap().as_object().unwrap().clone();
            assert_eq!(Envelope::from_object(map), Envelope::from_members(text), "{text}");
        }
        // A lone surrogate in the headers: only the member-by-member reader can read it.
        let lone = r#"{"headers":{"x-note":"\ud800"},"bodyKind":"text"}"#;
        assert!(crate::json::parse(lone).is_err());
        let envelope = Envelope::read(lone).unwrap();
        assert_eq!(envelope.headers.unwrap().get("x-note").and_then(Value::as_str), Some("\u{FFFF}"));
    }
}
