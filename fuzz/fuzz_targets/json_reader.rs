//! The kernel's own JSON reader (`kyc_preflight::json`) with arbitrary text: it never
//! panics, a parsed value writes back to text that parses to the same value, what
//! `parse` accepts `check` accepts, and it accepts what serde_json accepts, reading the
//! same value (a number near the largest double aside, where serde_json's parse is not
//! exact). The checks are `kyc_preflight_fuzz::json_reader` (fuzz/src/lib.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kyc_preflight_fuzz::json_reader(data));
