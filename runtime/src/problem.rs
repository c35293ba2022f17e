//! [`ProblemDetails`]: the RFC 9457 body, as a name for documents.

/// The RFC 9457 problem body the envelope layers answer with, to the clients that ask
/// for `application/problem+json`, when `with_problem_details()` is on (see
/// `certifier_error::axum::EnvelopeLayer` and `certifier_error::actix_web::Envelope`).
///
/// It holds no data: clients read a problem with
/// [`ErrorResponse::decode`](crate::ErrorResponse::decode), as they read an envelope. It
/// names the body in documents:
///
/// - feature `utoipa`: the `ProblemDetails` schema (register it with
///   `components(schemas(ProblemDetails))`), and a modifier,
///   `#[openapi(modifiers(&ProblemDetails))]`, that lists `application/problem+json`
///   beside `application/json` in every error response of the document, each example
///   written as the layers would send it;
/// - feature `schemars`: its JSON Schema.
///
/// ```
/// # #[cfg(feature = "utoipa")] {
/// use certifier_error::{CertifierError, ProblemDetails};
/// use utoipa::OpenApi;
///
/// #[derive(Debug, CertifierError)]
/// #[certifier(code = "not_found", message = "No such certificate.")]
/// struct Missing;
///
/// #[utoipa::path(get, path = "/certificates/{id}", responses((status = 200), Missing))]
/// fn show() {}
///
/// #[derive(OpenApi)]
/// #[openapi(paths(show), modifiers(&ProblemDetails))]
/// struct Api;
///
/// let document = serde_json::to_value(Api::openapi()).unwrap();
/// let content = &document["paths"]["/certificates/{id}"]["get"]["responses"]["404"]["content"];
/// assert_eq!(content["application/problem+json"]["schema"]["$ref"], "#/components/schemas/ProblemDetails");
/// let example = &content["application/problem+json"]["examples"]["not_found"]["value"];
/// assert_eq!(example["detail"], "No such certificate.");
/// assert_eq!(example["title"], "Not Found");
/// assert!(document["components"]["schemas"]["ProblemDetails"].is_object());
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProblemDetails;
