//! The end-to-end cases both server examples must pass: a real HTTP request to a
//! server on a loopback port, and the exact answer, for every standard code.

use std::net::SocketAddr;

use certifier_error::{decode_response, Code, ErrorResponse};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::HeaderMap;
use hyper::Request;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

const V: (&str, &str) = ("Certifier-Version", "2024-06-01");
const JSON: (&str, &str) = ("Content-Type", "application/json");

pub struct Case {
    pub name: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Option<&'static str>,
    pub status: u16,
    /// `None` for a success.
    pub code: Option<&'static str>,
    pub expected_body: &'static str,
    /// Headers the answer must carry besides `content-type: application/json`.
    pub expected_headers: &'static [(&'static str, &'static str)],
}

/// In order: the issuing cases at the end change the store.
pub const CASES: &[Case] = &[
    Case {
        name: "success",
        method: "GET",
        path: "/certificates",
        headers: &[V],
        body: None,
        status: 200,
        code: None,
        expected_body: r#"[{"id":"cert_example","domain":"example.com","validity_days":90}]"#,
        expected_headers: &[],
    },
    Case {
        name: "bad_request",
        method: "GET",
        path: "/certificates?limit=ten",
        headers: &[V],
        body: None,
        status: 400,
        code: Some("bad_request"),
        expected_body: r#"{"error":{"code":"bad_request","message":"The query parameter `limit` could not be understood."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "missing_version",
        method: "GET",
        path: "/certificates",
        headers: &[],
        body: None,
        status: 400,
        code: Some("missing_version"),
        expected_body: r#"{"error":{"code":"missing_version","message":"The Certifier-Version header is required.","supported_versions":["2024-06-01"]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "invalid_version",
        method: "GET",
        path: "/certificates/cert_example",
        headers: &[("Certifier-Version", "1999-01-01")],
        body: None,
        status: 400,
        code: Some("invalid_version"),
        expected_body: r#"{"error":{"code":"invalid_version","message":"The Certifier-Version header does not name a supported version.","supported_versions":["2024-06-01"]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "invalid_json (syntax)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "#),
        status: 400,
        code: Some("invalid_json"),
        expected_body: r#"{"error":{"code":"invalid_json","message":"The request body is not valid JSON."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "invalid_json (content type)",
        method: "POST",
        path: "/certificates",
        headers: &[V, ("Content-Type", "text/plain")],
        body: Some(r#"{"domain": "example.net"}"#),
        status: 400,
        code: Some("invalid_json"),
        expected_body: r#"{"error":{"code":"invalid_json","message":"The request body must be JSON, sent with `content-type: application/json`."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "validation_error (shape)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"validity_days": 30}"#),
        status: 400,
        code: Some("validation_error"),
        expected_body: r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","detail":"missing field `domain`"}}"#,
        expected_headers: &[],
    },
    Case {
        name: "validation_error (fields)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": " ", "validity_days": 0}"#),
        status: 400,
        code: Some("validation_error"),
        expected_body: r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":[{"field":"domain","problem":"must be a domain name, such as `example.com`"},{"field":"validity_days","problem":"must be at least 1"}]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "unauthorized",
        method: "GET",
        path: "/account",
        headers: &[V, ("Authorization", "Bearer guess")],
        body: None,
        status: 401,
        code: Some("unauthorized"),
        expected_body: r#"{"error":{"code":"unauthorized","message":"Authentication is required for this request."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "authorized",
        method: "GET",
        path: "/account",
        headers: &[V, ("Authorization", "Bearer demo-token")],
        body: None,
        status: 200,
        code: None,
        expected_body: r#"{"organization":"Example Org","plan":"free"}"#,
        expected_headers: &[],
    },
    Case {
        name: "payment_required",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "*.example.net"}"#),
        status: 402,
        code: Some("payment_required"),
        expected_body: r#"{"error":{"code":"payment_required","message":"Wildcard certificates need a premium plan."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "plan_limit (endpoint-specific members)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "example.net", "validity_days": 365}"#),
        status: 402,
        code: Some("plan_limit"),
        expected_body: r#"{"error":{"code":"plan_limit","message":"The free plan allows certificates valid for at most 90 days.","plan":"free","maxValidityDays":90}}"#,
        expected_headers: &[],
    },
    Case {
        name: "forbidden",
        method: "GET",
        path: "/certificates/cert_other",
        headers: &[V],
        body: None,
        status: 403,
        code: Some("forbidden"),
        expected_body: r#"{"error":{"code":"forbidden","message":"Certificate `cert_other` belongs to another organization."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "not_found (object)",
        method: "GET",
        path: "/certificates/cert_missing",
        headers: &[V],
        body: None,
        status: 404,
        code: Some("not_found"),
        expected_body: r#"{"error":{"code":"not_found","message":"No certificate has the id `cert_missing`."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "not_found (route, without a version)",
        method: "GET",
        path: "/nowhere",
        headers: &[],
        body: None,
        status: 404,
        code: Some("not_found"),
        expected_body: r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "not_found (method)",
        method: "DELETE",
        path: "/certificates",
        headers: &[V],
        body: None,
        status: 404,
        code: Some("not_found"),
        expected_body: r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "conflict",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "example.com"}"#),
        status: 409,
        code: Some("conflict"),
        expected_body: r#"{"error":{"code":"conflict","message":"`example.com` already has an active certificate.","certificateId":"cert_example"}}"#,
        expected_headers: &[],
    },
    Case {
        name: "rate_limited",
        method: "POST",
        path: "/certificates/cert_example/renew",
        headers: &[V],
        body: None,
        status: 429,
        code: Some("rate_limited"),
        expected_body: r#"{"error":{"code":"rate_limited","message":"Renewals are limited; retry in 3600 s.","retryAfter":3600}}"#,
        expected_headers: &[("retry-after", "3600")],
    },
    Case {
        name: "internal_server_error",
        method: "GET",
        path: "/certificates/cert_example/chain",
        headers: &[V],
        body: None,
        status: 503,
        code: Some("internal_server_error"),
        expected_body: r#"{"error":{"code":"internal_server_error","message":"Something went wrong on our side; please try again later."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "issued",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "new.example.net"}"#),
        status: 200,
        code: None,
        expected_body: r#"{"id":"cert_3","domain":"new.example.net","validity_days":90}"#,
        expected_headers: &[],
    },
    Case {
        name: "conflict with the issued certificate",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "New.Example.net", "validity_days": 30}"#),
        status: 409,
        code: Some("conflict"),
        expected_body: r#"{"error":{"code":"conflict","message":"`new.example.net` already has an active certificate.","certificateId":"cert_3"}}"#,
        expected_headers: &[],
    },
];

/// Every standard code appears among the cases.
pub fn assert_every_standard_code_is_covered() {
    for standard in certifier_error::StandardError::ALL {
        let code = certifier_error::CertifierError::code(&standard);
        assert!(
            CASES.iter().any(|case| case.code == Some(code)),
            "no case answers `{code}`"
        );
    }
}

pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

pub async fn send(address: SocketAddr, case: &Case) -> Answer {
    let client: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build_http();
    let mut request = Request::builder()
        .method(case.method)
        .uri(format!("http://{address}{}", case.path));
    for (name, value) in case.headers {
        request = request.header(*name, *value);
    }
    let body = Full::new(Bytes::from(case.body.unwrap_or_default()));
    let response = client.request(request.body(body).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body,
    }
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

fn check(case: &Case, answer: &Answer) {
    let name = case.name;
    let body = std::str::from_utf8(&answer.body).unwrap();
    assert_eq!(answer.status, case.status, "{name}: status; body {body}");
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
        assert_eq!(
            answer
                .headers
                .get(*header)
                .map(|value| value.to_str().unwrap()),
            Some(*value),
            "{name}: {header}"
        );
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
    assert_eq!(error.status, case.status, "{name}");
    assert_eq!(error.error.code, Code::from(code), "{name}");
    assert_eq!(error.error.code.as_str(), code, "{name}");
    let sent: serde_json::Value = serde_json::from_str(body).unwrap();
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
