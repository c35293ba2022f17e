//! Feeds arbitrary statuses and bodies to the never-failing response decoders,
//! `ErrorResponse::decode` and `decode_response`. The first two bytes are the status,
//! the rest the body; the rules are in `tests/tests/decoder_oracle/mod.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/tests/decoder_oracle/mod.rs"]
mod decoder_oracle;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [high, low, body @ ..] => (u16::from_be_bytes([*high, *low]), body),
        _ => (500, data),
    };
    decoder_oracle::check_response_decoder(status, body);
});
