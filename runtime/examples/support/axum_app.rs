//! The certificate API served with axum: the router and the hardened server, shared by
//! the `axum_server` example and the end-to-end tests.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use certifier_error::axum::{
    catalogue_router, EnvelopeLayer, Json, Path, Query, RequireVersionLayer,
};
use certifier_error::server::SupportedVersions;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

#[path = "api.rs"]
pub mod api;

use self::api::{
    Account, ApiError, Certificate, DomainCheck, IssueRequest, Limits, ListQuery, Store,
};

type Shared = State<Arc<Store>>;

/// Every route checks `Certifier-Version`; path parameters, query strings and JSON
/// bodies that do not fit answer in the envelope. The error reference, which every
/// envelope's `doc_url` leads to, is served at `/errors` without the version check. The envelope layer, outermost, puts
/// every other error in the envelope too: unknown routes and methods (`not_found`, with
/// `Allow`), a body over the limit, a request that takes too long, a panic. Every
/// response carries `x-request-id`.
pub fn router(limits: &Limits) -> Router {
    Router::new()
        .route("/certificates", get(list).post(issue))
        .route("/certificates/export", get(export))
        .route("/certificates/{id}", get(show).delete(revoke))
        .route("/certificates/{id}/renew", post(renew))
        .route("/certificates/{id}/check", post(check))
        .route("/certificates/{id}/chain", get(chain))
        .route("/certificates/{id}/ocsp", get(ocsp))
        .route("/account", get(account))
        .route_layer(RequireVersionLayer::new(SupportedVersions::new([
            api::VERSION,
        ])))
        // Set after `route_layer`, so that the version check does not cover it: a
        // method a path does not have answers `not_found` (with `Allow`) whatever the
        // request's headers. axum's own 405 would do, but `route_layer` wraps it.
        .method_not_allowed_fallback(|| async { StatusCode::METHOD_NOT_ALLOWED })
        .with_state(Arc::new(Store::default()))
        // The error reference every envelope's `doc_url` leads to, outside the version
        // check: a browser sends no `Certifier-Version`.
        .nest("/errors", catalogue_router::<ApiError>())
        // A declared `Content-Length` over the limit is refused before the handler
        // runs, without reading the body; a body that turns out longer is cut off.
        .layer(RequestBodyLimitLayer::new(limits.body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request,
        ))
        .layer(envelope())
}

/// The envelope layer of the router, outermost: every error in the envelope (or as RFC
/// 9457 problem details, for the clients that ask for them), request ids, the challenge
/// of every `401`, and (feature `fluent`) messages in French and German.
fn envelope() -> EnvelopeLayer {
    let layer = EnvelopeLayer::new()
        .with_request_id()
        .with_challenge(api::CHALLENGE)
        .with_problem_details();
    #[cfg(feature = "fluent")]
    let layer = layer.with_translations(api::translations());
    layer
}

/// Serves `router` on `listener` until `shutdown` completes, each connection with
/// hyper's header-read timeout: a client that does not finish its request head in time
/// (slowloris) is disconnected.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors, say: wait rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or times out is no error of the server's.
            let _ = connection.await;
        });
    }
    graceful.shutdown().await;
}

async fn list(State(store): Shared, Query(query): Query<ListQuery>) -> Json<Vec<Certificate>> {
    Json(store.list(query))
}

async fn issue(
    State(store): Shared,
    Json(request): Json<IssueRequest>,
) -> Result<Json<Certificate>, ApiError> {
    store.issue(request).map(Json)
}

async fn show(State(store): Shared, Path(id): Path<String>) -> Result<Json<Certificate>, ApiError> {
    store.get(&id).map(Json)
}

async fn renew(
    State(store): Shared,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Certificate>, ApiError> {
    store.renew(&id, &body).map(Json)
}

async fn check(
    State(store): Shared,
    Path(id): Path<String>,
) -> Result<Json<DomainCheck>, ApiError> {
    store.check(&id).map(Json)
}

async fn chain(State(store): Shared, Path(id): Path<String>) -> Result<String, ApiError> {
    store.chain(&id)
}

/// Not written yet: a bare status, which the envelope layer answers in the envelope.
async fn revoke() -> StatusCode {
    StatusCode::from_u16(api::REVOKE_STATUS).unwrap_or(StatusCode::NOT_IMPLEMENTED)
}

/// A handler with a bug: the envelope layer answers its panic.
async fn ocsp(State(store): Shared, Path(id): Path<String>) -> Result<String, ApiError> {
    store.ocsp(&id)
}

/// Slower than the request timeout.
async fn export(State(store): Shared) -> Json<Vec<Certificate>> {
    Json(store.export().await)
}

async fn account(headers: HeaderMap) -> Result<Json<Account>, ApiError> {
    let authorization = headers.get("authorization").map(|value| value.as_bytes());
    api::account(authorization).map(Json)
}
