//! The error reference: the HTML of `Catalogue::html` and `Catalogue::html_for`, and
//! the pages `axum::catalogue_router` and `actix_web::catalogue_scope` serve, in
//! process, both frameworks answering byte for byte alike.
#![cfg(all(feature = "axum", feature = "actix-web"))]

use std::collections::BTreeSet;

use actix_web::test as actix_test;
use axum::body::Body;
use certifier_error::catalogue::{Catalogue, Entry};
use certifier_error::http;
use certifier_error::{CertifierError, ErrorCatalogue, StandardError};
use http_body_util::BodyExt;
use hyper::service::Service as _;
use hyper_util::service::TowerToHyperService;

/// An error whose texts try every character HTML gives a meaning to.
#[derive(Debug, CertifierError)]
#[certifier(doc_url = "/errors/{code}")]
#[allow(dead_code)]
enum HostileError {
    /// Docs with <script>alert("docs")</script> & 'quotes' in them.
    ///
    /// A second paragraph, with `code`.
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The <b>{plan}</b> plan & \"{kind:?}\" are full."
    )]
    PlanLimit {
        #[certifier(extend, rename = "plan_kind")]
        kind: Option<u8>,
        #[certifier(extend)]
        plan: &'static str,
    },
    #[certifier(code = "not_found", message = "No <i>{0}</i>.")]
    Missing(String),
    /// Another variant answering `not_found`.
    #[certifier(code = "not_found", message = "Gone.")]
    Gone,
    #[certifier(transparent)]
    Standard(StandardError),
}

const CATALOGUE: Catalogue = HostileError::CATALOGUE;

/// Each code once, in catalogue order.
fn codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = Vec::new();
    for entry in CATALOGUE.iter() {
        if !codes.contains(&entry.code()) {
            codes.push(entry.code());
        }
    }
    codes
}

fn every_page() -> Vec<(String, String)> {
    let mut pages = vec![("index".to_owned(), CATALOGUE.html())];
    for code in codes() {
        pages.push((code.to_owned(), CATALOGUE.html_for(code).unwrap()));
    }
    pages
}

#[test]
fn every_text_is_escaped() {
    for (name, page) in every_page() {
        for raw in ["<script", "<b>", "<i>", "\"docs\"", "'quotes'"] {
            assert!(!page.contains(raw), "{name} holds {raw:?} unescaped");
        }
    }
    let index = CATALOGUE.html();
    for escaped in [
        "Docs with &lt;script&gt;alert(&quot;docs&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; in them.",
        "<p>A second paragraph, with <code>code</code>.</p>",
        "The &lt;b&gt;{plan}&lt;/b&gt; plan &amp; &quot;{kind:?}&quot; are full.",
        "No &lt;i&gt;{0}&lt;/i&gt;.",
        "<code>&amp;&#39;static str</code>",
        "<code>Option&lt;u8&gt;</code>",
    ] {
        assert!(index.contains(escaped), "the index lacks {escaped:?}");
    }
    // The example envelope is JSON, then escaped as HTML.
    assert!(index.contains(
        "&quot;message&quot;: &quot;The &lt;b&gt;{plan}&lt;/b&gt; plan &amp; \\&quot;{kind:?}\\&quot; are full.&quot;"
    ));
}

#[test]
fn the_index_has_one_anchor_per_code() {
    let index = CATALOGUE.html();
    let codes = codes();
    assert_eq!(codes.len(), 13, "the standard codes and plan_limit");
    for code in &codes {
        let anchor = format!("id=\"{code}\"");
        assert_eq!(index.matches(&anchor).count(), 1, "{code}");
        assert!(index.contains(&format!("href=\"#{code}\"")), "{code}");
        assert!(
            index.contains(&format!("href=\"/errors/{code}\"")),
            "{code} links to its page"
        );
    }
    assert_eq!(index.matches("<section id=").count(), codes.len());
    // Every entry is shown, under its code.
    for entry in CATALOGUE.iter() {
        assert!(index.contains(entry.variant()), "{}", entry.variant());
    }
    assert!(index.contains("<span class=\"status\">HTTP 404</span>"));
}

#[test]
fn each_code_has_its_own_page() {
    for code in codes() {
        let page = CATALOGUE.html_for(code).unwrap();
        assert_eq!(page.matches("<section id=").count(), 1, "{code}");
        assert!(
            page.contains(&format!("<section id=\"{code}\"><h1>")),
            "{code}"
        );
        assert!(
            page.contains(&format!("<a href=\"/errors#{code}\">")),
            "{code} links back to the index"
        );
        for entry in CATALOGUE.iter() {
            let shown = page.contains(&format!("<h3>{}</h3>", entry.variant()));
            assert_eq!(shown, entry.code() == code, "{code}: {}", entry.variant());
        }
    }
    let not_found = CATALOGUE.html_for("not_found").unwrap();
    assert!(not_found.contains("HostileError::Missing"));
    assert!(not_found.contains("HostileError::Gone"));
    assert!(not_found.contains("StandardError::NotFound"));
    for unknown in ["", "no_such_code", "not_found ", "NOT_FOUND", "<script>"] {
        assert!(CATALOGUE.html_for(unknown).is_none(), "{unknown:?}");
    }
}

#[test]
fn pages_are_self_contained_and_readable_anywhere() {
    for (name, page) in every_page() {
        assert!(page.starts_with("<!DOCTYPE html>"), "{name}");
        assert!(page.ends_with("</html>\n"), "{name}");
        for outside in [
            "<script", "<link", "src=", "url(", "@import", "http://", "https://",
        ] {
            assert!(!page.contains(outside), "{name} holds {outside:?}");
        }
        assert!(page.contains("<meta charset=\"utf-8\">"), "{name}");
        assert!(
            page.contains(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            ),
            "{name}"
        );
        assert!(
            page.contains("@media (prefers-color-scheme:dark)"),
            "{name}"
        );
        assert_eq!(page.matches("<style>").count(), 1, "{name}");
    }
}

#[test]
fn the_example_envelope_has_every_member() {
    let page = CATALOGUE.html_for("plan_limit").unwrap();
    assert!(page.contains("&quot;doc_url&quot;: &quot;/errors/plan_limit&quot;"));
    assert!(page.contains("&quot;plan_kind&quot;: 0,\n    &quot;plan&quot;: &quot;…&quot;\n"));
    assert!(page.contains("<dt>Placeholders</dt><dd><code>plan</code>, <code>kind</code></dd>"));
    // What translators work with: the key and its variables.
    assert!(page.contains(
        "<dt>Message key</dt><dd><code>plan_limit</code> with <code>$plan</code>, <code>$kind</code></dd>"
    ));
    let page = CATALOGUE.html_for("not_found").unwrap();
    assert!(page.contains("<code>not_found-missing</code> with <code>$field0</code>"));
    assert!(page.contains("<dt>Message key</dt><dd><code>not_found-gone</code></dd>"));
}

/// One answer, as far as it must agree between the frameworks.
#[derive(PartialEq, Eq)]
struct Seen {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// The body's start is enough to tell two answers apart in a failure.
impl std::fmt::Debug for Seen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body = String::from_utf8_lossy(&self.body);
        let start: String = body.chars().take(200).collect();
        f.debug_struct("Seen")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &start)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// The headers both frameworks set from the reference; the rest (`date`,
/// `content-length`) are the framework's.
const COMPARED: [&str; 7] = [
    "content-type",
    "x-content-type-options",
    "content-security-policy",
    "referrer-policy",
    "cache-control",
    "vary",
    "allow",
];

fn seen(status: u16, headers: &http::HeaderMap, body: Vec<u8>) -> Seen {
    let headers = COMPARED
        .iter()
        .flat_map(|name| {
            headers
                .get_all(*name)
                .iter()
                .map(move |value| ((*name).to_owned(), value.to_str().unwrap().to_owned()))
        })
        .collect();
    Seen {
        status,
        headers,
        body,
    }
}

async fn from_axum(method: &str, uri: &str, accept: Option<&str>) -> Seen {
    let router = axum::Router::new().nest(
        "/errors",
        certifier_error::axum::catalogue_router::<HostileError>(),
    );
    let service = TowerToHyperService::new(router);
    let mut request = http::Request::builder().method(method).uri(uri);
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let response = service
        .call(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    seen(status, &headers, body.to_vec())
}

async fn from_actix(method: &str, uri: &str, accept: Option<&str>) -> Seen {
    let app = actix_test::init_service(actix_web::App::new().service(
        certifier_error::actix_web::catalogue_scope::<HostileError>("/errors"),
    ))
    .await;
    let mut request = actix_test::TestRequest::default()
        .method(actix_web::http::Method::from_bytes(method.as_bytes()).unwrap())
        .uri(uri);
    if let Some(accept) = accept {
        request = request.insert_header(("accept", accept));
    }
    let response = actix_test::call_service(&app, request.to_request()).await;
    let status = response.status().as_u16();
    let mut headers = http::HeaderMap::new();
    for (name, value) in response.headers() {
        headers.append(
            http::HeaderName::from_bytes(name.as_str().as_bytes()).unwrap(),
            http::HeaderValue::from_bytes(value.as_bytes()).unwrap(),
        );
    }
    let body = actix_test::read_body(response).await;
    seen(status, &headers, body.to_vec())
}

/// What a browser sends.
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// Asks both frameworks; they must agree.
async fn ask(method: &str, uri: &str, accept: Option<&str>) -> Seen {
    let axum = from_axum(method, uri, accept).await;
    let actix = from_actix(method, uri, accept).await;
    assert_eq!(axum, actix, "{method} {uri} with {accept:?}");
    axum
}

fn header<'a>(seen: &'a Seen, name: &str) -> Vec<&'a str> {
    seen.headers
        .iter()
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
        .collect()
}

fn assert_html(seen: &Seen, expected: &str, what: &str) {
    assert_eq!(seen.status, 200, "{what}");
    assert_eq!(
        header(seen, "content-type"),
        ["text/html; charset=utf-8"],
        "{what}"
    );
    assert_eq!(
        header(seen, "x-content-type-options"),
        ["nosniff"],
        "{what}"
    );
    assert_eq!(header(seen, "vary"), ["accept"], "{what}");
    assert!(
        header(seen, "content-security-policy")[0].starts_with("default-src 'none'"),
        "{what}"
    );
    assert_eq!(String::from_utf8_lossy(&seen.body), expected, "{what}");
}

fn assert_json(seen: &Seen, expected: &serde_json::Value, what: &str) {
    assert_eq!(seen.status, 200, "{what}");
    assert_eq!(header(seen, "content-type"), ["application/json"], "{what}");
    assert_eq!(
        header(seen, "x-content-type-options"),
        ["nosniff"],
        "{what}"
    );
    assert_eq!(header(seen, "vary"), ["accept"], "{what}");
    assert!(header(seen, "content-security-policy").is_empty(), "{what}");
    let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
    assert_eq!(&body, expected, "{what}");
}

fn assert_not_found(seen: &Seen, what: &str) {
    assert_eq!(seen.status, 404, "{what}");
    assert_eq!(header(seen, "content-type"), ["application/json"], "{what}");
    let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
    assert_eq!(body["error"]["code"], "not_found", "{what}");
    assert!(body["error"]["message"].is_string(), "{what}");
    assert_eq!(body.as_object().unwrap().len(), 1, "{what}");
}

#[actix_web::test]
async fn both_frameworks_serve_the_index_in_html_by_default() {
    let index = CATALOGUE.html();
    for accept in [None, Some(BROWSER), Some("*/*"), Some("text/html")] {
        let what = format!("/errors with {accept:?}");
        assert_html(&ask("GET", "/errors", accept).await, &index, &what);
    }
}

#[actix_web::test]
async fn both_frameworks_serve_a_page_per_code() {
    for code in codes() {
        let uri = format!("/errors/{code}");
        let page = CATALOGUE.html_for(code).unwrap();
        assert_html(&ask("GET", &uri, Some(BROWSER)).await, &page, &uri);
    }
}

#[actix_web::test]
async fn json_goes_to_the_clients_that_prefer_it() {
    let catalogue = serde_json::to_value(CATALOGUE).unwrap();
    for accept in [
        "application/json",
        "application/json, text/html;q=0.5",
        "text/html;q=0.1, application/*",
    ] {
        assert_json(
            &ask("GET", "/errors", Some(accept)).await,
            &catalogue,
            accept,
        );
    }
    let entries: Vec<Entry> = CATALOGUE
        .iter()
        .filter(|entry| entry.code() == "not_found")
        .collect();
    assert_eq!(entries.len(), 3);
    let expected = serde_json::to_value(&entries).unwrap();
    let seen = ask("GET", "/errors/not_found", Some("application/json")).await;
    assert_json(&seen, &expected, "not_found as JSON");
    // Equal preference, or HTML preferred: HTML.
    let index = CATALOGUE.html();
    for accept in [
        "application/json, text/html",
        "text/html, application/json;q=0.9",
    ] {
        assert_html(&ask("GET", "/errors", Some(accept)).await, &index, accept);
    }
}

#[actix_web::test]
async fn an_unknown_code_is_not_found_in_the_envelope() {
    for uri in [
        "/errors/no_such_code",
        "/errors/NOT_FOUND",
        "/errors/%3Cscript%3E",
        "/errors/%FF",
    ] {
        for accept in [None, Some("application/json"), Some(BROWSER)] {
            assert_not_found(&ask("GET", uri, accept).await, uri);
        }
    }
    // Other paths are the application's: its own unknown-route answer, alike.
    for uri in [
        "/errors/",
        "/errors/plan_limit/",
        "/errors/plan_limit/more",
        "/errors//",
    ] {
        assert_eq!(ask("GET", uri, None).await.status, 404, "{uri}");
    }
}

#[actix_web::test]
async fn other_methods_are_refused_with_allow() {
    for (method, uri) in [("POST", "/errors"), ("DELETE", "/errors/plan_limit")] {
        let seen = ask(method, uri, None).await;
        assert_eq!(header(&seen, "allow"), ["GET, HEAD"], "{method} {uri}");
        assert_eq!(seen.status, 404, "{method} {uri}");
    }
    // The test service of actix-web leaves the body of a `HEAD` answer to the server,
    // which drops it: the heads must agree.
    let axum = from_axum("HEAD", "/errors/plan_limit", None).await;
    let actix = from_actix("HEAD", "/errors/plan_limit", None).await;
    assert_eq!((axum.status, &axum.headers), (actix.status, &actix.headers));
    assert_eq!(axum.status, 200);
    assert!(axum.body.is_empty());
}

#[actix_web::test]
async fn every_doc_url_leads_to_its_code() {
    let mut resolved = BTreeSet::new();
    for entry in CATALOGUE.iter() {
        let url = entry.doc_url().unwrap().to_string();
        let seen = ask("GET", &url, None).await;
        assert_eq!(seen.status, 200, "{url}");
        let body = String::from_utf8(seen.body).unwrap();
        assert!(body.contains(&format!("id=\"{}\"", entry.code())), "{url}");
        resolved.insert(url);
    }
    assert_eq!(resolved.len(), codes().len());
}

#[test]
fn the_standard_catalogue_renders_too() {
    let index = StandardError::CATALOGUE.html();
    assert_eq!(index.matches("<section id=").count(), 12);
    // No `doc_url`: no link to a page of its own.
    assert!(!index.contains("on its own page"));
}
