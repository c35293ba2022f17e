//! gRPC with tonic (feature `tonic`): the same errors as `tonic::Status` with the
//! google.rpc details that carry what the envelope carries, and back.
//!
//! - Every derived type converts into a `tonic::Status` (`From<E>`, logged
//!   through the `tracing` integration like an HTTP answer); [`status`] converts any
//!   error, a trait object included.
//! - The gRPC code follows the status ([`code_for_status`]) unless the variant names one
//!   (`#[certifier(grpc = "already_exists")]`). The status message is the public
//!   message; nothing from a source is ever sent.
//! - The details, as `tonic-types` reads them: always `ErrorInfo` (`reason` = the code,
//!   `domain` = `#[certifier(domain = "...")]` or the deriving package's name,
//!   `metadata` = the extension members, a JSON string as its text and any other value
//!   as compact JSON); `RetryInfo` from a `Retry-After` header field; `BadRequest` with
//!   one field violation per item of `errors` (field = its pointer or parameter);
//!   `RequestInfo` with the request id under [`StatusLayer::with_request_id`].
//! - Clients read any status with
//!   [`ErrorResponse::from_status`](crate::ErrorResponse::from_status), as they read an
//!   HTTP answer.
//!
//! ```
//! use certifier_error::CertifierError;
//! use tonic_types::StatusExt;
//!
//! #[derive(Debug, CertifierError)]
//! #[certifier(domain = "certifier.example.com")]
//! enum ApiError {
//!     #[certifier(code = "conflict", message = "`{domain}` has a certificate.", grpc = "already_exists")]
//!     Exists {
//!         domain: String,
//!         #[certifier(extend)]
//!         certificate_id: u64,
//!     },
//! }
//!
//! let status = tonic::Status::from(ApiError::Exists { domain: "example.com".into(), certificate_id: 7 });
//! assert_eq!(status.code(), tonic::Code::AlreadyExists);
//! assert_eq!(status.message(), "`example.com` has a certificate.");
//! let details = status.get_error_details();
//! let info = details.error_info().unwrap();
//! assert_eq!((info.reason.as_str(), info.domain.as_str()), ("conflict", "certifier.example.com"));
//! assert_eq!(info.metadata["certificate_id"], "7");
//! ```

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::future::Future;
use core::panic::AssertUnwindSafe;
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;
use std::collections::HashMap;

use futures_util::FutureExt as _;
use http::header::{HeaderName, HeaderValue};
use tonic::{Code as GrpcCode, Status};
use tonic_types::{ErrorDetails, FieldViolation, StatusExt as _};

use crate::server::panic::Panicked;
use crate::server::request_id::{self, RequestId};
use crate::server::REQUEST_ID_HEADER;
use crate::{CertifierError, Message};

/// The gRPC code of an HTTP status, where the variant names none:
///
/// | HTTP status | gRPC code |
/// |---|---|
/// | 400 | `InvalidArgument` |
/// | 401 | `Unauthenticated` |
/// | 402, 412, 428 | `FailedPrecondition` |
/// | 403 | `PermissionDenied` |
/// | 404, 410 | `NotFound` |
/// | 409 | `Aborted` |
/// | 429 | `ResourceExhausted` |
/// | 416 | `OutOfRange` |
/// | 499 | `Cancelled` |
/// | 405, 501 | `Unimplemented` |
/// | 408, 504 | `DeadlineExceeded` |
/// | 502, 503 | `Unavailable` |
/// | 500 and any other 5xx | `Internal` |
/// | any other status | `InvalidArgument` for a 4xx, `Unknown` below 400 |
///
/// ```
/// use certifier_error::tonic::code_for_status;
///
/// assert_eq!(code_for_status(429), tonic::Code::ResourceExhausted);
/// assert_eq!(code_for_status(418), tonic::Code::InvalidArgument);
/// ```
#[must_use]
pub fn code_for_status(status: u16) -> GrpcCode {
    match status {
        401 => GrpcCode::Unauthenticated,
        402 | 412 | 428 => GrpcCode::FailedPrecondition,
        403 => GrpcCode::PermissionDenied,
        404 | 410 => GrpcCode::NotFound,
        409 => GrpcCode::Aborted,
        429 => GrpcCode::ResourceExhausted,
        416 => GrpcCode::OutOfRange,
        499 => GrpcCode::Cancelled,
        405 | 501 => GrpcCode::Unimplemented,
        408 | 504 => GrpcCode::DeadlineExceeded,
        502 | 503 => GrpcCode::Unavailable,
        400..=499 => GrpcCode::InvalidArgument,
        500..=599 => GrpcCode::Internal,
        _ => GrpcCode::Unknown,
    }
}

/// The gRPC code a `grpc = "..."` attribute names (checked by the derive).
fn code_named(name: &str) -> Option<GrpcCode> {
    Some(match name {
        "cancelled" => GrpcCode::Cancelled,
        "unknown" => GrpcCode::Unknown,
        "invalid_argument" => GrpcCode::InvalidArgument,
        "deadline_exceeded" => GrpcCode::DeadlineExceeded,
        "not_found" => GrpcCode::NotFound,
        "already_exists" => GrpcCode::AlreadyExists,
        "permission_denied" => GrpcCode::PermissionDenied,
        "resource_exhausted" => GrpcCode::ResourceExhausted,
        "failed_precondition" => GrpcCode::FailedPrecondition,
        "aborted" => GrpcCode::Aborted,
        "out_of_range" => GrpcCode::OutOfRange,
        "unimplemented" => GrpcCode::Unimplemented,
        "internal" => GrpcCode::Internal,
        "unavailable" => GrpcCode::Unavailable,
        "data_loss" => GrpcCode::DataLoss,
        "unauthenticated" => GrpcCode::Unauthenticated,
        _ => return None,
    })
}

/// The domain of an error whose type gives none (a hand-written impl).
const DEFAULT_DOMAIN: &str = "certifier-error";

/// The `Status` of any error, a `dyn CertifierError` included: its gRPC code, its
/// public message and the details (see [the module](self)). Logs nothing; the derived
/// `From<E> for Status` logs the error as the HTTP integrations do.
///
/// ```
/// use certifier_error::{CertifierError, StandardError};
/// use tonic_types::StatusExt;
///
/// let error: Box<dyn CertifierError + Send + Sync> = Box::new(StandardError::RateLimited);
/// let status = certifier_error::tonic::status(&*error);
/// assert_eq!(status.code(), tonic::Code::ResourceExhausted);
/// assert_eq!(status.get_error_details().error_info().unwrap().reason, "rate_limited");
/// ```
pub fn status<T: CertifierError + ?Sized>(error: &T) -> Status {
    let mut metadata = Metadata::default();
    // A member list that cannot be written leaves the metadata empty: the status still
    // carries the code and the message.
    for (name, value) in error.extension_members().unwrap_or_default() {
        metadata.insert(name, value);
    }
    status_with(error, metadata)
}

/// [`status`] for a sized error: its members written straight into the metadata, as the
/// derive writes them into an envelope, without a list of values first.
pub(crate) fn status_of_sized<T: CertifierError>(error: &T) -> Status {
    let mut metadata = Metadata::default();
    if error.serialize_extensions(&mut metadata).is_err() {
        metadata = Metadata::default();
    }
    status_with(error, metadata)
}

/// The status of `error`, whose members are `metadata`.
fn status_with<T: CertifierError + ?Sized>(error: &T, metadata: Metadata) -> Status {
    use core::fmt::Write as _;

    let facts = error.grpc();
    let code = facts
        .code
        .and_then(code_named)
        .unwrap_or_else(|| code_for_status(error.status()));
    let mut details = ErrorDetails::new();
    let domain = facts.domain.unwrap_or(DEFAULT_DOMAIN);
    details.set_error_info(error.code(), domain, metadata.members);
    let mut retry_after = None;
    error.headers(&mut |name, value| {
        if retry_after.is_none() && name.eq_ignore_ascii_case("retry-after") {
            retry_after = value.to_string().trim().parse::<u64>().ok();
        }
    });
    if let Some(seconds) = retry_after {
        details.set_retry_info(Some(Duration::from_secs(seconds)));
    }
    if !metadata.violations.is_empty() {
        details.set_bad_request(metadata.violations);
    }
    if let Some(id) = request_id::current() {
        details.set_request_info(id.as_str(), "");
    }
    // Sized once, as `format!` would, rather than grown a few bytes at a time.
    let mut message = String::with_capacity(64);
    let _ = write!(message, "{}", Message(error));
    Status::with_error_details(code, message, details)
}

/// The `ErrorInfo` metadata being collected, and the field violations of `errors`.
#[derive(Default)]
struct Metadata {
    members: HashMap<String, String>,
    violations: Vec<FieldViolation>,
    pending: Option<String>,
}

impl Metadata {
    /// Adds a member: a JSON string as its text, any other value as compact JSON.
    fn insert(&mut self, name: String, value: serde_json::Value) {
        if name == "errors" {
            self.violations.extend(field_violations(&value));
        }
        let text = match value {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        };
        self.members.insert(name, text);
    }
}

impl serde::ser::SerializeMap for Metadata {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<K: serde::Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Self::Error> {
        match serde_json::to_value(key)? {
            serde_json::Value::String(key) => {
                self.pending = Some(key);
                Ok(())
            }
            _ => Err(serde::ser::Error::custom("a member name must be a string")),
        }
    }

    fn serialize_value<V: serde::Serialize + ?Sized>(
        &mut self,
        value: &V,
    ) -> Result<(), Self::Error> {
        let name = self.pending.take().ok_or_else(|| {
            <serde_json::Error as serde::ser::Error>::custom("a value without a name")
        })?;
        self.insert(name, serde_json::to_value(value)?);
        Ok(())
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// The field violations of an `errors` member: each item's pointer or parameter, its
/// message and its code. Items of another shape are skipped.
fn field_violations(errors: &serde_json::Value) -> impl Iterator<Item = FieldViolation> + '_ {
    let items = errors.as_array().map(Vec::as_slice).unwrap_or_default();
    items.iter().filter_map(|item| {
        let text = |name: &str| item.get(name).and_then(serde_json::Value::as_str);
        let field = text("pointer").or_else(|| text("parameter"))?;
        let mut violation = FieldViolation::new(field, text("message").unwrap_or_default());
        violation.reason = text("code").unwrap_or_default().to_string();
        Some(violation)
    })
}

/// A tower layer for tonic servers: a handler that panics answers `Internal` with the
/// details of `internal_server_error` (the panic's text is logged, never sent), and
/// [`with_request_id`](Self::with_request_id) adds request ids.
///
/// `Server::builder().layer(StatusLayer::new().with_request_id())`.
///
/// ```
/// use certifier_error::tonic::StatusLayer;
///
/// let layer = StatusLayer::new().with_request_id();
/// # let _ = layer;
/// ```
#[derive(Debug, Clone, Default)]
pub struct StatusLayer {
    settings: Arc<Settings>,
}

#[derive(Debug, Clone, Default)]
struct Settings {
    request_ids: bool,
}

impl StatusLayer {
    /// The layer, without request ids.
    #[must_use]
    pub fn new() -> Self {
        StatusLayer::default()
    }

    /// Request ids, as the HTTP envelope layers keep them: the request's `x-request-id`
    /// metadata if it holds a valid id, else a fresh one, is sent back as `x-request-id`
    /// on every response, put in the request's extensions for handlers
    /// (`request.extensions().get::<RequestId>()`), written into every error status as
    /// `RequestInfo`, and recorded in the error's log event.
    #[must_use]
    pub fn with_request_id(mut self) -> Self {
        Arc::make_mut(&mut self.settings).request_ids = true;
        self
    }
}

impl<S> tower_layer::Layer<S> for StatusLayer {
    type Service = StatusService<S>;

    fn layer(&self, inner: S) -> StatusService<S> {
        StatusService {
            inner,
            settings: self.settings.clone(),
        }
    }
}

/// The service [`StatusLayer`] wraps around a tonic service.
#[derive(Debug, Clone)]
pub struct StatusService<S> {
    inner: S,
    settings: Arc<Settings>,
}

impl<S, ReqBody, ResBody> tower_service::Service<http::Request<ReqBody>> for StatusService<S>
where
    S: tower_service::Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ResBody: Default + Send + 'static,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, context: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(context)
    }

    fn call(&mut self, mut request: http::Request<ReqBody>) -> Self::Future {
        let id = self.settings.request_ids.then(|| {
            let header = request.headers().get(REQUEST_ID_HEADER);
            RequestId::from_header(header.map(HeaderValue::as_bytes))
        });
        if let Some(id) = &id {
            request.extensions_mut().insert(id.clone());
        }
        let inner = &mut self.inner;
        let called = request_id::sync_scope(id.as_ref(), || {
            std::panic::catch_unwind(AssertUnwindSafe(|| inner.call(request)))
        });
        let work = {
            let id = id.clone();
            async move {
                let outcome = match called {
                    Ok(future) => AssertUnwindSafe(future).catch_unwind().await,
                    Err(payload) => Err(payload),
                };
                let mut response = match outcome {
                    Ok(answer) => answer?,
                    Err(payload) => {
                        crate::__private::tonic_status(&Panicked::from_box(payload)).into_http()
                    }
                };
                if let Some(id) = &id {
                    // Valid ids are valid header values.
                    if let Ok(value) = HeaderValue::from_str(id.as_str()) {
                        let name = HeaderName::from_static(REQUEST_ID_HEADER);
                        response.headers_mut().insert(name, value);
                    }
                }
                Ok(response)
            }
        };
        match id {
            Some(id) => Box::pin(request_id::scope(id, work)),
            None => Box::pin(work),
        }
    }
}

/// The HTTP status and code an answer with gRPC `code` stands for, where its details
/// name no code: the inverse of [`code_for_status`] on the code table.
pub(crate) fn status_for_code(code: GrpcCode) -> (u16, crate::Code) {
    use crate::Code;
    match code {
        GrpcCode::InvalidArgument | GrpcCode::OutOfRange | GrpcCode::FailedPrecondition => {
            (400, Code::BadRequest)
        }
        GrpcCode::Unauthenticated => (401, Code::Unauthorized),
        GrpcCode::PermissionDenied => (403, Code::Forbidden),
        GrpcCode::NotFound => (404, Code::NotFound),
        GrpcCode::AlreadyExists | GrpcCode::Aborted => (409, Code::Conflict),
        GrpcCode::ResourceExhausted => (429, Code::RateLimited),
        GrpcCode::Unavailable => (503, Code::InternalServerError),
        GrpcCode::DeadlineExceeded => (504, Code::InternalServerError),
        _ => (500, Code::InternalServerError),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_code_is_known() {
        for name in [
            "cancelled",
            "unknown",
            "invalid_argument",
            "deadline_exceeded",
            "not_found",
            "already_exists",
            "permission_denied",
            "resource_exhausted",
            "failed_precondition",
            "aborted",
            "out_of_range",
            "unimplemented",
            "internal",
            "unavailable",
            "data_loss",
            "unauthenticated",
        ] {
            assert!(code_named(name).is_some(), "{name}");
        }
        assert_eq!(code_named("ok"), None);
    }

    #[test]
    fn the_catalogue_names_the_code_of_every_status() {
        for status in 0..=999 {
            let name = crate::catalogue::grpc_code_for_status(status);
            assert_eq!(code_named(name), Some(code_for_status(status)), "{status}");
        }
    }

    #[test]
    fn the_table_of_the_codes_round_trips() {
        for code in crate::Code::KNOWN {
            let status = code.status().unwrap();
            let (back, again) = status_for_code(code_for_status(status));
            assert_eq!(again.status(), Some(back));
            if *code != crate::Code::PaymentRequired
                && *code != crate::Code::ValidationError
                && *code != crate::Code::InvalidJson
                && *code != crate::Code::MissingVersion
                && *code != crate::Code::InvalidVersion
            {
                assert_eq!((back, &again), (status, code), "{code}");
            }
        }
    }
}
