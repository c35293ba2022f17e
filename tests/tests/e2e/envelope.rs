//! The end-to-end checks of the envelope layers both frameworks must pass: every error
//! the stack can produce in the envelope, request ids, timeouts, limits and slow
//! clients, over real TCP on 127.0.0.1.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use certifier_error::{Code, ErrorResponse};
use http_body_util::Full;
use hyper::body::Bytes;

use super::{exchange, request_id, without_request_id, Answer};

/// A bare status a handler answers, the status and code the layer answers instead,
/// and a header that must survive.
pub struct Bare {
    pub received: u16,
    pub status: u16,
    pub code: &'static str,
    pub kept: Option<(&'static str, &'static str)>,
}

/// The default challenge of the bare-status apps.
pub const CHALLENGE: &str = "Bearer realm=\"test\"";

/// Every status the bare-status apps answer with, and what the layer makes of it.
pub const BARE: &[Bare] = &[
    Bare {
        received: 400,
        status: 400,
        code: "bad_request",
        kept: None,
    },
    Bare {
        received: 401,
        status: 401,
        code: "unauthorized",
        kept: Some(("www-authenticate", CHALLENGE)),
    },
    Bare {
        received: 402,
        status: 402,
        code: "payment_required",
        kept: None,
    },
    Bare {
        received: 403,
        status: 403,
        code: "forbidden",
        kept: None,
    },
    Bare {
        received: 404,
        status: 404,
        code: "not_found",
        kept: None,
    },
    Bare {
        received: 405,
        status: 404,
        code: "not_found",
        kept: Some(("allow", "GET")),
    },
    Bare {
        received: 408,
        status: 503,
        code: "internal_server_error",
        kept: None,
    },
    Bare {
        received: 409,
        status: 409,
        code: "conflict",
        kept: None,
    },
    Bare {
        received: 410,
        status: 404,
        code: "not_found",
        kept: None,
    },
    Bare {
        received: 412,
        status: 409,
        code: "conflict",
        kept: None,
    },
    Bare {
        received: 413,
        status: 400,
        code: "bad_request",
        kept: None,
    },
    Bare {
        received: 415,
        status: 400,
        code: "invalid_json",
        kept: None,
    },
    Bare {
        received: 418,
        status: 400,
        code: "bad_request",
        kept: None,
    },
    Bare {
        received: 422,
        status: 400,
        code: "validation_error",
        kept: None,
    },
    Bare {
        received: 429,
        status: 429,
        code: "rate_limited",
        kept: Some(("retry-after", "7")),
    },
    Bare {
        received: 500,
        status: 500,
        code: "internal_server_error",
        kept: None,
    },
    Bare {
        received: 501,
        status: 500,
        code: "internal_server_error",
        kept: None,
    },
    Bare {
        received: 502,
        status: 502,
        code: "internal_server_error",
        kept: None,
    },
    Bare {
        received: 503,
        status: 503,
        code: "internal_server_error",
        kept: Some(("retry-after", "120")),
    },
    Bare {
        received: 504,
        status: 504,
        code: "internal_server_error",
        kept: None,
    },
];

/// The headers a bare-status handler adds for `status`: those the layer must keep.
pub fn bare_headers(status: u16) -> Vec<(&'static str, &'static str)> {
    let mut headers = vec![("content-type", "text/plain"), ("x-kept", "yes")];
    match status {
        405 => headers.push(("allow", "GET")),
        429 => headers.push(("retry-after", "7")),
        503 => headers.push(("retry-after", "120")),
        _ => {}
    }
    headers
}

/// The plain-text body of a bare-status handler, which must not reach the client.
pub const BARE_BODY: &str = "plain text the client must not see";

pub async fn get(address: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = hyper::Request::get(format!("http://{address}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    exchange(path, request.body(Full::default()).unwrap()).await
}

/// Checks that `answer` is the envelope `status`/`code`, ending with its request id;
/// returns the decoded error.
pub fn assert_envelope(what: &str, answer: &Answer, status: u16, code: &str) -> ErrorResponse {
    let body = String::from_utf8_lossy(&answer.body).into_owned();
    assert_eq!(answer.status, status, "{what}: {body}");
    assert_eq!(answer.headers["content-type"], "application/json", "{what}");
    without_request_id(what, answer);
    let error = ErrorResponse::decode(answer.status, &answer.body);
    assert!(error.is_envelope(), "{what}: {body}");
    assert_eq!(error.error.code, Code::from(code), "{what}");
    let canonical = error.error.code.status().unwrap();
    if code == "internal_server_error" {
        assert!([500, 502, 503, 504].contains(&status), "{what}");
    } else {
        assert_eq!(canonical, status, "{what}: not a pair of the table");
    }
    error
}

/// Every bare status of [`BARE`], served at `/status/{status}` by the app at `address`
/// behind the envelope layer with request ids and [`CHALLENGE`].
pub async fn check_bare_statuses(address: SocketAddr) {
    for bare in BARE {
        let path = format!("/status/{}", bare.received);
        let answer = get(address, &path, &[]).await;
        assert_envelope(&path, &answer, bare.status, bare.code);
        let body = String::from_utf8_lossy(&answer.body);
        assert!(!body.contains("plain text"), "{path}: {body}");
        assert_eq!(answer.headers["x-kept"], "yes", "{path}");
        assert!(answer.headers.get("content-length").map_or(true, |length| {
            length.to_str().unwrap() == answer.body.len().to_string()
        }));
        if let Some((name, value)) = bare.kept {
            assert_eq!(answer.headers[name], value, "{path}: {name}");
        }
    }
    // A 401 with a challenge of its own keeps it.
    let answer = get(address, "/challenged", &[]).await;
    assert_envelope("challenged", &answer, 401, "unauthorized");
    assert_eq!(answer.headers["www-authenticate"], "Basic realm=\"own\"");
    // Success is untouched, but for the request id.
    let answer = get(address, "/ok", &[("x-request-id", "ok-1")]).await;
    assert_eq!(answer.status, 200);
    assert_eq!(&answer.body[..], b"fine");
    assert_eq!(answer.headers["x-request-id"], "ok-1");
}

/// Request ids on the example API at `address`: echoed when valid, replaced when not,
/// on success and error answers alike.
pub async fn check_request_ids(address: SocketAddr) {
    let version = ("Certifier-Version", "2024-06-01");
    let answer = get(
        address,
        "/certificates",
        &[version, ("x-request-id", "client-7")],
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(request_id("echo", &answer), "client-7");

    let answer = get(address, "/nowhere", &[("x-request-id", "client-8")]).await;
    assert_envelope("echo on an error", &answer, 404, "not_found");
    assert!(answer.body.ends_with(br#","request_id":"client-8"}}"#));

    let long = "x".repeat(129);
    for invalid in ["two words", "quote\"d", long.as_str(), "caf\u{e9}"] {
        let mut request = hyper::Request::get(format!("http://{address}/nowhere"));
        request = request.header(
            "x-request-id",
            hyper::header::HeaderValue::from_bytes(invalid.as_bytes()).unwrap(),
        );
        let answer = exchange(invalid, request.body(Full::default()).unwrap()).await;
        let id = request_id(invalid, &answer);
        assert_ne!(id, invalid);
        assert_eq!(id.len(), 36, "{id}");
        assert_envelope(invalid, &answer, 404, "not_found");
    }
    // Without the header: a fresh id, a different one each time.
    let first = request_id("fresh", &get(address, "/nowhere", &[]).await);
    let second = request_id("fresh", &get(address, "/nowhere", &[]).await);
    assert_ne!(first, second);
}

/// Where the two frameworks used to differ, on the example API at `address`.
///
/// One difference stays, documented: actix-web's `web::Json` takes every `*/json`
/// media type (its content-type predicate can only widen that), so `text/json` is read
/// as JSON there, while the crate's axum `Json` refuses it.
pub async fn check_same_answers(address: SocketAddr) {
    let version = ("Certifier-Version", "2024-06-01");
    // `HEAD` on a `GET` route.
    let request = hyper::Request::head(format!("http://{address}/certificates"))
        .header(version.0, version.1)
        .body(Full::default())
        .unwrap();
    let answer = exchange("HEAD", request).await;
    assert_eq!(answer.status, 200);
    assert!(answer.body.is_empty());
    // `text/json` is not JSON's media type.
    let request = hyper::Request::post(format!("http://{address}/certificates"))
        .header(version.0, version.1)
        .header("content-type", "text/json")
        .body(Full::new(Bytes::from_static(
            br#"{"domain": "example.org"}"#,
        )))
        .unwrap();
    let answer = exchange("text/json", request).await;
    assert_envelope("text/json", &answer, 400, "invalid_json");
    // Empty path segments name no certificate.
    for path in ["/certificates//renew", "/certificates/"] {
        let request = hyper::Request::post(format!("http://{address}{path}"))
            .header(version.0, version.1)
            .body(Full::default())
            .unwrap();
        let answer = exchange(path, request).await;
        assert_envelope(path, &answer, 404, "not_found");
    }
}

/// A handler slower than the request timeout, on the example API at `address` served
/// with a short timeout.
pub async fn check_timeout(address: SocketAddr) {
    let started = Instant::now();
    let answer = get(
        address,
        "/certificates/export",
        &[
            ("Certifier-Version", "2024-06-01"),
            ("x-request-id", "slow-1"),
        ],
    )
    .await;
    assert_envelope("timeout", &answer, 503, "internal_server_error");
    assert_eq!(request_id("timeout", &answer), "slow-1");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

/// Sends `head` on a raw connection and reads until the server answers or closes;
/// returns what it read and how long that took.
fn raw(address: SocketAddr, head: &str, wait: Duration) -> (String, Duration) {
    assert!(address.ip().is_loopback());
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    let started = Instant::now();
    stream.write_all(head.as_bytes()).unwrap();
    let mut read = Vec::new();
    let mut buffer = [0; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                read.extend_from_slice(&buffer[..n]);
                // One whole answer (head and a JSON body) is enough.
                if read.windows(4).any(|w| w == b"\r\n\r\n") && read.ends_with(b"}}") {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    (
        String::from_utf8_lossy(&read).into_owned(),
        started.elapsed(),
    )
}

/// A declared `Content-Length` far over the limit is refused at once, with or without
/// `Expect: 100-continue`, before any of the body is sent.
///
/// actix-http answers `100 Continue` itself before any service runs (`HttpServer` does
/// not let an app replace its expect handler); the refusal follows at once, and the
/// connection is closed.
pub fn check_declared_length(address: SocketAddr, framework: super::Framework) {
    for expect in ["", "Expect: 100-continue\r\n"] {
        let head = format!(
            "POST /certificates HTTP/1.1\r\nHost: 127.0.0.1\r\nCertifier-Version: 2024-06-01\r\n\
             Content-Type: application/json\r\nContent-Length: 10000000000\r\n{expect}\r\n"
        );
        let (answer, took) = raw(address, &head, Duration::from_secs(5));
        assert!(took < Duration::from_secs(3), "{expect:?}: {took:?}");
        assert!(answer.contains(" 400 "), "{expect:?}: {answer}");
        if framework == super::Framework::Axum {
            assert!(!answer.contains("100 Continue"), "{expect:?}: {answer}");
        }
        assert!(answer.contains(r#"{"error":{"code":"bad_request","message":"The request body is too large.","request_id":""#), "{answer}");
    }
}

/// A client that never finishes its request head is disconnected within `limit`.
pub fn check_slowloris(address: SocketAddr, limit: Duration) {
    let (answer, took) = raw(
        address,
        "GET /certificates HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
        limit + Duration::from_secs(5),
    );
    assert!(
        took < limit + Duration::from_secs(2),
        "cut off after {took:?}: {answer}"
    );
    assert!(took >= limit / 2, "cut off too early, after {took:?}");
}

/// The log of this test binary, for the checks that read it.
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    /// The lines logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Installs (once) a plain-text `tracing` subscriber for the whole test binary, as the
/// examples log, writing to a [`Log`] in memory.
pub fn log() -> Log {
    static LOG: OnceLock<Log> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Log::default();
        let writer = log.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .init();
        log
    })
    .clone()
}

/// The forged log line of the issue, sent as a certificate id: the log line of the
/// answer names the request id and keeps the id on one line, its line break escaped.
pub async fn check_log_injection(address: SocketAddr, log: &Log) {
    let path =
        "/certificates/x%0A2026-01-01T00:00:00Z%20ERROR%20certifier_error:%20forged%0D%0Aline";
    let answer = get(
        address,
        path,
        &[
            ("Certifier-Version", "2024-06-01"),
            ("x-request-id", "forge-1"),
        ],
    )
    .await;
    assert_envelope("forged", &answer, 404, "not_found");
    // The event is written when the answer is built, before it is sent.
    let text = log.text();
    assert!(
        !text
            .lines()
            .any(|line| line.starts_with("2026-01-01T00:00:00Z")),
        "a forged line:\n{text}"
    );
    assert!(!text.contains('\r'), "a raw CR:\n{text:?}");
    let line = text
        .lines()
        .find(|line| line.contains("request_id=forge-1"))
        .unwrap_or_else(|| panic!("no log line names the request id:\n{text}"));
    assert!(
        line.contains(r"x\n2026-01-01T00:00:00Z ERROR certifier_error: forged\r\nline"),
        "{line}"
    );

    // A panic's text reaches the log, escaped, with the request id; not the client.
    let answer = get(
        address,
        "/certificates/cert_example/ocsp",
        &[
            ("Certifier-Version", "2024-06-01"),
            ("x-request-id", "panic-1"),
        ],
    )
    .await;
    assert_envelope("panic", &answer, 500, "internal_server_error");
    assert!(!String::from_utf8_lossy(&answer.body).contains("OCSP"));
    let text = log.text();
    let line = text
        .lines()
        .find(|line| line.contains("request_id=panic-1"))
        .unwrap_or_else(|| panic!("no log line names the panic's request id:\n{text}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(
        line.contains("OCSP responses (asked for cert_example)"),
        "{line}"
    );
}
