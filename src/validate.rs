//! One request judged against one operation: read the body and the request, run the
//! operation's validator (its vendor's, reached through the `Operation` handle), and
//! turn the findings into a report with the request to send.

use crate::body;
use crate::findings::Findings;
use crate::input::{self, Body, BodyInput, Input, RequestInput};
use crate::json::{self, Value};
use crate::operation::Operation;
use crate::options::ValidateOptions;
use crate::order;
use crate::path;
use crate::report::{Headers, PreparedRequest, Report};
use crate::rule;
use crate::text;

/// Validates one request against one operation.
pub fn validate(op: Operation, request: &RequestInput<'_>, options: &ValidateOptions) -> Report {
    let mut f = Findings::new(options);
    let spec = op.spec();
    let parsed = body::read_body(request.body, &options.limits, spec.unreadable_body_status, &mut f);
    let body = match (&parsed, request.body) {
        (Some(parsed), _) => Body::Json(&parsed.value),
        (None, BodyInput::Absent) => Body::Absent,
        (None, _) => Body::Unreadable,
    };
    if options.context_unreadable {
        f.raise(
            rule::InputRule::ContextInvalid,
            path!["context"],
            "the context is not valid JSON; context rules were skipped",
        );
    }
    let input = Input::read(request, body, options.context.as_ref(), &mut f);
    let outcome = (spec.validate)(&input, &mut f);
    let path = fill_path(op, &input);
    let headers = (!f.has_error()).then(|| sent_headers(input.headers.as_ref()));
    let (ok, issues, truncated, response) = f.finish();
    let request = if ok { Some(prepare(op, path, headers, parsed, outcome.body)) } else { None };
    let effects = if ok { outcome.effects } else { Vec::new() };
    Report { ok, operation: op, issues, truncated, response, request, effects }
}

fn fill_path(op: Operation, input: &Input<'_>) -> String {
    let template = op.info().path_template;
    // Room for the template and one UUID-sized parameter, percent-encoded.
    let mut path = String::with_capacity(template.len().saturating_add(64));
    // The template alternates literal text and `{name}` parameters.
    let mut rest = template;
    while let Some((literal, after)) = rest.split_once('{') {
        path.push_str(literal);
        let (name, after) = after.split_once('}').unwrap_or((after, ""));
        if let Some(value) = input.path.get(name) {
            text::push_path_segment(&mut path, value);
        }
        rest = after;
    }
    path.push_str(rest);
    path
}

/// The caller's headers (names are unique: they were the keys of one JSON object).
fn sent_headers(caller: Option<&input::Entries<'_>>) -> Vec<(String, String)> {
    // One more for the Content-Type that `prepare` may add.
    let mut headers = Vec::with_capacity(caller.map_or(0, |h| h.iter().count()).saturating_add(1));
    headers.extend(caller.iter().flat_map(|h| h.iter()).map(|(name, value)| (name.to_owned(), value.to_owned())));
    headers
}

fn prepare(
    op: Operation,
    path: String,
    caller_headers: Option<Vec<(String, String)>>,
    parsed: Option<body::ParsedBody<'_>>,
    normalized: Option<Value>,
) -> PreparedRequest {
    let mut headers = caller_headers.unwrap_or_else(|| Vec::with_capacity(1));
    // The body is JSON: a caller's Content-Type that says otherwise (its operation's
    // `content_type` issue) is not sent.
    headers.retain(|(name, value)| {
        !name.eq_ignore_ascii_case("content-type") || text::is_json_media_type(value.trim_matches([' ', '\t']))
    });
    if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type")) {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    let headers = Headers(order::sort_stable(headers, |a, b| a.0.cmp(&b.0)));
    let (body, body_text) = match (normalized, parsed) {
        (Some(value), _) => {
            let mut text = String::new();
            json::write_value(&mut text, &value);
            (value, text)
        }
        (None, Some(parsed)) => (parsed.value, parsed.text.into_owned()),
        (None, None) => (Value::Null, String::new()),
    };
    PreparedRequest { method: op.info().method, path, headers, body, body_text }
}
