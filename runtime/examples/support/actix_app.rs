//! The certificate API served with actix-web: the app's configuration and middleware,
//! shared by the `actix_server` example and the end-to-end tests.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::CONTENT_LENGTH;
use actix_web::http::KeepAlive;
use actix_web::http::StatusCode;
use actix_web::middleware::from_fn;
use actix_web::middleware::Next;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer, Route};
use certifier_error::actix_web::{catalogue_scope, Envelope, Json, Path, Query, RequireVersion};
use certifier_error::server::SupportedVersions;

#[path = "api.rs"]
pub mod api;

use self::api::{ApiError, IssueRequest, Limits, ListQuery, Store};

/// The envelope middleware of the app, outermost: every error in the envelope (or as
/// RFC 9457 problem details, for the clients that ask for them), request ids, the
/// challenge of every `401`, and (feature `fluent`) messages in French and German.
pub fn envelope() -> Envelope {
    let envelope = Envelope::new()
        .with_request_id()
        .with_challenge(api::CHALLENGE)
        .with_problem_details();
    #[cfg(feature = "fluent")]
    let envelope = envelope.with_translations(api::translations());
    envelope
}

/// The API on a server hardened as a copied server should be, with `limits`, bound to
/// `address` and running on `workers` threads; with the addresses it listens on. Call
/// it within an actix system (`#[actix_web::main]`).
///
/// A client gets `limits.header_read` to send its request head (a slowloris client is
/// cut off after that). actix-http times the head of a connection's first request only:
/// a later request on a kept-alive connection could take as long as it liked, one byte
/// at a time. So each connection serves one request (keep-alive off), and every head is
/// timed. Behind a reverse proxy, which keeps its own connections to clients, that costs
/// one connection between proxy and server per request.
pub fn server(
    address: (&str, u16),
    limits: Limits,
    workers: usize,
) -> std::io::Result<(actix_web::dev::Server, Vec<std::net::SocketAddr>)> {
    let store = web::Data::new(Store::default());
    let header_read = limits.header_read;
    let server = HttpServer::new(move || {
        let (store, limits) = (store.clone(), limits.clone());
        App::new()
            .wrap(from_fn(self::limits))
            .wrap(envelope())
            .configure(|config| configure(config, store, limits))
    })
    .workers(workers)
    .keep_alive(KeepAlive::Disabled)
    .client_request_timeout(header_read)
    .client_disconnect_timeout(std::time::Duration::from_secs(1))
    .bind(address)?;
    let addresses = server.addrs();
    Ok((server.run(), addresses))
}

/// Registers the API on an `App`, with its store and limits: every route checks
/// `Certifier-Version`; JSON bodies ([`Json`]), query strings ([`Query`]) and path
/// parameters ([`Path`], which refuses a segment that is not UTF-8 where `web::Path`
/// decodes it lossily) that do not fit answer in the envelope, naming what does not
/// fit. Unknown routes (actix-web's bare 404), unknown methods (its bare
/// 405, with `Allow`), a body over the limit, a request that takes too long and a
/// panic are answered by [`envelope`], which the app must wrap outermost.
///
/// The version check wraps each route rather than the resource, so that an unknown
/// route or method answers `not_found` whatever the request's headers, as with axum.
/// Each `GET` route also answers `HEAD`, as axum's do. The error reference, which every
/// envelope's `doc_url` leads to, is served at `/errors` without the version check.
pub fn configure(config: &mut web::ServiceConfig, store: web::Data<Store>, limits: Limits) {
    let checked =
        |route: Route| route.wrap(RequireVersion::new(SupportedVersions::new([api::VERSION])));
    // The crate's `Json` reads the body within `PayloadConfig`'s limit.
    let payload = web::PayloadConfig::new(limits.body);
    config
        .app_data(store)
        .app_data(web::Data::new(limits))
        .app_data(payload)
        .service(
            web::resource("/certificates")
                .route(checked(web::get().to(list)))
                .route(checked(web::head().to(list)))
                .route(checked(web::post().to(issue))),
        )
        .service(
            web::resource("/certificates/export")
                .route(checked(web::get().to(export)))
                .route(checked(web::head().to(export))),
        )
        .service(
            web::resource("/certificates/{id}")
                .route(checked(web::get().to(show)))
                .route(checked(web::head().to(show)))
                .route(checked(web::delete().to(revoke))),
        )
        .service(web::resource("/certificates/{id}/renew").route(checked(web::post().to(renew))))
        .service(web::resource("/certificates/{id}/check").route(checked(web::post().to(check))))
        .service(
            web::resource("/certificates/{id}/chain")
                .route(checked(web::get().to(chain)))
                .route(checked(web::head().to(chain))),
        )
        .service(
            web::resource("/certificates/{id}/ocsp")
                .route(checked(web::get().to(ocsp)))
                .route(checked(web::head().to(ocsp))),
        )
        .service(
            web::resource("/account")
                .route(checked(web::get().to(account)))
                .route(checked(web::head().to(account))),
        )
        // The error reference every envelope's `doc_url` leads to, outside the version
        // check: a browser sends no `Certifier-Version`.
        .service(catalogue_scope::<ApiError>("/errors"));
}

/// The body limit and the request timeout, as middleware (actix-web has neither for
/// every route): a declared `Content-Length` over the limit answers a bare `413` before
/// the handler runs, a handler slower than the timeout a bare `408`; the envelope
/// middleware puts both in the envelope.
pub async fn limits(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let limits = request
        .app_data::<web::Data<Limits>>()
        .map(|limits| limits.get_ref().clone())
        .unwrap_or_default();
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limits.body as u64) {
        let answer = HttpResponse::new(StatusCode::PAYLOAD_TOO_LARGE);
        return Ok(request.into_response(answer).map_into_right_body());
    }
    match actix_web::rt::time::timeout(limits.request, next.call(request)).await {
        Ok(answer) => answer.map(ServiceResponse::map_into_left_body),
        Err(_) => Err(actix_web::error::ErrorRequestTimeout("request timed out")),
    }
}

async fn list(store: web::Data<Store>, Query(query): Query<ListQuery>) -> HttpResponse {
    HttpResponse::Ok().json(store.list(query))
}

async fn issue(
    store: web::Data<Store>,
    Json(request): Json<IssueRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(store.issue(request)?))
}

async fn show(store: web::Data<Store>, Path(id): Path<String>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(store.get(&id)?))
}

async fn renew(
    store: web::Data<Store>,
    Path(id): Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(store.renew(&id, &body)?))
}

async fn check(store: web::Data<Store>, Path(id): Path<String>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(store.check(&id)?))
}

async fn chain(store: web::Data<Store>, Path(id): Path<String>) -> Result<String, ApiError> {
    store.chain(&id)
}

/// Not written yet: a bare status, which the envelope middleware answers in the
/// envelope.
async fn revoke() -> HttpResponse {
    HttpResponse::new(
        StatusCode::from_u16(api::REVOKE_STATUS).unwrap_or(StatusCode::NOT_IMPLEMENTED),
    )
}

/// A handler with a bug: the envelope middleware answers its panic.
async fn ocsp(store: web::Data<Store>, Path(id): Path<String>) -> Result<String, ApiError> {
    store.ocsp(&id)
}

/// Slower than the request timeout.
async fn export(store: web::Data<Store>) -> HttpResponse {
    HttpResponse::Ok().json(store.export().await)
}

async fn account(request: HttpRequest) -> Result<HttpResponse, ApiError> {
    let authorization = request
        .headers()
        .get("authorization")
        .map(|value| value.as_bytes());
    Ok(HttpResponse::Ok().json(api::account(authorization)?))
}
