//! `validate_json` for `legaltalent.run_validations` with arbitrary bytes as request and options.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kyc_preflight_fuzz::drive(kyc_preflight::legaltalent::RUN_VALIDATIONS, data));
