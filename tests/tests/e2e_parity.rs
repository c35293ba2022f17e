//! Both example servers, axum and actix-web, on loopback ports, sent the same requests
//! in both formats: the answers must agree in status, content type and body. The error
//! reference both serve at `/errors` answers alike too, and every `doc_url` leads to it.
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

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::mpsc;

use certifier_error::ErrorCatalogue;

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

/// The path of a `doc_url`, which the example API gives as `/errors/{code}`.
fn reference_path(doc_url: &str, code: &str) -> String {
    assert_eq!(
        doc_url,
        format!("/errors/{code}"),
        "a doc_url the servers serve"
    );
    doc_url.to_owned()
}

/// Asks both servers for `path` with `headers`; they must agree. The axum answer.
async fn both(axum: SocketAddr, actix: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Answer {
    let from_axum = e2e::envelope::get(axum, path, headers).await;
    let from_actix = e2e::envelope::get(actix, path, headers).await;
    assert_eq!(
        seen(&from_axum),
        seen(&from_actix),
        "{path} with {headers:?}"
    );
    from_axum
}

#[tokio::test]
async fn every_doc_url_of_the_catalogue_resolves_alike() {
    let axum = serve_axum(api::Limits::default()).await;
    let actix = serve_actix(actix_app::api::Limits::default());
    let catalogue = api::ApiError::CATALOGUE;
    let mut resolved = BTreeSet::new();
    for entry in catalogue.iter() {
        let doc_url = entry
            .doc_url()
            .expect("every entry has a doc_url")
            .to_string();
        let path = reference_path(&doc_url, entry.code());
        let page = both(axum, actix, &path, &[("accept", "text/html")]).await;
        assert_eq!(page.status, 200, "{path}");
        assert_eq!(page.headers["content-type"], "text/html; charset=utf-8");
        assert_eq!(page.headers["x-content-type-options"], "nosniff");
        let html = String::from_utf8(page.body.to_vec()).unwrap();
        assert_eq!(html, catalogue.html_for(entry.code()).unwrap(), "{path}");
        assert!(html.contains(&format!("<section id=\"{}\">", entry.code())));
        let json = both(axum, actix, &path, &[("accept", "application/json")]).await;
        assert_eq!(json.status, 200, "{path}");
        assert_eq!(json.headers["content-type"], "application/json");
        let entries: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
        let entries = entries.as_array().unwrap();
        assert!(!entries.is_empty());
        assert!(
            entries.iter().all(|listed| listed["code"] == entry.code()),
            "{path}"
        );
        resolved.insert(path);
    }
    let codes: BTreeSet<&str> = catalogue.iter().map(|entry| entry.code()).collect();
    assert_eq!(resolved.len(), codes.len());

    let index = both(axum, actix, "/errors", &[]).await;
    assert_eq!(index.status, 200);
    assert_eq!(&index.body[..], catalogue.html().as_bytes());
    let json = both(axum, actix, "/errors", &[("accept", "application/json")]).await;
    let expected = serde_json::to_value(catalogue).unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&json.body).unwrap(),
        expected
    );
    let unknown = both(
        axum,
        actix,
        "/errors/no_such_code",
        &[("x-request-id", "ref-1")],
    )
    .await;
    e2e::envelope::assert_envelope("an unknown code", &unknown, 404, "not_found");
}

#[tokio::test]
async fn every_doc_url_an_envelope_carries_resolves() {
    let axum = serve_axum(api::Limits::default()).await;
    let actix = serve_actix(actix_app::api::Limits::default());
    let mut followed = 0;
    for address in [axum, actix] {
        for case in e2e::CASES {
            let answer = send_with(address, case, &[]).await;
            let body: serde_json::Value = match serde_json::from_slice(&answer.body) {
                Ok(body) => body,
                Err(_) => continue,
            };
            let Some(doc_url) = body["error"]["doc_url"].as_str() else {
                continue;
            };
            let code = body["error"]["code"].as_str().unwrap();
            let path = reference_path(doc_url, code);
            let page = e2e::envelope::get(address, &path, &[]).await;
            assert_eq!(page.status, 200, "{}: {path}", case.name);
            let html = String::from_utf8_lossy(&page.body);
            assert!(
                html.contains(&format!("id=\"{code}\"")),
                "{}: {path}",
                case.name
            );
            followed += 1;
        }
    }
    // The cases whose envelope comes from the API's own error type, on both servers.
    assert_eq!(followed, 2 * 12);
}
