//! RFC 9457 problem details, end to end: the same requests with and without
//! `Accept: application/problem+json`, and the two answers compared member by member.

use std::net::SocketAddr;

use certifier_error::ErrorResponse;
use http_body_util::Full;
use hyper::body::Bytes;
use serde_json::{Map, Value};

use super::envelope::{get, BARE};
use super::{exchange, Answer, Case, CASES};

pub const PROBLEM: (&str, &str) = ("accept", "application/problem+json");

/// Sends `case` with `extra` headers besides its own.
pub async fn send_with(address: SocketAddr, case: &Case, extra: &[(&str, &str)]) -> Answer {
    let mut request = hyper::Request::builder()
        .method(case.method)
        .uri(format!("http://{address}{}", case.path));
    for (name, value) in case.headers.iter().chain(extra) {
        request = request.header(*name, *value);
    }
    let body = Full::new(Bytes::from(case.body.unwrap_or_default()));
    exchange(case.name, request.body(body).unwrap()).await
}

fn object(what: &str, body: &[u8]) -> Map<String, Value> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => object,
        _ => panic!(
            "{what}: not a JSON object: {}",
            String::from_utf8_lossy(body)
        ),
    }
}

/// Whether `answer` says its content depends on the request header `name` (`Vary`).
pub fn varies_on(answer: &Answer, name: &str) -> bool {
    answer.headers.get_all("vary").iter().any(|value| {
        value
            .to_str()
            .unwrap()
            .split(',')
            .any(|listed| listed.trim().eq_ignore_ascii_case(name))
    })
}

fn varies_on_accept(answer: &Answer) -> bool {
    varies_on(answer, "accept")
}

/// Checks that `problem` is the RFC 9457 form of the envelope answer `envelope`: the
/// same status and headers but the content type, `type`, `title`, `status`, `detail`
/// and `code` first, then every member of the error object at the top level (those
/// named as RFC 9457's in `extensions`), `request_id` last.
pub fn assert_problem_of(what: &str, envelope: &Answer, problem: &Answer) {
    let text = String::from_utf8_lossy(&problem.body).into_owned();
    assert_eq!(problem.status, envelope.status, "{what}: {text}");
    assert_eq!(
        problem.headers["content-type"], "application/problem+json",
        "{what}"
    );
    assert_eq!(
        envelope.headers["content-type"], "application/json",
        "{what}"
    );
    assert!(varies_on_accept(problem), "{what}: no Vary: Accept");
    assert!(varies_on_accept(envelope), "{what}: no Vary: Accept");
    for name in ["retry-after", "www-authenticate", "allow", "x-request-id"] {
        assert_eq!(
            problem.headers.get(name),
            envelope.headers.get(name),
            "{what}: {name}"
        );
    }

    let mut error = match object(what, &envelope.body).remove("error") {
        Some(Value::Object(error)) => error,
        _ => panic!("{what}: no error object"),
    };
    let body = object(what, &problem.body);
    let names: Vec<&str> = body.keys().map(String::as_str).collect();
    let reason = hyper::StatusCode::from_u16(problem.status)
        .unwrap()
        .canonical_reason()
        .unwrap();
    let kind = error
        .remove("doc_url")
        .unwrap_or_else(|| "about:blank".into());
    assert_eq!(body["type"], kind, "{what}");
    assert_eq!(body["title"], reason, "{what}");
    assert_eq!(body["status"], problem.status, "{what}");
    assert_eq!(body["detail"], error["message"], "{what}");
    assert_eq!(body["code"], error["code"], "{what}");
    let order: Vec<&str> = text_order(&text);
    assert_eq!(
        &order[..5],
        ["type", "title", "status", "detail", "code"],
        "{what}"
    );
    error.remove("message");
    error.remove("code");
    let request_id = error.remove("request_id");
    assert_eq!(body.get("request_id"), request_id.as_ref(), "{what}");
    if request_id.is_some() {
        assert_eq!(order.last(), Some(&"request_id"), "{what}: {text}");
    }
    let reserved = [
        "type",
        "title",
        "status",
        "detail",
        "instance",
        "extensions",
    ];
    let mut top_level = 5 + usize::from(request_id.is_some());
    for (name, value) in &error {
        let found = match reserved.contains(&name.as_str()) {
            true => &body["extensions"][name],
            false => {
                top_level += 1;
                &body[name]
            }
        };
        assert_eq!(found, value, "{what}: member {name}");
    }
    if error.keys().any(|name| reserved.contains(&name.as_str())) {
        top_level += 1;
    }
    assert_eq!(names.len(), top_level, "{what}: {text}");

    // A client reads both alike.
    assert_eq!(
        ErrorResponse::decode(problem.status, &problem.body),
        ErrorResponse::decode(envelope.status, &envelope.body),
        "{what}"
    );
}

/// The member names of a JSON object's top level, in the order written.
fn text_order(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut depth = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = None;
    let bytes = text.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
                if let Some(from) = start.take() {
                    let rest = text[at + 1..].trim_start();
                    if rest.starts_with(':') && depth == 1 {
                        names.push(&text[from..at]);
                    }
                }
            }
            continue;
        }
        match byte {
            b'"' => {
                in_string = true;
                start = Some(at + 1);
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth -= 1,
            _ => {}
        }
    }
    names
}

/// Every error case of the example API at `address`, asked for once as an envelope and
/// once as a problem, with one request id.
pub async fn check_problems(address: SocketAddr) {
    let mut checked = 0;
    for (at, case) in CASES.iter().enumerate() {
        let id = format!("problem-{at}");
        let with_id = ("x-request-id", id.as_str());
        if case.code.is_none() {
            // Success is untouched.
            let answer = send_with(address, case, &[PROBLEM, with_id]).await;
            assert_eq!(answer.status, case.status, "{}", case.name);
            assert_eq!(
                answer.headers["content-type"], "application/json",
                "{}",
                case.name
            );
            assert!(!varies_on_accept(&answer), "{}", case.name);
            continue;
        }
        let envelope = send_with(address, case, &[with_id]).await;
        let problem = send_with(address, case, &[PROBLEM, with_id]).await;
        assert_eq!(envelope.status, case.status, "{}", case.name);
        assert_problem_of(case.name, &envelope, &problem);
        assert_eq!(
            problem.headers["x-request-id"],
            id.as_str(),
            "{}",
            case.name
        );
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
}

/// The negotiation: which `Accept` headers get a problem, on a `404` of `address`.
pub async fn check_negotiation(address: SocketAddr) {
    let cases: &[(&[&str], bool)] = &[
        (&[], false),
        (&["*/*"], false),
        (&["application/json"], false),
        (&["application/json, application/problem+json"], false),
        (&["application/problem+json;q=0.9, application/json"], false),
        (&["application/problem+json;q=0"], false),
        (&["text/html"], false),
        (&["\"\"\",;;=q=,*/"], false),
        (&["application/problem+json"], true),
        (&["application/json;q=0.5, application/problem+json"], true),
        (
            &["application/problem+json; charset=utf-8, */*;q=0.1"],
            true,
        ),
        (&["application/json;q=0", "*/*"], true),
        (&["text/html", "application/problem+json"], true),
    ];
    for (accept, problem) in cases {
        let headers: Vec<(&str, &str)> = accept.iter().map(|value| ("accept", *value)).collect();
        let answer = get(address, "/nowhere", &headers).await;
        let what = format!("Accept: {accept:?}");
        assert_eq!(answer.status, 404, "{what}");
        let expected = match problem {
            true => "application/problem+json",
            false => "application/json",
        };
        assert_eq!(answer.headers["content-type"], expected, "{what}");
        assert!(varies_on_accept(&answer), "{what}");
        let error = ErrorResponse::decode(404, &answer.body);
        assert!(error.is_envelope(), "{what}");
        assert_eq!(error.code().as_str(), "not_found", "{what}");
    }
    // A huge header costs one pass and answers as usual.
    let huge = "application/json;q=0.1, ".repeat(300) + "application/problem+json";
    let answer = get(address, "/nowhere", &[("accept", huge.as_str())]).await;
    assert_eq!(answer.headers["content-type"], "application/problem+json");
}

/// Every bare status of the bare-status app at `address` as a problem: the status and
/// code of the table, the handler's headers kept, its body not sent.
pub async fn check_bare_problems(address: SocketAddr) {
    for bare in BARE {
        let path = format!("/status/{}", bare.received);
        let id = format!("bare-{}", bare.received);
        let with_id = ("x-request-id", id.as_str());
        let envelope = get(address, &path, &[with_id]).await;
        let problem = get(address, &path, &[PROBLEM, with_id]).await;
        assert_problem_of(&path, &envelope, &problem);
        assert_eq!(problem.status, bare.status, "{path}");
        assert_eq!(object(&path, &problem.body)["code"], bare.code, "{path}");
        assert_eq!(problem.headers["x-kept"], "yes", "{path}");
        assert!(!String::from_utf8_lossy(&problem.body).contains("plain text"));
        let length = problem.headers.get("content-length");
        assert!(length.map_or(true, |length| length.to_str().unwrap()
            == problem.body.len().to_string()));
    }
}

/// A handler slower than the request timeout, as a problem, on the example API at
/// `address` served with a short timeout.
pub async fn check_timeout_problem(address: SocketAddr) {
    let answer = get(
        address,
        "/certificates/export",
        &[("Certifier-Version", "2024-06-01"), PROBLEM],
    )
    .await;
    assert_eq!(answer.status, 503);
    assert_eq!(answer.headers["content-type"], "application/problem+json");
    let body = object("timeout", &answer.body);
    assert_eq!(body["code"], "internal_server_error");
    assert_eq!(body["title"], "Service Unavailable");
    assert_eq!(
        body["detail"],
        "The server did not answer in time; please try again."
    );
}

/// A body over the example's limit, as a problem.
pub async fn check_body_limit_problem(address: SocketAddr) {
    let big = format!(r#"{{"domain": "{}"}}"#, "a".repeat(3 << 20));
    let request = hyper::Request::post(format!("http://{address}/certificates"))
        .header("Certifier-Version", "2024-06-01")
        .header("Content-Type", "application/json")
        .header(PROBLEM.0, PROBLEM.1)
        .body(Full::new(Bytes::from(big)))
        .unwrap();
    let answer = exchange("body too large", request).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.headers["content-type"], "application/problem+json");
    let body = object("body too large", &answer.body);
    assert_eq!(body["code"], "bad_request");
    assert_eq!(body["detail"], "The request body is too large.");
}

/// An error whose members are named `status` and `detail`, at `/apps/pending` of
/// `address`: as a problem, they move into `extensions`, and the problem's own stay.
pub async fn check_reserved_members(address: SocketAddr) {
    let with_id = ("x-request-id", "pending-1");
    let envelope = get(address, "/apps/pending", &[with_id]).await;
    let problem = get(address, "/apps/pending", &[PROBLEM, with_id]).await;
    assert_problem_of("pending", &envelope, &problem);
    assert_eq!(
        std::str::from_utf8(&problem.body).unwrap(),
        r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"The order is pending.","code":"conflict","order":"o_1","extensions":{"status":"pending","detail":7},"request_id":"pending-1"}"#
    );
    let read = ErrorResponse::decode(409, &problem.body);
    assert_eq!(read.error.extensions["status"], "pending");
    assert_eq!(read.error.extensions["detail"], 7);
    assert_eq!(read.message(), "The order is pending.");
}
