//! A tour of a certificate-issuing API's errors: for each one, the HTTP status, the
//! code, the public message and the JSON body a client receives.
//!
//! Run with `cargo run --example tour`.

use certifier_error::{CertifierError, StandardError};
use serde::Serialize;

/// One invalid parameter of a request.
#[derive(Debug, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: &'static str,
}

/// The errors of a certificate-issuing endpoint.
#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
pub enum CertificateError {
    /// The `Certifier-Version` header was not sent.
    #[certifier(code = "missing_version")]
    MissingVersion,

    /// The `Certifier-Version` header names no version this service speaks.
    #[certifier(
        code = "invalid_version",
        message = "`{0}` is not a supported version."
    )]
    InvalidVersion(String),

    /// The body is not JSON; the parser's error stays private.
    #[certifier(code = "invalid_json")]
    InvalidJson(#[from] serde_json::Error),

    /// Some parameters failed validation.
    #[certifier(code = "validation_error", message = "{count} parameters are invalid.")]
    Validation {
        count: usize,
        #[certifier(extend)]
        field_errors: Vec<FieldError>,
    },

    /// No certificate with that id.
    #[certifier(code = "not_found", message = "Certificate {id} does not exist.")]
    CertificateNotFound { id: u64 },

    /// A certificate with the same serial number exists.
    #[certifier(
        code = "conflict",
        message = "A certificate with serial {serial} already exists."
    )]
    DuplicateSerial {
        #[certifier(extend)]
        serial: String,
    },

    /// Too many issuance requests.
    #[certifier(
        code = "rate_limited",
        message = "Too many requests; retry in {retry_after} s."
    )]
    RateLimited {
        #[certifier(extend)]
        retry_after: u64,
    },

    /// The plan allows no more certificates.
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} plan allows {max} certificates."
    )]
    PlanLimit {
        plan: String,
        #[certifier(extend, rename = "maxCertificates")]
        max: u32,
        #[certifier(extend)]
        upgrade_url: Option<String>,
    },

    /// Any of the standard errors.
    #[certifier(transparent)]
    Common(StandardError),

    /// The signing service is down; the cause is logged, never shown.
    #[certifier(code = "internal_server_error", status = 503)]
    SignerUnavailable {
        #[source]
        cause: std::io::Error,
    },
}

fn main() {
    let invalid_json = serde_json::from_str::<serde_json::Value>("{\"name\": ").unwrap_err();
    let errors = [
        CertificateError::MissingVersion,
        CertificateError::InvalidVersion("1999-01-01".to_owned()),
        CertificateError::from(invalid_json),
        CertificateError::Validation {
            count: 2,
            field_errors: vec![
                FieldError {
                    field: "common_name",
                    problem: "must not be empty",
                },
                FieldError {
                    field: "validity_days",
                    problem: "must be between 1 and 398",
                },
            ],
        },
        CertificateError::CertificateNotFound { id: 4711 },
        CertificateError::DuplicateSerial {
            serial: "0a:1f:9c".to_owned(),
        },
        CertificateError::RateLimited { retry_after: 30 },
        CertificateError::PlanLimit {
            plan: "Starter".to_owned(),
            max: 10,
            upgrade_url: Some("https://example.com/billing".to_owned()),
        },
        CertificateError::PlanLimit {
            plan: "Team".to_owned(),
            max: 500,
            upgrade_url: None,
        },
        CertificateError::Common(StandardError::Unauthorized),
        CertificateError::Common(StandardError::Forbidden),
        CertificateError::SignerUnavailable {
            cause: std::io::Error::new(
                std::io::ErrorKind::ConnectionRefused,
                "signing module refused the connection",
            ),
        },
    ];

    for error in &errors {
        println!("{} {}", error.status(), error.code());
        println!("  message: {error}");
        if let Some(source) = std::error::Error::source(error) {
            println!("  source (logged, never sent): {source}");
        }
        let body = serde_json::to_string(error).expect("every error serialises");
        println!("  body:    {body}");
        println!();
    }
}
