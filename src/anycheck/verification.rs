//! Reading AnyCheck's verification JSON as the caller passes it in
//! `context.verification`: `status`, `output_status` and `service`.

use super::tables::{OUTPUT_STATUSES, STATUSES};
use crate::findings::Findings;
use crate::input::Input;
use crate::json::{Map, Value};
use crate::path;
use crate::rule::InputRule;
use crate::text::{did_you_mean, near_choice};

/// What the rules read of the stored verification: its status, `None` when absent or
/// not one of the vendor's statuses. `output_status` and `service` are only checked for
/// shape: no rule of this operation depends on them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Verification<'a> {
    pub status: Option<&'a str>,
}

impl<'a> Verification<'a> {
    /// The known fields of `map`, without reporting anything (for `allowed_actions`).
    pub fn new(map: &'a Map) -> Self {
        Verification { status: map.get("status").and_then(Value::as_str).filter(|s| STATUSES.contains(s)) }
    }

    /// `context.verification`, with a `context_invalid` warning for each field of the
    /// wrong type or outside the vendor's enum; such a field is skipped.
    pub fn read(input: &Input<'a>, f: &mut Findings<'_>) -> Option<Self> {
        let map = input.context_object("verification", f)?;
        report_enum(map, "status", STATUSES, f);
        report_enum(map, "output_status", OUTPUT_STATUSES, f);
        // `service` is `{id, name}` in the vendor's JSON; an id string is accepted too.
        if matches!(map.get("service"), Some(v) if !(v.is_object() || v.is_string() || v.is_null())) {
            f.raise(
                InputRule::ContextInvalid,
                path!["context", "verification", "service"],
                "expected an object (or a service id string); ignored",
            );
        }
        Some(Self::new(map))
    }
}

fn report_enum(map: &Map, key: &'static str, choices: &[&str], f: &mut Findings<'_>) {
    let at = || path!["context", "verification", key];
    match map.get(key) {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if choices.contains(&s.as_str()) => {}
        Some(Value::String(s)) => {
            let message = format!("not an AnyCheck {key} value (enum matching is case-sensitive); ignored");
            let raised = f.raise(InputRule::ContextInvalid, at(), message);
            if let Some(choice) = near_choice(s, choices) {
                raised.hint(did_you_mean(choice));
            }
        }
        Some(_) => {
            f.raise(InputRule::ContextInvalid, at(), "expected a string; ignored");
        }
    }
}
