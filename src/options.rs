//! `ValidateOptions`: the caller's context, severity overrides and limits.

use serde::Deserialize;

use crate::body::mark_lone_surrogates_in;
use crate::error::PreflightError;
use crate::json::Value;
use crate::members::fields;

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
    /// The parser's nesting limit is 127 (serde_json's, kept); we stay below it so its error never shows.
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
    /// Rule id → override, sorted by id and each id once (`severity_of` searches it).
    /// Unknown ids are misuse when read from JSON.
    pub severity: Vec<(String, SeverityOverride)>,
    pub limits: Limits,
    /// Set when the context was given as text that is not JSON: reported as
    /// `context_invalid`, and context rules are skipped.
    pub context_unreadable: bool,
}

impl ValidateOptions {
    /// The caller's override for the rule `id`, if any.
    pub fn severity_of(&self, id: &str) -> Option<SeverityOverride> {
        let at = self.severity.binary_search_by(|(known, _)| known.as_str().cmp(id)).ok()?;
        self.severity.get(at).map(|(_, level)| *level)
    }

    /// Reads the options JSON of the boundary; `is_rule` tells the rule ids a severity
    /// override may name (the registry's `ValidateOptions::from_json` passes its own). A
    /// context that is not JSON (a lone surrogate, nesting past the parser's limit) is not
    /// misuse: see `context_unreadable`.
    pub fn from_json_with(text: &str, is_rule: impl Fn(&str) -> bool) -> Result<ValidateOptions, PreflightError> {
        if matches!(text.trim(), "" | "{}") {
            return Ok(ValidateOptions::default());
        }
        let invalid = |e: String| PreflightError::InvalidOptions(format!("options are not valid: {e}"));
        let names = ["context", "severity", "maxIssues", "maxDepth", "maxBodyBytes"];
        let [context, severity, max_issues, max_depth, max_body_bytes] = fields(text, &names, true).map_err(invalid)?;
        let severity = severity.map_or(Ok(Vec::new()), read_severity).map_err(invalid)?;
        if let Some((unknown, _)) = severity.iter().find(|(id, _)| !is_rule(id)) {
            return Err(PreflightError::UnknownRule(unknown.clone()));
        }
        let d = Limits::DEFAULT;
        let limits = Limits {
            max_issues: bounded("maxIssues", max_issues, d.max_issues, Limits::MAX_ISSUES_RANGE)?,
            max_depth: bounded("maxDepth", max_depth, d.max_depth, Limits::MAX_DEPTH_RANGE)?,
            max_body_bytes: bounded("maxBodyBytes", max_body_bytes, d.max_body_bytes, Limits::MAX_BODY_BYTES_RANGE)?,
        };
        let (context, context_unreadable) = match context {
            None => (None, false),
            // A lone surrogate somewhere in the context spoils only that string.
            Some(text) => {
                match crate::json::parse(text).or_else(|_| crate::json::parse(&mark_lone_surrogates_in(text))) {
                    Ok(Value::Null) => (None, false),
                    Ok(value) => (Some(value), false),
                    Err(_) => (None, true),
                }
            }
        };
        Ok(ValidateOptions { context, severity, limits, context_unreadable })
    }
}

/// `severity`: rule id → "error", "warning" or "off"; a repeated id keeps its last value.
/// Sorted by id, as a parsed JSON object's keys are.
fn read_severity(raw: &str) -> Result<Vec<(String, SeverityOverride)>, String> {
    let expected = || "`severity` must map rule ids to \"error\", \"warning\" or \"off\"".to_owned();
    let Ok(Value::Object(map)) = crate::json::parse(raw) else { return Err(expected()) };
    let mut severity = Vec::with_capacity(map.len());
    for (id, value) in map {
        let level = match value.as_str() {
            Some("error") => SeverityOverride::Error,
            Some("warning") => SeverityOverride::Warning,
            Some("off") => SeverityOverride::Off,
            _ => return Err(expected()),
        };
        severity.push((id, level));
    }
    Ok(severity)
}

/// A limit as given: any JSON, so that `null` (what JSON.stringify makes of NaN and
/// Infinity) and strings are misuse with the range in the message, not a silent default.
fn bounded(
    name: &str,
    given: Option<&str>,
    default: usize,
    (low, high): (usize, usize),
) -> Result<usize, PreflightError> {
    let Some(given) = given else { return Ok(default) };
    let whole = match crate::json::parse(given) {
        Ok(Value::Number(n)) => n.as_whole().and_then(|n| usize::try_from(n).ok()),
        _ => None,
    };
    match whole {
        Some(value) if (low..=high).contains(&value) => Ok(value),
        _ => Err(PreflightError::InvalidOptions(format!("{name} must be a whole number from {low} to {high}"))),
    }
}
