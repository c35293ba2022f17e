//! Feeds an arbitrary status (the first two bytes) and body to the problem details
//! writer of the envelope layers and to the client decoder's problem reader. Held to: no
//! panic; every envelope the client reads becomes a problem; a problem is a JSON object
//! that starts with RFC 9457's members; a client reads the problem as it reads the
//! envelope it came from.

#![no_main]

use certifier_error::__private::fuzz::problem_from_envelope;
use certifier_error::{ErrorEnvelope, ErrorResponse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [high, low, body @ ..] => (u16::from_be_bytes([*high, *low]) % 1000, body),
        _ => (500, data),
    };
    // The client reader, on anything.
    let _ = ErrorResponse::decode(status, body);
    let problem = problem_from_envelope(body, status);
    let is_envelope = serde_json::from_slice::<ErrorEnvelope>(body).is_ok();
    if is_envelope {
        assert!(
            problem.is_some(),
            "an envelope the client reads was refused: {body:?}"
        );
    }
    let Some(problem) = problem else {
        return;
    };
    let value: serde_json::Value = serde_json::from_slice(&problem).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {:?}",
            String::from_utf8_lossy(&problem)
        )
    });
    let object = value.as_object().expect("a JSON object");
    let first: Vec<&str> = object.keys().map(String::as_str).take(5).collect();
    assert!(problem.starts_with(br#"{"type":"#), "{first:?}");
    assert_eq!(object["status"], status);
    if is_envelope {
        let from_problem = ErrorResponse::decode(status, &problem);
        let from_envelope = ErrorResponse::decode(status, body);
        assert_eq!(
            from_problem,
            from_envelope,
            "{:?}",
            String::from_utf8_lossy(&problem)
        );
    }
});
