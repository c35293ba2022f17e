//! Decoding whole HTTP responses on the client side, whatever the body holds.

use alloc::format;
use alloc::string::String;
use core::fmt;

use serde::de::DeserializeOwned;

use crate::{Code, ErrorObject, Extensions};

/// At most this many bytes of a body that is not an error envelope are kept in
/// [`ErrorResponse::excerpt`].
///
/// ```
/// assert_eq!(certifier_error::EXCERPT_LIMIT, 512);
/// ```
pub const EXCERPT_LIMIT: usize = 512;

/// An error response as a client received it: its status and its error object.
///
/// Built by [`ErrorResponse::decode`] and [`decode_response`], which never fail: when
/// the body is a Certifier envelope, `error` is its error object; when it is not (a
/// proxy's HTML error page, an empty body, a success body that does not fit the
/// expected type), `error` is made up from the status, and `excerpt` keeps the start of
/// the body for the logs.
///
/// ```
/// use certifier_error::{Code, ErrorResponse};
///
/// let body = br#"{"error":{"code":"rate_limited","message":"Slow down.","retryAfter":30}}"#;
/// let error = ErrorResponse::decode(429, body);
/// assert_eq!(error.status, 429);
/// assert_eq!(error.error.code, Code::RateLimited);
/// assert_eq!(error.error.extensions["retryAfter"], 30);
/// assert!(error.is_envelope());
///
/// let error = ErrorResponse::decode(502, b"<html><body>Bad Gateway</body></html>");
/// assert_eq!(error.error.code, Code::InternalServerError);
/// assert_eq!(error.excerpt.as_deref(), Some("<html><body>Bad Gateway</body></html>"));
/// assert!(!error.is_envelope());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorResponse {
    /// The HTTP status of the response.
    pub status: u16,
    /// The error object: the body's, or one made up from the status when the body has
    /// none. Branch on its `code`.
    pub error: ErrorObject,
    /// The start of the body (at most [`EXCERPT_LIMIT`] bytes, cut at a character
    /// boundary, invalid UTF-8 replaced) when the body was not what was expected;
    /// `None` when it was a Certifier envelope.
    pub excerpt: Option<String>,
}

impl ErrorResponse {
    /// Decodes an error response from its status and body. Never fails: see
    /// [`ErrorResponse`].
    ///
    /// A body that is not an envelope gets the code that follows from the status, by
    /// [`Code::for_status`]: the same mapping the server layers answer bare statuses
    /// with.
    ///
    /// ```
    /// use certifier_error::{Code, ErrorResponse};
    ///
    /// let error = ErrorResponse::decode(404, b"");
    /// assert_eq!(error.error.code, Code::NotFound);
    /// assert_eq!(error.excerpt.as_deref(), Some(""));
    /// assert_eq!(ErrorResponse::decode(418, b"teapot").error.code, Code::BadRequest);
    /// ```
    pub fn decode(status: u16, body: &[u8]) -> Self {
        match serde_json::from_slice::<crate::ErrorEnvelope>(body) {
            Ok(envelope) => ErrorResponse {
                status,
                error: envelope.error,
                excerpt: None,
            },
            Err(_) => ErrorResponse::unrecognised(status, body, Code::for_status(status)),
        }
    }

    /// An error made up from the status, for a body that was not what was expected.
    fn unrecognised(status: u16, body: &[u8], code: Code) -> Self {
        let message = match status {
            200..=299 => {
                format!("The server answered {status} with a body this client cannot read.")
            }
            _ => format!("The server answered {status} without a Certifier error body."),
        };
        ErrorResponse {
            status,
            error: ErrorObject {
                code,
                message,
                extensions: Extensions::new(),
            },
            excerpt: Some(excerpt(body)),
        }
    }

    /// Whether the body was a Certifier error envelope (rather than made up from the
    /// status).
    ///
    /// ```
    /// use certifier_error::ErrorResponse;
    ///
    /// assert!(ErrorResponse::decode(409, br#"{"error":{"code":"conflict","message":"m"}}"#).is_envelope());
    /// assert!(!ErrorResponse::decode(409, b"conflict").is_envelope());
    /// ```
    pub fn is_envelope(&self) -> bool {
        self.excerpt.is_none()
    }

    /// The extension members as an endpoint's own type.
    ///
    /// ```
    /// use certifier_error::ErrorResponse;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Limits {
    ///     retry_after: u64,
    /// }
    ///
    /// let body = br#"{"error":{"code":"rate_limited","message":"m","retry_after":30}}"#;
    /// let limits: Limits = ErrorResponse::decode(429, body).extensions_as().unwrap();
    /// assert_eq!(limits.retry_after, 30);
    /// ```
    pub fn extensions_as<X: DeserializeOwned>(&self) -> Result<X, serde_json::Error> {
        serde_json::from_value(serde_json::Value::Object(self.error.extensions.clone()))
    }
}

/// Writes the message.
///
/// ```
/// let error = certifier_error::ErrorResponse::decode(404, b"");
/// assert_eq!(error.to_string(), "The server answered 404 without a Certifier error body.");
/// ```
impl fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.error.message)
    }
}

/// An error response is an error, so a client can return it with `?`.
///
/// ```
/// let error: Box<dyn std::error::Error> = Box::new(certifier_error::ErrorResponse::decode(500, b""));
/// assert!(error.to_string().contains("500"));
/// ```
impl core::error::Error for ErrorResponse {}

/// Decodes a whole response: a 2xx body as `T`, anything else as an [`ErrorResponse`].
/// Never fails in any other way.
///
/// An empty 2xx body decodes as JSON `null`, so `T = ()` or `Option<_>` reads a
/// `204 No Content`. A 2xx body that does not fit `T` becomes an [`ErrorResponse`] with
/// the code `unexpected_response` (not a Certifier code: the server did not send it),
/// the status, and an excerpt of the body.
///
/// ```
/// use certifier_error::{decode_response, Code};
///
/// let ok: Result<Vec<u32>, _> = decode_response(200, b"[1, 2]");
/// assert_eq!(ok.unwrap(), [1, 2]);
///
/// let none: Result<(), _> = decode_response(204, b"");
/// assert!(none.is_ok());
///
/// let error = decode_response::<Vec<u32>>(404, br#"{"error":{"code":"not_found","message":"m"}}"#)
///     .unwrap_err();
/// assert_eq!(error.error.code, Code::NotFound);
///
/// let error = decode_response::<Vec<u32>>(200, b"<html>").unwrap_err();
/// assert_eq!(error.error.code.as_str(), "unexpected_response");
/// assert_eq!(error.status, 200);
/// ```
pub fn decode_response<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, ErrorResponse> {
    if !(200..=299).contains(&status) {
        return Err(ErrorResponse::decode(status, body));
    }
    let decoded = if body.trim_ascii().is_empty() {
        serde_json::from_slice(b"null")
    } else {
        serde_json::from_slice(body)
    };
    decoded
        .map_err(|_| ErrorResponse::unrecognised(status, body, Code::from("unexpected_response")))
}

/// At most [`EXCERPT_LIMIT`] bytes of `body`, never cutting a UTF-8 character in two.
fn excerpt(body: &[u8]) -> String {
    let limit = body.len().min(EXCERPT_LIMIT);
    let mut end = limit;
    // Back up while the first byte left out continues the last character kept; a
    // character has at most 4 bytes, so at most 3 steps (further back the bytes are not
    // UTF-8 anyway).
    while end > 0 && end < body.len() && body[end] & 0xC0 == 0x80 && limit - end < 3 {
        end -= 1;
    }
    String::from_utf8_lossy(&body[..end]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_codes() {
        let cases = [
            (400, Code::BadRequest),
            (401, Code::Unauthorized),
            (402, Code::PaymentRequired),
            (403, Code::Forbidden),
            (404, Code::NotFound),
            (405, Code::NotFound),
            (408, Code::InternalServerError),
            (410, Code::NotFound),
            (412, Code::Conflict),
            (415, Code::InvalidJson),
            (418, Code::BadRequest),
            (422, Code::ValidationError),
            (451, Code::Forbidden),
            (409, Code::Conflict),
            (413, Code::BadRequest),
            (429, Code::RateLimited),
            (500, Code::InternalServerError),
            (502, Code::InternalServerError),
            (503, Code::InternalServerError),
            (302, Code::InternalServerError),
        ];
        for (status, code) in cases {
            assert_eq!(Code::for_status(status), code, "{status}");
        }
    }

    #[test]
    fn excerpts_are_bounded() {
        let long = "x".repeat(2000);
        assert_eq!(excerpt(long.as_bytes()).len(), EXCERPT_LIMIT);
        // "é" is two bytes: an odd offset puts the limit inside one.
        let accents = format!("x{}", "é".repeat(400));
        assert_eq!(excerpt(accents.as_bytes()), format!("x{}", "é".repeat(255)));
        assert_eq!(excerpt(b"\xff\xfe ok"), "\u{fffd}\u{fffd} ok");
        // No character boundary anywhere: cut at the limit, at most 3 bytes back.
        let continuation = vec![0x80_u8; 700];
        assert!(!excerpt(&continuation).is_empty());
    }

    #[test]
    fn a_json_body_that_is_no_envelope_is_unrecognised() {
        let error = ErrorResponse::decode(400, br#"{"message":"nope"}"#);
        assert_eq!(error.error.code, Code::BadRequest);
        assert_eq!(error.excerpt.as_deref(), Some(r#"{"message":"nope"}"#));
    }
}
