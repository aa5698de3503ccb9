//! `validate_json` for `legaltalent.request_corrections` with arbitrary bytes as request and options.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kyc_preflight_fuzz::drive(kyc_preflight::legaltalent::REQUEST_CORRECTIONS, data));
