//! `ValidateOptions`: the caller's context, severity overrides and limits.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::body::mark_lone_surrogates_in;
use crate::error::PreflightError;
use crate::rule::find_rule;

/// A per-rule severity override.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum SeverityOverride {
    Error,
    Warning,
    Off,
}

/// The bounds every report stays within. Each is configurable within a safe range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_issues: usize,
    /// Container nesting of the body; the body object itself is depth 1.
    pub max_depth: usize,
    /// UTF-8 bytes of the body's JSON text.
    pub max_body_bytes: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits { max_issues: 100, max_depth: 64, max_body_bytes: 1 << 20 };
    pub const MAX_ISSUES_RANGE: (usize, usize) = (1, 100_000);
    /// serde_json's own recursion limit is 128; we stay below it so its error never shows.
    pub const MAX_DEPTH_RANGE: (usize, usize) = (1, 126);
    pub const MAX_BODY_BYTES_RANGE: (usize, usize) = (2, 16 << 20);
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Options as the caller gives them (`ValidateOptions` in the TypeScript API).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidateOptions {
    /// What the caller already fetched from the vendor (see api.md, "Context").
    pub context: Option<Value>,
    /// Rule id → override. Unknown ids are misuse when read from JSON.
    pub severity: BTreeMap<String, SeverityOverride>,
    pub limits: Limits,
    /// Set when the context was given as text that is not JSON: reported as
    /// `context_invalid`, and context rules are skipped.
    pub context_unreadable: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OptionsJson<'a> {
    #[serde(borrow, default)]
    context: Option<&'a serde_json::value::RawValue>,
    #[serde(default)]
    severity: BTreeMap<String, SeverityOverride>,
    /// Any JSON, so that `null` (what JSON.stringify makes of NaN and Infinity) and
    /// strings are misuse with the range in the message, not a silent default.
    #[serde(default, deserialize_with = "present")]
    max_issues: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    max_depth: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    max_body_bytes: Option<Value>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl ValidateOptions {
    /// Reads the options JSON of the boundary. A context that is not JSON (a lone
    /// surrogate, nesting past serde_json's limit) is not misuse: see `context_unreadable`.
    pub fn from_json(text: &str) -> Result<ValidateOptions, PreflightError> {
        let text = if text.trim().is_empty() { "{}" } else { text };
        let raw: OptionsJson<'_> = serde_json::from_str(text)
            .map_err(|e| PreflightError::InvalidOptions(format!("options are not valid: {e}")))?;
        if let Some(unknown) = raw.severity.keys().find(|id| find_rule(id).is_none()) {
            return Err(PreflightError::UnknownRule(unknown.clone()));
        }
        let d = Limits::DEFAULT;
        let limits = Limits {
            max_issues: bounded("maxIssues", raw.max_issues.as_ref(), d.max_issues, Limits::MAX_ISSUES_RANGE)?,
            max_depth: bounded("maxDepth", raw.max_depth.as_ref(), d.max_depth, Limits::MAX_DEPTH_RANGE)?,
            max_body_bytes: bounded(
                "maxBodyBytes",
                raw.max_body_bytes.as_ref(),
                d.max_body_bytes,
                Limits::MAX_BODY_BYTES_RANGE,
            )?,
        };
        let (context, context_unreadable) = match raw.context.map(|c| c.get()) {
            None => (None, false),
            // A lone surrogate somewhere in the context spoils only that string.
            Some(text) => match serde_json::from_str::<Value>(text)
                .or_else(|_| serde_json::from_str::<Value>(&mark_lone_surrogates_in(text)))
            {
                Ok(Value::Null) => (None, false),
                Ok(value) => (Some(value), false),
                Err(_) => (None, true),
            },
        };
        Ok(ValidateOptions { context, severity: raw.severity, limits, context_unreadable })
    }
}

fn bounded(
    name: &'static str,
    given: Option<&Value>,
    default: usize,
    (low, high): (usize, usize),
) -> Result<usize, PreflightError> {
    let Some(given) = given else { return Ok(default) };
    let value = given.as_f64().unwrap_or(f64::NAN);
    let in_range = value.fract() == 0.0 && value >= low as f64 && value <= high as f64;
    if !in_range {
        return Err(PreflightError::InvalidOptions(format!("{name} must be a whole number from {low} to {high}")));
    }
    // In range and whole, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(value as usize)
}
