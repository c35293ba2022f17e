//! `#[certifier(skip_impl(...))]`: a type that writes an integration's impl itself still
//! compiles with every feature of the runtime on (this crate turns them all on), and its
//! own impl is the one that answers.

use certifier_error::{CertifierError, ErrorCatalogue};

/// Answers every error with a teapot, by hand, in both frameworks, and documents itself by
/// hand: no derived impl of the four may exist beside these.
#[derive(Debug, CertifierError)]
#[certifier(skip_impl(axum, actix_web, utoipa, schemars, tonic))]
enum HandWritten {
    #[certifier(code = "not_found")]
    NotFound,
}

impl axum::response::IntoResponse for HandWritten {
    fn into_response(self) -> axum::response::Response {
        (axum::http::StatusCode::IM_A_TEAPOT, "by hand").into_response()
    }
}

impl actix_web::ResponseError for HandWritten {
    fn status_code(&self) -> actix_web::http::StatusCode {
        actix_web::http::StatusCode::IM_A_TEAPOT
    }
}

#[cfg(feature = "tonic")]
impl From<HandWritten> for tonic::Status {
    fn from(_: HandWritten) -> Self {
        tonic::Status::data_loss("by hand")
    }
}

impl utoipa::IntoResponses for HandWritten {
    fn responses() -> std::collections::BTreeMap<
        String,
        utoipa::openapi::RefOr<utoipa::openapi::response::Response>,
    > {
        let response = utoipa::openapi::response::ResponseBuilder::new()
            .description("by hand")
            .build();
        [("418".to_owned(), response.into())].into_iter().collect()
    }
}

impl schemars::JsonSchema for HandWritten {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ByHand".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "const": "by hand" })
    }
}

/// Skips one integration only: the others stay derived.
#[derive(Debug, CertifierError)]
#[certifier(skip_impl(axum))]
enum SkipsAxumOnly {
    #[certifier(code = "conflict")]
    Conflict,
}

impl axum::response::IntoResponse for SkipsAxumOnly {
    fn into_response(self) -> axum::response::Response {
        axum::http::StatusCode::IM_A_TEAPOT.into_response()
    }
}

/// The integration named through a `macro_rules!` fragment, which hands it over inside an
/// invisible group: it is skipped all the same, or the hand-written impl below would
/// conflict with the derived one.
macro_rules! skipping {
    ($integration:path) => {
        #[derive(Debug, CertifierError)]
        #[certifier(skip_impl($integration))]
        enum SkipsThroughAMacro {
            #[certifier(code = "conflict")]
            Conflict,
        }
    };
}

skipping!(axum);

impl axum::response::IntoResponse for SkipsThroughAMacro {
    fn into_response(self) -> axum::response::Response {
        axum::http::StatusCode::IM_A_TEAPOT.into_response()
    }
}

#[test]
fn an_integration_named_through_a_macro_fragment_is_skipped() {
    use axum::response::IntoResponse as _;

    assert_eq!(SkipsThroughAMacro::Conflict.into_response().status(), 418);
    assert_eq!(SkipsThroughAMacro::Conflict.status(), 409);
}

#[test]
fn the_hand_written_impls_answer() {
    use axum::response::IntoResponse as _;
    use utoipa::IntoResponses as _;

    assert_eq!(HandWritten::NotFound.into_response().status(), 418);
    assert_eq!(
        actix_web::ResponseError::status_code(&HandWritten::NotFound).as_u16(),
        418
    );
    assert_eq!(HandWritten::responses().keys().collect::<Vec<_>>(), ["418"]);
    let schema = schemars::schema_for!(HandWritten);
    assert_eq!(
        schema.get("const").and_then(|c| c.as_str()),
        Some("by hand")
    );
    #[cfg(feature = "tonic")]
    assert_eq!(
        tonic::Status::from(HandWritten::NotFound).code(),
        tonic::Code::DataLoss
    );
    // What the derive still gives.
    assert_eq!(HandWritten::NotFound.status(), 404);
    assert_eq!(HandWritten::CATALOGUE.len(), 1);
}

#[test]
fn the_other_integrations_stay_derived() {
    use axum::response::IntoResponse as _;
    use utoipa::IntoResponses as _;

    assert_eq!(SkipsAxumOnly::Conflict.into_response().status(), 418);
    // actix-web's, utoipa's and schemars' impls are the derived ones.
    let response = actix_web::ResponseError::error_response(&SkipsAxumOnly::Conflict);
    assert_eq!(response.status().as_u16(), 409);
    assert!(SkipsAxumOnly::responses().contains_key("409"));
    let schema = serde_json::to_string(&schemars::schema_for!(SkipsAxumOnly)).unwrap();
    assert!(schema.contains("conflict"), "{schema}");
    #[cfg(feature = "tonic")]
    assert_eq!(
        tonic::Status::from(SkipsAxumOnly::Conflict).code(),
        tonic::Code::Aborted
    );
}
