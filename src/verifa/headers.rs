//! Verifa's headers: the API key (authentication), then the format of
//! `Verifa-Version`, `Key-Inflection` and `Idempotency-Key`. Header rules run only when
//! the caller gives headers.

use super::responses::{invalid_header, unauthorized, validation_error};
use super::tables::{Environment, IDEMPOTENCY_KEY_LIMIT, KEY_ENVIRONMENTS, KEY_INFLECTIONS};
use super::VerifaRule as R;
use crate::findings::{Findings, Stage};
use crate::input::Entries;
use crate::path;
use crate::text::{char_len, did_you_mean, near_choice};

/// A well-formed API key: the header name as the caller spelled it, and its environment.
pub struct ApiKey<'a> {
    pub header: &'a str,
    pub environment: Environment,
}

/// A header as the server reads it: the caller's spelling of the name (for the issue
/// path), and the value without the spaces and tabs HTTP strips around it.
fn header<'a>(headers: &Entries<'a>, name: &str) -> Option<(&'a str, &'a str)> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(n, v)| (n, v.trim_matches([' ', '\t'])))
}

/// `X-API-Key` present and prefixed `vk_live_` or `vk_sandbox_`; 401 otherwise.
pub fn check_auth<'a>(headers: &Entries<'a>, f: &mut Findings<'_>) -> Option<ApiKey<'a>> {
    let Some((name, key)) = header(headers, "X-API-Key").filter(|(_, key)| !key.is_empty()) else {
        let raised = f.raise(R::AuthMissing, path!["headers"], "no `X-API-Key` header: Verifa reads the API key there");
        let raised = match headers.bearer() {
            Some(_) => raised.hint("Verifa does not read `Authorization: Bearer`; send the key in `X-API-Key`"),
            None => raised,
        };
        if raised.is_error() {
            f.respond(Stage::Auth, 401, unauthorized());
        }
        return None;
    };
    let environment = KEY_ENVIRONMENTS
        .iter()
        .copied()
        .find(|env| key.strip_prefix(env.key_prefix()).is_some_and(|secret| !secret.is_empty()));
    if environment.is_none() {
        let message = "X-API-Key must be `vk_live_…` (production) or `vk_sandbox_…` (sandbox), prefix and secret";
        let raised = f.raise(R::ApiKeyPrefix, path!["headers", name.to_owned()], message);
        let raised = match key_prefix_hint(key) {
            Some(hint) => raised.hint(hint),
            None => raised,
        };
        if raised.is_error() {
            f.respond(Stage::Auth, 401, unauthorized());
        }
    }
    environment.map(|environment| ApiKey { header: name, environment })
}

/// Why a key that is not `vk_live_…`/`vk_sandbox_…` may have been meant as one.
fn key_prefix_hint(key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    if lower.starts_with("bearer ") {
        return Some("send the key alone in `X-API-Key`, without the `Bearer ` scheme");
    }
    if lower.starts_with("vk_test_") {
        return Some("Verifa's test keys start with `vk_sandbox_`");
    }
    let prefixes = KEY_ENVIRONMENTS.iter().map(|env| env.key_prefix());
    if prefixes.clone().any(|prefix| lower == prefix) {
        return Some("the header holds only the prefix; the secret after it is missing");
    }
    if prefixes.clone().any(|prefix| lower.starts_with(prefix)) {
        return Some("the prefix is case-sensitive: `vk_live_` or `vk_sandbox_`, in lowercase");
    }
    None
}

/// `Verifa-Version`, `Key-Inflection`, `Idempotency-Key`: the server checks them before
/// it reads the body, so their answers come first within the body stage.
pub fn check_formats(headers: &Entries<'_>, f: &mut Findings<'_>) {
    check_version(headers, f);
    check_key_inflection(headers, f);
    check_idempotency_key(headers, f);
}

fn check_version(headers: &Entries<'_>, f: &mut Findings<'_>) {
    let Some((name, value)) = header(headers, "Verifa-Version") else { return };
    if calendar_date(value) == Some(true) {
        return;
    }
    let message = "Verifa-Version must be a real calendar date written YYYY-MM-DD";
    let hint = match calendar_date(value) {
        Some(_) => "that day does not exist: check the month's length and leap years",
        None => "write the date as YYYY-MM-DD, month and day with two digits",
    };
    if f.raise(R::VersionFormat, path!["headers", name.to_owned()], message).hint(hint).is_error() {
        f.respond(Stage::Body, 400, invalid_header("Verifa-Version must be a valid date in YYYY-MM-DD format."));
    }
}

/// `None` when `text` is not shaped `YYYY-MM-DD`; otherwise whether that day exists in
/// the (proleptic Gregorian) calendar, years 0001 to 9999.
pub fn calendar_date(text: &str) -> Option<bool> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range).and_then(|digits| digits.parse::<u16>().ok());
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    Some(year >= 1 && day >= 1 && day <= days_in_month(year, month))
}

/// Days in `month` of `year`; 0 for a month that does not exist.
const fn days_in_month(year: u16, month: u16) -> u16 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

fn check_key_inflection(headers: &Entries<'_>, f: &mut Findings<'_>) {
    let Some((name, value)) = header(headers, "Key-Inflection") else { return };
    if KEY_INFLECTIONS.contains(&value) {
        return;
    }
    let raised = f.raise(
        R::KeyInflectionChoice,
        path!["headers", name.to_owned()],
        "Key-Inflection must be \"snake\", \"camel\" or \"kebab\" (case-sensitive)",
    );
    let raised = match near_choice(value, KEY_INFLECTIONS) {
        Some(choice) => raised.hint(did_you_mean(choice)),
        None => raised,
    };
    if raised.is_error() {
        f.respond(Stage::Body, 400, invalid_header("Key-Inflection must be one of: snake, camel, kebab."));
    }
}

fn check_idempotency_key(headers: &Entries<'_>, f: &mut Findings<'_>) {
    let Some((name, value)) = header(headers, "Idempotency-Key") else { return };
    let length = char_len(value);
    let message = match length {
        0 => "Idempotency-Key is empty; it must be 1 to 255 characters (Unicode scalar values)".to_owned(),
        n if n > IDEMPOTENCY_KEY_LIMIT => format!(
            "Idempotency-Key is {n} characters (Unicode scalar values), over the limit of {IDEMPOTENCY_KEY_LIMIT}"
        ),
        _ => return,
    };
    if f.raise(R::IdempotencyKeyLength, path!["headers", name.to_owned()], message).is_error() {
        f.respond(Stage::Body, 422, validation_error("Idempotency-Key must be between 1 and 255 characters."));
    }
}
