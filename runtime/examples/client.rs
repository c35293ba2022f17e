//! A client of the example certificate API, written with reqwest and
//! `certifier_error::reqwest::ResponseExt`: every answer is decoded without parsing by
//! hand, errors become the client's own enum by code, and retryable errors are retried,
//! honouring `Retry-After`, within a bounded number of attempts and a bounded total time.
//!
//! ```sh
//! # Serves the axum example in this process, on a free loopback port:
//! cargo run -p certifier-error --example client --features axum,reqwest
//! # Or against a running `axum_server` (or `actix_server`):
//! cargo run -p certifier-error --example axum_server --features axum,tracing &
//! cargo run -p certifier-error --example client --features axum,reqwest -- http://127.0.0.1:3000
//! ```
//!
//! The base URL comes from the argument or `CERTIFIER_URL`; it must name 127.0.0.1.

#[allow(dead_code)]
#[path = "support/axum_app.rs"]
mod axum_app;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use axum_app::api::{self, Certificate, DomainCheck};
use certifier_error::reqwest::ResponseExt as _;
use certifier_error::{ErrorResponse, FromErrorResponse};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// How hard the client tries before giving up on a retryable error.
#[derive(Debug, Clone, Copy)]
struct RetryPolicy {
    /// Requests sent at most, the first included.
    attempts: u32,
    /// Time allowed for all attempts and waits together.
    budget: Duration,
    /// The wait before the second attempt when the server names none; doubled after each
    /// further attempt.
    backoff: Duration,
}

const POLICY: RetryPolicy = RetryPolicy {
    attempts: 3,
    budget: Duration::from_secs(10),
    backoff: Duration::from_millis(250),
};

/// Why a call returned no value.
#[derive(Debug)]
enum Failure {
    /// No answer at all: no status, no headers, no body.
    NoAnswer(reqwest::Error),
    /// An answer that is an error.
    Answer(ErrorResponse),
}

/// The errors this client acts on when it issues a certificate; every other answer is
/// kept whole.
#[derive(Debug)]
enum IssueError {
    PlanLimit {
        plan: String,
        max_validity_days: u32,
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
            _ => return None,
        })
    }

    fn from_unknown(response: ErrorResponse) -> Self {
        IssueError::Other(response)
    }
}

struct Api {
    client: reqwest::Client,
    base: String,
    /// What the client did, line by line.
    log: String,
}

impl Api {
    fn new(base: String) -> Self {
        let client = reqwest::Client::builder()
            // Loopback only: no proxy from the environment.
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("a client without TLS builds");
        Api {
            client,
            base,
            log: String::new(),
        }
    }

    fn say(&mut self, line: impl std::fmt::Display) {
        println!("{line}");
        writeln!(self.log, "{line}").unwrap();
    }

    /// Sends the request once and decodes the answer.
    async fn send<T: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> Result<T, Failure> {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("Certifier-Version", api::VERSION);
        if let Some(body) = body {
            request = request
                .header("Content-Type", "application/json")
                .body(body.to_string());
        }
        let response = request.send().await.map_err(Failure::NoAnswer)?;
        response.certifier_json().await.map_err(Failure::Answer)
    }

    /// Sends the request, and again while the answer is retryable, waiting what the
    /// server asks (`Retry-After`) or a doubling backoff, within the policy's attempts
    /// and total time. Only for requests that are safe to repeat.
    async fn send_with_retries<T: DeserializeOwned>(
        &mut self,
        method: reqwest::Method,
        path: &str,
    ) -> Result<T, Failure> {
        let started = Instant::now();
        let mut backoff = POLICY.backoff;
        let mut attempt = 1;
        loop {
            let error = match self.send(method.clone(), path, None).await {
                Err(Failure::Answer(error)) if error.is_retryable() => error,
                other => return other,
            };
            let (wait, reason) = match error.retry_after() {
                Some(wait) => (wait, "as the server asks"),
                None => (backoff, "backing off"),
            };
            let line = format!("  attempt {attempt}: {} {}", error.status, *error.code());
            if attempt == POLICY.attempts {
                self.say(format_args!("{line}; giving up after {attempt} attempts"));
                return Err(Failure::Answer(error));
            }
            if started.elapsed() + wait > POLICY.budget {
                self.say(format_args!(
                    "{line}; the server asks to wait {} s, beyond the {} s budget: giving up",
                    wait.as_secs(),
                    POLICY.budget.as_secs()
                ));
                return Err(Failure::Answer(error));
            }
            self.say(format_args!("{line}; waiting {wait:?} {reason}"));
            tokio::time::sleep(wait).await;
            backoff *= 2;
            attempt += 1;
        }
    }

    fn report(&mut self, failure: &Failure) {
        match failure {
            Failure::NoAnswer(error) => self.say(format_args!("  no answer: {error}")),
            Failure::Answer(error) => {
                self.say(format_args!(
                    "  {} {}: {}",
                    error.status,
                    *error.code(),
                    error.error.message
                ));
                if let Some(id) = error.request_id() {
                    self.say(format_args!("  request id for support: {id}"));
                }
                if let Some(excerpt) = &error.excerpt {
                    self.say(format_args!(
                        "  not an envelope; the body began {excerpt:?}"
                    ));
                }
            }
        }
    }
}

/// Every request of the example, in order; returns what it printed.
async fn run(base: String) -> String {
    let mut api = Api::new(base);

    api.say("GET /certificates");
    match api
        .send::<Vec<Certificate>>(reqwest::Method::GET, "/certificates", None)
        .await
    {
        Ok(certificates) => {
            for certificate in certificates {
                api.say(format_args!(
                    "  {} for {}, valid {} days",
                    certificate.id, certificate.domain, certificate.validity_days
                ));
            }
        }
        Err(failure) => api.report(&failure),
    }

    api.say("POST /certificates for a year");
    let year = serde_json::json!({"domain": "example.net", "validity_days": 365});
    let issued = api
        .send::<Certificate>(reqwest::Method::POST, "/certificates", Some(year))
        .await;
    // Branch on the code, through the client's own enum; never on the status or message.
    match issued.map_err(|failure| match failure {
        Failure::Answer(error) => Ok(error.into_typed::<IssueError>()),
        Failure::NoAnswer(error) => Err(error),
    }) {
        Ok(certificate) => api.say(format_args!("  issued {}", certificate.id)),
        Err(Ok(IssueError::PlanLimit {
            plan,
            max_validity_days,
        })) => {
            api.say(format_args!(
                "  the {plan} plan allows {max_validity_days} days; asking for that instead"
            ));
            let shorter =
                serde_json::json!({"domain": "example.net", "validity_days": max_validity_days});
            match api
                .send::<Certificate>(reqwest::Method::POST, "/certificates", Some(shorter))
                .await
            {
                Ok(certificate) => api.say(format_args!(
                    "  issued {}, valid {} days",
                    certificate.id, certificate.validity_days
                )),
                Err(failure) => api.report(&failure),
            }
        }
        Err(Ok(IssueError::Other(error))) => api.report(&Failure::Answer(error)),
        Err(Err(error)) => api.report(&Failure::NoAnswer(error)),
    }

    // Checked twice in a row: the second is throttled for a second, and retried.
    for round in ["first", "second"] {
        api.say(format_args!(
            "POST /certificates/cert_example/check, {round} time"
        ));
        match api
            .send_with_retries::<DomainCheck>(
                reqwest::Method::POST,
                "/certificates/cert_example/check",
            )
            .await
        {
            Ok(check) => api.say(format_args!(
                "  {} reachable: {}",
                check.domain, check.reachable
            )),
            Err(failure) => api.report(&failure),
        }
    }

    for (method, path) in [
        // Asks for an hour: beyond the budget, so not waited for.
        (reqwest::Method::POST, "/certificates/cert_example/renew"),
        // 503 without `Retry-After`: retried with a backoff, then given up.
        (reqwest::Method::GET, "/certificates/cert_example/chain"),
        // Not retryable: answered once.
        (reqwest::Method::GET, "/nowhere"),
    ] {
        api.say(format_args!("{method} {path}"));
        match api
            .send_with_retries::<serde_json::Value>(method, path)
            .await
        {
            Ok(value) => api.say(format_args!("  {value}")),
            Err(failure) => api.report(&failure),
        }
    }
    api.log
}

/// The base URL to use, or `None` to serve the example in this process.
fn base_url() -> Option<String> {
    let base = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("CERTIFIER_URL").ok())?;
    let base = base.trim_end_matches('/').to_owned();
    let loopback = ["http://127.0.0.1:", "http://127.0.0.1/"]
        .iter()
        .any(|prefix| format!("{base}/").starts_with(prefix));
    if !loopback {
        eprintln!("the example talks to 127.0.0.1 only, such as http://127.0.0.1:3000; got {base}");
        std::process::exit(2);
    }
    Some(base)
}

/// Serves the axum example on a free loopback port; returns its base URL.
async fn serve_example() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let address = listener.local_addr().expect("a bound address");
    let router = axum_app::router(&axum_app::api::Limits::default());
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}")
}

#[tokio::main]
async fn main() {
    let base = match base_url() {
        Some(base) => base,
        None => {
            let base = serve_example().await;
            println!("(the axum example serves on {base} for this run)");
            base
        }
    };
    run(base).await;
}

#[cfg(test)]
mod tests {
    /// Every request against the axum example, and what it printed, line by line.
    #[tokio::test]
    async fn the_client_retries_as_the_server_asks() {
        let base = super::serve_example().await;
        let started = std::time::Instant::now();
        let log = super::run(base).await;
        // The server's layer gives every answer a fresh request id: each is a UUID.
        let log: String = log
            .lines()
            .map(
                |line| match line.strip_prefix("  request id for support: ") {
                    Some(id) => {
                        assert_eq!(id.len(), 36, "{id}");
                        "  request id for support: <id>\n".to_owned()
                    }
                    None => format!("{line}\n"),
                },
            )
            .collect();
        let expected = "\
GET /certificates
  cert_example for example.com, valid 90 days
POST /certificates for a year
  the free plan allows 90 days; asking for that instead
  issued cert_3, valid 90 days
POST /certificates/cert_example/check, first time
  example.com reachable: true
POST /certificates/cert_example/check, second time
  attempt 1: 429 rate_limited; waiting 1s as the server asks
  example.com reachable: true
POST /certificates/cert_example/renew
  attempt 1: 429 rate_limited; the server asks to wait 3600 s, beyond the 10 s budget: giving up
  429 rate_limited: Renewals are limited; retry in 3600 s.
  request id for support: <id>
GET /certificates/cert_example/chain
  attempt 1: 503 internal_server_error; waiting 250ms backing off
  attempt 2: 503 internal_server_error; waiting 500ms backing off
  attempt 3: 503 internal_server_error; giving up after 3 attempts
  503 internal_server_error: Something went wrong on our side; please try again later.
  request id for support: <id>
GET /nowhere
  404 not_found: The requested resource does not exist.
  request id for support: <id>
";
        assert_eq!(log, expected);
        // The waits were honoured: 1 s, then 250 ms and 500 ms.
        assert!(started.elapsed() >= std::time::Duration::from_millis(1750));
    }
}
