//! [actix-web](::actix_web) integration (feature `actix-web`).
//!
//! With the feature on, every `#[derive(CertifierError)]` type, and
//! [`StandardError`], implements actix-web's [`ResponseError`](::actix_web::ResponseError): the error's status,
//! `content-type: application/json`, the headers from its
//! `#[certifier(header = "...")]` fields, and the envelope as the body. A handler
//! returns `Result<T, ApiError>` and every error reaches the client in the envelope.
//!
//! The framework's own failures answer in the envelope too:
//!
//! - [`require_version`] is middleware, carrying its own [`SupportedVersions`], that
//!   checks the `Certifier-Version` request header of every route it wraps
//!   (`missing_version`, `invalid_version`). [`CertifierVersion`] gives a handler the
//!   version.
//! - [`json_config`] makes `web::Json` rejections `invalid_json` or
//!   `validation_error` (see [`JsonRejection`]).
//! - [`path_config`] makes `web::Path` rejections `not_found`: a segment the parameter
//!   type cannot hold names no resource (see [`PathRejection`]).
//! - [`query_config`] makes `web::Query` rejections `bad_request` (see
//!   [`QueryRejection`]).
//! - [`not_found`] answers unknown routes with `not_found`, as the default service.
//! - [`Envelope`], wrapping the whole app, answers every other error response (a bare
//!   status, a resource's 405, another middleware's error, a panic) in the envelope
//!   too, with request ids if asked.
//!
//! With the `tracing` feature, every error response is logged (see
//! [`response_parts`](crate::server::response_parts)).
//!
//! ```no_run
//! use actix_web::{web, App, HttpServer};
//! use certifier_error::actix_web::{
//!     json_config, not_found, path_config, query_config, require_version,
//! };
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
//!         .app_data(json_config())
//!         .app_data(path_config())
//!         .app_data(query_config())
//!         .service(
//!             web::scope("")
//!                 .wrap(require_version(SupportedVersions::new(["2024-06-01"])))
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

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::error::Error;
use core::future::{ready, Future, Ready};
use core::pin::Pin;

use ::actix_web::body::{BoxBody, EitherBody, MessageBody};
use ::actix_web::dev::{
    forward_ready, Payload, Service, ServiceRequest, ServiceResponse, Transform,
};
use ::actix_web::error::{JsonPayloadError, QueryPayloadError};
use ::actix_web::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use ::actix_web::http::StatusCode;
use ::actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use serde::Serialize;

mod envelope;

pub use self::envelope::{Envelope, EnvelopeMiddleware};

use super::server::{respond, valid_status, Adapter};
use super::version::check_configured;
use crate::server::{
    JsonRejection, PathRejection, QueryRejection, SupportedVersions, VersionError, VERSION_HEADER,
};
use crate::{CertifierError, StandardError};

/// The status of `error` as actix-web's status type.
#[doc(hidden)]
pub fn actix_status<T: CertifierError + ?Sized>(error: &T) -> StatusCode {
    to_status(valid_status(error.status()))
}

fn to_status(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
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
    respond(error)
}

impl Adapter for HttpResponse<BoxBody> {
    fn start(status: u16, body: Vec<u8>) -> Self {
        HttpResponse::build(to_status(status))
            .insert_header((
                CONTENT_TYPE,
                HeaderValue::from_static(crate::server::CONTENT_TYPE),
            ))
            .body(body)
    }

    fn append(&mut self, name: &'static str, value: String) {
        // Both are valid: `response_parts` checked them.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::try_from(value),
        ) {
            self.headers_mut().append(name, value);
        }
    }

    fn mark(&mut self, mark: crate::server::Enveloped) {
        self.extensions_mut().insert(mark);
    }
}

#[doc(hidden)]
pub use self::error_response as actix_response;

/// The versions for this request: those [`require_version`] put in its extensions,
/// else those in the app data, as `SupportedVersions` or `web::Data<SupportedVersions>`.
fn check_version(request: &HttpRequest) -> Result<String, VersionError> {
    let header = request
        .headers()
        .get(VERSION_HEADER)
        .map(HeaderValue::as_bytes);
    let extensions = request.extensions();
    let configured = extensions
        .get::<SupportedVersions>()
        .or_else(|| request.app_data::<SupportedVersions>())
        .or_else(|| {
            request
                .app_data::<web::Data<SupportedVersions>>()
                .map(|data| data.get_ref())
        });
    check_configured(configured, header)
}

/// The `Certifier-Version` the request names, checked against the
/// [`SupportedVersions`] that [`require_version`] put in the request, or else those in
/// the app data. Rejects with [`VersionError`]: `missing_version` or
/// `invalid_version`.
///
/// Without versions (the extractor used on a route that [`require_version`] does not
/// wrap, in an app without `SupportedVersions` data) it accepts nothing: it answers
/// `500 internal_server_error` ([`VersionError::Unconfigured`]) and, with the
/// `tracing` feature, logs the mistake at error level.
///
/// ```
/// use actix_web::FromRequest;
/// use actix_web::test::TestRequest;
/// use certifier_error::actix_web::CertifierVersion;
/// use certifier_error::server::SupportedVersions;
/// use certifier_error::CertifierError;
///
/// # actix_web::rt::System::new().block_on(async {
/// let request = TestRequest::default()
///     .insert_header(("Certifier-Version", "2024-06-01"))
///     .app_data(SupportedVersions::new(["2024-06-01"]))
///     .to_http_request();
/// let version = CertifierVersion::extract(&request).await.unwrap();
/// assert_eq!(version.0, "2024-06-01");
///
/// // No versions configured: a server error, never "any version goes".
/// let request = TestRequest::default()
///     .insert_header(("Certifier-Version", "2024-06-01"))
///     .to_http_request();
/// let error = CertifierVersion::extract(&request).await.unwrap_err();
/// assert_eq!(error.status(), 500);
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
/// runs, for every route it wraps, checking the `Certifier-Version` header against
/// `versions`.
///
/// Wrap a scope or resource with it, so that the default service still answers unknown
/// routes with `not_found`. It carries its versions, so no placement of app data can
/// lose them; it also puts them in the request for [`CertifierVersion`].
///
/// ```
/// use actix_web::{test, web, App};
/// use certifier_error::actix_web::require_version;
/// use certifier_error::server::SupportedVersions;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(
///     App::new().service(
///         web::scope("")
///             .wrap(require_version(SupportedVersions::new(["2024-06-01"])))
///             .route("/", web::get().to(|| async { "ok" })),
///     ),
/// )
/// .await;
/// let response = test::call_service(&app, test::TestRequest::get().uri("/").to_request()).await;
/// assert_eq!(response.status().as_u16(), 400);
/// let request = test::TestRequest::get()
///     .uri("/")
///     .insert_header(("Certifier-Version", "2024-06-01"))
///     .to_request();
/// assert_eq!(test::call_service(&app, request).await.status().as_u16(), 200);
/// # });
/// ```
pub fn require_version(versions: SupportedVersions) -> RequireVersion {
    RequireVersion { versions }
}

/// The middleware [`require_version`] returns.
#[derive(Debug, Clone)]
pub struct RequireVersion {
    versions: SupportedVersions,
}

impl<S, B> Transform<S, ServiceRequest> for RequireVersion
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = ::actix_web::Error;
    type Transform = RequireVersionMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<RequireVersionMiddleware<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RequireVersionMiddleware {
            service,
            versions: self.versions.clone(),
        }))
    }
}

/// The service [`RequireVersion`] wraps around a scope or resource.
#[derive(Debug)]
pub struct RequireVersionMiddleware<S> {
    service: S,
    versions: SupportedVersions,
}

impl<S, B> Service<ServiceRequest> for RequireVersionMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = ::actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let header = request
            .headers()
            .get(VERSION_HEADER)
            .map(HeaderValue::as_bytes);
        match self.versions.check(header) {
            Ok(version) => {
                {
                    let mut extensions = request.extensions_mut();
                    extensions.insert(self.versions.clone());
                    extensions.insert(CertifierVersion(version));
                }
                let response = self.service.call(request);
                Box::pin(async move { response.await.map(ServiceResponse::map_into_left_body) })
            }
            Err(error) => {
                let response = request
                    .into_response(error_response(&error))
                    .map_into_right_body();
                Box::pin(ready(Ok(response)))
            }
        }
    }
}

/// A `web::Path` configuration whose rejections are Certifier errors: a segment the
/// parameter type cannot hold answers `404 not_found` (see [`PathRejection`]).
/// Register it with `App::app_data(path_config())`.
///
/// ```
/// use actix_web::{test, web, App};
/// use certifier_error::actix_web::path_config;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(App::new().app_data(path_config()).route(
///     "/items/{id}",
///     web::get().to(|id: web::Path<u32>| async move { id.to_string() }),
/// ))
/// .await;
/// let request = test::TestRequest::get().uri("/items/seven").to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status().as_u16(), 404);
/// let body = test::read_body(response).await;
/// assert_eq!(
///     body,
///     r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#,
/// );
/// # });
/// ```
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default()
        .error_handler(|error, _request| PathRejection::Segment(Box::new(error)).into())
}

/// A `web::Query` configuration whose rejections are Certifier errors: a query string
/// that does not fit answers `400 bad_request` with a `detail` member (see
/// [`QueryRejection`]). Register it with `App::app_data(query_config())`.
///
/// ```
/// use actix_web::{test, web, App};
/// use certifier_error::actix_web::query_config;
///
/// #[derive(serde::Deserialize)]
/// struct List {
///     limit: Option<u32>,
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(App::new().app_data(query_config()).route(
///     "/",
///     web::get().to(|list: web::Query<List>| async move { format!("{:?}", list.limit) }),
/// ))
/// .await;
/// let request = test::TestRequest::get().uri("/?limit=ten").to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status().as_u16(), 400);
/// let body = test::read_body(response).await;
/// assert_eq!(
///     body,
///     r#"{"error":{"code":"bad_request","message":"The query string could not be understood.","detail":"invalid digit found in string"}}"#,
/// );
/// # });
/// ```
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _request| query_rejection(error).into())
}

/// Sorts actix-web's query error into a [`QueryRejection`], whose `detail` is serde's
/// own account (as with axum).
fn query_rejection(error: QueryPayloadError) -> QueryRejection {
    match error {
        QueryPayloadError::Deserialize(error) => QueryRejection::new(error),
        other => QueryRejection::new(other),
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
    error_response(&StandardError::NotFound)
}
