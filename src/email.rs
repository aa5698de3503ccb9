//! Django's `EmailValidator` (Django 5.2), which DRF's `EmailField` runs on the trimmed
//! text: what Didit's server accepts as an address. Linear time, no regex engine: the
//! regexes below are read label by label, which is what they match. Checked against
//! Django itself by the DRF oracle (tests/drf).
//!
//! - At most 320 characters; split at the last `@`.
//! - The local part: dot-atom (`[-!#$%&'*+/=?^_`{}|~0-9A-Z]+` pieces joined by single
//!   dots) or a quoted string (`"…"`, printable ASCII and most controls, `\` escapes).
//!   No length limit of its own.
//! - The domain: `localhost` exactly; or labels of letters, digits, `-` and any
//!   character from U+00A1 to U+FFFF (internationalized names pass as written, no
//!   punycode), 1–63 each, no `-` at either end, at least two labels, the last either
//!   2–63 characters without digits or `xn--` and 1–59 letters or digits; or a literal
//!   `[…]` holding an IPv4 or IPv6 address as Python's `ipaddress` reads it.
//! - Patterns are case-insensitive in Python's Unicode way: `[A-Z]` also takes `İ`,
//!   `ı`, `ſ` and the Kelvin sign `K`, whose case folds are ASCII letters.

const MAX_CHARS: usize = 320;
const MAX_LABEL: usize = 63;
/// Django's `MAX_IPV6_ADDRESS_LENGTH`.
const MAX_IPV6_CHARS: usize = 39;

pub fn is_valid_email(address: &str) -> bool {
    if address.is_empty() || address.chars().count() > MAX_CHARS {
        return false;
    }
    let Some((user, domain)) = address.rsplit_once('@') else { return false };
    is_user_part(user) && (domain == "localhost" || is_domain(domain) || is_literal(domain))
}

/// The four non-ASCII characters Python's case-insensitive `[A-Z]` (and `[a-z]`) takes.
fn folds_to_ascii_letter(c: char) -> bool {
    matches!(c, '\u{130}' | '\u{131}' | '\u{17F}' | '\u{212A}')
}

fn is_user_part(user: &str) -> bool {
    let dot_atom = || user.split('.').all(|atom| !atom.is_empty() && atom.chars().all(is_atext));
    match user.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')) {
        Some(inner) if user.len() >= 2 => is_quoted_content(inner) || dot_atom(),
        _ => dot_atom(),
    }
}

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '!' | '#'..='\'' | '*' | '+' | '-' | '/' | '=' | '?' | '^'..='`' | '{'..='~')
        || folds_to_ascii_letter(c)
}

/// `([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])*`
fn is_quoted_content(inner: &str) -> bool {
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        let ok = match c {
            '\\' => chars
                .next()
                .is_some_and(|escaped| is_quoted_char(escaped) || matches!(escaped, '\t' | ' ' | '"' | '\\')),
            c => is_quoted_char(c),
        };
        if !ok {
            return false;
        }
    }
    true
}

/// A character the quoted string takes as it is: printable ASCII and controls but NUL,
/// tab, LF, CR, space, `"` and `\` (an escape also takes tab, space, `"` and `\`).
fn is_quoted_char(c: char) -> bool {
    match c {
        '\u{1}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '!' | '#'..='[' | ']'..='\u{7f}' => true,
        c => folds_to_ascii_letter(c),
    }
}

/// `[a-z\u00a1-\uffff0-9]`, case-insensitive.
fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{a1}'..='\u{ffff}').contains(&c)
}

fn is_domain(domain: &str) -> bool {
    let Some((rest, tld)) = domain.rsplit_once('.') else { return false };
    let labels_ok = match rest.split_once('.') {
        Some((host, middle)) => is_label(host) && middle.split('.').all(is_label),
        None => is_label(rest),
    };
    labels_ok && is_tld(tld)
}

fn label_len_ok(label: &str, min: usize) -> bool {
    (min..=MAX_LABEL).contains(&label.chars().count())
}

/// The first label, `[H](?:[H-]{0,61}[H])?`, and each next but the last,
/// `(?!-)[H-]{1,63}(?<!-)`: the same set of labels.
fn is_label(label: &str) -> bool {
    label_len_ok(label, 1)
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| is_host_char(c) || c == '-')
}

/// `(?!-)(?:[a-z\u00a1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)`
fn is_tld(label: &str) -> bool {
    if label.starts_with('-') || label.ends_with('-') {
        return false;
    }
    let letters = label_len_ok(label, 2)
        && label.chars().all(|c| c.is_ascii_alphabetic() || ('\u{a1}'..='\u{ffff}').contains(&c) || c == '-');
    let punycode = label.get(..4).is_some_and(|prefix| prefix.eq_ignore_ascii_case("xn--"))
        && label.get(4..).is_some_and(|rest| {
            (1..=59).contains(&rest.chars().count())
                && rest.chars().all(|c| c.is_ascii_alphanumeric() || folds_to_ascii_letter(c))
        });
    letters || punycode
}

/// `\[([A-F0-9:.]+)\]`, then Django's `validate_ipv46_address`.
fn is_literal(domain: &str) -> bool {
    let Some(inner) = domain.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) else { return false };
    !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        && (is_ipv4(inner) || is_ipv6(inner))
}

/// Python's `ipaddress.IPv4Address`: four decimal octets up to 255, no leading zeros.
fn is_ipv4(text: &str) -> bool {
    text.split('.').count() == 4
        && text.split('.').all(|octet| {
            (1..=3).contains(&octet.len())
                && octet.bytes().all(|b| b.is_ascii_digit())
                && (octet == "0" || !octet.starts_with('0'))
                && octet.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// Django's `is_valid_ipv6_address`: at most 39 characters, then Python's
/// `ipaddress.IPv6Address`: eight hextets of up to four hex digits, an IPv4 address in
/// place of the last two, one `::` for one or more zero hextets (touching an end only
/// as `::`).
fn is_ipv6(text: &str) -> bool {
    const HEXTETS: usize = 8;
    let parts = text.split(':').count();
    let last = text.rsplit(':').next().unwrap_or_default();
    let v4 = last.contains('.');
    // Parts once the IPv4 address counts as two hextets.
    let n = parts.saturating_add(usize::from(v4));
    if text.len() > MAX_IPV6_CHARS || parts < 3 || n > HEXTETS.saturating_add(1) || (v4 && !is_ipv4(last)) {
        return false;
    }
    let mut skip = None;
    for (i, part) in text.split(':').enumerate() {
        if part.is_empty() && i > 0 && i.saturating_add(1) < parts {
            if skip.is_some() {
                return false;
            }
            skip = Some(i);
        }
        let hextet = (1..=4).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_hexdigit());
        if !(hextet || part.is_empty() || (v4 && i.saturating_add(1) == parts)) {
            return false;
        }
    }
    let (first_empty, last_empty) = (text.starts_with(':'), text.ends_with(':'));
    match skip {
        None => n == HEXTETS && !first_empty && !last_empty,
        // Before it `skip` parts, after it `n − skip − 1`; an empty end belongs to it.
        Some(skip) => {
            let high = skip.saturating_sub(usize::from(first_empty));
            let low = n.saturating_sub(skip).saturating_sub(1).saturating_sub(usize::from(last_empty));
            (!first_empty || high == 0) && (!last_empty || low == 0) && high.saturating_add(low) < HEXTETS
        }
    }
}
