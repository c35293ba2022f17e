//! `certifier_error::reqwest` against a real axum server on a loopback port: every kind
//! of answer a client meets, decoded without parsing by hand.
#![cfg(feature = "reqwest")]

use std::future::Future as _;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use certifier_error::reqwest::{ResponseExt as _, MAX_BODY_LEN};
use certifier_error::{Code, ErrorResponse, ExtensionMap, FromErrorResponse, MAX_EXCERPT_LEN};
use http_body::Frame;
use serde::Deserialize;
use serde_json::json;

/// A test that does not finish in this time fails: a client that read an endless body
/// to its end would never finish.
const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, PartialEq, Deserialize)]
struct Certificate {
    id: String,
    domain: String,
}

/// A body sent chunk by chunk, without a length (chunked transfer encoding), that ends
/// with an I/O error after its chunks when `fail` is set, or never ends when `endless`.
struct Chunks {
    chunks: Vec<Bytes>,
    next: usize,
    fail: bool,
    endless: bool,
    /// Before failing: a pause, so that the server sends the chunks first (it writes what
    /// it has when the body is not ready), and the client sees the connection end
    /// mid-body.
    pause: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Chunks {
    fn new(chunks: Vec<Bytes>) -> Self {
        Chunks {
            chunks,
            next: 0,
            fail: false,
            endless: false,
            pause: None,
        }
    }

    fn then_fail(mut self) -> Self {
        self.fail = true;
        self
    }

    fn endless(chunk: Bytes) -> Self {
        Chunks {
            chunks: vec![chunk],
            next: 0,
            fail: false,
            endless: true,
            pause: None,
        }
    }
}

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        if self.endless {
            return Poll::Ready(Some(Ok(Frame::data(self.chunks[0].clone()))));
        }
        let next = self.next;
        if let Some(chunk) = self.chunks.get(next).cloned() {
            self.next += 1;
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        if self.fail {
            let pause = self
                .pause
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(Duration::from_millis(50))));
            if pause.as_mut().poll(context).is_pending() {
                return Poll::Pending;
            }
            self.fail = false;
            return Poll::Ready(Some(Err(std::io::Error::other("the upstream went away"))));
        }
        Poll::Ready(None)
    }
}

fn json_response(status: u16, headers: &[(&'static str, String)], body: &'static str) -> Response {
    let mut response = (
        StatusCode::from_u16(status).unwrap(),
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response();
    for (name, value) in headers {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    response
}

fn streamed(status: u16, body: Chunks) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::new(body))
        .unwrap()
}

fn http_date_in(offset: Duration, future: bool) -> String {
    let now = SystemTime::now();
    let at = if future { now + offset } else { now - offset };
    httpdate::fmt_http_date(at)
}

const PLAN_LIMIT: &str = r#"{"error":{"code":"plan_limit","message":"The free plan allows 90 days.","plan":"free","max_validity_days":90}}"#;

fn router() -> Router {
    Router::new()
        .route(
            "/certificate",
            get(|| async {
                json_response(
                    200,
                    &[("x-request-id", "req_ok".into())],
                    r#"{"id":"cert_1","domain":"example.com"}"#,
                )
            }),
        )
        .route("/nothing", get(|| async { StatusCode::NO_CONTENT }))
        .route(
            "/not-a-certificate",
            get(|| async {
                json_response(200, &[("x-request-id", "req_shape".into())], r#"{"id":1}"#)
            }),
        )
        .route(
            "/known",
            get(|| async {
                json_response(
                    404,
                    &[("x-request-id", "req_header".into())],
                    r#"{"error":{"code":"not_found","message":"No certificate has the id `cert_9`."}}"#,
                )
            }),
        )
        .route(
            "/unknown",
            get(|| async {
                json_response(
                    403,
                    &[],
                    r#"{"error":{"code":"quota_exceeded","message":"The monthly quota is used up.","quota":100}}"#,
                )
            }),
        )
        .route("/plan-limit", get(|| async { json_response(402, &[], PLAN_LIMIT) }))
        .route(
            "/proxy",
            get(|| async {
                (
                    StatusCode::BAD_GATEWAY,
                    [(header::CONTENT_TYPE, "text/html")],
                    "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
                )
            }),
        )
        .route(
            "/retry-seconds",
            get(|| async {
                json_response(
                    429,
                    &[("retry-after", "7".into())],
                    r#"{"error":{"code":"rate_limited","message":"Slow down.","retry_after":30}}"#,
                )
            }),
        )
        .route(
            "/retry-date",
            get(|| async {
                let date = http_date_in(Duration::from_secs(120), true);
                json_response(
                    503,
                    &[("retry-after", date)],
                    r#"{"error":{"code":"internal_server_error","message":"Down for maintenance."}}"#,
                )
            }),
        )
        .route(
            "/retry-date-past",
            get(|| async {
                let date = http_date_in(Duration::from_secs(3600), false);
                json_response(
                    503,
                    &[("retry-after", date)],
                    r#"{"error":{"code":"internal_server_error","message":"Down for maintenance."}}"#,
                )
            }),
        )
        .route(
            "/retry-member",
            get(|| async {
                json_response(
                    429,
                    &[],
                    r#"{"error":{"code":"rate_limited","message":"Slow down.","retry_after":12}}"#,
                )
            }),
        )
        .route(
            "/request-id-body",
            get(|| async {
                json_response(
                    409,
                    &[],
                    r#"{"error":{"code":"conflict","message":"Taken.","request_id":"req_body"}}"#,
                )
            }),
        )
        .route(
            "/request-id-both",
            get(|| async {
                json_response(
                    409,
                    &[("x-request-id", "req_header".into())],
                    r#"{"error":{"code":"conflict","message":"Taken.","request_id":"req_body"}}"#,
                )
            }),
        )
        .route(
            "/oversized-error",
            get(|| async {
                // With a `Content-Length` over the limit.
                let body = vec![b'x'; MAX_BODY_LEN + 1];
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(header::RETRY_AFTER, "3")],
                    body,
                )
            }),
        )
        .route(
            "/oversized-success",
            get(|| async {
                // Without a length, and without an end.
                let mut response = streamed(200, Chunks::endless(Bytes::from(vec![b'['; 64 << 10])));
                response
                    .headers_mut()
                    .insert("x-request-id", HeaderValue::from_static("req_big"));
                response
            }),
        )
        .route(
            "/oversized-error-streamed",
            get(|| async {
                let chunks = vec![Bytes::from(vec![b'y'; 600]); 10];
                streamed(500, Chunks::new(chunks))
            }),
        )
        .route(
            "/cut-success",
            get(|| async {
                let chunks = vec![Bytes::from_static(br#"{"id":"cert_1","dom"#)];
                streamed(200, Chunks::new(chunks).then_fail())
            }),
        )
        .route(
            "/cut-error",
            get(|| async {
                let chunks = vec![Bytes::from_static(br#"{"error":{"code":"conflict","mess"#)];
                streamed(409, Chunks::new(chunks).then_fail())
            }),
        )
        .route(
            "/cut-after-envelope",
            get(|| async {
                let chunks = vec![Bytes::from_static(
                    br#"{"error":{"code":"conflict","message":"Taken."}}"#,
                )];
                streamed(409, Chunks::new(chunks).then_fail())
            }),
        )
}

async fn serve() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router()).await.unwrap() });
    address
}

/// `GET path` on a fresh server, decoded as `T` with `limit` (or the default).
async fn get_as<T: serde::de::DeserializeOwned>(
    path: &str,
    limit: Option<usize>,
) -> Result<T, ErrorResponse> {
    let address = serve().await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let exchange = async {
        let response = client
            .get(format!("http://{address}{path}"))
            .send()
            .await
            .unwrap();
        match limit {
            Some(limit) => response.certifier_json_limited(limit).await,
            None => response.certifier_json().await,
        }
    };
    tokio::time::timeout(TIMEOUT, exchange)
        .await
        .unwrap_or_else(|_| panic!("{path}: no result within {TIMEOUT:?}"))
}

async fn error_at(path: &str) -> ErrorResponse {
    get_as::<Certificate>(path, None).await.unwrap_err()
}

fn members(value: serde_json::Value) -> ExtensionMap {
    match value {
        serde_json::Value::Object(members) => members,
        other => panic!("not an object: {other}"),
    }
}

#[tokio::test]
async fn a_success_body_decodes_as_the_type() {
    let certificate: Certificate = get_as("/certificate", None).await.unwrap();
    assert_eq!(
        certificate,
        Certificate {
            id: "cert_1".into(),
            domain: "example.com".into()
        }
    );
    let value: serde_json::Value = get_as("/certificate", None).await.unwrap();
    assert_eq!(value, json!({"id": "cert_1", "domain": "example.com"}));
}

#[tokio::test]
async fn a_body_of_exactly_the_limit_is_read() {
    let body = r#"{"id":"cert_1","domain":"example.com"}"#;
    let fits: Certificate = get_as("/certificate", Some(body.len())).await.unwrap();
    assert_eq!(fits.id, "cert_1");
    let error = get_as::<Certificate>("/certificate", Some(body.len() - 1))
        .await
        .unwrap_err();
    assert_eq!(error.error.code.as_str(), "response_too_large");
    assert_eq!(
        error.error.message,
        "The server answered 200 with a body larger than the 37-byte limit."
    );
    // The excerpt never holds more than the limit.
    assert_eq!(error.excerpt.as_deref(), Some(&body[..body.len() - 1]));
    assert_eq!(error.request_id(), Some("req_ok"));
}

#[tokio::test]
async fn no_content_decodes_as_unit() {
    get_as::<()>("/nothing", None).await.unwrap();
    assert_eq!(
        get_as::<Option<Certificate>>("/nothing", None)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn a_success_body_of_another_shape_is_an_unexpected_response() {
    let error = error_at("/not-a-certificate").await;
    assert_eq!(error.status, 200);
    assert_eq!(error.error.code, Code::Other("unexpected_response".into()));
    assert_eq!(
        error.error.message,
        "The server answered 200 with a body this client cannot read."
    );
    assert_eq!(error.excerpt.as_deref(), Some(r#"{"id":1}"#));
    assert_eq!(error.request_id(), Some("req_shape"));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn an_envelope_with_a_known_code() {
    let error = error_at("/known").await;
    assert_eq!(error.status, 404);
    assert_eq!(error.error.code, Code::NotFound);
    assert_eq!(error.error.message, "No certificate has the id `cert_9`.");
    assert_eq!(error.error.extensions, ExtensionMap::new());
    assert!(error.is_envelope());
    assert_eq!(error.excerpt, None);
    assert_eq!(error.request_id(), Some("req_header"));
    assert_eq!(error.retry_after(), None);
    assert!(!error.is_retryable());
    assert_eq!(error.message(), "No certificate has the id `cert_9`.");
    assert_eq!(
        error.to_string(),
        "404 not_found: No certificate has the id `cert_9`."
    );
}

#[tokio::test]
async fn an_envelope_with_an_unknown_code_keeps_it_and_its_members() {
    let error = error_at("/unknown").await;
    assert_eq!(error.status, 403);
    assert_eq!(error.error.code, Code::Other("quota_exceeded".into()));
    assert_eq!(error.error.code.as_str(), "quota_exceeded");
    assert_eq!(error.error.message, "The monthly quota is used up.");
    assert_eq!(error.error.extensions, members(json!({"quota": 100})));
    assert!(error.is_envelope());
    assert_eq!(error.request_id(), None);
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_proxy_page_gets_the_code_of_its_status() {
    let error = error_at("/proxy").await;
    assert_eq!(error.status, 502);
    assert_eq!(error.error.code, Code::InternalServerError);
    assert_eq!(
        error.error.message,
        "The server answered 502 without a Certifier error body."
    );
    assert_eq!(
        error.excerpt.as_deref(),
        Some("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
    );
    assert!(!error.is_envelope());
    assert!(error.is_retryable());
    assert_eq!(error.retry_after(), None);
}

#[tokio::test]
async fn retry_after_in_seconds_wins_over_the_member() {
    let error = error_at("/retry-seconds").await;
    assert_eq!(error.error.code, Code::RateLimited);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_measured_from_now() {
    let error = error_at("/retry-date").await;
    assert_eq!(error.status, 503);
    assert!(error.is_retryable());
    let wait = error.retry_after().unwrap();
    // The date has whole seconds and was written a moment ago.
    assert!(
        wait > Duration::from_secs(110) && wait <= Duration::from_secs(120),
        "{wait:?}"
    );
    let past = error_at("/retry-date-past").await;
    assert_eq!(past.retry_after(), Some(Duration::ZERO));
}

#[tokio::test]
async fn retry_after_as_a_member() {
    let error = error_at("/retry-member").await;
    assert_eq!(error.retry_after(), Some(Duration::from_secs(12)));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn the_request_id_from_the_header_or_the_body() {
    assert_eq!(
        error_at("/request-id-body").await.request_id(),
        Some("req_body")
    );
    assert_eq!(
        error_at("/request-id-both").await.request_id(),
        Some("req_header")
    );
}

#[tokio::test]
async fn an_oversized_error_body_is_still_an_error_response() {
    let error = error_at("/oversized-error").await;
    assert_eq!(error.status, 429);
    assert_eq!(error.error.code, Code::RateLimited);
    assert_eq!(
        error.error.message,
        "The server answered 429 with a body larger than the 4194304-byte limit."
    );
    assert_eq!(
        error.excerpt.as_deref(),
        Some("x".repeat(MAX_EXCERPT_LEN).as_str())
    );
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn an_oversized_error_body_without_a_length() {
    let error = get_as::<Certificate>("/oversized-error-streamed", Some(1000))
        .await
        .unwrap_err();
    assert_eq!(error.status, 500);
    assert_eq!(error.error.code, Code::InternalServerError);
    assert_eq!(
        error.error.message,
        "The server answered 500 with a body larger than the 1000-byte limit."
    );
    assert_eq!(
        error.excerpt.as_deref(),
        Some("y".repeat(MAX_EXCERPT_LEN).as_str())
    );
    // The same body fits a larger limit, and is then read as what it is: no envelope.
    let error = get_as::<Certificate>("/oversized-error-streamed", Some(6000))
        .await
        .unwrap_err();
    assert_eq!(
        error.error.message,
        "The server answered 500 without a Certifier error body."
    );
}

#[tokio::test]
async fn an_endless_success_body_stops_at_the_limit() {
    let error = error_at("/oversized-success").await;
    assert_eq!(error.status, 200);
    assert_eq!(error.error.code, Code::Other("response_too_large".into()));
    assert_eq!(
        error.error.message,
        "The server answered 200 with a body larger than the 4194304-byte limit."
    );
    assert_eq!(
        error.excerpt.as_deref(),
        Some("[".repeat(MAX_EXCERPT_LEN).as_str())
    );
    assert_eq!(error.request_id(), Some("req_big"));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_success_body_cut_off_is_never_decoded() {
    let error = error_at("/cut-success").await;
    assert_eq!(error.status, 200);
    assert_eq!(error.error.code, Code::Other("incomplete_response".into()));
    assert_eq!(
        error.error.message,
        "The server answered 200, but the connection ended before the whole body arrived."
    );
    assert_eq!(error.excerpt.as_deref(), Some(r#"{"id":"cert_1","dom"#));
}

#[tokio::test]
async fn an_error_body_cut_off() {
    let error = error_at("/cut-error").await;
    assert_eq!(error.status, 409);
    assert_eq!(error.error.code, Code::Conflict);
    assert_eq!(
        error.error.message,
        "The server answered 409, but the connection ended before the whole body arrived."
    );
    assert_eq!(
        error.excerpt.as_deref(),
        Some(r#"{"error":{"code":"conflict","mess"#)
    );
    // A whole envelope that arrived before the connection failed is the server's answer.
    let error = error_at("/cut-after-envelope").await;
    assert_eq!(error.error.code, Code::Conflict);
    assert_eq!(error.error.message, "Taken.");
    assert!(error.is_envelope());
}

/// The application's own view of the errors of one endpoint.
#[derive(Debug, PartialEq)]
enum IssueError {
    PlanLimit {
        plan: String,
        max_validity_days: u32,
    },
    RateLimited {
        retry_after: Option<Duration>,
    },
    Other(ErrorResponse),
}

#[derive(Deserialize)]
struct PlanLimit {
    plan: String,
    max_validity_days: u32,
}

impl FromErrorResponse for IssueError {
    fn from_known(response: &ErrorResponse) -> Option<Self> {
        Some(match response.error.code.as_str() {
            "plan_limit" => {
                let limit: PlanLimit = response.extensions_as().ok()?;
                IssueError::PlanLimit {
                    plan: limit.plan,
                    max_validity_days: limit.max_validity_days,
                }
            }
            "rate_limited" => IssueError::RateLimited {
                retry_after: response.retry_after(),
            },
            _ => return None,
        })
    }

    fn from_unknown(response: ErrorResponse) -> Self {
        IssueError::Other(response)
    }
}

async fn typed(path: &str) -> IssueError {
    get_as::<Certificate>(path, None)
        .await
        .map_err(ErrorResponse::into_typed)
        .unwrap_err()
}

#[tokio::test]
async fn the_typed_view_keeps_unknown_codes() {
    assert_eq!(
        typed("/plan-limit").await,
        IssueError::PlanLimit {
            plan: "free".into(),
            max_validity_days: 90
        }
    );
    assert_eq!(
        typed("/retry-seconds").await,
        IssueError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
    match typed("/unknown").await {
        IssueError::Other(response) => {
            assert_eq!(response.error.code.as_str(), "quota_exceeded");
            assert_eq!(response.error.extensions, members(json!({"quota": 100})));
        }
        other => panic!("{other:?}"),
    }
    match typed("/proxy").await {
        IssueError::Other(response) => assert_eq!(response.status, 502),
        other => panic!("{other:?}"),
    }
}

/// The future is `Send`, so a request can run on a spawned task.
#[tokio::test]
async fn certifier_json_runs_on_a_spawned_task() {
    let address = serve().await;
    let task = tokio::spawn(async move {
        let response = reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap()
            .get(format!("http://{address}/known"))
            .send()
            .await
            .unwrap();
        response.certifier_json::<Certificate>().await
    });
    let error = task.await.unwrap().unwrap_err();
    assert_eq!(error.error.code, Code::NotFound);
}
