//! What real applications reach for, answered alike by both frameworks: urlencoded
//! forms (`Form`), validated extractors (`Valid`, `Garde`) and field-keyed errors, each
//! case with the exact body expected.

use std::net::SocketAddr;

use http_body_util::Full;
use hyper::body::Bytes;
use serde::Deserialize;

/// `POST /login`: an urlencoded form.
#[derive(Debug, Deserialize)]
pub struct Login {
    pub name: String,
    pub remember: bool,
}

/// The handlers' work, whatever the framework.
pub fn login(login: Login) -> String {
    format!("{} {}", login.name, login.remember)
}

pub const FORM: &str = "application/x-www-form-urlencoded";
pub const JSON: &str = "application/json";

pub struct AppCase {
    pub name: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub content_type: Option<&'static str>,
    pub body: &'static str,
    pub status: u16,
    pub expected_body: &'static str,
}

macro_rules! invalid {
    ($($item:literal),* $(,)?) => {
        concat!(
            r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":["#,
            $($item,)*
            "]}}"
        )
    };
}

pub const APP_CASES: &[AppCase] = &[
    AppCase {
        name: "form that fits",
        method: "POST",
        path: "/login",
        content_type: Some(FORM),
        body: "name=ann%20lee&remember=true",
        status: 200,
        expected_body: "ann lee true",
    },
    AppCase {
        name: "form field of the wrong type, not first",
        method: "POST",
        path: "/login",
        content_type: Some(FORM),
        body: "name=ann&remember=maybe",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid_type","message":"This value has the wrong type.","parameter":"remember"}"#
        ),
    },
    AppCase {
        name: "form field missing",
        method: "POST",
        path: "/login",
        content_type: Some(FORM),
        body: "remember=false",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"missing","message":"A required value is missing.","parameter":"name"}"#
        ),
    },
    AppCase {
        name: "form sent as JSON",
        method: "POST",
        path: "/login",
        content_type: Some(JSON),
        body: r#"{"name":"ann","remember":true}"#,
        status: 400,
        expected_body: r#"{"error":{"code":"bad_request","message":"The request body must be form data, sent with `content-type: application/x-www-form-urlencoded`."}}"#,
    },
    AppCase {
        name: "form without a content type",
        method: "POST",
        path: "/login",
        content_type: None,
        body: "name=ann&remember=true",
        status: 400,
        expected_body: r#"{"error":{"code":"bad_request","message":"The request body must be form data, sent with `content-type: application/x-www-form-urlencoded`."}}"#,
    },
];

/// Sends every case to the server at `address` and checks the status and the whole body;
/// the client decodes every error answer.
pub async fn check_apps(address: SocketAddr) {
    assert!(address.ip().is_loopback());
    for case in APP_CASES {
        let mut request = hyper::Request::builder()
            .method(case.method)
            .uri(format!("http://{address}{}", case.path));
        if let Some(content_type) = case.content_type {
            request = request.header("content-type", content_type);
        }
        let body = Full::new(Bytes::from(case.body));
        let answer = super::exchange(case.name, request.body(body).unwrap()).await;
        let body = std::str::from_utf8(&answer.body).unwrap();
        assert_eq!(
            (answer.status, body),
            (case.status, case.expected_body),
            "{}",
            case.name
        );
        if case.status >= 400 {
            assert_eq!(
                answer.headers["content-type"], "application/json",
                "{}",
                case.name
            );
            let error =
                certifier_error::decode_response::<serde_json::Value>(answer.status, &answer.body)
                    .unwrap_err();
            assert!(error.is_envelope(), "{}: {error:?}", case.name);
        }
    }
}

/// A form body over the server's limit (`limit` bytes) is `bad_request`, as a JSON body
/// over it is.
pub async fn check_form_too_large(address: SocketAddr, limit: usize) {
    let body = format!("name={}&remember=true", "a".repeat(limit + 1));
    let request = hyper::Request::post(format!("http://{address}/login"))
        .header("content-type", FORM)
        .body(Full::new(Bytes::from(body)))
        .unwrap();
    let answer = super::exchange("form too large", request).await;
    assert_eq!(
        (answer.status, std::str::from_utf8(&answer.body).unwrap()),
        (
            400,
            r#"{"error":{"code":"bad_request","message":"The request body is too large."}}"#
        )
    );
}
