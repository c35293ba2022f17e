//! [`EnvelopeLayer`]: every error response of a router in the envelope.

use alloc::boxed::Box;
use alloc::sync::Arc;
use core::future::Future;
use core::panic::AssertUnwindSafe;
use core::pin::Pin;
use core::task::{Context, Poll};

use ::axum::body::{Body, Bytes, HttpBody};
use ::axum::response::Response;
use futures_util::FutureExt as _;
use http::header::{
    HeaderName, HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, VARY, WWW_AUTHENTICATE,
};
use http::{Request, StatusCode};

use super::into_response;
use crate::server::envelope::{Settings, StatusError, BODY_HEADERS};
use crate::server::panic::Panicked;
use crate::server::problem;
use crate::server::request_id::{self, RequestId};
use crate::server::{Enveloped, REQUEST_ID_HEADER};

/// The most bytes of an envelope the layer reads back, to add a `request_id` it lacks
/// (an envelope built outside the request's task) or to write it as a problem.
const ENVELOPE_LIMIT: usize = 1024 * 1024;

/// A tower layer that puts every error response of the service it wraps in the
/// Certifier envelope. Add it to the whole `Router` with `.layer(EnvelopeLayer::new())`.
///
/// - A response with a 4xx or 5xx status that this crate did not build (a router's
///   404 or 405, a body limit's 413, a tower-http timeout, a handler returning a bare
///   `StatusCode`, an empty 401) gets a fresh envelope: its status and code come from
///   [`Code::for_status`](crate::Code::for_status) and
///   [`Code::envelope_status`](crate::Code::envelope_status), so the pair is always one
///   of the Certifier table (a 405 answers `404 not_found`, a 413 `400 bad_request`, a
///   408 `503 internal_server_error`). Its headers are kept (`WWW-Authenticate`,
///   `Retry-After`, `Allow`, …), except those that described the old body. The old
///   body is dropped unread.
/// - An envelope the crate built (marked with [`Enveloped`]) and every success response
///   pass through untouched: the layer never reads a body to decide.
/// - A handler that panics answers `500 internal_server_error`; the panic's text goes
///   to the log (feature `tracing`) as the error's cause, never to the client. (The
///   layer catches panics itself rather than through tower-http's `CatchPanic`, which
///   boxes every response body: the success path keeps axum's body as it is.)
/// - [`with_request_id`](Self::with_request_id) adds request ids,
///   [`with_challenge`](Self::with_challenge) a default `WWW-Authenticate` for 401s.
///
/// ```
/// use axum::body::Body;
/// use axum::http::StatusCode;
/// use axum::routing::get;
/// use axum::Router;
/// use certifier_error::axum::EnvelopeLayer;
/// use tower_service::Service;
///
/// async fn panics() -> &'static str {
///     panic!("not for clients")
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let mut app: Router = Router::new()
///     .route("/teapot", get(|| async { StatusCode::IM_A_TEAPOT }))
///     .route("/panics", get(panics))
///     .layer(EnvelopeLayer::new().with_request_id());
///
/// let request = http::Request::get("/teapot").body(Body::empty()).unwrap();
/// let response = app.call(request).await.unwrap();
/// assert_eq!(response.status(), 400);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
/// let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
/// let expected = format!(
///     r#"{{"error":{{"code":"bad_request","message":"The request could not be understood.","request_id":"{id}"}}}}"#
/// );
/// assert_eq!(body, expected.as_bytes());
///
/// let request = http::Request::get("/panics")
///     .header("x-request-id", "req-1")
///     .body(Body::empty())
///     .unwrap();
/// let response = app.call(request).await.unwrap();
/// assert_eq!(response.status(), 500);
/// assert_eq!(response.headers()["x-request-id"], "req-1");
/// let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
/// assert!(body.ends_with(br#","request_id":"req-1"}}"#));
/// assert!(!String::from_utf8_lossy(&body).contains("not for clients"));
/// # });
/// ```
#[derive(Debug, Clone, Default)]
pub struct EnvelopeLayer {
    settings: Arc<Settings>,
}

impl EnvelopeLayer {
    /// The layer, without request ids or a default challenge.
    #[must_use]
    pub fn new() -> Self {
        EnvelopeLayer::default()
    }

    /// Request ids: the request's `x-request-id` header if it holds a valid id (see
    /// [`RequestId`]), else a fresh one, is sent back as `x-request-id` on every
    /// response, written as the last member `request_id` of every error envelope
    /// (derived ones included), put in the request's extensions for handlers
    /// (`Extension<RequestId>`), and recorded as the `request_id` field of the error's
    /// log event.
    ///
    /// ```
    /// use axum::routing::get;
    /// use axum::{Extension, Router};
    /// use certifier_error::axum::EnvelopeLayer;
    /// use certifier_error::server::RequestId;
    ///
    /// let app: Router = Router::new()
    ///     .route("/", get(|Extension(id): Extension<RequestId>| async move { id.to_string() }))
    ///     .layer(EnvelopeLayer::new().with_request_id());
    /// ```
    #[must_use]
    pub fn with_request_id(mut self) -> Self {
        Arc::make_mut(&mut self.settings).request_ids = true;
        self
    }

    /// RFC 9457 Problem Details for the clients that ask for them: a request whose
    /// `Accept` prefers `application/problem+json` to `application/json` gets every
    /// error response as `application/problem+json`; every other client keeps the
    /// envelope. Error responses carry `Vary: Accept`.
    ///
    /// The problem holds `type` (the envelope's `doc_url`, else `about:blank`), `title`
    /// (the status's reason phrase), `status`, `detail` (the message), `code`, the
    /// error's members at the top level and `request_id` last when request ids are on.
    /// A member named as one of RFC 9457's (`type`, `title`, `status`, `detail`,
    /// `instance`) or `extensions` moves into an `extensions` object, so that it never
    /// overwrites the problem's own; [`ErrorResponse::decode`](crate::ErrorResponse::decode)
    /// puts it back among the members. See [the server module](crate::server) for the
    /// negotiation.
    ///
    /// ```
    /// use axum::body::Body;
    /// use axum::routing::get;
    /// use axum::Router;
    /// use certifier_error::axum::EnvelopeLayer;
    /// use certifier_error::StandardError;
    /// use tower_service::Service;
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let mut app: Router = Router::new()
    ///     .route("/", get(|| async { StandardError::NotFound }))
    ///     .layer(EnvelopeLayer::new().with_problem_details());
    ///
    /// let request = http::Request::get("/")
    ///     .header("accept", "application/problem+json")
    ///     .body(Body::empty())
    ///     .unwrap();
    /// let response = app.call(request).await.unwrap();
    /// assert_eq!(response.headers()["content-type"], "application/problem+json");
    /// assert_eq!(response.headers()["vary"], "Accept");
    /// let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
    /// assert_eq!(
    ///     body,
    ///     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"The requested resource does not exist.","code":"not_found"}"#
    /// );
    ///
    /// // Every other client keeps the envelope.
    /// let request = http::Request::get("/").body(Body::empty()).unwrap();
    /// let response = app.call(request).await.unwrap();
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// # });
    /// ```
    #[must_use]
    pub fn with_problem_details(mut self) -> Self {
        Arc::make_mut(&mut self.settings).problem_details = true;
        self
    }

    /// The `WWW-Authenticate` challenge a `401` answer carries when it has none of its
    /// own, as RFC 9110 asks of every 401. A 401 that sets the header (an error with a
    /// `#[certifier(header = "WWW-Authenticate")]` field, or
    /// [`Unauthorized`](crate::Unauthorized)) keeps its own.
    ///
    /// # Panics
    ///
    /// If `challenge` is empty or not visible ASCII, which no header value can be.
    ///
    /// ```
    /// use axum::body::Body;
    /// use axum::routing::get;
    /// use axum::Router;
    /// use certifier_error::axum::EnvelopeLayer;
    /// use certifier_error::StandardError;
    /// use tower_service::Service;
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let mut app: Router = Router::new()
    ///     .route("/account", get(|| async { StandardError::Unauthorized }))
    ///     .layer(EnvelopeLayer::new().with_challenge(r#"Bearer realm="certifier""#));
    /// let request = http::Request::get("/account").body(Body::empty()).unwrap();
    /// let response = app.call(request).await.unwrap();
    /// assert_eq!(response.status(), 401);
    /// assert_eq!(response.headers()["www-authenticate"], r#"Bearer realm="certifier""#);
    /// # });
    /// ```
    #[track_caller]
    #[must_use]
    pub fn with_challenge(mut self, challenge: &str) -> Self {
        Arc::make_mut(&mut self.settings).set_challenge(challenge);
        self
    }

    /// Translates the `message` of every error envelope (the handlers' errors, the
    /// layer's own answers to bare statuses, panics and timeouts, and the default
    /// messages of violations) into the locale the request's `Accept-Language` prefers,
    /// as [`Translations::localize`](crate::fluent::Translations::localize) chooses it.
    /// Error responses carry `Content-Language` (the source locale where nothing was
    /// translated) and `Vary: Accept-Language`; success responses are left alone, and a
    /// request without `Accept-Language` is served as without translations.
    ///
    /// ```
    /// use axum::body::Body;
    /// use axum::routing::get;
    /// use axum::Router;
    /// use certifier_error::axum::EnvelopeLayer;
    /// use certifier_error::fluent::Translations;
    /// use certifier_error::StandardError;
    /// use tower_service::Service;
    ///
    /// let translations = Translations::new("en")
    ///     .add("fr", "not_found = La ressource demandée n'existe pas.")?;
    /// let mut app: Router = Router::new()
    ///     .route("/", get(|| async { StandardError::NotFound }))
    ///     .layer(EnvelopeLayer::new().with_translations(translations));
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let request = http::Request::get("/")
    ///     .header("accept-language", "fr-CH, en;q=0.5")
    ///     .body(Body::empty())
    ///     .unwrap();
    /// let response = app.call(request).await.unwrap();
    /// assert_eq!(response.headers()["content-language"], "fr");
    /// assert_eq!(response.headers()["vary"], "Accept-Language");
    /// let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
    /// assert_eq!(
    ///     body,
    ///     r#"{"error":{"code":"not_found","message":"La ressource demandée n'existe pas."}}"#
    /// );
    /// # });
    /// # Ok::<(), certifier_error::fluent::TranslationError>(())
    /// ```
    #[cfg(feature = "fluent")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
    #[must_use]
    pub fn with_translations(mut self, translations: crate::fluent::Translations) -> Self {
        let settings = Arc::make_mut(&mut self.settings);
        settings.source_language_axum = HeaderValue::from_str(translations.source_locale()).ok();
        settings.translations = Some(Arc::new(translations));
        self
    }
}

impl<S> tower_layer::Layer<S> for EnvelopeLayer {
    type Service = Envelope<S>;

    fn layer(&self, inner: S) -> Envelope<S> {
        Envelope {
            inner,
            settings: self.settings.clone(),
        }
    }
}

/// The service [`EnvelopeLayer`] wraps around a router or a service.
#[derive(Debug, Clone)]
pub struct Envelope<S> {
    inner: S,
    settings: Arc<Settings>,
}

impl<S, ReqBody, ResBody> tower_service::Service<Request<ReqBody>> for Envelope<S>
where
    S: tower_service::Service<Request<ReqBody>, Response = http::Response<ResBody>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ResBody: HttpBody<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<Box<dyn core::error::Error + Send + Sync>>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, context: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(context)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let id = self.settings.request_ids.then(|| {
            let header = request.headers().get(REQUEST_ID_HEADER);
            RequestId::from_header(header.map(HeaderValue::as_bytes))
        });
        if let Some(id) = &id {
            request.extensions_mut().insert(id.clone());
        }
        let accept = request.headers().get_all(ACCEPT).iter();
        let problem = self
            .settings
            .wants_problem(accept.map(HeaderValue::as_bytes));
        #[cfg(feature = "fluent")]
        let negotiation = crate::server::language::negotiate(
            self.settings.translations.as_ref(),
            request
                .headers()
                .get_all(http::header::ACCEPT_LANGUAGE)
                .iter()
                .map(HeaderValue::as_bytes),
        );
        // Some services answer, or panic, inside `call` (a version check, say): that
        // runs with the id too.
        let inner = &mut self.inner;
        let called = request_id::sync_scope(id.as_ref(), || {
            #[cfg(feature = "fluent")]
            let call = || {
                crate::server::language::sync_scope(negotiation.as_ref(), || {
                    std::panic::catch_unwind(AssertUnwindSafe(|| inner.call(request)))
                })
            };
            #[cfg(not(feature = "fluent"))]
            let call = || std::panic::catch_unwind(AssertUnwindSafe(|| inner.call(request)));
            call()
        });
        let settings = self.settings.clone();
        let work = {
            let id = id.clone();
            async move {
                let outcome = match called {
                    Ok(future) => AssertUnwindSafe(future).catch_unwind().await,
                    Err(payload) => Err(payload),
                };
                let response = match outcome {
                    Ok(answer) => answer?.map(Body::new),
                    Err(payload) => into_response(&Panicked::from_box(payload)),
                };
                Ok(envelope(response, &settings, id.as_ref(), problem).await)
            }
        };
        #[cfg(feature = "fluent")]
        let work = crate::server::language::scope(negotiation, work);
        match id {
            Some(id) => Box::pin(request_id::scope(id, work)),
            None => Box::pin(work),
        }
    }
}

/// `response`, with every error in the envelope (or as a `problem`), the challenge and
/// the request id.
async fn envelope<B>(
    response: http::Response<B>,
    settings: &Settings,
    id: Option<&RequestId>,
    problem: bool,
) -> Response
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn core::error::Error + Send + Sync>>,
{
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    let (mut parts, body) = response.into_parts();
    let body = if !is_error {
        Body::new(body)
    } else if let Some(mark) = parts.extensions.get::<Enveloped>() {
        match id {
            Some(id) if !mark.names(id) => {
                match add_request_id(Body::new(body), id).await {
                    Some(body) => {
                        parts
                            .extensions
                            .insert(Enveloped::with_request_id(Some(id.clone())));
                        body
                    }
                    // Not an envelope after all: answer from the status.
                    None => derive(&mut parts, status),
                }
            }
            _ => Body::new(body),
        }
    } else {
        drop(body);
        derive(&mut parts, status)
    };
    let body = match is_error && settings.problem_details {
        true => {
            parts
                .headers
                .append(VARY, HeaderValue::from_static("Accept"));
            match problem {
                true => as_problem(&mut parts, body).await,
                false => body,
            }
        }
        false => body,
    };
    #[cfg(feature = "fluent")]
    if let (true, Some(_)) = (is_error, &settings.translations) {
        use http::header::CONTENT_LANGUAGE;
        if !parts.headers.contains_key(CONTENT_LANGUAGE) {
            if let Some(value) = &settings.source_language_axum {
                parts.headers.insert(CONTENT_LANGUAGE, value.clone());
            }
        }
        parts
            .headers
            .append(VARY, HeaderValue::from_static("Accept-Language"));
    }
    if parts.status == StatusCode::UNAUTHORIZED && !parts.headers.contains_key(WWW_AUTHENTICATE) {
        if let Some(challenge) = &settings.challenge {
            if let Ok(value) = HeaderValue::from_str(challenge) {
                parts.headers.insert(WWW_AUTHENTICATE, value);
            }
        }
    }
    if let Some(id) = id {
        // Valid ids are valid header values.
        if let Ok(value) = HeaderValue::from_str(id.as_str()) {
            parts
                .headers
                .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
        }
    }
    Response::from_parts(parts, body)
}

/// The envelope for a bare error `status`, into `parts`: the status and code of the
/// table, its headers kept but those of the old body.
fn derive(parts: &mut http::response::Parts, status: StatusCode) -> Body {
    let derived = into_response(&StatusError::new(status.as_u16()));
    let (derived, body) = derived.into_parts();
    for name in BODY_HEADERS {
        parts.headers.remove(*name);
    }
    parts.status = derived.status;
    parts.headers.extend(derived.headers);
    parts.extensions.extend(derived.extensions);
    body
}

/// The envelope `body` as a problem, into `parts`; from the status if `body` is not an
/// envelope after all.
async fn as_problem(parts: &mut http::response::Parts, body: Body) -> Body {
    let status = parts.status.as_u16();
    let written = read_whole(body)
        .await
        .and_then(|envelope| problem::from_envelope(&envelope, status));
    let written = match written {
        // A plain JSON body: only its length changed.
        Some(written) => {
            parts.headers.remove(CONTENT_LENGTH);
            written
        }
        None => {
            let derived = derive(parts, parts.status);
            // A derived envelope is whole and small.
            let envelope = read_whole(derived).await.unwrap_or_default();
            problem::from_envelope(&envelope, parts.status.as_u16()).unwrap_or_default()
        }
    };
    parts.headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(problem::PROBLEM_JSON),
    );
    Body::from(written)
}

/// The whole of `body`, if it holds at most [`ENVELOPE_LIMIT`] bytes. A body this crate
/// built is one frame, ready at once: it is taken as it is, without `to_bytes`'s
/// buffering.
async fn read_whole(mut body: Body) -> Option<Bytes> {
    let polled = {
        let mut context = Context::from_waker(futures_util::task::noop_waker_ref());
        Pin::new(&mut body).poll_frame(&mut context)
    };
    let first = match polled {
        Poll::Ready(None) => return Some(Bytes::new()),
        Poll::Ready(Some(frame)) => frame.ok()?.into_data().ok()?,
        // Not ready: read it all as it comes.
        Poll::Pending => return ::axum::body::to_bytes(body, ENVELOPE_LIMIT).await.ok(),
    };
    if first.len() > ENVELOPE_LIMIT {
        return None;
    }
    if body.is_end_stream() {
        return Some(first);
    }
    let rest = ::axum::body::to_bytes(body, ENVELOPE_LIMIT - first.len())
        .await
        .ok()?;
    Some([first, rest].concat().into())
}

/// An envelope built outside the request's task, read back with `request_id` added;
/// `None` if the body is not an envelope.
async fn add_request_id(body: Body, id: &RequestId) -> Option<Body> {
    let bytes = read_whole(body).await?;
    let mut bytes = bytes.to_vec();
    request_id::splice(&mut bytes, id).then(|| Body::from(bytes))
}
