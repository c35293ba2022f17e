//! What the client decoder promises for any body, checked on one input. Shared by the
//! hostile-input properties in `properties.rs` and by the libFuzzer target under `fuzz/`,
//! so both hold the decoder to the same rules.
//!
//! `check_decoder` holds `ErrorEnvelope` to these rules; `check_response_decoder` holds
//! the never-failing `ErrorResponse::decode` and `decode_response` to theirs.
//!
//! Besides "never panics, never overflows the stack" (which the callers observe), every
//! body must:
//! - be accepted or refused the same way whatever the extension type, since only the
//!   `error` object's `code` and `message` decide;
//! - when accepted, decode to the same envelope through a parsed `serde_json::Value`
//!   (where the body parses as one: see `check_decoder`);
//! - when accepted, serialise back to a body that decodes to the same envelope (floats
//!   up to serde_json's parsing precision, see `same_json`), with a code that survives
//!   its own string.

use certifier_error::{decode_response, Code, ErrorEnvelope, ErrorResponse, MAX_EXCERPT_LEN};
use serde::de::IgnoredAny;

/// Decodes `body` and checks the rules above; returns the envelope when the body is
/// accepted. Panics when a rule is broken.
pub fn check_decoder(body: &[u8]) -> Option<ErrorEnvelope> {
    let decoded = serde_json::from_slice::<ErrorEnvelope>(body);
    let ignored = serde_json::from_slice::<ErrorEnvelope<IgnoredAny>>(body);
    assert_eq!(
        decoded.is_ok(),
        ignored.is_ok(),
        "the extension type changed the outcome: {decoded:?} / {ignored:?}"
    );
    let envelope = decoded.ok()?;
    let ignored = ignored.expect("checked above");
    assert_eq!(ignored.error.code, envelope.error.code);
    assert_eq!(ignored.error.message, envelope.error.message);

    // serde_json skips the members beside `error` without checking their strings' UTF-8,
    // so an accepted body need not parse as a whole; one that does gives the same result.
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        let from_value: ErrorEnvelope =
            serde_json::from_value(value).expect("an accepted body is accepted as a value");
        assert_eq!(from_value, envelope);
    }

    let written = serde_json::to_vec(&envelope).expect("a decoded envelope serialises");
    let again: ErrorEnvelope =
        serde_json::from_slice(&written).expect("a written envelope decodes");
    assert_eq!(again.error.code, envelope.error.code);
    assert_eq!(again.error.message, envelope.error.message);
    let (again_members, members) = (
        serde_json::Value::Object(again.error.extensions),
        serde_json::Value::Object(envelope.error.extensions.clone()),
    );
    assert!(
        same_json(&again_members, &members),
        "{again_members} != {members}"
    );
    assert_eq!(
        Code::from(envelope.error.code.as_str()),
        envelope.error.code
    );
    Some(envelope)
}

/// Equal JSON, where floats may differ in their last bits: without its `float_roundtrip`
/// feature, serde_json parses some floats (those with many digits, or integers beyond
/// `u64`) to a neighbour of the nearest double, so a written float can read back one
/// step off.
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x != y => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => {
                (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
            }
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(name, x)| y.get(name).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}

/// Decodes a response with `status` and `body` both ways and checks that they never
/// fail, agree with `check_decoder` on what is an envelope, and keep a bounded excerpt
/// of anything else. Panics when a rule is broken.
pub fn check_response_decoder(status: u16, body: &[u8]) {
    let envelope = check_decoder(body);
    let response = ErrorResponse::decode(status, body);
    assert_eq!(response.status, status);
    assert_eq!(response.is_envelope(), envelope.is_some());
    match (&envelope, &response.excerpt) {
        (Some(envelope), None) => assert_eq!(response.error, envelope.error),
        (None, Some(excerpt)) => {
            // The start of the body: at most MAX_EXCERPT_LEN bytes, fewer only by the
            // bytes of a character the limit would cut in two (at most 3).
            let limit = MAX_EXCERPT_LEN.min(body.len());
            let kept = (limit.saturating_sub(3)..=limit)
                .rev()
                .find(|&end| String::from_utf8_lossy(&body[..end]) == *excerpt);
            assert!(
                kept.is_some(),
                "the excerpt is not the body's first {limit} bytes (less at most 3): {excerpt:?}"
            );
            assert_eq!(response.error.extensions.len(), 0);
        }
        _ => panic!("an excerpt exactly when the body is no envelope: {response:?}"),
    }

    let decoded = decode_response::<serde_json::Value>(status, body);
    if (200..=299).contains(&status) {
        let expected = if body.trim_ascii().is_empty() {
            Some(serde_json::Value::Null)
        } else {
            serde_json::from_slice(body).ok()
        };
        match (decoded, expected) {
            (Ok(value), Some(expected)) => assert_eq!(value, expected),
            (Err(error), None) => {
                assert_eq!(error.status, status);
                assert_eq!(error.error.code.as_str(), "unexpected_response");
                assert!(!error.is_envelope());
            }
            (decoded, expected) => panic!("{decoded:?} for a body that is {expected:?}"),
        }
    } else {
        assert_eq!(decoded.expect_err("not a 2xx status"), response);
    }
}
