//! The rest of seed 003's reviewer workflow: `legaltalent.process_session`,
//! `legaltalent.extend_session`, `legaltalent.generate_link` and
//! `legaltalent.run_validations`, each a `POST /kyc/sessions/{session_id}/…`.
//!
//! The seed states their paths, methods, Bearer authentication, the session statuses and
//! the status codes (400, 401, 403, 404); it shows no request body. So every call here
//! is judged as body-less: no body, or `{}`, is clean; any member is ignored (a warning),
//! and a body that is not an object is a warning too (no document says how the server
//! answers one). Server order (inferred), as for the corrections call: route,
//! authentication, the stored session, then the body.
//!
//! What each one changes follows the seed's words: processing produces the session's
//! `processing_results` and its `final_decision` (the lifecycle: completed → processing
//! → processed); extending keeps the public link usable; generating a link replaces it.
//! The seed says nothing of what running validations changes: its report lists no effect.

use super::answers;
use super::session::Session;
use super::tables::{self, PROCESSABLE_FROM, PROCESSED};
use super::{body_object, check_auth, check_session_id};
use super::{
    LegaltalentExtendRule as Extend, LegaltalentGenerateLinkRule as Generate, LegaltalentProcessRule as Process,
    LegaltalentValidationsRule as Validations,
};
use crate::canonical::CanonicalStatus;
use crate::findings::{Findings, Stage};
use crate::input::Input;
use crate::json::Map;
use crate::operation::Outcome;
use crate::path;
use crate::report::Effect;
use crate::rule::RuleId;

/// The rules every body-less call has, each its own operation's.
struct Common {
    auth_missing: RuleId,
    session_id_format: RuleId,
    content_type: RuleId,
    body_type: RuleId,
    unknown_field: RuleId,
}

/// Route, authentication, `Content-Type` and the (absent) body; the session as the
/// context gives it, for the call's own state rules.
fn read_call<'a>(input: &Input<'a>, rules: &Common, f: &mut Findings<'_>) -> Option<Session<'a>> {
    check_session_id(input, rules.session_id_format, f);
    check_auth(input, rules.auth_missing, f);
    crate::input::check_content_type(input, rules.content_type, f);
    let session = Session::read(input, f);
    let empty = Map::new();
    if let Some(body) = body_object(input.body, &empty, rules.body_type, f) {
        let message = "the seed shows no body for this call: Legal Talent is expected to ignore this field";
        f.raise_unknown_fields(rules.unknown_field, body, |_| false, |_| None, message);
    }
    session
}

pub fn process_session(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    let rules = Common {
        auth_missing: Process::AuthMissing.into(),
        session_id_format: Process::SessionIdFormat.into(),
        content_type: Process::ContentType.into(),
        body_type: Process::BodyType.into(),
        unknown_field: Process::UnknownField.into(),
    };
    let session = read_call(input, &rules, f);
    if let Some(status) = session.as_ref().and_then(Session::status) {
        check_processable(status, f);
    }
    let effects = vec![
        Effect::Status { to: PROCESSED.to_owned() },
        Effect::ComplianceStatus { to: CanonicalStatus::Completed },
        Effect::ProcessingResults,
        Effect::FinalDecisionSet,
    ];
    Outcome { body: None, effects }
}

/// "Process a completed session" (seed 003): a session the customer has not completed
/// (draft, active) is refused; any other status than `completed` is a warning.
fn check_processable(status: &str, f: &mut Findings<'_>) {
    let at = || path!["context", "session", "status"];
    let raised = if tables::NOT_SUBMITTED.contains(&status) {
        let message = format!(
            "the session is {status}: the customer has not completed it, and Legal Talent processes a completed session"
        );
        f.raise(Process::NotSubmitted, at(), message).is_error()
    } else if !PROCESSABLE_FROM.contains(&status) {
        let message = format!(
            "the session is {status}, not completed: processing it again (or from this status) is not documented"
        );
        f.raise(Process::SourceStatus, at(), message).is_error()
    } else {
        false
    };
    if raised {
        answers::SESSION_NOT_COMPLETED.respond(Stage::Session, f);
    }
}

pub fn extend_session(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    let rules = Common {
        auth_missing: Extend::AuthMissing.into(),
        session_id_format: Extend::SessionIdFormat.into(),
        content_type: Extend::ContentType.into(),
        body_type: Extend::BodyType.into(),
        unknown_field: Extend::UnknownField.into(),
    };
    read_call(input, &rules, f);
    Outcome { body: None, effects: vec![Effect::LinkExtended] }
}

pub fn generate_link(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    let rules = Common {
        auth_missing: Generate::AuthMissing.into(),
        session_id_format: Generate::SessionIdFormat.into(),
        content_type: Generate::ContentType.into(),
        body_type: Generate::BodyType.into(),
        unknown_field: Generate::UnknownField.into(),
    };
    let session = read_call(input, &rules, f);
    if let Some(session) = &session {
        check_live_link(session, f);
    }
    Outcome { body: None, effects: vec![Effect::LinkReplaced] }
}

/// The customer is working through a link that still works: a new one replaces it.
fn check_live_link(session: &Session<'_>, f: &mut Findings<'_>) {
    let Some(status) = session.status() else { return };
    if tables::CUSTOMER_WORKING.contains(&status) && !session.link_expired() {
        let message = format!(
            "the session is {status} and its link has not expired: a new link replaces it, and the one the customer holds stops working"
        );
        let raised = f.raise(Generate::LiveLinkReplaced, path!["context", "session", "status"], message);
        raised.hint("`legaltalent.extend_session` keeps the customer's link and moves its expiry");
    }
}

pub fn run_validations(input: &Input<'_>, f: &mut Findings<'_>) -> Outcome {
    let rules = Common {
        auth_missing: Validations::AuthMissing.into(),
        session_id_format: Validations::SessionIdFormat.into(),
        content_type: Validations::ContentType.into(),
        body_type: Validations::BodyType.into(),
        unknown_field: Validations::UnknownField.into(),
    };
    let session = read_call(input, &rules, f);
    if let Some(status) = session.as_ref().and_then(Session::status) {
        if tables::NOT_SUBMITTED.contains(&status) {
            let message =
                format!("the session is {status}: the customer has not submitted it, so the validations run on what there is so far");
            if f.raise(Validations::SourceStatus, path!["context", "session", "status"], message).is_error() {
                answers::SESSION_NOT_SUBMITTED.respond(Stage::Session, f);
            }
        }
    }
    Outcome::default()
}
