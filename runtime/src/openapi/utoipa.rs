//! Feature `utoipa`: schemas of the envelope types and the responses of derived types.

use alloc::borrow::Cow;
use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::{json, Map, Value};
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
use utoipa::openapi::{ContentBuilder, RefOr};
use utoipa::{PartialSchema, ToSchema};

use crate::catalogue::{Catalogue, Entry};
use crate::{CertifierError, Code, ErrorEnvelope, ErrorObject, Extensions, StandardError};

/// What `IntoResponses::responses` returns.
pub type Responses = BTreeMap<String, RefOr<Response>>;

const CODE_PATTERN: &str = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$";

/// A string code; the known codes are given as examples, since a client must accept
/// codes it does not know.
impl PartialSchema for Code {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(CODE_PATTERN))
            .description(Some(
                "A Certifier error code. Branch on it rather than on the HTTP status; \
                 new codes may appear at any time.",
            ))
            .examples(
                StandardError::ALL
                    .iter()
                    .map(|error| error.code().to_string()),
            )
            .into()
    }
}

/// Named `ErrorCode` in `components/schemas`.
///
/// ```
/// use certifier_error::Code;
/// use utoipa::{PartialSchema, ToSchema};
///
/// assert_eq!(Code::name(), "ErrorCode");
/// let schema = serde_json::to_value(Code::schema()).unwrap();
/// assert_eq!(schema["type"], "string");
/// ```
impl ToSchema for Code {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorCode")
    }
}

fn error_object_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "The error object: `code` and `message`, plus the members an endpoint documents.",
        ))
        .property("code", Code::schema())
        .required("code")
        .property(
            "message",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some("A neutral message, safe to show a user.")),
        )
        .required("message")
        .property(
            "doc_url",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(
                    "A link to the code's documentation, where the API gives one.",
                )),
        )
        .additional_properties(Some(AdditionalProperties::FreeForm(true)))
}

/// An object with `code` and `message` (and `doc_url` where given); other members are
/// allowed. Inline: it refers to no other schema.
impl PartialSchema for ErrorObject<Extensions> {
    fn schema() -> RefOr<Schema> {
        error_object_schema().into()
    }
}

/// Named `ErrorObject` in `components/schemas`.
///
/// ```
/// use certifier_error::ErrorObject;
/// use utoipa::{PartialSchema, ToSchema};
///
/// assert_eq!(ErrorObject::name(), "ErrorObject");
/// let schema = serde_json::to_value(ErrorObject::schema()).unwrap();
/// assert_eq!(schema["required"], serde_json::json!(["code", "message"]));
/// ```
impl ToSchema for ErrorObject<Extensions> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorObject")
    }
}

/// `{"error": ErrorObject}`, inline.
impl PartialSchema for ErrorEnvelope<Extensions> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("A Certifier error body."))
            .property("error", error_object_schema())
            .required("error")
            .into()
    }
}

/// Named `ErrorEnvelope` in `components/schemas`; the schema of every response body that
/// a derived type's `IntoResponses` describes.
///
/// ```
/// use certifier_error::ErrorEnvelope;
/// use utoipa::{PartialSchema, ToSchema};
///
/// assert_eq!(ErrorEnvelope::name(), "ErrorEnvelope");
/// let schema = serde_json::to_value(ErrorEnvelope::schema()).unwrap();
/// assert_eq!(schema["properties"]["error"]["properties"]["code"]["type"], "string");
/// ```
impl ToSchema for ErrorEnvelope<Extensions> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorEnvelope")
    }
}

/// The responses of a catalogue: one per status, each with the envelope schema and one
/// example per entry; a `default` response where the catalogue is open.
///
/// An example's message is the entry's message template, placeholders included; its
/// extension members are listed in the example's description (their values depend on
/// the request).
pub fn responses(catalogue: Catalogue) -> Responses {
    let mut by_status: BTreeMap<u16, Vec<Entry>> = BTreeMap::new();
    for entry in catalogue.iter() {
        by_status.entry(entry.status()).or_default().push(entry);
    }
    let mut responses = Responses::new();
    for (status, entries) in by_status {
        let mut description = String::new();
        let mut examples = Vec::new();
        for entry in &entries {
            if !description.is_empty() {
                description.push('\n');
            }
            description.push_str(&alloc::format!(
                "- `{}`: {}",
                entry.code(),
                entry.description()
            ));
            let repeats = entries
                .iter()
                .filter(|other| other.code() == entry.code())
                .count();
            let name = if repeats > 1 {
                alloc::format!("{} ({})", entry.code(), entry.variant())
            } else {
                entry.code().to_string()
            };
            examples.push((name, example(entry)));
        }
        let content = ContentBuilder::new()
            .schema(Some(ErrorEnvelope::<Extensions>::schema()))
            .examples_from_iter(examples)
            .build();
        let response = ResponseBuilder::new()
            .description(description)
            .content("application/json", content)
            .build();
        responses.insert(status.to_string(), RefOr::T(response));
    }
    if !catalogue.is_complete() {
        let content = ContentBuilder::new()
            .schema(Some(ErrorEnvelope::<Extensions>::schema()))
            .build();
        let response = ResponseBuilder::new()
            .description("Any other error, in the Certifier error format.")
            .content("application/json", content)
            .build();
        responses.insert("default".to_string(), RefOr::T(response));
    }
    responses
}

fn example(entry: &Entry) -> utoipa::openapi::example::Example {
    let mut object = Map::new();
    object.insert("code".into(), Value::from(entry.code()));
    object.insert("message".into(), Value::from(entry.message()));
    if let Some(url) = entry.doc_url() {
        object.insert("doc_url".into(), Value::from(url.to_string()));
    }
    let mut builder = ExampleBuilder::new()
        .summary(entry.description().to_string())
        .value(Some(json!({ "error": object })));
    if !entry.members().is_empty() {
        let members: Vec<String> = entry
            .members()
            .iter()
            .map(|member| alloc::format!("`{member}`"))
            .collect();
        builder = builder.description(alloc::format!("Extension members: {}.", members.join(", ")));
    }
    builder.build()
}
