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
//!     serde_json::to_string(&error)?,
//!     r#"{"error":{"code":"rate_limited","message":"Too many requests; retry in 30 s.","retryAfter":30}}"#,
//! );
//! assert_eq!(ApiError::NotFound.status(), 404);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Clients decode any error body with [`ErrorEnvelope`], which never fails on a code or a
//! member it does not know.
//!
//! Every derived type also lists the errors it can answer with in its
//! [`ErrorCatalogue`], a constant built at compile time, which renders as a Markdown table
//! or as JSON (see the [`catalogue`] module and `cargo run --example catalogue`).
//!
//! # Features
//!
//! | feature | what it adds | Rust |
//! |---|---|---|
//! | `std` (default) | the standard library's conveniences; without it, `core` and `alloc` only | 1.81 |
//! | `http` (default) | `CertifierError::status_code()`, the [`server`] module's query decoding, `certifier_error::http` (the `http` crate) | 1.81 |
//! | `axum` = `axum-0_8` | `IntoResponse` for every derived type; the `axum` module: layers, extractors, fallback | 1.81 |
//! | `actix-web` = `actix-web-4` | `ResponseError` for every derived type; the `actix_web` module: middleware, extractors, default service | 1.81 |
//! | `tracing` | every error response the integrations build is logged with its `source()` chain ([`server::answer`]) | 1.81 |
//! | `utoipa` = `utoipa-5` | `IntoResponses` for every derived type; `ToSchema` for [`ErrorEnvelope`], [`ErrorObject`], [`Code`] | 1.81 |
//! | `schemars` = `schemars-1` | `JsonSchema` for every derived type and the envelope types | 1.81 |
//! | `reqwest` = `reqwest-0_13` | the `reqwest` module: `certifier_json()` reads a response as `T` or an [`ErrorResponse`] | 1.81 |
//! | `validator` = `validator-0_21` | `From<validator::ValidationErrors>` for [`Violations`] | 1.88 |
//! | `garde` = `garde-0_23` | `From<garde::Report>` for [`Violations`] | 1.87 |
//! | `tonic` = `tonic-0_14` | `From<E> for tonic::Status` with google.rpc details for every derived type; `ErrorResponse::from_status`; the `tonic` module: `StatusLayer` | 1.88 |
//! | `fluent` | the `fluent` module: Fluent translations of every message, chosen by `Accept-Language`; `with_translations` on the envelope layers | 1.82 |
//!
//! Each integration's feature names the version of the crate it supports; the name without
//! a version is an alias that keeps its meaning until the next major release of this crate.
//! A type that writes an integration's impl by hand says `#[certifier(skip_impl(...))]`.
//!
//! # Where to start
//!
//! | to | use |
//! |---|---|
//! | declare the errors of an API | [`derive@CertifierError`] (its page is the attribute reference) |
//! | answer with the standard codes | [`StandardError`], [`Code`] |
//! | report what is wrong with a request | [`Violations`], [`Violation`] |
//! | serve the envelope | the `axum` and `actix_web` modules, or [`server`] for another stack |
//! | read errors on the client side | [`ErrorResponse`], [`ErrorEnvelope`], [`FromErrorResponse`] |
//! | list and lock the codes an API answers with | [`ErrorCatalogue`], the [`catalogue`] module and its `lock` |
//!
//! # Guides
//!
//! The [`guide`] module holds one page per topic, each with examples that run as tests:
//! [declaring errors](guide::attributes), [porting a thiserror enum](guide::from_thiserror),
//! [what the framework integrations answer](guide::serving),
//! [problem details](guide::problem_details), [logs](guide::logs),
//! [the catalogue and its lock file](guide::catalogue),
//! [what never reaches a response](guide::nothing_leaks) and
//! [the compile errors everyone meets once](guide::common_mistakes). The pages on
//! [axum](guide/axum/index.html), [actix-web](guide/actix_web/index.html),
//! [the envelope layers](guide/envelope/index.html),
//! [validation](guide/validation/index.html), [clients](guide/clients/index.html),
//! [gRPC](guide/grpc/index.html), [OpenAPI](guide/openapi/index.html),
//! [the error reference, served](guide/error_reference/index.html) and
//! [messages in the user's language](guide/localisation/index.html) are built with
//! their integrations' features, as on docs.rs.
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
//! assert!(!serde_json::to_string(&error)?.contains("/var/lib/db"));
//! assert!(error.source().unwrap().to_string().contains("/var/lib/db"));
//!
//! let error = ApiError::Declined(DeclineReason("card expired"));
//! assert_eq!(error.to_string(), "The payment provider declined: card expired");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
#![cfg_attr(not(feature = "std"), no_std)]
// docs.rs marks each feature-gated item with its feature (nightly only).
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

// Lets this crate's own derives name it by its public path, as users' derives do.
extern crate self as certifier_error;

#[cfg(feature = "actix-web-4")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web-4")))]
pub mod actix_web;
#[cfg(feature = "axum-0_8")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum-0_8")))]
pub mod axum;
pub mod catalogue;
mod choice;
mod code;
mod envelope;
mod error;
#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
pub mod fluent;
pub mod guide;
mod log_level;
mod openapi;
mod problem;
#[cfg(feature = "reqwest-0_13")]
pub mod reqwest;
mod response;
pub mod server;
mod standard;
#[cfg(feature = "tonic-0_14")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic-0_14")))]
pub mod tonic;
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
pub use crate::problem::ProblemDetails;
pub use crate::standard::{StandardError, Unauthorized};
pub use crate::violation::{Violation, Violations};

pub use crate::response::{decode_response, ErrorResponse, MAX_EXCERPT_LEN};
pub use crate::typed::FromErrorResponse;

// The attribute reference, in a file of its own; its examples run as doctests. The
// `fluent` feature picks the derive's entry point that also writes the hidden
// `translatable` method, so a build without translations never compiles it.
#[cfg(not(feature = "fluent"))]
#[doc = include_str!("docs/derive.md")]
pub use certifier_error_macros::CertifierError;
#[cfg(feature = "fluent")]
#[doc = include_str!("docs/derive.md")]
pub use certifier_error_macros::CertifierErrorWithTranslations as CertifierError;

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use http;
