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
//! - [`RequireVersion`] is middleware, carrying its own [`SupportedVersions`], that
//!   checks the `Certifier-Version` request header of every route it wraps
//!   (`missing_version`, `invalid_version`). [`CertifierVersion`] gives a handler the
//!   version.
//! - [`Json`] reads a JSON body: a body that is not JSON answers `invalid_json`, JSON of
//!   the wrong shape `validation_error` with the `pointer` of the first misfit (see
//!   [`JsonRejection`]). [`json_config`] makes `web::Json` rejections Certifier errors
//!   too, but less precise ones: actix-web drops the body before its error handler
//!   runs, so a misfit points at the whole body.
//! - [`Query`] reads the query string: a parameter that does not fit answers
//!   `validation_error` naming the `parameter` (see [`QueryRejection`]).
//!   [`query_config`] does the same for `web::Query` where actix-web's error lets it
//!   name the parameter.
//! - [`Path`] reads path parameters: a segment the parameter type cannot hold answers
//!   `validation_error` naming the `parameter` (see [`PathRejection`]).
//!   [`path_config`] does the same for `web::Path` where actix-web's error lets it name
//!   the parameter.
//! - [`Form`] reads an urlencoded form body: a field that does not fit answers
//!   `validation_error` naming the `parameter`, as [`Query`] does (see
//!   [`FormRejection`]).
//! - `Valid` and `Garde` (features `validator` and `garde`) wrap [`Json`], [`Query`],
//!   [`Form`] or [`Path`] and check the value: a broken rule answers
//!   `validation_error` with its `pointer` or `parameter`.
//! - [`not_found`] answers unknown routes with `not_found`, as the default service.
//! - [`Envelope`], wrapping the whole app, answers every other error response (a bare
//!   status, a resource's 405, another middleware's error, a panic) in the envelope
//!   too, with request ids if asked.
//!
//! With the `tracing` feature, every error response is logged (see
//! [`answer`](crate::server::answer)).
//!
//! ```no_run
//! use actix_web::{web, App, HttpServer};
//! use certifier_error::actix_web::{
//!     json_config, not_found, path_config, query_config, Json, RequireVersion,
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
//! async fn issue(request: Json<Issue>) -> Result<String, ApiError> {
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
//!                 .wrap(RequireVersion::new(SupportedVersions::new(["2024-06-01"])))
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
use ::actix_web::error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError};
use ::actix_web::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use ::actix_web::http::StatusCode;
use ::actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use serde::Serialize;

mod envelope;
#[cfg(any(feature = "validator-0_21", feature = "garde-0_23"))]
mod validated;

pub use self::envelope::{Envelope, EnvelopeMiddleware};
#[cfg(feature = "garde-0_23")]
pub use self::validated::Garde;
#[cfg(feature = "validator-0_21")]
pub use self::validated::Valid;
pub use crate::server::CertifierVersion;

crate::server::value_wrappers!("actix_web": Path, Query, Json, Form);

use crate::server::version::check_configured;
use crate::server::{
    decode_form, decode_json, decode_query, BodyFailure, FormRejection, JsonRejection,
    PathRejection, QueryRejection, SupportedVersions, VersionError, VERSION_HEADER,
};
use crate::server::{respond, valid_status, Adapter};
use crate::{CertifierError, StandardError};

/// The status of `error` as actix-web's status type: what the derived `ResponseError`
/// impls answer.
pub(crate) fn status_of<T: CertifierError + ?Sized>(error: &T) -> StatusCode {
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

/// The versions for this request: those [`RequireVersion`] put in its extensions,
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
/// [`SupportedVersions`] that [`RequireVersion`] put in the request, or else those in
/// the app data. Rejects with [`VersionError`]: `missing_version` or
/// `invalid_version`.
///
/// Without versions (the extractor used on a route that [`RequireVersion`] does not
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
/// use certifier_error::actix_web::RequireVersion;
/// use certifier_error::server::SupportedVersions;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(
///     App::new().service(
///         web::scope("")
///             .wrap(RequireVersion::new(SupportedVersions::new(["2024-06-01"])))
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
#[derive(Debug, Clone)]
pub struct RequireVersion {
    versions: SupportedVersions,
}

impl RequireVersion {
    /// The middleware, accepting `versions`.
    ///
    /// ```
    /// use certifier_error::actix_web::RequireVersion;
    /// use certifier_error::server::SupportedVersions;
    ///
    /// let middleware = RequireVersion::new(SupportedVersions::new(["2024-06-01"]));
    /// # let _ = middleware;
    /// ```
    #[must_use]
    pub fn new(versions: SupportedVersions) -> Self {
        RequireVersion { versions }
    }
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
/// parameter type cannot hold answers `400 validation_error` naming the parameter, a
/// route that does not fit the type `500` (see [`PathRejection`]). Register it with
/// `App::app_data(path_config())`.
///
/// actix-web's error does not say which parameter failed: it is the route's only one,
/// or the one whose value the error quotes; where two hold that value, `errors` is
/// empty. [`Path`] always names it.
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
/// assert_eq!(response.status().as_u16(), 400);
/// let body = test::read_body(response).await;
/// assert_eq!(
///     body,
///     concat!(
///         r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","#,
///         r#""errors":[{"code":"invalid_type","message":"This value has the wrong type.","parameter":"id"}]}}"#,
///     ),
/// );
/// # });
/// ```
#[must_use]
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|error, request| path_rejection(error, request).into())
}

/// Sorts actix-web's path error into a [`PathRejection`].
fn path_rejection(error: PathError, request: &HttpRequest) -> PathRejection {
    let PathError::Deserialize(failure) = &error else {
        return PathRejection::new(None, error);
    };
    let text = failure.to_string();
    if is_route_mismatch(&text) {
        return PathRejection::Route(Box::new(error));
    }
    let segments: Vec<(&str, &str)> = request.match_info().iter().collect();
    let name = match segments.as_slice() {
        [(name, _)] => Some(*name),
        _ => {
            // actix-router quotes the value: `can not parse "seven" to a u32`.
            let mut quoting = segments
                .iter()
                .filter(|(_, value)| text.contains(&alloc::format!("{value:?}")));
            match (quoting.next(), quoting.next()) {
                (Some((name, _)), None) => Some(*name),
                _ => None,
            }
        }
    };
    PathRejection::sorted(name, path_code(&text), Box::new(error))
}

/// Whether actix-router's wording says the route does not fit the type (its own
/// wordings, and a struct member the route does not have): the server's mistake.
fn is_route_mismatch(text: &str) -> bool {
    text.starts_with("unsupported type")
        || text.starts_with("wrong number of parameters")
        || text.starts_with("expected at least one parameters")
        || text.starts_with("missing field")
}

/// The violation code for actix-router's wording of a segment that does not fit.
fn path_code(text: &str) -> &'static str {
    if text.starts_with("can not parse") {
        "invalid_type"
    } else {
        crate::server::params::parameter_misfit(text).0
    }
}

/// Path parameters, decoded into `T` as `web::Path` decodes them, with rejections that
/// always name the parameter: a segment `T` cannot hold answers `400 validation_error`
/// whose `errors` name it, a route that does not fit `T` `500` (see
/// [`PathRejection`]). Needs no `path_config`.
///
/// A path that is not UTF-8 once percent-decoded (`/items/%FF`) is refused with
/// `invalid_value`, as axum's `Path` refuses it, where `web::Path` would hand the
/// handler U+FFFD in place of each bad byte.
///
/// ```
/// use actix_web::{test, web, App};
/// use certifier_error::actix_web::Path;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(App::new().route(
///     "/pairs/{a}/{b}",
///     web::get().to(|Path((a, b)): Path<(u8, u8)>| async move { (a + b).to_string() }),
/// ))
/// .await;
/// // Both segments hold `x`: the first that does not fit is named.
/// let request = test::TestRequest::get().uri("/pairs/x/x").to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status().as_u16(), 400);
/// let body = test::read_body(response).await;
/// assert!(body.ends_with(br#""parameter":"a"}]}}"#));
///
/// // Not UTF-8 once decoded.
/// let request = test::TestRequest::get().uri("/pairs/1/%FF").to_request();
/// let body = test::read_body(test::call_service(&app, request).await).await;
/// assert!(body.ends_with(br#"{"code":"invalid_value","message":"This value is not one of the accepted values.","parameter":"b"}]}}"#));
/// # });
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T: serde::de::DeserializeOwned> FromRequest for Path<T> {
    type Error = PathRejection;
    type Future = Ready<Result<Self, PathRejection>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(decode_path(request).map(Path))
    }
}

/// Decodes the request's path parameters; only a failure decodes them again with the
/// path tracked, to name the parameter.
fn decode_path<T: serde::de::DeserializeOwned>(request: &HttpRequest) -> Result<T, PathRejection> {
    use serde_path_to_error::Segment;

    if let Some(rejection) = not_utf8(request) {
        return Err(rejection);
    }
    let parameters = request.match_info();
    if let Ok(value) = T::deserialize(actix_router::PathDeserializer::new(parameters)) {
        return Ok(value);
    }
    let mut track = serde_path_to_error::Track::new();
    let deserializer = actix_router::PathDeserializer::new(parameters);
    let error = match T::deserialize(serde_path_to_error::Deserializer::new(
        deserializer,
        &mut track,
    )) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let text = error.to_string();
    if is_route_mismatch(&text) {
        return Err(PathRejection::Route(Box::new(error)));
    }
    let names: Vec<&str> = parameters.iter().map(|(name, _)| name).collect();
    let name = match track.path().iter().next() {
        Some(Segment::Map { key }) => Some(key.clone()),
        Some(Segment::Seq { index }) => names.get(*index).map(|name| (*name).into()),
        _ => match names.as_slice() {
            [name] => Some((*name).into()),
            _ => None,
        },
    };
    Err(PathRejection::sorted(
        name.as_deref(),
        path_code(&text),
        Box::new(error),
    ))
}

/// The rejection of a path that is not UTF-8 once percent-decoded (`/certificates/%FF`),
/// as axum's `Path` refuses it: `invalid_value`, naming the first parameter whose value
/// holds U+FFFD. actix-web decodes such a path lossily, each bad byte becoming U+FFFD,
/// so the raw path is what tells.
fn not_utf8(request: &HttpRequest) -> Option<PathRejection> {
    let raw = request.uri().path();
    // Without `%`, the path is the `str` it already is.
    if !raw.contains('%') {
        return None;
    }
    let decoded = actix_router::Quoter::new(b"", b"").requote(raw.as_bytes())?;
    if core::str::from_utf8(&decoded).is_ok() {
        return None;
    }
    let name = request
        .match_info()
        .iter()
        .find(|(_, value)| value.contains(char::REPLACEMENT_CHARACTER))
        .map(|(name, _)| name);
    let reason = "a path parameter is not UTF-8 once percent-decoded";
    Some(PathRejection::sorted(name, "invalid_value", reason.into()))
}

/// A `web::Query` configuration whose rejections are Certifier errors: a query string
/// that does not fit answers `400 validation_error` (see [`QueryRejection`]). Register
/// it with `App::app_data(query_config())`.
///
/// actix-web's error names the parameter only when it is missing, unknown or repeated;
/// otherwise the parameter is the query's only one, or the one whose value the error
/// quotes, and `errors` is empty where neither tells. [`Query`] always names it.
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
///     concat!(
///         r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","#,
///         r#""errors":[{"code":"invalid_type","message":"This value has the wrong type.","parameter":"limit"}]}}"#,
///     ),
/// );
/// # });
/// ```
#[must_use]
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default()
        .error_handler(|error, request| query_rejection(error, request).into())
}

/// Sorts actix-web's query error into a [`QueryRejection`].
fn query_rejection(error: QueryPayloadError, request: &HttpRequest) -> QueryRejection {
    let error: Box<dyn Error + Send + Sync> = match error {
        // serde's own account, without actix-web's prefix.
        QueryPayloadError::Deserialize(error) => Box::new(error),
        other => Box::new(other),
    };
    let text = error.to_string();
    if crate::server::params::parameter_misfit(&text).1.is_some() {
        return QueryRejection::new(None, error);
    }
    let pairs: Vec<(String, String)> = form_urlencoded::parse(request.query_string().as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let name = match pairs.as_slice() {
        [(name, _)] => Some(name.as_str()),
        _ => {
            // serde quotes some values: "unknown variant `Slow`, expected ...".
            let mut quoting = pairs
                .iter()
                .filter(|(_, value)| text.contains(&alloc::format!("`{value}`")));
            match (quoting.next(), quoting.next()) {
                (Some((name, _)), None) => Some(name.as_str()),
                _ => None,
            }
        }
    };
    QueryRejection::new(name, error)
}

/// The query string, decoded into `T`; a parameter that does not fit answers
/// `400 validation_error` whose `errors` name it (see [`QueryRejection`]), whatever the
/// parameter's place in the query.
///
/// ```
/// use actix_web::{test, web, App};
/// use certifier_error::actix_web::Query;
///
/// #[derive(serde::Deserialize)]
/// struct List {
///     limit: Option<u32>,
///     cursor: Option<String>,
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(App::new().route(
///     "/",
///     web::get().to(|Query(list): Query<List>| async move { format!("{:?}", list.limit) }),
/// ))
/// .await;
/// let request = test::TestRequest::get().uri("/?cursor=abc&limit=ten").to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status().as_u16(), 400);
/// let body = test::read_body(response).await;
/// assert!(body.ends_with(br#""parameter":"limit"}]}}"#));
/// # });
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T: serde::de::DeserializeOwned> FromRequest for Query<T> {
    type Error = QueryRejection;
    type Future = Ready<Result<Self, QueryRejection>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(decode_query(request.query_string()).map(Query))
    }
}

/// A `web::Json` configuration whose rejections are Certifier errors: see
/// [`JsonRejection`]. Register it with `App::app_data(json_config())`; adjust the size
/// limit with [`JsonConfig::limit`](web::JsonConfig::limit).
///
/// actix-web drops the body before its error handler runs, so the body cannot be read
/// again: a misfit's violation points at the whole body (`""`), and a wrong type met
/// before a syntax error counts as `validation_error`. [`Json`] reads the body itself
/// and gives the exact pointer.
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
#[must_use]
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
#[must_use]
pub fn json_rejection(error: JsonPayloadError) -> JsonRejection {
    match error {
        JsonPayloadError::ContentType => JsonRejection::ContentType,
        JsonPayloadError::Deserialize(error) => JsonRejection::new(error),
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            JsonRejection::TooLarge
        }
        other => JsonRejection::Body(Box::new(other)),
    }
}

/// A JSON request body, read whole and decoded into `T`: it requires a JSON
/// `content-type` and rejects with [`JsonRejection`]: `invalid_json` for a body that is
/// not JSON (even where a wrong type comes first), `validation_error` with the `pointer`
/// of the first misfit, `bad_request` for a body over the limit of `web::PayloadConfig`
/// (256 KiB by default) or one that cannot be read.
///
/// ```
/// use actix_web::{test, web, App};
/// use certifier_error::actix_web::Json;
///
/// #[derive(serde::Deserialize)]
/// struct Renew {
///     days: u32,
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(App::new().route(
///     "/",
///     web::post().to(|Json(renew): Json<Renew>| async move { renew.days.to_string() }),
/// ))
/// .await;
/// let request = test::TestRequest::post()
///     .uri("/")
///     .insert_header(("content-type", "application/json"))
///     .set_payload(r#"{"days": "ninety"}"#)
///     .to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status().as_u16(), 400);
/// let body = test::read_body(response).await;
/// assert!(body.ends_with(br#""errors":[{"code":"invalid_type","message":"This value has the wrong type.","pointer":"/days"}]}}"#));
/// # });
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = JsonRejection;
    type Future = Pin<Box<dyn Future<Output = Result<Self, JsonRejection>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = typed_body(
            request,
            payload,
            crate::server::is_json_content_type,
            JsonRejection::ContentType,
        );
        Box::pin(async move {
            let (content_type, body) = body.await?;
            decode_json(Some(&content_type), &body).map(Json)
        })
    }
}

/// The `content-type` and the whole body of the request (within the limit of
/// `web::PayloadConfig`), for a content type that `accepts` takes; `refused` for any
/// other, or none.
fn typed_body<R: From<BodyFailure>>(
    request: &HttpRequest,
    payload: &mut Payload,
    accepts: fn(&[u8]) -> bool,
    refused: R,
) -> impl Future<Output = Result<(Vec<u8>, web::Bytes), R>> {
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .map(|value| value.as_bytes().to_vec());
    let body = web::Bytes::from_request(request, payload);
    async move {
        let content_type = match content_type {
            Some(value) if accepts(&value) => value,
            _ => return Err(refused),
        };
        let body = body
            .await
            .map_err(|error| match error.as_error::<PayloadError>() {
                Some(PayloadError::Overflow) => BodyFailure::TooLarge,
                _ => BodyFailure::Unreadable(Box::new(ReadError(error.to_string()))),
            })?;
        Ok((content_type, body))
    }
}

/// An urlencoded form body (`application/x-www-form-urlencoded`), read whole and
/// decoded into `T` with the decoding and the codes of [`Query`]: a field that does not
/// fit answers `400 validation_error` naming it as a `parameter`. A missing or other
/// `content-type` answers `400 bad_request` saying what the endpoint reads, and so does
/// a body over the limit of `web::PayloadConfig` (256 KiB by default) or one that
/// cannot be read (see [`FormRejection`]).
///
/// ```
/// use actix_web::{test, web, App};
/// use certifier_error::actix_web::Form;
///
/// #[derive(serde::Deserialize)]
/// struct Login {
///     name: String,
///     remember: bool,
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(App::new().route(
///     "/login",
///     web::post().to(|Form(login): Form<Login>| async move { format!("{} {}", login.name, login.remember) }),
/// ))
/// .await;
/// let request = test::TestRequest::post()
///     .uri("/login")
///     .insert_header(("content-type", "application/x-www-form-urlencoded"))
///     .set_payload("name=ann&remember=1")
///     .to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status().as_u16(), 400);
/// let body = test::read_body(response).await;
/// assert!(body.ends_with(br#""parameter":"remember"}]}}"#));
/// # });
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Form<T>(pub T);

impl<T: serde::de::DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = FormRejection;
    type Future = Pin<Box<dyn Future<Output = Result<Self, FormRejection>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = typed_body(
            request,
            payload,
            crate::server::is_form_content_type,
            FormRejection::ContentType,
        );
        Box::pin(async move {
            let (content_type, body) = body.await?;
            decode_form(Some(&content_type), &body).map(Form)
        })
    }
}

/// actix-web's error for a body that could not be read, as text: its own error type is
/// neither `Send` nor `Sync`.
#[derive(Debug)]
struct ReadError(String);

impl core::fmt::Display for ReadError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Error for ReadError {}

/// A standard error answers a request on its own, as it does in axum: a handler may
/// return `StandardError::NotFound`, and [`not_found`] does.
///
/// ```
/// use actix_web::{test, web, App};
/// use certifier_error::StandardError;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(
///     App::new().route("/", web::get().to(|| async { StandardError::Conflict })),
/// )
/// .await;
/// let response = test::call_service(&app, test::TestRequest::get().uri("/").to_request()).await;
/// assert_eq!(response.status().as_u16(), 409);
/// # });
/// ```
impl ::actix_web::Responder for StandardError {
    type Body = BoxBody;

    fn respond_to(self, _request: &HttpRequest) -> HttpResponse<BoxBody> {
        error_response(&self)
    }
}

/// Answers `404 not_found`: the default service for unknown routes. Returns the same
/// type as `certifier_error::axum::not_found`.
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
pub async fn not_found() -> StandardError {
    StandardError::NotFound
}

impl crate::server::reference::Page for HttpResponse<BoxBody> {
    type Body = web::Bytes;

    fn page(body: web::Bytes) -> Self {
        HttpResponse::Ok().body(body)
    }

    fn set(&mut self, name: &'static str, value: &'static str) {
        self.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
}

/// A scope at `path` (such as `/errors`) serving the error reference of `E`'s catalogue:
/// the index of every code ([`Catalogue::html`](crate::catalogue::Catalogue::html)) at
/// `path` and `path/`, one page per code
/// ([`Catalogue::html_for`](crate::catalogue::Catalogue::html_for)) at `path/{code}`,
/// each as JSON (the catalogue's `Serialize` form, an array of entries) to a client whose
/// `Accept` prefers `application/json` to `text/html`.
///
/// The pages are rendered once, when the scope is built (once per worker). An unknown
/// code answers `404 not_found` in the envelope, a method other than `GET` or `HEAD`
/// `not_found` with `Allow`. HTML pages carry `text/html; charset=utf-8`,
/// `X-Content-Type-Options: nosniff`, a `Content-Security-Policy` that allows no script
/// and no asset, and every page `Vary: accept` and `Cache-Control: public, max-age=300`.
/// The axum integration's `catalogue_router` answers byte for byte alike.
///
/// With `#[certifier(doc_url = "/errors/{code}")]` on the error type and the scope at
/// `/errors`, every envelope's `doc_url` leads to its code's page.
///
/// ```
/// use actix_web::{test, App};
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, CertifierError)]
/// #[certifier(doc_url = "/errors/{code}")]
/// enum ApiError {
///     /// The plan allows no more certificates.
///     #[certifier(status = 402, code = "plan_limit", message = "The plan is full.")]
///     PlanLimit,
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(
///     App::new().service(certifier_error::actix_web::catalogue_scope::<ApiError>("/errors")),
/// )
/// .await;
/// let request = test::TestRequest::get().uri("/errors/plan_limit").to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status(), 200);
/// assert_eq!(
///     response.headers().get("content-type").unwrap(),
///     "text/html; charset=utf-8",
/// );
///
/// let request = test::TestRequest::get().uri("/errors/no_such_code").to_request();
/// assert_eq!(test::call_service(&app, request).await.status(), 404);
/// # });
/// ```
#[must_use]
pub fn catalogue_scope<E: crate::ErrorCatalogue + ?Sized>(path: &str) -> ::actix_web::Scope {
    use alloc::sync::Arc;

    let reference = Arc::new(crate::server::reference::Reference::<web::Bytes>::new(
        E::CATALOGUE,
    ));
    let serve = move |request: HttpRequest| {
        let code = request.match_info().get("code");
        let page: HttpResponse =
            reference.respond(request.method().as_str().as_bytes(), code, accept(&request));
        ready(page)
    };
    web::scope(path)
        .service(web::resource("").default_service(web::to(serve.clone())))
        .service(web::resource("/{code}").default_service(web::to(serve)))
}

/// The `Accept` header fields of a request.
fn accept(request: &HttpRequest) -> impl Iterator<Item = &[u8]> {
    request
        .headers()
        .get_all(::actix_web::http::header::ACCEPT)
        .map(HeaderValue::as_bytes)
}
