//! `validate_json` for `legaltalent.generate_link` with arbitrary bytes as request and options.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kyc_preflight_fuzz::drive(kyc_preflight::legaltalent::GENERATE_LINK, data));
