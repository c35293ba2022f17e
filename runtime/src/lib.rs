//! Errors in the Certifier API format, derived from annotated Rust types.
//!
//! Every error a Certifier-style service answers with has one JSON shape:
//!
//! ```json
//! {"error": {"code": "rate_limited", "message": "Too many requests.", "retryAfter": 30}}
//! ```
//!
//! `code` and `message` are always present; an endpoint may add members of its own
//! ("extensions"). [`derive@CertifierError`] turns an annotated enum or struct into the
//! status mapping, the code strings, the `Display` message, [`core::error::Error`] with
//! sources, and a [`serde::Serialize`] impl that writes the whole envelope.
//!
//! ```
//! use certifier_error::CertifierError;
//!
//! #[derive(Debug, CertifierError)]
//! #[certifier(rename_all = "camelCase")]
//! enum ApiError {
//!     #[certifier(code = "not_found")]
//!     NotFound,
//!     #[certifier(code = "rate_limited", message = "Too many requests; retry in {retry_after} s.")]
//!     RateLimited {
//!         #[certifier(extend)]
//!         retry_after: u64,
//!     },
//! }
//!
//! let error = ApiError::RateLimited { retry_after: 30 };
//! assert_eq!(error.status(), 429);
//! assert_eq!(error.code(), "rate_limited");
//! assert_eq!(error.to_string(), "Too many requests; retry in 30 s.");
//! assert_eq!(
//!     serde_json::to_string(&error).unwrap(),
//!     r#"{"error":{"code":"rate_limited","message":"Too many requests; retry in 30 s.","retryAfter":30}}"#,
//! );
//! assert_eq!(ApiError::NotFound.status(), 404);
//! ```
//!
//! Clients decode any error body with [`ErrorEnvelope`], which never fails on a code or a
//! member it does not know.
//!
//! # Features
//!
//! - `std` (default): implements the standard library's conveniences; without it the crate
//!   needs only `core` and `alloc`.
//! - `http` (default): [`CertifierError::status_code`] returns an [`http::StatusCode`].
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

// Lets this crate's own derives name it by its public path, as users' derives do.
extern crate self as certifier_error;

mod client;
mod code;
mod error;
mod standard;

#[doc(hidden)]
pub mod __private;

pub use crate::client::{ErrorEnvelope, ErrorObject, Extensions};
pub use crate::code::Code;
pub use crate::error::CertifierError;
pub use crate::standard::StandardError;

/// Derives [`CertifierError`](trait@CertifierError), `Display`, `Error`, `From` and
/// `Serialize` for an annotated enum or struct.
///
/// See the crate's README for the full attribute reference.
///
/// ```
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, CertifierError)]
/// #[certifier(status = 402, code = "plan_limit", message = "The {plan} plan allows {max} certificates.")]
/// struct PlanLimit {
///     plan: String,
///     #[certifier(extend)]
///     max: u32,
/// }
///
/// let error = PlanLimit { plan: "free".into(), max: 3 };
/// assert_eq!(error.status(), 402);
/// assert_eq!(
///     serde_json::to_string(&error).unwrap(),
///     r#"{"error":{"code":"plan_limit","message":"The free plan allows 3 certificates.","max":3}}"#,
/// );
/// ```
pub use certifier_error_macros::CertifierError;

#[cfg(feature = "http")]
pub use http;
