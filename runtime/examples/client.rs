//! A client of the `axum_server` example: sends a few requests and decodes every
//! answer with `certifier_error::decode_response`, which never fails: a body that is
//! not an error envelope (a proxy's HTML page, an empty body) still becomes an error
//! whose code follows the status.
//!
//! ```sh
//! cargo run -p certifier-error --example axum_server --features axum,tracing &
//! cargo run -p certifier-error --example client [BASE_URL]
//! ```
//!
//! The base URL comes from the argument or `CERTIFIER_URL` (default
//! `http://127.0.0.1:3000`).

use certifier_error::{decode_response, ErrorResponse};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Certificate {
    id: String,
    domain: String,
    validity_days: u32,
}

/// The members the issue endpoint documents for its `plan_limit` error.
#[derive(Debug, Deserialize)]
struct PlanLimit {
    plan: String,
    max_validity_days: u32,
}

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

/// Sends one request and returns the status and the whole body.
async fn send(
    client: &HttpClient,
    method: &str,
    url: &str,
    body: Option<&str>,
) -> Result<(u16, Bytes), Box<dyn std::error::Error>> {
    let mut request = Request::builder()
        .method(method)
        .uri(url)
        .header("Certifier-Version", "2024-06-01");
    if body.is_some() {
        request = request.header("Content-Type", "application/json");
    }
    let request = request.body(Full::new(Bytes::from(body.unwrap_or_default().to_owned())))?;
    let response = client.request(request).await?;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await?.to_bytes();
    Ok((status, body))
}

fn report(error: &ErrorResponse) {
    println!(
        "  status {}, code `{}`: {}",
        error.status, error.error.code, error.error.message
    );
    if !error.error.extensions.is_empty() {
        println!(
            "  members: {}",
            serde_json::Value::Object(error.error.extensions.clone())
        );
    }
    if let Some(excerpt) = &error.excerpt {
        println!("  not an envelope; the body began: {excerpt:?}");
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("CERTIFIER_URL").ok())
        .unwrap_or_else(|| "http://127.0.0.1:3000".to_owned());
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();

    println!("GET /certificates");
    let (status, body) = send(&client, "GET", &format!("{base}/certificates"), None).await?;
    match decode_response::<Vec<Certificate>>(status, &body) {
        Ok(certificates) => {
            for certificate in certificates {
                println!(
                    "  {} for {}, valid {} days",
                    certificate.id, certificate.domain, certificate.validity_days
                );
            }
        }
        Err(error) => report(&error),
    }

    println!("POST /certificates for a year");
    let year = r#"{"domain": "example.net", "validity_days": 365}"#;
    let (status, body) = send(&client, "POST", &format!("{base}/certificates"), Some(year)).await?;
    match decode_response::<Certificate>(status, &body) {
        Ok(certificate) => println!("  issued {}", certificate.id),
        // Branch on the code, never on the status or the message.
        Err(error) if error.error.code.as_str() == "plan_limit" => {
            let limit: PlanLimit = error.extensions_as()?;
            println!(
                "  the {} plan allows {} days; asking for that instead",
                limit.plan, limit.max_validity_days
            );
            let shorter = format!(
                r#"{{"domain": "example.net", "validity_days": {}}}"#,
                limit.max_validity_days
            );
            let (status, body) = send(
                &client,
                "POST",
                &format!("{base}/certificates"),
                Some(&shorter),
            )
            .await?;
            match decode_response::<Certificate>(status, &body) {
                Ok(certificate) => println!("  issued {}", certificate.id),
                Err(error) => report(&error),
            }
        }
        Err(error) => report(&error),
    }

    for (method, path, body) in [
        ("GET", "/certificates?limit=ten", None),
        ("GET", "/certificates/%FF", None),
        ("POST", "/certificates", Some(r#"{"domain": "#)),
        (
            "POST",
            "/certificates",
            Some(r#"{"domain": "example.com"}"#),
        ),
        ("POST", "/certificates/cert_example/renew", None),
        ("GET", "/certificates/cert_example/chain", None),
        ("GET", "/nowhere", None),
    ] {
        println!("{method} {path}");
        let (status, bytes) = send(&client, method, &format!("{base}{path}"), body).await?;
        match decode_response::<serde_json::Value>(status, &bytes) {
            Ok(value) => println!("  {value}"),
            Err(error) => report(&error),
        }
    }

    println!("what a proxy in front of the API might answer instead");
    let page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    match decode_response::<Certificate>(502, page) {
        Ok(certificate) => println!("  {certificate:?}"),
        Err(error) => report(&error),
    }
    Ok(())
}
