//! `validate_json` for `didit.update_feature_status` with arbitrary bytes as request and options.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kyc_preflight_fuzz::drive(kyc_preflight::didit::UPDATE_FEATURE_STATUS, data));
