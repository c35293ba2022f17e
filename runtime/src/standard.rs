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
