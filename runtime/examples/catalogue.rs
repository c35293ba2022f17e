//! The error catalogue of a certificate-issuing API, generated from its error types: a
//! Markdown table in the shape of the Certifier code table, or the same entries as JSON.
//!
//! Run with `cargo run --example catalogue`, or `cargo run --example catalogue -- --json`.
//! With the `utoipa` feature, `-- --openapi` prints an OpenAPI document whose endpoint
//! answers with these errors: `cargo run --example catalogue --features utoipa -- --openapi`.

use certifier_error::{CertifierError, ErrorCatalogue};
use serde::Serialize;

/// One invalid parameter of a request.
#[derive(Debug, Serialize)]
pub struct FieldError {
    pub field: String,
    pub problem: String,
}

/// Authentication failures, shared by every endpoint of the API.
#[derive(Debug, CertifierError)]
pub enum AuthError {
    /// No valid authentication token came with the request.
    #[certifier(code = "unauthorized")]
    MissingToken,

    /// The token is valid, but does not grant access to this certificate.
    #[certifier(code = "forbidden", message = "You cannot access certificate {id}.")]
    NotYours { id: u64 },
}

/// The errors of the certificate endpoints.
#[derive(Debug, CertifierError)]
#[certifier(
    rename_all = "camelCase",
    doc_url = "https://docs.example.com/errors/{code}"
)]
pub enum ApiError {
    /// The request could not be parsed.
    #[certifier(code = "bad_request")]
    BadRequest,

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

    /// Some parameters are missing or malformed; each one is listed.
    #[certifier(code = "validation_error", message = "{count} parameters are invalid.")]
    Validation {
        count: usize,
        #[certifier(extend)]
        field_errors: Vec<FieldError>,
    },

    /// Authentication failures.
    #[certifier(transparent)]
    Auth(AuthError),

    /// Certificates of this kind need a premium plan.
    #[certifier(code = "payment_required")]
    PremiumOnly,

    /// No certificate with that id.
    #[certifier(code = "not_found", message = "Certificate {id} does not exist.")]
    CertificateNotFound { id: u64 },

    /// A certificate with the same serial number exists.
    #[certifier(code = "conflict", message = "Serial {serial} is taken.")]
    DuplicateSerial {
        #[certifier(extend)]
        serial: String,
    },

    /// Too many issuance requests; retry after the given delay.
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

    /// The certificate was revoked and cannot be renewed.
    #[certifier(
        status = 410,
        code = "certificate_revoked",
        message = "Certificate {id} was revoked."
    )]
    Revoked {
        id: u64,
        #[certifier(extend)]
        revoked_at: String,
    },

    /// A fault on our side.
    #[certifier(code = "internal_server_error")]
    Internal,

    /// The signing service is down for maintenance.
    #[certifier(
        code = "internal_server_error",
        status = 503,
        message = "Certificates cannot be issued right now; please try again later."
    )]
    SignerUnavailable,
}

/// An OpenAPI document with one endpoint that answers with `ApiError`.
#[cfg(feature = "utoipa")]
fn openapi() -> String {
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
    use utoipa::openapi::{ComponentsBuilder, InfoBuilder, OpenApiBuilder, PathsBuilder};
    use utoipa::openapi::{ResponseBuilder, ResponsesBuilder};

    let responses = ResponsesBuilder::new()
        .response(
            "201",
            ResponseBuilder::new().description("The issued certificate"),
        )
        .responses_from_into_responses::<ApiError>()
        .build();
    let operation = OperationBuilder::new()
        .summary(Some("Issue a certificate"))
        .responses(responses)
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Certificates")
                .version("1.0.0")
                .build(),
        )
        .paths(
            PathsBuilder::new().path("/certificates", PathItem::new(HttpMethod::Post, operation)),
        )
        .components(Some(
            ComponentsBuilder::new()
                .schema_from::<certifier_error::ErrorEnvelope>()
                .build(),
        ))
        .build()
        .to_pretty_json()
        .expect("an OpenAPI document serialises")
}

fn main() {
    let catalogue = ApiError::CATALOGUE;
    #[cfg(feature = "utoipa")]
    if std::env::args().any(|argument| argument == "--openapi") {
        println!("{}", openapi());
        return;
    }
    if std::env::args().any(|argument| argument == "--json") {
        let json = serde_json::to_string_pretty(&catalogue).expect("a catalogue serialises");
        println!("{json}");
    } else {
        print!("{}", catalogue.markdown());
    }
}

#[cfg(test)]
mod tests {
    use certifier_error::{CertifierError, Code, ErrorCatalogue, StandardError};

    use super::ApiError;

    /// `(code, statuses)` of each row of the printed table.
    fn rows() -> Vec<(String, String)> {
        let table = ApiError::CATALOGUE.markdown().to_string();
        assert!(table.starts_with("| code | HTTP status | description | extra members |\n"));
        table
            .lines()
            .skip(2)
            .map(|row| {
                let cells: Vec<&str> = row.split(" | ").collect();
                let code = cells[0].split('`').nth(1).unwrap().to_owned();
                (code, cells[1].to_owned())
            })
            .collect()
    }

    #[test]
    fn the_table_lists_every_standard_code_and_the_custom_ones() {
        let rows = rows();
        for standard in StandardError::ALL {
            let status = Code::from(standard.code()).status().unwrap().to_string();
            assert!(
                rows.iter().any(
                    |(code, statuses)| code == standard.code() && statuses.starts_with(&status)
                ),
                "{} is missing",
                standard.code()
            );
        }
        assert!(rows.contains(&("plan_limit".into(), "402".into())));
        assert!(rows.contains(&("certificate_revoked".into(), "410".into())));
        assert!(rows.contains(&("internal_server_error".into(), "500, 503".into())));
        assert_eq!(rows.len(), StandardError::ALL.len() + 2, "one row per code");
    }
}
