//! Path parameters and query strings whose failures are Certifier errors, and the
//! bound on what a response repeats of the client's input.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::error::Error;

use crate::{CertifierError, Violation};

/// The most characters of the client's input that a response repeats: a parameter name,
/// a pointer's member names, a message that can quote the input. Longer text is cut at
/// a character boundary and ends with `…`; a longer pointer gives way to its deepest
/// ancestor that fits.
///
/// ```
/// assert_eq!(certifier_error::server::MAX_DETAIL_LEN, 200);
/// ```
pub const MAX_DETAIL_LEN: usize = 200;

/// `text`, cut to at most [`MAX_DETAIL_LEN`] characters (the last one `…` when cut).
pub(crate) fn bounded_detail(text: String) -> String {
    match text.char_indices().nth(MAX_DETAIL_LEN) {
        None => text,
        Some(_) => {
            let end = text
                .char_indices()
                .nth(MAX_DETAIL_LEN - 1)
                .map_or(text.len(), |(index, _)| index);
            let mut cut = String::with_capacity(end + '…'.len_utf8());
            cut.push_str(&text[..end]);
            cut.push('…');
            cut
        }
    }
}

/// The violation for a parameter that does not fit, from serde's wording of the
/// problem: `named` where the caller knows the parameter, else the one the wording
/// names (a missing, unknown or repeated parameter); `None` where neither does.
///
/// Codes: `missing`, `unknown_member`, `duplicate_member`, `invalid_type` (a value that
/// does not read as the parameter's type, such as `ten` for a number),
/// `out_of_range` (a number too large or too small for its type), `invalid_value`
/// (not one of the accepted values), else `invalid`.
pub(crate) fn parameter_violation(named: Option<&str>, text: &str) -> Option<Violation> {
    let (code, member) = parameter_misfit(text);
    let name = named.or(member)?;
    Some(Violation::at_parameter(code, name))
}

/// The code of [`parameter_violation`], and the parameter the wording names.
pub(crate) fn parameter_misfit(text: &str) -> (&'static str, Option<&str>) {
    match super::json::misfit(text) {
        ("invalid", member) => (value_misfit(text), member),
        misfit => misfit,
    }
}

/// The code for the wording of a value that did not parse (the messages of `str::parse`
/// for numbers and booleans, and of `char`).
fn value_misfit(text: &str) -> &'static str {
    const NOT_OF_THE_TYPE: [&str; 6] = [
        "invalid digit found in string",
        "cannot parse integer from empty string",
        "invalid float literal",
        "provided string was not `true` or `false`",
        "expected a single character",
        "invalid type: ",
    ];
    if NOT_OF_THE_TYPE.iter().any(|start| text.starts_with(start)) {
        "invalid_type"
    } else if text.starts_with("number too large") || text.starts_with("number too small") {
        "out_of_range"
    } else {
        "invalid"
    }
}

/// Why a path parameter could not be read.
///
/// A segment the route's parameter type cannot hold (not UTF-8 after percent-decoding,
/// not a number where one is expected) is a malformed parameter: `400
/// validation_error`, whose `errors` member names the parameter (`parameter`) where it
/// is known. A route and an extractor that disagree (a parameter the route does not
/// have) are the server's fault: `500 internal_server_error`. Either way the framework's
/// account is kept as the `source()`, for the logs; nothing of the segment is echoed.
///
/// ```
/// use certifier_error::server::PathRejection;
/// use certifier_error::CertifierError;
///
/// let error = PathRejection::new(Some("id"), "invalid digit found in string");
/// assert_eq!((error.status(), error.code()), (400, "validation_error"));
/// assert_eq!(
///     serde_json::to_string(&error)?,
///     concat!(
///         r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","#,
///         r#""errors":[{"code":"invalid_type","message":"This value has the wrong type.","parameter":"id"}]}}"#,
///     ),
/// );
/// let error = PathRejection::route("wrong number of parameters");
/// assert_eq!(error.status(), 500);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, CertifierError)]
#[non_exhaustive]
pub enum PathRejection {
    /// `400 validation_error`: a segment that cannot be read as the route's parameter.
    #[certifier(code = "validation_error")]
    #[non_exhaustive]
    Segment {
        /// The parameter, where it is known.
        #[certifier(extend)]
        errors: Vec<Violation>,
        /// The framework's account.
        #[source]
        source: Box<dyn Error + Send + Sync>,
    },
    /// `500 internal_server_error`: the route and the extractor do not fit together.
    #[certifier(code = "internal_server_error")]
    #[non_exhaustive]
    Route(#[source] Box<dyn Error + Send + Sync>),
}

impl PathRejection {
    /// The rejection of a segment that does not fit, for the parameter `name` where the
    /// caller knows it; the code comes from the wording of `error` (see
    /// [`QueryRejection`] for the codes).
    ///
    /// ```
    /// use certifier_error::server::PathRejection;
    ///
    /// let error = PathRejection::new(None, "invalid digit found in string");
    /// assert!(error.violations().is_empty());
    /// ```
    pub fn new<E>(name: Option<&str>, error: E) -> Self
    where
        E: Into<Box<dyn Error + Send + Sync>>,
    {
        let source = error.into();
        let errors = parameter_violation(name, &source.to_string())
            .into_iter()
            .collect();
        PathRejection::Segment { errors, source }
    }

    /// The rejection of a route whose parameters do not fit the extractor's type: the
    /// server's mistake, `500 internal_server_error`, with `error` as the `source()`.
    ///
    /// ```
    /// use certifier_error::server::PathRejection;
    /// use certifier_error::CertifierError;
    ///
    /// let error = PathRejection::route("expected 2 parameters, the route has 1");
    /// assert_eq!((error.status(), error.code()), (500, "internal_server_error"));
    /// assert!(error.violations().is_empty());
    /// ```
    pub fn route<E>(error: E) -> Self
    where
        E: Into<Box<dyn Error + Send + Sync>>,
    {
        PathRejection::Route(error.into())
    }

    /// The rejection of the segment of parameter `name`, whose problem the caller has
    /// sorted into `code` already.
    #[cfg_attr(
        not(any(feature = "axum-0_8", feature = "actix-web-4")),
        allow(dead_code)
    )]
    pub(crate) fn sorted(
        name: Option<&str>,
        code: &'static str,
        source: Box<dyn Error + Send + Sync>,
    ) -> Self {
        let errors = name
            .map(|name| Violation::at_parameter(code, name))
            .into_iter()
            .collect();
        PathRejection::Segment { errors, source }
    }

    /// The violations of the `errors` member (none for a route error).
    ///
    /// ```
    /// use certifier_error::server::PathRejection;
    ///
    /// let error = PathRejection::new(Some("id"), "invalid digit found in string");
    /// assert_eq!(error.violations()[0].parameter(), Some("id"));
    /// ```
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        match self {
            PathRejection::Segment { errors, .. } => errors,
            PathRejection::Route(_) => &[],
        }
    }
}

/// A query string that does not fit the expected type: `400 validation_error`, whose
/// `errors` member names the parameter (`parameter`) that does not fit: one of the wrong
/// type (`invalid_type`), out of its type's range (`out_of_range`), not one of the
/// accepted values (`invalid_value`), missing (`missing`), not accepted
/// (`unknown_member`) or repeated (`duplicate_member`). Nothing of the value is
/// echoed; the error is kept as the `source()`.
///
/// ```
/// use certifier_error::server::decode_query;
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct List {
///     limit: Option<u32>,
///     cursor: Option<String>,
/// }
///
/// assert_eq!(decode_query::<List>("limit=5").unwrap().limit, Some(5));
/// let error = decode_query::<List>("cursor=abc&limit=ten").unwrap_err();
/// assert_eq!((error.status(), error.code()), (400, "validation_error"));
/// assert_eq!(
///     serde_json::to_string(&error)?,
///     concat!(
///         r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","#,
///         r#""errors":[{"code":"invalid_type","message":"This value has the wrong type.","parameter":"limit"}]}}"#,
///     ),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, CertifierError)]
#[certifier(code = "validation_error")]
pub struct QueryRejection {
    #[certifier(extend)]
    errors: Vec<Violation>,
    #[source]
    source: Box<dyn Error + Send + Sync>,
}

impl QueryRejection {
    /// The rejection for `error`, for the parameter `name` where the caller knows it,
    /// else the one `error` names (a missing, unknown or repeated one); with neither,
    /// `errors` is empty.
    ///
    /// ```
    /// use certifier_error::server::QueryRejection;
    ///
    /// let error = QueryRejection::new(None, std::io::Error::other("missing field `q`"));
    /// assert_eq!(error.violations()[0].parameter(), Some("q"));
    /// assert_eq!(error.violations()[0].code(), "missing");
    /// ```
    pub fn new<E>(name: Option<&str>, error: E) -> Self
    where
        E: Into<Box<dyn Error + Send + Sync>>,
    {
        let source = error.into();
        let errors = parameter_violation(name, &source.to_string())
            .into_iter()
            .collect();
        QueryRejection { errors, source }
    }

    /// The violations of the `errors` member.
    ///
    /// ```
    /// use certifier_error::server::decode_query;
    ///
    /// #[derive(Debug, serde::Deserialize)]
    /// struct Page {
    ///     size: u8,
    /// }
    ///
    /// let error = decode_query::<Page>("size=-1").unwrap_err();
    /// assert_eq!(error.violations()[0].code(), "invalid_type");
    /// assert_eq!(error.violations()[0].parameter(), Some("size"));
    /// ```
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.errors
    }
}

/// Decodes a query string (without the `?`) into `T`, as `application/x-www-form-urlencoded`.
///
/// Success takes serde_urlencoded's plain path; a failure reads the query again with
/// the path tracked, to name the parameter.
///
/// # Errors
///
/// A [`QueryRejection`] when the query does not fit `T`, naming the parameter.
///
/// ```
/// use certifier_error::server::decode_query;
///
/// let pairs: Vec<(String, String)> = decode_query("a=1&b=two").unwrap();
/// assert_eq!(pairs, [("a".into(), "1".into()), ("b".into(), "two".into())]);
/// let error = decode_query::<Vec<(String, u8)>>("a=1&b=two").unwrap_err();
/// assert_eq!(error.violations()[0].parameter(), Some("b"));
/// ```
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub fn decode_query<T: serde::de::DeserializeOwned>(query: &str) -> Result<T, QueryRejection> {
    decode_urlencoded(query.as_bytes())
}

/// Decodes `application/x-www-form-urlencoded` input (a query string or a form body)
/// into `T`: serde_urlencoded's plain path first, and only on failure a second reading
/// with the path tracked, to name the parameter.
#[cfg(feature = "http")]
fn decode_urlencoded<T: serde::de::DeserializeOwned>(input: &[u8]) -> Result<T, QueryRejection> {
    use serde_path_to_error::Segment;

    let first = match serde_urlencoded::from_bytes::<T>(input) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let mut track = serde_path_to_error::Track::new();
    let pairs = form_urlencoded::parse(input);
    let deserializer = serde_urlencoded::Deserializer::new(pairs);
    let error = match T::deserialize(serde_path_to_error::Deserializer::new(
        deserializer,
        &mut track,
    )) {
        Err(error) => error,
        Ok(_) => return Err(QueryRejection::new(None, first)),
    };
    let path = track.path();
    let name = match path.iter().next() {
        Some(Segment::Map { key }) => Some(key.clone()),
        // A list of pairs: the pair's name.
        Some(Segment::Seq { index }) => form_urlencoded::parse(input)
            .nth(*index)
            .map(|(name, _)| name.into_owned()),
        _ => None,
    };
    Err(QueryRejection::new(name.as_deref(), error))
}

/// Why an urlencoded form body was refused.
///
/// - A request whose `content-type` is not `application/x-www-form-urlencoded` answers
///   `400 bad_request`, saying which content type the endpoint reads.
/// - A field that does not fit answers `400 validation_error` naming it in `parameter`,
///   exactly as a query parameter does (the variant holds the [`QueryRejection`], whose
///   codes it shares).
/// - A body over the size limit, or one that cannot be read, answers `400 bad_request`,
///   as a JSON body does.
///
/// ```
/// use certifier_error::server::{decode_form, FormRejection};
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Login {
///     name: String,
///     remember: bool,
/// }
///
/// let form = Some(&b"application/x-www-form-urlencoded"[..]);
/// let error = decode_form::<Login>(form, b"name=ann&remember=maybe").unwrap_err();
/// assert_eq!(
///     serde_json::to_string(&error)?,
///     concat!(
///         r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","#,
///         r#""errors":[{"code":"invalid_type","message":"This value has the wrong type.","parameter":"remember"}]}}"#,
///     ),
/// );
/// let error = decode_form::<Login>(Some(b"application/json"), b"{}").unwrap_err();
/// assert!(matches!(error, FormRejection::ContentType));
/// assert_eq!(error.code(), "bad_request");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, CertifierError)]
#[non_exhaustive]
pub enum FormRejection {
    /// `400 bad_request`: the request does not say its body is an urlencoded form.
    #[certifier(
        code = "bad_request",
        key = "body-not-form",
        message = "The request body must be form data, sent with `content-type: application/x-www-form-urlencoded`."
    )]
    ContentType,
    /// `400 validation_error`: a field that does not fit, named as a parameter.
    #[certifier(transparent)]
    Fields(QueryRejection),
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

impl FormRejection {
    /// The violations of the `errors` member: those of a field that does not fit, none
    /// for the other rejections.
    ///
    /// ```
    /// use certifier_error::server::FormRejection;
    ///
    /// assert!(FormRejection::ContentType.violations().is_empty());
    /// ```
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        match self {
            FormRejection::Fields(rejection) => rejection.violations(),
            _ => &[],
        }
    }
}

/// Whether a `content-type` header value names an urlencoded form
/// (`application/x-www-form-urlencoded`, with any parameters).
///
/// ```
/// use certifier_error::server::is_form_content_type;
///
/// assert!(is_form_content_type(b"application/x-www-form-urlencoded"));
/// assert!(is_form_content_type(b"Application/X-WWW-Form-Urlencoded; charset=utf-8"));
/// assert!(!is_form_content_type(b"multipart/form-data"));
/// ```
#[must_use]
pub fn is_form_content_type(value: &[u8]) -> bool {
    let essence = value.split(|&byte| byte == b';').next().unwrap_or_default();
    essence
        .trim_ascii()
        .eq_ignore_ascii_case(b"application/x-www-form-urlencoded")
}

/// Decodes an urlencoded form body given its `content-type` header (`None` when
/// absent), with the decoding and the codes of [`decode_query`].
///
/// # Errors
///
/// A [`FormRejection`]: `bad_request` for a missing or wrong `content-type`,
/// `validation_error` naming the field that does not fit.
///
/// ```
/// use certifier_error::server::decode_form;
///
/// let form = Some(&b"application/x-www-form-urlencoded"[..]);
/// let pairs: Vec<(String, u8)> = decode_form(form, b"a=1&b=2").unwrap();
/// assert_eq!(pairs, [("a".into(), 1), ("b".into(), 2)]);
/// let error = decode_form::<Vec<(String, u8)>>(form, b"a=1&b=two").unwrap_err();
/// assert_eq!(error.violations()[0].parameter(), Some("b"));
/// ```
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub fn decode_form<T: serde::de::DeserializeOwned>(
    content_type: Option<&[u8]>,
    body: &[u8],
) -> Result<T, FormRejection> {
    if !content_type.is_some_and(is_form_content_type) {
        return Err(FormRejection::ContentType);
    }
    decode_urlencoded(body).map_err(FormRejection::Fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_detail_is_kept() {
        assert_eq!(bounded_detail("short".into()), "short");
        let exact = "é".repeat(MAX_DETAIL_LEN);
        assert_eq!(bounded_detail(exact.clone()), exact);
    }

    #[test]
    fn a_long_detail_is_cut_at_a_character_boundary() {
        let long = "é".repeat(2 << 20);
        let cut = bounded_detail(long);
        assert_eq!(cut.chars().count(), MAX_DETAIL_LEN);
        assert!(cut.ends_with('…'));
        assert!(cut.starts_with("éé"));
    }

    #[cfg(feature = "http")]
    #[test]
    fn each_parameter_that_does_not_fit_is_named() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct List {
            size: u8,
            mode: Option<Mode>,
            tag: Option<String>,
        }
        #[derive(Debug, serde::Deserialize)]
        enum Mode {
            Fast,
        }
        let cases = [
            ("size=ten", "invalid_type", "size"),
            ("tag=a&size=", "invalid_type", "size"),
            ("size=300", "out_of_range", "size"),
            ("size=1&mode=Slow", "invalid_value", "mode"),
            ("tag=x", "missing", "size"),
            ("size=1&colour=red", "unknown_member", "colour"),
            ("size=1&size=2", "duplicate_member", "size"),
        ];
        for (query, code, parameter) in cases {
            let error = decode_query::<List>(query).unwrap_err();
            let violations = error.violations();
            assert_eq!(violations.len(), 1, "{query}");
            assert_eq!(
                (violations[0].code(), violations[0].parameter()),
                (code, Some(parameter)),
                "{query}"
            );
        }
    }

    #[cfg(feature = "http")]
    #[test]
    fn nothing_of_a_long_query_is_echoed_unbounded() {
        #[derive(Debug, serde::Deserialize)]
        enum Mode {
            Fast,
        }
        // serde quotes an unknown variant verbatim: 2 MB of it here, under a 1 MB name.
        let query = alloc::format!("{}={}", "m".repeat(1 << 20), "x".repeat(2 << 20));
        let error = decode_query::<alloc::vec::Vec<(String, Mode)>>(&query).unwrap_err();
        let name = error.violations()[0].parameter().unwrap();
        assert_eq!(name.chars().count(), MAX_DETAIL_LEN);
        assert!(error.source.to_string().len() > 2 << 20);
        let body = serde_json::to_string(&error).unwrap();
        assert!(body.len() < 2 * MAX_DETAIL_LEN + 300, "{}", body.len());
    }
}
