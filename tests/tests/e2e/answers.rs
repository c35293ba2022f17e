//! What real applications write, served by both frameworks: fixed headers on a variant,
//! and two 500s told apart by the variant in the log.

use std::net::SocketAddr;

use certifier_error::CertifierError;

use super::envelope::{assert_envelope, get, Log};

/// A database failure, as a driver's error type would be.
#[derive(Debug)]
pub struct DbError;

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection pool timed out")
    }
}

impl std::error::Error for DbError {}

#[derive(Debug, CertifierError)]
pub enum AppError {
    #[certifier(code = "internal_server_error")]
    Database(#[from] DbError),
    /// The catch-all `?` reaches from any other error.
    #[certifier(code = "internal_server_error")]
    Other(#[from] Box<dyn std::error::Error + Send + Sync>),
    #[certifier(code = "unauthorized", header("Cache-Control", "no-store"))]
    BadToken,
    #[certifier(code = "not_found", header("Deprecation", "@1735689600"))]
    #[certifier(header("Sunset", "Wed, 01 Jan 2031 00:00:00 GMT"))]
    Retired,
    /// Another error answered as it is, with a member of the application's own.
    #[certifier(transparent)]
    Refused {
        inner: certifier_error::StandardError,
        #[certifier(extend)]
        route: &'static str,
    },
    /// Members named as RFC 9457's own, which a problem must not let overwrite its own.
    #[certifier(code = "conflict", message = "The order is {status}.")]
    Pending {
        #[certifier(extend)]
        status: &'static str,
        #[certifier(extend)]
        detail: u32,
        #[certifier(extend)]
        order: &'static str,
    },
}

/// The error each case of `/apps/{case}` answers with.
pub fn app(case: &str) -> Result<&'static str, AppError> {
    match case {
        "database" => Err(DbError.into()),
        "other" => Err(AppError::from(
            Box::<dyn std::error::Error + Send + Sync>::from("disk quota exceeded"),
        )),
        "token" => Err(AppError::BadToken),
        "retired" => Err(AppError::Retired),
        "refused" => Err(AppError::Refused {
            inner: certifier_error::StandardError::Forbidden,
            route: "/apps/{case}",
        }),
        "pending" => Err(AppError::Pending {
            status: "pending",
            detail: 7,
            order: "o_1",
        }),
        _ => Ok("fine"),
    }
}

/// An application error with a catch-all variant: `?` reaches it from any error.
#[derive(Debug, CertifierError)]
pub enum Caught {
    #[certifier(code = "not_found", message = "Nothing is named `{0}`.")]
    Missing(String),
    #[certifier(code = "internal_server_error", catch_all)]
    Other(anyhow::Error),
}

/// The error each case of `/caught/{case}` answers with, reached through `?`.
pub fn caught(case: &str) -> Result<&'static str, Caught> {
    match case {
        "parse" => {
            case.parse::<u32>()?;
        }
        "io" => {
            std::fs::read("/nonexistent/certifier-caught")?;
        }
        "db" => Err(DbError)?,
        "missing" => return Err(Caught::Missing(case.into())),
        _ => {}
    }
    Ok("fine")
}

/// Every error `?` meets becomes the catch-all's 500, whose cause the log keeps and the
/// answer leaves out; the other variants answer as usual.
pub async fn check_catch_all(address: SocketAddr, log: &Log, framework: &str) {
    for (case, cause) in [
        ("parse", "invalid digit found in string"),
        ("io", "No such file or directory"),
        ("db", "connection pool timed out"),
    ] {
        let id = format!("{framework}-caught-{case}");
        let answer = get(
            address,
            &format!("/caught/{case}"),
            &[("x-request-id", &id)],
        )
        .await;
        assert_envelope(case, &answer, 500, "internal_server_error");
        let body = String::from_utf8_lossy(&answer.body);
        assert!(!body.contains(cause), "{body}");
        let text = log.text();
        let line = text
            .lines()
            .find(|line| line.contains(&format!("request_id=\"{id}\"")))
            .unwrap_or_else(|| panic!("no log line names the request id {id}:\n{text}"));
        assert!(line.contains(" variant=\"Other\" "), "{line}");
        assert!(line.contains(cause), "{line}");
    }
    let answer = get(address, "/caught/missing", &[]).await;
    assert_envelope("missing", &answer, 404, "not_found");
}

/// The fixed headers of a variant reach the client, beside the envelope.
pub async fn check_fixed_headers(address: SocketAddr) {
    let answer = get(address, "/apps/token", &[]).await;
    assert_envelope("token", &answer, 401, "unauthorized");
    assert_eq!(answer.headers["cache-control"], "no-store");
    let answer = get(address, "/apps/retired", &[]).await;
    assert_envelope("retired", &answer, 404, "not_found");
    assert_eq!(answer.headers["deprecation"], "@1735689600");
    assert_eq!(answer.headers["sunset"], "Wed, 01 Jan 2031 00:00:00 GMT");
}

/// A transparent variant with a member of its own answers as its inner error, with the
/// member after the inner error's.
pub async fn check_transparent_members(address: SocketAddr) {
    let answer = get(address, "/apps/refused", &[("x-request-id", "refused-1")]).await;
    assert_envelope("refused", &answer, 403, "forbidden");
    assert_eq!(
        super::without_request_id("refused", &answer),
        r#"{"error":{"code":"forbidden","message":"You do not have access to this resource.","route":"/apps/{case}"}}"#
    );
}

/// Two variants answer `internal_server_error`; the log line of each request names its
/// variant. `framework` keeps the two test binaries' request ids apart.
pub async fn check_variant_logged(address: SocketAddr, log: &Log, framework: &str) {
    for (case, variant) in [("database", "Database"), ("other", "Other")] {
        let id = format!("{framework}-{case}");
        let answer = get(address, &format!("/apps/{case}"), &[("x-request-id", &id)]).await;
        assert_envelope(case, &answer, 500, "internal_server_error");
        let text = log.text();
        let line = text
            .lines()
            .find(|line| line.contains(&format!("request_id=\"{id}\"")))
            .unwrap_or_else(|| panic!("no log line names the request id {id}:\n{text}"));
        assert!(line.contains(&format!(" variant=\"{variant}\" ")), "{line}");
        assert!(line.contains("internal_server_error"), "{line}");
    }
}
