//! Serving errors with any HTTP stack: the response every integration sends for an
//! error, `Certifier-Version` checking, and JSON request bodies whose failures are
//! Certifier errors.
//!
//! The `axum` and `actix_web` modules (features `axum` and `actix-web`) are thin
//! adapters over these items; use them directly with another framework.
//!
//! ```
//! use certifier_error::server::{response_parts, SupportedVersions, CONTENT_TYPE};
//! use certifier_error::CertifierError;
//!
//! #[derive(Debug, CertifierError)]
//! #[certifier(code = "rate_limited")]
//! struct Slow {
//!     #[certifier(extend, header = "Retry-After")]
//!     retry_after: u64,
//! }
//!
//! let parts = response_parts(&Slow { retry_after: 30 });
//! assert_eq!(parts.status, 429);
//! assert_eq!(parts.headers, [("Retry-After", "30".to_string())]);
//! assert_eq!(CONTENT_TYPE, "application/json");
//! assert_eq!(
//!     parts.body,
//!     br#"{"error":{"code":"rate_limited","message":"Too many requests; please slow down and try again later.","retry_after":30}}"#,
//! );
//!
//! let versions = SupportedVersions::new(["2024-06-01"]);
//! assert_eq!(versions.check(Some(b"2024-06-01")).unwrap(), "2024-06-01");
//! assert_eq!(versions.check(None).unwrap_err().code(), "missing_version");
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::error::Error;

use serde::Serialize;

use crate::{CertifierError, StandardError};

pub use super::json::{decode_json, is_json_content_type, JsonRejection};
pub use super::version::{SupportedVersions, VersionError, VERSION_HEADER};

/// The `content-type` of every error response: the envelope is JSON.
///
/// ```
/// assert_eq!(certifier_error::server::CONTENT_TYPE, "application/json");
/// ```
pub const CONTENT_TYPE: &str = "application/json";

/// The status, headers and body of the response for one error, before a framework
/// turns them into its own response type. The `content-type` is always
/// [`CONTENT_TYPE`] and is not among `headers`.
///
/// ```
/// use certifier_error::server::response_parts;
/// use certifier_error::StandardError;
///
/// let parts = response_parts(&StandardError::Forbidden);
/// assert_eq!(parts.status, 403);
/// assert!(parts.headers.is_empty());
/// assert!(parts.body.starts_with(br#"{"error":{"code":"forbidden","#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseParts {
    /// The HTTP status, from [`CertifierError::status`].
    pub status: u16,
    /// The headers from the error's `#[certifier(header = "...")]` fields, in field
    /// order; a value that is not a valid header value is left out.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON envelope.
    pub body: Vec<u8>,
}

/// Builds the response for `error`: its status, its header fields, and its envelope as
/// the body.
///
/// With the `tracing` feature, logs the error: at error level for a 5xx status, at
/// debug level otherwise, with the status, the code, the public message and the whole
/// `source()` chain as fields, so the operator sees the cause the neutral message
/// leaves out.
///
/// Never fails: if an extension member cannot be serialised, the response is the
/// standard `500 internal_server_error` envelope instead (and that failure is logged).
///
/// ```
/// use certifier_error::server::response_parts;
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, CertifierError)]
/// #[certifier(code = "internal_server_error", status = 503)]
/// struct Down {
///     #[source]
///     cause: std::io::Error,
/// }
///
/// let parts = response_parts(&Down { cause: std::io::Error::other("disk full") });
/// assert_eq!(parts.status, 503);
/// // The cause stays out of the body; the `tracing` feature logs it.
/// assert!(!String::from_utf8(parts.body).unwrap().contains("disk"));
/// ```
pub fn response_parts<T>(error: &T) -> ResponseParts
where
    T: CertifierError + Serialize + Error + ?Sized,
{
    let status = error.status();
    #[cfg(feature = "tracing")]
    super::log::response(status, error);
    let body = match serde_json::to_vec(error) {
        Ok(body) => body,
        Err(failure) => return unserialisable(error, &failure),
    };
    let mut headers = Vec::new();
    error.headers(&mut |name, value| {
        let value = value.to_string();
        if is_header_value(&value) {
            headers.push((name, value));
        } else {
            #[cfg(feature = "tracing")]
            super::log::bad_header(name, error);
        }
    });
    ResponseParts {
        status,
        headers,
        body,
    }
}

/// The standard `500` response, for an error whose envelope could not be written.
#[cold]
fn unserialisable<T>(error: &T, failure: &serde_json::Error) -> ResponseParts
where
    T: CertifierError + Error + ?Sized,
{
    #[cfg(feature = "tracing")]
    super::log::unserialisable(error, failure);
    let _ = (error, failure);
    let fallback = StandardError::InternalServerError;
    ResponseParts {
        status: fallback.status(),
        headers: Vec::new(),
        body: serde_json::to_vec(&fallback).unwrap_or_default(),
    }
}

/// Whether `value` can be sent as a header value: visible ASCII, spaces and tabs.
fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values() {
        assert!(is_header_value("30"));
        assert!(is_header_value("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert!(is_header_value(""));
        assert!(!is_header_value("a\r\nSet-Cookie: x"));
        assert!(!is_header_value("caf\u{e9}"));
    }
}
