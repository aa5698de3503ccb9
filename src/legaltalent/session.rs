//! Reading Legal Talent's Get Session Details JSON (`GET /kyc/sessions/{session_id}`)
//! as the caller passes it in `context.session`.

use super::tables::{EXPIRED, SESSION_STATUSES, STEP_STATUSES};
use crate::findings::Findings;
use crate::input::{report_context_fields, ContextField, Input};
use crate::json::{Map, Value};
use crate::path;
use crate::report::PathSegment;
use crate::rule::InputRule;
use crate::text::{did_you_mean, near_choice};

#[derive(Clone, Copy)]
pub struct Session<'a> {
    map: &'a Map,
}

impl<'a> Session<'a> {
    /// A session read leniently: fields of the wrong shape are simply absent.
    pub fn new(map: &'a Map) -> Self {
        Session { map }
    }

    /// `context.session`, with a `context_invalid` warning for each field of the wrong shape.
    pub fn read(input: &Input<'a>, f: &mut Findings<'_>) -> Option<Session<'a>> {
        let session = Session { map: input.context_object("session", f)? };
        session.report_status(f);
        let fields = [ContextField::string("final_decision"), ContextField::boolean("is_expired")];
        report_context_fields("session", session.map, &fields, f);
        session.report_steps(f);
        Some(session)
    }

    /// The current status, when it is one of the ten Legal Talent statuses.
    pub fn status(&self) -> Option<&'a str> {
        self.map.get("status")?.as_str().filter(|s| SESSION_STATUSES.contains(s))
    }

    /// The public link is unusable: the session is `expired`, or says `is_expired`.
    /// (`expires_at` is not compared: the core has no clock.)
    pub fn link_expired(&self) -> bool {
        self.status() == Some(EXPIRED) || self.map.get("is_expired").and_then(Value::as_bool) == Some(true)
    }

    /// The `step_id`s of `steps_data`, or `None` when the context has no readable step
    /// list: with one unreadable item, an unknown step could be that one.
    pub fn step_ids(&self) -> Option<Vec<&'a str>> {
        let steps = self.map.get("steps_data")?.as_array()?;
        steps.iter().map(|step| step.get("step_id")?.as_str()).collect()
    }

    fn report_status(&self, f: &mut Findings<'_>) {
        let at = || path!["context", "session", "status"];
        match self.map.get("status") {
            None | Some(Value::Null) => {}
            Some(Value::String(status)) if SESSION_STATUSES.contains(&status.as_str()) => {}
            Some(Value::String(status)) => {
                let message = "not a Legal Talent session status; rules that need it were skipped";
                let raised = f.raise(InputRule::ContextInvalid, at(), message);
                if let Some(choice) = near_choice(status, SESSION_STATUSES) {
                    raised.hint(did_you_mean(choice));
                }
            }
            Some(_) => {
                f.raise(InputRule::ContextInvalid, at(), "expected a string; rules that need it were skipped");
            }
        }
    }

    fn report_steps(&self, f: &mut Findings<'_>) {
        let steps = match self.map.get("steps_data") {
            None | Some(Value::Null) => return,
            Some(Value::Array(steps)) => steps,
            Some(_) => {
                let message = "expected an array; step rules were skipped";
                f.raise(InputRule::ContextInvalid, path!["context", "session", "steps_data"], message);
                return;
            }
        };
        for (index, step) in steps.iter().enumerate() {
            if f.is_full() {
                return;
            }
            report_step(index, step, f);
        }
    }
}

fn report_step(index: usize, step: &Value, f: &mut Findings<'_>) {
    let at = |rest: Option<&'static str>| {
        let mut at = path!["context", "session", "steps_data", index];
        at.extend(rest.map(PathSegment::from));
        at
    };
    let Some(step) = step.as_object() else {
        f.raise(InputRule::ContextInvalid, at(None), "expected an object; ignored");
        return;
    };
    if !step.get("step_id").is_some_and(Value::is_string) {
        f.raise(InputRule::ContextInvalid, at(Some("step_id")), "expected a string; this step was ignored");
    }
    match step.get("status") {
        None | Some(Value::Null) => {}
        Some(Value::String(status)) if STEP_STATUSES.contains(&status.as_str()) => {}
        Some(_) => {
            let message = "expected a step status (pending, in_progress, completed, skipped, needs_correction)";
            f.raise(InputRule::ContextInvalid, at(Some("status")), message);
        }
    }
}
