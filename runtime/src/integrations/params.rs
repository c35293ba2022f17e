//! Path parameters and query strings whose failures are Certifier errors, and the
//! bound on the `detail` member that echoes what the client sent.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use core::error::Error;

use crate::CertifierError;

/// The most characters a `detail` member carries. A `detail` repeats serde's account
/// of the problem, which can quote the client's input verbatim; longer accounts are
/// cut at a character boundary and end with `…`.
///
/// ```
/// assert_eq!(certifier_error::server::DETAIL_LIMIT, 200);
/// ```
pub const DETAIL_LIMIT: usize = 200;

/// `text`, cut to at most [`DETAIL_LIMIT`] characters (the last one `…` when cut).
pub(crate) fn bounded_detail(text: String) -> String {
    match text.char_indices().nth(DETAIL_LIMIT) {
        None => text,
        Some(_) => {
            let end = text
                .char_indices()
                .nth(DETAIL_LIMIT - 1)
                .map_or(text.len(), |(index, _)| index);
            let mut cut = String::with_capacity(end + '…'.len_utf8());
            cut.push_str(&text[..end]);
            cut.push('…');
            cut
        }
    }
}

/// Why a path parameter could not be read.
///
/// A segment the route's parameter type cannot hold (not UTF-8 after
/// percent-decoding, not a number where one is expected) names no resource of the
/// API, so the answer is `404 not_found` with the standard message: the same answer as
/// for any other path the API does not serve, and nothing of the client's input is
/// echoed. A route and an extractor that disagree (a parameter the route does not
/// have) are the server's fault: `500 internal_server_error`. Either way the
/// framework's account is kept as the `source()`, for the logs.
///
/// ```
/// use certifier_error::server::PathRejection;
/// use certifier_error::CertifierError;
///
/// let error = PathRejection::Segment("invalid UTF-8 in `id`".into());
/// assert_eq!((error.status(), error.code()), (404, "not_found"));
/// assert_eq!(
///     serde_json::to_string(&error).unwrap(),
///     r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#,
/// );
/// let error = PathRejection::Route("wrong number of parameters".into());
/// assert_eq!(error.status(), 500);
/// ```
#[derive(Debug, CertifierError)]
#[non_exhaustive]
pub enum PathRejection {
    /// `404 not_found`: a segment that cannot be read as the route's parameter.
    #[certifier(code = "not_found")]
    Segment(#[source] Box<dyn Error + Send + Sync>),
    /// `500 internal_server_error`: the route and the extractor do not fit together.
    #[certifier(code = "internal_server_error")]
    Route(#[source] Box<dyn Error + Send + Sync>),
}

/// A query string that does not fit the expected type: `400 bad_request`, with serde's
/// account of the problem in a `detail` member (at most [`DETAIL_LIMIT`] characters).
/// The error is kept as the `source()`.
///
/// ```
/// use certifier_error::server::decode_query;
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct List {
///     limit: Option<u32>,
/// }
///
/// assert_eq!(decode_query::<List>("limit=5").unwrap().limit, Some(5));
/// let error = decode_query::<List>("limit=ten").unwrap_err();
/// assert_eq!((error.status(), error.code()), (400, "bad_request"));
/// assert_eq!(
///     serde_json::to_string(&error).unwrap(),
///     r#"{"error":{"code":"bad_request","message":"The query string could not be understood.","detail":"invalid digit found in string"}}"#,
/// );
/// ```
#[derive(Debug, CertifierError)]
#[certifier(
    code = "bad_request",
    message = "The query string could not be understood."
)]
pub struct QueryRejection {
    #[certifier(extend)]
    detail: String,
    #[source]
    source: Box<dyn Error + Send + Sync>,
}

impl QueryRejection {
    /// A rejection whose `detail` is `error`'s message, bounded to [`DETAIL_LIMIT`]
    /// characters.
    ///
    /// ```
    /// use certifier_error::server::QueryRejection;
    ///
    /// let error = QueryRejection::new(std::io::Error::other("missing field `q`"));
    /// assert_eq!(error.detail(), "missing field `q`");
    /// ```
    pub fn new<E>(error: E) -> Self
    where
        E: Into<Box<dyn Error + Send + Sync>>,
    {
        let source = error.into();
        QueryRejection {
            detail: bounded_detail(source.to_string()),
            source,
        }
    }

    /// What does not fit, as the `detail` member says it.
    ///
    /// ```
    /// use certifier_error::server::decode_query;
    ///
    /// let error = decode_query::<(u8,)>("a=1&b=2").unwrap_err();
    /// assert!(!error.detail().is_empty());
    /// ```
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

/// Decodes a query string (without the `?`) into `T`, as `application/x-www-form-urlencoded`.
///
/// ```
/// use certifier_error::server::decode_query;
///
/// let pairs: Vec<(String, String)> = decode_query("a=1&b=two").unwrap();
/// assert_eq!(pairs, [("a".into(), "1".into()), ("b".into(), "two".into())]);
/// ```
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub fn decode_query<T: serde::de::DeserializeOwned>(query: &str) -> Result<T, QueryRejection> {
    serde_urlencoded::from_str(query).map_err(QueryRejection::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_detail_is_kept() {
        assert_eq!(bounded_detail("short".into()), "short");
        let exact = "é".repeat(DETAIL_LIMIT);
        assert_eq!(bounded_detail(exact.clone()), exact);
    }

    #[test]
    fn a_long_detail_is_cut_at_a_character_boundary() {
        let long = "é".repeat(2 << 20);
        let cut = bounded_detail(long);
        assert_eq!(cut.chars().count(), DETAIL_LIMIT);
        assert!(cut.ends_with('…'));
        assert!(cut.starts_with("éé"));
    }

    #[cfg(feature = "http")]
    #[test]
    fn a_query_detail_is_bounded() {
        #[derive(Debug, serde::Deserialize)]
        enum Mode {
            Fast,
        }
        // serde quotes an unknown variant verbatim: 2 MB of it here.
        let query = alloc::format!("mode={}", "x".repeat(2 << 20));
        let error = decode_query::<alloc::vec::Vec<(String, Mode)>>(&query).unwrap_err();
        assert!(error.detail().starts_with("unknown variant `xxx"));
        assert_eq!(error.detail().chars().count(), DETAIL_LIMIT);
        assert!(error.source.to_string().len() > 2 << 20);
        let body = serde_json::to_string(&error).unwrap();
        assert!(body.len() < 2 * DETAIL_LIMIT + 200, "{}", body.len());
    }
}
