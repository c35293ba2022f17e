//! JSON request bodies whose failures are Certifier errors.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::error::Error;
use core::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_path_to_error::{Path, Segment, Track};

use crate::violation::PointerBuf;
use crate::{CertifierError, Violation};

/// Why a JSON request body was refused.
///
/// - A body that is not JSON answers `invalid_json`, even where a value of the wrong
///   type comes before the syntax error: its `errors` member has one `invalid_syntax`
///   item whose `pointer` is the member where the JSON breaks off (`""` for the body
///   itself).
/// - JSON that does not fit the expected type answers `validation_error`; its `errors`
///   member has one item for the first misfit, with its `pointer`: the member of the
///   wrong type (`invalid_type`), with a value out of the accepted ones
///   (`invalid_value`) or the wrong number of items (`invalid_length`), the member that
///   is missing (`missing`), not accepted (`unknown_member`) or repeated
///   (`duplicate_member`); `invalid` for anything else.
///
/// Messages are the codes' neutral defaults: nothing of the body is repeated but the
/// member names of the pointer, which are bounded (see [`Violation`]). The serde error
/// is kept as the `source()`, so logs show its line, column and wording.
///
/// ```
/// use certifier_error::server::{decode_json, JsonRejection};
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Issue {
///     domain: String,
/// }
///
/// let error = decode_json::<Issue>(Some(b"application/json"), b"{}").unwrap_err();
/// assert_eq!(error.code(), "validation_error");
/// assert_eq!(
///     serde_json::to_string(&error)?,
///     concat!(
///         r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","#,
///         r#""errors":[{"code":"missing","message":"A required value is missing.","pointer":"/domain"}]}}"#,
///     ),
/// );
/// // A wrong type first, then the body breaks off: not JSON.
/// let error = decode_json::<Issue>(Some(b"application/json"), br#"{"domain":1"#).unwrap_err();
/// assert!(matches!(error, JsonRejection::Syntax { .. }));
/// assert_eq!(error.violations()[0].code(), "invalid_syntax");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, CertifierError)]
#[non_exhaustive]
pub enum JsonRejection {
    /// `400 invalid_json`: the request does not say its body is JSON.
    #[certifier(
        code = "invalid_json",
        key = "body-not-json",
        message = "The request body must be JSON, sent with `content-type: application/json`."
    )]
    ContentType,
    /// `400 invalid_json`: the body is not well-formed JSON.
    #[certifier(code = "invalid_json")]
    #[non_exhaustive]
    Syntax {
        /// One `invalid_syntax` item, at the member where the JSON breaks off.
        #[certifier(extend)]
        errors: Vec<Violation>,
        /// The serde error, with its position.
        #[source]
        source: serde_json::Error,
    },
    /// `400 validation_error`: well-formed JSON that does not fit the expected type.
    #[certifier(code = "validation_error")]
    #[non_exhaustive]
    Validation {
        /// One item, at the first misfit.
        #[certifier(extend)]
        errors: Vec<Violation>,
        /// The serde error, with its position.
        #[source]
        source: serde_json::Error,
    },
    /// `400 bad_request`: the body is larger than the service accepts.
    #[certifier(
        code = "bad_request",
        key = "body-too-large",
        message = "The request body is too large."
    )]
    TooLarge,
    /// `400 bad_request`: the body could not be read.
    #[certifier(
        code = "bad_request",
        key = "body-unreadable",
        message = "The request body could not be read."
    )]
    #[non_exhaustive]
    Body(#[source] Box<dyn Error + Send + Sync>),
}

impl JsonRejection {
    /// Sorts a serde_json error into a syntax error or a validation error, when the body
    /// is no longer at hand: the violation points at the whole body (`""`), the one
    /// pointer known to hold the problem, and a wrong type before a syntax error counts
    /// as a validation error. [`decode_json`] does better: it re-reads the body.
    ///
    /// ```
    /// use certifier_error::server::JsonRejection;
    /// use certifier_error::CertifierError;
    ///
    /// let syntax = serde_json::from_str::<u32>("nope").unwrap_err();
    /// assert_eq!(JsonRejection::new(syntax).code(), "invalid_json");
    /// let data = serde_json::from_str::<u32>("\"7\"").unwrap_err();
    /// let error = JsonRejection::new(data);
    /// assert_eq!(error.code(), "validation_error");
    /// assert_eq!(error.violations()[0].pointer(), Some(""));
    /// ```
    #[must_use]
    pub fn new(error: serde_json::Error) -> Self {
        JsonRejection::located(error, None)
    }

    /// The rejection of a body that could not be read (the connection failed, say):
    /// `400 bad_request`, with `error` as the `source()`.
    ///
    /// ```
    /// use certifier_error::server::JsonRejection;
    /// use certifier_error::CertifierError;
    ///
    /// let error = JsonRejection::body(std::io::Error::other("connection reset"));
    /// assert_eq!((error.status(), error.code()), (400, "bad_request"));
    /// ```
    pub fn body<E>(error: E) -> Self
    where
        E: Into<Box<dyn Error + Send + Sync>>,
    {
        JsonRejection::Body(error.into())
    }

    /// The violations of the `errors` member: one for a body that is not JSON or does
    /// not fit, none for the other rejections.
    ///
    /// ```
    /// use certifier_error::server::JsonRejection;
    ///
    /// assert!(JsonRejection::ContentType.violations().is_empty());
    /// ```
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        match self {
            JsonRejection::Syntax { errors, .. } | JsonRejection::Validation { errors, .. } => {
                errors
            }
            _ => &[],
        }
    }

    /// The rejection for `error`, met at `path`.
    fn located(error: serde_json::Error, path: Option<&Path>) -> Self {
        if error.classify() != serde_json::error::Category::Data {
            let violation = Violation::at_pointer("invalid_syntax", pointer(path, None, false));
            return JsonRejection::Syntax {
                errors: alloc::vec![violation],
                source: error,
            };
        }
        let text = without_position(&error);
        let (code, member) = misfit(&text);
        JsonRejection::Validation {
            errors: alloc::vec![Violation::at_pointer(
                code,
                pointer(path, member, code == "missing")
            )],
            source: error,
        }
    }
}

/// What serde's wording of a data error says: the violation code, and the member it
/// names where the problem is a member rather than the value at the path.
pub(crate) fn misfit(text: &str) -> (&'static str, Option<&str>) {
    let named = |prefix: &str| {
        text.strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('`'))
            .and_then(|rest| rest.split_once('`'))
            .map(|(name, _)| name)
    };
    if let Some(name) = named("missing field ") {
        ("missing", Some(name))
    } else if let Some(name) = named("unknown field ") {
        ("unknown_member", Some(name))
    } else if let Some(name) = named("duplicate field ") {
        ("duplicate_member", Some(name))
    } else if text.starts_with("invalid type: ") {
        ("invalid_type", None)
    } else if text.starts_with("invalid value: ") || text.starts_with("unknown variant ") {
        ("invalid_value", None)
    } else if text.starts_with("invalid length ") {
        ("invalid_length", None)
    } else {
        ("invalid", None)
    }
}

/// The RFC 6901 pointer of `path`, and of `member` below it. An unknown step (inside
/// content serde buffers, such as an untagged enum) ends it: the pointer is then that
/// of the deepest ancestor known.
fn pointer(path: Option<&Path>, member: Option<&str>, missing: bool) -> String {
    let mut pointer = PointerBuf::default();
    for segment in path.into_iter().flat_map(Path::iter) {
        match segment {
            Segment::Seq { index } => pointer.push(index),
            Segment::Map { key } => pointer.push(key),
            Segment::Enum { variant } => pointer.push(variant),
            Segment::Unknown => return pointer.finish(),
        }
    }
    // The tracker has already recorded a key it read; not a missing member, never read.
    let recorded = match (path.and_then(|path| path.iter().next_back()), member) {
        (Some(Segment::Map { key }), Some(member)) => key == member && !missing,
        _ => false,
    };
    if let (Some(member), false) = (member, recorded) {
        pointer.push(&member);
    }
    pointer.finish()
}

/// serde_json's message without the " at line L column C" it appends.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&position) {
        Some(detail) => detail.to_string(),
        None => text,
    }
}

/// Reads `body` as `T`. Success takes serde_json's plain path; only a failure reads the
/// body again, first for its syntax alone (so that a body that is not JSON answers
/// `invalid_json` whatever `T` met first), then as `T` with the path tracked.
pub(crate) fn from_json_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, JsonRejection> {
    let first = match serde_json::from_slice::<T>(body) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let mut track = Track::new();
    if let Err(error) = tracked::<AnyValue>(body, &mut track) {
        return Err(JsonRejection::located(error, Some(&track.path())));
    }
    let mut track = Track::new();
    match tracked::<T>(body, &mut track) {
        Err(error) => Err(JsonRejection::located(error, Some(&track.path()))),
        // Only a deserializer that answers differently twice gets here.
        Ok(_) => Err(JsonRejection::new(first)),
    }
}

fn tracked<T: DeserializeOwned>(body: &[u8], track: &mut Track) -> Result<T, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = T::deserialize(serde_path_to_error::Deserializer::new(
        &mut deserializer,
        track,
    ))?;
    deserializer.end()?;
    Ok(value)
}

/// Any JSON value, read and dropped through `deserialize_any`, so that the path tracker
/// sees every member and item (`IgnoredAny` skips them unseen).
struct AnyValue;

impl<'de> Deserialize<'de> for AnyValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnyValue)
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = AnyValue;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_unit<E: de::Error>(self) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<AnyValue, A::Error> {
        while items.next_element::<AnyValue>()?.is_some() {}
        Ok(AnyValue)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<AnyValue, A::Error> {
        // The key as a string, so that the tracker records it.
        while members
            .next_key::<alloc::borrow::Cow<'de, str>>()?
            .is_some()
        {
            members.next_value::<AnyValue>()?;
        }
        Ok(AnyValue)
    }
}

/// Whether a `content-type` value declares JSON: `application/json` or
/// `application/<anything>+json`, with any parameters, in any letter case.
///
/// ```
/// use certifier_error::server::is_json_content_type;
///
/// assert!(is_json_content_type(b"application/json"));
/// assert!(is_json_content_type(b"Application/JSON; charset=utf-8"));
/// assert!(is_json_content_type(b"application/merge-patch+json"));
/// assert!(!is_json_content_type(b"text/plain"));
/// assert!(!is_json_content_type(b"application/jsonp"));
/// ```
#[must_use]
pub fn is_json_content_type(value: &[u8]) -> bool {
    let essence = value.split(|&byte| byte == b';').next().unwrap_or_default();
    let essence = essence.trim_ascii().to_ascii_lowercase();
    let Some(subtype) = essence.strip_prefix(b"application/") else {
        return false;
    };
    subtype == b"json" || (subtype.ends_with(b"+json") && subtype.len() > b"+json".len())
}

/// Decodes a JSON request body given its `content-type` header (`None` when absent).
///
/// # Errors
///
/// A [`JsonRejection`]: `invalid_json` for a missing or wrong `content-type` or a
/// body that is not JSON, `validation_error` with the pointer of the first misfit.
///
/// ```
/// use certifier_error::server::decode_json;
/// use certifier_error::CertifierError;
///
/// let ok: Vec<u32> = decode_json(Some(b"application/json"), b"[1, 2]").unwrap();
/// assert_eq!(ok, [1, 2]);
/// let error = decode_json::<Vec<u32>>(None, b"[1, 2]").unwrap_err();
/// assert_eq!(error.code(), "invalid_json");
/// ```
pub fn decode_json<T: DeserializeOwned>(
    content_type: Option<&[u8]>,
    body: &[u8],
) -> Result<T, JsonRejection> {
    if !content_type.is_some_and(is_json_content_type) {
        return Err(JsonRejection::ContentType);
    }
    from_json_slice(body)
}

#[cfg(test)]
mod tests {
    use alloc::collections::BTreeMap;
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Order {
        certificate: Certificate,
        labels: Option<BTreeMap<String, u8>>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Certificate {
        domains: Vec<String>,
        days: u32,
    }

    fn rejected(body: &str) -> (&'static str, String, String) {
        let error = decode_json::<Order>(Some(b"application/json"), body.as_bytes()).unwrap_err();
        let violation = &error.violations()[0];
        assert_eq!(error.violations().len(), 1);
        (
            match error {
                JsonRejection::Syntax { .. } => "invalid_json",
                JsonRejection::Validation { .. } => "validation_error",
                _ => panic!("{error:?}"),
            },
            violation.code().to_string(),
            violation.pointer().unwrap().to_string(),
        )
    }

    #[test]
    fn each_misfit_has_its_pointer() {
        let cases = [
            (
                r#"{"certificate":{"domains":["a",5],"days":1}}"#,
                "validation_error",
                "invalid_type",
                "/certificate/domains/1",
            ),
            (
                r#"{"certificate":{"domains":[]}}"#,
                "validation_error",
                "missing",
                "/certificate/days",
            ),
            (r#"{}"#, "validation_error", "missing", "/certificate"),
            (
                r#"{"certificate":{"domains":[],"days":1,"x/y":0}}"#,
                "validation_error",
                "unknown_member",
                "/certificate/x~1y",
            ),
            (
                r#"{"certificate":{"domains":[],"days":1,"days":2}}"#,
                "validation_error",
                "duplicate_member",
                "/certificate/days",
            ),
            (
                r#"{"certificate":{"domains":[],"days":-1}}"#,
                "validation_error",
                "invalid_value",
                "/certificate/days",
            ),
            (
                r#"{"certificate":{"domains":[],"days":1},"labels":{"a~b":300}}"#,
                "validation_error",
                "invalid_value",
                "/labels/a~0b",
            ),
            // serde reads a struct from a list too: the first item is `certificate`.
            (r#"[1]"#, "validation_error", "invalid_type", "/0"),
            (r#""x""#, "validation_error", "invalid_type", ""),
            // Syntax wins over a type met before it.
            (r#"{"certificate":1"#, "invalid_json", "invalid_syntax", ""),
            (
                r#"{"certificate":{"domains":[1,"#,
                "invalid_json",
                "invalid_syntax",
                "/certificate/domains",
            ),
            (r#"[[[["#, "invalid_json", "invalid_syntax", "/0/0/0"),
            (
                r#"{"certificate": nope}"#,
                "invalid_json",
                "invalid_syntax",
                "/certificate",
            ),
            (
                r#"{"certificate":{"domains":[],"days":1}} trailing"#,
                "invalid_json",
                "invalid_syntax",
                "",
            ),
            ("", "invalid_json", "invalid_syntax", ""),
        ];
        for (body, code, violation, pointer) in cases {
            assert_eq!(
                rejected(body),
                (code, violation.to_string(), pointer.to_string()),
                "{body}"
            );
        }
    }

    #[test]
    fn a_missing_member_named_as_its_parent() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            a: Inner,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            a: u8,
        }
        let error = decode_json::<Outer>(Some(b"application/json"), br#"{"a":{}}"#).unwrap_err();
        assert_eq!(error.violations()[0].pointer(), Some("/a/a"));
    }

    #[test]
    fn a_pointer_of_client_names_is_bounded() {
        // A 2 MB member name: the pointer stops at its parent.
        let body = alloc::format!(
            r#"{{"certificate":{{"domains":[],"days":1}},"labels":{{"{}":300}}}}"#,
            "a".repeat(2 << 20)
        );
        let (code, violation, pointer) = rejected(&body);
        assert_eq!(
            (code, violation.as_str(), pointer.as_str()),
            ("validation_error", "invalid_value", "/labels")
        );
        let error = decode_json::<Order>(Some(b"application/json"), body.as_bytes()).unwrap_err();
        let sent = serde_json::to_vec(&error).unwrap();
        assert!(sent.len() < 400, "{}", sent.len());
    }

    #[test]
    fn success_reads_once() {
        let order: Order = decode_json(
            Some(b"application/json"),
            br#"{"certificate":{"domains":["a"],"days":3}}"#,
        )
        .unwrap();
        assert_eq!(order.certificate.days, 3);
    }
}
