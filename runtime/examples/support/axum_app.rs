//! The certificate API served with axum: the router, shared by the `axum_server`
//! example and the end-to-end tests.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::Router;
use certifier_error::axum::{not_found, require_version, Json, Path, Query};
use certifier_error::server::SupportedVersions;

#[path = "api.rs"]
pub mod api;

use self::api::{Account, ApiError, Certificate, DomainCheck, IssueRequest, ListQuery, Store};

type Shared = State<Arc<Store>>;

/// Every route checks `Certifier-Version`; path parameters, query strings and JSON
/// bodies that do not fit answer in the envelope; unknown routes and methods answer
/// `not_found`.
pub fn router() -> Router {
    Router::new()
        .route("/certificates", get(list).post(issue))
        .route("/certificates/{id}", get(show))
        .route("/certificates/{id}/renew", post(renew))
        .route("/certificates/{id}/chain", get(chain))
        .route("/certificates/{id}/check", post(check))
        .route("/account", get(account))
        .route_layer(require_version(SupportedVersions::new([api::VERSION])))
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .with_state(Arc::new(Store::default()))
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

async fn account(headers: HeaderMap) -> Result<Json<Account>, ApiError> {
    let authorization = headers.get("authorization").map(|value| value.as_bytes());
    api::account(authorization).map(Json)
}
