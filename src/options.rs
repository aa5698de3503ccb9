//! `ValidateOptions`: the caller's context, severity overrides and limits.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

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
    max_issues: Option<f64>,
    max_depth: Option<f64>,
    max_body_bytes: Option<f64>,
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
            max_issues: bounded("maxIssues", raw.max_issues, d.max_issues, Limits::MAX_ISSUES_RANGE)?,
            max_depth: bounded("maxDepth", raw.max_depth, d.max_depth, Limits::MAX_DEPTH_RANGE)?,
            max_body_bytes: bounded(
                "maxBodyBytes",
                raw.max_body_bytes,
                d.max_body_bytes,
                Limits::MAX_BODY_BYTES_RANGE,
            )?,
        };
        let (context, context_unreadable) = match raw.context.map(|c| c.get()) {
            None => (None, false),
            Some(text) => match serde_json::from_str::<Value>(text) {
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
    given: Option<f64>,
    default: usize,
    (low, high): (usize, usize),
) -> Result<usize, PreflightError> {
    let Some(value) = given else { return Ok(default) };
    let in_range = value.fract() == 0.0 && value >= low as f64 && value <= high as f64;
    if !in_range {
        return Err(PreflightError::InvalidOptions(format!(
            "{name} must be a whole number from {low} to {high}"
        )));
    }
    // In range and whole, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(value as usize)
}
