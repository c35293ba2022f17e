//! JSON request bodies whose failures are Certifier errors.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use core::error::Error;

use serde::de::DeserializeOwned;

use crate::CertifierError;

/// Why a JSON request body was refused.
///
/// A body that is not JSON answers `invalid_json`; JSON of the wrong shape (a missing
/// member, a value of the wrong type) answers `validation_error` with serde's account of
/// the problem, without its position, in a `detail` member of at most
/// [`DETAIL_LIMIT`](crate::server::DETAIL_LIMIT) characters (serde can quote the
/// client's input verbatim). The serde error is kept as the `source()`, so logs show
/// its line and column.
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
///     serde_json::to_string(&error).unwrap(),
///     r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","detail":"missing field `domain`"}}"#,
/// );
/// assert!(matches!(
///     decode_json::<Issue>(Some(b"application/json"), b"{"),
///     Err(JsonRejection::Syntax(_)),
/// ));
/// ```
#[derive(Debug, CertifierError)]
#[non_exhaustive]
pub enum JsonRejection {
    /// `400 invalid_json`: the request does not say its body is JSON.
    #[certifier(
        code = "invalid_json",
        message = "The request body must be JSON, sent with `content-type: application/json`."
    )]
    ContentType,
    /// `400 invalid_json`: the body is not well-formed JSON.
    #[certifier(code = "invalid_json")]
    Syntax(#[source] serde_json::Error),
    /// `400 validation_error`: well-formed JSON that does not fit the expected type.
    #[certifier(code = "validation_error")]
    Validation {
        /// What does not fit, as serde words it, without the position.
        #[certifier(extend)]
        detail: String,
        /// The serde error, with its position.
        #[source]
        source: serde_json::Error,
    },
    /// `400 bad_request`: the body is larger than the service accepts.
    #[certifier(code = "bad_request", message = "The request body is too large.")]
    TooLarge,
    /// `400 bad_request`: the body could not be read.
    #[certifier(code = "bad_request", message = "The request body could not be read.")]
    Body(#[source] Box<dyn Error + Send + Sync>),
}

impl JsonRejection {
    /// Sorts a serde_json error into a syntax error or a validation error.
    ///
    /// ```
    /// use certifier_error::server::JsonRejection;
    /// use certifier_error::CertifierError;
    ///
    /// let syntax = serde_json::from_str::<u32>("nope").unwrap_err();
    /// assert_eq!(JsonRejection::from_serde(syntax).code(), "invalid_json");
    /// let data = serde_json::from_str::<u32>("\"7\"").unwrap_err();
    /// assert_eq!(JsonRejection::from_serde(data).code(), "validation_error");
    /// ```
    pub fn from_serde(error: serde_json::Error) -> Self {
        match error.classify() {
            serde_json::error::Category::Data => JsonRejection::Validation {
                detail: super::params::bounded_detail(without_position(&error)),
                source: error,
            },
            _ => JsonRejection::Syntax(error),
        }
    }
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
    serde_json::from_slice(body).map_err(JsonRejection::from_serde)
}

#[cfg(test)]
mod tests {
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::*;
    use crate::server::DETAIL_LIMIT;

    #[test]
    fn a_validation_detail_is_bounded() {
        // serde quotes a string of the wrong type verbatim: 2 MB of it here.
        let mut body = Vec::from(*b"\"");
        body.resize(2 << 20, b'a');
        body.push(b'"');
        let error = decode_json::<u32>(Some(b"application/json"), &body).unwrap_err();
        let JsonRejection::Validation { detail, source } = &error else {
            panic!("{error:?}");
        };
        assert!(detail.starts_with("invalid type: string \"aaa"), "{detail}");
        assert_eq!(detail.chars().count(), DETAIL_LIMIT);
        assert!(detail.ends_with('…'));
        assert!(source.to_string().len() > 2 << 20);
        let sent = String::from_utf8(serde_json::to_vec(&error).unwrap()).unwrap();
        assert!(sent.len() < 2 * DETAIL_LIMIT + 200, "{}", sent.len());
    }
}
