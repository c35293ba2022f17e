//! The certificate API served with actix-web: the app's configuration, shared by the
//! `actix_server` example and the end-to-end tests.

use actix_web::{web, HttpRequest, HttpResponse};
use certifier_error::actix_web::{not_found, path_config, require_version, Json, Query};
use certifier_error::server::SupportedVersions;

#[path = "api.rs"]
pub mod api;

use self::api::{ApiError, IssueRequest, ListQuery, Store};

/// Registers the API on an `App`, with its store: every route checks
/// `Certifier-Version`; JSON bodies ([`Json`]), query strings ([`Query`]) and
/// `web::Path` parameters that do not fit answer in the envelope, naming what does not
/// fit; unknown routes and methods answer `not_found`.
///
/// The version check wraps each resource rather than the app, so that a request for
/// an unknown route answers `not_found` whatever its headers.
pub fn configure(config: &mut web::ServiceConfig, store: web::Data<Store>) {
    let versioned = |path: &str| {
        web::resource(path)
            .default_service(web::to(not_found))
            .wrap(require_version(SupportedVersions::new([api::VERSION])))
    };
    config
        .app_data(store)
        .app_data(path_config())
        .service(
            versioned("/certificates")
                .route(web::get().to(list))
                .route(web::post().to(issue)),
        )
        .service(versioned("/certificates/{id}").route(web::get().to(show)))
        .service(versioned("/certificates/{id}/renew").route(web::post().to(renew)))
        .service(versioned("/certificates/{id}/chain").route(web::get().to(chain)))
        .service(versioned("/certificates/{id}/check").route(web::post().to(check)))
        .service(versioned("/account").route(web::get().to(account)))
        .default_service(web::to(not_found));
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

async fn show(store: web::Data<Store>, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(store.get(&id)?))
}

async fn renew(
    store: web::Data<Store>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(store.renew(&id, &body)?))
}

async fn check(store: web::Data<Store>, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(store.check(&id)?))
}

async fn chain(store: web::Data<Store>, id: web::Path<String>) -> Result<String, ApiError> {
    store.chain(&id)
}

async fn account(request: HttpRequest) -> Result<HttpResponse, ApiError> {
    let authorization = request
        .headers()
        .get("authorization")
        .map(|value| value.as_bytes());
    Ok(HttpResponse::Ok().json(api::account(authorization)?))
}
