//! What the axum layer and the actix-web middleware that put every error response in
//! the envelope share: the marker of the responses this crate wrote, the envelope for
//! a bare status, the answer to a panic, and their settings.

use alloc::string::String;
use core::fmt;

use crate::{CertifierError, Code, StandardError};

use super::request_id::RequestId;

/// Marks a response whose body is already a Certifier envelope: the envelope layers
/// (`certifier_error::axum::EnvelopeLayer`, `certifier_error::actix_web::Envelope`)
/// pass it through without reading its body.
///
/// Every error response this crate builds carries it in its extensions. Put it on a
/// response of your own whose body is an envelope you wrote yourself; an error response
/// without it gets a fresh envelope from its status, whatever its body held.
///
/// ```
/// use certifier_error::server::Enveloped;
///
/// let mut response = http::Response::new("{\"error\":{\"code\":\"conflict\",\"message\":\"Taken.\"}}");
/// response.extensions_mut().insert(Enveloped::new());
/// assert!(response.extensions().get::<Enveloped>().is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enveloped {
    /// The request id the envelope already ends with, if any.
    request_id: Option<RequestId>,
}

impl Enveloped {
    /// The mark of an envelope that ends without a `request_id` member.
    #[must_use]
    pub fn new() -> Self {
        Enveloped { request_id: None }
    }

    /// The mark of an envelope whose last member is `request_id` with `id`.
    pub(crate) fn with_request_id(request_id: Option<RequestId>) -> Self {
        Enveloped { request_id }
    }

    /// Whether the envelope already ends with `id`.
    pub(crate) fn names(&self, id: &RequestId) -> bool {
        self.request_id.as_ref() == Some(id)
    }
}

/// The settings both envelope layers take.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    /// Echo or make up `x-request-id`, and write it into every envelope.
    pub(crate) request_ids: bool,
    /// The `WWW-Authenticate` challenge for a 401 that has none.
    pub(crate) challenge: Option<String>,
    /// Answer `application/problem+json` to the requests whose `Accept` prefers it.
    pub(crate) problem_details: bool,
    /// Translate every error envelope's message by `Accept-Language`.
    #[cfg(feature = "fluent")]
    pub(crate) translations: Option<alloc::sync::Arc<crate::fluent::Translations>>,
    /// The source locale as a `Content-Language` value, built once: cloning it shares
    /// its bytes.
    #[cfg(all(feature = "fluent", feature = "axum-0_8"))]
    pub(crate) source_language_axum: Option<http::HeaderValue>,
    #[cfg(all(feature = "fluent", feature = "actix-web-4"))]
    pub(crate) source_language_actix: Option<::actix_web::http::header::HeaderValue>,
}

impl Settings {
    /// Whether a request with the `Accept` header fields `accept` gets problem details.
    pub(crate) fn wants_problem<'a>(&self, accept: impl IntoIterator<Item = &'a [u8]>) -> bool {
        self.problem_details && super::problem::prefers_problem(accept)
    }

    /// Sets the default challenge, checked to be a valid header value.
    #[track_caller]
    pub(crate) fn set_challenge(&mut self, challenge: &str) {
        assert!(
            !challenge.is_empty()
                && challenge
                    .bytes()
                    .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte)),
            "a `WWW-Authenticate` challenge must be non-empty visible ASCII, such as \
             `Bearer realm=\"api\"`; got {challenge:?}"
        );
        self.challenge = Some(challenge.into());
    }
}

/// The headers that describe a body: a response whose body the layer replaces loses
/// them (`content-type` is set anew). Every other header is kept: `WWW-Authenticate`,
/// `Retry-After`, `Allow`, CORS headers and the like.
pub(crate) const BODY_HEADERS: &[&str] = &[
    "content-type",
    "content-length",
    "content-encoding",
    "content-range",
    "transfer-encoding",
];

/// The envelope for a response that arrived with an error `status` and no envelope:
/// the status and code that [`Code::for_status`] and [`Code::envelope_status`] give,
/// and a neutral message.
#[derive(Debug)]
pub(crate) struct StatusError {
    received: u16,
    status: u16,
    code: Code,
}

impl StatusError {
    pub(crate) fn new(received: u16) -> Self {
        let code = Code::for_status(received);
        let status = code.envelope_status(received).unwrap_or(500);
        StatusError {
            received,
            status,
            code,
        }
    }
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A few statuses say more than their code's default message.
        if let Some(own) = LayerError::for_status(self.received) {
            return fmt::Display::fmt(&own, f);
        }
        // `for_status` gives only known codes: every one is a standard error.
        let standard =
            StandardError::from_code(&self.code).unwrap_or(StandardError::InternalServerError);
        fmt::Display::fmt(&standard, f)
    }
}

/// The answers of the envelope layers that say more than their code's default message:
/// the envelope of a bare status from the router, a timeout, a body limit or a handler.
/// Every other bare status answers with its code's [`StandardError`] (see
/// [`Code::for_status`]).
///
/// Name it in the documented errors of the routes a layer covers (a `transparent`
/// variant), so that the OpenAPI document (feature `utoipa`) and the JSON Schema
/// (feature `schemars`) hold these messages as well.
///
/// ```
/// use certifier_error::server::LayerError;
/// use certifier_error::CertifierError;
///
/// let error = LayerError::for_status(413).unwrap();
/// assert_eq!((error.status(), error.code()), (400, "bad_request"));
/// assert_eq!(error.to_string(), "The request body is too large.");
/// let timeout = LayerError::for_status(408).unwrap();
/// assert_eq!((timeout.status(), timeout.code()), (503, "internal_server_error"));
/// assert!(LayerError::for_status(404).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, CertifierError)]
#[non_exhaustive]
pub enum LayerError {
    /// `405`: a method the resource does not have.
    #[certifier(
        code = "not_found",
        key = "method-not-allowed",
        message = "The requested resource does not support this method."
    )]
    MethodNotAllowed,
    /// `408`: the service did not answer in time (a timeout layer's answer).
    #[certifier(
        code = "internal_server_error",
        status = 503,
        key = "timeout",
        message = "The server did not answer in time; please try again."
    )]
    Timeout,
    /// `413`: a body over the limit.
    #[certifier(
        code = "bad_request",
        key = "body-too-large",
        message = "The request body is too large."
    )]
    BodyTooLarge,
    /// `414`: a URI over the limit.
    #[certifier(
        code = "bad_request",
        key = "uri-too-long",
        message = "The request URI is too long."
    )]
    UriTooLong,
    /// `415`: a body that is not JSON.
    #[certifier(
        code = "invalid_json",
        key = "body-not-json",
        message = "The request body must be JSON, sent with `content-type: application/json`."
    )]
    NotJson,
    /// `431`: headers over the limit.
    #[certifier(
        code = "bad_request",
        key = "headers-too-large",
        message = "The request headers are too large."
    )]
    HeadersTooLarge,
}

impl LayerError {
    /// The answer to a bare `received` status, where it has a message of its own.
    ///
    /// ```
    /// use certifier_error::server::LayerError;
    ///
    /// assert_eq!(LayerError::for_status(405), Some(LayerError::MethodNotAllowed));
    /// assert_eq!(LayerError::for_status(500), None);
    /// ```
    #[must_use]
    pub const fn for_status(received: u16) -> Option<Self> {
        Some(match received {
            405 => LayerError::MethodNotAllowed,
            408 => LayerError::Timeout,
            413 => LayerError::BodyTooLarge,
            414 => LayerError::UriTooLong,
            415 => LayerError::NotJson,
            431 => LayerError::HeadersTooLarge,
            _ => return None,
        })
    }
}

impl core::error::Error for StatusError {}

impl CertifierError for StatusError {
    fn status(&self) -> u16 {
        self.status
    }

    fn code(&self) -> &str {
        self.code.as_str()
    }

    /// The key of the message it shows: its layer error's, else its standard error's.
    fn translatable(
        &self,
        arguments: &mut dyn crate::__private::MessageArguments,
    ) -> Option<&'static str> {
        if let Some(own) = LayerError::for_status(self.received) {
            return own.translatable(arguments);
        }
        StandardError::from_code(&self.code)
            .unwrap_or(StandardError::InternalServerError)
            .translatable(arguments)
    }
}

impl serde::Serialize for StatusError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::__private::serialize_envelope(self, None, serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_status_lands_in_the_table() {
        for received in 400..=599 {
            let error = StatusError::new(received);
            let code = Code::from(error.code());
            assert!(code.is_known(), "{received}");
            let canonical = code.status().unwrap();
            if code == Code::InternalServerError {
                assert!([500, 502, 503, 504].contains(&error.status()), "{received}");
            } else {
                assert_eq!(error.status(), canonical, "{received}");
            }
            assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn a_status_with_its_own_message_answers_as_its_layer_error() {
        let mut own = 0;
        for received in 400..=599 {
            let Some(layer) = LayerError::for_status(received) else {
                continue;
            };
            let error = StatusError::new(received);
            assert_eq!(
                (layer.status(), layer.code(), layer.to_string()),
                (error.status(), error.code(), error.to_string()),
                "{received}"
            );
            assert_ne!(
                Some(layer.to_string()),
                StandardError::from_code(&error.code).map(|standard| standard.to_string()),
                "{received}: the code's own message"
            );
            own += 1;
        }
        assert_eq!(own, 6);
    }

    #[test]
    fn some_statuses_have_their_own_message() {
        assert_eq!(
            StatusError::new(413).to_string(),
            "The request body is too large."
        );
        assert_eq!(
            StatusError::new(404).to_string(),
            StandardError::NotFound.to_string()
        );
        let timeout = StatusError::new(408);
        assert_eq!(
            (timeout.status(), timeout.code()),
            (503, "internal_server_error")
        );
    }

    #[test]
    fn the_mark_names_only_its_own_id() {
        let id = RequestId::parse(b"r1").unwrap();
        let other = RequestId::parse(b"r2").unwrap();
        let marked = Enveloped::with_request_id(Some(id.clone()));
        assert!(marked.names(&id));
        assert!(!marked.names(&other));
        assert!(!Enveloped::new().names(&id));
        assert!(!Enveloped::with_request_id(None).names(&id));
    }

    #[test]
    fn problem_details_are_answered_only_when_on_and_preferred() {
        let problem = [&b"application/problem+json"[..]];
        let json = [&b"application/json"[..]];
        let on = Settings {
            problem_details: true,
            ..Settings::default()
        };
        assert!(on.wants_problem(problem));
        assert!(!on.wants_problem(json));
        assert!(!Settings::default().wants_problem(problem));
        assert!(!Settings::default().wants_problem(json));
    }

    #[cfg(feature = "fluent")]
    #[test]
    fn a_bare_status_is_translated_by_the_key_of_its_message() {
        struct Nothing;
        impl crate::__private::MessageArguments for Nothing {
            fn number(&mut self, _: &'static str, _: f64) {}
            fn text(&mut self, _: &'static str, _: &dyn fmt::Display) {}
            fn member(&mut self, _: &'static str, _: &'static str) {}
        }
        let key = |received| StatusError::new(received).translatable(&mut Nothing);
        assert_eq!(key(405), Some("method-not-allowed"));
        assert_eq!(key(408), Some("timeout"));
        assert_eq!(key(404), StandardError::NotFound.translatable(&mut Nothing));
        assert_eq!(key(404), Some("not_found"));
        assert_eq!(key(502), Some("internal_server_error"));
    }

    #[test]
    #[should_panic(expected = "must be non-empty visible ASCII")]
    fn a_challenge_must_be_a_header_value() {
        Settings::default().set_challenge("Bearer\r\nSet-Cookie: x");
    }
}
