//! `#[certifier(catch_all)]`: a variant that `?` reaches from any error, as an
//! application keeps one over `anyhow::Error` or a boxed error.

use certifier_error::{CertifierError, StandardError};

#[derive(Debug)]
struct Quota;

impl std::fmt::Display for Quota {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("disk quota exceeded")
    }
}

impl std::error::Error for Quota {}

#[derive(Debug, CertifierError)]
enum AppError {
    #[certifier(code = "not_found", message = "No user is named `{0}`.")]
    NoSuchUser(String),
    #[certifier(transparent)]
    Common(StandardError),
    /// Whatever else went wrong.
    #[certifier(code = "internal_server_error", catch_all)]
    Other(anyhow::Error),
}

fn parse(text: &str) -> Result<u8, AppError> {
    Ok(text.parse::<u8>()?)
}

fn read(path: &str) -> Result<Vec<u8>, AppError> {
    Ok(std::fs::read(path)?)
}

fn quota() -> Result<(), AppError> {
    Err(Quota)?
}

fn with_context() -> Result<(), AppError> {
    Err(anyhow::anyhow!("the store is down"))?
}

#[test]
fn any_error_converts_through_question_mark() {
    for (error, cause) in [
        (parse("x").unwrap_err(), "invalid digit found in string"),
        (
            read("/nonexistent/certifier").unwrap_err(),
            "No such file or directory (os error 2)",
        ),
        (quota().unwrap_err(), "disk quota exceeded"),
        (with_context().unwrap_err(), "the store is down"),
    ] {
        assert!(matches!(error, AppError::Other(_)), "{error:?}");
        assert_eq!(
            (error.status(), error.code()),
            (500, "internal_server_error")
        );
        // The cause is the log's, never the client's.
        let body = error.to_json().unwrap();
        assert_eq!(
            body,
            r#"{"error":{"code":"internal_server_error","message":"Something went wrong on our side; please try again later."}}"#
        );
        let AppError::Other(inner) = &error else {
            unreachable!()
        };
        assert_eq!(inner.to_string(), cause);
    }
    // The other variants are built as usual.
    let missing = AppError::NoSuchUser("ada".into());
    assert_eq!(missing.to_string(), "No user is named `ada`.");
    assert_eq!(AppError::Common(StandardError::Conflict).status(), 409);
}

#[test]
fn the_log_reads_the_cause() {
    use certifier_error::__private::LogSource;

    let error = quota().unwrap_err();
    let cause = error.log_source().expect("the caught error is the cause");
    assert_eq!(cause.to_string(), "disk quota exceeded");
    // A boxed catch-all works alike; it also takes plain text.
    #[derive(Debug, CertifierError)]
    #[certifier(code = "internal_server_error", catch_all)]
    struct Boxed(Box<dyn std::error::Error + Send + Sync>);
    fn text() -> Result<(), Boxed> {
        Err("the cache is cold")?
    }
    let error = text().unwrap_err();
    assert_eq!(error.log_source().unwrap().to_string(), "the cache is cold");
    assert!(error.0.source().is_none());
}

#[cfg(feature = "axum")]
#[tokio::test]
async fn axum_answers_it() {
    use axum::response::IntoResponse;

    let response = read("/nonexistent/certifier").unwrap_err().into_response();
    assert_eq!(response.status(), 500);
    let body = axum::body::to_bytes(response.into_body(), 1024)
        .await
        .unwrap();
    assert!(!String::from_utf8_lossy(&body).contains("os error"));
}

#[cfg(feature = "actix-web")]
#[test]
fn actix_web_answers_it() {
    use actix_web::ResponseError;

    let response = parse("x").unwrap_err().error_response();
    assert_eq!(response.status().as_u16(), 500);
}
