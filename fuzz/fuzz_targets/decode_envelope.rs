//! Feeds arbitrary bytes to the client decoder, `ErrorEnvelope`. The rules each input is
//! held to are in `tests/tests/decoder_oracle/mod.rs`, which the stable property tests
//! (`tests/tests/properties.rs`) run too.

#![no_main]

use libfuzzer_sys::fuzz_target;

// The response rules in the same file are for the `decode_response` target.
#[allow(dead_code)]
#[path = "../../tests/tests/decoder_oracle/mod.rs"]
mod decoder_oracle;

fuzz_target!(|data: &[u8]| {
    let _ = decoder_oracle::check_decoder(data);
});
