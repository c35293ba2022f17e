//! Feeds gRPC statuses with arbitrary codes, messages and details to
//! `ErrorResponse::from_status`: the raw details bytes of any server, and well-formed
//! details with arbitrary `ErrorInfo` metadata. Held to: no panic, an error status, and
//! at most 256 members.

#![no_main]

use certifier_error::ErrorResponse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&code, rest)) = data.split_first() else {
        return;
    };
    let code = tonic::Code::from_i32(i32::from(code % 17));
    let split = rest
        .iter()
        .position(|byte| *byte == 0)
        .unwrap_or(rest.len());
    let (message, details) = rest.split_at(split);
    let message = String::from_utf8_lossy(message);

    // The raw details of any server.
    let status = tonic::Status::with_details(code, message.clone(), details.to_vec().into());
    let read = ErrorResponse::from_status(&status);
    assert!((400..=599).contains(&read.status), "{}", read.status);
    assert!(read.error.extensions.len() <= 256);

    // Well-formed details whose metadata and reason come from the input.
    let text = String::from_utf8_lossy(details);
    let mut pieces = text.split('\u{1}');
    let reason = pieces.next().unwrap_or_default().to_string();
    let metadata: std::collections::HashMap<String, String> = pieces
        .collect::<Vec<_>>()
        .chunks(2)
        .map(|pair| {
            (
                pair[0].to_string(),
                pair.get(1).copied().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut details = tonic_types::ErrorDetails::with_error_info(reason, "fuzz", metadata);
    details.set_request_info(message.to_string(), "");
    let status = <tonic::Status as tonic_types::StatusExt>::with_error_details(
        code,
        message.to_string(),
        details,
    );
    let read = ErrorResponse::from_status(&status);
    assert!((400..=599).contains(&read.status), "{}", read.status);
    assert!(read.error.extensions.len() <= 256);
});
