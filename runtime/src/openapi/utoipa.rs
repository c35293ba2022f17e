//! Feature `utoipa`: schemas of the envelope types and the responses of derived types.

use alloc::borrow::Cow;
use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::{json, Map, Value};
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, ArrayItems, ObjectBuilder, OneOfBuilder, Schema,
    SchemaType, Type,
};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa::{IntoResponses, PartialSchema, ToSchema};

use super::common::{
    known_codes, violation_examples, CODE_DESCRIPTION, CODE_PATTERN, ENVELOPE_DESCRIPTION,
    ERRORS_DESCRIPTION, MESSAGE_DESCRIPTION, PARAMETER_DESCRIPTION, POINTER_DESCRIPTION,
    PROBLEM_DESCRIPTION, PROBLEM_EXTENSIONS_DESCRIPTION, PROBLEM_TITLE_DESCRIPTION,
    PROBLEM_TYPE_DESCRIPTION, REQUEST_ID_DESCRIPTION, VIOLATION_DESCRIPTION,
};
use crate::catalogue::{Catalogue, Entry};
use crate::{Code, ErrorEnvelope, ErrorObject, ExtensionMap, ProblemDetails, Violation};

/// What `IntoResponses::responses` returns.
pub type Responses = BTreeMap<String, RefOr<Response>>;

/// A string code; the known codes are given as examples, since a client must accept
/// codes it does not know.
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa-5")))]
impl PartialSchema for Code {
    fn schema() -> RefOr<Schema> {
        code_string()
            .description(Some(CODE_DESCRIPTION))
            .examples(known_codes())
            .into()
    }
}

/// Named `ErrorCode` in `components/schemas`.
///
/// ```
/// use certifier_error::Code;
/// use utoipa::{IntoResponses, PartialSchema, ToSchema};
///
/// assert_eq!(Code::name(), "ErrorCode");
/// let schema = serde_json::to_value(Code::schema()).unwrap();
/// assert_eq!(schema["type"], "string");
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa-5")))]
impl ToSchema for Code {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorCode")
    }
}

/// A snake_case string.
fn code_string() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(CODE_PATTERN))
}

/// The `message` member.
fn message_string() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(MESSAGE_DESCRIPTION))
}

/// A reference to the component named `name`.
fn component<T: ToSchema>() -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(T::name()))
}

/// Adds `T` and what it refers to, for `ToSchema::schemas`.
fn register<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
    schemas.push((T::name().into_owned(), T::schema()));
    T::schemas(schemas);
}

fn error_object_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "The error object: `code` and `message`, plus the members an endpoint documents.",
        ))
        .property("code", component::<Code>())
        .required("code")
        .property("message", message_string())
        .required("message")
        .property(
            "doc_url",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(
                    "A link to the code's documentation, where the API gives one.",
                )),
        )
        .property(
            "errors",
            ArrayBuilder::new()
                .items(component::<Violation>())
                .description(Some(ERRORS_DESCRIPTION)),
        )
        .property(
            "request_id",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(REQUEST_ID_DESCRIPTION)),
        )
        .additional_properties(Some(AdditionalProperties::FreeForm(true)))
}

/// An object with `code` (a reference to `ErrorCode`) and `message`, `doc_url`,
/// `errors` (items referring to `Violation`) and `request_id` where given; other
/// members are allowed.
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa-5")))]
impl PartialSchema for ErrorObject<ExtensionMap> {
    fn schema() -> RefOr<Schema> {
        error_object_schema().into()
    }
}

/// Named `ErrorObject` in `components/schemas`.
///
/// ```
/// use certifier_error::ErrorObject;
/// use utoipa::{IntoResponses, PartialSchema, ToSchema};
///
/// assert_eq!(ErrorObject::name(), "ErrorObject");
/// let schema = serde_json::to_value(ErrorObject::schema()).unwrap();
/// assert_eq!(schema["required"], serde_json::json!(["code", "message"]));
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa-5")))]
impl ToSchema for ErrorObject<ExtensionMap> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorObject")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        register::<Code>(schemas);
        register::<Violation>(schemas);
    }
}

/// `{"error": ErrorObject}`, the object a reference to `ErrorObject`.
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa-5")))]
impl PartialSchema for ErrorEnvelope<ExtensionMap> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(ENVELOPE_DESCRIPTION))
            .property("error", component::<ErrorObject>())
            .required("error")
            .into()
    }
}

/// Named `ErrorEnvelope` in `components/schemas`; every response that a derived type's
/// `IntoResponses` describes refers to it, so register it in the document
/// (`components(schemas(ErrorEnvelope))`), which also registers `ErrorObject`,
/// `ErrorCode` and `Violation`.
///
/// ```
/// use certifier_error::ErrorEnvelope;
/// use utoipa::{IntoResponses, PartialSchema, ToSchema};
///
/// assert_eq!(ErrorEnvelope::name(), "ErrorEnvelope");
/// let schema = serde_json::to_value(ErrorEnvelope::schema()).unwrap();
/// assert_eq!(schema["properties"]["error"]["$ref"], "#/components/schemas/ErrorObject");
/// let mut registered = Vec::new();
/// ErrorEnvelope::schemas(&mut registered);
/// let names: Vec<&str> = registered.iter().map(|(name, _)| name.as_str()).collect();
/// assert_eq!(names, ["ErrorObject", "ErrorCode", "Violation"]);
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa-5")))]
impl ToSchema for ErrorEnvelope<ExtensionMap> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorEnvelope")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        register::<ErrorObject>(schemas);
    }
}

/// The problem object, its `errors` (a list of violations) left out where `errors` has
/// another shape.
fn problem_schema(violations: bool) -> ObjectBuilder {
    let string = |description| {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(description))
    };
    let mut schema = ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(PROBLEM_DESCRIPTION))
        .property(
            "type",
            string(PROBLEM_TYPE_DESCRIPTION)
                .format(Some(utoipa::openapi::SchemaFormat::Custom(
                    "uri-reference".into(),
                )))
                .default(Some(Value::from("about:blank"))),
        )
        .required("type")
        .property("title", string(PROBLEM_TITLE_DESCRIPTION))
        .required("title")
        .property(
            "status",
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(400))
                .maximum(Some(599)),
        )
        .required("status")
        .property("detail", message_string())
        .required("detail")
        .property("code", component::<Code>())
        .required("code");
    if violations {
        schema = schema.property(
            "errors",
            ArrayBuilder::new()
                .items(component::<Violation>())
                .description(Some(ERRORS_DESCRIPTION)),
        );
    }
    schema
        .property(
            "extensions",
            ObjectBuilder::new()
                .schema_type(Type::Object)
                .description(Some(PROBLEM_EXTENSIONS_DESCRIPTION)),
        )
        .property("request_id", string(REQUEST_ID_DESCRIPTION))
        .additional_properties(Some(AdditionalProperties::FreeForm(true)))
}

/// The problem object: `type`, `title`, `status`, `detail` and `code`, and `errors`
/// (items referring to `Violation`), `extensions` and `request_id` where given; other
/// members are allowed.
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa-5")))]
impl PartialSchema for ProblemDetails {
    fn schema() -> RefOr<Schema> {
        problem_schema(true).into()
    }
}

/// Named `ProblemDetails` in `components/schemas`; registering it registers `ErrorCode`
/// and `Violation` too.
///
/// ```
/// use certifier_error::ProblemDetails;
/// use utoipa::{PartialSchema, ToSchema};
///
/// assert_eq!(ProblemDetails::name(), "ProblemDetails");
/// let schema = serde_json::to_value(ProblemDetails::schema()).unwrap();
/// assert_eq!(schema["required"], serde_json::json!(["type", "title", "status", "detail", "code"]));
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa-5")))]
impl ToSchema for ProblemDetails {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ProblemDetails")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        register::<Code>(schemas);
        register::<Violation>(schemas);
    }
}

/// The switch that documents problem details: every response of the document whose
/// `application/json` content is the envelope (a reference to `ErrorEnvelope`, or an
/// inline envelope) gets an `application/problem+json` content beside it, referring to
/// `ProblemDetails` (inline, without `errors`, where the envelope's `errors` has a shape
/// of its own), with each example as the layers send it. Registers `ProblemDetails`,
/// `ErrorCode` and `Violation`. See [`ProblemDetails`] for an example.
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa-5")))]
impl utoipa::Modify for ProblemDetails {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
            ];
            for operation in operations.into_iter().flatten() {
                for (status, response) in &mut operation.responses.responses {
                    if let RefOr::T(response) = response {
                        add_problem_content(status, response);
                    }
                }
            }
        }
        let components = openapi
            .components
            .get_or_insert_with(utoipa::openapi::Components::new);
        for response in components.responses.values_mut() {
            if let RefOr::T(response) = response {
                // A shared response has no status of its own.
                add_problem_content("default", response);
            }
        }
        let mut schemas = Vec::new();
        register::<ProblemDetails>(&mut schemas);
        for (name, schema) in schemas {
            components.schemas.entry(name).or_insert(schema);
        }
    }
}

/// The problem an envelope `example` is sent as with `status`, members in the order
/// the layers write them; `None` if `example` is not an envelope.
fn problem_example(status: u16, example: &Value) -> Option<Value> {
    const RESERVED: &[&str] = &[
        "type",
        "title",
        "status",
        "detail",
        "instance",
        "extensions",
    ];
    let error = example.get("error")?.as_object()?;
    let mut problem = serde_json::Map::new();
    let kind = error.get("doc_url").cloned();
    problem.insert("type".into(), kind.unwrap_or_else(|| "about:blank".into()));
    let reason = http::StatusCode::from_u16(status).ok()?.canonical_reason();
    problem.insert("title".into(), reason.unwrap_or("Error").into());
    problem.insert("status".into(), status.into());
    problem.insert("detail".into(), error.get("message")?.clone());
    problem.insert("code".into(), error.get("code")?.clone());
    let mut nested = serde_json::Map::new();
    for (name, value) in error {
        match name.as_str() {
            "code" | "message" | "doc_url" | "request_id" => {}
            reserved if RESERVED.contains(&reserved) => {
                nested.insert(name.clone(), value.clone());
            }
            _ => {
                problem.insert(name.clone(), value.clone());
            }
        }
    }
    if !nested.is_empty() {
        problem.insert("extensions".into(), Value::Object(nested));
    }
    if let Some(id) = error.get("request_id") {
        problem.insert("request_id".into(), id.clone());
    }
    Some(Value::Object(problem))
}

/// Adds the problem content to `response` (answered with `status`, a number or
/// `default`) if its JSON content is an envelope.
fn add_problem_content(status: &str, response: &mut Response) {
    let Some(json) = response.content.get("application/json") else {
        return;
    };
    let envelope_ref = Ref::from_schema_name(ErrorEnvelope::name()).ref_location;
    let schema = match &json.schema {
        Some(RefOr::Ref(reference)) if reference.ref_location == envelope_ref => {
            component::<ProblemDetails>()
        }
        Some(RefOr::T(Schema::Object(object))) if object.properties.contains_key("error") => {
            problem_schema(false).into()
        }
        _ => return,
    };
    let mut content = ContentBuilder::new().schema(Some(schema));
    if let Ok(status) = status.parse::<u16>() {
        let examples = json.examples.iter().filter_map(|(name, example)| {
            let RefOr::T(example) = example else {
                return None;
            };
            let value = problem_example(status, example.value.as_ref()?)?;
            let mut problem = ExampleBuilder::new().value(Some(value));
            problem = problem.summary(example.summary.clone());
            if !example.description.is_empty() {
                let description = example.description.replace("`message`", "`detail`");
                problem = problem.description(description);
            }
            Some((name.clone(), problem.build()))
        });
        content = content.examples_from_iter(examples.collect::<Vec<_>>());
    }
    response
        .content
        .insert(String::from("application/problem+json"), content.build());
}

/// One of two objects, each with `code` and `message`: one with `pointer`, one with
/// `parameter`; an item with both or neither matches neither. Examples of both.
///
/// This is utoipa's hook for schemas of types in collections (`Vec<Violation>`), which
/// its derive implements; it is hidden in utoipa, and implemented here by hand because
/// the schema is not one a derive writes.
impl utoipa::__dev::ComposeSchema for Violation {
    fn compose(_: Vec<RefOr<Schema>>) -> RefOr<Schema> {
        let located = |member: &str, description: &str| {
            ObjectBuilder::new()
                .schema_type(Type::Object)
                .property(
                    "code",
                    code_string().description(Some("What is wrong, as a snake_case code.")),
                )
                .required("code")
                .property("message", message_string())
                .required("message")
                .property(
                    member,
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .description(Some(description)),
                )
                .required(member)
        };
        OneOfBuilder::new()
            .description(Some(VIOLATION_DESCRIPTION))
            .item(located("pointer", POINTER_DESCRIPTION))
            .item(located("parameter", PARAMETER_DESCRIPTION))
            .examples(violation_examples())
            .into()
    }
}

/// The example item of an `invalid_json` answer's `errors`.
fn syntax_example() -> Value {
    json!({"code": "invalid_syntax", "message": Violation::default_message("invalid_syntax"), "pointer": "/domain"})
}

/// Named `Violation` in `components/schemas`: an item of the `errors` member.
///
/// ```
/// use certifier_error::Violation;
/// use utoipa::{PartialSchema, ToSchema};
///
/// assert_eq!(Violation::name(), "Violation");
/// let schema = serde_json::to_value(Violation::schema()).unwrap();
/// assert_eq!(schema["oneOf"][0]["required"], serde_json::json!(["code", "message", "pointer"]));
/// assert_eq!(schema["oneOf"][1]["required"], serde_json::json!(["code", "message", "parameter"]));
/// ```
impl ToSchema for Violation {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Violation")
    }
}

question_or_none! {
    /// The question: the `utoipa` schema of a member's type, or `None` where it has none
    /// (a type parameter included), so that the feature never requires one. See
    /// [`choice`](crate::__private::choice).
    SchemaOf<T: PartialSchema> -> Option<RefOr<Schema>> = T::schema()
}

question_or_none! {
    /// The question: the responses of a transparent field's type, or `None` where it has
    /// none. See [`choice`](crate::__private::choice).
    ResponsesOf<T: IntoResponses> -> Option<Responses> = T::responses()
}

/// The example values of a derived type's extension members: from the schemas of its own
/// members, else from the examples of its transparent fields' types.
pub struct Placeholders {
    values: BTreeMap<(&'static str, &'static str), Value>,
    inner: BTreeMap<(String, String), Value>,
    /// The schema of an own member named `errors` that is not a list of violations,
    /// per code: the response describes that shape instead of the shared one.
    own_errors: BTreeMap<&'static str, RefOr<Schema>>,
}

impl Placeholders {
    /// No members yet.
    #[allow(clippy::new_without_default)]
    #[must_use]
    pub fn new() -> Self {
        Placeholders {
            values: BTreeMap::new(),
            inner: BTreeMap::new(),
            own_errors: BTreeMap::new(),
        }
    }

    /// A member of one of the type's own variants with code `code`; the first variant of
    /// that code to name it decides.
    pub fn member(
        &mut self,
        code: &'static str,
        name: &'static str,
        schema: Option<RefOr<Schema>>,
    ) {
        if name == "errors" {
            match &schema {
                Some(schema) if !is_violation_list_schema(schema) => {
                    self.own_errors
                        .entry(code)
                        .or_insert_with(|| schema.clone());
                }
                _ => {}
            }
        }
        self.values
            .entry((code, name))
            .or_insert_with(|| placeholder(schema.as_ref()));
    }

    /// A member of a transparent variant with `extend` fields, which follows the members
    /// of every entry of its inner error's catalogue `inner`: a member of each of those
    /// codes, as [`member`](Self::member) takes one.
    pub fn appended(
        &mut self,
        inner: Catalogue,
        name: &'static str,
        schema: Option<RefOr<Schema>>,
    ) {
        for entry in inner.iter() {
            self.member(entry.code(), name, schema.clone());
        }
    }

    /// The members of a transparent variant's type, per code, taken from its examples;
    /// the type's own members and earlier variants win.
    pub fn inner(&mut self, responses: Option<Responses>) {
        let Some(responses) = responses else {
            return;
        };
        for response in responses.values() {
            let RefOr::T(response) = response else {
                continue;
            };
            for content in response.content.values() {
                for example in content.examples.values() {
                    let RefOr::T(example) = example else {
                        continue;
                    };
                    let members = example
                        .value
                        .as_ref()
                        .and_then(|value| value.get("error"))
                        .and_then(Value::as_object);
                    let Some(members) = members else {
                        continue;
                    };
                    let code = members.get("code").and_then(Value::as_str).unwrap_or("");
                    for (name, value) in members {
                        if matches!(name.as_str(), "code" | "message" | "doc_url") {
                            continue;
                        }
                        let key = (code.to_string(), name.clone());
                        match self.inner.get(&key) {
                            Some(known) if !known.is_null() => {}
                            _ => {
                                self.inner.insert(key, value.clone());
                            }
                        }
                    }
                }
            }
        }
    }

    fn get(&self, code: &str, name: &str) -> Value {
        let own = self
            .values
            .iter()
            .find(|((own_code, own_name), _)| *own_code == code && *own_name == name);
        match own.map(|(_, value)| value) {
            Some(value) if !value.is_null() => value.clone(),
            _ => self
                .inner
                .get(&(code.to_string(), name.to_string()))
                .cloned()
                .unwrap_or(Value::Null),
        }
    }
}

/// Whether `schema` is a list of [`Violation`]s, the shape the shared `ErrorObject`
/// schema gives `errors`.
fn is_violation_list_schema(schema: &RefOr<Schema>) -> bool {
    let RefOr::T(Schema::Array(array)) = schema else {
        return false;
    };
    let ArrayItems::RefOrSchema(items) = &array.items else {
        return false;
    };
    match &**items {
        RefOr::Ref(reference) => reference.ref_location.ends_with("/Violation"),
        inline => *inline == Violation::schema(),
    }
}

/// The envelope schema of a response whose `errors` member has the API's own shape:
/// the shared one, inline, with `errors` described by `errors`.
fn envelope_with_own_errors(errors: RefOr<Schema>) -> RefOr<Schema> {
    let error = error_object_schema().property("errors", errors);
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(ENVELOPE_DESCRIPTION))
        .property("error", error)
        .required("error")
        .into()
}

/// An example value of a schema: its own example or default where it gives one, else the
/// zero value of its type (`0`, `""`, `false`, `[]`, `{}`); `null` for a reference, a
/// composite schema or an unknown type.
fn placeholder(schema: Option<&RefOr<Schema>>) -> Value {
    let Some(RefOr::T(schema)) = schema else {
        return Value::Null;
    };
    match schema {
        // The examples of the items, where their schema gives some.
        Schema::Array(array) => match &array.items {
            ArrayItems::RefOrSchema(items) => match &**items {
                RefOr::T(Schema::OneOf(one_of)) => Value::Array(one_of.examples.clone()),
                RefOr::T(Schema::Object(object)) => {
                    Value::Array(object.examples.iter().take(1).cloned().collect())
                }
                _ => Value::Array(Vec::new()),
            },
            ArrayItems::False => Value::Array(Vec::new()),
        },
        Schema::Object(object) => {
            if let Some(value) = object.examples.first().or(object.example.as_ref()) {
                return value.clone();
            }
            if let Some(value) = object.default.as_ref() {
                return value.clone();
            }
            if let Some(value) = object
                .enum_values
                .as_ref()
                .and_then(|values| values.first())
            {
                return value.clone();
            }
            let ty = match &object.schema_type {
                SchemaType::Type(ty) => ty,
                SchemaType::Array(types) => match types.iter().find(|ty| **ty != Type::Null) {
                    Some(ty) => ty,
                    None => return Value::Null,
                },
                SchemaType::AnyValue => return Value::Null,
            };
            match ty {
                Type::String => Value::from(""),
                Type::Integer | Type::Number => Value::from(0),
                Type::Boolean => Value::from(false),
                Type::Array => Value::Array(Vec::new()),
                Type::Object => Value::Object(Map::new()),
                _ => Value::Null,
            }
        }
        _ => Value::Null,
    }
}

/// The responses of a catalogue: one per status, each referring to the `ErrorEnvelope`
/// component (register it in the document) and with one example per distinct entry; a
/// `default` response where the catalogue is open.
///
/// An example is the envelope of its entry, members in the order they are sent: `code`,
/// `message`, `doc_url` where the type sets one, then every extension member.
///
/// - `message` is the message as sent when it has no placeholders, and otherwise the
///   template itself (`"Certificate {id} does not exist."`), which the example's
///   description says.
/// - An extension member's value is a placeholder: the example or default of its type's
///   `utoipa` schema, else that type's zero value (`0`, `""`, `false`, `[]`, `{}`), else
///   `null` (a type without a schema, a type parameter, a member of a transparent
///   variant's type). Every member is shown, `Option` ones included, though those are
///   left out of a body when `None`; the example's description lists the members.
/// - A code whose variant has its own member named `errors` of another shape than a
///   list of [`Violation`]s (a map of messages by field, say) gets the envelope schema
///   inline, with `errors` described by that member's schema, rather than the reference
///   to `ErrorEnvelope`, whose `errors` is a list of violations.
/// - The order is kept in the serialised document only when `serde_json`'s
///   `preserve_order` feature is enabled; without it, `serde_json` sorts the members of
///   every JSON object, and the order carries no meaning in JSON.
#[must_use]
pub fn responses(catalogue: Catalogue, placeholders: &Placeholders) -> Responses {
    let mut by_status: BTreeMap<u16, Vec<Entry>> = BTreeMap::new();
    for entry in catalogue.iter() {
        let entries = by_status.entry(entry.status()).or_default();
        // A type reached through two transparent paths is listed once.
        if !entries.contains(&entry) {
            entries.push(entry);
        }
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
            examples.push((name, example(entry, placeholders)));
        }
        // A code whose `errors` member has the API's own shape is described as it is
        // sent, not as the shared list of violations.
        let own_errors = entries
            .iter()
            .find_map(|entry| placeholders.own_errors.get(entry.code()));
        let schema = match own_errors {
            Some(errors) => envelope_with_own_errors(errors.clone()),
            None => component::<ErrorEnvelope>(),
        };
        let content = ContentBuilder::new()
            .schema(Some(schema))
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
            .schema(Some(component::<ErrorEnvelope>()))
            .build();
        let response = ResponseBuilder::new()
            .description("Any other error, in the Certifier error format.")
            .content("application/json", content)
            .build();
        responses.insert("default".to_string(), RefOr::T(response));
    }
    responses
}

/// The message as sent, when the template has no placeholder: `{{` and `}}` unescaped.
fn literal_message(template: &str) -> Option<String> {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' if chars.peek() == Some(&c) => {
                chars.next();
                out.push(c);
            }
            '{' | '}' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// Whether `value` is the placeholder of a list of [`Violation`]s.
fn is_violation_list(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|items| items.as_slice() == violation_examples().as_slice())
}

fn example(entry: &Entry, placeholders: &Placeholders) -> utoipa::openapi::example::Example {
    let mut object = Map::new();
    object.insert("code".into(), Value::from(entry.code()));
    let literal = literal_message(entry.message());
    let message = literal
        .clone()
        .unwrap_or_else(|| entry.message().to_string());
    object.insert("message".into(), Value::from(message));
    if let Some(url) = entry.doc_url() {
        object.insert("doc_url".into(), Value::from(url.to_string()));
    }
    for member in entry.members() {
        let mut value = placeholders.get(entry.code(), member);
        // An `invalid_json` answer's items are about the syntax.
        if entry.code() == "invalid_json" && is_violation_list(&value) {
            value = Value::Array(alloc::vec![syntax_example()]);
        }
        object.insert((*member).to_string(), value);
    }
    let mut notes = Vec::new();
    if literal.is_none() {
        notes.push(String::from(
            "`message` is the template: each `{…}` is filled in from the error.",
        ));
    }
    if !entry.members().is_empty() {
        let members: Vec<String> = entry
            .members()
            .iter()
            .map(|member| alloc::format!("`{member}`"))
            .collect();
        notes.push(alloc::format!(
            "Extension members (placeholder values): {}.",
            members.join(", ")
        ));
    }
    if entry.has_flattened_members() {
        notes.push(String::from("Members of flattened fields are not shown."));
    }
    let mut builder = ExampleBuilder::new()
        .summary(entry.description().to_string())
        .value(Some(json!({ "error": object })));
    if !notes.is_empty() {
        builder = builder.description(notes.join(" "));
    }
    builder.build()
}
