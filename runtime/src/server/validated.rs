//! What the validated extractors of both framework modules share: the extractors they
//! wrap, their rejection, and the checks.

use crate::{CertifierError, Violations};

/// An extractor of this crate that the validated extractors (`Valid`, `Garde` in the
/// `axum` and `actix_web` modules) can wrap: `Json`, `Query`, `Form` and `Path`.
///
/// It gives the value to check, and where a failed rule is located in the answer: by
/// `pointer` for a JSON body, by `parameter` for a query, a form or a path. Sealed: the
/// validated extractors answer for the rejections of these four only.
///
/// ```
/// use certifier_error::axum::{Json, Query};
/// use certifier_error::server::Input;
///
/// assert_eq!(*Json(3).value(), 3);
/// assert_eq!(Query("q").value(), &"q");
/// ```
pub trait Input: sealed::Sealed {
    /// The extracted value, which the validated extractor checks.
    type Value;

    /// Whether failed rules are reported as parameters rather than pointers.
    #[doc(hidden)]
    const PARAMETERS: bool;

    /// The extracted value.
    fn value(&self) -> &Self::Value;
}

pub(crate) mod sealed {
    /// Only this crate's extractors are [`Input`](super::Input)s.
    pub trait Sealed {}
}

/// Implements [`Input`] for extractors whose value is their field `0`, each with
/// whether it reports parameters.
macro_rules! inputs {
    ($($wrapper:ident: $parameters:literal),+ $(,)?) => {$(
        impl<T> crate::server::validated::sealed::Sealed for $wrapper<T> {}

        impl<T> crate::server::Input for $wrapper<T> {
            type Value = T;
            const PARAMETERS: bool = $parameters;

            fn value(&self) -> &T {
                &self.0
            }
        }
    )+};
}
pub(crate) use inputs;

/// Why a validated extractor refused the request: its inner extractor's rejection, as
/// that extractor answers it, or the rules the value broke, as `400 validation_error`
/// with an `errors` item per failed rule (see [`Violations`]).
///
/// ```
/// use certifier_error::server::{QueryRejection, ValidRejection};
/// use certifier_error::{CertifierError, Violation, Violations};
///
/// let error: ValidRejection<QueryRejection> =
///     ValidRejection::Invalid(Violation::at_parameter("too_short", "q").into());
/// assert_eq!((error.status(), error.code()), (400, "validation_error"));
/// assert_eq!(
///     serde_json::to_string(&error)?,
///     concat!(
///         r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","#,
///         r#""errors":[{"code":"too_short","message":"This value is too short.","parameter":"q"}]}}"#,
///     ),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, CertifierError)]
#[non_exhaustive]
pub enum ValidRejection<R> {
    /// The inner extractor's rejection, answered as that extractor answers it.
    #[certifier(transparent)]
    Extract(R),
    /// The rules the extracted value broke.
    #[certifier(transparent)]
    Invalid(Violations),
}

/// `violations`, located as `X` reports them.
fn located<X: Input>(violations: Violations) -> Violations {
    if X::PARAMETERS {
        violations
            .into_iter()
            .map(crate::Violation::into_parameter)
            .collect()
    } else {
        violations
    }
}

/// Checks `input`'s value with validator.
#[cfg(feature = "validator-0_21")]
pub(crate) fn check_validator<X>(input: &X) -> Result<(), Violations>
where
    X: Input,
    X::Value: validator::Validate,
{
    validator::Validate::validate(input.value()).map_err(|report| located::<X>(report.into()))
}

/// Checks `input`'s value with garde, in the default context.
#[cfg(feature = "garde-0_23")]
pub(crate) fn check_garde<X>(input: &X) -> Result<(), Violations>
where
    X: Input,
    X::Value: garde::Validate,
    <X::Value as garde::Validate>::Context: Default,
{
    garde::Validate::validate(input.value()).map_err(|report| located::<X>(report.into()))
}
