//! The kernel's own JSON reader (`kyc_preflight::json`) with arbitrary text: it never
//! panics, a parsed value writes back to text that parses to the same value, what
//! `parse` accepts `check` accepts, and it accepts what serde_json accepts (numbers
//! near the largest double aside, where serde_json's parse is not exact).
#![no_main]

use kyc_preflight::json::{check, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ours = parse(&text);
    if let Ok(value) = &ours {
        let written = value.to_string();
        assert_eq!(parse(&written).as_ref(), Ok(value), "round trip of {text:?}");
        assert!(check(&text).is_ok(), "check refuses what parse accepts: {text:?}");
    }
    let theirs = serde_json::from_str::<serde_json::Value>(&text);
    let near_the_largest_double = text.contains("e3") || text.contains("E3") || text.len() > 300;
    if !near_the_largest_double {
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}: ours {ours:?}");
    }
});
