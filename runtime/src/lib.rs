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
//! Its page is the reference of every attribute it takes.
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
//! Every derived type also lists the errors it can answer with in its
//! [`ErrorCatalogue`], a constant built at compile time, which renders as a Markdown table
//! or as JSON (see the [`catalogue`] module and `cargo run --example catalogue`).
//!
//! # What reaches the response
//!
//! Messages are shown to end users, so nothing reaches the JSON unless its author asked:
//!
//! - a field is serialised only when it is marked `extend` or `flatten`; other fields,
//!   the type's `Debug` output and its sources (`#[source]`, `#[from]`, a field named
//!   `source`) never are, and sources cannot be marked;
//! - a field reaches the message only where the message names it;
//! - a server error's message (status 5xx, including the default 500 of
//!   `internal_server_error`) cannot name the variant's source: the text of an I/O,
//!   database or upstream error can describe the server's internals. Naming it is a
//!   compile error unless the variant says `allow_source_in_message`. A client error's
//!   (4xx) message may name its source, which is usually about the request, such as a
//!   JSON syntax error. The source stays available to logs through `Error::source()`.
//!
//! ```compile_fail
//! use certifier_error::CertifierError;
//!
//! #[derive(Debug, CertifierError)]
//! enum ApiError {
//!     // error: `Database` answers with status 500, a server error, so its message
//!     // must not show its source `{0}`
//!     #[certifier(code = "internal_server_error", message = "Query failed: {0}")]
//!     Database(#[from] std::io::Error),
//! }
//! ```
//!
//! ```
//! use std::error::Error as _;
//!
//! use certifier_error::{CertifierError, StandardError};
//!
//! #[derive(Debug)]
//! struct DeclineReason(&'static str);
//!
//! impl std::fmt::Display for DeclineReason {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         f.write_str(self.0)
//!     }
//! }
//!
//! impl std::error::Error for DeclineReason {}
//!
//! #[derive(Debug, CertifierError)]
//! enum ApiError {
//!     // The source stays out of the response, and in `source()` for the logs.
//!     #[certifier(code = "internal_server_error")]
//!     Database(#[from] std::io::Error),
//!
//!     // Opted in: the provider's decline reasons are written for end users.
//!     #[certifier(
//!         code = "internal_server_error",
//!         status = 502,
//!         message = "The payment provider declined: {0}",
//!         allow_source_in_message
//!     )]
//!     Declined(#[source] DeclineReason),
//! }
//!
//! let error = ApiError::from(std::io::Error::other("disk /var/lib/db is full"));
//! assert_eq!(error.to_string(), StandardError::InternalServerError.to_string());
//! assert!(!serde_json::to_string(&error).unwrap().contains("/var/lib/db"));
//! assert!(error.source().unwrap().to_string().contains("/var/lib/db"));
//!
//! let error = ApiError::Declined(DeclineReason("card expired"));
//! assert_eq!(error.to_string(), "The payment provider declined: card expired");
//! ```
//!
//! # Features
//!
//! - `std` (default): implements the standard library's conveniences; without it the crate
//!   needs only `core` and `alloc`.
//! - `http` (default): `CertifierError::status_code()` returns an `http::StatusCode`,
//!   and `certifier_error::http` re-exports the `http` crate.
//! - `axum`: every derived type answers in axum as its envelope; see the `axum` module.
//! - `actix-web`: every derived type is an actix-web `ResponseError`; see the
//!   `actix_web` module.
//! - `tracing`: the integrations log every error response they build, with its
//!   `source()` chain; see [`server::answer`].
//! - `utoipa`: every derived type implements `utoipa::IntoResponses` (one response per
//!   status, an example envelope per code), and [`ErrorEnvelope`], [`ErrorObject`] and
//!   [`Code`] implement `utoipa::ToSchema`.
//! - `reqwest`: `certifier_json()` reads a whole reqwest response, its size bounded, as
//!   the expected type or an [`ErrorResponse`]; see the `reqwest` module.
//! - `schemars`: every derived type implements `schemars::JsonSchema` (its envelope, with
//!   its codes and, per code, its extension members' schemas), and so do
//!   [`ErrorEnvelope`], [`ErrorObject`], [`Code`] and [`Violation`].
//! - `validator` and `garde`: a report of either crate becomes [`Violations`], the
//!   `validation_error` that lists what is wrong in its `errors` member.
#![cfg_attr(not(feature = "std"), no_std)]
// docs.rs marks each feature-gated item with its feature (nightly only).
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

// Lets this crate's own derives name it by its public path, as users' derives do.
extern crate self as certifier_error;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix_web;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
pub mod catalogue;
mod code;
mod envelope;
mod error;
mod log_level;
mod openapi;
#[cfg(feature = "reqwest")]
pub mod reqwest;
mod response;
pub mod server;
mod standard;
mod typed;
mod violation;

#[doc(hidden)]
pub mod __private;

pub use crate::catalogue::ErrorCatalogue;
pub use crate::code::Code;
#[allow(deprecated)]
pub use crate::envelope::{ErrorEnvelope, ErrorObject, ExtensionMap, Extensions};
pub use crate::error::{CertifierError, Message};
pub use crate::log_level::LogLevel;
pub use crate::standard::{StandardError, Unauthorized};
pub use crate::violation::{Violation, Violations};

pub use crate::response::{decode_response, ErrorResponse, MAX_EXCERPT_LEN};
pub use crate::typed::FromErrorResponse;

// The attribute reference, in a file of its own; its examples run as doctests.
#[doc = include_str!("docs/derive.md")]
pub use certifier_error_macros::CertifierError;

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use http;
