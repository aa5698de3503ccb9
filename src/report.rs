//! What a validation answers: the report, its issues, the predicted vendor response,
//! the prepared request and the effects of the call.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

use crate::canonical::CanonicalStatus;
use crate::json::Value;
use crate::operation::{Method, Operation};
use crate::rule::RuleId;

pub(crate) mod js_form;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub const fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// `stated`: the vendor's documentation says so. `inferred`: our reading of silent or
/// contradictory docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Stated,
    Inferred,
}

impl Source {
    pub const fn name(self) -> &'static str {
        match self {
            Self::Stated => "stated",
            Self::Inferred => "inferred",
        }
    }
}

/// One step of a path from the `RequestInput` root: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum PathSegment {
    Key(#[cfg_attr(feature = "wasm", tsify(type = "string"))] Cow<'static, str>),
    Index(usize),
}

impl From<&'static str> for PathSegment {
    fn from(key: &'static str) -> Self {
        Self::Key(Cow::Borrowed(key))
    }
}

impl From<String> for PathSegment {
    fn from(key: String) -> Self {
        Self::Key(Cow::Owned(key))
    }
}

impl From<usize> for PathSegment {
    fn from(index: usize) -> Self {
        Self::Index(index)
    }
}

/// `path!["body", "nodes_to_resubmit", 0, "feature"]`
#[macro_export]
macro_rules! path {
    ($($segment:expr),* $(,)?) => {
        vec![$($crate::report::PathSegment::from($segment)),*]
    };
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(type_params = "Op extends Operation = Operation"))]
pub struct Issue {
    // Written as its id from the rule table, not through each rule set's derived code
    // (a plain comment: doc comments reach the published .d.ts). In TypeScript, the rule
    // ids of the operation `Op` (`RuleOf`, pkg-template/src/api.d.ts).
    #[serde(serialize_with = "rule_id")]
    #[cfg_attr(feature = "wasm", tsify(type = "RuleOf<Op>"))]
    pub rule: RuleId,
    pub severity: Severity,
    pub path: Vec<PathSegment>,
    /// Human text. Never echoes a field's value.
    pub message: String,
    pub source: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub hint: Option<String>,
}

fn rule_id<S: Serializer>(rule: &RuleId, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(rule.id())
}

/// What the vendor would answer: its status code and, where documented, its exact JSON
/// body (`null` when the vendor's body is not JSON or not documented).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct PredictedResponse {
    pub status: u16,
    #[cfg_attr(feature = "wasm", tsify(type = "unknown"))]
    pub body: Value,
}

/// The request to send, when the report is ok.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PreparedRequest {
    pub method: Method,
    /// The path template filled and percent-encoded; the vendor's trailing slash kept.
    pub path: String,
    /// `Content-Type` plus the caller's own headers; never an invented secret.
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, string>"))]
    pub headers: Headers,
    /// The normalized body: aliases resolved, repeats dropped, defaults not added.
    #[cfg_attr(feature = "wasm", tsify(type = "unknown"))]
    pub body: Value,
    /// The exact JSON text to send: the caller's own text when nothing was normalized.
    pub body_text: String,
}

/// Header names and values, sorted by name; a JSON object on the wire. A sorted `Vec`,
/// not a `BTreeMap`: the map's code is several KB of wasm for a handful of entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers(pub Vec<(String, String)>);

impl Serialize for Headers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// One Didit workflow step to resubmit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ResubmitNode {
    pub node_id: String,
    pub feature: String,
}

/// What an accepted call will change, in the vendor's own words where it has them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    Webhook {
        event: &'static str,
    },
    ReviewEntry,
    StepsReset {
        nodes: Vec<ResubmitNode>,
    },
    Status {
        to: String,
    },
    AmlMonitoringDisabled,
    AmlMonitoringEnabled,
    Email,
    FeatureStatus {
        node_id: String,
        to: String,
    },
    MetadataMerged {
        #[cfg_attr(feature = "wasm", tsify(type = "Record<string, unknown>"))]
        result: crate::json::Map,
    },
    ExternalRef {
        #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
        to: Value,
    },
    ComplianceStatus {
        to: CanonicalStatus,
    },
    StepStatus {
        step_id: String,
        to: &'static str,
    },
    FinalDecisionCleared,
    LinkStaysValid,
    /// Processing stores the session's `processing_results` (Legal Talent).
    ProcessingResults,
    /// Processing sets the session's `final_decision` (Legal Talent; its value is the
    /// vendor's to compute).
    FinalDecisionSet,
    /// The public link stays the same and its expiry moves later (Legal Talent's extend).
    LinkExtended,
    /// A new public link replaces the old one, which stops working (Legal Talent).
    LinkReplaced,
    OutputReplaced {
        note: &'static str,
    },
}

/// What a validation answers: every issue found and, when ok, the request to send, else
/// the vendor's predicted answer. In TypeScript, the fields every report has: `Report<Op>`
/// narrows them by `ok` (`OkReport<Op>`, `RefusedReport<Op>`).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "ReportFields", type_params = "Op extends Operation = Operation")
)]
pub struct Report {
    /// True iff no issue has severity `error`.
    pub ok: bool,
    #[cfg_attr(feature = "wasm", tsify(type = "Op"))]
    pub operation: Operation,
    /// Every issue found, sorted by path, then rule id.
    #[cfg_attr(feature = "wasm", tsify(type = "Issue<Op>[]"))]
    pub issues: Vec<Issue>,
    /// True when more than `maxIssues` issues were found and the rest were left out.
    pub truncated: bool,
    /// When not ok: what the vendor would answer first (null if no answer is known).
    pub response: Option<PredictedResponse>,
    /// When ok: the request to send.
    pub request: Option<PreparedRequest>,
    /// When ok: what the call will change.
    pub effects: Vec<Effect>,
}

/// The full form, derived: what native callers and `validate_json` get. It lists
/// `Report`'s fields again (serde's remote derive); `js_form` destructures `Report`
/// exhaustively, so a new field fails to compile there until both are updated.
#[derive(Serialize)]
#[serde(remote = "Report")]
struct FullReport {
    ok: bool,
    operation: Operation,
    issues: Vec<Issue>,
    truncated: bool,
    response: Option<PredictedResponse>,
    request: Option<PreparedRequest>,
    effects: Vec<Effect>,
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A wasm build's reports only ever cross to JS: leaving the derived form
        // unreachable there takes its code out of the wasm (−1.6 KB gzip).
        match cfg!(feature = "wasm") {
            true => js_form::emit(serializer, &js_form::text_outside_a_call(self)),
            false => FullReport::serialize(self, serializer),
        }
    }
}
