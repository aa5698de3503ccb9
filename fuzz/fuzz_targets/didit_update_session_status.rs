//! `validate_json` for `didit.update_session_status` with arbitrary bytes as request and options.
#![no_main]

use kyc_preflight::Operation;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kyc_preflight_fuzz::drive(Operation::DiditUpdateSessionStatus, data));
