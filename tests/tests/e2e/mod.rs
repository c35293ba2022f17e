//! The end-to-end cases both server examples must pass: a real HTTP request to a
//! server on a loopback port, and the exact answer, for every standard code.

#[allow(dead_code)] // each test crate uses what its framework serves
pub mod apps;
pub mod envelope;
pub mod language;
#[path = "../../../runtime/examples/support/logfmt.rs"]
pub mod logfmt;
pub mod problem;

use std::net::SocketAddr;
use std::time::Duration;

use certifier_error::{decode_response, Code, ErrorResponse};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::HeaderMap;
use hyper::Request;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

pub mod validation;

pub mod answers;

/// The cases: the list the example servers print in their startup banner.
pub use crate::api::{Case, CASES};

/// How long one request may take before the test fails: a hung server must fail the
/// test, not hang it.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Which server answers: actix-web differs in one documented case.
#[allow(dead_code)] // each test crate names one
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framework {
    Axum,
    Actix,
}

/// Every standard code appears among the cases.
pub fn assert_every_standard_code_is_covered() {
    for standard in certifier_error::StandardError::ALL {
        let code = certifier_error::CertifierError::code(standard);
        assert!(
            CASES.iter().any(|case| case.code == Some(code)),
            "no case answers `{code}`"
        );
    }
}

/// The startup banner lists every case, with the status it answers, and nothing else.
pub fn check_banner(framework: &str) {
    let address: SocketAddr = "127.0.0.1:3000".parse().unwrap();
    let banner = crate::api::banner(framework, address);
    for case in CASES {
        let title = format!("  # {} {}\n", case.status, case.name);
        let command = format!("curl -s -X {} 'http://{address}{}'", case.method, case.path);
        let at = banner
            .find(&title)
            .unwrap_or_else(|| panic!("banner lacks {title:?}:\n{banner}"));
        assert!(
            banner[at + title.len()..]
                .trim_start()
                .starts_with(&command),
            "banner: {title:?} is not followed by {command:?}"
        );
    }
    assert_eq!(banner.matches("curl -s").count(), CASES.len());
}

pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// Sends `request` and reads the whole answer, within [`TIMEOUT`].
pub async fn exchange(what: &str, request: Request<Full<Bytes>>) -> Answer {
    exchange_within(TIMEOUT, what, request).await
}

/// Sends `request` and reads the whole answer; panics, naming `what`, if that takes
/// longer than `limit`.
pub async fn exchange_within(limit: Duration, what: &str, request: Request<Full<Bytes>>) -> Answer {
    let client: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build_http();
    let answer = async {
        let response = client.request(request).await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            headers,
            body,
        }
    };
    tokio::time::timeout(limit, answer)
        .await
        .unwrap_or_else(|_| panic!("{what}: no answer within {limit:?}"))
}

pub async fn send(address: SocketAddr, case: &Case) -> Answer {
    let mut request = Request::builder()
        .method(case.method)
        .uri(format!("http://{address}{}", case.path));
    for (name, value) in case.headers {
        request = request.header(*name, *value);
    }
    let body = Full::new(Bytes::from(case.body.unwrap_or_default()));
    exchange(case.name, request.body(body).unwrap()).await
}

/// Sends every case to the server at `address` and checks the whole answer.
pub async fn check_all(address: SocketAddr) {
    assert!(address.ip().is_loopback());
    assert_every_standard_code_is_covered();
    for case in CASES {
        let answer = send(address, case).await;
        check(case, &answer);
    }
}

/// The request id the answer carries in `x-request-id`; panics if it has none.
pub fn request_id(what: &str, answer: &Answer) -> String {
    let id = answer
        .headers
        .get("x-request-id")
        .unwrap_or_else(|| panic!("{what}: no x-request-id"));
    id.to_str().unwrap().to_owned()
}

/// The body of an error answer without its last member, `request_id`, which must name
/// the answer's `x-request-id`.
pub fn without_request_id(what: &str, answer: &Answer) -> String {
    let body = std::str::from_utf8(&answer.body).unwrap();
    let member = format!(r#","request_id":"{}"}}}}"#, request_id(what, answer));
    let kept = body
        .strip_suffix(&member)
        .unwrap_or_else(|| panic!("{what}: {body} does not end with {member}"));
    format!("{kept}}}}}")
}

/// Method lists compared as sets: the frameworks write `Allow` differently
/// (`GET,HEAD` and `GET, HEAD`).
fn methods(list: &str) -> std::collections::BTreeSet<String> {
    list.split(',')
        .map(|method| method.trim().to_owned())
        .collect()
}

fn check(case: &Case, answer: &Answer) {
    let name = case.name;
    let full_body = std::str::from_utf8(&answer.body).unwrap();
    assert_eq!(
        answer.status, case.status,
        "{name}: status; body {full_body}"
    );
    let id = request_id(name, answer);
    let stripped;
    let body = if case.code.is_some() {
        stripped = without_request_id(name, answer);
        stripped.as_str()
    } else {
        full_body
    };
    assert_eq!(body, case.expected_body, "{name}: body");
    let content_type = answer
        .headers
        .get("content-type")
        .map(|value| value.to_str().unwrap());
    assert_eq!(
        content_type,
        Some("application/json"),
        "{name}: content-type"
    );
    for (header, value) in case.expected_headers {
        let sent = answer
            .headers
            .get(*header)
            .map(|value| value.to_str().unwrap())
            .unwrap_or_else(|| panic!("{name}: no {header}"));
        if *header == "allow" {
            assert_eq!(methods(sent), methods(value), "{name}: {header}");
        } else {
            assert_eq!(sent, *value, "{name}: {header}");
        }
    }
    if case.expected_headers.is_empty() {
        assert!(
            answer.headers.get("retry-after").is_none(),
            "{name}: retry-after"
        );
    }

    // The client side reads the same answer back.
    let decoded = decode_response::<serde_json::Value>(answer.status, &answer.body);
    let Some(code) = case.code else {
        let value = decoded.unwrap_or_else(|error| panic!("{name}: {error:?}"));
        assert_eq!(
            value,
            serde_json::from_str::<serde_json::Value>(body).unwrap(),
            "{name}"
        );
        return;
    };
    let error: ErrorResponse = decoded.expect_err(name);
    assert!(error.is_envelope(), "{name}: {error:?}");
    assert_eq!(error.error.extensions["request_id"], id, "{name}");
    assert_eq!(error.status, case.status, "{name}");
    assert_eq!(error.error.code, Code::from(code), "{name}");
    assert_eq!(error.error.code.as_str(), code, "{name}");
    let sent: serde_json::Value = serde_json::from_str(full_body).unwrap();
    assert_eq!(error.error.message, sent["error"]["message"], "{name}");
    assert_eq!(
        serde_json::to_value(certifier_error::ErrorEnvelope::from(error.error.clone())).unwrap(),
        sent,
        "{name}: round trip"
    );
    if let Some(standard) = Code::from(code).status() {
        if code != "internal_server_error" {
            assert_eq!(standard, case.status, "{name}: canonical status");
        }
    }
}

/// `POST /certificates/cert_example/check` twice in a row: the second is throttled, and
/// says for how long in `Retry-After` and in its `retry_after` member.
pub async fn check_domain_throttle(address: SocketAddr) {
    let request = || {
        Request::post(format!("http://{address}/certificates/cert_example/check"))
            .header("Certifier-Version", crate::api::VERSION)
            .body(Full::default())
            .unwrap()
    };
    let first = exchange("first check", request()).await;
    assert_eq!(first.status, 200);
    assert_eq!(
        &first.body[..],
        br#"{"id":"cert_example","domain":"example.com","reachable":true}"#
    );
    let second = exchange("second check", request()).await;
    assert_eq!(second.status, 429);
    assert_eq!(second.headers["retry-after"], "1");
    assert_eq!(
        without_request_id("second check", &second),
        r#"{"error":{"code":"rate_limited","message":"Domain checks are limited to one per second; retry in 1 s.","doc_url":"/errors/rate_limited","retry_after":1}}"#
    );
    let error = decode_response::<serde_json::Value>(second.status, &second.body)
        .unwrap_err()
        .with_headers(&second.headers);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(
        error.request_id(),
        Some(request_id("second check", &second).as_str())
    );
    assert!(error.is_retryable());
}
