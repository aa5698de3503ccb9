//! Text in, text out: the contract the WebAssembly binding calls (`validate_call`,
//! `validate_batch_call`: an envelope of lines beside the body, answers in the compact or
//! JS form) and the JSON one that tests and fuzzers drive natively (`validate_json`).
//! The binding's JS half is pkg-template/src/wire.js, which writes the envelope read
//! here. Misuse answers `{"error": {"code", "message"}}`; everything else a report.

use crate::body::mark_lone_surrogates_in;
use crate::error::PreflightError;
use crate::input::{BodyInput, RequestInput};
use crate::json::Value;
use crate::members::fields;
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

/// The binding's envelope: what became of the body in JS, and the request's path and
/// headers. wire.js (`envelopeOf`) writes it as five lines, none holding a raw newline:
/// the body's kind; its size in bytes where that matters, else empty; the paths of
/// `NaN` and `±Infinity` in the body as JSON, else empty; the path and the headers as
/// JSON, each empty when absent. Nothing here is parsed but the JSON.
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
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
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
            let (path, headers) = (request.path.and_then(entries), request.headers.and_then(entries));
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

/// The binding's single-request call, one crossing: `call` is the options JSON, the
/// envelope's five lines (see [`Envelope`]) and the text body, newline-separated (only
/// the body may hold a raw newline); a byte body rides apart in `bytes`. A valid request
/// answers in the compact form (see `report::js_form::answer`), the rest as JSON text.
pub fn validate_call(op: &str, call: &str, bytes: &[u8]) -> String {
    let mut lines = call.splitn(Envelope::LINES.saturating_add(2), '\n');
    let options = lines.next().unwrap_or_default();
    let judged = prepare(op, options).and_then(|(op, options)| {
        let envelope = Envelope::read(&mut lines)?;
        let text = lines.next().unwrap_or_default();
        let report = validate(op, &envelope.request(text, bytes), &options);
        Ok(crate::report::js_form::answer(&report, if bytes.is_empty() { text.as_bytes() } else { bytes }))
    });
    judged.unwrap_or_else(|misuse| misuse.to_json())
}

/// Many requests, one crossing: `envelopes` holds each request's envelope lines, end to
/// end; the text bodies are joined by NUL (which valid JSON text never holds raw) in the
/// order they appear, and the byte bodies end to end in `bytes`, each as long as its
/// envelope's size. Each report is in a single call's form (see
/// `report::js_form::batch_answer`), separated by U+001E.
pub fn validate_batch_call(op: &str, envelopes: &str, bodies: &str, bytes: &[u8], options: &str) -> String {
    let judged = prepare(op, options).and_then(|(op, options)| {
        let mut lines = envelopes.split('\n').peekable();
        let mut read = Vec::new();
        while !envelopes.is_empty() && lines.peek().is_some() {
            read.push(Envelope::read(&mut lines)?);
        }
        let mut separator = [0; 4];
        let separator = crate::report::js_form::BATCH_SEPARATOR.encode_utf8(&mut separator);
        let (mut texts, mut rest) = (bodies.split('\0'), bytes);
        let mut out = String::new();
        for (i, envelope) in read.into_iter().enumerate() {
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
                out.push_str(separator);
            }
            out.push_str(&crate::report::js_form::batch_answer(&validate(op, &envelope.request(text, body), &options)));
        }
        Ok(out)
    });
    judged.unwrap_or_else(|misuse| misuse.to_json())
}

fn prepare(op: &str, options: &str) -> Result<(Operation, ValidateOptions), PreflightError> {
    let op = Operation::parse(op).ok_or(PreflightError::UnknownOperation)?;
    Ok((op, ValidateOptions::from_json(options)?))
}

impl Envelope {
    const LINES: usize = 5;

    fn read<'t>(lines: &mut impl Iterator<Item = &'t str>) -> Result<Self, PreflightError> {
        let bad = |why: &str| PreflightError::InvalidArgument(format!("bad envelope: {why}"));
        let mut next = || lines.next().ok_or_else(|| bad("it is cut short"));
        let body_kind = BodyKind::parse(next()?).ok_or_else(|| bad("unknown body kind"))?;
        let body_bytes = match next()? {
            "" => 0,
            size => size.parse().map_err(|_| bad("the body size must be a whole number of bytes"))?,
        };
        let non_finite = Some(next()?).filter(|raw| !raw.is_empty()).and_then(|raw| crate::json::parse(raw).ok());
        let (path, headers) = (entries(next()?), entries(next()?));
        Ok(Envelope { path, headers, body_kind, body_bytes, non_finite })
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

/// `path` or `headers` (empty: absent). A lone surrogate escape (which JSON.stringify
/// writes and the parser refuses) is marked and reported, not a parse error; a value the
/// parser still refuses (nesting past its limit) stands in as `false`: a `request_shape`
/// issue.
fn entries(raw: &str) -> Option<Value> {
    if raw.is_empty() {
        return None;
    }
    let value = crate::json::parse(raw).or_else(|_| crate::json::parse(&mark_lone_surrogates_in(raw)));
    Some(value.unwrap_or(Value::Bool(false)))
}

/// The JS form in a wasm build (see `report::js_form`), else the full derived form.
fn to_json(report: &Report) -> String {
    #[cfg(feature = "wasm")]
    let text = crate::report::js_form::text_outside_a_call(report);
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

    fn read(text: &str) -> Result<Envelope, PreflightError> {
        Envelope::read(&mut text.split('\n'))
    }

    #[test]
    fn the_envelope_lines_read_as_written() {
        let envelope = read("text\n\n[[\"n\"]]\n{\"sessionId\":\"s\"}\n{\"x-api-key\":\"k\"}").unwrap();
        assert_eq!(envelope.body_kind, BodyKind::Text);
        assert_eq!(envelope.path.unwrap().get("sessionId").and_then(Value::as_str), Some("s"));
        assert_eq!(envelope.headers.unwrap().get("x-api-key").and_then(Value::as_str), Some("k"));
        assert_eq!(envelope.non_finite, Some(crate::json::parse(r#"[["n"]]"#).unwrap()));
        let envelope = read("too_large\n2000000\n\n\n").unwrap();
        assert_eq!(
            (envelope.body_kind, envelope.body_bytes, envelope.path, envelope.headers),
            (BodyKind::TooLarge, 2_000_000, None, None)
        );
        // A path that is not JSON at all stands in as `false`: a request_shape issue.
        assert_eq!(read("absent\n\n\n{\n").unwrap().path, Some(Value::Bool(false)));
    }

    #[test]
    fn a_bad_envelope_is_misuse() {
        for text in ["nope\n\n\n\n", "too_deep\n1.5\n\n\n", "too_large\n-1\n\n\n", "text\n\n", ""] {
            let error = read(text).unwrap_err().to_json();
            assert!(error.contains("bad envelope"), "{text:?}: {error}");
        }
    }

    /// A lone surrogate escape, which JSON.stringify writes, is marked, not refused.
    #[test]
    fn lone_surrogates_in_the_headers_are_marked() {
        let envelope = read("text\n\n\n\n{\"x-note\":\"\\ud800\"}").unwrap();
        assert_eq!(envelope.headers.unwrap().get("x-note").and_then(Value::as_str), Some("\u{FFFF}"));
    }
}
