//! A typed view of error responses: the application's own enum of the errors it acts on.

use crate::ErrorResponse;

/// The application's own enum of the errors a client acts on, built from an
/// [`ErrorResponse`] by its code, with a case that keeps every other response whole.
///
/// Write one `match` on the code in [`from_known`](Self::from_known), and name the
/// variant that keeps the rest in [`from_unknown`](Self::from_unknown); then
/// [`ErrorResponse::into_typed`] picks. A known code whose members do not decode (return
/// `None` for it, as `?` on [`extensions_as`](ErrorResponse::extensions_as)`.ok()` does)
/// goes to `from_unknown` too, so nothing the server said is lost.
///
/// ```
/// use std::time::Duration;
///
/// use certifier_error::{ErrorResponse, FromErrorResponse};
///
/// #[derive(Debug, serde::Deserialize)]
/// struct PlanLimit {
///     plan: String,
///     max_validity_days: u32,
/// }
///
/// #[derive(Debug)]
/// enum IssueError {
///     PlanLimit(PlanLimit),
///     RateLimited { retry_after: Option<Duration> },
///     /// Every other answer, whole: a code this client does not act on, or a proxy's page.
///     Other(ErrorResponse),
/// }
///
/// impl FromErrorResponse for IssueError {
///     fn from_known(response: &ErrorResponse) -> Option<Self> {
///         Some(match response.error.code.as_str() {
///             "plan_limit" => IssueError::PlanLimit(response.extensions_as().ok()?),
///             "rate_limited" => IssueError::RateLimited { retry_after: response.retry_after() },
///             _ => return None,
///         })
///     }
///
///     fn from_unknown(response: ErrorResponse) -> Self {
///         IssueError::Other(response)
///     }
/// }
///
/// let body = br#"{"error":{"code":"plan_limit","message":"m","plan":"free","max_validity_days":90}}"#;
/// match ErrorResponse::decode(402, body).into_typed() {
///     IssueError::PlanLimit(limit) => assert_eq!((limit.plan.as_str(), limit.max_validity_days), ("free", 90)),
///     other => panic!("{other:?}"),
/// }
///
/// let body = br#"{"error":{"code":"quota_exceeded","message":"New in a later version."}}"#;
/// match ErrorResponse::decode(403, body).into_typed::<IssueError>() {
///     IssueError::Other(response) => assert_eq!(response.error.code.as_str(), "quota_exceeded"),
///     other => panic!("{other:?}"),
/// }
///
/// // A known code without the members the variant needs stays whole as well.
/// let body = br#"{"error":{"code":"plan_limit","message":"m"}}"#;
/// assert!(matches!(ErrorResponse::decode(402, body).into_typed(), IssueError::Other(_)));
/// ```
pub trait FromErrorResponse: Sized {
    /// The value for a response this type has a variant for; `None` for any other.
    ///
    /// ```
    /// use certifier_error::{Code, ErrorResponse, FromErrorResponse};
    ///
    /// enum Retry {
    ///     Later,
    ///     Never(ErrorResponse),
    /// }
    ///
    /// impl FromErrorResponse for Retry {
    ///     fn from_known(response: &ErrorResponse) -> Option<Self> {
    ///         response.is_retryable().then_some(Retry::Later)
    ///     }
    ///     fn from_unknown(response: ErrorResponse) -> Self {
    ///         Retry::Never(response)
    ///     }
    /// }
    ///
    /// assert!(Retry::from_known(&ErrorResponse::decode(503, b"")).is_some());
    /// assert!(Retry::from_known(&ErrorResponse::decode(404, b"")).is_none());
    /// ```
    fn from_known(response: &ErrorResponse) -> Option<Self>;

    /// The value that keeps a response [`from_known`](Self::from_known) has no variant
    /// for.
    ///
    /// ```
    /// use certifier_error::{ErrorResponse, FromErrorResponse};
    ///
    /// struct Unhandled(ErrorResponse);
    ///
    /// impl FromErrorResponse for Unhandled {
    ///     fn from_known(_: &ErrorResponse) -> Option<Self> {
    ///         None
    ///     }
    ///     fn from_unknown(response: ErrorResponse) -> Self {
    ///         Unhandled(response)
    ///     }
    /// }
    ///
    /// let Unhandled(response) = Unhandled::from_unknown(ErrorResponse::decode(418, b""));
    /// assert_eq!(response.status, 418);
    /// ```
    fn from_unknown(response: ErrorResponse) -> Self;
}

impl ErrorResponse {
    /// The application's own error for this response; see [`FromErrorResponse`].
    ///
    /// Reads well after a decoder: `.map_err(ErrorResponse::into_typed)`.
    ///
    /// ```
    /// use certifier_error::{decode_response, ErrorResponse, FromErrorResponse};
    ///
    /// #[derive(Debug, PartialEq)]
    /// enum ShowError {
    ///     Missing,
    ///     Other(ErrorResponse),
    /// }
    ///
    /// impl FromErrorResponse for ShowError {
    ///     fn from_known(response: &ErrorResponse) -> Option<Self> {
    ///         (response.error.code.as_str() == "not_found").then_some(ShowError::Missing)
    ///     }
    ///     fn from_unknown(response: ErrorResponse) -> Self {
    ///         ShowError::Other(response)
    ///     }
    /// }
    ///
    /// let body = br#"{"error":{"code":"not_found","message":"m"}}"#;
    /// let shown: Result<String, ShowError> =
    ///     decode_response(404, body).map_err(ErrorResponse::into_typed);
    /// assert_eq!(shown, Err(ShowError::Missing));
    /// ```
    #[must_use]
    pub fn into_typed<E: FromErrorResponse>(self) -> E {
        match E::from_known(&self) {
            Some(known) => known,
            None => E::from_unknown(self),
        }
    }
}
