//! Both example servers, axum and actix-web, on loopback ports, sent the same requests
//! in both formats: the answers must agree in status, content type and body.
#![cfg(all(feature = "axum", feature = "actix-web"))]
// Each example app includes the shared `api.rs` as its own module, as the examples do.
#![allow(clippy::duplicate_mod)]

// Only the helpers that send requests are used here.
#[allow(dead_code)]
mod e2e;

#[allow(dead_code)]
#[path = "../../runtime/examples/support/axum_app.rs"]
mod axum_app;

#[allow(dead_code)]
#[path = "../../runtime/examples/support/actix_app.rs"]
mod actix_app;

use std::net::SocketAddr;
use std::sync::mpsc;

use axum_app::api;
use e2e::problem::{send_with, PROBLEM};
use e2e::Answer;

async fn serve_axum(limits: api::Limits) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let router = axum_app::router(&limits);
        axum_app::serve(listener, router, &limits, std::future::pending()).await;
    });
    address
}

fn serve_actix(limits: actix_app::api::Limits) -> SocketAddr {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let (server, addresses) = actix_app::server(("127.0.0.1", 0), limits, 1).unwrap();
            sender.send(addresses[0]).unwrap();
            server.await
        })
    });
    receiver
        .recv_timeout(e2e::TIMEOUT)
        .expect("the server did not start in time")
}

/// What must agree: the status, the content type and language, `Vary` and the body.
fn seen(answer: &Answer) -> (u16, Option<String>, Option<String>, Vec<String>, String) {
    let header = |name: &str| {
        answer
            .headers
            .get(name)
            .map(|value| value.to_str().unwrap().to_owned())
    };
    let vary = answer
        .headers
        .get_all("vary")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    (
        answer.status,
        header("content-type"),
        header("content-language"),
        vary,
        String::from_utf8_lossy(&answer.body).into_owned(),
    )
}

#[tokio::test]
async fn both_frameworks_answer_every_case_alike_in_both_formats() {
    let axum = serve_axum(api::Limits::default()).await;
    let actix = serve_actix(actix_app::api::Limits::default());
    let accepts: [&[(&str, &str)]; 5] = [
        &[],
        &[PROBLEM],
        &[(
            "accept",
            "application/json;q=0.2, application/problem+json;q=0.9",
        )],
        &[("accept-language", "fr-CH, de;q=0.5")],
        &[PROBLEM, ("accept-language", "es, de;q=0.5")],
    ];
    let mut compared = 0;
    for (at, case) in e2e::CASES.iter().enumerate() {
        for (kind, accept) in accepts.iter().enumerate() {
            let id = format!("parity-{at}-{kind}");
            let mut headers = vec![("x-request-id", id.as_str())];
            headers.extend_from_slice(accept);
            let from_axum = send_with(axum, case, &headers).await;
            let from_actix = send_with(actix, case, &headers).await;
            assert_eq!(
                seen(&from_axum),
                seen(&from_actix),
                "{} with {accept:?}",
                case.name
            );
            compared += 1;
        }
    }
    assert_eq!(compared, accepts.len() * e2e::CASES.len());
}

#[tokio::test]
async fn a_timeout_answers_alike() {
    let short = std::time::Duration::from_millis(300);
    let axum = serve_axum(api::Limits {
        request: short,
        ..api::Limits::default()
    })
    .await;
    let actix = serve_actix(actix_app::api::Limits {
        request: short,
        ..actix_app::api::Limits::default()
    });
    for accept in [None, Some(PROBLEM)] {
        let mut headers = vec![
            ("Certifier-Version", "2024-06-01"),
            ("x-request-id", "slow"),
        ];
        headers.extend(accept);
        let from_axum = e2e::envelope::get(axum, "/certificates/export", &headers).await;
        let from_actix = e2e::envelope::get(actix, "/certificates/export", &headers).await;
        assert_eq!(seen(&from_axum), seen(&from_actix), "{accept:?}");
        assert_eq!(from_axum.status, 503);
    }
}
