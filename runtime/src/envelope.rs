//! The envelope as a client decodes it: `ErrorEnvelope`, `ErrorObject`, `ExtensionMap`.

use alloc::string::String;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::Code;

/// The extension members of an error object, as a JSON object: every member other than
/// `code` and `message`.
///
/// This is [`serde_json::Map`], so its key order is that map's: sorted by key, or in
/// document order when serde_json's `preserve_order` feature is enabled in the build.
/// Name a struct of your own as the `X` of [`ErrorEnvelope`] when an endpoint documents
/// its members and their order matters.
///
/// ```
/// use certifier_error::{ErrorEnvelope, ExtensionMap};
///
/// let body = r#"{"error":{"code":"rate_limited","message":"Slow down.","retryAfter":30}}"#;
/// let envelope: ErrorEnvelope = serde_json::from_str(body)?;
/// let members: &ExtensionMap = &envelope.error.extensions;
/// assert_eq!(members["retryAfter"], 30);
/// assert_eq!(members.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type ExtensionMap = serde_json::Map<String, serde_json::Value>;

/// The former name of [`ExtensionMap`], which read like `http::Extensions` in every
/// handler that imported both.
#[deprecated(since = "0.1.0", note = "renamed to `ExtensionMap`")]
pub type Extensions = ExtensionMap;

/// A whole error body, `{"error": {"code": .., "message": .., ..extensions}}`.
///
/// Decoding never fails on a code this version does not know (it becomes
/// [`Code::Other`]) or on members it does not expect (they go into the extensions), only
/// on a body without an `error` object holding a string `code` and a string `message`.
/// Members of the body beside `error` are ignored.
///
/// `X` holds the extension members. By default it is [`ExtensionMap`], which keeps all of
/// them; an endpoint's own `#[derive(Deserialize)]` struct picks out the members it
/// documents (and ignores the others, unless it denies unknown fields). `X` is
/// deserialised from the JSON object of the remaining members, so it must accept an
/// object: a struct, a map, or [`serde::de::IgnoredAny`] to drop them.
///
/// ```
/// use certifier_error::{Code, ErrorEnvelope};
///
/// let body = r#"{"error":{"code":"validation_error","message":"m","errors":[1]}}"#;
/// let envelope: ErrorEnvelope = serde_json::from_str(body)?;
/// assert_eq!(envelope.error.code, Code::ValidationError);
/// assert_eq!(envelope.error.message, "m");
/// assert_eq!(envelope.error.extensions["errors"], serde_json::json!([1]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// With an endpoint's own extension struct:
///
/// ```
/// use certifier_error::{Code, ErrorEnvelope};
/// use serde::Deserialize;
///
/// #[derive(Debug, Deserialize)]
/// struct Limits {
///     retry_after: u64,
/// }
///
/// let body = r#"{"error":{"code":"rate_limited","message":"Slow down.","retry_after":30,"new":1}}"#;
/// let envelope: ErrorEnvelope<Limits> = serde_json::from_str(body)?;
/// assert_eq!(envelope.error.code, Code::RateLimited);
/// assert_eq!(envelope.error.extensions.retry_after, 30);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Serialising writes the body back, `code` and `message` first:
///
/// ```
/// use certifier_error::{Code, ErrorEnvelope, ErrorObject, ExtensionMap};
///
/// let envelope = ErrorEnvelope::from(ErrorObject {
///     code: Code::NotFound,
///     message: "Nothing here.".into(),
///     extensions: ExtensionMap::new(),
/// });
/// assert_eq!(
///     serde_json::to_string(&envelope)?,
///     r#"{"error":{"code":"not_found","message":"Nothing here."}}"#,
/// );
/// assert_eq!(envelope.to_string(), "Nothing here.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnvelope<X = ExtensionMap> {
    /// The error object.
    ///
    /// ```
    /// use certifier_error::{Code, ErrorEnvelope};
    ///
    /// let body = r#"{"error":{"code":"forbidden","message":"No."}}"#;
    /// let envelope: ErrorEnvelope = serde_json::from_str(body)?;
    /// assert_eq!(envelope.error.code, Code::Forbidden);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub error: ErrorObject<X>,
}

/// The error object of a body: its code, its message and the other members.
///
/// Decodes on its own as well as inside an [`ErrorEnvelope`], with the same rules:
/// an unknown code becomes [`Code::Other`] and every member other than `code` and
/// `message` goes into `extensions`.
///
/// ```
/// use certifier_error::{Code, ErrorObject};
///
/// let object: ErrorObject =
///     serde_json::from_str(r#"{"code":"plan_limit","message":"Upgrade.","max":3}"#)?;
/// assert_eq!(object.code, Code::Other("plan_limit".into()));
/// assert_eq!(object.code.status(), None);
/// assert_eq!(object.extensions["max"], 3);
/// assert_eq!(object.to_string(), "Upgrade.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorObject<X = ExtensionMap> {
    /// The error code; branch on it rather than on the HTTP status.
    ///
    /// ```
    /// use certifier_error::{Code, ErrorObject};
    ///
    /// let object: ErrorObject =
    ///     serde_json::from_str(r#"{"code":"conflict","message":"Retry."}"#)?;
    /// assert!(matches!(object.code, Code::Conflict));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub code: Code,
    /// The public message, safe to show a user. Do not branch on its text.
    ///
    /// ```
    /// use certifier_error::ErrorObject;
    ///
    /// let object: ErrorObject =
    ///     serde_json::from_str(r#"{"code":"conflict","message":"Retry."}"#)?;
    /// assert_eq!(object.message, "Retry.");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub message: String,
    /// Every other member of the error object (flattened into it when serialised).
    ///
    /// ```
    /// use certifier_error::ErrorObject;
    ///
    /// let object: ErrorObject =
    ///     serde_json::from_str(r#"{"code":"conflict","message":"Retry.","id":"c_1"}"#)?;
    /// assert_eq!(object.extensions["id"], "c_1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub extensions: X,
}

impl<X: Default> ErrorObject<X> {
    /// An error object with `code`, `message` and no extension members (`X`'s default),
    /// to build on the client side, in tests or for a server of one's own. Add members
    /// with [`with_extensions`](ErrorObject::with_extensions).
    ///
    /// ```
    /// use certifier_error::{Code, ErrorEnvelope, ErrorObject};
    ///
    /// let object: ErrorObject = ErrorObject::new(Code::NotFound, "Nothing here.");
    /// assert!(object.extensions.is_empty());
    /// assert_eq!(
    ///     serde_json::to_string(&ErrorEnvelope::from(object))?,
    ///     r#"{"error":{"code":"not_found","message":"Nothing here."}}"#,
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(code: impl Into<Code>, message: impl Into<String>) -> Self {
        ErrorObject {
            code: code.into(),
            message: message.into(),
            extensions: X::default(),
        }
    }
}

impl<X> ErrorObject<X> {
    /// The same code and message with `extensions` as the other members.
    ///
    /// ```
    /// use certifier_error::{Code, ErrorObject};
    ///
    /// #[derive(Debug, Default, serde::Serialize)]
    /// struct Limits {
    ///     retry_after: u64,
    /// }
    ///
    /// let object = ErrorObject::<()>::new("rate_limited", "Slow down.")
    ///     .with_extensions(Limits { retry_after: 30 });
    /// assert_eq!(object.code, Code::RateLimited);
    /// assert_eq!(
    ///     serde_json::to_string(&object)?,
    ///     r#"{"code":"rate_limited","message":"Slow down.","retry_after":30}"#,
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn with_extensions<Y>(self, extensions: Y) -> ErrorObject<Y> {
        ErrorObject {
            code: self.code,
            message: self.message,
            extensions,
        }
    }
}

/// Wraps an error object in its envelope.
///
/// ```
/// use certifier_error::{Code, ErrorEnvelope, ErrorObject};
///
/// let object = ErrorObject { code: Code::Conflict, message: "Retry.".into(), extensions: () };
/// let envelope = ErrorEnvelope::from(object);
/// assert_eq!(
///     serde_json::to_string(&envelope)?,
///     r#"{"error":{"code":"conflict","message":"Retry."}}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<X> From<ErrorObject<X>> for ErrorEnvelope<X> {
    fn from(error: ErrorObject<X>) -> Self {
        ErrorEnvelope { error }
    }
}

/// Writes the message.
///
/// ```
/// use certifier_error::ErrorEnvelope;
///
/// let envelope: ErrorEnvelope =
///     serde_json::from_str(r#"{"error":{"code":"conflict","message":"Retry."}}"#)?;
/// assert_eq!(envelope.to_string(), "Retry.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<X> fmt::Display for ErrorEnvelope<X> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

/// Writes the message.
///
/// ```
/// use certifier_error::ErrorObject;
///
/// let object: ErrorObject =
///     serde_json::from_str(r#"{"code":"conflict","message":"Retry."}"#)?;
/// assert_eq!(object.to_string(), "Retry.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<X> fmt::Display for ErrorObject<X> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A decoded error body is an error, so a client can return it with `?`.
///
/// ```
/// use certifier_error::ErrorEnvelope;
///
/// fn check(body: &str) -> Result<(), Box<dyn std::error::Error>> {
///     let envelope: ErrorEnvelope = serde_json::from_str(body)?;
///     Err(envelope.into())
/// }
///
/// let error = check(r#"{"error":{"code":"conflict","message":"Retry."}}"#).unwrap_err();
/// assert_eq!(error.to_string(), "Retry.");
/// ```
impl<X: fmt::Debug> core::error::Error for ErrorEnvelope<X> {}

/// A decoded error object is an error, so a client can return it with `?`.
///
/// ```
/// use certifier_error::ErrorObject;
///
/// let object: ErrorObject =
///     serde_json::from_str(r#"{"code":"conflict","message":"Retry."}"#)?;
/// let error: Box<dyn std::error::Error> = Box::new(object);
/// assert_eq!(error.to_string(), "Retry.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<X: fmt::Debug> core::error::Error for ErrorObject<X> {}

/// Writes `{"error": {"code": .., "message": .., ..extensions}}`.
///
/// ```
/// use certifier_error::ErrorEnvelope;
///
/// let body = r#"{"error":{"code":"rate_limited","message":"Slow down.","retryAfter":30}}"#;
/// let envelope: ErrorEnvelope = serde_json::from_str(body)?;
/// assert_eq!(serde_json::to_string(&envelope)?, body);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<X: Serialize> Serialize for ErrorEnvelope<X> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut envelope = serializer.serialize_map(Some(1))?;
        envelope.serialize_entry("error", &self.error)?;
        envelope.end()
    }
}

/// Writes `{"code": .., "message": .., ..extensions}`: the members of `extensions`
/// follow `code` and `message` in the same object. `extensions` must serialise as a
/// struct, a map, `()` or `None`.
///
/// ```
/// use certifier_error::{Code, ErrorObject};
///
/// #[derive(serde::Serialize)]
/// struct Limits {
///     retry_after: u64,
/// }
///
/// let object = ErrorObject {
///     code: Code::RateLimited,
///     message: "Slow down.".into(),
///     extensions: Limits { retry_after: 30 },
/// };
/// assert_eq!(
///     serde_json::to_string(&object)?,
///     r#"{"code":"rate_limited","message":"Slow down.","retry_after":30}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<X: Serialize> Serialize for ErrorObject<X> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_map(None)?;
        object.serialize_entry("code", &self.code)?;
        object.serialize_entry("message", &self.message)?;
        crate::__private::serialize_flattened(&self.extensions, &mut object, &["code", "message"])?;
        object.end()
    }
}

/// Reads a whole error body; see [`ErrorEnvelope`] for what is accepted.
///
/// ```
/// use certifier_error::{Code, ErrorEnvelope};
///
/// let body = r#"{"request_id":"r_1","error":{"code":"new_code","message":"m"}}"#;
/// let envelope: ErrorEnvelope = serde_json::from_str(body)?;
/// assert_eq!(envelope.error.code, Code::Other("new_code".into()));
///
/// assert!(serde_json::from_str::<ErrorEnvelope>(r#"{"code":"x","message":"m"}"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<'de, X: DeserializeOwned> Deserialize<'de> for ErrorEnvelope<X> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EnvelopeVisitor(PhantomData))
    }
}

/// Reads an error object; see [`ErrorObject`] for what is accepted.
///
/// ```
/// use certifier_error::ErrorObject;
///
/// assert!(serde_json::from_str::<ErrorObject>(r#"{"code":"x","message":"m"}"#).is_ok());
/// assert!(serde_json::from_str::<ErrorObject>(r#"{"code":"x"}"#).is_err());
/// assert!(serde_json::from_str::<ErrorObject>(r#"{"code":4,"message":"m"}"#).is_err());
/// ```
impl<'de, X: DeserializeOwned> Deserialize<'de> for ErrorObject<X> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }
}

/// A member name of the envelope: `error`, or one that is ignored.
enum EnvelopeKey {
    Error,
    Ignored,
}

impl<'de> Deserialize<'de> for EnvelopeKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = EnvelopeKey;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a member name")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<EnvelopeKey, E> {
                Ok(match name {
                    "error" => EnvelopeKey::Error,
                    _ => EnvelopeKey::Ignored,
                })
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct EnvelopeVisitor<X>(PhantomData<fn() -> X>);

impl<'de, X: DeserializeOwned> Visitor<'de> for EnvelopeVisitor<X> {
    type Value = ErrorEnvelope<X>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an error body with an `error` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut error = None;
        while let Some(key) = map.next_key()? {
            match key {
                EnvelopeKey::Error => {
                    if error.is_some() {
                        return Err(de::Error::duplicate_field("error"));
                    }
                    error = Some(map.next_value()?);
                }
                EnvelopeKey::Ignored => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match error {
            Some(error) => Ok(ErrorEnvelope { error }),
            None => Err(de::Error::missing_field("error")),
        }
    }
}

/// A member name of the error object: `code`, `message`, or an extension's name.
enum ObjectKey {
    Code,
    Message,
    Extension(String),
}

impl<'de> Deserialize<'de> for ObjectKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = ObjectKey;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a member name")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<ObjectKey, E> {
                Ok(match name {
                    "code" => ObjectKey::Code,
                    "message" => ObjectKey::Message,
                    _ => ObjectKey::Extension(name.into()),
                })
            }

            fn visit_string<E: de::Error>(self, name: String) -> Result<ObjectKey, E> {
                Ok(match name.as_str() {
                    "code" => ObjectKey::Code,
                    "message" => ObjectKey::Message,
                    _ => ObjectKey::Extension(name),
                })
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct ObjectVisitor<X>(PhantomData<fn() -> X>);

impl<'de, X: DeserializeOwned> Visitor<'de> for ObjectVisitor<X> {
    type Value = ErrorObject<X>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an error object with `code` and `message`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut code: Option<Code> = None;
        let mut message: Option<String> = None;
        let mut extensions = ExtensionMap::new();
        while let Some(key) = map.next_key()? {
            match key {
                ObjectKey::Code => {
                    if code.is_some() {
                        return Err(de::Error::duplicate_field("code"));
                    }
                    code = Some(map.next_value()?);
                }
                ObjectKey::Message => {
                    if message.is_some() {
                        return Err(de::Error::duplicate_field("message"));
                    }
                    message = Some(map.next_value()?);
                }
                ObjectKey::Extension(name) => {
                    let value = map.next_value()?;
                    extensions.insert(name, value);
                }
            }
        }
        let code = code.ok_or_else(|| de::Error::missing_field("code"))?;
        let message = message.ok_or_else(|| de::Error::missing_field("message"))?;
        let extensions =
            X::deserialize(serde_json::Value::Object(extensions)).map_err(de::Error::custom)?;
        Ok(ErrorObject {
            code,
            message,
            extensions,
        })
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;
    use alloc::vec::Vec;

    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Limits {
        retry_after: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quota: Option<u32>,
    }

    fn decode(body: &str) -> Result<ErrorEnvelope, serde_json::Error> {
        serde_json::from_str(body)
    }

    #[test]
    fn known_code_becomes_named_variant() {
        let envelope = decode(r#"{"error":{"code":"not_found","message":"m"}}"#).unwrap();
        assert_eq!(envelope.error.code, Code::NotFound);
        assert_eq!(envelope.error.message, "m");
        assert!(envelope.error.extensions.is_empty());
    }

    #[test]
    fn unknown_code_becomes_other() {
        let envelope = decode(r#"{"error":{"code":"plan_limit","message":"m"}}"#).unwrap();
        assert_eq!(envelope.error.code, Code::Other("plan_limit".into()));
    }

    #[test]
    fn unknown_members_are_kept() {
        let body =
            r#"{"error":{"zeta":1,"code":"x","alpha":{"b":[true]},"message":"m","mid":null}}"#;
        let envelope = decode(body).unwrap();
        let members = &envelope.error.extensions;
        assert_eq!(members.len(), 3);
        assert_eq!(members["zeta"], 1);
        assert_eq!(members["alpha"], json!({"b": [true]}));
        assert_eq!(members["mid"], json!(null));
        // In the order serde_json's own map keeps for the same members.
        let expected: ExtensionMap =
            serde_json::from_str(r#"{"zeta":1,"alpha":{"b":[true]},"mid":null}"#).unwrap();
        let keys: Vec<&String> = members.keys().collect();
        let expected_keys: Vec<&String> = expected.keys().collect();
        assert_eq!(keys, expected_keys);
    }

    #[test]
    fn other_top_level_members_are_ignored() {
        let body = r#"{"before":[1,{"error":2}],"error":{"code":"x","message":"m"},"after":3}"#;
        let envelope = decode(body).unwrap();
        assert_eq!(envelope.error.code, Code::Other("x".into()));
    }

    #[test]
    fn user_struct_as_extensions() {
        let body = r#"{"error":{"code":"rate_limited","message":"m","retryAfter":30,"other":1}}"#;
        let envelope: ErrorEnvelope<Limits> = serde_json::from_str(body).unwrap();
        assert_eq!(
            envelope.error.extensions,
            Limits {
                retry_after: 30,
                quota: None
            }
        );
        let missing = r#"{"error":{"code":"rate_limited","message":"m"}}"#;
        let error = serde_json::from_str::<ErrorEnvelope<Limits>>(missing).unwrap_err();
        assert!(error.to_string().contains("retryAfter"), "{error}");
    }

    #[test]
    fn ignored_extensions() {
        let body = r#"{"error":{"code":"x","message":"m","a":1}}"#;
        let envelope: ErrorEnvelope<IgnoredAny> = serde_json::from_str(body).unwrap();
        assert_eq!(envelope.error.message, "m");
    }

    #[test]
    fn missing_members_are_errors() {
        let error = decode(r#"{"error":{"code":"x"}}"#).unwrap_err();
        assert!(
            error.to_string().contains("missing field `message`"),
            "{error}"
        );
        let error = decode(r#"{"error":{"message":"m"}}"#).unwrap_err();
        assert!(
            error.to_string().contains("missing field `code`"),
            "{error}"
        );
        let error = decode(r#"{"code":"x","message":"m"}"#).unwrap_err();
        assert!(
            error.to_string().contains("missing field `error`"),
            "{error}"
        );
    }

    #[test]
    fn duplicates_are_errors() {
        for body in [
            r#"{"error":{"code":"x","code":"y","message":"m"}}"#,
            r#"{"error":{"code":"x","message":"m","message":"n"}}"#,
            r#"{"error":{"code":"x","message":"m"},"error":{"code":"x","message":"m"}}"#,
        ] {
            let error = decode(body).unwrap_err();
            assert!(error.to_string().contains("duplicate field"), "{error}");
        }
    }

    #[test]
    fn wrong_types_are_errors() {
        // Each error names what was expected where, so that a client's log says which
        // part of the body was wrong.
        for (body, expected) in [
            (
                r#"{"error":{"code":404,"message":"m"}}"#,
                "error code string",
            ),
            (
                r#"{"error":{"code":null,"message":"m"}}"#,
                "error code string",
            ),
            (r#"{"error":{"code":"x","message":["m"]}}"#, "a string"),
            (
                r#"{"error":"not_found"}"#,
                "expected an error object with `code` and `message`",
            ),
            (
                r#"{"error":["x","m"]}"#,
                "expected an error object with `code` and `message`",
            ),
            (
                r#"{"error":null}"#,
                "expected an error object with `code` and `message`",
            ),
            (
                r#"["error"]"#,
                "expected an error body with an `error` object",
            ),
            (
                r#""error""#,
                "expected an error body with an `error` object",
            ),
        ] {
            let error = decode(body).unwrap_err().to_string();
            assert!(error.contains(expected), "{body}: {error}");
        }
    }

    #[test]
    fn member_names_must_be_strings() {
        use serde::de::value::{Error, MapDeserializer};

        // A format whose maps have other keys than strings (here, integers).
        let numbers = MapDeserializer::<_, Error>::new([(1_u32, 2_u32)].into_iter());
        let error = ErrorEnvelope::<ExtensionMap>::deserialize(numbers).unwrap_err();
        assert!(
            error.to_string().contains("expected a member name"),
            "{error}"
        );

        struct ObjectWithNumberKey;
        impl<'de> Deserializer<'de> for ObjectWithNumberKey {
            type Error = Error;
            fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                visitor.visit_map(MapDeserializer::new([(7_u32, 8_u32)].into_iter()))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf option unit unit_struct newtype_struct seq tuple
                tuple_struct map struct enum identifier ignored_any
            }
        }
        let error = ErrorObject::<ExtensionMap>::deserialize(ObjectWithNumberKey).unwrap_err();
        assert!(
            error.to_string().contains("expected a member name"),
            "{error}"
        );
    }

    #[test]
    fn decodes_from_a_value() {
        let value = json!({"error": {"code": "conflict", "message": "m", "id": "c_1"}});
        let envelope: ErrorEnvelope = serde_json::from_value(value).unwrap();
        assert_eq!(envelope.error.code, Code::Conflict);
        assert_eq!(envelope.error.extensions["id"], "c_1");
    }

    #[test]
    fn serialize_round_trip_is_exact() {
        for body in [
            r#"{"error":{"code":"not_found","message":"m"}}"#,
            r#"{"error":{"code":"plan_limit","message":"Upgrade \"now\".","a":[1,2],"b":{"c":null}}}"#,
        ] {
            let envelope = decode(body).unwrap();
            assert_eq!(serde_json::to_string(&envelope).unwrap(), body);
        }
        let body = r#"{"error":{"code":"rate_limited","message":"m","retryAfter":30}}"#;
        let envelope: ErrorEnvelope<Limits> = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_string(&envelope).unwrap(), body);
        let back: ErrorEnvelope<Limits> =
            serde_json::from_str(&serde_json::to_string(&envelope).unwrap()).unwrap();
        assert_eq!(back, envelope);
    }

    #[test]
    fn display_writes_the_message() {
        let envelope = decode(r#"{"error":{"code":"x","message":"Shown."}}"#).unwrap();
        assert_eq!(envelope.to_string(), "Shown.");
        assert_eq!(envelope.error.to_string(), "Shown.");
    }
}
