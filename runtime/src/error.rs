use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{Debug, Display};

use serde::ser::SerializeMap;

use crate::client::{ErrorEnvelope, ErrorObject, Extensions};
use crate::Code;

/// An error that knows its Certifier status, code, public message and extension members.
///
/// Implement it with `#[derive(CertifierError)]`. `Display` writes the public message, so
/// `to_string()` is the message. The trait is object safe: a `Box<dyn CertifierError>`
/// still gives its status, code, message and full envelope.
///
/// ```
/// use certifier_error::{CertifierError, StandardError};
///
/// let errors: Vec<Box<dyn CertifierError>> = vec![
///     Box::new(StandardError::NotFound),
///     Box::new(StandardError::RateLimited),
/// ];
/// let statuses: Vec<u16> = errors.iter().map(|e| e.status()).collect();
/// assert_eq!(statuses, [404, 429]);
/// assert_eq!(errors[1].code(), "rate_limited");
/// let envelope = errors[0].to_envelope().unwrap();
/// assert_eq!(envelope.error.code, certifier_error::Code::NotFound);
/// ```
pub trait CertifierError: Display + Debug {
    /// The HTTP status of the response that carries this error.
    ///
    /// ```
    /// use certifier_error::{CertifierError, StandardError};
    /// assert_eq!(StandardError::Conflict.status(), 409);
    /// ```
    fn status(&self) -> u16;

    /// The snake_case Certifier code, such as `"validation_error"`.
    ///
    /// ```
    /// use certifier_error::{CertifierError, StandardError};
    /// assert_eq!(StandardError::ValidationError.code(), "validation_error");
    /// ```
    fn code(&self) -> &str;

    /// The HTTP status as an [`http::StatusCode`].
    ///
    /// A status outside the valid range (which the derive never produces) becomes
    /// `500 Internal Server Error`.
    ///
    /// ```
    /// use certifier_error::{CertifierError, StandardError};
    /// assert_eq!(StandardError::Unauthorized.status_code(), http::StatusCode::UNAUTHORIZED);
    /// ```
    #[cfg(feature = "http")]
    fn status_code(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// Writes the extension members into the error object being serialised, in field
    /// order, after `code` and `message`.
    ///
    /// This is the allocation-free path the derived `Serialize` uses; it is not available
    /// on a `dyn CertifierError`, which uses
    /// [`extension_members`](Self::extension_members) instead.
    ///
    /// ```
    /// use certifier_error::CertifierError;
    /// use serde::ser::{SerializeMap, Serializer};
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(code = "rate_limited")]
    /// struct Slow {
    ///     #[certifier(extend)]
    ///     retry_after: u64,
    /// }
    ///
    /// let mut out = Vec::new();
    /// let mut serializer = serde_json::Serializer::new(&mut out);
    /// let mut map = serializer.serialize_map(None).unwrap();
    /// Slow { retry_after: 5 }.serialize_extensions(&mut map).unwrap();
    /// SerializeMap::end(map).unwrap();
    /// assert_eq!(out, br#"{"retry_after":5}"#);
    /// ```
    fn serialize_extensions<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>
    where
        Self: Sized,
    {
        let _ = map;
        Ok(())
    }

    /// The extension members with their JSON values, in field order.
    ///
    /// Object safe, so it works on a `dyn CertifierError`, whose `Serialize` writes these;
    /// it allocates the names and values. Fails only where a member's value cannot be
    /// represented as JSON (a map with non-string keys, or a `Serialize` impl that
    /// reports an error).
    ///
    /// ```
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(code = "rate_limited")]
    /// struct Slow {
    ///     #[certifier(extend)]
    ///     retry_after: u64,
    ///     #[certifier(extend)]
    ///     limit: u32,
    /// }
    ///
    /// let error: &dyn CertifierError = &Slow { retry_after: 5, limit: 100 };
    /// let members = error.extension_members().unwrap();
    /// assert_eq!(members[0], ("retry_after".to_owned(), serde_json::json!(5)));
    /// assert_eq!(members[1], ("limit".to_owned(), serde_json::json!(100)));
    /// ```
    fn extension_members(&self) -> Result<Vec<(String, serde_json::Value)>, serde_json::Error> {
        Ok(Vec::new())
    }

    /// The extension members as a JSON object (whose key order is that of
    /// [`Extensions`]; see [`extension_members`](Self::extension_members) for field order).
    ///
    /// Object safe; allocates the map.
    ///
    /// ```
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(code = "rate_limited")]
    /// struct Slow {
    ///     #[certifier(extend)]
    ///     retry_after: u64,
    /// }
    ///
    /// let error: &dyn CertifierError = &Slow { retry_after: 5 };
    /// let members = error.extensions().unwrap();
    /// assert_eq!(members["retry_after"], 5);
    /// ```
    fn extensions(&self) -> Result<Extensions, serde_json::Error> {
        Ok(self.extension_members()?.into_iter().collect())
    }

    /// The whole envelope as the client-side type: code, message and extension members.
    ///
    /// Object safe; allocates the message and the members.
    ///
    /// ```
    /// use certifier_error::{CertifierError, Code, StandardError};
    ///
    /// let envelope = StandardError::Forbidden.to_envelope().unwrap();
    /// assert_eq!(envelope.error.code, Code::Forbidden);
    /// assert_eq!(envelope.error.message, StandardError::Forbidden.to_string());
    /// ```
    fn to_envelope(&self) -> Result<ErrorEnvelope, serde_json::Error> {
        Ok(ErrorEnvelope {
            error: ErrorObject {
                code: Code::from(self.code()),
                message: self.to_string(),
                extensions: self.extensions()?,
            },
        })
    }
}

macro_rules! forward_through_pointer {
    ($($pointer:ty),*) => {$(
        impl<T: CertifierError + ?Sized> CertifierError for $pointer {
            fn status(&self) -> u16 {
                (**self).status()
            }

            fn code(&self) -> &str {
                (**self).code()
            }

            fn serialize_extensions<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                crate::__private::serialize_dyn_extensions(&**self, map)
            }

            fn extension_members(
                &self,
            ) -> Result<Vec<(String, serde_json::Value)>, serde_json::Error> {
                (**self).extension_members()
            }
        }
    )*};
}

// A pointer to an error is an error: lets a transparent variant hold a
// `Box<dyn CertifierError>` or share one behind an `Arc`.
forward_through_pointer!(&T, Box<T>, alloc::sync::Arc<T>);

macro_rules! serialize_dyn {
    ($($object:ty),*) => {$(
        /// Serialises the whole envelope of a trait object. Allocates the members
        /// (see [`CertifierError::extensions`]); derived types serialise without.
        impl serde::Serialize for $object {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::__private::serialize_envelope(&self, serializer)
            }
        }
    )*};
}

serialize_dyn!(
    dyn CertifierError + '_,
    dyn CertifierError + Send + '_,
    dyn CertifierError + Send + Sync + '_
);
