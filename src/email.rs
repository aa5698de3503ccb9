//! A linear-time email address check: the WHATWG `input type=email` grammar, with the
//! RFC 5321 lengths, tightened where the vendors' servers (Django's `EmailValidator`)
//! are stricter, so that "ok" here means the vendor accepts it too.
//!
//! Policy, pinned by tests: `user@localhost` passes (Django allows it); a local part
//! with a leading, trailing or doubled dot fails (dot-atom); an all-numeric last label
//! (`a@1.2.3.4`) fails; non-ASCII anywhere fails (IDNs must be sent as `xn--`).

const MAX_LOCAL_OCTETS: usize = 64;
const MAX_TOTAL_OCTETS: usize = 254;
const MAX_LABEL_OCTETS: usize = 63;

pub fn is_valid_email(address: &str) -> bool {
    if address.len() > MAX_TOTAL_OCTETS {
        return false;
    }
    let Some((local, domain)) = address.split_once('@') else { return false };
    is_local_part(local) && is_domain(domain)
}

fn is_local_part(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= MAX_LOCAL_OCTETS
        && local.split('.').all(|atom| !atom.is_empty() && atom.bytes().all(is_atext))
}

/// WHATWG's local-part characters: letters, digits and ``.!#$%&'*+/=?^_`{|}~-``.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b)
}

fn is_domain(domain: &str) -> bool {
    let mut labels = domain.split('.').peekable();
    while let Some(label) = labels.next() {
        if !is_label(label) {
            return false;
        }
        let is_last = labels.peek().is_none();
        if is_last && label.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    true
}

fn is_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    let edges_ok = match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric(),
        _ => false,
    };
    edges_ok && bytes.len() <= MAX_LABEL_OCTETS && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}
