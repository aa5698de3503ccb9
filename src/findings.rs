//! Collects issues as a validator raises them, applies severity overrides and
//! `maxIssues`, and keeps the vendor's first answer in server order.

use std::borrow::Cow;

use crate::json::{Map, Value};
use crate::options::{SeverityOverride, ValidateOptions};
use crate::order::sort_stable;
use crate::path;
use crate::report::{Issue, PathSegment, PredictedResponse, Severity};
use crate::rule::RuleId;

/// Where in the vendor's request handling a check sits. The predicted response is the
/// one from the earliest stage with an error; within a stage, the first one raised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// The URL router, before the API code runs.
    Route,
    Auth,
    /// Checks against the stored session before the body is read.
    Session,
    /// Looking up a sub-resource named in the path.
    Lookup,
    /// Parsing the body and validating each field.
    Body,
    /// Object-level body checks, which a server runs only once every field is valid.
    Object,
    /// Checks that need a valid body and the stored state.
    Logic,
}

pub struct Findings<'o> {
    options: &'o ValidateOptions,
    issues: Vec<Issue>,
    truncated: bool,
    has_error: bool,
    /// True once an error is among the kept issues.
    kept_error: bool,
    response: Option<(Stage, PredictedResponse)>,
}

/// A raised issue, to add a hint to and to ask whether it counts as an error.
pub struct Raised<'a> {
    issue: Option<&'a mut Issue>,
    error: bool,
}

impl Raised<'_> {
    /// Adds a hint; like messages, hints never hold a field's value.
    pub fn hint<'h>(self, hint: impl Into<Cow<'h, str>>) -> Self {
        self.set_hint(hint.into())
    }

    fn set_hint(self, hint: Cow<'_, str>) -> Self {
        if let Some(issue) = self.issue {
            issue.hint = Some(hint.into_owned());
            return Raised { issue: Some(issue), error: self.error };
        }
        self
    }

    /// True when the issue counts as an error after the caller's overrides.
    pub fn is_error(&self) -> bool {
        self.error
    }
}

impl<'o> Findings<'o> {
    pub fn new(options: &'o ValidateOptions) -> Self {
        Self { options, issues: Vec::new(), truncated: false, has_error: false, kept_error: false, response: None }
    }

    pub fn context(&self) -> Option<&'o Value> {
        self.options.context.as_ref()
    }

    /// Raises `rule` at its default severity.
    pub fn raise<'m>(
        &mut self,
        rule: impl Into<RuleId>,
        path: Vec<PathSegment>,
        message: impl Into<Cow<'m, str>>,
    ) -> Raised<'_> {
        let rule = rule.into();
        self.keep(rule, rule.info().severity, path, message.into())
    }

    /// Raises `rule` at a severity chosen for this instance (e.g. a coercible value).
    pub fn raise_as<'m>(
        &mut self,
        rule: impl Into<RuleId>,
        default: Severity,
        path: Vec<PathSegment>,
        message: impl Into<Cow<'m, str>>,
    ) -> Raised<'_> {
        self.keep(rule.into(), default, path, message.into())
    }

    /// `raise` and `raise_as` without generics: one copy in the wasm.
    fn keep(&mut self, rule: RuleId, default: Severity, path: Vec<PathSegment>, message: Cow<'_, str>) -> Raised<'_> {
        let severity = match self.options.severity_of(rule.id()) {
            Some(SeverityOverride::Off) => return Raised { issue: None, error: false },
            Some(SeverityOverride::Error) => Severity::Error,
            Some(SeverityOverride::Warning) => Severity::Warning,
            None => default,
        };
        let error = severity == Severity::Error;
        self.has_error |= error;
        if self.issues.len() >= self.options.limits.max_issues {
            self.truncated = true;
            // `ok` is false iff a kept issue is an error, so the first error takes the
            // place of the latest warning (all kept issues are warnings until then).
            if !error || self.kept_error {
                return Raised { issue: None, error };
            }
            self.issues.pop();
        }
        self.kept_error |= error;
        let (message, source) = (message.into_owned(), rule.info().source);
        self.issues.push(Issue { rule, severity, path, message, source, hint: None });
        Raised { issue: self.issues.last_mut(), error }
    }

    /// Records what the vendor answers for an error at `stage`; the earliest stage wins.
    pub fn respond(&mut self, stage: Stage, status: u16, body: Value) {
        match &self.response {
            Some((first, _)) if *first <= stage => {}
            _ => self.response = Some((stage, PredictedResponse { status, body })),
        }
    }

    /// Raises `rule` at each key of `body` that `known` does not take, with the hint
    /// `hint` gives for it (an alias or a near spelling); the vendor's own rule and
    /// message, one loop for all. True when one of them counts as an error.
    pub fn raise_unknown_fields(
        &mut self,
        rule: impl Into<RuleId>,
        body: &Map,
        known: impl Fn(&str) -> bool,
        hint: impl Fn(&str) -> Option<String>,
        message: &str,
    ) -> bool {
        let rule = rule.into();
        let mut any_error = false;
        for key in body.keys().filter(|key| !known(key)) {
            let raised = self.raise(rule, path!["body", key.clone()], message);
            let raised = match hint(key) {
                Some(hint) => raised.hint(hint),
                None => raised,
            };
            any_error |= raised.is_error();
        }
        any_error
    }

    /// True once an error (after overrides) has been raised.
    pub fn has_error(&self) -> bool {
        self.has_error
    }

    /// True when no more issues will be kept: long arrays may stop early.
    pub fn is_full(&self) -> bool {
        self.truncated
    }

    pub(crate) fn finish(self) -> (bool, Vec<Issue>, bool, Option<PredictedResponse>) {
        // A stable sort: same path and rule keep the order they were raised in.
        let issues = sort_stable(self.issues, |a, b| a.path.cmp(&b.path).then_with(|| a.rule.id().cmp(b.rule.id())));
        let response = if self.has_error { self.response.map(|(_, r)| r) } else { None };
        (!self.has_error, issues, self.truncated, response)
    }
}
