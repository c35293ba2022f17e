//! The error catalogue of the example certificate API (the one the `axum_server` and
//! `actix_server` examples serve), generated from its error types: a Markdown table in the
//! shape of the Certifier code table, or the same entries as JSON.
//!
//! Run with `cargo run --example catalogue`, or `cargo run --example catalogue -- --json`.
//! With the `utoipa` feature, `-- --openapi` prints an OpenAPI document whose endpoint
//! answers with these errors: `cargo run --example catalogue --features utoipa -- --openapi`.

use certifier_error::server::{JsonRejection, PathRejection, QueryRejection, VersionError};
use certifier_error::{CertifierError, ErrorCatalogue};

/// The example API: its error type, `ApiError`, and its operations.
#[allow(dead_code)]
#[path = "support/api.rs"]
mod api;

/// Every error the example API answers with: its handlers' `ApiError`, and the errors
/// the framework integrations answer before or after a handler runs.
#[derive(Debug, CertifierError)]
pub enum ExampleApiError {
    /// The handlers' errors.
    #[certifier(transparent)]
    Api(api::ApiError),

    /// A missing or unsupported `Certifier-Version` header (`CertifierVersion`).
    #[certifier(transparent)]
    Version(VersionError),

    /// A request body that is not JSON, or not of the expected shape (`Json`).
    #[certifier(transparent)]
    Body(JsonRejection),

    /// A query string that does not fit (`Query`).
    #[certifier(transparent)]
    Query(QueryRejection),

    /// A path parameter that does not fit (`Path`).
    #[certifier(transparent)]
    Path(PathRejection),

    /// No such route, or no such method on a route: the router's `not_found` fallback.
    #[certifier(code = "not_found")]
    NoRoute,

    /// A response body that cannot be written as JSON (`Json`).
    #[certifier(code = "internal_server_error")]
    Unserialisable,
}

/// An OpenAPI document with one endpoint that answers with `ExampleApiError`.
#[cfg(feature = "utoipa-5")]
fn openapi() -> String {
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
    use utoipa::openapi::{ComponentsBuilder, InfoBuilder, OpenApiBuilder, PathsBuilder};
    use utoipa::openapi::{ResponseBuilder, ResponsesBuilder};

    let responses = ResponsesBuilder::new()
        .response(
            "201",
            ResponseBuilder::new().description("The issued certificate"),
        )
        .responses_from_into_responses::<ExampleApiError>()
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
            // The envelope the responses refer to, and what it refers to in turn.
            ComponentsBuilder::new()
                .schema_from::<certifier_error::ErrorEnvelope>()
                .schemas_from_iter(envelope_dependencies())
                .build(),
        ))
        .build()
        .to_pretty_json()
        .expect("an OpenAPI document serialises")
}

/// The schemas `ErrorEnvelope` refers to: `ErrorObject`, `ErrorCode` and `Violation`.
#[cfg(feature = "utoipa-5")]
fn envelope_dependencies() -> Vec<(
    String,
    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
)> {
    use utoipa::ToSchema;

    let mut schemas = Vec::new();
    certifier_error::ErrorEnvelope::schemas(&mut schemas);
    schemas
}

fn main() {
    let catalogue = ExampleApiError::CATALOGUE;
    #[cfg(feature = "utoipa-5")]
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
    use std::collections::BTreeSet;

    use certifier_error::{CertifierError, Code, ErrorCatalogue, StandardError};

    use super::ExampleApiError;

    /// `[code, statuses, description, members, message keys]` of each row of the
    /// printed table.
    fn rows() -> Vec<[String; 5]> {
        let table = ExampleApiError::CATALOGUE.markdown().to_string();
        let mut lines = table.lines();
        assert_eq!(
            lines.next(),
            Some("| code | HTTP status | description | extra members | message keys |")
        );
        assert_eq!(lines.next(), Some("|---|---|---|---|---|"));
        lines
            .map(|row| {
                let cells: Vec<&str> = row
                    .strip_prefix("| ")
                    .and_then(|row| row.strip_suffix('|'))
                    .unwrap()
                    .split(" | ")
                    .map(str::trim)
                    .collect();
                assert_eq!(cells.len(), 5, "{row}");
                let code = cells[0].split('`').nth(1).unwrap();
                [code, cells[1], cells[2], cells[3], cells[4]].map(str::to_owned)
            })
            .collect()
    }

    #[test]
    fn the_table_lists_every_standard_code_and_the_custom_ones() {
        let rows = rows();
        for &standard in StandardError::ALL {
            let status = Code::from(standard.code()).status().unwrap().to_string();
            assert!(
                rows.iter()
                    .any(|row| row[0] == standard.code() && row[1].starts_with(&status)),
                "{} is missing",
                standard.code()
            );
        }
        let row = |code: &str| rows.iter().find(|row| row[0] == code).unwrap().clone();
        assert_eq!(row("plan_limit")[1], "402");
        assert_eq!(row("plan_limit")[3], "`plan`, `max_validity_days`");
        assert_eq!(row("internal_server_error")[1], "500, 503");
        assert_eq!(row("not_found")[1], "404");
        assert_eq!(row("rate_limited")[3], "`retry_after`");
        assert_eq!(row("missing_version")[3], "`supported_versions`");
        assert_eq!(row("validation_error")[3], "`errors`");
        assert_eq!(row("invalid_json")[3], "`errors`");
        assert_eq!(rows.len(), StandardError::ALL.len() + 1, "one row per code");
    }

    /// Each row says what the catalogue holds for its code.
    #[test]
    fn the_table_agrees_with_the_catalogue() {
        let catalogue = ExampleApiError::CATALOGUE;
        assert!(catalogue.is_complete());
        let rows = rows();
        let codes: BTreeSet<&str> = catalogue.iter().map(|entry| entry.code()).collect();
        assert_eq!(codes.len(), rows.len());
        for row in &rows {
            let entries: Vec<_> = catalogue.iter().filter(|e| e.code() == row[0]).collect();
            let statuses: BTreeSet<String> =
                entries.iter().map(|e| e.status().to_string()).collect();
            let shown: BTreeSet<String> = row[1].split(", ").map(str::to_owned).collect();
            assert_eq!(shown, statuses, "{}", row[0]);
            for entry in &entries {
                let description = entry.description().to_string().replace('|', "\\|");
                assert!(row[2].contains(&description), "{}: {description}", row[0]);
                for member in entry.members() {
                    assert!(
                        row[3].contains(&format!("`{member}`")),
                        "{}: {member}",
                        row[0]
                    );
                }
                assert!(row[4].contains(&format!("`{}`", entry.key())), "{}", row[0]);
                for argument in entry.arguments() {
                    assert!(row[4].contains(&format!("`${argument}`")), "{}", row[0]);
                }
            }
        }
    }

    /// The codes of the API's own errors are a contract with its clients: a removed code,
    /// a changed status, or a removed or retyped member fails here. After an intended
    /// change, `CERTIFIER_LOCK=update cargo test --example catalogue` rewrites the file.
    #[test]
    fn the_api_errors_match_their_lock_file() {
        certifier_error::catalogue::lock::check::<super::api::ApiError>(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/support/errors.lock.json"
        ));
    }

    /// Every error the API's operations return is in the catalogue.
    #[test]
    fn the_catalogue_holds_the_api_errors() {
        let store = super::api::Store::default();
        let errors = [
            store.get("cert_missing").unwrap_err(),
            store.get("cert_other").unwrap_err(),
            store.renew("cert_example", b"").unwrap_err(),
            store.renew("cert_example", b"{}").unwrap_err(),
            store.chain("cert_example").unwrap_err(),
            super::api::account(None).unwrap_err(),
        ];
        for error in errors {
            let error = ExampleApiError::Api(error);
            assert!(ExampleApiError::CATALOGUE
                .iter()
                .any(|entry| entry.code() == error.code() && entry.status() == error.status()));
        }
    }
}
