//! [actix-web](::actix_web) integration (feature `actix-web`).
//!
//! With the feature on, every `#[derive(CertifierError)]` type, and
//! [`StandardError`], implements actix-web's [`ResponseError`]: the error's status,
//! `content-type: application/json`, the headers from its
//! `#[certifier(header = "...")]` fields, and the envelope as the body. A handler
//! returns `Result<T, ApiError>` and every error reaches the client in the envelope.
//!
//! The framework's own failures answer in the envelope too:
//!
//! - [`CertifierVersion`] checks the `Certifier-Version` request header against the
//!   [`SupportedVersions`] in the app data (`missing_version`, `invalid_version`);
//!   [`require_version`] enforces it for a whole scope as middleware.
//! - [`json_config`] makes `web::Json` rejections `invalid_json` or
//!   `validation_error` (see [`JsonRejection`]).
//! - [`not_found`] answers unknown routes with `not_found`, as the default service.
//!
//! With the `tracing` feature, every error response is logged (see
//! [`response_parts`](crate::server::response_parts)).
//!
//! ```no_run
//! use actix_web::middleware::from_fn;
//! use actix_web::{web, App, HttpServer};
//! use certifier_error::actix_web::{json_config, not_found, require_version};
//! use certifier_error::server::SupportedVersions;
//! use certifier_error::CertifierError;
//!
//! #[derive(Debug, CertifierError)]
//! enum ApiError {
//!     #[certifier(code = "not_found", message = "No certificate `{0}`.")]
//!     UnknownCertificate(String),
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Issue {
//!     domain: String,
//! }
//!
//! async fn show(id: web::Path<String>) -> Result<String, ApiError> {
//!     Err(ApiError::UnknownCertificate(id.into_inner()))
//! }
//!
//! async fn issue(request: web::Json<Issue>) -> Result<String, ApiError> {
//!     Ok(request.into_inner().domain)
//! }
//!
//! # async fn serve() -> std::io::Result<()> {
//! HttpServer::new(|| {
//!     App::new()
//!         .app_data(SupportedVersions::new(["2024-06-01"]))
//!         .app_data(json_config())
//!         .service(
//!             web::scope("")
//!                 .wrap(from_fn(require_version))
//!                 .route("/certificates/{id}", web::get().to(show))
//!                 .route("/certificates", web::post().to(issue)),
//!         )
//!         .default_service(web::to(not_found))
//! })
//! .bind(("127.0.0.1", 3000))?
//! .run()
//! .await
//! # }
//! ```

use core::error::Error;
use core::future::{ready, Ready};

use ::actix_web::body::{BoxBody, EitherBody, MessageBody};
use ::actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use ::actix_web::error::JsonPayloadError;
use ::actix_web::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use ::actix_web::http::StatusCode;
use ::actix_web::middleware::Next;
use ::actix_web::{web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use alloc::boxed::Box;
use alloc::string::String;
use serde::Serialize;

use crate::server::{
    response_parts, JsonRejection, SupportedVersions, VersionError, VERSION_HEADER,
};
use crate::{CertifierError, StandardError};

/// The status of `error` as actix-web's status type.
#[doc(hidden)]
pub fn actix_status<T: CertifierError + ?Sized>(error: &T) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response for `error`: what the derived `ResponseError` impls answer.
///
/// ```
/// use certifier_error::StandardError;
///
/// let response = certifier_error::actix_web::error_response(&StandardError::Conflict);
/// assert_eq!(response.status().as_u16(), 409);
/// assert_eq!(response.headers().get("content-type").unwrap(), "application/json");
/// ```
pub fn error_response<T>(error: &T) -> HttpResponse<BoxBody>
where
    T: CertifierError + Serialize + Error + ?Sized,
{
    let parts = response_parts(error);
    let status = StatusCode::from_u16(parts.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = HttpResponse::build(status);
    response.insert_header((
        CONTENT_TYPE,
        HeaderValue::from_static(crate::server::CONTENT_TYPE),
    ));
    for (name, value) in parts.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.append_header((name, value));
        }
    }
    response.body(parts.body)
}

#[doc(hidden)]
pub use self::error_response as actix_response;

/// The versions in the app data, as `SupportedVersions` or `web::Data<SupportedVersions>`.
fn supported_versions(request: &HttpRequest) -> Option<&SupportedVersions> {
    request.app_data::<SupportedVersions>().or_else(|| {
        request
            .app_data::<web::Data<SupportedVersions>>()
            .map(|data| data.get_ref())
    })
}

fn check_version(request: &HttpRequest) -> Result<String, VersionError> {
    let header = request
        .headers()
        .get(VERSION_HEADER)
        .map(HeaderValue::as_bytes);
    match supported_versions(request) {
        Some(supported) => supported.check(header),
        None => SupportedVersions::any().check(header),
    }
}

/// The `Certifier-Version` the request names, checked against the
/// [`SupportedVersions`] in the app data ([`SupportedVersions::any`] when there are
/// none). Rejects with [`VersionError`]: `missing_version` or `invalid_version`.
///
/// ```
/// use actix_web::FromRequest;
/// use actix_web::test::TestRequest;
/// use certifier_error::actix_web::CertifierVersion;
/// use certifier_error::server::SupportedVersions;
///
/// # actix_web::rt::System::new().block_on(async {
/// let request = TestRequest::default()
///     .insert_header(("Certifier-Version", "2024-06-01"))
///     .app_data(SupportedVersions::new(["2024-06-01"]))
///     .to_http_request();
/// let version = CertifierVersion::extract(&request).await.unwrap();
/// assert_eq!(version.0, "2024-06-01");
/// # });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifierVersion(pub String);

impl FromRequest for CertifierVersion {
    type Error = VersionError;
    type Future = Ready<Result<Self, VersionError>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(check_version(request).map(CertifierVersion))
    }
}

/// Middleware that answers `missing_version` or `invalid_version` before the handler
/// runs, for every route it wraps. Use it with `actix_web::middleware::from_fn`, on a
/// scope, so that the default service still answers unknown routes with `not_found`.
///
/// ```
/// use actix_web::middleware::from_fn;
/// use actix_web::{test, web, App};
/// use certifier_error::actix_web::require_version;
/// use certifier_error::server::SupportedVersions;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(
///     App::new()
///         .app_data(SupportedVersions::new(["2024-06-01"]))
///         .service(web::scope("").wrap(from_fn(require_version)).route("/", web::get().to(|| async { "ok" }))),
/// )
/// .await;
/// let response = test::call_service(&app, test::TestRequest::get().uri("/").to_request()).await;
/// assert_eq!(response.status().as_u16(), 400);
/// # });
/// ```
pub async fn require_version<B: MessageBody>(
    request: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, ::actix_web::Error> {
    match check_version(request.request()) {
        Ok(_) => next
            .call(request)
            .await
            .map(ServiceResponse::map_into_left_body),
        Err(error) => Ok(request
            .into_response(error.error_response())
            .map_into_right_body()),
    }
}

/// A `web::Json` configuration whose rejections are Certifier errors: see
/// [`JsonRejection`]. Register it with `App::app_data(json_config())`; adjust the size
/// limit with [`JsonConfig::limit`](web::JsonConfig::limit).
///
/// ```
/// use actix_web::{test, web, App};
/// use certifier_error::actix_web::json_config;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(App::new().app_data(json_config()).route(
///     "/",
///     web::post().to(|body: web::Json<Vec<u32>>| async move { body.len().to_string() }),
/// ))
/// .await;
/// let request = test::TestRequest::post()
///     .uri("/")
///     .insert_header(("content-type", "application/json"))
///     .set_payload("[1,")
///     .to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status().as_u16(), 400);
/// let body = test::read_body(response).await;
/// assert!(body.starts_with(br#"{"error":{"code":"invalid_json""#));
/// # });
/// ```
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().error_handler(|error, _request| json_rejection(error).into())
}

/// Sorts actix-web's JSON error into a [`JsonRejection`].
///
/// ```
/// use actix_web::error::JsonPayloadError;
/// use certifier_error::actix_web::json_rejection;
/// use certifier_error::CertifierError;
///
/// assert_eq!(json_rejection(JsonPayloadError::ContentType).code(), "invalid_json");
/// assert_eq!(json_rejection(JsonPayloadError::Overflow { limit: 1 }).code(), "bad_request");
/// ```
pub fn json_rejection(error: JsonPayloadError) -> JsonRejection {
    match error {
        JsonPayloadError::ContentType => JsonRejection::ContentType,
        JsonPayloadError::Deserialize(error) => JsonRejection::from_serde(error),
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            JsonRejection::TooLarge
        }
        other => JsonRejection::Body(Box::new(other)),
    }
}

/// Answers `404 not_found`: the default service for unknown routes.
///
/// ```
/// use actix_web::{test, web, App};
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(App::new().default_service(web::to(certifier_error::actix_web::not_found))).await;
/// let response = test::call_service(&app, test::TestRequest::get().uri("/nope").to_request()).await;
/// assert_eq!(response.status().as_u16(), 404);
/// # });
/// ```
pub async fn not_found() -> HttpResponse {
    StandardError::NotFound.error_response()
}
