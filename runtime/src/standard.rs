use crate::code::code_table;
use crate::{CertifierError, Code};

/// Defines [`StandardError`] from the rows of the code table: each variant carries its
/// row's doc comment and its code and canonical status; the derive gives it the code's
/// default message (and checks that the status is one the code may be answered with).
macro_rules! define_standard_error {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $code:literal, $status:literal
            $(, bare [$($bare:literal),+] $why:literal)?;
    )*) => {
        /// One unit variant per code of the Certifier table, each with its canonical status
        /// and a neutral default message.
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
        ///     serde_json::to_string(&error)?,
        ///     r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#,
        /// );
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, CertifierError)]
        #[non_exhaustive]
        pub enum StandardError {
            $(
                $(#[doc = $doc])*
                #[certifier(code = $code, status = $status)]
                $variant,
            )*
        }

        impl StandardError {
            /// Every variant, in the order of the code table.
            ///
            /// A slice, not an array: a later version that adds a code changes its length,
            /// and no code that compiles today depends on that length.
            ///
            /// ```
            /// use certifier_error::{CertifierError, StandardError};
            /// assert_eq!(StandardError::ALL.len(), 12);
            /// assert!(StandardError::ALL.iter().all(|e| (400..600).contains(&e.status())));
            /// ```
            pub const ALL: &'static [StandardError] = &[$(StandardError::$variant),*];

            /// The standard error for a known code; `None` for a code this version does not
            /// know.
            ///
            /// ```
            /// use certifier_error::{Code, StandardError};
            /// assert_eq!(StandardError::from_code(&Code::Conflict), Some(StandardError::Conflict));
            /// assert_eq!(StandardError::from_code(&Code::from("teapot")), None);
            /// ```
            pub fn from_code(code: &Code) -> Option<Self> {
                // By the string, as `Code`'s equality goes: a hand-built
                // `Code::Other("conflict")` is `conflict` too.
                match code.as_str() {
                    $($code => Some(StandardError::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

code_table!(define_standard_error);

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
    #[must_use]
    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;

    use super::*;
    use crate::ErrorCatalogue;

    #[test]
    fn each_variant_documents_its_row() {
        // The derive reads the docs into the catalogue only when they are literals.
        for (error, entry) in StandardError::ALL
            .iter()
            .zip(StandardError::CATALOGUE.iter())
        {
            let summary = format!("`{} {}`: ", entry.status(), entry.code());
            assert!(entry.docs().starts_with(&summary), "{}", entry.docs());
            assert_eq!(entry.variant(), format!("StandardError::{error:?}"));
        }
        assert_eq!(StandardError::CATALOGUE.len(), Code::KNOWN.len());
    }

    #[test]
    fn from_code_goes_by_the_string() {
        for code in Code::KNOWN {
            let standard = StandardError::from_code(code).unwrap();
            assert_eq!(standard.code(), code.as_str());
            let other = Code::Other(code.as_str().into());
            assert_eq!(StandardError::from_code(&other), Some(standard));
        }
        assert_eq!(StandardError::from_code(&Code::from("teapot")), None);
    }
}
