//! Feature `schemars`: JSON Schemas of the envelope types and of derived types.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

use crate::__private::choice::{type_question, FirstChoice, LastChoice};
use crate::catalogue::Catalogue;
use crate::{CertifierError, Code, ErrorEnvelope, ErrorObject, Extensions, StandardError};

const CODE_PATTERN: &str = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$";

/// A snake_case string; the known codes are examples, since a client must accept codes it
/// does not know. Named `ErrorCode`.
///
/// ```
/// use certifier_error::Code;
///
/// let schema = schemars::schema_for!(Code);
/// assert_eq!(schema.get("type").unwrap(), "string");
/// ```
impl JsonSchema for Code {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorCode")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed("certifier_error::Code")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let examples: Vec<&str> = StandardError::ALL
            .iter()
            .map(|error| error.code())
            .collect();
        json_schema!({
            "type": "string",
            "pattern": CODE_PATTERN,
            "description": "A Certifier error code. Branch on it rather than on the HTTP status; new codes may appear at any time.",
            "examples": examples,
        })
    }
}

/// The schema of `X` (an object: its members are the extension members) with `code` and
/// `message` added and required. With the default `X`, [`Extensions`], any other member
/// is allowed. Named `ErrorObject`, or `ErrorObject_for_{X}` for another `X`.
///
/// ```
/// use certifier_error::ErrorObject;
///
/// let schema = schemars::schema_for!(ErrorObject);
/// let required = schema.get("required").unwrap();
/// assert_eq!(required, &serde_json::json!(["code", "message"]));
/// ```
impl<X: JsonSchema> JsonSchema for ErrorObject<X> {
    fn schema_name() -> Cow<'static, str> {
        if X::schema_id() == Extensions::schema_id() {
            Cow::Borrowed("ErrorObject")
        } else {
            Cow::Owned(alloc::format!("ErrorObject_for_{}", X::schema_name()))
        }
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Owned(alloc::format!(
            "certifier_error::ErrorObject<{}>",
            X::schema_id()
        ))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = X::json_schema(generator);
        let code = generator.subschema_for::<Code>();
        let object = schema.ensure_object();
        object.insert("type".into(), "object".into());
        let properties = object
            .entry("properties")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(properties) = properties {
            properties.insert("code".into(), code.to_value());
            properties.insert(
                "message".into(),
                json_schema!({
                    "type": "string",
                    "description": "A neutral message, safe to show a user.",
                })
                .to_value(),
            );
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

/// `{"error": ErrorObject<X>}`. Named `ErrorEnvelope`, or `ErrorEnvelope_for_{X}`.
///
/// ```
/// use certifier_error::ErrorEnvelope;
///
/// let schema = schemars::schema_for!(ErrorEnvelope);
/// assert_eq!(schema.get("required").unwrap(), &serde_json::json!(["error"]));
/// ```
impl<X: JsonSchema> JsonSchema for ErrorEnvelope<X> {
    fn schema_name() -> Cow<'static, str> {
        if X::schema_id() == Extensions::schema_id() {
            Cow::Borrowed("ErrorEnvelope")
        } else {
            Cow::Owned(alloc::format!("ErrorEnvelope_for_{}", X::schema_name()))
        }
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Owned(alloc::format!(
            "certifier_error::ErrorEnvelope<{}>",
            X::schema_id()
        ))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let error = generator.subschema_for::<ErrorObject<X>>();
        json_schema!({
            "type": "object",
            "description": "A Certifier error body.",
            "properties": { "error": error },
            "required": ["error"],
        })
    }
}

type_question! {
    /// The question: how to get the `JsonSchema` of a member's type (a reference where the
    /// generator keeps definitions), or `None` where it has none (a type parameter
    /// included), so that the feature never requires one. See
    /// [`choice`](crate::__private::choice).
    JsonSchemaOf
}

impl<T: JsonSchema + ?Sized> FirstChoice for &&JsonSchemaOf<T> {
    type Choice = Option<fn(&mut SchemaGenerator) -> Schema>;
    fn choose(self) -> Self::Choice {
        Some(|generator| generator.subschema_for::<T>())
    }
}

impl<T: ?Sized> LastChoice for JsonSchemaOf<T> {
    type Choice = Option<fn(&mut SchemaGenerator) -> Schema>;
    fn choose(self) -> Self::Choice {
        None
    }
}

/// The extension members of a derived type, collected by its generated `JsonSchema`.
pub struct Members {
    properties: Map<String, Value>,
}

impl Members {
    /// No members yet.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Members {
            properties: Map::new(),
        }
    }

    /// A member of one of the type's own variants; a type without a schema accepts any
    /// value. The first variant to name a member decides its schema.
    pub fn member(&mut self, name: &str, schema: Option<Schema>) {
        if !self.properties.contains_key(name) {
            let schema = schema.unwrap_or_else(|| Schema::from(true));
            self.properties.insert(name.to_string(), schema.to_value());
        }
    }

    /// The members of a transparent variant's type, taken from its envelope schema.
    pub fn inner(&mut self, schema: Option<Schema>) {
        let Some(schema) = schema else {
            return;
        };
        let Some(Value::Object(properties)) = schema.pointer("/properties/error/properties") else {
            return;
        };
        for (name, member) in properties {
            if matches!(name.as_str(), "code" | "message" | "doc_url") {
                continue;
            }
            if !self.properties.contains_key(name) {
                self.properties.insert(name.clone(), member.clone());
            }
        }
    }

    /// The envelope schema of the type: `code` (one of its codes), `message`, `doc_url`
    /// where every entry has one, and its members, none required.
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
        properties.insert(
            "message".into(),
            json_schema!({
                "type": "string",
                "description": "A neutral message, safe to show a user.",
            })
            .to_value(),
        );
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
        for (name, schema) in self.properties {
            properties.entry(name).or_insert(schema);
        }
        json_schema!({
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": properties,
                    "required": required,
                }
            },
            "required": ["error"],
        })
    }
}
