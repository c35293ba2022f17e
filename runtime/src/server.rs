//! Serving errors with any HTTP stack: the response every integration sends for an
//! error, `Certifier-Version` checking, and JSON request bodies whose failures are
//! Certifier errors.
//!
//! The `axum` and `actix_web` modules (features `axum` and `actix-web`) are thin
//! adapters over these items; use them directly with another framework.
//!
//! The members the crate's own errors add to the envelope (`supported_versions`,
//! `errors`) are snake_case, like the envelope's own `code` and `message` and the codes
//! themselves. An API that names its own members in camelCase
//! (`#[certifier(rename_all = "camelCase")]`) therefore mixes the two conventions in
//! one envelope; an API that wants a single convention keeps snake_case throughout.
//!
//! # Problem details
//!
//! With `with_problem_details()` on the envelope layers, a client whose `Accept` prefers
//! `application/problem+json` to `application/json` gets each error as an RFC 9457
//! problem instead of an envelope (see [`ProblemDetails`](crate::ProblemDetails)). The
//! layers read `Accept` as RFC 9110 writes it: each media range with its `q` (`q=0`
//! excludes), the most specific range that matches a type deciding its quality
//! (`application/problem+json` over `application/*` over `*/*`; a range with parameters
//! matches only with `charset=utf-8`). The problem is chosen only when its quality is
//! higher than the envelope's: no `Accept`, `*/*`, or both named alike keep the
//! envelope. A header that does not parse costs one pass over it and keeps the envelope.
//!
//! ```
//! use certifier_error::server::{answer, SupportedVersions, CONTENT_TYPE};
//! use certifier_error::CertifierError;
//!
//! #[derive(Debug, CertifierError)]
//! #[certifier(code = "rate_limited")]
//! struct Slow {
//!     #[certifier(extend, header = "Retry-After")]
//!     retry_after: u64,
//! }
//!
//! let parts = answer(&Slow { retry_after: 30 });
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

#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
mod accept;
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
pub(crate) mod envelope;
mod json;
#[cfg(all(feature = "fluent", any(feature = "axum-0_8", feature = "actix-web-4")))]
pub(crate) mod language;
#[cfg(feature = "tracing")]
pub(crate) mod log;
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14"))]
pub(crate) mod panic;
pub(crate) mod params;
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
pub(crate) mod problem;
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
pub(crate) mod reference;
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14"))]
pub(crate) mod request_id;
#[cfg(all(
    any(feature = "axum-0_8", feature = "actix-web-4"),
    any(feature = "validator-0_21", feature = "garde-0_23")
))]
pub(crate) mod validated;
pub(crate) mod version;

pub(crate) use self::params::bounded_detail;

pub use self::json::{decode_json, is_json_content_type, JsonRejection};
#[cfg(feature = "http")]
pub use self::params::{decode_form, decode_query};
pub use self::params::{
    is_form_content_type, FormRejection, PathRejection, QueryRejection, MAX_DETAIL_LEN,
};
pub use self::version::{CertifierVersion, SupportedVersions, VersionError, VERSION_HEADER};

#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
pub use self::envelope::{Enveloped, LayerError};
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14"))]
pub use self::request_id::{RequestId, MAX_REQUEST_ID_LEN, REQUEST_ID_HEADER};
#[cfg(all(
    any(feature = "axum-0_8", feature = "actix-web-4"),
    any(feature = "validator-0_21", feature = "garde-0_23")
))]
pub use self::validated::{Input, ValidRejection};

/// The conveniences every extractor of the framework modules shares, whose value is its
/// field `0`: `into_inner()`, `Deref`/`DerefMut` to the value, and `From<T>`, so that the
/// `axum` and `actix_web` extractors read alike.
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
macro_rules! value_wrappers {
    ($module:literal: $($wrapper:ident),+) => {$(
        impl<T> $wrapper<T> {
            /// The value.
            ///
            #[doc = concat!("```\nlet wrapped = certifier_error::", $module, "::", stringify!($wrapper), "(3);\nassert_eq!(wrapped.into_inner(), 3);\n```")]
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        /// Reads the value through the wrapper.
        ///
        #[doc = concat!("```\nlet wrapped = certifier_error::", $module, "::", stringify!($wrapper), "(vec![1, 2]);\nassert_eq!(wrapped.len(), 2);\n```")]
        impl<T> core::ops::Deref for $wrapper<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        /// Changes the value through the wrapper.
        ///
        #[doc = concat!("```\nlet mut wrapped = certifier_error::", $module, "::", stringify!($wrapper), "(vec![1]);\nwrapped.push(2);\nassert_eq!(wrapped.0, [1, 2]);\n```")]
        impl<T> core::ops::DerefMut for $wrapper<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }

        /// Wraps a value.
        ///
        #[doc = concat!("```\nuse certifier_error::", $module, "::", stringify!($wrapper), ";\nlet wrapped: ", stringify!($wrapper), "<u8> = 3.into();\nassert_eq!(wrapped, ", stringify!($wrapper), "(3));\n```")]
        impl<T> From<T> for $wrapper<T> {
            fn from(value: T) -> Self {
                $wrapper(value)
            }
        }
    )+};
}
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
pub(crate) use value_wrappers;

/// Why a request body could not be read, before it is decoded: what the body
/// extractors of both framework modules turn into their rejections.
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
pub(crate) enum BodyFailure {
    /// The body is over the size limit.
    TooLarge,
    /// The framework's account of any other failure.
    Unreadable(alloc::boxed::Box<dyn Error + Send + Sync>),
}

#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
impl From<BodyFailure> for JsonRejection {
    fn from(failure: BodyFailure) -> Self {
        match failure {
            BodyFailure::TooLarge => JsonRejection::TooLarge,
            BodyFailure::Unreadable(error) => JsonRejection::Body(error),
        }
    }
}

#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
impl From<BodyFailure> for FormRejection {
    fn from(failure: BodyFailure) -> Self {
        match failure {
            BodyFailure::TooLarge => FormRejection::TooLarge,
            BodyFailure::Unreadable(error) => FormRejection::Body(error),
        }
    }
}

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
/// use certifier_error::server::answer;
/// use certifier_error::StandardError;
///
/// let parts = answer(&StandardError::Forbidden);
/// assert_eq!(parts.status, 403);
/// assert!(parts.headers.is_empty());
/// assert!(parts.body.starts_with(br#"{"error":{"code":"forbidden","#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseParts {
    /// The HTTP status, from [`CertifierError::status`]; always a valid status code
    /// (100 to 999): an error whose status is not one answers the standard `500`.
    pub status: u16,
    /// The headers from the error's `#[certifier(header = "...")]` fields, in field
    /// order; a header whose name or value is not valid in HTTP is left out, so every
    /// pair here is valid.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON envelope. While an envelope layer with request ids serves the request,
    /// its last member is `request_id`.
    pub body: Vec<u8>,
    /// The request id written into `body`, if any.
    #[cfg(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14"))]
    pub(crate) request_id: Option<self::request_id::RequestId>,
}

/// Answers `error` as every integration does: builds its response (its status, its
/// header fields, and its envelope as the body) and, with the `tracing` feature, logs it.
///
/// With the `tracing` feature, logs the error at its
/// [`log_level`](CertifierError::log_level) (by default error level for a 5xx status,
/// debug level otherwise), target `certifier_error`, message `error response`, so the
/// operator sees the cause the neutral message leaves out. Its fields are a contract
/// (renaming one is a breaking change):
///
/// | field | value |
/// |---|---|
/// | `status` | the HTTP status sent, a number |
/// | `code` | the code, quoted |
/// | `error.type` | OpenTelemetry's error type: the code, as a plain string (`_OTHER` for a code that is not snake_case), which OpenTelemetry exporters take as it is and `tracing-subscriber`'s text format quotes |
/// | `public_message` | the message sent, quoted |
/// | `internal_message` | the error's `Display` where it is not the message (under `skip_display`), quoted; else absent |
/// | `sources` | the `source()` chain, each cause's text joined by `: `, quoted; absent without a cause |
/// | `request_id` | the request's id under an envelope layer with request ids, quoted; else absent |
///
/// A quoted value is written in the syntax of Rust's `Debug` of a string: between double
/// quotes, `"` and `\` escaped by a backslash, `\n`, `\r` and `\t` as such, other
/// control characters, the Unicode line and paragraph separators and the bidirectional
/// controls as `\u{..}`. Whatever a client sends, a key=value reader (logfmt) of
/// `tracing-subscriber`'s text format sees these fields and no other, the line stays one
/// line, and two different texts never log alike.
///
/// Under an envelope layer with request ids, the envelope also ends with a `request_id`
/// member.
///
/// Never fails: if an extension member cannot be serialised, the response is the
/// standard `500 internal_server_error` envelope instead (and that failure is logged).
///
/// ```
/// use certifier_error::server::answer;
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, CertifierError)]
/// #[certifier(code = "internal_server_error", status = 503)]
/// struct Down {
///     #[source]
///     cause: std::io::Error,
/// }
///
/// let parts = answer(&Down { cause: std::io::Error::other("disk full") });
/// assert_eq!(parts.status, 503);
/// // The cause stays out of the body; the `tracing` feature logs it.
/// assert!(!String::from_utf8(parts.body).unwrap().contains("disk"));
/// ```
pub fn answer<T>(error: &T) -> ResponseParts
where
    T: CertifierError + Serialize + Error + ?Sized,
{
    answer_logged(error)
}

/// [`answer`], for any error whose cause the log can read: a type with a `catch_all`
/// variant is no `Error`.
pub(crate) fn answer_logged<T>(error: &T) -> ResponseParts
where
    T: CertifierError + Serialize + crate::__private::LogSource + ?Sized,
{
    let status = error.status();
    #[cfg(feature = "tracing")]
    self::log::response(status, error);
    if valid_status(status) != status {
        #[cfg(feature = "tracing")]
        self::log::bad_status(status, error);
        return internal_server_error();
    }
    // The direct writer: the bytes of the derived `Serialize`, without serde's detour.
    let mut body = Vec::with_capacity(256);
    if let Err(failure) = error.write_json(&mut body) {
        return unserialisable(error, &failure);
    }
    let mut headers = Vec::new();
    #[cfg(all(feature = "fluent", any(feature = "axum-0_8", feature = "actix-web-4")))]
    if let Some(locale) = self::language::translate(error, &mut body) {
        headers.push(("content-language", locale));
    }
    error.headers(&mut |name, value| {
        let value = value.to_string();
        if is_header_name(name) && is_header_value(&value) {
            headers.push((name, value));
        } else {
            #[cfg(feature = "tracing")]
            self::log::bad_header(name, error);
        }
    });
    finish(status, headers, body)
}

/// The parts, with the request id of the request being served (if any) written as the
/// last member of the envelope: spliced before its closing braces, so that the body
/// stays the direct writer's single buffer.
fn finish(status: u16, headers: Vec<(&'static str, String)>, mut body: Vec<u8>) -> ResponseParts {
    #[cfg(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14"))]
    let request_id =
        self::request_id::current().filter(|id| self::request_id::splice(&mut body, id));
    #[cfg(not(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14")))]
    let _ = &mut body;
    ResponseParts {
        status,
        headers,
        body,
        #[cfg(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14"))]
        request_id,
    }
}

/// The standard `500` response, for an error whose envelope could not be written.
#[cold]
fn unserialisable<T>(error: &T, failure: &serde_json::Error) -> ResponseParts
where
    T: CertifierError + crate::__private::LogSource + ?Sized,
{
    #[cfg(feature = "tracing")]
    self::log::unserialisable(error, failure);
    let _ = (error, failure);
    internal_server_error()
}

/// The standard `500 internal_server_error` response.
fn internal_server_error() -> ResponseParts {
    let fallback = StandardError::InternalServerError;
    let body = serde_json::to_vec(&fallback).unwrap_or_default();
    finish(fallback.status(), Vec::new(), body)
}

/// `status` if it is a valid HTTP status code (100 to 999), else 500. Every adapter's
/// status comes through here.
pub(crate) fn valid_status(status: u16) -> u16 {
    if (100..=999).contains(&status) {
        status
    } else {
        500
    }
}

/// A framework's response type, as the shared [`respond`] fills it.
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
pub(crate) trait Adapter {
    /// A response with `status` (valid: see [`ResponseParts::status`]), the
    /// [`CONTENT_TYPE`] header and `body`.
    fn start(status: u16, body: Vec<u8>) -> Self;
    /// Appends a header that [`answer`] has already found valid.
    fn append(&mut self, name: &'static str, value: String);
    /// Marks the response as an envelope, for the envelope layers.
    fn mark(&mut self, mark: self::envelope::Enveloped);
}

/// The framework response for `error`: [`answer`], in the adapter's types.
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
pub(crate) fn respond<R, T>(error: &T) -> R
where
    R: Adapter,
    T: CertifierError + Serialize + crate::__private::LogSource + ?Sized,
{
    let parts = answer_logged(error);
    let mut response = R::start(parts.status, parts.body);
    for (name, value) in parts.headers {
        response.append(name, value);
    }
    response.mark(self::envelope::Enveloped::with_request_id(parts.request_id));
    response
}

/// Whether `name` is a header name: one or more token characters (RFC 9110).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
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

    #[test]
    fn header_names() {
        assert!(is_header_name("Retry-After"));
        assert!(is_header_name("X-RateLimit-Scope"));
        assert!(!is_header_name(""));
        assert!(!is_header_name("Bad Name"));
        assert!(!is_header_name("a:b"));
    }

    #[test]
    fn statuses() {
        assert_eq!(valid_status(429), 429);
        assert_eq!(valid_status(100), 100);
        assert_eq!(valid_status(999), 999);
        assert_eq!(valid_status(99), 500);
        assert_eq!(valid_status(1000), 500);
    }
}
