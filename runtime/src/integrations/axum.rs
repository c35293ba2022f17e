//! [axum](::axum) integration (feature `axum`).
//!
//! With the feature on, every `#[derive(CertifierError)]` type, and
//! [`StandardError`], implements axum's [`IntoResponse`]: the error's status,
//! `content-type: application/json`, the headers from its
//! `#[certifier(header = "...")]` fields, and the envelope as the body. A handler
//! returns `Result<T, ApiError>` and every error reaches the client in the envelope.
//!
//! The framework's own failures answer in the envelope too:
//!
//! - [`CertifierVersion`] checks the `Certifier-Version` request header against the
//!   [`SupportedVersions`] in the request's extensions (`missing_version`,
//!   `invalid_version`); enforce it for a whole router with
//!   `route_layer(axum::middleware::from_extractor::<CertifierVersion>())`.
//! - [`Json`] reads a JSON body; a body that is not JSON answers `invalid_json`, JSON
//!   of the wrong shape `validation_error` (see [`JsonRejection`]). As a return value
//!   it writes JSON.
//! - [`not_found`] answers an unknown route, or a known path with another method, with
//!   `not_found`.
//!
//! With the `tracing` feature, every error response is logged (see
//! [`response_parts`](crate::server::response_parts)).
//!
//! ```no_run
//! use axum::extract::Path;
//! use axum::routing::{get, post};
//! use axum::{Extension, Router};
//! use certifier_error::axum::{not_found, CertifierVersion, Json};
//! use certifier_error::server::SupportedVersions;
//! use certifier_error::CertifierError;
//!
//! #[derive(Debug, CertifierError)]
//! enum ApiError {
//!     #[certifier(code = "not_found", message = "No certificate `{0}`.")]
//!     UnknownCertificate(String),
//!     #[certifier(code = "rate_limited")]
//!     RateLimited {
//!         #[certifier(extend, header = "Retry-After")]
//!         retry_after: u64,
//!     },
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Issue {
//!     domain: String,
//! }
//!
//! async fn show(Path(id): Path<String>) -> Result<String, ApiError> {
//!     Err(ApiError::UnknownCertificate(id))
//! }
//!
//! async fn issue(Json(request): Json<Issue>) -> Result<Json<String>, ApiError> {
//!     Ok(Json(request.domain))
//! }
//!
//! # async fn serve() {
//! let app = Router::new()
//!     .route("/certificates/{id}", get(show))
//!     .route("/certificates", post(issue))
//!     .route_layer(axum::middleware::from_extractor::<CertifierVersion>())
//!     .layer(Extension(SupportedVersions::new(["2024-06-01"])))
//!     .fallback(not_found)
//!     .method_not_allowed_fallback(not_found);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
//! axum::serve(listener, app).await.unwrap();
//! # }
//! ```

use alloc::string::String;
use core::error::Error;

use ::axum::body::{Body, Bytes};
use ::axum::extract::{FromRequest, FromRequestParts, Request};
use ::axum::response::{IntoResponse, Response};
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::request::Parts;
use http::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::server::{
    decode_json, response_parts, JsonRejection, SupportedVersions, VersionError, VERSION_HEADER,
};
use crate::{CertifierError, StandardError};

/// The response for `error`: what the derived `IntoResponse` impls answer.
///
/// Use it for an error that is not a derived type, such as one behind a pointer.
///
/// ```
/// use certifier_error::StandardError;
///
/// let response = certifier_error::axum::into_response(&StandardError::Conflict);
/// assert_eq!(response.status(), 409);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
pub fn into_response<T>(error: &T) -> Response
where
    T: CertifierError + Serialize + Error + ?Sized,
{
    let parts = response_parts(error);
    let mut response = Response::new(Body::from(parts.body));
    *response.status_mut() =
        StatusCode::from_u16(parts.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(crate::server::CONTENT_TYPE),
    );
    for (name, value) in parts.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.append(name, value);
        }
    }
    response
}

#[doc(hidden)]
pub use self::into_response as axum_response;

/// The `Certifier-Version` the request names, checked against the
/// [`SupportedVersions`] in the request's extensions ([`SupportedVersions::any`] when
/// there are none). Rejects with [`VersionError`]: `missing_version` or
/// `invalid_version`.
///
/// Take it as a handler argument to check one route, or enforce it for every route of
/// a router with `route_layer(axum::middleware::from_extractor::<CertifierVersion>())`;
/// a `route_layer` leaves the fallback alone, so an unknown route still answers
/// `not_found`.
///
/// ```
/// use axum::extract::FromRequestParts;
/// use certifier_error::axum::CertifierVersion;
/// use certifier_error::server::SupportedVersions;
/// use certifier_error::CertifierError;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let request = http::Request::builder()
///     .header("Certifier-Version", "2023-01-01")
///     .extension(SupportedVersions::new(["2024-06-01"]))
///     .body(())
///     .unwrap();
/// let (mut parts, ()) = request.into_parts();
/// let error = CertifierVersion::from_request_parts(&mut parts, &()).await.unwrap_err();
/// assert_eq!(error.code(), "invalid_version");
/// # });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifierVersion(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CertifierVersion {
    type Rejection = VersionError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, VersionError> {
        let header = parts.headers.get(VERSION_HEADER).map(HeaderValue::as_bytes);
        let version = match parts.extensions.get::<SupportedVersions>() {
            Some(supported) => supported.check(header),
            None => SupportedVersions::any().check(header),
        }?;
        Ok(CertifierVersion(version))
    }
}

/// A JSON request body, or a JSON response.
///
/// As an extractor it requires a JSON `content-type` and rejects with
/// [`JsonRejection`]: `invalid_json` for a body that is not JSON, `validation_error`
/// for JSON that does not fit `T`, `bad_request` for a body that is too large or cannot
/// be read. As a response it writes `T` as JSON with status 200.
///
/// ```
/// use axum::extract::FromRequest;
/// use certifier_error::axum::Json;
/// use certifier_error::CertifierError;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let request = http::Request::builder()
///     .header("content-type", "application/json")
///     .body(axum::body::Body::from(r#"{"days": "ninety"}"#))
///     .unwrap();
/// #[derive(Debug, serde::Deserialize)]
/// struct Renew {
///     days: u32,
/// }
/// let error = Json::<Renew>::from_request(request, &()).await.unwrap_err();
/// assert_eq!(error.code(), "validation_error");
/// # });
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = JsonRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, JsonRejection> {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .map(|value| value.as_bytes().to_vec());
        if !content_type
            .as_deref()
            .is_some_and(crate::server::is_json_content_type)
        {
            return Err(JsonRejection::ContentType);
        }
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    JsonRejection::TooLarge
                } else {
                    JsonRejection::Body(alloc::boxed::Box::new(rejection))
                }
            })?;
        decode_json(content_type.as_deref(), &body).map(Json)
    }
}

/// Writes `T` as JSON with status 200, or answers `500 internal_server_error` if `T`
/// cannot be serialised.
///
/// ```
/// use axum::response::IntoResponse;
/// use certifier_error::axum::Json;
///
/// let response = Json(vec![1, 2]).into_response();
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => {
                let mut response = Response::new(Body::from(body));
                response.headers_mut().insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static(crate::server::CONTENT_TYPE),
                );
                response
            }
            Err(_) => into_response(&StandardError::InternalServerError),
        }
    }
}

/// Answers `404 not_found`: the fallback for unknown routes, and for known paths asked
/// with a method they do not have.
///
/// ```
/// use axum::response::IntoResponse;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let response = certifier_error::axum::not_found().await.into_response();
/// assert_eq!(response.status(), 404);
/// # });
/// ```
pub async fn not_found() -> StandardError {
    StandardError::NotFound
}
