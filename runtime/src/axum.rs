//! [axum] integration (feature `axum`).
//!
//! With the feature on, every `#[derive(CertifierError)]` type, and
//! [`StandardError`], implements axum's [`IntoResponse`]: the error's status,
//! `content-type: application/json`, the headers from its
//! `#[certifier(header = "...")]` fields, and the envelope as the body. A handler
//! returns `Result<T, ApiError>` and every error reaches the client in the envelope.
//!
//! The framework's own failures answer in the envelope too:
//!
//! - [`RequireVersionLayer`] is a layer, carrying its own [`SupportedVersions`], that
//!   checks the `Certifier-Version` request header of every route it wraps
//!   (`missing_version`, `invalid_version`). Because the layer holds the versions, no
//!   order of layers can lose them. [`CertifierVersion`] gives a handler the version.
//! - [`Json`] reads a JSON body; a body that is not JSON answers `invalid_json`, JSON
//!   of the wrong shape `validation_error` with the `pointer` of the first misfit (see
//!   [`JsonRejection`]). As a return value it writes JSON.
//! - [`Path`] reads path parameters: a segment the parameter type cannot hold answers
//!   `validation_error` naming the `parameter` (see [`PathRejection`]).
//! - [`Query`] reads the query string: a parameter that does not fit answers
//!   `validation_error` naming the `parameter` (see [`QueryRejection`]).
//! - [`Form`] reads an urlencoded form body: a field that does not fit answers
//!   `validation_error` naming the `parameter`, as [`Query`] does (see
//!   [`FormRejection`]).
//! - `Valid` and `Garde` (features `validator` and `garde`) wrap [`Json`], [`Query`],
//!   [`Form`] or [`Path`] and check the value: a broken rule answers
//!   `validation_error` with its `pointer` or `parameter`.
//! - [`not_found`] answers an unknown route, or a known path with another method, with
//!   `not_found`.
//! - [`EnvelopeLayer`], around the whole router, answers every other error response
//!   (a bare status, a body limit, a timeout, a panic) in the envelope too, with
//!   request ids if asked.
//!
//! With the `tracing` feature, every error response is logged (see
//! [`answer`](crate::server::answer)).
//!
//! ```no_run
//! use axum::routing::{get, post};
//! use axum::Router;
//! use certifier_error::axum::{not_found, Json, Path, Query, RequireVersionLayer};
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
//! #[derive(serde::Deserialize)]
//! struct List {
//!     limit: Option<usize>,
//! }
//!
//! async fn show(Path(id): Path<String>) -> Result<String, ApiError> {
//!     Err(ApiError::UnknownCertificate(id))
//! }
//!
//! async fn list(Query(list): Query<List>) -> Json<Vec<String>> {
//!     Json(Vec::with_capacity(list.limit.unwrap_or(0)))
//! }
//!
//! async fn issue(Json(request): Json<Issue>) -> Result<Json<String>, ApiError> {
//!     Ok(Json(request.domain))
//! }
//!
//! # async fn serve() {
//! let app = Router::new()
//!     .route("/certificates/{id}", get(show))
//!     .route("/certificates", get(list).post(issue))
//!     .route_layer(RequireVersionLayer::new(SupportedVersions::new(["2024-06-01"])))
//!     .fallback(not_found)
//!     .method_not_allowed_fallback(not_found);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
//! axum::serve(listener, app).await.unwrap();
//! # }
//! ```

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::error::Error;
use core::future::{ready, Future};
use core::pin::Pin;
use core::task::{Context, Poll};

use ::axum::body::{Body, Bytes};
use ::axum::extract::path::ErrorKind;
use ::axum::extract::{FromRequest, FromRequestParts, Request};
use ::axum::response::{IntoResponse, Response};
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::request::Parts;
use http::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

mod envelope;
#[cfg(any(feature = "validator-0_21", feature = "garde-0_23"))]
mod validated;

pub use self::envelope::{Envelope, EnvelopeLayer};
#[cfg(feature = "garde-0_23")]
pub use self::validated::Garde;
#[cfg(feature = "validator-0_21")]
pub use self::validated::Valid;
pub use crate::server::CertifierVersion;

crate::server::value_wrappers!("axum": Path, Query, Json, Form);

use crate::server::version::check_configured;
use crate::server::{
    decode_form, decode_json, decode_query, BodyFailure, FormRejection, JsonRejection,
    PathRejection, QueryRejection, SupportedVersions, VersionError, VERSION_HEADER,
};
use crate::server::{respond, Adapter};
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
    respond(error)
}

impl Adapter for Response {
    fn start(status: u16, body: Vec<u8>) -> Self {
        let mut response = Response::new(Body::from(body));
        // `status` is valid: `answer` checked it.
        *response.status_mut() =
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static(crate::server::CONTENT_TYPE),
        );
        response
    }

    fn append(&mut self, name: &'static str, value: String) {
        // Both are valid: `answer` checked them.
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

/// A layer that answers `missing_version` or `invalid_version` before the handler
/// runs, for every route it wraps, checking the `Certifier-Version` header against
/// `versions`.
///
/// Add it with `Router::route_layer`, so that the fallback still answers unknown routes
/// with `not_found` whatever their headers. The layer carries its versions, so its
/// place among other layers does not matter; it also puts them, and the checked
/// [`CertifierVersion`], in the request's extensions for the handler.
///
/// ```
/// use axum::routing::get;
/// use axum::Router;
/// use certifier_error::axum::RequireVersionLayer;
/// use certifier_error::server::SupportedVersions;
///
/// let app: Router = Router::new()
///     .route("/", get(|| async { "ok" }))
///     .route_layer(RequireVersionLayer::new(SupportedVersions::new(["2024-06-01"])));
/// ```
#[derive(Debug, Clone)]
pub struct RequireVersionLayer {
    versions: SupportedVersions,
}

impl RequireVersionLayer {
    /// The layer, accepting `versions`.
    ///
    /// ```
    /// use certifier_error::axum::RequireVersionLayer;
    /// use certifier_error::server::SupportedVersions;
    ///
    /// let layer = RequireVersionLayer::new(SupportedVersions::new(["2024-06-01"]));
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn new(versions: SupportedVersions) -> Self {
        RequireVersionLayer { versions }
    }
}

impl<S> tower_layer::Layer<S> for RequireVersionLayer {
    type Service = RequireVersion<S>;

    fn layer(&self, inner: S) -> RequireVersion<S> {
        RequireVersion {
            inner,
            versions: self.versions.clone(),
        }
    }
}

/// The service [`RequireVersionLayer`] wraps around a route.
#[derive(Debug, Clone)]
pub struct RequireVersion<S> {
    inner: S,
    versions: SupportedVersions,
}

impl<S, B> tower_service::Service<http::Request<B>> for RequireVersion<S>
where
    S: tower_service::Service<http::Request<B>, Response = Response>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, context: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(context)
    }

    fn call(&mut self, mut request: http::Request<B>) -> Self::Future {
        let header = request
            .headers()
            .get(VERSION_HEADER)
            .map(HeaderValue::as_bytes);
        match self.versions.check(header) {
            Ok(version) => {
                let extensions = request.extensions_mut();
                extensions.insert(self.versions.clone());
                extensions.insert(CertifierVersion(version));
                Box::pin(self.inner.call(request))
            }
            Err(error) => Box::pin(ready(Ok(into_response(&error)))),
        }
    }
}

/// The `Certifier-Version` the request names, checked against the
/// [`SupportedVersions`] in the request's extensions, which [`RequireVersionLayer`] puts
/// there. Rejects with [`VersionError`]: `missing_version` or `invalid_version`.
///
/// Without versions in the extensions (the extractor used on a route that
/// [`RequireVersionLayer`] does not wrap, or `from_extractor` inside the layer that adds
/// them) it accepts nothing: it answers `500 internal_server_error`
/// ([`VersionError::Unconfigured`]) and, with the `tracing` feature, logs the mistake
/// at error level.
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
///
/// // No versions configured: a server error, never "any version goes".
/// let request = http::Request::builder()
///     .header("Certifier-Version", "2024-06-01")
///     .body(())
///     .unwrap();
/// let (mut parts, ()) = request.into_parts();
/// let error = CertifierVersion::from_request_parts(&mut parts, &()).await.unwrap_err();
/// assert_eq!((error.status(), error.code()), (500, "internal_server_error"));
/// # });
/// ```
impl<S: Send + Sync> FromRequestParts<S> for CertifierVersion {
    type Rejection = VersionError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, VersionError> {
        let header = parts.headers.get(VERSION_HEADER).map(HeaderValue::as_bytes);
        check_configured(parts.extensions.get::<SupportedVersions>(), header).map(CertifierVersion)
    }
}

/// Path parameters, as axum's own `Path` reads them, with rejections that are
/// Certifier errors: a segment that `T` cannot hold (not UTF-8, not a number where one
/// is expected) answers `400 validation_error` naming the parameter, a route that does
/// not fit `T` `500` (see [`PathRejection`]).
///
/// ```
/// use axum::body::Body;
/// use axum::routing::get;
/// use axum::Router;
/// use certifier_error::axum::Path;
/// use tower_service::Service;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let mut app: Router = Router::new()
///     .route("/items/{id}", get(|Path(id): Path<u32>| async move { id.to_string() }));
/// let request = http::Request::get("/items/seven").body(Body::empty()).unwrap();
/// let response = app.call(request).await.unwrap();
/// assert_eq!(response.status(), 400);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let body = axum::body::to_bytes(response.into_body(), 1 << 10).await.unwrap();
/// assert!(body.ends_with(br#""errors":[{"code":"invalid_type","message":"This value has the wrong type.","parameter":"id"}]}}"#));
/// # });
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = PathRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PathRejection> {
        let rejection = match ::axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(::axum::extract::Path(value)) => return Ok(Path(value)),
            Err(rejection) => rejection,
        };
        // axum sorts its rejections: 4xx for what the client sent, 5xx for a route that
        // does not fit the extractor.
        if rejection.status().is_server_error() {
            return Err(PathRejection::Route(Box::new(rejection)));
        }
        let ::axum::extract::rejection::PathRejection::FailedToDeserializePathParams(failure) =
            &rejection
        else {
            return Err(PathRejection::new(None, rejection));
        };
        // The route's parameter names, in order, for the kinds that give an index (their
        // values are UTF-8, so axum can list them).
        let names: Vec<String> = match failure.kind() {
            ErrorKind::ParseErrorAtIndex { .. } | ErrorKind::ParseError { .. } => {
                match ::axum::extract::RawPathParams::from_request_parts(parts, state).await {
                    Ok(params) => params.iter().map(|(name, _)| name.into()).collect(),
                    Err(_) => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        let (name, code) = match failure.kind() {
            ErrorKind::ParseErrorAtKey { key, .. } => (Some(key.clone()), "invalid_type"),
            ErrorKind::ParseErrorAtIndex { index, .. } => {
                (names.get(*index).cloned(), "invalid_type")
            }
            ErrorKind::ParseError { .. } => (
                names.first().filter(|_| names.len() == 1).cloned(),
                "invalid_type",
            ),
            ErrorKind::InvalidUtf8InPathParam { key } => (Some(key.clone()), "invalid_value"),
            ErrorKind::DeserializeError { key, message, .. } => (
                Some(key.clone()),
                crate::server::params::parameter_misfit(message).0,
            ),
            _ => return Err(PathRejection::new(None, rejection)),
        };
        Err(PathRejection::sorted(
            name.as_deref(),
            code,
            Box::new(rejection),
        ))
    }
}

/// The query string, decoded into `T`; a parameter that does not fit answers
/// `400 validation_error` whose `errors` name it (see [`QueryRejection`]). A request
/// without a query string decodes from the empty string.
///
/// ```
/// use axum::extract::FromRequestParts;
/// use certifier_error::axum::Query;
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct List {
///     limit: Option<u32>,
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let (mut parts, ()) = http::Request::get("/?limit=3").body(()).unwrap().into_parts();
/// let Query(list) = Query::<List>::from_request_parts(&mut parts, &()).await.unwrap();
/// assert_eq!(list.limit, Some(3));
///
/// let (mut parts, ()) = http::Request::get("/?limit=x").body(()).unwrap().into_parts();
/// let error = Query::<List>::from_request_parts(&mut parts, &()).await.unwrap_err();
/// assert_eq!(error.code(), "validation_error");
/// assert_eq!(error.violations()[0].parameter(), Some("limit"));
/// # });
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = QueryRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, QueryRejection> {
        decode_query(parts.uri.query().unwrap_or_default()).map(Query)
    }
}

/// A JSON request body, or a JSON response.
///
/// As an extractor it requires a JSON `content-type` and rejects with
/// [`JsonRejection`]: `invalid_json` for a body that is not JSON, `validation_error`
/// with the `pointer` of the first misfit for JSON that does not fit `T`, `bad_request` for a body that is too large or cannot
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
/// assert_eq!(error.violations()[0].pointer(), Some("/days"));
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
        let (content_type, body) = typed_body(
            request,
            state,
            crate::server::is_json_content_type,
            JsonRejection::ContentType,
        )
        .await?;
        decode_json(Some(&content_type), &body).map(Json)
    }
}

/// The `content-type` and the whole body of `request` (within axum's body limit), for a
/// content type that `accepts` takes; `refused` for any other, or none.
async fn typed_body<S, R>(
    request: Request,
    state: &S,
    accepts: fn(&[u8]) -> bool,
    refused: R,
) -> Result<(Vec<u8>, Bytes), R>
where
    S: Send + Sync,
    R: From<BodyFailure>,
{
    let content_type = match request.headers().get(CONTENT_TYPE) {
        Some(value) if accepts(value.as_bytes()) => value.as_bytes().to_vec(),
        _ => return Err(refused),
    };
    let body = Bytes::from_request(request, state)
        .await
        .map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                BodyFailure::TooLarge
            } else {
                BodyFailure::Unreadable(Box::new(rejection))
            }
        })?;
    Ok((content_type, body))
}

/// An urlencoded form body (`application/x-www-form-urlencoded`), decoded into `T`
/// with the decoding and the codes of [`Query`]: a field that does not fit answers
/// `400 validation_error` naming it as a `parameter`. A missing or other `content-type`
/// answers `400 bad_request` saying what the endpoint reads, and so does a body over
/// axum's body limit (2 MB unless `DefaultBodyLimit` says otherwise) or one that cannot
/// be read (see [`FormRejection`]). It reads the body only, whatever the method: a
/// query string is [`Query`]'s.
///
/// ```
/// use axum::extract::FromRequest;
/// use certifier_error::axum::Form;
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Login {
///     name: String,
///     remember: bool,
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let request = |body: &'static str| {
///     http::Request::post("/login")
///         .header("content-type", "application/x-www-form-urlencoded")
///         .body(axum::body::Body::from(body))
///         .unwrap()
/// };
/// let Form(login) = Form::<Login>::from_request(request("name=ann&remember=true"), &())
///     .await
///     .unwrap();
/// assert_eq!((login.name.as_str(), login.remember), ("ann", true));
///
/// let error = Form::<Login>::from_request(request("name=ann&remember=1"), &())
///     .await
///     .unwrap_err();
/// assert_eq!(error.code(), "validation_error");
/// assert_eq!(error.violations()[0].parameter(), Some("remember"));
/// # });
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Form<T>(pub T);

impl<T, S> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = FormRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, FormRejection> {
        let (content_type, body) = typed_body(
            request,
            state,
            crate::server::is_form_content_type,
            FormRejection::ContentType,
        )
        .await?;
        decode_form(Some(&content_type), &body).map(Form)
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
            Err(failure) => into_response(&ResponseBodyError(failure)),
        }
    }
}

/// A response value that could not be written as JSON: the standard `500`, with the
/// serde error as the `source()` so that the log shows it.
#[derive(Debug, CertifierError)]
#[certifier(code = "internal_server_error")]
pub(crate) struct ResponseBodyError(#[source] pub(crate) serde_json::Error);

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

impl crate::server::reference::Page for Response {
    type Body = Bytes;

    fn page(body: Bytes) -> Self {
        Response::new(Body::from(body))
    }

    fn set(&mut self, name: &'static str, value: &'static str) {
        self.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
}

/// A router serving the error reference of `E`'s catalogue, to
/// [`nest`](::axum::Router::nest) at a path such as `/errors`: the index of every code
/// ([`Catalogue::html`](crate::catalogue::Catalogue::html)) at its root, one page per
/// code ([`Catalogue::html_for`](crate::catalogue::Catalogue::html_for)) at `/{code}`,
/// each as JSON (the catalogue's `Serialize` form, an array of entries) to a client whose
/// `Accept` prefers `application/json` to `text/html`.
///
/// The pages are rendered once, when the router is built. An unknown code answers
/// `404 not_found` in the envelope, a method other than `GET` or `HEAD` `not_found` with
/// `Allow`. HTML pages carry `text/html; charset=utf-8`, `X-Content-Type-Options:
/// nosniff`, a `Content-Security-Policy` that allows no script and no asset, and every
/// page `Vary: accept` and `Cache-Control: public, max-age=300`. The actix-web
/// integration's `catalogue_scope` answers byte for byte alike.
///
/// With `#[certifier(doc_url = "/errors/{code}")]` on the error type and the router
/// nested at `/errors`, every envelope's `doc_url` leads to its code's page. The router
/// has no state: nest it before `with_state`, or with `nest_service` in a router that
/// has one.
///
/// ```
/// use axum::body::Body;
/// use axum::http::Request;
/// use axum::Router;
/// use certifier_error::CertifierError;
/// use tower_service::Service;
///
/// #[derive(Debug, CertifierError)]
/// #[certifier(doc_url = "/errors/{code}")]
/// enum ApiError {
///     /// The plan allows no more certificates.
///     #[certifier(status = 402, code = "plan_limit", message = "The plan is full.")]
///     PlanLimit,
/// }
///
/// let mut app: Router = Router::new()
///     .nest("/errors", certifier_error::axum::catalogue_router::<ApiError>());
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let request = Request::get("/errors/plan_limit").body(Body::empty()).unwrap();
/// let response = app.call(request).await.unwrap();
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8");
///
/// let request = Request::get("/errors/no_such_code").body(Body::empty()).unwrap();
/// assert_eq!(app.call(request).await.unwrap().status(), 404);
/// # });
/// ```
pub fn catalogue_router<E: crate::ErrorCatalogue + ?Sized>() -> ::axum::Router {
    use ::axum::routing::any;
    use alloc::sync::Arc;

    let reference = Arc::new(crate::server::reference::Reference::<Bytes>::new(
        E::CATALOGUE,
    ));
    let at_root = Arc::clone(&reference);
    ::axum::Router::new()
        .route(
            "/",
            any(move |request: Request| {
                let page: Response = at_root.respond(
                    request.method().as_str().as_bytes(),
                    None,
                    accept(request.headers()),
                );
                ready(page)
            }),
        )
        .route(
            "/{code}",
            any(
                move |code: Result<
                    ::axum::extract::Path<String>,
                    ::axum::extract::rejection::PathRejection,
                >,
                      request: Request| {
                    // A segment that does not decode is no code.
                    let code = code.map_or_else(|_| String::from("/"), |code| code.0);
                    let page: Response = reference.respond(
                        request.method().as_str().as_bytes(),
                        Some(&code),
                        accept(request.headers()),
                    );
                    ready(page)
                },
            ),
        )
}

/// The `Accept` header fields of a request.
fn accept(headers: &http::HeaderMap) -> impl Iterator<Item = &[u8]> {
    headers
        .get_all(http::header::ACCEPT)
        .iter()
        .map(HeaderValue::as_bytes)
}
