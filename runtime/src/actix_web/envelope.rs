//! [`Envelope`]: every error response of an app in the envelope.

use alloc::boxed::Box;
use alloc::sync::Arc;
use core::future::{ready, Future, Ready};
use core::panic::AssertUnwindSafe;
use core::pin::Pin;

use ::actix_web::body::{BoxBody, EitherBody, MessageBody};
use ::actix_web::dev::{forward_ready, Service, ServiceRequest, ServiceResponse, Transform};
use ::actix_web::http::header::{
    HeaderName, HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, VARY, WWW_AUTHENTICATE,
};
use ::actix_web::http::StatusCode;
use ::actix_web::{HttpMessage, HttpResponse};
use futures_util::FutureExt as _;

use super::error_response;
use crate::server::envelope::{Settings, StatusError, BODY_HEADERS};
use crate::server::panic::Panicked;
use crate::server::problem;
use crate::server::request_id::{self, RequestId};
use crate::server::{Enveloped, REQUEST_ID_HEADER};

/// Middleware that puts every error response of the app it wraps in the Certifier
/// envelope: `App::new().wrap(Envelope::new())`.
///
/// - A response with a 4xx or 5xx status that this crate did not build (a resource's
///   405, an actix-web extractor's own rejection, a handler returning a bare
///   `HttpResponse::BadRequest()`, an empty 401, an error another middleware returns)
///   gets a fresh envelope: its status and code come from
///   [`Code::for_status`](crate::Code::for_status) and
///   [`Code::envelope_status`](crate::Code::envelope_status), so the pair is always one
///   of the Certifier table (a 405 answers `404 not_found`, a 413 `400 bad_request`).
///   Its headers are kept (`WWW-Authenticate`, `Retry-After`, `Allow`, …), except those
///   that described the old body, which is dropped unread.
/// - An envelope the crate built (marked with [`Enveloped`]) and every success response
///   pass through untouched: the middleware never reads a body to decide.
/// - A handler that panics answers `500 internal_server_error`; the panic's text goes
///   to the log (feature `tracing`) as the error's cause, never to the client.
///   actix-web itself would drop the connection without an answer.
/// - [`with_request_id`](Self::with_request_id) adds request ids,
///   [`with_challenge`](Self::with_challenge) a default `WWW-Authenticate` for 401s.
///
/// Wrap it last (outermost), so that it sees what every other middleware answers.
///
/// ```
/// use actix_web::{test, web, App, HttpResponse};
/// use certifier_error::actix_web::Envelope;
///
/// async fn panics() -> &'static str {
///     panic!("not for clients")
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(
///     App::new()
///         .wrap(Envelope::new().with_request_id())
///         .route("/teapot", web::get().to(|| async { HttpResponse::ImATeapot().body("short and stout") }))
///         .route("/panics", web::get().to(panics)),
/// )
/// .await;
///
/// let request = test::TestRequest::get().uri("/teapot").to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status().as_u16(), 400);
/// let id = response.headers().get("x-request-id").unwrap().to_str().unwrap().to_owned();
/// let body = test::read_body(response).await;
/// let expected = format!(
///     r#"{{"error":{{"code":"bad_request","message":"The request could not be understood.","request_id":"{id}"}}}}"#
/// );
/// assert_eq!(body, expected.as_bytes());
///
/// let request = test::TestRequest::get()
///     .uri("/panics")
///     .insert_header(("x-request-id", "req-1"))
///     .to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status().as_u16(), 500);
/// assert_eq!(response.headers().get("x-request-id").unwrap(), "req-1");
/// let body = test::read_body(response).await;
/// assert!(body.ends_with(br#","request_id":"req-1"}}"#));
/// assert!(!String::from_utf8_lossy(&body).contains("not for clients"));
/// # });
/// ```
#[derive(Debug, Clone, Default)]
pub struct Envelope {
    settings: Arc<Settings>,
}

impl Envelope {
    /// The middleware, without request ids or a default challenge.
    #[must_use]
    pub fn new() -> Self {
        Envelope::default()
    }

    /// Request ids: the request's `x-request-id` header if it holds a valid id (see
    /// [`RequestId`]), else a fresh one, is sent back as `x-request-id` on every
    /// response, written as the last member `request_id` of every error envelope
    /// (derived ones included), put in the request's extensions for handlers
    /// (`HttpRequest::extensions().get::<RequestId>()`), and recorded as the
    /// `request_id` field of the error's log event.
    ///
    /// ```
    /// use actix_web::{test, web, App, HttpMessage, HttpRequest};
    /// use certifier_error::actix_web::Envelope;
    /// use certifier_error::server::RequestId;
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let app = test::init_service(App::new().wrap(Envelope::new().with_request_id()).route(
    ///     "/",
    ///     web::get().to(|request: HttpRequest| async move {
    ///         request.extensions().get::<RequestId>().unwrap().to_string()
    ///     }),
    /// ))
    /// .await;
    /// let request = test::TestRequest::get().uri("/").insert_header(("x-request-id", "abc")).to_request();
    /// assert_eq!(test::call_and_read_body(&app, request).await, "abc");
    /// # });
    /// ```
    #[must_use]
    pub fn with_request_id(mut self) -> Self {
        Arc::make_mut(&mut self.settings).request_ids = true;
        self
    }

    /// RFC 9457 Problem Details for the clients that ask for them: a request whose
    /// `Accept` prefers `application/problem+json` to `application/json` gets every
    /// error response as `application/problem+json`; every other client keeps the
    /// envelope. Error responses carry `Vary: Accept`. The problem is the one
    /// [`EnvelopeLayer::with_problem_details`](crate::axum::EnvelopeLayer::with_problem_details)
    /// writes, byte for byte (see there, and [the server module](crate::server) for the
    /// negotiation).
    ///
    /// ```
    /// use actix_web::{test, web, App};
    /// use certifier_error::actix_web::Envelope;
    /// use certifier_error::StandardError;
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let app = test::init_service(
    ///     App::new()
    ///         .wrap(Envelope::new().with_problem_details())
    ///         .route("/", web::get().to(|| async { Err::<String, _>(StandardError::NotFound) })),
    /// )
    /// .await;
    /// let request = test::TestRequest::get()
    ///     .uri("/")
    ///     .insert_header(("accept", "application/problem+json"))
    ///     .to_request();
    /// let response = test::call_service(&app, request).await;
    /// assert_eq!(response.headers().get("content-type").unwrap(), "application/problem+json");
    /// assert_eq!(response.headers().get("vary").unwrap(), "Accept");
    /// assert_eq!(
    ///     test::read_body(response).await,
    ///     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"The requested resource does not exist.","code":"not_found"}"#
    /// );
    ///
    /// // Every other client keeps the envelope.
    /// let response = test::call_service(&app, test::TestRequest::get().uri("/").to_request()).await;
    /// assert_eq!(response.headers().get("content-type").unwrap(), "application/json");
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
    /// use actix_web::{test, web, App, HttpResponse};
    /// use certifier_error::actix_web::Envelope;
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let app = test::init_service(
    ///     App::new()
    ///         .wrap(Envelope::new().with_challenge(r#"Bearer realm="certifier""#))
    ///         .route("/", web::get().to(|| async { HttpResponse::Unauthorized().finish() })),
    /// )
    /// .await;
    /// let response = test::call_service(&app, test::TestRequest::get().uri("/").to_request()).await;
    /// assert_eq!(response.status().as_u16(), 401);
    /// assert_eq!(response.headers().get("www-authenticate").unwrap(), r#"Bearer realm="certifier""#);
    /// # });
    /// ```
    #[track_caller]
    #[must_use]
    pub fn with_challenge(mut self, challenge: &str) -> Self {
        Arc::make_mut(&mut self.settings).set_challenge(challenge);
        self
    }

    /// Translates the `message` of every error envelope into the locale the request's
    /// `Accept-Language` prefers, with `Content-Language` and `Vary: Accept-Language` on
    /// error responses: what
    /// [`EnvelopeLayer::with_translations`](crate::axum::EnvelopeLayer::with_translations)
    /// does for axum, byte for byte.
    ///
    /// ```
    /// use actix_web::{test, web, App};
    /// use certifier_error::actix_web::Envelope;
    /// use certifier_error::fluent::Translations;
    /// use certifier_error::StandardError;
    ///
    /// let translations = Translations::new("en")
    ///     .add("de", "not_found = Die angeforderte Ressource existiert nicht.")?;
    /// # actix_web::rt::System::new().block_on(async {
    /// let app = test::init_service(
    ///     App::new()
    ///         .wrap(Envelope::new().with_translations(translations))
    ///         .route("/", web::get().to(|| async { Err::<String, _>(StandardError::NotFound) })),
    /// )
    /// .await;
    /// let request = test::TestRequest::get()
    ///     .uri("/")
    ///     .insert_header(("accept-language", "de-AT"))
    ///     .to_request();
    /// let response = test::call_service(&app, request).await;
    /// assert_eq!(response.headers().get("content-language").unwrap(), "de");
    /// let body = test::read_body(response).await;
    /// assert_eq!(
    ///     body,
    ///     r#"{"error":{"code":"not_found","message":"Die angeforderte Ressource existiert nicht."}}"#
    /// );
    /// # });
    /// # Ok::<(), certifier_error::fluent::TranslationError>(())
    /// ```
    #[cfg(feature = "fluent")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
    #[must_use]
    pub fn with_translations(mut self, translations: crate::fluent::Translations) -> Self {
        let settings = Arc::make_mut(&mut self.settings);
        settings.source_language_actix = HeaderValue::from_str(translations.source_locale()).ok();
        settings.translations = Some(Arc::new(translations));
        self
    }
}

impl<S, B> Transform<S, ServiceRequest> for Envelope
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error> + 'static,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = ::actix_web::Error;
    type Transform = EnvelopeMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<EnvelopeMiddleware<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(EnvelopeMiddleware {
            service,
            settings: self.settings.clone(),
        }))
    }
}

/// The service [`Envelope`] wraps around an app, scope or resource.
#[derive(Debug)]
pub struct EnvelopeMiddleware<S> {
    service: S,
    settings: Arc<Settings>,
}

impl<S, B> Service<ServiceRequest> for EnvelopeMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error> + 'static,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = ::actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let id = self.settings.request_ids.then(|| {
            let header = request.headers().get(REQUEST_ID_HEADER);
            RequestId::from_header(header.map(HeaderValue::as_bytes))
        });
        if let Some(id) = &id {
            request.extensions_mut().insert(id.clone());
        }
        let accept = request.headers().get_all(ACCEPT);
        let problem = self
            .settings
            .wants_problem(accept.map(HeaderValue::as_bytes));
        let settings = self.settings.clone();
        #[cfg(feature = "fluent")]
        let negotiation = crate::server::language::negotiate(
            self.settings.translations.as_ref(),
            request
                .headers()
                .get_all(::actix_web::http::header::ACCEPT_LANGUAGE)
                .map(HeaderValue::as_bytes),
        );
        // Some services answer, or panic, inside `call`: that runs with the id too.
        let called = request_id::sync_scope(id.as_ref(), || {
            #[cfg(feature = "fluent")]
            let call = || {
                crate::server::language::sync_scope(negotiation.as_ref(), || {
                    std::panic::catch_unwind(AssertUnwindSafe(|| self.service.call(request)))
                })
            };
            #[cfg(not(feature = "fluent"))]
            let call = || std::panic::catch_unwind(AssertUnwindSafe(|| self.service.call(request)));
            call()
        });
        let work = {
            let id = id.clone();
            async move {
                let outcome = match called {
                    Ok(future) => AssertUnwindSafe(future).catch_unwind().await,
                    Err(payload) => Err(payload),
                };
                let failure = match outcome {
                    Ok(Ok(response)) => {
                        let (request, response) = response.into_parts();
                        let response = envelope(response, &settings, id.as_ref(), problem);
                        return Ok(ServiceResponse::new(request, response));
                    }
                    Ok(Err(error)) => error.error_response(),
                    Err(payload) => error_response(&Panicked::from_box(payload)),
                };
                let answer = envelope(failure, &settings, id.as_ref(), problem);
                // The request went with the error or the panic (and cannot be cloned
                // beforehand: actix-web's router needs it unshared), so a stand-in
                // carries the answer.
                let request = ::actix_web::test::TestRequest::default().to_http_request();
                let answer = answer.map_into_boxed_body().map_into_right_body();
                Ok(ServiceResponse::new(request, answer))
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
fn envelope<B: MessageBody + 'static>(
    response: HttpResponse<B>,
    settings: &Settings,
    id: Option<&RequestId>,
    problem: bool,
) -> HttpResponse<EitherBody<B>> {
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    let mark = match is_error {
        true => response.extensions().get::<Enveloped>().cloned(),
        false => None,
    };
    let mut response = match (mark, id) {
        _ if !is_error => response.map_into_left_body(),
        (Some(mark), Some(id)) if !mark.names(id) => add_request_id(response, id),
        (Some(_), _) => response.map_into_left_body(),
        (None, _) => derive(&response),
    };
    if is_error && settings.problem_details {
        let vary = HeaderValue::from_static("Accept");
        response.headers_mut().append(VARY, vary);
        if problem {
            response = as_problem(response);
        }
    }
    #[cfg(feature = "fluent")]
    if let (true, Some(_)) = (is_error, &settings.translations) {
        use ::actix_web::http::header::CONTENT_LANGUAGE;
        if !response.headers().contains_key(CONTENT_LANGUAGE) {
            if let Some(value) = &settings.source_language_actix {
                response
                    .headers_mut()
                    .insert(CONTENT_LANGUAGE, value.clone());
            }
        }
        let vary = HeaderValue::from_static("Accept-Language");
        response.headers_mut().append(VARY, vary);
    }
    if response.status() == StatusCode::UNAUTHORIZED
        && !response.headers().contains_key(WWW_AUTHENTICATE)
    {
        let challenge = settings.challenge.as_deref();
        if let Some(value) = challenge.and_then(|text| HeaderValue::from_str(text).ok()) {
            response.headers_mut().insert(WWW_AUTHENTICATE, value);
        }
    }
    if let Some(id) = id {
        // Valid ids are valid header values.
        if let Ok(value) = HeaderValue::from_str(id.as_str()) {
            response
                .headers_mut()
                .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
        }
    }
    response
}

/// The envelope for a response with a bare error status: the status and code of the
/// table, the response's headers kept but those of the old body, whose body is dropped
/// unread.
fn derive<B, Old>(old: &HttpResponse<Old>) -> HttpResponse<EitherBody<B>> {
    let mut derived = error_response(&StatusError::new(old.status().as_u16()));
    for (name, value) in old.headers() {
        if !BODY_HEADERS.contains(&name.as_str()) {
            derived.headers_mut().append(name.clone(), value.clone());
        }
    }
    derived.map_into_right_body()
}

/// The envelope `response` as a problem; from the status if its body is not a whole
/// envelope after all.
fn as_problem<B: MessageBody + 'static>(
    response: HttpResponse<EitherBody<B>>,
) -> HttpResponse<EitherBody<B>> {
    let (mut head, body) = response.into_parts();
    let status = head.status().as_u16();
    let written = match body.try_into_bytes() {
        Ok(envelope) => problem::from_envelope(&envelope, status),
        Err(_) => None,
    };
    let written = match written {
        // A plain JSON body: only its length changed.
        Some(written) => {
            head.headers_mut().remove(CONTENT_LENGTH);
            written
        }
        None => {
            let derived: HttpResponse<EitherBody<B>> = derive(&head);
            let (derived, body) = derived.into_parts();
            head = derived;
            let envelope = body.try_into_bytes().unwrap_or_default();
            // A derived envelope is whole and small.
            problem::from_envelope(&envelope, head.status().as_u16()).unwrap_or_default()
        }
    };
    let content_type = HeaderValue::from_static(problem::PROBLEM_JSON);
    head.headers_mut().insert(CONTENT_TYPE, content_type);
    head.set_body(BoxBody::new(written)).map_into_right_body()
}

/// An envelope built outside the request's task, with `request_id` added; answered
/// from the status instead if its body is not a whole envelope.
fn add_request_id<B: MessageBody + 'static>(
    response: HttpResponse<B>,
    id: &RequestId,
) -> HttpResponse<EitherBody<B>> {
    let (mut head, body) = response.into_parts();
    let Ok(bytes) = body.try_into_bytes() else {
        return derive(&head);
    };
    let mut bytes = bytes.to_vec();
    if !request_id::splice(&mut bytes, id) {
        return derive(&head);
    }
    head.extensions_mut()
        .insert(Enveloped::with_request_id(Some(id.clone())));
    head.set_body(BoxBody::new(bytes)).map_into_right_body()
}
