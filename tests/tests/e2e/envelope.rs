//! The end-to-end checks of the envelope layers both frameworks must pass: every error
//! the stack can produce in the envelope, request ids, timeouts, limits and slow
//! clients, over real TCP on 127.0.0.1.

use std::io::{ErrorKind, Read, Write};
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

/// What the bare-status apps answer at `/echo/{text}`: a message that quotes the path
/// segment, so that the client's text reaches the log.
#[derive(Debug, certifier_error::CertifierError)]
#[certifier(code = "not_found", message = "No certificate has the id `{0}`.")]
pub struct Echo(pub String);

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

/// Reads one whole answer from `stream`: its head, then as many bytes as its
/// `content-length` says.
fn read_answer(stream: &mut TcpStream) -> String {
    let mut read = Vec::new();
    let mut buffer = [0; 4096];
    loop {
        if let Some(end) = read.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&read[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .map_or(0, |length| length.trim().parse().unwrap());
            if read.len() >= end + 4 + length {
                return String::from_utf8_lossy(&read).into_owned();
            }
        }
        let n = stream.read(&mut buffer).expect("the first answer");
        assert!(n > 0, "closed before the first answer was whole");
        read.extend_from_slice(&buffer[..n]);
    }
}

/// After one whole request on a connection, a client that sends its next request head
/// one byte at a time is disconnected within `limit` (plus a margin): the head timeout
/// holds for every request of a connection, not only its first. The client gives up
/// after `limit` and 3 s, having sent at most a few dozen bytes.
pub fn check_slow_second_request(address: SocketAddr, limit: Duration) {
    assert!(address.ip().is_loopback());
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let first = read_answer(&mut stream);
    assert!(first.starts_with("HTTP/1.1 404"), "{first}");
    // Each read waits this long: the pace of the bytes sent.
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let head = b"GET /certificates HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    let bytes = head.iter().chain(std::iter::repeat(&b'a'));
    let started = Instant::now();
    let give_up = limit + Duration::from_secs(3);
    let mut buffer = [0; 1024];
    for byte in bytes {
        assert!(
            started.elapsed() < give_up,
            "the second request head was still being read after {:?}",
            started.elapsed()
        );
        if stream.write_all(&[*byte]).is_err() {
            break;
        }
        match stream.read(&mut buffer) {
            // Closed.
            Ok(0) => break,
            // An answer (a `408`, say): the close follows.
            Ok(_) => {}
            // Still open, waiting for the rest of the head.
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            // Reset.
            Err(_) => break,
        }
    }
    let took = started.elapsed();
    assert!(
        took < limit + Duration::from_secs(2),
        "closed after {took:?}"
    );
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

/// Every byte of `text` but letters and digits percent-encoded: a path segment.
fn segment(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => char::from(byte).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// The log line of the request whose id is `id`, read back as key=value pairs.
fn logged_line(log: &Log, id: &str) -> (String, Vec<(String, String)>) {
    let text = log.text();
    let quoted = format!("request_id=\"{id}\"");
    let line = text
        .lines()
        .find(|line| line.contains(&quoted))
        .unwrap_or_else(|| panic!("no log line names {quoted}:\n{text}"));
    (line.to_owned(), super::logfmt::pairs(line))
}

/// The hostile texts of `logfmt::HOSTILE`, each sent as the path segment that
/// `/echo/{text}` quotes in its message (the forged fields of the issue among them):
/// each answer's log line reads back, with a key=value reader, as one `status`, one
/// `request_id` (the request's), the code as `code` and `error.type`, and the message
/// exactly; no line holds a raw control, separator or bidirectional character; and no
/// two texts log alike.
pub async fn check_log_fields(address: SocketAddr, log: &Log) {
    let mut messages = Vec::new();
    for (at, text) in super::logfmt::HOSTILE.iter().enumerate() {
        let id = format!("hostile-{at}");
        let path = format!("/echo/{}", segment(text));
        let answer = get(address, &path, &[("x-request-id", &id)]).await;
        assert_envelope(text, &answer, 404, "not_found");
        // The event is written when the answer is built, before it is sent.
        let (line, read) = logged_line(log, &id);
        let values = |key: &str| super::logfmt::values(&read, key);
        assert_eq!(values("status"), ["404"], "{line}");
        assert_eq!(values("request_id"), [id.as_str()], "{line}");
        assert_eq!(values("code"), ["not_found"], "{line}");
        assert_eq!(values("error.type"), ["not_found"], "{line}");
        let message = format!("No certificate has the id `{text}`.");
        assert_eq!(values("public_message"), [message.as_str()], "{line}");
        let raw = |c: char| {
            c.is_control()
                || matches!(c, '\u{2028}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        };
        assert!(!line.contains(raw), "{line:?}");
        let from = line.find("public_message=").unwrap();
        let to = line.find(" request_id=").unwrap();
        messages.push(line[from..to].to_owned());
    }
    let mut distinct = messages.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), messages.len(), "{messages:#?}");
}

/// The example API at `address` checks a certificate id before any message quotes it: a
/// 10,000-character id answers a short `validation_error`, and its log line stays short.
pub async fn check_bounded_ids(address: SocketAddr, log: &Log) {
    let long = "a".repeat(10_000);
    let answer = get(
        address,
        &format!("/certificates/{long}"),
        &[
            ("Certifier-Version", "2024-06-01"),
            ("x-request-id", "long-id-1"),
        ],
    )
    .await;
    assert_envelope("a long id", &answer, 400, "validation_error");
    assert_eq!(
        without_request_id("a long id", &answer),
        r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","doc_url":"/errors/validation_error","errors":[{"code":"invalid_format","message":"Must be at most 64 letters, digits, `_` or `-`.","parameter":"id"}]}}"#
    );
    let (line, _) = logged_line(log, "long-id-1");
    assert!(line.len() < 500, "{} bytes: {line}", line.len());
}

/// The example API at `address`: a panic's text reaches the log, escaped, with the
/// request id; not the client.
pub async fn check_log_injection(address: SocketAddr, log: &Log) {
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
    let (line, read) = logged_line(log, "panic-1");
    assert!(line.contains("ERROR"), "{line}");
    let sources = super::logfmt::values(&read, "sources");
    assert_eq!(sources.len(), 1, "{line}");
    assert!(
        sources[0].contains("OCSP responses (asked for cert_example)"),
        "{line}"
    );
    assert_eq!(
        super::logfmt::values(&read, "error.type"),
        ["internal_server_error"]
    );
}
