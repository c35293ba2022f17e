//! Feature `schemars`: JSON Schemas of the envelope types and of derived types.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

use super::common::{
    known_codes, violation_examples, CODE_DESCRIPTION, CODE_PATTERN, ENVELOPE_DESCRIPTION,
    ERRORS_DESCRIPTION, MESSAGE_DESCRIPTION, PARAMETER_DESCRIPTION, POINTER_DESCRIPTION,
    PROBLEM_DESCRIPTION, PROBLEM_EXTENSIONS_DESCRIPTION, PROBLEM_TITLE_DESCRIPTION,
    PROBLEM_TYPE_DESCRIPTION, REQUEST_ID_DESCRIPTION, VIOLATION_DESCRIPTION,
};
use crate::catalogue::Catalogue;
use crate::{Code, ErrorEnvelope, ErrorObject, ExtensionMap, ProblemDetails, Violation};

/// A snake_case string; the known codes are examples, since a client must accept codes it
/// does not know. Named `ErrorCode`.
///
/// ```
/// use certifier_error::Code;
///
/// let schema = schemars::schema_for!(Code);
/// assert_eq!(schema.get("type").unwrap(), "string");
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "schemars-1")))]
impl JsonSchema for Code {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorCode")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed("certifier_error::Code")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let examples: Vec<&str> = known_codes().collect();
        json_schema!({
            "type": "string",
            "pattern": CODE_PATTERN,
            "description": CODE_DESCRIPTION,
            "examples": examples,
        })
    }
}

/// The schema of `X` (an object: its members are the extension members) with `code` and
/// `message` added and required, and `request_id` (which the envelope layers add)
/// described. With the default `X`, [`ExtensionMap`], any other member
/// is allowed, and `errors` is described: a list of [`Violation`](crate::Violation)s. Named `ErrorObject`, or `ErrorObject_for_{X}` for another `X`.
///
/// ```
/// use certifier_error::ErrorObject;
///
/// let schema = schemars::schema_for!(ErrorObject);
/// let required = schema.get("required").unwrap();
/// assert_eq!(required, &serde_json::json!(["code", "message"]));
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "schemars-1")))]
impl<X: JsonSchema> JsonSchema for ErrorObject<X> {
    fn schema_name() -> Cow<'static, str> {
        name_for::<X>("ErrorObject")
    }

    fn schema_id() -> Cow<'static, str> {
        id_for::<X>("ErrorObject")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = X::json_schema(generator);
        let code = generator.subschema_for::<Code>();
        // The one member the format itself defines beside `code` and `message`.
        let errors = is_extensions::<X>().then(|| {
            let item = generator.subschema_for::<Violation>();
            json_schema!({
                "type": "array",
                "items": item,
                "description": ERRORS_DESCRIPTION,
            })
        });
        let object = schema.ensure_object();
        object.insert("type".into(), "object".into());
        let properties = object
            .entry("properties")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(properties) = properties {
            properties.insert("code".into(), code.to_value());
            properties.insert("message".into(), message_string().to_value());
            if let Some(errors) = errors {
                properties.insert("errors".into(), errors.to_value());
            }
            properties.insert("request_id".into(), request_id_string().to_value());
        }
        let required = object
            .entry("required")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(required) = required {
            required.retain(|name| name != "code" && name != "message");
            required.insert(0, "message".into());
            required.insert(0, "code".into());
        }
        schema
    }
}

/// Whether `X` is the default [`ExtensionMap`], which names keep out of their schema names.
fn is_extensions<X: JsonSchema>() -> bool {
    X::schema_id() == ExtensionMap::schema_id()
}

/// `base`, or `{base}_for_{X}` for an `X` other than [`ExtensionMap`].
fn name_for<X: JsonSchema>(base: &'static str) -> Cow<'static, str> {
    if is_extensions::<X>() {
        Cow::Borrowed(base)
    } else {
        Cow::Owned(alloc::format!("{base}_for_{}", X::schema_name()))
    }
}

/// The id of `certifier_error::{base}<X>`.
fn id_for<X: JsonSchema>(base: &str) -> Cow<'static, str> {
    Cow::Owned(alloc::format!(
        "certifier_error::{base}<{}>",
        X::schema_id()
    ))
}

/// The `message` member.
fn message_string() -> Schema {
    json_schema!({ "type": "string", "description": MESSAGE_DESCRIPTION })
}

/// The `request_id` member, which the envelope layers add to every error object.
fn request_id_string() -> Schema {
    json_schema!({ "type": "string", "description": REQUEST_ID_DESCRIPTION })
}

/// `{"error": ErrorObject<X>}`. Named `ErrorEnvelope`, or `ErrorEnvelope_for_{X}`.
///
/// ```
/// use certifier_error::ErrorEnvelope;
///
/// let schema = schemars::schema_for!(ErrorEnvelope);
/// assert_eq!(schema.get("required").unwrap(), &serde_json::json!(["error"]));
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "schemars-1")))]
impl<X: JsonSchema> JsonSchema for ErrorEnvelope<X> {
    fn schema_name() -> Cow<'static, str> {
        name_for::<X>("ErrorEnvelope")
    }

    fn schema_id() -> Cow<'static, str> {
        id_for::<X>("ErrorEnvelope")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let error = generator.subschema_for::<ErrorObject<X>>();
        json_schema!({
            "type": "object",
            "description": ENVELOPE_DESCRIPTION,
            "properties": { "error": error },
            "required": ["error"],
        })
    }
}

/// The RFC 9457 problem the envelope layers answer with: `type`, `title`, `status`,
/// `detail` and `code`, and `errors`, `extensions` and `request_id` where given; other
/// members are allowed. Named `ProblemDetails`.
///
/// ```
/// use certifier_error::ProblemDetails;
///
/// let schema = schemars::schema_for!(ProblemDetails);
/// assert_eq!(
///     schema.get("required").unwrap(),
///     &serde_json::json!(["type", "title", "status", "detail", "code"])
/// );
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "schemars-1")))]
impl JsonSchema for ProblemDetails {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ProblemDetails")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed("certifier_error::ProblemDetails")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let code = generator.subschema_for::<Code>();
        let item = generator.subschema_for::<Violation>();
        json_schema!({
            "type": "object",
            "description": PROBLEM_DESCRIPTION,
            "properties": {
                "type": {
                    "type": "string",
                    "format": "uri-reference",
                    "default": "about:blank",
                    "description": PROBLEM_TYPE_DESCRIPTION,
                },
                "title": { "type": "string", "description": PROBLEM_TITLE_DESCRIPTION },
                "status": { "type": "integer", "minimum": 400, "maximum": 599 },
                "detail": message_string(),
                "code": code,
                "errors": { "type": "array", "items": item, "description": ERRORS_DESCRIPTION },
                "extensions": { "type": "object", "description": PROBLEM_EXTENSIONS_DESCRIPTION },
                "request_id": request_id_string(),
            },
            "required": ["type", "title", "status", "detail", "code"],
        })
    }
}

question_or_none! {
    /// The question: how to get the `JsonSchema` of a member's type (a reference where the
    /// generator keeps definitions), or `None` where it has none (a type parameter
    /// included), so that the feature never requires one. See
    /// [`choice`](crate::__private::choice).
    JsonSchemaOf<T: JsonSchema> -> Option<fn(&mut SchemaGenerator) -> Schema> = |generator| generator.subschema_for::<T>()
}

question_or_none! {
    /// The question: how to get the `JsonSchema` of a transparent field's type inline,
    /// never as a reference (the outer schema lists its members per code), or `None`
    /// where it has none. See [`choice`](crate::__private::choice).
    InlineJsonSchemaOf<T: JsonSchema> -> Option<fn(&mut SchemaGenerator) -> Schema> = T::json_schema
}

/// The extension members of a derived type, per code, collected by its generated
/// `JsonSchema`.
pub struct Members {
    /// Each code's members, in the order the codes come.
    by_code: Vec<(String, Map<String, Value>)>,
    /// Members of a transparent field's type whose schema does not say their code.
    shared: Map<String, Value>,
}

impl Members {
    /// No members yet.
    #[allow(clippy::new_without_default)]
    #[must_use]
    pub fn new() -> Self {
        Members {
            by_code: Vec::new(),
            shared: Map::new(),
        }
    }

    fn code_mut(&mut self, code: &str) -> &mut Map<String, Value> {
        let at = match self.by_code.iter().position(|(known, _)| known == code) {
            Some(at) => at,
            None => {
                self.by_code.push((code.to_string(), Map::new()));
                self.by_code.len() - 1
            }
        };
        &mut self.by_code[at].1
    }

    /// A member of one of the type's own variants with code `code`; a type without a
    /// schema accepts any value. Two variants of one code that give a member different
    /// schemas accept either.
    pub fn member(&mut self, code: &str, name: &str, schema: Option<Schema>) {
        let schema = schema.unwrap_or_else(|| Schema::from(true)).to_value();
        add(self.code_mut(code), name, schema);
    }

    /// A member of a transparent variant with `extend` fields, which follows the members
    /// of every entry of its inner error's catalogue `inner`: a member of each of those
    /// codes, as [`member`](Self::member) takes one.
    pub fn appended(&mut self, inner: Catalogue, name: &str, schema: Option<Schema>) {
        for entry in inner.iter() {
            self.member(entry.code(), name, schema.clone());
        }
    }

    /// The members of a transparent variant's type, per code, taken from its envelope
    /// schema: its subschemas per code where it has them, else all its members for
    /// every code.
    pub fn inner(&mut self, schema: Option<Schema>) {
        let Some(schema) = schema else {
            return;
        };
        let error = schema.pointer("/properties/error");
        if let Some(Value::Array(branches)) = error.and_then(|error| error.get("oneOf")) {
            for branch in branches {
                let Some(Value::Object(properties)) = branch.get("properties") else {
                    continue;
                };
                let Some(code) = properties
                    .get("code")
                    .and_then(|code| code.get("const"))
                    .and_then(Value::as_str)
                else {
                    continue;
                };
                let members = self.code_mut(code);
                for (name, member) in properties {
                    if name != "code" {
                        add(members, name, member.clone());
                    }
                }
            }
        }
        let Some(Value::Object(properties)) = error.and_then(|error| error.get("properties"))
        else {
            return;
        };
        for (name, member) in properties {
            if !matches!(name.as_str(), "code" | "message" | "doc_url") {
                add(&mut self.shared, name, member.clone());
            }
        }
    }

    /// The envelope schema of the type: `code` (one of its codes), `message`, `doc_url`
    /// where every entry has one, `request_id` (which the envelope layers add); then one
    /// subschema per code (`oneOf`, each keyed by
    /// its `code` as a `const`) with that code's members, none required, so that a body
    /// whose member does not fit its schema is rejected. Where the catalogue is open, one
    /// more subschema takes every other code.
    #[must_use]
    pub fn into_schema(self, catalogue: Catalogue) -> Schema {
        let mut codes: Vec<&str> = Vec::new();
        for entry in catalogue.iter() {
            if !codes.contains(&entry.code()) {
                codes.push(entry.code());
            }
        }
        let code = if catalogue.is_complete() {
            json_schema!({ "type": "string", "enum": codes })
        } else {
            json_schema!({ "type": "string", "pattern": CODE_PATTERN, "examples": codes })
        };
        let mut properties = Map::new();
        properties.insert("code".into(), code.to_value());
        properties.insert("message".into(), message_string().to_value());
        let mut required = alloc::vec![Value::from("code"), Value::from("message")];
        let with_url = catalogue
            .iter()
            .filter(|entry| entry.doc_url().is_some())
            .count();
        if with_url > 0 {
            properties.insert(
                "doc_url".into(),
                json_schema!({
                    "type": "string",
                    "format": "uri",
                    "description": "A link to the code's documentation.",
                })
                .to_value(),
            );
            if with_url == catalogue.len() && catalogue.is_complete() {
                required.push("doc_url".into());
            }
        }
        for (name, schema) in self.shared {
            properties.entry(name).or_insert(schema);
        }
        properties.insert("request_id".into(), request_id_string().to_value());
        let mut by_code = self.by_code;
        let mut branches: Vec<Value> = codes
            .iter()
            .map(|code| {
                let mut members = match by_code.iter().position(|(known, _)| known == code) {
                    Some(at) => by_code.swap_remove(at).1,
                    None => Map::new(),
                };
                members.insert("code".into(), serde_json::json!({ "const": code }));
                serde_json::json!({ "properties": members, "required": ["code"] })
            })
            .collect();
        if !catalogue.is_complete() {
            branches.push(serde_json::json!({
                "properties": { "code": { "not": { "enum": codes } } },
            }));
        }
        json_schema!({
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": properties,
                    "required": required,
                    "oneOf": branches,
                }
            },
            "required": ["error"],
        })
    }
}

/// Adds member `name` with `schema` to `members`; where it is there with another schema,
/// either is accepted.
fn add(members: &mut Map<String, Value>, name: &str, schema: Value) {
    match members.get_mut(name) {
        None => {
            members.insert(name.to_string(), schema);
        }
        Some(known) if *known == schema => {}
        Some(known) => {
            let only_any_of = known.as_object().is_some_and(|object| object.len() == 1);
            if let (true, Some(Value::Array(options))) = (only_any_of, known.get_mut("anyOf")) {
                if !options.contains(&schema) {
                    options.push(schema);
                }
                return;
            }
            *known = serde_json::json!({ "anyOf": [known.clone(), schema] });
        }
    }
}

/// An item of the `errors` member: `code` (snake_case), `message`, and exactly one of
/// `pointer` and `parameter`. Named `Violation`.
///
/// ```
/// use certifier_error::Violation;
///
/// let schema = serde_json::to_value(schemars::schema_for!(Violation)).unwrap();
/// assert_eq!(schema["required"], serde_json::json!(["code", "message"]));
/// assert_eq!(schema["oneOf"][0]["required"], serde_json::json!(["pointer"]));
/// ```
impl JsonSchema for Violation {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Violation")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed("certifier_error::Violation")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": VIOLATION_DESCRIPTION,
            "properties": {
                "code": { "type": "string", "pattern": CODE_PATTERN },
                "message": message_string(),
                "pointer": { "type": "string", "description": POINTER_DESCRIPTION },
                "parameter": { "type": "string", "description": PARAMETER_DESCRIPTION },
            },
            "required": ["code", "message"],
            "oneOf": [{ "required": ["pointer"] }, { "required": ["parameter"] }],
            "examples": violation_examples(),
        })
    }
}
