//! The `axum_server` example's router on a loopback port, called over HTTP.
#![cfg(feature = "axum")]

mod e2e;

#[allow(dead_code)]
#[path = "../../runtime/examples/support/axum_app.rs"]
mod axum_app;

use std::net::SocketAddr;

async fn serve() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, axum_app::router()).await.unwrap() });
    address
}

#[tokio::test]
async fn every_code_answers_in_the_envelope() {
    e2e::check_all(serve().await).await;
}

#[tokio::test]
async fn a_body_too_large_is_a_bad_request() {
    let address = serve().await;
    let client: hyper_util::client::legacy::Client<_, http_body_util::Full<hyper::body::Bytes>> =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http();
    // axum's default limit is 2 MiB.
    let big = format!(r#"{{"domain": "{}"}}"#, "a".repeat(3 << 20));
    let request = hyper::Request::post(format!("http://{address}/certificates"))
        .header("Certifier-Version", "2024-06-01")
        .header("Content-Type", "application/json")
        .body(http_body_util::Full::new(hyper::body::Bytes::from(big)))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let status = response.status().as_u16();
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert_eq!(status, 400);
    assert_eq!(
        &body[..],
        br#"{"error":{"code":"bad_request","message":"The request body is too large."}}"#
    );
}

/// A generic derived type answers as well, headers included, through its inner error.
#[derive(Debug, certifier_error::CertifierError)]
enum Wrapped<E> {
    #[certifier(transparent)]
    Inner(E),
}

#[derive(Debug, certifier_error::CertifierError)]
#[certifier(code = "rate_limited")]
struct Slow {
    #[certifier(header = "Retry-After")]
    retry_after: Option<u32>,
}

#[test]
fn a_generic_type_is_a_response() {
    use axum::response::IntoResponse;

    let response = Wrapped::Inner(Slow {
        retry_after: Some(7),
    })
    .into_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "7");
    assert_eq!(response.headers()["content-type"], "application/json");
    let response = Wrapped::Inner(Slow { retry_after: None }).into_response();
    assert!(response.headers().get("retry-after").is_none());
    let response = certifier_error::StandardError::Forbidden.into_response();
    assert_eq!(response.status(), 403);
}
