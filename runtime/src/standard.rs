use crate::CertifierError;

/// One unit variant per code of the Certifier table, each with its canonical status and
/// a neutral default message.
///
/// Useful on its own for the common cases, and as a transparent variant of a larger
/// error enum:
///
/// ```
/// use certifier_error::{CertifierError, StandardError};
///
/// #[derive(Debug, CertifierError)]
/// enum ApiError {
///     #[certifier(transparent)]
///     Common(StandardError),
///     #[certifier(status = 402, code = "plan_limit", message = "Your plan does not allow this.")]
///     PlanLimit,
/// }
///
/// let error = ApiError::Common(StandardError::NotFound);
/// assert_eq!(error.status(), 404);
/// assert_eq!(
///     serde_json::to_string(&error).unwrap(),
///     r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#,
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, CertifierError)]
#[non_exhaustive]
pub enum StandardError {
    /// `400 bad_request`: the request is malformed.
    #[certifier(code = "bad_request")]
    BadRequest,
    /// `400 missing_version`: the `Certifier-Version` header is absent.
    #[certifier(code = "missing_version")]
    MissingVersion,
    /// `400 invalid_version`: the `Certifier-Version` header names no valid version.
    #[certifier(code = "invalid_version")]
    InvalidVersion,
    /// `400 invalid_json`: the body is not valid JSON.
    #[certifier(code = "invalid_json")]
    InvalidJson,
    /// `400 validation_error`: a parameter is missing or malformed.
    #[certifier(code = "validation_error")]
    ValidationError,
    /// `401 unauthorized`: no valid authentication token came with the request.
    #[certifier(code = "unauthorized")]
    Unauthorized,
    /// `402 payment_required`: the object or change needs a premium plan.
    #[certifier(code = "payment_required")]
    PaymentRequired,
    /// `403 forbidden`: authenticated, but not allowed to touch that object or property.
    #[certifier(code = "forbidden")]
    Forbidden,
    /// `404 not_found`: no such route, or no such object.
    #[certifier(code = "not_found")]
    NotFound,
    /// `409 conflict`: the data changed underneath the request.
    #[certifier(code = "conflict")]
    Conflict,
    /// `429 rate_limited`: a rate limit was exceeded.
    #[certifier(code = "rate_limited")]
    RateLimited,
    /// `500 internal_server_error`: a fault on the server's side.
    #[certifier(code = "internal_server_error")]
    InternalServerError,
}

impl StandardError {
    /// Every variant, in the order of the code table.
    ///
    /// ```
    /// use certifier_error::{CertifierError, StandardError};
    /// assert_eq!(StandardError::ALL.len(), 12);
    /// assert!(StandardError::ALL.iter().all(|e| (400..600).contains(&e.status())));
    /// ```
    pub const ALL: [StandardError; 12] = [
        StandardError::BadRequest,
        StandardError::MissingVersion,
        StandardError::InvalidVersion,
        StandardError::InvalidJson,
        StandardError::ValidationError,
        StandardError::Unauthorized,
        StandardError::PaymentRequired,
        StandardError::Forbidden,
        StandardError::NotFound,
        StandardError::Conflict,
        StandardError::RateLimited,
        StandardError::InternalServerError,
    ];

    /// The standard error for a known code; `None` for a code this version does not know.
    ///
    /// ```
    /// use certifier_error::{Code, StandardError};
    /// assert_eq!(StandardError::from_code(&Code::Conflict), Some(StandardError::Conflict));
    /// assert_eq!(StandardError::from_code(&Code::from("teapot")), None);
    /// ```
    pub fn from_code(code: &crate::Code) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|standard| standard.code() == code.as_str())
    }
}

/// `401 unauthorized` with the `WWW-Authenticate` challenge that RFC 9110 asks every
/// 401 to carry: the same envelope as [`StandardError::Unauthorized`], and the header.
///
/// The envelope layers can instead add one default challenge to every 401 that has
/// none (`EnvelopeLayer::with_challenge` for axum, `Envelope::with_challenge` for
/// actix-web); this type is for a route that names its own.
///
/// ```
/// use certifier_error::{CertifierError, StandardError, Unauthorized};
///
/// let error = Unauthorized::new(r#"Bearer realm="certifier", error="invalid_token""#);
/// assert_eq!(error.status(), 401);
/// assert_eq!(error.code(), "unauthorized");
/// assert_eq!(error.to_string(), StandardError::Unauthorized.to_string());
/// let mut headers = Vec::new();
/// error.headers(&mut |name, value| headers.push((name, value.to_string())));
/// assert_eq!(
///     headers,
///     [("WWW-Authenticate", r#"Bearer realm="certifier", error="invalid_token""#.to_string())],
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, CertifierError)]
#[certifier(code = "unauthorized")]
pub struct Unauthorized {
    #[certifier(header = "WWW-Authenticate")]
    challenge: alloc::string::String,
}

impl Unauthorized {
    /// The error with `challenge` as its `WWW-Authenticate` value, such as
    /// `Bearer realm="api"`. A challenge that is not a valid header value is left out of
    /// the response (and logged, with the `tracing` feature).
    pub fn new(challenge: impl Into<alloc::string::String>) -> Self {
        Unauthorized {
            challenge: challenge.into(),
        }
    }

    /// The `WWW-Authenticate` value.
    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

impl StandardError {
    /// `StandardError::Unauthorized` with a `WWW-Authenticate` challenge: an
    /// [`Unauthorized`].
    ///
    /// ```
    /// use certifier_error::{CertifierError, StandardError};
    ///
    /// let error = StandardError::unauthorized(r#"Bearer realm="api""#);
    /// assert_eq!((error.status(), error.code()), (401, "unauthorized"));
    /// assert_eq!(error.challenge(), r#"Bearer realm="api""#);
    /// ```
    pub fn unauthorized(challenge: impl Into<alloc::string::String>) -> Unauthorized {
        Unauthorized::new(challenge)
    }
}
