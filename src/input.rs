//! The request as a validator sees it: path parameters, headers, the parsed body and
//! the caller's context.

use crate::body::LONE_SURROGATE_MARK;
use crate::findings::Findings;
use crate::json::{Map, Value};
use crate::path;
use crate::report::PathSegment;
use crate::rule::InputRule;

/// How the body arrives from the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyInput<'a> {
    /// No body at all (`undefined`, or the key missing).
    Absent,
    /// JSON text, as it will be sent.
    Text(&'a str),
    /// Raw bytes that should be UTF-8 JSON (a service's raw request body).
    Bytes(&'a [u8]),
    /// The JS layer could not serialize the value (cycle, BigInt, throwing getter…).
    NotSerializable,
    /// The JS layer measured the text (its exact UTF-8 length) and did not send it across.
    TooLarge { bytes: usize },
    /// The JS layer found nesting past `maxDepth` where `JSON.stringify` overflowed.
    TooDeep,
}

/// A request as the Rust API takes it. `path` and `headers` are JSON objects of strings.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestInput<'a> {
    pub path: Option<Value>,
    pub headers: Option<Value>,
    pub body: BodyInput<'a>,
    /// Where the caller's body held `NaN` or `±Infinity`, as paths inside the body (JSON
    /// arrays of keys and indices): `JSON.stringify` sent `null` there. Only JS knows.
    pub non_finite: Option<Value>,
}

/// The body once read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Body<'a> {
    Absent,
    /// Not JSON, too large, too deep…: already reported; body rules are skipped.
    Unreadable,
    Json(&'a Value),
}

/// String entries of a JSON object; other entries are reported once and left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entries<'a> {
    entries: Vec<(&'a str, &'a str)>,
}

impl<'a> Entries<'a> {
    fn read(value: Option<&'a Value>, root: &'static str, f: &mut Findings<'_>) -> Option<Entries<'a>> {
        let map = match value? {
            Value::Object(map) => map,
            Value::Null => return None,
            _ => {
                f.raise(InputRule::RequestShape, path![root], format!("`{root}` must be an object of strings"));
                return None;
            }
        };
        let mut entries = Vec::with_capacity(map.len());
        for (name, value) in map {
            match value {
                Value::String(text) => {
                    if name.contains(LONE_SURROGATE_MARK) || text.contains(LONE_SURROGATE_MARK) {
                        let msg =
                            format!("a name or value of `{root}` holds a lone UTF-16 surrogate: it cannot be sent");
                        f.raise(InputRule::InvalidUnicode, path![root, name.clone()], msg);
                    }
                    entries.push((name.as_str(), text.as_str()));
                }
                _ => {
                    f.raise(
                        InputRule::RequestShape,
                        path![root, name.clone()],
                        format!("each value of `{root}` must be a string"),
                    );
                }
            }
        }
        Some(Entries { entries })
    }

    /// Exact-name lookup (path parameters).
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.entries.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// Case-insensitive lookup (header names).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.entries.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    /// The token of `Authorization: Bearer <token>`, if present and non-empty.
    pub fn bearer(&self) -> Option<&'a str> {
        let value = self.header("authorization")?;
        let (scheme, token) = value.trim().split_once(' ')?;
        let token = token.trim();
        (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.entries.iter().copied()
    }

    /// The caller's `Content-Type` (its name as written, its value without surrounding
    /// spaces and tabs, as HTTP reads it) when it is not plain JSON: the prepared request
    /// sends `application/json` instead.
    pub fn content_type_not_json(&self) -> Option<(&'a str, &'a str)> {
        let (name, value) = self.entries.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-type"))?;
        let value = value.trim_matches([' ', '\t']);
        (!crate::text::is_json_media_type(value)).then_some((*name, value))
    }
}

/// `["metadata", "k"]` (a path inside the body, as JS wrote it) → `["body", "metadata", "k"]`.
fn body_path(inner: &Value) -> Option<Vec<PathSegment>> {
    let Value::Array(segments) = inner else { return None };
    let mut at = path!["body"];
    for segment in segments {
        at.push(match segment {
            Value::String(key) => PathSegment::from(key.clone()),
            Value::Number(n) => PathSegment::from(n.as_whole().and_then(|n| usize::try_from(n).ok())?),
            _ => return None,
        });
    }
    Some(at)
}

/// Everything a validator reads.
pub struct Input<'a> {
    pub path: Entries<'a>,
    /// `None` when the caller gave no headers: header rules then do not run.
    pub headers: Option<Entries<'a>>,
    pub body: Body<'a>,
    /// The caller's context object, if given and shaped like an object.
    pub context: Option<&'a Map>,
}

impl<'a> Input<'a> {
    pub(crate) fn read(
        request: &'a RequestInput<'_>,
        body: Body<'a>,
        context: Option<&'a Value>,
        f: &mut Findings<'_>,
    ) -> Input<'a> {
        let path = Entries::read(request.path.as_ref(), "path", f).unwrap_or_default();
        let headers = Entries::read(request.headers.as_ref(), "headers", f);
        let context = match context {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) => Some(map),
            Some(_) => {
                f.raise(
                    InputRule::ContextInvalid,
                    path!["context"],
                    "the context must be an object; context rules were skipped",
                );
                None
            }
        };
        if let (Body::Json(_), Some(Value::Array(paths))) = (body, request.non_finite.as_ref()) {
            paths.iter().filter_map(body_path).for_each(|at| {
                f.raise(InputRule::NonFiniteNumber, at, "a non-finite number (NaN or ±Infinity) is sent as null");
            });
        }
        Input { path, headers, body, context }
    }

    /// An object inside the context (`decision`, `session`, `verification`): a missing
    /// key is `None`; a key of the wrong shape is a `context_invalid` warning.
    pub fn context_object(&self, key: &'static str, f: &mut Findings<'_>) -> Option<&'a Map> {
        match self.context?.get(key)? {
            Value::Object(map) => Some(map),
            Value::Null => None,
            _ => {
                f.raise(
                    InputRule::ContextInvalid,
                    path!["context", key],
                    format!("context.{key} must be an object; rules that need it were skipped"),
                );
                None
            }
        }
    }
}

/// A field of a context object (`context.session.status`…) and the JSON type it must
/// have; `null` always reads as absent.
pub struct ContextField {
    pub key: &'static str,
    /// The type in words, for the warning: "a string".
    pub expected: &'static str,
    pub has_type: fn(&Value) -> bool,
}

impl ContextField {
    pub const fn string(key: &'static str) -> Self {
        ContextField { key, expected: "a string", has_type: Value::is_string }
    }

    pub const fn boolean(key: &'static str) -> Self {
        ContextField { key, expected: "a boolean", has_type: Value::is_boolean }
    }

    pub const fn object(key: &'static str) -> Self {
        ContextField { key, expected: "an object", has_type: Value::is_object }
    }
}

/// Each operation's `content_type` rule where no server framework is known: the
/// caller's `Content-Type` is not plain JSON. A warning (inferred): the prepared request
/// sends `application/json` in its place. (Didit's server is known: its rule is DRF's 415.)
pub fn check_content_type(input: &Input<'_>, rule: impl Into<crate::rule::RuleId>, f: &mut Findings<'_>) {
    if let Some((name, _)) = input.headers.as_ref().and_then(Entries::content_type_not_json) {
        let message = "Content-Type is not application/json: the prepared request sends application/json instead";
        f.raise(rule, path!["headers", name.to_owned()], message);
    }
}

/// Warns `context_invalid` at `context.<object>.<key>` for each field of the wrong type;
/// the vendor then reads that field as absent.
pub fn report_context_fields(object: &'static str, map: &Map, fields: &[ContextField], f: &mut Findings<'_>) {
    for field in fields {
        if matches!(map.get(field.key), Some(v) if !v.is_null() && !(field.has_type)(v)) {
            let message = format!("expected {} or null; rules that need it were skipped", field.expected);
            f.raise(InputRule::ContextInvalid, path!["context", object, field.key], message);
        }
    }
}
