//! Decoding whole HTTP responses on the client side, whatever the body holds.

use alloc::format;
use alloc::string::{String, ToString};
use core::fmt;
use core::time::Duration;

use serde::de::DeserializeOwned;

use crate::{Code, ErrorObject, ExtensionMap};

/// At most this many bytes of a body that is not an error envelope are kept in
/// [`ErrorResponse::excerpt`].
///
/// ```
/// assert_eq!(certifier_error::MAX_EXCERPT_LEN, 512);
/// ```
pub const MAX_EXCERPT_LEN: usize = 512;

/// An error response as a client received it: its status, its error object, and what
/// its headers say about retrying and about the request.
///
/// Built by [`ErrorResponse::decode`], [`ErrorResponse::from_parts`], [`decode_response`]
/// and, with the `reqwest` feature, `certifier_json()`, which never fail: when
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
/// assert_eq!(*error.code(), Code::RateLimited);
/// assert_eq!(error.error.extensions["retryAfter"], 30);
/// assert!(error.is_envelope());
///
/// let error = ErrorResponse::decode(502, b"<html><body>Bad Gateway</body></html>");
/// assert_eq!(*error.code(), Code::InternalServerError);
/// assert_eq!(error.excerpt.as_deref(), Some("<html><body>Bad Gateway</body></html>"));
/// assert!(!error.is_envelope());
/// ```
///
/// A body that was not what was expected on a 2xx status gets a code that no server
/// sends, made up on the client side: `unexpected_response` (the body does not fit the
/// expected type), `response_too_large` (the body is over the reader's size limit) or
/// `incomplete_response` (the connection ended before the whole body arrived). On any
/// other status the code follows the status, as [`decode`](Self::decode) says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorResponse {
    /// The HTTP status of the response.
    pub status: u16,
    /// The error object: the body's, or one made up from the status when the body has
    /// none. Branch on its `code`.
    pub error: ErrorObject,
    /// The start of the body (at most [`MAX_EXCERPT_LEN`] bytes, cut at a character
    /// boundary, invalid UTF-8 replaced) when the body was not what was expected;
    /// `None` when it was a Certifier envelope.
    pub excerpt: Option<String>,
    /// What the headers said; boxed, as most responses have none of it, to keep
    /// `Result<T, ErrorResponse>` small.
    headers: Option<alloc::boxed::Box<HeaderFacts>>,
}

/// The headers an [`ErrorResponse`] keeps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct HeaderFacts {
    /// The first `Retry-After` header that could be read.
    retry_after: Option<RetryAfter>,
    /// The first non-empty `x-request-id` header.
    request_id: Option<String>,
    /// The first non-empty `Content-Language` header.
    content_language: Option<String>,
}

/// A `Retry-After` header: a delay in seconds, or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RetryAfter {
    Delay(Duration),
    #[cfg(feature = "std")]
    Date(std::time::SystemTime),
}

/// What was wrong with a body that is not an error envelope, for the made-up message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Only the readers of streamed bodies (feature `reqwest`) stop early.
#[cfg_attr(not(feature = "reqwest-0_13"), allow(dead_code))]
pub(crate) enum BodyProblem {
    /// A whole body, on an error status, that is not an envelope.
    NotEnvelope,
    /// A whole body, on a 2xx status, that does not fit the expected type.
    DoesNotFit,
    /// More bytes than the reader accepts; the body was not read to its end.
    TooLarge { limit: usize },
    /// The connection ended before the whole body arrived.
    CutOff,
}

impl ErrorResponse {
    /// Decodes an error response from its status and body. Never fails: see
    /// [`ErrorResponse`].
    ///
    /// An RFC 9457 problem (`application/problem+json`, as the layers answer with
    /// `with_problem_details()`, or from any server) is read too: its `code` if it has
    /// one, else the code that follows from the status; its `detail`, else its `title`,
    /// as the message; `type` (unless `about:blank`) as the `doc_url` member; its other
    /// members, and those of its `extensions` object, as the extension members.
    ///
    /// A body that is neither gets the code that follows from the status, by
    /// [`Code::for_status`]: the same mapping the server layers answer bare statuses
    /// with.
    ///
    /// ```
    /// use certifier_error::{Code, ErrorResponse};
    ///
    /// let error = ErrorResponse::decode(404, b"");
    /// assert_eq!(*error.code(), Code::NotFound);
    /// assert_eq!(error.excerpt.as_deref(), Some(""));
    /// assert_eq!(ErrorResponse::decode(418, b"teapot").error.code, Code::BadRequest);
    ///
    /// let ours = br#"{"type":"about:blank","title":"Too Many Requests","status":429,
    ///     "detail":"Slow down.","code":"rate_limited","retry_after":30,"request_id":"r1"}"#;
    /// let error = ErrorResponse::decode(429, ours);
    /// assert_eq!((error.code(), error.message()), (&Code::RateLimited, "Slow down."));
    /// assert_eq!(error.retry_after(), Some(std::time::Duration::from_secs(30)));
    /// assert_eq!(error.request_id(), Some("r1"));
    ///
    /// // A server that knows nothing of codes.
    /// let theirs = br#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"balance":30}"#;
    /// let error = ErrorResponse::decode(403, theirs);
    /// assert_eq!(*error.code(), Code::Forbidden);
    /// assert_eq!(error.message(), "You do not have enough credit.");
    /// assert_eq!(error.error.extensions["doc_url"], "https://example.com/probs/out-of-credit");
    /// assert_eq!(error.error.extensions["balance"], 30);
    /// assert!(error.is_envelope());
    /// ```
    #[must_use]
    pub fn decode(status: u16, body: &[u8]) -> Self {
        match serde_json::from_slice::<crate::ErrorEnvelope>(body) {
            Ok(envelope) => ErrorResponse {
                status,
                error: envelope.error,
                excerpt: None,
                headers: None,
            },
            Err(_) => ErrorResponse::from_problem(status, body).unwrap_or_else(|| {
                ErrorResponse::unrecognised(status, body, BodyProblem::NotEnvelope)
            }),
        }
    }

    /// Reads an RFC 9457 problem (`application/problem+json`), from this crate's
    /// layers or from any server: a JSON object with a string `type`, `title` or
    /// `detail`, or a numeric `status`. `None` for any other body.
    ///
    /// The code is the `code` member when it is a string, else the one that follows
    /// from the status; the message is `detail`, else `title`. `type`, unless it is
    /// `about:blank`, becomes the `doc_url` member; `title`, `status` and `detail` are
    /// left out; the members of an `extensions` object (where the layers put those
    /// named as RFC 9457's) join the others.
    fn from_problem(status: u16, body: &[u8]) -> Option<Self> {
        use serde_json::Value;

        let mut members: ExtensionMap = serde_json::from_slice(body).ok()?;
        let is_text = |name: &str| members.get(name).is_some_and(Value::is_string);
        let is_problem = is_text("type")
            || is_text("title")
            || is_text("detail")
            || members.get("status").is_some_and(Value::is_u64);
        if !is_problem {
            return None;
        }
        // A member of another type than RFC 9457 gives it is not the problem's: it is
        // kept as any other member.
        let mut take_text = |name: &str| match members.get(name)? {
            Value::String(_) => match members.remove(name)? {
                Value::String(text) => Some(text),
                _ => None,
            },
            _ => None,
        };
        let code = take_text("code").map_or_else(|| Code::for_status(status), Code::from);
        let detail = take_text("detail");
        let title = take_text("title");
        let kind = take_text("type");
        if members.get("status").is_some_and(Value::is_u64) {
            members.remove("status");
        }
        let message = detail.or(title).unwrap_or_else(|| {
            format!("The server answered {status} with a problem that has no detail.")
        });
        if members.get("extensions").is_some_and(Value::is_object) {
            if let Some(Value::Object(nested)) = members.remove("extensions") {
                members.extend(nested);
            }
        }
        if let Some(url) = kind.filter(|url| url != "about:blank") {
            members.insert("doc_url".to_string(), Value::String(url));
        }
        Some(ErrorResponse {
            status,
            error: ErrorObject {
                code,
                message,
                extensions: members,
            },
            excerpt: None,
            headers: None,
        })
    }

    /// Decodes a gRPC error status (feature `tonic`), so that one client code path serves
    /// HTTP and gRPC answers alike. Never panics, whatever the details hold.
    ///
    /// - The code is `ErrorInfo.reason` when the details have one, else the code of the
    ///   gRPC code (`NotFound` gives `not_found`, `Unavailable` `internal_server_error`).
    /// - The HTTP status is the code's, or for `internal_server_error` and codes this
    ///   crate does not know, the one the gRPC code stands for (`Unavailable` 503,
    ///   `DeadlineExceeded` 504).
    /// - The message is the status message; the `ErrorInfo` metadata become the
    ///   extension members, each parsed as JSON where it parses and kept as text where
    ///   not (at most 256 of them).
    /// - [`retry_after`](Self::retry_after) reads `RetryInfo`;
    ///   [`request_id`](Self::request_id) reads `RequestInfo`, else the `x-request-id`
    ///   metadata.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use certifier_error::{Code, ErrorResponse, StandardError};
    ///
    /// let status = tonic::Status::from(StandardError::RateLimited);
    /// let error = ErrorResponse::from_status(&status);
    /// assert_eq!((error.status, error.code()), (429, &Code::RateLimited));
    /// assert!(error.is_retryable());
    ///
    /// // A status from a server that knows nothing of codes.
    /// let error = ErrorResponse::from_status(&tonic::Status::unavailable("try later"));
    /// assert_eq!((error.status, error.code(), error.message()), (503, &Code::InternalServerError, "try later"));
    /// ```
    #[cfg(feature = "tonic-0_14")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tonic-0_14")))]
    #[must_use]
    pub fn from_status(status: &::tonic::Status) -> Self {
        use tonic_types::StatusExt as _;

        /// At most this many metadata entries become members.
        const MAX_MEMBERS: usize = 256;
        let details = status.get_error_details();
        let (grpc_status, grpc_code) = crate::tonic::status_for_code(status.code());
        let info = details.error_info();
        let code = info
            .map(|info| info.reason.trim())
            .filter(|reason| !reason.is_empty())
            .map_or(grpc_code, Code::from);
        let http_status = match code.status() {
            // The table gives that code 500, 502, 503 and 504: the gRPC code says which.
            Some(500) if grpc_status >= 500 => grpc_status,
            Some(known) => known,
            None => grpc_status,
        };
        let mut extensions = ExtensionMap::new();
        if let Some(info) = info {
            let mut entries: alloc::vec::Vec<_> = info.metadata.iter().collect();
            // A `HashMap` has no order: sorted, the members read alike every time.
            entries.sort();
            for (name, text) in entries.into_iter().take(MAX_MEMBERS) {
                let value = serde_json::from_str(text)
                    .unwrap_or_else(|_| serde_json::Value::String(text.clone()));
                extensions.insert(name.clone(), value);
            }
        }
        let retry_after = details
            .retry_info()
            .and_then(|retry| retry.retry_delay)
            .map(RetryAfter::Delay);
        let request_id = details
            .request_info()
            .map(|info| info.request_id.clone())
            .or_else(|| {
                let value = status.metadata().get("x-request-id")?;
                value.to_str().ok().map(ToString::to_string)
            })
            .filter(|id| !id.trim().is_empty());
        let headers = (retry_after.is_some() || request_id.is_some()).then(|| {
            alloc::boxed::Box::new(HeaderFacts {
                retry_after,
                request_id,
                content_language: None,
            })
        });
        ErrorResponse {
            status: http_status,
            error: ErrorObject {
                code,
                message: status.message().to_string(),
                extensions,
            },
            excerpt: None,
            headers,
        }
    }

    /// Decodes an error response from its status, its headers and its body, for any HTTP
    /// client: [`decode`](Self::decode), then [`with_headers`](Self::with_headers).
    ///
    /// `headers` is any list of name/value pairs: an array of string pairs, or
    /// `&http::HeaderMap` (feature `http`), which is what hyper, ureq 3 and reqwest hand
    /// out.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use certifier_error::{Code, ErrorResponse};
    ///
    /// let headers = [("Retry-After", "30"), ("X-Request-Id", "req_42")];
    /// let error = ErrorResponse::from_parts(503, headers, b"<html>Service Unavailable</html>");
    /// assert_eq!(*error.code(), Code::InternalServerError);
    /// assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    /// assert_eq!(error.request_id(), Some("req_42"));
    /// assert!(error.is_retryable());
    /// ```
    ///
    /// With the headers of an `http` response, as hyper returns it:
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use certifier_error::http::{HeaderMap, HeaderValue};
    /// use certifier_error::{Code, ErrorResponse};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("retry-after", HeaderValue::from_static("120"));
    /// let body = br#"{"error":{"code":"rate_limited","message":"Slow down.","request_id":"req_7"}}"#;
    /// let error = ErrorResponse::from_parts(429, &headers, body);
    /// assert_eq!(*error.code(), Code::RateLimited);
    /// assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
    /// assert_eq!(error.request_id(), Some("req_7"));
    /// ```
    pub fn from_parts<I, N, V>(status: u16, headers: I, body: &[u8]) -> Self
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        ErrorResponse::decode(status, body).with_headers(headers)
    }

    /// Keeps what `headers` say: the first readable `Retry-After` (delta-seconds or an
    /// HTTP-date), the first non-empty `x-request-id` and `Content-Language`. Names are compared without
    /// regard to case; values that cannot be read are skipped. Values already kept are
    /// replaced only by a readable header.
    ///
    /// For a whole response decoded with [`decode_response`]:
    ///
    /// ```
    /// use certifier_error::decode_response;
    ///
    /// let headers = [("x-request-id", "req_9")];
    /// let error = decode_response::<Vec<u32>>(404, b"")
    ///     .map_err(|error| error.with_headers(headers))
    ///     .unwrap_err();
    /// assert_eq!(error.request_id(), Some("req_9"));
    /// ```
    #[must_use]
    pub fn with_headers<I, N, V>(mut self, headers: I) -> Self
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut retry_after = None;
        let mut request_id = None;
        let mut content_language = None;
        let text = |value: &[u8]| {
            core::str::from_utf8(value)
                .ok()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(ToString::to_string)
        };
        for (name, value) in headers {
            let (name, value) = (name.as_ref(), value.as_ref());
            if retry_after.is_none() && name.eq_ignore_ascii_case("retry-after") {
                retry_after = parse_retry_after(value);
            } else if request_id.is_none() && name.eq_ignore_ascii_case("x-request-id") {
                request_id = text(value);
            } else if content_language.is_none() && name.eq_ignore_ascii_case("content-language") {
                content_language = text(value);
            }
        }
        if retry_after.is_some() || request_id.is_some() || content_language.is_some() {
            let kept = self.headers.get_or_insert_with(Default::default);
            if retry_after.is_some() {
                kept.retry_after = retry_after;
            }
            if request_id.is_some() {
                kept.request_id = request_id;
            }
            if content_language.is_some() {
                kept.content_language = content_language;
            }
        }
        self
    }

    /// How long the server asks the client to wait before trying again: the
    /// `Retry-After` header, else the error object's numeric `retry_after` member
    /// (`retryAfter` too, for a camelCase API) in seconds; `None` when neither says.
    ///
    /// A header in delta-seconds is returned as sent (a number too large for a `u64`
    /// counts as `u64::MAX` seconds). A header holding an HTTP-date is measured from now,
    /// each time this is called; a date in the past gives zero. HTTP-dates are read with
    /// the `std` feature (the default); without it, such a header is skipped. A member
    /// that is negative or not a number is not read.
    ///
    /// Cap the delay before sleeping on it: the server chooses it.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    ///
    /// use certifier_error::ErrorResponse;
    ///
    /// let body = br#"{"error":{"code":"rate_limited","message":"m","retry_after":30}}"#;
    /// let member = ErrorResponse::decode(429, body);
    /// assert_eq!(member.retry_after(), Some(Duration::from_secs(30)));
    ///
    /// // The header wins over the member.
    /// let header = member.clone().with_headers([("Retry-After", "5")]);
    /// assert_eq!(header.retry_after(), Some(Duration::from_secs(5)));
    ///
    /// let in_a_minute = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(60));
    /// let dated = ErrorResponse::from_parts(503, [("Retry-After", in_a_minute)], b"");
    /// let wait = dated.retry_after().unwrap();
    /// assert!(wait > Duration::from_secs(55) && wait <= Duration::from_secs(60), "{wait:?}");
    ///
    /// let past = ErrorResponse::from_parts(503, [("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT")], b"");
    /// assert_eq!(past.retry_after(), Some(Duration::ZERO));
    ///
    /// assert_eq!(ErrorResponse::decode(503, b"").retry_after(), None);
    /// ```
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        match self.headers.as_ref().and_then(|kept| kept.retry_after) {
            Some(RetryAfter::Delay(delay)) => Some(delay),
            #[cfg(feature = "std")]
            Some(RetryAfter::Date(date)) => Some(
                date.duration_since(std::time::SystemTime::now())
                    .unwrap_or(Duration::ZERO),
            ),
            None => {
                let extensions = &self.error.extensions;
                let member = extensions
                    .get("retry_after")
                    .or_else(|| extensions.get("retryAfter"))?;
                match member.as_u64() {
                    Some(seconds) => Some(Duration::from_secs(seconds)),
                    None => Duration::try_from_secs_f64(member.as_f64()?).ok(),
                }
            }
        }
    }

    /// The language of the error's `message`: the `Content-Language` header, as a server
    /// with translations (feature `fluent`) sends it; `None` without the header. Ask for
    /// a language with an `Accept-Language` request header: clients send none by
    /// themselves.
    ///
    /// ```
    /// use certifier_error::ErrorResponse;
    ///
    /// let body = r#"{"error":{"code":"not_found","message":"La ressource demandée n'existe pas."}}"#;
    /// let error = ErrorResponse::from_parts(404, [("content-language", "fr")], body.as_bytes());
    /// assert_eq!(error.content_language(), Some("fr"));
    /// assert_eq!(ErrorResponse::decode(404, body.as_bytes()).content_language(), None);
    /// ```
    #[must_use]
    pub fn content_language(&self) -> Option<&str> {
        self.headers
            .as_ref()
            .and_then(|kept| kept.content_language.as_deref())
    }

    /// The id the server gave the request, to quote to its support: the `x-request-id`
    /// header, else the error object's string `request_id` member.
    ///
    /// ```
    /// use certifier_error::ErrorResponse;
    ///
    /// let body = br#"{"error":{"code":"not_found","message":"m","request_id":"req_body"}}"#;
    /// assert_eq!(ErrorResponse::decode(404, body).request_id(), Some("req_body"));
    ///
    /// let error = ErrorResponse::from_parts(404, [("x-request-id", "req_header")], body);
    /// assert_eq!(error.request_id(), Some("req_header"));
    ///
    /// assert_eq!(ErrorResponse::decode(404, b"").request_id(), None);
    /// ```
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        match self
            .headers
            .as_ref()
            .and_then(|kept| kept.request_id.as_deref())
        {
            Some(id) => Some(id),
            None => self.error.extensions.get("request_id")?.as_str(),
        }
    }

    /// Whether the same request may succeed later: true for the code `rate_limited` and
    /// for the statuses 502, 503 and 504 (a gateway or the service is briefly
    /// unavailable). Wait [`retry_after`](Self::retry_after) first when it is given.
    ///
    /// ```
    /// use certifier_error::ErrorResponse;
    ///
    /// let limited = br#"{"error":{"code":"rate_limited","message":"m"}}"#;
    /// assert!(ErrorResponse::decode(429, limited).is_retryable());
    /// assert!(ErrorResponse::decode(503, b"").is_retryable());
    /// assert!(ErrorResponse::decode(504, b"<html>Gateway Timeout</html>").is_retryable());
    /// assert!(!ErrorResponse::decode(500, b"").is_retryable());
    /// assert!(!ErrorResponse::decode(404, b"").is_retryable());
    /// ```
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.error.code == Code::RateLimited || matches!(self.status, 502..=504)
    }

    /// An error made up from the status, for a body that was not what was expected.
    pub(crate) fn unrecognised(status: u16, body: &[u8], problem: BodyProblem) -> Self {
        let success = (200..=299).contains(&status);
        let message = match problem {
            BodyProblem::NotEnvelope if !success => {
                format!("The server answered {status} without a Certifier error body.")
            }
            BodyProblem::NotEnvelope | BodyProblem::DoesNotFit => {
                format!("The server answered {status} with a body this client cannot read.")
            }
            BodyProblem::TooLarge { limit } => format!(
                "The server answered {status} with a body larger than the {limit}-byte limit."
            ),
            BodyProblem::CutOff => format!(
                "The server answered {status}, but the connection ended before the whole body \
                 arrived."
            ),
        };
        // An error status says what failed; only a success needs a code made up here.
        let code = match problem {
            BodyProblem::NotEnvelope => Code::for_status(status),
            _ if !success => Code::for_status(status),
            BodyProblem::DoesNotFit => Code::from("unexpected_response"),
            BodyProblem::TooLarge { .. } => Code::from("response_too_large"),
            BodyProblem::CutOff => Code::from("incomplete_response"),
        };
        ErrorResponse {
            status,
            error: ErrorObject {
                code,
                message,
                extensions: ExtensionMap::new(),
            },
            excerpt: Some(excerpt(body)),
            headers: None,
        }
    }

    /// The error's code: branch on it, rather than on the status or the message.
    /// Short for `self.error.code`.
    ///
    /// ```
    /// use certifier_error::{Code, ErrorResponse};
    ///
    /// let error = ErrorResponse::decode(409, br#"{"error":{"code":"conflict","message":"m"}}"#);
    /// assert_eq!(*error.code(), Code::Conflict);
    /// assert_eq!(error.code(), "conflict");
    /// ```
    #[must_use]
    pub fn code(&self) -> &Code {
        &self.error.code
    }

    /// The error's message, safe to show a user. Short for `self.error.message`.
    ///
    /// ```
    /// use certifier_error::ErrorResponse;
    ///
    /// let error = ErrorResponse::decode(409, br#"{"error":{"code":"conflict","message":"Try again."}}"#);
    /// assert_eq!(error.message(), "Try again.");
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.error.message
    }

    /// Whether the body was a Certifier error envelope, or an RFC 9457 problem (rather
    /// than made up from the status).
    ///
    /// ```
    /// use certifier_error::ErrorResponse;
    ///
    /// assert!(ErrorResponse::decode(409, br#"{"error":{"code":"conflict","message":"m"}}"#).is_envelope());
    /// assert!(!ErrorResponse::decode(409, b"conflict").is_envelope());
    /// ```
    #[must_use]
    pub fn is_envelope(&self) -> bool {
        self.excerpt.is_none()
    }

    /// The extension members as an endpoint's own type.
    ///
    /// # Errors
    ///
    /// When the members do not fit `X`: serde_json's error says where.
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

/// Writes the status and the code before the message, `429 rate_limited: Too many
/// requests.`, so that a log line or a `?` that ends in `main` says what the server
/// answered. The message alone, for a user, is `error.message()`.
///
/// ```
/// use certifier_error::ErrorResponse;
///
/// let body = br#"{"error":{"code":"rate_limited","message":"Too many requests."}}"#;
/// let error = ErrorResponse::decode(429, body);
/// assert_eq!(error.to_string(), "429 rate_limited: Too many requests.");
/// assert_eq!(error.message(), "Too many requests.");
///
/// let error = ErrorResponse::decode(404, b"");
/// assert_eq!(
///     error.to_string(),
///     "404 not_found: The server answered 404 without a Certifier error body.",
/// );
/// ```
impl fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status, self.error.code, self.error.message
        )
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
/// # Errors
///
/// An [`ErrorResponse`] for any status outside 200 to 299, and for a success body
/// that does not fit `T`.
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
/// assert_eq!(*error.code(), Code::NotFound);
///
/// let error = decode_response::<Vec<u32>>(200, b"<html>").unwrap_err();
/// assert_eq!(error.code().as_str(), "unexpected_response");
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
    decoded.map_err(|_| ErrorResponse::unrecognised(status, body, BodyProblem::DoesNotFit))
}

/// Reads a `Retry-After` value: delta-seconds, or an HTTP-date (with `std`).
fn parse_retry_after(value: &[u8]) -> Option<RetryAfter> {
    let text = core::str::from_utf8(value).ok()?.trim();
    if !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()) {
        // All digits: only too large a number fails to parse.
        let seconds = text.parse().unwrap_or(u64::MAX);
        return Some(RetryAfter::Delay(Duration::from_secs(seconds)));
    }
    #[cfg(feature = "std")]
    if let Ok(date) = httpdate::parse_http_date(text) {
        return Some(RetryAfter::Date(date));
    }
    None
}

/// At most [`MAX_EXCERPT_LEN`] bytes of `body`, never cutting a UTF-8 character in two.
fn excerpt(body: &[u8]) -> String {
    let limit = body.len().min(MAX_EXCERPT_LEN);
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
        assert_eq!(excerpt(long.as_bytes()).len(), MAX_EXCERPT_LEN);
        // "é" is two bytes: an odd offset puts the limit inside one.
        let accents = format!("x{}", "é".repeat(400));
        assert_eq!(excerpt(accents.as_bytes()), format!("x{}", "é".repeat(255)));
        assert_eq!(excerpt(b"\xff\xfe ok"), "\u{fffd}\u{fffd} ok");
        // No character boundary anywhere: cut at the limit, at most 3 bytes back.
        let continuation = vec![0x80_u8; 700];
        assert!(!excerpt(&continuation).is_empty());
    }

    #[test]
    fn retry_after_headers() {
        let wait = |value: &str| {
            ErrorResponse::from_parts(503, [("retry-after", value)], b"").retry_after()
        };
        assert_eq!(wait("0"), Some(Duration::ZERO));
        assert_eq!(wait(" 42 "), Some(Duration::from_secs(42)));
        assert_eq!(
            wait("99999999999999999999999"),
            Some(Duration::from_secs(u64::MAX))
        );
        for unreadable in ["", "-5", "1.5", "soon", "42s", "+3"] {
            assert_eq!(wait(unreadable), None, "{unreadable:?}");
        }
        // The three HTTP-date forms, all long past.
        for date in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(wait(date), Some(Duration::ZERO), "{date}");
        }
        // Names without regard to case; the first readable value wins.
        let headers = [
            ("RETRY-AFTER", "later"),
            ("Retry-After", "3"),
            ("retry-after", "9"),
        ];
        let error = ErrorResponse::from_parts(429, headers, b"");
        assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
        // Bytes that are not UTF-8 are skipped.
        let error = ErrorResponse::from_parts(429, [("retry-after", &b"\xff1"[..])], b"");
        assert_eq!(error.retry_after(), None);
    }

    #[test]
    fn retry_after_members() {
        let wait = |member: &str| {
            let body = format!(r#"{{"error":{{"code":"rate_limited","message":"m",{member}}}}}"#);
            ErrorResponse::decode(429, body.as_bytes()).retry_after()
        };
        assert_eq!(wait(r#""retry_after":30"#), Some(Duration::from_secs(30)));
        assert_eq!(wait(r#""retryAfter":30"#), Some(Duration::from_secs(30)));
        assert_eq!(
            wait(r#""retry_after":1.5"#),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            wait(r#""retry_after":1,"retryAfter":2"#),
            Some(Duration::from_secs(1))
        );
        for unreadable in [
            r#""retry_after":-1"#,
            r#""retry_after":"30""#,
            r#""retry_after":null"#,
            r#""retry_after":1e400"#,
        ] {
            assert_eq!(wait(unreadable), None, "{unreadable}");
        }
    }

    #[test]
    fn request_ids() {
        let id = |headers: &[(&str, &[u8])]| {
            let body = br#"{"error":{"code":"conflict","message":"m","request_id":"req_body"}}"#;
            ErrorResponse::from_parts(409, headers.iter().copied(), body)
                .request_id()
                .map(String::from)
        };
        assert_eq!(id(&[]).as_deref(), Some("req_body"));
        assert_eq!(
            id(&[("X-Request-ID", b" req_h ")]).as_deref(),
            Some("req_h")
        );
        // Empty or not UTF-8: the member instead.
        assert_eq!(id(&[("x-request-id", b"  ")]).as_deref(), Some("req_body"));
        assert_eq!(
            id(&[("x-request-id", b"\xff")]).as_deref(),
            Some("req_body")
        );
        assert_eq!(
            id(&[("x-request-id", b""), ("x-request-id", b"req_2")]).as_deref(),
            Some("req_2")
        );
        let body = br#"{"error":{"code":"conflict","message":"m","request_id":7}}"#;
        assert_eq!(ErrorResponse::decode(409, body).request_id(), None);
    }

    #[test]
    fn headers_kept_earlier_are_replaced_only_by_readable_ones() {
        let error =
            ErrorResponse::from_parts(429, [("retry-after", "5"), ("x-request-id", "a")], b"")
                .with_headers([("retry-after", "soon")])
                .with_headers([("x-request-id", "b")]);
        assert_eq!(error.retry_after(), Some(Duration::from_secs(5)));
        assert_eq!(error.request_id(), Some("b"));
    }

    #[test]
    fn a_success_status_without_an_envelope_keeps_its_old_decoding() {
        let error = ErrorResponse::decode(200, b"<html>");
        assert_eq!(*error.code(), Code::InternalServerError);
        assert_eq!(
            error.error.message,
            "The server answered 200 with a body this client cannot read."
        );
    }

    #[test]
    fn retryable_answers() {
        for (status, body, retryable) in [
            (429, &b""[..], true),
            (
                400,
                br#"{"error":{"code":"rate_limited","message":"m"}}"#,
                true,
            ),
            (502, b"", true),
            (503, b"", true),
            (504, b"", true),
            (500, b"", false),
            (501, b"", false),
            (505, b"", false),
            (409, b"", false),
        ] {
            assert_eq!(
                ErrorResponse::decode(status, body).is_retryable(),
                retryable,
                "{status}"
            );
        }
    }

    #[test]
    fn a_json_body_that_is_no_envelope_is_unrecognised() {
        let error = ErrorResponse::decode(400, br#"{"message":"nope"}"#);
        assert_eq!(*error.code(), Code::BadRequest);
        assert_eq!(error.excerpt.as_deref(), Some(r#"{"message":"nope"}"#));
    }
    #[test]
    fn any_one_problem_member_makes_a_problem() {
        for body in [
            r#"{"type":"https://e.com/p"}"#,
            r#"{"title":"Gone"}"#,
            r#"{"detail":"It left."}"#,
            r#"{"status":410}"#,
        ] {
            let error = ErrorResponse::decode(410, body.as_bytes());
            assert!(error.is_envelope(), "{body}");
            assert_eq!(*error.code(), Code::NotFound, "{body}");
        }
        // Members of the wrong type, or none of the four: not a problem.
        for body in [
            r#"{"type":1,"title":2,"detail":null,"status":"410"}"#,
            r#"{"status":-1}"#,
            r#"{"code":"not_found"}"#,
            r#"[1]"#,
        ] {
            assert!(
                !ErrorResponse::decode(410, body.as_bytes()).is_envelope(),
                "{body}"
            );
        }
    }

    #[test]
    fn a_problem_is_read_member_by_member() {
        let body = br#"{"type":"https://e.com/p","title":"T","status":409,"detail":"D",
            "code":"plan_limit","limit":3,"extensions":{"status":"nested","title":"x"}}"#;
        let error = ErrorResponse::decode(409, body);
        assert_eq!(error.code(), "plan_limit");
        assert_eq!(error.message(), "D");
        let mut members: alloc::vec::Vec<_> = error.error.extensions.iter().collect();
        members.sort_by(|a, b| a.0.cmp(b.0));
        let expected = [
            ("doc_url", serde_json::json!("https://e.com/p")),
            ("limit", serde_json::json!(3)),
            ("status", serde_json::json!("nested")),
            ("title", serde_json::json!("x")),
        ];
        assert_eq!(members.len(), expected.len(), "{members:?}");
        for ((name, value), (expected_name, expected_value)) in members.iter().zip(&expected) {
            assert_eq!(
                (*name, *value),
                (&(*expected_name).to_string(), expected_value)
            );
        }
        // The title when there is no detail; a made-up message when neither; a code
        // that is not a string follows the status; about:blank is no doc_url.
        let error = ErrorResponse::decode(429, br#"{"type":"about:blank","title":"T","code":7}"#);
        assert_eq!((error.code(), error.message()), (&Code::RateLimited, "T"));
        assert!(error.error.extensions.get("doc_url").is_none());
        assert_eq!(error.error.extensions["code"], 7);
        let error = ErrorResponse::decode(403, br#"{"status":403,"extensions":[1]}"#);
        assert_eq!(
            error.message(),
            "The server answered 403 with a problem that has no detail."
        );
        // Members of another type than RFC 9457 gives them are kept as they came.
        assert_eq!(
            error.error.extensions.len(),
            1,
            "{:?}",
            error.error.extensions
        );
        assert_eq!(error.error.extensions["extensions"], serde_json::json!([1]));
        let error =
            ErrorResponse::decode(400, br#"{"title":"T","type":1,"detail":[],"status":"bad"}"#);
        assert_eq!(error.message(), "T");
        assert_eq!(error.error.extensions["type"], 1);
        assert_eq!(error.error.extensions["detail"], serde_json::json!([]));
        assert_eq!(error.error.extensions["status"], "bad");
    }

    #[test]
    fn the_accessors_read_what_was_decoded() {
        let body = br#"{"error":{"code":"conflict","message":"Try again."}}"#;
        let error = ErrorResponse::decode(409, body);
        assert_eq!(error.message(), "Try again.");
        assert_eq!(error.to_string(), "409 conflict: Try again.");
        assert_eq!(error.content_language(), None);
        let error = error.with_headers([
            ("Content-Language", &b" "[..]),
            ("content-language", b"\xff"),
            ("CONTENT-LANGUAGE", b" fr-CH "),
            ("content-language", b"de"),
        ]);
        assert_eq!(error.content_language(), Some("fr-CH"));
        assert_eq!(error.retry_after(), None);
        assert_eq!(error.request_id(), None);
        // A later header list replaces the language only with a readable one.
        let error = error.with_headers([("content-language", "")]);
        assert_eq!(error.content_language(), Some("fr-CH"));
        let error = error.with_headers([("content-language", "it")]);
        assert_eq!(error.content_language(), Some("it"));
        // Each header kept alone leaves the others unset.
        let only_id = ErrorResponse::decode(409, body).with_headers([("x-request-id", "r")]);
        assert_eq!(
            (only_id.retry_after(), only_id.content_language()),
            (None, None)
        );
        let only_wait = ErrorResponse::decode(409, body).with_headers([("retry-after", "1")]);
        assert_eq!(
            (only_wait.request_id(), only_wait.content_language()),
            (None, None)
        );
        // Headers with no value worth keeping keep nothing at all.
        let none = ErrorResponse::decode(409, body).with_headers([("x-other", "1")]);
        assert_eq!(none, ErrorResponse::decode(409, body));
    }

    #[test]
    fn an_excerpt_backs_up_at_most_three_bytes_and_never_past_the_body() {
        // A four-byte character across the limit: cut before it.
        let body = format!("{}{}", "x".repeat(MAX_EXCERPT_LEN - 2), "😀");
        assert_eq!(excerpt(body.as_bytes()), "x".repeat(MAX_EXCERPT_LEN - 2));
        // A body exactly at the limit, ending in a whole character: all of it.
        let body = format!("{}{}", "x".repeat(MAX_EXCERPT_LEN - 4), "😀");
        assert_eq!(excerpt(body.as_bytes()), body);
        // Continuation bytes only: the cut backs up three bytes, no more.
        let continuation = vec![0x80_u8; 700];
        assert_eq!(
            excerpt(&continuation),
            "\u{fffd}".repeat(MAX_EXCERPT_LEN - 3)
        );
        // A short body of continuation bytes is kept whole.
        assert_eq!(excerpt(&[0x80, 0x80]), "\u{fffd}\u{fffd}");
    }

    #[test]
    fn only_a_success_status_decodes_the_expected_type() {
        let envelope = br#"{"error":{"code":"not_found","message":"m"}}"#;
        for status in [199, 300, 404, 500] {
            let error = decode_response::<serde_json::Value>(status, b"[1]").unwrap_err();
            assert_eq!(error.status, status);
            let error = decode_response::<serde_json::Value>(status, envelope).unwrap_err();
            assert_eq!(error.code(), "not_found");
        }
        for status in [200, 204, 299] {
            let value = decode_response::<serde_json::Value>(status, envelope).unwrap();
            assert_eq!(value["error"]["code"], "not_found");
            assert_eq!(decode_response::<Option<u8>>(status, b" \n").unwrap(), None);
        }
        let error = decode_response::<u8>(200, b"[1]").unwrap_err();
        assert_eq!(error.code(), "unexpected_response");
    }

    #[test]
    fn made_up_errors_say_what_was_wrong() {
        let cases = [
            (
                200,
                BodyProblem::DoesNotFit,
                "unexpected_response",
                "The server answered 200 with a body this client cannot read.",
            ),
            (
                200,
                BodyProblem::TooLarge { limit: 10 },
                "response_too_large",
                "The server answered 200 with a body larger than the 10-byte limit.",
            ),
            (
                200,
                BodyProblem::CutOff,
                "incomplete_response",
                "The server answered 200, but the connection ended before the whole body arrived.",
            ),
            (
                404,
                BodyProblem::CutOff,
                "not_found",
                "The server answered 404, but the connection ended before the whole body arrived.",
            ),
            (
                503,
                BodyProblem::TooLarge { limit: 1 },
                "internal_server_error",
                "The server answered 503 with a body larger than the 1-byte limit.",
            ),
            (
                299,
                BodyProblem::NotEnvelope,
                "internal_server_error",
                "The server answered 299 with a body this client cannot read.",
            ),
            (
                300,
                BodyProblem::NotEnvelope,
                "internal_server_error",
                "The server answered 300 without a Certifier error body.",
            ),
            (
                199,
                BodyProblem::DoesNotFit,
                "internal_server_error",
                "The server answered 199 with a body this client cannot read.",
            ),
        ];
        for (status, problem, code, message) in cases {
            let error = ErrorResponse::unrecognised(status, b"body", problem);
            assert_eq!(
                (error.code().as_str(), error.message()),
                (code, message),
                "{status} {problem:?}"
            );
            assert_eq!(error.excerpt.as_deref(), Some("body"));
        }
    }

    #[cfg(feature = "tonic-0_14")]
    #[test]
    fn a_grpc_status_is_read_detail_by_detail() {
        use std::collections::HashMap;
        use tonic_types::{ErrorDetails, StatusExt as _};

        let mut metadata = HashMap::new();
        metadata.insert("limit".to_string(), "3".to_string());
        metadata.insert("plan".to_string(), "free plan".to_string());
        let mut details =
            ErrorDetails::with_error_info("payment_required", "example.com", metadata);
        details.set_retry_info(Some(Duration::from_secs(7)));
        details.set_request_info("req_1", "");
        let status = ::tonic::Status::with_error_details(
            ::tonic::Code::FailedPrecondition,
            "Upgrade.",
            details,
        );
        let error = ErrorResponse::from_status(&status);
        assert_eq!(
            (error.status, error.code().as_str(), error.message()),
            (402, "payment_required", "Upgrade.")
        );
        assert_eq!(error.error.extensions["limit"], 3);
        assert_eq!(error.error.extensions["plan"], "free plan");
        assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));
        assert_eq!(error.request_id(), Some("req_1"));
        assert!(error.is_envelope());

        // A blank reason follows the gRPC code; internal_server_error takes the gRPC
        // code's 5xx; an unknown code too; a 500 stays 500.
        let blank = ErrorDetails::with_error_info(" ", "d", HashMap::new());
        let status = ::tonic::Status::with_error_details(::tonic::Code::NotFound, "m", blank);
        let error = ErrorResponse::from_status(&status);
        assert_eq!((error.status, error.code()), (404, &Code::NotFound));
        assert_eq!((error.retry_after(), error.request_id()), (None, None));
        let internal = ErrorDetails::with_error_info("internal_server_error", "d", HashMap::new());
        let status = ::tonic::Status::with_error_details(::tonic::Code::Unavailable, "m", internal);
        assert_eq!(ErrorResponse::from_status(&status).status, 503);
        let internal = ErrorDetails::with_error_info("internal_server_error", "d", HashMap::new());
        let status = ::tonic::Status::with_error_details(::tonic::Code::NotFound, "m", internal);
        assert_eq!(ErrorResponse::from_status(&status).status, 500);
        let unknown = ErrorDetails::with_error_info("made_up", "d", HashMap::new());
        let status =
            ::tonic::Status::with_error_details(::tonic::Code::DeadlineExceeded, "m", unknown);
        let error = ErrorResponse::from_status(&status);
        assert_eq!((error.status, error.code().as_str()), (504, "made_up"));

        // The request id from the metadata when no RequestInfo says; a blank one is none.
        let mut status = ::tonic::Status::not_found("m");
        status
            .metadata_mut()
            .insert("x-request-id", "req_m".parse().unwrap());
        assert_eq!(
            ErrorResponse::from_status(&status).request_id(),
            Some("req_m")
        );
        let mut status = ::tonic::Status::not_found("m");
        status
            .metadata_mut()
            .insert("x-request-id", " ".parse().unwrap());
        assert_eq!(ErrorResponse::from_status(&status).request_id(), None);
    }

    #[cfg(feature = "tonic-0_14")]
    #[test]
    fn a_grpc_status_keeps_at_most_256_members() {
        use std::collections::HashMap;
        use tonic_types::{ErrorDetails, StatusExt as _};

        let metadata: HashMap<String, String> = (0..300)
            .map(|n| (format!("m{n:03}"), n.to_string()))
            .collect();
        let details = ErrorDetails::with_error_info("conflict", "d", metadata);
        let status = ::tonic::Status::with_error_details(::tonic::Code::Aborted, "m", details);
        let error = ErrorResponse::from_status(&status);
        assert_eq!(error.error.extensions.len(), 256);
        // Sorted before the cut: the first 256 names are kept.
        assert!(error.error.extensions.contains_key("m255"));
        assert!(!error.error.extensions.contains_key("m256"));
    }
}
